"""1004 -> 1011: converting old press sections into press articles.

Grants the new permission "imio.pressbook: Convert pages into press articles"
(Manager, Site Administrator) and adds the "Convert into press articles"
action of Folders (conversion/).
"""

from imio.pressbook import logger
from plone import api


PROFILE = "profile-imio.pressbook:default"


def upgrade(context):
    setup = api.portal.get_tool("portal_setup")
    setup.runImportStepFromProfile(PROFILE, "rolemap", run_dependencies=False)
    setup.runImportStepFromProfile(PROFILE, "actions", run_dependencies=False)
    logger.info("Upgraded to 1011: folders can be converted into press articles")
