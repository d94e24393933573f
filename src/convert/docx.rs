//! Word (.docx): the main document part's paragraphs and tables.
//!
//! Read: `w:p` paragraphs (one a line), runs' `w:t` text, `w:tab`, `w:br`,
//! tables `w:tbl`/`w:tr`/`w:tc` with `w:gridSpan` (a cell spread over
//! columns) and `w:gridBefore`; a cell merged down (`w:vMerge` without
//! `restart`) is an empty cell in Word's own XML, so it stays one. Deleted
//! text (`w:delText`), field codes (`w:instrText`) and the fallback copy of
//! drawings (`mc:Fallback`, a duplicate of `mc:Choice`) are left out.
//! Automatic list numbers (`w:numPr` on the paragraph or on its style in
//! `styles.xml`, defined in `numbering.xml`: 一、 （一） 1. ①, Chinese
//! counting and the usual formats) are written before its text, counted as
//! Word counts them.
//!
//! Not read: headers, footers, footnotes, comments; list numbers of the
//! default paragraph style; legacy `w:listNum` fields.

use super::markup::{attr, decode_entities, local, Tok, Tokenizer};
use super::sink::Sink;
use super::zip::{self, ZipError};
use super::ConvertError;

/// The most bytes inflated from one file, all parts together.
pub const MAX_INFLATED: usize = 50 * 1024 * 1024;
/// The deepest element nesting accepted (Word writes about 20).
pub const MAX_DEPTH: usize = 10_000;

fn zip_error(e: ZipError) -> ConvertError {
    match e {
        ZipError::Truncated => ConvertError::DocxTruncated,
        ZipError::Corrupt | ZipError::BadCrc => ConvertError::DocxCorrupt,
        ZipError::TooManyEntries | ZipError::TooLarge => ConvertError::DocxTooLarge,
        ZipError::Encrypted => ConvertError::Encrypted,
        ZipError::Unsupported => ConvertError::DocxUnsupported,
    }
}

/// The text of a .docx file's main document.
pub fn convert(data: &[u8], limit: usize) -> Result<String, ConvertError> {
    let entries = zip::entries(data).map_err(zip_error)?;
    let has = |prefix: &str| entries.iter().any(|e| e.name.starts_with(prefix));
    let mut budget = MAX_INFLATED;
    // The main part is named in the package relationships; Word and WPS both
    // use word/document.xml, which is the fallback.
    let mut main = String::from("word/document.xml");
    if let Some(rels) = zip::find(&entries, "_rels/.rels") {
        let bytes = zip::read(data, rels, budget).map_err(zip_error)?;
        budget -= bytes.len();
        if let Some(target) = main_part(&String::from_utf8_lossy(&bytes)) {
            main = target;
        }
    }
    let Some(entry) = zip::find(&entries, &main).or_else(|| zip::find(&entries, "word/document.xml")) else {
        if has("xl/") || has("ppt/") || zip::find(&entries, "mimetype").is_some() || has("Contents/") {
            return Err(ConvertError::OtherOffice);
        }
        return Err(if has("word/") {
            ConvertError::DocxCorrupt
        } else {
            ConvertError::Archive
        });
    };
    let xml = zip::read(data, entry, budget).map_err(zip_error)?;
    budget -= xml.len();
    let xml = xml_text(&xml)?;
    // Automatic list numbers (一、 （一） 1.) live in the numbering part, next to the main part.
    let dir = main.rsplit_once('/').map_or("", |(d, _)| d);
    let numbering_name = if dir.is_empty() {
        "numbering.xml".to_string()
    } else {
        format!("{dir}/numbering.xml")
    };
    let numbering = match zip::find(&entries, &numbering_name) {
        Some(e) => match zip::read(data, e, budget) {
            Ok(bytes) => Numbering::parse(&xml_text(&bytes).unwrap_or_default()),
            Err(ZipError::TooLarge) => return Err(ConvertError::DocxTooLarge),
            Err(_) => Numbering::default(), // numbers are a nicety: read the text without them
        },
        None => Numbering::default(),
    };
    // Headings often take their numbers from their style (标题 1 → 一、).
    let styles_name = if dir.is_empty() {
        "styles.xml".to_string()
    } else {
        format!("{dir}/styles.xml")
    };
    let mut numbering = numbering;
    if !numbering.nums.is_empty() {
        if let Some(e) = zip::find(&entries, &styles_name) {
            match zip::read(data, e, budget) {
                Ok(bytes) => numbering.add_styles(&xml_text(&bytes).unwrap_or_default()),
                Err(ZipError::TooLarge) => return Err(ConvertError::DocxTooLarge),
                Err(_) => {}
            }
        }
    }
    document_text_numbered(&xml, &numbering, limit)
}

