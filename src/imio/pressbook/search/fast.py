"""The press search, from the inside of ZCatalog: the answers of the
reference (``engine.py``), faster. The only module of the add-on allowed
ZCatalog's and ZODB's private names (``_unindex``, ``_index``, ``_seq``,
``_p_serial``, ``_savepoint_storage``, ``_listAllowedRolesAndUsers``, the
MVCC adapter's ``_instances`` and ``_invalidate``).

- The catalog runs once per search, for what the user may see below the path
  (kept per committed catalog state, roles and minute: ``_base_set``).
- The facet filters' record ids come from their indexes.
- The counts are those of bit sets: the table of the facet indexes
  (``FacetTable``, kept until an index changes) gives each item a bit and
  each facet value the bits of its items; a value's count over a result is
  the number of bits its set shares with the result's, counted for all the
  values of a facet at once (numpy's ``bitwise_count``): no item is looked
  at one by one, whatever the size of the section. The result itself is
  the bits the base set and every filter share, read back as record ids.
- The first page of a large result is read from the sort index.
- After a commit, what the commit changed is read again, and only that: the
  oids each commit changed, as the database hands them to its connections,
  are logged (``_Changes``).
- The answer status ``overdue`` (not in the catalog: ``question_status``)
  is the record ids of the written questions awaiting an answer, of each
  assembly with a deadline, dated before its overdue day: from the indexes.

No object is woken and no brain is made to count. Switched off by the
registry record ``imio.pressbook.fast_search``; tests/search/test_fast_path.py
proves it answers as the reference does.
"""

from Acquisition import aq_base
from bisect import bisect_left
from BTrees.IIBTree import difference
from BTrees.IIBTree import IISet
from BTrees.IIBTree import intersection
from BTrees.IIBTree import multiunion
from BTrees.IIBTree import union
from BTrees.IIBTree import weightedIntersection
from collections import Counter
from DateTime import DateTime
from datetime import timedelta
from imio.pressbook import _
from imio.pressbook.indexers.text import TEXT_INDEX
from imio.pressbook.question_status import answer_deadlines
from imio.pressbook.question_status import AWAITING
from imio.pressbook.question_status import DEADLINE_QUESTION_TYPES
from imio.pressbook.question_status import local_today
from imio.pressbook.question_status import OVERDUE
from imio.pressbook.question_status import overdue_before
from imio.pressbook.search.criteria import FACETS
from imio.pressbook.search.criteria import InvalidParameter
from imio.pressbook.search.criteria import PRESS_TYPES
from imio.pressbook.search.criteria import QUESTION
from imio.pressbook.search.criteria import SORTS
from imio.pressbook.search.engine import as_catalog_date
from imio.pressbook.search.engine import catalog_query
from imio.pressbook.search.engine import derived_statuses
from imio.pressbook.search.engine import SearchResult
from imio.pressbook.search.engine import STATUS_INDEX
from imio.pressbook.search.statistics import DELAY_DIMENSIONS
from imio.pressbook.search.statistics import DELAY_INDEX
from imio.pressbook.search.statistics import DIMENSIONS
from imio.pressbook.search.statistics import Statistics
from itertools import chain
from itertools import compress
from itertools import count
from itertools import repeat
from operator import attrgetter
from operator import is_
from operator import itemgetter
from operator import ne
from Products.CMFCore.utils import _getAuthenticatedUser
from Products.CMFCore.utils import getToolByName
from Products.PluginIndexes.KeywordIndex.KeywordIndex import KeywordIndex
from Products.ZCatalog.query import IndexQuery
from Products.ZCTextIndex.ParseTree import ParseError
from Products.ZCTextIndex.ZCTextIndex import ZCTextIndex
from threading import Lock
from typing import NamedTuple
from weakref import ref
from weakref import WeakKeyDictionary
from ZODB.mvccadapter import MVCCAdapter
from ZODB.POSException import POSKeyError
from ZODB.POSException import ReadConflictError
from ZODB.utils import u64
from ZTUtils.Lazy import LazyCat
from ZTUtils.Lazy import LazyMap

import numpy


def _result_set(catalog, query):
    """The record ids matching ``query`` (with the user's permissions and
    publication dates): the catalog's own set, unsorted, no brain made."""
    sequence = getattr(catalog.searchResults(**query), "_seq", None)
    if not sequence:
        return IISet()
    if isinstance(sequence, list) and isinstance(sequence[0], tuple):
        # relevance-scored text results: (score, rid) pairs
        return IISet([rid for _score, rid in sequence])
    return IISet(sequence)


def _index_set(catalog, index_name, value):
    """The record ids an index gives for one query value, as the catalog asks
    it (``query_index``); an empty set when the index cannot use the value."""
    index = catalog._catalog.getIndex(index_name)
    record = IndexQuery(
        {index_name: value},
        index.id,
        index.query_options,
        index.operators,
        index.useOperator,
    )
    if record.keys is None:
        return IISet()
    rids = index.query_index(record)
    if rids is None:
        return IISet()
    if isinstance(rids, int):
        return IISet((rids,))
    return rids


def _is_keyword(index):
    return isinstance(aq_base(index), KeywordIndex)


def _forward(index):
    """({record id: value}, the record ids, {value: how many items have it})
    of an index, from its own forward index (``_unindex``), in a plain dict;
    a keyword index's values as a tuple."""
    documents = IISet(index._unindex.keys())  # in order: quick to make
    if _is_keyword(index):
        # items filed alike share one tuple
        shared = {}
        forward = {
            rid: shared.setdefault(values, values)
            for rid, values in zip(
                index._unindex.keys(), map(tuple, index._unindex.values()), strict=True
            )
        }
        totals = Counter(chain.from_iterable(forward.values()))
    else:
        forward = dict(index._unindex.items())
        totals = Counter(forward.values())
    totals.pop(None, None)
    return forward, documents, totals


def _layout(tree):
    """The buckets of a BTree in key order, as ((oid, revision), bucket)
    pairs; None when the tree is not stored yet.

    A revision (``_p_serial``) names one committed state of a bucket: a bucket
    whose oid and revision are those of an earlier layout holds what it held
    then. A small tree keeps its one bucket in its own record: the tree's oid
    and revision stand for it.
    """
    if tree._p_oid is None:
        return None
    tree._p_activate()
    bucket = tree._firstbucket
    if bucket is None:
        return []
    if bucket._p_oid is None:
        return [((tree._p_oid, tree._p_serial), bucket)]
    layout = []
    while bucket is not None:
        bucket._p_activate()
        layout.append(((bucket._p_oid, bucket._p_serial), bucket))
        bucket = bucket._next
    return layout


def _changed_regions(old, new):
    """The key ranges (low, high), both excluded, None for no bound, where the
    forward index laid out as ``new`` may differ from the one laid out as
    ``old`` (the (oid, revision) of each bucket, in order).

    A bucket that kept its oid and revision kept its keys and values. Between
    two such neighbours nothing changed either: a bucket removed between them
    would have changed the first one's link to the next. Only the start moves
    without a trace in the buckets: the tree's first bucket is checked apart.
    """
    kept = set(old)
    regions = []
    start = None  # position of the first changed bucket of a run
    for position, (key, _bucket) in enumerate(new):
        if key not in kept:
            if start is None:
                start = position
            continue
        if start is not None:
            regions.append((start, position - 1))
            start = None
    if start is not None:
        regions.append((start, len(new) - 1))
    bounds = []
    for first, last in regions:
        low = new[first - 1][1].maxKey() if first else None
        high = new[last + 1][1].minKey() if last + 1 < len(new) else None
        bounds.append((low, high))
    if not new:
        if old:
            bounds.append((None, None))
    elif old and old[0] != new[0][0] and (not regions or regions[0][0] != 0):
        # the first bucket went away: what it held is gone
        bounds.append((None, new[0][1].minKey()))
    return bounds


def _columns(layout):
    """A layout (``_layout``) as the tables keep it: ([oid], [revision])."""
    keys = [key for key, _bucket in layout]
    return list(map(itemgetter(0), keys)), list(map(itemgetter(1), keys))


def _relayout(tree, old, buckets=None, changed=None, positions=None):
    """(the layout of ``tree`` now as ([oid], [revision]) of its buckets, the
    key ranges where it may differ from the layout ``old``, as
    ``_changed_regions`` gives them, the buckets of the layout now, or None
    when not all were looked at), looking only at the buckets that changed.

    ``changed``: the oids the transactions between ``old`` and now changed
    (``_Changes.between``), when known; ``positions``: {oid: position} of the
    buckets of ``old`` (``_positions``). Otherwise the buckets of ``old`` are
    taken from the connection's cache by their oids (a bucket another
    transaction changed is a ghost there, loaded again) and those whose
    revision changed are the changed ones. From each changed one the chain of
    buckets is followed to the next unchanged one of ``old``: what lies
    between is the changed region. At 100,000 items a forward index has some
    2,000 buckets: walking them all (``_layout``) costs more than the rest of
    a search, and comparing their revisions a third of it. A tree whose first
    bucket changed, or a bucket that cannot be loaded, is walked whole.
    ``buckets``: the buckets of ``old`` in this connection, when known (a
    look-up in the connection's cache costs as much as the rest).
    """
    followed = None
    if old and len(old[0]) > 1:
        if changed is not None:
            followed = _followed_changes(tree, *old, changed, positions)
        else:
            followed = _followed(tree, *old, buckets)
    if followed is not None:
        return followed
    layout = _layout(tree)
    if layout is None:
        return None, None, None
    objects = [bucket for _key, bucket in layout]
    if old is None:
        return _columns(layout), None, objects
    regions = _changed_regions(list(zip(*old, strict=True)), layout)
    return _columns(layout), regions, objects


