"""1004 -> 1010: the statistics of the press section count from the catalog.

New indexes: ``pressbook_month`` (every press item), ``asked_by``,
``asked_by_group``, ``addressed_to``, ``addressee_role`` and
``pressbook_answer_delay`` (questions), and the document action
``pressbook_stats``. Only the new indexes are filled: articles for the month,
questions for all of them; no metadata changes, nothing else is reindexed.
"""

from imio.pressbook import logger
from imio.pressbook.search import ARTICLE
from imio.pressbook.search import QUESTION
from imio.pressbook.upgrades.profile_parts import add_action
from imio.pressbook.upgrades.profile_parts import import_catalog
from plone import api


ARTICLE_INDEXES = ["pressbook_month"]
QUESTION_INDEXES = [
    "pressbook_month",
    "asked_by",
    "asked_by_group",
    "addressed_to",
    "addressee_role",
    "pressbook_answer_delay",
]


def upgrade(context):
    # adds the indexes (empty); the existing ones and the lexicons keep
    # their content
    import_catalog()
    add_action("document_actions", "pressbook_stats")
    catalog = api.portal.get_tool("portal_catalog")
    counts = {}
    for portal_type, indexes in (
        (ARTICLE, ARTICLE_INDEXES),
        (QUESTION, QUESTION_INDEXES),
    ):
        brains = catalog.unrestrictedSearchResults(portal_type=portal_type)
        for brain in brains:
            # the new indexes only, metadata left as they are
            catalog.catalog_object(
                brain._unrestrictedGetObject(),
                brain.getPath(),
                idxs=indexes,
                update_metadata=False,
            )
        counts[portal_type] = len(brains)
    logger.info("Upgraded to 1010: %s reindexed for the statistics", counts)
