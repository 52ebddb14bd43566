"""`make bench-import`: the bulk import of 5,000 and 20,000 rows into an empty press section.

    python scripts/bench_import.py [--sizes 5000 20000]

For each size, in a fresh database (var/bench-import, removed first), by
zconsole (scripts/bench_import_run.py): a site with an empty press section and
a CSV of the benchmark's mix; then, in another process, the import
(batches of 500 committed) with its speed, the process's memory after each
batch and its peak, and a check that ``@pressbook-search``'s facet counts are
those of the file. Prints a table and writes var/bench-import/results.json.
The instance's zope.conf is scripts/make_instance.py's (ZODB cache of 30,000
objects).
"""

from pathlib import Path

import argparse
import json
import shutil
import subprocess
import sys


ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
BENCH = ROOT / "var" / "bench-import"
INSTANCE = BENCH / "instance"
RUN = ROOT / "scripts" / "bench_import_run.py"


def zconsole(*args):
    subprocess.run(  # noqa: S603
        [str(BIN / "zconsole"), "run", str(INSTANCE / "etc" / "zope.conf"), str(RUN)]
        + [str(arg) for arg in args],
        check=True,
    )


def table(results):
    lines = [
        "| rows   | load      | items/s | per CPU s | time (s) | memory at start (MB) | after 1st batch | at the end | peak (MB) | objects a batch woke | facets |",
        "|--------|-----------|---------|-----------|----------|----------------------|-----------------|------------|-----------|----------------------|--------|",
    ]
    for result in results:
        samples = result["rss_samples"]
        facets = "match" if not result["facet_mismatches"] else "DIFFER"
        load = "{} to {}".format(*result.get("load", ("?", "?")))
        awake = [count for count in result.get("objects_awake", ()) if count]
        awake = f"{awake[0]} to {max(awake)}" if awake else "?"
        lines.append(
            f"| {result['size']:>6} | {load:<9} | {result['items_per_second']:>7} | "
            f"{result.get('items_per_cpu_second', '?'):>9} | "
            f"{result['seconds']:>8} | {result['rss_start_mb']:>20} | "
            f"{samples[0][1]:>15} | {samples[-1][1]:>10} | {result['peak_mb']:>9} | "
            f"{awake:>20} | {facets:<6} |"
        )
    return "\n".join(lines)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[5000, 20000])
    args = parser.parse_args(argv)
    shutil.rmtree(BENCH, ignore_errors=True)
    subprocess.run(  # noqa: S603
        [sys.executable, str(ROOT / "scripts" / "make_instance.py"), str(INSTANCE)],
        check=True,
    )
    results = []
    for size in args.sizes:
        rows = BENCH / f"rows-{size}.csv"
        result = BENCH / f"result-{size}.json"
        zconsole("setup", size, rows)
        zconsole("import", size, rows, result)
        results.append(json.loads(result.read_text()))
    (BENCH / "results.json").write_text(json.dumps(results, indent=1))
    print(table(results))
    for result in results:
        if result["refused"]:
            print(
                f"{result['size']}: {result['refused']} refused: {result['refused_messages']}"
            )
        if result["facet_mismatches"]:
            print(f"{result['size']}: facets differ: {result['facet_mismatches']}")
    failed = any(r["refused"] or r["facet_mismatches"] for r in results)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