def _first_kept(tree, old_oids):
    """Whether ``tree`` (a stored BTree of many buckets) still starts with
    the bucket ``old_oids`` starts with: the one change of a layout its
    buckets do not show."""
    if tree._p_oid is None or tree._p_jar is None:
        return False
    tree._p_activate()
    first = tree._firstbucket
    return first is not None and first._p_oid == old_oids[0]


def _followed(tree, old_oids, old_serials, buckets=None):
    """``_relayout``'s answer from the buckets whose revision changed; None
    when the tree must be walked whole. Everything that goes over all the
    buckets is done by C loops (``map``, ``compress``, slices): only the
    changed buckets are followed one by one."""
    try:
        if not _first_kept(tree, old_oids):
            return None
        jar = tree._p_jar
        if buckets is None:
            buckets = list(map(jar._cache.get, old_oids))
            for position in list(compress(count(), map(is_, buckets, repeat(None)))):
                buckets[position] = jar.get(old_oids[position])
        states = list(map(attrgetter("_p_changed"), buckets))
        if None in states:  # ghosts: changed by another connection, or let go
            for bucket in list(compress(buckets, map(is_, states, repeat(None)))):
                bucket._p_activate()
        serials = list(map(attrgetter("_p_serial"), buckets))
        changed = list(compress(count(), map(ne, serials, old_serials)))
        if not changed:
            return (old_oids, serials), [], buckets
        return _follow(old_oids, serials, changed, buckets.__getitem__, buckets)
    except (POSKeyError, ReadConflictError):
        # a bucket gone from a storage without history, or not there yet in
        # this connection's view (older than the layout's)
        return None


def _followed_changes(tree, old_oids, old_serials, changed, positions):
    """``_relayout``'s answer when the oids changed since ``old`` are known:
    only the buckets among them are looked at, none of the others (which
    kept their revision: ``old_serials`` stands for them); None when the tree
    must be walked whole. No bucket list comes back."""
    try:
        if not _first_kept(tree, old_oids):
            return None
        found = sorted(at for at in map(positions.get, changed) if at is not None)
        if not found:
            return (old_oids, old_serials), [], None
        get = tree._p_jar.get
        return _follow(
            old_oids, old_serials, found, lambda position: get(old_oids[position])
        )
    except (POSKeyError, ReadConflictError):
        return None  # as ``_followed``


def _follow(old_oids, serials, changed, bucket_at, buckets=None):
    """The layout now ((oids, revisions), regions, buckets) from the layout
    of ``old_oids``, whose buckets at the positions ``changed`` (in order)
    changed: ``serials``, the revisions now of the others; ``bucket_at``, the
    bucket at a position of the old layout in this connection; ``buckets``,
    all of them when known (then given back for the layout now).

    From each changed bucket, still linked from the unchanged one before it,
    the chain of buckets is followed up to the next unchanged bucket of the
    old layout. When no bucket moved (no split, none emptied: an edit), the
    oids and buckets given back are those of the old layout themselves, and
    the revisions a copy of ``serials`` with the followed buckets' written
    in: nothing else is copied."""
    changed_set = set(changed)
    where = None  # {oid: position in old}, made if a bucket is not where expected
    moved = False
    # (the first position of a chain, the buckets followed, the position of
    # the unchanged bucket it ends at or None)
    chains = []
    regions = []
    position = 0  # the first position of the old layout not dealt with
    for start in changed:
        if start < position:
            continue  # followed already
        low = bucket_at(start - 1).maxKey() if start else None
        bucket = bucket_at(start)
        expected = start  # where the next bucket of the old layout should be
        following = None
        followed = []
        while bucket is not None:
            bucket._p_activate()
            oid = bucket._p_oid
            if expected < len(old_oids) and old_oids[expected] == oid:
                found = expected
            else:  # a bucket added, or one of the old layout skipped
                moved = True
                if where is None:
                    where = {each: at for at, each in enumerate(old_oids)}
                found = where.get(oid)
            if found is not None and found > start and found not in changed_set:
                following = found
                break
            if found is not None:
                expected = found + 1
            followed.append(bucket)
            bucket = bucket._next
        chains.append((start, followed, following))
        if following is None:
            # the chain ended before the old layout did: its last buckets went
            moved = moved or expected != len(old_oids)
            regions.append((low, None))
            break
        regions.append((low, bucket_at(following).minKey()))
        position = following
    if not moved:
        revisions = list(serials)
        for start, followed, _following in chains:
            revisions[start : start + len(followed)] = map(
                attrgetter("_p_serial"), followed
            )
        return (old_oids, revisions), regions, buckets
    oids, revisions = [], []
    objects = None if buckets is None else []
    position = 0
    for start, followed, following in chains:
        oids.extend(old_oids[position:start])
        revisions.extend(serials[position:start])
        oids.extend(map(attrgetter("_p_oid"), followed))
        revisions.extend(map(attrgetter("_p_serial"), followed))
        if objects is not None:
            objects.extend(buckets[position:start])
            objects.extend(followed)
        position = len(old_oids) if following is None else following
    oids.extend(old_oids[position:])
    revisions.extend(serials[position:])
    if objects is not None:
        objects.extend(buckets[position:])
    return (oids, revisions), regions, objects


class _Changes:
    """The oids each committed transaction of a database changed, as the
    database tells its connections.

    ZODB's MVCC adapter (``MVCCAdapter``) hands the oids of every commit (of
    this process, and through ZEO those of the others) to each of its
    instances (``_invalidate``), or tells them to forget what they know
    (``_invalidateCache``, after a ZEO client lost its server, say): a log
    listens among them and keeps the last transactions' oids, up to
    ``CHANGES_KEPT``. ``between`` gives the oids changed between two views of
    the database, and a table refreshed from one view to the next looks at
    the buckets among them only, none of the others.

    Where the log cannot tell (it was not listening yet, forgot, or the
    storage is its own MVCC, as RelStorage is: no adapter), the tables
    compare the revisions of all their buckets instead: the same answer, a
    little slower. tests/search/test_facet_table_refresh.py holds the two
    equal, and equal to a table read whole.
    """

    def __init__(self, adapter):
        # not the adapter itself: the log (kept by the adapter, and by the
        # tables) would keep it, and its database's storage, alive
        self._adapter = ref(adapter)
        self._lock = Lock()
        self.tids = []  # the transactions logged, in order (integers)
        self.oids = []  # the oids each changed (a tuple)
        self.size = 0  # how many oids in all
        # the log has every transaction after ``start`` up to ``last``; None
        # until the first transaction it is handed (``start``, whose oids it
        # leaves out), and again when it can no longer tell what it missed
        self.start = self.last = None

    @classmethod
    def of(cls, jar):
        """The log of the database of the connection ``jar``, listening from
        now on if it was not; None for a connection without MVCC adapter."""
        adapter = getattr(getattr(jar, "_storage", None), "_base", None)
        if not isinstance(adapter, MVCCAdapter):
            return None
        log = _CHANGE_LOGS.get(adapter)
        if log is None:
            with _CHANGES_LOCK:
                log = _CHANGE_LOGS.get(adapter)
                if log is None:
                    log = _CHANGE_LOGS[adapter] = cls(adapter)
                    # listening from the next transaction handed out: what
                    # came before (even while a ZEO client catches up with
                    # its server) is not the log's to tell
                    with adapter._lock:
                        instances = getattr(adapter, "_instances", None)
                        if instances is not None:  # else closed
                            instances.add(log)
        return log

    # what the adapter calls

    def _invalidate(self, tid, oids):
        tid = u64(tid)
        with self._lock:
            if self.start is None or tid <= self.last:
                # the first one, or one out of order: from here on
                self.tids, self.oids, self.size = [], [], 0
                self.start = self.last = max(tid, self.last or 0)
                return
            oids = tuple(oids)
            self.tids.append(tid)
            self.oids.append(oids)
            self.last = tid
            self.size += len(oids)
            if self.size > CHANGES_KEPT:
                # forget the oldest transactions (one at least)
                size, dropped = self.size, 0
                while size > CHANGES_KEPT // 2 and dropped < len(self.tids):
                    size -= len(self.oids[dropped])
                    dropped += 1
                self.start = self.tids[dropped - 1]
                del self.tids[:dropped], self.oids[:dropped]
                self.size = size

    def _invalidateCache(self):
        with self._lock:
            self.start = self.last = None
            self.tids, self.oids, self.size = [], [], 0

    def between(self, view, other):
        """The oids changed by the transactions between two views of the
        database (``_view``, in either order), None when the log does not
        have them all or they are too many to be worth it."""
        if view is None or other is None:
            return None
        low, high = min(view, other), max(view, other)
        with self._lock:
            # a view sees the transactions before it: those from ``low`` up
            # to ``high`` (excluded) are between the two
            if self.start is None or low <= self.start or high - 1 > self.last:
                return None
            first = bisect_left(self.tids, low)
            last = bisect_left(self.tids, high, first)
            changes = self.oids[first:last]
        if sum(map(len, changes)) > CHANGES_LOOKED_AT:
            return None
        return set(chain.from_iterable(changes))


