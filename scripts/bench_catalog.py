"""The floor of `make bench`: the bare catalog query, in-process, as a visitor.

    zconsole run var/bench/instance/etc/zope.conf scripts/bench_catalog.py RUNS SIZE...

Prints one JSON line: the same rows as scripts/bench.py, scenario "catalog query (floor)".
"""

from AccessControl.SecurityManagement import newSecurityManager
from AccessControl.SpecialUsers import nobody
from plone.base.utils import munge_search_term
from zope.component.hooks import setSite

import json
import statistics
import sys
import time


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
    print(json.dumps(rows))


if __name__ == "__main__":
    runs, *sizes = (int(arg) for arg in script_arguments("bench_catalog.py"))
    main(app, runs, sizes)  # noqa: F821 (bound by zconsole)
