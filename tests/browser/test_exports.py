"""CSV and JSON exports of the press section, filtered by the listing's GET
parameters: every field round-trips, visitors get the public columns and the
scans they may open, editors every column.

Over real HTTP (the functional layer's server) for a visitor, a member and an
editor; the row cap in an integration test.
"""

from imio.pressbook.browser.views.exports import EDITOR_COLUMNS
from imio.pressbook.browser.views.exports import PUBLIC_COLUMNS
from plone import api
from plone.app.testing import logout
from plone.namedfile.file import NamedBlobFile

import csv
import datetime
import io
import json
import pytest
import requests
import transaction


PASSWORD = "export-presse-2024"
TODAY = datetime.date.today().isoformat()

# What the editors typed: quotes, semicolons, line breaks, accents.
COMPLETE = {
    "title": 'Le "budget" 2015 ; Éghezée & Namur',
    "description": 'Première ligne ; avec "guillemets"\nDeuxième ligne, à Liège.',
    "publication_date": datetime.date(2015, 3, 4),
    "outlet": "le-soir",
    "journalist": 'C. "Ti" ; Dupont',
    "page": "p. 12 ; Régions\nédition de Namur",
    "original_url": "https://www.lesoir.be/article?id=1;2&x=é",
    "paper_version_access": "authenticated",
    "themes": ["logiciels-libres", "tutelle"],
}
QUESTION = {
    "title": "Les partenariats ; l'intercommunale « IMIO »",
    "description": "Où en sont-ils ?\nEt après ?",
    "assembly": "parlement-wallonie",
    "question_type": "written",
    "session": "2014-2015",
    "year": 2015,
    "number": "518 (2014-2015) 1",
    "question_date": datetime.date(2015, 7, 10),
    "asked_by": "DUPONT Jean-Marc",
    "asked_by_group": "Écolo",
    "addressed_to": "FURLAN Paul",
    "addressee_role": 'Ministre des Pouvoirs locaux ; "de la Ville"',
    "answers": [
        {
            "date": datetime.date(2015, 8, 1),
            "answered_by": "FURLAN Paul",
            "kind": "holding",
            "text": "",
        },
        {
            "date": datetime.date(2015, 9, 7),
            "answered_by": "FURLAN Paul",
            "kind": "final",
            "text": "Oui.",
        },
    ],
}
KEYWORDS = ("IMIO", "Éducation ; culture", 'Dit "vrai"')


def scan():
    return NamedBlobFile(
        b"%PDF-1.4 scan", contentType="application/pdf", filename="s.pdf"
    )


def build_book(portal):
    """A published press section: an article with every field and a scan for
    logged-in users, an article with a public scan, a question with every
    field, a private article; a member and an editor of the section."""
    with api.env.adopt_roles(["Manager"]):
        for username in ("member", "editor"):
            api.user.create(
                email=f"{username}@commune.be", username=username, password=PASSWORD
            )
        book = api.content.create(
            portal, "imio.pressbook.PressBook", id="dans-les-medias", title="Médias"
        )
        api.content.transition(book, "publish")
        api.user.grant_roles(username="editor", obj=book, roles=["Editor"])
        complete = api.content.create(
            book, "imio.pressbook.PressArticle", id="complet", **COMPLETE
        )
        complete.paper_version = scan()
        complete.setSubject(KEYWORDS)
        public_scan = api.content.create(
            book,
            "imio.pressbook.PressArticle",
            id="scan-public",
            title="Un article court",
            publication_date=datetime.date(2014, 2, 1),
            outlet="l-avenir",
            paper_version=scan(),
            paper_version_access="public",
        )
        question = api.content.create(
            book, "imio.pressbook.ParliamentaryQuestion", id="question", **QUESTION
        )
        question.setSubject(("IMIO",))
        for item in (complete, public_scan, question):
            api.content.transition(item, "publish")
            item.reindexObject()
        api.content.create(
            book,
            "imio.pressbook.PressArticle",
            id="private",
            title="Brouillon privé",
            publication_date=datetime.date(2016, 1, 1),
            outlet="le-soir",
        )
    return book


