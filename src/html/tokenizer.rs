//! A streaming HTML tokenizer that splits a page the way `lol_html` (the
//! parser Pagefind reads pages with) splits it, so that the index holds
//! the same text as Pagefind's: start tags with their raw attributes, end
//! tags, and raw text (entities are left as they are, to be decoded once
//! the text is gathered).
//!
//! Like `lol_html`, it builds no tree: it follows the HTML tokenizer's
//! states, and keeps only as much of the tree builder's view as decides
//! how text is read (`<script>`, `<style>`, `<title>`, ...) and which
//! elements are SVG or MathML (where `<x/>` has no end tag). One
//! simplification: in `<script>`, the first `</script>` ends the script
//! even inside `<!-- <script>` (a case Hearth's pages never have, and
//! whose text is never indexed).
//!
//! Why not `lol_html` itself: it is a rewriter, which copies the page to
//! its output and calls a boxed handler for every element. Driven through
//! its handlers, it doubled the indexer's processor time on the
//! 10,000-page benchmark (4.5 s against 2.3 s), which alone would break
//! the budget search has in the build. So that this split cannot drift
//! from `lol_html`'s, the search tests compare the whole bundle, byte for
//! byte, with the one the `pagefind` crate makes of the same pages: a
//! site of tricky pages, one of untidy markup, and 400 pages of markup
//! pieces put together at random (`generated_markup_is_read_as_pagefind_reads_it`).

use memchr::memchr;

/// The namespace an element is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Namespace {
    Html,
    Svg,
    MathMl,
}

/// An attribute, as written (its value without quotes, entities kept).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Attribute<'h> {
    pub name: &'h str,
    pub value: &'h str,
}

/// The value of the first attribute called `name` (in any case).
pub(crate) fn attribute<'h>(attributes: &[Attribute<'h>], name: &str) -> Option<&'h str> {
    attributes
        .iter()
        .find(|attribute| attribute.name.eq_ignore_ascii_case(name))
        .map(|attribute| attribute.value)
}

/// Whether `name` (in lower case) is one of HTML's void elements, which
/// have no content and no end tag.
pub(crate) fn is_void(name: &str) -> bool {
    matches!(
        name,
        "area"
            | "base"
            | "br"
            | "col"
            | "embed"
            | "hr"
            | "img"
            | "input"
            | "link"
            | "meta"
            | "source"
            | "track"
            | "wbr"
    )
}

/// What the tokenizer meets.
#[derive(Debug)]
pub(crate) enum Token<'a, 'h> {
    Start {
        /// Lower case.
        name: &'a str,
        /// As written.
        source_name: &'h str,
        attributes: &'a [Attribute<'h>],
        self_closing: bool,
        namespace: Namespace,
    },
    End {
        /// Lower case.
        name: &'a str,
    },
    Text(&'h str),
}

/// How the text after a tag is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TextType {
    Data,
    /// `<title>`, `<textarea>`: up to the matching end tag.
    RcData,
    /// `<style>` and the like: up to the matching end tag.
    RawText,
    ScriptData,
    /// `<plaintext>`: the rest of the page.
    PlainText,
}

/// The tree builder's namespace stack, as far as the tokenizer needs it.
struct Namespaces {
    stack: Vec<Namespace>,
}

impl Namespaces {
    fn current(&self) -> Namespace {
        self.stack.last().copied().unwrap_or(Namespace::Html)
    }

    fn enter(&mut self, namespace: Namespace) {
        self.stack.push(namespace);
    }

    fn leave(&mut self) {
        if self.stack.len() > 1 {
            self.stack.pop();
        }
    }

    /// Follows a start tag; returns how the text after it is read.
    fn start(&mut self, name: &str, attributes: &[Attribute], self_closing: bool) -> TextType {
        match name {
            "svg" => self.enter(Namespace::Svg),
            "math" => self.enter(Namespace::MathMl),
            _ if self.current() != Namespace::Html => {
                self.start_in_foreign(name, attributes, self_closing);
            }
            "textarea" | "title" => return TextType::RcData,
            "plaintext" => return TextType::PlainText,
            "script" => return TextType::ScriptData,
            "style" | "iframe" | "xmp" | "noembed" | "noframes" | "noscript" => {
                return TextType::RawText
            }
            _ => {}
        }
        TextType::Data
    }

