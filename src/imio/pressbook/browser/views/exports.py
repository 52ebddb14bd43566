"""CSV and JSON exports of the press section, filtered by the listing's GET parameters.

The whole filtered result in the listing's order (no batching), at most
``MAX_ROWS`` rows: past that the export says so (``X-Pressbook-Truncated``
header, ``truncated`` and ``message`` in the JSON) rather than build a file no
spreadsheet opens.

Columns (the JSON keys are the same): every field of both types, the tokens
next to their titles. Visitors get the public ones, ``PUBLIC_COLUMNS``: what
the pages show them; the scan's address only when
``PressArticle.can_view_paper_version()`` lets them open it. Editors (Modify
portal content on the press section) get ``EDITOR_COLUMNS`` too: the workflow
state and who may see the scan, which are the editors' business. Private
items are never exported to whoever may not view them: the catalog search
runs with the user's permissions.

CSV for a French spreadsheet: UTF-8 with a byte order mark (Excel reads UTF-8
only with it), ``;`` as separator (``,`` is the decimal mark), dates as ISO
``YYYY-MM-DD``: every spreadsheet recognizes them as dates whatever its
language, they sort as text too, and they are the dates of the JSON and of the
``start``/``end`` parameters. Several themes or keywords are one cell, one
per line.

The CSV is safe to open: a cell that begins with ``=``, ``+``, ``-``, ``@``, a
tab or a carriage return would run as a formula in the spreadsheet of whoever
opens the export (OWASP "CSV injection": a Contributor types
``=HYPERLINK(...)`` as a title), so it gets a ``'`` in front, as OWASP
recommends: the spreadsheet shows it as text. The JSON export gives the
values exactly as they are stored.
"""

from Acquisition import aq_base
from datetime import date
from datetime import datetime
from imio.pressbook import _
from imio.pressbook.browser.views.press_book import translated
from imio.pressbook.browser.views.results import PressResultView
from imio.pressbook.question_status import answer_deadlines
from imio.pressbook.question_status import answer_due_date
from imio.pressbook.question_status import local_today
from imio.pressbook.question_status import OVERDUE
from imio.pressbook.question_status import question_status
from imio.pressbook.search import ARTICLE
from imio.pressbook.search import InvalidParameter
from imio.pressbook.search import QUESTION
from plone import api
from Products.CMFCore.permissions import ModifyPortalContent

import csv
import io
import json


MAX_ROWS = 10_000

PUBLIC_COLUMNS = (
    "portal_type",
    "type",
    "title",
    "url",
    "date",
    "description",
    # articles
    "outlet",
    "outlet_title",
    "journalist",
    "page",
    "original_url",
    # both
    "themes",
    "themes_title",
    "keywords",
    # questions
    "assembly",
    "assembly_title",
    "question_type",
    "question_type_title",
    "session",
    "year",
    "number",
    "asked_by",
    "asked_by_group",
    "addressed_to",
    "addressee_role",
    "answer_status",
    "answer_status_title",
    # derived when exported (imio.pressbook.question_status)
    "answer_due_date",
    "answer_overdue",
    "answers",
    # articles: empty unless the user may open the scan
    "paper_version_url",
)
EDITOR_COLUMNS = (
    "review_state",
    "paper_version_access",
)


def _iso(value):
    if isinstance(value, datetime):
        value = value.date()
    return value.isoformat() if isinstance(value, date) else None


def _release(obj):
    """Turn a woken object back into a ghost: memory stays flat over 10,000 rows."""
    base = aq_base(obj)
    if getattr(base, "_p_jar", None) is not None and not base._p_changed:
        base._p_deactivate()


