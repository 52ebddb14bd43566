"""The press section's faceted listing, as a visitor and an editor see it.

Every count the page shows is checked against a brute-force count computed in
Python from the fixture's own data (not from the catalog): for the unfiltered
page and for combinations of filters, for a visitor (published and current
items only), an editor of the section (private items too) and a manager
(expired and future items too). Then the batching edges, the sorts, the links
that keep the filters, the bad parameters and the escaping.

The page is rendered in the integration layer, the items built once per class
(``portal_class``): the tests only read. A last class asks the publisher
(functional layer) for the status codes.
"""

from collections import Counter
from DateTime import DateTime
from datetime import date
from datetime import timedelta
from imio.pressbook.vocabularies.outlets import outlet_rows
from lxml import etree
from lxml import html
from plone import api
from plone.app.testing import login
from plone.app.testing import logout
from plone.app.testing import TEST_USER_NAME
from urllib.parse import parse_qs
from urllib.parse import urlparse
from zope.event import notify
from zope.traversing.interfaces import BeforeTraverseEvent

import pytest
import re
import requests
import transaction


ARTICLE = "imio.pressbook.PressArticle"
QUESTION = "imio.pressbook.ParliamentaryQuestion"
PASSWORD = "redaction-presse-2024"

# the kinds of the outlets used below, as the Presse control panel's defaults
# say ("other" has none)
OUTLET_KINDS = {
    "le-soir": "daily",
    "la-libre": "daily",
    "le-vif": "weekly",
    "rtbf-info": "online",
    "la-premiere": "radio",
    "rtl-tvi": "tv",
    "belga": "agency",
    "l-avenir": "daily",
    "la-meuse": "daily",
    "other": None,
}
# the parents of the themes used below (profiles/themes/taxonomies/themes.xml)
THEME_PARENTS = {
    "informatique": None,
    "logiciels-libres": "informatique",
    "securite-informatique": "informatique",
    "mutualisation-informatique": "informatique",
    "environnement": None,
    "dechets": "environnement",
    "energie-climat": "environnement",
    "mobilite": None,
    "voiries": "mobilite",
    "culture": None,
}
# the word some titles carry, and no other indexed text
WORD = "cyberattaque"


def article(id, day, outlet, themes=(), state="published", title=None):
    return {
        "id": id,
        "type": ARTICLE,
        "title": title or f"Article {id}",
        "date": day,
        "outlet": outlet,
        "themes": themes,
        "state": state,
    }


def question(
    id, day, assembly, question_type, answered, themes=(), state="published", title=None
):
    return {
        "id": id,
        "type": QUESTION,
        "title": title or f"Question {id}",
        "date": day,
        "assembly": assembly,
        "question_type": question_type,
        "answered": answered,
        "themes": themes,
        "state": state,
    }


# state: published, private, expired (published, expiration date past) or
# future (published, effective date to come)
CORPUS = [
    article("a01", date(2021, 3, 4), "le-soir", ["logiciels-libres"], title="Une cyberattaque contre la commune"),
    article("a02", date(2021, 5, 6), "le-soir", ["logiciels-libres", "securite-informatique"]),
    article("a03", date(2021, 9, 10), "la-libre", ["informatique"]),
    article("a04", date(2020, 1, 15), "le-vif", ["informatique", "logiciels-libres"]),
    article("a05", date(2020, 6, 20), "rtbf-info", ["dechets"], title="La cyberattaque paralyse le parc à conteneurs"),
    article("a06", date(2022, 2, 2), "la-premiere", ["energie-climat", "dechets"]),
    article("a07", date(2022, 11, 11), "rtl-tvi", ["culture"]),
    article("a08", date(2019, 4, 4), "belga"),
    article("a09", date(2023, 1, 1), "other", ["voiries"]),
    article("a10", date(2021, 7, 7), "rtbf-info", ["securite-informatique"], "private", title="Cyberattaque : le brouillon"),
    article("a11", date(2021, 8, 8), "le-soir", ["logiciels-libres"], "expired", title="Cyberattaque : la suite expirée"),
    article("a12", date(2022, 3, 3), "le-soir", ["mutualisation-informatique"], "future"),
    article("a13", date(2020, 10, 10), "la-libre", (), "private"),
    article("a14", date(2023, 5, 5), "le-vif", ["culture", "informatique"]),
    article("a15", date(2021, 12, 12), "le-soir", (), title="Cyberattaque : la commune porte plainte"),
    article("a16", date(2019, 9, 9), "rtl-tvi", ["mobilite"], "expired"),
    article("a17", date(2022, 6, 6), "rtbf-info", ["logiciels-libres"]),
    article("a18", date(2020, 3, 3), "other", (), "future"),
    article("a19", date(2022, 4, 4), "l-avenir", ["culture"]),
    article("a20", date(2019, 5, 5), "la-meuse"),
    question("q01", date(2021, 2, 2), "parlement-wallonie", "written", True, ["logiciels-libres"]),
    question("q02", date(2021, 4, 4), "parlement-wallonie", "oral", False, ["informatique"]),
    question("q03", date(2020, 5, 5), "chambre", "written", True, ["dechets"]),
    question("q04", date(2022, 7, 7), "chambre", "interpellation", False),
    question("q05", date(2019, 8, 8), "parlement-fwb", "topical", True, ["culture"]),
    question("q06", date(2021, 10, 10), "parlement-wallonie", "written", False, ["securite-informatique", "mutualisation-informatique"], title="La cyberattaque du SPW"),
    question("q07", date(2023, 3, 3), "senat", "oral", True, (), "private"),
    question("q08", date(2022, 9, 9), "parlement-wallonie", "written", False, ["energie-climat"], "expired"),
    question("q09", date(2020, 12, 12), "chambre", "oral", True, ["voiries"], "future"),
    question("q10", date(2021, 6, 16), "parlement-fwb", "urgent", False, ["informatique"], "private"),
    question("q11", date(2019, 2, 2), "parlement-wallonie", "written", True, ["logiciels-libres"]),
    question("q12", date(2023, 8, 8), "chambre", "topical", False),
]  # fmt: skip


