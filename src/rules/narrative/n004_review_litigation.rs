//! N004: the prose on review and litigation disagrees with table C.
//!
//! A sentence of section 一 or 四 that speaks of disclosure is read clause by
//! clause (at commas). A clause that names 复议 or 诉讼 either says there
//! were none ([`none_claimed`]) or counts them ([`group_counts`]); a clause
//! naming neither may give a result of the group counted just before
//! (其中结果维持 N 件: [`result_count`]).

use std::ops::Range;

use super::shared::{cells_of, sum, Claim};
use crate::finding::{Finding, Severity};
use crate::format::phrases::{
    Quantity, CASE_MARKS, CASE_RESULTS, CASE_UNITS, CORRECTION_VERBS, EVERY, EVERY_GAP, LITIGATION_WORDS, NARROWING, NOT_CLAIMS, NO_CASE,
    NO_CASES, OUTCOME_CLAIMS,
};
use crate::parse::Table;
use crate::prose::{self, find_any, rfind_any, split, Lexicon, Num, Prose, COMMA, SENTENCE};
use crate::rules::{Check, Context, Rule};
use crate::text::Span;

/// N004 — the prose on review and litigation disagrees with table C.
pub const N004: Rule = Rule {
    code: "N004",
    name: "narrative-review-litigation",
    severity: Severity::Warning,
    summary: "正文说没有因政府信息公开引起的行政复议、行政诉讼，而表四有案件；正文所写复议、诉讼件数与表四不符；或正文说“均获维持”“均被驳回”“无被纠错”“均已审结”“没有败诉”，而表四该组的结果纠正、其他结果或尚未审结有案件",
    why: "“无行政复议、行政诉讼”是常被照抄的套话；表四有案件时，它就与表格矛盾。“均获维持”“无被纠错”之类说的是结果，与表四该组的结果各栏核对：均获维持要求结果纠正、其他结果、尚未审结都为 0，均被驳回要求结果纠正、尚未审结为 0（驳回可计入其他结果），均已审结要求尚未审结为 0，无被纠错、没有败诉要求结果纠正为 0。",
    example: "无因政府信息公开引起的行政复议或行政诉讼（表四行政复议总计为 2）；被申请行政复议2件，均获维持（表四行政复议结果纠正为 1）",
    check: Check::Report(n004),
};

/// The columns of table C: 结果维持, 结果纠正, 其他结果, 尚未审结 …
const RESULTS: [usize; 4] = [0, 1, 2, 3];
/// … and 总计.
const CASE_TOTAL: usize = 4;

/// The two groups of cases of table C.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Group {
    Review,
    Litigation,
}

impl Group {
    /// Both, in the order a clause is read.
    const BOTH: [Group; 2] = [Group::Review, Group::Litigation];

    /// The word that names the group in the prose.
    fn word(self) -> &'static str {
        match self {
            Group::Review => "复议",
            Group::Litigation => "诉讼",
        }
    }

    /// Its rows of table C (litigation: without review and after review).
    fn rows(self) -> Vec<usize> {
        match self {
            Group::Review => vec![0],
            Group::Litigation => vec![1, 2],
        }
    }

    /// Its name in messages.
    fn name(self) -> &'static str {
        match self {
            Group::Review => "行政复议",
            Group::Litigation => "行政诉讼（未经复议直接起诉与复议后起诉）",
        }
    }

    /// Its name when it is several rows of table C (the two kinds of
    /// litigation), for a finding that compares their sum.
    fn group(self) -> Option<String> {
        (self.rows().len() > 1).then(|| self.name().to_string())
    }

    fn other(self) -> Group {
        match self {
            Group::Review => Group::Litigation,
            Group::Litigation => Group::Review,
        }
    }
}

/// A count of cases: N 件, N 起 or N 宗.
fn is_case(n: &Num) -> bool {
    n.unit.is_some_and(|u| CASE_UNITS.contains(&u))
}

/// The first count of cases after `from` (`None` when approximate).
fn case_after(nums: &[Num], from: usize) -> Option<&Num> {
    nums.iter().find(|n| n.range.start >= from && is_case(n)).filter(|n| !n.approx)
}

/// A clause as read (what does not depend on the table's values): its flat range, its
/// numbers, where it names each group, its claim on outcomes.
struct Reading {
    range: Range<usize>,
    nums: Vec<Num>,
    review: Option<usize>,
    litigation: Option<usize>,
    claim: Option<OutcomeClaim>,
}

/// The clauses of the sentences on disclosure where the prose may speak of table C, sentence by
/// sentence: read once per report ([`Prose`] keeps them), however often L001 asks N004 again
/// with other values in the table.
pub struct ReviewClauses(Vec<Vec<Reading>>);

