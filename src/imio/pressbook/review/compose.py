"""The press review's content: options, groups, items, scans.

``parse_options`` reads the review's own parameters (``group``, ``format``)
beside the listing's (``parse_criteria``: ``start``, ``end``, ``year``,
``outlet``, ``themes``...). ``compose`` runs the search (every item of the
result, oldest first, at most ``MAX_ITEMS``) and wakes each item once for what
the catalog does not keep (the text, the page, the answers, the scan), then
ghosts it again (``release``): memory stays flat over a long review.

The scan of an article is part of the review only where the reader may see
it: ``PressArticle.can_view_paper_version()``, the licence rule behind every
way to the scan's bytes, asked for the user who asks for the review.
Otherwise the item carries a note saying where the paper version can be
consulted.
"""

from Acquisition import aq_base
from dataclasses import dataclass
from dataclasses import field
from datetime import date
from datetime import datetime
from imio.pressbook import _
from imio.pressbook import logger
from imio.pressbook.browser.views.parliamentary_question import text_to_html
from imio.pressbook.browser.views.press_book import long_date
from imio.pressbook.browser.views.press_book import term_titles
from imio.pressbook.browser.views.press_book import translated
from imio.pressbook.facets import collation_key
from imio.pressbook.search import ARTICLE
from imio.pressbook.search import InvalidParameter
from imio.pressbook.search import search
from pypdf import PdfReader
from pypdf.errors import PyPdfError
from zope.i18n.locales import locales

import re


GROUPS = ("theme", "outlet", "date")
DEFAULT_GROUP = "theme"
FORMATS = ("html", "pdf")
DEFAULT_FORMAT = "html"
MAX_ITEMS = 1000
# a scan of more pages is not copied into the review: it is linked
MAX_SCAN_PAGES = 50
IMAGE_TYPES = ("image/jpeg", "image/png", "image/gif", "image/webp")
PDF_TYPE = "application/pdf"
OPTION_VALUE = re.compile(r"[a-z]{1,10}")


@dataclass
class Options:
    group: str = DEFAULT_GROUP
    format: str = DEFAULT_FORMAT


@dataclass
class Scan:
    """The scan of an article the reader may see, as the review embeds it."""

    key: int  # its number in the review: anchors scan-<key>-page-<n>
    kind: str  # "pdf" or "image"
    url: str  # where the browser gets it (the licence rule's views)
    pages: int = 1  # the pages it takes in the review
    article: object = None  # the article, to read the blob when the PDF is made

    def placeholders(self):
        """The anchors of the blank pages reserved for a PDF scan."""
        return [f"scan-{self.key}-page-{page}" for page in range(1, self.pages + 1)]


@dataclass
class Answer:
    heading: str
    answered_by: str
    html: str


@dataclass
class Item:
    anchor: str
    portal_type: str
    title: str
    url: str
    date: date
    date_label: str
    type_title: str
    lead: str = ""
    text_html: str = ""
    # articles
    outlet: str = ""
    journalist: str = ""
    page: str = ""
    original_url: str = ""
    scan: Scan = None
    scan_note: str = ""
    # questions
    assembly: str = ""
    reference: str = ""
    asked_by: str = ""
    addressed_to: str = ""
    answer_status: str = ""
    answers: list = field(default_factory=list)

    @property
    def is_article(self):
        return self.portal_type == ARTICLE


@dataclass
class Group:
    anchor: str
    title: str
    items: list = field(default_factory=list)


@dataclass
class Review:
    section_title: str
    section_url: str
    period: str
    filters: list
    made: str
    group: str
    groups: list
    total: int  # items found
    count: int  # items in the review (at most MAX_ITEMS)

    def scans(self):
        return [item.scan for group in self.groups for item in group.items if item.scan]


def parse_options(form, default_format=None):
    """The review's own parameters, checked: InvalidParameter names the bad one."""
    options = Options(format=default_format or DEFAULT_FORMAT)
    for name, allowed in (("group", GROUPS), ("format", FORMATS)):
        value = form.get(name)
        if value is None or value == "":
            continue
        if not isinstance(value, str):
            raise InvalidParameter(name, _("Give this parameter once."))
        value = value.strip()
        if not OPTION_VALUE.fullmatch(value) or value not in allowed:
            raise InvalidParameter(
                name,
                _(
                    "Unknown value: ${value}. Expected one of: ${allowed}.",
                    mapping={"value": value[:40], "allowed": ", ".join(allowed)},
                ),
            )
        setattr(options, name, value)
    return options


