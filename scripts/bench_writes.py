"""`make bench-writes`: editors writing at once, on one process, two ZEO clients
and two RelStorage instances.

    python scripts/bench_writes.py [--writers 8] [--seconds 60] [--setups one-process zeo relstorage]

For each set-up, on a fresh demo site (scripts/serve_cluster.py, as
`make start`, `make start-zeo` and `make start-relstorage` serve it, on free
ports, data in var/bench-writes/<set-up>):

1. ``--writers`` threads create press articles in the demo press section over
   plone.restapi (POST, as admin) for ``--seconds``; writer *n* sends to
   instance *n* modulo the number of instances;
2. counts the responses: 201, 500 (Zope answers 500 once its retries of a
   ConflictError are spent: the 500s whose error is ZODB's ConflictError or one
   of its kin, RelStorage's VoteReadConflictError, UnableToLockRows...Error,
   are counted apart), any other status, and measures each request's time;
3. checks that every acknowledged create (201) is found on every instance
   (plone.restapi's ``@search`` of the press section, through the catalog, and
   a GET of the item);
4. counts the ConflictErrors the instances met, retried or not, by the class
   of the object they were on and by the attempt of their request (the lines
   of the ``imio.pressbook.conflicts`` logger in each instance's event log).

Prints a table (writes/s counts the 201s) and writes var/bench-writes/results.json.
Not part of `make test`. Only 127.0.0.1 is ever contacted.
"""

from collections import Counter
from pathlib import Path

import argparse
import importlib
import json
import re
import shutil
import socket
import sys
import threading
import time


ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "var" / "bench-writes"
RESULTS = BENCH / "results.json"
BOOK = "Plone/presentation/dans-les-medias"
ARTICLE = "imio.pressbook.PressArticle"
OUTLETS = ("le-soir", "la-derniere-heure", "l-avenir", "la-libre", "rtl-tvi")
SETUPS = {
    # name: (storage, instances)
    "one-process": ("filestorage", 1),
    "zeo": ("zeo", 2),
    "relstorage": ("relstorage", 2),
}
TITLES = {
    "one-process": "one process (FileStorage)",
    "zeo": "two ZEO clients",
    "relstorage": "two RelStorage instances",
}

sys.path.insert(0, str(ROOT / "scripts"))
import serve_cluster  # noqa: E402


# where the ConflictErrors of ZODB and RelStorage are defined
CONFLICT_MODULES = (
    "ZODB.POSException",
    "relstorage.adapters.interfaces",
    "relstorage.storage.interfaces",
    "relstorage.storage.tpc.begin",
)


def log(message):
    print(f"bench-writes: {message}", file=sys.stderr, flush=True)


def error_type(response):
    """The name of the exception a 500 reports (plone.restapi's JSON `type`)."""
    try:
        name = response.json().get("type")
    except ValueError:
        name = None
    if not name:
        match = re.search(r"\b(\w+(?:Error|Exception))\b", response.text)
        name = match.group(1) if match else "unknown"
    return name


def is_conflict(name):
    """Is ``name`` ZODB's ConflictError or a subclass (what Zope retries)?"""
    from ZODB.POSException import ConflictError

    for module_name in CONFLICT_MODULES:
        cls = getattr(importlib.import_module(module_name), name, None)
        if isinstance(cls, type) and issubclass(cls, ConflictError):
            return True
    return False


def percentile(values, fraction):
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def free_ports(count):
    sockets = []
    try:
        for _ in range(count):
            sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            sock.bind(("127.0.0.1", 0))
            sockets.append(sock)
        return [sock.getsockname()[1] for sock in sockets]
    finally:
        for sock in sockets:
            sock.close()


def session():
    import requests

    http = requests.Session()
    http.auth = ("admin", "admin")
    http.headers["Accept"] = "application/json"
    return http


def writer(number, url, deadline, records):
    """Create articles until ``deadline``; append (status, seconds, path, error)."""
    http = session()
    count = 0
    while time.monotonic() < deadline:
        count += 1
        payload = {
            "@type": ARTICLE,
            "title": f"Revue de presse {number}-{count}",
            "publication_date": "2026-03-14",
            "outlet": OUTLETS[count % len(OUTLETS)],
        }
        start = time.perf_counter()
        try:
            response = http.post(f"{url}/{BOOK}", json=payload, timeout=120)
        except Exception as error:  # a dropped connection is a failed write too
            records.append(("no response", 0.0, None, type(error).__name__))
            continue
        elapsed = time.perf_counter() - start
        path = None
        if response.status_code == 201:
            path = response.json()["@id"].split("/Plone/", 1)[1]
        error = error_type(response) if response.status_code >= 400 else None
        records.append((response.status_code, elapsed, path, error))


def found_on(url):
    """The paths of the press articles an instance's catalog finds in the section."""
    http = session()
    paths = set()
    start = 0
    while True:
        response = http.get(
            f"{url}/{BOOK}/@search",
            params={"portal_type": ARTICLE, "b_size": 500, "b_start": start},
            timeout=120,
        )
        response.raise_for_status()
        data = response.json()
        paths.update(item["@id"].split("/Plone/", 1)[1] for item in data["items"])
        start += 500
        if start >= data["items_total"]:
            return paths


def readable_on(url, paths):
    """The paths among ``paths`` an instance does not serve (GET is not 200)."""
    http = session()
    return sorted(
        path
        for path in paths
        if http.get(f"{url}/Plone/{path}", timeout=120).status_code != 200
    )


