"""The statistics' fast path (``fast.statistics``) answers as the reference
(``statistics.reference_statistics``, one catalog query per value) does: the
same total, counts and answer delays, for random content, criteria and
users, before and after edits not committed yet, then committed.

Random each run on a developer's machine; CI (``CI`` set) runs the same
examples every time."""

from datetime import date
from datetime import timedelta
from hypothesis import given
from hypothesis import HealthCheck
from hypothesis import Phase
from hypothesis import settings
from hypothesis import strategies as st
from imio.pressbook.search import fast
from imio.pressbook.search import parse_criteria
from imio.pressbook.search.statistics import reference_statistics
from itertools import count
from plone import api
from plone.app.testing import login
from plone.app.testing import logout
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from plone.app.testing import TEST_USER_NAME

import os
import pytest
import transaction


ARTICLE = "imio.pressbook.PressArticle"
QUESTION = "imio.pressbook.ParliamentaryQuestion"
THEMES = ["informatique", "logiciels-libres", "securite-informatique", "tutelle"]
MEMBERS = ["DUPONT Jean-Marc", "MARTIN Anne", "=SOMME(A1)"]
GROUPS = ["MR", "PS", ""]
MINISTERS = ["FURLAN Paul", "DE CROO Alexander"]
ROLES = ["Ministre des Pouvoirs locaux", "Premier ministre", ""]

SETTINGS = settings(
    max_examples=6,
    phases=[Phase.explicit, Phase.generate] if os.environ.get("CI") else list(Phase),
    deadline=None,
    derandomize=bool(os.environ.get("CI")),
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

items = st.fixed_dictionaries(
    {
        "question": st.booleans(),
        "day": st.dates(date(2022, 1, 1), date(2024, 12, 31)),
        "outlet": st.sampled_from(["le-soir", "la-libre", "vivacite"]),
        "assembly": st.sampled_from(["parlement-wallonie", "chambre"]),
        "asked_by": st.sampled_from(MEMBERS),
        "asked_by_group": st.sampled_from(GROUPS),
        "addressed_to": st.sampled_from(MINISTERS),
        "addressee_role": st.sampled_from(ROLES),
        # (days after the question, kind)
        "answers": st.lists(
            st.tuples(st.integers(0, 120), st.sampled_from(["final", "holding"])),
            max_size=2,
        ),
        "themes": st.lists(st.sampled_from(THEMES), max_size=2, unique=True),
        "published": st.booleans(),
    }
)


def subset(values):
    return st.lists(st.sampled_from(values), max_size=2, unique=True)


forms = st.fixed_dictionaries(
    {},
    optional={
        "portal_type": subset([ARTICLE, QUESTION]),
        "year": subset(["2022", "2023", "2024"]),
        "outlet": subset(["le-soir", "vivacite"]),
        "themes": subset(THEMES),
        "assembly": subset(["parlement-wallonie", "chambre"]),
        "answer_status": subset(["answered", "awaiting"]),
        "start": st.sampled_from(["2023-01-01", "2023-06-15"]),
    },
)
USERS = ["anonymous", "editor"]
checks = st.lists(st.tuples(st.sampled_from(USERS), forms), min_size=3, max_size=3)
_sections = count()


@pytest.fixture
def site(functional):
    portal = functional["portal"]
    portal.acl_users.userFolderAddUser("editor", "secret", ["Member", "Editor"], [])
    setRoles(portal, TEST_USER_ID, ["Manager"])
    transaction.commit()
    return portal


def add_item(book, item_id, item):
    common = {"id": item_id, "title": f"Élément {item_id}", "themes": item["themes"]}
    if item["question"]:
        obj = api.content.create(
            book,
            QUESTION,
            question_date=item["day"],
            assembly=item["assembly"],
            asked_by=item["asked_by"],
            asked_by_group=item["asked_by_group"],
            addressed_to=item["addressed_to"],
            addressee_role=item["addressee_role"],
            answers=[
                {
                    "date": item["day"] + timedelta(days=days),
                    "kind": kind,
                    "answered_by": "",
                    "text": "",
                }
                for days, kind in item["answers"]
            ],
            **common,
        )
    else:
        obj = api.content.create(
            book, ARTICLE, publication_date=item["day"], outlet=item["outlet"], **common
        )
    if item["published"]:
        api.content.transition(obj, "publish")
    return obj


def make_section(portal, drawn):
    login(portal, TEST_USER_NAME)
    book = api.content.create(
        portal, "imio.pressbook.PressBook", id=f"medias-{next(_sections)}", title="M"
    )
    api.content.transition(book, "publish")
    for number, item in enumerate(drawn):
        add_item(book, f"item-{number}", item)
    transaction.commit()
    return book


def assert_same(book, portal, searches):
    for user, form in searches:
        if user == "anonymous":
            logout()
        else:
            login(portal, user)
        try:
            criteria = parse_criteria(book, form)
            expected = reference_statistics(book, criteria)
            found = fast.statistics(book, criteria)
        finally:
            login(portal, TEST_USER_NAME)
        assert found == expected, (user, form)


@SETTINGS
@given(content=st.lists(items, min_size=3, max_size=12), searches=checks)
def test_the_fast_statistics_equal_the_reference(site, content, searches):
    book = make_section(site, content)
    assert_same(book, site, searches)


@SETTINGS
@given(content=st.lists(items, min_size=3, max_size=8), new=items, searches=checks)
def test_the_fast_statistics_follow_edits(site, content, new, searches):
    book = make_section(site, content)
    assert_same(book, site, searches[:1])  # fills the fast path's caches
    add_item(book, f"added-{next(_sections)}", new)
    first = book.objectValues()[0]
    if first.portal_type == QUESTION:
        first.addressed_to = new["addressed_to"]
        first.answers = [{"date": first.question_date, "kind": "final", "text": ""}]
    else:
        first.outlet = new["outlet"]
    first.reindexObject()
    # not committed yet
    assert_same(book, site, searches[1:2])
    transaction.commit()
    assert_same(book, site, searches)
