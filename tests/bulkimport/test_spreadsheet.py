"""A press-monitoring spreadsheet: XLSX written by openpyxl, French headers,
outlet names instead of tokens, dates as date cells or DD/MM/YYYY, scans in a
zip of real PDFs; refused rows, their CSV, fixed and imported again."""

from .conftest import run_import
from datetime import date
from imio.pressbook.bulkimport.reader import read_table
from imio.pressbook.controlpanels.rules import stored
from openpyxl import Workbook
from plone import api
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID

import csv
import io
import transaction
import zipfile


HEADERS = [
    "Type",
    "Titre",
    "Date",
    "Média",
    "Journaliste",
    "Lien",
    "Thèmes",
    "Version papier",
    "Accès à la version papier",
]


def xlsx(rows, headers=HEADERS):
    book = Workbook()
    sheet = book.active
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


GOOD = [
    "Article",
    "La commune passe au logiciel libre",
    date(2020, 1, 21),
    "Le Soir",
    "C. Ti.",
    "https://www.lesoir.be/libre",
    "Logiciels libres",
    "budget.pdf",
    None,
]
EDITORS_ONLY = [
    "Article de presse",
    "Le budget en une",
    "03/02/2021",
    "L'Avenir",
    None,
    None,
    None,
    "une.pdf",
    "editors",
]
FUTURE = [
    "Article",
    "Un article de demain",
    date(2999, 1, 1),
    "Le Soir",
    None,
    "https://www.lesoir.be/demain",
    None,
    None,
    None,
]
UNKNOWN_OUTLET = [
    "Article",
    "Dans la gazette du village",
    date(2020, 5, 5),
    "La Gazette de Trifouillis",
    None,
    "https://gazette.example/village",
    None,
    None,
    None,
]
MISSING_SCAN = [
    "Article",
    "Un scan perdu",
    date(2020, 6, 6),
    "Le Soir",
    None,
    "https://www.lesoir.be/perdu",
    None,
    "perdu.pdf",
    None,
]


def scans(path):
    return zipfile.ZipFile(path)


def test_xlsx_with_french_headers_and_scans(site, book, scans_zip):
    data = xlsx([GOOD, EDITORS_ONLY])
    report = run_import(book, "revue.xlsx", data, dry_run=False, scans=scans(scans_zip))
    assert (report.created, report.refused) == (2, 0), [r.messages for r in report.rows]
    transaction.begin()
    by_title = {obj.title: obj for obj in book.objectValues()}
    good = by_title["La commune passe au logiciel libre"]
    assert good.outlet == "le-soir"
    assert good.publication_date == date(2020, 1, 21)
    assert good.themes == ["logiciels-libres"]
    assert good.paper_version.filename == "budget.pdf"
    assert good.paper_version.data.startswith(b"%PDF")
    # the licence rule: scans for logged-in users unless the row says otherwise
    assert good.paper_version_access == "authenticated"
    une = by_title["Le budget en une"]
    assert une.outlet == "l-avenir"
    assert une.publication_date == date(2021, 2, 3)
    assert une.paper_version_access == "editors"
    # again, scans included: nothing changes
    report = run_import(book, "revue.xlsx", data, dry_run=False, scans=scans(scans_zip))
    assert (report.created, report.updated, report.unchanged) == (0, 0, 2)