def expected_rows(book_url, user):
    """Every column of every item the user may see, as the CSV has them."""
    empty = dict.fromkeys(PUBLIC_COLUMNS, "")
    question = dict(
        empty,
        portal_type="imio.pressbook.ParliamentaryQuestion",
        type="Question parlementaire",
        title=QUESTION["title"],
        url=f"{book_url}/question",
        date="2015-07-10",
        description=QUESTION["description"],
        keywords="IMIO",
        assembly="parlement-wallonie",
        assembly_title="Parlement de Wallonie",
        question_type="written",
        question_type_title="Question écrite",
        session="2014-2015",
        year="2015",
        number="518 (2014-2015) 1",
        asked_by="DUPONT Jean-Marc",
        asked_by_group="Écolo",
        addressed_to="FURLAN Paul",
        addressee_role=QUESTION["addressee_role"],
        answer_status="answered",
        answer_status_title="Répondue",
        # the Parliament of Wallonia: 28 days; answered, so not overdue
        answer_due_date="2015-08-07",
        answer_overdue="0",
        answers="2",
    )
    complete = dict(
        empty,
        portal_type="imio.pressbook.PressArticle",
        type="Article de presse",
        title=COMPLETE["title"],
        url=f"{book_url}/complet",
        date="2015-03-04",
        description=COMPLETE["description"],
        outlet="le-soir",
        outlet_title="Le Soir",
        journalist=COMPLETE["journalist"],
        page=COMPLETE["page"],
        original_url=COMPLETE["original_url"],
        themes="logiciels-libres\ntutelle",
        themes_title="Informatique › Logiciels libres\nPouvoirs locaux › Tutelle",
        keywords="\n".join(KEYWORDS),
        year="2015",
        # the scan is for logged-in users
        paper_version_url=""
        if user is None
        else f"{book_url}/complet/@@download/paper_version",
    )
    public_scan = dict(
        empty,
        portal_type="imio.pressbook.PressArticle",
        type="Article de presse",
        title="Un article court",
        url=f"{book_url}/scan-public",
        date="2014-02-01",
        outlet="l-avenir",
        outlet_title="L'Avenir",
        year="2014",
        paper_version_url=f"{book_url}/scan-public/@@download/paper_version",
    )
    rows = [question, complete, public_scan]
    if user == "editor":
        private = dict(
            empty,
            portal_type="imio.pressbook.PressArticle",
            type="Article de presse",
            title="Brouillon privé",
            url=f"{book_url}/private",
            date="2016-01-01",
            outlet="le-soir",
            outlet_title="Le Soir",
            year="2016",
        )
        rows.insert(0, private)
        for row, state, access in zip(
            rows,
            ("private", "published", "published", "published"),
            ("authenticated", "", "authenticated", "public"),
            strict=True,
        ):
            row.update(review_state=state, paper_version_access=access)
    return rows


def get(url, user=None, **params):
    auth = (user, PASSWORD) if user else None
    return requests.get(
        url, params=params, auth=auth, timeout=60, allow_redirects=False
    )


def read_csv(response):
    """The rows as a French spreadsheet reads them: UTF-8 with BOM, ``;``."""
    assert response.content.startswith(b"\xef\xbb\xbf")
    text = response.content.decode("utf-8-sig")
    header, *rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
    return header, [dict(zip(header, row, strict=True)) for row in rows]


def json_to_csv_value(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, list):
        return "\n".join(value)
    return str(value)


@pytest.fixture(scope="class")
def site(functional_portal_class):
    book = build_book(functional_portal_class)
    transaction.commit()
    return book.absolute_url()


USERS = (None, "member", "editor")


class TestCSV:
    def test_headers(self, site):
        response = get(f"{site}/@@pressbook-export.csv")
        assert response.status_code == 200
        assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
        assert response.headers["Content-Disposition"] == (
            f'attachment; filename="dans-les-medias-{TODAY}.csv"'
        )
        assert response.headers["X-Pressbook-Items-Total"] == "3"
        assert "X-Pressbook-Truncated" not in response.headers

    @pytest.mark.parametrize("user", USERS)
    def test_every_field_round_trips(self, site, user):
        header, rows = read_csv(get(f"{site}/@@pressbook-export.csv", user))
        if user == "editor":
            assert header == list(PUBLIC_COLUMNS + EDITOR_COLUMNS)
        else:
            assert header == list(PUBLIC_COLUMNS)
        assert rows == expected_rows(site, user)

    def test_separator_and_quoting_in_the_bytes(self, site):
        body = get(f"{site}/@@pressbook-export.csv").content.decode("utf-8-sig")
        assert body.startswith("portal_type;type;title;url;date;")
        # a value with quotes and semicolons is quoted, its quotes doubled
        assert '"Le ""budget"" 2015 ; Éghezée & Namur"' in body
        assert body.endswith("\r\n")

    def test_filters_apply(self, site):
        _header, rows = read_csv(
            get(f"{site}/@@pressbook-export.csv", outlet="le-soir")
        )
        assert [row["title"] for row in rows] == [COMPLETE["title"]]
        _header, rows = read_csv(get(f"{site}/@@pressbook-export.csv", year="2015"))
        assert [row["url"] for row in rows] == [
            f"{site}/question",
            f"{site}/complet",
        ]
        _header, rows = read_csv(
            get(f"{site}/@@pressbook-export.csv", "editor", year="2016")
        )
        assert [row["title"] for row in rows] == ["Brouillon privé"]

    def test_the_exported_scan_link_opens_the_scan(self, site):
        _header, rows = read_csv(get(f"{site}/@@pressbook-export.csv", "member"))
        url = rows[1]["paper_version_url"]
        response = get(url, "member")
        assert response.status_code == 200
        assert response.content == b"%PDF-1.4 scan"

    @pytest.mark.parametrize(
        "parameter, value",
        [("year", "deux-mille"), ("outlet", "inconnu"), ("end", "2015-13-01")],
    )
    def test_bad_parameter_is_a_400_naming_it(self, site, parameter, value):
        response = get(f"{site}/@@pressbook-export.csv", **{parameter: value})
        assert response.status_code == 400
        assert response.headers["Content-Type"] == "text/plain; charset=utf-8"
        assert response.text.startswith(f"{parameter}: ")
        assert "Content-Disposition" not in response.headers


