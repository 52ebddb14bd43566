"""Field constraints shared by the add/edit forms and plone.restapi.

Each error is a ``zope.schema.ValidationError`` whose docstring is the
translatable message: z3c.form shows it under the field, plone.restapi puts it in
the 400 answer next to the field name.
"""

from datetime import date
from imio.pressbook import _
from urllib.parse import urlparse
from zope.interface import Invalid
from zope.schema import ValidationError

import re


SESSION_RE = re.compile(r"^(\d{4})-(\d{4})$")


class DateInFuture(ValidationError):
    __doc__ = _("The date cannot be in the future.")


class InvalidSession(ValidationError):
    __doc__ = _(
        "The session must be two consecutive years written YYYY-YYYY, e.g. 2014-2015."
    )


class InvalidWebAddress(ValidationError):
    __doc__ = _("The address must be a web address starting with http:// or https://.")


class RowInvalid(Invalid):
    """An invariant error about one row of a grid field.

    ``field`` is the grid's field name, ``row`` the row number counted from 1,
    ``column`` the name of the column at fault.
    """

    def __init__(self, message, field, row, column=None):
        super().__init__(message)
        self.message = message
        self.field = field
        self.row = row
        self.column = column


def not_in_future(value):
    if value is not None and value > date.today():
        raise DateInFuture(value)
    return True


def is_session(value):
    if not value:
        return True
    match = SESSION_RE.match(value)
    if not match or int(match.group(2)) != int(match.group(1)) + 1:
        raise InvalidSession(value)
    return True


def is_web_address(value):
    if not value:
        return True
    parsed = urlparse(value)
    if parsed.scheme not in ("http", "https") or not parsed.netloc:
        raise InvalidWebAddress(value)
    return True
