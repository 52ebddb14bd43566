"""A corpus of bad REST bodies: each gets a 400 naming the field, and changes nothing.

The cases are made from tables (field x bad values, for each type, for POST and
PATCH; bodies that are not JSON objects; ``@type``; the rows of the control
panel). Each case checks that the answer is a 400 in the shape of
restapi/errors.py, that it names the field (and the row) in ``errors`` and in
``message`` (plone.restapi's JSON list, as Volto reads it), and that nothing
was written: the database's last transaction does not move, the press section
and the site hold the same items, the item keeps its ``_p_serial``.

One press section, with an article and a question, serves the whole module
(nothing is supposed to change it): the module is one class, for pytest-plone's
class-scoped layer fixtures.
"""

from datetime import date
from imio.pressbook import _
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from zope.i18n import translate

import json
import pytest
import requests
import transaction


ARTICLE = "imio.pressbook.PressArticle"
QUESTION = "imio.pressbook.ParliamentaryQuestion"
BOOK = "imio.pressbook.PressBook"

ANSWER = {"date": "2015-09-07", "answered_by": "FURLAN Paul", "kind": "final"}
VALID = {
    ARTICLE: {
        "@type": ARTICLE,
        "title": "Imio touche 3,5 millions d'habitants",
        "publication_date": "2014-01-21",
        "outlet": "la-derniere-heure",
    },
    QUESTION: {
        "@type": QUESTION,
        "title": "Les partenariats sollicités par l'intercommunale IMIO",
        "assembly": "parlement-wallonie",
        "question_type": "written",
        "question_date": "2015-07-10",
        "asked_by": "DUPONT Jean-Marc",
        "addressed_to": "FURLAN Paul",
        "answers": [ANSWER],
    },
    BOOK: {"@type": BOOK, "title": "Revue de presse"},
}

# -- the tables: field -> bad values -----------------------------------------

DATETIMES = [
    20260201,
    ["2026-02-01"],
    {"date": "2026-02-01"},
    True,
    "2026-02-30",
    "demain",
    "99999999999999999999",
]
DATES = [
    20140121,
    ["2014-01-21"],
    {"date": "2014-01-21"},
    True,
    "2014-02-30",
    "21/01/2014",
]
RICH_TEXTS = [1, ["<p>x</p>"], True, {"text": "<p>x</p>"}, {"data": 1}]
TEXT_LINES = [1, ["x"], {"a": "x"}, True, "deux\nlignes"]
WEB_ADDRESSES = [1, ["https://www.lesoir.be"], "javascript:alert(1)", "ftp://x.be/q"]

# behaviours of articles and questions: plone.publication, plone.categorization
DUBLIN_CORE = {
    "effective": DATETIMES,
    "expires": DATETIMES,
    "subjects": [1, {"tag": "imio"}, [1], [["imio"]], True],
    "language": [1, ["fr"], {"fr": 1}, "klingon", True],
}
# their own title and description, and plone.shortname's id
NAMING = {
    "title": [*TEXT_LINES, "", None],
    "description": [1, ["x"], {"a": "x"}, True],
    "id": [1, ["x"], {"a": "x"}, True, "   ", "!!!"],
}
FIELDS = {
    ARTICLE: {
        **DUBLIN_CORE,
        **NAMING,
        "publication_date": [*DATES, None, "2999-01-01"],
        "outlet": [1, ["le-soir"], {"title": "Le Soir"}, "the-times", None],
        "journalist": TEXT_LINES,
        "page": [12, ["12"]],
        "text": RICH_TEXTS,
        "themes": ["nulle-part", [1], [{"token": ["x"]}], {"a": 1}],
        "original_url": WEB_ADDRESSES,
        "paper_version": [
            1,
            [1],
            {"data": 1},
            {"data": "eA==", "encoding": "klingon"},
        ],
        "paper_version_access": [1, "friends", ["public"]],
    },
    QUESTION: {
        **DUBLIN_CORE,
        **NAMING,
        "assembly": [1, ["parlement-wallonie"], "parlement-imaginaire"],
        "question_type": [1, "whispered", {"token": "nope"}],
        "session": [2015, "2014/15", "2014-2016"],
        "year": [True, "deux mille quinze", 2015.5, ["2015"]],
        "number": [518, ["518"]],
        "question_date": [*DATES, "2999-01-01"],
        "asked_by": [1, ["x"], None],
        "addressed_to": [{"a": 1}, True],
        "question_text": RICH_TEXTS,
        "themes": ["nulle-part", [1]],
        "source_url": WEB_ADDRESSES,
        "answers": [1, "oui", {"date": "2015-09-07"}, True],
    },
    BOOK: {
        "title": [*TEXT_LINES, "", None],
        "description": [1, ["x"], True],
        "id": [1, ["x"], True, "   ", "!!!"],
        "text": RICH_TEXTS,
        "batch_size": [True, False, "x", 0, 1000, 1.5, None, [20], "20.5"],
        "effective": DATETIMES,
        "expires": DATETIMES,
    },
}

