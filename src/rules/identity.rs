//! The agency (I001): the body named in the title, in the 现发布《…》 sentence
//! and in the contact lines must be the same. A report copied from another
//! agency's often keeps the other agency's name in one of them.

use std::ops::Range;

use super::{Check, Context, Rule};
use crate::finding::{Finding, Severity};
use crate::format::phrases::{CONTACT_BEFORE, GOVERNMENT_SUFFIXES, NAME_ENDS, OFFICE_SUFFIXES, PLACE_ENDS};
use crate::prose::{self};

/// A body's name split into its places and the rest: 吴忠市利通区审批服务管理局 →
/// ([吴忠市, 利通区], 审批服务管理局). The government of a place has an empty rest.
#[derive(Debug, PartialEq)]
pub(crate) struct Body {
    places: Vec<String>,
    rest: String,
}

pub(crate) fn body(name: &str) -> Body {
    let mut s: String = name.chars().filter(|c| !c.is_whitespace()).collect();
    loop {
        let before = s.len();
        for suf in OFFICE_SUFFIXES.iter().chain(GOVERNMENT_SUFFIXES) {
            if let Some(t) = s.strip_suffix(suf) {
                s = t.to_string();
            }
        }
        if s.len() == before {
            break;
        }
    }
    let mut places = Vec::new();
    let mut rest: &str = &s;
    while let Some((i, c)) = rest.char_indices().find(|&(_, c)| PLACE_ENDS.contains(&c)) {
        let chunk = &rest[..i + c.len_utf8()];
        let n = chunk.chars().count();
        if !(2..=9).contains(&n) {
            break;
        }
        places.push(chunk.to_string());
        rest = &rest[i + c.len_utf8()..];
    }
    Body {
        places,
        rest: rest.to_string(),
    }
}

/// True when `a`'s characters occur in `b` in order (审批服务局 in 审批服务管理局).
fn subsequence(a: &str, b: &str) -> bool {
    let mut it = b.chars();
    a.chars().all(|c| it.any(|d| d == c))
}

/// Whether two names are the same body: `Some(true)`, `Some(false)`, or
/// `None` when the names do not say (no place named).
pub(crate) fn same_body(a: &Body, b: &Body) -> Option<bool> {
    if a.places.is_empty() || b.places.is_empty() {
        return None;
    }
    let (short, long) = if a.places.len() <= b.places.len() { (a, b) } else { (b, a) };
    let places_agree = long.places.ends_with(&short.places);
    let rests_agree =
        a.rest == b.rest || (!a.rest.is_empty() && !b.rest.is_empty() && (subsequence(&a.rest, &b.rest) || subsequence(&b.rest, &a.rest)));
    Some(places_agree && rests_agree)
}

struct Named {
    range: Range<usize>,
    name: String,
    what: &'static str,
}

/// 请联系X（地址…）: the body named after 联系 at `at`, when a word of
/// `CONTACT_BEFORE` stands right before it (请, 可, 欢迎 …).
fn contact_after(text: &str, at: usize, end: usize) -> Option<Named> {
    if !CONTACT_BEFORE.iter().any(|w| text[..at].ends_with(w)) {
        return None;
    }
    let from = at + "联系".len();
    let to = prose::ahead(text, from, 30).min(end);
    let stop = text[from..to]
        .char_indices()
        .find(|&(i, c)| NAME_ENDS.contains(&c) || text[from + i..].starts_with("电话") || text[from + i..].starts_with("地址"))
        .map_or(to, |(i, _)| from + i);
    (stop > from).then(|| Named {
        range: from..stop,
        name: text[from..stop].to_string(),
        what: "联系方式中的机关",
    })
}

/// The signature: the body named right before the date that ends the
/// report (平潭综合实验区君山片区管理局 2024年1月12日), after the last sentence.
fn signature(p: &prose::Prose) -> Option<Named> {
    let text = p.text();
    let from = text.char_indices().rev().nth(50).map_or(0, |(i, _)| i);
    let nums = prose::numbers(text, from..text.len());
    let [.., year, month, day] = &nums[..] else { return None };
    let dated = year.is_year()
        && month.unit == Some('月')
        && day.unit == Some('日')
        && year.end == month.range.start
        && month.end == day.range.start
        && day.end == text.len();
    if !dated {
        return None;
    }
    let before = &text[from..year.range.start];
    let start = before
        .rfind(NAME_ENDS)
        .map(|i| from + i + before[i..].chars().next().map_or(1, char::len_utf8))?;
    let name = &text[start..year.range.start];
    (!name.is_empty() && name.chars().count() <= 30).then(|| Named {
        range: start..year.range.start,
        name: name.to_string(),
        what: "落款中的机关",
    })
}

