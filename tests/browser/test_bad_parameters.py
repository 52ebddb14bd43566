"""Bad GET parameters on the add-on's own views and services: a 400 whose
body names the parameter, in French, never a 500.

Over real HTTP (the functional layer's server), with query strings written
by hand and sent as they are: invalid UTF-8, NUL bytes and other control
characters, absurdly long and repeated values, bracket and dot forms, and
Zope's converter suffixes (``b_start:int=x``), which Zope reads before any
add-on code (``browser/query_string.py``). Valid converter forms, and the
``name[]`` form (axios, Volto) of the parameters that take several values, give
what the plain parameters give. One site for the whole module.
"""

from imio.pressbook.browser.query_string import is_own_path
from imio.pressbook.browser.query_string import plain_query
from lxml import html
from plone import api
from pypdf import PdfReader

import datetime as dt
import io
import pytest
import requests
import transaction


JSON = {"Accept": "application/json"}
LONG = 50_000  # characters of an absurdly long value


@pytest.fixture(scope="class")
def site(functional_portal_class):
    """A published press section with two articles and a question, a
    Collection shown with the press listing, a plain folder."""
    portal = functional_portal_class
    with api.env.adopt_roles(["Manager"]):
        book = api.content.create(
            portal, "imio.pressbook.PressBook", id="medias", title="Dans les médias"
        )
        items = [
            book,
            api.content.create(
                book,
                "imio.pressbook.PressArticle",
                id="article",
                title="Imio touche 3,5 millions d'habitants",
                publication_date=dt.date(2014, 1, 21),
                outlet="le-soir",
                themes=["logiciels-libres"],
            ),
            api.content.create(
                book,
                "imio.pressbook.ParliamentaryQuestion",
                id="question",
                title="Les partenariats de l'intercommunale",
                question_date=dt.date(2015, 7, 10),
                assembly="parlement-wallonie",
            ),
            api.content.create(
                book,
                "imio.pressbook.PressArticle",
                id="libre",
                title="La commune en ligne",
                publication_date=dt.date(2021, 5, 3),
                outlet="la-libre",
            ),
        ]
        collection = api.content.create(
            portal,
            "Collection",
            id="revue",
            title="Revue de presse",
            query=[
                {
                    "i": "portal_type",
                    "o": "plone.app.querystring.operation.selection.any",
                    "v": ["imio.pressbook.PressArticle"],
                }
            ],
        )
        collection.setLayout("pressbook-listing")
        items.append(collection)
        items.append(api.content.create(portal, "Folder", id="dossier", title="D"))
        for item in items:
            api.content.transition(item, "publish")
    transaction.commit()
    with requests.Session() as http:
        yield {"root": portal.absolute_url(), "http": http}


def send(site, path, query="", method="GET", headers=None, data=None):
    """The answer to a request whose query string reaches the server exactly
    as written (no quoting by the client)."""
    url = f"{site['root']}/{path}" if path else site["root"]
    if method == "HEAD":
        # the server sends a body after a HEAD answer (PLONE62-NOTES): not
        # on the shared connection
        headers = {**(headers or {}), "Connection": "close"}
    prepared = requests.Request(method, url, headers=headers, data=data).prepare()
    if query:
        prepared.url = f"{url}?{query}"
    if method == "HEAD":
        with requests.Session() as http:
            return http.send(prepared, allow_redirects=False, timeout=60)
    return site["http"].send(prepared, allow_redirects=False, timeout=60)


def listing_error(response):
    """The text of the listing's error notice."""
    page = html.fromstring(response.text)
    notices = page.xpath("//div[contains(@class, 'pressbook-error')]")
    assert len(notices) == 1, response.text[:500]
    return " ".join(notices[0].text_content().split())


def text_error(response):
    assert response.headers["Content-Type"] == "text/plain; charset=utf-8"
    return response.text


def json_error(response):
    body = response.json()
    assert body["type"] == "BadRequest"
    return f"{body['parameter']}: {body['message']}"


def search_error(response):
    body = response.json()
    assert body["type"] == "BadRequest"
    (error,) = body["errors"]
    return f"{error['parameter']}: {error['message']}"