    /// Follows a start tag inside SVG or MathML: an HTML element breaks
    /// out of it, and an integration point (`<foreignObject>`, `<mi>`, an
    /// HTML `<annotation-xml>`) holds HTML again.
    fn start_in_foreign(&mut self, name: &str, attributes: &[Attribute], self_closing: bool) {
        let current = self.current();
        if exits_foreign_content(name) || (name == "font" && is_html_font(attributes)) {
            self.leave();
        } else if (current == Namespace::Svg && is_svg_html_point(name))
            || (current == Namespace::MathMl && is_mathml_text_point(name))
        {
            if !self_closing {
                self.enter(Namespace::Html);
            }
        } else if current == Namespace::MathMl
            && name == "annotation-xml"
            && !self_closing
            && is_html_annotation(attributes)
        {
            self.enter(Namespace::Html);
        }
    }

    /// Follows the start tag `tag`, named `name`; returns how the text
    /// after it is read: plain data after a tag cut off where a value was
    /// expected.
    fn text_after(&mut self, name: &str, attributes: &[Attribute], tag: &Tag) -> TextType {
        let text_type = self.start(name, attributes, tag.self_closing);
        if tag.ends_in_value {
            return TextType::Data;
        }
        text_type
    }

    fn end(&mut self, name: &str) {
        let current = self.current();
        if current == Namespace::Html {
            let Some(&previous) = self
                .stack
                .len()
                .checked_sub(2)
                .and_then(|i| self.stack.get(i))
            else {
                return;
            };
            let leaves = (previous == Namespace::MathMl
                && (is_mathml_text_point(name) || name == "annotation-xml"))
                || (previous == Namespace::Svg && is_svg_html_point(name));
            if leaves {
                self.leave();
            }
        } else if (current == Namespace::Svg && name == "svg")
            || (current == Namespace::MathMl && name == "math")
            || name == "p"
            || name == "br"
        {
            self.leave();
        }
    }
}

/// The HTML elements whose start tag ends SVG or MathML content, sorted.
const BREAKS_OUT_OF_FOREIGN: [&str; 44] = [
    "b",
    "big",
    "blockquote",
    "body",
    "br",
    "center",
    "code",
    "dd",
    "div",
    "dl",
    "dt",
    "em",
    "embed",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "hr",
    "i",
    "img",
    "li",
    "listing",
    "menu",
    "meta",
    "nobr",
    "ol",
    "p",
    "pre",
    "ruby",
    "s",
    "small",
    "span",
    "strike",
    "strong",
    "sub",
    "sup",
    "table",
    "tt",
    "u",
    "ul",
    "var",
];

fn exits_foreign_content(name: &str) -> bool {
    BREAKS_OUT_OF_FOREIGN.binary_search(&name).is_ok()
}

/// Whether a `<font>` in foreign content is HTML's: it has `color`,
/// `size` or `face`.
fn is_html_font(attributes: &[Attribute]) -> bool {
    attributes.iter().any(|a| {
        ["color", "size", "face"]
            .iter()
            .any(|n| a.name.eq_ignore_ascii_case(n))
    })
}

/// Whether a MathML `<annotation-xml>` holds HTML, by its `encoding`.
fn is_html_annotation(attributes: &[Attribute]) -> bool {
    attribute(attributes, "encoding").is_some_and(|encoding| {
        encoding.eq_ignore_ascii_case("text/html")
            || encoding.eq_ignore_ascii_case("application/xhtml+xml")
    })
}

fn is_mathml_text_point(name: &str) -> bool {
    matches!(name, "mi" | "mo" | "mn" | "ms" | "mtext")
}

fn is_svg_html_point(name: &str) -> bool {
    matches!(name, "desc" | "title" | "foreignobject")
}

fn is_space(byte: u8) -> bool {
    matches!(byte, b' ' | b'\n' | b'\r' | b'\t' | b'\x0C')
}

/// A tag read from the page.
struct Tag<'h> {
    is_end: bool,
    name_end: usize,
    name_start: usize,
    self_closing: bool,
    /// Set when the tag ends where an attribute value was expected
    /// (`<a href=>`): the text after it is then read as plain data.
    ends_in_value: bool,
    attributes_from: usize,
    /// Where the tag's `>` is, plus one.
    end: usize,
    _html: std::marker::PhantomData<&'h str>,
}

