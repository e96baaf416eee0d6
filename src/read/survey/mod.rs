//! The 问卷: one row per respondent, one column per question, as 问卷星 (wjx.cn) and 腾讯问卷
//! download it, or as an evaluator pasted it into the targets workbook's 问卷 sheet.
//!
//! The downloads put the answer sheet's own columns first (`序号, 提交答卷时间, 所用时间, 来源,
//! 来源详情, 来自IP`; 腾讯问卷's `编号, 开始答题时间, 结束答题时间, 答题时长, 地理位置…`) and then one
//! column per question, numbered (`1、您的身份是：`, `Q2.您对……是否满意`). A multiple-choice
//! question downloaded by option number, and a matrix question either way, is split into a
//! column per option or per row, all under the question's number (`4(生活救助)`,
//! `5、(技能培训)`): the columns are grouped back into their question here, so that a
//! respondent stays one row and a question one question, however many columns it takes.
//!
//! Which question asks what is the measures' business (`measure::survey`, with the rules'
//! words); this module only says what the sheet holds, including what is wrong with it that no
//! rule can fix: an answer sheet whose 序号 repeats another's.

use std::path::Path;
use std::sync::Arc;

use super::header::SCAN_ROWS;
use super::workbook::{Sheet, Workbook};
use crate::error::{Error, HeaderOf, Result, WantedSheet};
use crate::label::normalize;
use crate::location::CellRef;

mod label;

use label::{group_columns, is_meta, is_respondent_id, numbered};

/// The survey's answers: one response per answer sheet.
#[derive(Debug)]
pub struct Survey {
    pub file: Arc<str>,
    pub sheet: Arc<str>,
    pub header_row: u32,
    pub questions: Vec<Question>,
    /// Every column that holds answers, in the sheet's order.
    pub columns: Vec<AnswerColumn>,
    /// (row, the answers in the order of `columns`).
    pub responses: Vec<(u32, Vec<String>)>,
    /// Rows whose 序号 repeats an earlier row's.
    pub duplicates: Vec<Duplicate>,
}

/// A question, over one column or several.
#[derive(Debug, Clone)]
pub struct Question {
    /// Its number in the questionnaire (`3` of `3、…`, `Q3`), when the header gives one.
    pub number: Option<u32>,
    /// The question as the header words it, without its number; empty where the download
    /// writes only the number over split columns (`5、(技能培训)`).
    pub text: String,
    pub kind: QuestionKind,
    /// Its columns, as indexes into [`Survey::columns`].
    pub columns: Vec<usize>,
}

impl Question {
    /// How the user names it: `第3题` / `question 3`, or its text where it has no number.
    pub fn say(&self, lang: crate::lang::Lang) -> String {
        match self.number {
            Some(n) => lang.pick(format!("第{n}题"), format!("question {n}")),
            None => format!("“{}”", self.text),
        }
    }
}

/// How a question is answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuestionKind {
    /// One answer in one column (单选题, 填空题).
    Single,
    /// Any of its options: one column per option holding `1` / `0`, or one column of options
    /// joined by `┋` (多选题).
    Multiple,
    /// One answer per row of the matrix, a column per row (矩阵题).
    Matrix,
}

#[derive(Debug, Clone)]
pub struct AnswerColumn {
    pub col: u32,
    /// The question it belongs to, as an index into [`Survey::questions`].
    pub question: usize,
    /// The option (多选题) or the row (矩阵题) the column is for.
    pub sub: Option<String>,
}

/// An answer sheet whose 序号 an earlier row already has.
#[derive(Debug, Clone)]
pub struct Duplicate {
    pub id: String,
    /// The row that has it first.
    pub first_row: u32,
    pub row: u32,
    pub id_col: u32,
    /// Every answer the same as the first's: the sheet pasted twice, so counted once.
    pub identical: bool,
}

impl Survey {
    pub fn at(&self, row: u32, col: u32) -> CellRef {
        CellRef::new(&self.file, &self.sheet, row, col)
    }

    /// The header's label of an answer column, for messages.
    pub fn column_of(&self, column: usize) -> Option<&AnswerColumn> {
        self.columns.get(column)
    }
}

/// Reads the survey from the first sheet of a 问卷星 or 腾讯问卷 download (`--survey`).
pub fn read(path: &Path) -> Result<Survey> {
    let mut wb = Workbook::open(path)?;
    let names = wb.sheet_names();
    let mut scanned = 0;
    for name in &names {
        let sheet = wb.sheet(name)?;
        if let Some(row) = header_row(&sheet) {
            return Ok(read_from(&sheet, row));
        }
        scanned = scanned.max(SCAN_ROWS.min(sheet.height()));
    }
    match names.first() {
        Some(first) => Err(Error::NoHeader {
            file: wb.name().to_string(),
            sheet: first.clone(),
            scanned,
            expected: HeaderOf::Survey,
            candidates: Vec::new(),
        }),
        None => Err(Error::MissingSheet {
            file: wb.name().to_string(),
            what: WantedSheet::Survey,
            wanted: Vec::new(),
            found: Vec::new(),
        }),
    }
}

