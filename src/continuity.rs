//! Continuity across years: checks among several checked reports, pairing
//! each report of year N with a report of the same agency for year N−1.
//!
//! - X001 (error): table B row 二 (上年结转) of year N must equal row 四
//!   (结转下年度继续办理) of year N−1, column by column.
//! - X002 (warning): for 规章 and 行政规范性文件, 现行有效件数 of year N must
//!   equal that of N−1 + 本年制发 − 本年废止 of year N.
//!
//! The rules' documentation is in the registry ([`crate::rules::RULES`], X001
//! and X002); the registry's per-document `check` cannot see two reports, so
//! the work is done here. Each finding belongs to the year-N report and
//! points at its cell, with the value year N−1 implies as `expected`.
//!
//! The same agency is recognised across small differences in writing
//! ([`same_agency`]): whitespace, full-width forms, and a leading name of
//! the higher-level place (淮安市洪泽区人民政府 = 洪泽区人民政府,
//! 吴忠市利通区… = 利通区…).

use crate::finding::{CellRef, Finding, Place};
use crate::format::{self, TableDef};
use crate::report::{CheckResult, Grid, ReportFacts, Status};
use crate::text::Span;
use crate::Severity;

/// The agency name as compared: folded, without whitespace.
pub fn agency_key(name: &str) -> String {
    crate::text::squash(name)
}

/// Units a leading place name may end with when it is dropped.
const HIGHER_UNITS: &[&str] = &["省", "自治区", "市", "州", "盟", "地区"];
/// Units that show a name begins with its own place (洪泽区…, 利通区…).
const PLACE_UNITS: &[char] = &['省', '市', '区', '县', '旗', '州', '盟'];

/// True when two agency names denote the same agency: equal once folded and
/// without whitespace, or one is the other with a higher-level place name
/// before it (淮安市 + 洪泽区人民政府), provided the shorter one still starts
/// with a place of its own (审批服务管理局 alone matches nothing).
pub fn same_agency(a: &str, b: &str) -> bool {
    let (ka, kb) = (agency_key(a), agency_key(b));
    if ka.is_empty() || kb.is_empty() {
        return false;
    }
    if ka == kb {
        return true;
    }
    let (long, short) = if ka.chars().count() >= kb.chars().count() {
        (ka, kb)
    } else {
        (kb, ka)
    };
    let Some(prefix) = long.strip_suffix(short.as_str()) else {
        return false;
    };
    let prefix_ok = prefix.chars().count() <= 16 && HIGHER_UNITS.iter().any(|u| prefix.ends_with(u));
    let own_place = short.chars().take(8).skip(1).any(|c| PLACE_UNITS.contains(&c));
    prefix_ok && own_place
}

struct Facts<'a> {
    name: &'a str,
    report: &'a ReportFacts,
    agency: &'a str,
    year: i32,
}

fn facts<'a>(name: &'a str, r: &'a CheckResult) -> Option<Facts<'a>> {
    if r.status != Status::Checked {
        return None;
    }
    let report = r.report.as_ref()?;
    Some(Facts {
        name,
        report,
        agency: report.agency.as_deref()?,
        year: report.year.or(report.period_year)?,
    })
}

fn grid<'a>(r: &'a ReportFacts, table: &str) -> Option<&'a Grid> {
    r.grids.iter().find(|g| g.table == table)
}

fn place_of(r: &ReportFacts, table: &str, row: usize, col: usize, section: u8) -> Place {
    grid(r, table)
        .and_then(|g| g.rows.get(row))
        .and_then(|row| row.cells.get(col))
        .and_then(|c| c.place)
        .or_else(|| r.sections.iter().find(|s| s.number == section).map(|s| s.place))
        .unwrap_or_default()
}

