"""The scans' pages in the review's PDF (review/pdf.py), without a site: each
page of a scan lands on the blank page reserved for it, whole, upright,
scaled to fit the page's free area without distortion; nothing else is
fetched while the PDF is made."""

from imio.pressbook.review.pdf import review_fetcher
from imio.pressbook.review.pdf import SCAN_MARGINS
from imio.pressbook.review.pdf import write_pdf
from pathlib import Path
from pypdf import PdfReader
from pypdf import PdfWriter
from pypdf import Transformation

import io
import pytest
import re


DATA = Path(__file__).parent / "data"
A4 = (595.28, 841.89)


class Blob:
    def __init__(self, data):
        self.data = data
        self.contentType = "application/pdf"

    def open(self):
        return io.BytesIO(self.data)


class Article:
    def __init__(self, data):
        self.paper_version = Blob(data)


class Scan:
    kind = "pdf"

    def __init__(self, key, data):
        self.key = key
        self.url = f"http://example.org/scan-{key}"
        self.article = Article(data)


def placeholders(key, pages):
    return "".join(
        f'<section id="scan-{key}-page-{page}" '
        'style="break-before: page; break-after: page; height: 1mm"></section>'
        for page in range(1, pages + 1)
    )


def rotated(name, degrees):
    writer = PdfWriter(clone_from=DATA / name)
    for page in writer.pages:
        page.rotate(degrees)
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


def drawn_box(page):
    """Where the page's form XObject is drawn: (left, bottom, right, top),
    and the form's own box turned as drawn (width, height)."""
    contents = page["/Contents"].get_object()
    last = contents[-1].get_object().get_data().decode()
    match = re.fullmatch(r"q ([-0-9. ]+) cm (/\w+) Do Q", last)
    matrix = [float(value) for value in match[1].split()]
    form = page["/Resources"]["/XObject"][match[2]].get_object()
    left, bottom, right, top = (float(value) for value in form["/BBox"])
    transformation = Transformation(tuple(matrix))
    corners = [
        transformation.apply_on((x, y))
        for x, y in ((left, bottom), (left, top), (right, bottom), (right, top))
    ]
    xs = [x for x, _y in corners]
    ys = [y for _x, y in corners]
    return (min(xs), min(ys), max(xs), max(ys)), (right - left, top - bottom)


@pytest.mark.parametrize(
    "name, degrees, upright",
    [
        ("scan-public.pdf", 0, "portrait"),
        ("scan-members.pdf", 0, "landscape"),  # A3 landscape on A4 portrait
        ("scan-public.pdf", 90, "landscape"),  # a page the reader shows turned
    ],
)
def test_scan_page_fits_the_free_area_upright(name, degrees, upright):
    data = rotated(name, degrees) if degrees else (DATA / name).read_bytes()
    pages = len(PdfReader(io.BytesIO(data)).pages)
    html = f"<p>Article</p>{placeholders(1, pages)}<p>Suite</p>"
    reader = PdfReader(
        io.BytesIO(write_pdf(html, "http://example.org/", [Scan(1, data)]))
    )
    texts = [page.extract_text() for page in reader.pages]
    assert texts[0] == "Article"
    assert texts[-1] == "Suite"
    assert len(reader.pages) == pages + 2  # the numbers of the pages are kept
    scanned = [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]
    for number in range(pages):
        assert scanned[number].splitlines()[0] in texts[1 + number]
        page = reader.pages[1 + number]
        assert float(page.mediabox.width) == pytest.approx(A4[0], abs=0.1)
        (left, bottom, right, top), (width, height) = drawn_box(page)
        tolerance = 0.5
        assert left >= SCAN_MARGINS["side"] - tolerance
        assert right <= A4[0] - SCAN_MARGINS["side"] + tolerance
        assert bottom >= SCAN_MARGINS["bottom"] - tolerance
        assert top == pytest.approx(A4[1] - SCAN_MARGINS["top"], abs=tolerance)
        shown_width, shown_height = right - left, top - bottom
        assert (shown_width > shown_height) == (upright == "landscape")
        # the same scale both ways: no distortion
        if degrees in (90, 270):
            width, height = height, width
        assert shown_width / width == pytest.approx(shown_height / height, rel=1e-3)


def test_two_scans_each_on_its_own_pages():
    public = (DATA / "scan-public.pdf").read_bytes()
    editors = (DATA / "scan-editors.pdf").read_bytes()
    html = f"<p>Un</p>{placeholders(1, 2)}<p>Deux</p>{placeholders(2, 1)}"
    reader = PdfReader(
        io.BytesIO(
            write_pdf(html, "http://example.org/", [Scan(1, public), Scan(2, editors)])
        )
    )
    texts = [page.extract_text() for page in reader.pages]
    assert [text.splitlines()[0] for text in texts] == [
        "Un",
        "SCANPUBLIC page un",
        "SCANPUBLIC page deux",
        "Deux",
        "SCANREDACTION page un",
    ]


def test_the_review_fetches_nothing_but_its_images():
    fetcher = review_fetcher(
        {"http://example.org/a.png": lambda: (b"png", "image/png")}
    )
    assert fetcher("http://example.org/a.png").read() == b"png"
    for url in (
        "http://intranet.local/secret.png",
        "file:///etc/passwd",
        "http://example.org/b.png",
    ):
        with pytest.raises(ValueError):
            fetcher(url)
    html = '<p>Texte</p><img src="file:///etc/hostname"><img src="http://127.0.0.1:1/x.png">'
    reader = PdfReader(io.BytesIO(write_pdf(html, "http://example.org/", [])))
    assert reader.pages[0].extract_text() == "Texte"
    assert not reader.pages[0].images
