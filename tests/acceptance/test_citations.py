"""A visitor cites the demo's seed article in Chromium: the "Citer" section
opens without any script of ours, and its three downloads are files."""

from imio.pressbook.setuphandlers.demo import PRESENTATION_ID
from imio.pressbook.setuphandlers.demo import PRESS_BOOK_ID
from pathlib import Path
from playwright.sync_api import expect

import bibtexparser
import json
import pytest
import rispy


SEED_ARTICLE = "imio-touche-3-5-millions-d-habitants"


@pytest.mark.browser
def test_visitor_cites_the_seed_article_in_three_formats(page, demo_url):
    page.goto(f"{demo_url}/{PRESENTATION_ID}/{PRESS_BOOK_ID}/{SEED_ARTICLE}")
    section = page.locator("#pressbook-citation")
    text = section.locator(".pressbook-citation-text")
    # closed at first: a details element
    expect(text).to_be_hidden()
    section.get_by_text("Citer", exact=True).click()
    expect(text).to_be_visible()
    expect(text).to_contain_text(
        "C. Ti., « Imio touche 3,5 millions d’habitants en Région wallonne », "
        "La Dernière Heure, 21 janvier 2014. En ligne : "
    )
    expect(text).to_contain_text("(consulté le ")
    files = {}
    for name in ("BibTeX", "RIS", "CSL-JSON"):
        with page.expect_download() as download_info:
            section.get_by_role("link", name=name).click()
        download = download_info.value
        files[download.suggested_filename] = Path(download.path()).read_text("utf-8")
    assert sorted(files) == sorted(
        f"{SEED_ARTICLE}.{extension}" for extension in ("bib", "ris", "csl.json")
    )
    (entry,) = bibtexparser.loads(files[f"{SEED_ARTICLE}.bib"]).entries
    assert entry["journal"] == "La Dernière Heure"
    (reference,) = rispy.loads(files[f"{SEED_ARTICLE}.ris"])
    assert reference["secondary_title"] == "La Dernière Heure"
    (item,) = json.loads(files[f"{SEED_ARTICLE}.csl.json"])
    assert item["container-title"] == "La Dernière Heure"
