//! Invariants every `CheckResult` must satisfy, whatever the input. Shared by
//! tests/robustness.rs and the fuzz targets (fuzz/fuzz_targets/*.rs include
//! this file by path), so the fuzzer checks exactly what the tests check.

use nianbao::CheckResult;
use nianbao::{Place, Span};

/// Character-level facts about a text, to check places against.
pub struct TextIndex<'a> {
    text: &'a str,
    /// For each char index `i` (and one past the end): (utf16 offset, line).
    at: Vec<(usize, usize)>,
    /// For each char index: its byte offset (and the length at the end).
    bytes: Vec<usize>,
}

impl<'a> TextIndex<'a> {
    pub fn new(text: &'a str) -> Self {
        let mut at = Vec::with_capacity(text.len() + 1);
        let mut bytes = Vec::with_capacity(text.len() + 1);
        let (mut u, mut line) = (0usize, 1usize);
        for (b, c) in text.char_indices() {
            at.push((u, line));
            bytes.push(b);
            u += c.len_utf16();
            if c == '\n' {
                line += 1;
            }
        }
        at.push((u, line));
        bytes.push(text.len());
        TextIndex { text, at, bytes }
    }

    pub fn chars(&self) -> usize {
        self.at.len() - 1
    }

    /// A place must lie inside the text, start ≤ end in chars and in UTF-16
    /// units, and its UTF-16 offsets and line must agree with its char offsets.
    pub fn check_place(&self, p: &Place, what: &str) -> Result<(), String> {
        let n = self.chars();
        if p.start > p.end || p.end > n {
            return Err(format!("{what}: char range {}..{} outside 0..{n}", p.start, p.end));
        }
        let (u0, line) = self.at[p.start];
        let (u1, _) = self.at[p.end];
        if p.start_utf16 != u0 || p.end_utf16 != u1 {
            return Err(format!(
                "{what}: utf16 {}..{} but chars {}..{} are utf16 {u0}..{u1}",
                p.start_utf16, p.end_utf16, p.start, p.end
            ));
        }
        if p.line != line {
            return Err(format!("{what}: line {} but char {} is on line {line}", p.line, p.start));
        }
        Ok(())
    }

    /// An internal byte span must lie inside the text, on char boundaries, and
    /// agree with the place made from it.
    pub fn check_span(&self, s: &Span, p: Option<&Place>, what: &str) -> Result<(), String> {
        if s.start > s.end || s.end > self.text.len() {
            return Err(format!("{what}: byte span {}..{} outside 0..{}", s.start, s.end, self.text.len()));
        }
        if !self.text.is_char_boundary(s.start) || !self.text.is_char_boundary(s.end) {
            return Err(format!("{what}: byte span {}..{} not on char boundaries", s.start, s.end));
        }
        if let Some(p) = p {
            let a = self.bytes.partition_point(|&b| b < s.start);
            let b = self.bytes.partition_point(|&b| b < s.end);
            if (p.start, p.end) != (a, b) {
                return Err(format!(
                    "{what}: span {}..{} is chars {a}..{b}, place says {}..{}",
                    s.start, s.end, p.start, p.end
                ));
            }
        }
        Ok(())
    }
}

/// Checks every location a result carries. `Err` names the first one wrong.
pub fn check_result(text: &str, r: &CheckResult) -> Result<(), String> {
    let ix = TextIndex::new(text);
    for (i, f) in r.findings.iter().enumerate() {
        let w = format!("finding {i} ({})", f.code);
        ix.check_place(&f.place, &w)?;
        ix.check_span(&f.span, Some(&f.place), &w)?;
        for (k, c) in f.cells.iter().enumerate() {
            let w = format!("{w} cell {k}");
            if let Some(p) = &c.place {
                ix.check_place(p, &w)?;
            }
            if let Some(s) = &c.span {
                ix.check_span(s, c.place.as_ref(), &w)?;
            }
            if c.span.is_some() != c.place.is_some() {
                return Err(format!("{w}: span and place disagree on presence"));
            }
        }
        if f.related.len() != f.related_spans.len() {
            return Err(format!(
                "{w}: {} related places for {} spans",
                f.related.len(),
                f.related_spans.len()
            ));
        }
        for (k, (p, s)) in f.related.iter().zip(&f.related_spans).enumerate() {
            let w = format!("{w} related {k}");
            ix.check_place(p, &w)?;
            ix.check_span(s, Some(p), &w)?;
        }
    }
    let (mut e, mut wn, mut inf) = (0, 0, 0);
    for f in &r.findings {
        match f.severity {
            nianbao::Severity::Error => e += 1,
            nianbao::Severity::Warning => wn += 1,
            nianbao::Severity::Info => inf += 1,
        }
    }
    if (e, wn, inf) != (r.summary.errors, r.summary.warnings, r.summary.infos) {
        return Err("summary does not count the findings".into());
    }
    if let Some(rep) = &r.report {
        for (i, s) in rep.sections.iter().enumerate() {
            ix.check_place(&s.place, &format!("section {i}"))?;
        }
        for g in &rep.grids {
            for (ri, row) in g.rows.iter().enumerate() {
                for (ci, c) in row.cells.iter().enumerate() {
                    if let Some(p) = &c.place {
                        ix.check_place(p, &format!("grid {} cell {ri},{ci}", g.table))?;
                    }
                }
            }
        }
    }
    Ok(())
}

/// The result as a comparable value (its JSON plus the internal spans).
pub fn fingerprint(r: &CheckResult) -> String {
    let spans: Vec<(usize, usize)> = r.findings.iter().map(|f| (f.span.start, f.span.end)).collect();
    format!("{}{:?}", serde_json::to_string(r).unwrap_or_default(), spans)
}
