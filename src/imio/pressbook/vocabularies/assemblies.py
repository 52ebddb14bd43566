"""Parliamentary assemblies: Belgian and European.

Site administrators manage them in the "Presse" control panel; they are rows
of the registry record ``imio.pressbook.assemblies``. The rows below are the
defaults a new site starts with. ``answer_deadline`` is the number of calendar
days a minister has to answer a written question, where the assembly's rules
set one (20 working days in the Parliament of Wallonia, six weeks in the
European Parliament).

The tokens are stored on the questions: never change one, add a new one instead.
"""

from imio.pressbook.vocabularies.managed import rows_vocabulary
from imio.pressbook.vocabularies.managed import stored_rows
from zope.interface import provider
from zope.schema.interfaces import IVocabularyFactory


RECORD = "imio.pressbook.assemblies"


def _assembly(token, name, short_name, website, answer_deadline=None):
    return {
        "token": token,
        "name": name,
        "short_name": short_name,
        "website": website,
        "answer_deadline": answer_deadline,
    }


DEFAULT_ASSEMBLIES = (
    _assembly(
        "parlement-wallonie",
        "Parlement de Wallonie",
        "PW",
        "https://www.parlement-wallonie.be",
        28,
    ),
    _assembly(
        "parlement-fwb",
        "Parlement de la Fédération Wallonie-Bruxelles",
        "PFWB",
        "https://www.pfwb.be",
    ),
    _assembly(
        "chambre",
        "Chambre des représentants de Belgique",
        "Chambre",
        "https://www.lachambre.be",
    ),
    _assembly("senat", "Sénat de Belgique", "Sénat", "https://www.senate.be"),
    _assembly(
        "parlement-bruxelles",
        "Parlement de la Région de Bruxelles-Capitale",
        "PRBC",
        "https://www.parlement.brussels",
    ),
    _assembly(
        "parlement-cocof",
        "Parlement francophone bruxellois (COCOF)",
        "PFB",
        "https://www.parlementfrancophone.brussels",
    ),
    _assembly(
        "parlement-germanophone",
        "Parlement de la Communauté germanophone",
        "PDG",
        "https://www.pdg.be",
    ),
    _assembly(
        "parlement-flamand",
        "Parlement flamand",
        "VP",
        "https://www.vlaamsparlement.be",
    ),
    _assembly(
        "parlement-europeen",
        "Parlement européen",
        "PE",
        "https://www.europarl.europa.eu",
        42,
    ),
)

# (token, name) pairs of the defaults
ASSEMBLIES = tuple((row["token"], row["name"]) for row in DEFAULT_ASSEMBLIES)


def assembly_rows(context=None):
    """The assemblies of the site: dicts with token, name, short_name, website, answer_deadline."""
    return stored_rows(RECORD, DEFAULT_ASSEMBLIES, context)


@provider(IVocabularyFactory)
def AssembliesVocabularyFactory(context=None):
    return rows_vocabulary(assembly_rows(context))