fn i001(cx: &Context) -> Vec<Finding> {
    let doc = cx.doc;
    let p = &cx.prose;
    let text = p.text();
    let mut names: Vec<Named> = Vec::new();
    // 现发布《X YYYY年…》.
    for at in prose::find_all(text, p.preamble(), "现发布《") {
        let from = at + "现发布《".len();
        let end = text[from..].find('》').map_or(from, |e| from + e);
        if let Some(y) = prose::numbers(text, from..end).into_iter().find(|n| n.is_year()) {
            if y.range.start > from {
                names.push(Named {
                    range: from..y.range.start,
                    name: text[from..y.range.start].to_string(),
                    what: "“现发布《…》”中的机关",
                });
            }
        }
    }
    // 与X联系, in the preamble and in section 六 (the closing lines).
    let mut regions = vec![p.preamble()];
    regions.extend(p.section(6));
    for r in regions {
        for at in prose::find_all(text, r.clone(), "联系") {
            if let Some(named) = contact_after(text, at, r.end) {
                names.push(named);
                continue;
            }
            let back = text[..at].char_indices().rev().nth(40).map_or(0, |(i, _)| i);
            let Some(w) = text[back..at].rfind('与') else { continue };
            let from = back + w + '与'.len_utf8();
            let from = if text[from..at].starts_with("直接") {
                from + "直接".len()
            } else {
                from
            };
            let name = &text[from..at];
            if name.is_empty() || name.contains([',', '。', ';', ':', '(', ')', '、']) {
                continue;
            }
            names.push(Named {
                range: from..at,
                name: name.to_string(),
                what: "联系方式中的机关",
            });
        }
    }
    names.extend(signature(p));
    // The reference: the title's agency, else the first name found.
    let title = doc.agency.as_ref().map(|a| {
        let r = p.flat.range_of(a.span);
        Named {
            name: text[r.clone()].to_string(),
            range: r,
            what: "标题中的机关",
        }
    });
    let (reference, others): (&Named, &[Named]) = match &title {
        Some(t) => (t, &names),
        None => match names.split_first() {
            Some((first, rest)) => (first, rest),
            None => return Vec::new(),
        },
    };
    let ref_body = body(&reference.name);
    let mut out = Vec::new();
    for n in others {
        let b = body(&n.name);
        if same_body(&ref_body, &b) != Some(false) {
            continue;
        }
        // A bureau's report that gives the government's office as the
        // contact: not another bureau's name. Decline.
        if n.what == "联系方式中的机关" && b.rest.is_empty() && !ref_body.rest.is_empty() {
            continue;
        }
        let msg = format!(
            "{}“{}”与{}“{}”不是同一机关（可能沿用了其他单位的报告）",
            n.what,
            p.quote(n.range.clone()),
            reference.what,
            p.quote(reference.range.clone())
        );
        let mut f = I001
            .finding(msg, p.span(n.range.clone()))
            .expected_found(p.quote(reference.range.clone()), p.quote(n.range.clone()))
            .with_related(p.span(reference.range.clone()));
        if let Some(sec) = p.section_at(n.range.start) {
            f = f.in_section(sec);
        }
        out.push(f);
    }
    out
}

/// I001 — the agency is named inconsistently.
pub const I001: Rule = Rule {
    code: "I001",
    name: "agency-name-mismatch",
    severity: Severity::Warning,
    summary: "标题、“现发布《…》”一句、联系方式（请与…联系、请联系…）和落款中的机关名称不是同一机关（“吴忠市利通区…”与“利通区…”视为同一机关；一地的管委会、管理委员会、人民政府、党工委管委会就是该地，“…办公室”“…政务公开办”“…政务服务中心”视为本机关）",
    why: "年报是一个机关的报告；其中出现别的机关名称，多是照抄其他单位的报告后漏改，读者会怀疑全部内容。",
    example: "标题为“利通区审批服务管理局…”，结尾却写“请与利通区应急管理局办公室联系”；标题为“平潭综合实验区君山片区管理局…”，落款却是“平潭综合实验区苏平片区管理局”（标题“平潭综合实验区”与“平潭综合实验区管委会办公室”是同一机关，不报告）",
    check: Check::Report(i001),
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bodies() {
        let a = body("吴忠市利通区审批服务管理局");
        assert_eq!(a.places, vec!["吴忠市", "利通区"]);
        assert_eq!(a.rest, "审批服务管理局");
        assert_eq!(same_body(&a, &body("利通区审批服务管理局办公室")), Some(true));
        assert_eq!(same_body(&a, &body("利通区应急管理局")), Some(false));
        assert_eq!(same_body(&a, &body("中卫市审批服务管理局")), Some(false));
        assert_eq!(same_body(&body("洪泽区人民政府"), &body("淮安市洪泽区人民政府办公室")), Some(true));
        assert_eq!(
            same_body(&body("平潭综合实验区"), &body("平潭综合实验区政府信息公开工作领导小组办公室")),
            Some(true)
        );
        assert_eq!(same_body(&body("利通区"), &body("利通区人民政府")), Some(true));
        assert_eq!(body("吴忠市市场监督管理局").rest, "市场监督管理局");
        assert_eq!(same_body(&body("红寺堡区审批服务管理局"), &body("红寺堡区审批服务局")), Some(true));
        // A place's government, by any of its names, and its offices are the place (issue 18).
        let zone = body("平潭综合实验区");
        for name in [
            "平潭综合实验区管委会办公室",
            "平潭综合实验区管理委员会",
            "平潭综合实验区党工委管委会政务公开办",
            "平潭综合实验区人民政府政务服务中心",
            "平潭综合实验区政府办公室",
        ] {
            assert_eq!(same_body(&zone, &body(name)), Some(true), "{name}");
        }
        assert_eq!(same_body(&body("淮安市洪泽区人民政府"), &body("洪泽区政务公开办")), Some(true));
        assert_eq!(
            same_body(&body("平潭综合实验区苏平片区管理局"), &body("苏平片区管理局党政办公室")),
            Some(true)
        );
        assert_eq!(same_body(&zone, &body("福州市长乐区管委会办公室")), Some(false));
        assert_eq!(
            same_body(&body("平潭综合实验区君山片区管理局"), &body("平潭综合实验区苏平片区管理局")),
            Some(false)
        );
    }
}
