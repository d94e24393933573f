//! Issue 2's rules: each fires on a real report made wrong in one place (in
//! all three text shapes) and stays silent on the clean reports.

mod common;
use common::*;

const TABLE_CODES: [&str; 13] = [
    "S001", "S002", "S003", "S004", "S005", "A001", "A002", "B001", "B002", "B003", "B004", "C001", "C002",
];

#[test]
fn clean_seeds_raise_none_of_these() {
    for name in SEEDS {
        let r = run(&fixture(name));
        let hits: Vec<_> = r
            .findings
            .iter()
            .filter(|f| TABLE_CODES.contains(&f.code))
            .map(|f| (f.code, &f.message))
            .collect();
        assert!(hits.is_empty(), "{name}: {hits:?}");
    }
}

/// The real reports raise exactly their known defects (../shared/reports/README.md).
#[test]
fn real_reports_raise_only_known_defects() {
    let expected: [(&str, &[&str]); 7] = [
        (REAL[0], &["S005", "C001", "C001"]),
        (REAL[1], &["S005", "C001", "C001"]),
        (REAL[2], &["S005"]),
        (REAL[3], &["S005"]),
        (REAL[4], &[]),
        (REAL[5], &["S004"]), // table C in reading order: not readable with certainty
        // Run-together figures with several readings: 693665 (table A), four rows of table B,
        // table C's seventeen digits.
        (REAL[6], &["S004", "S004", "S004"]),
    ];
    for (name, want) in expected {
        let r = run(&fixture(name));
        let mut got: Vec<&str> = codes(&r).into_iter().filter(|c| TABLE_CODES.contains(c)).collect();
        got.sort();
        let mut want = want.to_vec();
        want.sort();
        assert_eq!(got, want, "{name}");
    }
}

#[test]
fn c001_finds_hongzequ_totals_in_both_shapes() {
    for name in [REAL[0], REAL[1]] {
        let r = run(&fixture(name));
        let c = with_code(&r, "C001");
        assert_eq!(c.len(), 2, "{name}");
        assert_eq!(
            (c[0].row, c[0].column, c[0].expected.as_deref(), c[0].found.as_deref()),
            (Some(0), Some(4), Some("11"), Some("0"))
        );
        assert_eq!(
            (c[1].row, c[1].column, c[1].expected.as_deref(), c[1].found.as_deref()),
            (Some(2), Some(4), Some("5"), Some("0"))
        );
        assert!(c[0].message.contains("结果维持 10 + 结果纠正 1"), "{}", c[0].message);
        assert_eq!(c[0].cells.len(), 5);
    }
}

#[test]
fn b001_row_total() {
    for (shape, _) in SHAPES {
        // 予以公开: 总计 (column 7) becomes 5 while the six columns add to 0.
        let text = mutant(&format!("b001_row_total.{shape}"));
        let r = run(&text);
        let f = with_code(&r, "B001");
        assert_eq!(f.len(), 1, "{shape}: {:?}", codes(&r));
        assert_eq!((f[0].table, f[0].row, f[0].column), (Some("B"), Some(2), Some(6)), "{shape}");
        assert_eq!((f[0].expected.as_deref(), f[0].found.as_deref()), (Some("0"), Some("5")));
        assert!(
            f[0].message.contains("（一）予以公开") && f[0].message.contains("报告为 5"),
            "{}",
            f[0].message
        );
        // The finding points at the changed figure.
        let chars: Vec<char> = text.chars().collect();
        assert_eq!(chars[f[0].place.start..f[0].place.end].iter().collect::<String>(), "5", "{shape}");
    }
}

#[test]
fn b002_column_total() {
    for (shape, _) in SHAPES {
        // 国家秘密, 自然人 := 2 and its 总计 := 2: the row adds up, the columns do not.
        let r = run(&mutant(&format!("b002_column_total.{shape}")));
        assert!(with_code(&r, "B001").is_empty(), "{shape}");
        let f = with_code(&r, "B002");
        let cols: Vec<_> = f.iter().map(|f| f.column).collect();
        assert_eq!(cols, vec![Some(0), Some(6)], "{shape}: {:?}", codes(&r));
        assert_eq!(f[0].row_label.as_deref(), Some("（七）总计"));
        let num = |s: &Option<String>| s.as_deref().unwrap().parse::<i64>().unwrap();
        assert_eq!(num(&f[0].expected) - num(&f[0].found), 2, "{shape}");
        assert!(f[0].message.contains("1.属于国家秘密 2"), "{}", f[0].message);
    }
}

