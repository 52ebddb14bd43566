"""The thumbnail of a press scan: its first page, small, for those the
publishers' licence lets see the scan.

``@@pressbook-thumbnail`` of an article renders the first page of its scan
(a PDF through PDFium, the ``pypdfium2`` wheel; an image through Pillow) as
a JPEG at most ``THUMBNAIL_WIDTH`` pixels wide, when asked: nothing is
stored, so no GET writes and a new scan is seen at once. The rendered bytes
are kept in RAM (plone.memoize) for the scan's identity (the article's path
and last modification), never shared across the licence rule:
``PressArticle.can_view_paper_version()`` is checked at every request,
before the cache is read, and the answer is ``Cache-Control: private``.

A scan that cannot be rendered (not a PDF nor an image, broken, empty) has
no thumbnail: 404, and pages show none.
"""

from imio.pressbook.browser.views.paper_version import check_paper_version_access
from imio.pressbook.browser.views.paper_version import FIELDNAME
from io import BytesIO
from plone.memoize import ram
from Products.Five.browser import BrowserView
from zope.publisher.interfaces import NotFound

import logging


logger = logging.getLogger("imio.pressbook")

THUMBNAIL_WIDTH = 240  # pixels; the pages show it at 120 CSS pixels (2x screens)
MAX_HEIGHT = 2 * THUMBNAIL_WIDTH  # a long scroll of a page is cut
PDF_TYPES = ("application/pdf", "application/x-pdf")


def thumbnail_url(article):
    """The thumbnail's address, which changes with the article (and its scan)."""
    return (
        f"{article.absolute_url()}/@@pressbook-thumbnail"
        f"?v={int(article.modified().timeTime())}"
    )


def can_render(scan):
    """Is the scan of a kind that has a first page to show (PDF, image)?"""
    content_type = getattr(scan, "contentType", None) or ""
    return content_type in PDF_TYPES or content_type.startswith("image/")


def article_thumbnail(article):
    """The thumbnail's address for the current user, or None: no scan, a scan
    the licence keeps from them, or one that is not a PDF nor an image."""
    if not article.can_view_paper_version():
        return None
    if not can_render(getattr(article, FIELDNAME, None)):
        return None
    return thumbnail_url(article)


def _first_page(data, content_type):
    """The first page of a scan as a Pillow image; ValueError if it has none."""
    from PIL import Image

    if content_type in PDF_TYPES or data[:5] == b"%PDF-":
        import pypdfium2

        try:
            document = pypdfium2.PdfDocument(data)
        except pypdfium2.PdfiumError as error:
            raise ValueError(str(error)) from None
        try:
            if len(document) == 0:
                raise ValueError("no page")
            page = document[0]
            width = page.get_width() or 1
            bitmap = page.render(scale=THUMBNAIL_WIDTH / width)
            return bitmap.to_pil()
        finally:
            document.close()
    try:
        image = Image.open(BytesIO(data))
        image.draft("RGB", (THUMBNAIL_WIDTH, MAX_HEIGHT))  # JPEG: decode small
        image.load()
    except (OSError, Image.DecompressionBombError) as error:
        raise ValueError(str(error)) from None
    return image


def render_thumbnail(data, content_type):
    """A JPEG of the first page of a scan, ``THUMBNAIL_WIDTH`` wide at most;
    ValueError when the scan cannot be rendered."""
    image = _first_page(data, content_type).convert("RGB")
    image.thumbnail((THUMBNAIL_WIDTH, MAX_HEIGHT * 4))
    if image.height > MAX_HEIGHT:
        image = image.crop((0, 0, image.width, MAX_HEIGHT))
    buffer = BytesIO()
    image.save(buffer, "JPEG", quality=80, optimize=True)
    return buffer.getvalue()


def _key(function, path, modified, scan):
    return (path, modified, scan.getSize(), scan.filename, scan.contentType)


@ram.cache(_key)
def _cached_thumbnail(path, modified, scan):
    """The thumbnail of ``scan`` (a NamedBlobFile), None if it has none; kept
    for the article's path and modification time."""
    try:
        return render_thumbnail(scan.data, scan.contentType)
    except ValueError as error:
        logger.info("No thumbnail for the scan of %s: %s", path, error)
        return None


class ThumbnailView(BrowserView):
    """``@@pressbook-thumbnail`` of a press article."""

    def __call__(self):
        # Unauthorized (a visitor is asked to log in) before anything is read
        check_paper_version_access(self.context, FIELDNAME)
        scan = getattr(self.context, FIELDNAME, None)
        if scan is None:
            raise NotFound(self.context, "pressbook-thumbnail", self.request)
        data = _cached_thumbnail(
            "/".join(self.context.getPhysicalPath()),
            self.context.modified().timeTime(),
            scan,
        )
        if data is None:
            raise NotFound(self.context, "pressbook-thumbnail", self.request)
        response = self.request.response
        response.setHeader("Content-Type", "image/jpeg")
        response.setHeader("Content-Length", str(len(data)))
        # the licence depends on who asks: no shared cache
        response.setHeader("Cache-Control", "private, max-age=86400")
        return data
