//! The command line, run as a user runs it: exit codes, standard input,
//! GBK text, folders, .docx and .html, continuity, and the three formats.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_nianbao");

fn fixture(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(path)
}

fn run(args: &[&str]) -> Output {
    Command::new(BIN).args(args).output().unwrap()
}

fn run_stdin(args: &[&str], input: &[u8]) -> Output {
    let mut child = Command::new(BIN)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(input).unwrap();
    child.wait_with_output().unwrap()
}

fn code(o: &Output) -> i32 {
    o.status.code().unwrap()
}

fn json(o: &Output) -> serde_json::Value {
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&o.stdout)))
}

/// A fresh scratch folder for one test.
fn scratch(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("nianbao-cli-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn exit_codes() {
    let seed = fixture("reports/seeds/001_43e3c9ba6b70e239.txt");
    let broken = fixture("continuity/zhongwei-2024-broken.txt");
    let consistent = fixture("continuity/zhongwei-2024-consistent.txt");
    assert_eq!(code(&run(&["check", s(&seed), s(&consistent)])), 0);
    assert_eq!(code(&run(&["check", s(&seed), s(&broken)])), 1, "X001 is an error");
    assert_eq!(code(&run(&["check", s(&broken)])), 0, "alone, the 2024 report has no error");
    assert_eq!(code(&run(&["check"])), 2);
    assert_eq!(code(&run(&["check", "--format", "xml", s(&seed)])), 2);
    assert_eq!(code(&run(&["check", "--bogus", s(&seed)])), 2);
    assert_eq!(code(&run(&["frobnicate"])), 2);
    assert_eq!(code(&run(&["check", "/nonexistent/report.txt"])), 2);
    let o = run(&["check", s(&fixture("docx/hostile/bomb.docx"))]);
    assert_eq!(code(&o), 2);
    assert!(String::from_utf8_lossy(&o.stderr).contains("50 MB"));
    let o = run(&["check", s(&fixture("docx/hostile/image.docx")), s(&seed)]);
    assert_eq!(code(&o), 2, "a refused file makes the run exit 2");
    assert!(String::from_utf8_lossy(&o.stdout).contains("图片"));
}

#[test]
fn standard_input_and_gbk() {
    let text = std::fs::read_to_string(fixture("reports/seeds/001_43e3c9ba6b70e239.txt")).unwrap();
    let o = run_stdin(&["check", "--format", "json", "-"], text.as_bytes());
    assert_eq!(code(&o), 0, "{}", String::from_utf8_lossy(&o.stderr));
    let v = json(&o);
    assert_eq!(v[0]["file"], "-");
    assert_eq!(v[0]["status"], "checked");
    assert_eq!(v[0]["report"]["agency"], "中卫市审批服务管理局");
    let (gbk, _, _) = encoding_rs::GBK.encode(&text);
    assert!(std::str::from_utf8(&gbk).is_err());
    let o = run_stdin(&["check", "--format=json", "-"], &gbk);
    assert_eq!(code(&o), 0);
    assert_eq!(json(&o)[0]["report"]["year"], 2023);
    // Empty and binary input.
    assert_eq!(code(&run_stdin(&["check", "-"], b"")), 2);
    let o = run_stdin(&["check", "--format", "json", "-"], b"%PDF-1.5\n");
    assert_eq!(code(&o), 2);
    let v = json(&o);
    assert_eq!(v[0]["status"], "binary");
    // a PDF is read (nianbao::pdf), and this one is broken: its own message (built without
    // the reader: that it is not read)
    assert_eq!(v[0]["error"], if cfg!(feature = "pdf") { "pdf_damaged" } else { "pdf" });
    assert!(v[0]["message"].as_str().unwrap().contains("PDF"));
}

#[test]
fn docx_and_html_give_the_same_findings_as_text() {
    let o = run(&[
        "check",
        "--format",
        "json",
        s(&fixture("reports/seeds/001_43e3c9ba6b70e239.txt")),
        s(&fixture("docx/seed-001.docx")),
        s(&fixture("html/seed-001.html")),
    ]);
    assert_eq!(code(&o), 0);
    let v = json(&o);
    let list = v.as_array().unwrap();
    assert_eq!(list.len(), 3);
    for item in list {
        assert_eq!(item["status"], "checked", "{}", item["file"]);
        assert_eq!(item["report"]["tables"], list[0]["report"]["tables"], "{}", item["file"]);
        assert_eq!(item["summary"], list[0]["summary"]);
    }
    // The text of a Word file, as the checker reads it.
    let o = run(&["text", s(&fixture("docx/seed-001.docx"))]);
    assert_eq!(code(&o), 0);
    assert!(String::from_utf8(o.stdout).unwrap().contains("\n行政规范性文件\t0\t7\t0\n"));
}

#[test]
fn folders_are_walked_in_order_and_other_files_noted() {
    let d = scratch("walk");
    std::fs::create_dir_all(d.join("b-2024")).unwrap();
    std::fs::copy(fixture("reports/seeds/001_43e3c9ba6b70e239.txt"), d.join("a-2023.txt")).unwrap();
    std::fs::copy(fixture("continuity/zhongwei-2024-broken.txt"), d.join("b-2024/report.TXT")).unwrap();
    std::fs::copy(fixture("html/seed-001.html"), d.join("c.htm")).unwrap();
    std::fs::copy(fixture("docx/seed-001.docx"), d.join("d.docx")).unwrap();
    std::fs::copy(fixture("pdf/seed-001.pdf"), d.join("e.pdf")).unwrap(); // a PDF is read too
    std::fs::write(d.join("notes.odt"), b"x").unwrap();
    std::fs::write(d.join(".hidden.txt"), b"x").unwrap();
    let o = run(&["check", "--format", "json", s(&d)]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("跳过") && err.contains("notes.odt"), "{err}");
    assert!(!err.contains(".hidden"), "{err}");
    let v = json(&o);
    let files: Vec<String> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|x| {
            Path::new(x["file"].as_str().unwrap())
                .strip_prefix(&d)
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    assert_eq!(files, ["a-2023.txt", "b-2024/report.TXT", "c.htm", "d.docx", "e.pdf"]);
    if cfg!(feature = "pdf") {
        assert_eq!(
            v[4]["report"]["tables"], v[0]["report"]["tables"],
            "the PDF of seed 001 reads as its text"
        );
    } else {
        assert_eq!(v[4]["status"], "binary", "built without the PDF reader: a message");
    }
    // The 2024 report's continuity findings are among its own.
    let codes: Vec<&str> = v[1]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes.iter().filter(|c| **c == "X001").count(), 2, "{codes:?}");
    assert_eq!(v[1]["summary"]["errors"], 2);
    // (errors found: 1; a file that could not be read, the PDF without the reader: 2)
    assert_eq!(code(&o), if cfg!(feature = "pdf") { 1 } else { 2 });
    // An empty folder is an error of use.
    let empty = scratch("empty");
    assert_eq!(code(&run(&["check", s(&empty)])), 2);
    let _ = std::fs::remove_dir_all(&d);
    let _ = std::fs::remove_dir_all(&empty);
}

/// File names in GBK, as a Windows share or an unpacked zip gives them.
#[cfg(unix)]
#[test]
fn file_names_that_are_not_utf8() {
    use std::os::unix::ffi::OsStrExt;
    let d = scratch("gbk-names");
    let name = std::ffi::OsStr::from_bytes(b"\xb1\xa8\xb8\xe6.txt"); // 报告.txt in GBK
    let file = d.join(name);
    std::fs::copy(fixture("reports/seeds/001_43e3c9ba6b70e239.txt"), &file).unwrap();
    let o = Command::new(BIN).arg("check").arg(&file).output().unwrap();
    assert_eq!(code(&o), 0, "{}", String::from_utf8_lossy(&o.stderr));
    let o = run(&["check", "--format", "json", s(&d)]);
    assert_eq!(code(&o), 0, "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(json(&o)[0]["status"], "checked");
    let _ = std::fs::remove_dir_all(&d);
}

/// RFC 4180, as a spreadsheet reads it: fields split on commas, quoted
/// fields may hold commas, quotes (doubled) and line breaks; records end in CRLF.
fn parse_csv(s: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut chars = s.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                '"' => quoted = false,
                _ => field.push(c),
            }
            continue;
        }
        match c {
            '"' => {
                assert!(field.is_empty(), "a quote inside an unquoted field");
                quoted = true;
            }
            ',' => row.push(std::mem::take(&mut field)),
            '\r' => {
                assert_eq!(chars.next(), Some('\n'), "CR without LF");
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            '\n' => panic!("bare LF ends a record"),
            _ => field.push(c),
        }
    }
    assert!(!quoted, "unterminated quote");
    assert!(field.is_empty() && row.is_empty(), "last record without CRLF");
    rows
}

