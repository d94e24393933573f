//! Issue 9: the tables are read by their structure and checked by their
//! arithmetic, in every shape a report arrives in.
//!
//! - Every dev report (../shared/reports/dev, copied to tests/fixtures/reports/dev)
//!   against its truth file: each cell the truth has is read equal, or is
//!   reported unreadable (S004) where the truth marks it so or where the
//!   truth's own reading rests on a sum (listed below, with why); every defect
//!   with a rule code is found; no error the truth does not list.
//!   (Seeds and real/ are compared cell by cell in tests/tables.rs.)
//! - The PDF shapes (tests/fixtures/shapes, made by scripts/make_shapes.py:
//!   Word → PDF → pdftotext with and without layout) of seeds 001–004 and dev
//!   102, 103, 128, unchanged and with one figure changed: never a wrong
//!   figure shown as read; the layout shape read in full; every changed
//!   figure reported on its cell, or — only in reading order, where the
//!   extracted flow lost the table's order — its cell reported unreadable.

mod common;
use common::{cells, Key};

use nianbao::{check, CheckResult, Severity};
use serde_json::Value as Json;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn read(p: &Path) -> String {
    std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

/// The cells a truth file states (`None`: the truth marks the cell unreadable
/// or blank).
fn truth_cells(t: &Json) -> BTreeMap<Key, Option<u64>> {
    let mut m = BTreeMap::new();
    for (i, row) in t["applications"].as_array().unwrap().iter().enumerate() {
        for (j, v) in row.as_array().unwrap().iter().enumerate() {
            m.insert(("B", i, j), v.as_u64());
        }
    }
    for (k, v) in t["review_litigation"].as_array().unwrap().iter().enumerate() {
        m.insert(("C", k / 5, k % 5), v.as_u64());
    }
    let a = &t["active"];
    for (j, v) in a["regulations"].as_array().unwrap().iter().enumerate() {
        m.insert(("A", 0, j), v.as_u64());
    }
    for (j, v) in a["normative_documents"].as_array().unwrap().iter().enumerate() {
        m.insert(("A", 1, j), v.as_u64());
    }
    for (k, name) in ["licensing", "punishment", "enforcement"].iter().enumerate() {
        m.insert(("A", 2 + k, 0), a[name].as_u64());
    }
    m
}

/// Cells the truth files read but whose reading only a sum can choose (the
/// truth's own notes say so): run-together digits with several readings
/// without a leading zero. The checker reports them unreadable (S004), with
/// the readings listed — a split that only the arithmetic can choose is not
/// a reading. (file, table, rows)
const ARITHMETIC_ONLY: &[(&str, &str, &[usize])] = &[
    // "5800000 58", "320000032", "100000010", "580000058": 58|0|0|0|0|0|58 and 5|80|0|0|0|0|58 …
    ("122_jtj2024.txt", "B", &[0, 8, 12, 23]),
    // readable=false in the truth: "210000021", "110000011", "190000019", "20000002…";
    // table C "10000100000000000" (and the year after it).
    ("120_scj2025.txt", "B", &[0, 3, 23, 24]),
    ("120_scj2025.txt", "C", &[0, 1, 2]),
];

fn arithmetic_only(file: &str, k: &Key) -> bool {
    ARITHMETIC_ONLY
        .iter()
        .any(|(f, t, rows)| *f == file && *t == k.0 && rows.contains(&k.1))
}

#[test]
fn dev_reports_against_their_truth() {
    let dir = fixtures().join("reports/dev");
    let mut truths: Vec<PathBuf> = std::fs::read_dir(dir.join("truth")).unwrap().map(|e| e.unwrap().path()).collect();
    truths.sort();
    assert_eq!(truths.len(), 14);
    let (mut exact, mut total, mut unread_ok) = (0, 0, 0);
    let mut failures = Vec::new();
    for tp in &truths {
        let t: Json = serde_json::from_str(&read(tp)).unwrap();
        let file = t["file"].as_str().unwrap();
        for shape in [file.to_string(), file.replace(".txt", ".html")] {
            let path = dir.join(&shape);
            if !path.exists() {
                continue;
            }
            let r = if shape.ends_with(".html") {
                let bytes = std::fs::read(&path).unwrap();
                check(&nianbao::convert::to_text(&shape, &bytes).unwrap())
            } else {
                check(&read(&path))
            };
            let got = cells(&r);
            let old_format = t["format"] == "2019";
            // Table A's cells the truth confirmed from the web page where the text splits several
            // ways: the truth lists S004 for them.
            let a_unreadable = t["defects"].as_array().unwrap().iter().any(|d| {
                let s004 = d["kind"] == "S004" || d["codes"].as_array().is_some_and(|c| c.iter().any(|x| x == "S004"));
                s004 && d["where"].as_str().is_some_and(|w| w.contains("section") && w.contains('二'))
            });
            for (k, want) in truth_cells(&t) {
                if k.0 == "A" && (old_format && want.is_none() || a_unreadable && got.get(&k).copied().flatten().is_none()) {
                    // The 2019 table A: the truth states the issued column only.
                    continue;
                }
                let g = got.get(&k).copied().flatten();
                match want {
                    Some(w) => {
                        total += 1;
                        if g == Some(w) {
                            exact += 1;
                        } else if g.is_none() && arithmetic_only(file, &k) {
                            unread_ok += 1;
                        } else {
                            failures.push(format!("{shape} {k:?}: truth {w}, read {g:?}"));
                        }
                    }
                    None if g.is_some() => failures.push(format!("{shape} {k:?}: truth unreadable, read {g:?}")),
                    None => {}
                }
            }
            // Every defect with a rule code is found.
            let codes: Vec<&str> = r.findings.iter().map(|f| f.code).collect();
            let defects = t["defects"].as_array().unwrap();
            let mut allowed: Vec<String> = vec!["S004".into(), "L001".into()];
            for d in defects {
                let kind = d["kind"].as_str().unwrap();
                let alts: Vec<String> = d["codes"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(|c| c.as_str().map(String::from))
                    .collect();
                if kind != "other" && !codes.contains(&kind) && !alts.iter().any(|a| codes.contains(&a.as_str())) {
                    failures.push(format!("{shape}: defect {kind} not found ({codes:?})"));
                }
                allowed.push(kind.to_string());
                allowed.extend(alts);
            }
            // No error or warning the truth does not list (S004 only where the truth or the list
            // above says).
            for f in r.findings.iter().filter(|f| f.severity != Severity::Info) {
                if !allowed.iter().any(|a| a == f.code) {
                    failures.push(format!("{shape}: unexpected {} {}", f.code, f.message));
                }
                let s004_expected = defects
                    .iter()
                    .any(|d| d["kind"] == "S004" || d["codes"].as_array().is_some_and(|c| c.iter().any(|x| x == "S004")))
                    || ARITHMETIC_ONLY.iter().any(|(fl, tb, _)| *fl == file && Some(*tb) == f.table);
                if f.code == "S004" && !s004_expected {
                    failures.push(format!("{shape}: unexpected S004 {}", f.message));
                }
            }
        }
    }
    println!("dev reports: {exact} of {total} cells read exactly; {unread_ok} reported unreadable whose truth rests on a sum");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// A changed figure: the cell, the figure before, after (`None`: left empty).
type Change = (Key, u64, Option<u64>);

/// The variants of a shapes folder: (name, the change).
fn variants(dir: &Path) -> Vec<(String, Option<Change>)> {
    let m: Json = serde_json::from_str(&read(&dir.join("mutants.json"))).unwrap();
    let mut out: Vec<_> = m
        .as_object()
        .unwrap()
        .iter()
        .map(|(v, c)| {
            let change = (!c.is_null()).then(|| {
                let table: &'static str = match c["table"].as_str().unwrap() {
                    "B" => "B",
                    "C" => "C",
                    _ => "A",
                };
                let key = (table, c["row"].as_u64().unwrap() as usize, c["column"].as_u64().unwrap() as usize);
                (key, c["before"].as_u64().unwrap(), c["after"].as_u64())
            });
            (v.clone(), change)
        })
        .collect();
    out.sort_by_key(|v| v.0 != "orig");
    out
}

/// The tab-separated text of a variant: beside the shapes, or for an unchanged report
/// (`orig`) its one copy in tests/fixtures/reports.
fn tab_text(dir: &Path, variant: &str) -> String {
    let beside = dir.join(format!("{variant}.tab.txt"));
    if variant != "orig" || beside.exists() {
        return read(&beside);
    }
    let name = dir.file_name().unwrap().to_string_lossy();
    let copies: Vec<PathBuf> = ["seeds", "real", "dev"]
        .iter()
        .map(|sub| fixtures().join("reports").join(sub).join(format!("{name}.txt")))
        .filter(|p| p.exists())
        .collect();
    assert_eq!(copies.len(), 1, "{name}: orig.tab.txt or one report of that name");
    read(&copies[0])
}

/// Whether a finding of `codes` names the cell among its cells.
fn found_on(r: &CheckResult, codes: &[&str], k: &Key) -> bool {
    r.findings
        .iter()
        .filter(|f| codes.contains(&f.code))
        .any(|f| f.cells.iter().any(|c| c.table == k.0 && c.row == k.1 && c.column == k.2))
}

/// The folders of tests/fixtures/shapes (a report's PDF shapes and mutants), in name order.
fn shape_dirs() -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(fixtures().join("shapes"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    dirs
}

#[test]
fn pdf_shapes_and_mutants() {
    let dirs = shape_dirs();
    assert_eq!(dirs.len(), 7, "seeds 001–004 and dev 102, 103, 128");
    let mut failures = Vec::new();
    // Per shape: (cells equal, cells in the reference, cells unread, mutants found, mutants reported unreadable, mutants)
    let mut tally: BTreeMap<&str, [usize; 6]> = BTreeMap::new();
    for dir in &dirs {
        let name = dir.file_name().unwrap().to_string_lossy().to_string();
        for (variant, change) in variants(dir) {
            let tab = tab_text(dir, &variant);
            let reference = cells(&check(&tab));
            for shape in ["tab", "layout", "raw"] {
                let r = check(&if shape == "tab" {
                    tab.clone()
                } else {
                    read(&dir.join(format!("{variant}.{shape}.txt")))
                });
                let got = cells(&r);
                let t = tally.entry(shape).or_default();
                for (k, want) in &reference {
                    let Some(want) = want else {
                        // a figure where the report has none (a row it leaves out, a cell left empty)
                        if let Some(g) = got.get(k).copied().flatten() {
                            failures.push(format!("{name}/{variant}.{shape} {k:?}: read {g}, the report has none"));
                        }
                        continue;
                    };
                    t[1] += 1;
                    match got.get(k).copied().flatten() {
                        Some(g) if g == *want => t[0] += 1,
                        None => t[2] += 1,
                        Some(g) => failures.push(format!("{name}/{variant}.{shape} {k:?}: read {g}, the report says {want}")),
                    }
                }
                let unread_here = reference
                    .iter()
                    .filter(|(k, w)| w.is_some() && got.get(k).copied().flatten().is_none())
                    .count();
                let allowed = if variant == "blank" { 7 } else { 0 };
                if shape != "raw" && unread_here > allowed {
                    failures.push(format!("{name}/{variant}.{shape}: {unread_here} cells unread"));
                }
                let Some((k, before, after)) = change else { continue };
                t[5] += 1;
                let unread = got.get(&k).copied().flatten().is_none() && after.is_some();
                let codes: &[&str] = if after.is_none() {
                    &["B004"]
                } else {
                    &["B001", "B002", "B003", "C001"]
                };
                // An emptied cell in text without tabs can only be found by where the others
                // stand; where the extracted layout does not place them exactly, the row is unread.
                let may_be_unread = shape == "raw" || (shape == "layout" && after.is_none());
                if found_on(&r, codes, &k) {
                    t[3] += 1;
                } else if may_be_unread && (unread || after.is_none()) && found_on(&r, &["S004"], &k) {
                    t[4] += 1;
                } else {
                    failures.push(format!(
                        "{name}/{variant}.{shape}: the change of {k:?} ({before} → {after:?}) is not reported"
                    ));
                }
                if after.is_none() && shape == "tab" {
                    // An empty cell: a warning, and the sums still checked with it as 0.
                    let w = r.findings.iter().find(|f| f.code == "B004").map(|f| f.severity);
                    if w != Some(Severity::Warning) || r.findings.iter().any(|f| f.code.starts_with('B') && f.severity == Severity::Error) {
                        failures.push(format!(
                            "{name}/{variant}.{shape}: empty cell not a lone B004 warning ({:?})",
                            r.findings
                        ));
                    }
                }
            }
        }
    }
    for (shape, t) in &tally {
        println!(
            "{shape:6}: {} of {} cells read exactly, {} unread; mutants: {} found on their cell, {} reported unreadable, of {}",
            t[0], t[1], t[2], t[3], t[4], t[5]
        );
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// 126 inserts a part 五、信息处理费收取情况 after table 四, which pushes the
/// numbering on: its 五 is headed 六、存在的主要问题和改进情况 and its 六 is
/// missing. The words make that heading section 五 (no heading of 五 stands
/// under its own numeral), so one S001 says what is missing, not two.
#[test]
fn a_heading_pushed_one_numeral_on() {
    let r = check(&read(&fixtures().join("reports/dev/126_suping2025.txt")));
    let s001: Vec<&str> = r.findings.iter().filter(|f| f.code == "S001").map(|f| f.message.as_str()).collect();
    assert_eq!(s001.len(), 1, "{s001:?}");
    assert!(s001[0].contains("第六部分"), "{}", s001[0]);
    let sections = &r.report.as_ref().unwrap().sections;
    assert!(format!("{sections:?}").contains("六、存在的主要问题和改进情况"), "{sections:?}");
}

/// Text a PDF gives in its reading order (issue 20): where its tables cannot
/// be read, S004 says once per table why (figures one a line, no layout
/// kept) and what to do instead (open the PDF itself, or copy with the layout
/// kept), and no other error than the report's own is raised; text that kept
/// its layout or its tabs never gets that remedy.
#[test]
fn reading_order_text_says_what_to_do() {
    let remedy = "请直接打开 PDF 文件核查";
    let dirs = shape_dirs();
    let (mut with_remedy, mut unread_tables) = (0, 0);
    for dir in &dirs {
        let tab = check(&tab_text(dir, "orig"));
        let errors = |r: &CheckResult| -> Vec<&'static str> {
            r.findings
                .iter()
                .filter(|f| f.severity == Severity::Error && f.code != "S004")
                .map(|f| f.code)
                .collect()
        };
        let raw = check(&read(&dir.join("orig.raw.txt")));
        for code in errors(&raw) {
            assert!(errors(&tab).contains(&code), "{dir:?}: {code} only in the reading-order text");
        }
        for f in raw.findings.iter().filter(|f| f.code == "S004") {
            unread_tables += 1;
            with_remedy += usize::from(f.message.contains(remedy));
        }
        for shape in ["layout", "tab"] {
            let p = dir.join(format!("orig.{shape}.txt"));
            let text = if p.exists() { read(&p) } else { tab_text(dir, "orig") };
            assert!(!check(&text).findings.iter().any(|f| f.message.contains(remedy)), "{dir:?} {shape}");
        }
    }
    println!("reading-order texts: {with_remedy} of {unread_tables} unread tables say what to do instead");
    assert!(
        with_remedy == unread_tables && with_remedy >= 18,
        "{with_remedy} of {unread_tables}"
    );
}
