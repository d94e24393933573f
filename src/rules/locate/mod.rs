//! L001: which cell is most likely wrong. When a table's relations fail, the
//! smallest set of cells whose change makes every relation of the table hold
//! ([`locate`], [`locate_up_to`]), and the value each would need.

mod search;

pub use search::{locate, locate_up_to, Fix, Located, Need, MAX_EXPLANATIONS, MAX_PAIRS};

use super::{Check, Context, Rule};
use crate::finding::{CellRef, Change, Finding, Severity};
use crate::format::Op;
use crate::parse::{Document, Table, Value};

/// The most explanations listed; with more the finding is not given (the
/// figures cannot point at a cell).
pub const MAX_LISTED: usize = 5;

/// Prose ranking re-runs the narrative rules once per explanation; texts
/// longer than this (no real report comes near) are not ranked.
const MAX_RANKED_TEXT: usize = 2 * 1024 * 1024;

/// The rules whose prose figures can agree with a suggested value, each with
/// the one table it compares the prose with (a value put in another table
/// cannot change what it says, so it is not asked).
const PROSE_RULES: [(&Rule, &str); 5] = [
    (&super::narrative::N001, "B"),
    (&super::narrative::N002, "B"),
    (&super::narrative::N003, "B"),
    (&super::narrative::N004, "C"),
    (&super::narrative::N005, "A"),
];

const CIRCLED: [&str; 5] = ["①", "②", "③", "④", "⑤"];

/// The cell's name in messages: 表三“（三）不予公开·5.属于三类内部事务信息·自然人”.
fn cell_name(t: &Table, f: &Fix) -> String {
    let def = t.def;
    let row = def.rows.get(f.row).map(|r| r.full_label()).unwrap_or_default();
    format!("{row}·{}", def.column_label(f.row, f.column))
}

fn if_value(need: Need) -> String {
    match need {
        Need::Exactly(v) => format!("若为 {v}"),
        Need::AtLeast(v) => format!("若不少于 {v}"),
        Need::AtMost(v) => format!("若不超过 {v}"),
        Need::Between(a, b) => format!("若在 {a} 至 {b} 之间"),
    }
}

/// `“…·自然人”报告为 3，若为 2`, for each cell of an explanation.
fn describe(t: &Table, e: &[Fix]) -> String {
    // (Loops rather than iterator chains here: each chain is a new copy of
    // library code in the wasm the page loads.)
    let mut out = String::new();
    for f in e {
        if !out.is_empty() {
            out.push('；');
        }
        // A blank cell the engine counts as 0 is a reported 0.
        let found = match t.cell(f.row, f.column).map(|c| &c.value) {
            Some(Value::Blank(_)) => "空（按 0 计）".to_string(),
            _ => format!(" {}", f.found),
        };
        out.push_str(&format!("“{}”报告为{found}，{}", cell_name(t, f), if_value(f.need)));
    }
    out
}

/// How many N findings (prose against table `table`) a document raises
/// (counted when the rules ran on this context, else asked again).
fn prose_disagreements(cx: &Context, table: &str) -> usize {
    let count = |r: &Rule| match r.check {
        Check::Report(check) => cx.raised(r).unwrap_or_else(|| check(cx).len()),
        Check::Reports(_) => 0,
    };
    PROSE_RULES.iter().filter(|(_, t)| *t == table).map(|(r, _)| count(r)).sum()
}

/// What the prose says of an explanation: with its values put in the table,
/// fewer statements of the prose disagree with the table (it agrees: -1),
/// as many (0), or more (it contradicts: 1).
fn prose_verdict(cx: &Context, table: &Table, e: &[Fix], before: usize) -> i8 {
    let mut changed = cx.doc.clone();
    let slot = match table.def.id {
        "A" => changed.tables.active.as_mut(),
        "B" => changed.tables.applications.as_mut(),
        _ => changed.tables.review.as_mut(),
    };
    let Some(t) = slot else { return 0 };
    for f in e {
        if let Some(cell) = t.cells.get_mut(f.row).and_then(|r| r.get_mut(f.column)) {
            cell.value = Value::Count(f.need.nearest(f.found));
        }
    }
    let cx = Context::over(&changed, cx.prose.over(&changed));
    match prose_disagreements(&cx, table.def.id).cmp(&before) {
        std::cmp::Ordering::Less => -1,
        std::cmp::Ordering::Equal => 0,
        std::cmp::Ordering::Greater => 1,
    }
}