def _view(jar):
    """The view of the database a connection has: the first transaction it
    does not see (an integer), None when unknown."""
    start = getattr(getattr(jar, "_storage", None), "_start", None)
    return None if start is None else u64(start)


# MVCC adapter of a database -> its _Changes
_CHANGE_LOGS = WeakKeyDictionary()
_CHANGES_LOCK = Lock()
CHANGES_KEPT = 20_000  # oids logged per database, at most (about 1 MB)
# oids changed beyond which a refresh compares all the buckets' revisions
CHANGES_LOOKED_AT = 5_000


class FacetTable:
    """The values of the facet indexes of a catalog, by record id: what
    counting them needs, read from the indexes themselves.

    ``rows``: {record id: (value of each facet index, None if the item has
    none)} in a plain dict: one look-up gives an item's values for every
    facet (the BTrees, or one dict per index, cost a look-up, mostly a cache
    miss, per facet). A keyword index's values are a tuple. ``documents``:
    the record ids with a value; ``totals``: per facet, how many items have
    each value.

    The same values as bit sets, for counting: ``slots`` gives each record id
    a bit (its position, kept for as long as the table is refreshed: an item
    added later takes the next one), ``masks``, per facet, {value: a Python
    int whose bits are those of the items with that value}. Counting a value
    over a set of items is then one ``&`` and one count of bits. The values
    of a facet are counted all at once: their bits are also kept as the rows
    of a numpy matrix of 64-bit words (``_matrix``), and ``mask_counts`` is
    one ``&`` of the matrix with the set's words and one ``bitwise_count``
    (the processor's popcount, where ``int.bit_count`` counts 30-bit digits
    one at a time: some 4 microseconds per value at 100,000 items). The
    counts over a set kept between searches (a base set) are kept with it,
    per facet, until that facet's bits change. ``counts``, which looks each
    item's row up, is the plain way beside it and the tests hold the two
    equal. ``rids_of`` gives the record ids of bits back: a result found by
    its bits (``&`` of the base's and the filters') without intersecting the
    base's 90,000 record ids with the filters' at 100,000 items.

    A table is never changed once made: ``refreshed`` makes the table of a
    later state of the indexes from this one, reading only the buckets of the
    indexes' forward BTrees that changed (``layouts``, ``revisions``).
    """

    def __init__(
        self,
        names,
        multiple,
        rows,
        documents,
        totals,
        layouts,
        revisions,
        slots,
        masks=None,
        set_masks=None,
        overlay=None,
        matrices=None,
        rid_array=None,
        mask_counts_kept=None,
        buckets=None,
        products=None,
        view=None,
        bucket_positions=None,
    ):
        self.names = names
        self.positions = {name: position for position, name in enumerate(names)}
        self.multiple = multiple
        # the rows: a list by bit (``slots``), shared with the tables refreshed
        # from this one and never changed, and the rows changed since
        # ({record id: row, or None when gone}); made into a dict by record id
        # only when asked (``rows``): a refresh copies nothing big
        self._base_rows = rows
        self._overlay = {} if overlay is None else overlay
        self._rows = None
        self.documents = documents
        self.totals = totals
        self.empty = (None,) * len(names)
        # {index name: ([oid], [revision]) of the buckets of its forward index}
        self.layouts = layouts
        self.revisions = revisions  # {index name: what _committed_version says}
        self.slots = slots  # {record id: its bit}
        # per facet: {value: bits of the items that have it}; made when first
        # asked (the statistics' table counts its rows), then kept up to date
        self._masks = masks
        # id of a set of record ids -> (the set, its bits): for the sets kept
        # between searches (base sets, overdue questions); shared with the
        # tables refreshed from this one, whose slots are the same
        self.set_masks = {} if set_masks is None else set_masks
        # ids of kept bits -> (those bits, their ``&``): ``kept_product``;
        # shared with the tables refreshed from this one
        self.products = {} if products is None else products
        # per facet: ({value: bits} the matrix was made from, {value: its row},
        # the matrix of 64-bit words), made when first counted; a refreshed
        # table starts from the entries of the table it was made from
        self._matrices = {} if matrices is None else dict(matrices)
        # (numpy array of the record id of each bit, how many bits it covers),
        # or the entry of an earlier table and the record ids given bits since
        self._rid_array = rid_array
        # (id of kept bits, facet position) -> (the bits, the facet's
        # {value: bits} they were counted with, the counts): shared with the
        # tables refreshed from this one
        self.mask_counts_kept = {} if mask_counts_kept is None else mask_counts_kept
        # id of a connection -> (the connection, {index name: (the oids of its
        # layout, the connection's buckets of those oids)}): a refresh in that
        # connection takes its buckets from there, not from its cache
        self.buckets = {} if buckets is None else buckets
        # (the _Changes of the database, the view of it the table is of)
        self.view = view
        # {index name: (the oids of its layout, {oid: position})}, made when
        # first asked (``_positions``), given to the tables refreshed from
        # this one while the layout keeps its oids
        self.bucket_positions = {} if bucket_positions is None else bucket_positions

    @property
    def masks(self):
        if self._masks is None:
            if self._overlay:
                by_slot = [None] * len(self.slots)
                for rid, row in self.rows.items():
                    by_slot[self.slots[rid]] = row
            else:
                by_slot = self._base_rows
            self._masks = [
                _masks(by_slot, len(self.slots), position, self.multiple[position])
                for position in range(len(self.names))
            ]
        return self._masks

    @property
    def rows(self):
        """{record id: (value of each facet index, None if none)}."""
        if self._rows is None:
            rows = self._base_rows
            found = {
                rid: rows[slot]
                for rid, slot in self.slots.items()
                if slot < len(rows) and rows[slot] is not None
            }
            for rid, row in self._overlay.items():
                if row is None:
                    found.pop(rid, None)
                else:
                    found[rid] = row
            self._rows = found
        return self._rows

    @classmethod
    def read(cls, catalog, names, revisions=None):
        """The table of the indexes ``names`` of ``catalog``, read whole."""
        indexes = [catalog._catalog.getIndex(name) for name in names]
        layouts = {}
        buckets = {}
        view = None
        if revisions is not None:
            jar = indexes[0]._unindex._p_jar if indexes else None
            log = _Changes.of(jar)
            if log is not None:
                view = (log, _view(jar))
            for name, index in zip(names, indexes, strict=True):
                layout = _layout(index._unindex)
                if layout is not None:
                    layouts[name] = _columns(layout)
                    jar = index._unindex._p_jar
                    buckets.setdefault(id(jar), (jar, {}))[1][name] = (
                        layouts[name][0],
                        [bucket for _key, bucket in layout],
                    )
        forwards = [_forward(index) for index in indexes]
        dicts = [forward for forward, _documents, _totals in forwards]
        documents = multiunion([documents for _forward, documents, _totals in forwards])
        order = list(documents)
        ordering = [dicts[names.index(name)] for name in ORDER_BY if name in names]
        if ordering:
            # the bits in the order of the items' year, then outlet or
            # assembly: the items of a year, of an outlet in a year, have
            # their bits side by side, in a few 64-bit words that
            # ``mask_counts`` and ``rids_of`` look at alone
            def key(rid):
                return tuple((rid in values, values.get(rid)) for values in ordering)

            try:
                order.sort(key=key)
            except TypeError:
                order = list(documents)  # values that do not compare
        columns = [map(forward.get, order) for forward in dicts]
        return cls(
            tuple(names),
            [_is_keyword(index) for index in indexes],
            list(zip(*columns, strict=True)),
            documents,
            [totals for _forward, _documents, totals in forwards],
            layouts,
            dict(revisions or {}),
            {rid: slot for slot, rid in enumerate(order)},
            buckets=buckets,
            view=view,
        )

    def _buckets_of(self, name, tree):
        """The buckets of the layout of index ``name`` kept for the
        connection of ``tree``; None when none are kept, or when the
        connection's cache is no longer the one they were loaded in."""
        kept = self.buckets.get(id(tree._p_jar))
        if kept is None or kept[0] is not tree._p_jar or name not in self.layouts:
            return None
        found = kept[1].get(name)
        oids = self.layouts[name][0]
        if found is None or found[0] is not oids or not oids:
            return None
        if tree._p_jar._cache.get(oids[0]) is not found[1][0]:
            return None
        return found[1]

    def refreshed(self, catalog, revisions):
        """The table of the indexes as they are now (their ``revisions``),
        made from this one: for each index whose revision changed, only the
        record ids in the buckets of its forward index that changed are read
        again. An index whose buckets cannot be followed is read whole."""
        overlay = None
        base_rows = self._base_rows
        totals = list(self.totals)
        layouts = dict(self.layouts)
        masks = None if self._masks is None else list(self._masks)
        slots = self.slots
        new_slots = []  # record ids given a bit, in the order of their bits
        jar_buckets = None  # the buckets of the changed layouts, this connection's
        added, removed = set(), set()
        bucket_positions = dict(self.bucket_positions)
        # the oids changed since this table's view of the database, if known
        jar = aq_base(catalog._catalog)._p_jar
        log = _Changes.of(jar)
        view = None if log is None else (log, _view(jar))
        changed_oids = None
        if view is not None and self.view is not None and self.view[0] is log:
            changed_oids = log.between(self.view[1], view[1])
        for name in self.names:
            if revisions[name] == self.revisions.get(name):
                continue
            if overlay is None:
                overlay = dict(self._overlay)
            position = self.positions[name]
            index = catalog._catalog.getIndex(name)
            forward = index._unindex
            old = self.layouts.get(name)
            if changed_oids is None:
                layout, regions, objects = _relayout(
                    forward, old, self._buckets_of(name, forward)
                )
            else:
                layout, regions, objects = _relayout(
                    forward, old, changed=changed_oids, positions=self._positions(name)
                )
            if layout is not None and old is not None and layout[0] is old[0]:
                if name in self.bucket_positions:
                    bucket_positions[name] = self.bucket_positions[name]
            else:
                bucket_positions.pop(name, None)
            if layout is None:
                layouts.pop(name, None)
            else:
                layouts[name] = layout
                jar = forward._p_jar
                if jar is not None:
                    if jar_buckets is None:
                        kept = self.buckets.get(id(jar))
                        names = {} if kept is None or kept[0] is not jar else kept[1]
                        jar_buckets = (jar, dict(names))
                    if objects is None:
                        # not all looked at: the buckets kept stay right
                        # while the layout keeps its oids
                        if jar_buckets[1].get(name, (None,))[0] is not layout[0]:
                            jar_buckets[1].pop(name, None)
                    else:
                        jar_buckets[1][name] = (layout[0], objects)
            if layout is None or old is None:
                # no layout to compare: every record id is looked at
                regions = [(None, None)]
            # {record id: its value now, None if none} in the changed ranges
            changed = {}
            for low, high in regions:
                # bounds excluded (``excludemin`` without a bound would leave
                # out the first key)
                bounds = {"excludemin": low is not None, "excludemax": high is not None}
                changed.update(dict.fromkeys(self.documents.keys(low, high, **bounds)))
                changed.update(forward.items(low, high, **bounds))
            counts = totals[position] = totals[position].copy()
            bits = None if masks is None else dict(masks[position])
            if bits is not None:
                masks[position] = bits
            multiple = self.multiple[position]
            for rid, value in changed.items():
                row = overlay.get(rid, _UNSET)
                if row is _UNSET:
                    slot = slots.get(rid)
                    row = (
                        base_rows[slot]
                        if slot is not None and slot < len(base_rows)
                        else None
                    )
                present = row is not None
                if not present:
                    row = self.empty
                if multiple and value is not None:
                    value = tuple(value)
                before = row[position]
                if before == value:
                    continue
                if multiple:
                    counts.subtract(before or ())
                    counts.update(value or ())
                else:
                    if before is not None:
                        counts[before] -= 1
                    if value is not None:
                        counts[value] += 1
                slot = slots.get(rid)
                if slot is None:
                    if slots is self.slots:
                        slots = dict(slots)
                    slot = slots[rid] = len(slots)
                    new_slots.append(rid)
                if bits is not None:
                    _move_bit(bits, 1 << slot, before, value, multiple)
                row = row[:position] + (value,) + row[position + 1 :]
                if row == self.empty:
                    if present:
                        removed.add(rid)
                        added.discard(rid)
                    overlay[rid] = None
                else:
                    if not present:
                        added.add(rid)
                        removed.discard(rid)
                    overlay[rid] = row
            for value in [value for value, left in counts.items() if left <= 0]:
                del counts[value]
            counts.pop(None, None)
        if overlay is None:
            overlay = self._overlay
        elif len(overlay) > OVERLAY_KEPT:
            # one dict again, now and then
            base_rows = list(base_rows)
            base_rows.extend(repeat(None, len(slots) - len(base_rows)))
            for rid, row in overlay.items():
                base_rows[slots[rid]] = row
            overlay = {}
        documents = self.documents
        if removed:
            documents = difference(documents, IISet(removed))
        if added:
            documents = union(documents, IISet(added))
        return FacetTable(
            self.names,
            self.multiple,
            base_rows,
            documents,
            totals,
            layouts,
            revisions,
            slots,
            masks,
            # the bits of a kept set stay right: no item changed its bit
            self.set_masks,
            overlay,
            self._matrices,
            (self._rid_array, new_slots) if new_slots else self._rid_array,
            # counts kept per facet, checked against the facet's bits
            self.mask_counts_kept,
            # other connections' buckets stay right for the layouts that stay
            self.buckets
            if jar_buckets is None
            else {**self.buckets, id(jar_buckets[0]): jar_buckets},
            self.products,
            view,
            bucket_positions,
        )

    def _positions(self, name):
        """{oid: position} of the buckets of the layout of index ``name``."""
        oids = self.layouts[name][0]
        found = self.bucket_positions.get(name)
        if found is None or found[0] is not oids:
            found = self.bucket_positions[name] = (oids, dict(zip(oids, count())))
        return found[1]

    def _column(self, rows, position):
        values = map(itemgetter(position), rows)
        if self.multiple[position]:
            return Counter(chain.from_iterable(filter(None, values)))
        counts = Counter(values)
        counts.pop(None, None)
        return counts

    def counts(self, rids, index_names):
        """{index name: {value: count}} over ``rids`` (a keyword index
        counting an item once for each of its values), zero counts left out.

        By looking up the values of ``rids``, or when they are most of the
        items with values, those of the others, taken from the totals.
        """
        positions = {name: self.positions[name] for name in index_names}
        if len(rids) * 2 > len(self.documents):
            others = difference(self.documents, rids)
            if len(others) < len(rids):
                rows = list(map(self.rows.__getitem__, others))
                found = {}
                for name, position in positions.items():
                    counts = self.totals[position].copy()
                    counts.subtract(self._column(rows, position))
                    found[name] = {
                        value: count for value, count in counts.items() if count > 0
                    }
                return found
        rows = list(map(self.rows.get, rids, repeat(self.empty)))
        return {
            name: dict(self._column(rows, position))
            for name, position in positions.items()
        }

    def mask_of(self, rids, keep=False):
        """The bits of a set of record ids (those the table has no row for,
        items without any facet value, are left out: they count nowhere).
        ``keep``: the set is kept between searches (a base set), its bits are
        kept with it."""
        if keep:
            kept = self.set_masks.get(id(rids))
            if kept is not None and kept[0] is rids:
                return kept[1]
        slots = self.slots
        found = bytearray((len(slots) >> 3) + 1)
        for slot in map(slots.get, rids):
            if slot is not None:
                found[slot >> 3] |= 1 << (slot & 7)
        mask = int.from_bytes(found, "little")
        if keep:
            if len(self.set_masks) >= SET_MASKS_KEPT:
                self.set_masks.clear()
            # the set itself is kept too: its id names no other set meanwhile
            self.set_masks[id(rids)] = (rids, mask)
        return mask

    def kept_product(self, parts, bits):
        """``bits``, the ``&`` of the bits ``parts`` of kept sets: the same
        int as the last time they were asked (their counts are kept with it,
        ``mask_counts``)."""
        if len(parts) == 1:
            return bits
        key = tuple(map(id, parts))
        found = self.products.get(key)
        if found is not None and all(map(is_, found[0], parts)):
            return found[1]
        if len(self.products) >= SET_MASKS_KEPT:
            self.products.clear()
        # the parts are kept too: their ids name no others meanwhile
        self.products[key] = (tuple(parts), bits)
        return bits

    def value_mask(self, index_name, values):
        """The bits of the items that have one of ``values`` in a facet."""
        bits = self.masks[self.positions[index_name]]
        mask = 0
        for value in values:
            mask |= bits.get(value, 0)
        return mask

    def mask_counts(self, mask, index_names, keep=False):
        """``counts`` over the items of the bits ``mask``: for each value,
        the bits its items share with the mask, counted for all the values of
        a facet at once (``_matrix``). ``keep``: the bits are those of a set
        kept between searches (``mask_of``), its counts are kept with them,
        per facet, until the facet's bits change."""
        found = {}
        words = {}  # width -> the mask as 64-bit words
        for name in index_names:
            position = self.positions[name]
            masks = self.masks[position]
            counts = None
            if keep:
                key = (id(mask), position)
                kept = self.mask_counts_kept.get(key)
                if kept is not None and kept[0] is mask:
                    if kept[1] is masks:
                        found[name] = kept[2]
                        continue
                    counts = _counts_moved(mask, kept[1], kept[2], masks)
            if counts is None:
                values, matrix, stale = self._matrix(position)
                width = matrix.shape[1]
                if width not in words:
                    row = _words(mask, width)
                    used = numpy.flatnonzero(row)
                    # a set whose bits lie in few words (a year's, a small
                    # result's) is counted over those columns only: side by
                    # side (a slice of the matrix), else picked
                    if len(used) and (used[-1] - used[0]) * 2 < width:
                        used = slice(int(used[0]), int(used[-1]) + 1)
                    elif len(used) * 2 >= width:
                        used = None
                    words[width] = (row, used)
                row, used = words[width]
                if isinstance(used, slice):
                    bits = numpy.bitwise_count(matrix[:, used] & row[used])
                elif used is not None:
                    bits = numpy.bitwise_count(matrix.take(used, axis=1) & row[used])
                else:
                    bits = numpy.bitwise_count(matrix & row)
                counted = bits.sum(axis=1, dtype=numpy.uint32).tolist()
                for stale_row, stale_bits in stale.items():
                    counted[stale_row] = (stale_bits & mask).bit_count()
                counts = {
                    value: count
                    for value, count in zip(values, counted, strict=True)
                    if count
                }
            found[name] = counts
            if keep:
                if len(self.mask_counts_kept) >= SET_MASKS_KEPT * len(self.names):
                    self.mask_counts_kept.clear()
                # the facet's bits are kept too: their id names no other
                self.mask_counts_kept[key] = (mask, self.masks[position], counts)
        return found

    def _matrix(self, position):
        """([value], matrix, {row: bits}): the bits of each value of the
        facet at ``position``, one row of 64-bit words each (zeros for a
        value no item has any more), and the rows that are out of date, with
        the value's bits now (``mask_counts`` counts those values with
        ``int.bit_count``).

        Made from the matrix of the table this one was refreshed from, when
        there is one: an edit changes the bits of a value or two, whose rows
        are left out of date (copying the matrix to write them would cost
        more than the search, at 100,000 items); the matrix is made again
        when a quarter of its rows are, or when a value is new."""
        masks = self.masks[position]
        entry = self._matrices.get(position)
        if entry is not None and entry[0] is masks:
            return entry[3], entry[2], entry[4]
        # room for an eighth more items before the matrix is made again
        needed = (len(self.slots) >> 6) + 1
        if entry is not None and entry[2].shape[1] >= needed:
            source, index, matrix, values, _stale = entry
            if masks.keys() <= index.keys():
                # the values whose bits differ from those the matrix holds
                # (``source``): a refresh makes new bits for those only
                stale = {
                    index[value]: bits
                    for value, bits in masks.items()
                    if source.get(value) is not bits
                }
                stale.update(
                    (index[value], 0) for value in source if value not in masks
                )
                if len(stale) * 4 <= len(values):
                    self._matrices[position] = (source, index, matrix, values, stale)
                    return values, matrix, stale
        values = list(masks)
        width = needed + (needed >> 3)
        matrix = numpy.zeros((len(values), width), dtype=numpy.uint64)
        for row, value in enumerate(values):
            matrix[row] = _words(masks[value], width)
        index = {value: row for row, value in enumerate(values)}
        self._matrices[position] = (masks, index, matrix, values, {})
        return values, matrix, {}

    def rids_of(self, mask):
        """The record ids of the bits ``mask``, as an IISet."""
        if not mask:
            return IISet()
        rids = self._rids_by_slot()
        words = _words(mask, (mask.bit_length() + 63) >> 6)
        used = numpy.flatnonzero(words)  # the words with a bit: unpacked alone
        bits = numpy.unpackbits(words[used].view(numpy.uint8), bitorder="little")
        word, bit = numpy.nonzero(bits.reshape(len(used), 64))
        return IISet(numpy.sort(rids[used[word] * 64 + bit]).tolist())

    def _rids_by_slot(self):
        """The numpy array of the record id of each bit: made once, then
        lengthened by the tables refreshed from this one."""
        entry = self._rid_array
        if isinstance(entry, numpy.ndarray):
            return entry
        if entry is None:
            rids = numpy.zeros(len(self.slots), dtype=numpy.int64)
            rids[numpy.fromiter(self.slots.values(), numpy.int64, len(self.slots))] = (
                numpy.fromiter(self.slots.keys(), numpy.int64, len(self.slots))
            )
        else:
            earlier, added = entry
            if not isinstance(earlier, numpy.ndarray):
                self._rid_array = None  # a chain: made again from the slots
                return self._rids_by_slot()
            rids = numpy.concatenate((earlier, numpy.array(added, dtype=numpy.int64)))
        self._rid_array = rids
        return rids


