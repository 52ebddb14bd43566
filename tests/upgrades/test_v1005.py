"""Upgrade 1004 -> 1005 on a site whose text indexes hold dicts of postings,
as Products.ZCTextIndex stored them for words of ten items or fewer: every
text index of the catalog keeps IIBTrees only, and answers the same."""

from datetime import date
from imio.pressbook.patches import zctextindex
from plone import api
from Products.CMFCore.indexing import processQueue
from Products.ZCTextIndex.BaseIndex import BaseIndex
from Products.ZCTextIndex.ZCTextIndex import ZCTextIndex

import pytest


PROFILE = "imio.pressbook:default"
TEXT_INDEXES = ("Title", "Description", "SearchableText", "pressbook_text")
# (index, words): a rare word of one item, a word of every item (12 > 10)
QUERIES = [
    (index, word)
    for index in ("Title", "SearchableText", "pressbook_text")
    for word in ("zanzibar", "revue", "conseil")
]


def text_indexes():
    catalog = api.portal.get_tool("portal_catalog")
    return {
        index.getId(): index.index
        for index in catalog.getIndexObjects()
        if isinstance(index, ZCTextIndex)
    }


def dicts(index):
    return [
        wid for wid, doc2score in index._wordinfo.items() if isinstance(doc2score, dict)
    ]


def found(index, word):
    catalog = api.portal.get_tool("portal_catalog")
    return sorted(brain.getId for brain in catalog(**{index: word}))


@pytest.fixture
def old_site(portal, monkeypatch):
    """A site at 1004 whose items were indexed by Products.ZCTextIndex as it
    is (the add-on's patch undone while they are added)."""
    for name, method in zctextindex.ORIGINALS.items():
        monkeypatch.setattr(BaseIndex, name, method)
    with api.env.adopt_roles(["Manager"]):
        book = api.content.create(
            portal, "imio.pressbook.PressBook", id="medias", title="Dans les médias"
        )
        for number in range(12):
            api.content.create(
                book,
                "imio.pressbook.PressArticle",
                id=f"article-{number}",
                title=f"Revue {number} du conseil communal",
                description="Zanzibar" if number == 3 else "Une revue",
                publication_date=date(2024, 1, 1 + number),
                outlet="la-derniere-heure",
            )
    processQueue()  # indexed now, not at commit
    monkeypatch.undo()
    api.portal.get_tool("portal_setup").setLastVersionForProfile(PROFILE, "1004")
    return book


def run_upgrade():
    setup = api.portal.get_tool("portal_setup")
    with api.env.adopt_roles(["Manager"]):
        setup.upgradeProfile(PROFILE, dest="1005")
    return setup


def test_the_old_site_holds_dicts(old_site):
    """What the upgrade is for: Products.ZCTextIndex's own storage."""
    indexes = text_indexes()
    assert set(TEXT_INDEXES) <= set(indexes)
    assert all(dicts(indexes[name]) for name in TEXT_INDEXES)


def test_upgrade_leaves_no_dict_and_searches_answer_the_same(old_site):
    before = {query: found(*query) for query in QUERIES}
    words = {name: index.length() for name, index in text_indexes().items()}
    setup = run_upgrade()
    assert setup.getLastVersionForProfile(PROFILE) == ("1005",)
    assert {
        name: dicts(index) for name, index in text_indexes().items()
    } == dict.fromkeys(words, [])
    assert {name: index.length() for name, index in text_indexes().items()} == words
    assert {query: found(*query) for query in QUERIES} == before
    assert before[("SearchableText", "zanzibar")] == ["article-3"]
    assert len(before[("Title", "conseil")]) == 12


def test_items_added_and_deleted_after_the_upgrade_are_searched(old_site):
    run_upgrade()
    with api.env.adopt_roles(["Manager"]):
        api.content.delete(old_site["article-3"])
        api.content.create(
            old_site,
            "imio.pressbook.PressArticle",
            id="article-12",
            title="Revue de Zanzibar",
            publication_date=date(2024, 2, 1),
            outlet="la-derniere-heure",
        )
    assert found("SearchableText", "zanzibar") == ["article-12"]
    assert found("Title", "zanzibar") == ["article-12"]
    assert not any(dicts(index) for index in text_indexes().values())


def test_upgrade_twice_is_harmless(old_site):
    run_upgrade()
    api.portal.get_tool("portal_setup").setLastVersionForProfile(PROFILE, "1004")
    run_upgrade()
    assert found("SearchableText", "zanzibar") == ["article-3"]
