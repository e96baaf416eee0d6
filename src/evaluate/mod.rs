//! The pipeline, read → reconcile → check → score, as one call; rendering is the caller's.

mod note;

pub use note::{Note, SurveyProblems};

use crate::check::{self, Finding};
use crate::error::{Error, Result, Unevaluable, Unreached};
use crate::label::normalize;
use crate::measure::{self, Measures};
use crate::read::bank;
use crate::read::ledger::{self, Ledger};
use crate::read::targets::Field;
use crate::read::targets::{self, Targets};
use crate::reconcile::{self, Assignment, Flow, Reconciliation};
use crate::rules::Rules;
use crate::score::{self, Scorecard};
use crate::sources::Sources;
use rust_decimal::Decimal;

/// Everything but the score: what `jixiao check` shows.
pub struct Analysis {
    pub rules: Rules,
    pub ledger: Ledger,
    pub targets: Targets,
    pub reconciliation: Reconciliation,
    pub findings: Vec<Finding>,
    pub measures: Measures,
    /// What the user should know that is not an error: layouts assumed, figures that disagree.
    pub notes: Vec<Note>,
    /// What stops the inputs being graded, though they were read: `check` lists them, the
    /// scoring refuses with the first.
    pub refusals: Vec<Unevaluable>,
    pub timings: Timings,
}

/// How long each stage took: `JIXIAO_TIMINGS=1` prints them, for docs/performance.md.
#[derive(Debug, Default, Clone)]
pub struct Timings {
    pub stages: Vec<(&'static str, std::time::Duration)>,
    started: Option<std::time::Instant>,
}

impl Timings {
    fn start() -> Timings {
        Timings {
            stages: Vec::new(),
            started: Some(std::time::Instant::now()),
        }
    }

    /// Ends the stage running since the last mark.
    pub fn mark(&mut self, stage: &'static str) {
        let now = std::time::Instant::now();
        if let Some(started) = self.started.replace(now) {
            self.stages.push((stage, now - started));
        }
    }