SET_MASKS_KEPT = 32  # sets whose bits a table keeps: paths x kinds of users
# the indexes whose values order the items' bits (``FacetTable.read``)
ORDER_BY = ("pressbook_year", "outlet", "assembly")
OVERLAY_KEPT = 5000  # rows changed since the last whole dict, at most
_UNSET = object()


def _masks(rows, width, position, multiple):
    """{value: bits of the items that have it} of the facet at ``position``,
    from ``rows`` by bit."""
    size = (width >> 3) + 1
    arrays = {}
    for slot, row in enumerate(rows):
        value = row[position] if row is not None else None
        if value is None:
            continue
        byte, bit = slot >> 3, 1 << (slot & 7)
        for each in value if multiple else (value,):
            found = arrays.get(each)
            if found is None:
                found = arrays[each] = bytearray(size)
            found[byte] |= bit
    return {value: int.from_bytes(found, "little") for value, found in arrays.items()}


def _counts_moved(mask, before, counts, masks):
    """The counts over ``mask`` of the values of a facet whose bits are now
    ``masks``, from its ``counts`` when its bits were ``before``: only the
    values whose bits changed (a refresh makes new bits for those only) are
    counted again (an ``&`` and a ``bit_count`` each); None when more than
    a quarter of them (and more than four) changed."""
    changed = [value for value, bits in masks.items() if before.get(value) is not bits]
    if len(changed) > max(4, len(masks) // 4):
        return None
    found = {
        value: count
        for value, count in counts.items()
        if value in masks and value not in changed
    }
    for value in changed:
        count = (masks[value] & mask).bit_count()
        if count:
            found[value] = count
    return found


def _words(bits, width):
    """The bits of a Python int as ``width`` 64-bit words (numpy), the bits
    beyond them left out."""
    if bits.bit_length() > width * 64:
        bits &= (1 << width * 64) - 1
    return numpy.frombuffer(bits.to_bytes(width * 8, "little"), dtype="<u8")


def _move_bit(masks, bit, before, after, multiple):
    """Move an item's ``bit`` in ``masks`` from its values ``before`` to
    its values ``after`` (a value without items left is dropped)."""
    before = () if before is None else before if multiple else (before,)
    after = () if after is None else after if multiple else (after,)
    for value in before:
        if value in after:
            continue
        left = masks.get(value, 0) & ~bit
        if left:
            masks[value] = left
        else:
            masks.pop(value, None)
    for value in after:
        masks[value] = masks.get(value, 0) | bit


# (database name, oid of the catalog, index names) -> the FacetTable of those
# indexes at the last committed state asked for
_TABLES = {}


def _committed_version(index):
    """What identifies the committed state of an index: its change counter
    (the index increments it on every change) and the revision of that
    counter; None when the index has changes not committed yet."""
    counter = getattr(aq_base(index), "_counter", None)
    if counter is None or counter._p_jar is None or counter._p_oid is None:
        return None
    value = counter()  # loads it: its revision is known from here
    if counter._p_changed:
        return None
    # changed then written to a savepoint: no longer _p_changed, still not
    # committed (its revision is the committed one)
    savepoints = getattr(counter._p_jar, "_savepoint_storage", None)
    if savepoints is not None and counter._p_oid in savepoints.index:
        return None
    return (counter._p_jar.db().database_name, counter._p_oid), (
        counter._p_serial,
        value,
    )


def facet_table(catalog, index_names=None):
    """The FacetTable of the facet indexes (FACETS, or ``index_names``) of a
    catalog: index data, not query results.

    Kept for the committed state of the indexes it was read from and shared
    by every search until one of them changes: then the next table is made
    from it, reading again only what changed in the changed indexes. Read
    afresh (and not kept) while an index has changes not committed yet.
    """
    names = tuple(FACETS.values() if index_names is None else index_names)
    revisions = {}
    for name in names:
        version = _committed_version(catalog._catalog.getIndex(name))
        if version is None:
            return FacetTable.read(catalog, names)
        revisions[name] = version
    storage = aq_base(catalog._catalog)
    if storage._p_jar is None:
        return FacetTable.read(catalog, names)
    key = (storage._p_jar.db().database_name, storage._p_oid, names)
    table = _TABLES.get(key)
    if table is None:
        table = FacetTable.read(catalog, names, revisions)
    elif table.revisions != revisions:
        table = table.refreshed(catalog, revisions)
    else:
        return table
    _TABLES[key] = table
    return table


# catalog index -> facet parameter
_FACET_OF_INDEX = {index: parameter for parameter, index in FACETS.items()}


def _intersection(sets):
    """The intersection of record id sets, smallest first.

    BTrees intersect by walking both sets side by side: the price of the
    larger one is paid whatever the size of the smaller one (some 0.25 ms for
    the 90,000 items a visitor may see at 100,000). A set much smaller than
    the next one is rather looked up in it, item by item (a binary search in
    C): the price of the smaller one only.
    """
    result = None
    for rids in sorted(sets, key=len):
        if result is None:
            result = rids
        elif len(result) * LOOK_UP_BELOW < len(rids):
            result = IISet(filter(rids.__contains__, result))
        else:
            result = intersection(result, rids)
        if not result:
            return IISet()
    return IISet() if result is None else result


# a set LOOK_UP_BELOW times smaller than the next is looked up in it: a look-up
# costs about as much as walking 40 items of the other set
LOOK_UP_BELOW = 32


def _relevance_brains(catalog, result_set, scores, kept=False):
    """The brains of ``result_set``, best ``scores`` (a text's) first, with
    their scores, as the catalog gives a text query without ``sort_on``; in
    the catalog's order without a text. ``kept``: the scores are kept between
    searches (``_text_set``)."""
    getitem = catalog._catalog.__getitem__
    if not hasattr(scores, "items"):
        return LazyMap(getitem, result_set, len(result_set))
    # [(score, rid)], best first, sorted as far as read
    pairs = Ranked(*_scored(scores, result_set, kept))
    best = float(pairs[0][0]) or 1.0

    def brain(pair):
        score, rid = pair
        return getitem((int(100.0 * score / best), score, rid))

    return LazyMap(brain, pairs, len(pairs))


def _score_arrays(scores):
    """(record ids, scores) of kept ``scores`` as numpy arrays, in record id
    order: kept with them (``_SCORE_ARRAYS``)."""
    found = _SCORE_ARRAYS.get(id(scores))
    if found is not None and found[0] is scores:
        return found[1], found[2]
    rids = numpy.fromiter(scores.keys(), numpy.int64, len(scores))
    values = numpy.fromiter(scores.values(), numpy.int64, len(scores))
    if len(_SCORE_ARRAYS) >= TEXTS_KEPT:
        _SCORE_ARRAYS.clear()
    # the scores are kept too: their id names no others meanwhile
    _SCORE_ARRAYS[id(scores)] = (scores, rids, values)
    return rids, values


# id of kept text scores -> (the scores, their record ids, their scores)
_SCORE_ARRAYS = {}


def _scored(scores, result_set, kept=False):
    """(record ids, scores) as numpy arrays, of the items of ``result_set``
    that ``scores`` (a text's) scores at least 0, in no particular order.

    Scores kept between searches (``kept``) are looked up in numpy arrays
    made once (``_score_arrays``); a result much smaller than the text's
    items has its scores looked up in the BTree (else they are taken by
    ``weightedIntersection``, which walks them all).
    """
    if kept:
        keys, all_values = _score_arrays(scores)
        rids = numpy.fromiter(result_set, numpy.int64, len(result_set))
        where = numpy.searchsorted(keys, rids)
        found = where < len(keys)
        found[found] = keys[where[found]] == rids[found]
        rids, values = rids[found], all_values[where[found]]
    elif len(result_set) * LOOK_UP_BELOW < len(scores):
        rids = list(result_set)
        values = list(map(scores.get, rids, repeat(-1)))
    else:
        # the text's own scores (a weight of 0 for the set keeps them as they are)
        _weight, scored = weightedIntersection(scores, result_set, 1, 0)
        rids, values = list(scored.keys()), list(scored.values())
    if not kept:
        rids = numpy.array(rids, dtype=numpy.int64)
        values = numpy.array(values, dtype=numpy.int64)
    scored = values >= 0
    return rids[scored], values[scored]


def _by_score(scores, result_set, kept=False):
    """[(score, record id)] of the items of ``result_set`` that ``scores``
    (a text's) scores at least 0, best first, equal scores the larger record
    id first: what BTrees' ``byValue(0)`` gives of their scores (sorted by
    numpy; ``byValue`` sorts a list of pairs). ``Ranked`` gives the same
    pairs, sorted only as far as they are asked."""
    return _sorted_pairs(*_scored(scores, result_set, kept))


def _sorted_pairs(rids, values):
    """[(score, record id)], best first, equal scores the larger record id
    first."""
    order = numpy.lexsort((rids, values))[::-1]
    return list(zip(values[order].tolist(), rids[order].tolist(), strict=True))


class Ranked:
    """``_by_score``'s pairs as a sequence sorted only as far as it is read.

    A page of a text search reads its first 20 or so items; sorting all the
    items a common word finds (90,000 for "commune" at 100,000 items) and
    making a pair of each cost several milliseconds. The first ``TOP`` pairs
    are found by a partition (``numpy.argpartition``, linear) and sorted;
    every pair is sorted once an item beyond them is read. Each pair is one
    int64 key, score then record id (record ids shifted to be positive), so
    that one descending order breaks equal scores by the larger record id.
    """

    TOP = 100
    _RID_SHIFT = 2**31  # ZCatalog's record ids are signed 32-bit integers

    def __init__(self, rids, values):
        self._keys = None
        self._pairs = None
        if len(values) and (int(values.max()) >= 2**31 or int(rids.min()) < -(2**31)):
            # too large for one key: sorted by ``_by_score``'s way
            self._pairs = _sorted_pairs(rids, values)
            self._len = len(self._pairs)
            return
        self._keys = (values << 32) | (rids + self._RID_SHIFT)
        self._len = len(self._keys)
        self._top = None

    def __len__(self):
        return self._len

    def _pair(self, key):
        return int(key >> 32), int(key & 0xFFFFFFFF) - self._RID_SHIFT

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self[each] for each in range(*index.indices(self._len))]
        if index < 0:
            index += self._len
        if not 0 <= index < self._len:
            raise IndexError(index)
        if self._pairs is not None:
            return self._pairs[index]
        if index < self.TOP and self._len > self.TOP:
            if self._top is None:
                keys = self._keys
                top = keys[numpy.argpartition(keys, self._len - self.TOP)[-self.TOP :]]
                self._top = numpy.sort(top)[::-1]
            return self._pair(self._top[index])
        keys = numpy.sort(self._keys)[::-1]
        self._pairs = [self._pair(key) for key in keys.tolist()]
        self._keys = None
        return self._pairs[index]


