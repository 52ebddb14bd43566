"""The dry run: what each page of an old press section would become, the
fields it cannot guess, and nothing written."""

from DateTime import DateTime
from datetime import date
from imio.pressbook.conversion.plan import BESIDE
from imio.pressbook.conversion.plan import LEAD_IMAGE
from imio.pressbook.conversion.plan import LINKED
from imio.pressbook.conversion.plan import plan_folder
from imio.pressbook.conversion.plan import RELATED
from plone import api
from plone.app.textfield.value import RichTextValue
from Products.CMFCore.indexing import processQueue
from zope.i18n import translate

import transaction


def by_id(plan):
    return {item.source.getId(): item for item in plan.items}


def fr(message):
    return translate(message, target_language="fr")


def test_every_news_item_and_document_of_the_tree_is_planned(old_section):
    folder, section = old_section
    plan = plan_folder(folder)
    assert sorted(by_id(plan)) == [
        "conseils",
        "imio-touche",
        "logiciel-libre",
        "reportage",
        "sans-scan",
    ]
    assert {item.status for item in plan.items} == {"new"}
    # the File no page claims is listed, left as it is
    assert [obj.getId() for obj in plan.loose] == ["communique.pdf"]


def test_fields_taken_from_the_page(old_section):
    folder, section = old_section
    item = by_id(plan_folder(folder))["imio-touche"]
    assert item.title == "La Dernière Heure : IMIO touche 3,5 millions d'habitants"
    assert item.lead == "L'intercommunale sert 250 communes."
    assert item.publication_date == date(2014, 1, 21)
    assert fr(item.date_from) == "date de publication de la page"
    assert "<strong>au service</strong>" in item.text.raw
    assert item.subjects == ("IMIO", "communes")
    assert item.review_state == "published"


def test_a_page_never_published_takes_its_creation_date(old_section):
    folder, section = old_section
    item = by_id(plan_folder(folder))["logiciel-libre"]
    assert (
        item.publication_date == folder["logiciel-libre"].created().asdatetime().date()
    )
    assert fr(item.date_from) == "date de création de la page"


def test_outlet_named_in_the_title_or_description_is_a_guess(old_section):
    folder, section = old_section
    items = by_id(plan_folder(folder))
    news = items["imio-touche"]
    assert news.outlet == "la-derniere-heure"
    assert fr(news.outlet_guess) == (
        "La Dernière Heure (deviné d'après le titre : à vérifier)"
    )
    assert "outlet" not in news.missing
    document = items["logiciel-libre"]
    assert document.outlet == "la-libre"
    assert fr(document.outlet_guess) == (
        "La Libre Belgique (deviné d'après la description : à vérifier)"
    )
    # no outlet named: "Autre média", and the outlet is listed to complete
    reportage = items["reportage"]
    assert reportage.outlet == "other"
    assert reportage.outlet_guess == ""
    assert "outlet" in reportage.missing


def test_fields_it_cannot_guess_are_listed_in_french(old_section):
    folder, section = old_section
    items = by_id(plan_folder(folder))
    assert [fr(t) for t in items["imio-touche"].missing_titles()] == [
        "Journaliste",
        "Page, rubrique ou édition",
        "Thèmes",
        "Lien vers l'article original",
    ]
    assert [fr(t) for t in items["sans-scan"].missing_titles()] == [
        "Média",
        "Journaliste",
        "Page, rubrique ou édition",
        "Thèmes",
        "Lien vers l'article original",
        "Version papier",
    ]


def test_scans_found_where_old_sites_kept_them(old_section):
    folder, section = old_section
    items = by_id(plan_folder(folder))
    related = items["imio-touche"].scan
    assert (related.obj.getId(), related.how, related.is_pdf) == (
        "scan-dh.pdf",
        RELATED,
        True,
    )
    assert related.blob.data.startswith(b"%PDF")
    # linked from the text; the second PDF beside it is not taken, but shown
    document = items["logiciel-libre"]
    assert (document.scan.obj.getId(), document.scan.how) == (
        "article-libre.pdf",
        LINKED,
    )
    assert [(a.obj.getId(), a.how) for a in document.others] == [
        ("logiciel-libre.pdf", BESIDE)
    ]
    # beside it in its year folder, the same title
    conseils = items["conseils"].scan
    assert (conseils.obj.getId(), conseils.how) == ("scan-2020-04-09.pdf", BESIDE)
    # the news item's lead image, failing any File
    image = items["reportage"].scan
    assert (image.how, image.content_type, image.filename) == (
        LEAD_IMAGE,
        "image/png",
        "coupure.png",
    )
    assert items["sans-scan"].scan is None


def test_no_outlet_for_the_others_refuses_them(old_section):
    folder, section = old_section
    items = by_id(plan_folder(folder, default_outlet=None))
    assert items["imio-touche"].status == "new"
    assert items["reportage"].status == "refused"
    assert [fr(p) for p in items["reportage"].problems] == [
        "Aucun média nommé dans son titre ni sa description, et aucun média "
        "choisi pour les autres."
    ]


def test_the_dry_run_writes_nothing(old_section):
    folder, section = old_section
    # the fixture's writes: indexed, then stored in a savepoint
    processQueue()
    transaction.savepoint()
    connection = folder._p_jar
    before = list(connection._registered_objects)
    plan = plan_folder(folder)
    assert len(plan.items) == 5
    # no object joined the transaction, none changed
    assert connection._registered_objects == before
    assert not folder._p_changed
    for item in plan.items:
        assert not item.source._p_changed
    assert len(section.objectIds()) == 0


def test_a_file_linked_by_its_address_is_the_scan(old_section):
    folder, section = old_section
    with api.env.adopt_roles(["Manager"]):
        api.content.create(
            folder,
            "Document",
            id="communique-de-presse",
            title="Communiqué repris par Sudinfo",
            text=RichTextValue(
                f'<p><a href="{folder.absolute_url()}/communique.pdf/@@download/file">'
                "La coupure</a> et <a href='https://www.sudinfo.be/x'>l'article</a></p>",
                "text/html",
                "text/x-html-safe",
            ),
        )
    plan = plan_folder(folder)
    item = by_id(plan)["communique-de-presse"]
    assert (item.scan.obj.getId(), item.scan.how) == ("communique.pdf", LINKED)
    assert item.outlet == "sudinfo"
    # claimed now: no loose File left
    assert plan.loose == []


def test_an_effective_date_to_come_is_not_a_publication_date(old_section):
    folder, section = old_section
    document = folder["logiciel-libre"]
    document.setEffectiveDate(DateTime() + 30)
    item = by_id(plan_folder(folder))["logiciel-libre"]
    assert item.publication_date == document.created().asdatetime().date()
    assert fr(item.date_from) == "date de création de la page"