impl ReviewClauses {
    fn read(p: &Prose, t: &Table) -> ReviewClauses {
        let text = p.text();
        let claims = claim_verbs();
        let mut sentences = Vec::new();
        for body in bodies(p, t) {
            for sentence in split(text, body, SENTENCE) {
                if !on_disclosure(&text[sentence.clone()]) {
                    continue;
                }
                let clauses = split(text, sentence, COMMA)
                    .into_iter()
                    .map(|range| {
                        let clause = &text[range.clone()];
                        let mut r = Reading {
                            nums: prose::numbers(text, range.clone()),
                            review: clause.find(Group::Review.word()),
                            litigation: clause.find(Group::Litigation.word()),
                            range,
                            claim: None,
                        };
                        r.claim = outcome_claim(&claims, &r.clause(text));
                        r
                    })
                    .collect();
                sentences.push(clauses);
            }
        }
        ReviewClauses(sentences)
    }
}

impl Reading {
    /// The clause in the flat text `flat`.
    fn clause<'a>(&'a self, flat: &'a str) -> Clause<'a> {
        Clause {
            range: self.range.clone(),
            text: &flat[self.range.clone()],
            nums: &self.nums,
            review: self.review,
            litigation: self.litigation,
        }
    }
}

/// A clause, its numbers, and where it names each group.
struct Clause<'a> {
    /// Flat byte range.
    range: Range<usize>,
    text: &'a str,
    nums: &'a [Num],
    /// Offsets in `text` of the first 复议 and the first 诉讼.
    review: Option<usize>,
    litigation: Option<usize>,
}

impl Clause<'_> {
    /// Where the clause names the group (offset in the clause).
    fn at(&self, g: Group) -> Option<usize> {
        match g {
            Group::Review => self.review,
            Group::Litigation => self.litigation,
        }
    }

    /// A word of negation before the first group named (无行政复议…): its
    /// offset in the clause.
    fn negation(&self) -> Option<usize> {
        let first = self.review.into_iter().chain(self.litigation).min()?;
        rfind_any(&self.text[..first], NO_CASES).map(|(at, _)| at)
    }

    /// True when the other group is named before `g` with no count between
    /// them: 行政复议和行政诉讼共 N 件, one figure for both.
    fn counted_together(&self, g: Group) -> bool {
        let (Some(at), Some(other)) = (self.at(g), self.at(g.other())) else {
            return false;
        };
        let between = self.range.start + other..self.range.start + at;
        other < at
            && !self
                .nums
                .iter()
                .any(|n| is_case(n) && n.range.start > between.start && n.range.start < between.end)
    }
}

/// Where the prose may speak of table C: section 一, and section 四 before
/// the table's first figure and after its last.
fn bodies(p: &Prose, t: &Table) -> Vec<Range<usize>> {
    let mut bodies: Vec<Range<usize>> = p.section(1).into_iter().collect();
    let Some(four) = p.section(4) else { return bodies };
    let spans: Vec<_> = t.cells.iter().flatten().filter_map(|c| c.span).collect();
    match (spans.iter().map(|s| s.start).min(), spans.iter().map(|s| s.end).max()) {
        (Some(a), Some(b)) => {
            let a = p.flat.range_of(Span::new(0, a)).end.clamp(four.start, four.end);
            let b = p.flat.range_of(Span::new(0, b)).end.clamp(four.start, four.end);
            bodies.push(four.start..a);
            bodies.push(b..four.end);
        }
        _ => bodies.push(four),
    }
    bodies
}

/// True for a sentence that says it speaks of disclosure (the table's own
/// header words never do).
fn on_disclosure(s: &str) -> bool {
    s.contains("信息公开") || s.contains("依申请") || s.contains("公开申请")
}

