"""Write the configuration of the Zope instance that `make start` serves.

    python scripts/make_instance.py var/instance [--listen 127.0.0.1] [--port 8080]
    python scripts/make_instance.py var/instance --check database --check port
    python scripts/make_instance.py var/zeo/instance1 --storage zeo --zeo-address 127.0.0.1:8100
    python scripts/make_instance.py var/relstorage/instance1 --storage relstorage \
        --dsn "dbname='pressbook' user='postgres' host='127.0.0.1' port='5433'"

The instance is configuration only (etc/zope.conf, etc/zope.ini, etc/site.zcml):
it is rewritten on every run, so a moved clone or another port just works. The
data lives beside it and is never touched here: var/filestorage/Data.fs and
var/blobstorage (the same paths buildout.cfg uses).

``--storage`` chooses the database (`make start-zeo`, `make start-relstorage`
write two instances each with it, see scripts/serve_cluster.py):

- ``filestorage`` (the default): Data.fs and blobs beside the instance;
- ``zeo``: a client of the ZEO server at ``--zeo-address``, whose configuration
  is written beside the instance too (zeoserver/etc/zeo.conf, its Data.fs in
  filestorage/, the blobs in blobstorage/, a directory every client shares);
  ``server-sync on``: a read that follows another client's commit sees it;
- ``relstorage``: PostgreSQL through RelStorage at ``--dsn``; blobs live in the
  database, each instance keeps a cache of them in its var/blobcache.

Every zope.conf sizes the ZODB cache (30,000 objects a connection, as
plone.recipe.zope2instance does; ZODB's default is 5,000).

``--check`` writes nothing: it exits with a clear message when the database
(or the port) is held by a running server: `zconsole run` cannot open Data.fs
while the server runs.
"""

from pathlib import Path

import argparse
import socket
import sys


ZOPE_CONF = """\
# Written by scripts/make_instance.py (`make start`): edit the script, not this file.
%define INSTANCE {instance}
%define DATA {data}

instancehome $INSTANCE
debug-mode off
default-zpublisher-encoding utf-8
# retries of a request that meets a ConflictError (Zope's default: 3)
max-conflict-retries {max_conflict_retries}

<environment>
  # compile the .po files of the add-ons (French) into .mo at start-up
  zope_i18n_compile_mo_files true
  CHAMELEON_CACHE $INSTANCE/var/cache
</environment>
{product_config}
{storage}"""

# Instances that share a database take their write turns together through one
# lock file (imio.pressbook's conflicts.py; README, "Concurrent writes"): the
# writes of both no longer conflict with each other. They also share the
# directory where the bulk import's files wait between preview and
# confirmation (bulkimport/form.py): either instance may receive the latter.
SHARED_TURNS = """
<product-config imio.pressbook>
  # the writes of the instances sharing this file take turns (at most 5 s)
  write-turn-lock-file $DATA/write-turn.lock
  # the bulk import's files between preview and confirmation
  import-directory $DATA/import
</product-config>
"""

# Zope retries a request that meets a ConflictError, after a random pause of up
# to 1, 2, 4, 8... seconds, and answers 500 once the retries are spent. The
# adds that several writers make at once still meet the conflicts of the
# catalog's BTrees (a bucket that splits while another transaction inserts in
# it or reads the node above it: README, "Concurrent writes"); three retries
# left about 3 % of the adds of `make bench-writes` on ZEO and RelStorage as
# a 500, and about 1.5 % on one process. A complement, for every instance:
# the pauses fall on the unlucky request only.
MAX_CONFLICT_RETRIES = 6

# The ZODB cache, in objects per connection (ZODB's default is 5,000: far less
# than a catalog of 20,000 press items).
CACHE_SIZE = 30000

FILESTORAGE = """\
<zodb_db main>
  cache-size {cache_size}
  <filestorage>
    path $DATA/filestorage/Data.fs
    blob-dir $DATA/blobstorage
  </filestorage>
  mount-point /
</zodb_db>
"""

