"""Citing press items: the "Cite" section of their pages (a French citation),
their BibTeX, RIS and CSL-JSON downloads, and the same three formats for the
press section's filtered result, each parsed back by a real parser
(bibtexparser, rispy, json).

Over real HTTP on the demo site (the demo layer's server), for a visitor and
for the site's owner: the demo article's scan is for logged-in readers only.
"""

from datetime import date
from imio.pressbook.browser.views.press_book import long_date
from imio.pressbook.citations import to_bibtex
from imio.pressbook.citations import to_csl_json
from imio.pressbook.citations import to_ris
from lxml import html
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from zope.event import notify
from zope.traversing.interfaces import BeforeTraverseEvent

import bibtexparser
import json
import pytest
import requests
import rispy
import transaction


BOOK = "presentation/dans-les-medias"
ARTICLE = "imio-touche-3-5-millions-d-habitants"
QUESTION = "les-partenariats-sollicites-par-l-intercommunale-imio"
OWNER = (SITE_OWNER_NAME, SITE_OWNER_PASSWORD)
ARTICLE_TITLE = "Imio touche 3,5 millions d’habitants en Région wallonne"
QUESTION_TITLE = "Les partenariats sollicités par l'intercommunale IMIO"
ROLE = "Ministre des Pouvoirs locaux, de la Ville, du Logement et de l'Energie"
# CSL-JSON: what every item must have (CSL 1.0.2 schema), and the types chosen
CSL_REQUIRED = ("id", "type")


@pytest.fixture
def book_url(demo):
    return f"{demo['portal'].absolute_url()}/{BOOK}"


def get(url, auth=None, **params):
    response = requests.get(url, params=params, auth=auth, timeout=60)
    assert response.status_code == 200, response.text[:300]
    return response


def parse_bibtex(text):
    parser = bibtexparser.bparser.BibTexParser(common_strings=True)
    return bibtexparser.loads(text, parser=parser).entries


def last_transaction(demo):
    transaction.begin()
    return demo["portal"]._p_jar.db().lastTransaction()


class TestTheCiteSection:
    def cite_section(self, url):
        page = html.fromstring(get(url).text)
        (section,) = page.xpath("//section[@id='pressbook-citation']")
        return section

    def test_article_page_cites_in_french(self, book_url):
        url = f"{book_url}/{ARTICLE}"
        section = self.cite_section(url)
        assert section.xpath("string(.//details/summary)").strip() == "Citer"
        text = section.xpath("string(.//p[@class='pressbook-citation-text'])")
        today = long_date(date.today(), "fr")
        assert text == (
            f"C. Ti., « {ARTICLE_TITLE} », La Dernière Heure, 21 janvier 2014. "
            f"En ligne : {url} (consulté le {today})."
        )

    def test_question_page_cites_in_french(self, book_url):
        url = f"{book_url}/{QUESTION}"
        text = self.cite_section(url).xpath(
            "string(.//p[@class='pressbook-citation-text'])"
        )
        today = long_date(date.today(), "fr")
        assert text == (
            "Parlement de Wallonie, session 2014-2015, question écrite "
            f"n° 518 (2014-2015) 1 de DUPONT Jean-Marc à FURLAN Paul, {ROLE}, "
            f"10 juillet 2015, « {QUESTION_TITLE} ». "
            f"En ligne : {url} (consulté le {today})."
        )

    @pytest.mark.parametrize("item", [ARTICLE, QUESTION])
    def test_links_to_the_three_downloads(self, book_url, item):
        links = self.cite_section(f"{book_url}/{item}").xpath(".//a")
        assert [(link.text, link.get("href")) for link in links] == [
            ("BibTeX", f"{book_url}/{item}/@@pressbook-cite.bib"),
            ("RIS", f"{book_url}/{item}/@@pressbook-cite.ris"),
            ("CSL-JSON", f"{book_url}/{item}/@@pressbook-cite.json"),
        ]
        for link in links:
            get(link.get("href"))


