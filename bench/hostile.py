#!/usr/bin/env python3
"""The worst case of each class of hostile input (issue 19), generated and run through the
release binary, with its exit code, wall time and peak memory (the child's own high-water mark,
VmHWM, read while it runs). Prints a Markdown table for docs/robustness.md.

    python3 bench/hostile.py            # builds the release binary first

The files are generated into a temporary folder each run (deterministic contents) and removed.
"""

import io
import os
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.join(ROOT, "target", "release", "jixiao")
SAMPLE = os.path.join(ROOT, "fixtures", "changde-2019")
HEADER = "日期,凭证字号,摘要,科目编码,科目名称,项目,往来单位,借方,贷方\n"
GOOD = (
    "2024-03-15,记-0001,收财政拨付帮扶资金,404,政府补助收入,困难职工帮扶,某市财政局,,50000\n"
    "2024-04-02,记-0002,发放困难职工帮扶金-张三,50205,困难职工帮扶费,困难职工帮扶,张三,2000,\n"
)


def high_water(pid):
    """The process's peak resident set so far (VmHWM), in MB; 0 once it is gone."""
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0


def tree_resident(pid):
    """The resident set of the process and every process under it now, in MB: a batch's funds
    run in processes of their own."""
    total = 0
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1]) / 1024
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as f:
                total += sum(tree_resident(int(c)) for c in f.read().split())
    except OSError:
        pass
    return total


