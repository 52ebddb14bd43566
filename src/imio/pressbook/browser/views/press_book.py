"""What the pages of press items share: dates in the page's language, titles
of vocabulary terms, the keywords linked to the press section.

The press section's own page is in ``listing.py``.
"""

from Acquisition import aq_chain
from Acquisition import aq_inner
from datetime import datetime
from functools import lru_cache
from imio.pressbook.browser.views.document_actions import document_actions
from imio.pressbook.content.press_book import IPressBook
from imio.pressbook.themes import ThemeTree
from imio.pressbook.vocabularies.outlets import logo_url
from plone import api
from plone.app.layout.viewlets.common import ViewletBase
from plone.base.interfaces import IPloneSiteRoot
from plone.memoize.instance import memoize
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from urllib.parse import urlencode
from zope.component import getMultiAdapter
from zope.component import getUtility
from zope.i18n import translate
from zope.i18n.locales import LoadLocaleError
from zope.i18n.locales import locales
from zope.i18nmessageid import Message
from zope.schema.interfaces import IVocabularyFactory


ARTICLE = "imio.pressbook.PressArticle"
QUESTION = "imio.pressbook.ParliamentaryQuestion"
ITEM_TYPES = (ARTICLE, QUESTION)


# a question's status badge: its words say it, the colour repeats them
STATUS_BADGE_CLASSES = {
    "answered": "text-bg-success",
    "awaiting": "text-bg-secondary",
    "overdue": "text-bg-danger",
}


def status_badge_class(status):
    """The colour class of the badge of a question's status (``question_status``)."""
    return STATUS_BADGE_CLASSES.get(status, "")


def current_language(context, request):
    """The language pages are rendered in: negotiated, else the site's."""
    portal_state = getMultiAdapter((context, request), name="plone_portal_state")
    return portal_state.language() or api.portal.get_default_language()


def _locale(language):
    parts = (language or "en").replace("_", "-").split("-")
    try:
        return locales.getLocale(parts[0], parts[1] if len(parts) > 1 else None)
    except LoadLocaleError:
        try:
            return locales.getLocale(parts[0])
        except LoadLocaleError:
            return locales.getLocale("en")


@lru_cache(maxsize=32)
def _long_date_formatter(language):
    return _locale(language).dates.getFormatter("date", "long")


def long_date(value, language):
    """The long date of the language, e.g. ``21 janvier 2014`` in French."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = value.date()
    return _long_date(value, language)


@lru_cache(maxsize=4096)
def _long_date(day, language):
    # a pure function of its arguments (the locales' data does not change):
    # a listing shows the same days again and again
    return _long_date_formatter(language).format(day)


def short_date(value):
    """Plone's short date of the request's language, e.g. ``10/07/2015`` in French."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = value.date()
    return api.portal.get_localized_time(value, long_format=False)


def translated(text, request):
    if isinstance(text, Message):
        return translate(text, context=request)
    return text or ""


def term_titles(vocabulary_name, context, request):
    """``{value: translated title}`` of a named vocabulary."""
    vocabulary = getUtility(IVocabularyFactory, vocabulary_name)(context)
    return {
        term.value: translated(term.title or term.token, request) for term in vocabulary
    }


def nearest_press_book(context):
    """The press section holding the item, or None."""
    for obj in aq_chain(aq_inner(context)):
        if IPressBook.providedBy(obj):
            return obj
        if IPloneSiteRoot.providedBy(obj):
            break
    return None


def outlet_logo_url(context, token):
    """The address of an outlet's logo (Presse control panel), or None."""
    if not token:
        return None
    return logo_url(context, token)


def outlet_listing_url(context, token):
    """The press listing filtered on an outlet (``?outlet=<token>``)."""
    return f"{keyword_listing_url(context)}?{urlencode({'outlet': token})}"


def keyword_listing_url(context):
    """Where keywords lead: the press section, else the site search."""
    book = nearest_press_book(context)
    if book is not None:
        return book.absolute_url()
    return f"{api.portal.get().absolute_url()}/@@search"


class PressItemView(BrowserView):
    """What the pages of press articles and parliamentary questions share."""

    # the keywords and document actions sections
    item_macros = ViewPageTemplateFile("../templates/press_item_macros.pt")

    @memoize
    def language(self):
        return current_language(self.context, self.request)

    def long_date(self, value):
        return long_date(value, self.language())

    def keywords(self):
        """The item's themes (with their parents), then its free keywords.

        Each links to the press section filtered on it: ``?themes=<token>``,
        ``?Subject=<keyword>``. Themes deleted from the taxonomy are left out.
        """
        base_url = keyword_listing_url(self.context)
        tree = ThemeTree(self.context, self.language())
        themes = [
            {
                "kind": "theme",
                "title": tree.label(token),
                "url": f"{base_url}?{urlencode({'themes': token})}",
            }
            for token in getattr(self.context, "themes", None) or ()
            if token in tree
        ]
        keywords = [
            {
                "kind": "keyword",
                "title": keyword,
                "url": f"{base_url}?{urlencode({'Subject': keyword})}",
            }
            for keyword in self.context.Subject()
        ]
        return themes + keywords

    @memoize
    def document_actions(self):
        return document_actions(self.context, self.request)


class HiddenViewlet(ViewletBase):
    """Replaces a stock viewlet whose content our pages show themselves.

    ``plone.keywords`` links to the site search, our keywords link to the press
    section; ``plone.documentactions`` lists the document actions under a
    hidden heading, our pages under a visible one.
    """

    def render(self):
        return ""
