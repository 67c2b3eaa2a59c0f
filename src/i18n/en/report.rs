use crate::i18n::En;
use crate::i18n::report::ReportText;

impl ReportText for En {}
