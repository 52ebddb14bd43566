"""The "Presse" control panel: two searchable tables, each row in its own form.

Real pages and form posts over the publisher (zope.testbrowser: the forms as a
browser fills them, by their labels, plone.protect's token included).
"""

from datetime import date
from imio.pressbook import _
from imio.pressbook.controlpanels.settings import IPressSettings
from imio.pressbook.vocabularies.assemblies import ASSEMBLIES
from imio.pressbook.vocabularies.outlets import logo
from imio.pressbook.vocabularies.outlets import logo_url
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
OUTLETS_RECORD = "imio.pressbook.outlets"
ASSEMBLIES_RECORD = "imio.pressbook.assemblies"


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


def stored(record):
    """As the server stored it (not the test request's registry cache)."""
    transaction.begin()
    return api.portal.get_tool("portal_registry").records[record].value


def tokens(rows):
    return [row["token"] for row in rows]


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
    assert 'id="pressbook-outlets"' not in browser.contents
    browser.open(panel_url.replace(PANEL, "@@pressbook-outlet-edit?token=le-soir"))
    assert browser.url.endswith("/insufficient-privileges")


# helpers: the panel's pages as a browser uses them


def page_of(browser):
    return lxml_html.fromstring(browser.contents)


def status(browser):
    return int(browser.headers["status"].split()[0])


def row_page(panel_url, list_name, action, token=None):
    view = {"outlets": "pressbook-outlet", "assemblies": "pressbook-assembly"}
    url = panel_url.replace(PANEL, f"@@{view[list_name]}-{action}")
    return f"{url}?{urlencode({'token': token})}" if token else url


def edit(browser, panel_url, list_name, token):
    browser.open(row_page(panel_url, list_name, "edit", token))


def add(browser, panel_url, list_name):
    browser.open(row_page(panel_url, list_name, "add"))


def save(browser):
    browser.getControl(name="form.buttons.save").click()
    return browser.contents


def shown_names(browser, list_name):
    section = page_of(browser).get_element_by_id(f"pressbook-{list_name}")
    return [text_of(th) for th in section.xpath(".//tbody/tr/th")]


def errors_of(browser):
    page = page_of(browser)
    found = page.find_class("invalid-feedback") + page.find_class("statusmessage-error")
    return " ".join(text_of(element) for element in found)


def image_bytes(kind="PNG", size=(120, 40)):
    from PIL import Image

    import io

    out = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(out, kind)
    return out.getvalue()


def upload_logo(browser, data, filename="logo.png", content_type="image/png"):
    control = browser.getControl(fr(_("Image file")))
    control.add_file(data, content_type, filename)


# the panel's page


def test_the_panel_shows_both_tables_in_french_with_headers_and_captions(
    browser, panel_url
):
    browser.open(panel_url)
    page = page_of(browser)
    assert text_of(page.xpath("//h1")[0]) == fr(_("Press"))
    captions = [text_of(caption) for caption in page.xpath("//table/caption")]
    assert captions == [fr(_("Media outlets")), fr(_("Assemblies"))]
    for table in page.xpath("//table"):
        assert table.xpath("./thead/tr/th[@scope='col']")
        for row in table.xpath("./tbody/tr"):
            assert row.xpath("./th[@scope='row']")
    headers = [text_of(th) for th in page.xpath("//thead//th")]
    for title in ("Name", "Kind", "Website", "Short name", "Answer deadline (days)"):
        assert fr(_(title)) in headers
    assert shown_names(browser, "outlets") == [name for token, name in OUTLETS]
    assert shown_names(browser, "assemblies") == [name for t, name in ASSEMBLIES]
    # the kinds, named in French
    [soir] = page.xpath("//tr[@id='pressbook-outlet-le-soir']")
    assert fr(_("Daily newspaper")) in [text_of(td) for td in soir.xpath("./td")]
    # each action link names its row for screen readers
    links = [text_of(a) for a in soir.xpath(".//a")]
    assert links == [f"{fr(_('Edit'))} Le Soir", f"{fr(_('Delete'))} Le Soir"]


def test_every_control_of_the_panel_and_its_forms_is_labelled_and_ids_unique(
    browser, panel_url
):
    for url in (
        panel_url,
        row_page(panel_url, "outlets", "add"),
        row_page(panel_url, "outlets", "edit", "le-soir"),
        row_page(panel_url, "assemblies", "edit", "chambre"),
        row_page(panel_url, "outlets", "delete", "metro"),
    ):
        browser.open(url)
        page = page_of(browser)
        content = page.get_element_by_id("content")
        ids = [element.get("id") for element in page.xpath("//*[@id]")]
        assert len(ids) == len(set(ids)), url
        labelled = {label.get("for") for label in page.xpath("//label[@for]")}
        controls = content.xpath(
            ".//input[not(@type='hidden') and not(@type='submit')]|.//select"
            "|.//textarea"
        )
        assert controls or "delete" in url
        for control in controls:
            assert control.get("id") in labelled or control.get("aria-label"), (
                url,
                control.get("name"),
            )


