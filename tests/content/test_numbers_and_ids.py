"""Numbers written with the digits 0 to 9, ids of a sane length.

``\\d`` and ``int()`` also read full-width (``２０１４``) and Arabic-Indic
(``٢٠١٤``) digits: the session, the year and the question's number take the
digits 0 to 9 only, in the add and edit forms (a real form post, CSRF token
included) and over plone.restapi (real HTTP), and nothing is stored when they
refuse. An id has at most 255 characters, as Plone's forms choose them: a
longer one sent over REST is a 400 naming ``id``.
"""

from datetime import date
from imio.pressbook import _
from imio.pressbook.content.fields import AsciiInt
from imio.pressbook.content.ids import MAX_ID_LENGTH
from imio.pressbook.content.validators import has_ascii_digits
from imio.pressbook.content.validators import is_session
from imio.pressbook.content.validators import NonAsciiDigits
from imio.pressbook.restapi.errors import ValidationFailed
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from plone.testing.zope import Browser
from urllib.parse import urlencode
from zope.i18n import translate
from zope.schema.interfaces import ValidationError

import json
import pytest
import re
import requests
import transaction


QUESTION = "imio.pressbook.ParliamentaryQuestion"
ARTICLE = "imio.pressbook.PressArticle"
FULL_WIDTH = "２０１４"
ARABIC_INDIC = "٢٠١٤"

# (field, value): numbers that are not written with 0-9
BAD_NUMBERS = {
    "session-full-width": ("session", "２０１４-２０１５"),
    "session-arabic-indic": ("session", "٢٠١٤-٢٠١٥"),
    "session-mixed": ("session", "2014-２０１５"),
    "session-devanagari": ("session", "२०१४-२०१५"),
    "year-full-width": ("year", FULL_WIDTH),
    "year-arabic-indic": ("year", ARABIC_INDIC),
    "number-full-width": ("number", "５１８ (2014-2015) 1"),
    "number-arabic-indic": ("number", "518 (٢٠١٤-٢٠١٥) 1"),
}

VALID = {
    QUESTION: {
        "@type": QUESTION,
        "title": "Les partenariats sollicités par l'intercommunale IMIO",
        "assembly": "parlement-wallonie",
        "question_type": "written",
        "session": "2014-2015",
        "year": 2015,
        "number": "518 (2014-2015) 1",
        "question_date": "2015-07-10",
        "asked_by": "DUPONT Jean-Marc",
        "addressed_to": "FURLAN Paul",
    },
    ARTICLE: {
        "@type": ARTICLE,
        "title": "Imio touche 3,5 millions d'habitants",
        "publication_date": "2014-01-21",
        "outlet": "la-derniere-heure",
    },
}


class TestValidators:
    @pytest.mark.parametrize("case", [c for c in BAD_NUMBERS if "session" in c])
    def test_session_takes_ascii_digits_only(self, case):
        with pytest.raises(ValidationError):
            is_session(BAD_NUMBERS[case][1])

    def test_session_written_with_ascii_digits(self):
        assert is_session("2014-2015")

    @pytest.mark.parametrize("value", [FULL_WIDTH, ARABIC_INDIC, "2014²"])
    def test_number_text_takes_ascii_digits_only(self, value):
        with pytest.raises(NonAsciiDigits):
            has_ascii_digits(value)

    def test_number_text_with_ascii_digits_and_words(self):
        assert has_ascii_digits("518 (2014-2015) 1 bis")

    @pytest.mark.parametrize("value", [FULL_WIDTH, ARABIC_INDIC, "2014.0", "0x7de"])
    def test_year_from_text_takes_ascii_digits_only(self, value):
        with pytest.raises(ValueError):
            AsciiInt(min=1830, max=2200).fromUnicode(value)

    def test_year_from_text(self):
        assert AsciiInt(min=1830, max=2200).fromUnicode(" 2014 ") == 2014


# Forms


