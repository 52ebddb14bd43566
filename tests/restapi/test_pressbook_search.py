"""GET @pressbook-search over HTTP: items, counts and facets checked against a
brute-force count of the fixture, for a visitor and a manager; batching links;
press section and site root; a 400 naming each bad parameter."""

from collections import Counter
from DateTime import DateTime
from datetime import date
from imio.pressbook import _
from imio.pressbook import search as engine
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from urllib.parse import parse_qs
from urllib.parse import urlsplit
from zope.i18n import translate

import json
import pytest
import requests
import transaction


ARTICLE = "imio.pressbook.PressArticle"
QUESTION = "imio.pressbook.ParliamentaryQuestion"
OUTLET_KINDS = {
    "le-soir": "daily",
    "la-libre": "daily",
    "l-avenir": "daily",
    "rtl-tvi": "tv",
    "belga": "agency",
}
ANSWER = {"date": date(2024, 6, 1), "answered_by": "", "kind": "final", "text": ""}

# the fixture: (book, id, type, fields, how it is published)
#   public: published; private: never published; expired: published, expired
#   in 2020; future: published, effective in 2100
ITEMS = [
    ("medias", "a1", ARTICLE, {"day": date(2024, 3, 1), "outlet": "le-soir"}, "public"),
    (
        "medias",
        "a2",
        ARTICLE,
        {"day": date(2023, 5, 10), "outlet": "le-soir", "subjects": ["mutualisation"]},
        "public",
    ),
    (
        "medias",
        "a3",
        ARTICLE,
        {
            "day": date(2024, 6, 1),
            "outlet": "la-libre",
            "title": "L'intercommunale recrute",
        },
        "public",
    ),
    (
        "medias",
        "a4",
        ARTICLE,
        {"day": date(2022, 1, 15), "outlet": "rtl-tvi"},
        "public",
    ),
    (
        "medias",
        "a5",
        ARTICLE,
        {"day": date(2024, 2, 2), "outlet": "le-soir"},
        "private",
    ),
    (
        "medias",
        "a6",
        ARTICLE,
        {"day": date(2023, 9, 9), "outlet": "la-libre"},
        "expired",
    ),
    ("medias", "a7", ARTICLE, {"day": date(2024, 10, 10), "outlet": "belga"}, "future"),
    (
        "medias",
        "q1",
        QUESTION,
        {
            "day": date(2024, 4, 1),
            "assembly": "parlement-wallonie",
            "question_type": "written",
            "answered": True,
            "title": "Les partenariats de l'intercommunale IMIO",
        },
        "public",
    ),
    (
        "medias",
        "q2",
        QUESTION,
        {
            "day": date(2023, 4, 1),
            "assembly": "parlement-wallonie",
            "question_type": "oral",
            "answered": False,
        },
        "public",
    ),
    (
        "medias",
        "q3",
        QUESTION,
        {
            "day": date(2024, 5, 1),
            "assembly": "chambre",
            "question_type": "written",
            "answered": False,
        },
        "private",
    ),
    (
        "archives",
        "a8",
        ARTICLE,
        {"day": date(2019, 1, 1), "outlet": "l-avenir"},
        "public",
    ),
    (
        "archives",
        "q4",
        QUESTION,
        {
            "day": date(2020, 1, 1),
            "assembly": "chambre",
            "question_type": "written",
            "answered": True,
        },
        "public",
    ),
]
# the themes of the items (tokens of the taxonomy), and the parents of those
# that have one: a parent theme counts and finds the items of its children
THEMES = {
    "a1": ["logiciels-libres"],
    "a2": ["informatique", "mutualisation-informatique"],
    "a3": ["intercommunales"],
    "a5": ["logiciels-libres"],
    "q1": ["mutualisation-informatique", "intercommunales"],
    "a8": ["marches-publics"],
    "q4": ["centrales-d-achat"],
}
PARENT_THEMES = {
    "logiciels-libres": "informatique",
    "mutualisation-informatique": "informatique",
    "centrales-d-achat": "marches-publics",
}
MANAGER = "manager"
ANONYMOUS = "anonymous"
USERS = pytest.mark.parametrize("user", [MANAGER, ANONYMOUS])


