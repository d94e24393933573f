//! Issue 11 (L001): which cell is wrong. Every real report with one figure
//! changed, then two; the real defects; the bounds of the search.

mod common;
use common::*;

use nianbao::rules::locate::{self, Fix, Need};
use nianbao::{parse, Document, Table, Value};

/// Every report in tests/fixtures/reports (copied from ../shared/reports).
fn all_reports() -> Vec<String> {
    let mut out = Vec::new();
    for dir in ["seeds", "real", "dev"] {
        let path = format!("{}/tests/fixtures/reports/{dir}", env!("CARGO_MANIFEST_DIR"));
        let mut names: Vec<String> = std::fs::read_dir(&path)
            .unwrap_or_else(|e| panic!("{path}: {e}"))
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".txt"))
            .collect();
        names.sort();
        out.extend(names.into_iter().map(|n| format!("{dir}/{n}")));
    }
    out
}

fn tables(doc: &Document) -> Vec<Table> {
    doc.tables.all().filter(|t| !t.def.relations.is_empty()).cloned().collect()
}

/// The cells of a table that take part in a relation and were read as counts.
fn mutable_cells(t: &Table) -> Vec<(usize, usize, u64)> {
    let insts = nianbao::all_instances(t.def);
    let mut out = Vec::new();
    for (r, row) in t.cells.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            let used = insts.iter().any(|i| i.weight(r, c) != 0.0);
            if let (true, Some(v)) = (used, cell.value.count()) {
                out.push((r, c, v));
            }
        }
    }
    out
}

fn with_value(t: &Table, r: usize, c: usize, v: u64) -> Table {
    let mut t = t.clone();
    t.cells[r][c].value = Value::Count(v);
    t
}

/// The change that undoes a mutation: the cell, back to its original value.
fn undoes(e: &[Fix], r: usize, c: usize, original: u64) -> bool {
    e.len() == 1
        && (e[0].row, e[0].column) == (r, c)
        && match e[0].need {
            Need::Exactly(v) => v == original,
            Need::AtLeast(v) => original >= v,
            Need::AtMost(v) => original <= v,
            Need::Between(a, b) => (a..=b).contains(&original),
        }
}

#[derive(Default, Debug)]
struct Tally {
    mutants: usize,
    /// Table 二: the change left the inequality holding.
    silent: usize,
    /// No explanation: the changed cell shares a relation with an unread cell.
    unread: usize,
    unique: usize,
    several: usize,
    /// Of those, the finding ranks the changed cell first.
    ranked_first: usize,
    too_many: usize,
    /// Non-unique cases by (table, kind of cell, number of explanations).
    why: std::collections::BTreeMap<String, usize>,
}

/// What kind of cell (r, c) is, for the tally: table 三's result cells,
/// totals and balance cells; table 四's parts and totals; table 二's.
fn kind(t: &Table, r: usize, c: usize) -> String {
    let id = t.def.rows[r].id;
    match t.def.id {
        "B" => {
            let what = match id {
                "new" | "carried" | "carry_next" => "balance",
                "total" => "result-total",
                _ => "result",
            };
            let col = if c == 6 { "total-col" } else { "applicant-col" };
            format!("B {what} {col}")
        }
        "C" => format!("C {}", if c == 4 { "total" } else { "part" }),
        _ => format!("A {}", t.def.column_label(r, c)),
    }
}

