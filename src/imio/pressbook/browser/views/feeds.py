"""RSS 2.0 and Atom 1.0 feeds of the press section, and the links to them.

The feeds take the listing's GET parameters (``search.parse_criteria``): the
feed of a filtered view is that view's query string on ``@@pressbook-rss`` or
``@@pressbook-atom``. They list the newest items, 50 or ``b_size`` (at most
``search.MAX_BATCH_SIZE``), newest first whatever the sort asked for, from
catalog metadata only: no object is woken. The XML is built with lxml, which
escapes every value. A bad parameter is a 400 naming it.

What readers show is what was typed, as text: RSS ``<description>`` is HTML
for every reader, so the stored text is escaped as HTML before lxml escapes
it for XML (a lead such as ``<img src=x onerror=...>`` is shown, never run);
RSS titles and categories and everything in Atom (``type="text"``) are text.

Dates: an item's date is a day (publication or question date); it is given
as noon on that day in the site's time zone, with the zone, so that a reader
in any zone from UTC-10 to UTC+12 shows the right day (midnight in Brussels
is the day before in UTC). Atom's ``<updated>`` and RSS ``lastBuildDate`` are
the last modifications (an answer added to a question moves them).

The views of the filtered result they share with the exports and the
listing are in ``results.py``.
"""

from datetime import datetime
from datetime import time
from datetime import UTC
from email.utils import format_datetime
from imio.pressbook.browser.views.results import PressResultView
from imio.pressbook.browser.views.results import with_query
from imio.pressbook.question_status import answer_deadlines
from imio.pressbook.question_status import local_today
from imio.pressbook.question_status import question_status
from imio.pressbook.search import Criteria
from imio.pressbook.search import InvalidParameter
from imio.pressbook.search import parse_criteria
from imio.pressbook.search import QUESTION
from lxml import etree
from plone import api
from plone.app.layout.viewlets.common import ViewletBase
from uuid import UUID
from zoneinfo import ZoneInfo
from zoneinfo import ZoneInfoNotFoundError

import html


FEED_SIZE = 50
RSS_TYPE = "application/rss+xml"
ATOM_TYPE = "application/atom+xml"
ATOM_NS = "http://www.w3.org/2005/Atom"
DC_NS = "http://purl.org/dc/elements/1.1/"


def site_timezone():
    """The site's time zone: items carry a day, which starts at midnight there."""
    name = api.portal.get_registry_record("plone.portal_timezone", default=None)
    try:
        return ZoneInfo(name) if name else UTC
    except (ZoneInfoNotFoundError, ValueError):
        return UTC


# A day given as a moment: the middle of it, the same day nearly everywhere
NOON = time(12)


def item_datetime(brain, tz):
    """The item's day (publication or question date) as an aware datetime:
    noon in the site's zone when only the day is known (the catalog holds
    days as midnight), the moment itself when it has a time of day."""
    value = getattr(brain, "pressbook_date", None)
    if not isinstance(value, datetime):
        return None
    if value.tzinfo is not None:
        return value
    if value.time() == time(0):
        value = datetime.combine(value.date(), NOON)
    return value.replace(tzinfo=tz)


def item_modified(brain):
    """The item's last modification, an aware datetime; None if unknown."""
    modified = getattr(brain, "modified", None)
    if modified is None or not hasattr(modified, "asdatetime"):
        return None
    return modified.asdatetime()


def entry_id(brain):
    """A stable id for feed readers: the item's UID as a ``urn:uuid``."""
    try:
        return UUID(hex=brain.UID).urn
    except (TypeError, ValueError):
        return brain.getURL()


class FeedView(PressResultView):
    """What the RSS and Atom feeds share: the newest items of the result."""

    content_type = None

    def feed_criteria(self):
        criteria = self.criteria()
        criteria.sort_on = "date"
        criteria.sort_order = "descending"
        criteria.b_start = 0
        if not self.request.form.get("b_size"):
            criteria.b_size = FEED_SIZE
        return criteria

    def entries(self, criteria):
        """The feed's entries, from the brains' metadata."""
        tz = site_timezone()
        deadlines, today = answer_deadlines(self.context), local_today()
        entries = []
        for brain in self.found(criteria).brains:
            if brain.portal_type == QUESTION:
                author = brain.asked_by or ""
                # answered, awaiting or overdue, as its badge says
                sources = [
                    ("assembly", brain.assembly),
                    ("answer_status", question_status(brain, deadlines, today)),
                ]
            else:
                author = brain.journalist or ""
                sources = [("outlet", brain.outlet)]
            sources.extend(("themes", token) for token in self.themes(brain))
            categories = [
                (token, self.title_of(name, token)) for name, token in sources if token
            ]
            categories.extend((keyword, keyword) for keyword in brain.Subject or ())
            entries.append(
                {
                    "id": entry_id(brain),
                    "title": brain.Title or "",
                    "url": brain.getURL(),
                    "date": item_datetime(brain, tz),
                    "modified": item_modified(brain),
                    "description": brain.Description or "",
                    "author": author,
                    "categories": categories,
                    "type": brain.portal_type,
                }
            )
        return entries

    def feed_url(self, criteria):
        return with_query(f"{self.context.absolute_url()}/@@{self.__name__}", criteria)

    def updated(self, entries):
        """The last change of the feed: of its newest changed entry, else of
        the press section."""
        dates = [entry["modified"] for entry in entries if entry["modified"]]
        if dates:
            return max(dates)
        return self.context.modified().asdatetime()

    def entry_updated(self, entry, entries):
        return entry["modified"] or entry["date"] or self.updated(entries)

    def __call__(self):
        try:
            criteria = self.feed_criteria()
            entries = self.entries(criteria)
        except InvalidParameter as error:
            return self.bad_request(error)
        root = self.build(criteria, entries)
        self.request.response.setHeader(
            "Content-Type", f"{self.content_type}; charset=utf-8"
        )
        return etree.tostring(
            root, xml_declaration=True, encoding="utf-8", pretty_print=True
        )

    def build(self, criteria, entries):
        raise NotImplementedError


