"""Visitors and members read the demo press section in Chromium.

The demo content is the one `make start` shows (profile ``imio.pressbook:demo``):
the two pages the product was made from are its seed article and seed question.
"""

from imio.pressbook.setuphandlers.demo import ARTICLES
from imio.pressbook.setuphandlers.demo import PRESENTATION_ID
from imio.pressbook.setuphandlers.demo import PRESS_BOOK_ID
from imio.pressbook.setuphandlers.demo import QUESTIONS
from playwright.sync_api import expect
from plone import api
from urllib.parse import urlencode

import pytest
import re
import transaction


SEED_ARTICLE = "imio-touche-3-5-millions-d-habitants"
SEED_QUESTION = "les-partenariats-sollicites-par-l-intercommunale-imio"
ITEMS = ARTICLES + QUESTIONS
KEYWORD = "mutualisation"
MEMBER = ("lectrice", "Lire-la-presse-2014")


def demo_item(item_id):
    return next(item for item in ITEMS if item["id"] == item_id)


@pytest.fixture
def book_url(demo_url):
    return f"{demo_url}/{PRESENTATION_ID}/{PRESS_BOOK_ID}"


@pytest.fixture
def member_page(demo, open_page):
    with api.env.adopt_roles(["Manager"]):
        api.user.create(
            email="lectrice@example.org", username=MEMBER[0], password=MEMBER[1]
        )
    transaction.commit()
    return open_page(MEMBER)


def listed_titles(page):
    """The titles linked from the press section's listing."""
    listing = page.locator("#content-core")
    expect(listing.get_by_role("link", name=ITEMS[0]["title"])).to_be_visible()
    return set(listing.get_by_role("heading").get_by_role("link").all_inner_texts())


@pytest.mark.browser
def test_visitor_reads_the_seed_article_from_the_press_section(page, book_url):
    # the press section, reached from the site's "Présentation" folder
    page.goto(book_url)
    expect(page.get_by_role("heading", level=1)).to_have_text("Dans les médias")
    breadcrumbs = page.locator("#portal-breadcrumbs")
    expect(breadcrumbs).to_contain_text("Présentation")
    expect(page.locator("#content-core")).to_contain_text(
        f"{len(ITEMS)} élément(s) trouvé(s)"
    )
    assert listed_titles(page) == {item["title"] for item in ITEMS}

    # the article of La Dernière Heure of 21 January 2014
    seed = demo_item(SEED_ARTICLE)
    page.locator("#content-core").get_by_role("link", name=seed["title"]).click()
    expect(page).to_have_url(f"{book_url}/{SEED_ARTICLE}")
    content = page.locator("#content")
    expect(content.get_by_role("heading", level=1)).to_have_text(seed["title"])
    expect(content).to_contain_text(
        "Article paru dans « La Dernière Heure » le 21 janvier 2014"
    )
    expect(content).to_contain_text(seed["journalist"])
    expect(
        content.get_by_role("heading", name="Actions sur le document")
    ).to_be_visible()
    # the scan is for members only (access "authenticated")
    expect(page.get_by_text("Voir la version papier")).to_have_count(0)
    expect(page.locator("a[href*='paper_version']")).to_have_count(0)

    # its keywords, each a link to the press section filtered on it
    keywords = content.locator("section").filter(
        has=page.get_by_role("heading", name="Thèmes et mots-clés")
    )
    # its themes with their parents first (DEMO_THEMES), then its free keywords
    expect(keywords.get_by_role("link")).to_have_text(
        [
            "Intercommunales",
            "Informatique › Mutualisation informatique",
            *seed["subjects"],
        ]
    )
    keywords.get_by_role("link", name=KEYWORD, exact=True).click()
    expect(page).to_have_url(f"{book_url}?{urlencode({'Subject': KEYWORD})}")
    tagged = {item["title"] for item in ITEMS if KEYWORD in item["subjects"]}
    assert 1 < len(tagged) < len(ITEMS)
    expect(page.locator("#content-core")).to_contain_text(
        f"{len(tagged)} élément(s) trouvé(s)"
    )
    assert listed_titles(page) == tagged


@pytest.mark.browser
def test_visitor_reads_the_seed_question(page, book_url):
    seed = demo_item(SEED_QUESTION)
    page.goto(f"{book_url}/{SEED_QUESTION}")
    content = page.locator("#content")
    expect(content.get_by_role("heading", level=1)).to_have_text(seed["title"])
    for text in (
        "Session : 2014-2015",
        "N° : 518 (2014-2015) 1",
        "2 élément(s) trouvé(s)",
        "Question écrite du 10/07/2015",
        "de DUPONT Jean-Marc",
        "à FURLAN Paul",
        "Réponse du 07/09/2015",
        "de FURLAN Paul",
        "Thèmes et mots-clés",
        "Actions sur le document",
    ):
        expect(content).to_contain_text(text)


@pytest.mark.browser
def test_visitor_cannot_download_the_members_scan(page, book_url):
    response = page.request.get(
        f"{book_url}/{SEED_ARTICLE}/@@download/paper_version", max_redirects=0
    )
    assert response.status != 200
    assert not response.body().startswith(b"%PDF")


@pytest.mark.browser
def test_member_downloads_the_paper_version(member_page, book_url):
    page = member_page
    page.goto(f"{book_url}/{SEED_ARTICLE}")
    # in the article and among the document actions: one scan
    links = page.get_by_role("link", name="Voir la version papier")
    expect(links.first).to_be_visible()
    assert {
        links.nth(index).get_attribute("href") for index in range(links.count())
    } == {f"{book_url}/{SEED_ARTICLE}/@@download/paper_version"}
    link = links.first
    with (
        page.expect_response(re.compile(r"/@@download/paper_version")) as answer,
        page.expect_download() as download,
    ):
        link.click()
    response = answer.value
    assert response.status == 200
    assert response.headers["content-type"].split(";")[0] == "application/pdf"
    with open(download.value.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"
