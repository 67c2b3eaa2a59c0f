//! Responses from spreadsheets (SPEC §4): CSV and .xlsx. (In progress.)

/// How item columns are matched.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Columns {
    /// By item id in the header.
    #[default]
    Id,
    /// In rubric order, whatever the header says.
    Order,
}
