"""The press listing shows the first page of an article's scan to those the
publishers' licence lets see it (``PressArticle.can_view_paper_version``),
nothing to the others; the outlet of each row links to the listing filtered
on it, with its logo. What the page reads once (the logos, the outlets' names,
the dates' words) follows the edits on the next page."""

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


def logos_shown(book, request):
    request.form.clear()
    page = html.fromstring(api.content.get_view("view", book, request)())
    return {img.get("src") for img in page.cssselect("img.pressbook-outlet-logo")}


def test_a_new_or_deleted_logo_shows_on_the_next_page(book, request_fr):
    """The page reads the logos once (not once per row): a logo uploaded,
    replaced or deleted in the Presse control panel is what the next page
    shows."""
    from imio.pressbook.controlpanels.logos import delete_logo
    from imio.pressbook.controlpanels.logos import set_logo
    from imio.pressbook.vocabularies.outlets import logo_url
    from pathlib import Path

    portal = api.portal.get()
    images = Path(__file__).parent.parent / "exportimport/data"
    logout()
    assert logos_shown(book, request_fr) == set()
    set_logo(portal, "le-soir", (images / "logo-a.png").read_bytes(), "a.png")
    first = logo_url(portal, "le-soir")
    assert logos_shown(book, request_fr) == {first}
    set_logo(portal, "le-soir", (images / "logo-b.png").read_bytes(), "b.png")
    second = logo_url(portal, "le-soir")
    assert second != first
    assert logos_shown(book, request_fr) == {second}
    delete_logo(portal, "le-soir")
    assert logos_shown(book, request_fr) == set()


def test_an_edited_date_shows_on_the_next_page(book, request_fr):
    """Dates are formatted once per day and language: an article whose date
    changes is listed with its new date."""

    def dates():
        request_fr.form.clear()
        page = html.fromstring(api.content.get_view("view", book, request_fr)())
        return {
            text_of(row.cssselect(".pressbook-listing-title a")[0]): text_of(
                row.cssselect(".pressbook-listing-meta")[0]
            )
            for row in page.cssselect(".pressbook-listing-item")
        }

    logout()
    assert dates()["Article zip"] == "5 mars 2024 · Article de presse"
    with api.env.adopt_roles(["Manager"]):
        book["zip"].publication_date = date(2024, 3, 1)
        book["zip"].reindexObject()
    assert dates()["Article zip"] == "1 mars 2024 · Article de presse"


def test_a_renamed_outlet_shows_on_the_next_page(book, request_fr):
    """The titles of the filters are read once per page, by the page and its
    feed links together: an outlet renamed in the Presse control panel is
    what the next page shows, in its filters, its rows and its feeds' titles."""
    from imio.pressbook.vocabularies.outlets import outlet_rows
    from plone.app.layout.globals.interfaces import IViewView
    from zope.interface import alsoProvides

    def names():
        request_fr.form.clear()
        request_fr.form["outlet"] = "le-soir"
        view = api.content.get_view("view", book, request_fr)
        # the section's own page, as when it is browsed: its head has the
        # links to the feeds
        alsoProvides(view, IViewView)
        page = html.fromstring(view())
        return (
            {
                text_of(a)
                for a in page.cssselect(".pressbook-facet-outlet a[aria-current]")
            },
            {text_of(a) for a in page.cssselect("a.pressbook-listing-outlet")},
            [
                link.get("title")
                for link in page.cssselect("head link[rel=alternate]")
                if "pressbook-" in link.get("href")
            ],
        )

    logout()
    assert names() == (
        {"Filtre choisi, cliquer pour le retirer : ✓ Le Soir (5)"},
        {"Le Soir"},
        ["Dans les médias – Le Soir (RSS)", "Dans les médias – Le Soir (Atom)"],
    )
    rows = outlet_rows(api.portal.get())
    for row in rows:
        if row["token"] == "le-soir":
            row["name"] = "Le Soir (Rossel)"
    api.portal.set_registry_record("imio.pressbook.outlets", rows)
    assert names() == (
        {"Filtre choisi, cliquer pour le retirer : ✓ Le Soir (Rossel) (5)"},
        {"Le Soir (Rossel)"},
        [
            "Dans les médias – Le Soir (Rossel) (RSS)",
            "Dans les médias – Le Soir (Rossel) (Atom)",
        ],
    )
