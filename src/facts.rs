//! [`ReportFacts`]: the report as read — title, agency, year, sections and
//! every table cell with its place — for the JSON contract, the page (which
//! redraws the tables from it) and the rules over several reports.

use serde::Serialize;

use crate::finding::{Place, PlaceMapper};
use crate::parse::{Document, Table, Value};
use crate::text::Span;

/// One of the six sections found in the report (`report.sections`), in
/// text order.
#[derive(Debug, Clone, Serialize)]
pub struct SectionFact {
    /// 1 … 6.
    pub number: u8,
    /// `"一"` … `"六"`.
    pub numeral: &'static str,
    /// The heading as found, from its numeral to the end of its line
    /// (full-width forms folded), e.g. `"一、总体情况"`.
    pub heading: String,
    /// Where the heading is in the user's text (flattened: `line`, `start`, …).
    #[serde(flatten)]
    pub place: Place,
}

/// The report as read, for the contract and the page.
#[derive(Debug, Clone, Serialize)]
pub struct ReportFacts {
    /// The report's title as found (full-width forms folded), e.g.
    /// `"利通区审批服务管理局2023年政府信息公开工作年度报告"`; `null` when none
    /// was found (S003).
    pub title: Option<String>,
    /// The agency, from the title (the words before its year, or after it, or
    /// the line above), e.g. `"利通区审批服务管理局"`; `null` when not found (S003).
    pub agency: Option<String>,
    /// The report year, from the title (`2023年…年度报告` → 2023); `null`
    /// when not found (S003).
    pub year: Option<i32>,
    /// The year of the statistics period (本报告统计数据从2023年1月1日至12月31日 →
    /// 2023); `null` when the report does not state it. Y001 compares it with `year`.
    pub period_year: Option<i32>,
    /// The sections found, in text order (a missing one is S001).
    pub sections: Vec<SectionFact>,
    /// The three standard tables' figures, by table.
    pub tables: TableValues,
    /// Every table as read, cell by cell with places, for the page to redraw.
    pub grids: Vec<Grid>,
}

/// The figures of the three standard tables (`report.tables`). A table is
/// `null` when its section was not found; a cell is `null` when it holds no
/// non-negative integer (not read, empty, a mark such as “—”, or text).
#[derive(Debug, Clone, Serialize)]
pub struct TableValues {
    /// Table A (section 二, 主动公开政府信息情况), by row.
    pub active: Option<ActiveValues>,
    /// Table B (section 三, 收到和处理政府信息公开申请情况): its rows in the
    /// standard order (25 in the 2021 layout, 23 in the 2019 one), each of 7
    /// values: 自然人, 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他, 总计.
    pub applications: Option<Vec<Vec<Option<u64>>>>,
    /// Table B's layout: `"2021"`, or `"2019"` (a single （六）其他处理 row);
    /// `null` with `applications`.
    pub applications_layout: Option<&'static str>,
    /// Table C (section 四, 政府信息公开行政复议、行政诉讼情况): 15 values, five
    /// (结果维持, 结果纠正, 其他结果, 尚未审结, 总计) for each of 行政复议,
    /// 行政诉讼·未经复议直接起诉, 行政诉讼·复议后起诉, in that order.
    pub review_litigation: Option<Vec<Option<u64>>>,
}

/// Table A (section 二) by row; a value is `null` when the cell holds no
/// non-negative integer (not read, empty, a mark, or text).
#[derive(Debug, Clone, Serialize)]
pub struct ActiveValues {
    /// `"2021"`, or `"2019"` for the older table (whose document columns are
    /// 本年新制作数量, 本年新公开数量, 对外公开总数量).
    pub layout: &'static str,
    /// 规章: 本年制发件数, 本年废止件数, 现行有效件数.
    pub rules: Vec<Option<u64>>,
    /// 行政规范性文件: the same three.
    pub normative: Vec<Option<u64>>,
    /// 行政许可: 本年处理决定数量 (2019: 处理决定数量).
    pub licensing: Option<u64>,
    /// 行政处罚: 本年处理决定数量 (2019: 处理决定数量).
    pub penalty: Option<u64>,
    /// 行政强制: 本年处理决定数量 (2019: 处理决定数量).
    pub enforcement: Option<u64>,
    /// 行政事业性收费: 本年收费金额, 万元 (may have decimals); `null` when
    /// not read as an amount, and always for the 2019 layout (whose row
    /// counts items instead).
    pub fees: Option<f64>,
}

/// One cell of a [`Grid`].
#[derive(Debug, Clone, Serialize)]
pub struct GridCell {
    /// As written: the figure (`"12"`, `"3.5"`), the mark (`"—"`, `"无"`), or
    /// `"（空）"` for an empty cell; `null` when the cell could not be read.
    pub value: Option<String>,
    /// True when the value takes part in the arithmetic: a number, or an
    /// empty cell (counted as 0, with a warning). False for marks, text and
    /// unread cells.
    pub ok: bool,
    /// Where the cell is in the user's text; absent when it was not found.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub place: Option<Place>,
    /// True when the figure was split out of digits that ran together
    /// (`5100000` read as 5|1|0|0|0|0|0); absent when false.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub split: bool,
}