    /// `read ledger 1.234 s · reconcile 0.120 s · …`
    pub fn describe(&self) -> String {
        self.stages
            .iter()
            .map(|(stage, d)| format!("{stage} {:.3} s", d.as_secs_f64()))
            .collect::<Vec<_>>()
            .join(" · ")
    }
}

pub struct Evaluation {
    pub rules: Rules,
    pub ledger: Ledger,
    pub targets: Targets,
    pub reconciliation: Reconciliation,
    pub findings: Vec<Finding>,
    pub measures: Measures,
    pub scorecard: Scorecard,
    pub notes: Vec<Note>,
    pub timings: Timings,
}

/// The postings of `flow` no budget line claims: how many, and their money (arrivals as
/// credits, spending as debits, net of reversals).
pub fn unassigned_money(
    ledger: &Ledger,
    recon: &Reconciliation,
    flow: Flow,
) -> (usize, rust_decimal::Decimal) {
    let rows = recon.rows.unassigned.iter().filter(|i| {
        recon
            .postings
            .get(**i)
            .is_some_and(|(f, _)| *f == Some(flow))
    });
    rows.fold((0, rust_decimal::Decimal::ZERO), |(n, sum), i| {
        let row = ledger.rows.get(*i);
        let amount = row.map_or(rust_decimal::Decimal::ZERO, |r| match flow {
            Flow::Arrival => r.credit() - r.debit(),
            Flow::Spending => r.debit() - r.credit(),
        });
        (n + 1, sum + amount)
    })
}

/// Read, reconcile, check and measure.
pub fn analyse(sources: &Sources, mut rules: Rules) -> Result<Analysis> {
    let mut timings = Timings::start();
    let ledger = ledger::read(&sources.ledgers, &sources.layout)?;
    timings.mark("read ledger");
    let mut targets = targets::read(&sources.targets)?;
    let mut survey_instead = None;
    if let Some(path) = &sources.survey {
        let survey = crate::read::survey::read(path)?;
        if let Some(unread) = &targets.survey {
            survey_instead = Some(Note::SurveyInstead {
                file: std::sync::Arc::clone(&survey.file),
                sheet: std::sync::Arc::clone(&survey.sheet),
                unread: std::sync::Arc::clone(&unread.sheet),
            });
        }
        targets.survey = Some(survey);
    }
    let statement = sources.bank.as_deref().map(bank::read).transpose()?;
    timings.mark("read targets and bank");
    let mut unmatched = Vec::new();
    for (line, matchers) in &rules.budget_match {
        // Every line of the name: one per budget year in a fund over several years.
        let mut found = false;
        for l in targets
            .budget
            .lines
            .iter_mut()
            .filter(|l| normalize(&l.name) == normalize(line))
        {
            l.matchers = matchers.clone();
            found = true;
        }
        if !found {
            unmatched.push(line.clone());
        }
    }
    // Conditions the rules file gives read no year of their own: each line's year still holds.
    if !rules.budget_match.is_empty() {
        crate::read::targets::implied_years(&mut targets.budget.lines);
    }
    let mut refusals = Vec::new();
    let chart = match rules.ledger.for_ledger(&ledger) {
        Ok((ledger_rules, chart)) => {
            rules.ledger = ledger_rules;
            chart
        }
        // Read on as before, for `check` to show what the ledger holds; the evaluation refuses.
        Err(problem) => {
            refusals.push(Unevaluable::Chart {
                file: ledger_files(&ledger),
                problem,
            });
            None
        }
    };
    // A 自评表's 执行率 row weighs what the form says, like its other rows.
    if let Some((points, _)) = targets
        .project
        .execution
        .as_ref()
        .and_then(|e| e.points.clone())
    {
        crate::score::form::execution_points(&mut rules, points);
    }
    let mut reconciliation = reconcile::reconcile(&ledger, &targets.budget, &rules.ledger);
    reconciliation.chart = chart;
    refusals.extend(refusals_of(&ledger, &targets, &reconciliation));
    timings.mark("reconcile");
    let mut findings = check::check(
        &ledger,
        &targets,
        &reconciliation,
        &rules.ledger,
        &rules.checks,
    );
    if let Some(statement) = &statement {
        findings.extend(check::bank(
            &ledger,
            &reconciliation,
            statement,
            &rules.checks,
        ));
        findings.sort_by_key(|f| f.kind);
    }
    timings.mark("check");
    let measures = measure::collect(
        &ledger,
        &targets,
        &reconciliation,
        &findings,
        &rules,
        statement.is_some(),
    );
    refusals.extend(percents_without_unit(&targets, &rules, &measures));
    refusals.extend(
        measure::unreadable_actuals(&targets, &rules, &measures)
            .into_iter()
            .map(|(at, actual)| Unevaluable::Actual { at, actual }),
    );
    let form_total = targets
        .project
        .form_total
        .as_ref()
        .and_then(|t| t.points.clone());
    if let Some(m) = crate::score::form::mismatch(&rules, &targets.targets, form_total) {
        refusals.push(Unevaluable::FormPoints {
            sum: m.sum,
            total: m.total,
            total_at: m.total_at,
            sections: m.sections,
        });
    }
    let mut notes = Vec::new();
    if let Some(bank) = sources
        .bank
        .as_deref()
        .filter(|_| sources.bank_found_beside)
    {
        // The name alone: the folder is the ledger's, and a path would differ per machine.
        notes.push(Note::BankBeside {
            file: bank
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
        });
    }
    if let Some(file) = &sources.rules_found_beside {
        notes.push(Note::RulesBeside { file: file.clone() });
    }
    if let Some(s) = &statement {
        notes.push(Note::BankStatement {
            file: std::sync::Arc::clone(&s.file),
            sheet: std::sync::Arc::clone(&s.sheet),
            items: s.items.len(),
            undated: s.skipped_undated,
            zero: s.skipped_zero,
        });
    }
    notes.extend(survey_instead);
    notes.extend(self::notes(
        &ledger,
        &targets,
        &reconciliation,
        &measures,
        rules.lang,
    ));
    if let Some(survey) = &targets.survey {
        let reading = measure::survey_reading(survey, &rules.survey, rules.lang);
        let problems = SurveyProblems {
            outside: reading.outside,
            option_keys: reading.option_keys,
            empty: reading.empty,
            repeated: survey
                .duplicates
                .iter()
                .map(|d| {
                    (
                        survey.at(d.row, d.id_col),
                        survey.at(d.first_row, d.id_col),
                        d.id.clone(),
                        d.identical,
                    )
                })
                .collect(),
        };
        if !reading.decoded.is_empty() {
            notes.push(Note::SurveyDecoded(reading.decoded));
        }
        if !problems.is_empty() {
            notes.push(Note::SurveyProblems(problems));
        }
    }
    let whole: Vec<(String, String)> = targets
        .targets
        .iter()
        .filter_map(|t| {
            let name = measure::whole_for_a_year(t, &rules, &measures)?;
            let label = measures.get(&name).map_or(name, |m| m.label.clone());
            Some((t.named(rules.lang), label))
        })
        .collect();
    if !whole.is_empty() {
        notes.push(Note::WholeForAYear(whole));
    }
    if rules.infer_actuals {
        let inferred: Vec<(String, String)> = targets
            .targets
            .iter()
            .filter(|t| t.actual.is_none())
            .filter(|t| measure::whole_for_a_year(t, &rules, &measures).is_none())
            .filter(|t| {
                !rules
                    .target_actuals
                    .iter()
                    .any(|(name, _)| normalize(name) == normalize(&t.name))
            })
            .filter_map(|t| {
                let name = measure::inferred_actual(t, &measures)?;
                // Said by the measure's label, as the report writes it, not its key.
                let label = measures.get(&name).map_or(name, |m| m.label.clone());
                Some((t.name.clone(), label))
            })
            .collect();
        if !inferred.is_empty() {
            notes.push(Note::InferredActuals(inferred));
        }
    }
    if !unmatched.is_empty() {
        notes.push(Note::UnusedBudgetMatch { lines: unmatched });
    }
    let changed = crate::score::form::changed(&rules, &targets.targets);
    if !changed.is_empty() {
        notes.push(Note::FormPointsChanged(changed));
    }
    timings.mark("measure");
    Ok(Analysis {
        rules,
        ledger,
        targets,
        reconciliation,
        findings,
        measures,
        notes,
        refusals,
        timings,
    })
}

/// The ledger's files, once each: `a.xlsx、b.csv`.
fn ledger_files(ledger: &Ledger) -> String {
    let mut files: Vec<&str> = Vec::new();
    for s in &ledger.sheets {
        if !files.contains(&&*s.file) {
            files.push(&s.file);
        }
    }
    files.join("、")
}

/// What makes the inputs, read as they are, unfit to grade: nothing dated, or under half the
/// money on the fund's accounts reaching a budget line.
fn refusals_of(ledger: &Ledger, targets: &Targets, recon: &Reconciliation) -> Vec<Unevaluable> {
    let mut out: Vec<Unevaluable> = units_apart(targets, recon).into_iter().collect();
    let file = ledger_files(ledger);
    if !ledger.rows.is_empty() && ledger.rows.iter().all(|r| r.date.is_none()) {
        out.push(Unevaluable::NoDates { file: file.clone() });
    }
    let (mut on_fund_accounts, mut reached) = (0u128, 0u128);
    for (row, (flow, assignment)) in ledger.rows.iter().zip(&recon.postings) {
        if flow.is_none() {
            continue;
        }
        let size = u128::from(row.size_fen());
        on_fund_accounts += size;
        if !matches!(
            assignment,
            Assignment::Unassigned | Assignment::OtherAccount
        ) {
            reached += size;
        }
    }
    // In fen, as the ledger holds them: a decimal's cost a posting is a million times too many.
    let yuan = |fen: u128| {
        i128::try_from(fen)
            .ok()
            .and_then(|f| Decimal::try_from_i128_with_scale(f, 2).ok())
            .unwrap_or(Decimal::MAX)
    };
    let (on_fund_accounts, reached) = (yuan(on_fund_accounts), yuan(reached));
    // A field the budget's conditions read that no posting fills starves its lines, whatever
    // share of the money the others take.
    let empty = empty_fields(ledger, targets);
    let why = if on_fund_accounts.is_zero() {
        Some(Unreached::NoFundAccounts)
    } else if !empty.is_empty() {
        Some(Unreached::EmptyFields(empty))
    } else if reached * Decimal::TWO < on_fund_accounts {
        Some(Unreached::Unmatched)
    } else {
        None
    };
    if let Some(why) = why {
        out.push(Unevaluable::Unreached {
            file,
            on_fund_accounts,
            reached,
            why,
        });
    }
    out
}

/// Targets written as a bare number above 1 whose actual value, from the measure the rules
/// bind, is a rate: `95` against 90 % is a percentage without its sign, not 95.
fn percents_without_unit(
    targets: &Targets,
    rules: &Rules,
    measures: &Measures,
) -> Vec<Unevaluable> {
    targets
        .targets
        .iter()
        .filter_map(|t| {
            let crate::read::target_value::TargetValue::Quantity { value, unit, .. } = &t.value
            else {
                return None;
            };
            if !unit.is_empty() || *value <= Decimal::ONE {
                return None;
            }
            let bound = rules
                .target_actuals
                .iter()
                .find(|(name, _)| normalize(name) == normalize(&t.name))
                .and_then(|(_, bound)| measures.get(bound))
                .filter(|m| m.unit == measure::Unit::Rate)
                .map(|m| (m.value, m.display()));
            // Or the form's own 实际完成值, written as a percentage.
            let written = || {
                let actual = t.actual.as_deref()?;
                match crate::read::target_value::TargetValue::parse(actual) {
                    crate::read::target_value::TargetValue::Quantity { value, unit, .. }
                        if unit == "%" =>
                    {
                        Some((value / Decimal::ONE_HUNDRED, actual.to_string()))
                    }
                    _ => None,
                }
            };
            let (actual, shown) = bound.or_else(written)?;
            Some(Unevaluable::PercentWithoutUnit {
                target: t.name.clone(),
                at: t.at.clone(),
                written: t.written.clone(),
                actual: shown,
                completion: crate::money::ratio(actual, *value)
                    .map(crate::money::fmt_percent)
                    .unwrap_or_default(),
            })
        })
        .collect()
}

/// The declaration's 年度资金总额 and the budget lines' total, when one is the other times 100
/// or 10,000: one of them was filled in 元 under a 万元 heading, or the other way round. With a
/// declaration per year, each year's against that year's lines, at its own cell.
fn units_apart(targets: &Targets, recon: &Reconciliation) -> Option<Unevaluable> {
    let p = &targets.project;
    if !p.year_totals.is_empty() {
        return p.year_totals.iter().find_map(|(year, declared, at)| {
            let lines = || recon.lines.iter().filter(|l| l.year == Some(*year));
            let planned: Decimal = lines().map(|l| l.planned).sum();
            let planned_at = targets
                .budget
                .lines
                .iter()
                .find(|l| l.year == Some(*year))
                .map(|l| l.planned_at.clone());
            apart((*declared, at.clone()), (planned, planned_at))
        });
    }
    let planned_at = targets
        .budget
        .lines
        .first()
        .map(|l| l.planned_at.clone())
        .or_else(|| targets.budget.groups.first().map(|g| g.at.clone()));
    apart(
        (p.total_funds?, p.total_funds_at.clone()?),
        (recon.totals.planned, planned_at),
    )
}

/// A declared total and the plans a unit's factor apart.
fn apart(
    (declared, at): (Decimal, crate::location::CellRef),
    (planned, planned_at): (Decimal, Option<crate::location::CellRef>),
) -> Option<Unevaluable> {
    if declared <= Decimal::ZERO || planned <= Decimal::ZERO {
        return None;
    }
    let (big, small) = if planned > declared {
        (planned, declared)
    } else {
        (declared, planned)
    };
    // Plans and a declared total differ by a part planned apart or a line left out; a unit's
    // factor, 10,000 for 元 against 万元 or 100, within half of it either way, is no such
    // difference. Other gaps, however wide, stay a difference to look at (`check` lists it).
    let ratio = big / small;
    let near = |unit: i64| {
        let unit = Decimal::from(unit);
        ratio >= unit / Decimal::TWO && ratio <= unit * Decimal::TWO
    };
    if !near(10_000) && !near(100) {
        return None;
    }
    let factor = ratio.round();
    Some(Unevaluable::Unit {
        first: (declared, at),
        second: (planned, planned_at),
        factor,
    })
}

/// The fields the budget's conditions read that no posting fills.
fn empty_fields(ledger: &Ledger, targets: &Targets) -> Vec<&'static str> {
    let mut fields: Vec<Field> = Vec::new();
    for m in targets.budget.lines.iter().flat_map(|l| &l.matchers) {
        if !fields.contains(&m.field) {
            fields.push(m.field);
        }
    }
    fields
        .into_iter()
        .filter(|f| {
            ledger.rows.iter().all(|r| match f {
                Field::Project => r.project.is_empty(),
                Field::Payee => r.payee.is_empty(),
                Field::Account => r.account_code.is_empty() && r.account_name.is_empty(),
                Field::Summary => r.summary(&ledger.texts).trim().is_empty(),
                Field::Year | Field::Date => r.date.is_none(),
            })
        })
        .map(Field::label)
        .collect()
}

