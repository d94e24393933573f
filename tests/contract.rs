//! The command line's JSON is a contract: `nianbao check --format json FILE...`
//! prints an array, one object per file in the order given.

use std::process::Command;

#[test]
fn json_contract_on_the_seeds() {
    let dir = format!("{}/tests/fixtures/reports/seeds", env!("CARGO_MANIFEST_DIR"));
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path().display().to_string())
        .collect();
    files.sort();
    let out = Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .args(["check", "--format", "json"])
        .args(&files)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let arr = v.as_array().unwrap();
    assert_eq!(arr.len(), 5);
    for (obj, file) in arr.iter().zip(&files) {
        assert_eq!(obj["file"].as_str(), Some(file.as_str()));
        let rep = &obj["report"];
        assert!(rep["agency"].is_string());
        assert!(rep["year"].is_i64());
        let t = &rep["tables"];
        assert!(t["active"].is_object());
        let b = t["applications"].as_array().unwrap();
        assert_eq!(b.len(), 25);
        assert!(b
            .iter()
            .all(|r| r.as_array().unwrap().len() == 7 && r.as_array().unwrap().iter().all(|x| x.is_u64())));
        assert_eq!(t["applications_layout"].as_str(), Some("2021"));
        assert_eq!(t["review_litigation"].as_array().unwrap().len(), 15);
        assert!(obj["findings"].is_array());
    }
}

#[test]
fn json_findings_carry_their_fields() {
    let file = format!("{}/tests/fixtures/reports/real/hongzequ-2023.txt", env!("CARGO_MANIFEST_DIR"));
    let out = Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .args(["check", "--format", "json", &file])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let f = v[0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["code"] == "C001")
        .unwrap()
        .clone();
    for key in [
        "severity",
        "message",
        "line",
        "start",
        "end",
        "start_utf16",
        "end_utf16",
        "table",
        "row",
        "column",
        "expected",
        "found",
        "cells",
    ] {
        assert!(!f[key].is_null(), "missing {key} in {f}");
    }
    assert_eq!(f["severity"], "error");
    assert_eq!(v[0]["report"]["tables"]["applications"].as_array().unwrap().len(), 23);
    assert_eq!(v[0]["report"]["tables"]["applications_layout"], "2019");
}

#[test]
#[cfg(feature = "pdf")] // the native PDF reader
fn json_places_in_a_pdf_carry_page_and_box() {
    // A PDF's places (findings, their cells, related places, sections, grid cells) add
    // "page" (1-based) and "box" {page, x, y, width, height} (points from the page's top left);
    // a text's places have neither.
    let dir = format!("{}/tests/fixtures/pdf", env!("CARGO_MANIFEST_DIR"));
    let out = Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .args([
            "check",
            "--format",
            "json",
            &format!("{dir}/seed-001-b001.pdf"),
            &format!("{dir}/seed-001-b001.txt"),
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let (pdf, txt) = (&v[0], &v[1]);
    let f = pdf["findings"].as_array().unwrap().iter().find(|f| f["code"] == "B001").unwrap();
    assert_eq!(f["page"], 2);
    let b = &f["box"];
    assert_eq!(b["page"], 2);
    for k in ["x", "y", "width", "height"] {
        assert!(b[k].as_f64().is_some_and(|x| x >= 0.0), "box.{k} in {f}");
    }
    assert!(f["cells"]
        .as_array()
        .unwrap()
        .iter()
        .all(|c| c["page"].is_u64() && c["box"].is_object()));
    assert!(pdf["report"]["sections"].as_array().unwrap().iter().all(|s| s["page"].is_u64()));
    let t = txt["findings"].as_array().unwrap().iter().find(|f| f["code"] == "B001").unwrap();
    assert!(t.get("page").is_none() && t.get("box").is_none(), "{t}");
}
