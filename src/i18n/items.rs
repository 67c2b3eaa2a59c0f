//! The catalogue's texts for the item analysis of a group report
//! (`zhixing group --items`, SPEC §14).

/// Texts for the item analysis.
pub trait ItemsText {
    /// The heading of the item analysis.
    fn items_heading(&self) -> &'static str;
    /// What the figures are, under the heading.
    fn items_note(&self) -> &'static str;
    /// Column heads.
    fn items_statement(&self) -> &'static str;
    fn items_floor(&self) -> &'static str;
    fn items_ceiling(&self) -> &'static str;
    fn items_r_drop(&self) -> &'static str;
    fn items_alpha_drop(&self) -> &'static str;
    /// The column of marks.
    fn items_mark(&self) -> &'static str;
    /// The mark of a weak item (a word, not a colour).
    fn items_weak(&self) -> &'static str;
    /// Beside a reverse-keyed statement's answer bar: agreeing is the less
    /// favourable answer.
    fn items_reverse(&self) -> &'static str;
    /// What makes an item weak.
    fn items_weak_note(&self) -> &'static str;
    /// In a withheld item's row.
    fn items_withheld(&self) -> &'static str;
    /// The HTML bar's label: the share of answers of each scale point.
    fn items_shares(&self) -> &'static str;
    /// CSV column heads.
    fn items_csv_item(&self) -> &'static str;
    fn items_csv_dimension(&self) -> &'static str;
    /// Answers of scale point `v`.
    fn items_csv_count(&self, v: i64) -> String;
    /// On stderr: `--items` without a rubric to key the items.
    fn items_no_rubric(&self) -> &'static str;
}
