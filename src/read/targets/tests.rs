//! The targets workbook on made-up sheets.
use super::*;
use crate::read::workbook::text_cells;
use rust_decimal_macros::dec;

fn grid(cells: &[&[&str]]) -> Sheet {
    Sheet::from_rows("t.xlsx", "绩效目标申报表", text_cells(cells))
}

fn summary(targets: &[Target]) -> Vec<(String, String, String)> {
    targets
        .iter()
        .map(|t| (t.level1.clone(), t.name.clone(), t.value.to_string()))
        .collect()
}

fn budget(rows: &[&[&str]]) -> Result<Budget> {
    let mut cells: Vec<&[&str]> = vec![&["预算子项", "所属部分", "预算数", "匹配条件", "受益人数"]];
    cells.extend_from_slice(rows);
    read_budget(&grid(&cells))
}

#[test]
fn budget_lines_and_parts() {
    let b = budget(&[
        &["劳模帮扶", "", "150", "", ""],
        &["疗休养", "劳模帮扶", "20", "项目:疗休养", "40"],
    ])
    .expect("reads");
    assert_eq!(b.groups.len(), 1);
    assert_eq!(
        (b.groups[0].planned, b.lines[0].planned),
        (Some(dec!(1500000)), dec!(200000))
    );
    assert_eq!(b.lines[0].stated_beneficiaries, Some(40));
}

#[test]
fn totals_and_parts_below_their_lines_count_once() {
    let b = budget(&[
        &["疗休养", "劳模帮扶", "20", "项目:疗休养", ""],
        &["劳模帮扶", "", "150", "", ""],
        &["合计", "", "150", "", ""],
    ])
    .expect("reads");
    assert_eq!(b.groups.len(), 1);
    assert_eq!(b.groups[0].planned, Some(dec!(1500000)));
}

#[test]
fn the_unit_comes_from_the_plan_column_not_any_yuan() {
    let rows: Vec<&[&str]> = vec![
        &[
            "预算子项",
            "所属部分",
            "预算数",
            "匹配条件",
            "补助标准（元/人）",
        ],
        &["疗休养", "劳模帮扶", "20", "项目:疗休养", "5000"],
    ];
    assert_eq!(
        read_budget(&grid(&rows)).expect("reads").lines[0].planned,
        dec!(200000)
    );
    let rows: Vec<&[&str]> = vec![
        &["预算子项", "所属部分", "预算数（元）", "匹配条件"],
        &["疗休养", "劳模帮扶", "200000", "项目:疗休养"],
    ];
    assert_eq!(
        read_budget(&grid(&rows)).expect("reads").lines[0].planned,
        dec!(200000)
    );
}

#[test]
fn a_line_that_lost_its_part_is_an_error_not_a_part() {
    let err = budget(&[&["疗休养", "", "20", "项目:疗休养", ""]]).unwrap_err();
    assert_eq!(
        err.to_string(),
        "t.xlsx!绩效目标申报表!B2: found an empty 所属部分 on a line with a 匹配条件, expected the part (所属部分) the line belongs to"
    );
}

#[test]
fn parts_and_the_fund_may_say_what_their_own_arrivals_look_like() {
    let b = budget(&[
        &["劳模帮扶", "", "150", "摘要:劳模经费", ""],
        &["疗休养", "劳模帮扶", "20", "项目:疗休养", ""],
        &["职工帮扶", "", "50", "", ""],
        &["送温暖", "职工帮扶", "50", "", ""],
        &["合计", "", "200", "项目:帮扶资金", ""],
    ])
    .expect("reads");
    let said: Vec<String> = b
        .groups
        .iter()
        .map(|g| format!("{}={}", g.name, g.matchers[0]))
        .collect();
    assert_eq!(said, ["劳模帮扶=摘要:劳模经费", "职工帮扶=项目:职工帮扶"]);
    assert_eq!(b.fund[0].to_string(), "项目:帮扶资金");
    assert_eq!(b.lines.len(), 2);
}

