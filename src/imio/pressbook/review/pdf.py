"""The press review as PDF: WeasyPrint, then the scans' own pages.

WeasyPrint lays the review's HTML page out for print (``@page`` rules, page
numbers, the table of contents' numbers by ``target-counter``) and embeds the
subsets of the fonts it uses (DejaVu, installed with pango by
scripts/install_weasyprint.sh).

A scan that is a PDF is not rasterised: the HTML reserves one blank page per
page of the scan (``<section id="scan-<n>-page-<p>">``, its own page), so the
table of contents counts them; WeasyPrint says on which page each of those
anchors landed, and pypdf draws the scan's page, scaled to fit, on that
blank page (as a form XObject: the scan's content is copied, not parsed). The scan keeps its text and its vector drawing (a clipping stays
searchable and sharp, the file small), no rasteriser is needed, and every
page keeps its number, its links and the bookmarks. A scan that is an image
is an ``<img>`` WeasyPrint lays out itself.

WeasyPrint fetches nothing but those images, from the blobs: no network, no
disk (``review_fetcher``): an ``<img>`` in an article's text pointing at an
intranet address is left out, not fetched by the server.
"""

from contextlib import ExitStack
from imio.pressbook import logger
from io import BytesIO
from pypdf import PdfReader
from pypdf import PdfWriter
from pypdf import Transformation
from pypdf.errors import PyPdfError
from pypdf.generic import ArrayObject
from pypdf.generic import DecodedStreamObject
from pypdf.generic import DictionaryObject
from pypdf.generic import FloatObject
from pypdf.generic import NameObject

import re


PLACEHOLDER = re.compile(r"scan-([0-9]+)-page-([0-9]+)")
MM = 72 / 25.4
# the area of a scan's page left free by its margins and its page number
# (the ``@page scan-page`` rule of review.css)
SCAN_MARGINS = {"top": 10 * MM, "side": 10 * MM, "bottom": 16 * MM}


class PDFUnavailable(RuntimeError):
    """WeasyPrint cannot run here: pango is missing (``make weasyprint``)."""


def load_weasyprint():
    """The weasyprint module, imported when a PDF is asked for: it loads
    pango, and a site without it still starts (and says why there is no PDF)."""
    try:
        import weasyprint
    except (ImportError, OSError) as error:
        raise PDFUnavailable(str(error)) from error
    return weasyprint


def review_fetcher(resources):
    """WeasyPrint's URL fetcher for the review: only the review's own images
    (``{url: read()}``, read from the blobs), nothing else."""
    from weasyprint.urls import URLFetcher
    from weasyprint.urls import URLFetcherResponse

    class ReviewFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            if url not in resources:
                raise ValueError(f"not part of the press review: {url}")
            data, content_type = resources[url]()
            return URLFetcherResponse(url, data, {"Content-Type": content_type})

    return ReviewFetcher()


def _image(scan):
    def read():
        blob = scan.article.paper_version
        return blob.data, blob.contentType

    return read


def write_pdf(html, base_url, scans):
    """The PDF of the review's HTML page, with the scans' pages in place."""
    resources = {scan.url: _image(scan) for scan in scans if scan.kind == "image"}
    document = (
        load_weasyprint()
        .HTML(string=html, base_url=base_url, url_fetcher=review_fetcher(resources))
        .render()
    )
    placeholders = {}  # page index -> (scan key, page of the scan)
    for index, page in enumerate(document.pages):
        for anchor in page.anchors:
            match = PLACEHOLDER.fullmatch(anchor)
            if match:
                placeholders[index] = (int(match[1]), int(match[2]))
    rendered = document.write_pdf()
    del document
    if not placeholders:
        return rendered
    pdf_scans = {scan.key: scan for scan in scans if scan.kind == "pdf"}
    writer = PdfWriter(clone_from=BytesIO(rendered))
    with ExitStack() as stack:
        readers = {}
        for index, (key, number) in sorted(placeholders.items()):
            if key not in readers:
                stream = stack.enter_context(
                    pdf_scans[key].article.paper_version.open()
                )
                readers[key] = PdfReader(stream)
            try:
                place(
                    writer,
                    writer.pages[index],
                    readers[key].pages[number - 1],
                    f"/PressbookScan{key}p{number}",
                )
            except (PyPdfError, ValueError, KeyError, TypeError) as error:
                # a scan pypdf counted but cannot copy: its page stays blank
                logger.warning(
                    "Press review: page %d of scan %s left blank (%s)",
                    number,
                    pdf_scans[key].url,
                    error,
                )
        output = BytesIO()
        writer.write(output)
    return output.getvalue()


