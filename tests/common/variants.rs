//! Prose variants of each phrase family the prose rules read, so that a test
//! covers the family and not one sentence: several wordings of one claim,
//! the figure written half-width (12), full-width (１２) or in Chinese
//! numerals (十二), the unit 件, 项 or 宗, with or without 共/合计 before it.
//! Each variant is a sentence (or a line) to put into a real report, with the
//! words a finding on it must cover.
//!
//! The options are cycled rather than multiplied: variant `k` takes wording
//! `k % wordings`, unit `k % 3` and figure style `(k / 3) % 3`, so that
//! every unit meets every style; nine variants or one per wording, whichever
//! is more.

/// A sentence to insert and the part of it a finding must cover (from the
/// first word the rule reads to the figure's unit, as written).
#[derive(Debug, Clone)]
pub struct Variant {
    pub sentence: String,
    pub phrase: String,
}

const UNITS: [char; 3] = ['件', '项', '宗'];
const TOTALS: [&str; 3] = ["", "共", "合计"];

/// `n` written in style 0 (half-width), 1 (full-width) or 2 (Chinese numerals).
pub fn figure(n: u64, style: usize) -> String {
    match style % 3 {
        0 => n.to_string(),
        1 => n
            .to_string()
            .chars()
            .map(|c| char::from_u32(c as u32 - '0' as u32 + '０' as u32).unwrap())
            .collect(),
        _ => chinese(n),
    }
}

/// A count in Chinese numerals (up to 9999): 十二, 一百零五, 两千.
pub fn chinese(n: u64) -> String {
    const D: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    assert!(n < 10_000, "{n}");
    if n < 10 {
        return D[n as usize].to_string();
    }
    if (10..20).contains(&n) {
        return format!("十{}", if n.is_multiple_of(10) { "" } else { D[(n % 10) as usize] });
    }
    let mut out = String::new();
    let mut zero = false;
    for (unit, p) in [("千", 1000), ("百", 100), ("十", 10), ("", 1)] {
        let d = (n / p) % 10;
        if d == 0 {
            zero = !out.is_empty();
            continue;
        }
        if zero {
            out.push('零');
            zero = false;
        }
        out.push_str(D[d as usize]);
        out.push_str(unit);
    }
    out
}

/// The variants of a family: each template with `{n}` for the figure and
/// its unit and `{共}` for 共/合计 or nothing; `{n}` only where the figure
/// stands. `phrase_from` is the word the rule's finding starts at in each
/// template (the finding ends after the unit, or at the end of the words
/// when the figure comes first).
fn cycle(templates: &[(&str, &str)], n: u64) -> Vec<Variant> {
    let count = templates.len().max(9);
    (0..count)
        .map(|k| {
            let (template, from) = templates[k % templates.len()];
            // 零件 is a word: 0 is written in digits.
            let style = if n == 0 { (k / 3) % 2 } else { (k / 3) % 3 };
            let mut unit = UNITS[k % 3];
            // The prose reads Chinese numerals before 件 and 项, not 宗.
            if style == 2 && unit == '宗' {
                unit = '件';
            }
            let total = TOTALS[(k + k / 3) % 3];
            let count = format!("{}{unit}", figure(n, style));
            let sentence = template.replace("{共}", total).replace("{n}", &count);
            let at = sentence.find(from).unwrap_or_else(|| panic!("{from:?} not in {sentence:?}"));
            let end = match sentence.find(&count) {
                Some(c) if c > at => c + count.len(),
                _ => at + sentence[at..].find(['，', '。']).unwrap_or(sentence.len() - at),
            };
            let start = match sentence.find(&count) {
                Some(c) if c < at => c,
                _ => at,
            };
            Variant {
                phrase: sentence[start..end].to_string(),
                sentence,
            }
        })
        .collect()
}

// ------------------------------------------------------------------ N003

/// 予以公开 and 部分公开 written as one figure.
pub fn granted_and_partial(n: u64) -> Vec<Variant> {
    cycle(
        &[
            ("其中予以公开及部分公开{共}{n}。", "予以公开"),
            ("予以公开和部分公开的申请{共}{n}。", "予以公开"),
            ("办理结果中，予以公开、部分公开{共}{n}。", "予以公开"),
            ("予以公开以及部分公开{共}{n}。", "予以公开"),
            ("其中{n}予以公开或部分公开。", "予以公开"),
        ],
        n,
    )
}

/// 不予公开 and 无法提供 written as one figure.
pub fn withheld_and_unable(n: u64) -> Vec<Variant> {
    cycle(
        &[
            ("不予公开及无法提供的{共}{n}。", "不予公开"),
            ("不予公开和无法提供{共}{n}。", "不予公开"),
            ("不予公开、无法提供{共}{n}。", "不予公开"),
        ],
        n,
    )
}

