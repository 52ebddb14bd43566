"""scripts/pressbook_import.py run by the real ``zconsole run`` on an instance
written by scripts/make_instance.py: dry run, import, refused rows written to
a CSV, a second run that changes nothing."""

from pathlib import Path

import subprocess
import sys


ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
SITE = """
from Products.CMFPlone.factory import addPloneSite
import transaction

site = addPloneSite(app, "Plone", default_language="fr", extension_ids=[
    "plone.app.contenttypes:default", "imio.pressbook:default"])
site.acl_users._doAddUser("admin", "secret", ["Manager"], [])
from plone import api
from zope.component.hooks import setSite
setSite(site)
with api.env.adopt_roles(["Manager"]):
    api.content.create(site, "imio.pressbook.PressBook", id="presse", title="Presse")
transaction.commit()
"""
CSV = (
    "Type;Titre;Date;Média;Lien\r\n"
    "article;La commune en ligne;21/01/2014;Le Soir;https://www.lesoir.be/en-ligne\r\n"
    "article;Demain;01/01/2999;Le Soir;https://www.lesoir.be/demain\r\n"
)


def run(*args):
    done = subprocess.run(
        [str(arg) for arg in args],
        capture_output=True,
        text=True,
        timeout=180,
        cwd=ROOT,
    )
    return done.returncode, done.stdout + done.stderr


def test_command_line_import(tmp_path):
    home = tmp_path / "instance"
    status, output = run(BIN / "python", ROOT / "scripts" / "make_instance.py", home)
    assert status == 0, output
    conf = home / "etc" / "zope.conf"
    script = tmp_path / "site.py"
    script.write_text(SITE)
    status, output = run(BIN / "zconsole", "run", conf, script)
    assert status == 0, output
    revue = tmp_path / "revue.csv"
    revue.write_text(CSV, encoding="utf-8")
    refused = tmp_path / "refused.csv"
    command = [
        BIN / "zconsole",
        "run",
        conf,
        ROOT / "scripts" / "pressbook_import.py",
        "--section",
        "/Plone/presse",
        "--refused",
        refused,
        revue,
    ]

    status, output = run(*command, "--dry-run")
    assert status == 1, output
    assert "dry run: created 1, updated 0, unchanged 0, refused 1" in output
    assert "Ligne 3, Date : La date ne peut pas être dans le futur." in output

    status, output = run(*command, "--batch-size", "1")
    assert status == 1, output
    assert "created 1, updated 0, unchanged 0, refused 1" in output
    assert "committed up to row 3 (to resume: --start-row 4)" in output
    lines = refused.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0] == "Type;Titre;Date;Média;Lien;erreur"
    # the row as it was typed, and why it was refused
    assert lines[1] == (
        "article;Demain;01/01/2999;Le Soir;https://www.lesoir.be/demain;"
        "Ligne 3, Date : La date ne peut pas être dans le futur."
    )

    status, output = run(*command)
    assert "created 0, updated 0, unchanged 1, refused 1" in output
