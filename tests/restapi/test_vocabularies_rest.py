"""``@vocabularies`` over HTTP: the press section's lists are public."""

from imio.pressbook import _
from imio.pressbook.vocabularies import PUBLIC_VOCABULARIES
from imio.pressbook.vocabularies.outlets import OUTLETS
from plone import api
from zope.component import getUtilitiesFor
from zope.i18n import translate
from zope.schema.interfaces import IVocabularyFactory

import pytest
import requests
import transaction


def anonymous_get(url, **params):
    return requests.get(
        url,
        params=params,
        headers={"Accept": "application/json", "Accept-Language": "fr"},
    )


def vocabulary_url(portal, name):
    return f"{portal.absolute_url()}/@vocabularies/{name}"


def test_every_vocabulary_of_the_add_on_is_declared_public(functional):
    ours = {
        name
        for name, factory in getUtilitiesFor(IVocabularyFactory)
        if name.startswith("imio.pressbook.")
    }
    assert ours <= set(PUBLIC_VOCABULARIES)


@pytest.mark.parametrize("name", PUBLIC_VOCABULARIES)
def test_an_anonymous_visitor_reads_the_vocabulary(functional, name):
    response = anonymous_get(vocabulary_url(functional["portal"], name), b_size=500)
    assert response.status_code == 200, response.text
    items = response.json()["items"]
    assert items
    assert all(item["token"] and item["title"] for item in items)


def test_the_outlets_give_tokens_and_names(functional):
    response = anonymous_get(
        vocabulary_url(functional["portal"], "imio.pressbook.vocabulary.Outlets"),
        b_size=500,
    )
    assert response.json()["items"] == [
        {"token": token, "title": title} for token, title in OUTLETS
    ]


def test_a_renamed_outlet_is_served_under_its_new_name(functional):
    registry = api.portal.get_tool("portal_registry")
    rows = [dict(row) for row in registry["imio.pressbook.outlets"]]
    rows[0]["name"] = "Le Soir Bruxelles"
    registry["imio.pressbook.outlets"] = rows
    transaction.commit()
    response = anonymous_get(
        vocabulary_url(functional["portal"], "imio.pressbook.vocabulary.Outlets"),
        token="le-soir",
    )
    assert response.json()["items"] == [
        {"token": "le-soir", "title": "Le Soir Bruxelles"}
    ]


def test_the_outlet_kinds_are_named_in_french(functional):
    response = anonymous_get(
        vocabulary_url(functional["portal"], "imio.pressbook.vocabulary.OutletKinds")
    )
    items = {item["token"]: item["title"] for item in response.json()["items"]}
    assert items["tv"] == translate(_("Television"), target_language="fr")
    assert set(items) == {"daily", "weekly", "online", "radio", "tv", "agency"}


def test_the_themes_taxonomy_is_public_too(functional):
    response = anonymous_get(
        vocabulary_url(functional["portal"], "collective.taxonomy.themes"), b_size=500
    )
    assert response.status_code == 200
    tokens = {item["token"] for item in response.json()["items"]}
    assert "urbanisme" in tokens
