//! The survey's measures: how many answered, the share satisfied and its weighted index (for
//! each satisfaction question and pooled), the share whose life improved, in all and per group
//! of respondents.
//!
//! Which question asks what is found here, by the rules' words or numbers, and every answer a
//! measure reads is one of the question's options, a question skipped by the questionnaire's
//! logic, or a problem said with its cell ([`SurveyReading`]): an answer outside the options, or
//! a required answer left blank, is never counted as if it were an answer.

use rust_decimal::Decimal;

use super::{Item, Measure, Measures, Unit};
use crate::label::normalize;
use crate::lang::Lang;
use crate::location::CellRef;
use crate::money;
use crate::read::survey::{QuestionKind, Survey};
use crate::rules::SurveyRules;

/// One answer column a measure reads: a question's only column, or one row of a matrix.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Asked {
    question: usize,
    /// Index into the survey's columns.
    column: usize,
}

/// What one cell holds, read against the question's options.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Answer {
    /// One of the options, as its label (a coded answer decoded).
    Option(String),
    /// Not asked of this respondent: 问卷星's `-2` / `-3` (skipped by the questionnaire's
    /// logic, not shown) and `(跳过)`.
    Skipped,
    /// Blank where an answer was due.
    Empty,
    /// Neither an option nor a code of one.
    Outside,
}

/// An answer as one of `options`: the text itself, or a code (`1` is the first of `codes`).
fn classify(raw: &str, codes: &[String], options: &[&str]) -> Answer {
    let raw = raw.trim();
    match raw {
        "" | "(空)" | "（空）" => return Answer::Empty,
        "(跳过)" | "（跳过）" => return Answer::Skipped,
        _ => {}
    }
    if let Ok(k) = raw.parse::<i64>() {
        return match k {
            ..0 => Answer::Skipped,
            _ => usize::try_from(k - 1)
                .ok()
                .and_then(|i| codes.get(i))
                .map_or(Answer::Outside, |label| Answer::Option(label.clone())),
        };
    }
    let n = normalize(raw);
    match options.iter().find(|o| normalize(o) == n) {
        Some(_) => Answer::Option(raw.to_string()),
        // With no options known (a group question), any text is its own option.
        None if options.is_empty() => Answer::Option(raw.to_string()),
        None => Answer::Outside,
    }
}

/// How the survey is read: which question gives what, and what could not be counted.
#[derive(Debug, Clone, Default)]
pub struct SurveyReading {
    /// The question that says who the respondent is, as the user names it (`第1题`).
    pub group: Option<String>,
    /// The satisfaction questions (or matrix rows): `第2题`, `第5题（技能培训）`.
    pub satisfaction: Vec<String>,
    pub improvement: Option<String>,
    /// Answers that are no option of their question: (cell, the answer).
    pub outside: Vec<(CellRef, String)>,
    /// The `[survey]` keys that list the options of the questions with such answers.
    pub option_keys: Vec<&'static str>,
    /// Answers left blank where one was due.
    pub empty: Vec<CellRef>,
    /// Questions answered by option numbers, read by the default order of their options.
    pub decoded: Vec<Decoded>,
}

/// A question whose answers are option numbers, read by the options' default order.
#[derive(Debug, Clone)]
pub struct Decoded {
    /// The question's header cell.
    pub at: CellRef,
    /// As the user names it: `第3题`.
    pub question: String,
    /// The `[survey]` key of its options.
    pub key: &'static str,
    pub codes: Vec<String>,
}

impl SurveyReading {
    pub fn has_problems(&self) -> bool {
        !self.outside.is_empty() || !self.empty.is_empty()
    }
}

/// The survey's questions, found by the rules' words or numbers, and how their answers read.
struct Answers<'a> {
    survey: &'a Survey,
    rules: &'a SurveyRules,
    group: Option<Asked>,
    improvement: Option<Asked>,
    satisfaction: Vec<Asked>,
}