/// True when the cell is a total: the one cell on the left of an equality
/// (a row's 总计, a column's （七）总计, a group's 总计).
fn is_total(insts: &[crate::arith::Instance], f: &Fix) -> bool {
    insts
        .iter()
        .any(|i| i.relation.op == Op::Eq && i.left.len() == 1 && (i.left[0].1, i.left[0].2) == (f.row, f.column))
}

fn circled(ks: &[usize]) -> String {
    ks.iter().map(|&k| CIRCLED[k]).collect()
}

fn change(t: &Table, option: usize, f: &Fix) -> Change {
    let c = CellRef::of(t, f.row, f.column);
    Change {
        option,
        table: t.def.id,
        row: f.row,
        column: f.column,
        row_label: c.row_label,
        column_label: c.column_label,
        expected: f.need.display(),
        found: f.found.to_string(),
        place: None,
        span: c.span,
    }
}

/// An explanation with its rank: what the prose says of it (−1 agrees, 0
/// says nothing, 1 contradicts), then how many of its cells are not totals.
type Ranked<'l> = (i8, usize, &'l Vec<Fix>);

/// The explanations in the order listed: first those a figure of the prose
/// agrees with, last those it contradicts; then those that change only totals
/// (a total left at 0 or not updated is the commonest slip); then table order.
fn rank<'l>(cx: &Context, t: &Table, loc: &'l Located) -> Vec<Ranked<'l>> {
    let ranked_prose = cx.doc.text.len() <= MAX_RANKED_TEXT;
    let before = if ranked_prose { prose_disagreements(cx, t.def.id) } else { 0 };
    let insts = crate::arith::all_instances(t.def);
    let mut ranked: Vec<Ranked> = Vec::with_capacity(loc.explanations.len());
    for e in &loc.explanations {
        let verdict = if ranked_prose { prose_verdict(cx, t, e, before) } else { 0 };
        ranked.push((verdict, e.iter().filter(|f| !is_total(&insts, f)).count(), e));
    }
    crate::sort::insertion_sort(&mut ranked, |a, b| (a.0, a.1) < (b.0, b.1));
    ranked
}

/// L001's message: the cell (or cells) and value, or the options listed,
/// with what the prose says of them.
fn message(t: &Table, loc: &Located, ranked: &[Ranked]) -> String {
    let n = ranked.len();
    let (mut agreeing, mut contradicted) = (Vec::new(), Vec::new());
    for (k, r) in ranked.iter().enumerate() {
        if r.0 < 0 {
            agreeing.push(k);
        } else if r.0 > 0 {
            contradicted.push(k);
        }
    }
    let totals_first = n > 1 && ranked[0].1 == 0 && ranked[1].1 > 0 && ranked[0].0 == ranked[1].0;
    let best = ranked[0].2;
    let numeral = crate::format::section(t.def.section).numeral;
    let size = best.len();
    let scope = if loc.not_assessed > 0 {
        format!(
            "本表能核对的勾稽关系全部成立（另有 {} 处因单元格未能读取而无法核对）",
            loc.not_assessed
        )
    } else {
        "本表全部勾稽关系成立".to_string()
    };
    let explained = format!("可解释本表 {} 处勾稽关系不符（{}）", loc.failing, loc.codes.join("、"));
    let mut msg = if n == 1 {
        let what = describe(t, best);
        if size == 1 {
            format!("表{numeral}最可能出错的是{what}，则{scope}；{explained}")
        } else {
            format!("表{numeral}最可能出错的是这两格：{what}——两格都改，则{scope}（只改一格做不到）；{explained}")
        }
    } else {
        let mut list = String::new();
        for (k, (_, _, e)) in ranked.iter().enumerate() {
            list.push_str(if k > 0 { "；" } else { "" });
            list.push_str(CIRCLED[k]);
            list.push_str(&describe(t, e));
        }
        let unit = if size == 1 { "任一格" } else { "任一组两格" };
        format!("表{numeral}的勾稽关系不成立，改动以下{unit}都能使{scope}，仅凭报告文字无法判断是哪一种：{list}；{explained}")
    };
    let mut notes: Vec<String> = Vec::new();
    if n == 1 {
        if !agreeing.is_empty() {
            notes.push("正文所写的数字也与此相符".to_string());
        } else if !contradicted.is_empty() {
            notes.push("但正文所写的数字与此不符，请一并核对".to_string());
        }
    } else {
        if !agreeing.is_empty() {
            notes.push(format!("正文所写的数字与{}相符，可能性较大", circled(&agreeing)));
        }
        if !contradicted.is_empty() {
            notes.push(format!("正文所写的数字与{}不符", circled(&contradicted)));
        }
        if totals_first {
            notes.push("①只改动“总计”格（总计漏改或误填为 0 是常见的错误）".to_string());
        }
    }
    for note in notes {
        msg.push('。');
        msg.push_str(&note);
    }
    msg
}

