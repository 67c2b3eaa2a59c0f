use crate::i18n::Zh;
use crate::i18n::report::ReportText;

impl ReportText for Zh {}
