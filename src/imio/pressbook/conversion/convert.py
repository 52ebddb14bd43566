"""Making the press articles of a plan (plan.py): the writes.

Each item is converted inside a savepoint: an item that fails is rolled back
whole (no article without its scan, no original moved without its article)
and named in the report; the others go on.

What becomes of the originals (``originals``):

- ``archive`` (the default): the News Item or Document, with the Files and
  Images it brought that lie in the converted folder, moves into a private
  sub-folder ``converties`` of that folder, and its old address redirects to
  the new article (plone.app.redirector, as for any moved page): visitors'
  bookmarks and search engines land on the article. The article takes over
  the page's UID (the archived page gets a new one), so that links to the
  page by UID (``resolveuid``, what TinyMCE writes) lead to the article too.
  Nothing is deleted;
- ``keep``: the originals stay where they are, untouched but for the note
  of their article (an annotation); their addresses keep showing them.

Both sides remember the conversion (annotations ``imio.pressbook.conversion``):
the article the source's UID and path, the source the article's UID. An item
already converted is left alone: converting twice makes no twin.
"""

from Acquisition import aq_inner
from Acquisition import aq_parent
from dataclasses import dataclass
from dataclasses import field
from imio.pressbook import logger
from imio.pressbook.content.press_article import PAPER_VERSION_AUTHENTICATED
from imio.pressbook.conversion.plan import ANNOTATION_KEY
from imio.pressbook.conversion.plan import ARCHIVE_ID
from imio.pressbook.conversion.plan import CONVERTED
from imio.pressbook.conversion.plan import NEW
from imio.pressbook.conversion.plan import REFUSED
from persistent.mapping import PersistentMapping
from plone import api
from plone.app.redirector.interfaces import IRedirectionStorage
from plone.app.textfield.value import RichTextValue
from plone.namedfile.file import NamedBlobFile
from plone.uuid.interfaces import IMutableUUID
from Products.CMFCore.indexing import processQueue
from ZODB.POSException import ConflictError
from zope.annotation.interfaces import IAnnotations
from zope.component import queryUtility

import transaction
import uuid


ARCHIVE = "archive"
KEEP = "keep"
ORIGINALS = (ARCHIVE, KEEP)


@dataclass
class Report:
    """What a conversion did, item by item."""

    created: list = field(default_factory=list)  # (plan, article)
    unchanged: list = field(default_factory=list)  # plans already converted
    refused: list = field(default_factory=list)  # plans the dry run refused
    failed: list = field(default_factory=list)  # (plan, error text)

    def summary(self):
        return (
            f"{len(self.created)} created, {len(self.unchanged)} already converted, "
            f"{len(self.refused)} refused, {len(self.failed)} failed"
        )


def copy_scan(attachment):
    """A new blob with the bytes of the attachment (PDFs and images alike)."""
    # the article's field is a file field: images are stored as files too
    return NamedBlobFile(
        data=attachment.blob.data,
        contentType=attachment.content_type,
        filename=attachment.filename,
    )


def path_of(obj):
    return "/".join(obj.getPhysicalPath())


def make_article(plan, target):
    """The press article of ``plan`` in the press section ``target``."""
    source = plan.source
    text = None
    if plan.text is not None and getattr(plan.text, "raw", None):
        text = RichTextValue(
            plan.text.raw, plan.text.mimeType, plan.text.outputMimeType
        )
    article = api.content.create(
        container=target,
        type="imio.pressbook.PressArticle",
        id=source.getId(),
        safe_id=True,
        title=plan.title,
        description=plan.lead,
        publication_date=plan.publication_date,
        outlet=plan.outlet,
        text=text,
        paper_version=copy_scan(plan.scan) if plan.scan else None,
        paper_version_access=PAPER_VERSION_AUTHENTICATED,
    )
    article.setSubject(plan.subjects)
    article.setCreators(source.listCreators())
    article.creation_date = source.created()
    if getattr(source, "effective_date", None) is not None:
        article.setEffectiveDate(source.effective_date)
    IAnnotations(article)[ANNOTATION_KEY] = PersistentMapping(
        source_uid=plan.uid,
        source_path=path_of(source),
        to_complete=list(plan.missing),
    )
    if plan.review_state == "published":
        api.content.transition(obj=article, to_state="published")
    article.reindexObject()
    return article


