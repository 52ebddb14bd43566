r"""GET ``@pressbook-search``: the press section's search, with its facets.

On a press section (its items) and on the site root (every press item of the
site). The parameters are those of the listing, named after the fields, and
go through the one search engine (``imio.pressbook.search``)::

    GET /medias/@pressbook-search?outlet=le-soir&outlet=la-libre&year=2024

    {
      "@id": "http://.../medias/@pressbook-search?outlet=le-soir&...",
      "items": [<plone.restapi summaries, with the pressbook metadata>],
      "items_total": 42,
      "batching": {"@id": ..., "first": ..., "last": ..., "next": ..., "prev": ...},
      "facets": {
        "outlet": [{"token": "le-soir", "title": "Le Soir", "count": 12}, ...],
        "year": [{"token": "2024", "title": "2024", "count": 30}, ...],
        ...
      }
    }

``batching`` is always there (``next`` and ``prev`` when there is such a
page). Facet values come by count, then title; years newest first. A bad
parameter is a 400 naming it, in the shape of our other errors::

    {"type": "BadRequest",
     "message": "[{\"field\": \"b_size\", \"message\": \"...\"}]",
     "errors": [{"parameter": "b_size", "message": "..."}]}

(``message`` is plone.restapi's JSON list of ``{field, message}``, as Volto
reads it; ``errors`` names the parameter.)
"""

from imio.pressbook.content.press_book import IPressBook
from imio.pressbook.facets import collation_key
from imio.pressbook.question_status import answer_deadlines
from imio.pressbook.question_status import answer_due_date
from imio.pressbook.question_status import local_today
from imio.pressbook.question_status import OVERDUE
from imio.pressbook.question_status import question_status
from imio.pressbook.restapi.errors import field_errors_message
from imio.pressbook.restapi.errors import ValidationFailed
from imio.pressbook.search import InvalidParameter
from imio.pressbook.search import parse_criteria
from imio.pressbook.search import QUESTION
from imio.pressbook.search import search
from imio.pressbook.search import TOKEN_FILTERS
from imio.pressbook.themes import ThemeTree
from plone import api
from plone.batching import Batch
from plone.memoize.instance import memoize
from plone.restapi.batching import HypermediaBatch
from plone.restapi.interfaces import ISerializeToJsonSummary
from plone.restapi.services import Service
from Products.CMFCore.utils import getToolByName
from zExceptions import BadRequest
from zope.component import getMultiAdapter
from zope.component import queryUtility
from zope.i18n import translate
from zope.i18nmessageid import Message
from zope.schema.interfaces import IVocabularyFactory

import json


# facet parameter -> vocabulary giving the tokens and titles of its values
# (themes: ThemeTree's titles with their parents, as the pages show them)
FACET_VOCABULARIES = {
    parameter: vocabulary for parameter, (_index, vocabulary) in TOKEN_FILTERS.items()
}


class InvalidSearchParameter(ValidationFailed):
    """A 400 naming the GET parameter at fault (``errors[0]["parameter"]``)."""

    def __init__(self, parameter, message, request):
        message = _translated(message, request)
        self.errors = [{"parameter": parameter, "message": message}]
        self.message = field_errors_message(self.errors, request, name="parameter")
        self.text = f"{parameter}: {message}"
        BadRequest.__init__(self, self.text)


class SearchBatch(HypermediaBatch):
    """plone.restapi's batch links over results the catalog already batched.

    The batch is the criteria's (checked by ``parse_criteria``, with our
    default size), not one read again from the request.
    """

    def __init__(self, request, results, b_start, b_size):
        # not HypermediaBatch.__init__: it reads b_start and b_size from the
        # request again, and refuses what the criteria take (``b_size=``)
        self.request = request
        self.b_start = b_start
        self.b_size = b_size
        # the catalog's batch knows the full length (actual_result_count)
        self.batch = Batch(results, b_size, b_start)

    def links_of(self, total):
        """``@id``, ``first`` and ``last``, ``next`` and ``prev`` when there
        are such pages; ``prev`` of a start past the end is the last page."""
        last = (total - 1) // self.b_size * self.b_size if total else 0
        links = {
            "@id": self.current_batch_url,
            "first": self._url_with_params({"b_start": 0}),
            "last": self._url_with_params({"b_start": last}),
        }
        if self.b_start + self.b_size < total:
            links["next"] = self._url_with_params(
                {"b_start": self.b_start + self.b_size}
            )
        if self.b_start > 0:
            previous = max(0, min(self.b_start - self.b_size, last))
            links["prev"] = self._url_with_params({"b_start": previous})
        return links