impl Tag<'_> {
    /// A tag whose name is `name_start..name_end`, its attributes from
    /// `attributes_from` on, not yet ended.
    fn new(is_end: bool, name_start: usize, name_end: usize, attributes_from: usize) -> Self {
        Tag {
            is_end,
            name_end,
            name_start,
            self_closing: false,
            ends_in_value: false,
            attributes_from,
            end: 0,
            _html: std::marker::PhantomData,
        }
    }

    /// The tag, its `>` just before `end`.
    fn ending_at(self, end: usize) -> Self {
        Tag { end, ..self }
    }
}

/// Splits `html` into tokens, handing each to `emit`.
pub(crate) fn tokenize<'h>(html: &'h str, mut emit: impl FnMut(Token<'_, 'h>)) {
    let mut reader = Reader::new();
    let mut attributes: Vec<Attribute<'h>> = Vec::new();
    let mut at = 0;
    while at < html.len() {
        let tag = match reader.next_markup(html, at, &mut attributes) {
            Markup::None => {
                emit_text(html, at, html.len(), &mut emit);
                return;
            }
            Markup::Skip { start, end } => {
                emit_text(html, at, start, &mut emit);
                at = end;
                continue;
            }
            Markup::CData { start, text, end } => {
                emit_text(html, at, start, &mut emit);
                emit_text(html, text.0, text.1, &mut emit);
                at = end;
                continue;
            }
            Markup::Tag { start, tag } => {
                emit_text(html, at, start, &mut emit);
                tag
            }
        };
        at = tag.end;
        reader.tag(html, &tag, &attributes, &mut emit);
    }
}

/// Emits the text `from..to` of `html`, unless it is empty.
#[inline]
fn emit_text<'h>(html: &'h str, from: usize, to: usize, emit: &mut impl FnMut(Token<'_, 'h>)) {
    if from < to {
        emit(Token::Text(&html[from..to]));
    }
}

/// What the tokenizer knows between tags.
struct Reader {
    namespaces: Namespaces,
    /// A tag's name in lower case, when the page wrote it in capitals.
    name: String,
    /// The name of the start tag that began raw text, whose end tag ends it.
    last_start: String,
    /// How the text after the last tag is read.
    text_type: TextType,
}

impl Reader {
    fn new() -> Self {
        Reader {
            namespaces: Namespaces {
                stack: vec![Namespace::Html],
            },
            name: String::new(),
            last_start: String::new(),
            text_type: TextType::Data,
        }
    }

    /// What comes next from `at`, as the text there is read.
    fn next_markup<'h>(
        &self,
        html: &'h str,
        at: usize,
        attributes: &mut Vec<Attribute<'h>>,
    ) -> Markup<'h> {
        match self.text_type {
            TextType::PlainText => Markup::None,
            TextType::Data => {
                let is_foreign = self.namespaces.current() != Namespace::Html;
                next_markup(html, at, is_foreign, attributes)
            }
            TextType::RcData | TextType::RawText | TextType::ScriptData => {
                match next_end_tag(html, at, &self.last_start, attributes) {
                    Markup::CData { .. } => Markup::None,
                    markup => markup,
                }
            }
        }
    }

    /// Emits `tag`, and notes how the text after it is read.
    fn tag<'h>(
        &mut self,
        html: &'h str,
        tag: &Tag<'h>,
        attributes: &[Attribute<'h>],
        emit: &mut impl FnMut(Token<'_, 'h>),
    ) {
        let source_name = &html[tag.name_start..tag.name_end];
        let name = lower_case(source_name, &mut self.name);
        if tag.is_end {
            self.namespaces.end(name);
            self.text_type = TextType::Data;
            emit(Token::End { name });
            return;
        }
        self.text_type = self.namespaces.text_after(name, attributes, tag);
        // Raw text runs to the end tag of the element it started with.
        if self.text_type != TextType::Data {
            self.last_start.clear();
            self.last_start.push_str(name);
        }
        emit(Token::Start {
            name,
            source_name,
            attributes: &attributes[tag.attributes_from..],
            self_closing: tag.self_closing,
            namespace: self.namespaces.current(),
        });
    }
}

