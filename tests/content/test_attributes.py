"""Press sections, articles and questions answer a name they lack as
plone.dexterity does (a field's default, the section's item, or
AttributeError), only faster (content/attributes.py): both are asked the
same names, the fields of every schema and behaviour of the site, the names
the catalog asks, and any name hypothesis makes up."""

from Acquisition import aq_base
from datetime import date
from hypothesis import given
from hypothesis import HealthCheck
from hypothesis import settings
from hypothesis import strategies as st
from imio.pressbook.content import attributes
from plone import api
from plone.dexterity.content import Container
from plone.dexterity.content import DexterityContent
from plone.dexterity.schema import SCHEMA_CACHE

import pytest


TYPES = (
    "imio.pressbook.PressBook",
    "imio.pressbook.PressArticle",
    "imio.pressbook.ParliamentaryQuestion",
)


@pytest.fixture
def items(portal):
    with api.env.adopt_roles(["Manager"]):
        book = api.content.create(
            portal, "imio.pressbook.PressBook", id="presse", title="Presse"
        )
        article = api.content.create(
            book,
            "imio.pressbook.PressArticle",
            id="start",  # an item named as a name the catalog asks
            title="Le budget",
            publication_date=date(2020, 1, 2),
            outlet="le-soir",
        )
        question = api.content.create(
            book,
            "imio.pressbook.ParliamentaryQuestion",
            id="q",
            title="Une question",
            assembly="parlement-wallonie",
            question_date=date(2020, 1, 2),
        )
    return book, article, question


def names_to_ask(portal):
    names = set(api.portal.get_tool("portal_catalog").indexes())
    names.update(api.portal.get_tool("portal_catalog").schema())
    types = api.portal.get_tool("portal_types")
    for fti in types.objectValues():
        if getattr(fti, "behaviors", None) is not None:
            for schema in SCHEMA_CACHE.schema_interfaces(fti.getId()):
                names.update(schema.names(all=True))
    names.update(("portal_registry", "plone_utils", "__conform__", "_v_x", "x"))
    return sorted(names)


def plone_dexterity(obj, name):
    """What plone.dexterity answers (the value, or AttributeError)."""
    obj = aq_base(obj)
    getattr_ = Container.__getattr__ if obj.portal_type in TYPES[:1] else None
    try:
        if getattr_ is not None:
            return getattr_(obj, name)
        return DexterityContent.__getattr__(obj, name)
    except AttributeError:
        return AttributeError


def ours(obj, name):
    obj = aq_base(obj)
    try:
        return type(obj).__getattr__(obj, name)
    except AttributeError:
        return AttributeError


def test_every_name_the_same(portal, items):
    names = names_to_ask(portal)
    skipped = 0
    for obj in items:
        for name in names:
            assert ours(obj, name) == plone_dexterity(obj, name), (obj, name)
            skipped += attributes.no_field_named(obj, name)
    # the fast answer is given, not only the slow one
    assert skipped > len(names)


def test_a_field_default_is_still_given(items):
    book, article, question = items
    # never set: plone.dexterity gives the field's default
    assert "paper_version_access" in attributes.field_names(article)
    assert ours(article, "page") == plone_dexterity(article, "page")
    # the section's item, by the name (the folder part of the lookup)
    assert ours(book, "start").getId() == "start"


@settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(name=st.text(min_size=1, max_size=20))
def test_any_name_the_same(items, name):
    for obj in items:
        assert ours(obj, name) == plone_dexterity(obj, name), (obj, name)


def test_off_switch(items, monkeypatch):
    book, article, question = items
    monkeypatch.setattr(attributes, "FAST_MISSES", False)
    assert not attributes.no_field_named(article, "assembly")
    with pytest.raises(AttributeError):
        type(aq_base(article)).__getattr__(aq_base(article), "assembly")
