//! Text → a rules file → an indicator system adjusting the default preset, and one of its own:
//! an answer or an error with its line and column, never a panic.

#![no_main]

use jixiao::error::RulesSource;
use jixiao::rules_file::RulesFile;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(file) = RulesFile::parse(text, RulesSource::File("rules.toml".into())) else {
        return;
    };
    let _ = file.layout();
    if let Ok(base) = jixiao::config::preset("changde-2019") {
        let _ = file.into_rules(Some(base));
    }
});
