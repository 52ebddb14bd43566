"""The press section on a phone and on a wide screen, in Chromium: on a
390 px phone the first result shows on the first screen, the filters after
the results behind "Filtrer" (a <details>: no JavaScript needed); at 1280 px
the filters stand beside the results."""

from datetime import date
from playwright.sync_api import expect
from plone import api

import pytest
import transaction


ARTICLE = "imio.pressbook.PressArticle"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
OUTLETS = ("le-soir", "la-libre", "le-vif", "rtbf-info", "la-premiere", "rtl-tvi")
THEMES = ("logiciels-libres", "dechets", "culture", "voiries", "energie-climat")


@pytest.fixture
def press_book(functional):
    """24 published articles over six outlets, five themes and six years:
    the filters hold some sixty links, as a real section's do."""
    portal = functional["portal"]
    with api.env.adopt_roles(["Manager"]):
        book = api.content.create(
            portal, "imio.pressbook.PressBook", id="dans-les-medias", title="Médias"
        )
        api.content.transition(book, "publish")
        for number in range(24):
            article = api.content.create(
                book,
                ARTICLE,
                id=f"article-{number:02d}",
                title=f"Article numéro {number:02d}",
                publication_date=date(2018 + number % 6, 1 + number % 12, 5),
                outlet=OUTLETS[number % len(OUTLETS)],
                themes=[THEMES[number % len(THEMES)]],
            )
            api.content.transition(article, "publish")
    transaction.commit()
    return book


def open_at(chromium, size, javascript=True):
    context = chromium.new_context(
        viewport=size,
        java_script_enabled=javascript,
        locale="fr-BE",
        extra_http_headers={"Accept-Language": "fr-BE,fr;q=0.9"},
    )
    return context, context.new_page()


@pytest.mark.browser
@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_on_a_phone_the_first_result_is_on_the_first_screen(
    press_book, functional_url, chromium, javascript
):
    context, page = open_at(chromium, PHONE, javascript)
    try:
        page.goto(f"{functional_url}/dans-les-medias")
        first = page.locator(".pressbook-listing-title a").first
        expect(first).to_be_visible()
        box = first.bounding_box()
        assert box["y"] + box["height"] <= PHONE["height"], box
        # the filters come after the results, behind "Filtrer", which folds them
        facets = page.locator("#pressbook-facets")
        assert facets.bounding_box()["y"] > box["y"]
        toggle = facets.locator("summary", has_text="Filtrer")
        expect(toggle).to_be_visible()
        outlet = facets.get_by_role("link", name="Le Soir (4)")
        expect(outlet).to_be_visible()
        toggle.click()
        expect(outlet).to_be_hidden()
        toggle.click()
        # and a filter works from there
        outlet.click()
        expect(page.locator(".pressbook-count")).to_have_text("4 élément(s) trouvé(s).")
    finally:
        context.close()


@pytest.mark.browser
def test_on_a_phone_go_to_the_filters_jumps_to_them(
    press_book, functional_url, chromium
):
    context, page = open_at(chromium, PHONE)
    try:
        page.goto(f"{functional_url}/dans-les-medias")
        link = page.get_by_role("link", name="Aller aux filtres")
        box = link.bounding_box()
        assert box["y"] + box["height"] <= PHONE["height"], box
        link.click()
        expect(page.locator("#pressbook-facets")).to_be_in_viewport()
    finally:
        context.close()


@pytest.mark.browser
def test_on_a_wide_screen_the_filters_stand_beside_the_results(
    press_book, functional_url, chromium
):
    context, page = open_at(chromium, DESKTOP)
    try:
        page.goto(f"{functional_url}/dans-les-medias")
        results = page.locator(".pressbook-results")
        facets = page.locator("#pressbook-facets")
        expect(facets.get_by_role("link", name="Le Soir (4)")).to_be_visible()
        # no "Filtrer" to click, nor a link to jump to them: they are there
        expect(facets.locator("summary")).to_be_hidden()
        expect(page.get_by_role("link", name="Aller aux filtres")).to_be_hidden()
        results_box, facets_box = results.bounding_box(), facets.bounding_box()
        assert facets_box["x"] >= results_box["x"] + results_box["width"] - 1
        assert abs(facets_box["y"] - results_box["y"]) < 5
        expect(facets.locator(".pressbook-facet-outlet")).to_be_in_viewport()
    finally:
        context.close()
