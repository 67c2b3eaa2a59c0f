use crate::i18n::Zh;
use crate::i18n::group::GroupText;

impl GroupText for Zh {
    fn group_report(&self) -> &'static str {
        "团体报告"
    }
    fn group_results(&self, n: usize) -> String {
        format!("{n} 份结果")
    }
    fn group_everyone(&self) -> &'static str {
        "全体"
    }
    fn group_none_value(&self) -> &'static str {
        "（未填）"
    }
    fn group_group(&self) -> &'static str {
        "分组"
    }
    fn group_subgroups(&self) -> &'static str {
        "分组比较"
    }
    fn group_min_group(&self) -> &'static str {
        "最少人数"
    }
    fn group_top_priority(&self) -> &'static str {
        "首要改进"
    }

    fn group_n(&self, people: bool) -> &'static str {
        if people { "人数" } else { "份数" }
    }
    fn group_count(&self, n: usize, people: bool) -> String {
        format!("{} {n}", self.group_n(people))
    }
    fn group_mean(&self) -> &'static str {
        "均值"
    }
    fn group_sd(&self) -> &'static str {
        "标准差"
    }
    fn group_min(&self) -> &'static str {
        "最低"
    }
    fn group_median(&self) -> &'static str {
        "中位数"
    }
    fn group_max(&self) -> &'static str {
        "最高"
    }
    fn group_mean_gap(&self) -> &'static str {
        "平均差距"
    }
    fn group_severities(&self) -> &'static str {
        "程度分布"
    }
    fn group_alpha(&self) -> &'static str {
        "信度 α"
    }
    fn group_stats_note(&self) -> &'static str {
        "平均差距 = 目标 − 得分 的平均；程度分布为达标/接近目标/有提升空间/提升空间较大各有几份；α 为各维度条目的内部一致性信度（Cronbach's α）；注有 n= 的，只计答全该维度条目的人。"
    }

    fn group_alpha_excellent(&self) -> &'static str {
        "优秀"
    }
    fn group_alpha_good(&self) -> &'static str {
        "良好"
    }
    fn group_alpha_acceptable(&self) -> &'static str {
        "可接受"
    }
    fn group_alpha_questionable(&self) -> &'static str {
        "存疑"
    }
    fn group_alpha_poor(&self) -> &'static str {
        "较差"
    }
    fn group_alpha_unacceptable(&self) -> &'static str {
        "不可接受"
    }

    fn group_withheld_too_few(&self, min_group: usize) -> String {
        format!("少于 {min_group} 人，不显示")
    }
    fn group_withheld_complementary(&self) -> &'static str {
        "为免推算出人数较少的分组，一并不显示"
    }
    fn group_withheld_nested(&self, min_group: usize) -> String {
        format!("与按其他方式分出的某一组只相差不到 {min_group} 份，为免相减推算出个人，不显示")
    }
    fn group_stat_withheld(&self, min_group: usize) -> String {
        format!("“—”：有该项得分的不足 {min_group} 份，为保护个人不显示。")
    }
    fn group_earlier_left_out(&self, n: usize) -> String {
        format!("同一人在同一场次、以同一身份作答的多份结果只计最新一份：{n} 份较早的结果未计入。")
    }
    fn group_pooled(&self) -> &'static str {
        "其他评价者（合并）"
    }
    fn group_pooled_note(&self, roles: &str, floor: usize) -> String {
        format!("其他评价者（合并）：{roles}各不足 {floor} 人，合并计算。")
    }
    fn group_left_out_role(&self, role: &str, n: usize) -> String {
        format!("{role} {n} 份")
    }
    fn group_left_out(&self, list: &str, floor: usize) -> String {
        format!("未计入：{list}（不足 {floor} 人，合并后仍不足，为保护评价者不计入任何数字）。")
    }
    fn group_subjects_numbered(&self) -> &'static str {
        "被评价人以编号代替姓名，编号的顺序每次随机排列。"
    }

    fn group_flagged_none(&self) -> &'static str {
        "没有结果带有作答质量提示。"
    }
    fn group_flagged(&self, n: usize) -> String {
        format!("{n} 份结果带有作答质量提示（如八成以上条目同一分值、前后矛盾或作答过快）。")
    }
    fn group_flagged_kind(&self, flag: &str, n: usize) -> String {
        format!("{flag}：{n} 份")
    }
    fn group_excluded_flagged(&self, n: usize) -> String {
        format!("{n} 份带质量标记的结果已剔除，未计入任何统计。")
    }
    fn group_csv_flagged(&self) -> &'static str {
        "带质量标记的结果数"
    }
    fn group_csv_flagged_kind(&self, flag: &str) -> String {
        format!("质量标记：{flag}")
    }
    fn group_csv_excluded_flagged(&self) -> &'static str {
        "已剔除的带质量标记结果数"
    }
    fn group_named_shows_who(&self) -> &'static str {
        "加 --named 可显示作答质量提示涉及的人和 360 度对比的被评价人姓名（仅供本人查看，不要投影或分发）。"
    }
    fn group_rated_by(&self, subject: &str, role: &str) -> String {
        format!("{subject}（{role}评）")
    }
    fn group_respondents_sep(&self) -> &'static str {
        "；"
    }

    fn group_360_heading(&self) -> &'static str {
        "本人与他人评价的对比（360 度）"
    }
    fn group_self(&self) -> &'static str {
        "本人"
    }
    fn group_others(&self) -> &'static str {
        "他人"
    }
    fn group_difference(&self) -> &'static str {
        "差值"
    }
    fn group_blind_spots(&self) -> &'static str {
        "盲点（自评高于他人）"
    }
    fn group_hidden_strengths(&self) -> &'static str {
        "隐藏的优势（自评低于他人）"
    }
    fn group_none(&self) -> &'static str {
        "无"
    }
    fn group_roles_withheld(&self, roles: &str, min: usize) -> String {
        format!("{roles}：少于 {min} 人，不单独显示。")
    }

    fn group_chart_means(&self) -> &'static str {
        "各维度均值与目标"
    }
    fn group_chart_spread(&self) -> &'static str {
        "各维度得分的分布"
    }
    fn group_chart_min_max(&self) -> &'static str {
        "最低–最高"
    }
    fn group_chart_severities(&self) -> &'static str {
        "各维度的程度分布（人数）"
    }
    fn group_chart_self_others(&self) -> &'static str {
        "本人与他人评价"
    }

    fn group_no_rubric(&self) -> &'static str {
        "未找到结果所用的量表，无法计算信度 α。"
    }

    fn group_csv_by(&self) -> &'static str {
        "分组方式"
    }
    fn group_csv_withheld(&self) -> &'static str {
        "是否不显示"
    }
    fn group_csv_level(&self) -> &'static str {
        "层级"
    }
    fn group_csv_id(&self) -> &'static str {
        "标识"
    }
    fn group_csv_title(&self) -> &'static str {
        "名称"
    }
    fn group_csv_alpha_n(&self) -> &'static str {
        "α 计算人数"
    }
    fn group_csv_alpha_label(&self) -> &'static str {
        "信度评价"
    }
    fn group_csv_reason(&self) -> &'static str {
        "不显示的原因"
    }
    fn group_csv_yes(&self) -> &'static str {
        "是"
    }
    fn group_csv_no(&self) -> &'static str {
        "否"
    }
    fn group_csv_subject(&self) -> &'static str {
        "被评价人"
    }
    fn group_csv_others_n(&self) -> &'static str {
        "他人评价份数"
    }
    fn group_csv_left_out(&self) -> &'static str {
        "未计入"
    }

    fn group_summary(&self) -> &'static str {
        "概览"
    }
    fn group_overall_mean(&self) -> &'static str {
        "总分均值"
    }
    fn group_reliability(&self, ok: usize, total: usize) -> String {
        format!("信度：{total} 个维度中 {ok} 个达到可接受（α ≥ 0.70）")
    }
    fn group_reliability_none(&self) -> &'static str {
        "信度：无法计算"
    }
    fn group_flagged_short(&self, n: usize) -> String {
        format!("带作答质量提示：{n} 份")
    }

    fn group_means_heading(&self) -> &'static str {
        "各分组均值"
    }
    fn group_cell_withheld(&self) -> &'static str {
        "不显示"
    }
    fn group_heat_legend(&self) -> &'static str {
        "颜色表示均值距目标的差距："
    }
    fn group_heat_note(&self) -> &'static str {
        "格中数字为该分组该维度的均值；颜色和符号表示均值距目标的差距。人数不足的分组只列名称和原因，不显示数字。"
    }
    fn group_reliability_lowest(&self, dimension: &str, alpha: &str) -> String {
        format!("最低：{dimension}（α = {alpha}）")
    }
    fn group_csv_strength_rank(&self) -> &'static str {
        "优势排序"
    }
}
