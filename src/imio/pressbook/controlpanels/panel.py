"""The "Presse" control panel (``@@pressbook-controlpanel``): two searchable
tables, the outlets and the assemblies, each row edited in its own small form.

- the tables are filtered by a GET form (``search_outlets``,
  ``search_assemblies``): no JavaScript needed, every state is a URL;
- ``@@pressbook-outlet-add``, ``@@pressbook-outlet-edit?token=...``,
  ``@@pressbook-outlet-delete?token=...`` and the same for assemblies: z3c.form
  forms of one row (Plone's own widgets, labels and messages) and a delete
  confirmation; every save reads the stored rows again, changes one row and
  follows the rules of rules.py (the token kept, the "still used by N items"
  refusal), as ``@controlpanels/pressbook`` does;
- the POSTs ask for plone.protect's authenticator (a 403 without it); bad
  input answers 400 with the form, its errors beside the fields and a message
  naming them;
- ``@@pressbook-outlet-logo/<token>``: the outlet's logo, public, cacheable.

The one-page datagrid form of before is gone (hundreds of inputs, seconds to
save): the registry records and ``@controlpanels/pressbook`` (which is
described by ``IPressSettings``) are unchanged.
"""

from email.utils import formatdate
from imio.pressbook import _
from imio.pressbook.controlpanels import logos
from imio.pressbook.controlpanels.rules import LISTS
from imio.pressbook.controlpanels.rules import prepare_rows
from imio.pressbook.controlpanels.rules import RowsRefused
from imio.pressbook.controlpanels.rules import stored
from imio.pressbook.controlpanels.rules import usage
from imio.pressbook.controlpanels.settings import IAssemblyRow
from imio.pressbook.controlpanels.settings import IOutletRow
from imio.pressbook.controlpanels.settings import IPressSettings
from imio.pressbook.controlpanels.settings import LANGUAGES
from imio.pressbook.controlpanels.settings import PREFIX
from imio.pressbook.vocabularies.outlet_kinds import OUTLET_KINDS
from plone.app.registry.browser.controlpanel import ControlPanelFormWrapper
from plone.autoform import directives
from plone.autoform.form import AutoExtensibleForm
from plone.formwidget.namedfile.utils import is_file_upload
from plone.formwidget.namedfile.widget import NamedImageWidget
from plone.namedfile.field import NamedBlobImage
from plone.namedfile.interfaces import INamedImage
from plone.namedfile.utils import stream_data
from plone.protect import CheckAuthenticator
from plone.registry.interfaces import IRegistry
from plone.z3cform import layout
from Products.CMFCore.utils import getToolByName
from Products.CMFPlone.controlpanel.browser import prefsmaintemplate
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from Products.statusmessages.interfaces import IStatusMessage
from urllib.parse import urlencode
from urllib.parse import urlparse
from z3c.form import button
from z3c.form import form
from z3c.form.interfaces import IFieldWidget
from z3c.form.interfaces import NOT_CHANGED
from z3c.form.interfaces import NOVALUE
from z3c.form.widget import FieldWidget
from zExceptions import NotFound
from zope.component import getUtility
from zope.i18n import translate
from zope.interface import implementer
from zope.publisher.interfaces import IPublishTraverse

import os
import unicodedata


PANEL = "@@pressbook-controlpanel"
# Plone's control panel layout, compiled once: ``@@prefs_main_template``
# compiles it again on every use (a new template object per ``macros``
# access), some 100 ms per page on a quiet machine, the better part of
# a second on a busy one.
PREFS_MAIN_TEMPLATE = ViewPageTemplateFile(
    "prefsmaintemplate.pt", _prefix=os.path.dirname(prefsmaintemplate.__file__)
)
SEARCH = {"outlets": "search_outlets", "assemblies": "search_assemblies"}
VIEWS = {"outlets": "pressbook-outlet", "assemblies": "pressbook-assembly"}
ANCHORS = {"outlets": "pressbook-outlets", "assemblies": "pressbook-assemblies"}


def folded(text):
    """``text`` without case nor accents: "Télé" and "tele" match."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def usage_counts(context, name):
    """{token: number of items using it}, from the catalog index in one read
    (every item, whatever its state: the rule of rules.usage)."""
    catalog = getToolByName(context, "portal_catalog")
    index = catalog.Indexes[LISTS[name].index]
    return dict(index.uniqueValues(withLengths=True))


def panel_url(context, name=None):
    url = f"{context.absolute_url()}/{PANEL}"
    return f"{url}#{ANCHORS[name]}" if name else url


def row_url(context, name, action, token=None):
    """The address of a row's form; relative to the site without ``context``."""
    url = f"@@{VIEWS[name]}-{action}"
    if context is not None:
        url = f"{context.absolute_url()}/{url}"
    return f"{url}?{urlencode({'token': token})}" if token else url


