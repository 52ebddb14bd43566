"""Reading the pages added for editors and visitors writes nothing: the
statistics (page, CSV, REST), the press review, the Presse control panel and
its row forms, the import form. Over real HTTP, the database's last
transaction id does not move."""

from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD

import datetime
import pytest
import requests
import transaction


OWNER = (SITE_OWNER_NAME, SITE_OWNER_PASSWORD)
# (path from the press section, or from the site with "/", who asks, headers)
PAGES = {
    "stats": ("@@pressbook-stats", None, None),
    "stats-csv": ("@@pressbook-stats.csv?chart=outlet", None, None),
    "stats-rest": ("@pressbook-stats", None, {"Accept": "application/json"}),
    "review": ("@@pressbook-review?format=html", None, None),
    "panel": ("/@@pressbook-controlpanel", OWNER, None),
    "panel-search": ("/@@pressbook-controlpanel?search_outlets=soir", OWNER, None),
    "outlet-edit": ("/@@pressbook-outlet-edit?token=le-soir", OWNER, None),
    "assembly-add": ("/@@pressbook-assembly-add", OWNER, None),
    "import": ("@@pressbook-import", OWNER, None),
}


@pytest.fixture(scope="class")
def book(functional_portal_class):
    portal = functional_portal_class
    with api.env.adopt_roles(["Manager"]):
        book = api.content.create(portal, "imio.pressbook.PressBook", id="revue")
        api.content.transition(book, "publish")
        article = api.content.create(
            book,
            "imio.pressbook.PressArticle",
            id="article",
            title="Un guichet unique",
            publication_date=datetime.date(2024, 3, 14),
            outlet="le-soir",
        )
        api.content.transition(article, "publish")
    transaction.commit()
    # Plone's own first writes (portlets' settings...) on the first pages shown
    for path, auth, headers in PAGES.values():
        requests.get(address(book, path), auth=auth, headers=headers, timeout=60)
    return book


def address(book, path):
    if path.startswith("/"):
        return f"{api.portal.get().absolute_url()}{path}"
    return f"{book.absolute_url()}/{path}"


class TestPagesWriteNothing:
    @pytest.mark.parametrize("page", PAGES)
    def test_a_get_writes_nothing(self, book, page):
        path, auth, headers = PAGES[page]
        transaction.begin()
        before = book._p_jar.db().lastTransaction()
        response = requests.get(
            address(book, path), auth=auth, headers=headers, timeout=60
        )
        assert response.status_code == 200, response.text[:500]
        transaction.begin()
        assert book._p_jar.db().lastTransaction() == before
