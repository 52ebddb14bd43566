"""POST on a press section or the site root: bad bodies get a 400, not a 500.

plone.restapi's ``FolderPost`` reads the body and the keys it needs before any
deserializer runs: malformed JSON, a body that is not an object or a ``@type``
that is not a string make it fail with a 500; an unknown ``@type`` is a 403, an
id it cannot use a 400 in English without the field. ``PressFolderPost``
checks these first and answers with ``ValidationFailed`` (restapi/errors.py),
in the language of the request; then plone.restapi's service does the rest.

Registered on the add-on's browser layer for press sections, and for the site
root, where press sections are created. There the checks turn what would be a
500 (or a 403 for a type that does not exist or is not allowed) into a 400 for
any type, and a body sent with another Content-Type than JSON is refused for
the add-on's types only (plone.restapi reads any body as JSON).
"""

from imio.pressbook import _
from imio.pressbook.content.ids import is_given_id
from imio.pressbook.content.press_book import IPressBook
from imio.pressbook.restapi.deserializers.body import check_content_type
from imio.pressbook.restapi.deserializers.body import read_json_object
from imio.pressbook.restapi.errors import shown
from imio.pressbook.restapi.errors import ValidationFailed
from OFS.ObjectManager import checkValidId
from plone import api
from plone.restapi.services.content.add import FolderPost
from zExceptions import BadRequest
from zope.i18n import translate


PRESS_TYPES = (
    "imio.pressbook.PressBook",
    "imio.pressbook.PressArticle",
    "imio.pressbook.ParliamentaryQuestion",
)


class PressFolderPost(FolderPost):
    """plone.restapi's POST, after checking ``@type``, ``id`` and ``UID``."""

    def reply(self):
        ours = IPressBook.providedBy(self.context)
        data = read_json_object(self.request, content_type=ours)
        if not ours and data.get("@type") in PRESS_TYPES:
            check_content_type(self.request)
        errors = self.check(data)
        if errors:
            raise ValidationFailed(
                [
                    {
                        "field": field,
                        "message": translate(message, context=self.request),
                    }
                    for field, message in errors
                ],
                self.request,
            )
        return super().reply()

    def check(self, data):
        """``(field, message)`` for each key plone.restapi would choke on."""
        errors = []
        if "@type" in data:
            message = self.check_type(data["@type"])
            if message is not None:
                errors.append(("@type", message))
        if data.get("id") not in (None, ""):
            message = self.check_id(data["id"])
            if message is not None:
                errors.append(("id", message))
        if "UID" in data and not isinstance(data["UID"], str):
            errors.append(("UID", _("This value has the wrong type.")))
        return errors

    def check_type(self, type_):
        """Why ``type_`` cannot be created here, or None.

        A type the user may not add stays plone.restapi's 403.
        """
        if not isinstance(type_, str):
            return _(
                "Expected the name of a content type, such as ${example}.",
                mapping={"example": "imio.pressbook.PressArticle"},
            )
        if not type_:
            # plone.restapi's 400: '@type' is required
            return None
        types = api.portal.get_tool("portal_types")
        fti = types.getTypeInfo(type_)
        if fti is None:
            return _("Unknown content type ${value}.", mapping={"value": shown(type_)})
        if not fti.isConstructionAllowed(self.context):
            return None
        allowed = [info.getId() for info in self.context.allowedContentTypes()]
        if type_ not in allowed:
            return _(
                "${value} cannot be added here; the types allowed here are: ${types}.",
                mapping={"value": shown(type_), "types": ", ".join(allowed)},
            )
        return None

    def check_id(self, id_):
        if not isinstance(id_, str):
            return _("This value has the wrong type.")
        if id_ in self.context:
            return _("This id is already used here.")
        try:
            if not is_given_id(id_):
                raise BadRequest(id_)
            checkValidId(self.context, id_)
        except BadRequest:
            return _(
                "${value} cannot be used as an id: use letters, digits, - and _ "
                "only, and not a name Plone keeps for itself.",
                mapping={"value": shown(id_)},
            )
        return None
