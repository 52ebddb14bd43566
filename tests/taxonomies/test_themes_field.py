"""The ``themes`` field of articles and questions: term tokens, stored as they
are, indexed by the ``themes`` KeywordIndex and in SearchableText, picked in the
forms with Plone's searchable select (pat-select2), each theme under its parents."""

from datetime import date
from imio.pressbook.browser.widgets import ThemesSelectFieldWidget
from imio.pressbook.content.parliamentary_question import IParliamentaryQuestion
from imio.pressbook.content.press_article import IPressArticle
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from plone.autoform.interfaces import WIDGETS_KEY
from plone.testing.zope import Browser
from urllib.parse import urlencode
from zope.schema.interfaces import IChoice
from zope.schema.interfaces import IList

import pytest
import re
import transaction


ARTICLE = "imio.pressbook.PressArticle"
QUESTION = "imio.pressbook.ParliamentaryQuestion"
SCHEMAS = pytest.mark.parametrize("schema", [IPressArticle, IParliamentaryQuestion])


def add_article(container, id="article", **fields):
    values = {
        "title": "IMIO, la mutualisation au service des communes",
        "publication_date": date(2014, 1, 21),
        "outlet": "la-derniere-heure",
    }
    values.update(fields)
    return api.content.create(container, ARTICLE, id=id, **values)


def add_question(container, id="question", **fields):
    values = {
        "title": "Les partenariats sollicités par l'intercommunale IMIO",
        "assembly": "parlement-wallonie",
        "question_date": date(2015, 7, 10),
        "asked_by": "DUPONT Jean-Marc",
        "addressed_to": "FURLAN Paul",
    }
    values.update(fields)
    return api.content.create(container, QUESTION, id=id, **values)


@pytest.fixture
def book(portal):
    with api.env.adopt_roles(["Manager"]):
        yield api.content.create(
            portal, "imio.pressbook.PressBook", id="medias", title="Dans les médias"
        )


@SCHEMAS
def test_a_list_of_choices_from_the_taxonomy(schema):
    field = schema["themes"]
    assert IList.providedBy(field) and IChoice.providedBy(field.value_type)
    assert field.value_type.vocabularyName == "collective.taxonomy.themes"
    assert (field.required, field.default, field.missing_value) == (False, [], [])


@SCHEMAS
def test_the_form_uses_the_searchable_themes_widget(schema):
    widget = schema.queryTaggedValue(WIDGETS_KEY)["themes"]
    assert widget.widget_factory is ThemesSelectFieldWidget


@SCHEMAS
def test_the_field_accepts_tokens_and_refuses_unknown_ones(schema, portal):
    field = schema["themes"].bind(portal)
    field.validate(["logiciels-libres", "tutelle"])
    # collective.taxonomy's vocabulary answers `in` with a KeyError
    with pytest.raises(LookupError):
        field.validate(["logiciels-libres", "open-source"])


def test_the_items_store_the_tokens(book):
    article = add_article(book, themes=["logiciels-libres", "tutelle"])
    question = add_question(book, themes=["marches-publics"])
    assert article.themes == ["logiciels-libres", "tutelle"]
    assert question.themes == ["marches-publics"]
    assert add_article(book, id="sans").themes == []


def test_the_catalog_filters_on_a_theme(book):
    add_article(book, themes=["logiciels-libres", "tutelle"])
    add_question(book, themes=["logiciels-libres"])
    add_article(book, id="autre", themes=["culture"])
    add_article(book, id="sans")
    found = api.content.find(themes="logiciels-libres", sort_on="id")
    assert [brain.id for brain in found] == ["article", "question"]
    assert [brain.id for brain in api.content.find(themes="tutelle")] == ["article"]
    found = api.content.find(themes=["tutelle", "culture"], sort_on="id")
    assert [brain.id for brain in found] == ["article", "autre"]


def test_the_brains_carry_the_tokens(book):
    add_article(book, themes=["logiciels-libres", "tutelle"])
    [brain] = api.content.find(portal_type=ARTICLE)
    assert brain.themes == ["logiciels-libres", "tutelle"]


