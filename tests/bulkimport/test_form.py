"""``@@pressbook-import``, the editors' form, over real HTTP (the functional
layer's server): the preview in French writes nothing, the confirmation
imports, a second import is all unchanged, the refused rows' CSV comes back
fixed without twins; CSRF, permissions and bad files answered with a 4xx."""

from lxml import html
from plone import api

import base64
import pytest
import requests
import transaction


PASSWORD = "import-presse-2024"
TIMEOUT = 60
CSV = (
    "type;titre;date;média\r\n"
    "article;Le budget communal;2020-01-02;Le Soir\r\n"
    "article;Sans média;2020-02-02;\r\n"
    "article;La nouvelle école;2020-03-03;L'Avenir\r\n"
).encode()


@pytest.fixture
def users(site, book):
    with api.env.adopt_roles(["Manager"]):
        api.user.create(email="e@commune.be", username="editeur", password=PASSWORD)
        api.user.grant_roles(
            username="editeur", obj=book, roles=["Editor", "Contributor"]
        )
        api.user.create(email="m@commune.be", username="membre", password=PASSWORD)
    transaction.commit()


@pytest.fixture
def editor(users):
    with requests.Session() as http:
        http.auth = ("editeur", PASSWORD)
        yield http


def url(book):
    return f"{book.absolute_url()}/@@pressbook-import"


def last_transaction(portal):
    return portal._p_jar.db().lastTransaction()


def page_of(response):
    return html.fromstring(response.text)


def token_of(http, book):
    response = http.get(url(book), timeout=TIMEOUT)
    assert response.status_code == 200, response.text
    return page_of(response).xpath("//input[@name='_authenticator']/@value")[0]


def preview(http, book, data=CSV, filename="revue.csv", **extra):
    form = {"_authenticator": token_of(http, book), "form.buttons.preview": "1"}
    form.update(extra)
    return http.post(
        url(book),
        data=form,
        files={"file": (filename, data, "text/csv")},
        timeout=TIMEOUT,
    )


def confirm(http, book, response):
    (form,) = page_of(response).xpath("//form[contains(@class, 'confirm')]")
    fields = {field.name: field.value for field in form.xpath(".//input")}
    assert fields["form.buttons.import"] == "1"
    return http.post(url(book), data=fields, timeout=TIMEOUT)


def rows(response):
    return [
        [" ".join(cell.text_content().split()) for cell in row.xpath("td")]
        for row in page_of(response).xpath(
            "//table[contains(@class, 'pressbook-import-rows')]/tbody/tr"
        )
    ]


def totals(response):
    return [
        " ".join(item.text_content().split())
        for item in page_of(response).xpath("//ul[@class='pressbook-import-totals']/li")
    ]


def test_the_preview_in_french_writes_nothing(editor, site, book):
    # Plone's own first write (the portlets' settings) on the first page shown
    editor.get(book.absolute_url(), timeout=TIMEOUT)
    before = last_transaction(site)
    response = preview(editor, book)
    assert response.status_code == 200, response.text
    page = page_of(response)
    assert page.xpath("//h1")[0].text_content().strip() == "Importer des coupures"
    assert totals(response) == [
        "Créés : 2",
        "Mis à jour : 0",
        "Inchangés : 0",
        "Refusés : 1",
    ]
    assert rows(response) == [
        ["2", "créé", "Le budget communal", ""],
        ["3", "refusé", "Sans média", "Ligne 3, média : Ce champ est obligatoire."],
        ["4", "créé", "La nouvelle école", ""],
    ]
    # the editor may not add outlets: the option is not offered
    assert not page.xpath("//input[@name='add_missing']")
    assert last_transaction(site) == before
    transaction.begin()
    assert list(book.objectIds()) == []


def test_confirm_imports_then_the_same_file_is_unchanged(editor, site, book):
    response = confirm(editor, book, preview(editor, book))
    assert response.status_code == 200, response.text
    assert page_of(response).xpath("//h2")[0].text_content().strip() == "Compte rendu"
    assert [row[:2] for row in rows(response)] == [
        ["2", "créé"],
        ["3", "refusé"],
        ["4", "créé"],
    ]
    transaction.begin()
    assert sorted(obj.Title() for obj in book.objectValues()) == [
        "La nouvelle école",
        "Le budget communal",
    ]
    again = confirm(editor, book, preview(editor, book))
    assert [row[1] for row in rows(again)] == ["inchangé", "refusé", "inchangé"]
    transaction.begin()
    assert len(book.objectIds()) == 2


