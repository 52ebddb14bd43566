"""Several writers add to one press section at once.

Each writer is a thread with its own connection to the test database, as the
threads of a Zope instance (or several instances on ZEO or RelStorage) are:
all of them read the same state, add an article, wait for the others, then
commit one after the other. A write that conflicts and does not resolve
raises ``ConflictError`` at commit (Zope would retry the request, then answer
500).

The seed items make every value the writers index (words, dates, outlet...)
already shared by more than ten items, so the catalog's BTrees resolve
concurrent inserts, and leave no rare word in the small test site. A word of
ten items or fewer is kept by ZCTextIndex (Title, Description,
SearchableText) as a plain dict in a bucket of its ``_wordinfo``, and the C
BTrees cannot resolve any conflict in a bucket holding a dict (their
comparison of values tries ``dict < dict``, which raises on Python 3): adds
that touch such a bucket at once conflict, whatever the section does, and
Zope's retry has to redo them (the xfail test below shows it).
"""

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
from zope.annotation.interfaces import IAnnotations
from zope.component.hooks import setSite
from zope.event import notify
from zope.lifecycleevent import ObjectModifiedEvent

import datetime
import pytest
import threading
import transaction


ARTICLE = "imio.pressbook.PressArticle"
WORDS = ("un", "deux", "trois", "quatre")
# ids made of the words only (an id is part of the searchable text)
SEEDS = ["-".join(pair) for pair in permutations(WORDS, 2)]  # 12
WRITERS = ["-".join(triple) for triple in permutations(WORDS, 3)][:4]
FIELDS = {
    # the words of the site's title ("Plone site") and of the section's
    "title": "Plone site : revue de presse",
    # the words of the ids
    "description": "Un, deux, trois, quatre",
    "publication_date": datetime.date(2024, 3, 12),
    "outlet": "le-soir",
    "journalist": "Revue",
}


@pytest.fixture
def book(functional):
    portal = functional["portal"]
    setRoles(portal, TEST_USER_ID, ["Manager"])
    login(portal, TEST_USER_NAME)
    return api.content.create(
        container=portal, type="imio.pressbook.PressBook", id="presse", title="Presse"
    )


def seed(book):
    for id in SEEDS:
        api.content.create(container=book, type=ARTICLE, id=id, **FIELDS)
    transaction.commit()


def write_at_once(db, ids):
    """Each id added by its own writer, all committing at once: {id: the
    ConflictError its commit raised, or None}."""
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
            api.content.create(container=section, type=ARTICLE, id=id, **FIELDS)
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
    word of its own: its dict in the title index's bucket makes their adds
    conflict."""
    seed(book)
    api.content.create(
        container=book,
        type=ARTICLE,
        id="rare",
        **dict(FIELDS, title="Plone site : revue exceptionnelle"),
    )
    transaction.commit()
    outcome = write_at_once(functional["zodbDB"], WRITERS)
    assert outcome == dict.fromkeys(WRITERS)


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
