"""The pressbook_ document actions and the views they point at."""

from imio.pressbook.browser.views.document_actions import mailto_url
from lxml import html
from pathlib import Path
from plone import api
from plone.app.testing import logout
from plone.app.testing import setRoles
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from plone.app.testing import TEST_USER_ID
from plone.namedfile.file import NamedBlobFile
from urllib.parse import parse_qs
from urllib.parse import urlparse

import datetime
import imio.pressbook
import pytest
import requests
import transaction


ACTIONS = ("pressbook_print", "pressbook_sendto", "pressbook_paper_version")


def text_of(element):
    return " ".join(element.text_content().split())


def make_items(portal):
    """A press book with a published article (scan for logged-in users) and question."""
    setRoles(portal, TEST_USER_ID, ["Manager"])
    book = api.content.create(
        portal,
        "imio.pressbook.PressBook",
        id="dans-les-medias",
        title="Dans les médias",
    )
    article = api.content.create(
        book,
        "imio.pressbook.PressArticle",
        id="imio-touche",
        title="Imio touche 3,5 millions d'habitants en Région wallonne",
        publication_date=datetime.date(2014, 1, 21),
        outlet="la-derniere-heure",
    )
    article.paper_version = NamedBlobFile(
        b"%PDF-1.4 scan", contentType="application/pdf", filename="dh.pdf"
    )
    article.paper_version_access = "authenticated"
    question = api.content.create(
        book,
        "imio.pressbook.ParliamentaryQuestion",
        id="partenariats",
        title="Les partenariats & l'intercommunale IMIO ?",
        assembly="parlement-wallonie",
        question_date=datetime.date(2015, 7, 10),
        asked_by="DUPONT Jean-Marc",
        addressed_to="FURLAN Paul",
    )
    for obj in (book, article, question):
        api.content.transition(obj, "publish")
    setRoles(portal, TEST_USER_ID, ["Member"])
    return book, article, question


@pytest.fixture
def items(portal):
    return make_items(portal)


def action_ids(obj):
    tool = api.portal.get_tool("portal_actions")
    return [
        info["id"]
        for info in tool.listActionInfos(object=obj, categories=("document_actions",))
    ]


@pytest.mark.parametrize("action_id", ACTIONS)
def test_action_is_installed_with_permission_and_condition(portal, action_id):
    action = portal.portal_actions.document_actions[action_id]
    assert action.visible is True
    assert action.permissions == ("View",)
    assert "imio.pressbook.PressArticle" in action.available_expr
    assert action.i18n_domain == "imio.pressbook"


def test_action_urls(portal):
    category = portal.portal_actions.document_actions
    assert category.pressbook_print.url_expr == "string:${object_url}/@@pressbook-print"
    assert (
        category.pressbook_sendto.url_expr == "string:${object_url}/@@pressbook-sendto"
    )
    assert (
        category.pressbook_paper_version.url_expr
        == "string:${object_url}/@@download/paper_version"
    )


class TestAvailability:
    def test_on_an_article_for_its_editor(self, portal, items):
        setRoles(portal, TEST_USER_ID, ["Manager"])
        assert action_ids(items[1]) == list(ACTIONS)

    def test_on_an_article_for_visitors(self, items):
        logout()
        # the scan is for logged-in users: PressArticle.can_view_paper_version says no
        assert items[1].can_view_paper_version() is False
        assert action_ids(items[1]) == ["pressbook_print", "pressbook_sendto"]

    def test_on_an_article_without_scan(self, portal, items):
        setRoles(portal, TEST_USER_ID, ["Manager"])
        items[1].paper_version = None
        assert action_ids(items[1]) == ["pressbook_print", "pressbook_sendto"]

    def test_on_a_question(self, portal, items):
        setRoles(portal, TEST_USER_ID, ["Manager"])
        assert action_ids(items[2]) == ["pressbook_print", "pressbook_sendto"]

    def test_not_on_the_press_book_nor_other_types(self, portal, items):
        setRoles(portal, TEST_USER_ID, ["Manager"])
        document = api.content.create(portal, "Document", id="page", title="Page")
        assert not set(ACTIONS) & set(action_ids(items[0]))
        assert not set(ACTIONS) & set(action_ids(document))