#[test]
fn b003_balance() {
    for (shape, _) in SHAPES {
        // 上年结转 := 1 in 自然人 and 总计: the row holds, 一 + 二 ≠ 七 + 四.
        let r = run(&mutant(&format!("b003_balance.{shape}")));
        let f = with_code(&r, "B003");
        assert_eq!(
            f.iter().map(|f| f.column).collect::<Vec<_>>(),
            vec![Some(0), Some(6)],
            "{shape}: {:?}",
            codes(&r)
        );
        assert!(
            f[0].message.contains("本年新收") && f[0].message.contains("勾稽"),
            "{}",
            f[0].message
        );
        assert_eq!(f[0].cells.len(), 4);
    }
}

#[test]
fn b004_not_a_count() {
    for (shape, _) in SHAPES {
        let r = run(&mutant(&format!("b004_not_a_count.{shape}")));
        let f = with_code(&r, "B004");
        assert_eq!(f.len(), 1, "{shape}: {:?}", codes(&r));
        assert_eq!((f[0].row, f[0].column), (Some(16), Some(2)), "{shape}");
        assert_eq!(f[0].found.as_deref(), Some("—"));
        // The checks through that cell are not silently passed.
        assert!(f[0].message.contains("未能进行"));
    }
}

/// An empty cell (two tabs with nothing between, as web tables leave a zero):
/// one B004 warning for the table, and the sums computed with it as 0 — so an
/// empty cell that should hold a figure still shows in its row's total.
#[test]
fn b004_empty_cells_are_a_warning_and_count_as_zero() {
    // （二）部分公开 · 科研机构 0 → empty: nothing else is wrong.
    let r = run(&mutant("b004_empty_partly_granted"));
    let f = with_code(&r, "B004");
    assert_eq!(f.len(), 1, "{:?}", codes(&r));
    assert_eq!(f[0].severity, nianbao::Severity::Warning);
    assert_eq!((f[0].row, f[0].column), (Some(3), Some(2)));
    assert!(f[0].message.contains("按 0 计算"), "{}", f[0].message);
    assert!(
        !codes(&r).iter().any(|c| ["B001", "B002", "B003", "S004"].contains(c)),
        "{:?}",
        codes(&r)
    );
    // 5.属于三类内部事务信息 · 总计 1 → empty (the row's last cell): the row no longer adds up.
    let r = run(&mutant("b004_empty_row_total"));
    assert_eq!(with_code(&r, "B004")[0].severity, nianbao::Severity::Warning);
    let b001 = with_code(&r, "B001");
    assert_eq!(b001.len(), 1, "{:?}", codes(&r));
    assert_eq!(
        (b001[0].row, b001[0].expected.as_deref(), b001[0].found.as_deref()),
        (Some(8), Some("1"), Some("0"))
    );
    // 一、本年新收 · 自然人 → empty: an empty cell before the first figure could be the label's
    // spacer cell or the figure's; which cell is empty is not guessed.
    let r = run(&mutant("b004_empty_first_cell"));
    assert!(with_code(&r, "B001").is_empty(), "{:?}", codes(&r));
    assert!(with_code(&r, "S004")[0].message.contains("本年新收"), "{:?}", codes(&r));
}

#[test]
fn c001_group_total() {
    for (shape, _) in SHAPES {
        // The 15 figures of table C are on one line: set 行政复议's 结果维持 to 3.
        let r = run(&mutant(&format!("c001_group_total.{shape}")));
        let f = with_code(&r, "C001");
        assert_eq!(f.len(), 1, "{shape}: {:?}", codes(&r));
        assert_eq!(
            (f[0].row, f[0].column, f[0].expected.as_deref()),
            (Some(0), Some(4), Some("3")),
            "{shape}"
        );
    }
}

#[test]
fn c002_not_a_count() {
    for (shape, _) in SHAPES {
        let r = run(&mutant(&format!("c002_not_a_count.{shape}")));
        let f = with_code(&r, "C002");
        assert_eq!(f.len(), 1, "{shape}: {:?}", codes(&r));
        assert_eq!((f[0].row, f[0].column), (Some(1), Some(2)), "{shape}");
    }
}

#[test]
fn a001_not_a_count() {
    for (shape, _) in SHAPES {
        let r = run(&mutant(&format!("a001_not_a_count.{shape}")));
        let f = with_code(&r, "A001");
        assert_eq!(f.len(), 1, "{shape}: {:?}", codes(&r));
        assert_eq!((f[0].table, f[0].row), (Some("A"), Some(3)));
    }
}

#[test]
fn a002_valid_below_net_issued() {
    for (shape, _) in SHAPES {
        // 行政规范性文件: 制发 5, 废止 0, 现行有效 0 (in 001 废止 is 7: make it 0).
        let r = run(&mutant(&format!("a002_valid_below_net_issued.{shape}")));
        let f = with_code(&r, "A002");
        assert_eq!(f.len(), 1, "{shape}: {:?}", codes(&r));
        assert_eq!((f[0].row, f[0].column, f[0].found.as_deref()), (Some(1), Some(2), Some("0")));
        assert!(f[0].message.contains("行政规范性文件"));
    }
}

