"""The fast path keeps the record ids and scores of the last texts searched
for the committed state of the text index: a text asked again answers as the
reference does, an edit of the text is seen, and no more than TEXTS_KEPT
texts are kept."""

from datetime import date
from imio.pressbook.search import engine
from imio.pressbook.search import fast
from imio.pressbook.search import parse_criteria
from plone import api
from plone.app.testing import login
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from plone.app.testing import TEST_USER_NAME

import pytest
import transaction


WORDS = [
    "guichet",
    "budget",
    "école",
    "voirie",
    "piscine",
    "marché",
    "bibliothèque",
    "parking",
    "crèche",
    "cimetière",
]


@pytest.fixture
def book(functional):
    portal = functional["portal"]
    setRoles(portal, TEST_USER_ID, ["Manager"])
    login(portal, TEST_USER_NAME)
    book = api.content.create(
        portal, "imio.pressbook.PressBook", id="medias", title="Dans les médias"
    )
    api.content.transition(book, "publish")
    for number, word in enumerate(WORDS):
        article = api.content.create(
            book,
            "imio.pressbook.PressArticle",
            id=f"article-{number}",
            title=f"Le {word} de la commune",
            publication_date=date(2021, 3, 1 + number),
            outlet="le-soir",
        )
        api.content.transition(article, "publish")
    transaction.commit()
    return book


def answer(result):
    return [brain.getRID() for brain in result.brains], result.total, result.facets


def same(book, text):
    criteria = parse_criteria(book, {"SearchableText": text})
    found = answer(fast.search(book, criteria))
    assert found == answer(engine.search(book, criteria))
    return found


def kept_texts():
    return sum(len(texts) for texts in fast._TEXTS.values())


def test_kept_texts_answer_as_the_reference(book):
    fast._TEXTS.clear()
    first = same(book, WORDS[0])
    assert first[1] == 1
    assert kept_texts() == 1
    for word in WORDS[1:]:
        assert same(book, word)[1] == 1
    # the oldest went away: no more than TEXTS_KEPT are kept
    assert kept_texts() == fast.TEXTS_KEPT
    assert same(book, WORDS[0]) == first
    assert same(book, WORDS[-1])[1] == 1


def test_a_text_edit_is_seen(book):
    fast._TEXTS.clear()
    assert same(book, "guichet")[1] == 1
    book["article-1"].title = "Un guichet pour le budget"
    book["article-1"].reindexObject()
    # not committed: read afresh, not kept
    assert same(book, "guichet")[1] == 2
    transaction.commit()
    assert same(book, "guichet")[1] == 2
    book["article-1"].title = "Le budget de la commune"
    book["article-1"].reindexObject()
    transaction.commit()
    assert same(book, "guichet")[1] == 1
