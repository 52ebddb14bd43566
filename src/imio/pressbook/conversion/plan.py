"""What a folder of News Items and Documents would become: read only.

How old press sections were kept (and what is found of each clipping's scan):

- a News Item or a Document per clipping, its text the excerpt; the scan a
  File (or an Image) **related** to it (``relatedItems``), or **linked from
  its text** (``resolveuid/<uid>``, or the File's address in the site), or
  **inside it** when the item is folderish (plone.volto or
  collective.folderishtypes), or **beside it** in the same folder with the
  same name (``le-soir-2015.pdf`` next to ``le-soir-2015``, or the same
  title); failing all of those, the News Item's own lead image;
- the items sorted in sub-folders (per year): the whole tree is read.

Nothing here writes: ``plan_folder`` is the dry run.
"""

from dataclasses import dataclass
from dataclasses import field
from datetime import date
from imio.pressbook import _
from imio.pressbook.content.press_article import IPressArticle
from imio.pressbook.vocabularies.outlets import outlet_rows
from plone import api
from plone.app.uuid.utils import uuidToObject
from Products.CMFCore.interfaces import IFolderish
from urllib.parse import urljoin
from urllib.parse import urlparse
from zope.annotation.interfaces import IAnnotations

import re
import unicodedata


SOURCE_TYPES = ("News Item", "Document")
ATTACHMENT_TYPES = {"File": "file", "Image": "image"}
ANNOTATION_KEY = "imio.pressbook.conversion"
# the sub-folder that archives the converted originals (convert.py)
ARCHIVE_ID = "converties"

NEW = "new"
CONVERTED = "converted"
REFUSED = "refused"

# the fields no old page tells: to complete by hand on every article
ALWAYS_MISSING = ("journalist", "page", "themes", "original_url")

# how an attachment was found
RELATED = _("related item")
LINKED = _("linked from the text")
CONTAINED = _("inside the page")
BESIDE = _("beside it, same name")
LEAD_IMAGE = _("lead image of the news item")

UID_LINK_RE = re.compile(r"resolve[uU]id/([0-9a-f]{32})")
HREF_RE = re.compile(r"""(?:href|src)\s*=\s*["']([^"']+)["']""", re.IGNORECASE)
DOWNLOAD_SUFFIX_RE = re.compile(
    r"/(?:@@download|@@display-file|at_download|@@images|view|image_\w+)(?:/.*)?$"
)


@dataclass
class Attachment:
    """A File or Image (or lead image) that holds a clipping's scan."""

    obj: object  # the File or Image; the News Item for its lead image
    how: str  # a message: how it was found
    filename: str
    content_type: str
    size: int
    blob: object  # the NamedBlobFile / NamedBlobImage

    @property
    def is_pdf(self):
        return self.content_type == "application/pdf"

    @property
    def is_own_content(self):
        """A File or Image of its own (not the lead image of the item)."""
        return self.how != LEAD_IMAGE


@dataclass
class ItemPlan:
    """What one News Item or Document would become."""

    source: object
    status: str = NEW
    title: str = ""
    lead: str = ""
    publication_date: date | None = None
    date_from: str = ""  # a message: which date of the page
    text: object = None  # RichTextValue
    subjects: tuple = ()
    outlet: str | None = None
    outlet_guess: str = ""  # a message: the outlet guessed, and from what
    scan: Attachment | None = None
    others: list = field(default_factory=list)  # attachments left out
    missing: list = field(default_factory=list)  # field names to complete
    problems: list = field(default_factory=list)  # messages: why refused
    article: object = None  # the article made by an earlier conversion
    review_state: str = ""

    @property
    def uid(self):
        return api.content.get_uuid(self.source)

    @property
    def attachments(self):
        return [self.scan, *self.others] if self.scan else list(self.others)

    def missing_titles(self):
        """The fields to complete, as the article's form names them."""
        return [IPressArticle[name].title for name in self.missing]


@dataclass
class FolderPlan:
    """The dry run of a folder."""

    folder: object
    items: list
    loose: list  # Files and Images attached to no item: left as they are

    def with_status(self, status):
        return [item for item in self.items if item.status == status]


