"""Serve the demo site from two Zope instances sharing one database.

    python scripts/serve_cluster.py zeo --root var/zeo [--ports 8080 8081] [--zeo-port 8100]
    python scripts/serve_cluster.py relstorage --root var/relstorage [--ports 8080 8081] [--pg-port 5433]

What `make start-zeo` and `make start-relstorage` run. It writes the instances'
configuration with scripts/make_instance.py (``--storage zeo|relstorage``),
starts the database (a ZEO server, or a throwaway PostgreSQL cluster under
``--root``), creates or upgrades the demo site once with scripts/create_site.py
(``--create-site``), starts the instances, prints their addresses and, on
Ctrl+C (or SIGTERM), stops everything it started: the instances, then the
database.

The tests (tests/scaleout/) drive the same `Cluster` on their own ports.
"""

from pathlib import Path

import argparse
import glob
import os
import shutil
import signal
import socket
import subprocess
import sys
import time


SCRIPTS = Path(__file__).resolve().parent
BIN = Path(sys.executable).parent
DATABASE = "pressbook"
PG_USER = "postgres"

sys.path.insert(0, str(SCRIPTS))
import make_instance  # noqa: E402


class ClusterError(Exception):
    """Something the cluster needs is missing or did not start."""


def log(message):
    print(f"serve_cluster: {message}", flush=True)


def port_open(port, host="127.0.0.1"):
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.settimeout(0.5)
        return sock.connect_ex((host, port)) == 0


def wait_for_port(port, process, what, timeout, host="127.0.0.1"):
    deadline = time.monotonic() + timeout
    while not port_open(port, host):
        if process is not None and process.poll() is not None:
            raise ClusterError(f"{what} exited (status {process.returncode})")
        if time.monotonic() > deadline:
            raise ClusterError(f"{what} does not listen on port {port}")
        time.sleep(0.2)


def _default_sigint():
    # a child started from a shell's background job would inherit an ignored SIGINT
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def spawn(command, output=None):
    """A server in its own session: Ctrl+C in the terminal reaches this script
    only, which stops the servers in order."""
    return subprocess.Popen(
        command,
        start_new_session=True,
        preexec_fn=_default_sigint,
        stdout=output,
        stderr=output,
    )


def stop_processes(processes, sig=signal.SIGINT, timeout=20):
    """Ask children to stop (SIGINT: Zope closes its database, SIGTERM: runzeo
    does), then kill those still running after ``timeout`` seconds."""
    running = [process for process in processes if process.poll() is None]
    for process in running:
        process.send_signal(sig)
    deadline = time.monotonic() + timeout
    for process in running:
        try:
            process.wait(max(deadline - time.monotonic(), 0.1))
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


