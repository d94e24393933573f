//! .docx and .html input: the fixtures made from seed 001 by
//! scripts/make_fixtures.py must read as the seed's text does, and hostile
//! files must be refused with a message, quickly and without a panic.
//! .doc and .mht input: every report's .doc (LibreOffice) and .mht (Python's
//! email package), made by scripts/make_doc_fixtures.py, must read as the
//! report's text does; damaged, encrypted and misnamed ones get their message.

mod common;

use std::path::Path;
use std::time::{Duration, Instant};

use nianbao::convert::{self, ConvertError};
use nianbao::{check, CheckResult, Status};

fn fixture(path: &str) -> Vec<u8> {
    std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(path)).unwrap()
}

fn seed_text() -> String {
    String::from_utf8(fixture("reports/seeds/001_43e3c9ba6b70e239.txt")).unwrap()
}

/// The seed as the converters should give it: no blank lines, no trailing empty cells.
fn seed_shape() -> String {
    seed_text()
        .lines()
        .map(|l| l.trim_end_matches('\t').trim_matches(|c| c == ' ' || c == '\u{3000}'))
        .filter(|l| !l.is_empty())
        .map(|l| format!("{l}\n"))
        .collect()
}

fn same_lines(got: &str, want: &str) {
    for (i, (g, w)) in got.lines().zip(want.lines()).enumerate() {
        assert_eq!(g, w, "line {}", i + 1);
    }
    assert_eq!(got.lines().count(), want.lines().count());
}

/// What must agree between two readings of the same report: the facts and
/// tables as read, and each finding's code, message and figures.
/// A finding as compared: code, message, expected, found.
type Essential = (String, String, Option<String>, Option<String>);

fn essentials(r: &CheckResult) -> (serde_json::Value, Vec<Essential>) {
    let rep = r.report.as_ref().expect("checked");
    let mut grids = serde_json::to_value(&rep.grids).unwrap();
    // Places differ (the converted text has no blank lines); values must not.
    if let Some(gs) = grids.as_array_mut() {
        for g in gs {
            for row in g["rows"].as_array_mut().unwrap() {
                for cell in row["cells"].as_array_mut().unwrap() {
                    let v = cell["value"].clone();
                    *cell = v;
                }
            }
        }
    }
    let facts = serde_json::json!({
        "agency": rep.agency, "year": rep.year, "period_year": rep.period_year,
        "sections": rep.sections.iter().map(|s| s.heading.clone()).collect::<Vec<_>>(),
        "tables": rep.tables, "grids": grids,
    });
    let findings = r
        .findings
        .iter()
        .map(|f| (f.code.to_string(), f.message.clone(), f.expected.clone(), f.found.clone()))
        .collect();
    (facts, findings)
}

#[test]
fn docx_of_seed_reads_like_its_text() {
    let text = convert::to_text("seed-001.docx", &fixture("docx/seed-001.docx")).unwrap();
    same_lines(&text, &seed_shape());
    let from_docx = check(&text);
    let from_text = check(&seed_text());
    assert_eq!(from_docx.status, Status::Checked);
    assert_eq!(essentials(&from_docx), essentials(&from_text));
    let tables = &from_docx.report.as_ref().unwrap().tables;
    assert_eq!(
        tables.applications.as_ref().unwrap()[0],
        vec![Some(2), Some(0), Some(0), Some(0), Some(0), Some(0), Some(2)]
    );
}

/// The same report with its headings (一、 （一）) numbered by Word's lists
/// rather than typed: the numbers come from numbering.xml.
#[test]
fn docx_list_numbers_are_read() {
    let text = convert::to_text("seed-001-numbered.docx", &fixture("docx/seed-001-numbered.docx")).unwrap();
    same_lines(&text, &seed_shape());
    assert_eq!(essentials(&check(&text)), essentials(&check(&seed_text())));
}

