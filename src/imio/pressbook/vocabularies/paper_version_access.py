"""Who may open the scan of a press article's paper version."""

from imio.pressbook import _
from imio.pressbook.vocabularies import make_vocabulary
from zope.interface import provider
from zope.schema.interfaces import IVocabularyFactory


PAPER_VERSION_ACCESS = (
    ("public", _("Everybody, visitors included")),
    ("authenticated", _("Logged-in users")),
    ("editors", _("Only those who may edit the article")),
)


@provider(IVocabularyFactory)
def PaperVersionAccessVocabularyFactory(context=None):
    return make_vocabulary(PAPER_VERSION_ACCESS)
