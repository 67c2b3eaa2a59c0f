use crate::i18n::En;
use crate::i18n::rubric::RubricText;

impl RubricText for En {}