#[test]
fn csv_opens_in_a_spreadsheet() {
    let d = scratch("csv");
    // A file name with a comma and quotes must be quoted.
    let odd = d.join("报告,\"2024\".txt");
    std::fs::copy(fixture("continuity/zhongwei-2024-broken.txt"), &odd).unwrap();
    let seed = fixture("reports/seeds/001_43e3c9ba6b70e239.txt");
    let pdf = d.join("x.pdf");
    std::fs::write(&pdf, b"%PDF-1.4").unwrap();
    let o = run(&["check", "--format", "csv", s(&seed), s(&odd), s(&pdf)]);
    assert_eq!(code(&o), 2, "the PDF is refused");
    assert!(o.stdout.starts_with(b"\xEF\xBB\xBF"), "UTF-8 BOM for Excel");
    let text = String::from_utf8(o.stdout[3..].to_vec()).unwrap();
    let rows = parse_csv(&text);
    assert_eq!(
        rows[0],
        ["文件", "机关", "年度", "规则", "级别", "行", "位置", "说明", "应为", "实为"]
    );
    assert!(rows.iter().all(|r| r.len() == 10), "{rows:?}");
    let x001: Vec<&Vec<String>> = rows.iter().filter(|r| r[3] == "X001").collect();
    assert_eq!(x001.len(), 2);
    for r in &x001 {
        assert_eq!(r[0], s(&odd), "the odd file name comes back whole");
        assert_eq!(r[1], "宁夏回族自治区中卫市审批服务管理局");
        assert_eq!(r[2], "2024");
        assert_eq!(r[4], "错误");
        assert!(r[5].parse::<usize>().unwrap() > 0);
        assert!(r[6].contains("二、上年结转政府信息公开申请数量"), "{}", r[6]);
        assert_eq!((r[8].as_str(), r[9].as_str()), ("1", "0"));
    }
    let refused: Vec<&Vec<String>> = rows.iter().filter(|r| r[4] == "未核查").collect();
    assert_eq!(refused.len(), 1);
    assert!(refused[0][7].contains("PDF"));
    let _ = std::fs::remove_dir_all(&d);
}

#[test]
fn text_output_names_files_and_totals() {
    let o = run(&[
        "check",
        s(&fixture("reports/seeds/001_43e3c9ba6b70e239.txt")),
        s(&fixture("continuity/zhongwei-2024-broken.txt")),
    ]);
    let out = String::from_utf8(o.stdout).unwrap();
    assert!(out.contains("X001 [错误]"), "{out}");
    assert!(out.contains("X002 [警告]"), "{out}");
    assert!(out.contains("共 2 个文件"), "{out}");
    let o = run(&["rules"]);
    let out = String::from_utf8(o.stdout).unwrap();
    assert!(out.contains("X001\t错误") && out.contains("X002\t警告"));
}
