"""French first: every message of the add-on is translated in French."""

from pathlib import Path

import imio.pressbook
import re
import subprocess


LOCALES = Path(imio.pressbook.__file__).parent / "locales"


def untranslated(po_file):
    """msgids whose msgstr is empty (the header excepted)."""
    text = po_file.read_text(encoding="utf-8")
    entries = re.findall(
        r'^msgid (".*"(?:\n".*")*)\nmsgstr (".*"(?:\n".*")*)', text, re.M
    )
    missing = []
    for msgid, msgstr in entries:
        if msgid == '""':
            continue
        if re.sub(r'"\s*\n?"?', "", msgstr) == "":
            missing.append(msgid)
    return missing


def msgids(po_file):
    return set(re.findall(r'^msgid "(.+)"$', po_file.read_text(encoding="utf-8"), re.M))


def test_french_catalog_is_complete():
    assert untranslated(LOCALES / "fr" / "LC_MESSAGES" / "imio.pressbook.po") == []


def test_french_catalog_follows_the_template():
    """The .po was synced with the .pot: no message of the code is missing."""
    pot = msgids(LOCALES / "imio.pressbook.pot")
    fr = msgids(LOCALES / "fr" / "LC_MESSAGES" / "imio.pressbook.po")
    assert pot, "the template has no message"
    assert pot <= fr


def test_untranslated_detects_an_empty_message(tmp_path):
    po = tmp_path / "x.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n\nmsgid "Title"\nmsgstr ""\n\nmsgid "Lead"\nmsgstr "Chapeau"\n'
    )
    assert untranslated(po) == ['"Title"']


def test_template_is_up_to_date(tmp_path):
    """Every msgid of the code is in the committed .pot (`make i18n` was run)."""
    from imio.pressbook.locales import __main__ as i18n

    fresh = tmp_path / "fresh.pot"
    subprocess.run(
        [
            i18n.i18ndude(),
            "rebuild-pot",
            "--pot",
            str(fresh),
            "--exclude",
            i18n.EXCLUDES,
            "--create",
            i18n.DOMAIN,
            str(i18n.target_path),
        ],
        check=True,
        capture_output=True,
    )
    missing = msgids(fresh) - msgids(LOCALES / "imio.pressbook.pot")
    assert missing == set(), "run `make i18n` and translate the new messages"