/// One figure changed, in every table of every report whose relations hold:
/// each read cell in turn, up by one and down by one (up by two from 0).
/// Where one explanation is found it is always the changed cell with its
/// original value; where several are, the changed cell is among them.
#[test]
fn one_figure_changed_in_every_report() {
    let mut tally: std::collections::BTreeMap<&'static str, Tally> = Default::default();
    let mut checked_tables = 0;
    for name in all_reports() {
        let text = fixture(&name);
        let doc = parse(&text);
        for t in tables(&doc) {
            if locate::locate(&t).is_some() {
                continue; // a real defect: see real_defects below
            }
            checked_tables += 1;
            for (r, c, v) in mutable_cells(&t) {
                for new in [v + 1, if v > 0 { v - 1 } else { v + 2 }] {
                    let m = with_value(&t, r, c, new);
                    let tl = tally.entry(t.def.id).or_default();
                    let Some(loc) = locate::locate(&m) else {
                        // Table 二's inequality may still hold; every other
                        // relation is an equality that a change breaks.
                        assert_eq!(t.def.id, "A", "{name} ({r},{c}) {v}→{new}: no relation fails");
                        tl.silent += 1;
                        continue;
                    };
                    tl.mutants += 1;
                    if loc.explanations.is_empty() {
                        // Only next to a cell that could not be read: what
                        // the changed cell needs depends on the unread one.
                        assert!(t.unreadable().next().is_some(), "{name} {} ({r},{c}) {v}→{new}: {loc:?}", t.def.id);
                        tl.unread += 1;
                        continue;
                    }
                    assert_eq!(loc.size(), 1, "{name} {} ({r},{c}) {v}→{new}: {loc:?}", t.def.id);
                    assert!(
                        loc.explanations.iter().any(|e| undoes(e, r, c, v)),
                        "{name} {} ({r},{c}) {v}→{new}: the changed cell is not among {:?}",
                        t.def.id,
                        loc.explanations
                    );
                    let n = loc.explanations.len();
                    if loc.unique() {
                        tl.unique += 1;
                        continue;
                    }
                    if n <= 5 {
                        tl.several += 1;
                        // Which one the finding ranks first (prose, then totals).
                        let mut d2 = doc.clone();
                        match t.def.id {
                            "A" => d2.tables.active = Some(m.clone()),
                            "B" => d2.tables.applications = Some(m.clone()),
                            _ => d2.tables.review = Some(m.clone()),
                        }
                        let f = nianbao::rules::locate::explain(&d2, &m, &loc).expect("a finding for 2–5 explanations");
                        if (f.row, f.column) == (Some(r), Some(c)) {
                            tl.ranked_first += 1;
                        }
                    } else {
                        tl.too_many += 1;
                    }
                    let dir = if new > v { "up" } else { "down" };
                    let key = format!(
                        "{} {dir}: {} explanations",
                        kind(&t, r, c),
                        if n > 5 { ">5".to_string() } else { n.to_string() }
                    );
                    *tl.why.entry(key).or_default() += 1;
                }
            }
        }
    }
    for (id, t) in &tally {
        eprintln!(
            "table {id}: {} mutants (and {} that break no relation), unique {} ({:.1}%), 2–5 explanations {} (the changed cell ranked first in {}), more than 5 {}, none (next to an unread cell) {}",
            t.mutants,
            t.silent,
            t.unique,
            100.0 * t.unique as f64 / t.mutants.max(1) as f64,
            t.several,
            t.ranked_first,
            t.too_many,
            t.unread
        );
        for (k, n) in &t.why {
            eprintln!("    {k}: {n}");
        }
    }
    eprintln!("{checked_tables} tables whose relations hold, in {} reports", all_reports().len());
    assert!(checked_tables >= 20, "{checked_tables} tables");
    // Table 三: a changed figure breaks its row and its column, and the
    // result rows also the balance: most mutants have one explanation.
    let b = &tally["B"];
    assert!(b.unique * 2 > b.mutants, "{b:?}");
}

/// The text with the figure of cell (r, c) of a table replaced.
fn set_cell(text: &str, t: &Table, r: usize, c: usize, new: u64) -> String {
    let span = t.cells[r][c].span.unwrap_or_else(|| panic!("cell ({r},{c}) has no place"));
    format!("{}{}{}", &text[..span.start], new, &text[span.end..])
}

fn table_of<'a>(doc: &'a Document, id: &str) -> &'a Table {
    doc.tables.all().find(|t| t.def.id == id).unwrap_or_else(|| panic!("no table {id}"))
}

