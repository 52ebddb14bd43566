"""Collections and listing blocks filter on the press fields (group "Press")."""

from datetime import date
from imio.pressbook.upgrades.v1001 import upgrade
from plone import api
from plone.app.querystring.interfaces import IQuerystringRegistryReader
from zope.component import getUtility
from zope.component import queryUtility
from zope.i18n import translate
from zope.schema.interfaces import IVocabularyFactory

import pytest


ANY = "plone.app.querystring.operation.selection.any"
ALL = "plone.app.querystring.operation.selection.all"
NONE = "plone.app.querystring.operation.selection.none"
INT_IS = "plone.app.querystring.operation.int.is"
INT_LESS = "plone.app.querystring.operation.int.lessThan"
INT_LARGER = "plone.app.querystring.operation.int.largerThan"
DATE_BETWEEN = "plone.app.querystring.operation.date.between"
DATE_OPERATIONS = [
    f"plone.app.querystring.operation.date.{name}"
    for name in (
        "lessThan",
        "largerThan",
        "between",
        "lessThanRelativeDate",
        "largerThanRelativeDate",
        "today",
        "beforeToday",
        "afterToday",
        "beforeRelativeDate",
        "afterRelativeDate",
    )
]

# index: (title msgid, operations, vocabulary, sortable)
FIELDS = {
    "outlet": (
        "Media outlet",
        [ANY, NONE],
        "imio.pressbook.vocabulary.Outlets",
        False,
    ),
    "outlet_kind": (
        "Outlet kind",
        [ANY, NONE],
        "imio.pressbook.vocabulary.OutletKinds",
        False,
    ),
    "themes": ("Themes", [ANY, ALL, NONE], "collective.taxonomy.themes", False),
    "assembly": (
        "Assembly",
        [ANY, NONE],
        "imio.pressbook.vocabulary.Assemblies",
        False,
    ),
    "question_type": (
        "Type of question",
        [ANY, NONE],
        "imio.pressbook.vocabulary.QuestionTypes",
        False,
    ),
    "answer_status": (
        "Answer status",
        [ANY, NONE],
        "imio.pressbook.vocabulary.AnswerStatuses",
        False,
    ),
    "pressbook_year": (
        "Year (publication or question)",
        [INT_IS, INT_LESS, INT_LARGER],
        None,
        True,
    ),
    "pressbook_date": (
        "Date (publication or question)",
        DATE_OPERATIONS,
        None,
        True,
    ),
}

ARTICLES = {
    # id: (outlet, publication date, themes)
    "soir-2014": (
        "le-soir",
        date(2014, 1, 21),
        ["mutualisation-informatique", "marches-publics"],
    ),
    "soir-2020": ("le-soir", date(2020, 5, 4), ["logiciels-libres"]),
    "libre-2020": ("la-libre", date(2020, 9, 10), ["mutualisation-informatique"]),
    "vif-2014": ("le-vif", date(2014, 6, 2), ["marches-publics"]),
    "rtl-2023": ("rtl-tvi", date(2023, 3, 1), []),
}

FINAL = {"date": date(2024, 1, 8), "answered_by": "FURLAN Paul", "kind": "final"}
HOLDING = {"date": date(2024, 1, 8), "answered_by": "FURLAN Paul", "kind": "holding"}
QUESTIONS = {
    # id: (assembly, type, question date, answers, themes)
    "pw-written-answered": (
        "parlement-wallonie",
        "written",
        date(2015, 7, 10),
        [FINAL],
        ["mutualisation-informatique"],
    ),
    "pw-written-awaiting": (
        "parlement-wallonie",
        "written",
        date(2020, 2, 3),
        [],
        ["marches-publics"],
    ),
    "pw-oral-holding": (
        "parlement-wallonie",
        "oral",
        date(2023, 11, 20),
        [HOLDING],
        [],
    ),
    "chambre-written-answered": (
        "chambre",
        "written",
        date(2020, 10, 15),
        [FINAL],
        ["mutualisation-informatique", "marches-publics"],
    ),
}


