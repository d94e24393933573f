//! The CSV export (`nianbao::export`), which the page gets through the WebAssembly binding,
//! writes exactly what the command line's `--format csv` writes for the same files.

use std::path::Path;
use std::process::Command;

use nianbao::{check, check_set, export, FileResult};

#[test]
fn library_csv_is_the_command_line_csv() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let files = [
        "reports/seeds/001_43e3c9ba6b70e239.txt",
        "continuity/zhongwei-2024-broken.txt",
        "reports/seeds/002_a8d23b48448f5a19.txt",
    ];
    let mut results: Vec<FileResult> = files
        .iter()
        .map(|f| FileResult::checked(*f, check(&std::fs::read_to_string(dir.join(f)).unwrap())))
        .collect();
    check_set(&mut results);
    let ours = export::csv(&results);
    assert!(ours.contains(",X001,错误,"), "{ours}");

    let out = Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .current_dir(&dir)
        .args(["check", "--format", "csv"])
        .args(files)
        .output()
        .unwrap();
    assert_eq!(String::from_utf8(out.stdout).unwrap(), ours);
}

#[test]
fn a_refused_file_gets_one_row_with_its_reason() {
    let r = FileResult::refused("扫描件.pdf", "pdf_scanned", "这是 PDF 文件", nianbao::Status::Binary);
    let s = export::csv(&[r]);
    assert_eq!(s.lines().count(), 2);
    assert!(s.ends_with("扫描件.pdf,,,,未核查,,,这是 PDF 文件,,\r\n"), "{s}");
}
