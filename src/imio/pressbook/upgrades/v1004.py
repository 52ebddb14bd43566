"""1003 -> 1004: press sections keep no order of their items.

The order list of plone.folder's default ordering, rewritten on every add,
made concurrent adds to a section conflict. Sections are now unordered
(content/press_book.py); this step drops the order list of the existing
ones. Nothing read it: the listing, feeds and exports sort by date.
"""

from imio.pressbook import logger
from plone import api
from plone.folder.default import DefaultOrdering
from zope.annotation.interfaces import IAnnotations


def make_unordered(section):
    """``section`` without ordering, its order list and positions dropped."""
    section.setOrdering("unordered")
    annotations = IAnnotations(section)
    for key in (DefaultOrdering.ORDER_KEY, DefaultOrdering.POS_KEY):
        if key in annotations:
            del annotations[key]


def upgrade(context):
    catalog = api.portal.get_tool("portal_catalog")
    brains = catalog.unrestrictedSearchResults(portal_type="imio.pressbook.PressBook")
    for brain in brains:
        make_unordered(brain._unrestrictedGetObject())
    logger.info("Upgraded to 1004: %d press sections without order list", len(brains))
