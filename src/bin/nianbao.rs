//! The command line:
//!
//! ```text
//! nianbao check [--format text|json|csv] PATH...   (PATH: a file, a folder, or - for standard input)
//! nianbao text FILE        (the text a Word file, web page or PDF is read as)
//! nianbao rules
//! ```
//!
//! Folders are walked (recursively, in name order) for .txt, .docx, .doc, .wps,
//! .html, .htm, .mht, .mhtml and .pdf files; other files in them are skipped
//! with a note. Files named on the command line are read whatever their
//! extension. Word files and web pages are converted by [`nianbao::convert`]; PDFs are read by the native reader and
//! their lines and table cells rebuilt from the page geometry ([`nianbao::pdf`]);
//! reports of the same agency for consecutive years are checked for
//! continuity ([`nianbao::continuity`]) and those findings join the year-N
//! report's.
//!
//! Output: `text` (default), `json` (an array, one object per file in the
//! order read: `{"file", "status", "message", "report", "findings",
//! "summary"}`, plus `"error"` with a machine key when a file could not be
//! converted) or `csv` (UTF-8 with BOM, CRLF, RFC 4180 quoting; one row per
//! finding, and one row for each file that could not be checked).
//!
//! Exit status: 0 when no file has an error finding, 1 when some do, 2 on
//! usage or I/O errors or a file that could not be checked (unreadable,
//! binary, empty, of the wrong kind).

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use nianbao::convert::{self, ConvertError};
use nianbao::{check, check_set, export, FileResult, Status};

const USAGE: &str = "用法 / usage: nianbao check [--format text|json|csv] 路径...
       路径可以是文件、目录（递归查找 .txt .docx .doc .wps .html .htm .mht .mhtml .pdf）或 -（读标准输入）
       nianbao text 文件                                （输出 Word/网页/PDF 文件转换后的文字）
       nianbao rules                                    （列出全部规则）";

/// Extensions taken from folders.
const WALKED: &[&str] = &["txt", "docx", "doc", "wps", "html", "htm", "mht", "mhtml", "pdf"];
/// The same, as messages list them.
const KINDS: &str = ".txt、.docx、.doc、.wps、.html、.htm、.mht、.mhtml、.pdf";
/// Folders deeper than this are not entered.
const MAX_WALK_DEPTH: usize = 32;

#[derive(Clone, Copy, PartialEq)]
enum Format {
    Text,
    Json,
    Csv,
}

fn parse_format(s: &str) -> Option<Format> {
    match s {
        "text" => Some(Format::Text),
        "json" => Some(Format::Json),
        "csv" => Some(Format::Csv),
        _ => None,
    }
}

/// Reads a file (`None`: standard input); `name` is how messages show it.
fn read_input(name: &str, path: Option<&Path>) -> Result<Vec<u8>, String> {
    let Some(path) = path else {
        let mut buf = Vec::new();
        std::io::stdin()
            .take((nianbao::MAX_INPUT_BYTES as u64) * 4 + 1)
            .read_to_end(&mut buf)
            .map_err(|e| format!("无法读取标准输入：{e}"))?;
        return Ok(buf);
    };
    let meta = std::fs::metadata(path).map_err(|e| format!("无法读取 {name}：{e}"))?;
    if meta.is_dir() {
        return Err(format!("{name} 是目录，不是文件"));
    }
    if meta.len() > (nianbao::MAX_INPUT_BYTES as u64) * 4 {
        return Err(format!("{name}：{}", Status::TooLarge.message()));
    }
    std::fs::read(path).map_err(|e| format!("无法读取 {name}：{e}"))
}

/// A file to check: how it is named in the output, and where it is (`None`: standard input).
type Input = (String, Option<PathBuf>);

fn main() -> ExitCode {
    // File names need not be UTF-8 (GBK names from a Windows share): kept as
    // OS strings, shown lossily.
    let raw: Vec<std::ffi::OsString> = std::env::args_os().skip(1).collect();
    let args: Vec<String> = raw.iter().map(|a| a.to_string_lossy().into_owned()).collect();
    match args.first().map(String::as_str) {
        Some("check") => run_check(&args[1..], &raw[1..]),
        Some("text") => run_text(&args[1..], &raw[1..]),
        Some("rules") => {
            for r in nianbao::rules::RULES {
                println!("{}\t{}\t{}\t{}", r.code, r.severity.label(), r.name, r.summary);
            }
            ExitCode::SUCCESS
        }
        Some("-h" | "--help" | "help") => {
            println!("{USAGE}");
            ExitCode::SUCCESS
        }
        _ => {
            eprintln!("{USAGE}");
            ExitCode::from(2)
        }
    }
}

