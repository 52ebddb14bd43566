"""Every way to the bytes of a press scan goes through the publishers' licence.

`PressArticle.can_view_paper_version()` is the rule. The stock views of
plone.namedfile, plone.formwidget.namedfile and plone.app.versioningbehavior
are subclassed on the add-on's browser layer and raise `Unauthorized` before
serving anything when the rule says no: Plone's challenge then sends visitors
to the login form and logged-in users to "insufficient privileges" (REST: 401).
A scan reached through acquisition (/article/other-content/@@images/...) or
as an object (/article/paper_version/data) is not found, for everybody.
"""

from Acquisition import aq_base
from Acquisition import aq_inner
from imio.pressbook.content.press_article import IPressArticle
from imio.pressbook.interfaces import IImioPressbookLayer
from plone.app.versioningbehavior.browser import DownloadVersion
from plone.formwidget.namedfile.widget import Download as WidgetDownload
from plone.namedfile.browser import DisplayFile
from plone.namedfile.browser import Download
from plone.namedfile.scaling import ImageScale
from plone.namedfile.scaling import ImageScaling
from plone.rfc822.interfaces import IPrimaryFieldInfo
from zExceptions import Unauthorized
from zope.publisher.interfaces import NotFound


FIELDNAME = "paper_version"


def is_acquired_scan(content, fieldname):
    """Is `fieldname` the scan of an article, acquired by other content?"""
    return (
        fieldname == FIELDNAME
        and not IPressArticle.providedBy(content)
        and getattr(aq_base(content), FIELDNAME, None) is None
    )


def check_paper_version_access(content, fieldname):
    """Raise if `fieldname` is a press scan the current user may not open.

    On an article: Unauthorized when the rule says no. On anything else: a
    `paper_version` it does not hold itself is acquired from an article higher
    in the URL (/article/some-page/@@images/paper_version): NotFound.
    """
    if is_acquired_scan(content, fieldname):
        raise NotFound(content, fieldname)
    if (
        fieldname == FIELDNAME
        and IPressArticle.providedBy(content)
        and not aq_inner(content).can_view_paper_version()
    ):
        raise Unauthorized(
            f"The paper version of {content.absolute_url()} is reserved by its "
            "access setting."
        )


class PaperVersionDownload(Download):
    """@@download of a press article: ../@@download[/fieldname[/filename]]."""

    def _getFile(self):
        # Resolves self.fieldname (the primary field when none is given) and
        # raises NotFound when there is nothing to serve.
        file = super()._getFile()
        check_paper_version_access(self.context, self.fieldname)
        return file


class PaperVersionDisplayFile(DisplayFile):
    """@@display-file of a press article."""

    def _getFile(self):
        file = super()._getFile()
        check_paper_version_access(self.context, self.fieldname)
        return file


class PaperVersionImageScale(ImageScale):
    """One scale, or the original (`@@images/paper_version`), of a field.

    Its publication is authorized for everybody by the stock class: the
    access is validated when the data is served, once the user is known.
    """

    def validate_access(self):
        super().validate_access()
        fieldname = getattr(self, "fieldname", None) or getattr(
            self.data, "fieldname", None
        )
        check_paper_version_access(self.context, fieldname)


class PaperVersionImageScaling(ImageScaling):
    """@@images of any content: registered for IImageScaleTraversable because
    through acquisition any content below an article in a URL reaches its scan.

    Every scale, the original (`@@images/paper_version`) and the uid-named
    scales (`@@images/<uid>.png`) are served by `PaperVersionImageScale`.
    (plone.namedfile builds no <img> tags for paper_version: a file field has
    no image size; pages link to these URLs.)
    """

    _scale_view_class = PaperVersionImageScale

    def scale(self, fieldname=None, *args, **kwargs):
        # Called before authentication when publishing: only what does not
        # depend on the user. No scales of an acquired scan are made or stored.
        if is_acquired_scan(self.context, fieldname):
            return None
        return super().scale(fieldname, *args, **kwargs)


class PaperVersionWidgetDownload(WidgetDownload):
    """Download through a form's file widget: ++widget++form.widgets.x/@@download.

    In edit forms only editors get there, and the rule lets them in; display
    forms are open to whoever may view the article.
    """

    def __call__(self):
        widget = self.context
        if not widget.ignoreContext:
            if widget.form is not None:
                content = widget.form.getContent()
            else:
                content = widget.context
            check_paper_version_access(content, widget.field.__name__)
        return super().__call__()


class PaperVersionDownloadVersion(DownloadVersion):
    """@@download-version: a file field of an older version of the article.

    The access setting in force (the current one) applies to older scans too.
    """

    def __call__(self):
        fieldname = self.request.get("field_id")
        if not fieldname:
            info = IPrimaryFieldInfo(self.context, None)
            fieldname = getattr(info, "fieldname", None)
        check_paper_version_access(self.context, fieldname)
        return super().__call__()


def refuse_traversal_to_scans(event):
    """No URL publishes the scan object itself: /article/paper_version[/data],
    nor through acquisition (/article/portal_catalog/paper_version/data).

    Subscriber of IPubAfterTraversal: after traversal, before the published
    object is called. The scan is served by @@download and @@display-file.
    """
    request = event.request
    if not IImioPressbookLayer.providedBy(request):
        return
    parents = request.get("PARENTS") or []
    scans = set()
    for parent in parents:
        if IPressArticle.providedBy(parent):
            scan = getattr(aq_base(parent), FIELDNAME, None)
            if scan is not None:
                scans.add(id(scan))
    if not scans:
        return
    for obj in [request.get("PUBLISHED"), *parents]:
        if id(aq_base(obj)) in scans:
            raise NotFound(obj, FIELDNAME, request)
