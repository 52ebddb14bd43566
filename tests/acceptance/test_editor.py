"""An editor records a parliamentary question and its answers in the add form,
in Chromium, datagrid JavaScript included."""

from datetime import date
from playwright.sync_api import expect

import pytest
import re
import transaction


QUESTION = "imio.pressbook.ParliamentaryQuestion"
ANSWERS = (
    {
        "date": "2015-07-24",
        "answered_by": "LACROIX Christophe",
        "kind": "holding",
        "text": "La réponse complète suivra après consultation de l'administration.",
    },
    {
        "date": "2015-09-07",
        "answered_by": "FURLAN Paul",
        "kind": "final",
        "text": "IMIO participe aux groupes de travail régionaux.",
    },
)


def stored_ids(book):
    transaction.begin()  # see what the server committed
    return list(book.objectIds())


def open_add_form(page, book_url):
    page.goto(f"{book_url}/++add++{QUESTION}")
    expect(page.locator("#form-widgets-title")).to_be_visible()


def open_add_form_from_menu(page, book_url):
    """The toolbar's add menu of the press section offers the question."""
    page.goto(book_url)
    page.locator("#plone-contentmenu-factories > a").click()
    menu = page.locator("#plone-contentmenu-factories .dropdown-menu")
    menu.get_by_role("link", name="Question parlementaire").click()
    expect(page).to_have_url(f"{book_url}/++add++{QUESTION}")
    expect(page.locator("#form-widgets-title")).to_be_visible()


def fill_question(page, question_date="2015-07-10"):
    page.fill(
        "#form-widgets-title", "Les partenariats sollicités par l'intercommunale IMIO"
    )
    page.select_option("#form-widgets-assembly", "parlement-wallonie")
    page.select_option("#form-widgets-question_type", "written")
    page.fill("#form-widgets-session", "2014-2015")
    page.fill("#form-widgets-number", "518 (2014-2015) 1")
    page.fill("#form-widgets-question_date", question_date)
    page.fill("#form-widgets-asked_by", "DUPONT Jean-Marc")
    page.fill("#form-widgets-addressed_to", "FURLAN Paul")


def add_answer(page, answer):
    """Fill the grid's auto-append row, held by its element handle: typing in it
    makes the datagrid JavaScript append a new empty row and renumber the rows,
    so a selector would move to the new row half-way."""
    rows = page.locator(
        "tbody.datagridwidget-body > tr.datagridwidget-row:not(.datagridwidget-empty-row)"
    )
    count = rows.count()
    row = page.locator(
        "tr.datagridwidget-row.auto-append:not(.datagridwidget-empty-row)"
    )
    row = row.last.element_handle()
    row.query_selector("input[name$='.widgets.date']").fill(answer["date"])
    row.query_selector("input[name$='.widgets.answered_by']").fill(
        answer["answered_by"]
    )
    row.query_selector("select[name$='.widgets.kind:list']").select_option(
        answer["kind"]
    )
    row.query_selector("textarea[name$='.widgets.text']").fill(answer["text"])
    # the JavaScript has appended the next empty row
    expect(rows).to_have_count(count + 1)


def save(page):
    page.click("#form-buttons-save")
    page.wait_for_load_state()


@pytest.mark.browser
def test_editor_adds_question_with_two_answers(press_book, functional_url, editor_page):
    page = editor_page
    book_url = f"{functional_url}/{press_book.getId()}"
    open_add_form_from_menu(page, book_url)
    fill_question(page)
    for answer in ANSWERS:
        add_answer(page, answer)
    save(page)

    ids = stored_ids(press_book)
    assert len(ids) == 1
    # the editor lands on the question's page
    expect(page).to_have_url(re.compile(rf"^{re.escape(book_url)}/{ids[0]}(/view)?$"))
    content = page.locator("#content")
    expect(content.get_by_role("heading", level=1)).to_have_text(
        "Les partenariats sollicités par l'intercommunale IMIO"
    )
    # each answer in its block: headed by its date the French way, its author, its text
    for answer, shown_date in zip(ANSWERS, ("24/07/2015", "07/09/2015"), strict=True):
        block = (
            content.locator("li, section, article, div")
            .filter(has=page.locator(":is(h2, h3, h4)", has_text=shown_date))
            .last  # the innermost
        )
        expect(block).to_contain_text(answer["answered_by"])
        expect(block).to_contain_text(answer["text"])
    expect(content).to_contain_text("Réponse du 07/09/2015")
    expect(content).not_to_contain_text("2015-09-07")

    question = press_book[ids[0]]
    assert question.question_date == date(2015, 7, 10)
    assert question.answers == [
        dict(answer, date=date.fromisoformat(answer["date"])) for answer in ANSWERS
    ]


