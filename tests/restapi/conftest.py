"""Fixtures of the REST tests: a press section over real HTTP, as the site owner."""

from plone import api
from plone.app.testing import login
from plone.app.testing import setRoles
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from plone.app.testing import TEST_USER_ID
from plone.app.testing import TEST_USER_NAME

import pytest
import requests
import transaction


@pytest.fixture()
def book(functional):
    """A published press section, committed so the HTTP server sees it."""
    portal = functional["portal"]
    setRoles(portal, TEST_USER_ID, ["Manager"])
    login(portal, TEST_USER_NAME)
    book = api.content.create(
        container=portal,
        type="imio.pressbook.PressBook",
        id="dans-les-medias",
        title="Dans les médias",
    )
    api.content.transition(obj=book, transition="publish")
    transaction.commit()
    return book


@pytest.fixture()
def owner():
    """A JSON session of the site owner (Manager)."""
    with requests.Session() as http:
        http.auth = (SITE_OWNER_NAME, SITE_OWNER_PASSWORD)
        http.headers["Accept"] = "application/json"
        yield http
