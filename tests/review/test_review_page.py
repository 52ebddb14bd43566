"""The press review's page, its REST endpoint, its stable address and its
document action, over real HTTP: the editor's form (period shortcuts,
grouping, format), a GET that writes nothing, 400s naming the parameter.
"""

from .conftest import EDITOR
from .conftest import get
from .conftest import MARCH
from datetime import date
from imio.pressbook.browser.views.review import period_shortcuts
from lxml import html
from plone import api
from pypdf import PdfReader
from urllib.parse import parse_qs
from urllib.parse import urlparse

import io
import pytest
import transaction


JSON = {"Accept": "application/json"}


def page(site, auth=None, **params):
    response = get(f"{site['url']}/@@pressbook-review", auth=auth, **params)
    assert response.status_code == 200, response.text[:300]
    assert response.headers["Content-Type"].startswith("text/html")
    return html.fromstring(response.content)


def query(url):
    return parse_qs(urlparse(url).query)


def last_transaction(portal):
    transaction.begin()
    return portal._p_jar.db().lastTransaction()


class TestReviewPage:
    def test_page_shows_cover_contents_and_items(self, site):
        root = page(site, **MARCH)
        assert root.get("lang") == "fr"
        assert root.cssselect(".cover-period")[0].text == (
            "Du 1 mars 2024 au 31 mars 2024"
        )
        toc = [a.text for a in root.cssselect(".toc-item")]
        assert len(toc) == 5
        items = root.cssselect("article.item")
        assert [a.get("href") for a in root.cssselect(".toc-item")] == [
            f"#{item.get('id')}" for item in items
        ]
        assert [item.cssselect(".item-title")[0].text for item in items] == toc
        source = " ".join(items[0].cssselect(".item-source")[0].text_content().split())
        assert source == "Le Soir, 4 mars 2024, C. Ti., p. 12, Régions"

    def test_page_links_the_scans_the_reader_may_see(self, site):
        anonymous = page(site, **MARCH)
        editor = page(site, auth=EDITOR, **MARCH)
        scan_links = [a.get("href") for a in anonymous.cssselect(".item-scan-link a")]
        assert scan_links == [f"{site['url']}/guichets/@@download/paper_version"]
        assert [img.get("src") for img in anonymous.cssselect(".scan-image img")] == [
            f"{site['url']}/photo/@@images/paper_version"
        ]
        assert len(anonymous.cssselect(".item-note")) == 2
        assert len(editor.cssselect(".item-scan-link a")) == 3
        assert not editor.cssselect(".item-note")

    def test_form_keeps_the_filters_and_offers_the_choices(self, site):
        root = page(site, outlet="le-soir", group="outlet", **MARCH)
        form = root.cssselect("form.review-form")[0]
        assert form.get("method") == "get"
        assert form.get("action") == f"{site['url']}/@@pressbook-review"
        assert root.get_element_by_id("review-start").get("value") == "2024-03-01"
        assert root.get_element_by_id("review-end").get("value") == "2024-03-31"
        assert [
            (field.get("name"), field.get("value"))
            for field in form.cssselect("input[type=hidden]")
        ] == [("outlet", "le-soir")]
        checked = form.cssselect("input[name=group][checked]")
        assert [field.get("value") for field in checked] == ["outlet"]
        assert [
            field.get("value") for field in form.cssselect("input[name=group]")
        ] == [
            "theme",
            "outlet",
            "date",
        ]

    def test_last_month_shortcut(self, site):
        root = page(site, outlet="le-soir", **MARCH)
        link = root.get_element_by_id("review-shortcut-last-month")
        assert link.text == "Le mois dernier"
        today = date.today()
        first = today.replace(day=1)
        last_month_end = date.fromordinal(first.toordinal() - 1)
        assert query(link.get("href")) == {
            "outlet": ["le-soir"],
            "start": [last_month_end.replace(day=1).isoformat()],
            "end": [last_month_end.isoformat()],
        }

    def test_period_shortcuts_across_a_year(self):
        shortcuts = {
            shortcut_id: (start, end)
            for shortcut_id, _title, start, end in period_shortcuts(date(2024, 1, 10))
        }
        assert shortcuts == {
            "last-week": (date(2024, 1, 1), date(2024, 1, 7)),
            "last-month": (date(2023, 12, 1), date(2023, 12, 31)),
            "this-month": (date(2024, 1, 1), date(2024, 1, 10)),
            "last-year": (date(2023, 1, 1), date(2023, 12, 31)),
        }

    def test_stable_address_gives_the_same_pdf_and_writes_nothing(self, site):
        root = page(site, group="date", **MARCH)
        stable = root.get_element_by_id("review-stable-url").get("value")
        assert root.cssselect("a.review-pdf")[0].get("href") == stable
        assert query(stable) == {
            "start": ["2024-03-01"],
            "end": ["2024-03-31"],
            "group": ["date"],
            "format": ["pdf"],
        }
        mail = root.cssselect("a.review-mail")[0].get("href")
        assert mail.startswith("mailto:?subject=Revue%20de%20presse")
        before = last_transaction(site["portal"])
        response = get(stable, auth=EDITOR)
        assert response.status_code == 200
        assert response.headers["Content-Type"] == "application/pdf"
        assert (
            "revue-de-presse-medias-2024-03-01-2024-03-31.pdf"
            in (response.headers["Content-Disposition"])
        )
        reader = PdfReader(io.BytesIO(response.content))
        assert "mars 2024" in reader.pages[1].extract_text()
        assert last_transaction(site["portal"]) == before

    @pytest.mark.parametrize(
        "params, parameter, message",
        [
            ({"group": "weekday"}, "group", "Valeur inconnue : weekday"),
            ({"group": ["theme", "date"]}, "group", "qu'une fois"),
            ({"format": "docx"}, "format", "Valeurs possibles : html, pdf"),
            ({"start": "2024-13-01"}, "start", "AAAA-MM-JJ"),
            ({"start": "2024-03-31", "end": "2024-03-01"}, "end", "antérieure"),
            ({"outlet": "inconnu"}, "outlet", "Valeur inconnue"),
            ({"themes": "inconnu"}, "themes", "Valeur inconnue"),
        ],
    )
    def test_bad_parameters_are_a_400_naming_them(
        self, site, params, parameter, message
    ):
        response = get(f"{site['url']}/@@pressbook-review", **params)
        assert response.status_code == 400
        assert response.headers["Content-Type"] == "text/plain; charset=utf-8"
        assert response.text.startswith(f"{parameter}: ")
        assert message in response.text
        # the REST endpoint: plone.restapi's shape, the parameter named
        response = get(f"{site['url']}/@pressbook-review", headers=JSON, **params)
        assert response.status_code == 400
        (error,) = response.json()["errors"]
        assert error["parameter"] == parameter
        assert message in error["message"]


