"""1004 -> 1011: converting old press sections into press articles.

Grants the new permission "imio.pressbook: Convert pages into press articles"
to Manager and Site Administrator (that permission only: the site's settings
of the others stay as they are) and adds the "Convert into press articles"
action of Folders (conversion/).
"""

from imio.pressbook import logger
from plone import api


PROFILE = "profile-imio.pressbook:default"
PERMISSION = "imio.pressbook: Convert pages into press articles"


def upgrade(context):
    portal = api.portal.get()
    portal.manage_permission(
        PERMISSION, roles=["Manager", "Site Administrator"], acquire=True
    )
    setup = api.portal.get_tool("portal_setup")
    setup.runImportStepFromProfile(PROFILE, "actions", run_dependencies=False)
    logger.info("Upgraded to 1011: folders can be converted into press articles")
