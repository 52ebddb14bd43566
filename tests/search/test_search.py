"""The search engine of the press section: filters, facet counts checked
against a brute-force count over the same items, for visitors and editors."""

from collections import Counter
from datetime import date
from imio.pressbook.question_status import question_status
from imio.pressbook.search import InvalidParameter
from imio.pressbook.search import parse_criteria
from imio.pressbook.search import search
from plone import api
from plone.app.testing import logout

import pytest


OUTLETS = ["le-soir", "la-libre", "l-avenir"]
ASSEMBLIES = ["parlement-wallonie", "chambre"]


@pytest.fixture
def book(portal):
    """24 articles and 16 questions over four years, a quarter of them private."""
    with api.env.adopt_roles(["Manager"]):
        book = api.content.create(
            portal, "imio.pressbook.PressBook", id="medias", title="Dans les médias"
        )
        api.content.transition(book, "publish")
        for number in range(24):
            article = api.content.create(
                book,
                "imio.pressbook.PressArticle",
                id=f"article-{number}",
                title=f"Article {number} mutualisation"
                if number % 3 == 0
                else f"Article {number}",
                publication_date=date(
                    2020 + number % 4, 1 + number % 12, 1 + number % 28
                ),
                outlet=OUTLETS[number % 3],
            )
            if number % 4:
                api.content.transition(article, "publish")
        for number in range(16):
            question = api.content.create(
                book,
                "imio.pressbook.ParliamentaryQuestion",
                id=f"question-{number}",
                title=f"Question {number}",
                assembly=ASSEMBLIES[number % 2],
                question_type="written" if number % 3 else "oral",
                question_date=date(2020 + number % 4, 3, 1),
                asked_by="DUPONT Jean-Marc",
                addressed_to="FURLAN Paul",
                answers=[
                    {
                        "date": date(2024, 5, 1),
                        "answered_by": "",
                        "kind": "final",
                        "text": "",
                    }
                ]
                if number % 2
                else [],
            )
            if number % 4:
                api.content.transition(question, "publish")
    return book


def visible_items(book):
    """What the current user may see, by the object's own security, one by one."""
    from AccessControl import getSecurityManager

    checker = getSecurityManager().checkPermission
    return [obj for obj in book.objectValues() if checker("View", obj)]


def brute_force_facets(items):
    def year(obj):
        day = getattr(obj, "publication_date", None) or obj.question_date
        return day.year

    return {
        "portal_type": Counter(obj.portal_type for obj in items),
        "year": Counter(year(obj) for obj in items),
        "outlet": Counter(obj.outlet for obj in items if getattr(obj, "outlet", None)),
        "assembly": Counter(
            obj.assembly for obj in items if getattr(obj, "assembly", None)
        ),
        "question_type": Counter(
            obj.question_type for obj in items if getattr(obj, "question_type", None)
        ),
        # overdue: also awaiting, derived from the assembly's deadline
        "answer_status": Counter(
            obj.answer_status for obj in items if hasattr(obj, "answer_status")
        )
        + Counter("overdue" for obj in items if question_status(obj) == "overdue"),
    }


def run(book, **form):
    return search(book, parse_criteria(book, form))


@pytest.mark.parametrize("user", ["editor", "anonymous"])
def test_unfiltered_counts_match_brute_force(book, user):
    if user == "anonymous":
        logout()
    items = visible_items(book)
    result = run(book)
    assert result.total == len(items)
    assert result.total == (40 if user == "editor" else 30)
    expected = brute_force_facets(items)
    for parameter, counts in expected.items():
        assert result.facets[parameter] == dict(counts), parameter


@pytest.mark.parametrize("user", ["editor", "anonymous"])
def test_filtered_counts_match_brute_force(book, user):
    if user == "anonymous":
        logout()
    result = run(book, outlet="la-libre", year="2021")
    items = [
        obj
        for obj in visible_items(book)
        if getattr(obj, "outlet", None) == "la-libre"
        and obj.publication_date.year == 2021
    ]
    assert result.total == len(items) > 0
    assert sorted(brain.getId for brain in result.brains) == sorted(
        obj.getId() for obj in items
    )
    # an active facet counts its other values as if it were not set
    same_year = [
        obj
        for obj in visible_items(book)
        if getattr(obj, "outlet", None) and obj.publication_date.year == 2021
    ]
    assert result.facets["outlet"] == dict(Counter(obj.outlet for obj in same_year))


def test_several_values_of_one_filter_are_alternatives(book):
    result = run(
        book, assembly=["chambre", "parlement-wallonie"], answer_status="awaiting"
    )
    assert result.total == 8
    assert {brain.answer_status for brain in result.brains} == {"awaiting"}


def test_date_range_and_text(book):
    result = run(
        book, start="2021-01-01", end="2021-12-31", SearchableText="mutualisation"
    )
    ids = sorted(brain.getId for brain in result.brains)
    expected = sorted(
        f"article-{number}"
        for number in range(24)
        if number % 3 == 0 and 2020 + number % 4 == 2021
    )
    assert ids == expected


def test_newest_first_and_batching(book):
    result = run(book, b_size="7", b_start="7")
    dates = [brain.pressbook_date for brain in result.brains]
    assert len(dates) == 7
    assert dates == sorted(dates, reverse=True)
    everything = [brain.getId for brain in run(book, b_size="100").brains]
    assert [brain.getId for brain in result.brains] == everything[7:14]
    last = run(book, b_size="7", b_start="35")
    assert len(list(last.brains)) == 5


