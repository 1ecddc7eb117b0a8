//! YAML syntax errors in words an author knows.
//!
//! The YAML library reports what its scanner met ("mapping values are not
//! allowed in this context", "did not find expected key"); a person
//! writing front matter by hand needs to know what to change. [`explain`]
//! recognises the mistakes people make (a colon or an apostrophe in a
//! value, a value starting with `@`, a tab, a quote or a list left open, a
//! line indented by mistake), points at where the mistake is rather than
//! where the scanner gave up, and says what to do, with the line rewritten
//! where it can be.

use super::value_start;

/// A syntax error, explained.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Explained {
    pub message: String,
    pub help: Option<String>,
    /// 1-based, within the YAML text.
    pub line: usize,
    /// 1-based, in characters.
    pub column: usize,
}

/// Explains the library's message `full` (with its positions), for an
/// error it placed at `line` and `column` of `text`. Messages it does not
/// recognise keep their words, less the positions inside them, which
/// count from the start of the YAML rather than of the file.
pub(crate) fn explain(full: &str, text: &str, line: usize, column: usize) -> Explained {
    let failure = Failure {
        full,
        text,
        source: text.lines().nth(line.saturating_sub(1)).unwrap_or_default(),
        line,
        column,
    };
    failure
        .tab()
        .or_else(|| failure.unquoted_start())
        .or_else(|| failure.never_closed())
        .or_else(|| failure.colon_in_value())
        .or_else(|| failure.out_of_line())
        .unwrap_or_else(|| failure.here(&without_positions(full), None))
}

/// Where and how the library gave up.
struct Failure<'a> {
    /// The library's message, positions included.
    full: &'a str,
    /// The whole YAML text.
    text: &'a str,
    /// The line it gave up on.
    source: &'a str,
    line: usize,
    column: usize,
}

impl Failure<'_> {
    fn at(&self, message: &str, help: Option<String>, line: usize, column: usize) -> Explained {
        Explained {
            message: message.to_string(),
            help,
            line,
            column,
        }
    }

    /// Explained where the library gave up.
    fn here(&self, message: &str, help: Option<String>) -> Explained {
        self.at(message, help, self.line, self.column)
    }

    /// The character where the library gave up.
    fn found(&self) -> Option<char> {
        self.source.chars().nth(self.column.saturating_sub(1))
    }

    /// A tab indents the line.
    fn tab(&self) -> Option<Explained> {
        let is_tab = self.full.contains("found a tab character")
            || self.full.contains("cannot start any token") && self.found() == Some('\t');
        if !is_tab {
            return None;
        }
        let tab = self.source.chars().position(|c| c == '\t');
        Some(self.at(
            "a tab indents this line, and YAML allows only spaces",
            Some("replace the tab with spaces".to_string()),
            self.line,
            tab.map_or(self.column, |i| i + 1),
        ))
    }

    /// A value starts with a character YAML reserves (`@`, `` ` ``, `*`).
    fn unquoted_start(&self) -> Option<Explained> {
        if !self.full.contains("cannot start any token") && !self.full.starts_with("unknown anchor")
        {
            return None;
        }
        let first = self.found().filter(|c| !c.is_whitespace()).unwrap_or('*');
        Some(self.here(
            &format!("a value cannot start with `{first}` unless it is in quotes"),
            Some(quote_help(self.source)),
        ))
    }

    /// Something opened and never closed: the library stops where it gave
    /// up, and names where the thing opened.
    fn never_closed(&self) -> Option<Explained> {
        let (_, message, help) = NEVER_CLOSED
            .iter()
            .find(|(context, ..)| self.full.contains(context))?;
        let (line, column) = context_mark(self.full).unwrap_or((self.line, self.column));
        Some(self.at(message, Some(help.to_string()), line, column))
    }

    /// A colon and a space in a value, or a line indented by mistake.
    fn colon_in_value(&self) -> Option<Explained> {
        if !self.full.starts_with("mapping values are not allowed") {
            return None;
        }
        if is_continuation(self.text, self.line) {
            return Some(self.at(
                "this line is indented, so YAML reads it as more of the value on the line above",
                Some("remove the spaces at the start of the line".to_string()),
                self.line,
                first_non_space(self.source),
            ));
        }
        Some(self.here(
            "a value cannot hold a colon followed by a space unless it is in quotes",
            Some(quote_help(self.source)),
        ))
    }

    /// A quoted value with more after its closing quote, or a line that
    /// does not line up with those around it.
    fn out_of_line(&self) -> Option<Explained> {
        if !self.full.starts_with("did not find expected key") {
            return None;
        }
        let (value, value_column) = self.value();
        if let Some(explained) = self.after_quote(value, value_column) {
            return Some(explained);
        }
        Some(self.at(
            "this line does not line up with the lines around it",
            Some("YAML reads nesting from the spaces at the start of each line: line it up with the key or list item it belongs to".to_string()),
            self.line,
            first_non_space(self.source),
        ))
    }

    /// The value on the failing line, from its first character, and its
    /// column (the error's column when the line shows no value).
    fn value(&self) -> (&str, usize) {
        let source = self.source;
        let value_at = value_start(source);
        let value = value_at.map_or("", |at| {
            let skip: usize = source.chars().take(at - 1).map(char::len_utf8).sum();
            &source[skip..]
        });
        (value, value_at.unwrap_or(self.column))
    }

    /// A quoted `value` with more after its closing quote: an apostrophe
    /// in single quotes, or text after double ones.
    fn after_quote(&self, value: &str, value_column: usize) -> Option<Explained> {
        if let Some(inner) = value.strip_prefix('\'') {
            let inner = inner.trim_end().strip_suffix('\'').unwrap_or(inner);
            return Some(self.at(
                "an apostrophe ends this value early: it starts with a single quote",
                Some(format!(
                    "put the value in double quotes: {}",
                    rewritten(self.source, &double_quoted(inner))
                )),
                self.line,
                value_column,
            ));
        }
        value.starts_with('"').then(|| {
            self.at(
                "text follows the closing quote of this value",
                Some("put all of the value inside the quotes, and write a quote mark inside it as \\\"".to_string()),
                self.line,
                value_column,
            )
        })
    }
}

