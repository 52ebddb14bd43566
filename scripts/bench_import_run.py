"""One step of `make bench-import` (scripts/bench_import.py), run by zconsole.

    zconsole run var/bench-import/instance/etc/zope.conf \\
        scripts/bench_import_run.py setup SIZE FILE
    zconsole run ... scripts/bench_import_run.py import SIZE FILE RESULT.json

``setup``: a Plone site ``import-SIZE`` with an empty press section, and FILE,
a CSV of SIZE rows in the add-on's export columns with the benchmark's mix
(scripts/bench_populate.py: 60 % articles, 40 % questions, 40 outlets, 1-3
themes, 90 % published, 70 % of the questions answered).

``import``: imports FILE into the section as ``admin`` with the readable path
(bulkimport, batches of 500 committed), sampling this process's memory after
each batch; then asks ``@pressbook-search`` (its service, in this process)
for the facet counts and compares them with those counted from the file.
Writes RESULT.json.
"""

from AccessControl.SecurityManagement import newSecurityManager
from datetime import timedelta
from pathlib import Path
from plone import api
from Products.CMFPlone.factory import addPloneSite
from zope.component.hooks import setSite

import collections
import csv
import json
import os
import random
import resource
import sys
import time
import transaction


BOOK_ID = "dans-les-medias"
# zconsole runs this script without ``__file__``: bench_populate.py is beside it
SCRIPT = next(arg for arg in sys.argv if arg.endswith("bench_import_run.py"))
sys.path.insert(0, str(Path(SCRIPT).resolve().parent))
from bench_populate import day  # noqa: E402
from bench_populate import MINISTERS  # noqa: E402
from bench_populate import NAMES  # noqa: E402
from bench_populate import sentence  # noqa: E402
from bench_populate import tokens  # noqa: E402
from bench_populate import WORDS  # noqa: E402


COLUMNS = (
    "portal_type",
    "title",
    "date",
    "description",
    "outlet",
    "journalist",
    "original_url",
    "themes",
    "keywords",
    "assembly",
    "question_type",
    "session",
    "year",
    "number",
    "asked_by",
    "addressed_to",
    "answers",
    "review_state",
)


def log(message):
    print(f"bench_import: {message}", flush=True)


def arguments():
    return sys.argv[sys.argv.index(SCRIPT) + 1 :]


def rss_mb():
    """This process's resident memory now (MB)."""
    with open("/proc/self/statm") as statm:
        pages = int(statm.read().split()[1])
    return pages * resource.getpagesize() / 2**20


def peak_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def object_counts():
    """Python's live objects (those the garbage collector tracks), by type."""
    import gc

    gc.collect()
    return collections.Counter(
        f"{type(obj).__module__}.{type(obj).__qualname__}" for obj in gc.get_objects()
    )


def timed(phases):
    """Count the import's CPU time by component in ``phases`` (seconds):
    wraps the functions, outermost first; an inner one's time is taken off
    its caller's."""
    from imio.pressbook.bulkimport.importer import Importer
    from Products.CMFCore.indexing import IndexQueue
    from Products.ZCatalog.ZCatalog import ZCatalog
    from ZODB.Connection import Connection

    import importlib

    stack = []

    def wrap(owner, attribute, name):
        original = getattr(owner, attribute)

        def wrapper(*args, **kwargs):
            started = time.process_time()
            stack.append(0.0)
            try:
                return original(*args, **kwargs)
            finally:
                inner = stack.pop()
                spent = time.process_time() - started
                phases[name] += spent - inner
                if stack:
                    stack[-1] += spent

        setattr(owner, attribute, wrapper)

    restapi = importlib.import_module("plone.restapi.services.content.utils")
    importer = importlib.import_module("imio.pressbook.bulkimport.importer")
    wrap(importer, "create", "plone.restapi create (factory)")
    wrap(Importer, "import_row", "import: own code")
    wrap(Importer, "deserialize", "deserializer (fields, validation)")
    wrap(Importer, "add", "add: events (intid, relations, workflow...)")
    wrap(Importer, "set_state", "workflow transition")
    wrap(Importer, "checkpoint", "commit: rest (ZODB)")
    wrap(IndexQueue, "process", "commit: index queue")
    wrap(ZCatalog, "catalog_object", "commit: catalog_object")
    wrap(Connection, "commit", "commit: ZODB write")
    wrap(Connection, "savepoint", "savepoints")
    del restapi


def login(app):
    users = app.acl_users
    if users.getUserById("admin") is None:
        users._doAddUser("admin", "admin", ["Manager"], [])
    newSecurityManager(None, users.getUserById("admin").__of__(users))


