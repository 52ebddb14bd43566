"""The facet counts of the fast path, which keeps index values between
searches for the committed state of the indexes, follow every edit, deletion
and uncommitted change, as a brute-force count does."""

from collections import Counter
from datetime import date
from imio.pressbook.search import parse_criteria
from imio.pressbook.search import search
from plone import api
from plone.app.testing import login
from plone.app.testing import logout
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from plone.app.testing import TEST_USER_NAME

import pytest
import transaction


OUTLETS = ["le-soir", "la-libre", "l-avenir"]


@pytest.fixture
def book(functional):
    """Nine published articles, committed."""
    portal = functional["portal"]
    setRoles(portal, TEST_USER_ID, ["Manager"])
    login(portal, TEST_USER_NAME)
    book = api.content.create(
        portal, "imio.pressbook.PressBook", id="medias", title="Dans les médias"
    )
    api.content.transition(book, "publish")
    for number in range(9):
        article = api.content.create(
            book,
            "imio.pressbook.PressArticle",
            id=f"article-{number}",
            title=f"Article {number}",
            publication_date=date(2020 + number % 3, 2, 1 + number),
            outlet=OUTLETS[number % 3],
        )
        api.content.transition(article, "publish")
    transaction.commit()
    return book


def counts(book):
    """The outlet and year counts a visitor gets, and the brute-force ones."""
    login(api.portal.get(), TEST_USER_NAME)
    items = [
        obj for obj in book.objectValues() if api.content.get_state(obj) == "published"
    ]
    expected = {
        "outlet": dict(Counter(obj.outlet for obj in items)),
        "year": dict(Counter(obj.publication_date.year for obj in items)),
    }
    logout()
    facets = search(book, parse_criteria(book, {})).facets
    login(api.portal.get(), TEST_USER_NAME)
    return {name: facets[name] for name in expected}, expected


def test_counts_stay_right_while_nothing_changes(book):
    counts(book)
    found, expected = counts(book)
    assert found == expected
    assert found["outlet"] == {"le-soir": 3, "la-libre": 3, "l-avenir": 3}


def test_counts_follow_a_committed_edit(book):
    counts(book)
    book["article-0"].outlet = "la-libre"
    book["article-0"].publication_date = date(2024, 5, 1)
    book["article-0"].reindexObject()
    transaction.commit()
    found, expected = counts(book)
    assert found == expected
    assert found["outlet"] == {"le-soir": 2, "la-libre": 4, "l-avenir": 3}
    assert found["year"][2024] == 1


def test_counts_follow_a_committed_deletion(book):
    counts(book)
    api.content.delete(book["article-1"])
    transaction.commit()
    found, expected = counts(book)
    assert found == expected
    assert found["outlet"] == {"le-soir": 3, "la-libre": 2, "l-avenir": 3}


def test_counts_follow_a_retraction(book):
    # the table holds index values; what a visitor may see is the catalog's
    counts(book)
    api.content.transition(book["article-2"], "retract")
    transaction.commit()
    found, expected = counts(book)
    assert found == expected
    assert found["outlet"] == {"le-soir": 3, "la-libre": 3, "l-avenir": 2}


def test_uncommitted_changes_are_counted_and_not_kept(book):
    counts(book)
    book["article-0"].outlet = "l-avenir"
    book["article-0"].reindexObject()
    found, expected = counts(book)
    assert found == expected
    assert found["outlet"] == {"le-soir": 2, "la-libre": 3, "l-avenir": 4}
    transaction.abort()
    found, expected = counts(book)
    assert found == expected
    assert found["outlet"] == {"le-soir": 3, "la-libre": 3, "l-avenir": 3}


def test_changes_in_a_savepoint_are_counted_and_not_kept(book):
    # a savepoint writes the changed index away: it is still uncommitted
    counts(book)
    book["article-0"].outlet = "l-avenir"
    book["article-0"].reindexObject()
    api.portal.get_tool("portal_catalog").getCounter()  # indexes now
    transaction.savepoint()
    found, expected = counts(book)
    assert found == expected
    assert found["outlet"] == {"le-soir": 2, "la-libre": 3, "l-avenir": 4}
    transaction.abort()
    found, expected = counts(book)
    assert found["outlet"] == {"le-soir": 3, "la-libre": 3, "l-avenir": 3}
