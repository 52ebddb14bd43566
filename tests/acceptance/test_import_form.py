"""An editor imports clippings in Chromium: the press section's "Actions"
menu, a small CSV with one bad row, the preview table in French, the
confirmation, the report with the refused row to download; no serious
accessibility issue in the form's markup at each step."""

from playwright.sync_api import expect

import pytest


CSV = (
    "type;titre;date;média\r\n"
    "article;Le budget communal;2020-01-02;Le Soir\r\n"
    "article;Sans média;2020-02-02;\r\n"
).encode()


@pytest.mark.browser
def test_editor_previews_then_imports(editor_page, press_book, functional_url, axe):
    page = editor_page
    reports = []
    page.goto(f"{functional_url}/dans-les-medias")
    page.locator("#plone-contentmenu-actions > a").click()
    page.get_by_role("link", name="Importer des coupures").click()
    expect(page.locator("h1")).to_have_text("Importer des coupures")
    reports.append(axe(page))

    page.get_by_label("Fichier", exact=True).set_input_files(
        {"name": "revue.csv", "mimeType": "text/csv", "buffer": CSV}
    )
    page.get_by_role("button", name="Aperçu").click()

    expect(page.locator("h2", has_text="Aperçu")).to_be_visible()
    expect(page.locator(".pressbook-import-totals")).to_contain_text("Créés : 1")
    expect(page.locator(".pressbook-import-totals")).to_contain_text("Refusés : 1")
    rows = page.locator("table.pressbook-import-rows tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.nth(0)).to_contain_text("créé")
    expect(rows.nth(1)).to_contain_text("refusé")
    expect(rows.nth(1)).to_contain_text("Ligne 3, média : Ce champ est obligatoire.")
    expect(page.locator(".pressbook-import-refused-csv")).to_have_count(0)
    reports.append(axe(page))

    page.get_by_role("button", name="Importer", exact=True).click()
    expect(page.locator("h2", has_text="Compte rendu")).to_be_visible()
    rows = page.locator("table.pressbook-import-rows tbody tr")
    expect(rows.nth(0)).to_contain_text("créé")
    with page.expect_download() as download:
        page.locator(".pressbook-import-refused-csv").click()
    assert download.value.suggested_filename == "revue-refusees.csv"
    reports.append(axe(page))
    failing = [report for report in reports if report.own_blocking]
    assert not failing, "\n\n".join(report.explain() for report in failing)
    page.get_by_role("link", name="Le budget communal").click()
    expect(page.locator("h1")).to_have_text("Le budget communal")


@pytest.mark.browser
def test_the_import_shows_its_progress(editor_page, press_book, functional_url, axe):
    """While the import runs, the page (still the preview) shows how many
    rows are done, in a progress bar and a sentence read out politely, with
    no serious accessibility issue of its own. The
    confirmation's own navigation is held back so that the page stays; the
    import's progress is written as the import writes it."""
    from imio.pressbook.bulkimport.form import UploadStore

    page = editor_page
    lines = ["type;titre;date;média"] + [
        f"article;Article {number};2020-01-02;Le Soir" for number in range(400)
    ]
    page.goto(f"{functional_url}/dans-les-medias/@@pressbook-import")
    page.get_by_label("Fichier", exact=True).set_input_files(
        {
            "name": "revue.csv",
            "mimeType": "text/csv",
            "buffer": "\r\n".join(lines).encode(),
        }
    )
    page.get_by_role("button", name="Aperçu").click()
    expect(page.locator(".pressbook-import-totals")).to_contain_text("Créés : 400")
    token = page.locator("input[name=token]").get_attribute("value")
    page.evaluate(
        """() => document.querySelector("form.pressbook-import-confirm")
                .addEventListener("submit", (event) => event.preventDefault())"""
    )

    page.get_by_role("button", name="Importer", exact=True).click()
    bar = page.get_by_role("progressbar", name="Progression de l'import")
    expect(bar).to_be_visible()
    expect(bar).to_have_attribute("max", "400")
    text = page.locator(".pressbook-import-progress-text")
    expect(text).to_have_attribute("aria-live", "polite")
    expect(text).to_have_text("0 lignes importées sur 400")
    UploadStore().write_progress(token, 150, 400)
    expect(text).to_have_text("150 lignes importées sur 400")
    assert bar.evaluate("bar => bar.value") == 150
    report = axe(page)
    assert not report.own_blocking, report.explain()

    # the confirmation itself, as the browser sends it
    page.evaluate(
        """() => HTMLFormElement.prototype.submit.call(
                document.querySelector("form.pressbook-import-confirm"))"""
    )
    expect(page.locator("h2", has_text="Compte rendu")).to_be_visible(timeout=60_000)
    expect(page.locator(".pressbook-import-totals")).to_contain_text("Créés : 400")
