//! The rule registry (`nianbao::rules::RULES`) against what the checker emits
//! and what the README tells users: codes unique and well-formed; every code
//! in the golden outputs (tests/golden.rs) registered, and every registered
//! code in some golden output; the README's rule table the same rules, in the
//! same order, with the same severity and the same summary.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use nianbao::rules::RULES;
use nianbao::Severity;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A rule code: one capital letter and three digits.
fn well_formed(code: &str) -> bool {
    let b = code.as_bytes();
    b.len() == 4 && b[0].is_ascii_uppercase() && b[1..].iter().all(u8::is_ascii_digit)
}

/// The severity as the README writes it.
fn label(s: Severity) -> &'static str {
    match serde_json::to_value(s).unwrap().as_str().unwrap() {
        "error" => "错误",
        "warning" => "警告",
        "info" => "提示",
        other => panic!("severity {other}"),
    }
}

#[test]
fn codes_are_unique_and_well_formed() {
    assert!(!RULES.is_empty());
    let mut seen = BTreeSet::new();
    for r in RULES {
        assert!(well_formed(r.code), "{:?} is not a letter and three digits", r.code);
        assert!(seen.insert(r.code), "{} registered twice", r.code);
        let kebab = !r.name.is_empty()
            && r.name
                .split('-')
                .all(|w| !w.is_empty() && w.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()));
        assert!(kebab, "{}: name {:?} is not kebab-case", r.code, r.name);
        for (what, text) in [("summary", r.summary), ("why", r.why), ("example", r.example)] {
            assert!(!text.trim().is_empty(), "{}: no {what}", r.code);
        }
        assert_eq!(nianbao::rules::rule(r.code).map(|x| x.code), Some(r.code));
    }
    let names: BTreeSet<&str> = RULES.iter().map(|r| r.name).collect();
    assert_eq!(names.len(), RULES.len(), "rule names are unique");
}

/// Every golden file (tests/fixtures/golden).
fn golden_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            golden_files(&p, out);
        } else {
            out.push(p);
        }
    }
}

/// The codes of the findings in a golden file (each finding's first line is
/// `CODE severity L…`) and of the findings an L001 explains.
fn emitted(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for line in text.lines() {
        let words: Vec<&str> = line.split(' ').collect();
        if words.len() >= 3 && well_formed(words[0]) && ["error", "warning", "info"].contains(&words[1]) && words[2].starts_with('L') {
            out.push(words[0].to_string());
        }
        if let Some(codes) = line.strip_prefix("  explains ") {
            out.extend(codes.split(' ').map(str::to_string));
        }
    }
    out
}

#[test]
fn every_emitted_code_is_registered_and_every_rule_emitted() {
    let mut files = Vec::new();
    golden_files(&root().join("tests/fixtures/golden"), &mut files);
    assert!(files.len() > 100, "{} golden files", files.len());
    let registered: BTreeSet<&str> = RULES.iter().map(|r| r.code).collect();
    let mut seen = BTreeSet::new();
    let mut findings = 0;
    for f in &files {
        let text = std::fs::read_to_string(f).unwrap();
        for code in emitted(&text) {
            assert!(registered.contains(code.as_str()), "{}: {code} is not in RULES", f.display());
            findings += 1;
            seen.insert(code);
        }
    }
    assert!(findings > 100, "{findings} findings read from the golden files");
    let silent: Vec<&&str> = registered.iter().filter(|c| !seen.contains(**c)).collect();
    assert!(silent.is_empty(), "rules with no finding in any golden output: {silent:?}");
}

/// The README's rule table: (code, severity, what it finds).
fn readme_rules() -> Vec<(String, String, String)> {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let mut lines = readme.lines().skip_while(|l| l.trim() != "| 代码 | 级别 | 发现什么 |");
    assert!(lines.next().is_some(), "README.md has no rule table");
    assert!(lines.next().is_some_and(|l| l.starts_with("|---")), "the table's rule line");
    lines
        .take_while(|l| l.starts_with('|'))
        .map(|l| {
            let cells: Vec<&str> = l.trim().trim_matches('|').split(" | ").map(str::trim).collect();
            assert_eq!(cells.len(), 3, "{l}");
            (cells[0].to_string(), cells[1].to_string(), cells[2].to_string())
        })
        .collect()
}

#[test]
fn readme_rule_table_is_the_registry() {
    let readme = readme_rules();
    let registry: Vec<(String, String, String)> = RULES
        .iter()
        .map(|r| (r.code.to_string(), label(r.severity).to_string(), r.summary.to_string()))
        .collect();
    let codes = |v: &[(String, String, String)]| v.iter().map(|r| r.0.clone()).collect::<Vec<_>>();
    assert_eq!(codes(&readme), codes(&registry), "the README's rules and their order");
    for (row, rule) in readme.iter().zip(&registry) {
        assert_eq!(row.1, rule.1, "{}: severity in the README", row.0);
        assert_eq!(row.2, rule.2, "{}: the README's 发现什么 and the rule's summary", row.0);
    }
}