#[test]
fn the_fund_is_known_by_its_name_with_or_without_its_year() {
    let names: Vec<String> = fund_by_name("2019年度职工帮扶专项资金项目")
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(
        names,
        ["项目:2019年度职工帮扶专项资金项目|职工帮扶专项资金"]
    );
    assert!(fund_by_name("").is_empty());
}

#[test]
fn absurd_counts_of_people_are_refused() {
    let err = budget(&[&["疗休养", "劳模帮扶", "20", "项目:疗休养", "4294967295"]]).unwrap_err();
    assert!(err.to_string().starts_with("t.xlsx!绩效目标申报表!E2: found 4294967295, expected a count of people up to 100,000,000"), "{err}");
}

#[test]
fn reads_split_nature_value_unit_columns() {
    // 四川: 指标性质 / 指标值 / 度量单位 apart, weights in the 一级 labels.
    let sheet = grid(&[
        &[
            "绩效指标(90分)",
            "一级指标",
            "二级指标",
            "三级指标",
            "指标性质",
            "指标值",
            "度量单位",
            "完成值",
            "权重",
            "得分",
        ],
        &[
            "",
            "产出指标(50分)",
            "数量指标",
            "发放覆盖率",
            "=",
            "100",
            "%",
            "",
            "60",
            "",
        ],
        &[
            "",
            "效益指标(30分)",
            "社会效益指标",
            "安全隐患排查有效处置率",
            "≥",
            "90",
            "%",
            "91",
            "10",
            "",
        ],
        &[
            "",
            "效益指标(30分)",
            "可持续影响指标",
            "管理机制健全性",
            "定性",
            "优良中低差",
            "",
            "优",
            "10",
            "",
        ],
    ]);
    let (_, targets) = read_declaration(&sheet).expect("reads");
    assert_eq!(
        summary(&targets),
        [
            ("产出指标".into(), "发放覆盖率".into(), "=100%".into()),
            (
                "效益指标".into(),
                "安全隐患排查有效处置率".into(),
                "≥90%".into()
            ),
            (
                "效益指标".into(),
                "管理机制健全性".into(),
                "优良中低差".into()
            ),
        ]
    );
    assert_eq!(targets[1].actual.as_deref(), Some("91"));
    assert_eq!(targets[1].points, Some(dec!(10)));
    assert!(matches!(targets[2].value, TargetValue::Qualitative { .. }));
}

#[test]
fn takes_the_annual_table_of_a_form_with_two() {
    let sheet = grid(&[
        &["项目名称", "某项目"],
        &["长期绩效指标"],
        &["一级指标", "二级指标", "指标内容", "指标值"],
        &["产出指标", "数量指标", "建档人数", "5000人"],
        &["年度绩效指标"],
        &["一级指标", "二级指标", "指标内容", "指标值"],
        &["产出指标", "数量指标", "建档人数", "1500人"],
        &["效益指标", "社会效益指标", "政策知晓率", "≥90%"],
    ]);
    let (project, targets) = read_declaration(&sheet).expect("reads");
    assert_eq!(project.name, "某项目");
    assert_eq!(
        summary(&targets),
        [
            ("产出指标".into(), "建档人数".into(), "≥1500人".into()),
            ("效益指标".into(), "政策知晓率".into(), "≥90%".into())
        ]
    );
}

