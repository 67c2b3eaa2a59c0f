//! Interface texts in Chinese and English. One struct, two constants: a
//! missing translation does not compile.

use crate::lang::Lang;
use crate::result::{Role, Severity};

pub struct Ui {
    pub rater: &'static str,
    pub department: &'static str,
    pub session: &'static str,
    pub date: &'static str,
    pub rubric: &'static str,
    pub profile: &'static str,
    pub overall: &'static str,
    pub target: &'static str,
    pub score: &'static str,
    pub gap: &'static str,
    pub gap_note: &'static str,
    pub severity: &'static str,
    pub dimension: &'static str,
    pub section: &'static str,
    pub priorities: &'static str,
    pub no_priorities: &'static str,
    pub strengths: &'static str,
    pub no_strengths: &'static str,
    pub change: &'static str,
    pub first_result: &'static str,
    pub quality: &'static str,
    pub insufficient: &'static str,
    pub answered: &'static str,
    pub flag_straight_line: &'static str,
    pub flag_reverse_inconsistent: &'static str,
    pub flag_too_fast: &'static str,
    pub up: &'static str,
    pub down: &'static str,
    pub steady: &'static str,
    pub colon: &'static str,
    pub list_sep: &'static str,
    pub seconds: &'static str,
}

pub const ZH: Ui = Ui {
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
    priorities: "优先改进",
    no_priorities: "各维度均已达到目标。",
    strengths: "优势",
    no_strengths: "暂无达到目标的维度。",
    change: "与上次相比",
    first_result: "这是此人在本量表上的第一份结果。",
    quality: "作答质量提示",
    insufficient: "作答不足",
    answered: "已答",
    flag_straight_line: "八成以上的条目给了同一个分值，可能没有逐条斟酌",
    flag_reverse_inconsistent: "对同一维度中意思相反的陈述都表示同意，作答前后不一致",
    flag_too_fast: "作答过快（平均每题不到 2 秒）",
    up: "上升",
    down: "下降",
    steady: "持平",
    colon: "：",
    list_sep: "、",
    seconds: "秒",
};

pub const EN: Ui = Ui {
    rater: "Rater",
    department: "Department",
    session: "Session",
    date: "Date",
    rubric: "Rubric",
    profile: "Profile",
    overall: "Overall",
    target: "Target",
    score: "Score",
    gap: "Gap",
    gap_note: "gap = target − score; negative means above target",
    severity: "Severity",
    dimension: "Dimension",
    section: "Section",
    priorities: "Priorities",
    no_priorities: "Every dimension meets its target.",
    strengths: "Strengths",
    no_strengths: "No dimension meets its target yet.",
    change: "Change since last time",
    first_result: "This is the first result of this person on this rubric.",
    quality: "Answering quality",
    insufficient: "insufficient answers",
    answered: "answered",
    flag_straight_line: "the same value was given to 80% or more of the items: the answers may not have been weighed one by one",
    flag_reverse_inconsistent: "agreed with a statement and with its opposite in the same dimension",
    flag_too_fast: "answered very fast (under 2 seconds an item)",
    up: "up",
    down: "down",
    steady: "steady",
    colon: ": ",
    list_sep: ", ",
    seconds: "s",
};

pub fn ui(lang: Lang) -> &'static Ui {
    match lang {
        Lang::Zh => &ZH,
        Lang::En => &EN,
    }
}

pub fn severity(s: Severity, lang: Lang) -> &'static str {
    match (s, lang) {
        (Severity::Met, Lang::Zh) => "达标",
        (Severity::Minor, Lang::Zh) => "轻度",
        (Severity::Moderate, Lang::Zh) => "中度",
        (Severity::Critical, Lang::Zh) => "严重",
        (Severity::Unknown, Lang::Zh) => "作答不足",
        (Severity::Met, Lang::En) => "met",
        (Severity::Minor, Lang::En) => "minor",
        (Severity::Moderate, Lang::En) => "moderate",
        (Severity::Critical, Lang::En) => "critical",
        (Severity::Unknown, Lang::En) => "insufficient answers",
    }
}

pub fn role(r: Role, lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => r.zh(),
        Lang::En => match r {
            Role::SelfRating => "self",
            other => other.code(),
        },
    }
}

pub fn flag(name: &str, lang: Lang) -> &'static str {
    let u = ui(lang);
    match name {
        "straight_line" => u.flag_straight_line,
        "reverse_inconsistent" => u.flag_reverse_inconsistent,
        "too_fast" => u.flag_too_fast,
        _ => "",
    }
}
