from imio.pressbook.testing import DEMO_FUNCTIONAL_TESTING
from imio.pressbook.testing import FUNCTIONAL_TESTING
from imio.pressbook.testing import INTEGRATION_TESTING
from pytest_plone import fixtures_factory


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
