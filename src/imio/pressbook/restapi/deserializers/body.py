"""The JSON body of a REST write on the add-on's content, or a 400 saying why not.

plone.restapi's ``json_body`` raises ``DeserializationError``, which its POST
and control panel services do not catch (a 500), and lets a ``RecursionError``
through for a body nested a few thousand levels deep. ``read_json_object``
refuses, with ``ValidationFailed`` (restapi/errors.py): a Content-Type that is
not JSON, bytes that are not UTF-8, text that is not JSON, JSON that is not an
object, nesting deeper than ``MAX_DEPTH``, and text that cannot be encoded.

plone.restapi's PAS plugin reads a body sent as ``application/json`` while
authenticating, before any service runs, and its ``RecursionError`` reaches
the publisher: ``DeepBodyErrorHandling`` turns it into that same 400 for the
add-on's content and control panel, and leaves every other URL as it was.
"""

from imio.pressbook import _
from imio.pressbook.interfaces import IImioPressbookLayer
from imio.pressbook.interfaces import IPressbookContent
from imio.pressbook.restapi.errors import ValidationErrorHandling
from imio.pressbook.restapi.errors import ValidationFailed
from plone.rest.errors import ErrorHandling
from plone.rest.interfaces import IAPIRequest
from plone.restapi.services.controlpanels.update import ControlpanelsUpdate
from zope.component import adapter
from zope.i18n import translate

import json
import re


# the deepest of the add-on's bodies (a question's answer rows) is 3 levels
MAX_DEPTH = 32
SURROGATE = re.compile("[\ud800-\udfff]")


def refusal(request, message, field=None):
    """The 400 of one error, about ``field`` or the body as a whole."""
    return ValidationFailed(
        [{"field": field, "message": translate(message, context=request)}], request
    )


def refuse(request, message, field=None):
    raise refusal(request, message, field)


def is_json_content_type(value):
    """``application/json`` or ``application/<something>+json``, any parameters;
    no Content-Type at all is taken for JSON (a body read as JSON anyway)."""
    media_type = (value or "").split(";", 1)[0].strip().lower()
    if not media_type:
        return True
    kind, _slash, subtype = media_type.partition("/")
    return kind == "application" and (subtype == "json" or subtype.endswith("+json"))


def too_deep(value, limit=MAX_DEPTH):
    """Whether ``value`` nests lists and objects more than ``limit`` levels."""
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            children = item.values()
        elif isinstance(item, list):
            children = item
        else:
            continue
        if depth > limit:
            return True
        stack.extend((child, depth + 1) for child in children)
    return False


def parse(body):
    """The JSON in ``body`` (bytes or text); ``RecursionError`` if absurdly deep."""
    if isinstance(body, bytes):
        body = body.decode("utf-8")
    return json.loads(body)


def body_is_too_deep(request):
    """Whether the request's body is JSON nested too deeply to be read."""
    try:
        data = parse(request.get("BODY") or b"")
    except RecursionError:
        return True
    except ValueError:
        return False
    return too_deep(data)


def too_deep_refusal(request):
    return refusal(
        request,
        _(
            "The body is nested too deeply (more than ${max} levels).",
            mapping={"max": MAX_DEPTH},
        ),
    )


def check_content_type(request):
    """Refuse a body sent as something else than JSON."""
    content_type = request.getHeader("Content-Type")
    if not is_json_content_type(content_type):
        refuse(
            request,
            _(
                "Send the body as JSON, with the header "
                "Content-Type: application/json (not ${content_type}).",
                mapping={"content_type": content_type},
            ),
        )


def read_json_object(request, content_type=True):
    """The request's JSON body as a dict; an empty body is ``{}``.

    ``content_type=False`` reads it whatever its Content-Type, as
    plone.restapi does.
    """
    if content_type:
        check_content_type(request)
    body = request.get("BODY") or b""
    if not body.strip():
        return {}
    try:
        data = parse(body)
    except UnicodeDecodeError:
        refuse(request, _("The body is not encoded in UTF-8."))
    except RecursionError:
        data = None
        deep = True
    except ValueError:
        refuse(request, _("The body is not valid JSON."))
    else:
        deep = too_deep(data)
    if deep:
        raise too_deep_refusal(request)
    if not isinstance(data, dict):
        refuse(request, _("The body must be a JSON object (fields and their values)."))
    unreadable = [
        key for key, value in data.items() if has_lone_surrogate((key, value))
    ]
    if unreadable:
        raise ValidationFailed(
            [
                {
                    "field": key if not has_lone_surrogate(key) else None,
                    "message": translate(
                        _(
                            "The text holds an invalid character "
                            "(a lone UTF-16 surrogate)."
                        ),
                        context=request,
                    ),
                }
                for key in unreadable
            ],
            request,
        )
    return data


def has_lone_surrogate(value):
    """Whether a string in ``value`` holds a lone UTF-16 surrogate.

    JSON's ``"\\ud800"`` escape makes one: Python reads it, but no text can
    be encoded with it, and the catalog, the transforms or the URL of the item
    would fail on it later (a 500).
    """
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            if SURROGATE.search(item):
                return True
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, (list, tuple)):
            stack.extend(item)
    return False


def is_pressbook_write(request):
    """Whether the request is a REST write the add-on answers: on its content,
    its control panel, or a POST to the site root (services/content)."""
    from imio.pressbook.restapi.services.content.add import PressFolderPost

    if not IImioPressbookLayer.providedBy(request):
        return False
    published = request.get("PUBLISHED")
    if isinstance(published, PressFolderPost):
        return True
    if isinstance(published, ControlpanelsUpdate):
        return published.params[:1] == ["pressbook"]
    return IPressbookContent.providedBy(getattr(published, "context", None))


@adapter(RecursionError, IAPIRequest)
class DeepBodyErrorHandling(ErrorHandling):
    """plone.rest's error view; a 400 for a body too deep on the add-on's URLs."""

    def __call__(self):
        if is_pressbook_write(self.request) and body_is_too_deep(self.request):
            view = ValidationErrorHandling(too_deep_refusal(self.request), self.request)
            view.__parent__ = getattr(self, "__parent__", None)
            return view()
        return super().__call__()
