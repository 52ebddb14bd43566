#!/usr/bin/env bash
# Install Debian's PostgreSQL server for `make start-relstorage` and the RelStorage
# tests (tests/scaleout/). Only the programs: scripts/serve_cluster.py makes a
# throwaway cluster of its own under var/ (initdb, pg_ctl), on its own port.
set -euo pipefail

find_initdb() {
    ls /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -n 1
}

if [ -n "$(find_initdb)" ]; then
    echo "postgresql: $("$(find_initdb)" --version) already installed"
    exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
    SUDO=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    SUDO=(sudo -n)
else
    cat >&2 <<MSG
ERROR: PostgreSQL is missing and this user can neither install it (not root)
nor use sudo without a password. make start-relstorage and its tests need
Debian's postgresql:
    sudo apt-get update && sudo apt-get install -y postgresql
then run the command again.
MSG
    exit 1
fi

if ! command -v apt-get >/dev/null 2>&1; then
    echo "ERROR: PostgreSQL is missing and there is no apt-get here: install Debian's postgresql package." >&2
    exit 1
fi

echo "postgresql: installing Debian's package (apt-get)..."
export DEBIAN_FRONTEND=noninteractive
"${SUDO[@]}" apt-get update -q
"${SUDO[@]}" apt-get install -y -q postgresql

if [ -z "$(find_initdb)" ]; then
    echo "ERROR: apt-get installed postgresql but /usr/lib/postgresql/*/bin/initdb is still missing." >&2
    exit 1
fi
echo "postgresql: $("$(find_initdb)" --version) installed"
