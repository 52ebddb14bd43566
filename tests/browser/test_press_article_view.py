"""The page of a press article, rendered in the site's language (French)."""

from imio.pressbook.interfaces import IImioPressbookLayer
from lxml import html
from plone import api
from plone.app.testing import login
from plone.app.testing import logout
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from plone.app.testing import TEST_USER_NAME
from plone.app.textfield.value import RichTextValue
from plone.dexterity.utils import createContentInContainer
from plone.namedfile.file import NamedBlobFile
from urllib.parse import parse_qs
from urllib.parse import urlparse

import datetime
import pytest


def text_of(element):
    return " ".join(element.text_content().split())


@pytest.fixture
def press_book(portal):
    setRoles(portal, TEST_USER_ID, ["Manager"])
    book = api.content.create(
        portal,
        "imio.pressbook.PressBook",
        id="dans-les-medias",
        title="Dans les médias",
    )
    setRoles(portal, TEST_USER_ID, ["Member"])
    return book


def add_article(container, **fields):
    values = {
        "id": "imio-touche",
        "title": "Imio touche 3,5 millions d'habitants en Région wallonne",
        "description": "Le ministre des Pouvoirs locaux dresse le bilan de l'intercommunale.",
        "publication_date": datetime.date(2014, 1, 21),
        "outlet": "la-derniere-heure",
        "journalist": "C. Ti.",
        "page": "p. 7, Régions",
        "text": RichTextValue(
            "<p>Un bilan <strong>positif</strong>.</p>", "text/html", "text/x-html-safe"
        ),
        "original_url": "https://www.dhnet.be/regions/imio",
        "subjects": ("IMIO", "Pouvoirs locaux & CPAS"),
    }
    values.update(fields)
    subjects = values.pop("subjects")
    portal = api.portal.get()
    setRoles(portal, TEST_USER_ID, ["Manager"])
    article = api.content.create(container, "imio.pressbook.PressArticle", **values)
    # as the categorization behavior stores them (the forms and the REST API)
    article.setSubject(subjects)
    api.content.transition(article, "publish")
    setRoles(portal, TEST_USER_ID, ["Member"])
    return article


from imio.pressbook.browser.views.thumbnail import thumbnail_url  # noqa: E402


def with_scan(article, access):
    article.paper_version = NamedBlobFile(
        b"%PDF-1.4 scan", contentType="application/pdf", filename="dh.pdf"
    )
    article.paper_version_access = access
    return article


def render(obj, request, name="view"):
    return html.fromstring(api.content.get_view(name, obj, request)())


def test_request_is_french_and_layered(request_fr):
    assert request_fr["LANGUAGE"] == "fr"
    assert IImioPressbookLayer.providedBy(request_fr)


def test_title_and_lead(press_book, request_fr):
    page = render(add_article(press_book), request_fr)
    assert text_of(page.cssselect("#content header h1")[0]) == (
        "Imio touche 3,5 millions d'habitants en Région wallonne"
    )
    assert "dresse le bilan de l'intercommunale" in text_of(
        page.cssselect("#content header p.lead")[0]
    )


def test_byline_names_outlet_and_long_french_date(press_book, request_fr):
    page = render(add_article(press_book), request_fr)
    byline = text_of(page.cssselect(".pressbook-byline")[0])
    assert (
        byline
        == "Article paru dans « La Dernière Heure » le 21 janvier 2014 par C. Ti."
    )
    assert text_of(page.cssselect(".pressbook-page")[0]) == "p. 7, Régions"


def test_byline_without_journalist_nor_page(press_book, request_fr):
    page = render(add_article(press_book, journalist=None, page=None), request_fr)
    assert text_of(page.cssselect(".pressbook-byline")[0]) == (
        "Article paru dans « La Dernière Heure » le 21 janvier 2014"
    )
    assert page.cssselect(".pressbook-journalist") == []
    assert page.cssselect(".pressbook-page") == []