#[test]
fn reads_a_self_evaluation_form_and_adds_up_its_fund_components() {
    // 池州 2022 自评表: the 年度资金总额 row says 0 while its components do not.
    let sheet = grid(&[
        &["项目支出绩效自评表"],
        &["项目名称", "委托业务项目"],
        &[
            "项目资金（万元）",
            "",
            "年初预算数",
            "全年预算数",
            "全年执行数",
            "分值",
            "执行率",
            "得分",
        ],
        &["", "年度资金总额：", "0", "0", "0", "10", "0", "0"],
        &[
            "",
            "其中：本年财政拨款",
            "90",
            "89.974",
            "89.974",
            "",
            "",
            "",
        ],
        &["", "上年结转资金", "", "", "", "", "", ""],
        FORM_HEADER,
        &[
            "",
            "产出指标(50分)",
            "数量指标",
            "基建工程委托业务项目数量",
            "≥50个",
            "50",
            "8",
            "8",
        ],
        &[
            "",
            "产出指标(50分)",
            "成本指标",
            "项目总成本",
            "≤90万元",
            "90",
            "8",
            "8",
        ],
        &["总分", "", "", "", "", "", "100", ""],
    ]);
    let (project, targets) = read_declaration(&sheet).expect("reads");
    assert_eq!(project.total_funds, Some(dec!(899740)));
    assert_eq!(project.executed, Some(dec!(899740)));
    assert_eq!(
        summary(&targets),
        [
            (
                "产出指标".into(),
                "基建工程委托业务项目数量".into(),
                "≥50个".into()
            ),
            ("产出指标".into(), "项目总成本".into(), "≤90万元".into())
        ]
    );
    assert_eq!(targets[0].actual.as_deref(), Some("50"));
}

#[test]
fn parses_match_conditions() {
    let at = CellRef::new(&Arc::from("t.xlsx"), &Arc::from("预算明细"), 4, 4);
    let m = Matcher::parse_all("项目:两节送温暖；摘要:物资|慰问品", &at).expect("parses");
    assert_eq!(
        m,
        [
            Matcher::new(Field::Project, vec!["两节送温暖".into()]),
            Matcher::new(Field::Summary, vec!["物资".into(), "慰问品".into()]),
        ]
    );
    assert!(
        Matcher::parse_all("；", &at).is_err(),
        "a cell of separators must not match every row"
    );
    let err = Matcher::parse_all("部门:工会", &at).unwrap_err();
    assert_eq!(
        err.to_string(),
        "t.xlsx!预算明细!E5: found “部门:工会”, expected conditions like 项目:两节送温暖 or 科目:50204, several joined by ；, on the fields 项目, 科目, 摘要, 往来单位, 年度 (年度:2022), 日期 (日期:2022-01-01..2023-03-31)"
    );
}

#[test]
fn year_and_date_conditions_are_the_days_they_span() {
    use crate::date::Date;
    let at = CellRef::new(&Arc::from("t.xlsx"), &Arc::from("预算明细"), 4, 4);
    let day = |y, m, d| Date::new(y, m, d).expect("a day");
    let m = Matcher::parse_all(
        "年度:2021|2022年；日期:2022-01-01..2023-03-31|2024-02-01",
        &at,
    )
    .expect("parses");
    assert_eq!(
        m[0].ranges,
        [
            (day(2021, 1, 1), day(2021, 12, 31)),
            (day(2022, 1, 1), day(2022, 12, 31))
        ]
    );
    assert_eq!(
        m[1].ranges,
        [
            (day(2022, 1, 1), day(2023, 3, 31)),
            (day(2024, 2, 1), day(2024, 2, 1))
        ]
    );
    assert_eq!(
        Matcher::parse_all("日期:2022-01-01至2022-06-30", &at).expect("parses")[0].ranges,
        [(day(2022, 1, 1), day(2022, 6, 30))]
    );
    // A range backwards, a year of two digits, a day that does not exist: each would match
    // nothing, or the wrong postings, and is refused at its cell.
    for bad in [
        "日期:2023-01-01..2022-01-01",
        "年度:22",
        "日期:2022-02-30",
        "年度:二〇二二",
        // Review: two dates run together were read as the first day alone.
        "日期:2022-01-01-2023-03-31",
        "日期:2022-01-01—2023-03-31",
        "日期:2022-01-01 2023-03-31",
    ] {
        let err = Matcher::parse_all(bad, &at).unwrap_err().to_string();
        assert!(err.contains(&format!("found “{bad}”")), "{bad}: {err}");
    }
}

