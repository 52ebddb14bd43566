"""Open Graph and Twitter meta of the pages of articles and questions, as
link previews (social networks, chat) read them: anonymous, over real HTTP.

Plone's own social viewlet writes them, told that the page is an article of
a given day and that it has no image of its own: not the site's logo, and
never the article's scan, which its licence may keep from the visitor."""

from datetime import date
from io import BytesIO
from lxml import html
from PIL import Image
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from plone.namedfile.file import NamedBlobFile

import pytest
import requests
import transaction


ARTICLE = "imio.pressbook.PressArticle"
QUESTION = "imio.pressbook.ParliamentaryQuestion"


def png():
    buffer = BytesIO()
    Image.new("RGB", (400, 300), (40, 90, 160)).save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture(scope="class")
def site(functional_portal_class):
    """Published: an article whose PNG scan only editors may see, an article
    whose PNG scan is public, a question."""
    portal = functional_portal_class
    with api.env.adopt_roles(["Manager"]):
        book = api.content.create(
            portal, "imio.pressbook.PressBook", id="medias", title="Dans les médias"
        )
        for access in ("editors", "public"):
            api.content.create(
                book,
                ARTICLE,
                id=f"scan-{access}",
                title=f"Imio touche 3,5 millions d'habitants ({access})",
                description="Le bilan de l'intercommunale.",
                publication_date=date(2014, 1, 21),
                outlet="la-derniere-heure",
                paper_version=NamedBlobFile(
                    png(), contentType="image/png", filename="scan.png"
                ),
                paper_version_access=access,
            )
        api.content.create(
            book,
            QUESTION,
            id="question",
            title="Les partenariats de l'intercommunale",
            description="Question au ministre.",
            question_date=date(2015, 7, 10),
            assembly="parlement-wallonie",
            question_type="written",
        )
        for item in (book, *book.values()):
            api.content.transition(item, "publish")
    transaction.commit()
    return {id: item.absolute_url() for id, item in book.items()}


def meta(url):
    """[(property or name, content)] of the page's head, in order."""
    response = requests.get(url, timeout=60)
    assert response.status_code == 200
    head = html.fromstring(response.content).head
    return [
        (tag.get("property") or tag.get("name"), tag.get("content"))
        for tag in head.iter("meta")
        if tag.get("property") or tag.get("name")
    ]


def social(tags):
    return [
        (key, value)
        for key, value in tags
        if key.startswith(("og:", "twitter:", "article:"))
    ]


class TestSocialMeta:
    @pytest.mark.parametrize("id", ["scan-editors", "scan-public"])
    def test_an_article_is_described_as_an_article_of_its_day(self, site, id):
        tags = dict(social(meta(site[id])))
        assert tags["og:type"] == "article"
        # as typed: not escaped twice (Plone's own ``d&amp;#x27;habitants``)
        assert tags["og:title"] == f"Imio touche 3,5 millions d'habitants ({id[5:]})"
        assert tags["og:description"] == "Le bilan de l'intercommunale."
        assert tags["og:url"] == site[id]
        assert tags["article:published_time"] == "2014-01-21"
        assert tags["twitter:card"] == "summary"

    def test_a_question_is_described_as_an_article_of_its_day(self, site):
        tags = dict(social(meta(site["question"])))
        assert tags["og:type"] == "article"
        assert tags["og:title"] == "Les partenariats de l'intercommunale"
        assert tags["og:description"] == "Question au ministre."
        assert tags["og:url"] == site["question"]
        assert tags["article:published_time"] == "2015-07-10"
        assert tags["twitter:card"] == "summary"

    @pytest.mark.parametrize("id", ["scan-editors", "scan-public", "question"])
    def test_each_tag_once_and_no_image(self, site, id):
        tags = social(meta(site[id]))
        keys = [key for key, _value in tags]
        assert len(keys) == len(set(keys)), keys
        assert not [key for key in keys if key.startswith("og:image")]
        body = requests.get(site[id], timeout=60).text
        assert 'itemprop="image"' not in body
        assert "logo" not in " ".join(value or "" for _key, value in tags)

    def test_no_scan_in_the_meta_of_an_article_whose_scan_is_kept(self, site):
        values = " ".join(value or "" for _key, value in meta(site["scan-editors"]))
        assert "paper_version" not in values
        assert "scan.png" not in values

    def test_the_press_section_keeps_plones_website_meta(self, site):
        book_url = site["question"].rsplit("/", 1)[0]
        tags = dict(social(meta(book_url)))
        assert tags["og:type"] == "website"


def last_transaction():
    transaction.begin()
    return api.portal.get()._p_jar.db().lastTransaction()


@pytest.mark.parametrize("user", ["anonymous", "owner"])
def test_reading_the_pages_writes_nothing(site, user):
    """The press section's page, both articles and the question, as a visitor
    and as the site's owner (who sees the badges and Plone's toolbar)."""
    auth = (SITE_OWNER_NAME, SITE_OWNER_PASSWORD) if user == "owner" else None
    book_url = site["question"].rsplit("/", 1)[0]
    # Plone's own write, once a site: the first page that renders the site's
    # portlets stores their assignments (plone.app.portlets)
    requests.get(book_url.rsplit("/", 1)[0], timeout=60)
    for url in (book_url, *site.values()):
        before = last_transaction()
        response = requests.get(url, auth=auth, timeout=60)
        assert response.status_code == 200, url
        assert (url, last_transaction()) == (url, before)
