use crate::i18n::Zh;
use crate::i18n::commands::Commands;

impl Commands for Zh {}
