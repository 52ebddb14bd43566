"""Fields that both press articles and parliamentary questions carry."""

from imio.pressbook import _
from imio.pressbook.content.validators import ASCII_INTEGER_RE
from imio.pressbook.themes import THEMES_VOCABULARY
from zope import schema
from zope.interface import implementer
from zope.schema.interfaces import IInt


class AsciiInt(schema.Int):
    """A whole number which, as text, is written with the digits 0 to 9.

    ``int()``, behind ``Int.fromUnicode`` (plone.restapi gives it the strings
    a client sends), also reads full-width (``２０１４``) and Arabic-Indic
    digits. (The forms' converter, zope.i18n's number parser, reads 0-9 only.)
    """

    def fromUnicode(self, value):
        if not ASCII_INTEGER_RE.fullmatch(value.strip()):
            # zope.schema's InvalidIntLiteral, as Int.fromUnicode raises it
            raise self._validation_error(
                f"invalid literal for int(): {value!r}"
            ).with_field_and_value(self, value)
        return super().fromUnicode(value)


class IYear(IInt):
    """A year: a whole number the forms show without a thousands separator."""


@implementer(IYear)
class Year(AsciiInt):
    """A year (2015, never "2 015")."""


def themes_field():
    """The ``themes`` field: tokens of the themes taxonomy (a new field each call)."""
    return schema.List(
        title=_("Themes"),
        description=_(
            "Type to search the list that the site administrators manage; "
            "a theme is shown with the themes above it."
        ),
        value_type=schema.Choice(vocabulary=THEMES_VOCABULARY),
        required=False,
        default=[],
        missing_value=[],
    )
