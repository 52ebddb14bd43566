"""The press section's faceted listing, and the same rows for Collections.

``PressBookView`` is the press section's default view: a GET form and facet
links over ``imio.pressbook.search`` (the engine the feeds, the exports and
``@pressbook-search`` use), so that every state of the page is a URL to share,
with or without JavaScript. Each facet value shows its count in the current
result (a chosen filter's other values are counted as if it were not chosen).

``CollectionListingView`` shows a Collection's result with the same rows: a
Collection of press items can use it as one of its views.

Rows are made from catalog metadata only; titles of tokens are looked up once
per page.
"""

from functools import lru_cache
from imio.pressbook import _
from imio.pressbook.browser.views.press_book import current_language
from imio.pressbook.browser.views.press_book import long_date
from imio.pressbook.browser.views.press_book import outlet_listing_url
from imio.pressbook.browser.views.press_book import status_badge_class
from imio.pressbook.browser.views.press_book import translated
from imio.pressbook.browser.views.results import PressResultView
from imio.pressbook.browser.views.results import with_query
from imio.pressbook.browser.views.thumbnail import article_thumbnail
from imio.pressbook.content.press_book import IPressBook
from imio.pressbook.controlpanels import logos
from imio.pressbook.facets import collation_key
from imio.pressbook.question_status import answer_deadlines
from imio.pressbook.question_status import local_today
from imio.pressbook.question_status import question_status
from imio.pressbook.search import ARTICLE
from imio.pressbook.search import batch_start
from imio.pressbook.search import Criteria
from imio.pressbook.search import DEFAULT_BATCH_SIZE
from imio.pressbook.search import FACETS
from imio.pressbook.search import InvalidParameter
from imio.pressbook.search import parse_criteria
from imio.pressbook.search import QUESTION
from imio.pressbook.search import search
from Missing import Value as MISSING
from plone import api
from plone.batching import Batch
from plone.memoize.instance import memoize
from urllib.parse import urlencode
from z3c.pt.pagetemplate import ViewPageTemplateFile
from zope.i18n.locales import LoadLocaleError
from zope.i18n.locales import locales


# the workflow state of what every visitor sees; any other is "private"
PUBLISHED = "published"
# facet parameter -> its heading
FACET_LEGENDS = {
    "portal_type": _("Type"),
    "year": _("Year"),
    "outlet": _("Media outlet"),
    "outlet_kind": _("Outlet kind"),
    "themes": _("Themes"),
    "assembly": _("Assembly"),
    "question_type": _("Type of question"),
    "answer_status": _("Answer status"),
}
# values shown at once in a facet; the others behind "N more"
FACET_SHOWN = 8
# sort links: (sort_on, sort_order, label)
SORT_CHOICES = (
    ("date", "descending", _("Newest first")),
    ("date", "ascending", _("Oldest first")),
    ("title", "ascending", _("Title (A to Z)")),
    ("relevance", "descending", _("Relevance")),
)


@lru_cache(maxsize=32)
def _number_formatter(code):
    try:
        locale = locales.getLocale(code)
    except LoadLocaleError:
        return None
    return locale.numbers.getFormatter("decimal")


@lru_cache(maxsize=4096)
def format_number(number, language):
    """``1234`` as the language writes it (``1 234`` in French)."""
    formatter = _number_formatter((language or "en").replace("_", "-").split("-")[0])
    return formatter.format(number) if formatter is not None else str(number)


def metadata(brain, name):
    """A metadata column of a brain; None for an item that has no value for
    it (``Missing.Value``: a page listed by a Collection has no outlet)."""
    value = getattr(brain, name, None)
    return None if value is MISSING else value