def test_rich_text_is_rendered_as_html(press_book, request_fr):
    page = render(add_article(press_book), request_fr)
    assert text_of(page.cssselect(".pressbook-text strong")[0]) == "positif"


def test_link_to_the_original_opens_outside(press_book, request_fr):
    page = render(add_article(press_book), request_fr)
    link = page.cssselect(".pressbook-original a")[0]
    assert link.get("href") == "https://www.dhnet.be/regions/imio"
    assert link.get("rel") == "noopener"
    assert link.get("target") == "_blank"
    assert text_of(link) == "Lire l'article sur le site du média"


def test_keywords_link_to_the_press_book_filtered_on_them(press_book, request_fr):
    page = render(add_article(press_book), request_fr)
    book_url = press_book.absolute_url()
    section = page.cssselect("#pressbook-keywords")[0]
    assert text_of(section.cssselect("h2")[0]) == "Thèmes et mots-clés"
    links = {text_of(a): a.get("href") for a in section.cssselect("a")}
    assert links == {
        "IMIO": f"{book_url}?Subject=IMIO",
        "Pouvoirs locaux & CPAS": f"{book_url}?Subject=Pouvoirs+locaux+%26+CPAS",
    }


def test_keywords_outside_a_press_book_link_to_the_site_search(portal, request_fr):
    # articles are added to press books; one moved elsewhere still links somewhere useful
    setRoles(portal, TEST_USER_ID, ["Manager"])
    folder = api.content.create(portal, "Folder", id="ailleurs", title="Ailleurs")
    article = createContentInContainer(
        folder,
        "imio.pressbook.PressArticle",
        checkConstraints=False,
        title="Hors rubrique",
        publication_date=datetime.date(2014, 1, 21),
        outlet="le-soir",
    )
    article.setSubject(["Région wallonne"])
    page = render(article, request_fr)
    link = page.cssselect("#pressbook-keywords a")[0]
    assert (
        link.get("href")
        == f"{portal.absolute_url()}/@@search?Subject=R%C3%A9gion+wallonne"
    )


def test_no_keywords_section_without_keywords(press_book, request_fr):
    page = render(add_article(press_book, subjects=()), request_fr)
    assert page.cssselect("#pressbook-keywords") == []
    assert "Thèmes et mots-clés" not in text_of(page)


def test_document_actions_section(press_book, request_fr):
    article = add_article(press_book)
    url = article.absolute_url()
    page = render(article, request_fr)
    section = page.cssselect("#pressbook-document-actions")[0]
    assert text_of(section.cssselect("h2")[0]) == "Actions sur le document"
    links = {
        a.getparent().get("id"): (text_of(a), a.get("href"))
        for a in section.cssselect("a")
    }
    assert links == {
        "document-action-pressbook_print": (
            "Imprimer",
            f"{url}/@@pressbook-print",
        ),
        "document-action-pressbook_sendto": (
            "Envoyer par courriel",
            f"{url}/@@pressbook-sendto",
        ),
    }


