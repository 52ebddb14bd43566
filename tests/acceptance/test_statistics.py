"""The statistics page in Chromium: a visitor goes there from the press
section's document actions, reads the charts and their tables (with
JavaScript off too), picks a period, and downloads a chart's CSV; an editor
counts the private items too."""

from pathlib import Path
from playwright.sync_api import expect
from plone import api
from tests.stats.conftest import create_items

import pytest
import transaction


@pytest.fixture
def stats_book(press_book):
    with api.env.adopt_roles(["Manager"]):
        api.content.transition(press_book, "publish")
    create_items(press_book)
    transaction.commit()
    return press_book


def book_url(functional_url, book):
    return f"{functional_url}/{book.getId()}"


@pytest.mark.browser
def test_visitor_opens_the_statistics_from_the_press_section(
    page, functional_url, stats_book
):
    page.goto(book_url(functional_url, stats_book))
    page.locator("#document-action-pressbook_stats a").click()
    expect(page).to_have_url(
        f"{book_url(functional_url, stats_book)}/@@pressbook-stats"
    )
    expect(page.locator("h1")).to_have_text("Statistiques : Dans les médias")
    expect(page.locator(".pressbook-stats-filters")).to_contain_text(
        "10 éléments comptés."
    )
    months = page.locator("#pressbook-stats-month")
    expect(months.locator("h2")).to_have_text("Éléments par mois")
    expect(months.locator("svg[role=img]")).to_be_visible()
    expect(months.locator("svg title").first).to_have_text("Éléments par mois")
    expect(months.locator("table tbody tr")).to_have_count(5)
    delays = page.locator("#pressbook-stats-delays_addressed_to table tbody tr")
    expect(delays.first).to_contain_text("FURLAN Paul")
    expect(delays.nth(1)).to_contain_text("4,5")
    # a period: January and February 2024 (a3, q2, q3, q4; a4 and q5 are
    # private)
    page.locator("#pressbook-stats-start").fill("2024-01-01")
    page.locator("#pressbook-stats-end").fill("2024-02-29")
    page.get_by_role("button", name="Afficher").click()
    expect(page.locator(".pressbook-stats-filters")).to_contain_text(
        "4 éléments comptés."
    )
    expect(page.locator(".pressbook-stats-filters strong")).to_have_text(
        "Dans les médias – du 1 janvier 2024 au 29 février 2024"
    )
    expect(months.locator("table tbody tr")).to_have_count(2)
    with page.expect_download() as download_info:
        page.locator("#pressbook-stats-outlet a.pressbook-stats-csv").click()
    download = download_info.value
    assert download.suggested_filename == "dans-les-medias-outlet.csv"
    lines = Path(download.path()).read_text("utf-8-sig").splitlines()
    assert lines == ["Média;Éléments", "La Libre Belgique;1"]


@pytest.mark.browser
def test_charts_and_tables_are_there_without_javascript(
    chromium, functional_url, stats_book
):
    context = chromium.new_context(java_script_enabled=False, locale="fr-BE")
    try:
        page = context.new_page()
        page.goto(f"{book_url(functional_url, stats_book)}/@@pressbook-stats")
        charts = page.locator("section.pressbook-stats-chart")
        expect(charts).to_have_count(11)
        for index in range(11):
            chart = charts.nth(index)
            expect(chart.locator("svg[role=img]")).to_be_visible()
            expect(chart.locator("table")).to_be_visible()
        bars = page.locator("#pressbook-stats-outlet svg rect")
        expect(bars).to_have_count(3)
    finally:
        context.close()


@pytest.mark.browser
def test_editor_counts_the_private_items(editor_page, functional_url, stats_book):
    editor_page.goto(f"{book_url(functional_url, stats_book)}/@@pressbook-stats")
    expect(editor_page.locator(".pressbook-stats-filters")).to_contain_text(
        "13 éléments comptés."
    )
