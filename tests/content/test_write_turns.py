"""The writes of one Zope process take turns (``conflicts.py``), over real HTTP
against the test layer's server (waitress, four threads, in this process).

Each test holds the process's write turn itself, as a write request in
progress does, with ``conflicts.turn()``: the requests it sends meanwhile show
who waits, who does not, and what a write sees once its turn comes.
"""

from App.config import getConfiguration
from imio.pressbook import conflicts
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from zope.event import notify
from ZPublisher.pubevents import PubFailure
from ZPublisher.pubevents import PubStart

import logging
import pytest
import requests
import subprocess
import sys
import threading
import transaction


ARTICLE = "imio.pressbook.PressArticle"
NEW = {"@type": ARTICLE, "publication_date": "2026-03-14", "outlet": "le-soir"}


@pytest.fixture
def article(functional):
    portal = functional["portal"]
    with api.env.adopt_roles(["Manager"]):
        book = api.content.create(
            portal, "imio.pressbook.PressBook", id="presse", title="Presse"
        )
        article = api.content.create(
            book, ARTICLE, id="revue", title="Revue", outlet="le-soir"
        )
    transaction.commit()
    return article


@pytest.fixture
def product_config():
    """Sets the add-on's product-config, as zope.conf's section does."""
    config = getConfiguration()
    saved = getattr(config, "product_config", None)

    def set_config(**settings):
        config.product_config = {
            **(saved or {}),
            "imio.pressbook": {
                key.replace("_", "-"): str(value) for key, value in settings.items()
            },
        }

    yield set_config
    config.product_config = saved


@pytest.fixture
def timeout(product_config):
    """Sets ``write-turn-timeout``."""
    return lambda seconds: product_config(write_turn_timeout=seconds)


@pytest.fixture
def other_instance(tmp_path):
    """Another process holding the lock file (as an instance whose write has
    the turn): ``.release()`` ends its turn."""
    lock_file = tmp_path / "write-turn.lock"
    process = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import fcntl, sys\n"
            "f = open(sys.argv[1], 'ab')\n"
            "fcntl.flock(f, fcntl.LOCK_EX)\n"
            "print('locked', flush=True)\n"
            "sys.stdin.read()\n",
            str(lock_file),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout.readline() == "locked\n"
    process.lock_file = lock_file
    process.release = lambda: (process.stdin.close(), process.wait(10))
    yield process
    if process.poll() is None:
        process.release()


def logged(caplog):
    return [
        record.getMessage()
        for record in caplog.records
        if record.name == conflicts.logger.name
    ]


class Call(threading.Thread):
    """An HTTP request sent from its own thread: ``.response`` once answered."""

    def __init__(self, method, url, **kwargs):
        super().__init__(daemon=True)
        self.method, self.url, self.kwargs = method, url, kwargs
        self.response = None
        self.start()

    def run(self):
        with requests.Session() as http:
            http.auth = (SITE_OWNER_NAME, SITE_OWNER_PASSWORD)
            http.headers["Accept"] = "application/json"
            self.response = http.request(
                self.method, self.url, timeout=60, **self.kwargs
            )


def test_a_write_waits_for_the_turn_then_sees_what_was_committed(article, caplog):
    """A PATCH sent while another write holds the turn waits; that write
    then changes the same article and commits: the PATCH, its turn come,
    reads the article as committed, so it does not conflict (without a fresh
    look it would have read the article as it was when it started, and
    failed at commit on it)."""
    with caplog.at_level(logging.INFO, logger="imio.pressbook.conflicts"):
        with conflicts.turn() as had:
            assert had
            patch = Call("PATCH", article.absolute_url(), json={"description": "Lu"})
            patch.join(1.5)
            assert patch.response is None  # still waiting for its turn
            article.title = "Revue du matin"
            transaction.commit()
        patch.join(30)
    assert patch.response.status_code == 204, patch.response.text
    transaction.begin()
    assert (article.title, article.description) == ("Revue du matin", "Lu")
    assert logged(caplog) == []


def test_reads_do_not_wait(article):
    with conflicts.turn():
        read = Call("GET", article.absolute_url())
        read.join(30)
        assert read.response is not None
        assert read.response.json()["title"] == "Revue"


def test_a_write_waits_no_longer_than_the_timeout(article, timeout, caplog):
    """A write held up longer than ``write-turn-timeout`` goes on alongside
    (logged), rather than waiting for a long import to end."""
    timeout(0.5)
    with (
        caplog.at_level(logging.INFO, logger="imio.pressbook.conflicts"),
        conflicts.turn(),
    ):
        patch = Call("PATCH", article.absolute_url(), json={"description": "Lu"})
        patch.join(30)
        assert patch.response is not None  # answered while the turn is held
    assert patch.response.status_code == 204, patch.response.text
    assert logged(caplog) == [
        "no turn after 0.5s, writing alongside: PATCH /plone/presse/revue"
    ]


