"""The themes taxonomy in plone.exportimport: ``pressbook_themes.json``.

Exported: collective.taxonomy's ``themes`` taxonomy, every language, each
term with its token, title and parent token, in the taxonomy's order.

Imported before the content, merged into the site's taxonomy (created from
the shipped file first if the site has none): a term whose token the site
lacks is added under its parent (found by token, so under the site's name for
it), at its exported place; a term whose token the site has is left as the
site has it, even with another title or parent (logged). The site's own terms
the export does not know stay, each after the term it followed. The items'
``themes`` index is then brought in line (``reindex_themes``).
"""

from collective.taxonomy import PATH_SEPARATOR
from imio.pressbook import logger
from imio.pressbook.setuphandlers.themes import ensure_themes_taxonomy
from imio.pressbook.setuphandlers.themes import reindex_themes
from imio.pressbook.themes import themes_taxonomy
from plone.exportimport.exporters.base import BaseExporter
from plone.exportimport.importers.base import BaseImporter


NAME = "pressbook_themes"


def terms(taxonomy, language):
    """[{token, title, parent}] of ``language``, in the taxonomy's order."""
    vocabulary = taxonomy.makeVocabulary(language)
    entries = list(vocabulary.iterEntries())
    token_of = dict(entries)
    found = []
    for path, token in entries:
        parent_path, _sep, title = path.rpartition(PATH_SEPARATOR)
        found.append(
            {"token": token, "title": title, "parent": token_of.get(parent_path)}
        )
    return found


def taxonomy_tokens(taxonomy):
    """Every token of the taxonomy, in any language."""
    tokens = set()
    for language in taxonomy.getLanguages():
        tokens.update(term["token"] for term in terms(taxonomy, language))
    return tokens


def merge_terms(current, incoming):
    """(path, token) items of the merged language, and the tokens added and
    kept though different.

    ``current`` and ``incoming`` are lists of terms (``terms()``).
    """
    here = {term["token"]: term for term in current}
    there = {term["token"]: term for term in incoming}
    paths = {}

    def path_of(token, seen=()):
        if token in paths:
            return paths[token]
        term = here.get(token) or there.get(token)
        parent = term["parent"]
        prefix = ""
        if parent and parent not in seen and (parent in here or parent in there):
            prefix = path_of(parent, (*seen, token))
        paths[token] = f"{prefix}{PATH_SEPARATOR}{term['title']}"
        return paths[token]

    # the exported order, the site's own terms after the term they followed
    order = [term["token"] for term in incoming]
    placed = set(order)
    previous = None
    for term in current:
        token = term["token"]
        if token not in placed:
            position = order.index(previous) + 1 if previous in order else 0
            order.insert(position, token)
            placed.add(token)
        previous = token
    added = [token for token in order if token not in here]
    differing = [
        token
        for token in order
        if token in here
        and token in there
        and (here[token]["title"], here[token]["parent"])
        != (there[token]["title"], there[token]["parent"])
    ]
    return [(path_of(token), token) for token in order], added, differing


class ThemesExporter(BaseExporter):
    name = NAME

    def dump(self):
        taxonomy = themes_taxonomy(self.site)
        if taxonomy is None:
            return []
        data = {
            "name": taxonomy.name,
            "default_language": taxonomy.default_language,
            "languages": {
                language: terms(taxonomy, language)
                for language in taxonomy.getLanguages()
            },
        }
        return [self._dump(data)]


class ThemesImporter(BaseImporter):
    name = NAME

    def do_import(self):
        data = self._read()
        if not isinstance(data, dict):
            return f"{self.__class__.__name__}: No data to import"
        ensure_themes_taxonomy(self.site)
        taxonomy = themes_taxonomy(self.site)
        report = []
        for language, incoming in sorted((data.get("languages") or {}).items()):
            current = terms(taxonomy, language) if language in taxonomy.data else []
            items, added, differing = merge_terms(current, incoming)
            for token in differing:
                logger.warning(
                    "themes (%s): kept the site's term %r, the exported one differs.",
                    language,
                    token,
                )
            if added:
                taxonomy.update(language, items, clear=True)
                logger.info("themes (%s): added %s", language, ", ".join(added))
            report.append(f"{language}: {len(added)} added")
        reindex_themes(self.site)
        self._commit("imio.pressbook: themes imported")
        return f"{self.__class__.__name__}: {'; '.join(report)}"