#[test]
fn gbk_html_of_seed_reads_like_its_text() {
    let bytes = fixture("html/seed-001.html");
    assert_eq!(convert::charset(&bytes).as_deref(), Some("gb2312"));
    assert!(std::str::from_utf8(&bytes).is_err(), "the fixture is GBK");
    let text = convert::to_text("seed-001.html", &bytes).unwrap();
    assert!(!text.contains("当前位置"), "navigation left out");
    assert!(!text.contains("版权所有"), "footer left out");
    assert!(!text.contains("document.write"), "script left out");
    same_lines(&text, &seed_shape());
    assert_eq!(essentials(&check(&text)), essentials(&check(&seed_text())));
    // What the page does in the browser: decode, then convert the text.
    let (decoded, _, _) = encoding_rs::GBK.decode(&bytes);
    assert_eq!(convert::from_decoded("seed-001.html", &decoded).unwrap(), text);
    // A page without its name is still recognised.
    assert_eq!(convert::to_text("-", &bytes).unwrap(), text);
}

/// A portal around the report: a menu of links before it, 上一篇 and related
/// links after it, in blocks whose class names say nothing.
#[test]
fn portal_menus_around_the_report_are_cut() {
    let bytes = fixture("html/seed-001.html");
    let (page, _, _) = encoding_rs::GBK.decode(&bytes);
    let menu: String = (0..150)
        .map(|i| format!("<li><a href=\"/c{i}\">栏目{i} 2024年政府信息公开年报</a></li>"))
        .collect();
    let page = page
        .replace("charset=gb2312", "charset=utf-8")
        .replace("<div class=\"article\">", &format!("<div class=\"logo-area\"><ul>{menu}</ul><p>2025年1月20日 星期一</p></div><div class=\"article\">"))
        .replace("<div id=\"footer\">", "<div class=\"pager\"><p>【打印本页】【关闭窗口】</p><p>上一篇：中卫市审批服务管理局2022年政府信息公开工作年度报告</p></div><div id=\"footer\">");
    let text = convert::to_text("page.html", page.as_bytes()).unwrap();
    same_lines(&text, &seed_shape());
}

#[test]
fn utf8_html_with_spans_and_entities() {
    let html = "<html><body><p>一、总体情况</p><table>\
        <tr><td rowspan=3>三、本年度办理结果</td><td colspan=2>（一）予以公开</td><td>1</td></tr>\
        <tr><td rowspan=2>（三）不予公开</td><td>1.属于国家秘密</td><td>0</td></tr>\
        <tr><td>2.其他法律行政法规禁止公开</td><td>0&nbsp;</td></tr>\
        <tr><td>（七）总计</td><td></td><td></td><td>1</td></tr></table><p>A&amp;B &#x4E00;</p></body></html>";
    let text = convert::to_text("page.htm", html.as_bytes()).unwrap();
    assert_eq!(
        text,
        "一、总体情况\n三、本年度办理结果\t（一）予以公开\t\t1\n\t（三）不予公开\t1.属于国家秘密\t0\n\t\t2.其他法律行政法规禁止公开\t0\n（七）总计\t\t\t1\nA&B 一\n"
    );
}

#[test]
fn plain_text_and_gbk_text_pass_through() {
    let seed = seed_text();
    assert_eq!(convert::to_text("a.txt", seed.as_bytes()).unwrap(), seed);
    let (gbk, _, _) = encoding_rs::GBK.encode(&seed);
    assert_eq!(convert::to_text("a.txt", &gbk).unwrap(), seed);
}

fn refused(name: &str, bytes: &[u8]) -> ConvertError {
    let t = Instant::now();
    let e = convert::to_text(name, bytes).expect_err(name);
    assert!(t.elapsed() < Duration::from_secs(10), "{name} took {:?}", t.elapsed());
    assert!(!e.message().is_empty());
    e
}

/// Each fixture (a path under tests/fixtures) is refused with its error.
fn refused_as(cases: &[(&str, ConvertError)]) {
    for (file, want) in cases {
        let e = refused(file, &fixture(file));
        assert_eq!(&e, want, "{file}: {}", e.message());
    }
}

#[test]
fn hostile_docx_files_are_refused_with_a_message() {
    refused_as(&[
        ("docx/hostile/bomb.docx", ConvertError::DocxTooLarge),
        ("docx/hostile/nested.docx", ConvertError::TooDeep),
        ("docx/hostile/truncated.docx", ConvertError::DocxTruncated),
        ("docx/hostile/image.docx", ConvertError::Image),
        ("docx/hostile/archive.docx", ConvertError::Archive),
        ("docx/hostile/text.docx", ConvertError::NotDocx),
    ]);
    assert!(ConvertError::DocxTooLarge.message().contains("50 MB"));
    assert!(ConvertError::NotDocx.message().contains(".docx"));
}

