"""Browser layer and marker interfaces of imio.pressbook."""

from zope.interface import Interface
from zope.publisher.interfaces.browser import IDefaultBrowserLayer


class IImioPressbookLayer(IDefaultBrowserLayer):
    """Marker interface for the browser layer of imio.pressbook."""


class IPressbookContent(Interface):
    """Marker of the add-on's content: press sections, articles and questions.

    What the add-on registers for all three (the REST deserializers) is
    registered for this.
    """
