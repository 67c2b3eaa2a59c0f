use crate::i18n::Zh;
use crate::i18n::report::ReportText;

impl ReportText for Zh {
    fn wide_headers(&self) -> ([&'static str; 9], [&'static str; 3]) {
        (
            ["结果编号", "被评价人", "部门", "评价人身份", "评价人", "场次", "作答时间", "量表", "量表版本"],
            ["用时（秒）", "质量标记", "总分"],
        )
    }

    fn report_change(&self) -> &'static str {
        "变化"
    }

    fn report_paren(&self, text: &str) -> String {
        format!("（{text}）")
    }

    fn report_suggestions_shown(&self, n: usize) -> String {
        format!("    （前 {n} 项附改进建议；全部建议：zhixing report --latest --format markdown）")
    }

    fn report_html_footer(&self) -> &'static str {
        "执行力测评报告"
    }

    fn report_radar_title(&self) -> &'static str {
        "各维度得分与目标"
    }

    fn report_last_time(&self) -> &'static str {
        "上次"
    }

    fn report_gap_title(&self) -> &'static str {
        "各维度与目标的差距"
    }

    fn report_unscorable(&self, answered: usize, items: usize) -> String {
        format!("作答不足，无法评分（{items} 题中只答了 {answered} 题），因此没有发展重点，也没有优势可列。")
    }

    fn history_heading(&self, subject: &str, results: usize) -> String {
        format!("{subject} · {results} 份结果")
    }

    fn history_one_result(&self) -> &'static str {
        "只有一份结果，尚无趋势。"
    }

    fn history_trend(&self, sparkline: &str, first: &str, last: &str, change: &str, direction: &str) -> String {
        format!("趋势 {sparkline}  总分从 {first} 到 {last}（{change}，{direction}）")
    }

    fn history_none(&self) -> &'static str {
        "没有此人的结果。"
    }

    fn history_chart_title(&self) -> &'static str {
        "总分与各分区得分"
    }

    fn history_over_time(&self) -> &'static str {
        "历次结果"
    }

    fn report_texts_as_written(&self, n: usize) -> String {
        format!("注意：有 {n} 份结果以另一种语言作答，手头没有当时所用的量表，其维度名称和建议按原文显示。")
    }

    fn report_flagged_notice(&self) -> &'static str {
        "本次作答带有作答质量提示，解读下面的结果时请留意："
    }

    fn report_score_meaning(&self) -> &'static str {
        "得分 0–100：作答在量表上从最低一档到最高一档所走过的比例（反向表述的题目已反向计分）。"
    }

    fn report_norms_meaning(&self) -> &'static str {
        "区间：得分的 95% 误差范围；百分位：常模人群中得分低于此人的比例。目标是组织的期望，百分位是与同类人员相比的位置，两者分开看。"
    }

    fn report_norms_hint_option(&self) -> &'static str {
        "变化按原样列出；加 --norms（常模文件）可判断变化是否超出测量误差。"
    }

    fn report_norms_hint_plain(&self) -> &'static str {
        "变化按原样列出；有了常模，才能判断变化是否超出测量误差。"
    }

    fn report_pulled_down(&self) -> &'static str {
        "拉低得分的陈述："
    }

    fn report_statement(&self, text: &str, answer: &str) -> String {
        format!("{text}（作答：{answer}）")
    }

    fn report_self_review_note(&self) -> &'static str {
        "以下维度在自评中不计分，只列出作答，供自我检视。"
    }

    fn report_dimension_changes(&self) -> &'static str {
        "各维度的变化"
    }

    fn report_group_mean(&self) -> &'static str {
        "团体均值"
    }

    fn report_group_mean_note(&self, n: usize, people: bool) -> String {
        let unit = if people { "人" } else { "份" };
        format!("团体均值：本次参加测评的全体（{n} {unit}）的平均得分，供对照；人数不足或不显示的项目不列。")
    }
}
