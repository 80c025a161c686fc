//! Lucene-style query syntax → an AST. Written by hand (rather than tantivy's QueryParser) to
//! get prefix queries, exact error positions, and per-language analysis of every term.
//!
//! Grammar: `or := and ("OR" and)*`, `and := unary (["AND"] unary)*` (AND is the default),
//! `unary := ("NOT" | "-" | "+") unary | primary`,
//! `primary := "(" or ")" | FIELD ":" (atom | "(" or ")" | range) | atom`,
//! `atom := "phrase"[~N] | word[*] | word~[N] | *`.

use std::fmt;

#[derive(Clone, Debug, PartialEq)]
pub enum Node {
    /// Matches every article (`*`).
    All,
    Term {
        field: Option<String>,
        text: String,
        kind: TermKind,
    },
    Phrase {
        field: Option<String>,
        text: String,
        slop: u32,
    },
    Range {
        field: String,
        lower: Option<String>,
        upper: Option<String>,
        lower_incl: bool,
        upper_incl: bool,
    },
    And(Vec<Node>),
    Or(Vec<Node>),
    Not(Box<Node>),
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum TermKind {
    Plain,
    Prefix,
    Fuzzy(u8),
}

#[derive(Clone, Debug, PartialEq)]
pub struct SyntaxError {
    /// Character position in the query (0-based).
    pub pos: usize,
    pub message: String,
    pub query: String,
}

impl fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "query syntax error at column {}: {}",
            self.pos + 1,
            self.message
        )?;
        writeln!(f, "  {}", self.query)?;
        write!(f, "  {}^", " ".repeat(self.pos))
    }
}

impl std::error::Error for SyntaxError {}

struct Parser<'a> {
    chars: Vec<char>,
    pos: usize,
    query: &'a str,
}

const SPECIAL: &[char] = &['(', ')', '"', ':', '[', ']', '{', '}', '^'];

pub fn parse(query: &str) -> Result<Node, SyntaxError> {
    let mut p = Parser {
        chars: query.chars().collect(),
        pos: 0,
        query,
    };
    p.skip_ws();
    if p.at_end() {
        return Err(p.err(0, "the query is empty; use * to match every article"));
    }
    // A query may start with "-word" (NOT), so a misspelled flag such as `--cuont` arrives here
    // as the query.
    if query.trim_start().starts_with("--") {
        return Err(p.err(
            p.pos,
            "this looks like an option the command does not have (see --help); a query cannot start with --",
        ));
    }
    let node = p.or()?;
    p.skip_ws();
    if !p.at_end() {
        let msg = if p.peek() == Some(')') {
            "unmatched closing parenthesis"
        } else {
            "unexpected text"
        };
        return Err(p.err(p.pos, msg));
    }
    Ok(node)
}

