#!/usr/bin/env bash
# Install Debian's npm (and node) for the browser tests: npm installs axe-core,
# the accessibility checker they inject into chromium (make axe).
set -euo pipefail
source "$(dirname "$0")/apt_install.sh"

if command -v npm >/dev/null 2>&1 && command -v node >/dev/null 2>&1; then
    echo "npm: $(npm --version) and node $(node --version) already installed"
    exit 0
fi
apt_install npm "The browser tests' accessibility checks (axe-core)" npm
if ! command -v npm >/dev/null 2>&1; then
    echo "ERROR: apt-get installed npm but npm is still missing." >&2
    exit 1
fi
echo "npm: $(npm --version) and node $(node --version) installed"
