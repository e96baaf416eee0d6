#!/usr/bin/env python3
"""Batch throughput (issue 20): funds per second of `jixiao batch` on 100 funds of 25,000
postings, with one fund at a time and with both cores busy, and the same funds with one slow
fund of 1,000,000 postings first (a core must never idle while funds remain). Each fund runs in
a process of its own; the peak is that of the batch and its funds' processes together, sampled.

    python3 bench/batch.py            # builds the release binary and the generator first

Prints a Markdown table for docs/performance.md. The funds are generated into a temporary
folder (hard links to one generated fund) and removed.
"""

import os
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from hostile import BIN, ROOT, tree_resident  # noqa: E402

GENERATOR = os.path.join(ROOT, "target", "release", "examples", "generate-fixtures")
FUNDS = 100
ROWS = 25_000
RUNS = int(os.environ.get("RUNS", "3"))


def run(args, cwd):
    """(wall seconds, CPU seconds of the batch and its funds' processes, peak MB) of `jixiao
    ARGS`. The peak is the batch's and its funds' resident sets together, sampled every 100 ms
    (sampling more often took a core's share from the batch being measured), or the largest
    process's own peak (from wait4) when that is larger."""
    start = time.monotonic()
    peak = 0
    with open(os.devnull, "wb") as null:
        p = subprocess.Popen([BIN, *args], cwd=cwd, stdout=null, stderr=null)
        while True:
            pid, status, usage = os.wait4(p.pid, os.WNOHANG)
            if pid:
                break
            peak = max(peak, tree_resident(p.pid))
            time.sleep(0.1)
    wall = time.monotonic() - start
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"jixiao {' '.join(args)} exited {status}")
    return wall, usage.ru_utime + usage.ru_stime, max(peak, usage.ru_maxrss / 1024)


def generate(rows, folder):
    subprocess.run([GENERATOR, "--rows", str(rows), folder], check=True, capture_output=True)


def main():
    subprocess.run(["cargo", "build", "--release", "-q", "--bin", "jixiao", "--example",
                    "generate-fixtures"], cwd=ROOT, check=True)
    d = tempfile.mkdtemp(prefix="jixiao-batch-")
    try:
        one, slow = os.path.join(d, "one"), os.path.join(d, "slow")
        generate(ROWS, one)
        generate(1_000_000, slow)
        for name, extra in [("even", None), ("slow-first", slow)]:
            funds = os.path.join(d, name)
            for i in range(FUNDS):
                os.makedirs(os.path.join(funds, f"fund-{i:03}"))
                for f in ["ledger.xlsx", "targets.xlsx"]:
                    os.link(os.path.join(one, f), os.path.join(funds, f"fund-{i:03}", f))
            if extra:
                # Named to come first: the slow fund starts at once.
                target = os.path.join(funds, "fund-000")
                for f in ["ledger.xlsx", "targets.xlsx"]:
                    os.remove(os.path.join(target, f))
                    os.link(os.path.join(extra, f), os.path.join(target, f))
        print(f"| funds | --jobs | wall s | funds/s | CPU s | cores busy | peak MB |")
        print("|---|---:|---:|---:|---:|---:|---:|")
        for name, label in [("even", f"{FUNDS} × {ROWS:,} postings"),
                            ("slow-first", f"{FUNDS - 1} × {ROWS:,} and one of 1,000,000 first")]:
            for jobs in ["1", "2"]:
                results = sorted(run(["batch", name, "--no-bank", "--jobs", jobs, "--format", "jsonl"], d)
                                 for _ in range(RUNS))
                wall, cpu, peak = results[len(results) // 2]
                print(f"| {label} | {jobs} | {wall:.2f} | {FUNDS / wall:.1f} | {cpu:.2f} "
                      f"| {cpu / wall:.2f} | {peak:.0f} |")
                sys.stdout.flush()
    finally:
        shutil.rmtree(d, ignore_errors=True)


if __name__ == "__main__":
    main()