/// （四）无法提供 named by its first row and 等.
pub fn unable_by_its_first_row(n: u64) -> Vec<Variant> {
    cycle(
        &[
            ("因本机关不掌握等原因无法提供{n}。", "不掌握"),
            ("因本机关不掌握相关政府信息等原因无法提供{共}{n}。", "不掌握"),
            ("属于本机关不掌握等情形的，无法提供{共}{n}。", "无法提供"),
            ("因信息不掌握、另行制作等原因无法提供{n}。", "不掌握"),
            ("因不掌握相关信息等原因未能提供的{共}{n}。", "不掌握"),
        ],
        n,
    )
}

/// （四）无法提供·1.本机关不掌握相关政府信息 alone, after 其中 or by itself.
pub fn not_held(n: u64) -> Vec<Variant> {
    cycle(
        &[
            ("无法提供的申请中，其中本机关不掌握{n}。", "不掌握"),
            ("其中本机关不掌握相关政府信息{共}{n}。", "不掌握"),
            ("属于本机关不掌握相关政府信息的{共}{n}。", "不掌握"),
        ],
        n,
    )
}

// ------------------------------------------------------------------ N004

/// A claim on the outcome of cases, as the variant claims it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// 均获维持: none corrected, ended otherwise or open.
    Upheld,
    /// 均被驳回: none corrected or open.
    Dismissed,
    /// 均已审结: none open.
    Concluded,
    /// 无被纠错: none corrected.
    NotCorrected,
    /// 没有败诉 (litigation): none corrected.
    NotLost,
}

/// A sentence counting the cases of one group (`group` 复议 or 诉讼, `n`
/// cases) and claiming an outcome; the phrase is the claim's words.
pub fn outcome_claims(group: &str, n: u64) -> Vec<(Outcome, Variant)> {
    let name = if group == "复议" { "行政复议" } else { "行政诉讼" };
    let claims: &[(Outcome, &str, &str)] = &[
        (Outcome::Upheld, "因政府信息公开被申请{g}{共}{n}，均获维持。", "均获维持"),
        (Outcome::Upheld, "政府信息公开{g}案件{共}{n}，全部维持。", "全部维持"),
        (Outcome::Upheld, "发生政府信息公开{g}{n}，结果均为维持。", "均为维持"),
        (Outcome::Dismissed, "政府信息公开{g}{共}{n}，均被驳回。", "均被驳回"),
        (Outcome::Concluded, "政府信息公开{g}{共}{n}，均已审结。", "均已审结"),
        (Outcome::NotCorrected, "政府信息公开{g}{n}，无被纠错案件。", "无被纠错"),
        (
            Outcome::NotCorrected,
            "本年度{g}{共}{n}，没有因政府信息公开被纠正的。",
            "没有因政府信息公开被纠正",
        ),
        (Outcome::NotLost, "政府信息公开{g}{共}{n}，没有败诉案件。", "没有败诉"),
    ];
    let count = claims.len().max(9);
    (0..count)
        .filter_map(|k| {
            let (o, template, words) = claims[k % claims.len()];
            if o == Outcome::NotLost && group == "复议" {
                return None;
            }
            // Cases: 件, 起 or 宗; never in Chinese numerals past 宗.
            let style = (k / 3) % 3;
            let unit = match (k % 3, style) {
                (0, _) | (2, 2) => '件',
                (1, _) => '起',
                _ => '宗',
            };
            let total = TOTALS[(k + k / 3) % 3];
            let sentence = template
                .replace("{g}", name)
                .replace("{共}", total)
                .replace("{n}", &format!("{}{unit}", figure(n, style)));
            Some((
                o,
                Variant {
                    sentence,
                    phrase: words.to_string(),
                },
            ))
        })
        .collect()
}

/// A sentence counting the cases of review (`group` 复议) or litigation
/// (诉讼); the phrase runs from the group's word to the figure's unit.
pub fn case_counts(group: &str, n: u64) -> Vec<Variant> {
    let templates: &[(&str, &str)] = if group == "复议" {
        &[
            ("因政府信息公开被申请行政复议{共}{n}。", "复议"),
            ("全年发生政府信息公开行政复议案件{n}。", "复议"),
            ("本机关政府信息公开行政复议{共}{n}。", "复议"),
        ]
    } else {
        &[
            ("因政府信息公开被提起行政诉讼{共}{n}。", "诉讼"),
            ("全年发生政府信息公开行政诉讼案件{n}。", "诉讼"),
        ]
    };
    // Cases are counted in 件, 起 or 宗.
    cycle(templates, n)
        .into_iter()
        .map(|v| Variant {
            sentence: v.sentence.replace('项', "起"),
            phrase: v.phrase.replace('项', "起"),
        })
        .collect()
}

// ------------------------------------------------------------------ N005

/// The variants of a family on documents of `kind`: `{k}` in each template.
fn documents(templates: &[(&str, &str)], kind: &str, n: u64) -> Vec<Variant> {
    let filled: Vec<String> = templates.iter().map(|(s, _)| s.replace("{k}", kind)).collect();
    let templates: Vec<(&str, &str)> = filled.iter().zip(templates).map(|(s, (_, w))| (s.as_str(), *w)).collect();
    cycle(&templates, n)
}