/// One row of a [`Grid`], in the layout's standard order.
#[derive(Debug, Clone, Serialize)]
pub struct GridRow {
    /// The row's standard label, e.g. `"1.属于国家秘密"`, `"行政许可"`.
    pub label: &'static str,
    /// The heading the row sits under, e.g. `"（三）不予公开"`,
    /// `"第二十条第（一）项"`; `""` when none.
    pub group: &'static str,
    /// The row's own column labels (table A's sub-tables each have theirs).
    pub columns: Vec<&'static str>,
    /// The row's cells, as many as its columns.
    pub cells: Vec<GridCell>,
}

/// A standard table as read, cell by cell with places (`report.grids`):
/// what the page redraws.
#[derive(Debug, Clone, Serialize)]
pub struct Grid {
    /// `"A"`, `"B"` or `"C"`.
    pub table: &'static str,
    /// The standard title, e.g. `"收到和处理政府信息公开申请情况"`.
    pub title: &'static str,
    /// The section it belongs to: `"二"`, `"三"` or `"四"`.
    pub section: &'static str,
    /// `"2021"`, or `"2019"` for a table in the older format (A or B).
    pub layout: &'static str,
    /// The table's column labels (table A: its first sub-table's; each
    /// row's own are in [`GridRow::columns`]).
    pub columns: Vec<&'static str>,
    /// Every row of the layout, found or not.
    pub rows: Vec<GridRow>,
    /// How the figures were read: `"rows"` (each row's figures after its
    /// label) or `"stream"` (labels and figures apart, as PDF text can be).
    pub read: &'static str,
}

impl ReportFacts {
    /// The facts of a parsed report, with places in the user's text.
    pub fn of(doc: &Document) -> ReportFacts {
        facts(doc)
    }
}

fn facts(doc: &Document) -> ReportFacts {
    // Every span we report, turned into places in one pass.
    let mut spans: Vec<Span> = doc.sections.iter().map(|s| s.heading.span).collect();
    for t in doc.tables.all() {
        spans.extend(t.cells.iter().flatten().filter_map(|c| c.span));
    }
    let offsets = spans.iter().flat_map(|s| [s.start, s.end]).collect();
    let table = PlaceMapper::new(doc.text).positions(offsets);
    let place = |s: Span| table.place(s);
    let sections = doc
        .sections
        .iter()
        .map(|s| SectionFact {
            number: s.number,
            numeral: crate::format::section(s.number).numeral,
            heading: s.heading.value.clone(),
            place: place(s.heading.span),
        })
        .collect();
    let grids = doc
        .tables
        .all()
        .map(|t| Grid {
            table: t.def.id,
            title: t.def.title,
            section: crate::format::section(t.def.section).numeral,
            layout: t.def.layout,
            columns: t.def.columns.to_vec(),
            rows: t
                .def
                .rows
                .iter()
                .zip(&t.cells)
                .enumerate()
                .map(|(i, (r, cells))| GridRow {
                    label: r.label,
                    group: r.group,
                    columns: (0..r.width).map(|c| t.def.column_label(i, c)).collect(),
                    cells: cells
                        .iter()
                        .map(|c| GridCell {
                            value: c.value.display(),
                            ok: c.value.number().is_some(),
                            place: c.span.map(place),
                            split: c.split,
                        })
                        .collect(),
                })
                .collect(),
            read: match t.mode {
                crate::parse::ReadMode::Rows => "rows",
                crate::parse::ReadMode::Stream => "stream",
            },
        })
        .collect();
    ReportFacts {
        title: doc.title.as_ref().map(|t| t.value.clone()),
        agency: doc.agency.as_ref().map(|t| t.value.clone()),
        year: doc.year.as_ref().map(|t| t.value),
        period_year: doc.period_year.as_ref().map(|t| t.value),
        sections,
        tables: TableValues {
            active: doc.tables.active.as_ref().map(active_values),
            applications: doc.tables.applications.as_ref().map(|t| t.counts()),
            applications_layout: doc.tables.applications.as_ref().map(|t| t.def.layout),
            review_litigation: doc.tables.review.as_ref().map(|t| t.counts().into_iter().flatten().collect()),
        },
        grids,
    }
}

fn active_values(t: &Table) -> ActiveValues {
    let def = t.def;
    let row = |id: &str| -> Vec<Option<u64>> {
        def.row_index(id)
            .and_then(|r| t.cells.get(r))
            .map(|cells| cells.iter().map(|c| c.value.count()).collect())
            .unwrap_or_default()
    };
    // The decision count: the only column in 2021, the last (处理决定数量) in 2019.
    let decisions = |id: &str| row(id).last().copied().flatten();
    let fees = def.row_index("fees").and_then(|r| t.cell(r, 0)).and_then(|c| match c.value {
        Value::Amount(a, _) => Some(a),
        _ => None,
    });
    ActiveValues {
        layout: def.layout,
        rules: row("rules"),
        normative: row("normative"),
        licensing: decisions("licensing"),
        penalty: decisions("penalty"),
        enforcement: decisions("enforcement"),
        fees,
    }
}
