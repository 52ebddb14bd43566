"""Next and previous items of a press section, in the order of its listing.

A press section keeps no order of its items (plone.folder's "unordered"
ordering: an order rewritten on each add would be a write conflict for
several editors at once, see press_book.py). Plone's next/previous provider
reads the folder's order: with none, an article's page showed no "next"
link and a "previous" one in the alphabetical order of the ids.

Here, when the editor turns the navigation on (the section's "next/previous
navigation" setting, plone.nextprevioustoggle), an item's neighbours are
those of the section's listing: newest first (the publication date of an
article, the date of a question), items of the same day in the order of
their ids. They are looked up in the catalog, with the visitor's
permissions and publication dates: a visitor never gets a link to an item
they may not see, and no item is woken but the neighbour itself.
"""

from AccessControl import getSecurityManager
from Acquisition import aq_inner
from imio.pressbook.content.press_book import IPressBook
from imio.pressbook.search import PRESS_TYPES
from plone.app.dexterity.behaviors.nextprevious import INextPreviousProvider
from plone.app.dexterity.behaviors.nextprevious import NextPreviousToggle
from plone.registry.interfaces import IRegistry
from Products.CMFCore.utils import getToolByName
from zope.component import adapter
from zope.component import getUtility
from zope.interface import implementer


@implementer(INextPreviousProvider)
@adapter(IPressBook)
class PressBookNextPrevious(NextPreviousToggle):
    """``enabled`` as the section's setting says (``NextPreviousToggle``);
    the items in the listing's order: date descending, then id ascending."""

    def __init__(self, context):
        # NextPreviousBase's, without the list of every id of the section
        # (the folder's order, which a section has not)
        self.context = context
        registry = getUtility(IRegistry)
        self.vat = registry.get("plone.types_use_view_action_in_listings", [])
        self.security = getSecurityManager()

    def getNextItem(self, obj):
        """The item below ``obj`` in the listing: older, or of the same day
        with a later id."""
        return self._neighbour(obj, older=True)

    def getPreviousItem(self, obj):
        """The item above ``obj`` in the listing: newer, or of the same day
        with an earlier id."""
        return self._neighbour(obj, older=False)

    def _search(self, **query):
        catalog = getToolByName(self.context, "portal_catalog")
        path = "/".join(aq_inner(self.context).getPhysicalPath())
        return catalog.searchResults(
            path={"query": path, "depth": 1}, portal_type=list(PRESS_TYPES), **query
        )

    def _neighbour(self, obj, older):
        uid = getattr(obj, "UID", None)
        found = self._search(UID=uid()) if uid is not None else []
        if len(found) != 1 or found[0].pressbook_date is None:
            return None  # not listed: an item the visitor cannot see, or undated
        day, id_ = found[0].pressbook_date, found[0].getId
        # the same day first: the next id, or the previous one
        same_day = sorted(brain.getId for brain in self._search(pressbook_date=day))
        neighbours = [
            each for each in same_day if (each > id_) == older and each != id_
        ]
        if neighbours:
            return self._data(neighbours[0] if older else neighbours[-1])
        # then the nearest other day, below or above
        nearest = self._search(
            pressbook_date={"query": day, "range": "max" if older else "min"},
            sort_on="pressbook_date",
            sort_order="descending" if older else "ascending",
            # that day's items come first, then the nearest other day's
            sort_limit=len(same_day) + 1,
        )
        for brain in nearest:
            if brain.pressbook_date != day:
                ids = sorted(
                    each.getId
                    for each in self._search(pressbook_date=brain.pressbook_date)
                )
                return self._data(ids[0] if older else ids[-1])
        return None

    def _data(self, id_):
        item = self.context.get(id_)
        return None if item is None else self.getData(item)
