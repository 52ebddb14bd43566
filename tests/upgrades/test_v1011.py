"""Upgrade 1004 -> 1011 on a site with an old press section: site
administrators get the conversion page and its action, editors do not."""

from plone import api
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID

import pytest


PROFILE = "imio.pressbook:default"
PERMISSION = "imio.pressbook: Convert pages into press articles"


@pytest.fixture
def old_site(portal):
    """A site at 1004: no conversion permission nor action; a folder of
    News Items as press sections were kept."""
    portal.manage_permission(PERMISSION, roles=[], acquire=False)
    buttons = api.portal.get_tool("portal_actions").object_buttons
    buttons.manage_delObjects(["pressbook_convert"])
    with api.env.adopt_roles(["Manager"]):
        folder = api.content.create(portal, "Folder", id="revue", title="Revue")
        api.content.create(folder, "News Item", id="le-soir", title="Le Soir")
    api.portal.get_tool("portal_setup").setLastVersionForProfile(PROFILE, "1004")
    return folder


def run_upgrade():
    setup = api.portal.get_tool("portal_setup")
    with api.env.adopt_roles(["Manager"]):
        setup.upgradeProfile(PROFILE, dest="1011")
    return setup


def convert_actions(folder):
    actions = api.portal.get_tool("portal_actions").listFilteredActionsFor(folder)
    return [
        a["id"] for a in actions["object_buttons"] if a["id"] == "pressbook_convert"
    ]


@pytest.mark.parametrize(
    "role, allowed",
    [("Site Administrator", True), ("Manager", True), ("Editor", False)],
)
def test_upgrade_gives_site_administrators_the_conversion(old_site, role, allowed):
    setRoles(old_site.aq_parent, TEST_USER_ID, [role])
    assert not api.user.has_permission(PERMISSION, obj=old_site)
    assert convert_actions(old_site) == []
    setup = run_upgrade()
    assert setup.getLastVersionForProfile(PROFILE) == ("1011",)
    assert api.user.has_permission(PERMISSION, obj=old_site) is allowed
    assert convert_actions(old_site) == (["pressbook_convert"] if allowed else [])
    assert "le-soir" in old_site


def test_upgrade_twice_adds_the_action_once(old_site):
    run_upgrade()
    api.portal.get_tool("portal_setup").setLastVersionForProfile(PROFILE, "1004")
    run_upgrade()
    buttons = api.portal.get_tool("portal_actions").object_buttons
    assert list(buttons.objectIds()).count("pressbook_convert") == 1
