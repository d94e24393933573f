//! A web archive's bytes (MIME headers, multiparts, quoted-printable, base64, charsets) through the converter, then the check (see converted.rs).
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "converted.rs"]
mod converted;

fuzz_target!(|data: &[u8]| converted::check("report.mht", data));
