//! Input conversion: a file's bytes to the text the checker reads.
//!
//! Word (.docx, and .doc/.wps of Word 97–2003 and WPS 文字), saved web pages
//! (.html/.htm) and web archives (.mht/.mhtml) become plain text of the
//! shape a user would paste: paragraphs one a line, each table row one line
//! with its cells separated by tabs (a merged cell is kept once, with empty
//! cells for the columns and rows it spans, as a browser copy gives them).
//! Plain text passes through [`crate::input::decode`]. Everything else gets a
//! [`ConvertError`] whose [`message`](ConvertError::message) tells the user,
//! in Chinese, what is accepted.
//!
//! The same code runs natively and in WebAssembly. The one difference is
//! legacy character sets: natively a page declared (or found to be) GBK,
//! GB2312 or GB18030 is decoded here with `encoding_rs`; in the browser the
//! wasm carries no decoding tables, so [`to_text`] answers
//! [`ConvertError::Charset`] and the page does the decoding:
//!
//! ```text
//! match to_text(name, bytes) {
//!     Err(ConvertError::Charset(label)) => {        // "gb2312", "gbk", "gb18030", …
//!         let text = new TextDecoder(label).decode(bytes);   // in JavaScript
//!         from_decoded(name, &text)                 // what to_text gives natively
//!     }
//!     other => other,
//! }
//! ```
//!
//! `Charset` carries the label the page declares (`<meta charset>`, the XML
//! declaration) or, for text that is not UTF-8 and declares nothing,
//! `gb18030` (a superset of GBK and GB2312). [`charset`] gives the declared
//! label by itself.
//!
//! Files are recognised by their bytes, whatever their name: a .doc that is
//! really RTF, a web page, a web archive, a .docx or Word 2003 XML is read
//! (or refused) as what it is.
//!
//! Limits, whatever the file claims about itself: at most 50 MB inflated
//! from a .docx (`docx::MAX_INFLATED`), at most 10 000 entries
//! (`zip::MAX_ENTRIES`), element nesting at most 10 000 (`docx::MAX_DEPTH`),
//! and at most [`crate::MAX_INPUT_BYTES`] of text produced. Nothing recurses
//! over the input's nesting except table layout, which is capped at 32
//! levels (`sink::MAX_TABLE_DEPTH`). No input panics.

mod cfb;
mod doc;
mod docx;
mod html;
mod markup;
mod mht;
mod sink;
mod zip;

use std::fmt;

use crate::report::Status;

/// Why a file could not be turned into report text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConvertError {
    /// A PDF (`%PDF`): [`to_text`] does not read it; [`crate::pdf`] does.
    Pdf,
    /// A picture (PNG, JPEG, GIF, BMP, TIFF, WebP): no text to read.
    Image,
    /// An OLE compound file that is not a Word document (and not a known .xls or .ppt).
    OldOffice,
    /// A Word 97–2003 (.doc/.wps) file cut short: sectors past its end.
    DocTruncated,
    /// A Word 97–2003 (.doc/.wps) file whose structure cannot be read.
    DocCorrupt,
    /// A Word 6.0/95 (or older) file.
    DocOld,
    /// A .wps that is not of the Word binary family (WPS's or Works' older formats).
    Wps,
    /// Rich Text Format (`{\rtf`).
    Rtf,
    /// A ZIP (or RAR, 7z, gzip) archive that is not a Word document.
    Archive,
    /// A ZIP that is an Excel, PowerPoint or OpenDocument file.
    OtherOffice,
    /// A file named .docx whose bytes are not a ZIP at all.
    NotDocx,
    /// A .docx whose ZIP structure is cut short (no end-of-directory record,
    /// offsets past the data): a download or copy that did not finish.
    DocxTruncated,
    /// A .docx that cannot be read: a bad header or CRC-32, no main
    /// document part, or XML in neither UTF-8 nor UTF-16.
    DocxCorrupt,
    /// A .docx using Zip64 or a compression method other than stored and deflate.
    DocxUnsupported,
    /// Inflating would pass the size limit (a zip bomb), or too many entries.
    DocxTooLarge,
    /// A Word file with a password to open it (.docx or .doc).
    Encrypted,
    /// Markup nested deeper than any real document.
    TooDeep,
    /// The text produced would be larger than the checker accepts.
    TooLarge,
    /// A web archive (.mht/.mhtml) with no web page that can be read in it.
    Mht,
    /// In WebAssembly: the page is in this legacy character set; decode it
    /// with `TextDecoder` and call [`from_decoded`].
    Charset(String),
    /// The text itself is refused (empty, binary, too large).
    Text(Status),
}