def _first_sorted(sort_index, result_set, reverse, limit):
    """The first ``limit`` record ids of ``result_set`` in the order of the
    sort index (equal keys by record id), found by walking the index from its
    first (or last) key; None when that would take longer than sorting."""
    keys = sort_index._index.keys()
    values = sort_index._index.values()
    budget = len(result_set) // 4  # record ids to look at before giving up
    found = []
    for position in range(len(keys) - 1, -1, -1) if reverse else range(len(keys)):
        postings = values[position]
        if isinstance(postings, int):
            postings = (postings,)
        matching = [rid for rid in postings if rid in result_set]
        if reverse:
            matching.reverse()
        found.extend(matching)
        if len(found) >= limit:
            return found[:limit]
        budget -= len(postings)
        if budget < 0:
            return None
    return found


# (id of a kept base set, sort index) -> (the set, the sort index's committed
# version, how many of the set's items it holds)
_SORTED_COUNTS = {}


def _sorted_count(sort_index, result_set, kept):
    """How many items of ``result_set`` the sort index holds (the catalog
    counts only those when it sorts); kept for a base set kept between
    searches (``kept``) until the sort index changes."""
    version = _committed_version(sort_index) if kept else None
    key = (id(result_set), sort_index.getId())
    if version is not None:
        cached = _SORTED_COUNTS.get(key)
        if cached is not None and cached[0] is result_set and cached[1] == version:
            return cached[2]
    count = len(result_set) - len(difference(result_set, sort_index.documentToKeyMap()))
    if version is not None:
        if len(_SORTED_COUNTS) >= BASES_KEPT:
            _SORTED_COUNTS.clear()
        _SORTED_COUNTS[key] = (result_set, version, count)
    return count


