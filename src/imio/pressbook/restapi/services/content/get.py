"""GET of a press article or a question: plone.restapi's, with an ETag (not
for an older version, ``?version=``: it is not what If-Match checks)."""

from imio.pressbook.restapi.etag import set_etag
from plone.restapi.services.content import get


class ContentGet(get.ContentGet):
    def reply(self):
        result = super().reply()
        current = self.request.get("version") is None
        if current and self.request.response.getStatus() == 200:
            set_etag(self.context, self.request.response)
        return result
