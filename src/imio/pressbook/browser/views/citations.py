"""Citing press items: the "Cite" section of their pages, their downloads
(``@@pressbook-cite.bib``, ``.ris``, ``.json``) and the exports of the press
section's filtered result (``@@pressbook-export.bib``, ``.ris``,
``.csl.json``). The formats are in ``imio.pressbook.citations``.

The exports read the catalog metadata only (no object is woken): they lack
what the catalog does not keep (the page, the minister's role) and never
give the scan's address. An item's own citation gives the scan's address
only to whoever may open it (``PressArticle.can_view_paper_version``).
"""

from datetime import date
from imio.pressbook import _
from imio.pressbook.browser.views.exports import ExportView
from imio.pressbook.browser.views.exports import JSONExportView
from imio.pressbook.browser.views.press_book import ARTICLE
from imio.pressbook.browser.views.press_book import current_language
from imio.pressbook.browser.views.press_book import long_date
from imio.pressbook.browser.views.press_book import term_titles
from imio.pressbook.browser.views.press_book import translated
from imio.pressbook.citations import ARTICLE as ARTICLE_KIND
from imio.pressbook.citations import as_date
from imio.pressbook.citations import citation_key
from imio.pressbook.citations import FORMATS
from imio.pressbook.citations import QUESTION
from imio.pressbook.search import search
from plone import api
from plone.memoize.instance import memoize
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile


VOCABULARIES = {
    "outlet": "imio.pressbook.vocabulary.Outlets",
    "assembly": "imio.pressbook.vocabulary.Assemblies",
    "question_type": "imio.pressbook.vocabulary.QuestionTypes",
}
# (view name suffix, label, format of citations.FORMATS)
DOWNLOADS = (
    ("bib", "BibTeX", "bib"),
    ("ris", "RIS", "ris"),
    ("json", "CSL-JSON", "csl.json"),
)


def item_language(language):
    return (language or api.portal.get_default_language() or "fr").split("-")[0]


def record_from_object(obj, titles, accessed):
    """The record of an item, from the object (its page's citation)."""
    url = obj.absolute_url()
    record = {
        "key": citation_key(obj.getId()),
        "title": obj.Title(),
        "url": url,
        "description": obj.Description(),
        "keywords": list(obj.Subject()),
        "language": item_language(obj.Language()),
        "accessed": accessed,
    }
    if obj.portal_type == ARTICLE:
        record.update(
            {
                "kind": ARTICLE_KIND,
                "date": as_date(obj.publication_date),
                "outlet": titles["outlet"].get(obj.outlet, obj.outlet),
                "journalist": obj.journalist,
                "page": obj.page,
                "original_url": obj.original_url,
            }
        )
        # the licence rule: the scan's address only to whoever may open it
        if obj.can_view_paper_version():
            record["paper_version_url"] = f"{url}/@@download/paper_version"
    else:
        record.update(
            {
                "kind": QUESTION,
                "date": as_date(obj.question_date),
                "assembly": titles["assembly"].get(obj.assembly, obj.assembly),
                "question_type": titles["question_type"].get(
                    obj.question_type, obj.question_type
                ),
                "session": obj.session,
                "number": obj.number,
                "asked_by": obj.asked_by,
                "addressed_to": obj.addressed_to,
                "addressee_role": obj.addressee_role,
                "source_url": obj.source_url,
            }
        )
    return record


def record_from_brain(brain, title_of, accessed, seen):
    """The record of an item from its catalog metadata alone."""
    record = {
        "key": citation_key(brain.getId, seen),
        "title": brain.Title or "",
        "url": brain.getURL(),
        "date": as_date(brain.pressbook_date),
        "description": brain.Description or "",
        "keywords": list(brain.Subject or ()),
        # no Language metadata column: the site's language
        "language": item_language(None),
        "accessed": accessed,
    }
    if brain.portal_type == ARTICLE:
        record.update(
            {
                "kind": ARTICLE_KIND,
                "outlet": title_of("outlet", brain.outlet),
                "journalist": brain.journalist,
            }
        )
    else:
        record.update(
            {
                "kind": QUESTION,
                "assembly": title_of("assembly", brain.assembly),
                "question_type": title_of("question_type", brain.question_type),
                "session": brain.session,
                "number": brain.number,
                "asked_by": brain.asked_by,
                "addressed_to": brain.addressed_to,
            }
        )
    return record


