"""Ids of a sane length for the add-on's content, however they are given.

Plone's forms choose ids through its URL normalizer, which cuts them at 255
characters (``plone.i18n.normalizer.MAX_URL_LENGTH``); plone.restapi takes the
``id`` a client sends as it is, and a rename takes any new name: a
100,000-character id was stored. The same bound holds for them here: an item
that would be added or renamed with a longer id is refused before anything is
stored, with a 400 naming ``id`` over REST (``ValidationFailed``).
"""

from imio.pressbook import _
from imio.pressbook.restapi.errors import ValidationFailed
from plone.i18n.normalizer import MAX_URL_LENGTH
from zope.globalrequest import getRequest
from zope.i18n import translate


MAX_ID_LENGTH = MAX_URL_LENGTH


def refuse_long_ids(obj, event):
    """Subscriber of OFS's IObjectWillBeMovedEvent, an add or a rename:
    notified before the container stores the new name."""
    name = event.newName
    if not name or len(name) <= MAX_ID_LENGTH:
        return
    request = getRequest()
    message = _(
        "An id has at most ${max} characters; this one has ${length}.",
        mapping={"max": MAX_ID_LENGTH, "length": len(name)},
    )
    raise ValidationFailed(
        [{"field": "id", "message": translate(message, context=request)}], request
    )
