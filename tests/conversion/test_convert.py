"""The conversion: press articles field by field, the originals archived (or
kept) with their old addresses redirected, no twin on a second run, nothing
half-stored for an item that fails."""

from AccessControl.PermissionRole import rolesForPermissionOn
from datetime import date
from imio.pressbook.conversion.convert import convert
from imio.pressbook.conversion.plan import ANNOTATION_KEY
from imio.pressbook.conversion.plan import plan_folder
from plone import api
from plone.app.redirector.interfaces import IRedirectionStorage
from plone.locking.interfaces import ILockable
from Products.CMFCore.indexing import processQueue
from zope.annotation.interfaces import IAnnotations
from zope.component import getUtility

import pytest


def run(folder, section, **options):
    with api.env.adopt_roles(["Manager"]):
        return convert(plan_folder(folder), section, **options)


def articles(section):
    return {
        obj.getId(): obj
        for obj in section.objectValues()
        if obj.portal_type == "imio.pressbook.PressArticle"
    }


def test_each_page_becomes_a_press_article(old_section):
    folder, section = old_section
    report = run(folder, section)
    assert len(report.created) == 5
    assert (report.unchanged, report.refused, report.failed) == ([], [], [])
    assert sorted(articles(section)) == [
        "conseils",
        "imio-touche",
        "logiciel-libre",
        "reportage",
        "sans-scan",
    ]


def test_the_article_field_by_field(old_section, scans):
    folder, section = old_section
    source_uid = api.content.get_uuid(folder["imio-touche"])
    creators = folder["imio-touche"].listCreators()
    run(folder, section)
    article = section["imio-touche"]
    assert article.title == "La Dernière Heure : IMIO touche 3,5 millions d'habitants"
    assert article.description == "L'intercommunale sert 250 communes."
    assert article.publication_date == date(2014, 1, 21)
    assert article.outlet == "la-derniere-heure"
    assert article.text.raw == (
        "<p>Une intercommunale <strong>au service</strong> des communes.</p>"
    )
    assert article.text.outputMimeType == "text/x-html-safe"
    assert article.Subject() == ("IMIO", "communes")
    assert article.listCreators() == creators
    assert article.effective().Date() == "2014/01/21"
    assert article.journalist is None
    assert article.page is None
    assert article.themes == []
    assert article.original_url is None
    # the related File's bytes, for logged-in users (the licence's default)
    assert article.paper_version.data == scans["dh"]
    assert article.paper_version.filename == "la-derniere-heure.pdf"
    assert article.paper_version.contentType == "application/pdf"
    assert article.paper_version_access == "authenticated"
    assert api.content.get_state(article) == "published"
    memo = IAnnotations(article)[ANNOTATION_KEY]
    # the article took over the page's UID; the archived page has a new one
    assert api.content.get_uuid(article) == source_uid
    assert memo["source_uid"] == api.content.get_uuid(
        folder["converties"]["imio-touche"]
    )
    assert memo["source_path"] == "/plone/revue-de-presse/imio-touche"
    assert memo["to_complete"] == ["journalist", "page", "themes", "original_url"]
    # found by the press search
    brains = api.content.find(
        portal_type="imio.pressbook.PressArticle", outlet="la-derniere-heure"
    )
    assert [brain.getId for brain in brains] == ["imio-touche"]


def test_other_scans_and_states(old_section, scans):
    folder, section = old_section
    run(folder, section)
    found = articles(section)
    assert found["logiciel-libre"].paper_version.data == scans["libre"]
    assert found["logiciel-libre"].outlet == "la-libre"
    assert api.content.get_state(found["logiciel-libre"]) == "private"
    assert found["reportage"].paper_version.data == scans["png"]
    assert found["reportage"].paper_version.contentType == "image/png"
    assert found["reportage"].outlet == "other"
    assert found["sans-scan"].paper_version is None