/// `name` in lower case: itself when it is already (as most names are),
/// else a lower-case copy in `buffer`.
#[inline]
fn lower_case<'n>(name: &'n str, buffer: &'n mut String) -> &'n str {
    if !name.bytes().any(|b| b.is_ascii_uppercase()) {
        return name;
    }
    buffer.clear();
    buffer.push_str(name);
    buffer.make_ascii_lowercase();
    buffer
}

/// What comes next in data: a tag, something skipped (a comment, a
/// doctype), a CDATA section, or nothing but text.
enum Markup<'h> {
    None,
    Skip {
        start: usize,
        end: usize,
    },
    CData {
        start: usize,
        text: (usize, usize),
        end: usize,
    },
    Tag {
        start: usize,
        tag: Tag<'h>,
    },
}

fn next_markup<'h>(
    html: &'h str,
    mut at: usize,
    cdata_allowed: bool,
    attributes: &mut Vec<Attribute<'h>>,
) -> Markup<'h> {
    let bytes = html.as_bytes();
    loop {
        let Some(found) = memchr(b'<', &bytes[at..]) else {
            return Markup::None;
        };
        let start = at + found;
        let next = start + 1;
        let Some(&first) = bytes.get(next) else {
            return Markup::None;
        };
        return match first {
            b'a'..=b'z' | b'A'..=b'Z' => tag_markup(html, start, next, false, attributes),
            b'!' => declaration(bytes, start, cdata_allowed),
            b'/' => closing(html, start, attributes),
            b'?' => processing_instruction(bytes, start),
            // A `<` that starts nothing is text.
            _ => {
                at = next;
                continue;
            }
        };
    }
}

/// The tag at `start` whose name begins at `from`; a tag cut off by the
/// end of the page is dropped.
fn tag_markup<'h>(
    html: &'h str,
    start: usize,
    from: usize,
    is_end: bool,
    attributes: &mut Vec<Attribute<'h>>,
) -> Markup<'h> {
    attributes.clear();
    match read_tag(html, from, is_end, attributes) {
        Some(tag) => Markup::Tag { start, tag },
        None => Markup::Skip {
            start,
            end: html.len(),
        },
    }
}

/// What `<!` at `start` opens: a comment or a doctype (skipped), a CDATA
/// section where one is allowed, or anything else, skipped to its `>`.
fn declaration<'h>(bytes: &[u8], start: usize, cdata_allowed: bool) -> Markup<'h> {
    let next = start + 1;
    let rest = &bytes[next + 1..];
    if rest.starts_with(b"--") {
        let end = comment_end(bytes, next + 3);
        return Markup::Skip { start, end };
    }
    if rest.len() >= 7 && rest[..7].eq_ignore_ascii_case(b"DOCTYPE") {
        return Markup::Skip {
            start,
            end: after(bytes, next + 8, b'>'),
        };
    }
    if cdata_allowed && rest.starts_with(b"[CDATA[") {
        let from = next + 8;
        let (to, end) = match memchr::memmem::find(&bytes[from..], b"]]>") {
            Some(found) => (from + found, from + found + 3),
            None => (bytes.len(), bytes.len()),
        };
        return Markup::CData {
            start,
            text: (from, to),
            end,
        };
    }
    Markup::Skip {
        start,
        end: after(bytes, next + 1, b'>'),
    }
}

/// `<?` at `start`, skipped to its `>`.
fn processing_instruction<'h>(bytes: &[u8], start: usize) -> Markup<'h> {
    Markup::Skip {
        start,
        end: after(bytes, start + 2, b'>'),
    }
}

/// What `</` at `start` opens: an end tag, or something skipped.
fn closing<'h>(html: &'h str, start: usize, attributes: &mut Vec<Attribute<'h>>) -> Markup<'h> {
    let bytes = html.as_bytes();
    let next = start + 1;
    match bytes.get(next + 1) {
        Some(c) if c.is_ascii_alphabetic() => tag_markup(html, start, next + 1, true, attributes),
        Some(b'>') => Markup::Skip {
            start,
            end: next + 2,
        },
        // `</` at the very end is text.
        None => Markup::None,
        Some(_) => Markup::Skip {
            start,
            end: after(bytes, next + 1, b'>'),
        },
    }
}

