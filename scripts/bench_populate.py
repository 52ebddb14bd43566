"""Build (once) the benchmark sites of `make bench`: realistic press sections.

    zconsole run var/bench/instance/etc/zope.conf scripts/bench_populate.py 2000 20000

One Plone site per size (``bench-2000``, ``bench-20000``), each with a press
section of that many items: 60% press articles, 40% parliamentary questions,
40 outlets, 1 to 3 themes each (when the themes taxonomy is installed), dates
from 2009 to 2026, most of them published, plus one Collection per benchmark
query. A site that is complete is kept: the next run reuses it.
"""

from AccessControl.SecurityManagement import newSecurityManager
from datetime import date
from datetime import timedelta
from pathlib import Path
from plone import api
from Products.CMFPlone.factory import addPloneSite
from zope.component import queryUtility
from zope.component.hooks import setSite
from zope.schema.interfaces import IVocabularyFactory

import json
import random
import sys
import transaction


BOOK_ID = "dans-les-medias"
# written by main() in var/bench: {size: the themes ``@theme`` stands for}
THEMES_FILE = "themes.json"
THEMES_VOCABULARY = "collective.taxonomy.themes"
WORDS = [
    "commune",
    "mutualisation",
    "informatique",
    "logiciels",
    "libres",
    "marchés",
    "publics",
    "finances",
    "CPAS",
    "mobilité",
    "environnement",
    "intercommunale",
    "ministre",
    "région",
    "Wallonie",
    "budget",
    "guichet",
    "numérique",
    "sécurité",
    "données",
    "citoyens",
    "conseil",
    "communal",
    "enseignement",
    "culture",
    "sport",
    "logement",
    "emploi",
    "santé",
    "police",
    "tourisme",
    "participation",
]
NAMES = (
    "DUPONT Jean-Marc",
    "LAMBERT Sophie",
    "MERTENS Luc",
    "COLSON Julie",
    "PIRARD Nathalie",
)
MINISTERS = ("MARTIN Claire", "LECLERCQ Marc", "DUBOIS Anne", "RENARD Michel")
# derived from the name (the random sequence of the other fields stays as it was)
GROUPS = {
    "DUPONT Jean-Marc": "MR",
    "LAMBERT Sophie": "PS",
    "MERTENS Luc": "Ecolo",
    "COLSON Julie": "Les Engagés",
    "PIRARD Nathalie": "PTB",
}
PORTFOLIOS = {
    "MARTIN Claire": "Ministre-Présidente",
    "LECLERCQ Marc": "Ministre des Pouvoirs locaux",
    "DUBOIS Anne": "Ministre de l'Emploi",
    "RENARD Michel": "Ministre du Numérique",
}

# The benchmark queries: name -> (catalog criteria of a Collection, GET parameters)
QUERIES = {
    "unfiltered": ([], {}),
    "year-theme": (
        [
            {
                "i": "pressbook_year",
                "o": "plone.app.querystring.operation.int.is",
                "v": 2020,
            },
            {
                "i": "themes",
                "o": "plone.app.querystring.operation.selection.any",
                "v": ["@theme"],
            },
        ],
        {"year": "2020", "themes": "@theme"},
    ),
    "outlet-text": (
        [
            {
                "i": "outlet",
                "o": "plone.app.querystring.operation.selection.any",
                "v": ["le-soir"],
            },
            {
                "i": "SearchableText",
                "o": "plone.app.querystring.operation.string.contains",
                "v": "commune",
            },
        ],
        {"outlet": "le-soir", "SearchableText": "commune"},
    ),
}


def log(message):
    print(f"bench_populate: {message}", flush=True)


def tokens(name, context):
    factory = queryUtility(IVocabularyFactory, name)
    if factory is None:
        return []
    return [term.token for term in factory(context)]


def sentence(rng, length):
    return " ".join(rng.choice(WORDS) for _ in range(length)).capitalize()


def day(rng):
    start = date(2009, 1, 1)
    return start + timedelta(days=rng.randrange((date(2026, 11, 1) - start).days))


def theme_token(site):
    themes = tokens(THEMES_VOCABULARY, site)
    return themes[0] if themes else None


def query_themes(site):
    """The themes a query for the benchmark theme (``@theme``) finds: the
    theme and every theme below it, as the press search does. The anchors
    (@search, Collections, the bare catalog query) are asked for all of them,
    so that they answer the same query."""
    from imio.pressbook.themes import ThemeTree

    theme = theme_token(site)
    if theme is None:
        return []
    return ThemeTree(site, None).with_descendants(theme)


def make_item(book, rng, number, outlets, assemblies, themes):
    fields = {"id": f"item-{number}", "title": sentence(rng, rng.randint(4, 9))}
    fields["description"] = sentence(rng, rng.randint(12, 25))
    if number % 5 < 3:
        portal_type = "imio.pressbook.PressArticle"
        fields.update(
            publication_date=day(rng),
            outlet=rng.choice(outlets),
            journalist=f"{rng.choice('ABCDEFGHJKLMNPRST')}. {rng.choice(('Ti', 'Ro', 'La', 'Va'))}.",
        )
    else:
        portal_type = "imio.pressbook.ParliamentaryQuestion"
        asked = day(rng)
        answers = []
        if rng.random() < 0.7:
            answers.append(
                {
                    "date": asked + timedelta(days=rng.randint(10, 90)),
                    "answered_by": rng.choice(MINISTERS),
                    "kind": "final",
                    "text": sentence(rng, 40),
                }
            )
        if answers and number % 7 == 0:
            # a holding answer first: the delay runs to the final one
            answers.insert(
                0,
                {
                    "date": asked + timedelta(days=5),
                    "answered_by": answers[0]["answered_by"],
                    "kind": "holding",
                    "text": "",
                },
            )
        fields.update(
            question_date=asked,
            assembly=rng.choice(assemblies),
            question_type=rng.choice(
                ("written", "written", "written", "oral", "topical")
            ),
            session=f"{asked.year}-{asked.year + 1}",
            year=asked.year,
            number=f"{rng.randint(1, 900)} ({asked.year}-{asked.year + 1}) 1",
            asked_by=rng.choice(NAMES),
            addressed_to=rng.choice(MINISTERS),
            answers=answers,
        )
        fields.update(
            asked_by_group=GROUPS[fields["asked_by"]],
            addressee_role=PORTFOLIOS[fields["addressed_to"]],
        )
    if themes:
        fields["themes"] = rng.sample(themes, rng.randint(1, 3))
    item = api.content.create(book, portal_type, safe_id=False, **fields)
    item.setSubject(tuple(rng.sample(WORDS, 2)))
    if rng.random() < 0.9:
        api.content.transition(item, "publish")
    else:
        item.reindexObject()


