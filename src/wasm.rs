//! The thin WebAssembly binding (wasm-bindgen): `check(text)` returns exactly
//! the [`CheckResult`] the command line prints as JSON (options `null`, maps as
//! plain objects), `rules()` the documentation of every rule, `format()` the standard
//! layout's section headings and table titles, and `file_text`
//! / `decoded_file_text` a dropped file's text (`nianbao::convert`), for the page.
//! Nothing here decides anything: the core does.
//!
//! Built three times (wasm-pack.toml `[[module]]`, scripts/build-wasm.sh): the checker
//! (`check`, `check_many`, `csv`, `rules`, `format`), which the page loads at once, and with `--cfg nianbao_files`
//! the file reader (`file_text`, `decoded_file_text`), which it fetches only when
//! a file is opened, so that pasting never waits for the .docx and .html code; and with
//! `--cfg nianbao_pdf` the PDF checker (`check_pdf`, `pdf_table_pages`, `pdf_problem`: the geometry of
//! `nianbao::pdf` and the checker), which the page fetches only when a PDF is opened, so that the
//! checker's own wasm does not grow by the geometry (a third copy of the checker, loaded with
//! pdf.js, which is several times larger).
//!
//! `nianbao_files` and `nianbao_pdf` are set by scripts/build-wasm.sh (`cargo rustc -- --cfg …`)
//! and declared in Cargo.toml's `[lints.rust]` `check-cfg`.

use serde::Serialize;
use wasm_bindgen::prelude::*;

/// Runs once when the module is instantiated: panics reach the console.
#[wasm_bindgen(start)]
pub fn start() {
    console_error_panic_hook::set_once();
}

#[cfg(not(any(nianbao_files, nianbao_pdf)))]
/// Checks the text of one report (as the page's text area holds it; the
/// `*_utf16` offsets of the result index that string).
#[wasm_bindgen]
pub fn check(text: &str) -> Result<JsValue, JsValue> {
    to_js(&crate::check(text))
}

#[cfg(not(any(nianbao_files, nianbao_pdf)))]
/// Reads the page's array of files (`[{name, text}]`, or `{name, status, error, message}`
/// for a file its reader refused), checks each and then the set (`nianbao::check_set`, as the
/// command line does). Read by hand: serde's Deserialize would cost the wasm more.
fn check_set(files: JsValue) -> Result<Vec<crate::FileResult>, JsValue> {
    use crate::{FileResult, Status};
    if !js_sys::Array::is_array(&files) {
        return Err(JsValue::from_str("check_many: expected an array of {name, text}"));
    }
    let get = |o: &JsValue, k: &str| js_sys::Reflect::get(o, &JsValue::from_str(k)).ok().and_then(|v| v.as_string());
    let files: js_sys::Array = files.unchecked_into();
    let mut out: Vec<FileResult> = files
        .iter()
        .map(|f| {
            let name = get(&f, "name").unwrap_or_default();
            match get(&f, "text") {
                Some(text) => FileResult::checked(name, crate::check(&text)),
                None => {
                    let status = match get(&f, "status").as_deref() {
                        Some("empty") => Status::Empty,
                        Some("too_large") => Status::TooLarge,
                        Some("not_a_report") => Status::NotAReport,
                        _ => Status::Binary,
                    };
                    let message = get(&f, "message").unwrap_or_else(|| status.message().to_string());
                    let mut r = FileResult::refused(name, "", message, status);
                    r.error = get(&f, "error").map(Into::into);
                    r
                }
            }
        })
        .collect();
    crate::check_set(&mut out);
    Ok(out)
}

#[cfg(not(any(nianbao_files, nianbao_pdf)))]
/// Checks several reports (`[{name, text}]`, or `{name, status, error, message}`
/// for a file the reader refused) and their continuity across years (X001, X002).
/// Returns the command line's `--format json` array: one object per file, in the
/// order given, `{file, error?, status, message, report, findings, summary}`.
#[wasm_bindgen]
pub fn check_many(files: JsValue) -> Result<JsValue, JsValue> {
    to_js(&check_set(files)?)
}

#[cfg(not(any(nianbao_files, nianbao_pdf)))]
/// The command line's `--format csv` of a set (the same files as `check_many`,
/// checked again): UTF-8 text starting with a BOM, CRLF line ends.
#[wasm_bindgen]
pub fn csv(files: JsValue) -> Result<String, JsValue> {
    Ok(crate::export::csv(&check_set(files)?))
}

#[cfg(not(any(nianbao_files, nianbao_pdf)))]
/// One rule's documentation, as the page shows it.
#[derive(Serialize)]
struct RuleDoc {
    code: &'static str,
    name: &'static str,
    severity: crate::Severity,
    severity_label: &'static str,
    summary: &'static str,
    why: &'static str,
    example: &'static str,
}