/// Reads the targets workbook's 问卷 sheet: a download pasted in, or a table typed by hand
/// whose first row names the questions.
pub fn read_sheet(sheet: &Sheet) -> Survey {
    // Without a download's header, the first row of two labels or more: a title above the
    // table is one cell.
    let row = header_row(sheet).unwrap_or_else(|| {
        let labels = |r: u32| {
            (0..sheet.width())
                .filter(|c| !sheet.text(r, *c).trim().is_empty())
                .count()
        };
        (0..sheet.height())
            .find(|r| labels(*r) >= 2)
            .or_else(|| (0..sheet.height()).find(|r| !sheet.is_blank_row(*r)))
            .unwrap_or(0)
    });
    read_from(sheet, row)
}

/// The row of a download's header: the one among the first rows with the most of the answer
/// sheet's own columns and numbered questions, if it has at least one numbered question and
/// two such labels in all.
fn header_row(sheet: &Sheet) -> Option<u32> {
    let mut best: Option<(usize, u32)> = None;
    for r in 0..SCAN_ROWS.min(sheet.height()) {
        let labels: Vec<String> = (0..sheet.width())
            .map(|c| normalize(&sheet.text(r, c)))
            .collect();
        let questions = labels.iter().filter(|l| numbered(l).is_some()).count();
        let meta = labels.iter().filter(|l| is_meta(l)).count();
        let score = questions + meta;
        if questions >= 1 && score >= 2 && best.is_none_or(|(s, _)| score > s) {
            best = Some((score, r));
        }
    }
    best.map(|(_, r)| r)
}

fn read_from(sheet: &Sheet, header_row: u32) -> Survey {
    let labels: Vec<(u32, String)> = (0..sheet.width())
        .map(|c| (c, sheet.text(header_row, c)))
        .filter(|(_, l)| !l.trim().is_empty())
        .collect();
    let id_col = labels
        .iter()
        .find(|(_, l)| is_respondent_id(&normalize(l)))
        .map(|(c, _)| *c);
    let answer_labels: Vec<(u32, String)> = labels
        .iter()
        .filter(|(_, l)| !is_meta(&normalize(l)))
        .cloned()
        .collect();
    let mut rows: Vec<(u32, Vec<String>)> = Vec::new();
    for r in header_row + 1..sheet.height() {
        if sheet.is_blank_row(r) {
            continue;
        }
        let answers: Vec<String> = answer_labels
            .iter()
            .map(|(c, _)| sheet.text(r, *c).trim().to_string())
            .collect();
        rows.push((r, answers));
    }
    let (questions, columns) = group_columns(&answer_labels, &rows);
    let (responses, duplicates) = match id_col {
        Some(c) => drop_repeated(sheet, c, rows),
        None => (rows, Vec::new()),
    };
    Survey {
        file: Arc::clone(&sheet.file),
        sheet: Arc::clone(&sheet.name),
        header_row,
        questions,
        columns,
        responses,
        duplicates,
    }
}

/// The rows with their 序号 seen once; a repeat with the same answers (the sheet pasted twice)
/// is counted once, a repeat with other answers stays, and both kinds are listed.
fn drop_repeated(
    sheet: &Sheet,
    id_col: u32,
    rows: Vec<(u32, Vec<String>)>,
) -> (Vec<(u32, Vec<String>)>, Vec<Duplicate>) {
    let mut seen: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    let mut kept: Vec<(u32, Vec<String>)> = Vec::with_capacity(rows.len());
    let mut duplicates = Vec::new();
    for (r, answers) in rows {
        let id = sheet.text(r, id_col).trim().to_string();
        if id.is_empty() {
            kept.push((r, answers));
            continue;
        }
        match seen.get(&id).and_then(|&k| kept.get(k)) {
            Some((first_row, first_answers)) => {
                let identical = *first_answers == answers;
                duplicates.push(Duplicate {
                    id,
                    first_row: *first_row,
                    row: r,
                    id_col,
                    identical,
                });
                if !identical {
                    kept.push((r, answers));
                }
            }
            None => {
                seen.insert(id, kept.len());
                kept.push((r, answers));
            }
        }
    }
    (kept, duplicates)
}

#[cfg(test)]
mod tests;
