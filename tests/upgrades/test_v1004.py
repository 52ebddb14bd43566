"""Upgrade 1003 -> 1004 on a site with a press section holding content: the
section keeps no order any more, every item is still there and listed."""

from datetime import date
from lxml import html
from plone import api
from plone.folder.default import DefaultOrdering
from plone.folder.unordered import UnorderedOrdering
from plone.restapi.interfaces import ISerializeToJson
from zope.annotation.interfaces import IAnnotations
from zope.component import getMultiAdapter

import json
import pytest


PROFILE = "imio.pressbook:default"
ORDER_KEYS = (DefaultOrdering.ORDER_KEY, DefaultOrdering.POS_KEY)


@pytest.fixture
def old_site(portal):
    """A site at 1003: its press section holds the order of its items, as
    plone.folder's default ordering kept it on every add."""
    with api.env.adopt_roles(["Manager"]):
        book = api.content.create(
            portal, "imio.pressbook.PressBook", id="medias", title="Dans les médias"
        )
        items = []
        for number, day in enumerate((date(2014, 1, 21), date(2016, 5, 3))):
            items.append(
                api.content.create(
                    book,
                    "imio.pressbook.PressArticle",
                    id=f"article-{number}",
                    title=f"Article {number} sur IMIO",
                    publication_date=day,
                    outlet="la-derniere-heure",
                )
            )
        items.append(
            api.content.create(
                book,
                "imio.pressbook.ParliamentaryQuestion",
                id="question",
                title="Les partenariats sollicités par l'intercommunale IMIO",
                assembly="parlement-wallonie",
                question_date=date(2015, 7, 10),
                asked_by="DUPONT Jean-Marc",
                addressed_to="FURLAN Paul",
            )
        )
        for item in items:
            api.content.transition(item, "publish")
        ordering = DefaultOrdering(book)
        for item in items:
            ordering.notifyAdded(item.getId())
        api.portal.get_tool("portal_setup").setLastVersionForProfile(PROFILE, "1003")
    return book


def run_upgrade():
    setup = api.portal.get_tool("portal_setup")
    with api.env.adopt_roles(["Manager"]):
        setup.upgradeProfile(PROFILE, dest="1004")
    return setup


def searched(book, request):
    """What @pressbook-search answers (the service plone.rest publishes)."""
    service = getMultiAdapter(
        (book, request), name="GET_application_json_@pressbook-search"
    )
    return service.reply()


def listed(book, request):
    page = html.fromstring(api.content.get_view("view", book, request)())
    return [a.get("href") for a in page.cssselect(".pressbook-listing-title a")]


def rest_items(book, request):
    return [
        item["@id"]
        for item in getMultiAdapter((book, request), ISerializeToJson)()["items"]
    ]


def test_upgrade_drops_the_order_and_keeps_every_item(old_site, request_fr):
    annotations = IAnnotations(old_site)
    assert all(key in annotations for key in ORDER_KEYS)
    ids = set(old_site.objectIds())
    before = searched(old_site, request_fr), listed(old_site, request_fr)
    setup = run_upgrade()
    assert setup.getLastVersionForProfile(PROFILE) == ("1004",)
    assert isinstance(old_site.getOrdering(), UnorderedOrdering)
    assert not any(key in annotations for key in ORDER_KEYS)
    assert set(old_site.objectIds()) == ids == {"article-0", "article-1", "question"}
    assert len(old_site) == 3
    # newest first, as before: the listing sorts by date, not by position
    assert (searched(old_site, request_fr), listed(old_site, request_fr)) == before
    assert [item["@id"].rsplit("/", 1)[-1] for item in before[0]["items"]] == [
        "article-1",
        "question",
        "article-0",
    ]
    assert sorted(rest_items(old_site, request_fr)) == sorted(
        item.absolute_url() for item in old_site.objectValues()
    )


def test_an_item_added_after_the_upgrade_is_listed(old_site, request_fr):
    run_upgrade()
    with api.env.adopt_roles(["Manager"]):
        article = api.content.create(
            old_site,
            "imio.pressbook.PressArticle",
            id="article-2",
            title="Article récent",
            publication_date=date(2020, 2, 2),
            outlet="la-derniere-heure",
        )
        api.content.transition(article, "publish")
    assert DefaultOrdering.ORDER_KEY not in IAnnotations(old_site)
    assert searched(old_site, request_fr)["items"][0]["@id"] == article.absolute_url()
    assert listed(old_site, request_fr)[0] == article.absolute_url()


def test_upgrade_twice_is_harmless(old_site):
    run_upgrade()
    api.portal.get_tool("portal_setup").setLastVersionForProfile(PROFILE, "1003")
    run_upgrade()
    assert isinstance(old_site.getOrdering(), UnorderedOrdering)
    assert len(old_site) == 3


def test_folder_contents_lists_every_item(portal, old_site, request_fr):
    """The data of Plone's folder contents (asked to the site), sorted by
    position as it asks."""
    run_upgrade()
    path = "/".join(old_site.getPhysicalPath())
    request_fr.form.update(
        name="plone.app.vocabularies.Catalog",
        query=json.dumps(
            {
                "criteria": [
                    {
                        "i": "path",
                        "o": "plone.app.querystring.operation.string.path",
                        "v": f"{path}::1",
                    }
                ],
                "sort_on": "getObjPositionInParent",
            }
        ),
        attributes=json.dumps(["id"]),
        batch=json.dumps({"page": 1, "size": 50}),
    )
    with api.env.adopt_roles(["Manager"]):
        data = json.loads(portal.restrictedTraverse("@@getVocabulary")())
    assert data["total"] == 3
    assert sorted(item["id"] for item in data["results"]) == [
        "article-0",
        "article-1",
        "question",
    ]