def test_the_search_filters_the_outlets_without_javascript(browser, panel_url):
    # a GET form: accents and capitals do not matter
    browser.open(panel_url)
    form = browser.getForm(action=re.compile(r"pressbook-outlets$"))
    form.getControl(fr(_("Search the media outlets"))).value = "RTBF"
    form.submit()
    assert "search_outlets=RTBF" in browser.url
    names = shown_names(browser, "outlets")
    assert names == [
        "RTBF Info",
        "La Première (RTBF)",
        "VivaCité (RTBF)",
        "La Une (RTBF)",
    ]
    count = text_of(page_of(browser).get_element_by_id("pressbook-outlets-count"))
    assert count == f"Médias affichés : 4 sur {len(OUTLETS)}."
    # the other table is whole, and keeps the search when searched in turn
    assert len(shown_names(browser, "assemblies")) == len(ASSEMBLIES)
    form = browser.getForm(action=re.compile(r"pressbook-assemblies$"))
    form.getControl(fr(_("Search the assemblies"))).value = "wallon"
    form.submit()
    assert shown_names(browser, "outlets") == names
    assert shown_names(browser, "assemblies") == [
        "Parlement de Wallonie",
        "Parlement de la Fédération Wallonie-Bruxelles",
    ]
    # accents and capitals do not matter; kinds are searched too
    browser.open(f"{panel_url}?{urlencode({'search_outlets': 'TELESAMBRE'})}")
    assert shown_names(browser, "outlets") == ["Télésambre"]
    browser.open(f"{panel_url}?{urlencode({'search_outlets': 'agence'})}")
    assert shown_names(browser, "outlets") == ["Belga"]


def test_the_table_counts_the_items_using_each_outlet(browser, panel_url, press_book):
    add_article(press_book, "un", "le-soir")
    add_article(press_book, "deux", "le-soir", publish=False)
    browser.open(panel_url)
    [soir] = page_of(browser).xpath("//tr[@id='pressbook-outlet-le-soir']")
    [libre] = page_of(browser).xpath("//tr[@id='pressbook-outlet-la-libre']")
    assert text_of(soir.xpath("./td")[-2]) == "2"
    assert text_of(libre.xpath("./td")[-2]) == "0"


# add, edit, delete


def test_an_outlet_added_in_its_form_gets_a_token_made_from_its_name(
    browser, panel_url
):
    browser.open(panel_url)
    browser.getLink(fr(_("Add a media outlet"))).click()
    assert browser.getControl(name="form.widgets.name").value == ""
    browser.getControl(fr(_("Name"))).value = "Le Courrier de l'Escaut"
    browser.getControl(fr(_("Kind"))).displayValue = [fr(_("Daily newspaper"))]
    browser.getControl(fr(_("Website"))).value = "https://www.lavenir.net"
    browser.getControl(fr(_("Language"))).displayValue = [fr(_("French"))]
    browser.getControl(fr(_("Rights holder or licence"))).value = "IPM Group"
    save(browser)
    assert browser.url.startswith(panel_url)
    assert "« Le Courrier de l'Escaut » enregistré." in browser.contents
    assert "Le Courrier de l'Escaut" in shown_names(browser, "outlets")
    outlets = stored(OUTLETS_RECORD)
    assert tokens(outlets)[: len(OUTLETS)] == [token for token, name in OUTLETS]
    assert outlets[-1] == {
        "token": "le-courrier-de-lescaut",
        "name": "Le Courrier de l'Escaut",
        "kind": "daily",
        "website": "https://www.lavenir.net",
        "language": "fr",
        "rights": "IPM Group",
    }


def test_a_second_outlet_of_the_same_name_gets_its_own_token(browser, panel_url):
    for _index in range(2):
        add(browser, panel_url, "outlets")
        browser.getControl(fr(_("Name"))).value = "Le Soir"
        save(browser)
    assert tokens(stored(OUTLETS_RECORD))[-2:] == ["le-soir-2", "le-soir-3"]


