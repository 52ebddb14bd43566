""" "Thèmes et mots-clés" on the pages of articles and questions: the themes with
their parents, then the free keywords, each a link to the press section
filtered on it; the press section filters on a theme and the themes below it."""

from datetime import date
from lxml import html
from plone import api
from plone.app.testing import logout
from urllib.parse import parse_qs
from urllib.parse import urlparse

import pytest


ARTICLE = "imio.pressbook.PressArticle"
QUESTION = "imio.pressbook.ParliamentaryQuestion"


def text_of(element):
    return " ".join(element.text_content().split())


def create(container, portal_type, id, themes=(), subjects=(), **fields):
    if portal_type == ARTICLE:
        values = {
            "title": f"Article {id}",
            "publication_date": date(2014, 1, 21),
            "outlet": "la-derniere-heure",
        }
    else:
        values = {
            "title": f"Question {id}",
            "assembly": "parlement-wallonie",
            "question_date": date(2015, 7, 10),
            "asked_by": "DUPONT Jean-Marc",
            "addressed_to": "FURLAN Paul",
        }
    values.update(fields)
    with api.env.adopt_roles(["Manager"]):
        item = api.content.create(
            container, portal_type, id=id, themes=list(themes), **values
        )
        item.setSubject(subjects)
        item.reindexObject()
        api.content.transition(item, "publish")
    return item


@pytest.fixture
def book(portal):
    with api.env.adopt_roles(["Manager"]):
        book = api.content.create(
            portal,
            "imio.pressbook.PressBook",
            id="dans-les-medias",
            title="Dans les médias",
        )
        api.content.transition(book, "publish")
    return book


def render(obj, request, **form):
    request.form.clear()
    request.form.update(form)
    return html.fromstring(api.content.get_view("view", obj, request)())


def keywords(page):
    """``(class, text, href)`` of each link of "Thèmes et mots-clés"."""
    [section] = page.cssselect("#pressbook-keywords")
    assert text_of(section.cssselect("h2")[0]) == "Thèmes et mots-clés"
    return [
        (li.get("class").split()[-1], text_of(li), li.cssselect("a")[0].get("href"))
        for li in section.cssselect("li")
    ]


def titles(page):
    return [text_of(a) for a in page.cssselect(".pressbook-listing-title a")]


def notice(page):
    return text_of(page.cssselect(".pressbook-filter")[0])


def count(page):
    return text_of(page.cssselect(".pressbook-count")[0])


@pytest.mark.parametrize("portal_type", [ARTICLE, QUESTION])
def test_themes_with_their_parents_then_keywords(portal_type, book, request_fr):
    item = create(
        book,
        portal_type,
        "imio",
        themes=["logiciels-libres", "pouvoirs-locaux"],
        subjects=["IMIO"],
    )
    url = book.absolute_url()
    assert keywords(render(item, request_fr)) == [
        (
            "pressbook-theme",
            "Informatique › Logiciels libres",
            f"{url}?themes=logiciels-libres",
        ),
        ("pressbook-theme", "Pouvoirs locaux", f"{url}?themes=pouvoirs-locaux"),
        ("pressbook-keyword", "IMIO", f"{url}?Subject=IMIO"),
    ]


def test_visitors_see_the_themes_too(book, request_fr):
    item = create(book, ARTICLE, "imio", themes=["tutelle"])
    logout()
    assert keywords(render(item, request_fr)) == [
        (
            "pressbook-theme",
            "Pouvoirs locaux › Tutelle",
            f"{book.absolute_url()}?themes=tutelle",
        )
    ]


def test_a_theme_deleted_from_the_taxonomy_is_left_out(
    book, request_fr, edit_themes, node
):
    item = create(book, ARTICLE, "imio", themes=["tutelle", "gouvernance"])

    def delete_tutelle(tree):
        parent = node(tree, "pouvoirs-locaux")
        parent["subnodes"] = [
            child for child in parent["subnodes"] if child["key"] != "tutelle"
        ]

    edit_themes(delete_tutelle)
    assert [text for kind, text, href in keywords(render(item, request_fr))] == [
        "Pouvoirs locaux › Gouvernance"
    ]


