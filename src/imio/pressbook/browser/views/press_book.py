"""The press section's page, and what the pages of its items share.

Listings read catalog brains only; vocabulary titles are looked up once per page.
"""

from Acquisition import aq_chain
from Acquisition import aq_inner
from datetime import datetime
from imio.pressbook import _
from imio.pressbook.browser.views.document_actions import document_actions
from imio.pressbook.content.parliamentary_question import ANSWER_STATUS_ANSWERED
from imio.pressbook.content.press_book import IPressBook
from imio.pressbook.vocabularies.themes import ThemeTree
from plone import api
from plone.app.layout.viewlets.common import ViewletBase
from plone.base.interfaces import IPloneSiteRoot
from plone.batching import Batch
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
PAGE_SIZE = 20


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


def long_date(value, language):
    """The long date of the language, e.g. ``21 janvier 2014`` in French."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = value.date()
    return _locale(language).dates.getFormatter("date", "long").format(value)


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


class PressBookView(BrowserView):
    """The press section: its introduction, then its items, newest first."""

    def text(self):
        text = getattr(self.context, "text", None)
        if text is None or not getattr(text, "raw", None):
            return ""
        return text.output_relative_to(self.context)

    @memoize
    def language(self):
        return current_language(self.context, self.request)

    def _form_value(self, name):
        value = self.request.form.get(name)
        if isinstance(value, (list, tuple)):
            value = next((item for item in value if item), "")
        return value.strip() if isinstance(value, str) else ""

    @memoize
    def subject(self):
        """The free keyword the list is filtered on (``?Subject=``), or ''."""
        return self._form_value("Subject")

    @memoize
    def theme(self):
        """The theme token the list is filtered on (``?themes=``), or ''."""
        return self._form_value("themes")

    @memoize
    def theme_tree(self):
        return ThemeTree(self.context, self.language())

    @memoize
    def keyword(self):
        """What the list is filtered on, as the notice quotes it, or ''.

        The theme with its parents (``Informatique › Logiciels libres``), the
        free keyword, or both.
        """
        labels = []
        if self.theme():
            labels.append(self.theme_tree().label(self.theme()))
        if self.subject():
            labels.append(self.subject())
        return ", ".join(labels)

    def unfiltered_url(self):
        return self.context.absolute_url()

    def b_start(self):
        try:
            return max(int(self.request.form.get("b_start", 0)), 0)
        except (TypeError, ValueError):
            return 0

    def query(self):
        query = {
            "path": {"query": "/".join(self.context.getPhysicalPath()), "depth": 1},
            "portal_type": ITEM_TYPES,
            "sort_on": "pressbook_date",
            "sort_order": "descending",
        }
        if self.subject():
            query["Subject"] = self.subject()
        if self.theme():
            # a theme includes the themes below it
            query["themes"] = self.theme_tree().with_descendants(self.theme())
        return query

    @memoize
    def batch(self):
        brains = api.portal.get_tool("portal_catalog")(**self.query())
        return Batch(brains, PAGE_SIZE, start=self.b_start())

    @memoize
    def titles(self):
        """Translated titles of the vocabularies and types: once per page."""
        context, request = self.context, self.request
        types_tool = api.portal.get_tool("portal_types")
        return {
            "outlet": term_titles(
                "imio.pressbook.vocabulary.Outlets", context, request
            ),
            "assembly": term_titles(
                "imio.pressbook.vocabulary.Assemblies", context, request
            ),
            "question_type": term_titles(
                "imio.pressbook.vocabulary.QuestionTypes", context, request
            ),
            "type": {
                name: translated(types_tool[name].Title(), request)
                for name in ITEM_TYPES
            },
            "answer_status": {
                "answered": translated(_("Answered"), request),
                "awaiting": translated(_("Awaiting an answer"), request),
            },
        }

    def items(self):
        """The rows of the current page, from the brains' metadata."""
        titles = self.titles()
        language = self.language()
        rows = []
        for brain in self.batch():
            is_question = brain.portal_type == QUESTION
            row = {
                "url": brain.getURL(),
                "title": brain.Title,
                "description": brain.Description,
                "date": long_date(brain.pressbook_date, language),
                "type": titles["type"].get(brain.portal_type, brain.portal_type),
                "review_state": brain.review_state or "",
                "is_question": is_question,
            }
            if is_question:
                row.update(
                    {
                        "source": titles["assembly"].get(
                            brain.assembly, brain.assembly or ""
                        ),
                        "question_type": titles["question_type"].get(
                            brain.question_type, ""
                        ),
                        "number": brain.number or "",
                        "person": brain.asked_by or "",
                        "answered": brain.answer_status == ANSWER_STATUS_ANSWERED,
                        "answer_status": titles["answer_status"].get(
                            brain.answer_status, ""
                        ),
                    }
                )
            else:
                row.update(
                    {
                        "source": titles["outlet"].get(
                            brain.outlet, brain.outlet or ""
                        ),
                        "number": "",
                        "person": brain.journalist or "",
                    }
                )
            rows.append(row)
        return rows

    def count_message(self):
        return _(
            "${count} item(s) found.", mapping={"count": self.batch().sequence_length}
        )