def _sorted_brains(catalog, result_set, criteria, kept=False):
    """The sorted batch of ``result_set``, as the catalog's ``searchResults``
    with ``sort_on``, ``sort_order``, ``b_start`` and ``b_size`` gives it.

    When the batch is near the top of a large result, the sort index is
    walked from its top instead: the catalog would look up the key of every
    item (about 1.5 ms at 20,000 items). ``kept``: ``result_set`` is a base
    set kept between searches.
    """
    if not result_set:
        return LazyCat([])
    sort_index = catalog._catalog.getIndex(SORTS[criteria.sort_on])
    reverse = criteria.sort_order == "descending"
    limit = criteria.b_start + criteria.b_size
    if limit * 16 <= len(result_set):
        first = _first_sorted(sort_index, result_set, reverse, limit)
        if first is not None:
            # as the catalog, count only the items the sort index holds
            count = _sorted_count(sort_index, result_set, kept)
            batch = first[criteria.b_start :]
            return LazyMap(
                catalog._catalog.__getitem__,
                batch,
                len(batch),
                actual_result_count=count,
            )
    return catalog._catalog.sortResults(
        result_set,
        sort_index,
        reverse=reverse,
        limit=limit,
        actual_result_count=len(result_set),
        b_start=criteria.b_start,
        b_size=criteria.b_size,
    )


