#!/usr/bin/env bash
# Install Debian's LibreOffice Calc without its GUI for the CSV export tests: they
# open the export with `soffice --headless --convert-to xlsx` as a spreadsheet user would.
set -euo pipefail

SOFFICE=/usr/bin/soffice

if [ -x "$SOFFICE" ]; then
    echo "libreoffice: $("$SOFFICE" --version 2>/dev/null | head -n 1 || echo "$SOFFICE") already installed"
    exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
    SUDO=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    SUDO=(sudo -n)
else
    cat >&2 <<MSG
ERROR: $SOFFICE is missing and this user can neither install it (not root)
nor use sudo without a password. The CSV export tests need Debian's LibreOffice Calc:
    sudo apt-get update && sudo apt-get install -y libreoffice-calc-nogui
then run the tests again.
MSG
    exit 1
fi

if ! command -v apt-get >/dev/null 2>&1; then
    echo "ERROR: $SOFFICE is missing and there is no apt-get here: install Debian's libreoffice-calc-nogui package." >&2
    exit 1
fi

echo "libreoffice: installing Debian's libreoffice-calc-nogui (apt-get, about 2 minutes)..."
export DEBIAN_FRONTEND=noninteractive
"${SUDO[@]}" apt-get update -q
"${SUDO[@]}" apt-get install -y -q --no-install-recommends libreoffice-calc-nogui

if [ ! -x "$SOFFICE" ]; then
    echo "ERROR: apt-get installed libreoffice-calc-nogui but $SOFFICE is still missing." >&2
    exit 1
fi
echo "libreoffice: $("$SOFFICE" --version 2>/dev/null | head -n 1) installed"
