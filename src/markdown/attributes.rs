//! Pandoc attributes: `{#id .class key="value"}` after an image, a link or
//! a bracketed span, and on a fenced div's opening line.
//!
//! pulldown-cmark reads `{#id .class}` on headings itself; for the rest the
//! renderer looks at the body text just after the element and, when an
//! attribute block is there, reads it here and keeps its text off the page.
//! Values may be quoted with straight or curly quotes (a word processor's
//! `“50%”`), since authors paste from both.

/// What one `{...}` says.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Attributes {
    /// `#id`.
    pub id: Option<String>,
    /// `.class`, in order.
    pub classes: Vec<String>,
    /// `key="value"` pairs, in order; a bare `key` has an empty value.
    pub pairs: Vec<(String, String)>,
}

impl Attributes {
    /// The value of `key`, if given.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.pairs
            .iter()
            .find(|(name, _)| name.eq_ignore_ascii_case(key))
            .map(|(_, value)| value.as_str())
    }

    /// ` id="…" class="…"` and the pairs that are safe to write on an
    /// element, leaving out the keys in `except` (which the caller writes
    /// its own way) and event handlers.
    pub fn html(&self, except: &[&str]) -> String {
        let mut out = String::new();
        if let Some(id) = &self.id {
            out.push_str(&format!(" id=\"{}\"", super::escape_html(id)));
        }
        if !self.classes.is_empty() {
            let classes = self.classes.join(" ");
            out.push_str(&format!(" class=\"{}\"", super::escape_html(&classes)));
        }
        for (name, value) in &self.pairs {
            let lower = name.to_ascii_lowercase();
            let is_safe = (lower == "lang" || lower == "dir" || lower.starts_with("data-"))
                && lower.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
            if is_safe && !except.contains(&lower.as_str()) {
                out.push_str(&format!(" {lower}=\"{}\"", super::escape_html(value)));
            }
        }
        out
    }
}

/// The attribute block at the very start of `text`, and how many bytes it
/// takes; `None` when `text` does not start with a whole `{...}`. The block
/// may run over lines, but not over a blank line.
pub fn at_start(text: &str) -> Option<(Attributes, usize)> {
    let rest = text.strip_prefix('{')?;
    let mut attributes = Attributes::default();
    let mut chars = rest.char_indices().peekable();
    let mut last_newline = false;
    loop {
        let (at, c) = chars.next()?;
        match c {
            '}' => return Some((attributes, at + 2)),
            '\n' if last_newline => return None,
            '{' => return None,
            c if c.is_whitespace() => {
                last_newline = c == '\n';
                continue;
            }
            _ => {}
        }
        last_newline = false;
        let word = read_word(rest, at, &mut chars)?;
        add(&mut attributes, word);
    }
}

/// The characters an attribute block is read from, with their offsets.
type Chars<'t> = std::iter::Peekable<std::str::CharIndices<'t>>;

/// One word: `#id`, `.class`, `key`, or `key=value` with the value quoted or bare.
fn read_word(text: &str, start: usize, chars: &mut Chars) -> Option<(String, Option<String>)> {
    let mut end = text.len();
    while let Some(&(at, c)) = chars.peek() {
        if c == '=' || c == '}' || c.is_whitespace() {
            end = at;
            break;
        }
        chars.next();
    }
    let key = text[start..end].to_string();
    if chars.peek().map(|(_, c)| *c) != Some('=') {
        return Some((key, None));
    }
    chars.next();
    let open = chars.peek().map(|(_, c)| *c).filter(|c| QUOTES.contains(c));
    let value = match open {
        Some(open) => {
            chars.next();
            read_quoted(open, chars)?
        }
        None => read_bare(chars),
    };
    Some((key, Some(value)))
}

/// A value after its opening quote `open`, up to the quote that closes
/// it, a backslash escaping the character after it; `None` if the text
/// ends first.
fn read_quoted(open: char, chars: &mut Chars) -> Option<String> {
    let mut value = String::new();
    loop {
        let (_, c) = chars.next()?;
        if closes(open, c) {
            return Some(value);
        }
        if c == '\\' {
            if let Some((_, escaped)) = chars.next() {
                value.push(escaped);
            }
            continue;
        }
        value.push(c);
    }
}