class TestArticleDownloads:
    def test_bibtex(self, book_url):
        response = get(f"{book_url}/{ARTICLE}/@@pressbook-cite.bib")
        assert response.headers["Content-Type"] == "application/x-bibtex; charset=utf-8"
        assert response.headers["Content-Disposition"] == (
            f'attachment; filename="{ARTICLE}.bib"'
        )
        (entry,) = parse_bibtex(response.content.decode("utf-8"))
        assert entry["ENTRYTYPE"] == "article"
        assert entry["ID"] == ARTICLE
        assert entry["title"] == ARTICLE_TITLE
        assert entry["journal"] == "La Dernière Heure"
        assert entry["author"] == "C. Ti."
        assert (entry["date"], entry["year"], entry["month"]) == (
            "2014-01-21",
            "2014",
            "1",
        )
        assert entry["url"] == f"{book_url}/{ARTICLE}"
        assert entry["urldate"] == date.today().isoformat()
        assert (
            entry["keywords"]
            == "IMIO, mutualisation, logiciels libres, pouvoirs locaux"
        )
        assert entry["language"] == "fr"
        # the scan is never in BibTeX
        assert "paper_version" not in response.text

    def test_ris(self, book_url):
        response = get(f"{book_url}/{ARTICLE}/@@pressbook-cite.ris")
        assert response.headers["Content-Type"] == (
            "application/x-research-info-systems; charset=utf-8"
        )
        assert response.headers["Content-Disposition"] == (
            f'attachment; filename="{ARTICLE}.ris"'
        )
        (entry,) = rispy.loads(response.content.decode("utf-8"))
        assert entry["type_of_reference"] == "NEWS"
        assert entry["title"] == ARTICLE_TITLE
        assert entry["secondary_title"] == "La Dernière Heure"
        assert entry["authors"] == ["C. Ti."]
        assert entry["date"] == "2014/01/21/"
        assert entry["year"] == "2014"
        assert entry["urls"] == [f"{book_url}/{ARTICLE}"]
        assert entry["access_date"] == date.today().strftime("%Y/%m/%d/")
        assert entry["keywords"] == [
            "IMIO",
            "mutualisation",
            "logiciels libres",
            "pouvoirs locaux",
        ]
        # the demo scan is for logged-in readers: not for a visitor
        assert "file_attachments1" not in entry
        assert "paper_version" not in response.text

    def test_ris_gives_the_scan_to_whoever_may_open_it(self, book_url):
        response = get(f"{book_url}/{ARTICLE}/@@pressbook-cite.ris", auth=OWNER)
        (entry,) = rispy.loads(response.content.decode("utf-8"))
        scan = f"{book_url}/{ARTICLE}/@@download/paper_version"
        assert entry["file_attachments1"] == scan
        assert requests.get(scan, auth=OWNER, timeout=60).status_code == 200

    def test_csl_json(self, book_url):
        response = get(f"{book_url}/{ARTICLE}/@@pressbook-cite.json")
        assert response.headers["Content-Type"] == (
            "application/vnd.citationstyles.csl+json; charset=utf-8"
        )
        assert response.headers["Content-Disposition"] == (
            f'attachment; filename="{ARTICLE}.csl.json"'
        )
        (item,) = json.loads(response.content.decode("utf-8"))
        assert all(key in item for key in CSL_REQUIRED)
        assert item["type"] == "article-newspaper"
        assert item["title"] == ARTICLE_TITLE
        assert item["container-title"] == "La Dernière Heure"
        assert item["author"] == [{"literal": "C. Ti."}]
        assert item["issued"] == {"date-parts": [[2014, 1, 21]]}
        assert item["accessed"] == {"date-parts": [list(date.today().timetuple()[:3])]}
        assert item["URL"] == f"{book_url}/{ARTICLE}"
        # accents as UTF-8, not \u escapes
        assert "Dernière" in response.content.decode("utf-8")