def facet_text(entry):
    """``(label, count text)`` of a facet value (its ``li`` or its link):
    "Le Soir (12)", after the hidden "chosen" words and mark if any."""
    link = entry if entry.tag == "a" else entry.cssselect("a")[0]
    text = (link.text or "") + "".join(child.tail or "" for child in link)
    label, count = re.fullmatch(r"\s*(.*) \(([^()]*)\)\s*", text).groups()
    return label, count


def facet_label(entry):
    return facet_text(entry)[0]


def facet_count(entry):
    """The count shown, as a number (``3 546`` in French)."""
    return int(re.sub(r"\D", "", facet_text(entry)[1]))


def text_of(element):
    return " ".join(element.text_content().split())


def as_user(user):
    """Act as ``user``: anonymous, editor (Editor on the section) or manager."""
    portal = api.portal.get()
    if user == "anonymous":
        logout()
    elif user == "editor":
        login(portal, "editor")
    else:
        login(portal, TEST_USER_NAME)


def create_item(book, spec):
    if spec["type"] == ARTICLE:
        fields = {"publication_date": spec["date"], "outlet": spec["outlet"]}
    else:
        fields = {
            "question_date": spec["date"],
            "assembly": spec["assembly"],
            "question_type": spec["question_type"],
            "number": f"{spec['id']} (2020-2021) 1",
            "asked_by": "DUPONT Jean-Marc",
            "addressed_to": "FURLAN Paul",
            "answers": [
                {
                    "date": spec["date"] + timedelta(days=30),
                    "answered_by": "FURLAN Paul",
                    "kind": "final",
                    "text": "Réponse.",
                }
            ]
            if spec["answered"]
            else [],
        }
    item = api.content.create(
        book,
        spec["type"],
        id=spec["id"],
        title=spec["title"],
        themes=list(spec["themes"]),
        **fields,
    )
    if spec["state"] != "private":
        api.content.transition(item, "publish")
    if spec["state"] == "expired":
        item.setExpirationDate(DateTime() - 30)
    if spec["state"] == "future":
        item.setEffectiveDate(DateTime() + 30)
    item.reindexObject()
    return item


@pytest.fixture(scope="class")
def request_fr(portal_class):
    """The test request as the publisher prepares it: layer and language negotiated."""
    request = portal_class.REQUEST
    notify(BeforeTraverseEvent(portal_class, request))
    return request


@pytest.fixture(scope="class")
def corpus(portal_class):
    """The CORPUS in a published press section, with an editor of the section."""
    with api.env.adopt_roles(["Manager"]):
        api.user.create(email="editor@commune.be", username="editor", password=PASSWORD)
        book = api.content.create(
            portal_class,
            "imio.pressbook.PressBook",
            id="dans-les-medias",
            title="Dans les médias",
        )
        api.content.transition(book, "publish")
        api.user.grant_roles(username="editor", obj=book, roles=["Editor"])
        for spec in CORPUS:
            create_item(book, spec)
    api.user.grant_roles(username=TEST_USER_NAME, roles=["Manager"])
    return book


def render(context, request, form=None, view="view"):
    """The page for the GET parameters ``form`` ({name: value or [values]})."""
    request.form.clear()
    request.form.update(form or {})
    request.response.setStatus(200)
    return html.fromstring(api.content.get_view(view, context, request)())


def params_of(url):
    return parse_qs(urlparse(url).query)


def follow(context, request, url, view="view"):
    assert urlparse(url)._replace(query="").geturl() == context.absolute_url()
    return render(context, request, params_of(url), view)


def total_of(page):
    """The number of "N élément(s) trouvé(s).", checking the sentence."""
    words = text_of(page.cssselect(".pressbook-count")[0]).split()
    assert words[1:] == ["élément(s)", "trouvé(s)."], words
    return int(words[0])


def row_ids(page):
    return [
        a.get("href").rsplit("/", 1)[-1]
        for a in page.cssselect(".pressbook-listing-title a")
    ]


def row_titles(page):
    return [text_of(a) for a in page.cssselect(".pressbook-listing-title a")]


def as_lists(form):
    return {
        name: list(value) if isinstance(value, list | tuple) else [value]
        for name, value in form.items()
    }


