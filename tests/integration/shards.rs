//! `jixiao batch --shard K/N` and `--merge`: one batch run as N jobs, merged back into the
//! summary one machine would have written, row for row, in every format.

use std::path::Path;
use std::process::Output;

use assert_cmd::Command;
use calamine::{Data, Reader, Xlsx, open_workbook};

use crate::{fixture, stderr};

/// Eight funds: the sample with its bank statement, a ledger that is no spreadsheet, a fund
/// without targets, a fund named by its fund.toml, a fund over several years with its own
/// rules.toml, and three more
/// copies of the sample.
fn funds(root: &Path) {
    let put = |fund: &str, from: &str, to: &str| {
        let dir = root.join("funds").join(fund);
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::copy(fixture(from), dir.join(to)).unwrap();
    };
    for fund in ["a-good", "f-good", "g-good", "h-good"] {
        put(fund, "changde-2019/ledger.xlsx", "ledger.xlsx");
        put(fund, "changde-2019/targets.xlsx", "targets.xlsx");
    }
    put("a-good", "changde-2019/bank.xlsx", "bank.xlsx");
    put("b-bad", "changde-2019/targets.xlsx", "targets.xlsx");
    std::fs::write(root.join("funds/b-bad/ledger.xlsx"), "日期,摘要\n").unwrap();
    put("c-missing", "changde-2019/ledger.xlsx", "ledger.xlsx");
    put("d-manifest", "changde-2019/ledger.xlsx", "export.xlsx");
    put("d-manifest", "changde-2019/targets.xlsx", "评价资料.xlsx");
    std::fs::write(
        root.join("funds/d-manifest/fund.toml"),
        "name = \"常德帮扶资金\"\nledger = [\"export.xlsx\"]\ntargets = \"评价资料.xlsx\"\n",
    )
    .unwrap();
    put("e-years", "multi-year/ledger.xlsx", "ledger.xlsx");
    put("e-years", "multi-year/targets.xlsx", "targets.xlsx");
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/examples/multi-year.toml"),
        root.join("funds/e-years/rules.toml"),
    )
    .unwrap();
}

fn jixiao(root: &Path, args: &[&str]) -> Output {
    Command::cargo_bin("jixiao")
        .unwrap()
        .current_dir(root)
        .env("JIXIAO_LANG", "en")
        .args(args)
        .output()
        .unwrap()
}

/// Every cell of the summary workbook's one sheet.
fn cells(path: &Path) -> Vec<Vec<Data>> {
    let mut wb: Xlsx<_> = open_workbook(path).unwrap();
    let name = wb.sheet_names()[0].clone();
    wb.worksheet_range(&name)
        .unwrap()
        .rows()
        .map(<[Data]>::to_vec)
        .collect()
}

