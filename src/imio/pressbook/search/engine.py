"""The reference search of the press section: what it answers, on Plone's
public catalog API only.

A search runs validated criteria (``parse_criteria``) below a path:

- **items**: the catalog's answer to ``catalog_query(criteria, path)``, with
  the user's permissions and publication dates as every Plone search,
  sorted by ``sort_on`` and ``sort_order`` (by relevance: the text index's
  scores, best first) and, when sorted, batched by ``b_start`` and
  ``b_size``: ``SearchResult.brains`` is what ``searchResults`` returns;
- **total**: how many items match;
- **facets**: for each facet (FACETS), how many items each value would give.
  The facets are disjunctive: a facet counts its values over the items
  matching every criterion but its own, so that a visitor sees what choosing
  another value of it would give. A value is counted by asking the catalog
  for it; a theme counts the items filed below it (the index holds each
  item's themes with their parents).

The answer status ``overdue`` is not in the catalog: it is derived when
searching (``imio.pressbook.question_status``), from the metadata of the
questions the catalog finds. Asked for, it restricts the query to the UIDs
of the items it keeps; counted, it is the number of overdue questions among
those a value of the facet would give. An overdue question is awaiting an
answer too.

The counts are kept (plone.memoize) for the catalog's change counter, the
user, the query and the minute (the publication dates' precision): what the
catalog itself would answer.

``fast.py`` answers the same, faster; a property test proves
the two equal (tests/search/test_fast_path.py).
"""

from dataclasses import dataclass
from DateTime import DateTime
from datetime import date
from imio.pressbook import _
from imio.pressbook.indexers.text import TEXT_INDEX
from imio.pressbook.question_status import answer_deadlines
from imio.pressbook.question_status import local_today
from imio.pressbook.question_status import OVERDUE
from imio.pressbook.question_status import question_status
from imio.pressbook.search.criteria import FACETS
from imio.pressbook.search.criteria import InvalidParameter
from imio.pressbook.search.criteria import PRESS_TYPES
from imio.pressbook.search.criteria import SORTS
from imio.pressbook.search.criteria import TOKEN_FILTERS
from imio.pressbook.search.criteria import YEAR_RANGE
from plone import api
from plone.base.utils import munge_search_term
from plone.memoize import ram
from Products.ZCTextIndex.ParseTree import ParseError
from ZTUtils.Lazy import LazyCat


@dataclass
class SearchResult:
    brains: object  # the sorted, batched catalog results
    total: int
    facets: dict  # parameter -> {value: count}


STATUS_INDEX = "answer_status"


def derived_statuses(criteria):
    """The answer statuses chosen when one of them is not in the catalog
    (``overdue``); None otherwise."""
    statuses = criteria.tokens.get("answer_status") or []
    return list(statuses) if OVERDUE in statuses else None


def catalog_query(criteria, path):
    """The catalog query of the criteria below ``path``; without the answer
    status when ``overdue`` is chosen (``derived_statuses``): it is not in
    the catalog."""
    query = {
        "path": path,
        "portal_type": list(criteria.portal_type or PRESS_TYPES),
    }
    if criteria.year:
        query["pressbook_year"] = list(criteria.year)
    if criteria.start or criteria.end:
        start = criteria.start or date(YEAR_RANGE[0], 1, 1)
        end = criteria.end or date(YEAR_RANGE[1], 12, 31)
        query["pressbook_date"] = {
            "query": [as_catalog_date(start), as_catalog_date(end)],
            "range": "min:max",
        }
    for name, (index, _vocabulary) in TOKEN_FILTERS.items():
        values = criteria.tokens.get(name)
        if name == "answer_status" and derived_statuses(criteria):
            continue
        if values:
            # as a record: ZCatalog reads a plain ``outlet`` value's options
            # from the keys named ``outlet_*``, ``outlet_kind`` among them
            query[index] = {"query": list(values)}
    if criteria.themes:
        query["themes"] = list(criteria.themes)
    if criteria.subject:
        query["Subject"] = {"query": list(criteria.subject), "operator": "and"}
    if criteria.text:
        # the press items' own text index: French plurals and accents ignored
        query[TEXT_INDEX] = munge_search_term(criteria.text)
    return query


