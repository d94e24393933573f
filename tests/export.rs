//! The CSV export (`nianbao::export`), which the page gets through the WebAssembly binding,
//! writes exactly what the command line's `--format csv` writes for the same files.

use std::path::Path;
use std::process::Command;

use nianbao::{check, continuity, export, CheckResult};

#[test]
fn library_csv_is_the_command_line_csv() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let files = [
        "text/seed-001.txt",
        "continuity/zhongwei-2024-broken.txt",
        "reports/seeds/002_a8d23b48448f5a19.txt",
    ];
    let mut results: Vec<(String, CheckResult)> = files
        .iter()
        .map(|f| (f.to_string(), check(&std::fs::read_to_string(dir.join(f)).unwrap())))
        .collect();
    continuity::apply(&mut results);
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
    let r = CheckResult::refused(nianbao::Status::Binary, "");
    let mut out = Vec::new();
    export::write_csv_entries(&mut out, [("扫描件.pdf", &r, "这是 PDF 文件")]).unwrap();
    let s = String::from_utf8(out).unwrap();
    assert_eq!(s.lines().count(), 2);
    assert!(s.ends_with("扫描件.pdf,,,,未核查,,,这是 PDF 文件,,\r\n"), "{s}");
}
