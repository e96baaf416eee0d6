//! The audit checks' settings, as `[checks]` of a rules file sets them.

use rust_decimal::Decimal;

use super::FindingKind;

/// The audit checks' settings (`[checks]` of a rules file).
#[derive(Debug, Clone)]
pub struct CheckRules {
    /// Checks switched off.
    pub disabled: Vec<FindingKind>,
    /// Two payments of the same amount to the same payee on one line this many days apart or
    /// less are a suspected duplicate.
    pub duplicate_days: i64,
    /// Cash payments above this are reported (现金管理暂行条例: 结算起点 1,000 元).
    pub cash_limit: Decimal,
    /// Words in the 摘要 or account name that mark a cash payment.
    pub cash_words: Vec<String>,
    /// The budget year; by default the declaration's `（2019年度）`.
    pub fiscal_year: Option<u16>,
    /// A bank item matches a voucher of the same amount this many days apart or less.
    pub bank_days: i64,
    /// Budget line → the date its money must be paid by (else the budget year's end).
    pub deadlines: Vec<(String, crate::date::Date)>,
}

impl Default for CheckRules {
    fn default() -> Self {
        CheckRules {
            disabled: Vec::new(),
            duplicate_days: 30,
            cash_limit: Decimal::from(1000),
            cash_words: crate::label::words(&["现金", "库存现金"]),
            fiscal_year: None,
            bank_days: 10,
            deadlines: Vec::new(),
        }
    }
}
