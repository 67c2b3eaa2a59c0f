use crate::i18n::Zh;
use crate::i18n::assess::AssessText;
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

    fn assess_intro(&self, items: usize, minutes: usize) -> String {
        format!(
            "共 {items} 题，约 {minutes} 分钟。每题是一句关于您日常工作的陈述，请按实际情况选择与您的符合程度，没有对错之分。"
        )
    }
    fn assess_scale_heading(&self) -> &'static str {
        "评分："
    }
    fn assess_saved_note(&self) -> &'static str {
        "每答一题都会立即保存；按 Ctrl-C 可随时退出，之后用 --resume 接着答。"
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

    fn assess_review_heading(&self, answered: usize, total: usize) -> String {
        format!("请核对您的作答（已答 {answered} / {total} 题）。选中一题按回车可修改。")
    }
    fn assess_submit(&self) -> &'static str {
        "提交"
    }
    fn assess_skipped(&self) -> &'static str {
        "跳过"
    }
    fn assess_review_keys(&self) -> &'static str {
        "↑↓ 选择 · 回车：提交或修改所选 · Ctrl-C 保存并退出"
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
    fn assess_trainer_exit(&self) -> &'static str {
        "培训师结束本场：按 Ctrl-X。"
    }
    fn assess_press_enter_to_finish(&self) -> &'static str {
        "按回车结束。"
    }
}
