"""Open Graph and Twitter meta of the pages of press articles and questions.

Plone's own ``SocialTagsViewlet`` (plone.app.layout) writes them for
anonymous visitors, as it does everywhere: the item's title, description and
address. For a press item it is fed what it lacks, on the same two viewlets
(head and body), so that no tag is written twice:

- ``og:type`` is ``article``, with ``article:published_time``: the day of the
  article or the question;
- its title as typed: Plone's is escaped once for the page's ``<title>``,
  then again by the ``<meta>`` (``d&amp;#x27;habitants``);
- no image: an item has none of its own, and Plone's fallback is the site's
  logo. Nor any enclosure: an article's scan is shown only to whom its licence
  lets see it (``PressArticle.can_view_paper_version``), never in the meta of
  a page that every visitor (and every cache) gets.
"""

from plone.app.layout import viewlets
from plone.app.layout.viewlets.social import SocialTagsViewlet
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile

import html
import os


# Plone's own templates of the two viewlets
PLONE_VIEWLETS = os.path.dirname(viewlets.__file__)


# Plone's tags of a file or image of the item (or of the site's logo)
MEDIA_PROPERTIES = ("og:image", "og:video", "og:audio")


def is_media(tag):
    prop = tag.get("property") or ""
    return prop.startswith(MEDIA_PROPERTIES) or tag.get("itemprop") == "image"


class PressSocialTagsViewlet(SocialTagsViewlet):
    """Plone's social tags for an article or a question."""

    def published(self):
        """The item's day: publication of the article, date of the question."""
        context = self.context
        return getattr(context, "publication_date", None) or getattr(
            context, "question_date", None
        )

    def _get_tags(self):
        # Plone's tags (memoized by the viewlet), told about the item
        tags = []
        for tag in super()._get_tags():
            if is_media(tag):
                continue
            if tag.get("property") == "og:type":
                tag = dict(tag, content="article")
            elif tag.get("property") == "og:title" or tag.get("itemprop") == "name":
                # the template escapes it: the title as typed
                tag = dict(tag, content=html.unescape(tag["content"]))
            tags.append(tag)
        if tags and self.published():
            tags.append(
                {
                    "property": "article:published_time",
                    "content": self.published().isoformat(),
                }
            )
        return tags


class PressSocialHeadTags(PressSocialTagsViewlet):
    """``plone.htmlhead.socialtags``: the ``<meta>`` in the page's head."""

    index = ViewPageTemplateFile("social_tags.pt", _prefix=PLONE_VIEWLETS)


class PressSocialBodyTags(PressSocialTagsViewlet):
    """``plone.socialtags``: the ``itemprop`` ones, above the title."""

    index = ViewPageTemplateFile("social_tags_body.pt", _prefix=PLONE_VIEWLETS)
