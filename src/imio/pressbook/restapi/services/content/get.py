"""GET of a press article or a question: plone.restapi's, with an ETag."""

from imio.pressbook.restapi.etag import set_etag
from plone.restapi.services.content import get


class ContentGet(get.ContentGet):
    def reply(self):
        result = super().reply()
        if self.request.response.getStatus() == 200:
            set_etag(self.context, self.request.response)
        return result