def facets_shown(page, form):
    """{facet: {token: (count, link)}} of the page, the token of each value
    being the one its link adds to (or removes from) the filters ``form``."""
    current = as_lists(form)
    shown = {}
    for section in page.cssselect(".pressbook-facet"):
        [name] = [
            css[len("pressbook-facet-") :]
            for css in section.get("class").split()
            if css.startswith("pressbook-facet-")
        ]
        values = shown.setdefault(name, {})
        for entry in section.cssselect(".pressbook-facet-value"):
            link = entry.cssselect("a")[0]
            [token] = set(params_of(link.get("href")).get(name, [])) ^ set(
                current.get(name, [])
            )
            count = facet_count(entry)
            assert token not in values, (name, token)
            values[token] = (count, link.get("href"))
    return shown


# the brute force, over the CORPUS


def visible(spec, user):
    """Who sees what: a visitor, published and current items; an editor of the
    section, private ones too (not those out of their publication dates: that
    takes the site-wide "Access inactive portal content"); a manager, all."""
    if user == "manager":
        return True
    if user == "editor":
        return spec["state"] in ("published", "private")
    return spec["state"] == "published"


def with_parents(themes):
    tokens = set()
    for token in themes:
        while token is not None:
            tokens.add(token)
            token = THEME_PARENTS[token]
    return tokens


def values_of(spec, name):
    """The facet values of an item (a theme brings its parents)."""
    if name == "portal_type":
        return {spec["type"]}
    if name == "year":
        return {str(spec["date"].year)}
    if name == "themes":
        return with_parents(spec["themes"])
    if name == "outlet_kind":
        kind = OUTLET_KINDS.get(spec.get("outlet"))
        return {kind} if kind else set()
    if name == "answer_status":
        if spec["type"] != QUESTION:
            return set()
        if spec["answered"]:
            return {"answered"}
        deadline = ANSWER_DEADLINES.get(spec["assembly"])
        if (
            deadline
            and spec["question_type"] == "written"
            and spec["date"] + timedelta(days=deadline) < date.today()
        ):
            # overdue: awaiting past the assembly's deadline
            return {"awaiting", "overdue"}
        return {"awaiting"}
    value = spec.get(name)
    return {value} if value else set()


# the shipped assemblies' answer deadlines (days), for written questions
ANSWER_DEADLINES = {"parlement-wallonie": 28, "parlement-europeen": 42}


def matches(spec, form, without=None):
    for name, values in as_lists(form).items():
        if name == without:
            continue
        if name == "SearchableText":
            if not all(word.lower() in spec["title"].lower() for word in values):
                return False
        elif name == "start":
            if spec["date"] < date.fromisoformat(values[0]):
                return False
        elif name == "end":
            if spec["date"] > date.fromisoformat(values[0]):
                return False
        elif not values_of(spec, name) & set(values):
            return False
    return True


FACET_NAMES = (
    "portal_type",
    "year",
    "outlet",
    "outlet_kind",
    "themes",
    "assembly",
    "question_type",
    "answer_status",
)


def expected_items(user, form):
    return [
        spec["id"] for spec in CORPUS if visible(spec, user) and matches(spec, form)
    ]


def expected_facets(user, form):
    """{facet: {value: count}}: a facet counts over the items that match every
    other filter (its own left out); a chosen value shows even at 0."""
    chosen = as_lists(form)
    facets = {}
    for name in FACET_NAMES:
        counts = Counter()
        for spec in CORPUS:
            if visible(spec, user) and matches(spec, form, without=name):
                counts.update(values_of(spec, name))
        for value in chosen.get(name, []):
            # a chosen theme shows under its parents, even at 0
            for shown in with_parents([value]) if name == "themes" else [value]:
                counts.setdefault(shown, 0)
        if counts:
            facets[name] = dict(counts)
    return facets


USERS = ("anonymous", "editor", "manager")
COMBINATIONS = {
    "unfiltered": {},
    "year and theme": {"year": "2021", "themes": "informatique"},
    "outlet and text": {"outlet": "le-soir", "SearchableText": WORD},
    "two outlets": {"outlet": ["le-soir", "rtbf-info"]},
    "questions awaiting in two assemblies": {
        "portal_type": QUESTION,
        "answer_status": "awaiting",
        "assembly": ["parlement-wallonie", "chambre"],
    },
    "overdue or answered questions": {"answer_status": ["overdue", "answered"]},
    # a01 and a03 on the first and the last day: both in
    "date range": {"start": "2021-03-04", "end": "2021-09-10"},
    "date range and two types of question": {
        "start": "2019-01-01",
        "end": "2021-06-30",
        "question_type": ["written", "oral"],
    },
    "two child themes and a kind": {
        "themes": ["logiciels-libres", "dechets"],
        "outlet_kind": "daily",
    },
}