/// The target of the officeDocument relationship in `_rels/.rels`.
fn main_part(rels: &str) -> Option<String> {
    for t in Tokenizer::xml(rels) {
        if let Tok::Start { name, attrs, .. } = t {
            if local(name) == "Relationship" && attr(attrs, "Type").is_some_and(|ty| ty.ends_with("/officeDocument")) {
                return attr(attrs, "Target").map(|t| t.trim_start_matches('/').to_string());
            }
        }
    }
    None
}

/// The part's bytes as text: UTF-8 (what Word writes) or UTF-16 with a BOM.
fn xml_text(bytes: &[u8]) -> Result<String, ConvertError> {
    let b = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if let Ok(s) = std::str::from_utf8(b) {
        return Ok(s.to_string());
    }
    if let Some(s) = crate::input::utf16_with_bom(bytes) {
        return Ok(s);
    }
    Err(ConvertError::DocxCorrupt)
}

/// The text of a WordprocessingML document part; also Word 2003 XML (one
/// file, the same elements under `w:wordDocument`), without its list numbers.
pub fn document_text(xml: &str, limit: usize) -> Result<String, ConvertError> {
    document_text_numbered(xml, &Numbering::default(), limit)
}

/// One level of a list definition.
#[derive(Debug, Clone, Default)]
pub(super) struct Level {
    /// The number format (`w:numFmt`: decimal, chineseCounting, …).
    pub format: String,
    /// The label with its placeholders (`w:lvlText`: %1、).
    pub text: String,
    /// The first number.
    pub start: u32,
}

/// The list definitions of `numbering.xml`: each `w:num` resolved to its
/// abstract definition's levels, with start overrides applied.
#[derive(Debug, Default)]
pub struct Numbering {
    /// numId → (abstractNumId, levels 0 … 8).
    nums: std::collections::HashMap<String, (String, Vec<Level>)>,
    /// styleId → the list level a level definition links to it (`w:lvl/w:pStyle`).
    style_levels: std::collections::HashMap<String, usize>,
    /// Paragraph styles from styles.xml: styleId → (numId, ilvl, basedOn).
    styles: std::collections::HashMap<String, StyleNum>,
}

/// A paragraph style's list settings: numId, level, the style it is based on.
type StyleNum = (Option<String>, Option<usize>, Option<String>);

/// A `w:num` as read: its id, its abstract definition, start overrides by level.
type NumDef = (String, String, Vec<(usize, u32)>);

/// The most list definitions read (Word writes a few dozen).
const MAX_LISTS: usize = 10_000;