class ListingRows:
    """The rows of a page of press items, from catalog metadata."""

    # The press section's page content, its rows and its filters, as macros
    # the pages' templates use (the Collection's view uses the rows). z3c.pt's
    # template class (Zope's own Chameleon, trusted like Five's) compiles their
    # ``python:`` expressions into the template's code, where Five's evaluates
    # each through zope.tales at every use: a page holds a few hundred filter
    # links, each with a few expressions. Their expressions are ``python:``
    # only (z3c.pt traverses paths as Zope 3 does, not as Zope's templates).
    listing_macros = ViewPageTemplateFile("../templates/listing_macros.pt")
    error = None  # the InvalidParameter of a bad request

    def error_message(self):
        return _(
            "The parameter “${parameter}” is not valid: ${message}",
            mapping={
                "parameter": self.error.parameter,
                "message": translated(self.error.message, self.request),
            },
        )

    @memoize
    def language(self):
        return current_language(self.context, self.request)

    def text(self):
        """The introduction (the press section's, the Collection's), or ''."""
        text = getattr(self.context, "text", None)
        if text is None or not getattr(text, "raw", None):
            return ""
        return text.output_relative_to(self.context)

    def count_message(self, total):
        return _(
            "${count} item(s) found.",
            mapping={"count": format_number(total, self.language())},
        )

    @memoize
    def type_title(self, portal_type):
        """The translated title of a type (a Collection may list any type)."""
        title = self.titles()["portal_type"].get(portal_type)
        if title is None:
            fti = api.portal.get_tool("portal_types").getTypeInfo(portal_type)
            title = translated(fti.Title(), self.request) if fti else portal_type
        return title

    def links(self):
        """Feeds and exports of the result as filtered (and, on a press
        section, its citations in the reference managers' formats)."""
        base = self.context.absolute_url()
        criteria = self.link_criteria()
        views = [
            ("@@pressbook-rss", _("RSS feed"), "pressbook-link-rss"),
            ("@@pressbook-atom", _("Atom feed"), "pressbook-link-atom"),
            ("@@pressbook-export.csv", _("CSV export"), "pressbook-link-csv"),
            ("@@pressbook-export.json", _("JSON export"), "pressbook-link-json"),
        ]
        if IPressBook.providedBy(self.context):
            views += [
                ("@@pressbook-export.bib", _("BibTeX export"), "pressbook-link-bib"),
                ("@@pressbook-export.ris", _("RIS export"), "pressbook-link-ris"),
                (
                    "@@pressbook-export.csl.json",
                    _("CSL-JSON export"),
                    "pressbook-link-csl",
                ),
            ]
        return [
            {
                "label": label,
                "url": with_query(f"{base}/{view}", criteria),
                "class": css,
            }
            for view, label, css in views
        ]

    def rows(self, brains):
        # answered, awaiting, overdue: the titles of the filter's values
        answer_statuses = self.titles()["answer_status"]
        deadlines, today = answer_deadlines(self.context), local_today()
        language = self.language()
        rows = []
        for brain in brains:
            is_question = brain.portal_type == QUESTION
            row = {
                "url": brain.getURL(),
                "title": brain.Title,
                "description": brain.Description,
                "date": long_date(metadata(brain, "pressbook_date"), language),
                "type": self.type_title(brain.portal_type),
                "review_state": brain.review_state or "",
                # not published: only those who may see it have it listed
                "private": bool(brain.review_state) and brain.review_state != PUBLISHED,
                "is_question": is_question,
                "number": "",
                "person": "",
                "source": "",
                "source_url": None,
                "thumbnail": None,
                "logo": None,
            }
            if is_question:
                status = question_status(brain, deadlines, today)
                row.update(
                    {
                        "source": self.title_of("assembly", brain.assembly),
                        "number": brain.number or "",
                        "person": brain.asked_by or "",
                        # answered, awaiting or overdue (its badge's class)
                        "status": status or "",
                        "status_class": f"pressbook-{status} "
                        + status_badge_class(status),
                        "answer_status": answer_statuses.get(status, ""),
                    }
                )
            elif metadata(brain, "outlet") is not None:
                row.update(
                    {
                        "source": self.title_of("outlet", brain.outlet),
                        # the listing filtered on the outlet
                        "source_url": self.outlet_url(brain.outlet),
                        "person": metadata(brain, "journalist") or "",
                    }
                )
            if brain.portal_type == ARTICLE:
                row["thumbnail"] = self.thumbnail(brain)
                row["logo"] = None if row["thumbnail"] else self.outlet_logo(brain)
            rows.append(row)
        return rows

    @memoize
    def outlet_url(self, token):
        """The press listing filtered on an outlet: this press section's, or
        the one holding the Collection (else the site search); once per
        outlet and page."""
        return outlet_listing_url(self.context, token)

    def thumbnail(self, brain):
        """The address of the first page of the article's scan, for those the
        publishers' licence lets see it; None otherwise. Only the articles
        with a scan (metadata) are woken, for the licence rule."""
        if not metadata(brain, "has_scan"):
            return None
        return article_thumbnail(brain.getObject())

    def outlet_logo(self, brain):
        """The address of the outlet's logo, where no thumbnail is shown;
        None without one."""
        return self.logo_urls().get(metadata(brain, "outlet"))

    @memoize
    def logo_urls(self):
        """The outlets' logo addresses, read once per page."""
        return logos.logo_urls(self.context)


