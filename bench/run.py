"""jixiao against its peers, measured in the same run on the same generated ledgers.

For each size: generate the ledger if it is not there yet, check that the pandas peer's figures
are jixiao's to the fen, then run each of the four commands RUNS times, round-robin, and report
the median wall time and peak memory. Called by run.sh, which sets up the venv and builds jixiao;
see README.md.
"""

import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
JIXIAO = ROOT / "target" / "release" / "jixiao"
GENERATOR = ROOT / "target" / "release" / "examples" / "generate-fixtures"
CALAMINE = ROOT / "target" / "release" / "examples" / "calamine-cells"
PYTHON = Path(sys.executable)  # the venv's, as run.sh starts this script
PEER = BENCH / "peer_pandas.py"
DATA = Path(os.environ.get("BENCH_DATA", BENCH / "data"))
RUNS = int(os.environ.get("RUNS", "3"))
PREBUILT = bool(os.environ.get("JIXIAO_PREBUILT"))
SIZES = [10_000, 100_000, 1_000_000]
# How the ledger's workbook is written (generate-fixtures --layout): text in a shared-strings
# table as Excel and WPS write it, every text an inline string as POI-based exporters, openpyxl's
# write-only mode and web exporters write it, and that as POI's streaming writer leaves the sheet
# (no dimension, no column widths).
LAYOUTS = os.environ.get("LAYOUTS", "sample sample-inline poi").split()


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def fixtures(rows: int, layout: str) -> tuple[str, str]:
    folder = DATA / (f"rows-{rows}" if layout == "sample" else f"rows-{rows}-{layout}")
    ledger, targets = folder / "ledger.xlsx", folder / "targets.xlsx"
    if not (ledger.exists() and targets.exists()):
        log(f"generating {rows:,} rows ({layout}) in {folder}")
        args = ["--rows", str(rows), "--layout", layout, str(folder)]
        if PREBUILT:
            subprocess.run([GENERATOR, *args], cwd=ROOT, check=True)
        else:
            subprocess.run(
                ["cargo", "run", "--release", "--quiet", "--example", "generate-fixtures", "--", *args],
                cwd=ROOT,
                check=True,
            )
    return str(ledger), str(targets)


def commands(ledger: str, targets: str, peer_out: str) -> dict[str, tuple[list[str], str]]:
    """name → (argv, where its standard output goes)."""
    return {
        "jixiao": ([str(JIXIAO), "evaluate", ledger, targets], os.devnull),
        # The peer prints its figures as JSON instead of a table (the same work, a different
        # print), so that the timed runs are also the ones checked against jixiao.
        "pandas": ([str(PYTHON), str(PEER), ledger, targets, "--json"], peer_out),
        # The reader jixiao is built on, alone: what reading the cells costs before jixiao does
        # anything with them.
        "calamine": ([str(CALAMINE), ledger], os.devnull),
        "unzip": (["unzip", "-p", ledger, *parts(ledger)], os.devnull),
    }


def parts(ledger: str) -> list[str]:
    """The parts the ledger is read from: its sheet, and its shared-strings table if it has one."""
    import zipfile

    with zipfile.ZipFile(ledger) as z:
        names = set(z.namelist())
    return [p for p in ("xl/worksheets/sheet1.xml", "xl/sharedStrings.xml") if p in names]


def measure(argv: list[str], stdout: str) -> dict[str, float]:
    """One run: wall seconds (the clock around it, as GNU time's %e has only hundredths), peak
    resident memory in KiB (%M) and CPU seconds (%U + %S), from GNU time."""
    with tempfile.NamedTemporaryFile("r") as report, open(stdout, "w") as out:
        start = time.perf_counter()
        done = subprocess.run(
            ["/usr/bin/time", "-o", report.name, "-f", "%e %M %U %S", *argv],
            stdout=out,
            stderr=subprocess.PIPE,
            text=True,
        )
        wall = time.perf_counter() - start
        if done.returncode != 0:
            sys.exit(f"FAILED (exit {done.returncode}): {' '.join(argv)}\n{done.stderr}")
        elapsed, kib, user, system = report.read().split()[-4:]
    return {"wall": wall, "elapsed": float(elapsed), "kib": int(kib), "cpu": float(user) + float(system)}


