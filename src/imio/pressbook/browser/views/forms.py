"""The add forms of articles and questions, and what they share with the edit
form: the free keywords (plone.categorization's ``subjects``, Plone's own
searchable keywords widget) on the first tab, right after the themes, where
an editor files the item in one go instead of on the Categorization tab."""

from imio.pressbook.content.fields import IYear
from imio.pressbook.content.ids import names_something
from imio.pressbook.content.ids import unnamed_message
from plone.app.dexterity.behaviors.id import IShortName
from plone.dexterity.browser.add import DefaultAddForm
from plone.dexterity.browser.add import DefaultAddView
from plone.z3cform.fieldsets.utils import move
from z3c.form import validator
from z3c.form.converter import IntegerDataConverter
from z3c.form.interfaces import IWidget
from zope.component import adapter
from zope.interface import Invalid


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


class ShortNameValidator(validator.SimpleFieldValidator):
    """The short name (plone.shortname's ``id``) typed in the add-on's add
    and edit forms (other types' forms are left as they are) holds a letter
    or a digit: Plone's name chooser normalizes what is
    typed, and renamed the item to "-1" for "   " (``content/ids.py``)."""

    def validate(self, value):
        super().validate(value)
        # the field is on the Settings tab: a group of the add or edit form
        form = getattr(self.view, "parentForm", self.view)
        if isinstance(form, KeywordsBesideThemes) and not names_something(value):
            raise Invalid(unnamed_message(value))


validator.WidgetValidatorDiscriminators(ShortNameValidator, field=IShortName["id"])


@adapter(IYear, IWidget)
class YearDataConverter(IntegerDataConverter):
    """A year as typed and read: 2015, not the locale's "2 015"."""

    def toWidgetValue(self, value):
        if value == self.field.missing_value:
            return ""
        return str(value)
