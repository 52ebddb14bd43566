"""``@controlpanels/pressbook`` over HTTP: administrators read and write the
outlets and assemblies; the rules of the form hold; others are turned away."""

from datetime import date
from imio.pressbook import _
from imio.pressbook.vocabularies.assemblies import ASSEMBLIES
from imio.pressbook.vocabularies.outlets import OUTLETS
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from zope.i18n import translate

import json
import pytest
import requests
import transaction


PASSWORD = "Une-longue-phrase-2014"


def fr(message):
    """As the French catalog says it."""
    return translate(message, target_language="fr")


def session(user=SITE_OWNER_NAME, password=SITE_OWNER_PASSWORD):
    http = requests.Session()
    if user:
        http.auth = (user, password)
    http.headers["Accept"] = "application/json"
    http.headers["Accept-Language"] = "fr"
    return http


@pytest.fixture
def url(functional):
    return f"{functional['portal'].absolute_url()}/@controlpanels/pressbook"


def user_with_roles(username, roles):
    with api.env.adopt_roles(["Manager"]):
        api.user.create(
            email=f"{username}@example.org",
            username=username,
            password=PASSWORD,
            roles=("Member",),
        )
        api.user.grant_roles(username=username, roles=list(roles))
    transaction.commit()
    return session(username, PASSWORD)


@pytest.fixture
def editor(functional):
    with user_with_roles("redac", ["Editor", "Contributor", "Reviewer"]) as http:
        yield http


@pytest.fixture
def site_administrator(functional):
    with user_with_roles("admin-site", ["Site Administrator"]) as http:
        yield http


@pytest.fixture
def press_book(functional):
    with api.env.adopt_roles(["Manager"]):
        book = api.content.create(
            functional["portal"],
            "imio.pressbook.PressBook",
            id="medias",
            title="Dans les médias",
        )
    transaction.commit()
    return book


def add_article(book, id, outlet, publish=True):
    with api.env.adopt_roles(["Manager"]):
        article = api.content.create(
            book,
            "imio.pressbook.PressArticle",
            id=id,
            title=f"Article {id}",
            publication_date=date(2014, 1, 21),
            outlet=outlet,
        )
        if publish:
            api.content.transition(article, "publish")
    transaction.commit()
    return article


def stored(record):
    """As the server stored it (not the test request's registry cache)."""
    transaction.begin()
    return api.portal.get_tool("portal_registry").records[record].value


def tokens(rows):
    return [row["token"] for row in rows]


def test_an_administrator_reads_the_rows(owner, url):
    response = owner.get(url)
    assert response.status_code == 200
    body = response.json()
    assert body["title"] == fr(_("Press"))
    outlets = body["data"]["outlets"]
    assert [(row["token"], row["name"]) for row in outlets] == list(OUTLETS)
    assert outlets[0] == {
        "token": "le-soir",
        "name": "Le Soir",
        "kind": "daily",
        "website": "https://www.lesoir.be",
        "language": "fr",
        "rights": None,
    }
    assemblies = body["data"]["assemblies"]
    assert tokens(assemblies) == [token for token, name in ASSEMBLIES]
    assert assemblies[0]["answer_deadline"] == 28
    # the schema describes the columns of a row
    columns = body["schema"]["properties"]["outlets"]["items"]["properties"]
    assert set(columns) == {"token", "name", "kind", "website", "language", "rights"}


def test_the_panel_is_listed_for_an_administrator(owner, functional):
    response = owner.get(f"{functional['portal'].absolute_url()}/@controlpanels")
    assert response.status_code == 200
    listed = [panel["@id"].rsplit("/", 1)[-1] for panel in response.json()]
    assert "pressbook" in listed


def test_a_site_administrator_reads_and_writes(site_administrator, url):
    response = site_administrator.get(url)
    assert response.status_code == 200
    outlets = response.json()["data"]["outlets"]
    outlets[0]["rights"] = "Rossel"
    response = site_administrator.patch(url, json={"outlets": outlets})
    assert response.status_code == 204
    assert stored("imio.pressbook.outlets")[0]["rights"] == "Rossel"


@pytest.mark.parametrize("method", ["get", "patch"])
def test_an_editor_is_turned_away(editor, url, method):
    response = getattr(editor, method)(url, json={"outlets": []})
    assert response.status_code in (401, 403)
    assert tokens(stored("imio.pressbook.outlets")) == [t for t, n in OUTLETS]


@pytest.mark.parametrize("method", ["get", "patch"])
def test_an_anonymous_visitor_is_turned_away(functional, url, method):
    with session(user=None) as anonymous:
        response = getattr(anonymous, method)(url, json={"outlets": []})
    assert response.status_code in (401, 403)
    assert tokens(stored("imio.pressbook.outlets")) == [t for t, n in OUTLETS]


