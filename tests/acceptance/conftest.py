"""Browser fixtures: Debian's chromium driven by Playwright against the layer's
real WSGI server (plone.testing.zope.WSGI_SERVER_FIXTURE).

One chromium for the whole session, a fresh browser context (cookies, cache,
credentials) and page per test. Never `playwright install`: these machines
reach no browser download host; `scripts/install_chromium.sh` installs Debian's
package, which is what runs here.

``axe``: axe-core (npm, ``make axe``) injected into a page, its violations split
into the add-on's own markup and Plone's (or TinyMCE's); the latter are listed
at the end of the run, not counted.
"""

from base64 import b64encode
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from plone import api
from zope.schema import getFieldNamesInOrder

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


# axe-core, installed by `make axe` from tests/acceptance/package.json
AXE_SCRIPT = Path(__file__).parent / "node_modules" / "axe-core" / "axe.min.js"
# what the add-on must never ship (axe's two other impacts: moderate, minor)
BLOCKING_IMPACTS = ("critical", "serious")
# The add-on's own markup: its templates' containers and viewlets (classes and
# ids ``pressbook-…``) and, in forms, the fields of its schemas (``schemas``).
# Everything else on a page is Plone's (Barceloneta, toolbar, ...), and so are,
# in a rich text field of the add-on's schemas, TinyMCE's editor (``.tox``)
# and the text format select of plone.app.z3cform (shown when Plone's Markup
# control panel allows more than one format: it has no label anywhere).
OWN_MARKUP = ("[class^='pressbook']", "[class*=' pressbook']", "[id^='pressbook']")
NOT_OWN_MARKUP = (".tox", "select.pat-textareamimetypeselector")
# Runs axe on the whole document, then tells for each element found whether it
# is inside the add-on's markup (``own``, ``notOwn``: CSS selector lists).
RUN_AXE = """async ([own, notOwn]) => {
  const results = await axe.run(document, {
    elementRef: true,
    resultTypes: ["violations"],
  });
  return results.violations.flatMap((rule) => rule.nodes.map((node) => ({
    rule: rule.id,
    impact: node.impact || rule.impact,
    help: rule.help,
    target: node.target.map(String).join(" > "),
    html: node.html.slice(0, 300),
    summary: node.failureSummary,
    own: Boolean(
      node.element && node.element.closest(own) && !node.element.closest(notOwn)
    ),
  })));
}"""


@dataclass(frozen=True)
class AxeIssue:
    """One element axe-core found in violation of one rule."""

    rule: str
    impact: str
    help: str
    target: str
    html: str
    summary: str
    own: bool

    def __str__(self):
        return (
            f"[{self.impact}] {self.rule}: {self.help}\n"
            f"    at {self.target}\n    {self.html}\n"
            + "\n".join(f"    {line}" for line in self.summary.splitlines())
        )


@dataclass
class AxeReport:
    page: str
    issues: list

    @property
    def own_blocking(self):
        """The add-on's own critical and serious issues: the ones that count."""
        return [i for i in self.issues if i.own and i.impact in BLOCKING_IMPACTS]

    @property
    def others(self):
        """Plone's and TinyMCE's own issues: listed, not counted."""
        return [i for i in self.issues if not i.own]

    def explain(self):
        return f"axe-core on {self.page}:\n" + "\n".join(
            str(issue) for issue in self.own_blocking
        )


# Plone's own issues of the whole run, summed up at its end
_OTHERS = {}
# every issue found, the add-on's and Plone's, one file a test
AXE_REPORTS = Path(__file__).parents[2] / "test-results" / "axe"


@pytest.fixture
def axe(request):
    """``axe(page, *own, schemas=())``: run axe-core on ``page`` as it is now
    and return an ``AxeReport``. The add-on's markup is ``OWN_MARKUP``, the
    CSS selectors ``own`` and, in a form, the fields of ``schemas``
    (``#formfield-form-widgets-<name>``)."""
    if not AXE_SCRIPT.exists():
        pytest.fail(
            f"{AXE_SCRIPT} is missing: the accessibility checks need axe-core "
            "from npm. Run `make axe`.",
            pytrace=False,
        )

    def _run(page, *own, schemas=()):
        own = OWN_MARKUP + own
        own += tuple(
            f"#formfield-form-widgets-{name}"
            for schema in schemas
            for name in getFieldNamesInOrder(schema)
        )
        # the test waits for the patterns it checks (Select2, TinyMCE) to be
        # in place: "networkidle" may never come on a busy machine
        page.wait_for_load_state("load")
        page.add_script_tag(path=str(AXE_SCRIPT))
        found = page.evaluate(RUN_AXE, [", ".join(own), ", ".join(NOT_OWN_MARKUP)])
        report = AxeReport(
            page=page.url.split("/", 3)[-1], issues=[AxeIssue(**i) for i in found]
        )
        if not page.url.startswith("about:"):  # a page of the site
            reports.append(report)
        return report

    reports = []
    yield _run
    if not reports:
        return
    _OTHERS[request.node.nodeid] = reports
    AXE_REPORTS.mkdir(parents=True, exist_ok=True)
    (AXE_REPORTS / f"{request.node.name}.txt").write_text(
        "\n\n".join(
            f"axe-core on {report.page}\n"
            + "".join(
                f"{'add-on' if issue.own else 'Plone'} {issue}\n"
                for issue in report.issues
            )
            for report in reports
        )
    )


def pytest_terminal_summary(terminalreporter):
    if not _OTHERS:
        return
    terminalreporter.section(
        "axe-core: Plone's and TinyMCE's own critical and serious issues (not counted)"
    )
    terminalreporter.write_line(
        f"(every issue, moderate and minor ones too: {AXE_REPORTS}/<test>.txt)"
    )
    for nodeid, reports in _OTHERS.items():
        for report in reports:
            counts = Counter(
                (issue.impact, issue.rule, issue.help)
                for issue in report.others
                if issue.impact in BLOCKING_IMPACTS
            )
            terminalreporter.write_line(f"{nodeid} ({report.page}):")
            for (impact, rule, help), count in sorted(counts.items()):
                terminalreporter.write_line(f"  [{impact}] {rule} x{count}: {help}")