/// Whether a selector names a question by its number: `5`, `Q5`, `第5题`.
fn selector_number(selector: &str) -> Option<u32> {
    let s = normalize(selector);
    let s = s
        .trim_start_matches(['Q', 'q', '第'])
        .trim_end_matches('题');
    s.parse().ok()
}

impl<'a> Answers<'a> {
    fn new(survey: &'a Survey, rules: &'a SurveyRules) -> Self {
        let mut a = Answers {
            survey,
            rules,
            group: None,
            improvement: None,
            satisfaction: Vec::new(),
        };
        // Columns, not questions, are taken: a matrix row that names the group or the
        // improvement leaves the other rows of its matrix to the satisfaction.
        let mut taken: Vec<Asked> = Vec::new();
        a.group = a.single(&rules.group_question, &taken);
        taken.extend(a.group);
        a.improvement = a.single(&rules.improvement_question, &taken);
        taken.extend(a.improvement);
        a.satisfaction = a.all_named(&rules.satisfaction_question, &taken);
        if rules.satisfaction_by_answers {
            taken.extend(a.satisfaction.iter().copied());
            let by_answers = a.by_satisfaction_answers(&taken);
            a.satisfaction.extend(by_answers);
            a.satisfaction.sort_by_key(|s| s.column);
        }
        a
    }

    /// Every column that holds one answer, in the sheet's order, but those taken.
    fn free_columns<'b>(&'b self, taken: &'b [Asked]) -> impl Iterator<Item = Asked> + 'b {
        (0..self.survey.questions.len())
            .flat_map(|q| self.answer_columns(q))
            .filter(move |a| !taken.contains(a))
    }

    /// The columns of question `q` that each hold one answer: a single question's column, a
    /// matrix's rows; none of a multiple-choice question.
    fn answer_columns(&self, q: usize) -> Vec<Asked> {
        let Some(question) = self.survey.questions.get(q) else {
            return Vec::new();
        };
        match question.kind {
            QuestionKind::Multiple => Vec::new(),
            QuestionKind::Single | QuestionKind::Matrix => question
                .columns
                .iter()
                .map(|&column| Asked {
                    question: q,
                    column,
                })
                .collect(),
        }
    }

    /// Whether a question (or, with `rows`, one of a matrix's rows) is named by a selector: its
    /// number, or words in its text or the row's label.
    fn names(&self, asked: Asked, selectors: &[String], rows: bool) -> bool {
        let Some(question) = self.survey.questions.get(asked.question) else {
            return false;
        };
        let sub = self
            .survey
            .column_of(asked.column)
            .and_then(|c| c.sub.as_deref())
            .filter(|_| rows)
            .unwrap_or("");
        selectors.iter().any(|s| match selector_number(s) {
            Some(n) => question.number == Some(n),
            None => {
                let w = normalize(s);
                !w.is_empty() && (question.text.contains(w.as_str()) || sub.contains(w.as_str()))
            }
        })
    }

    /// The first single answer a selector names by its question, among the columns not taken
    /// (the group, the improvement: a matrix row's label says what is rated, not who answers).
    fn single(&self, selectors: &[String], taken: &[Asked]) -> Option<Asked> {
        self.free_columns(taken)
            .find(|a| self.names(*a, selectors, false))
    }

    /// Every single answer a selector names among the columns not taken, a matrix row by row;
    /// by default words, not a question that asks for a score (打分) or for what displeases
    /// (不满意的方面), which are no satisfaction answers.
    fn all_named(&self, selectors: &[String], taken: &[Asked]) -> Vec<Asked> {
        let by_number = selectors.iter().any(|s| selector_number(s).is_some());
        self.free_columns(taken)
            .filter(|a| self.names(*a, selectors, true))
            .filter(|a| by_number || !self.asks_otherwise(*a))
            .collect()
    }