#[cfg(not(any(nianbao_files, nianbao_pdf)))]
/// Every rule (`nianbao::rules::RULES`), in documentation order.
#[wasm_bindgen]
pub fn rules() -> Result<JsValue, JsValue> {
    let docs: Vec<RuleDoc> = crate::rules::RULES
        .iter()
        .map(|r| RuleDoc {
            code: r.code,
            name: r.name,
            severity: r.severity,
            severity_label: r.severity.label(),
            summary: r.summary,
            why: r.why,
            example: r.example,
        })
        .collect();
    to_js(&docs)
}

#[cfg(not(any(nianbao_files, nianbao_pdf)))]
/// The section headings and table titles of the standard layout (`nianbao::format`), so that the
/// page names what is missing without a copy of its own: the JSON text of `{"sections":
/// [{numeral, heading}], "tables": [{table, section, title}]}` (the three 2021 tables, `section`
/// a numeral). A string written by hand, parsed once by the page: this costs the checker's wasm
/// 0.8 KB gzipped, serde's derive for three more shapes 1.1 KB.
#[wasm_bindgen]
pub fn format() -> String {
    use crate::format::{section, SECTIONS, TABLE_A, TABLE_B, TABLE_C};
    fn object(out: &mut String, fields: &[(&str, &str)]) {
        if !out.ends_with('[') {
            out.push(',');
        }
        out.push('{');
        for (i, (k, v)) in fields.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            out.push_str(&["\"", k, "\":\""].concat());
            out.extend(
                v.chars()
                    .flat_map(|c| (c == '"' || c == '\\').then_some('\\').into_iter().chain([c])),
            );
            out.push('"');
        }
        out.push('}');
    }
    let mut out = String::from("{\"sections\":[");
    for s in &SECTIONS {
        object(&mut out, &[("numeral", s.numeral), ("heading", s.heading)]);
    }
    out.push_str("],\"tables\":[");
    for t in [&TABLE_A, &TABLE_B, &TABLE_C] {
        object(
            &mut out,
            &[("table", t.id), ("section", section(t.section).numeral), ("title", t.title)],
        );
    }
    out.push_str("]}");
    out
}

#[cfg(nianbao_files)]
/// A file turned into report text (`nianbao::convert`), or why it was not.
#[derive(Serialize)]
struct FileText {
    /// The report text; `null` when the file was refused.
    text: Option<String>,
    /// Why it was refused: `ConvertError::code` ("pdf", "docx_corrupt", "charset", …).
    error: Option<&'static str>,
    /// The refusal as the user reads it (Chinese).
    message: Option<&'static str>,
    /// The status a result for the refused file has (`ConvertError::status`: "binary", "too_large", …).
    status: Option<crate::Status>,
    /// With error "charset": the label to decode the bytes with (`TextDecoder`), then to pass
    /// the text to `decoded_file_text` (the wasm carries no GBK tables).
    charset: Option<String>,
}

#[cfg(nianbao_files)]
impl From<Result<String, crate::convert::ConvertError>> for FileText {
    fn from(r: Result<String, crate::convert::ConvertError>) -> FileText {
        match r {
            Ok(text) => FileText {
                text: Some(text),
                error: None,
                message: None,
                status: None,
                charset: None,
            },
            Err(e) => FileText {
                text: None,
                error: Some(e.code()),
                message: Some(e.message()),
                status: Some(e.status()),
                charset: e.charset_label().map(str::to_string),
            },
        }
    }
}

#[cfg(nianbao_files)]
#[wasm_bindgen]
extern "C" {
    /// The browser's `TextDecoder` (in a page and in a worker alike).
    type TextDecoder;
    #[wasm_bindgen(constructor, catch)]
    fn new(label: &str) -> Result<TextDecoder, JsValue>;
    #[wasm_bindgen(method, catch)]
    fn decode(this: &TextDecoder, bytes: &[u8]) -> Result<String, JsValue>;
}

#[cfg(nianbao_files)]
/// A file's bytes (.txt, .docx, .doc, .wps, .html, .mht; `name` only hints at the kind) to
/// report text. A web archive whose page is in GBK/GB2312/GB18030 is decoded here with the
/// browser's `TextDecoder` (the page's bytes are inside the archive, quoted-printable or base64,
/// so the page cannot decode the file for us); other legacy text still answers "charset".
#[wasm_bindgen]
pub fn file_text(name: &str, bytes: &[u8]) -> Result<JsValue, JsValue> {
    use crate::convert::{archived_page, from_decoded, to_text, ConvertError};
    let read = match to_text(name, bytes) {
        Err(ConvertError::Charset(label)) => match archived_page(bytes) {
            Some(page) => match TextDecoder::new(&label).and_then(|d| d.decode(&page)) {
                Ok(text) => from_decoded("page.html", &text),
                Err(_) => Err(ConvertError::Mht),
            },
            None => Err(ConvertError::Charset(label)),
        },
        r => r,
    };
    to_js(&FileText::from(read))
}

