"""The bulk import from the command line, for migrations (scripts/pressbook_import.py).

    zconsole run var/instance/etc/zope.conf scripts/pressbook_import.py \\
        --section /Plone/dans-les-medias [--dry-run] [--batch-size 500] \\
        [--scans scans.zip] [--add-missing] [--start-row N] \\
        [--refused refused.csv] [--user admin] revue.xlsx

    bin/instance run scripts/pressbook_import.py --section ... revue.xlsx

It runs as ``--user`` (a Zope or Plone user: what they may not do is refused
as over the web), in French. It prints the report, writes the refused rows
to ``--refused`` (fix them, import that file again) and exits with 1 when
some rows were refused, 2 when the import could not run at all.
"""

from AccessControl.SecurityManagement import newSecurityManager
from imio.pressbook.bulkimport.importer import Importer
from imio.pressbook.bulkimport.importer import ImportRefused
from imio.pressbook.bulkimport.importer import Options
from imio.pressbook.bulkimport.reader import read_table
from imio.pressbook.bulkimport.reader import UnreadableFile
from imio.pressbook.content.press_book import IPressBook
from pathlib import Path
from zope.event import notify
from zope.i18n import translate
from zope.traversing.interfaces import BeforeTraverseEvent

import argparse
import sys
import time
import zipfile


def parser():
    parser = argparse.ArgumentParser(
        prog="pressbook_import",
        description="Import press articles and parliamentary questions "
        "(CSV, XLSX, JSON) into a press section.",
    )
    parser.add_argument("file", type=Path, help="the CSV, XLSX or JSON file")
    parser.add_argument(
        "--section", required=True, help="path of the press section, /Plone/..."
    )
    parser.add_argument(
        "--dry-run", action="store_true", help="report only, store nothing"
    )
    parser.add_argument("--batch-size", type=int, default=500)
    parser.add_argument("--scans", type=Path, help="zip of the scans the rows name")
    parser.add_argument(
        "--add-missing",
        action="store_true",
        help="add the outlets, assemblies and themes the site lacks",
    )
    parser.add_argument(
        "--start-row", type=int, default=0, help="resume from this row (line)"
    )
    parser.add_argument("--refused", type=Path, help="write the refused rows here")
    parser.add_argument("--user", default="admin", help="who imports (default admin)")
    return parser


def find_user(app, site, login):
    for users in (site.acl_users, app.acl_users):
        user = users.getUserById(login) or users.getUser(login)
        if user is not None:
            return user.__of__(users)
    return None


def report_lines(report):
    yield (
        f"{'dry run: ' if report.dry_run else ''}"
        f"created {report.created}, updated {report.updated}, "
        f"unchanged {report.unchanged}, refused {report.refused}"
        + (f", skipped {report.skipped}" if report.skipped else "")
    )
    for name, added in report.added.items():
        if added:
            yield f"added to {name}: " + ", ".join(row["name"] for row in added)
    if report.unknown_columns:
        yield "columns not read: " + ", ".join(report.unknown_columns)
    for result in report.rows:
        if result.status == "refused":
            for message in result.messages:
                yield f"  {message}"
    if report.last_committed_row is not None:
        yield (
            f"committed up to row {report.last_committed_row} "
            f"(to resume: --start-row {report.last_committed_row + 1})"
        )


def main(app, argv, out=sys.stdout):
    args = parser().parse_args(argv)
    try:
        section = app.unrestrictedTraverse(args.section.strip("/"))
    except (KeyError, AttributeError):
        section = None
    if section is None or not IPressBook.providedBy(section):
        print(f"{args.section}: no press section there", file=sys.stderr)
        return 2
    site = section.portal_url.getPortalObject()
    user = find_user(app, site, args.user)
    if user is None:
        print(f"{args.user}: no such user", file=sys.stderr)
        return 2
    newSecurityManager(None, user)
    request = app.REQUEST
    request.environ["HTTP_ACCEPT_LANGUAGE"] = "fr"
    request["PARENTS"] = [site, app]
    # as the publisher does: the site, the add-on's layer, the language
    notify(BeforeTraverseEvent(site, request))
    options = Options(
        dry_run=args.dry_run,
        batch_size=max(args.batch_size, 1),
        add_missing=args.add_missing,
        start_row=args.start_row,
        scans=zipfile.ZipFile(args.scans) if args.scans else None,
        details=False,
    )
    started = time.perf_counter()
    try:
        table = read_table(args.file.name, args.file.read_bytes())
        report = Importer(section, request, options).run(table)
    except (UnreadableFile, ImportRefused) as error:
        print(translate(error.message, context=request), file=sys.stderr)
        return 2
    for line in report_lines(report):
        print(line, file=out)
    print(f"{time.perf_counter() - started:.1f} s", file=out)
    if args.refused and report.refused:
        args.refused.write_bytes(report.refused_csv())
        print(f"refused rows written to {args.refused}", file=out)
    return 1 if report.refused else 0
