use crate::i18n::En;
use crate::i18n::readers::ReaderText;

impl ReaderText for En {}
