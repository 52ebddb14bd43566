"""1000 -> 1001: themes taxonomy, editable outlets and assemblies, collection criteria."""

from imio.pressbook import logger
from imio.pressbook.setuphandlers.themes import ensure_themes_taxonomy
from imio.pressbook.setuphandlers.themes import hide_generated_criterion
from plone import api


PROFILE = "profile-imio.pressbook:default"


def upgrade(context):
    setup = api.portal.get_tool("portal_setup")
    # the new dependency, then the parts of our profile that changed
    setup.runAllImportStepsFromProfile(
        "profile-collective.taxonomy:default",
        purge_old=False,
        dependency_strategy="ignore",
    )
    for step in (
        "rolemap",
        "catalog",
        "plone.app.registry",
        "controlpanel",
        "actions",
        "typeinfo",
    ):
        setup.runImportStepFromProfile(PROFILE, step, run_dependencies=False)
    ensure_themes_taxonomy(setup)
    hide_generated_criterion(setup)
    catalog = api.portal.get_tool("portal_catalog")
    brains = catalog.unrestrictedSearchResults(
        portal_type=[
            "imio.pressbook.PressArticle",
            "imio.pressbook.ParliamentaryQuestion",
        ]
    )
    for brain in brains:
        brain._unrestrictedGetObject().reindexObject(idxs=["outlet_kind", "themes"])
    logger.info("Upgraded to 1001: %s item(s) reindexed", len(brains))
