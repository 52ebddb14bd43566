"""1004 -> 1005: the text indexes keep no postings in dicts any more.

Products.ZCTextIndex stored the postings of each word found in ten items or
fewer as a dict inside a bucket of its ``_wordinfo``: two items added at once
whose words shared such a bucket conflicted without remedy (patches/
zctextindex.py says why). New words now get an IIBTree; this step turns the
dicts already stored by every text index of the catalog (Plone's Title,
Description and SearchableText as well as ``pressbook_text``) into IIBTrees.
Searches answer the same; no item is reindexed.
"""

from imio.pressbook import logger
from imio.pressbook.patches.zctextindex import convert
from plone import api
from Products.ZCTextIndex.ZCTextIndex import ZCTextIndex

import transaction


def upgrade(context):
    catalog = api.portal.get_tool("portal_catalog")
    for index in catalog.getIndexObjects():
        if not isinstance(index, ZCTextIndex):
            continue
        words = convert(index.index)
        # a savepoint per index: the converted buckets may leave memory
        transaction.savepoint(optimistic=True)
        logger.info(
            "Upgraded to 1005: %d words of %s in IIBTrees", words, index.getId()
        )