@pytest.fixture
def book(portal):
    with api.env.adopt_roles(["Manager"]):
        book = api.content.create(
            portal, "imio.pressbook.PressBook", id="medias", title="Dans les médias"
        )
        for id_, (outlet, published, themes) in ARTICLES.items():
            api.content.create(
                book,
                "imio.pressbook.PressArticle",
                id=id_,
                title=id_,
                outlet=outlet,
                publication_date=published,
                themes=themes,
            )
        for id_, (assembly, type_, asked, answers, themes) in QUESTIONS.items():
            api.content.create(
                book,
                "imio.pressbook.ParliamentaryQuestion",
                id=id_,
                title=id_,
                assembly=assembly,
                question_type=type_,
                question_date=asked,
                asked_by="DUPONT Jean-Marc",
                addressed_to="FURLAN Paul",
                answers=answers,
                themes=themes,
            )
    return book


def collection_ids(portal, *criteria, sort_on=None):
    """The ids a Collection with these ``(index, operation, value)`` rows lists."""
    with api.env.adopt_roles(["Manager"]):
        collection = api.content.create(
            portal,
            "Collection",
            title="Revue de presse",
            query=[{"i": i, "o": o, "v": v} for i, o, v in criteria],
            sort_on=sort_on,
        )
        return [item.getId() for item in collection.results(batch=False)]


@pytest.mark.parametrize(
    "criteria,expected",
    [
        ([("outlet", ANY, ["le-soir"])], {"soir-2014", "soir-2020"}),
        (
            [("outlet", ANY, ["le-soir", "la-libre"])],
            {"soir-2014", "soir-2020", "libre-2020"},
        ),
        (
            [
                ("portal_type", ANY, ["imio.pressbook.PressArticle"]),
                ("outlet", NONE, ["le-soir", "la-libre"]),
            ],
            {"vif-2014", "rtl-2023"},
        ),
        (
            [("outlet_kind", ANY, ["daily"])],
            {"soir-2014", "soir-2020", "libre-2020"},
        ),
        ([("outlet_kind", ANY, ["weekly", "tv"])], {"vif-2014", "rtl-2023"}),
        (
            [("themes", ANY, ["mutualisation-informatique"])],
            {
                "soir-2014",
                "libre-2020",
                "pw-written-answered",
                "chambre-written-answered",
            },
        ),
        (
            [("themes", ALL, ["mutualisation-informatique", "marches-publics"])],
            {"soir-2014", "chambre-written-answered"},
        ),
        (
            [("assembly", ANY, ["parlement-wallonie"])],
            {"pw-written-answered", "pw-written-awaiting", "pw-oral-holding"},
        ),
        (
            [("question_type", ANY, ["oral"])],
            {"pw-oral-holding"},
        ),
        (
            # a holding answer is not the answer
            [("answer_status", ANY, ["awaiting"])],
            {"pw-written-awaiting", "pw-oral-holding"},
        ),
        (
            [("answer_status", ANY, ["answered"])],
            {"pw-written-answered", "chambre-written-answered"},
        ),
        (
            [
                ("assembly", ANY, ["parlement-wallonie"]),
                ("answer_status", ANY, ["awaiting"]),
            ],
            {"pw-written-awaiting", "pw-oral-holding"},
        ),
        (
            [
                ("assembly", ANY, ["parlement-wallonie"]),
                ("question_type", ANY, ["written"]),
                ("answer_status", ANY, ["answered"]),
            ],
            {"pw-written-answered"},
        ),
        (
            [("pressbook_year", INT_IS, "2020")],
            {
                "soir-2020",
                "libre-2020",
                "pw-written-awaiting",
                "chambre-written-answered",
            },
        ),
        (
            [("pressbook_year", INT_IS, "2020"), ("outlet", ANY, ["le-soir"])],
            {"soir-2020"},
        ),
        (
            # "larger than" and "less than" include the year itself
            [("pressbook_year", INT_LARGER, "2023")],
            {"rtl-2023", "pw-oral-holding"},
        ),
        (
            [("pressbook_year", INT_LESS, "2015")],
            {"soir-2014", "vif-2014", "pw-written-answered"},
        ),
        (
            [("pressbook_date", DATE_BETWEEN, ["2020-05-01", "2020-10-15"])],
            {"soir-2020", "libre-2020", "chambre-written-answered"},
        ),
        (
            [
                ("pressbook_year", INT_IS, "2020"),
                ("themes", ANY, ["mutualisation-informatique"]),
            ],
            {"libre-2020", "chambre-written-answered"},
        ),
    ],
)
def test_collection_lists_the_matching_items(portal, book, criteria, expected):
    ids = collection_ids(portal, *criteria)
    assert sorted(ids) == sorted(expected)


