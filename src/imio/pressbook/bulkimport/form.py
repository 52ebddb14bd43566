"""``@@pressbook-import``: the editors' form of the bulk import (issue 11).

Step 1, "Aperçu": the file (CSV, XLSX or JSON) and the optional zip of scans
are POSTed with plone.protect's token; the importer (importer.py, the same
core as the REST service and the command line) runs as a dry run and its
report is shown row by row. Nothing is stored in the site.

The files must reach step 2, "Importer", and a browser cannot send a file
field back from a hidden input. They wait in a temporary directory of the
server (``UploadStore``), under a random token, with the user and the press
section they were sent for and an expiry time (one hour): a token taken by
another user, on another section or too late is refused (400), and the files
are deleted once imported or expired. Kept out of the ZODB, nothing is
half-stored in the site if the editor never confirms. The directory is
zope.conf's ``import-directory`` (``product_config.py``), else one in the
system's temporary directory: instances that share a database must share it
(``make start-zeo`` and ``make start-relstorage`` give them one, beside their
data), or the confirmation sent to another instance asks for the file again.

Step 2 runs the import for real (committing in batches) and shows the
report. While it runs, the importer writes how many rows are done beside the
token's files (``UploadStore.write_progress``), and the page, still showing
the preview, asks ``@@pressbook-import-status`` for it every two seconds and
shows it in a ``<progress>`` bar (without JavaScript, the report simply
comes at the end). The status view only reads that small file: it writes
nothing, and answers 400 for a malformed token and 404 for one unknown to
this user and section.

The report of step 2; the refused rows' CSV is a ``data:`` link of the page, nothing kept
on the server. Bad input (no file, a wrong type, too big, unreadable) answers
400 with a French message naming the field.
"""

from imio.pressbook import _
from imio.pressbook.bulkimport.importer import Importer
from imio.pressbook.bulkimport.importer import ImportRefused
from imio.pressbook.bulkimport.importer import MANAGE_SETTINGS
from imio.pressbook.bulkimport.importer import Options
from imio.pressbook.bulkimport.reader import read_table
from imio.pressbook.bulkimport.reader import UnreadableFile
from imio.pressbook.product_config import settings
from plone import api
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from zope.i18n import translate

import base64
import contextlib
import io
import json
import os
import re
import secrets
import tempfile
import time
import zipfile


MAX_FILE_SIZE = 50 * 1024 * 1024  # the rows: 50 MB
MAX_SCANS_SIZE = 1024 * 1024 * 1024  # the zip of scans: 1 GB
EXPIRY = 3600  # seconds a preview's files wait for the confirmation
EXTENSIONS = ("csv", "xlsx", "json")
TOKEN = re.compile(r"^[A-Za-z0-9_-]{20,64}$")


class BadInput(Exception):
    def __init__(self, field, message):
        super().__init__(message)
        self.field = field
        self.message = message


def store_directory():
    """Where the previews' files wait: zope.conf's ``import-directory``, else
    ``imio.pressbook-import`` in the system's temporary directory."""
    path = settings().get("import-directory") or os.path.join(
        tempfile.gettempdir(), "imio.pressbook-import"
    )
    os.makedirs(path, mode=0o700, exist_ok=True)
    return path