def _create(book, item_id, portal_type, fields, publication):
    common = {
        "id": item_id,
        "title": fields.get("title", f"Élément {item_id}"),
        "subject": fields.get("subjects", []),
        "themes": THEMES.get(item_id, []),
    }
    if portal_type == ARTICLE:
        obj = api.content.create(
            book,
            ARTICLE,
            publication_date=fields["day"],
            outlet=fields["outlet"],
            **common,
        )
    else:
        obj = api.content.create(
            book,
            QUESTION,
            question_date=fields["day"],
            assembly=fields["assembly"],
            question_type=fields["question_type"],
            asked_by="DUPONT Jean-Marc",
            addressed_to="FURLAN Paul",
            answers=[dict(ANSWER)] if fields["answered"] else [],
            **common,
        )
    if publication != "private":
        api.content.transition(obj, "publish")
    if publication == "expired":
        obj.setExpirationDate(DateTime("2020/01/01"))
    if publication == "future":
        # (the catalog takes a date past 2500 for "no date")
        obj.setEffectiveDate(DateTime("2100/01/01"))
    obj.reindexObject()


@pytest.fixture()
def books(functional):
    """Two published press sections, ``medias`` and ``archives``, and a page."""
    portal = functional["portal"]
    with api.env.adopt_roles(["Manager"]):
        for book_id, title in (("medias", "Dans les médias"), ("archives", "Archives")):
            book = api.content.create(
                portal, "imio.pressbook.PressBook", id=book_id, title=title
            )
            api.content.transition(book, "publish")
        api.content.create(portal, "Document", id="page", title="Une page")
    transaction.commit()
    return portal


@pytest.fixture()
def site(books):
    """The press sections with ITEMS."""
    with api.env.adopt_roles(["Manager"]):
        for book_id, item_id, portal_type, fields, publication in ITEMS:
            _create(books[book_id], item_id, portal_type, fields, publication)
    transaction.commit()
    return books


@pytest.fixture()
def http():
    sessions = {}

    def session(user):
        if user not in sessions:
            sessions[user] = requests.Session()
            sessions[user].headers["Accept"] = "application/json"
            if user == MANAGER:
                sessions[user].auth = (SITE_OWNER_NAME, SITE_OWNER_PASSWORD)
        return sessions[user]

    yield session
    for value in sessions.values():
        value.close()


def get(http, user, context, status=200, **params):
    response = http(user).get(
        f"{context.absolute_url()}/@pressbook-search", params=params
    )
    assert response.status_code == status, response.text
    return response.json()


# the brute force: the fixture's own description, no catalog


def seen(user, book=None, **only):
    """The ITEMS the user may see, below ``book`` (all when None)."""
    return [
        item
        for item in ITEMS
        if (book is None or item[0] == book)
        and (user == MANAGER or item[4] == "public")
        and all(value(item) for value in only.values())
    ]


def facet_values(item):
    """{parameter: value} of an item, for the facets that apply to it."""
    _book, _id, portal_type, fields, _publication = item
    values = {"portal_type": portal_type, "year": str(fields["day"].year)}
    themes = THEMES.get(_id, [])
    values["themes"] = set(themes) | {
        PARENT_THEMES[theme] for theme in themes if theme in PARENT_THEMES
    }
    if portal_type == ARTICLE:
        values["outlet"] = fields["outlet"]
        values["outlet_kind"] = OUTLET_KINDS[fields["outlet"]]
    else:
        values["assembly"] = fields["assembly"]
        values["question_type"] = fields["question_type"]
        values["answer_status"] = "answered" if fields["answered"] else "awaiting"
    return values


FACETS = (
    "portal_type",
    "year",
    "outlet",
    "outlet_kind",
    "themes",
    "assembly",
    "question_type",
    "answer_status",
)


def brute_force_facets(items):
    counts = {parameter: Counter() for parameter in FACETS}
    for item in items:
        for parameter, value in facet_values(item).items():
            # an item counts once for each of its themes and their parents
            for one in value if isinstance(value, set) else [value]:
                counts[parameter][one] += 1
    return {parameter: dict(counter) for parameter, counter in counts.items()}


