//! Unit tests of the module beside.
use super::*;
use crate::read::workbook::text_cells;

fn sheet(cells: &[&[&str]]) -> Sheet {
    Sheet::from_rows("问卷.xlsx", "Sheet1", text_cells(cells))
}

fn kinds(s: &Survey) -> Vec<(Option<u32>, &str, QuestionKind, usize)> {
    s.questions
        .iter()
        .map(|q| (q.number, q.text.as_str(), q.kind, q.columns.len()))
        .collect()
}

fn subs(s: &Survey, q: usize) -> Vec<&str> {
    s.questions[q]
        .columns
        .iter()
        .map(|&c| s.columns[c].sub.as_deref().unwrap_or(""))
        .collect()
}

#[test]
fn reads_a_wjx_text_download() {
    let s = read_sheet(&sheet(&[
        &["满意度调查（问卷星）"],
        &[
            "序号",
            "提交答卷时间",
            "所用时间",
            "来源",
            "来源详情",
            "来自IP",
            "1、您的身份是：",
            "2、您获得了哪些帮扶？（多选）",
            "3、您对帮扶工作是否满意？",
        ],
        &[
            "1",
            "2020/4/22 9:00:00",
            "147秒",
            "手机提交",
            "直接访问",
            "1.2.3.4(湖南-常德)",
            "劳模",
            "生活救助┋医疗救助",
            "很满意",
        ],
        &["2", "", "", "", "", "", "困难职工", "生活救助", "满意"],
    ]));
    assert_eq!(s.header_row, 1);
    assert_eq!(
        kinds(&s),
        [
            (Some(1), "您的身份是", QuestionKind::Single, 1),
            (
                Some(2),
                "您获得了哪些帮扶？(多选)",
                QuestionKind::Multiple,
                1
            ),
            (Some(3), "您对帮扶工作是否满意？", QuestionKind::Single, 1),
        ]
    );
    assert_eq!(s.responses.len(), 2);
    assert_eq!(
        s.responses[1],
        (3, vec!["困难职工".into(), "生活救助".into(), "满意".into()])
    );
}

/// 问卷星's download by option number splits a multiple-choice question into a column per
/// option (`1` chosen, `0` not) and a matrix question into a column per row, under one number.
#[test]
fn groups_the_split_columns_of_a_wjx_number_download() {
    let s = read_sheet(&sheet(&[
        &[
            "序号",
            "提交答卷时间",
            "1、您的身份是：",
            "2(生活救助)",
            "2(医疗救助)",
            "2(助学)",
            "3、(技能培训)",
            "3、(技术指导)",
            "3、(就业推荐)",
        ],
        &["1", "2020/4/22", "1", "1", "0", "1", "1", "2", "1"],
        &["2", "2020/4/22", "2", "0", "1", "0", "3", "-3", "1"],
    ]));
    assert_eq!(
        kinds(&s),
        [
            (Some(1), "您的身份是", QuestionKind::Single, 1),
            (Some(2), "", QuestionKind::Multiple, 3),
            (Some(3), "", QuestionKind::Matrix, 3),
        ]
    );
    assert_eq!(subs(&s, 1), ["生活救助", "医疗救助", "助学"]);
    assert_eq!(subs(&s, 2), ["技能培训", "技术指导", "就业推荐"]);
    assert_eq!(s.columns[6].col, 8);
}

/// 腾讯问卷 numbers its questions `Q1` and words a split column after a colon.
#[test]
fn reads_a_tencent_download_with_a_worded_matrix() {
    let s = read_sheet(&sheet(&[
        &[
            "编号",
            "开始答题时间",
            "结束答题时间",
            "答题时长",
            "地理位置国家和地区",
            "Q1:您的身份是",
            "Q2:您对以下各项帮扶的满意程度:生活救助",
            "Q2:您对以下各项帮扶的满意程度:医疗救助",
        ],
        &["1", "", "", "", "中国", "劳模", "很满意", "满意"],
    ]));
    assert_eq!(
        kinds(&s),
        [
            (Some(1), "您的身份是", QuestionKind::Single, 1),
            (
                Some(2),
                "您对以下各项帮扶的满意程度",
                QuestionKind::Matrix,
                2
            ),
        ]
    );
    assert_eq!(subs(&s, 1), ["生活救助", "医疗救助"]);
}

