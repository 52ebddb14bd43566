"""The rules every save of the "Presse" control panel follows, form or REST.

- a row keeps its token: renaming an outlet changes its name only;
- a row without token gets one made from its name, unique in the list;
- two rows cannot have the same token;
- an outlet (assembly) still used by content cannot be deleted: the catalog
  counts the items using it, whatever their state and whoever asks.

After a save, a deleted outlet's logo is dropped; the items whose outlet changed kind get their ``outlet_kind``
reindexed, and those whose outlet or assembly was renamed their
``SearchableText`` and press text (the names are searchable).
"""

from dataclasses import dataclass
from imio.pressbook import _
from imio.pressbook.controlpanels import logos
from imio.pressbook.controlpanels.settings import IPressSettings
from imio.pressbook.indexers.text import TEXT_INDEX
from imio.pressbook.vocabularies import assemblies
from imio.pressbook.vocabularies import outlets
from imio.pressbook.vocabularies.managed import stored_rows
from plone.i18n.normalizer.interfaces import IIDNormalizer
from plone.registry.interfaces import IRecordModifiedEvent
from Products.CMFCore.utils import getToolByName
from zope.component import adapter
from zope.component import getUtility
from zope.component.hooks import getSite
from zope.interface import Invalid
from zope.schema import getFieldNames

import collections


@dataclass(frozen=True)
class ManagedList:
    field: str  # of IPressSettings
    record: str  # in the registry
    index: str  # catalog index of the items using a row's token
    fallback_token: str  # for a name that gives no token
    defaults: tuple


LISTS = {
    "outlets": ManagedList(
        "outlets",
        outlets.RECORD,
        "outlet",
        "outlet",
        outlets.DEFAULT_OUTLETS,
    ),
    "assemblies": ManagedList(
        "assemblies",
        assemblies.RECORD,
        "assembly",
        "assembly",
        assemblies.DEFAULT_ASSEMBLIES,
    ),
}
LISTS_BY_RECORD = {managed.record: managed for managed in LISTS.values()}


class RowsRefused(Invalid):
    """The rows cannot be stored: ``messages`` (translatable) say why."""

    def __init__(self, messages):
        super().__init__(*messages)
        self.messages = messages


def columns(name):
    return getFieldNames(IPressSettings[name].value_type.schema)


def usage(context, managed, token):
    """How many items use ``token``, whatever their state or the user."""
    catalog = getToolByName(context, "portal_catalog")
    return len(catalog.unrestrictedSearchResults(**{managed.index: token}))


def make_token(name, taken, fallback):
    base = getUtility(IIDNormalizer).normalize(name or "") or fallback
    token = base
    number = 1
    while token in taken:
        number += 1
        token = f"{base}-{number}"
    return token


def _clean(value):
    if isinstance(value, str):
        return value.strip() or None
    return value


def prepare_rows(name, rows, context=None):
    """``rows`` as they will be stored in the record of list ``name``.

    Raises ``RowsRefused`` when they break a rule; nothing is stored then.
    """
    managed = LISTS[name]
    context = context if context is not None else getSite()
    keys = columns(name)
    rows = [{key: _clean((row or {}).get(key)) for key in keys} for row in rows or ()]
    messages = []

    counts = collections.Counter(row["token"] for row in rows if row["token"])
    for token, count in counts.items():
        if count > 1:
            messages.append(
                _(
                    "The identifier “${token}” is given to several rows.",
                    mapping={"token": token},
                )
            )
    taken = set(counts)
    for row in rows:
        if not row["token"]:
            row["token"] = make_token(row["name"], taken, managed.fallback_token)
            taken.add(row["token"])

    for old in stored(name, context):
        if old["token"] in taken:
            continue
        count = usage(context, managed, old["token"])
        if count:
            messages.append(
                _(
                    "“${name}” is used by ${count} item(s): it cannot be deleted.",
                    mapping={"name": old["name"] or old["token"], "count": count},
                )
            )
    if messages:
        raise RowsRefused(messages)
    return rows


def stored(name, context=None):
    """The rows of list ``name`` as stored now."""
    managed = LISTS[name]
    return stored_rows(managed.record, managed.defaults, context)


def _by_token(rows):
    return {row["token"]: row for row in rows or () if row.get("token")}


@adapter(IRecordModifiedEvent)
def reindex_changed_items(event):
    """Reindex the items whose outlet (assembly) changed kind or name."""
    managed = LISTS_BY_RECORD.get(event.record.__name__)
    if managed is None:
        return
    site = getSite()
    if site is None:
        return
    old = _by_token(event.oldValue)
    new = _by_token(event.newValue)
    if managed.field == "outlets":
        # a deleted outlet's logo goes with it (panel, REST or script alike)
        for token in set(old) - set(new):
            logos.delete_logo(site, token)
    catalog = getToolByName(site, "portal_catalog")
    for token, row in new.items():
        before = old.get(token)
        if before is None:
            continue
        indexes = []
        if managed.index == "outlet" and before.get("kind") != row.get("kind"):
            indexes.append("outlet_kind")
        if before.get("name") != row.get("name"):
            indexes.extend(("SearchableText", TEXT_INDEX))
        if not indexes:
            continue
        brains = catalog.unrestrictedSearchResults(**{managed.index: token})
        for brain in brains:
            brain._unrestrictedGetObject().reindexObject(idxs=indexes)
