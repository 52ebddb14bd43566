"""The publishers' licence on press scans, on every way to the bytes.

`PressArticle.can_view_paper_version()` is the rule: `public` for whoever may
view the article, `authenticated` for logged-in users, `editors` for those who
may edit it. Over real HTTP (the functional layer's server), for a visitor, a
member (Member role only) and an editor (Editor local role on the article).
"""

from imio.pressbook.browser.views.paper_version import PaperVersionDownload
from imio.pressbook.browser.views.paper_version import PaperVersionWidgetDownload
from imio.pressbook.content.press_article import IPressArticle
from imio.pressbook.interfaces import IImioPressbookLayer
from io import BytesIO
from PIL import Image
from plone import api
from plone.app.testing import logout
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from plone.dexterity.browser.view import DefaultView
from plone.namedfile.file import NamedBlobFile
from plone.rfc822.interfaces import IPrimaryField
from z3c.form.interfaces import IFormLayer
from zExceptions import Unauthorized
from zope.component import getMultiAdapter
from zope.interface import alsoProvides
from zope.interface import noLongerProvides

import datetime
import html
import pytest
import re
import requests
import transaction


PASSWORD = "licence-presse-2024"
USERS = ("anonymous", "member", "editor")
ACCESSES = ("public", "authenticated", "editors")


def make_png():
    buffer = BytesIO()
    Image.new("RGB", (800, 600), (180, 30, 40)).save(buffer, "PNG")
    return buffer.getvalue()


def make_pdf():
    buffer = BytesIO()
    Image.new("RGB", (200, 280), (250, 250, 250)).save(buffer, "PDF")
    return buffer.getvalue()


PNG = make_png()
PDF = make_pdf()
SCANS = {
    "png": (PNG, "image/png", "scan.png"),
    "pdf": (PDF, "application/pdf", "scan.pdf"),
}


def may_open(access, user):
    """The rule, as a table."""
    return {
        "public": True,
        "authenticated": user != "anonymous",
        "editors": user == "editor",
    }[access]


def auth(user):
    return None if user == "anonymous" else (user, PASSWORD)


def get(url, user, **kwargs):
    kwargs.setdefault("allow_redirects", False)
    headers = kwargs.pop("headers", {"Accept": "text/html"})
    return requests.get(url, auth=auth(user), headers=headers, timeout=60, **kwargs)


def image_size(data):
    return Image.open(BytesIO(data)).size


def create_article(container, id, kind, access, publish=True):
    data, content_type, filename = SCANS[kind]
    article = api.content.create(
        container,
        "imio.pressbook.PressArticle",
        id=id,
        title=f"Article {id}",
        publication_date=datetime.date(2024, 3, 14),
        outlet="le-soir",
        paper_version=NamedBlobFile(data, contentType=content_type, filename=filename),
        paper_version_access=access,
    )
    api.user.grant_roles(username="editor", obj=article, roles=["Editor"])
    if publish:
        api.content.transition(article, "publish")
    return article


def uid_scale_url(article):
    """A uid-named scale URL (@@images/<uid>.png), as pages link to them."""
    scale = article.restrictedTraverse("@@images").scale(
        "paper_version", scale="preview"
    )
    assert re.search(r"/@@images/paper_version-400-[0-9a-f]+\.png$", scale.url)
    return scale.url


@pytest.fixture(scope="class")
def site(functional_portal_class):
    """Per access setting, a published article with a PDF scan and one with a
    PNG scan; a private article with a public scan; the member and the editor."""
    portal = functional_portal_class
    with api.env.adopt_roles(["Manager"]):
        for username in ("member", "editor"):
            api.user.create(
                email=f"{username}@commune.be", username=username, password=PASSWORD
            )
        book = api.content.create(
            portal, "imio.pressbook.PressBook", id="revue", title="Revue de presse"
        )
        api.content.transition(book, "publish")
        urls = {}
        for access in ACCESSES:
            for kind in SCANS:
                article = create_article(book, f"{kind}-{access}", kind, access)
                urls[kind, access] = article.absolute_url()
            urls["uid-scale", access] = uid_scale_url(book[f"png-{access}"])
        for kind in SCANS:
            private = create_article(book, f"private-{kind}", kind, "public", False)
            urls[kind, "private"] = private.absolute_url()
        urls["uid-scale", "private"] = uid_scale_url(book["private-png"])
    transaction.commit()
    return urls


