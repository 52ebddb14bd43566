"""REST serialization of a parliamentary question: the fields, plus its status."""

from imio.pressbook.content.parliamentary_question import answer_status
from imio.pressbook.content.parliamentary_question import IParliamentaryQuestion
from imio.pressbook.interfaces import IImioPressbookLayer
from plone.restapi.interfaces import ISerializeToJson
from plone.restapi.serializer.dxcontent import SerializeToJson
from zope.component import adapter
from zope.interface import implementer


@implementer(ISerializeToJson)
@adapter(IParliamentaryQuestion, IImioPressbookLayer)
class SerializeParliamentaryQuestionToJson(SerializeToJson):
    """Adds ``answer_status`` (``awaiting`` or ``answered``), derived, read-only.

    The answers are serialized by plone.restapi as stored: a list of
    ``{"date": "2015-09-07", "answered_by", "kind", "text"}``.
    """

    def __call__(self, version=None, *args, **kwargs):
        result = super().__call__(version, *args, **kwargs)
        obj = self.getVersion("current" if version is None else version)
        result["answer_status"] = answer_status(getattr(obj, "answers", None))
        return result
