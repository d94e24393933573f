//! [`CheckResult`]: the one serialised shape of a check, shared by the
//! command line's JSON, the WebAssembly binding and the page.

use std::borrow::Cow;

use serde::Serialize;

use crate::facts::ReportFacts;
use crate::finding::{Finding, Severity};
use crate::parse::Document;
use crate::rules::{self, Member};

/// Whether the text was checked, and if not, why.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// `"checked"`: the report was checked; `report`, `findings` and
    /// `summary` say what was found.
    Checked,
    /// `"empty"`: no text, or only whitespace.
    Empty,
    /// `"binary"`: not text (an image, an archive, a Word file read as
    /// text); also a file its reader refused (the JSON's `"error"` says why).
    Binary,
    /// `"too_large"`: more than [`MAX_INPUT_BYTES`](crate::MAX_INPUT_BYTES)
    /// (16 MB) of text.
    TooLarge,
    /// `"not_a_report"`: text with no title, no section heading and no
    /// standard table.
    NotAReport,
}

impl Status {
    /// The message a user sees (Chinese).
    pub fn message(self) -> &'static str {
        match self {
            Status::Checked => "已核查",
            Status::Empty => "没有内容：请粘贴或拖入年度报告的文字",
            Status::Binary => "这不是文本：文件看起来是二进制数据（如图片、PDF 或压缩包），请先把报告转换为文字",
            Status::TooLarge => "文字过长（超过 16 MB），不像一份年度报告，未进行核查",
            Status::NotAReport => "这段文字看起来不是政府信息公开工作年度报告：没有找到报告标题、“一、总体情况”等部分标题或标准表格",
        }
    }
}

/// The result of checking one report: what the page shows and the command
/// line prints.
#[derive(Debug, Clone, Serialize)]
pub struct CheckResult {
    /// Whether the text was checked, and if not, why.
    pub status: Status,
    /// What happened, for the user (Chinese): [`Status::message`], or the
    /// file reader's reason when it refused the file.
    pub message: Cow<'static, str>,
    /// The report as read (title, year, sections, tables); `null` unless
    /// `status` is `"checked"`.
    pub report: Option<ReportFacts>,
    /// Every finding, in reading order: text order, except that each L001
    /// comes just before the first finding it explains ([`check`](crate::check)
    /// and [`check_set`] alike).
    pub findings: Vec<Finding>,
    /// How many findings of each severity.
    pub summary: Summary,
}

/// How many findings of each severity.
#[derive(Debug, Clone, Serialize, Default)]
pub struct Summary {
    /// Findings of severity `"error"` (错误).
    pub errors: usize,
    /// Findings of severity `"warning"` (警告).
    pub warnings: usize,
    /// Findings of severity `"info"` (提示).
    pub infos: usize,
}

impl Summary {
    fn count(&mut self, severity: Severity) {
        match severity {
            Severity::Error => self.errors += 1,
            Severity::Warning => self.warnings += 1,
            Severity::Info => self.infos += 1,
        }
    }
}

impl CheckResult {
    /// The result of a text that was not checked.
    pub fn refused(status: Status) -> CheckResult {
        CheckResult {
            status,
            message: Cow::Borrowed(status.message()),
            report: None,
            findings: Vec::new(),
            summary: Summary::default(),
        }
    }

    /// The result of a checked report.
    pub fn new(doc: &Document, findings: Vec<Finding>) -> CheckResult {
        let mut summary = Summary::default();
        for f in &findings {
            summary.count(f.severity);
        }
        CheckResult {
            status: Status::Checked,
            message: Cow::Borrowed(Status::Checked.message()),
            report: Some(ReportFacts::of(doc)),
            findings,
            summary,
        }
    }

    /// True when some finding is an error.
    pub fn has_errors(&self) -> bool {
        self.summary.errors > 0
    }
}

/// One file of a set and its result: the object the command line's JSON
/// prints for each file and the page's `check_many` returns.
#[derive(Debug, Clone, Serialize)]
pub struct FileResult {
    /// The file's name as given.
    pub file: String,
    /// The file reader's key when it refused the file (`pdf_scanned`, …).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<Cow<'static, str>>,
    /// The file's result; its fields (`status`, `message`, `report`,
    /// `findings`, `summary`) are flattened into the file's object.
    #[serde(flatten)]
    pub result: CheckResult,
}

impl FileResult {
    /// A file that was read and checked.
    pub fn checked(file: impl Into<String>, result: CheckResult) -> FileResult {
        FileResult {
            file: file.into(),
            error: None,
            result,
        }
    }

    /// A file whose reader refused it: its key and reason.
    pub fn refused(
        file: impl Into<String>,
        error: impl Into<Cow<'static, str>>,
        message: impl Into<Cow<'static, str>>,
        status: Status,
    ) -> FileResult {
        let mut result = CheckResult::refused(status);
        result.message = message.into();
        FileResult {
            file: file.into(),
            error: Some(error.into()),
            result,
        }
    }
}

/// Checks a set of files' results together: the rules over several reports
/// (continuity across years, X001 and X002) add their findings to the
/// report each belongs to, keeping findings in reading order and the
/// counts right. The command line and the page call it after checking each file.
pub fn check_set(files: &mut [FileResult]) {
    let found = {
        let members: Vec<Member> = files
            .iter()
            .map(|f| Member {
                name: &f.file,
                facts: f.result.report.as_ref().filter(|_| f.result.status == Status::Checked),
            })
            .collect();
        rules::run_set(&members)
    };
    for (i, f) in found {
        let r = &mut files[i].result;
        r.summary.count(f.severity);
        r.findings.push(f);
    }
    for f in files.iter_mut() {
        let findings = std::mem::take(&mut f.result.findings);
        f.result.findings = rules::in_reading_order(findings, |f| f.place.start);
    }
}
