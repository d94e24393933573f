//! A saved web page (.html/.htm) of a report, as published on a portal: its
//! text and its `<table>` cells, with `colspan`/`rowspan` laid out as empty
//! cells. Left out: `<head>`, scripts and styles, forms' controls, and
//! navigation — `<nav>`, `<footer>`, `<aside>`, and blocks whose class or id
//! names a menu, breadcrumb, footer or sidebar. That last guess is dropped
//! (the page read again without it) when it would remove more text than it
//! keeps (a page wrapped whole in a block named like a menu).

use super::markup::{attr, decode_entities, Tok, Tokenizer};
use super::sink::Sink;
use super::ConvertError;

/// Elements skipped with all they contain.
const SKIPPED: &[&str] = &["head", "nav", "footer", "aside", "select", "button", "svg", "map", "object", "menu"];

/// Elements that start and end a line.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "section",
    "article",
    "header",
    "main",
    "blockquote",
    "pre",
    "address",
    "center",
    "hr",
    "figure",
    "figcaption",
    "caption",
    "form",
    "fieldset",
    "legend",
    "details",
    "summary",
    "body",
    "html",
];

/// Elements whose class or id may mark navigation (their end tags are never omitted).
const CLASS_SKIPPABLE: &[&str] = &["div", "ul", "ol", "section", "header", "table"];

/// Words in a class or id that mark navigation.
const NAV_WORDS: &[&str] = &[
    "nav",
    "navbar",
    "navigation",
    "menu",
    "breadcrumb",
    "breadcrumbs",
    "crumb",
    "crumbs",
    "footer",
    "foot",
    "sidebar",
    "topbar",
    "share",
    "bdshare",
];

fn is_nav(attrs: &str) -> bool {
    ["class", "id"].iter().filter_map(|k| attr(attrs, k)).any(|v| {
        v.to_ascii_lowercase()
            .split(|c: char| !c.is_ascii_alphanumeric())
            .any(|w| NAV_WORDS.contains(&w))
    })
}

/// The text of an HTML document.
pub fn to_text(html: &str, limit: usize) -> Result<String, ConvertError> {
    let (text, guessed_away) = convert(html, limit, true)?;
    // Trust the navigation guess only when it leaves most of the page.
    let text = if guessed_away > text.len() {
        convert(html, limit, false)?.0
    } else {
        text
    };
    Ok(trim_to_report(&text))
}

/// True for the first heading of a report: 一、总体情况 (or 一. / 一 ).
fn is_first_heading(line: &str) -> bool {
    let l = line.trim_start_matches([' ', '\u{3000}']);
    ["一、", "一.", "一．", "一 "].iter().any(|p| l.starts_with(p)) && l.chars().take(12).collect::<String>().contains("总体")
}

fn is_last_heading(line: &str) -> bool {
    let l = line.trim_start_matches([' ', '\u{3000}']);
    ["六、", "六.", "六．", "六 "].iter().any(|p| l.starts_with(p)) && (l.contains("其他") || l.contains("其它"))
}

/// Lines a portal puts after an article.
const END_MARKERS: &[&str] = &[
    "上一篇",
    "下一篇",
    "【打印",
    "打印本页",
    "【关闭",
    "关闭窗口",
    "相关链接",
    "相关阅读",
    "相关新闻",
    "扫一扫",
    "分享到",
];

