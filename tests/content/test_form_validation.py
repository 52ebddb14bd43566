"""The validators hold in the add and edit forms (a real form post over the
publisher, CSRF token included), and nothing is stored when they refuse."""

from datetime import date
from datetime import timedelta
from lxml import html
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from plone.testing.zope import Browser
from urllib.parse import urlencode

import pytest
import re
import transaction


QUESTION = "imio.pressbook.ParliamentaryQuestion"
ARTICLE = "imio.pressbook.PressArticle"


@pytest.fixture
def press_book(functional):
    portal = functional["portal"]
    with api.env.adopt_roles(["Manager"]):
        book = api.content.create(
            portal, "imio.pressbook.PressBook", id="medias", title="Dans les médias"
        )
    transaction.commit()
    return book


@pytest.fixture
def browser(functional):
    browser = Browser(functional["app"])
    browser.handleErrors = False
    browser.raiseHttpErrors = False
    browser.addHeader("Authorization", f"Basic {SITE_OWNER_NAME}:{SITE_OWNER_PASSWORD}")
    browser.addHeader("Accept-Language", "fr")
    return browser


def question_data(**overrides):
    data = {
        "form.widgets.title": "Les partenariats sollicités par l'intercommunale IMIO",
        "form.widgets.assembly:list": "parlement-wallonie",
        "form.widgets.assembly-empty-marker": "1",
        "form.widgets.question_type:list": "written",
        "form.widgets.question_type-empty-marker": "1",
        "form.widgets.session": "2014-2015",
        "form.widgets.year": "2015",
        "form.widgets.number": "518 (2014-2015) 1",
        "form.widgets.question_date": "2015-07-10",
        "form.widgets.asked_by": "DUPONT Jean-Marc",
        "form.widgets.addressed_to": "FURLAN Paul",
        "form.widgets.question_text.mimeType": "text/html",
        "form.widgets.question_text": "<p>Question</p>",
        "form.widgets.source_url": "https://www.parlement-wallonie.be/",
        "form.widgets.answers.count": "1",
        "form.widgets.answers.0-empty-marker": "1",
        "form.widgets.answers.0.widgets.date": "2015-09-07",
        "form.widgets.answers.0.widgets.answered_by": "FURLAN Paul",
        "form.widgets.answers.0.widgets.kind:list": "final",
        "form.widgets.answers.0.widgets.kind-empty-marker": "1",
        "form.widgets.answers.0.widgets.text": "Réponse",
        "form.buttons.save": "Enregistrer",
    }
    data.update(overrides)
    return data


def article_data(**overrides):
    data = {
        "form.widgets.title": "IMIO, la mutualisation au service des communes",
        "form.widgets.publication_date": "2014-01-21",
        "form.widgets.outlet:list": "la-derniere-heure",
        "form.widgets.outlet-empty-marker": "1",
        "form.widgets.journalist": "C. Ti.",
        "form.widgets.text.mimeType": "text/html",
        "form.widgets.text": "<p>Texte</p>",
        "form.widgets.original_url": "https://www.dhnet.be/",
        "form.widgets.paper_version_access:list": "authenticated",
        "form.widgets.paper_version_access-empty-marker": "1",
        "form.buttons.save": "Enregistrer",
    }
    data.update(overrides)
    return data


def submit(browser, url, data):
    """Open the form (to get its CSRF token) and post `data` to it."""
    browser.open(url)
    token = re.search(
        r'name="_authenticator"[^>]*value="([^"]+)"', browser.contents
    ).group(1)
    data = dict(data, _authenticator=token)
    browser.post(url, urlencode(data))
    return browser.contents


def field_error(html, fieldname):
    """The error shown in the field's block, or None."""
    match = re.search(
        rf'<div[^>]*id="formfield-form-widgets-{fieldname}"[^>]*>(.*?)</div>\s*</div>',
        html,
        re.S,
    )
    assert match, f"no field block for {fieldname}"
    block = match.group(0)
    if "error" not in block.split(">", 1)[0]:
        return None
    return block


def add_url(book, portal_type):
    return f"{book.absolute_url()}/++add++{portal_type}"


def contents(book):
    transaction.begin()
    return list(book.objectIds())


