"""A Collection shown with the "Press listing" view links to the same feeds
and exports as the press section (RSS, Atom, CSV, JSON), over the Collection's
own result: its criteria choose the items, with the reader's permissions; the
press section's filters are refused with a 400 naming them. Over real HTTP
(the functional layer's server); reading them writes nothing."""

from datetime import date
from lxml import html
from plone import api

import csv
import feedparser
import io
import pytest
import requests
import transaction


ARTICLE = "imio.pressbook.PressArticle"
QUESTION = "imio.pressbook.ParliamentaryQuestion"
TYPE_IS = "plone.app.querystring.operation.selection.any"
PASSWORD = "revue-de-presse-2024"
SCRIPT = "<script>alert('titre')</script> & Cie"
VIEWS = (
    "@@pressbook-rss",
    "@@pressbook-atom",
    "@@pressbook-export.csv",
    "@@pressbook-export.json",
)


@pytest.fixture(scope="class")
def site(functional_portal_class):
    """A press section: two published articles (one with markup in its
    title), a private one and a published question; a Collection of the
    articles with the "Press listing" view, oldest first; an editor."""
    portal = functional_portal_class
    with api.env.adopt_roles(["Manager"]):
        api.user.create(email="editor@commune.be", username="editor", password=PASSWORD)
        book = api.content.create(
            portal, "imio.pressbook.PressBook", id="medias", title="Dans les médias"
        )
        api.content.transition(book, "publish")
        for id, title, day, state in (
            ("ancien", "Un ancien article", date(2020, 5, 1), "publish"),
            ("balise", SCRIPT, date(2023, 6, 2), "publish"),
            ("brouillon", "Un brouillon", date(2024, 1, 3), None),
        ):
            article = api.content.create(
                book,
                ARTICLE,
                id=id,
                title=title,
                publication_date=day,
                outlet="le-soir",
            )
            if state:
                api.content.transition(article, state)
        question = api.content.create(
            book,
            QUESTION,
            id="question",
            title="Une question",
            question_date=date(2024, 2, 1),
            assembly="parlement-wallonie",
            question_type="written",
        )
        api.content.transition(question, "publish")
        collection = api.content.create(
            portal,
            "Collection",
            id="revue",
            title="Revue de presse",
            query=[{"i": "portal_type", "o": TYPE_IS, "v": [ARTICLE]}],
            sort_on="pressbook_date",
            sort_reversed=False,
        )
        collection.setLayout("pressbook-listing")
        api.content.transition(collection, "publish")
        api.user.grant_roles(username="editor", obj=book, roles=["Editor", "Reader"])
        api.user.grant_roles(
            username="editor", obj=collection, roles=["Editor", "Reader"]
        )
    transaction.commit()
    return collection.absolute_url()


def get(url, user=None, **params):
    auth = (user, PASSWORD) if user else None
    return requests.get(url, params=params, auth=auth, timeout=60)


def last_transaction():
    transaction.begin()
    return api.portal.get()._p_jar.db().lastTransaction()


class TestCollectionFeedsAndExports:
    def test_the_page_links_to_them(self, site):
        page = html.fromstring(get(site).content)
        links = page.cssselect(".pressbook-links a")
        assert [(link.text_content(), link.get("href")) for link in links] == [
            ("Flux RSS", f"{site}/@@pressbook-rss"),
            ("Flux Atom", f"{site}/@@pressbook-atom"),
            ("Export CSV", f"{site}/@@pressbook-export.csv"),
            ("Export JSON", f"{site}/@@pressbook-export.json"),
        ]

    @pytest.mark.parametrize("view", VIEWS[:2])
    def test_the_feeds_hold_the_collections_items_newest_first(self, site, view):
        response = get(f"{site}/{view}")
        assert response.status_code == 200
        feed = feedparser.parse(response.content)
        assert not feed.bozo
        # the question is not in the Collection, the draft not for visitors
        assert [entry.title for entry in feed.entries] == [SCRIPT, "Un ancien article"]
        assert feed.feed.title == "Revue de presse"

    def test_a_title_with_markup_is_text_in_the_feed(self, site):
        body = get(f"{site}/@@pressbook-rss").content
        assert b"<script>" not in body
        assert b"&lt;script&gt;alert('titre')&lt;/script&gt; &amp; Cie" in body

    def test_the_editor_gets_the_private_item_too(self, site):
        feed = feedparser.parse(get(f"{site}/@@pressbook-rss", "editor").content)
        assert [entry.title for entry in feed.entries] == [
            "Un brouillon",
            SCRIPT,
            "Un ancien article",
        ]

    def test_the_csv_export_keeps_the_collections_order(self, site):
        response = get(f"{site}/@@pressbook-export.csv")
        assert response.status_code == 200
        assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
        assert 'filename="revue-' in response.headers["Content-Disposition"]
        rows = list(
            csv.DictReader(
                io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"
            )
        )
        assert [row["title"] for row in rows] == ["Un ancien article", SCRIPT]
        assert "review_state" not in rows[0]

    def test_the_json_export_for_an_editor(self, site):
        data = get(f"{site}/@@pressbook-export.json", "editor").json()
        assert data["items_total"] == 3
        assert data["listing"] == site
        assert [(item["title"], item["review_state"]) for item in data["items"]] == [
            ("Un ancien article", "published"),
            (SCRIPT, "published"),
            ("Un brouillon", "private"),
        ]

    @pytest.mark.parametrize("view", VIEWS)
    @pytest.mark.parametrize(
        "parameter, value", [("outlet", "le-soir"), ("b_size", "beaucoup")]
    )
    def test_a_filter_or_a_bad_parameter_is_a_400_naming_it(
        self, site, view, parameter, value
    ):
        response = get(f"{site}/{view}", **{parameter: value})
        assert response.status_code == 400
        assert parameter in response.text

    def test_b_size_gives_the_newest(self, site):
        feed = feedparser.parse(get(f"{site}/@@pressbook-rss", b_size="1").content)
        assert [entry.title for entry in feed.entries] == [SCRIPT]

    @pytest.mark.parametrize("user", [None, "editor"])
    def test_reading_them_writes_nothing(self, site, user):
        # Plone's own write, once a site: the first page that renders the
        # site's portlets stores their assignments (plone.app.portlets)
        get(site.rsplit("/", 1)[0])
        before = last_transaction()
        for url in (site, *(f"{site}/{view}" for view in VIEWS)):
            assert get(url, user).status_code == 200, url
        assert last_transaction() == before