/// The spec's test: each result cell, total cell and balance cell of table
/// 三 in turn on two reports, each cell of table 四 on one, changed in the
/// text and checked as a user would: one L001 on the changed cell with its
/// original value, explaining every B finding of the table.
#[test]
fn one_figure_changed_in_the_text() {
    for (name, id) in [
        ("seeds/001_43e3c9ba6b70e239.txt", "B"),
        ("dev/102_pingtan2024.txt", "B"),
        ("seeds/001_43e3c9ba6b70e239.txt", "C"),
    ] {
        let text = fixture(name);
        let doc = parse(&text);
        let t = table_of(&doc, id);
        let cells = mutable_cells(t);
        assert_eq!(cells.len(), t.def.cell_count(), "{name}: every cell of table {id} read");
        let (mut unique, mut listed) = (0, 0);
        for (r, c, v) in cells {
            let new = v + 1;
            let res = run(&set_cell(&text, t, r, c, new));
            let l: Vec<_> = with_code(&res, "L001");
            assert_eq!(l.len(), 1, "{name} {id} ({r},{c}) {v}→{new}: {:?}", codes(&res));
            let f = l[0];
            let failing: Vec<&str> = res
                .findings
                .iter()
                .filter(|x| x.table == Some(id) && ["B001", "B002", "B003", "C001"].contains(&x.code))
                .map(|x| x.code)
                .collect();
            assert!(!failing.is_empty());
            assert!(failing.iter().all(|c| f.explains.contains(c)), "{failing:?} vs {:?}", f.explains);
            let here = |x: &nianbao::Change| (x.row, x.column, x.expected.clone(), x.found.clone());
            let truth = (r, c, v.to_string(), new.to_string());
            if f.alternatives.is_empty() {
                unique += 1;
                assert_eq!(
                    (f.row, f.column, f.expected.clone(), f.found.clone()),
                    (Some(r), Some(c), Some(v.to_string()), Some(new.to_string())),
                    "{name} {id}: {}",
                    f.message
                );
                assert_eq!(f.changes.iter().map(here).collect::<Vec<_>>(), vec![truth]);
                assert!(f.message.contains("最可能出错的是") && f.message.contains(&format!("报告为 {new}，若为 {v}")));
                assert!(f.place.line > 0 && f.place.end > f.place.start, "placed on the cell");
            } else {
                listed += 1;
                assert!(f.alternatives.iter().map(here).any(|x| x == truth), "{}", f.message);
                assert!(f.message.contains("无法判断"));
            }
        }
        eprintln!("{name} table {id}: unique {unique}, listed {listed}");
        if id == "B" {
            assert_eq!(listed, 0, "{name}: every change of table 三 has one explanation");
        } else {
            assert_eq!(
                unique, 0,
                "{name}: a group of table 四 is one equation: any of its cells can balance it"
            );
        }
    }
}

/// Two figures changed at once: where the smallest explanation has two cells
/// and is unique, it is the two cells changed, with their original values.
#[test]
fn two_figures_changed() {
    let (mut pairs, mut unique, mut smaller, mut several) = (0, 0, 0, 0);
    for name in [
        "seeds/001_43e3c9ba6b70e239.txt",
        "dev/102_pingtan2024.txt",
        "seeds/004_5cd136013ffaed5d.txt",
    ] {
        let text = fixture(name);
        let doc = parse(&text);
        let t = table_of(&doc, "B");
        let cells = mutable_cells(t);
        for (a, &(r1, c1, v1)) in cells.iter().enumerate() {
            // A fixed sample of the pairs: every fifth partner.
            for (k, &(r2, c2, v2)) in cells[a + 1..].iter().enumerate().step_by(5) {
                // Changed by different amounts, or (every other pair) by the same.
                let d2 = if k % 2 == 0 { 2 } else { 1 };
                let m = with_value(&with_value(t, r1, c1, v1 + 1), r2, c2, v2 + d2);
                let Some(loc) = locate::locate(&m) else { continue };
                pairs += 1;
                match (loc.size(), loc.unique()) {
                    (2, true) => {
                        unique += 1;
                        let e = &loc.explanations[0];
                        assert_eq!(
                            e.iter().map(|f| (f.row, f.column, f.need)).collect::<Vec<_>>(),
                            vec![(r1, c1, Need::Exactly(v1)), (r2, c2, Need::Exactly(v2))],
                            "{name}"
                        );
                    }
                    (2, false) => {
                        several += 1;
                        if several <= 3 {
                            eprintln!("several: ({r1},{c1}) ({r2},{c2}) +1 +{d2}: {:?}", loc.explanations);
                        }
                        let truth = vec![(r1, c1, Need::Exactly(v1)), (r2, c2, Need::Exactly(v2))];
                        assert!(loc
                            .explanations
                            .iter()
                            .any(|e| e.iter().map(|f| (f.row, f.column, f.need)).collect::<Vec<_>>() == truth));
                    }
                    (1, _) => smaller += 1,
                    other => panic!("{name} ({r1},{c1}) ({r2},{c2}): {other:?} {loc:?}"),
                }
            }
        }
    }
    eprintln!("two cells changed: {pairs} pairs, unique {unique}, several {several}, explained by one cell {smaller}");
    assert!(unique * 10 > pairs * 7, "most pairs have one explanation");
}