class TestJSON:
    def test_headers(self, site):
        response = get(f"{site}/@@pressbook-export.json")
        assert response.status_code == 200
        assert response.headers["Content-Type"] == "application/json; charset=utf-8"
        assert response.headers["Content-Disposition"] == (
            f'attachment; filename="dans-les-medias-{TODAY}.json"'
        )

    @pytest.mark.parametrize("user", USERS)
    def test_same_data_as_the_csv(self, site, user):
        data = get(f"{site}/@@pressbook-export.json", user).json()
        header, rows = read_csv(get(f"{site}/@@pressbook-export.csv", user))
        assert data["columns"] == header
        assert data["items_total"] == data["items_count"] == len(rows)
        assert data["truncated"] is False
        assert "message" not in data
        assert (
            [
                {key: json_to_csv_value(value) for key, value in item.items()}
                for item in data["items"]
            ]
            == rows
            == expected_rows(site, user)
        )

    def test_native_types(self, site):
        question, complete, public_scan = get(f"{site}/@@pressbook-export.json").json()[
            "items"
        ]
        assert question["year"] == 2015
        assert question["answers"] == 2
        assert question["answer_overdue"] is False
        assert question["answer_due_date"] == "2015-08-07"
        assert complete["answer_overdue"] is None
        assert question["outlet"] is None
        assert complete["keywords"] == list(KEYWORDS)
        assert complete["themes"] == ["logiciels-libres", "tutelle"]
        assert question["themes"] == []
        assert complete["description"] == COMPLETE["description"]
        assert complete["paper_version_url"] is None
        assert complete["answers"] is None
        assert public_scan["journalist"] is None
        assert public_scan["keywords"] == []

    def test_filtered_result_and_its_title(self, site):
        response = get(f"{site}/@@pressbook-export.json", outlet="le-soir")
        data = response.json()
        assert data["@id"] == f"{site}/@@pressbook-export.json?outlet=le-soir"
        assert data["title"] == "Médias – Le Soir"
        assert data["listing"] == f"{site}?outlet=le-soir"
        assert [item["url"] for item in data["items"]] == [f"{site}/complet"]

    def test_bad_parameter_is_a_json_400_naming_it(self, site):
        response = get(f"{site}/@@pressbook-export.json", b_start="moins-un")
        assert response.status_code == 400
        assert response.headers["Content-Type"] == "application/json; charset=utf-8"
        data = response.json()
        assert data["type"] == "BadRequest"
        assert data["parameter"] == "b_start"
        assert data["message"].startswith("b_start: ")


class TestCap:
    """Past ``max_rows`` the export is cut, newest first, and says so."""

    @pytest.fixture
    def book(self, portal):
        book = build_book(portal)
        logout()
        return book

    def view(self, book, name):
        request = book.REQUEST
        view = api.content.get_view(name, book, request)
        view.max_rows = 2
        return view, request.response

    def test_csv(self, book):
        view, response = self.view(book, "pressbook-export.csv")
        text = view().decode("utf-8-sig")
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
        assert [row[2] for row in rows[1:]] == [QUESTION["title"], COMPLETE["title"]]
        assert response.getHeader("X-Pressbook-Items-Total") == "3"
        assert response.getHeader("X-Pressbook-Truncated") == (
            "first 2 of 3 items; narrow the filters to export the others"
        )

    def test_json(self, book):
        view, response = self.view(book, "pressbook-export.json")
        data = json.loads(view())
        assert data["items_total"] == 3
        assert data["items_count"] == len(data["items"]) == 2
        assert data["truncated"] is True
        assert "2" in data["message"] and "3" in data["message"]
        assert response.getHeader("X-Pressbook-Truncated")