def test_sort_on_title(book):
    result = run(
        book,
        sort_on="title",
        sort_order="ascending",
        portal_type="imio.pressbook.ParliamentaryQuestion",
        b_size="100",
    )
    # Plone's sortable_title orders numbers naturally
    assert [brain.Title for brain in result.brains] == [
        f"Question {n}" for n in range(16)
    ]


@pytest.mark.parametrize(
    "form,parameter",
    [
        ({"outlet": "no-such-outlet"}, "outlet"),
        ({"assembly": "nowhere"}, "assembly"),
        ({"question_type": "shouted"}, "question_type"),
        ({"answer_status": "maybe"}, "answer_status"),
        ({"portal_type": "Document"}, "portal_type"),
        ({"year": "twenty"}, "year"),
        ({"year": "99999"}, "year"),
        ({"start": "2015-13-45"}, "start"),
        ({"end": "yesterday"}, "end"),
        ({"start": "2016-01-01", "end": "2015-01-01"}, "end"),
        ({"b_size": "1000"}, "b_size"),
        ({"b_size": "0"}, "b_size"),
        ({"b_start": "-1"}, "b_start"),
        ({"b_start": "x"}, "b_start"),
        ({"sort_on": "modified"}, "sort_on"),
        ({"sort_order": "up"}, "sort_order"),
        ({"SearchableText": "x" * 201}, "SearchableText"),
        ({"sort_on": ["date", "title"]}, "sort_on"),
    ],
)
def test_bad_parameter_is_named(book, form, parameter):
    with pytest.raises(InvalidParameter) as raised:
        parse_criteria(book, form)
    assert raised.value.parameter == parameter


# several filters at once: each facet counts as if its own filter were not set


def matches(obj, year=None, outlet=None, text=None):
    day = getattr(obj, "publication_date", None) or obj.question_date
    return (
        (year is None or day.year == year)
        and (outlet is None or getattr(obj, "outlet", None) == outlet)
        and (text is None or text in obj.Title())
    )


@pytest.mark.parametrize("user", ["editor", "anonymous"])
def test_two_filters_and_a_text_count_as_brute_force(book, user):
    if user == "anonymous":
        logout()
    result = run(book, outlet="le-soir", year="2021", SearchableText="mutualisation")
    items = visible_items(book)
    found = [
        obj
        for obj in items
        if matches(obj, year=2021, outlet="le-soir", text="mutualisation")
    ]
    assert result.total == len(found) > 0
    assert sorted(brain.getId for brain in result.brains) == sorted(
        obj.getId() for obj in found
    )
    without_outlet = [
        obj for obj in items if matches(obj, year=2021, text="mutualisation")
    ]
    without_year = [
        obj for obj in items if matches(obj, outlet="le-soir", text="mutualisation")
    ]
    assert result.facets["outlet"] == brute_force_facets(without_outlet)["outlet"]
    assert result.facets["year"] == brute_force_facets(without_year)["year"]
    for parameter in ("portal_type", "assembly", "question_type", "answer_status"):
        assert result.facets[parameter] == brute_force_facets(found)[parameter]


def test_relevance_order_is_the_catalogs(book):
    # the text's scores order the result, as the catalog orders a text query
    catalog = api.portal.get_tool("portal_catalog")
    result = run(book, SearchableText="mutualisation", year=["2021", "2023"])
    expected = catalog.searchResults(
        path="/".join(book.getPhysicalPath()),
        portal_type=["imio.pressbook.PressArticle"],
        pressbook_text="mutualisation*",
        pressbook_year=[2021, 2023],
    )
    assert len(expected) == result.total > 1
    assert [brain.getRID() for brain in result.brains] == [
        brain.getRID() for brain in expected
    ]
    scores = [brain.data_record_score_ for brain in result.brains]
    assert scores == sorted(scores, reverse=True)


@pytest.mark.parametrize(
    "sort_on,index", [("date", "pressbook_date"), ("title", "sortable_title")]
)
@pytest.mark.parametrize("sort_order", ["ascending", "descending"])
def test_first_and_later_pages_follow_the_sort_index(book, sort_on, index, sort_order):
    # the first pages of a large result walk the sort index; later ones are
    # sorted by the catalog: both in the index's order, ties by record id
    catalog = api.portal.get_tool("portal_catalog")
    keys = catalog._catalog.getIndex(index).documentToKeyMap()
    everything = run(book, b_size="100", sort_on=sort_on, sort_order=sort_order)
    rids = sorted(
        (brain.getRID() for brain in everything.brains),
        key=lambda rid: (keys[rid], rid),
        reverse=sort_order == "descending",
    )
    assert len(rids) == 40
    for b_start, b_size in ((0, 1), (1, 1), (0, 2), (2, 2), (7, 7), (35, 10)):
        result = run(
            book,
            b_start=str(b_start),
            b_size=str(b_size),
            sort_on=sort_on,
            sort_order=sort_order,
        )
        page = [brain.getRID() for brain in result.brains]
        expected = rids[b_start : b_start + b_size]
        assert [keys[rid] for rid in page] == [keys[rid] for rid in expected]
        assert result.brains.actual_result_count == 40
        if b_start + b_size <= 2:  # walked: exactly the index's order
            assert page == expected