/// The same through the text: a unique two-cell explanation in one finding.
#[test]
fn two_figures_changed_in_the_text() {
    let name = "seeds/001_43e3c9ba6b70e239.txt";
    let text = fixture(name);
    let doc = parse(&text);
    let t = table_of(&doc, "B");
    let granted = t.def.row_index("granted").unwrap();
    let not_held = t.def.row_index("not_held").unwrap();
    let (a, b) = (
        t.cells[granted][0].value.count().unwrap(),
        t.cells[not_held][1].value.count().unwrap(),
    );
    // Two places in the text, the later first so the earlier span stays valid.
    let once = set_cell(&text, t, not_held, 1, b + 3);
    let twice = set_cell(&once, t, granted, 0, a + 1);
    let res = run(&twice);
    let l = with_code(&res, "L001");
    assert_eq!(l.len(), 1, "{:?}", codes(&res));
    let f = l[0];
    assert!(f.alternatives.is_empty(), "{}", f.message);
    let got: Vec<_> = f
        .changes
        .iter()
        .map(|x| (x.row, x.column, x.expected.clone(), x.found.clone()))
        .collect();
    assert_eq!(
        got,
        vec![
            (granted, 0, a.to_string(), (a + 1).to_string()),
            (not_held, 1, b.to_string(), (b + 3).to_string())
        ]
    );
    assert!(f.message.contains("这两格"), "{}", f.message);
}

fn l001(name: &str) -> Vec<nianbao::Finding> {
    with_code(&run(&fixture(name)), "L001").into_iter().cloned().collect()
}

fn options(f: &nianbao::Finding) -> Vec<Vec<(usize, usize, String, String)>> {
    let mut out: Vec<Vec<_>> = Vec::new();
    for a in &f.alternatives {
        if out.len() < a.option {
            out.push(Vec::new());
        }
        out[a.option - 1].push((a.row, a.column, a.expected.clone(), a.found.clone()));
    }
    out
}

fn s(x: &str) -> String {
    x.to_string()
}

/// The real defects of ../shared/reports (README.md, dev/truth).
#[test]
fn real_defects() {
    // hongzequ-2023, table 四: 行政复议 总计 0 (parts 11), 复议后起诉 总计 0
    // (parts 5). Two cells must change; the two totals, ranked first, or
    // the 行政复议 total and 复议后起诉's 结果维持 5 → 0.
    for name in ["real/hongzequ-2023.txt", "real/hongzequ-2023.pdftotext-raw.txt"] {
        let l = l001(name);
        assert_eq!(l.len(), 1, "{name}");
        let f = &l[0];
        assert_eq!(f.table, Some("C"));
        assert_eq!(f.explains, vec!["C001"]);
        assert_eq!(
            options(f),
            vec![
                vec![(0, 4, s("11"), s("0")), (2, 4, s("5"), s("0"))],
                vec![(0, 4, s("11"), s("0")), (2, 0, s("0"), s("5"))],
            ],
            "{}",
            f.message
        );
        assert_eq!(
            (f.row, f.column, f.expected.as_deref(), f.found.as_deref()),
            (Some(0), Some(4), Some("11"), Some("0"))
        );
        assert!(
            f.message.contains("无法判断") && f.message.contains("①只改动“总计”格"),
            "{}",
            f.message
        );
    }
    // 114_zrz2020: 1.本机关不掌握 "1000102" has 法律服务机构 1 and 总计 2
    // while every column total counts natural persons only: one two-cell
    // explanation, 法律服务机构 1 → 0 and 总计 2 → 1.
    let l = l001("dev/114_zrz2020.txt");
    assert_eq!(l.len(), 1);
    let f = &l[0];
    assert!(f.alternatives.is_empty(), "{}", f.message);
    let got: Vec<_> = f
        .changes
        .iter()
        .map(|x| (x.row, x.column, x.expected.clone(), x.found.clone()))
        .collect();
    assert_eq!(got, vec![(12, 4, s("0"), s("1")), (12, 6, s("1"), s("2"))]);
    assert_eq!(f.explains, vec!["B002"]);
    // 113_gaj2021: the one request is counted as handled ((六)3.其他 1,
    // (七)总计 1) and as carried over (四 1); the prose says it was carried
    // over. Four cells would undo the double count; two cells can balance
    // the table three ways, and the prose (收到申请1件) rules out one.
    let l = l001("dev/113_gaj2021.txt");
    assert_eq!(l.len(), 1);
    let f = &l[0];
    let opts = options(f);
    assert_eq!(opts.len(), 3, "{}", f.message);
    assert_eq!(opts[2], vec![(0, 0, s("2"), s("1")), (0, 6, s("2"), s("1"))], "{}", f.message);
    assert!(f.message.contains("正文所写的数字与③不符"), "{}", f.message);
    // No L001 where every relation holds.
    for name in SEEDS {
        assert!(l001(name).is_empty(), "{name}");
    }
}

