"""The add and edit forms of articles and questions, as the publisher renders
them (browser/widgets.py, browser/views/forms.py): the outlet select, the
themes and keywords on the first tab, the answers grid."""

from base64 import b64decode
from datetime import date
from imio.pressbook import _
from imio.pressbook.facets import collation_key
from imio.pressbook.vocabularies.outlet_kinds import OUTLET_KINDS
from imio.pressbook.vocabularies.outlets import DEFAULT_OUTLETS
from imio.pressbook.vocabularies.outlets import RECORD
from lxml import html
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from plone.testing.zope import Browser
from zope.i18n import translate

import json
import pytest
import transaction


ARTICLE = "imio.pressbook.PressArticle"
QUESTION = "imio.pressbook.ParliamentaryQuestion"
KEYWORDS = "formfield-form-widgets-ICategorization-subjects"


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
    browser.addHeader("Authorization", f"Basic {SITE_OWNER_NAME}:{SITE_OWNER_PASSWORD}")
    browser.addHeader("Accept-Language", "fr")
    return browser


def open_form(browser, url):
    browser.open(url)
    return html.fromstring(browser.contents)


def add_form(browser, book, portal_type):
    return open_form(browser, f"{book.absolute_url()}/++add++{portal_type}")


def french(message):
    return translate(message, target_language="fr")


def outlet_select(page):
    [select] = page.xpath("//select[@id='form-widgets-outlet']")
    return select


# the outlet


def test_the_outlet_select_starts_on_a_prompt_and_nothing_else(press_book, browser):
    select = outlet_select(add_form(browser, press_book, ARTICLE))
    first = select.xpath("./option")
    assert [(option.get("value"), option.text) for option in first] == [
        ("", "— Choisir un média —")
    ]
    selected = select.xpath(".//option[@selected]")
    assert [option.get("value") for option in selected] == [""]


def test_the_outlet_select_is_searchable_and_posts_a_list(press_book, browser):
    select = outlet_select(add_form(browser, press_book, ARTICLE))
    assert "pat-select2" in select.get("class")
    assert select.get("name") == "form.widgets.outlet:list"
    # no browser "required" bubble on a select that Select2 hides: the
    # form itself says the outlet is missing
    assert select.get("required") is None


def test_the_outlets_are_grouped_by_kind_in_the_kinds_order(press_book, browser):
    select = outlet_select(add_form(browser, press_book, ARTICLE))
    labels = [group.get("label") for group in select.xpath("./optgroup")]
    assert labels == [french(title) for _token, title in OUTLET_KINDS] + [
        "Autres médias"
    ]
    kinds = dict(
        zip(labels, [*(token for token, _title in OUTLET_KINDS), None], strict=True)
    )
    for group in select.xpath("./optgroup"):
        tokens = {option.get("value") for option in group.xpath("./option")}
        kind = kinds[group.get("label")]
        assert tokens == {
            row["token"] for row in DEFAULT_OUTLETS if row["kind"] == kind
        }, group.get("label")


def test_the_outlets_of_a_group_are_sorted_the_french_way(press_book, browser):
    with api.env.adopt_roles(["Manager"]):
        rows = [dict(row) for row in api.portal.get_registry_record(RECORD)]
        rows.append(
            {
                "token": "echo-du-centre",
                "name": "Écho du Centre",
                "kind": "daily",
                "website": None,
                "language": "fr",
                "rights": None,
            }
        )
        api.portal.set_registry_record(RECORD, rows)
    transaction.commit()
    select = outlet_select(add_form(browser, press_book, ARTICLE))
    [dailies] = select.xpath("./optgroup[1]")
    names = [option.text for option in dailies.xpath("./option")]
    assert names == sorted(names, key=collation_key)
    # "É" with the "E"s, not after "Sudinfo" as a code-point sort puts it
    assert names.index("Écho du Centre") < names.index("GrenzEcho")
    assert names != sorted(names)


def test_the_edit_form_selects_the_stored_outlet(press_book, browser):
    with api.env.adopt_roles(["Manager"]):
        article = api.content.create(
            press_book,
            ARTICLE,
            id="article",
            title="IMIO, la mutualisation au service des communes",
            publication_date=date(2014, 1, 21),
            outlet="l-avenir",
        )
    transaction.commit()
    select = outlet_select(open_form(browser, f"{article.absolute_url()}/@@edit"))
    selected = select.xpath(".//option[@selected]")
    assert [option.get("value") for option in selected] == ["l-avenir"]


# themes and keywords


