//! A Word 97–2003 file's bytes (Compound File, FIB, piece table, FKPs, sprms, lists) through the converter, then the check (see converted.rs).
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "converted.rs"]
mod converted;

fuzz_target!(|data: &[u8]| converted::check("report.doc", data));