class PrefsLayout:
    """The macros of Plone's control panel pages, compiled once."""

    @property
    def prefs_macros(self):
        return PREFS_MAIN_TEMPLATE.macros


class PressPanelView(PrefsLayout, BrowserView):
    """The two tables, filtered by the GET parameters."""

    index = ViewPageTemplateFile("templates/panel.pt")

    def __call__(self):
        return self.index()

    def translate(self, message):
        return translate(message, context=self.request)

    @property
    def portal_url(self):
        return self.context.absolute_url()

    @property
    def edit_label(self):
        return self.translate(_("Edit"))

    @property
    def delete_label(self):
        return self.translate(_("Delete"))

    def search(self, name):
        value = self.request.form.get(SEARCH[name], "")
        return value.strip() if isinstance(value, str) else ""

    def other_searches(self, name):
        """Hidden inputs keeping the other table's search."""
        return [
            {"name": SEARCH[other], "value": self.search(other)}
            for other in SEARCH
            if other != name and self.search(other)
        ]

    def _rows(self, name, describe):
        rows = stored(name, self.context)
        counts = usage_counts(self.context, name)
        query = folded(self.search(name))
        shown = []
        for row in rows:
            item = describe(row)
            item.update(
                token=row["token"],
                name=row["name"] or row["token"],
                usage=counts.get(row["token"], 0),
                edit_url=row_url(None, name, "edit", row["token"]),
                delete_url=row_url(None, name, "delete", row["token"]),
                anchor=f"{VIEWS[name]}-{row['token']}",
            )
            item["search_text"] = folded(" ".join(item["searched"]))
            if query and query not in item["search_text"]:
                continue
            shown.append(item)
        return {
            "rows": shown,
            "total": len(rows),
            "query": self.search(name),
            "add_url": row_url(self.context, name, "add"),
        }

    def outlets(self):
        kinds = {token: self.translate(title) for token, title in OUTLET_KINDS}
        languages = {term.value: self.translate(term.title) for term in LANGUAGES}
        with_logo = logos.tokens_with_logo(self.context)

        def describe(row):
            kind = kinds.get(row.get("kind"), "")
            website = row.get("website") or ""
            found = (
                logos.logo(self.context, row["token"])
                if row["token"] in with_logo
                else None
            )
            return {
                "kind": kind,
                "language": languages.get(row.get("language"), ""),
                "website": website,
                "website_host": urlparse(website).netloc or website,
                "logo": found,
                "logo_box": self.logo_box(found) if found else None,
                "searched": (row["name"] or "", row["token"], kind, website),
            }

        return self._rows("outlets", describe)

    def assemblies(self):
        def describe(row):
            return {
                "short_name": row.get("short_name") or "",
                "website": row.get("website") or "",
                "answer_deadline": row.get("answer_deadline"),
                "searched": (
                    row["name"] or "",
                    row["token"],
                    row.get("short_name") or "",
                ),
            }

        return self._rows("assemblies", describe)

    def logo_box(self, logo, height=32, max_width=96):
        """width, height of ``logo`` shown at most ``height`` high and
        ``max_width`` wide, its proportions kept."""
        scale = min(height / logo.height, max_width / logo.width, 1)
        return round(logo.width * scale) or 1, round(logo.height * scale) or 1


# one row's forms


def check_logo(value):
    if INamedImage.providedBy(value):
        logos.check_image(value.data)
    return True


class LogoWidget(NamedImageWidget):
    """Plone's image widget (keep / remove / replace) with a labelled file
    input, showing the stored logo from its public address (the form's
    content is a row, not a content item). A file chosen replaces the logo:
    no radio button to tick first, no JavaScript."""

    input_template = ViewPageTemplateFile("templates/logo_input.pt")

    def render(self):
        if self.mode == "input":
            return self.input_template(self)
        return super().render()

    @property
    def download_url(self):
        token = getattr(self.form, "token", None)
        return logos.logo_url(self.form.context, token) if token else None

    @property
    def current_alt(self):
        return translate(_("Current logo"), context=self.request)

    def extract(self, default=NOVALUE):
        upload = self.request.get(self.name)
        if is_file_upload(upload) and getattr(upload, "filename", None):
            self.request.form[f"{self.name}.action"] = "replace"
        return super().extract(default)