class PressBookView(ListingRows, PressResultView):
    """The press section: its introduction, its filters and its items."""

    def __call__(self):
        try:
            self.criteria = parse_criteria(self.context, self.form())
            self.result = search(self.context, self.criteria)
        except InvalidParameter as error:
            # the page says which parameter is wrong, with a 400
            self.error = error
            self.criteria = Criteria(b_size=self.batch_size())
            self.result = None
            self.request.response.setStatus(400)
        return self.index()

    def batch_size(self):
        return getattr(self.context, "batch_size", None) or DEFAULT_BATCH_SIZE

    def form(self):
        """The request's form, with the section's defaults.

        The batch size is the section's unless the URL gives one; a title sort
        is A to Z unless the URL says otherwise.
        """
        form = dict(self.request.form)
        form.setdefault("b_size", str(self.batch_size()))
        if form.get("sort_on") == "title":
            form.setdefault("sort_order", "ascending")
        return form

    # URLs: every state of the page is one

    def state(self):
        """The GET parameters of the page as it is: filters, then sort and
        size; a new dict each time, for the caller to change."""
        return {name: list(values) for name, values in self._state().items()}

    @memoize
    def _state(self):
        params = self.criteria.active()
        form = self.request.form
        if form.get("sort_on") or form.get("sort_order"):
            params["sort_on"] = [self.criteria.sort_on]
            params["sort_order"] = [self.criteria.sort_order]
        if form.get("b_size"):
            params["b_size"] = [str(self.criteria.b_size)]
        return params

    def url(self, params):
        params = self._without_relevance(params)
        query = urlencode(params, doseq=True)
        base = self.base_url()
        return f"{base}?{query}" if query else base

    @staticmethod
    def _without_relevance(params):
        if params.get("sort_on") == ["relevance"] and not params.get("SearchableText"):
            # no text, no relevance: the default sort, newest first
            params = {
                name: values
                for name, values in params.items()
                if name not in ("sort_on", "sort_order")
            }
        return params

    @memoize
    def base_url(self):
        return self.context.absolute_url()

    @memoize
    def _toggle_parts(self, parameter):
        """(the query string before ``parameter``, the values chosen for it,
        the query string after it): the page's parameters each encoded once,
        in order; a filter new to the page comes last."""
        before, after, seen = [], [], False
        for name, values in self._without_relevance(self.state()).items():
            if name == parameter:
                seen = True
                continue
            (after if seen else before).append(urlencode({name: values}, doseq=True))
        return "&".join(before), self._state().get(parameter, []), "&".join(after)

    def toggle_url(self, parameter, token):
        """The page with a filter value added, or removed if it was chosen
        (as ``url`` gives it for the changed parameters: each filter value's
        link costs the encoding of its own parameter only)."""
        before, chosen, after = self._toggle_parts(parameter)
        values = [value for value in chosen if value != token]
        if len(values) == len(chosen):
            values.append(token)
        changed = urlencode({parameter: values}, doseq=True) if values else ""
        query = "&".join(part for part in (before, changed, after) if part)
        base = self.base_url()
        return f"{base}?{query}" if query else base

    def without_url(self, parameters):
        params = self.state()
        for parameter in parameters:
            params.pop(parameter, None)
        return self.url(params)

    def reset_url(self):
        return self.context.absolute_url()

    def page_url(self, b_start):
        params = self.state()
        if b_start:
            params["b_start"] = [str(b_start)]
        return self.url(params)

    def hidden_fields(self):
        """The filters the form keeps when the text or the dates change."""
        fields = []
        for name, values in self.state().items():
            if name in ("SearchableText", "start", "end"):
                continue
            fields.extend({"name": name, "value": value} for value in values)
        return fields

    # the filters

    def facet_title(self, parameter, value):
        if parameter == "year":
            return str(value)
        if parameter == "themes":
            # the theme alone: the list shows it under its parent
            return self.theme_tree().titles.get(value, value)
        return self.title_of(parameter, value)

    def facet_value(self, parameter, value, count, chosen, depth=0):
        token = str(value)
        return {
            "token": token,
            "title": self.facet_title(parameter, value),
            "count": format_number(count, self.language()),
            "chosen": chosen,
            "url": self.toggle_url(parameter, token),
            "depth": depth,
        }

    def ordered_themes(self, counts, chosen):
        """The themes of the result, each parent followed by its children.

        A chosen theme shows even when nothing is left under it (its link
        removes it), and so do its parents: the list stays a tree.
        """
        tree = self.theme_tree()
        shown = {token for token in counts if token in tree}
        for token in chosen:
            shown.update(tree.ancestry(token))
        children = {}
        for token in shown:
            children.setdefault(tree.parents.get(token), []).append(token)

        def key(token):
            return (-counts.get(token, 0), collation_key(tree.titles[token]))

        ordered = []

        def walk(parent, depth):
            for token in sorted(children.get(parent, []), key=key):
                ordered.append(
                    self.facet_value(
                        "themes", token, counts.get(token, 0), token in chosen, depth
                    )
                )
                walk(token, depth + 1)

        walk(None, 0)
        return ordered

    @memoize
    def facets(self):
        """The filters with their values and counts, in the order of FACETS."""
        if self.result is None:
            return []
        active = self.criteria.active()
        facets = []
        for parameter in FACETS:
            counts = dict(self.result.facets.get(parameter, {}))
            chosen = active.get(parameter, [])
            if parameter == "year":
                counts = {str(year): count for year, count in counts.items()}
            for token in chosen:
                counts.setdefault(token, 0)
            if parameter == "themes":
                values = self.ordered_themes(counts, chosen)
            else:
                values = [
                    self.facet_value(parameter, value, counts[value], value in chosen)
                    for value in counts
                ]
                if parameter == "year":
                    values.sort(key=lambda value: value["token"], reverse=True)
                else:
                    values.sort(
                        key=lambda value: (
                            -counts[value["token"]],
                            collation_key(value["title"]),
                        )
                    )
            if not values:
                continue
            if parameter == "themes":
                shown, more = values, []
            else:
                cut = max(
                    FACET_SHOWN,
                    max(
                        (i + 1 for i, v in enumerate(values) if v["chosen"]), default=0
                    ),
                )
                shown, more = values[:cut], values[cut:]
            facets.append(
                {
                    "name": parameter,
                    "legend": FACET_LEGENDS[parameter],
                    "entries": shown,
                    "more": more,
                    "more_label": _(
                        "${count} more",
                        mapping={"count": format_number(len(more), self.language())},
                    ),
                    "chosen": bool(chosen),
                }
            )
        return facets

    def active_filters(self):
        """The filters in force, each with the link that removes it."""
        filters = []
        for name, values in self.criteria.active().items():
            if name in ("start", "end"):
                continue
            for value in values:
                if name == "SearchableText":
                    label = translated(
                        _("Search: ${text}", mapping={"text": value}), self.request
                    )
                    url = self.without_url(["SearchableText"])
                elif name == "Subject":
                    label = value
                    url = self.toggle_url(name, value)
                else:
                    label = self.title_of(name, value) if name != "year" else value
                    url = self.toggle_url(name, value)
                filters.append({"label": label, "url": url})
        if self.criteria.start or self.criteria.end:
            language = self.language()
            filters.append(
                {
                    "label": "{} – {}".format(
                        long_date(self.criteria.start, language) or "…",
                        long_date(self.criteria.end, language) or "…",
                    ),
                    "url": self.without_url(["start", "end"]),
                }
            )
        return filters

    def sort_choices(self):
        choices = []
        for sort_on, sort_order, label in SORT_CHOICES:
            if sort_on == "relevance" and not self.criteria.text:
                continue
            current = self.criteria.sort_on == sort_on and (
                sort_on == "relevance" or self.criteria.sort_order == sort_order
            )
            params = self.state()
            params.pop("b_start", None)
            params["sort_on"] = [sort_on]
            params["sort_order"] = [sort_order]
            choices.append(
                {"label": label, "url": self.url(params), "current": current}
            )
        return choices

    # the result

    @memoize
    def batch(self):
        if self.result is None:
            return Batch([], self.criteria.b_size)
        return Batch(
            self.result.brains, self.criteria.b_size, start=self.criteria.b_start
        )

    def total(self):
        return self.result.total if self.result is not None else 0

    def items(self):
        return self.rows(self.batch())

    def pages(self):
        """The page links: first, last, and the pages around the current one.

        None for a result on one page, unless the page asked for does not
        start at its first item (``b_start`` of an old link, past the end):
        then the links lead back.
        """
        size = self.criteria.b_size
        total = self.total()
        if not total or (total <= size and not self.criteria.b_start):
            return []
        count = (total - 1) // size + 1
        current = min(self.criteria.b_start // size, count - 1)
        numbers = sorted(
            {0, count - 1} | set(range(max(0, current - 2), min(count, current + 3)))
        )
        pages, previous = [], None
        for number in numbers:
            if previous is not None and number > previous + 1:
                pages.append({"gap": True})
            pages.append(
                {
                    "gap": False,
                    "label": format_number(number + 1, self.language()),
                    "url": self.page_url(number * size),
                    "current": number == current and self.criteria.b_start < total,
                }
            )
            previous = number
        return pages

    def previous_url(self):
        if self.criteria.b_start <= 0 or not self.total():
            return None
        last = (self.total() - 1) // self.criteria.b_size * self.criteria.b_size
        return self.page_url(
            max(0, min(self.criteria.b_start - self.criteria.b_size, last))
        )

    def next_url(self):
        following = self.criteria.b_start + self.criteria.b_size
        return self.page_url(following) if following < self.total() else None

    def link_criteria(self):
        return self.criteria


class CollectionListingView(ListingRows, PressResultView):
    """A Collection's result, as the press section lists its items."""

    def batch_size(self):
        return getattr(self.context, "item_count", None) or DEFAULT_BATCH_SIZE

    def __call__(self):
        try:
            self.start = batch_start(self.request.form)
        except InvalidParameter as error:
            # the page says which parameter is wrong, with a 400
            self.error = error
            self.start = 0
            self.request.response.setStatus(400)
        return self.index()

    @memoize
    def batch(self):
        if self.error is not None:
            return Batch([], self.batch_size())
        brains = self.context.results(batch=False, brains=True)
        return Batch(brains, self.batch_size(), start=self.start)

    def items(self):
        return self.rows(self.batch())

    def link_criteria(self):
        # the Collection's criteria choose the items: no filter
        return Criteria()