class PostgreSQL:
    """A throwaway PostgreSQL cluster in ``datadir``, on 127.0.0.1:``port``.

    initdb and pg_ctl refuse to run as root: as root, they run as the user
    ``postgres`` (Debian's package creates it), who then owns ``datadir``.
    """

    def __init__(self, datadir, port):
        self.datadir = Path(datadir).resolve()
        self.port = port
        self.bindir = self.find_bindir()

    @staticmethod
    def find_bindir():
        found = sorted(
            glob.glob("/usr/lib/postgresql/*/bin/initdb"),
            key=lambda path: int(Path(path).parts[-3]),
        )
        if found:
            return Path(found[-1]).parent
        initdb = shutil.which("initdb")
        if initdb:
            return Path(initdb).parent
        raise ClusterError(
            "PostgreSQL is not installed: run `make postgresql` "
            "(scripts/install_postgresql.sh) first"
        )

    def command(self, name, *args):
        command = [str(self.bindir / name), *args]
        if os.geteuid() == 0:
            command = ["runuser", "-u", PG_USER, "--", *command]
        return command

    def dsn(self, dbname=DATABASE):
        return f"dbname='{dbname}' user='{PG_USER}' host='127.0.0.1' port='{self.port}'"

    def init(self):
        if (self.datadir / "PG_VERSION").exists():
            return
        log(f"creating a PostgreSQL cluster in {self.datadir}")
        self.datadir.mkdir(parents=True, exist_ok=True)
        if os.geteuid() == 0:
            shutil.chown(self.datadir, PG_USER, PG_USER)
        self.datadir.chmod(0o700)
        subprocess.run(
            self.command(
                "initdb",
                "-D",
                str(self.datadir),
                "-A",
                "trust",
                "-U",
                PG_USER,
                "-E",
                "UTF8",
                "--locale=C",
            ),
            check=True,
            stdout=subprocess.DEVNULL,
        )

    def start(self):
        if port_open(self.port):
            raise ClusterError(
                f"port {self.port} is already in use (another PostgreSQL?): "
                f"choose another one, e.g. make start-relstorage PG_PORT={self.port + 1}"
            )
        run = self.datadir / "run"
        run.mkdir(exist_ok=True)
        if os.geteuid() == 0:
            shutil.chown(run, PG_USER, PG_USER)
        options = (
            f"-c listen_addresses=127.0.0.1 -c port={self.port} "
            f"-c unix_socket_directories={run}"
        )
        subprocess.run(
            self.command(
                "pg_ctl",
                "-D",
                str(self.datadir),
                "-o",
                options,
                "-l",
                str(self.datadir / "server.log"),
                "-w",
                "-t",
                "60",
                "start",
            ),
            check=True,
            stdout=subprocess.DEVNULL,
            # its own session: Ctrl+C in the terminal reaches this script only
            start_new_session=True,
        )
        self.create_database()

    def create_database(self, dbname=DATABASE):
        import psycopg2

        connection = psycopg2.connect(self.dsn("postgres"))
        connection.autocommit = True
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [dbname])
                if cursor.fetchone() is None:
                    cursor.execute(f'CREATE DATABASE "{dbname}"')
        finally:
            connection.close()

    def stop(self):
        if not (self.datadir / "postmaster.pid").exists():
            return
        subprocess.run(
            self.command("pg_ctl", "-D", str(self.datadir), "-m", "fast", "-w", "stop"),
            stdout=subprocess.DEVNULL,
        )


