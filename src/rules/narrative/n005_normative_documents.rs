//! N005: figures for normative documents disagree with table A.

use super::shared::{is_count, sum, Claim};
use crate::finding::{Finding, Severity};
use crate::format::phrases::{DocFigure, CHANGE, DOC_SCOPE, DOC_VERBS, OTHER_ACTIONS, OTHER_DOCUMENTS};
use crate::parse::Table;
use crate::prose::{self, find_any, split, Lexicon, CLAUSE, SENTENCE};
use crate::rules::{Check, Context, Rule};

/// N005 — figures for normative documents disagree with table A.
pub const N005: Rule = Rule {
    code: "N005",
    name: "narrative-normative-documents",
    severity: Severity::Warning,
    summary: "正文所写制发（印发、公开）、废止、现行有效（清理、集中发布）的规章或行政规范性文件件数与表二第二十条第（一）项不符",
    why: "表二第二十条第（一）项就是这三个数；正文复述时应一致。只比较明说“规范性文件”“规章”的句子，“政策性文件”“公文”不比较。“清理并集中发布现行有效…N件”与现行有效件数比较；“公开、发布N件”可指本年制发的或现行有效的，“清理N件”可指现行有效的或清理过的（现行有效与废止之和），两种读法都不相符才报告。",
    example: "废止行政规范性文件7件，现行有效0件（表二行政规范性文件本年废止为 0）；清理并集中发布现行有效行政规范性文件40件（现行有效件数为 38）",
    check: Check::Report(n005),
};

/// The row of table A a clause speaks of (0 规章, 1 行政规范性文件) and its
/// name. A clause that names neither keeps the sentence's `last` kind,
/// unless it names another kind of document, which ends it.
fn document_kind(s: &str, last: Option<(usize, &'static str)>) -> Option<(usize, &'static str)> {
    if s.contains("规范性文件") {
        Some((1, "行政规范性文件"))
    } else if s.contains("规章") && !s.contains("规章制度") {
        Some((0, "规章"))
    } else if OTHER_DOCUMENTS.iter().any(|w| s.contains(w)) {
        None
    } else {
        last
    }
}

/// The verbs of documents, read in one pass.
fn verbs() -> Lexicon<DocFigure> {
    Lexicon::new(DOC_VERBS)
}

/// The last verb of `DOC_VERBS` in `before`: (its offset, the verb, the figure it names).
fn last_verb(verbs: &Lexicon<DocFigure>, before: &str) -> Option<(usize, &'static str, DocFigure)> {
    verbs.find_all(before).pop()
}

fn n005(cx: &Context) -> Vec<Finding> {
    let doc = cx.doc;
    let Some(t) = doc.tables.active.as_ref() else { return Vec::new() };
    let p = &cx.prose;
    let text = p.text();
    let Some(body) = p.section(1) else { return Vec::new() };
    let mut out = Vec::new();
    let verbs = verbs();
    for sentence in split(text, body, SENTENCE) {
        let mut kind: Option<(usize, &'static str)> = None;
        for cl in split(text, sentence, CLAUSE) {
            let s = &text[cl.clone()];
            kind = document_kind(s, kind);
            let Some((row, row_label)) = kind else { continue };
            if find_any(s, CHANGE).is_some() {
                continue;
            }
            let nums = prose::numbers(text, cl.clone());
            let Some(first) = nums.iter().find(|n| is_count(n)) else {
                continue;
            };
            if first.approx {
                continue;
            }
            let Some((vat, _, figure)) = last_verb(&verbs, &text[cl.start..first.range.start]) else {
                continue;
            };
            // 审核、备案… N 件 counts other work, unless the figure is said to be those in force.
            if (figure != DocFigure::Valid && find_any(s, OTHER_ACTIONS).is_some()) || find_any(s, DOC_SCOPE).is_some() {
                continue;
            }
            let Some(says) = disagreement(t, (row, row_label), figure, first.value) else {
                continue;
            };
            let msg = format!("文中“{}”为 {} 件，{}", p.quote(cl.clone()), first.value, says.message);
            let claim = Claim {
                phrase: cl.start + vat..first.end,
                table: t,
                cells: says.cells,
                group: None,
            };
            out.push(claim.finding(p, &N005, msg, says.expected, first.value));
        }
    }
    out
}

/// What table A says against the prose: the second half of the message, the
/// cells and the expected value.
struct TableSays {
    message: String,
    cells: Vec<(usize, usize)>,
    expected: String,
}

/// What table A says where `said` (the figure after a verb naming `figure`)
/// disagrees with row `row`; `None` when it agrees with a reading of the
/// verb. 公开/发布 N 件 may count the year's new documents or all those in
/// force (a published catalogue); 清理 N 件 those in force, or those
/// examined (in force and repealed).
fn disagreement(t: &Table, (row, row_label): (usize, &str), figure: DocFigure, said: u64) -> Option<TableSays> {
    let column = |col: usize| Some((col, sum(t, &[(row, col)])?));
    let (a, b) = match figure {
        DocFigure::Issued => (column(0)?, None),
        DocFigure::Repealed => (column(1)?, None),
        DocFigure::Valid => (column(2)?, None),
        DocFigure::IssuedOrValid => (column(0)?, Some(column(2)?)),
        DocFigure::Examined => (column(2)?, Some(column(1)?)),
    };
    let (col, n) = a;
    if n == said {
        return None;
    }
    let col_label = |c: usize| t.def.column_label(row, c);
    let Some((other, m)) = b else {
        return Some(TableSays {
            message: format!("表二“{row_label}”的“{}”为 {n}", col_label(col)),
            cells: vec![(row, col)],
            expected: n.to_string(),
        });
    };
    if figure == DocFigure::IssuedOrValid {
        if m == said {
            return None;
        }
        return Some(TableSays {
            message: format!(
                "表二“{row_label}”的“{}”为 {n}、“{}”为 {m}：“公开”可指本年制发的，也可指现行有效的，两种读法都不相符",
                col_label(col),
                col_label(other)
            ),
            cells: vec![(row, col), (row, other)],
            expected: format!("{n} 或 {m}"),
        });
    }
    // 清理: those in force, or those in force and those repealed.
    if n + m == said {
        return None;
    }
    Some(TableSays {
        message: format!(
            "表二“{row_label}”的“{}”为 {n}，连同“{}” {m} 为 {}：“清理”的可指现行有效的，也可指清理过的（现行有效与废止的），两种读法都不相符",
            col_label(col),
            col_label(other),
            n + m
        ),
        cells: vec![(row, other), (row, col)],
        expected: format!("{n} 或 {}", n + m),
    })
}