# ZEO's own <clientstorage> section: ZODB's <zeoclient> (what
# plone.recipe.zope2instance writes) rejects `server-sync`. Without it a read
# sent to this client right after a commit on another can miss that commit.
ZEO_CLIENT = """\
%import ZEO
<zodb_db main>
  cache-size {cache_size}
  <clientstorage>
    server {zeo_address}
    storage 1
    server-sync on
    blob-dir $DATA/blobstorage
    shared-blob-dir on
    # the client's cache of object records, in bytes
    cache-size 128MB
  </clientstorage>
  mount-point /
</zodb_db>
"""

# RelStorage polls the database for changes at the start of every transaction:
# no stale reads across instances.
RELSTORAGE = """\
%import relstorage
<zodb_db main>
  cache-size {cache_size}
  <relstorage>
    keep-history false
    blob-dir $INSTANCE/var/blobcache
    shared-blob-dir false
    blob-cache-size 200mb
    <postgresql>
      dsn {dsn}
    </postgresql>
  </relstorage>
  mount-point /
</zodb_db>
"""

# The ZEO server of the `zeo` storage (runzeo -C zeoserver/etc/zeo.conf).
ZEO_CONF = """\
# Written by scripts/make_instance.py (`make start-zeo`): edit the script, not this file.
<zeo>
  address {zeo_address}
</zeo>

<filestorage 1>
  path {data}/filestorage/Data.fs
  blob-dir {data}/blobstorage
</filestorage>

<eventlog>
  <logfile>
    path {data}/zeoserver/var/log/zeo.log
    format %(asctime)s %(message)s
  </logfile>
</eventlog>
"""

STORAGES = ("filestorage", "zeo", "relstorage")


def storage_section(storage, zeo_address=None, dsn=None):
    """The `<zodb_db main>` section of zope.conf for ``storage``."""
    if storage == "zeo":
        return ZEO_CLIENT.format(cache_size=CACHE_SIZE, zeo_address=zeo_address)
    if storage == "relstorage":
        return RELSTORAGE.format(cache_size=CACHE_SIZE, dsn=dsn)
    return FILESTORAGE.format(cache_size=CACHE_SIZE)


ZOPE_INI = """\
# Written by scripts/make_instance.py (`make start`): edit the script, not this file.
[app:zope]
use = egg:Zope#main
zope_conf = %(here)s/zope.conf

[server:main]
use = egg:waitress#main
listen = {listen}:{port}
threads = 4

[filter:translogger]
use = egg:Paste#translogger
setup_console_handler = False

[pipeline:main]
pipeline =
    egg:Zope#httpexceptions
    translogger
    zope

[loggers]
keys = root, waitress.queue, waitress, wsgi

[handlers]
keys = console, accesslog, eventlog

[formatters]
keys = generic, message

[formatter_generic]
format = %(asctime)s %(levelname)s [%(name)s:%(lineno)s][%(threadName)s] %(message)s
datefmt = %Y-%m-%d %H:%M:%S

[formatter_message]
format = %(message)s

[logger_root]
level = INFO
handlers = console, eventlog

[logger_waitress.queue]
level = INFO
handlers = eventlog
qualname = waitress.queue
propagate = 0

[logger_waitress]
level = INFO
handlers = console, eventlog
qualname = waitress
propagate = 0

[logger_wsgi]
level = WARN
handlers = accesslog
qualname = wsgi
propagate = 0

[handler_console]
class = StreamHandler
args = (sys.stderr,)
level = NOTSET
formatter = generic

[handler_accesslog]
class = FileHandler
args = (r'{instance}/var/log/access.log', 'a')
level = INFO
formatter = message

[handler_eventlog]
class = FileHandler
args = (r'{instance}/var/log/event.log', 'a')
level = INFO
formatter = generic
"""

SITE_ZCML = """\
<configure
    xmlns="http://namespaces.zope.org/zope"
    xmlns:five="http://namespaces.zope.org/five"
    >

  <include package="Zope2.App" />

  <include files="package-includes/*-meta.zcml" />
  <five:loadProducts file="meta.zcml" />

  <include files="package-includes/*-configure.zcml" />
  <five:loadProducts />

  <includeOverrides files="package-includes/*-overrides.zcml" />
  <five:loadProductsOverrides />

</configure>
"""


