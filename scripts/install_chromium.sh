#!/usr/bin/env bash
# Install Debian's chromium for the browser tests (Playwright drives it through
# executable_path=/usr/bin/chromium). Never `playwright install`: it downloads a
# browser of its own from a host these machines cannot reach.
set -euo pipefail

CHROMIUM=/usr/bin/chromium

if [ -x "$CHROMIUM" ]; then
    echo "chromium: $("$CHROMIUM" --version 2>/dev/null || echo "$CHROMIUM") already installed"
    exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
    SUDO=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    SUDO=(sudo -n)
else
    cat >&2 <<MSG
ERROR: $CHROMIUM is missing and this user can neither install it (not root)
nor use sudo without a password. The browser tests need Debian's chromium:
    sudo apt-get update && sudo apt-get install -y chromium
then run the tests again.
MSG
    exit 1
fi

if ! command -v apt-get >/dev/null 2>&1; then
    echo "ERROR: $CHROMIUM is missing and there is no apt-get here: install Debian's chromium package." >&2
    exit 1
fi

echo "chromium: installing Debian's package (apt-get)..."
export DEBIAN_FRONTEND=noninteractive
"${SUDO[@]}" apt-get update -q
"${SUDO[@]}" apt-get install -y -q chromium

if [ ! -x "$CHROMIUM" ]; then
    echo "ERROR: apt-get installed chromium but $CHROMIUM is still missing." >&2
    exit 1
fi
echo "chromium: $("$CHROMIUM" --version 2>/dev/null) installed"
