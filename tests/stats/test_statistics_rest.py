"""GET @pressbook-stats over real HTTP: the figures of the brute force for a
visitor and for the site owner (private items), the filters honoured, French
titles, the CSV links, a 400 naming a bad parameter, the overdue questions."""

from plone import api
from plone.app.testing import logout
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from tests.stats.conftest import BruteForce
from tests.stats.conftest import create_items

import json
import pytest
import requests
import transaction


@pytest.fixture()
def http_book(functional):
    """The press section of items.json, committed for the HTTP server."""
    portal = functional["portal"]
    with api.env.adopt_roles(["Manager"]):
        book = api.content.create(
            portal, "imio.pressbook.PressBook", id="medias", title="Dans les médias"
        )
        api.content.transition(book, "publish")
    create_items(book)
    transaction.commit()
    return book


def get(book, user, status=200, **params):
    with requests.Session() as http:
        http.headers["Accept"] = "application/json"
        if user == "owner":
            http.auth = (SITE_OWNER_NAME, SITE_OWNER_PASSWORD)
        response = http.get(f"{book.absolute_url()}/@pressbook-stats", params=params)
    assert response.status_code == status, response.text
    return response.json()


def chart(body, chart_id):
    return next(item for item in body["charts"] if item["id"] == chart_id)


def counts(body, chart_id):
    return {item["token"]: item["count"] for item in chart(body, chart_id)["items"]}


def test_a_visitor_gets_the_brute_force_counts(http_book):
    logout()
    objects = BruteForce.items(http_book)
    expected = BruteForce.counts(objects)
    body = get(http_book, "anonymous")
    assert body["items_total"] == len(objects) == 10
    for chart_id, values in expected.items():
        if chart_id == "month":
            # every month from the first to the last, zeros included
            assert {
                token: count for token, count in counts(body, chart_id).items() if count
            } == values
        else:
            assert counts(body, chart_id) == values
    assert body["answer_delays"] == {"answered": 5, "median": 10, "percentile_90": 30}
    assert chart(body, "delays_addressed_to")["items"] == [
        {
            "token": "FURLAN Paul",
            "title": "FURLAN Paul",
            "answered": 3,
            "median": 20,
            "percentile_90": 30,
        },
        {
            "token": "DE CROO Alexander",
            "title": "DE CROO Alexander",
            "answered": 2,
            "median": 4.5,
            "percentile_90": 7,
        },
    ]
    # the overdue questions of the result, with the last day of their deadline
    assert [item["title"] for item in body["overdue"]] == ["Élément q4"]
    assert body["overdue"][0]["due"] == "2024-02-29"
    assert body["overdue"][0]["url"].endswith("/medias/q4")


def test_the_site_owner_counts_private_items(http_book):
    body = get(http_book, "owner")
    assert body["items_total"] == 13
    assert counts(body, "outlet")["vivacite"] == 1
    assert body["answer_delays"] == {"answered": 6, "median": 15, "percentile_90": 60}


def test_filters_titles_and_csv_links(http_book):
    body = get(http_book, "anonymous", assembly="chambre", start="2024-01-01")
    assert body["items_total"] == 2
    assert body["@id"].endswith("/@pressbook-stats?assembly=chambre&start=2024-01-01")
    assert counts(body, "asked_by") == {"DUPONT Jean-Marc": 2}
    assert chart(body, "assembly")["items"][0]["title"] == (
        "Chambre des représentants de Belgique"
    )
    assert chart(body, "month")["title"] == "Éléments par mois"
    assert [item["title"] for item in chart(body, "month")["items"]] == [
        "janvier 2024",
        "février 2024",
        "mars 2024",
    ]
    link = chart(body, "outlet")["csv"]
    assert link.startswith(f"{http_book.absolute_url()}/@@pressbook-stats.csv?")
    response = requests.get(link)
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
    response = requests.get(chart(body, "asked_by")["csv"])
    assert response.content.decode("utf-8-sig").splitlines()[1:] == [
        "DUPONT Jean-Marc;2"
    ]


@pytest.mark.parametrize(
    "params, parameter",
    [
        ({"year": "deux-mille"}, "year"),
        ({"outlet": "the-times"}, "outlet"),
        ({"start": "2024-13-01"}, "start"),
        ({"start": "2024-02-01", "end": "2024-01-01"}, "end"),
        ({"themes": "inconnu"}, "themes"),
    ],
)
def test_bad_parameter_is_a_400_naming_it(http_book, params, parameter):
    body = get(http_book, "anonymous", status=400, **params)
    assert body["type"] == "BadRequest"
    assert [error["parameter"] for error in body["errors"]] == [parameter]
    assert json.loads(body["message"])[0]["field"] == parameter
