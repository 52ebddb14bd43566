"""Each ConflictError a request meets is logged, with the object it was on.

Zope retries a request that fails with a ConflictError (three times by
default, ``max-conflict-retries`` in zope.conf) and answers 500 once the
retries are spent; it logs neither the retries nor which object conflicted.
On ZEO or RelStorage, with several editors or an import writing at once, that
object is what an administrator (or `make bench-writes`) needs to know: one
line of the event log a conflict, in the logger ``imio.pressbook.conflicts``::

    ConflictError (retried) on BTrees.OIBTree.OIBTree oid 0x10b8...
    POST /Plone/presentation/dans-les-medias

(``given up`` instead of ``retried`` when Zope answers with the error.)
"""

from ZODB.POSException import ConflictError
from ZODB.utils import oid_repr

import logging


logger = logging.getLogger("imio.pressbook.conflicts")


def log_conflict(event):
    """Log the ConflictError a request is about to abort on (IPubBeforeAbort)."""
    error = event.exc_info[1]
    if not isinstance(error, ConflictError):
        return
    oid = error.oid
    logger.info(
        "%s (%s) on %s oid %s %s %s",
        type(error).__name__,
        "retried" if event.retry else "given up",
        error.class_name or "?",
        oid_repr(oid) if oid else "?",
        event.request.get("REQUEST_METHOD", ""),
        event.request.get("PATH_INFO", ""),
    )