fn n004(cx: &Context) -> Vec<Finding> {
    let doc = cx.doc;
    let Some(t) = doc.tables.review.as_ref() else { return Vec::new() };
    let p = &cx.prose;
    let text = p.text();
    let mut out = Vec::new();
    let read = p.review_clauses.get_or_init(|| std::sync::Arc::new(ReviewClauses::read(p, t)));
    for sentence in &read.0 {
        // The group the sentence last counted, for 其中结果维持 N 件,
        // and the groups it named, for 均获维持.
        let mut last: Option<Group> = None;
        let mut named: Vec<Group> = Vec::new();
        let mut named_from = sentence.first().map_or(0, |r| r.range.start);
        for r in sentence {
            let c = r.clause(text);
            let own: Vec<Group> = Group::BOTH.into_iter().filter(|&g| c.at(g).is_some()).collect();
            if named.is_empty() {
                named_from = c.range.start;
            }
            for &g in &own {
                if !named.contains(&g) {
                    named.push(g);
                }
            }
            if let Some(claim) = &r.claim {
                let (groups, from) = if own.is_empty() {
                    (&named, named_from)
                } else {
                    (&own, c.range.start)
                };
                out.extend(claim_contradicted(p, t, from..c.range.end, claim, groups));
            }
            if c.review.is_none() && c.litigation.is_none() {
                out.extend(last.and_then(|g| result_count(p, t, &c, g)));
            } else if let Some(neg_at) = c.negation() {
                out.extend(none_claimed(p, t, &c, neg_at));
            } else {
                out.extend(group_counts(p, t, &c, &mut last));
            }
        }
    }
    out
}

/// A claim on the outcome of cases (均获维持, 无被纠错): its flat range
/// (from 均/无 to the verb), the verb and the columns of table C it leaves at 0.
struct OutcomeClaim {
    range: Range<usize>,
    verb: &'static str,
    columns: &'static [usize],
}

/// The claim verbs, read in one pass.
fn claim_verbs() -> Lexicon<(Quantity, &'static [usize])> {
    Lexicon::new(OUTCOME_CLAIMS)
}