def collection_query(criteria, themes):
    query = [
        {
            "i": "portal_type",
            "o": "plone.app.querystring.operation.selection.any",
            "v": [
                "imio.pressbook.PressArticle",
                "imio.pressbook.ParliamentaryQuestion",
            ],
        }
    ]
    return query + [
        dict(c, v=list(themes) if c["v"] == ["@theme"] else c["v"]) for c in criteria
    ]


def update_collections(site):
    """One published Collection per benchmark query, its query the same as
    the others' (a theme with the themes below it); True when one changed."""
    changed = False
    collections = site.get("collections")
    if collections is None:
        collections = api.content.create(
            site, "Folder", id="collections", title="Collections"
        )
        changed = True
    themes = query_themes(site)
    for name, (criteria, _params) in QUERIES.items():
        if not themes and any(c["v"] == ["@theme"] for c in criteria):
            continue
        query = collection_query(criteria, themes)
        if name in collections:
            if list(collections[name].query or []) != query:
                collections[name].query = query
                collections[name].reindexObject()
                changed = True
            continue
        api.content.create(
            collections,
            "Collection",
            id=name,
            title=name,
            query=query,
            sort_on="pressbook_date",
            sort_reversed=True,
            item_count=20,
            customViewFields=["Title", "pressbook_date", "outlet", "assembly"],
        )
        api.content.transition(collections[name], "publish")
        changed = True
    if api.content.get_state(collections) != "published":
        api.content.transition(collections, "publish")
        changed = True
    return changed


def populate(app, size):
    site_id = f"bench-{size}"
    site = app.get(site_id)
    if site is not None and getattr(site, "_bench_complete", False):
        setSite(site)
        with api.env.adopt_roles(["Manager"]):
            setup = api.portal.get_tool("portal_setup")
            if setup.listUpgrades("imio.pressbook:default"):
                # a site built by an older version: its upgrade steps
                # (the statistics' indexes among them)
                setup.upgradeProfile("imio.pressbook:default")
                transaction.commit()
                log(f"{site_id}: upgraded")
            if update_collections(site):
                transaction.commit()
                log(f"{site_id}: Collections brought up to date")
        log(f"{site_id}: complete, kept")
        return
    if site is None:
        site = addPloneSite(
            app,
            site_id,
            title=f"Benchmark {size}",
            default_language="fr",
            extension_ids=(
                "plone.app.contenttypes:default",
                "plonetheme.barceloneta:default",
                "imio.pressbook:default",
            ),
        )
        transaction.commit()
    setSite(site)
    with api.env.adopt_roles(["Manager"]):
        book = site.get(BOOK_ID) or api.content.create(
            site, "imio.pressbook.PressBook", id=BOOK_ID, title="Dans les médias"
        )
        if api.content.get_state(book) != "published":
            api.content.transition(book, "publish")
        rng = random.Random(size)
        outlets = tokens("imio.pressbook.vocabulary.Outlets", site)
        assemblies = tokens("imio.pressbook.vocabulary.Assemblies", site)
        themes = tokens(THEMES_VOCABULARY, site)
        for number in range(size):
            if f"item-{number}" in book:  # an interrupted run resumes
                continue
            make_item(book, rng, number, outlets, assemblies, themes)
            if number % 500 == 499:
                transaction.commit()
                log(f"{site_id}: {number + 1}/{size}")
        update_collections(site)
        site._bench_complete = True
    transaction.commit()
    log(f"{site_id}: {size} items ready")


def main(app, sizes):
    users = app.acl_users
    if users.getUserById("admin") is None:
        users._doAddUser("admin", "admin", ["Manager"], [])
    newSecurityManager(None, users.getUserById("admin").__of__(users))
    themes = {}
    for size in sizes:
        populate(app, size)
        site = app[f"bench-{size}"]
        setSite(site)
        themes[str(size)] = query_themes(site)
    # what ``@theme`` stands for on each site, for scripts/bench.py
    (bench_directory() / THEMES_FILE).write_text(json.dumps(themes, indent=2))
    app._p_jar.db().close()


def bench_directory():
    """var/bench (zconsole runs this script without ``__file__``)."""
    script = globals().get("__file__") or next(
        arg for arg in sys.argv if arg.endswith("bench_populate.py")
    )
    return Path(script).resolve().parent.parent / "var" / "bench"


def script_arguments(name):
    """The arguments after the script's path (zconsole leaves sys.argv as is)."""
    position = next(i for i, arg in enumerate(sys.argv) if arg.endswith(name))
    return sys.argv[position + 1 :]


if __name__ == "__main__":
    sizes = [int(size) for size in script_arguments("bench_populate.py")]
    main(app, sizes or [2000, 20000])  # noqa: F821 (bound by zconsole)