/// What the library was reading when a text ended too soon, what that
/// means, and what to do.
const NEVER_CLOSED: [(&str, &str, &str); 3] = [
    (
        "while scanning a quoted scalar",
        "this quoted value has no closing quote",
        "end the value with the quote mark it starts with",
    ),
    (
        "while parsing a flow sequence",
        "this list in square brackets is never closed",
        "end the list with `]` on the same line, as in topics: [grief, carers]",
    ),
    (
        "while parsing a flow mapping",
        "these curly brackets are never closed",
        "close them with `}`, or put the value in quotes",
    ),
];

/// The position in the library's last "at line L column C": where the
/// thing it was reading (a quoted value, a list) started.
fn context_mark(full: &str) -> Option<(usize, usize)> {
    let rest = &full[full.rfind(" at line ")? + " at line ".len()..];
    let (line, rest) = rest.split_once(" column ")?;
    let column: String = rest.chars().take_while(char::is_ascii_digit).collect();
    Some((line.parse().ok()?, column.parse().ok()?))
}

/// `full` without its " at line L column C" parts.
fn without_positions(full: &str) -> String {
    let mut out = String::new();
    let mut rest = full;
    while let Some(at) = rest.find(" at line ") {
        out.push_str(&rest[..at]);
        let after = &rest[at + " at line ".len()..];
        let skip = after
            .find(" column ")
            .map(|c| c + " column ".len())
            .map_or(0, |c| {
                c + after[c..].chars().take_while(char::is_ascii_digit).count()
            });
        rest = &after[skip..];
    }
    out.push_str(rest);
    out
}

/// Whether 1-based `line` is indented under a line whose value is text, so
/// that YAML reads it as more of that text.
fn is_continuation(text: &str, line: usize) -> bool {
    let lines: Vec<&str> = text.lines().collect();
    let Some(this) = line.checked_sub(1).and_then(|i| lines.get(i)) else {
        return false;
    };
    let above = lines[..line - 1]
        .iter()
        .rev()
        .find(|l| !l.trim().is_empty());
    let indent = |l: &str| l.len() - l.trim_start().len();
    above.is_some_and(|above| {
        let has_text_value = value_start(above).is_some();
        has_text_value && indent(this) > indent(above)
    })
}