CONFLICT_LINE = re.compile(
    r"(\w+) \((retried|given up)\) on (\S+) oid (\S+)(?:.*, attempt (\d+) of \d+)?"
)


def conflicts_met(instances):
    """The ConflictErrors of the instances' event logs: ({"<error> on <class>
    (retried|given up)": count}, {attempt of the request: count})."""
    met = Counter()
    attempts = Counter()
    for instance in instances:
        path = instance / "var" / "log" / "event.log"
        if not path.exists():
            continue
        for line in path.read_text(errors="replace").splitlines():
            if "imio.pressbook.conflicts" not in line:
                continue
            match = CONFLICT_LINE.search(line)
            if match:
                error, outcome, class_name, _oid, attempt = match.groups()
                met[f"{error} on {class_name} ({outcome})"] += 1
                if attempt:
                    attempts[int(attempt)] += 1
    return dict(met.most_common()), dict(sorted(attempts.items()))


def run_setup(name, writers, seconds):
    storage, count = SETUPS[name]
    root = BENCH / name
    # a fresh site each run: every set-up starts from the same demo content
    shutil.rmtree(root, ignore_errors=True)
    root.mkdir(parents=True)
    root.chmod(0o755)
    *ports, zeo_port, pg_port = free_ports(count + 2)
    log(f"{name}: starting {TITLES[name]} (log: {root / 'servers.log'})")
    with (root / "servers.log").open("ab") as output:
        cluster = serve_cluster.Cluster(
            storage,
            root,
            ports=ports,
            zeo_port=zeo_port,
            pg_port=pg_port,
            output=output,
        )
        cluster.start(create_site=True)
        try:
            urls = [f"http://127.0.0.1:{port}" for port in ports]
            log(f"{name}: {writers} writers for {seconds} s")
            records = []
            deadline = time.monotonic() + seconds
            threads = [
                threading.Thread(
                    target=writer,
                    args=(number, urls[number % len(urls)], deadline, records),
                )
                for number in range(writers)
            ]
            started = time.monotonic()
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            elapsed = time.monotonic() - started
            created = {path for _status, _time, path, _error in records if path}
            log(f"{name}: checking the {len(created)} creates on every instance")
            missing = {}
            for number, url in enumerate(urls, 1):
                lost = (created - found_on(url)) | set(readable_on(url, created))
                missing[f"instance{number}"] = sorted(lost)
        finally:
            cluster.stop()
    conflicts, attempts = conflicts_met(cluster.instances)
    for what, count in conflicts.items():
        log(f"{name}: {count:>5} {what}")
    if attempts:
        log(
            f"{name}: conflicts by attempt of their request: "
            + ", ".join(f"{attempt}: {count}" for attempt, count in attempts.items())
        )
    statuses = Counter(str(status) for status, *_rest in records)
    errors = Counter(error for *_rest, error in records if error)
    times = [seconds for _status, seconds, _path, _error in records if seconds]
    return {
        "setup": name,
        "title": TITLES[name],
        "instances": count,
        "writers": writers,
        "seconds": round(elapsed, 1),
        "requests": len(records),
        "created": len(created),
        "writes_per_second": round(len(created) / elapsed, 2),
        "p50_ms": round(percentile(times, 0.5) * 1000, 1),
        "p95_ms": round(percentile(times, 0.95) * 1000, 1),
        "status_500": statuses.get("500", 0),
        "conflict_errors": sum(
            1
            for status, *_rest, error in records
            if status == 500 and is_conflict(error)
        ),
        "other_failures": sum(
            count for status, count in statuses.items() if status not in ("201", "500")
        ),
        "statuses": dict(statuses),
        "errors": dict(errors),
        "conflicts_met": conflicts,
        "conflicts_by_attempt": attempts,
        "retried_conflicts": sum(
            count for what, count in conflicts.items() if what.endswith("(retried)")
        ),
        "missing": {instance: len(paths) for instance, paths in missing.items()},
        "missing_paths": missing,
    }


def table(results):
    lines = [
        "| set-up                    | writes | writes/s |    p50 |     p95 | retried | 500s | ConflictError | other | missing |",
        "|---------------------------|--------|----------|--------|---------|---------|------|---------------|-------|---------|",
    ]
    for row in results:
        lines.append(
            f"| {row['title']:<25} | {row['created']:>6} | {row['writes_per_second']:>8.2f} "
            f"| {row['p50_ms']:>4.0f}ms | {row['p95_ms']:>5.0f}ms "
            f"| {row.get('retried_conflicts', 0):>7} | {row['status_500']:>4} "
            f"| {row['conflict_errors']:>13} | {row['other_failures']:>5} "
            f"| {sum(row['missing'].values()):>7} |"
        )
    return "\n".join(lines)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--writers", type=int, default=8)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument(
        "--setups", nargs="+", choices=list(SETUPS), default=list(SETUPS)
    )
    args = parser.parse_args(argv)
    results = []
    for name in args.setups:
        results.append(run_setup(name, args.writers, args.seconds))
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2) + "\n")
    print(
        f"\n{args.writers} writers creating press articles in one press section "
        f"for {args.seconds} s (201s a second; retried: the ConflictErrors the "
        "instances met and retried; missing: acknowledged creates an instance "
        "does not find or serve)\n"
    )
    print(table(results))
    print(f"\nresults: {RESULTS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
