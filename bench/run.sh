#!/usr/bin/env bash
# jixiao against its peers on generated ledgers: `jixiao evaluate`, a pandas script doing the
# same reading and reconciliation, and unzip inflating the sheet (the floor). See bench/README.md.
#
#   bench/run.sh [ROWS ...]        default: 10000 100000 1000000
#
# RUNS=N          runs of each command per size (default 3; the median is reported)
# BENCH_DATA=DIR  where the generated ledgers go, one folder rN per size (default bench/data)
# JIXIAO_PREBUILT=1  measure target/release/jixiao and target/release/examples/calamine-cells as
#                 they are: no cargo build, and the generator run from target/release/examples
#                 instead of through cargo run
set -euo pipefail

bench=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$bench")
venv="$bench/.venv"

# The peer's environment: pandas and python-calamine from PyPI, at the versions in
# requirements.txt, installed again whenever that file changes.
if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
fi
if ! cmp -s "$bench/requirements.txt" "$venv/.requirements.txt"; then
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$bench/requirements.txt"
    cp "$bench/requirements.txt" "$venv/.requirements.txt"
fi

cd "$root"
if [ -z "${JIXIAO_PREBUILT:-}" ]; then
    cargo build --release --quiet --bin jixiao --example calamine-cells
fi

export BENCH_COMMAND="${RUNS:+RUNS=$RUNS }bench/run.sh${*:+ $*}"
exec "$venv/bin/python" "$bench/run.py" "$@"