# endpoint -> (path, request headers, the error message of a 400)
ENDPOINTS = {
    "listing": ("medias", None, listing_error),
    "rss": ("medias/@@pressbook-rss", None, text_error),
    "atom": ("medias/@@pressbook-atom", None, text_error),
    "csv": ("medias/@@pressbook-export.csv", None, text_error),
    "json": ("medias/@@pressbook-export.json", None, json_error),
    "bib": ("medias/@@pressbook-export.bib", None, text_error),
    "ris": ("medias/@@pressbook-export.ris", None, text_error),
    "csl": ("medias/@@pressbook-export.csl.json", None, json_error),
    "search": ("medias/@pressbook-search", JSON, search_error),
    "site-search": ("@pressbook-search", JSON, search_error),
    "review": ("medias/@@pressbook-review", None, text_error),
    "rest-review": ("medias/@pressbook-review", JSON, search_error),
    "stats": ("medias/@@pressbook-stats", None, listing_error),
    "stats-rest": ("medias/@pressbook-stats", JSON, search_error),
}
# the endpoints whose path ends in one of the add-on's names: Zope's
# converters are taken off there; on the press section's own address Zope
# reads them (README, "Known limits")
NAMED = [name for name in ENDPOINTS if name != "listing"]


def names(message, parameter):
    """Whether a message names the parameter (the listing: « year »)."""
    return message.startswith(f"{parameter}: ") or f"« {parameter} »" in message