def test_the_edit_form_shows_the_row_and_its_token_read_only(browser, panel_url):
    edit(browser, panel_url, "outlets", "grenzecho")
    page = page_of(browser)
    assert text_of(page.xpath("//h1")[0]) == fr(_("Edit the media outlet"))
    assert browser.getControl(fr(_("Name"))).value == "GrenzEcho"
    assert browser.getControl(fr(_("Language"))).displayValue == [fr(_("German"))]
    token = page.get_element_by_id("formfield-form-widgets-token")
    assert "grenzecho" in text_of(token)
    assert not token.xpath(".//input[@name='form.widgets.token']")


def test_renaming_keeps_the_token_and_the_content_shows_the_new_name(
    browser, panel_url, press_book
):
    article = add_article(press_book, "bilan", "le-soir")
    question = add_question(press_book, "q", "parlement-wallonie")
    edit(browser, panel_url, "outlets", "le-soir")
    browser.getControl(fr(_("Name"))).value = "Le Soir Bruxelles"
    save(browser)
    edit(browser, panel_url, "assemblies", "parlement-wallonie")
    browser.getControl(name="form.widgets.name").value = "Parlement wallon"
    browser.getControl(name="form.widgets.answer_deadline").value = "30"
    save(browser)
    outlets = stored(OUTLETS_RECORD)
    assert outlets[0]["token"] == "le-soir"
    assert outlets[0]["name"] == "Le Soir Bruxelles"
    assert outlets[1:] == [
        dict(row) for row in api.portal.get_registry_record(OUTLETS_RECORD)[1:]
    ]
    assemblies = stored(ASSEMBLIES_RECORD)
    assert assemblies[0]["token"] == "parlement-wallonie"
    assert assemblies[0]["answer_deadline"] == 30
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
    catalog = api.portal.get_tool("portal_catalog")
    found = catalog.unrestrictedSearchResults(SearchableText="Bruxelles")
    assert [brain.getId for brain in found] == ["bilan"]


def test_an_assembly_is_added_in_its_form(browser, panel_url):
    browser.open(panel_url)
    browser.getLink(fr(_("Add an assembly"))).click()
    browser.getControl(name="form.widgets.name").value = "Conseil provincial de Namur"
    browser.getControl(fr(_("Short name"))).value = "CPN"
    browser.getControl(fr(_("Answer deadline (days)"))).value = "15"
    save(browser)
    assert stored(ASSEMBLIES_RECORD)[-1] == {
        "token": "conseil-provincial-de-namur",
        "name": "Conseil provincial de Namur",
        "short_name": "CPN",
        "website": None,
        "answer_deadline": 15,
    }


def test_deleting_an_unused_outlet_asks_then_deletes(browser, panel_url, press_book):
    add_article(press_book, "un", "le-soir")
    browser.open(panel_url)
    browser.getLink(url="@@pressbook-outlet-delete?token=metro").click()
    assert "Metro" in text_of(page_of(browser).xpath("//h1")[0])
    # the GET asked only
    assert "metro" in tokens(stored(OUTLETS_RECORD))
    browser.getControl(name="form.buttons.delete").click()
    assert browser.url.startswith(panel_url)
    outlets = tokens(stored(OUTLETS_RECORD))
    assert "metro" not in outlets
    assert "le-soir" in outlets


def test_deleting_an_outlet_in_use_is_refused_with_the_count(
    browser, panel_url, press_book
):
    # whatever their state: one published, one private
    add_article(press_book, "un", "le-soir")
    add_article(press_book, "deux", "le-soir", publish=False)
    url = row_page(panel_url, "outlets", "delete", "le-soir")
    browser.open(url)
    # the page says so, and offers no delete button
    assert "2" in text_of(page_of(browser).get_element_by_id("content"))
    assert not page_of(browser).xpath("//button[@name='form.buttons.delete']")
    # a POST anyway is refused with the rule's message
    authenticator = page_of(browser).xpath("//input[@name='_authenticator']")[0]
    browser.post(
        url,
        urlencode(
            {
                "_authenticator": authenticator.get("value"),
                "form.buttons.delete": "delete",
            }
        ),
    )
    assert status(browser) == 400
    message = fr(
        _(
            "“${name}” is used by ${count} item(s): it cannot be deleted.",
            mapping={"name": "Le Soir", "count": 2},
        )
    )
    assert message in errors_of(browser)
    assert tokens(stored(OUTLETS_RECORD)) == [t for t, n in OUTLETS]


def test_deleting_an_assembly_in_use_is_refused(browser, panel_url, press_book):
    add_question(press_book, "q", "chambre")
    url = row_page(panel_url, "assemblies", "delete", "chambre")
    browser.open(url)
    authenticator = page_of(browser).xpath("//input[@name='_authenticator']")[0]
    browser.post(url, urlencode({"_authenticator": authenticator.get("value")}))
    assert status(browser) == 400
    assert fr(
        _(
            "“${name}” is used by ${count} item(s): it cannot be deleted.",
            mapping={"name": "Chambre des représentants de Belgique", "count": 1},
        )
    ) in errors_of(browser)
    assert "chambre" in tokens(stored(ASSEMBLIES_RECORD))