#[cfg(nianbao_files)]
/// The text of a file the page decoded itself (after `file_text` answered "charset").
#[wasm_bindgen]
pub fn decoded_file_text(name: &str, text: &str) -> Result<JsValue, JsValue> {
    to_js(&FileText::from(crate::convert::from_decoded(name, text)))
}

#[cfg(nianbao_pdf)]
/// pdf.js's items as handed over (see [`check_pdf`]).
fn pdf_items(strings: Vec<String>, nums: &[f64], pages: &[f64]) -> (Vec<crate::pdf::Item>, Vec<crate::pdf::PageSize>) {
    use crate::pdf::{Item, PageSize};
    let items = strings
        .into_iter()
        .zip(nums.chunks_exact(5))
        .map(|(text, n)| Item {
            text,
            x: n[0],
            y: n[1],
            width: n[2],
            height: n[3],
            page: n[4] as u32,
        })
        .collect();
    (
        items,
        pages.chunks_exact(2).map(|p| PageSize { width: p[0], height: p[1] }).collect(),
    )
}

#[cfg(nianbao_pdf)]
/// A PDF checked from the text items pdf.js read (www/pdf-items.js): `strings` the items' text,
/// `nums` five numbers an item (x, y, width, height, page: baseline origin in PDF points, y up,
/// font size, 1-based page), `pages` two a page (width, height), `paths` six a drawn straight
/// segment or filled box (page, x0, y0, x1, y1, line width; negative for a filled box; see
/// [`crate::pdf::Path::from_nums`]). The core rebuilds lines and
/// table cells from the geometry (`nianbao::pdf`) and checks: `{text, result}` with every place
/// of the result given its `page` and `box`, or `{error, message, status}` when the PDF holds no
/// usable text (`pdf_scanned`, `pdf_undecodable`).
#[wasm_bindgen]
pub fn check_pdf(strings: Vec<String>, nums: &[f64], pages: &[f64], paths: &[f64]) -> Result<JsValue, JsValue> {
    let (items, pages) = pdf_items(strings, nums, pages);
    #[derive(Serialize)]
    struct Out<'a> {
        text: Option<String>,
        result: Option<crate::CheckResult>,
        error: Option<&'a str>,
        message: Option<&'a str>,
        status: Option<crate::Status>,
    }
    to_js(
        &match crate::pdf::check_items(&items, &pages, &crate::pdf::Path::from_nums(paths)) {
            Ok(c) => Out {
                text: Some(c.text),
                result: Some(c.result),
                error: None,
                message: None,
                status: None,
            },
            Err(p) => Out {
                text: None,
                result: None,
                error: Some(p.code()),
                message: Some(p.message()),
                status: Some(crate::Status::Binary),
            },
        },
    )
}

#[cfg(nianbao_pdf)]
/// The pages whose drawn paths [`check_pdf`] needs (those with a line of figures), from the same
/// items: the page reads only their operator lists.
#[wasm_bindgen]
pub fn pdf_table_pages(strings: Vec<String>, nums: &[f64], pages: &[f64]) -> Vec<u32> {
    let (items, pages) = pdf_items(strings, nums, pages);
    crate::pdf::table_pages(&items, &pages)
}

#[cfg(nianbao_pdf)]
/// The message (Chinese) for a PDF problem code: the page hands over pdf.js's failures by code
/// (`pdf_encrypted`, `pdf_damaged`; see www/pdf-items.js `problemOf`).
#[wasm_bindgen]
pub fn pdf_problem(code: &str) -> Option<String> {
    crate::pdf::Problem::from_code(code).map(|p| p.message().to_string())
}

#[cfg(not(any(nianbao_files, nianbao_pdf)))]
/// The crate's version.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

/// Serialises as `JSON.parse` of the command line's output would give it: the JSON text of
/// `value` (src/json.rs) parsed by the browser. A count beyond 2^53 (a report can hold any
/// digits) becomes the nearest number, as `JSON.parse` makes it.
fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    let text = crate::json::to_string(value).map_err(|_| JsValue::from_str("not serialisable as JSON"))?;
    js_sys::JSON::parse(&text)
}
