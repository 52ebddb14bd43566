"""Fields that both press articles and parliamentary questions carry."""

from imio.pressbook import _
from imio.pressbook.vocabularies.themes import THEMES_VOCABULARY
from zope import schema


def themes_field():
    """The ``themes`` field: tokens of the themes taxonomy (a new field each call)."""
    return schema.List(
        title=_("Themes"),
        description=_(
            "Pick them from the list that the site administrators manage; "
            "free keywords are in the Categorization tab."
        ),
        value_type=schema.Choice(vocabulary=THEMES_VOCABULARY),
        required=False,
        default=[],
        missing_value=[],
    )
