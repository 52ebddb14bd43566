"""1004 -> 1008: the catalog keeps whether an article has a scan
(``has_scan`` metadata): the press listing shows the scan's first
page, as a thumbnail, to those the publishers' licence lets see it, without
waking the articles that have none. Nothing is stored on the articles: the
thumbnail is rendered when asked (browser/views/thumbnail.py).

And one name for the themes: the shipped taxonomy, "Mots-clés", and the
Collection criterion collective.taxonomy generates, in a group "Taxonomy",
are called "Thèmes" as the forms, the listing and the pages call them."""

from imio.pressbook import logger
from imio.pressbook.search import ARTICLE
from imio.pressbook.setuphandlers.themes import name_themes
from imio.pressbook.upgrades.profile_parts import import_catalog
from plone import api


def upgrade(context):
    # adds the column; the indexes and lexicons keep their content
    import_catalog()
    catalog = api.portal.get_tool("portal_catalog")
    brains = catalog.unrestrictedSearchResults(portal_type=ARTICLE)
    for brain in brains:
        # one cheap index, and the metadata, the new column among them
        brain._unrestrictedGetObject().reindexObject(idxs=["getId"])
    # one name for the themes: "Thèmes", no longer "Mots-clés" nor "Taxonomy"
    name_themes(api.portal.get())
    logger.info("Upgraded to 1008: %s article(s) reindexed", len(brains))