def archive_folder(folder):
    """The private sub-folder of ``folder`` that keeps converted originals."""
    archive = folder.get(ARCHIVE_ID)
    if archive is None:
        archive = api.content.create(
            container=folder,
            type="Folder",
            id=ARCHIVE_ID,
            title="Converties en articles de presse",
            description=(
                "Les pages de l'ancienne revue de presse, devenues des articles "
                "de presse : gardées ici, privées ; leurs anciennes adresses "
                "mènent aux articles."
            ),
            exclude_from_nav=True,
        )
    return archive


def make_private(obj):
    if api.content.get_state(obj, default="private") != "private":
        api.content.transition(obj=obj, to_state="private")


def archive_original(plan, folder, article):
    """Move the source (and the Files it brought from ``folder``) into the
    archive; their old addresses lead to the article."""
    archive = archive_folder(folder)
    storage = queryUtility(IRedirectionStorage)
    folder_path = path_of(folder) + "/"
    archive_path = path_of(archive) + "/"
    moving = [plan.source]
    for attachment in plan.attachments:
        if not attachment.is_own_content:
            continue
        # afresh: a File that two items share moved with the first one
        obj = api.content.get(UID=api.content.get_uuid(attachment.obj))
        if obj is None or aq_parent(aq_inner(obj)) is plan.source:
            continue  # a File inside the item moves with it
        path = path_of(obj)
        if path.startswith(folder_path) and not path.startswith(archive_path):
            moving.append(obj)
    for obj in moving:
        old_path = path_of(obj)
        moved = api.content.move(source=obj, target=archive, safe_id=True)
        make_private(moved)
        if storage is not None:
            storage.add(old_path, path_of(article))


def remember(source, article):
    IAnnotations(source)[ANNOTATION_KEY] = PersistentMapping(
        article_uid=api.content.get_uuid(article),
        article_path=path_of(article),
    )


def take_over_uid(source, article):
    """The article takes the page's UID, the archived page gets a new one:
    links to the page by UID (``resolveuid/<uid>``, what TinyMCE writes) lead
    to the article."""
    uid = api.content.get_uuid(source)
    IMutableUUID(source).set(uuid.uuid4().hex)
    source.reindexObject(idxs=["UID"])
    processQueue()  # the catalog's UID index takes one object per UID
    IMutableUUID(article).set(uid)
    article.reindexObject(idxs=["UID"])
    IAnnotations(article)[ANNOTATION_KEY]["source_uid"] = api.content.get_uuid(source)


def convert_item(plan, folder, target, originals):
    article = make_article(plan, target)
    if originals == ARCHIVE:
        archive_original(plan, folder, article)
        take_over_uid(plan.source, article)
    remember(plan.source, article)
    return article


def convert(folder_plan, target, originals=ARCHIVE):
    """Make the articles of ``folder_plan`` in the press section ``target``.

    Each item in its own savepoint; nothing is committed here (the view's
    request commits; the command line commits or aborts).
    """
    if originals not in ORIGINALS:
        raise ValueError(originals)
    report = Report()
    for plan in folder_plan.items:
        if plan.status == CONVERTED:
            report.unchanged.append(plan)
            continue
        if plan.status == REFUSED:
            report.refused.append(plan)
            continue
        assert plan.status == NEW
        savepoint = transaction.savepoint()
        try:
            article = convert_item(plan, folder_plan.folder, target, originals)
        except ConflictError:
            raise
        except Exception as error:
            savepoint.rollback()
            logger.exception("Conversion of %s failed", path_of(plan.source))
            report.failed.append((plan, f"{type(error).__name__}: {error}"))
            continue
        report.created.append((plan, article))
    return report
