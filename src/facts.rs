//! [`ReportFacts`]: the report as read — title, agency, year, sections and
//! every table cell with its place — for the JSON contract, the page (which
//! redraws the tables from it) and the rules over several reports.

use serde::Serialize;

use crate::finding::{Place, PlaceMapper};
use crate::parse::{Document, Table, Value};
use crate::text::Span;

#[derive(Debug, Clone, Serialize)]
pub struct SectionFact {
    pub number: u8,
    pub numeral: &'static str,
    pub heading: String,
    #[serde(flatten)]
    pub place: Place,
}

/// The report as read, for the contract and the page.
#[derive(Debug, Clone, Serialize)]
pub struct ReportFacts {
    pub title: Option<String>,
    pub agency: Option<String>,
    pub year: Option<i32>,
    pub period_year: Option<i32>,
    pub sections: Vec<SectionFact>,
    pub tables: TableValues,
    /// Every table as read, cell by cell with places, for the page to redraw.
    pub grids: Vec<Grid>,
}

#[derive(Debug, Clone, Serialize)]
pub struct TableValues {
    pub active: Option<ActiveValues>,
    pub applications: Option<Vec<Vec<Option<u64>>>>,
    pub applications_layout: Option<&'static str>,
    pub review_litigation: Option<Vec<Option<u64>>>,
}

/// Table group A by row.
#[derive(Debug, Clone, Serialize)]
pub struct ActiveValues {
    /// `"2021"`, or `"2019"` for the older table (whose document columns are
    /// 本年新制作数量, 本年新公开数量, 对外公开总数量).
    pub layout: &'static str,
    /// 规章: 本年制发件数, 本年废止件数, 现行有效件数.
    pub rules: Vec<Option<u64>>,
    /// 行政规范性文件: the same three.
    pub normative: Vec<Option<u64>>,
    pub licensing: Option<u64>,
    pub penalty: Option<u64>,
    pub enforcement: Option<u64>,
    /// 行政事业性收费, 万元.
    pub fees: Option<f64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct GridCell {
    /// As written (`null` when it could not be read).
    pub value: Option<String>,
    pub ok: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub place: Option<Place>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub split: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct GridRow {
    pub label: &'static str,
    pub group: &'static str,
    /// The row's own column labels (table A's sub-tables each have theirs).
    pub columns: Vec<&'static str>,
    pub cells: Vec<GridCell>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Grid {
    pub table: &'static str,
    pub title: &'static str,
    pub section: &'static str,
    pub layout: &'static str,
    pub columns: Vec<&'static str>,
    pub rows: Vec<GridRow>,
    /// `rows` or `stream`.
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