class UploadStore:
    """The files of a preview, on the server's disk, until confirmed."""

    def __init__(self, directory=None):
        self.directory = directory or store_directory()

    def path(self, token, suffix):
        return os.path.join(self.directory, f"{token}.{suffix}")

    def purge(self, now=None):
        now = time.time() if now is None else now
        for name in os.listdir(self.directory):
            if not name.endswith(".json"):
                continue
            token = name[: -len(".json")]
            try:
                with open(self.path(token, "json")) as meta:
                    expires = json.load(meta)["expires"]
            except (OSError, ValueError, KeyError):
                expires = 0
            if expires < now:
                self.delete(token)

    def put(self, user, section_uid, file, scans, add_missing, rows=None):
        self.purge()
        token = secrets.token_urlsafe(24)
        with open(self.path(token, "file"), "wb") as out:
            out.write(file[1])
        if scans:
            with open(self.path(token, "scans"), "wb") as out:
                out.write(scans[1])
        meta = {
            "user": user,
            "section": section_uid,
            "filename": file[0],
            "scans": scans[0] if scans else None,
            "add_missing": add_missing,
            "rows": rows,
            "expires": time.time() + EXPIRY,
        }
        # the metadata last: a token is only valid once its files are there
        with open(self.path(token, "json"), "w") as out:
            json.dump(meta, out)
        return token

    def meta(self, token, user, section_uid):
        """The token's metadata, if it is this user's, for this section, and
        not expired; else None."""
        if not token or not TOKEN.match(token):
            return None
        try:
            with open(self.path(token, "json")) as meta_file:
                meta = json.load(meta_file)
        except (OSError, ValueError):
            return None
        if (
            meta.get("user") != user
            or meta.get("section") != section_uid
            or meta.get("expires", 0) < time.time()
        ):
            return None
        return meta

    def get(self, token, user, section_uid):
        """``(meta, file bytes, scans bytes or None)``, or None."""
        meta = self.meta(token, user, section_uid)
        if meta is None:
            return None
        with open(self.path(token, "file"), "rb") as data:
            file = data.read()
        scans = None
        if meta.get("scans"):
            with open(self.path(token, "scans"), "rb") as data:
                scans = data.read()
        return meta, file, scans

    def write_progress(self, token, done, total):
        """How far the import of ``token`` is (replaced whole: a reader never
        sees half a file)."""
        path = self.path(token, "progress")
        with open(f"{path}.tmp", "w") as out:
            json.dump({"done": done, "total": total}, out)
        os.replace(f"{path}.tmp", path)

    def read_progress(self, token):
        """``{"done", "total"}`` once the import started, else None."""
        try:
            with open(self.path(token, "progress")) as data:
                return json.load(data)
        except (OSError, ValueError):
            return None

    def delete(self, token):
        for suffix in ("json", "file", "scans", "progress", "progress.tmp"):
            with contextlib.suppress(FileNotFoundError):
                os.remove(self.path(token, suffix))


def upload_size(upload):
    upload.seek(0, os.SEEK_END)
    size = upload.tell()
    upload.seek(0)
    return size


