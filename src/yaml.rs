//! The one place that knows the YAML library.
//!
//! `site.yaml` and front matter are both parsed here, so replacing the
//! archived `serde_yaml` crate means changing this file alone, and
//! `syntax`, which puts its syntax errors in plain words. Errors come back
//! as [`YamlError`] with a line and column relative to the YAML text;
//! callers add the offset of the text in its file.

mod syntax;

use std::fmt;

use serde::de::{self, DeserializeOwned, Visitor};
use serde::{Deserialize, Deserializer};

pub(crate) use crate::error::suggest;
use crate::error::ErrorKind;

/// A YAML problem, located within the YAML text itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct YamlError {
    /// Syntax error, missing field, invalid value or unknown key.
    pub kind: ErrorKind,
    /// The message, without position.
    pub message: String,
    /// 1-based line within the YAML text (0 when unknown).
    pub line: usize,
    /// 1-based column (0 when unknown).
    pub column: usize,
    /// The field concerned, for missing and unknown fields.
    pub field: Option<String>,
    /// A near-miss suggestion for an unknown key.
    pub suggestion: Option<String>,
    /// What to do, for a syntax error.
    pub help: Option<String>,
}

/// A top-level key of a YAML mapping and where it stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Key {
    /// The key as written, without quotes.
    pub name: String,
    /// 1-based line within the YAML text.
    pub line: usize,
    /// 1-based column of the key.
    pub column: usize,
}

/// Parses YAML text into `T`. An empty text parses as an empty mapping.
pub fn parse<T: DeserializeOwned>(text: &str) -> Result<T, YamlError> {
    let text = if text.trim().is_empty() { "{}" } else { text };
    serde_yaml::from_str(text).map_err(|error| classify(&error, text))
}

/// What [`parse_around`] makes of a text.
#[derive(Debug)]
pub(crate) struct Around<T> {
    /// The text read with every entry that has an error left out (each
    /// such entry taking its default), when that reads.
    pub value: Option<T>,
    /// The errors, one per entry at most.
    pub errors: Vec<YamlError>,
    /// The top-level keys of the entries left out.
    pub left_out: Vec<String>,
}

/// Parses YAML text into `T`, reporting a problem in every top-level entry
/// rather than the first alone, and giving back what the text holds once
/// every entry with an error is left out, when that parses: so that checks
/// of the other entries can still run while those errors stand.
///
/// The YAML library stops at its first error. When that error lies inside
/// one top-level entry (`topics: 5`), the entry is blanked out, keeping
/// its lines so that positions hold, and the text is parsed again, until
/// it parses or an error cannot be pinned to an entry: a syntax error, or
/// a missing field. A missing field that only blanking caused is not
/// reported. At most one error is reported per entry.
pub(crate) fn parse_around<T: DeserializeOwned>(text: &str) -> Around<T> {
    let mut errors = Vec::new();
    let mut blanked: Vec<String> = Vec::new();
    let mut current = text.to_string();
    loop {
        let error = match parse(&current) {
            Ok(value) => {
                return Around {
                    value: Some(value),
                    errors,
                    left_out: blanked,
                }
            }
            Err(error) => error,
        };
        if is_caused_by_blanking(&error, &blanked) {
            return Around::unread(errors, blanked);
        }
        let entry = pinned_entry(&error, &current);
        errors.push(error);
        let Some((name, lines)) = entry else {
            return Around::unread(errors, blanked);
        };
        current = blank_lines(&current, lines);
        blanked.push(name);
    }
}

impl<T> Around<T> {
    /// No value: the text does not parse even with entries left out.
    fn unread(errors: Vec<YamlError>, left_out: Vec<String>) -> Self {
        Around {
            value: None,
            errors,
            left_out,
        }
    }
}

/// True when an error is one that blanking the entries in `blanked` made,
/// not the text: a missing field that was blanked, or any syntax error
/// after blanking (the whole text is read before any value is typed, so a
/// syntax error met then, an anchor whose entry went, is ours).
fn is_caused_by_blanking(error: &YamlError, blanked: &[String]) -> bool {
    !blanked.is_empty() && error.kind == ErrorKind::Yaml
        || error.kind == ErrorKind::MissingField
            && error.field.as_ref().is_some_and(|f| blanked.contains(f))
}

