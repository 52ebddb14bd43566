"""Searching the press section: one engine for the listing, feeds, exports and REST.

``parse_criteria`` turns GET parameters (named after the fields) into validated
criteria, or raises ``InvalidParameter`` naming the parameter at fault.
``search`` runs them through the catalog (with the user's permissions and
publication dates, as every Plone search) and counts the facets by
intersecting the result set with the catalog indexes: no object is woken and
no brain is iterated to count.
"""

from BTrees.IIBTree import IISet
from BTrees.IIBTree import intersection
from BTrees.IIBTree import union
from dataclasses import dataclass
from dataclasses import field
from DateTime import DateTime
from datetime import date
from imio.pressbook import _
from imio.pressbook.vocabularies.themes import ThemeTree
from plone.base.utils import munge_search_term
from Products.CMFCore.utils import getToolByName
from Products.ZCTextIndex.ParseTree import ParseError
from zope.component import getUtility
from zope.schema.interfaces import IVocabularyFactory


ARTICLE = "imio.pressbook.PressArticle"
QUESTION = "imio.pressbook.ParliamentaryQuestion"
PRESS_TYPES = (ARTICLE, QUESTION)

# filter parameter -> (catalog index, vocabulary of its tokens)
TOKEN_FILTERS = {
    "outlet": ("outlet", "imio.pressbook.vocabulary.Outlets"),
    "outlet_kind": ("outlet_kind", "imio.pressbook.vocabulary.OutletKinds"),
    "assembly": ("assembly", "imio.pressbook.vocabulary.Assemblies"),
    "question_type": ("question_type", "imio.pressbook.vocabulary.QuestionTypes"),
    "answer_status": ("answer_status", "imio.pressbook.vocabulary.AnswerStatuses"),
}
# facet parameter -> catalog index, in the order the facets are shown
FACETS = {
    "portal_type": "portal_type",
    "year": "pressbook_year",
    "outlet": "outlet",
    "outlet_kind": "outlet_kind",
    "themes": "themes",  # a theme counts the items of the themes below it
    "assembly": "assembly",
    "question_type": "question_type",
    "answer_status": "answer_status",
}
SORTS = {
    "date": "pressbook_date",
    "title": "sortable_title",
    "relevance": None,
}
SORT_ORDERS = ("ascending", "descending")
MAX_BATCH_SIZE = 100
DEFAULT_BATCH_SIZE = 20
MAX_TEXT_LENGTH = 200
YEAR_RANGE = (1800, 2200)


class InvalidParameter(ValueError):
    """A GET parameter the search cannot take; ``parameter`` names it."""

    def __init__(self, parameter, message):
        super().__init__(f"{parameter}: {message}")
        self.parameter = parameter
        self.message = message


@dataclass
class Criteria:
    portal_type: list = field(default_factory=list)
    year: list = field(default_factory=list)
    start: date = None
    end: date = None
    tokens: dict = field(default_factory=dict)  # TOKEN_FILTERS parameter -> [tokens]
    themes: list = field(default_factory=list)  # the themes chosen
    theme_tokens: list = field(default_factory=list)  # and the themes below them
    subject: list = field(default_factory=list)
    text: str = ""
    sort_on: str = "date"
    sort_order: str = "descending"
    b_start: int = 0
    b_size: int = DEFAULT_BATCH_SIZE

    def active(self):
        """The filters in force, as {parameter: [values]} (for links and feeds)."""
        active = {}
        if self.portal_type:
            active["portal_type"] = list(self.portal_type)
        if self.year:
            active["year"] = [str(year) for year in self.year]
        if self.start:
            active["start"] = [self.start.isoformat()]
        if self.end:
            active["end"] = [self.end.isoformat()]
        for name, values in self.tokens.items():
            if values:
                active[name] = list(values)
        if self.themes:
            active["themes"] = list(self.themes)
        if self.subject:
            active["Subject"] = list(self.subject)
        if self.text:
            active["SearchableText"] = [self.text]
        return active


def _values(form, name):
    """Every value of a parameter (``?outlet=a&outlet=b`` or ``outlet:list``)."""
    value = form.get(name)
    if value is None:
        value = form.get(f"{name}:list")
    if value is None or value == "":
        return []
    values = list(value) if isinstance(value, (list, tuple)) else [value]
    if not all(isinstance(item, str) for item in values):
        raise InvalidParameter(name, _("Expected text values."))
    return [item.strip() for item in values if item.strip()]