def test_valid_question_is_created_with_its_answer(press_book, browser):
    submit(browser, add_url(press_book, QUESTION), question_data())
    ids = contents(press_book)
    assert len(ids) == 1
    question = press_book[ids[0]]
    assert question.question_date == date(2015, 7, 10)
    assert question.answers == [
        {
            "date": date(2015, 9, 7),
            "answered_by": "FURLAN Paul",
            "kind": "final",
            "text": "Réponse",
        }
    ]
    assert question.answer_status == "answered"


@pytest.mark.parametrize(
    "overrides,fieldname",
    [
        (
            {
                "form.widgets.question_date": (
                    date.today() + timedelta(days=1)
                ).isoformat()
            },
            "question_date",
        ),
        ({"form.widgets.session": "2014-2016"}, "session"),
        ({"form.widgets.session": "2014"}, "session"),
        ({"form.widgets.source_url": "javascript:alert(1)"}, "source_url"),
        ({"form.widgets.source_url": "ftp://example.org/q.pdf"}, "source_url"),
        ({"form.widgets.asked_by": ""}, "asked_by"),
        ({"form.widgets.assembly:list": "no-such-assembly"}, "assembly"),
    ],
)
def test_question_form_refuses_bad_field(press_book, browser, overrides, fieldname):
    html = submit(browser, add_url(press_book, QUESTION), question_data(**overrides))
    assert field_error(html, fieldname) is not None
    assert contents(press_book) == []


def test_question_form_refuses_answer_before_question(press_book, browser):
    data = question_data(
        **{
            "form.widgets.answers.count": "2",
            "form.widgets.answers.1-empty-marker": "1",
            "form.widgets.answers.1.widgets.date": "2015-07-01",
            "form.widgets.answers.1.widgets.answered_by": "FURLAN Paul",
            "form.widgets.answers.1.widgets.kind:list": "final",
            "form.widgets.answers.1.widgets.kind-empty-marker": "1",
            "form.widgets.answers.1.widgets.text": "Trop tôt",
        }
    )
    html = submit(browser, add_url(press_book, QUESTION), data)
    # the form-level message names the row at fault
    assert re.search(r"(Answer|Réponse) 2\b", html)
    assert contents(press_book) == []


def test_question_edit_form_keeps_stored_values_when_refused(press_book, browser):
    with api.env.adopt_roles(["Manager"]):
        question = api.content.create(
            press_book,
            QUESTION,
            id="q",
            title="Question",
            assembly="parlement-wallonie",
            question_date=date(2015, 7, 10),
            asked_by="DUPONT Jean-Marc",
            addressed_to="FURLAN Paul",
            session="2014-2015",
        )
    transaction.commit()
    html = submit(
        browser,
        f"{question.absolute_url()}/@@edit",
        question_data(**{"form.widgets.session": "2015-2014"}),
    )
    assert field_error(html, "session") is not None
    transaction.begin()
    assert press_book["q"].session == "2014-2015"
    assert press_book["q"].answers == []


def test_valid_article_is_created(press_book, browser):
    submit(browser, add_url(press_book, ARTICLE), article_data())
    ids = contents(press_book)
    assert len(ids) == 1
    article = press_book[ids[0]]
    assert article.outlet == "la-derniere-heure"
    assert article.publication_date == date(2014, 1, 21)
    assert article.paper_version_access == "authenticated"


@pytest.mark.parametrize(
    "overrides,fieldname",
    [
        ({"form.widgets.original_url": "javascript:alert(1)"}, "original_url"),
        ({"form.widgets.original_url": "https://"}, "original_url"),
        ({"form.widgets.publication_date": ""}, "publication_date"),
        ({"form.widgets.outlet:list": "no-such-outlet"}, "outlet"),
        (
            {"form.widgets.paper_version_access:list": "everyone"},
            "paper_version_access",
        ),
    ],
)
def test_article_form_refuses_bad_field(press_book, browser, overrides, fieldname):
    html = submit(browser, add_url(press_book, ARTICLE), article_data(**overrides))
    assert field_error(html, fieldname) is not None
    assert contents(press_book) == []