    /// A question worded with 满意 that is not one: a score, or what displeases.
    fn asks_otherwise(&self, asked: Asked) -> bool {
        let text = self
            .survey
            .questions
            .get(asked.question)
            .map_or("", |q| q.text.as_str());
        [
            "打分",
            "评分",
            "分值",
            "分数",
            "最不满意",
            "不满意的",
            "不满意之处",
        ]
        .iter()
        .any(|w| text.contains(w))
    }

    /// Questions whose wording does not say so (问卷星 writes a matrix as `5、(技能培训)` alone)
    /// but whose answers are satisfaction options naming 满意: every answer written out is an
    /// option, at least one has 满意 in it, and none is a code, a score.
    fn by_satisfaction_answers(&self, taken: &[Asked]) -> Vec<Asked> {
        let options = self.satisfaction_options();
        let free: Vec<Asked> = self.free_columns(taken).collect();
        (0..self.survey.questions.len())
            .filter(|&q| {
                let columns: Vec<usize> = free
                    .iter()
                    .filter(|a| a.question == q)
                    .map(|a| a.column)
                    .collect();
                let mut satisfied_word = false;
                let all_options = !columns.is_empty()
                    && self.survey.responses.iter().all(|(_, answers)| {
                        columns.iter().all(|&c| {
                            let raw = answers.get(c).map_or("", String::as_str).trim();
                            match classify(raw, &[], &options) {
                                Answer::Empty | Answer::Skipped => !raw.starts_with('-'),
                                Answer::Option(label) => {
                                    satisfied_word |= label.contains("满意");
                                    raw.parse::<i64>().is_err()
                                }
                                Answer::Outside => false,
                            }
                        })
                    });
                all_options && satisfied_word
            })
            .flat_map(|q| {
                free.iter()
                    .filter(move |a| a.question == q)
                    .copied()
                    .collect::<Vec<_>>()
            })
            .collect()
    }

    fn satisfaction_options(&self) -> Vec<&str> {
        let r = self.rules;
        r.satisfaction_codes
            .iter()
            .chain(&r.satisfied_answers)
            .map(String::as_str)
            .chain(r.answer_weights.iter().map(|(l, _)| l.as_str()))
            .collect()
    }

    fn improvement_options(&self) -> Vec<&str> {
        let r = self.rules;
        r.improvement_codes
            .iter()
            .chain(&r.improved_answers)
            .map(String::as_str)
            .collect()
    }

    /// Every response's answer in one column: (cell, the raw text, how it reads).
    fn read(&self, asked: Asked) -> Vec<(CellRef, String, Answer)> {
        let (codes, options): (&[String], Vec<&str>) = if self.group == Some(asked) {
            (&self.rules.group_codes, Vec::new())
        } else if self.improvement == Some(asked) {
            (&self.rules.improvement_codes, self.improvement_options())
        } else {
            (&self.rules.satisfaction_codes, self.satisfaction_options())
        };
        let col = self.survey.column_of(asked.column).map_or(0, |c| c.col);
        self.survey
            .responses
            .iter()
            .map(|(row, answers)| {
                let raw = answers.get(asked.column).map_or("", String::as_str);
                (
                    self.survey.at(*row, col),
                    raw.to_string(),
                    classify(raw, codes, &options),
                )
            })
            .collect()
    }

    /// Each response's group, in response order (`None` where it has none).
    fn groups(&self) -> Vec<Option<String>> {
        match self.group {
            Some(g) => self
                .read(g)
                .into_iter()
                .map(|(_, _, a)| match a {
                    Answer::Option(label) => Some(label),
                    _ => None,
                })
                .collect(),
            None => vec![None; self.survey.responses.len()],
        }
    }

    /// A share of positive answers among the options given, for one column and optionally one
    /// group: (positive, answered, the cells of the answers that were not positive).
    fn share(
        &self,
        asked: Asked,
        positive: &[String],
        only: Option<&str>,
    ) -> (usize, usize, Vec<(CellRef, String)>) {
        let groups = self.groups();
        let mut answered = 0usize;
        let mut yes = 0usize;
        let mut others = Vec::new();
        for ((at, _, answer), group) in self.read(asked).into_iter().zip(groups) {
            if only.is_some() && group.as_deref() != only {
                continue;
            }
            let Answer::Option(label) = answer else {
                continue;
            };
            answered += 1;
            if positive.iter().any(|p| normalize(p) == normalize(&label)) {
                yes += 1;
            } else {
                others.push((at, label));
            }
        }
        (yes, answered, others)
    }

