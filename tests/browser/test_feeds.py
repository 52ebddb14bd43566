"""RSS 2.0 and Atom feeds of the press section, filtered by the listing's GET
parameters, and the links to them (page head, document action).

Over real HTTP (the functional layer's server) for a visitor and an editor.
"""

from datetime import datetime
from email.utils import parsedate_to_datetime
from html import escape
from imio.pressbook.browser.views.feeds import FEED_SIZE
from imio.pressbook.search import parse_criteria
from imio.pressbook.search import search
from lxml import html
from plone import api
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from xml.etree import ElementTree

import datetime as dt
import pytest
import re
import requests
import transaction


PASSWORD = "flux-presse-2024"
ATOM = "{http://www.w3.org/2005/Atom}"
DC = "{http://purl.org/dc/elements/1.1/}"
RFC822 = re.compile(
    r"^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} "
    r"(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} "
    r"\d{2}:\d{2}:\d{2} [+-]\d{4}$"
)
TRICKY_TITLE = 'Imio & <les> « communes » d\'Éghezée ]]> "ok"'
TRICKY_LEAD = "Le bilan <b>gras</b> & les 3,5 millions d'habitants\nsur deux lignes"


def build_book(portal):
    """A published press section: two public articles, a public question and a
    private article, over 2014 and 2021; an editor of the section."""
    with api.env.adopt_roles(["Manager"]):
        api.user.create(email="editor@commune.be", username="editor", password=PASSWORD)
        book = api.content.create(
            portal,
            "imio.pressbook.PressBook",
            id="dans-les-medias",
            title="Dans les médias",
            description="Ce que la presse dit de nous.",
        )
        api.content.transition(book, "publish")
        api.user.grant_roles(username="editor", obj=book, roles=["Editor"])
        items = {
            "tricky": api.content.create(
                book,
                "imio.pressbook.PressArticle",
                id="tricky",
                title=TRICKY_TITLE,
                description=TRICKY_LEAD,
                publication_date=dt.date(2014, 1, 21),
                outlet="le-soir",
                journalist="C. Ti.",
                themes=["logiciels-libres"],
            ),
            "libre": api.content.create(
                book,
                "imio.pressbook.PressArticle",
                id="libre",
                title="La commune en ligne",
                publication_date=dt.date(2021, 5, 3),
                outlet="la-libre",
            ),
            "question": api.content.create(
                book,
                "imio.pressbook.ParliamentaryQuestion",
                id="question",
                title="Les partenariats de l'intercommunale",
                description="Où en sont-ils ?",
                assembly="parlement-wallonie",
                question_date=dt.date(2021, 7, 10),
                asked_by="DUPONT Jean-Marc",
                addressed_to="FURLAN Paul",
            ),
        }
        items["tricky"].setSubject(("IMIO", "Éducation"))
        for item in items.values():
            api.content.transition(item, "publish")
            item.reindexObject()
        items["private"] = api.content.create(
            book,
            "imio.pressbook.PressArticle",
            id="private",
            title="Brouillon privé",
            publication_date=dt.date(2021, 2, 2),
            outlet="le-soir",
        )
    return book, items


def get(url, user=None, **params):
    auth = (user, PASSWORD) if user else None
    return requests.get(
        url, params=params, auth=auth, timeout=60, allow_redirects=False
    )


def parse(response):
    """The XML document; ElementTree raises on anything not well-formed."""
    return ElementTree.fromstring(response.content)


def rss_titles(root):
    return [item.findtext("title") for item in root.iter("item")]


def atom_titles(root):
    return [entry.findtext(f"{ATOM}title") for entry in root.iter(f"{ATOM}entry")]


@pytest.fixture(scope="class")
def site(functional_portal_class):
    book, items = build_book(functional_portal_class)
    transaction.commit()
    return {
        "book": book.absolute_url(),
        "uids": {name: item.UID() for name, item in items.items()},
        "urls": {name: item.absolute_url() for name, item in items.items()},
    }