@implementer(IFieldWidget)
def LogoFieldWidget(field, request):
    return FieldWidget(field, LogoWidget(request))


class IOutletForm(IOutletRow):
    """An outlet in its own form: the row, and its logo (stored apart)."""

    logo = NamedBlobImage(
        title=_("Logo"),
        description=_(
            "Optional. PNG, JPEG, GIF or WebP, 1 MB at most; shown in the "
            "tables and listings beside the outlet's name."
        ),
        required=False,
        constraint=check_logo,
    )
    directives.widget("logo", LogoFieldWidget)


class RowForm(AutoExtensibleForm, form.Form):
    """One row of list ``name``: added when there is no ``token``."""

    list_name = None  # "outlets" or "assemblies"
    schema = None
    adding = False
    ignoreContext = False
    # the row's page, not the site's: no content item to lock or to alert about
    enable_form_tabbing = False

    def update(self):
        self.token = None
        if not self.adding:
            self.token = self.request.form.get("token")
            if not isinstance(self.token, str) or self.current_row() is None:
                raise NotFound(self, self.token or "token", self.request)
        super().update()

    @property
    def action(self):
        url = self.request.getURL()
        return f"{url}?{urlencode({'token': self.token})}" if self.token else url

    def current_row(self):
        for row in stored(self.list_name, self.context):
            if row["token"] == self.token:
                return row
        return None

    def getContent(self):
        if self.adding:
            return {}
        return dict(self.current_row())

    def updateFields(self):
        super().updateFields()
        if self.adding:
            # made from the name by the rules (unique in the list)
            self.fields = self.fields.omit("token")
        else:
            self.fields["token"].mode = "display"

    def translate(self, message):
        return translate(message, context=self.request)

    def refuse(self, message):
        self.status = message
        IStatusMessage(self.request).add(message, type="error")
        self.request.response.setStatus(400)

    @button.buttonAndHandler(_("Save"), name="save")
    def handle_save(self, action):
        CheckAuthenticator(self.request)
        data, errors = self.extractData()
        if errors:
            labels = [
                self.translate(error.widget.label)
                for error in errors
                if getattr(error, "widget", None) is not None
            ]
            self.refuse(
                self.translate(
                    _(
                        "Please correct: ${fields}.",
                        mapping={"fields": ", ".join(labels)},
                    )
                )
                if labels
                else self.translate(self.formErrorsMessage)
            )
            return
        keys = list(IPressSettings[self.list_name].value_type.schema)
        values = {key: data[key] for key in keys if key in data}
        rows = stored(self.list_name, self.context)
        if self.adding:
            rows.append({**dict.fromkeys(keys), **values, "token": None})
        else:
            rows = [
                {**row, **values, "token": row["token"]}
                if row["token"] == self.token
                else row
                for row in rows
            ]
        try:
            rows = prepare_rows(self.list_name, rows, self.context)
        except RowsRefused as error:
            self.refuse(" ".join(self.translate(m) for m in error.messages))
            return
        token = rows[-1]["token"] if self.adding else self.token
        proxy = getUtility(IRegistry).forInterface(IPressSettings, prefix=PREFIX)
        setattr(proxy, self.list_name, rows)
        self.save_extra(token, data)
        saved = [row for row in rows if row["token"] == token][0]
        IStatusMessage(self.request).add(
            self.translate(
                _("“${name}” saved.", mapping={"name": saved["name"] or token})
            )
        )
        self.request.response.redirect(panel_url(self.context, self.list_name))

    def save_extra(self, token, data):
        """What the row's form holds beside the row (the outlet's logo)."""

    @button.buttonAndHandler(_("Cancel"), name="cancel")
    def handle_cancel(self, action):
        self.request.response.redirect(panel_url(self.context, self.list_name))


class OutletForm(RowForm):
    list_name = "outlets"
    schema = IOutletForm

    @property
    def label(self):
        if self.adding:
            return _("Add a media outlet")
        return _("Edit the media outlet")

    def getContent(self):
        content = super().getContent()
        entry = logos.get_entry(self.token, self.context) if self.token else None
        content["logo"] = entry["image"] if entry is not None else None
        return content

    def save_extra(self, token, data):
        if "logo" not in data:
            return
        before = logos.get_entry(token, self.context)
        value = data["logo"]
        if value is NOT_CHANGED:
            return
        if value is None:
            if before is not None:
                logos.delete_logo(self.context, token)
        elif before is None or value is not before["image"]:
            logos.set_logo(self.context, token, value.data, value.filename)


class OutletAddForm(OutletForm):
    adding = True


