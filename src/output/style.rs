//! Terminal styling: colour only when stdout is a terminal and `NO_COLOR` is unset.

use std::io::IsTerminal;

#[derive(Clone, Copy, Debug)]
pub struct Style {
    pub color: bool,
}

impl Style {
    pub fn detect() -> Style {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Style {
            color: !no_color && std::io::stdout().is_terminal(),
        }
    }

    fn wrap(&self, code: &str, s: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    }
    pub fn bold(&self, s: &str) -> String {
        self.wrap("1", s)
    }
    pub fn dim(&self, s: &str) -> String {
        self.wrap("2", s)
    }
    pub fn outlet(&self, s: &str) -> String {
        self.wrap("36", s)
    }
    /// Highlighted words in snippets: colour on a terminal, [brackets] otherwise.
    pub fn hit(&self, s: &str) -> String {
        if self.color {
            self.wrap("1;33", s)
        } else {
            format!("[{s}]")
        }
    }
}