class TestReviewREST:
    def test_pdf_by_default(self, site):
        response = get(f"{site['url']}/@pressbook-review", headers=JSON, **MARCH)
        assert response.status_code == 200
        assert response.headers["Content-Type"] == "application/pdf"
        assert "attachment" in response.headers["Content-Disposition"]
        reader = PdfReader(io.BytesIO(response.content))
        assert "Dans les médias" in reader.pages[0].extract_text()

    def test_html_on_request(self, site):
        response = get(
            f"{site['url']}/@pressbook-review", headers=JSON, format="html", **MARCH
        )
        assert response.status_code == 200
        assert response.headers["Content-Type"].startswith("text/html")
        root = html.fromstring(response.content)
        assert len(root.cssselect("article.item")) == 5


class TestDocumentAction:
    def test_press_section_offers_its_review_filtered_as_shown(self, site):
        response = get(site["url"], outlet="le-soir")
        root = html.fromstring(response.content)
        link = root.cssselect("#document-action-pressbook_review a")[0]
        assert link.get("href") == f"{site['url']}/@@pressbook-review?outlet=le-soir"
        assert "Revue de presse" in link.text_content()

    def test_not_on_the_items(self, site):
        root = html.fromstring(get(f"{site['url']}/guichets").content)
        assert root.cssselect("#document-action-pressbook_print a")
        assert not root.cssselect("#document-action-pressbook_review")
        action = api.portal.get_tool("portal_actions").document_actions[
            "pressbook_review"
        ]
        assert action.permissions == ("View",)
        assert action.i18n_domain == "imio.pressbook"


class TestWithoutPango:
    """A server whose pango is missing (WeasyPrint cannot load it): the site
    still starts and serves the review's page; the PDF is a 503 saying why.
    The missing library is simulated: this machine has pango."""

    @pytest.fixture
    def no_pango(self, monkeypatch):
        from imio.pressbook.review import pdf

        def missing():
            raise pdf.PDFUnavailable("cannot load library 'libpango-1.0-0'")

        monkeypatch.setattr(pdf, "load_weasyprint", missing)

    def test_pdf_is_a_503_the_page_still_works(self, site, no_pango):
        response = get(f"{site['url']}/@@pressbook-review", format="pdf", **MARCH)
        assert response.status_code == 503
        assert "Le PDF ne peut pas être produit sur ce serveur" in response.text
        assert f"{site['url']}/@@pressbook-review?start=2024-03-01" in response.text
        response = get(f"{site['url']}/@pressbook-review", headers=JSON, **MARCH)
        assert response.status_code == 503
        assert response.json()["type"] == "ServiceUnavailable"
        assert page(site, **MARCH).cssselect("article.item")
