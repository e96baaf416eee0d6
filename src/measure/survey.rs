//! The survey's measures: how many answered, the share satisfied and its weighted index, the
//! share whose life improved, in all and per group of respondents.

use rust_decimal::Decimal;

use super::{Item, Measure, Measures, Unit};
use crate::label::normalize;
use crate::lang::Lang;
use crate::location::CellRef;
use crate::money;
use crate::read::targets::Survey;
use crate::rules::SurveyRules;

fn find_question(survey: &Survey, words: &[String], taken: &[usize]) -> Option<usize> {
    survey
        .questions
        .iter()
        .enumerate()
        .position(|(i, (_, q))| !taken.contains(&i) && words.iter().any(|w| q.contains(w.as_str())))
}

/// An answer as its label: 问卷星's coded export writes `1` for the first option, and `-2` / `-3`
/// for a question skipped or not shown, which count as no answer.
fn decode(answer: &str, codes: &[String]) -> String {
    match answer.trim().parse::<i64>() {
        Ok(k) if k < 0 => String::new(),
        Ok(k) => usize::try_from(k - 1)
            .ok()
            .and_then(|i| codes.get(i))
            .cloned()
            .unwrap_or_else(|| answer.trim().to_string()),
        Err(_) => answer.trim().to_string(),
    }
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
    if let Some(q) = a.satisfaction {
        satisfaction_measures(&a, q, lang, m);
    }
    if let Some(q) = a.improvement {
        improvement_measures(&a, q, lang, m);
    }
}

/// The survey's questions, found by their words, and how their answers are read.
struct Answers<'a> {
    survey: &'a Survey,
    rules: &'a SurveyRules,
    /// The question that asks who the respondent is.
    group: Option<usize>,
    improvement: Option<usize>,
    satisfaction: Option<usize>,
}

impl<'a> Answers<'a> {
    fn new(survey: &'a Survey, rules: &'a SurveyRules) -> Self {
        let group = find_question(survey, &rules.group_question, &[]);
        let taken: Vec<usize> = group.into_iter().collect();
        let improvement = find_question(survey, &rules.improvement_question, &taken);
        let taken: Vec<usize> = taken.into_iter().chain(improvement).collect();
        let satisfaction = find_question(survey, &rules.satisfaction_question, &taken);
        Answers {
            survey,
            rules,
            group,
            improvement,
            satisfaction,
        }
    }

    /// The options of question `q` in order, for answers exported as codes.
    fn codes_of(&self, q: usize) -> &[String] {
        if Some(q) == self.satisfaction {
            self.rules.satisfaction_codes.as_slice()
        } else if Some(q) == self.improvement {
            self.rules.improvement_codes.as_slice()
        } else {
            &[]
        }
    }

    /// A share of positive answers among the non-blank ones, for one question and optionally
    /// one group, with the cells of the answers that were not positive.
    fn share(
        &self,
        q: usize,
        positive: &[String],
        only: Option<&str>,
    ) -> (usize, usize, Vec<(CellRef, String)>) {
        let is_in =
            |answer: &str, list: &[String]| list.iter().any(|a| normalize(a) == normalize(answer));
        let survey = self.survey;
        let col = survey.questions.get(q).map_or(0, |(c, _)| *c);
        let mut answered = 0usize;
        let mut yes = 0usize;
        let mut others = Vec::new();
        for (row, answers) in &survey.responses {
            if let (Some(g), Some(gq)) = (only, self.group)
                && answers.get(gq).map(String::as_str) != Some(g)
            {
                continue;
            }
            let answer = decode(
                answers.get(q).map(String::as_str).unwrap_or(""),
                self.codes_of(q),
            );
            let answer = answer.as_str();
            if answer.is_empty() {
                continue;
            }
            answered += 1;
            if is_in(answer, positive) {
                yes += 1;
            } else {
                others.push((survey.at(*row, col), answer.to_string()));
            }
        }
        (yes, answered, others)
    }
}

/// 服务对象满意度: the share satisfied, and the weighted index of the answers.
fn satisfaction_measures(a: &Answers, q: usize, lang: Lang, m: &mut Measures) {
    let (yes, answered, others) = a.share(q, &a.rules.satisfied_answers, None);
    if answered > 0 {
        let mut measure = Measure::new(
            lang.pick("服务对象满意度", "satisfaction"),
            money::ratio(Decimal::from(yes), Decimal::from(answered)).unwrap_or_default(),
            Unit::Rate,
            lang.pick(
                format!("满意{yes}人／有效回答{answered}人"),
                format!("{yes} satisfied of {answered} answers"),
            ),
        );
        measure.evidence = others.into_iter().map(|(at, _)| at).collect();
        m.insert("survey.satisfaction".into(), measure);
    }
    // The weighted index (很满意 100, 满意 80, 一般 60 …) beside the share satisfied.
    let weighted: Vec<Decimal> = a
        .survey
        .responses
        .iter()
        .filter_map(|(_, answers)| {
            let answer = decode(
                answers.get(q).map(String::as_str).unwrap_or(""),
                &a.rules.satisfaction_codes,
            );
            a.rules
                .answer_weights
                .iter()
                .find(|(label, _)| normalize(label) == normalize(&answer))
                .map(|(_, w)| *w)
        })
        .collect();
    if !weighted.is_empty() {
        let n = Decimal::from(weighted.len());
        let index = money::ratio(weighted.iter().sum::<Decimal>(), n * Decimal::ONE_HUNDRED)
            .unwrap_or_default();
        m.insert(
            "survey.satisfaction_index".into(),
            Measure::new(
                lang.pick("满意度指数（加权）", "satisfaction index (weighted)"),
                index,
                Unit::Rate,
                lang.pick(
                    format!("{}份有效回答按选项权重加权", weighted.len()),
                    format!("{} answers weighted by option", weighted.len()),
                ),
            ),
        );
    }
}

/// 生活改善: the share whose life improved, in all and per group of respondents.
fn improvement_measures(a: &Answers, q: usize, lang: Lang, m: &mut Measures) {
    let mut groups: Vec<Option<String>> = vec![None];
    if let Some(gq) = a.group {
        let mut names: Vec<String> = a
            .survey
            .responses
            .iter()
            .filter_map(|(_, a)| a.get(gq).cloned())
            .filter(|g| !g.is_empty())
            .collect();
        names.sort();
        names.dedup();
        groups.extend(names.into_iter().map(Some));
    }
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
            Some(g) => format!("survey.improved.{}", crate::label::normalize(g)),
            None => "survey.improved".into(),
        };
        m.insert(name, measure);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_coded_answers() {
        let codes: Vec<String> = ["很满意", "满意", "一般"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert_eq!(decode("1", &codes), "很满意");
        assert_eq!(decode(" 3 ", &codes), "一般");
        assert_eq!(decode("-2", &codes), "");
        assert_eq!(decode("9", &codes), "9");
        assert_eq!(decode("满意", &codes), "满意");
    }
}
