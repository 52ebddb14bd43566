"""The page of a press article."""

from imio.pressbook import _
from imio.pressbook.browser.views.press_book import PressItemView
from imio.pressbook.browser.views.press_book import term_titles
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
        """``Article paru dans « La Dernière Heure » le 21 janvier 2014``."""
        date = self.long_date(self.context.publication_date)
        outlet = self.outlet_title()
        if outlet:
            return _(
                "Article published in ${outlet} on ${date}",
                mapping={"outlet": outlet, "date": date},
            )
        return _("Article published on ${date}", mapping={"date": date})

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