/// The top-level entry an error lies in, when it can be pinned to one:
/// not a syntax error or a missing field.
fn pinned_entry(error: &YamlError, text: &str) -> Option<(String, std::ops::Range<usize>)> {
    (error.kind != ErrorKind::Yaml && error.kind != ErrorKind::MissingField)
        .then(|| entry_around(text, error.line))
        .flatten()
}

/// The top-level entry whose lines hold 1-based `line`: its key and its
/// lines, from the key's line up to the next top-level key.
fn entry_around(text: &str, line: usize) -> Option<(String, std::ops::Range<usize>)> {
    let keys = top_level_keys(text);
    let at = keys.iter().rposition(|key| key.line <= line)?;
    let end = keys.get(at + 1).map_or(usize::MAX, |next| next.line);
    Some((keys[at].name.clone(), keys[at].line..end))
}

/// `text` with the 1-based `lines` emptied, line breaks kept.
fn blank_lines(text: &str, lines: std::ops::Range<usize>) -> String {
    text.split_inclusive('\n')
        .enumerate()
        .map(|(index, line)| {
            if lines.contains(&(index + 1)) {
                if line.ends_with('\n') {
                    "\n"
                } else {
                    ""
                }
            } else {
                line
            }
        })
        .collect()
}

/// Parses YAML text into a generic JSON-like value, for free-form data.
pub(crate) fn parse_value(text: &str) -> Result<serde_json::Value, YamlError> {
    parse(text)
}

fn classify(error: &serde_yaml::Error, text: &str) -> YamlError {
    let full = error.to_string();
    let located = match full.rfind(" at line ") {
        Some(cut) => &full[..cut],
        None => full.as_str(),
    };
    let (path, raw) = split_path(located);
    let (line, column) = error
        .location()
        .map_or((0, 0), |at| (at.line(), at.column()));
    let field = backticked(raw);
    let (kind, suggestion) = kind_of(raw, field.as_deref());
    if kind == ErrorKind::Yaml {
        let explained = syntax::explain(&full, text, line, column);
        return syntax_error(explained, field, suggestion);
    }
    let message = worded(kind, path, raw, field.as_deref());
    let (message, help) = message_and_help(kind, path, raw, message);
    YamlError {
        kind,
        message,
        line,
        column,
        field,
        suggestion,
        help,
    }
}

/// The kind of error the library's message `raw` tells of, and for an
/// unknown field the known one it is a near miss of.
fn kind_of(raw: &str, field: Option<&str>) -> (ErrorKind, Option<String>) {
    if raw.starts_with("missing field") {
        (ErrorKind::MissingField, None)
    } else if raw.starts_with("unknown field") {
        let expected = expected_names(raw);
        let suggestion = field.and_then(|name| suggest(name, expected.iter().map(String::as_str)));
        (ErrorKind::UnknownKey, suggestion)
    } else if is_value_error(raw) {
        (ErrorKind::InvalidValue, None)
    } else {
        (ErrorKind::Yaml, None)
    }
}

/// A syntax error as explained from the text around it.
fn syntax_error(
    explained: syntax::Explained,
    field: Option<String>,
    suggestion: Option<String>,
) -> YamlError {
    YamlError {
        kind: ErrorKind::Yaml,
        message: explained.message,
        line: explained.line,
        column: explained.column,
        field,
        suggestion,
        help: explained.help,
    }
}

/// The library's message `raw` in plain words, naming where in the
/// document (`path`) it is.
fn worded(kind: ErrorKind, path: Option<&str>, raw: &str, field: Option<&str>) -> String {
    match (kind, path) {
        (ErrorKind::InvalidValue, Some(path)) => {
            format!("`{path}`: {}", plain_message(kind, raw, None))
        }
        (_, Some(path)) if path != "." => {
            format!("in `{path}`: {}", plain_message(kind, raw, field))
        }
        _ => plain_message(kind, raw, field),
    }
}

