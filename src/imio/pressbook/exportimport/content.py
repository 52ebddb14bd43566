"""plone.exportimport's content importer, refusing whole the press items whose
outlet, assembly or themes the site lacks.

The stock importer creates such an item, then stops deserializing it at the
unknown value: the item stays with some fields and not others (its scan
access falls back to the default). Here it is checked before anything is
created or changed: an item with a token the site lacks is not imported at
all, and a message names the item, the field and the token. The other items
are imported. ``refused`` (path -> messages) is what the importer reports.
"""

from imio.pressbook import _
from imio.pressbook import logger
from imio.pressbook.controlpanels.rules import stored
from imio.pressbook.exportimport.themes import taxonomy_tokens
from imio.pressbook.themes import themes_taxonomy
from plone import api
from plone.exportimport.importers.content import ContentImporter
from zope.i18n import translate


ARTICLE = "imio.pressbook.PressArticle"
QUESTION = "imio.pressbook.ParliamentaryQuestion"

# field -> the types that have it
CHECKED = {
    "outlet": (ARTICLE,),
    "assembly": (QUESTION,),
    "themes": (ARTICLE, QUESTION),
}


def token(value):
    """The token of an exported choice: plone.restapi writes {token, title}."""
    if isinstance(value, dict):
        return value.get("token")
    return value


def unknown_tokens(item, known):
    """[(field, token)] of ``item`` the site lacks; ``known``: field -> tokens."""
    found = []
    for field, types in CHECKED.items():
        if item.get("@type") not in types:
            continue
        value = item.get(field)
        values = value if isinstance(value, list) else [value]
        for entry in values:
            entry = token(entry)
            if entry and entry not in known[field]:
                found.append((field, entry))
    return found


def site_tokens(site):
    """field -> the tokens the site knows now."""
    taxonomy = themes_taxonomy(site)
    return {
        "outlet": {row["token"] for row in stored("outlets", site)},
        "assembly": {row["token"] for row in stored("assemblies", site)},
        "themes": taxonomy_tokens(taxonomy) if taxonomy is not None else set(),
    }


class PressContentImporter(ContentImporter):
    refused: dict[str, list[str]]

    def __init__(self, site):
        super().__init__(site)
        self.refused = {}
        self.known = None

    def start(self):
        super().start()
        # after the press lists and themes were imported
        self.known = site_tokens(self.site)

    def construct(self, item):
        unknown = unknown_tokens(item, self.known or site_tokens(self.site))
        if not unknown:
            return super().construct(item)
        path = item["@id"]
        language = api.portal.get_default_language()
        messages = [
            translate(
                _(
                    "${path} is not imported: its ${field} “${token}” is unknown "
                    "to this site.",
                    mapping={"path": path, "field": field, "token": value},
                ),
                target_language=language,
            )
            for field, value in unknown
        ]
        for message in messages:
            logger.error(message)
        self.refused[path] = messages
        return None

    def import_data(self, base_path, *args, **kwargs):
        result = super().import_data(base_path, *args, **kwargs)
        if self.refused:
            logger.error(
                "%s item(s) refused, nothing of them imported: %s",
                len(self.refused),
                ", ".join(sorted(self.refused)),
            )
            result = f"{result}; {len(self.refused)} refused"
        return result