def test_an_unknown_token_is_a_404(browser, panel_url):
    browser.handleErrors = True
    for action in ("edit", "delete"):
        browser.open(row_page(panel_url, "outlets", action, "le-monde"))
        assert status(browser) == 404
    browser.open(row_page(panel_url, "outlets", "edit"))
    assert status(browser) == 404


# bad input: a 400, French messages naming the field, nothing stored


@pytest.mark.parametrize(
    "label,value,field",
    [
        ("Name", "", "name"),
        ("Website", "javascript:alert(1)", "website"),
        ("Website", "ftp://ftp.lesoir.be", "website"),
    ],
)
def test_bad_outlet_input_is_a_400_naming_the_field(
    browser, panel_url, label, value, field
):
    before = stored(OUTLETS_RECORD)
    edit(browser, panel_url, "outlets", "le-soir")
    browser.getControl(fr(_(label))).value = value
    save(browser)
    assert status(browser) == 400
    assert fr(_(label)) in errors_of(browser)
    block = page_of(browser).get_element_by_id(f"formfield-form-widgets-{field}")
    assert block.find_class("invalid-feedback")
    assert stored(OUTLETS_RECORD) == before


def test_a_deadline_that_is_not_a_number_is_a_400_naming_it(browser, panel_url):
    before = stored(ASSEMBLIES_RECORD)
    edit(browser, panel_url, "assemblies", "chambre")
    browser.getControl(name="form.widgets.answer_deadline").value = "six semaines"
    save(browser)
    assert status(browser) == 400
    assert fr(_("Answer deadline (days)")) in errors_of(browser)
    assert stored(ASSEMBLIES_RECORD) == before


# plone.protect: no POST without its token


def test_a_post_without_the_authenticator_is_refused(browser, panel_url):
    browser.handleErrors = True
    url = row_page(panel_url, "outlets", "edit", "le-soir")
    data = {
        "form.widgets.name": "Le Soir piraté",
        "form.widgets.kind:list": "daily",
        "form.widgets.kind-empty-marker": "1",
        "form.widgets.language:list": "fr",
        "form.widgets.language-empty-marker": "1",
        "form.buttons.save": "Enregistrer",
    }
    browser.post(url, urlencode(data))
    assert status(browser) == 403
    browser.post(
        row_page(panel_url, "outlets", "delete", "metro"),
        urlencode({"form.buttons.delete": "delete"}),
    )
    assert status(browser) == 403
    browser.post(
        row_page(panel_url, "outlets", "add"),
        urlencode(dict(data, **{"form.widgets.name": "Le Monde"})),
    )
    assert status(browser) == 403
    assert tokens(stored(OUTLETS_RECORD)) == [t for t, n in OUTLETS]
    assert stored(OUTLETS_RECORD)[0]["name"] == "Le Soir"


# the outlets' logos


def test_a_logo_uploaded_in_the_outlet_form_is_served_to_everyone(
    browser, panel_url, functional
):
    edit(browser, panel_url, "outlets", "le-soir")
    data = image_bytes()
    upload_logo(browser, data)
    save(browser)
    assert browser.url.startswith(panel_url)
    transaction.begin()
    portal = functional["portal"]
    url = logo_url(portal, "le-soir")
    assert url.startswith(f"{portal.absolute_url()}/@@pressbook-outlet-logo/le-soir?v=")
    assert logo_url(portal, "la-libre") is None
    found = logo(portal, "le-soir")
    assert (found.width, found.height, found.content_type) == (120, 40, "image/png")
    # the registry rows are as they were: the logo is stored beside them
    assert stored(OUTLETS_RECORD)[0] == {
        "token": "le-soir",
        "name": "Le Soir",
        "kind": "daily",
        "website": "https://www.lesoir.be",
        "language": "fr",
        "rights": None,
    }
    # the table shows it
    browser.open(panel_url)
    [img] = page_of(browser).xpath("//tr[@id='pressbook-outlet-le-soir']//img")
    assert img.get("src") == url
    # anyone may fetch it, cacheable for good at its versioned address
    anonymous = Browser(functional["app"])
    anonymous.open(url)
    assert anonymous.contents == data
    assert anonymous.headers["Content-Type"] == "image/png"
    assert "immutable" in anonymous.headers["Cache-Control"]
    assert "public" in anonymous.headers["Cache-Control"]
    etag = anonymous.headers["ETag"]
    anonymous.open(url.split("?")[0])
    assert anonymous.headers["Cache-Control"] == "public, max-age=3600"
    anonymous.addHeader("If-None-Match", etag)
    anonymous.open(url)
    assert status(anonymous) == 304


