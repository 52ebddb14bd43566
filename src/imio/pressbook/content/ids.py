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

import re


MAX_ID_LENGTH = MAX_URL_LENGTH

# what an id given over REST may hold: the characters Plone's own URL
# normalizer leaves in an id, beginning with a letter or a digit (plone.restapi
# stored "   ", "a b" or "!!!" as they were)
GIVEN_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*\Z")
# what a short name typed in a form or sent in a rename must hold: Plone's
# name chooser normalizes it ("a b" becomes "a-b"), and renamed an item to
# "-1" for "   " or "!!!", where nothing was left
NAMING_CHARACTER = re.compile(r"[A-Za-z0-9]")


def is_given_id(value):
    """Whether ``value``, an id a client gives for a new item over REST, is
    made of ASCII letters, digits, ``-``, ``_`` and ``.``, beginning with a
    letter or a digit (plone.restapi stores it as it is)."""
    return isinstance(value, str) and GIVEN_ID.match(value) is not None


def names_something(value):
    """Whether a short name (plone.shortname's ``id``, which Plone's name
    chooser normalizes) holds a letter or a digit: an empty one keeps the id."""
    return not value or NAMING_CHARACTER.search(value) is not None


def unnamed_message(value):
    return _(
        "${value} cannot be used as an id: it needs at least a letter or a digit.",
        mapping={"value": value},
    )


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
