//! A saved web page's bytes through the converter (charset, markup, table
//! layout), then the check; also the same bytes with no name, as the page
//! gives a drop of unknown type (see converted.rs).
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "converted.rs"]
mod converted;

fuzz_target!(|data: &[u8]| {
    for name in ["report.html", "report"] {
        converted::check(name, data);
    }
});