def test_a_renamed_theme_shows_its_new_name(book, request_fr, edit_themes, node):
    item = create(book, ARTICLE, "imio", themes=["logiciels-libres"])

    def rename(tree):
        node(tree, "logiciels-libres")["translations"]["fr"] = "Open source"

    edit_themes(rename)
    [(kind, text, href)] = keywords(render(item, request_fr))
    assert (text, href) == (
        "Informatique › Open source",
        f"{book.absolute_url()}?themes=logiciels-libres",
    )


def test_no_section_without_themes_nor_keywords(book, request_fr):
    item = create(book, QUESTION, "rien")
    assert render(item, request_fr).cssselect("#pressbook-keywords") == []


@pytest.fixture
def filed(book):
    """Items under Informatique, one of its children, another child, elsewhere."""
    create(book, ARTICLE, "parent", themes=["informatique"])
    create(book, ARTICLE, "libres", themes=["logiciels-libres"])
    create(book, QUESTION, "securite", themes=["securite-informatique"])
    create(book, QUESTION, "tutelle", themes=["tutelle"], subjects=["IMIO"])
    create(book, ARTICLE, "libres-imio", themes=["logiciels-libres"], subjects=["IMIO"])
    create(book, ARTICLE, "sans")
    return book


def test_a_theme_link_leads_to_the_items_filed_under_it(filed, request_fr):
    item_page = render(filed["libres"], request_fr)
    [(kind, text, href)] = keywords(item_page)
    url = urlparse(href)
    assert url._replace(query="").geturl() == filed.absolute_url()
    query = {key: values[0] for key, values in parse_qs(url.query).items()}
    page = render(filed, request_fr, **query)
    assert sorted(titles(page)) == ["Article libres", "Article libres-imio"]
    assert notice(page) == (
        "Filtré sur : Informatique › Logiciels libres × (retirer ce filtre) "
        "– Afficher tous les éléments"
    )
    assert count(page) == "2 élément(s) trouvé(s)."


def test_a_parent_theme_includes_the_themes_below_it(filed, request_fr):
    page = render(filed, request_fr, themes="informatique")
    assert sorted(titles(page)) == [
        "Article libres",
        "Article libres-imio",
        "Article parent",
        "Question securite",
    ]
    assert notice(page).startswith("Filtré sur : Informatique ×")


def test_theme_and_keyword_together(filed, request_fr):
    page = render(filed, request_fr, themes="logiciels-libres", Subject="IMIO")
    assert titles(page) == ["Article libres-imio"]
    assert notice(page).startswith(
        "Filtré sur : Informatique › Logiciels libres × (retirer ce filtre) "
        "IMIO × (retirer ce filtre)"
    )


def test_an_unknown_theme_is_a_400_naming_the_parameter(filed, request_fr):
    page = render(filed, request_fr, themes="open-source")
    assert request_fr.response.getStatus() == 400
    assert titles(page) == []
    assert text_of(page.cssselect(".pressbook-error p")[0]) == (
        "Le paramètre « themes » n'est pas valide : Valeur inconnue : open-source."
    )


def test_without_filter_every_item(filed, request_fr):
    page = render(filed, request_fr)
    assert len(titles(page)) == 6
    assert page.cssselect(".pressbook-filter") == []


def test_batch_links_keep_the_theme(book, request_fr):
    for day in range(25):
        create(
            book,
            ARTICLE,
            f"article-{day:02d}",
            themes=["dechets"],
            publication_date=date(2020, 1, day + 1),
        )
    page = render(book, request_fr, themes="environnement")
    assert count(page) == "25 élément(s) trouvé(s)."
    next_links = [a.get("href") for a in page.cssselect(".pagination a")]
    assert parse_qs(urlparse(next_links[-1]).query)["themes"] == ["environnement"]
