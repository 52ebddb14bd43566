"""An old press section as Plone sites kept them before the add-on: a Folder
of News Items and Documents, the scans as Files (real PDFs) and Images beside
them, related to them, linked from their text, or left loose; and a press
section to receive the articles."""

from io import BytesIO
from pathlib import Path
from PIL import Image
from plone import api
from plone.app.relationfield.behavior import IRelatedItems
from plone.app.textfield.value import RichTextValue
from plone.namedfile.file import NamedBlobFile
from plone.namedfile.file import NamedBlobImage
from z3c.relationfield import RelationValue
from zope.component import getUtility
from zope.intid.interfaces import IIntIds

import pytest


DEMO = (
    Path(__file__).resolve().parents[2]
    / "src/imio/pressbook/setuphandlers/democontent/content"
)
PDF_DH = (
    DEMO / "imio-touche-3-5-millions-d-habitants/paper_version"
    "/la-derniere-heure-2014-01-21.pdf"
).read_bytes()
PDF_LIBRE = (
    DEMO / "ia-delib-les-conseils-communaux-passent-au-numerique/paper_version"
    "/la-libre-2016-05-18.pdf"
).read_bytes()
PDF_SUDINFO = (
    DEMO / "conseils-communaux-a-distance/paper_version/sudinfo-2020-04-09.pdf"
).read_bytes()


def make_png():
    buffer = BytesIO()
    Image.new("RGB", (60, 80), (200, 200, 190)).save(buffer, "PNG")
    return buffer.getvalue()


PNG = make_png()


def add_file(container, id, data, filename, title=None):
    return api.content.create(
        container=container,
        type="File",
        id=id,
        title=title or filename,
        file=NamedBlobFile(data=data, contentType="application/pdf", filename=filename),
    )


def build_old_section(portal):
    """The folder ``revue-de-presse`` (published) and the section ``medias``.

    - ``imio-touche``: a published News Item naming "La Dernière Heure" in
      its title, its scan a related File;
    - ``logiciel-libre``: a private Document naming "La Libre Belgique" in its
      description, its scan linked from its text (resolveuid), plus a second
      PDF beside it with the same name;
    - ``reportage``: a published News Item naming no outlet, its lead image the
      only scan;
    - ``2020/conseils``: a Document in a year folder, its scan a File beside it
      with the same title;
    - ``2020/sans-scan``: a Document with no scan at all;
    - ``communique.pdf``: a File no page claims.
    """
    intids = getUtility(IIntIds)
    with api.env.adopt_roles(["Manager"]):
        folder = api.content.create(
            portal, "Folder", id="revue-de-presse", title="Revue de presse"
        )
        api.content.transition(folder, "publish")
        section = api.content.create(
            portal, "imio.pressbook.PressBook", id="medias", title="Dans les médias"
        )
        api.content.transition(section, "publish")

        scan_dh = add_file(folder, "scan-dh.pdf", PDF_DH, "la-derniere-heure.pdf")
        news = api.content.create(
            folder,
            "News Item",
            id="imio-touche",
            title="La Dernière Heure : IMIO touche 3,5 millions d'habitants",
            description="L'intercommunale sert 250 communes.",
            text=RichTextValue(
                "<p>Une intercommunale <strong>au service</strong> des communes.</p>",
                "text/html",
                "text/x-html-safe",
            ),
            subject=("IMIO", "communes"),
        )
        IRelatedItems(news).relatedItems = [RelationValue(intids.getId(scan_dh))]
        news.setEffectiveDate("2014/01/21 09:30:00 GMT+1")
        api.content.transition(news, "publish")
        news.setEffectiveDate("2014/01/21 09:30:00 GMT+1")
        news.reindexObject()

        scan_libre = add_file(folder, "article-libre.pdf", PDF_LIBRE, "libre.pdf")
        api.content.create(
            folder,
            "Document",
            id="logiciel-libre",
            title="Les communes adoptent le logiciel libre",
            description="Paru dans La Libre Belgique.",
            text=RichTextValue(
                "<p>Voir <a href='resolveuid/"
                f"{api.content.get_uuid(scan_libre)}'>la coupure</a>.</p>",
                "text/html",
                "text/x-html-safe",
            ),
        )
        add_file(folder, "logiciel-libre.pdf", PDF_SUDINFO, "deuxieme.pdf")

        reportage = api.content.create(
            folder,
            "News Item",
            id="reportage",
            title="Le nouveau site de la commune au journal",
            image=NamedBlobImage(data=PNG, filename="coupure.png"),
        )
        api.content.transition(reportage, "publish")

        year = api.content.create(folder, "Folder", id="2020", title="2020")
        api.content.transition(year, "publish")
        api.content.create(
            year,
            "Document",
            id="conseils",
            title="Conseils communaux à distance",
        )
        add_file(
            year,
            "scan-2020-04-09.pdf",
            PDF_SUDINFO,
            "sudinfo.pdf",
            title="Conseils communaux à distance",
        )
        api.content.create(year, "Document", id="sans-scan", title="Sans scan")

        add_file(folder, "communique.pdf", PDF_SUDINFO, "communique.pdf")
    return folder, section


@pytest.fixture
def old_section_builder():
    """``build_old_section``, for the tests on another layer."""
    return build_old_section


@pytest.fixture
def old_section(portal):
    """The folder and the press section, in the integration layer."""
    return build_old_section(portal)


@pytest.fixture
def scans():
    """The bytes of the old section's scans, by name."""
    return {"dh": PDF_DH, "libre": PDF_LIBRE, "sudinfo": PDF_SUDINFO, "png": PNG}
