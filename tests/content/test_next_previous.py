"""Next and previous items of a press section (content/nextprevious.py): the
order of its listing (newest first, the same day's items by id), though the
section keeps no order of its own; the visitor's permissions respected; on
the item's page over real HTTP, once the editor turned the navigation on."""

from datetime import date
from imio.pressbook.content.nextprevious import PressBookNextPrevious
from lxml import html
from plone import api
from plone.app.dexterity.behaviors.nextprevious import INextPreviousProvider
from plone.app.testing import logout
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID

import pytest
import requests
import transaction


ARTICLE = "imio.pressbook.PressArticle"
QUESTION = "imio.pressbook.ParliamentaryQuestion"
# id -> (type, date, published): the listing's order is a, b, c, d, e
ITEMS = {
    "d-question": (QUESTION, date(2020, 1, 15), True),
    "c-article": (ARTICLE, date(2020, 2, 1), True),
    "b-article": (ARTICLE, date(2020, 2, 1), True),
    "x-brouillon": (ARTICLE, date(2020, 2, 1), False),
    "a-article": (ARTICLE, date(2020, 3, 1), True),
    "e-article": (ARTICLE, date(2019, 12, 31), True),
}
LISTED = ["a-article", "b-article", "c-article", "d-question", "e-article"]


def fill(portal, navigation=True):
    with api.env.adopt_roles(["Manager"]):
        book = api.content.create(
            portal,
            "imio.pressbook.PressBook",
            id="medias",
            title="Dans les médias",
            nextPreviousEnabled=navigation,
        )
        api.content.transition(obj=book, transition="publish")
        for id_, (portal_type, day, published) in ITEMS.items():
            fields = (
                {"publication_date": day, "outlet": "le-soir"}
                if portal_type == ARTICLE
                else {
                    "question_date": day,
                    "assembly": "parlement-wallonie",
                    "question_type": "written",
                    "asked_by": "DUPONT Jean-Marc",
                    "addressed_to": "FURLAN Paul",
                }
            )
            item = api.content.create(
                book, portal_type, id=id_, title=id_.capitalize(), **fields
            )
            if published:
                api.content.transition(obj=item, transition="publish")
    return book


def walk(provider, book, start, step):
    """The ids met from ``start`` following ``step`` (next or previous)."""
    ids = []
    data = {"id": start}
    while data is not None:
        ids.append(data["id"])
        data = step(book[data["id"]])
    return ids


@pytest.fixture
def book(integration):
    return fill(integration["portal"])


def test_the_section_gives_its_own_provider(book):
    provider = INextPreviousProvider(book)
    assert isinstance(provider, PressBookNextPrevious)
    assert provider.enabled


def test_next_follows_the_listing_newest_first(book):
    logout()
    provider = INextPreviousProvider(book)
    assert walk(provider, book, "a-article", provider.getNextItem) == LISTED


def test_previous_goes_back_up_the_listing(book):
    logout()
    provider = INextPreviousProvider(book)
    assert walk(provider, book, "e-article", provider.getPreviousItem) == list(
        reversed(LISTED)
    )


def test_an_editor_also_steps_on_the_private_item(integration, book):
    setRoles(integration["portal"], TEST_USER_ID, ["Editor"])
    provider = INextPreviousProvider(book)
    assert walk(provider, book, "a-article", provider.getNextItem) == [
        "a-article",
        "b-article",
        "c-article",
        "x-brouillon",
        "d-question",
        "e-article",
    ]


def test_an_item_the_visitor_cannot_see_has_no_neighbours(book):
    logout()
    provider = INextPreviousProvider(book)
    assert provider.getNextItem(book["x-brouillon"]) is None
    assert provider.getPreviousItem(book["x-brouillon"]) is None


def test_a_section_without_navigation_says_so(integration):
    book = fill(integration["portal"], navigation=False)
    assert not INextPreviousProvider(book).enabled


@pytest.mark.parametrize("navigation", [True, False])
def test_the_items_page_links_its_neighbours(functional, navigation):
    book = fill(functional["portal"], navigation=navigation)
    transaction.commit()
    page = requests.get(f"{book.absolute_url()}/c-article", timeout=60)
    assert page.status_code == 200
    tree = html.fromstring(page.text)
    found = {
        kind: tree.xpath(
            f"//nav[contains(@class, 'pagination')]//a[contains(@class, '{kind}')]/@href"
        )
        for kind in ("previous", "next")
    }
    if navigation:
        assert found == {
            "previous": [f"{book.absolute_url()}/b-article"],
            "next": [f"{book.absolute_url()}/d-question"],
        }
    else:
        assert found == {"previous": [], "next": []}