impl ConvertError {
    /// The message a user sees (Chinese).
    pub fn message(&self) -> &'static str {
        match self {
            ConvertError::Pdf => "这是 PDF 文件，本工具不直接读取 PDF。请在 PDF 阅读器中全选复制报告文字后粘贴核查，或提供报告的 Word（.docx）、网页（.html）或文本（.txt）文件",
            ConvertError::Image => "这是图片文件，无法读取其中的文字。请提供报告的 Word（.docx）、网页（.html）或文本（.txt）文件",
            ConvertError::OldOffice => "这是旧版 Office 文件（Excel、PowerPoint 97–2003 等），不是 Word 文档，无法读取。请提供报告的 Word（.doc、.docx）、网页（.html）或文本（.txt）文件",
            ConvertError::DocTruncated => "Word 文件（.doc/.wps）不完整：文件被截断，可能下载或复制未完成。请重新获取文件，或在 Word 或 WPS 中打开后另存为 .docx",
            ConvertError::DocCorrupt => "Word 文件（.doc/.wps）已损坏，其中的文字无法读取。请在 Word 或 WPS 中打开并重新“另存为” .docx",
            ConvertError::DocOld => "这是 Word 6.0/95 或更早版本的文件，无法直接读取。请在 Word 或 WPS 中“另存为” .docx 后再核查",
            ConvertError::Wps => "这是旧版 WPS 文字或 Works 格式的文件（不是 Word 格式），无法直接读取。请在 WPS 中“另存为” .docx 或 PDF 后再核查",
            ConvertError::Rtf => "这是 RTF 文件，无法直接读取。请在 Word 或 WPS 中“另存为” .docx 后再核查，或复制全文粘贴",
            ConvertError::Archive => "这是压缩包（zip、rar、7z 等），不是 Word 文档。请解压后分别核查其中的 .docx、.html 或 .txt 文件",
            ConvertError::OtherOffice => "这是 Excel、PowerPoint 或 OpenDocument 文件，不是 Word 文档。请提供报告的 Word（.docx）、网页（.html）或文本（.txt）文件",
            ConvertError::NotDocx => "文件名是 .docx，但内容不是 Word 文档（不是 docx 的压缩结构）。请在 Word 或 WPS 中重新“另存为” .docx",
            ConvertError::DocxTruncated => "Word 文件不完整或已损坏（压缩结构被截断，可能下载或复制未完成）。请重新获取文件，或在 Word 中打开后另存为 .docx",
            ConvertError::DocxCorrupt => "Word 文件已损坏：其中的文档内容无法读取。请在 Word 或 WPS 中打开并重新“另存为” .docx",
            ConvertError::DocxUnsupported => "Word 文件使用了不支持的压缩方式（如 Zip64 或非标准压缩）。请在 Word 或 WPS 中重新“另存为” .docx",
            ConvertError::DocxTooLarge => "Word 文件解压后超过 50 MB 或包含过多部件，不像一份年度报告（可能是恶意构造的压缩文件），已拒绝读取",
            ConvertError::Encrypted => "Word 文件已加密（设有打开密码），无法读取。请在 Word 或 WPS 中取消密码后另存为 .docx 再核查",
            ConvertError::TooDeep => "文档结构嵌套过深，不像正常的 Word 文档（可能是恶意构造的文件），已拒绝读取",
            ConvertError::TooLarge => "转换后的文字超过 16 MB（或表格大得不像一份年度报告），未进行核查",
            ConvertError::Mht => "单个文件网页（.mht/.mhtml）中没有找到可读取的网页，文件可能不完整或已损坏。请在浏览器中打开后“另存为”网页（.html），或复制全文粘贴",
            ConvertError::Charset(_) => "文件使用 GBK/GB2312/GB18030 等编码，需先按该编码解码后再核查",
            ConvertError::Text(s) => s.message(),
        }
    }

    /// The [`Status`] a refused file is reported with: `binary` for files
    /// of the wrong kind or broken, else what the text check would say.
    pub fn status(&self) -> Status {
        match self {
            ConvertError::Text(s) => *s,
            ConvertError::TooLarge | ConvertError::DocxTooLarge => Status::TooLarge,
            _ => Status::Binary,
        }
    }

    /// For [`ConvertError::Charset`]: the label to give `TextDecoder`.
    pub fn charset_label(&self) -> Option<&str> {
        match self {
            ConvertError::Charset(l) => Some(l),
            _ => None,
        }
    }

    /// A stable key for machines (the page, JSON consumers).
    pub fn code(&self) -> &'static str {
        match self {
            ConvertError::Pdf => "pdf",
            ConvertError::Image => "image",
            ConvertError::OldOffice => "old_office",
            ConvertError::DocTruncated => "doc_truncated",
            ConvertError::DocCorrupt => "doc_corrupt",
            ConvertError::DocOld => "doc_old",
            ConvertError::Wps => "wps",
            ConvertError::Rtf => "rtf",
            ConvertError::Archive => "archive",
            ConvertError::OtherOffice => "other_office",
            ConvertError::NotDocx => "not_docx",
            ConvertError::DocxTruncated => "docx_truncated",
            ConvertError::DocxCorrupt => "docx_corrupt",
            ConvertError::DocxUnsupported => "docx_unsupported",
            ConvertError::DocxTooLarge => "docx_too_large",
            ConvertError::Encrypted => "encrypted",
            ConvertError::TooDeep => "too_deep",
            ConvertError::TooLarge => "too_large",
            ConvertError::Mht => "mht",
            ConvertError::Charset(_) => "charset",
            ConvertError::Text(_) => "text",
        }
    }
}