class TestFilterLinks:
    """Each filter link is the page's address with that one value added or
    removed: ``toggle_url`` (each parameter encoded once per page) gives what
    ``url`` of the changed parameters gives, the plain way."""

    @pytest.mark.parametrize(
        "form",
        [
            *COMBINATIONS.values(),
            {"themes": "informatique", "sort_on": "title", "b_size": "5"},
            {"SearchableText": WORD, "sort_on": "relevance", "outlet": "le-soir"},
            {"sort_on": "relevance", "year": ["2021", "2020"]},
        ],
    )
    def test_each_link_is_the_plain_url(self, corpus, request_fr, form):
        as_user("manager")
        request_fr.form.clear()
        request_fr.form.update(form)
        view = api.content.get_view("view", corpus, request_fr)
        view()
        links = 0
        for facet in view.facets():
            for value in facet["entries"] + facet["more"]:
                params = view.state()
                chosen = params.get(facet["name"], [])
                values = [token for token in chosen if token != value["token"]]
                if len(values) == len(chosen):
                    values.append(value["token"])
                if values:
                    params[facet["name"]] = values
                else:
                    params.pop(facet["name"], None)
                assert value["url"] == view.url(params)
                links += 1
        assert links > 5


class TestCountsMatchBruteForce:
    @pytest.mark.parametrize("user", USERS)
    @pytest.mark.parametrize("combination", COMBINATIONS)
    def test_total_rows_and_facet_counts(self, corpus, request_fr, user, combination):
        form = COMBINATIONS[combination]
        as_user(user)
        page = render(corpus, request_fr, {**form, "b_size": "100"})
        expected = expected_items(user, form)
        assert expected, "a combination that finds nothing proves little"
        assert total_of(page) == len(expected)
        assert sorted(row_ids(page)) == sorted(expected)
        shown = facets_shown(page, form)
        assert {
            name: {token: count for token, (count, _url) in values.items()}
            for name, values in shown.items()
        } == expected_facets(user, form)

    @pytest.mark.parametrize("user", USERS)
    @pytest.mark.parametrize("combination", COMBINATIONS)
    def test_each_facet_link_gives_the_count_shown(
        self, corpus, request_fr, user, combination
    ):
        """A value of a facet not chosen adds a filter: the page it links to
        lists as many items as its count. A value of a chosen facet is counted
        as if it were chosen alone."""
        form = COMBINATIONS[combination]
        as_user(user)
        shown = facets_shown(render(corpus, request_fr, form), form)
        followed = 0
        for name, values in shown.items():
            for token, (count, url) in values.items():
                if name in form:
                    # the other filters, and this value alone
                    page = render(corpus, request_fr, {**form, name: token})
                else:
                    page = follow(corpus, request_fr, url)
                assert total_of(page) == count, (name, token)
                followed += 1
        assert followed == sum(map(len, expected_facets(user, form).values()))

    def test_a_child_theme_counts_under_its_parent_once(self, corpus, request_fr):
        """a02 is filed under two children of "Informatique", a04 under the
        parent and a child: each counts once under the parent."""
        as_user("anonymous")
        page = render(corpus, request_fr, {"outlet": ["le-soir", "le-vif"]})
        counts = {
            token: count
            for token, (count, _url) in facets_shown(
                page, {"outlet": ["le-soir", "le-vif"]}
            )["themes"].items()
        }
        # published from le-soir and le-vif: a01, a02, a04, a14, a15
        assert counts == {
            "informatique": 4,  # a01, a02, a04, a14
            "logiciels-libres": 3,  # a01, a02, a04
            "securite-informatique": 1,  # a02
            "culture": 1,  # a14
        }

    def test_child_themes_are_listed_under_their_parent(self, corpus, request_fr):
        as_user("anonymous")
        page = render(corpus, request_fr)
        entries = page.cssselect(".pressbook-facet-themes .pressbook-facet-value")
        labels = [facet_label(entry) for entry in entries]
        depths = ["ps-3" in entry.get("class").split() for entry in entries]
        start = labels.index("Informatique")
        assert not depths[start]
        end = depths.index(False, start + 1) if False in depths[start + 1 :] else None
        assert all(depths[start + 1 : end])
        children = labels[start + 1 : end]
        assert set(children) == {
            "Logiciels libres",
            "Sécurité informatique",
            "Mutualisation informatique",
        }

    def test_values_beyond_eight_are_behind_n_more(self, corpus, request_fr):
        as_user("anonymous")
        page = render(corpus, request_fr)
        [facet] = page.cssselect(".pressbook-facet-outlet")
        assert len(facet.cssselect("ul")[0].cssselect(".pressbook-facet-value")) == 8
        [more] = facet.cssselect("details")
        assert text_of(more.cssselect("summary")[0]) == "2 de plus"
        assert len(more.cssselect(".pressbook-facet-value")) == 2
        # a chosen value among them comes out of "more"
        page = render(corpus, request_fr, {"outlet": "belga"})
        [facet] = page.cssselect(".pressbook-facet-outlet")
        shown = facet.cssselect("ul")[0].cssselect(".pressbook-facet-value")
        assert "pressbook-chosen" in " ".join(entry.get("class") for entry in shown)

    def test_visitors_never_see_private_expired_or_future_items(
        self, corpus, request_fr
    ):
        as_user("anonymous")
        hidden = {spec["id"] for spec in CORPUS if spec["state"] != "published"}
        for form in COMBINATIONS.values():
            page = render(corpus, request_fr, {**form, "b_size": "100"})
            assert not hidden & set(row_ids(page))
        page = render(corpus, request_fr, {"b_size": "100"})
        assert total_of(page) == 22
        # the only 2021 item of rtbf-info is private: no count, no value
        page = render(corpus, request_fr, {"year": "2021"})
        assert "rtbf-info" not in facets_shown(page, {"year": "2021"})["outlet"]
        assert "Cyberattaque : le brouillon" not in text_of(page)

    def test_editor_sees_private_items_not_expired_ones(self, corpus, request_fr):
        as_user("editor")
        page = render(corpus, request_fr, {"b_size": "100"})
        assert {"a10", "a13", "q07", "q10"} <= set(row_ids(page))
        assert not {"a11", "a12", "a16", "a18", "q08", "q09"} & set(row_ids(page))
        assert total_of(page) == 26

    # links that keep or drop the filters

    def test_feed_and_export_links_carry_the_filters(self, corpus, request_fr):
        as_user("anonymous")
        form = {
            "year": "2021",
            "outlet": ["le-soir", "la-libre"],
            "themes": "informatique",
            "SearchableText": WORD,
            "start": "2021-01-01",
            "end": "2021-12-31",
        }
        page = render(corpus, request_fr, {**form, "sort_on": "title", "b_start": "0"})
        links = page.cssselect(".pressbook-links a")
        assert [urlparse(a.get("href")).path.rsplit("/", 1)[-1] for a in links] == [
            "@@pressbook-rss",
            "@@pressbook-atom",
            "@@pressbook-export.csv",
            "@@pressbook-export.json",
            "@@pressbook-export.bib",
            "@@pressbook-export.ris",
            "@@pressbook-export.csl.json",
        ]
        for link in links:
            assert params_of(link.get("href")) == as_lists(form)

    def test_the_citation_links_give_what_the_page_lists(self, corpus, request_fr):
        as_user("anonymous")
        form = {"outlet": ["le-soir", "rtbf-info"], "themes": "logiciels-libres"}
        page = render(corpus, request_fr, form)
        [ris] = page.cssselect(".pressbook-links a.pressbook-link-ris")
        assert ris.text_content().strip() == "Export RIS"
        request_fr.form.clear()
        request_fr.form.update(params_of(ris.get("href")))
        body = api.content.get_view("pressbook-export.ris", corpus, request_fr)()
        if isinstance(body, bytes):
            body = body.decode("utf-8")
        assert body.count("ER  -") == total_of(page) == 3

    def test_the_feed_link_lists_what_the_page_lists(self, corpus, request_fr):
        as_user("anonymous")
        form = {"outlet": ["le-soir", "rtbf-info"], "themes": "logiciels-libres"}
        page = render(corpus, request_fr, form)
        [rss] = page.cssselect(".pressbook-links a.pressbook-link-rss")
        request_fr.form.clear()
        request_fr.form.update(params_of(rss.get("href")))
        feed = api.content.get_view("pressbook-rss", corpus, request_fr)()
        if isinstance(feed, str):
            feed = feed.encode("utf-8")
        items = etree.fromstring(feed).findall(".//item")
        assert len(items) == total_of(page) == 3

    def test_toggle_link_of_a_chosen_value_removes_it(self, corpus, request_fr):
        as_user("anonymous")
        form = {"outlet": ["le-soir", "la-libre"], "year": "2021"}
        page = render(corpus, request_fr, form)
        chosen = page.cssselect(".pressbook-facet-outlet .pressbook-chosen a")
        assert [facet_label(a) for a in chosen] == [
            "Le Soir",
            "La Libre Belgique",
        ]
        assert params_of(chosen[0].get("href")) == {
            "outlet": ["la-libre"],
            "year": ["2021"],
        }
        after = follow(corpus, request_fr, chosen[0].get("href"))
        assert total_of(after) == len(
            expected_items("anonymous", {"outlet": "la-libre", "year": "2021"})
        )
        # and the filter notice's own remove link of the year
        notice = {
            text_of(a.cssselect("span")[0]): a.get("href")
            for a in page.cssselect(".pressbook-filter .pressbook-filter-value")
        }
        assert params_of(notice["2021"]) == {"outlet": ["le-soir", "la-libre"]}

    def test_reset_link_shows_all(self, corpus, request_fr):
        as_user("anonymous")
        page = render(
            corpus, request_fr, {"themes": "culture", "SearchableText": "Article"}
        )
        [reset] = page.cssselect(".pressbook-filter-remove")
        assert reset.get("href") == corpus.absolute_url()
        everything = follow(corpus, request_fr, reset.get("href"))
        assert total_of(everything) == len(expected_items("anonymous", {}))
        assert everything.cssselect(".pressbook-filter") == []

    def test_a_chosen_value_counted_zero_still_shows_to_be_removed(
        self, corpus, request_fr
    ):
        """le-vif has nothing in 2021: chosen, it shows with 0 and its link
        removes it."""
        as_user("anonymous")
        form = {"year": "2021", "outlet": "le-vif"}
        page = render(corpus, request_fr, form)
        assert total_of(page) == 0
        count, url = facets_shown(page, form)["outlet"]["le-vif"]
        assert count == 0
        assert params_of(url) == {"year": ["2021"]}

    def test_the_search_form_keeps_the_other_filters(self, corpus, request_fr):
        """A new text or new dates keep the filters and the sort, and start
        again from the first page."""
        as_user("anonymous")
        form = {
            "outlet": ["le-soir", "la-libre"],
            "SearchableText": WORD,
            "start": "2021-01-01",
            "sort_on": "title",
            "b_size": "5",
            "b_start": "5",
        }
        page = render(corpus, request_fr, form)
        [search] = page.cssselect("form.pressbook-search-form")
        assert search.get("action") == corpus.absolute_url()
        assert search.get("method") == "get"
        hidden = [
            (field.get("name"), field.get("value"))
            for field in search.cssselect("input[type=hidden]")
        ]
        assert hidden == [
            ("outlet", "le-soir"),
            ("outlet", "la-libre"),
            ("sort_on", "title"),
            ("sort_order", "ascending"),
            ("b_size", "5"),
        ]
        assert search.cssselect("#pressbook-text")[0].get("value") == WORD
        assert search.cssselect("#pressbook-start")[0].get("value") == "2021-01-01"
        assert search.cssselect("#pressbook-end")[0].get("value") == ""

    def test_the_date_range_filter_says_its_days(self, corpus, request_fr):
        as_user("anonymous")
        form = {"start": "2021-03-04", "end": "2021-09-10", "year": "2021"}
        page = render(corpus, request_fr, form)
        notice = {
            text_of(a.cssselect("span")[0]): a.get("href")
            for a in page.cssselect(".pressbook-filter .pressbook-filter-value")
        }
        assert notice == {
            "2021": corpus.absolute_url() + "?start=2021-03-04&end=2021-09-10",
            "4 mars 2021 – 10 septembre 2021": corpus.absolute_url() + "?year=2021",
        }
        page = render(corpus, request_fr, {"start": "2021-03-04"})
        [link] = page.cssselect(".pressbook-filter .pressbook-filter-value")
        assert text_of(link.cssselect("span")[0]) == "4 mars 2021 – …"


