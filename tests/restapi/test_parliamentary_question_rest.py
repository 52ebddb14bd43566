"""The plone.restapi contract of imio.pressbook.ParliamentaryQuestion, over HTTP."""

from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD

import requests
import transaction


QUESTION = "imio.pressbook.ParliamentaryQuestion"
PASSWORD = "Une-longue-phrase-2015"

# the written question of the seed page (000_...): our own summary of it
ANSWER = {
    "date": "2015-09-07",
    "answered_by": "FURLAN Paul",
    "kind": "final",
    "text": "IMIO takes part in the regional working groups.",
}
PAYLOAD = {
    "@type": QUESTION,
    "title": "Les partenariats sollicités par l'intercommunale IMIO",
    "description": "Should IMIO join the regional working groups?",
    "assembly": "parlement-wallonie",
    "question_type": "written",
    "session": "2014-2015",
    "year": 2015,
    "number": "518 (2014-2015) 1",
    "question_date": "2015-07-10",
    "asked_by": "DUPONT Jean-Marc",
    "asked_by_group": "MR",
    "addressed_to": "FURLAN Paul",
    "addressee_role": "Ministre des Pouvoirs locaux",
    "question_text": "<p>Is the Minister in favour of it?</p>",
    "answers": [ANSWER],
    "source_url": "https://www.parlement-wallonie.be/pwpages?p=quest&id=518",
    "subjects": ["IMIO", "Pouvoirs locaux"],
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
    def test_post_creates_a_question_read_back_with_the_same_field_names(
        self, book, owner
    ):
        response = owner.post(book.absolute_url(), json=PAYLOAD)
        assert response.status_code == 201, response.text
        data = owner.get(response.headers["Location"]).json()
        assert data["@type"] == QUESTION
        for name in (
            "title",
            "description",
            "session",
            "year",
            "number",
            "question_date",
            "asked_by",
            "asked_by_group",
            "addressed_to",
            "addressee_role",
            "source_url",
        ):
            assert data[name] == PAYLOAD[name], name
        assert data["assembly"]["token"] == "parlement-wallonie"
        assert data["question_type"]["token"] == "written"
        assert (
            data["question_text"]["data"] == "<p>Is the Minister in favour of it?</p>"
        )
        assert data["subjects"] == ["IMIO", "Pouvoirs locaux"]

    def test_answers_are_serialized_back_as_sent_with_iso_dates(self, book, owner):
        response = owner.post(book.absolute_url(), json=PAYLOAD)
        data = owner.get(response.headers["Location"]).json()
        assert data["answers"] == [ANSWER]

    def test_answers_are_stored_as_dates(self, book, owner):
        owner.post(book.absolute_url(), json=PAYLOAD)
        transaction.begin()
        question = book[items(book)[0]]
        assert [row["date"].isoformat() for row in question.answers] == ["2015-09-07"]
        assert type(question.answers[0]["date"]).__name__ == "date"

    def test_a_missing_kind_takes_the_default(self, book, owner):
        payload = dict(PAYLOAD, answers=[{"date": "2015-09-07", "text": "Yes."}])
        response = owner.post(book.absolute_url(), json=payload)
        assert response.status_code == 201, response.text
        data = owner.get(response.headers["Location"]).json()
        assert data["answers"] == [
            {"date": "2015-09-07", "answered_by": None, "kind": "final", "text": "Yes."}
        ]

    def test_patch_updates_fields_and_answers(self, book, owner):
        url = owner.post(book.absolute_url(), json=PAYLOAD).headers["Location"]
        holding = {
            "date": "2015-08-01",
            "answered_by": "FURLAN Paul",
            "kind": "holding",
            "text": "Soon.",
        }
        response = owner.patch(
            url,
            json={
                "number": "518 (2014-2015) 2",
                "answers": [holding, ANSWER],
                "assembly": "chambre",
            },
        )
        assert response.status_code == 204, response.text
        data = owner.get(url).json()
        assert data["number"] == "518 (2014-2015) 2"
        assert data["assembly"]["token"] == "chambre"
        assert data["answers"] == [holding, ANSWER]

    def test_patch_null_empties_the_answers(self, book, owner):
        url = owner.post(book.absolute_url(), json=PAYLOAD).headers["Location"]
        assert owner.patch(url, json={"answers": None}).status_code == 204
        assert owner.get(url).json()["answers"] == []

    def test_delete_removes_the_question(self, book, owner):
        url = owner.post(book.absolute_url(), json=PAYLOAD).headers["Location"]
        assert owner.delete(url).status_code == 204
        assert owner.get(url).status_code == 404
        assert items(book) == []


class TestAnswerStatus:
    def test_answered_once_a_final_answer_is_recorded(self, book, owner):
        url = owner.post(book.absolute_url(), json=PAYLOAD).headers["Location"]
        assert owner.get(url).json()["answer_status"] == "answered"

    def test_awaiting_without_answer(self, book, owner):
        url = owner.post(book.absolute_url(), json=dict(PAYLOAD, answers=[])).headers[
            "Location"
        ]
        assert owner.get(url).json()["answer_status"] == "awaiting"

    def test_a_holding_answer_leaves_the_question_awaiting(self, book, owner):
        holding = dict(ANSWER, kind="holding")
        url = owner.post(
            book.absolute_url(), json=dict(PAYLOAD, answers=[holding])
        ).headers["Location"]
        assert owner.get(url).json()["answer_status"] == "awaiting"

    def test_overdue_past_the_assemblys_deadline(self, book, owner):
        # asked on 10 July 2015 in the Parliament of Wallonia: 28 days
        url = owner.post(book.absolute_url(), json=dict(PAYLOAD, answers=[])).headers[
            "Location"
        ]
        data = owner.get(url).json()
        assert data["answer_status"] == "awaiting"
        assert data["answer_due_date"] == "2015-08-07"
        assert data["answer_overdue"] is True
        owner.patch(url, json={"answers": [ANSWER]})
        assert owner.get(url).json()["answer_overdue"] is False

    def test_never_overdue_without_a_deadline(self, book, owner):
        payload = dict(PAYLOAD, answers=[], assembly="chambre")
        url = owner.post(book.absolute_url(), json=payload).headers["Location"]
        data = owner.get(url).json()
        assert data["answer_due_date"] is None
        assert data["answer_overdue"] is False

    def test_follows_a_patch_of_the_answers(self, book, owner):
        url = owner.post(book.absolute_url(), json=dict(PAYLOAD, answers=[])).headers[
            "Location"
        ]
        owner.patch(url, json={"answers": [ANSWER]})
        assert owner.get(url).json()["answer_status"] == "answered"

    def test_sent_in_a_post_it_is_ignored(self, book, owner):
        payload = dict(PAYLOAD, answers=[], answer_status="answered")
        response = owner.post(book.absolute_url(), json=payload)
        assert response.status_code == 201, response.text
        assert (
            owner.get(response.headers["Location"]).json()["answer_status"]
            == "awaiting"
        )
        question = book[items(book)[0]]
        assert "answer_status" not in question.__dict__

    def test_sent_in_a_patch_it_is_ignored(self, book, owner):
        url = owner.post(book.absolute_url(), json=PAYLOAD).headers["Location"]
        response = owner.patch(
            url, json={"answer_status": "awaiting", "number": "518 bis"}
        )
        assert response.status_code == 204, response.text
        data = owner.get(url).json()
        assert (data["answer_status"], data["number"]) == ("answered", "518 bis")
        question = book[items(book)[0]]
        assert "answer_status" not in question.__dict__

    def test_a_get_patched_back_whole_is_accepted(self, book, owner):
        """A client may send back what it read, answer_status included."""
        url = owner.post(book.absolute_url(), json=PAYLOAD).headers["Location"]
        data = owner.get(url).json()
        editable = {name: data[name] for name in PAYLOAD if name != "@type"}
        editable["answer_status"] = data["answer_status"]
        response = owner.patch(url, json=editable)
        assert response.status_code == 204, response.text
        assert owner.get(url).json()["answers"] == [ANSWER]


class TestListings:
    def test_search_summaries_carry_the_question_metadata(self, book, owner):
        owner.post(book.absolute_url(), json=PAYLOAD)
        response = owner.get(
            f"{book.absolute_url()}/@search",
            params={"portal_type": QUESTION},
        )
        [item] = response.json()["items"]
        assert item["assembly"] == "parlement-wallonie"
        assert item["question_type"] == "written"
        assert item["session"] == "2014-2015"
        assert item["number"] == "518 (2014-2015) 1"
        assert item["asked_by"] == "DUPONT Jean-Marc"
        assert item["answer_status"] == "answered"

    def test_the_date_metadata_is_an_iso_string(self, book, owner):
        owner.post(book.absolute_url(), json=PAYLOAD)
        response = owner.get(
            f"{book.absolute_url()}/@search",
            params={"portal_type": QUESTION, "metadata_fields": "pressbook_date"},
        )
        [item] = response.json()["items"]
        assert item["pressbook_date"] == "2015-07-10T00:00:00"

    def test_folder_items_carry_the_question_metadata(self, book, owner):
        owner.post(book.absolute_url(), json=dict(PAYLOAD, answers=[]))
        [item] = owner.get(book.absolute_url()).json()["items"]
        assert item["@type"] == QUESTION
        assert (item["asked_by"], item["answer_status"]) == (
            "DUPONT Jean-Marc",
            "awaiting",
        )
        assert item["pressbook_date"] == "2015-07-10T00:00:00"


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
