//! Issue 2: every standard table of every real report is read cell for cell.
//! The expected figures below were read off the reports by eye.

mod common;
use common::*;

fn b_with(rows: usize, nonzero: &[(usize, [u64; 7])]) -> Vec<Vec<Option<u64>>> {
    let mut m = vec![vec![Some(0); 7]; rows];
    for (r, v) in nonzero {
        m[*r] = v.iter().map(|x| Some(*x)).collect();
    }
    m
}

struct Expect {
    file: &'static str,
    layout: &'static str,
    rules: [u64; 3],
    normative: [u64; 3],
    licensing: u64,
    penalty: u64,
    enforcement: u64,
    fees: f64,
    b: Vec<Vec<Option<u64>>>,
    c: Option<[u64; 15]>,
}

fn assert_tables(e: &Expect) {
    let r = run(&fixture(e.file));
    let rep = r.report.as_ref().unwrap();
    let t = &rep.tables;
    let a = t.active.as_ref().unwrap_or_else(|| panic!("{}: no table A", e.file));
    let some = |v: [u64; 3]| v.iter().map(|x| Some(*x)).collect::<Vec<_>>();
    assert_eq!(a.rules, some(e.rules), "{}: 规章", e.file);
    assert_eq!(a.normative, some(e.normative), "{}: 行政规范性文件", e.file);
    assert_eq!(a.licensing, Some(e.licensing), "{}", e.file);
    assert_eq!(a.penalty, Some(e.penalty), "{}", e.file);
    assert_eq!(a.enforcement, Some(e.enforcement), "{}", e.file);
    assert_eq!(a.fees, Some(e.fees), "{}", e.file);
    assert_eq!(t.applications_layout, Some(e.layout), "{}", e.file);
    let b = t.applications.as_ref().unwrap_or_else(|| panic!("{}: no table B", e.file));
    for (i, (got, want)) in b.iter().zip(&e.b).enumerate() {
        assert_eq!(got, want, "{}: table B row {}", e.file, i + 1);
    }
    assert_eq!(b.len(), e.b.len(), "{}", e.file);
    let c = t.review_litigation.as_ref().unwrap();
    match e.c {
        Some(want) => assert_eq!(c, &want.iter().map(|x| Some(*x)).collect::<Vec<_>>(), "{}: table C", e.file),
        None => assert!(c.iter().all(Option::is_none), "{}: table C should be unreadable", e.file),
    }
}

const Z3: [u64; 3] = [0, 0, 0];
const Z15: Option<[u64; 15]> = Some([0; 15]);

#[test]
fn seed_000_space_separated() {
    assert_tables(&Expect {
        file: SEEDS[0],
        layout: "2021",
        rules: Z3,
        normative: Z3,
        licensing: 3907,
        penalty: 0,
        enforcement: 0,
        fees: 0.0,
        b: b_with(25, &[]),
        c: Z15,
    });
}

#[test]
fn seed_001_tab_separated() {
    assert_tables(&Expect {
        file: SEEDS[1],
        layout: "2021",
        rules: Z3,
        normative: [0, 7, 0],
        licensing: 0,
        penalty: 0,
        enforcement: 0,
        fees: 0.0,
        b: b_with(
            25,
            &[
                (0, [2, 0, 0, 0, 0, 0, 2]),
                (8, [1, 0, 0, 0, 0, 0, 1]),
                (23, [1, 0, 0, 0, 0, 0, 1]),
                (24, [1, 0, 0, 0, 0, 0, 1]),
            ],
        ),
        c: Z15,
    });
}

#[test]
fn seed_002_spaced_headers() {
    assert_tables(&Expect {
        file: SEEDS[2],
        layout: "2021",
        rules: Z3,
        normative: [6, 0, 38],
        licensing: 8678,
        penalty: 1738,
        enforcement: 0,
        fees: 2843.38,
        b: b_with(
            25,
            &[
                (0, [11, 0, 0, 0, 0, 0, 11]),
                (2, [8, 0, 0, 0, 0, 0, 8]),
                (12, [3, 0, 0, 0, 0, 0, 3]),
                (23, [11, 0, 0, 0, 0, 0, 11]),
            ],
        ),
        c: Z15,
    });
}