@pytest.mark.browser
def test_answer_dated_before_question_is_refused(
    press_book, functional_url, editor_page
):
    page = editor_page
    book_url = f"{functional_url}/{press_book.getId()}"
    open_add_form(page, book_url)
    fill_question(page, question_date="2015-07-10")
    add_answer(page, ANSWERS[1])
    too_early = dict(ANSWERS[1], date="2015-07-01", text="Réponse trop tôt.")
    add_answer(page, too_early)
    save(page)

    # still the add form, with the error naming the row at fault
    expect(page).to_have_url(f"{book_url}/++add++{QUESTION}")
    expect(page.locator(".portalMessage.statusmessage-error")).to_contain_text(
        re.compile(r"réponse 2\b.*question", re.I)
    )
    # what was typed is still there to be corrected
    expect(
        page.locator("textarea[name$='.widgets.text']").filter(
            has_text="Réponse trop tôt."
        )
    ).to_have_count(1)
    assert stored_ids(press_book) == []


@pytest.mark.browser
def test_the_blank_row_raises_no_error_when_another_field_does(
    press_book, functional_url, editor_page
):
    page = editor_page
    book_url = f"{functional_url}/{press_book.getId()}"
    open_add_form(page, book_url)
    fill_question(page)
    for answer in ANSWERS:
        add_answer(page, answer)
    page.fill("#form-widgets-session", "2014-2016")  # not two consecutive years
    save(page)

    expect(page).to_have_url(f"{book_url}/++add++{QUESTION}")
    expect(
        page.locator("#formfield-form-widgets-session .invalid-feedback")
    ).to_have_count(1)
    answers = page.locator("#formfield-form-widgets-answers")
    # the two answers are still there, the blank one to add a third is quiet
    expect(answers.locator("textarea[name$='.widgets.text']").first).to_have_value(
        ANSWERS[0]["text"]
    )
    expect(answers.locator(".invalid-feedback")).to_have_count(0)
    expect(answers).not_to_contain_text("Champ obligatoire")
    assert stored_ids(press_book) == []

    page.fill("#form-widgets-session", "2014-2015")
    save(page)
    ids = stored_ids(press_book)
    assert len(ids) == 1
    assert [row["date"] for row in press_book[ids[0]].answers] == [
        date(2015, 7, 24),
        date(2015, 9, 7),
    ]


@pytest.mark.browser
def test_the_row_buttons_speak_french(press_book, functional_url, editor_page):
    page = editor_page
    book_url = f"{functional_url}/{press_book.getId()}"
    open_add_form(page, book_url)
    fill_question(page)
    for answer in ANSWERS:
        add_answer(page, answer)
    rows = page.locator(
        "tbody.datagridwidget-body > tr.datagridwidget-row:not(.datagridwidget-empty-row)"
    )
    first = rows.first
    expect(first.get_by_role("button", name="Ajouter une réponse")).to_be_visible()
    expect(first.get_by_role("button", name="Supprimer cette réponse")).to_be_visible()
    expect(page.locator("#formfield-form-widgets-answers")).not_to_contain_text(
        re.compile("Add row|Delete row|Move Up|Move Down")
    )
    # and they work: the holding answer goes, the final one stays
    first.get_by_role("button", name="Supprimer cette réponse").click()
    expect(rows).to_have_count(2)  # the final answer and the blank row
    save(page)

    ids = stored_ids(press_book)
    assert len(ids) == 1
    assert press_book[ids[0]].answers == [
        dict(ANSWERS[1], date=date.fromisoformat(ANSWERS[1]["date"]))
    ]
