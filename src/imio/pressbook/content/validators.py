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


# ASCII digits: \d and int() also take full-width (２０１４) and other scripts' digits
SESSION_RE = re.compile(r"([0-9]{4})-([0-9]{4})")
ASCII_INTEGER_RE = re.compile(r"[+-]?[0-9]+")


class DateInFuture(ValidationError):
    __doc__ = _("The date cannot be in the future.")


class InvalidSession(ValidationError):
    __doc__ = _(
        "The session must be two consecutive years written YYYY-YYYY, e.g. 2014-2015."
    )


class NonAsciiDigits(ValidationError):
    __doc__ = _("Write the numbers with the digits 0 to 9.")


class InvalidWebAddress(ValidationError):
    __doc__ = _("The address must be a web address starting with http:// or https://.")


class UnknownTheme(ValidationError):
    __doc__ = _("Pick the themes from the list.")


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
    match = SESSION_RE.fullmatch(value)
    if not match or int(match.group(2)) != int(match.group(1)) + 1:
        raise InvalidSession(value)
    return True


def has_ascii_digits(value):
    """Numbers written 0-9 only: no full-width nor Arabic-Indic digits."""
    if value and any(char.isdigit() and char not in "0123456789" for char in value):
        raise NonAsciiDigits(value)
    return True


def is_web_address(value):
    if not value:
        return True
    parsed = urlparse(value)
    if parsed.scheme not in ("http", "https") or not parsed.netloc:
        raise InvalidWebAddress(value)
    return True
