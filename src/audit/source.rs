//! One page's markdown as the checks see it: events with byte offsets, and
//! runs of text ("units") that map back to those offsets.
//!
//! Learning-block fence lines (`::: challenge`) are blanked out before
//! parsing, keeping every byte offset, so a finding's offset is an offset of
//! the page body and `Source::finding` turns it into a line and column of
//! the file. Smart punctuation is left off: text events then match the
//! source byte for byte more often, which keeps columns exact.

use std::ops::Range;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use super::Rule;
use crate::content::Page;
use crate::error::{Error, ErrorKind, LineIndex, Severity};
use crate::html::{attribute, is_void, tokenize, Namespace, Token};
use crate::markdown::links;
use crate::markdown::raw_html::Joiner;

/// A page ready to check.
pub struct Source<'p> {
    /// The page.
    pub page: &'p Page,
    /// The body with fence lines blanked.
    pub text: String,
    /// The page's lines, found once for all its findings: a page with
    /// thousands of findings would otherwise be read once for each.
    index: std::cell::OnceCell<LineIndex<'p>>,
}

impl<'p> Source<'p> {
    /// Prepares a page's body for checking.
    pub(crate) fn new(page: &'p Page) -> Self {
        Source {
            page,
            text: blank_fences(page.body()),
            index: std::cell::OnceCell::new(),
        }
    }

    /// Every markdown event of the body with its byte range.
    pub(crate) fn events(&self) -> Vec<(Event<'_>, Range<usize>)> {
        Parser::new_ext(&self.text, parser_options())
            .into_offset_iter()
            .collect()
    }

    /// Every link and image target in the body, with its byte offset:
    /// markdown links and images at their start, and the `href` and `src`
    /// values of raw HTML at the value, entities decoded. An HTML block is
    /// read whole, so that a tag over several lines is seen.
    pub(crate) fn link_targets(&self) -> Vec<(String, usize)> {
        let mut found = Vec::new();
        let mut joiner = Joiner::default();
        for (event, range) in self.events() {
            if let Some(html) = joiner.feed(&event, &self.text, &range) {
                for target in links::in_html(html.text()) {
                    let written = &html.text()[target.clone()];
                    let decoded = html_escape::decode_html_entities(written).into_owned();
                    found.push((decoded, html.source_offset(target.start)));
                }
            }
            if let Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) = event {
                found.push((dest_url.to_string(), range.start));
            }
        }
        found
    }

    /// A finding of `rule` at a byte offset of the body.
    pub(crate) fn finding(&self, rule: Rule, offset: usize, message: impl Into<String>) -> Error {
        let index = self.index.get_or_init(|| self.page.line_index());
        let error = Error::new(ErrorKind::Check(rule), &self.page.shown, message)
            .at_offset(index, self.page.body_start + offset);
        with_severity(error, rule)
    }
}

/// A finding of `rule` at the value of the front matter key `field`.
pub(crate) fn finding_at_field(
    page: &Page,
    rule: Rule,
    field: &str,
    message: impl Into<String>,
) -> Error {
    let (line, column) = page.field_place(field);
    let error = Error::new(ErrorKind::Check(rule), &page.shown, message).at(
        &page.line_index(),
        line,
        column,
    );
    with_severity(error, rule)
}

/// A finding of `rule` at the start of a 1-based line of a page's file.
pub(crate) fn finding_at_line(
    page: &Page,
    rule: Rule,
    line: usize,
    message: impl Into<String>,
) -> Error {
    let error =
        Error::new(ErrorKind::Check(rule), &page.shown, message).at(&page.line_index(), line, 1);
    with_severity(error, rule)
}

/// Gives a finding its rule's severity.
pub(crate) fn with_severity(error: Error, rule: Rule) -> Error {
    match rule.severity() {
        Severity::Error => error,
        Severity::Warning => error.warning(),
    }
}

/// The parser options of `markdown::render`, less smart punctuation.
pub(crate) fn parser_options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_GFM
}

/// Replaces each `:::` fence line with spaces of the same length.
fn blank_fences(body: &str) -> String {
    body.split_inclusive('\n')
        .map(|line| {
            if line.trim_start().starts_with(":::") {
                let bare = line.trim_end_matches(['\n', '\r']);
                format!("{}{}", " ".repeat(bare.len()), &line[bare.len()..])
            } else {
                line.to_string()
            }
        })
        .collect()
}

