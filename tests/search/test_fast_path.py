"""The fast search answers as the reference engine (engine.py) does: the same
items in the same order, the same total and the same facet counts, for random
criteria, random users and random content, before and after edits that are
not committed yet, written to a savepoint, then committed. The answer status
``overdue``, derived when searching, is among the criteria, with questions
asked on both sides of their assembly's deadline.

Random each run on a developer's machine; CI (``CI`` set) runs the same
examples every time, so that a red run is one anybody can reproduce.
"""

from DateTime import DateTime
from datetime import date
from datetime import timedelta
from hypothesis import given
from hypothesis import HealthCheck
from hypothesis import Phase
from hypothesis import settings
from hypothesis import strategies as st
from imio.pressbook import search
from imio.pressbook.search import engine
from imio.pressbook.search import fast
from imio.pressbook.search import parse_criteria
from itertools import count
from plone import api
from plone.app.testing import login
from plone.app.testing import logout
from plone.app.testing import setRoles
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import TEST_USER_ID
from plone.app.testing import TEST_USER_NAME

import os
import pytest
import transaction


ARTICLE = "imio.pressbook.PressArticle"
QUESTION = "imio.pressbook.ParliamentaryQuestion"
OUTLETS = ["le-soir", "la-libre", "l-avenir", "vivacite"]
# answer deadlines of the shipped assemblies: 28 days, none, 42 days
ASSEMBLIES = ["parlement-wallonie", "chambre", "parlement-europeen"]
TODAY = date.today()
QUESTION_TYPES = ["written", "oral"]
# parents and children of the shipped taxonomy
THEMES = [
    "informatique",
    "logiciels-libres",
    "securite-informatique",
    "pouvoirs-locaux",
    "tutelle",
]
WORDS = ["guichet", "guichets", "école", "ecoles", "budget", "mutualisation"]
SUBJECTS = ["IMIO", "CPAS"]
YEARS = [2019, 2020, 2021, 2022]
USERS = ["anonymous", "member", "editor", "manager"]