/// The documents in force: 清理/集中发布/现行有效 N 件 of `kind`
/// (行政规范性文件, 规范性文件 or 规章).
pub fn documents_in_force(kind: &str, n: u64) -> Vec<Variant> {
    let templates = [
        ("清理并集中发布现行有效{k}{n}。", "现行有效"),
        ("现行有效{k}{共}{n}。", "现行有效"),
        ("全面清理{k}，现行有效的{共}{n}。", "现行有效"),
        ("梳理并公布现行有效{k}{共}{n}。", "现行有效"),
        ("在政府网站集中公开现行有效{k}{n}。", "现行有效"),
    ];
    documents(&templates, kind, n)
}

/// The year's new documents: 制发/印发 N 件 of `kind`.
pub fn documents_issued(kind: &str, n: u64) -> Vec<Variant> {
    let templates = [
        ("本年度制发{k}{共}{n}。", "制发"),
        ("全年印发{k}{n}。", "印发"),
        ("以政府名义出台{k}{共}{n}。", "出台"),
    ];
    documents(&templates, kind, n)
}

/// The year's repealed documents: 废止 N 件 of `kind`.
pub fn documents_repealed(kind: &str, n: u64) -> Vec<Variant> {
    let templates = [
        ("废止{k}{共}{n}。", "废止"),
        ("经清理，废止{n}{k}。", "废止"),
        ("宣布失效{k}{n}。", "宣布失效"),
    ];
    documents(&templates, kind, n)
}

// ------------------------------------------------------------------ I001

/// The names of a place's own reporting body: the place, its 管委会,
/// 管理委员会, 人民政府, 党工委管委会 or 政府, each alone or with its 办公室,
/// 政务公开办 or 政务服务中心.
pub fn own_bodies(place: &str) -> Vec<String> {
    let bodies = ["", "管委会", "管理委员会", "人民政府", "党工委管委会", "政府"];
    let offices = ["", "办公室", "政务公开办", "政务服务中心"];
    let mut out = Vec::new();
    for (k, b) in bodies.iter().enumerate() {
        for (j, o) in offices.iter().enumerate() {
            // Every body with every office would be 24; a cycle keeps each pair of neighbours.
            if (k + j) % 2 == 0 || b.is_empty() {
                out.push(format!("{place}{b}{o}"));
            }
        }
    }
    out
}

/// The lines that name a body as the report's contact or signature, each to
/// append at the end of a report: 请与X联系, 请联系X（…）, 可联系X，…, and the
/// signature (X over the date).
pub fn naming_lines(body: &str) -> Vec<String> {
    vec![
        format!("\n如对本报告有疑问，请与{body}联系。\n"),
        format!("\n如对本报告有任何疑问，请联系{body}（电话：0591-23100000）。\n"),
        format!("\n如有疑问，可联系{body}，联系电话：0591-23100000。\n"),
        format!("\n{body}\n2025年1月20日\n"),
    ]
}

// ------------------------------------------------------------------ W001

/// Headings of section 四 and 五 that keep the section's number and main
/// words but change, add or drop words: each must get W001.
pub const DEPARTING_HEADINGS: &[(&str, &str)] = &[
    ("四、政府信息公开行政复议、行政诉讼情况", "四、政府信息公开行政法复议、行政诉讼情况"),
    ("四、政府信息公开行政复议、行政诉讼情况", "四、政府信息公开行政复议、行政讼诉情况"),
    (
        "四、政府信息公开行政复议、行政诉讼情况",
        "四、政府信息公开行政复议、行政诉讼案件办理情况",
    ),
    ("五、存在的主要问题及改进情况", "五、存在的主要问题及明年工作计划"),
    ("五、存在的主要问题及改进情况", "五、存在的主要问题及下一步工作打算"),
    ("五、存在的主要问题及改进情况", "五、存在的主要问题及整改措施"),
    ("五、存在的主要问题及改进情况", "五、存在的主要问题、不足及改进情况"),
];

/// Headings written as reports write the standard heading (FORMAT.md):
/// none may get W001.
pub const STANDARD_HEADINGS: &[(&str, &str)] = &[
    (
        "四、政府信息公开行政复议、行政诉讼情况",
        "四、因政府信息公开工作被申请行政复议、提起行政诉讼情况",
    ),
    ("四、政府信息公开行政复议、行政诉讼情况", "四、政府信息公开行政复议和行政诉讼情况"),
    ("五、存在的主要问题及改进情况", "五、存在主要问题及改进情况"),
    ("五、存在的主要问题及改进情况", "五、存在的主要问题和改进情况"),
    ("五、存在的主要问题及改进情况", "五、政府信息公开工作存在的主要问题及改进情况"),
    // The table's header cells beside the heading on its line (a PDF's layout).
    (
        "四、政府信息公开行政复议、行政诉讼情况",
        "四、政府信息公开行政复议、行政诉讼情况 行政复议 行政诉讼",
    ),
    (
        "四、政府信息公开行政复议、行政诉讼情况",
        "四、政府信息公开行政复议、行政诉讼情况行政复议\t行政诉讼",
    ),
];