/// Just past the first `byte` from `from`, or the end.
fn after(bytes: &[u8], from: usize, byte: u8) -> usize {
    match bytes.get(from..).and_then(|rest| memchr(byte, rest)) {
        Some(found) => from + found + 1,
        None => bytes.len(),
    }
}

/// Just past the comment whose text starts at `from` (after `<!--`).
fn comment_end(bytes: &[u8], from: usize) -> usize {
    let rest = bytes.get(from..).unwrap_or_default();
    if rest.starts_with(b">") {
        return from + 1;
    }
    if rest.starts_with(b"->") {
        return from + 2;
    }
    let mut at = from;
    while let Some(found) = bytes
        .get(at..)
        .and_then(|rest| memchr::memmem::find(rest, b"--"))
    {
        let mut end = at + found + 2;
        while bytes.get(end) == Some(&b'-') {
            end += 1;
        }
        match bytes.get(end) {
            Some(b'>') => return end + 1,
            Some(b'!') if bytes.get(end + 1) == Some(&b'>') => return end + 2,
            _ => at += found + 1,
        }
    }
    bytes.len()
}

/// In raw text, the next end tag named `name` (`</style>`); text until then.
fn next_end_tag<'h>(
    html: &'h str,
    mut at: usize,
    name: &str,
    attributes: &mut Vec<Attribute<'h>>,
) -> Markup<'h> {
    let bytes = html.as_bytes();
    loop {
        let Some(found) = bytes.get(at..).and_then(|rest| memchr(b'<', rest)) else {
            return Markup::None;
        };
        let start = at + found;
        at = start + 1;
        if bytes.get(start + 1) != Some(&b'/') {
            continue;
        }
        let from = start + 2;
        if is_end_tag_named(bytes, from, name) {
            return tag_markup(html, start, from, true, attributes);
        }
    }
}

/// Whether the end tag whose name starts at `from` (after `</`) is named
/// `name`, in any case: a name followed by anything else is text, even at
/// the very end.
fn is_end_tag_named(bytes: &[u8], from: usize, name: &str) -> bool {
    let name_end = from
        + bytes[from..]
            .iter()
            .take_while(|b| b.is_ascii_alphabetic())
            .count();
    if name_end == from || !bytes[from..name_end].eq_ignore_ascii_case(name.as_bytes()) {
        return false;
    }
    matches!(bytes.get(name_end), Some(&b) if is_space(b) || b == b'/' || b == b'>')
}

/// Reads a tag whose name starts at `from`; `None` if the page ends first.
/// Attributes go to `attributes` (an end tag's are read and dropped).
fn read_tag<'h>(
    html: &'h str,
    from: usize,
    is_end: bool,
    attributes: &mut Vec<Attribute<'h>>,
) -> Option<Tag<'h>> {
    let bytes = html.as_bytes();
    let mut at = find_end(bytes, from, b"/>");
    let mut tag = Tag::new(is_end, from, at, attributes.len());
    // Before an attribute's name.
    loop {
        at = skip_spaces(bytes, at);
        match *bytes.get(at)? {
            // `/>` closes the tag; a lone `/` is skipped.
            b'/' if bytes.get(at + 1) == Some(&b'>') => {
                tag.self_closing = true;
                return Some(tag.ending_at(at + 2));
            }
            b'/' => at += 1,
            b'>' => return Some(tag.ending_at(at + 1)),
            _ => match read_attribute(html, at, attributes)? {
                AfterAttribute::More(next) => at = next,
                AfterAttribute::TagEndsInValue(end) => {
                    tag.ends_in_value = true;
                    return Some(tag.ending_at(end));
                }
            },
        }
    }
}

/// Where a tag goes on after one of its attributes.
enum AfterAttribute {
    /// More of the tag, from here.
    More(usize),
    /// The tag ended where the value was expected (`<a href=>`); it ends here.
    TagEndsInValue(usize),
}

/// Reads the attribute whose name starts at `at` into `attributes`;
/// `None` if the page ends first.
fn read_attribute<'h>(
    html: &'h str,
    at: usize,
    attributes: &mut Vec<Attribute<'h>>,
) -> Option<AfterAttribute> {
    let bytes = html.as_bytes();
    // The name: its first character may be anything, `=` included.
    let name_end = find_end(bytes, at + 1, b"/>=");
    let name = &html[at..name_end];
    let at = skip_spaces(bytes, name_end);
    if *bytes.get(at)? != b'=' {
        attributes.push(Attribute { name, value: "" });
        return Some(AfterAttribute::More(at));
    }
    let (value, after) = read_value(html, skip_spaces(bytes, at + 1))?;
    attributes.push(Attribute { name, value });
    Some(after)
}