def _single(form, name):
    values = _values(form, name)
    if len(values) > 1:
        raise InvalidParameter(name, _("Give this parameter once."))
    return values[0] if values else None


def _integer(form, name, default, minimum, maximum):
    value = _single(form, name)
    if value is None:
        return default
    try:
        number = int(value)
    except ValueError:
        raise InvalidParameter(name, _("Expected a whole number.")) from None
    if not minimum <= number <= maximum:
        raise InvalidParameter(
            name,
            _(
                "Expected a number from ${min} to ${max}.",
                mapping={"min": minimum, "max": maximum},
            ),
        )
    return number


def _date(form, name):
    value = _single(form, name)
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise InvalidParameter(name, _("Expected a date as YYYY-MM-DD.")) from None


def _tokens(context, form, name, vocabulary_name):
    values = _values(form, name)
    if not values:
        return []
    vocabulary = getUtility(IVocabularyFactory, vocabulary_name)(context)
    for value in values:
        try:
            vocabulary.getTermByToken(value)
        except LookupError:
            raise InvalidParameter(
                name, _("Unknown value: ${value}.", mapping={"value": value})
            ) from None
    return values


def _themes(context, form, criteria):
    """The themes chosen, and with them every theme below them."""
    values = _values(form, "themes")
    if not values:
        return
    tree = ThemeTree(context, None)
    for value in values:
        if value not in tree:
            raise InvalidParameter(
                "themes", _("Unknown value: ${value}.", mapping={"value": value})
            )
        criteria.themes.append(value)
        for token in tree.with_descendants(value):
            if token not in criteria.theme_tokens:
                criteria.theme_tokens.append(token)


def parse_criteria(context, form):
    """Validated criteria from a request's form; InvalidParameter otherwise."""
    criteria = Criteria()
    for portal_type in _values(form, "portal_type"):
        if portal_type not in PRESS_TYPES:
            raise InvalidParameter(
                "portal_type",
                _("Unknown value: ${value}.", mapping={"value": portal_type}),
            )
        criteria.portal_type.append(portal_type)
    for value in _values(form, "year"):
        try:
            year = int(value)
        except ValueError:
            raise InvalidParameter("year", _("Expected a year.")) from None
        if not YEAR_RANGE[0] <= year <= YEAR_RANGE[1]:
            raise InvalidParameter("year", _("Expected a year."))
        criteria.year.append(year)
    criteria.start = _date(form, "start")
    criteria.end = _date(form, "end")
    if criteria.start and criteria.end and criteria.start > criteria.end:
        raise InvalidParameter("end", _("The end date is before the start date."))
    for name, (_index, vocabulary_name) in TOKEN_FILTERS.items():
        criteria.tokens[name] = _tokens(context, form, name, vocabulary_name)
    _themes(context, form, criteria)
    criteria.subject = _values(form, "Subject")
    text = _single(form, "SearchableText") or ""
    if len(text) > MAX_TEXT_LENGTH:
        raise InvalidParameter(
            "SearchableText",
            _(
                "At most ${max} characters.",
                mapping={"max": MAX_TEXT_LENGTH},
            ),
        )
    criteria.text = text
    sort_on = _single(form, "sort_on")
    if sort_on is not None:
        if sort_on not in SORTS:
            raise InvalidParameter(
                "sort_on", _("Unknown value: ${value}.", mapping={"value": sort_on})
            )
        criteria.sort_on = sort_on
    elif criteria.text:
        criteria.sort_on = "relevance"
    sort_order = _single(form, "sort_order")
    if sort_order is not None:
        if sort_order not in SORT_ORDERS:
            raise InvalidParameter(
                "sort_order",
                _("Unknown value: ${value}.", mapping={"value": sort_order}),
            )
        criteria.sort_order = sort_order
    criteria.b_start = _integer(form, "b_start", 0, 0, 10**7)
    criteria.b_size = _integer(form, "b_size", DEFAULT_BATCH_SIZE, 1, MAX_BATCH_SIZE)
    return criteria


