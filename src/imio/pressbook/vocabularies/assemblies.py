"""Parliamentary assemblies: Belgian and European.

The tokens are stored on the questions: never change one, add a new one instead.
"""

from imio.pressbook import _
from imio.pressbook.vocabularies import make_vocabulary
from zope.interface import provider
from zope.schema.interfaces import IVocabularyFactory


ASSEMBLIES = (
    ("parlement-wallonie", _("Parliament of Wallonia")),
    ("parlement-fwb", _("Parliament of the Wallonia-Brussels Federation")),
    ("chambre", _("Belgian Chamber of Representatives")),
    ("senat", _("Belgian Senate")),
    ("parlement-bruxelles", _("Parliament of the Brussels-Capital Region")),
    ("parlement-cocof", _("Parliament of the French Community Commission (COCOF)")),
    ("parlement-germanophone", _("Parliament of the German-speaking Community")),
    ("parlement-flamand", _("Flemish Parliament")),
    ("parlement-europeen", _("European Parliament")),
)


@provider(IVocabularyFactory)
def AssembliesVocabularyFactory(context=None):
    return make_vocabulary(ASSEMBLIES)
