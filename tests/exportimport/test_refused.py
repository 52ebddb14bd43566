"""plone-importer refuses whole an item whose outlet, assembly or themes the
target lacks, names the item, the field and the token, and imports the others;
the target's own rows and themes are kept as they are."""

from .conftest import ADDED_OUTLET
from .conftest import ADDED_THEME
from .conftest import BOOK
from collective.taxonomy import PATH_SEPARATOR
from imio.pressbook.controlpanels.rules import prepare_rows
from imio.pressbook.controlpanels.rules import stored
from imio.pressbook.controlpanels.settings import IPressSettings
from imio.pressbook.controlpanels.settings import PREFIX
from imio.pressbook.exportimport.themes import terms
from imio.pressbook.themes import themes_taxonomy
from plone import api
from plone.exportimport.importers import get_importer
from plone.registry.interfaces import IRegistry
from zope.component import getUtility

import json
import logging
import transaction


ARTICLE = f"/{BOOK}/l-ia-au-service-des-communes"
QUESTION = f"/{BOOK}/trois-reponses"
PRESS_TYPES = ["imio.pressbook.PressArticle", "imio.pressbook.ParliamentaryQuestion"]


def drop_added_outlet_and_theme(exported):
    """The export as a site without the added outlet and theme would give it."""
    lists = exported / "press_lists.json"
    data = json.loads(lists.read_text())
    data["outlets"] = [
        row for row in data["outlets"] if row["token"] != ADDED_OUTLET["token"]
    ]
    lists.write_text(json.dumps(data))
    themes = exported / "pressbook_themes.json"
    data = json.loads(themes.read_text())
    for language, found in data["languages"].items():
        data["languages"][language] = [t for t in found if t["token"] != ADDED_THEME]
    themes.write_text(json.dumps(data))


def import_into(target, exported):
    with api.env.adopt_roles(["Manager"]):
        importer = get_importer(target)
        importer.import_site(exported)
    transaction.commit()
    return importer


def test_item_with_unknown_tokens_is_refused_whole_and_others_imported(
    source, exported, target, caplog
):
    drop_added_outlet_and_theme(exported)
    caplog.set_level(logging.ERROR, logger="imio.pressbook")
    importer = import_into(target, exported)

    catalog = target.portal_catalog
    paths = {
        brain.getPath().removeprefix("/target")
        for brain in catalog.unrestrictedSearchResults(portal_type=PRESS_TYPES)
    }
    assert len(paths) == 16  # the demo's items, all of them
    assert ARTICLE not in paths
    assert QUESTION not in paths
    assert target.unrestrictedTraverse(ARTICLE.lstrip("/"), None) is None
    assert target.unrestrictedTraverse(QUESTION.lstrip("/"), None) is None

    assert importer.refused == {
        ARTICLE: [
            f"{ARTICLE} n'est pas importé : son champ outlet "
            f"«\N{NO-BREAK SPACE}{ADDED_OUTLET['token']}\N{NO-BREAK SPACE}» est inconnu "
            "de ce site.",
            f"{ARTICLE} n'est pas importé : son champ themes "
            f"«\N{NO-BREAK SPACE}{ADDED_THEME}\N{NO-BREAK SPACE}» est inconnu de ce site.",
        ],
        QUESTION: [
            f"{QUESTION} n'est pas importé : son champ themes "
            f"«\N{NO-BREAK SPACE}{ADDED_THEME}\N{NO-BREAK SPACE}» est inconnu de ce site.",
        ],
    }
    # plone-importer exits with 1 when ``incomplete`` is not empty
    assert set(importer.incomplete) == {ARTICLE, QUESTION}
    logged = "\n".join(record.getMessage() for record in caplog.records)
    for messages in importer.refused.values():
        for message in messages:
            assert message in logged


def test_importing_again_with_the_lists_brings_the_refused_items(
    source, exported, target
):
    pristine = {
        name: (exported / name).read_text()
        for name in ("press_lists.json", "pressbook_themes.json")
    }
    drop_added_outlet_and_theme(exported)
    import_into(target, exported)
    for name, text in pristine.items():
        (exported / name).write_text(text)

    importer = import_into(target, exported)

    assert importer.refused == {}
    article = target.unrestrictedTraverse(ARTICLE.lstrip("/"))
    assert article.outlet == ADDED_OUTLET["token"]
    assert article.themes == [ADDED_THEME, "urbanisme"]
    assert article.paper_version_access == "editors"


def test_the_target_keeps_its_own_rows_and_themes(source, exported, target):
    proxy = getUtility(IRegistry).forInterface(IPressSettings, prefix=PREFIX)
    outlets = stored("outlets", target)
    for row in outlets:
        if row["token"] == "la-libre":
            row["name"] = "La Libre"
    proxy.outlets = prepare_rows("outlets", outlets, target)
    taxonomy = themes_taxonomy(target)
    french = terms(taxonomy, "fr")
    first = french[0]
    root_path = next(iter(taxonomy.makeVocabulary("fr").iterEntries()))[0]
    taxonomy.update(
        "fr", [(f"{root_path}{PATH_SEPARATOR}Propre au site", "propre-au-site")]
    )
    transaction.commit()

    import_into(target, exported)

    rows = {row["token"]: row for row in stored("outlets", target)}
    assert rows["la-libre"]["name"] == "La Libre"
    assert rows[ADDED_OUTLET["token"]] == ADDED_OUTLET
    after = {t["token"]: t for t in terms(taxonomy, "fr")}
    assert after["propre-au-site"] == {
        "token": "propre-au-site",
        "title": "Propre au site",
        "parent": first["token"],
    }
    assert ADDED_THEME in after
    la_libre = target.portal_catalog.unrestrictedSearchResults(outlet="la-libre")
    assert (
        len(la_libre) == 1
    )  # the item filed there arrived, filed under the site's row
