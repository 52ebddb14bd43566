"""``@@pressbook-review``: the press review of a press section, for print.

Takes the listing's GET parameters (``start``, ``end``, ``year``, ``outlet``,
``themes``...: ``parse_criteria``) and the review's own: ``group`` (``theme``,
the default, ``outlet`` or ``date``) and ``format`` (``html``, the default: a
page laid out for print, with the editor's form above it on screen; ``pdf``:
the same page made into a PDF by WeasyPrint). A GET with parameters only,
nothing written: its address can be mailed (``stable_url``). A bad parameter
is a 400 naming it.
"""

from datetime import date
from datetime import timedelta
from imio.pressbook import _
from imio.pressbook.browser.views.document_actions import mailto_url
from imio.pressbook.browser.views.press_book import current_language
from imio.pressbook.browser.views.press_book import translated
from imio.pressbook.browser.views.results import PressResultView
from imio.pressbook.review.compose import Composer
from imio.pressbook.review.compose import DEFAULT_FORMAT
from imio.pressbook.review.compose import DEFAULT_GROUP
from imio.pressbook.review.compose import GROUPS
from imio.pressbook.review.compose import parse_options
from imio.pressbook.review.pdf import PDFUnavailable
from imio.pressbook.review.pdf import write_pdf
from imio.pressbook.search import InvalidParameter
from pathlib import Path
from plone.memoize.instance import memoize
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from urllib.parse import urlencode


STYLESHEET = Path(__file__).parent.parent / "static" / "review.css"
GROUP_TITLES = {
    "theme": _("By theme"),
    "outlet": _("By outlet or assembly"),
    "date": _("By month"),
}


def period_shortcuts(today):
    """``[(id, title, start, end)]``: the periods an editor asks for most."""
    first_of_month = today.replace(day=1)
    last_month_end = first_of_month - timedelta(days=1)
    monday = today - timedelta(days=today.weekday())
    return [
        (
            "last-week",
            _("Last week"),
            monday - timedelta(days=7),
            monday - timedelta(1),
        ),
        ("last-month", _("Last month"), last_month_end.replace(day=1), last_month_end),
        ("this-month", _("This month"), first_of_month, today),
        (
            "last-year",
            _("Last year"),
            date(today.year - 1, 1, 1),
            date(today.year - 1, 12, 31),
        ),
    ]


class ReviewView(PressResultView):
    """The press review: an HTML page for print, or its PDF."""

    template = ViewPageTemplateFile("../templates/review.pt")

    review = None
    options = None
    criteria_in_force = None

    def __call__(self):
        try:
            body, content_type = self.produce()
        except InvalidParameter as error:
            return self.bad_request(error)
        except PDFUnavailable:
            return self.unavailable()
        response = self.request.response
        response.setHeader("Content-Type", content_type)
        if self.for_pdf:
            response.setHeader(
                "Content-Disposition", f'inline; filename="{self.file_name()}"'
            )
        return body

    def unavailable(self):
        """503: this server cannot make PDFs (pango missing), the page can."""
        response = self.request.response
        response.setStatus(503)
        response.setHeader("Content-Type", "text/plain; charset=utf-8")
        return translated(
            _(
                "The PDF cannot be made on this server (WeasyPrint lacks its "
                "system libraries): ask its administrator. The review can be "
                "printed from its page: ${url}",
                mapping={"url": self.url(format=None)},
            ),
            self.request,
        )

    def produce(self, default_format=None):
        """(body, content type) of the review the request asks for: the HTML
        page, or its PDF; InvalidParameter names a bad parameter."""
        self.options = parse_options(self.request.form, default_format)
        self.criteria_in_force = self.criteria()
        self.review = self.compose()
        html = self.template()
        if not self.for_pdf:
            return html, "text/html; charset=utf-8"
        pdf = write_pdf(html, self.context.absolute_url(), self.review.scans())
        return pdf, "application/pdf"

    def compose(self):
        """The review of the request's criteria (``Review``)."""
        composer = Composer(self, self.criteria_in_force, self.options, self.language())
        return composer.compose()

    @memoize
    def language(self):
        return current_language(self.context, self.request)

    @property
    def for_pdf(self):
        return self.options.format == "pdf"

    def stylesheet(self):
        return STYLESHEET.read_text("utf-8")

    def file_name(self):
        criteria = self.criteria_in_force
        span = "-".join(
            day.isoformat() for day in (criteria.start, criteria.end) if day
        )
        return f"revue-de-presse-{self.context.getId()}{'-' + span if span else ''}.pdf"

    # -- the cover

    def group_title(self):
        return GROUP_TITLES[self.options.group]

    def truncated_message(self):
        review = self.review
        if review.count >= review.total:
            return None
        return _(
            "Only the first ${count} of ${total} items are in this review: "
            "narrow the period or the filters.",
            mapping={"count": review.count, "total": review.total},
        )

    # -- the editor's form (on screen only)

    def parameters(self, **changes):
        """The GET parameters of the review, with ``changes`` (None drops one)."""
        params = self.criteria_in_force.active()
        if self.options.group != DEFAULT_GROUP:
            params["group"] = [self.options.group]
        if self.options.format != DEFAULT_FORMAT:
            params["format"] = [self.options.format]
        for name, value in changes.items():
            if value is None:
                params.pop(name, None)
            else:
                params[name] = [value]
        return params

    def url(self, **changes):
        query = urlencode(self.parameters(**changes), doseq=True)
        base = f"{self.context.absolute_url()}/@@pressbook-review"
        return f"{base}?{query}" if query else base

    def stable_url(self):
        """The PDF of this very review: what the editor mails."""
        return self.url(format="pdf")

    def html_url(self):
        return self.url(format=None)

    def mail_url(self):
        title = translated(_("Press review"), self.request)
        return mailto_url(f"{title} – {self.review.period}", self.stable_url())

    def shortcuts(self):
        today = date.today()
        return [
            {
                "id": shortcut_id,
                "title": title,
                "url": self.url(
                    start=start.isoformat(), end=end.isoformat(), year=None, format=None
                ),
            }
            for shortcut_id, title, start, end in period_shortcuts(today)
        ]

    def group_choices(self):
        return [
            {
                "value": value,
                "title": GROUP_TITLES[value],
                "checked": value == self.options.group,
            }
            for value in GROUPS
        ]

    def hidden_fields(self):
        """The filters the form does not show, kept as they are."""
        return [
            {"name": name, "value": value}
            for name, values in self.criteria_in_force.active().items()
            if name not in ("start", "end")
            for value in values
        ]

    def start_value(self):
        start = self.criteria_in_force.start
        return start.isoformat() if start else ""

    def end_value(self):
        end = self.criteria_in_force.end
        return end.isoformat() if end else ""
