//! Issue 4's rules on every real report as published (copies of
//! ../shared/reports in tests/fixtures/reports): they raise exactly the known
//! defects and nothing else. A false alarm on a clean report costs the
//! reviewer's trust, so any new finding here must be judged before it is
//! accepted into this list.

use nianbao::check;

const CODES: [&str; 13] = [
    "N001", "N002", "N003", "N004", "N005", "N006", "Y001", "Y002", "I001", "W001", "R001", "R002", "R003",
];

fn fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/reports/{}", env!("CARGO_MANIFEST_DIR"), name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Every report, with the findings of these rules it should raise: the label
/// typos of ../shared/FORMAT.md and ../shared/reports/README.md (W001), and
/// section 六 without the year's 政务公开工作要点 (R002, info); in dev/, the
/// defects of ../shared/reports/dev/truth (W001 on labels and on 124's
/// heading 存在的主要问题及改进措施, N003 on 120's 无法提供 and 其他处理).
const EXPECTED: [(&str, &[&str]); 26] = [
    ("seeds/000_4d177dac3167f082.txt", &[]),
    ("seeds/001_43e3c9ba6b70e239.txt", &[]),
    ("seeds/002_a8d23b48448f5a19.txt", &["W001"]),
    ("seeds/003_ea91102f3cc3d767.txt", &["W001"]),
    ("seeds/004_5cd136013ffaed5d.txt", &["W001", "W001", "W001"]),
    ("real/hongzequ-2023.txt", &["W001", "R002"]),
    ("real/hongzequ-2023.pdftotext-raw.txt", &["W001", "R002"]),
    ("real/hongzequ-2024.txt", &["W001", "R002"]),
    ("real/hongzequ-2024.pdftotext-raw.txt", &["W001", "R002"]),
    ("real/huaianshi-2024.txt", &["R002"]),
    ("real/huaianshi-2024.pdftotext-raw.txt", &["R002"]),
    ("real/pingtan-2021.txt", &["R002"]),
    ("dev/102_pingtan2024.txt", &["R002"]),
    ("dev/103_pingtan2025.txt", &["R002"]),
    ("dev/107_junshan2019.txt", &["R002"]),
    ("dev/108_czj2023.txt", &["R002"]),
    ("dev/111_gaj2022.txt", &["R002"]),
    ("dev/113_gaj2021.txt", &["W001", "R002"]),
    ("dev/114_zrz2020.txt", &["W001", "R002"]),
    ("dev/117_suping2022.txt", &["R002"]),
    ("dev/120_scj2025.txt", &["N003", "N003", "W001", "W001", "R002"]),
    ("dev/122_jtj2024.txt", &["R002"]),
    ("dev/124_junshan2023.txt", &["W001", "R002"]),
    ("dev/126_suping2025.txt", &[]),
    ("dev/127_czj2019.txt", &["W001", "R002"]),
    ("dev/128_scj2023_html.txt", &["W001", "R002"]),
];

#[test]
fn clean_reports_raise_only_their_known_defects() {
    for (name, want) in EXPECTED {
        let r = check(&fixture(name));
        let got: Vec<(&str, &str)> = r
            .findings
            .iter()
            .filter(|f| CODES.contains(&f.code))
            .map(|f| (f.code, f.message.as_str()))
            .collect();
        let codes: Vec<&str> = got.iter().map(|g| g.0).collect();
        assert_eq!(codes, want.to_vec(), "{name}: {got:#?}");
    }
}

#[test]
fn every_report_is_in_the_list() {
    for dir in ["seeds", "real", "dev"] {
        let path = format!("{}/tests/fixtures/reports/{dir}", env!("CARGO_MANIFEST_DIR"));
        for e in std::fs::read_dir(&path).unwrap() {
            let name = format!("{dir}/{}", e.unwrap().file_name().to_string_lossy());
            // The saved web pages are checked as converted (tests/golden.rs); truth/ is not a report.
            if !name.ends_with(".txt") {
                continue;
            }
            assert!(EXPECTED.iter().any(|(n, _)| *n == name), "{name} is not checked");
        }
    }
}

#[test]
fn every_rule_is_registered_and_documented() {
    for code in CODES {
        let r = nianbao::rules::rule(code).unwrap_or_else(|| panic!("{code} not in RULES"));
        assert!(!r.summary.is_empty() && !r.why.is_empty() && !r.example.is_empty(), "{code}");
    }
}