def rows(site, size):
    """The benchmark's mix, as rows of the export's columns."""
    rng = random.Random(size)
    outlets = tokens("imio.pressbook.vocabulary.Outlets", site)
    assemblies = tokens("imio.pressbook.vocabulary.Assemblies", site)
    themes = tokens("collective.taxonomy.themes", site)
    for number in range(size):
        row = dict.fromkeys(COLUMNS, "")
        row["title"] = f"{sentence(rng, rng.randint(4, 9))} {number}"
        row["description"] = sentence(rng, rng.randint(12, 25))
        if number % 5 < 3:
            row.update(
                portal_type="imio.pressbook.PressArticle",
                date=day(rng).isoformat(),
                outlet=rng.choice(outlets),
                journalist=f"{rng.choice('ABCDEFGHJKLMNPRST')}. Ti.",
                original_url=f"https://press.example/{number}",
            )
        else:
            asked = day(rng)
            answers = []
            if rng.random() < 0.7:
                answers.append(
                    {
                        "date": (
                            asked + timedelta(days=rng.randint(10, 90))
                        ).isoformat(),
                        "answered_by": rng.choice(MINISTERS),
                        "kind": "final",
                        "text": sentence(rng, 40),
                    }
                )
            row.update(
                portal_type="imio.pressbook.ParliamentaryQuestion",
                date=asked.isoformat(),
                assembly=rng.choice(assemblies),
                question_type=rng.choice(("written", "written", "oral", "topical")),
                session=f"{asked.year}-{asked.year + 1}",
                year=str(asked.year),
                number=f"{number} ({asked.year}-{asked.year + 1}) 1",
                asked_by=rng.choice(NAMES),
                addressed_to=rng.choice(MINISTERS),
                answers=json.dumps(answers) if answers else "",
            )
        if themes:
            row["themes"] = "\n".join(rng.sample(themes, rng.randint(1, 3)))
        row["keywords"] = "\n".join(rng.sample(WORDS, 2))
        row["review_state"] = "published" if rng.random() < 0.9 else ""
        yield row


def setup(app, size, path):
    login(app)
    site_id = f"import-{size}"
    site = addPloneSite(
        app,
        site_id,
        default_language="fr",
        extension_ids=("plone.app.contenttypes:default", "imio.pressbook:default"),
    )
    setSite(site)
    with api.env.adopt_roles(["Manager"]):
        book = api.content.create(
            site, "imio.pressbook.PressBook", id=BOOK_ID, title="Dans les médias"
        )
        api.content.transition(book, "publish")
    with open(path, "w", newline="", encoding="utf-8") as out:
        writer = csv.DictWriter(out, COLUMNS, delimiter=";")
        writer.writeheader()
        writer.writerows(rows(site, size))
    transaction.commit()
    log(f"{site_id}: empty press section and {path} ({size} rows) ready")
    app._p_jar.db().close()


def expected_facets(site, path):
    """Facet counts as the file says they should be."""
    from imio.pressbook.themes import ThemeTree

    tree = ThemeTree(site, "fr")
    counts = collections.defaultdict(collections.Counter)
    with open(path, encoding="utf-8") as data:
        for row in csv.DictReader(data, delimiter=";"):
            counts["portal_type"][row["portal_type"]] += 1
            counts["year"][row["date"][:4]] += 1
            for name in ("outlet", "assembly", "question_type"):
                if row[name]:
                    counts[name][row[name]] += 1
            if row["portal_type"].endswith("Question"):
                status = "answered" if row["answers"] else "awaiting"
                counts["answer_status"][status] += 1
            found = set()
            for theme in filter(None, row["themes"].split("\n")):
                found.update(tree.ancestry(theme))
                found.add(theme)
            for theme in found:
                counts["themes"][theme] += 1
    return {name: dict(counter) for name, counter in counts.items()}


def search_facets(book):
    """The facet counts ``@pressbook-search`` answers, from its own service."""
    from imio.pressbook.restapi.services.pressbook_search.get import PressBookSearchGet

    request = book.REQUEST
    request.form.clear()
    service = PressBookSearchGet()
    service.context = book
    service.request = request
    result = service.reply()
    return {
        name: {value["token"]: value["count"] for value in values}
        for name, values in result["facets"].items()
    }