def test_the_edit_form_keeps_replaces_and_removes_the_logo(
    browser, panel_url, functional
):
    portal = functional["portal"]
    edit(browser, panel_url, "outlets", "le-soir")
    upload_logo(browser, image_bytes())
    save(browser)
    transaction.begin()
    first = logo_url(portal, "le-soir")
    # saved again without a file: kept
    edit(browser, panel_url, "outlets", "le-soir")
    assert page_of(browser).xpath(f"//img[@src='{first}']")
    browser.getControl(fr(_("Name"))).value = "Le Soir (Rossel)"
    save(browser)
    transaction.begin()
    assert logo_url(portal, "le-soir") == first
    # a new file: replaced, at a new address
    edit(browser, panel_url, "outlets", "le-soir")
    upload_logo(browser, image_bytes("JPEG", (60, 60)), "soir.jpg", "image/jpeg")
    save(browser)
    transaction.begin()
    second = logo(portal, "le-soir")
    assert second.url != first
    assert (second.width, second.content_type) == (60, "image/jpeg")
    # removed
    edit(browser, panel_url, "outlets", "le-soir")
    browser.getControl(fr(_("Remove this logo"))).selected = True
    save(browser)
    transaction.begin()
    assert logo_url(portal, "le-soir") is None
    browser.handleErrors = True
    browser.open(second.url)
    assert status(browser) == 404


NOT_AN_IMAGE = _("The logo must be a PNG, JPEG, GIF or WebP image.")


@pytest.mark.parametrize(
    "data,filename,content_type,message",
    [
        (b"%PDF-1.4 not an image", "logo.pdf", "application/pdf", NOT_AN_IMAGE),
        (
            b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
            "logo.svg",
            "image/svg+xml",
            NOT_AN_IMAGE,
        ),
        (
            b"\x89PNG" + b"0" * (1024 * 1024 + 10),
            "big.png",
            "image/png",
            _(
                "The logo weighs ${size} KB; at most ${max} KB are accepted.",
                mapping={"size": 1025, "max": 1024},
            ),
        ),
        (
            image_bytes("PNG", (4001, 10)),
            "wide.png",
            "image/png",
            _(
                "The logo measures ${width} × ${height} pixels; at most "
                "${max} pixels a side are accepted.",
                mapping={"width": 4001, "height": 10, "max": 4000},
            ),
        ),
    ],
)
def test_a_bad_logo_is_a_400_in_french_and_nothing_stored(
    browser, panel_url, functional, data, filename, content_type, message
):
    edit(browser, panel_url, "outlets", "le-soir")
    browser.getControl(fr(_("Name"))).value = "Le Soir renommé"
    upload_logo(browser, data, filename, content_type)
    save(browser)
    assert status(browser) == 400
    errors = errors_of(browser)
    assert fr(_("Logo")) in errors and fr(message) in errors
    assert "logo" in errors.lower()
    transaction.begin()
    assert logo_url(functional["portal"], "le-soir") is None
    assert stored(OUTLETS_RECORD)[0]["name"] == "Le Soir"


def test_deleting_an_outlet_deletes_its_logo(browser, panel_url, functional):
    edit(browser, panel_url, "outlets", "metro")
    upload_logo(browser, image_bytes())
    save(browser)
    browser.open(row_page(panel_url, "outlets", "delete", "metro"))
    browser.getControl(name="form.buttons.delete").click()
    transaction.begin()
    assert logo_url(functional["portal"], "metro") is None


def test_only_administrators_upload_logos(functional, panel_url):
    browser = Browser(functional["app"])
    browser.handleErrors = True
    browser.raiseHttpErrors = False
    browser.open(row_page(panel_url, "outlets", "edit", "le-soir"))
    assert "form.widgets.logo" not in browser.contents
    assert "/login" in browser.url or "require_login" in browser.url


def test_an_unknown_logo_is_a_404(functional, panel_url):
    browser = Browser(functional["app"])
    browser.handleErrors = True
    browser.raiseHttpErrors = False
    browser.open(panel_url.replace(PANEL, "@@pressbook-outlet-logo/le-soir"))
    assert status(browser) == 404


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

    edit(browser, panel_url, "outlets", "le-soir")
    browser.getControl(fr(_("Kind"))).displayValue = [fr(_("News website"))]
    save(browser)
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
