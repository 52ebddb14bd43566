"""The outlets' optional logos: blobs beside the registry, keyed by token.

Where: an ``OOBTree`` in the site's annotations (``imio.pressbook.outlet_logos``),
token -> ``PersistentMapping`` with ``image`` (a ``NamedBlobImage``: the bytes
live in the blob storage), ``version`` (changes with every upload) and
``modified`` (a timezone-aware datetime, for ``Last-Modified``).

Why not the registry: the outlets' record is read whole by every article page
and form (the vocabulary); logos there would be loaded with it and sent in
``@controlpanels/pressbook``. A blob is read only when the logo is served. Only
standard persistent classes are stored, so no module path of the add-on is
written in the database (an upgrade may move this module freely).

Nothing here writes on a read: the tree is created by the first upload.
"""

from BTrees.OOBTree import OOBTree
from dataclasses import dataclass
from datetime import datetime
from datetime import UTC
from imio.pressbook import _
from persistent.mapping import PersistentMapping
from plone.namedfile.file import NamedBlobImage
from Products.CMFCore.utils import getToolByName
from zope.annotation.interfaces import IAnnotations
from zope.component.hooks import getSite
from zope.schema import ValidationError

import io
import uuid


KEY = "imio.pressbook.outlet_logos"
MAX_BYTES = 1024 * 1024
MAX_PIXELS = 4000
# Pillow's format -> the content type the logo is served with. No SVG: a
# drawing served from the site's own address could run scripts.
FORMATS = {
    "PNG": "image/png",
    "JPEG": "image/jpeg",
    "GIF": "image/gif",
    "WEBP": "image/webp",
}
VIEW = "@@pressbook-outlet-logo"


@dataclass(frozen=True)
class Logo:
    """An outlet's logo as pages show it."""

    token: str
    url: str  # with its version: cacheable for a year
    width: int
    height: int
    content_type: str
    filename: str


def _site(context=None):
    """The Plone site: by acquisition from ``context`` when it has one."""
    if context is not None:
        tool = getToolByName(context, "portal_url", None)
        if tool is not None:
            return tool.getPortalObject()
    return getSite()


def _tree(site, create=False):
    annotations = IAnnotations(site)
    tree = annotations.get(KEY)
    if tree is None and create:
        tree = annotations[KEY] = OOBTree()
    return tree


def get_entry(token, context=None):
    """The stored mapping of ``token``'s logo (image, version, modified), or None."""
    site = _site(context)
    if site is None or not token:
        return None
    tree = _tree(site)
    if tree is None:
        return None
    return tree.get(token)


def logo(context, token):
    """``token``'s logo (a ``Logo``), or None when the outlet has none."""
    entry = get_entry(token, context)
    if entry is None:
        return None
    image = entry["image"]
    width, height = image.getImageSize()
    return Logo(
        token=token,
        url=_url(context, token, entry),
        width=width,
        height=height,
        content_type=image.contentType,
        filename=image.filename,
    )


def _url(context, token, entry):
    return f"{_site(context).absolute_url()}/{VIEW}/{token}?v={entry['version']}"


def logo_url(context, token):
    """The address of ``token``'s logo, or None (the image itself is not
    read: listings ask it for each outlet they show)."""
    entry = get_entry(token, context)
    return _url(context, token, entry) if entry is not None else None


def logo_urls(context):
    """{token: the address of its logo} of every outlet with a logo: one read
    of the site's annotations for a page that shows many outlets."""
    site = _site(context)
    tree = _tree(site) if site is not None else None
    if not tree:
        return {}
    base = site.absolute_url()
    return {
        token: f"{base}/{VIEW}/{token}?v={entry['version']}"
        for token, entry in tree.items()
    }


class InvalidLogo(ValidationError):
    """A logo refused: ``message`` (translatable) says why."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message

    def doc(self):
        return self.message


def check_image(data):
    """The content type of ``data`` if it is an acceptable logo, else InvalidLogo."""
    if len(data) > MAX_BYTES:
        raise InvalidLogo(
            _(
                "The logo weighs ${size} KB; at most ${max} KB are accepted.",
                mapping={"size": (len(data) + 1023) // 1024, "max": MAX_BYTES // 1024},
            )
        )
    from PIL import Image

    try:
        with Image.open(io.BytesIO(data)) as image:
            kind = image.format
            width, height = image.size
            image.verify()
    except Exception:  # noqa: BLE001 - Pillow raises many kinds on bad data
        kind = None
    if kind not in FORMATS:
        raise InvalidLogo(_("The logo must be a PNG, JPEG, GIF or WebP image."))
    if max(width, height) > MAX_PIXELS:
        raise InvalidLogo(
            _(
                "The logo measures ${width} × ${height} pixels; at most "
                "${max} pixels a side are accepted.",
                mapping={"width": width, "height": height, "max": MAX_PIXELS},
            )
        )
    return FORMATS[kind]


def set_logo(site, token, data, filename=None):
    """Store ``data`` as ``token``'s logo (checked by ``check_image``)."""
    content_type = check_image(data)
    image = NamedBlobImage(
        data=data, contentType=content_type, filename=filename or token
    )
    _tree(site, create=True)[token] = PersistentMapping(
        image=image,
        version=uuid.uuid4().hex[:12],
        modified=datetime.now(UTC),
    )


def delete_logo(site, token):
    """Forget ``token``'s logo; True if there was one."""
    tree = _tree(site)
    if tree is None or token not in tree:
        return False
    del tree[token]
    return True


def tokens_with_logo(site):
    tree = _tree(site)
    return set(tree.keys()) if tree is not None else set()
