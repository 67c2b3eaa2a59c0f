use crate::i18n::En;
use crate::i18n::group::GroupText;

impl GroupText for En {}
