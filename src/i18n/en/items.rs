use crate::i18n::En;
use crate::i18n::items::ItemsText;

impl ItemsText for En {
    fn items_heading(&self) -> &'static str {
        "Item analysis"
    }
    fn items_note(&self) -> &'static str {
        "Mean and sd of the adjusted values (reverse-keyed items reversed: higher is better); floor, ceiling: share of answers at the least, most favourable point; r drop: correlation with the sum of the dimension's other items (over those who answered all of them); α if dropped: the dimension's alpha without the item."
    }
    fn items_statement(&self) -> &'static str {
        "Statement"
    }
    fn items_floor(&self) -> &'static str {
        "Floor"
    }
    fn items_ceiling(&self) -> &'static str {
        "Ceiling"
    }
    fn items_r_drop(&self) -> &'static str {
        "r drop"
    }
    fn items_alpha_drop(&self) -> &'static str {
        "α if dropped"
    }
    fn items_mark(&self) -> &'static str {
        "Note"
    }
    fn items_weak(&self) -> &'static str {
        "weak"
    }
    fn items_reverse(&self) -> &'static str {
        "reverse-keyed: disagreeing is better"
    }
    fn items_weak_note(&self) -> &'static str {
        "weak: |r drop| below 0.2, or floor or ceiling above 80%."
    }
    fn items_withheld(&self) -> &'static str {
        "too few answers to show"
    }
    fn items_shares(&self) -> &'static str {
        "Share of answers per point"
    }
    fn items_csv_item(&self) -> &'static str {
        "Item"
    }
    fn items_csv_dimension(&self) -> &'static str {
        "Dimension"
    }
    fn items_csv_count(&self, v: i64) -> String {
        format!("Answered {v}")
    }
    fn items_no_rubric(&self) -> &'static str {
        "note: no rubric keys the items, so there is no item analysis; give the rubric file with --rubric"
    }
}
