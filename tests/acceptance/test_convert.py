"""A site administrator converts an old press section in Chromium: the Folder's
"Actions" menu, the preview in French with its guessed outlet, the choice to
keep the originals, the confirmation, the report, the new article."""

from pathlib import Path
from playwright.sync_api import expect
from plone import api
from plone.app.relationfield.behavior import IRelatedItems
from plone.namedfile.file import NamedBlobFile
from z3c.relationfield import RelationValue
from zope.component import getUtility
from zope.intid.interfaces import IIntIds

import pytest
import transaction


ADMIN = ("administratrice", "Convertir-la-presse-2015")
PDF = (
    Path(__file__).resolve().parents[2]
    / "src/imio/pressbook/setuphandlers/democontent/content"
    / "imio-touche-3-5-millions-d-habitants/paper_version"
    / "la-derniere-heure-2014-01-21.pdf"
).read_bytes()


@pytest.fixture
def old_section(functional, press_book):
    """A Folder with a News Item naming its outlet, its scan a related File,
    and a Document naming none; a site administrator."""
    portal = functional["portal"]
    with api.env.adopt_roles(["Manager"]):
        folder = api.content.create(
            portal, "Folder", id="revue-de-presse", title="Revue de presse"
        )
        scan = api.content.create(
            folder,
            "File",
            id="scan.pdf",
            file=NamedBlobFile(
                data=PDF, contentType="application/pdf", filename="le-soir.pdf"
            ),
        )
        news = api.content.create(
            folder,
            "News Item",
            id="imio-touche",
            title="Le Soir : IMIO touche 3,5 millions d'habitants",
        )
        IRelatedItems(news).relatedItems = [
            RelationValue(getUtility(IIntIds).getId(scan))
        ]
        api.content.create(
            folder, "Document", id="conseils", title="Conseils communaux à distance"
        )
        api.user.create(email="admin@example.org", username=ADMIN[0], password=ADMIN[1])
        api.user.grant_roles(username=ADMIN[0], roles=["Site Administrator"])
    transaction.commit()
    return folder


@pytest.mark.browser
def test_site_administrator_previews_then_converts(
    open_page, old_section, press_book, functional_url
):
    page = open_page(ADMIN)
    page.goto(f"{functional_url}/revue-de-presse")
    page.locator("#plone-contentmenu-actions > a").click()
    page.get_by_role("link", name="Convertir en articles de presse").click()

    expect(page.locator("h1")).to_have_text("Convertir en articles de presse")
    rows = page.locator("table.pressbook-convert-preview tbody tr")
    expect(rows).to_have_count(2)
    news = rows.filter(has_text="IMIO touche")
    expect(news).to_contain_text("Le Soir (deviné d'après le titre : à vérifier)")
    expect(news).to_contain_text("le-soir.pdf")
    expect(news.locator(".badge")).to_have_text("deviné")
    expect(rows.filter(has_text="Conseils communaux")).to_contain_text("Média")
    expect(page.locator(".pressbook-convert-summary")).to_contain_text(
        "Rien n'est enregistré avant votre confirmation."
    )

    # keep the originals where they are: the preview again, then confirm
    page.get_by_label("laissées où elles sont", exact=False).check()
    page.get_by_role("button", name="Mettre à jour l'aperçu").click()
    expect(page.get_by_label("laissées où elles sont", exact=False)).to_be_checked()
    page.get_by_role("button", name="Convertir en articles de presse").click()

    report = page.locator("ul.pressbook-convert-report")
    expect(report).to_contain_text("Créés : 2")
    page.locator("table.pressbook-convert-created").get_by_role(
        "link", name="Le Soir : IMIO touche 3,5 millions d'habitants"
    ).click()
    expect(page.locator("h1")).to_have_text(
        "Le Soir : IMIO touche 3,5 millions d'habitants"
    )
    assert page.url.startswith(f"{functional_url}/dans-les-medias/imio-touche")

    transaction.begin()
    assert sorted(press_book.objectIds()) == ["conseils", "imio-touche"]
    assert "imio-touche" in old_section
    assert press_book["imio-touche"].paper_version.data == PDF
