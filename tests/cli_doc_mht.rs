//! The command line on Word 97–2003 (.doc), WPS (.wps) and web archive
//! (.mht/.mhtml) files: `nianbao check` and `nianbao text` read them, the
//! folder walk picks them up, and a damaged one gets its message.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn nianbao(args: &[&Path]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_nianbao")).args(args).output().unwrap()
}

#[test]
fn doc_wps_and_mht_in_a_folder_read_like_the_text() {
    let d = std::env::temp_dir().join(format!("nianbao-cli-doc-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    let f = fixtures();
    let seed = "001_43e3c9ba6b70e239";
    std::fs::copy(f.join(format!("reports/seeds/{seed}.txt")), d.join("a.txt")).unwrap();
    std::fs::copy(f.join(format!("doc/{seed}.doc")), d.join("b.doc")).unwrap();
    std::fs::copy(f.join("doc/special/seed-001.wps"), d.join("c.wps")).unwrap();
    std::fs::copy(f.join(format!("mht/{seed}.mht")), d.join("d.mht")).unwrap();
    std::fs::copy(f.join("mht/002_a8d23b48448f5a19.mht"), d.join("e.mhtml")).unwrap();
    std::fs::copy(f.join("doc/special/encrypted.doc"), d.join("f.doc")).unwrap();
    let json = PathBuf::from("--format=json");
    let o = nianbao(&[Path::new("check"), &json, &d]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let list = v.as_array().unwrap();
    let names: Vec<&str> = list
        .iter()
        .map(|x| x["file"].as_str().unwrap().rsplit('/').next().unwrap())
        .collect();
    assert_eq!(names, ["a.txt", "b.doc", "c.wps", "d.mht", "e.mhtml", "f.doc"]);
    for item in &list[1..4] {
        assert_eq!(item["status"], "checked", "{}", item["file"]);
        assert_eq!(item["report"]["tables"], list[0]["report"]["tables"], "{}", item["file"]);
        assert_eq!(item["summary"], list[0]["summary"], "{}", item["file"]);
    }
    assert_eq!(list[4]["status"], "checked");
    assert_eq!(list[5]["error"], "encrypted");
    assert!(list[5]["message"].as_str().unwrap().contains("密码"));
    assert!(String::from_utf8_lossy(&o.stderr).contains("f.doc"));
    assert_eq!(o.status.code(), Some(2), "a file that could not be read");
    // `nianbao text` shows what a .doc and a .mht are read as.
    for file in ["b.doc", "d.mht"] {
        let o = nianbao(&[Path::new("text"), &d.join(file)]);
        assert_eq!(o.status.code(), Some(0), "{file}");
        assert!(
            String::from_utf8(o.stdout).unwrap().contains("\n行政规范性文件\t0\t7\t0\n"),
            "{file}"
        );
    }
    let o = nianbao(&[Path::new("text"), &f.join("doc/special/truncated.doc")]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("不完整"));
    let _ = std::fs::remove_dir_all(&d);
}
