//! The whole check of any text: never panics, never hangs, and every place it
//! returns lies inside the text (tests/robustness/invariants.rs).
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../tests/robustness/invariants.rs"]
#[allow(dead_code)]
mod invariants;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let r = nianbao::check(&text);
    if let Err(e) = invariants::check_result(&text, &r) {
        panic!("invariant broken: {e}");
    }
});