def counted(facets):
    """{parameter: {token: count}} of the response's facets."""
    return {
        parameter: {entry["token"]: entry["count"] for entry in entries}
        for parameter, entries in facets.items()
        if parameter in FACETS
    }


def ids(data):
    return [item["@id"].rsplit("/", 1)[-1] for item in data["items"]]


def newest_first(items):
    return [
        item[1] for item in sorted(items, key=lambda item: item[3]["day"], reverse=True)
    ]


# shape and counts


@USERS
def test_press_section_items_counts_and_facets_match_the_brute_force(site, http, user):
    data = get(http, user, site["medias"])
    expected = seen(user, "medias")
    assert len(expected) == (10 if user == MANAGER else 6)
    assert data["items_total"] == len(expected)
    assert ids(data) == newest_first(expected)
    assert set(data["facets"]) == set(engine.FACETS)
    assert counted(data["facets"]) == brute_force_facets(expected)


@USERS
def test_site_root_searches_every_press_section(site, http, user):
    data = get(http, user, site)
    expected = seen(user)
    assert len(expected) == (12 if user == MANAGER else 8)
    assert data["items_total"] == len(expected)
    assert ids(data) == newest_first(expected)
    assert counted(data["facets"]) == brute_force_facets(expected)
    archives = get(http, user, site["archives"])
    assert ids(archives) == ["q4", "a8"]


def test_overdue_questions_are_a_filter_a_facet_value_and_a_field(site, http):
    book = site["medias"]
    with api.env.adopt_roles(["Manager"]):
        late = api.content.create(
            book,
            QUESTION,
            id="late",
            title="Late",
            assembly="parlement-wallonie",
            question_type="written",
            question_date=date(2024, 1, 10),
            asked_by="DUPONT Jean-Marc",
            addressed_to="FURLAN Paul",
        )
        api.content.transition(late, "publish")
    transaction.commit()
    data = get(http, ANONYMOUS, book, answer_status="overdue")
    assert ids(data) == ["late"]
    [item] = data["items"]
    assert item["answer_status"] == "awaiting"
    assert item["answer_overdue"] is True
    assert item["answer_due_date"] == "2024-02-07"
    assert {"token": "overdue", "title": "Réponse en retard", "count": 1} in data[
        "facets"
    ]["answer_status"]
    # the other questions carry the fields too
    everything = get(http, ANONYMOUS, book, portal_type=QUESTION)
    overdue = {
        item["@id"].split("/")[-1]: item["answer_overdue"]
        for item in everything["items"]
    }
    assert overdue == {"late": True, "q1": False, "q2": False}


def test_anonymous_never_sees_nor_counts_private_expired_or_future_items(site, http):
    data = get(http, ANONYMOUS, site, b_size="100")
    hidden = {"a5", "a6", "a7", "q3"}
    assert not hidden & set(ids(data))
    # not even through a filter that only they match
    assert get(http, ANONYMOUS, site, outlet="belga")["items_total"] == 0
    assert get(http, ANONYMOUS, site, assembly="chambre")["items_total"] == 1
    facets = counted(data["facets"])
    assert "belga" not in facets["outlet"]
    assert facets["outlet"]["le-soir"] == 2
    assert get(http, MANAGER, site, outlet="belga")["items_total"] == 1


def test_summary_items_carry_the_pressbook_fields(site, http):
    data = get(http, ANONYMOUS, site["medias"], portal_type=QUESTION)
    q1 = next(item for item in data["items"] if item["@id"].endswith("/q1"))
    assert q1["@type"] == QUESTION
    assert q1["title"] == "Les partenariats de l'intercommunale IMIO"
    assert q1["review_state"] == "published"
    assert q1["assembly"] == "parlement-wallonie"
    assert q1["question_type"] == "written"
    assert q1["answer_status"] == "answered"
    assert q1["asked_by"] == "DUPONT Jean-Marc"
    assert q1["pressbook_date"].startswith("2024-04-01")
    a1 = get(http, ANONYMOUS, site["medias"], outlet="rtl-tvi")["items"][0]
    assert a1["outlet"] == "rtl-tvi"
    assert a1["answer_status"] is None


