//! Continuity across years (X): rules over a set of reports, pairing each
//! report of year N with a report of the same agency for year N−1.
//!
//! - X001 (error): table B row 二 (上年结转) of year N must equal row 四
//!   (结转下年度继续办理) of year N−1, column by column.
//! - X002 (warning): for 规章 and 行政规范性文件, 现行有效件数 of year N must
//!   equal that of N−1 + 本年制发 − 本年废止 of year N.
//!
//! Each finding belongs to the year-N report and points at its cell, with
//! the value year N−1 implies as `expected`.
//!
//! The same agency is recognised across small differences in writing
//! ([`same_agency`]): whitespace, full-width forms, and a leading name of
//! the higher-level place (淮安市洪泽区人民政府 = 洪泽区人民政府,
//! 吴忠市利通区… = 利通区…).

use super::{Check, Member, Rule};
use crate::facts::{Grid, ReportFacts};
use crate::finding::{CellRef, Finding, Place, Severity};
use crate::format::{self, TableDef};
use crate::text::Span;

/// X001 — year N's 上年结转 differs from year N−1's 结转下年度.
pub const X001: Rule = Rule {
    code: "X001",
    name: "continuity-carried-over",
    severity: Severity::Error,
    summary: "本年表三“二、上年结转政府信息公开申请数量”与同一机关上一年度报告“四、结转下年度继续办理”不一致（逐列比较）",
    why: "上一年结转到下年继续办理的申请，就是本年从上年结转来的申请，两份报告的这两行必须逐列相等；不相等说明其中一年漏报、多报，或申请在两年之间“消失”了。",
    example: "2023 年报告“四、结转下年度继续办理”自然人 1 件，2024 年报告“二、上年结转”自然人却为 0",
    check: Check::Reports(x001),
};

/// X002 — 现行有效件数 does not follow from last year's and this year's changes.
pub const X002: Rule = Rule {
    code: "X002",
    name: "continuity-valid-documents",
    severity: Severity::Warning,
    summary: "规章或行政规范性文件：本年现行有效件数 ≠ 上一年度现行有效件数 + 本年制发件数 − 本年废止件数",
    why: "现行有效件数是逐年滚动的存量：去年年末有效的，加上今年制发的，减去今年废止的，就是今年年末有效的。不相等时可能是某年数字填错；也可能有文件因有效期届满而失效、或经清理重新统计，这时应在报告中说明，所以只作警告。",
    example: "2023 年行政规范性文件现行有效 5 件；2024 年制发 3 件、废止 0 件，现行有效却填 6 件（应为 8 件）",
    check: Check::Reports(x002),
};

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

fn facts<'a>(m: &Member<'a>) -> Option<Facts<'a>> {
    let report = m.facts?;
    Some(Facts {
        name: m.name,
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

fn finding(rule: &'static Rule, message: String, cur: &Facts, def: &'static TableDef, row: usize, col: usize) -> Finding {
    let mut f = rule.finding(message, Span::default()).at(def, row, col);
    f.place = place_of(cur.report, def.id, row, col, def.section);
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
        let mut f = finding(&X001, msg, cur, def, r_carried, c).expected_found(b, a);
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
        let mut f = finding(&X002, msg, cur, def, row, 2).expected_found(expected, valid);
        f.cells = (0..3).map(|c| cell_ref(cur.report, def, row, c)).collect();
        out.push(f);
    }
    out
}

/// A rule over every pair (year N, year N−1) of the set: its findings, each
/// with the index of the year-N report.
fn over_pairs(reports: &[Member], rule: fn(&Facts, &Facts) -> Vec<Finding>) -> Vec<(usize, Finding)> {
    let facts: Vec<Option<Facts>> = reports.iter().map(facts).collect();
    let mut out = Vec::new();
    for (i, j) in pairs_of(&facts) {
        if let (Some(cur), Some(prev)) = (&facts[i], &facts[j]) {
            out.extend(rule(cur, prev).into_iter().map(|f| (i, f)));
        }
    }
    out
}

fn x001(reports: &[Member]) -> Vec<(usize, Finding)> {
    over_pairs(reports, carried_over)
}

fn x002(reports: &[Member]) -> Vec<(usize, Finding)> {
    over_pairs(reports, valid_documents)
}

/// The pairs the rules compare: (year N, year N−1) indices into `reports`.
/// A report is paired with the first report of the same agency for the year
/// before; reports not checked, or whose agency or year was not recognised,
/// take no part.
pub fn pairs(reports: &[Member]) -> Vec<(usize, usize)> {
    let facts: Vec<Option<Facts>> = reports.iter().map(facts).collect();
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agency_names() {
        assert!(same_agency("淮安市洪泽区人民政府", "洪泽区人民政府"));
        assert!(same_agency("淮安市 洪泽区人民政府", "洪泽区人民政府"));
        assert!(same_agency("吴忠市利通区审批服务管理局", "利通区 审批服务管理局"));
        assert!(same_agency("吴忠市利通区审批服务管理局", "利通区审批服务管理局"));
        assert!(same_agency("宁夏回族自治区中卫市审批服务管理局", "中卫市审批服务管理局"));
        assert!(same_agency("中卫市审批服务管理局", "中卫市审批服务管理局"));
        assert!(!same_agency("中卫市审批服务管理局", "审批服务管理局"));
        assert!(!same_agency("审批服务管理局", "中卫市审批服务管理局"));
        assert!(!same_agency("淮安市人民政府", "洪泽区人民政府"));
        assert!(!same_agency("淮安市人民政府", "淮安市洪泽区人民政府"));
        assert!(!same_agency("洪泽区人民政府办公室", "洪泽区人民政府"));
        assert!(!same_agency("利通区应急管理局", "利通区审批服务管理局"));
        assert!(!same_agency("", ""));
    }
}
