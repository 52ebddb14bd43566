"""The add forms of articles and questions, and what they share with the edit
form: the free keywords (plone.categorization's ``subjects``, Plone's own
searchable keywords widget) on the first tab, right after the themes, where
an editor files the item in one go instead of on the Categorization tab."""

from imio.pressbook.content.fields import IYear
from plone.dexterity.browser.add import DefaultAddForm
from plone.dexterity.browser.add import DefaultAddView
from plone.z3cform.fieldsets.utils import move
from z3c.form.converter import IntegerDataConverter
from z3c.form.interfaces import IWidget
from zope.component import adapter


KEYWORDS = "ICategorization.subjects"
THEMES = "themes"


def keywords_after_themes(form):
    """Move the keywords beside the themes, when the form has both."""
    if THEMES not in form.fields:
        return
    for group in getattr(form, "groups", ()):
        if KEYWORDS in group.fields:
            move(form, KEYWORDS, after=THEMES)
            return


class KeywordsBesideThemes:
    """Mixin of a Dexterity add or edit form."""

    def updateFieldsFromSchemata(self):
        super().updateFieldsFromSchemata()
        keywords_after_themes(self)


class PressAddForm(KeywordsBesideThemes, DefaultAddForm):
    """Plone's add form, keywords beside the themes."""


class PressAddView(DefaultAddView):
    form = PressAddForm


@adapter(IYear, IWidget)
class YearDataConverter(IntegerDataConverter):
    """A year as typed and read: 2015, not the locale's "2 015"."""

    def toWidgetValue(self, value):
        if value == self.field.missing_value:
            return ""
        return str(value)
