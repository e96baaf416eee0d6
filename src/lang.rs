//! The language the tool speaks: Chinese by default, as the evaluators who read its output are
//! Chinese, English with `--lang en`. A leaf module, so that every stage can take a [`Lang`]
//! without depending on the command line.

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Lang {
    /// 中文
    #[default]
    Zh,
    /// English
    En,
}

impl Lang {
    /// The Chinese or the English of a text the tool writes.
    pub fn pick<T>(self, zh: T, en: T) -> T {
        match self {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }
}
