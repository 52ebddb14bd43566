"""``@pressbook-import`` over real HTTP (the functional layer's server): a
dry run by default, then the import; multipart and JSON with base64; 400s
naming the field; no import for visitors or members."""

from .conftest import pdf
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD

import base64
import io
import json
import pytest
import requests
import transaction
import zipfile


PASSWORD = "import-presse-2024"


@pytest.fixture()
def owner():
    with requests.Session() as http:
        http.auth = (SITE_OWNER_NAME, SITE_OWNER_PASSWORD)
        http.headers["Accept"] = "application/json"
        yield http


def search(owner, book):
    answer = owner.get(f"{book.absolute_url()}/@pressbook-search")
    assert answer.status_code == 200, answer.text
    return answer.json()


def facets(result):
    return {
        name: {value["token"]: value["count"] for value in values}
        for name, values in result["facets"].items()
    }


def test_multipart_dry_run_then_import_of_the_export(owner, site, source, book):
    exported = owner.get(f"{source.absolute_url()}/@@pressbook-export.csv")
    assert exported.status_code == 200
    url = f"{book.absolute_url()}/@pressbook-import"
    files = {"file": ("export.csv", exported.content, "text/csv")}

    dry = owner.post(url, files=files)
    assert dry.status_code == 200, dry.text
    report = dry.json()
    assert report["dry_run"] is True
    assert (report["created"], report["refused"]) == (3, 0)
    assert search(owner, book)["items_total"] == 0

    done = owner.post(url, files=files, data={"dry_run": "false"})
    assert done.status_code == 200, done.text
    assert [row["status"] for row in done.json()["rows"]] == ["created"] * 3
    # the search finds them, with the source's facet counts
    assert facets(search(owner, book)) == facets(search(owner, source))

    again = owner.post(url, files=files, data={"dry_run": "false"}).json()
    assert (again["created"], again["unchanged"]) == (0, 3)


def test_json_body_with_base64_and_scans(owner, site, book):
    csv_text = (
        "type;titre;date;média;version papier\r\n"
        "article;Le scan de la une;2020-02-02;Le Soir;une.pdf\r\n"
        "article;Sans média;2020-02-02;;\r\n"
    )
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as scans:
        scans.writestr("une.pdf", pdf("une"))
    body = {
        "file": {
            "filename": "revue.csv",
            "data": base64.b64encode(csv_text.encode()).decode(),
        },
        "scans": {
            "filename": "scans.zip",
            "data": base64.b64encode(archive.getvalue()).decode(),
        },
        "dry_run": False,
    }
    answer = owner.post(f"{book.absolute_url()}/@pressbook-import", json=body)
    assert answer.status_code == 200, answer.text
    report = answer.json()
    assert (report["created"], report["refused"]) == (1, 1)
    assert report["rows"][1]["messages"] == [
        "Ligne 3, média : Ce champ est obligatoire."
    ]
    assert report["refused_csv"].splitlines()[1] == (
        "article;Sans média;2020-02-02;;;Ligne 3, média : Ce champ est obligatoire."
    )
    transaction.begin()
    (article,) = book.objectValues()
    assert article.paper_version.data == pdf("une")
    assert article.paper_version_access == "authenticated"


@pytest.mark.parametrize(
    "body, field",
    [
        ({}, "file"),
        ({"file": {"filename": "x.csv", "data": "pas du base64 !"}}, "file"),
        ({"file": {"filename": "x.xlsx", "data": "UEsDBA=="}}, "file"),
        (
            {"file": {"filename": "x.csv", "data": "YTti"}, "dry_run": "peut-être"},
            "dry_run",
        ),
        (
            {"file": {"filename": "x.csv", "data": "YTti"}, "batch_size": 0},
            "batch_size",
        ),
        (
            {"file": {"filename": "x.csv", "data": "YTti"}, "scans": {"data": "YTti"}},
            "scans",
        ),
    ],
)
def test_bad_input_is_a_400_naming_the_field(owner, book, body, field):
    answer = owner.post(f"{book.absolute_url()}/@pressbook-import", json=body)
    assert answer.status_code == 400, answer.text
    assert [error["field"] for error in answer.json()["errors"]] == [field]


def test_visitors_and_members_may_not_import(site, book):
    api.user.create(email="m@example.org", username="membre", password=PASSWORD)
    transaction.commit()
    url = f"{book.absolute_url()}/@pressbook-import"
    files = {"file": ("x.csv", b"type;titre\r\narticle;x\r\n", "text/csv")}
    headers = {"Accept": "application/json"}
    anonymous = requests.post(url, files=files, headers=headers)
    member = requests.post(url, files=files, headers=headers, auth=("membre", PASSWORD))
    assert anonymous.status_code == 401
    assert member.status_code in (401, 403)
    assert json.loads(member.text)["type"] == "Unauthorized"


def test_the_login_cookie_alone_needs_the_csrf_token(site, book):
    """Cross-site forms can send the cookie, not a header: a forged import is refused."""
    with requests.Session() as browser:
        login = browser.post(
            f"{site.absolute_url()}/login",
            data={
                "__ac_name": SITE_OWNER_NAME,
                "__ac_password": SITE_OWNER_PASSWORD,
                "buttons.login": "Se connecter",
                "came_from": "",
            },
        )
        assert login.status_code == 200
        assert "__ac" in browser.cookies
        answer = browser.post(
            f"{book.absolute_url()}/@pressbook-import",
            files={"file": ("x.csv", b"type;titre\r\narticle;x\r\n", "text/csv")},
            data={"dry_run": "false"},
            headers={"Accept": "application/json"},
        )
    assert answer.status_code == 403
    transaction.begin()
    assert len(book) == 0
