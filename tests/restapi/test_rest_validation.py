"""Bad input over plone.restapi: a 400 naming field (and row), nothing stored."""

from datetime import date
from datetime import timedelta
from imio.pressbook import _
from imio.pressbook.content.validators import DateInFuture
from zope.i18n import translate

import json
import pytest
import transaction


ARTICLE = "imio.pressbook.PressArticle"
QUESTION = "imio.pressbook.ParliamentaryQuestion"

ANSWER = {
    "date": "2015-09-07",
    "answered_by": "FURLAN Paul",
    "kind": "final",
    "text": "Yes.",
}
VALID = {
    ARTICLE: {
        "@type": ARTICLE,
        "title": "Imio touche 3,5 millions d'habitants en Région wallonne",
        "publication_date": "2014-01-21",
        "outlet": "la-derniere-heure",
        "journalist": "C. Ti.",
        "original_url": "https://www.dhnet.be/regions/imio",
    },
    QUESTION: {
        "@type": QUESTION,
        "title": "Les partenariats sollicités par l'intercommunale IMIO",
        "assembly": "parlement-wallonie",
        "question_type": "written",
        "session": "2014-2015",
        "year": 2015,
        "number": "518 (2014-2015) 1",
        "question_date": "2015-07-10",
        "asked_by": "DUPONT Jean-Marc",
        "addressed_to": "FURLAN Paul",
        "answers": [ANSWER],
        "source_url": "https://www.parlement-wallonie.be/q/518",
    },
}

# (portal type, what the client sends, the errors expected: (field, row, column))
BAD_INPUT = {
    "question_date_in_future": (
        QUESTION,
        {"question_date": "2999-01-01"},
        [("question_date", None, None)],
    ),
    "question_date_not_a_date": (
        QUESTION,
        {"question_date": "2015-13-45"},
        [("question_date", None, None)],
    ),
    "answer_before_question": (
        QUESTION,
        {"answers": [ANSWER, dict(ANSWER, date="2015-07-09")]},
        [("answers", 2, "date")],
    ),
    "session_not_consecutive": (
        QUESTION,
        {"session": "2014-2016"},
        [("session", None, None)],
    ),
    "session_not_yyyy_yyyy": (
        QUESTION,
        {"session": "2014/15"},
        [("session", None, None)],
    ),
    "source_url_javascript": (
        QUESTION,
        {"source_url": "javascript:alert(1)"},
        [("source_url", None, None)],
    ),
    "source_url_ftp": (
        QUESTION,
        {"source_url": "ftp://ftp.parlement-wallonie.be/q/518"},
        [("source_url", None, None)],
    ),
    "original_url_javascript": (
        ARTICLE,
        {"original_url": "javascript:alert(1)"},
        [("original_url", None, None)],
    ),
    "original_url_ftp": (
        ARTICLE,
        {"original_url": "ftp://ftp.dhnet.be/imio"},
        [("original_url", None, None)],
    ),
    "outlet_unknown": (ARTICLE, {"outlet": "the-times"}, [("outlet", None, None)]),
    "outlet_not_a_token": (ARTICLE, {"outlet": ["le-soir"]}, [("outlet", None, None)]),
    "paper_version_access_unknown": (
        ARTICLE,
        {"paper_version_access": "friends"},
        [("paper_version_access", None, None)],
    ),
    "publication_date_in_future": (
        ARTICLE,
        {"publication_date": "2999-01-01"},
        [("publication_date", None, None)],
    ),
    "publication_date_not_a_date": (
        ARTICLE,
        {"publication_date": "21/01/2014"},
        [("publication_date", None, None)],
    ),
    "text_not_html": (ARTICLE, {"text": 42}, [("text", None, None)]),
    "assembly_unknown": (
        QUESTION,
        {"assembly": "parlement-imaginaire"},
        [("assembly", None, None)],
    ),
    "question_type_unknown": (
        QUESTION,
        {"question_type": "whispered"},
        [("question_type", None, None)],
    ),
    "answer_kind_unknown": (
        QUESTION,
        {"answers": [ANSWER, dict(ANSWER, date="2015-09-08", kind="rumour")]},
        [("answers", 2, "kind")],
    ),
    "row_not_an_object": (
        QUESTION,
        {"answers": [ANSWER, "2015-09-08"]},
        [("answers", 2, None)],
    ),
    "row_with_unknown_key": (
        QUESTION,
        {"answers": [dict(ANSWER, signature="PF")]},
        [("answers", 1, "signature")],
    ),
    "row_without_date": (
        QUESTION,
        {"answers": [{"kind": "final", "text": "Yes."}]},
        [("answers", 1, "date")],
    ),
    "row_with_null_date": (
        QUESTION,
        {"answers": [dict(ANSWER, date=None)]},
        [("answers", 1, "date")],
    ),
    "row_with_bad_date": (
        QUESTION,
        {"answers": [dict(ANSWER, date="2015-13-45")]},
        [("answers", 1, "date")],
    ),
    "answers_not_a_list": (QUESTION, {"answers": ANSWER}, [("answers", None, None)]),
    "year_not_an_int": (
        QUESTION,
        {"year": "deux mille quinze"},
        [("year", None, None)],
    ),
    "year_a_float": (QUESTION, {"year": 2015.5}, [("year", None, None)]),
    "several_errors_at_once": (
        QUESTION,
        {
            "session": "2015",
            "year": "2015a",
            "answers": [
                dict(ANSWER, date="07/09/2015"),
                dict(ANSWER, kind="rumour", extra=1),
            ],
        },
        [
            ("session", None, None),
            ("year", None, None),
            ("answers", 1, "date"),
            ("answers", 2, "kind"),
            ("answers", 2, "extra"),
        ],
    ),
}


