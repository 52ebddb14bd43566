"""Browser fixtures: Debian's chromium driven by Playwright against the layer's
real WSGI server (plone.testing.zope.WSGI_SERVER_FIXTURE).

One chromium for the whole session, a fresh browser context (cookies, cache,
credentials) and page per test. Never `playwright install`: these machines
reach no browser download host; `scripts/install_chromium.sh` installs Debian's
package, which is what runs here.
"""

from base64 import b64encode
from pathlib import Path
from plone import api

import pytest
import transaction


CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
# Long enough for a cold Plone page (the first render compiles templates),
# short enough that a broken page fails fast.
TIMEOUT_MS = 15_000


def localhost_url(layer):
    """The portal's address on the test server, on `localhost`: plone.app.theming
    does not theme requests to 127.0.0.1."""
    url = layer["portal"].absolute_url()
    return url.replace("://127.0.0.1:", "://localhost:", 1)


@pytest.fixture
def functional_url(functional):
    """http://localhost:<port>/plone on the FUNCTIONAL layer's server."""
    return localhost_url(functional)


@pytest.fixture
def demo_url(demo):
    """http://localhost:<port>/plone on the DEMO layer's server."""
    return localhost_url(demo)


@pytest.fixture(scope="session")
def chromium():
    if not CHROMIUM.exists():
        pytest.fail(
            f"{CHROMIUM} is missing: the browser tests need Debian's chromium. "
            "Run scripts/install_chromium.sh (or `apt-get update && apt-get "
            "install -y chromium`); never `playwright install`.",
            pytrace=False,
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def open_page(chromium):
    """Factory: ``open_page()`` for an anonymous visitor, ``open_page((login,
    password))`` for a user logged in by an ``Authorization: Basic`` header.

    Each page has its own context (no shared cookies), French first in
    Accept-Language as the sites' visitors send it; all are closed after the test.
    """
    contexts = []

    def _open(credentials=None):
        headers = {"Accept-Language": "fr-BE,fr;q=0.9"}
        if credentials:
            token = b64encode(":".join(credentials).encode()).decode("ascii")
            headers["Authorization"] = f"Basic {token}"
        context = chromium.new_context(locale="fr-BE", extra_http_headers=headers)
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        return context.new_page()

    yield _open
    for context in contexts:
        context.close()


@pytest.fixture
def page(open_page):
    """An anonymous visitor's page."""
    return open_page()


class Select2:
    """Plone's ``pat-select2`` driven as an editor does: a click on the field,
    the first letters typed, Enter on the highlighted match."""

    @staticmethod
    def pick(page, widget_id, typed, label):
        """Pick ``label`` in the Select2 of ``#<widget_id>`` by typing ``typed``."""
        page.locator(f"#s2id_{widget_id}").click()
        Select2.type_and_enter(page, typed, label)

    @staticmethod
    def type_and_enter(page, typed, label):
        """In an open Select2: type, wait for ``label`` highlighted, Enter."""
        from playwright.sync_api import expect

        page.keyboard.type(typed)
        highlighted = page.locator(".select2-drop-active .select2-highlighted")
        expect(highlighted).to_have_text(label)
        page.keyboard.press("Enter")


@pytest.fixture
def select2():
    return Select2


# an editor of the press section: Contributor and Editor there
EDITOR = ("redactrice", "Presse-2015-secret")


@pytest.fixture
def press_book(functional):
    """A press section where the editor (``EDITOR``) is Contributor and Editor."""
    portal = functional["portal"]
    with api.env.adopt_roles(["Manager"]):
        book = api.content.create(
            portal,
            "imio.pressbook.PressBook",
            id="dans-les-medias",
            title="Dans les médias",
        )
        api.user.create(
            email="redactrice@example.org", username=EDITOR[0], password=EDITOR[1]
        )
        api.user.grant_roles(
            username=EDITOR[0], obj=book, roles=["Contributor", "Editor"]
        )
    transaction.commit()
    return book


@pytest.fixture
def editor_page(open_page, press_book):
    """A browser page logged in as the press section's editor."""
    return open_page(EDITOR)
