"""Reading a scan writes nothing: no lock, no transaction.

Every way to the bytes of a press scan, as a visitor, a member and an editor,
over real HTTP (the functional layer's server): the database's last
transaction id does not move and the article stays unlocked. Before, the edit
form's widget traversal (``@@edit/++widget++form.widgets.paper_version/@@download``)
ran the edit form for whoever could see the scan, anonymous included: it took
a webdav lock with no owner, after which the article's REST GET and ``@lock``
answered 500 and an administrator's PATCH 403 "Resource is locked".

One write remains, Plone's own: the first request of a scale of an image scan
makes the scale and stores it, as plone.namedfile does for every image (no
lock for all that); once made, serving it writes nothing.
"""

from io import BytesIO
from PIL import Image
from plone import api
from plone.app.testing import logout
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from plone.dexterity.events import EditBegunEvent
from plone.locking.interfaces import ILockable
from plone.namedfile.file import NamedBlobFile
from zope.event import notify

import datetime
import pytest
import requests
import transaction


PASSWORD = "lecture-seule-2024"
USERS = ("anonymous", "member", "editor")
TYPE = "imio.pressbook.PressArticle"


def make_png():
    buffer = BytesIO()
    Image.new("RGB", (800, 600), (40, 90, 160)).save(buffer, "PNG")
    return buffer.getvalue()


PNG = make_png()
PDF = b"%PDF-1.4\n% scan\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n"


def auth(user):
    return None if user == "anonymous" else (user, PASSWORD)


@pytest.fixture(scope="class")
def site(functional_portal_class):
    """A published press section with two published articles whose scan is
    public (a PDF, a PNG), versioned; a member; an editor of the articles."""
    portal = functional_portal_class
    with api.env.adopt_roles(["Manager"]):
        repository = api.portal.get_tool("portal_repository")
        repository.setVersionableContentTypes(
            [*repository.getVersionableContentTypes(), TYPE]
        )
        repository.addPolicyForContentType(TYPE, "at_edit_autoversion")
        for username in ("member", "editor"):
            api.user.create(
                email=f"{username}@commune.be", username=username, password=PASSWORD
            )
        book = api.content.create(portal, "imio.pressbook.PressBook", id="revue")
        api.content.transition(book, "publish")
        for id, data, content_type, filename in (
            ("pdf", PDF, "application/pdf", "scan.pdf"),
            ("png", PNG, "image/png", "scan.png"),
        ):
            article = api.content.create(
                book,
                TYPE,
                id=id,
                title=f"Article {id}",
                publication_date=datetime.date(2024, 3, 14),
                outlet="le-soir",
                paper_version=NamedBlobFile(
                    data, contentType=content_type, filename=filename
                ),
                paper_version_access="public",
            )
            api.user.grant_roles(username="editor", obj=article, roles=["Editor"])
            api.content.transition(article, "publish")
            repository.save(article, comment="with its scan")
    transaction.commit()
    return book


@pytest.fixture()
def articles(site):
    """The articles, unlocked and with their titles again after each test, so
    that a failure stays with its test."""
    yield site
    transaction.begin()
    with api.env.adopt_roles(["Manager"]):
        for article in site.values():
            ILockable(article).clear_locks()
            article.title = f"Article {article.getId()}"
    transaction.commit()


def pdf_url(site, path):
    return f"{site['pdf'].absolute_url()}/{path}"


def png_url(site, path):
    return f"{site['png'].absolute_url()}/{path}"


