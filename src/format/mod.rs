//! The standard layout of the annual report as data, in one place: sections,
//! tables, rows, columns, the words that identify each row in the wild, and
//! the arithmetic relations between cells. One module (`crate::arith`)
//! evaluates every relation; a new layout is new data here, not new code.
//!
//! Source: 国办公开办函〔2021〕30号 (the 2021 format) and 〔2019〕60号 (the
//! 2019 format, whose table B has a single （六）其他处理 row).

pub mod phrases;
pub mod wording;

/// One of the six sections.
#[derive(Debug, Clone, Copy)]
pub struct SectionDef {
    /// 1 … 6.
    pub number: u8,
    /// `"一"` … `"六"`.
    pub numeral: &'static str,
    pub heading: &'static str,
    /// A heading is recognised when one of these occurs right after the numeral.
    pub keys: &'static [&'static str],
}

pub const SECTIONS: [SectionDef; 6] = [
    SectionDef {
        number: 1,
        numeral: "一",
        heading: "总体情况",
        keys: &["总体"],
    },
    SectionDef {
        number: 2,
        numeral: "二",
        heading: "主动公开政府信息情况",
        keys: &["主动公开"],
    },
    SectionDef {
        number: 3,
        numeral: "三",
        heading: "收到和处理政府信息公开申请情况",
        keys: &["收到和处理", "处理政府信息公开申请", "依申请公开"],
    },
    SectionDef {
        number: 4,
        numeral: "四",
        heading: "政府信息公开行政复议、行政诉讼情况",
        keys: &["行政复议", "行政诉讼"],
    },
    SectionDef {
        number: 5,
        numeral: "五",
        heading: "存在的主要问题及改进情况",
        keys: &["存在的主要问题", "存在主要问题", "主要问题", "存在的问题"],
    },
    SectionDef {
        number: 6,
        numeral: "六",
        heading: "其他需要报告的事项",
        keys: &["其他需要报告", "其它需要报告", "其他需报告"],
    },
];

pub fn section(number: u8) -> &'static SectionDef {
    &SECTIONS[(number.clamp(1, 6) - 1) as usize]
}

/// What a cell holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A non-negative integer count.
    Count,
    /// A non-negative decimal amount (table A's fee, 万元).
    Amount,
    /// A change that may be negative (2019 table A's 本年增/减).
    Signed,
}

#[derive(Debug, Clone, Copy)]
pub struct RowDef {
    /// A stable identifier relations refer to.
    pub id: &'static str,
    /// The standard label, as the page shows it.
    pub label: &'static str,
    /// The group the row sits under, if any (（三）不予公开).
    pub group: &'static str,
    /// Words that identify the row in the user's text (compared after
    /// folding and removing spaces); the first found nearest to the row's
    /// figures wins.
    pub keys: &'static [&'static str],
    /// How many value columns the row has (table A's rows differ).
    pub width: usize,
    pub kind: Kind,
    /// The row's own column labels where they differ from the table's
    /// (table A: each sub-table has its own header); empty otherwise.
    pub cols: &'static [&'static str],
}

impl RowDef {
    /// The label with its group, for messages: （三）不予公开·1.属于国家秘密.
    pub fn full_label(&self) -> String {
        // Numbered items (1. 2. …) need their group; （一）… and 一、… stand alone.
        let numbered = self.label.starts_with(|c: char| c.is_ascii_digit());
        if self.group.is_empty() || !numbered {
            self.label.to_string()
        } else {
            format!("{}·{}", self.group, self.label)
        }
    }
}

/// Which cells a term of a relation takes.
#[derive(Debug, Clone, Copy)]
pub enum Sel {
    /// The cell in the given column of the row being checked.
    Col(usize),
    /// Columns `from..to` of the row being checked.
    Cols(usize, usize),
    /// The cell in the given row of the column being checked.
    Row(&'static str),
    /// Rows from the first id up to, not including, the second, in the column
    /// being checked.
    Rows(&'static str, &'static str),
}

#[derive(Debug, Clone, Copy)]
pub struct Term {
    pub negative: bool,
    pub sel: Sel,
}

const fn plus(sel: Sel) -> Term {
    Term { negative: false, sel }
}
const fn minus(sel: Sel) -> Term {
    Term { negative: true, sel }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    /// left = right
    Eq,
    /// left ≥ right
    Ge,
}

/// What a relation is checked over.
#[derive(Debug, Clone, Copy)]
pub enum Each {
    /// Every row of the table.
    Row,
    /// The listed rows.
    Rows(&'static [&'static str]),
    /// Every value column.
    Column,
}

