"""The fast path's facet table, made again after a commit from the table of the
state before it (reading only the changed buckets of the changed indexes),
equals the table read whole from the indexes, and its bit sets count as its
rows do.

Real ZCatalog indexes (a field index, a keyword index) in a real ZODB: one
connection writes and commits, another one (as another thread or Zope
instance would) refreshes its table from the last one. Enough records for the
indexes' forward BTrees to hold many buckets, which splits, emptied buckets
and a first bucket that goes away change.

Both ways a table finds the changed buckets are held to the table read whole:
the oids the database's log (``_Changes``) says changed, and, where no log
knows them, the revisions of all the buckets.
"""

from BTrees.IIBTree import IISet
from contextlib import closing
from contextlib import contextmanager
from hypothesis import given
from hypothesis import HealthCheck
from hypothesis import settings
from hypothesis import strategies as st
from imio.pressbook.search import fast
from imio.pressbook.search.fast import _Changes
from imio.pressbook.search.fast import _committed_version
from imio.pressbook.search.fast import _followed
from imio.pressbook.search.fast import _layout
from imio.pressbook.search.fast import _view
from imio.pressbook.search.fast import FacetTable
from persistent import Persistent
from persistent.mapping import PersistentMapping
from Products.PluginIndexes.FieldIndex.FieldIndex import FieldIndex
from Products.PluginIndexes.KeywordIndex.KeywordIndex import KeywordIndex

import copy
import os
import pytest
import transaction
import ZODB


NAMES = ["outlet", "themes"]
OUTLETS = ["le-soir", "la-libre", "l-avenir", "sudinfo"]
THEMES = ["mobilite", "finances", "culture", "sport", "emploi"]
RIDS = st.integers(min_value=1, max_value=2400)
VALUES = st.fixed_dictionaries(
    {
        "outlet": st.one_of(st.none(), st.sampled_from(OUTLETS)),
        "themes": st.lists(st.sampled_from(THEMES), max_size=3, unique=True),
    }
)
# what every example starts from, its own items put over it: one item in
# four, enough for the forward BTrees to hold a score of buckets, and gaps for
# items added among them to split buckets
BASE = {
    rid: {"outlet": OUTLETS[rid % 5 % 4], "themes": [THEMES[rid % 5]]}
    for rid in range(4, 2401, 4)
}
# 3,000 items side by side: many buckets, each full
DENSE = {
    rid: {"outlet": OUTLETS[rid % 4], "themes": [THEMES[rid % 5]]}
    for rid in range(1, 3001)
}
# a run of record ids, all indexed alike (or dropped, None): enough items in
# one bucket's range to split it, or to empty it
RUN = st.tuples(
    st.integers(min_value=1, max_value=2400),
    st.integers(min_value=1, max_value=150),
    st.one_of(st.none(), VALUES),
)
# a round: record ids indexed with new values (or dropped, None), and runs,
# then a commit
ROUNDS = st.lists(
    st.tuples(
        st.dictionaries(RIDS, st.one_of(st.none(), VALUES), max_size=40),
        st.lists(RUN, max_size=2),
    ),
    min_size=1,
    max_size=6,
)


class Item:
    def __init__(self, outlet, themes):
        self.outlet = outlet
        self.themes = themes


class Storage(Persistent):
    """What the fast path reads of a catalog: ``getIndex``."""

    def __init__(self):
        self.indexes = {
            "outlet": FieldIndex("outlet"),
            "themes": KeywordIndex("themes"),
        }

    def getIndex(self, name):
        return self.indexes[name]


class Catalog:
    def __init__(self, storage):
        self._catalog = storage


def apply(storage, changes):
    for rid, values in changes.items():
        for name, index in storage.indexes.items():
            if values is None or not values[name]:
                index.unindex_object(rid)
            else:
                index.index_object(rid, Item(**values))


def changes_of(round_):
    """{record id: values, or None} of a round."""
    changes, runs = round_
    found = {}
    for first, length, values in runs:
        found.update(dict.fromkeys(range(first, first + length), values))
    found.update(changes)
    return found


def revisions(storage):
    return {name: _committed_version(storage.getIndex(name)) for name in NAMES}