/// The message and help: for a value of the wrong type, in plain words
/// with the line to write; else the `worded` message made human.
fn message_and_help(
    kind: ErrorKind,
    path: Option<&str>,
    raw: &str,
    worded: String,
) -> (String, Option<String>) {
    let plain = path
        .filter(|_| kind == ErrorKind::InvalidValue)
        .and_then(|path| plain_type_error(path, raw));
    match plain {
        Some((message, help)) => (message, Some(help)),
        None => (humanise(&worded), None),
    }
}

/// A value of the wrong type (`draft: yes`, `outcomes: one line`) in
/// plain words, with the line to write: the message and the help, or
/// `None` for another error. `path` is where the value is (`draft`,
/// `resources[0]`, `markdown.raw_html`); `raw` is the library's message.
fn plain_type_error(path: &str, raw: &str) -> Option<(String, String)> {
    let (found, expected) = raw
        .strip_prefix("invalid type: ")?
        .split_once(", expected ")?;
    Slip::at(path, found).in_plain_words(found, expected)
}

/// Where a value of the wrong type was written, as the words about it
/// need it.
struct Slip<'a> {
    /// The field, without an item's `[n]`: `resources`, `markdown.raw_html`.
    field: &'a str,
    /// The key as written on its line: `raw_html`.
    key: &'a str,
    /// Whether the value is an item of a list.
    is_item: bool,
    /// What the message is about: `` `draft` `` or ``each item of `outcomes` ``.
    subject: String,
    /// The value as written, or `...`, for an example line.
    example: String,
}

impl<'a> Slip<'a> {
    fn at(path: &'a str, found: &str) -> Self {
        let (field, is_item) = match path.strip_suffix(']').and_then(|p| p.rsplit_once('[')) {
            Some((list, _)) => (list, true),
            None => (path, false),
        };
        let subject = if is_item {
            format!("each item of `{field}`")
        } else {
            format!("`{field}`")
        };
        Slip {
            field,
            key: field.rsplit('.').next().unwrap_or(field),
            is_item,
            subject,
            example: written_value(found).unwrap_or_else(|| "...".to_string()),
        }
    }

    /// Whether the key names a date by Hearth's conventions.
    fn is_date(&self) -> bool {
        let key = self.key;
        key.contains("date")
            || key.ends_with("_on")
            || [
                "updated",
                "last_reviewed",
                "review_due",
                "published",
                "fix_by",
            ]
            .contains(&key)
    }

    /// The message and the help for `found` where `expected` was wanted.
    fn in_plain_words(&self, found: &str, expected: &str) -> Option<(String, String)> {
        if found == "unit value" {
            return Some(self.empty());
        }
        self.wrong_type(expected)
    }

    /// A key or a list's `- ` with nothing after it.
    fn empty(&self) -> (String, String) {
        let Slip { field, key, .. } = self;
        if self.is_item {
            (
                format!("an item of `{field}` is empty"),
                "write the item's text after the `- `, or delete the line".to_string(),
            )
        } else {
            (
                format!("`{field}` is empty"),
                format!("write its value after `{key}:`, or delete the line"),
            )
        }
    }

    /// A value written where one of another type was `expected`.
    fn wrong_type(&self, expected: &str) -> Option<(String, String)> {
        self.wrong_scalar(expected)
            .or_else(|| self.wrong_shape(expected))
    }

    /// Where a true or false, a number or a date was `expected`.
    fn wrong_scalar(&self, expected: &str) -> Option<(String, String)> {
        let Slip { key, subject, .. } = self;
        let is_number = ["i64", "u64", "i32", "u32", "u16", "u8", "usize"].contains(&expected);
        match expected {
            "a boolean" => Some((
                format!("{subject} must be true or false"),
                format!("write `{key}: true` or `{key}: false`"),
            )),
            _ if is_number => Some((
                format!("{subject} must be a whole number"),
                format!("write a number in figures, as in `{key}: 2`"),
            )),
            "f64" | "f32" => Some((
                format!("{subject} must be a number"),
                format!("write a number in figures, as in `{key}: 1.5`"),
            )),
            "a string" | "text, a number or a date" if self.is_date() => Some((
                format!("{subject} must be a date"),
                format!("write the date as year-month-day, as in `{key}: 2026-03-01`"),
            )),
            _ => None,
        }
    }