def test_refused_rows_download_and_import_again_fixed(editor, site, book):
    response = confirm(editor, book, preview(editor, book))
    (link,) = page_of(response).xpath("//a[contains(@class, 'refused-csv')]")
    assert link.get("download") == "revue-refusees.csv"
    prefix = "data:text/csv;charset=utf-8;base64,"
    assert link.get("href").startswith(prefix)
    refused = base64.b64decode(link.get("href")[len(prefix) :]).decode("utf-8-sig")
    assert refused.splitlines() == [
        "type;titre;date;média;erreur",
        "article;Sans média;2020-02-02;;Ligne 3, média : Ce champ est obligatoire.",
    ]
    fixed = refused.replace("2020-02-02;;", "2020-02-02;Le Vif;").encode("utf-8")
    second = preview(editor, book, data=fixed, filename="revue-refusees.csv")
    assert rows(second) == [["2", "créé", "Sans média", ""]]
    done = confirm(editor, book, second)
    assert [row[1] for row in rows(done)] == ["créé"]
    transaction.begin()
    assert len(book.objectIds()) == 3
    # the whole file again: no twin
    last = confirm(editor, book, preview(editor, book))
    assert [row[1] for row in rows(last)] == ["inchangé", "refusé", "inchangé"]
    transaction.begin()
    assert len(book.objectIds()) == 3


def test_without_the_csrf_token_nothing_is_imported(editor, site, book):
    response = preview(editor, book)
    fields = {
        field.name: field.value
        for field in page_of(response).xpath(
            "//form[contains(@class, 'confirm')]//input"
        )
    }
    del fields["_authenticator"]
    before = last_transaction(site)
    answer = editor.post(url(book), data=fields, timeout=TIMEOUT)
    assert answer.status_code == 403
    answer = editor.post(
        url(book),
        data={"form.buttons.preview": "1"},
        files={"file": ("revue.csv", CSV, "text/csv")},
        timeout=TIMEOUT,
    )
    assert answer.status_code == 403
    assert last_transaction(site) == before
    transaction.begin()
    assert list(book.objectIds()) == []


def test_a_preview_token_is_the_users_own(editor, site, book):
    response = preview(editor, book)
    (token,) = page_of(response).xpath("//input[@name='token']/@value")
    with requests.Session() as owner:
        from plone.app.testing import SITE_OWNER_NAME
        from plone.app.testing import SITE_OWNER_PASSWORD

        owner.auth = (SITE_OWNER_NAME, SITE_OWNER_PASSWORD)
        answer = owner.post(
            url(book),
            data={
                "_authenticator": token_of(owner, book),
                "token": token,
                "form.buttons.import": "1",
            },
            timeout=TIMEOUT,
        )
    assert answer.status_code == 400
    assert "Fichier" in page_of(answer).xpath("//div[@data-field='file']")[0].text
    transaction.begin()
    assert list(book.objectIds()) == []


def test_anonymous_and_members_are_refused(users, site, book):
    for auth in (None, ("membre", PASSWORD)):
        response = requests.get(
            url(book), auth=auth, timeout=TIMEOUT, allow_redirects=False
        )
        assert response.status_code in (302, 401), auth
        response = requests.post(
            url(book),
            data={"form.buttons.preview": "1"},
            files={"file": ("revue.csv", CSV, "text/csv")},
            auth=auth,
            timeout=TIMEOUT,
            allow_redirects=False,
        )
        assert response.status_code in (302, 401, 403), auth
    transaction.begin()
    assert list(book.objectIds()) == []


def test_managers_see_the_add_missing_option(site, book):
    from plone.app.testing import SITE_OWNER_NAME
    from plone.app.testing import SITE_OWNER_PASSWORD

    response = requests.get(
        url(book), auth=(SITE_OWNER_NAME, SITE_OWNER_PASSWORD), timeout=TIMEOUT
    )
    assert page_of(response).xpath("//input[@name='add_missing']")


