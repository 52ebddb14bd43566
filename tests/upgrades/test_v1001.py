"""Upgrade 1000 -> 1001 on a site with content: themes taxonomy, editable
outlets and assemblies, collection criteria; no keyword nor outlet lost."""

from collective.taxonomy.interfaces import ITaxonomy
from datetime import date
from plone import api
from zope.component import getUtility
from zope.schema.interfaces import IVocabularyFactory

import pytest


PROFILE = "imio.pressbook:default"
THEMES = "collective.taxonomy.themes"
NEW_INDEXES = ("themes", "outlet_kind")
MANAGE_PRESS_SETTINGS = "imio.pressbook: Manage press settings"


def downgrade_to_1000(portal):
    """Take away what 1001 brought, as a site installed at 1000 was."""
    setup = api.portal.get_tool("portal_setup")
    catalog = api.portal.get_tool("portal_catalog")
    for name in NEW_INDEXES:
        if name in catalog.indexes():
            catalog.delIndex(name)
        if name in catalog.schema():
            catalog.delColumn(name)
    registry = api.portal.get_tool("portal_registry")
    for name in list(registry.records.keys()):
        if (
            name.startswith("imio.pressbook.")
            or name.startswith("plone.app.querystring.field.")
            and name.rsplit(".", 1)[-1]
            in (
                "outlet",
                "outlet_kind",
                "themes",
                "assembly",
                "question_type",
                "answer_status",
                "pressbook_year",
                "pressbook_date",
            )
        ):
            del registry.records[name]
    site_manager = portal.getSiteManager()
    taxonomy = site_manager.queryUtility(ITaxonomy, name=THEMES)
    if taxonomy is not None:
        from zope.i18n.interfaces import ITranslationDomain

        for provided in (ITaxonomy, IVocabularyFactory, ITranslationDomain):
            site_manager.unregisterUtility(taxonomy, provided, name=THEMES)
    # a permission that did not exist yet: Zope gives it to Manager only
    portal.manage_permission(MANAGE_PRESS_SETTINGS, ["Manager"], acquire=False)
    setup.setLastVersionForProfile(PROFILE, "1000")


@pytest.fixture
def old_site(portal):
    with api.env.adopt_roles(["Manager"]):
        book = api.content.create(
            portal, "imio.pressbook.PressBook", id="medias", title="Dans les médias"
        )
        article = api.content.create(
            book,
            "imio.pressbook.PressArticle",
            id="article",
            title="IMIO touche 3,5 millions d'habitants",
            publication_date=date(2014, 1, 21),
            outlet="la-derniere-heure",
            journalist="C. Ti.",
        )
        article.setSubject(("IMIO", "mutualisation"))
        question = api.content.create(
            book,
            "imio.pressbook.ParliamentaryQuestion",
            id="question",
            title="Les partenariats sollicités par l'intercommunale IMIO",
            assembly="parlement-wallonie",
            question_date=date(2015, 7, 10),
            asked_by="DUPONT Jean-Marc",
            addressed_to="FURLAN Paul",
        )
        question.setSubject(("IMIO",))
        for obj in (article, question):
            # stored as a 1000 site stored them: no themes attribute
            obj.__dict__.pop("themes", None)
            obj.reindexObject()
        downgrade_to_1000(portal)
    return book


def run_upgrade():
    setup = api.portal.get_tool("portal_setup")
    with api.env.adopt_roles(["Manager"]):
        setup.upgradeProfile(PROFILE)
    return setup


def test_upgrade_step_is_registered(old_site):
    setup = api.portal.get_tool("portal_setup")
    steps = [(step["ssource"], step["sdest"]) for step in setup.listUpgrades(PROFILE)]
    assert steps[:2] == [("1000", "1001"), ("1001", "1002")]
    # one chain of steps, up to the profile's version
    for (_source, dest), (source, _dest) in zip(steps, steps[1:], strict=False):
        assert dest == source
    assert steps[-1][1] == setup.getVersionForProfile(PROFILE)


def test_upgrade_reaches_last_version(old_site):
    setup = run_upgrade()
    assert setup.getLastVersionForProfile(PROFILE) == (
        setup.getVersionForProfile(PROFILE),
    )
    assert setup.listUpgrades(PROFILE) == []


def test_upgrade_keeps_keywords_and_outlets(old_site):
    run_upgrade()
    article = old_site["article"]
    assert article.Subject() == ("IMIO", "mutualisation")
    assert article.outlet == "la-derniere-heure"
    assert old_site["question"].Subject() == ("IMIO",)
    assert old_site["question"].assembly == "parlement-wallonie"
    # the stored tokens are still in the (now editable) vocabularies
    outlets = getUtility(IVocabularyFactory, "imio.pressbook.vocabulary.Outlets")(
        old_site
    )
    assert outlets.getTermByToken("la-derniere-heure").title == "La Dernière Heure"
    assemblies = getUtility(IVocabularyFactory, "imio.pressbook.vocabulary.Assemblies")(
        old_site
    )
    assert "parlement-wallonie" in [term.token for term in assemblies]
    assert [b.getId for b in api.content.find(Subject="mutualisation")] == ["article"]


def test_upgrade_brings_themes_and_indexes(old_site):
    run_upgrade()
    catalog = api.portal.get_tool("portal_catalog")
    for name in NEW_INDEXES:
        assert name in catalog.indexes()
        assert name in catalog.schema()
    themes = getUtility(IVocabularyFactory, THEMES)(old_site)
    assert len(themes) >= 40
    # old content can be given themes and is found by them
    token = next(iter(themes)).token
    article = old_site["article"]
    assert article.themes in (None, [])
    article.themes = [token]
    article.reindexObject()
    assert [b.getId for b in api.content.find(themes=token)] == ["article"]


def test_upgrade_indexes_outlet_kind_of_existing_articles(old_site):
    run_upgrade()
    (brain,) = api.content.find(UID=old_site["article"].UID())
    assert brain.outlet_kind == "daily"


def test_upgrade_brings_collection_criteria(old_site):
    run_upgrade()
    registry = api.portal.get_tool("portal_registry")
    for index in ("outlet", "themes", "assembly", "answer_status"):
        assert f"plone.app.querystring.field.{index}.title" in registry.records


def test_upgrade_lets_site_administrators_manage_the_lists(old_site, portal):
    run_upgrade()
    roles = [
        role["name"]
        for role in portal.rolesOfPermission(MANAGE_PRESS_SETTINGS)
        if role["selected"]
    ]
    assert "Site Administrator" in roles
    assert "Manager" in roles


def test_upgrade_hides_the_generated_taxonomy_criterion(old_site):
    run_upgrade()
    registry = api.portal.get_tool("portal_registry")
    assert (
        registry.records["plone.app.querystring.field.taxonomy_themes.enabled"].value
        is False
    )