def as_html(text):
    """Text as the HTML that shows it: for RSS ``<description>``, which
    readers render as HTML."""
    return html.escape(text, quote=False)


def _sub(parent, tag, text=None, **attributes):
    element = etree.SubElement(parent, tag, attributes)
    if text is not None:
        element.text = text
    return element


class RSSFeedView(FeedView):
    """``@@pressbook-rss``: RSS 2.0; the author's name in ``dc:creator``
    (``<author>`` is for e-mail addresses)."""

    content_type = RSS_TYPE

    def build(self, criteria, entries):
        rss = etree.Element("rss", version="2.0", nsmap={"atom": ATOM_NS, "dc": DC_NS})
        channel = _sub(rss, "channel")
        _sub(channel, "title", self.result_title(criteria))
        _sub(channel, "link", self.listing_url(criteria))
        _sub(
            channel,
            "description",
            as_html(self.context.Description() or self.context.Title()),
        )
        _sub(
            channel,
            f"{{{ATOM_NS}}}link",
            href=self.feed_url(criteria),
            rel="self",
            type=RSS_TYPE,
        )
        language = api.portal.get_current_language(context=self.context)
        if language:
            _sub(channel, "language", language)
        _sub(channel, "lastBuildDate", format_datetime(self.updated(entries)))
        for entry in entries:
            item = _sub(channel, "item")
            _sub(item, "title", entry["title"])
            _sub(item, "link", entry["url"])
            _sub(item, "guid", entry["id"], isPermaLink="false")
            if entry["date"]:
                _sub(item, "pubDate", format_datetime(entry["date"]))
            if entry["description"]:
                _sub(item, "description", as_html(entry["description"]))
            if entry["author"]:
                _sub(item, f"{{{DC_NS}}}creator", entry["author"])
            for _term, label in entry["categories"]:
                _sub(item, "category", label)
        return rss


class AtomFeedView(FeedView):
    """``@@pressbook-atom``: Atom 1.0 (RFC 4287)."""

    content_type = ATOM_TYPE

    def build(self, criteria, entries):
        feed = etree.Element(f"{{{ATOM_NS}}}feed", nsmap={None: ATOM_NS})

        def sub(parent, tag, text=None, **attributes):
            return _sub(parent, f"{{{ATOM_NS}}}{tag}", text, **attributes)

        feed_url = self.feed_url(criteria)
        sub(feed, "id", feed_url)
        sub(feed, "title", self.result_title(criteria))
        if self.context.Description():
            sub(feed, "subtitle", self.context.Description())
        sub(feed, "updated", self.updated(entries).isoformat())
        sub(feed, "link", rel="self", type=ATOM_TYPE, href=feed_url)
        sub(
            feed,
            "link",
            rel="alternate",
            type="text/html",
            href=self.listing_url(criteria),
        )
        # entries without journalist or asker take the publisher as author
        author = sub(feed, "author")
        sub(author, "name", api.portal.get().Title() or self.context.Title())
        for entry in entries:
            element = sub(feed, "entry")
            sub(element, "id", entry["id"])
            sub(element, "title", entry["title"])
            sub(element, "updated", self.entry_updated(entry, entries).isoformat())
            if entry["date"]:
                sub(element, "published", entry["date"].isoformat())
            sub(element, "link", rel="alternate", type="text/html", href=entry["url"])
            if entry["description"]:
                sub(element, "summary", entry["description"])
            if entry["author"]:
                sub(sub(element, "author"), "name", entry["author"])
            for term, label in entry["categories"]:
                sub(element, "category", term=term, label=label)
        return feed


class FeedLinksViewlet(ViewletBase):
    """``<link rel="alternate">`` to the feeds of the press section's page,
    filtered as the page is (its query string). An invalid query links to
    the unfiltered feeds."""

    def update(self):
        super().update()
        page = self.view
        if isinstance(page, PressResultView) and isinstance(
            getattr(page, "criteria", None), Criteria
        ):
            # the press section's page: it has read the request already (its
            # criteria are empty after a bad parameter), and knows the titles
            self.result_view, self.criteria = page, page.criteria
            return
        self.result_view = PressResultView(self.context, self.request)
        try:
            self.criteria = parse_criteria(self.context, self.request.form)
        except InvalidParameter:
            self.criteria = Criteria()

    def links(self):
        title = self.result_view.result_title(self.criteria)
        base_url = self.context.absolute_url()
        return [
            {
                "type": content_type,
                "title": f"{title} ({kind})",
                "href": with_query(f"{base_url}/@@{name}", self.criteria),
            }
            for name, kind, content_type in (
                ("pressbook-rss", "RSS", RSS_TYPE),
                ("pressbook-atom", "Atom", ATOM_TYPE),
            )
        ]

    def render(self):
        return "\n".join(
            '<link rel="alternate" type="{}" title="{}" href="{}" />'.format(
                html.escape(link["type"]),
                html.escape(link["title"]),
                html.escape(link["href"]),
            )
            for link in self.links()
        )
