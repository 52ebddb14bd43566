"""What Volto (and other plone.restapi clients) need, over real HTTP.

A 400 in plone.restapi's own shape, whose ``message`` Volto parses as a JSON
list of ``{field, message}`` to mark the fields of its form; answer rows sent
with the ``@id`` Volto's object-list widget gives each row; ``@types``
describing the answers grid; list parameters of ``@pressbook-search`` in the
bracket form of axios (``themes[]=a``).
"""

from imio.pressbook import _
from plone import api
from zope.i18n import translate

import datetime as dt
import json
import pytest
import transaction


ARTICLE = "imio.pressbook.PressArticle"
QUESTION = "imio.pressbook.ParliamentaryQuestion"
ANSWER = {"date": "2015-09-07", "answered_by": "FURLAN Paul", "kind": "final"}
VALID_QUESTION = {
    "@type": QUESTION,
    "title": "Les partenariats de l'intercommunale",
    "assembly": "parlement-wallonie",
    "question_type": "written",
    "question_date": "2015-07-10",
    "asked_by": "DUPONT Jean-Marc",
    "addressed_to": "FURLAN Paul",
}


def volto_errors(response):
    """The errors as Volto reads them: ``JSON.parse(body.message)``."""
    assert response.status_code == 400, response.text
    body = response.json()
    assert body["type"] == "BadRequest"
    listed = json.loads(body["message"])
    assert isinstance(listed, list)
    return listed


def fr(message):
    french = translate(message, target_language="fr")
    assert french != translate(message, target_language="en")
    return french


class TestErrorsAsVoltoReadsThem:
    def test_a_bad_field_is_named_with_its_french_message(self, book, owner):
        response = owner.post(
            book.absolute_url(),
            json=dict(VALID_QUESTION, question_date="2999-01-01", year="deux"),
            headers={"Accept-Language": "fr"},
        )
        listed = volto_errors(response)
        by_field = {error["field"]: error["message"] for error in listed}
        assert set(by_field) == {"question_date", "year"}
        year = _("${value} is not a whole number.", mapping={"value": '"deux"'})
        assert by_field["year"] == fr(year)
        # the structured list for earlier clients says the same
        assert {e["field"]: e["message"] for e in response.json()["errors"]} == (
            by_field
        )
        transaction.begin()
        assert list(book.objectIds()) == []

    def test_a_bad_answer_names_the_field_its_row_and_column_in_french(
        self, book, owner
    ):
        response = owner.post(
            book.absolute_url(),
            json=dict(VALID_QUESTION, answers=[ANSWER, dict(ANSWER, kind="rumeur")]),
            headers={"Accept-Language": "fr"},
        )
        [error] = volto_errors(response)
        assert (error["field"], error["row"], error["column"]) == (
            "answers",
            2,
            "kind",
        )
        allowed = fr(
            _(
                "${value} is not one of the allowed values.",
                mapping={"value": '"rumeur"'},
            )
        )
        # Volto shows only the text under the field: it says the row and column
        assert error["message"] == fr(
            _(
                "Row ${row}, ${column}: ${message}",
                mapping={"row": 2, "column": "kind", "message": allowed},
            )
        )
        assert error["message"].startswith("Ligne 2, kind")
        [structured] = response.json()["errors"]
        assert structured == {
            "field": "answers",
            "row": 2,
            "column": "kind",
            "message": allowed,
        }

    def test_a_bad_body_is_listed_without_field_as_volto_s_form_errors(
        self, book, owner
    ):
        response = owner.post(
            book.absolute_url(),
            data="{",
            headers={"Content-Type": "application/json", "Accept-Language": "fr"},
        )
        # Volto shows the errors without "field" above the form
        assert volto_errors(response) == [
            {"message": fr(_("The body is not valid JSON."))}
        ]

    def test_a_bad_control_panel_row_is_listed_with_its_row(self, book, owner):
        url = f"{api.portal.get().absolute_url()}/@controlpanels/pressbook"
        outlets = owner.get(url).json()["data"]["outlets"]
        outlets[1]["kind"] = "pigeon"
        response = owner.patch(url, json={"outlets": outlets})
        [error] = volto_errors(response)
        assert (error["field"], error["row"], error["column"]) == (
            "outlets",
            2,
            "kind",
        )

    def test_a_bad_search_parameter_is_listed_as_its_field(self, book, owner):
        response = owner.get(
            f"{book.absolute_url()}/@pressbook-search",
            params={"b_size": "0"},
            headers={"Accept-Language": "fr"},
        )
        [error] = volto_errors(response)
        assert error["field"] == "b_size"
        assert error["message"] == fr(
            _(
                "Expected a number from ${min} to ${max}.",
                mapping={"min": 1, "max": 100},
            )
        )