def run(args, cwd, timeout=600, env=None):
    """(exit code, seconds, peak MB) of `jixiao ARGS` in `cwd`. The peak is read from the
    child's own VmHWM while it runs (ru_maxrss would carry this script's own peak, inherited at
    the fork), or, when larger, from the resident sets of it and its own children together,
    sampled every 2 ms."""
    start = time.monotonic()
    peak = 0
    with open(os.devnull, "wb") as null:
        p = subprocess.Popen([BIN, *args], cwd=cwd, stdout=null, stderr=null,
                             env={**os.environ, "JIXIAO_LANG": "en", **(env or {})})
        deadline = start + timeout
        while True:
            peak = max(peak, high_water(p.pid), tree_resident(p.pid))
            pid, status = os.waitpid(p.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() > deadline:
                p.kill()
                os.waitpid(p.pid, 0)
                return ("timeout", time.monotonic() - start, peak)
            time.sleep(0.002)
    code = os.waitstatus_to_exitcode(status)
    return (code, time.monotonic() - start, peak)


def template(d):
    subprocess.run([BIN, "template", "."], cwd=d, check=True, capture_output=True)


def rewrite(src, dst, part, edit, extra=None):
    """The workbook `src` as `dst`, the part `part` edited; `extra` parts added."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == part:
                data = edit(data)
            zout.writestr(info.filename, data)
        for name, data in (extra or {}).items():
            zout.writestr(name, data)


def cases(d):
    ledger, targets = os.path.join(SAMPLE, "ledger.xlsx"), os.path.join(SAMPLE, "targets.xlsx")
    out = []

    os.mkfifo(os.path.join(d, "pipe.xlsx"))
    out.append(("pipes and devices", "ledger is a named pipe",
                ["evaluate", "pipe.xlsx", targets]))
    out.append(("pipes and devices", "rules file is /dev/zero",
                ["evaluate", ledger, targets, "--rules", "/dev/zero"]))

    t = os.path.join(d, "t")
    os.mkdir(t)
    template(t)
    with open(os.path.join(t, "line.csv"), "w", encoding="utf-8") as f:
        f.write(HEADER + GOOD)
        f.write("2024-05-06,记-0003," + "摘" * (100 << 20) + ",50201,办公费,办公经费,某店,800,\n")
    out.append(("giant cells and lines", "CSV with one 300 MB line",
                ["evaluate", "line.csv", "targets.xlsx"], t))
    with open(os.path.join(t, "commas.csv"), "w") as f:
        f.write(HEADER + "," * (200 << 20) + "\n")
    out.append(("giant cells and lines", "CSV line of 200 M commas",
                ["evaluate", "commas.csv", "targets.xlsx"], t))
    with open(os.path.join(t, "memo.csv"), "w", encoding="utf-8") as f:
        f.write(HEADER + GOOD)
        f.write("2024-05-06,记-0003," + "办公" * 900_000 + ",50201,办公费,办公经费,某店,800,\n")
    out.append(("giant cells and lines", "1.8 M-character 摘要, terminal table",
                ["evaluate", "memo.csv", "targets.xlsx"], t))

    def giant_cell(data):
        cell = b'<row r="9"><c r="C9" t="inlineStr"><is><t>' + b"a" * (200 << 20) + b"</t></is></c></row>"
        return data.replace(b"</sheetData>", cell + b"</sheetData>", 1)
    rewrite(ledger, os.path.join(d, "giant-cell.xlsx"), "xl/worksheets/sheet1.xml", giant_cell)
    out.append(("giant cells and lines", "xlsx with one 200 MB cell",
                ["evaluate", "giant-cell.xlsx", targets]))

    def huge_sst(data):
        return data.replace(b"</sst>", b"<si><t>aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa</t></si>" * 24_000_000 + b"</sst>", 1)
    rewrite(ledger, os.path.join(d, "huge-sst.xlsx"), "xl/sharedStrings.xml", huge_sst)
    out.append(("giant cells and lines", "shared strings inflating to 1.2 GB",
                ["evaluate", "huge-sst.xlsx", targets]))

    gbk = (HEADER + GOOD).encode("gbk") + "2024-05-06,记-0003,办公用品,50201,办公费,困难职工帮扶,某店,800,\n".encode("utf-8")
    with open(os.path.join(t, "mixed.csv"), "wb") as f:
        f.write(gbk)
    out.append(("silent misreadings", "GBK CSV with one UTF-8 line",
                ["evaluate", "mixed.csv", "targets.xlsx"], t))
    with open(os.path.join(t, "comma.csv"), "w", encoding="utf-8") as f:
        f.write(HEADER + GOOD.replace(",2000,", ',"2.000,50",'))
    out.append(("silent misreadings", "amount 2.000,50",
                ["evaluate", "comma.csv", "targets.xlsx"], t))

    out.append(("outputs onto inputs", "-o /dev/full",
                ["evaluate", ledger, targets, "-o", "/dev/full", "--format", "md"]))

    funds = os.path.join(d, "funds")
    for name in ["a-good", "b-pipe", "c-zero", "d-giant-cell", "e-good"]:
        os.makedirs(os.path.join(funds, name))
    for name in ["a-good", "e-good"]:
        for f in ["ledger.xlsx", "targets.xlsx"]:
            shutil.copy(os.path.join(SAMPLE, f), os.path.join(funds, name, f))
    os.mkfifo(os.path.join(funds, "b-pipe", "ledger.xlsx"))
    shutil.copy(targets, os.path.join(funds, "b-pipe", "targets.xlsx"))
    os.symlink("/dev/zero", os.path.join(funds, "c-zero", "ledger.xlsx"))
    shutil.copy(targets, os.path.join(funds, "c-zero", "targets.xlsx"))
    shutil.copy(os.path.join(d, "huge-sst.xlsx"), os.path.join(funds, "d-giant-cell", "ledger.xlsx"))
    shutil.copy(targets, os.path.join(funds, "d-giant-cell", "targets.xlsx"))
    out.append(("one bad fund stops a batch", "batch: pipe, /dev/zero, huge table between good funds",
                ["batch", "funds", "--no-bank"]))

    # A fund that needs more memory than its limit, between two good ones: the 1,000,000-posting
    # ledger under JIXIAO_FUND_MB=128.
    big = os.path.join(d, "big")
    for name in ["a-good", "b-million", "c-good"]:
        os.makedirs(os.path.join(big, name))
        shutil.copy(targets, os.path.join(big, name, "targets.xlsx"))
    for name in ["a-good", "c-good"]:
        shutil.copy(ledger, os.path.join(big, name, "ledger.xlsx"))
    million = os.path.join(d, "million")
    subprocess.run([os.path.join(ROOT, "target", "release", "examples", "generate-fixtures"),
                    "--rows", "1000000", million], check=True, capture_output=True)
    shutil.copy(os.path.join(million, "ledger.xlsx"), os.path.join(big, "b-million", "ledger.xlsx"))
    out.append(("one bad fund stops a batch", "batch: a fund over JIXIAO_FUND_MB=128 between good funds",
                ["batch", "big", "--no-bank"], d, {"JIXIAO_FUND_MB": "128"}))
    return out


def main():
    subprocess.run(["cargo", "build", "--release", "-q", "--bin", "jixiao", "--example",
                    "generate-fixtures"], cwd=ROOT, check=True)
    d = tempfile.mkdtemp(prefix="jixiao-hostile-")
    try:
        print("| class | case | exit | seconds | peak MB |")
        print("|---|---|---|---:|---:|")
        for case in cases(d):
            cls, what, args = case[0], case[1], case[2]
            cwd = case[3] if len(case) > 3 else d
            env = case[4] if len(case) > 4 else None
            code, secs, mb = run(args, cwd, env=env)
            print(f"| {cls} | {what} | {code} | {secs:.2f} | {mb:.0f} |")
            sys.stdout.flush()
    finally:
        shutil.rmtree(d, ignore_errors=True)


if __name__ == "__main__":
    main()
