"""The default profile creates the themes taxonomy; after that it is the site's.

collective.taxonomy's import step (``collective.taxonomy``) merges the profile's
``taxonomies/themes.xml`` into a taxonomy that already exists: the terms the
site administrators deleted come back, a renamed term gets its old path back
beside the new one (same token: labels then vary from one screen to the next),
the file's terms move after those added through the web, and the generated
behaviour is registered afresh with the file's settings. Reinstalling the
add-on, or an upgrade step that runs the step again, would do that.

These two subscribers set the site's taxonomy and behaviour aside before our
profile's import and put them back after it, in place of what the step made
from the file. When the site has no such taxonomy yet (install, upgrade from
1000), the step creates it from the file and nothing is set aside.
"""

from Acquisition import aq_base
from collective.taxonomy import generated
from collective.taxonomy.interfaces import ITaxonomy
from imio.pressbook import logger
from imio.pressbook.vocabularies.themes import THEMES_VOCABULARY
from plone.behavior.interfaces import IBehavior
from Products.CMFCore.utils import getToolByName
from Products.GenericSetup.interfaces import IBeforeProfileImportEvent
from Products.GenericSetup.interfaces import IProfileImportedEvent
from weakref import WeakKeyDictionary
from zope.component import adapter
from zope.i18n.interfaces import ITranslationDomain
from zope.schema.interfaces import IVocabularyFactory


PROFILE_ID = "profile-imio.pressbook:default"
STEP = "collective.taxonomy"
# what collective.taxonomy's factory.registerTaxonomy registers the taxonomy as
PROVIDED = (ITaxonomy, IVocabularyFactory, ITranslationDomain)

# portal_setup -> (taxonomy, behaviour) set aside during one import
_set_aside = WeakKeyDictionary()


def _concerned(event):
    return event.profile_id == PROFILE_ID and STEP in (event.steps or ())


def _site_manager(tool):
    return getToolByName(tool, "portal_url").getPortalObject().getSiteManager()


def _unregister(site_manager, taxonomy):
    for provided in PROVIDED:
        site_manager.unregisterUtility(taxonomy, provided, name=THEMES_VOCABULARY)
    behavior_name = taxonomy.getGeneratedName()
    behavior = site_manager.queryUtility(IBehavior, name=behavior_name)
    if behavior is not None:
        site_manager.unregisterUtility(behavior, IBehavior, name=behavior_name)
    return behavior


@adapter(IBeforeProfileImportEvent)
def set_edited_themes_aside(event):
    """Before our profile's taxonomy step: take the site's taxonomy out of its way."""
    if not _concerned(event):
        return
    site_manager = _site_manager(event.tool)
    taxonomy = site_manager.queryUtility(ITaxonomy, name=THEMES_VOCABULARY)
    if taxonomy is None:
        return
    behavior = _unregister(site_manager, taxonomy)
    # unwrapped: the site manager hands out utilities in its acquisition context
    _set_aside[aq_base(event.tool)] = (aq_base(taxonomy), aq_base(behavior))


@adapter(IProfileImportedEvent)
def put_edited_themes_back(event):
    """After it: the site's taxonomy and behaviour again, the file's copy dropped."""
    if not _concerned(event):
        return
    kept = _set_aside.pop(aq_base(event.tool), None)
    if kept is None:
        return
    taxonomy, behavior = kept
    site_manager = _site_manager(event.tool)
    from_file = site_manager.queryUtility(ITaxonomy, name=THEMES_VOCABULARY)
    if from_file is not None:
        _unregister(site_manager, from_file)
    for provided in PROVIDED:
        site_manager.registerUtility(taxonomy, provided, name=THEMES_VOCABULARY)
    if behavior is not None:
        site_manager.registerUtility(
            behavior, IBehavior, name=taxonomy.getGeneratedName()
        )
        # the collection criterion and the generated schema from its own settings
        behavior.deactivateSearchable()
        behavior.activateSearchable()
        delattr(generated, taxonomy.getShortName())
    logger.info("Kept the themes taxonomy as the site administrators edited it.")
    hide_generated_criterion(event.tool)


GENERATED_CRITERION = "plone.app.querystring.field.taxonomy_themes.enabled"


def hide_generated_criterion(context):
    """Hide the Collection criterion of collective.taxonomy's generated behaviour.

    No type uses that behaviour (the ``themes`` field is in our schemas), so
    its ``taxonomy_themes`` index stays empty: its criterion would find nothing
    beside the "Presse" group's ``themes`` one.
    """
    registry = getToolByName(context, "portal_registry")
    if GENERATED_CRITERION in registry.records:
        registry.records[GENERATED_CRITERION].value = False
