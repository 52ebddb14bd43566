"""Install and uninstall handlers of the GenericSetup profiles."""

from plone.base.interfaces import INonInstallable
from zope.interface import implementer


@implementer(INonInstallable)
class HiddenProfiles:
    def getNonInstallableProfiles(self):
        """Hide the uninstall profile from the add-ons control panel."""
        return ["imio.pressbook:uninstall"]

    def getNonInstallableProducts(self):
        return ["imio.pressbook.upgrades"]


def post_install(context):
    """Post install script."""


def uninstall(context):
    """Uninstall script."""
