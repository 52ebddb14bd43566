"""plone.restapi: ``@controlpanels/pressbook``, for those who manage press settings.

plone.restapi's ``@controlpanels`` service asks for "Plone Site Setup: Overview";
reading and writing this panel also ask for "imio.pressbook: Manage press
settings" (Manager and Site Administrator). A PATCH follows the rules of
rules.py, as the form does; a bad row gets a 400 naming field, row and column
(restapi/errors.py), and nothing is stored.
"""

from AccessControl import getSecurityManager
from AccessControl import Unauthorized
from imio.pressbook import _
from imio.pressbook.controlpanels.rules import prepare_rows
from imio.pressbook.controlpanels.rules import RowsRefused
from imio.pressbook.controlpanels.settings import IPressControlpanel
from imio.pressbook.controlpanels.settings import IPressSettings
from imio.pressbook.controlpanels.settings import PREFIX
from imio.pressbook.interfaces import IImioPressbookLayer
from imio.pressbook.restapi.deserializers.body import read_json_object
from imio.pressbook.restapi.deserializers.grid import GridFieldDeserializer
from imio.pressbook.restapi.errors import describe
from imio.pressbook.restapi.errors import GridInvalid
from imio.pressbook.restapi.errors import ValidationFailed
from plone.registry.interfaces import IRegistry
from plone.restapi.controlpanels import RegistryConfigletPanel
from plone.restapi.deserializer.controlpanels import FakeDXContext
from plone.restapi.interfaces import IDeserializeFromJson
from plone.restapi.interfaces import ISerializeToJson
from plone.restapi.serializer.controlpanels import ControlpanelSerializeToJson
from zope.component import adapter
from zope.component import getUtility
from zope.i18n import translate
from zope.interface import implementer
from zope.interface import Interface
from zope.schema import getFieldsInOrder
from zope.schema.interfaces import ValidationError


MANAGE_PRESS_SETTINGS = "imio.pressbook: Manage press settings"


@adapter(Interface, IImioPressbookLayer)
@implementer(IPressControlpanel)
class PressControlpanel(RegistryConfigletPanel):
    schema = IPressSettings
    schema_prefix = PREFIX
    configlet_id = "imio.pressbook"
    configlet_category_id = "Products"


def check_permission(controlpanel):
    if not getSecurityManager().checkPermission(
        MANAGE_PRESS_SETTINGS, controlpanel.context
    ):
        raise Unauthorized("You may not manage the press settings.")


@implementer(ISerializeToJson)
@adapter(IPressControlpanel)
class PressControlpanelSerializer(ControlpanelSerializeToJson):
    def __call__(self):
        check_permission(self.controlpanel)
        return super().__call__()


@implementer(IDeserializeFromJson)
@adapter(IPressControlpanel)
class PressControlpanelDeserializer:
    def __init__(self, controlpanel):
        self.controlpanel = controlpanel
        self.context = controlpanel.context
        self.request = controlpanel.request

    def translate(self, message):
        return translate(message, context=self.request)

    def __call__(self, mask_validation_errors=True):
        check_permission(self.controlpanel)
        # a 400 unless a JSON object
        data = read_json_object(self.request)
        fields = dict(getFieldsInOrder(IPressSettings))
        errors = []
        values = {}
        for name, value in data.items():
            field = fields.get(name)
            if field is None:
                errors.append(self.unknown_field(name, fields))
                continue
            rows = self.deserialize(name, field, value, errors)
            if rows is None:
                continue
            try:
                values[name] = prepare_rows(name, rows, self.context)
            except RowsRefused as error:
                errors.extend(
                    {"field": name, "message": self.translate(message)}
                    for message in error.messages
                )
        if errors:
            raise ValidationFailed(errors, self.request)
        proxy = getUtility(IRegistry).forInterface(IPressSettings, prefix=PREFIX)
        for name, rows in values.items():
            setattr(proxy, name, rows)

    def deserialize(self, name, field, value, errors):
        """The rows of the grid, or None with ``errors`` saying why."""
        deserializer = GridFieldDeserializer(field, FakeDXContext(), self.request)
        try:
            return deserializer(value)
        except GridInvalid as error:
            for row, column, message in error.errors:
                item = {"field": name, "message": self.translate(message)}
                if row is not None:
                    item["row"] = row
                if column is not None:
                    item["column"] = column
                errors.append(item)
        except ValidationError as error:
            errors.append(
                {
                    "field": name,
                    "message": self.translate(describe(field, error, value)),
                }
            )
        return None

    def unknown_field(self, name, fields):
        return {
            "field": name,
            "message": self.translate(
                _(
                    "Unknown field; the fields are: ${fields}.",
                    mapping={"fields": ", ".join(fields)},
                )
            ),
        }
