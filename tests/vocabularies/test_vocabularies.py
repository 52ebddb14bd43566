"""Named vocabularies: stable tokens (stored on content) and French titles."""

from zope.component import getUtility
from zope.i18n import translate
from zope.schema.interfaces import IVocabularyFactory

import pytest


def terms(name, portal):
    return getUtility(IVocabularyFactory, name)(portal)


def titles_fr(vocabulary):
    return {
        term.token: translate(term.title, target_language="fr") for term in vocabulary
    }


@pytest.mark.parametrize(
    "name,tokens",
    [
        # Stored on content: these tokens must never change (only be added to).
        (
            "imio.pressbook.vocabulary.Outlets",
            {
                "le-soir",
                "la-libre",
                "la-derniere-heure",
                "l-avenir",
                "sudinfo",
                "l-echo",
                "rtbf-info",
                "rtl-tvi",
                "belga",
                "other",
            },
        ),
        (
            "imio.pressbook.vocabulary.Assemblies",
            {
                "parlement-wallonie",
                "parlement-fwb",
                "chambre",
                "senat",
                "parlement-bruxelles",
                "parlement-europeen",
            },
        ),
        (
            "imio.pressbook.vocabulary.QuestionTypes",
            {"written", "oral", "topical", "urgent", "interpellation"},
        ),
        (
            "imio.pressbook.vocabulary.AnswerKinds",
            {"final", "holding", "complementary", "correction"},
        ),
        (
            "imio.pressbook.vocabulary.PaperVersionAccess",
            {"public", "authenticated", "editors"},
        ),
    ],
)
def test_vocabulary_keeps_its_tokens(portal, name, tokens):
    vocabulary = terms(name, portal)
    assert tokens <= {term.token for term in vocabulary}
    # the token is the stored value
    assert all(term.value == term.token for term in vocabulary)


def test_question_types_in_french(portal):
    assert titles_fr(terms("imio.pressbook.vocabulary.QuestionTypes", portal)) == {
        "written": "Question écrite",
        "oral": "Question orale",
        "topical": "Question d'actualité",
        "urgent": "Question urgente",
        "interpellation": "Interpellation",
    }


def test_answer_kinds_in_french(portal):
    titles = titles_fr(terms("imio.pressbook.vocabulary.AnswerKinds", portal))
    assert titles["final"] == "Réponse"
    assert titles["holding"] == "Réponse d'attente"


def test_assemblies_in_french(portal):
    titles = titles_fr(terms("imio.pressbook.vocabulary.Assemblies", portal))
    assert titles["parlement-wallonie"] == "Parlement de Wallonie"
    assert titles["chambre"] == "Chambre des représentants de Belgique"


def test_outlets_keep_their_proper_names(portal):
    titles = titles_fr(terms("imio.pressbook.vocabulary.Outlets", portal))
    assert titles["la-derniere-heure"] == "La Dernière Heure"
    assert titles["le-soir"] == "Le Soir"


def test_every_title_translated_in_french(portal):
    """No English label left for the site's French-speaking users."""
    for name in ("QuestionTypes", "AnswerKinds", "Assemblies", "PaperVersionAccess"):
        for term in terms(f"imio.pressbook.vocabulary.{name}", portal):
            assert (
                translate(term.title, target_language="fr") != str(term.title)
                or term.token == "interpellation"
            ), (name, term.token)
