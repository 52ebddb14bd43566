"""The ``themes`` field over plone.restapi: term tokens in, tokens out, over HTTP."""

from imio.pressbook import _
from plone import api
from zope.i18n import translate

import json
import pytest
import transaction


ARTICLE = "imio.pressbook.PressArticle"
QUESTION = "imio.pressbook.ParliamentaryQuestion"
VALID = {
    ARTICLE: {
        "@type": ARTICLE,
        "title": "Imio touche 3,5 millions d'habitants en Région wallonne",
        "publication_date": "2014-01-21",
        "outlet": "la-derniere-heure",
    },
    QUESTION: {
        "@type": QUESTION,
        "title": "Les partenariats sollicités par l'intercommunale IMIO",
        "assembly": "parlement-wallonie",
        "question_type": "written",
        "question_date": "2015-07-10",
        "asked_by": "DUPONT Jean-Marc",
        "addressed_to": "FURLAN Paul",
    },
}
BOTH = pytest.mark.parametrize("portal_type", [ARTICLE, QUESTION])


def stored(book):
    """``{id: themes}`` of the items of the book, as the database holds them."""
    transaction.begin()
    return {item_id: list(item.themes) for item_id, item in book.objectItems()}


def tokens(data):
    return [term["token"] for term in data["themes"]]


def create(owner, book, portal_type, **fields):
    response = owner.post(book.absolute_url(), json=dict(VALID[portal_type], **fields))
    assert response.status_code == 201, response.text
    return response.headers["Location"]


@BOTH
def test_post_stores_the_tokens_and_get_gives_them_back(portal_type, book, owner):
    url = create(
        owner, book, portal_type, themes=["logiciels-libres", "pouvoirs-locaux"]
    )
    assert list(stored(book).values()) == [["logiciels-libres", "pouvoirs-locaux"]]
    data = owner.get(url, headers={"Accept-Language": "fr"}).json()
    assert tokens(data) == ["logiciels-libres", "pouvoirs-locaux"]
    # collective.taxonomy's titles: the path of the term
    assert [term["title"] for term in data["themes"]] == [
        "Informatique » Logiciels libres",
        "Pouvoirs locaux",
    ]


@BOTH
def test_themes_default_to_an_empty_list(portal_type, book, owner):
    url = create(owner, book, portal_type)
    assert owner.get(url).json()["themes"] == []
    assert list(stored(book).values()) == [[]]


@BOTH
def test_patch_replaces_the_themes(portal_type, book, owner):
    url = create(owner, book, portal_type, themes=["logiciels-libres"])
    response = owner.patch(url, json={"themes": ["tutelle", "marches-publics"]})
    assert response.status_code == 204, response.text
    assert tokens(owner.get(url).json()) == ["tutelle", "marches-publics"]
    response = owner.patch(url, json={"themes": []})
    assert response.status_code == 204, response.text
    assert owner.get(url).json()["themes"] == []


def test_what_get_gives_can_be_sent_back(book, owner):
    """``[{"token": ..., "title": ...}]``, as plone.restapi serializes it."""
    url = create(owner, book, ARTICLE, themes=["logiciels-libres"])
    data = owner.get(url).json()
    other = create(owner, book, QUESTION, themes=data["themes"])
    assert tokens(owner.get(other).json()) == ["logiciels-libres"]


def test_the_catalog_indexes_the_tokens(book, owner):
    create(owner, book, ARTICLE, themes=["logiciels-libres", "tutelle"])
    transaction.begin()
    [brain] = api.content.find(themes="tutelle")
    assert brain.themes == ["logiciels-libres", "tutelle"]


def errors(response):
    assert response.status_code == 400, response.text
    body = response.json()
    assert body["type"] == "BadRequest"
    # plone.restapi's list of {field, message}, as Volto reads it
    listed = json.loads(body["message"])
    assert [error.get("field") for error in listed] == [
        error["field"] for error in body["errors"]
    ]
    return body["errors"]


@BOTH
def test_post_with_an_unknown_token_is_a_400_naming_themes(portal_type, book, owner):
    response = owner.post(
        book.absolute_url(),
        json=dict(VALID[portal_type], themes=["logiciels-libres", "open-source"]),
    )
    [error] = errors(response)
    assert error["field"] == "themes"
    assert "open-source" in error["message"]
    [listed] = json.loads(response.json()["message"])
    assert listed == {"field": "themes", "message": error["message"]}
    assert stored(book) == {}


@BOTH
def test_patch_with_an_unknown_token_is_a_400_and_changes_nothing(
    portal_type, book, owner
):
    url = create(owner, book, portal_type, themes=["logiciels-libres"])
    response = owner.patch(
        url, json={"themes": ["open-source"], "title": "Un autre titre"}
    )
    assert [error["field"] for error in errors(response)] == ["themes"]
    data = owner.get(url).json()
    assert (tokens(data), data["title"]) == (
        ["logiciels-libres"],
        VALID[portal_type]["title"],
    )


def test_the_unknown_token_message_is_the_french_one(book, owner):
    response = owner.post(
        book.absolute_url(),
        json=dict(VALID[ARTICLE], themes=["open-source"]),
        headers={"Accept-Language": "fr"},
    )
    [error] = errors(response)
    message = _(
        "${value} is not one of the allowed values.",
        mapping={"value": '"open-source"'},
    )
    french = translate(message, target_language="fr")
    assert french != translate(message, target_language="en")
    assert error["message"] == french


@pytest.mark.parametrize(
    "bad", [[["logiciels-libres"]], [{"title": "Logiciels libres"}], {"a": 1}]
)
def test_themes_of_the_wrong_json_type_are_a_400(bad, book, owner):
    response = owner.post(book.absolute_url(), json=dict(VALID[ARTICLE], themes=bad))
    assert [error["field"] for error in errors(response)] == ["themes"]
    assert stored(book) == {}