class TestOverHttp:
    def rss(self, site, user=None, **params):
        response = get(f"{site['book']}/@@pressbook-rss", user, **params)
        assert response.status_code == 200, response.text
        return parse(response)

    def atom(self, site, user=None, **params):
        response = get(f"{site['book']}/@@pressbook-atom", user, **params)
        assert response.status_code == 200, response.text
        return parse(response)

    def test_rss_content_type_and_encoding(self, site):
        response = get(f"{site['book']}/@@pressbook-rss")
        assert response.headers["Content-Type"] == "application/rss+xml; charset=utf-8"
        assert response.content.startswith(b"<?xml version='1.0' encoding='utf-8'?>")

    def test_rss_is_rss_2_0(self, site):
        root = self.rss(site)
        assert root.tag == "rss"
        assert root.get("version") == "2.0"
        channels = root.findall("channel")
        assert len(channels) == 1
        channel = channels[0]
        assert channel.findtext("title") == "Dans les médias"
        assert channel.findtext("link") == site["book"]
        assert channel.findtext("description") == "Ce que la presse dit de nous."
        assert channel.findtext("language") == "fr"
        assert RFC822.match(channel.findtext("lastBuildDate"))
        self_link = channel.find(f"{ATOM}link")
        assert self_link.get("rel") == "self"
        assert self_link.get("href") == f"{site['book']}/@@pressbook-rss"
        assert self_link.get("type") == "application/rss+xml"
        items = channel.findall("item")
        assert len(items) == 3
        for item in items:
            for tag in ("title", "link", "guid", "pubDate"):
                assert item.findtext(tag), tag
            assert RFC822.match(item.findtext("pubDate")), item.findtext("pubDate")

    def test_rss_items_newest_first_with_their_fields(self, site):
        channel = self.rss(site).find("channel")
        items = channel.findall("item")
        assert [item.findtext("title") for item in items] == [
            "Les partenariats de l'intercommunale",
            "La commune en ligne",
            TRICKY_TITLE,
        ]
        dates = [parsedate_to_datetime(item.findtext("pubDate")) for item in items]
        assert dates == sorted(dates, reverse=True)
        question, _libre, tricky = items
        # escaped by the XML library, given back as typed
        assert tricky.findtext("title") == TRICKY_TITLE
        # the catalog's description: its line breaks are spaces; HTML that
        # shows it as text, for readers render RSS descriptions as HTML
        assert tricky.findtext("description") == escape(
            TRICKY_LEAD.replace("\n", " "), quote=False
        )
        assert tricky.findtext("link") == site["urls"]["tricky"]
        guid = tricky.find("guid")
        assert guid.get("isPermaLink") == "false"
        assert guid.text.replace("-", "") == f"urn:uuid:{site['uids']['tricky']}"
        assert tricky.findtext(f"{DC}creator") == "C. Ti."
        assert [c.text for c in tricky.findall("category")] == [
            "Le Soir",
            "Informatique › Logiciels libres",
            "IMIO",
            "Éducation",
        ]
        assert parsedate_to_datetime(tricky.findtext("pubDate")).date() == dt.date(
            2014, 1, 21
        )
        assert question.findtext(f"{DC}creator") == "DUPONT Jean-Marc"
        # a written question of 2021 awaiting its answer: overdue
        assert [c.text for c in question.findall("category")] == [
            "Parlement de Wallonie",
            "Réponse en retard",
        ]
        assert question.findtext("description") == "Où en sont-ils ?"

    def test_atom_content_type(self, site):
        response = get(f"{site['book']}/@@pressbook-atom")
        assert response.headers["Content-Type"] == "application/atom+xml; charset=utf-8"

    def test_atom_is_atom_1_0(self, site):
        feed = self.atom(site)
        assert feed.tag == f"{ATOM}feed"
        feed_url = f"{site['book']}/@@pressbook-atom"
        assert feed.findtext(f"{ATOM}id") == feed_url
        assert feed.findtext(f"{ATOM}title") == "Dans les médias"
        assert feed.findtext(f"{ATOM}subtitle") == "Ce que la presse dit de nous."
        # the last change of its entries
        updated = datetime.fromisoformat(feed.findtext(f"{ATOM}updated"))
        assert updated.tzinfo is not None
        assert updated == max(
            datetime.fromisoformat(entry.findtext(f"{ATOM}updated"))
            for entry in feed.findall(f"{ATOM}entry")
        )
        links = {
            link.get("rel"): link.get("href") for link in feed.findall(f"{ATOM}link")
        }
        assert links == {"self": feed_url, "alternate": site["book"]}
        # a feed-level author covers the entries without journalist
        assert feed.find(f"{ATOM}author").findtext(f"{ATOM}name")
        entries = feed.findall(f"{ATOM}entry")
        assert len(entries) == 3
        for entry in entries:
            assert entry.findtext(f"{ATOM}id").startswith("urn:uuid:")
            assert entry.findtext(f"{ATOM}title")
            assert datetime.fromisoformat(entry.findtext(f"{ATOM}updated")).tzinfo
            link = entry.find(f"{ATOM}link")
            assert link.get("rel") == "alternate"
            assert link.get("href").startswith(site["book"] + "/")
        # no element outside the Atom namespace
        assert {element.tag.split("}")[0] for element in feed.iter()} == {
            ATOM.rstrip("}")
        }

    def test_atom_entry_fields(self, site):
        entries = self.atom(site).findall(f"{ATOM}entry")
        tricky = entries[-1]
        assert tricky.findtext(f"{ATOM}title") == TRICKY_TITLE
        assert tricky.findtext(f"{ATOM}summary") == TRICKY_LEAD.replace("\n", " ")
        assert tricky.find(f"{ATOM}link").get("href") == site["urls"]["tricky"]
        assert tricky.find(f"{ATOM}author").findtext(f"{ATOM}name") == "C. Ti."
        assert datetime.fromisoformat(
            tricky.findtext(f"{ATOM}published")
        ).date() == dt.date(2014, 1, 21)
        assert [
            (c.get("term"), c.get("label")) for c in tricky.findall(f"{ATOM}category")
        ] == [
            ("le-soir", "Le Soir"),
            ("logiciels-libres", "Informatique › Logiciels libres"),
            ("IMIO", "IMIO"),
            ("Éducation", "Éducation"),
        ]
        assert tricky.findtext(f"{ATOM}id").replace("-", "") == (
            f"urn:uuid:{site['uids']['tricky']}"
        )

    def test_private_item_is_absent_for_visitors(self, site):
        assert "Brouillon privé" not in rss_titles(self.rss(site))
        assert "Brouillon privé" not in atom_titles(self.atom(site))

    def test_private_item_is_in_the_editors_feed(self, site):
        assert "Brouillon privé" in rss_titles(self.rss(site, "editor"))
        assert "Brouillon privé" in atom_titles(self.atom(site, "editor"))

    def test_outlet_filter(self, site):
        root = self.rss(site, outlet="le-soir")
        assert rss_titles(root) == [TRICKY_TITLE]
        channel = root.find("channel")
        assert channel.findtext("title") == "Dans les médias – Le Soir"
        assert channel.findtext("link") == f"{site['book']}?outlet=le-soir"
        assert channel.find(f"{ATOM}link").get("href") == (
            f"{site['book']}/@@pressbook-rss?outlet=le-soir"
        )
        feed = self.atom(site, outlet="le-soir")
        assert atom_titles(feed) == [TRICKY_TITLE]
        assert feed.findtext(f"{ATOM}id") == (
            f"{site['book']}/@@pressbook-atom?outlet=le-soir"
        )

    def test_year_filter(self, site):
        root = self.rss(site, year="2021")
        assert rss_titles(root) == [
            "Les partenariats de l'intercommunale",
            "La commune en ligne",
        ]
        assert root.find("channel").findtext("title") == "Dans les médias – 2021"
        assert atom_titles(self.atom(site, year="2021")) == rss_titles(root)
        # the editor's feed counts the private 2021 article
        assert len(rss_titles(self.rss(site, "editor", year="2021"))) == 3

    def test_type_and_keyword_filters(self, site):
        root = self.rss(
            site, portal_type="imio.pressbook.PressArticle", Subject="Éducation"
        )
        assert rss_titles(root) == [TRICKY_TITLE]
        assert root.find("channel").findtext("title") == (
            "Dans les médias – Article de presse, Éducation"
        )

    def test_theme_filter_takes_the_themes_below(self, site):
        root = self.rss(site, themes="informatique")
        assert rss_titles(root) == [TRICKY_TITLE]
        assert root.find("channel").findtext("title") == (
            "Dans les médias – Informatique"
        )

    def test_b_size_gives_the_newest(self, site):
        assert rss_titles(self.rss(site, b_size="1")) == [
            "Les partenariats de l'intercommunale"
        ]
        assert len(atom_titles(self.atom(site, b_size="2"))) == 2

    def test_feeds_ignore_paging_and_sort(self, site):
        assert rss_titles(self.rss(site, b_start="2", sort_on="title")) == rss_titles(
            self.rss(site)
        )

    @pytest.mark.parametrize("view", ["pressbook-rss", "pressbook-atom"])
    @pytest.mark.parametrize(
        "parameter, value",
        [
            ("year", "deux-mille"),
            ("outlet", "le-journal-inconnu"),
            ("start", "21/01/2014"),
            ("b_size", "100000"),
        ],
    )
    def test_bad_parameter_is_a_400_naming_it(self, site, view, parameter, value):
        response = get(f"{site['book']}/@@{view}", **{parameter: value})
        assert response.status_code == 400
        assert response.headers["Content-Type"] == "text/plain; charset=utf-8"
        assert response.text.startswith(f"{parameter}: ")

    def test_head_links_carry_the_query(self, site):
        response = get(site["book"], outlet="le-soir", year="2014")
        assert response.status_code == 200
        page = html.fromstring(response.text)
        links = {
            link.get("type"): link
            for link in page.cssselect("head link[rel=alternate]")
            if "pressbook" in link.get("href")
        }
        query = "year=2014&outlet=le-soir"
        assert links["application/rss+xml"].get("href") == (
            f"{site['book']}/@@pressbook-rss?{query}"
        )
        assert links["application/atom+xml"].get("href") == (
            f"{site['book']}/@@pressbook-atom?{query}"
        )
        assert links["application/rss+xml"].get("title") == (
            "Dans les médias – 2014, Le Soir (RSS)"
        )
        # the link gives the page's items
        feed = parse(get(links["application/rss+xml"].get("href")))
        assert rss_titles(feed) == [TRICKY_TITLE]

    def test_head_links_of_the_unfiltered_page(self, site):
        page = html.fromstring(get(site["book"]).text)
        hrefs = [
            link.get("href")
            for link in page.cssselect("head link[rel=alternate]")
            if "pressbook" in link.get("href")
        ]
        assert hrefs == [
            f"{site['book']}/@@pressbook-rss",
            f"{site['book']}/@@pressbook-atom",
        ]

    def test_head_links_of_a_page_with_a_bad_query_are_unfiltered(self, site):
        response = get(site["book"], year="deux-mille")
        page = html.fromstring(response.text)
        hrefs = [
            link.get("href")
            for link in page.cssselect("head link[rel=alternate]")
            if "pressbook" in link.get("href")
        ]
        assert hrefs == [
            f"{site['book']}/@@pressbook-rss",
            f"{site['book']}/@@pressbook-atom",
        ]

    def test_no_head_links_on_the_items(self, site):
        page = html.fromstring(get(site["urls"]["tricky"]).text)
        assert not [
            link
            for link in page.cssselect("head link[rel=alternate]")
            if "pressbook-" in link.get("href")
        ]

    def test_document_action_links_to_the_filtered_feed(self, site):
        page = html.fromstring(get(site["book"], outlet="le-soir").text)
        link = page.cssselect("#document-action-pressbook_rss a")[0]
        assert link.get("href") == f"{site['book']}/@@pressbook-rss?outlet=le-soir"
        assert rss_titles(parse(get(link.get("href")))) == [TRICKY_TITLE]


