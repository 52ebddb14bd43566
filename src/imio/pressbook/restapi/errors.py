r"""400 answers that name the field (and the row) at fault.

plone.restapi answers a validation error with ``{"type": "BadRequest",
"message": <a list of {field, message}>}``, and Volto marks each field the
list names (it parses ``message`` as JSON). Our deserializers raise
``ValidationFailed`` instead, rendered by ``ValidationErrorHandling``, which
keeps that shape, with ``message`` a real JSON list (plone.restapi's is a
Python repr), and adds the same errors as a structured list::

    {
      "type": "BadRequest",
      "message": "[{\"field\": \"answers\", \"row\": 2, \"column\": \"date\",
                    \"message\": \"Row 2, date: Answer 2 is dated before the question.\"}]",
      "errors": [
        {"field": "answers", "row": 2, "column": "date",
         "message": "Answer 2 is dated before the question."}
      ]
    }

``row`` (counted from 1) and ``column`` are given for the rows of a grid only
(in ``message``, a row's error also says its row and column in its text, as
Volto shows only the text under the field). An error about the body as a
whole (not JSON, not an object, nested too deeply) has a null ``field`` in
``errors`` and no ``field`` in ``message``, as plone.restapi's invariant
errors, which Volto shows above the form.
Messages are translated in the language of the request.
"""

from imio.pressbook import _
from imio.pressbook.content.validators import InvalidWebAddress
from plone.rest.errors import ErrorHandling
from plone.rest.interfaces import IAPIRequest
from zExceptions import BadRequest
from zope.component import adapter
from zope.i18n import translate
from zope.i18nmessageid import Message
from zope.schema.interfaces import ConstraintNotSatisfied
from zope.schema.interfaces import IChoice
from zope.schema.interfaces import IDate
from zope.schema.interfaces import IDatetime
from zope.schema.interfaces import IInt
from zope.schema.interfaces import InvalidURI
from zope.schema.interfaces import ITextLine
from zope.schema.interfaces import IURI
from zope.schema.interfaces import RequiredMissing
from zope.schema.interfaces import TooBig
from zope.schema.interfaces import TooSmall
from zope.schema.interfaces import ValidationError
from zope.schema.interfaces import WrongType

import json


class ValidationFailed(BadRequest):
    """Bad input for a content item: ``errors`` lists what is wrong, where.

    Each error is a dict with ``field`` and ``message`` (translated), and
    ``row`` and ``column`` when it concerns a row of a grid field.
    """

    def __init__(self, errors, request=None):
        self.errors = errors
        # for REST clients (ValidationErrorHandling): the JSON list Volto reads
        self.message = field_errors_message(errors, request)
        # for people (a Classic UI page, a log): the same, in sentences
        self.text = "; ".join(
            f"{error['field']}: {_row_label(error, request)}"
            if error.get("field")
            else _row_label(error, request)
            for error in errors
        )
        super().__init__(self.text)

    def __str__(self):
        return self.text


class GridInvalid(ValidationError):
    """Rows of a grid field are wrong: ``errors`` holds ``(row, column, message)``.

    Raised by a field deserializer: plone.restapi collects it as the error of
    the field, ``ValidationFailed`` lists one error per row and column.
    """

    __doc__ = _("Some rows are not valid.")

    def __init__(self, errors):
        super().__init__(errors)
        self.errors = errors


def field_errors_message(errors, request, name="field"):
    """plone.restapi's ``message`` of a 400: the JSON of a list of
    ``{"field": ..., "message": ...}`` (``row`` and ``column`` too for a row
    of a grid), the list Volto reads to mark the fields of its form.

    ``name`` is the key of each error that names the field (``parameter``
    for the search's parameters).
    """
    listed = []
    for error in errors:
        # no field: about the body as a whole; plone.restapi's invariant
        # errors have no ``field`` either, and Volto shows them above the form
        entry = {} if error.get(name) is None else {"field": error[name]}
        for key in ("row", "column"):
            if error.get(key) is not None:
                entry[key] = error[key]
        entry["message"] = _row_label(error, request)
        listed.append(entry)
    return json.dumps(listed, ensure_ascii=False)


def _row_label(error, request):
    """The message, with the row and column it concerns when there is one:
    Volto shows the text under the field, not the row."""
    if error.get("row") is None:
        return error["message"]
    mapping = {"row": error["row"], "message": error["message"]}
    if error.get("column") is None:
        text = _("Row ${row}: ${message}", mapping=mapping)
    else:
        text = _(
            "Row ${row}, ${column}: ${message}",
            mapping=dict(mapping, column=error["column"]),
        )
    return translate(text, context=request)


def shown(value):
    """The value as the client sent it, short enough for a message."""
    try:
        text = json.dumps(value, ensure_ascii=False)
    except (TypeError, ValueError, RecursionError):
        text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def describe(field, error, value):
    """A translatable message saying why ``value`` does not fit ``field``.

    ``error`` is what a plone.restapi field deserializer raised. Our own
    validation errors (content.validators) keep their message; the generic
    zope.schema ones get a message a user can act upon.
    """
    if isinstance(error, RequiredMissing):
        return _("This field is required.")
    bad_literal = isinstance(error, (WrongType, ValueError, TypeError))
    if bad_literal and IDatetime.providedBy(field):
        return _(
            "Invalid date ${value}: expected YYYY-MM-DD or YYYY-MM-DDTHH:MM.",
            mapping={"value": shown(value)},
        )
    if bad_literal and IDate.providedBy(field):
        return _(
            "Invalid date ${value}: expected YYYY-MM-DD.",
            mapping={"value": shown(value)},
        )
    if bad_literal and IInt.providedBy(field):
        return _("${value} is not a whole number.", mapping={"value": shown(value)})
    if isinstance(error, TooSmall):
        return _("The value must be at least ${min}.", mapping={"min": field.min})
    if isinstance(error, TooBig):
        return _("The value must be at most ${max}.", mapping={"max": field.max})
    if IChoice.providedBy(field) and isinstance(
        error, (ConstraintNotSatisfied, LookupError, TypeError)
    ):
        return _(
            "${value} is not one of the allowed values.",
            mapping={"value": shown(value)},
        )
    if IURI.providedBy(field) and isinstance(error, InvalidURI):
        return InvalidWebAddress.__doc__
    if ITextLine.providedBy(field) and isinstance(error, ConstraintNotSatisfied):
        # zope.schema's only constraint on a text line: no line break
        return _("The value must fit on one line.")
    if isinstance(error, WrongType):
        return _("This value has the wrong type.")
    if isinstance(error, ValidationError):
        doc = error.doc()
        # our validators carry a translatable message; zope.schema's are plain
        return doc if isinstance(doc, Message) else str(doc or error)
    return str(error)


@adapter(ValidationFailed, IAPIRequest)
class ValidationErrorHandling(ErrorHandling):
    """plone.rest's error view, with the ``errors`` list and a 400 status.

    Registered for ``ValidationFailed`` (more specific than plone.rest's
    ``Exception``), so it wins over plone.rest's view for our errors only.
    """

    def __call__(self):
        # ZPublisher derives the status from the class name, which would give
        # a 500 for ours: fix it first (the lock keeps it).
        self.request.response.setStatus(400, lock=1)
        return super().__call__()

    def render_exception(self, exception):
        result = super().render_exception(exception)
        result["message"] = exception.message
        result["type"] = "BadRequest"
        result["errors"] = exception.errors
        return result
