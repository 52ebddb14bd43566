"""The "Presse" control panel: the outlets and assemblies as editable rows.

Real form posts over the publisher (CSRF token included), starting from the
rows the page shows, as a browser would.
"""

from datetime import date
from imio.pressbook import _
from imio.pressbook.controlpanels.settings import IAssemblyRow
from imio.pressbook.controlpanels.settings import IOutletRow
from imio.pressbook.controlpanels.settings import IPressSettings
from imio.pressbook.vocabularies.assemblies import ASSEMBLIES
from imio.pressbook.vocabularies.outlets import OUTLETS
from lxml import html as lxml_html
from persistent import Persistent
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from plone.testing.zope import Browser
from urllib.parse import urlencode
from zope.component import getUtility
from zope.i18n import translate
from zope.schema.interfaces import IVocabularyFactory

import pytest
import re
import transaction


PANEL = "@@pressbook-controlpanel"
ROW = re.compile(
    r"^form\.widgets\.(outlets|assemblies)\.(\d+)\.widgets\.(\w+)(:list)?$"
)
# any row's cell, the blank rows' ("AA", "TT") included
CELL = re.compile(r"^form\.widgets\.\w+\.(\w+)\.widgets\.(\w+)(?::list)?$")
CHOICES = {"kind", "language"}


def fr(message):
    """As the French catalog says it."""
    return translate(message, target_language="fr")


def text_of(element):
    return " ".join(element.text_content().split())


@pytest.fixture
def browser(functional):
    browser = Browser(functional["app"])
    browser.handleErrors = False
    browser.raiseHttpErrors = False
    browser.addHeader("Authorization", f"Basic {SITE_OWNER_NAME}:{SITE_OWNER_PASSWORD}")
    browser.addHeader("Accept-Language", "fr")
    return browser


@pytest.fixture
def panel_url(functional):
    return f"{functional['portal'].absolute_url()}/{PANEL}"


@pytest.fixture
def press_book(functional):
    portal = functional["portal"]
    with api.env.adopt_roles(["Manager"]):
        book = api.content.create(
            portal, "imio.pressbook.PressBook", id="medias", title="Dans les médias"
        )
    transaction.commit()
    return book


def add_article(book, id, outlet, publish=True):
    with api.env.adopt_roles(["Manager"]):
        article = api.content.create(
            book,
            "imio.pressbook.PressArticle",
            id=id,
            title=f"Article {id}",
            publication_date=date(2014, 1, 21),
            outlet=outlet,
        )
        if publish:
            api.content.transition(article, "publish")
    transaction.commit()
    return article


def add_question(book, id, assembly):
    with api.env.adopt_roles(["Manager"]):
        question = api.content.create(
            book,
            "imio.pressbook.ParliamentaryQuestion",
            id=id,
            title=f"Question {id}",
            assembly=assembly,
            question_date=date(2015, 7, 10),
            asked_by="DUPONT Jean-Marc",
            addressed_to="FURLAN Paul",
        )
    transaction.commit()
    return question


def shown_rows(page):
    """The rows of both grids as the page shows them (hidden tokens included)."""
    form = lxml_html.fromstring(page).get_element_by_id("form")
    rows = {"outlets": {}, "assemblies": {}}
    for name, value in form.form_values():
        match = ROW.match(name)
        if match:
            grid, index, column, _list = match.groups()
            rows[grid].setdefault(int(index), {})[column] = value
    return {grid: [rows[grid][i] for i in sorted(rows[grid])] for grid in rows}


def grid_data(grid, rows):
    data = [(f"form.widgets.{grid}.count", str(len(rows)))]
    for index, row in enumerate(rows):
        prefix = f"form.widgets.{grid}.{index}"
        data.append((f"{prefix}-empty-marker", "1"))
        for column, value in row.items():
            if column in CHOICES:
                data.append((f"{prefix}.widgets.{column}:list", value or "--NOVALUE--"))
                data.append((f"{prefix}.widgets.{column}-empty-marker", "1"))
            else:
                data.append((f"{prefix}.widgets.{column}", value or ""))
    return data


def save(browser, url, change):
    """Open the panel, let ``change(rows)`` edit the rows shown, save."""
    browser.open(url)
    token = re.search(
        r'name="_authenticator"[^>]*value="([^"]+)"', browser.contents
    ).group(1)
    rows = shown_rows(browser.contents)
    change(rows)
    data = grid_data("outlets", rows["outlets"]) + grid_data(
        "assemblies", rows["assemblies"]
    )
    data += [("form.buttons.save", "Enregistrer"), ("_authenticator", token)]
    browser.post(url, urlencode(data))
    return browser.contents


