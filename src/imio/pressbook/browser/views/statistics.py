"""The statistics of the press section: ``@@pressbook-stats`` (a page of
charts), ``@@pressbook-stats.csv?chart=<id>`` (one chart's data) and the
report both they and ``@pressbook-stats`` over REST show.

Filtered as the listing (the same GET parameters, the same 400 naming the
parameter at fault) and counted by the search engine from the catalog's
indexes (``imio.pressbook.search.statistics``): no object is woken.

The charts are SVG written by the page template (``statistics.pt``) from the
geometry computed here: horizontal bars, and columns for the months. No
JavaScript: each chart is an ``<svg role="img">`` with a ``<title>`` and a
``<desc>``, and the table of its data follows it.

Hand-written SVG rather than pygal (maintained: 3.1.3, 2026): pygal's SVG
loads its tooltips' JavaScript from kozea.github.io unless told not to, its
root has no ``role="img"`` nor ``aria-labelledby``, its numbers need our own
formatters for French anyway, and it would be one more pinned dependency; the
two shapes needed (bars, columns) are some sixty lines of geometry here and
a page template the next engineer restyles without reading Python.

The list of overdue questions has its place (``overdue``), empty until the
search engine knows that status.
"""

from dataclasses import dataclass
from dataclasses import field
from dataclasses import replace
from imio.pressbook import _
from imio.pressbook.browser.views.exports import csv_value
from imio.pressbook.browser.views.listing import format_number
from imio.pressbook.browser.views.press_book import _locale
from imio.pressbook.browser.views.press_book import current_language
from imio.pressbook.browser.views.press_book import long_date
from imio.pressbook.browser.views.press_book import translated
from imio.pressbook.browser.views.results import PressResultView
from imio.pressbook.browser.views.results import query_string
from imio.pressbook.facets import collation_key
from imio.pressbook.question_status import answer_deadlines
from imio.pressbook.question_status import answer_due_date
from imio.pressbook.question_status import AWAITING
from imio.pressbook.question_status import OVERDUE
from imio.pressbook.search import count_statistics
from imio.pressbook.search import InvalidParameter
from imio.pressbook.search import search
from imio.pressbook.search.criteria import QUESTION
from imio.pressbook.search.statistics import summary
from plone.memoize.instance import memoize
from urllib.parse import urlencode
from zope.i18n import translate
from zope.i18nmessageid import Message

import csv
import io


# the bars a chart draws at most (its table and CSV hold every value)
MAX_BARS = 20


@dataclass
class ChartSpec:
    id: str
    title: str  # msgid
    description: str  # msgid
    heading: str  # msgid: the values' column


CHARTS = (
    ChartSpec(
        "month",
        _("Items per month"),
        _("Press articles and parliamentary questions, month by month."),
        _("Month"),
    ),
    ChartSpec(
        "outlet",
        _("Articles per outlet"),
        _("Press articles, by newspaper, radio, television or website."),
        _("Outlet"),
    ),
    ChartSpec(
        "outlet_kind",
        _("Articles per kind of outlet"),
        _("Press articles, by kind of outlet."),
        _("Kind of outlet"),
    ),
    ChartSpec(
        "themes",
        _("Items per theme"),
        _(
            "A theme counts the items filed under it or under a theme below it, "
            "each once."
        ),
        _("Theme"),
    ),
    ChartSpec(
        "assembly",
        _("Questions per assembly"),
        _("Parliamentary questions, by assembly."),
        _("Assembly"),
    ),
    ChartSpec(
        "asked_by",
        _("Questions per member"),
        _("Parliamentary questions, by the member who asked them."),
        _("Member"),
    ),
    ChartSpec(
        "asked_by_group",
        _("Questions per political group"),
        _("Parliamentary questions, by the political group of who asked them."),
        _("Political group"),
    ),
    ChartSpec(
        "addressed_to",
        _("Questions per minister"),
        _("Parliamentary questions, by the minister they were addressed to."),
        _("Minister"),
    ),
    ChartSpec(
        "addressee_role",
        _("Questions per portfolio"),
        _("Parliamentary questions, by the minister's portfolio."),
        _("Portfolio"),
    ),
)
DELAY_CHARTS = (
    ChartSpec(
        "delays_addressed_to",
        _("Answer delays per minister"),
        _(
            "Days from the question to its first answer that is not a holding "
            "one: median and 90th percentile, answered questions only."
        ),
        _("Minister"),
    ),
    ChartSpec(
        "delays_assembly",
        _("Answer delays per assembly"),
        _(
            "Days from the question to its first answer that is not a holding "
            "one: median and 90th percentile, answered questions only."
        ),
        _("Assembly"),
    ),
)
CHART_IDS = tuple(spec.id for spec in CHARTS + DELAY_CHARTS)
# the dimension of a chart's values (the delays' are grouped by one)
DIMENSION_OF = {
    **{spec.id: spec.id for spec in CHARTS},
    "delays_addressed_to": "addressed_to",
    "delays_assembly": "assembly",
}
# dimension -> the filter whose titles it takes
TITLED = {"outlet", "outlet_kind", "assembly", "themes"}
COUNT = "count"
DELAY_COLUMNS = ("answered", "median", "percentile_90")


