"""The press search's criteria: GET parameters to validated criteria.

``parse_criteria`` turns a request's form (parameters named after the fields:
``outlet``, ``year``, ``themes``, ``SearchableText``...) into ``Criteria``, or
raises ``InvalidParameter`` naming the parameter at fault (the views answer
it with a 400). No catalog here: the names of the press types, the
parameters, the facets and the batch bounds, and how each is read.
"""

from dataclasses import dataclass
from dataclasses import field
from datetime import date
from imio.pressbook import _
from imio.pressbook.themes import ThemeTree
from zope.component import getUtility
from zope.schema.interfaces import IVocabularyFactory

import re


ARTICLE = "imio.pressbook.PressArticle"
QUESTION = "imio.pressbook.ParliamentaryQuestion"
PRESS_TYPES = (ARTICLE, QUESTION)

# filter parameter -> (catalog index, vocabulary of its tokens)
TOKEN_FILTERS = {
    "outlet": ("outlet", "imio.pressbook.vocabulary.Outlets"),
    "outlet_kind": ("outlet_kind", "imio.pressbook.vocabulary.OutletKinds"),
    "assembly": ("assembly", "imio.pressbook.vocabulary.Assemblies"),
    "question_type": ("question_type", "imio.pressbook.vocabulary.QuestionTypes"),
    # answered, awaiting, and overdue (derived when searching: question_status)
    "answer_status": ("answer_status", "imio.pressbook.vocabulary.AnswerStatusFilters"),
}
# facet parameter -> catalog index, in the order the facets are shown
FACETS = {
    "portal_type": "portal_type",
    "year": "pressbook_year",
    "outlet": "outlet",
    "outlet_kind": "outlet_kind",
    "themes": "themes",  # indexed with their parents: a parent counts its children
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
MAX_B_START = 10**7
MAX_VALUES = 100  # values of one parameter
# every parameter parse_criteria reads
PARAMETERS = frozenset(
    (
        "portal_type",
        "year",
        "start",
        "end",
        *TOKEN_FILTERS,
        "themes",
        "Subject",
        "SearchableText",
        "sort_on",
        "sort_order",
        "b_start",
        "b_size",
    )
)
# the parameters that take several values: also read as ``name[]``, the form
# of axios and Volto (``themes[]=a&themes[]=b``)
LIST_PARAMETERS = frozenset(
    ("portal_type", "year", *TOKEN_FILTERS, "themes", "Subject")
)
# a name that begins as a parameter's and goes on with brackets, a dot or a colon
MALFORMED_NAME = re.compile(r"([A-Za-z_]+)[\[\].:]")
WHOLE_NUMBER = re.compile(r"-?[0-9]+")
ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
# bytes that were not UTF-8 reach the form as lone surrogates (surrogateescape)
SURROGATES = re.compile(r"[\ud800-\udfff]")
CONTROLS = re.compile(r"[\x00-\x1f\x7f-\x9f]")


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
    themes: list = field(default_factory=list)  # a parent includes its children
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


def _text(name, value):
    """A parameter's value as text, checked: valid UTF-8 (Zope keeps bytes
    that are not as lone surrogates), no control character, not too long."""
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)  # Zope's ``b_start:int``
    if not isinstance(value, str):
        raise InvalidParameter(name, _("Expected text values."))
    if SURROGATES.search(value):
        raise InvalidParameter(name, _("Expected text encoded in UTF-8."))
    if CONTROLS.search(value):
        raise InvalidParameter(name, _("Control characters are not allowed."))
    if len(value) > MAX_TEXT_LENGTH:
        raise InvalidParameter(
            name, _("At most ${max} characters.", mapping={"max": MAX_TEXT_LENGTH})
        )
    return value.strip()