def stored(record):
    """As the server stored it (not the test request's registry cache)."""
    transaction.begin()
    return api.portal.get_tool("portal_registry").records[record].value


def tokens(rows):
    return [row["token"] for row in rows]


def field_error(page, grid):
    block = lxml_html.fromstring(page).get_element_by_id(
        f"formfield-form-widgets-{grid}"
    )
    errors = block.find_class("invalid-feedback")
    return " ".join(text_of(error) for error in errors)


def outlet(rows, token):
    [row] = [row for row in rows if row["token"] == token]
    return row


# what a new site starts with


def test_the_registry_starts_with_the_outlets_and_assemblies_of_before(functional):
    registry_outlets = api.portal.get_registry_record("imio.pressbook.outlets")
    registry_assemblies = api.portal.get_registry_record("imio.pressbook.assemblies")
    assert [(row["token"], row["name"]) for row in registry_outlets] == list(OUTLETS)
    assert [(row["token"], row["name"]) for row in registry_assemblies] == list(
        ASSEMBLIES
    )
    assert outlet(registry_outlets, "le-soir")["kind"] == "daily"
    assert outlet(registry_outlets, "rtl-tvi")["kind"] == "tv"
    assert outlet(registry_outlets, "belga")["kind"] == "agency"
    assert outlet(registry_outlets, "grenzecho")["language"] == "de"
    assert outlet(registry_assemblies, "parlement-wallonie")["answer_deadline"] == 28


def test_the_panel_is_listed_in_site_setup_for_administrators(functional):
    controlpanel = api.portal.get_tool("portal_controlpanel")
    [configlet] = [
        action for action in controlpanel.listActions() if action.id == "imio.pressbook"
    ]
    assert configlet.category == "Products"
    assert configlet.permissions == ("imio.pressbook: Manage press settings",)
    assert configlet.getActionExpression().endswith("/@@pressbook-controlpanel")
    roles = {
        role["name"]
        for role in functional["portal"].rolesOfPermission(
            "imio.pressbook: Manage press settings"
        )
        if role["selected"]
    }
    assert roles == {"Manager", "Site Administrator"}


def test_the_site_setup_overview_links_to_the_panel(browser, functional):
    browser.open(f"{functional['portal'].absolute_url()}/@@overview-controlpanel")
    page = lxml_html.fromstring(browser.contents)
    links = page.xpath('//a[contains(@href, "/@@pressbook-controlpanel")]')
    assert links
    assert all(fr(_("Press")) in text_of(link) for link in links)


def test_an_editor_cannot_open_the_panel(functional, panel_url):
    with api.env.adopt_roles(["Manager"]):
        api.user.create(
            email="redac@example.org",
            username="redac",
            password="Une-longue-phrase-2014",
            roles=("Member",),
        )
        api.user.grant_roles(username="redac", roles=["Editor", "Reviewer"])
    transaction.commit()
    browser = Browser(functional["app"])
    browser.raiseHttpErrors = False
    browser.addHeader("Authorization", "Basic redac:Une-longue-phrase-2014")
    browser.open(panel_url)
    assert browser.url.endswith("/insufficient-privileges")
    assert 'id="form-widgets-outlets"' not in browser.contents


# the form


def test_the_form_renders_in_french_with_the_rows(browser, panel_url):
    browser.open(panel_url)
    page = lxml_html.fromstring(browser.contents)
    assert text_of(page.xpath("//h1")[0]) == fr(_("Press"))
    # the column headers: title, then help
    headers = [text_of(header) for header in page.xpath("//thead//th")]
    for title in (
        _("Name"),
        _("Kind"),
        _("Website"),
        _("Language"),
        _("Short name"),
        _("Answer deadline (days)"),
    ):
        assert any(header.startswith(fr(title)) for header in headers), title
    # Plone's own words, in French
    [save_button] = page.xpath("//button[@name='form.buttons.save']")
    assert save_button.get("value") == "Enregistrer"
    rows = shown_rows(browser.contents)
    assert rows["outlets"][0] == {
        "token": "le-soir",
        "name": "Le Soir",
        "kind": "daily",
        "website": "https://www.lesoir.be",
        "language": "fr",
        "rights": "",
    }
    assert tokens(rows["assemblies"]) == [token for token, name in ASSEMBLIES]
    # the kinds, named in French
    options = page.xpath(
        "//select[@name='form.widgets.outlets.0.widgets.kind:list']/option/text()"
    )
    assert fr(_("Daily newspaper")) in [" ".join(o.split()) for o in options]
    # the token travels with its row, out of sight
    token = page.xpath("//input[@name='form.widgets.outlets.0.widgets.token']")[0]
    assert token.get("type") == "hidden"


