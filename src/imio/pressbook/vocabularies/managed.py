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

import copy


def find_registry(context=None):
    """The site's registry, by acquisition when possible.

    Acquisition first: indexers may run at commit time, after the site hook
    was unset; the component lookup for callers without a context.
    """
    registry = None
    if context is not None:
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
