"""Factory type information and add permissions of the three types."""

from plone import api
from plone.dexterity.fti import DexterityFTI
from zExceptions import Unauthorized

import pytest


TYPES = [
    # portal_type, klass, schema, add permission, global_allow, folderish
    (
        "imio.pressbook.PressBook",
        "imio.pressbook.content.press_book.PressBook",
        "imio.pressbook.content.press_book.IPressBook",
        "imio.pressbook.AddPressBook",
        True,
    ),
    (
        "imio.pressbook.PressArticle",
        "imio.pressbook.content.press_article.PressArticle",
        "imio.pressbook.content.press_article.IPressArticle",
        "imio.pressbook.AddPressArticle",
        False,
    ),
    (
        "imio.pressbook.ParliamentaryQuestion",
        "imio.pressbook.content.parliamentary_question.ParliamentaryQuestion",
        "imio.pressbook.content.parliamentary_question.IParliamentaryQuestion",
        "imio.pressbook.AddParliamentaryQuestion",
        False,
    ),
]


@pytest.mark.parametrize("portal_type,klass,schema,add_permission,global_allow", TYPES)
def test_fti(get_fti, portal_type, klass, schema, add_permission, global_allow):
    fti = get_fti(portal_type)
    assert isinstance(fti, DexterityFTI)
    assert fti.klass == klass
    assert fti.schema == schema
    assert fti.add_permission == add_permission
    assert fti.global_allow is global_allow


def test_press_book_allows_only_articles_and_questions(get_fti):
    fti = get_fti("imio.pressbook.PressBook")
    assert fti.filter_content_types is True
    assert set(fti.allowed_content_types) == {
        "imio.pressbook.PressArticle",
        "imio.pressbook.ParliamentaryQuestion",
    }


@pytest.mark.parametrize(
    "portal_type",
    ["imio.pressbook.PressArticle", "imio.pressbook.ParliamentaryQuestion"],
)
def test_items_carry_keywords_and_publication_dates(get_behaviors, portal_type):
    behaviors = get_behaviors(portal_type)
    assert "plone.categorization" in behaviors  # `subjects`
    assert "plone.publication" in behaviors


@pytest.fixture
def press_book(portal):
    with api.env.adopt_roles(["Manager"]):
        return api.content.create(
            portal, "imio.pressbook.PressBook", id="medias", title="Dans les médias"
        )


ITEM_TYPES = ["imio.pressbook.PressArticle", "imio.pressbook.ParliamentaryQuestion"]


@pytest.mark.parametrize("portal_type", ITEM_TYPES)
@pytest.mark.parametrize(
    "roles,allowed",
    [
        (["Manager"], True),
        (["Site Administrator"], True),
        (["Contributor"], True),
        (["Editor"], False),
        (["Reader"], False),
        (["Member"], False),
        (["Anonymous"], False),
    ],
)
def test_add_permission_per_role(portal, press_book, portal_type, roles, allowed):
    """Contributors and up may add press items; members and visitors may not."""
    with api.env.adopt_roles(roles):
        fti = api.portal.get_tool("portal_types").getTypeInfo(portal_type)
        assert fti.isConstructionAllowed(press_book) is allowed
        if not allowed:
            with pytest.raises((Unauthorized, ValueError)):
                api.content.create(press_book, portal_type, title="Refused")


def test_items_cannot_be_added_outside_a_press_book(portal):
    with api.env.adopt_roles(["Manager"]):
        folder = api.content.create(portal, "Folder", title="Ailleurs")
        allowed = [fti.getId() for fti in folder.allowedContentTypes()]
    assert "imio.pressbook.PressBook" in allowed
    assert "imio.pressbook.PressArticle" not in allowed
    assert "imio.pressbook.ParliamentaryQuestion" not in allowed
