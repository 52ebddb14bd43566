"""imio.pressbook: a press section for Plone sites of local authorities."""

from zope.i18nmessageid import MessageFactory

import logging


PACKAGE_NAME = "imio.pressbook"

_ = MessageFactory(PACKAGE_NAME)

logger = logging.getLogger(PACKAGE_NAME)


from imio.pressbook import patches  # noqa: E402 F401 (applied on import)
