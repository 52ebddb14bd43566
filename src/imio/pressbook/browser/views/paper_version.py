"""Every way to the bytes of a press scan goes through the publishers' licence.

`PressArticle.can_view_paper_version()` is the rule. The stock views of
plone.namedfile, plone.formwidget.namedfile and plone.app.versioningbehavior
are subclassed for press articles on the add-on's browser layer and refuse
(`Unauthorized`: login for visitors, 403 for logged-in users) before serving
anything when the rule says no.
"""

from Acquisition import aq_inner
from imio.pressbook.content.press_article import IPressArticle
from plone.app.versioningbehavior.browser import DownloadVersion
from plone.dexterity.browser.traversal import DexterityPublishTraverse
from plone.formwidget.namedfile.widget import Download as WidgetDownload
from plone.namedfile.browser import DisplayFile
from plone.namedfile.browser import Download
from plone.namedfile.scaling import ImageScale
from plone.namedfile.scaling import ImageScaling
from plone.rfc822.interfaces import IPrimaryFieldInfo
from zExceptions import Unauthorized
from zope.publisher.interfaces import NotFound


FIELDNAME = "paper_version"


def check_paper_version_access(content, fieldname):
    """Raise Unauthorized if `fieldname` is the scan of `content` and the
    current user may not open it."""
    if fieldname != FIELDNAME or not IPressArticle.providedBy(content):
        return
    if not aq_inner(content).can_view_paper_version():
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
    """@@images of a press article.

    Every scale, the original (`@@images/paper_version`) and the uid-named
    scales (`@@images/<uid>.png`) are served by `PaperVersionImageScale`.
    (plone.namedfile builds no <img> tags for paper_version: a file field has
    no image size; pages link to these URLs.)
    """

    _scale_view_class = PaperVersionImageScale


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


class PressArticlePublishTraverse(DexterityPublishTraverse):
    """No direct traversal to the scan (/article/paper_version[/data]).

    Traversal happens before authentication, so the rule cannot be applied
    here: the scan is reached through @@download or @@display-file.
    """

    def publishTraverse(self, request, name):
        if name == FIELDNAME:
            raise NotFound(self.context, name, request)
        return super().publishTraverse(request, name)