def value_sets(table):
    """Per facet, {value: the record ids whose bits its mask has}: what the
    bit sets say, whatever bit each item was given."""
    rid_of = {slot: rid for rid, slot in table.slots.items()}
    found = []
    for masks in table.masks:
        found.append(
            {
                value: {
                    rid_of[slot]
                    for slot in range(mask.bit_length())
                    if mask >> slot & 1
                }
                for value, mask in masks.items()
            }
        )
    return found


def rows_sets(table):
    """The same, from the rows: the record ids of each value of each facet."""
    found = [{} for _name in table.names]
    for rid, row in table.rows.items():
        for position, value in enumerate(row):
            if value is None:
                continue
            each = value if table.multiple[position] else (value,)
            for one in each:
                found[position].setdefault(one, set()).add(rid)
    return found


@contextmanager
def one_connection(database):
    """(its transaction manager, a connection to ``database``)."""
    tm = transaction.TransactionManager()
    connection = database.open(transaction_manager=tm)
    try:
        yield tm, connection
    finally:
        tm.abort()
        connection.close()


@contextmanager
def two_connections(database):
    """(writer's transaction manager, writer, reader's, reader): two
    connections to ``database``, as two threads or two Zope instances."""
    writer_tm, reader_tm = (
        transaction.TransactionManager(),
        transaction.TransactionManager(),
    )
    writer = database.open(transaction_manager=writer_tm)
    reader = database.open(transaction_manager=reader_tm)
    try:
        yield writer_tm, writer, reader_tm, reader
    finally:
        writer_tm.abort()
        reader_tm.abort()
        writer.close()
        reader.close()


def spread(storage):
    """2,000 items, one record id in ten: a bucket's range of record ids
    filled up splits it."""
    apply(
        storage,
        {
            rid: {"outlet": OUTLETS[rid % 4], "themes": []}
            for rid in range(10, 20001, 10)
        },
    )


def scanning(table):
    """The table as one that knows no log of the database: its refresh
    compares the revisions of all the buckets."""
    unknown = copy.copy(table)
    unknown.view = None
    return unknown


def contents(table):
    assert value_sets(table) == rows_sets(table)
    return (
        table.rows,
        list(table.documents),
        [dict(counts) for counts in table.totals],
        value_sets(table),
    )


@pytest.fixture(scope="module")
def database():
    """A database whose log (``_Changes``) listens: it was handed a first
    transaction."""
    db = ZODB.DB(None)
    tm = transaction.TransactionManager()
    connection = db.open(transaction_manager=tm)
    _Changes.of(connection)
    connection.root()["started"] = True
    tm.commit()
    connection.close()
    yield db
    db.close()


