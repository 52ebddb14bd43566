"""Kinds of answer to a parliamentary question."""

from imio.pressbook import _
from imio.pressbook.vocabularies import make_vocabulary
from zope.interface import provider
from zope.schema.interfaces import IVocabularyFactory


ANSWER_KINDS = (
    ("final", _("Answer")),
    ("holding", _("Holding answer")),
    ("complementary", _("Complementary answer")),
    ("correction", _("Corrected answer")),
)


@provider(IVocabularyFactory)
def AnswerKindsVocabularyFactory(context=None):
    return make_vocabulary(ANSWER_KINDS)
