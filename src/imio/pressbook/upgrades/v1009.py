"""1004 -> 1009: the press review's document action on press sections.

Imports the profile's ``actions.xml`` again: it adds ``pressbook_review``
(``@@pressbook-review`` with the page's query string) to the
``document_actions`` category; the actions already there keep their ids.
"""

from imio.pressbook import logger
from plone import api


PROFILE = "profile-imio.pressbook:default"


def upgrade(context):
    setup = api.portal.get_tool("portal_setup")
    setup.runImportStepFromProfile(PROFILE, "actions", run_dependencies=False)
    logger.info("Upgraded to 1009: the press review's document action")
