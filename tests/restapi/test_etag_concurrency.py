"""If-Match between two writers that read the same item at once, as two Zope
threads or two ZEO/RelStorage clients do: the check passes for both, the
database refuses the second commit (ConflictError), and Zope's retry of that
request sees the new ETag and answers 412. Nothing is overwritten."""

from datetime import date
from imio.pressbook.restapi.etag import check_if_match
from imio.pressbook.restapi.etag import etag
from imio.pressbook.restapi.etag import PreconditionFailed
from plone import api
from plone.app.testing import login
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from plone.app.testing import TEST_USER_NAME
from ZODB.POSException import ConflictError
from zope.publisher.browser import TestRequest

import pytest
import transaction


def if_match(tag):
    return TestRequest(environ={"HTTP_IF_MATCH": tag})


def test_the_retry_of_the_second_writer_is_refused(functional):
    portal = functional["portal"]
    setRoles(portal, TEST_USER_ID, ["Manager"])
    login(portal, TEST_USER_NAME)
    book = api.content.create(
        container=portal, type="imio.pressbook.PressBook", id="presse", title="Presse"
    )
    article = api.content.create(
        container=book,
        type="imio.pressbook.PressArticle",
        id="article",
        title="Titre lu par les deux",
        publication_date=date(2014, 1, 21),
        outlet="la-derniere-heure",
    )
    transaction.commit()
    path = article.getPhysicalPath()[1:]

    # the second writer: its own connection, reading the same state
    manager = transaction.TransactionManager()
    connection = functional["zodbDB"].open(transaction_manager=manager)
    try:
        manager.begin()
        other = connection.root()["Application"].unrestrictedTraverse(path)
        read = etag(other)
        assert read == etag(article)

        # the first writer changes the item and commits
        check_if_match(article, if_match(read))
        article.title = "Titre du premier"
        transaction.commit()

        # the second one read before that commit: its check passes...
        check_if_match(other, if_match(read))
        other.title = "Titre du second"
        # ...but the database refuses its write
        with pytest.raises(ConflictError):
            manager.commit()
        manager.abort()

        # Zope retries the request: this time the check refuses it
        manager.begin()
        with pytest.raises(PreconditionFailed):
            check_if_match(other, if_match(read))
        assert other.title == "Titre du premier"
        manager.abort()
    finally:
        connection.close()