def _translated(text, request):
    if isinstance(text, Message):
        return translate(text, context=request)
    return str(text)


class PressBookSearchGet(Service):
    """The search of the press section, below the context."""

    def render(self):
        """The reply as compact JSON (the same data as plone.restapi's
        services, without indentation): with the facets it holds ~130 more
        entries than a plain search, which plone.restapi's indented JSON,
        written by the pure-Python encoder, took ~2 ms to write at every
        request; the C encoder writes the whole reply in a few tenths of a
        millisecond, and ~30% fewer bytes go over the wire."""
        self.check_permission()
        content = self.reply()
        self.request.response.setHeader("Content-Type", self.content_type)
        return json.dumps(content, sort_keys=True, separators=(",", ":"))

    def reply(self):
        try:
            criteria = parse_criteria(self.context, self.form())
            result = search(self.context, criteria)
        except InvalidParameter as error:
            raise InvalidSearchParameter(
                error.parameter, error.message, self.request
            ) from None
        batch = SearchBatch(
            self.request, result.brains, criteria.b_start, criteria.b_size
        )
        return {
            "@id": batch.current_batch_url,
            "items": [self.summary(brain) for brain in batch],
            "items_total": result.total,
            "batching": batch.links_of(result.total),
            "facets": {
                parameter: self.facet(parameter, counts)
                for parameter, counts in result.facets.items()
            },
        }

    def summary(self, brain):
        """plone.restapi's summary, and for a question whether its answer is
        overdue (``answer_overdue``, derived: ``question_status``) and the
        last day of its answer deadline (``answer_due_date``)."""
        summary = getMultiAdapter((brain, self.request), ISerializeToJsonSummary)()
        if brain.portal_type == QUESTION:
            deadlines = self._deadlines()
            due = answer_due_date(
                brain.assembly, brain.question_type, brain.pressbook_date, deadlines
            )
            summary["answer_due_date"] = due.isoformat() if due else None
            summary["answer_overdue"] = (
                question_status(brain, deadlines, local_today()) == OVERDUE
            )
        return summary

    @memoize
    def _deadlines(self):
        return answer_deadlines(self.context)

    def form(self):
        """The request's parameters; a press section's page size by default."""
        form = dict(self.request.form)
        batch_size = getattr(self.context, "batch_size", None)
        if batch_size and IPressBook.providedBy(self.context):
            form.setdefault("b_size", str(batch_size))
        return form

    def facet(self, parameter, counts):
        """``[{token, title, count}]`` of one facet's ``{value: count}``."""
        if parameter == "year":
            return [
                {"token": str(year), "title": str(year), "count": counts[year]}
                for year in sorted(counts, reverse=True)
            ]
        terms = self.terms(parameter, counts)
        entries = []
        for value, count in counts.items():
            token, title = terms.get(value, (str(value), str(value)))
            entries.append({"token": token, "title": title, "count": count})
        entries.sort(key=lambda entry: (-entry["count"], collation_key(entry["title"])))
        return entries

    def terms(self, parameter, values):
        """``{index value: (token, translated title)}`` of a facet's values
        (only those counted are translated: a vocabulary may hold many)."""
        if parameter == "themes":
            tree = ThemeTree(self.context, api.portal.get_current_language())
            return {value: (value, tree.label(value)) for value in values}
        if parameter == "portal_type":
            types_tool = getToolByName(self.context, "portal_types")
            ftis = {value: types_tool.getTypeInfo(value) for value in values}
            return {
                value: (value, _translated(fti.Title(), self.request))
                for value, fti in ftis.items()
                if fti is not None
            }
        factory = queryUtility(
            IVocabularyFactory, FACET_VOCABULARIES.get(parameter, "")
        )
        if factory is None:
            return {}
        return {
            term.value: (
                term.token,
                _translated(term.title or term.token, self.request),
            )
            for term in factory(self.context)
            if term.value in values
        }
