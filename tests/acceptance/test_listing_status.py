"""A visitor in Chromium: an overdue question's badge and filter, an outlet
that leads to its articles, and the scan's first page as a thumbnail."""

from datetime import date
from io import BytesIO
from PIL import Image
from playwright.sync_api import expect
from plone import api
from plone.namedfile.file import NamedBlobFile

import pytest
import transaction


def png():
    buffer = BytesIO()
    Image.new("RGB", (600, 800), (40, 90, 160)).save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def press_book(functional):
    """Two articles (Le Soir with a public scan, La Libre), a written
    question of the Parliament of Wallonia awaiting its answer since 2024 (28
    days to answer: overdue) and an answered one."""
    portal = functional["portal"]
    with api.env.adopt_roles(["Manager"]):
        book = api.content.create(
            portal, "imio.pressbook.PressBook", id="medias", title="Dans les médias"
        )
        items = [
            api.content.create(
                book,
                "imio.pressbook.PressArticle",
                id="soir",
                title="Le Soir parle de la commune",
                publication_date=date(2024, 3, 1),
                outlet="le-soir",
                paper_version=NamedBlobFile(
                    png(), contentType="image/png", filename="scan.png"
                ),
                paper_version_access="public",
            ),
            api.content.create(
                book,
                "imio.pressbook.PressArticle",
                id="libre",
                title="La Libre aussi",
                publication_date=date(2024, 3, 2),
                outlet="la-libre",
            ),
        ]
        for id, answers in (
            ("en-retard", []),
            ("repondue", [{"date": date(2024, 2, 1), "kind": "final", "text": "Oui."}]),
        ):
            items.append(
                api.content.create(
                    book,
                    "imio.pressbook.ParliamentaryQuestion",
                    id=id,
                    title=f"Question {id}",
                    assembly="parlement-wallonie",
                    question_type="written",
                    question_date=date(2024, 1, 10),
                    asked_by="DUPONT Jean-Marc",
                    addressed_to="FURLAN Paul",
                    answers=answers,
                )
            )
        for item in [book, *items]:
            api.content.transition(item, "publish")
    transaction.commit()
    return book


def row(page, title):
    return page.locator(".pressbook-listing-item").filter(
        has=page.get_by_role("link", name=title)
    )


@pytest.mark.browser
def test_badges_the_overdue_filter_the_outlet_link_and_the_thumbnail(
    press_book, functional_url, page
):
    book_url = f"{functional_url}/medias"
    page.goto(book_url)
    expect(row(page, "Question en-retard").locator(".badge")).to_have_text(
        "Réponse en retard"
    )
    expect(row(page, "Question repondue").locator(".badge")).to_have_text("Répondue")

    # the scan's first page, served to a visitor as the licence allows
    thumbnail = row(page, "Le Soir parle de la commune").locator(
        "img.pressbook-thumbnail"
    )
    expect(thumbnail).to_be_visible()
    assert thumbnail.evaluate("img => img.complete && img.naturalWidth") == 240
    assert row(page, "La Libre aussi").locator("img").count() == 0

    # overdue: a filter with its count
    page.locator(".pressbook-facet-answer_status").get_by_role(
        "link", name="Réponse en retard (1)"
    ).click()
    expect(page).to_have_url(f"{book_url}?answer_status=overdue")
    expect(page.locator(".pressbook-listing-title a")).to_have_text(
        ["Question en-retard"]
    )

    # the outlet leads to its articles
    page.goto(book_url)
    row(page, "La Libre aussi").get_by_role("link", name="La Libre Belgique").click()
    expect(page).to_have_url(f"{book_url}?outlet=la-libre")
    expect(page.locator(".pressbook-listing-title a")).to_have_text(["La Libre aussi"])