def run_import(app, size, path, result_path):
    from imio.pressbook.bulkimport.importer import Importer
    from imio.pressbook.bulkimport.importer import Options
    from imio.pressbook.bulkimport.reader import read_table
    from zope.event import notify
    from zope.traversing.interfaces import BeforeTraverseEvent

    login(app)
    site = app[f"import-{size}"]
    setSite(site)
    request = app.REQUEST
    request.environ["HTTP_ACCEPT_LANGUAGE"] = "fr"
    notify(BeforeTraverseEvent(site, request))
    book = site[BOOK_ID]
    samples = []
    started_rss = rss_mb()

    traced = os.environ.get("BENCH_TRACEMALLOC")
    if traced:  # BENCH_TRACEMALLOC=N: what grew between the 2nd batch and the end
        import tracemalloc

        tracemalloc.start(int(traced))
    snapshots = []
    blocks = []
    # BENCH_OBJECTS=1: which kinds of Python objects grew between the 2nd
    # batch and the end, and the ZODB cache's size after each batch
    counted = os.environ.get("BENCH_OBJECTS")
    # BENCH_MALLOC_TRIM=1: after each batch, also the resident memory once
    # glibc gave back to the system what the process freed (malloc_trim)
    trim = os.environ.get("BENCH_MALLOC_TRIM")
    trimmed = []
    type_counts = []
    cache_sizes = []

    def progress(row, report):
        samples.append((row, round(rss_mb(), 1)))
        # Python's live objects (pymalloc blocks), apart from the allocator's
        # arenas the resident memory also counts
        blocks.append((row, sys.getallocatedblocks()))
        if traced and len(samples) == 2:
            snapshots.append(tracemalloc.take_snapshot())
        if trim:
            import ctypes

            ctypes.CDLL("libc.so.6").malloc_trim(0)
            trimmed.append((row, round(rss_mb(), 1)))
        if counted:
            cache = book._p_jar._cache
            cache_sizes.append((row, len(cache), cache.ringlen()))
            if len(samples) == 2:
                type_counts.append(object_counts())
        if row % 5000 < 500:
            log(
                f"row {row}: {time.perf_counter() - started:.0f} s, {samples[-1][1]} MB"
            )

    # the objects each batch woke (the ZODB cache's non-ghosts before the
    # importer ghosts them): what the batch's memory is made of
    loaded = []
    forget = Importer.forget_batch

    def counting_forget(self):
        loaded.append(self.section._p_jar._cache.ringlen())
        forget(self)

    Importer.forget_batch = counting_forget
    phases = collections.Counter()
    if os.environ.get("BENCH_PHASES"):  # CPU time by component
        timed(phases)

    load_before = os.getloadavg()[0]
    cpu_started = time.process_time()
    started = time.perf_counter()
    table = read_table(path.name, path.read_bytes())
    importer = Importer(
        book,
        request,
        Options(
            dry_run=False,
            # BENCH_BATCH=N: batches of N rows (500 by default)
            batch_size=int(os.environ.get("BENCH_BATCH") or 500),
            details=False,
            progress=progress,
        ),
    )
    profile = os.environ.get("BENCH_PROFILE")
    if profile:  # BENCH_PROFILE=file: cProfile statistics of the import
        import cProfile

        cProfile.runctx("importer.run(table)", globals(), locals(), profile)
        report = importer.report
    else:
        report = importer.run(table)
    seconds = time.perf_counter() - started
    cpu_seconds = time.process_time() - cpu_started
    if snapshots:
        import gc

        gc.collect()
        growth = tracemalloc.take_snapshot().compare_to(snapshots[0], "traceback")
        total = sum(stat.size_diff for stat in growth)
        log(f"traced memory grew {total / 2**20:.1f} MiB after the 2nd batch")
        for stat in growth[:15]:
            log(f"grew {stat.size_diff / 1024:.0f} KiB in {stat.count_diff} blocks:")
            for line in stat.traceback.format()[-2 * int(traced) :]:
                log(f"    {line}")
    if type_counts:
        grown = object_counts()
        grown.subtract(type_counts[0])
        log(f"ZODB cache (row, objects, non-ghosts): {cache_sizes}")
        for name, count in grown.most_common(20):
            log(f"{count:>8} more {name}")
    if phases:
        created = report.created or 1
        phases["total"] = cpu_seconds
        for name, spent in sorted(phases.items(), key=lambda kv: -kv[1]):
            log(f"{name:<44} {spent / created * 1000:6.2f} ms an item")
    expected = expected_facets(site, path)
    found = search_facets(book)
    mismatches = {
        name: {
            token: (count, found.get(name, {}).get(token))
            for token, count in counts.items()
            if found.get(name, {}).get(token) != count
        }
        for name, counts in expected.items()
    }
    mismatches = {name: value for name, value in mismatches.items() if value}
    result = {
        "size": size,
        "created": report.created,
        "refused": report.refused,
        "refused_messages": [r.messages for r in report.rows[:5]],
        "seconds": round(seconds, 1),
        "items_per_second": round(report.created / seconds, 1),
        # this process's own CPU time: less at the mercy of the machine's load
        "cpu_seconds": round(cpu_seconds, 1),
        "items_per_cpu_second": round(report.created / cpu_seconds, 1),
        "rss_start_mb": round(started_rss, 1),
        # the machine's load (1 minute) before and after: 2 cores, shared
        "load": [round(load_before, 1), round(os.getloadavg()[0], 1)],
        "rss_samples": samples,
        "rss_trimmed": trimmed,
        "objects_awake": loaded,
        "allocated_blocks": blocks,
        "peak_mb": round(peak_mb(), 1),
        "facets_checked": sorted(expected),
        "facet_mismatches": mismatches,
    }
    Path(result_path).write_text(json.dumps(result, indent=1))
    log(
        f"{size} rows: {result['items_per_second']} items/s, peak {result['peak_mb']} MB"
    )
    app._p_jar.db().close()


if __name__ == "__main__":
    mode, size, path, *rest = arguments()
    if mode == "setup":
        setup(app, int(size), Path(path))  # noqa: F821 (bound by zconsole)
    else:
        run_import(app, int(size), Path(path), rest[0])  # noqa: F821
