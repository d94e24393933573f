//! Golden output: the whole result of `nianbao::check` for every report in
//! tests/fixtures/reports (seeds, real, dev; the saved web pages converted as
//! the command line converts them), every mutant of tests/common/mutants.rs and
//! the sets of reports checked together across years, pinned in
//! tests/fixtures/golden as text without character offsets: the findings
//! (code, severity, line, section/table/row/column, message, expected/found,
//! the cells, L001's changes) and every cell of the tables as read.
//!
//! A change of any message, place or figure read shows here as a diff. When
//! the change is meant, rewrite the files and review them in the commit:
//!
//!     UPDATE_GOLDEN=1 cargo test --test golden

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use serde_json::Value;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// Every report of tests/fixtures/reports (the truth files aside), as paths under it.
fn reports() -> Vec<String> {
    let root = fixtures().join("reports");
    let mut out = Vec::new();
    for sub in ["seeds", "real", "dev"] {
        for e in std::fs::read_dir(root.join(sub)).unwrap() {
            let p = e.unwrap().path();
            if p.is_file() {
                out.push(format!("{sub}/{}", p.file_name().unwrap().to_string_lossy()));
            }
        }
    }
    out.sort();
    out
}

/// A report's text: a saved web page is converted as the command line converts it.
fn report_text(path: &str) -> String {
    let full = fixtures().join("reports").join(path);
    let bytes = std::fs::read(&full).unwrap_or_else(|e| panic!("{}: {e}", full.display()));
    if path.ends_with(".html") {
        nianbao::convert::to_text(path, &bytes).unwrap_or_else(|e| panic!("{path}: {e:?}"))
    } else {
        String::from_utf8(bytes).unwrap_or_else(|e| panic!("{path}: {e}"))
    }
}

/// Reports checked together (continuity across years): name and files under tests/fixtures.
const SETS: &[(&str, &[&str])] = &[
    (
        "hongzequ-2023-2024",
        &["reports/real/hongzequ-2023.txt", "reports/real/hongzequ-2024.txt"],
    ),
    (
        "zhongwei-2023-2024-broken",
        &["reports/seeds/001_43e3c9ba6b70e239.txt", "continuity/zhongwei-2024-broken.txt"],
    ),
    (
        "zhongwei-2023-2024-consistent",
        &["reports/seeds/001_43e3c9ba6b70e239.txt", "continuity/zhongwei-2024-consistent.txt"],
    ),
];

// ------------------------------------------------------------------ rendering

/// The place keys left out: character offsets change with any edit before them.
const OFFSETS: [&str; 4] = ["start", "end", "start_utf16", "end_utf16"];

fn s(v: &Value) -> String {
    match v {
        Value::String(x) => x.clone(),
        Value::Null => "-".to_string(),
        other => other.to_string(),
    }
}

/// `v` without offsets, as compact JSON (for fields this file does not lay out itself).
fn without_offsets(v: &Value) -> Value {
    match v {
        Value::Object(m) => Value::Object(
            m.iter()
                .filter(|(k, _)| !OFFSETS.contains(&k.as_str()))
                .map(|(k, v)| (k.clone(), without_offsets(v)))
                .collect(),
        ),
        Value::Array(a) => Value::Array(a.iter().map(without_offsets).collect()),
        other => other.clone(),
    }
}

/// Where something is: its line, and page and box when it comes from a PDF.
fn at(v: &Value) -> String {
    let mut out = format!("L{}", s(&v["line"]));
    if let Some(p) = v.get("page") {
        out += &format!(" p{}", s(p));
    }
    if let Some(b) = v.get("box") {
        out += &format!(" box{b}");
    }
    out
}

/// A cell named as `B2:6 （一）予以公开/总计`.
fn cell_name(v: &Value) -> String {
    format!(
        "{}{}:{} {}/{}",
        s(&v["table"]),
        s(&v["row"]),
        s(&v["column"]),
        s(&v["row_label"]),
        s(&v["column_label"])
    )
}

/// One of L001's changes: the cell, expected and found, and where.
fn change(v: &Value) -> String {
    let option = v.get("option").map(|o| format!("#{} ", s(o))).unwrap_or_default();
    format!("{option}{} {} → {} {}", cell_name(v), s(&v["found"]), s(&v["expected"]), at(v))
}