/// An arithmetic relation between cells, checked by the engine and reported
/// under `code` when it does not hold.
#[derive(Debug, Clone, Copy)]
pub struct Relation {
    pub code: &'static str,
    pub each: Each,
    pub left: &'static [Term],
    pub op: Op,
    pub right: &'static [Term],
}

/// A standard table's layout: its rows and columns with their labels, and
/// the relations between its cells.
#[derive(Debug)]
pub struct TableDef {
    /// `"A"`, `"B"` or `"C"`.
    pub id: &'static str,
    /// The standard title, e.g. `"收到和处理政府信息公开申请情况"`.
    pub title: &'static str,
    /// The number of the section the table lives in: 2 (二), 3 (三) or 4 (四).
    pub section: u8,
    /// `"2021"` (国办公开办函〔2021〕30号), or `"2019"` for the older tables A and B.
    pub layout: &'static str,
    /// The column labels (table B: 自然人 … 其他, 总计); a row may have its own.
    pub columns: &'static [&'static str],
    /// The rows in the standard order: a row's index is the `row` of findings and cells.
    pub rows: &'static [RowDef],
    /// The sums and balances between cells the rules check (none for the 2019 table A).
    pub relations: &'static [Relation],
}

impl TableDef {
    /// The index of the row with this stable id (`"total"`, `"carry_next"`, …).
    pub fn row_index(&self, id: &str) -> Option<usize> {
        self.rows.iter().position(|r| r.id == id)
    }
    /// The number of values the whole table holds.
    pub fn cell_count(&self) -> usize {
        self.rows.iter().map(|r| r.width).sum()
    }
    /// The label of a column of a row (the row's own labels, else the
    /// table's); `""` outside the row.
    pub fn column_label(&self, row: usize, column: usize) -> &'static str {
        let cols = self
            .rows
            .get(row)
            .map_or(self.columns, |r| if r.cols.is_empty() { self.columns } else { r.cols });
        cols.get(column).copied().unwrap_or("")
    }
}

const fn row(id: &'static str, label: &'static str, group: &'static str, keys: &'static [&'static str], width: usize) -> RowDef {
    RowDef {
        id,
        label,
        group,
        keys,
        width,
        kind: Kind::Count,
        cols: &[],
    }
}

/// A row of table A with its sub-table's own columns.
const fn arow(
    id: &'static str,
    label: &'static str,
    group: &'static str,
    keys: &'static [&'static str],
    cols: &'static [&'static str],
    kind: Kind,
) -> RowDef {
    RowDef {
        id,
        label,
        group,
        keys,
        width: cols.len(),
        kind,
        cols,
    }
}

// ---------------------------------------------------------------- table A

/// Table A (section 二, 主动公开政府信息情况) in the 2021 format: 规章 and
/// 行政规范性文件 (本年制发件数, 本年废止件数, 现行有效件数), 行政许可,
/// 行政处罚, 行政强制 (本年处理决定数量), 行政事业性收费 (万元).
pub const TABLE_A: TableDef = TableDef {
    id: "A",
    title: "主动公开政府信息情况",
    section: 2,
    layout: "2021",
    columns: &["本年制发件数", "本年废止件数", "现行有效件数"],
    rows: &[
        row("rules", "规章", A_ITEM_1, &["规章"], 3),
        row("normative", "行政规范性文件", A_ITEM_1, &["规范性文件"], 3),
        arow(
            "licensing",
            "行政许可",
            "第二十条第（五）项",
            &["行政许可"],
            &[A_DECISIONS],
            Kind::Count,
        ),
        arow("penalty", "行政处罚", A_ITEM_6, &["行政处罚"], &[A_DECISIONS], Kind::Count),
        arow("enforcement", "行政强制", A_ITEM_6, &["行政强制"], &[A_DECISIONS], Kind::Count),
        arow(
            "fees",
            "行政事业性收费",
            "第二十条第（八）项",
            &["事业性收费"],
            &["本年收费金额（单位：万元）"],
            Kind::Amount,
        ),
    ],
    relations: &[A_VALID],
};

/// 规章 and 行政规范性文件: 现行有效件数 ≥ 本年制发件数 − 本年废止件数. Each relation
/// carries the code of the rule that reports it, written here once (the rule's
/// constant takes it from here).
pub const A_VALID: Relation = Relation {
    code: "A002",
    each: Each::Rows(&["rules", "normative"]),
    left: &[plus(Sel::Col(2))],
    op: Op::Ge,
    right: &[plus(Sel::Col(0)), minus(Sel::Col(1))],
};

