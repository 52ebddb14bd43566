"""A press article written about the authority (a clipping)."""

from AccessControl import ClassSecurityInfo
from AccessControl import getSecurityManager
from AccessControl.class_init import InitializeClass
from imio.pressbook import _
from imio.pressbook.browser.widgets import OutletSelectFieldWidget
from imio.pressbook.browser.widgets import ScanFieldWidget
from imio.pressbook.browser.widgets import ThemesSelectFieldWidget
from imio.pressbook.content.attributes import no_field_named
from imio.pressbook.content.fields import themes_field
from imio.pressbook.content.validators import is_web_address
from imio.pressbook.content.validators import not_in_future
from imio.pressbook.interfaces import IPressbookContent
from plone import api
from plone.app.textfield import RichText
from plone.autoform import directives
from plone.dexterity.content import Item
from plone.namedfile.field import NamedBlobFile
from plone.supermodel import model
from Products.CMFCore.permissions import ModifyPortalContent
from Products.CMFCore.permissions import View
from zope import schema
from zope.interface import implementer


PAPER_VERSION_PUBLIC = "public"
PAPER_VERSION_AUTHENTICATED = "authenticated"
PAPER_VERSION_EDITORS = "editors"


class IPressArticle(model.Schema):
    """A press article about the authority."""

    title = schema.TextLine(title=_("Title"), required=True)

    description = schema.Text(
        title=_("Lead"),
        description=_("The opening paragraph, shown in listings."),
        required=False,
        missing_value="",
    )

    publication_date = schema.Date(
        title=_("Publication date"),
        required=True,
        constraint=not_in_future,
    )

    directives.widget("outlet", OutletSelectFieldWidget)
    outlet = schema.Choice(
        title=_("Media outlet"),
        description=_(
            "The newspaper, magazine, radio or television that published it."
        ),
        vocabulary="imio.pressbook.vocabulary.Outlets",
        required=True,
    )

    # the free keywords (plone.categorization's subjects) follow, on this tab:
    # browser/views/forms.py
    directives.widget("themes", ThemesSelectFieldWidget)
    themes = themes_field()

    journalist = schema.TextLine(
        title=_("Journalist"),
        description=_("Name or signature as printed, e.g. C. Ti."),
        required=False,
    )

    page = schema.TextLine(
        title=_("Page, section or edition"),
        description=_("e.g. p. 12, Régions, édition de Namur"),
        required=False,
    )

    text = RichText(
        title=_("Text or excerpt"),
        required=False,
    )

    original_url = schema.URI(
        title=_("Link to the original article"),
        description=_(
            "Web address of the article on the outlet's site (http or https)."
        ),
        required=False,
        constraint=is_web_address,
    )

    directives.widget("paper_version", ScanFieldWidget)
    paper_version = NamedBlobFile(
        title=_("Paper version"),
        description=_("The scan of the printed article (PDF or image)."),
        required=False,
    )

    paper_version_access = schema.Choice(
        title=_("Who may see the paper version"),
        description=_(
            "Scans are covered by the publishers' licence: by default only "
            "logged-in users may open them."
        ),
        vocabulary="imio.pressbook.vocabulary.PaperVersionAccess",
        required=True,
        default=PAPER_VERSION_AUTHENTICATED,
    )


@implementer(IPressArticle, IPressbookContent)
class PressArticle(Item):
    """A press article."""

    security = ClassSecurityInfo()

    def __getattr__(self, name):
        # plone.dexterity's, without walking the schemas for a name no
        # field has (content/attributes.py)
        if no_field_named(self, name):
            raise AttributeError(name)
        return super().__getattr__(name)

    @security.public
    def can_view_paper_version(self):
        """May the current user open the scan of the paper version?

        The one rule behind every way to the bytes: the page's link, the
        download and display views, image scales and the REST serialization.
        """
        if getattr(self, "paper_version", None) is None:
            return False
        checker = getSecurityManager().checkPermission
        if not checker(View, self):
            return False
        access = (
            getattr(self, "paper_version_access", None) or PAPER_VERSION_AUTHENTICATED
        )
        if access == PAPER_VERSION_PUBLIC:
            return True
        if access == PAPER_VERSION_AUTHENTICATED:
            return not api.user.is_anonymous()
        # editors, and any unknown value: those who may edit the item
        return bool(checker(ModifyPortalContent, self))


InitializeClass(PressArticle)


def keep_scan_out_of_copies(article, event):
    """A copy never carries a scan its maker may not open.

    Whoever copies an article becomes the Owner of the copy, and so may edit
    it: a scan reserved to the original's editors would be theirs through the
    copy. The copy leaves the scan out unless the licence rule lets its maker
    open the original's (``IObjectCopiedEvent``: ``event.original``).
    """
    original = getattr(event, "original", None)
    if original is None or getattr(article, "paper_version", None) is None:
        return
    if not original.can_view_paper_version():
        article.paper_version = None
