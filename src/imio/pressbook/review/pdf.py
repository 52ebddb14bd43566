"""The press review as PDF: WeasyPrint, then the scans' own pages.

WeasyPrint lays the review's HTML page out for print (``@page`` rules, page
numbers, the table of contents' numbers by ``target-counter``) and embeds the
subsets of the fonts it uses (DejaVu, installed with pango by
scripts/install_weasyprint.sh).

A scan that is a PDF is not rasterised: the HTML reserves one blank page per
page of the scan (``<section id="scan-<n>-page-<p>">``, its own page), so the
table of contents counts them; WeasyPrint says on which page each of those
anchors landed, and pypdf draws the scan's page, scaled to fit, on that
blank page. The scan keeps its text and its vector drawing (a clipping stays
searchable and sharp, the file small), no rasteriser is needed, and every
page keeps its number, its links and the bookmarks. A scan that is an image
is an ``<img>`` WeasyPrint lays out itself.

WeasyPrint fetches nothing but those images, from the blobs: no network, no
disk (``ReviewFetcher``): an ``<img>`` in an article's text pointing at an
intranet address is left out, not fetched by the server.
"""

from contextlib import ExitStack
from io import BytesIO
from pypdf import PdfReader
from pypdf import PdfWriter
from pypdf import Transformation
from weasyprint import HTML
from weasyprint.urls import URLFetcher
from weasyprint.urls import URLFetcherResponse

import re


PLACEHOLDER = re.compile(r"scan-([0-9]+)-page-([0-9]+)")
MM = 72 / 25.4
# the area of a scan's page left free by its margins and its page number
# (the ``@page scan-page`` rule of review.css)
SCAN_MARGINS = {"top": 10 * MM, "side": 10 * MM, "bottom": 16 * MM}


class ReviewFetcher(URLFetcher):
    """Only the review's own images, read from the blobs; nothing else."""

    def __init__(self, resources):
        super().__init__()
        self.resources = resources

    def fetch(self, url, headers=None):
        if url not in self.resources:
            raise ValueError(f"not part of the press review: {url}")
        data, content_type = self.resources[url]()
        return URLFetcherResponse(url, data, {"Content-Type": content_type})


def _image(scan):
    def read():
        blob = scan.article.paper_version
        return blob.data, blob.contentType

    return read


def write_pdf(html, base_url, scans):
    """The PDF of the review's HTML page, with the scans' pages in place."""
    resources = {scan.url: _image(scan) for scan in scans if scan.kind == "image"}
    document = HTML(
        string=html, base_url=base_url, url_fetcher=ReviewFetcher(resources)
    ).render()
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
                # a writer's pages, which pypdf lets ``place`` turn upright
                readers[key] = PdfWriter(clone_from=PdfReader(stream))
            place(writer.pages[index], readers[key].pages[number - 1])
        output = BytesIO()
        writer.write(output)
    return output.getvalue()


def place(target, source):
    """Draw ``source`` on the blank page ``target``, scaled to fit its free
    area, centred across and at the top."""
    if source.rotation:
        source.transfer_rotation_to_content()
    box = source.cropbox
    width, height = float(box.width), float(box.height)
    free_width = float(target.mediabox.width) - 2 * SCAN_MARGINS["side"]
    free_height = (
        float(target.mediabox.height) - SCAN_MARGINS["top"] - SCAN_MARGINS["bottom"]
    )
    factor = min(free_width / width, free_height / height)
    x = SCAN_MARGINS["side"] + (free_width - width * factor) / 2
    y = SCAN_MARGINS["bottom"] + free_height - height * factor
    transformation = (
        Transformation()
        .translate(-float(box.left), -float(box.bottom))
        .scale(factor, factor)
        .translate(x, y)
    )
    target.merge_transformed_page(source, transformation)