#[test]
fn other_kinds_are_refused_with_what_is_accepted() {
    assert_eq!(refused("r.pdf", b"%PDF-1.4\n%\xE2\xE3\xCF\xD3\n1 0 obj"), ConvertError::Pdf);
    assert_eq!(refused("r.jpg", b"\xFF\xD8\xFF\xE0\0\x10JFIF"), ConvertError::Image);
    assert_eq!(
        refused("r.doc", b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0\0\0"),
        ConvertError::DocTruncated
    );
    assert_eq!(refused("r.rar", b"Rar!\x1A\x07\x01\0"), ConvertError::Archive);
    assert_eq!(refused("r.mht", b"MIME-Version: 1.0\r\n"), ConvertError::Mht);
    assert_eq!(refused("r.txt", b""), ConvertError::Text(Status::Empty));
    assert_eq!(
        refused("r.html", b"<html><script>x</script></html>"),
        ConvertError::Text(Status::Empty)
    );
    for e in [ConvertError::Pdf, ConvertError::Image] {
        assert!(e.message().contains(".docx") && e.message().contains(".txt"), "{}", e.message());
    }
}

/// A central directory claiming more entries than any Word file has.
#[test]
fn too_many_entries_is_refused_before_reading_them() {
    let mut z = b"PK\x03\x04".to_vec();
    z.extend_from_slice(&[0; 26]);
    let mut eocd = b"PK\x05\x06\0\0\0\0".to_vec();
    eocd.extend_from_slice(&20_000u16.to_le_bytes());
    eocd.extend_from_slice(&20_000u16.to_le_bytes());
    eocd.extend_from_slice(&0u32.to_le_bytes());
    eocd.extend_from_slice(&0u32.to_le_bytes());
    eocd.extend_from_slice(&0u16.to_le_bytes());
    z.extend_from_slice(&eocd);
    assert_eq!(refused("many.docx", &z), ConvertError::DocxTooLarge);
}

/// A xorshift generator from `state`: the same numbers on every run.
fn xorshift(mut state: u64) -> impl FnMut() -> u64 {
    move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    }
}

/// Damaged copies of a real .docx: every one is read or refused, none panics.
#[test]
fn mutated_docx_never_panics() {
    let good = fixture("docx/seed-001.docx");
    let mut next = xorshift(0x9E37_79B9_7F4A_7C15u64);
    for round in 0..300 {
        let mut bytes = good.clone();
        let flips = 1 + (next() % 8) as usize;
        for _ in 0..flips {
            let at = (next() as usize) % bytes.len();
            bytes[at] = next() as u8;
        }
        if round % 10 == 0 {
            bytes.truncate((next() as usize) % bytes.len());
        }
        let _ = convert::to_text("m.docx", &bytes);
    }
}

#[test]
fn hostile_html_is_bounded() {
    // Deep nesting, unclosed tags and spans far too wide.
    let mut html = String::from("<html><body>");
    html.push_str(&"<div><table><tr><td>".repeat(5_000));
    html.push_str("<table><tr><td colspan=99999999 rowspan=99999999>x</td></tr>");
    html.push_str(&"<tr><td>1</td></tr>".repeat(2_000));
    let t = Instant::now();
    let r = convert::to_text("deep.html", html.as_bytes());
    assert!(t.elapsed() < Duration::from_secs(10));
    assert!(r.is_ok() || r.is_err());
    // 20 000 cells each spanning 1000 columns and 65 000 rows, then 200 000
    // rows: without caps this lays out billions of empty cells.
    let mut html = String::from("<table><tr>");
    html.push_str(&"<td colspan=1000 rowspan=65000>x".repeat(20_000));
    html.push_str(&"<tr><td>1".repeat(200_000));
    let t = Instant::now();
    let r = convert::to_text("spans.html", html.as_bytes());
    assert!(t.elapsed() < Duration::from_secs(20), "{:?}", t.elapsed());
    assert!(r.map_or(true, |t| t.len() <= nianbao::MAX_INPUT_BYTES));
}