# batching and sorting: twelve articles, five a page


BATCH_TITLES = [
    "Zèbre",
    "Abeille",
    "Écureuil",
    "Marmotte",
    "Castor",
    "Dauphin",
    "Hérisson",
    "Baleine",
    "Loutre",
    "Girafe",
    "Koala",
    "Faucon",
]


@pytest.fixture(scope="class")
def batching(portal_class):
    """Twelve published articles, one a month of 2020 (five) and 2021 (seven);
    the section shows five a page."""
    with api.env.adopt_roles(["Manager"]):
        book = api.content.create(
            portal_class,
            "imio.pressbook.PressBook",
            id="revue",
            title="Revue de presse",
            batch_size=5,
        )
        api.content.transition(book, "publish")
        for number, title in enumerate(BATCH_TITLES):
            day = date(2020, number + 1, 10) if number < 5 else date(2021, number, 10)
            create_item(
                book,
                article(
                    f"item-{number:02d}",
                    day,
                    "le-soir" if number % 2 else "la-libre",
                    title=title,
                ),
            )
    logout()
    return book


def newest_first():
    return [title for _number, title in sorted(enumerate(BATCH_TITLES), reverse=True)]


class TestBatching:
    def test_the_section_batch_size_gives_that_many_a_page(self, batching, request_fr):
        page = render(batching, request_fr)
        assert row_titles(page) == newest_first()[:5]
        assert total_of(page) == 12
        labels = [text_of(a) for a in page.cssselect(".pagination a")]
        assert labels == ["1", "2", "3", "Suivant"]

    def test_the_last_page_is_partial(self, batching, request_fr):
        page = render(batching, request_fr, {"b_start": "10"})
        assert row_titles(page) == newest_first()[10:]
        current = page.cssselect(".pagination .active a")
        assert [text_of(a) for a in current] == ["3"]
        assert page.cssselect(".pagination a[rel=next]") == []

    def test_exactly_batch_size_items_need_no_pages(self, batching, request_fr):
        page = render(batching, request_fr, {"year": "2020"})
        assert total_of(page) == 5
        assert len(row_titles(page)) == 5
        assert page.cssselect(".pagination") == []

    def test_b_start_past_the_end_lists_nothing_with_a_link_back(
        self, batching, request_fr
    ):
        page = render(batching, request_fr, {"b_start": "50", "year": "2021"})
        assert request_fr.response.getStatus() == 200
        assert page.cssselect(".pressbook-error") == []
        assert row_titles(page) == []
        assert total_of(page) == 7
        [back] = page.cssselect(".pagination a[rel=prev]")
        assert params_of(back.get("href")) == {"year": ["2021"], "b_start": ["5"]}
        assert (
            row_titles(follow(batching, request_fr, back.get("href")))
            == (newest_first()[5:7])
        )

    def test_b_start_past_a_single_page_has_a_link_back(self, batching, request_fr):
        page = render(batching, request_fr, {"b_start": "10", "year": "2020"})
        assert request_fr.response.getStatus() == 200
        assert row_titles(page) == []
        assert total_of(page) == 5
        [back] = page.cssselect(".pagination a[rel=prev]")
        assert params_of(back.get("href")) == {"year": ["2020"]}
        assert (
            row_titles(follow(batching, request_fr, back.get("href")))
            == (newest_first()[7:])
        )

    def test_b_size_in_the_url_overrides_the_section(self, batching, request_fr):
        page = render(batching, request_fr, {"b_size": "3"})
        assert row_titles(page) == newest_first()[:3]
        [following] = page.cssselect(".pagination a[rel=next]")
        assert params_of(following.get("href")) == {
            "b_size": ["3"],
            "b_start": ["3"],
        }
        assert (
            row_titles(follow(batching, request_fr, following.get("href")))
            == (newest_first()[3:6])
        )

    def test_page_links_keep_the_filters_and_the_sort(self, batching, request_fr):
        form = {"outlet": ["le-soir", "la-libre"], "sort_on": "title", "b_size": "4"}
        page = render(batching, request_fr, form)
        by_title = sorted(BATCH_TITLES, key=lambda t: t.replace("É", "E"))
        assert row_titles(page) == by_title[:4]
        hrefs = {text_of(a): a.get("href") for a in page.cssselect(".pagination a")}
        assert params_of(hrefs["2"]) == {
            "outlet": ["le-soir", "la-libre"],
            "sort_on": ["title"],
            "sort_order": ["ascending"],
            "b_size": ["4"],
            "b_start": ["4"],
        }
        assert row_titles(follow(batching, request_fr, hrefs["3"])) == by_title[8:]

    def test_filter_and_sort_links_start_again_from_the_first_page(
        self, batching, request_fr
    ):
        page = render(batching, request_fr, {"b_start": "5", "b_size": "5"})
        links = page.cssselect(".pressbook-facet-value a, .pressbook-sort a")
        assert len(links) == 9  # type, two years, two outlets, a kind; three sorts
        for link in links:
            assert "b_start" not in params_of(link.get("href"))
            assert params_of(link.get("href"))["b_size"] == ["5"]

    # sorting

    def test_title_sort_is_a_to_z(self, batching, request_fr):
        page = render(batching, request_fr, {"sort_on": "title", "b_size": "20"})
        assert row_titles(page) == [
            "Abeille",
            "Baleine",
            "Castor",
            "Dauphin",
            "Écureuil",
            "Faucon",
            "Girafe",
            "Hérisson",
            "Koala",
            "Loutre",
            "Marmotte",
            "Zèbre",
        ]

    def test_oldest_first(self, batching, request_fr):
        page = render(
            batching,
            request_fr,
            {"sort_on": "date", "sort_order": "ascending", "b_size": "20"},
        )
        assert row_titles(page) == BATCH_TITLES

    def test_sort_links_follow(self, batching, request_fr):
        page = render(batching, request_fr, {"year": "2020", "b_start": "0"})
        links = {text_of(a): a for a in page.cssselect(".pressbook-sort a")}
        assert list(links) == [
            "Plus récents d'abord",
            "Plus anciens d'abord",
            "Titre (de A à Z)",
        ]
        assert links["Plus récents d'abord"].get("aria-current") == "true"
        oldest = follow(batching, request_fr, links["Plus anciens d'abord"].get("href"))
        assert row_titles(oldest) == BATCH_TITLES[:5]
        assert params_of(links["Titre (de A à Z)"].get("href")) == {
            "year": ["2020"],
            "sort_on": ["title"],
            "sort_order": ["ascending"],
        }

    def test_removing_the_text_leaves_the_relevance_sort_too(
        self, batching, request_fr
    ):
        form = {"SearchableText": "Soir", "sort_on": "relevance", "year": "2021"}
        page = render(batching, request_fr, form)
        [remove] = [
            a
            for a in page.cssselect(".pressbook-filter-value")
            if text_of(a.cssselect("span")[0]) == "Recherche : Soir"
        ]
        assert params_of(remove.get("href")) == {"year": ["2021"]}
        after = follow(batching, request_fr, remove.get("href"))
        assert row_titles(after) == newest_first()[:5]
        current = after.cssselect(".pressbook-sort a[aria-current]")
        assert [text_of(a) for a in current] == ["Plus récents d'abord"]

    def test_relevance_is_offered_only_when_searching_text(self, batching, request_fr):
        page = render(batching, request_fr, {"SearchableText": "Soir"})
        links = {text_of(a): a for a in page.cssselect(".pressbook-sort a")}
        assert "Pertinence" in links
        assert links["Pertinence"].get("aria-current") == "true"
        assert params_of(links["Pertinence"].get("href")) == {
            "SearchableText": ["Soir"],
            "sort_on": ["relevance"],
            "sort_order": ["descending"],
        }
        # the text matches the outlet's title: the six articles of Le Soir
        assert total_of(page) == 6
        page = render(batching, request_fr)
        assert "Pertinence" not in [
            text_of(a) for a in page.cssselect(".pressbook-sort a")
        ]


