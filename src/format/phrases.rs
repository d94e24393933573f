//! The words the prose rules (N001–N006, R003, I001) read the prose by, as data: which
//! phrases speak of requests, of results, of review and litigation and their
//! outcome, of normative documents, of problems and their remedies, of the
//! reporting body, and which words make a figure mean something else.
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

/// A word of a result: a kind (a row or group of rows of table B) or one
/// row of a group (本机关不掌握 is the first row of （四）无法提供), by its id.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum ResultWord {
    Kind(Outcome),
    Row(&'static str),
}

use ResultWord::{Kind, Row};

/// The words naming each kind of result and each row of a group, read in
/// one pass (leftmost, then longest: 不予以公开 is not 予以公开).
pub const RESULT_WORDS: &[(&str, ResultWord)] = &[
    ("予以公开", Kind(Outcome::Granted)),
    ("部分公开", Kind(Outcome::Partial)),
    ("不予公开", Kind(Outcome::Withheld)),
    ("不予以公开", Kind(Outcome::Withheld)),
    ("无法提供", Kind(Outcome::Unable)),
    ("不予处理", Kind(Outcome::NotHandled)),
    ("其他处理", Kind(Outcome::Other)),
    ("办结", Kind(Outcome::Finished)),
    // （三）不予公开
    ("国家秘密", Row("secret")),
    ("禁止公开", Row("prohibited")),
    ("三安全", Row("security")),
    ("第三方合法权益", Row("third_party")),
    ("内部事务信息", Row("internal")),
    ("过程性信息", Row("process")),
    ("执法案卷", Row("case_file")),
    ("查询事项", Row("query")),
    // （四）无法提供
    ("不掌握", Row("not_held")),
    ("没有现成", Row("not_ready")),
    ("另行制作", Row("not_ready")),
    ("仍不明确", Row("unclear")),
    // （五）不予处理
    ("信访", Row("petition")),
    ("举报投诉", Row("petition")),
    ("重复申请", Row("repeated")),
    ("出版物", Row("publication")),
    ("反复申请", Row("vexatious")),
    ("重新出具", Row("confirm")),
    // （六）其他处理 (2021 format)
    ("不补正", Row("overdue")),
    ("收费通知", Row("unpaid")),
    ("缴纳费用", Row("unpaid")),
];

/// The mark of a group named by one of its rows: 因本机关不掌握等原因无法提供
/// N 件 counts the whole group (1—3 项之和), not the row.
pub const ETC: char = '等';

/// Words with 等 that are no mark of a group.
pub const NOT_ETC: &[&str] = &["等待", "平等", "同等", "对等", "等级"];

/// Words that give each of several kinds its own figure (予以公开、部分公开分别为
/// 8 件、2 件): not one figure for them together.
pub const RESPECTIVELY: &[&str] = &["分别", "各"];

/// The units of a count of requests, results or documents (N001–N003, N005).
pub const COUNT_UNITS: &[char] = &['件', '项', '宗'];

// ------------------------------------------------------------ review and litigation (N004)

/// The units of a count of cases (N004).
pub const CASE_UNITS: &[char] = &['件', '起', '宗'];

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

/// How a claim on the outcome of cases is made: every case (均获维持) or
/// none (无被纠错).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Quantity {
    Every,
    No,
}

/// The claims on the outcome of cases (N004): the verb, how it is
/// quantified, and the columns of table C (结果维持 0, 结果纠正 1, 其他结果
/// 2, 尚未审结 3) that must be 0 for the claim to hold. 均获维持 leaves no
/// case corrected, ended otherwise or open; 均被驳回 none corrected or open
/// (a dismissal may be counted as 其他结果); 均已审结 none open; 无被纠错,
/// 没有败诉 none corrected.
pub const OUTCOME_CLAIMS: &[(&str, (Quantity, &[usize]))] = &[
    ("维持", (Quantity::Every, &[1, 2, 3])),
    ("驳回", (Quantity::Every, &[1, 3])),
    ("胜诉", (Quantity::Every, &[1, 3])),
    ("审结", (Quantity::Every, &[3])),
    ("结案", (Quantity::Every, &[3])),
    ("纠错", (Quantity::No, &[1])),
    ("纠正", (Quantity::No, &[1])),
    ("败诉", (Quantity::No, &[1])),
];

