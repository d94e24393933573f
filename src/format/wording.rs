//! Non-standard wordings of the standard labels, as data: what W001 looks
//! for and what it suggests. Each entry was seen in a real report (see
//! ../shared/FORMAT.md); add new ones here, not in the rule.

/// A wording that departs from the standard text.
#[derive(Debug, Clone, Copy)]
pub struct Wording {
    /// As found in the report (compared after folding and removing spaces).
    pub found: &'static str,
    /// The standard text to suggest.
    pub standard: &'static str,
    /// The label it belongs to, for the message.
    pub label: &'static str,
    /// A character that, right before `found`, means the text is standard
    /// after all (二十条第（一）项 is wrong only when not preceded by 第).
    pub unless_after: Option<char>,
    /// The sections (1 … 6) where the label lives; elsewhere the words may be
    /// ordinary prose (本年度新收到的申请).
    pub sections: &'static [u8],
    /// Only when table A is read in this layout (规范性文件 is the 2019 label).
    pub layout: Option<&'static str>,
}

const fn w(found: &'static str, standard: &'static str, label: &'static str, sections: &'static [u8]) -> Wording {
    Wording {
        found,
        standard,
        label,
        unless_after: None,
        sections,
        layout: None,
    }
}

pub const WORDINGS: &[Wording] = &[
    w("本年制发作数", "本年制发件数", "表二第二十条第（一）项的列名", &[2]),
    w("本年度止件数", "本年废止件数", "表二第二十条第（一）项的列名", &[2]),
    Wording {
        found: "二十条第（",
        standard: "第二十条第（",
        label: "表二的小标题",
        unless_after: Some('第'),
        sections: &[2],
        layout: None,
    },
    w("钩稽", "勾稽", "表三的说明“本列数据的勾稽关系为……”", &[3]),
    w("本年度新收", "本年新收", "表三“一、本年新收政府信息公开申请数量”", &[3]),
    w("本年废纸件数", "本年废止件数", "表二第二十条第（一）项的列名", &[2]),
    w("本年公开数量", "本年新公开数量", "表二第二十条第（一）项（2019年版）的列名", &[2]),
    Wording {
        found: "规范性文件",
        standard: "行政规范性文件",
        label: "表二第二十条第（一）项的行名（2021年版）",
        unless_after: Some('政'),
        sections: &[2],
        layout: Some("2021"),
    },
    w("三三、本年度办理结果", "三、本年度办理结果", "表三的分组标签", &[3]),
    w("属于行政执法案件", "属于行政执法案卷", "表三“（三）不予公开”第 7 项", &[3]),
    w(
        "其他法律行政止公开",
        "其他法律行政法规禁止公开",
        "表三“（三）不予公开”第 2 项",
        &[3],
    ),
];

/// Words a section heading may add or leave out without departing from the
/// standard heading: the wordings met in the wild that FORMAT.md lists as
/// the same heading (一、总体工作情况, 五、存在主要问题及改进情况,
/// 五、政府信息公开工作存在的主要问题及改进情况, the older
/// 四、因政府信息公开工作被申请行政复议、提起行政诉讼情况), and the words that
/// join its parts (、 和 及 与 以及 are one). Punctuation never counts.
pub const HEADING_OPTIONAL: &[&str] = &["政府信息公开", "工作", "被申请", "提起", "因", "的", "以及", "及", "和", "与"];

/// Words written for one another in headings (其它 for 其他).
pub const HEADING_SAME: &[(&str, &str)] = &[("其它", "其他")];

/// How many characters past its recognised end a heading in run-together
/// text (no line break after it) may go on: its own words may continue
/// (五、存在的主要问题及明年工作计划 is cut after the standard heading's length).
pub const HEADING_RUN_ON: usize = 8;