# way: (article, path from it, what is served)
WAYS = {
    # the scan is not the primary field: not found
    "download-bare": ("pdf", "@@download", None),
    "download": ("pdf", "@@download/paper_version", PDF),
    "download-filename": ("pdf", "@@download/paper_version/scan.pdf", PDF),
    "display-file": ("pdf", "@@display-file/paper_version", PDF),
    "images": ("png", "@@images/paper_version", PNG),
    "widget-in-view": (
        "pdf",
        "@@content-core/++widget++form.widgets.paper_version/@@download/scan.pdf",
        PDF,
    ),
    "widget-in-edit-form": (
        "pdf",
        "@@edit/++widget++form.widgets.paper_version/@@download/scan.pdf",
        PDF,
    ),
    "widget-in-edit-form-with-save": (
        "pdf",
        "@@edit/++widget++form.widgets.paper_version/@@download/scan.pdf"
        "?form.buttons.save=Enregistrer&form.widgets.IDublinCore.title=Changed",
        PDF,
    ),
    "download-version": (
        "pdf",
        "@@download-version?version_id=0&field_id=paper_version",
        PDF,
    ),
}


def last_transaction(portal):
    transaction.begin()
    return portal._p_jar.db().lastTransaction()


def assert_untouched(site, before):
    portal = api.portal.get()
    assert last_transaction(portal) == before
    for article in site.values():
        assert not article.wl_isLocked()
        assert not ILockable(article).locked()
        assert article.Title() == f"Article {article.getId()}"


class TestReadingAScanWritesNothing:
    @pytest.mark.parametrize("way", WAYS)
    @pytest.mark.parametrize("user", USERS)
    def test_no_lock_no_write(self, articles, user, way):
        kind, path, data = WAYS[way]
        before = last_transaction(api.portal.get())
        response = requests.get(
            f"{articles[kind].absolute_url()}/{path}",
            auth=auth(user),
            timeout=60,
            allow_redirects=False,
        )
        if data is None:
            assert response.status_code == 404
        elif way == "download-version" and user != "editor":
            # older versions are for those who may see the history
            assert response.status_code == 302
            assert "/require_login?came_from=" in response.headers["Location"]
        else:
            assert response.status_code == 200
            assert response.content == data
        assert_untouched(articles, before)

    @pytest.mark.parametrize("user", USERS)
    def test_thumbnails_are_rendered_without_writing(self, articles, user):
        """The scan's first page is rendered when asked, not stored; a scan
        with no page to render (the PDF here) has none: 404."""
        before = last_transaction(api.portal.get())
        for kind, status in (("png", 200), ("pdf", 404)):
            response = requests.get(
                png_url(articles, "@@pressbook-thumbnail")
                if kind == "png"
                else pdf_url(articles, "@@pressbook-thumbnail"),
                auth=auth(user),
                timeout=60,
                allow_redirects=False,
            )
            assert response.status_code == status
            if status == 200:
                assert response.headers["Content-Type"] == "image/jpeg"
        assert_untouched(articles, before)

    @pytest.mark.parametrize("user", USERS)
    def test_rest_get_and_its_download_url_write_nothing(self, articles, user):
        before = last_transaction(api.portal.get())
        url = articles["pdf"].absolute_url()
        response = requests.get(
            url, auth=auth(user), headers={"Accept": "application/json"}, timeout=60
        )
        assert response.status_code == 200
        assert response.json()["lock"] == {"locked": False, "stealable": True}
        download = response.json()["paper_version"]["download"]
        response = requests.get(download, auth=auth(user), timeout=60)
        assert response.status_code == 200
        assert response.content == PDF
        assert_untouched(articles, before)

    @pytest.mark.parametrize(
        "user, scale, size",
        [
            ("anonymous", "preview", (400, 300)),
            ("member", "mini", (200, 150)),
            ("editor", "thumb", (128, 96)),
        ],
    )
    def test_a_scale_locks_nothing_and_once_made_writes_nothing(
        self, articles, user, scale, size
    ):
        url = png_url(articles, f"@@images/paper_version/{scale}")
        # the first request of a scale makes it and stores it, as plone.namedfile
        # does for every image: no lock for all that
        response = requests.get(url, auth=auth(user), timeout=60)
        assert response.status_code == 200
        assert Image.open(BytesIO(response.content)).size == size
        transaction.begin()
        assert not articles["png"].wl_isLocked()
        before = last_transaction(api.portal.get())
        response = requests.get(url, auth=auth(user), timeout=60)
        assert response.status_code == 200
        assert Image.open(BytesIO(response.content)).size == size
        assert_untouched(articles, before)

    def test_after_an_anonymous_widget_read_the_owner_edits_through_rest(
        self, articles
    ):
        response = requests.get(
            pdf_url(
                articles,
                "@@edit/++widget++form.widgets.paper_version/@@download/scan.pdf",
            ),
            timeout=60,
        )
        assert response.status_code == 200
        owner = (SITE_OWNER_NAME, SITE_OWNER_PASSWORD)
        headers = {"Accept": "application/json", "Content-Type": "application/json"}
        url = articles["pdf"].absolute_url()
        lock = requests.get(f"{url}/@lock", auth=owner, headers=headers, timeout=60)
        assert lock.status_code == 200
        assert lock.json()["locked"] is False
        response = requests.patch(
            url, auth=owner, headers=headers, json={"page": "12"}, timeout=60
        )
        assert response.status_code == 204
        transaction.begin()
        assert articles["pdf"].page == "12"


