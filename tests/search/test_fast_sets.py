"""The fast path's set operations answer as BTrees' own: the intersection
that looks a small set up in a large one instead of walking both, and the
text's scores of a result, best first, looked up (in the BTree or in numpy
arrays kept with the scores) and sorted by numpy rather than by
``byValue``."""

from BTrees.IIBTree import IIBucket
from BTrees.IIBTree import IISet
from BTrees.IIBTree import IITreeSet
from BTrees.IIBTree import intersection
from BTrees.IIBTree import weightedIntersection
from functools import reduce
from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st
from imio.pressbook.search.fast import _by_score
from imio.pressbook.search.fast import _intersection
from imio.pressbook.search.fast import _scored
from imio.pressbook.search.fast import LOOK_UP_BELOW
from imio.pressbook.search.fast import Ranked

import os


SETTINGS = settings(
    max_examples=40 if os.environ.get("CI") else 100,
    deadline=None,
    derandomize=bool(os.environ.get("CI")),
)
# a large set and small ones: the small ones are looked up in the large one
LARGE = st.sets(st.integers(0, 3000), min_size=LOOK_UP_BELOW * 8, max_size=2000)
SMALL = st.sets(st.integers(0, 3000), max_size=40)


@SETTINGS
@given(
    large=LARGE,
    small=st.lists(SMALL, min_size=1, max_size=3),
    tree=st.booleans(),
)
def test_the_intersection_is_that_of_btrees(large, small, tree):
    sets = [IITreeSet(large) if tree else IISet(large)]
    sets += [IISet(each) for each in small]
    expected = reduce(intersection, sets)
    assert list(_intersection(sets)) == list(expected)


@SETTINGS
@given(
    scores=st.dictionaries(
        st.integers(0, 5000),
        # few scores: many ties, and a negative one now and then
        st.integers(-2, 6),
        min_size=1,
        max_size=1500,
    ),
    picked=st.sets(st.integers(0, 5000), max_size=300),
    kept=st.booleans(),
)
def test_the_scores_come_as_by_value_gives_them(scores, picked, kept):
    scores = IIBucket(scores)
    result = IISet(picked)
    _weight, scored = weightedIntersection(scores, result, 1, 0)
    assert _by_score(scores, result, kept) == scored.byValue(0)
    # a result as large as the scores: they are walked
    assert _by_score(scores, IISet(scores.keys()), kept) == scores.byValue(0)


class SmallTop(Ranked):
    TOP = 3  # the partition's path, with few items


@SETTINGS
@given(
    scores=st.dictionaries(
        # ZCatalog's record ids are signed 32-bit integers
        st.integers(-(2**31), 2**31 - 1),
        st.integers(-2, 6),
        min_size=1,
        max_size=300,
    ),
    kept=st.booleans(),
    top=st.booleans(),
    data=st.data(),
)
def test_the_ranked_pairs_are_those_by_score_however_read(scores, kept, top, data):
    scores = IIBucket(scores)
    result = IISet(data.draw(st.sets(st.sampled_from(list(scores.keys())))))
    expected = _by_score(scores, result, kept)
    ranked = (SmallTop if top else Ranked)(*_scored(scores, result, kept))
    assert len(ranked) == len(expected)
    # read in any order: the first items (the partition), then any other
    order = data.draw(st.permutations(range(len(expected))))
    assert [ranked[index] for index in order] == [expected[index] for index in order]
    assert ranked[:] == expected
    if expected:
        assert ranked[-1] == expected[-1]
