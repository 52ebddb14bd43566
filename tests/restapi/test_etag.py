"""Optimistic concurrency over HTTP: a GET of an article or a question gives
its ETag; PATCH and DELETE with a stale If-Match are refused (412), with a
right one or without one they go on."""

from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD

import pytest
import requests
import transaction


ARTICLE = {
    "@type": "imio.pressbook.PressArticle",
    "title": "Imio touche 3,5 millions d'habitants",
    "publication_date": "2014-01-21",
    "outlet": "la-derniere-heure",
}
ANSWER = {
    "date": "2015-09-07",
    "answered_by": "FURLAN Paul",
    "kind": "final",
    "text": "Oui.",
}
QUESTION = {
    "@type": "imio.pressbook.ParliamentaryQuestion",
    "title": "Les partenariats sollicités par l'intercommunale IMIO",
    "assembly": "parlement-wallonie",
    "question_type": "written",
    "question_date": "2015-07-10",
    "asked_by": "DUPONT Jean-Marc",
    "addressed_to": "FURLAN Paul",
    "answers": [],
}
STALE_MESSAGE = (
    "Cet élément a été modifié depuis que vous l'avez lu (If-Match ne "
    "correspond pas à son ETag) : relisez-le avant de le modifier ou de le "
    "supprimer."
)


def client():
    http = requests.Session()
    http.auth = (SITE_OWNER_NAME, SITE_OWNER_PASSWORD)
    http.headers["Accept"] = "application/json"
    return http


@pytest.fixture(params=["article", "question"])
def url(request, book, owner):
    payload = ARTICLE if request.param == "article" else QUESTION
    response = owner.post(book.absolute_url(), json=payload)
    assert response.status_code == 201, response.text
    return response.headers["Location"]


def etag_of(http, url):
    response = http.get(url)
    assert response.status_code == 200, response.text
    return response.headers["ETag"]


def stored_title(book, url):
    transaction.begin()
    return book[url.rsplit("/", 1)[-1]].title


class TestETag:
    def test_a_get_gives_a_quoted_etag_that_stays_while_nothing_changes(
        self, url, owner
    ):
        tag = etag_of(owner, url)
        assert tag.startswith('"') and tag.endswith('"') and len(tag) > 2
        assert etag_of(owner, url) == tag

    def test_the_etag_changes_with_an_edit(self, url, owner):
        tag = etag_of(owner, url)
        assert owner.patch(url, json={"title": "Autre titre"}).status_code == 204
        assert etag_of(owner, url) != tag

    def test_a_patch_answers_with_the_new_etag(self, url, owner):
        response = owner.patch(url, json={"title": "Autre titre"})
        assert response.status_code == 204
        assert response.headers["ETag"] == etag_of(owner, url)
        response = owner.patch(
            url,
            json={"title": "Encore un"},
            headers={
                "If-Match": response.headers["ETag"],
                "Prefer": "return=representation",
            },
        )
        assert response.status_code == 200, response.text
        assert response.json()["title"] == "Encore un"
        assert response.headers["ETag"] == etag_of(owner, url)

    def test_the_etag_changes_with_an_answer_added(self, book, owner):
        url = owner.post(book.absolute_url(), json=QUESTION).headers["Location"]
        tag = etag_of(owner, url)
        assert owner.patch(url, json={"answers": [ANSWER]}).status_code == 204
        assert etag_of(owner, url) != tag

    def test_the_etag_changes_with_a_transition(self, url, owner):
        tag = etag_of(owner, url)
        response = owner.post(f"{url}/@workflow/publish")
        assert response.status_code == 200, response.text
        assert etag_of(owner, url) != tag

    def test_a_visitor_gets_the_same_etag(self, url, owner):
        assert owner.post(f"{url}/@workflow/publish").status_code == 200
        with requests.Session() as visitor:
            visitor.headers["Accept"] = "application/json"
            assert etag_of(visitor, url) == etag_of(owner, url)

    def test_an_older_version_comes_without_etag(self, book, url, owner):
        transaction.begin()
        item = book[url.rsplit("/", 1)[-1]]
        api.portal.get_tool("portal_repository").save(item, comment="Première")
        transaction.commit()
        assert owner.patch(url, json={"title": "Autre titre"}).status_code == 204
        response = owner.get(f"{url}?version=0")
        assert response.status_code == 200, response.text
        assert response.json()["title"] != "Autre titre"
        assert "ETag" not in response.headers

    def test_other_content_is_served_as_before(self, book, owner):
        response = owner.get(book.absolute_url())
        assert response.status_code == 200
        assert "ETag" not in response.headers


