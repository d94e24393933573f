//! Continuity across years (X001, X002) over real and made pairs.

use std::path::Path;

use nianbao::rules::continuity::pairs;
use nianbao::rules::{run_set, Member};
use nianbao::{check, check_set, CheckResult, FileResult, Severity};

fn load(path: &str) -> CheckResult {
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(path)).unwrap();
    check(&text)
}

fn run(files: &[&str]) -> (Vec<CheckResult>, Vec<(usize, nianbao::Finding)>) {
    let results: Vec<CheckResult> = files.iter().map(|f| load(f)).collect();
    let found = run_set(&members(files, &results));
    (results, found)
}

fn members<'a>(files: &[&'a str], results: &'a [CheckResult]) -> Vec<Member<'a>> {
    files
        .iter()
        .zip(results)
        .map(|(name, r)| Member {
            name,
            facts: r.report.as_ref(),
        })
        .collect()
}

#[test]
fn rules_are_registered_with_docs() {
    for (code, sev) in [("X001", Severity::Error), ("X002", Severity::Warning)] {
        let r = nianbao::rules::rule(code).expect(code);
        assert_eq!(r.severity, sev);
        assert!(!r.summary.is_empty() && !r.why.is_empty() && !r.example.is_empty());
    }
}

/// The real pair: 淮安市洪泽区人民政府 2024 and 洪泽区人民政府 2023 (as the
/// 2023 title writes it). 2023 carried 0 over in every column and 2024
/// reports 0 carried; 行政规范性文件 5 valid in 2023, 3 issued and 0
/// repealed in 2024, 8 valid: consistent, so nothing is found.
#[test]
fn hongzequ_pair_is_paired_and_consistent() {
    let files = ["reports/real/hongzequ-2023.txt", "reports/real/hongzequ-2024.txt"];
    let (results, found) = run(&files);
    let agencies: Vec<_> = results.iter().map(|r| r.report.as_ref().unwrap().agency.clone().unwrap()).collect();
    assert_eq!(agencies, ["洪泽区人民政府", "淮安市洪泽区人民政府"]);
    assert_eq!(pairs(&members(&files, &results)), vec![(1, 0)]);
    assert!(found.is_empty(), "{found:?}");
    let a23 = results[0].report.as_ref().unwrap().tables.active.as_ref().unwrap();
    let a24 = results[1].report.as_ref().unwrap().tables.active.as_ref().unwrap();
    assert_eq!(a23.normative, vec![Some(0), Some(5), Some(5)]);
    assert_eq!(a24.normative, vec![Some(3), Some(0), Some(8)]);
}

/// Seed 001 (2023) and a 2024 report that carries nothing over although 2023
/// carried 1 (自然人, 总计), and repeals 7 documents of the 0 valid.
#[test]
fn broken_pair_is_found_at_the_cells_of_year_n() {
    let (results, found) = run(&["reports/seeds/001_43e3c9ba6b70e239.txt", "continuity/zhongwei-2024-broken.txt"]);
    assert!(found.iter().all(|(i, _)| *i == 1), "findings belong to the 2024 report");
    let x001: Vec<_> = found.iter().map(|(_, f)| f).filter(|f| f.code == "X001").collect();
    assert_eq!(x001.len(), 2);
    assert_eq!(
        x001.iter().map(|f| f.column_label.as_deref().unwrap()).collect::<Vec<_>>(),
        ["自然人", "总计"]
    );
    for f in &x001 {
        assert_eq!(f.severity, Severity::Error);
        assert_eq!((f.expected.as_deref(), f.found.as_deref()), (Some("1"), Some("0")));
        assert_eq!(f.table, Some("B"));
        assert_eq!(f.row, Some(1));
        assert!(f.message.contains("2023 年报告"), "{}", f.message);
        // The place is the 2024 report's 上年结转 row.
        let text =
            std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/continuity/zhongwei-2024-broken.txt"))
                .unwrap();
        let line = text.lines().nth(f.place.line - 1).unwrap();
        assert!(line.starts_with("二、上年结转"), "{line}");
    }
    let x002: Vec<_> = found.iter().map(|(_, f)| f).filter(|f| f.code == "X002").collect();
    assert_eq!(x002.len(), 1);
    assert_eq!(x002[0].severity, Severity::Warning);
    assert_eq!(x002[0].row_label, Some(nianbao::TABLE_A.rows[1].full_label()));
    assert_eq!(x002[0].column_label.as_deref(), Some("现行有效件数"));
    assert_eq!((x002[0].expected.as_deref(), x002[0].found.as_deref()), (Some("-7"), Some("0")));
    // check_set() adds them to the report and its counts.
    let mut set = vec![
        FileResult::checked("2023", results[0].clone()),
        FileResult::checked("2024", results[1].clone()),
    ];
    let before = set[1].result.summary.clone();
    check_set(&mut set);
    assert_eq!(set[1].result.summary.errors, before.errors + 2);
    assert_eq!(set[1].result.summary.warnings, before.warnings + 1);
    assert!(set[1].result.has_errors());
    assert_eq!(set[0].result.findings.len(), results[0].findings.len());
}

