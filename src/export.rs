//! Exports of checked reports for people: the CSV a spreadsheet opens (one
//! row per finding), shared by the command line (`--format csv`) and the
//! page (through the WebAssembly binding), so that both write the same file.

use std::io::{self, Write};

use crate::{CheckResult, FileResult, Finding, Status};

/// The CSV's columns, in order.
pub const CSV_COLUMNS: [&str; 10] = ["文件", "机关", "年度", "规则", "级别", "行", "位置", "说明", "应为", "实为"];

/// The agency and year of a result as written in exports ("" when not recognised).
pub fn who(r: &CheckResult) -> (String, String) {
    let rep = r.report.as_ref();
    (
        rep.and_then(|x| x.agency.clone()).unwrap_or_default(),
        rep.and_then(|x| x.year.or(x.period_year))
            .map(|y| y.to_string())
            .unwrap_or_default(),
    )
}

/// Where a finding is, in words: section, table, row, column.
pub fn location(f: &Finding) -> String {
    let mut parts: Vec<String> = Vec::new();
    if let Some(numeral) = f.section {
        if let Some(s) = crate::format::SECTIONS.iter().find(|s| s.numeral == numeral) {
            parts.push(format!("{}、{}", s.numeral, s.heading));
        }
    }
    if let Some(t) = f.table_label {
        if !parts.iter().any(|p| p.ends_with(t)) {
            parts.push(format!("表：{t}"));
        }
    }
    if let Some(r) = &f.row_label {
        parts.push(r.clone());
    }
    if let Some(c) = &f.column_label {
        parts.push(c.clone());
    }
    parts.join(" / ")
}

/// One CSV field, quoted when it holds a comma, a quote or a line break (RFC 4180).
fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

fn csv_row(out: &mut impl Write, fields: &[&str]) -> io::Result<()> {
    let line: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
    write!(out, "{}\r\n", line.join(","))
}

/// One row per finding, for a spreadsheet: UTF-8 with a BOM (so Excel reads
/// the Chinese right), CRLF line ends. A file that could not be checked gets
/// one row whose 级别 is 未核查 and whose 说明 says why.
pub fn write_csv(out: &mut impl Write, results: &[FileResult]) -> io::Result<()> {
    out.write_all(b"\xEF\xBB\xBF")?;
    csv_row(out, &CSV_COLUMNS)?;
    for FileResult { file, result: r, .. } in results {
        let (agency, year) = who(r);
        if r.status != Status::Checked {
            csv_row(out, &[file, &agency, &year, "", "未核查", "", "", &r.message, "", ""])?;
            continue;
        }
        for f in &r.findings {
            let line = if f.place.line > 0 {
                f.place.line.to_string()
            } else {
                String::new()
            };
            csv_row(
                out,
                &[
                    file,
                    &agency,
                    &year,
                    f.code,
                    f.severity.label(),
                    &line,
                    &location(f),
                    &f.message,
                    f.expected.as_deref().unwrap_or(""),
                    f.found.as_deref().unwrap_or(""),
                ],
            )?;
        }
    }
    Ok(())
}

/// [`write_csv`] into a string (which starts with the BOM, U+FEFF).
pub fn csv(results: &[FileResult]) -> String {
    let mut out = Vec::new();
    write_csv(&mut out, results).expect("writing to a Vec does not fail");
    String::from_utf8(out).expect("the CSV is UTF-8")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting_and_line_ends() {
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"x\""), "\"say \"\"x\"\"\"");
        assert_eq!(csv_field("plain"), "plain");
        let r = crate::check("");
        let s = csv(&[FileResult {
            file: "空.txt".to_string(),
            error: None,
            result: r,
        }]);
        assert!(s.starts_with("\u{feff}文件,机关,年度,规则,级别,行,位置,说明,应为,实为\r\n"));
        assert!(s.ends_with("\r\n") && s.contains("空.txt,,,,未核查,"));
    }
}