#[test]
fn a_bare_number_takes_the_unit_of_its_columns_header() {
    let sheet = grid(&[
        &[
            "一级指标",
            "二级指标",
            "三级指标",
            "指标值（%）",
            "实际完成值(%)",
        ],
        &["满意度指标", "满意度", "服务对象满意度", "95", "96"],
        &["产出指标", "数量指标", "受益人数", "≥2人", ""],
        &["产出指标", "质量指标", "合格率", "95以上", ""],
        &["产出指标", "时效指标", "逾期率", "5以内", ""],
    ]);
    let (_, targets) = read_declaration(&sheet).expect("reads");
    assert_eq!(
        summary(&targets),
        [
            ("满意度指标".into(), "服务对象满意度".into(), "≥95%".into()),
            ("产出指标".into(), "受益人数".into(), "≥2人".into()),
            ("产出指标".into(), "合格率".into(), "≥95%".into()),
            ("产出指标".into(), "逾期率".into(), "≤5%".into()),
        ]
    );
    assert_eq!(targets[0].actual.as_deref(), Some("96%"));
    // Brackets that hold no unit add none.
    let sheet = grid(&[
        &["一级指标", "二级指标", "三级指标", "指标值(2019)"],
        &["满意度指标", "满意度", "服务对象满意度", "95"],
    ]);
    let (_, targets) = read_declaration(&sheet).expect("reads");
    assert_eq!(targets[0].written, "95");
}

/// Issue 17: the 计数 sheet's counts, and what is refused at its cell.
#[test]
fn reads_the_evaluators_counts() {
    let sheet = |rows: &[&[&str]]| Sheet::from_rows("t.xlsx", "计数", text_cells(rows));
    let counts = super::findings::read_counts(&sheet(&[
        &["名称", "年度", "数值"],
        &["应发放项数", "", "12"],
        &["受益人数", "2021年", "1,584"],
    ]))
    .expect("reads");
    let keys: Vec<(String, String)> = counts
        .iter()
        .map(|c| (c.key(), c.value.to_string()))
        .collect();
    assert_eq!(
        keys,
        [
            ("count.应发放项数".to_string(), "12".to_string()),
            ("count.受益人数.2021".to_string(), "1584".to_string())
        ]
    );
    let refused = |rows: &[&[&str]]| {
        super::findings::read_counts(&sheet(rows))
            .unwrap_err()
            .to_string()
    };
    assert!(
        refused(&[&["名称", "数值"], &["应发放项数", "十二"]])
            .starts_with("t.xlsx!计数!B2: found “十二”, expected the count's value")
    );
    assert!(
        refused(&[&["名称", "年度", "数值"], &["受益人数", "21", "5"]])
            .starts_with("t.xlsx!计数!B2: found “21”, expected a four-digit year")
    );
    assert!(
        refused(&[
            &["名称", "数值"],
            &["应发放项数", "12"],
            &["应发放项数", "13"]
        ])
        .contains("one value per count (and year), which t.xlsx!计数!B2 already gives")
    );
    // Regression (review of issue 17): a blank count read as 0.
    assert!(
        refused(&[&["名称", "数值"], &["应发放项数", ""]])
            .starts_with("t.xlsx!计数!B2: found a blank cell, expected the count's value")
    );
}

/// Regression (review of issue 17): a blank 得分 read as 0 took every point of the indicator.
#[test]
fn a_blank_score_is_refused() {
    let sheet = Sheet::from_rows(
        "t.xlsx",
        "评分",
        text_cells([&["指标", "得分", "理由"], &["预算编制科学性", "", "未细化"]]),
    );
    let err = super::findings::read_scores(&sheet)
        .unwrap_err()
        .to_string();
    assert!(
        err.starts_with("t.xlsx!评分!B2: found a blank cell, expected the evaluation team's score"),
        "{err}"
    );
}

