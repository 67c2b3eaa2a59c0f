use crate::i18n::Zh;
use crate::i18n::readers::ReaderText;

impl ReaderText for Zh {}
