"""Catalog indexers: listings read brains, never objects.

``pressbook_date`` and ``pressbook_year`` put articles (publication date) and
questions (question date) on one time line. The ``themes`` index holds each
item's themes with the themes above them (``pressbook_themes``), as
collective.taxonomy indexes its terms: a parent theme is a plain query and a
plain count, each item once. The ``themes`` metadata keeps the item's own.

``pressbook_month`` (``2024-03``) and ``pressbook_answer_delay`` (days to the
first answer that is not a holding one) are what the statistics count, with
the questions' ``asked_by``, ``asked_by_group``, ``addressed_to`` and
``addressee_role``: from the indexes, never from the objects.
"""

from imio.pressbook.content.parliamentary_question import answer_delay
from imio.pressbook.content.parliamentary_question import IParliamentaryQuestion
from imio.pressbook.content.press_article import IPressArticle
from imio.pressbook.themes import ThemeTree
from imio.pressbook.vocabularies.outlets import outlet_rows
from plone.base.utils import safe_callable
from plone.indexer import indexer
from Products.CMFCore.utils import getToolByName
from zope.component import getUtility
from zope.i18n import translate
from zope.schema.interfaces import IVocabularyFactory

import datetime


def _date_value(value):
    """A Date as the datetime a DateIndex and the metadata expect."""
    if value is None:
        return None
    return datetime.datetime(value.year, value.month, value.day)


def _month(value):
    """``2024-03``: the month of a date, for the statistics' time series."""
    if value is None:
        raise AttributeError("pressbook_month")
    return f"{value.year:04d}-{value.month:02d}"


def _html_to_text(context, richtext):
    if richtext is None or not getattr(richtext, "raw", None):
        return ""
    transforms = getToolByName(context, "portal_transforms")
    data = transforms.convertTo(
        "text/plain", richtext.raw, mimetype=richtext.mimeType or "text/html"
    )
    return data.getData() if data is not None else ""


def _term_title(vocabulary_name, token, context):
    if not token:
        return ""
    vocabulary = getUtility(IVocabularyFactory, vocabulary_name)(context)
    try:
        title = vocabulary.getTerm(token).title
    except LookupError:
        return token
    # indexed in the site's language, the one visitors search in
    return translate(title, target_language=_site_language(context))


def _site_language(context):
    """The site's default language, found from the object itself.

    Acquisition rather than the component site: indexing may run at commit
    time, after the site hook was unset.
    """
    registry = getToolByName(context, "portal_registry", None)
    if registry is None:
        return None
    return registry.get("plone.default_language")


def _theme_titles(obj):
    """The themes with their parents, in the site's language.

    ``Informatique › Logiciels libres``: a search for a parent theme finds
    the items filed under the themes below it, as the press section does.
    """
    tokens = getattr(obj, "themes", None) or ()
    if not tokens:
        return ""
    tree = ThemeTree(obj, _site_language(obj))
    return _join(*(tree.label(token) for token in tokens if token in tree))


def themes_with_parents(obj):
    """The item's themes and every theme above them, each once, sorted."""
    tokens = getattr(obj, "themes", None) or ()
    if not tokens:
        return ()
    tree = ThemeTree(obj, None)
    found = set()
    for token in tokens:
        found.update(tree.ancestry(token) or (token,))
    return tuple(sorted(found))


@indexer(IPressArticle)
def article_themes(obj):
    return themes_with_parents(obj)


@indexer(IParliamentaryQuestion)
def question_themes(obj):
    return themes_with_parents(obj)


def _join(*parts):
    return " ".join(part for part in parts if part)


def _base_text(obj):
    subjects = obj.Subject() if safe_callable(getattr(obj, "Subject", None)) else ()
    return _join(obj.id, obj.title, obj.description, *subjects, _theme_titles(obj))


# articles


@indexer(IPressArticle)
def article_date(obj):
    return _date_value(obj.publication_date)


@indexer(IPressArticle)
def article_year(obj):
    return obj.publication_date.year if obj.publication_date else None


@indexer(IPressArticle)
def article_outlet_kind(obj):
    """The kind of the article's outlet (``daily``, ``tv``...), as the Presse control panel says."""
    outlet = obj.outlet
    if outlet:
        for row in outlet_rows(obj):
            if row["token"] == outlet and row.get("kind"):
                return row["kind"]
    # nothing to index
    raise AttributeError("outlet_kind")


@indexer(IPressArticle)
def article_has_scan(obj):
    """Has the article a scan? (metadata: the listing shows its thumbnail
    to those the licence lets see it, without waking the others)"""
    return getattr(obj, "paper_version", None) is not None


@indexer(IPressArticle)
def article_searchable_text(obj):
    return _join(
        _base_text(obj),
        obj.journalist,
        obj.page,
        _term_title("imio.pressbook.vocabulary.Outlets", obj.outlet, obj),
        _html_to_text(obj, obj.text),
    )


@indexer(IPressArticle)
def article_month(obj):
    return _month(obj.publication_date)


# questions


@indexer(IParliamentaryQuestion)
def question_month(obj):
    return _month(obj.question_date)


@indexer(IParliamentaryQuestion)
def question_answer_delay(obj):
    """Days from the question to its first answer other than a holding one
    (the day it became ``answered``); nothing to index while it awaits one."""
    delay = answer_delay(obj.question_date, getattr(obj, "answers", None))
    if delay is None:
        raise AttributeError("pressbook_answer_delay")
    return delay


@indexer(IParliamentaryQuestion)
def question_date(obj):
    return _date_value(obj.question_date)


@indexer(IParliamentaryQuestion)
def question_year(obj):
    if obj.year:
        return obj.year
    return obj.question_date.year if obj.question_date else None


@indexer(IParliamentaryQuestion)
def question_searchable_text(obj):
    answers = []
    for answer in obj.answers or ():
        answers.extend([answer.get("answered_by"), answer.get("text")])
    return _join(
        _base_text(obj),
        obj.number,
        obj.session,
        obj.asked_by,
        obj.asked_by_group,
        obj.addressed_to,
        obj.addressee_role,
        _term_title("imio.pressbook.vocabulary.Assemblies", obj.assembly, obj),
        _html_to_text(obj, obj.question_text),
        *answers,
    )
