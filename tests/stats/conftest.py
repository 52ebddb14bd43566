"""Fixtures of the statistics tests: a press section whose items are
described in items.json (articles and questions, published and private,
answered, awaiting, answered after a holding answer), and the brute force:
the same figures, counted by walking the objects (in the tests only)."""

from collections import Counter
from datetime import date
from imio.pressbook.content.parliamentary_question import IParliamentaryQuestion
from imio.pressbook.content.press_article import IPressArticle
from pathlib import Path
from plone import api

import json
import pytest


ITEMS = json.loads((Path(__file__).parent / "items.json").read_text("utf-8"))
ARTICLE = "imio.pressbook.PressArticle"
QUESTION = "imio.pressbook.ParliamentaryQuestion"
# the shipped taxonomy's parents
PARENTS = {
    "logiciels-libres": "informatique",
    "securite-informatique": "informatique",
    "tutelle": "pouvoirs-locaux",
}


def create_items(book, items=ITEMS):
    with api.env.adopt_roles(["Manager"]):
        for item in items:
            day = date.fromisoformat(item["day"])
            common = {
                "id": item["id"],
                "title": item.get("title", f"Élément {item['id']}"),
            }
            if item["type"] == "article":
                obj = api.content.create(
                    book,
                    ARTICLE,
                    publication_date=day,
                    outlet=item["outlet"],
                    themes=item["themes"],
                    **common,
                )
            else:
                obj = api.content.create(
                    book,
                    QUESTION,
                    question_date=day,
                    assembly=item["assembly"],
                    asked_by=item["asked_by"],
                    asked_by_group=item["asked_by_group"],
                    addressed_to=item["addressed_to"],
                    addressee_role=item["addressee_role"],
                    themes=item["themes"],
                    answers=[
                        {
                            "date": date.fromisoformat(answer_day),
                            "kind": kind,
                            "answered_by": item["addressed_to"],
                            "text": "Réponse",
                        }
                        for answer_day, kind in item["answers"]
                    ],
                    **common,
                )
            if item["state"] == "published":
                api.content.transition(obj, "publish")
            obj.reindexObject()


@pytest.fixture()
def book(portal):
    with api.env.adopt_roles(["Manager"]):
        book = api.content.create(
            portal, "imio.pressbook.PressBook", id="medias", title="Dans les médias"
        )
        api.content.transition(book, "publish")
    create_items(book)
    return book


# the brute force: the objects themselves


def visible_items(book, **only):
    """The items of the section the current user may view, as objects,
    keeping those whose attributes equal ``only``."""
    found = []
    for obj in book.objectValues():
        if not api.user.has_permission("View", obj=obj):
            continue
        if all(getattr(obj, name, None) == value for name, value in only.items()):
            found.append(obj)
    return found


def item_date(obj):
    if IPressArticle.providedBy(obj):
        return obj.publication_date
    return obj.question_date


def brute_counts(objects):
    """{dimension: Counter} counted from the objects' own fields."""
    counts = {
        name: Counter()
        for name in (
            "month",
            "outlet",
            "outlet_kind",
            "themes",
            "assembly",
            "asked_by",
            "asked_by_group",
            "addressed_to",
            "addressee_role",
        )
    }
    for obj in objects:
        day = item_date(obj)
        counts["month"][f"{day.year:04d}-{day.month:02d}"] += 1
        themes = set()
        for theme in obj.themes or ():
            themes.add(theme)
            if theme in PARENTS:
                themes.add(PARENTS[theme])
        counts["themes"].update(themes)
        if IPressArticle.providedBy(obj):
            counts["outlet"][obj.outlet] += 1
            counts["outlet_kind"][OUTLET_KINDS[obj.outlet]] += 1
        if IParliamentaryQuestion.providedBy(obj):
            for name in (
                "assembly",
                "asked_by",
                "asked_by_group",
                "addressed_to",
                "addressee_role",
            ):
                if getattr(obj, name):
                    counts[name][getattr(obj, name)] += 1
    return {name: dict(counter) for name, counter in counts.items()}


OUTLET_KINDS = {
    "le-soir": "daily",
    "la-libre": "daily",
    "l-avenir": "daily",
    "vivacite": "radio",
}


class BruteForce:
    """The brute force, for the tests: ``items(book, **only)`` and
    ``counts(objects)``."""

    items = staticmethod(visible_items)
    counts = staticmethod(brute_counts)


@pytest.fixture()
def brute():
    return BruteForce
