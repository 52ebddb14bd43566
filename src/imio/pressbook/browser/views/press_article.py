"""The page of a press article."""

from html import escape
from imio.pressbook import _
from imio.pressbook.browser.views.press_book import outlet_listing_url
from imio.pressbook.browser.views.press_book import outlet_logo_url
from imio.pressbook.browser.views.press_book import PressItemView
from imio.pressbook.browser.views.press_book import term_titles
from imio.pressbook.browser.views.press_book import translated
from imio.pressbook.browser.views.thumbnail import article_thumbnail
from plone.memoize.instance import memoize


class PressArticleView(PressItemView):
    """Title, lead, byline, text, paper version, original, keywords, actions."""

    @memoize
    def outlet_title(self):
        outlet = self.context.outlet
        if not outlet:
            return ""
        titles = term_titles(
            "imio.pressbook.vocabulary.Outlets", self.context, self.request
        )
        return titles.get(outlet, outlet)

    def byline(self):
        """``Article paru dans « La Dernière Heure » le 21 janvier 2014``, as
        HTML: the outlet links to the press listing filtered on it."""
        date = escape(self.long_date(self.context.publication_date))
        outlet = self.outlet_title()
        if outlet:
            link = f'<a class="pressbook-outlet-link" href="{escape(outlet_listing_url(self.context, self.context.outlet))}">{escape(outlet)}</a>'
            message = _(
                "Article published in ${outlet} on ${date}",
                mapping={"outlet": link, "date": date},
            )
        else:
            message = _("Article published on ${date}", mapping={"date": date})
        return translated(message, self.request)

    @memoize
    def thumbnail_url(self):
        """The first page of the scan, small, for those the licence lets see
        the scan (and a scan that has a first page to show); None otherwise."""
        return article_thumbnail(self.context)

    def outlet_logo(self):
        """The outlet's logo where no thumbnail is shown, or None."""
        if self.thumbnail_url():
            return None
        return outlet_logo_url(self.context, self.context.outlet)

    def signature(self):
        """``par C. Ti.``, when the journalist is known."""
        if not self.context.journalist:
            return None
        return _("by ${journalist}", mapping={"journalist": self.context.journalist})

    def text(self):
        text = self.context.text
        if text is None or not getattr(text, "raw", None):
            return ""
        return text.output_relative_to(self.context)

    @memoize
    def paper_version_url(self):
        """The scan's download link, only for those the licence lets see it."""
        if not self.context.can_view_paper_version():
            return None
        return f"{self.context.absolute_url()}/@@download/paper_version"
