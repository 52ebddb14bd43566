"""The add-on's part of plone.exportimport (``plone-exporter``, ``plone-importer``).

plone.exportimport moves content; the press section also needs what its
content refers to: the rows of the "Presse" control panel (press_lists.py) and
the themes taxonomy (themes.py). Both are named exporters and importers of
plone.exportimport (``INamedExporter``, ``INamedImporter``); site.py runs them
with plone.exportimport's own, the importers before the content. content.py
refuses, whole, an item whose outlet, assembly or themes the target site still
lacks.
"""
