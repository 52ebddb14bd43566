"""REST deserialization of press articles and parliamentary questions.

plone.restapi's deserializer, with errors a client can use: it raises
``ValidationFailed`` (a 400 listing field, row, column and a translated message)
instead of a ``BadRequest`` holding the repr of a list. The checks themselves
are the schema's (constraints, invariants), shared with the add/edit forms.
"""

from imio.pressbook.content.validators import RowInvalid
from imio.pressbook.restapi.errors import describe
from imio.pressbook.restapi.errors import GridInvalid
from imio.pressbook.restapi.errors import ValidationFailed
from plone.dexterity.utils import iterSchemata
from plone.restapi.deserializer import json_body
from plone.restapi.deserializer.dxcontent import DeserializeFromJson
from plone.restapi.interfaces import IDeserializeFromJson
from zExceptions import BadRequest
from zope.i18n import translate
from zope.interface import implementer
from zope.interface import Invalid
from zope.schema import getFields
from zope.schema.interfaces import RequiredMissing


@implementer(IDeserializeFromJson)
class ReportingDeserializeFromJson(DeserializeFromJson):
    """plone.restapi's deserializer, reporting errors by field (and row).

    Registered (configure.zcml) for IPressArticle and IParliamentaryQuestion on
    the add-on's browser layer; the ``answers`` grid goes through grid.py.
    """

    def __call__(
        self, validate_all=False, data=None, create=False, mask_validation_errors=True
    ):
        if data is None:
            # a DeserializationError (400) unless a JSON object
            data = json_body(self.request)
        try:
            return super().__call__(
                validate_all=validate_all,
                data=data,
                create=create,
                mask_validation_errors=False,
            )
        except BadRequest as error:
            if not error.args or not isinstance(error.args[0], list):
                raise
            raise ValidationFailed(
                self.structured(error.args[0], data), self.request
            ) from None

    def translate(self, message):
        return translate(message, context=self.request)

    def fields(self):
        fields = {}
        for schema in iterSchemata(self.context):
            for name, field in getFields(schema).items():
                fields.setdefault(name, field.bind(self.context))
        return fields

    def structured(self, errors, data):
        """plone.restapi's error dicts as ``{"field", "row", "column", "message"}``."""
        fields = self.fields()
        result = []
        for error in errors:
            exception = error.get("error")
            name = error.get("field")
            if isinstance(exception, GridInvalid):
                for row, column, message in exception.errors:
                    item = {"field": name, "message": self.translate(message)}
                    if row is not None:
                        item["row"] = row
                    if column is not None:
                        item["column"] = column
                    result.append(item)
            elif isinstance(exception, RowInvalid):
                item = {
                    "field": exception.field,
                    "row": exception.row,
                    "message": self.translate(exception.message),
                }
                if exception.column is not None:
                    item["column"] = exception.column
                result.append(item)
            elif name in fields:
                if exception is None:
                    # plone.restapi's own check: null sent for a required field
                    exception = RequiredMissing(name)
                message = describe(fields[name], exception, data.get(name))
                result.append({"field": name, "message": self.translate(message)})
            elif isinstance(exception, Invalid):
                # an invariant about no field in particular
                result.append(
                    {"field": None, "message": self.translate(exception.args[0])}
                )
            else:
                result.append(
                    {"field": name, "message": self.translate(error["message"])}
                )
        return result