    /// How the user names a column read: `第2题`, `第5题（技能培训）`.
    fn say(&self, asked: Asked, lang: Lang) -> String {
        let q = self
            .survey
            .questions
            .get(asked.question)
            .map_or_else(String::new, |q| q.say(lang));
        match self
            .survey
            .column_of(asked.column)
            .and_then(|c| c.sub.as_deref())
        {
            Some(sub) => lang.pick(format!("{q}（{sub}）"), format!("{q} ({sub})")),
            None => q,
        }
    }

    /// The measure's name for one of several satisfaction columns: `survey.satisfaction.2`,
    /// `survey.satisfaction.5.技能培训`.
    fn key(&self, asked: Asked) -> String {
        let Some(question) = self.survey.questions.get(asked.question) else {
            return "survey.satisfaction".into();
        };
        let sub = self
            .survey
            .column_of(asked.column)
            .and_then(|c| c.sub.as_deref())
            .map(normalize);
        let head = question
            .number
            .map_or_else(|| normalize(&question.text), |n| n.to_string());
        match sub {
            Some(sub) => format!("survey.satisfaction.{head}.{sub}"),
            None => format!("survey.satisfaction.{head}"),
        }
    }
}

/// Which questions the survey is read by and what in it could not be counted.
pub fn survey_reading(survey: &Survey, rules: &SurveyRules, lang: Lang) -> SurveyReading {
    let a = Answers::new(survey, rules);
    let mut reading = SurveyReading {
        group: a.group.map(|g| a.say(g, lang)),
        satisfaction: a.satisfaction.iter().map(|s| a.say(*s, lang)).collect(),
        improvement: a.improvement.map(|i| a.say(i, lang)),
        ..SurveyReading::default()
    };
    let defaults = SurveyRules::default();
    let used = a.group.iter().chain(&a.improvement).chain(&a.satisfaction);
    for asked in used {
        let (key, codes, default) = if a.group == Some(*asked) {
            ("group_codes", &rules.group_codes, &defaults.group_codes)
        } else if a.improvement == Some(*asked) {
            (
                "improvement_codes",
                &rules.improvement_codes,
                &defaults.improvement_codes,
            )
        } else {
            (
                "satisfaction_codes",
                &rules.satisfaction_codes,
                &defaults.satisfaction_codes,
            )
        };
        let answers = a.read(*asked);
        // Numbers read as options by the default order: an assumption the user must see.
        let coded = answers.iter().any(|(_, raw, answer)| {
            matches!(answer, Answer::Option(_)) && raw.trim().parse::<i64>().is_ok()
        });
        if coded && codes == default && !codes.is_empty() {
            let header = a
                .survey
                .column_of(asked.column)
                .map(|c| a.survey.at(a.survey.header_row, c.col));
            if let Some(header) = header {
                reading.decoded.push(Decoded {
                    at: header,
                    question: a.say(*asked, lang),
                    key,
                    codes: codes.clone(),
                });
            }
        }
        for (at, raw, answer) in answers {
            match answer {
                Answer::Outside => {
                    reading.outside.push((at, raw));
                    if !reading.option_keys.contains(&key) {
                        reading.option_keys.push(key);
                    }
                }
                Answer::Empty => reading.empty.push(at),
                Answer::Option(_) | Answer::Skipped => {}
            }
        }
    }
    reading.decoded.sort_by(|x, y| x.at.cmp(&y.at));
    reading.outside.sort_by(|x, y| x.0.cmp(&y.0));
    reading.empty.sort();
    reading
}