/// Regression (review of issue 17): `/` in the value cell of split columns was joined with its
/// unit (`/%`) or kept as a qualitative target, and the row took points.
#[test]
fn a_slash_in_split_columns_is_not_applicable() {
    let sheet = grid(&[
        &[
            "一级指标",
            "二级指标",
            "三级指标",
            "指标性质",
            "指标值",
            "度量单位",
        ],
        &["产出指标", "数量指标", "新建场馆", "≥", "/", "%"],
        &["产出指标", "质量指标", "验收合格率", "定性", "／", ""],
    ]);
    let (_, targets) = read_declaration(&sheet).expect("reads");
    assert!(
        targets
            .iter()
            .all(|t| matches!(t.value, TargetValue::NotApplicable { .. })),
        "{:?}",
        targets.iter().map(|t| &t.value).collect::<Vec<_>>()
    );
}

#[test]
fn a_year_column_gives_each_line_its_budget_year() {
    let read = |rows: &[&[&str]]| {
        let mut cells: Vec<&[&str]> = vec![&["年度", "预算子项", "所属部分", "预算数", "匹配条件"]];
        cells.extend_from_slice(rows);
        read_budget(&grid(&cells))
    };
    // Several years: a line without a 年度 or 日期 condition of its own gets its year's.
    let b = read(&[
        &["2021", "帮扶", "职工帮扶", "10", ""],
        &["2022年", "帮扶", "职工帮扶", "12", "项目:帮扶"],
        &[
            "2023年度",
            "帮扶",
            "职工帮扶",
            "12",
            "项目:帮扶；日期:2023-01-01..2024-03-31",
        ],
    ])
    .expect("reads");
    let years: Vec<Option<u16>> = b.lines.iter().map(|l| l.year).collect();
    assert_eq!(years, [Some(2021), Some(2022), Some(2023)]);
    let said: Vec<String> = b
        .lines
        .iter()
        .map(|l| {
            l.matchers
                .iter()
                .map(|m| format!("{m}{}", if m.implied { "*" } else { "" }))
                .collect::<Vec<_>>()
                .join("；")
        })
        .collect();
    assert_eq!(
        said,
        [
            "项目:帮扶；年度:2021*",
            "项目:帮扶；年度:2022*",
            "项目:帮扶；日期:2023-01-01..2024-03-31"
        ]
    );
    // One year: the 年度 says when the money is for, and its money paid the year after stays.
    let one = read(&[&["2021", "帮扶", "职工帮扶", "10", ""]]).expect("reads");
    assert_eq!(one.lines[0].year, Some(2021));
    assert_eq!(one.lines[0].matchers.len(), 1);
    let err = read(&[&["21年", "帮扶", "职工帮扶", "10", ""]]).unwrap_err();
    assert_eq!(
        err.to_string(),
        "t.xlsx!绩效目标申报表!A2: found “21年”, expected a four-digit year such as 2021"
    );
}

/// Review of issue 17: a `上年度执行数` column was taken for the lines' 年度 and refused on its
/// amounts; only a column of its own is the year.
#[test]
fn only_a_year_column_of_its_own_is_the_year() {
    let cells: Vec<&[&str]> = vec![
        &["预算子项", "所属部分", "年度预算数", "上年度执行数"],
        &["帮扶", "职工帮扶", "10", "8.5"],
    ];
    let b = read_budget(&grid(&cells)).expect("reads");
    assert_eq!(b.lines[0].year, None);
    assert_eq!(b.lines[0].planned, dec!(100000));
}

/// Review of issue 17: `2021—2024年…` was read as 2024, sending every posting of a multi-year
/// 项目 to 2024's lines and taking the whole period's declaration for 2024's.
#[test]
fn the_end_of_a_span_of_years_is_no_year() {
    assert_eq!(year_of("2019年度职工帮扶专项资金"), Some(2019));
    assert_eq!(year_of("市总工会2022年生活救助金"), Some(2022));
    for span in [
        "2021—2024年困难职工帮扶专项资金",
        "2021-2022年度助学金",
        "2021～2024年绩效目标申报表",
        "2021至2024年",
    ] {
        assert_eq!(year_of(span), None, "{span}");
    }
}

