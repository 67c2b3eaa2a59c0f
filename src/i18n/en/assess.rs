use crate::i18n::En;
use crate::i18n::assess::AssessText;

impl AssessText for En {}
