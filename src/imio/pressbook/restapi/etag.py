"""Optimistic concurrency for REST clients: ``ETag`` and ``If-Match``.

A GET of a press article or a parliamentary question answers with an
``ETag``, the version of the item as stored. A PATCH or a DELETE that sends
``If-Match`` goes on only if one of the entity tags it lists is the item's
current one (or if it is ``*``); otherwise it is refused with a 412
Precondition Failed, in plone.restapi's error shape, the current ``ETag`` in
the response, and nothing is stored. Without ``If-Match`` everything works as
before. A PATCH that went through answers with the item's new ``ETag``.

The tag changes with every change stored on the item (an edit, an answer
added, a workflow transition, its sharing...): it is made of its modification
date and of the serial of its stored record (``_p_serial``, the transaction
that wrote it last, the same on every ZEO or RelStorage client). Two clients
sending the same ``If-Match`` at once are told apart by the database: the
second commit conflicts, Zope retries it, and the retry sees the new tag.
"""

from Acquisition import aq_base
from imio.pressbook import _
from zExceptions import HTTPPreconditionFailed
from zope.i18n import translate

import hashlib
import transaction


class PreconditionFailed(HTTPPreconditionFailed):
    """412: the item changed since the client read it (stale ``If-Match``).

    Named for plone.rest's error view, which gives ``type`` (and ZPublisher
    the status) from the class name.
    """


def etag(obj):
    """The current entity tag of ``obj`` (quoted, strong)."""
    modified = obj.modified()  # loads it first: a ghost has no serial yet
    serial = getattr(aq_base(obj), "_p_serial", None) or b""
    version = f"{modified.micros()}:{serial.hex()}"
    digest = hashlib.sha256(version.encode()).hexdigest()[:24]
    return f'"{digest}"'


def set_etag(obj, response):
    response.setHeader("ETag", etag(obj))


def set_etag_once_committed(obj, response):
    """The new tag of ``obj`` in ``response`` once the change is stored (its
    serial is known from then on; ZPublisher sends the headers after the
    commit)."""

    def after_commit(committed):
        if committed:
            set_etag(obj, response)

    transaction.get().addAfterCommitHook(after_commit)


def _listed_tags(header):
    """The entity tags of an ``If-Match`` header, without the weak ones
    (If-Match compares strongly: a weak tag never matches)."""
    for tag in header.split(","):
        tag = tag.strip()
        if not tag or tag.startswith("W/"):
            continue
        if not (tag.startswith('"') and tag.endswith('"') and len(tag) > 1):
            tag = f'"{tag}"'  # a client that forgot the quotes
        yield tag


def check_if_match(obj, request):
    """Raise ``PreconditionFailed`` when ``request`` has an ``If-Match``
    that names neither ``*`` nor the current tag of ``obj``."""
    header = request.getHeader("If-Match")
    if header is None or header.strip() == "*":
        return
    current = etag(obj)
    if current in _listed_tags(header):
        return
    message = translate(
        _(
            "This item was changed since you read it (If-Match does not match "
            "its ETag): read it again before changing or deleting it."
        ),
        context=request,
    )
    error = PreconditionFailed(message)
    error.setHeader("ETag", current)
    raise error
