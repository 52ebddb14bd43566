"""The page of a press book: its items newest first, filtered and batched."""

from lxml import html
from plone import api
from plone.app.testing import logout
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from plone.app.textfield.value import RichTextValue
from Products.CMFCore.indexing import processQueue
from urllib.parse import parse_qs
from urllib.parse import urlparse

import datetime
import pytest


def text_of(element):
    return " ".join(element.text_content().split())


@pytest.fixture
def manager(portal):
    setRoles(portal, TEST_USER_ID, ["Manager"])
    yield
    setRoles(portal, TEST_USER_ID, ["Member"])


@pytest.fixture
def press_book(portal, manager):
    return api.content.create(
        portal,
        "imio.pressbook.PressBook",
        id="dans-les-medias",
        title="Dans les médias",
        text=RichTextValue(
            "<p>Ce que la presse dit de <strong>nous</strong>.</p>",
            "text/html",
            "text/x-html-safe",
        ),
    )


def add_article(book, id, date, subjects=(), publish=True, **fields):
    values = {
        "title": f"Article {id}",
        "outlet": "la-derniere-heure",
        "publication_date": date,
    }
    values.update(fields)
    article = api.content.create(book, "imio.pressbook.PressArticle", id=id, **values)
    article.setSubject(subjects)
    if publish:
        api.content.transition(article, "publish")
    article.reindexObject()
    return article


def add_question(book, id, date, subjects=(), **fields):
    values = {
        "title": f"Question {id}",
        "assembly": "parlement-wallonie",
        "question_type": "written",
        "number": "518 (2014-2015) 1",
        "question_date": date,
        "asked_by": "DUPONT Jean-Marc",
        "addressed_to": "FURLAN Paul",
    }
    values.update(fields)
    question = api.content.create(
        book, "imio.pressbook.ParliamentaryQuestion", id=id, **values
    )
    question.setSubject(subjects)
    api.content.transition(question, "publish")
    question.reindexObject()
    return question


@pytest.fixture
def seed_items(press_book):
    add_article(
        press_book,
        "imio-touche",
        datetime.date(2014, 1, 21),
        subjects=("IMIO",),
        title="Imio touche 3,5 millions d'habitants en Région wallonne",
        description="Le ministre dresse le bilan de l'intercommunale.",
        journalist="C. Ti.",
    )
    add_question(
        press_book,
        "partenariats",
        datetime.date(2015, 7, 10),
        subjects=("IMIO", "Partenariats"),
        title="Les partenariats sollicités par l'intercommunale IMIO",
        answers=[
            {
                "date": datetime.date(2015, 9, 7),
                "answered_by": "FURLAN Paul",
                "kind": "final",
                "text": "Oui.",
            }
        ],
    )
    add_question(
        press_book,
        "sans-reponse",
        datetime.date(2014, 6, 2),
        title="Une question restée sans réponse",
    )
    return press_book


def render(book, request, **form):
    request.form.update(form)
    return html.fromstring(api.content.get_view("view", book, request)())


def titles(page):
    return [text_of(a) for a in page.cssselect(".pressbook-listing-title a")]


def test_intro_text(press_book, request_fr):
    page = render(press_book, request_fr)
    assert text_of(page.cssselect(".pressbook-intro strong")[0]) == "nous"


def test_items_newest_first(seed_items, request_fr):
    page = render(seed_items, request_fr)
    assert titles(page) == [
        "Les partenariats sollicités par l'intercommunale IMIO",
        "Une question restée sans réponse",
        "Imio touche 3,5 millions d'habitants en Région wallonne",
    ]
    assert text_of(page.cssselect(".pressbook-count")[0]) == "3 élément(s) trouvé(s)."


def test_article_row(seed_items, request_fr):
    page = render(seed_items, request_fr)
    row = page.cssselect(".pressbook-listing-article")[0]
    assert (
        text_of(row.cssselect(".pressbook-listing-meta")[0])
        == "21 janvier 2014 · Article de presse"
    )
    link = row.cssselect(".pressbook-listing-title a")[0]
    assert link.get("href") == f"{seed_items.absolute_url()}/imio-touche"
    assert (
        text_of(row.cssselect(".pressbook-listing-source")[0])
        == "La Dernière Heure · C. Ti."
    )
    assert text_of(row.cssselect(".pressbook-listing-description")[0]) == (
        "Le ministre dresse le bilan de l'intercommunale."
    )


def test_question_rows_with_answer_status(seed_items, request_fr):
    page = render(seed_items, request_fr)
    answered, awaiting = page.cssselect(".pressbook-listing-question")
    assert (
        text_of(answered.cssselect(".pressbook-listing-meta")[0])
        == "10 juillet 2015 · Question parlementaire"
    )
    assert text_of(answered.cssselect(".pressbook-listing-source")[0]) == (
        "Parlement de Wallonie · 518 (2014-2015) 1 · DUPONT Jean-Marc · Répondue"
    )
    # a written question of 2015 in the Parliament of Wallonia (28 days)
    assert (
        text_of(awaiting.cssselect(".pressbook-listing-status")[0])
        == "Réponse en retard"
    )


