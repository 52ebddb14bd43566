"""REST serialization of a parliamentary question: the fields, plus its status."""

from imio.pressbook.content.parliamentary_question import answer_status
from imio.pressbook.content.parliamentary_question import IParliamentaryQuestion
from imio.pressbook.interfaces import IImioPressbookLayer
from imio.pressbook.question_status import answer_deadlines
from imio.pressbook.question_status import answer_due_date
from imio.pressbook.question_status import OVERDUE
from imio.pressbook.question_status import question_status
from plone.restapi.interfaces import ISerializeToJson
from plone.restapi.serializer.dxcontent import SerializeToJson
from zope.component import adapter
from zope.interface import implementer


@implementer(ISerializeToJson)
@adapter(IParliamentaryQuestion, IImioPressbookLayer)
class SerializeParliamentaryQuestionToJson(SerializeToJson):
    """Adds ``answer_status`` (``awaiting`` or ``answered``), derived, read-only,
    ``answer_due_date`` (the last day of the assembly's answer deadline, or
    null) and ``answer_overdue`` (awaiting past it: ``question_status``).

    The answers are serialized by plone.restapi as stored: a list of
    ``{"date": "2015-09-07", "answered_by", "kind", "text"}``.
    """

    def __call__(self, version=None, *args, **kwargs):
        result = super().__call__(version, *args, **kwargs)
        obj = self.getVersion("current" if version is None else version)
        result["answer_status"] = answer_status(getattr(obj, "answers", None))
        deadlines = answer_deadlines(obj)
        due = answer_due_date(
            obj.assembly, obj.question_type, obj.question_date, deadlines
        )
        result["answer_due_date"] = due.isoformat() if due else None
        result["answer_overdue"] = question_status(obj, deadlines) == OVERDUE
        return result
