"""Create the demo Plone site of `make start`, or bring an existing one up to date.

    zconsole run var/instance/etc/zope.conf scripts/create_site.py
    bin/instance run scripts/create_site.py        (buildout)

Run by `zconsole`, which binds ``app`` (the Zope root). It cannot run while a
server holds Data.fs: `make start` checks that first.

- no site ``Plone``: creates it in French, Classic UI with Barceloneta, the
  add-on and its demo content;
- a site ``Plone`` exists: keeps it as it is, content included, and only runs
  the add-on's pending upgrade steps so the site follows the code.
"""

from AccessControl.SecurityManagement import newSecurityManager
from plone.base.utils import get_installer
from Products.CMFPlone.factory import addPloneSite
from zope.component.hooks import setSite

import transaction


SITE_ID = "Plone"
SITE_TITLE = "Site de démonstration"
ADMIN_LOGIN = "admin"
ADMIN_PASSWORD = "admin"
PROFILE_ID = "imio.pressbook:default"
EXTENSION_IDS = (
    "plone.app.contenttypes:default",
    "plonetheme.barceloneta:default",
    "imio.pressbook:default",
    "imio.pressbook:demo",
)


def log(message):
    print(f"create_site: {message}", flush=True)


def ensure_admin(app):
    """The Zope manager admin/admin, unless an ``admin`` user exists already."""
    users = app.acl_users
    if users.getUserById(ADMIN_LOGIN) is None:
        users._doAddUser(ADMIN_LOGIN, ADMIN_PASSWORD, ["Manager"], [])
        log(f"Zope user {ADMIN_LOGIN!r} created.")
    user = users.getUserById(ADMIN_LOGIN).__of__(users)
    # content created below is owned by admin, not by "System Processes"
    newSecurityManager(None, user)


def create_site(app):
    log(f"creating the Plone site {SITE_ID!r} (French, Barceloneta, demo content)...")
    site = addPloneSite(
        app,
        SITE_ID,
        title=SITE_TITLE,
        default_language="fr",
        portal_timezone="Europe/Brussels",
        extension_ids=EXTENSION_IDS,
    )
    log(f"site {SITE_ID!r} created.")
    return site


def upgrade_site(site):
    """Keep the content; install the add-on if missing, run its upgrade steps."""
    setSite(site)
    installer = get_installer(site)
    if not installer.is_product_installed("imio.pressbook"):
        installer.install_product("imio.pressbook")
        log("imio.pressbook was not installed: installed.")
        return
    setup = site.portal_setup
    steps = setup.listUpgrades(PROFILE_ID)
    if not steps:
        log(f"site {SITE_ID!r} exists and is up to date: kept as it is.")
        return
    setup.upgradeProfile(PROFILE_ID)
    version = setup.getLastVersionForProfile(PROFILE_ID)
    log(
        f"site {SITE_ID!r} exists: imio.pressbook upgraded to profile version {version}."
    )


def main(app):
    ensure_admin(app)
    if SITE_ID in app.objectIds():
        upgrade_site(app[SITE_ID])
    else:
        create_site(app)
    transaction.commit()
    # a clean close saves Data.fs.index: the server starts without a rescan
    app._p_jar.db().close()


if __name__ == "__main__":
    main(app)  # noqa: F821 (bound by zconsole)