class TestRowsWithAnId:
    def test_post_takes_answers_with_an_id_and_does_not_store_it(self, book, owner):
        rows = [dict(ANSWER, **{"@id": "row-1"}), dict(ANSWER, **{"@id": "row-2"})]
        response = owner.post(
            book.absolute_url(), json=dict(VALID_QUESTION, answers=rows)
        )
        assert response.status_code == 201, response.text
        transaction.begin()
        [question] = book.objectValues()
        assert [sorted(answer) for answer in question.answers] == [
            ["answered_by", "date", "kind", "text"]
        ] * 2
        assert question.answers[0]["date"] == dt.date(2015, 9, 7)
        served = owner.get(response.headers["Location"]).json()["answers"]
        assert all("@id" not in answer for answer in served)

    def test_patch_takes_answers_with_an_id(self, book, owner):
        response = owner.post(book.absolute_url(), json=VALID_QUESTION)
        url = response.headers["Location"]
        row = dict(ANSWER, date="2015-09-08", **{"@id": "c2a3"})
        response = owner.patch(url, json={"answers": [row]})
        assert response.status_code == 204, response.text
        transaction.begin()
        [question] = book.objectValues()
        assert question.answers == [
            {
                "date": dt.date(2015, 9, 8),
                "answered_by": "FURLAN Paul",
                "kind": "final",
                "text": None,
            }
        ]

    def test_another_unknown_column_is_still_refused(self, book, owner):
        row = dict(ANSWER, signature="PF", **{"@id": "row-1"})
        response = owner.post(
            book.absolute_url(), json=dict(VALID_QUESTION, answers=[row])
        )
        [error] = volto_errors(response)
        assert (error["field"], error["row"], error["column"]) == (
            "answers",
            1,
            "signature",
        )
        transaction.begin()
        assert list(book.objectIds()) == []


class TestTypesDescribeTheAnswersGrid:
    @pytest.fixture()
    def answers(self, book, owner):
        response = owner.get(f"{book.absolute_url()}/@types/{QUESTION}")
        assert response.status_code == 200, response.text
        return response.json()["properties"]["answers"]

    def test_the_rows_say_their_required_columns(self, answers):
        items = answers["items"]
        assert items["type"] == "object"
        assert items["required"] == ["date", "kind"]
        assert set(items["properties"]) == {"date", "answered_by", "kind", "text"}
        assert items["fieldsets"] == [
            {
                "id": "default",
                "title": "Default",
                "fields": ["date", "answered_by", "kind", "text"],
            }
        ]
        assert items["properties"]["kind"]["default"] == "final"

    def test_a_row_is_not_a_file(self, answers):
        assert answers["items"]["factory"] == "Row"

    def test_the_kind_column_links_its_vocabulary(self, book, owner, answers):
        link = answers["items"]["properties"]["kind"]["vocabulary"]["@id"]
        assert link.endswith("/@vocabularies/imio.pressbook.vocabulary.AnswerKinds")
        terms = owner.get(link).json()["items"]
        assert "final" in [term["token"] for term in terms]

    def test_volto_is_told_to_use_its_object_list_widget(self, answers):
        options = answers["widgetOptions"]["frontendOptions"]
        assert options["widget"] == "object_list"
        schema = options["widgetProps"]["schema"]
        assert schema["required"] == ["date", "kind"]
        assert schema["properties"] == answers["items"]["properties"]
        assert schema["fieldsets"] == answers["items"]["fieldsets"]


class TestBracketParameters:
    @pytest.fixture()
    def items(self, book):
        with api.env.adopt_roles(["Manager"]):
            for id_, outlet, themes, year in [
                ("libre", "la-libre", ["logiciels-libres"], 2014),
                ("soir", "le-soir", ["tutelle"], 2015),
                ("rtl", "rtl-tvi", [], 2016),
            ]:
                item = api.content.create(
                    book,
                    ARTICLE,
                    id=id_,
                    title=id_,
                    publication_date=dt.date(year, 1, 21),
                    outlet=outlet,
                    themes=themes,
                )
                api.content.transition(item, transition="publish")
        transaction.commit()
        return f"{book.absolute_url()}/@pressbook-search"

    def found(self, owner, url, query):
        response = owner.get(f"{url}?{query}")
        assert response.status_code == 200, response.text
        return sorted(
            item["@id"].rpartition("/")[2] for item in response.json()["items"]
        )

    @pytest.mark.parametrize(
        "bracket,plain",
        [
            ("themes[]=tutelle", "themes=tutelle"),
            (
                "outlet[]=le-soir&outlet[]=la-libre",
                "outlet=le-soir&outlet=la-libre",
            ),
            ("outlet%5B%5D=rtl-tvi", "outlet=rtl-tvi"),
            (
                "portal_type[]=imio.pressbook.PressArticle&year[]=2014",
                "portal_type=imio.pressbook.PressArticle&year=2014",
            ),
            (
                "themes[]=tutelle&themes=logiciels-libres",
                "themes=tutelle&themes=logiciels-libres",
            ),
        ],
    )
    def test_a_list_parameter_in_brackets_filters_as_the_plain_one(
        self, owner, items, bracket, plain
    ):
        expected = self.found(owner, items, plain)
        assert expected != self.found(owner, items, "")
        assert self.found(owner, items, bracket) == expected

    def test_a_bracket_value_is_checked_as_a_plain_one(self, owner, items):
        response = owner.get(f"{items}?themes[]=inconnu")
        [error] = volto_errors(response)
        assert error["field"] == "themes"

    @pytest.mark.parametrize(
        "query,parameter",
        [
            ("b_start[]=1", "b_start"),
            ("sort_on[]=title", "sort_on"),
            ("outlet[0]=le-soir", "outlet"),
        ],
    )
    def test_other_bracket_forms_are_refused(self, owner, items, query, parameter):
        [error] = volto_errors(owner.get(f"{items}?{query}"))
        assert error["field"] == parameter