def normalized(text):
    """Lowercase, without accents: what outlet names are matched on."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def guess_outlet(title, description, outlets):
    """(token, name, where) of the outlet named in the title or description.

    The longest name found wins (``La Meuse`` rather than ``Meuse``); names
    are whole words, accents and case ignored. ``None`` when none is named.
    """
    candidates = sorted(
        (row for row in outlets if row["token"] != "other" and row.get("name")),
        key=lambda row: -len(row["name"]),
    )
    for where, text in (
        (_("the title"), normalized(title)),
        (_("the description"), normalized(description)),
    ):
        for row in candidates:
            pattern = r"(?<!\w)" + re.escape(normalized(row["name"])) + r"(?!\w)"
            if re.search(pattern, text):
                return row["token"], row["name"], where
    return None


def to_date(value):
    """A Zope DateTime as a date in its own time zone."""
    return value.asdatetime().date()


def page_date(item):
    """(date, message): the page's publication date, else its creation date.

    A date still to come (an effective date set in advance) is not a date of
    publication in a newspaper: the creation date is taken then.
    """
    today = date.today()
    effective = getattr(item, "effective_date", None)
    if effective is not None and to_date(effective) <= today:
        return to_date(effective), _("publication date of the page")
    created = item.created()
    if created is not None and to_date(created) <= today:
        return to_date(created), _("creation date of the page")
    return None, ""


def attachment_of(obj, how):
    """An ``Attachment`` for a File or an Image, ``None`` without bytes."""
    name = ATTACHMENT_TYPES.get(getattr(obj, "portal_type", None))
    blob = getattr(obj, name, None) if name else None
    if blob is None or not blob.getSize():
        return None
    return Attachment(
        obj=obj,
        how=how,
        filename=blob.filename or obj.getId(),
        content_type=blob.contentType or "application/octet-stream",
        size=blob.getSize(),
        blob=blob,
    )


def linked_objects(item):
    """Contents the item's text links to (``resolveuid`` or site addresses)."""
    text = getattr(item, "text", None)
    raw = getattr(text, "raw", None) or ""
    found = []
    for uid in UID_LINK_RE.findall(raw):
        obj = uuidToObject(uid, unrestricted=True)
        if obj is not None:
            found.append(obj)
    portal = api.portal.get()
    portal_url = portal.absolute_url()
    portal_path = "/".join(portal.getPhysicalPath())
    base = item.absolute_url() + "/"
    for href in HREF_RE.findall(raw):
        if "resolveuid" in href.lower() or href.startswith(("#", "mailto:")):
            continue
        url = urljoin(base, href)
        if not url.startswith(portal_url + "/"):
            continue
        path = urlparse(url[len(portal_url) :]).path
        path = DOWNLOAD_SUFFIX_RE.sub("", path).rstrip("/")
        obj = portal.unrestrictedTraverse(portal_path + path, None)
        if obj is not None and getattr(obj, "portal_type", None) in ATTACHMENT_TYPES:
            found.append(obj)
    return found


def stem(name):
    return name.rsplit(".", 1)[0] if "." in name else name


def find_attachments(item, siblings):
    """Every attachment of ``item``, in the order they are looked for."""
    candidates = []
    for relation in getattr(item, "relatedItems", None) or ():
        obj = getattr(relation, "to_object", None)
        if obj is not None:
            candidates.append((obj, RELATED))
    candidates.extend((obj, LINKED) for obj in linked_objects(item))
    if IFolderish.providedBy(item):
        candidates.extend((obj, CONTAINED) for obj in item.objectValues())
    title = normalized(item.Title()).strip()
    for obj in siblings:
        if stem(obj.getId()) == item.getId() or (
            title and normalized(obj.Title()).strip() == title
        ):
            candidates.append((obj, BESIDE))
    attachments = []
    seen = set()
    for obj, how in candidates:
        uid = api.content.get_uuid(obj)
        if uid in seen:
            continue
        attachment = attachment_of(obj, how)
        if attachment is not None:
            seen.add(uid)
            attachments.append(attachment)
    if not attachments and getattr(item, "image", None) is not None:
        image = item.image
        if image.getSize():
            attachments.append(
                Attachment(
                    obj=item,
                    how=LEAD_IMAGE,
                    filename=image.filename or f"{item.getId()}.jpg",
                    content_type=image.contentType or "image/jpeg",
                    size=image.getSize(),
                    blob=image,
                )
            )
    return attachments