impl fmt::Display for ConvertError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.message())
    }
}

impl std::error::Error for ConvertError {}

/// What a file is, judged by its first bytes and then its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Text,
    Html,
    Docx,
    /// A compound file: Word 97–2003, WPS, or something else of the kind.
    Doc,
    /// A MIME web archive.
    Mht,
    /// Word 2003 XML (WordprocessingML in one file).
    WordXml,
}

/// The file name's extension, lower case.
fn extension(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    match base.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() => ext.to_ascii_lowercase(),
        _ => String::new(),
    }
}

/// Refuses the kinds of files that are not read, by their magic numbers.
fn sniff(name: &str, bytes: &[u8]) -> Result<Kind, ConvertError> {
    let ext = extension(name);
    let b = bytes;
    if b.starts_with(b"%PDF") {
        return Err(ConvertError::Pdf);
    }
    if b.starts_with(b"\x89PNG")
        || b.starts_with(b"\xFF\xD8\xFF")
        || b.starts_with(b"GIF8")
        || b.starts_with(b"BM") && b.len() > 14 && b[6..10] == [0, 0, 0, 0]
        || b.starts_with(b"II*\0")
        || b.starts_with(b"MM\0*")
        || (b.starts_with(b"RIFF") && b.get(8..12) == Some(b"WEBP"))
    {
        return Err(ConvertError::Image);
    }
    if cfb::is_cfb(b) {
        return Ok(Kind::Doc);
    }
    if b.starts_with(b"{\\rtf") {
        return Err(ConvertError::Rtf);
    }
    if zip::looks_like_zip(b) {
        return Ok(Kind::Docx);
    }
    if b.starts_with(b"Rar!") || b.starts_with(b"7z\xBC\xAF\x27\x1C") || b.starts_with(b"\x1F\x8B") || b.starts_with(b"BZh") {
        return Err(ConvertError::Archive);
    }
    if mht::looks_like(b) {
        return Ok(Kind::Mht);
    }
    if is_word_xml(b) {
        return Ok(Kind::WordXml);
    }
    let markup = b.trim_ascii_start().starts_with(b"<") || b.starts_with(b"\xEF\xBB\xBF<");
    match ext.as_str() {
        "docx" | "docm" | "dotx" => Err(ConvertError::NotDocx),
        "zip" | "rar" | "7z" => Err(ConvertError::Archive),
        "mht" | "mhtml" if !markup => Err(ConvertError::Mht),
        "mht" | "mhtml" => Ok(Kind::Html),
        "pdf" => Err(ConvertError::Pdf),
        "html" | "htm" | "xhtml" | "shtml" => Ok(Kind::Html),
        _ => Ok(Kind::Text),
    }
}

/// True for Word 2003 XML: its processing instruction or root element early on.
fn is_word_xml(b: &[u8]) -> bool {
    let head = String::from_utf8_lossy(&b[..b.len().min(4096)]).to_ascii_lowercase();
    head.trim_start_matches('\u{feff}').trim_start().starts_with("<?xml")
        && (head.contains("progid=\"word.document\"") || head.contains("<w:worddocument"))
}

/// The extensions of Word 97–2003 and WPS documents.
fn word_binary_name(ext: &str) -> bool {
    matches!(ext, "doc" | "dot" | "wps" | "wpt")
}