def test_refused_rows_store_nothing_and_come_back_fixed(site, book, scans_zip):
    data = xlsx([GOOD, FUTURE, UNKNOWN_OUTLET, MISSING_SCAN])
    report = run_import(book, "revue.xlsx", data, dry_run=False, scans=scans(scans_zip))
    assert (report.created, report.refused) == (1, 3)
    messages = {result.row: result.messages for result in report.rows}
    assert messages[3] == ["Ligne 3, Date : La date ne peut pas être dans le futur."]
    assert messages[4] == [
        'Ligne 4, Média : "La Gazette de Trifouillis" ne fait pas partie des '
        "valeurs autorisées."
    ]
    assert messages[5] == [
        "Ligne 5, Version papier : Le zip des scans ne contient aucun fichier "
        "nommé perdu.pdf."
    ]
    transaction.begin()
    assert [obj.title for obj in book.objectValues()] == [GOOD[1]]
    # the refused rows as CSV: the input columns and "erreur"
    refused = list(
        csv.reader(io.StringIO(report.refused_csv().decode("utf-8-sig")), delimiter=";")
    )
    assert refused[0] == [*HEADERS, "erreur"]
    assert [row[1] for row in refused[1:]] == [
        FUTURE[1],
        UNKNOWN_OUTLET[1],
        MISSING_SCAN[1],
    ]
    assert refused[1][-1] == messages[3][0]
    # fixed in a spreadsheet and imported again: the three arrive, no twin
    fixed = report.refused_csv().decode("utf-8-sig")
    fixed = fixed.replace("2999-01-01", "2020-01-01")
    fixed = fixed.replace("La Gazette de Trifouillis", "Le Soir")
    fixed = fixed.replace("perdu.pdf", "une.pdf")
    report = run_import(
        book,
        "corrige.csv",
        fixed.encode("utf-8"),
        dry_run=False,
        scans=scans(scans_zip),
    )
    assert (report.created, report.refused) == (3, 0), report.rows
    report = run_import(
        book, "revue.xlsx", xlsx([GOOD]), dry_run=False, scans=scans(scans_zip)
    )
    assert report.unchanged == 1
    assert len(book) == 4


def test_unknown_outlet_added_on_request_and_shown(site, book):
    data = xlsx([UNKNOWN_OUTLET])
    dry = run_import(book, "revue.xlsx", data, dry_run=True, add_missing=True)
    assert dry.created == 1
    assert dry.added["outlets"] == [
        {"token": "la-gazette-de-trifouillis", "name": "La Gazette de Trifouillis"}
    ]
    transaction.begin()
    assert "la-gazette-de-trifouillis" not in {
        row["token"] for row in stored("outlets")
    }
    report = run_import(book, "revue.xlsx", data, dry_run=False, add_missing=True)
    assert report.created == 1
    transaction.begin()
    assert book.objectValues()[0].outlet == "la-gazette-de-trifouillis"


def test_adding_to_the_lists_needs_the_press_settings_permission(site, book):
    from imio.pressbook.bulkimport.importer import ImportRefused

    import pytest

    setRoles(site, TEST_USER_ID, ["Editor"])
    with pytest.raises(ImportRefused) as refused:
        run_import(book, "revue.xlsx", xlsx([UNKNOWN_OUTLET]), add_missing=True)
    assert refused.value.field == "add_missing"


def test_comma_separated_csv_with_french_headers_is_read():
    text = "Titre,Média,Date,Type\r\n« Ça va »,Le Soir,21/01/2014,article\r\n"
    table = read_table("revue.csv", text.encode("utf-8"))
    (row,) = table.rows()
    assert row.cells == {
        "title": "« Ça va »",
        "outlet": "Le Soir",
        "date": "2014-01-21",
        "portal_type": "article",
    }
    assert api is not None


def test_unknown_theme_added_on_request(site, book):
    row = [*GOOD[:6], "Logiciels libres\nIntelligence artificielle", None, None]
    data = xlsx([row])
    refused = run_import(book, "revue.xlsx", data, dry_run=True)
    assert refused.rows[0].messages == [
        'Ligne 2, Thèmes : "Intelligence artificielle" ne fait pas partie des '
        "valeurs autorisées."
    ]
    # the preview with the theme added, then nothing of it left
    preview = run_import(book, "revue.xlsx", data, dry_run=True, add_missing=True)
    assert (preview.created, len(preview.added["themes"])) == (1, 1)
    after = run_import(book, "revue.xlsx", data, dry_run=True)
    assert after.rows[0].messages == refused.rows[0].messages
    report = run_import(book, "revue.xlsx", data, dry_run=False, add_missing=True)
    assert report.added["themes"] == [
        {"token": "intelligence-artificielle", "name": "Intelligence artificielle"}
    ]
    assert report.created == 1
    transaction.begin()
    (article,) = book.objectValues()
    assert article.themes == ["logiciels-libres", "intelligence-artificielle"]
    # the theme is in the site's list now: the same file again changes nothing
    again = run_import(book, "revue.xlsx", data, dry_run=False)
    assert (again.unchanged, again.added["themes"]) == (1, [])
