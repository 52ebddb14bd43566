r"""POST ``@pressbook-import``: bulk import into a press section (a dry run by default).

For those who may edit the press section (others get plone.restapi's 401),
authenticated by a header (Basic, or the Bearer token of ``@login``); with
the login cookie only, the ``_authenticator`` token of plone.protect is
required too (a 403 without it).
The file comes as ``multipart/form-data`` (what a browser or ``curl -F``
sends)::

    curl -u admin -H "Accept: application/json" \
         -F file=@revue.xlsx -F scans=@scans.zip -F dry_run=false \
         https://site/presse/@pressbook-import

or as a JSON body, the files in base64 as plone.restapi takes files::

    {"file": {"filename": "revue.csv", "data": "<base64>"},
     "scans": {"filename": "scans.zip", "data": "<base64>"},
     "dry_run": false, "batch_size": 500, "add_missing": false, "start_row": 0}

``dry_run`` is true unless sent as ``false``: the answer is then the report of
what the import would do, and nothing is stored. The answer (200) is the
report (bulkimport/importer.py)::

    {"dry_run": true, "created": 12, "updated": 3, "unchanged": 40,
     "refused": 2, "skipped": 0, "last_committed_row": null,
     "added": {"outlets": [], "assemblies": [], "themes": []},
     "unknown_columns": [],
     "rows": [{"row": 2, "status": "created", "portal_type": "...",
               "title": "...", "url": "...", "messages": []}, ...],
     "refused_csv": "<the refused rows as CSV, an erreur column added>"}

A bad option or a file that cannot be read is a 400 naming it (``file``,
``scans``, ``dry_run``, ``batch_size``, ``start_row``, ``add_missing``), in
the shape of the add-on's other 400s; a refused row is not an error of the
request: it is in the report.
"""

from imio.pressbook import _
from imio.pressbook.bulkimport.importer import Importer
from imio.pressbook.bulkimport.importer import ImportRefused
from imio.pressbook.bulkimport.importer import Options
from imio.pressbook.bulkimport.reader import read_table
from imio.pressbook.bulkimport.reader import UnreadableFile
from imio.pressbook.restapi.deserializers.body import read_json_object
from imio.pressbook.restapi.errors import ValidationFailed
from plone.protect.authenticator import check as check_authenticator
from plone.protect.interfaces import IDisableCSRFProtection
from plone.restapi.services import Service
from zope.i18n import translate
from zope.interface import alsoProvides

import base64
import binascii
import io
import zipfile


TRUE = ("true", "1", "yes", "on", "oui")
FALSE = ("false", "0", "no", "off", "non")


class PressBookImportPost(Service):
    def errors(self, errors):
        return ValidationFailed(
            [
                {"field": name, "message": translate(message, context=self.request)}
                for name, message in errors
            ],
            self.request,
        )

    def params(self):
        """The options and files, from a multipart form or a JSON body."""
        content_type = (self.request.getHeader("Content-Type") or "").lower()
        if content_type.startswith("multipart/form-data"):
            form = self.request.form
            params = {key: form.get(key) for key in form}
            for key in ("file", "scans"):
                upload = form.get(key)
                if hasattr(upload, "read"):
                    params[key] = (getattr(upload, "filename", "") or "", upload.read())
            return params
        params = read_json_object(self.request)
        for key in ("file", "scans"):
            value = params.get(key)
            if value is None:
                continue
            if not isinstance(value, dict) or not isinstance(value.get("data"), str):
                params[key] = ValueError
                continue
            try:
                data = base64.b64decode(value["data"], validate=True)
            except (binascii.Error, ValueError):
                params[key] = ValueError
                continue
            params[key] = (str(value.get("filename") or ""), data)
        return params

    def options(self, params):
        errors = []

        def flag(name, default):
            value = params.get(name)
            if value is None or value == "":
                return default
            if isinstance(value, bool):
                return value
            if str(value).lower() in TRUE:
                return True
            if str(value).lower() in FALSE:
                return False
            errors.append((name, _("Expected true or false.")))
            return default

        def number(name, default, least):
            value = params.get(name)
            if value is None or value == "":
                return default
            if isinstance(value, bool) or not str(value).strip().isdigit():
                errors.append(
                    (
                        name,
                        _(
                            "Expected a whole number of at least ${min}.",
                            mapping={"min": least},
                        ),
                    )
                )
                return default
            value = int(value)
            if value < least:
                errors.append(
                    (
                        name,
                        _(
                            "Expected a whole number of at least ${min}.",
                            mapping={"min": least},
                        ),
                    )
                )
            return value

        options = Options(
            dry_run=flag("dry_run", True),
            add_missing=flag("add_missing", False),
            batch_size=number("batch_size", 500, 1),
            start_row=number("start_row", 0, 0),
        )
        file = params.get("file")
        if file is None:
            errors.append(("file", _("Send the file to import (CSV, XLSX or JSON).")))
        elif file is ValueError:
            errors.append(
                (
                    "file",
                    _("Expected an object with filename and data (in base64)."),
                )
            )
        scans = params.get("scans")
        if scans is ValueError:
            errors.append(
                (
                    "scans",
                    _("Expected an object with filename and data (in base64)."),
                )
            )
        elif scans:
            try:
                options.scans = zipfile.ZipFile(io.BytesIO(scans[1]))
            except zipfile.BadZipFile:
                errors.append(("scans", _("The scans must come as a zip file.")))
        if errors:
            raise self.errors(errors)
        return options, file

    def reply(self):
        # The import commits batch by batch, before plone.protect's check at
        # the end of the request: the check is made first. A client that
        # authenticates with a header (Basic, a JWT's Bearer) is not a forged
        # cross-site request (as plone.restapi's own writes); one that relies
        # on the login cookie sends the form's _authenticator token.
        # (Zope moves the Authorization header out of the environment into
        # ``_auth``, where PAS and plone.restapi's JWT plugin read it)
        if getattr(self.request, "_auth", None):
            alsoProvides(self.request, IDisableCSRFProtection)
        else:
            check_authenticator(self.request)
        options, (filename, data) = self.options(self.params())
        try:
            table = read_table(filename, data)
        except UnreadableFile as error:
            raise self.errors([("file", error.message)]) from None
        try:
            report = Importer(self.context, self.request, options).run(table)
        except ImportRefused as error:
            raise self.errors([(error.field, error.message)]) from None
        result = report.as_dict()
        if report.refused:
            result["refused_csv"] = report.refused_csv().decode("utf-8")
        return result
