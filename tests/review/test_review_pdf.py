"""The press review's PDF, read back by pypdf over real HTTP: its cover, its
table of contents (every item, on the page it is on), the grouping chosen,
the scans each reader may see (and only those), accents and embedded fonts,
questions with their answers.

One small section (conftest.py); each PDF is made once per test class.
"""

from .conftest import EDITOR
from .conftest import MARCH
from .conftest import MEMBER
from .conftest import review_pdf

import pytest
import re


# a line of the table of contents: the title, leader dots, the page number
TOC_LINE = re.compile(r"^(?P<title>.+?)(?: ?\.)+ ?(?P<page>[0-9]+)$")
MARCH_TITLES = {
    "Éghezée numérise ses guichets",
    "Le conseil communal à distance",
    "Les partenariats de l'intercommunale",
    "Budget : les écoles d'abord",
    "Une photo de la place",
}
# the text of each scan, as the files in data/ carry it
SCAN_TEXTS = {
    "public": ["SCANPUBLIC page un", "SCANPUBLIC page deux"],
    "members": ["SCANMEMBRES page un"],
    "editors": ["SCANREDACTION page un"],
}
READERS = {
    "anonymous": (None, {"public"}),
    "member": (MEMBER, {"public", "members"}),
    "editor": (EDITOR, {"public", "members", "editors"}),
}


def texts(reader):
    return [page.extract_text() for page in reader.pages]


def toc(pages):
    """[(title, page number)] of the table of contents (page 2 onwards, until
    the first page without such lines)."""
    entries = []
    for text in pages[1:]:
        found = [TOC_LINE.match(line.strip()) for line in text.splitlines()]
        found = [(m["title"], int(m["page"])) for m in found if m]
        if not found:
            break
        entries.extend(found)
    return entries


@pytest.fixture(scope="class")
def pdfs(site):
    """``pdfs(reader, **params)``: the review's pages' text, made once."""
    made = {}

    def _pdf(reader="anonymous", **params):
        key = (reader, tuple(sorted(params.items())))
        if key not in made:
            made[key] = review_pdf(site, auth=READERS[reader][0], **params)
        return made[key]

    return _pdf