@settings(
    max_examples=25 if os.environ.get("CI") else 60,
    deadline=None,
    derandomize=bool(os.environ.get("CI")),
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    start=st.dictionaries(RIDS, VALUES, max_size=500),
    rounds=ROUNDS,
    subsets=st.lists(st.sets(RIDS, max_size=400), min_size=1, max_size=3),
)
def test_a_refreshed_table_equals_the_table_read_whole(
    database, start, rounds, subsets
):
    with two_connections(database) as (writer_tm, writer, reader_tm, reader):
        writer_tm.begin()
        storage = writer.root()["catalog"] = Storage()
        apply(storage, {**BASE, **start})
        writer_tm.commit()
        reader_tm.begin()
        seen = reader.root()["catalog"]
        table = FacetTable.read(Catalog(seen), NAMES, revisions(seen))
        # a set kept between searches (a base set, of items the table has):
        # its counts are kept with its bits, and follow the refreshes value
        # by value
        kept = IISet(rid for rid in subsets[0] if rid in table.slots)
        assert table.mask_counts(
            table.mask_of(kept, keep=True), NAMES, keep=True
        ) == table.counts(kept, NAMES)
        for round_ in rounds:
            writer_tm.begin()
            apply(storage, changes_of(round_))
            writer_tm.commit()
            reader_tm.begin()  # the reader sees the commit
            seen = reader.root()["catalog"]
            now = revisions(seen)
            # the log has the oids of the commit: the refresh looks at them;
            # a table that knows no log compares its buckets' revisions
            log = _Changes.of(reader)
            assert table.view[0] is log
            assert log.between(table.view[1], _view(reader)) is not None
            whole = contents(FacetTable.read(Catalog(seen), NAMES))
            scanned = scanning(table).refreshed(Catalog(seen), now)
            table = table.refreshed(Catalog(seen), now)
            for refreshed in (scanned, table):
                assert contents(refreshed) == whole
                # the layout followed from the changed buckets is the layout
                for name in NAMES:
                    forward = seen.getIndex(name)._unindex
                    layout = _layout(forward)
                    if layout is not None:
                        assert list(zip(*refreshed.layouts[name], strict=True)) == [
                            key for key, _bucket in layout
                        ]
            assert table.revisions == now
            # counting with the bit sets is counting the rows
            for picked in subsets:
                rids = IISet(picked)
                assert table.mask_counts(table.mask_of(rids), NAMES) == table.counts(
                    rids, NAMES
                )
                # the bits give their record ids back
                assert list(table.rids_of(table.mask_of(rids))) == [
                    rid for rid in rids if rid in table.slots
                ]
            assert table.mask_counts(
                table.mask_of(kept, keep=True), NAMES, keep=True
            ) == table.counts(kept, NAMES)
            for outlet in OUTLETS:
                outlet_rids = seen.getIndex("outlet")._index.get(outlet, IISet())
                assert table.value_mask("outlet", [outlet]) == table.mask_of(
                    outlet_rids
                )
                # an outlet's items have their bits side by side: counted
                # over their words alone
                assert table.mask_counts(
                    table.value_mask("outlet", [outlet]), NAMES
                ) == table.counts(IISet(outlet_rids), NAMES)


def test_a_refresh_reads_only_the_changed_buckets(database):
    """One item's outlet changed among 3,000: the refreshed table is right
    and the outlet index's other buckets kept their revision."""
    with one_connection(database) as (tm, connection):
        tm.begin()
        storage = connection.root()["big"] = Storage()
        apply(storage, DENSE)
        tm.commit()
        table = FacetTable.read(Catalog(storage), NAMES, revisions(storage))
        assert len(table.layouts["outlet"][0]) > 20  # many buckets
        apply(storage, {1500: {"outlet": "sudinfo", "themes": [THEMES[0]]}})
        tm.commit()
        # one region, around the one changed bucket, found without walking
        # the others
        followed = _followed(
            storage.getIndex("outlet")._unindex, *table.layouts["outlet"]
        )
        assert followed is not None
        assert len(followed[1]) == 1
        low, high = followed[1][0]
        assert low < 1500 < high
        refreshed = table.refreshed(Catalog(storage), revisions(storage))
        changed = set(zip(*refreshed.layouts["outlet"], strict=True)) - set(
            zip(*table.layouts["outlet"], strict=True)
        )
        assert len(changed) == 1
        assert refreshed.rows[1500][0] == "sudinfo"
        assert contents(refreshed) == contents(FacetTable.read(Catalog(storage), NAMES))
        # the table it was made from is as it was
        assert table.rows[1500][0] == OUTLETS[1500 % 4]


def test_a_refresh_sees_the_first_bucket_go(database):
    """Every item of the outlet index's first bucket dropped: that bucket is
    gone, the next one unchanged, and the dropped items are no longer
    counted."""
    with one_connection(database) as (tm, connection):
        tm.begin()
        storage = connection.root()["first"] = Storage()
        apply(
            storage,
            {rid: {"outlet": OUTLETS[rid % 4], "themes": []} for rid in range(1, 1001)},
        )
        tm.commit()
        table = FacetTable.read(Catalog(storage), NAMES, revisions(storage))
        forward = storage.getIndex("outlet")._unindex
        first = forward._firstbucket
        apply(storage, dict.fromkeys(first.keys()))
        tm.commit()
        assert forward._firstbucket._p_oid != first._p_oid
        refreshed = table.refreshed(Catalog(storage), revisions(storage))
        assert contents(refreshed) == contents(FacetTable.read(Catalog(storage), NAMES))
        assert sum(refreshed.totals[0].values()) == len(forward)