def cells_and_their_names(page, grid):
    """``{(row, column): aria-label}`` of the grid's visible cells."""
    block = lxml_html.fromstring(page).get_element_by_id(
        f"formfield-form-widgets-{grid}"
    )
    cells = block.xpath(
        ".//tbody//input[not(@type='hidden')][starts-with(@name, 'form.widgets.')]"
        " | .//tbody//select"
    )
    return {
        CELL.match(cell.get("name")).groups(): cell.get("aria-label") for cell in cells
    }


@pytest.mark.parametrize(
    "grid, columns",
    [
        ("outlets", IOutletRow),
        ("assemblies", IAssemblyRow),
    ],
)
def test_every_cell_of_the_grids_is_named_after_its_column(
    browser, panel_url, grid, columns
):
    """Screen readers hear "Nom", "Type"... in each cell (a column header is
    no label), on the page as it opens and as a refused save shows it again."""
    browser.open(panel_url)
    opened = cells_and_their_names(browser.contents, grid)

    def empty_name(rows):
        rows[grid][0]["name"] = ""

    refused = cells_and_their_names(save(browser, panel_url, empty_name), grid)
    assert field_error(browser.contents, grid)
    for cells in (opened, refused):
        # the stored rows, the blank auto-append row and the template row
        assert {row for row, _column in cells} >= {"0", "1", "AA", "TT"}
        for (row, column), name in cells.items():
            assert name == fr(columns[column].title), (row, column)


def test_the_form_saves_a_new_row_with_a_token_made_from_its_name(browser, panel_url):
    def add(rows):
        rows["outlets"].append(
            {
                "token": "",
                "name": "Le Courrier de l'Escaut",
                "kind": "daily",
                "website": "https://www.lavenir.net",
                "language": "fr",
                "rights": "IPM Group",
            }
        )
        rows["assemblies"][0]["answer_deadline"] = "30"

    page = save(browser, panel_url, add)
    assert "Modifications sauvegardées." in page
    outlets = stored("imio.pressbook.outlets")
    assert tokens(outlets)[: len(OUTLETS)] == [token for token, name in OUTLETS]
    assert outlets[-1] == {
        "token": "le-courrier-de-lescaut",
        "name": "Le Courrier de l'Escaut",
        "kind": "daily",
        "website": "https://www.lavenir.net",
        "language": "fr",
        "rights": "IPM Group",
    }
    assemblies = stored("imio.pressbook.assemblies")
    assert assemblies[0]["answer_deadline"] == 30


def test_a_second_row_of_the_same_name_gets_its_own_token(browser, panel_url):
    def add(rows):
        for _index in range(2):
            rows["outlets"].append({"token": "", "name": "Le Soir", "kind": "daily"})

    save(browser, panel_url, add)
    assert tokens(stored("imio.pressbook.outlets"))[-2:] == ["le-soir-2", "le-soir-3"]


def test_renaming_keeps_the_token_and_the_content_shows_the_new_name(
    browser, panel_url, press_book
):
    article = add_article(press_book, "bilan", "le-soir")
    question = add_question(press_book, "q", "parlement-wallonie")

    def rename(rows):
        rows["outlets"][0]["name"] = "Le Soir Bruxelles"
        rows["assemblies"][0]["name"] = "Parlement wallon"

    save(browser, panel_url, rename)
    outlets = stored("imio.pressbook.outlets")
    assert outlets[0]["token"] == "le-soir"
    assert outlets[0]["name"] == "Le Soir Bruxelles"
    assert stored("imio.pressbook.assemblies")[0]["token"] == "parlement-wallonie"
    # the content keeps its token and shows the new name
    assert article.outlet == "le-soir"
    browser.open(article.absolute_url())
    assert "Le Soir Bruxelles" in browser.contents
    browser.open(question.absolute_url())
    assert "Parlement wallon" in browser.contents
    vocabulary = getUtility(IVocabularyFactory, "imio.pressbook.vocabulary.Outlets")(
        article
    )
    assert vocabulary.getTerm("le-soir").title == "Le Soir Bruxelles"
    # and is found by it
    catalog = api.portal.get_tool("portal_catalog")
    found = catalog.unrestrictedSearchResults(SearchableText="Bruxelles")
    assert [brain.getId for brain in found] == ["bilan"]


def test_deleting_an_outlet_in_use_is_refused_with_the_count(
    browser, panel_url, press_book
):
    # whatever their state: one published, one private
    add_article(press_book, "un", "le-soir")
    add_article(press_book, "deux", "le-soir", publish=False)

    def delete(rows):
        del rows["outlets"][0]

    page = save(browser, panel_url, delete)
    message = fr(
        _(
            "“${name}” is used by ${count} item(s): it cannot be deleted.",
            mapping={"name": "Le Soir", "count": 2},
        )
    )
    assert message in field_error(page, "outlets")
    assert "Le Soir" in message and "2" in message
    # nothing stored
    assert tokens(stored("imio.pressbook.outlets")) == [t for t, n in OUTLETS]