def cpu_seconds() -> tuple[float, float]:
    """(CPU seconds the whole machine has been busy, CPU seconds this script's children used), so
    that the difference over a stretch is what other processes took from the measurements."""
    fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    busy = sum(fields[:8]) - fields[3] - fields[4]  # user … steal, less idle and iowait
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return busy / os.sysconf("SC_CLK_TCK"), children.ru_utime + children.ru_stime


def fen(text: str) -> int:
    return int(Decimal(text) * 100)


def agree(ledger: str, targets: str, peer_out: str) -> None:
    """The peer must have done the same work: per line, its planned, arrived, spent and number of
    postings are jixiao's, to the fen, and so are the totals. Fails loudly otherwise."""
    ours = subprocess.run(
        [str(JIXIAO), "evaluate", ledger, targets, "--format", "json"],
        capture_output=True,
        text=True,
    )
    if ours.returncode != 0:
        sys.exit(f"jixiao evaluate --format json failed:\n{ours.stderr}")
    recon = json.loads(ours.stdout)["reconciliation"]
    peer = json.loads(Path(peer_out).read_text())

    problems = []
    if len(recon["lines"]) != len(peer["lines"]):
        problems.append(f"{len(recon['lines'])} budget lines in jixiao, {len(peer['lines'])} in the peer")
    for j, p in zip(recon["lines"], peer["lines"]):
        if j["name"] != p["name"]:
            problems.append(f"line {j['name']!r} in jixiao is {p['name']!r} in the peer")
            continue
        for key in ("planned", "arrived", "spent"):
            if fen(j[key]) != p[key]:
                problems.append(f"{j['name']} {key}: jixiao {fen(j[key])} fen, peer {p[key]} fen")
        if j["postings"] != p["postings"]:
            problems.append(f"{j['name']} postings: jixiao {j['postings']}, peer {p['postings']}")
    for key in ("planned", "arrived", "spent"):
        if fen(recon["totals"][key]) != peer["totals"][key]:
            problems.append(f"total {key}: jixiao {fen(recon['totals'][key])} fen, peer {peer['totals'][key]} fen")
    if problems:
        sys.exit("PEER DISAGREES WITH JIXIAO — the comparison is not of the same work:\n  " + "\n  ".join(problems))
    t = peer["totals"]
    log(
        f"  peer agrees with jixiao: {len(peer['lines'])} lines, arrived {t['arrived'] / 100:.2f}, "
        f"spent {t['spent'] / 100:.2f} yuan"
    )


def first_line(argv: list[str]) -> str:
    try:
        done = subprocess.run(argv, capture_output=True, text=True)
        return (done.stdout or done.stderr).strip().splitlines()[0]
    except (OSError, IndexError):
        return "?"


