"""Attribute misses of press sections, articles and questions, answered fast.

plone.dexterity answers an attribute an object lacks (``__getattr__``) by
looking for a field of that name in the type's schema and in each of its
behaviours' schemas, to give the field's default; zope.interface does not
remember a name it did not find, so every miss walks every schema again.
Misses are frequent: the catalog asks each press item some forty names it has
not (the other type's fields, ``start``, ``location``...), each then acquired
through the press section and the site, and ``getToolByName`` from an item
misses on the item and the section before it finds the tool on the site: a
few hundred misses an item indexed (answered fast, some 0.4 ms of the 5.6 ms
an imported item's reindex takes; see README, bench-import).

``field_names`` keeps, for each set of schemas of a type (plone.dexterity's
``SCHEMA_CACHE.schema_interfaces``, rebuilt when the type or its behaviours
change), the names of their fields: a name outside it is no field's, and
plone.dexterity would raise ``AttributeError`` after walking the schemas.
A name of the set, or an object whose behaviours are not the type's
(another behaviour assignable than plone.dexterity's), goes to
plone.dexterity as before. ``FAST_MISSES = False`` turns it off;
tests/content/test_attributes.py checks that both answer the same, name by
name.
"""

from plone.dexterity.behavior import DexterityBehaviorAssignable
from plone.dexterity.content import ATTRIBUTE_NAMES_TO_IGNORE
from plone.dexterity.content import get_assignable
from plone.dexterity.schema import SCHEMA_CACHE


FAST_MISSES = True
_names = {}  # id(schemas) -> (schemas, frozenset of their names)


def field_names(obj):
    """The names of the fields of ``obj``'s schemas, or None when its
    behaviours may not be its type's (plone.dexterity then decides)."""
    assignable = get_assignable(obj)
    if type(assignable) is not DexterityBehaviorAssignable:
        return None
    schemas = SCHEMA_CACHE.schema_interfaces(obj.portal_type)
    kept = _names.get(id(schemas))
    if kept is None or kept[0] is not schemas:
        names = set()
        for schema in schemas:
            names.update(schema.names(all=True))
        kept = _names[id(schemas)] = (schemas, frozenset(names))
        if len(_names) > 100:  # schemas rebuilt many times: start again
            _names.clear()
            _names[id(schemas)] = kept
    return kept[1]


def no_field_named(obj, name):
    """True when plone.dexterity would find no field ``name`` for ``obj``
    (nor look for one): its ``__getattr__`` would raise AttributeError."""
    if not FAST_MISSES:
        return False
    if (
        name.startswith("__")
        or name.startswith("_v")
        or name.endswith("_Permission")
        or name in ATTRIBUTE_NAMES_TO_IGNORE
    ):
        return True
    names = field_names(obj)
    return names is not None and name not in names