impl Numbering {
    pub fn parse(xml: &str) -> Numbering {
        use std::collections::HashMap;
        let mut abstracts: HashMap<String, Vec<Level>> = HashMap::new();
        // numId → (abstractNumId, start overrides by level)
        let mut nums: Vec<NumDef> = Vec::new();
        let mut cur_abs: Option<String> = None;
        let mut cur_lvl: Option<usize> = None;
        let mut in_override: Option<usize> = None;
        let mut style_levels: HashMap<String, usize> = HashMap::new();
        for t in Tokenizer::xml(xml) {
            match t {
                Tok::Start { name, attrs, self_closing } => match local(name) {
                    "abstractNum" if !self_closing && abstracts.len() < MAX_LISTS => {
                        let id = attr(attrs, "abstractNumId").unwrap_or_default();
                        abstracts.insert(id.clone(), vec![Level::default(); 9]);
                        cur_abs = Some(id);
                    }
                    "num" if !self_closing && nums.len() < MAX_LISTS => {
                        nums.push((attr(attrs, "numId").unwrap_or_default(), String::new(), Vec::new()));
                    }
                    "lvlOverride" if !self_closing => in_override = attr(attrs, "ilvl").and_then(|v| v.parse().ok()),
                    "startOverride" => {
                        if let (Some(l), Some(n), Some(v)) = (in_override, nums.last_mut(), attr(attrs, "val").and_then(|v| v.parse().ok()))
                        {
                            n.2.push((l, v));
                        }
                    }
                    "abstractNumId" => {
                        if let Some(n) = nums.last_mut() {
                            n.1 = attr(attrs, "val").unwrap_or_default();
                        }
                    }
                    "lvl" if !self_closing && in_override.is_none() => {
                        cur_lvl = attr(attrs, "ilvl").and_then(|v| v.parse().ok()).filter(|&l: &usize| l < 9)
                    }
                    "pStyle" => {
                        if let (Some(_), Some(l), Some(v)) = (cur_abs.as_ref(), cur_lvl, attr(attrs, "val")) {
                            if style_levels.len() < MAX_LISTS {
                                style_levels.insert(v, l);
                            }
                        }
                    }
                    key @ ("numFmt" | "lvlText" | "start") => {
                        let (Some(a), Some(l)) = (cur_abs.as_ref(), cur_lvl) else {
                            continue;
                        };
                        let Some(level) = abstracts.get_mut(a).and_then(|v| v.get_mut(l)) else {
                            continue;
                        };
                        let v = attr(attrs, "val").unwrap_or_default();
                        match key {
                            "numFmt" => level.format = v,
                            "lvlText" => level.text = v,
                            _ => level.start = v.parse().unwrap_or(1),
                        }
                    }
                    _ => {}
                },
                Tok::End { name } => match local(name) {
                    "abstractNum" => cur_abs = None,
                    "lvl" => cur_lvl = None,
                    "lvlOverride" => in_override = None,
                    _ => {}
                },
                _ => {}
            }
        }
        let mut out = HashMap::new();
        for (num, abs, overrides) in nums {
            let Some(levels) = abstracts.get(&abs) else { continue };
            let mut levels = levels.clone();
            for (l, v) in overrides {
                if let Some(level) = levels.get_mut(l) {
                    level.start = v;
                }
            }
            out.insert(num, (abs, levels));
        }
        Numbering {
            nums: out,
            style_levels,
            styles: HashMap::new(),
        }
    }

    /// Adds a list read elsewhere (a .doc's): `id` is both its number and its definition.
    pub(super) fn add_list(&mut self, id: String, levels: Vec<Level>) {
        if self.nums.len() < MAX_LISTS {
            self.nums.insert(id.clone(), (id, levels));
        }
    }

    /// Reads the list settings of the paragraph styles in styles.xml.
    pub fn add_styles(&mut self, xml: &str) {
        let mut cur: Option<(String, StyleNum)> = None;
        let mut in_rpr = 0usize;
        for t in Tokenizer::xml(xml) {
            match t {
                Tok::Start { name, attrs, self_closing } => match local(name) {
                    "style" if !self_closing => {
                        cur = attr(attrs, "styleId").map(|id| (id, (None, None, None)));
                    }
                    "rPr" if !self_closing => in_rpr += 1,
                    "basedOn" => {
                        if let Some(c) = cur.as_mut() {
                            c.1 .2 = attr(attrs, "val");
                        }
                    }
                    "numId" if in_rpr == 0 => {
                        if let Some(c) = cur.as_mut() {
                            c.1 .0 = attr(attrs, "val");
                        }
                    }
                    "ilvl" if in_rpr == 0 => {
                        if let Some(c) = cur.as_mut() {
                            c.1 .1 = attr(attrs, "val").and_then(|v| v.trim().parse().ok());
                        }
                    }
                    _ => {}
                },
                Tok::End { name } => match local(name) {
                    "style" => {
                        if let Some((id, st)) = cur.take() {
                            if self.styles.len() < MAX_LISTS {
                                self.styles.insert(id, st);
                            }
                        }
                    }
                    "rPr" => in_rpr = in_rpr.saturating_sub(1),
                    _ => {}
                },
                _ => {}
            }
        }
    }

