"""Upgrade 1001 -> 1002: Collections get the "Press listing" view."""

from imio.pressbook.setuphandlers import COLLECTION_VIEW
from plone import api

import pytest


PROFILE = "imio.pressbook:default"


@pytest.fixture
def old_site(portal):
    """A site at 1001: the Collection type without the press listing view."""
    fti = api.portal.get_tool("portal_types")["Collection"]
    fti.view_methods = tuple(v for v in fti.view_methods if v != COLLECTION_VIEW)
    api.portal.get_tool("portal_setup").setLastVersionForProfile(PROFILE, "1001")
    return portal


def run_upgrade():
    setup = api.portal.get_tool("portal_setup")
    with api.env.adopt_roles(["Manager"]):
        setup.upgradeProfile(PROFILE, dest="1002")
    return setup


def collection_views():
    return tuple(api.portal.get_tool("portal_types")["Collection"].view_methods)


def test_a_fresh_install_offers_the_view(portal):
    assert COLLECTION_VIEW in collection_views()


def test_upgrade_adds_the_view_and_keeps_the_others(old_site):
    before = collection_views()
    assert COLLECTION_VIEW not in before
    setup = run_upgrade()
    assert collection_views() == (*before, COLLECTION_VIEW)
    assert setup.getLastVersionForProfile(PROFILE) == ("1002",)


def test_upgrade_twice_adds_the_view_once(old_site):
    run_upgrade()
    api.portal.get_tool("portal_setup").setLastVersionForProfile(PROFILE, "1001")
    run_upgrade()
    assert collection_views().count(COLLECTION_VIEW) == 1
