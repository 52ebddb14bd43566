"""``@@pressbook-convert`` over real HTTP (the functional layer's server): the
preview in French writes nothing; only site administrators reach it; the
confirmation needs the CSRF token, converts, makes no twin the second time,
and the old addresses lead visitors to the articles."""

from lxml import html
from plone import api

import pytest
import requests
import transaction


PASSWORD = "revue-de-presse-2024"
TIMEOUT = 60


@pytest.fixture
def site(functional_portal, old_section_builder):
    folder, section = old_section_builder(functional_portal)
    with api.env.adopt_roles(["Manager"]):
        api.user.create(
            email="admin@commune.be",
            username="siteadmin",
            password=PASSWORD,
        )
        api.user.grant_roles(username="siteadmin", roles=["Site Administrator"])
        api.user.create(email="editor@commune.be", username="editor", password=PASSWORD)
        for obj in (folder, section):
            api.user.grant_roles(
                username="editor", obj=obj, roles=["Editor", "Contributor"]
            )
    transaction.commit()
    return folder, section


def url(folder, query=""):
    return f"{folder.absolute_url()}/@@pressbook-convert{query}"


def last_transaction(portal):
    return portal._p_jar.db().lastTransaction()


def convert_form(response):
    """The fields of the page's "Convert" form (method POST)."""
    page = html.fromstring(response.text)
    (form,) = page.xpath("//form[@method='post']")
    fields = {field.name: field.value for field in form.xpath(".//input")}
    (button,) = form.xpath(".//button[@type='submit']")
    fields[button.get("name")] = button.get("value")
    return fields


def test_anonymous_and_editors_are_refused(site, functional_portal):
    folder, section = site
    for auth in (None, ("editor", PASSWORD)):
        response = requests.get(
            url(folder), auth=auth, timeout=TIMEOUT, allow_redirects=False
        )
        assert response.status_code in (302, 401), auth
        assert "pressbook-convert" not in response.text
        response = requests.post(
            url(folder),
            data={"convert": "1"},
            auth=auth,
            timeout=TIMEOUT,
            allow_redirects=False,
        )
        assert response.status_code in (302, 401, 403), auth
    transaction.begin()
    assert list(section.objectIds()) == []


def test_the_preview_in_french_writes_nothing(site, functional_portal):
    folder, section = site
    # Plone's own first write: the portlets' settings, made on the first page
    # shown (any page)
    requests.get(folder.absolute_url(), auth=("siteadmin", PASSWORD), timeout=TIMEOUT)
    before = last_transaction(functional_portal)
    response = requests.get(url(folder), auth=("siteadmin", PASSWORD), timeout=TIMEOUT)
    assert response.status_code == 200
    page = html.fromstring(response.text)
    assert page.xpath("//h1")[0].text_content().strip() == (
        "Convertir en articles de presse"
    )
    rows = {
        row.get("data-uid"): row
        for row in page.xpath("//table[contains(@class, 'preview')]/tbody/tr")
    }
    assert len(rows) == 5
    news = rows[api.content.get_uuid(folder["imio-touche"])]
    assert news.get("class") == "pressbook-convert-new"
    text = " ".join(news.text_content().split())
    assert text.startswith(
        "La Dernière Heure : IMIO touche 3,5 millions d'habitants Actualité "
    )
    assert "21/01/2014 (date de publication de la page)" in text
    assert "deviné La Dernière Heure (deviné d'après le titre : à vérifier)" in text
    assert "la-derniere-heure.pdf" in text
    assert "élément lié" in text
    assert "visible par les utilisateurs connectés" in text
    missing = news.xpath(".//ul[@class='pressbook-convert-missing']/li/text()")
    assert missing == [
        "Journaliste",
        "Page, rubrique ou édition",
        "Thèmes",
        "Lien vers l'article original",
    ]
    other = rows[api.content.get_uuid(folder["2020"]["sans-scan"])]
    assert other.xpath(".//ul[@class='pressbook-convert-missing']/li/text()")[0] == (
        "Média"
    )
    assert page.xpath("//ul[@class='pressbook-convert-loose']/li/a/text()") == [
        "communique.pdf"
    ]
    # nothing stored: no transaction, no article
    assert last_transaction(functional_portal) == before
    transaction.begin()
    assert list(section.objectIds()) == []


def test_confirming_without_the_token_is_refused(site, functional_portal):
    folder, section = site
    response = requests.get(url(folder), auth=("siteadmin", PASSWORD), timeout=TIMEOUT)
    data = convert_form(response)
    del data["_authenticator"]
    before = last_transaction(functional_portal)
    response = requests.post(
        url(folder), data=data, auth=("siteadmin", PASSWORD), timeout=TIMEOUT
    )
    assert response.status_code == 403
    assert last_transaction(functional_portal) == before


def test_confirming_converts_once_and_old_addresses_redirect(site, functional_portal):
    folder, section = site
    uid = api.content.get_uuid(folder["imio-touche"])
    auth = ("siteadmin", PASSWORD)
    data = convert_form(requests.get(url(folder), auth=auth, timeout=TIMEOUT))
    assert data["originals"] == "archive"
    assert data["target"] == api.content.get_uuid(section)
    response = requests.post(url(folder), data=data, auth=auth, timeout=TIMEOUT)
    assert response.status_code == 200
    report = html.fromstring(response.text)
    items = [
        " ".join(li.text_content().split())
        for li in report.xpath("//ul[@class='pressbook-convert-report']/li")
    ]
    assert items == [
        "Créés : 5",
        "Déjà convertis, laissés tels quels : 0",
        "Refusés par l'aperçu : 0",
        "En échec, rien n'est gardé d'eux : 0",
    ]
    transaction.begin()
    assert sorted(section.objectIds()) == [
        "conseils",
        "imio-touche",
        "logiciel-libre",
        "reportage",
        "sans-scan",
    ]
    # the same confirmation again: no twin
    response = requests.post(url(folder), data=data, auth=auth, timeout=TIMEOUT)
    assert response.status_code == 200
    assert "Créés : 0" in " ".join(response.text.split())
    transaction.begin()
    assert len(section.objectIds()) == 5
    # a visitor's old bookmark lands on the article
    old = f"{functional_portal.absolute_url()}/revue-de-presse/imio-touche"
    response = requests.get(old, timeout=TIMEOUT)
    assert response.status_code == 200
    assert response.history and response.history[0].status_code in (301, 302)
    assert response.url == section["imio-touche"].absolute_url()
    # and so does a link to the page by its UID (TinyMCE's resolveuid links)
    response = requests.get(
        f"{functional_portal.absolute_url()}/resolveuid/{uid}", timeout=TIMEOUT
    )
    assert response.status_code == 200
    assert response.url == section["imio-touche"].absolute_url()


@pytest.mark.parametrize(
    "query, message",
    [
        (
            "?target=nope",
            "Le paramètre « target » ne désigne aucune section presse de ce site "
            "où vous pouvez ajouter des articles.",
        ),
        (
            "?originals=delete",
            "Le paramètre « originals » vaut « archive » ou « keep ».",
        ),
        (
            "?default_outlet=le-monde",
            "Le paramètre « default_outlet » ne désigne aucun média des "
            "réglages Presse.",
        ),
    ],
)
def test_bad_parameters_answer_400_in_french(site, functional_portal, query, message):
    folder, section = site
    response = requests.get(
        url(folder, query), auth=("siteadmin", PASSWORD), timeout=TIMEOUT
    )
    assert response.status_code == 400
    page = html.fromstring(response.text)
    error = page.xpath("//div[contains(@class, 'pressbook-convert-error')]")
    assert error[0].text_content().strip() == message
