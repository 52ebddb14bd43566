"""1002 -> 1003: the press items' text is searched in French (plurals and
accents ignored), and the ``themes`` index holds each item's themes with the
themes above them (a parent theme is a plain query); the search's fast path
gets its switch."""

from imio.pressbook import logger
from imio.pressbook.indexers.text import TEXT_INDEX
from imio.pressbook.search import PRESS_TYPES
from plone import api


PROFILE = "profile-imio.pressbook:default"


def upgrade(context):
    setup = api.portal.get_tool("portal_setup")
    # adds pressbook_lexicon and pressbook_text, gives the themes index its
    # new attribute (which empties it); the other indexes keep their content
    setup.runImportStepFromProfile(PROFILE, "catalog", run_dependencies=False)
    # the switch of the search's fast path (imio.pressbook.fast_search)
    setup.runImportStepFromProfile(
        PROFILE, "plone.app.registry", run_dependencies=False
    )
    catalog = api.portal.get_tool("portal_catalog")
    brains = catalog.unrestrictedSearchResults(portal_type=list(PRESS_TYPES))
    for brain in brains:
        brain._unrestrictedGetObject().reindexObject(idxs=[TEXT_INDEX, "themes"])
    logger.info("Upgraded to 1003: %s item(s) reindexed", len(brains))
