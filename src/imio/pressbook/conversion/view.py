"""``@@pressbook-convert`` on a folder: the dry run, then the conversion.

GET shows what each News Item or Document would become (writes nothing);
the "Convert" button POSTs the same choices with the CSRF token. A parameter
that names nothing known answers 400 with a French message naming it.
"""

from imio.pressbook import _
from imio.pressbook.conversion.convert import ARCHIVE
from imio.pressbook.conversion.convert import convert
from imio.pressbook.conversion.convert import ORIGINALS
from imio.pressbook.conversion.plan import plan_folder
from imio.pressbook.vocabularies.outlets import outlet_rows
from plone import api
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from zope.i18n import translate

import transaction


ADD_ARTICLE = "imio.pressbook: Add PressArticle"
DEFAULT_OUTLET = "other"
NO_OUTLET = "-"  # refuse the items whose outlet is not guessed


class InvalidParameter(Exception):
    def __init__(self, message):
        super().__init__(message)
        self.message = message


def press_sections(context):
    """The press sections where the current user may add articles."""
    sections = (
        brain.getObject()
        for brain in api.content.find(
            portal_type="imio.pressbook.PressBook", sort_on="sortable_title"
        )
    )
    return [s for s in sections if api.user.has_permission(ADD_ARTICLE, obj=s)]


class ConvertView(BrowserView):
    template = ViewPageTemplateFile("templates/convert.pt")

    plan = None
    report = None
    error = None

    def __call__(self):
        self.sections = press_sections(self.context)
        self.outlets = outlet_rows(self.context)
        try:
            self.read_parameters()
        except InvalidParameter as error:
            self.error = error.message
            self.request.response.setStatus(400)
            return self.template()
        if self.request.method == "POST" and self.request.form.get("convert"):
            CheckAuthenticator(self.request)
            if self.target is None:
                self.error = _(
                    "Choose the press section (parameter “target”) that "
                    "receives the articles."
                )
                self.request.response.setStatus(400)
                return self.template()
            self.plan = plan_folder(self.context, self.default_outlet)
            self.report = convert(self.plan, self.target, self.originals)
            transaction.get().note(
                f"imio.pressbook: conversion of {self.context.absolute_url_path()}"
                f" ({self.report.summary()})"
            )
            return self.template()
        self.plan = plan_folder(self.context, self.default_outlet)
        return self.template()

    def read_parameters(self):
        form = self.request.form
        uid = form.get("target") or ""
        self.target = None
        if uid:
            matches = [s for s in self.sections if api.content.get_uuid(s) == uid]
            if not matches:
                raise InvalidParameter(
                    _(
                        "The parameter “target” names no press section of this "
                        "site where you may add articles."
                    )
                )
            self.target = matches[0]
        elif self.sections:
            self.target = self.sections[0]
        self.originals = form.get("originals") or ARCHIVE
        if self.originals not in ORIGINALS:
            raise InvalidParameter(
                _("The parameter “originals” is either “archive” or “keep”.")
            )
        outlet = form.get("default_outlet") or DEFAULT_OUTLET
        tokens = [row["token"] for row in self.outlets]
        if outlet != NO_OUTLET and outlet not in tokens:
            raise InvalidParameter(
                _(
                    "The parameter “default_outlet” names no outlet of the "
                    "Presse settings."
                )
            )
        self.default_outlet = None if outlet == NO_OUTLET else outlet
        self.default_outlet_token = outlet

    # for the template

    def tr(self, message):
        return translate(message, context=self.request)

    def uid(self, obj):
        return api.content.get_uuid(obj)

    def outlet_name(self, token):
        for row in self.outlets:
            if row["token"] == token:
                return row["name"]
        return token

    def type_title(self, obj):
        fti = api.portal.get_tool("portal_types").getTypeInfo(obj)
        return self.tr(fti.Title()) if fti else obj.portal_type

    def day(self, value):
        return value.strftime("%d/%m/%Y") if value else ""

    def size(self, attachment):
        kb = attachment.size / 1024
        return f"{kb:.0f} Ko" if kb < 1024 else f"{kb / 1024:.1f} Mo"

    def authenticator(self):
        return self.context.restrictedTraverse("@@authenticator").token()