/// True when text that came without an HTML name still is a web page.
fn looks_like_html(text: &str) -> bool {
    let head: String = text.chars().take(2048).collect::<String>().to_ascii_lowercase();
    let head = head.trim_start_matches('\u{feff}').trim_start();
    head.starts_with("<!doctype html")
        || head.starts_with("<html")
        || head.starts_with("<?xml") && head.contains("<html")
        || head.contains("<body")
}

/// Converts a file's bytes to report text. `name` is only a hint (its
/// extension); the bytes decide.
pub fn to_text(name: &str, bytes: &[u8]) -> Result<String, ConvertError> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(ConvertError::Text(Status::Empty));
    }
    if bytes.len() > crate::MAX_INPUT_BYTES * 4 {
        return Err(ConvertError::TooLarge);
    }
    let ext = extension(name);
    match sniff(name, bytes)? {
        Kind::Docx => {
            if !zip::looks_like_zip(bytes) {
                return Err(ConvertError::NotDocx);
            }
            checked(docx::convert(bytes, crate::MAX_INPUT_BYTES)?)
        }
        Kind::Doc => checked(doc::convert(bytes, matches!(ext.as_str(), "wps" | "wpt"), crate::MAX_INPUT_BYTES)?),
        Kind::Mht => {
            let page = mht::page(bytes)?;
            let text = match page.charset.as_deref() {
                Some(label) if !label.starts_with("utf") => decode_legacy(&page.html, label)?,
                _ => decode_page(&page.html, true)?,
            };
            checked(html::to_text(&text, crate::MAX_INPUT_BYTES)?)
        }
        Kind::WordXml => {
            let text = decode_page(bytes, true)?;
            checked(docx::document_text(&text, crate::MAX_INPUT_BYTES)?)
        }
        kind => {
            let html_hint = kind == Kind::Html;
            let text = match decode_page(bytes, html_hint) {
                // A Word name on bytes that are neither a Word file nor text.
                Err(ConvertError::Text(Status::Binary)) if word_binary_name(&ext) => {
                    return Err(if ext.starts_with("wp") {
                        ConvertError::Wps
                    } else {
                        ConvertError::DocCorrupt
                    })
                }
                r => r?,
            };
            if html_hint || looks_like_html(&text) {
                checked(html::to_text(&text, crate::MAX_INPUT_BYTES)?)
            } else {
                Ok(text)
            }
        }
    }
}

/// Converts text the caller has already decoded (the page, after
/// `TextDecoder`): a web page by its name or its look, else plain text.
pub fn from_decoded(name: &str, text: &str) -> Result<String, ConvertError> {
    if let Some(status) = crate::input::refuse(text) {
        return Err(ConvertError::Text(status));
    }
    let ext = extension(name);
    if matches!(ext.as_str(), "mht" | "mhtml") || mht::looks_like(text.as_bytes()) {
        // The page decoded the whole archive; its page must now be UTF-8.
        let page = mht::page(text.as_bytes())?;
        let html = String::from_utf8(page.html).map_err(|_| ConvertError::Mht)?;
        return checked(html::to_text(&html, crate::MAX_INPUT_BYTES)?);
    }
    if matches!(ext.as_str(), "html" | "htm" | "xhtml" | "shtml") || looks_like_html(text) {
        checked(html::to_text(text, crate::MAX_INPUT_BYTES)?)
    } else {
        Ok(text.to_string())
    }
}

/// For a web archive (.mht) whose page is in a legacy character set (the
/// wasm answered [`ConvertError::Charset`]): the page's own bytes, to decode
/// with that label and pass to [`from_decoded`] as HTML.
pub fn archived_page(bytes: &[u8]) -> Option<Vec<u8>> {
    if !mht::looks_like(bytes) {
        return None;
    }
    mht::page(bytes).ok().map(|p| p.html)
}

/// Refuses converted text the checker would refuse (nothing left, say).
fn checked(text: String) -> Result<String, ConvertError> {
    if text.trim().is_empty() {
        return Err(ConvertError::Text(Status::Empty));
    }
    if text.len() > crate::MAX_INPUT_BYTES {
        return Err(ConvertError::TooLarge);
    }
    Ok(text)
}