@pytest.fixture
def press_book(functional):
    with api.env.adopt_roles(["Manager"]):
        book = api.content.create(
            functional["portal"],
            "imio.pressbook.PressBook",
            id="medias",
            title="Dans les médias",
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


def question_form(**overrides):
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
        "form.widgets.answers.count": "0",
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
    browser.post(url, urlencode(dict(data, _authenticator=token)))
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


def contents(book):
    transaction.begin()
    return list(book.objectIds())


@pytest.mark.parametrize("case", BAD_NUMBERS)
def test_add_form_refuses_digits_other_than_0_to_9(press_book, browser, case):
    field, value = BAD_NUMBERS[case]
    html = submit(
        browser,
        f"{press_book.absolute_url()}/++add++{QUESTION}",
        question_form(**{f"form.widgets.{field}": value}),
    )
    assert field_error(html, field) is not None
    assert contents(press_book) == []


def make_question(press_book):
    with api.env.adopt_roles(["Manager"]):
        question = api.content.create(
            press_book,
            QUESTION,
            id="q",
            title="Question",
            assembly="parlement-wallonie",
            question_type="written",
            question_date=date(2015, 7, 10),
            asked_by="DUPONT Jean-Marc",
            addressed_to="FURLAN Paul",
            session="2014-2015",
            year=2015,
            number="518 (2014-2015) 1",
        )
    transaction.commit()
    return question


@pytest.mark.parametrize("case", BAD_NUMBERS)
def test_edit_form_refuses_digits_other_than_0_to_9(press_book, browser, case):
    field, value = BAD_NUMBERS[case]
    question = make_question(press_book)
    html = submit(
        browser,
        f"{question.absolute_url()}/@@edit",
        question_form(**{f"form.widgets.{field}": value}),
    )
    assert field_error(html, field) is not None
    transaction.begin()
    question = press_book["q"]
    assert (question.session, question.year, question.number) == (
        "2014-2015",
        2015,
        "518 (2014-2015) 1",
    )


def test_number_message_in_french(press_book, browser):
    html = submit(
        browser,
        f"{press_book.absolute_url()}/++add++{QUESTION}",
        question_form(**{"form.widgets.number": "５１８"}),
    )
    message = translate(NonAsciiDigits.__doc__, target_language="fr")
    assert message != translate(NonAsciiDigits.__doc__, target_language="en")
    assert message in field_error(html, "number")


def test_add_form_cuts_a_long_short_name_as_plone_does(press_book, browser):
    submit(
        browser,
        f"{press_book.absolute_url()}/++add++{QUESTION}",
        question_form(**{"form.widgets.IShortName.id": "a" * 100_000}),
    )
    [id] = contents(press_book)
    assert id == "a" * MAX_ID_LENGTH


@pytest.mark.parametrize("short_name", ["!!!", "-_-"])
def test_add_form_refuses_a_short_name_without_a_letter_or_digit(
    press_book, browser, short_name
):
    html = submit(
        browser,
        f"{press_book.absolute_url()}/++add++{QUESTION}",
        question_form(**{"form.widgets.IShortName.id": short_name}),
    )
    error = field_error(html, "IShortName-id")
    assert "au moins une lettre ou un chiffre" in error
    assert contents(press_book) == []


@pytest.mark.parametrize("short_name", ["!!!", "-_-"])
def test_edit_form_refuses_a_short_name_without_a_letter_or_digit(
    press_book, browser, short_name
):
    question = make_question(press_book)
    html = submit(
        browser,
        f"{question.absolute_url()}/@@edit",
        question_form(**{"form.widgets.IShortName.id": short_name}),
    )
    assert field_error(html, "IShortName-id") is not None
    assert contents(press_book) == ["q"]


def test_a_blank_short_name_is_no_short_name_in_the_forms(press_book, browser):
    # the widget reads "   " as empty: the id comes from the title, and an
    # edit keeps it
    submit(
        browser,
        f"{press_book.absolute_url()}/++add++{QUESTION}",
        question_form(**{"form.widgets.IShortName.id": "   "}),
    )
    [id] = contents(press_book)
    assert id == "les-partenariats-sollicites-par-lintercommunale-imio"
    submit(
        browser,
        f"{press_book[id].absolute_url()}/@@edit",
        question_form(**{"form.widgets.IShortName.id": "   "}),
    )
    assert contents(press_book) == [id]


def test_edit_form_normalizes_a_short_name_as_plone_does(press_book, browser):
    question = make_question(press_book)
    submit(
        browser,
        f"{question.absolute_url()}/@@edit",
        question_form(**{"form.widgets.IShortName.id": "Question Wallonie"}),
    )
    assert contents(press_book) == ["question-wallonie"]


# REST


@pytest.fixture
def owner():
    with requests.Session() as http:
        http.auth = (SITE_OWNER_NAME, SITE_OWNER_PASSWORD)
        http.headers["Accept"] = "application/json"
        http.headers["Accept-Language"] = "fr"
        yield http


def fields_of(response):
    assert response.status_code == 400, response.text
    body = response.json()
    assert body["type"] == "BadRequest"
    fields = [error["field"] for error in body["errors"]]
    # plone.restapi's list of {field, message}, as Volto reads it
    assert [error.get("field") for error in json.loads(body["message"])] == fields
    return fields


@pytest.mark.parametrize("case", BAD_NUMBERS)
def test_rest_post_refuses_digits_other_than_0_to_9(press_book, owner, case):
    field, value = BAD_NUMBERS[case]
    response = owner.post(
        press_book.absolute_url(), json=dict(VALID[QUESTION], **{field: value})
    )
    assert fields_of(response) == [field]
    assert contents(press_book) == []


@pytest.mark.parametrize("case", BAD_NUMBERS)
def test_rest_patch_refuses_digits_other_than_0_to_9(press_book, owner, case):
    field, value = BAD_NUMBERS[case]
    response = owner.post(press_book.absolute_url(), json=VALID[QUESTION])
    assert response.status_code == 201, response.text
    url = response.headers["Location"]
    before = owner.get(url).json()
    assert fields_of(owner.patch(url, json={field: value})) == [field]
    assert owner.get(url).json() == before


def test_rest_year_as_a_string_of_ascii_digits(press_book, owner):
    response = owner.post(
        press_book.absolute_url(), json=dict(VALID[QUESTION], year="2015")
    )
    assert response.status_code == 201, response.text
    assert response.json()["year"] == 2015


@pytest.mark.parametrize("portal_type", [QUESTION, ARTICLE])
def test_rest_post_refuses_a_100000_character_id(press_book, owner, portal_type):
    response = owner.post(
        press_book.absolute_url(),
        json=dict(VALID[portal_type], id="a" * 100_000),
    )
    assert fields_of(response) == ["id"]
    [error] = response.json()["errors"]
    message = _(
        "An id has at most ${max} characters; this one has ${length}.",
        mapping={"max": MAX_ID_LENGTH, "length": 100_000},
    )
    assert error["message"] == translate(message, target_language="fr")
    assert "255" in error["message"]
    assert contents(press_book) == []


def test_rest_post_refuses_a_press_section_with_a_long_id(functional, owner):
    portal = functional["portal"]
    response = owner.post(
        portal.absolute_url(),
        json={"@type": "imio.pressbook.PressBook", "title": "Presse", "id": "p" * 256},
    )
    assert fields_of(response) == ["id"]
    transaction.begin()
    assert [id for id in portal.objectIds() if id.startswith("ppp")] == []


def test_rest_post_takes_an_id_of_255_characters(press_book, owner):
    id = "a" * MAX_ID_LENGTH
    response = owner.post(press_book.absolute_url(), json=dict(VALID[ARTICLE], id=id))
    assert response.status_code == 201, response.text
    assert contents(press_book) == [id]


@pytest.mark.parametrize("new_id", ["   ", "!!!"])
def test_rest_patch_refuses_an_id_without_a_letter_or_digit(press_book, owner, new_id):
    question = make_question(press_book)
    response = owner.patch(question.absolute_url(), json={"id": new_id})
    assert fields_of(response) == ["id"]
    assert (
        "au moins une lettre ou un chiffre" in response.json()["errors"][0]["message"]
    )
    assert contents(press_book) == ["q"]


def test_rest_patch_renames_as_plone_normalizes(press_book, owner):
    question = make_question(press_book)
    response = owner.patch(question.absolute_url(), json={"id": "Question Wallonie"})
    assert response.status_code == 204, response.text
    assert contents(press_book) == ["question-wallonie"]


def test_renaming_to_a_long_id_is_refused(press_book):
    with api.env.adopt_roles(["Manager"]):
        api.content.create(press_book, ARTICLE, id="court", title="Court")
        with pytest.raises(ValidationFailed) as raised:
            press_book.manage_renameObject("court", "b" * 256)
    assert raised.value.errors[0]["field"] == "id"
    assert "court" in press_book.objectIds()