/// A table with every relation failing: nothing to say, quickly, no panic.
#[test]
fn every_relation_failing() {
    let text = fixture("seeds/001_43e3c9ba6b70e239.txt");
    let doc = parse(&text);
    let mut t = table_of(&doc, "B").clone();
    for (r, row) in t.cells.iter_mut().enumerate() {
        for (c, cell) in row.iter_mut().enumerate() {
            cell.value = Value::Count((r * 7 + c * 3 + 1) as u64 % 11);
        }
    }
    let start = std::time::Instant::now();
    let loc = locate::locate(&t).expect("relations fail");
    assert!(loc.failing > 20 && loc.explanations.is_empty(), "{loc:?}");
    assert!(start.elapsed().as_millis() < 500, "{:?}", start.elapsed());
}

mod properties {
    use super::*;
    use nianbao::all_instances;
    use proptest::prelude::*;

    /// Table 三 (or 四) of a seed with up to four cells changed: a new
    /// count, or unread.
    fn table(id: &'static str, changes: &[(usize, Option<u64>)]) -> Table {
        let text = fixture("seeds/002_a8d23b48448f5a19.txt");
        let doc = parse(&text);
        let mut t = table_of(&doc, id).clone();
        let width = t.cells[0].len();
        for &(k, v) in changes {
            let (r, c) = ((k / width) % t.cells.len(), k % width);
            t.cells[r][c].value = v.map_or(Value::Missing, Value::Count);
        }
        t
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 400, failure_persistence: None, ..ProptestConfig::default() })]

        /// Never a panic; every explanation given makes every relation
        /// that can be assessed hold, by the engine's own check, and never
        /// suggests an unread cell.
        #[test]
        fn explanations_are_sound(
            id in prop_oneof![Just("B"), Just("C")],
            changes in proptest::collection::vec((0usize..175, prop_oneof![6 => (0u64..15).prop_map(Some), 1 => Just(None::<u64>)]), 1..5),
        ) {
            let t = table(id, &changes);
            let Some(loc) = locate::locate(&t) else { return Ok(()) };
            prop_assert!(loc.explanations.len() <= locate::MAX_EXPLANATIONS);
            for e in &loc.explanations {
                let mut m = t.clone();
                for f in e {
                    prop_assert!(m.cells[f.row][f.column].value.count().is_some(), "an unread cell suggested");
                    m.cells[f.row][f.column].value = Value::Count(f.need.nearest(f.found));
                }
                for inst in all_instances(m.def) {
                    prop_assert!(inst.holds(&|r, c| m.number(r, c)) != Some(false), "{e:?} leaves a relation failing");
                }
            }
        }
    }
}

