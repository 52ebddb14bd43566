"""Lists that site administrators manage: rows in the registry.

The outlets and the assemblies are edited in the "Presse" control panel
(``imio.pressbook.controlpanels``) and stored as lists of rows (dicts) in one
registry record each. Each row has a ``token``, the value stored on content,
and a ``name``, the title of the vocabulary term.
"""

from imio.pressbook.vocabularies import make_vocabulary
from plone.registry.interfaces import IRegistry
from Products.CMFCore.utils import getToolByName
from zope.component import queryUtility
from zope.component.hooks import getSite

import copy


def find_registry(context=None):
    """The site's registry: the component site's when a site is set (as
    plone.api reads it), else by acquisition from ``context``.

    Acquisition as the fallback: indexers may run at commit time, after the
    site hook was unset. The component lookup first: acquiring the registry
    from an item asks the item and its section for it first, for each of the
    few times an item indexed needs it.
    """
    registry = None
    if getSite() is not None:
        registry = queryUtility(IRegistry)
    if registry is None and context is not None:
        registry = getToolByName(context, "portal_registry", None)
    if registry is None:
        registry = queryUtility(IRegistry)
    return registry


def stored_rows(record, defaults, context=None):
    """The rows of ``record``, or ``defaults`` before the record exists.

    Copies: changing them changes nothing stored.
    """
    registry = find_registry(context)
    rows = None
    if registry is not None:
        rows = registry.get(record)
    if rows is None:
        rows = defaults
    return [copy.copy(dict(row)) for row in rows]


def rows_vocabulary(rows):
    """Terms from rows: token = stored value, title = name."""
    return make_vocabulary((row["token"], row["name"] or row["token"]) for row in rows)