def release(obj):
    """Turn a woken object back into a ghost (as the exports do)."""
    base = aq_base(obj)
    if getattr(base, "_p_jar", None) is not None and not base._p_changed:
        base._p_deactivate()


def month_label(day, language):
    """``mars 2024`` in French."""
    locale = locales.getLocale((language or "fr").split("-")[0])
    months = locale.dates.calendars["gregorian"].getMonthNames()
    return f"{months[day.month - 1]} {day.year}"


def scan_pages(article):
    """How many pages the PDF scan has; None if pypdf cannot read it."""
    try:
        with article.paper_version.open() as stream:
            return len(PdfReader(stream).pages)
    except (PyPdfError, ValueError, TypeError, KeyError, OSError) as error:
        logger.warning(
            "Press review: the scan of %s cannot be read (%s)",
            article.absolute_url(),
            error,
        )
        return None


class Composer:
    """The review of a press section for the current user.

    ``view`` is the press section's result view (``PressResultView``): the
    titles of the tokens and the words of the filters, as the listing's.
    """

    def __init__(self, view, criteria, options, language):
        self.view = view
        self.context = view.context
        self.request = view.request
        self.criteria = criteria
        self.options = options
        self.language = language
        self.for_pdf = options.format == "pdf"
        self.scan_count = 0

    def translate(self, message):
        return translated(message, self.request)

    def compose(self):
        criteria = self.criteria
        criteria.sort_on = "date"
        criteria.sort_order = "ascending"
        criteria.b_start = 0
        criteria.b_size = MAX_ITEMS
        result = search(self.context, criteria, with_facets=False)
        brains = list(result.brains[:MAX_ITEMS])
        groups = self.grouped(brains)
        number = 0
        for group_number, group in enumerate(groups, start=1):
            group.anchor = f"group-{group_number}"
            for position, brain in enumerate(group.items):
                number += 1
                group.items[position] = self.item(brain, f"item-{number}")
        return Review(
            section_title=self.context.Title(),
            section_url=self.context.absolute_url(),
            period=self.period(brains),
            filters=self.filters(),
            made=self.made(),
            group=self.options.group,
            groups=groups,
            total=result.total,
            count=len(brains),
        )

    # -- the cover

    def period(self, brains):
        start, end = self.criteria.start, self.criteria.end
        if start is None and brains:
            start = _day(brains[0].pressbook_date)
        if end is None and brains:
            end = _day(brains[-1].pressbook_date)
        if start is None or end is None:
            return self.translate(_("No item"))
        return self.translate(
            _(
                "From ${start} to ${end}",
                mapping={
                    "start": long_date(start, self.language),
                    "end": long_date(end, self.language),
                },
            )
        )

    def filters(self):
        """The filters but the dates (the period says them), in words."""
        criteria = self.criteria
        dates = criteria.start, criteria.end
        criteria.start = criteria.end = None
        try:
            return self.view.filter_labels(criteria)
        finally:
            criteria.start, criteria.end = dates

    def made(self):
        now = datetime.now()
        return self.translate(
            _(
                "Made on ${date} at ${time}",
                mapping={
                    "date": long_date(now.date(), self.language),
                    "time": now.strftime("%H:%M"),
                },
            )
        )

    # -- the groups

    def grouped(self, brains):
        """The groups in order, each with its brains in date order."""
        groups = {}
        for brain in brains:
            key, title = self.group_of(brain)
            groups.setdefault(key, Group(anchor="", title=title)).items.append(brain)
        return [groups[key] for key in sorted(groups)]

    def group_of(self, brain):
        """(sort key, title) of the group an item belongs to."""
        group = self.options.group
        if group == "date":
            day = _day(brain.pressbook_date)
            if day is None:
                return (1, 0, 0), self.translate(_("Undated"))
            return (0, day.year, day.month), month_label(day, self.language)
        if group == "outlet":
            if brain.portal_type == ARTICLE:
                title = self.view.title_of("outlet", brain.outlet)
            else:
                title = self.view.title_of("assembly", brain.assembly)
            if not title:
                return (1, ""), self.translate(_("Other"))
            return (0, collation_key(title)), title
        token = self.theme_of(brain)
        if token is None:
            return (1, ""), self.translate(_("No theme"))
        title = self.view.title_of("themes", token)
        return (0, collation_key(title)), title

    def theme_of(self, brain):
        """The item's first theme; with a theme filter, its first theme at or
        below a chosen one (an item is listed once, under one theme)."""
        themes = self.view.themes(brain)
        if not themes:
            return None
        chosen = set(self.criteria.themes)
        if chosen:
            tree = self.view.theme_tree()
            for token in themes:
                if chosen.intersection(tree.ancestry(token)):
                    return token
        return themes[0]

    # -- the items

    def item(self, brain, anchor):
        obj = brain.getObject()
        try:
            day = _day(brain.pressbook_date)
            item = Item(
                anchor=anchor,
                portal_type=brain.portal_type,
                title=brain.Title or "",
                url=brain.getURL(),
                date=day,
                date_label=long_date(day, self.language),
                type_title=self.view.title_of("portal_type", brain.portal_type),
                lead=obj.description or "",
            )
            if brain.portal_type == ARTICLE:
                self.article(obj, brain, item)
            else:
                self.question(obj, brain, item)
            return item
        finally:
            release(obj)

    def article(self, obj, brain, item):
        item.outlet = self.view.title_of("outlet", brain.outlet)
        item.journalist = obj.journalist or ""
        item.page = obj.page or ""
        item.original_url = obj.original_url or ""
        item.text_html = _rich_text(obj, "text")
        if getattr(obj, "paper_version", None) is None:
            return
        if not obj.can_view_paper_version():
            item.scan_note = self.translate(
                _(
                    "The paper version is not reproduced in this review (the "
                    "publisher's licence): it can be consulted on the article's "
                    "page, ${url}, by those it is reserved for.",
                    mapping={"url": item.url},
                )
            )
            return
        item.scan = self.scan(obj, item)

    def scan(self, obj, item):
        """The scan as the review embeds it, or None with a note on the item."""
        content_type = (obj.paper_version.contentType or "").split(";")[0].strip()
        self.scan_count += 1
        key = self.scan_count
        if content_type in IMAGE_TYPES:
            return Scan(
                key=key,
                kind="image",
                url=f"{item.url}/@@images/paper_version",
                article=obj,
            )
        download = f"{item.url}/@@download/paper_version"
        if content_type != PDF_TYPE:
            item.scan_note = self.translate(
                _(
                    "The paper version can be opened at ${url}.",
                    mapping={"url": download},
                )
            )
            return None
        pages = scan_pages(obj) if self.for_pdf else 1
        if pages is None or pages > MAX_SCAN_PAGES:
            item.scan_note = self.translate(
                _(
                    "The paper version could not be included here: it can be "
                    "opened at ${url}.",
                    mapping={"url": download},
                )
            )
            return None
        return Scan(key=key, kind="pdf", url=download, pages=pages, article=obj)

    def question(self, obj, brain, item):
        titles = self.question_titles()
        item.assembly = self.view.title_of("assembly", brain.assembly)
        question_type = self.view.title_of("question_type", brain.question_type)
        reference = [question_type]
        if obj.number:
            reference.append(
                self.translate(_("No.: ${number}", mapping={"number": obj.number}))
            )
        if obj.session:
            reference.append(
                self.translate(
                    _("Session: ${session}", mapping={"session": obj.session})
                )
            )
        item.reference = " · ".join(part for part in reference if part)
        item.asked_by = obj.asked_by or ""
        if obj.asked_by_group:
            item.asked_by = f"{item.asked_by} ({obj.asked_by_group})"
        item.addressed_to = ", ".join(
            part for part in (obj.addressed_to, obj.addressee_role) if part
        )
        item.answer_status = self.view.title_of("answer_status", brain.answer_status)
        item.text_html = _rich_text(obj, "question_text")
        for answer in obj.sorted_answers():
            kind = titles.get(answer.get("kind")) or titles.get("final", "")
            answer_date = answer.get("date")
            heading = kind
            if answer_date is not None:
                heading = self.translate(
                    _(
                        "${kind} of ${date}",
                        mapping={
                            "kind": kind,
                            "date": long_date(answer_date, self.language),
                        },
                    )
                )
            item.answers.append(
                Answer(
                    heading=heading,
                    answered_by=answer.get("answered_by") or "",
                    html=text_to_html(answer.get("text")),
                )
            )

    def question_titles(self):
        if not hasattr(self, "_kinds"):
            self._kinds = term_titles(
                "imio.pressbook.vocabulary.AnswerKinds", self.context, self.request
            )
        return self._kinds


def _day(value):
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    # a DateTime from the catalog
    return date(value.year(), value.month(), value.day())


def _rich_text(obj, name):
    text = getattr(obj, name, None)
    if text is None or not getattr(text, "raw", None):
        return ""
    return text.output_relative_to(obj)