def items(book):
    transaction.begin()
    return list(book.objectIds())


def located(response):
    """The (field, row, column) of each error of a 400, the same in ``errors``
    and in ``message`` (plone.restapi's JSON list, as Volto reads it)."""
    assert response.status_code == 400, response.text
    body = response.json()
    assert body["type"] == "BadRequest"
    places = sorted(
        (
            (error["field"], error.get("row"), error.get("column"))
            for error in body["errors"]
        ),
        key=str,
    )
    listed = sorted(
        (
            (error.get("field"), error.get("row"), error.get("column"))
            for error in json.loads(body["message"])
        ),
        key=str,
    )
    assert listed == places
    return places


def create(owner, book, portal_type):
    response = owner.post(book.absolute_url(), json=VALID[portal_type])
    assert response.status_code == 201, response.text
    return response.headers["Location"]


@pytest.mark.parametrize("case", BAD_INPUT)
def test_post_of_bad_input_is_a_400_naming_the_field_and_stores_nothing(
    case, book, owner
):
    portal_type, bad, expected = BAD_INPUT[case]
    response = owner.post(book.absolute_url(), json=dict(VALID[portal_type], **bad))
    assert located(response) == sorted(expected, key=str)
    assert items(book) == []


@pytest.mark.parametrize("case", BAD_INPUT)
def test_patch_of_bad_input_is_a_400_naming_the_field_and_stores_nothing(
    case, book, owner
):
    portal_type, bad, expected = BAD_INPUT[case]
    url = create(owner, book, portal_type)
    before = owner.get(url).json()
    response = owner.patch(url, json=bad)
    assert located(response) == sorted(expected, key=str)
    assert owner.get(url).json() == before


@pytest.mark.parametrize(
    ("portal_type", "required"),
    [
        (ARTICLE, ["outlet", "publication_date", "title"]),
        (QUESTION, ["addressed_to", "asked_by", "assembly", "question_date", "title"]),
    ],
)
def test_post_without_the_required_fields_names_each_of_them(
    portal_type, required, book, owner
):
    response = owner.post(book.absolute_url(), json={"@type": portal_type})
    assert located(response) == [(name, None, None) for name in required]
    assert items(book) == []


@pytest.mark.parametrize("portal_type", [ARTICLE, QUESTION])
def test_patch_emptying_a_required_field_is_refused(portal_type, book, owner):
    url = create(owner, book, portal_type)
    response = owner.patch(url, json={"title": None})
    assert located(response) == [("title", None, None)]
    assert owner.get(url).json()["title"] == VALID[portal_type]["title"]


