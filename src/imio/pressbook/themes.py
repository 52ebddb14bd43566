"""The themes ("Thèmes"): collective.taxonomy's taxonomy ``themes``.

Shipped as data in the ``imio.pressbook:themes`` profile
(``profiles/themes/taxonomies/themes.*``), applied once at install, and
edited by site administrators in collective.taxonomy's control panel. Its
vocabulary ``collective.taxonomy.themes`` gives the terms in the current
language; the tokens (``logiciels-libres``) are what the ``themes`` field of
articles and questions stores and the ``themes`` KeywordIndex holds.

``ThemeTree`` reads the hierarchy: titles with their parents
(``Informatique › Logiciels libres``) and a theme with all its descendants.
"""

from collective.taxonomy import PATH_SEPARATOR
from collective.taxonomy.interfaces import ITaxonomy
from Products.CMFCore.utils import getToolByName


THEMES_VOCABULARY = "collective.taxonomy.themes"
PARENT_SEPARATOR = " › "


def themes_taxonomy(context):
    """The taxonomy utility, found from ``context`` by acquisition.

    Not through the component site: indexing may run at commit time, after
    the site hook was unset.
    """
    portal_url = getToolByName(context, "portal_url", None)
    if portal_url is None:
        return None
    site_manager = portal_url.getPortalObject().getSiteManager()
    return site_manager.queryUtility(ITaxonomy, name=THEMES_VOCABULARY)


def _taxonomy_language(taxonomy, language):
    """The language of the taxonomy closest to ``language`` (``fr-be``: ``fr``)."""
    languages = taxonomy.getLanguages()
    for candidate in (language, (language or "").split("-")[0]):
        if candidate in languages:
            return candidate
    if taxonomy.default_language in languages:
        return taxonomy.default_language
    return languages[0] if languages else None


class ThemeTree:
    """The themes of the site in one language, by token."""

    def __init__(self, context, language):
        self.titles = {}
        self.parents = {}
        taxonomy = themes_taxonomy(context)
        language = taxonomy and _taxonomy_language(taxonomy, language)
        if language is None:
            return
        vocabulary = taxonomy.makeVocabulary(language)
        paths = {}
        for path, token in vocabulary.iterEntries():
            self.titles[token] = path.rsplit(PATH_SEPARATOR, 1)[-1]
            paths[token] = path
        for token, path in paths.items():
            parent_path = path.rsplit(PATH_SEPARATOR, 1)[0]
            try:
                parent = vocabulary.getTermByValue(parent_path) if parent_path else None
            except KeyError:
                parent = None
            self.parents[token] = parent if parent in self.titles else None

    def __contains__(self, token):
        return token in self.titles

    def ancestry(self, token):
        """The tokens from the root down to ``token``; [] for an unknown one."""
        chain = []
        while token in self.titles and token not in chain:
            chain.insert(0, token)
            token = self.parents[token]
        return chain

    def label(self, token):
        """``Informatique › Logiciels libres``; the token itself if unknown."""
        chain = self.ancestry(token)
        if not chain:
            return token
        return PARENT_SEPARATOR.join(self.titles[item] for item in chain)

    def with_descendants(self, token):
        """``token`` and every theme below it, at any depth."""
        found = [token]
        for candidate in self.titles:
            if candidate != token and token in self.ancestry(candidate):
                found.append(candidate)
        return found
