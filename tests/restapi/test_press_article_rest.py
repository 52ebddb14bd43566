"""The plone.restapi contract of imio.pressbook.PressArticle, over HTTP."""

from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD

import base64
import requests
import transaction


ARTICLE = "imio.pressbook.PressArticle"
PASSWORD = "Une-longue-phrase-2014"
SCAN = b"%PDF-1.4\n% the scan of page 7\n%%EOF\n"

# the clipping of the seed page (001_...): our own summary of it
PAYLOAD = {
    "@type": ARTICLE,
    "title": "Imio touche 3,5 millions d'habitants en Région wallonne",
    "description": "The Minister takes stock of the intercommunale IMIO.",
    "text": "<p>More than 200 local authorities have joined.</p>",
    "publication_date": "2014-01-21",
    "outlet": "la-derniere-heure",
    "journalist": "C. Ti.",
    "page": "p. 7, Régions",
    "original_url": "https://www.dhnet.be/regions/imio",
    "paper_version_access": "public",
    "subjects": ["IMIO"],
}


def session(user=SITE_OWNER_NAME, password=SITE_OWNER_PASSWORD):
    http = requests.Session()
    if user:
        http.auth = (user, password)
    http.headers["Accept"] = "application/json"
    return http


def create_user(username, book, local_roles=()):
    api.user.create(
        email=f"{username}@example.org",
        username=username,
        password=PASSWORD,
        roles=("Member",),
    )
    if local_roles:
        api.user.grant_roles(username=username, obj=book, roles=list(local_roles))
    transaction.commit()


def items(book):
    transaction.begin()
    return list(book.objectIds())


class TestCreateReadUpdateDelete:
    def test_post_creates_an_article_read_back_with_the_same_field_names(
        self, book, owner
    ):
        response = owner.post(book.absolute_url(), json=PAYLOAD)
        assert response.status_code == 201, response.text
        data = owner.get(response.headers["Location"]).json()
        assert data["@type"] == ARTICLE
        for name in (
            "title",
            "description",
            "publication_date",
            "journalist",
            "page",
            "original_url",
            "subjects",
        ):
            assert data[name] == PAYLOAD[name], name
        assert (
            data["text"]["data"]
            == "<p>More than 200 local authorities have joined.</p>"
        )
        assert data["outlet"] == {
            "token": "la-derniere-heure",
            "title": "La Dernière Heure",
        }
        assert data["paper_version_access"]["token"] == "public"

    def test_paper_version_access_defaults_to_logged_in_users(self, book, owner):
        payload = {
            key: value
            for key, value in PAYLOAD.items()
            if key != "paper_version_access"
        }
        url = owner.post(book.absolute_url(), json=payload).headers["Location"]
        assert owner.get(url).json()["paper_version_access"]["token"] == "authenticated"

    def test_post_stores_the_paper_version(self, book, owner):
        paper_version = {
            "data": base64.b64encode(SCAN).decode("ascii"),
            "encoding": "base64",
            "filename": "dh-2014-01-21.pdf",
            "content-type": "application/pdf",
        }
        response = owner.post(
            book.absolute_url(), json=dict(PAYLOAD, paper_version=paper_version)
        )
        assert response.status_code == 201, response.text
        article = book[items(book)[0]]
        assert (article.paper_version.filename, article.paper_version.data) == (
            "dh-2014-01-21.pdf",
            SCAN,
        )

    def test_patch_updates_the_fields(self, book, owner):
        url = owner.post(book.absolute_url(), json=PAYLOAD).headers["Location"]
        response = owner.patch(
            url,
            json={
                "outlet": "le-soir",
                "page": "p. 3",
                "publication_date": "2014-01-22",
            },
        )
        assert response.status_code == 204, response.text
        data = owner.get(url).json()
        assert data["outlet"]["token"] == "le-soir"
        assert (data["page"], data["publication_date"]) == ("p. 3", "2014-01-22")
        assert data["journalist"] == "C. Ti."

    def test_delete_removes_the_article(self, book, owner):
        url = owner.post(book.absolute_url(), json=PAYLOAD).headers["Location"]
        assert owner.delete(url).status_code == 204
        assert owner.get(url).status_code == 404
        assert items(book) == []


class TestListings:
    def test_search_summaries_carry_the_article_metadata(self, book, owner):
        owner.post(book.absolute_url(), json=PAYLOAD)
        response = owner.get(
            f"{book.absolute_url()}/@search", params={"portal_type": ARTICLE}
        )
        [item] = response.json()["items"]
        assert (item["outlet"], item["journalist"]) == ("la-derniere-heure", "C. Ti.")
        assert item["pressbook_date"] == "2014-01-21T00:00:00"
        # the question's metadata are there too, empty
        assert (item["assembly"], item["answer_status"]) == (None, None)

    def test_folder_items_carry_the_article_metadata(self, book, owner):
        owner.post(book.absolute_url(), json=PAYLOAD)
        [item] = owner.get(book.absolute_url()).json()["items"]
        assert item["@type"] == ARTICLE
        assert (item["outlet"], item["journalist"]) == ("la-derniere-heure", "C. Ti.")
        assert item["pressbook_date"] == "2014-01-21T00:00:00"


class TestPermissions:
    def test_anonymous_cannot_post(self, book):
        with session(user=None) as anonymous:
            response = anonymous.post(book.absolute_url(), json=PAYLOAD)
        assert response.status_code == 401
        assert items(book) == []

    def test_a_member_without_local_role_cannot_add(self, book):
        create_user("jean", book)
        with session("jean", PASSWORD) as member:
            response = member.post(book.absolute_url(), json=PAYLOAD)
        # Zope answers Unauthorized with a 401, authenticated or not
        assert response.status_code == 401, response.text
        assert items(book) == []

    def test_a_contributor_can_add(self, book):
        create_user("marie", book, local_roles=["Contributor"])
        with session("marie", PASSWORD) as contributor:
            response = contributor.post(book.absolute_url(), json=PAYLOAD)
        assert response.status_code == 201, response.text
        assert len(items(book)) == 1
