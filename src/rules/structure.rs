//! The report's structure: sections, title, tables present and readable, layout.

use super::{Check, Context, Rule};
use crate::finding::Severity;
use crate::format::{self, SECTIONS};
use crate::parse::Table;
use crate::text::Span;

/// S001 — a required section is missing.
pub const S001: Rule = Rule {
    code: "S001",
    name: "section-missing",
    severity: Severity::Error,
    summary: "缺少规定的部分（一至六）",
    why: "国办公开办函〔2021〕30号规定年报由六个部分组成，缺少任何一部分都不符合格式；也可能是标题写法无法识别。",
    example: "全文没有“五、存在的主要问题及改进情况”",
    check: Check::Report(|cx: &Context| {
        let doc = cx.doc;
        SECTIONS
            .iter()
            .filter(|s| doc.section(s.number).is_none())
            .map(|s| {
                // Point at where it should have been: the start of the next section found.
                let at = doc
                    .sections
                    .iter()
                    .find(|x| x.number > s.number)
                    .map_or(doc.text.len(), |x| x.heading.span.start);
                S001.finding(
                    format!("缺少第{}部分“{}、{}”（或其标题无法识别）", s.numeral, s.numeral, s.heading),
                    Span::new(at, at),
                )
                .in_section(s.numeral)
                .expected_found(format!("{}、{}", s.numeral, s.heading), "未找到")
            })
            .collect()
    }),
};

/// S002 — sections out of order or repeated.
pub const S002: Rule = Rule {
    code: "S002",
    name: "section-order",
    severity: Severity::Warning,
    summary: "各部分顺序错乱或重复出现",
    why: "六个部分的顺序是格式规定的；顺序错乱或重复常是拼接、复制粘贴留下的痕迹。",
    example: "“三、收到和处理政府信息公开申请情况”出现了两次",
    check: Check::Report(|cx: &Context| {
        let doc = cx.doc;
        doc.misplaced_headings
            .iter()
            .map(|h| {
                let def = format::section(h.number);
                let repeated = doc.section(h.number).is_some_and(|s| s.heading.span.start < h.span.start);
                let what = if repeated {
                    "重复出现"
                } else {
                    "出现的位置不对（顺序错乱）"
                };
                S002.finding(format!("第{}部分标题“{}”{}", def.numeral, h.text, what), h.span)
                    .in_section(def.numeral)
            })
            .collect()
    }),
};

/// S003 — title, agency or report year cannot be determined.
pub const S003: Rule = Rule {
    code: "S003",
    name: "title-incomplete",
    severity: Severity::Error,
    summary: "无法确定标题、机关名称或报告年度",
    why: "标题应为“机关名称 + 年度 + 政府信息公开工作年度报告”；缺少机关或年度，读者无法知道这是谁哪一年的报告。",
    example: "政府信息公开工作年度报告（标题中没有机关和年份）",
    check: Check::Report(|cx: &Context| {
        let doc = cx.doc;
        let mut out = Vec::new();
        let at = doc.title.as_ref().map_or(Span::new(0, 0), |t| t.span);
        if doc.title.is_none() {
            out.push(S003.finding("没有找到报告标题（应为“机关名称 + YYYY年 + 政府信息公开工作年度报告”）", at));
        } else {
            if doc.agency.is_none() {
                out.push(S003.finding("标题中没有机关名称", at).expected_found("机关名称", "未找到"));
            }
            if doc.year.is_none() {
                out.push(
                    S003.finding("标题中没有报告年度（如“2023年”）", at)
                        .expected_found("YYYY年", "未找到"),
                );
            }
        }
        out
    }),
};