/// 纠错 and 纠正 after a negation are a claim on cases only where the clause
/// says so: 被 or 案 in it, or a group named (无被纠错案件, not 未发现需要纠正的问题).
pub const CORRECTION_VERBS: &[&str] = &["纠错", "纠正"];

/// Characters that make a clause speak of cases (see [`CORRECTION_VERBS`]).
pub const CASE_MARKS: &[char] = &['被', '案'];

/// Words that make a claim verb no claim on cases (满意度均维持在较高水平).
pub const NOT_CLAIMS: &[&str] = &["维持在"];

/// Claim verbs that speak of litigation only (没有败诉 says nothing of review).
pub const LITIGATION_WORDS: &[&str] = &["败诉", "胜诉"];

/// Words for every case, at most [`EVERY_GAP`] characters before the verb (均获维持, 全部予以维持).
pub const EVERY: &[&str] = &["均", "全部", "都", "一律"];

/// How far (in characters) 均 may stand before its verb: 均被复议机关维持.
pub const EVERY_GAP: usize = 6;

/// Words for no case, before the verb in the same clause (无被纠错, 没有败诉, 未被纠正).
pub const NO_CASE: &[&str] = &["无", "没有", "未", "零", "不存在"];

// ------------------------------------------------------------ normative documents (N005)

/// Which figure of table A's document rows a verb gives.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum DocFigure {
    /// 本年制发件数.
    Issued,
    /// 本年废止件数.
    Repealed,
    /// 现行有效件数.
    Valid,
    /// 公开/发布 N 件: the year's new documents or all those in force (a published catalogue).
    IssuedOrValid,
    /// 清理/梳理 N 件: those in force, or those examined (in force and repealed).
    Examined,
}

/// Verbs that name a figure of table A's document rows; the one nearest
/// before the count gives it (清理并集中发布现行有效行政规范性文件 N 件: 现行有效).
pub const DOC_VERBS: &[(&str, DocFigure)] = &[
    ("现行有效", DocFigure::Valid),
    ("废止", DocFigure::Repealed),
    ("宣布失效", DocFigure::Repealed),
    ("制发", DocFigure::Issued),
    ("印发", DocFigure::Issued),
    ("出台", DocFigure::Issued),
    ("制定", DocFigure::Issued),
    ("公开", DocFigure::IssuedOrValid),
    ("发布", DocFigure::IssuedOrValid),
    ("清理", DocFigure::Examined),
    ("梳理", DocFigure::Examined),
];

/// Other actions on documents: their counts are not table A's.
pub const OTHER_ACTIONS: &[&str] = &[
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

// ------------------------------------------------------------ the agency (I001)

/// The characters a place name ends with (吴忠市, 利通区, 平潭综合实验区).
pub const PLACE_ENDS: &[char] = &['省', '市', '区', '县', '州', '盟', '旗'];

/// Unit suffixes that name a part of the body, not another body: its
/// office, its disclosure office or group, its service centre.
pub const OFFICE_SUFFIXES: &[&str] = &[
    "党政办公室",
    "办公室",
    "办公厅",
    "党政办",
    "政务公开办",
    "政务服务中心",
    "领导小组",
    "政府信息公开工作",
    "政务公开工作",
    "政府信息公开",
    "政务公开",
];

/// Suffixes that name the government of a place, the reporting body of a
/// place's report: 平潭综合实验区管委会 (管理委员会, 党工委管委会) is
/// 平潭综合实验区, as 洪泽区人民政府 (区政府) is 洪泽区.
pub const GOVERNMENT_SUFFIXES: &[&str] = &["党工委管委会", "党工委、管委会", "管理委员会", "管委会", "人民政府", "政府"];

/// Words right before 联系 that make the body after it the contact (请联系X, 可联系X).
pub const CONTACT_BEFORE: &[&str] = &["请", "可", "欢迎", "直接", "或"];

/// Characters that end a body's name in the prose (请联系X（地址…）, X，联系电话).
pub const NAME_ENDS: &[char] = &[',', '.', '。', ';', ':', '(', ')', '、', '!', '?', '"', '“', '”', '》'];