/// The character set a file declares: its BOM, else a `charset=` in an HTML
/// `<meta>` or an `encoding=` in an XML declaration within the first 4 KiB.
/// Lower case label as written (`gb2312`, `utf-8`), for `TextDecoder`.
pub fn charset(bytes: &[u8]) -> Option<String> {
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        return Some("utf-8".into());
    }
    if bytes.starts_with(b"\xFF\xFE") {
        return Some("utf-16le".into());
    }
    if bytes.starts_with(b"\xFE\xFF") {
        return Some("utf-16be".into());
    }
    let head: String = bytes[..bytes.len().min(4096)]
        .iter()
        .map(|&b| if b.is_ascii() { b.to_ascii_lowercase() as char } else { ' ' })
        .collect();
    for key in ["charset=", "encoding="] {
        if let Some(i) = head.find(key) {
            let rest = head[i + key.len()..].trim_start_matches(['"', '\'', ' ']);
            let label: String = rest
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '.'))
                .collect();
            if !label.is_empty() {
                return Some(label);
            }
        }
    }
    None
}

fn is_legacy_chinese(label: &str) -> bool {
    matches!(
        label,
        "gb2312" | "gbk" | "gb18030" | "x-gbk" | "cp936" | "windows-936" | "csgb2312" | "chinese" | "iso-ir-58" | "gb_2312-80"
    )
}

/// Decodes a text or HTML file: by its BOM, else its declared charset, else
/// UTF-8 and then GB18030 (see [`crate::input::decode`]).
fn decode_page(bytes: &[u8], html: bool) -> Result<String, ConvertError> {
    let declared = if html || bytes.starts_with(b"<") || bytes.trim_ascii_start().starts_with(b"<") {
        charset(bytes)
    } else {
        None
    };
    match declared.as_deref() {
        Some(label) if !label.starts_with("utf") => decode_legacy(bytes, label),
        _ => match crate::input::decode(bytes) {
            // In the browser, text that is not UTF-8 is most likely GB18030/GBK:
            // the page decodes it (see the module documentation).
            Err(Status::Binary) if cfg!(target_arch = "wasm32") && !bytes.contains(&0) => Err(ConvertError::Charset("gb18030".into())),
            r => r.map_err(ConvertError::Text),
        },
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn decode_legacy(bytes: &[u8], label: &str) -> Result<String, ConvertError> {
    // A page may declare GB2312 yet be saved as UTF-8: the bytes win.
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Ok(s.to_string());
    }
    let enc = if is_legacy_chinese(label) {
        encoding_rs::GB18030
    } else {
        encoding_rs::Encoding::for_label(label.as_bytes()).unwrap_or(encoding_rs::GB18030)
    };
    let (text, _, _) = enc.decode(bytes);
    if text.contains('\0') {
        return Err(ConvertError::Text(Status::Binary));
    }
    Ok(text.into_owned())
}

/// In the browser the page decodes legacy character sets (see the module
/// documentation); UTF-8 bytes are still read here.
#[cfg(target_arch = "wasm32")]
fn decode_legacy(bytes: &[u8], label: &str) -> Result<String, ConvertError> {
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(s.to_string()),
        Err(_) if is_legacy_chinese(label) || !label.is_empty() => Err(ConvertError::Charset(label.to_string())),
        Err(_) => Err(ConvertError::Text(Status::Binary)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_other_kinds() {
        assert_eq!(to_text("a.pdf", b"%PDF-1.7\n..."), Err(ConvertError::Pdf));
        assert_eq!(to_text("a.docx", b"\x89PNG\r\n\x1a\n\0\0"), Err(ConvertError::Image));
        assert_eq!(to_text("a.docx", "一、总体情况".as_bytes()), Err(ConvertError::NotDocx));
        assert_eq!(
            to_text("a.doc", b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0"),
            Err(ConvertError::DocTruncated)
        );
        assert_eq!(to_text("a.doc", b"\x01\x02\x00\x00\xff"), Err(ConvertError::DocCorrupt));
        assert_eq!(to_text("a.wps", b"\x01\x02\x00\x00\xff"), Err(ConvertError::Wps));
        assert_eq!(to_text("a.txt", b"   \n"), Err(ConvertError::Text(Status::Empty)));
        assert_eq!(to_text("a.docx", b"PK\x03\x04\x14\0\0\0"), Err(ConvertError::DocxTruncated));
    }

    #[test]
    fn charset_from_meta() {
        assert_eq!(
            charset(b"<html><meta http-equiv=\"Content-Type\" content=\"text/html; charset=GB2312\">").as_deref(),
            Some("gb2312")
        );
        assert_eq!(charset(b"<meta charset='utf-8'>").as_deref(), Some("utf-8"));
        assert_eq!(charset(b"plain"), None);
    }

    #[test]
    fn plain_text_passes() {
        assert_eq!(to_text("a.txt", "一、总体情况\n".as_bytes()).unwrap(), "一、总体情况\n");
        assert_eq!(extension("dir.x/报告"), "");
        assert_eq!(extension("报告.HTM"), "htm");
    }
}
