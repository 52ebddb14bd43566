"""Browser layer and marker interfaces of imio.pressbook."""

from zope.publisher.interfaces.browser import IDefaultBrowserLayer


class IImioPressbookLayer(IDefaultBrowserLayer):
    """Marker interface for the browser layer of imio.pressbook."""