/// The files under `dir`, depth first in name order (as `find | sort` lists
/// them), hidden ones left out. Files of other kinds are noted on standard
/// error and skipped; links to folders are not followed.
fn walk(dir: &Path, out: &mut Vec<Input>, io_error: &mut bool) {
    // A stack of folder listings, each reversed so that `pop` gives the next name.
    let mut stack: Vec<Vec<PathBuf>> = Vec::new();
    match listing(dir) {
        Ok(l) => stack.push(l),
        Err(e) => {
            eprintln!("无法读取目录 {}：{e}", dir.display());
            *io_error = true;
        }
    }
    while let Some(top) = stack.last_mut() {
        let Some(path) = top.pop() else {
            stack.pop();
            continue;
        };
        let Ok(meta) = std::fs::symlink_metadata(&path) else { continue };
        if meta.is_dir() {
            if stack.len() < MAX_WALK_DEPTH {
                match listing(&path) {
                    Ok(l) => stack.push(l),
                    Err(e) => {
                        eprintln!("无法读取目录 {}：{e}", path.display());
                        *io_error = true;
                    }
                }
            }
            continue;
        }
        let ext = path
            .extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase())
            .unwrap_or_default();
        if WALKED.contains(&ext.as_str()) {
            out.push((path.to_string_lossy().into_owned(), Some(path)));
        } else {
            eprintln!("跳过 {}：只核查 {KINDS} 文件", path.display());
        }
    }
}

/// A folder's entries, hidden ones left out, in reverse name order.
fn listing(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut items: Vec<(String, PathBuf)> = std::fs::read_dir(dir)?
        .filter_map(Result::ok)
        .map(|e| (e.file_name().to_string_lossy().into_owned(), e.path()))
        .filter(|(n, _)| !n.starts_with('.'))
        .collect();
    items.sort();
    Ok(items.into_iter().rev().map(|(_, p)| p).collect())
}

