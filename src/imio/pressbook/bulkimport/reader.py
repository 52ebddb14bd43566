"""Rows of a CSV, XLSX or JSON file, as text cells keyed by column name.

The columns are those of the add-on's own exports (browser/views/exports.py)
and of the fields (``publication_date``, ``text``, ``source_url``...), under
their names or their French (Dutch, German) labels: ``Titre``, ``Média``,
``Date de publication``... A header is compared without case, accents,
spaces or punctuation. A column no one knows is reported, not read.

A cell is text (stripped) or None when empty: the values are read by the
same deserializers as the REST API's (importer.py), which take text. What is
only a spreadsheet's way of writing a value is undone here: a date cell, or
``21/01/2014``, becomes ``2014-01-21``; ``2015.0`` becomes ``2015``.
"""

from dataclasses import dataclass
from dataclasses import field
from datetime import date
from datetime import datetime
from imio.pressbook import _

import csv
import io
import json
import re
import unicodedata


# canonical column -> other names it goes by (compared once normalized)
ALIASES = {
    "id": ("identifiant", "id_plone", "short_name", "nom_court"),
    "uid": ("UID",),
    "portal_type": ("@type", "type_de_contenu", "type", "contenu"),
    "title": ("titre", "titel"),
    "description": ("chapeau", "resume", "lead", "summary"),
    "date": ("date", "datum"),
    "publication_date": ("date_de_publication", "date_publication"),
    "question_date": ("date_de_la_question", "date_question"),
    "outlet": ("media", "outlet_title", "nom_du_media", "journal", "source"),
    "journalist": ("journaliste", "auteur", "signature"),
    "page": ("page_rubrique_ou_edition", "rubrique", "edition"),
    "original_url": ("lien", "lien_vers_l_article_original", "url_originale"),
    "text": ("texte", "texte_ou_extrait", "extrait"),
    "paper_version": ("version_papier", "scan", "fichier", "file", "pdf"),
    "paper_version_access": (
        "acces_a_la_version_papier",
        "qui_peut_voir_la_version_papier",
        "acces",
        "licence",
    ),
    "themes": ("themes_title", "theme", "themes_tokens"),
    "keywords": ("mots_cles_libres", "subjects", "subject", "mots_cles"),
    "assembly": ("assemblee", "assembly_title", "parlement"),
    "question_type": ("type_de_question", "question_type_title"),
    "session": ("session_parlementaire",),
    "year": ("annee", "jaar", "jahr"),
    "number": ("numero", "n", "no"),
    "asked_by": ("posee_par", "auteur_de_la_question", "depute"),
    "asked_by_group": ("groupe_politique", "groupe"),
    "addressed_to": ("adressee_a", "ministre"),
    "addressee_role": ("competences_du_destinataire", "portefeuille"),
    "question_text": ("question", "texte_de_la_question"),
    "answers": ("reponses",),
    "source_url": ("lien_vers_la_source", "url_source"),
    "review_state": ("etat", "etat_de_publication", "state"),
}
# columns of the exports that are read elsewhere or derived: not reported as unknown
IGNORED = {
    "url",
    "answer_status",
    "answer_status_title",
    "paper_version_url",
    "erreur",
}
DATE_COLUMNS = ("date", "publication_date", "question_date")
LIST_COLUMNS = ("themes", "keywords")
DMY = re.compile(r"([0-9]{1,2})[/.]([0-9]{1,2})[/.]([0-9]{4})")


class UnreadableFile(ValueError):
    """The file cannot be read: ``message`` (translatable) says why."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


def normalize(header):
    text = unicodedata.normalize("NFKD", str(header or "")).encode("ascii", "ignore")
    return re.sub(r"[^a-z0-9@]+", "_", text.decode("ascii").lower()).strip("_")


def header_map(extra=None):
    """normalized header -> canonical column."""
    names = {}
    for column, aliases in ALIASES.items():
        names[normalize(column)] = column
        for alias in aliases:
            names.setdefault(normalize(alias), column)
    for label, column in (extra or {}).items():
        names.setdefault(normalize(label), column)
    return names


@dataclass
class Row:
    """One row of the file: ``number`` as the user sees it (the spreadsheet's
    line, the header being line 1; the item's position in a JSON list),
    ``cells`` by canonical column, ``raw`` the input as read (by header)."""

    number: int
    cells: dict
    raw: dict = field(default_factory=dict)


# REST field -> the column it is read from, when they differ
FIELD_COLUMNS = {
    "publication_date": ("date", "publication_date"),
    "question_date": ("date", "question_date"),
    "subjects": ("keywords",),
}


@dataclass
class Table:
    """A file's columns, and its rows read one at a time (``rows()``, again
    for each call: a file of 20,000 rows is never held as 20,000 dicts)."""

    headers: list  # as in the file
    columns: dict  # header -> canonical column
    unknown: list  # headers no one reads
    records: object  # () -> iterator of {header: value}
    first_number: int = 2

    def rows(self):
        for number, record in enumerate(self.records(), start=self.first_number):
            cells = {}
            for header, column in self.columns.items():
                text = cell_text(record.get(header))
                if column in DATE_COLUMNS:
                    text = iso_date(text)
                # several headers for one column (outlet, outlet_title): the first given
                if cells.get(column) is not None:
                    continue
                cells[column] = text
            raw = {header: cell_text(record.get(header)) for header in self.headers}
            if any(value is not None for value in raw.values()):
                yield Row(number, cells, raw)

    def header_of(self, name):
        """The file's header for a column or REST field (``name`` if none)."""
        for column in FIELD_COLUMNS.get(name, (name,)):
            for header, canonical in self.columns.items():
                if canonical == column:
                    return header
        return name


