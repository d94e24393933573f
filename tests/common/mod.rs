//! Helpers shared by the integration tests: the real reports copied into
//! tests/fixtures/reports, and ways to make them wrong in one place.
#![allow(dead_code)]

use std::collections::BTreeMap;

use nianbao::{check, CheckResult, Finding};

mod mutants;
#[allow(unused_imports)]
pub use mutants::*;
pub mod variants;

pub const SEEDS: [&str; 5] = [
    "seeds/000_4d177dac3167f082.txt",
    "seeds/001_43e3c9ba6b70e239.txt",
    "seeds/002_a8d23b48448f5a19.txt",
    "seeds/003_ea91102f3cc3d767.txt",
    "seeds/004_5cd136013ffaed5d.txt",
];

pub const REAL: [&str; 7] = [
    "real/hongzequ-2023.txt",
    "real/hongzequ-2023.pdftotext-raw.txt",
    "real/hongzequ-2024.txt",
    "real/hongzequ-2024.pdftotext-raw.txt",
    "real/huaianshi-2024.txt",
    "real/huaianshi-2024.pdftotext-raw.txt",
    "real/pingtan-2021.txt",
];

/// One seed of each text shape: space-separated PDF text, tab-separated,
/// and PDF text with headers broken one character a line.
pub const SHAPES: [(&str, &str); 3] = [
    ("space", "seeds/000_4d177dac3167f082.txt"),
    ("tab", "seeds/001_43e3c9ba6b70e239.txt"),
    ("vertical", "seeds/003_ea91102f3cc3d767.txt"),
];

pub fn fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/reports/{}", env!("CARGO_MANIFEST_DIR"), name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

pub fn codes(r: &CheckResult) -> Vec<&'static str> {
    r.findings.iter().map(|f| f.code).collect()
}

pub fn with_code<'a>(r: &'a CheckResult, code: &str) -> Vec<&'a Finding> {
    r.findings.iter().filter(|f| f.code == code).collect()
}

/// Replaces the `k`-th figure (0-based) that follows `label`, itself searched
/// after `anchor`. A figure is a digit run standing alone (not an ordinal
/// such as `2.`). Panics when the place is not found, so a test cannot pass
/// by mutating nothing.
pub fn set_figure(text: &str, anchor: &str, label: &str, k: usize, new: &str) -> String {
    let a = text.find(anchor).unwrap_or_else(|| panic!("anchor {anchor:?} not found"));
    let l = a + text[a..]
        .find(label)
        .unwrap_or_else(|| panic!("label {label:?} not found after {anchor:?}"));
    let mut i = l + label.len();
    let bytes = text.as_bytes();
    let mut seen = 0;
    while i < text.len() {
        if bytes[i].is_ascii_digit() {
            let start = i;
            while i < text.len() && (bytes[i].is_ascii_digit() || bytes[i] == b'.') {
                i += 1;
            }
            let ordinal = text[start..i].ends_with('.') || text[i..].starts_with('、');
            if !ordinal {
                if seen == k {
                    return format!("{}{}{}", &text[..start], new, &text[i..]);
                }
                seen += 1;
            }
        } else {
            i += 1;
        }
    }
    panic!("figure {k} after {label:?} not found")
}

/// Checks a text and returns the result (after asserting it was checked).
pub fn run(text: &str) -> CheckResult {
    let r = check(text);
    assert_eq!(r.status, nianbao::Status::Checked, "{}", r.message);
    r
}

/// Parses a matrix written as lines of space-separated integers.
pub fn matrix(s: &str) -> Vec<Vec<Option<u64>>> {
    s.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|l| l.split_whitespace().map(|x| Some(x.parse().unwrap())).collect())
        .collect()
}

/// A cell: ("A"/"B"/"C", row, column) as in the JSON contract.
pub type Key = (&'static str, usize, usize);

/// Every table cell of a result, `None` where it was not read.
pub fn cells(r: &CheckResult) -> BTreeMap<Key, Option<u64>> {
    let mut m = BTreeMap::new();
    let Some(rep) = r.report.as_ref() else { return m };
    let t = &rep.tables;
    for (i, row) in t.applications.iter().flatten().enumerate() {
        for (j, v) in row.iter().enumerate() {
            m.insert(("B", i, j), *v);
        }
    }
    for (k, v) in t.review_litigation.iter().flatten().enumerate() {
        m.insert(("C", k / 5, k % 5), *v);
    }
    if let Some(a) = &t.active {
        for (j, v) in a.rules.iter().enumerate() {
            m.insert(("A", 0, j), *v);
        }
        for (j, v) in a.normative.iter().enumerate() {
            m.insert(("A", 1, j), *v);
        }
        m.insert(("A", 2, 0), a.licensing);
        m.insert(("A", 3, 0), a.penalty);
        m.insert(("A", 4, 0), a.enforcement);
    }
    m
}