/// The reports the .doc and .mht fixtures are made from (scripts/make_doc_fixtures.py):
/// every text of seeds/ and dev/, and the one-figure mutant b001_row_total of three seeds.
fn doc_sources() -> Vec<(String, String)> {
    let mut out = Vec::new();
    for dir in ["seeds", "dev"] {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/reports").join(dir);
        let mut names: Vec<String> = std::fs::read_dir(path)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".txt"))
            .collect();
        names.sort();
        for n in names {
            let text = common::fixture(&format!("{dir}/{n}"));
            out.push((n.trim_end_matches(".txt").to_string(), text));
        }
    }
    for m in common::mutants().into_iter().filter(|m| m.name.starts_with("b001_row_total.")) {
        out.push((m.name.clone(), m.text()));
    }
    out
}

/// The table cells of a result, row by row (`None`: a cell not read).
fn cells(r: &CheckResult) -> serde_json::Value {
    essentials(r).0["grids"].clone()
}

#[test]
fn doc_and_mht_of_every_report_read_like_their_text() {
    let sources = doc_sources();
    assert_eq!(sources.len(), 5 + 14 + 3);
    let mut same = std::collections::BTreeMap::new();
    for (name, text) in &sources {
        let want = check(text);
        for (dir, ext) in [("doc", "doc"), ("mht", "mht")] {
            let file = format!("{name}.{ext}");
            let got = convert::to_text(&file, &fixture(&format!("{dir}/{file}"))).unwrap_or_else(|e| panic!("{file}: {e}"));
            let got = check(&got);
            assert_eq!(got.status, Status::Checked, "{file}");
            assert_eq!(cells(&got), cells(&want), "{file}: table cells");
            assert_eq!(essentials(&got), essentials(&want), "{file}: findings");
            *same.entry(ext).or_insert(0) += 1;
        }
    }
    assert_eq!(same.get("doc"), Some(&sources.len()));
    assert_eq!(same.get("mht"), Some(&sources.len()));
    // The mutants are wrong where they were made wrong.
    let m = check(&convert::to_text("m.doc", &fixture("doc/b001_row_total.tab.doc")).unwrap());
    assert!(m.findings.iter().any(|f| f.code == "B001"), "B001 found in the .doc");
}

/// The seed's .doc gives the seed's lines exactly, with list numbers and in a fast save too.
#[test]
fn doc_of_seed_gives_its_lines() {
    let seed = "001_43e3c9ba6b70e239";
    let text = convert::to_text("a.doc", &fixture(&format!("doc/{seed}.doc"))).unwrap();
    same_lines(&text, &seed_shape());
    let mht = convert::to_text("a.mht", &fixture(&format!("mht/{seed}.mht"))).unwrap();
    same_lines(&mht, &seed_shape());
    // Pieces out of order, an 8-bit piece, a property group in the Clx (a fast save).
    let fast = convert::to_text("fast.doc", &fixture("doc/special/fast-saved.doc")).unwrap();
    assert_eq!(fast, text);
    // A .doc named .wps is a Word file all the same.
    assert_eq!(convert::to_text("a.wps", &fixture("doc/special/seed-001.wps")).unwrap(), text);
}

/// Files under a Word name that are something else are read (or refused) as what they are.
#[test]
fn misnamed_doc_files_are_read_by_their_bytes() {
    let seed = seed_shape();
    for file in ["docx.doc", "html.doc", "mht.doc"] {
        let text = convert::to_text(file, &fixture(&format!("doc/special/{file}"))).unwrap_or_else(|e| panic!("{file}: {e}"));
        same_lines(&text, &seed);
    }
    assert_eq!(refused("rtf.doc", &fixture("doc/special/rtf.doc")), ConvertError::Rtf);
    // A .mht that is a plain page.
    let page = fixture("doc/special/html.doc");
    same_lines(&convert::to_text("page.mht", &page).unwrap(), &seed);
}