class ExportView(PressResultView):
    """What the CSV and JSON exports share: the rows of the result."""

    max_rows = MAX_ROWS
    extension = None

    def is_editor(self):
        return bool(api.user.has_permission(ModifyPortalContent, obj=self.context))

    def columns(self):
        if self.is_editor():
            return PUBLIC_COLUMNS + EDITOR_COLUMNS
        return PUBLIC_COLUMNS

    def results(self, criteria):
        """(rows, total): the rows of the whole result, at most ``max_rows``."""
        criteria.b_start = 0
        criteria.b_size = self.max_rows
        result = self.found(criteria)
        editor = self.is_editor()
        self.deadlines, self.today = answer_deadlines(self.context), local_today()
        rows = [self.row(brain, editor) for brain in result.brains[: self.max_rows]]
        return rows, result.total

    def row(self, brain, editor):
        """One item's values: str, int, bool, list of str or None (not
        applicable, empty).

        The catalog metadata give most fields. The object is woken for the
        others (the lead as typed, page, original_url, asked_by_group,
        addressee_role, the answers) and for the scan, whose licence rule
        needs it: the catalog has no metadata for them. Only the exports wake
        objects, never the listing nor the feeds; ``_release`` ghosts them
        again.
        """
        portal_type = brain.portal_type
        url = brain.getURL()
        row = dict.fromkeys(PUBLIC_COLUMNS + (EDITOR_COLUMNS if editor else ()))
        row.update(
            {
                "portal_type": portal_type,
                "type": self.title_of("portal_type", portal_type),
                "title": brain.Title or "",
                "url": url,
                "date": _iso(brain.pressbook_date),
                "themes": self.themes(brain),
                "themes_title": [
                    self.title_of("themes", token) for token in self.themes(brain)
                ],
                "keywords": list(brain.Subject or ()),
                "year": brain.pressbook_year or None,
            }
        )
        if editor:
            row["review_state"] = brain.review_state or None
        obj = brain.getObject()
        # the lead as typed: the catalog's Description has its line breaks as spaces
        row["description"] = obj.description or ""
        if portal_type == ARTICLE:
            row.update(
                {
                    "outlet": brain.outlet or None,
                    "outlet_title": self.title_of("outlet", brain.outlet) or None,
                    "journalist": brain.journalist or None,
                    "page": obj.page or None,
                    "original_url": obj.original_url or None,
                }
            )
            if obj.can_view_paper_version():
                row["paper_version_url"] = f"{url}/@@download/paper_version"
            if editor:
                row["paper_version_access"] = obj.paper_version_access or None
        elif portal_type == QUESTION:
            row.update(
                {
                    "assembly": brain.assembly or None,
                    "assembly_title": self.title_of("assembly", brain.assembly) or None,
                    "question_type": brain.question_type or None,
                    "question_type_title": (
                        self.title_of("question_type", brain.question_type) or None
                    ),
                    "session": brain.session or None,
                    "number": brain.number or None,
                    "asked_by": brain.asked_by or None,
                    "asked_by_group": obj.asked_by_group or None,
                    "addressed_to": brain.addressed_to or None,
                    "addressee_role": obj.addressee_role or None,
                    "answer_status": brain.answer_status or None,
                    "answer_status_title": (
                        self.title_of("answer_status", brain.answer_status) or None
                    ),
                    "answer_due_date": _iso(
                        answer_due_date(
                            brain.assembly,
                            brain.question_type,
                            brain.pressbook_date,
                            self.deadlines,
                        )
                    ),
                    "answer_overdue": question_status(brain, self.deadlines, self.today)
                    == OVERDUE,
                    "answers": len(obj.answers or ()),
                }
            )
        _release(obj)
        return row

    def file_name(self):
        return f"{self.context.getId()}-{date.today().isoformat()}.{self.extension}"

    def set_headers(self, content_type, total, count):
        response = self.request.response
        response.setHeader("Content-Type", content_type)
        response.setHeader(
            "Content-Disposition", f'attachment; filename="{self.file_name()}"'
        )
        response.setHeader("X-Pressbook-Items-Total", str(total))
        if count < total:
            response.setHeader(
                "X-Pressbook-Truncated",
                f"first {count} of {total} items; narrow the filters to export the others",
            )

    def truncated_message(self, count, total):
        return translated(
            _(
                "Only the first ${count} of ${total} items are exported: "
                "narrow the filters to export the others.",
                mapping={"count": count, "total": total},
            ),
            self.request,
        )

    def __call__(self):
        try:
            criteria = self.criteria()
            rows, total = self.results(criteria)
        except InvalidParameter as error:
            return self.bad_request(error)
        return self.render(criteria, rows, total)

    def render(self, criteria, rows, total):
        raise NotImplementedError


# What makes a spreadsheet read a cell as a formula (OWASP, "CSV Injection")
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def csv_value(value):
    """The cell: text, several values one per line, a ``'`` before a formula,
    ``1`` or ``0`` for yes or no."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, list):
        value = "\n".join(value)
    text = str(value)
    if text.startswith(FORMULA_TRIGGERS):
        return f"'{text}"
    return text


class CSVExportView(ExportView):
    """``@@pressbook-export.csv``"""

    extension = "csv"

    def render(self, criteria, rows, total):
        columns = self.columns()
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
        writer.writerow(columns)
        for row in rows:
            writer.writerow([csv_value(row[column]) for column in columns])
        self.set_headers("text/csv; charset=utf-8", total, len(rows))
        return ("\ufeff" + buffer.getvalue()).encode("utf-8")


class JSONExportView(ExportView):
    """``@@pressbook-export.json``"""

    extension = "json"

    def bad_request(self, error):
        response = self.request.response
        response.setStatus(400)
        response.setHeader("Content-Type", "application/json; charset=utf-8")
        return json.dumps(
            {
                "type": "BadRequest",
                "parameter": error.parameter,
                "message": self.error_message(error),
            },
            ensure_ascii=False,
        ).encode("utf-8")

    def export_url(self):
        query = self.request.get("QUERY_STRING", "")
        url = self.request.getURL()
        return f"{url}?{query}" if query else url

    def render(self, criteria, rows, total):
        columns = self.columns()
        data = {
            "@id": self.export_url(),
            "title": self.result_title(criteria),
            "listing": self.listing_url(criteria),
            "columns": list(columns),
            "items_total": total,
            "items_count": len(rows),
            "truncated": len(rows) < total,
            "items": [{column: row[column] for column in columns} for row in rows],
        }
        if data["truncated"]:
            data["message"] = self.truncated_message(len(rows), total)
        self.set_headers("application/json; charset=utf-8", total, len(rows))
        return json.dumps(data, ensure_ascii=False).encode("utf-8")
