"""The press section: a folder of press articles and parliamentary questions."""

from imio.pressbook import _
from imio.pressbook.interfaces import IPressbookContent
from imio.pressbook.search import DEFAULT_BATCH_SIZE
from imio.pressbook.search import MAX_BATCH_SIZE
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

    batch_size = schema.Int(
        title=_("Items per page"),
        description=_("How many items the list shows on each page (1 to 100)."),
        required=True,
        default=DEFAULT_BATCH_SIZE,
        min=1,
        max=MAX_BATCH_SIZE,
    )


@implementer(IPressBook, IPressbookContent)
class PressBook(Container):
    """A press section."""