#[test]
fn damaged_doc_and_mht_files_get_their_message() {
    let cases = [
        ("doc/special/encrypted.doc", ConvertError::Encrypted),
        ("doc/special/word95.doc", ConvertError::DocOld),
        ("doc/special/truncated.doc", ConvertError::DocTruncated),
        ("doc/special/works.wps", ConvertError::Wps),
        ("mht/special-no-page.mht", ConvertError::Mht),
    ];
    refused_as(&cases);
    for (_, e) in &cases {
        assert!(e.message().contains("。") && e.status() == Status::Binary, "{e:?}");
    }
    assert!(ConvertError::Encrypted.message().contains("密码"));
    assert!(ConvertError::DocTruncated.message().contains("不完整"));
    // An archive cut short still gives what it holds, or says it is broken.
    match convert::to_text("cut.mht", &fixture("mht/special-truncated.mht")) {
        Ok(text) => assert!(text.contains("总体情况"), "{text}"),
        Err(e) => assert_eq!(e, ConvertError::Mht),
    }
    // A .wps of bytes no Word file has, and random bytes under a .doc name.
    assert_eq!(refused("a.wps", b"\x00\x01WPS\xff\xfe\x00"), ConvertError::Wps);
    assert_eq!(refused("a.doc", b"\x00\x01\x02\x03\xff\xfe\x00"), ConvertError::DocCorrupt);
    // An Excel file (a compound file with a Workbook) is not a Word file.
    let mut xls = fixture("doc/special/works.wps");
    let at = xls
        .windows(16)
        .position(|w| w == "CONTENTS".encode_utf16().flat_map(u16::to_le_bytes).collect::<Vec<u8>>())
        .unwrap();
    xls[at..at + 16].copy_from_slice(&"Workbook".encode_utf16().flat_map(u16::to_le_bytes).collect::<Vec<u8>>());
    assert_eq!(refused("a.xls", &xls), ConvertError::OtherOffice);
}

/// Random bytes, and every .doc and .mht fixture cut, flipped and overwritten:
/// each is read or refused with a message, quickly, never a panic.
#[test]
fn damaged_doc_and_mht_bytes_never_panic() {
    let mut next = xorshift(0x2545_F491_4F6C_DD1Du64);
    let goods = [
        fixture("doc/001_43e3c9ba6b70e239.doc"),
        fixture("doc/special/fast-saved.doc"),
        fixture("mht/002_a8d23b48448f5a19.mht"),
        fixture("mht/001_43e3c9ba6b70e239.mht"),
    ];
    let t = Instant::now();
    for (k, good) in goods.iter().enumerate() {
        let name = if k < 2 { "m.doc" } else { "m.mht" };
        for round in 0..150 {
            let mut bytes = good.clone();
            match round % 3 {
                0 => bytes.truncate((next() as usize) % bytes.len()),
                1 => {
                    for _ in 0..1 + next() % 16 {
                        let at = (next() as usize) % bytes.len();
                        bytes[at] = next() as u8;
                    }
                }
                _ => {
                    // A run of 0xFF or 0x00 (sector numbers, sizes, counts at their extremes).
                    let at = (next() as usize) % bytes.len();
                    let end = (at + 1 + (next() as usize) % 64).min(bytes.len());
                    let v = if next().is_multiple_of(2) { 0xFF } else { 0 };
                    bytes[at..end].fill(v);
                }
            }
            if let Err(e) = convert::to_text(name, &bytes) {
                assert!(!e.message().is_empty());
            }
        }
    }
    // Compound-file headers followed by noise.
    for _ in 0..200 {
        let mut bytes = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1".to_vec();
        let n = (next() % 4096) as usize;
        bytes.extend((0..n).map(|_| next() as u8));
        let _ = convert::to_text("r.doc", &bytes);
    }
    assert!(t.elapsed() < Duration::from_secs(60), "{:?}", t.elapsed());
}

mod doc_props {
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]
        /// Any bytes behind a compound-file header or a MIME header: read or refused, never a panic.
        #[test]
        fn any_bytes_are_read_or_refused(body in proptest::collection::vec(any::<u8>(), 0..3000), kind in 0..3u8) {
            let mut bytes = match kind {
                0 => b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1".to_vec(),
                1 => b"MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=\"b\"\r\n\r\n--b\r\nContent-Type: text/html\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n".to_vec(),
                _ => Vec::new(),
            };
            bytes.extend(body);
            let name = ["a.doc", "a.mht", "a.wps"][kind as usize];
            if let Err(e) = nianbao::convert::to_text(name, &bytes) {
                prop_assert!(!e.message().is_empty());
            }
        }
    }
}
