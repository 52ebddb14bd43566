"""A parliamentary question that concerns the authority, with the answers."""

from collective.z3cform.datagridfield.row import DictRow
from imio.pressbook import _
from imio.pressbook.browser.widgets import AnswersGridFieldWidget
from imio.pressbook.browser.widgets import ThemesSelectFieldWidget
from imio.pressbook.content.attributes import no_field_named
from imio.pressbook.content.fields import themes_field
from imio.pressbook.content.fields import Year
from imio.pressbook.content.validators import has_ascii_digits
from imio.pressbook.content.validators import is_session
from imio.pressbook.content.validators import is_web_address
from imio.pressbook.content.validators import not_in_future
from imio.pressbook.content.validators import RowInvalid
from imio.pressbook.interfaces import IPressbookContent
from plone.app.textfield import RichText
from plone.autoform import directives
from plone.dexterity.content import Item
from plone.supermodel import model
from zope import schema
from zope.interface import implementer
from zope.interface import Interface
from zope.interface import invariant


ANSWER_STATUS_AWAITING = "awaiting"
ANSWER_STATUS_ANSWERED = "answered"
# A holding answer ("réponse d'attente") announces the real one: the question
# still awaits an answer until another kind of answer is recorded.
HOLDING_ANSWER = "holding"


class IAnswer(Interface):
    """One answer to a parliamentary question (a row of the answers grid)."""

    date = schema.Date(title=_("Answer date"), required=True)

    answered_by = schema.TextLine(
        title=_("Answered by"),
        description=_("e.g. FURLAN Paul"),
        required=False,
    )

    kind = schema.Choice(
        title=_("Kind of answer"),
        vocabulary="imio.pressbook.vocabulary.AnswerKinds",
        required=True,
        default="final",
    )

    text = schema.Text(title=_("Answer"), required=False)


class IParliamentaryQuestion(model.Schema):
    """A parliamentary question and the answers it received."""

    title = schema.TextLine(title=_("Title"), required=True)

    description = schema.Text(
        title=_("Summary"),
        required=False,
        missing_value="",
    )

    assembly = schema.Choice(
        title=_("Assembly"),
        vocabulary="imio.pressbook.vocabulary.Assemblies",
        required=True,
    )

    question_type = schema.Choice(
        title=_("Type of question"),
        vocabulary="imio.pressbook.vocabulary.QuestionTypes",
        required=True,
        default="written",
    )

    session = schema.TextLine(
        title=_("Session"),
        description=_("Two consecutive years, e.g. 2014-2015."),
        required=False,
        constraint=is_session,
    )

    year = Year(
        title=_("Year"),
        description=_("Year of the question, e.g. 2015."),
        required=False,
        min=1830,
        max=2200,
    )

    number = schema.TextLine(
        title=_("Number"),
        description=_("As given by the assembly, e.g. 518 (2014-2015) 1."),
        required=False,
        constraint=has_ascii_digits,
    )

    question_date = schema.Date(
        title=_("Question date"),
        required=True,
        constraint=not_in_future,
    )

    asked_by = schema.TextLine(
        title=_("Asked by"),
        description=_("Name of the member, e.g. DUPONT Jean-Marc."),
        required=True,
    )

    asked_by_group = schema.TextLine(
        title=_("Political group"),
        required=False,
    )

    addressed_to = schema.TextLine(
        title=_("Addressed to"),
        description=_("Name of the minister, e.g. FURLAN Paul."),
        required=True,
    )

    addressee_role = schema.TextLine(
        title=_("Addressee's portfolio"),
        description=_("The minister's title on the date of the question."),
        required=False,
    )

    question_text = RichText(
        title=_("Question"),
        required=False,
    )

    # the free keywords (plone.categorization's subjects) follow, on this tab:
    # browser/views/forms.py
    directives.widget("themes", ThemesSelectFieldWidget)
    themes = themes_field()

    # frontendOptions: the widget a REST client (Volto) should use, in @types
    directives.widget(
        "answers",
        AnswersGridFieldWidget,
        auto_append=True,
        frontendOptions={"widget": "object_list"},
    )
    answers = schema.List(
        title=_("Answers"),
        description=_("One row per answer, holding answers included."),
        value_type=DictRow(title=_("Answer"), schema=IAnswer),
        required=False,
        default=[],
        missing_value=[],
    )

    source_url = schema.URI(
        title=_("Link to the source"),
        description=_(
            "Web address of the question on the assembly's site (http or https)."
        ),
        required=False,
        constraint=is_web_address,
    )

    @invariant
    def answers_not_before_question(data):
        question_date = getattr(data, "question_date", None)
        answers = getattr(data, "answers", None) or []
        if question_date is None:
            return
        for number, answer in enumerate(answers, start=1):
            answer_date = (answer or {}).get("date")
            if answer_date is not None and answer_date < question_date:
                raise RowInvalid(
                    _(
                        "Answer ${row} is dated before the question.",
                        mapping={"row": number},
                    ),
                    field="answers",
                    row=number,
                    column="date",
                )


def answer_status(answers):
    """``answered`` once an answer other than a holding one is recorded."""
    for answer in answers or ():
        if (answer or {}).get("kind") != HOLDING_ANSWER:
            return ANSWER_STATUS_ANSWERED
    return ANSWER_STATUS_AWAITING


def first_answer_date(answers):
    """The date of the first answer other than a holding one (the day the
    question became ``answered``); None while it awaits one."""
    dates = [
        row.get("date")
        for row in answers or ()
        if row and row.get("kind") != HOLDING_ANSWER and row.get("date") is not None
    ]
    return min(dates) if dates else None


def answer_delay(question_date, answers):
    """Whole days from the question to ``first_answer_date``; None without one."""
    answered = first_answer_date(answers)
    if question_date is None or answered is None:
        return None
    return (answered - question_date).days


@implementer(IParliamentaryQuestion, IPressbookContent)
class ParliamentaryQuestion(Item):
    """A parliamentary question."""

    def __getattr__(self, name):
        # plone.dexterity's, without walking the schemas for a name no
        # field has (content/attributes.py)
        if no_field_named(self, name):
            raise AttributeError(name)
        return super().__getattr__(name)

    @property
    def answer_status(self):
        """Derived from the answers, never typed in (indexed in the catalog)."""
        return answer_status(getattr(self, "answers", None))

    def sorted_answers(self):
        """The answers in date order (rows without date last)."""
        rows = [row for row in (getattr(self, "answers", None) or []) if row]
        return sorted(rows, key=lambda row: (row.get("date") is None, row.get("date")))
