"""Concurrent writes: writes take turns, and each ConflictError a request
meets is logged with the object it was on.

**Turns.** ZODB's concurrency is optimistic: two transactions that insert in
the same BTree bucket, or one that splits a bucket while another inserts
under the same node (BTrees read the nodes they go through as current), do
not merge, and the later one fails at commit with a ConflictError. Adding an
item to Plone writes a dozen such BTrees (the folder's ``_tree`` and
``_mt_index``, the intid utility, the catalog's indexes, the lexicon), so a
few writers adding at once conflict often, and a request Zope retries meets
the same writers again. ZODB's own advice is to let the updates of shared
structures be made "sequentially, one at a time" ("Transactions and
threading", ZODB's guide). So the requests of one Zope process that may
write (any method but GET, HEAD, OPTIONS and TRACE) take turns: a request
waits for its turn when Zope starts it (``IPubStart``), then begins its
transaction afresh, and gives its turn back as soon as it is committed or
aborted (``IPubSuccess``, ``IPubFailure``: before Zope's pause and retry, so a
retried request waits again in line). Reads never wait. Writes of one
process no longer conflict with each other.

Instances on one machine that share a database can take turns together: give
them the same ``write-turn-lock-file`` (one file a database, on a local disk,
that they may all write; its ``flock`` lock is held by the instance whose
write has the turn, and an instance that just gave it back leaves it a moment
to the others' waiting writes, so that busy instances alternate). Then none of
their writes conflicts with another's. Without it (or on several machines),
instances take turns each on their own, and Zope retries the conflicts
between them.

A write waits for its turn ``write-turn-timeout`` seconds at most (5 by
default; then it goes on alongside, as without turns: a long import does
not hold the others up longer than that); 0 turns them off. In zope.conf::

    <product-config imio.pressbook>
        write-turn-timeout 5
        write-turn-lock-file /srv/plone/var/write-turn.lock
    </product-config>

**Log.** Zope retries a request that fails with a ConflictError
(``max-conflict-retries`` in zope.conf, three by default) and answers 500 once
the retries are spent; it logs neither the retries nor which object
conflicted. On ZEO or RelStorage, with several editors or an import writing at
once, that object is what an administrator (or `make bench-writes`) needs to
know: one line of the event log a conflict, in the logger
``imio.pressbook.conflicts``::

    ConflictError (retried) on BTrees.OIBTree.OIBTree oid 0x10b8...
    POST /Plone/presentation/dans-les-medias, attempt 1 of 7

(``given up`` instead of ``retried`` when Zope answers with the error; the
attempt is the request's, out of the ``max-conflict-retries`` + 1 Zope makes.)
"""

from contextlib import contextmanager
from imio.pressbook.product_config import settings
from ZODB.POSException import ConflictError
from ZODB.utils import oid_repr

import fcntl
import logging
import threading
import time
import transaction


logger = logging.getLogger("imio.pressbook.conflicts")

# RFC 9110's safe methods: the requests that never wait for a turn
SAFE_METHODS = frozenset(("GET", "HEAD", "OPTIONS", "TRACE"))
DEFAULT_TIMEOUT = 5.0

_turn = threading.Lock()
_holder = threading.local()  # .request: the request of this thread holding the turn
_files = {}  # path: this process's open lock file (used by the turn's holder only)
_locked = []  # the lock file the turn's holder holds, if any
_given_back = [0.0]  # when this process last gave the lock file back (monotonic)
# Another instance waiting for the lock file tries it every POLL seconds; this
# process leaves the lock file it just gave back to such a waiter for HANDOFF
# seconds before it takes it again, so that busy instances take turns in turn
# (without it, the instance that has the lock file keeps it for write after
# write and the other waits out its timeout).
POLL = 0.001
HANDOFF = 0.003


def turn_timeout():
    """Seconds a write waits for its turn (``write-turn-timeout``); 0: no turns."""
    value = settings().get("write-turn-timeout")
    if value is None:
        return DEFAULT_TIMEOUT
    try:
        return max(0.0, float(value))
    except ValueError:
        logger.warning("write-turn-timeout %r is not a number of seconds", value)
        return DEFAULT_TIMEOUT


def _lock_file():
    """This process's open ``write-turn-lock-file``, or None."""
    path = settings().get("write-turn-lock-file")
    if not path:
        return None
    if path not in _files:
        try:
            _files[path] = open(path, "ab")  # noqa: SIM115 (kept open: the lock)
        except OSError as error:
            logger.warning("write-turn-lock-file %s: %s", path, error)
            return None
    return _files[path]


def _acquire(timeout):
    """Take the turn: this process's, then the lock file's (instances that
    share one take turns together). False once ``timeout`` seconds passed."""
    deadline = time.monotonic() + timeout
    if not _turn.acquire(timeout=timeout):
        return False
    lock_file = _lock_file()
    if lock_file is None:
        return True
    handoff = _given_back[0] + HANDOFF - time.monotonic()
    if handoff > 0:
        time.sleep(handoff)
    while True:
        try:
            fcntl.flock(lock_file, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                _turn.release()
                return False
            time.sleep(min(POLL, remaining))
        else:
            _locked.append(lock_file)
            return True


def _release():
    if _locked:
        fcntl.flock(_locked.pop(), fcntl.LOCK_UN)
        _given_back[0] = time.monotonic()
    _turn.release()


@contextmanager
def turn(timeout=None):
    """Hold the write turn (what a write request does from its start to its
    commit), waiting ``timeout`` seconds at most (``write-turn-timeout`` by
    default): yields whether the turn was had."""
    had = _acquire(turn_timeout() if timeout is None else timeout)
    try:
        yield had
    finally:
        if had:
            _release()


def take_turn(event):
    """IPubStart: a request that may write waits for its turn, then looks at
    the database afresh (what the writes before it committed)."""
    request = event.request
    if request.get("REQUEST_METHOD", "GET").upper() in SAFE_METHODS:
        return
    if getattr(_holder, "request", None) is not None:
        return  # a request published inside this thread's turn
    timeout = turn_timeout()
    if not timeout:
        return
    if not _acquire(timeout):
        logger.info(
            "no turn after %gs, writing alongside: %s %s",
            timeout,
            request.get("REQUEST_METHOD", ""),
            request.get("PATH_INFO", ""),
        )
        return
    _holder.request = request
    # Zope began the transaction before this wait: begin it again, so that
    # it reads what the writes that had the turn before it committed
    manager = transaction.manager
    manager.abort()
    manager.begin()


def give_turn(event):
    """IPubSuccess, IPubFailure (and, should those be missed, the request's
    end): give the turn back once the transaction is over."""
    if getattr(_holder, "request", None) is event.request:
        _holder.request = None
        _release()


def log_conflict(event):
    """Log the ConflictError a request is about to abort on (IPubBeforeAbort)."""
    error = event.exc_info[1]
    if not isinstance(error, ConflictError):
        return
    oid = error.oid
    request = event.request
    logger.info(
        "%s (%s) on %s oid %s %s %s, attempt %d of %d",
        type(error).__name__,
        "retried" if event.retry else "given up",
        error.class_name or "?",
        oid_repr(oid) if oid else "?",
        request.get("REQUEST_METHOD", ""),
        request.get("PATH_INFO", ""),
        getattr(request, "retry_count", 0) + 1,
        getattr(request, "retry_max_count", 0) + 1,
    )
