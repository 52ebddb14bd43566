"""Fixtures of the themes tests: the taxonomy edited as its control panel does it."""

from plone import api

import json
import pytest


THEMES = "collective.taxonomy.themes"
LANGUAGES = ["fr", "nl", "de", "en"]


def _find(nodes, key):
    for node in nodes:
        if node["key"] == key:
            return node
        found = _find(node["subnodes"], key)
        if found is not None:
            return found
    return None


@pytest.fixture
def node():
    """``node(tree, key)``: the node of ``key`` in the control panel's tree."""
    return lambda tree, key: _find(tree["subnodes"], key)


@pytest.fixture
def edit_themes(portal):
    """``edit_themes(change)``: what the taxonomy control panel's tree editor does.

    Its page reads the tree from ``@@taxonomy-edit-data``, the administrator
    changes it, and the page posts the whole tree to ``@@taxonomy-import``.
    ``change(tree)`` changes the tree (nodes: key, translations, subnodes).
    """

    def edit(change):
        request = portal.REQUEST
        request.set("taxonomy", THEMES)
        with api.env.adopt_roles(["Manager"]):
            tree = json.loads(
                portal.restrictedTraverse("@@taxonomy-edit-data").get_data()
            )
            change(tree)
            request.method = "POST"
            request["BODY"] = json.dumps(
                {"taxonomy": THEMES, "tree": tree, "languages": LANGUAGES}
            ).encode()
            answer = json.loads(portal.restrictedTraverse("@@taxonomy-import")())
        request.method = "GET"
        assert answer["status"] == "info", answer
        return tree

    return edit