# (query string, the parameter named, a piece of the French message)
PLAIN_CASES = [
    # invalid UTF-8: Zope keeps the bytes as lone surrogates
    ("outlet=%ff%fe", "outlet", "encodé en UTF-8"),
    ("SearchableText=%c3%28", "SearchableText", "encodé en UTF-8"),
    ("Subject=%e9t%e9", "Subject", "encodé en UTF-8"),
    ("themes=%80", "themes", "encodé en UTF-8"),
    ("sort_on=%ed%a0%80", "sort_on", "encodé en UTF-8"),  # an encoded surrogate
    # NUL bytes and other control characters
    ("Subject=%00", "Subject", "caractères de contrôle"),
    ("SearchableText=a%00b", "SearchableText", "caractères de contrôle"),
    ("outlet=le-soir%07", "outlet", "caractères de contrôle"),
    ("themes=%1b%5b31m", "themes", "caractères de contrôle"),
    ("Subject=%c2%85", "Subject", "caractères de contrôle"),  # U+0085
    ("sort_order=%7f", "sort_order", "caractères de contrôle"),
    ("SearchableText=a%0d%0aSet-Cookie:x", "SearchableText", "caractères de contrôle"),
    ("year=2014%09", "year", "caractères de contrôle"),
    # absurdly long values, too many values
    ("SearchableText=" + "a" * 201, "SearchableText", "Au plus 200 caractères"),
    ("Subject=" + "x" * LONG, "Subject", "Au plus 200 caractères"),
    ("outlet=" + "y" * LONG, "outlet", "Au plus 200 caractères"),
    ("year=" + "9" * LONG, "year", "Au plus 200 caractères"),
    ("b_start=" + "1" * 5000, "b_start", "Au plus 200 caractères"),
    ("year=2014" + "&year=2014" * 100, "year", "Au plus 100 valeurs"),
    # a single-valued parameter given twice
    ("b_start=1&b_start=2", "b_start", "qu'une fois"),
    ("b_size=5&b_size=10", "b_size", "qu'une fois"),
    ("SearchableText=a&SearchableText=b", "SearchableText", "qu'une fois"),
    ("sort_on=date&sort_on=title", "sort_on", "qu'une fois"),
    ("sort_order=ascending&sort_order=descending", "sort_order", "qu'une fois"),
    ("start=2014-01-01&start=2015-01-01", "start", "qu'une fois"),
    ("end=2014-01-01&end=2015-01-01", "end", "qu'une fois"),
    # bracket and dot forms, but ``name[]`` of a list parameter (EQUIVALENT):
    # refused, not ignored
    ("outlet[0]=le-soir", "outlet", "sous la forme outlet=valeur ou outlet[]=valeur"),
    ("themes[x]=logiciels-libres", "themes", "sous la forme themes=valeur"),
    ("Subject[][]=IMIO", "Subject", "sous la forme Subject=valeur"),
    ("year.x=2014", "year", "sous la forme year=valeur"),
    ("b_start[]=1", "b_start", "sous la forme b_start=valeur, sans crochets"),
    ("sort_on[]=title", "sort_on", "sous la forme sort_on=valeur, sans crochets"),
    ("SearchableText%5B%5D=commune", "SearchableText", "sans crochets"),
    ("start[]=2014-01-01", "start", "sous la forme start=valeur"),
    ("portal_type%5B0%5D=imio.pressbook.PressArticle", "portal_type", "sous la forme"),
    # numbers: ASCII digits, in range
    ("year=abc", "year", "Une année est attendue"),
    ("year=1799", "year", "Une année est attendue"),
    ("year=%ef%bc%92%ef%bc%90%ef%bc%91%ef%bc%94", "year", "Une année"),  # full width
    ("b_start=%d9%a1", "b_start", "Un nombre entier"),  # Arabic-Indic 1
    ("b_start=1_0", "b_start", "Un nombre entier"),
    ("b_start=x", "b_start", "Un nombre entier"),
    ("b_start=-1", "b_start", "Un nombre de 0 à"),
    ("b_start=10000001", "b_start", "Un nombre de 0 à"),
    ("b_size=0", "b_size", "Un nombre de 1 à 100"),
    ("b_size=101", "b_size", "Un nombre de 1 à 100"),
    # dates: YYYY-MM-DD only, real days, in order
    ("start=garbage", "start", "AAAA-MM-JJ"),
    ("start=20140121", "start", "AAAA-MM-JJ"),
    ("start=2014-W03-2", "start", "AAAA-MM-JJ"),
    ("end=2014-02-30", "end", "AAAA-MM-JJ"),
    ("start=2015-01-01&end=2014-01-01", "end", "antérieure"),
    # unknown values
    ("portal_type=Document", "portal_type", "Valeur inconnue"),
    ("outlet=inconnu", "outlet", "Valeur inconnue"),
    ("themes=inconnu", "themes", "Valeur inconnue"),
    ("sort_on=size", "sort_on", "Valeur inconnue"),
    ("sort_order=up", "sort_order", "Valeur inconnue"),
    ("SearchableText=(", "SearchableText", "Rien à rechercher"),
]
# Zope's converter suffixes: read by Zope before the add-on's code; on the
# add-on's own names they are taken off, and the value checked as text
CONVERTER_CASES = [
    ("b_start:int=x", "b_start", "Un nombre entier"),
    ("b_start%3Aint=x", "b_start", "Un nombre entier"),  # an encoded colon
    ("b_start:long=-1", "b_start", "Un nombre de 0 à"),
    ("b_size:int=0", "b_size", "Un nombre de 1 à 100"),
    ("b_size:float=2.5", "b_size", "Un nombre entier"),
    ("b_start:boolean=yes", "b_start", "Un nombre entier"),
    ("year:int=abc", "year", "Une année est attendue"),
    ("year:json=%5B2014%5D", "year", "Une année est attendue"),
    ("year:tuple=abc", "year", "Une année est attendue"),
    ("year:list=1799", "year", "Une année est attendue"),
    ("start:date=garbage", "start", "AAAA-MM-JJ"),
    ("end:date_international=31/12/2014", "end", "AAAA-MM-JJ"),
    ("outlet:list=inconnu", "outlet", "Valeur inconnue"),
    ("themes:tokens=logiciels-libres%20inconnu", "themes", "Valeur inconnue"),
    ("SearchableText:utf8:ustring=%ff", "SearchableText", "encodé en UTF-8"),
    ("outlet:latin1:ustring=%e9", "outlet", "encodé en UTF-8"),
    ("Subject:lines=a%00b", "Subject", "caractères de contrôle"),
    ("b_start.x:record=1", "b_start", "sous la forme b_start=valeur"),
    ("themes.token:records=logiciels-libres", "themes", "sous la forme"),
    ("b_start:int=5&b_start:int=6", "b_start", "qu'une fois"),
    ("sort_on:string=title&sort_on=date", "sort_on", "qu'une fois"),
    ("b_start:default=x", "b_start", "Un nombre entier"),
    ("b_start:ignore_empty=x", "b_start", "Un nombre entier"),
    ("b_start:method=x", "b_start", "Un nombre entier"),
    ("sort_on:required=size", "sort_on", "Valeur inconnue"),
]


def _cases():
    for endpoint in ENDPOINTS:
        for query, parameter, french in PLAIN_CASES:
            yield pytest.param(
                endpoint, query, parameter, french, id=f"{endpoint}-{query[:40]}"
            )
    for endpoint in NAMED:
        for query, parameter, french in CONVERTER_CASES:
            yield pytest.param(
                endpoint, query, parameter, french, id=f"{endpoint}-{query[:40]}"
            )