impl Parser<'_> {
    fn err(&self, pos: usize, msg: &str) -> SyntaxError {
        SyntaxError {
            pos,
            message: msg.to_string(),
            query: self.query.to_string(),
        }
    }
    fn at_end(&self) -> bool {
        self.pos >= self.chars.len()
    }
    fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }
    fn skip_ws(&mut self) {
        while self.peek().is_some_and(char::is_whitespace) {
            self.pos += 1;
        }
    }
    /// The next bare word without consuming it (for AND/OR/NOT/TO).
    fn peek_word(&self) -> String {
        self.chars[self.pos..]
            .iter()
            .take_while(|c| !c.is_whitespace() && !SPECIAL.contains(c))
            .collect()
    }
    fn eat_keyword(&mut self, kw: &str, alt: &str) -> bool {
        let w = self.peek_word();
        if w == kw || (!alt.is_empty() && w == alt) {
            self.pos += w.chars().count();
            self.skip_ws();
            true
        } else {
            false
        }
    }

    fn or(&mut self) -> Result<Node, SyntaxError> {
        let mut parts = vec![self.and()?];
        loop {
            self.skip_ws();
            let at = self.pos;
            if self.eat_keyword("OR", "||") {
                if self.at_end() || self.peek() == Some(')') {
                    return Err(self.err(at, "OR needs something on both sides"));
                }
                parts.push(self.and()?);
            } else {
                break;
            }
        }
        Ok(if parts.len() == 1 {
            parts.pop().unwrap()
        } else {
            Node::Or(parts)
        })
    }

    fn and(&mut self) -> Result<Node, SyntaxError> {
        let mut parts = vec![self.unary()?];
        loop {
            self.skip_ws();
            if self.at_end()
                || self.peek() == Some(')')
                || matches!(self.peek_word().as_str(), "OR" | "||")
            {
                break;
            }
            let at = self.pos;
            if self.eat_keyword("AND", "&&") && (self.at_end() || self.peek() == Some(')')) {
                return Err(self.err(at, "AND needs something on both sides"));
            }
            parts.push(self.unary()?);
        }
        Ok(if parts.len() == 1 {
            parts.pop().unwrap()
        } else {
            Node::And(parts)
        })
    }

    fn unary(&mut self) -> Result<Node, SyntaxError> {
        self.skip_ws();
        let at = self.pos;
        // An operator where a word should be: "OR ceasefire", "a OR OR b", "AND".
        let word = self.peek_word();
        if matches!(word.as_str(), "AND" | "OR" | "&&" | "||") {
            return Err(self.err(at, &format!("{word} needs something on both sides")));
        }
        if self.eat_keyword("NOT", "!") {
            if self.at_end() {
                return Err(self.err(at, "NOT needs something after it"));
            }
            return Ok(Node::Not(Box::new(self.unary()?)));
        }
        match self.peek() {
            Some('-' | '!')
                if self
                    .chars
                    .get(self.pos + 1)
                    .is_some_and(|c| !c.is_whitespace()) =>
            {
                self.pos += 1;
                Ok(Node::Not(Box::new(self.primary()?)))
            }
            Some('+')
                if self
                    .chars
                    .get(self.pos + 1)
                    .is_some_and(|c| !c.is_whitespace()) =>
            {
                self.pos += 1;
                self.primary()
            }
            _ => self.primary(),
        }
    }

    fn primary(&mut self) -> Result<Node, SyntaxError> {
        self.skip_ws();
        let start = self.pos;
        match self.peek() {
            None => Err(self.err(start, "the query ends where a term was expected")),
            Some('(') => self.group(),
            Some(')') => Err(self.err(start, "unmatched closing parenthesis")),
            Some('"') => self.phrase(None),
            Some(c) if SPECIAL.contains(&c) => Err(self.err(
                start,
                &format!("unexpected '{c}' (put it in quotes to search for it)"),
            )),
            Some(_) => {
                let word = self.word();
                if self.peek() == Some(':') {
                    self.pos += 1;
                    return self.fielded(word, start);
                }
                self.finish_term(None, word, start)
            }
        }
    }

    fn group(&mut self) -> Result<Node, SyntaxError> {
        let open = self.pos;
        self.pos += 1;
        self.skip_ws();
        if self.peek() == Some(')') {
            return Err(self.err(open, "empty parentheses"));
        }
        let inner = self.or()?;
        self.skip_ws();
        if self.peek() != Some(')') {
            return Err(self.err(open, "unclosed parenthesis"));
        }
        self.pos += 1;
        Ok(inner)
    }

    fn fielded(&mut self, field: String, start: usize) -> Result<Node, SyntaxError> {
        if field.is_empty() {
            return Err(self.err(start, "a field name is missing before ':'"));
        }
        match self.peek() {
            Some('(') => {
                let inner = self.group()?;
                Ok(with_field(inner, &field))
            }
            Some('"') => self.phrase(Some(field)),
            Some('[') | Some('{') => self.range(field),
            Some(c) if !c.is_whitespace() && !SPECIAL.contains(&c) => {
                let at = self.pos;
                let word = self.word();
                self.finish_term(Some(field), word, at)
            }
            _ => Err(self.err(self.pos, &format!("nothing after '{field}:'"))),
        }
    }

    fn word(&mut self) -> String {
        let mut out = String::new();
        while let Some(c) = self.peek() {
            if c == '\\' {
                if let Some(&n) = self.chars.get(self.pos + 1) {
                    out.push(n);
                    self.pos += 2;
                    continue;
                }
            }
            if c.is_whitespace() || SPECIAL.contains(&c) {
                break;
            }
            out.push(c);
            self.pos += 1;
        }
        out
    }

    fn finish_term(
        &mut self,
        field: Option<String>,
        word: String,
        start: usize,
    ) -> Result<Node, SyntaxError> {
        if word == "*" {
            return match field {
                None => Ok(Node::All),
                Some(f) => Ok(Node::Range {
                    field: f,
                    lower: None,
                    upper: None,
                    lower_incl: true,
                    upper_incl: true,
                }),
            };
        }
        if let Some((text, dist)) = word.rsplit_once('~') {
            if text.is_empty() {
                return Err(self.err(start, "'~' must follow a word or a phrase"));
            }
            let d = if dist.is_empty() {
                1
            } else {
                dist.parse::<u8>().ok().filter(|d| *d <= 2).ok_or_else(|| {
                    self.err(
                        start + text.chars().count(),
                        "fuzzy distance must be 0, 1 or 2 (as in term~1)",
                    )
                })?
            };
            return Ok(Node::Term {
                field,
                text: text.to_string(),
                kind: TermKind::Fuzzy(d),
            });
        }
        if let Some(text) = word.strip_suffix('*') {
            if text.is_empty() || text.contains('*') {
                return Err(self.err(start, "a prefix needs at least one letter before '*'"));
            }
            return Ok(Node::Term {
                field,
                text: text.to_string(),
                kind: TermKind::Prefix,
            });
        }
        if word.contains('*') || word.contains('?') {
            return Err(self.err(
                start,
                "wildcards are supported only at the end of a word (sanction*)",
            ));
        }
        Ok(Node::Term {
            field,
            text: word,
            kind: TermKind::Plain,
        })
    }

    fn phrase(&mut self, field: Option<String>) -> Result<Node, SyntaxError> {
        let open = self.pos;
        self.pos += 1;
        let mut text = String::new();
        loop {
            match self.peek() {
                None => return Err(self.err(open, "unclosed quote: add the closing \"")),
                Some('"') => {
                    self.pos += 1;
                    break;
                }
                Some('\\') if self.chars.get(self.pos + 1).is_some() => {
                    text.push(self.chars[self.pos + 1]);
                    self.pos += 2;
                }
                Some(c) => {
                    text.push(c);
                    self.pos += 1;
                }
            }
        }
        let mut slop = 0;
        if self.peek() == Some('~') {
            self.pos += 1;
            let at = self.pos;
            let digits: String = self.chars[self.pos..]
                .iter()
                .take_while(|c| c.is_ascii_digit())
                .collect();
            self.pos += digits.len();
            slop = digits
                .parse()
                .map_err(|_| self.err(at, "expected a number after '~' (as in \"a b\"~3)"))?;
        }
        if text.trim().is_empty() {
            return Err(self.err(open, "empty phrase"));
        }
        Ok(Node::Phrase { field, text, slop })
    }

    fn range(&mut self, field: String) -> Result<Node, SyntaxError> {
        let open = self.pos;
        let lower_incl = self.peek() == Some('[');
        self.pos += 1;
        self.skip_ws();
        let lower = self.range_value();
        self.skip_ws();
        if !self.eat_keyword("TO", "") {
            return Err(self.err(
                self.pos,
                "expected TO inside a range, as in date:[2025-08-01 TO 2025-08-31]",
            ));
        }
        let upper = self.range_value();
        self.skip_ws();
        let upper_incl = match self.peek() {
            Some(']') => true,
            Some('}') => false,
            _ => return Err(self.err(open, "unclosed range: end it with ] or }")),
        };
        self.pos += 1;
        let opt = |s: String| (s != "*" && !s.is_empty()).then_some(s);
        Ok(Node::Range {
            field,
            lower: opt(lower),
            upper: opt(upper),
            lower_incl,
            upper_incl,
        })
    }

    fn range_value(&mut self) -> String {
        self.skip_ws();
        if self.peek() == Some('"') {
            self.pos += 1;
            let v: String = self.chars[self.pos..]
                .iter()
                .take_while(|c| **c != '"')
                .collect();
            self.pos = (self.pos + v.chars().count() + 1).min(self.chars.len());
            return v;
        }
        let v: String = self.chars[self.pos..]
            .iter()
            .take_while(|c| !c.is_whitespace() && !matches!(c, ']' | '}'))
            .collect();
        self.pos += v.chars().count();
        v
    }
}

