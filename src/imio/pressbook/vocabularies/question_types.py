"""Types of parliamentary question."""

from imio.pressbook import _
from imio.pressbook.vocabularies import make_vocabulary
from zope.interface import provider
from zope.schema.interfaces import IVocabularyFactory


QUESTION_TYPES = (
    ("written", _("Written question")),
    ("oral", _("Oral question")),
    ("topical", _("Topical question")),
    ("urgent", _("Urgent question")),
    ("interpellation", _("Interpellation")),
)


@provider(IVocabularyFactory)
def QuestionTypesVocabularyFactory(context=None):
    return make_vocabulary(QUESTION_TYPES)