class AssemblyForm(RowForm):
    list_name = "assemblies"
    schema = IAssemblyRow

    @property
    def label(self):
        if self.adding:
            return _("Add an assembly")
        return _("Edit the assembly")


class AssemblyAddForm(AssemblyForm):
    adding = True


class RowFormWrapper(PrefsLayout, ControlPanelFormWrapper):
    """plone.app.registry's control panel layout (its template, with the
    macros compiled once)."""

    index = ViewPageTemplateFile("templates/row_form.pt")


OutletAddView = layout.wrap_form(OutletAddForm, RowFormWrapper)
OutletEditView = layout.wrap_form(OutletForm, RowFormWrapper)
AssemblyAddView = layout.wrap_form(AssemblyAddForm, RowFormWrapper)
AssemblyEditView = layout.wrap_form(AssemblyForm, RowFormWrapper)


class RowDeleteView(PrefsLayout, BrowserView):
    """Asks before deleting a row (GET); deletes it (POST, with the
    authenticator) unless content still uses it."""

    list_name = None
    index = ViewPageTemplateFile("templates/delete.pt")

    def __call__(self):
        token = self.request.form.get("token")
        self.row = None
        for row in stored(self.list_name, self.context):
            if row["token"] == token:
                self.row = row
        if self.row is None:
            raise NotFound(self, token or "token", self.request)
        self.error = None
        self.usage = usage(self.context, LISTS[self.list_name], self.row["token"])
        if self.request.method == "POST":
            CheckAuthenticator(self.request)
            return self.delete()
        return self.index()

    @property
    def row_name(self):
        return self.row["name"] or self.row["token"]

    @property
    def title(self):
        message = (
            _("Delete the media outlet “${name}”", mapping={"name": self.row_name})
            if self.list_name == "outlets"
            else _("Delete the assembly “${name}”", mapping={"name": self.row_name})
        )
        return translate(message, context=self.request)

    def action(self):
        return row_url(self.context, self.list_name, "delete", self.row["token"])

    def back_url(self):
        return panel_url(self.context, self.list_name)

    def delete(self):
        rows = [
            row
            for row in stored(self.list_name, self.context)
            if row["token"] != self.row["token"]
        ]
        try:
            rows = prepare_rows(self.list_name, rows, self.context)
        except RowsRefused as error:
            self.error = " ".join(
                translate(message, context=self.request) for message in error.messages
            )
            self.request.response.setStatus(400)
            return self.index()
        proxy = getUtility(IRegistry).forInterface(IPressSettings, prefix=PREFIX)
        setattr(proxy, self.list_name, rows)  # rules.py drops an outlet's logo
        IStatusMessage(self.request).add(
            translate(
                _("“${name}” deleted.", mapping={"name": self.row_name}),
                context=self.request,
            )
        )
        return self.request.response.redirect(panel_url(self.context, self.list_name))


class OutletDeleteView(RowDeleteView):
    list_name = "outlets"


class AssemblyDeleteView(RowDeleteView):
    list_name = "assemblies"


# the logo, for everyone

YEAR = 365 * 24 * 3600


@implementer(IPublishTraverse)
class OutletLogoView(BrowserView):
    """``@@pressbook-outlet-logo/<token>``: the outlet's logo.

    With the ``v`` of ``logo_url()`` (the current version) it may be cached
    for a year by browsers and proxies (a new upload gets a new address);
    without it, for an hour. ``ETag`` and ``If-None-Match`` for revalidation.
    """

    token = None

    def publishTraverse(self, request, name):
        if self.token is None:
            self.token = name
            return self
        raise NotFound(self, name, request)

    def __call__(self):
        entry = logos.get_entry(self.token, self.context)
        if entry is None:
            raise NotFound(self, self.token or "", self.request)
        image = entry["image"]
        response = self.request.response
        etag = f'"{entry["version"]}"'
        response.setHeader("ETag", etag)
        response.setHeader(
            "Last-Modified", formatdate(entry["modified"].timestamp(), usegmt=True)
        )
        if self.request.form.get("v") == entry["version"]:
            response.setHeader("Cache-Control", f"public, max-age={YEAR}, immutable")
        else:
            response.setHeader("Cache-Control", "public, max-age=3600")
        response.setHeader("X-Content-Type-Options", "nosniff")
        if self.request.getHeader("If-None-Match") == etag:
            response.setStatus(304)
            return b""
        response.setHeader("Content-Type", image.contentType)
        response.setHeader("Content-Length", str(image.getSize()))
        return stream_data(image)