/// A value without quotes, up to a space or the block's `}`.
fn read_bare(chars: &mut Chars) -> String {
    let mut value = String::new();
    while let Some(&(_, c)) = chars.peek() {
        if c == '}' || c.is_whitespace() {
            break;
        }
        value.push(c);
        chars.next();
    }
    value
}

const QUOTES: [char; 6] = ['"', '\'', '“', '”', '‘', '’'];

/// Whether `c` ends a value opened with the quote `open`.
fn closes(open: char, c: char) -> bool {
    match open {
        '“' | '”' => c == '”' || c == '“',
        '‘' | '’' => c == '’' || c == '‘',
        _ => c == open,
    }
}

fn add(attributes: &mut Attributes, (key, value): (String, Option<String>)) {
    match value {
        Some(value) => attributes.pairs.push((key, value)),
        None => {
            if let Some(id) = key.strip_prefix('#') {
                attributes.id = Some(id.to_string());
            } else if let Some(class) = key.strip_prefix('.') {
                attributes.classes.push(class.to_string());
            } else {
                attributes.classes.push(key);
            }
        }
    }
}

/// A width or height as written (`300`, `300px`, `50%`, `20em`): whole
/// pixels become [`Size::Pixels`], other CSS lengths are kept as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Size {
    /// A number of CSS pixels.
    Pixels(u32),
    /// A percentage or another CSS length, such as `50%`.
    Relative(String),
}

impl Size {
    /// Reads a size; `None` for anything that is not a plain length.
    pub fn parse(text: &str) -> Option<Size> {
        let text = text.trim();
        let number = text.strip_suffix("px").unwrap_or(text);
        if let Ok(pixels) = number.parse::<u32>() {
            return Some(Size::Pixels(pixels));
        }
        let unit_at = text.find(|c: char| !(c.is_ascii_digit() || c == '.'))?;
        let (amount, unit) = text.split_at(unit_at);
        let is_length = amount.parse::<f64>().is_ok()
            && ["%", "em", "rem", "ch", "vw", "in", "cm", "mm", "pt"].contains(&unit);
        is_length.then(|| Size::Relative(text.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_classes_and_quoted_values_are_read() {
        let (attributes, length) =
            at_start("{#fig-1 .wide alt='A tree, \"rooted\"' width=50%} after").expect("a block");
        assert_eq!(
            length,
            "{#fig-1 .wide alt='A tree, \"rooted\"' width=50%}".len()
        );
        assert_eq!(attributes.id.as_deref(), Some("fig-1"));
        assert_eq!(attributes.classes, ["wide"]);
        assert_eq!(attributes.get("alt"), Some("A tree, \"rooted\""));
        assert_eq!(attributes.get("WIDTH"), Some("50%"));
    }

    #[test]
    fn curly_quotes_from_a_word_processor_count_as_quotes() {
        let (attributes, _) = at_start("{alt=“A map” width=“50%”}").expect("a block");
        assert_eq!(attributes.get("alt"), Some("A map"));
        assert_eq!(attributes.get("width"), Some("50%"));
    }

    #[test]
    fn text_that_is_not_a_whole_block_is_left_alone() {
        assert_eq!(at_start("{unclosed"), None);
        assert_eq!(at_start("{a\n\nb}"), None);
        assert_eq!(at_start("no brace"), None);
        assert_eq!(at_start("{alt=\"never closed}"), None);
    }

    #[test]
    fn sizes_are_pixels_or_css_lengths() {
        assert_eq!(Size::parse("300"), Some(Size::Pixels(300)));
        assert_eq!(Size::parse("300px"), Some(Size::Pixels(300)));
        assert_eq!(Size::parse("50%"), Some(Size::Relative("50%".into())));
        assert_eq!(Size::parse("2.5em"), Some(Size::Relative("2.5em".into())));
        assert_eq!(Size::parse("50%;background:red"), None);
        assert_eq!(Size::parse("auto"), None);
    }

    #[test]
    fn unsafe_pairs_are_not_written() {
        let (attributes, _) =
            at_start("{.a onclick=\"x()\" lang=cy data-n=\"1\" style=\"color:red\"}")
                .expect("a block");
        assert_eq!(
            attributes.html(&[]),
            " class=\"a\" lang=\"cy\" data-n=\"1\""
        );
    }
}
