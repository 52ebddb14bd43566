"""Uninstall removes the add-on, and no content is lost."""

from datetime import date
from imio.pressbook.interfaces import IImioPressbookLayer
from plone import api
from plone.browserlayer import utils

import pytest


PACKAGE_NAME = "imio.pressbook"
TYPES = (
    "imio.pressbook.PressBook",
    "imio.pressbook.PressArticle",
    "imio.pressbook.ParliamentaryQuestion",
)


@pytest.fixture
def uninstalled(portal, installer):
    with api.env.adopt_roles(["Manager"]):
        installer.uninstall_product(PACKAGE_NAME)
    return installer


def test_product_uninstalled(uninstalled):
    assert uninstalled.is_product_installed(PACKAGE_NAME) is False


def test_browserlayer_removed(uninstalled):
    assert IImioPressbookLayer not in utils.registered_layers()


def test_unused_types_removed(uninstalled):
    portal_types = api.portal.get_tool("portal_types")
    for portal_type in TYPES:
        assert portal_type not in portal_types


def test_types_with_content_are_kept(portal, installer):
    with api.env.adopt_roles(["Manager"]):
        book = api.content.create(
            portal, "imio.pressbook.PressBook", id="medias", title="Dans les médias"
        )
        api.content.create(
            book,
            "imio.pressbook.PressArticle",
            id="article",
            title="Article",
            publication_date=date(2014, 1, 21),
            outlet="le-soir",
        )
        installer.uninstall_product(PACKAGE_NAME)
    portal_types = api.portal.get_tool("portal_types")
    assert "imio.pressbook.PressBook" in portal_types
    assert "imio.pressbook.PressArticle" in portal_types
    assert "imio.pressbook.ParliamentaryQuestion" not in portal_types
    assert portal["medias"]["article"].title == "Article"


def test_reinstall_after_uninstall(uninstalled):
    with api.env.adopt_roles(["Manager"]):
        uninstalled.install_product(PACKAGE_NAME)
    assert uninstalled.is_product_installed(PACKAGE_NAME) is True
    assert "imio.pressbook.PressArticle" in api.portal.get_tool("portal_types")


def test_document_actions_removed(uninstalled):
    document_actions = api.portal.get_tool("portal_actions").document_actions
    assert not [
        name for name in document_actions.objectIds() if name.startswith("pressbook_")
    ]


def test_settings_and_control_panel_removed(uninstalled):
    registry = api.portal.get_tool("portal_registry")
    assert "imio.pressbook.outlets" not in registry.records
    assert "imio.pressbook.assemblies" not in registry.records
    configlets = [
        action.getId()
        for action in api.portal.get_tool("portal_controlpanel").listActions()
    ]
    assert "imio.pressbook" not in configlets


def test_settings_and_control_panel_installed(portal):
    registry = api.portal.get_tool("portal_registry")
    assert "imio.pressbook.outlets" in registry.records
    configlets = [
        action.getId()
        for action in api.portal.get_tool("portal_controlpanel").listActions()
    ]
    assert "imio.pressbook" in configlets


def test_collection_view_removed_and_collections_shown_again(portal, installer):
    with api.env.adopt_roles(["Manager"]):
        collection = api.content.create(
            portal, "Collection", id="revue", title="Revue de presse"
        )
        collection.setLayout("pressbook-listing")
        installer.uninstall_product(PACKAGE_NAME)
    fti = api.portal.get_tool("portal_types")["Collection"]
    assert "pressbook-listing" not in fti.view_methods
    assert "Collection" in api.portal.get_tool("portal_types")
    assert collection.getLayout() == fti.default_view