#[test]
fn seed_003_vertical_headers() {
    assert_tables(&Expect {
        file: SEEDS[3],
        layout: "2021",
        rules: Z3,
        normative: Z3,
        licensing: 20,
        penalty: 13,
        enforcement: 0,
        fees: 0.0,
        b: b_with(25, &[]),
        c: Z15,
    });
}

#[test]
fn seed_004_page_break() {
    assert_tables(&Expect {
        file: SEEDS[4],
        layout: "2021",
        rules: Z3,
        normative: Z3,
        licensing: 0,
        penalty: 0,
        enforcement: 0,
        fees: 0.0,
        b: b_with(25, &[]),
        c: Z15,
    });
}

fn hongzequ_2023(file: &'static str) -> Expect {
    Expect {
        file,
        layout: "2019",
        rules: Z3,
        normative: [0, 5, 5],
        licensing: 550,
        penalty: 4119,
        enforcement: 195,
        fees: 7730.28,
        b: b_with(
            23,
            &[
                (0, [21, 0, 0, 0, 0, 0, 21]),
                (3, [4, 0, 0, 0, 0, 0, 4]),
                (4, [1, 0, 0, 0, 0, 0, 1]),
                (9, [1, 0, 0, 0, 0, 0, 1]),
                (10, [1, 0, 0, 0, 0, 0, 1]),
                (12, [10, 0, 0, 0, 0, 0, 10]),
                (13, [3, 0, 0, 0, 0, 0, 3]),
                (15, [1, 0, 0, 0, 0, 0, 1]),
                (21, [21, 0, 0, 0, 0, 0, 21]),
            ],
        ),
        // As printed, with the two wrong totals (a real defect).
        c: Some([10, 1, 0, 0, 0, 0, 0, 0, 0, 0, 5, 0, 0, 0, 0]),
    }
}

#[test]
fn hongzequ_2023_layout_and_raw() {
    assert_tables(&hongzequ_2023(REAL[0]));
    assert_tables(&hongzequ_2023(REAL[1]));
}

fn hongzequ_2024(file: &'static str) -> Expect {
    Expect {
        file,
        layout: "2019",
        rules: Z3,
        normative: [3, 0, 8],
        licensing: 9487,
        penalty: 2776,
        enforcement: 84,
        fees: 7545.0,
        b: b_with(
            23,
            &[
                (0, [95, 0, 0, 0, 0, 0, 95]),
                (2, [50, 0, 0, 0, 0, 0, 50]),
                (3, [9, 0, 0, 0, 0, 0, 9]),
                (6, [1, 0, 0, 0, 0, 0, 1]),
                (9, [1, 0, 0, 0, 0, 0, 1]),
                (10, [1, 0, 0, 0, 0, 0, 1]),
                (12, [31, 0, 0, 0, 0, 0, 31]),
                (13, [1, 0, 0, 0, 0, 0, 1]),
                (15, [1, 0, 0, 0, 0, 0, 1]),
                (21, [95, 0, 0, 0, 0, 0, 95]),
            ],
        ),
        c: Some([1, 1, 0, 0, 2, 1, 0, 0, 0, 1, 2, 0, 1, 0, 3]),
    }
}

#[test]
fn hongzequ_2024_layout_and_raw() {
    assert_tables(&hongzequ_2024(REAL[2]));
    assert_tables(&hongzequ_2024(REAL[3]));
}

