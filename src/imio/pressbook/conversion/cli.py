"""The conversion from the command line, for migrations (a dry run by default).

    zconsole run etc/zope.conf scripts/convert_press_folder.py \\
        --site Plone --target dans-les-medias revue-de-presse [--commit]

(``bin/instance run scripts/convert_press_folder.py ...`` with buildout.)
Paths are relative to the site. Without ``--commit`` nothing is stored: the
same preview as the editors' page, in French, one item a paragraph. Exit
status 1 when an item was refused or failed, 2 on bad arguments.
"""

from imio.pressbook.conversion.convert import ARCHIVE
from imio.pressbook.conversion.convert import convert
from imio.pressbook.conversion.convert import ORIGINALS
from imio.pressbook.conversion.plan import plan_folder
from imio.pressbook.vocabularies.outlets import outlet_rows
from zope.component.hooks import setSite
from zope.i18n import translate

import argparse
import sys
import transaction


def fr(message):
    return translate(message, target_language="fr")


def parse(argv):
    parser = argparse.ArgumentParser(
        prog="convert_press_folder.py",
        description="Convert a folder of News Items and Documents into press articles.",
    )
    parser.add_argument("folder", help="the old press section, e.g. revue-de-presse")
    parser.add_argument("--site", default="Plone", help="id of the Plone site")
    parser.add_argument("--target", help="the press section receiving the articles")
    parser.add_argument("--originals", choices=ORIGINALS, default=ARCHIVE)
    parser.add_argument(
        "--default-outlet",
        default="other",
        help="outlet of the pages naming none ('-': refuse them)",
    )
    parser.add_argument(
        "--commit", action="store_true", help="store the articles (else: dry run)"
    )
    return parser.parse_args(argv)


def describe(item, outlets):
    names = {row["token"]: row["name"] for row in outlets}
    lines = [f"{item.status.upper()}  {'/'.join(item.source.getPhysicalPath())}"]
    lines.append(f"  titre : {item.title}")
    if item.publication_date:
        lines.append(
            f"  date : {item.publication_date.isoformat()} ({fr(item.date_from)})"
        )
    if item.outlet_guess:
        lines.append(f"  média : {fr(item.outlet_guess)}")
    elif item.outlet:
        lines.append(f"  média : {names.get(item.outlet, item.outlet)}")
    if item.scan:
        lines.append(f"  version papier : {item.scan.filename} ({fr(item.scan.how)})")
    for other in item.others:
        lines.append(
            f"  non repris (une version papier par article) : {other.filename}"
        )
    if item.missing:
        titles = ", ".join(fr(title) for title in item.missing_titles())
        lines.append(f"  à compléter : {titles}")
    for problem in item.problems:
        lines.append(f"  refusé : {fr(problem)}")
    if item.article is not None:
        lines.append(f"  déjà converti : {item.article.absolute_url_path()}")
    return "\n".join(lines)


def main(app, argv, out=sys.stdout):
    """Run the conversion; the exit status."""
    try:
        args = parse(argv)
    except SystemExit as error:
        return error.code or 0
    site = app.unrestrictedTraverse(args.site, None)
    if site is None:
        print(f"Site introuvable : {args.site}", file=out)
        return 2
    setSite(site)
    folder = site.unrestrictedTraverse(args.folder, None)
    if folder is None or getattr(folder, "portal_type", None) != "Folder":
        print(f"Dossier introuvable : {args.folder}", file=out)
        return 2
    target = site.unrestrictedTraverse(args.target, None) if args.target else None
    if args.commit and (
        target is None
        or getattr(target, "portal_type", None) != "imio.pressbook.PressBook"
    ):
        print(
            f"Section presse introuvable (--target) : {args.target or '(aucune)'}",
            file=out,
        )
        return 2
    outlets = outlet_rows(site)
    default_outlet = None if args.default_outlet == "-" else args.default_outlet
    if default_outlet and default_outlet not in [row["token"] for row in outlets]:
        print(f"Média inconnu (--default-outlet) : {args.default_outlet}", file=out)
        return 2
    plan = plan_folder(folder, default_outlet)
    for item in plan.items:
        print(describe(item, outlets), file=out)
    for obj in plan.loose:
        print(
            f"FICHIER NON RATTACHÉ (laissé tel quel)  {obj.absolute_url_path()}",
            file=out,
        )
    if not args.commit:
        transaction.abort()
        new = len(plan.with_status("new"))
        refused = len(plan.with_status("refused"))
        converted = len(plan.with_status("converted"))
        print(
            f"Dry run: {new} to convert, {converted} already converted, "
            f"{refused} refused; nothing stored (--commit to convert).",
            file=out,
        )
        return 1 if refused else 0
    report = convert(plan, target, args.originals)
    for item, error in report.failed:
        print(f"FAILED  {'/'.join(item.source.getPhysicalPath())}: {error}", file=out)
    transaction.get().note(f"imio.pressbook: conversion of {args.folder}")
    transaction.commit()
    print(f"Conversion: {report.summary()}.", file=out)
    return 1 if report.failed or report.refused else 0