def test_deleting_an_assembly_in_use_is_refused(browser, panel_url, press_book):
    add_question(press_book, "q", "chambre")

    def delete(rows):
        rows["assemblies"] = [
            row for row in rows["assemblies"] if row["token"] != "chambre"
        ]

    page = save(browser, panel_url, delete)
    assert fr(
        _(
            "“${name}” is used by ${count} item(s): it cannot be deleted.",
            mapping={"name": "Chambre des représentants de Belgique", "count": 1},
        )
    ) in field_error(page, "assemblies")
    assert "chambre" in tokens(stored("imio.pressbook.assemblies"))


def test_deleting_an_unused_outlet_is_allowed(browser, panel_url, press_book):
    add_article(press_book, "un", "le-soir")

    def delete(rows):
        rows["outlets"] = [row for row in rows["outlets"] if row["token"] != "metro"]

    save(browser, panel_url, delete)
    outlets = tokens(stored("imio.pressbook.outlets"))
    assert "metro" not in outlets
    assert "le-soir" in outlets


def test_two_rows_with_one_token_are_refused(browser, panel_url):
    def duplicate(rows):
        rows["outlets"][1]["token"] = "le-soir"

    page = save(browser, panel_url, duplicate)
    assert fr(
        _(
            "The identifier “${token}” is given to several rows.",
            mapping={"token": "le-soir"},
        )
    ) in field_error(page, "outlets")
    assert outlet(stored("imio.pressbook.outlets"), "la-libre")["name"] == (
        "La Libre Belgique"
    )


def test_a_website_that_is_not_http_is_refused(browser, panel_url):
    def bad(rows):
        rows["outlets"][0]["website"] = "javascript:alert(1)"

    page = save(browser, panel_url, bad)
    assert field_error(page, "outlets")
    assert stored("imio.pressbook.outlets")[0]["website"] == "https://www.lesoir.be"


# the outlet_kind index follows the panel


def kinds_indexed(ids):
    transaction.begin()
    catalog = api.portal.get_tool("portal_catalog")
    brains = catalog.unrestrictedSearchResults(id=ids)
    return {brain.getId: brain.outlet_kind for brain in brains}


def test_a_kind_change_reindexes_the_articles_of_that_outlet(
    browser, panel_url, press_book
):
    add_article(press_book, "un", "le-soir")
    add_article(press_book, "deux", "le-soir", publish=False)
    add_article(press_book, "trois", "la-libre")
    assert kinds_indexed(["un", "deux", "trois"]) == {
        "un": "daily",
        "deux": "daily",
        "trois": "daily",
    }

    def change(rows):
        rows["outlets"][0]["kind"] = "online"

    save(browser, panel_url, change)
    assert kinds_indexed(["un", "deux", "trois"]) == {
        "un": "online",
        "deux": "online",
        "trois": "daily",
    }
    catalog = api.portal.get_tool("portal_catalog")
    found = catalog.unrestrictedSearchResults(outlet_kind="online")
    assert sorted(brain.getId for brain in found) == ["deux", "un"]


def test_the_registry_stores_its_own_copy_of_the_row_fields(functional):
    """The schema, shared by every request, never joins a database connection."""
    registry = api.portal.get_tool("portal_registry")
    for name in ("outlets", "assemblies"):
        schema_row = IPressSettings[name].value_type
        stored_row = registry.records[f"imio.pressbook.{name}"].field.value_type
        assert not isinstance(schema_row, Persistent)
        assert isinstance(stored_row, Persistent)
        assert stored_row.schema is schema_row.schema


def test_a_row_without_name_is_refused_and_nothing_stored(browser, panel_url):
    before = stored("imio.pressbook.outlets")

    def add(rows):
        rows["outlets"].append(
            {
                "token": "",
                "name": "",
                "kind": "daily",
                "website": "",
                "language": "fr",
                "rights": "",
            }
        )

    page = save(browser, panel_url, add)
    assert "Modifications sauvegardées." not in page
    assert "invalid-feedback" in page or "error" in page
    assert stored("imio.pressbook.outlets") == before


def test_the_form_carries_no_client_side_validation(browser, panel_url):
    """pat-validation would keep the browser busy for seconds on save (~40 rows)."""
    browser.open(panel_url)
    form = lxml_html.fromstring(browser.contents).get_element_by_id("form")
    assert "pat-validation" not in form.get("class")
