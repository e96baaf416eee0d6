"""The peer jixiao is measured against: the pandas script an analyst would otherwise write.

It reads the ledger with pandas.read_excel(engine="calamine") (python-calamine, the same Rust
reader jixiao is built on), drops the summary rows the export interleaves (期初余额, 上年结转,
本月合计, 本年累计), reads the budget lines of the targets workbook, assigns each posting to the
first budget line whose 匹配条件 all hold, and adds up per line what arrived (credit less debit on
4xx accounts: 404 政府补助收入) and what was spent (debit less credit on 5xx accounts).

That is the reading and the reconciliation: the part of jixiao's work a pandas script would do.
jixiao's audit checks, scoring and report are not.

    python bench/peer_pandas.py LEDGER TARGETS [--json]

It prints per line: planned, arrived, spent, execution rate (spent / planned), then the totals.
With --json it prints the figures instead, money in integer fen, for run.py to set beside
`jixiao evaluate --format json`.
"""

import argparse
import json
import sys

import numpy as np
import pandas as pd

# Rows the accounting software interleaves with the postings; they repeat sums, not money moved.
SUMMARY_ROWS = ["期初余额", "上年结转", "本月合计", "本年累计"]

ARRIVAL_ACCOUNTS = "4"  # 404 政府补助收入: the fund's money arriving
SPENDING_ACCOUNTS = "5"  # 5xx 事业支出 …: the fund's money spent

# 匹配条件 field → ledger column. 科目 matches the code's prefix or a part of the name.
FIELDS = {
    "项目": "项目",
    "摘要": "摘要",
    "科目": "科目",
    "科目名称": "科目",
    "科目编码": "科目",
    "往来单位": "往来单位",
    "收款人": "往来单位",
}

YUAN_PER_WAN = 10_000  # the budget sheet is in 万元


def to_fen(yuan: pd.Series) -> pd.Series:
    """Yuan (float, NaN for a blank cell) to integer fen, half away from zero as 四舍五入 does."""
    x = yuan.fillna(0.0).to_numpy(dtype="float64") * 100
    return pd.Series((np.sign(x) * np.floor(np.abs(x) + 0.5)).astype("int64"), index=yuan.index)


def read_ledger(path: str) -> pd.DataFrame:
    df = pd.read_excel(path, sheet_name="明细账", header=3, engine="calamine")
    df = df[~df["摘要"].isin(SUMMARY_ROWS)]
    text = {c: df[c].fillna("").astype(str) for c in ("摘要", "科目编码", "科目名称", "项目", "往来单位")}
    return df.assign(**text, 借方=to_fen(df["借方"]), 贷方=to_fen(df["贷方"]))


def read_budget(path: str) -> tuple[pd.DataFrame, int]:
    """The budget lines, and the total budget in fen."""
    budget = pd.read_excel(path, sheet_name="预算明细", header=2, engine="calamine")
    planned = next(c for c in budget.columns if str(c).startswith("预算数"))
    # Line rows have a 所属部分 and a 匹配条件; group rows (一、二 …) have neither.
    lines = budget[budget["所属部分"].notna() & budget["匹配条件"].notna()]
    groups = budget[budget["所属部分"].isna() & budget[planned].notna()]
    groups = groups[~groups["预算子项"].astype(str).str.contains("合计|总计")]
    lines = pd.DataFrame(
        {
            "name": lines["预算子项"].astype(str).str.strip(),
            "group": lines["所属部分"].astype(str).str.strip(),
            "planned": to_fen(lines[planned].astype("float64") * YUAN_PER_WAN),
            "conditions": lines["匹配条件"].astype(str),
        }
    ).reset_index(drop=True)
    # A part's budget is its group row's, which need not be the sum of its lines.
    total = to_fen(groups[planned].astype("float64") * YUAN_PER_WAN).sum() if len(groups) else lines["planned"].sum()
    return lines, int(total)


def condition_mask(df: pd.DataFrame, condition: str) -> pd.Series:
    """`字段:文字`: the field contains the text (or one of several separated by |)."""
    field, _, texts = condition.replace("：", ":").partition(":")
    column = FIELDS[field.strip()]
    mask = pd.Series(False, index=df.index)
    for text in (t.strip() for t in texts.split("|") if t.strip()):
        if column == "科目":
            mask |= df["科目编码"].str.startswith(text) | df["科目名称"].str.contains(text, regex=False)
        else:
            mask |= df[column].str.contains(text, regex=False)
    return mask


def reconcile(df: pd.DataFrame, lines: pd.DataFrame, planned_total: int) -> dict:
    code = df["科目编码"].str.strip()
    arrival = code.str.startswith(ARRIVAL_ACCOUNTS)
    spending = code.str.startswith(SPENDING_ACCOUNTS)
    postings = df[arrival | spending]

    # Each posting goes to the first line, in the sheet's order, whose conditions all hold.
    line = pd.Series(-1, index=postings.index)
    for n, conditions in enumerate(lines["conditions"]):
        mask = line == -1
        for condition in conditions.replace(";", "；").split("；"):
            if condition.strip():
                mask &= condition_mask(postings, condition)
        line[mask] = n

    amount = np.where(
        spending[postings.index],
        postings["借方"] - postings["贷方"],
        postings["贷方"] - postings["借方"],
    )
    assigned = pd.DataFrame(
        {"line": line, "spending": spending[postings.index], "amount": amount}
    )[line >= 0]
    sums = assigned.groupby(["line", "spending"])["amount"].sum().unstack(fill_value=0)
    sums = sums.reindex(index=range(len(lines)), columns=[False, True], fill_value=0)

    out = lines[["name", "group", "planned"]].copy()
    out["arrived"] = sums[False].to_numpy()
    out["spent"] = sums[True].to_numpy()
    out["postings"] = assigned["line"].value_counts().reindex(range(len(lines)), fill_value=0).to_numpy()
    return {
        "lines": [
            {k: (v if isinstance(v, str) else int(v)) for k, v in row.items()}
            for row in out.to_dict("records")
        ],
        "totals": {"planned": planned_total, **{k: int(out[k].sum()) for k in ("arrived", "spent")}},
        "unassigned": int((line < 0).sum()),
    }


def yuan(fen: int) -> str:
    sign = "-" if fen < 0 else ""
    return f"{sign}{abs(fen) // 100:,}.{abs(fen) % 100:02d}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("ledger")
    ap.add_argument("targets")
    ap.add_argument("--json", action="store_true", help="print the figures in integer fen")
    args = ap.parse_args()

    result = reconcile(read_ledger(args.ledger), *read_budget(args.targets))
    if args.json:
        json.dump(result, sys.stdout, ensure_ascii=False)
        print()
        return
    table = pd.DataFrame(result["lines"])
    table["rate"] = (table["spent"] / table["planned"]).map("{:.2%}".format)
    for col in ("planned", "arrived", "spent"):
        table[col] = table[col].map(yuan)
    print(table[["name", "group", "planned", "arrived", "spent", "rate"]].to_string(index=False))
    t = result["totals"]
    print(f"\ntotal planned {yuan(t['planned'])}  arrived {yuan(t['arrived'])}  "
          f"spent {yuan(t['spent'])}  arrival rate {t['arrived'] / t['planned']:.2%}  "
          f"unassigned postings {result['unassigned']}")


if __name__ == "__main__":
    main()