# (database name, oid of the catalog) -> {key of a base set: (the catalog's
# committed revision it was last given at, the revisions of the catalog's
# indexes it was read at, its record ids)}
_BASES = {}
BASES_KEPT = 64  # base sets kept per catalog: paths x kinds of users
# indexes no base query asks (the facet filters, but for the content type,
# and the text are asked apart): a change in them leaves the base sets right
_NOT_IN_BASE = frozenset(FACETS.values()) - {"portal_type"} | {TEXT_INDEX}


def _base_counters(catalog):
    """(index name, index, its change counter) of the indexes a base query
    may ask; the counter: the index's change counter, or for an index without
    one (the path index) its count of items, which every change to it writes;
    None for an index that has neither or whose counter is not stored. Text
    indexes are left out: they answer text queries only, which no base query
    holds, and so are indexes that keep no data (the position in the folder,
    read from the folder when sorting), and so are the indexes no base query
    asks (``_NOT_IN_BASE``)."""
    for name, index in catalog._catalog.indexes.items():
        if name in _NOT_IN_BASE:
            continue  # no base set reads them: not even loaded
        index = aq_base(index)
        if isinstance(index, ZCTextIndex) or not (
            hasattr(index, "_index") or hasattr(index, "_unindex")
        ):
            continue
        counter = getattr(index, "_counter", None)
        if counter is None:
            counter = getattr(index, "_length", None)
        if getattr(counter, "_p_oid", None) is None:
            counter = None
        yield name, index, counter


def _index_revisions(catalog):
    """{index name: the revision of its committed state} of the indexes a
    base query may ask (``_base_counters``): the revision of its counter,
    None for an index without one."""
    revisions = {}
    for name, _index, counter in _base_counters(catalog):
        if counter is None:
            revisions[name] = None
            continue
        counter._p_activate()
        revisions[name] = counter._p_serial
    return revisions


def _base_oids(catalog):
    """The oids whose change may change a base set: the catalog's, and those
    of the indexes a base query may ask and of their counters; None when one
    of them is not stored (then only their revisions tell)."""
    oids = {aq_base(catalog._catalog)._p_oid}
    for _name, index, counter in _base_counters(catalog):
        if counter is None:
            return None
        oids.update((index._p_oid, counter._p_oid))
    return None if None in oids else frozenset(oids)


def _still_right(kept, now):
    """Whether a base set read at the index revisions ``kept`` is the one of
    the revisions ``now``: no index but those no base query asks changed."""
    if kept.keys() != now.keys():
        return False
    return all(
        name in _NOT_IN_BASE or (revision is not None and revision == now[name])
        for name, revision in kept.items()
    )