def catalog_query(criteria, path, without=None):
    """The catalog query of the criteria below ``path``, one filter left out."""
    query = {
        "path": path,
        "portal_type": list(criteria.portal_type)
        if criteria.portal_type and without != "portal_type"
        else list(PRESS_TYPES),
    }
    if criteria.year and without != "year":
        query["pressbook_year"] = list(criteria.year)
    if criteria.start or criteria.end:
        start = criteria.start or date(YEAR_RANGE[0], 1, 1)
        end = criteria.end or date(YEAR_RANGE[1], 12, 31)
        query["pressbook_date"] = {
            "query": [_datetime(start), _datetime(end)],
            "range": "min:max",
        }
    for name, (index, _vocabulary) in TOKEN_FILTERS.items():
        values = criteria.tokens.get(name)
        if values and without != name:
            query[index] = list(values)
    if criteria.theme_tokens and without != "themes":
        query["themes"] = list(criteria.theme_tokens)
    if criteria.subject:
        query["Subject"] = {"query": list(criteria.subject), "operator": "and"}
    if criteria.text:
        query["SearchableText"] = munge_search_term(criteria.text)
    return query


def _datetime(day):
    return DateTime(day.year, day.month, day.day)


def _result_set(catalog, query):
    """The record ids matching ``query``: the catalog's own set, no brain made."""
    results = catalog.searchResults(**query)
    sequence = getattr(results, "_seq", None)
    if not sequence:
        return IISet()
    if isinstance(sequence, list) and isinstance(sequence[0], tuple):
        # relevance-scored text results: (score, rid) pairs
        return IISet([rid for _score, rid in sequence])
    return IISet(sequence)


def _count(result_set, postings):
    """How many of ``result_set`` are in an index's postings for one value."""
    if isinstance(postings, int):
        return 1 if postings in result_set else 0
    return len(intersection(result_set, postings))


def facet_counts(catalog, result_set, index_name):
    """{value: count} of an index over a result set, zero counts left out."""
    index = catalog._catalog.getIndex(index_name)
    counts = {}
    for value, postings in index._index.items():
        count = _count(result_set, postings)
        if count:
            counts[value] = count
    return counts


def theme_counts(catalog, result_set, tree):
    """{theme: count} over a result set, a theme counting the items filed
    under it or under any theme below it (each item once); themes no longer
    in the taxonomy left out."""
    index = catalog._catalog.getIndex("themes")
    found = {}
    for token, postings in index._index.items():
        if isinstance(postings, int):
            postings = IISet((postings,))
        rids = intersection(result_set, postings)
        if not rids:
            continue
        for theme in tree.ancestry(token):
            found[theme] = union(found[theme], rids) if theme in found else rids
    return {theme: len(rids) for theme, rids in found.items()}


@dataclass
class SearchResult:
    brains: object  # the sorted, batched catalog results
    total: int
    facets: dict  # parameter -> {value: count}


def search(context, criteria, path=None, with_facets=True):
    """Run the criteria below ``path`` (the context's path by default).

    ``with_facets=False`` leaves the counts out (``SearchResult.facets`` is
    empty): feeds and exports show none.
    """
    catalog = getToolByName(context, "portal_catalog")
    if path is None:
        path = "/".join(context.getPhysicalPath())
    query = catalog_query(criteria, path)
    try:
        result_set = _result_set(catalog, query)
    except ParseError:
        # a text the text index cannot parse: ``(``, a lone ``"``
        raise InvalidParameter(
            "SearchableText", _("Nothing to search for: type words.")
        ) from None
    facets = {}
    active = criteria.active()
    for parameter, index_name in FACETS.items() if with_facets else ():
        if parameter in active:
            # counts of the other values as if this filter were not set, so
            # that a visitor sees what choosing another value would give
            base = _result_set(
                catalog, catalog_query(criteria, path, without=parameter)
            )
        else:
            base = result_set
        if parameter == "themes":
            facets[parameter] = theme_counts(catalog, base, ThemeTree(context, None))
        else:
            facets[parameter] = facet_counts(catalog, base, index_name)
    sorted_query = dict(query)
    sort_index = SORTS[criteria.sort_on]
    if sort_index:
        sorted_query["sort_on"] = sort_index
        sorted_query["sort_order"] = criteria.sort_order
        sorted_query["b_start"] = criteria.b_start
        sorted_query["b_size"] = criteria.b_size
    brains = catalog.searchResults(**sorted_query)
    return SearchResult(brains=brains, total=len(result_set), facets=facets)
