"""axe-core in Chromium finds no critical or serious issue in the add-on's own
markup: the press section's listing (visitor and editor), an article with its
scan and themes, a question with its answers, both add forms and the "Presse"
control panel.

The demo site of `make start` (DEMO layer). Plone's and TinyMCE's own issues
(Barceloneta's contrasts, the toolbar, ...) are listed at the end of the run
and not counted: see ``axe`` in conftest.py for where the add-on's markup ends.
"""

from imio.pressbook.content.parliamentary_question import IParliamentaryQuestion
from imio.pressbook.content.press_article import IPressArticle
from imio.pressbook.controlpanels.panel import IOutletForm
from imio.pressbook.controlpanels.settings import IAssemblyRow
from imio.pressbook.setuphandlers.demo import PRESENTATION_ID
from imio.pressbook.setuphandlers.demo import PRESS_BOOK_ID
from playwright.sync_api import expect
from plone import api

import pytest
import transaction


pytestmark = pytest.mark.browser

ARTICLE = "imio.pressbook.PressArticle"
QUESTION = "imio.pressbook.ParliamentaryQuestion"
# the seed article: a scan (members only), two themes, keywords
SEED_ARTICLE = "imio-touche-3-5-millions-d-habitants"
# a question with two answers and two themes
QUESTION_WITH_ANSWERS = "le-financement-de-l-informatique-des-cpas"
EDITOR = ("redactrice", "Presse-2015-secret")
ADMIN = ("administratrice", "Gerer-la-presse-2015")


def assert_no_serious_issue(report):
    """Nothing critical or serious in the add-on's markup."""
    assert not report.own_blocking, report.explain()


@pytest.fixture
def book_url(demo_url):
    return f"{demo_url}/{PRESENTATION_ID}/{PRESS_BOOK_ID}"


@pytest.fixture
def demo_editor_page(demo, open_page):
    """The demo press section's editor (Contributor and Editor there)."""
    portal = demo["portal"]
    book = portal[PRESENTATION_ID][PRESS_BOOK_ID]
    with api.env.adopt_roles(["Manager"]):
        api.user.create(
            email="redactrice@example.org", username=EDITOR[0], password=EDITOR[1]
        )
        api.user.grant_roles(
            username=EDITOR[0], obj=book, roles=["Contributor", "Editor"]
        )
    transaction.commit()
    return open_page(EDITOR)


@pytest.fixture
def site_administrator_page(demo, open_page):
    with api.env.adopt_roles(["Manager"]):
        api.user.create(
            email="administratrice@example.org", username=ADMIN[0], password=ADMIN[1]
        )
        api.user.grant_roles(username=ADMIN[0], roles=["Site Administrator"])
    transaction.commit()
    return open_page(ADMIN)


def test_axe_counts_only_the_add_ons_markup(page, axe):
    """The split itself: an unlabelled input inside the add-on's markup
    counts, the same input in Plone's markup is only listed."""
    page.set_content(
        '<html lang="fr"><head><title>Essai</title></head><body><main>'
        '<h1>Essai</h1><div class="pressbook-answers"><input type="text"></div>'
        '<div id="formfield-form-widgets-number"><select></select></div>'
        '<div class="portlet"><input type="text" id="plone"></div>'
        "</main></body></html>"
    )
    report = axe(page, "#formfield-form-widgets-number")
    assert {(i.rule, i.target) for i in report.own_blocking} == {
        ("label", ".pressbook-answers > input"),
        ("select-name", "select"),
    }
    assert [(i.rule, i.target) for i in report.others] == [("label", "#plone")]


def test_listing_for_a_visitor(page, book_url, axe):
    page.goto(book_url)
    expect(page.locator(".pressbook-book")).to_be_visible()
    assert_no_serious_issue(axe(page))


def test_editors_pages_and_forms(demo_editor_page, book_url, axe):
    """The listing, an article with its scan and themes, a question with its
    answers and themes, the two add forms: one editor's session, every page's
    issues reported together."""
    page = demo_editor_page
    reports = []

    page.goto(book_url)
    expect(page.locator(".pressbook-book")).to_be_visible()
    expect(page.locator("#edit-bar")).to_be_attached()  # the toolbar: an editor
    reports.append(axe(page))

    page.goto(f"{book_url}/{SEED_ARTICLE}")
    article = page.locator(".pressbook-article")
    expect(article.get_by_role("link", name="Voir la version papier")).to_be_visible()
    expect(page.locator(".pressbook-theme").first).to_be_visible()
    reports.append(axe(page))

    page.goto(f"{book_url}/{QUESTION_WITH_ANSWERS}")
    question = page.locator(".pressbook-question")
    expect(question).to_contain_text("Réponse du")
    reports.append(axe(page))

    page.goto(f"{book_url}/++add++{ARTICLE}")
    expect(page.locator("#s2id_form-widgets-themes")).to_be_visible()
    expect(page.locator("#form-widgets-paper_version-input")).to_be_attached()
    expect(page.locator("#formfield-form-widgets-text .tox-tinymce")).to_be_visible()
    reports.append(axe(page, schemas=(IPressArticle,)))

    page.goto(f"{book_url}/++add++{QUESTION}")
    expect(
        page.locator("#formfield-form-widgets-answers textarea").first
    ).to_be_attached()
    expect(page.locator("#s2id_form-widgets-themes")).to_be_visible()
    expect(
        page.locator("#formfield-form-widgets-question_text .tox-tinymce")
    ).to_be_visible()
    reports.append(axe(page, schemas=(IParliamentaryQuestion,)))

    failing = [report for report in reports if report.own_blocking]
    assert not failing, "\n\n".join(report.explain() for report in failing)


def test_press_control_panel(site_administrator_page, demo_url, axe):
    """The panel's two tables, and the forms of an outlet (with its logo) and
    of an assembly."""
    page = site_administrator_page
    page.goto(f"{demo_url}/@@pressbook-controlpanel")
    expect(page.locator("#pressbook-outlets table")).to_be_visible()
    expect(page.locator("#pressbook-assemblies table")).to_be_visible()
    assert_no_serious_issue(axe(page))
    page.goto(f"{demo_url}/@@pressbook-outlet-edit?token=le-soir")
    expect(page.locator("#form-widgets-name")).to_be_visible()
    assert_no_serious_issue(axe(page, schemas=(IOutletForm,)))
    page.goto(f"{demo_url}/@@pressbook-assembly-add")
    expect(page.locator("#form-widgets-name")).to_be_visible()
    assert_no_serious_issue(axe(page, schemas=(IAssemblyRow,)))
