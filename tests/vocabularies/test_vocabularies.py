"""Named vocabularies: stable tokens (stored on content) and French titles."""

from imio.pressbook import _
from imio.pressbook.vocabularies.assemblies import ASSEMBLIES
from imio.pressbook.vocabularies.outlets import OUTLETS
from plone import api
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
            "imio.pressbook.vocabulary.OutletKinds",
            {"daily", "weekly", "online", "radio", "tv", "agency"},
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
    for name in ("QuestionTypes", "AnswerKinds", "PaperVersionAccess"):
        for term in terms(f"imio.pressbook.vocabulary.{name}", portal):
            assert (
                translate(term.title, target_language="fr") != str(term.title)
                or term.token == "interpellation"
            ), (name, term.token)


def test_outlet_kinds_are_messages_of_the_add_on(portal):
    """Labelled in the site's language by the add-on's catalog."""
    vocabulary = terms("imio.pressbook.vocabulary.OutletKinds", portal)
    assert [term.token for term in vocabulary] == [
        "daily",
        "weekly",
        "online",
        "radio",
        "tv",
        "agency",
    ]
    assert {term.title.domain for term in vocabulary} == {"imio.pressbook"}
    assert titles_fr(vocabulary)["daily"] == translate(
        _("Daily newspaper"), target_language="fr"
    )


# Outlets and assemblies: rows of the "Presse" control panel


def test_outlets_and_assemblies_are_the_rows_of_the_registry(portal):
    registry = api.portal.get_tool("portal_registry")
    for name, record in (
        ("Outlets", "imio.pressbook.outlets"),
        ("Assemblies", "imio.pressbook.assemblies"),
    ):
        vocabulary = terms(f"imio.pressbook.vocabulary.{name}", portal)
        assert [(term.token, term.title) for term in vocabulary] == [
            (row["token"], row["name"]) for row in registry[record]
        ]


def test_a_renamed_outlet_keeps_its_token(portal):
    registry = api.portal.get_tool("portal_registry")
    rows = [dict(row) for row in registry["imio.pressbook.outlets"]]
    rows[0]["name"] = "Le Soir Bruxelles"
    rows.append(dict(rows[0], token="le-courrier", name="Le Courrier"))
    registry["imio.pressbook.outlets"] = rows
    vocabulary = terms("imio.pressbook.vocabulary.Outlets", portal)
    assert vocabulary.getTerm("le-soir").title == "Le Soir Bruxelles"
    assert vocabulary.getTerm("le-courrier").title == "Le Courrier"
    assert vocabulary.getTermByToken("le-soir").value == "le-soir"


def test_the_defaults_hold_until_the_records_exist(portal):
    """A site not upgraded yet (no records) still knows every stored token."""
    registry = api.portal.get_tool("portal_registry")
    del registry.records["imio.pressbook.outlets"]
    del registry.records["imio.pressbook.assemblies"]
    outlets = terms("imio.pressbook.vocabulary.Outlets", portal)
    assemblies = terms("imio.pressbook.vocabulary.Assemblies", portal)
    assert [(term.token, term.title) for term in outlets] == list(OUTLETS)
    assert [(term.token, term.title) for term in assemblies] == list(ASSEMBLIES)
