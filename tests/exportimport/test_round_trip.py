"""plone.exportimport round trip: a demo site with edge cases, exported with
``plone-exporter``'s API, imported into an empty site with the add-on: every
press field, list row, theme and facet count as it was."""

from .conftest import ADDED_OUTLET
from .conftest import ADDED_THEME
from .conftest import ADDED_THEME_PARENT
from .conftest import BOOK
from .conftest import logo_bytes
from .conftest import LOGOS
from .conftest import SCAN
from base64 import b64encode
from imio.pressbook.controlpanels.logos import get_entry
from imio.pressbook.controlpanels.logos import set_logo
from imio.pressbook.controlpanels.rules import stored
from imio.pressbook.exportimport.press_lists import import_logos
from imio.pressbook.exportimport.themes import terms
from imio.pressbook.themes import themes_taxonomy
from imio.pressbook.vocabularies.outlets import logo_url
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from plone.app.textfield.value import RichTextValue
from plone.dexterity.utils import iterSchemata
from plone.exportimport.importers import get_importer
from plone.namedfile.interfaces import INamedFile
from zope.schema import getFieldsInOrder

import pytest
import requests
import transaction


PRESS_TYPES = ["imio.pressbook.PressArticle", "imio.pressbook.ParliamentaryQuestion"]


def comparable(value):
    if INamedFile.providedBy(value):
        return (value.filename, value.contentType, value.data)
    if isinstance(value, RichTextValue):
        return (value.raw, value.mimeType, value.outputMimeType)
    if isinstance(value, list | tuple):
        return [comparable(item) for item in value]
    if isinstance(value, dict):
        return {key: comparable(item) for key, item in value.items()}
    return value


def press_fields(obj):
    """Every schema field of the item, with its path, UID and workflow state.

    ``effective`` to the minute: plone.exportimport cuts it there.
    """
    values = {}
    for schema in iterSchemata(obj):
        adapted = schema(obj)
        for name, _field in getFieldsInOrder(schema):
            value = getattr(adapted, name)
            if name == "effective" and value is not None:
                value = value.replace(second=0, microsecond=0)
            if name == "language":
                # plone.exportimport gives an item without language the site's
                value = value or api.portal.get_default_language()
            values[name] = comparable(value)
    values["path"] = "/".join(obj.getPhysicalPath()[2:])
    values["UID"] = obj.UID()
    values["review_state"] = api.content.get_state(obj)
    return values


def press_items(site):
    catalog = site.portal_catalog
    return {
        brain.UID: press_fields(brain._unrestrictedGetObject())
        for brain in catalog.unrestrictedSearchResults(portal_type=PRESS_TYPES)
    }


def search(site, auth=None):
    response = requests.get(
        f"{site.absolute_url()}/{BOOK}/@pressbook-search",
        params={"b_size": 100},
        headers={"Accept": "application/json"},
        auth=auth,
        timeout=30,
    )
    assert response.status_code == 200, response.text
    data = response.json()
    return data["items_total"], data["facets"]


@pytest.fixture
def imported(source, exported, target):
    with api.env.adopt_roles(["Manager"]):
        importer = get_importer(target)
        importer.import_site(exported)
    transaction.commit()
    return importer


def test_every_press_field_arrives_as_it_was(source, target, imported):
    expected = press_items(source)
    got = press_items(target)
    assert len(expected) == 18  # the demo's 16 items and the two edge cases
    assert imported.refused == {}
    assert imported.incomplete == {}
    assert set(got) == set(expected)
    for uid, fields in expected.items():
        assert got[uid] == fields, fields["path"]


def test_edge_cases_arrive_with_their_scan_access_and_answers(target, imported):
    article = target.unrestrictedTraverse(f"{BOOK}/l-ia-au-service-des-communes")
    assert article.outlet == ADDED_OUTLET["token"]
    assert article.paper_version.data == SCAN
    assert article.paper_version_access == "editors"
    assert article.themes == [ADDED_THEME, "urbanisme"]
    question = target.unrestrictedTraverse(f"{BOOK}/trois-reponses")
    assert [answer["kind"] for answer in question.answers] == [
        "holding",
        "final",
        "complementary",
    ]
    assert api.content.get_state(question) == "published"


def test_press_lists_arrive_with_every_column(source, target, imported):
    for list_name in ("outlets", "assemblies"):
        assert stored(list_name, target) == stored(list_name, source)
    assert ADDED_OUTLET in stored("outlets", target)


def test_themes_arrive_in_every_language_with_hierarchy_and_order(
    source, target, imported
):
    source_taxonomy = themes_taxonomy(source)
    target_taxonomy = themes_taxonomy(target)
    assert set(target_taxonomy.getLanguages()) == {"fr", "nl", "de", "en"}
    for language in source_taxonomy.getLanguages():
        assert terms(target_taxonomy, language) == terms(source_taxonomy, language)
    added = {t["token"]: t for t in terms(target_taxonomy, "nl")}[ADDED_THEME]
    assert added == {
        "token": ADDED_THEME,
        "title": "Artificiële intelligentie",
        "parent": ADDED_THEME_PARENT,
    }


def test_search_facets_count_the_same(source, target, imported):
    # a parent theme counts the items filed under the added theme below it
    owner = (SITE_OWNER_NAME, SITE_OWNER_PASSWORD)
    for auth in (None, owner):
        total, facets = search(source, auth)
        assert search(target, auth) == (total, facets)
    themes = {entry["token"]: entry["count"] for entry in facets["themes"]}
    assert themes[ADDED_THEME] == 2
    assert themes[ADDED_THEME_PARENT] >= 2


def test_outlet_logos_arrive_with_their_bytes(source, target, imported):
    for token, (filename, _path) in LOGOS.items():
        arrived = get_entry(token, target)["image"]
        assert (arrived.filename, arrived.contentType, arrived.data) == (
            filename,
            "image/png",
            logo_bytes(token),
        )
        assert logo_url(target, token).startswith(
            f"{target.absolute_url()}/@@pressbook-outlet-logo/{token}?v="
        )
    assert logo_url(target, "la-libre") is None


def test_an_imported_logo_does_not_replace_the_sites_own(source, exported, target):
    own = logo_bytes(ADDED_OUTLET["token"])
    set_logo(target, "le-soir", own, "mine.png")
    added, kept, refused = import_logos(
        target,
        {
            "le-soir": {"filename": "x.png", "content_type": "image/png", "data": ""},
            "la-libre": {
                "filename": "libre.png",
                "content_type": "image/png",
                "data": b64encode(b"not an image").decode(),
            },
            "le-monde": {"filename": "m.png", "content_type": "image/png", "data": ""},
        },
    )
    assert (added, kept) == ([], ["le-soir"])
    assert [token for token, _reason in refused] == ["la-libre", "le-monde"]
    assert get_entry("le-soir", target)["image"].data == own
    assert get_entry("la-libre", target) is None
