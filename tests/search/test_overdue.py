"""A question awaiting its answer past its assembly's deadline is overdue:
derived when asked (nothing stored), filtered on and counted by both search
engines, and following the deadlines of the Presse control panel at once."""

from datetime import date
from datetime import timedelta
from imio.pressbook.question_status import answer_deadlines
from imio.pressbook.question_status import answer_due_date
from imio.pressbook.question_status import question_status
from imio.pressbook.search import engine
from imio.pressbook.search import fast
from imio.pressbook.search import parse_criteria
from plone import api

import pytest


QUESTION = "imio.pressbook.ParliamentaryQuestion"
# answered yesterday: never after the day the tests run, even past midnight
FINAL = {
    "date": date.today() - timedelta(days=1),
    "answered_by": "",
    "kind": "final",
    "text": "",
}
HOLDING = dict(FINAL, kind="holding")
# id -> (assembly, type, days since asked, answers, overdue?)
# the Parliament of Wallonia answers within 28 days, the Chamber has no deadline
QUESTIONS = {
    "late": ("parlement-wallonie", "written", 29, [], True),
    "due-today": ("parlement-wallonie", "written", 28, [], False),
    "recent": ("parlement-wallonie", "written", 3, [], False),
    "late-holding-answer": ("parlement-wallonie", "written", 60, [HOLDING], True),
    "late-but-answered": ("parlement-wallonie", "written", 60, [FINAL], False),
    "oral": ("parlement-wallonie", "oral", 60, [], False),
    "no-deadline": ("chambre", "written", 400, [], False),
}


@pytest.fixture
def book(portal):
    # the day the test runs (not the day the module was collected: a run
    # that goes past midnight would find "due-today" overdue)
    today = date.today()
    with api.env.adopt_roles(["Manager"]):
        book = api.content.create(
            portal, "imio.pressbook.PressBook", id="medias", title="Dans les médias"
        )
        for id, (assembly, kind, days, answers, _late) in QUESTIONS.items():
            api.content.create(
                book,
                QUESTION,
                id=id,
                title=id,
                assembly=assembly,
                question_type=kind,
                question_date=today - timedelta(days=days),
                asked_by="DUPONT Jean-Marc",
                addressed_to="FURLAN Paul",
                answers=answers,
            )
        api.content.create(
            book,
            "imio.pressbook.PressArticle",
            id="article",
            title="Article",
            publication_date=today - timedelta(days=90),
            outlet="le-soir",
        )
    return book


def overdue_ids():
    return {id for id, row in QUESTIONS.items() if row[-1]}


def test_the_rule_on_objects_and_brains(book):
    catalog = api.portal.get_tool("portal_catalog")
    for id, (_a, _t, _d, answers, late) in QUESTIONS.items():
        expected = (
            "overdue" if late else ("answered" if answers == [FINAL] else "awaiting")
        )
        assert question_status(book[id]) == expected, id
        [brain] = catalog(getId=id)
        assert question_status(brain) == expected, id
    assert question_status(book["article"]) is None


def test_the_due_date_is_the_question_date_plus_the_deadline(book):
    deadlines = answer_deadlines(book)
    assert deadlines == {"parlement-wallonie": 28, "parlement-europeen": 42}
    assert answer_due_date(
        "parlement-wallonie", "written", date(2015, 7, 10), deadlines
    ) == date(2015, 8, 7)
    assert answer_due_date("chambre", "written", date(2015, 7, 10), deadlines) is None
    assert (
        answer_due_date("parlement-wallonie", "oral", date(2015, 7, 10), deadlines)
        is None
    )


@pytest.mark.parametrize("search", [engine.search, fast.search])
def test_overdue_is_a_filter_and_a_facet_value(book, search):
    result = search(book, parse_criteria(book, {"answer_status": "overdue"}))
    assert {brain.getId for brain in result.brains} == overdue_ids()
    assert result.total == 2
    # counted as if the filter were not set: overdue questions await too
    assert result.facets["answer_status"] == {
        "awaiting": 6,
        "answered": 1,
        "overdue": 2,
    }
    # the other facets count the overdue questions only
    assert result.facets["question_type"] == {"written": 2}
    everything = search(book, parse_criteria(book, {}))
    assert everything.facets["answer_status"]["overdue"] == 2
    either = search(
        book, parse_criteria(book, {"answer_status": ["overdue", "answered"]})
    )
    assert {brain.getId for brain in either.brains} == overdue_ids() | {
        "late-but-answered"
    }


@pytest.mark.parametrize("search", [engine.search, fast.search])
def test_a_new_deadline_counts_at_once_without_reindexing(book, search):
    rows = api.portal.get_registry_record("imio.pressbook.assemblies")
    rows = [
        dict(row, answer_deadline=365 if row["token"] == "chambre" else None)
        for row in rows
    ]
    api.portal.set_registry_record("imio.pressbook.assemblies", rows)
    result = search(book, parse_criteria(book, {"answer_status": "overdue"}))
    assert {brain.getId for brain in result.brains} == {"no-deadline"}
    assert question_status(book["late"]) == "awaiting"


@pytest.mark.parametrize("search", [engine.search, fast.search])
def test_overdue_with_a_date_range_and_a_text(book, search):
    start = (date.today() - timedelta(days=40)).isoformat()
    result = search(
        book,
        parse_criteria(
            book,
            {"answer_status": "overdue", "start": start, "SearchableText": "late"},
        ),
    )
    assert [brain.getId for brain in result.brains] == ["late"]


@pytest.mark.parametrize("search", [engine.search, fast.search])
def test_no_overdue_question_found_is_an_empty_result(book, search):
    result = search(
        book,
        parse_criteria(book, {"answer_status": "overdue", "assembly": "chambre"}),
    )
    assert result.total == 0
    assert list(result.brains) == []
    assert result.facets["assembly"] == {"parlement-wallonie": 2}