SETTINGS = settings(
    max_examples=8,
    # each example builds a press section: no time for shrinking in CI
    phases=[Phase.explicit, Phase.generate] if os.environ.get("CI") else list(Phase),
    deadline=None,
    derandomize=bool(os.environ.get("CI")),
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

items = st.fixed_dictionaries(
    {
        "question": st.booleans(),
        "day": st.one_of(
            st.dates(date(YEARS[0], 1, 1), date(YEARS[-1], 12, 31)),
            # around the deadlines: overdue or not yet
            st.integers(0, 60).map(lambda days: TODAY - timedelta(days=days)),
            st.sampled_from([27, 28, 29, 41, 42, 43]).map(
                lambda days: TODAY - timedelta(days=days)
            ),
        ),
        "outlet": st.sampled_from(OUTLETS),
        "assembly": st.sampled_from(ASSEMBLIES),
        "question_type": st.sampled_from(QUESTION_TYPES),
        "answered": st.booleans(),
        "themes": st.lists(st.sampled_from(THEMES), max_size=3, unique=True),
        "subjects": st.lists(st.sampled_from(SUBJECTS), max_size=2, unique=True),
        "words": st.lists(st.sampled_from(WORDS), min_size=1, max_size=3),
        # published, private, published but expired, published from next year
        "state": st.sampled_from(["published", "private", "expired", "future"]),
    }
)


def subset(values):
    return st.lists(st.sampled_from(values), max_size=2, unique=True)


criteria = st.fixed_dictionaries(
    {},
    optional={
        "portal_type": subset([ARTICLE, QUESTION]),
        "year": subset([str(year) for year in YEARS]),
        "start": st.dates(date(YEARS[0], 1, 1), date(YEARS[-1], 12, 31)),
        "outlet": subset(OUTLETS),
        "outlet_kind": subset(["daily", "radio", "tv"]),
        "themes": subset(THEMES),
        "assembly": subset(ASSEMBLIES),
        "question_type": subset(QUESTION_TYPES),
        "answer_status": subset(["answered", "awaiting", "overdue"]),
        "Subject": subset(SUBJECTS),
        "SearchableText": st.sampled_from(WORDS + ["guich", "Écoles budget"]),
        "sort_on": st.sampled_from(["date", "title", "relevance"]),
        "sort_order": st.sampled_from(["ascending", "descending"]),
        "b_start": st.integers(0, 12),
        "b_size": st.integers(1, 8),
    },
)


@pytest.fixture
def site(functional):
    portal = functional["portal"]
    for name, roles in (("member", ["Member"]), ("editor", ["Member", "Editor"])):
        portal.acl_users.userFolderAddUser(name, "secret", roles, [])
    setRoles(portal, TEST_USER_ID, ["Manager"])
    transaction.commit()
    return portal


_sections = count()


def make_section(portal, drawn):
    login(portal, TEST_USER_NAME)
    book = api.content.create(
        portal,
        "imio.pressbook.PressBook",
        id=f"medias-{next(_sections)}",
        title="Dans les médias",
    )
    api.content.transition(book, "publish")
    for number, item in enumerate(drawn):
        add_item(book, f"item-{number}", item)
    transaction.commit()
    return book


def add_item(book, id, item):
    title = " ".join(item["words"]).capitalize()
    if item["question"]:
        obj = api.content.create(
            book,
            QUESTION,
            id=id,
            title=title,
            assembly=item["assembly"],
            question_type=item["question_type"],
            question_date=item["day"],
            asked_by="DUPONT Jean-Marc",
            addressed_to="FURLAN Paul",
            themes=item["themes"],
            answers=[
                {
                    "date": item["day"],
                    "answered_by": "",
                    "kind": "final",
                    "text": "",
                }
            ]
            if item["answered"]
            else [],
        )
    else:
        obj = api.content.create(
            book,
            ARTICLE,
            id=id,
            title=title,
            publication_date=item["day"],
            outlet=item["outlet"],
            themes=item["themes"],
        )
    obj.setSubject(item["subjects"])
    if item["state"] != "private":
        api.content.transition(obj, "publish")
    if item["state"] == "expired":
        obj.setExpirationDate(DateTime() - 30)
    elif item["state"] == "future":
        obj.setEffectiveDate(DateTime() + 365)
    obj.reindexObject()
    return obj


def become(portal, user):
    if user == "anonymous":
        logout()
    elif user == "manager":
        login(portal.aq_parent, SITE_OWNER_NAME)
    else:
        login(portal, user)


def answer(result):
    """What a search answers, by field: the page's items, total and counts."""
    return {
        "items": [brain.getRID() for brain in result.brains],
        "total": result.total,
        "facets": result.facets,
    }


def form_of(drawn):
    form = {}
    for name, value in drawn.items():
        if name == "start":
            form["start"] = value.isoformat()
            form["end"] = date(value.year + 1, 12, 31).isoformat()
        elif isinstance(value, int):
            form[name] = str(value)
        else:
            form[name] = value
    return form


def assert_same(book, portal, users_and_forms):
    for user, form in users_and_forms:
        become(portal, user)
        try:
            criteria = parse_criteria(book, form)
            expected = answer(engine.search(book, criteria))
            found = answer(fast.search(book, criteria))
        finally:
            login(portal, TEST_USER_NAME)
        assert found == expected, (user, form)


checks = st.lists(
    st.tuples(st.sampled_from(USERS), criteria.map(form_of)), min_size=6, max_size=6
)


@SETTINGS
@given(content=st.lists(items, min_size=3, max_size=14), searches=checks)
def test_the_fast_path_equals_the_reference(site, content, searches):
    book = make_section(site, content)
    assert_same(book, site, searches)


edits = st.sampled_from(
    [
        "outlet",
        "day",
        "themes",
        "retract",
        "publish",
        "delete",
        "add",
        "subjects",
        "answer",
        "words",
    ]
)


def edit(book, kind, item):
    obj = book.objectValues()[0]
    if kind == "add":
        add_item(book, f"added-{next(_sections)}", item)
    elif kind == "delete":
        api.content.delete(obj)
    elif kind == "retract" and api.content.get_state(obj) == "published":
        api.content.transition(obj, "retract")
    elif kind == "publish" and api.content.get_state(obj) != "published":
        api.content.transition(obj, "publish")
    elif kind == "themes":
        obj.themes = item["themes"]
        obj.reindexObject()
    elif kind == "subjects":
        obj.setSubject(item["subjects"])
        obj.reindexObject()
    elif kind == "outlet" and obj.portal_type == ARTICLE:
        obj.outlet = item["outlet"]
        obj.reindexObject()
    elif kind == "answer" and obj.portal_type == QUESTION:
        # answered, or back to awaiting (overdue again if it is late)
        obj.answers = (
            []
            if obj.answers
            else [{"date": TODAY, "answered_by": "", "kind": "final", "text": ""}]
        )
        obj.reindexObject()
    elif kind == "words":
        # the text changes: a text result kept for the last state must not
        # be given again
        obj.title = " ".join(item["words"]).capitalize()
        obj.reindexObject()
    elif kind == "day":
        if obj.portal_type == ARTICLE:
            obj.publication_date = item["day"]
        else:
            obj.question_date = item["day"]
        obj.reindexObject()


@SETTINGS
@given(
    content=st.lists(items, min_size=3, max_size=10),
    kinds=st.lists(edits, min_size=1, max_size=3),
    new=items,
    searches=checks,
)
def test_the_fast_path_follows_edits(site, content, kinds, new, searches):
    book = make_section(site, content)
    assert_same(book, site, searches[:2])  # fills the fast path's caches
    for kind in kinds:
        edit(book, kind, new)
    # not committed yet
    assert_same(book, site, searches[2:4])
    # written to a savepoint: still not committed
    api.portal.get_tool("portal_catalog").getCounter()
    transaction.savepoint()
    assert_same(book, site, searches[4:])
    transaction.commit()
    assert_same(book, site, searches)


# one published article of Le Soir, on a child theme
ARTICLE_ITEM = {
    "question": False,
    "day": date(2020, 1, 1),
    "outlet": "le-soir",
    "assembly": "chambre",
    "question_type": "oral",
    "answered": False,
    "themes": ["tutelle"],
    "subjects": [],
    "words": ["guichets"],
    "state": "published",
}


def test_the_registry_switch_answers_with_the_reference(site):
    book = make_section(site, [ARTICLE_ITEM])
    calls = []
    real = engine.search

    def spy(*args, **kwargs):
        calls.append(args)
        return real(*args, **kwargs)

    criteria = parse_criteria(book, {"themes": ["pouvoirs-locaux"]})
    engine.search = spy
    try:
        assert search.search(book, criteria).total == 1
        assert calls == []
        api.portal.set_registry_record("imio.pressbook.fast_search", False)
        result = search.search(book, criteria)
    finally:
        engine.search = real
    assert len(calls) == 1
    assert result.total == 1
    assert result.facets["themes"] == {"pouvoirs-locaux": 1, "tutelle": 1}


def test_kept_base_sets_follow_committed_edits(site):
    """What each kind of user may see, kept between searches, follows one
    commit after another: an edit of a facet only (the kept set stays
    right), a retraction, a publication, a deletion, an addition. The
    database's log tells the fast path what each commit changed from the
    second commit after the first search on (the first one starts it), and
    each answer is the reference's."""
    drawn = ARTICLE_ITEM
    book = make_section(site, [drawn, {**drawn, "outlet": "la-libre"}, drawn])
    searches = [(user, {}) for user in USERS] + [
        (user, {"outlet": ["le-soir"]}) for user in USERS
    ]
    first, second, third = book.objectValues()
    steps = [
        lambda: (
            setattr(first, "outlet", "vivacite") or first.reindexObject(idxs=["outlet"])
        ),
        lambda: api.content.transition(second, "retract"),
        lambda: api.content.transition(second, "publish"),
        lambda: api.content.delete(third),
        lambda: add_item(book, "added", drawn),
    ]
    assert_same(book, site, searches)  # the log listens from here
    # the first commit it is handed starts it
    api.content.transition(first, "retract")
    transaction.commit()
    assert_same(book, site, searches)
    for step in steps:
        step()
        transaction.commit()
        assert_same(book, site, searches)
