"""PATCH of a press article or a question: plone.restapi's, refused with a
412 when its If-Match is stale, answering with the new ETag when done."""

from imio.pressbook.restapi.etag import check_if_match
from imio.pressbook.restapi.etag import set_etag_once_committed
from plone.restapi.services.content import update


class ContentPatch(update.ContentPatch):
    def reply(self):
        check_if_match(self.context, self.request)
        result = super().reply()
        if self.request.response.getStatus() in (200, 204):
            set_etag_once_committed(self.context, self.request.response)
        return result