const A_ITEM_1: &str = "第二十条第（一）项";
const A_ITEM_6: &str = "第二十条第（六）项";
const A_DECISIONS: &str = "本年处理决定数量";

/// Table group A in the 2019 format (国办公开办函〔2019〕60号), still met in
/// reports for 2019 and 2020: read and shown, with no relation of its own.
pub const TABLE_A_2019: TableDef = TableDef {
    id: "A",
    title: "主动公开政府信息情况",
    section: 2,
    layout: "2019",
    columns: A19_DOCS,
    rows: &[
        arow("rules", "规章", A_ITEM_1, &["规章"], A19_DOCS, Kind::Count),
        arow("normative", "规范性文件", A_ITEM_1, &["规范性文件"], A19_DOCS, Kind::Count),
        arow(
            "licensing",
            "行政许可",
            "第二十条第（五）项",
            &["行政许可"],
            A19_ITEMS,
            Kind::Signed,
        ),
        arow(
            "other_services",
            "其他对外管理服务事项",
            "第二十条第（五）项",
            &["其他对外管理服务", "对外管理服务"],
            A19_ITEMS,
            Kind::Signed,
        ),
        arow("penalty", "行政处罚", A_ITEM_6, &["行政处罚"], A19_ITEMS, Kind::Signed),
        arow("enforcement", "行政强制", A_ITEM_6, &["行政强制"], A19_ITEMS, Kind::Signed),
        arow(
            "fees",
            "行政事业性收费",
            "第二十条第（八）项",
            &["事业性收费"],
            &["上一年项目数量", "本年增/减"],
            Kind::Signed,
        ),
        arow(
            "procurement",
            "政府集中采购",
            "第二十条第（九）项",
            &["集中采购"],
            &["采购项目数量", "采购总金额"],
            Kind::Amount,
        ),
    ],
    relations: &[],
};

/// Words only the 2019 table A has.
pub const A_2019_MARKS: [&str; 4] = ["新制作数量", "对外公开总数量", "上一年项目数量", "集中采购"];

const A19_DOCS: &[&str] = &["本年新制作数量", "本年新公开数量", "对外公开总数量"];
const A19_ITEMS: &[&str] = &["上一年项目数量", "本年增/减", "处理决定数量"];

// ---------------------------------------------------------------- table B

pub const B_COLUMNS: &[&str] = &["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"];

const G_RESULT: &str = "三、本年度办理结果";
const G_WITHHELD: &str = "（三）不予公开";
const G_UNABLE: &str = "（四）无法提供";
const G_NOT_HANDLED: &str = "（五）不予处理";
const G_OTHER: &str = "（六）其他处理";

/// Table B's rows: rows 1 … 20 are the same in both layouts, then each
/// layout's own rows.
macro_rules! b_rows {
    ($($tail:expr),* $(,)?) => {
        [
            row("new", "一、本年新收政府信息公开申请数量", "", &["新收"], 7),
            row("carried", "二、上年结转政府信息公开申请数量", "", &["上年结转", "上年度结转"], 7),
            row("granted", "（一）予以公开", G_RESULT, &["予以公开"], 7),
            row("partial", "（二）部分公开", G_RESULT, &["部分公开"], 7),
            row("secret", "1.属于国家秘密", G_WITHHELD, &["国家秘密"], 7),
            row(
                "prohibited",
                "2.其他法律行政法规禁止公开",
                G_WITHHELD,
                &["其他法律", "法规禁止", "禁止公开"],
                7,
            ),
            row("security", "3.危及“三安全一稳定”", G_WITHHELD, &["三安全", "一稳定"], 7),
            row("third_party", "4.保护第三方合法权益", G_WITHHELD, &["第三方"], 7),
            row("internal", "5.属于三类内部事务信息", G_WITHHELD, &["内部事务"], 7),
            row("process", "6.属于四类过程性信息", G_WITHHELD, &["过程性"], 7),
            row("case_file", "7.属于行政执法案卷", G_WITHHELD, &["执法案卷", "行政执法案"], 7),
            row("query", "8.属于行政查询事项", G_WITHHELD, &["查询事项"], 7),
            row("not_held", "1.本机关不掌握相关政府信息", G_UNABLE, &["不掌握"], 7),
            row("not_ready", "2.没有现成信息需要另行制作", G_UNABLE, &["另行制作", "没有现成"], 7),
            row("unclear", "3.补正后申请内容仍不明确", G_UNABLE, &["补正后", "仍不明确"], 7),
            row("petition", "1.信访举报投诉类申请", G_NOT_HANDLED, &["信访", "举报投诉"], 7),
            row("repeated", "2.重复申请", G_NOT_HANDLED, &["重复申请"], 7),
            row("publication", "3.要求提供公开出版物", G_NOT_HANDLED, &["出版物", "公开出版"], 7),
            row("vexatious", "4.无正当理由大量反复申请", G_NOT_HANDLED, &["大量反复", "反复申请"], 7),
            row(
                "confirm",
                "5.要求行政机关确认或重新出具已获取信息",
                G_NOT_HANDLED,
                &["确认或重新", "重新出具", "已获取信息"],
                7,
            ),
            $($tail),*
        ]
    };
}

