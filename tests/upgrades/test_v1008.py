"""Upgrade 1004 -> 1008 on a site with articles: the catalog learns which
have a scan, and the listing shows their thumbnails."""

from datetime import date
from imio.pressbook.browser.views.thumbnail import thumbnail_url
from imio.pressbook.themes import themes_taxonomy
from lxml import html
from plone import api
from plone.namedfile.file import NamedBlobFile

import pytest


PROFILE = "imio.pressbook:default"
CRITERION = "plone.app.querystring.field.taxonomy_themes"


@pytest.fixture
def old_site(portal):
    """A site at 1004: two articles, one with a public scan, and a catalog
    without the ``has_scan`` column."""
    with api.env.adopt_roles(["Manager"]):
        book = api.content.create(
            portal, "imio.pressbook.PressBook", id="medias", title="Dans les médias"
        )
        for id, scan in (("avec-scan", True), ("sans-scan", False)):
            article = api.content.create(
                book,
                "imio.pressbook.PressArticle",
                id=id,
                title=id,
                publication_date=date(2014, 1, 21),
                outlet="la-derniere-heure",
            )
            if scan:
                article.paper_version = NamedBlobFile(
                    b"%PDF-1.4\n", contentType="application/pdf", filename="dh.pdf"
                )
                article.paper_version_access = "public"
            api.content.transition(article, "publish")
        catalog = api.portal.get_tool("portal_catalog")
        catalog.delColumn("has_scan")
        # the names of before: the shipped taxonomy "Mots-clés", the
        # criterion collective.taxonomy generates in a group "Taxonomy"
        themes_taxonomy(portal).title = "Mots-clés"
        registry = api.portal.get_tool("portal_registry")
        registry[f"{CRITERION}.title"] = "Mots-clés"
        registry[f"{CRITERION}.group"] = "Taxonomy"
        api.portal.get_tool("portal_setup").setLastVersionForProfile(PROFILE, "1004")
    return book


def test_the_upgrade_tells_the_catalog_which_articles_have_a_scan(old_site, request_fr):
    catalog = api.portal.get_tool("portal_catalog")
    assert "has_scan" not in catalog.schema()
    setup = api.portal.get_tool("portal_setup")
    with api.env.adopt_roles(["Manager"]):
        setup.upgradeProfile(PROFILE, dest="1008")
    assert setup.getLastVersionForProfile(PROFILE) == ("1008",)
    found = {
        brain.getId: brain.has_scan
        for brain in catalog(portal_type="imio.pressbook.PressArticle")
    }
    assert found == {"avec-scan": True, "sans-scan": False}
    request_fr.form.clear()
    page = html.fromstring(api.content.get_view("view", old_site, request_fr)())
    assert [img.get("src") for img in page.cssselect("img.pressbook-thumbnail")] == [
        thumbnail_url(old_site["avec-scan"])
    ]


def test_the_upgrade_calls_the_themes_themes(old_site):
    setup = api.portal.get_tool("portal_setup")
    with api.env.adopt_roles(["Manager"]):
        setup.upgradeProfile(PROFILE, dest="1008")
    assert themes_taxonomy(old_site).title == "Thèmes"
    registry = api.portal.get_tool("portal_registry")
    assert registry[f"{CRITERION}.title"] == "Thèmes"
    assert registry[f"{CRITERION}.group"] == "Presse"
