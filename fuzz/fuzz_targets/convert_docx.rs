//! A .docx's bytes (ZIP, inflate, WordprocessingML) through the converter, then the check (see converted.rs).
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "converted.rs"]
mod converted;

fuzz_target!(|data: &[u8]| converted::check("report.docx", data));
