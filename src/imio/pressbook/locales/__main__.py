"""Update the translations: ``python -m imio.pressbook.locales``.

Rebuilds ``imio.pressbook.pot`` from the package's page templates, Python
``_()`` calls and GenericSetup XML (i18n:domain="imio.pressbook"), then syncs
every ``<lang>/LC_MESSAGES/imio.pressbook.po`` with it (new languages get an
empty catalog). Translate the new msgids, then commit the .pot and .po files;
the .mo files are compiled at start-up (zope_i18n_compile_mo_files=true).
"""

from pathlib import Path

import logging
import re
import shutil
import subprocess
import sys


logger = logging.getLogger("i18n")

DOMAIN = "imio.pressbook"
LANGUAGES = ("fr", "nl", "de")
LANGUAGE_NAMES = {
    "fr": "Français",
    "nl": "Nederlands",
    "de": "Deutsch",
    "en": "English",
}
PLURAL_FORMS = {"fr": "nplurals=2; plural=(n > 1);"}
LANGUAGE_RE = re.compile(r"^[a-z]{2}([_-][A-Za-z]{2})?$")

locale_path = Path(__file__).parent.resolve()
target_path = locale_path.parent
pot_path = locale_path / f"{DOMAIN}.pot"
manual_pot_path = locale_path / f"{DOMAIN}-manual.pot"

# Files where i18ndude finds nothing of ours but chokes or finds noise.
EXCLUDES = "*.html *json-schema*.xml"


def i18ndude():
    """The i18ndude of the running environment (the ``dev`` extra), else the PATH's."""
    local = Path(sys.executable).parent / "i18ndude"
    found = str(local) if local.exists() else shutil.which("i18ndude")
    if not found:
        sys.exit("i18ndude is missing: install the package with its `dev` extra.")
    return found


def languages():
    folders = {
        path.name
        for path in locale_path.iterdir()
        if path.is_dir() and LANGUAGE_RE.match(path.name)
    }
    return sorted(folders | set(LANGUAGES))


def po_path(language):
    return locale_path / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def setup_language(language):
    """Start a new language with an empty catalog that sync then fills in."""
    path = po_path(language)
    if path.exists():
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        "\n".join(
            [
                'msgid ""',
                'msgstr ""',
                '"Project-Id-Version: imio.pressbook\\n"',
                '"MIME-Version: 1.0\\n"',
                '"Content-Type: text/plain; charset=utf-8\\n"',
                '"Content-Transfer-Encoding: 8bit\\n"',
                f'"Plural-Forms: {PLURAL_FORMS.get(language, "nplurals=2; plural=(n != 1);")}\\n"',
                f'"Language-Code: {language}\\n"',
                f'"Language-Name: {LANGUAGE_NAMES.get(language, language)}\\n"',
                '"Preferred-Encodings: utf-8\\n"',
                f'"Domain: {DOMAIN}\\n"',
                "",
            ]
        ),
        encoding="utf-8",
    )
    logger.info("Created %s", path)


def rebuild_pot(command):
    args = [
        command,
        "rebuild-pot",
        "--pot",
        str(pot_path),
        "--exclude",
        EXCLUDES,
        "--create",
        DOMAIN,
    ]
    if manual_pot_path.exists():
        args.extend(["--merge", str(manual_pot_path)])
    args.append(str(target_path))
    subprocess.run(args, check=True)  # noqa: S603


def sync(command, languages):
    args = [command, "sync", "--pot", str(pot_path)]
    args.extend(str(po_path(language)) for language in languages)
    subprocess.run(args, check=True)  # noqa: S603


def main():
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    command = i18ndude()
    langs = languages()
    for language in langs:
        setup_language(language)
    logger.info("Updating the %s translations: %s", DOMAIN, ", ".join(langs))
    rebuild_pot(command)
    sync(command, langs)


if __name__ == "__main__":
    main()
