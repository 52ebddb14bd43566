"""The demo profile: "Présentation" > "Dans les médias" with press articles and questions.

The items are data, in plone.exportimport's format: one ``data.json`` per item
in ``democontent/content/<id>/``, a scan beside it in
``<id>/paper_version/<file>.pdf``. A new demo item is a new folder there.
Parents come first, then items in the order of their ``created`` date.

Applied by `make start` on a new site and by the DEMO test layer. Only the
items the site lacks are created (an editor's changes survive a second
apply), with plone.exportimport's own content importer.
"""

from imio.pressbook import logger
from pathlib import Path
from plone import api
from plone.exportimport.importers.content import ContentImporter
from Products.CMFCore.indexing import processQueue

import json


DEMO_CONTENT = Path(__file__).parent / "democontent"
DEMO_WORKFLOW = "simple_publication_workflow"
PRESENTATION_ID = "presentation"
PRESS_BOOK_ID = "dans-les-medias"


def data_files(folder):
    """``{path in folder/content: item}``, parents first, then by creation date."""
    content = folder / "content"
    files = {
        path.relative_to(content).as_posix(): json.loads(path.read_text("utf-8"))
        for path in content.glob("*/data.json")
    }
    return dict(
        sorted(files.items(), key=lambda f: (f[1]["@id"].count("/"), f[1]["created"]))
    )


ITEMS = tuple(data_files(DEMO_CONTENT).values())
ARTICLES = tuple(i for i in ITEMS if i["@type"] == "imio.pressbook.PressArticle")
QUESTIONS = tuple(
    i for i in ITEMS if i["@type"] == "imio.pressbook.ParliamentaryQuestion"
)


def _exists(portal, path):
    """Whether the site holds ``path`` itself (not an acquired namesake)."""
    obj = portal.unrestrictedTraverse(path.lstrip("/"), None)
    site_path = "/".join(portal.getPhysicalPath())
    return obj is not None and "/".join(obj.getPhysicalPath()) == site_path + path


class MissingItemsImporter(ContentImporter):
    """plone.exportimport's content importer, for the demo items the site lacks."""

    intermediate_commits = False  # whoever applies the profile commits

    def import_data(self, base_path, *args, **kwargs):
        self.files = data_files(base_path)
        return super().import_data(base_path, *args, **kwargs)

    def start(self):
        _ensure_publication_workflow({item["@type"] for item in self.files.values()})
        self.metadata._data_files_ = [
            name
            for name, item in self.files.items()
            if not _exists(self.site, item["@id"])
        ]


def _ensure_publication_workflow(portal_types):
    """Make sure "publish" exists for the demo types: a bare site may have no chain."""
    workflow_tool = api.portal.get_tool("portal_workflow")
    if not workflow_tool.getDefaultChain():
        workflow_tool.setDefaultChain(DEMO_WORKFLOW)
    missing = [t for t in portal_types if not workflow_tool.getChainForPortalType(t)]
    if missing:
        workflow_tool.setChainForPortalTypes(missing, DEMO_WORKFLOW)
        workflow_tool.updateRoleMappings()


def create_demo_content(context):
    """Create the demo items the site lacks, published."""
    importer = MissingItemsImporter(api.portal.get())
    importer.import_data(DEMO_CONTENT)
    if importer.dropped or importer.incomplete:
        raise ValueError(
            f"demo: not imported {sorted(importer.dropped)}, "
            f"imported with errors {importer.incomplete}"
        )
    # Index now, while the site is set: whoever commits (a test layer, a
    # script) may do it after unsetting the site, when the indexers can no
    # longer look up the site's language.
    processQueue()
    logger.info("demo: %d item(s) created", len(importer.metadata._data_files_))