@pytest.mark.parametrize(
    "files, field, message",
    [
        ({}, "file", "Fichier"),
        ({"file": ("revue.pdf", b"%PDF-1.4", "application/pdf")}, "file", ".csv"),
        ({"file": ("revue.csv", b"", "text/csv")}, "file", "vide"),
        ({"file": ("revue.xlsx", b"PK\x03\x04", "application/zip")}, "file", "Fichier"),
        (
            {
                "file": ("revue.csv", CSV, "text/csv"),
                "scans": ("scans.zip", b"pas un zip", "application/zip"),
            },
            "scans",
            "zip",
        ),
    ],
)
def test_bad_files_are_a_400_naming_the_field(
    editor, site, book, files, field, message
):
    authenticator = token_of(editor, book)  # after Plone's first write
    before = last_transaction(site)
    response = editor.post(
        url(book),
        data={"_authenticator": authenticator, "form.buttons.preview": "1"},
        files=files or {"file": ("", b"", "application/octet-stream")},
        timeout=TIMEOUT,
    )
    assert response.status_code == 400, response.text
    (error,) = page_of(response).xpath(
        "//div[contains(@class, 'pressbook-import-error')]"
    )
    assert error.get("data-field") == field
    assert message in error.text_content()
    assert last_transaction(site) == before


def test_a_file_too_big_is_a_400(editor, site, book, monkeypatch):
    from imio.pressbook.bulkimport import form

    monkeypatch.setattr(form, "MAX_FILE_SIZE", 100)
    response = preview(editor, book)
    assert response.status_code == 400
    (error,) = page_of(response).xpath(
        "//div[contains(@class, 'pressbook-import-error')]"
    )
    assert "trop volumineux" in error.text_content()


def test_the_owner_adds_an_unknown_outlet_only_on_confirmation(site, book):
    from imio.pressbook.vocabularies.outlets import outlet_rows
    from plone.app.testing import SITE_OWNER_NAME
    from plone.app.testing import SITE_OWNER_PASSWORD

    data = "type;titre;date;média\r\narticle;Un article;2020-01-02;La Gazette\r\n"
    with requests.Session() as owner:
        owner.auth = (SITE_OWNER_NAME, SITE_OWNER_PASSWORD)
        response = preview(owner, book, data=data.encode(), add_missing="1")
        assert response.status_code == 200, response.text
        added = page_of(response).xpath("//ul[@class='pressbook-import-added']")[0]
        assert " ".join(added.text_content().split()) == ("Médias ajoutés : La Gazette")
        assert rows(response) == [["2", "créé", "Un article", ""]]
        transaction.begin()
        assert "La Gazette" not in [row["name"] for row in outlet_rows(site)]
        done = confirm(owner, book, response)
    assert [row[1] for row in rows(done)] == ["créé"]
    transaction.begin()
    # plone.registry keeps the values read in the (test's) request
    site.REQUEST.other.pop("_plone_registry_cache", None)
    assert "La Gazette" in [row["name"] for row in outlet_rows(site)]


def test_an_editor_cannot_ask_for_unknown_outlets(editor, site, book):
    data = "type;titre;date;média\r\narticle;Un article;2020-01-02;La Gazette\r\n"
    response = preview(editor, book, data=data.encode(), add_missing="1")
    assert response.status_code == 200
    assert [row[1] for row in rows(response)] == ["refusé"]
    assert not page_of(response).xpath("//input[@name='token']")


def test_the_store_keeps_files_for_their_user_section_and_hour(tmp_path):
    from imio.pressbook.bulkimport.form import UploadStore

    store = UploadStore(str(tmp_path))
    token = store.put("editeur", "uid-1", ("revue.csv", b"a;b"), None, False)
    meta, data, scans = store.get(token, "editeur", "uid-1")
    assert (meta["filename"], data, scans) == ("revue.csv", b"a;b", None)
    assert store.get(token, "autre", "uid-1") is None
    assert store.get(token, "editeur", "uid-2") is None
    assert store.get("../../etc/passwd", "editeur", "uid-1") is None
    # an hour later: refused, then purged with its files
    store.purge(now=meta["expires"] + 1)
    assert store.get(token, "editeur", "uid-1") is None
    assert list(tmp_path.iterdir()) == []


