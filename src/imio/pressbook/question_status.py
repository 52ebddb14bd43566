"""Answered, awaiting an answer, or overdue: the status of a parliamentary
question, the one rule every page, search, export and statistic uses.

- **answered**: an answer other than a holding one is recorded (stored and
  indexed as ``answer_status``, see ``content/parliamentary_question.py``);
- **awaiting**: no such answer yet;
- **overdue**: awaiting, and past the answer deadline of its assembly: a
  written question (``DEADLINE_QUESTION_TYPES``) of an assembly whose row in
  the Presse control panel has an ``answer_deadline`` (calendar days), asked
  more than that many days before today. An assembly without a deadline
  never makes a question overdue; neither do oral questions and
  interpellations, answered in session.

Overdue is derived when asked, never stored: tomorrow a question becomes
overdue without anything written, and a new deadline counts at once. An
overdue question is still awaiting an answer (``answer_status=awaiting``
finds it too).

For one item::

    question_status(question_or_brain)            # "answered", "awaiting", "overdue"

For many (a search, a statistic), read the deadlines and the day once::

    deadlines = answer_deadlines(context)          # {assembly token: days}
    today = local_today()
    question_status(brain, deadlines, today)
    overdue_before(deadlines, today)               # {assembly token: first day
                                                   #  a question is still on time}
"""

from datetime import date
from datetime import datetime
from datetime import timedelta
from imio.pressbook.content.parliamentary_question import answer_status
from imio.pressbook.content.parliamentary_question import ANSWER_STATUS_ANSWERED
from imio.pressbook.content.parliamentary_question import ANSWER_STATUS_AWAITING
from imio.pressbook.vocabularies.assemblies import assembly_rows
from Missing import Value as MISSING


ANSWERED = ANSWER_STATUS_ANSWERED
AWAITING = ANSWER_STATUS_AWAITING
OVERDUE = "overdue"
STATUSES = (ANSWERED, AWAITING, OVERDUE)
# the types of question an assembly's answer deadline applies to
DEADLINE_QUESTION_TYPES = ("written",)

QUESTION = "imio.pressbook.ParliamentaryQuestion"


def answer_deadlines(context=None):
    """{assembly token: answer deadline in days} of the assemblies that have
    one (Presse control panel)."""
    return {
        row["token"]: row["answer_deadline"]
        for row in assembly_rows(context)
        if row.get("answer_deadline")
    }


def local_today():
    """Today, as the server's clock says (the date fields' own rule: a
    question date cannot be after it)."""
    return date.today()


def overdue_before(deadlines, today):
    """{assembly token: day}: a written question of that assembly still
    awaiting an answer is overdue when it was asked before that day (its
    deadline, ``question date + days``, is before today)."""
    return {
        assembly: today - timedelta(days=days) for assembly, days in deadlines.items()
    }


def answer_due_date(assembly, question_type, question_date, deadlines):
    """The last day of the answer deadline, or None without one."""
    days = deadlines.get(assembly)
    if not days or question_type not in DEADLINE_QUESTION_TYPES:
        return None
    if not question_date:  # None, or a brain's Missing.Value
        return None
    return _day(question_date) + timedelta(days=days)


def is_overdue(stored_status, assembly, question_type, question_date, deadlines, today):
    """Awaiting an answer past the deadline of the assembly (see the module)."""
    if stored_status != AWAITING:
        return False
    due = answer_due_date(assembly, question_type, question_date, deadlines)
    return due is not None and due < today


def question_status(item, deadlines=None, today=None):
    """``answered``, ``awaiting`` or ``overdue`` for a parliamentary question
    or its catalog brain; None for anything else.

    ``deadlines`` (``answer_deadlines``) and ``today`` (``local_today``) are
    read when not given: give them when asking for many items.
    """
    if getattr(item, "portal_type", None) != QUESTION:
        return None
    if hasattr(item, "getRID"):  # a brain: its metadata
        stored = _value(item, "answer_status")
        asked = _value(item, "pressbook_date")
    else:
        stored = answer_status(getattr(item, "answers", None))
        asked = getattr(item, "question_date", None)
    if deadlines is None:
        deadlines = answer_deadlines(item)
    if today is None:
        today = local_today()
    assembly = _value(item, "assembly")
    question_type = _value(item, "question_type")
    if is_overdue(stored, assembly, question_type, asked, deadlines, today):
        return OVERDUE
    return stored


def _value(item, name):
    value = getattr(item, name, None)
    return None if value is MISSING else value


def _day(value):
    if isinstance(value, datetime):
        return value.date()
    if hasattr(value, "asdatetime"):  # a Zope DateTime
        return value.asdatetime().date()
    return value
