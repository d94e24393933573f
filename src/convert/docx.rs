//! Word (.docx): the main document part's paragraphs and tables.
//!
//! Read: `w:p` paragraphs (one a line), runs' `w:t` text, `w:tab`, `w:br`,
//! tables `w:tbl`/`w:tr`/`w:tc` with `w:gridSpan` (a cell spread over
//! columns) and `w:gridBefore`; a cell merged down (`w:vMerge` without
//! `restart`) is an empty cell in Word's own XML, so it stays one. Deleted
//! text (`w:delText`), field codes (`w:instrText`) and the fallback copy of
//! drawings (`mc:Fallback`, a duplicate of `mc:Choice`) are left out.
//!
//! Not read: automatic list numbers (a heading numbered by Word's list
//! feature loses its “一、”), headers, footers, footnotes, comments.

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

/// What kind of ZIP container `data` is, judged by its entries.
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
    let xml = xml_text(&xml)?;
    document_text(&xml, limit)
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
    if bytes.len() >= 2 && (bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF")) {
        let le = bytes[0] == 0xFF;
        let units: Vec<u16> = bytes[2..]
            .chunks_exact(2)
            .map(|c| {
                if le {
                    u16::from_le_bytes([c[0], c[1]])
                } else {
                    u16::from_be_bytes([c[0], c[1]])
                }
            })
            .collect();
        return Ok(String::from_utf16_lossy(&units));
    }
    Err(ConvertError::DocxCorrupt)
}

/// The text of a WordprocessingML document part.
pub fn document_text(xml: &str, limit: usize) -> Result<String, ConvertError> {
    let mut sink = Sink::new(limit);
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
                    "p" if self_closing => sink.brk(),
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
    fn deep_nesting_is_refused() {
        let xml = format!("<w:document><w:body>{}</w:body></w:document>", "<a>".repeat(MAX_DEPTH + 5));
        assert_eq!(document_text(&xml, 1 << 20), Err(ConvertError::TooDeep));
    }
}
