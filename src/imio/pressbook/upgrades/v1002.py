"""1001 -> 1002: Collections get the "Press listing" view."""

from imio.pressbook import logger
from imio.pressbook.setuphandlers import add_collection_view
from plone import api


def upgrade(context):
    add_collection_view(api.portal.get_tool("portal_types"))
    logger.info("Upgraded to 1002: Collections can use the press listing view")
