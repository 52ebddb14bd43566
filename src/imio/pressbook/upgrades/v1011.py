"""1004 -> 1011: converting old press sections into press articles.

Grants the new permission "imio.pressbook: Convert pages into press articles"
to Manager and Site Administrator (that permission only: the site's settings
of the others stay as they are) and adds the "Convert into press articles"
action of Folders (conversion/).
"""

from imio.pressbook import logger
from imio.pressbook.upgrades.profile_parts import add_action
from plone import api


PERMISSION = "imio.pressbook: Convert pages into press articles"


def upgrade(context):
    portal = api.portal.get()
    portal.manage_permission(
        PERMISSION, roles=["Manager", "Site Administrator"], acquire=True
    )
    # that action only: the site's changes to the others are kept
    add_action("object_buttons", "pressbook_convert")
    logger.info("Upgraded to 1011: folders can be converted into press articles")