def _values(form, name):
    """Every value of a parameter (``?outlet=a&outlet=b``, ``outlet:list``, and
    ``outlet[]=a`` for the parameters that take several values)."""
    forms = [name, f"{name}:list"]
    if name in LIST_PARAMETERS:
        forms.append(f"{name}[]")
    values = []
    for key in forms:
        value = form.get(key)
        if value is None or value == "":
            continue
        values.extend(value if isinstance(value, (list, tuple)) else [value])
    if not values:
        return []
    if len(values) > MAX_VALUES:
        raise InvalidParameter(
            name, _("At most ${max} values.", mapping={"max": MAX_VALUES})
        )
    values = [_text(name, item) for item in values]
    return [item for item in values if item]


def _check_names(form):
    """Refuse a parameter written in another form than ``name=value``, or
    ``name[]=value`` for those that take several values (``themes[0]=a``,
    ``b_start[]=1``, ``b_start.x=1``, ``year:=2014``): it is not ignored."""
    for key in form:
        if not isinstance(key, str) or key in PARAMETERS:
            continue
        match = MALFORMED_NAME.match(key)
        if not match or match.group(1) not in PARAMETERS:
            continue
        name = match.group(1)
        if key == f"{name}:list":
            continue
        if name in LIST_PARAMETERS:
            if key == f"{name}[]":
                continue
            message = _(
                "Give this parameter as ${name}=value or ${name}[]=value, "
                "without indexes, dots or suffixes.",
                mapping={"name": name},
            )
        else:
            message = _(
                "Give this parameter as ${name}=value, without brackets, "
                "dots or suffixes.",
                mapping={"name": name},
            )
        raise InvalidParameter(name, message)


def _single(form, name):
    values = _values(form, name)
    if len(values) > 1:
        raise InvalidParameter(name, _("Give this parameter once."))
    return values[0] if values else None


def _integer(form, name, default, minimum, maximum):
    value = _single(form, name)
    if value is None:
        return default
    if not WHOLE_NUMBER.fullmatch(value):
        raise InvalidParameter(name, _("Expected a whole number."))
    number = int(value)
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
        if not ISO_DATE.fullmatch(value):
            raise ValueError(value)
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
    """The themes chosen (the index holds each item's themes with their
    parents: a parent finds the items filed below it)."""
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


def parse_criteria(context, form):
    """Validated criteria from a request's form; InvalidParameter otherwise."""
    criteria = Criteria()
    _check_names(form)
    for portal_type in _values(form, "portal_type"):
        if portal_type not in PRESS_TYPES:
            raise InvalidParameter(
                "portal_type",
                _("Unknown value: ${value}.", mapping={"value": portal_type}),
            )
        criteria.portal_type.append(portal_type)
    for value in _values(form, "year"):
        if not WHOLE_NUMBER.fullmatch(value):
            raise InvalidParameter("year", _("Expected a year."))
        year = int(value)
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
    criteria.text = _single(form, "SearchableText") or ""
    sort_on = _single(form, "sort_on")
    if sort_on is not None:
        if sort_on not in SORTS:
            raise InvalidParameter(
                "sort_on", _("Unknown value: ${value}.", mapping={"value": sort_on})
            )
        criteria.sort_on = sort_on
    elif criteria.text:
        criteria.sort_on = "relevance"
    if criteria.sort_on == "relevance" and not criteria.text:
        # no words, no relevance: newest first
        criteria.sort_on = "date"
    sort_order = _single(form, "sort_order")
    if sort_order is not None:
        if sort_order not in SORT_ORDERS:
            raise InvalidParameter(
                "sort_order",
                _("Unknown value: ${value}.", mapping={"value": sort_order}),
            )
        criteria.sort_order = sort_order
    criteria.b_start = batch_start(form)
    criteria.b_size = _integer(form, "b_size", DEFAULT_BATCH_SIZE, 1, MAX_BATCH_SIZE)
    return criteria


def batch_start(form):
    """``b_start`` of a form, checked (0 without one): for the views that
    page through a result they do not filter (a Collection's)."""
    _check_names({key: None for key in form if key.startswith("b_start")})
    return _integer(form, "b_start", 0, 0, MAX_B_START)