class TestQuestionDownloads:
    def test_bibtex(self, book_url):
        response = get(f"{book_url}/{QUESTION}/@@pressbook-cite.bib")
        (entry,) = parse_bibtex(response.content.decode("utf-8"))
        assert entry["ENTRYTYPE"] == "misc"
        assert entry["title"] == QUESTION_TITLE
        assert entry["author"] == "DUPONT Jean-Marc"
        assert entry["howpublished"] == (
            "Parlement de Wallonie, question écrite n° 518 (2014-2015) 1, "
            "session 2014-2015"
        )
        assert entry["number"] == "518 (2014-2015) 1"
        assert entry["note"] == f"à FURLAN Paul, {ROLE}"
        assert entry["date"] == "2015-07-10"

    def test_ris(self, book_url):
        response = get(f"{book_url}/{QUESTION}/@@pressbook-cite.ris")
        (entry,) = rispy.loads(response.content.decode("utf-8"))
        assert entry["type_of_reference"] == "GOVDOC"
        assert entry["title"] == QUESTION_TITLE
        assert entry["authors"] == ["DUPONT Jean-Marc"]
        assert entry["publisher"] == "Parlement de Wallonie"
        assert entry["type_of_work"] == "Question écrite"
        assert entry["number"] == "518 (2014-2015) 1"
        assert entry["volume"] == "2014-2015"
        assert entry["date"] == "2015/07/10/"
        assert entry["notes"] == [f"à FURLAN Paul, {ROLE}"]

    def test_csl_json(self, book_url):
        response = get(f"{book_url}/{QUESTION}/@@pressbook-cite.json")
        (item,) = json.loads(response.content.decode("utf-8"))
        assert item["type"] == "report"
        assert item["author"] == [{"literal": "DUPONT Jean-Marc"}]
        assert item["recipient"] == [{"literal": f"FURLAN Paul, {ROLE}"}]
        assert item["publisher"] == "Parlement de Wallonie"
        assert item["genre"] == "Question écrite"
        assert item["number"] == "518 (2014-2015) 1"
        assert item["issued"] == {"date-parts": [[2015, 7, 10]]}


FORMATS = {
    "bib": ("application/x-bibtex; charset=utf-8", "bib"),
    "ris": ("application/x-research-info-systems; charset=utf-8", "ris"),
    "csl.json": ("application/vnd.citationstyles.csl+json; charset=utf-8", "csl.json"),
}


def exported_urls(fmt, text):
    if fmt == "bib":
        return [entry["url"] for entry in parse_bibtex(text)]
    if fmt == "ris":
        return [entry["urls"][0] for entry in rispy.loads(text)]
    return [item["URL"] for item in json.loads(text)]


class TestListingExports:
    @pytest.mark.parametrize("fmt", FORMATS)
    @pytest.mark.parametrize(
        "params",
        [
            {},
            {"outlet": "la-derniere-heure"},
            {"portal_type": "imio.pressbook.ParliamentaryQuestion"},
            {"year": "2014"},
        ],
        ids=["all", "outlet", "questions", "year"],
    )
    def test_exactly_the_filtered_items(self, book_url, fmt, params):
        """The same items, in the same order, as the JSON export of the same
        filters."""
        expected = [
            item["url"]
            for item in get(f"{book_url}/@@pressbook-export.json", **params).json()[
                "items"
            ]
        ]
        response = get(f"{book_url}/@@pressbook-export.{fmt}", **params)
        assert exported_urls(fmt, response.content.decode("utf-8")) == expected
        assert expected
        if params:
            everything = get(f"{book_url}/@@pressbook-export.json").json()["items"]
            assert len(expected) < len(everything)

    @pytest.mark.parametrize("fmt", FORMATS)
    def test_headers(self, book_url, fmt):
        content_type, extension = FORMATS[fmt]
        response = get(f"{book_url}/@@pressbook-export.{fmt}")
        assert response.headers["Content-Type"] == content_type
        assert response.headers["Content-Disposition"] == (
            f'attachment; filename="dans-les-medias-{date.today().isoformat()}.{extension}"'
        )

    def test_fields_from_the_catalog(self, book_url):
        text = get(
            f"{book_url}/@@pressbook-export.bib", outlet="la-derniere-heure"
        ).content.decode("utf-8")
        entry = next(entry for entry in parse_bibtex(text) if entry["ID"] == ARTICLE)
        assert entry["title"] == ARTICLE_TITLE
        assert entry["journal"] == "La Dernière Heure"
        assert entry["author"] == "C. Ti."
        assert entry["date"] == "2014-01-21"
        text = get(
            f"{book_url}/@@pressbook-export.ris",
            portal_type="imio.pressbook.ParliamentaryQuestion",
        ).content.decode("utf-8")
        entry = next(entry for entry in rispy.loads(text) if entry["id"] == QUESTION)
        assert entry["type_of_reference"] == "GOVDOC"
        assert entry["title"] == QUESTION_TITLE
        assert entry["authors"] == ["DUPONT Jean-Marc"]
        assert entry["publisher"] == "Parlement de Wallonie"
        assert entry["number"] == "518 (2014-2015) 1"
        # the catalog has the minister, not the role
        assert entry["notes"] == ["à FURLAN Paul"]

    @pytest.mark.parametrize("fmt", FORMATS)
    def test_never_the_scans(self, book_url, fmt):
        response = get(f"{book_url}/@@pressbook-export.{fmt}", auth=OWNER)
        assert "paper_version" not in response.text

    @pytest.mark.parametrize("fmt", ["bib", "ris"])
    def test_a_bad_parameter_is_a_400_naming_it(self, book_url, fmt):
        response = requests.get(
            f"{book_url}/@@pressbook-export.{fmt}", params={"year": "abc"}, timeout=60
        )
        assert response.status_code == 400
        assert response.text.startswith("year: ")

    def test_a_bad_parameter_is_a_json_400_for_csl(self, book_url):
        response = requests.get(
            f"{book_url}/@@pressbook-export.csl.json",
            params={"year": "abc"},
            timeout=60,
        )
        assert response.status_code == 400
        assert response.json()["parameter"] == "year"