# a Collection's press listing reads only ``b_start``
COLLECTION_CASES = [
    ("b_start=x", "Un nombre entier"),
    ("b_start=-1", "Un nombre de 0 à"),
    ("b_start=%ff", "encodé en UTF-8"),
    ("b_start=%00", "caractères de contrôle"),
    ("b_start=" + "1" * LONG, "Au plus 200 caractères"),
    ("b_start=1&b_start=2", "qu'une fois"),
    ("b_start[]=1", "sous la forme b_start=valeur"),
    ("b_start:int=x", "Un nombre entier"),
    ("b_start.x:record=1", "sous la forme b_start=valeur"),
    ("b_start:int=5&b_start=6", "qu'une fois"),
]


class TestBadParameters:
    @pytest.mark.parametrize("endpoint,query,parameter,french", list(_cases()))
    def test_a_400_naming_the_parameter(self, site, endpoint, query, parameter, french):
        path, headers, error_of = ENDPOINTS[endpoint]
        response = send(site, path, query, headers=headers)
        assert response.status_code == 400, response.text[:300]
        message = error_of(response)
        assert names(message, parameter), message
        assert french in message, message

    @pytest.mark.parametrize("query,french", COLLECTION_CASES)
    def test_collection_listing(self, site, query, french):
        response = send(site, "revue/@@pressbook-listing", query)
        assert response.status_code == 400, response.text[:300]
        message = listing_error(response)
        assert names(message, "b_start"), message
        assert french in message, message
        assert "Imio touche" not in response.text  # no rows with the error

    @pytest.mark.parametrize(
        "path,title",
        [
            ("medias/article", "Imio touche 3,5 millions"),
            ("medias/question", "Les partenariats de l'intercommunale"),
        ],
    )
    @pytest.mark.parametrize(
        "query", ["b_start:int=x", "x:required=", "Subject:utf8:ustring=%ff"]
    )
    def test_print_and_sendto_take_no_parameter(self, site, path, title, query):
        """The document actions read no parameter: converters that Zope would
        refuse are ignored there, as any other parameter."""
        printed = send(site, f"{path}/@@pressbook-print", query)
        assert printed.status_code == 200
        assert title in html.fromstring(printed.text).text_content()
        sent = send(site, f"{path}/@@pressbook-sendto", query)
        assert sent.status_code == 302
        assert sent.headers["Location"].startswith("mailto:?subject=")

    @pytest.mark.parametrize("endpoint", NAMED)
    @pytest.mark.parametrize(
        "query", ["x:required=", "unknown:int=abc", "b_size:int=", "sort_on:required="]
    )
    def test_unknown_or_empty_converted_parameters_are_ignored(
        self, site, endpoint, query
    ):
        path, headers, _error_of = ENDPOINTS[endpoint]
        assert send(site, path, query, headers=headers).status_code == 200


def comparable(endpoint, response):
    """What a response says, without what names its own URL."""
    assert response.status_code == 200, response.text[:300]
    if endpoint in ("search", "site-search", "json", "stats-rest"):
        body = response.json()
        return {
            key: value
            for key, value in body.items()
            if key not in ("@id", "batching", "listing")
        }
    if endpoint == "stats":
        # the figures and their links (Plone's document actions around them
        # repeat the query string as sent)
        (stats,) = html.fromstring(response.text).xpath(
            "//div[@class='pressbook-stats']"
        )
        return " ".join(stats.text_content().split()), stats.xpath(".//a/@href")
    if endpoint == "listing":
        page = html.fromstring(response.text)
        return [
            " ".join(link.text_content().split())
            for link in page.xpath("//*[contains(@class, 'pressbook-item')]//a")
        ]
    if endpoint == "review":
        page = html.fromstring(response.text)
        return [title.text for title in page.cssselect(".item-title")]
    if endpoint == "rest-review":
        reader = PdfReader(io.BytesIO(response.content))
        return [
            line
            for page in reader.pages
            for line in page.extract_text().splitlines()
            if not line.startswith("Réalisée le")  # the minute it was made
        ]
    return response.text