def test_patch_renames_keeps_tokens_and_adds_a_row(owner, url, press_book):
    article = add_article(press_book, "bilan", "le-soir")
    outlets = owner.get(url).json()["data"]["outlets"]
    outlets[0]["name"] = "Le Soir Bruxelles"
    outlets.append({"name": "Le Courrier de l'Escaut", "kind": "daily"})
    response = owner.patch(url, json={"outlets": outlets})
    assert response.status_code == 204
    rows = stored("imio.pressbook.outlets")
    assert rows[0]["token"] == "le-soir"
    assert rows[0]["name"] == "Le Soir Bruxelles"
    assert rows[-1] == {
        "token": "le-courrier-de-lescaut",
        "name": "Le Courrier de l'Escaut",
        "kind": "daily",
        "website": None,
        "language": None,
        "rights": None,
    }
    # the article, over REST too, keeps its token under the new name
    body = owner.get(article.absolute_url()).json()
    assert body["outlet"] == {"token": "le-soir", "title": "Le Soir Bruxelles"}


def test_patch_deleting_an_outlet_in_use_is_a_400_naming_the_field(
    owner, url, press_book
):
    add_article(press_book, "un", "le-soir")
    add_article(press_book, "deux", "le-soir", publish=False)
    add_article(press_book, "trois", "le-soir", publish=False)
    outlets = owner.get(url).json()["data"]["outlets"][1:]
    response = owner.patch(url, json={"outlets": outlets})
    assert response.status_code == 400
    body = response.json()
    assert body["type"] == "BadRequest"
    message = fr(
        _(
            "“${name}” is used by ${count} item(s): it cannot be deleted.",
            mapping={"name": "Le Soir", "count": 3},
        )
    )
    assert body["errors"] == [{"field": "outlets", "message": message}]
    assert json.loads(body["message"]) == body["errors"]
    assert "3" in message
    assert tokens(stored("imio.pressbook.outlets")) == [t for t, n in OUTLETS]


def test_patch_with_a_duplicate_token_is_a_400(owner, url):
    outlets = owner.get(url).json()["data"]["outlets"]
    outlets[1]["token"] = "le-soir"
    response = owner.patch(url, json={"outlets": outlets})
    assert response.status_code == 400
    message = fr(
        _(
            "The identifier “${token}” is given to several rows.",
            mapping={"token": "le-soir"},
        )
    )
    assert response.json()["errors"] == [{"field": "outlets", "message": message}]
    assert json.loads(response.json()["message"]) == response.json()["errors"]
    assert stored("imio.pressbook.outlets")[1]["token"] == "la-libre"


@pytest.mark.parametrize(
    "change,column",
    [
        ({"kind": "newspaper"}, "kind"),
        ({"website": "ftp://ftp.lesoir.be"}, "website"),
        ({"language": "it"}, "language"),
        ({"token": "Le Soir"}, "token"),
        ({"name": None}, "name"),
        ({"colour": "red"}, "colour"),
    ],
)
def test_patch_with_a_bad_row_is_a_400_naming_row_and_column(
    owner, url, change, column
):
    outlets = owner.get(url).json()["data"]["outlets"]
    outlets[1].update(change)
    response = owner.patch(url, json={"outlets": outlets})
    assert response.status_code == 400
    [error] = response.json()["errors"]
    assert (error["field"], error["row"], error["column"]) == ("outlets", 2, column)
    [listed] = json.loads(response.json()["message"])
    assert (listed["field"], listed["row"], listed["column"]) == ("outlets", 2, column)
    assert listed["message"].endswith(error["message"])
    assert stored("imio.pressbook.outlets")[1]["name"] == "La Libre Belgique"


def test_patch_with_an_unknown_field_is_a_400(owner, url):
    response = owner.patch(url, json={"journals": []})
    assert response.status_code == 400
    [error] = response.json()["errors"]
    assert error["field"] == "journals"
    assert json.loads(response.json()["message"]) == [error]


def test_patch_of_a_kind_reindexes_the_articles_of_that_outlet(owner, url, press_book):
    add_article(press_book, "un", "rtl-tvi")
    add_article(press_book, "deux", "la-une")
    outlets = owner.get(url).json()["data"]["outlets"]
    [rtl] = [row for row in outlets if row["token"] == "rtl-tvi"]
    rtl["kind"] = "online"
    assert owner.patch(url, json={"outlets": outlets}).status_code == 204
    transaction.begin()
    catalog = api.portal.get_tool("portal_catalog")
    assert [
        b.getId for b in catalog.unrestrictedSearchResults(outlet_kind="online")
    ] == ["un"]
    assert [b.getId for b in catalog.unrestrictedSearchResults(outlet_kind="tv")] == [
        "deux"
    ]
