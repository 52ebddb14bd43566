"""The statistics of a search: how many items per value of each dimension
(month, outlet, theme, MP...) and the questions' answer delays, over the
items matching the listing's criteria, for the current user.

Counted from the catalog's indexes, never from the objects. The reference
(``reference_statistics``) asks the catalog through its public API, one query
per value as ``engine.count_values`` does; ``fast.statistics`` reads the same
indexes from the inside, proved equal by tests/stats/test_fast_statistics.py.

A theme counts the items filed under it or any theme below it, each once
(the ``themes`` index holds each item's themes with their parents). Empty
values (a question without a group) are not counted.

The answer delay of a question is the number of days from its date to its
first answer that is not a holding one (``pressbook_answer_delay``); a
question awaiting one has none. ``summary`` gives their median and 90th
percentile.
"""

from dataclasses import dataclass
from dataclasses import field
from imio.pressbook.search.engine import catalog_query
from imio.pressbook.search.engine import count_values
from plone import api

import math


# dimension -> catalog index, in the order the page shows them
DIMENSIONS = {
    "month": "pressbook_month",
    "outlet": "outlet",
    "outlet_kind": "outlet_kind",
    "themes": "themes",
    "assembly": "assembly",
    "asked_by": "asked_by",
    "asked_by_group": "asked_by_group",
    "addressed_to": "addressed_to",
    "addressee_role": "addressee_role",
}
DELAY_INDEX = "pressbook_answer_delay"
# answer delays are given per value of these dimensions
DELAY_DIMENSIONS = ("addressed_to", "assembly")


@dataclass
class Statistics:
    total: int = 0
    counts: dict = field(default_factory=dict)  # dimension -> {value: count}
    # dimension of DELAY_DIMENSIONS -> {value: sorted [delay in days]};
    # "all": {None: every delay}
    delays: dict = field(default_factory=dict)


@dataclass
class DelaySummary:
    count: int  # questions answered
    median: float
    percentile_90: int


def median(values):
    """The middle value of sorted ``values`` (the mean of the two middle ones
    for an even count)."""
    middle = len(values) // 2
    if len(values) % 2:
        return values[middle]
    return (values[middle - 1] + values[middle]) / 2


def percentile(values, fraction):
    """The nearest-rank percentile of sorted ``values``: the smallest value
    that ``fraction`` of them do not exceed."""
    rank = max(1, math.ceil(fraction * len(values)))
    return values[rank - 1]


def summary(delays):
    """DelaySummary of sorted delays; None without any."""
    if not delays:
        return None
    return DelaySummary(
        count=len(delays), median=median(delays), percentile_90=percentile(delays, 0.9)
    )


def _counted(counts):
    return {value: count for value, count in counts.items() if value not in ("", None)}


def reference_statistics(context, criteria, path=None):
    """The Statistics of ``criteria`` below ``path``, from the catalog's
    public API: one query per value counted."""
    catalog = api.portal.get_tool("portal_catalog")
    if path is None:
        path = "/".join(context.getPhysicalPath())
    query = catalog_query(criteria, path)
    result = Statistics(total=len(catalog.searchResults(**query)))
    for dimension, index in DIMENSIONS.items():
        result.counts[dimension] = _counted(_count_values(catalog, query, index))
    delay_counts = count_values(catalog, query, DELAY_INDEX)
    result.delays["all"] = {None: _expand(delay_counts)}
    for dimension in DELAY_DIMENSIONS:
        index = DIMENSIONS[dimension]
        per_value = {}
        for value in result.counts[dimension]:
            over = dict(query, **{index: {"query": value}})
            delays = _expand(count_values(catalog, over, DELAY_INDEX))
            if delays:
                per_value[value] = delays
        result.delays[dimension] = per_value
    return result


def _count_values(catalog, query, index):
    """{value: how many items of ``query`` have it}: ``count_values``, and
    when ``query`` filters on ``index`` itself (``themes=informatique``: the
    count of ``tutelle`` is of the items under both), the items of each value
    found among those of ``query``."""
    if index not in query:
        return count_values(catalog, query, index)
    matching = {brain.getRID() for brain in catalog.searchResults(**query)}
    counts = {}
    for value in catalog.uniqueValuesFor(index):
        over = dict(query, **{index: {"query": value}})
        found = sum(
            1 for brain in catalog.searchResults(**over) if brain.getRID() in matching
        )
        if found:
            counts[value] = found
    return counts


def _expand(counts):
    """``{delay: how many}`` as the sorted list of delays."""
    return sorted(delay for delay, count in counts.items() for _repeat in range(count))