# answers: (what is sent, the row named); the question's date is 2015-07-10
ANSWER_ROWS = {
    "row_not_an_object": ([ANSWER, "2015-09-08"], 2),
    "row_a_list": ([[ANSWER]], 1),
    "row_with_unknown_key": ([dict(ANSWER, signature="PF")], 1),
    # Volto's @id is taken; other keys that are not columns are not
    "row_with_id_and_unknown_key": ([dict(ANSWER, signature="PF", **{"@id": "a"})], 1),
    "row_with_type": ([ANSWER, dict(ANSWER, **{"@type": "answer"})], 2),
    "row_without_date": ([{"kind": "final"}], 1),
    "row_with_null_date": ([dict(ANSWER, date=None)], 1),
    "row_with_date_as_number": ([dict(ANSWER, date=20150907)], 1),
    "row_with_impossible_date": ([dict(ANSWER, date="2015-02-30")], 1),
    "row_before_the_question": ([ANSWER, dict(ANSWER, date="2015-07-01")], 2),
    "row_with_unknown_kind": ([ANSWER, dict(ANSWER, kind="rumour")], 2),
    "row_with_kind_as_list": ([dict(ANSWER, kind=["final"])], 1),
    "row_with_text_as_number": ([dict(ANSWER, text=42)], 1),
    "row_with_answered_by_as_object": ([dict(ANSWER, answered_by={"a": 1})], 1),
}

# ids a new item cannot take (on PATCH, plone.shortname makes one from them)
BAD_NEW_IDS = ["a/b", "_private", "aq_parent", "..", "été", "a b", " x", "-x"]

