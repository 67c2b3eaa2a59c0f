use crate::i18n::Zh;
use crate::i18n::assess::AssessText;

impl AssessText for Zh {}
