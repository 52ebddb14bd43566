"""The press section: a folder of press articles and parliamentary questions."""

from imio.pressbook import _
from plone.app.textfield import RichText
from plone.dexterity.content import Container
from plone.supermodel import model
from zope import schema
from zope.interface import implementer


class IPressBook(model.Schema):
    """A press section ("Dans les médias")."""

    title = schema.TextLine(title=_("Title"), required=True)

    description = schema.Text(
        title=_("Summary"),
        description=_("Shown under the title and in listings."),
        required=False,
        missing_value="",
    )

    text = RichText(
        title=_("Introduction"),
        description=_("Text shown above the list of press articles and questions."),
        required=False,
    )


@implementer(IPressBook)
class PressBook(Container):
    """A press section."""