#[test]
fn a_budget_lines_source_is_read_in_the_words_budget_sheets_use() {
    use super::FundSource::*;
    for (text, source) in [
        ("当年财政拨款", Some(CurrentYear)),
        ("财政拨款", Some(CurrentYear)),
        ("本级财政资金", Some(CurrentYear)),
        ("上年结转", Some(CarriedOver)),
        ("上年结余资金", Some(CarriedOver)),
        ("其他资金", Some(Other)),
        ("单位自筹", Some(Other)),
        // Regression (review): 非财政拨款 was read as an appropriation for its 财政.
        ("非财政拨款收入", Some(Other)),
        ("捐赠款", None),
    ] {
        assert_eq!(super::FundSource::parse(text), source, "{text}");
    }
}

/// Regression (issue 19): a negative 预算数 gave a −100 % arrival rate, and a 扣分 of −30
/// deducted 30; both are refused at their cells.
#[test]
fn a_negative_plan_or_deduction_is_refused_at_its_cell() {
    let err = budget(&[&["疗休养", "劳模帮扶", "-20", "", ""]]).unwrap_err();
    assert!(
        err.to_string()
            .starts_with("t.xlsx!绩效目标申报表!C2: found “-20”, expected a plan not below zero"),
        "{err}"
    );
    let findings = grid(&[
        &["序号", "指标", "扣分", "扣分原因"],
        &["1", "资金使用合规性", "-30", "挪用"],
    ]);
    let err = super::findings::read_findings(&findings).unwrap_err();
    assert!(
        err.to_string()
            .starts_with("t.xlsx!绩效目标申报表!C2: found “-30”, expected the points to deduct, a number not below zero"),
        "{err}"
    );
}

/// The 绩效指标 table's header of a 自评表 (财预〔2020〕10号 附1).
const FORM_HEADER: &[&str] = &[
    "绩效指标",
    "一级指标",
    "二级指标",
    "三级指标",
    "年度指标值",
    "实际完成值",
    "分值",
    "得分",
];

/// Issue 21: the 执行率 row as units fill it: a percentage (full-width ％ too), a fraction, a
/// bare percentage; a dash or `/` left unfilled; a bare number between 1 and 2 refused.
#[test]
fn reads_the_execution_row_as_units_fill_it() {
    let form = |rate: &str, claimed: &str| {
        grid(&[
            &["项目名称", "某项目"],
            &[
                "",
                "",
                "年初预算数",
                "全年预算数",
                "全年执行数",
                "分值",
                "执行率",
                "得分",
            ],
            &[
                "",
                "年度资金总额",
                "100",
                "100",
                "94.09",
                "10",
                rate,
                claimed,
            ],
            FORM_HEADER,
            &[
                "",
                "产出指标",
                "数量指标",
                "救助人数",
                "200人",
                "228人",
                "90",
                "90",
            ],
        ])
    };
    let rate_of = |rate: &str| {
        let (project, _) = read_declaration(&form(rate, "9.41")).expect("reads");
        project.execution.and_then(|e| e.rate).map(|(r, _)| r)
    };
    assert_eq!(rate_of("94.09%"), Some(dec!(0.9409)));
    assert_eq!(rate_of("94.09％"), Some(dec!(0.9409)));
    assert_eq!(rate_of("0.9409"), Some(dec!(0.9409)));
    assert_eq!(rate_of("94.09"), Some(dec!(0.9409)));
    assert_eq!(rate_of("—"), None);
    assert_eq!(rate_of("/"), None);
    let err = read_declaration(&form("1.5", "9.41")).unwrap_err();
    assert!(err.to_string().contains("G3"), "{err}");
    // A dash in 得分: not filled in, not a score of 0.
    let (project, _) = read_declaration(&form("94.09%", "-")).expect("reads");
    assert!(project.execution.and_then(|e| e.claimed).is_none());
    // A score above what any form weighs is refused at its cell.
    let sheet = grid(&[
        FORM_HEADER,
        &[
            "",
            "产出指标",
            "数量指标",
            "救助人数",
            "200人",
            "228人",
            "1e20",
            "90",
        ],
    ]);
    assert!(read_declaration(&sheet).is_err());
}