class TestPatch:
    def test_a_stale_if_match_is_refused_and_nothing_stored(self, book, url):
        """Two clients read the same item; the second one's change, made on
        what it read, is refused instead of overwriting the first one's."""
        first, second = client(), client()
        read = etag_of(first, url)
        assert etag_of(second, url) == read
        response = first.patch(
            url, json={"title": "Titre du premier"}, headers={"If-Match": read}
        )
        assert response.status_code == 204, response.text
        response = second.patch(
            url, json={"title": "Titre du second"}, headers={"If-Match": read}
        )
        assert response.status_code == 412
        error = response.json()
        assert error["type"] == "PreconditionFailed"
        assert error["message"] == STALE_MESSAGE
        assert response.headers["ETag"] == etag_of(second, url) != read
        assert stored_title(book, url) == "Titre du premier"

    def test_the_current_etag_lets_the_change_through(self, book, url, owner):
        response = owner.patch(
            url, json={"title": "Nouveau"}, headers={"If-Match": etag_of(owner, url)}
        )
        assert response.status_code == 204, response.text
        assert stored_title(book, url) == "Nouveau"

    @pytest.mark.parametrize(
        "header",
        ["*", '"{}", {}', '"0000", {}', "{}"],
        ids=["star", "listed-first", "listed-second", "current"],
    )
    def test_if_match_forms_that_match(self, book, url, owner, header):
        tag = etag_of(owner, url)
        header = header.format(tag[1:-1], tag) if "{}" in header else header
        response = owner.patch(
            url, json={"title": "Nouveau"}, headers={"If-Match": header}
        )
        assert response.status_code == 204, response.text
        assert stored_title(book, url) == "Nouveau"

    def test_a_weak_tag_never_matches(self, book, url, owner):
        tag = etag_of(owner, url)
        response = owner.patch(
            url, json={"title": "Nouveau"}, headers={"If-Match": f"W/{tag}"}
        )
        assert response.status_code == 412
        assert response.headers["ETag"] == tag
        assert stored_title(book, url) != "Nouveau"

    def test_without_if_match_the_change_goes_on_as_before(self, book, url, owner):
        assert owner.patch(url, json={"title": "Autre"}).status_code == 204
        assert owner.patch(url, json={"title": "Encore"}).status_code == 204
        assert stored_title(book, url) == "Encore"

    def test_a_visitor_learns_nothing_from_if_match(self, url):
        with requests.Session() as visitor:
            visitor.headers["Accept"] = "application/json"
            response = visitor.patch(
                url, json={"title": "Pirate"}, headers={"If-Match": '"0000"'}
            )
        assert response.status_code == 401
        assert "ETag" not in response.headers


class TestDelete:
    def test_a_stale_if_match_keeps_the_item(self, book, url, owner):
        read = etag_of(owner, url)
        assert owner.patch(url, json={"title": "Changé"}).status_code == 204
        response = owner.delete(url, headers={"If-Match": read})
        assert response.status_code == 412
        assert response.json()["type"] == "PreconditionFailed"
        assert response.headers["ETag"] == etag_of(owner, url)
        transaction.begin()
        assert url.rsplit("/", 1)[-1] in book.objectIds()

    def test_the_current_etag_deletes(self, book, url, owner):
        response = owner.delete(url, headers={"If-Match": etag_of(owner, url)})
        assert response.status_code == 204, response.text
        assert owner.get(url).status_code == 404

    def test_without_if_match_it_deletes_as_before(self, url, owner):
        assert owner.delete(url).status_code == 204
        assert owner.get(url).status_code == 404
