"""GET ``@pressbook-review``: the press review of a press section.

The review of ``@@pressbook-review`` (browser/views/review.py), for REST
clients: the listing's parameters (``start``, ``end``, ``outlet``,
``themes``...) and ``group`` (``theme``, ``outlet`` or ``date``), and
``format``: ``pdf`` (the default here: what a client downloads) or ``html``
(the page laid out for print)::

    GET /medias/@pressbook-review?start=2024-03-01&end=2024-03-31&group=outlet
    Accept: application/json

    200, Content-Type: application/pdf

A bad parameter is a 400 in the shape of ``@pressbook-search``'s, naming it::

    {"type": "BadRequest",
     "message": "[{\\"field\\": \\"group\\", \\"message\\": \\"...\\"}]",
     "errors": [{"parameter": "group", "message": "..."}]}
"""

from imio.pressbook.restapi.services.pressbook_search.get import InvalidSearchParameter
from imio.pressbook.review.pdf import PDFUnavailable
from imio.pressbook.search import InvalidParameter
from plone.restapi.services import Service
from zope.component import getMultiAdapter

import json


class PressBookReviewGet(Service):
    """The press review of the press section, as a file."""

    def render(self):
        self.check_permission()
        view = getMultiAdapter((self.context, self.request), name="pressbook-review")
        try:
            body, content_type = view.produce(default_format="pdf")
        except InvalidParameter as error:
            raise InvalidSearchParameter(
                error.parameter, error.message, self.request
            ) from None
        except PDFUnavailable:
            message = view.unavailable()  # sets the 503
            self.request.response.setHeader("Content-Type", "application/json")
            return json.dumps({"type": "ServiceUnavailable", "message": message})
        response = self.request.response
        response.setHeader("Content-Type", content_type)
        if content_type == "application/pdf":
            response.setHeader(
                "Content-Disposition", f'attachment; filename="{view.file_name()}"'
            )
        return body
