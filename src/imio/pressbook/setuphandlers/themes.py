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

from imio.pressbook import _
from imio.pressbook import logger
from imio.pressbook.indexers.press import themes_with_parents
from imio.pressbook.themes import themes_taxonomy
from Products.CMFCore.utils import getToolByName
from zope.component import adapter
from zope.component.hooks import getSite
from zope.i18n import translate
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
    name_themes(context)
    logger.info("Created the themes taxonomy from the shipped file.")
    return True


# the one name of the themes, in forms, facets, pages, Collection criteria,
# REST and feeds ("Thèmes"); the free keywords are "Mots-clés"
THEMES_TITLE = _("Themes")
PRESS_GROUP = _("Press")
# what the shipped taxonomy was called before: renamed by the 1008 upgrade
OLD_TITLES = ("Mots-clés", "Trefwoorden", "Schlagwörter", "Keywords")
GENERATED_PREFIX = "plone.app.querystring.field.taxonomy_themes."


def _site_translated(context, message):
    registry = getToolByName(context, "portal_registry")
    language = registry.get("plone.default_language") or "fr"
    return translate(message, target_language=language)


def name_themes(context):
    """Call the themes "Thèmes" (in the site's language) where the site keeps
    a name for them: the taxonomy's title, unless an administrator gave it
    another than the shipped one, and the Collection criterion that
    collective.taxonomy generates (hidden, its group was "Taxonomy")."""
    title = _site_translated(context, THEMES_TITLE)
    taxonomy = themes_taxonomy(context)
    if taxonomy is not None and taxonomy.title in OLD_TITLES:
        taxonomy.title = title
    registry = getToolByName(context, "portal_registry")
    for key, value in (
        ("title", title),
        ("group", _site_translated(context, PRESS_GROUP)),
    ):
        if GENERATED_PREFIX + key in registry.records:
            registry.records[GENERATED_PREFIX + key].value = value


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
    if taxonomy is None:
        return
    registry = getToolByName(site, "portal_registry")
    criterion = registry.records.get(GENERATED_PREFIX + "group")
    if criterion is not None and criterion.value == "Taxonomy":
        # collective.taxonomy's edit form registered its criterion again
        hide_generated_criterion(site)
        name_themes(site)
    if not getattr(taxonomy.data, "_p_changed", False):
        return
    reindex_themes(site)
