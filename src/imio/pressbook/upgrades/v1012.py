"""1011 -> 1012: the editors' form of the bulk import.

Adds the "Import clippings" action of press sections (bulkimport/form.py),
for those who may add press articles there; the site's other actions stay
as they are.
"""

from imio.pressbook import logger
from imio.pressbook.upgrades.profile_parts import add_action


def upgrade(context):
    add_action("object_buttons", "pressbook_import")
    logger.info("Upgraded to 1012: press sections link to the import form")
