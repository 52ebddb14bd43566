"""The page of a parliamentary question and its answers."""

from html import escape
from imio.pressbook import _
from imio.pressbook.browser.views.press_book import PressItemView
from imio.pressbook.browser.views.press_book import short_date
from imio.pressbook.browser.views.press_book import status_badge_class
from imio.pressbook.browser.views.press_book import term_titles
from imio.pressbook.browser.views.press_book import translated
from imio.pressbook.question_status import answer_deadlines
from imio.pressbook.question_status import answer_due_date
from imio.pressbook.question_status import AWAITING
from imio.pressbook.question_status import local_today
from imio.pressbook.question_status import OVERDUE
from imio.pressbook.question_status import question_status
from plone.memoize.instance import memoize

import re


PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")


def text_to_html(text):
    """Plain text as escaped paragraphs: blank lines split them, newlines are kept."""
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n").strip()
    paragraphs = [paragraph.strip("\n") for paragraph in PARAGRAPH_BREAK.split(text)]
    return "\n".join(
        "<p>{}</p>".format(
            "<br />\n".join(escape(line) for line in paragraph.split("\n"))
        )
        for paragraph in paragraphs
        if paragraph.strip()
    )


class ParliamentaryQuestionView(PressItemView):
    """Reference, question, answers in date order, keywords, actions."""

    @memoize
    def titles(self):
        context, request = self.context, self.request
        return {
            "assembly": term_titles(
                "imio.pressbook.vocabulary.Assemblies", context, request
            ),
            "question_type": term_titles(
                "imio.pressbook.vocabulary.QuestionTypes", context, request
            ),
            "kind": term_titles(
                "imio.pressbook.vocabulary.AnswerKinds", context, request
            ),
        }

    def facts(self):
        """``Session : 2014-2015``, ``Année : 2015``, ``N° : 518 (2014-2015) 1``..."""
        context = self.context
        titles = self.titles()
        facts = []
        if context.assembly:
            assembly = titles["assembly"].get(context.assembly, context.assembly)
            facts.append(
                ("assembly", _("Assembly: ${assembly}", mapping={"assembly": assembly}))
            )
        if context.question_type:
            question_type = titles["question_type"].get(
                context.question_type, context.question_type
            )
            facts.append(
                (
                    "question-type",
                    _("Type of question: ${type}", mapping={"type": question_type}),
                )
            )
        if context.session:
            facts.append(
                (
                    "session",
                    _("Session: ${session}", mapping={"session": context.session}),
                )
            )
        if context.year:
            facts.append(
                ("year", _("Year: ${year}", mapping={"year": str(context.year)}))
            )
        if context.number:
            facts.append(
                ("number", _("No.: ${number}", mapping={"number": context.number}))
            )
        return [{"id": fact_id, "text": text} for fact_id, text in facts]

    def count_message(self):
        """The question and its answers: ``2 élément(s) trouvé(s).``"""
        count = 1 + len(self.context.sorted_answers())
        return _("${count} item(s) found.", mapping={"count": count})

    def _heading(self, label, date):
        if date is None:
            return label
        return _(
            "${kind} of ${date}", mapping={"kind": label, "date": short_date(date)}
        )

    def question(self):
        context = self.context
        question_type = self.titles()["question_type"].get(context.question_type, "")
        asked_by = context.asked_by or ""
        if context.asked_by_group:
            asked_by = f"{asked_by} ({context.asked_by_group})"
        addressed_to = ", ".join(
            part for part in (context.addressed_to, context.addressee_role) if part
        )
        text = context.question_text
        return {
            "heading": self._heading(
                question_type or translated(_("Question"), self.request),
                context.question_date,
            ),
            "asked_by": _("from ${name}", mapping={"name": asked_by})
            if asked_by
            else None,
            "addressed_to": _("to ${name}", mapping={"name": addressed_to})
            if addressed_to
            else None,
            "text": text.output_relative_to(context)
            if text is not None and getattr(text, "raw", None)
            else "",
        }

    def answers(self):
        """One block per answer, in date order."""
        kinds = self.titles()["kind"]
        return [
            {
                "kind": answer.get("kind") or "",
                "heading": self._heading(
                    kinds.get(answer.get("kind")) or kinds.get("final"),
                    answer.get("date"),
                ),
                "answered_by": _(
                    "from ${name}", mapping={"name": answer["answered_by"]}
                )
                if answer.get("answered_by")
                else None,
                "html": text_to_html(answer.get("text")),
            }
            for answer in self.context.sorted_answers()
        ]

    @memoize
    def status(self):
        """``answered``, ``awaiting`` or ``overdue`` (``question_status``)."""
        return question_status(self.context, answer_deadlines(self.context))

    def status_badge(self):
        """The badge: its words (the filter's), its classes."""
        status = self.status()
        titles = term_titles(
            "imio.pressbook.vocabulary.AnswerStatusFilters", self.context, self.request
        )
        return {
            "status": status,
            "title": titles.get(status, status),
            "class": f"pressbook-{status}-badge {status_badge_class(status)}",
        }

    def awaiting(self):
        """No answer yet, or only a holding one (overdue or not)."""
        return self.status() in (AWAITING, OVERDUE)

    def awaiting_message(self):
        """``Cette question attend une réponse.``, with the deadline passed."""
        context = self.context
        due = answer_due_date(
            context.assembly,
            context.question_type,
            context.question_date,
            answer_deadlines(context),
        )
        if self.status() == OVERDUE:
            return _(
                "This question awaits an answer: the answer was due on ${date}.",
                mapping={"date": self.long_date(due)},
            )
        if due is not None and due >= local_today():
            return _(
                "This question awaits an answer, due by ${date}.",
                mapping={"date": self.long_date(due)},
            )
        return _("This question awaits an answer.")