def assert_served_pdf(response, disposition):
    assert response.status_code == 200
    assert response.content == PDF
    assert response.headers["Content-Type"] == "application/pdf"
    assert response.headers["Content-Disposition"].startswith(disposition)


def assert_served_png(response, size):
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "image/png"
    if size is None:
        assert response.content == PNG
    else:
        assert image_size(response.content) == size


# way: (scan, path from the article, check of what is served)
WAYS = {
    "download": (
        "pdf",
        "@@download/paper_version",
        lambda r: assert_served_pdf(r, "attachment"),
    ),
    "download-filename": (
        "pdf",
        "@@download/paper_version/scan.pdf",
        lambda r: assert_served_pdf(r, "attachment"),
    ),
    "display-file": (
        "pdf",
        "@@display-file/paper_version",
        lambda r: assert_served_pdf(r, "inline"),
    ),
    "images": ("png", "@@images/paper_version", lambda r: assert_served_png(r, None)),
    "images-extension": (
        "png",
        "@@images/paper_version.png",
        lambda r: assert_served_png(r, None),
    ),
    "scale": (
        "png",
        "@@images/paper_version/preview",
        lambda r: assert_served_png(r, (400, 300)),
    ),
    "uid-scale": ("png", None, lambda r: assert_served_png(r, (400, 300))),
    # the first page, small, rendered when asked (PDFium for a PDF)
    "thumbnail-pdf": (
        "pdf",
        "@@pressbook-thumbnail",
        lambda r: assert_served_thumbnail(r, (240, 336)),
    ),
    "thumbnail-png": (
        "png",
        "@@pressbook-thumbnail",
        lambda r: assert_served_thumbnail(r, (240, 180)),
    ),
}


def assert_served_thumbnail(response, size):
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "image/jpeg"
    # the licence depends on who asks: no shared cache keeps it
    assert response.headers["Cache-Control"].startswith("private")
    assert image_size(response.content) == size


def way_url(site, way, access):
    kind, path, check = WAYS[way]
    if path is None:
        return site["uid-scale", access]
    return f"{site[kind, access]}/{path}"


def assert_refused(response):
    """Unauthorized: Plone's challenge sends to @@require_login, which sends a
    visitor to the login form and a logged-in user to insufficient-privileges."""
    assert response.status_code == 302
    assert "/require_login?came_from=" in response.headers["Location"]
    assert PNG not in response.content
    assert PDF not in response.content


