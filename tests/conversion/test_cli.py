"""``zconsole run scripts/convert_press_folder.py``: the real command, as a
subprocess against an instance written by scripts/make_instance.py. A dry run
by default (nothing stored), ``--commit`` converts, a second run makes no
twin, bad arguments exit 2 with a French message."""

from imio.pressbook.conversion.cli import main
from pathlib import Path

import io
import json
import pytest
import subprocess
import sys


ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
SCRIPT = ROOT / "scripts" / "convert_press_folder.py"
PDF = (
    ROOT / "src/imio/pressbook/setuphandlers/democontent/content"
    "/imio-touche-3-5-millions-d-habitants/paper_version"
    "/la-derniere-heure-2014-01-21.pdf"
)

SITE = f"""
from plone import api
from plone.app.relationfield.behavior import IRelatedItems
from plone.namedfile.file import NamedBlobFile
from Products.CMFPlone.factory import addPloneSite
from z3c.relationfield import RelationValue
from zope.component import getUtility
from zope.component.hooks import setSite
from zope.intid.interfaces import IIntIds
import transaction

site = addPloneSite(app, "Plone", default_language="fr", extension_ids=[
    "plone.app.contenttypes:default", "imio.pressbook:default"])
setSite(site)
folder = api.content.create(site, "Folder", id="revue", title="Revue de presse")
api.content.create(site, "imio.pressbook.PressBook", id="medias", title="Médias")
scan = api.content.create(folder, "File", id="scan.pdf", file=NamedBlobFile(
    data=open({str(PDF)!r}, "rb").read(), contentType="application/pdf",
    filename="le-soir.pdf"))
news = api.content.create(folder, "News Item", id="imio",
    title="Le Soir : IMIO et les communes", description="Un chapeau.")
IRelatedItems(news).relatedItems = [
    RelationValue(getUtility(IIntIds).getId(scan))]
transaction.commit()
"""

SHOW = """
import json
from zope.annotation.interfaces import IAnnotations
from zope.component.hooks import setSite
site = app.Plone
setSite(site)
print(json.dumps({
    "articles": {
        id: {
            "title": obj.title, "outlet": obj.outlet,
            "lead": obj.description,
            "scan": len(obj.paper_version.data) if obj.paper_version else None,
            "access": obj.paper_version_access,
            "source": IAnnotations(obj)["imio.pressbook.conversion"]["source_path"],
        }
        for id, obj in site.medias.objectItems()
    },
    "folder": sorted(site.revue.objectIds()),
}))
"""


def run(*args):
    return subprocess.run(
        [str(arg) for arg in args],
        capture_output=True,
        text=True,
        timeout=180,
        cwd=ROOT,
    )


def zconsole(conf, script, *args):
    return run(BIN / "zconsole", "run", conf, script, *args)


def show(conf, tmp_path):
    code = tmp_path / "show.py"
    code.write_text(SHOW)
    done = zconsole(conf, code)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_command_line_dry_run_then_conversion(tmp_path):
    home = tmp_path / "instance"
    done = run(BIN / "python", ROOT / "scripts" / "make_instance.py", home)
    assert done.returncode == 0, done.stderr
    conf = home / "etc" / "zope.conf"
    site = tmp_path / "site.py"
    site.write_text(SITE)
    done = zconsole(conf, site)
    assert done.returncode == 0, done.stderr

    # a dry run by default: the plan in French, nothing stored
    done = zconsole(conf, SCRIPT, "--target", "medias", "revue")
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.splitlines()[:7] == [
        "NEW  /Plone/revue/imio",
        "  titre : Le Soir : IMIO et les communes",
        done.stdout.splitlines()[2],  # today: the creation date
        "  média : Le Soir (deviné d'après le titre : à vérifier)",
        "  version papier : le-soir.pdf (élément lié)",
        "  à compléter : Journaliste, Page, rubrique ou édition, Thèmes, "
        "Lien vers l'article original",
        "Dry run: 1 to convert, 0 already converted, 0 refused; nothing stored "
        "(--commit to convert).",
    ]
    assert "(date de création de la page)" in done.stdout.splitlines()[2]

    # --commit converts (the dry run stored nothing: 1 created, not "already
    # converted"); the originals kept, as asked
    done = zconsole(
        conf, SCRIPT, "--target", "medias", "--originals", "keep", "revue", "--commit"
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.splitlines()[-1] == (
        "Conversion: 1 created, 0 already converted, 0 refused, 0 failed."
    )
    assert show(conf, tmp_path) == {
        "articles": {
            "imio": {
                "title": "Le Soir : IMIO et les communes",
                "outlet": "le-soir",
                "lead": "Un chapeau.",
                "scan": PDF.stat().st_size,
                "access": "authenticated",
                "source": "/Plone/revue/imio",
            }
        },
        "folder": ["imio", "scan.pdf"],
    }

    # again: no twin
    done = zconsole(
        conf, SCRIPT, "--target", "medias", "--originals", "keep", "revue", "--commit"
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "déjà converti : /Plone/medias/imio" in done.stdout
    assert done.stdout.splitlines()[-1] == (
        "Conversion: 0 created, 1 already converted, 0 refused, 0 failed."
    )


@pytest.mark.parametrize(
    "argv, message",
    [
        (["--target", "medias", "nulle-part"], "Dossier introuvable : nulle-part"),
        (
            ["revue-de-presse", "--commit"],
            "Section presse introuvable (--target) : (aucune)",
        ),
        (
            ["--target", "revue-de-presse", "revue-de-presse", "--commit"],
            "Section presse introuvable (--target) : revue-de-presse",
        ),
        (
            ["--default-outlet", "le-monde", "revue-de-presse"],
            "Média inconnu (--default-outlet) : le-monde",
        ),
        (["--site", "ailleurs", "revue-de-presse"], "Site introuvable : ailleurs"),
    ],
)
def test_bad_arguments_exit_2_in_french(old_section, argv, message):
    folder, section = old_section
    out = io.StringIO()
    app = folder.getPhysicalRoot()
    assert main(app, ["--site", "plone", *argv], out=out) == 2
    assert out.getvalue().strip() == message