/// A row of a matrix whose rows share their first words is still cut at the bracket.
#[test]
fn a_split_questions_text_ends_at_a_separator() {
    let (stem, subs) = label::split_group(&["满意程度(技能培训)", "满意程度(技能鉴定)"]);
    assert_eq!(stem, "满意程度");
    assert_eq!(subs, [Some("技能培训".into()), Some("技能鉴定".into())]);
}

/// A repeated 序号 with the same answers is one sheet pasted twice and counts once; with other
/// answers both count; both are listed.
#[test]
fn a_repeated_respondent_number_is_listed() {
    let s = read_sheet(&sheet(&[
        &["序号", "1、您的身份是", "2、您是否满意"],
        &["1", "劳模", "很满意"],
        &["2", "劳模", "满意"],
        &["2", "劳模", "满意"],
        &["3", "困难职工", "一般"],
        &["3", "困难职工", "满意"],
    ]));
    assert_eq!(s.responses.len(), 4);
    let repeats: Vec<(String, u32, u32, bool)> = s
        .duplicates
        .iter()
        .map(|d| (d.id.clone(), d.first_row, d.row, d.identical))
        .collect();
    assert_eq!(
        repeats,
        [("2".into(), 2, 3, true), ("3".into(), 4, 5, false)]
    );
}

/// A sheet typed by hand without numbers: its first row names the questions.
#[test]
fn a_pasted_sheet_without_numbers_is_read_from_its_first_row() {
    let s = read_sheet(&sheet(&[&["身份", "总体评价"], &["劳模", "很满意"]]));
    assert_eq!(s.header_row, 0);
    assert_eq!(
        kinds(&s),
        [
            (None, "身份", QuestionKind::Single, 1),
            (None, "总体评价", QuestionKind::Single, 1),
        ]
    );
}

#[test]
fn numbers_questions_as_the_downloads_do() {
    assert_eq!(label::numbered("1、您的身份是"), Some((1, "您的身份是")));
    assert_eq!(label::numbered("Q2.您对"), Some((2, "您对")));
    assert_eq!(label::numbered("第3题:您对"), Some((3, "您对")));
    assert_eq!(label::numbered("5(技能培训)"), Some((5, "(技能培训)")));
    assert_eq!(label::numbered("第3题您的身份是"), Some((3, "您的身份是")));
    assert_eq!(label::numbered("Q1您的身份"), Some((1, "您的身份")));
    assert_eq!(label::numbered("10、您的建议"), Some((10, "您的建议")));
    assert_eq!(label::numbered("2019年度"), None);
    assert_eq!(label::numbered("3号楼"), None);
}

/// Regression (review of issue 16): a multiple-choice question downloaded by number read as a
/// matrix once a respondent skipped it (`-3`), its `1`s then taken for the first option.
#[test]
fn a_skipped_multiple_choice_question_stays_multiple_choice() {
    let s = read_sheet(&sheet(&[
        &["序号", "7(收入提高)", "7(生活改善)"],
        &["1", "1", "0"],
        &["2", "-3", "-3"],
        &["3", "1", "1"],
    ]));
    assert_eq!(kinds(&s), [(Some(7), "", QuestionKind::Multiple, 2)]);
}

/// Regression (review of issue 16): sections that number their questions from 1 again were
/// merged into one question.
#[test]
fn a_number_used_again_further_on_is_another_question() {
    let s = read_sheet(&sheet(&[
        &[
            "序号",
            "1、您的身份是",
            "2、您的年龄",
            "1、您对培训是否满意",
        ],
        &["1", "劳模", "50", "很满意"],
    ]));
    assert_eq!(
        kinds(&s),
        [
            (Some(1), "您的身份是", QuestionKind::Single, 1),
            (Some(2), "您的年龄", QuestionKind::Single, 1),
            (Some(1), "您对培训是否满意", QuestionKind::Single, 1),
        ]
    );
}

/// A hand-typed sheet with a title above its table reads the table's header, not the title.
#[test]
fn a_title_above_a_typed_table_is_not_its_header() {
    let s = read_sheet(&sheet(&[
        &["2019年帮扶对象满意度调查"],
        &["身份", "总体评价"],
        &["劳模", "很满意"],
    ]));
    assert_eq!(s.header_row, 1);
    assert_eq!(s.responses.len(), 1);
}
