//! The command line: `nianbao check [--format text|json] FILE...` (`-` reads
//! standard input). Exit status 0 when no file has an error finding, 1 when
//! some do, 2 on usage or I/O errors (including empty or binary files).

use std::io::{Read, Write};
use std::process::ExitCode;

use nianbao::{check, CheckResult, Status};
use serde::Serialize;

const USAGE: &str = "用法 / usage: nianbao check [--format text|json] FILE...   (FILE 为 - 时读标准输入)
       nianbao rules                                    (列出全部规则)";

#[derive(Serialize)]
struct FileResult<'a> {
    file: &'a str,
    #[serde(flatten)]
    result: &'a CheckResult,
}

#[derive(Clone, Copy, PartialEq)]
enum Format {
    Text,
    Json,
}

fn read_input(path: &str) -> Result<Vec<u8>, String> {
    if path == "-" {
        let mut buf = Vec::new();
        std::io::stdin()
            .read_to_end(&mut buf)
            .map_err(|e| format!("无法读取标准输入：{e}"))?;
        Ok(buf)
    } else {
        let meta = std::fs::metadata(path).map_err(|e| format!("无法读取 {path}：{e}"))?;
        if meta.is_dir() {
            return Err(format!("{path} 是目录，不是文件"));
        }
        if meta.len() > (nianbao::MAX_INPUT_BYTES as u64) * 2 {
            return Err(format!("{path}：{}", Status::TooLarge.message()));
        }
        std::fs::read(path).map_err(|e| format!("无法读取 {path}：{e}"))
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("check") => run_check(&args[1..]),
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

fn run_check(args: &[String]) -> ExitCode {
    let mut format = Format::Text;
    let mut files: Vec<&str> = Vec::new();
    let mut i = 0;
    while i < args.len() {
        match args[i].as_str() {
            "--format" | "-f" => {
                i += 1;
                format = match args.get(i).map(String::as_str) {
                    Some("text") => Format::Text,
                    Some("json") => Format::Json,
                    other => {
                        eprintln!("未知的输出格式 {:?}（可选 text、json）\n{USAGE}", other.unwrap_or(""));
                        return ExitCode::from(2);
                    }
                };
            }
            s if s.starts_with("--format=") => {
                format = match &s["--format=".len()..] {
                    "text" => Format::Text,
                    "json" => Format::Json,
                    other => {
                        eprintln!("未知的输出格式 {other:?}（可选 text、json）\n{USAGE}");
                        return ExitCode::from(2);
                    }
                };
            }
            s if s.starts_with('-') && s != "-" => {
                eprintln!("未知的选项 {s}\n{USAGE}");
                return ExitCode::from(2);
            }
            s => files.push(s),
        }
        i += 1;
    }
    if files.is_empty() {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    }
    let mut any_error = false;
    let mut io_error = false;
    let mut results: Vec<(String, CheckResult)> = Vec::new();
    for f in &files {
        let result = match read_input(f) {
            Ok(bytes) => match nianbao::input::decode(&bytes) {
                Ok(text) => check(&text),
                Err(status) => CheckResult::refused(status, ""),
            },
            Err(msg) => {
                eprintln!("{msg}");
                io_error = true;
                continue;
            }
        };
        if result.status != Status::Checked {
            io_error = true;
            eprintln!("{f}: {}", result.message);
        }
        any_error |= result.has_errors();
        results.push((f.to_string(), result));
    }
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let written = match format {
        Format::Json => {
            let list: Vec<FileResult> = results.iter().map(|(f, r)| FileResult { file: f, result: r }).collect();
            serde_json::to_writer_pretty(&mut out, &list)
                .map_err(std::io::Error::other)
                .and_then(|_| writeln!(out))
        }
        Format::Text => write_text(&mut out, &results),
    };
    if written.is_err() {
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

fn write_text(out: &mut impl Write, results: &[(String, CheckResult)]) -> std::io::Result<()> {
    let (mut e, mut w, mut n) = (0, 0, 0);
    for (file, r) in results {
        if r.status != Status::Checked {
            writeln!(out, "{file}: {}", r.message)?;
            continue;
        }
        let who = r.report.as_ref().map(|rep| {
            format!(
                "{} {}",
                rep.agency.as_deref().unwrap_or("（机关未识别）"),
                rep.year.map_or("（年度未识别）".to_string(), |y| format!("{y}年"))
            )
        });
        writeln!(out, "== {file}  {}", who.unwrap_or_default())?;
        for f in &r.findings {
            writeln!(out, "{file}:{}: {} [{}] {}", f.place.line, f.code, f.severity.label(), f.message)?;
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