    /// The list (numId) and level a paragraph of style `id` is numbered by,
    /// following `basedOn` (at most ten steps).
    fn style_number(&self, id: &str) -> Option<(String, usize)> {
        let (mut num, mut lvl) = (None, None);
        let mut at = id.to_string();
        for _ in 0..10 {
            let Some((n, l, based)) = self.styles.get(&at) else { break };
            num = num.or_else(|| n.clone());
            lvl = lvl.or(*l);
            match based {
                Some(b) if num.is_none() || lvl.is_none() => at = b.clone(),
                _ => break,
            }
        }
        let num = num.filter(|n| n.trim() != "0")?;
        let level = lvl.or_else(|| self.style_levels.get(id).copied()).unwrap_or(0);
        Some((num, level.min(8)))
    }
}

/// Counts list items as Word does: per list definition, a level's counter
/// restarting whenever a higher level advances.
#[derive(Default)]
pub(super) struct Counters {
    by_list: std::collections::HashMap<String, [Option<u32>; 9]>,
}

impl Counters {
    /// The label of the next item of list `num_id` at `level`, e.g. “二、”.
    pub fn next(&mut self, numbering: &Numbering, num_id: &str, level: usize) -> Option<String> {
        let (abs, levels) = numbering.nums.get(num_id)?;
        let lvl = levels.get(level)?;
        if lvl.format == "bullet" || lvl.text.is_empty() && lvl.format.is_empty() {
            return None;
        }
        let counts = self.by_list.entry(abs.clone()).or_insert([None; 9]);
        counts[level] = Some(counts[level].map_or(lvl.start, |n| n.saturating_add(1)));
        for c in counts.iter_mut().skip(level + 1) {
            *c = None;
        }
        let mut label = String::new();
        let mut chars = lvl.text.chars().peekable();
        while let Some(c) = chars.next() {
            match (c, chars.peek().and_then(|d| d.to_digit(10))) {
                ('%', Some(d)) if (1..=9).contains(&d) => {
                    chars.next();
                    let k = d as usize - 1;
                    let l = &levels[k];
                    let n = counts[k].unwrap_or(l.start);
                    label.push_str(&format_number(n, if k == level { &lvl.format } else { &l.format }));
                }
                _ => label.push(c),
            }
        }
        // “1” straight before the text would run into it: 12023年…
        if label.chars().last().is_some_and(|c| c.is_alphanumeric()) {
            label.push(' ');
        }
        Some(label)
    }
}

