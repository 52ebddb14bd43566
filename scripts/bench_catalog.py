"""The in-process measures of `make bench`, as a visitor, server stopped:

- "catalog query (floor)": the bare catalog query;
- "reference engine": the press search's reference (search/engine.py), the
  same criteria as the listing: the price of the fast path made visible;
- "fast path": the same search through search/fast.py;
- "first search after an edit": the fast path's first search after a commit
  that changed a facet index (an article's outlet), to set against a steady
  search of the same query;
- "search memory (MB)": what the fast path keeps in memory per process
  (its facet table and base sets), measured with tracemalloc; the objects
  loaded from the database (the ZODB cache, bounded by cache-size) left out.

    zconsole run var/bench/instance/etc/zope.conf scripts/bench_catalog.py RUNS SIZE...

Prints one JSON line: rows like those of scripts/bench.py.
"""

from AccessControl.SecurityManagement import newSecurityManager
from AccessControl.SpecialUsers import nobody
from plone.base.utils import munge_search_term
from zope.component.hooks import setSite

import gc
import json
import statistics
import sys
import time
import tracemalloc
import transaction


SCRIPT = next(arg for arg in sys.argv if arg.endswith("bench_catalog.py"))
sys.path.insert(0, SCRIPT.rsplit("/", 1)[0])
from bench_populate import QUERIES  # noqa: E402
from bench_populate import query_themes  # noqa: E402
from bench_populate import script_arguments  # noqa: E402


def catalog_query(params, path):
    query = {
        "path": path,
        "portal_type": [
            "imio.pressbook.PressArticle",
            "imio.pressbook.ParliamentaryQuestion",
        ],
        "sort_on": "pressbook_date",
        "sort_order": "descending",
        "sort_limit": 20,
    }
    for key, value in params.items():
        index = {"year": "pressbook_year"}.get(key, key)
        if index == "pressbook_year":
            value = int(value)
        elif index == "SearchableText":
            # as the press search asks it: its own French text index
            index, value = "pressbook_text", munge_search_term(value)
        query[index] = value
    return query


def timed(function, runs):
    """p50 and p95, in ms, of ``runs`` calls of ``function`` after two warm-up ones."""
    timings = []
    for _ in range(runs + 2):
        start = time.perf_counter()
        function()
        timings.append((time.perf_counter() - start) * 1000)
    timings = sorted(timings[2:])
    return {
        "p50": statistics.median(timings),
        "p95": timings[min(len(timings) - 1, round(0.95 * (len(timings) - 1)))],
        "status": 200,
    }


def search_rows(site, book, params, name, size, runs):
    """The reference and the fast path, and the fast path's first search
    after an edit, for one query of the listing."""
    from imio.pressbook.search import engine
    from imio.pressbook.search import fast
    from imio.pressbook.search import parse_criteria

    criteria = parse_criteria(book, params)

    def page(result):
        return [(brain.Title, brain.getURL()) for brain in result.brains[:20]]

    rows = [
        dict(
            timed(lambda: page(engine.search(book, criteria)), max(5, runs // 3)),
            scenario="reference engine",
        ),
        dict(
            timed(lambda: page(fast.search(book, criteria)), runs), scenario="fast path"
        ),
    ]
    # an article's outlet changed and committed, then the first search
    article = next(
        brain._unrestrictedGetObject()
        for brain in site.portal_catalog.unrestrictedSearchResults(
            portal_type="imio.pressbook.PressArticle", sort_limit=1
        )
    )
    outlets = ["le-soir", "la-libre"]
    timings = []
    for run in range(runs):
        article.outlet = outlets[run % 2]
        article.reindexObject(idxs=["outlet", "outlet_kind"])
        transaction.commit()
        start = time.perf_counter()
        page(fast.search(book, criteria))
        timings.append((time.perf_counter() - start) * 1000)
    timings.sort()
    rows.append(
        {
            "scenario": "first search after an edit",
            "p50": statistics.median(timings),
            "p95": timings[min(len(timings) - 1, round(0.95 * (len(timings) - 1)))],
            "status": 200,
        }
    )
    for row in rows:
        row.update(size=size, query=name)
    return rows


def memory_row(book, size):
    """MB the fast path keeps per process for one press section: its facet
    table and the base sets of the kinds of users, built afresh."""
    from imio.pressbook.search import fast
    from imio.pressbook.search import parse_criteria

    fast._TABLES.clear()
    fast._BASES.clear()
    fast._TEXTS.clear()
    fast._OVERDUE.clear()
    fast._SORTED_COUNTS.clear()
    gc.collect()
    tracemalloc.start()
    before = tracemalloc.take_snapshot()
    fast.search(book, parse_criteria(book, {}))
    gc.collect()
    after = tracemalloc.take_snapshot()
    tracemalloc.stop()
    # the objects the search loads from the database live in the ZODB
    # cache (bounded by zope.conf's cache-size, shared with every other
    # read): not what the search keeps
    database = [
        tracemalloc.Filter(False, "*/ZODB/*"),
        tracemalloc.Filter(False, "*/persistent/*"),
    ]
    after, before = after.filter_traces(database), before.filter_traces(database)
    kept = sum(stat.size_diff for stat in after.compare_to(before, "filename"))
    return {
        "size": size,
        "query": "unfiltered",
        "scenario": "search memory (MB)",
        "p50": kept / 2**20,
        "p95": kept / 2**20,
        "status": 200,
        "unit": "MB",
    }


def main(app, runs, sizes):
    newSecurityManager(None, nobody)
    rows = []
    for size in sizes:
        site = app[f"bench-{size}"]
        setSite(site)
        catalog = site.portal_catalog
        path = "/".join(site.getPhysicalPath()) + "/dans-les-medias"
        themes = query_themes(site)
        for name, (_criteria, params) in QUERIES.items():
            # the listing's own parameters: the benchmark theme alone
            form = {
                key: themes[0] if value == "@theme" and themes else value
                for key, value in params.items()
            }
            if "@theme" in params.values():
                if not themes:
                    continue
                # the theme and the themes below it, as the press search
                params = {
                    key: themes if value == "@theme" else value
                    for key, value in params.items()
                }
            query = catalog_query(params, path)
            timings = []
            for _ in range(runs + 2):
                start = time.perf_counter()
                results = catalog.searchResults(**query)
                [
                    (brain.Title, brain.pressbook_date, brain.getURL())
                    for brain in results[:20]
                ]
                timings.append((time.perf_counter() - start) * 1000)
            timings = sorted(timings[2:])
            rows.append(
                {
                    "size": size,
                    "query": name,
                    "scenario": "catalog query (floor)",
                    "p50": statistics.median(timings),
                    "p95": timings[
                        min(len(timings) - 1, round(0.95 * (len(timings) - 1)))
                    ],
                    "status": 200,
                }
            )
            book = site["dans-les-medias"]
            rows.extend(search_rows(site, book, form, name, size, runs))
        rows.append(memory_row(site["dans-les-medias"], size))
    print(json.dumps(rows))


if __name__ == "__main__":
    runs, *sizes = (int(arg) for arg in script_arguments("bench_catalog.py"))
    main(app, runs, sizes)  # noqa: F821 (bound by zconsole)