def test_kept_counts_follow_an_edit(database):
    """The counts over a kept set (a base set) are kept with its bits; an
    edit of one of its items changes the counts of the values it left and
    took, and of those only."""
    with one_connection(database) as (tm, connection):
        tm.begin()
        storage = connection.root()["kept"] = Storage()
        apply(
            storage,
            {
                rid: {"outlet": OUTLETS[rid % 4], "themes": [THEMES[rid % 5]]}
                for rid in range(1, 301)
            },
        )
        tm.commit()
        table = FacetTable.read(Catalog(storage), NAMES, revisions(storage))
        kept = IISet(range(1, 200))
        before = table.mask_counts(table.mask_of(kept, keep=True), NAMES, keep=True)
        assert before == table.counts(kept, NAMES)
        apply(storage, {5: {"outlet": "sudinfo", "themes": ["sport"]}})
        tm.commit()
        table = table.refreshed(Catalog(storage), revisions(storage))
        after = table.mask_counts(table.mask_of(kept, keep=True), NAMES, keep=True)
        assert after == table.counts(kept, NAMES)
        assert after["outlet"]["sudinfo"] == before["outlet"]["sudinfo"] + 1


def test_the_log_has_the_oids_each_commit_changed():
    """The log of a database gives the oids changed between two views of it,
    in either order, and nothing when it cannot know them all: before the
    first transaction it was handed, after the database dropped its caches
    (as a ZEO client that lost its server does)."""
    # a log of its own, listening from its first transaction
    with (
        closing(ZODB.DB(None)) as database,
        two_connections(database) as (writer_tm, writer, reader_tm, reader),
    ):
        writer_tm.begin()
        root = writer.root()
        one, two = root["one"], root["two"] = PersistentMapping(), PersistentMapping()
        writer_tm.commit()
        reader_tm.begin()
        log = _Changes.of(reader)
        assert _Changes.of(writer) is log  # one per database
        one["title"] = "Sudinfo"
        writer_tm.commit()  # the first transaction it is handed
        reader_tm.begin()
        before = _view(reader)
        one["title"] = "Le Soir"
        writer_tm.commit()
        two["title"] = "La Libre"
        writer_tm.commit()
        reader_tm.begin()
        after = _view(reader)
        assert after > before
        assert log.between(before, after) == {one._p_oid, two._p_oid}
        assert log.between(after, before) == {one._p_oid, two._p_oid}
        assert log.between(after, after) == set()
        # a view from before the first transaction the log was handed
        assert log.between(before - 1, after) is None
        # the caches dropped (what a ZEO client calls on the database it was
        # registered with, the MVCC adapter, when it cannot tell what it
        # missed): what came before is no longer known
        database._mvcc_storage.invalidateCache()
        assert log.between(before, after) is None
        # from the next transaction on, the log knows again
        one["title"] = "L'Avenir"
        writer_tm.commit()
        reader_tm.begin()
        assert log.between(after, _view(reader)) is None
        start = _view(reader)
        two["title"] = "Vers l'Avenir"
        writer_tm.commit()
        reader_tm.begin()
        assert log.between(start, _view(reader)) == {two._p_oid}


def test_the_log_forgets_the_oldest_transactions(database, monkeypatch):
    """Beyond CHANGES_KEPT oids the oldest transactions are forgotten: a view
    from before them gets nothing, a later one its oids."""
    monkeypatch.setattr(fast, "CHANGES_KEPT", 6)
    with one_connection(database) as (tm, connection):
        tm.begin()
        items = connection.root()["items"] = [PersistentMapping() for _ in range(4)]
        tm.commit()
        log = _Changes.of(connection)
        views = [_view(connection)]
        for round_ in range(3):
            for item in items:
                item["round"] = round_
            tm.commit()
            views.append(_view(connection))
        oids = {item._p_oid for item in items}
        assert log.between(views[0], views[3]) is None
        assert log.between(views[2], views[3]) == oids