def test_rows_come_from_the_catalog(seed_items, request_fr):
    """The listing reads brains: a change not yet indexed does not show."""
    processQueue()
    seed_items["imio-touche"].journalist = "Quelqu'un d'autre"
    page = render(seed_items, request_fr)
    assert "C. Ti." in text_of(page.cssselect(".pressbook-listing-article")[0])
    assert "Quelqu'un d'autre" not in text_of(page)


def test_visitors_see_published_items_only(seed_items, request_fr):
    add_article(
        seed_items,
        "brouillon",
        datetime.date(2016, 1, 1),
        publish=False,
        title="Brouillon",
    )
    assert "Brouillon" in titles(render(seed_items, request_fr))
    logout()
    request_fr.form.clear()
    page = render(seed_items, request_fr)
    assert "Brouillon" not in titles(page)
    assert text_of(page.cssselect(".pressbook-count")[0]) == "3 élément(s) trouvé(s)."


def test_subject_filters_the_list(seed_items, request_fr):
    page = render(seed_items, request_fr, Subject="IMIO")
    assert titles(page) == [
        "Les partenariats sollicités par l'intercommunale IMIO",
        "Imio touche 3,5 millions d'habitants en Région wallonne",
    ]
    notice = page.cssselect(".pressbook-filter")[0]
    assert text_of(notice) == (
        "Filtré sur : IMIO × (retirer ce filtre) – Afficher tous les éléments"
    )
    remove, show_all = notice.cssselect("a")
    assert remove.get("href") == seed_items.absolute_url()
    assert show_all.get("href") == seed_items.absolute_url()
    assert text_of(page.cssselect(".pressbook-count")[0]) == "2 élément(s) trouvé(s)."


def test_keyword_links_of_an_item_filter_its_press_book(seed_items, request_fr):
    question_page = html.fromstring(
        api.content.get_view("view", seed_items["partenariats"], request_fr)()
    )
    href = question_page.cssselect("#pressbook-keywords a")[1].get("href")
    url = urlparse(href)
    assert url._replace(query="").geturl() == seed_items.absolute_url()
    page = render(
        seed_items, request_fr, **{k: v[0] for k, v in parse_qs(url.query).items()}
    )
    assert titles(page) == ["Les partenariats sollicités par l'intercommunale IMIO"]


def test_no_filter_notice_without_subject(seed_items, request_fr):
    page = render(seed_items, request_fr)
    assert page.cssselect(".pressbook-filter") == []


def test_unknown_subject_finds_nothing(seed_items, request_fr):
    page = render(seed_items, request_fr, Subject="Inconnu")
    assert titles(page) == []
    assert text_of(page.cssselect(".pressbook-count")[0]) == "0 élément(s) trouvé(s)."


class TestBatching:
    @pytest.fixture
    def many(self, press_book):
        start = datetime.date(2020, 1, 1)
        for day in range(25):
            add_article(
                press_book,
                f"article-{day:02d}",
                start + datetime.timedelta(days=day),
                subjects=("Pair",) if day % 2 == 0 else (),
            )
        return press_book

    def test_first_page_holds_twenty_newest(self, many, request_fr):
        page = render(many, request_fr)
        assert titles(page) == [
            f"Article article-{day:02d}" for day in range(24, 4, -1)
        ]
        assert (
            text_of(page.cssselect(".pressbook-count")[0]) == "25 élément(s) trouvé(s)."
        )

    def test_second_page(self, many, request_fr):
        page = render(many, request_fr, b_start="20")
        assert titles(page) == [
            f"Article article-{day:02d}" for day in range(4, -1, -1)
        ]

    def test_batch_navigation_keeps_the_filter(self, many, request_fr):
        for day in range(25, 45):
            add_article(
                many,
                f"article-{day:02d}",
                datetime.date(2021, 1, 1) + datetime.timedelta(days=day),
                ("Pair",),
            )
        page = render(many, request_fr, Subject="Pair")
        assert (
            text_of(page.cssselect(".pressbook-count")[0]) == "33 élément(s) trouvé(s)."
        )
        assert len(titles(page)) == 20
        next_links = [a.get("href") for a in page.cssselect(".pagination a")]
        assert next_links
        query = parse_qs(urlparse(next_links[-1]).query)
        assert query["Subject"] == ["Pair"]
        assert query["b_start"] == ["20"]

    def test_plone_batch_links_are_understood(self, many, request_fr):
        page = render(many, request_fr, **{"b_start": 20})  # from b_start:int=20
        assert titles(page) == [
            f"Article article-{day:02d}" for day in range(4, -1, -1)
        ]

    def test_bad_b_start_is_a_400_naming_it(self, many, request_fr):
        page = render(many, request_fr, b_start="x")
        assert request_fr.response.getStatus() == 400
        assert titles(page) == []
        assert text_of(page.cssselect(".pressbook-error p")[0]) == (
            "Le paramètre « b_start » n'est pas valide : Un nombre entier est attendu."
        )


def test_title_is_escaped(press_book, request_fr):
    add_article(
        press_book,
        "xss",
        datetime.date(2014, 1, 21),
        title="<script>alert('title')</script>",
        journalist="<script>alert('journalist')</script>",
        description="<img src=x onerror=alert(1)>",
    )
    source = api.content.get_view("view", press_book, request_fr)()
    assert "<script>alert(" not in source
    assert "<img src=x" not in source
    page = html.fromstring(source)
    assert titles(page) == ["<script>alert('title')</script>"]
