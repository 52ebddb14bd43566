"""The real ``plone-exporter`` and ``plone-importer``, as subprocesses, between
two Zope instances written by scripts/make_instance.py: the add-on's lists
travel, an item whose outlet the target lacks is refused (exit status 1, the
item named), and imported once the outlet arrives."""

from pathlib import Path

import json
import subprocess
import sys


ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
ARTICLE = "/presentation/dans-les-medias/l-escaut-en-ligne"

SOURCE = """
from datetime import date
from imio.pressbook.controlpanels.rules import prepare_rows, stored
from imio.pressbook.controlpanels.settings import IPressSettings, PREFIX
from plone import api
from plone.registry.interfaces import IRegistry
from Products.CMFPlone.factory import addPloneSite
from zope.component import getUtility
from zope.component.hooks import setSite
import transaction

site = addPloneSite(app, "Plone", default_language="fr", extension_ids=[
    "plone.app.contenttypes:default", "imio.pressbook:default", "imio.pressbook:demo"])
setSite(site)
proxy = getUtility(IRegistry).forInterface(IPressSettings, prefix=PREFIX)
proxy.outlets = prepare_rows("outlets", [*stored("outlets"), {
    "token": "l-escaut", "name": "L'Escaut", "kind": "weekly",
    "website": "https://escaut.example", "language": "fr", "rights": "ASBL"}])
with api.env.adopt_roles(["Manager"]):
    api.content.create(
        container=site["presentation"]["dans-les-medias"],
        type="imio.pressbook.PressArticle", id="l-escaut-en-ligne",
        title="L'Escaut en ligne", publication_date=date(2025, 5, 5),
        outlet="l-escaut", themes=["urbanisme"])
transaction.commit()
"""

TARGET = """
from Products.CMFPlone.factory import addPloneSite
import transaction

addPloneSite(app, "target", default_language="fr", extension_ids=[
    "plone.app.contenttypes:default", "imio.pressbook:default"])
transaction.commit()
"""


def run(*args):
    return subprocess.run(
        [str(arg) for arg in args],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )


def zope_conf(tmp_path):
    """One instance (scripts/make_instance.py), its sites made by zconsole."""
    home = tmp_path / "instance"
    done = run(BIN / "python", ROOT / "scripts" / "make_instance.py", home)
    assert done.returncode == 0, done.stderr
    conf = home / "etc" / "zope.conf"
    for name, script in (("source", SOURCE), ("target", TARGET)):
        # one site a run: a second addPloneSite in the same process fails
        code = tmp_path / f"{name}.py"
        code.write_text(script)
        done = run(BIN / "zconsole", "run", conf, code)
        assert done.returncode == 0, done.stderr
    return conf


def test_plone_exporter_and_importer_carry_the_lists_and_refuse_whole(tmp_path):
    conf = zope_conf(tmp_path)
    export = tmp_path / "export"
    export.mkdir()

    done = run(BIN / "plone-exporter", conf, "Plone", export)
    assert done.returncode == 0, done.stderr
    lists = json.loads((export / "press_lists.json").read_text())
    assert "l-escaut" in [row["token"] for row in lists["outlets"]]
    assert (export / "pressbook_themes.json").exists()

    # an export without the added outlet: the article is refused, whole
    pristine = (export / "press_lists.json").read_text()
    lists["outlets"] = [row for row in lists["outlets"] if row["token"] != "l-escaut"]
    (export / "press_lists.json").write_text(json.dumps(lists))
    done = run(BIN / "plone-importer", conf, "target", export)
    output = done.stdout + done.stderr
    assert done.returncode == 1, output
    assert (
        f"{ARTICLE} n'est pas importé : son champ outlet "
        "«\N{NO-BREAK SPACE}l-escaut\N{NO-BREAK SPACE}» est inconnu de ce site."
    ) in output
    assert f"1 item(s) refused, nothing of them imported: {ARTICLE}" in output

    # with the outlet, it arrives: nothing refused
    (export / "press_lists.json").write_text(pristine)
    done = run(BIN / "plone-importer", conf, "target", export)
    output = done.stdout + done.stderr
    assert done.returncode == 0, output
    assert "outlets: 1 added" in output
    assert f"{ARTICLE} - (imio.pressbook.PressArticle)" in output
    assert "refused" not in output.replace("0 refused", "")
