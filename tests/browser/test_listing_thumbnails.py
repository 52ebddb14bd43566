"""The press listing shows the first page of an article's scan to those the
publishers' licence lets see it (``PressArticle.can_view_paper_version``),
nothing to the others; the outlet of each row links to the listing filtered
on it."""

from datetime import date
from imio.pressbook.browser.views.thumbnail import thumbnail_url
from lxml import html
from plone import api
from plone.app.testing import login
from plone.app.testing import logout
from plone.namedfile.file import NamedBlobFile

import pytest


ARTICLE = "imio.pressbook.PressArticle"
ACCESSES = ("public", "authenticated", "editors")
PDF = b"%PDF-1.4\n"  # its kind is all the listing looks at


def text_of(element):
    return " ".join(element.text_content().split())


@pytest.fixture
def book(portal):
    """An article per access setting with a scan, one without, one whose scan
    is a zip; a member; an editor of the articles."""
    with api.env.adopt_roles(["Manager"]):
        for username in ("member", "editor"):
            api.user.create(
                email=f"{username}@commune.be", username=username, password="secret-1"
            )
        book = api.content.create(
            portal, "imio.pressbook.PressBook", id="medias", title="Dans les médias"
        )
        api.content.transition(book, "publish")
        scans = {access: ("application/pdf", access) for access in ACCESSES}
        scans["sans-scan"] = None
        scans["zip"] = ("application/zip", "public")
        for number, (id, scan) in enumerate(scans.items()):
            article = api.content.create(
                book,
                ARTICLE,
                id=id,
                title=f"Article {id}",
                publication_date=date(2024, 3, 1 + number),
                outlet="le-soir",
            )
            if scan is not None:
                content_type, access = scan
                article.paper_version = NamedBlobFile(
                    PDF, contentType=content_type, filename="scan"
                )
                article.paper_version_access = access
                article.reindexObject()
            api.user.grant_roles(username="editor", obj=article, roles=["Editor"])
            api.content.transition(article, "publish")
    return book


def thumbnails(book, request):
    request.form.clear()
    page = html.fromstring(api.content.get_view("view", book, request)())
    return {
        text_of(row.cssselect(".pressbook-listing-title a")[0]): [
            img.get("src") for img in row.cssselect("img.pressbook-thumbnail")
        ]
        for row in page.cssselect(".pressbook-listing-item")
    }


@pytest.mark.parametrize("user", ["anonymous", "member", "editor"])
def test_thumbnails_follow_the_licence(book, request_fr, user):
    may_see = {
        "anonymous": {"public"},
        "member": {"public", "authenticated"},
        "editor": {"public", "authenticated", "editors"},
    }[user]
    if user == "anonymous":
        logout()
    else:
        login(api.portal.get(), user)
    shown = thumbnails(book, request_fr)
    expected = {
        f"Article {id}": [thumbnail_url(book[id])] if id in may_see else []
        for id in (*ACCESSES, "sans-scan", "zip")
    }
    assert shown == expected


def test_the_outlet_links_to_the_listing_filtered_on_it(book, request_fr):
    logout()
    request_fr.form.clear()
    page = html.fromstring(api.content.get_view("view", book, request_fr)())
    links = page.cssselect(".pressbook-listing-source a.pressbook-listing-outlet")
    assert {(text_of(a), a.get("href")) for a in links} == {
        ("Le Soir", f"{book.absolute_url()}?outlet=le-soir")
    }
    assert len(links) == 5


def test_no_outlet_logo_while_the_outlet_has_none(book, request_fr):
    logout()
    request_fr.form.clear()
    page = html.fromstring(api.content.get_view("view", book, request_fr)())
    assert page.cssselect("img.pressbook-outlet-logo") == []


def test_the_outlet_logo_where_no_thumbnail_is_shown(book, request_fr):
    """An outlet with a logo (Presse control panel): a row without thumbnail
    shows its outlet's."""
    from imio.pressbook.controlpanels.logos import set_logo
    from imio.pressbook.vocabularies.outlets import logo_url
    from pathlib import Path

    portal = api.portal.get()
    data = (Path(__file__).parent.parent / "exportimport/data/logo-a.png").read_bytes()
    set_logo(portal, "le-soir", data, "le-soir.png")
    url = logo_url(portal, "le-soir")
    assert url
    logout()
    request_fr.form.clear()
    page = html.fromstring(api.content.get_view("view", book, request_fr)())
    rows = {
        text_of(row.cssselect(".pressbook-listing-title a")[0]): [
            img.get("src") for img in row.cssselect("img.pressbook-outlet-logo")
        ]
        for row in page.cssselect(".pressbook-listing-item")
    }
    logo = [url]
    assert rows == {
        "Article public": [],
        "Article authenticated": logo,
        "Article editors": logo,
        "Article sans-scan": logo,
        "Article zip": logo,
    }
