"""The widgets of the article and question forms (Classic UI).

- the outlet: one select with a "choose" prompt and nothing pre-selected, the
  outlets grouped by kind (``<optgroup>``, in the order of the outlet kinds)
  and sorted by name the French way, searchable through Plone's own
  ``pat-select2`` (Select2 keeps the groups of a single select);
- the themes: Plone's ``pat-select2`` on a multiple select: type to search,
  arrows and Enter to pick, Backspace to drop; each theme is shown with the
  themes above it (``Informatique » Logiciels libres``, collective.taxonomy's
  own titles), so the hierarchy reads and searches;
- the answers grid: collective.z3cform.datagridfield's block layout, each
  answer a block of labelled fields with a real textarea; its blank rows (the
  auto-append and the template row) never show an error, and the row buttons
  speak the add-on's languages;
- the scan: Plone's file widget, its file input named after the field for
  screen readers (Plone's label points at the widget's container);
- the grids of the "Presse" control panel (table layout): each cell named
  after its column for screen readers.
"""

from collective.z3cform.datagridfield.blockdatagridfield import (
    BlockDataGridFieldObjectWidget,
)
from collective.z3cform.datagridfield.blockdatagridfield import BlockDataGridFieldWidget
from imio.pressbook import _
from imio.pressbook.content.validators import UnknownTheme
from imio.pressbook.facets import collation_key
from imio.pressbook.vocabularies.outlet_kinds import OUTLET_KINDS
from imio.pressbook.vocabularies.outlets import outlet_rows
from plone.app.z3cform.converters import Select2WidgetConverter
from plone.app.z3cform.widgets.select import Select2Widget
from plone.formwidget.namedfile.widget import NamedFileWidget
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from z3c.form.error import ErrorViewMessage
from z3c.form.interfaces import IFieldWidget
from z3c.form.interfaces import INPUT_MODE
from z3c.form.interfaces import NO_VALUE
from z3c.form.widget import FieldWidget
from z3c.form.widget import SequenceWidget
from zope.component import adapter
from zope.i18n import translate
from zope.interface import implementer
from zope.schema.interfaces import IList
from zope.schema.interfaces import ITitledTokenizedTerm
from zope.schema.interfaces import RequiredMissing

import html


# the blank rows of a datagrid: auto-append ("AA") and template ("TT")
BLANK_ROWS = ("AA", "TT")


def _translate(widget, message):
    return translate(message, context=widget.request, default=message)


class OutletSelectWidget(Select2Widget):
    """The outlet: a prompt, then the outlets grouped by kind."""

    prompt = True
    promptMessage = _("— Choose an outlet —")
    # the prompt posts "": the converter reads it as "no value" (required)
    noValueToken = ""
    input_template = ViewPageTemplateFile("templates/outlet_select_input.pt")

    def extract(self, default=NO_VALUE):
        # z3c.form's own: an unknown token is no value (so "choose an
        # outlet"); Select2Widget's skips that check
        return SequenceWidget.extract(self, default)

    def prompt_text(self):
        return _translate(self, self.promptMessage)

    @property
    def attributes(self):
        attributes = super().attributes
        # Select2 hides the select: a native "required" bubble could not show
        # on it and would block the form silently; the form says it instead
        attributes.pop("required", None)
        return attributes

    def groups(self):
        """``[{"label": ..., "options": [{"id", "value", "content", "selected"}]}]``

        In the order of the outlet kinds, outlets without a known kind last;
        within a group, by name in dictionary order (accents and case aside).
        """
        if self.terms is None:
            return []
        kinds = {row["token"]: row.get("kind") for row in outlet_rows(self.context)}
        labels = dict(OUTLET_KINDS)
        by_kind = {}
        for index, term in enumerate(self.terms):
            title = term.token
            if ITitledTokenizedTerm.providedBy(term):
                title = _translate(self, term.title)
            kind = kinds.get(term.token)
            by_kind.setdefault(kind if kind in labels else None, []).append(
                {
                    "id": f"{self.id}-{index}",
                    "value": term.token,
                    "content": title,
                    "selected": self.isSelected(term),
                }
            )
        groups = []
        for kind in [token for token, _title in OUTLET_KINDS] + [None]:
            items = by_kind.get(kind)
            if not items:
                continue
            label = labels.get(kind) or _("Other outlets")
            items.sort(key=lambda item: collation_key(item["content"]))
            groups.append({"label": _translate(self, label), "options": items})
        return groups

    def render(self):
        if self.mode == INPUT_MODE:
            return self.input_template()
        return super().render()


