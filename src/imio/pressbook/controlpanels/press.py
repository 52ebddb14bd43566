"""The "Presse" control panel form (``@@pressbook-controlpanel``)."""

from collective.z3cform.datagridfield.datagridfield import DataGridValidator
from imio.pressbook import _
from imio.pressbook.controlpanels.rules import LISTS
from imio.pressbook.controlpanels.rules import prepare_rows
from imio.pressbook.controlpanels.rules import RowsRefused
from imio.pressbook.controlpanels.settings import IPressSettings
from imio.pressbook.controlpanels.settings import PREFIX
from plone.app.registry.browser.controlpanel import ControlPanelFormWrapper
from plone.app.registry.browser.controlpanel import RegistryEditForm
from plone.z3cform import layout
from z3c.form import validator
from zope.i18n import translate
from zope.interface import Invalid
from zope.schema.interfaces import IList


class PressSettingsForm(RegistryEditForm):
    schema = IPressSettings
    schema_prefix = PREFIX
    label = _("Press")
    # No pat-validation on this form (plone.app.z3cform adds it unless this is
    # set): with some forty outlet rows its client-side checks take the browser
    # 10-15 s on save. The server still refuses a row without its required
    # name (DictRow validates every column) and the rules of RowsValidator.
    ignoreRequiredOnExtract = True
    description = _(
        "The media outlets and the assemblies that editors choose from. "
        "Renaming a row keeps what the content refers to."
    )

    def applyChanges(self, data):
        """Tokens given to the new rows (the validator checked the rules)."""
        data = dict(data)
        for name in LISTS:
            if name in data:
                data[name] = prepare_rows(name, data[name])
        return super().applyChanges(data)


PressSettingsView = layout.wrap_form(PressSettingsForm, ControlPanelFormWrapper)


class RowsValidator(DataGridValidator):
    """The grid's cell errors, then the rules of rules.py, on the grid."""

    def validate(self, value, force=False):
        super().validate(value, force)
        name = self.field.__name__
        if name not in LISTS:
            return
        try:
            prepare_rows(name, value or [])
        except RowsRefused as error:
            raise Invalid(
                " ".join(
                    translate(message, context=self.request)
                    for message in error.messages
                )
            ) from None


validator.WidgetValidatorDiscriminators(
    RowsValidator, view=PressSettingsForm, field=IList
)
