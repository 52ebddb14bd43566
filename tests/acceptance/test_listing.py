"""A visitor narrows the press section with its filters, in Chromium: a theme,
then a year, then the pages, then a result; and searches words with
JavaScript off (the filters are links and a GET form)."""

from datetime import date
from playwright.sync_api import expect
from plone import api

import pytest
import re
import transaction


ARTICLE = "imio.pressbook.PressArticle"
PAGE_SIZE = 5


def add_article(book, id, day, themes, outlet="le-soir", title=None):
    article = api.content.create(
        book,
        ARTICLE,
        id=id,
        title=title or f"Article {id}",
        publication_date=day,
        outlet=outlet,
        themes=themes,
    )
    api.content.transition(article, "publish")
    return article


@pytest.fixture
def press_book(functional):
    """19 published articles: 12 in 2024 and 4 in 2023 under themes below
    "Informatique", 3 in 2024 under "Culture"; five items a page."""
    portal = functional["portal"]
    with api.env.adopt_roles(["Manager"]):
        book = api.content.create(
            portal,
            "imio.pressbook.PressBook",
            id="dans-les-medias",
            title="Dans les médias",
            batch_size=PAGE_SIZE,
        )
        api.content.transition(book, "publish")
        for month in range(1, 13):
            add_article(
                book,
                f"libre-2024-{month:02d}",
                date(2024, month, 10),
                ["logiciels-libres"],
                outlet="le-soir" if month % 2 else "la-libre",
                title=f"Logiciels libres, épisode {month:02d}",
            )
        for month in range(1, 5):
            add_article(
                book,
                f"securite-2023-{month:02d}",
                date(2023, month, 10),
                ["securite-informatique"],
                title=f"Cybersécurité, épisode {month:02d}",
            )
        for month in range(1, 4):
            add_article(
                book,
                f"culture-2024-{month:02d}",
                date(2024, month, 20),
                ["culture"],
                title=f"Le festival, épisode {month:02d}",
            )
    transaction.commit()
    return book


def count(page):
    return page.locator(".pressbook-count")


def rows(page):
    return page.locator(".pressbook-listing-title a")


def facet(page, name):
    return page.locator(f".pressbook-facet-{name}")


@pytest.mark.browser
def test_visitor_filters_by_theme_then_year_pages_and_opens_a_result(
    press_book, functional_url, page
):
    book_url = f"{functional_url}/dans-les-medias"
    page.goto(book_url)
    expect(count(page)).to_have_text("19 élément(s) trouvé(s).")
    expect(rows(page)).to_have_count(PAGE_SIZE)

    # a parent theme counts the items filed under the themes below it
    themes = facet(page, "themes")
    expect(themes.get_by_role("heading", name="Thèmes")).to_be_visible()
    themes.get_by_role("link", name="Informatique (16)").click()
    expect(page).to_have_url(f"{book_url}?themes=informatique")
    expect(count(page)).to_have_text("16 élément(s) trouvé(s).")
    expect(page.locator(".pressbook-filter")).to_contain_text("Informatique")

    # the year's counts are those of the theme; chosen with the keyboard
    years = facet(page, "year")
    expect(years.get_by_role("link")).to_have_text(["2024 (12)", "2023 (4)"])
    years.get_by_role("link", name="2024 (12)").focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"year=2024"))
    expect(count(page)).to_have_text("12 élément(s) trouvé(s).")
    expect(rows(page)).to_have_text(
        [f"Logiciels libres, épisode {month:02d}" for month in (12, 11, 10, 9, 8)]
    )

    # the second page keeps both filters
    pages = page.get_by_role("navigation", name="Pages")
    pages.get_by_role("link", name="Suivant").click()
    expect(page).to_have_url(re.compile(r"b_start=5"))
    assert "themes=informatique" in page.url and "year=2024" in page.url
    expect(rows(page)).to_have_text(
        [f"Logiciels libres, épisode {month:02d}" for month in (7, 6, 5, 4, 3)]
    )
    expect(pages.locator("[aria-current=page]")).to_have_text("2")

    # and a result opens
    rows(page).first.click()
    expect(page).to_have_url(f"{book_url}/libre-2024-07")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Logiciels libres, épisode 07"
    )


@pytest.mark.browser
def test_search_and_filters_work_without_javascript(
    press_book, functional_url, chromium
):
    context = chromium.new_context(
        java_script_enabled=False,
        locale="fr-BE",
        extra_http_headers={"Accept-Language": "fr-BE,fr;q=0.9"},
    )
    try:
        page = context.new_page()
        book_url = f"{functional_url}/dans-les-medias"
        page.goto(f"{book_url}?outlet=la-libre")
        expect(count(page)).to_have_text("6 élément(s) trouvé(s).")
        form = page.get_by_role("search", name="Rechercher dans la revue de presse")
        form.get_by_label("Rechercher dans la revue de presse").fill("épisode 04")
        form.get_by_role("button", name="Rechercher").click()
        expect(page).to_have_url(re.compile(r"SearchableText="))
        assert "outlet=la-libre" in page.url
        expect(count(page)).to_have_text("1 élément(s) trouvé(s).")
        expect(rows(page)).to_have_text(["Logiciels libres, épisode 04"])
    finally:
        context.close()