    /// Where a list, a text, a word list or `name: value` lines were
    /// `expected`.
    fn wrong_shape(&self, expected: &str) -> Option<(String, String)> {
        let Slip {
            key,
            subject,
            example,
            ..
        } = self;
        let (message, help) = match expected {
            "a sequence" => (
                format!("{subject} is a list"),
                format!("write `{key}:` alone on its line, then each item on its own line below it, starting with `- `, as in `- {example}`"),
            ),
            "a string" | "text, a number or a date" => (
                format!("{subject} must be text on one line, not a list or `name: value` lines"),
                format!("write the text after `{key}:` on its line, in quotes if it holds a colon or starts with [ or {{"),
            ),
            "a word or a list of words" => (
                format!("{subject} must be a word or a list of words"),
                format!("write `{key}: {example}`, or each word on its own line below `{key}:`, starting with `- `"),
            ),
            _ if expected == "a map" || expected.starts_with("struct ") => (
                format!("{subject} must be `name: value` lines"),
                format!("write `{key}:` alone on its line, then each `name: value` on its own line below it, indented by two spaces"),
            ),
            _ => return None,
        };
        Some((message, help))
    }
}

/// The value the library found, as written, when it is a scalar: the
/// `x` of `string "x"` or `integer `5``.
fn written_value(found: &str) -> Option<String> {
    if let Some(text) = found.strip_prefix("string \"") {
        return text.strip_suffix('"').map(str::to_string);
    }
    let start = found.find('`')? + 1;
    let end = start + found[start..].find('`')?;
    Some(found[start..end].to_string())
}

const PHRASES: &[&str] = &[
    "invalid type",
    "invalid value",
    "unknown variant",
    "invalid length",
    "missing field",
    "unknown field",
];

/// Splits serde's `path.to.field: message` into its parts.
fn split_path(message: &str) -> (Option<&str>, &str) {
    for phrase in PHRASES {
        if let Some(at) = message.find(&format!(": {phrase}")) {
            return (Some(&message[..at]), &message[at + 2..]);
        }
    }
    (None, message)
}

fn is_value_error(message: &str) -> bool {
    [
        "invalid type",
        "invalid value",
        "unknown variant",
        "invalid length",
    ]
    .iter()
    .any(|prefix| message.starts_with(prefix))
}

fn plain_message(kind: ErrorKind, message: &str, field: Option<&str>) -> String {
    match (kind, field) {
        (ErrorKind::MissingField, Some(field)) => format!("missing required field `{field}`"),
        (ErrorKind::UnknownKey, Some(field)) => format!("unknown key `{field}`"),
        _ => message
            .split(", expected one of")
            .next()
            .unwrap_or(message)
            .to_string(),
    }
}

/// Serde's type names, in words an author knows.
fn humanise(message: &str) -> String {
    const WORDS: &[(&str, &str)] = &[
        ("expected i64", "expected a whole number"),
        ("expected u64", "expected a whole number"),
        ("expected u32", "expected a whole number"),
        ("expected usize", "expected a whole number"),
        ("expected a boolean", "expected true or false"),
        ("expected a sequence", "expected a list"),
        ("expected a string", "expected text"),
        ("expected a map", "expected `key: value` lines"),
        ("type: string ", "type: text "),
        ("type: sequence", "type: list"),
        ("type: map", "type: `key: value` lines"),
    ];
    let mut text = message.to_string();
    for (from, to) in WORDS {
        text = text.replace(from, to);
    }
    text
}

fn backticked(message: &str) -> Option<String> {
    let start = message.find('`')? + 1;
    let end = start + message[start..].find('`')?;
    Some(message[start..end].to_string())
}

fn expected_names(message: &str) -> Vec<String> {
    let Some(at) = message.find("expected ") else {
        return Vec::new();
    };
    message[at..]
        .split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect()
}

