"""Several writers add to one press section at once.

Each writer is a thread with its own connection to the test database, as the
threads of a Zope instance (or several instances on ZEO or RelStorage) are:
all of them read the same state, add an article, wait for the others, then
commit one after the other. A write that conflicts and does not resolve
raises ``ConflictError`` at commit (Zope would retry the request, then answer
500).

The seed items make every value the writers index (words, dates, outlet...)
already known to the site, each shared by several items. Two writers who both
bring a value the site has never seen insert the same key in one BTree (a word
in the lexicon, a value in a catalog index), which BTrees cannot merge, and a
catalog value of a single item is kept as a plain int that the next two
writers would both replace by a set: such conflicts are Zope's to retry (the
value is known by then; the same-new-word test below shows it). Rare words
no longer matter: ZCTextIndex kept the items of a word of ten items or fewer
as a dict in a bucket of its ``_wordinfo``, which made any bucket holding one
impossible to merge; the add-on's patch (``patches/zctextindex.py``) keeps
them in an IIBTree (the rare-word test below).
"""

from DateTime import DateTime
from itertools import permutations
from plone import api
from plone.app.testing import login
from plone.app.testing import PLONE_SITE_ID
from plone.app.testing import setRoles
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import TEST_USER_ID
from plone.app.testing import TEST_USER_NAME
from plone.folder.default import DefaultOrdering
from plone.folder.unordered import UnorderedOrdering
from plone.testing.zope import addRequestContainer
from ZODB.POSException import ConflictError
from ZODB.utils import oid_repr
from zope.annotation.interfaces import IAnnotations
from zope.component.hooks import setSite
from zope.event import notify
from zope.lifecycleevent import ObjectModifiedEvent
from ZPublisher.pubevents import PubBeforeAbort

import datetime
import logging
import pytest
import threading
import transaction


ARTICLE = "imio.pressbook.PressArticle"
WORDS = ("un", "deux", "trois", "quatre")
# ids made of the words only (an id is part of the searchable text)
SEEDS = ["-".join(pair) for pair in permutations(WORDS, 2)]  # 12
WRITERS = ["-".join(triple) for triple in permutations(WORDS, 3)][:4]
DATE = DateTime("2024/03/12 10:00:00 GMT+1")
FIELDS = {
    # the words of the site's title ("Plone site") and of the section's
    "title": "Plone site : revue de presse",
    # the words of the ids
    "description": "Un, deux, trois, quatre",
    "publication_date": datetime.date(2024, 3, 12),
    "outlet": "le-soir",
    "journalist": "Revue",
    # Plone's date indexes keep a key a minute: writers adding in a minute the
    # seed did not index would all insert its key (see add())
    "creation_date": DATE,
    "effective_date": DATE,
}


@pytest.fixture
def book(functional):
    portal = functional["portal"]
    setRoles(portal, TEST_USER_ID, ["Manager"])
    login(portal, TEST_USER_NAME)
    return api.content.create(
        container=portal, type="imio.pressbook.PressBook", id="presse", title="Presse"
    )


def add(container, id, **fields):
    """An article of ``fields`` (FIELDS by default), its dates those of the seed:
    its modification date, which the add sets to now, is set back, so that
    the writers' dates are a minute the seed indexed, whenever they run."""
    article = api.content.create(
        container=container, type=ARTICLE, id=id, **(fields or FIELDS)
    )
    article.setModificationDate(DATE)
    article.reindexObject(idxs=["modified"])
    return article


def seed(book):
    for id in SEEDS:
        add(book, id)
    transaction.commit()


def write_at_once(db, ids, titles=None):
    """Each id added by its own writer (with its title in ``titles``, if any),
    all committing at once: {id: the ConflictError its commit raised, or None}."""
    titles = titles or {}
    barrier = threading.Barrier(len(ids))
    outcome = {}
    failures = []

    def writer(id):
        connection = db.open()  # this thread's transaction manager
        try:
            transaction.begin()
            app = addRequestContainer(connection.root()["Application"])
            portal = app[PLONE_SITE_ID]
            setSite(portal)
            login(app, SITE_OWNER_NAME)
            section = portal["presse"]
            fields = dict(FIELDS, title=titles.get(id, FIELDS["title"]))
            add(section, id, **fields)
            api.portal.get_tool("portal_catalog").getCounter()  # indexes now
            barrier.wait(timeout=60)
            try:
                transaction.commit()
                outcome[id] = None
            except ConflictError as error:
                transaction.abort()
                outcome[id] = error
        except Exception as error:
            barrier.abort()  # the others stop waiting
            failures.append(error)
            transaction.abort()
        finally:
            setSite(None)
            connection.close()

    threads = [threading.Thread(target=writer, args=(id,)) for id in ids]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    if failures:
        raise failures[0]
    assert set(outcome) == set(ids), "a writer did not finish"
    transaction.begin()  # see what they committed
    return outcome


def test_a_new_section_keeps_no_order(book):
    assert isinstance(book.getOrdering(), UnorderedOrdering)
    api.content.create(container=book, type=ARTICLE, id="un", **FIELDS)
    assert DefaultOrdering.ORDER_KEY not in IAnnotations(book)


def test_writers_adding_at_once_all_succeed(functional, book):
    seed(book)
    outcome = write_at_once(functional["zodbDB"], WRITERS)
    assert outcome == dict.fromkeys(WRITERS)
    assert set(WRITERS) <= set(book.objectIds())
    assert len(book) == len(SEEDS) + len(WRITERS)
    found = api.content.find(context=book, portal_type=ARTICLE)
    assert {brain.getId for brain in found} == set(SEEDS) | set(WRITERS)