class TestReviewPDF:
    def test_cover_names_section_period_grouping_and_date(self, pdfs):
        cover = texts(pdfs(**MARCH))[0]
        assert "REVUE DE PRESSE" in cover
        assert "Dans les médias" in cover
        assert "Du 1 mars 2024 au 31 mars 2024" in cover
        assert "Par thème" in cover
        assert "5 élément(s)" in cover
        assert re.search(
            r"Réalisée le [0-9]+ \w+ 20[0-9]{2} à [0-9]{2}:[0-9]{2}", cover
        )

    def test_cover_lists_the_filters(self, pdfs):
        cover = texts(pdfs(outlet="le-soir", **MARCH))[0]
        assert "Le Soir" in cover
        assert "2 élément(s)" in cover

    @pytest.mark.parametrize("reader", ["anonymous", "editor"])
    def test_toc_lists_every_item_on_its_page(self, pdfs, reader):
        pages = texts(pdfs(reader, **MARCH))
        entries = dict(toc(pages))
        expected = set(MARCH_TITLES)
        if reader == "editor":
            expected.add("Brouillon privé")  # the editors see the private item
        assert expected <= set(entries)
        assert "Un article de 2023" not in entries
        assert "Brouillon privé" in entries or reader == "anonymous"
        for title in expected:
            number = entries[title]
            assert title in pages[number - 1].splitlines(), (title, number)
            # and on no page before it, the table of contents apart
            assert not any(title in text.splitlines() for text in pages[2 : number - 1])

    def test_grouped_by_theme_by_default(self, pdfs):
        titles = [title for title, _page in toc(texts(pdfs(**MARCH)))]
        assert titles == [
            "Informatique › Logiciels libres",
            "Éghezée numérise ses guichets",
            "Une photo de la place",
            "Pouvoirs locaux › Tutelle",
            "Le conseil communal à distance",
            "Les partenariats de l'intercommunale",
            "Budget : les écoles d'abord",
        ]

    def test_grouped_by_outlet(self, pdfs):
        titles = [title for title, _page in toc(texts(pdfs(group="outlet", **MARCH)))]
        assert titles == [
            "L'Avenir",
            "Le conseil communal à distance",
            "La Dernière Heure",
            "Une photo de la place",
            "Le Soir",
            "Éghezée numérise ses guichets",
            "Budget : les écoles d'abord",
            "Parlement de Wallonie",
            "Les partenariats de l'intercommunale",
        ]
        assert "Par média ou assemblée" in texts(pdfs(group="outlet", **MARCH))[0]

    def test_grouped_by_month(self, pdfs):
        pages = texts(pdfs(group="date", start="2023-01-01", end="2024-03-12"))
        titles = [title for title, _page in toc(pages)]
        assert titles == [
            "janvier 2023",
            "Un article de 2023",
            "mars 2024",
            "Éghezée numérise ses guichets",
            "Le conseil communal à distance",
        ]

    @pytest.mark.parametrize("reader", READERS)
    def test_scans_only_where_the_reader_may_see_them(self, pdfs, reader):
        pages = texts(pdfs(reader, **MARCH))
        whole = "\n".join(pages)
        allowed = READERS[reader][1]
        for access, scan_texts in SCAN_TEXTS.items():
            for text in scan_texts:
                assert (text in whole) == (access in allowed), (reader, text)
        notes = whole.count("La version papier n'est pas reproduite")
        assert notes == len(SCAN_TEXTS) - len(allowed)

    def test_scan_pages_follow_their_article_and_keep_the_numbers(self, pdfs):
        pages = texts(pdfs("editor", **MARCH))
        entries = dict(toc(pages))
        article = entries["Éghezée numérise ses guichets"]
        assert "SCANPUBLIC page un" in pages[article]
        assert "SCANPUBLIC page deux" in pages[article + 1]
        # each page still says its number, of the whole review's
        assert f"{article + 1} / {len(pages)}" in pages[article]
        # the image scan: a page of its own, after its article
        photo = entries["Une photo de la place"]
        assert pages[photo].strip() == f"{photo + 1} / {len(pages)}"

    def test_accents_intact_and_fonts_embedded(self, pdfs):
        reader = pdfs(**MARCH)
        whole = "\n".join(texts(reader))
        for words in (
            "Éghezée numérise ses guichets",
            "Une commune wallonne passe au numérique, à Liège aussi.",
            "p. 12, Régions",
            "Réponse d'attente du 18 mars 2024",
        ):
            assert words in whole
        fonts = {}
        for page in reader.pages:
            for font in page["/Resources"]["/Font"].values():
                font = font.get_object()
                descendant = font.get("/DescendantFonts")
                if descendant:
                    font = descendant[0].get_object()
                fonts[font["/BaseFont"]] = font["/FontDescriptor"].get_object()
        assert any("DejaVu" in name for name in fonts)
        for name, descriptor in fonts.items():
            assert {"/FontFile", "/FontFile2", "/FontFile3"} & set(descriptor), name

    def test_questions_with_their_answers(self, pdfs):
        pages = texts(pdfs(**MARCH))
        number = dict(toc(pages))["Les partenariats de l'intercommunale"]
        page = pages[number - 1]
        assert "Parlement de Wallonie, 15 mars 2024" in page
        assert "Posée par DUPONT Jean-Marc" in page
        assert "à FURLAN Paul" in page
        holding = page.index("Réponse d'attente du 18 mars 2024")
        final = page.index("Réponse du 28 mars 2024")
        assert holding < final < page.index("Oui, les écoles sont équipées.")

    def test_no_item_gives_a_short_review(self, pdfs):
        pages = texts(pdfs(start="2010-01-01", end="2010-12-31"))
        assert len(pages) == 1
        assert "Aucun élément pour cette période et ces filtres." in pages[0]

    def test_an_unreadable_scan_is_a_note(self, pdfs):
        (page,) = [
            text
            for text in texts(pdfs(start="2024-04-01", end="2024-04-30"))
            if "Un scan illisible" in text.splitlines()
        ]
        assert "La version papier n'a pas pu être jointe ici" in page
        assert "/casse/@@download/paper_version" in page.replace("\n", "")