class TestIntegration:
    @pytest.fixture
    def book(self, portal):
        return build_book(portal)[0]

    def test_default_size_is_the_newest_fifty(self, portal, book):
        setRoles(portal, TEST_USER_ID, ["Manager"])
        for number in range(FEED_SIZE + 2):
            article = api.content.create(
                book,
                "imio.pressbook.PressArticle",
                id=f"extra-{number}",
                title=f"Extra {number}",
                publication_date=dt.date(2022, 1, 1) + dt.timedelta(days=number),
                outlet="l-avenir",
            )
            api.content.transition(article, "publish")
        request = portal.REQUEST
        root = ElementTree.fromstring(
            api.content.get_view("pressbook-rss", book, request)()
        )
        titles = rss_titles(root)
        assert len(titles) == FEED_SIZE == 50
        assert titles[0] == f"Extra {FEED_SIZE + 1}"
        assert titles[-1] == "Extra 2"

    def test_document_action_is_on_press_books_only(self, portal, book):
        tool = api.portal.get_tool("portal_actions")

        def ids(obj):
            return [
                info["id"]
                for info in tool.listActionInfos(
                    object=obj, categories=("document_actions",)
                )
            ]

        assert "pressbook_rss" in ids(book)
        assert "pressbook_rss" not in ids(book["tricky"])
        action = portal.portal_actions.document_actions.pressbook_rss
        assert action.permissions == ("View",)
        assert action.i18n_domain == "imio.pressbook"

    def test_search_without_facets(self, portal, book):
        setRoles(portal, TEST_USER_ID, ["Manager"])
        criteria = parse_criteria(book, {"year": "2021"})
        result = search(book, criteria, with_facets=False)
        assert result.facets == {}
        assert result.total == 3
        assert search(book, criteria).facets["year"] == {2021: 3, 2014: 1}


class TestUnreadableText:
    """Text the text index cannot parse names SearchableText: feeds and exports alike."""

    @pytest.mark.parametrize("text", ["(", '"'])
    @pytest.mark.parametrize(
        "view",
        [
            "@@pressbook-rss",
            "@@pressbook-atom",
            "@@pressbook-export.csv",
            "@@pressbook-export.json",
        ],
    )
    def test_unreadable_search_text_is_a_400(self, site, view, text):
        response = get(f"{site['book']}/{view}", SearchableText=text)
        assert response.status_code == 400, (view, response.status_code)
        assert "SearchableText" in response.text