def test_collection_sorts_on_the_press_date(portal, book):
    ids = collection_ids(
        portal,
        ("outlet", ANY, ["le-soir", "la-libre", "le-vif"]),
        sort_on="pressbook_date",
    )
    assert ids == ["soir-2014", "vif-2014", "soir-2020", "libre-2020"]


@pytest.mark.parametrize("index", sorted(FIELDS))
def test_criterion_in_the_press_group(portal, index):
    title, operations, vocabulary, sortable = FIELDS[index]
    registry = api.portal.get_tool("portal_registry")
    prefix = f"plone.app.querystring.field.{index}"
    assert registry[f"{prefix}.title"] == title
    assert registry[f"{prefix}.title"].domain == "imio.pressbook"
    assert registry[f"{prefix}.group"] == "Press"
    assert registry[f"{prefix}.group"].domain == "imio.pressbook"
    assert registry[f"{prefix}.enabled"] is True
    assert registry[f"{prefix}.sortable"] is sortable
    assert registry[f"{prefix}.operations"] == operations
    assert registry.get(f"{prefix}.vocabulary") == vocabulary


@pytest.mark.parametrize("index", sorted(FIELDS))
def test_criterion_filters_an_index_of_the_catalog(portal, index):
    catalog = api.portal.get_tool("portal_catalog")
    assert index in catalog.indexes()


@pytest.mark.parametrize(
    "vocabulary", sorted({field[2] for field in FIELDS.values() if field[2]})
)
def test_criterion_vocabulary_exists(portal, vocabulary):
    assert queryUtility(IVocabularyFactory, vocabulary) is not None


def test_querybuilder_offers_the_press_criteria(portal):
    registry = api.portal.get_tool("portal_registry")
    config = IQuerystringRegistryReader(registry)()
    indexes = config["indexes"]
    # the French site shows the group in French
    press = {
        name
        for name, field in indexes.items()
        if field["group"] == "Presse" and field["enabled"]
    }
    assert press == set(FIELDS)
    assert set(indexes["answer_status"]["values"]) == {"awaiting", "answered"}
    assert {"le-soir", "la-libre", "rtl-tvi"} <= set(indexes["outlet"]["values"])
    assert {"daily", "weekly", "online", "radio", "tv", "agency"} == set(
        indexes["outlet_kind"]["values"]
    )
    assert {"mutualisation-informatique", "marches-publics"} <= set(
        indexes["themes"]["values"]
    )
    assert set(indexes["pressbook_year"]["operators"]) == {
        INT_IS,
        INT_LESS,
        INT_LARGER,
    }
    assert {"pressbook_date", "pressbook_year"} <= set(config["sortable_indexes"])


def test_answer_statuses_vocabulary_in_french(portal):
    vocabulary = getUtility(
        IVocabularyFactory, "imio.pressbook.vocabulary.AnswerStatuses"
    )(portal)
    titles = {
        term.token: translate(term.title, target_language="fr") for term in vocabulary
    }
    assert titles == {"awaiting": "En attente de réponse", "answered": "Répondue"}


def test_upgrade_to_1001_adds_the_criteria(portal):
    """A site installed with profile 1000 had none of the press criteria."""
    registry = api.portal.get_tool("portal_registry")
    prefixes = tuple(f"plone.app.querystring.field.{index}." for index in FIELDS)
    for name in [name for name in registry.records if name.startswith(prefixes)]:
        del registry.records[name]
    assert "plone.app.querystring.field.outlet.title" not in registry.records
    with api.env.adopt_roles(["Manager"]):
        upgrade(api.portal.get_tool("portal_setup"))
    for index, (title, operations, vocabulary, sortable) in FIELDS.items():
        prefix = f"plone.app.querystring.field.{index}"
        assert registry[f"{prefix}.title"] == title
        assert registry[f"{prefix}.operations"] == operations
        assert registry.get(f"{prefix}.vocabulary") == vocabulary
        assert registry[f"{prefix}.sortable"] is sortable


def test_generated_taxonomy_criterion_is_hidden(portal):
    """collective.taxonomy's own criterion (an index no type fills) is not offered."""
    registry = api.portal.get_tool("portal_registry")
    assert (
        registry.records["plone.app.querystring.field.taxonomy_themes.enabled"].value
        is False
    )
