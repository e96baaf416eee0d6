//! A 指标值 cell as people type it (`≥95%`, `4850人`, `≤340万元`, `及时`): parsed or taken as
//! qualitative, never a panic; a parsed quantity converts to its base unit or says it cannot.

#![no_main]

use jixiao::read::target_value::TargetValue;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let value = TargetValue::parse(text);
    let _ = value.base_value();
    let _ = jixiao::money::parse_amount(text);
    let _ = jixiao::date::Date::parse(text);
});
