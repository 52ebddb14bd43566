#!/usr/bin/env bash
# Install Debian's chromium for the browser tests (Playwright drives it through
# executable_path=/usr/bin/chromium). Never `playwright install`: it downloads a
# browser of its own from a host these machines cannot reach.
set -euo pipefail
source "$(dirname "$0")/apt_install.sh"

CHROMIUM=/usr/bin/chromium

if [ -x "$CHROMIUM" ]; then
    echo "chromium: $("$CHROMIUM" --version 2>/dev/null || echo "$CHROMIUM") already installed"
    exit 0
fi
apt_install chromium "The browser tests" chromium
if [ ! -x "$CHROMIUM" ]; then
    echo "ERROR: apt-get installed chromium but $CHROMIUM is still missing." >&2
    exit 1
fi
echo "chromium: $("$CHROMIUM" --version 2>/dev/null) installed"
