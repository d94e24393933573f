//! A saved web page's bytes through the converter (charset, markup, table
//! layout), then the check; also the same bytes with no name, as the page
//! gives a drop of unknown type.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../tests/robustness/invariants.rs"]
#[allow(dead_code)]
mod invariants;

fuzz_target!(|data: &[u8]| {
    for name in ["report.html", "report"] {
        if let Ok(text) = nianbao::convert::to_text(name, data) {
            let r = nianbao::check(&text);
            if let Err(e) = invariants::check_result(&text, &r) {
                panic!("invariant broken: {e}");
            }
        }
    }
});
