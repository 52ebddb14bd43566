"""What the views of the press section's filtered result share (the listing,
the feeds, the exports): the criteria of the request, the 400 answer naming
a bad parameter, the titles of the tokens, the title of the filtered result
("Dans les médias – Le Soir, 2021") and links that keep the filters.
"""

from imio.pressbook import _
from imio.pressbook.browser.views.press_book import current_language
from imio.pressbook.browser.views.press_book import term_titles
from imio.pressbook.browser.views.press_book import translated
from imio.pressbook.search import parse_criteria
from imio.pressbook.search import PRESS_TYPES
from imio.pressbook.search import search
from imio.pressbook.search import TOKEN_FILTERS
from imio.pressbook.themes import ThemeTree
from plone import api
from plone.memoize.instance import memoize
from Products.Five.browser import BrowserView
from urllib.parse import urlencode


def query_string(criteria):
    """The GET parameters of the filters in force, for links to other views."""
    return urlencode(criteria.active(), doseq=True)


def with_query(url, criteria):
    query = query_string(criteria)
    return f"{url}?{query}" if query else url


class PressResultView(BrowserView):
    """A view of the press section's filtered result (feeds, exports)."""

    def criteria(self):
        """The validated criteria of the request; InvalidParameter otherwise."""
        return parse_criteria(self.context, self.request.form)

    def found(self, criteria):
        """The result of the criteria below the context, without facet counts
        (``SearchResult``: ``brains``, ``total``)."""
        return search(self.context, criteria, with_facets=False)

    def bad_request(self, error):
        """The 400 answer naming the parameter, as plain text."""
        response = self.request.response
        response.setStatus(400)
        response.setHeader("Content-Type", "text/plain; charset=utf-8")
        return self.error_message(error)

    def error_message(self, error):
        return f"{error.parameter}: {translated(error.message, self.request)}"

    @memoize
    def titles(self):
        """{filter or field: {token: translated title}}, once per request."""
        context, request = self.context, self.request
        titles = {
            name: term_titles(vocabulary_name, context, request)
            for name, (_index, vocabulary_name) in TOKEN_FILTERS.items()
        }
        types_tool = api.portal.get_tool("portal_types")
        titles["portal_type"] = {
            name: translated(types_tool[name].Title(), request) for name in PRESS_TYPES
        }
        return titles

    @memoize
    def theme_tree(self):
        return ThemeTree(self.context, current_language(self.context, self.request))

    def title_of(self, name, token):
        if not token:
            return ""
        if name == "themes":
            # with its parents: Informatique › Logiciels libres
            return self.theme_tree().label(token)
        return self.titles().get(name, {}).get(token, token)

    def themes(self, brain):
        """The item's theme tokens; themes deleted from the taxonomy left out."""
        tree = self.theme_tree()
        return [token for token in brain.themes or () if token in tree]

    def filter_labels(self, criteria):
        """What the result is filtered on, in words: ``Le Soir``, ``2021``..."""
        labels = []
        for name, values in criteria.active().items():
            if name in ("start", "end"):
                continue
            if name == "SearchableText":
                labels.extend(
                    translated(
                        _("Search: ${text}", mapping={"text": value}), self.request
                    )
                    for value in values
                )
                continue
            labels.extend(self.title_of(name, value) for value in values)
        if criteria.start or criteria.end:
            start = criteria.start.isoformat() if criteria.start else "…"
            end = criteria.end.isoformat() if criteria.end else "…"
            labels.append(f"{start} – {end}")
        return labels

    def result_title(self, criteria):
        """The press section's title, then the filters: ``Dans les médias – Le Soir``."""
        labels = self.filter_labels(criteria)
        title = self.context.Title()
        return f"{title} – {', '.join(labels)}" if labels else title

    def listing_url(self, criteria):
        return with_query(self.context.absolute_url(), criteria)
