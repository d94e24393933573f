//! A web archive's bytes (MIME headers, multiparts, quoted-printable, base64, charsets) through the converter and the HTML reader,
//! then the check: never panics, never hangs, bounded memory, and every place
//! lies inside the converted text.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../tests/robustness/invariants.rs"]
#[allow(dead_code)]
mod invariants;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = nianbao::convert::to_text("report.mht", data) {
        let r = nianbao::check(&text);
        if let Err(e) = invariants::check_result(&text, &r) {
            panic!("invariant broken: {e}");
        }
    }
});
