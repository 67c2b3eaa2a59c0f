use crate::i18n::Zh;
use crate::i18n::group::GroupText;

impl GroupText for Zh {}