@pytest.mark.parametrize("portal_type", [ARTICLE, QUESTION])
def test_themes_and_keywords_are_side_by_side_on_the_first_tab(
    portal_type, press_book, browser
):
    page = add_form(browser, press_book, portal_type)
    [default] = page.xpath("//fieldset[@id='fieldset-default']")
    fields = [block.get("id") for block in default.xpath(".//div[@data-fieldname]")]
    themes = fields.index("formfield-form-widgets-themes")
    assert fields[themes + 1] == KEYWORDS
    # and no longer on the Categorization tab
    [categorization] = page.xpath("//fieldset[@id='fieldset-categorization']")
    assert not categorization.xpath(f".//*[@id='{KEYWORDS}']")


def test_the_edit_form_has_the_keywords_beside_the_themes_too(press_book, browser):
    with api.env.adopt_roles(["Manager"]):
        question = api.content.create(
            press_book,
            QUESTION,
            id="question",
            title="Les partenariats sollicités par l'intercommunale IMIO",
            assembly="parlement-wallonie",
            question_date=date(2015, 7, 10),
            asked_by="DUPONT Jean-Marc",
            addressed_to="FURLAN Paul",
        )
        question.setSubject(["mutualisation"])
    transaction.commit()
    page = open_form(browser, f"{question.absolute_url()}/@@edit")
    [default] = page.xpath("//fieldset[@id='fieldset-default']")
    [keywords] = default.xpath(
        ".//input[@name='form.widgets.ICategorization.subjects']"
    )
    # plone.app.vocabularies.Keywords' token: the keyword in base64
    assert b64decode(keywords.get("value")).decode() == "mutualisation"


def test_the_themes_select_is_searchable(press_book, browser):
    page = add_form(browser, press_book, ARTICLE)
    [select] = page.xpath("//select[@name='form.widgets.themes']")
    assert "pat-select2" in select.get("class")
    assert select.get("multiple") == "multiple"
    options = json.loads(select.get("data-pat-select2"))
    # one value each, as a multiple select posts them; none required
    assert options["allowClear"] is True
    assert "multiple" not in options


# the answers grid


def answer_row(page, index):
    [row] = page.xpath(f"//tr[@data-index='{index}']")
    return row


def test_the_answer_text_is_a_roomy_textarea_in_a_block_per_answer(press_book, browser):
    page = add_form(browser, press_book, QUESTION)
    row = answer_row(page, "AA")
    [text] = row.xpath(".//textarea[@name='form.widgets.answers.AA.widgets.text']")
    assert int(text.get("rows")) >= 5
    [table] = page.xpath("//table[@data-mode='block']")
    assert table.get("id") == "form-widgets-answers"


def test_every_control_of_an_answer_has_its_label(press_book, browser):
    page = add_form(browser, press_book, QUESTION)
    row = answer_row(page, "AA")
    controls = row.xpath(".//input[not(@type='hidden')] | .//select | .//textarea")
    assert len(controls) == 4
    for control in controls:
        labels = page.xpath(f"//label[@for='{control.get('id')}']")
        assert [label.text_content().strip() for label in labels], control.get("name")


def test_the_row_buttons_speak_french(press_book, browser):
    page = add_form(browser, press_book, QUESTION)
    row = answer_row(page, "AA")
    buttons = {
        button.get("class").split()[-1]: (
            button.get("title"),
            button.text_content().strip(),
        )
        for button in row.xpath(".//button")
    }
    assert buttons == {
        "dgf--row-add": ("Ajouter une réponse", "Ajouter une réponse"),
        "dgf--row-delete": ("Supprimer cette réponse", "Supprimer cette réponse"),
    }


# the scan


def test_the_scan_file_input_is_named_after_its_field(press_book, browser):
    """Plone's label points at the widget's container, not at its file input:
    the input carries the field's name itself (``aria-label``)."""
    page = add_form(browser, press_book, ARTICLE)
    [upload] = page.xpath("//input[@type='file'][@name='form.widgets.paper_version']")
    assert upload.get("aria-label") == french(_("Paper version")) == "Version papier"
    [label] = page.xpath("//label[@for='form-widgets-paper_version']")
    assert label.text_content().strip().startswith("Version papier")


# the question's year


def test_the_year_is_shown_and_read_without_a_thousands_separator(press_book, browser):
    with api.env.adopt_roles(["Manager"]):
        question = api.content.create(
            press_book,
            QUESTION,
            id="question",
            title="Les partenariats de l'intercommunale IMIO",
            assembly="parlement-wallonie",
            question_type="written",
            question_date=date(2015, 7, 10),
            year=2015,
            asked_by="DUPONT Jean-Marc",
            addressed_to="FURLAN Paul",
        )
    transaction.commit()
    page = open_form(browser, f"{question.absolute_url()}/@@edit")
    [year] = page.xpath("//input[@id='form-widgets-year']")
    assert year.get("value") == "2015"  # the French locale would write "2 015"
    browser.getControl(name="form.widgets.year").value = "2016"
    browser.getControl(name="form.buttons.save").click()
    transaction.begin()
    assert press_book["question"].year == 2016