def cell_text(value):
    """A cell as text, None when empty."""
    if value is None:
        return None
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, (list, tuple)):
        value = "\n".join(str(item) for item in value if item not in (None, ""))
    if isinstance(value, (dict,)):
        value = json.dumps(value, ensure_ascii=False)
    text = str(value).strip()
    # the exports write a ' before what a spreadsheet would run as a formula
    if text[:2] in ("'=", "'+", "'-", "'@"):
        text = text[1:]
    return text or None


def iso_date(text):
    match = DMY.fullmatch(text or "")
    if match:
        day, month, year = match.groups()
        return f"{year}-{int(month):02d}-{int(day):02d}"
    # a date-time cell of a spreadsheet read as text
    if text and re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}[T ]00:00(:00)?", text):
        return text[:10]
    return text


def make_table(headers, records, extra_labels=None, first_number=2):
    """``records``: () -> iterator of {header: value}."""
    names = header_map(extra_labels)
    ignored = {normalize(name) for name in IGNORED}
    columns = {}
    unknown = []
    for header in headers:
        column = names.get(normalize(header))
        if column is not None:
            columns[header] = column
        elif normalize(header) not in ignored:
            unknown.append(header)
    return Table(list(headers), columns, unknown, records, first_number)


def read_csv(data, extra_labels=None):
    """The rows are decoded as they are read: a text copy of the whole file
    (``io.StringIO`` keeps four bytes a character) would weigh four times the
    file for the whole import."""
    encoding = "utf-8-sig"
    try:
        data.decode(encoding)  # checked whole, not kept
    except UnicodeDecodeError:
        encoding = "cp1252"

    def reader():
        stream = io.TextIOWrapper(io.BytesIO(data), encoding=encoding, newline="")
        return csv.reader(stream, delimiter=delimiter)

    first = data.split(b"\n", 1)[0].decode(encoding, errors="replace")
    delimiter = ";" if first.count(";") >= first.count(",") else ","
    try:
        headers = next(reader())
    except StopIteration:
        raise UnreadableFile(_("The file is empty.")) from None

    def records():
        rows = reader()
        next(rows)
        for values in rows:
            yield dict(zip(headers, values, strict=False))

    return make_table(headers, records, extra_labels)


def read_xlsx(data, extra_labels=None):
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a file that is not XLSX
        raise UnreadableFile(
            _("The file is not a spreadsheet in the XLSX format.")
        ) from None
    sheet = book.worksheets[0]
    try:
        headers = [
            cell_text(value) or "" for value in next(sheet.iter_rows(values_only=True))
        ]
    except StopIteration:
        raise UnreadableFile(_("The file is empty.")) from None

    def records():
        lines = sheet.iter_rows(values_only=True)
        next(lines)
        for values in lines:
            yield dict(zip(headers, values, strict=False))

    return make_table(headers, records, extra_labels)


def read_json(data, extra_labels=None):
    try:
        content = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError):
        raise UnreadableFile(_("The file is not valid JSON.")) from None
    items = content.get("items") if isinstance(content, dict) else content
    if not isinstance(items, list) or not all(isinstance(item, dict) for item in items):
        raise UnreadableFile(
            _(
                "Expected the JSON export of a press section: an object whose "
                "items are a list of objects, or such a list."
            )
        )
    headers = []
    for item in items:
        headers.extend(key for key in item if key not in headers)
    return make_table(headers, lambda: iter(items), extra_labels, first_number=1)


READERS = {"csv": read_csv, "xlsx": read_xlsx, "json": read_json}


def file_format(filename, data):
    extension = (filename or "").rsplit(".", 1)[-1].lower()
    if extension in READERS:
        return extension
    if data[:2] == b"PK":
        return "xlsx"
    if data.lstrip(b"\xef\xbb\xbf \r\n\t")[:1] in (b"{", b"["):
        return "json"
    return "csv"


def read_table(filename, data, extra_labels=None):
    """The ``Table`` of an uploaded file (format by extension, else by content)."""
    if not data:
        raise UnreadableFile(_("The file is empty."))
    return READERS[file_format(filename, data)](data, extra_labels)
