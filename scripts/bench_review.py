"""`make bench-review`: how long a press review takes as PDF, and its memory.

    python scripts/bench_review.py [--runs 3] [--items 200] [--scans 25]

1. writes (once) a Zope instance in var/bench-review and, in its database, a
   Plone site with a press section of ``--items`` items of one month (three
   articles for a question; every article with a few paragraphs of text),
   ``--scans`` of the articles with a public scan of two pages (50 scanned
   pages by default), made by WeasyPrint;
2. in the same process (``zconsole run``), as the site's administrator,
   makes the review of that month as PDF ``--runs`` times (``@@pressbook-
   review``'s own code: search, composition, WeasyPrint, the scans' pages by
   pypdf), measuring each run's time and the process's peak and current
   resident memory after it;
3. prints a table (and var/bench-review/results.json).

Memory is flat when the peak stays where the first run took it: each run
wakes the same items and lets them go again.
"""

from pathlib import Path

import argparse
import json
import subprocess
import sys


# zconsole runs this file without ``__file__``, from the project's root
ROOT = (
    Path(globals().get("__file__", "scripts/bench_review.py")).resolve().parent.parent
)
BIN = Path(sys.executable).parent
BENCH = ROOT / "var" / "bench-review"
INSTANCE = BENCH / "instance"
RESULTS = BENCH / "results.json"
SITE_ID = "bench"
MONTH = ("2024-03-01", "2024-03-31")


def log(message):
    print(f"bench-review: {message}", file=sys.stderr, flush=True)


# -- inside zconsole (``app`` is the Zope root)


def rss_mb():
    """(current, peak) resident memory of this process, in MB."""
    current = peak = 0
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            current = int(line.split()[1]) / 1024
        elif line.startswith("VmHWM:"):
            peak = int(line.split()[1]) / 1024
    return current, peak


def scan_pdf(number):
    from weasyprint import HTML

    pages = "".join(
        f'<section style="break-after: page"><h1>Coupure {number}, page {page}</h1>'
        + "<p>Texte numérisé de la coupure de presse, en colonnes serrées.</p>" * 20
        + "</section>"
        for page in (1, 2)
    )
    return HTML(string=f"<html lang='fr'><body>{pages}</body></html>").write_pdf()


def populate(app, items, scans):
    from datetime import date
    from plone import api
    from plone.namedfile.file import NamedBlobFile
    from Products.CMFPlone.factory import addPloneSite
    from zope.component.hooks import setSite

    import transaction

    log(f"creating the site with {items} items, {scans} of them scanned...")
    site = addPloneSite(
        app,
        SITE_ID,
        title="Revue de presse (banc d'essai)",
        default_language="fr",
        extension_ids=("plone.app.contenttypes:default", "imio.pressbook:default"),
    )
    setSite(site)
    book = api.content.create(
        site, "imio.pressbook.PressBook", id="medias", title="Dans les médias"
    )
    outlets = ["le-soir", "l-avenir", "la-derniere-heure", "la-libre"]
    themes = ["logiciels-libres", "tutelle", None]
    text = "".join(
        f"<p>Paragraphe {n} : la commune numérise ses guichets, à Éghezée "
        "comme à Liège, et les écoles suivent.</p>"
        for n in range(6)
    )
    scanned = 0
    for number in range(items):
        day = date(2024, 3, 1 + number % 31)
        theme = themes[number % len(themes)]
        if number % 4 == 3:
            api.content.create(
                book,
                "imio.pressbook.ParliamentaryQuestion",
                id=f"question-{number}",
                title=f"Question {number} sur les partenariats de l'intercommunale",
                assembly="parlement-wallonie",
                question_date=day,
                asked_by="DUPONT Jean-Marc",
                addressed_to="FURLAN Paul",
                themes=[theme] if theme else [],
                answers=[
                    {
                        "date": day,
                        "answered_by": "FURLAN Paul",
                        "kind": "final",
                        "text": "Oui, les écoles sont équipées.\n\nEt les crèches aussi.",
                    }
                ],
            )
            continue
        article = api.content.create(
            book,
            "imio.pressbook.PressArticle",
            id=f"article-{number}",
            title=f"Article {number} : Éghezée numérise ses guichets",
            description="Une commune wallonne passe au numérique.",
            publication_date=day,
            outlet=outlets[number % len(outlets)],
            journalist="C. Ti.",
            page="p. 12",
            themes=[theme] if theme else [],
            text=text,
            paper_version_access="public",
        )
        if scanned < scans:
            scanned += 1
            article.paper_version = NamedBlobFile(
                scan_pdf(number),
                contentType="application/pdf",
                filename=f"scan-{number}.pdf",
            )
    for item in book.objectValues():
        api.content.transition(item, "publish")
        item.reindexObject()
    transaction.commit()
    log("site created")