/// Whether `name` is a slip of the keyboard away from `meant`: the same
/// but for capitals, or one letter added, left out, changed or two
/// swapped (two for longer names). A near miss is a typo, not a name of
/// the author's own.
pub(crate) fn is_near_miss(name: &str, meant: &str) -> bool {
    let allowed = if meant.chars().count() >= 8 { 2 } else { 1 };
    strsim::damerau_levenshtein(&name.to_lowercase(), &meant.to_lowercase()) <= allowed
}

/// The keys of the top-level mapping, with their positions, read from the text.
///
/// The YAML library does not keep positions, so this reads them off the
/// lines: a top-level key starts in column 1 and is followed by a colon.
pub(crate) fn top_level_keys(text: &str) -> Vec<Key> {
    text.lines()
        .enumerate()
        .filter_map(|(index, line)| key_of_line(line).map(|name| (index, name)))
        .map(|(index, name)| Key {
            name,
            line: index + 1,
            column: 1,
        })
        .collect()
}

/// The column of the value on `key_line` (1-based), the line of a
/// top-level key, or 1 (the key) when the value starts on a later line.
pub(crate) fn value_column(yaml_text: &str, key_line: usize) -> usize {
    key_line
        .checked_sub(1)
        .and_then(|index| yaml_text.lines().nth(index))
        .and_then(value_start)
        .unwrap_or(1)
}

/// The 1-based column where the value of a `key: value` line starts,
/// when the line has one (not a comment).
fn value_start(line: &str) -> Option<usize> {
    let colon = line.find(": ")?;
    let value = line[colon + 1..].trim_start();
    if value.is_empty() || value.starts_with('#') {
        return None;
    }
    Some(line[..line.len() - value.len()].chars().count() + 1)
}

/// The line and column of `key:` indented under the top-level `parent:`,
/// or (0, 0) when it is not there.
pub(crate) fn nested_key_place(text: &str, parent: &str, key: &str) -> (usize, usize) {
    let mut is_inside = false;
    for (index, line) in text.lines().enumerate() {
        let is_top = line
            .chars()
            .next()
            .is_some_and(|c| !c.is_whitespace() && c != '#');
        if is_top {
            is_inside = line.starts_with(&format!("{parent}:"));
            continue;
        }
        let trimmed = line.trim_start();
        if is_inside && trimmed.starts_with(&format!("{key}:")) {
            return (index + 1, line.len() - trimmed.len() + 1);
        }
    }
    (0, 0)
}

/// Where `value` is written in the block of the top-level key `key` (its
/// line and the indented or flow lines after it, up to the next top-level
/// key or a `---` line): each place's 1-based line and column (in
/// characters), in order. The YAML library keeps no positions for nested
/// values, so they are read off the text: a place is `value` standing as
/// a whole word, quoted or not, and with `field`, only as that field's
/// value (`field: value`). Empty when the key or value is not found, or
/// `value` is empty.
pub(crate) fn places_in_block(
    text: &str,
    key: &str,
    field: Option<&str>,
    value: &str,
) -> Vec<(usize, usize)> {
    if value.is_empty() {
        return Vec::new();
    }
    let mut places = Vec::new();
    let mut in_block = false;
    for (index, line) in text.lines().enumerate() {
        // On the key's own line, only what follows the key counts.
        let mut from = 0;
        match key_of_line(line) {
            Some(name) => {
                in_block = name == key;
                from = line.find(':').map_or(line.len(), |colon| colon + 1);
            }
            None if matches!(line.trim_end(), "---" | "...") => in_block = false,
            None => {}
        }
        if !in_block {
            continue;
        }
        let columns = columns_in_line(line, from, field, value);
        places.extend(columns.into_iter().map(|column| (index + 1, column)));
    }
    places
}

/// The 1-based columns (in characters) where `value` stands as a whole
/// word in `line` after byte `from`, and with `field`, as its value.
fn columns_in_line(line: &str, from: usize, field: Option<&str>, value: &str) -> Vec<usize> {
    line[from..]
        .match_indices(value)
        .map(|(at, _)| from + at)
        .filter(|&at| {
            let before = line[..at].chars().next_back();
            let after = line[at + value.len()..].chars().next();
            is_field_value(&line[..at], field)
                && !before.is_some_and(is_word_char)
                && !after.is_some_and(is_word_char)
        })
        .map(|at| line[..at].chars().count() + 1)
        .collect()
}

