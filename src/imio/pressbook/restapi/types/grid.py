"""``@types``: the JSON schema of a grid field (``answers``) that a client can
build a form from.

plone.restapi describes a datagrid row (a ``DictRow``, an ``Object`` field)
with its ``ObjectJsonSchemaProvider``: ``factory`` says "File", and nothing
says which columns are required. Here a row says ``factory`` "Row", lists its
required columns (``required``) and its columns as one fieldset (the shape of
the schema Volto's ``object_list`` widget takes); each column keeps
plone.restapi's own description (a Choice column links its vocabulary). The
grid itself keeps plone.restapi's description, with the widget hint given in
the schema (``frontendOptions``, under ``widgetOptions``) and, for Volto's
``object_list`` widget, the row schema as ``widgetProps.schema``.
"""

from collective.z3cform.datagridfield.interfaces import IRow
from imio.pressbook.interfaces import IImioPressbookLayer
from plone.restapi.types.adapters import ListJsonSchemaProvider
from plone.restapi.types.adapters import ObjectJsonSchemaProvider
from plone.restapi.types.interfaces import IJsonSchemaProvider
from zope.component import adapter
from zope.interface import implementer
from zope.interface import Interface
from zope.schema import getFieldsInOrder
from zope.schema.interfaces import IList

import copy


@adapter(IRow, Interface, IImioPressbookLayer)
@implementer(IJsonSchemaProvider)
class RowJsonSchemaProvider(ObjectJsonSchemaProvider):
    """A row of a grid: its columns, which are required, one fieldset."""

    def get_factory(self):
        return "Row"

    def additional(self):
        info = super().additional()
        columns = [
            (name, column)
            for name, column in getFieldsInOrder(self.field.schema)
            if not column.readonly
        ]
        info["fieldsets"] = [
            {
                "id": "default",
                "title": "Default",
                "fields": [name for name, column in columns],
            }
        ]
        info["required"] = [name for name, column in columns if column.required]
        return info


@adapter(IList, Interface, IImioPressbookLayer)
@implementer(IJsonSchemaProvider)
class GridJsonSchemaProvider(ListJsonSchemaProvider):
    """A list of rows: plone.restapi's list, and the row schema for the
    widget named in the field's ``frontendOptions``; any other list as
    plone.restapi describes it."""

    def get_schema(self):
        schema = super().get_schema()
        if not IRow.providedBy(self.field.value_type):
            return schema
        options = schema.get("widgetOptions", {}).get("frontendOptions")
        if options is not None:
            options = copy.deepcopy(options)
            row = schema["items"]
            props = options.setdefault("widgetProps", {})
            props["schema"] = {
                "title": row["title"],
                "fieldsets": row["fieldsets"],
                "properties": row["properties"],
                "required": row["required"],
            }
            schema["widgetOptions"] = dict(
                schema["widgetOptions"], frontendOptions=options
            )
        return schema
