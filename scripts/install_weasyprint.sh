#!/usr/bin/env bash
# Install what WeasyPrint (the press review's PDF, a Python package pinned in
# constraints.txt) needs from Debian: pango (text layout, with harfbuzz and
# fontconfig) and the DejaVu fonts the review's stylesheet names, embedded in
# every PDF it makes. Needed by the add-on itself, not only by its tests.
set -euo pipefail
source "$(dirname "$0")/apt_install.sh"

# library -> Debian package
declare -A PACKAGES=(
    [libpango-1.0.so.0]=libpango-1.0-0
    [libpangoft2-1.0.so.0]=libpangoft2-1.0-0
)
for library in "${!PACKAGES[@]}"; do
    if ldconfig -p 2>/dev/null | grep -q "$library"; then
        echo "weasyprint: $library already installed"
    else
        apt_install "$library" "WeasyPrint (the press review as PDF)" "${PACKAGES[$library]}" --no-install-recommends
    fi
done
DEJAVU=/usr/share/fonts/truetype/dejavu
if [ -f "$DEJAVU/DejaVuSerif.ttf" ] && [ -f "$DEJAVU/DejaVuSans.ttf" ]; then
    echo "weasyprint: DejaVu fonts already installed"
else
    apt_install "The DejaVu fonts" "The press review's PDF" fonts-dejavu-core --no-install-recommends
fi
# the proof, once .venv has WeasyPrint: it loads pango and lays out a page
if [ -x .venv/bin/python ] && .venv/bin/python -c "import importlib.util, sys; sys.exit(not importlib.util.find_spec('weasyprint'))" 2>/dev/null; then
    .venv/bin/python -c "import weasyprint; weasyprint.HTML(string='<p>Revue de presse</p>').write_pdf()" \
        || { echo "ERROR: WeasyPrint cannot make a PDF with this machine's pango." >&2; exit 1; }
    echo "weasyprint: makes PDFs"
fi