fn huaianshi_b() -> Vec<Vec<Option<u64>>> {
    matrix(
        "3001 53 0 0 61 4 3119
         34 0 0 0 0 0 34
         1288 21 0 0 50 3 1362
         447 7 0 0 0 0 454
         2 0 0 0 0 0 2
         30 1 0 0 0 0 31
         5 0 0 0 0 0 5
         6 0 0 0 0 0 6
         7 1 0 0 0 0 8
         12 0 0 0 0 0 12
         9 0 0 0 0 0 9
         105 0 0 0 0 0 105
         746 12 0 0 10 1 769
         11 0 0 0 0 0 11
         1 0 0 0 0 0 1
         56 6 0 0 0 0 62
         25 0 0 0 0 0 25
         0 0 0 0 0 0 0
         0 0 0 0 0 0 0
         1 0 0 0 0 0 1
         67 3 0 0 1 0 71
         6 0 0 0 0 0 6
         108 2 0 0 0 0 110
         2932 53 0 0 61 4 3050
         103 0 0 0 0 0 103",
    )
}

fn huaianshi(file: &'static str, c: Option<[u64; 15]>) -> Expect {
    Expect {
        file,
        layout: "2021",
        rules: [1, 0, 11],
        normative: [8, 26, 66],
        licensing: 447228,
        penalty: 3985758,
        enforcement: 88283,
        fees: 96171.6,
        b: huaianshi_b(),
        c,
    }
}

#[test]
fn huaianshi_2024_layout() {
    assert_tables(&huaianshi(REAL[4], Some([72, 64, 178, 37, 351, 13, 4, 8, 1, 26, 12, 1, 1, 6, 20])));
}

/// In reading order the fifteen figures of table C come interleaved with the
/// header (72 64 178 37, header words, 12 1 1 6, 总计, 351, …): more than one
/// assignment to the columns adds up, so the cells are reported unreadable.
#[test]
fn huaianshi_2024_raw() {
    assert_tables(&huaianshi(REAL[5], None));
    let r = run(&fixture(REAL[5]));
    let s004 = with_code(&r, "S004");
    assert_eq!(s004.len(), 1, "{:?}", codes(&r));
    assert_eq!(s004[0].table, Some("C"));
    assert!(s004[0].message.contains("C001"), "{}", s004[0].message);
    assert!(with_code(&r, "C001").is_empty());
}

/// The crawler text: every row's figures run together. A row with exactly
/// seven digits is read digit by digit; a row with more (640020470) has
/// several readings without a leading zero, and only its sums would choose
/// one: it is reported unreadable with its readings, never guessed, and no
/// arithmetic finding rests on it. The same for 行政规范性文件 693665 and
/// table C's seventeen digits.
#[test]
fn pingtan_run_together() {
    let r = run(&fixture(REAL[6]));
    let t = &r.report.as_ref().unwrap().tables;
    let b = t.applications.as_ref().unwrap();
    assert_eq!(b[1], matrix("0 0 0 0 0 0 0")[0]);
    assert_eq!(b[8], matrix("1 0 0 0 0 0 1")[0]);
    assert_eq!(b[10], matrix("6 0 0 0 0 0 6")[0]);
    assert_eq!(b[22], matrix("1 0 0 0 0 0 1")[0]);
    assert_eq!(b[24], matrix("1 0 0 0 0 0 1")[0]);
    for row in [0, 2, 12, 23] {
        assert!(b[row].iter().all(Option::is_none), "row {row} has several readings: {:?}", b[row]);
    }
    let a = t.active.as_ref().unwrap();
    assert_eq!(a.rules, vec![Some(0), Some(0), Some(0)]);
    assert_eq!(a.normative, vec![None, None, None]);
    assert_eq!(a.licensing, Some(2293));
    assert!(t.review_litigation.as_ref().unwrap().iter().all(Option::is_none));
    let s004 = with_code(&r, "S004");
    assert_eq!(s004.len(), 3, "{:?}", codes(&r));
    assert!(s004[0].message.contains("693665"), "{}", s004[0].message);
    // The readings are listed, the one that adds up among them.
    assert!(
        s004[1].message.contains("640020470") && s004[1].message.contains("64|0|0|2|0|4|70"),
        "{}",
        s004[1].message
    );
    for code in ["A002", "B001", "B002", "B003", "C001"] {
        assert!(with_code(&r, code).is_empty(), "{code} raised on a guess");
    }
}

