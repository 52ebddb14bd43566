"""Two real Zope instances on one database, started by the project's own
scripts/serve_cluster.py (what `make start-zeo` and `make start-relstorage` run):
a ZEO server, or a throwaway PostgreSQL cluster through RelStorage, each with the
demo site created by scripts/create_site.py. One at a time, once per module."""

from dataclasses import dataclass
from pathlib import Path

import importlib.util
import os
import pytest
import requests
import shutil
import socket
import tempfile


ROOT = Path(__file__).resolve().parents[2]
BOOK = "Plone/presentation/dans-les-medias"


def _serve_cluster():
    spec = importlib.util.spec_from_file_location(
        "serve_cluster", ROOT / "scripts" / "serve_cluster.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def free_ports(count):
    sockets = []
    try:
        for _ in range(count):
            sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            sock.bind(("127.0.0.1", 0))
            sockets.append(sock)
        return [sock.getsockname()[1] for sock in sockets]
    finally:
        for sock in sockets:
            sock.close()


@dataclass
class Instance:
    """One of the two instances: its press section's URL and an HTTP session
    per user (``None``: anonymous)."""

    url: str

    @property
    def book(self):
        return f"{self.url}/{BOOK}"

    def http(self, manager=True):
        session = requests.Session()
        session.headers["Accept"] = "application/json"
        if manager:
            session.auth = ("admin", "admin")
        return session


@pytest.fixture(scope="module", params=["zeo", "relstorage"])
def cluster(request):
    """(instance A, instance B) of a running cluster of ``request.param``."""
    serve_cluster = _serve_cluster()
    # not under pytest's tmp_path: as root, PostgreSQL runs as the user
    # postgres, who cannot enter /tmp/pytest-of-root
    root = Path(tempfile.mkdtemp(prefix=f"pressbook-{request.param}-"))
    os.chmod(root, 0o755)
    http_a, http_b, zeo_port, pg_port = free_ports(4)
    log_path = root / "cluster.log"
    with log_path.open("ab") as log:
        running = serve_cluster.Cluster(
            request.param,
            root,
            ports=(http_a, http_b),
            zeo_port=zeo_port,
            pg_port=pg_port,
            output=log,
        )
        try:
            running.start(create_site=True)
        except Exception as error:
            tail = log_path.read_text(errors="replace")[-3000:]
            shutil.rmtree(root, ignore_errors=True)
            pytest.fail(f"the {request.param} cluster did not start: {error}\n{tail}")
        try:
            yield (
                Instance(f"http://127.0.0.1:{http_a}"),
                Instance(f"http://127.0.0.1:{http_b}"),
            )
        finally:
            running.stop()
            shutil.rmtree(root, ignore_errors=True)