def test_writers_adding_at_once_beside_a_rare_word_all_succeed(functional, book):
    """The same writers, their words all common, once one item has a title
    word of its own: ZCTextIndex alone kept that word's items as a dict in
    the title index's bucket, and their adds conflicted on it."""
    seed(book)
    add(book, "rare", **dict(FIELDS, title="Plone site : revue exceptionnelle"))
    transaction.commit()
    outcome = write_at_once(functional["zodbDB"], WRITERS)
    assert outcome == dict.fromkeys(WRITERS)


def test_writers_each_bringing_a_new_word_all_succeed(functional, book):
    """A new word is a new key in the lexicon and in each text index's
    ``_wordinfo``, with postings of its own: different new words merge."""
    seed(book)
    titles = dict(zip(WRITERS, ("Zorro", "Yéti", "Xylophone", "Wapiti"), strict=True))
    outcome = write_at_once(functional["zodbDB"], WRITERS, titles)
    assert outcome == dict.fromkeys(WRITERS)
    found = api.content.find(context=book, SearchableText="Wapiti")
    assert [brain.getId for brain in found] == [WRITERS[3]]


def test_writers_bringing_the_same_new_word_conflict_once(functional, book):
    """One new word in every writer's title: each writer adds it to the
    lexicon (a word maps to the id its writer drew), two inserts of one key
    that BTrees do not merge. The first commit wins; the others conflict on
    the lexicon, and succeed when redone, as Zope retries them: the word is
    known by then."""
    seed(book)
    titles = dict.fromkeys(WRITERS, "Plone site : revue Zanzibar")
    outcome = write_at_once(functional["zodbDB"], WRITERS, titles)
    conflicts = [error for error in outcome.values() if error is not None]
    assert len(conflicts) == len(WRITERS) - 1
    assert {error.class_name for error in conflicts} <= {
        "BTrees.OIBTree.OIBTree",
        "BTrees.OIBTree.OIBucket",
    }
    failed = [id for id, error in outcome.items() if error is not None]
    assert write_at_once(functional["zodbDB"], failed, titles) == dict.fromkeys(failed)
    found = api.content.find(context=book, SearchableText="Zanzibar")
    assert {brain.getId for brain in found} == set(WRITERS)


def test_with_an_order_list_the_writers_conflict_on_it(functional, book):
    """The same writers on a section ordered as plone.folder does by default:
    all but the first fail on the order list, the object every add rewrites."""
    book.setOrdering("")
    seed(book)
    order = IAnnotations(book)[DefaultOrdering.ORDER_KEY]
    outcome = write_at_once(functional["zodbDB"], WRITERS)
    conflicts = [error for error in outcome.values() if error is not None]
    assert len(conflicts) == len(WRITERS) - 1
    assert {error.oid for error in conflicts} == {order._p_oid}
    assert len(book) == len(SEEDS) + 1


@pytest.mark.parametrize("retry, outcome", [(True, "retried"), (False, "given up")])
def test_a_conflict_is_logged_with_the_object_it_was_on(
    functional, book, caplog, retry, outcome
):
    """What Zope does not log: each ConflictError a request meets, the
    object it was on (here the order list of the writers above) and which of
    Zope's attempts at the request it was."""
    book.setOrdering("")
    seed(book)
    order = IAnnotations(book)[DefaultOrdering.ORDER_KEY]
    outcome_of = write_at_once(functional["zodbDB"], WRITERS[:2])
    [error] = [error for error in outcome_of.values() if error is not None]
    request = functional["request"]
    request.environ.update(REQUEST_METHOD="POST", PATH_INFO="/plone/presse")
    with caplog.at_level(logging.INFO, logger="imio.pressbook.conflicts"):
        notify(PubBeforeAbort(request, (type(error), error, None), retry))
        notify(PubBeforeAbort(request, (ValueError, ValueError("x"), None), retry))
    assert [record.getMessage() for record in caplog.records] == [
        f"ConflictError ({outcome}) on persistent.list.PersistentList oid "
        f"{oid_repr(order._p_oid)} POST /plone/presse, "
        f"attempt 1 of {request.retry_max_count + 1}"
    ]


def test_adding_renaming_and_deleting_items_leave_the_section_unwritten(book):
    """The section is not the one object every add writes: not its order,
    not its modification date (nor its catalog entry)."""
    # the first add stores the section's content rules settings (once)
    api.content.create(container=book, type=ARTICLE, id="un", **FIELDS)
    transaction.commit()
    serial, modified = book._p_serial, book.modified()
    # made with a temporary id, then renamed after its title
    article = api.content.create(
        container=book, type=ARTICLE, **dict(FIELDS, title="Revue de presse")
    )
    transaction.commit()
    assert article.getId() == "revue-de-presse"
    api.content.delete(article)
    transaction.commit()
    assert (book._p_serial, book.modified()) == (serial, modified)


def test_editing_the_section_still_reindexes_it(book):
    transaction.commit()
    modified = book.modified()
    book.title = "Dans les médias"
    notify(ObjectModifiedEvent(book))
    assert book.modified() > modified
    [brain] = api.content.find(UID=book.UID())
    assert brain.Title == "Dans les médias"