/// Every cell of every table of every report points at the characters it
/// was read from.
#[test]
fn cells_point_at_their_figures() {
    for name in SEEDS.iter().chain(REAL.iter()) {
        let text = fixture(name);
        let chars: Vec<char> = text.chars().collect();
        let r = run(&text);
        for g in &r.report.as_ref().unwrap().grids {
            for row in &g.rows {
                for c in &row.cells {
                    let (Some(v), Some(p)) = (&c.value, &c.place) else { continue };
                    let s: String = chars[p.start..p.end].iter().collect();
                    let folded: String = s.chars().map(nianbao::fold).collect();
                    assert!(folded == *v || folded.contains(v.as_str()), "{name}: cell {v:?} points at {s:?}");
                }
            }
        }
    }
}

#[test]
fn title_agency_year_period() {
    let cases = [
        (SEEDS[0], "利通区审批服务管理局", 2023),
        (SEEDS[1], "中卫市审批服务管理局", 2023),
        (SEEDS[2], "利通区", 2022),
        (SEEDS[3], "利通区应急管理局", 2023),
        (SEEDS[4], "红寺堡区审批服务管理局", 2024),
        (REAL[0], "洪泽区人民政府", 2023),
        (REAL[2], "淮安市洪泽区人民政府", 2024),
        (REAL[4], "淮安市人民政府", 2024),
        (REAL[6], "平潭综合实验区", 2021),
    ];
    for (file, agency, year) in cases {
        let r = run(&fixture(file));
        let rep = r.report.as_ref().unwrap();
        assert_eq!(rep.agency.as_deref(), Some(agency), "{file}");
        assert_eq!(rep.year, Some(year), "{file}");
        assert_eq!(rep.period_year, Some(year), "{file}");
        assert_eq!(rep.sections.len(), 6, "{file}");
    }
}

/// A report for 2020 keeps the 2019 table A (新制作/新公开/对外公开总数量,
/// 上一年项目数量/本年增减/处理决定数量, 政府集中采购): it is read in that
/// layout, a negative 本年增/减 is no error, and nothing is reported unreadable.
#[test]
fn table_a_in_the_2019_layout() {
    let text = fixture(SEEDS[1]);
    let a = text.find("第二十条第（一）项").unwrap();
    let b = text.find("三、收到和处理政府信息公开申请情况").unwrap();
    let old = "第二十条第（一）项\n信息内容\t本年新制作数量\t本年新公开数量\t对外公开总数量\n规章\t0\t0\t0\n规范性文件\t2\t2\t15\n\
第二十条第（五）项\n信息内容\t上一年项目数量\t本年增/减\t处理决定数量\n行政许可\t120\t-3\t560\n其他对外管理服务事项\t0\t0\t0\n\
第二十条第（六）项\n信息内容\t上一年项目数量\t本年增/减\t处理决定数量\n行政处罚\t50\t+2\t130\n行政强制\t5\t0\t3\n\
第二十条第（八）项\n信息内容\t上一年项目数量\t本年增/减\n行政事业性收费\t3\t-1\n\
第二十条第（九）项\n信息内容\t采购项目数量\t采购总金额\n政府集中采购\t12\t356.8\n\n";
    let text = format!("{}{}{}", &text[..a], old, &text[b..]);
    let r = run(&text);
    let act = r.report.as_ref().unwrap().tables.active.as_ref().unwrap();
    assert_eq!(act.layout, "2019");
    assert_eq!(act.normative, vec![Some(2), Some(2), Some(15)]);
    assert_eq!((act.licensing, act.penalty, act.enforcement), (Some(560), Some(130), Some(3)));
    let grid = r.report.as_ref().unwrap().grids.iter().find(|g| g.table == "A").unwrap();
    assert_eq!(grid.rows[2].cells[1].value.as_deref(), Some("-3"));
    assert_eq!(grid.rows[7].cells[1].value.as_deref(), Some("356.8"));
    for code in ["A001", "A002", "S004"] {
        assert!(with_code(&r, code).is_empty(), "{code}: {:?}", codes(&r));
    }
}