/// What a portal page puts around the report, cut away: before the report's
/// title (the last line naming a year's 年度报告 before 一、总体情况, with
/// the agency's name when it stands alone on the line above), and after
/// section 六 from the first line like 上一篇 or 【打印本页】. When the report's
/// first heading or its title is not found, the text is left whole.
fn trim_to_report(text: &str) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let Some(first) = lines.iter().position(|l| is_first_heading(l)) else {
        return text.to_string();
    };
    let has_year = |l: &str| {
        l.as_bytes()
            .windows(4)
            .any(|w| w.starts_with(b"20") && w.iter().all(u8::is_ascii_digit))
    };
    let title = lines[..first]
        .iter()
        // A line of prose wrapped as a PDF wraps it (…年度报告格式>的通知》（国办公开办函〔2021〕) is no title.
        .rposition(|l| l.contains("年度报告") && has_year(l) && l.chars().count() <= 80 && !l.contains(['。', '，', '《', '》', '〔']));
    let mut start = title.unwrap_or(0);
    if let Some(t) = title {
        // 淮安市洪泽区人民政府 / 2024年政府信息公开工作年度报告: the name on its own line.
        if t > 0 && !has_agency(lines[t]) {
            let above = lines[t - 1].trim();
            if above.chars().count() <= 30 && has_agency(above) && !above.contains('\t') {
                start = t - 1;
            }
        }
    }
    let mut end = lines.len();
    if let Some(six) = lines[first..].iter().position(|l| is_last_heading(l)).map(|i| first + i) {
        if let Some(k) = lines[six..]
            .iter()
            .position(|l| l.chars().count() <= 40 && END_MARKERS.iter().any(|m| l.contains(m)))
        {
            end = six + k;
        }
    }
    let mut out = String::with_capacity(text.len());
    for l in &lines[start..end] {
        out.push_str(l);
        out.push('\n');
    }
    out
}

/// True when a line names an agency (ends like one, before any year).
fn has_agency(line: &str) -> bool {
    let head = line.split("20").next().unwrap_or(line).trim();
    [
        "政府",
        "局",
        "委员会",
        "办公室",
        "办",
        "厅",
        "院",
        "中心",
        "委",
        "署",
        "处",
        "所",
        "会",
        "区",
        "县",
        "市",
        "部",
    ]
    .iter()
    .any(|s| head.ends_with(s))
}

/// The text, and how many bytes of text the navigation guess left out.
fn convert(html: &str, limit: usize, skip_nav: bool) -> Result<(String, usize), ConvertError> {
    let mut sink = Sink::new(limit);
    // The element being skipped, how many of its kind are open, and whether
    // it was skipped on the guess of its class or id.
    let mut skipping: Option<(String, usize)> = None;
    let mut guessed = false;
    let mut guessed_away = 0usize;
    let mut buf = String::new();
    for tok in Tokenizer::html(html) {
        match tok {
            Tok::Start { name, attrs, self_closing } => {
                let n = name.to_ascii_lowercase();
                if let Some((s, open)) = skipping.as_mut() {
                    if n == "body" && s == "head" {
                        skipping = None;
                    } else {
                        if *s == n && !self_closing {
                            *open += 1;
                        }
                        continue;
                    }
                }
                if !self_closing && SKIPPED.contains(&n.as_str()) {
                    skipping = Some((n, 1));
                    guessed = false;
                    continue;
                }
                if !self_closing && skip_nav && CLASS_SKIPPABLE.contains(&n.as_str()) && is_nav(attrs) {
                    skipping = Some((n, 1));
                    guessed = true;
                    continue;
                }
                match n.as_str() {
                    "br" => sink.brk(),
                    "table" => sink.start_table(),
                    "tr" => sink.start_row(),
                    "td" | "th" => sink.start_cell(span(attrs, "colspan"), span(attrs, "rowspan")),
                    "img" => {
                        // An image's alternative text may carry a label; skip decorative ones.
                    }
                    _ if BLOCKS.contains(&n.as_str()) => sink.brk(),
                    _ => {}
                }
            }
            Tok::End { name } => {
                let n = name.to_ascii_lowercase();
                if let Some((s, open)) = skipping.as_mut() {
                    if *s == n {
                        *open -= 1;
                        if *open == 0 {
                            skipping = None;
                        }
                    }
                    continue;
                }
                match n.as_str() {
                    "table" => sink.end_table(),
                    "br" => sink.brk(),
                    _ if BLOCKS.contains(&n.as_str()) => sink.brk(),
                    _ => {}
                }
            }
            Tok::Text(s) if skipping.is_some() && guessed => guessed_away += s.trim().len(),
            Tok::Text(_) if skipping.is_some() => {}
            Tok::Text(s) => {
                buf.clear();
                decode_entities(&collapse(s), &mut buf);
                // A browser's copy turns no-break spaces into spaces.
                sink.text(&buf.replace('\u{a0}', " "));
            }
            Tok::CData(s) if skipping.is_none() => sink.text(&collapse(s)),
            _ => {}
        }
    }
    Ok((sink.finish()?, guessed_away))
}

