//! `jixiao batch --merge`: the summary of a batch run as shards (`--shard K/N`) on many
//! machines, from their JSON Lines, row for row what one machine would have written.
//!
//! Each shard ends its lines with a closing line naming its share and every fund of the batch
//! (`jixiao.batch.shard/1`). So the merge knows a shard cut short (no closing line: a job
//! killed), shards of different batches, a fund twice, a fund in the wrong shard, and which funds
//! have no row — the total it is told — and refuses each, naming the file and line, rather than
//! writing a summary that silently lacks a fund. The rows come out in the batch's own order.
//!
//! A line's figures are read back exactly: scores and money are written to the fen, and the two
//! rates, written to four places, are taken again from the money (as the reconciliation takes
//! them) and must agree with what the line says.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::shard::Shard;
use super::summary::{EVALUATED, FAILED, SCHEMA};
use super::{Bank, Dimension, Error, Outcome, ReviewSummary, Row, Scored};
use crate::money;
use crate::reconcile::YearTotal;

/// The `schema` of a shard's closing line.
pub const SHARD_SCHEMA: &str = "jixiao.batch.shard/1";

/// The last line of a shard's output: which share it is, and every fund of the batch, in the
/// batch's order.
#[derive(Debug, Serialize, Deserialize)]
pub struct Closing {
    pub schema: String,
    pub shard: String,
    pub funds: Vec<String>,
}

impl Closing {
    pub fn new(shard: Shard, funds: Vec<String>) -> Closing {
        Closing {
            schema: SHARD_SCHEMA.to_string(),
            shard: shard.to_string(),
            funds,
        }
    }
}

/// A fund's line as `--format jsonl` writes it.
#[derive(Deserialize)]
struct Line {
    fund: String,
    folder: String,
    status: String,
    rules: Option<String>,
    total: Option<Decimal>,
    points: Option<Decimal>,
    grade: Option<String>,
    #[serde(default)]
    dimensions: Vec<LineDimension>,
    planned: Option<Decimal>,
    arrived: Option<Decimal>,
    spent: Option<Decimal>,
    funds_arrival_rate: Option<String>,
    execution_rate: Option<String>,
    findings: Option<usize>,
    bank: Option<String>,
    error: Option<String>,
    #[serde(default)]
    years: Vec<LineYear>,
    /// A filled 自评表's own total and its discrepancies (自评复核).
    claimed: Option<Decimal>,
    discrepancies: Option<usize>,
}

#[derive(Deserialize)]
struct LineDimension {
    name: String,
    points: Decimal,
    score: Decimal,
}

#[derive(Deserialize)]
struct LineYear {
    year: u16,
    planned: Decimal,
    arrived: Decimal,
    spent: Decimal,
    funds_arrival_rate: Option<String>,
    execution_rate: Option<String>,
}

/// Where a line is: `a.jsonl:3`.
fn at(file: &Path, line: usize) -> String {
    format!("{}:{line}", file.display())
}

/// How much of a shard's output is read, in MB: thousands of funds take a few megabytes.
const CAP_MB: u64 = 1024;

/// The rows of the shards in `files`, in the batch's order, or why they do not make one batch.
pub fn merge(files: &[PathBuf]) -> Result<Vec<Row>, Error> {
    let mut rows: BTreeMap<String, (Row, String)> = BTreeMap::new();
    // The batch's funds, from the first closing line, and where it was.
    let mut batch: Option<(Vec<String>, String)> = None;
    let mut shards: BTreeMap<u32, String> = BTreeMap::new();
    let mut n_of_batch: Option<u32> = None;
    for file in files {
        let cap = crate::file::cap_from_env("JIXIAO_MAX_MERGE_MB", CAP_MB);
        let text = crate::file::read_text(file, cap)
            .map_err(|e| crate::error::Error::reading(file, e, "JIXIAO_MAX_MERGE_MB"))?;
        // The rows since the last closing line: the closing line says whose they are.
        let mut pending: Vec<(Row, String)> = Vec::new();
        for (i, text) in text.lines().enumerate() {
            let here = at(file, i + 1);
            if text.trim().is_empty() {
                continue;
            }
            let bad = |why: String| Error::Merge {
                at: here.clone(),
                why,
            };
            let value: serde_json::Value =
                serde_json::from_str(text).map_err(|e| bad(e.to_string()))?;
            match value.get("schema").and_then(|s| s.as_str()) {
                Some(SCHEMA) => {
                    let line: Line =
                        serde_json::from_value(value).map_err(|e| bad(e.to_string()))?;
                    pending.push((row(line).map_err(bad)?, here));
                }
                Some(SHARD_SCHEMA) => {
                    let closing: Closing =
                        serde_json::from_value(value).map_err(|e| bad(e.to_string()))?;
                    let shard = Shard::parse(&closing.shard)?;
                    match &batch {
                        None => batch = Some((closing.funds.clone(), here.clone())),
                        Some((funds, first)) if *funds != closing.funds => {
                            return Err(Error::MergeBatches {
                                first: first.clone(),
                                second: here,
                            });
                        }
                        Some(_) => {}
                    }
                    if n_of_batch.is_some_and(|n| n != shard.n) {
                        return Err(Error::MergeBatches {
                            first: shards.values().next().cloned().unwrap_or_default(),
                            second: here,
                        });
                    }
                    n_of_batch = Some(shard.n);
                    if let Some(first) = shards.insert(shard.k, here.clone()) {
                        return Err(Error::MergeShardTwice {
                            shard: shard.to_string(),
                            first,
                            second: here,
                        });
                    }
                    for (row, row_at) in pending.drain(..) {
                        if !shard.contains(&row.folder) || !closing.funds.contains(&row.folder) {
                            return Err(Error::MergeForeign {
                                at: row_at,
                                folder: row.folder,
                                shard: shard.to_string(),
                            });
                        }
                        if let Some((_, first)) = rows.get(&row.folder) {
                            return Err(Error::MergeFundTwice {
                                folder: row.folder,
                                first: first.clone(),
                                second: row_at,
                            });
                        }
                        rows.insert(row.folder.clone(), (row, row_at));
                    }
                }
                _ => return Err(bad("not a line of `jixiao batch --shard`".into())),
            }
        }
        if !pending.is_empty() {
            return Err(Error::MergeIncomplete(file.clone()));
        }
    }
    let Some((funds, _)) = batch else {
        return Err(Error::MergeNothing);
    };
    let n = n_of_batch.unwrap_or(1);
    let missing: Vec<String> = funds
        .iter()
        .filter(|f| !rows.contains_key(*f))
        .cloned()
        .collect();
    if !missing.is_empty() {
        let absent: BTreeSet<u32> = missing
            .iter()
            .map(|f| Shard::of(f, n))
            .filter(|k| !shards.contains_key(k))
            .collect();
        return Err(Error::MergeMissing {
            missing,
            funds: funds.len(),
            shards: absent
                .into_iter()
                .map(|k| Shard { k, n }.to_string())
                .collect(),
        });
    }
    Ok(funds
        .iter()
        .filter_map(|f| rows.remove(f).map(|(row, _)| row))
        .collect())
}