# bad parameters


BAD_PARAMETERS = [
    ({"year": "abc"}, "year", "Une année est attendue."),
    ({"outlet": "unknown"}, "outlet", "Valeur inconnue : unknown."),
    (
        {"start": "2021-06-01", "end": "2021-01-01"},
        "end",
        "La date de fin est antérieure à la date de début.",
    ),
    ({"b_size": "1000"}, "b_size", "Un nombre de 1 à 100 est attendu."),
    ({"start": "not-a-date"}, "start", "Une date au format AAAA-MM-JJ est attendue."),
    ({"SearchableText": '("'}, "SearchableText", "Rien à rechercher : tapez des mots."),
    ({"SearchableText": "x" * 201}, "SearchableText", "Au plus 200 caractères."),
    ({"sort_on": "price"}, "sort_on", "Valeur inconnue : price."),
    (
        {"themes": "informatique-quantique"},
        "themes",
        "Valeur inconnue : informatique-quantique.",
    ),
]


class TestBadParameters:
    @pytest.mark.parametrize("form,parameter,message", BAD_PARAMETERS)
    def test_bad_parameter_is_a_400_naming_it(
        self, batching, request_fr, form, parameter, message
    ):
        page = render(batching, request_fr, form)
        assert request_fr.response.getStatus() == 400
        assert text_of(page.cssselect(".pressbook-error p")[0]) == (
            f"Le paramètre « {parameter} » n'est pas valide : {message}"
        )
        assert row_titles(page) == []
        assert total_of(page) == 0
        assert page.cssselect(".pressbook-facet") == []
        assert page.cssselect(".pressbook-links a") == []
        assert page.cssselect(".pagination") == []
        [reset] = page.cssselect(".pressbook-error a")
        assert reset.get("href") == batching.absolute_url()

    def test_script_in_a_bad_value_is_escaped(self, batching, request_fr):
        request_fr.form.clear()
        request_fr.form["outlet"] = "<script>alert('outlet')</script>"
        request_fr.response.setStatus(200)
        source = api.content.get_view("view", batching, request_fr)()
        assert request_fr.response.getStatus() == 400
        assert "<script>alert(" not in source
        page = html.fromstring(source)
        assert "<script>alert('outlet')</script>" in text_of(
            page.cssselect(".pressbook-error p")[0]
        )

    def test_script_in_the_text_searched_is_escaped(self, batching, request_fr):
        request_fr.form.clear()
        request_fr.form["SearchableText"] = "<script>alert('text')</script>"
        request_fr.response.setStatus(200)
        source = api.content.get_view("view", batching, request_fr)()
        assert "<script>alert(" not in source
        page = html.fromstring(source)
        assert page.cssselect("#pressbook-text")[0].get("value") == (
            "<script>alert('text')</script>"
        )
        assert [
            text_of(a.cssselect("span")[0])
            for a in page.cssselect(".pressbook-filter-value")
        ] == ["Recherche : <script>alert('text')</script>"]