def test_id_is_the_full_url_with_its_query(site, http):
    url = f"{site['medias'].absolute_url()}/@pressbook-search"
    response = http(ANONYMOUS).get(
        url, params=[("outlet", "le-soir"), ("year", "2024")]
    )
    assert response.json()["@id"] == f"{url}?outlet=le-soir&year=2024"


# facets: titles and order


def test_facet_titles_are_french_and_values_come_by_count_then_title(site, http):
    facets = get(http, MANAGER, site)["facets"]
    assert facets["portal_type"] == [
        {
            "token": ARTICLE,
            "title": translate(_("Press article"), target_language="fr"),
            "count": 8,
        },
        {
            "token": QUESTION,
            "title": translate(_("Parliamentary question"), target_language="fr"),
            "count": 4,
        },
    ]
    assert facets["portal_type"][0]["title"] == "Article de presse"
    assert facets["answer_status"] == [
        {"token": "awaiting", "title": "En attente de réponse", "count": 2},
        {"token": "answered", "title": "Répondue", "count": 2},
    ]
    # le-soir 3, then la-libre 2, then the ones counted once, by title
    assert [(entry["token"], entry["count"]) for entry in facets["outlet"]] == [
        ("le-soir", 3),
        ("la-libre", 2),
        ("belga", 1),
        ("l-avenir", 1),
        ("rtl-tvi", 1),
    ]
    assert facets["outlet"][0]["title"] == "Le Soir"
    assert facets["outlet"][1]["title"] == "La Libre Belgique"


def test_years_are_newest_first(site, http):
    years = get(http, MANAGER, site)["facets"]["year"]
    assert years == [
        {"token": "2024", "title": "2024", "count": 6},
        {"token": "2023", "title": "2023", "count": 3},
        {"token": "2022", "title": "2022", "count": 1},
        {"token": "2020", "title": "2020", "count": 1},
        {"token": "2019", "title": "2019", "count": 1},
    ]


# filters


@USERS
def test_repeated_parameter_values_are_alternatives(site, http, user):
    data = get(http, user, site, outlet=["le-soir", "rtl-tvi"])
    expected = seen(
        user, outlet=lambda item: item[3].get("outlet") in ("le-soir", "rtl-tvi")
    )
    assert data["items_total"] == len(expected)
    assert sorted(ids(data)) == sorted(item[1] for item in expected)
    # the outlet facet counts as if no outlet were chosen: the other choices
    assert counted(data["facets"])["outlet"] == brute_force_facets(seen(user))["outlet"]
    # every other facet counts the result
    assert counted(data["facets"])["year"] == brute_force_facets(expected)["year"]


@USERS
def test_filters_combine_and_facets_match_the_brute_force(site, http, user):
    data = get(
        http,
        user,
        site,
        portal_type=QUESTION,
        question_type="written",
        year=["2024", "2020"],
    )
    expected = seen(
        user,
        portal_type=lambda item: item[2] == QUESTION,
        question_type=lambda item: item[3].get("question_type") == "written",
        year=lambda item: item[3]["day"].year in (2024, 2020),
    )
    assert data["items_total"] == len(expected) == (3 if user == MANAGER else 2)
    assert sorted(ids(data)) == sorted(item[1] for item in expected)
    facets = counted(data["facets"])
    assert facets["assembly"] == brute_force_facets(expected)["assembly"]
    assert facets["answer_status"] == brute_force_facets(expected)["answer_status"]


def test_outlet_kind_dates_text_and_subject(site, http):
    assert ids(get(http, MANAGER, site, outlet_kind="tv")) == ["a4"]
    assert sorted(
        ids(get(http, MANAGER, site, start="2024-04-01", end="2024-06-01"))
    ) == [
        "a3",
        "q1",
        "q3",
    ]
    assert ids(get(http, MANAGER, site, end="2019-12-31")) == ["a8"]
    assert sorted(ids(get(http, ANONYMOUS, site, SearchableText="intercommunale"))) == [
        "a3",
        "q1",
    ]
    assert ids(get(http, ANONYMOUS, site, Subject="mutualisation")) == ["a2"]


def test_sort_on_title(site, http):
    data = get(http, MANAGER, site["medias"], sort_on="title", sort_order="ascending")
    titles = [item["title"] for item in data["items"]]
    assert titles[0] == "Élément a1"
    assert titles[-1] == "Les partenariats de l'intercommunale IMIO"
    assert len(titles) == 10