def with_labels(record, request):
    """The record with its words in the page's language: ``question_label``
    (``question écrite n° 518 (2014-2015) 1``), ``session_label``
    (``session 2014-2015``), ``recipient_label`` (``à FURLAN Paul, Ministre…``)."""
    if record["kind"] != QUESTION:
        return record

    def tr(message):
        return translated(message, request)

    question_type = record.get("question_type") or ""
    question_type = question_type[:1].lower() + question_type[1:]
    if question_type and record.get("number"):
        record["question_label"] = tr(
            _(
                "${type} no. ${number}",
                mapping={"type": question_type, "number": record["number"]},
            )
        )
    else:
        record["question_label"] = question_type
    if record.get("session"):
        record["session_label"] = tr(
            _("session ${session}", mapping={"session": record["session"]})
        )
    recipient = ", ".join(
        part
        for part in (record.get("addressed_to"), record.get("addressee_role"))
        if part
    )
    if recipient:
        record["recipient_label"] = tr(_("to ${name}", mapping={"name": recipient}))
    return record


def french_citation(record, language, request):
    """The citation as a sentence, in the page's language (French first):

    ``C. Ti., « Imio touche… », La Dernière Heure, 21 janvier 2014. En ligne :
    http://… (consulté le 4 décembre 2026).``
    """

    def tr(message):
        return translated(message, request)

    title = tr(_("“${title}”", mapping={"title": record["title"]}))
    day = long_date(record.get("date"), language)
    if record["kind"] == ARTICLE_KIND:
        parts = [record.get("journalist"), title, record.get("outlet"), day]
        if record.get("page"):
            parts.append(tr(_("p. ${page}", mapping={"page": record["page"]})))
    else:
        asked_by = record.get("asked_by") and tr(
            _("from ${name}", mapping={"name": record["asked_by"]})
        )
        question = " ".join(
            part
            for part in (
                record.get("question_label"),
                asked_by,
                record.get("recipient_label"),
            )
            if part
        )
        parts = [
            record.get("assembly"),
            record.get("session_label"),
            question,
            day,
            title,
        ]
    text = ", ".join(part for part in parts if part)
    online = tr(
        _(
            "Online: ${url} (accessed on ${date}).",
            mapping={
                "url": record["url"],
                "date": long_date(record["accessed"], language),
            },
        )
    )
    return f"{text}. {online}"


class ItemCitation(BrowserView):
    """The record of the item in context, for whoever reads it now."""

    @memoize
    def language(self):
        return current_language(self.context, self.request)

    @memoize
    def record(self):
        titles = {
            name: term_titles(vocabulary, self.context, self.request)
            for name, vocabulary in VOCABULARIES.items()
        }
        record = record_from_object(self.context, titles, date.today())
        return with_labels(record, self.request)


class CitationView(ItemCitation):
    """``@@pressbook-citation``: the "Cite" section the item's page includes."""

    index = ViewPageTemplateFile("../templates/citation.pt")

    def text(self):
        return french_citation(self.record(), self.language(), self.request)

    def downloads(self):
        url = self.context.absolute_url()
        return [
            {
                "title": title,
                "url": f"{url}/@@pressbook-cite.{suffix}",
                "type": FORMATS[fmt][1].split(";")[0],
                "name": f"{self.context.getId()}.{fmt}",
            }
            for suffix, title, fmt in DOWNLOADS
        ]

    def __call__(self):
        return self.index()


class CitationDownloadView(ItemCitation):
    """``@@pressbook-cite.<format>``: the item's citation as a file."""

    format = None

    def __call__(self):
        render, content_type = FORMATS[self.format]
        response = self.request.response
        response.setHeader("Content-Type", content_type)
        response.setHeader(
            "Content-Disposition",
            f'attachment; filename="{self.context.getId()}.{self.format}"',
        )
        return render([self.record()]).encode("utf-8")


class BibTeXCitationView(CitationDownloadView):
    format = "bib"


class RISCitationView(CitationDownloadView):
    format = "ris"


class CSLCitationView(CitationDownloadView):
    format = "csl.json"


class CitationExportView(ExportView):
    """``@@pressbook-export.<format>``: the filtered result's citations, from
    the catalog metadata (no object woken), at most ``max_rows``."""

    format = None

    @property
    def extension(self):
        return self.format

    def results(self, criteria):
        criteria.b_start = 0
        criteria.b_size = self.max_rows
        result = search(self.context, criteria, with_facets=False)
        today, seen = date.today(), set()
        records = [
            with_labels(
                record_from_brain(brain, self.title_of, today, seen), self.request
            )
            for brain in result.brains[: self.max_rows]
        ]
        return records, result.total

    def render(self, criteria, rows, total):
        render, content_type = FORMATS[self.format]
        self.set_headers(content_type, total, len(rows))
        return render(rows).encode("utf-8")


class BibTeXExportView(CitationExportView):
    format = "bib"


class RISExportView(CitationExportView):
    format = "ris"


class CSLExportView(CitationExportView):
    format = "csl.json"
    # a 400 in JSON, as the JSON export's
    bad_request = JSONExportView.bad_request
