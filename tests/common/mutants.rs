//! The reports the rule tests make wrong, as data: each is a real report
//! (its copy in tests/fixtures/reports) with a few edits. The rule tests take
//! their texts from here, and tests/golden.rs pins each one's whole output.

use super::{fixture, set_figure, SHAPES};

/// One change to a report's text. Every edit panics when its place is not
/// found, so a test cannot pass by changing nothing.
pub enum Edit {
    /// Replaces the one occurrence of the first string (it must occur exactly once).
    Replace(&'static str, &'static str),
    /// Replaces the first occurrence of the first string.
    ReplaceFirst(&'static str, &'static str),
    /// Replaces the `k`-th figure after `label`, searched after `anchor` (see `set_figure`).
    Figure {
        anchor: &'static str,
        label: &'static str,
        k: usize,
        new: &'static str,
    },
    /// Replaces the text from the first `from` up to the first `to` (kept) with `insert`.
    Cut {
        from: &'static str,
        to: &'static str,
        insert: &'static str,
    },
    /// Appends the text `times` times.
    Append(&'static str, usize),
}

use Edit::*;

impl Edit {
    pub fn apply(&self, text: &str) -> String {
        match *self {
            Replace(old, new) => {
                assert_eq!(text.matches(old).count(), 1, "{old:?} must occur exactly once");
                text.replacen(old, new, 1)
            }
            ReplaceFirst(old, new) => {
                assert!(text.contains(old), "{old:?} not found");
                text.replacen(old, new, 1)
            }
            Figure { anchor, label, k, new } => set_figure(text, anchor, label, k, new),
            Cut { from, to, insert } => {
                let a = text.find(from).unwrap_or_else(|| panic!("{from:?} not found"));
                let b = text.find(to).unwrap_or_else(|| panic!("{to:?} not found"));
                assert!(a < b, "{from:?} must come before {to:?}");
                format!("{}{insert}{}", &text[..a], &text[b..])
            }
            Append(tail, times) => format!("{text}{}", tail.repeat(times)),
        }
    }
}

/// A report made wrong: `name` (with `.shape` when made from each of several
/// seeds), the report it is made from, and its edits.
pub struct Mutant {
    pub name: String,
    pub base: &'static str,
    pub edits: &'static [Edit],
}

impl Mutant {
    pub fn text(&self) -> String {
        self.edits.iter().fold(fixture(self.base), |t, e| e.apply(&t))
    }
}

const S000: &str = "seeds/000_4d177dac3167f082.txt";
const S001: &str = "seeds/001_43e3c9ba6b70e239.txt";
const S002: &str = "seeds/002_a8d23b48448f5a19.txt";
const S003: &str = "seeds/003_ea91102f3cc3d767.txt";
const HZ24: &str = "real/hongzequ-2024.txt";
const HZ24_RAW: &str = "real/hongzequ-2024.pdftotext-raw.txt";
const HA24: &str = "real/huaianshi-2024.txt";
const HA24_RAW: &str = "real/huaianshi-2024.pdftotext-raw.txt";
const PT21: &str = "real/pingtan-2021.txt";
const PT24: &str = "dev/102_pingtan2024.txt";
const PT25: &str = "dev/103_pingtan2025.txt";
const JS23: &str = "dev/124_junshan2023.txt";
const JTJ24: &str = "dev/122_jtj2024.txt";
const ZRZ20: &str = "dev/114_zrz2020.txt";

/// The three seeds of `SHAPES` (space, tab, vertical).
const SHAPED: &[&str] = &[S000, S001, S003];

/// Section 三's heading, section 二's, and the end of table 四's heading: the anchors of figures.
pub const B_ANCHOR: &str = "收到和处理政府信息公开申请情况\n";
pub const A_ANCHOR: &str = "主动公开政府信息情况\n";
pub const C_ANCHOR: &str = "行政诉讼情况\n";

const fn b(label: &'static str, k: usize, new: &'static str) -> Edit {
    Figure {
        anchor: B_ANCHOR,
        label,
        k,
        new,
    }
}

const fn a(label: &'static str, k: usize, new: &'static str) -> Edit {
    Figure {
        anchor: A_ANCHOR,
        label,
        k,
        new,
    }
}

const fn c(label: &'static str, k: usize, new: &'static str) -> Edit {
    Figure {
        anchor: C_ANCHOR,
        label,
        k,
        new,
    }
}

/// (name, the reports it is made from, the edits).
const TABLE: &[(&str, &[&str], &[Edit])] = &[
    // ---------------------------------------------------------------- tests/rules_tables.rs
    // 予以公开: 总计 becomes 5 while the six columns add to 0.
    ("b001_row_total", SHAPED, &[b("予以公开", 6, "5")]),
    // 国家秘密, 自然人 := 2 and its 总计 := 2: the row adds up, the columns do not.
    ("b002_column_total", SHAPED, &[b("属于国家秘密", 0, "2"), b("属于国家秘密", 6, "2")]),
    // 上年结转 := 1 in 自然人 and 总计: the row holds, 一 + 二 ≠ 七 + 四.
    (
        "b003_balance",
        SHAPED,
        &[b("上年结转政府信息公开申请数量", 0, "1"), b("上年结转政府信息公开申请数量", 6, "1")],
    ),
    ("b004_not_a_count", SHAPED, &[b("重复申请", 2, "—")]),
    // （二）部分公开 · 科研机构 0 → empty.
    ("b004_empty_partly_granted", &[S001], &[b("部分公开", 2, "")]),
    // 5.属于三类内部事务信息 · 总计 1 → empty (the row's last cell).
    ("b004_empty_row_total", &[S001], &[b("内部事务信息", 6, "")]),
    // 一、本年新收 · 自然人 → empty (the row's first cell).
    ("b004_empty_first_cell", &[S001], &[b("本年新收政府信息公开申请数量", 0, "")]),
    // One figure of the 予以公开 row disappears (in tab-separated text: an empty cell).
    ("b_granted_figure_removed", SHAPED, &[b("予以公开", 3, "")]),
    ("b_granted_total_removed", &[S001], &[b("予以公开", 6, "")]),
    // The 15 figures of table C are on one line: 行政复议's 结果维持 := 3.
    ("c001_group_total", SHAPED, &[c("审", 0, "3")]),
    ("c002_not_a_count", SHAPED, &[c("审", 7, "/")]),
    ("a001_not_a_count", SHAPED, &[a("行政处罚", 0, "无")]),
    // 行政规范性文件: 制发 5, 废止 0, 现行有效 0.
    (
        "a002_valid_below_net_issued",
        SHAPED,
        &[a("行政规范性文件", 0, "5"), a("行政规范性文件", 1, "0")],
    ),
    ("s001_missing_section", SHAPED, &[ReplaceFirst("五、存在", "存在")]),
    // A second "三、收到和处理…" heading appended at the end.
    (
        "s002_repeated_heading",
        SHAPED,
        &[Append("\n三、收到和处理政府信息公开申请情况\n", 1)],
    ),
    (
        "s003_title_without_year",
        SHAPED,
        &[ReplaceFirst("2023年政府信息公开工作年度报告", "政府信息公开工作年度报告")],
    ),
    (
        "s003_title_of_neither",
        &[S001],
        &[ReplaceFirst(
            "中卫市审批服务管理局 2023年政府信息公开工作年度报告",
            "政府信息公开工作年度报告",
        )],
    ),
    // Table 四 and its heading's text gone, the heading kept.
    (
        "s004_missing_table",
        &[S001],
        &[Cut {
            from: "四、政府信息公开行政复议",
            to: "五、存在的主要问题",
            insert: "四、政府信息公开行政复议、行政诉讼情况\n\n",
        }],
    ),
    // The three sub-rows of （六） folded into one: the 2019 layout.
    (
        "s005_old_layout",
        &[S001],
        &[Cut {
            from: "\t(六) 其他处理\t1.申请人",
            to: "(七) 总计",
            insert: "\t(六) 其他处理\t0\t0\t0\t0\t0\t0\t0\n",
        }],
    ),
    // Hundreds of repeated headings: S002 lists the first hundred and counts the rest.
    ("s002_capped", &[S001], &[Append("\n三、收到和处理政府信息公开申请情况\n", 300)]),
    // ---------------------------------------------------------------- tests/prose_rules.rs
    (
        "n001_received_12",
        &[S002],
        &[Replace("共收到政府信息公开申请11件", "共收到政府信息公开申请12件")],
    ),
    (
        "n001_received_chinese_12",
        &[S002],
        &[Replace("共收到政府信息公开申请11件", "共收到政府信息公开申请十二件")],
    ),
    (
        "n001_received_chinese_11",
        &[S002],
        &[Replace("共收到政府信息公开申请11件", "共收到政府信息公开申请十一件")],
    ),
    (
        "n001_received_fullwidth_11",
        &[S002],
        &[Replace("共收到政府信息公开申请11件", "共收到政府信息公开申请１１件")],
    ),
    (
        "n001_received_fullwidth_12",
        &[S002],
        &[Replace("共收到政府信息公开申请11件", "共收到政府信息公开申请１２件")],
    ),
    (
        "n001_received_thousands_3011",
        &[S002],
        &[Replace("共收到政府信息公开申请11件", "共收到政府信息公开申请3,011件")],
    ),
    (
        "n001_received_thousands_0011",
        &[S002],
        &[Replace("共收到政府信息公开申请11件", "共收到政府信息公开申请0,011件")],
    ),
    (
        "n001_wrapped",
        &[S000],
        &[Replace(
            "我局未收到和处理政府\n\n信息公开申请。",
            "我局共收到政府\n\n信息公开申请 2 件。",
        )],
    ),
    (
        "n001_none_received",
        &[S001],
        &[Replace(
            "全年共收到公民政府信息公开申请2件、法人和其他组织政府信息公开申请0件，",
            "全年未收到政府信息公开申请，",
        )],
    ),
    (
        "n001_citizens_3",
        &[S001],
        &[Replace("共收到公民政府信息公开申请2件", "共收到公民政府信息公开申请3件")],
    ),
    (
        "n001_new_plus_carried",
        &[HA24],
        &[Replace("全市共受理政府信息公开申请 3119 件", "全市共受理政府信息公开申请 3153 件")],
    ),
    (
        "n001_received_3120",
        &[HA24],
        &[Replace("全市共受理政府信息公开申请 3119 件", "全市共受理政府信息公开申请 3120 件")],
    ),
    ("n002_carried_to_2", &[S001], &[Replace("结转至2024年1件", "结转至2024年2件")]),
    (
        "n002_carried_3_before_phrase",
        &[PT21],
        &[Replace("1件结转下年度继续办理", "3件结转下年度继续办理")],
    ),
    (
        "n002_carried_from_43",
        &[HA24, HA24_RAW],
        &[Replace("结转申请 34 件", "结转申请 43 件")],
    ),
    (
        "n003_results_right",
        &[S002],
        &[Replace(
            "共收到政府信息公开申请11件，",
            "共收到政府信息公开申请11件，其中予以公开8件，无法提供三件，",
        )],
    ),
    (
        "n003_granted_9",
        &[S002],
        &[Replace(
            "共收到政府信息公开申请11件，",
            "共收到政府信息公开申请11件，其中予以公开9件，",
        )],
    ),
    (
        "n003_granted_with_partly_1816",
        &[HA24],
        &[Replace("均在法定期限内予以答复。", "均在法定期限内予以答复。其中予以公开1816件。")],
    ),
    (
        "n003_granted_with_partly_1817",
        &[HA24],
        &[Replace("均在法定期限内予以答复。", "均在法定期限内予以答复。其中予以公开1817件。")],
    ),
    (
        "n003_refused_2",
        &[S002],
        &[Replace("共收到政府信息公开申请11件，", "共收到政府信息公开申请11件，不予公开2件，")],
    ),
    ("n003_finished_147", &[PT25], &[Replace("共办结148件", "共办结147件")]),
    ("n003_finished_68", &[PT21], &[Replace("办结69件", "办结68件")]),
    (
        "n004_none_claimed",
        &[HZ24],
        &[Replace(
            "均已在法定期限内予以答复。",
            "均已在法定期限内予以答复。无因政府信息公开引起的行政复议或行政诉讼。",
        )],
    ),
    (
        "n004_no_litigation_claimed",
        &[HZ24],
        &[Replace(
            "均已在法定期限内予以答复。",
            "均已在法定期限内予以答复。未发生涉及政府信息公开的行政诉讼案件。",
        )],
    ),
    (
        "n004_none_corrected",
        &[HZ24],
        &[Replace(
            "均已在法定期限内予以答复。",
            "均已在法定期限内予以答复。无因政府信息公开被纠错的行政复议案件。",
        )],
    ),
    (
        "n004_review_and_litigation_9",
        &[HZ24],
        &[Replace(
            "均已在法定期限内予以答复。",
            "均已在法定期限内予以答复。行政复议和行政诉讼案件共9件。",
        )],
    ),
    (
        "n004_reviews_9",
        &[HZ24],
        &[Replace(
            "均已在法定期限内予以答复。",
            "均已在法定期限内予以答复。因政府信息公开被申请行政复议9起。",
        )],
    ),
    (
        "n004_none_in_section_four",
        &[HZ24],
        &[Replace(
            "五、存在的主要问题及改进情况",
            "本年度无政府信息公开行政复议案件。\n五、存在的主要问题及改进情况",
        )],
    ),
    (
        "n004_reviews_315",
        &[HA24],
        &[Replace("政府信息公开行政复议 351", "政府信息公开行政复议 315")],
    ),
    ("n004_upheld_27", &[HA24], &[Replace("其中结果维持 72 件", "其中结果维持 27 件")]),
    (
        "n004_litigation_upheld_26",
        &[HA24],
        &[Replace("其中结果维持 25", "其中结果维持 26")],
    ),
    (
        "n005_repealed_6",
        &[S001],
        &[Replace("废止行政规范性文件7件", "废止行政规范性文件6件")],
    ),
    ("n005_valid_5", &[S001], &[Replace("现行有效0件", "现行有效5件")]),
    (
        "n005_issued_7",
        &[S002],
        &[Replace("主动公开行政规范性文件 6 件", "主动公开行政规范性文件 7 件")],
    ),
    (
        "n005_in_force_38",
        &[S002],
        &[Replace("主动公开行政规范性文件 6 件", "主动公开行政规范性文件 38 件")],
    ),
    (
        "n005_policy_documents_7",
        &[S002],
        &[Replace("主动公开行政规范性文件 6 件", "主动公开政策性文件 7 件")],
    ),
    (
        "n005_rules_2",
        &[HA24],
        &[Replace("新增公开市政府规章 1 件", "新增公开市政府规章 2 件")],
    ),
    (
        "n006_all_finished",
        &[S001],
        &[Replace("均已按期按要求对申请事项进行答复", "申请均已按时办结")],
    ),
    (
        "n006_some_pending",
        &[S002],
        &[Replace("均在规定期限内完成答复", "尚有1件正在办理中")],
    ),
    (
        "y001_period_start",
        &[S001],
        &[Replace("本报告统计数据从2023年1月1日", "本报告统计数据从2022年1月1日")],
    ),
    ("y001_period_end", &[S003], &[Replace("2023年 12月 31日", "2022年 12月 31日")]),
    (
        "y002_key_tasks_heading",
        &[S002],
        &[Replace(
            "（一）2022年政务公开工作要点落实情况",
            "（一）2021年政务公开工作要点落实情况",
        )],
    ),
    (
        "y002_key_tasks",
        &[S000],
        &[Replace(
            "我局对照《利通区\n\n2023年政务公开工作要点》",
            "我局对照《利通区\n\n2022年政务公开工作要点》",
        )],
    ),
    (
        "y002_carried_to_same_year",
        &[S001],
        &[Replace("结转至2024年1件", "结转至2023年1件")],
    ),
    (
        "y002_published",
        &[S000],
        &[Replace(
            "审批服务管理局 2023 年\n\n政府信息公开工作年度报告》",
            "审批服务管理局 2022 年\n\n政府信息公开工作年度报告》",
        )],
    ),
    (
        "y002_section_start",
        &[S001],
        &[Replace(
            "2023年，我局政务公开工作取得了一定进展",
            "2022年，我局政务公开工作取得了一定进展",
        )],
    ),
    (
        "i001_contact",
        &[S000],
        &[Replace("可与利通区审批服务管理局办公室联系", "可与利通区应急管理局办公室联系")],
    ),
    (
        "i001_published",
        &[S000],
        &[Replace("现发布《吴忠市利通区审批服务管理局", "现发布《吴忠市利通区应急管理局")],
    ),
    (
        "i001_other_city",
        &[S001],
        &[Replace("请与中卫市审批服务管理局办公室联系", "请与吴忠市审批服务管理局办公室联系")],
    ),
    ("w001_label", &[S001], &[Replace("本年废止件数", "本年度止件数")]),
    (
        "w001_row_label",
        &[HA24],
        &[Replace("2.其他法律行政法规禁止公开", "2.其他法律行政止公开")],
    ),
    (
        "r001_fee_not_stated",
        &[S001],
        &[
            Replace(
                "本机关2023年收到的政府信息公开申请，依据《政府信息公开信息处理费管理办法》未超出一定数量或者频次范围，未收取信息处理费。",
                "",
            ),
            Replace("（二）信息处理费情况", ""),
        ],
    ),
    (
        "r001_plain_statement",
        &[S001],
        &[
            Replace(
                "依据《政府信息公开信息处理费管理办法》未超出一定数量或者频次范围，未收取信息处理费。",
                "未向申请人收取任何费用。",
            ),
            Replace("（二）信息处理费情况", "（二）收费情况"),
        ],
    ),
    (
        "r002_no_key_tasks",
        &[S003],
        &[Replace("严格按照《利通区 2023年政务工作要点》开展政", "严格开展政")],
    ),
    (
        "r003_no_improvements",
        &[S001],
        &[Cut {
            from: "下一步，我局将坚持",
            to: "六、其他需要报告的事项",
            insert: "",
        }],
    ),
    // Section 五 with the problems cut: improvements only.
    (
        "r003_no_problems",
        &[S001],
        &[Cut {
            from: "，但仍存在一些问题：",
            to: "\n\n下一步，我局将坚持",
            insert: "。",
        }],
    ),
    // Zirangziyuan 2020 states its shortcoming without a word of problem
    // (还不能完全满足…仍有进一步改进的空间): cut, only improvements remain;
    // kept alone, only the shortcoming.
    (
        "r003_shortcoming_cut",
        &[ZRZ20],
        &[Replace(
            "目前，我局政府信息公开工作还不能完全满足社会公众的需求，在内容丰富性和渠道多样性方面仍有进一步改进的空间。",
            "",
        )],
    ),
    (
        "r003_shortcoming_only",
        &[ZRZ20],
        &[
            Cut {
                from: "2020年我局将进一步严格按照",
                to: "目前，我局政府信息公开工作还不能完全满足",
                insert: "",
            },
            Cut {
                from: "对此，我在下阶段",
                to: "六、其他需要报告的事项",
                insert: "",
            },
        ],
    ),
    // ---------------------------------------------------------------- issue 18: the prose read as a reviewer does
    // N003, several kinds as one figure: 予以公开 + 部分公开 is 50 + 9 = 59 in hongzequ 2024,
    // 71 + 29 = 100 in pingtan 2024, 1362 + 454 = 1816 in huai'an 2024; each written as 予以公开 alone.
    (
        "n003_granted_and_partial_50",
        &[HZ24, HZ24_RAW],
        &[Replace(
            "均已在法定期限内予以答复。",
            "均已在法定期限内予以答复。其中予以公开及部分公开共50件。",
        )],
    ),
    (
        "n003_granted_and_partial_71",
        &[PT24],
        &[Replace(
            "全年办理政府信息公开申请218件。",
            "全年办理政府信息公开申请218件，其中予以公开和部分公开71件。",
        )],
    ),
    (
        "n003_granted_and_partial_1362",
        &[HA24, HA24_RAW],
        &[Replace(
            "均在法定期限内予以答复。",
            "均在法定期限内予以答复。其中予以公开、部分公开共1362件。",
        )],
    ),
    // N003, a group named by its first row and 等: （四）无法提供 is 31 + 1 + 0 in hongzequ 2024,
    // 769 + 11 + 1 in huai'an 2024, 50 + 3 + 0 in pingtan 2025; each written as 本机关不掌握 alone.
    (
        "n003_unable_etc_31",
        &[HZ24, HZ24_RAW],
        &[Replace(
            "均已在法定期限内予以答复。",
            "均已在法定期限内予以答复。因本机关不掌握等原因无法提供31件。",
        )],
    ),
    (
        "n003_unable_etc_769",
        &[HA24],
        &[Replace(
            "均在法定期限内予以答复。",
            "均在法定期限内予以答复。因本机关不掌握相关政府信息等原因无法提供769件。",
        )],
    ),
    (
        "n003_unable_etc_50",
        &[PT25],
        &[Replace("结转至2026年6件。", "结转至2026年6件。因本机关不掌握等原因无法提供50件。")],
    ),
    // 其中…不掌握 N 件 is the row itself (31 in hongzequ 2024): 30 is wrong, and every figure right is silent.
    (
        "n003_not_held_30",
        &[HZ24],
        &[Replace(
            "均已在法定期限内予以答复。",
            "均已在法定期限内予以答复。无法提供32件，其中本机关不掌握30件。",
        )],
    ),
    (
        "n003_combined_right",
        &[HZ24],
        &[Replace(
            "均已在法定期限内予以答复。",
            "均已在法定期限内予以答复。其中予以公开及部分公开共59件，不予公开及无法提供35件；因本机关不掌握等原因无法提供32件，其中本机关不掌握31件；属于国家秘密等情形不予公开3件。",
        )],
    ),
    // N004, outcome claims: hongzequ 2024's review has 1 结果纠正; huai'an 2024's 64 纠正, 178 其他,
    // 37 尚未审结; pingtan 2025's review 3 纠正 and 8 其他, its litigation 3 纠正; pingtan 2024's
    // review 1 尚未审结.
    (
        "n004_upheld_claimed",
        &[HZ24],
        &[Replace(
            "均已在法定期限内予以答复。",
            "均已在法定期限内予以答复。被申请政府信息公开行政复议2件，均获维持。",
        )],
    ),
    (
        "n004_all_upheld_claimed",
        &[HA24],
        &[Replace(
            "均在法定期限内予以答复。",
            "均在法定期限内予以答复。因政府信息公开被申请行政复议351件，全部维持。",
        )],
    ),
    ("n004_upheld_both_claimed", &[PT25], &[Replace("行政诉讼9起。", "行政诉讼9起，均获维持。")]),
    (
        "n004_concluded_claimed",
        &[PT24],
        &[Replace(
            "全年办理政府信息公开申请218件。",
            "全年办理政府信息公开申请218件。政府信息公开行政复议7件，均已审结。",
        )],
    ),
    // Hongzequ 2024's litigation: 2 维持, 1 其他, none corrected or open; claims that hold.
    (
        "n004_claims_right",
        &[HZ24],
        &[Replace(
            "均已在法定期限内予以答复。",
            "均已在法定期限内予以答复。政府信息公开行政诉讼4件，均已审结，没有败诉案件。",
        )],
    ),
    // N005, the documents in force: 38 in seed 002, 66 in huai'an 2024, 440 in pingtan 2024.
    (
        "n005_in_force_40",
        &[S002],
        &[Replace(
            "均在规定期限内完成答复。",
            "均在规定期限内完成答复。清理并集中发布现行有效行政规范性文件40件。",
        )],
    ),
    (
        "n005_in_force_60",
        &[HA24],
        &[Replace(
            "均在法定期限内予以答复。",
            "均在法定期限内予以答复。清理并集中发布现行有效行政规范性文件 60 件。",
        )],
    ),
    (
        "n005_in_force_404",
        &[PT24],
        &[Replace(
            "全年办理政府信息公开申请218件。",
            "全年办理政府信息公开申请218件。全面清理行政规范性文件，现行有效的共404件。",
        )],
    ),
    // Hongzequ 2024: 行政规范性文件 3 issued, 0 repealed, 8 in force; issued 4 is wrong.
    (
        "n005_issued_4",
        &[HZ24, HZ24_RAW],
        &[Replace(
            "均已在法定期限内予以答复。",
            "均已在法定期限内予以答复。全年印发行政规范性文件4件。",
        )],
    ),
    (
        "n005_documents_right",
        &[HZ24],
        &[Replace(
            "均已在法定期限内予以答复。",
            "均已在法定期限内予以答复。全年印发行政规范性文件3件，清理并集中发布现行有效行政规范性文件8件，废止0件。",
        )],
    ),
    // I001: the zone's 管委会 is the zone (the false alarm of issue 18), a county's 政务服务中心 the county.
    (
        "i001_zone_committee_office",
        &[PT21],
        &[Replace(
            "请与平潭综合实验区政府信息公开工作领导小组办公室联系",
            "请与平潭综合实验区管委会办公室联系",
        )],
    ),
    (
        "i001_government_service_centre",
        &[HZ24],
        &[Replace("泽区人民政府办公室联系（地址", "泽区人民政府政务服务中心联系（地址")],
    ),
    // Another body: in 请与…联系, in 请联系…（…, and in the signature.
    (
        "i001_other_government",
        &[PT21],
        &[Replace(
            "请与平潭综合实验区政府信息公开工作领导小组办公室联系",
            "请与福州市长乐区人民政府办公室联系",
        )],
    ),
    (
        "i001_contact_after_verb",
        &[JTJ24],
        &[Replace(
            "请联系平潭综合实验区交通与建设局办公室",
            "请联系平潭综合实验区财政金融局办公室",
        )],
    ),
    (
        "i001_signature",
        &[JS23],
        &[Replace(
            "平潭综合实验区君山片区管理局 2024年1月12日",
            "平潭综合实验区苏平片区管理局 2024年1月12日",
        )],
    ),
    // W001 on section headings: words added or changed (in tab-separated text, PDF text with layout,
    // PDF text in reading order and crawler text without line breaks).
    (
        "w001_heading_plan",
        &[S001, HZ24, HZ24_RAW, PT21],
        &[Replace("五、存在的主要问题及改进情况", "五、存在的主要问题及明年工作计划")],
    ),
    (
        "w001_heading_typo",
        &[S000, S001, PT25, PT21],
        &[Replace(
            "四、政府信息公开行政复议、行政诉讼情况",
            "四、政府信息公开行政法复议、行政诉讼情况",
        )],
    ),
    // Wordings of the standard heading met in real reports: no W001.
    (
        "w001_heading_standard_wording",
        &[S001],
        &[
            Replace("五、存在的主要问题及改进情况", "五、存在主要问题和改进情况"),
            Replace(
                "四、政府信息公开行政复议、行政诉讼情况",
                "四、因政府信息公开工作被申请行政复议、提起行政诉讼情况",
            ),
        ],
    ),
    // Sentences about other things, each added after 共收到政府信息公开申请11件，.
    (
        "n001_other_kind",
        &[S002],
        &[Replace(
            "共收到政府信息公开申请11件，",
            "共收到政府信息公开申请11件，受理行政许可申请3000件，",
        )],
    ),
    (
        "n001_other_year",
        &[S002],
        &[Replace(
            "共收到政府信息公开申请11件，",
            "共收到政府信息公开申请11件，2021年共收到政府信息公开申请5件，",
        )],
    ),
    (
        "n001_a_change",
        &[S002],
        &[Replace(
            "共收到政府信息公开申请11件，",
            "共收到政府信息公开申请11件，收到申请数量较上年增加4件，",
        )],
    ),
    (
        "n001_approximate",
        &[S002],
        &[Replace(
            "共收到政府信息公开申请11件，",
            "共收到政府信息公开申请11件，共收到政府信息公开申请10余件，",
        )],
    ),
];

/// True for the two texts of one PDF: with layout and in reading order (`.raw`).
fn is_pair(bases: &[&str]) -> bool {
    matches!(bases, [a, b] if b.strip_suffix(".pdftotext-raw.txt") == a.strip_suffix(".txt"))
}

/// The name of a report among several a mutant is made from: the shape of a
/// seed of `SHAPES` (`space`, `tab`, `vertical`), else the file's name
/// (`hongzequ-2024`, `hongzequ-2024.pdftotext-raw`, `103_pingtan2025`).
fn shape_of(base: &str) -> &str {
    SHAPES.iter().find(|(_, n)| *n == base).map(|(s, _)| *s).unwrap_or_else(|| {
        let file = base.rsplit('/').next().unwrap_or(base);
        file.strip_suffix(".txt").unwrap_or(file)
    })
}

/// Every mutant, named `name` or, when made from several reports, `name.shape`
/// (`space`, `tab`, `vertical` for the seeds of `SHAPES`; `layout`, `raw` for
/// the two texts of one PDF).
pub fn mutants() -> Vec<Mutant> {
    let mut out = Vec::new();
    for &(name, bases, edits) in TABLE {
        for &base in bases {
            let name = match bases.len() {
                1 => name.to_string(),
                _ if is_pair(bases) && base.ends_with(".pdftotext-raw.txt") => format!("{name}.raw"),
                _ if is_pair(bases) => format!("{name}.layout"),
                _ => format!("{name}.{}", shape_of(base)),
            };
            out.push(Mutant { name, base, edits });
        }
    }
    out
}

/// The text of the mutant of that name.
pub fn mutant(name: &str) -> String {
    mutants()
        .into_iter()
        .find(|m| m.name == name)
        .unwrap_or_else(|| panic!("no mutant {name:?}"))
        .text()
}