/// S004 — a standard table is missing, or cells of it cannot be read.
pub const S004: Rule = Rule {
    code: "S004",
    name: "table-unreadable",
    severity: Severity::Error,
    summary: "缺少标准表格，或表格中有单元格无法读取（列出是哪些，以及因此未能进行的核对）",
    why: "读不出的数字不能猜；依赖它们的核对没有进行，必须让审核人知道，而不是默默当作通过。",
    example: "一行的数字连在一起（801000081），无法唯一拆成七个数",
    check: Check::Report(|cx: &Context| {
        let doc = cx.doc;
        let mut out = Vec::new();
        let tables: [(&format::TableDef, Option<&Table>); 3] = [
            (&format::TABLE_A, doc.tables.active.as_ref()),
            (&format::TABLE_B, doc.tables.applications.as_ref()),
            (&format::TABLE_C, doc.tables.review.as_ref()),
        ];
        for (def, table) in tables {
            let numeral = format::section(def.section).numeral;
            let Some(t) = table else {
                let at = doc.section(def.section).map_or(Span::new(0, 0), |s| s.heading.span);
                out.push(
                    S004.finding(format!("缺少表格“{}”（第{}部分），其中的核对均未进行", def.title, numeral), at)
                        .in_section(numeral)
                        .with_table(def),
                );
                continue;
            };
            let unreadable: Vec<(usize, usize)> = t.unreadable().map(|(r, c, _)| (r, c)).collect();
            if unreadable.is_empty() {
                continue;
            }
            let total = t.def.cell_count();
            let mut msg = if unreadable.len() == total {
                format!("表格“{}”（第{}部分）的数字无法读取", def.title, numeral)
            } else {
                format!("表格“{}”（第{}部分）有 {} 个单元格无法读取", def.title, numeral, unreadable.len())
            };
            if !t.problems.is_empty() {
                msg.push('：');
                msg.push_str(&t.problems.join("；"));
            }
            let not_assessed: Vec<String> = t
                .def
                .relations
                .iter()
                .map(|r| r.code)
                .filter(|code| code.starts_with(def.id))
                .fold(Vec::<&str>::new(), |mut v, c| {
                    if !v.contains(&c) {
                        v.push(c)
                    }
                    v
                })
                .into_iter()
                .filter_map(|code| {
                    let n = super::arithmetic::not_assessed(t, code);
                    (n > 0).then(|| format!("{code}（{n} 处）"))
                })
                .collect();
            if !not_assessed.is_empty() {
                msg.push_str(&format!("。因此未能核对：{}", not_assessed.join("、")));
            }
            let mut f = S004
                .finding(msg, t.span)
                .in_section(numeral)
                .with_table(t.def)
                .with_cells(t, unreadable.iter().take(200).copied());
            f.found = Some(format!("{} 格无法读取", unreadable.len()));
            out.push(f);
        }
        out
    }),
};

/// S005 — table B follows the 2019 layout in a report for 2021 or later.
pub const S005: Rule = Rule {
    code: "S005",
    name: "applications-old-layout",
    severity: Severity::Warning,
    summary: "2021年及以后的报告，表三仍沿用2019年版格式（只有一行“（六）其他处理”）；仍按旧版读取并核对",
    why: "自2021年度报告起应使用国办公开办函〔2021〕30号格式，（六）其他处理分为三个小项；旧表会漏报这些情形。",
    example: "（六）其他处理	0	0	0	0	0	0	0（下面没有 1. 2. 3. 三个小项）",
    check: Check::Report(|cx: &Context| {
        let doc = cx.doc;
        let Some(t) = doc.tables.applications.as_ref() else {
            return Vec::new();
        };
        let year = doc.year.as_ref().map(|y| y.value).or(doc.period_year.as_ref().map(|y| y.value));
        if t.def.layout != "2019" || year.is_none_or(|y| y < 2021) {
            return Vec::new();
        }
        let row = t.def.row_index("other").unwrap_or(0);
        let message = format!(
            "本报告为 {} 年度，表三却使用2019年版格式（“（六）其他处理”只有一行，没有2021年版的三个小项）；已按旧版读取并核对其数字",
            year.unwrap_or_default()
        );
        vec![S005
            .finding(message, t.span)
            .at_row(t, row)
            .expected_found("2021年版（25行）", "2019年版（23行）")]
    }),
};