/// A list number in Word's format `fmt`.
fn format_number(n: u32, fmt: &str) -> String {
    const DIGITS: [&str; 10] = ["〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    const LEGAL: [&str; 10] = ["零", "壹", "贰", "叁", "肆", "伍", "陆", "柒", "捌", "玖"];
    const STEMS: [&str; 10] = ["甲", "乙", "丙", "丁", "戊", "己", "庚", "辛", "壬", "癸"];
    const BRANCHES: [&str; 12] = ["子", "丑", "寅", "卯", "辰", "巳", "午", "未", "申", "酉", "戌", "亥"];
    let chinese = |n: u32, digits: &[&str; 10], ten: &str| -> String {
        match n {
            0 => digits[0].to_string(),
            1..=9 => digits[n as usize].to_string(),
            10..=19 => format!("{ten}{}", if n == 10 { "" } else { digits[(n % 10) as usize] }),
            20..=99 => format!(
                "{}{ten}{}",
                digits[(n / 10) as usize],
                if n.is_multiple_of(10) { "" } else { digits[(n % 10) as usize] }
            ),
            _ => n.to_string(),
        }
    };
    let letters = |n: u32, base: u8| -> String {
        if n == 0 {
            return String::new();
        }
        let c = (base + ((n - 1) % 26) as u8) as char;
        c.to_string().repeat(((n - 1) / 26 + 1) as usize)
    };
    let roman = |mut n: u32| -> String {
        let mut s = String::new();
        for (v, r) in [
            (1000, "m"),
            (900, "cm"),
            (500, "d"),
            (400, "cd"),
            (100, "c"),
            (90, "xc"),
            (50, "l"),
            (40, "xl"),
            (10, "x"),
            (9, "ix"),
            (5, "v"),
            (4, "iv"),
            (1, "i"),
        ] {
            while n >= v && s.len() < 64 {
                s.push_str(r);
                n -= v;
            }
        }
        s
    };
    match fmt {
        "chineseCounting"
        | "chineseCountingThousand"
        | "japaneseCounting"
        | "taiwaneseCounting"
        | "taiwaneseCountingThousand"
        | "ideographDigital" => chinese(n, &DIGITS, "十"),
        "chineseLegalSimplified" => chinese(n, &LEGAL, "拾"),
        "ideographTraditional" => STEMS[((n.max(1) - 1) % 10) as usize].to_string(),
        "ideographZodiac" => BRANCHES[((n.max(1) - 1) % 12) as usize].to_string(),
        "decimalZero" => format!("{n:02}"),
        "decimalFullWidth" | "decimalFullWidth2" => n
            .to_string()
            .chars()
            .map(|c| char::from_u32(c as u32 + 0xFEE0).unwrap_or(c))
            .collect(),
        "decimalEnclosedCircle" | "decimalEnclosedCircleChinese" if (1..=20).contains(&n) => {
            char::from_u32(0x2460 + n - 1).map_or(n.to_string(), String::from)
        }
        "decimalEnclosedParen" if (1..=20).contains(&n) => char::from_u32(0x2474 + n - 1).map_or(n.to_string(), String::from),
        "decimalEnclosedFullstop" if (1..=20).contains(&n) => char::from_u32(0x2488 + n - 1).map_or(n.to_string(), String::from),
        "lowerLetter" => letters(n, b'a'),
        "upperLetter" => letters(n, b'A'),
        "lowerRoman" => roman(n),
        "upperRoman" => roman(n).to_uppercase(),
        "none" => String::new(),
        _ => n.to_string(),
    }
}

/// The text of a document part, with list numbers from `numbering`.
pub fn document_text_numbered(xml: &str, numbering: &Numbering, limit: usize) -> Result<String, ConvertError> {
    let mut sink = Sink::new(limit);
    let mut counters = Counters::default();
    // The paragraph's list level, read from w:numPr before its numId.
    let mut num_level = 0usize;
    // The paragraph's style, and whether it has its number already.
    let mut para_style: Option<String> = None;
    let mut numbered = false;
    // Inside w:pPrChange or w:rPr..: old properties, not the paragraph's.
    let mut in_change = 0usize;
    let mut depth = 0usize;
    // Inside mc:Fallback (skipped), counted so nested ones end right.
    let mut skip = 0usize;
    let mut in_run = 0usize;
    let mut in_text = false;
    let mut saw_body = false;
    for tok in Tokenizer::xml(xml) {
        match tok {
            Tok::Start { name, attrs, self_closing } => {
                if !self_closing {
                    depth += 1;
                    if depth > MAX_DEPTH {
                        return Err(ConvertError::TooDeep);
                    }
                }
                let n = local(name);
                if n == "Fallback" && !self_closing {
                    skip += 1;
                }
                if skip > 0 {
                    continue;
                }
                match n {
                    "body" => saw_body = true,
                    "r" if !self_closing => in_run += 1,
                    "t" if !self_closing && in_run > 0 => in_text = true,
                    "tab" if in_run > 0 => sink.tab(),
                    "br" | "cr" if in_run > 0 => sink.brk(),
                    "noBreakHyphen" | "softHyphen" if in_run > 0 => sink.text("-"),
                    "tbl" if !self_closing => sink.start_table(),
                    "tr" if !self_closing => sink.start_row(),
                    "tc" if !self_closing => sink.start_cell(1, 1),
                    "gridSpan" => sink.set_colspan(number(attrs)),
                    "gridBefore" => sink.skip_cells(number(attrs)),
                    "pPrChange" | "numberingChange" if !self_closing => in_change += 1,
                    // A text box's paragraphs stand apart from the text around its anchor.
                    "txbxContent" => sink.brk(),
                    "ilvl" if in_change == 0 => num_level = attr(attrs, "val").and_then(|v| v.trim().parse().ok()).unwrap_or(0),
                    "numId" if in_change == 0 => {
                        let id = attr(attrs, "val").unwrap_or_default();
                        if let Some(label) = counters.next(numbering, id.trim(), num_level.min(8)) {
                            sink.text(&label);
                        }
                        num_level = 0;
                        numbered = true;
                    }
                    "pStyle" if in_change == 0 => para_style = attr(attrs, "val"),
                    "p" if self_closing => sink.brk(),
                    "p" => {
                        para_style = None;
                        numbered = false;
                    }
                    _ => {}
                }
            }
            Tok::End { name } => {
                depth = depth.saturating_sub(1);
                let n = local(name);
                if skip > 0 {
                    if n == "Fallback" {
                        skip -= 1;
                    }
                    continue;
                }
                match n {
                    "r" => in_run = in_run.saturating_sub(1),
                    "t" => in_text = false,
                    "p" => sink.brk(),
                    "tbl" => sink.end_table(),
                    "pPrChange" | "numberingChange" => in_change = in_change.saturating_sub(1),
                    // The properties are read: a number from the paragraph's style.
                    "pPr" if in_change == 0 && !numbered => {
                        numbered = true;
                        if let Some((num, level)) = para_style.as_deref().and_then(|s| numbering.style_number(s)) {
                            if let Some(label) = counters.next(numbering, &num, level) {
                                sink.text(&label);
                            }
                        }
                    }
                    _ => {}
                }
            }
            Tok::Text(s) if in_text && skip == 0 => {
                let mut out = String::new();
                decode_entities(s, &mut out);
                sink.text(&out);
            }
            Tok::CData(s) if in_text && skip == 0 => sink.text(s),
            _ => {}
        }
    }
    if !saw_body {
        return Err(ConvertError::DocxCorrupt);
    }
    sink.finish()
}

fn number(attrs: &str) -> usize {
    attr(attrs, "val").and_then(|v| v.trim().parse().ok()).unwrap_or(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_and_merged_cells() {
        let xml = r#"<?xml version="1.0"?><w:document xmlns:w="x"><w:body>
<w:p><w:r><w:t>一、总体情况</w:t></w:r></w:p>
<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="420"/></w:tabs></w:pPr><w:r><w:t xml:space="preserve">本年 </w:t></w:r><w:r><w:t>&lt;1&gt;</w:t></w:r></w:p>
<w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr><w:p><w:r><w:t>三、本年度办理结果</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>0</w:t></w:r></w:p></w:tc></w:tr>
<w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc><w:tc><w:p><w:r><w:t>结果</w:t></w:r></w:p><w:p><w:r><w:t>维持</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
<w:p><w:r><w:delText>删去</w:delText><w:t>二、</w:t></w:r><mc:AlternateContent><mc:Choice><w:r><w:t>甲</w:t></w:r></mc:Choice><mc:Fallback><w:r><w:t>甲</w:t></w:r></mc:Fallback></mc:AlternateContent></w:p>
</w:body></w:document>"#;
        let text = document_text(xml, 1 << 20).unwrap();
        assert_eq!(text, "一、总体情况\n本年 <1>\n三、本年度办理结果\t\t0\n\t结果 维持\t1\n二、甲\n");
    }

    #[test]
    fn list_numbers() {
        let numbering = Numbering::parse(
            r#"<w:numbering><w:abstractNum w:abstractNumId="3"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>
<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>
<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3"/></w:lvl></w:abstractNum>
<w:num w:numId="7"><w:abstractNumId w:val="3"/></w:num></w:numbering>"#,
        );
        let p = |lvl: u8, t: &str| {
            format!(r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="{lvl}"/><w:numId w:val="7"/></w:numPr></w:pPr><w:r><w:t>{t}</w:t></w:r></w:p>"#)
        };
        let xml = format!(
            "<w:document><w:body>{}{}{}{}{}{}</w:body></w:document>",
            p(0, "总体情况"),
            p(1, "主动公开"),
            p(1, "依申请公开"),
            p(2, "项"),
            p(0, "主动公开政府信息情况"),
            p(1, "甲")
        );
        let text = document_text_numbered(&xml, &numbering, 1 << 20).unwrap();
        assert_eq!(
            text,
            "一、总体情况\n（一）主动公开\n（二）依申请公开\n1 项\n二、主动公开政府信息情况\n（一）甲\n"
        );
        // The same numbers from heading styles (Heading2 based on Heading1's list).
        let mut numbering = numbering;
        numbering.add_styles(
            r#"<w:styles><w:style w:type="paragraph" w:styleId="1"><w:pPr><w:numPr><w:numId w:val="7"/></w:numPr></w:pPr><w:rPr><w:rFonts/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="2"><w:basedOn w:val="1"/><w:pPr><w:numPr><w:ilvl w:val="1"/></w:numPr></w:pPr></w:style></w:styles>"#,
        );
        let h = |style: u8, t: &str| {
            format!(r#"<w:p><w:pPr><w:pStyle w:val="{style}"/><w:jc w:val="left"/></w:pPr><w:r><w:t>{t}</w:t></w:r></w:p>"#)
        };
        let xml = format!(
            "<w:document><w:body>{}{}{}{}<w:p><w:r><w:t>正文</w:t></w:r></w:p></w:body></w:document>",
            h(1, "总体情况"),
            h(2, "主动公开"),
            h(2, "依申请公开"),
            h(1, "主动公开政府信息情况")
        );
        assert_eq!(
            document_text_numbered(&xml, &numbering, 1 << 20).unwrap(),
            "一、总体情况\n（一）主动公开\n（二）依申请公开\n二、主动公开政府信息情况\n正文\n"
        );
        assert_eq!(format_number(21, "chineseCounting"), "二十一");
        assert_eq!(format_number(10, "chineseCounting"), "十");
        assert_eq!(format_number(14, "upperRoman"), "XIV");
    }

    #[test]
    fn word_wrappers_are_transparent() {
        // Content controls around a row and a cell, hyperlinks, tracked
        // changes, smart tags, fields, bookmarks, a text box, grid before.
        let xml = r#"<w:document><w:body>
<w:p><w:bookmarkStart w:id="0"/><w:hyperlink r:id="r1"><w:r><w:t>一、</w:t></w:r></w:hyperlink><w:ins><w:r><w:t>总体</w:t></w:r></w:ins><w:del><w:r><w:delText>旧</w:delText></w:r></w:del><w:smartTag><w:r><w:t>情况</w:t></w:r></w:smartTag><w:proofErr/></w:p>
<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>PAGE</w:instrText></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r><w:fldSimple w:instr="DATE"><w:r><w:t>2024</w:t></w:r></w:fldSimple><w:r><w:t>年</w:t></w:r></w:p>
<w:tbl><w:sdt><w:sdtContent><w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr><w:sdt><w:sdtContent><w:tc><w:p><w:r><w:t>规章</w:t></w:r></w:p></w:tc></w:sdtContent></w:sdt><w:tc><w:p><w:r><w:t>0</w:t></w:r><w:r><w:pict><v:textbox><w:txbxContent><w:p><w:r><w:t>框</w:t></w:r></w:p></w:txbxContent></v:textbox></w:pict></w:r></w:p></w:tc></w:tr></w:sdtContent></w:sdt></w:tbl>
</w:body></w:document>"#;
        assert_eq!(document_text(xml, 1 << 20).unwrap(), "一、总体情况\n2024年\n\t规章\t0 框\n");
    }

    #[test]
    fn deep_nesting_is_refused() {
        let xml = format!("<w:document><w:body>{}</w:body></w:document>", "<a>".repeat(MAX_DEPTH + 5));
        assert_eq!(document_text(&xml, 1 << 20), Err(ConvertError::TooDeep));
    }
}