# (valid converter form, the same in plain parameters)
EQUIVALENT = [
    ("b_start:int=1", "b_start=1"),
    ("b_size:int=1&b_start:int=1", "b_size=1&b_start=1"),
    ("year:list=2014", "year=2014"),
    ("year:int=2014", "year=2014"),
    ("year:list=2014&year:list=2021", "year=2014&year=2021"),
    ("outlet:tuple=le-soir&outlet:tuple=la-libre", "outlet=le-soir&outlet=la-libre"),
    (
        "sort_on:string=title&sort_order:ustring=ascending",
        "sort_on=title&sort_order=ascending",
    ),
    ("SearchableText:utf8:ustring=commune", "SearchableText=commune"),
    ("start:date=2014-01-01&end:date=2016-01-01", "start=2014-01-01&end=2016-01-01"),
    # ``name[]``, the form of axios and Volto, for the list parameters
    ("themes[]=logiciels-libres", "themes=logiciels-libres"),
    ("outlet[]=le-soir&outlet[]=la-libre", "outlet=le-soir&outlet=la-libre"),
    ("outlet=le-soir&outlet%5B%5D=la-libre", "outlet=le-soir&outlet=la-libre"),
    ("Subject[]=IMIO", "Subject=IMIO"),
    ("year[]=2014&year[]=2021", "year=2014&year=2021"),
    (
        "portal_type[]=imio.pressbook.ParliamentaryQuestion",
        "portal_type=imio.pressbook.ParliamentaryQuestion",
    ),
]


class TestValidConverterForms:
    @pytest.mark.parametrize("endpoint", NAMED)
    @pytest.mark.parametrize("converted,plain", EQUIVALENT)
    def test_same_result_as_plain(self, site, endpoint, converted, plain):
        path, headers, _error_of = ENDPOINTS[endpoint]
        expected = comparable(endpoint, send(site, path, plain, headers=headers))
        got = comparable(endpoint, send(site, path, converted, headers=headers))
        assert got == expected

    @pytest.mark.parametrize(
        "query",
        [
            "themes=logiciels-libres",
            "outlet=le-soir",
            "portal_type=imio.pressbook.ParliamentaryQuestion",
        ],
    )
    def test_the_bracket_forms_compared_do_filter(self, site, query):
        """The comparison above can fail: the filters they stand for change
        the result."""
        path, headers, _error_of = ENDPOINTS["search"]
        unfiltered = comparable("search", send(site, path, "", headers=headers))
        filtered = comparable("search", send(site, path, query, headers=headers))
        assert filtered["items_total"] < unfiltered["items_total"]

    def test_the_result_differs_between_pages(self, site):
        """The comparison above can fail: the first and second items differ."""
        path, headers, _error_of = ENDPOINTS["search"]
        first = send(site, path, "b_size=1", headers=headers).json()["items"]
        second = send(site, path, "b_size:int=1&b_start:int=1", headers=headers)
        assert [item["@id"] for item in first] != [
            item["@id"] for item in second.json()["items"]
        ]

    @pytest.mark.parametrize("converted,plain", EQUIVALENT[:5])
    def test_listing_reads_zope_conversions(self, site, converted, plain):
        """The press section's own address: Zope converts, the page takes it."""
        expected = comparable("listing", send(site, "medias", plain))
        assert comparable("listing", send(site, "medias", converted)) == expected

    def test_collection_listing_b_start_int(self, site):
        plain = send(site, "revue/@@pressbook-listing", "b_start=1")
        converted = send(site, "revue/@@pressbook-listing", "b_start:int=1")
        assert converted.status_code == plain.status_code == 200
        assert comparable("listing", converted) == comparable("listing", plain)


