"""A Collection shown with the "Press listing" view (``pressbook-listing``):
the press section's rows for the Collection's result, and its count."""

from datetime import date
from lxml import html
from plone import api
from plone.app.testing import logout

import pytest


ARTICLE = "imio.pressbook.PressArticle"
QUESTION = "imio.pressbook.ParliamentaryQuestion"
TYPE_IS = "plone.app.querystring.operation.selection.any"


def text_of(element):
    return " ".join(element.text_content().split())


@pytest.fixture
def site(portal):
    """A press section with a published article and question and a private
    article; a published page elsewhere."""
    with api.env.adopt_roles(["Manager"]):
        book = api.content.create(
            portal, "imio.pressbook.PressBook", id="medias", title="Dans les médias"
        )
        api.content.transition(book, "publish")
        article = api.content.create(
            book,
            ARTICLE,
            id="imio-touche",
            title="Imio touche 3,5 millions d'habitants",
            description="Le bilan de l'intercommunale.",
            publication_date=date(2014, 1, 21),
            outlet="la-derniere-heure",
            journalist="C. Ti.",
        )
        question = api.content.create(
            book,
            QUESTION,
            id="partenariats",
            title="Les partenariats de l'intercommunale",
            question_date=date(2015, 7, 10),
            assembly="parlement-wallonie",
            question_type="written",
            number="518 (2014-2015) 1",
            asked_by="DUPONT Jean-Marc",
            addressed_to="FURLAN Paul",
            answers=[
                {
                    "date": date(2015, 9, 7),
                    "answered_by": "FURLAN Paul",
                    "kind": "final",
                    "text": "Oui.",
                }
            ],
        )
        api.content.create(
            book,
            ARTICLE,
            id="brouillon",
            title="Brouillon",
            publication_date=date(2016, 1, 1),
            outlet="le-soir",
        )
        page = api.content.create(portal, "Document", id="a-propos", title="À propos")
        for item in (article, question, page):
            api.content.transition(item, "publish")
    return portal


def collection(portal, types, sort_on="pressbook_date", **fields):
    with api.env.adopt_roles(["Manager"]):
        collection = api.content.create(
            portal,
            "Collection",
            title="Revue de presse",
            query=[
                {"i": "portal_type", "o": TYPE_IS, "v": list(types)},
            ],
            sort_on=sort_on,
            sort_reversed=True,
            **fields,
        )
        collection.setLayout("pressbook-listing")
        api.content.transition(collection, "publish")
    return collection


def render(obj, request, **form):
    request.form.clear()
    request.form.update(form)
    view = obj.restrictedTraverse(obj.getLayout())
    return html.fromstring(view())


def rows(page):
    return [
        {
            "title": text_of(row.cssselect(".pressbook-listing-title a")[0]),
            "url": row.cssselect(".pressbook-listing-title a")[0].get("href"),
            "meta": text_of(row.cssselect(".pressbook-listing-meta")[0]),
            "source": " ".join(
                text_of(p) for p in row.cssselect(".pressbook-listing-source")
            ),
        }
        for row in page.cssselect(".pressbook-listing-item")
    ]


def test_the_view_is_offered_to_collections(site):
    fti = api.portal.get_tool("portal_types")["Collection"]
    assert "pressbook-listing" in fti.view_methods


def test_press_rows_with_outlet_dates_and_count(site, request_fr):
    press = collection(site, [ARTICLE, QUESTION])
    logout()
    page = render(press, request_fr)
    assert text_of(page.cssselect(".pressbook-count")[0]) == ("2 élément(s) trouvé(s).")
    book_url = site["medias"].absolute_url()
    assert rows(page) == [
        {
            "title": "Les partenariats de l'intercommunale",
            "url": f"{book_url}/partenariats",
            "meta": "10 juillet 2015 · Question parlementaire",
            "source": "Parlement de Wallonie · 518 (2014-2015) 1 · DUPONT Jean-Marc"
            " · Répondue",
        },
        {
            "title": "Imio touche 3,5 millions d'habitants",
            "url": f"{book_url}/imio-touche",
            "meta": "21 janvier 2014 · Article de presse",
            "source": "La Dernière Heure · C. Ti.",
        },
    ]
    assert text_of(page.cssselect(".pressbook-listing-description")[0]) == (
        "Le bilan de l'intercommunale."
    )


def test_editors_see_the_private_item_too(site, request_fr):
    press = collection(site, [ARTICLE])
    page = render(press, request_fr)
    assert [row["title"] for row in rows(page)] == [
        "Brouillon",
        "Imio touche 3,5 millions d'habitants",
    ]
    assert text_of(page.cssselect(".pressbook-count")[0]) == ("2 élément(s) trouvé(s).")


def test_a_page_in_the_result_is_listed_without_press_fields(site, request_fr):
    """A Collection that also finds a page: the page's row has its title and
    type, no date and no source; nothing breaks. (Sorted on the title: a
    catalog sort leaves out what its index does not hold.)"""
    mixed = collection(site, [ARTICLE, "Document"], sort_on="sortable_title")
    logout()
    page = render(mixed, request_fr)
    assert text_of(page.cssselect(".pressbook-count")[0]) == ("2 élément(s) trouvé(s).")
    listed = {row["title"]: row for row in rows(page)}
    assert set(listed) == {"Imio touche 3,5 millions d'habitants", "À propos"}
    assert listed["À propos"]["meta"] == "Page Web"
    assert listed["À propos"]["source"] == ""


def test_the_collection_item_count_batches_the_rows(site, request_fr):
    press = collection(site, [ARTICLE, QUESTION], item_count=1)
    logout()
    page = render(press, request_fr)
    assert [row["title"] for row in rows(page)] == [
        "Les partenariats de l'intercommunale"
    ]
    assert text_of(page.cssselect(".pressbook-count")[0]) == ("2 élément(s) trouvé(s).")
    assert page.cssselect(".pagination")
    page = render(press, request_fr, b_start="1")
    assert [row["title"] for row in rows(page)] == [
        "Imio touche 3,5 millions d'habitants"
    ]


def test_the_collection_text_shows_above_the_rows(site, request_fr):
    from plone.app.textfield.value import RichTextValue

    press = collection(
        site,
        [ARTICLE],
        text=RichTextValue("<p>Notre <em>revue</em>.</p>", "text/html", "text/html"),
    )
    page = render(press, request_fr)
    assert text_of(page.cssselect(".pressbook-intro em")[0]) == "revue"
