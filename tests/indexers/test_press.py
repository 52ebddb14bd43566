"""Catalog: listings read brains (dates, outlet, assembly, ... as metadata),
SearchableText covers every text field, answers included."""

from datetime import date
from datetime import datetime
from plone import api
from plone.app.textfield.value import RichTextValue

import pytest


@pytest.fixture
def book(portal):
    with api.env.adopt_roles(["Manager"]):
        return api.content.create(
            portal, "imio.pressbook.PressBook", id="medias", title="Dans les médias"
        )


@pytest.fixture
def article(book):
    with api.env.adopt_roles(["Manager"]):
        article = api.content.create(
            book,
            "imio.pressbook.PressArticle",
            id="article",
            title="IMIO simplifie la vie des communes",
            description="Chapeau de l'article",
            publication_date=date(2014, 1, 21),
            outlet="la-derniere-heure",
            journalist="C. Ti.",
            page="p. 12, Régions",
            text=RichTextValue(
                "<p>Les <strong>logiciels libres</strong> mutualisés</p>",
                "text/html",
                "text/x-html-safe",
            ),
        )
        # as the categorization behaviour stores keywords (forms and REST alike)
        article.setSubject(("IMIO", "mutualisation"))
        article.reindexObject()
        return article


@pytest.fixture
def question(book):
    with api.env.adopt_roles(["Manager"]):
        return api.content.create(
            book,
            "imio.pressbook.ParliamentaryQuestion",
            id="question",
            title="Les partenariats sollicités par l'intercommunale IMIO",
            assembly="parlement-wallonie",
            question_type="written",
            session="2014-2015",
            year=2015,
            number="518 (2014-2015) 1",
            question_date=date(2015, 7, 10),
            asked_by="DUPONT Jean-Marc",
            asked_by_group="Groupe Exemple",
            addressed_to="FURLAN Paul",
            addressee_role="Ministre des Pouvoirs locaux",
            question_text=RichTextValue(
                "<p>Quelle collaboration avec la DTIC ?</p>",
                "text/html",
                "text/x-html-safe",
            ),
            answers=[
                {
                    "date": date(2015, 8, 1),
                    "answered_by": "FURLAN Paul",
                    "kind": "holding",
                    "text": "Réponse d'attente",
                },
                {
                    "date": date(2015, 9, 7),
                    "answered_by": "FURLAN Paul",
                    "kind": "final",
                    "text": "Syndicat technologique",
                },
            ],
        )


def brain(obj):
    (result,) = api.content.find(UID=obj.UID())
    return result


def test_article_metadata(article):
    result = brain(article)
    assert result.pressbook_date == datetime(2014, 1, 21)
    assert result.pressbook_year == 2014
    assert result.outlet == "la-derniere-heure"
    assert result.journalist == "C. Ti."


def test_question_metadata(question):
    result = brain(question)
    assert result.pressbook_date == datetime(2015, 7, 10)
    assert result.pressbook_year == 2015
    assert result.assembly == "parlement-wallonie"
    assert result.question_type == "written"
    assert result.session == "2014-2015"
    assert result.number == "518 (2014-2015) 1"
    assert result.asked_by == "DUPONT Jean-Marc"
    assert result.addressed_to == "FURLAN Paul"
    assert result.answer_status == "answered"


def test_indexes_filter_and_sort(article, question):
    assert [b.getId for b in api.content.find(outlet="la-derniere-heure")] == [
        "article"
    ]
    assert [b.getId for b in api.content.find(assembly="parlement-wallonie")] == [
        "question"
    ]
    assert [b.getId for b in api.content.find(question_type="written")] == ["question"]
    assert [b.getId for b in api.content.find(session="2014-2015")] == ["question"]
    assert [b.getId for b in api.content.find(pressbook_year=2014)] == ["article"]
    newest_first = api.content.find(
        portal_type=[
            "imio.pressbook.PressArticle",
            "imio.pressbook.ParliamentaryQuestion",
        ],
        sort_on="pressbook_date",
        sort_order="descending",
    )
    assert [b.getId for b in newest_first] == ["question", "article"]


def test_answer_status_is_derived_and_reindexed(question):
    assert [b.getId for b in api.content.find(answer_status="answered")] == ["question"]
    question.answers = [question.answers[0]]  # only the holding answer is left
    question.reindexObject()
    assert question.answer_status == "awaiting"
    assert [b.getId for b in api.content.find(answer_status="awaiting")] == ["question"]
    question.answers = []
    question.reindexObject()
    assert brain(question).answer_status == "awaiting"


def test_answer_status_cannot_be_typed_in(question):
    with pytest.raises(AttributeError):
        question.answer_status = "answered"


@pytest.mark.parametrize(
    "words",
    [
        "simplifie",  # title
        "Chapeau",  # lead
        "logiciels",  # rich text
        "Ti",  # journalist
        "Régions",  # page
        "Dernière",  # outlet title
        "mutualisation",  # keyword
    ],
)
def test_article_searchable_text(article, words):
    assert [b.getId for b in api.content.find(SearchableText=words)] == ["article"]


@pytest.mark.parametrize(
    "words",
    [
        "partenariats",  # title
        "DTIC",  # question text
        "Syndicat technologique",  # answer text
        "attente",  # holding answer
        "DUPONT",  # asked_by
        "Exemple",  # group
        "FURLAN",  # addressed_to / answered_by
        "518",  # number
        "Wallonie",  # assembly, in the site's language
    ],
)
def test_question_searchable_text(question, words):
    assert [b.getId for b in api.content.find(SearchableText=words)] == ["question"]


def test_searchable_text_without_site_hook(portal, question):
    """Indexing may run at commit time, after the site hook is unset."""
    from plone.indexer.interfaces import IIndexer
    from zope.component import getMultiAdapter
    from zope.component.hooks import getSite
    from zope.component.hooks import setSite

    catalog = api.portal.get_tool("portal_catalog")
    indexer = getMultiAdapter((question, catalog), IIndexer, name="SearchableText")
    site = getSite()
    setSite(None)
    try:
        text = indexer()
    finally:
        setSite(site)
    assert "Parlement de Wallonie" in text
    assert "DTIC" in text