fn cell_ref(r: &ReportFacts, def: &'static TableDef, row: usize, col: usize) -> CellRef {
    let cell = grid(r, def.id).and_then(|g| g.rows.get(row)).and_then(|x| x.cells.get(col));
    CellRef {
        table: def.id,
        row,
        column: col,
        row_label: def.rows.get(row).map(|x| x.full_label()).unwrap_or_default(),
        column_label: def.column_label(row, col).to_string(),
        value: cell.and_then(|c| c.value.clone()),
        place: cell.and_then(|c| c.place),
        span: None,
    }
}

fn finding(code: &'static str, message: String, cur: &Facts, def: &'static TableDef, row: usize, col: usize) -> Finding {
    let mut f = Finding::new(code, message, Span::default())
        .in_section(format::section(def.section).numeral)
        .with_table(def);
    f.place = place_of(cur.report, def.id, row, col, def.section);
    f.row = Some(row);
    f.row_label = Some(def.rows[row].full_label());
    f.column = Some(col);
    f.column_label = Some(def.column_label(row, col).to_string());
    f
}

fn b_def(r: &ReportFacts) -> &'static TableDef {
    match r.tables.applications_layout {
        Some("2019") => &format::TABLE_B_2019,
        _ => &format::TABLE_B,
    }
}

/// Who the previous report is, for messages: 2023 年报告（file，agency）.
fn who(prev: &Facts, cur: &Facts) -> String {
    if agency_key(prev.agency) == agency_key(cur.agency) {
        format!("{} 年报告（{}）", prev.year, prev.name)
    } else {
        format!("{} 年报告（{}，{}）", prev.year, prev.name, prev.agency)
    }
}

/// X001 over one pair.
fn carried_over(cur: &Facts, prev: &Facts) -> Vec<Finding> {
    let (Some(now), Some(before)) = (&cur.report.tables.applications, &prev.report.tables.applications) else {
        return Vec::new();
    };
    let (def, prev_def) = (b_def(cur.report), b_def(prev.report));
    let (Some(r_carried), Some(r_next)) = (def.row_index("carried"), prev_def.row_index("carry_next")) else {
        return Vec::new();
    };
    let (Some(carried), Some(next)) = (now.get(r_carried), before.get(r_next)) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (c, (a, b)) in carried.iter().zip(next.iter()).enumerate() {
        let (Some(a), Some(b)) = (a, b) else { continue };
        if a == b {
            continue;
        }
        let col = def.column_label(r_carried, c);
        let msg = format!(
            "“{col}”一列：本年“上年结转”为 {a}，而 {}的“结转下年度继续办理”为 {b}；上年结转到本年的申请应与上年报告的结转数相等",
            who(prev, cur)
        );
        let mut f = finding("X001", msg, cur, def, r_carried, c).expected_found(b, a);
        f.cells = vec![cell_ref(cur.report, def, r_carried, c)];
        out.push(f);
    }
    out
}

/// X002 over one pair.
fn valid_documents(cur: &Facts, prev: &Facts) -> Vec<Finding> {
    let (Some(now), Some(before)) = (&cur.report.tables.active, &prev.report.tables.active) else {
        return Vec::new();
    };
    // The 2019 table's columns (新制作, 新公开, 对外公开总数) are not a stock.
    if now.layout != "2021" || before.layout != "2021" {
        return Vec::new();
    }
    let def = &format::TABLE_A;
    let mut out = Vec::new();
    for (row, (this, last)) in [(&now.rules, &before.rules), (&now.normative, &before.normative)]
        .into_iter()
        .enumerate()
    {
        let get = |v: &Vec<Option<u64>>, i: usize| v.get(i).copied().flatten().map(|x| x as i64);
        let (Some(issued), Some(repealed), Some(valid), Some(prev_valid)) = (get(this, 0), get(this, 1), get(this, 2), get(last, 2)) else {
            continue;
        };
        let expected = prev_valid + issued - repealed;
        if valid == expected {
            continue;
        }
        let label = def.rows[row].label;
        let why = if expected < 0 {
            "；结果为负，说明本年废止件数多于上年现行有效与本年制发之和"
        } else {
            "；如有文件到期失效或经清理重新统计，应在报告中说明"
        };
        let msg = format!(
            "“{label}”：现行有效件数为 {valid}，而 {}的现行有效 {prev_valid} 件 + 本年制发 {issued} 件 − 本年废止 {repealed} 件 = {expected}{why}",
            who(prev, cur)
        );
        let mut f = finding("X002", msg, cur, def, row, 2).expected_found(expected, valid);
        f.cells = (0..3).map(|c| cell_ref(cur.report, def, row, c)).collect();
        out.push(f);
    }
    out
}

