use crate::i18n::Zh;
use crate::i18n::assess::{AssessText, DraftSummary, short_time};
use crate::result::Role;

impl AssessText for Zh {
    fn assess_whom(&self) -> &'static str {
        "这份问卷评价谁？"
    }
    fn assess_role_option(&self, role: Role) -> String {
        match role {
            Role::SelfRating => "自评：评价我自己".to_string(),
            Role::Other => "评价他人：其他关系".to_string(),
            r => format!("评价他人：我是其{}", r.zh()),
        }
    }
    fn assess_your_name(&self) -> &'static str {
        "您的姓名"
    }
    fn assess_subject_name(&self) -> &'static str {
        "被评价人的姓名"
    }
    fn assess_department_prompt(&self) -> &'static str {
        "部门（可不填，直接回车）"
    }
    fn assess_rater_name(&self) -> &'static str {
        "您的姓名（评价人）"
    }
    fn assess_resume_question(&self, subject: &str, answered: usize, total: usize) -> String {
        format!(
            "{subject} 有一份未完成的问卷（已答 {answered} / {total} 题）。接着上次的作答继续吗？选“否”将丢弃它，重新开始。"
        )
    }

    fn assess_intro(&self, items: usize, minutes: usize, about_other: bool) -> String {
        if about_other {
            format!(
                "共 {items} 题，约 {minutes} 分钟。每题是一句关于评价对象日常工作的陈述，请按您平时的观察选择与其相符的程度，没有对错之分。"
            )
        } else {
            format!(
                "共 {items} 题，约 {minutes} 分钟。每题是一句关于您日常工作的陈述，请按实际情况选择与您的符合程度，没有对错之分。"
            )
        }
    }
    fn assess_scale_heading(&self) -> &'static str {
        "评分："
    }
    fn assess_saved_note(&self) -> &'static str {
        "每答一题都会立即保存；按 Ctrl-C 可随时退出，退出时会显示接着作答的命令。"
    }
    fn assess_saved_note_kiosk(&self) -> &'static str {
        "每答一题都会立即保存。如需中途离开，请告诉培训师。"
    }
    fn assess_nothing_to_resume(&self) -> &'static str {
        "没有找到未完成的问卷，现在开始新的一份。"
    }
    fn assess_resumed(&self, answered: usize) -> String {
        format!("接着上次的作答：已答 {answered} 题。")
    }
    fn assess_press_enter_to_start(&self) -> &'static str {
        "按回车开始。"
    }

    fn assess_key_digit(&self) -> &'static str {
        "数字键直接作答"
    }
    fn assess_key_arrows(&self) -> &'static str {
        "↑↓ 选择、回车确认"
    }
    fn assess_key_skip(&self) -> &'static str {
        "s 跳过（不适用）"
    }
    fn assess_key_back(&self) -> &'static str {
        "b 返回上一题"
    }
    fn assess_key_leave(&self) -> &'static str {
        "Ctrl-C 保存并退出"
    }
    fn assess_progress(&self, number: usize, total: usize) -> String {
        format!("第 {number} / {total} 题")
    }
    fn assess_chosen_mark(&self) -> &'static str {
        "（已选）"
    }
    fn assess_skipped_before(&self) -> &'static str {
        "  （上次跳过）"
    }
    fn assess_about(&self, subject: &str) -> String {
        format!("评价对象：{subject} · 请按其实际表现作答")
    }

    fn assess_review_heading(&self, answered: usize, total: usize) -> String {
        format!("请核对您的作答（已答 {answered} / {total} 题）。选中一题按回车可修改。")
    }
    fn assess_submit(&self) -> &'static str {
        "提交"
    }
    fn assess_skipped(&self) -> &'static str {
        "跳过"
    }
    fn assess_review_key_move(&self) -> &'static str {
        "↑↓ 选择"
    }
    fn assess_review_key_enter(&self) -> &'static str {
        "回车：提交或修改所选"
    }
    fn assess_review_more_above(&self, n: usize) -> String {
        format!("↑ 上面还有 {n} 题")
    }
    fn assess_review_more_below(&self, n: usize) -> String {
        format!("↓ 下面还有 {n} 题")
    }

    fn assess_required_hint(&self) -> &'static str {
        "（必填，请输入后按回车）"
    }
    fn assess_choose_keys(&self) -> &'static str {
        "数字键或 ↑↓ 加回车选择"
    }
    fn assess_yes(&self) -> &'static str {
        "是"
    }
    fn assess_no(&self) -> &'static str {
        "否"
    }
    fn assess_confirm_keys(&self) -> &'static str {
        "y 是 · n 否 · 回车确认"
    }
    fn assess_next_participant(&self) -> &'static str {
        "请下一位参加者按回车开始。"
    }
    fn assess_press_enter_to_finish(&self) -> &'static str {
        "按回车结束。"
    }
    fn assess_kiosk_confirm_exit(&self) -> &'static str {
        "结束本场测评？y/N（按 y 结束，按其他键返回）"
    }

    fn assess_choose_draft(&self) -> &'static str {
        "有几份未完成的问卷，请选择要接着作答的一份："
    }
    fn assess_draft_option(&self, d: &DraftSummary) -> String {
        let who = match (d.role, d.rater) {
            (Role::SelfRating, _) => "自评".to_string(),
            (r, Some(rater)) => format!("{rater}作为{}评价", r.zh()),
            (r, None) => format!("{}评价", r.zh()),
        };
        let done = if d.items > 0 {
            format!("已答 {} / {} 题", d.answered, d.items)
        } else {
            format!("已答 {} 题", d.answered)
        };
        let session = d.session.map(|s| format!(" · 场次 {s}")).unwrap_or_default();
        format!("{}（{who}）· {} · {done}{session} · {}", d.subject, d.rubric, short_time(d.updated_at))
    }
    fn assess_discarded(&self, d: &DraftSummary) -> String {
        format!("已丢弃 {} 的未完成问卷（已答 {} 题）。", d.subject, d.answered)
    }
    fn assess_nothing_to_discard(&self) -> &'static str {
        "没有符合条件的未完成问卷，没有丢弃任何内容。"
    }
    fn assess_discard_which(&self, n: usize) -> String {
        format!(
            "有 {n} 份未完成的问卷符合条件，一份也没有丢弃：请用上面的命令之一，或加上 --subject、--rubric、--role 指明是哪一份。"
        )
    }
    fn assess_how_to_resume(&self) -> &'static str {
        "接着作答："
    }
    fn assess_how_to_discard(&self) -> &'static str {
        "丢弃草稿："
    }

    fn assess_see_again(&self, saved: usize) -> String {
        format!("已保存 {saved} 份结果。再次查看报告：")
    }
    fn assess_not_saved(&self) -> &'static str {
        "本次结果没有保存（--no-save），以后无法再查看上面的报告。"
    }
    fn assess_kiosk_see_session(&self, saved: usize) -> String {
        format!("本场已保存 {saved} 份结果。查看本场的团体报告：")
    }
    fn assess_kiosk_unfinished(&self, n: usize) -> String {
        format!("有 {n} 位参加者没有答完，已答的题目保存为草稿：")
    }
}