def test_a_refresh_by_the_log_loads_only_the_changed_buckets(database):
    """One item's outlet changed among 3,000 by another connection: the
    reader, its cache emptied, refreshes its table from the log's oids,
    loading the changed bucket and its neighbours, none of the others."""
    with two_connections(database) as (writer_tm, writer, reader_tm, reader):
        writer_tm.begin()
        storage = writer.root()["logged"] = Storage()
        apply(storage, DENSE)
        writer_tm.commit()
        reader_tm.begin()
        seen = reader.root()["logged"]
        table = FacetTable.read(Catalog(seen), NAMES, revisions(seen))
        oids = table.layouts["outlet"][0]
        assert len(oids) > 20
        apply(storage, {1500: {"outlet": "sudinfo", "themes": [THEMES[0]]}})
        writer_tm.commit()
        reader_tm.begin()
        reader.cacheMinimize()  # every bucket a ghost
        refreshed = table.refreshed(Catalog(seen), revisions(seen))
        loaded = [oid for oid in oids if reader._cache.get(oid)._p_changed is not None]
        assert 1 <= len(loaded) <= 3
        assert refreshed.rows[1500][0] == "sudinfo"
        assert contents(refreshed) == contents(FacetTable.read(Catalog(seen), NAMES))
        # no bucket moved: the layout keeps its oids
        assert refreshed.layouts["outlet"][0] is oids


@pytest.mark.parametrize("how", ["log", "revisions"])
@pytest.mark.parametrize("change", ["split", "middle emptied", "last emptied"])
def test_a_refresh_follows_buckets_added_and_gone(database, how, change):
    """A bucket split in two, a bucket of the middle or the last one emptied
    (and so gone) by another connection: the layout the reader refreshes its
    table to, from the log's oids or from the buckets' revisions, is the
    forward index's, and the table that of the index read whole."""
    with two_connections(database) as (writer_tm, writer, reader_tm, reader):
        writer_tm.begin()
        storage = writer.root()["moved"] = Storage()
        spread(storage)
        writer_tm.commit()
        reader_tm.begin()
        seen = reader.root()["moved"]
        table = FacetTable.read(Catalog(seen), NAMES, revisions(seen))
        if how == "revisions":
            table = scanning(table)
        buckets = [
            bucket for _key, bucket in _layout(storage.getIndex("outlet")._unindex)
        ]
        assert len(buckets) > 5
        if change == "split":
            # every record id of one bucket's range: ten times as many items
            low, high = buckets[2].minKey(), buckets[2].maxKey()
            changes = {
                rid: {"outlet": "sudinfo", "themes": []} for rid in range(low, high)
            }
        else:
            bucket = buckets[2] if change == "middle emptied" else buckets[-1]
            changes = dict.fromkeys(bucket.keys())
        apply(storage, changes)
        writer_tm.commit()
        reader_tm.begin()
        forward = seen.getIndex("outlet")._unindex
        layout = [key for key, _bucket in _layout(forward)]
        assert len(layout) != len(buckets)
        refreshed = table.refreshed(Catalog(seen), revisions(seen))
        assert list(zip(*refreshed.layouts["outlet"], strict=True)) == layout
        assert contents(refreshed) == contents(FacetTable.read(Catalog(seen), NAMES))


@pytest.mark.parametrize("how", ["log", "revisions"])
def test_a_table_goes_back_to_an_older_view(database, how):
    """A table made by a connection that saw a bucket split is refreshed by
    a connection whose transaction began before the split (two requests of
    one Zope process, say): it becomes the table of that older view."""
    with two_connections(database) as (writer_tm, writer, reader_tm, reader):
        writer_tm.begin()
        storage = writer.root()["older"] = Storage()
        spread(storage)
        writer_tm.commit()
        reader_tm.begin()  # the reader's view: before the split
        seen = reader.root()["older"]
        before = revisions(seen)
        buckets = [
            bucket for _key, bucket in _layout(storage.getIndex("outlet")._unindex)
        ]
        low, high = buckets[2].minKey(), buckets[2].maxKey()
        apply(
            storage,
            {rid: {"outlet": "sudinfo", "themes": []} for rid in range(low, high)},
        )
        writer_tm.commit()
        table = FacetTable.read(Catalog(storage), NAMES, revisions(storage))
        if how == "revisions":
            table = scanning(table)
        older = table.refreshed(Catalog(seen), before)
        assert contents(older) == contents(FacetTable.read(Catalog(seen), NAMES))
        assert list(zip(*older.layouts["outlet"], strict=True)) == [
            key for key, _bucket in _layout(seen.getIndex("outlet")._unindex)
        ]
