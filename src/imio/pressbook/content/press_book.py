"""The press section: a folder of press articles and parliamentary questions.

A section takes concurrent writes (several editors, an import, several Zope
instances on one database): adding or removing an item writes only what
resolves its conflicts (the folder's BTrees and their Length, the catalog's
buckets), never one object that every add rewrites:

- it keeps no order of its items (plone.folder's "unordered" ordering, as
  Plone's own News and Events folders): the order list of the default
  ordering, rewritten on every add, would be such an object; the listing,
  the feeds and the exports sort by date anyway;
- adding, removing or renaming an item does not reindex the section itself
  (plone.dexterity does it on the folder's ContainerModifiedEvent, which
  would rewrite its modification date and catalog entry on every add; see
  plone/plone.dexterity#170). Editing the section still does.
"""

from contextlib import contextmanager
from imio.pressbook import _
from imio.pressbook.content.attributes import no_field_named
from imio.pressbook.interfaces import IPressbookContent
from imio.pressbook.search import DEFAULT_BATCH_SIZE
from imio.pressbook.search import MAX_BATCH_SIZE
from plone.app.textfield import RichText
from plone.dexterity.content import Container
from plone.folder.ordered import CMFOrderedBTreeFolderBase
from plone.supermodel import model
from zope import schema
from zope.interface import implementer


class IPressBook(model.Schema):
    """A press section ("Dans les médias")."""

    title = schema.TextLine(title=_("Title"), required=True)

    description = schema.Text(
        title=_("Summary"),
        description=_("Shown under the title and in listings."),
        required=False,
        missing_value="",
    )

    text = RichText(
        title=_("Introduction"),
        description=_("Text shown above the list of press articles and questions."),
        required=False,
    )

    batch_size = schema.Int(
        title=_("Items per page"),
        description=_("How many items the list shows on each page (1 to 100)."),
        required=True,
        default=DEFAULT_BATCH_SIZE,
        min=1,
        max=MAX_BATCH_SIZE,
    )


@implementer(IPressBook, IPressbookContent)
class PressBook(Container):
    """A press section."""

    # plone.folder's ordering adapter: none (sections made before profile
    # 1004 lose their order list in the upgrade step)
    _ordering = "unordered"

    @contextmanager
    def _items_changing(self):
        """While items are added, removed or renamed: the section is not
        reindexed as a whole (its ContainerModifiedEvent)."""
        # volatile: per connection, never stored (a ghost would drop it)
        self._p_activate()
        changing = getattr(self, "_v_items_changing", 0)
        self._v_items_changing = changing + 1
        try:
            yield
        finally:
            self._v_items_changing = changing

    def __getattr__(self, name):
        # plone.dexterity's Container.__getattr__, its fields' defaults
        # skipped when no field has the name (content/attributes.py): the
        # section's items, then nothing
        if no_field_named(self, name):
            if self._tree is not None:
                return CMFOrderedBTreeFolderBase.__getattr__(self, name)
            raise AttributeError(name)
        return super().__getattr__(name)

    def reindexObject(self, idxs=[], update_metadata=1, uid=None):  # noqa: B006
        if not idxs and getattr(self, "_v_items_changing", 0):
            return
        super().reindexObject(idxs=idxs, update_metadata=update_metadata, uid=uid)

    def _setObject(self, id, object, *args, **kwargs):
        with self._items_changing():
            return super()._setObject(id, object, *args, **kwargs)

    def _delObject(self, id, *args, **kwargs):
        with self._items_changing():
            return super()._delObject(id, *args, **kwargs)

    def manage_renameObject(self, id, new_id, REQUEST=None):
        with self._items_changing():
            return super().manage_renameObject(id, new_id, REQUEST)
