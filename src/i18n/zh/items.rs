use crate::i18n::Zh;
use crate::i18n::items::ItemsText;

impl ItemsText for Zh {
    fn items_heading(&self) -> &'static str {
        "逐题分析"
    }
    fn items_note(&self) -> &'static str {
        "均值、标准差按正向计分（反向题已反转，越高越好）；地板、天花板：选最不利、最有利一项的比例；题总相关：与本维度其余各题之和的相关（只计本维度各题都作答的人）；删题后 α：去掉此题后本维度的信度。"
    }
    fn items_statement(&self) -> &'static str {
        "题目"
    }
    fn items_floor(&self) -> &'static str {
        "地板"
    }
    fn items_ceiling(&self) -> &'static str {
        "天花板"
    }
    fn items_r_drop(&self) -> &'static str {
        "题总相关"
    }
    fn items_alpha_drop(&self) -> &'static str {
        "删题后 α"
    }
    fn items_mark(&self) -> &'static str {
        "提示"
    }
    fn items_weak(&self) -> &'static str {
        "待改进"
    }
    fn items_reverse(&self) -> &'static str {
        "反向题：越不符合越好"
    }
    fn items_weak_note(&self) -> &'static str {
        "待改进：题总相关的绝对值低于 0.2，或地板、天花板超过 80%。"
    }
    fn items_withheld(&self) -> &'static str {
        "作答人数不足，不显示"
    }
    fn items_shares(&self) -> &'static str {
        "各选项比例"
    }
    fn items_csv_item(&self) -> &'static str {
        "题目标识"
    }
    fn items_csv_dimension(&self) -> &'static str {
        "维度"
    }
    fn items_csv_count(&self, v: i64) -> String {
        format!("选 {v} 人数")
    }
    fn items_no_rubric(&self) -> &'static str {
        "注意：没有量表可以确定各题的计分方向，不做逐题分析；请用 --rubric 给出量表文件"
    }
}
