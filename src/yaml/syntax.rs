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
pub struct Explained {
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
pub fn explain(full: &str, text: &str, line: usize, column: usize) -> Explained {
    let source = text.lines().nth(line.saturating_sub(1)).unwrap_or_default();
    let found = source.chars().nth(column.saturating_sub(1));
    let at = |message: &str, help: Option<String>, line: usize, column: usize| Explained {
        message: message.to_string(),
        help,
        line,
        column,
    };
    let here = |message: &str, help: Option<String>| at(message, help, line, column);
    let start_of_text = first_non_space(source);

    if full.contains("found a tab character")
        || full.contains("cannot start any token") && found == Some('\t')
    {
        let tab = source
            .chars()
            .position(|c| c == '\t')
            .map_or(column, |i| i + 1);
        return at(
            "a tab indents this line, and YAML allows only spaces",
            Some("replace the tab with spaces".to_string()),
            line,
            tab,
        );
    }
    if full.contains("cannot start any token") || full.starts_with("unknown anchor") {
        let first = found.filter(|c| !c.is_whitespace()).unwrap_or('*');
        return here(
            &format!("a value cannot start with `{first}` unless it is in quotes"),
            Some(quote_help(source)),
        );
    }
    // Something opened and never closed: the library stops where it
    // gave up, and names where the thing opened.
    for (context, message, help) in NEVER_CLOSED {
        if full.contains(context) {
            let (line, column) = context_mark(full).unwrap_or((line, column));
            return at(message, Some(help.to_string()), line, column);
        }
    }
    if full.starts_with("mapping values are not allowed") {
        if is_continuation(text, line) {
            return at(
                "this line is indented, so YAML reads it as more of the value on the line above",
                Some("remove the spaces at the start of the line".to_string()),
                line,
                start_of_text,
            );
        }
        return here(
            "a value cannot hold a colon followed by a space unless it is in quotes",
            Some(quote_help(source)),
        );
    }
    if full.starts_with("did not find expected key") {
        let value_at = value_start(source);
        let value = value_at.map_or("", |at| {
            let skip: usize = source.chars().take(at - 1).map(char::len_utf8).sum();
            &source[skip..]
        });
        if let Some(inner) = value.strip_prefix('\'') {
            let inner = inner.trim_end().strip_suffix('\'').unwrap_or(inner);
            return at(
                "an apostrophe ends this value early: it starts with a single quote",
                Some(format!(
                    "put the value in double quotes: {}",
                    rewritten(source, &double_quoted(inner))
                )),
                line,
                value_at.unwrap_or(column),
            );
        }
        if value.starts_with('"') {
            return at(
                "text follows the closing quote of this value",
                Some("put all of the value inside the quotes, and write a quote mark inside it as \\\"".to_string()),
                line,
                value_at.unwrap_or(column),
            );
        }
        return at(
            "this line does not line up with the lines around it",
            Some("YAML reads nesting from the spaces at the start of each line: line it up with the key or list item it belongs to".to_string()),
            line,
            start_of_text,
        );
    }
    here(&without_positions(full), None)
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