def test_originals_archived_private_and_their_addresses_redirected(old_section):
    folder, section = old_section
    uid = api.content.get_uuid(folder["imio-touche"])
    run(folder, section)
    archive = folder["converties"]
    assert api.content.get_state(archive) == "private"
    assert archive.exclude_from_nav is True
    # the pages and the Files they brought, nothing deleted; the loose File stays
    assert sorted(archive.objectIds()) == [
        "article-libre.pdf",
        "conseils",
        "imio-touche",
        "logiciel-libre",
        "logiciel-libre.pdf",
        "reportage",
        "sans-scan",
        "scan-2020-04-09.pdf",
        "scan-dh.pdf",
    ]
    assert sorted(folder.objectIds()) == ["2020", "communique.pdf", "converties"]
    assert folder["2020"].objectIds() == []
    for id in ("conseils", "imio-touche", "logiciel-libre", "reportage", "sans-scan"):
        assert api.content.get_state(archive[id]) == "private"
    # Files have no workflow: the private archive hides them
    for obj in archive.objectValues():
        assert "Anonymous" not in rolesForPermissionOn("View", obj)
    storage = getUtility(IRedirectionStorage)
    assert (
        storage.get("/plone/revue-de-presse/imio-touche") == "/plone/medias/imio-touche"
    )
    assert (
        storage.get("/plone/revue-de-presse/scan-dh.pdf") == "/plone/medias/imio-touche"
    )
    assert (
        storage.get("/plone/revue-de-presse/2020/conseils") == "/plone/medias/conseils"
    )
    assert (
        storage.get("/plone/revue-de-presse/logiciel-libre.pdf")
        == "/plone/medias/logiciel-libre"
    )
    # links by UID (resolveuid) lead to the article; the archived page, found
    # by its new UID, still knows its article
    article = section["imio-touche"]
    assert api.content.get_uuid(article) == uid
    assert api.content.get(UID=uid).absolute_url() == article.absolute_url()
    archived = archive["imio-touche"]
    assert api.content.get_uuid(archived) != uid
    assert [
        b.getPath() for b in api.content.find(UID=api.content.get_uuid(archived))
    ] == ["/plone/revue-de-presse/converties/imio-touche"]
    memo = IAnnotations(article)[ANNOTATION_KEY]
    assert memo["source_uid"] == api.content.get_uuid(archived)
    assert IAnnotations(archived)[ANNOTATION_KEY]["article_uid"] == uid


def test_originals_kept_where_they_are(old_section):
    folder, section = old_section
    ids = sorted(folder.objectIds())
    run(folder, section, originals="keep")
    assert sorted(folder.objectIds()) == ids
    assert api.content.get_state(folder["imio-touche"]) == "published"
    storage = getUtility(IRedirectionStorage)
    assert storage.get("/plone/revue-de-presse/imio-touche") is None
    assert len(articles(section)) == 5


@pytest.mark.parametrize("originals", ["archive", "keep"])
def test_converting_twice_makes_no_twin(old_section, originals):
    folder, section = old_section
    run(folder, section, originals=originals)
    first = {id: api.content.get_uuid(obj) for id, obj in articles(section).items()}
    # what the folder holds now: the archive is not read again, the kept
    # originals are known as converted
    again = plan_folder(folder)
    assert {item.status for item in again.items} <= {"converted"}
    report = run(folder, section, originals=originals)
    assert report.created == []
    after = {id: api.content.get_uuid(obj) for id, obj in articles(section).items()}
    assert after == first
    if originals == "keep":
        assert len(report.unchanged) == 5


def test_a_deleted_article_is_made_again(old_section):
    folder, section = old_section
    run(folder, section, originals="keep")
    with api.env.adopt_roles(["Manager"]):
        api.content.delete(section["reportage"])
    report = run(folder, section, originals="keep")
    assert [plan.source.getId() for plan, article in report.created] == ["reportage"]
    assert len(report.unchanged) == 4


def test_an_item_that_fails_stores_nothing(old_section):
    folder, section = old_section
    # someone edits the page: it cannot be moved into the archive
    ILockable(folder["logiciel-libre"]).lock()
    report = run(folder, section)
    assert [plan.source.getId() for plan, error in report.failed] == ["logiciel-libre"]
    assert "locked" in report.failed[0][1]
    assert len(report.created) == 4
    # no article, no note on the page, the page and its Files where they were
    assert "logiciel-libre" not in section
    assert ANNOTATION_KEY not in IAnnotations(folder["logiciel-libre"])
    assert "article-libre.pdf" in folder
    assert "logiciel-libre.pdf" in folder
    storage = getUtility(IRedirectionStorage)
    assert storage.get("/plone/revue-de-presse/logiciel-libre") is None
    # nor in the catalog, nor in the redirects
    processQueue()
    assert len(api.content.find(path="/plone/medias/logiciel-libre")) == 0
    assert [
        b.getPath()
        for b in api.content.find(UID=api.content.get_uuid(folder["logiciel-libre"]))
    ] == ["/plone/revue-de-presse/logiciel-libre"]
    # the others went on
    assert "imio-touche" in section
    assert "imio-touche" in folder["converties"]