class TestMethods:
    @pytest.mark.parametrize("endpoint", ["rss", "atom", "csv", "json"])
    def test_head(self, site, endpoint):
        path, headers, _error_of = ENDPOINTS[endpoint]
        assert send(site, path, method="HEAD", headers=headers).status_code == 200
        bad = send(site, path, "b_start:int=x", method="HEAD", headers=headers)
        assert bad.status_code == 400

    def test_head_of_the_press_section_is_plone_s_folder_head(self, site):
        """webdav's HEAD of a folder looks for an ``index_html`` that Plone's
        folders do not have: a 404 on the press section as on any folder."""
        assert send(site, "dossier", method="HEAD").status_code == 404
        assert send(site, "medias", method="HEAD").status_code == 404
        assert send(site, "medias/article", method="HEAD").status_code == 200

    @pytest.mark.parametrize("endpoint", ["rss", "atom", "csv", "json", "listing"])
    def test_post(self, site, endpoint):
        """A POST reads the same parameters, from the body too."""
        path, headers, error_of = ENDPOINTS[endpoint]
        assert send(site, path, method="POST", headers=headers).status_code == 200
        form = {"Content-Type": "application/x-www-form-urlencoded"}
        bad = send(site, path, method="POST", headers=form, data="year=abc")
        assert bad.status_code == 400
        assert names(error_of(bad), "year")

    @pytest.mark.parametrize("endpoint", ["rss", "atom", "csv", "json"])
    def test_post_converters_in_the_body(self, site, endpoint):
        path, headers, error_of = ENDPOINTS[endpoint]
        form = {"Content-Type": "application/x-www-form-urlencoded"}
        bad = send(site, path, method="POST", headers=form, data="b_start:int=x")
        assert bad.status_code == 400
        assert names(error_of(bad), "b_start")
        good = send(site, path, method="POST", headers=form, data="b_start:int=0")
        assert good.status_code == 200

    @pytest.mark.parametrize("path", ["medias/@pressbook-search", "@pressbook-search"])
    def test_search_answers_get_only(self, site, path):
        """plone.rest: no service for other methods, a 404 (not a 500)."""
        assert send(site, path, method="POST", headers=JSON).status_code == 404
        assert send(site, path, method="HEAD", headers=JSON).status_code == 404


class TestZopeOwnBehaviour:
    """What the add-on leaves to Zope (README, "Known limits")."""

    @pytest.mark.parametrize(
        "query,error",
        [
            ("b_start:int=x", "ValueError"),
            ("start:date=garbage", "SyntaxError"),
            ("x:required=", "ValueError"),
            ("SearchableText:utf8:ustring=%ff", "UnicodeDecodeError"),
        ],
    )
    @pytest.mark.parametrize("path", ["@@search", "medias/article", "medias", "revue"])
    def test_converters_fail_before_traversal(self, site, path, query, error):
        """Plone's own search, an article, and the addresses of the press
        section and of a Collection (their default views, found only by
        traversal): Zope's 500, before any add-on code."""
        response = send(site, path, query)
        assert response.status_code == 500
        assert error in response.text

    def test_converters_in_a_multipart_body(self, site):
        """A form-encoded body is made plain as the query string; a multipart
        one is left to Zope."""
        path = "medias/@@pressbook-rss"
        response = site["http"].post(
            f"{site['root']}/{path}", files={"b_start:int": (None, "x")}, timeout=60
        )
        assert response.status_code == 500
        assert "ValueError" in response.text

    @pytest.mark.parametrize("path", ["@@search", "medias/@@pressbook-rss"])
    def test_undecodable_names_are_zope_s_400(self, site, path):
        response = send(site, path, "%ff=1")
        assert response.status_code == 400
        assert "BadRequest" in response.text

    def test_valid_converters_still_work_on_other_urls(self, site):
        response = send(site, "@@search", "b_start:int=0&SearchableText=commune")
        assert response.status_code == 200


@pytest.mark.parametrize(
    "path,own",
    [
        ("/plone/medias/@@pressbook-rss", True),
        ("/plone/medias/pressbook-atom/", True),
        ("/plone/@pressbook-search", True),
        (
            "/VirtualHostBase/https/x.be:443/plone/VirtualHostRoot/m/@@pressbook-export.csv",
            True,
        ),
        ("/plone/revue/@@pressbook-listing", True),
        ("/plone/medias", False),
        ("/plone/medias/view", False),
        ("/plone/@@search", False),
        ("/plone/pressbook-rss/article", False),
        ("", False),
    ],
)
def test_own_paths(path, own):
    assert is_own_path(path) is own


@pytest.mark.parametrize(
    "query,plain",
    [
        ("b_start:int=5", "b_start=5"),
        ("year:list=2014&year:list=2021", "year=2014&year=2021"),
        ("SearchableText:utf8:ustring=%FF", "SearchableText=%FF"),
        ("b_start.x:record=1", "b_start.x=1"),
        ("b_start%3Aint=x", "b_start=x"),
        ("a:b:int=1", "a%3Ab=1"),  # as Zope: ":b" is too short to be a suffix
        ("year=2014&outlet=le-soir", None),
        ("", None),
    ],
)
def test_plain_query(query, plain):
    assert plain_query(query) == plain
