"""Upgrade 1002 -> 1003 on a site with content: the press items' French text
index is added and filled, the themes index gets each item's themes with their
parents; the other indexes keep their content."""

from datetime import date
from imio.pressbook.search import parse_criteria
from imio.pressbook.search import search
from plone import api

import pytest


PROFILE = "imio.pressbook:default"


@pytest.fixture
def old_site(portal):
    """A site at 1002 with press items: no press text index nor lexicon."""
    with api.env.adopt_roles(["Manager"]):
        book = api.content.create(
            portal, "imio.pressbook.PressBook", id="medias", title="Dans les médias"
        )
        for number, (title, themes) in enumerate(
            [
                ("Les guichets de la commune", ["tutelle"]),
                ("Une école communale", ["logiciels-libres"]),
                ("Le budget", []),
            ]
        ):
            api.content.create(
                book,
                "imio.pressbook.PressArticle",
                id=f"article-{number}",
                title=title,
                publication_date=date(2020, 1, 1 + number),
                outlet="le-soir",
                themes=themes,
            )
    catalog = api.portal.get_tool("portal_catalog")
    catalog.delIndex("pressbook_text")
    catalog.manage_delObjects(["pressbook_lexicon"])
    # the themes index held the items' own themes only
    catalog._catalog.getIndex("themes").indexed_attrs = ["themes"]
    catalog.manage_reindexIndex(ids=["themes"])
    assert len(catalog(themes="informatique")) == 0
    api.portal.get_tool("portal_setup").setLastVersionForProfile(PROFILE, "1002")
    return portal


def run_upgrade():
    setup = api.portal.get_tool("portal_setup")
    with api.env.adopt_roles(["Manager"]):
        setup.upgradeProfile(PROFILE, dest="1003")
    return setup


def found(book, text):
    result = search(book, parse_criteria(book, {"SearchableText": text}))
    return sorted(brain.getId for brain in result.brains)


def test_a_fresh_install_has_the_french_text_index(portal):
    catalog = api.portal.get_tool("portal_catalog")
    assert "pressbook_text" in catalog.indexes()
    assert "pressbook_lexicon" in catalog.objectIds()


def test_upgrade_indexes_the_existing_items_in_french(old_site):
    catalog = api.portal.get_tool("portal_catalog")
    assert "pressbook_text" not in catalog.indexes()
    setup = run_upgrade()
    assert setup.getLastVersionForProfile(PROFILE) == ("1003",)
    book = old_site["medias"]
    assert found(book, "guichet") == ["article-0"]
    assert found(book, "ecoles") == ["article-1"]
    themes = catalog._catalog.getIndex("themes")
    assert list(themes.getIndexSourceNames()) == ["pressbook_themes"]
    assert [brain.getId for brain in catalog(themes="informatique")] == ["article-1"]
    assert [brain.getId for brain in catalog(themes="pouvoirs-locaux")] == ["article-0"]
    # the other indexes were not emptied by the catalog step
    assert len(catalog(outlet="le-soir")) == 3
    assert len(catalog(SearchableText="budget")) == 1


def test_upgrade_twice_changes_nothing(old_site):
    run_upgrade()
    api.portal.get_tool("portal_setup").setLastVersionForProfile(PROFILE, "1002")
    run_upgrade()
    assert found(old_site["medias"], "guichets") == ["article-0"]