@dataclass
class Row:
    token: str
    label: str
    values: dict  # column -> number


@dataclass
class Chart:
    id: str
    kind: str  # "columns" (months) or "bars"
    title: str
    description: str
    heading: str
    columns: list  # [(column, translated heading)]
    rows: list = field(default_factory=list)


def translate_to(text, language):
    """A message in ``language`` (the page's, known once: no negotiation for
    each of a page's many messages)."""
    if isinstance(text, Message):
        return translate(text, target_language=language)
    return text or ""


def plain_number(value):
    """12.0 as 12: a median of whole days is a whole number."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


class StatisticsReport:
    """The charts of the statistics of ``criteria`` below ``context``,
    labelled in the request's language."""

    def __init__(self, view, criteria):
        self.view = view  # a PressResultView: titles of tokens
        self.request = view.request
        self.criteria = criteria
        self.statistics = count_statistics(view.context, criteria)
        self.language = current_language(view.context, self.request)
        self.month_names = None

    @property
    def total(self):
        return self.statistics.total

    def tr(self, text):
        return translate_to(text, self.language)

    def label(self, dimension, value):
        if dimension == "month":
            return self.month_label(value)
        if dimension in TITLED:
            return self.view.title_of(dimension, value)
        return str(value)

    def month_label(self, token):
        """``mars 2024``: the month in the page's language."""
        year, month = (int(part) for part in token.split("-"))
        if self.month_names is None:
            calendar = _locale(self.language).dates.calendars["gregorian"]
            self.month_names = calendar.getMonthNames()
        name = self.month_names[month - 1]
        return f"{name} {year}"

    def months(self, counts):
        """Every month from the first to the last counted, none left out."""
        if not counts:
            return []
        first, last = min(counts), max(counts)
        year, month = (int(part) for part in first.split("-"))
        months = []
        while True:
            token = f"{year:04d}-{month:02d}"
            months.append(token)
            if token >= last:
                return months
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)

    def count_chart(self, spec):
        counts = self.statistics.counts.get(spec.id, {})
        labels = {value: self.label(spec.id, value) for value in counts}
        if spec.id == "month":
            tokens = self.months(counts)
            labels = {token: self.month_label(token) for token in tokens}
            kind = "columns"
        else:
            tokens = sorted(
                counts, key=lambda value: (-counts[value], collation_key(labels[value]))
            )
            kind = "bars"
        return Chart(
            id=spec.id,
            kind=kind,
            title=self.tr(spec.title),
            description=self.tr(spec.description),
            heading=self.tr(spec.heading),
            columns=[(COUNT, self.tr(_("Items")))],
            rows=[
                Row(str(token), labels[token], {COUNT: counts.get(token, 0)})
                for token in tokens
            ],
        )

    def delay_chart(self, spec):
        dimension = DIMENSION_OF[spec.id]
        delays = self.statistics.delays.get(dimension, {})
        rows = []
        for value, days in delays.items():
            found = summary(days)
            rows.append(
                Row(
                    str(value),
                    self.label(dimension, value),
                    {
                        "answered": found.count,
                        "median": plain_number(found.median),
                        "percentile_90": found.percentile_90,
                    },
                )
            )
        rows.sort(key=lambda row: (-row.values["median"], collation_key(row.label)))
        return Chart(
            id=spec.id,
            kind="bars",
            title=self.tr(spec.title),
            description=self.tr(spec.description),
            heading=self.tr(spec.heading),
            columns=[
                ("answered", self.tr(_("Answered questions"))),
                ("median", self.tr(_("Median (days)"))),
                ("percentile_90", self.tr(_("90th percentile (days)"))),
            ],
            rows=rows,
        )

    def chart(self, chart_id):
        for spec in CHARTS:
            if spec.id == chart_id:
                return self.count_chart(spec)
        for spec in DELAY_CHARTS:
            if spec.id == chart_id:
                return self.delay_chart(spec)
        raise KeyError(chart_id)

    def charts(self):
        return [self.chart(chart_id) for chart_id in CHART_IDS]

    def overall_delays(self):
        """DelaySummary of every answered question of the result, or None."""
        return summary(self.statistics.delays.get("all", {}).get(None, []))

    @memoize
    def overdue(self):
        """The overdue questions of the result (awaiting an answer past their
        assembly's deadline, ``imio.pressbook.question_status``), the longest
        overdue first, at most ``MAX_OVERDUE``: [{title, url, due}] (``due``:
        the last day of the deadline, ISO). Counted by the search engine, as
        the listing's ``answer_status=overdue``."""
        statuses = self.criteria.tokens.get("answer_status")
        if statuses and not {OVERDUE, AWAITING} & set(statuses):
            return []  # the result holds none: answered questions only
        criteria = replace(
            self.criteria,
            portal_type=[QUESTION],
            tokens=dict(self.criteria.tokens, answer_status=[OVERDUE]),
            sort_on="date",
            sort_order="ascending",
            b_start=0,
            b_size=MAX_OVERDUE,
        )
        context = self.view.context
        deadlines = answer_deadlines(context)
        found = []
        for brain in search(context, criteria, with_facets=False).brains[:MAX_OVERDUE]:
            due = answer_due_date(
                brain.assembly, brain.question_type, brain.pressbook_date, deadlines
            )
            found.append(
                {
                    "title": brain.Title,
                    "url": brain.getURL(),
                    "due": due.isoformat() if due else None,
                }
            )
        return found


