//! A file's bytes as the command line and the page take them: decoded
//! (UTF-8, UTF-16 with BOM, GB18030) by `input::decode`, then checked.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../tests/robustness/invariants.rs"]
#[allow(dead_code)]
mod invariants;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = nianbao::decode(data) {
        let r = nianbao::check(&text);
        if let Err(e) = invariants::check_result(&text, &r) {
            panic!("invariant broken: {e}");
        }
    }
});