impl Analysis {
    /// The score, unless the inputs cannot be graded.
    pub fn scorecard(&self) -> Result<Scorecard> {
        if let Some(first) = self.refusals.first() {
            return Err(Error::Unevaluable(Box::new(first.clone())));
        }
        self.scored()
    }

    /// The score the indicator system gives the measures, whether or not they can be stood
    /// behind: `check` shows what else stops the evaluation.
    pub fn scored(&self) -> Result<Scorecard> {
        let mut card = score::score(
            &self.rules,
            &self.measures,
            &self.targets.findings,
            &self.targets.scores,
            &self.targets.targets,
        )?;
        card.review = score::review::review(&card, &self.targets, &self.measures, &self.rules);
        Ok(card)
    }

    pub fn score(self) -> Result<Evaluation> {
        let scorecard = self.scorecard()?;
        let Analysis {
            rules,
            ledger,
            targets,
            reconciliation,
            findings,
            measures,
            notes,
            refusals: _,
            mut timings,
        } = self;
        timings.mark("score");
        Ok(Evaluation {
            rules,
            ledger,
            targets,
            reconciliation,
            findings,
            measures,
            scorecard,
            notes,
            timings,
        })
    }
}

/// The whole pipeline but rendering.
pub fn evaluate(sources: &Sources, rules: Rules) -> Result<Evaluation> {
    analyse(sources, rules)?.score()
}

