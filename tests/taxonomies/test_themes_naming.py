"""One name for the themes everywhere: "Thèmes" in the forms, the listing's
filters, the pages, the Collection criteria, REST and the taxonomy itself;
the free keywords stay "Mots-clés"."""

from datetime import date
from imio.pressbook.setuphandlers.themes import name_themes
from imio.pressbook.themes import themes_taxonomy
from lxml import html
from plone import api
from plone.app.querystring.interfaces import IQuerystringRegistryReader
from plone.registry.interfaces import IRegistry
from plone.restapi.types.utils import get_jsonschema_for_portal_type
from zope.component import getMultiAdapter
from zope.component import getUtility

import pytest


ARTICLE = "imio.pressbook.PressArticle"


def text_of(element):
    return " ".join(element.text_content().split())


@pytest.fixture
def article(portal):
    with api.env.adopt_roles(["Manager"]):
        book = api.content.create(
            portal, "imio.pressbook.PressBook", id="medias", title="Dans les médias"
        )
        article = api.content.create(
            book,
            ARTICLE,
            id="article",
            title="Article",
            publication_date=date(2014, 1, 21),
            outlet="le-soir",
            themes=["logiciels-libres"],
        )
        article.setSubject(["IMIO"])
        article.reindexObject()
    return article


def test_the_listing_and_the_page_say_themes(article, request_fr):
    book = article.aq_parent
    request_fr.form.clear()
    with api.env.adopt_roles(["Manager"]):
        listing = html.fromstring(api.content.get_view("view", book, request_fr)())
        page = html.fromstring(api.content.get_view("view", article, request_fr)())
    legends = [
        text_of(legend)
        for legend in listing.cssselect(
            ".pressbook-facet h3, .pressbook-facet legend, .pressbook-facet h2"
        )
    ]
    assert "Thèmes" in legends
    assert text_of(page.cssselect("#pressbook-keywords h2")[0]) == "Thèmes et mots-clés"


def test_the_form_and_rest_say_themes(article, request_fr):
    schema = get_jsonschema_for_portal_type(ARTICLE, article, request_fr)
    assert schema["properties"]["themes"]["title"] == "Thèmes"
    assert schema["properties"]["subjects"]["title"] != "Thèmes"


def test_the_collection_criteria_say_themes_in_the_press_group(portal, request_fr):
    registry = getUtility(IRegistry)
    fields = getMultiAdapter((registry, request_fr), IQuerystringRegistryReader)()[
        "indexes"
    ]
    assert fields["themes"]["title"] == "Thèmes"
    assert fields["themes"]["group"] == "Presse"
    # collective.taxonomy's own criterion (hidden): no "Taxonomy" group
    assert fields["taxonomy_themes"]["title"] == "Thèmes"
    assert fields["taxonomy_themes"]["group"] == "Presse"
    assert fields["taxonomy_themes"]["enabled"] is False
    titles = [field["title"] for field in fields.values()]
    assert "Mots-clés" not in titles
    assert "Taxonomy" not in [field["group"] for field in fields.values()]


def test_the_taxonomy_is_called_themes(portal):
    assert themes_taxonomy(portal).title == "Thèmes"


def test_a_title_an_administrator_chose_is_kept(portal):
    taxonomy = themes_taxonomy(portal)
    taxonomy.title = "Thématiques de la commune"
    name_themes(portal)
    assert taxonomy.title == "Thématiques de la commune"
