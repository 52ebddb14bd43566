"""Applying the default profile again keeps the themes as the site administrators
edited them; without the taxonomy, the install creates it from its file."""

from Acquisition import aq_base
from collective.taxonomy.interfaces import ITaxonomy
from imio.pressbook.setuphandlers.themes import ensure_themes_taxonomy
from imio.pressbook.vocabularies.themes import ThemeTree
from plone import api
from plone.behavior.interfaces import IBehavior
from zope.component import getSiteManager
from zope.component import queryUtility
from zope.i18n.interfaces import ITranslationDomain
from zope.schema.interfaces import IVocabularyFactory

import pytest


PROFILE_ID = "profile-imio.pressbook:default"
THEMES = "collective.taxonomy.themes"
BEHAVIOR = "collective.taxonomy.generated.themes"


def taxonomy():
    return queryUtility(ITaxonomy, name=THEMES)


def entries(language):
    """``(path, token)`` of each entry, in the taxonomy's order."""
    data = taxonomy().data[language]
    order = taxonomy().order[language]
    return [(path, data[path]) for path in order.values() if path in data]


def reinstall(installer):
    with api.env.adopt_roles(["Manager"]):
        installer.uninstall_product("imio.pressbook")
        installer.install_product("imio.pressbook")


def run_the_taxonomy_step():
    """What an upgrade step running the step of our profile does."""
    setup = api.portal.get_tool("portal_setup")
    setup.runImportStepFromProfile(
        PROFILE_ID, "collective.taxonomy", run_dependencies=False
    )


@pytest.fixture
def edited(edit_themes, node):
    """Renamed, deleted and added terms, and the behaviour's title changed."""

    def change(tree):
        node(tree, "logiciels-libres")["translations"]["fr"] = "Open source"
        parent = node(tree, "pouvoirs-locaux")
        parent["subnodes"] = [
            child for child in parent["subnodes"] if child["key"] != "tutelle"
        ]
        node(tree, "informatique")["subnodes"].insert(
            0,
            {
                "key": "ville-intelligente",
                "translations": {"fr": "Ville intelligente", "nl": "Slimme stad"},
                "subnodes": [],
            },
        )

    edit_themes(change)
    # what the taxonomy's settings form does (collective.taxonomy.controlpanel)
    queryUtility(IBehavior, name=BEHAVIOR).field_title = "Thèmes de la presse"
    return {language: entries(language) for language in ("fr", "nl", "de", "en")}


def assert_kept(before):
    for language, expected in before.items():
        assert entries(language) == expected, language
    tree = ThemeTree(api.portal.get(), "fr")
    assert tree.label("logiciels-libres") == "Informatique › Open source"
    assert "tutelle" not in tree
    assert tree.label("ville-intelligente") == "Informatique › Ville intelligente"
    assert len(tree.titles) == 47
    assert queryUtility(IBehavior, name=BEHAVIOR).field_title == ("Thèmes de la presse")


def test_the_edit_is_what_the_tests_below_keep(edited):
    """The control panel's edit did change the taxonomy."""
    fr = dict(edited["fr"])
    assert fr["␟Informatique␟Open source"] == "logiciels-libres"
    assert "␟Pouvoirs locaux␟Tutelle" not in fr
    paths = [path for path, token in edited["fr"]]
    first_child = paths[paths.index("␟Informatique") + 1]
    assert first_child == "␟Informatique␟Ville intelligente"


def test_reinstalling_the_add_on_keeps_the_edited_themes(edited, installer):
    kept = aq_base(taxonomy())
    reinstall(installer)
    assert aq_base(taxonomy()) is kept
    assert_kept(edited)


def test_the_step_of_an_upgrade_keeps_the_edited_themes(edited):
    run_the_taxonomy_step()
    assert_kept(edited)


def test_one_taxonomy_registered_after_a_reinstall(edited, installer):
    reinstall(installer)
    site_manager = getSiteManager()
    for provided in (ITaxonomy, IVocabularyFactory, ITranslationDomain):
        names = [name for name, utility in site_manager.getUtilitiesFor(provided)]
        assert names.count(THEMES) == 1, provided
    assert aq_base(queryUtility(IVocabularyFactory, name=THEMES)) is aq_base(taxonomy())


def test_an_existing_taxonomy_is_never_replaced(edited):
    kept = aq_base(taxonomy())
    assert ensure_themes_taxonomy(api.portal.get()) is False
    assert aq_base(taxonomy()) is kept
    assert_kept(edited)


def test_without_the_taxonomy_it_is_created_from_the_file(portal):
    """A site upgraded from 1000 has none: the shipped one is brought."""
    site_manager = getSiteManager()
    old = aq_base(taxonomy())
    for provided in (ITaxonomy, IVocabularyFactory, ITranslationDomain):
        site_manager.unregisterUtility(old, provided, name=THEMES)
    assert taxonomy() is None
    run_the_taxonomy_step()  # the default profile's step brings nothing
    assert taxonomy() is None
    assert ensure_themes_taxonomy(portal) is True
    assert aq_base(taxonomy()) is not old
    tree = ThemeTree(portal, "fr")
    assert len(tree.titles) == 47
    assert tree.label("tutelle") == "Pouvoirs locaux › Tutelle"


def test_reinstall_keeps_the_generated_criterion_hidden(portal, installer):
    from plone import api

    with api.env.adopt_roles(["Manager"]):
        installer.uninstall_product("imio.pressbook")
        installer.install_product("imio.pressbook")
    registry = api.portal.get_tool("portal_registry")
    assert (
        registry.records["plone.app.querystring.field.taxonomy_themes.enabled"].value
        is False
    )