# the overdue questions listed at most (the longest overdue first)
MAX_OVERDUE = 100

# SVG geometry (the template draws it)
BAR_HEIGHT = 22
BAR_GAP = 6
LABEL_WIDTH = 240
BARS_WIDTH = 300
VALUE_WIDTH = 80
COLUMNS_HEIGHT = 180
COLUMN_WIDTH = 8  # at least
MAX_COLUMN_WIDTH = 40
COLUMNS_WIDTH = 560  # what a few months fill
YEAR_LABEL_WIDTH = 32
MARGIN = 8
MAX_LABEL = 34  # characters of a bar's label in the SVG (the table has them all)


def short(text, limit=MAX_LABEL):
    return text if len(text) <= limit else text[: limit - 1] + "…"


class StatisticsView(PressResultView):
    """``@@pressbook-stats``: the charts of the press section, filtered as its
    listing."""

    error = None
    report = None

    def __call__(self):
        try:
            self.criteria = self.criteria_of_request()
            self.report = StatisticsReport(self, self.criteria)
        except InvalidParameter as error:
            # the page says which parameter is wrong, with a 400
            self.error = error
            self.request.response.setStatus(400)
        return self.index()

    def criteria_of_request(self):
        return self.criteria()

    @memoize
    def language(self):
        return current_language(self.context, self.request)

    def number(self, value):
        """``1 234``, ``12,5``: as the page's language writes numbers (each
        number formatted once a page: charts repeat small counts)."""
        numbers = self.__dict__.setdefault("_numbers", {})
        if value not in numbers:
            numbers[value] = format_number(plain_number(value), self.language())
        return numbers[value]

    def tr(self, text):
        return translate_to(text, self.language())

    def error_text(self):
        return translated(
            _(
                "The parameter “${parameter}” is not valid: ${message}",
                mapping={
                    "parameter": self.error.parameter,
                    "message": translated(self.error.message, self.request),
                },
            ),
            self.request,
        )

    def page_title(self):
        return self.result_title(self.criteria)

    def filter_labels(self, criteria):
        """The listing's words for the filters, the period in long dates:
        ``du 1 janvier 2024 au 29 février 2024``."""
        criteria_without_dates = replace(criteria, start=None, end=None)
        labels = super().filter_labels(criteria_without_dates)
        start = long_date(criteria.start, self.language())
        end = long_date(criteria.end, self.language())
        if start and end:
            period = _("from ${start} to ${end}", mapping={"start": start, "end": end})
        elif start:
            period = _("from ${start}", mapping={"start": start})
        elif end:
            period = _("until ${end}", mapping={"end": end})
        else:
            return labels
        return [*labels, self.tr(period)]

    def total_text(self):
        return self.tr(
            _(
                "${count} items counted.",
                mapping={"count": self.number(self.report.total)},
            ),
        )

    def delays_text(self):
        found = self.report.overall_delays()
        if found is None:
            return ""
        return self.tr(
            _(
                "Answered questions: ${count}; answer delay: median ${median} "
                "days, 90th percentile ${percentile} days.",
                mapping={
                    "count": self.number(found.count),
                    "median": self.number(found.median),
                    "percentile": self.number(found.percentile_90),
                },
            ),
        )

    def listing_link(self):
        return self.listing_url(self.criteria)

    def csv_url(self, chart):
        query = query_string(self.criteria)
        chart_query = urlencode({"chart": chart.id})
        url = f"{self.context.absolute_url()}/@@pressbook-stats.csv?{chart_query}"
        return f"{url}&{query}" if query else url

    def hidden_fields(self):
        """The filters the date form keeps."""
        fields = []
        for name, values in self.criteria.active().items():
            if name in ("start", "end"):
                continue
            fields.extend({"name": name, "value": value} for value in values)
        return fields

    def date_value(self, name):
        value = getattr(self.criteria, name, None)
        return value.isoformat() if value else ""

    def overdue(self):
        return self.report.overdue()

    def charts(self):
        return [self.drawing(chart) for chart in self.report.charts()]

    def drawing(self, chart):
        """What the template needs of a chart: its table, and its SVG's
        geometry."""
        if chart.kind == "columns":
            svg = self.columns_svg(chart)
        else:
            svg = self.bars_svg(chart)
        return {
            "chart": chart,
            "svg": svg,
            "csv": self.csv_url(chart),
            "table": [
                {
                    "label": row.label,
                    "cells": [
                        self.number(row.values[key]) for key, _h in chart.columns
                    ],
                }
                for row in chart.rows
            ],
            "summary": self.svg_description(chart),
        }

    def svg_description(self, chart):
        if not chart.rows:
            return self.tr(_("Nothing to count."))
        key = chart.columns[0][0] if chart.kind == "columns" else self.bar_key(chart)
        best = max(chart.rows, key=lambda row: row.values[key])
        shown = len(chart.rows) if chart.kind == "columns" else self.bars_shown(chart)
        return self.tr(
            _(
                "${shown} of ${count} values drawn; the highest: ${label} "
                "(${value}). The table below gives every value.",
                mapping={
                    "shown": self.number(shown),
                    "count": self.number(len(chart.rows)),
                    "label": best.label,
                    "value": self.number(best.values[key]),
                },
            ),
        )

    @staticmethod
    def bar_key(chart):
        return "median" if chart.columns[0][0] == "answered" else COUNT

    @staticmethod
    def bars_shown(chart):
        return min(len(chart.rows), MAX_BARS)

    def bars_svg(self, chart):
        """Horizontal bars: the label, the bar, the value; the delays' bars
        show the median, with a mark at the 90th percentile."""
        key = self.bar_key(chart)
        rows = chart.rows[:MAX_BARS]
        delays = key == "median"
        scale_of = [row.values["percentile_90" if delays else key] for row in rows]
        top = max(scale_of, default=0) or 1
        bars = []
        for position, row in enumerate(rows):
            y = MARGIN + position * (BAR_HEIGHT + BAR_GAP)
            width = BARS_WIDTH * row.values[key] / top
            bar = {
                "y": y,
                "text_y": y + BAR_HEIGHT * 0.7,
                "width": round(max(width, 1), 1),
                "label": short(row.label),
                "value": self.number(row.values[key]),
                "title": f"{row.label}: {self.number(row.values[key])}",
                "mark_x": None,
            }
            if delays:
                p90 = row.values["percentile_90"]
                bar["mark_x"] = round(LABEL_WIDTH + BARS_WIDTH * p90 / top, 1)
                bar["value"] = f"{self.number(row.values[key])} / {self.number(p90)}"
                bar["title"] = self.tr(
                    _(
                        "${label}: median ${median} days, 90th percentile "
                        "${percentile} days",
                        mapping={
                            "label": row.label,
                            "median": self.number(row.values[key]),
                            "percentile": self.number(p90),
                        },
                    ),
                )
            bars.append(bar)
        height = MARGIN * 2 + max(len(rows), 1) * (BAR_HEIGHT + BAR_GAP)
        return {
            "width": LABEL_WIDTH + BARS_WIDTH + VALUE_WIDTH,
            "height": height,
            "bar_x": LABEL_WIDTH,
            "label_x": LABEL_WIDTH - 6,
            "value_dx": 6,
            "bar_height": BAR_HEIGHT,
            "bars": bars,
        }

    def columns_svg(self, chart):
        """Columns, one a month, the years written under their first month."""
        rows = chart.rows
        top = max((row.values[COUNT] for row in rows), default=0) or 1
        left = 48
        baseline = MARGIN + COLUMNS_HEIGHT
        # a few months get wide columns, twenty years narrow ones
        step = max(
            COLUMN_WIDTH, min(MAX_COLUMN_WIDTH, COLUMNS_WIDTH // max(len(rows), 1))
        )
        columns = []
        years = []
        for position, row in enumerate(rows):
            x = left + position * step
            height = COLUMNS_HEIGHT * row.values[COUNT] / top
            columns.append(
                {
                    "x": x,
                    "y": round(baseline - height, 1),
                    "height": round(height, 1),
                    "width": step - 2,
                    "title": f"{row.label}: {self.number(row.values[COUNT])}",
                }
            )
            if position == 0 or row.token.endswith("-01"):
                if years and x - years[-1]["x"] < YEAR_LABEL_WIDTH:
                    # too close to the previous year's: the January wins
                    years.pop()
                years.append({"x": x, "text": row.token[:4]})
        return {
            "width": max(left + len(rows) * step + MARGIN, 320),
            "height": baseline + 24,
            "baseline": baseline,
            "left": left,
            "top_label": self.number(top),
            "top_y": MARGIN + 10,
            "year_y": baseline + 16,
            "columns": columns,
            "years": years,
        }


class StatisticsCSVView(PressResultView):
    """``@@pressbook-stats.csv?chart=<id>``: one chart's data, for a French
    spreadsheet as the CSV export (``;``, UTF-8 with BOM, formulas
    neutralised); months as ISO ``YYYY-MM``, decimals with a comma."""

    def __call__(self):
        chart_id = self.request.form.get("chart")
        try:
            criteria = self.criteria()
            if chart_id not in CHART_IDS:
                raise InvalidParameter(
                    "chart",
                    _(
                        "Unknown value: ${value}.",
                        mapping={
                            "value": chart_id if isinstance(chart_id, str) else ""
                        },
                    ),
                )
            report = StatisticsReport(self, criteria)
        except InvalidParameter as error:
            return self.bad_request(error)
        chart = report.chart(chart_id)
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
        writer.writerow([chart.heading, *(heading for _key, heading in chart.columns)])
        for row in chart.rows:
            first = row.token if chart.id == "month" else row.label
            writer.writerow(
                [
                    csv_value(first),
                    *(
                        csv_value(self.decimal(row.values[key]))
                        for key, _h in chart.columns
                    ),
                ]
            )
        response = self.request.response
        response.setHeader("Content-Type", "text/csv; charset=utf-8")
        response.setHeader(
            "Content-Disposition",
            f'attachment; filename="{self.context.getId()}-{chart.id}.csv"',
        )
        return ("\ufeff" + buffer.getvalue()).encode("utf-8")

    @staticmethod
    def decimal(value):
        """12.5 as ``12,5`` (a French spreadsheet's decimal mark)."""
        value = plain_number(value)
        return str(value).replace(".", ",")