/// Text pasted from a portal page brings its menus and breadcrumbs along:
/// the title is still the line with the report's name and year.
#[test]
fn title_below_portal_menus() {
    let menus = "首页 > 政务公开 > 政府信息公开年报\n当前位置：首页>信息公开\n打印本页 关闭\n字号：大 中 小\n来源：本站\n发布时间：2024-01-20\n浏览次数：123\n分享到：\n";
    let r = run(&format!("{menus}{}", fixture(SEEDS[1])));
    let rep = r.report.as_ref().unwrap();
    assert_eq!((rep.agency.as_deref(), rep.year), (Some("中卫市审批服务管理局"), Some(2023)));
    assert!(with_code(&r, "S003").is_empty());
}

/// Table B of seed 001 rewritten in other shapes met in the wild gives the
/// same figures: one cell a line (a browser copy into some editors), a
/// Markdown table (a converter's output), full-width digits.
#[test]
fn other_shapes_of_the_same_table() {
    let text = fixture(SEEDS[1]);
    let a = text.find("三、收到和处理政府信息公开申请情况\n").unwrap();
    let b = text.find("四、政府信息公开行政复议").unwrap();
    let table = &text[a..b];
    let want = run(&text).report.unwrap().tables.applications;
    let one_cell_a_line: Vec<&str> = table.lines().flat_map(|l| l.split('\t')).filter(|c| !c.trim().is_empty()).collect();
    let markdown: Vec<String> = table
        .lines()
        .map(|l| {
            if l.contains('\t') {
                format!("| {} |", l.split('\t').collect::<Vec<_>>().join(" | "))
            } else {
                l.to_string()
            }
        })
        .collect();
    let full_width: String = table
        .chars()
        .map(|c| {
            if c.is_ascii_digit() {
                char::from_u32(c as u32 + 0xFEE0).unwrap()
            } else {
                c
            }
        })
        .collect();
    for (shape, t) in [
        ("one cell a line", one_cell_a_line.join("\n")),
        ("markdown", markdown.join("\n")),
        ("full-width", full_width),
    ] {
        let r = run(&format!("{}{}\n{}", &text[..a], t, &text[b..]));
        assert_eq!(r.report.as_ref().unwrap().tables.applications, want, "{shape}");
        assert_eq!(r.report.as_ref().unwrap().grids[1].read, "rows", "{shape}");
        assert!(r.findings.is_empty(), "{shape}: {:?}", codes(&r));
    }
}

/// A title in the shapes converters and PDFs give it (issue 20): over two
/// lines with the year first, after a first line "正文", agency on a line of
/// its own, broken inside a word, a Markdown heading — every seed's agency and
/// year read as from its own title line.
#[test]
fn titles_over_two_lines_and_after_a_first_line() {
    for seed in SEEDS {
        let text = fixture(seed);
        let want = run(&text).report.unwrap();
        let (agency, year) = (want.agency.clone().unwrap(), want.year.unwrap());
        let line = text.lines().find(|l| l.contains("年度报告")).unwrap();
        let shapes = [
            format!("正文\n{year} 年{agency}政府信息公开\n工作年度报告"),
            format!("{year}年{agency}政府信息公开\n工作年度报告"),
            format!("{agency}\n{year}年政府信息公开工作年度报告"),
            format!("{agency}{year}年政府信息\n公开工作年度报告"),
            format!("# {year}年{agency}政府信息公开工作年度报告"),
        ];
        for shape in shapes {
            let r = run(&text.replacen(line, &shape, 1));
            let rep = r.report.as_ref().unwrap();
            assert_eq!(
                (rep.agency.as_deref(), rep.year),
                (Some(agency.as_str()), Some(year)),
                "{seed}: {shape:?}"
            );
            assert!(with_code(&r, "S003").is_empty(), "{seed}: {shape:?}");
        }
    }
}