def _base_set(catalog, base_query):
    """The record ids of ``base_query`` as ``_result_set`` gives them (the
    user's permissions and publication dates applied by the catalog).

    A search without a date range nor keywords asks for every press item
    below its path that the user may see: the same set for every visitor with
    the same roles, until the catalog changes or the minute turns (the
    publication dates are indexed to the minute). That set is kept for the
    path, the user's roles and groups (``allowedRolesAndUsers``) and the
    minute, with the revisions of the catalog's committed indexes, and given
    again while no index changed but the facet and text indexes (which the
    base query does not ask: an edit of an item's outlet leaves it right).
    Which changed: the oids the database's log (``_Changes``) says changed
    since, else the revisions of the indexes' counters. Read afresh while the
    catalog has changes not committed yet.
    """
    if set(base_query) != {"path", "portal_type"}:
        return _result_set(catalog, base_query)
    catalog.getCounter()  # indexes what is queued first
    version = _committed_version(catalog)
    if version is None:
        return _result_set(catalog, base_query)
    user = _getAuthenticatedUser(catalog)
    show_inactive = bool(catalog.allow_inactive(base_query))
    key = (
        base_query["path"],
        tuple(base_query["portal_type"]),
        tuple(sorted(catalog._listAllowedRolesAndUsers(user))),
        show_inactive,
        None if show_inactive else int(DateTime().timeTime() // 60),
    )
    kept = _BASES.setdefault(version[0], {})
    found = kept.get(key)
    if found is not None and found[0] == version[1]:
        return found[2]  # the catalog as it was: no index to look at
    jar = aq_base(catalog._catalog)._p_jar
    log = _Changes.of(jar)
    view = None if log is None else (log, _view(jar))
    if found is not None and found[3] is not None and found[4] is not None:
        # the oids changed since, when the database's log knows them: none
        # of the indexes' the base query reads
        then, watched = found[3], found[4]
        changed = None if then[0] is not log else log.between(then[1], view[1])
        if changed is not None and changed.isdisjoint(watched):
            kept[key] = (version[1], found[1], found[2], view, watched)
            return found[2]
    revisions = _index_revisions(catalog)
    if found is not None and _still_right(found[1], revisions):
        kept[key] = (version[1], found[1], found[2], view, found[4])
        return found[2]
    rids = _result_set(catalog, dict(base_query, show_inactive=show_inactive))
    if len(kept) >= BASES_KEPT:
        kept.clear()  # other minutes, other users: start again
    kept[key] = (version[1], revisions, rids, view, _base_oids(catalog))
    return rids


# (database name, oid of the catalog) -> (revisions of the indexes read, day,
# deadlines, record ids)
_OVERDUE = {}
# the indexes the overdue questions are read from
_OVERDUE_INDEXES = ("assembly", "pressbook_date", STATUS_INDEX, "question_type")


def _overdue_set(catalog, deadlines, today):
    """The record ids of the overdue questions (``question_status``): written,
    awaiting an answer, asked before the overdue day of their assembly.

    Kept for the committed state of the indexes it is read from, the day and
    the deadlines (an edit of an article's outlet keeps it); read afresh while
    one of them has changes not committed yet.
    """
    catalog.getCounter()  # indexes what is queued first
    storage = aq_base(catalog._catalog)
    versions = [
        _committed_version(catalog._catalog.getIndex(name)) for name in _OVERDUE_INDEXES
    ]
    if None in versions or storage._p_jar is None:
        return _read_overdue_set(catalog, deadlines, today)
    key = (storage._p_jar.db().database_name, storage._p_oid)
    revision = tuple(versions)
    deadlines_key = tuple(sorted(deadlines.items()))
    cached = _OVERDUE.get(key)
    if cached is None or cached[:3] != (revision, today, deadlines_key):
        rids = _read_overdue_set(catalog, deadlines, today)
        cached = _OVERDUE[key] = (revision, today, deadlines_key, rids)
    return cached[3]


def _read_overdue_set(catalog, deadlines, today):
    by_assembly = []
    for assembly, before in overdue_before(deadlines, today).items():
        last = before - timedelta(days=1)
        by_assembly.append(
            intersection(
                _index_set(catalog, "assembly", {"query": [assembly]}),
                _index_set(
                    catalog,
                    "pressbook_date",
                    {
                        "query": as_catalog_date(last),
                        "range": "max",
                    },
                ),
            )
        )
    if not by_assembly:
        return IISet()
    return _intersection(
        [
            multiunion(by_assembly),
            _index_set(catalog, STATUS_INDEX, {"query": [AWAITING]}),
            _index_set(
                catalog, "question_type", {"query": list(DEADLINE_QUESTION_TYPES)}
            ),
        ]
    )


def _status_set(catalog, statuses, overdue):
    """The record ids of the items of one of the answer ``statuses``."""
    stored = [status for status in statuses if status != OVERDUE]
    sets = [overdue]
    if stored:
        sets.append(_index_set(catalog, STATUS_INDEX, {"query": stored}))
    return multiunion(sets)


def _has_questions(criteria):
    return not criteria.portal_type or QUESTION in criteria.portal_type


# (database name, oid of the catalog) -> {text query: (the text index's
# committed state, its record ids and scores)}, the last TEXTS_KEPT queries
_TEXTS = {}
TEXTS_KEPT = 8


def _text_version(catalog):
    """What identifies the committed state of the text index: its count of
    items and its total of words (``Length`` objects that every index,
    reindex and unindex of an item writes; Okapi's scores read them too);
    None while the catalog has changes not committed yet, or for an index
    without them."""
    if _committed_version(catalog) is None:
        return None
    okapi = getattr(catalog._catalog.getIndex(TEXT_INDEX), "index", None)
    if getattr(okapi, "_p_jar", None) is None:
        return None
    okapi._p_activate()  # a ghost's __dict__ is empty
    found = []
    for name in ("document_count", "_totaldoclen"):
        counter = getattr(okapi, "__dict__", {}).get(name)
        if getattr(counter, "_p_oid", None) is None:
            return None
        counter._p_activate()
        found.append((counter._p_oid, counter._p_serial))
    return tuple(found)


def _text_set(catalog, value):
    """(the record ids and scores of a text query, as ``_index_set`` gives
    them, whether they are kept): kept for the last ``TEXTS_KEPT`` queries
    and given again while the text index is as it was. A text that another
    visitor, or the next page, asks again is not scored over every item that
    has its words once more; an edit of an outlet or a theme leaves it."""
    version = _text_version(catalog)
    if version is None:
        return _index_set(catalog, TEXT_INDEX, value), False
    storage = aq_base(catalog._catalog)
    kept = _TEXTS.setdefault((storage._p_jar.db().database_name, storage._p_oid), {})
    found = kept.get(value)
    if found is not None and found[0] == version:
        return found[1], True
    rids = _index_set(catalog, TEXT_INDEX, value)
    kept.pop(value, None)
    while len(kept) >= TEXTS_KEPT:
        try:
            del kept[next(iter(kept))]  # the oldest query
        except (KeyError, RuntimeError, StopIteration):
            break  # another thread made room meanwhile
    kept[value] = (version, rids)
    return rids, True


class Found(NamedTuple):
    """What ``_found`` finds for a search."""

    base: object  # the record ids the user may see below the path
    base_kept: bool  # whether ``base`` is kept between searches (``_base_set``)
    kept_filters: frozenset  # the filters whose sets are kept (``_text_set``)
    filters: dict  # {index: its query value}, of the text and the facet filters
    filter_sets: dict  # {index: the record ids of its filter}
    # the intersection of the base and of the filters (None: not made, the
    # counts find it from the bits: ``_facet_counts``)
    result_set: object
    overdue: object  # the overdue questions' record ids, or None


def _found(context, catalog, criteria, path, with_facets=True, intersect=True):
    """The ``Found`` of ``criteria`` below ``path``: the catalog runs once,
    with the user's permissions and publication dates, for everything but the
    text and the facet filters, whose record ids come from their indexes; the
    overdue questions (derived, not indexed) come from ``_overdue_set``, when
    a filter or the counts need them. ``intersect``: the result set is made
    (else left to ``_facet_counts``)."""
    active = criteria.active()
    base_query = {"path": path, "portal_type": list(PRESS_TYPES)}
    filters = {}  # index -> query value, of the text and the active facet filters
    for index_name, value in catalog_query(criteria, path).items():
        if index_name == TEXT_INDEX or _FACET_OF_INDEX.get(index_name) in active:
            filters[index_name] = value
        elif index_name != "portal_type":
            base_query[index_name] = value
    base = _base_set(catalog, base_query)
    kept_filters = set()
    try:
        filter_sets = {}
        for index_name, value in filters.items():
            if index_name == TEXT_INDEX:
                filter_sets[index_name], kept = _text_set(catalog, value)
                if kept:
                    kept_filters.add(index_name)
            else:
                filter_sets[index_name] = _index_set(catalog, index_name, value)
    except ParseError:
        # a text the text index cannot parse: ``(``, a lone ``"``
        raise InvalidParameter(
            "SearchableText", _("Nothing to search for: type words.")
        ) from None
    statuses = derived_statuses(criteria)
    overdue = None
    if statuses or (with_facets and _has_questions(criteria)):
        overdue = _overdue_set(catalog, answer_deadlines(context), local_today())
    if statuses:
        filter_sets[STATUS_INDEX] = _status_set(catalog, statuses, overdue)
    result_set = _intersection([base, *filter_sets.values()]) if intersect else None
    return Found(
        base,
        set(base_query) == {"path", "portal_type"},
        frozenset(kept_filters),
        filters,
        filter_sets,
        result_set,
        overdue,
    )


def _filter_mask(table, index_name, value, rids, keep=False):
    """The bits of a filter's items: its values' own bits for a facet index
    asked for a list of values (the index gives the items of any of them),
    else those of its record ids (kept with them when they are kept between
    searches: ``keep``)."""
    values = value
    if isinstance(value, dict) and value.keys() == {"query"}:
        values = value["query"]
    if index_name in table.positions and isinstance(values, (list, tuple)):
        return table.value_mask(index_name, values)
    return table.mask_of(rids, keep=keep)


def _facet_counts(catalog, found):
    """({facet parameter: {value: count}}, the result set): each facet
    counted over the items of every filter but its own (``counts`` in
    ``search``), with the bits of the FacetTable: the base set's bits (kept
    with it, and so are its counts), the filters' bits, and for each facet
    one ``&`` per other filter and one count of bits per value.

    The result set is ``found.result_set`` when made; else the base itself
    without a filter, or the record ids of the bits the base and every filter
    share (``rids_of``) when each item of the base has its bit (every
    catalogued item has a content type, a facet); else their intersection."""
    table = facet_table(catalog)
    base = table.mask_of(found.base, keep=found.base_kept)
    masks = {
        index_name: _filter_mask(
            table,
            index_name,
            found.filters.get(index_name),
            rids,
            keep=index_name in found.kept_filters,
        )
        for index_name, rids in found.filter_sets.items()
    }
    counted = {}  # filter left out (None: none) -> (its bits, facet indexes)
    kept = set()  # the filters left out whose bits are those of kept sets only
    for index_name in FACETS.values():
        left_out = index_name if index_name in masks else None
        if left_out not in counted:
            over = base
            parts = [base]
            for name, mask in masks.items():
                if name != left_out:
                    over &= mask
                    parts.append(mask)
            if found.base_kept and all(
                name in found.kept_filters for name in masks if name != left_out
            ):
                # the base and a kept text: the same bits (and counts) as at
                # the last search
                over = table.kept_product(parts, over)
                kept.add(left_out)
            counted[left_out] = (over, [])
        counted[left_out][1].append(index_name)
    found_counts = {}
    for left_out, (over, index_names) in counted.items():
        if over:
            keep = left_out in kept
            found_counts.update(table.mask_counts(over, index_names, keep=keep))
    facets = {
        parameter: found_counts.get(index_name, {})
        for parameter, index_name in FACETS.items()
    }
    if found.overdue:
        overdue = table.mask_of(found.overdue, keep=True)
        for over, index_names in counted.values():
            if STATUS_INDEX in index_names:
                late = (over & overdue).bit_count()
                if late:
                    parameter = _FACET_OF_INDEX[STATUS_INDEX]
                    facets[parameter] = dict(facets[parameter], **{OVERDUE: late})
    result_set = found.result_set
    if result_set is None:
        if not found.filter_sets:
            result_set = found.base
        elif base.bit_count() == len(found.base):
            every = counted[None][0] if None in counted else None
            if every is None:
                every = base
                for mask in masks.values():
                    every &= mask
            result_set = table.rids_of(every)
        else:
            result_set = _intersection([found.base, *found.filter_sets.values()])
    return facets, result_set


def statistics(context, criteria, path=None):
    """``statistics.reference_statistics``, from the inside of ZCatalog: the
    result set of the search, then each item's values of the statistics'
    indexes looked up in a FacetTable of them (kept until they change)."""
    catalog = getToolByName(context, "portal_catalog")
    if path is None:
        path = "/".join(context.getPhysicalPath())
    result_set = _found(context, catalog, criteria, path, with_facets=False).result_set
    index_names = (*DIMENSIONS.values(), DELAY_INDEX)
    result = Statistics(total=len(result_set))
    table = facet_table(catalog, index_names)
    found = table.counts(result_set, index_names) if result_set else {}
    for dimension, index_name in DIMENSIONS.items():
        result.counts[dimension] = {
            value: count
            for value, count in found.get(index_name, {}).items()
            if value not in ("", None)
        }
    delay = table.positions[DELAY_INDEX]
    grouped = [
        (dimension, table.positions[DIMENSIONS[dimension]])
        for dimension in DELAY_DIMENSIONS
    ]
    every = []
    per_value = {dimension: {} for dimension in DELAY_DIMENSIONS}
    for row in map(table.rows.get, result_set):
        if row is None or row[delay] is None:
            continue
        every.append(row[delay])
        for dimension, position in grouped:
            value = row[position]
            if value not in ("", None):
                per_value[dimension].setdefault(value, []).append(row[delay])
    result.delays["all"] = {None: sorted(every)}
    for dimension, values in per_value.items():
        result.delays[dimension] = {
            value: sorted(delays) for value, delays in values.items()
        }
    return result


def search(context, criteria, path=None, with_facets=True):
    """``engine.search``, from the inside of ZCatalog: same answers, faster.

    ``with_facets=False`` leaves the counts out (``SearchResult.facets`` is
    empty): feeds and exports show none.

    The catalog runs once, with the user's permissions and publication dates,
    for everything but the facet filters (years, outlets, themes...); each
    facet filter's record ids come from its index. The result is the
    intersection of all (found from their bits: ``_facet_counts``); a facet
    counts its values over the intersection of all but its own filter, so
    that a visitor sees what choosing another value would give.
    """
    catalog = getToolByName(context, "portal_catalog")
    if path is None:
        path = "/".join(context.getPhysicalPath())
    found = _found(context, catalog, criteria, path, with_facets, not with_facets)
    if with_facets:
        facets, result_set = _facet_counts(catalog, found)
    else:
        facets, result_set = {}, found.result_set
    if not result_set:
        brains = LazyCat([])
    elif SORTS[criteria.sort_on] is None:
        brains = _relevance_brains(
            catalog,
            result_set,
            found.filter_sets.get(TEXT_INDEX),
            TEXT_INDEX in found.kept_filters,
        )
    else:
        kept = found.base_kept and result_set is found.base
        brains = _sorted_brains(catalog, result_set, criteria, kept)
    return SearchResult(brains=brains, total=len(result_set), facets=facets)