const B_TOTAL: RowDef = row("total", "（七）总计", G_RESULT, &["总计"], 7);
const B_CARRY_NEXT: RowDef = row("carry_next", "四、结转下年度继续办理", "", &["结转下年", "下年度继续"], 7);

const B_ROWS_2021: [RowDef; 25] = b_rows![
    row(
        "overdue",
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        G_OTHER,
        &["逾期不补正", "不补正"],
        7
    ),
    row(
        "unpaid",
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        G_OTHER,
        &["收费通知", "缴纳费用"],
        7
    ),
    row("other", "3.其他", G_OTHER, &["3.其他", "3、其他", "3,其他"], 7),
    B_TOTAL,
    B_CARRY_NEXT,
];

const B_ROWS_2019: [RowDef; 23] = b_rows![row("other", "（六）其他处理", G_RESULT, &["其他处理"], 7), B_TOTAL, B_CARRY_NEXT];

/// Table B, each row: 总计 = the six applicant columns.
pub const B_ROW_TOTAL: Relation = Relation {
    code: "B001",
    each: Each::Row,
    left: &[plus(Sel::Col(6))],
    op: Op::Eq,
    right: &[plus(Sel::Cols(0, 6))],
};

/// Table B, each column: （七）总计 = the result rows （一） … （六）.
pub const B_COLUMN_TOTAL: Relation = Relation {
    code: "B002",
    each: Each::Column,
    left: &[plus(Sel::Row("total"))],
    op: Op::Eq,
    right: &[plus(Sel::Rows("granted", "total"))],
};

/// Table B, each column: 本年新收 + 上年结转 = （七）总计 + 结转下年度.
pub const B_BALANCE: Relation = Relation {
    code: "B003",
    each: Each::Column,
    left: &[plus(Sel::Row("new")), plus(Sel::Row("carried"))],
    op: Op::Eq,
    right: &[plus(Sel::Row("total")), plus(Sel::Row("carry_next"))],
};

/// The three relations table B states, in both layouts.
const B_RELATIONS: &[Relation] = &[B_ROW_TOTAL, B_COLUMN_TOTAL, B_BALANCE];

/// Table B (section 三, 收到和处理政府信息公开申请情况) in the 2021 format:
/// 25 rows of 7 columns (自然人, 商业企业, 科研机构, 社会公益组织,
/// 法律服务机构, 其他, 总计).
pub const TABLE_B: TableDef = TableDef {
    id: "B",
    title: "收到和处理政府信息公开申请情况",
    section: 3,
    layout: "2021",
    columns: B_COLUMNS,
    rows: &B_ROWS_2021,
    relations: B_RELATIONS,
};

pub const TABLE_B_2019: TableDef = TableDef {
    id: "B",
    title: "收到和处理政府信息公开申请情况",
    section: 3,
    layout: "2019",
    columns: B_COLUMNS,
    rows: &B_ROWS_2019,
    relations: B_RELATIONS,
};

// ---------------------------------------------------------------- table C

/// Table C (section 四, 政府信息公开行政复议、行政诉讼情况): 行政复议 and the
/// two kinds of 行政诉讼, each 结果维持, 结果纠正, 其他结果, 尚未审结, 总计.
pub const TABLE_C: TableDef = TableDef {
    id: "C",
    title: "政府信息公开行政复议、行政诉讼情况",
    section: 4,
    layout: "2021",
    columns: &["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"],
    rows: &[
        row("review", "行政复议", "", &["行政复议"], 5),
        row("direct_suit", "行政诉讼·未经复议直接起诉", "", &["未经复议直接起诉", "直接起诉"], 5),
        row("suit_after_review", "行政诉讼·复议后起诉", "", &["复议后起诉"], 5),
    ],
    relations: &[C_GROUP_TOTAL],
};

/// Table C, each group: 总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结.
pub const C_GROUP_TOTAL: Relation = Relation {
    code: "C001",
    each: Each::Row,
    left: &[plus(Sel::Col(4))],
    op: Op::Eq,
    right: &[plus(Sel::Cols(0, 4))],
};