# batching


def b_start(url):
    return int(parse_qs(urlsplit(url).query)["b_start"][0])


def test_batching_links_walk_every_page_once(site, http):
    expected = newest_first(seen(MANAGER, "medias"))
    walked = []
    starts = []
    params = {"b_size": "3", "outlet_kind": [], "b_start": "0"}
    while True:
        data = get(http, MANAGER, site["medias"], **params)
        assert data["items_total"] == 10
        batching = data["batching"]
        assert b_start(batching["first"]) == 0
        assert b_start(batching["last"]) == 9
        assert batching["@id"] == data["@id"]
        walked += ids(data)
        starts.append(int(params["b_start"]))
        if params["b_start"] != "0":
            assert b_start(batching["prev"]) == int(params["b_start"]) - 3
        else:
            assert "prev" not in batching
        if "next" not in batching:
            break
        # the links keep the other parameters
        assert parse_qs(urlsplit(batching["next"]).query)["b_size"] == ["3"]
        params["b_start"] = str(b_start(batching["next"]))
    assert starts == [0, 3, 6, 9]
    assert walked == expected


def test_batching_keeps_repeated_filters_and_handles_the_edges(site, http):
    data = get(http, MANAGER, site, outlet=["le-soir", "la-libre"], b_size="2")
    assert data["items_total"] == 5
    assert parse_qs(urlsplit(data["batching"]["next"]).query) == {
        "b_start": ["2"],
        "b_size": ["2"],
        "outlet": ["le-soir", "la-libre"],
    }
    # past the end: nothing, and the way back is the last page
    past = get(http, MANAGER, site, b_start="40", b_size="2")
    assert past["items"] == []
    assert past["items_total"] == 12
    assert "next" not in past["batching"]
    assert b_start(past["batching"]["prev"]) == 10
    # one page: first and last are the same, no next nor prev
    single = get(http, MANAGER, site["archives"])
    assert set(single["batching"]) == {"@id", "first", "last"}
    assert single["batching"]["first"] == single["batching"]["last"]
    # nothing found
    empty = get(http, ANONYMOUS, site, outlet="belga")
    assert empty["items"] == []
    assert set(empty["batching"]) == {"@id", "first", "last"}


def test_a_press_section_page_size_is_the_default_batch(site, http):
    medias = site["medias"]
    with api.env.adopt_roles(["Manager"]):
        medias.batch_size = 4
    transaction.commit()
    data = get(http, MANAGER, medias)
    assert len(data["items"]) == 4
    assert b_start(data["batching"]["next"]) == 4
    # the URL's b_size wins
    assert len(get(http, MANAGER, medias, b_size="2")["items"]) == 2


def test_relevance_results_are_batched_too(site, http):
    first = get(http, ANONYMOUS, site, SearchableText="intercommunale", b_size="1")
    assert first["items_total"] == 2
    assert len(first["items"]) == 1
    second = get(
        http, ANONYMOUS, site, SearchableText="intercommunale", b_size="1", b_start="1"
    )
    assert len(second["items"]) == 1
    assert "next" not in second["batching"]
    assert sorted(ids(first) + ids(second)) == ["a3", "q1"]


# where it answers


def test_only_on_press_sections_and_the_site_root(books, http):
    response = http(MANAGER).get(f"{books['page'].absolute_url()}/@pressbook-search")
    assert response.status_code == 404


# bad parameters


