use crate::i18n::Zh;
use crate::i18n::words::{Ui, WordsText};
use crate::result::{Role, Severity};

impl WordsText for Zh {
    fn words(&self) -> &'static Ui {
        &ZH
    }

    fn severity_name(&self, s: Severity) -> &'static str {
        match s {
            Severity::Met => "达标",
            Severity::Minor => "接近目标",
            Severity::Moderate => "有提升空间",
            Severity::Critical => "提升空间较大",
            Severity::Unknown => "作答不足",
        }
    }

    fn role_name(&self, r: Role) -> &'static str {
        r.zh()
    }
}

const ZH: Ui = Ui {
    rater: "评价人",
    department: "部门",
    session: "场次",
    date: "时间",
    rubric: "量表",
    profile: "目标配置",
    overall: "总分",
    target: "目标",
    score: "得分",
    gap: "差距",
    gap_note: "差距 = 目标 − 得分；负数表示高于目标",
    severity: "程度",
    dimension: "维度",
    section: "分区",
    priorities: "发展重点",
    no_priorities: "各维度均已达到目标。",
    strengths: "优势",
    no_strengths: "暂无达到目标的维度。",
    change: "与上次相比",
    first_result: "这是此人在本量表上的第一份结果。",
    quality: "作答质量提示",
    insufficient: "作答不足",
    answered: "已答",
    flag_straight_line: "八成以上的条目给了同一个分值，可能没有逐条斟酌",
    flag_longstring: "连续多题（6 题以上，占已答题目的一半以上）给了同一个分值，可能没有逐条斟酌",
    flag_reverse_inconsistent: "对同一维度中意思相反的陈述都表示同意，作答前后不一致",
    flag_too_good: "每一题都选了最理想的答案，结果可能偏高，宜结合他人的评价一并看待",
    flag_too_fast: "作答过快（平均每题不到 2 秒）",
    up: "上升",
    down: "下降",
    steady: "持平",
    colon: "：",
    list_sep: "、",
    seconds: "秒",
    unscorable: "作答不足，无法评分",
    band: "区间",
    percentile: "百分位",
    beyond_error: "超出测量误差",
    within_error: "在测量误差内",
    self_review: "自我检视",
    suggestions: "改进建议：",
    not_answered: "未作答",
};
