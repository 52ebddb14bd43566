"""Answer status of a parliamentary question.

``AnswerStatuses``: what is stored and indexed, derived from the answers
(Collections' criterion). ``AnswerStatusFilters``: what the press section
filters and counts on, with ``overdue`` derived when asked
(``imio.pressbook.question_status``).
"""

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
# imio.pressbook.question_status.OVERDUE (not imported: that module reads
# the assemblies, which read the vocabularies)
ANSWER_STATUS_FILTERS = (
    *ANSWER_STATUSES,
    ("overdue", _("Answer overdue")),
)


@provider(IVocabularyFactory)
def AnswerStatusesVocabularyFactory(context=None):
    return make_vocabulary(ANSWER_STATUSES)


@provider(IVocabularyFactory)
def AnswerStatusFiltersVocabularyFactory(context=None):
    return make_vocabulary(ANSWER_STATUS_FILTERS)