pub(super) fn survey_measures(survey: &Survey, rules: &SurveyRules, lang: Lang, m: &mut Measures) {
    let n = survey.responses.len();
    m.insert(
        "survey.respondents".into(),
        Measure::new(
            lang.pick("有效问卷", "responses"),
            Decimal::from(n),
            Unit::Count,
            lang.pick(format!("{n}份"), format!("{n}")),
        ),
    );
    let a = Answers::new(survey, rules);
    if !a.satisfaction.is_empty() {
        satisfaction_measures(&a, lang, m);
    }
    if let Some(q) = a.improvement {
        improvement_measures(&a, q, lang, m);
    }
}

/// 服务对象满意度: the share satisfied, and the weighted index of the answers. With several
/// satisfaction questions (or rows of a matrix), each has its own share and the pool of all
/// their answers is `survey.satisfaction`.
fn satisfaction_measures(a: &Answers, lang: Lang, m: &mut Measures) {
    let label = lang.pick("服务对象满意度", "satisfaction");
    let several = a.satisfaction.len() > 1;
    let (mut yes, mut answered, mut others) = (0usize, 0usize, Vec::new());
    for &asked in &a.satisfaction {
        let (y, n, o) = a.share(asked, &a.rules.satisfied_answers, None);
        if several && n > 0 {
            let which = a.say(asked, lang);
            let mut measure = Measure::new(
                lang.pick(format!("{label}（{which}）"), format!("{label} ({which})")),
                money::ratio(Decimal::from(y), Decimal::from(n)).unwrap_or_default(),
                Unit::Rate,
                lang.pick(
                    format!("满意{y}人／有效回答{n}人"),
                    format!("{y} satisfied of {n} answers"),
                ),
            );
            measure.evidence = o.iter().map(|(at, _)| at.clone()).collect();
            m.insert(a.key(asked), measure);
        }
        yes += y;
        answered += n;
        others.extend(o);
    }
    if answered > 0 {
        let detail = if several {
            lang.pick(
                format!(
                    "{}项合计：满意{yes}人次／有效回答{answered}人次",
                    a.satisfaction.len()
                ),
                format!(
                    "{} questions or rows pooled: {yes} satisfied of {answered} answers",
                    a.satisfaction.len()
                ),
            )
        } else {
            lang.pick(
                format!("满意{yes}人／有效回答{answered}人"),
                format!("{yes} satisfied of {answered} answers"),
            )
        };
        let mut measure = Measure::new(
            label,
            money::ratio(Decimal::from(yes), Decimal::from(answered)).unwrap_or_default(),
            Unit::Rate,
            detail,
        );
        measure.evidence = others.into_iter().map(|(at, _)| at).collect();
        m.insert("survey.satisfaction".into(), measure);
    }
    // The weighted index (很满意 100, 满意 80, 一般 60 …) beside the share satisfied, over every
    // answer that is an option with a weight.
    let weighted: Vec<Decimal> = a
        .satisfaction
        .iter()
        .flat_map(|asked| a.read(*asked))
        .filter_map(|(_, _, answer)| match answer {
            Answer::Option(label) => a
                .rules
                .answer_weights
                .iter()
                .find(|(l, _)| normalize(l) == normalize(&label))
                .map(|(_, w)| *w),
            _ => None,
        })
        .collect();
    if let Some(measure) = index_of(&weighted, None, lang) {
        m.insert("survey.satisfaction_index".into(), measure);
    }
    group_satisfaction(a, lang, m);
}

/// The weighted index of some answers' weights, for all respondents or one group.
fn index_of(weighted: &[Decimal], group: Option<&str>, lang: Lang) -> Option<Measure> {
    if weighted.is_empty() {
        return None;
    }
    let n = Decimal::from(weighted.len());
    let index = money::ratio(weighted.iter().sum::<Decimal>(), n * Decimal::ONE_HUNDRED)?;
    let label = match group {
        Some(g) => lang.pick(
            format!("{g}满意度指数（加权）"),
            format!("{g}: satisfaction index (weighted)"),
        ),
        None => lang
            .pick("满意度指数（加权）", "satisfaction index (weighted)")
            .to_string(),
    };
    Some(Measure::new(
        label,
        index,
        Unit::Rate,
        lang.pick(
            format!("{}份有效回答按选项权重加权", weighted.len()),
            format!("{} answers weighted by option", weighted.len()),
        ),
    ))
}

