#!/usr/bin/env bash
# Builds the fuzz targets' seed corpus from the committed fixtures and bad inputs. The ledger
# target reads its first byte as the file kind (0 xlsx, 1 xls, 2 ods, 3 csv), so each seed is
# that byte followed by the file.
set -euo pipefail
cd "$(dirname "$0")"
mkdir -p corpus/ledger corpus/target_value corpus/bank corpus/csv corpus/rules_file corpus/targets
seed() { # kind file
    local out="corpus/ledger/$(basename "$2")"
    { printf "\\x$(printf %02x "$1")"; cat "$2"; } > "$out"
}
for f in ../fixtures/changde-2019/*.xlsx ../fixtures/changde-2019/layouts/*.xlsx ../tests/bad-inputs/*.xlsx; do seed 0 "$f"; done
for f in ../fixtures/changde-2019/layouts/*.ods; do seed 2 "$f"; done
for f in ../fixtures/changde-2019/layouts/*.csv ../tests/bad-inputs/*.csv; do seed 3 "$f"; done
i=0
for v in '4850人' '≥95%' '≤340万元' '100%' '及时' '≥**人次' '1,234.56' '(1,234.56)' '2019年1月5日' '20190105' '＞＝９０％' '0.5亿元' '≤ 3 个工作日'; do
    printf '%s' "$v" > "corpus/target_value/seed-$i"; i=$((i + 1))
done
# The bank statements (0 xlsx, 1 csv), the CSV ledgers as text, the rules files, the targets
# workbooks.
for f in ../fixtures/changde-2019/bank.xlsx ../fixtures/changde-2019/banks/*.xlsx; do
    { printf '\x00'; cat "$f"; } > "corpus/bank/$(basename "$f")"
done
for f in ../fixtures/changde-2019/banks/*.csv; do
    [ -e "$f" ] && { printf '\x01'; cat "$f"; } > "corpus/bank/$(basename "$f")"
done
for f in ../fixtures/changde-2019/layouts/*.csv ../tests/bad-inputs/*.csv; do cp "$f" corpus/csv/; done
for f in ../presets/*.toml ../docs/examples/*.toml ../fixtures/unlike/*/rules.toml; do
    cp "$f" "corpus/rules_file/$(echo "${f#../}" | tr '/' '_')"
done
for f in ../fixtures/changde-2019/targets.xlsx ../fixtures/multi-year/targets.xlsx ../fixtures/unlike/*/targets.xlsx; do
    cp "$f" "corpus/targets/$(echo "${f#../}" | tr '/' '_')"
done