fn span(attrs: &str, key: &str) -> usize {
    attr(attrs, key).and_then(|v| v.trim().parse().ok()).unwrap_or(1)
}

/// Runs of HTML whitespace become one space (no-break spaces stay, as browsers keep them).
fn collapse(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        if matches!(c, ' ' | '\t' | '\n' | '\r' | '\u{c}') {
            space = true;
        } else {
            if space {
                out.push(' ');
            }
            space = false;
            out.push(c);
        }
    }
    if space {
        out.push(' ');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_wrapped_in_a_menu_block_is_kept() {
        let html = r#"<div id="main-menu"><a>首页</a><div class="content"><p>一、总体情况</p><p>本机关全年主动公开政府信息一百二十条。</p></div></div>"#;
        assert_eq!(
            to_text(html, 1 << 20).unwrap(),
            "首页\n一、总体情况\n本机关全年主动公开政府信息一百二十条。\n"
        );
    }

    #[test]
    fn portal_text_around_the_report_is_cut() {
        let html = "<ul><li><a>政府信息公开年度报告</a></li><li><a>2022年政府信息公开工作年度报告</a></li></ul>\
            <div class=title><p>淮安市洪泽区人民政府</p><p>2024年政府信息公开工作年度报告</p></div><p>发布日期：2025-01-20</p>\
            <p>现发布《淮安市洪泽区人民政府2024年政府信息公开工作年度报告》。</p><p>一、总体情况</p><p>正文</p><p>六、其他需要报告的事项</p><p>无。</p><p>【打印本页】</p><p>上一篇：2023年政府信息公开工作年度报告</p>";
        assert_eq!(
            to_text(html, 1 << 20).unwrap(),
            "淮安市洪泽区人民政府\n2024年政府信息公开工作年度报告\n发布日期：2025-01-20\n现发布《淮安市洪泽区人民政府2024年政府信息公开工作年度报告》。\n一、总体情况\n正文\n六、其他需要报告的事项\n无。\n"
        );
        // Without a first heading nothing is cut.
        assert_eq!(to_text("<p>菜单</p><p>正文</p>", 1 << 20).unwrap(), "菜单\n正文\n");
    }

    #[test]
    fn text_tables_and_navigation() {
        let html = r#"<!DOCTYPE html><html><head><title>网站</title><meta charset="gbk"><style>p{}</style></head>
<body><div class="top-nav"><a href="/">首页</a></div><nav>导航</nav><script>var a = "<p>x</p>";</script>
<h1>某某局2023年政府信息公开工作年度报告</h1>
<p>一、总体情况</p><p>&ldquo;放管服&rdquo;&nbsp;改革</p>
<table border=1><tr><td rowspan="2">三、本年度办理结果<td>（一）予以公开<td>1</tr>
<tr><td><p>（二）部分公开</p></td><td>0</td></tr>
<tr><th colspan=2>四、结转下年度继续办理</th><td>0</td></tr></table>
<div class="footer">版权所有</div></body></html>"#;
        let text = to_text(html, 1 << 20).unwrap();
        assert_eq!(
            text,
            "某某局2023年政府信息公开工作年度报告\n一、总体情况\n“放管服” 改革\n三、本年度办理结果\t（一）予以公开\t1\n\t（二）部分公开\t0\n四、结转下年度继续办理\t\t0\n"
        );
    }
}
