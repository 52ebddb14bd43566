"""A copy of an article never carries a scan its maker may not open: the
copier is Owner of the copy, so an editors-only scan would be theirs."""

from plone import api
from plone.app.testing import login
from plone.namedfile.file import NamedBlobFile

import datetime
import pytest


PASSWORD = "Copier-la-presse-2024"
PDF = b"%PDF-1.4\n%%EOF\n"


@pytest.fixture
def site(portal):
    """A published article under each access rule, and a press section of
    each user's own (Owner there, as in a press section they made) where they
    may paste."""
    with api.env.adopt_roles(["Manager"]):
        api.user.create(email="member@commune.be", username="member", password=PASSWORD)
        api.user.create(email="editor@commune.be", username="editor", password=PASSWORD)
        book = api.content.create(portal, "imio.pressbook.PressBook", id="revue")
        api.content.transition(book, "publish")
        for access in ("public", "authenticated", "editors"):
            article = api.content.create(
                book,
                "imio.pressbook.PressArticle",
                id=access,
                title=f"Article {access}",
                publication_date=datetime.date(2024, 3, 14),
                outlet="le-soir",
                paper_version=NamedBlobFile(
                    PDF, contentType="application/pdf", filename="scan.pdf"
                ),
                paper_version_access=access,
            )
            api.content.transition(article, "publish")
        api.user.grant_roles(username="editor", obj=book, roles=["Editor"])
        for username in ("member", "editor"):
            folder = api.content.create(
                portal, "imio.pressbook.PressBook", id=f"dossier-{username}"
            )
            api.user.grant_roles(username=username, obj=folder, roles=["Owner"])
    return portal


def copy_as(portal, username, access):
    login(portal, username)
    return api.content.copy(
        source=portal["revue"][access], target=portal[f"dossier-{username}"]
    )


def test_a_member_copying_an_editors_only_scan_gets_no_scan(site):
    copy = copy_as(site, "member", "editors")
    assert copy.paper_version is None
    assert copy.can_view_paper_version() is False
    # the original keeps it
    assert site["revue"]["editors"].paper_version is not None


@pytest.mark.parametrize("access", ["public", "authenticated"])
def test_a_member_keeps_a_scan_they_may_open(site, access):
    copy = copy_as(site, "member", access)
    assert copy.paper_version is not None
    assert copy.paper_version.data == PDF


def test_an_editor_copying_an_editors_only_scan_keeps_it(site):
    copy = copy_as(site, "editor", "editors")
    assert copy.paper_version is not None
    assert copy.can_view_paper_version() is True
