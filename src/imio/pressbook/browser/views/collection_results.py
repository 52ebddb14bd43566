"""Feeds and exports of a Collection shown with the "Press listing" view.

The same RSS, Atom, CSV and JSON as the press section's (``feeds.py``,
``exports.py``), over the Collection's own result: its criteria choose the
items, with the user's permissions, so the press section's filters are refused
(a 400 naming the parameter), ``b_size`` of the feeds excepted. The exports
keep the Collection's order; the feeds list the newest items first.
"""

from datetime import date
from imio.pressbook import _
from imio.pressbook.browser.views.exports import CSVExportView
from imio.pressbook.browser.views.exports import JSONExportView
from imio.pressbook.browser.views.feeds import AtomFeedView
from imio.pressbook.browser.views.feeds import RSSFeedView
from imio.pressbook.search import InvalidParameter
from imio.pressbook.search import parse_criteria
from imio.pressbook.search import SearchResult


def _day(brain):
    """The item's day as sortable text; '' for an item without one (a page)."""
    value = getattr(brain, "pressbook_date", None)
    return value.isoformat()[:10] if isinstance(value, date) else ""


class CollectionResult:
    """The Collection's result in place of the press section's search."""

    newest_first = False

    def criteria(self):
        criteria = parse_criteria(self.context, self.request.form)
        for name in criteria.active():
            raise InvalidParameter(
                name,
                _(
                    "A Collection's feeds and exports take no filter: "
                    "the Collection's criteria choose its items."
                ),
            )
        return criteria

    def found(self, criteria):
        brains = list(self.context.results(batch=False, brains=True))
        if self.newest_first:
            brains.sort(key=_day, reverse=True)
        return SearchResult(brains[: criteria.b_size], len(brains), {})


class CollectionRSSFeedView(CollectionResult, RSSFeedView):
    """``@@pressbook-rss`` of a Collection."""

    newest_first = True


class CollectionAtomFeedView(CollectionResult, AtomFeedView):
    """``@@pressbook-atom`` of a Collection."""

    newest_first = True


class CollectionCSVExportView(CollectionResult, CSVExportView):
    """``@@pressbook-export.csv`` of a Collection."""


class CollectionJSONExportView(CollectionResult, JSONExportView):
    """``@@pressbook-export.json`` of a Collection."""
