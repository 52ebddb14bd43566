"""plone.restapi's field deserializers, made to refuse JSON of the wrong type.

Given a list or a number, plone.restapi's deserializers for Choice, RichText,
Datetime (``effective``, ``expires``) and file fields fail with a TypeError or
an OverflowError (a 500); given ``true``, its Int deserializer stores it as 1.
These check the JSON type first and raise ``WrongType`` (a 400 naming the
field), then do what plone.restapi does.
"""

from imio.pressbook.restapi.errors import describe
from plone.exportimport.deserializers.blob import ExportImportNamedFieldDeserializer
from plone.exportimport.interfaces import IExportImportRequestMarker
from plone.restapi.deserializer import dxfields
from plone.restapi.services.content.tus import TUSUpload
from zope.schema.interfaces import ConstraintNotSatisfied
from zope.schema.interfaces import WrongType

import codecs


SCALARS = (str, int, float, bool)


def _check(field, value, valid):
    if not valid:
        raise WrongType(value, str, field.__name__)


def _valid_upload(value):
    """A dict of strings with a known encoding (and a filename, if any)."""
    if not all(
        isinstance(value.get(key, ""), str)
        for key in ("data", "content-type", "encoding")
    ):
        return False
    if not isinstance(value.get("filename"), (str, type(None))):
        return False
    try:
        codecs.lookup(value.get("encoding", "utf-8"))
    except LookupError:
        return False
    return True


class NotInVocabulary(ConstraintNotSatisfied):
    """A token the field's vocabulary does not hold; ``doc()`` names it."""

    def __init__(self, field, token):
        super().__init__(token, field.__name__)
        self.message = describe(field, self, token)

    def doc(self):
        return self.message


class ChoiceFieldDeserializer(dxfields.ChoiceFieldDeserializer):
    """A token, or ``{"token": ...}`` as plone.restapi serializes it.

    Also the items of a list of choices (``themes``). collective.taxonomy's
    vocabularies raise a KeyError for an unknown token instead of answering
    ``False`` to ``in`` (a 500): refused here as zope.schema would.
    """

    def __call__(self, value):
        token = value.get("token") if isinstance(value, dict) else value
        _check(self.field, value, isinstance(token, SCALARS))
        try:
            return super().__call__(value)
        except LookupError:
            raise NotInVocabulary(self.field, token) from None


class RichTextFieldDeserializer(dxfields.RichTextFieldDeserializer):
    """HTML text, or ``{"data": ..., "content-type": ..., "encoding": ...}``."""

    def __call__(self, value):
        if isinstance(value, dict):
            valid = "data" in value and _valid_upload(value)
        else:
            valid = isinstance(value, (str, TUSUpload))
        _check(self.field, value, valid)
        return super().__call__(value)


class NamedFieldDeserializer(dxfields.NamedFieldDeserializer):
    """``{"data": ..., "encoding": "base64", "filename": ..., "content-type": ...}``.

    In a ``plone-importer`` run, plone.exportimport's: the file is read from
    the export (``blob_path``).
    """

    def __call__(self, value):
        if IExportImportRequestMarker.providedBy(self.request):
            # plone.exportimport's own files (an import, the demo content)
            return ExportImportNamedFieldDeserializer(
                self.field, self.context, self.request
            )(value)
        if isinstance(value, dict):
            valid = _valid_upload(value)
        else:
            valid = isinstance(value, (str, TUSUpload))
        _check(self.field, value, valid)
        return super().__call__(value)


class DatetimeFieldDeserializer(dxfields.DatetimeFieldDeserializer):
    """An ISO 8601 string (``2026-02-01`` or ``2026-02-01T09:30:00+01:00``)."""

    def __call__(self, value):
        _check(self.field, value, value is None or isinstance(value, str))
        try:
            return super().__call__(value)
        except OverflowError:
            # a year dateutil reads but datetime cannot hold
            raise ValueError(value) from None


class IntFieldDeserializer(dxfields.DefaultFieldDeserializer):
    """A whole number, or a string of one; not ``true`` (a bool is an int)."""

    def __call__(self, value):
        _check(self.field, value, not isinstance(value, bool))
        return super().__call__(value)
