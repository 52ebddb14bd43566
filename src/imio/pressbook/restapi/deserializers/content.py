"""REST deserialization of press sections, articles and parliamentary questions.

plone.restapi's deserializer, with errors a client can use: it raises
``ValidationFailed`` (a 400 listing field, row, column and a translated message)
instead of a ``BadRequest`` holding the repr of a list. The checks themselves
are the schema's (constraints, invariants), shared with the add/edit forms.
"""

from imio.pressbook import _
from imio.pressbook.content.ids import names_something
from imio.pressbook.content.ids import unnamed_message
from imio.pressbook.content.validators import RowInvalid
from imio.pressbook.restapi.deserializers.body import read_json_object
from imio.pressbook.restapi.errors import describe
from imio.pressbook.restapi.errors import GridInvalid
from imio.pressbook.restapi.errors import shown
from imio.pressbook.restapi.errors import ValidationFailed
from plone import api
from plone.app.dexterity.behaviors.metadata import EffectiveAfterExpires
from plone.dexterity.utils import iterSchemata
from plone.restapi.deserializer.dxcontent import DeserializeFromJson
from plone.restapi.interfaces import IDeserializeFromJson
from Products.CMFCore.interfaces import IFolderish
from zExceptions import BadRequest
from zope.i18n import translate
from zope.interface import implementer
from zope.interface import Invalid
from zope.schema import getFields
from zope.schema.interfaces import RequiredMissing


SORT_ORDERS = ("ascending", "descending", "reverse")


@implementer(IDeserializeFromJson)
class ReportingDeserializeFromJson(DeserializeFromJson):
    """plone.restapi's deserializer, reporting errors by field (and row).

    Registered (configure.zcml) for the add-on's content (press sections,
    articles, questions) on its browser layer; the ``answers`` grid goes
    through grid.py, the body is read by body.py.
    """

    def __call__(
        self, validate_all=False, data=None, create=False, mask_validation_errors=True
    ):
        if data is None:
            data = read_json_object(self.request)
        refused = self.check_other_keys(data, create)
        # what plone.restapi would choke on is reported, not passed on to it
        checked = {key: value for key, value in data.items() if key not in refused}
        errors = list(refused.values())
        result = None
        try:
            result = super().__call__(
                validate_all=validate_all,
                data=checked,
                create=create,
                mask_validation_errors=False,
            )
        except BadRequest as error:
            if not error.args or not isinstance(error.args[0], list):
                raise
            errors.extend(self.structured(error.args[0], data))
        if errors:
            # the transaction is aborted: nothing super() set is stored
            raise ValidationFailed(errors, self.request) from None
        return result

    def error(self, field, message):
        return {"field": field, "message": self.translate(message)}

    def check_other_keys(self, data, create):
        """Errors in the keys plone.restapi reads besides the fields, by key.

        ``@type`` cannot change (the POST service checks it on creation);
        a new ``id`` holds a letter or a digit (the POST service checks it on
        creation);
        ``layout`` must be one of the type's views (``setLayout`` would store
        any string and break the item's page); ``ordering`` and ``sort``
        must be objects of the shape plone.restapi reads, naming items of the
        folder and a sortable index (plone.folder and ZCatalog fail on others).
        """
        errors = {}
        portal_type = self.context.portal_type
        if not create and "@type" in data and data["@type"] != portal_type:
            errors["@type"] = self.error(
                "@type",
                _(
                    "The type of an item cannot be changed: it is ${type}.",
                    mapping={"type": portal_type},
                ),
            )
        new_id = data.get("id")
        if not create and isinstance(new_id, str) and not names_something(new_id):
            # plone.shortname would rename the item "-1"
            errors["id"] = self.error("id", unnamed_message(shown(new_id)))
        if "layout" in data:
            layouts = [name for name, title in self.context.getAvailableLayouts()]
            if data["layout"] not in layouts:
                errors["layout"] = self.error(
                    "layout",
                    _(
                        "${value} is not one of the allowed values.",
                        mapping={"value": shown(data["layout"])},
                    ),
                )
        if not IFolderish.providedBy(self.context):
            for key in ("ordering", "sort"):
                if key in data:
                    errors[key] = self.error(
                        key, _("This item holds no items to put in order.")
                    )
            return errors
        if "ordering" in data and not self.valid_ordering(data["ordering"]):
            errors["ordering"] = self.error(
                "ordering",
                _(
                    "Expected an object with obj_id (the id of an item here) "
                    "and delta (top, bottom or a whole number)."
                ),
            )
        if "sort" in data and not self.valid_sort(data["sort"]):
            errors["sort"] = self.error(
                "sort",
                _(
                    "Expected an object with on (the name of a sortable index) "
                    "and order (ascending or descending)."
                ),
            )
        return errors

    def valid_sort(self, sort):
        """``{"on": a sortable catalog index, "order": ...}``."""
        if not isinstance(sort, dict) or sort.get("order") not in SORT_ORDERS:
            return False
        catalog = api.portal.get_tool("portal_catalog")
        on = sort.get("on")
        if not isinstance(on, str) or on not in catalog.indexes():
            return False
        # what ZCatalog asks of a sort index
        return hasattr(catalog.Indexes[on], "documentToKeyMap")

    def valid_ordering(self, ordering):
        """``{"obj_id", "delta", "subset_ids"}`` naming items of the folder."""
        if not isinstance(ordering, dict) or not isinstance(
            ordering.get("obj_id"), str
        ):
            return False
        subset_ids = ordering.get("subset_ids") or []
        if not isinstance(subset_ids, list):
            return False
        # plone.folder fails on an id it does not hold (a 500)
        for item in [ordering["obj_id"], *subset_ids]:
            if not isinstance(item, str) or item not in self.context:
                return False
        delta = ordering.get("delta")
        if delta in ("top", "bottom"):
            return True
        if isinstance(delta, bool):
            return False
        try:
            int(delta)
        except (TypeError, ValueError):
            return False
        return True

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
            elif isinstance(exception, EffectiveAfterExpires):
                # plone.publication's invariant: the later date is at fault
                result.append(
                    {"field": "expires", "message": self.translate(exception.args[0])}
                )
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