def machine() -> list[str]:
    cpu = "?"
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    with open("/proc/meminfo") as f:
        mem_gib = int(f.readline().split()[1]) / 2**20
    import numpy
    import pandas
    from importlib.metadata import version

    commit = first_line(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"])
    dirty = subprocess.run(
        ["git", "-C", str(ROOT), "status", "--porcelain", "--untracked-files=no"], capture_output=True, text=True
    ).stdout.strip()
    return [
        f"- machine: {os.cpu_count()} cores ({first_line(['nproc'])} usable), {cpu}, {mem_gib:.0f} GiB, "
        f"{platform.system()} {platform.release()}",
        f"- jixiao: {first_line([str(JIXIAO), '--version'])} at {commit}{' (uncommitted changes)' if dirty else ''}, "
        f"{first_line(['rustc', '--version'])}",
        f"- peer: Python {platform.python_version()}, pandas {pandas.__version__}, "
        f"python-calamine {version('python-calamine')}, numpy {numpy.__version__}",
        f"- floor: {first_line(['unzip', '-v'])}",
        f"- command: `{os.environ.get('BENCH_COMMAND', 'bench/run.py ' + ' '.join(sys.argv[1:]))}` "
        f"(median of {RUNS} runs each)",
    ]


def main() -> None:
    sizes = [int(a.replace("_", "").replace(",", "")) for a in sys.argv[1:]] or SIZES
    for built in (JIXIAO, CALAMINE):
        if not built.exists():
            sys.exit(f"{built} is missing: run bench/run.sh, which builds it")
    header = machine()
    for line in header:
        log(line)
    busy = cpu_seconds()[0]
    time.sleep(1)
    if cpu_seconds()[0] - busy > 0.2:
        log("WARNING: the machine is busy; the numbers will be noisy (see the line on other processes)")

    # What the peer pays before it reads a cell: starting Python and importing pandas.
    imports = statistics.median(
        measure([str(PYTHON), "-c", "import pandas, python_calamine"], os.devnull)["wall"] for _ in range(RUNS)
    )

    results, other = {}, {}
    warmed = False
    for rows, layout in [(r, l) for r in sizes for l in LAYOUTS]:
        ledger, targets = fixtures(rows, layout)
        log(f"{rows:,} rows ({layout}): {Path(ledger).stat().st_size / 2**20:.1f} MiB ledger")
        with tempfile.TemporaryDirectory() as tmp:
            peer_out = str(Path(tmp) / "peer.json")
            cmds = commands(ledger, targets, peer_out)
            if not warmed:  # the venv's bytecode and the page cache, once, before timing anything
                for argv, out in cmds.values():
                    measure(argv, out)
                warmed = True
            runs = {name: [] for name in cmds}
            busy, ours = cpu_seconds()
            for i in range(RUNS):
                for name, (argv, out) in cmds.items():
                    r = measure(argv, out)
                    runs[name].append(r)
                    log(f"  run {i + 1}/{RUNS} {name}: {r['wall']:.3f} s, {r['kib'] / 1024:.0f} MB, {r['cpu']:.2f} s CPU")
                    if name == "pandas" and i == 0:
                        agree(ledger, targets, peer_out)
            busy_after, ours_after = cpu_seconds()
        results[(rows, layout)] = {
            name: {k: statistics.median(r[k] for r in rs) for k in ("wall", "kib", "cpu")}
            for name, rs in runs.items()
        }
        # Whatever else ran meanwhile (another build, an editor's indexer) slowed these numbers.
        other[(rows, layout)] = max(0.0, (busy_after - busy) - (ours_after - ours))
        if other[(rows, layout)] > 0.05 * (ours_after - ours) + 0.5:
            log(f"WARNING: other processes used {other[rows]:.1f} CPU seconds during the {rows:,}-row {layout} runs")

    mb = lambda kib: f"{kib / 1024:,.0f}"  # noqa: E731
    s = lambda sec: f"{sec:.3f}" if sec < 1 else f"{sec:.2f}"  # noqa: E731
    out = [*header, ""]
    out.append(
        "| rows | layout | jixiao s | jixiao MB | pandas s | pandas MB | calamine s | calamine MB | unzip s "
        "| pandas÷jixiao time | jixiao÷unzip time | calamine÷unzip time | jixiao÷pandas memory |"
    )
    out.append("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for (rows, layout), r in results.items():
        j, p, c, u = r["jixiao"], r["pandas"], r["calamine"], r["unzip"]
        out.append(
            f"| {rows:,} | {layout} | {s(j['wall'])} | {mb(j['kib'])} | {s(p['wall'])} | {mb(p['kib'])} "
            f"| {s(c['wall'])} | {mb(c['kib'])} | {s(u['wall'])} "
            f"| {p['wall'] / j['wall']:.1f}× | {j['wall'] / u['wall']:.1f}× | {c['wall'] / u['wall']:.1f}× "
            f"| {j['kib'] / p['kib']:.2f}× |"
        )
    out.append("")
    out.append(
        "jixiao seconds per 100k rows: "
        + ", ".join(
            f"{s(r['jixiao']['wall'] / rows * 100_000)} at {rows:,} ({layout})" for (rows, layout), r in results.items()
        )
    )
    out.append(
        "CPU seconds (user + sys): "
        + "; ".join(
            f"{rows:,} {layout}: jixiao {r['jixiao']['cpu']:.2f}, pandas {r['pandas']['cpu']:.2f}, "
            f"calamine {r['calamine']['cpu']:.2f}, unzip {r['unzip']['cpu']:.2f}"
            for (rows, layout), r in results.items()
        )
    )
    out.append(
        "CPU seconds other processes took while these ran (noise; 0 on an idle machine): "
        + ", ".join(f"{other[key]:.1f} at {key[0]:,} {key[1]}" for key in results)
    )
    out.append(f"Starting Python and importing pandas alone takes {s(imports)} s of the pandas column.")
    out.append("The pandas peer's per-line planned, arrived, spent and postings equal jixiao's to the fen at every size.")
    print("\n".join(out))


if __name__ == "__main__":
    main()
