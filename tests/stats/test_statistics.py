"""The statistics of the press section equal the brute force (the objects
walked in the test), for a visitor and an editor, with the fast path and
with the reference; answer delays as computed by hand; the filters are
honoured."""

from imio.pressbook import search
from imio.pressbook.search import parse_criteria
from imio.pressbook.search.statistics import median
from imio.pressbook.search.statistics import percentile
from imio.pressbook.search.statistics import summary
from plone import api
from plone.app.testing import login
from plone.app.testing import logout
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from plone.app.testing import TEST_USER_NAME

import pytest


USERS = pytest.mark.parametrize("user", ["anonymous", "editor"])
ENGINES = pytest.mark.parametrize("fast", [True, False], ids=["fast", "reference"])


def as_user(portal, user):
    if user == "anonymous":
        logout()
    else:
        setRoles(portal, TEST_USER_ID, ["Editor"])
        login(portal, TEST_USER_NAME)


def statistics(book, fast, **form):
    api.portal.set_registry_record("imio.pressbook.fast_search", fast)
    return search.count_statistics(book, parse_criteria(book, form))


@USERS
@ENGINES
def test_counts_equal_the_brute_force(brute, portal, book, user, fast):
    as_user(portal, user)
    objects = brute.items(book)
    found = statistics(book, fast)
    assert found.total == len(objects)
    assert found.counts == brute.counts(objects)


@USERS
def test_the_editor_counts_private_items_the_visitor_does_not(portal, book, user):
    as_user(portal, user)
    found = statistics(book, True)
    if user == "anonymous":
        assert found.total == 10
        assert "vivacite" not in found.counts["outlet"]
        assert "Ecolo" not in found.counts["asked_by_group"]
    else:
        assert found.total == 13
        assert found.counts["outlet"]["vivacite"] == 1
        assert found.counts["asked_by_group"]["Ecolo"] == 1


@ENGINES
def test_a_parent_theme_counts_its_children_once(portal, book, fast):
    logout()
    counts = statistics(book, fast).counts["themes"]
    # a1 (logiciels-libres), a2 (both children), a3 (itself), q2, q4, q6:
    # a2 once although filed under two of its children
    assert counts["informatique"] == 6
    assert counts["logiciels-libres"] == 3
    assert counts["securite-informatique"] == 2
    # q1 and q2 (also under informatique)
    assert counts["pouvoirs-locaux"] == counts["tutelle"] == 2


@ENGINES
def test_answer_delays_by_hand_for_a_visitor(portal, book, fast):
    logout()
    delays = statistics(book, fast).delays
    # q1 10 days, q2 30 (after a holding answer), q3 7 (its first answer),
    # q6 2, q7 20; q4 has a holding answer only: no delay
    assert delays["all"] == {None: [2, 7, 10, 20, 30]}
    assert delays["addressed_to"] == {
        "FURLAN Paul": [10, 20, 30],
        "DE CROO Alexander": [2, 7],
    }
    assert delays["assembly"] == {
        "parlement-wallonie": [10, 20, 30],
        "chambre": [2, 7],
    }
    furlan = summary(delays["addressed_to"]["FURLAN Paul"])
    assert (furlan.count, furlan.median, furlan.percentile_90) == (3, 20, 30)
    de_croo = summary(delays["addressed_to"]["DE CROO Alexander"])
    assert (de_croo.count, de_croo.median, de_croo.percentile_90) == (2, 4.5, 7)
    every = summary(delays["all"][None])
    assert (every.median, every.percentile_90) == (10, 30)


@ENGINES
def test_answer_delays_by_hand_for_an_editor(portal, book, fast):
    as_user(portal, "editor")
    delays = statistics(book, fast).delays
    # q5, private: 60 days
    assert delays["addressed_to"]["FURLAN Paul"] == [10, 20, 30, 60]
    furlan = summary(delays["addressed_to"]["FURLAN Paul"])
    assert (furlan.median, furlan.percentile_90) == (25, 60)
    every = summary(delays["all"][None])
    assert (every.count, every.median, every.percentile_90) == (6, 15, 60)


def test_median_and_percentile():
    assert median([3]) == 3
    assert median([1, 2, 10]) == 2
    assert median([1, 2, 3, 10]) == 2.5
    # nearest rank: the 9th of 10, the 10th of 11
    assert percentile(list(range(1, 11)), 0.9) == 9
    assert percentile(list(range(1, 12)), 0.9) == 10
    assert percentile([5], 0.9) == 5
    assert summary([]) is None


@USERS
@ENGINES
@pytest.mark.parametrize(
    "form, only",
    [
        ({"outlet": "le-soir"}, {"outlet": "le-soir"}),
        ({"assembly": "chambre"}, {"assembly": "chambre"}),
        (
            {"portal_type": "imio.pressbook.ParliamentaryQuestion"},
            {"portal_type": "imio.pressbook.ParliamentaryQuestion"},
        ),
    ],
)
def test_filters_are_honoured(brute, portal, book, user, fast, form, only):
    as_user(portal, user)
    objects = brute.items(book, **only)
    found = statistics(book, fast, **form)
    assert found.total == len(objects)
    assert found.counts == brute.counts(objects)


@USERS
@ENGINES
def test_date_range_and_theme_filters(brute, portal, book, user, fast):
    as_user(portal, user)
    objects = [
        obj
        for obj in brute.items(book)
        if "2024-01-01"
        <= str(getattr(obj, "publication_date", None) or obj.question_date)
        <= "2024-02-29"
    ]
    found = statistics(book, fast, start="2024-01-01", end="2024-02-29")
    assert found.counts == brute.counts(objects)
    assert set(found.counts["month"]) == {"2024-01", "2024-02"}

    # under informatique, their other themes counted too: q2's tutelle
    # (a6's, not under informatique, is not)
    under = [
        obj
        for obj in brute.items(book)
        if set(obj.themes or ())
        & {"informatique", "logiciels-libres", "securite-informatique"}
    ]
    found = statistics(book, fast, themes="informatique")
    assert found.total == len(under) == 6
    assert found.counts == brute.counts(under)
    assert found.counts["themes"]["tutelle"] == 1
