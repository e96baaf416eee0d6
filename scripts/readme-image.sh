#!/usr/bin/env bash
# The README's picture of the Word report: the sample's report (`-o 报告.docx`) rendered by
# headless LibreOffice and its first page turned into a PNG by pdftoppm. Run it after a change
# to the report's layout:
#
#   scripts/readme-image.sh            # writes docs/images/report-page-1.png
#
# Needs LibreOffice Writer, poppler-utils and a CJK font (Debian: libreoffice-writer-nogui
# poppler-utils fonts-noto-cjk), as .ci/run installs them.
set -euo pipefail
cd "$(dirname "$0")/.."

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cargo run -q --release -- evaluate fixtures/changde-2019/ledger.xlsx \
  fixtures/changde-2019/targets.xlsx -o "$work/report.docx"
soffice "-env:UserInstallation=file://$work/profile" --headless --convert-to pdf \
  --outdir "$work" "$work/report.docx" >/dev/null
pdftoppm -f 1 -l 1 -r 72 -png -singlefile "$work/report.pdf" docs/images/report-page-1
echo "docs/images/report-page-1.png"
