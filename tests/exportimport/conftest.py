"""A demo site with edge cases, its plone.exportimport export, and an empty
target site with the add-on installed, in the same test storage."""

from collective.taxonomy import PATH_SEPARATOR
from datetime import date
from imio.pressbook.controlpanels.logos import set_logo
from imio.pressbook.controlpanels.rules import prepare_rows
from imio.pressbook.controlpanels.rules import stored
from imio.pressbook.controlpanels.settings import IPressSettings
from imio.pressbook.controlpanels.settings import PREFIX
from imio.pressbook.themes import themes_taxonomy
from pathlib import Path
from plone import api
from plone.app.testing import applyProfile
from plone.exportimport.exporters import get_exporter
from plone.namedfile.file import NamedBlobFile
from plone.registry.interfaces import IRegistry
from Products.CMFPlone.factory import addPloneSite
from zope.component import getUtility
from zope.component.hooks import setSite

import pytest
import transaction


BOOK = "presentation/dans-les-medias"
ADDED_OUTLET = {
    "token": "le-courrier-de-l-escaut",
    "name": "Le Courrier de l'Escaut",
    "kind": "daily",
    "website": "https://www.courrierdelescaut.be",
    "language": "fr",
    "rights": "Éditions de l'Avenir",
}
ADDED_THEME = "intelligence-artificielle"
ADDED_THEME_PARENT = "amenagement-du-territoire"
ADDED_THEME_TITLES = {
    "fr": "Intelligence artificielle",
    "nl": "Artificiële intelligentie",
    "de": "Künstliche Intelligenz",
    "en": "Artificial intelligence",
}
SCAN = b"%PDF-1.4\n% a scan only editors may open\n%%EOF\n"
# outlet token -> (its logo's filename, a small PNG in data/)
LOGOS = {
    ADDED_OUTLET["token"]: ("courrier.png", "logo-a.png"),
    "le-soir": ("le-soir.png", "logo-b.png"),
}


def logo_bytes(token):
    return (Path(__file__).parent / "data" / LOGOS[token][1]).read_bytes()


def add_theme(site, token, parent, titles):
    """``token`` under ``parent`` in every language of the themes taxonomy."""
    taxonomy = themes_taxonomy(site)
    for language, title in titles.items():
        vocabulary = taxonomy.makeVocabulary(language)
        parent_path = {t: p for p, t in vocabulary.iterEntries()}[parent]
        taxonomy.update(
            language, [(f"{parent_path}{PATH_SEPARATOR}{title}", token)], clear=False
        )


def add_edge_cases(portal):
    proxy = getUtility(IRegistry).forInterface(IPressSettings, prefix=PREFIX)
    proxy.outlets = prepare_rows(
        "outlets", [*stored("outlets", portal), ADDED_OUTLET], portal
    )
    for token, (filename, _path) in LOGOS.items():
        set_logo(portal, token, logo_bytes(token), filename)
    add_theme(portal, ADDED_THEME, ADDED_THEME_PARENT, ADDED_THEME_TITLES)
    book = portal.unrestrictedTraverse(BOOK)
    article = api.content.create(
        container=book,
        type="imio.pressbook.PressArticle",
        id="l-ia-au-service-des-communes",
        title="L'IA au service des communes",
        description="Un chapeau.",
        publication_date=date(2025, 3, 14),
        outlet=ADDED_OUTLET["token"],
        journalist="A. Nonyme",
        page="p. 7, Régions",
        original_url="https://www.courrierdelescaut.be/ia-communes",
        themes=[ADDED_THEME, "urbanisme"],
        subjects=("IA", "communes"),
        paper_version=NamedBlobFile(
            data=SCAN, filename="courrier-2025-03-14.pdf", contentType="application/pdf"
        ),
        paper_version_access="editors",
    )
    api.content.transition(obj=article, transition="publish")
    question = api.content.create(
        container=book,
        type="imio.pressbook.ParliamentaryQuestion",
        id="trois-reponses",
        title="Une question et trois sortes de réponses",
        assembly="parlement-wallonie",
        question_type="written",
        session="2024-2025",
        number="77",
        question_date=date(2025, 1, 10),
        asked_by="M. Député",
        addressed_to="Mme la Ministre",
        themes=[ADDED_THEME],
        answers=[
            {
                "date": date(2025, 2, 1),
                "answered_by": "La Ministre",
                "kind": "holding",
                "text": "Nous examinons.",
            },
            {
                "date": date(2025, 3, 1),
                "answered_by": "La Ministre",
                "kind": "final",
                "text": "Voici la réponse.",
            },
            {
                "date": date(2025, 4, 1),
                "answered_by": "La Ministre",
                "kind": "complementary",
                "text": "Et un complément.",
            },
        ],
    )
    api.content.transition(obj=question, transition="publish")


@pytest.fixture
def source(demo):
    portal = demo["portal"]
    with api.env.adopt_roles(["Manager"]):
        add_edge_cases(portal)
    transaction.commit()
    return portal


@pytest.fixture
def exported(source, tmp_path):
    with api.env.adopt_roles(["Manager"]):
        get_exporter(source).export_site(tmp_path)
    return tmp_path


@pytest.fixture
def target(demo, exported):
    """An empty site with the add-on installed, as the test layer makes one."""
    site = addPloneSite(
        demo["app"],
        "target",
        extension_ids=["plone.app.contenttypes:default"],
        default_language="fr",
    )
    setSite(site)
    site.portal_registry["plone.available_languages"] = ["fr", "nl", "de", "en"]
    site.portal_workflow.setDefaultChain("simple_publication_workflow")
    with api.env.adopt_roles(["Manager"]):
        applyProfile(site, "imio.pressbook:default")
    transaction.commit()
    yield site
    setSite(demo["portal"])
