//! The 评价发现 (what the evaluator found on site, for what no spreadsheet shows) and the 评分
//! (the evaluation team's own score for the indicators no figure can score).

use super::declaration::amount;
use super::{Count, ManualFinding, ManualScore, no_header};
use crate::error::{Error, Expected, Found, HeaderOf, Result};
use crate::read::header::find_header;
use crate::read::workbook::Sheet;

#[derive(Clone, Copy, PartialEq, Eq)]
enum FindingColumn {
    Indicator,
    Points,
    Reason,
    Basis,
}

/// Cells of a sheet, as (row, column).
pub(super) type Cells = Vec<(u32, u32)>;

/// The findings, and the 扣分原因 cells left blank on rows that deduct: a formula saved without
/// its value reads blank, which the caller looks for.
pub(super) fn read_findings(sheet: &Sheet) -> Result<(Vec<ManualFinding>, Cells)> {
    use FindingColumn::*;
    let vocabulary: &[(FindingColumn, &[&str])] = &[
        (Indicator, &["指标", "三级指标", "指标名称"]),
        (Points, &["扣分", "扣分值", "扣减分值"]),
        (Reason, &["扣分原因", "原因", "问题"]),
        (Basis, &["依据", "证据", "佐证"]),
    ];
    let header = find_header(sheet, vocabulary, &[], 3)
        .ok_or_else(|| no_header(sheet, HeaderOf::Findings))?;
    let (Some(ic), Some(pc), Some(rc)) = (
        header.col(Indicator),
        header.col(Points),
        header.col(Reason),
    ) else {
        return Err(no_header(sheet, HeaderOf::Findings));
    };
    let mut out = Vec::new();
    let mut blank_reasons = Vec::new();
    for r in header.data_start..sheet.height() {
        let indicator = sheet.text(r, ic);
        if indicator.is_empty() {
            continue;
        }
        let bad = || {
            Error::cell(
                sheet.at(r, pc),
                Found::Text(sheet.text(r, pc)),
                Expected::Points,
            )
        };
        let points = amount(sheet, r, pc).map_err(|_| bad())?;
        // A negative deduction is a sign error or a bonus; which, cannot be told (issue 19).
        if points.is_sign_negative() && !points.is_zero() {
            return Err(bad());
        }
        let reason = sheet.text(r, rc);
        if reason.trim().is_empty() && !points.is_zero() {
            blank_reasons.push((r, rc));
        }
        out.push(ManualFinding {
            indicator,
            points,
            reason,
            basis: header
                .col(Basis)
                .map(|c| sheet.text(r, c))
                .unwrap_or_default(),
            at: sheet.at(r, rc),
        });
    }
    Ok((out, blank_reasons))
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum ScoreColumn {
    Indicator,
    Score,
    Reason,
}

/// The 评分 sheet: an indicator (by name or code), the team's score, and why. A score must be
/// a number and say why whenever it is not full marks, which only the scoring can tell: the
/// reason's cell is kept with it.
pub(super) fn read_scores(sheet: &Sheet) -> Result<Vec<ManualScore>> {
    use ScoreColumn::*;
    let vocabulary: &[(ScoreColumn, &[&str])] = &[
        (Indicator, &["指标", "三级指标", "指标名称", "指标编码"]),
        (Score, &["得分", "评分", "分数", "评价得分"]),
        (
            Reason,
            &["理由", "评分理由", "扣分原因", "说明", "评分说明"],
        ),
    ];
    let header = find_header(sheet, vocabulary, &["分值", "标准"], 3)
        .ok_or_else(|| no_header(sheet, HeaderOf::Scores))?;
    let (Some(ic), Some(sc), Some(rc)) =
        (header.col(Indicator), header.col(Score), header.col(Reason))
    else {
        return Err(no_header(sheet, HeaderOf::Scores));
    };
    let mut out = Vec::new();
    for r in header.data_start..sheet.height() {
        let indicator = sheet.text(r, ic);
        if indicator.is_empty() {
            continue;
        }
        // A blank is no score: read as 0 it would take the indicator's every point.
        if sheet.text(r, sc).trim().is_empty() {
            return Err(Error::cell(sheet.at(r, sc), Found::Blank, Expected::Score));
        }
        let score = amount(sheet, r, sc).map_err(|_| {
            Error::cell(
                sheet.at(r, sc),
                Found::Text(sheet.text(r, sc)),
                Expected::Score,
            )
        })?;
        out.push(ManualScore {
            indicator,
            score,
            reason: sheet.text(r, rc),
            at: sheet.at(r, sc),
            reason_at: sheet.at(r, rc),
        });
    }
    Ok(out)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum CountColumn {
    Name,
    Value,
    Year,
}

/// The 计数 sheet: counts the evaluators gathered that no ledger holds (items due, items paid
/// on time, people per year), each a measure `count.<名称>` (`count.<名称>.<年度>` with a year).
pub(super) fn read_counts(sheet: &Sheet) -> Result<Vec<Count>> {
    use CountColumn::*;
    let vocabulary: &[(CountColumn, &[&str])] = &[
        (Name, &["名称", "统计项", "项目", "事项"]),
        (Value, &["数值", "数量", "值", "计数"]),
        (Year, &["年度", "年份"]),
    ];
    let header =
        find_header(sheet, vocabulary, &[], 2).ok_or_else(|| no_header(sheet, HeaderOf::Counts))?;
    let (Some(nc), Some(vc)) = (header.col(Name), header.col(Value)) else {
        return Err(no_header(sheet, HeaderOf::Counts));
    };
    let mut out: Vec<Count> = Vec::new();
    for r in header.data_start..sheet.height() {
        let name = sheet.text(r, nc);
        if name.trim().is_empty() {
            continue;
        }
        if sheet.text(r, vc).trim().is_empty() {
            return Err(Error::cell(sheet.at(r, vc), Found::Blank, Expected::Count));
        }
        let value = amount(sheet, r, vc).map_err(|_| {
            Error::cell(
                sheet.at(r, vc),
                Found::Text(sheet.text(r, vc)),
                Expected::Count,
            )
        })?;
        let year = match header.col(Year) {
            Some(yc) => year_cell(sheet, r, yc)?,
            None => None,
        };
        let count = Count {
            name,
            year,
            value,
            at: sheet.at(r, vc),
        };
        // The same count twice is two figures for one name: which is meant cannot be told.
        if let Some(first) = out.iter().find(|c| c.key() == count.key()) {
            return Err(Error::cell(
                count.at.clone(),
                Found::Text(count.key()),
                Expected::OneCount(first.at.to_string()),
            ));
        }
        out.push(count);
    }
    Ok(out)
}

/// A year as a cell gives it (`2021`, `2021年`, `2021年度`), or `None` for a blank.
pub(super) fn year_cell(sheet: &Sheet, r: u32, c: u32) -> Result<Option<u16>> {
    let text = sheet.text(r, c);
    let t = text.trim();
    let digits = t
        .strip_suffix("年度")
        .or_else(|| t.strip_suffix('年'))
        .unwrap_or(t)
        .trim();
    match (t.is_empty(), digits.parse::<u16>()) {
        (true, _) => Ok(None),
        (false, Ok(y)) if (1900..2100).contains(&y) && digits.len() == 4 => Ok(Some(y)),
        _ => Err(Error::cell(
            sheet.at(r, c),
            Found::Text(text),
            Expected::Year,
        )),
    }
}