/// True when the text `before` a value ends with `field:` (quoted or
/// not), or there is no field to look for.
fn is_field_value(before: &str, field: Option<&str>) -> bool {
    field.is_none_or(|field| {
        let before = before.trim_end_matches(['"', '\'']).trim_end();
        before
            .strip_suffix(':')
            .is_some_and(|before| before.trim_end_matches(['"', '\'']).ends_with(field))
    })
}

/// A character that can be part of a word, a path or an address.
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '_' | '-' | '/' | '.' | '@')
}

/// The `nth` (from 0) of [`places_in_block`], or when the text does not
/// show it as written (with escapes, say), the key's line and column 1;
/// (0, 0) without the key.
pub(crate) fn place_in_block(
    text: &str,
    key: &str,
    field: Option<&str>,
    value: &str,
    nth: usize,
) -> (usize, usize) {
    places_in_block(text, key, field, value)
        .get(nth)
        .copied()
        .unwrap_or_else(|| {
            top_level_keys(text)
                .into_iter()
                .find(|found| found.name == key)
                .map_or((0, 0), |found| (found.line, 1))
        })
}

fn key_of_line(line: &str) -> Option<String> {
    let first = line.chars().next()?;
    if first.is_whitespace() || matches!(first, '#' | '-' | '{' | '[' | '.' | '|' | '>') {
        return None;
    }
    let colon = line
        .find(": ")
        .or_else(|| line.strip_suffix(':').map(str::len))?;
    let name = line[..colon].trim().trim_matches(|c| c == '"' || c == '\'');
    (!name.is_empty()).then(|| name.to_string())
}

/// A scalar written as text or as a number (`version: 1.0`, `date: 2018`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Text(pub String);

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(TextVisitor)
    }
}

// `Text` and `OneOrMany` are read by visitors rather than as untagged
// enums: an untagged enum reads the value into a buffer first, and an
// error raised from there loses its place, so the YAML library put it on
// the first line of the front matter.
struct TextVisitor;

