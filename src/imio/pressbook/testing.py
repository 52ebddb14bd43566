"""Test layers of imio.pressbook."""

from plone import api
from plone.app.contenttypes.testing import PLONE_APP_CONTENTTYPES_FIXTURE
from plone.app.testing import applyProfile
from plone.app.testing import FunctionalTesting
from plone.app.testing import IntegrationTesting
from plone.app.testing import PloneSandboxLayer
from plone.testing.zope import WSGI_SERVER_FIXTURE

import imio.pressbook
import transaction


class ImioPressbookLayer(PloneSandboxLayer):
    defaultBases = (PLONE_APP_CONTENTTYPES_FIXTURE,)

    def setUpZope(self, app, configurationContext):
        import collective.taxonomy
        import collective.z3cform.datagridfield
        import plone.restapi

        self.loadZCML(package=plone.restapi)
        self.loadZCML(package=collective.z3cform.datagridfield)
        self.loadZCML(package=collective.taxonomy)
        self.loadZCML(package=imio.pressbook)

    def setUpPloneSite(self, portal):
        # as on the sites it is made for: French, with a publication workflow
        portal.portal_registry["plone.default_language"] = "fr"
        portal.portal_registry["plone.available_languages"] = ["fr", "nl", "de", "en"]
        portal.portal_workflow.setDefaultChain("simple_publication_workflow")
        applyProfile(portal, "imio.pressbook:default")


FIXTURE = ImioPressbookLayer()


class DemoFunctionalTesting(FunctionalTesting):
    """The site as `make start` builds it: add-on plus demo content.

    The demo content is created in each test's own storage rather than in a
    sandbox layer: pytest-plone keeps every layer of the session set up at
    once, and Zope's application root follows the storage stacked last, so
    a demo sandbox would leak its content into the other layers' tests.
    """

    def testSetUp(self):
        super().testSetUp()
        with api.env.adopt_roles(["Manager"]):
            applyProfile(self["portal"], "imio.pressbook:demo")
        transaction.commit()


INTEGRATION_TESTING = IntegrationTesting(
    bases=(FIXTURE,),
    name="ImioPressbookLayer:IntegrationTesting",
)

FUNCTIONAL_TESTING = FunctionalTesting(
    bases=(FIXTURE, WSGI_SERVER_FIXTURE),
    name="ImioPressbookLayer:FunctionalTesting",
)

DEMO_FUNCTIONAL_TESTING = DemoFunctionalTesting(
    bases=(FIXTURE, WSGI_SERVER_FIXTURE),
    name="ImioPressbookDemoLayer:FunctionalTesting",
)