/// Reads the value that starts at `at`, after an attribute's `=`: quoted,
/// bare, or missing where the tag ends; `None` if the page ends first.
fn read_value(html: &str, at: usize) -> Option<(&str, AfterAttribute)> {
    let bytes = html.as_bytes();
    match *bytes.get(at)? {
        quote @ (b'"' | b'\'') => {
            let value_start = at + 1;
            let value_end = value_start + memchr(quote, bytes.get(value_start..)?)?;
            let value = &html[value_start..value_end];
            Some((value, AfterAttribute::More(value_end + 1)))
        }
        b'>' => Some(("", AfterAttribute::TagEndsInValue(at + 1))),
        _ => {
            let value_end = find_end(bytes, at, b">");
            let value = &html[at..value_end];
            (value_end < bytes.len()).then_some((value, AfterAttribute::More(value_end)))
        }
    }
}

/// The first byte from `at` that is a space or one of `stops`, or the end.
#[inline]
fn find_end(bytes: &[u8], mut at: usize, stops: &[u8]) -> usize {
    while at < bytes.len() && !is_space(bytes[at]) && !stops.contains(&bytes[at]) {
        at += 1;
    }
    at
}

/// The first byte from `at` that is not a space, or the end.
fn skip_spaces(bytes: &[u8], mut at: usize) -> usize {
    while at < bytes.len() && is_space(bytes[at]) {
        at += 1;
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(html: &str) -> Vec<String> {
        let mut out = Vec::new();
        tokenize(html, |token| {
            out.push(match token {
                Token::Start {
                    name,
                    attributes,
                    self_closing,
                    namespace,
                    ..
                } => {
                    let attributes: Vec<String> = attributes
                        .iter()
                        .map(|a| format!("{}={}", a.name, a.value))
                        .collect();
                    let ns = if namespace == Namespace::Html {
                        ""
                    } else {
                        "foreign "
                    };
                    let slash = if self_closing { "/" } else { "" };
                    format!("<{ns}{name} {}{slash}>", attributes.join(" "))
                }
                Token::End { name } => format!("</{name}>"),
                Token::Text(text) => text.to_string(),
            });
        });
        out
    }

    #[test]
    fn tags_attributes_and_text() {
        assert_eq!(
            tokens(
                "<!DOCTYPE html><P CLASS=\"a b\" id=x hidden data-x='1>2'>Hi &amp; <b>bye</b></p>"
            ),
            [
                "<p CLASS=a b id=x hidden= data-x=1>2>",
                "Hi &amp; ",
                "<b >",
                "bye",
                "</b>",
                "</p>"
            ]
        );
    }

    #[test]
    fn comments_and_stray_brackets() {
        assert_eq!(
            tokens("a<!-- <p> -- x --->b<!-->c<? x >d</>e < f</ x>g"),
            ["a", "b", "c", "d", "e < f", "g"]
        );
    }

    #[test]
    fn raw_text_runs_to_its_end_tag() {
        assert_eq!(
            tokens("<script>if (a</b) x = '</p>';</script ><style>p{}</STYLE>t"),
            [
                "<script >",
                "if (a</b) x = '</p>';",
                "</script>",
                "<style >",
                "p{}",
                "</style>",
                "t"
            ]
        );
        assert_eq!(
            tokens("<title>A <b> title</title>"),
            ["<title >", "A <b> title", "</title>"]
        );
    }

    #[test]
    fn svg_elements_close_themselves() {
        assert_eq!(
            tokens("<svg><path d=x/><![CDATA[c]]></svg><p/>"),
            [
                "<foreign svg >",
                "<foreign path d=x/>",
                "c",
                "</svg>",
                "<p />"
            ]
        );
    }

    #[test]
    fn tags_cut_off_by_the_end_are_dropped() {
        assert_eq!(tokens("a<p class=\"x"), ["a"]);
        assert_eq!(tokens("a<"), ["a<"]);
    }
}