def test_script_in_a_facet_title_is_escaped(portal, request_fr_function):
    """An outlet named with markup in the Presse control panel."""
    rows = outlet_rows(portal) + [
        {
            "token": "xss",
            "name": "<script>alert('outlet')</script>",
            "kind": "daily",
            "website": None,
            "language": "fr",
            "rights": None,
        }
    ]
    api.portal.set_registry_record("imio.pressbook.outlets", rows)
    with api.env.adopt_roles(["Manager"]):
        book = api.content.create(
            portal, "imio.pressbook.PressBook", id="medias", title="Médias"
        )
        create_item(book, article("xss", date(2021, 1, 1), "xss"))
        create_item(book, article("soir", date(2021, 1, 2), "le-soir"))
    for form in ({}, {"outlet": "xss"}):
        request_fr_function.form.clear()
        request_fr_function.form.update(form)
        source = api.content.get_view("view", book, request_fr_function)()
        assert "<script>alert(" not in source
        page = html.fromstring(source)
        labels = [
            facet_label(entry)
            for entry in page.cssselect(
                ".pressbook-facet-outlet .pressbook-facet-value"
            )
        ]
        assert "<script>alert('outlet')</script>" in labels
    assert [text_of(span) for span in page.cssselect(".pressbook-listing-outlet")] == [
        "<script>alert('outlet')</script>"
    ]


