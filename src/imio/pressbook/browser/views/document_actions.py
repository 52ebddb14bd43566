"""The document actions of press articles and parliamentary questions.

The actions themselves are in ``profiles/default/actions.xml`` (category
``document_actions``). The pages list them under a visible heading
(``document_actions``, instead of the stock ``plone.documentactions`` viewlet
and its hidden one); the views they point at live here.
"""

from Acquisition import aq_inner
from Products.Five.browser import BrowserView
from urllib.parse import quote
from urllib.parse import urlencode
from zope.component import getMultiAdapter


def document_actions(context, request):
    """The document actions the current user may use on the context."""
    context_state = getMultiAdapter(
        (aq_inner(context), request), name="plone_context_state"
    )
    return [
        {
            "id": action["id"],
            "title": action["title"],
            "description": action.get("description") or "",
            "url": action["url"],
            "icon": action.get("icon") or "",
            "link_target": action.get("link_target") or None,
        }
        for action in context_state.actions("document_actions")
        if action.get("url")
    ]


def mailto_url(title, url):
    """A ``mailto:`` link whose subject is the title and whose body is the URL."""
    query = urlencode({"subject": title or "", "body": url}, quote_via=quote, safe="")
    return f"mailto:?{query}"


class PrintView(BrowserView):
    """A print-friendly page of the item that opens the browser's print dialog."""

    def item_view(self):
        """The item's page, whose ``pressbook-content`` macro the print page reuses."""
        return getMultiAdapter((self.context, self.request), name="view")


class SendToView(BrowserView):
    """Open the visitor's mail program with a message pointing at the item.

    No form and no mail sent by the site: anonymous visitors may use it too.
    """

    def __call__(self):
        context = aq_inner(self.context)
        self.request.response.redirect(
            mailto_url(context.Title(), context.absolute_url())
        )
        return ""