BAD_PARAMETERS = [
    ({"outlet": "the-times"}, "outlet"),
    ({"outlet": ["le-soir", "the-times"]}, "outlet"),
    ({"outlet_kind": "pigeon"}, "outlet_kind"),
    ({"themes": "astrologie"}, "themes"),
    ({"themes": ["informatique", "Informatique"]}, "themes"),
    ({"assembly": "nowhere"}, "assembly"),
    ({"question_type": "shouted"}, "question_type"),
    ({"answer_status": "maybe"}, "answer_status"),
    ({"portal_type": "Document"}, "portal_type"),
    ({"year": "twenty"}, "year"),
    ({"year": "99999"}, "year"),
    ({"start": "2015-13-45"}, "start"),
    ({"start": "21/01/2014"}, "start"),
    ({"end": "yesterday"}, "end"),
    ({"start": "2016-01-01", "end": "2015-01-01"}, "end"),
    ({"b_size": "1000"}, "b_size"),
    ({"b_size": "0"}, "b_size"),
    ({"b_size": "ten"}, "b_size"),
    ({"b_start": "-1"}, "b_start"),
    ({"b_start": "x"}, "b_start"),
    ({"b_start": ["0", "20"]}, "b_start"),
    ({"sort_on": "modified"}, "sort_on"),
    ({"sort_on": ["date", "title"]}, "sort_on"),
    ({"sort_order": "up"}, "sort_order"),
    ({"SearchableText": "x" * 201}, "SearchableText"),
    ({"SearchableText": "("}, "SearchableText"),
    ({"SearchableText": '"'}, "SearchableText"),
]


@pytest.mark.parametrize(
    "params,parameter",
    BAD_PARAMETERS,
    ids=[str(case[0])[:40] for case in BAD_PARAMETERS],
)
def test_bad_parameter_is_a_400_naming_it(books, http, params, parameter):
    body = get(http, ANONYMOUS, books["medias"], status=400, **params)
    assert body["type"] == "BadRequest"
    assert [error["parameter"] for error in body["errors"]] == [parameter]
    assert body["errors"][0]["message"]
    # plone.restapi's list of {field, message}, as Volto reads it
    assert json.loads(body["message"]) == [
        {"field": parameter, "message": body["errors"][0]["message"]}
    ]


def test_bad_parameter_message_is_in_french_on_the_site_root_too(books, http):
    body = get(http, ANONYMOUS, books, status=400, outlet="the-times")
    message = translate(
        _("Unknown value: ${value}.", mapping={"value": "the-times"}),
        target_language="fr",
    )
    assert body["errors"] == [{"parameter": "outlet", "message": message}]
    assert json.loads(body["message"]) == [{"field": "outlet", "message": message}]


def test_through_api_traversal_links_stay_there(site, http):
    portal_url = site.absolute_url()
    url = f"{portal_url}/++api++/medias/@pressbook-search"
    response = http(ANONYMOUS).get(url, params={"b_size": "2", "outlet": "le-soir"})
    assert response.status_code == 200, response.text
    data = response.json()
    assert data["items_total"] == 2
    assert data["@id"] == f"{url}?b_size=2&outlet=le-soir"
    assert data["batching"]["first"].startswith(f"{url}?")


# themes: a parent theme includes the themes below it


def has_theme(theme):
    return lambda item: theme in facet_values(item)["themes"]


@USERS
@pytest.mark.parametrize(
    "themes",
    [["informatique"], ["logiciels-libres"], ["marches-publics", "intercommunales"]],
)
def test_a_theme_finds_the_items_of_the_themes_below_it(site, http, user, themes):
    data = get(http, user, site, themes=themes)
    expected = [
        item
        for item in seen(user)
        if any(theme in facet_values(item)["themes"] for theme in themes)
    ]
    assert data["items_total"] == len(expected) > 0
    assert ids(data) == newest_first(expected)
    # the themes facet counts as if no theme were chosen
    assert counted(data["facets"])["themes"] == brute_force_facets(seen(user))["themes"]
    assert counted(data["facets"])["year"] == brute_force_facets(expected)["year"]


def test_informatique_counts_each_item_once(site, http):
    themes = counted(get(http, MANAGER, site["medias"])["facets"])["themes"]
    # a1, a5 (logiciels-libres), a2 (informatique and one of its children), q1
    assert themes["informatique"] == 4
    assert themes["logiciels-libres"] == 2
    assert themes["mutualisation-informatique"] == 2


def test_theme_titles_carry_their_parents(site, http):
    facet = get(http, ANONYMOUS, site)["facets"]["themes"]
    titles = {entry["token"]: entry["title"] for entry in facet}
    assert titles["logiciels-libres"] == "Informatique › Logiciels libres"
    assert titles["informatique"] == "Informatique"
    assert titles["centrales-d-achat"] == "Marchés publics › Centrales d'achat"
    assert facet[0] == {"token": "informatique", "title": "Informatique", "count": 3}