@pytest.fixture
def request_fr_function(portal):
    request = portal.REQUEST
    notify(BeforeTraverseEvent(portal, request))
    return request


# through the publisher: the status and the page a browser gets


@pytest.fixture(scope="class")
def published_book(functional_portal_class):
    with api.env.adopt_roles(["Manager"]):
        book = api.content.create(
            functional_portal_class,
            "imio.pressbook.PressBook",
            id="revue",
            title="Revue de presse",
            batch_size=5,
        )
        api.content.transition(book, "publish")
        for number in range(7):
            create_item(
                book, article(f"item-{number}", date(2021, 1 + number, 1), "le-soir")
            )
    transaction.commit()
    return book.absolute_url()


class TestOverHttp:
    def test_a_visitor_gets_the_page(self, published_book):
        response = requests.get(published_book, params={"b_start:int": "5"}, timeout=60)
        assert response.status_code == 200
        page = html.fromstring(response.text)
        assert total_of(page) == 7
        assert row_titles(page) == ["Article item-1", "Article item-0"]

    @pytest.mark.parametrize("form,parameter,message", BAD_PARAMETERS)
    def test_a_bad_parameter_is_a_400_not_a_500(
        self, published_book, form, parameter, message
    ):
        response = requests.get(published_book, params=form, timeout=60)
        assert response.status_code == 400
        page = html.fromstring(response.text)
        assert text_of(page.cssselect(".pressbook-error p")[0]) == (
            f"Le paramètre « {parameter} » n'est pas valide : {message}"
        )
        assert row_titles(page) == []