/// The finding keys laid out below; any other key is printed as JSON.
const FINDING_KEYS: [&str; 24] = [
    "code",
    "severity",
    "message",
    "line",
    "page",
    "box",
    "start",
    "end",
    "start_utf16",
    "end_utf16",
    "section",
    "table",
    "table_label",
    "row",
    "row_label",
    "column",
    "column_label",
    "expected",
    "found",
    "cells",
    "related",
    "explains",
    "changes",
    "alternatives",
];

fn finding(f: &Value, out: &mut String) {
    out.push_str(&format!("{} {} {}", s(&f["code"]), s(&f["severity"]), at(f)));
    if let Some(sec) = f.get("section") {
        out.push_str(&format!(" section {}", s(sec)));
    }
    if let Some(t) = f.get("table") {
        out.push_str(&format!(" table {}", s(t)));
        if let Some(l) = f.get("table_label") {
            out.push_str(&format!(" ({})", s(l)));
        }
    }
    for (k, label) in [("row", "row_label"), ("column", "column_label")] {
        if f.get(k).is_some() || f.get(label).is_some() {
            out.push_str(&format!(
                " {k} {} {}",
                f.get(k).map(s).unwrap_or_default(),
                f.get(label).map(s).unwrap_or_default()
            ));
        }
    }
    out.push('\n');
    out.push_str(&format!("  {}\n", s(&f["message"])));
    if f.get("expected").is_some() || f.get("found").is_some() {
        out.push_str(&format!("  expected {} found {}\n", s(&f["expected"]), s(&f["found"])));
    }
    if let Some(cells) = f.get("cells").and_then(Value::as_array) {
        // The cells' labels are those of the tables below.
        let cells: Vec<String> = cells
            .iter()
            .map(|c| {
                format!(
                    "{}{}:{}={} {}",
                    s(&c["table"]),
                    s(&c["row"]),
                    s(&c["column"]),
                    s(&c["value"]),
                    at(c)
                )
            })
            .collect();
        out.push_str(&format!("  cells {}\n", cells.join(", ")));
    }
    if let Some(related) = f.get("related").and_then(Value::as_array) {
        out.push_str(&format!("  related {}\n", related.iter().map(at).collect::<Vec<_>>().join(" ")));
    }
    if let Some(codes) = f.get("explains").and_then(Value::as_array) {
        out.push_str(&format!("  explains {}\n", codes.iter().map(s).collect::<Vec<_>>().join(" ")));
    }
    for key in ["changes", "alternatives"] {
        for c in f.get(key).and_then(Value::as_array).into_iter().flatten() {
            out.push_str(&format!("  {} {}\n", &key[..key.len() - 1], change(c)));
        }
    }
    for (k, v) in f.as_object().unwrap() {
        if !FINDING_KEYS.contains(&k.as_str()) {
            out.push_str(&format!("  {k}: {}\n", without_offsets(v)));
        }
    }
}

/// The cells S004 names: (table, row, column).
fn unreadable_cells(findings: &[Value]) -> BTreeSet<(String, u64, u64)> {
    findings
        .iter()
        .filter(|f| f["code"] == "S004")
        .flat_map(|f| f.get("cells").and_then(Value::as_array).cloned().unwrap_or_default())
        .map(|c| (s(&c["table"]), c["row"].as_u64().unwrap_or(0), c["column"].as_u64().unwrap_or(0)))
        .collect()
}

/// Every table as read, one row a line: a figure as written, `'x'` a cell
/// that is not a number, `?` a cell not read; `*` marks a cell S004 names,
/// `~` a figure split from digits run together.
fn grids(grids: &[Value], s004: &BTreeSet<(String, u64, u64)>, out: &mut String) {
    for g in grids {
        let table = s(&g["table"]);
        out.push_str(&format!(
            "\ntable {table} {} (section {}, layout {}, read {})\n",
            s(&g["title"]),
            s(&g["section"]),
            s(&g["layout"]),
            s(&g["read"])
        ));
        out.push_str(&format!(
            "  columns: {}\n",
            g["columns"].as_array().unwrap().iter().map(s).collect::<Vec<_>>().join(" | ")
        ));
        for (r, row) in g["rows"].as_array().unwrap().iter().enumerate() {
            let cells: Vec<String> = row["cells"]
                .as_array()
                .unwrap()
                .iter()
                .enumerate()
                .map(|(c, cell)| {
                    let mut v = match (&cell["value"], cell["ok"].as_bool()) {
                        (Value::Null, _) => "?".to_string(),
                        (v, Some(true)) => s(v),
                        (v, _) => format!("'{}'", s(v)),
                    };
                    if cell.get("split").and_then(Value::as_bool) == Some(true) {
                        v.push('~');
                    }
                    if s004.contains(&(table.clone(), r as u64, c as u64)) {
                        v.push('*');
                    }
                    v
                })
                .collect();
            let group = s(&row["group"]);
            let group = if group.is_empty() { String::new() } else { format!("{group} · ") };
            let columns = if row["columns"] != g["columns"] {
                format!(
                    " [{}]",
                    row["columns"].as_array().unwrap().iter().map(s).collect::<Vec<_>>().join(" | ")
                )
            } else {
                String::new()
            };
            out.push_str(&format!("  {r:>2} {group}{}{columns}: {}\n", s(&row["label"]), cells.join(" ")));
        }
    }
}

