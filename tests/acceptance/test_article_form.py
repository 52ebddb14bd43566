"""An editor files a clipping in the add form, in Chromium, with the mouse
and the keyboard only: outlet from the grouped searchable select, date, two
themes, a keyword and the scan, in under a dozen clicks, without being able to
misfile it."""

from datetime import date
from datetime import timedelta
from playwright.sync_api import expect
from plone import api

import pytest
import re
import transaction


ARTICLE = "imio.pressbook.PressArticle"
TITLE = "IMIO touche 3,5 millions d'habitants"
SCAN = {
    "name": "dh-2014-01-21.pdf",
    "mimeType": "application/pdf",
    "buffer": b"%PDF-1.4\n% La Derniere Heure, 21 janvier 2014, p. 12\n%%EOF\n",
}


@pytest.fixture
def keyword_in_use(press_book):
    """A keyword that another item of the site carries. Whether an editor may
    also coin new ones is the site's choice (Plone's "roles allowed to add
    keywords": Manager, Site Administrator and Reviewer by default)."""
    with api.env.adopt_roles(["Manager"]):
        other = api.content.create(
            press_book,
            ARTICLE,
            id="autre",
            title="IMIO, la mutualisation au service des communes",
            publication_date=date(2013, 5, 2),
            outlet="le-soir",
        )
        other.setSubject(["mutualisation"])
        other.reindexObject()
    transaction.commit()
    return "mutualisation"


@pytest.fixture
def book_url(press_book, functional_url):
    return f"{functional_url}/{press_book.getId()}"


class Clicks:
    """Every mouse click of the editor goes through here, and is counted."""

    def __init__(self):
        self.count = 0

    def __call__(self, locator):
        locator.click()
        self.count += 1


def stored(book):
    transaction.begin()  # see what the server committed
    return dict(book.objectItems())


def open_add_form(page, book_url, click):
    """From the press section, the toolbar's add menu."""
    page.goto(book_url)
    click(page.locator("#plone-contentmenu-factories > a"))
    menu = page.locator("#plone-contentmenu-factories .dropdown-menu")
    click(menu.get_by_role("link", name="Article de presse"))
    expect(page).to_have_url(f"{book_url}/++add++{ARTICLE}")


def fill_title_and_date(page, click, day="2014-01-21"):
    click(page.locator("#form-widgets-title"))
    page.keyboard.type(TITLE)
    click(page.locator("#form-widgets-publication_date"))
    page.locator("#form-widgets-publication_date").fill(day)


@pytest.mark.browser
def test_editor_files_a_clipping_in_under_a_dozen_clicks(
    press_book, keyword_in_use, book_url, editor_page, select2
):
    page = editor_page
    click = Clicks()
    open_add_form(page, book_url, click)
    fill_title_and_date(page, click)

    # the outlet: nothing chosen yet; the list is grouped by kind
    outlet = page.locator("#s2id_form-widgets-outlet")
    expect(outlet).to_contain_text("— Choisir un média —")
    click(outlet)
    groups = page.locator(".select2-drop-active .select2-result-with-children")
    expect(groups.locator(".select2-result-label").first).to_have_text("Quotidien")
    select2.type_and_enter(page, "derni", "La Dernière Heure")
    expect(outlet).to_contain_text("La Dernière Heure")

    # two themes, each shown under its parent, then a free keyword: one
    # click in each field, the rest on the keyboard
    click(page.locator("#s2id_form-widgets-themes"))
    select2.type_and_enter(page, "logiciels", "Informatique » Logiciels libres")
    select2.type_and_enter(page, "tutelle", "Pouvoirs locaux » Tutelle")
    click(page.locator("#s2id_form-widgets-ICategorization-subjects"))
    select2.type_and_enter(page, "mutu", keyword_in_use)

    # the scan, through the file chooser
    with page.expect_file_chooser() as chooser:
        click(page.locator("input[type=file][name='form.widgets.paper_version']"))
    chooser.value.set_files(SCAN)

    click(page.locator("#form-buttons-save"))
    expect(page).to_have_url(re.compile(rf"^{re.escape(book_url)}/[^/]+/view$"))
    assert click.count < 12, click.count

    articles = stored(press_book)
    articles.pop("autre")
    [article] = articles.values()
    assert article.title == TITLE
    assert article.publication_date == date(2014, 1, 21)
    assert article.outlet == "la-derniere-heure"
    assert article.themes == ["logiciels-libres", "tutelle"]
    assert article.Subject() == (keyword_in_use,)
    assert article.paper_version.filename == SCAN["name"]
    assert article.paper_version.data == SCAN["buffer"]
    expect(page.locator("#content")).to_contain_text("La Dernière Heure")


@pytest.mark.browser
def test_a_forgotten_outlet_is_an_error_and_nothing_is_filed(
    press_book, book_url, editor_page
):
    page = editor_page
    page.goto(f"{book_url}/++add++{ARTICLE}")
    fill_title_and_date(page, Clicks())
    page.locator("#form-buttons-save").click()

    # back on the form, the outlet field says what is missing
    expect(page).to_have_url(f"{book_url}/++add++{ARTICLE}")
    field = page.locator("#formfield-form-widgets-outlet")
    expect(field.locator(".invalid-feedback")).to_have_text(
        "Choisissez le média qui a publié l'article."
    )
    expect(page.locator("#s2id_form-widgets-outlet")).to_contain_text(
        "— Choisir un média —"
    )
    expect(page.locator("#form-widgets-title")).to_have_value(TITLE)
    assert stored(press_book) == {}


@pytest.mark.browser
def test_an_article_dated_tomorrow_is_refused(
    press_book, book_url, editor_page, select2
):
    page = editor_page
    page.goto(f"{book_url}/++add++{ARTICLE}")
    tomorrow = (date.today() + timedelta(days=1)).isoformat()
    fill_title_and_date(page, Clicks(), day=tomorrow)
    select2.pick(page, "form-widgets-outlet", "soir", "Le Soir")
    page.locator("#form-buttons-save").click()

    expect(page).to_have_url(f"{book_url}/++add++{ARTICLE}")
    field = page.locator("#formfield-form-widgets-publication_date")
    expect(field.locator(".invalid-feedback")).to_have_text(
        "La date ne peut pas être dans le futur."
    )
    # the outlet chosen is still chosen
    expect(page.locator("#s2id_form-widgets-outlet")).to_contain_text("Le Soir")
    assert stored(press_book) == {}