fn first_non_space(line: &str) -> usize {
    line.chars().position(|c| !c.is_whitespace()).unwrap_or(0) + 1
}

/// What to write: the line with its value in double quotes.
fn quote_help(line: &str) -> String {
    let value = match line.split_once(':') {
        Some((_, value)) if !line.trim_start().starts_with('-') => value.trim(),
        _ => line.trim_start().trim_start_matches('-').trim(),
    };
    format!(
        "put the value in double quotes: {}",
        rewritten(line, &double_quoted(value))
    )
}

/// `line` with its value (after `key:` or `-`) replaced by `value`.
fn rewritten(line: &str, value: &str) -> String {
    let trimmed = line.trim_start();
    if let Some((key, _)) = trimmed
        .split_once(':')
        .filter(|_| !trimmed.starts_with('-'))
    {
        format!("{key}: {value}")
    } else {
        format!("- {value}")
    }
}

fn double_quoted(value: &str) -> String {
    format!("\"{}\"", value.replace('\\', "\\\\").replace('"', "\\\""))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The library's error for `text`, explained.
    fn explained(text: &str) -> Explained {
        let error = serde_yaml::from_str::<serde_yaml::Value>(text).expect_err("a syntax error");
        let at = error.location().expect("a position");
        explain(&error.to_string(), text, at.line(), at.column())
    }

    fn summary(e: &Explained) -> (&str, Option<&str>, usize, usize) {
        (e.message.as_str(), e.help.as_deref(), e.line, e.column)
    }

    /// What an error says and where, for the given text.
    fn placed(text: &str) -> (String, usize, usize) {
        let e = explained(text);
        (e.message, e.line, e.column)
    }

    #[test]
    fn values_that_need_quotes_are_rewritten_in_them() {
        let colon = explained("title: Caring: a guide\ndescription: x\n");
        assert_eq!(
            summary(&colon),
            (
                "a value cannot hold a colon followed by a space unless it is in quotes",
                Some("put the value in double quotes: title: \"Caring: a guide\""),
                1,
                14
            )
        );
        let at = explained("a: 1\ntitle: @home\n");
        assert_eq!(
            summary(&at),
            (
                "a value cannot start with `@` unless it is in quotes",
                Some("put the value in double quotes: title: \"@home\""),
                2,
                8
            )
        );
        let item = explained("topics:\n  - `code` \"x\"\n");
        assert_eq!(
            item.help.as_deref(),
            Some("put the value in double quotes: - \"`code` \\\"x\\\"\"")
        );
        let apostrophe = explained("title: 'it's here'\n");
        assert_eq!(
            summary(&apostrophe),
            (
                "an apostrophe ends this value early: it starts with a single quote",
                Some("put the value in double quotes: title: \"it's here\""),
                1,
                8
            )
        );
    }

    #[test]
    fn open_quotes_and_lists_point_where_they_open() {
        let closing = "this quoted value has no closing quote";
        assert_eq!(
            placed("a: 1\ntitle: \"Unclosed\nb: x\n"),
            (closing.into(), 2, 8)
        );
        let list = "this list in square brackets is never closed";
        assert_eq!(
            placed("title: A\ntopics: [a, b\nb: x\n"),
            (list.into(), 2, 9)
        );
    }

    #[test]
    fn indentation_and_tabs_are_named() {
        let indented =
            "this line is indented, so YAML reads it as more of the value on the line above";
        assert_eq!(
            placed("title: A\n  description: x\n"),
            (indented.into(), 2, 3)
        );
        let tab = "a tab indents this line, and YAML allows only spaces";
        assert_eq!(placed("title: A\ntopics:\n\t- a\n"), (tab.into(), 3, 1));
        let out_of_line = "this line does not line up with the lines around it";
        assert_eq!(
            placed("topics:\n  - a\n b: c\n"),
            (out_of_line.into(), 3, 2)
        );
    }

    #[test]
    fn other_messages_lose_their_positions() {
        assert_eq!(
            without_positions("did not find expected ',' or ']' at line 3 column 12, while parsing a flow sequence at line 2 column 9"),
            "did not find expected ',' or ']', while parsing a flow sequence"
        );
        assert_eq!(
            context_mark("x at line 3 column 12, y at line 2 column 9"),
            Some((2, 9))
        );
    }
}