DEEP_ARRAY = "[" * 5000 + "]" * 5000
DEEP_OBJECT = '{"title": ' * 5000 + '"x"' + "}" * 5000
BAD_BODIES = {
    "malformed": "{",
    "truncated": '{"title": "x",',
    "single_quotes": "{'title': 'x'}",
    "list": "[]",
    "list_of_objects": json.dumps([{"title": "x"}]),
    "string": '"x"',
    "number": "1",
    "null": "null",
    "boolean": "true",
    "deep_array": DEEP_ARRAY,
    "deep_object": DEEP_OBJECT,
    "fairly_deep": json.dumps(
        {"title": [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["x"]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}
    ),
    "not_utf8": b'{"title": "\xff\xfe"}',
}
WRONG_CONTENT_TYPES = [
    "text/plain",
    "text/html",
    "application/x-www-form-urlencoded",
    "application/xml",
]
WRITES = {
    # target: (method, what a valid body would be)
    "post_in_press_section": ("POST", VALID[ARTICLE]),
    "post_in_site": ("POST", VALID[BOOK]),
    "patch_article": ("PATCH", {"title": "Autre titre"}),
    "patch_question": ("PATCH", {"title": "Autre titre"}),
    "patch_press_section": ("PATCH", {"title": "Autre titre"}),
    "patch_control_panel": ("PATCH", {}),
}

LONE_SURROGATE = "Le Soir \ud800"
LONE_SURROGATES = {
    ARTICLE: {
        "title": LONE_SURROGATE,
        "id": "\udfff",
        "text": LONE_SURROGATE,
        "original_url": "https://www.lesoir.be/\ud800",
        "subjects": [LONE_SURROGATE],
        "@type": "\ud800",
    },
    QUESTION: {
        "question_text": {"data": LONE_SURROGATE},
        "source_url": "https://x.be/\ud800",
        "answers": [dict(ANSWER, answered_by=LONE_SURROGATE)],
    },
    BOOK: {"title": LONE_SURROGATE, "text": LONE_SURROGATE, "id": "\ud800"},
}

# -- the control panel's rows --------------------------------------------------

OUTLET = {"token": "le-soir", "name": "Le Soir", "kind": "newspaper"}
ASSEMBLY = {"token": "parlement-wallonie", "name": "Parlement de Wallonie"}
# (field, what is sent, the row named or None)
PANEL = {
    "outlets_a_number": ("outlets", 1, None),
    "outlets_a_string": ("outlets", "le-soir", None),
    "outlets_an_object": ("outlets", OUTLET, None),
    "outlets_true": ("outlets", True, None),
    "outlets_null": ("outlets", None, None),
    "outlet_row_a_number": ("outlets", [1], 1),
    "outlet_row_a_string": ("outlets", [OUTLET, "le-soir"], 2),
    "outlet_row_a_list": ("outlets", [[OUTLET]], 1),
    "outlet_row_unknown_column": ("outlets", [dict(OUTLET, colour="red")], 1),
    "outlet_row_token_a_number": ("outlets", [dict(OUTLET, token=1)], 1),
    "outlet_row_token_with_spaces": ("outlets", [dict(OUTLET, token="Le Soir")], 1),
    "outlet_row_without_name": ("outlets", [{"token": "le-soir"}], 1),
    "outlet_row_name_a_list": ("outlets", [dict(OUTLET, name=["Le Soir"])], 1),
    "outlet_row_unknown_kind": ("outlets", [dict(OUTLET, kind="pigeon")], 1),
    "outlet_row_website_javascript": (
        "outlets",
        [dict(OUTLET, website="javascript:alert(1)")],
        1,
    ),
    "outlet_row_language_unknown": ("outlets", [dict(OUTLET, language="tlh")], 1),
    "assemblies_a_number": ("assemblies", 1, None),
    "assemblies_an_object": ("assemblies", ASSEMBLY, None),
    "assembly_row_a_number": ("assemblies", [ASSEMBLY, 2], 2),
    "assembly_row_deadline_true": (
        "assemblies",
        [dict(ASSEMBLY, answer_deadline=True)],
        1,
    ),
    "assembly_row_deadline_text": (
        "assemblies",
        [dict(ASSEMBLY, answer_deadline="trente")],
        1,
    ),
    "assembly_row_deadline_negative": (
        "assemblies",
        [dict(ASSEMBLY, answer_deadline=-1)],
        1,
    ),
    "assembly_row_deadline_float": (
        "assemblies",
        [dict(ASSEMBLY, answer_deadline=30.5)],
        1,
    ),
    "assembly_row_website_number": ("assemblies", [dict(ASSEMBLY, website=1)], 1),
    "unknown_field": ("journals", [OUTLET], None),
    "type_field": ("@type", "imio.pressbook.PressBook", None),
}


def field_cases():
    """``(id, portal type, method, field, value)`` for each bad value."""
    for portal_type, fields in FIELDS.items():
        short = portal_type.rsplit(".", 1)[-1]
        for field, values in fields.items():
            for index, value in enumerate(values):
                for method in ("POST", "PATCH"):
                    case_id = f"{method}-{short}-{field}-{index}"
                    yield pytest.param(portal_type, method, field, value, id=case_id)


# -- the site, and what tells that nothing changed --------------------------------


@pytest.fixture(scope="class")
def site(functional_portal_class):
    """A published press section holding an article and a question."""
    portal = functional_portal_class
    with api.env.adopt_roles(["Manager"]):
        book = api.content.create(
            container=portal, type=BOOK, id="dans-les-medias", title="Dans les médias"
        )
        api.content.transition(obj=book, transition="publish")
        article = api.content.create(
            container=book,
            type=ARTICLE,
            id="article",
            title=VALID[ARTICLE]["title"],
            outlet="la-derniere-heure",
        )
        question = api.content.create(
            container=book,
            type=QUESTION,
            id="question",
            title=VALID[QUESTION]["title"],
            assembly="parlement-wallonie",
            question_type="written",
            question_date=date(2015, 7, 10),
            asked_by="DUPONT Jean-Marc",
            addressed_to="FURLAN Paul",
            answers=[dict(ANSWER, date=date(2015, 9, 7), text=None)],
        )
    transaction.commit()
    return {
        "portal": portal,
        BOOK: book,
        ARTICLE: article,
        QUESTION: question,
        "panel": f"{portal.absolute_url()}/@controlpanels/pressbook",
    }


@pytest.fixture(scope="class")
def owner():
    with requests.Session() as http:
        http.auth = (SITE_OWNER_NAME, SITE_OWNER_PASSWORD)
        http.headers["Accept"] = "application/json"
        http.headers["Accept-Language"] = "fr"
        yield http


def state(site):
    """What a refused request must leave as it was."""
    transaction.begin()
    portal = site["portal"]
    items = [site[name] for name in (BOOK, ARTICLE, QUESTION)]
    for item in items:
        item._p_activate()
    return {
        "last transaction": portal._p_jar.db().lastTransaction(),
        "site items": list(portal.objectIds()),
        "press section items": list(site[BOOK].objectIds()),
        "serials": [item._p_serial for item in items],
        "modified": [item.modified() for item in items],
    }


def refused(response, field, row=None):
    """Assert a 400 naming ``field`` (and ``row``); None: the body as a whole."""
    assert response.status_code == 400, response.text[:2000]
    assert response.headers["Content-Type"].startswith("application/json")
    body = response.json()
    assert body["type"] == "BadRequest"
    named = [(error["field"], error.get("row")) for error in body["errors"]]
    assert all(error["message"] for error in body["errors"])
    # plone.restapi's shape, as Volto reads it: ``message`` is the JSON of a
    # list of {field, message}, naming the same fields and rows as ``errors``
    listed = json.loads(body["message"])
    # (an error about the body has no "field" there: Volto shows it above
    # the form, as plone.restapi's invariant errors)
    assert [(error.get("field"), error.get("row")) for error in listed] == named
    assert all(isinstance(error["message"], str) for error in listed)
    assert all(error["message"] for error in listed)
    if field is None:
        assert named == [(None, None)]
        assert listed == [{"message": body["errors"][0]["message"]}]
        return body
    assert field in [name for name, number in named], named
    if row is not None:
        assert (field, row) in named, named
    return body


def target(site, portal_type, method):
    """Where a POST creates ``portal_type``, or the item a PATCH changes."""
    if method == "PATCH":
        return site[portal_type].absolute_url()
    if portal_type == BOOK:
        return site["portal"].absolute_url()
    return site[BOOK].absolute_url()


@pytest.mark.usefixtures("site")
class TestBadInput:
    @pytest.mark.parametrize(
        ("portal_type", "method", "field", "value"), list(field_cases())
    )
    def test_a_bad_field_value_is_refused(
        self, site, owner, portal_type, method, field, value
    ):
        body = {field: value}
        if method == "POST":
            body = dict(VALID[portal_type], **body)
        before = state(site)
        response = owner.request(method, target(site, portal_type, method), json=body)
        refused(response, field)
        assert state(site) == before

    @pytest.mark.parametrize("case", ANSWER_ROWS)
    @pytest.mark.parametrize("method", ["POST", "PATCH"])
    def test_a_bad_answer_is_refused_naming_its_row(self, site, owner, case, method):
        answers, row = ANSWER_ROWS[case]
        body = {"answers": answers}
        if method == "POST":
            body = dict(VALID[QUESTION], **body)
        before = state(site)
        response = owner.request(method, target(site, QUESTION, method), json=body)
        refused(response, "answers", row)
        assert state(site) == before

    @pytest.mark.parametrize("new_id", BAD_NEW_IDS)
    @pytest.mark.parametrize("portal_type", [ARTICLE, QUESTION, BOOK])
    def test_an_id_a_new_item_cannot_take_is_refused(
        self, site, owner, portal_type, new_id
    ):
        before = state(site)
        response = owner.post(
            target(site, portal_type, "POST"),
            json=dict(VALID[portal_type], id=new_id),
        )
        refused(response, "id")
        assert state(site) == before

    @pytest.mark.parametrize("portal_type", [ARTICLE, QUESTION])
    def test_an_id_already_used_is_refused(self, site, owner, portal_type):
        before = state(site)
        response = owner.post(
            target(site, portal_type, "POST"),
            json=dict(VALID[portal_type], id="article"),
        )
        refused(response, "id")
        assert state(site) == before

    @pytest.mark.parametrize("case", BAD_BODIES)
    @pytest.mark.parametrize("write", WRITES)
    def test_a_body_that_is_not_a_json_object_is_refused(
        self, site, owner, write, case
    ):
        method, valid = WRITES[write]
        before = state(site)
        response = owner.request(
            method,
            self.url(site, write),
            data=BAD_BODIES[case],
            headers={"Content-Type": "application/json"},
        )
        refused(response, None)
        assert state(site) == before

    @pytest.mark.parametrize("case", ["deep_array", "deep_object"])
    @pytest.mark.parametrize("write", WRITES)
    def test_a_deep_body_without_content_type_is_refused(
        self, site, owner, write, case
    ):
        """Not read by plone.restapi's PAS plugin: our reader refuses it."""
        method, valid = WRITES[write]
        before = state(site)
        response = owner.request(
            method,
            self.url(site, write),
            data=BAD_BODIES[case].encode(),
            headers={"Content-Type": ""},
        )
        refused(response, None)
        assert state(site) == before

    @pytest.mark.parametrize("content_type", WRONG_CONTENT_TYPES)
    @pytest.mark.parametrize("write", WRITES)
    def test_a_body_sent_as_another_content_type_is_refused(
        self, site, owner, write, content_type
    ):
        method, valid = WRITES[write]
        before = state(site)
        response = owner.request(
            method,
            self.url(site, write),
            data=json.dumps(valid),
            headers={"Content-Type": content_type},
        )
        body = refused(response, None)
        assert "application/json" in json.loads(body["message"])[0]["message"]
        assert state(site) == before

    @pytest.mark.parametrize(
        "value",
        [1, 1.5, True, [ARTICLE], {"@id": ARTICLE}, "Foo", "Document", BOOK],
    )
    def test_a_bad_type_is_refused_in_a_press_section(self, site, owner, value):
        before = state(site)
        response = owner.post(
            site[BOOK].absolute_url(), json=dict(VALID[ARTICLE], **{"@type": value})
        )
        refused(response, "@type")
        assert state(site) == before

    @pytest.mark.parametrize("value", [1, [BOOK], {"@id": BOOK}, False, "Foo", ARTICLE])
    def test_a_bad_type_is_refused_at_the_site_root(self, site, owner, value):
        before = state(site)
        response = owner.post(
            site["portal"].absolute_url(), json=dict(VALID[BOOK], **{"@type": value})
        )
        refused(response, "@type")
        assert state(site) == before

    @pytest.mark.parametrize(
        ("portal_type", "value"),
        [
            (ARTICLE, QUESTION),
            (ARTICLE, 1),
            (QUESTION, [QUESTION]),
            (QUESTION, "Document"),
            (BOOK, {"@id": BOOK}),
            (BOOK, "Folder"),
        ],
    )
    def test_a_patch_cannot_change_the_type(self, site, owner, portal_type, value):
        before = state(site)
        response = owner.patch(
            site[portal_type].absolute_url(), json={"@type": value, "title": "Autre"}
        )
        refused(response, "@type")
        assert state(site) == before

    @pytest.mark.parametrize(
        ("key", "value"),
        [
            ("layout", 1),
            ("layout", "no-such-view"),
            ("layout", ["view"]),
            ("ordering", 1),
            ("ordering", {"obj_id": 1, "delta": 1}),
            ("ordering", {"obj_id": "article", "delta": "up"}),
            ("ordering", {"obj_id": "article", "delta": True}),
            ("ordering", {"obj_id": "article", "delta": 1, "subset_ids": "x"}),
            ("ordering", {"obj_id": "nope", "delta": 1}),
            ("ordering", {"obj_id": "article", "delta": 1, "subset_ids": ["nope"]}),
            ("sort", "title"),
            ("sort", {"on": 1, "order": "ascending"}),
            ("sort", {"on": "nope", "order": "ascending"}),
            ("sort", {"on": "SearchableText", "order": "ascending"}),
            ("sort", {"on": "sortable_title", "order": "sideways"}),
        ],
    )
    @pytest.mark.parametrize("portal_type", [BOOK, ARTICLE, QUESTION])
    def test_bad_layout_or_ordering_is_refused(
        self, site, owner, portal_type, key, value
    ):
        before = state(site)
        response = owner.patch(site[portal_type].absolute_url(), json={key: value})
        refused(response, key)
        assert state(site) == before

    @pytest.mark.parametrize(
        ("portal_type", "field", "value"),
        [
            (portal_type, field, value)
            for portal_type, fields in LONE_SURROGATES.items()
            for field, value in fields.items()
        ],
    )
    @pytest.mark.parametrize("method", ["POST", "PATCH"])
    def test_text_with_a_lone_surrogate_is_refused(
        self, site, owner, method, portal_type, field, value
    ):
        """JSON's "\\ud800" escape reads as text that nothing can encode."""
        body = {field: value}
        if method == "POST":
            body = dict(VALID[portal_type], **body)
        before = state(site)
        response = owner.request(
            method,
            target(site, portal_type, method),
            data=json.dumps(body),
            headers={"Content-Type": "application/json"},
        )
        refused(response, field)
        assert state(site) == before

    @pytest.mark.parametrize("portal_type", [ARTICLE, QUESTION, BOOK])
    def test_an_expiry_before_the_publication_names_expires(
        self, site, owner, portal_type
    ):
        before = state(site)
        response = owner.patch(
            site[portal_type].absolute_url(),
            json={"effective": "2026-02-01", "expires": "2020-01-01"},
        )
        refused(response, "expires")
        assert state(site) == before

    @pytest.mark.parametrize("case", PANEL)
    def test_a_bad_control_panel_value_is_refused(self, site, owner, case):
        field, value, row = PANEL[case]
        before = state(site)
        response = owner.patch(site["panel"], json={field: value})
        refused(response, field, row)
        assert state(site) == before

    @pytest.mark.parametrize(
        ("write", "data", "message"),
        [
            ("patch_article", "{", _("The body is not valid JSON.")),
            (
                "patch_control_panel",
                DEEP_OBJECT,
                _(
                    "The body is nested too deeply (more than ${max} levels).",
                    mapping={"max": 32},
                ),
            ),
            (
                "post_in_press_section",
                json.dumps(dict(VALID[ARTICLE], **{"@type": "Foo"})),
                _("Unknown content type ${value}.", mapping={"value": '"Foo"'}),
            ),
            (
                "patch_press_section",
                json.dumps({"@type": ARTICLE}),
                _(
                    "The type of an item cannot be changed: it is ${type}.",
                    mapping={"type": BOOK},
                ),
            ),
            (
                "patch_question",
                json.dumps({"effective": 20260201}),
                _(
                    "Invalid date ${value}: expected YYYY-MM-DD or YYYY-MM-DDTHH:MM.",
                    mapping={"value": "20260201"},
                ),
            ),
        ],
    )
    def test_the_messages_are_in_french(self, site, owner, write, data, message):
        method, valid = WRITES[write]
        response = owner.request(
            method,
            self.url(site, write),
            data=data,
            headers={"Content-Type": "application/json"},
        )
        body = response.json()
        [error] = body["errors"]
        french = translate(message, target_language="fr")
        assert french != translate(message, target_language="en")
        assert error["message"] == french
        [listed] = json.loads(body["message"])
        assert listed["message"] == french

    @pytest.mark.parametrize("write", ["post_in_press_section", "patch_article"])
    def test_a_broken_multipart_body_is_zope_s_own_400(self, site, owner, write):
        """Known limit (README): Zope reads a multipart body before traversal,
        before any add-on code; its 400 does not name a field."""
        method, valid = WRITES[write]
        before = state(site)
        response = owner.request(
            method,
            self.url(site, write),
            data=json.dumps(valid),
            headers={"Content-Type": "multipart/form-data; boundary=x"},
        )
        assert response.status_code == 400
        assert "errors" not in response.json()
        assert state(site) == before

    def test_a_deep_body_elsewhere_is_still_plone_restapi_s_500(self, site, owner):
        """Known limit (README): plone.restapi's PAS plugin reads every JSON
        body while authenticating; the add-on answers for its own URLs only."""
        before = state(site)
        response = owner.patch(
            site["portal"].absolute_url(),
            data=DEEP_ARRAY,
            headers={"Content-Type": "application/json"},
        )
        assert response.status_code == 500
        assert response.json()["type"] == "RecursionError"
        assert state(site) == before

    def test_a_post_without_type_keeps_plone_restapi_s_400(self, site, owner):
        """Known limit (README): plone.restapi's English 400, without errors."""
        before = state(site)
        response = owner.post(site[BOOK].absolute_url(), json={"title": "Sans type"})
        assert response.status_code == 400
        body = response.json()
        assert "@type" in body["message"]
        assert "errors" not in body
        assert state(site) == before

    def test_a_good_body_still_goes_through(self, site, owner):
        """The checks refuse the bad, not the good (this one writes: last)."""
        response = owner.patch(
            site[ARTICLE].absolute_url(),
            json={"@type": ARTICLE, "effective": "2026-02-01T09:30", "layout": "view"},
            headers={"Content-Type": "application/json; charset=utf-8"},
        )
        assert response.status_code == 204, response.text
        transaction.begin()
        assert site[ARTICLE].effective().ISO8601().startswith("2026-02-01T09:30")

    @staticmethod
    def url(site, write):
        return {
            "post_in_press_section": site[BOOK].absolute_url(),
            "post_in_site": site["portal"].absolute_url(),
            "patch_article": site[ARTICLE].absolute_url(),
            "patch_question": site[QUESTION].absolute_url(),
            "patch_press_section": site[BOOK].absolute_url(),
            "patch_control_panel": site["panel"],
        }[write]

    def test_other_types_at_the_site_root_keep_plone_restapi_s_leniency(
        self, site, owner
    ):
        """The site root's POST is the add-on's too: for other types, a body
        plone.restapi would take is still taken (this one writes: last)."""
        response = owner.post(
            site["portal"].absolute_url(),
            data=json.dumps({"@type": "Document", "title": "Page"}),
            headers={"Content-Type": "text/plain"},
        )
        assert response.status_code == 201, response.text