@pytest.mark.parametrize("add", [add_article, add_question])
def test_searchable_text_holds_the_french_titles_with_their_parents(add, book):
    add(book, themes=["logiciels-libres"])
    add(book, id="autre", themes=["culture"])
    for words in ("logiciels libres", "informatique"):
        found = api.content.find(SearchableText=words)
        assert [brain.id for brain in found] == [add.__name__[4:]], words
    # the token itself is not a word of the page
    assert len(api.content.find(SearchableText="vrije")) == 0


# the add form, posted over the publisher


@pytest.fixture
def functional_book(functional):
    portal = functional["portal"]
    with api.env.adopt_roles(["Manager"]):
        book = api.content.create(
            portal, "imio.pressbook.PressBook", id="medias", title="Dans les médias"
        )
    transaction.commit()
    return book


@pytest.fixture
def browser(functional):
    browser = Browser(functional["app"])
    browser.handleErrors = False
    browser.addHeader("Authorization", f"Basic {SITE_OWNER_NAME}:{SITE_OWNER_PASSWORD}")
    browser.addHeader("Accept-Language", "fr")
    return browser


def themes_select(html):
    """The ``<select>`` of the themes: its attributes and its options."""
    select = re.search(
        r'<select[^>]*name="form.widgets.themes"[^>]*>.*?</select>', html, re.S
    )
    assert select, "no themes select"
    tag = select.group(0).split(">", 1)[0]
    options = re.findall(
        r'<option[^>]*value="([^"]+)"[^>]*>([^<]+)</option>', select.group(0)
    )
    return tag, options


def test_the_add_form_lists_the_themes_with_their_parents(functional_book, browser):
    browser.open(f"{functional_book.absolute_url()}/++add++{ARTICLE}")
    tag, options = themes_select(browser.contents)
    # one searchable multiple select (Plone's pat-select2), not a two-list box
    assert 'multiple="multiple"' in tag
    assert "pat-select2" in tag
    assert len(options) == 47
    assert ("logiciels-libres", "Informatique » Logiciels libres") in options
    assert ("informatique", "Informatique") in options
    # each under its parent, in the taxonomy's order
    tokens = [token for token, _label in options]
    assert tokens.index("informatique") < tokens.index("logiciels-libres")


def post_article(book, browser, themes):
    url = f"{book.absolute_url()}/++add++{ARTICLE}"
    browser.open(url)
    token = re.search(
        r'name="_authenticator"[^>]*value="([^"]+)"', browser.contents
    ).group(1)
    data = [
        ("_authenticator", token),
        ("form.widgets.title", "IMIO, la mutualisation au service des communes"),
        ("form.widgets.publication_date", "2014-01-21"),
        ("form.widgets.outlet:list", "la-derniere-heure"),
        ("form.widgets.outlet-empty-marker", "1"),
        ("form.widgets.paper_version_access:list", "authenticated"),
        ("form.widgets.paper_version_access-empty-marker", "1"),
        *(("form.widgets.themes", theme) for theme in themes),
        ("form.widgets.themes-empty-marker", "1"),
        ("form.buttons.save", "Enregistrer"),
    ]
    browser.post(url, urlencode(data))
    transaction.begin()
    return browser.contents


@pytest.mark.parametrize(
    "posted",
    [
        # the select, as a browser posts it: one value each
        ["tutelle", "logiciels-libres"],
        # as pat-select2 may post it: one value, joined by its separator
        ["tutelle;logiciels-libres"],
    ],
)
def test_the_add_form_stores_the_picked_themes(functional_book, browser, posted):
    post_article(functional_book, browser, posted)
    [article] = functional_book.objectValues()
    assert article.themes == ["tutelle", "logiciels-libres"]


def test_the_add_form_stores_one_theme(functional_book, browser):
    post_article(functional_book, browser, ["tutelle"])
    [article] = functional_book.objectValues()
    assert article.themes == ["tutelle"]


def test_the_add_form_refuses_an_unknown_theme(functional_book, browser):
    html = post_article(functional_book, browser, ["tutelle", "nulle-part"])
    assert list(functional_book.objectIds()) == []
    field = html.split('id="formfield-form-widgets-themes"', 1)[1]
    field = field.split('id="formfield-', 1)[0]
    assert re.search(
        r'class="invalid-feedback">\s*Choisissez les thèmes dans la liste\.',
        field,
    ), field[-600:]