fn notes(
    ledger: &Ledger,
    targets: &Targets,
    recon: &Reconciliation,
    measures: &Measures,
    lang: crate::lang::Lang,
) -> Vec<Note> {
    let mut notes = Vec::new();
    if let Some(chart) = &recon.chart {
        notes.push(Note::Chart(chart.clone()));
    }
    if !recon.years().is_empty() {
        let whole: Decimal = recon.whole_arrivals().iter().map(|(_, a)| *a).sum();
        if whole != Decimal::ZERO {
            notes.push(Note::WholeArrivalsInNoYear { amount: whole });
        }
        let by_date = ledger
            .rows
            .iter()
            .zip(&recon.postings)
            .filter(|(row, (_, a))| {
                let Assignment::Line(i) = a else { return false };
                usize::try_from(*i)
                    .ok()
                    .and_then(|i| targets.budget.lines.get(i))
                    .is_some_and(|l| l.matchers.iter().any(|m| m.implied))
                    && crate::read::targets::year_of(&ledger.texts[row.project]).is_none()
            })
            .count();
        if by_date > 0 {
            notes.push(Note::YearsByDate { count: by_date });
        }
    }
    if recon.books != crate::reconcile::Books::Single {
        notes.push(Note::Books(recon.books.clone()));
    }
    if let Some(declared) = targets.project.total_funds
        && declared != recon.totals.planned
    {
        notes.push(Note::DeclaredTotal {
            declared,
            planned: recon.totals.planned,
            at: targets.project.total_funds_at.clone(),
        });
    }
    for g in &targets.budget.groups {
        let lines: rust_decimal::Decimal = targets
            .budget
            .lines
            .iter()
            .filter(|l| l.group == g.name)
            .map(|l| l.planned)
            .sum();
        if let Some(planned) = g.planned
            && lines > planned
        {
            notes.push(Note::LinesAbovePart {
                at: g.at.clone(),
                part: g.name.clone(),
                lines,
                planned,
            });
        }
    }
    let unassigned = |flow: Flow| unassigned_money(ledger, recon, flow);
    for flow in [Flow::Arrival, Flow::Spending] {
        let (count, sum) = unassigned(flow);
        if count > 0 {
            notes.push(Note::Unassigned { flow, count, sum });
        }
    }
    if !recon.rows.unassigned.is_empty() {
        notes.push(Note::UnassignedPostings {
            count: recon.rows.unassigned.len(),
        });
    }
    let unmeasured: Vec<String> = targets
        .targets
        .iter()
        .filter(|t| {
            !matches!(
                t.value,
                crate::read::target_value::TargetValue::NotApplicable { .. }
            )
        })
        .filter(|t| !measures.contains_key(&t.key()))
        .map(|t| t.named(lang))
        .collect();
    if !unmeasured.is_empty() {
        notes.push(Note::Unmeasured {
            targets: unmeasured,
        });
    }
    notes
}