#[test]
fn shards_merge_into_the_one_machine_summary() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    funds(root);
    let n = 3;
    let mut shards = Vec::new();
    let mut rows = 0;
    for k in 1..=n {
        let file = format!("shard-{k}.jsonl");
        let out = jixiao(
            root,
            &[
                "batch",
                "funds",
                "--shard",
                &format!("{k}/{n}"),
                "-o",
                &file,
            ],
        );
        assert!(matches!(out.status.code(), Some(0 | 2)), "{}", stderr(&out));
        let text = std::fs::read_to_string(root.join(&file)).unwrap();
        let last = text.lines().last().unwrap();
        assert!(
            last.starts_with(r#"{"schema":"jixiao.batch.shard/1","shard":""#)
                && last.ends_with(r#"","funds":["a-good","b-bad","c-missing","d-manifest","e-years","f-good","g-good","h-good"]}"#),
            "{last}"
        );
        rows += text.lines().count() - 1;
        shards.push(file);
    }
    assert_eq!(rows, 8, "every fund in one shard");
    assert!(shards.iter().all(|s| {
        std::fs::read_to_string(root.join(s))
            .unwrap()
            .lines()
            .count()
            > 1
    }));

    for (format, by_year) in [
        ("txt", false),
        ("csv", true),
        ("jsonl", false),
        ("xlsx", true),
    ] {
        let one = format!("one.{format}");
        let merged = format!("merged.{format}");
        let years: &[&str] = if by_year { &["--by-year"] } else { &[] };
        let out = jixiao(root, &[&["batch", "funds", "-o", &one], years].concat());
        assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
        let said = stderr(&out);
        let mut args = vec!["batch", "--merge"];
        args.extend(shards.iter().map(String::as_str));
        args.extend(["-o", merged.as_str()]);
        args.extend(years);
        let out = jixiao(root, &args);
        assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
        // The same funds failed, said the same way.
        assert_eq!(stderr(&out).lines().last(), said.lines().last(), "{format}");
        if format == "xlsx" {
            let (a, b) = (cells(&root.join(&one)), cells(&root.join(&merged)));
            assert_eq!(a.len(), 13, "a header, eight funds and e-years' four years");
            assert_eq!(a, b);
        } else {
            let (a, b) = (
                std::fs::read_to_string(root.join(&one)).unwrap(),
                std::fs::read_to_string(root.join(&merged)).unwrap(),
            );
            assert!(a.contains("常德帮扶资金") && a.contains("e-years"), "{a}");
            assert_eq!(a, b, "{format}");
        }
    }
}

#[test]
fn a_merge_refuses_what_is_not_one_whole_batch() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    funds(root);
    for k in 1..=2 {
        let out = jixiao(
            root,
            &[
                "batch",
                "funds",
                "--shard",
                &format!("{k}/2"),
                "-o",
                &format!("s{k}.jsonl"),
            ],
        );
        assert!(matches!(out.status.code(), Some(0 | 2)), "{}", stderr(&out));
    }
    let merge = |files: &[&str]| {
        let out = jixiao(root, &[&["batch", "--merge"], files].concat());
        assert_eq!(out.status.code(), Some(2), "{files:?}");
        assert!(out.stdout.is_empty(), "{files:?}");
        stderr(&out)
    };
    // A shard not given: its funds are named.
    let said = merge(&["s1.jsonl"]);
    assert!(
        said.starts_with("error: ")
            && said.contains(" of the batch's 8 funds have no row: ")
            && said.contains("; the shards not given: 2/2"),
        "{said}"
    );
    // A shard given twice.
    assert!(merge(&["s1.jsonl", "s2.jsonl", "s2.jsonl"]).contains("the shard 2/2 is given twice"));
    // A shard cut short: its rows, without the closing line.
    let text = std::fs::read_to_string(root.join("s2.jsonl")).unwrap();
    let cut: Vec<&str> = text.lines().collect();
    std::fs::write(
        root.join("cut.jsonl"),
        cut[..cut.len() - 1].join("\n") + "\n",
    )
    .unwrap();
    assert!(
        merge(&["s1.jsonl", "cut.jsonl"])
            .contains("cut.jsonl: its last rows have no shard's closing line")
    );
    // A row in a shard it is not in (a line moved by hand).
    let first = std::fs::read_to_string(root.join("s1.jsonl")).unwrap();
    let moved = format!("{}\n{}", first.lines().next().unwrap(), text);
    std::fs::write(root.join("moved.jsonl"), moved).unwrap();
    assert!(merge(&["moved.jsonl"]).contains("moved.jsonl:1: the fund "));
    // An edited rate.
    let edited = first.replacen(
        "\"funds_arrival_rate\":\"0.4411\"",
        "\"funds_arrival_rate\":\"0.9999\"",
        1,
    );
    assert_ne!(edited, first);
    std::fs::write(root.join("edited.jsonl"), edited).unwrap();
    assert!(
        merge(&["edited.jsonl", "s2.jsonl"])
            .contains("its funds_arrival_rate 0.9999 does not follow from its money")
    );
    // A shard of another batch.
    std::fs::remove_dir_all(root.join("funds/h-good")).unwrap();
    let out = jixiao(
        root,
        &["batch", "funds", "--shard", "2/2", "-o", "other.jsonl"],
    );
    assert!(matches!(out.status.code(), Some(0 | 2)));
    assert!(merge(&["s1.jsonl", "other.jsonl"]).contains("are shards of different batches"));
    // A shard writes JSON Lines only.
    let out = jixiao(
        root,
        &["batch", "funds", "--shard", "1/2", "--format", "csv"],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--shard writes JSON Lines"));
    let out = jixiao(root, &["batch", "funds", "--shard", "3/2"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("--shard 3/2: expected K/N with 1 ≤ K ≤ N"),
        "{}",
        stderr(&out)
    );
}
