"""The feeds as a feed reader reads them: real ``feedparser``, over real HTTP.

A reader shows stored text as text (a title or lead such as
``<img src=x onerror=...>`` is never rendered as markup), shows each item on
its own day whatever the reader's time zone (the day is given as noon in the
site's zone, with the zone), and sees an item's ``updated`` move when the
item changes (an answer added to a question).
"""

from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD

import calendar
import datetime
import feedparser
import html
import pytest
import requests
import time
import transaction


HOSTILE_TITLE = "<img src=x onerror=alert(1)> & « communes »"
HOSTILE_LEAD = 'Le bilan <b>gras</b> <script>alert("x")</script> & 3 < 5'
# a winter day (Brussels UTC+1) and a summer day (UTC+2)
WINTER = datetime.date(2024, 3, 14)
SUMMER = datetime.date(2021, 7, 10)


@pytest.fixture(scope="class")
def site(functional_portal_class):
    """A published press section with a hostile article (winter) and a
    question (summer)."""
    with api.env.adopt_roles(["Manager"]):
        api.portal.set_registry_record("plone.portal_timezone", "Europe/Brussels")
        book = api.content.create(
            functional_portal_class,
            "imio.pressbook.PressBook",
            id="dans-les-medias",
            title="Dans les médias",
            description="Ce que <em>la presse</em> dit de nous",
        )
        article = api.content.create(
            book,
            "imio.pressbook.PressArticle",
            id="hostile",
            title=HOSTILE_TITLE,
            description=HOSTILE_LEAD,
            publication_date=WINTER,
            outlet="le-soir",
        )
        question = api.content.create(
            book,
            "imio.pressbook.ParliamentaryQuestion",
            id="question",
            title="Les partenariats de l'intercommunale",
            assembly="parlement-wallonie",
            question_date=SUMMER,
            asked_by="DUPONT Jean-Marc",
            addressed_to="FURLAN Paul",
        )
        for item in (book, article, question):
            api.content.transition(item, "publish")
    transaction.commit()
    return book.absolute_url()


def read(site, view):
    response = requests.get(f"{site}/@@{view}", timeout=60)
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert feed.bozo == 0, feed.get("bozo_exception")
    return feed


def entries_by_link(feed):
    return {entry.link.rsplit("/", 1)[1]: entry for entry in feed.entries}


def utc_day(struct):
    """feedparser's parsed dates are in UTC."""
    return datetime.datetime.fromtimestamp(calendar.timegm(struct), datetime.UTC).date()


def shown_text(detail, value):
    """What a reader shows: HTML rendered (its text), plain text as it is."""
    if detail.type == "text/html":
        assert "<" not in value, value
        return html.unescape(value)
    assert detail.type == "text/plain", detail.type
    return value


FEEDS = ("pressbook-rss", "pressbook-atom")


class TestReadersShowText:
    @pytest.mark.parametrize("view", FEEDS)
    def test_title_is_shown_as_typed(self, site, view):
        entry = entries_by_link(read(site, view))["hostile"]
        assert shown_text(entry.title_detail, entry.title) == HOSTILE_TITLE

    @pytest.mark.parametrize("view", FEEDS)
    def test_lead_is_shown_as_typed_never_as_markup(self, site, view):
        entry = entries_by_link(read(site, view))["hostile"]
        assert shown_text(entry.summary_detail, entry.summary) == HOSTILE_LEAD

    def test_channel_description_is_text(self, site):
        feed = read(site, "pressbook-rss").feed
        assert shown_text(feed.subtitle_detail, feed.subtitle) == (
            "Ce que <em>la presse</em> dit de nous"
        )


class TestReadersShowTheRightDay:
    @pytest.mark.parametrize("view", FEEDS)
    @pytest.mark.parametrize("name, day", [("hostile", WINTER), ("question", SUMMER)])
    def test_the_day_in_utc_is_the_items_day(self, site, view, name, day):
        entry = entries_by_link(read(site, view))[name]
        assert utc_day(entry.published_parsed) == day

    def test_rss_date_is_noon_in_brussels_with_its_zone(self, site):
        entries = entries_by_link(read(site, "pressbook-rss"))
        assert entries["hostile"].published == "Thu, 14 Mar 2024 12:00:00 +0100"
        assert entries["question"].published == "Sat, 10 Jul 2021 12:00:00 +0200"

    def test_atom_published_is_noon_in_brussels_with_its_zone(self, site):
        entries = entries_by_link(read(site, "pressbook-atom"))
        assert entries["hostile"].published == "2024-03-14T12:00:00+01:00"


def owner():
    http = requests.Session()
    http.auth = (SITE_OWNER_NAME, SITE_OWNER_PASSWORD)
    http.headers["Accept"] = "application/json"
    return http


class TestUpdatedFollowsChanges:
    def test_atom_updated_is_the_items_last_modification(self, site):
        entry = entries_by_link(read(site, "pressbook-atom"))["question"]
        transaction.begin()
        question = api.portal.get()["dans-les-medias"]["question"]
        modified = question.modified().asdatetime()
        assert datetime.datetime.fromisoformat(entry.updated) == modified

    def test_adding_an_answer_moves_updated(self, site):
        before = read(site, "pressbook-atom")
        question_before = entries_by_link(before)["question"]
        time.sleep(1)
        with owner() as http:
            response = http.patch(
                f"{site}/question",
                json={
                    "answers": [
                        {
                            "date": "2021-09-07",
                            "answered_by": "FURLAN Paul",
                            "kind": "final",
                            "text": "La réponse.",
                        }
                    ]
                },
            )
        assert response.status_code == 204
        after = read(site, "pressbook-atom")
        question_after = entries_by_link(after)["question"]
        assert question_after.updated_parsed > question_before.updated_parsed
        assert after.feed.updated_parsed > before.feed.updated_parsed
        # the day it is about stays the question's day
        assert question_after.published == question_before.published
        rss = read(site, "pressbook-rss")
        assert rss.feed.updated_parsed == after.feed.updated_parsed
