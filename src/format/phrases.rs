//! The words the prose rules (N001–N006, R003) read the prose by, as data: which
//! phrases speak of requests, of results, of review and litigation, of
//! normative documents, of problems and their remedies, and which words make a
//! figure mean something else.
//! Each list was drawn from real reports; add a wording here, not in a rule.

// ------------------------------------------------------------ requests (N001, N002, N003, N006)

/// Words that make a clause about something else than requests for disclosure.
pub const NOT_REQUESTS: &[&str] = &[
    "复议",
    "诉讼",
    "信访",
    "提案",
    "建议",
    "投诉",
    "举报",
    "留言",
    "信箱",
    "咨询",
    "热线",
    "许可",
    "审批",
    "登记",
    "备案",
    "政务服务",
];

/// Words that put a figure in another year than the report's.
pub const OTHER_YEAR: &[&str] = &["去年", "上年", "上一年", "前年"];

/// Words that make a figure a change, not a count.
pub const CHANGE: &[&str] = &["增加", "减少", "增长", "下降", "上升", "同比", "较上年", "比上年", "较去年", "持平"];

/// Words naming a part of the body or a channel: the figure may count only
/// that part (区政府办代表区政府受理…17 件 against 95 in the table).
pub const PART: &[&str] = &[
    "政府办",
    "办公室",
    "本级",
    "部门",
    "其中",
    "网上",
    "线上",
    "当面",
    "信函",
    "邮寄",
    "电子邮件",
    "传真",
    "代表",
];

/// Verbs saying that no request came in this year (未收到…申请).
pub const NONE_RECEIVED: &[&str] = &["未收到", "没有收到", "未接到", "没有接到", "未受理", "未接收"];

/// Verbs before a count of requests received.
pub const RECEIVED: &[&str] = &["收到", "受理", "新收", "接收", "接到"];

/// Words of a carry-over (N002).
pub const CARRY: &[&str] = &["结转", "顺延", "转入"];

/// Words right before 结转 that make it the carry-over from last year.
pub const FROM_LAST_YEAR: &[&str] = &["上年", "上年度", "上一年度", "上一年", "去年", "上年度的", "上年的"];

/// Words right after 结转(至/到) that make it the carry-over to next year.
pub const TO_NEXT_YEAR: &[&str] = &["下年", "下一年", "次年", "明年"];

/// Verbs saying that every request was finished (N006).
pub const FINISHED: &[&str] = &["办结", "办理完毕", "办理完成", "处理完毕"];

/// Words before the verb that make it every request: 均/全部/都 (N006).
pub const ALL: &[&str] = &["均", "全部", "都"];

/// Phrases saying that some request is still open (N006).
pub const STILL_OPEN: &[&str] = &["尚未办结", "正在办理中", "仍在办理", "尚在办理"];

// ------------------------------------------------------------ results (N003)

/// A kind of result of table B that the prose names.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Outcome {
    Granted,
    Partial,
    Withheld,
    Unable,
    NotHandled,
    Other,
    Finished,
}

/// The words naming each kind of result.
pub const OUTCOMES: &[(&str, Outcome)] = &[
    ("予以公开", Outcome::Granted),
    ("部分公开", Outcome::Partial),
    ("不予公开", Outcome::Withheld),
    ("无法提供", Outcome::Unable),
    ("不予处理", Outcome::NotHandled),
    ("其他处理", Outcome::Other),
    ("办结", Outcome::Finished),
];

// ------------------------------------------------------------ review and litigation (N004)

/// Words that make a 无…复议 statement about one kind of case only.
pub const NARROWING: &[&str] = &["纠错", "纠正", "败诉", "撤销", "违法", "被告", "责任追究", "追责"];

/// Words saying that there were no cases (无行政复议…).
pub const NO_CASES: &[&str] = &["未发生", "未出现", "没有发生", "没有", "未有", "未产生", "不存在", "未收到", "无"];

/// The words of 其中结果维持 N 件 and the column of table C they name, in
/// the order tried (the longer wording first).
pub const CASE_RESULTS: &[(&str, usize)] = &[
    ("结果维持", 0),
    ("维持", 0),
    ("结果纠正", 1),
    ("纠正", 1),
    ("其他结果", 2),
    ("尚未审结", 3),
    ("未审结", 3),
];

// ------------------------------------------------------------ normative documents (N005)

/// Verbs that name a column of table A's document rows, in the order searched.
pub const DOC_VERBS: &[(&str, usize)] = &[
    ("现行有效", 2),
    ("废止", 1),
    ("宣布失效", 1),
    ("制发", 0),
    ("印发", 0),
    ("出台", 0),
    ("制定", 0),
    ("公开", 0),
    ("发布", 0),
];

/// Other actions on documents: their counts are not table A's.
pub const OTHER_ACTIONS: &[&str] = &[
    "清理",
    "审核",
    "审查",
    "备案",
    "征求",
    "起草",
    "修订",
    "修改",
    "解读",
    "评估",
    "合法性",
    "梳理",
    "报送",
];

/// Scope words: the count may be of other bodies' documents.
pub const DOC_SCOPE: &[&str] = &["各部门", "各乡镇", "各单位", "部门", "累计", "历年", "以来"];

/// Other kinds of document: a clause naming one ends the 规章/规范性文件
/// the sentence spoke of.
pub const OTHER_DOCUMENTS: &[&str] = &["文件", "公文", "制度", "方案", "政策", "信息", "意见"];

// ------------------------------------------------------------ problems and improvements (R003)

/// Words that name a problem (section 五).
pub const PROBLEMS: &[&str] = &[
    "问题",
    "不足",
    "差距",
    "短板",
    "薄弱",
    "有待",
    "不够",
    "欠缺",
    "缺乏",
    "尚需",
    "还需",
    "仍需",
    "不到位",
    "不高",
    "不强",
];

/// Statements that the work falls short without a word of `PROBLEMS`: 还不能完全满足社会公众的需求，
/// 仍有进一步改进的空间. Room to improve (改进的空间) is a shortcoming, not an improvement.
pub const SHORTCOMINGS: &[&str] = &[
    "不能完全",
    "未能完全",
    "还不能",
    "尚不能",
    "仍不能",
    "不能满足",
    "难以满足",
    "改进的空间",
    "提升的空间",
    "提高的空间",
    "完善的空间",
    "改进空间",
    "提升空间",
    "提高空间",
    "完善空间",
];

/// Words that name what is done about a problem (section 五).
pub const IMPROVEMENTS: &[&str] = &[
    "改进",
    "下一步",
    "今后",
    "将继续",
    "将进一步",
    "将着力",
    "将切实",
    "将持续",
    "将加强",
    "将坚持",
    "我们将",
    "我局将",
    "整改",
    "措施",
    "计划",
    "拟",
];
