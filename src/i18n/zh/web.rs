use crate::i18n::Zh;
use crate::i18n::web::WebText;

impl WebText for Zh {
    fn web_title(&self, rubric: &str, page: &str) -> String {
        format!("{page} · {rubric}")
    }
    fn web_welcome(&self) -> &'static str {
        "欢迎参加测评"
    }
    fn web_confidential(&self) -> &'static str {
        "您的回答保密：只保存在本场培训的这台电脑上，不上传任何网络服务。团体报告不显示姓名，人数不足时不显示统计。"
    }
    fn web_begin(&self) -> &'static str {
        "开始"
    }
    fn web_resume_heading(&self) -> &'static str {
        "在另一台设备上答过一部分？输入续答码接着答："
    }
    fn web_resume_code(&self) -> &'static str {
        "续答码（6 位）"
    }
    fn web_resume_button(&self) -> &'static str {
        "接着作答"
    }
    fn web_resume_unknown(&self) -> &'static str {
        "没有找到这个续答码。请核对屏幕上显示的 6 位续答码后再输入。"
    }
    fn web_department(&self) -> &'static str {
        "您的部门（可不填）"
    }
    fn web_subject_department(&self) -> &'static str {
        "被评价人的部门（可不填）"
    }
    fn web_rater_optional(&self) -> &'static str {
        "您的姓名（评价人，可不填）"
    }
    fn web_roster_pick(&self) -> &'static str {
        "从名单中选择"
    }
    fn web_roster_typed(&self) -> &'static str {
        "（名单中没有，在下面填写）"
    }
    fn web_or_type(&self) -> &'static str {
        "或者直接填写："
    }
    fn web_start_questions(&self) -> &'static str {
        "开始答题"
    }
    fn web_back(&self) -> &'static str {
        "上一步"
    }
    fn web_to_review(&self) -> &'static str {
        "核对并提交"
    }
    fn web_code_note(&self, code: &str) -> String {
        format!("续答码 {code}：换一台设备时输入它，可接着作答")
    }
    fn web_review_heading(&self, answered: usize, total: usize) -> String {
        format!("请核对您的作答（已答 {answered} / {total} 题），点一题可修改。")
    }
    fn web_skipped(&self) -> &'static str {
        "已跳过"
    }
    fn web_not_answered(&self) -> &'static str {
        "未答"
    }
    fn web_submit_note(&self) -> &'static str {
        "提交后不能再修改。"
    }
    fn web_answer_first(&self, n: usize) -> String {
        format!("还有 {n} 题未答，请答完后再提交。")
    }
    fn web_thanks(&self) -> &'static str {
        "已提交，谢谢您！下面是您本人的报告，可以打印或下载。"
    }
    fn web_thanks_no_report(&self) -> &'static str {
        "已提交并保存，谢谢您！个人报告由培训师统一发放。"
    }
    fn web_print(&self) -> &'static str {
        "打印"
    }
    fn web_download(&self) -> &'static str {
        "下载报告"
    }
    fn web_problem(&self) -> &'static str {
        "无法继续"
    }
    fn web_form_expired(&self) -> &'static str {
        "这个页面已失效。请重新打开加入链接，您已答的内容都在。"
    }
    fn web_closed_heading(&self) -> &'static str {
        "本场测评已结束"
    }
    fn web_choices(&self) -> &'static str {
        "选择与您的符合程度"
    }
    fn web_trainer_heading(&self, session: &str) -> String {
        format!("培训者页面 · 场次 {session}")
    }
    fn web_refreshes(&self, seconds: u32) -> String {
        format!("本页每 {seconds} 秒自动刷新。")
    }
    fn web_counts(&self, joined: usize, answering: usize, finished: usize) -> String {
        format!("已加入 {joined} 人 · 作答中 {answering} 人 · 已提交 {finished} 人")
    }
    fn web_progress_heading(&self) -> &'static str {
        "作答进度（只有人数，不显示姓名）"
    }
    fn web_progress_none(&self) -> &'static str {
        "尚未开始"
    }
    fn web_progress_range(&self, from: usize, to: usize) -> String {
        format!("已答 {from}–{to}%")
    }
    fn web_progress_all(&self) -> &'static str {
        "已答完，未提交"
    }
    fn web_progress_submitted(&self) -> &'static str {
        "已提交"
    }
    fn web_join_heading(&self) -> &'static str {
        "加入链接（可投影）"
    }
    fn web_group_report(&self) -> &'static str {
        "查看团体报告"
    }
    fn web_downloads(&self) -> &'static str {
        "下载"
    }
    fn web_download_group_html(&self) -> &'static str {
        "团体报告（HTML）"
    }
    fn web_download_group_csv(&self) -> &'static str {
        "团体报告（CSV）"
    }
    fn web_download_pack(&self) -> &'static str {
        "报告包（ZIP：团体报告和每人的个人报告，含姓名，勿外传）"
    }
    fn web_close(&self) -> &'static str {
        "结束本场测评"
    }
    fn web_close_note(&self) -> &'static str {
        "结束后不再接受作答，加入链接会显示测评已结束；已保存的作答和结果都保留。"
    }
    fn web_closed_note(&self) -> &'static str {
        "本场测评已结束，不再接受作答。"
    }
}