def _fit(source, target):
    """The matrix that draws ``source`` (upright, as a reader shows it) on
    ``target``'s free area, scaled to fit, centred across and at the top."""
    box = source.cropbox
    left, bottom = float(box.left), float(box.bottom)
    width, height = float(box.width), float(box.height)
    rotation = (source.rotation or 0) % 360
    # to the origin, then turned as the /Rotate the reader would apply
    transformation = Transformation().translate(-left, -bottom)
    if rotation == 90:
        transformation = transformation.rotate(-90).translate(0, width)
    elif rotation == 180:
        transformation = transformation.rotate(180).translate(width, height)
    elif rotation == 270:
        transformation = transformation.rotate(90).translate(height, 0)
    if rotation in (90, 270):
        width, height = height, width
    free_width = float(target.mediabox.width) - 2 * SCAN_MARGINS["side"]
    free_height = (
        float(target.mediabox.height) - SCAN_MARGINS["top"] - SCAN_MARGINS["bottom"]
    )
    factor = min(free_width / width, free_height / height)
    x = SCAN_MARGINS["side"] + (free_width - width * factor) / 2
    y = SCAN_MARGINS["bottom"] + free_height - height * factor
    return transformation.scale(factor, factor).translate(x, y)


def place(writer, target, source, name):
    """Draw the scan's page ``source`` on the blank page ``target``.

    The page becomes a form XObject of the review (its content streams as
    they are, its resources copied), drawn by one ``Do`` on the blank page:
    nothing of the scan is parsed or rewritten, unlike pypdf's
    ``merge_transformed_page``, which reads every operator of both pages
    (ten times slower on real clippings)."""
    contents = source.get("/Contents")
    contents = contents.get_object() if contents is not None else None
    if contents is None:
        return
    streams = contents if isinstance(contents, ArrayObject) else [contents]
    data = b"\n".join(stream.get_object().get_data() for stream in streams)
    box = source.cropbox
    form = DecodedStreamObject()
    form.set_data(data)
    form.update(
        {
            NameObject("/Type"): NameObject("/XObject"),
            NameObject("/Subtype"): NameObject("/Form"),
            NameObject("/BBox"): ArrayObject(
                FloatObject(float(value))
                for value in (box.left, box.bottom, box.right, box.top)
            ),
        }
    )
    resources = source.get("/Resources")
    if resources is not None:
        form[NameObject("/Resources")] = resources.get_object().clone(writer)
    form_reference = writer._add_object(form.flate_encode())
    # the blank page's own resources, with the form among its XObjects
    page_resources = DictionaryObject(target["/Resources"].get_object())
    xobjects = DictionaryObject(page_resources.get("/XObject", DictionaryObject()))
    xobjects[NameObject(name)] = form_reference
    page_resources[NameObject("/XObject")] = xobjects
    target[NameObject("/Resources")] = page_resources
    matrix = " ".join(f"{value:.4f}" for value in _fit(source, target).ctm)
    drawing = DecodedStreamObject()
    drawing.set_data(f"q {matrix} cm {name} Do Q".encode("ascii"))
    existing = target["/Contents"].get_object()
    streams = (
        list(existing)
        if isinstance(existing, ArrayObject)
        else [target.raw_get("/Contents")]
    )
    target[NameObject("/Contents")] = ArrayObject(
        [*streams, writer._add_object(drawing)]
    )