def as_catalog_date(day):
    """A day as the ``pressbook_date`` index is queried: its midnight."""
    return DateTime(day.year, day.month, day.day)


def search(context, criteria, path=None, with_facets=True):
    """The items, total and facet counts of ``criteria`` below ``path``
    (the context's path by default); no counts with ``with_facets=False``."""
    catalog = api.portal.get_tool("portal_catalog")
    if path is None:
        path = "/".join(context.getPhysicalPath())
    statuses = derived_statuses(criteria)
    deadlines, today = answer_deadlines(context), local_today()
    try:
        query = with_statuses(
            catalog, catalog_query(criteria, path), statuses, deadlines, today
        )
        if query is None:
            brains = LazyCat([])
        else:
            if SORTS[criteria.sort_on] is not None:
                query.update(
                    sort_on=SORTS[criteria.sort_on],
                    sort_order=criteria.sort_order,
                    b_start=criteria.b_start,
                    b_size=criteria.b_size,
                )
            brains = catalog.searchResults(**query)
    except ParseError:
        raise InvalidParameter(
            "SearchableText", _("Nothing to search for: type words.")
        ) from None
    total = getattr(brains, "actual_result_count", None) or len(brains)
    facets = {}
    if with_facets:
        active = criteria.active()
        for parameter, index in FACETS.items():
            over = catalog_query(criteria, path)
            own = statuses
            if parameter in active:
                # every criterion but this facet's own
                over.pop(index, None)
                if index == "portal_type":
                    over[index] = list(PRESS_TYPES)
                if index == STATUS_INDEX:
                    own = None
            over = with_statuses(catalog, over, own, deadlines, today)
            if over is None:
                facets[parameter] = {}
                continue
            # a copy: the counts are kept (ram.cache), overdue is not
            facets[parameter] = dict(count_values(catalog, over, index))
            if index == STATUS_INDEX:
                overdue = count_overdue(catalog, over, deadlines, today)
                if overdue:
                    facets[parameter][OVERDUE] = overdue
    return SearchResult(brains=brains, total=total, facets=facets)


def _status_matches(brain, statuses, deadlines, today):
    if brain.answer_status in statuses:
        return True
    return question_status(brain, deadlines, today) in statuses


def with_statuses(catalog, query, statuses, deadlines, today):
    """``query`` restricted to the items of one of the answer ``statuses``
    (``overdue`` among them, derived from the metadata): the UIDs of those
    the query finds; None when it finds none. ``query`` as it is without
    statuses."""
    if not statuses:
        return query
    uids = [
        brain.UID
        for brain in catalog.searchResults(**query)
        if _status_matches(brain, statuses, deadlines, today)
    ]
    if not uids:
        return None
    return dict(query, UID={"query": uids})


def count_overdue(catalog, query, deadlines, today):
    """How many items of ``query`` are overdue questions."""
    return sum(
        question_status(brain, deadlines, today) == OVERDUE
        for brain in catalog.searchResults(**query)
    )


def _counts_key(method, catalog, query, index):
    user = api.user.get_current()
    return (
        "/".join(catalog.getPhysicalPath()),
        catalog.getCounter(),
        user.getId(),
        tuple(sorted(user.getRoles())),
        tuple(sorted(getattr(user, "getGroups", tuple)())),
        repr(sorted(query.items())),
        index,
        int(DateTime().timeTime() // 60),
    )


@ram.cache(_counts_key)
def count_values(catalog, query, index):
    """{value: how many items of ``query`` have it} for each value of
    ``index``, values found in no item left out."""
    values = catalog.uniqueValuesFor(index)
    if index == "portal_type":
        values = [value for value in values if value in PRESS_TYPES]
    counts = {}
    for value in values:
        found = len(catalog.searchResults(**dict(query, **{index: {"query": value}})))
        if found:
            counts[value] = found
    return counts
