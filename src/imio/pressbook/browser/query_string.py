"""Zope's form converters on the add-on's own views and services.

Zope reads a parameter's name suffixes (``b_start:int``, ``start:date``,
``x:required``, ``:list``, ``:record``, ``:utf8:ustring``...) while it reads
the request's form (``HTTPRequest.processInputs``), before traversal and
before any add-on code runs: ``b_start:int=x`` is a 500 there, and
``b_start:int=5`` an integer our parameter parsing would not expect.

For a request to one of the add-on's own view or service names (the last
step of its path: ``@@pressbook-rss``, ``@pressbook-search``...), this
subscriber of ``IPubStart`` (notified before ``processInputs``) takes those
suffixes off the names of the query string (and of a form-encoded body), as
Zope itself would read the names: the values reach ``search.parse_criteria``
as text, which takes ``b_start=5`` and answers a 400 naming the parameter for
``b_start=x``. Every other URL is left as it is: the press section's own
address (its default view) is found only by traversal, after
``processInputs`` (README, "Known limits").
"""

from io import BytesIO
from urllib.parse import parse_qsl
from urllib.parse import urlencode
from ZPublisher.HTTPRequest import search_type


# the names the add-on publishes, as the last step of a path (without @@ or @)
OWN_NAMES = frozenset(
    {
        "pressbook-rss",
        "pressbook-atom",
        "pressbook-export.csv",
        "pressbook-export.json",
        "pressbook-export.bib",
        "pressbook-export.ris",
        "pressbook-export.csl.json",
        "pressbook-listing",
        "pressbook-print",
        "pressbook-review",
        "pressbook-sendto",
        "pressbook-search",
        "pressbook-stats",
        "pressbook-stats.csv",
    }
)
FORM_TYPES = ("", "application/x-www-form-urlencoded", "application/x-url-encoded")
BODY_LIMIT = 2**20  # as Zope's own FORM_MEMORY_LIMIT


def is_own_path(path):
    """Whether a PATH_INFO ends in one of the add-on's view or service names."""
    name = (path or "").rstrip("/").rpartition("/")[2]
    return name.lstrip("@") in OWN_NAMES


def plain_name(name):
    """A form name without the suffixes Zope would read (``b_start:int`` ->
    ``b_start``, ``year:list`` -> ``year``), found as ``processInputs`` finds
    them; record attributes (``themes.x:record`` -> ``themes.x``) stay, for
    the parameter parsing to refuse."""
    delim = name.rfind(":")
    while delim >= 0:
        match = search_type(name, delim)
        if match is None:
            break
        name = name[: match.start()]
        delim = name.rfind(":")
    return name


def plain_query(query):
    """The query string with plain names, its values' bytes untouched; None
    when no name has a suffix."""
    pairs = parse_qsl(query, keep_blank_values=True, encoding="latin-1")
    plain = [(plain_name(name), value) for name, value in pairs]
    if plain == pairs:
        return None
    return urlencode(plain, encoding="latin-1")


def strip_converters(event):
    """``IPubStart``: plain names on the add-on's own views and services."""
    request = event.request
    environ = request.environ
    if not is_own_path(environ.get("PATH_INFO")):
        return
    query = plain_query(environ.get("QUERY_STRING", ""))
    if query is not None:
        environ["QUERY_STRING"] = query
    method = environ.get("REQUEST_METHOD", "GET").upper()
    content_type = environ.get("CONTENT_TYPE", "").split(";")[0].strip().lower()
    if method in ("POST", "PUT", "PATCH") and content_type in FORM_TYPES:
        body = request.stdin.read(BODY_LIMIT + 1)
        if len(body) <= BODY_LIMIT:
            plain = plain_query(body.decode("latin-1"))
            if plain is not None:
                body = plain.encode("latin-1")
                environ["CONTENT_LENGTH"] = str(len(body))
        # too long: Zope answers its own 400 ("requires too much memory")
        request.stdin = BytesIO(body)