fn run_check(args: &[String], raw: &[std::ffi::OsString]) -> ExitCode {
    let mut format = Format::Text;
    let mut paths: Vec<usize> = Vec::new();
    let mut i = 0;
    while i < args.len() {
        match args[i].as_str() {
            "--format" | "-f" => {
                i += 1;
                let v = args.get(i).map(String::as_str).unwrap_or("");
                match parse_format(v) {
                    Some(f) => format = f,
                    None => {
                        eprintln!("未知的输出格式 {v:?}（可选 text、json、csv）\n{USAGE}");
                        return ExitCode::from(2);
                    }
                }
            }
            s if s.starts_with("--format=") => match parse_format(&s["--format=".len()..]) {
                Some(f) => format = f,
                None => {
                    eprintln!("未知的输出格式 {:?}（可选 text、json、csv）\n{USAGE}", &s["--format=".len()..]);
                    return ExitCode::from(2);
                }
            },
            "--" => {
                paths.extend(i + 1..args.len());
                break;
            }
            s if s.starts_with('-') && s != "-" => {
                eprintln!("未知的选项 {s}\n{USAGE}");
                return ExitCode::from(2);
            }
            _ => paths.push(i),
        }
        i += 1;
    }
    if paths.is_empty() {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    }
    let mut io_error = false;
    let mut files: Vec<Input> = Vec::new();
    for &k in &paths {
        let (name, path) = (&args[k], Path::new(&raw[k]));
        if name == "-" {
            files.push((name.clone(), None));
        } else if path.is_dir() {
            let before = files.len();
            walk(path, &mut files, &mut io_error);
            if files.len() == before {
                eprintln!("{name}：目录中没有可核查的文件（{KINDS}）");
                io_error = true;
            }
        } else {
            files.push((name.clone(), Some(path.to_path_buf())));
        }
    }
    let mut results: Vec<FileResult> = Vec::new();
    for (f, path) in &files {
        let bytes = match read_input(f, path.as_deref()) {
            Ok(b) => b,
            Err(msg) => {
                eprintln!("{msg}");
                io_error = true;
                continue;
            }
        };
        let file = match read_file(f, &bytes) {
            Ok(FileRead::Text(text)) => FileResult::checked(f.clone(), check(&text)),
            Ok(FileRead::Pdf(pdf)) => FileResult::checked(f.clone(), pdf.result),
            Err((message, code, status)) => FileResult::refused(f.clone(), code, message, status),
        };
        if file.result.status != Status::Checked {
            io_error = true;
            eprintln!("{f}：{}", file.result.message);
        }
        results.push(file);
    }
    check_set(&mut results);
    let any_error = results.iter().any(|f| f.result.has_errors());
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let written = match format {
        Format::Json => serde_json::to_writer_pretty(&mut out, &results)
            .map_err(std::io::Error::other)
            .and_then(|_| writeln!(out)),
        Format::Text => write_text(&mut out, &results),
        Format::Csv => export::write_csv(&mut out, &results),
    };
    if written.and_then(|_| out.flush()).is_err() {
        return ExitCode::from(2);
    }
    if io_error {
        ExitCode::from(2)
    } else if any_error {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// `nianbao text FILE`: prints the text the checker reads from a file.
fn run_text(args: &[String], raw: &[std::ffi::OsString]) -> ExitCode {
    let ([file], [path]) = (args, raw) else {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    };
    let path = (file != "-").then(|| Path::new(path));
    let converted = read_input(file, path).and_then(|b| {
        read_file(file, &b)
            .map(|r| match r {
                FileRead::Text(t) => t,
                FileRead::Pdf(p) => p.text,
            })
            .map_err(|(message, _, _)| format!("{file}：{message}"))
    });
    match converted {
        Ok(text) => {
            let mut out = std::io::stdout().lock();
            if out.write_all(text.as_bytes()).and_then(|_| out.flush()).is_err() {
                return ExitCode::from(2);
            }
            ExitCode::SUCCESS
        }
        Err(msg) => {
            eprintln!("{msg}");
            ExitCode::from(2)
        }
    }
}

/// A file read: text to check, or a PDF already checked (its text rebuilt from the pages).
enum FileRead {
    Text(String),
    Pdf(Box<nianbao::pdf::PdfCheck>),
}

/// Why a file was not read: the message, its machine key, the status of its result.
type Refusal = (&'static str, &'static str, Status);

/// Reads a file: a PDF through the native reader and the geometry (`nianbao::pdf`), any other
/// file through `nianbao::convert`.
fn read_file(name: &str, bytes: &[u8]) -> Result<FileRead, Refusal> {
    if nianbao::pdf::is_pdf(name, bytes) {
        return read_pdf(bytes).map(|p| FileRead::Pdf(Box::new(p)));
    }
    convert::to_text(name, bytes)
        .map(FileRead::Text)
        .map_err(|e: ConvertError| (e.message(), e.code(), e.status()))
}

#[cfg(feature = "pdf")]
fn read_pdf(bytes: &[u8]) -> Result<nianbao::pdf::PdfCheck, Refusal> {
    nianbao::pdf::check_bytes(bytes).map_err(|p| (p.message(), p.code(), Status::Binary))
}

#[cfg(not(feature = "pdf"))]
fn read_pdf(_bytes: &[u8]) -> Result<nianbao::pdf::PdfCheck, Refusal> {
    let e = ConvertError::Pdf;
    Err((e.message(), e.code(), e.status()))
}

fn write_text(out: &mut impl Write, results: &[FileResult]) -> std::io::Result<()> {
    let (mut e, mut w, mut n) = (0, 0, 0);
    for FileResult { file, result: r, .. } in results {
        if r.status != Status::Checked {
            writeln!(out, "{file}: {}", r.message)?;
            continue;
        }
        let (agency, year) = export::who(r);
        let agency = if agency.is_empty() {
            "（机关未识别）".to_string()
        } else {
            agency
        };
        let year = if year.is_empty() {
            "（年度未识别）".to_string()
        } else {
            format!("{year}年")
        };
        writeln!(out, "== {file}  {agency} {year}")?;
        for f in &r.findings {
            if let Some(page) = f.place.page {
                writeln!(out, "{file}:第 {page} 页: {} [{}] {}", f.code, f.severity.label(), f.message)?;
            } else if f.place.line > 0 {
                writeln!(out, "{file}:{}: {} [{}] {}", f.place.line, f.code, f.severity.label(), f.message)?;
            } else {
                writeln!(out, "{file}: {} [{}] {}", f.code, f.severity.label(), f.message)?;
            }
        }
        if r.findings.is_empty() {
            writeln!(out, "{file}: 通过，未发现问题")?;
        }
        e += r.summary.errors;
        w += r.summary.warnings;
        n += r.summary.infos;
    }
    writeln!(out, "共 {} 个文件：{e} 个错误，{w} 个警告，{n} 个提示", results.len())
}
