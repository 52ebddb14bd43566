"""What the "Presse" control panel edits: two registry records of rows.

``imio.pressbook.outlets`` and ``imio.pressbook.assemblies`` (registered from
``IPressSettings`` by profiles/default/registry/press.xml) hold a list of dicts
each. Their defaults are the rows of vocabularies/outlets.py and
vocabularies/assemblies.py.
"""

from collective.z3cform.datagridfield.datagridfield import DataGridFieldWidgetFactory
from collective.z3cform.datagridfield.registry import DictRow as PersistentDictRow
from collective.z3cform.datagridfield.row import DictRow
from imio.pressbook import _
from imio.pressbook.content.validators import is_web_address
from imio.pressbook.vocabularies.assemblies import DEFAULT_ASSEMBLIES
from imio.pressbook.vocabularies.outlets import DEFAULT_OUTLETS
from plone.autoform import directives
from plone.registry.field import DisallowedProperty
from plone.registry.field import StubbornProperty
from plone.registry.interfaces import IPersistentField
from plone.restapi.controlpanels.interfaces import IControlpanel
from plone.supermodel import model
from zope import schema
from zope.component import adapter
from zope.interface import implementer
from zope.schema import ValidationError
from zope.schema.vocabulary import SimpleTerm
from zope.schema.vocabulary import SimpleVocabulary

import re


PREFIX = "imio.pressbook"

TOKEN_RE = re.compile(r"^[a-z0-9][a-z0-9_-]*$")

LANGUAGES = SimpleVocabulary(
    [
        SimpleTerm("fr", "fr", _("French")),
        SimpleTerm("nl", "nl", _("Dutch")),
        SimpleTerm("de", "de", _("German")),
        SimpleTerm("en", "en", _("English")),
    ]
)


class InvalidToken(ValidationError):
    __doc__ = _(
        "An identifier is made of lowercase letters, digits and hyphens, e.g. le-soir."
    )


def is_token(value):
    if value and not TOKEN_RE.match(value):
        raise InvalidToken(value)
    return True


TOKEN_DESCRIPTION = _(
    "Stored on the content: it never changes. Left empty, it is made from the name."
)


class GridRow(DictRow):
    """A row of a settings grid.

    The registry stores a persistent copy of it (``persistent_grid_row``), not
    this field: collective.z3cform.datagridfield's registry ``DictRow`` is itself
    a persistent object, which would join the database connection of the first
    import while every request shares it through the schema.
    """


@implementer(IPersistentField)
@adapter(GridRow)
def persistent_grid_row(field):
    ignored = set(DisallowedProperty.uses) | set(StubbornProperty.uses)
    copy = PersistentDictRow.__new__(PersistentDictRow)
    copy.__dict__.update(
        {key: value for key, value in field.__dict__.items() if key not in ignored}
    )
    return copy


class IOutletRow(model.Schema):
    """A media outlet."""

    directives.mode(token="hidden")
    token = schema.TextLine(
        title=_("Identifier"),
        description=TOKEN_DESCRIPTION,
        required=False,
        max_length=50,
        constraint=is_token,
    )

    name = schema.TextLine(title=_("Name"), required=True)

    kind = schema.Choice(
        title=_("Kind"),
        vocabulary="imio.pressbook.vocabulary.OutletKinds",
        required=False,
    )

    website = schema.URI(
        title=_("Website"),
        required=False,
        constraint=is_web_address,
    )

    language = schema.Choice(
        title=_("Language"),
        vocabulary=LANGUAGES,
        required=False,
    )

    rights = schema.TextLine(
        title=_("Rights holder or licence"),
        description=_("e.g. the publisher, or the licence covering the scans"),
        required=False,
    )


class IAssemblyRow(model.Schema):
    """A parliamentary assembly."""

    directives.mode(token="hidden")
    token = schema.TextLine(
        title=_("Identifier"),
        description=TOKEN_DESCRIPTION,
        required=False,
        max_length=50,
        constraint=is_token,
    )

    name = schema.TextLine(title=_("Name"), required=True)

    short_name = schema.TextLine(title=_("Short name"), required=False)

    website = schema.URI(
        title=_("Website"),
        required=False,
        constraint=is_web_address,
    )

    answer_deadline = schema.Int(
        title=_("Answer deadline (days)"),
        description=_(
            "Calendar days a minister has to answer a written question, "
            "if the assembly's rules set a deadline."
        ),
        required=False,
        min=1,
    )


class IPressSettings(model.Schema):
    """The lists of the press section that site administrators manage."""

    directives.widget("outlets", DataGridFieldWidgetFactory, allow_reorder=True)
    outlets = schema.List(
        title=_("Media outlets"),
        description=_(
            "The newspapers, magazines, websites, radio and television stations "
            "editors choose from. An outlet still used by an article cannot be deleted."
        ),
        value_type=GridRow(title=_("Media outlet"), schema=IOutletRow),
        default=[dict(row) for row in DEFAULT_OUTLETS],
        required=False,
    )

    directives.widget("assemblies", DataGridFieldWidgetFactory, allow_reorder=True)
    assemblies = schema.List(
        title=_("Assemblies"),
        description=_(
            "The parliaments questions are asked in. An assembly still used by a "
            "question cannot be deleted."
        ),
        value_type=GridRow(title=_("Assembly"), schema=IAssemblyRow),
        default=[dict(row) for row in DEFAULT_ASSEMBLIES],
        required=False,
    )


class IPressControlpanel(IControlpanel):
    """Marker of the ``@controlpanels/pressbook`` adapter."""
