"""A visitor makes a press review of the demo's press section in Chromium:
from the section's "Revue de presse" action to the review page, a period and
a grouping chosen in its form, the "Le mois dernier" shortcut, and the PDF
of the stable address it shows."""

from imio.pressbook.setuphandlers.demo import PRESENTATION_ID
from imio.pressbook.setuphandlers.demo import PRESS_BOOK_ID
from playwright.sync_api import expect
from pypdf import PdfReader

import datetime as dt
import io
import pytest


@pytest.mark.browser
def test_visitor_makes_a_press_review(page, demo_url):
    book = f"{demo_url}/{PRESENTATION_ID}/{PRESS_BOOK_ID}"
    page.goto(book)
    page.locator("#document-action-pressbook_review a").click()
    expect(page).to_have_url(f"{book}/@@pressbook-review")
    expect(page.locator(".cover-kind")).to_have_text("Revue de presse")

    # a period and a grouping, as an editor would choose them
    page.fill("#review-start", "2014-01-01")
    page.fill("#review-end", "2016-12-31")
    page.get_by_label("Par média ou assemblée").check()
    page.get_by_role("button", name="Composer la revue").click()
    expect(page.locator(".cover-period")).to_have_text(
        "Du 1 janvier 2014 au 31 décembre 2016"
    )
    expect(page.locator(".cover-group")).to_have_text("Par média ou assemblée")
    groups = page.locator("h2.group-title")
    expect(groups).to_have_text(
        ["La Dernière Heure", "La Libre Belgique", "Parlement de Wallonie"]
    )
    expect(page.locator(".toc-item")).to_have_text(
        [
            "Imio touche 3,5 millions d’habitants en Région wallonne",
            "iA.Delib : les conseils communaux passent au numérique",
            "Les partenariats sollicités par l'intercommunale IMIO",
        ]
    )
    # the question with its answers
    expect(page.locator(".item-question .answer-heading").first).to_contain_text(
        "Réponse"
    )
    # the scan reserved to logged-in users is not there for a visitor
    expect(page.locator(".item-note")).to_have_count(1)
    expect(page.locator(".item-scan-link a")).to_have_count(1)

    # the stable address: the PDF of this very review
    stable = page.locator("#review-stable-url").input_value()
    response = page.request.get(stable)
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.body()))
    contents = reader.pages[1].extract_text()
    assert "Imio touche 3,5 millions d’habitants en Région wallonne" in contents

    # "Le mois dernier": the previous calendar month, the grouping kept
    page.get_by_role("link", name="Le mois dernier").click()
    first = dt.date.today().replace(day=1)
    last = first - dt.timedelta(days=1)
    expect(page.locator("#review-start")).to_have_value(last.replace(day=1).isoformat())
    expect(page.locator("#review-end")).to_have_value(last.isoformat())
    expect(page.locator("#review-group-outlet")).to_be_checked()