/// The report keys laid out below; any other is printed as JSON. (`tables`
/// holds the same cells as `grids`, as numbers.)
const REPORT_KEYS: [&str; 7] = ["title", "agency", "year", "period_year", "sections", "tables", "grids"];

/// One result as golden text.
fn render(r: &nianbao::CheckResult) -> String {
    let v = serde_json::to_value(r).unwrap();
    let mut out = format!("status: {} ({})\n", s(&v["status"]), s(&v["message"]));
    let sum = &v["summary"];
    out.push_str(&format!(
        "summary: {} errors, {} warnings, {} infos\n",
        s(&sum["errors"]),
        s(&sum["warnings"]),
        s(&sum["infos"])
    ));
    let rep = &v["report"];
    if !rep.is_null() {
        out.push_str(&format!("title: {}\n", s(&rep["title"])));
        out.push_str(&format!(
            "agency: {} · year: {} · period year: {}\n",
            s(&rep["agency"]),
            s(&rep["year"]),
            s(&rep["period_year"])
        ));
        for sec in rep["sections"].as_array().unwrap() {
            out.push_str(&format!("section {} {} {}\n", s(&sec["numeral"]), at(sec), s(&sec["heading"])));
        }
        for (k, x) in rep.as_object().unwrap() {
            if !REPORT_KEYS.contains(&k.as_str()) {
                out.push_str(&format!("{k}: {}\n", without_offsets(x)));
            }
        }
    }
    for (k, x) in v.as_object().unwrap() {
        if !["status", "message", "summary", "report", "findings"].contains(&k.as_str()) {
            out.push_str(&format!("{k}: {}\n", without_offsets(x)));
        }
    }
    let findings = v["findings"].as_array().unwrap();
    out.push_str(&format!("\nfindings: {}\n", findings.len()));
    for f in findings {
        finding(f, &mut out);
    }
    if !rep.is_null() {
        grids(rep["grids"].as_array().unwrap(), &unreadable_cells(findings), &mut out);
    }
    out
}

// ------------------------------------------------------------------ comparing

/// A line diff (longest common subsequence), changed lines with two of context.
fn diff(want: &str, got: &str) -> String {
    let (a, b): (Vec<&str>, Vec<&str>) = (want.lines().collect(), got.lines().collect());
    let (n, m) = (a.len(), b.len());
    let mut lcs = vec![vec![0u32; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[i][j] = if a[i] == b[j] {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    // (kind, line): ' ' same, '-' only in the golden file, '+' only in the output.
    let mut ops: Vec<(char, &str)> = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < n || j < m {
        if i < n && j < m && a[i] == b[j] {
            ops.push((' ', a[i]));
            (i, j) = (i + 1, j + 1);
        } else if i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1]) {
            ops.push(('-', a[i]));
            i += 1;
        } else {
            ops.push(('+', b[j]));
            j += 1;
        }
    }
    let near = |k: usize| ops[k.saturating_sub(2)..(k + 3).min(ops.len())].iter().any(|o| o.0 != ' ');
    let mut out = String::new();
    let mut skipped = false;
    for (k, (kind, line)) in ops.iter().enumerate() {
        if near(k) {
            if skipped {
                out.push_str("  …\n");
                skipped = false;
            }
            out.push_str(&format!("{kind} {line}\n"));
        } else {
            skipped = true;
        }
    }
    let lines: Vec<&str> = out.lines().collect();
    if lines.len() > 80 {
        format!("{}\n  … ({} more lines of diff)\n", lines[..80].join("\n"), lines.len() - 80)
    } else {
        out
    }
}

fn golden_dir() -> PathBuf {
    fixtures().join("golden")
}

/// Every golden file under the folder, as paths relative to it.
fn golden_files(dir: &Path, prefix: &str, out: &mut BTreeSet<String>) {
    for e in std::fs::read_dir(dir).into_iter().flatten() {
        let p = e.unwrap().path();
        let name = format!("{prefix}{}", p.file_name().unwrap().to_string_lossy());
        if p.is_dir() {
            golden_files(&p, &format!("{name}/"), out);
        } else {
            out.insert(name);
        }
    }
}

/// Every expected output: golden file name → the output now.
fn outputs() -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for path in reports() {
        let text = report_text(&path);
        let name = if path.ends_with(".txt") {
            format!("reports/{path}")
        } else {
            format!("reports/{path}.txt")
        };
        out.insert(name, format!("# tests/fixtures/reports/{path}\n{}", render(&nianbao::check(&text))));
    }
    for m in common::mutants() {
        let edits = m.edits.len();
        let head = format!(
            "# mutant {}: tests/fixtures/reports/{} with {edits} edit(s) (tests/common/mutants.rs)\n",
            m.name, m.base
        );
        out.insert(format!("mutants/{}.txt", m.name), head + &render(&nianbao::check(&m.text())));
    }
    for (name, files) in SETS {
        let mut set: Vec<nianbao::FileResult> = files
            .iter()
            .map(|f| nianbao::FileResult::checked(*f, nianbao::check(&std::fs::read_to_string(fixtures().join(f)).unwrap())))
            .collect();
        nianbao::check_set(&mut set);
        let mut body = format!("# set {name}: checked together (continuity across years)\n");
        for f in &set {
            body.push_str(&format!("\n## tests/fixtures/{}\n{}", f.file, render(&f.result)));
        }
        out.insert(format!("sets/{name}.txt"), body);
    }
    out
}

