"""DELETE of a press article or a question: plone.restapi's, refused with a
412 when its If-Match is stale."""

from imio.pressbook.restapi.etag import check_if_match
from plone.restapi.services.content import delete


class ContentDelete(delete.ContentDelete):
    def reply(self):
        check_if_match(self.context, self.request)
        return super().reply()
