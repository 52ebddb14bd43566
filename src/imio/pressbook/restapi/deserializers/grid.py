"""REST deserialization of grid fields (``answers``), row by row.

collective.z3cform.datagridfield's row deserializer drops unknown keys, skips
the deserialization of some columns and reports a bad row as a Python repr of
the whole field. This one checks each row column by column, with plone.restapi's
own field deserializers, and raises ``GridInvalid`` naming row and column.
A row's ``@id`` (Volto's object-list widget sends one per row, to tell its
rows apart) is accepted and not stored; other unknown columns are refused.
"""

from collective.z3cform.datagridfield.interfaces import IRow
from imio.pressbook import _
from imio.pressbook.content.parliamentary_question import IParliamentaryQuestion
from imio.pressbook.interfaces import IImioPressbookLayer
from imio.pressbook.restapi.errors import describe
from imio.pressbook.restapi.errors import GridInvalid
from plone.restapi.deserializer.dxfields import CollectionFieldDeserializer
from plone.restapi.interfaces import IFieldDeserializer
from zope.component import adapter
from zope.component import getMultiAdapter
from zope.interface import implementer
from zope.schema import getFieldsInOrder
from zope.schema.interfaces import IBool
from zope.schema.interfaces import IList
from zope.schema.interfaces import RequiredMissing
from zope.schema.interfaces import ValidationError
from zope.schema.interfaces import WrongType


# keys of a row that are not columns, sent by clients for their own use
IGNORED_KEYS = frozenset({"@id"})


@implementer(IFieldDeserializer)
@adapter(IList, IParliamentaryQuestion, IImioPressbookLayer)
class GridFieldDeserializer(CollectionFieldDeserializer):
    """A list of rows (``DictRow``); any other list as plone.restapi does."""

    def __call__(self, value):
        if not IRow.providedBy(self.field.value_type):
            return super().__call__(value)
        if not isinstance(value, list):
            raise GridInvalid(
                [(None, None, _("Expected a list of rows (JSON objects)."))]
            )
        rows = []
        errors = []
        for number, row in enumerate(value, start=1):
            if not isinstance(row, dict):
                errors.append((number, None, _("Each row must be a JSON object.")))
                continue
            rows.append(self.deserialize_row(number, row, errors))
        if errors:
            raise GridInvalid(errors)
        # the row field's own checks (all columns present), and min/max length
        self.field.validate(rows)
        return rows

    def deserialize_row(self, number, row, errors):
        columns = getFieldsInOrder(self.field.value_type.schema)
        names = {name for name, column in columns}
        for key in row:
            if key not in names and key not in IGNORED_KEYS:
                errors.append(
                    (
                        number,
                        key,
                        _(
                            "Unknown column ${column}; the columns are: ${columns}.",
                            mapping={
                                "column": key,
                                "columns": ", ".join(name for name, column in columns),
                            },
                        ),
                    )
                )
        result = {}
        for name, column in columns:
            if column.readonly:
                continue
            raw = row.get(name)
            if raw is None:
                if column.required and column.default is None:
                    errors.append(
                        (number, name, describe(column, RequiredMissing(name), raw))
                    )
                # a missing required column with a default takes it, as in the form
                result[name] = (
                    column.default if column.required else column.missing_value
                )
                continue
            if isinstance(raw, bool) and not IBool.providedBy(column):
                # plone.restapi's would take true for 1 in a number column
                error = WrongType(raw, column._type, name)
                errors.append((number, name, describe(column, error, raw)))
                continue
            # the content item as context: the datagrid's IRow-context
            # deserializers skip some columns (Datetime)
            deserializer = getMultiAdapter(
                (column, self.context, self.request), IFieldDeserializer
            )
            try:
                result[name] = deserializer(raw)
            except (ValueError, TypeError, LookupError, ValidationError) as error:
                errors.append((number, name, describe(column, error, raw)))
        return result
