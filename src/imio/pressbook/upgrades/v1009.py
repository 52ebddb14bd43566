"""1004 -> 1009: the press review's document action on press sections.

Adds ``pressbook_review`` (``@@pressbook-review`` with the page's query
string) to the ``document_actions`` category, as the profile's
``actions.xml`` defines it (read from that file: one definition). Only that
action: importing the whole file again would undo what a site changed in the
other actions.
"""

from imio.pressbook import logger
from imio.pressbook.upgrades.profile_parts import add_action


CATEGORY = "document_actions"
ACTION_ID = "pressbook_review"


def upgrade(context):
    if not add_action(CATEGORY, ACTION_ID):
        logger.info("Upgraded to 1009: the press review's action was there")
        return
    logger.info("Upgraded to 1009: the press review's document action")
