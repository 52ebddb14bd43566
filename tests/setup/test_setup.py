"""Install, uninstall and profile version."""

from imio.pressbook.interfaces import IImioPressbookLayer
from plone.browserlayer import utils


PACKAGE_NAME = "imio.pressbook"


class TestSetupInstall:
    def test_addon_installed(self, installer):
        assert installer.is_product_installed(PACKAGE_NAME) is True

    def test_browserlayer_registered(self, portal):
        assert IImioPressbookLayer in utils.registered_layers()

    def test_latest_version(self, profile_last_version):
        assert profile_last_version(f"{PACKAGE_NAME}:default") == "1012"
