"""What the upgrade steps take from the profile leaves what a site has: the
catalog import keeps the lexicons' words (French text search still finds the
items after an upgrade), and an action is added alone."""

from imio.pressbook.upgrades.profile_parts import add_action
from imio.pressbook.upgrades.profile_parts import import_catalog
from plone import api
from Products.CMFCore.indexing import processQueue

import datetime
import pytest


PROFILE = "imio.pressbook:default"


@pytest.fixture
def book(portal):
    with api.env.adopt_roles(["Manager"]):
        book = api.content.create(
            portal, "imio.pressbook.PressBook", id="medias", title="Dans les médias"
        )
        api.content.create(
            book,
            "imio.pressbook.PressArticle",
            id="guichet",
            title="Un guichet unique pour les communes",
            publication_date=datetime.date(2024, 3, 12),
            outlet="le-soir",
        )
    processQueue()
    return book


def found(word):
    catalog = api.portal.get_tool("portal_catalog")
    return [
        brain.getId for brain in catalog.unrestrictedSearchResults(pressbook_text=word)
    ]


def test_generic_setup_alone_empties_the_lexicon(book):
    """Why import_catalog exists: the plain import step forgets the words."""
    assert found("guichets") == ["guichet"]
    setup = api.portal.get_tool("portal_setup")
    setup.runImportStepFromProfile(
        f"profile-{PROFILE}", "catalog", run_dependencies=False
    )
    assert found("guichets") == []


def test_import_catalog_keeps_the_words(book):
    catalog = api.portal.get_tool("portal_catalog")
    catalog.delColumn("has_scan")  # something to add
    import_catalog()
    assert "has_scan" in catalog.schema()
    assert found("guichets") == ["guichet"]


def test_every_upgrade_from_1004_keeps_french_text_search(book):
    setup = api.portal.get_tool("portal_setup")
    with api.env.adopt_roles(["Manager"]):
        setup.setLastVersionForProfile(PROFILE, "1004")
        setup.upgradeProfile(PROFILE)
    assert setup.getLastVersionForProfile(PROFILE) == (
        setup.getVersionForProfile(PROFILE),
    )
    assert found("guichets") == ["guichet"]


def test_add_action_adds_that_action_only(book):
    actions = api.portal.get_tool("portal_actions").document_actions
    del actions["pressbook_stats"]
    actions.pressbook_rss.title = "Flux du site"  # what a site changed
    assert add_action("document_actions", "pressbook_stats")
    assert actions.pressbook_stats.title == "Statistics"
    assert "@@pressbook-stats" in actions.pressbook_stats.url_expr
    assert actions.pressbook_rss.title == "Flux du site"
    assert not add_action("document_actions", "pressbook_stats")  # there already
