#!/usr/bin/env bash
# Install Debian's PostgreSQL server for `make start-relstorage` and the RelStorage
# tests (tests/scaleout/). Only the programs: scripts/serve_cluster.py makes a
# throwaway cluster of its own under var/ (initdb, pg_ctl), on its own port.
set -euo pipefail
source "$(dirname "$0")/apt_install.sh"

find_initdb() {
    ls /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -n 1
}

if [ -n "$(find_initdb)" ]; then
    echo "postgresql: $("$(find_initdb)" --version) already installed"
    exit 0
fi
apt_install postgresql "make start-relstorage and its tests" postgresql
if [ -z "$(find_initdb)" ]; then
    echo "ERROR: apt-get installed postgresql but /usr/lib/postgresql/*/bin/initdb is still missing." >&2
    exit 1
fi
echo "postgresql: $("$(find_initdb)" --version) installed"
