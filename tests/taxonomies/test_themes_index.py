"""The themes index holds each item's themes with the themes above them: a
parent theme is a plain catalog query (Collections included) and a plain
count, and the index follows the taxonomy when its hierarchy changes."""

from datetime import date
from imio.pressbook.search import parse_criteria
from imio.pressbook.search import search
from imio.pressbook.setuphandlers.themes import reindex_themes
from plone import api
from zope.event import notify
from ZPublisher.pubevents import PubBeforeCommit

import pytest


@pytest.fixture
def book(portal):
    with api.env.adopt_roles(["Manager"]):
        book = api.content.create(
            portal, "imio.pressbook.PressBook", id="medias", title="Dans les médias"
        )
        for name, themes in {
            "parent": ["informatique"],
            "libres": ["logiciels-libres"],
            "deux": ["logiciels-libres", "securite-informatique"],
            "tutelle": ["tutelle"],
            "sans": [],
        }.items():
            api.content.create(
                book,
                "imio.pressbook.PressArticle",
                id=name,
                title=name,
                publication_date=date(2020, 1, 1),
                outlet="le-soir",
                themes=themes,
            )
    return book


def ids(brains):
    return sorted(brain.getId for brain in brains)


def catalog_ids(**query):
    return ids(api.portal.get_tool("portal_catalog")(**query))


def test_a_parent_is_a_plain_catalog_query(book):
    assert catalog_ids(themes="informatique") == ["deux", "libres", "parent"]
    assert catalog_ids(themes="logiciels-libres") == ["deux", "libres"]
    assert catalog_ids(themes="pouvoirs-locaux") == ["tutelle"]


def test_the_brains_keep_the_items_own_themes(book):
    catalog = api.portal.get_tool("portal_catalog")
    [brain] = catalog(getId="deux")
    assert sorted(brain.themes) == ["logiciels-libres", "securite-informatique"]


def test_a_parent_counts_each_item_once(book):
    facets = search(book, parse_criteria(book, {})).facets["themes"]
    # "deux" is under two children of Informatique: counted once there
    assert facets["informatique"] == 3
    assert facets["logiciels-libres"] == 2
    assert facets["securite-informatique"] == 1
    assert facets["pouvoirs-locaux"] == 1


def test_a_collection_criterion_on_a_parent_finds_the_children(book, portal):
    with api.env.adopt_roles(["Manager"]):
        collection = api.content.create(
            portal,
            "Collection",
            id="informatique",
            title="Informatique",
            query=[
                {
                    "i": "themes",
                    "o": "plone.app.querystring.operation.selection.any",
                    "v": ["informatique"],
                }
            ],
        )
    found = sorted(item.getId() for item in collection.results(batch=False))
    assert found == ["deux", "libres", "parent"]


@pytest.fixture
def moved(book, edit_themes, node):
    """ "Logiciels libres" moved from Informatique to Pouvoirs locaux, as the
    taxonomy's control panel does it."""
    # indexed before the edit
    assert catalog_ids(themes="informatique") == ["deux", "libres", "parent"]

    def move(tree):
        informatique = node(tree, "informatique")
        child = node(tree, "logiciels-libres")
        informatique["subnodes"].remove(child)
        node(tree, "pouvoirs-locaux")["subnodes"].append(child)

    edit_themes(move)
    return book


def test_a_taxonomy_edit_in_a_request_reindexes_before_commit(moved, portal):
    # not yet
    assert catalog_ids(themes="informatique") == ["deux", "libres", "parent"]
    # what the publisher notifies before it commits a POST's changes
    portal.REQUEST.environ["REQUEST_METHOD"] = "POST"
    notify(PubBeforeCommit(portal.REQUEST))
    assert catalog_ids(themes="informatique") == ["deux", "parent"]
    assert catalog_ids(themes="pouvoirs-locaux") == ["deux", "libres", "tutelle"]
    facets = search(moved, parse_criteria(moved, {})).facets["themes"]
    assert facets["pouvoirs-locaux"] == 3
    assert facets["informatique"] == 2


def test_reindex_themes_reindexes_only_what_changed(moved):
    assert reindex_themes(moved) == 2  # libres, deux
    assert reindex_themes(moved) == 0


def test_a_request_that_leaves_the_taxonomy_alone_reindexes_nothing(book, portal):
    catalog = api.portal.get_tool("portal_catalog")
    counter = catalog.getCounter()
    portal.REQUEST.environ["REQUEST_METHOD"] = "POST"
    notify(PubBeforeCommit(portal.REQUEST))
    assert catalog.getCounter() == counter


def test_moving_a_theme_in_the_control_panel_reindexes_its_items(functional):
    """Over real HTTP, as the taxonomy's tree editor posts it."""
    from plone.app.testing import SITE_OWNER_NAME
    from plone.app.testing import SITE_OWNER_PASSWORD
    from plone.protect.authenticator import createToken

    import json
    import requests
    import transaction

    portal = functional["portal"]
    with api.env.adopt_roles(["Manager"]):
        book = api.content.create(
            portal, "imio.pressbook.PressBook", id="medias", title="Dans les médias"
        )
        api.content.create(
            book,
            "imio.pressbook.PressArticle",
            id="libres",
            title="libres",
            publication_date=date(2020, 1, 1),
            outlet="le-soir",
            themes=["logiciels-libres"],
        )
    transaction.commit()
    assert catalog_ids(themes="informatique") == ["libres"]
    url = portal.absolute_url()
    with requests.Session() as http:
        http.auth = (SITE_OWNER_NAME, SITE_OWNER_PASSWORD)
        # the tree the editor's page reads
        portal.REQUEST.set("taxonomy", "collective.taxonomy.themes")
        with api.env.adopt_roles(["Manager"]):
            editor = portal.restrictedTraverse("@@taxonomy-edit-data")
            tree = json.loads(editor.get_data())
        child = next(
            node
            for parent in tree["subnodes"]
            for node in parent["subnodes"]
            if node["key"] == "logiciels-libres"
        )
        for parent in tree["subnodes"]:
            if child in parent["subnodes"]:
                parent["subnodes"].remove(child)
            if parent["key"] == "pouvoirs-locaux":
                parent["subnodes"].append(child)
        with api.env.adopt_user(SITE_OWNER_NAME):
            token = createToken()
        answer = http.post(
            f"{url}/@@taxonomy-import",
            data=json.dumps(
                {
                    "taxonomy": "collective.taxonomy.themes",
                    "tree": tree,
                    "languages": ["fr", "nl", "de", "en"],
                }
            ),
            headers={"X-CSRF-TOKEN": token, "Content-Type": "application/json"},
        )
    assert answer.status_code == 200, answer.text
    transaction.begin()
    assert catalog_ids(themes="informatique") == []
    assert catalog_ids(themes="pouvoirs-locaux") == ["libres"]