/// Where a unit of text stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum UnitKind {
    /// A paragraph or list item.
    Prose,
    /// A heading.
    Heading,
    /// A table cell.
    Cell,
}

/// A run of readable text (a paragraph, list item, heading or cell), with
/// a map from positions in the text back to offsets in the body.
#[derive(Debug, Clone)]
pub(crate) struct Unit {
    /// What it is.
    pub kind: UnitKind,
    /// The text, inline markup removed, code left out.
    pub text: String,
    /// Text not inside an element marked with `lang`.
    pub unmarked: String,
    /// True when the whole unit is inside something with a `lang` attribute.
    pub is_marked: bool,
    /// (position in `text`, body offset, whether the text matches the source there).
    marks: Vec<(usize, usize, bool)>,
}

impl Unit {
    fn new(kind: UnitKind, is_marked: bool) -> Self {
        Unit {
            kind,
            text: String::new(),
            unmarked: String::new(),
            is_marked,
            marks: Vec::new(),
        }
    }

    /// The body offset of a byte position in `text`.
    pub(crate) fn offset_of(&self, position: usize) -> usize {
        let index = self.marks.partition_point(|mark| mark.0 <= position);
        let Some(&(start, offset, is_exact)) = index.checked_sub(1).map(|i| &self.marks[i]) else {
            return self.marks.first().map_or(0, |mark| mark.1);
        };
        if is_exact {
            offset + (position - start)
        } else {
            offset
        }
    }

    /// The body offset where the unit starts.
    pub(crate) fn start(&self) -> usize {
        self.marks.first().map_or(0, |mark| mark.1)
    }

    fn push(&mut self, text: &str, range: &Range<usize>, source: &str, is_inline_marked: bool) {
        let is_exact = source.get(range.clone()) == Some(text);
        self.marks.push((self.text.len(), range.start, is_exact));
        self.text.push_str(text);
        if !is_inline_marked {
            self.unmarked.push_str(text);
        }
    }

    fn space(&mut self) {
        self.text.push(' ');
        self.unmarked.push(' ');
    }
}

/// Collects the units of a page, in order.
pub(crate) fn units(source: &Source) -> Vec<Unit> {
    let mut collector = Collector::default();
    for (event, range) in source.events() {
        collector.event(event, &range, &source.text);
    }
    collector.flush();
    collector.units
}

#[derive(Default)]
struct Collector {
    units: Vec<Unit>,
    current: Option<Unit>,
    heading_marked: Option<bool>,
    cell_depth: usize,
    skip_depth: usize,
    /// Raw HTML, gathered until it is whole.
    html: Joiner,
    /// Elements with `lang` opened by HTML blocks: they mark the
    /// paragraphs that follow, until they close.
    block_lang: LangScopes,
    /// Elements with `lang` opened by inline HTML: they mark the text
    /// that follows within the unit.
    inline_lang: LangScopes,
}

