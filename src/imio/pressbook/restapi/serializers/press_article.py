"""The scan of a press article in plone.restapi: only for those who may open it."""

from imio.pressbook.content.press_article import IPressArticle
from imio.pressbook.interfaces import IImioPressbookLayer
from plone.exportimport.interfaces import IExportImportRequestMarker
from plone.exportimport.serializers.blob import ExportImportFileFieldSerializer
from plone.namedfile.interfaces import INamedFileField
from plone.restapi.interfaces import IFieldSerializer
from plone.restapi.serializer.dxfields import FileFieldSerializer
from zope.component import adapter
from zope.interface import implementer


@adapter(INamedFileField, IPressArticle, IImioPressbookLayer)
@implementer(IFieldSerializer)
class PressArticleFileFieldSerializer(FileFieldSerializer):
    """`paper_version` is `null` (no download URL, no file name, no size) for
    those whom `PressArticle.can_view_paper_version()` refuses the scan.

    In a ``plone-exporter`` run, plone.exportimport's: the file is written
    beside the export, whoever may open it on the site.
    """

    def __call__(self):
        if IExportImportRequestMarker.providedBy(self.request):
            return ExportImportFileFieldSerializer(
                self.field, self.context, self.request
            )()
        if (
            self.field.__name__ == "paper_version"
            and not self.context.can_view_paper_version()
        ):
            return None
        return super().__call__()