class TestLocksAreTakenByEditorsOnly:
    def test_the_editor_opening_the_edit_form_locks_the_article(self, articles):
        url = articles["png"].absolute_url()
        response = requests.get(f"{url}/@@edit", auth=auth("editor"), timeout=60)
        assert response.status_code == 200
        transaction.begin()
        article = articles["png"]
        assert ILockable(article).lock_info()[0]["creator"] == "editor"
        with api.env.adopt_roles(["Manager"]):
            ILockable(article).clear_locks()
        transaction.commit()

    @pytest.mark.parametrize("user", ("anonymous", "member"))
    def test_inline_validation_of_the_edit_form_locks_nothing(self, articles, user):
        # plone.app.z3cform's view is public: it updates the edit form (which
        # begins an edit) for whoever calls it
        before = last_transaction(api.portal.get())
        url = articles["png"].absolute_url()
        response = requests.get(
            f"{url}/@@edit/@@z3cform_validate_field?fname=form.widgets.title",
            auth=auth(user),
            timeout=60,
        )
        assert response.status_code == 200
        assert_untouched(articles, before)

    @pytest.mark.parametrize("user", ("anonymous", "member"))
    def test_who_may_not_edit_gets_no_edit_form_and_takes_no_lock(self, articles, user):
        before = last_transaction(api.portal.get())
        url = articles["png"].absolute_url()
        response = requests.get(
            f"{url}/@@edit", auth=auth(user), timeout=60, allow_redirects=False
        )
        assert response.status_code in (302, 401)
        assert_untouched(articles, before)


@pytest.fixture()
def article(portal):
    """A published article; a member; an editor of the article."""
    with api.env.adopt_roles(["Manager"]):
        for username in ("member", "editor"):
            api.user.create(
                email=f"{username}@commune.be", username=username, password=PASSWORD
            )
        book = api.content.create(portal, "imio.pressbook.PressBook", id="revue")
        article = api.content.create(
            book,
            TYPE,
            id="article",
            title="Article",
            publication_date=datetime.date(2024, 3, 14),
            outlet="le-soir",
        )
        api.user.grant_roles(username="editor", obj=article, roles=["Editor"])
        api.content.transition(article, "publish")
    return article


class TestLockOnlyForEditors:
    """Whatever begins an edit (Plone's own edit form, another add-on's), the
    lock is taken for a user who may edit only."""

    @pytest.mark.parametrize("user, locks", [("member", False), ("editor", True)])
    def test_edit_begun_locks_for_editors_only(self, article, user, locks):
        with api.env.adopt_user(username=user):
            notify(EditBegunEvent(article))
        assert ILockable(article).locked() is locks

    def test_edit_begun_by_anonymous_locks_nothing(self, article):
        logout()
        notify(EditBegunEvent(article))
        assert not ILockable(article).locked()

    def test_the_sites_setting_still_holds_for_editors(self, article):
        api.portal.set_registry_record("plone.lock_on_ttw_edit", False)
        with api.env.adopt_user(username="editor"):
            notify(EditBegunEvent(article))
        assert not ILockable(article).locked()