/// Per group of respondents (受益对象, 主办方, 基层单位): the share satisfied over all the
/// satisfaction questions (`survey.satisfied.<身份>`) and the weighted index
/// (`survey.satisfaction_index.<身份>`).
fn group_satisfaction(a: &Answers, lang: Lang, m: &mut Measures) {
    let groups = a.groups();
    let mut names: Vec<String> = groups.iter().flatten().cloned().collect();
    names.sort();
    names.dedup();
    for g in names {
        let (mut yes, mut answered, mut others) = (0usize, 0usize, Vec::new());
        let mut weighted = Vec::new();
        for &asked in &a.satisfaction {
            let (y, n, o) = a.share(asked, &a.rules.satisfied_answers, Some(&g));
            yes += y;
            answered += n;
            others.extend(o.into_iter().map(|(at, _)| at));
            for ((_, _, answer), group) in a.read(asked).into_iter().zip(&groups) {
                if group.as_deref() != Some(g.as_str()) {
                    continue;
                }
                if let Answer::Option(label) = answer
                    && let Some((_, w)) = a
                        .rules
                        .answer_weights
                        .iter()
                        .find(|(l, _)| normalize(l) == normalize(&label))
                {
                    weighted.push(*w);
                }
            }
        }
        let key = normalize(&g);
        if let Some(share) = money::ratio(Decimal::from(yes), Decimal::from(answered)) {
            let mut measure = Measure::new(
                lang.pick(format!("{g}满意度"), format!("{g}: satisfaction")),
                share,
                Unit::Rate,
                lang.pick(
                    format!("{g}满意{yes}人次／有效回答{answered}人次"),
                    format!("{g}: {yes} satisfied of {answered} answers"),
                ),
            );
            measure.evidence = others;
            m.insert(format!("survey.satisfied.{key}"), measure);
        }
        if let Some(measure) = index_of(&weighted, Some(&g), lang) {
            m.insert(format!("survey.satisfaction_index.{key}"), measure);
        }
    }
}

