use crate::i18n::Zh;
use crate::i18n::rubric::RubricText;

impl RubricText for Zh {}