/// A rate as the line writes it, taken again from the money, or why they disagree.
fn rate(
    numerator: Decimal,
    denominator: Decimal,
    said: Option<&str>,
    what: &str,
) -> Result<Option<Decimal>, String> {
    let exact = money::ratio(numerator, denominator);
    if exact.map(money::fmt_rate).as_deref() != said {
        return Err(format!(
            "its {what} {} does not follow from its money; was the line edited?",
            said.unwrap_or("null")
        ));
    }
    Ok(exact)
}

fn row(line: Line) -> Result<Row, String> {
    let outcome = match line.status.as_str() {
        EVALUATED => {
            let missing = |what: &str| format!("an evaluated fund's line without its {what}");
            let planned = line.planned.ok_or_else(|| missing("planned"))?;
            let arrived = line.arrived.ok_or_else(|| missing("arrived"))?;
            let spent = line.spent.ok_or_else(|| missing("spent"))?;
            let years = line
                .years
                .into_iter()
                .map(|y| {
                    rate(
                        y.arrived,
                        y.planned,
                        y.funds_arrival_rate.as_deref(),
                        "funds_arrival_rate",
                    )?;
                    Ok(YearTotal {
                        year: y.year,
                        planned: y.planned,
                        arrived: y.arrived,
                        spent: y.spent,
                        balance: y.planned - y.spent,
                        execution_rate: rate(
                            y.spent,
                            y.planned,
                            y.execution_rate.as_deref(),
                            "execution_rate",
                        )?,
                    })
                })
                .collect::<Result<Vec<_>, String>>()?;
            Outcome::Evaluated(Box::new(Scored {
                rules: line.rules.ok_or_else(|| missing("rules"))?,
                total: line.total.ok_or_else(|| missing("total"))?,
                points: line.points.ok_or_else(|| missing("points"))?,
                grade: line.grade.ok_or_else(|| missing("grade"))?,
                dimensions: line
                    .dimensions
                    .into_iter()
                    .map(|d| Dimension {
                        name: d.name,
                        points: d.points,
                        score: d.score,
                    })
                    .collect(),
                planned,
                arrived,
                spent,
                funds_arrival_rate: rate(
                    arrived,
                    planned,
                    line.funds_arrival_rate.as_deref(),
                    "funds_arrival_rate",
                )?,
                execution_rate: rate(
                    spent,
                    planned,
                    line.execution_rate.as_deref(),
                    "execution_rate",
                )?,
                findings: line.findings.ok_or_else(|| missing("findings"))?,
                // Whether the bank statement was found beside the ledger, and whether the
                // fund's own rules were used, are notes of the shard that evaluated it.
                bank: line.bank.map(|file| Bank { file, found: false }),
                own_rules: false,
                years,
                review: match (line.claimed, line.discrepancies) {
                    (Some(claimed), Some(discrepancies)) => Some(ReviewSummary {
                        claimed,
                        discrepancies,
                    }),
                    (None, None) => None,
                    _ => return Err("a 自评复核 with only one of claimed and discrepancies".into()),
                },
            }))
        }
        FAILED => Outcome::Failed(line.error.unwrap_or_default()),
        other => return Err(format!("a fund whose status is “{other}”")),
    };
    Ok(Row {
        folder: line.folder,
        name: line.fund,
        outcome,
        inputs: Vec::new(),
    })
}