/// The JSON contract of L001 and its place in the order of findings (the
/// command line's text output and CSV print in this order): first for its
/// table, before every finding it explains.
#[test]
fn json_and_order() {
    let r = run(&fixture("real/hongzequ-2023.txt"));
    let at = r.findings.iter().position(|f| f.code == "L001").expect("L001");
    let explained: Vec<usize> = (0..r.findings.len()).filter(|&k| r.findings[k].code == "C001").collect();
    assert_eq!(explained, vec![at + 1, at + 2], "{:?}", codes(&r));
    let v = serde_json::to_value(&r).unwrap();
    let f = &v["findings"][at];
    assert_eq!(
        (f["code"].as_str(), f["table"].as_str(), f["row"].as_u64(), f["column"].as_u64()),
        (Some("L001"), Some("C"), Some(0), Some(4))
    );
    assert_eq!((f["expected"].as_str(), f["found"].as_str()), (Some("11"), Some("0")));
    assert_eq!(f["explains"], serde_json::json!(["C001"]));
    assert!(f["line"].as_u64().unwrap() > 0 && f["end_utf16"].as_u64() > f["start_utf16"].as_u64());
    let alts = f["alternatives"].as_array().unwrap();
    assert_eq!(alts.len(), 4, "two options of two cells");
    for a in alts {
        for key in [
            "option",
            "table",
            "row",
            "column",
            "row_label",
            "column_label",
            "expected",
            "found",
            "line",
            "start",
            "end",
            "start_utf16",
            "end_utf16",
        ] {
            assert!(!a[key].is_null(), "{key} in {a}");
        }
    }
    assert_eq!(f["changes"].as_array().unwrap().len(), 2);
    // Findings without L001 carry none of its fields.
    assert!(v["findings"][at + 1].get("explains").is_none() && v["findings"][at + 1].get("alternatives").is_none());
}

/// A table with unread cells (128: the cells of （六）2 and 3 are not in the
/// text): a figure changed next to them gets no explanation; one changed in
/// relations that can all be assessed gets one, which says that only the
/// relations that could be checked now hold.
#[test]
fn unread_cells_are_never_chosen() {
    let name = "dev/128_scj2023_html.txt";
    let text = fixture(name);
    let doc = parse(&text);
    let t = table_of(&doc, "B");
    assert!(t.unreadable().next().is_some(), "{name}: cells not read");
    let new = t.def.row_index("new").unwrap();
    let granted = t.def.row_index("granted").unwrap();
    // 本年新收·自然人: its row and its column's balance can be checked.
    let v = t.cells[new][0].value.count().unwrap();
    let res = run(&set_cell(&text, t, new, 0, v + 1));
    let l = with_code(&res, "L001");
    assert_eq!(l.len(), 1, "{:?}", codes(&res));
    assert_eq!(
        (l[0].row, l[0].column, l[0].expected.clone()),
        (Some(new), Some(0), Some(v.to_string()))
    );
    assert!(l[0].message.contains("本表能核对的勾稽关系全部成立"), "{}", l[0].message);
    // （一）予以公开·自然人: its column total cannot be checked (unread cells in it).
    let v = t.cells[granted][0].value.count().unwrap();
    let res = run(&set_cell(&text, t, granted, 0, v + 1));
    assert!(with_code(&res, "L001").is_empty(), "{:?}", codes(&res));
    assert!(!with_code(&res, "B001").is_empty());
}

/// The prose agrees: 002's 共收到政府信息公开申请11件 with 本年新收·总计
/// changed to 12 — the finding names the cell and says the prose agrees.
#[test]
fn prose_agrees_with_the_explanation() {
    let name = "seeds/002_a8d23b48448f5a19.txt";
    let text = fixture(name);
    assert!(text.contains("共收到政府信息公开申请11件"));
    let doc = parse(&text);
    let t = table_of(&doc, "B");
    let new = t.def.row_index("new").unwrap();
    assert_eq!(t.cells[new][6].value.count(), Some(11));
    let res = run(&set_cell(&text, t, new, 6, 12));
    assert!(!with_code(&res, "N001").is_empty(), "the prose disagrees with the changed table");
    let l = with_code(&res, "L001");
    assert_eq!(l.len(), 1, "{:?}", codes(&res));
    assert_eq!(
        (l[0].row, l[0].column, l[0].expected.as_deref(), l[0].found.as_deref()),
        (Some(new), Some(6), Some("11"), Some("12"))
    );
    assert!(l[0].message.contains("正文所写的数字也与此相符"), "{}", l[0].message);
    // N001 is not among what it explains: the table's relations only.
    assert_eq!(l[0].explains, vec!["B001", "B003"]);
}
