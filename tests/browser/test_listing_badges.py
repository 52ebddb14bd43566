"""What the press section's page shows beside each row and where: the results
before the filters (a phone shows them first), the filters behind "Filtrer";
a "privé" badge on the items an editor sees that visitors do not; an
answered or awaiting badge on questions, in the listing and on the question's
page."""

from datetime import date
from datetime import timedelta
from lxml import html
from plone import api
from plone.app.testing import login
from plone.app.testing import logout
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from plone.app.testing import TEST_USER_NAME

import pytest


ARTICLE = "imio.pressbook.PressArticle"
QUESTION = "imio.pressbook.ParliamentaryQuestion"


def text_of(element):
    return " ".join(element.text_content().split())


@pytest.fixture
def book(portal):
    """A press section: a published article, a private one, an answered
    question and an awaiting one (both published); the test user edits it."""
    with api.env.adopt_roles(["Manager"]):
        book = api.content.create(
            portal, "imio.pressbook.PressBook", id="medias", title="Dans les médias"
        )
        api.content.transition(book, "publish")
        published = api.content.create(
            book,
            ARTICLE,
            id="publie",
            title="Article publié",
            publication_date=date(2024, 3, 1),
            outlet="le-soir",
        )
        api.content.create(
            book,
            ARTICLE,
            id="brouillon",
            title="Article brouillon",
            publication_date=date(2024, 3, 2),
            outlet="le-soir",
        )
        answered = api.content.create(
            book,
            QUESTION,
            id="repondue",
            title="Question répondue",
            question_date=date(2024, 2, 1),
            assembly="parlement-wallonie",
            question_type="written",
            answers=[{"date": date(2024, 2, 20), "kind": "final", "text": "Oui."}],
        )
        awaiting = api.content.create(
            book,
            QUESTION,
            id="en-attente",
            title="Question en attente",
            question_date=date.today() - timedelta(days=3),
            assembly="parlement-wallonie",
            question_type="written",
        )
        # asked more than 28 days ago, the Parliament of Wallonia's deadline
        overdue = api.content.create(
            book,
            QUESTION,
            id="en-retard",
            title="Question en retard",
            question_date=date(2024, 2, 2),
            assembly="parlement-wallonie",
            question_type="written",
        )
        for item in (published, answered, awaiting, overdue):
            api.content.transition(item, "publish")
    setRoles(portal, TEST_USER_ID, ["Member"])
    api.user.grant_roles(username=TEST_USER_NAME, obj=book, roles=["Editor", "Reader"])
    return book


def render(obj, request, name="view"):
    request.form.clear()
    return html.fromstring(api.content.get_view(name, obj, request)())


def listed(page):
    """{title: the row's element}"""
    return {
        text_of(row.cssselect(".pressbook-listing-title a")[0]): row
        for row in page.cssselect(".pressbook-listing-item")
    }


def badge(row, css):
    found = row.cssselect(css)
    return text_of(found[0]) if found else None


def test_the_results_come_before_the_filters(book, request_fr):
    logout()
    page = render(book, request_fr)
    row = page.cssselect(".pressbook-results, #pressbook-facets")
    assert [element.get("class").split()[0] for element in row] == [
        "pressbook-results",
        "pressbook-facets",
    ]


def test_the_filters_are_behind_filtrer_open_by_default(book, request_fr):
    """Without JavaScript: a <details> open (a wide screen shows the filters
    beside the results; Barceloneta's d-lg-none hides "Filtrer" there)."""
    logout()
    page = render(book, request_fr)
    (details,) = page.cssselect("#pressbook-facets > details")
    assert details.get("open") is not None
    summary = details[0]
    assert summary.tag == "summary"
    assert text_of(summary) == "Filtrer"
    assert "d-lg-none" in summary.get("class").split()
    assert details.cssselect(".pressbook-facet-outlet")
    (link,) = page.cssselect(".pressbook-results .pressbook-facets-link")
    assert link.get("href") == "#pressbook-facets"
    assert text_of(link) == "Aller aux filtres"


def test_an_editor_sees_prive_on_the_private_item_only(book, request_fr):
    login(api.portal.get(), TEST_USER_NAME)
    rows = listed(render(book, request_fr))
    assert badge(rows["Article brouillon"], ".pressbook-badge-private") == "privé"
    for title in ("Article publié", "Question répondue", "Question en attente"):
        assert badge(rows[title], ".pressbook-badge-private") is None


def test_a_visitor_sees_neither_the_private_item_nor_a_badge(book, request_fr):
    logout()
    page = render(book, request_fr)
    assert "Article brouillon" not in listed(page)
    assert not page.cssselect(".pressbook-badge-private")


def test_questions_are_badged_answered_or_awaiting_in_the_listing(book, request_fr):
    logout()
    rows = listed(render(book, request_fr))
    assert badge(rows["Question répondue"], ".pressbook-listing-status.badge") == (
        "Répondue"
    )
    assert badge(rows["Question en attente"], ".pressbook-listing-status.badge") == (
        "En attente de réponse"
    )
    assert badge(rows["Question en retard"], ".pressbook-listing-status.badge") == (
        "Réponse en retard"
    )
    assert badge(rows["Question en retard"], ".pressbook-overdue.text-bg-danger")
    assert badge(rows["Article publié"], ".pressbook-listing-status") is None


def test_the_overdue_filter_lists_and_counts_the_late_questions(book, request_fr):
    logout()
    request_fr.form.update({"answer_status": "overdue"})
    page = html.fromstring(api.content.get_view("view", book, request_fr)())
    assert list(listed(page)) == ["Question en retard"]
    values = [
        text_of(value) for value in page.cssselect(".pressbook-facet-answer_status li")
    ]
    assert "Réponse en retard (1)" in " ".join(values)
    assert any(value.startswith("En attente de réponse (2)") for value in values)


@pytest.mark.parametrize(
    "id, shown, hidden",
    [
        (
            "repondue",
            ("Répondue", ".pressbook-answered-badge"),
            ".pressbook-awaiting-badge",
        ),
        (
            "en-attente",
            ("En attente de réponse", ".pressbook-awaiting-badge"),
            ".pressbook-answered-badge",
        ),
        (
            "en-retard",
            ("Réponse en retard", ".pressbook-overdue-badge.text-bg-danger"),
            ".pressbook-awaiting-badge",
        ),
    ],
)
def test_the_question_page_shows_its_status_badge(book, request_fr, id, shown, hidden):
    logout()
    page = render(book[id], request_fr)
    label, css = shown
    (element,) = page.cssselect(f".pressbook-answer-status {css}")
    assert "badge" in element.get("class").split()
    assert text_of(element) == label
    assert not page.cssselect(hidden)
