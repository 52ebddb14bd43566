"""Install and uninstall handlers of the GenericSetup profiles."""

from imio.pressbook import logger
from plone import api
from plone.base.interfaces import INonInstallable
from zope.interface import implementer


@implementer(INonInstallable)
class HiddenProfiles:
    def getNonInstallableProfiles(self):
        """Hide the uninstall profile from the add-ons control panel."""
        return ["imio.pressbook:uninstall", "imio.pressbook:themes"]

    def getNonInstallableProducts(self):
        return ["imio.pressbook.upgrades"]


PRESSBOOK_TYPES = (
    "imio.pressbook.PressArticle",
    "imio.pressbook.ParliamentaryQuestion",
    "imio.pressbook.PressBook",
)


def post_install(context):
    """After the default profile's steps."""
    from imio.pressbook.setuphandlers.themes import ensure_themes_taxonomy
    from imio.pressbook.setuphandlers.themes import hide_generated_criterion

    portal = api.portal.get()
    ensure_themes_taxonomy(portal)
    hide_generated_criterion(portal)


def uninstall(context):
    """Remove the types, unless content of a type still exists: nothing is lost.

    A type whose items are still in the site keeps its FTI, so that the items
    stay viewable and the add-on can be installed again over them.
    """
    portal_types = api.portal.get_tool("portal_types")
    catalog = api.portal.get_tool("portal_catalog")
    for portal_type in PRESSBOOK_TYPES:
        if portal_type not in portal_types:
            continue
        count = len(catalog.unrestrictedSearchResults(portal_type=portal_type))
        if count:
            logger.warning(
                "Keeping type %s: %s item(s) of this type remain in the site.",
                portal_type,
                count,
            )
            continue
        portal_types.manage_delObjects([portal_type])
    remove_collection_view(portal_types)


COLLECTION_VIEW = "pressbook-listing"


def add_collection_view(portal_types):
    """Offer the press listing among the Collection's views (as
    profiles/default/types/Collection.xml does), its other views kept."""
    fti = portal_types.get("Collection")
    if fti is None:
        return
    views = tuple(fti.view_methods)
    if COLLECTION_VIEW not in views:
        fti.view_methods = (*views, COLLECTION_VIEW)


def remove_collection_view(portal_types):
    """Take the press listing out of the Collection's views; a Collection
    shown with it goes back to the type's default view."""
    fti = portal_types.get("Collection")
    if fti is None:
        return
    fti.view_methods = tuple(v for v in fti.view_methods if v != COLLECTION_VIEW)
    if fti.default_view == COLLECTION_VIEW:
        fti.default_view = fti.view_methods[0] if fti.view_methods else "listing_view"
    catalog = api.portal.get_tool("portal_catalog")
    for brain in catalog.unrestrictedSearchResults(portal_type="Collection"):
        collection = brain._unrestrictedGetObject()
        if collection.getLayout() == COLLECTION_VIEW:
            collection.setLayout(fti.default_view)