/// The first claim on the outcome of cases in a clause: a verb of
/// `OUTCOME_CLAIMS` with 均/全部 at most `EVERY_GAP` characters before it and
/// no negation between (均未审结 is no claim that all ended), or with a
/// negation before it in the clause (无因政府信息公开被纠错; 纠错 and 纠正
/// only in a clause on cases: `CORRECTION_VERBS`).
fn outcome_claim(claims: &Lexicon<(Quantity, &'static [usize])>, c: &Clause) -> Option<OutcomeClaim> {
    claims.find_all(c.text).into_iter().find_map(|(at, verb, (q, columns))| {
        let before = &c.text[..at];
        if NOT_CLAIMS.iter().any(|w| c.text[at..].starts_with(w)) {
            return None;
        }
        let of_cases = c.review.is_some() || c.litigation.is_some() || c.text.contains(CASE_MARKS);
        if CORRECTION_VERBS.contains(&verb) && !of_cases {
            return None;
        }
        let from = match q {
            Quantity::Every => {
                let window = before.char_indices().rev().nth(EVERY_GAP - 1).map_or(0, |(i, _)| i);
                let (q_at, w) = rfind_any(&before[window..], EVERY).map(|(i, w)| (window + i, w))?;
                let between = &before[q_at + w.len()..];
                if rfind_any(between, NO_CASE).is_some() || between.contains('不') {
                    return None;
                }
                q_at
            }
            Quantity::No => rfind_any(before, NO_CASE)?.0,
        };
        Some(OutcomeClaim {
            range: c.range.start + from..c.range.start + at + verb.len(),
            verb,
            columns,
        })
    })
}

/// A claim on the outcome of the cases of `groups` against table C: a
/// finding for each group with a case in a column the claim leaves at 0.
/// `said` is what the message quotes: from the clause that named the groups
/// to the claim's clause.
fn claim_contradicted(p: &Prose, t: &Table, said: Range<usize>, claim: &OutcomeClaim, groups: &[Group]) -> Vec<Finding> {
    let mut out = Vec::new();
    let litigation_only = LITIGATION_WORDS.contains(&claim.verb);
    for &g in groups.iter().filter(|&&g| !litigation_only || g == Group::Litigation) {
        let rows = g.rows();
        let mut cells = Vec::new();
        let mut says = Vec::new();
        for &col in claim.columns {
            let c: Vec<(usize, usize)> = cells_of(&rows, &[col])
                .into_iter()
                .filter(|&(r, col)| t.cell(r, col).and_then(|x| x.value.count()).is_some_and(|v| v > 0))
                .collect();
            let Some(n) = sum(t, &c).filter(|&n| n > 0) else { continue };
            says.push((t.def.columns[col], n));
            cells.extend(c);
        }
        if says.is_empty() {
            continue;
        }
        let words = p.quote(claim.range.clone());
        let quote = p.quote(said.clone());
        let table: Vec<String> = says.iter().map(|(col, n)| format!("“{col}” {n} 件")).collect();
        let expected: Vec<String> = says.iter().map(|(col, n)| format!("{col} {n}")).collect();
        let msg = format!("文中说“{quote}”，表四“{}”却有{}", g.name(), table.join("、"));
        let finding = Claim {
            phrase: claim.range.clone(),
            table: t,
            cells,
            group: g.group(),
        };
        out.push(finding.finding(p, &N004, msg, expected.join("、"), words));
    }
    out
}

/// 其中结果维持 N 件 after a clause that counted group `g`: the figure
/// against that column of table C.
fn result_count(p: &Prose, t: &Table, c: &Clause, g: Group) -> Option<Finding> {
    let rest = c.text.strip_prefix("其中").unwrap_or(c.text);
    let &(word, col) = CASE_RESULTS.iter().find(|(w, _)| rest.starts_with(w))?;
    let kw_at = c.range.start + (c.text.len() - rest.len());
    let num = case_after(c.nums, kw_at + word.len())?;
    let cells = cells_of(&g.rows(), &[col]);
    let n = sum(t, &cells)?;
    if n == num.value {
        return None;
    }
    let quote = p.quote(c.range.clone());
    let msg = format!(
        "文中{}“{quote}”为 {} 件，表四“{}”的“{}”为 {n}",
        g.name(),
        num.value,
        g.name(),
        t.def.columns[col]
    );
    let claim = Claim {
        phrase: kw_at..num.end,
        table: t,
        cells,
        group: g.group(),
    };
    Some(claim.finding(p, &N004, msg, n, num.value))
}

/// 无行政复议、行政诉讼 (the negation at `neg_at` in the clause) while table
/// C has cases: a finding for each group named. A clause that narrows the
/// claim (无被纠错案件) or gives a count is not one.
fn none_claimed(p: &Prose, t: &Table, c: &Clause, neg_at: usize) -> Vec<Finding> {
    if find_any(c.text, NARROWING).is_some() || c.nums.iter().any(|n| is_case(n) && n.value > 0) {
        return Vec::new();
    }
    let mut out = Vec::new();
    for g in Group::BOTH.into_iter().filter(|&g| c.at(g).is_some()) {
        let rows = g.rows();
        let cells: Vec<(usize, usize)> = cells_of(&rows, &[0, 1, 2, 3, CASE_TOTAL])
            .into_iter()
            .filter(|&(r, col)| t.cell(r, col).and_then(|x| x.value.count()).is_some_and(|v| v > 0))
            .collect();
        if cells.is_empty() {
            continue;
        }
        let total = sum(t, &cells_of(&rows, &[CASE_TOTAL])).unwrap_or(0);
        let parts = sum(t, &cells_of(&rows, &RESULTS)).unwrap_or(0);
        let quote = p.quote(c.range.clone());
        let msg = format!("文中说“{quote}”，表四“{}”却有案件（总计 {total}，四种结果之和 {parts}）", g.name());
        let claim = Claim {
            phrase: c.range.start + neg_at..c.range.end,
            table: t,
            cells,
            group: g.group(),
        };
        out.push(claim.finding(p, &N004, msg, total.max(parts), 0));
    }
    out
}

/// 行政复议 N 件 / 行政诉讼 N 件: each figure against its group's total (or
/// the sum of its four results). Sets `last` to the last group counted.
fn group_counts(p: &Prose, t: &Table, c: &Clause, last: &mut Option<Group>) -> Vec<Finding> {
    // 行政复议、行政诉讼各 N 件: not read.
    if c.review.is_some() && c.litigation.is_some() && c.text.contains('各') {
        return Vec::new();
    }
    let mut out = Vec::new();
    for g in Group::BOTH {
        let Some(at) = c.at(g) else { continue };
        if c.counted_together(g) {
            continue;
        }
        let kw_end = at + g.word().len();
        let Some(num) = case_after(c.nums, c.range.start + kw_end) else {
            continue;
        };
        let gap = &c.text[kw_end..num.range.start - c.range.start];
        if gap.chars().count() > 4 || gap.contains("复议") || gap.contains("诉讼") || gap.contains('各') || gap.contains("其中") {
            continue;
        }
        *last = Some(g);
        let rows = g.rows();
        let totals = cells_of(&rows, &[CASE_TOTAL]);
        let (Some(total), Some(parts)) = (sum(t, &totals), sum(t, &cells_of(&rows, &RESULTS))) else {
            continue;
        };
        if num.value == total || num.value == parts {
            continue;
        }
        let quote = p.quote(c.range.clone());
        let msg = format!("文中“{quote}”为 {} 件，表四“{}”总计为 {total}", num.value, g.name());
        let claim = Claim {
            phrase: c.range.start + at..num.end,
            table: t,
            cells: totals,
            group: g.group(),
        };
        out.push(claim.finding(p, &N004, msg, total, num.value));
    }
    out
}
