"""Upgrade 1011 -> 1012 on a site with a press section and articles: its
editors get the "Import clippings" action, members do not; the content and
the site's other actions stay."""

from datetime import date
from plone import api
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID

import pytest


PROFILE = "imio.pressbook:default"


@pytest.fixture
def old_site(portal):
    """A site at 1011: no import action; a press section with an article."""
    buttons = api.portal.get_tool("portal_actions").object_buttons
    buttons.manage_delObjects(["pressbook_import"])
    with api.env.adopt_roles(["Manager"]):
        book = api.content.create(
            portal, "imio.pressbook.PressBook", id="presse", title="Presse"
        )
        api.content.create(
            book,
            "imio.pressbook.PressArticle",
            id="budget",
            title="Le budget",
            publication_date=date(2020, 1, 2),
            outlet="le-soir",
        )
        # the test user made it: not its Owner, so that roles decide
        book.manage_delLocalRoles([TEST_USER_ID])
    api.portal.get_tool("portal_setup").setLastVersionForProfile(PROFILE, "1011")
    return book


def run_upgrade():
    setup = api.portal.get_tool("portal_setup")
    with api.env.adopt_roles(["Manager"]):
        setup.upgradeProfile(PROFILE, dest="1012")
    return setup


def import_actions(obj):
    actions = api.portal.get_tool("portal_actions").listFilteredActionsFor(obj)
    buttons = actions.get("object_buttons", [])
    return [a for a in buttons if a["id"] == "pressbook_import"]


@pytest.mark.parametrize(
    "role, allowed",
    [("Contributor", True), ("Site Administrator", True), ("Member", False)],
)
def test_upgrade_gives_press_sections_the_import_action(old_site, role, allowed):
    setRoles(old_site.aq_parent, TEST_USER_ID, [role])
    assert import_actions(old_site) == []
    setup = run_upgrade()
    assert setup.getLastVersionForProfile(PROFILE) == ("1012",)
    found = import_actions(old_site)
    if allowed:
        (action,) = found
        assert action["url"] == f"{old_site.absolute_url()}/@@pressbook-import"
    else:
        assert found == []
    # not on the articles, and the content is untouched
    assert import_actions(old_site["budget"]) == []
    assert old_site["budget"].Title() == "Le budget"
    buttons = api.portal.get_tool("portal_actions").object_buttons
    assert "pressbook_convert" in buttons.objectIds()


def test_upgrade_twice_adds_the_action_once(old_site):
    run_upgrade()
    api.portal.get_tool("portal_setup").setLastVersionForProfile(PROFILE, "1011")
    run_upgrade()
    buttons = api.portal.get_tool("portal_actions").object_buttons
    assert list(buttons.objectIds()).count("pressbook_import") == 1