impl Visitor<'_> for TextVisitor {
    type Value = Text;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("text, a number or a date")
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<Text, E> {
        Ok(Text(value.to_string()))
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<Text, E> {
        Ok(Text(value.to_string()))
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<Text, E> {
        Ok(Text(value.to_string()))
    }

    fn visit_f64<E: de::Error>(self, value: f64) -> Result<Text, E> {
        Ok(Text(value.to_string()))
    }

    fn visit_bool<E: de::Error>(self, value: bool) -> Result<Text, E> {
        Ok(Text(value.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Sample {
        title: String,
        weight: Option<i64>,
    }

    #[test]
    fn wrong_type_is_an_invalid_value_at_its_line() {
        let error = parse::<Sample>("title: a\nweight: heavy\n").unwrap_err();
        assert_eq!(error.kind, ErrorKind::InvalidValue);
        assert_eq!((error.line, error.column), (2, 9));
    }

    #[test]
    fn unknown_field_suggests_the_near_miss() {
        let error = parse::<Sample>("title: a\nwieght: 1\n").unwrap_err();
        assert_eq!(error.kind, ErrorKind::UnknownKey);
        assert_eq!(error.field.as_deref(), Some("wieght"));
        assert_eq!(error.suggestion.as_deref(), Some("weight"));
        assert_eq!(error.line, 2);
    }

    #[test]
    fn nested_keys_are_found_under_their_parent() {
        let text = "title: x\nlast_reviewed: no\naccessibility:\n  organisation: A\n  last_reviewed: 2026-01-01\nextra: {}\n";
        assert_eq!(
            nested_key_place(text, "accessibility", "last_reviewed"),
            (5, 3)
        );
        assert_eq!(nested_key_place(text, "accessibility", "missing"), (0, 0));
    }

    #[test]
    fn parse_around_reports_each_entry_at_its_place() {
        let text = "wieght: 1\ntitle: [a, b]\nweight:\n  - 3\n";
        let around = parse_around::<Sample>(text);
        let found: Vec<_> = around.errors.iter().map(|e| (e.kind, e.line)).collect();
        assert_eq!(
            found,
            [
                (ErrorKind::UnknownKey, 1),
                (ErrorKind::InvalidValue, 2),
                (ErrorKind::InvalidValue, 4)
            ]
        );
        assert_eq!(around.left_out, ["wieght", "title", "weight"]);
        // Without its title, which is required, the rest does not read.
        assert!(around.value.is_none());
        let around = parse_around::<Sample>("title: a\nweight: [x]\n");
        assert_eq!(around.errors.len(), 1, "{:?}", around.errors);
        assert_eq!(around.left_out, ["weight"]);
        assert_eq!(
            around.value.map(|sample| sample.title).as_deref(),
            Some("a")
        );
    }

    #[test]
    fn parse_around_reports_no_error_of_its_own_making() {
        let errors = parse_around::<Sample>("title: [a]\nweight: 2\n").errors;
        assert_eq!(
            errors.len(),
            1,
            "blanking `title` made it missing: {errors:?}"
        );
        let text = "weight: &w [1]\ntitle: *w\n";
        let errors = parse_around::<Sample>(text).errors;
        let kinds: Vec<_> = errors.iter().map(|e| e.kind).collect();
        assert_eq!(kinds, [ErrorKind::InvalidValue], "{errors:?}");
        let error = parse_around::<Sample>("weight: 1\n").errors;
        assert_eq!(error[0].kind, ErrorKind::MissingField);
        assert!(!parse_around::<Sample>("title: a\nweight: [\n")
            .errors
            .is_empty());
        let around = parse_around::<Sample>("title: a\n");
        assert!(around.errors.is_empty(), "{:?}", around.errors);
        assert_eq!(
            around.value.map(|sample| sample.title).as_deref(),
            Some("a")
        );
    }

    #[test]
    fn missing_field_names_it() {
        let error = parse::<Sample>("weight: 1\n").unwrap_err();
        assert_eq!(error.kind, ErrorKind::MissingField);
        assert_eq!(error.field.as_deref(), Some("title"));
    }

    #[test]
    fn alias_bombs_and_deep_nesting_are_errors() {
        let mut bomb = String::from("a: &a [x,x,x,x,x,x,x,x,x]\n");
        for level in 1..10 {
            let prev = (b'a' + level - 1) as char;
            let next = (b'a' + level) as char;
            bomb.push_str(&format!("{next}: &{next} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]\n"));
        }
        assert!(parse_value(&bomb).is_err());
        let deep = format!("title: {}{}", "[".repeat(10_000), "]".repeat(10_000));
        assert!(parse_value(&deep).is_err());
    }

    #[test]
    fn top_level_keys_skip_nested_and_list_lines() {
        let keys = top_level_keys("title: A\nextra:\n  colour: red\n- item\n# note\nlast:\n");
        let names: Vec<_> = keys.iter().map(|k| (k.name.as_str(), k.line)).collect();
        assert_eq!(names, vec![("title", 1), ("extra", 2), ("last", 6)]);
    }

    #[test]
    fn values_are_found_as_whole_words_in_their_key_s_block() {
        let text = "---\ntitle: /a/\naliases: [\"/a/\", /a/b/]\nmenu:\n  - url: /a/\n    name: x /a/\nnext: /a/\n---\n/a/\n";
        // Not in `title`, `next` or the body; not inside /a/b/.
        assert_eq!(places_in_block(text, "aliases", None, "/a/"), vec![(3, 12)]);
        assert_eq!(
            places_in_block(text, "menu", None, "/a/"),
            vec![(5, 10), (6, 13)]
        );
        assert_eq!(
            places_in_block(text, "menu", Some("url"), "/a/"),
            vec![(5, 10)]
        );
        assert_eq!(
            places_in_block(text, "aliases", None, "/a/b/"),
            vec![(3, 18)]
        );
        assert!(places_in_block(text, "aliases", None, "").is_empty());
        assert!(places_in_block(text, "missing", None, "/a/").is_empty());
        // Columns count characters, not bytes.
        assert_eq!(places_in_block("k: [é, x]\n", "k", None, "x"), vec![(1, 8)]);
    }
}