def test_gets_write_nothing(demo, book_url):
    # the first page a fresh site renders writes (Plone's own, on any page)
    get(demo["portal"].absolute_url())
    before = last_transaction(demo)
    for item in (ARTICLE, QUESTION):
        get(f"{book_url}/{item}")
        for suffix in ("bib", "ris", "json"):
            get(f"{book_url}/{item}/@@pressbook-cite.{suffix}", auth=OWNER)
    for fmt in FORMATS:
        get(f"{book_url}/@@pressbook-export.{fmt}", auth=OWNER)
    assert last_transaction(demo) == before


# -- escaping, on records as hard as editors type them ------------------------

HARD = {
    "kind": "article",
    "key": "dur",
    "title": "50 % & {accolades} _x_ $5 #1 ~ ^ \\ « Élu » à Liège",
    "url": "https://www.example.be/a?b=1&c={2}%20",
    "date": date(2015, 3, 4),
    "accessed": date(2026, 1, 2),
    "journalist": "C. Ti.",
    "outlet": "L'Écho",
    "description": "Première ligne\nER  - deuxième ligne\r\nTY  - NEWS",
    "keywords": ["Éducation ; culture", 'Dit "vrai"'],
    "page": "12",
}


def test_bibtex_escapes_latex_specials():
    (entry,) = parse_bibtex(to_bibtex([HARD]))
    assert entry["title"] == (
        r"50 \% \& \{accolades\} \_x\_ \$5 \#1 \textasciitilde{} "
        r"\textasciicircum{} \textbackslash{} « Élu » à Liège"
    )
    assert entry["journal"] == "L'Écho"
    # the URL verbatim but for the braces
    assert entry["url"] == "https://www.example.be/a?b=1&c=%7B2%7D%20"
    assert entry["abstract"] == "Première ligne ER - deuxième ligne TY - NEWS"


def test_ris_keeps_every_value_on_its_line():
    (entry,) = rispy.loads(to_ris([HARD]))
    assert entry["title"] == HARD["title"]
    assert entry["abstract"] == "Première ligne ER - deuxième ligne TY - NEWS"
    assert entry["keywords"] == HARD["keywords"]
    assert entry["secondary_title"] == "L'Écho"


def test_csl_json_round_trips_every_character():
    (item,) = json.loads(to_csl_json([HARD]))
    assert item["title"] == HARD["title"]
    assert item["abstract"] == HARD["description"]
    assert item["keyword"] == 'Éducation ; culture, Dit "vrai"'


@pytest.mark.parametrize("fmt", FORMATS)
def test_exports_wake_no_item(demo, fmt):
    """The listing's citations come from the catalog metadata: every item
    stays a ghost while they are made."""
    portal = demo["portal"]
    notify(BeforeTraverseEvent(portal, portal.REQUEST))
    book = portal.unrestrictedTraverse(BOOK)
    items = list(book.objectValues())
    ids = [item.getId() for item in items]
    view = book.unrestrictedTraverse(f"@@pressbook-export.{fmt}")
    portal._p_jar.cacheMinimize()
    assert all(item._p_changed is None for item in items)
    text = view().decode("utf-8")
    awake = [
        id_ for id_, item in zip(ids, items, strict=True) if item._p_changed is not None
    ]
    assert awake == []
    assert len(exported_urls(fmt, text)) == len(ids)