class TestSendTo:
    def test_mailto_url_is_encoded(self):
        url = mailto_url(
            "Questions & réponses ?", "https://www.example.org/presse/a?b=1&c=2"
        )
        assert url == (
            "mailto:?subject=Questions%20%26%20r%C3%A9ponses%20%3F"
            "&body=https%3A%2F%2Fwww.example.org%2Fpresse%2Fa%3Fb%3D1%26c%3D2"
        )

    def test_visitor_is_redirected_to_a_mailto_link(self, items, request_fr):
        question = items[2]
        logout()
        view = api.content.get_view("pressbook-sendto", question, request_fr)
        assert view() == ""
        response = request_fr.response
        assert response.getStatus() == 302
        location = response.getHeader("Location")
        assert location.startswith("mailto:?")
        query = parse_qs(urlparse(location).query)
        assert query == {
            "subject": ["Les partenariats & l'intercommunale IMIO ?"],
            "body": [question.absolute_url()],
        }


class TestPrint:
    def test_print_page_of_an_article(self, items, request_fr):
        article = items[1]
        logout()
        page = html.fromstring(
            api.content.get_view("pressbook-print", article, request_fr)()
        )
        assert page.get("lang") == "fr"
        assert (
            text_of(page.cssselect("h1")[0])
            == "Imio touche 3,5 millions d'habitants en Région wallonne"
        )
        assert text_of(page.cssselect(".pressbook-byline")[0]) == (
            "Article paru dans « La Dernière Heure » le 21 janvier 2014"
        )
        assert page.cssselect(".pressbook-paper-version") == []
        assert page.cssselect("#portal-header") == []
        scripts = [script.get("src") for script in page.cssselect("script")]
        assert scripts == [
            f"{api.portal.get().absolute_url()}/++plone++imio.pressbook/print.js"
        ]

    def test_print_page_of_a_question(self, items, request_fr):
        page = html.fromstring(
            api.content.get_view("pressbook-print", items[2], request_fr)()
        )
        assert (
            text_of(page.cssselect(".pressbook-thread-question h2")[0])
            == "Question écrite du 10/07/2015"
        )
        # a written question of 2015 in the Parliament of Wallonia: overdue
        assert text_of(page.cssselect(".pressbook-awaiting")[0]).startswith(
            "Cette question attend une réponse : le délai de réponse a expiré le "
        )

    def test_print_script_opens_the_print_dialog(self):
        script = (
            Path(imio.pressbook.__file__).parent / "browser" / "static" / "print.js"
        )
        assert "window.print()" in script.read_text()


class TestOverHttp:
    """Through the publisher: language negotiated from the site, visitors' rights."""

    @pytest.fixture
    def published(self, functional_portal):
        book, article, question = make_items(functional_portal)
        transaction.commit()
        return article, question

    def test_visitor_gets_french_page_and_mailto_redirect(self, published):
        article, question = published
        response = requests.get(article.absolute_url(), timeout=30)
        assert response.status_code == 200
        page = html.fromstring(response.text)
        assert text_of(page.cssselect(".pressbook-byline")[0]) == (
            "Article paru dans « La Dernière Heure » le 21 janvier 2014"
        )
        actions = page.cssselect("#pressbook-document-actions a")
        assert [text_of(a) for a in actions] == ["Imprimer", "Envoyer par courriel"]
        sendto = requests.get(actions[1].get("href"), allow_redirects=False, timeout=30)
        assert sendto.status_code == 302
        location = sendto.headers["Location"]
        assert parse_qs(urlparse(location).query)["body"] == [article.absolute_url()]

    def test_manager_gets_the_scan_action(self, published):
        article, _question = published
        response = requests.get(
            article.absolute_url(),
            auth=(SITE_OWNER_NAME, SITE_OWNER_PASSWORD),
            timeout=30,
        )
        page = html.fromstring(response.text)
        link = page.cssselect("#document-action-pressbook_paper_version a")[0]
        assert link.get("href") == f"{article.absolute_url()}/@@download/paper_version"
        assert text_of(link) == "Voir la version papier"

    def test_print_script_is_served(self, published):
        portal_url = api.portal.get().absolute_url()
        response = requests.get(
            f"{portal_url}/++plone++imio.pressbook/print.js", timeout=30
        )
        assert response.status_code == 200
        assert "window.print()" in response.text