def test_a_patch_with_one_bad_field_stores_none_of_the_good_ones(book, owner):
    url = create(owner, book, QUESTION)
    response = owner.patch(
        url, json={"number": "519", "asked_by": "MARTIN Anne", "session": "15-16"}
    )
    assert located(response) == [("session", None, None)]
    data = owner.get(url).json()
    assert (data["number"], data["asked_by"]) == (
        "518 (2014-2015) 1",
        "DUPONT Jean-Marc",
    )


def test_moving_the_question_after_its_answers_names_the_answer(book, owner):
    url = create(owner, book, QUESTION)
    response = owner.patch(url, json={"question_date": "2015-09-08"})
    assert located(response) == [("answers", 1, "date")]
    assert owner.get(url).json()["question_date"] == "2015-07-10"


def test_the_error_body_is_plone_restapi_s_list_of_fields_as_volto_reads_it(
    book, owner
):
    response = owner.post(
        book.absolute_url(),
        json=dict(VALID[QUESTION], answers=[ANSWER, dict(ANSWER, date="2015-07-01")]),
    )
    body = response.json()
    assert response.status_code == 400
    assert response.headers["Content-Type"].startswith("application/json")
    assert body["type"] == "BadRequest"
    [error] = body["errors"]
    assert error == {
        "field": "answers",
        "row": 2,
        "column": "date",
        "message": error["message"],
    }
    assert error["message"] and "2" in error["message"]
    # Volto parses ``message`` as JSON and marks the field each entry names;
    # the text says the row and column too, as Volto shows only the text
    [listed] = json.loads(body["message"])
    assert listed == {
        "field": "answers",
        "row": 2,
        "column": "date",
        "message": listed["message"],
    }
    assert listed["message"] == in_french(
        _(
            "Row ${row}, ${column}: ${message}",
            mapping={"row": 2, "column": "date", "message": error["message"]},
        )
    )
    assert listed["message"].startswith("Ligne 2, date : ")


def in_french(message):
    """The French translation, asserted to be one (wording is the .po's)."""
    english = translate(message, target_language="en")
    french = translate(message, target_language="fr")
    assert french != english
    return french


def test_the_messages_are_in_french_on_the_french_site(book, owner):
    url = create(owner, book, QUESTION)
    response = owner.patch(
        url,
        json={"question_date": "2999-01-01"},
        headers={"Accept-Language": "fr"},
    )
    [error] = response.json()["errors"]
    assert error["message"] == in_french(DateInFuture.__doc__)


def test_a_future_publication_date_is_refused_in_french(book, owner):
    tomorrow = date.today() + timedelta(days=1)
    response = owner.post(
        book.absolute_url(),
        json=dict(VALID[ARTICLE], publication_date=tomorrow.isoformat()),
        headers={"Accept-Language": "fr"},
    )
    assert located(response) == [("publication_date", None, None)]
    [error] = response.json()["errors"]
    assert error["message"] == in_french(DateInFuture.__doc__)
    assert "publication_date" in response.json()["message"]
    assert items(book) == []
    # today is not the future
    response = owner.post(
        book.absolute_url(),
        json=dict(VALID[ARTICLE], publication_date=date.today().isoformat()),
    )
    assert response.status_code == 201, response.text


def test_row_messages_are_in_french_with_the_row_number(book, owner):
    url = create(owner, book, QUESTION)
    response = owner.patch(
        url, json={"answers": [ANSWER, dict(ANSWER, date="2015-07-01")]}
    )
    [error] = response.json()["errors"]
    message = _("Answer ${row} is dated before the question.", mapping={"row": 2})
    assert error["message"] == in_french(message)
    assert "2" in error["message"]


def test_other_bad_requests_keep_plone_rest_error_view(book, owner):
    """Ours is registered for our exception only: the others are untouched."""
    response = owner.post(book.absolute_url(), json={"title": "Sans type"})
    assert response.status_code == 400
    body = response.json()
    assert body["type"] == "BadRequest"
    assert "@type" in body["message"]
    assert "errors" not in body


def test_the_errors_are_listed_through_the_api_traverser_too(book, owner):
    """Volto's way in: ``/++api++/<path>``."""
    url = create(owner, book, QUESTION)
    portal_url = book.aq_parent.absolute_url()
    api_url = url.replace(portal_url, f"{portal_url}/++api++")
    response = owner.patch(api_url, json={"session": "2014-2016"})
    assert located(response) == [("session", None, None)]
