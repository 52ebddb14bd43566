"""Listing fields of the press section in plone.restapi summaries.

Folder items, ``@search`` and the listing blocks return these catalog metadata
with every item (``null`` for other types), without ``metadata_fields``.
"""

from plone.restapi.interfaces import IJSONSummarySerializerMetadata
from zope.interface import implementer


@implementer(IJSONSummarySerializerMetadata)
class JSONSummarySerializerMetadata:
    def default_metadata_fields(self):
        return {
            # articles and questions on one time line
            "pressbook_date",
            # articles
            "outlet",
            "journalist",
            # questions
            "assembly",
            "question_type",
            "session",
            "number",
            "asked_by",
            "answer_status",
        }

    def field_accessors(self):
        return {}

    def non_metadata_attributes(self):
        return set()

    def blocklisted_attributes(self):
        return set()
