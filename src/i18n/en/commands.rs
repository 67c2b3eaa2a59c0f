use crate::i18n::En;
use crate::i18n::commands::Commands;

impl Commands for En {}
