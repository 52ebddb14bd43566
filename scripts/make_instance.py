"""Write the configuration of the Zope instance that `make start` serves.

    python scripts/make_instance.py var/instance [--listen 127.0.0.1] [--port 8080]
    python scripts/make_instance.py var/instance --check database --check port

The instance is configuration only (etc/zope.conf, etc/zope.ini, etc/site.zcml):
it is rewritten on every run, so a moved clone or another port just works. The
data lives beside it and is never touched here: var/filestorage/Data.fs and
var/blobstorage (the same paths buildout.cfg uses).

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

<environment>
  # compile the .po files of the add-ons (French) into .mo at start-up
  zope_i18n_compile_mo_files true
  CHAMELEON_CACHE $INSTANCE/var/cache
</environment>

<zodb_db main>
  <filestorage>
    path $DATA/filestorage/Data.fs
    blob-dir $DATA/blobstorage
  </filestorage>
  mount-point /
</zodb_db>
"""

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


def write_instance(instance, listen, port):
    instance = instance.resolve()
    data = instance.parent
    for folder in (
        instance / "etc",
        instance / "var" / "log",
        instance / "var" / "cache",
        data / "filestorage",
        data / "blobstorage",
    ):
        folder.mkdir(parents=True, exist_ok=True)
    # ZODB wants the blob directory private
    (data / "blobstorage").chmod(0o700)
    etc = instance / "etc"
    (etc / "zope.conf").write_text(ZOPE_CONF.format(instance=instance, data=data))
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
        "--check",
        action="append",
        choices=["database", "port"],
        help="write nothing, only check that Data.fs (or the port) is not in use",
    )
    args = parser.parse_args(argv)
    if args.check:
        return 0 if check_free(args.instance, args.listen, args.port, args.check) else 1
    write_instance(args.instance, args.listen, args.port)
    return 0


if __name__ == "__main__":
    sys.exit(main())