#[test]
fn check_set_checks_continuity() {
    let mut set = vec![
        FileResult::checked("2023.txt", load("reports/seeds/001_43e3c9ba6b70e239.txt")),
        FileResult::checked("2024.txt", load("continuity/zhongwei-2024-broken.txt")),
    ];
    check_set(&mut set);
    assert_eq!(set[1].result.findings.iter().filter(|f| f.code == "X001").count(), 2);
    assert!(set[0].result.findings.iter().all(|f| !f.code.starts_with('X')));
}

/// A refused file takes no part and keeps its reader's reason.
#[test]
fn refused_files_take_no_part() {
    let mut set = vec![
        FileResult::checked("2023.txt", load("reports/seeds/001_43e3c9ba6b70e239.txt")),
        FileResult::refused("扫描件.pdf", "pdf_scanned", "这是扫描件", nianbao::Status::Binary),
        FileResult::checked("2024.txt", load("continuity/zhongwei-2024-broken.txt")),
    ];
    check_set(&mut set);
    assert_eq!(set[2].result.findings.iter().filter(|f| f.code == "X001").count(), 2);
    assert!(set[1].result.findings.is_empty() && set[1].result.message == "这是扫描件");
}

#[test]
fn consistent_pair_passes_in_any_order() {
    let (_, found) = run(&["continuity/zhongwei-2024-consistent.txt", "reports/seeds/001_43e3c9ba6b70e239.txt"]);
    assert!(found.is_empty(), "{found:?}");
    let (_, found) = run(&["continuity/zhongwei-2024-broken.txt", "reports/seeds/001_43e3c9ba6b70e239.txt"]);
    assert_eq!(found.len(), 3);
    assert!(found.iter().all(|(i, _)| *i == 0));
}

#[test]
fn other_agencies_and_years_are_not_paired() {
    // Same agency, two years apart; another agency for the year before.
    let (_, found) = run(&["reports/real/hongzequ-2023.txt", "continuity/zhongwei-2024-broken.txt"]);
    assert!(found.is_empty());
}

/// The set check keeps each report's reading order. In seed 001 with its
/// 结转下年度·自然人 changed from 1 to 2, the L001 (on that cell, line 83)
/// comes before the B003 it explains, which points at （七）总计 (line 82).
#[test]
fn check_set_keeps_the_reading_order() {
    let read = |p: &str| std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(p)).unwrap();
    let text = read("reports/seeds/001_43e3c9ba6b70e239.txt").replace(
        "四、结转下年度继续办理\t\t1\t0\t0\t0\t0\t0\t1",
        "四、结转下年度继续办理\t\t2\t0\t0\t0\t0\t0\t2",
    );
    let alone = check(&text);
    let codes = |r: &CheckResult| r.findings.iter().map(|f| (f.code, f.place.line)).collect::<Vec<_>>();
    let order = codes(&alone);
    assert_eq!(&order[1..3], &[("L001", 83), ("B003", 82)], "{order:?}");
    let mut set = vec![
        FileResult::checked("2023.txt", alone.clone()),
        FileResult::checked("2024.txt", load("continuity/zhongwei-2024-consistent.txt")),
    ];
    check_set(&mut set);
    assert_eq!(codes(&set[0].result), order);
}