/// Applies `field:` to every term inside a group, as Lucene does for `title:(a OR b)`.
fn with_field(node: Node, f: &str) -> Node {
    let set = |field: Option<String>| Some(field.unwrap_or_else(|| f.to_string()));
    match node {
        Node::Term { field, text, kind } => Node::Term {
            field: set(field),
            text,
            kind,
        },
        Node::Phrase { field, text, slop } => Node::Phrase {
            field: set(field),
            text,
            slop,
        },
        Node::And(v) => Node::And(v.into_iter().map(|n| with_field(n, f)).collect()),
        Node::Or(v) => Node::Or(v.into_iter().map(|n| with_field(n, f)).collect()),
        Node::Not(n) => Node::Not(Box::new(with_field(*n, f))),
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(text: &str) -> Node {
        Node::Term {
            field: None,
            text: text.into(),
            kind: TermKind::Plain,
        }
    }

    #[test]
    fn default_operator_is_and_and_or_binds_looser() {
        assert_eq!(parse("a b").unwrap(), Node::And(vec![t("a"), t("b")]));
        assert_eq!(
            parse("a b OR c").unwrap(),
            Node::Or(vec![Node::And(vec![t("a"), t("b")]), t("c")])
        );
        assert_eq!(
            parse("a AND (b OR c)").unwrap(),
            Node::And(vec![t("a"), Node::Or(vec![t("b"), t("c")])])
        );
        assert_eq!(
            parse("a -b NOT c").unwrap(),
            Node::And(vec![
                t("a"),
                Node::Not(Box::new(t("b"))),
                Node::Not(Box::new(t("c")))
            ])
        );
    }

    #[test]
    fn phrases_fields_prefix_fuzzy_ranges() {
        assert_eq!(
            parse("\"security guarantee\"~2").unwrap(),
            Node::Phrase {
                field: None,
                text: "security guarantee".into(),
                slop: 2
            }
        );
        assert_eq!(
            parse("title:ceasefire").unwrap(),
            Node::Term {
                field: Some("title".into()),
                text: "ceasefire".into(),
                kind: TermKind::Plain
            }
        );
        assert_eq!(
            parse("zelensk*").unwrap(),
            Node::Term {
                field: None,
                text: "zelensk".into(),
                kind: TermKind::Prefix
            }
        );
        assert_eq!(
            parse("witkof~1").unwrap(),
            Node::Term {
                field: None,
                text: "witkof".into(),
                kind: TermKind::Fuzzy(1)
            }
        );
        assert_eq!(
            parse("date:[2025-08-01 TO *}").unwrap(),
            Node::Range {
                field: "date".into(),
                lower: Some("2025-08-01".into()),
                upper: None,
                lower_incl: true,
                upper_incl: false
            }
        );
        assert_eq!(
            parse("title:(a OR b)").unwrap(),
            Node::Or(vec![
                Node::Term {
                    field: Some("title".into()),
                    text: "a".into(),
                    kind: TermKind::Plain
                },
                Node::Term {
                    field: Some("title".into()),
                    text: "b".into(),
                    kind: TermKind::Plain
                },
            ])
        );
    }

    #[test]
    fn errors_say_where() {
        let e = parse("\"unclosed").unwrap_err();
        assert_eq!(
            (e.pos, e.message.as_str()),
            (0, "unclosed quote: add the closing \"")
        );
        assert_eq!(parse("a (b OR c").unwrap_err().pos, 2);
        assert_eq!(
            parse("a b)").unwrap_err().message,
            "unmatched closing parenthesis"
        );
        assert_eq!(parse("a OR").unwrap_err().pos, 2);
        // An operator where a word should be.
        assert_eq!(parse("OR a").unwrap_err().pos, 0);
        assert_eq!(parse("a OR OR b").unwrap_err().pos, 5);
        assert_eq!(parse("a AND && b").unwrap_err().pos, 6);
        assert!(parse("AND").is_err());
        assert!(parse("a and b").is_ok(), "lowercase: words");
        assert!(parse("").is_err());
        assert!(parse("wild*card").is_err());
        assert!(e.to_string().contains("column 1"));
    }
}
