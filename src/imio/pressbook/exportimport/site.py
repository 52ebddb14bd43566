"""plone.exportimport's main exporter and importer, with the add-on's own.

plone.exportimport 2.2 looks its named exporters and importers up from fixed
lists (``EXPORTER_NAMES``, ``IMPORTER_NAMES``): these subclasses add the
add-on's to them, the importers just before the content's, so the outlets,
assemblies and themes exist when the items that use them arrive.
"""

from plone.exportimport import exporters
from plone.exportimport import importers
from plone.exportimport.interfaces import INamedExporter
from plone.exportimport.interfaces import INamedImporter
from zope.component import queryAdapter


CONTENT_IMPORTER = "plone.importer.content"

PRESSBOOK_EXPORTERS = (
    "imio.pressbook.exporter.press_lists",
    "imio.pressbook.exporter.themes",
)
PRESSBOOK_IMPORTERS = (
    "imio.pressbook.importer.press_lists",
    "imio.pressbook.importer.themes",
)


def exporter_names():
    return [*exporters.EXPORTER_NAMES, *PRESSBOOK_EXPORTERS]


def importer_names():
    names = list(importers.IMPORTER_NAMES)
    position = names.index(CONTENT_IMPORTER) if CONTENT_IMPORTER in names else 0
    names[position:position] = PRESSBOOK_IMPORTERS
    return names


class Exporter(exporters.Exporter):
    def all_exporters(self):
        found = {}
        for name in exporter_names():
            exporter = queryAdapter(self.site, INamedExporter, name=name)
            if exporter is not None:
                found[name] = exporter
        return found


class Importer(importers.Importer):
    def all_importers(self):
        found = {}
        for name in importer_names():
            importer = queryAdapter(self.site, INamedImporter, name=name)
            if importer is not None:
                found[name] = importer
        return found

    @property
    def refused(self):
        """Items refused whole: path -> messages."""
        result = {}
        for importer in self.importers.values():
            result.update(getattr(importer, "refused", {}))
        return result

    @property
    def incomplete(self):
        """plone.exportimport's items imported with errors, and the refused
        ones: ``plone-importer`` exits with 1 when there are any."""
        result = dict(super().incomplete)
        for path in self.refused:
            result.setdefault(path, [])
        return result