def blank_row(index):
    """The fields of a blank grid row as the browser posts them (the
    auto-append row ``AA`` and the template row ``TT``)."""
    prefix = f"form.widgets.answers.{index}"
    return {
        f"{prefix}-empty-marker": "1",
        f"{prefix}.widgets.date": "",
        f"{prefix}.widgets.answered_by": "",
        f"{prefix}.widgets.kind:list": "final",
        f"{prefix}.widgets.kind-empty-marker": "1",
        f"{prefix}.widgets.text": "",
    }


def row_errors(page, index):
    [row] = page.xpath(f"//tr[@data-index='{index}']")
    return [
        error.text_content().strip()
        for error in row.xpath(".//*[contains(@class, 'invalid-feedback')]")
    ]


@pytest.mark.parametrize("other_error", ["asked_by", "session"])
def test_the_blank_rows_show_no_error_when_another_field_has_one(
    press_book, browser, other_error
):
    bad = {"asked_by": "", "session": "2014-2016"}[other_error]
    data = question_data(
        **{f"form.widgets.{other_error}": bad}, **blank_row("AA"), **blank_row("TT")
    )
    page = html.fromstring(submit(browser, add_url(press_book, QUESTION), data))
    assert page.xpath(
        f"//*[@id='formfield-form-widgets-{other_error}']/*[contains(@class, 'invalid-feedback')]"
    )
    # the answer typed in is kept, the blank rows are quiet
    assert row_errors(page, "0") == []
    assert row_errors(page, "AA") == []
    assert row_errors(page, "TT") == []
    [answers] = page.xpath("//*[@id='formfield-form-widgets-answers']")
    assert "error" not in answers.get("class")
    assert contents(press_book) == []


def test_a_bad_answer_row_still_shows_its_error(press_book, browser):
    data = question_data(
        **{"form.widgets.answers.0.widgets.date": "pas une date"},
        **blank_row("AA"),
        **blank_row("TT"),
    )
    page = html.fromstring(submit(browser, add_url(press_book, QUESTION), data))
    assert row_errors(page, "0") != []
    assert row_errors(page, "AA") == []
    assert contents(press_book) == []


def test_the_blank_auto_append_row_is_not_stored(press_book, browser):
    data = question_data(**blank_row("AA"), **blank_row("TT"))
    submit(browser, add_url(press_book, QUESTION), data)
    [question] = [press_book[item_id] for item_id in contents(press_book)]
    assert len(question.answers) == 1


def test_an_article_dated_after_today_is_refused(press_book, browser):
    tomorrow = (date.today() + timedelta(days=1)).isoformat()
    data = article_data(**{"form.widgets.publication_date": tomorrow})
    page = html.fromstring(submit(browser, add_url(press_book, ARTICLE), data))
    [error] = page.xpath(
        "//*[@id='formfield-form-widgets-publication_date']/*[contains(@class, 'invalid-feedback')]"
    )
    assert error.text_content().strip() == "La date ne peut pas être dans le futur."
    assert contents(press_book) == []


def test_an_article_dated_today_is_accepted(press_book, browser):
    today = date.today().isoformat()
    submit(
        browser,
        add_url(press_book, ARTICLE),
        article_data(**{"form.widgets.publication_date": today}),
    )
    [article] = [press_book[item_id] for item_id in contents(press_book)]
    assert article.publication_date == date.today()


@pytest.mark.parametrize(
    "outlet",
    [
        # left on the prompt
        {"form.widgets.outlet:list": ""},
        # not posted at all (the select's empty-marker only)
        {},
    ],
)
def test_a_forgotten_outlet_is_an_error_naming_the_field(press_book, browser, outlet):
    data = article_data()
    del data["form.widgets.outlet:list"]
    data.update(outlet)
    page = html.fromstring(submit(browser, add_url(press_book, ARTICLE), data))
    [error] = page.xpath(
        "//*[@id='formfield-form-widgets-outlet']/*[contains(@class, 'invalid-feedback')]"
    )
    assert error.text_content().strip() == "Choisissez le média qui a publié l'article."
    # what was typed is kept; the select is back on its prompt
    [title] = page.xpath("//input[@name='form.widgets.title']")
    assert title.get("value") == "IMIO, la mutualisation au service des communes"
    selected = page.xpath("//select[@id='form-widgets-outlet']//option[@selected]")
    assert [option.get("value") for option in selected] == [""]
    assert contents(press_book) == []