/// The continuity findings among `reports` (name, result), each with the
/// index of the report (year N) it belongs to. A report is paired with the
/// first report of the same agency for the year before; reports that were
/// not checked, or whose agency or year was not recognised, take no part.
pub fn check(reports: &[(&str, &CheckResult)]) -> Vec<(usize, Finding)> {
    let facts: Vec<Option<Facts>> = reports.iter().map(|(n, r)| facts(n, r)).collect();
    let mut out = Vec::new();
    for (i, j) in pairs_of(&facts) {
        let (Some(cur), Some(prev)) = (&facts[i], &facts[j]) else {
            continue;
        };
        for f in carried_over(cur, prev).into_iter().chain(valid_documents(cur, prev)) {
            out.push((i, f));
        }
    }
    out
}

/// The pairs [`check`] compares: (year N, year N−1) indices into `reports`.
pub fn pairs(reports: &[(&str, &CheckResult)]) -> Vec<(usize, usize)> {
    let facts: Vec<Option<Facts>> = reports.iter().map(|(n, r)| facts(n, r)).collect();
    pairs_of(&facts)
}

fn pairs_of(facts: &[Option<Facts>]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for (i, cur) in facts.iter().enumerate() {
        let Some(cur) = cur else { continue };
        let prev = facts.iter().enumerate().position(|(j, p)| {
            j != i
                && p.as_ref()
                    .is_some_and(|p| p.year == cur.year - 1 && same_agency(p.agency, cur.agency))
        });
        if let Some(j) = prev {
            out.push((i, j));
        }
    }
    out
}

/// Checks several reports' texts (name, text) and their continuity: what
/// the page calls for a drop of many files, and the command line does in
/// steps. The results are in the order given.
pub fn check_many(texts: &[(&str, &str)]) -> Vec<CheckResult> {
    let mut results: Vec<(String, CheckResult)> = texts.iter().map(|(n, t)| (n.to_string(), crate::check(t))).collect();
    apply(&mut results);
    results.into_iter().map(|(_, r)| r).collect()
}

/// Runs [`check`] and adds each finding to its report, keeping findings in
/// text order and the summary counts right.
pub fn apply(results: &mut [(String, CheckResult)]) {
    let found = {
        let view: Vec<(&str, &CheckResult)> = results.iter().map(|(n, r)| (n.as_str(), r)).collect();
        check(&view)
    };
    for (i, f) in found {
        let r = &mut results[i].1;
        match f.severity {
            Severity::Error => r.summary.errors += 1,
            Severity::Warning => r.summary.warnings += 1,
            Severity::Info => r.summary.infos += 1,
        }
        r.findings.push(f);
    }
    for (_, r) in results.iter_mut() {
        r.findings.sort_by_key(|f| f.place.start);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agency_names() {
        assert!(same_agency("淮安市洪泽区人民政府", "洪泽区人民政府"));
        assert!(same_agency("吴忠市利通区审批服务管理局", "利通区 审批服务管理局"));
        assert!(same_agency("宁夏回族自治区中卫市审批服务管理局", "中卫市审批服务管理局"));
        assert!(same_agency("中卫市审批服务管理局", "中卫市审批服务管理局"));
        assert!(!same_agency("中卫市审批服务管理局", "审批服务管理局"));
        assert!(!same_agency("淮安市人民政府", "洪泽区人民政府"));
        assert!(!same_agency("洪泽区人民政府办公室", "洪泽区人民政府"));
        assert!(!same_agency("利通区应急管理局", "利通区审批服务管理局"));
        assert!(!same_agency("", ""));
    }
}
