use crate::i18n::Zh;
use crate::i18n::norms::NormsText;

impl NormsText for Zh {
    fn norms_written(&self, n: usize, path: &str) -> String {
        format!("已由 {n} 人的结果生成常模：{path}（不含任何姓名、编号或作答）")
    }
    fn norms_other_roles(&self, n: usize) -> String {
        format!("{n} 份其他评价人身份的结果未计入")
    }
    fn norms_earlier(&self, n: usize) -> String {
        format!("{n} 份同一人较早的结果未计入（每人只取最近一份）")
    }
    fn norms_flagged_left_out(&self, n: usize) -> String {
        format!("{n} 份带质量标记的结果未计入（--exclude-flagged）")
    }
    fn norms_heading(&self) -> &'static str {
        "常模"
    }
    fn norms_about(&self, rubric: &str, version: &str, role: &str, n: usize, created_at: &str) -> String {
        format!("量表 {rubric} {version} · 评价人身份 {role} · {n} 人 · 生成于 {created_at}")
    }
    fn norms_col_dimension(&self) -> &'static str {
        "维度"
    }
    fn norms_col_n(&self) -> &'static str {
        "人数"
    }
    fn norms_col_mean(&self) -> &'static str {
        "平均分"
    }
    fn norms_col_sd(&self) -> &'static str {
        "标准差"
    }
    fn norms_col_alpha(&self) -> &'static str {
        "信度 α"
    }
    fn sem_heading(&self) -> &'static str {
        "测量标准误 sem"
    }
    fn sem_column(&self) -> &'static str {
        "sem"
    }
    fn norms_overall(&self) -> &'static str {
        "总分"
    }
    fn sem_legend(&self) -> &'static str {
        "测量标准误 sem = 标准差 × √(1 − α)：个人得分约有 95% 的把握落在 ±1.96 × sem 之内；两次得分之差小于约 2.8 × sem 时，在测量误差内"
    }
}
