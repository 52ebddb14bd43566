"""The CSV export opened in a real spreadsheet runs nothing.

A Contributor may type ``=HYPERLINK(...)`` as a title: the export, open to
visitors, must not hand it to the spreadsheet of whoever opens it as a formula
(OWASP "CSV injection"). The export is fetched over real HTTP (the functional
layer's server), opened in Debian's LibreOffice Calc, headless
(``make test-packages`` installs it), with the French separator as a French
user's spreadsheet would, saved as xlsx and read back with openpyxl: no cell
is a formula, the columns split, the accents survive. The JSON export keeps
the values exactly as typed.
"""

from imio.pressbook.browser.views.exports import PUBLIC_COLUMNS
from plone import api

import datetime
import openpyxl
import pytest
import requests
import shutil
import subprocess
import transaction


SOFFICE = "/usr/bin/soffice"
# 59: ";", 34: '"', 76: UTF-8, 1: from the first line
CSV_FILTER = "CSV:59,34,76,1"

# What a hostile Contributor types: each would run as a formula
PLANTED = {
    "title": '=HYPERLINK("http://x","y")',
    "journalist": "+1",
    "page": "-2+3",
    "keywords": "@SUM(1)",
    "description": "\t=1+2",
}
HONEST_TITLE = "Les communes d'Éghezée « IMIO » à l'œuvre"


@pytest.fixture(scope="class")
def site(functional_portal_class):
    """A published press section with a planted article and an honest one."""
    with api.env.adopt_roles(["Manager"]):
        book = api.content.create(
            functional_portal_class,
            "imio.pressbook.PressBook",
            id="dans-les-medias",
            title="Médias",
        )
        planted = api.content.create(
            book,
            "imio.pressbook.PressArticle",
            id="planted",
            title=PLANTED["title"],
            description=PLANTED["description"],
            publication_date=datetime.date(2021, 5, 3),
            outlet="le-soir",
            journalist=PLANTED["journalist"],
            page=PLANTED["page"],
        )
        planted.setSubject((PLANTED["keywords"],))
        honest = api.content.create(
            book,
            "imio.pressbook.PressArticle",
            id="honest",
            title=HONEST_TITLE,
            description="Première ligne ; à Liège",
            publication_date=datetime.date(2020, 1, 2),
            outlet="la-libre",
            journalist="Zoé Lefèvre",
        )
        honest.setSubject(("Éducation",))
        for item in (book, planted, honest):
            api.content.transition(item, "publish")
            item.reindexObject()
    transaction.commit()
    return book.absolute_url()


def open_in_libreoffice(data, tmp_path):
    """The CSV as LibreOffice Calc reads it, saved as xlsx, read by openpyxl
    with its formulas as formulas (not their values)."""
    assert shutil.which(SOFFICE), (
        f"{SOFFICE} is missing: `make test-packages` installs libreoffice-calc-nogui"
    )
    source = tmp_path / "export.csv"
    source.write_bytes(data)
    # a profile of its own: runs side by side do not share LibreOffice's lock
    profile = (tmp_path / "libreoffice-profile").as_uri()
    completed = subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation={profile}",
            "--headless",
            f"--infilter={CSV_FILTER}",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    converted = tmp_path / "export.xlsx"
    assert converted.exists(), completed.stdout + completed.stderr
    return openpyxl.load_workbook(converted).active


def rows_by_column(sheet):
    header, *rows = list(sheet.iter_rows())
    names = [cell.value for cell in header]
    return names, [dict(zip(names, row, strict=True)) for row in rows]


class TestCSVInASpreadsheet:
    @pytest.fixture(scope="class")
    def sheet(self, site, tmp_path_factory):
        response = requests.get(f"{site}/@@pressbook-export.csv", timeout=60)
        assert response.status_code == 200
        return open_in_libreoffice(response.content, tmp_path_factory.mktemp("csv"))

    def test_no_cell_is_a_formula(self, sheet):
        formulas = [
            (cell.coordinate, cell.value)
            for row in sheet.iter_rows()
            for cell in row
            if cell.data_type == "f"
        ]
        assert formulas == []

    def test_planted_values_are_shown_as_text(self, sheet):
        _names, rows = rows_by_column(sheet)
        planted = next(row for row in rows if row["url"].value.endswith("/planted"))
        for column, value in PLANTED.items():
            cell = planted[column]
            assert cell.data_type == "s", (column, cell.value)
            # the text typed, behind the quote that keeps it from running
            assert cell.value == f"'{value}", column

    def test_columns_split_as_in_the_export(self, sheet):
        names, rows = rows_by_column(sheet)
        assert names == list(PUBLIC_COLUMNS)
        assert len(rows) == 2

    def test_accents_survive(self, sheet):
        _names, rows = rows_by_column(sheet)
        honest = next(row for row in rows if row["url"].value.endswith("/honest"))
        assert honest["title"].value == HONEST_TITLE
        assert honest["description"].value == "Première ligne ; à Liège"
        assert honest["journalist"].value == "Zoé Lefèvre"
        assert honest["keywords"].value == "Éducation"


class TestJSONExportKeepsTheValues:
    def test_planted_values_exactly_as_typed(self, site):
        response = requests.get(f"{site}/@@pressbook-export.json", timeout=60)
        assert response.status_code == 200
        items = {
            item["url"].rsplit("/", 1)[1]: item for item in response.json()["items"]
        }
        planted = items["planted"]
        assert planted["title"] == PLANTED["title"]
        assert planted["journalist"] == PLANTED["journalist"]
        assert planted["page"] == PLANTED["page"]
        assert planted["keywords"] == [PLANTED["keywords"]]
        assert planted["description"] == PLANTED["description"]
        assert items["honest"]["title"] == HONEST_TITLE
