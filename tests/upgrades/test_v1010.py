"""Upgrade 1004 -> 1010 on a site with content: the statistics' indexes are
added and filled for the existing items, only they (nothing else is
reindexed), the statistics' document action appears, and the statistics
equal those of a new site."""

from imio.pressbook.search import count_statistics
from imio.pressbook.search import parse_criteria
from imio.pressbook.upgrades.v1010 import QUESTION_INDEXES
from plone import api
from plone.app.testing import logout
from Products.CMFCore.indexing import processQueue
from tests.stats.conftest import create_items

import pytest


PROFILE = "imio.pressbook:default"


@pytest.fixture
def book(portal):
    with api.env.adopt_roles(["Manager"]):
        book = api.content.create(
            portal, "imio.pressbook.PressBook", id="medias", title="Dans les médias"
        )
        api.content.transition(book, "publish")
    create_items(book)
    return book


@pytest.fixture
def old_site(portal, book):
    """The same site at 1004: without the new indexes nor the action."""
    processQueue()  # the items are in the catalog before the upgrade
    catalog = api.portal.get_tool("portal_catalog")
    with api.env.adopt_roles(["Manager"]):
        for index in QUESTION_INDEXES:
            catalog.delIndex(index)
        del api.portal.get_tool("portal_actions").document_actions["pressbook_stats"]
        api.portal.get_tool("portal_setup").setLastVersionForProfile(PROFILE, "1004")
    return book


def run_upgrade():
    setup = api.portal.get_tool("portal_setup")
    with api.env.adopt_roles(["Manager"]):
        setup.upgradeProfile(PROFILE, dest="1010")
    return setup


def figures(book):
    logout()
    found = count_statistics(book, parse_criteria(book, {}))
    return found.total, found.counts, found.delays


def test_upgrade_fills_the_new_indexes_and_gives_the_same_figures(
    portal, old_site, book
):
    catalog = api.portal.get_tool("portal_catalog")
    assert "pressbook_month" not in catalog.indexes()
    setup = run_upgrade()
    assert setup.getLastVersionForProfile(PROFILE) == ("1010",)
    for index in QUESTION_INDEXES:
        assert index in catalog.indexes()
    assert len(catalog.uniqueValuesFor("pressbook_month")) == 5
    assert sorted(catalog.uniqueValuesFor("pressbook_answer_delay")) == [
        2,
        7,
        10,
        20,
        30,
        60,
    ]
    assert "pressbook_stats" in api.portal.get_tool("portal_actions").document_actions
    total, counts, delays = figures(book)
    assert total == 10
    assert counts["addressed_to"] == {"FURLAN Paul": 4, "DE CROO Alexander": 2}
    assert counts["asked_by_group"] == {"MR": 4, "PS": 1}
    assert delays["all"] == {None: [2, 7, 10, 20, 30]}


def test_figures_after_the_upgrade_equal_a_new_site(portal, book):
    """The figures of a new site (the profile's indexes, filled as items are
    added), then of the same site upgraded from 1004."""
    new_site = figures(book)
    catalog = api.portal.get_tool("portal_catalog")
    with api.env.adopt_roles(["Manager"]):
        for index in QUESTION_INDEXES:
            catalog.delIndex(index)
        api.portal.get_tool("portal_setup").setLastVersionForProfile(PROFILE, "1004")
    run_upgrade()
    assert figures(book) == new_site


def test_only_the_new_indexes_are_reindexed(old_site, book):
    """A title changed without reindexing stays as the catalog knew it: the
    upgrade reindexed the new indexes, not the title nor the metadata."""
    catalog = api.portal.get_tool("portal_catalog")
    question = book["q1"]
    question.title = "Un titre que le catalogue ignore"
    run_upgrade()
    (brain,) = catalog.unrestrictedSearchResults(UID=question.UID())
    assert brain.Title == "Élément q1"
    assert not catalog.unrestrictedSearchResults(SearchableText="ignore")
    assert catalog.unrestrictedSearchResults(
        asked_by="DUPONT Jean-Marc", UID=question.UID()
    )


def test_upgrade_twice_is_harmless(old_site, book):
    run_upgrade()
    before = figures(book)
    api.portal.get_tool("portal_setup").setLastVersionForProfile(PROFILE, "1004")
    run_upgrade()
    assert figures(book) == before