#[test]
fn every_output_equals_its_golden_file() {
    let update = std::env::var_os("UPDATE_GOLDEN").is_some_and(|v| v == "1");
    let now = outputs();
    let mut stored = BTreeSet::new();
    golden_files(&golden_dir(), "", &mut stored);
    let mut failures = Vec::new();
    for (name, got) in &now {
        let path = golden_dir().join(name);
        let want = std::fs::read_to_string(&path).ok();
        if want.as_deref() == Some(got.as_str()) {
            continue;
        }
        if update {
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, got).unwrap();
            continue;
        }
        match want {
            None => failures.push(format!("{name}: no golden file")),
            Some(want) => failures.push(format!("{name} (- golden, + now):\n{}", diff(&want, got))),
        }
    }
    for name in stored.iter().filter(|n| !now.contains_key(*n)) {
        if update {
            std::fs::remove_file(golden_dir().join(name)).unwrap();
        } else {
            failures.push(format!("{name}: a golden file of no report"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} outputs differ from tests/fixtures/golden (if the change is meant: UPDATE_GOLDEN=1 cargo test --test golden, and review the diff):\n\n{}",
        failures.len(),
        now.len(),
        failures.join("\n")
    );
    println!("{} golden outputs", now.len());
}

/// The golden files cover every report of ../shared/reports that tests/fixtures/reports copies,
/// every mutant, and no report twice.
#[test]
fn every_report_and_mutant_has_an_output() {
    let now = outputs();
    let reports = reports();
    // 5 seeds, 7 real, 17 dev (14 texts and 3 saved web pages).
    assert!(reports.len() >= 29, "{} reports", reports.len());
    let mutants = common::mutants();
    let names: BTreeSet<&str> = mutants.iter().map(|m| m.name.as_str()).collect();
    assert_eq!(names.len(), mutants.len(), "mutant names are unique");
    assert_eq!(now.len(), reports.len() + mutants.len() + SETS.len());
}

/// The renderer leaves no offset in and marks what it should.
#[test]
fn rendering_leaves_offsets_out_and_marks_unread_cells() {
    // pingtan-2021: run-together figures with several readings (S004), cells not read.
    let r = nianbao::check(&report_text("real/pingtan-2021.txt"));
    let text = render(&r);
    for key in OFFSETS {
        assert!(!text.contains(&format!("\"{key}\"")), "{key} in the golden text");
    }
    assert!(text.contains("S004 error"), "{text}");
    assert!(text.contains("?*"), "an unread cell that S004 names is marked: {text}");
    // hongzequ-2023: L001 and its changes.
    let text = render(&nianbao::check(&report_text("real/hongzequ-2023.txt")));
    assert!(text.contains("L001 error") && text.contains("  alternative #1 C0:"), "{text}");
    assert!(
        diff("a\nb\nc\n", "a\nx\nc\n").contains("- b\n+ x\n"),
        "{}",
        diff("a\nb\nc\n", "a\nx\nc\n")
    );
}