def write_instance(
    instance, listen, port, storage="filestorage", zeo_address=None, dsn=None
):
    instance = instance.resolve()
    data = instance.parent
    folders = [instance / "etc", instance / "var" / "log", instance / "var" / "cache"]
    if storage == "relstorage":
        blobs = instance / "var" / "blobcache"
    else:
        blobs = data / "blobstorage"
        folders.append(data / "filestorage")
    if storage == "zeo":
        folders.append(data / "zeoserver" / "etc")
        folders.append(data / "zeoserver" / "var" / "log")
    for folder in [*folders, blobs]:
        folder.mkdir(parents=True, exist_ok=True)
    # ZODB wants the blob directory private
    blobs.chmod(0o700)
    etc = instance / "etc"
    section = storage_section(storage, zeo_address=zeo_address, dsn=dsn)
    (etc / "zope.conf").write_text(
        ZOPE_CONF.format(
            instance=instance,
            data=data,
            storage=section,
            max_conflict_retries=MAX_CONFLICT_RETRIES,
            product_config=SHARED_TURNS if storage != "filestorage" else "",
        )
    )
    if storage == "zeo":
        (data / "zeoserver" / "etc" / "zeo.conf").write_text(
            ZEO_CONF.format(data=data, zeo_address=zeo_address)
        )
    (etc / "zope.ini").write_text(
        ZOPE_INI.format(instance=instance, listen=listen, port=port)
    )
    (etc / "site.zcml").write_text(SITE_ZCML)


def database_busy(instance):
    """Is Data.fs locked by another process (a running server)?"""
    import zc.lockfile

    lock_path = instance.resolve().parent / "filestorage" / "Data.fs.lock"
    if not lock_path.parent.exists():
        return False
    try:
        lock = zc.lockfile.LockFile(str(lock_path))
    except zc.lockfile.LockError:
        return True
    lock.close()
    return False


def port_busy(listen, port):
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((listen, port))
        except OSError:
            return True
    return False


def check_free(instance, listen, port, what):
    problems = []
    if "database" in what and database_busy(instance):
        data_fs = instance.resolve().parent / "filestorage" / "Data.fs"
        problems.append(
            f"The database {data_fs} is in use: the site is probably already "
            "running (stop it with Ctrl+C where `make start` runs). The site "
            "cannot be created or upgraded while a server holds Data.fs."
        )
    elif "port" in what and port_busy(listen, port):
        problems.append(
            f"Port {port} on {listen} is already in use: stop the program that "
            f"listens there, or choose another port: make start PORT={port + 1}"
        )
    for problem in problems:
        print(f"ERROR: {problem}", file=sys.stderr)
    return not problems


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("instance", type=Path, help="e.g. var/instance")
    parser.add_argument("--listen", default="127.0.0.1", help="address to listen on")
    parser.add_argument("--port", type=int, default=8080)
    parser.add_argument(
        "--storage",
        choices=STORAGES,
        default="filestorage",
        help="the database: Data.fs beside the instance (default), a ZEO server, "
        "or PostgreSQL through RelStorage",
    )
    parser.add_argument(
        "--zeo-address",
        default="127.0.0.1:8100",
        help="the ZEO server's address (--storage zeo)",
    )
    parser.add_argument(
        "--dsn",
        default="dbname='pressbook' user='postgres' host='127.0.0.1' port='5433'",
        help="the PostgreSQL connection string (--storage relstorage)",
    )
    parser.add_argument(
        "--check",
        action="append",
        choices=["database", "port"],
        help="write nothing, only check that Data.fs (or the port) is not in use",
    )
    args = parser.parse_args(argv)
    if args.check:
        return 0 if check_free(args.instance, args.listen, args.port, args.check) else 1
    write_instance(
        args.instance,
        args.listen,
        args.port,
        storage=args.storage,
        zeo_address=args.zeo_address,
        dsn=args.dsn,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
