"""The themes taxonomy ("Thèmes"): data of the default profile, a tree in four
languages, collective.taxonomy's vocabulary, read by ``ThemeTree``."""

from Acquisition import aq_base
from collective.taxonomy.interfaces import ITaxonomy
from imio.pressbook.themes import ThemeTree
from lxml import etree
from pathlib import Path
from zope.component import getUtility
from zope.component import queryUtility
from zope.i18n import translate
from zope.schema.interfaces import IVocabularyFactory

import imio.pressbook
import re


VDEX = (
    Path(imio.pressbook.__file__).parent
    / "profiles"
    / "themes"
    / "taxonomies"
    / "themes.xml"
)
NS = {"vdex": "http://www.imsglobal.org/xsd/imsvdex_v1p0"}
INFORMATIQUE = {
    "informatique",
    "administration-en-ligne",
    "inclusion-numerique",
    "logiciels-libres",
    "mutualisation-informatique",
    "protection-des-donnees",
    "securite-informatique",
}


def file_tokens():
    tree = etree.parse(str(VDEX))
    return tree.xpath("//vdex:termIdentifier/text()", namespaces=NS)


def vocabulary(portal):
    return getUtility(IVocabularyFactory, "collective.taxonomy.themes")(portal)


def test_the_profile_installs_the_taxonomy_named_themes(portal):
    taxonomy = queryUtility(ITaxonomy, name="collective.taxonomy.themes")
    assert (taxonomy.title, taxonomy.default_language) == ("Thèmes", "fr")
    assert sorted(taxonomy.getLanguages()) == ["de", "en", "fr", "nl"]
    # the vocabulary is the taxonomy itself
    factory = getUtility(IVocabularyFactory, "collective.taxonomy.themes")
    assert aq_base(factory) is aq_base(taxonomy)


def test_every_term_of_the_file_once_in_the_vocabulary(portal):
    tokens = [term.token for term in vocabulary(portal)]
    assert sorted(tokens) == sorted(file_tokens())
    assert len(set(tokens)) == len(tokens) == 47


def test_tokens_are_readable_slugs():
    for token in file_tokens():
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", token), token


def test_each_term_has_a_label_in_the_four_languages(portal):
    taxonomy = queryUtility(ITaxonomy, name="collective.taxonomy.themes")
    for language in ("fr", "nl", "de", "en"):
        entries = list(taxonomy.makeVocabulary(language).iterEntries())
        assert sorted(token for path, token in entries) == sorted(file_tokens())


def test_the_tree_in_french_and_dutch(portal):
    taxonomy = queryUtility(ITaxonomy, name="collective.taxonomy.themes")
    french = taxonomy.makeVocabulary("fr").makeTree()
    dutch = taxonomy.makeVocabulary("nl").makeTree()
    assert list(french["Informatique"]) == [
        "Administration en ligne",
        "Inclusion numérique",
        "Logiciels libres",
        "Mutualisation informatique",
        "Protection des données / RGPD",
        "Sécurité informatique",
    ]
    assert french["Informatique"]["Logiciels libres"].term.value == "logiciels-libres"
    assert dutch["Informatica"]["Vrije software"].term.value == "logiciels-libres"
    assert list(french["Pouvoirs locaux"]) == [
        "Fusion de communes",
        "Gouvernance",
        "Mandataires locaux",
        "Personnel communal",
        "Tutelle",
    ]
    assert french["Culture"] == {}


def test_vocabulary_titles_are_paths_in_the_site_language(portal):
    term = vocabulary(portal).getTerm("logiciels-libres")
    assert term.value == "logiciels-libres"
    assert translate(term.title, context=portal.REQUEST) == (
        "Informatique » Logiciels libres"
    )


def test_theme_tree_labels_with_parents(portal):
    assert ThemeTree(portal, "fr").label("logiciels-libres") == (
        "Informatique › Logiciels libres"
    )
    assert ThemeTree(portal, "nl").label("logiciels-libres") == (
        "Informatica › Vrije software"
    )
    assert ThemeTree(portal, "de").label("tutelle") == "Lokale Behörden › Aufsicht"
    assert ThemeTree(portal, "fr").label("culture") == "Culture"


def test_theme_tree_of_an_unknown_language_is_french(portal):
    assert ThemeTree(portal, "it").label("tutelle") == "Pouvoirs locaux › Tutelle"
    assert ThemeTree(portal, "fr-be").label("tutelle") == "Pouvoirs locaux › Tutelle"


def test_theme_tree_unknown_token(portal):
    tree = ThemeTree(portal, "fr")
    assert "open-source" not in tree
    assert tree.label("open-source") == "open-source"
    assert tree.ancestry("open-source") == []
    assert tree.with_descendants("open-source") == ["open-source"]


def test_a_theme_with_its_descendants(portal):
    tree = ThemeTree(portal, "fr")
    assert set(tree.with_descendants("informatique")) == INFORMATIQUE
    assert tree.with_descendants("logiciels-libres") == ["logiciels-libres"]


def test_descendants_at_any_depth_after_an_edit_through_the_web(
    portal, edit_themes, node
):
    def add_grandchild(tree):
        node(tree, "logiciels-libres")["subnodes"].append(
            {
                "key": "libreoffice",
                "translations": {"fr": "LibreOffice", "nl": "LibreOffice"},
                "subnodes": [],
            }
        )

    edit_themes(add_grandchild)
    tree = ThemeTree(portal, "fr")
    assert tree.label("libreoffice") == (
        "Informatique › Logiciels libres › LibreOffice"
    )
    assert set(tree.with_descendants("informatique")) == INFORMATIQUE | {"libreoffice"}
    assert tree.with_descendants("logiciels-libres") == [
        "logiciels-libres",
        "libreoffice",
    ]