class ImportForm(BrowserView):
    template = ViewPageTemplateFile("templates/import_form.pt")

    error = None
    error_field = None
    report = None
    token = None
    rows = None
    filename = None

    def __call__(self):
        self.may_add_missing = bool(
            api.user.has_permission(MANAGE_SETTINGS, obj=api.portal.get())
        )
        if self.request.method != "POST":
            return self.template()
        CheckAuthenticator(self.request)
        try:
            if self.request.form.get("form.buttons.import"):
                self.confirm()
            elif self.request.form.get("form.buttons.preview"):
                self.preview()
        except BadInput as error:
            self.error = error.message
            self.error_field = error.field
            self.request.response.setStatus(400)
        return self.template()

    # -- the steps -----------------------------------------------------------

    def user_id(self):
        return api.user.get_current().getId()

    def section_uid(self):
        return api.content.get_uuid(self.context)

    def preview(self):
        form = self.request.form
        file = self.read_upload("file", MAX_FILE_SIZE, required=True)
        scans = self.read_upload("scans", MAX_SCANS_SIZE, required=False)
        add_missing = bool(form.get("add_missing")) and self.may_add_missing
        self.filename = file[0]
        self.run(file, scans, add_missing, dry_run=True)
        report = self.report
        if report.created or report.updated or report.unchanged:
            store = UploadStore()
            rows = report.created + report.updated + report.unchanged + report.refused
            self.token = store.put(
                self.user_id(), self.section_uid(), file, scans, add_missing, rows
            )
            self.rows = rows
        self.add_missing = add_missing

    def confirm(self):
        store = UploadStore()
        token = self.request.form.get("token")
        found = store.get(token, self.user_id(), self.section_uid())
        if found is None:
            raise BadInput(
                "file",
                _(
                    "The preview has expired or is unknown: choose the file "
                    "(field “File”) again."
                ),
            )
        meta, data, scans_data = found
        file = (meta["filename"], data)
        scans = (meta["scans"], scans_data) if scans_data is not None else None
        self.filename = file[0]
        self.add_missing = bool(meta["add_missing"]) and self.may_add_missing
        rows = meta.get("rows")

        def counter(done):
            store.write_progress(token, done, rows)

        try:
            self.run(file, scans, self.add_missing, dry_run=False, counter=counter)
        finally:
            store.delete(token)

    def read_upload(self, name, limit, required):
        upload = self.request.form.get(name)
        label = self.labels()[name]
        if not hasattr(upload, "read") or not getattr(upload, "filename", ""):
            if required:
                raise BadInput(
                    name,
                    _(
                        "Field “${field}”: choose the file to import "
                        "(CSV, XLSX or JSON).",
                        mapping={"field": label},
                    ),
                )
            return None
        filename = upload.filename.replace("\\", "/").rsplit("/", 1)[-1]
        extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
        if name == "file" and extension not in EXTENSIONS:
            raise BadInput(
                name,
                _(
                    "Field “${field}”: the file must be a CSV, XLSX or JSON "
                    "file (.csv, .xlsx, .json).",
                    mapping={"field": label},
                ),
            )
        if name == "scans" and extension != "zip":
            raise BadInput(
                name,
                _(
                    "Field “${field}”: the scans must come as a zip file.",
                    mapping={"field": label},
                ),
            )
        if upload_size(upload) > limit:
            raise BadInput(
                name,
                _(
                    "Field “${field}”: the file is too big (at most ${size} MB).",
                    mapping={"field": label, "size": limit // (1024 * 1024)},
                ),
            )
        return filename, upload.read()

    def run(self, file, scans, add_missing, dry_run, counter=None):
        labels = self.labels()
        try:
            table = read_table(*file)
        except UnreadableFile as error:
            raise BadInput(
                "file",
                _(
                    "Field “${field}”: ${message}",
                    mapping={
                        "field": labels["file"],
                        "message": self.tr(error.message),
                    },
                ),
            ) from None
        options = Options(
            dry_run=dry_run, add_missing=add_missing, details=True, counter=counter
        )
        if scans:
            try:
                options.scans = zipfile.ZipFile(io.BytesIO(scans[1]))
            except zipfile.BadZipFile:
                raise BadInput(
                    "scans",
                    _(
                        "Field “${field}”: the scans must come as a zip file.",
                        mapping={"field": labels["scans"]},
                    ),
                ) from None
        try:
            self.report = Importer(self.context, self.request, options).run(table)
        except ImportRefused as error:
            raise BadInput(
                error.field,
                _(
                    "Field “${field}”: ${message}",
                    mapping={
                        "field": labels.get(error.field, error.field),
                        "message": self.tr(error.message),
                    },
                ),
            ) from None

    # -- for the template ----------------------------------------------------

    def tr(self, message):
        return translate(message, context=self.request)

    def labels(self):
        return {
            "file": self.tr(_("File")),
            "scans": self.tr(_("Scans (zip)")),
            "add_missing": self.tr(_("Add the unknown outlets, assemblies and themes")),
        }

    def status_title(self, status):
        return self.tr(
            {
                "created": _("import_status_created", default="created"),
                "updated": _("import_status_updated", default="updated"),
                "unchanged": _("import_status_unchanged", default="unchanged"),
                "refused": _("import_status_refused", default="refused"),
            }[status]
        )

    def names(self, added):
        """The names of the outlets, assemblies or themes an import adds."""
        return ", ".join(item["name"] for item in added)

    def refused_csv_href(self):
        data = base64.b64encode(self.report.refused_csv()).decode("ascii")
        return f"data:text/csv;charset=utf-8;base64,{data}"

    def refused_csv_name(self):
        base = (self.filename or "import").rsplit(".", 1)[0]
        return f"{base}-refusees.csv"

    def progress_label(self):
        """The progress sentence, ``{done}`` and ``{total}`` filled in by the
        page's script."""
        return self.tr(
            _(
                "${done} of ${total} rows imported",
                mapping={"done": "{done}", "total": "{total}"},
            )
        )

    def status_url(self):
        return (
            f"{self.context.absolute_url()}/@@pressbook-import-status"
            f"?token={self.token}"
        )

    def authenticator(self):
        return self.context.restrictedTraverse("@@authenticator").token()


class ImportStatus(BrowserView):
    """``@@pressbook-import-status?token=...``: how far the import the
    token's confirmation started is, as JSON ``{"done", "total"}`` (``done``
    0 before the first rows). Reads a small file: writes nothing."""

    def __call__(self):
        response = self.request.response
        response.setHeader("Content-Type", "application/json; charset=utf-8")
        response.setHeader("Cache-Control", "no-store")
        token = self.request.form.get("token")
        if not isinstance(token, str) or not TOKEN.match(token):
            return self.error(
                400,
                _("Parameter “token”: give the token of the preview being imported."),
            )
        store = UploadStore()
        meta = store.meta(
            token, api.user.get_current().getId(), api.content.get_uuid(self.context)
        )
        if meta is None:
            return self.error(
                404,
                _(
                    "Parameter “token”: no import under way for this token "
                    "(finished, expired or unknown)."
                ),
            )
        progress = store.read_progress(token) or {"done": 0, "total": meta["rows"]}
        return json.dumps(progress)

    def error(self, status, message):
        self.request.response.setStatus(status)
        return json.dumps(
            {"error": translate(message, context=self.request), "field": "token"}
        )
