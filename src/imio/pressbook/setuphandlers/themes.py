"""The themes taxonomy: shipped once, then the site's; the index follows it.

The shipped taxonomy lives in its own profile, ``imio.pressbook:themes``
(``profiles/themes/taxonomies/themes.*``), which the default profile's
post-install handler applies only when the site has no themes taxonomy yet.
After that the taxonomy is the site administrators': reinstalling the add-on
or running its upgrade steps never merges the file into it again (collective.
taxonomy's import step would bring deleted terms back and duplicate renamed
ones).

The ``themes`` index holds each item's themes with the themes above them
(indexers/press.py). When the hierarchy changes (a term moved, added or
deleted in the taxonomy's control panel or over REST), the items whose themes
now have other parents are reindexed before the change is committed.
"""

from imio.pressbook import logger
from imio.pressbook.indexers.press import themes_with_parents
from imio.pressbook.themes import themes_taxonomy
from Products.CMFCore.utils import getToolByName
from zope.component import adapter
from zope.component.hooks import getSite
from ZPublisher.interfaces import IPubBeforeCommit


THEMES_PROFILE = "profile-imio.pressbook:themes"
STEP = "collective.taxonomy"
PRESS_TYPES = ("imio.pressbook.PressArticle", "imio.pressbook.ParliamentaryQuestion")
GENERATED_CRITERION = "plone.app.querystring.field.taxonomy_themes.enabled"


def ensure_themes_taxonomy(context):
    """Create the themes taxonomy from the shipped file if the site has none.

    Returns True when it was created. A site's own taxonomy is left as it is.
    """
    if themes_taxonomy(context) is not None:
        return False
    setup = getToolByName(context, "portal_setup")
    setup.runImportStepFromProfile(THEMES_PROFILE, STEP, run_dependencies=False)
    hide_generated_criterion(context)
    logger.info("Created the themes taxonomy from the shipped file.")
    return True


def hide_generated_criterion(context):
    """Hide the Collection criterion of collective.taxonomy's generated behaviour.

    No type uses that behaviour (the ``themes`` field is in our schemas), so
    its ``taxonomy_themes`` index stays empty: its criterion would find nothing
    beside the "Presse" group's ``themes`` one.
    """
    registry = getToolByName(context, "portal_registry")
    if GENERATED_CRITERION in registry.records:
        registry.records[GENERATED_CRITERION].value = False


def reindex_themes(context):
    """Reindex the ``themes`` of the items whose indexed themes are not their
    themes with their parents in the taxonomy as it is now.

    Returns how many items were reindexed. Call it after changing the
    taxonomy from a script; through the web it runs by itself.
    """
    catalog = getToolByName(context, "portal_catalog")
    indexed = catalog.uniqueValuesFor("themes")
    if not indexed:
        return 0
    count = 0
    brains = catalog.unrestrictedSearchResults(
        portal_type=list(PRESS_TYPES), themes=list(indexed)
    )
    for brain in brains:
        obj = brain._unrestrictedGetObject()
        stored = catalog.getIndexDataForRID(brain.getRID()).get("themes") or ()
        if tuple(sorted(stored)) != themes_with_parents(obj):
            obj.reindexObject(idxs=["themes"])
            count += 1
    if count:
        logger.info("Reindexed the themes of %s item(s).", count)
    return count


@adapter(IPubBeforeCommit)
def reindex_themes_after_taxonomy_edit(event):
    """Before a request that changed the themes taxonomy commits: its items'
    themes follow the new hierarchy."""
    if event.request.get("REQUEST_METHOD", "GET") in ("GET", "HEAD"):
        return  # a read changes no taxonomy: nothing to look at
    site = getSite()
    taxonomy = themes_taxonomy(site) if site is not None else None
    if taxonomy is None or not getattr(taxonomy.data, "_p_changed", False):
        return
    reindex_themes(site)