@pytest.fixture
def import_directory(tmp_path):
    """zope.conf's ``<product-config imio.pressbook> import-directory``, set
    in this process (the functional layer's server runs in it)."""
    from App.config import getConfiguration

    config = getConfiguration()
    saved = getattr(config, "product_config", None)
    directory = tmp_path / "import"
    config.product_config = dict(
        saved or {}, **{"imio.pressbook": {"import-directory": str(directory)}}
    )
    yield directory
    config.product_config = saved


def test_the_files_wait_in_zope_confs_import_directory(
    editor, site, book, import_directory
):
    response, token = preview_token(editor, book)
    assert sorted(path.name for path in import_directory.iterdir()) == [
        f"{token}.file",
        f"{token}.json",
    ]
    assert "Créés : 2" in totals(confirm(editor, book, response))
    assert list(import_directory.iterdir()) == []


def status_url(book, token):
    return f"{book.absolute_url()}/@@pressbook-import-status?token={token}"


def preview_token(http, book, data=CSV):
    response = preview(http, book, data=data)
    (token,) = page_of(response).xpath("//input[@name='token']/@value")
    return response, token


def test_the_status_says_how_far_the_import_is(editor, site, book):
    from imio.pressbook.bulkimport.form import UploadStore

    response, token = preview_token(editor, book)
    (running,) = page_of(response).xpath("//div[@class='pressbook-import-running']")
    assert running.get("data-status-url") == status_url(book, token)
    assert running.get("data-label") == "{done} lignes importées sur {total}"
    assert running.xpath("progress/@max") == ["3"]
    before = last_transaction(site)
    answer = editor.get(status_url(book, token), timeout=TIMEOUT)
    assert answer.status_code == 200, answer.text
    assert answer.headers["Cache-Control"] == "no-store"
    assert answer.json() == {"done": 0, "total": 3}
    UploadStore().write_progress(token, 2, 3)
    assert editor.get(status_url(book, token), timeout=TIMEOUT).json() == {
        "done": 2,
        "total": 3,
    }
    assert last_transaction(site) == before
    # imported: the token and its progress are gone
    confirm(editor, book, response)
    answer = editor.get(status_url(book, token), timeout=TIMEOUT)
    assert answer.status_code == 404


def test_the_confirmation_writes_its_progress(editor, site, book, monkeypatch):
    from imio.pressbook.bulkimport.form import UploadStore

    lines = ["type;titre;date;média"] + [
        f"article;Article {number};2020-01-02;Le Soir" for number in range(60)
    ]
    response, token = preview_token(editor, book, "\r\n".join(lines).encode())
    written = []
    real = UploadStore.write_progress

    def write_progress(self, token_, done, total):
        written.append((token_, done, total))
        real(self, token_, done, total)

    # the functional layer's server runs in this process
    monkeypatch.setattr(UploadStore, "write_progress", write_progress)
    assert confirm(editor, book, response).status_code == 200
    assert written == [(token, 25, 60), (token, 50, 60), (token, 60, 60)]
    assert UploadStore().read_progress(token) is None  # deleted with the token


@pytest.mark.parametrize(
    "token, status",
    [
        ("", 400),
        ("../../etc/passwd", 400),
        ("x" * 65, 400),
        ("a" * 32, 404),  # well formed, unknown
    ],
)
def test_a_bad_or_unknown_status_token_is_a_4xx(editor, site, book, token, status):
    before = last_transaction(site)
    answer = editor.get(status_url(book, token), timeout=TIMEOUT)
    assert answer.status_code == status, answer.text
    assert answer.json()["field"] == "token"
    assert "token" in answer.json()["error"]
    assert last_transaction(site) == before


def test_the_status_of_someone_elses_import_is_not_found(editor, users, site, book):
    from plone.app.testing import SITE_OWNER_NAME
    from plone.app.testing import SITE_OWNER_PASSWORD

    _response, token = preview_token(editor, book)
    answer = requests.get(
        status_url(book, token),
        auth=(SITE_OWNER_NAME, SITE_OWNER_PASSWORD),
        timeout=TIMEOUT,
    )
    assert answer.status_code == 404
    for auth in (None, ("membre", PASSWORD)):
        answer = requests.get(
            status_url(book, token), auth=auth, timeout=TIMEOUT, allow_redirects=False
        )
        assert answer.status_code in (302, 401, 403), auth