/// The L001 finding for one table, if the search found something to say.
pub fn explain(doc: &Document, t: &Table, loc: &Located) -> Option<Finding> {
    explain_in(&Context::new(doc), t, loc)
}

/// [`explain`] with the report's prose already read.
fn explain_in(cx: &Context, t: &Table, loc: &Located) -> Option<Finding> {
    let n = loc.explanations.len();
    if n == 0 || n > MAX_LISTED || loc.capped {
        return None;
    }
    let ranked = rank(cx, t, loc);
    let msg = message(t, loc, &ranked);
    let best = ranked[0].2;
    let first = &best[0];
    let mut f = L001
        .finding(msg, t.span)
        .at_cell(t, first.row, first.column)
        .expected_found(first.need.display(), first.found);
    // The cells of every explanation listed, the first's first, each once.
    for (k, (_, _, e)) in ranked.iter().enumerate() {
        for x in e.iter() {
            if !f.cells.iter().any(|c| (c.row, c.column) == (x.row, x.column)) {
                f.cells.push(CellRef::of(t, x.row, x.column));
            }
            if k == 0 {
                f.changes.push(change(t, 1, x));
            }
            if n > 1 {
                f.alternatives.push(change(t, k + 1, x));
                if let Some(s) = t.cell(x.row, x.column).and_then(|c| c.span).filter(|_| k > 0) {
                    f.related_spans.push(s);
                }
            }
        }
    }
    // As serious as the most serious finding it explains (all errors today).
    f.severity = loc
        .codes
        .iter()
        .filter_map(|c| super::rule(c))
        .map(|r| r.severity)
        .min()
        .unwrap_or(f.severity);
    f.explains = loc.codes.clone();
    Some(f)
}

fn l001(cx: &Context) -> Vec<Finding> {
    let doc = cx.doc;
    let mut out = Vec::new();
    for t in doc.tables.all() {
        if let Some(f) = search::locate(t).and_then(|loc| explain_in(cx, t, &loc)) {
            out.push(f);
        }
    }
    out
}

/// L001 — the cell (or two) whose change would make every relation of its table hold.
pub const L001: Rule = Rule {
    code: "L001",
    name: "likely-wrong-cell",
    severity: Severity::Error,
    summary: "某张表的勾稽关系不成立时，最可能出错的一格（至多两格）：改动哪一格、改为多少就能使本表全部勾稽关系成立（非负整数）。只有一种改法时指明该格；同样简单的改法有几种（至多 5 种）时全部列出并说明仅凭报告文字无法判断，正文数字与其中一种相符的排在最前。未能读取的单元格从不作为建议",
    why: "一个填错的数字往往同时破坏行合计、列合计和勾稽关系，表上出现三四处不符、各列十几个单元格，审核人还得自己推算是哪一格错了。统计部门审核调查表的 Fellegi–Holt 原则：能让全部关系成立的最少改动最可能是真正的错误。只改一格就能解释全部不符、且只有一种改法时，基本可以断定是这一格；有几种改法时如实列出，由审核人对照原始台账判断。未能读取的单元格从不作为建议。",
    example: "（三）不予公开 5.属于三类内部事务信息：自然人 3、总计 2，（七）总计与勾稽关系都按 2 计算——“自然人”报告为 3，若为 2，则本表全部勾稽关系成立",
    check: Check::Report(l001),
};
