//! The rules' side of the arithmetic, the way an XBRL calculation linkbase
//! drives summation checks: every relation of `format` is evaluated by
//! [`crate::arith`] over a parsed table, and a relation that fails becomes a
//! finding of its rule (A002, B001–B003, C001) with the reported value, the
//! computed one and every contributing cell, in Chinese.

use crate::arith::{self, Instance, Sides};
use crate::finding::Finding;
use crate::format::{Each, Op, TableDef};
use crate::parse::Table;
use crate::rules::Rule;

fn fmt_num(v: f64) -> String {
    // Integer arithmetic only: formatting an f64 would add the float
    // printing machinery (about 13 KB) to the wasm the page loads.
    if v.fract() == 0.0 || v.abs() >= 1e12 {
        return format!("{}", v.round() as i128);
    }
    let sign = if v < 0.0 { "-" } else { "" };
    let millionths = (v.abs() * 1e6).round() as u64;
    let (whole, frac) = (millionths / 1_000_000, millionths % 1_000_000);
    if frac == 0 {
        format!("{sign}{whole}")
    } else {
        let digits = format!("{frac:06}");
        format!("{sign}{whole}.{}", digits.trim_end_matches('0'))
    }
}

fn term_list(table: &Table, terms: &[(bool, usize, usize)], label: &dyn Fn(usize, usize) -> String, skip_zero: bool) -> String {
    let mut parts = Vec::new();
    let mut zeros = 0;
    for (k, &(neg, r, c)) in terms.iter().enumerate() {
        let v = table.number(r, c).unwrap_or(0.0);
        if skip_zero && v == 0.0 {
            zeros += 1;
            continue;
        }
        let sign = match (k, neg) {
            (0, false) => "",
            (0, true) => "−",
            (_, false) => " + ",
            (_, true) => " − ",
        };
        parts.push(format!("{}{} {}", sign, label(r, c), fmt_num(v)));
    }
    let mut s = parts.concat().trim_start_matches(" + ").to_string();
    if zeros > 0 && skip_zero {
        if s.is_empty() {
            s = "各项均为 0".to_string();
        } else {
            s.push_str("，其余各项为 0");
        }
    }
    s
}

fn finding(rule: &'static Rule, table: &Table, inst: &Instance, l: f64, r: f64) -> Finding {
    let def = table.def;
    let rel = inst.relation;
    let col_label = |r: usize, c: usize| def.column_label(r, c).to_string();
    let row_label = |r: usize, _c: usize| def.rows[r].full_label();
    // The cell a reviewer looks at first: the single cell of the left side,
    // else the first cell of the right side (B003: the 总计 row).
    let anchor = if inst.left.len() == 1 { inst.left[0] } else { inst.right[0] };
    let (_, ar, ac) = anchor;
    let (message, expected, found) = match rel.each {
        Each::Row | Each::Rows(_) if inst.left.len() == 1 && rel.op == Op::Eq => {
            let row = def.rows[inst.index].full_label();
            let total = col_label(ar, ac);
            let parts = term_list(table, &inst.right, &col_label, false);
            (
                format!("“{row}”一行：{total}应为 {}（{parts}），报告为 {}", fmt_num(r), fmt_num(l)),
                fmt_num(r),
                fmt_num(l),
            )
        }
        Each::Row | Each::Rows(_) => {
            let row = def.rows[inst.index].full_label();
            let left = term_list(table, &inst.left, &col_label, false);
            let right = term_list(table, &inst.right, &col_label, false);
            (
                format!(
                    "“{row}”：{left} 不应少于 {right} = {}（年末现行有效件数不会少于本年制发减本年废止）",
                    fmt_num(r)
                ),
                format!("≥ {}", fmt_num(r)),
                fmt_num(l),
            )
        }
        Each::Column if inst.left.len() == 1 => {
            let col = def.columns[inst.index];
            let total = def.rows[ar].full_label();
            let parts = term_list(table, &inst.right, &row_label, true);
            (
                format!("“{col}”一列：{total}应为 {}（{parts}），报告为 {}", fmt_num(r), fmt_num(l)),
                fmt_num(r),
                fmt_num(l),
            )
        }
        Each::Column => {
            let col = def.columns[inst.index];
            let left = term_list(table, &inst.left, &|r, _| short(def, r), false);
            let right = term_list(table, &inst.right, &|r, _| short(def, r), false);
            (
                format!(
                    "“{col}”一列：{left} = {}，而{right} = {}；按表中注明的勾稽关系两者应相等",
                    fmt_num(l),
                    fmt_num(r)
                ),
                fmt_num(l),
                fmt_num(r),
            )
        }
    };
    rule.finding(message, table.span)
        .at_cell(table, ar, ac)
        .expected_found(expected, found)
        .with_cells(table, inst.left.iter().chain(&inst.right).map(|&(_, r, c)| (r, c)))
}

/// A short row name for balance messages: 本年新收, 上年结转, （七）总计, 结转下年度.
fn short(def: &TableDef, r: usize) -> String {
    let l = def.rows[r].label;
    match def.rows[r].id {
        "new" => "本年新收".into(),
        "carried" => "上年结转".into(),
        "carry_next" => "结转下年度".into(),
        _ => l.to_string(),
    }
}

/// The instances of `code`'s relations in `table`, with both sides added
/// up (or the cells that could not be read).
fn evaluated<'t>(table: &'t Table, code: &'t str) -> impl Iterator<Item = (Instance, Sides)> + 't {
    table
        .def
        .relations
        .iter()
        .filter(move |r| r.code == code)
        .flat_map(|r| arith::instances(table.def, r))
        .map(|i| {
            let sides = i.sides(&|r, c| table.number(r, c));
            (i, sides)
        })
}

/// How many instances of `code`'s relations could not be checked because a
/// cell they need was not read (S004 names them).
pub fn not_assessed(table: &Table, code: &str) -> usize {
    evaluated(table, code).filter(|(_, s)| s.is_err()).count()
}

/// The findings of `rule` in `table` (instances that could not be assessed
/// are reported once per table by S004).
pub fn findings(table: Option<&Table>, rule: &'static Rule) -> Vec<Finding> {
    let Some(table) = table else { return Vec::new() };
    evaluated(table, rule.code)
        .filter_map(|(i, s)| match s {
            Ok((l, r)) if !i.holds_for(l, r) => Some(finding(rule, table, &i, l, r)),
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::fmt_num;

    #[test]
    fn numbers_as_messages_write_them() {
        assert_eq!(fmt_num(3.0), "3");
        assert_eq!(fmt_num(-7.0), "-7");
        assert_eq!(fmt_num(12.5), "12.5");
        assert_eq!(fmt_num(-0.25), "-0.25");
        assert_eq!(fmt_num(1.0 / 3.0), "0.333333");
        assert_eq!(fmt_num(18_446_744_073_709_551_615.0), "18446744073709551616");
    }
}
