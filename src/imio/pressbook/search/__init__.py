"""Searching the press section: one search for the listing, the feeds, the
exports and REST, in three rooms, as plone.restapi's search is:

- ``criteria.py``: GET parameters to validated criteria (``parse_criteria``);
- ``engine.py``: the reference, on Plone's public catalog API: what the press
  section answers (items, total, facet counts), readable by any Plone
  developer;
- ``fast.py``: the same answers, faster, from the inside of ZCatalog; the
  only module allowed private names, proved equal to the reference by
  property tests, and switched off by the registry record
  ``imio.pressbook.fast_search``.

``count_statistics`` counts the result of criteria per month, outlet, theme,
MP, minister... with the answer delays (``statistics.py``, the reference,
and ``fast.statistics``), under the same switch.
"""

from imio.pressbook.search.criteria import ARTICLE  # noqa: F401
from imio.pressbook.search.criteria import batch_start  # noqa: F401
from imio.pressbook.search.criteria import Criteria  # noqa: F401
from imio.pressbook.search.criteria import DEFAULT_BATCH_SIZE  # noqa: F401
from imio.pressbook.search.criteria import FACETS  # noqa: F401
from imio.pressbook.search.criteria import InvalidParameter  # noqa: F401
from imio.pressbook.search.criteria import MAX_BATCH_SIZE  # noqa: F401
from imio.pressbook.search.criteria import parse_criteria  # noqa: F401
from imio.pressbook.search.criteria import PRESS_TYPES  # noqa: F401
from imio.pressbook.search.criteria import QUESTION  # noqa: F401
from imio.pressbook.search.criteria import SORTS  # noqa: F401
from imio.pressbook.search.criteria import TOKEN_FILTERS  # noqa: F401
from imio.pressbook.search.engine import catalog_query  # noqa: F401
from imio.pressbook.search.engine import SearchResult  # noqa: F401
from Products.CMFCore.utils import getToolByName


FAST_SEARCH = "imio.pressbook.fast_search"


def search(context, criteria, path=None, with_facets=True):
    """The items, total and facet counts of ``criteria`` below ``path`` (the
    context's path by default), as ``engine.search`` defines them; answered
    by ``fast.search`` unless the registry record ``imio.pressbook.fast_search``
    is off."""
    from imio.pressbook.search import engine
    from imio.pressbook.search import fast

    registry = getToolByName(context, "portal_registry", None)
    if registry is None or registry.get(FAST_SEARCH, True):
        return fast.search(context, criteria, path, with_facets)
    return engine.search(context, criteria, path, with_facets)


def count_statistics(context, criteria, path=None):
    """The Statistics of ``criteria`` below ``path`` (counts per month,
    outlet, theme, MP..., answer delays), as ``statistics.reference_statistics``
    defines them; answered by ``fast.statistics`` unless the registry record
    ``imio.pressbook.fast_search`` is off."""
    from imio.pressbook.search import fast
    from imio.pressbook.search.statistics import reference_statistics

    registry = getToolByName(context, "portal_registry", None)
    if registry is None or registry.get(FAST_SEARCH, True):
        return fast.statistics(context, criteria, path)
    return reference_statistics(context, criteria, path)
