use crate::i18n::Zh;
use crate::i18n::compare::CompareText;

impl CompareText for Zh {
    fn compare_heading(&self) -> &'static str {
        "训前训后对比"
    }
    fn compare_about(&self, before: (&str, usize), after: (&str, usize), paired: usize, role: &str) -> String {
        format!(
            "训前「{}」{} 人 · 训后「{}」{} 人 · 两次都有的 {paired} 人配对比较（评价人身份 {role}）",
            before.0, before.1, after.0, after.1
        )
    }
    fn compare_unpaired(&self, only_before: usize, only_after: usize) -> String {
        format!("只有训前结果的 {only_before} 人、只有训后结果的 {only_after} 人不计入任何数字")
    }
    fn compare_by_subject(&self) -> &'static str {
        "受评人"
    }
    fn compare_everyone(&self) -> &'static str {
        "全体配对"
    }
    fn compare_withheld(&self, reason: &str, min_group: usize) -> String {
        match reason {
            "too_few" => format!("不显示：配对少于 {min_group} 人"),
            "complementary" => "不显示：与人数不足的分组一起隐去，以免相减得出其结果".to_string(),
            _ => "不显示：与另一种分组相差不足最小人数，相减会暴露个人".to_string(),
        }
    }
    fn compare_col_level(&self) -> &'static str {
        "项目"
    }
    fn compare_col_n(&self) -> &'static str {
        "配对人数"
    }
    fn compare_col_before(&self) -> &'static str {
        "训前"
    }
    fn compare_col_after(&self) -> &'static str {
        "训后"
    }
    fn compare_col_change(&self) -> &'static str {
        "变化"
    }
    fn compare_col_improved(&self) -> &'static str {
        "确实提高"
    }
    fn compare_col_declined(&self) -> &'static str {
        "确实下降"
    }
    fn compare_col_unchanged(&self) -> &'static str {
        "误差内"
    }
    fn compare_col_group(&self) -> &'static str {
        "分组"
    }
    fn compare_col_kind(&self) -> &'static str {
        "层级"
    }
    fn compare_col_id(&self) -> &'static str {
        "编号"
    }
    fn compare_col_sd_change(&self) -> &'static str {
        "变化标准差"
    }
    fn compare_col_withheld(&self) -> &'static str {
        "不显示原因"
    }
    fn compare_overall(&self) -> &'static str {
        "总分"
    }
    fn compare_kind_section(&self) -> &'static str {
        "部分"
    }
    fn compare_kind_dimension(&self) -> &'static str {
        "维度"
    }
    fn compare_dz_note(&self) -> &'static str {
        "d_z = 平均变化 ÷ 变化的标准差（同一批人前后之比）；约 0.2 算小、0.5 中等、0.8 大。它只说明这批人自评的分数变了多少，不能说明变化是培训带来的：没有对照组，时间、情境和“应该进步”的期待都会让分数变化。"
    }
    fn compare_reliable_note(&self, norms: bool) -> &'static str {
        if norms {
            "确实提高 / 确实下降：个人的变化超出测量误差（RCI ≥ 1.96 或 ≤ −1.96，测量标准误取自常模）；误差内：变化可能只是测量误差。"
        } else {
            "确实提高 / 确实下降：个人的变化超出测量误差（RCI ≥ 1.96 或 ≤ −1.96，测量标准误取自训前组本身的标准差和信度，人少时不稳，有常模时请用 --norms）；误差内：变化可能只是测量误差。“—”：没有可用的测量标准误，不作判断。"
        }
    }
    fn compare_side_file(&self, after: bool, path: &str) -> String {
        format!("{}：读取结果文件 {path}", if after { "训后" } else { "训前" })
    }
    fn compare_side_session(&self, after: bool, session: &str) -> String {
        format!("{}：读取结果库中的场次「{session}」", if after { "训后" } else { "训前" })
    }
    fn compare_flagged_left_out(&self, n: usize) -> String {
        format!("{n} 份带质量标记的结果未计入（--exclude-flagged）")
    }
    fn compare_other_roles(&self, n: usize) -> String {
        format!("{n} 份其他评价人身份的结果未计入（--role）")
    }
    fn compare_earlier(&self, n: usize) -> String {
        format!("{n} 份同一人同一侧较早的结果未计入（每人每侧只取最近一份）")
    }
    fn compare_chart_title(&self) -> &'static str {
        "各维度训前（空心）与训后（实心）的平均分"
    }
}