@implementer(IFieldWidget)
def OutletSelectFieldWidget(field, request):
    return FieldWidget(field, OutletSelectWidget(request))


# what the outlet field says when it is left on the prompt
OutletRequired = ErrorViewMessage(
    _("Choose the outlet that published the article."),
    error=RequiredMissing,
    widget=OutletSelectWidget,
)


class ThemesSelectWidget(Select2Widget):
    """The themes: a searchable multiple select (Plone's ``pat-select2``).

    No placeholder: Select2 greys it below the contrast a reader needs; the
    field's description says to type.
    """


@implementer(IFieldWidget)
def ThemesSelectFieldWidget(field, request):
    widget = FieldWidget(field, ThemesSelectWidget(request))
    widget.multiple = "multiple"
    return widget


@adapter(IList, ThemesSelectWidget)
class ThemesConverter(Select2WidgetConverter):
    """A theme that is not (or no longer) in the taxonomy is an error under
    the field; z3c.form's converter lets the vocabulary's KeyError through."""

    def toFieldValue(self, value):
        try:
            return super().toFieldValue(value)
        except LookupError:
            raise UnknownTheme(value) from None


class AnswerRowWidget(BlockDataGridFieldObjectWidget):
    """One answer: its fields one under the other, each with its label."""

    input_template = ViewPageTemplateFile("templates/answer_row_input.pt")

    def is_blank_row(self):
        return self.id.endswith(BLANK_ROWS)

    # room for a paragraph or two of the answer's text
    text_rows = 6

    def updateWidgets(self, *args, **kwargs):
        super().updateWidgets(*args, **kwargs)
        if "text" in self.widgets:
            self.widgets["text"].rows = self.text_rows
        if self.is_blank_row():
            # z3c.form's ObjectWidget validates every value posted back, the
            # blank rows' included: nobody has to fill them in
            for widget in self.widgets.values():
                widget.error = None

    def render(self):
        if self.mode == INPUT_MODE:
            return self.input_template()
        return super().render()


class AnswersGridWidget(BlockDataGridFieldWidget):
    """The answers: one block per answer, a blank one to add the next."""

    klass = "blockdatagridfield pressbook-answers"
    input_template = ViewPageTemplateFile("templates/answers_grid_input.pt")

    def createObjectWidget(self, idx):
        widget = FieldWidget(self.field.value_type, AnswerRowWidget(self.request))
        widget.setErrors = idx not in BLANK_ROWS
        return widget

    def render(self):
        if self.mode == INPUT_MODE:
            return self.input_template()
        return super().render()


@implementer(IFieldWidget)
def AnswersGridFieldWidget(field, request):
    return FieldWidget(field, AnswersGridWidget(request))


class ScanWidget(NamedFileWidget):
    """Plone's file widget whose file input has an accessible name.

    plone.formwidget.namedfile renders the input as ``<id>-input`` inside a
    ``<span id="<id>">``, and plone.app.z3cform's label points at the span:
    the "Browse" button would reach a screen reader without a name.
    """

    def render(self):
        markup = super().render()
        if self.mode != INPUT_MODE or not self.label:
            return markup
        name = html.escape(_translate(self, self.label), quote=True)
        marker = f'id="{self.id}-input"'
        return markup.replace(marker, f'{marker} aria-label="{name}"', 1)


@implementer(IFieldWidget)
def ScanFieldWidget(field, request):
    return FieldWidget(field, ScanWidget(request))