def earlier_article(item):
    """The article an earlier conversion made of ``item``, if it still exists.

    Both sides remember it (annotations): the source the article's UID, the
    article the source's UID; both must agree.
    """
    memo = IAnnotations(item).get(ANNOTATION_KEY)
    if not memo or not memo.get("article_uid"):
        return None
    article = uuidToObject(memo["article_uid"], unrestricted=True)
    if article is None:
        return None
    back = IAnnotations(article).get(ANNOTATION_KEY) or {}
    if back.get("source_uid") != api.content.get_uuid(item):
        return None
    return article


def plan_item(item, siblings, outlets, default_outlet):
    plan = ItemPlan(source=item, title=item.Title() or item.getId())
    plan.review_state = api.content.get_state(item, default="")
    plan.article = earlier_article(item)
    if plan.article is not None:
        plan.status = CONVERTED
    plan.lead = item.Description() or ""
    plan.publication_date, plan.date_from = page_date(item)
    plan.text = getattr(item, "text", None)
    plan.subjects = tuple(item.Subject())
    guess = guess_outlet(item.Title(), item.Description(), outlets)
    if guess is not None:
        token, name, where = guess
        plan.outlet = token
        plan.outlet_guess = _(
            "${outlet} (guessed from ${where}: to check)",
            mapping={"outlet": name, "where": where},
        )
    else:
        plan.outlet = default_outlet
        plan.missing.append("outlet")
    plan.missing.extend(ALWAYS_MISSING)
    attachments = find_attachments(item, siblings)
    pdfs = [a for a in attachments if a.is_pdf]
    if attachments:
        plan.scan = (pdfs or attachments)[0]
        plan.others = [a for a in attachments if a is not plan.scan]
    else:
        plan.missing.append("paper_version")
    if plan.publication_date is None:
        plan.problems.append(
            _("No date: neither its publication date nor its creation date is past.")
        )
    if plan.outlet is None:
        plan.problems.append(
            _(
                "No outlet named in its title or description, and no outlet "
                "chosen for the others."
            )
        )
    if plan.problems and plan.status == NEW:
        plan.status = REFUSED
    return plan


def is_pressbook(obj):
    return getattr(obj, "portal_type", "") == "imio.pressbook.PressBook"


def walk(folder):
    """(item, its siblings) of every News Item or Document under ``folder``.

    Press sections and the archive of converted originals are left out.
    """
    contents = folder.objectValues()
    siblings = [obj for obj in contents if obj.portal_type in ATTACHMENT_TYPES]
    for obj in contents:
        if obj.portal_type in SOURCE_TYPES:
            yield obj, siblings
        elif (
            IFolderish.providedBy(obj)
            and not is_pressbook(obj)
            and not (obj.getId() == ARCHIVE_ID and obj.portal_type == "Folder")
        ):
            yield from walk(obj)


def loose_files(folder, items):
    """Files and Images under ``folder`` that no item claims."""
    claimed = {
        api.content.get_uuid(a.obj)
        for item in items
        for a in item.attachments
        if a.is_own_content
    }
    claimed.update(api.content.get_uuid(item.source) for item in items)
    loose = []

    def visit(container):
        for obj in container.objectValues():
            if obj.portal_type in ATTACHMENT_TYPES:
                if api.content.get_uuid(obj) not in claimed:
                    loose.append(obj)
            elif (
                IFolderish.providedBy(obj)
                and not is_pressbook(obj)
                and obj.portal_type not in SOURCE_TYPES
                and not (obj.getId() == ARCHIVE_ID and obj.portal_type == "Folder")
            ):
                visit(obj)

    visit(folder)
    return loose


def outlet_tokens(context=None):
    return [row["token"] for row in outlet_rows(context)]


def plan_folder(folder, default_outlet="other"):
    """The dry run of ``folder``: one ``ItemPlan`` per News Item or Document.

    ``default_outlet``: the outlet of the items whose title and description
    name none (``None``: such items are refused).
    """
    outlets = outlet_rows(folder)
    if default_outlet not in [row["token"] for row in outlets]:
        default_outlet = None
    items = [
        plan_item(item, siblings, outlets, default_outlet)
        for item, siblings in walk(folder)
    ]
    return FolderPlan(folder=folder, items=items, loose=loose_files(folder, items))