#[test]
fn s001_missing_section() {
    for (shape, _) in SHAPES {
        let r = run(&mutant(&format!("s001_missing_section.{shape}")));
        let f = with_code(&r, "S001");
        assert_eq!(f.len(), 1, "{shape}");
        assert_eq!(f[0].section, Some("五"));
    }
}

#[test]
fn s002_out_of_order() {
    for (shape, _) in SHAPES {
        // A second "三、收到和处理…" heading appended at the end.
        let r = run(&mutant(&format!("s002_repeated_heading.{shape}")));
        let f = with_code(&r, "S002");
        assert_eq!(f.len(), 1, "{shape}: {:?}", codes(&r));
        assert!(f[0].message.contains("重复"), "{}", f[0].message);
    }
}

#[test]
fn s003_title_without_year() {
    for (shape, _) in SHAPES {
        // The title line loses its year: the report year cannot be determined.
        let r = run(&mutant(&format!("s003_title_without_year.{shape}")));
        let f = with_code(&r, "S003");
        assert!(f.iter().any(|f| f.message.contains("年度")), "{shape}: {:?}", codes(&r));
        assert_eq!(r.report.as_ref().unwrap().year, None, "{shape}");
    }
    // A title of neither agency nor year.
    let r = run(&mutant("s003_title_of_neither"));
    assert_eq!(with_code(&r, "S003").len(), 2, "{:?}", codes(&r));
}

#[test]
fn s004_unreadable_cells_are_reported() {
    for (shape, _) in SHAPES.into_iter().filter(|(shape, _)| *shape != "tab") {
        // One figure of the 予以公开 row disappears: the row cannot be read.
        let r = run(&mutant(&format!("b_granted_figure_removed.{shape}")));
        let f = with_code(&r, "S004");
        assert_eq!(f.len(), 1, "{shape}: {:?}", codes(&r));
        assert!(
            f[0].message.contains("予以公开") && f[0].message.contains("未能核对"),
            "{shape}: {}",
            f[0].message
        );
        // No arithmetic error is made up from the missing cell.
        assert!(
            with_code(&r, "B001").is_empty() && with_code(&r, "B002").is_empty(),
            "{shape}: {:?}",
            codes(&r)
        );
    }
}

/// In tab-separated text a figure removed leaves an empty cell between two
/// tabs: that is an empty cell (B004), not a shifted row.
#[test]
fn tab_empty_cell_is_recognised() {
    let r = run(&mutant("b_granted_figure_removed.tab"));
    let f = with_code(&r, "B004");
    assert_eq!(f.len(), 1, "{:?}", codes(&r));
    assert_eq!((f[0].row, f[0].column, f[0].found.as_deref()), (Some(2), Some(3), Some("（空）")));
    assert!(
        with_code(&r, "S004").is_empty() && with_code(&r, "B001").is_empty(),
        "{:?}",
        codes(&r)
    );
    // The same with the last cell of a row empty.
    let r = run(&mutant("b_granted_total_removed"));
    let f = with_code(&r, "B004");
    assert_eq!((f[0].row, f[0].column), (Some(2), Some(6)), "{:?}", codes(&r));
}

#[test]
fn s004_missing_table() {
    let r = run(&mutant("s004_missing_table"));
    let f = with_code(&r, "S004");
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].table, Some("C"));
}

#[test]
fn s005_old_layout() {
    for name in [REAL[0], REAL[2]] {
        let r = run(&fixture(name));
        let f = with_code(&r, "S005");
        assert_eq!(f.len(), 1);
        assert_eq!(r.report.as_ref().unwrap().tables.applications_layout, Some("2019"));
    }
    // A seed turned into the 2019 layout: the three sub-rows of （六） folded into one.
    let r = run(&mutant("s005_old_layout"));
    assert_eq!(r.report.as_ref().unwrap().tables.applications_layout, Some("2019"));
    assert_eq!(with_code(&r, "S005").len(), 1);
    assert!(with_code(&r, "B002").is_empty(), "{:?}", codes(&r));
}

/// Text with hundreds of repeated headings is not a report: S002 lists the
/// first hundred and counts the rest in one more finding.
#[test]
fn findings_of_one_rule_are_capped() {
    let r = run(&mutant("s002_capped"));
    let f = with_code(&r, "S002");
    assert_eq!(f.len(), nianbao::rules::MAX_PER_RULE + 1);
    assert!(f.last().unwrap().message.contains("另有 200 处"), "{}", f.last().unwrap().message);
}
