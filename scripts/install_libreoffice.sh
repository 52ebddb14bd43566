#!/usr/bin/env bash
# Install Debian's LibreOffice Calc without its GUI for the CSV export tests: they
# open the export with `soffice --headless --convert-to xlsx` as a spreadsheet user
# would (about 2 minutes).
set -euo pipefail
source "$(dirname "$0")/apt_install.sh"

SOFFICE=/usr/bin/soffice

if [ -x "$SOFFICE" ]; then
    echo "libreoffice: $("$SOFFICE" --version 2>/dev/null | head -n 1 || echo "$SOFFICE") already installed"
    exit 0
fi
apt_install libreoffice "The CSV export tests" libreoffice-calc-nogui --no-install-recommends
if [ ! -x "$SOFFICE" ]; then
    echo "ERROR: apt-get installed libreoffice-calc-nogui but $SOFFICE is still missing." >&2
    exit 1
fi
echo "libreoffice: $("$SOFFICE" --version 2>/dev/null | head -n 1) installed"