def measure(app, runs):
    from AccessControl.SecurityManagement import newSecurityManager
    from imio.pressbook.interfaces import IImioPressbookLayer
    from io import BytesIO
    from pypdf import PdfReader
    from zope.component import getMultiAdapter
    from zope.component.hooks import setSite
    from zope.interface import alsoProvides

    import time

    users = app.acl_users
    if users.getUserById("admin") is None:
        users._doAddUser("admin", "admin", ["Manager"], [])
    newSecurityManager(None, users.getUserById("admin").__of__(users))
    site = app[SITE_ID]
    setSite(site)
    book = site["medias"]
    results = []
    before, _peak = rss_mb()
    log(f"resident memory before the first review: {before:.0f} MB")
    for run in range(1, runs + 1):
        request = app.REQUEST
        request.form.clear()
        request.form.update(start=MONTH[0], end=MONTH[1], format="pdf")
        alsoProvides(request, IImioPressbookLayer)
        view = getMultiAdapter((book, request), name="pressbook-review")
        start, cpu = time.perf_counter(), time.process_time()
        body, content_type = view.produce()
        seconds = time.perf_counter() - start
        cpu = time.process_time() - cpu
        reader = PdfReader(BytesIO(body))
        review = view.review
        current, peak = rss_mb()
        results.append(
            {
                "run": run,
                "items": review.count,
                "scanned_pages": sum(scan.pages for scan in review.scans()),
                "pages": len(reader.pages),
                "megabytes": round(len(body) / 2**20, 2),
                "seconds": round(seconds, 2),
                "cpu_seconds": round(cpu, 2),
                "rss_mb": round(current),
                "peak_rss_mb": round(peak),
            }
        )
        del view, body, reader, review
        app._p_jar.cacheGC()
    return results


def inside(app, argv):
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--items", type=int, default=200)
    parser.add_argument("--scans", type=int, default=25)
    args = parser.parse_args(argv)
    if SITE_ID not in app.objectIds():
        populate(app, args.items, args.scans)
    print("RESULTS " + json.dumps(measure(app, args.runs)), flush=True)


# -- outside: the instance, the table


def table(results):
    lines = [
        "| run | items | scanned pages | PDF pages | PDF size | seconds "
        "| CPU seconds | RSS after | peak RSS |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for row in results:
        lines.append(
            f"| {row['run']} | {row['items']} | {row['scanned_pages']} | "
            f"{row['pages']} | {row['megabytes']} MB | {row['seconds']} | "
            f"{row['cpu_seconds']} | "
            f"{row['rss_mb']} MB | {row['peak_rss_mb']} MB |"
        )
    return "\n".join(lines)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--items", type=int, default=200)
    parser.add_argument("--scans", type=int, default=25, help="2 pages each")
    args = parser.parse_args(argv)
    if not (INSTANCE / "etc" / "zope.conf").exists():
        log(f"writing the instance in {INSTANCE}")
        subprocess.run(  # noqa: S603
            [sys.executable, str(ROOT / "scripts" / "make_instance.py"), str(INSTANCE)],
            check=True,
        )
    output = subprocess.run(  # noqa: S603
        [
            str(BIN / "zconsole"),
            "run",
            str(INSTANCE / "etc" / "zope.conf"),
            __file__,
            "--inside",
            "--runs",
            str(args.runs),
            "--items",
            str(args.items),
            "--scans",
            str(args.scans),
        ],
        check=True,
        stdout=subprocess.PIPE,
        text=True,
    )
    line = [line for line in output.stdout.splitlines() if line.startswith("RESULTS ")][
        -1
    ]
    results = json.loads(line.removeprefix("RESULTS "))
    RESULTS.write_text(json.dumps(results, indent=2))
    print(table(results))


if __name__ == "__main__":
    if "--inside" in sys.argv:
        argv = sys.argv[sys.argv.index("--inside") + 1 :]
        inside(app, argv)  # noqa: F821 (bound by zconsole)
    else:
        main()