class TestPaperVersionAccess:
    @pytest.mark.parametrize("way", WAYS)
    @pytest.mark.parametrize("access", ACCESSES)
    @pytest.mark.parametrize("user", USERS)
    def test_bytes_served_only_as_the_rule_says(self, site, user, access, way):
        response = get(way_url(site, way, access), user)
        if may_open(access, user):
            WAYS[way][2](response)
        else:
            assert_refused(response)

    @pytest.mark.parametrize("access", ACCESSES)
    @pytest.mark.parametrize("user", USERS)
    def test_rest_get_gives_the_download_url_only_as_the_rule_says(
        self, site, user, access
    ):
        url = site["pdf", access]
        response = get(url, user, headers={"Accept": "application/json"})
        assert response.status_code == 200
        paper_version = response.json()["paper_version"]
        if may_open(access, user):
            assert paper_version == {
                "content-type": "application/pdf",
                "download": f"{url}/@@download/paper_version",
                "filename": "scan.pdf",
                "size": len(PDF),
            }
            assert_served_pdf(get(paper_version["download"], user), "attachment")
        else:
            assert paper_version is None
            assert "@@download/paper_version" not in response.text

    @pytest.mark.parametrize("path", ["paper_version", "paper_version/data"])
    @pytest.mark.parametrize("access", ACCESSES)
    @pytest.mark.parametrize("user", USERS)
    def test_direct_traversal_never_serves_the_scan(self, site, user, access, path):
        response = get(f"{site['pdf', access]}/{path}", user)
        assert response.status_code == 404
        assert PDF not in response.content

    @pytest.mark.parametrize(
        "path, accept",
        [
            ("revue/@@images/paper_version", "text/html"),
            ("revue/@@images/paper_version/preview", "text/html"),
            ("revue/images/paper_version", "application/json"),
            ("revue/@@download/paper_version", "text/html"),
            ("revue/@@display-file/paper_version", "text/html"),
            ("revue/paper_version/data", "text/html"),
            ("portal_catalog/paper_version/data", "text/html"),
            (
                "revue/@@download-version?version_id=0&field_id=paper_version",
                "text/html",
            ),
        ],
    )
    @pytest.mark.parametrize("user", USERS)
    def test_scan_acquired_by_other_objects_is_not_found(
        self, site, user, path, accept
    ):
        # /article/revue acquires the press book through the article, which
        # in turn would acquire the article's scan
        response = get(
            f"{site['png', 'public']}/{path}", user, headers={"Accept": accept}
        )
        assert response.status_code == 404
        assert PNG not in response.content

    @pytest.mark.parametrize("access", ACCESSES)
    @pytest.mark.parametrize("user", USERS)
    def test_bare_download_does_not_reach_the_scan_which_is_not_primary(
        self, site, user, access
    ):
        response = get(f"{site['pdf', access]}/@@download", user)
        assert response.status_code == 404
        assert PDF not in response.content

    @pytest.mark.parametrize("user", USERS)
    def test_webdav_body_of_the_article_holds_no_scan(self, site, user):
        response = get(f"{site['pdf', 'public']}/manage_DAVget", user)
        assert response.status_code == 200
        assert response.text.startswith("title: Article pdf-public")
        assert PDF not in response.content

    @pytest.mark.parametrize("way", WAYS)
    def test_private_article_scan_refused_to_visitors_even_if_public(self, site, way):
        assert_refused(get(way_url(site, way, "private"), "anonymous"))

    def test_private_article_refused_to_visitors_in_rest(self, site):
        response = get(
            site["pdf", "private"], "anonymous", headers={"Accept": "application/json"}
        )
        assert response.status_code == 401
        assert "paper_version" not in response.text

    def test_private_article_scan_served_to_its_editor(self, site):
        assert_served_pdf(
            get(way_url(site, "download", "private"), "editor"), "attachment"
        )

    @pytest.mark.parametrize(
        "user, landing",
        [("anonymous", "/login?came_from="), ("member", "/insufficient-privileges")],
    )
    def test_refusal_leads_visitors_to_login_and_members_to_insufficient_privileges(
        self, site, user, landing
    ):
        response = get(way_url(site, "download", "editors"), user, allow_redirects=True)
        assert response.status_code == 200
        assert landing in response.url
        assert PDF not in response.content

    def test_edit_form_shows_the_current_scan_to_the_editor(self, site):
        url = site["pdf", "editors"]
        response = get(f"{url}/@@edit", "editor")
        assert response.status_code == 200
        links = re.findall(
            r'href="([^"]*\+\+widget\+\+form\.widgets\.paper_version/@@download/[^"]*)"',
            response.text,
        )
        assert links
        assert "scan.pdf" in response.text
        assert_served_pdf(get(html.unescape(links[0]), "editor"), "attachment")

    def test_edit_form_widget_download_refused_to_members(self, site):
        url = site["pdf", "editors"]
        response = get(
            f"{url}/@@edit/++widget++form.widgets.paper_version/@@download/scan.pdf",
            "member",
        )
        assert_refused(response)


