"""A press section on the functional layer (imports commit), its request
prepared as the publisher does (layer, French), a source section full of
items to export, and real small PDFs."""

from datetime import date
from imio.pressbook.bulkimport.importer import Importer
from imio.pressbook.bulkimport.importer import Options
from imio.pressbook.bulkimport.reader import read_table
from pathlib import Path
from plone import api
from plone.app.testing import login
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from plone.app.testing import TEST_USER_NAME
from plone.namedfile.file import NamedBlobFile
from zope.event import notify
from zope.traversing.interfaces import BeforeTraverseEvent

import pytest
import transaction
import zipfile


BOOK = "dans-les-medias"
ARTICLE = "imio.pressbook.PressArticle"
QUESTION = "imio.pressbook.ParliamentaryQuestion"


def pdf(text):
    """A real one-page PDF (pypdf reads it) saying ``text``."""
    from pypdf import PdfWriter

    import io

    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    writer.add_metadata({"/Title": text})
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


@pytest.fixture()
def site(functional):
    portal = functional["portal"]
    setRoles(portal, TEST_USER_ID, ["Manager"])
    login(portal, TEST_USER_NAME)
    request = portal.REQUEST
    request.environ["HTTP_ACCEPT_LANGUAGE"] = "fr"
    notify(BeforeTraverseEvent(portal, request))
    return portal


def make_book(site, id_=BOOK):
    book = api.content.create(
        container=site, type="imio.pressbook.PressBook", id=id_, title="Presse"
    )
    api.content.transition(obj=book, transition="publish")
    return book


@pytest.fixture()
def book(site):
    book = make_book(site)
    transaction.commit()
    return book


@pytest.fixture()
def source(site):
    """A press section with articles and questions of every kind, to export."""
    book = make_book(site, "source")
    api.content.create(
        book,
        ARTICLE,
        id="budget",
        title="Le budget 2015 ; Éghezée",
        description="Première ligne\nDeuxième ligne",
        publication_date=date(2015, 3, 4),
        outlet="le-soir",
        journalist="C. Ti.",
        page="p. 12",
        original_url="https://www.lesoir.be/budget",
        themes=["logiciels-libres", "tutelle"],
        paper_version=NamedBlobFile(pdf("budget"), filename="budget.pdf"),
        paper_version_access="editors",
    )
    api.content.create(
        book,
        ARTICLE,
        id="sans-lien",
        title="Un article sans lien",
        publication_date=date(2016, 5, 1),
        outlet="l-avenir",
    )
    api.content.create(
        book,
        QUESTION,
        id="partenariats",
        title="Les partenariats avec IMIO",
        assembly="parlement-wallonie",
        question_type="oral",
        session="2014-2015",
        year=2015,
        number="518 (2014-2015) 1",
        question_date=date(2015, 7, 10),
        asked_by="DUPONT Jean-Marc",
        asked_by_group="Écolo",
        addressed_to="FURLAN Paul",
        themes=["tutelle"],
    )
    for obj in book.objectValues():
        obj.setSubject(("budget", "communes"))
        api.content.transition(obj, "publish")
        obj.reindexObject()
    transaction.commit()
    return book


def export(book, extension):
    view = api.content.get_view(f"pressbook-export.{extension}", book, book.REQUEST)
    return view()


def run_import(book, filename, data, **options):
    table = read_table(filename, data)
    importer = Importer(book, book.REQUEST, Options(**options))
    return importer.run(table)


@pytest.fixture()
def scans_zip(tmp_path):
    path = tmp_path / "scans.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("scans/budget.pdf", pdf("budget"))
        archive.writestr("une.pdf", pdf("une"))
    return Path(path)