/// 生活改善: the share whose life improved, in all and per group of respondents.
fn improvement_measures(a: &Answers, q: Asked, lang: Lang, m: &mut Measures) {
    let mut groups: Vec<Option<String>> = vec![None];
    let mut names: Vec<String> = a.groups().into_iter().flatten().collect();
    names.sort();
    names.dedup();
    groups.extend(names.into_iter().map(Some));
    for g in groups {
        let (yes, answered, others) = a.share(q, &a.rules.improved_answers, g.as_deref());
        if answered == 0 {
            continue;
        }
        let who = g
            .clone()
            .unwrap_or_else(|| lang.pick("受访者", "respondents").into());
        let mut measure = Measure::new(
            lang.pick(format!("{who}生活改善比例"), format!("share of {who} whose life improved")),
            money::ratio(Decimal::from(yes), Decimal::from(answered)).unwrap_or_default(),
            Unit::Rate,
            lang.pick(format!(
                "{who}{answered}人中{yes}人反映生活情况得到改善，{}人反映改善一般或未改善",
                answered - yes
            ), format!(
                "{yes} of {answered} {who} said their life improved, {} said only moderately or not",
                answered - yes
            )),
        );
        measure.items = others
            .iter()
            .map(|(at, answer)| Item {
                sentence: lang.pick(
                    format!("{who}反映生活情况改善“{answer}”"),
                    format!("{who}: life improved “{answer}”"),
                ),
                evidence: vec![at.clone()],
            })
            .collect();
        measure.evidence = others.into_iter().map(|(at, _)| at).collect();
        let name = match &g {
            Some(g) => format!("survey.improved.{}", normalize(g)),
            None => "survey.improved".into(),
        };
        m.insert(name, measure);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_answers_against_the_options() {
        let codes: Vec<String> = ["很满意", "满意", "一般"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let options = ["很满意", "满意", "一般", "不满意"];
        let option = |s: &str| Answer::Option(s.to_string());
        assert_eq!(classify("1", &codes, &options), option("很满意"));
        assert_eq!(classify(" 3 ", &codes, &options), option("一般"));
        assert_eq!(classify("-2", &codes, &options), Answer::Skipped);
        assert_eq!(classify("(跳过)", &codes, &options), Answer::Skipped);
        assert_eq!(classify("9", &codes, &options), Answer::Outside);
        assert_eq!(classify("0", &codes, &options), Answer::Outside);
        assert_eq!(classify("满意", &codes, &options), option("满意"));
        assert_eq!(classify("还行吧", &codes, &options), Answer::Outside);
        assert_eq!(classify("", &codes, &options), Answer::Empty);
        assert_eq!(classify("(空)", &codes, &options), Answer::Empty);
        // A group question has no options: any text is its own.
        assert_eq!(classify("劳模", &[], &[]), option("劳模"));
    }

    fn survey(cells: &[&[&str]]) -> Survey {
        crate::read::survey::read_sheet(&crate::read::workbook::Sheet::from_rows(
            "问卷.xlsx",
            "Sheet1",
            crate::read::workbook::text_cells(cells),
        ))
    }

    /// Regression (review of issue 16): a matrix row worded 提高 was taken for the
    /// improvement question, and the whole matrix left the satisfaction.
    #[test]
    fn a_matrix_rows_words_do_not_make_it_the_improvement_question() {
        let s = survey(&[
            &[
                "序号",
                "1、您的身份是",
                "2、(技能培训)",
                "2、(收入提高)",
                "3、生活改善情况",
            ],
            &["1", "劳模", "很满意", "满意", "明显改善"],
            &["2", "困难职工", "一般", "很满意", "一般"],
        ]);
        let rules = SurveyRules::default();
        let r = survey_reading(&s, &rules, Lang::Zh);
        assert_eq!(r.group.as_deref(), Some("第1题"));
        assert_eq!(r.improvement.as_deref(), Some("第3题"));
        assert_eq!(r.satisfaction, ["第2题（技能培训）", "第2题（收入提高）"]);
    }

    /// Regression (review of issue 16): a score (打分) or a question on what displeases is
    /// worded with 满意 but gives no satisfaction answers; its numbers were read as options.
    #[test]
    fn scores_and_complaints_are_no_satisfaction_questions() {
        let s = survey(&[
            &[
                "序号",
                "1、您对帮扶工作的总体评价",
                "2、请为满意度打分（1-5分）",
                "3、您最不满意的方面是",
            ],
            &["1", "很满意", "5", "2"],
        ]);
        let rules = SurveyRules::default();
        let r = survey_reading(&s, &rules, Lang::Zh);
        assert_eq!(r.satisfaction, ["第1题"]);
        // Named by number, a question is taken as the user says.
        let named = SurveyRules {
            satisfaction_question: vec!["2".into()],
            satisfaction_by_answers: false,
            ..SurveyRules::default()
        };
        let r = survey_reading(&s, &named, Lang::Zh);
        assert_eq!(r.satisfaction, ["第2题"]);
        // And its numbers are read by the default order, which is said.
        assert_eq!(
            r.decoded
                .iter()
                .map(|d| d.question.as_str())
                .collect::<Vec<_>>(),
            ["第2题"]
        );
    }

    #[test]
    fn names_questions_by_number() {
        assert_eq!(selector_number("5"), Some(5));
        assert_eq!(selector_number("Q5"), Some(5));
        assert_eq!(selector_number("第5题"), Some(5));
        assert_eq!(selector_number("满意"), None);
    }
}
