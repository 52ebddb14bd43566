"""The set a search starts from (every press item below the path that the
user may see) is kept between searches only for the committed state of the
catalog, the same roles and the same minute: what the catalog would answer."""

from DateTime import DateTime
from datetime import date
from imio.pressbook.search import fast
from imio.pressbook.search import parse_criteria
from imio.pressbook.search import PRESS_TYPES
from imio.pressbook.search import search
from plone import api
from plone.app.testing import login
from plone.app.testing import logout
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from plone.app.testing import TEST_USER_NAME

import pytest
import transaction


@pytest.fixture
def book(functional):
    """Four published articles and a private one, committed."""
    portal = functional["portal"]
    setRoles(portal, TEST_USER_ID, ["Manager"])
    login(portal, TEST_USER_NAME)
    book = api.content.create(
        portal, "imio.pressbook.PressBook", id="medias", title="Dans les médias"
    )
    api.content.transition(book, "publish")
    for number in range(5):
        article = api.content.create(
            book,
            "imio.pressbook.PressArticle",
            id=f"article-{number}",
            title=f"Article {number}",
            publication_date=date(2020, 2, 1 + number),
            outlet="le-soir",
        )
        if number:
            api.content.transition(article, "publish")
    transaction.commit()
    return book


def base_set(book):
    catalog = api.portal.get_tool("portal_catalog")
    path = "/".join(book.getPhysicalPath())
    return fast._base_set(catalog, {"path": path, "portal_type": list(PRESS_TYPES)})


def visitor_total(book):
    logout()
    try:
        return search(book, parse_criteria(book, {})).total
    finally:
        login(api.portal.get(), TEST_USER_NAME)


def test_kept_for_the_same_roles_and_not_shared_with_other_roles(book):
    logout()
    assert len(base_set(book)) == 4
    assert len(base_set(book)) == 4  # asked again
    login(api.portal.get(), TEST_USER_NAME)
    manager = base_set(book)
    assert len(manager) == 5  # the private article too
    assert visitor_total(book) == 4


def test_a_committed_publication_is_seen(book):
    assert visitor_total(book) == 4
    api.content.transition(book["article-0"], "publish")
    transaction.commit()
    assert visitor_total(book) == 5


def test_uncommitted_changes_are_seen_and_not_kept(book):
    assert visitor_total(book) == 4
    api.content.transition(book["article-0"], "publish")
    assert visitor_total(book) == 5
    transaction.abort()
    assert visitor_total(book) == 4


def test_an_expired_item_leaves_when_the_catalog_says_so(book):
    assert visitor_total(book) == 4
    article = book["article-1"]
    article.expiration_date = DateTime() - 1
    article.reindexObject()
    transaction.commit()
    assert visitor_total(book) == 3


def test_an_item_published_from_the_next_minute_shows_then(book, monkeypatch):
    article = book["article-0"]
    api.content.transition(article, "publish")
    article.effective_date = DateTime() + 1 / 1440.0
    article.reindexObject()
    transaction.commit()
    assert visitor_total(book) == 4
    later = DateTime() + 2 / 1440.0
    # the clock of the catalog's publication dates and of the fast path
    monkeypatch.setattr("Products.CMFPlone.CatalogTool.DateTime", lambda: later)
    monkeypatch.setattr(fast, "DateTime", lambda: later)
    assert visitor_total(book) == 5


def test_kept_through_an_edit_of_the_facets_only(book):
    """An item's outlet changed and committed: the base set (which no facet
    changes) is given again, and the facet counts follow the edit."""
    logout()
    first = base_set(book)
    login(api.portal.get(), TEST_USER_NAME)
    article = book["article-1"]
    article.outlet = "la-libre"
    article.reindexObject(idxs=["outlet", "outlet_kind"])
    transaction.commit()
    logout()
    try:
        assert base_set(book) is first
        facets = search(book, parse_criteria(book, {})).facets
        assert facets["outlet"] == {"le-soir": 3, "la-libre": 1}
    finally:
        login(api.portal.get(), TEST_USER_NAME)


def test_read_again_after_an_edit_the_base_query_asks(book):
    """A change of an index the base query asks (here the item's
    publication, through allowedRolesAndUsers and review state) reads the
    set again."""
    logout()
    first = base_set(book)
    login(api.portal.get(), TEST_USER_NAME)
    api.content.transition(book["article-1"], "retract")
    transaction.commit()
    logout()
    try:
        assert base_set(book) is not first
        assert len(base_set(book)) == 3
    finally:
        login(api.portal.get(), TEST_USER_NAME)
