"""Answer status of a parliamentary question (derived from its answers, indexed)."""

from imio.pressbook import _
from imio.pressbook.content.parliamentary_question import ANSWER_STATUS_ANSWERED
from imio.pressbook.content.parliamentary_question import ANSWER_STATUS_AWAITING
from imio.pressbook.vocabularies import make_vocabulary
from zope.interface import provider
from zope.schema.interfaces import IVocabularyFactory


ANSWER_STATUSES = (
    (ANSWER_STATUS_AWAITING, _("Awaiting an answer")),
    (ANSWER_STATUS_ANSWERED, _("Answered")),
)


@provider(IVocabularyFactory)
def AnswerStatusesVocabularyFactory(context=None):
    return make_vocabulary(ANSWER_STATUSES)
