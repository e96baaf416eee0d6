//! What an evaluation is configured with: an indicator system (a built-in preset, adjusted or
//! replaced by the user's rules file), the ledger layout that file states, and the language.
//! `evaluate`, `check` and every fund of `batch` are configured here, in one way, so that a fund
//! in a batch is evaluated exactly as `jixiao evaluate` would evaluate it.

use std::path::Path;

use crate::error::{Error, Result};
use crate::lang::Lang;
use crate::read::ledger::LedgerLayout;
use crate::rules::Rules;
use crate::rules_file::RulesFile;

/// The built-in indicator systems, as the TOML files `jixiao rules --preset NAME` prints.
pub const PRESETS: &[(&str, &str)] = &[
    ("changde-2019", include_str!("../presets/changde-2019.toml")),
    ("self-eval", include_str!("../presets/self-eval.toml")),
    ("key-eval", include_str!("../presets/key-eval.toml")),
];

pub const DEFAULT_PRESET: &str = "changde-2019";

/// A built-in indicator system's TOML text, by name.
pub fn preset_text(name: &str) -> Option<&'static str> {
    PRESETS.iter().find(|(n, _)| *n == name).map(|(_, t)| *t)
}

/// A built-in indicator system by name.
pub fn preset(name: &str) -> Result<Rules> {
    let text = preset_text(name).ok_or_else(|| Error::Invalid {
        context: format!("preset {name}"),
        message: format!(
            "no such preset; the presets are {}",
            PRESETS
                .iter()
                .map(|(n, _)| *n)
                .collect::<Vec<_>>()
                .join(", ")
        ),
    })?;
    RulesFile::parse(text, &format!("preset {name}"))?.into_rules(None)
}

/// The rules an evaluation scores with and the layout its ledger is read with.
#[derive(Debug, Clone)]
pub struct Config {
    pub rules: Rules,
    pub layout: LedgerLayout,
}

impl Config {
    /// `preset`, adjusted or replaced by the rules file at `rules` when there is one, speaking
    /// `lang`.
    pub fn load(preset_name: &str, rules: Option<&Path>, lang: Lang) -> Result<Config> {
        let mut base = preset(preset_name)?;
        base.lang = lang;
        match rules {
            Some(path) => Config::adjusted(base, path),
            None => Ok(Config {
                rules: base,
                layout: LedgerLayout::default(),
            }),
        }
    }

    /// `base` adjusted or replaced by the rules file at `path`, in `base`'s language.
    pub fn adjusted(base: Rules, path: &Path) -> Result<Config> {
        let lang = base.lang;
        let file = RulesFile::load(path)?;
        let layout = file.layout();
        let mut rules = file.into_rules(Some(base))?;
        rules.lang = lang;
        Ok(Config { rules, layout })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::Decimal;

    #[test]
    fn every_preset_parses() {
        for (name, _) in PRESETS {
            let rules = preset(name).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(rules.total, Decimal::from(100), "{name}");
        }
        assert!(
            preset("nope")
                .unwrap_err()
                .to_string()
                .contains("the presets are changde-2019, self-eval, key-eval")
        );
    }
}