@pytest.fixture(scope="class")
def versioned(functional_portal_class):
    """An article whose scan is reserved to editors, with a saved version; a
    reviewer (Reviewer local role: may see older versions, may not edit)."""
    portal = functional_portal_class
    type_id = "imio.pressbook.PressArticle"
    with api.env.adopt_roles(["Manager"]):
        repository = api.portal.get_tool("portal_repository")
        repository.setVersionableContentTypes(
            [*repository.getVersionableContentTypes(), type_id]
        )
        repository.addPolicyForContentType(type_id, "at_edit_autoversion")
        for username in ("editor", "reviewer"):
            api.user.create(
                email=f"{username}@commune.be", username=username, password=PASSWORD
            )
        book = api.content.create(portal, "imio.pressbook.PressBook", id="revue")
        article = create_article(book, "versioned", "pdf", "editors")
        api.user.grant_roles(username="reviewer", obj=article, roles=["Reviewer"])
        repository.save(article, comment="with its scan")
        version_id = (
            repository.getHistoryMetadata(article).getLength(countPurged=False) - 1
        )
    transaction.commit()
    return (
        f"{article.absolute_url()}/@@download-version"
        f"?version_id={version_id}&field_id=paper_version"
    )


class TestPaperVersionOlderVersions:
    def test_older_version_of_the_scan_served_to_editors(self, versioned):
        response = get(versioned, "editor")
        assert response.status_code == 200
        assert response.content == PDF

    def test_older_version_of_the_scan_refused_to_reviewers(self, versioned):
        assert_refused(get(versioned, "reviewer"))

    def test_site_owner_sees_it_too(self, versioned):
        response = requests.get(
            versioned, auth=(SITE_OWNER_NAME, SITE_OWNER_PASSWORD), timeout=60
        )
        assert response.status_code == 200
        assert response.content == PDF


@pytest.fixture()
def article(portal):
    with api.env.adopt_roles(["Manager"]):
        for username in ("member", "editor"):
            api.user.create(
                email=f"{username}@commune.be", username=username, password=PASSWORD
            )
        book = api.content.create(portal, "imio.pressbook.PressBook", id="revue")
        article = create_article(book, "article", "pdf", "authenticated")
    return article


@pytest.fixture()
def browser_request(integration):
    request = integration["request"]
    alsoProvides(request, IImioPressbookLayer, IFormLayer)
    return request


@pytest.fixture()
def paper_version_primary():
    """Make the scan the primary field, as a site could (plone.rfc822)."""
    field = IPressArticle["paper_version"]
    alsoProvides(field, IPrimaryField)
    yield field
    noLongerProvides(field, IPrimaryField)


class TestPaperVersionViewsInProcess:
    def test_bare_download_applies_the_rule_when_the_scan_is_primary(
        self, article, browser_request, paper_version_primary
    ):
        view = getMultiAdapter((article, browser_request), name="download")
        assert isinstance(view, PaperVersionDownload)
        logout()
        with pytest.raises(Unauthorized):
            view()
        with api.env.adopt_user(username="member"):
            view = getMultiAdapter((article, browser_request), name="download")
            assert view() == PDF
            assert view.fieldname == "paper_version"

    def test_display_form_widget_download_applies_the_rule(
        self, article, browser_request
    ):
        form = DefaultView(article, browser_request)
        form.update()
        widget = form.widgets["paper_version"]
        download = getMultiAdapter((widget, browser_request), name="download")
        assert isinstance(download, PaperVersionWidgetDownload)
        logout()
        with pytest.raises(Unauthorized):
            download()
        with api.env.adopt_user(username="member"):
            assert download() == PDF
