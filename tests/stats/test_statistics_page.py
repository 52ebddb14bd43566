"""The statistics page: every chart an SVG readable without JavaScript
(role="img", <title>, <desc>) with its table beside it, the figures of the
search in French, a CSV per chart; a bad parameter is a 400 naming it."""

from lxml import html
from plone import api
from plone.app.testing import logout

import csv
import io
import pytest


SVG = "{http://www.w3.org/2000/svg}"
CHART_IDS = [
    "month",
    "outlet",
    "outlet_kind",
    "themes",
    "assembly",
    "asked_by",
    "asked_by_group",
    "addressed_to",
    "addressee_role",
    "delays_addressed_to",
    "delays_assembly",
]


def render(book, request, **form):
    request.form.clear()
    request.form.update(form)
    view = api.content.get_view("pressbook-stats", book, request)
    return view()


def page_of(book, request, **form):
    return html.fromstring(render(book, request, **form))


def table(section):
    return [
        [cell.text_content().strip() for cell in row.xpath("th|td")]
        for row in section.cssselect("table tbody tr")
    ]


def test_every_chart_is_an_accessible_svg_with_its_table(book, request_fr):
    logout()
    page = page_of(book, request_fr)
    for chart_id in CHART_IDS:
        section = page.get_element_by_id(f"pressbook-stats-{chart_id}")
        svg = section.xpath(".//*[local-name()='svg']")[0]
        assert svg.get("role") == "img"
        title = svg.xpath("./*[local-name()='title']")[0]
        desc = svg.xpath("./*[local-name()='desc']")[0]
        assert title.text_content().strip() == section.cssselect("h2")[0].text_content()
        assert desc.text_content().strip()
        assert svg.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
        assert section.cssselect("table caption")
        assert section.cssselect("a.pressbook-stats-csv")
    # no script on the page of our own making
    assert not page.cssselect(".pressbook-stats script")


def test_tables_hold_the_brute_force_counts_in_french(brute, book, request_fr):
    logout()
    page = page_of(book, request_fr)
    counts = brute.counts(brute.items(book))
    outlets = table(page.get_element_by_id("pressbook-stats-outlet"))
    assert outlets == [["Le Soir", "2"], ["L'Avenir", "1"], ["La Libre Belgique", "1"]]
    months = table(page.get_element_by_id("pressbook-stats-month"))
    # every month from the first to the last, an empty one included
    assert [label for label, _count in months] == [
        "novembre 2023",
        "décembre 2023",
        "janvier 2024",
        "février 2024",
        "mars 2024",
    ]
    assert sum(int(count) for _label, count in months) == sum(counts["month"].values())
    themes = dict(table(page.get_element_by_id("pressbook-stats-themes")))
    assert themes["Informatique"] == "6"
    delays = table(page.get_element_by_id("pressbook-stats-delays_addressed_to"))
    assert delays == [
        ["FURLAN Paul", "3", "20", "30"],
        ["DE CROO Alexander", "2", "4,5", "7"],
    ]
    text = page.cssselect(".pressbook-stats-delays")[0].text_content()
    assert "médiane 10 jours" in text


def test_a_bad_parameter_is_a_400_naming_it(book, request_fr):
    page = page_of(book, request_fr, year="deux-mille")
    assert request_fr.response.getStatus() == 400
    assert "« year »" in page.cssselect(".pressbook-error")[0].text_content()


def csv_of(book, request, **form):
    request.form.clear()
    request.form.update(form)
    view = api.content.get_view("pressbook-stats.csv", book, request)
    body = view()
    return body, request.response


def test_csv_of_a_chart_for_a_french_spreadsheet(book, request_fr):
    logout()
    body, response = csv_of(book, request_fr, chart="delays_addressed_to")
    assert response.getHeader("Content-Type") == "text/csv; charset=utf-8"
    text = body.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text[1:]), delimiter=";"))
    assert rows[0][0] == "Ministre"
    # decimals with a comma, as a French spreadsheet reads them
    assert rows[1:] == [
        ["FURLAN Paul", "3", "20", "30"],
        ["DE CROO Alexander", "2", "4,5", "7"],
    ]


def test_csv_neutralises_formulas(book, request_fr):
    logout()
    body, _response = csv_of(book, request_fr, chart="asked_by")
    rows = list(csv.reader(io.StringIO(body.decode("utf-8")[1:]), delimiter=";"))
    names = [row[0] for row in rows[1:]]
    assert "'=cmd|' /C calc'!A0" in names
    assert not any(name.startswith("=") for name in names)


def test_csv_of_an_editor_counts_private_questions(portal, book, request_fr):
    from plone.app.testing import login
    from plone.app.testing import setRoles
    from plone.app.testing import TEST_USER_ID
    from plone.app.testing import TEST_USER_NAME

    setRoles(portal, TEST_USER_ID, ["Editor"])
    login(portal, TEST_USER_NAME)
    body, _response = csv_of(book, request_fr, chart="delays_assembly")
    rows = list(csv.reader(io.StringIO(body.decode("utf-8")[1:]), delimiter=";"))
    # parlement-wallonie: 10, 20, 30 and the private 60 -> 25; chambre: 2, 7
    assert rows[1:] == [
        ["Parlement de Wallonie", "4", "25", "60"],
        ["Chambre des représentants de Belgique", "2", "4,5", "7"],
    ]


@pytest.mark.parametrize(
    "form, parameter",
    [({"chart": "nope"}, "chart"), ({"chart": "month", "outlet": "inconnu"}, "outlet")],
)
def test_csv_bad_parameter_is_a_400_naming_it(book, request_fr, form, parameter):
    body, response = csv_of(book, request_fr, **form)
    assert response.getStatus() == 400
    assert body.startswith(f"{parameter}: ")


def test_the_overdue_questions_are_listed_as_question_status_says(book, request_fr):
    """The overdue questions a visitor may see, oldest first, as the status
    of each question (imio.pressbook.question_status) says: brute force."""
    from imio.pressbook.question_status import OVERDUE
    from imio.pressbook.question_status import question_status

    logout()
    expected = sorted(
        (
            obj
            for obj in book.objectValues()
            if api.user.has_permission("View", obj=obj)
            and question_status(obj) == OVERDUE
        ),
        key=lambda obj: obj.question_date,
    )
    page = page_of(book, request_fr)
    section = page.get_element_by_id("pressbook-stats-overdue")
    listed = [link.text_content().strip() for link in section.cssselect("li a")]
    assert listed == [obj.title for obj in expected]
    assert expected, "the test items hold overdue questions"
    # an answer filter the page shares with the listing keeps them out
    page = page_of(book, request_fr, answer_status="answered")
    section = page.get_element_by_id("pressbook-stats-overdue")
    assert not section.cssselect("li a")