impl Collector {
    fn event(&mut self, event: Event, range: &Range<usize>, source: &str) {
        if let Some(html) = self.html.feed(&event, source, range) {
            let scopes = match event {
                Event::InlineHtml(_) => &mut self.inline_lang,
                _ => &mut self.block_lang,
            };
            scopes.read(html.text());
            return;
        }
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::Text(text) if self.skip_depth == 0 => self.text(&text, range, source),
            Event::SoftBreak | Event::HardBreak | Event::Code(_) => self.space(),
            _ => {}
        }
    }

    fn start(&mut self, tag: Tag) {
        match tag {
            Tag::Heading { attrs, .. } => {
                self.flush();
                let is_marked = attrs.iter().any(|(name, _)| name.as_ref() == "lang");
                self.heading_marked = Some(is_marked);
            }
            Tag::TableCell => {
                self.flush();
                self.cell_depth += 1;
            }
            Tag::CodeBlock(_) | Tag::Image { .. } | Tag::FootnoteDefinition(_) => {
                self.flush();
                self.skip_depth += 1;
            }
            Tag::Paragraph | Tag::Item | Tag::List(_) | Tag::BlockQuote(_) | Tag::Table(_) => {
                self.flush()
            }
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        let ends_text = matches!(
            tag,
            TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::TableCell | TagEnd::Item
        );
        if ends_text {
            self.inline_lang.close_all();
        }
        match tag {
            TagEnd::Heading(_) => {
                self.flush();
                self.heading_marked = None;
            }
            TagEnd::TableCell => {
                self.flush();
                self.cell_depth = self.cell_depth.saturating_sub(1);
            }
            TagEnd::CodeBlock | TagEnd::Image | TagEnd::FootnoteDefinition => {
                self.skip_depth = self.skip_depth.saturating_sub(1);
            }
            TagEnd::Paragraph | TagEnd::Item | TagEnd::BlockQuote(_) | TagEnd::Table => {
                self.flush()
            }
            _ => {}
        }
    }

    fn text(&mut self, text: &str, range: &Range<usize>, source: &str) {
        let is_inline_marked = self.inline_lang.is_open();
        let kind = if self.heading_marked.is_some() {
            UnitKind::Heading
        } else if self.cell_depth > 0 {
            UnitKind::Cell
        } else {
            UnitKind::Prose
        };
        let is_marked = self.block_lang.is_open() || self.heading_marked == Some(true);
        self.current
            .get_or_insert_with(|| Unit::new(kind, is_marked))
            .push(text, range, source, is_inline_marked);
    }

    fn space(&mut self) {
        if let Some(unit) = &mut self.current {
            unit.space();
        }
    }

    fn flush(&mut self) {
        if let Some(unit) = self.current.take() {
            if !unit.text.trim().is_empty() {
                self.units.push(unit);
            }
        }
    }
}

/// The elements that raw HTML has opened, from the outermost one with a
/// `lang` attribute in: while there are any, the text is marked as being
/// in a language of its own. Read with the search indexer's tokenizer, so
/// a tag over several lines counts and one in a comment does not.
#[derive(Debug, Default)]
struct LangScopes {
    open: Vec<String>,
}

impl LangScopes {
    fn read(&mut self, html: &str) {
        tokenize(html, |token| match token {
            Token::Start {
                name,
                attributes,
                self_closing,
                namespace,
                ..
            } => {
                let has_lang = ["lang", "xml:lang"]
                    .iter()
                    .any(|lang| attribute(attributes, lang).is_some());
                // `<span/>` opens a span, as a browser reads it: only
                // SVG and MathML elements close themselves.
                let closes_itself = self_closing && namespace != Namespace::Html;
                let has_content = !closes_itself && !is_void(name);
                if has_content && (has_lang || self.is_open()) {
                    self.open.push(name.to_string());
                }
            }
            Token::End { name } => {
                if let Some(at) = self.open.iter().rposition(|open| open == name) {
                    self.open.truncate(at);
                }
            }
            Token::Text(_) => {}
        });
    }

    fn is_open(&self) -> bool {
        !self.open.is_empty()
    }

    /// Inline elements end with the paragraph, heading, cell or list item
    /// they are in.
    fn close_all(&mut self) {
        self.open.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fences_are_blanked_keeping_offsets() {
        let body = "a\n::: note\nb\n:::\n";
        let blanked = blank_fences(body);
        assert_eq!(blanked.len(), body.len());
        assert_eq!(blanked, format!("a\n{}\nb\n   \n", " ".repeat(8)));
    }

    #[test]
    fn lang_scopes_follow_the_elements_raw_html_opens() {
        let mut scopes = LangScopes::default();
        scopes.read("<p>Hi</p>\n<div\n  lang=\"cy\"><div>x</div><br><img src=a.png>");
        assert!(scopes.is_open(), "the div with lang is still open");
        scopes.read("<span>a</span>");
        assert!(scopes.is_open());
        scopes.read("</div>");
        assert!(!scopes.is_open());
        scopes.read("<!-- <div lang=\"cy\"> --><svg><g lang=\"en\"/></svg>");
        assert!(
            !scopes.is_open(),
            "a comment opens nothing, nor does SVG's <g/>"
        );
        scopes.read("<span lang=\"cy\"/>");
        assert!(scopes.is_open(), "<span/> opens a span");
        scopes.close_all();
        scopes.read("<section lang=cy><p>");
        scopes.close_all();
        assert!(!scopes.is_open());
    }
}