class TestPaperVersionLink:
    """The scan's link follows PressArticle.can_view_paper_version, nothing else."""

    def scan_links(self, page):
        return [
            a.get("href")
            for a in page.cssselect("a")
            if a.get("href", "").endswith("/@@download/paper_version")
        ]

    def thumbnails(self, page):
        return [img.get("src") for img in page.cssselect("img.pressbook-thumbnail")]

    def test_anonymous_does_not_see_an_authenticated_scan(self, press_book, request_fr):
        article = with_scan(add_article(press_book), "authenticated")
        logout()
        assert article.can_view_paper_version() is False
        page = render(article, request_fr)
        assert self.scan_links(page) == []
        assert self.thumbnails(page) == []
        assert "Voir la version papier" not in text_of(page)

    def test_manager_sees_an_authenticated_scan(self, portal, press_book, request_fr):
        article = with_scan(add_article(press_book), "authenticated")
        setRoles(portal, TEST_USER_ID, ["Manager"])
        assert article.can_view_paper_version() is True
        page = render(article, request_fr)
        url = f"{article.absolute_url()}/@@download/paper_version"
        link = page.cssselect(".pressbook-paper-version a")[0]
        assert (text_of(link), link.get("href")) == ("Voir la version papier", url)
        actions = page.cssselect("#document-action-pressbook_paper_version a")
        assert [(text_of(a), a.get("href")) for a in actions] == [
            ("Voir la version papier", url)
        ]

    def test_anonymous_sees_a_public_scan(self, press_book, request_fr):
        article = with_scan(add_article(press_book), "public")
        logout()
        page = render(article, request_fr)
        # the thumbnail's link, the page's link, the document action
        assert len(self.scan_links(page)) == 3
        assert self.thumbnails(page) == [thumbnail_url(article)]

    def test_member_does_not_see_a_scan_for_editors(
        self, portal, press_book, request_fr
    ):
        article = with_scan(add_article(press_book), "editors")
        api.user.create(
            email="lecteur@example.org", username="lecteur", password="secret-lecteur"
        )
        login(portal, "lecteur")
        assert article.can_view_paper_version() is False
        page = render(article, request_fr)
        assert self.scan_links(page) == []
        assert self.thumbnails(page) == []

    def test_owner_sees_a_scan_for_editors(self, portal, press_book, request_fr):
        article = with_scan(add_article(press_book), "editors")
        login(portal, TEST_USER_NAME)  # the article's owner, a Member on the site
        page = render(article, request_fr)
        assert len(self.scan_links(page)) == 3
        assert self.thumbnails(page) == [thumbnail_url(article)]

    def test_no_link_without_scan(self, portal, press_book, request_fr):
        setRoles(portal, TEST_USER_ID, ["Manager"])
        page = render(add_article(press_book), request_fr)
        assert self.scan_links(page) == []
        assert self.thumbnails(page) == []

    def test_no_thumbnail_of_a_scan_that_is_not_a_pdf_nor_an_image(
        self, portal, press_book, request_fr
    ):
        article = with_scan(add_article(press_book), "public")
        article.paper_version = NamedBlobFile(
            b"PK...", contentType="application/zip", filename="dh.zip"
        )
        page = render(article, request_fr)
        assert len(self.scan_links(page)) == 2
        assert self.thumbnails(page) == []


def test_the_outlet_links_to_the_listing_filtered_on_it(press_book, request_fr):
    page = render(add_article(press_book), request_fr)
    (link,) = page.cssselect(".pressbook-byline a.pressbook-outlet-link")
    assert text_of(link) == "La Dernière Heure"
    assert link.get("href") == f"{press_book.absolute_url()}?outlet=la-derniere-heure"


def test_an_outlet_with_a_markup_name_is_escaped(press_book, request_fr, monkeypatch):
    monkeypatch.setattr(
        "imio.pressbook.browser.views.press_article.PressArticleView.outlet_title",
        lambda self: "<b>Le Soir</b>",
    )
    page = render(add_article(press_book), request_fr)
    (link,) = page.cssselect(".pressbook-byline a.pressbook-outlet-link")
    assert text_of(link) == "<b>Le Soir</b>"
    assert link.cssselect("b") == []


class TestEscaping:
    def test_editors_text_is_escaped(self, press_book, request_fr):
        article = add_article(
            press_book,
            title="<script>alert('title')</script>",
            journalist="<script>alert('journalist')</script>",
            page="<b>p. 3</b>",
            subjects=("<script>alert('kw')</script>",),
        )
        source = api.content.get_view("view", article, request_fr)()
        assert "<script>alert(" not in source
        page = html.fromstring(source)
        assert (
            text_of(page.cssselect(".pressbook-journalist")[0])
            == "par <script>alert('journalist')</script>"
        )
        assert text_of(page.cssselect(".pressbook-page")[0]) == "<b>p. 3</b>"
        keyword = page.cssselect("#pressbook-keywords a")[0]
        assert parse_qs(urlparse(keyword.get("href")).query) == {
            "Subject": ["<script>alert('kw')</script>"]
        }
