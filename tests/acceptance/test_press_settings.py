"""A site administrator adds a media outlet in the "Presse" control panel, in
Chromium, in the outlet's own form; an editor then files a new article
published by that outlet, under two themes.

Two tests on the FUNCTIONAL layer that share nothing but the layer: the
editor's test stores its outlet row itself (as the control panel does), so
that each test stands on its own.
"""

from playwright.sync_api import expect
from plone import api

import pytest
import re
import transaction


ARTICLE = "imio.pressbook.PressArticle"
RECORD = "imio.pressbook.outlets"
PANEL = "@@pressbook-controlpanel"
ADMIN = ("administratrice", "Gerer-la-presse-2015")
EDITOR = ("redactrice", "Presse-2015-secret")
OUTLET = {
    "name": "Le Courrier de l'Escaut",
    "kind": "daily",
    "website": "https://www.courrierdelescaut.be/",
    "language": "fr",
    "rights": None,
}
# made from the name by the control panel (plone.i18n's id normalizer)
OUTLET_TOKEN = "le-courrier-de-lescaut"
THEMES = {
    "logiciels-libres": "Informatique » Logiciels libres",
    "tutelle": "Pouvoirs locaux » Tutelle",
}


def stored_outlets():
    """The outlets' record as the server committed it.

    Read from the record itself: plone.registry caches the values it hands
    out on the (test thread's) request, which outlives ``transaction.begin()``.
    """
    transaction.begin()  # see what the server committed
    registry = api.portal.get_tool("portal_registry")
    return [dict(row) for row in registry.records[RECORD].value]


@pytest.fixture
def site_administrator(functional):
    with api.env.adopt_roles(["Manager"]):
        api.user.create(
            email="administratrice@example.org", username=ADMIN[0], password=ADMIN[1]
        )
        api.user.grant_roles(username=ADMIN[0], roles=["Site Administrator"])
    transaction.commit()
    return ADMIN


@pytest.fixture
def press_book(functional):
    """A press section where the editor is Contributor and Editor, and the new
    outlet among the site's outlets."""
    portal = functional["portal"]
    with api.env.adopt_roles(["Manager"]):
        book = api.content.create(
            portal,
            "imio.pressbook.PressBook",
            id="dans-les-medias",
            title="Dans les médias",
        )
        api.user.create(
            email="redactrice@example.org", username=EDITOR[0], password=EDITOR[1]
        )
        api.user.grant_roles(
            username=EDITOR[0], obj=book, roles=["Contributor", "Editor"]
        )
    outlets = api.portal.get_registry_record(RECORD)
    api.portal.set_registry_record(RECORD, [*outlets, dict(OUTLET, token=OUTLET_TOKEN)])
    transaction.commit()
    return book


@pytest.mark.browser
def test_site_administrator_adds_an_outlet(
    site_administrator, functional_url, open_page
):
    before = stored_outlets()
    assert OUTLET_TOKEN not in {row["token"] for row in before}
    page = open_page(site_administrator)

    # Site setup > "Presse"
    page.goto(f"{functional_url}/@@overview-controlpanel")
    link = page.locator("#content a[href$='/@@pressbook-controlpanel']:visible")
    expect(link).to_have_text(re.compile(r"\bPresse\b"))
    link.click()
    expect(page).to_have_url(f"{functional_url}/{PANEL}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Presse")
    rows = page.locator("#pressbook-outlets tbody tr")
    expect(rows).to_have_count(len(before))

    # the outlet's own form, filled by its French labels
    page.get_by_role("link", name="Ajouter un média").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ajouter un média")
    page.get_by_label("Nom", exact=True).fill(OUTLET["name"])
    page.get_by_label("Type", exact=True).select_option(label="Quotidien")
    page.get_by_label("Site web").fill(OUTLET["website"])
    page.get_by_label("Langue").select_option(label="Français")
    page.get_by_role("button", name="Enregistrer").click()

    expect(page).to_have_url(re.compile(rf"^{re.escape(functional_url)}/{PANEL}"))
    expect(page.locator(".portalMessage.statusmessage-info")).to_contain_text(
        f"« {OUTLET['name']} » enregistré."
    )
    expect(page.locator(".portalMessage.statusmessage-error")).to_have_count(0)
    after = stored_outlets()
    assert after == [*before, dict(OUTLET, token=OUTLET_TOKEN)]
    # the table shows the stored rows again, the new one last
    expect(rows).to_have_count(len(after))
    expect(rows.last.get_by_role("rowheader")).to_have_text(OUTLET["name"])


@pytest.mark.browser
def test_editor_files_an_article_of_the_new_outlet_under_two_themes(
    press_book, functional_url, open_page, select2
):
    page = open_page(EDITOR)
    book_url = f"{functional_url}/{press_book.getId()}"
    page.goto(f"{book_url}/++add++{ARTICLE}")
    page.locator("#form-widgets-title").fill(
        "Tournai mutualise son informatique avec le CPAS"
    )
    page.locator("#form-widgets-publication_date").fill("2015-03-12")
    # the new outlet is offered among the dailies, in its alphabetical place
    page.locator("#s2id_form-widgets-outlet").click()
    dailies = page.locator(".select2-drop-active .select2-result-with-children").first
    expect(dailies.locator(".select2-result-label").first).to_have_text("Quotidien")
    names = dailies.locator(".select2-result-sub .select2-result-label")
    expect(names).to_have_count(14)
    names = [name.strip() for name in names.all_inner_texts()]
    assert names.index(OUTLET["name"]) + 1 == names.index("Le Soir")
    select2.type_and_enter(page, "courrier", OUTLET["name"])

    page.locator("#s2id_form-widgets-themes").click()
    for label in THEMES.values():
        select2.type_and_enter(page, label.split(" » ")[-1], label)
    page.locator("#form-buttons-save").click()

    article_id = "tournai-mutualise-son-informatique-avec-le-cpas"
    expect(page).to_have_url(f"{book_url}/{article_id}/view")
    expect(page.locator(".pressbook-byline .pressbook-publication")).to_have_text(
        "Article paru dans « Le Courrier de l'Escaut » le 12 mars 2015"
    )
    related = page.locator("#content section").filter(
        has=page.get_by_role("heading", name="Thèmes et mots-clés")
    )
    expect(related.get_by_role("link")).to_have_text(
        ["Informatique › Logiciels libres", "Pouvoirs locaux › Tutelle"]
    )

    transaction.begin()  # see what the server committed
    assert list(press_book.objectIds()) == [article_id]
    article = press_book[article_id]
    assert article.outlet == OUTLET_TOKEN
    assert article.themes == list(THEMES)