class Cluster:
    """A database and two (or more) Zope instances serving the same site.

    ``filestorage`` (for scripts/bench_writes.py): one instance and its Data.fs,
    no database server.
    """

    def __init__(
        self,
        storage,
        root,
        ports=(8080, 8081),
        listen="127.0.0.1",
        zeo_port=8100,
        pg_port=5433,
        bin_dir=BIN,
        output=None,
    ):
        """``output``: a file the servers and create_site.py write their logs
        to (the terminal when None)."""
        if storage not in ("filestorage", "zeo", "relstorage"):
            raise ValueError(storage)
        self.storage = storage
        self.root = Path(root).resolve()
        self.ports = list(ports)
        self.listen = listen
        self.zeo_port = zeo_port
        self.bin = Path(bin_dir)
        self.instances = [
            self.root / f"instance{number}" for number in range(1, len(ports) + 1)
        ]
        self.postgresql = (
            PostgreSQL(self.root / "postgresql", pg_port)
            if storage == "relstorage"
            else None
        )
        self.zeo_server = None
        self.servers = []
        self.output = output

    @property
    def local_address(self):
        """Where this machine reaches the instances."""
        return "127.0.0.1" if self.listen in ("0.0.0.0", "") else self.listen

    @property
    def zeo_address(self):
        return f"127.0.0.1:{self.zeo_port}"

    def zope_conf(self, number=0):
        return self.instances[number] / "etc" / "zope.conf"

    def check_ports(self):
        busy = [
            port for port in self.ports if make_instance.port_busy(self.listen, port)
        ]
        if self.storage == "zeo" and port_open(self.zeo_port):
            busy.append(self.zeo_port)
        if busy:
            raise ClusterError(
                f"port(s) {', '.join(map(str, busy))} already in use: stop what "
                "listens there (`make start`?) or choose other ports "
                "(PORT=, PORT2=, ZEO_PORT=)"
            )

    def configure(self):
        for instance, port in zip(self.instances, self.ports, strict=True):
            make_instance.write_instance(
                instance,
                self.listen,
                port,
                storage=self.storage,
                zeo_address=self.zeo_address,
                dsn=self.postgresql.dsn() if self.postgresql else None,
            )

    def start_database(self):
        if self.postgresql:
            self.postgresql.init()
            self.postgresql.start()
            log(f"PostgreSQL listens on 127.0.0.1:{self.postgresql.port}")
            return
        if self.storage != "zeo":
            return
        zeo_conf = self.root / "zeoserver" / "etc" / "zeo.conf"
        self.zeo_server = spawn(
            [str(self.bin / "runzeo"), "-C", str(zeo_conf)], self.output
        )
        wait_for_port(self.zeo_port, self.zeo_server, "the ZEO server", 30)
        log(f"ZEO server listens on {self.zeo_address}")

    def create_site(self):
        """Create the demo site, or run its pending upgrades (scripts/create_site.py)."""
        subprocess.run(
            [
                str(self.bin / "zconsole"),
                "run",
                str(self.zope_conf()),
                str(SCRIPTS / "create_site.py"),
            ],
            check=True,
            stdout=self.output,
            stderr=self.output,
        )

    def start_instances(self, timeout=180):
        for instance in self.instances:
            self.servers.append(
                spawn(
                    [str(self.bin / "runwsgi"), str(instance / "etc" / "zope.ini")],
                    self.output,
                )
            )
        for number, (server, port) in enumerate(
            zip(self.servers, self.ports, strict=True), 1
        ):
            wait_for_port(
                port, server, f"instance{number}", timeout, host=self.local_address
            )

    def start(self, create_site=False):
        self.check_ports()
        self.configure()
        try:
            self.start_database()
            if create_site:
                self.create_site()
            self.start_instances()
        except BaseException:
            self.stop()
            raise

    def stop(self):
        stop_processes(self.servers)
        self.servers = []
        if self.zeo_server is not None:
            stop_processes([self.zeo_server], signal.SIGTERM)
            self.zeo_server = None
        if self.postgresql is not None:
            self.postgresql.stop()

    def wait(self):
        """Until an instance or the ZEO server exits."""
        while True:
            for process in [*self.servers, self.zeo_server]:
                if process is not None and process.poll() is not None:
                    return process.returncode
            time.sleep(0.5)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("storage", choices=["zeo", "relstorage"])
    parser.add_argument("--root", type=Path, help="default: var/<storage>")
    parser.add_argument("--ports", type=int, nargs="+", default=[8080, 8081])
    parser.add_argument("--listen", default="127.0.0.1")
    parser.add_argument(
        "--host", default="localhost", help="the host in the URLs shown"
    )
    parser.add_argument("--zeo-port", type=int, default=8100)
    parser.add_argument("--pg-port", type=int, default=5433)
    parser.add_argument(
        "--create-site",
        action="store_true",
        help="create the demo site, or run its pending upgrades, before serving",
    )
    parser.add_argument(
        "--site-stamp", type=Path, help="a file touched once the site is created"
    )
    args = parser.parse_args(argv)
    cluster = Cluster(
        args.storage,
        args.root or Path("var") / args.storage,
        ports=args.ports,
        listen=args.listen,
        zeo_port=args.zeo_port,
        pg_port=args.pg_port,
    )

    def terminate(signum, frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, terminate)
    signal.signal(signal.SIGHUP, terminate)
    try:
        cluster.start(create_site=args.create_site)
        if args.create_site and args.site_stamp:
            args.site_stamp.touch()
        elif not args.create_site:
            log("the site is kept as it is (nothing it depends on changed)")
        database = (
            f"ZEO server on {cluster.zeo_address}, data in {cluster.root}"
            if args.storage == "zeo"
            else f"PostgreSQL on 127.0.0.1:{args.pg_port}, data in {cluster.root}"
        )
        print("", flush=True)
        for number, port in enumerate(args.ports, 1):
            print(f"  Instance {number}: http://{args.host}:{port}/Plone", flush=True)
        print(f"  Database:   {database}", flush=True)
        print("  Login:      admin / admin", flush=True)
        print("  Stop:       Ctrl+C (stops the instances and the database)", flush=True)
        print("", flush=True)
        status = cluster.wait()
        log(f"a server exited (status {status}): stopping the others")
        return 1
    except ClusterError as error:
        print(f"ERROR: {error}", file=sys.stderr)
        return 1
    except subprocess.CalledProcessError as error:
        print(f"ERROR: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        log("stopping the instances and the database...")
        return 0
    finally:
        cluster.stop()
        log("stopped")


if __name__ == "__main__":
    sys.exit(main())
