//! What an evaluation is configured with: an indicator system (a built-in preset, adjusted or
//! replaced by the user's rules file), the ledger layout that file states, and the language.
//! `evaluate`, `check` and every fund of `batch` are configured here, in one way, so that a fund
//! in a batch is evaluated exactly as `jixiao evaluate` would evaluate it.

use std::path::Path;

use crate::error::{Error, Result, RulesSource};
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

/// The built-in indicator systems (`jixiao rules --preset NAME` prints one).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Preset {
    /// The system of the Changde 2019 evaluation (决策 20, 过程 18, 产出 32, 效益 30).
    #[value(name = "changde-2019")]
    Changde2019,
    /// 财预〔2020〕10号 self-evaluation: 预算执行率 10, 产出 50, 效益 30, 满意度 10.
    SelfEval,
    /// The 决策 / 过程 / 产出 / 效益 framework of 附2 with the 财预〔2021〕101号 bands.
    KeyEval,
}

impl Preset {
    pub fn name(self) -> &'static str {
        match self {
            Preset::Changde2019 => "changde-2019",
            Preset::SelfEval => "self-eval",
            Preset::KeyEval => "key-eval",
        }
    }
}

/// A built-in indicator system's TOML text, by name.
pub fn preset_text(name: &str) -> Option<&'static str> {
    PRESETS.iter().find(|(n, _)| *n == name).map(|(_, t)| *t)
}

/// A built-in indicator system by name.
pub fn preset(name: &str) -> Result<Rules> {
    let text = preset_text(name).ok_or_else(|| Error::NoSuchPreset {
        name: name.to_string(),
        presets: PRESETS.iter().map(|(n, _)| *n).collect(),
    })?;
    RulesFile::parse(text, RulesSource::Preset(name.to_string()))?.into_rules(None)
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

    /// `preset` adjusted by the settings of the rules file at `path`, its indicator system (if
    /// it has one) left out.
    pub fn load_settings(preset_name: &str, path: &Path, lang: Lang) -> Result<Config> {
        let mut base = preset(preset_name)?;
        base.lang = lang;
        let file = RulesFile::load(path)?.settings_only();
        let layout = file.layout();
        let mut rules = file.into_rules(Some(base))?;
        rules.lang = lang;
        Ok(Config { rules, layout })
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

    /// The errors say when the default system does not fit; they know it by this name.
    #[test]
    fn the_default_is_the_system_the_errors_call_default() {
        assert_eq!(DEFAULT_PRESET, crate::error::DEFAULT_SYSTEM);
    }

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

    #[test]
    fn every_preset_of_the_command_line_is_built_in() {
        use clap::ValueEnum;
        for p in Preset::value_variants() {
            assert!(preset_text(p.name()).is_some(), "{}", p.name());
        }
        assert_eq!(Preset::value_variants().len(), PRESETS.len());
    }
}
