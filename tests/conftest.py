import os


# Compile locales/*/LC_MESSAGES/*.po to .mo when the ZCML registers them, as the
# instance does (zope.conf): .mo files are build products, not committed.
os.environ.setdefault("zope_i18n_compile_mo_files", "true")

from imio.pressbook.testing import DEMO_FUNCTIONAL_TESTING  # noqa: E402
from imio.pressbook.testing import FUNCTIONAL_TESTING  # noqa: E402
from imio.pressbook.testing import INTEGRATION_TESTING  # noqa: E402
from pytest_plone import fixtures_factory  # noqa: E402
from zope.event import notify  # noqa: E402
from zope.traversing.interfaces import BeforeTraverseEvent  # noqa: E402

import pytest  # noqa: E402


pytest_plugins = ["pytest_plone"]


globals().update(
    fixtures_factory(
        (
            (INTEGRATION_TESTING, "integration"),
            (FUNCTIONAL_TESTING, "functional"),
            (DEMO_FUNCTIONAL_TESTING, "demo"),
        )
    )
)


@pytest.fixture
def request_fr(portal):
    """The test request as the publisher prepares it: layer and language
    negotiated (French, the test site's language)."""
    request = portal.REQUEST
    notify(BeforeTraverseEvent(portal, request))
    return request
