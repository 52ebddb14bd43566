"""The press search reads French: plurals, capitals and accents do not matter,
and Plone's own SearchableText keeps its behaviour for every type."""

from datetime import date
from imio.pressbook.indexers.text import FrenchStemmer
from imio.pressbook.search import parse_criteria
from imio.pressbook.search import search
from plone import api

import pytest


@pytest.fixture
def book(portal):
    with api.env.adopt_roles(["Manager"]):
        book = api.content.create(
            portal, "imio.pressbook.PressBook", id="medias", title="Dans les médias"
        )
        items = {
            "guichet": "Un guichet unique pour les citoyens",
            "guichets": "Les guichets de l'administration communale",
            "ecole": "La nouvelle école communale de Namur",
            "activite": "Rapport d'activité du CPAS",
            "mutualisation": "La mutualisation informatique",
        }
        for number, (name, title) in enumerate(items.items()):
            api.content.create(
                book,
                "imio.pressbook.PressArticle",
                id=name,
                title=title,
                publication_date=date(2020, 1, 1 + number),
                outlet="le-soir",
            )
        api.content.create(
            book,
            "imio.pressbook.ParliamentaryQuestion",
            id="question",
            title="L'accueil aux guichets des CPAS",
            assembly="parlement-wallonie",
            question_type="written",
            question_date=date(2021, 3, 1),
            asked_by="DUPONT Jean-Marc",
            addressed_to="FURLAN Paul",
        )
        api.content.create(
            portal, "Document", id="page", title="Les guichets de la commune"
        )
    return book


def found(book, text):
    result = search(book, parse_criteria(book, {"SearchableText": text}))
    return sorted(brain.getId for brain in result.brains)


@pytest.mark.parametrize(
    "text", ["guichet", "guichets", "Guichet", "GUICHETS", "guichét"]
)
def test_plural_capitals_and_accents_find_the_singular(book, text):
    assert found(book, text) == ["guichet", "guichets", "question"]


@pytest.mark.parametrize("text", ["ecole", "école", "écoles", "Ecoles"])
def test_a_word_without_its_accent_finds_it_with(book, text):
    assert found(book, text) == ["ecole"]


@pytest.mark.parametrize("text", ["activite", "activité", "activités"])
def test_accents_inside_a_suffix(book, text):
    assert found(book, text) == ["activite"]


def test_a_prefix_still_finds_the_longer_words(book):
    # the listing searches as Plone does: each word is a prefix
    assert found(book, "mutual") == ["mutualisation"]
    assert found(book, "guich") == ["guichet", "guichets", "question"]


def test_all_words_must_match(book):
    assert found(book, "guichets citoyens") == ["guichet"]
    assert found(book, "guichets CPAS") == ["question"]


def test_a_quoted_phrase_is_stemmed_too(book):
    assert found(book, '"nouvelles écoles"') == ["ecole"]
    assert found(book, '"école communale"') == ["ecole"]
    assert found(book, '"école nouvelle"') == []


def test_a_word_found_nowhere_finds_nothing(book):
    assert found(book, "piscines") == []


def test_relevance_puts_the_item_saying_it_most_first(book):
    with api.env.adopt_roles(["Manager"]):
        api.content.create(
            book,
            "imio.pressbook.PressArticle",
            id="dossier",
            title="Guichets: le guichet de demain, des guichets partout",
            publication_date=date(2019, 1, 1),
            outlet="le-soir",
        )
    result = search(book, parse_criteria(book, {"SearchableText": "guichets"}))
    assert result.brains[0].getId == "dossier"
    assert result.total == 4


def test_plone_searchable_text_is_unchanged(book):
    """Plone's own index keeps its lexicon: no stemming for anyone."""
    catalog = api.portal.get_tool("portal_catalog")
    ids = sorted(brain.getId for brain in catalog(SearchableText="guichets"))
    assert ids == ["guichets", "page", "question"]  # not "guichet"
    ids = sorted(brain.getId for brain in catalog(SearchableText="guichét"))
    assert ids == ["guichet"]  # accents ignored, as Plone always did
    lexicon = catalog.plone_lexicon
    assert not any(isinstance(e, FrenchStemmer) for e in lexicon._pipeline)


def test_only_press_items_are_in_the_press_text_index(book):
    catalog = api.portal.get_tool("portal_catalog")
    ids = sorted(brain.getId for brain in catalog(pressbook_text="guichet"))
    assert ids == ["guichet", "guichets", "question"]


def test_renaming_an_outlet_is_found_in_french(book):
    """The control panel's rename reindexes the press text too."""
    rows = api.portal.get_registry_record("imio.pressbook.outlets")
    for row in rows:
        if row["token"] == "le-soir":
            row["name"] = "Les Échos communaux"
    api.portal.set_registry_record("imio.pressbook.outlets", rows)
    assert "guichet" in found(book, "echo")