def test_writes_take_no_turns_when_the_timeout_is_0(article, timeout, caplog):
    timeout(0)
    with (
        caplog.at_level(logging.INFO, logger="imio.pressbook.conflicts"),
        conflicts.turn(timeout=1),
    ):
        patch = Call("PATCH", article.absolute_url(), json={"description": "Lu"})
        patch.join(30)
        assert patch.response.status_code == 204, patch.response.text
    assert logged(caplog) == []


def test_writers_adding_at_once_all_succeed_without_conflict(article, caplog):
    """Eight writers adding to one section at once, as ``make bench-writes``
    does on one process: every add answers 201, none meets a conflict."""
    url = article.aq_parent.absolute_url()
    with caplog.at_level(logging.INFO, logger="imio.pressbook.conflicts"):
        calls = [
            Call("POST", url, json=dict(NEW, title=f"Revue {number}"))
            for number in range(8)
            for _repeat in range(3)
        ]
        for call in calls:
            call.join(60)
    assert [call.response.status_code for call in calls] == [201] * len(calls)
    assert logged(caplog) == []
    transaction.begin()
    assert len(article.aq_parent) == 1 + len(calls)


def test_a_failed_write_gives_its_turn_back_before_zope_retries_it(functional):
    """Zope pauses before it retries a request that conflicted: the turn is
    given back when the transaction is aborted (IPubFailure), not held
    through the pause."""
    request = functional["request"]
    request.environ["REQUEST_METHOD"] = "POST"
    notify(PubStart(request))
    try:
        with conflicts.turn(timeout=0.1) as had:
            assert not had  # the request holds it
    finally:
        notify(PubFailure(request, (None, None, None), retry=True))
    with conflicts.turn(timeout=0.1) as had:
        assert had


def test_instances_sharing_a_lock_file_take_turns_together(
    article, product_config, other_instance, caplog
):
    """Another instance holds the turn through the shared lock file: a PATCH
    here waits for it, while a change is committed (the other instance's
    write), then reads the article as committed, without conflict."""
    product_config(write_turn_lock_file=other_instance.lock_file)
    with caplog.at_level(logging.INFO, logger="imio.pressbook.conflicts"):
        patch = Call("PATCH", article.absolute_url(), json={"description": "Lu"})
        patch.join(1.5)
        assert patch.response is None  # waiting for the other instance
        article.title = "Revue du matin"
        transaction.commit()
        other_instance.release()
        patch.join(30)
    assert patch.response.status_code == 204, patch.response.text
    transaction.begin()
    assert (article.title, article.description) == ("Revue du matin", "Lu")
    assert logged(caplog) == []


def test_a_lock_file_that_cannot_be_opened_leaves_the_turns_of_the_process(
    article, product_config, tmp_path, caplog
):
    product_config(write_turn_lock_file=tmp_path / "missing" / "write-turn.lock")
    with caplog.at_level(logging.INFO, logger="imio.pressbook.conflicts"):
        with conflicts.turn() as had:
            assert had
            patch = Call("PATCH", article.absolute_url(), json={"description": "Lu"})
            patch.join(1.5)
            assert patch.response is None  # waits for this process's turn
        patch.join(30)
    assert patch.response.status_code == 204, patch.response.text
    assert logged(caplog)[0].startswith(
        f"write-turn-lock-file {tmp_path / 'missing' / 'write-turn.lock'}: "
    )


BUSY_INSTANCE = """\
from App.config import getConfiguration
from imio.pressbook import conflicts
import sys, time

getConfiguration().product_config = {
    "imio.pressbook": {"write-turn-lock-file": sys.argv[1]}
}
print("writing", flush=True)
end = time.monotonic() + float(sys.argv[2])
while time.monotonic() < end:
    with conflicts.turn() as had:
        assert had
        time.sleep(0.2)  # a write
"""


def test_a_busy_instance_leaves_the_others_their_turn(
    article, product_config, tmp_path, caplog
):
    """Another process writes without a break through the shared lock file:
    it gives the lock back between its writes long enough for a write here
    to take it, well before the 5 s this write would wait at most."""
    lock_file = tmp_path / "write-turn.lock"
    product_config(write_turn_lock_file=lock_file)
    busy = subprocess.Popen(
        [sys.executable, "-c", BUSY_INSTANCE, str(lock_file), "10"],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert busy.stdout.readline() == "writing\n"
        with caplog.at_level(logging.INFO, logger="imio.pressbook.conflicts"):
            patch = Call("PATCH", article.absolute_url(), json={"description": "Lu"})
            patch.join(4)
            assert patch.response is not None
        assert busy.poll() is None  # still writing
    finally:
        busy.kill()
        busy.wait(10)
    assert patch.response.status_code == 204, patch.response.text
    assert logged(caplog) == []
