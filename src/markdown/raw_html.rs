//! Raw HTML written in markdown, as the renderer and the checks read it.
//!
//! pulldown-cmark hands an HTML block over a line at a time, so a tag or
//! a comment that runs over several lines arrives in pieces, and a line
//! read alone can look like a tag when it is inside a comment. [`RawHtml`]
//! joins a block's lines back together, remembering where each line
//! starts in the source, so that the search indexer's HTML tokenizer sees
//! whole tags and a position in the joined text maps back to the source
//! for an error's line and column.

use std::ops::Range;

use pulldown_cmark::{Event, Tag, TagEnd};

use crate::html::{tokenize, Token};

/// Gathers the raw HTML of a stream of events: an inline tag at once, an
/// HTML block's lines at the block's end.
#[derive(Debug, Default)]
pub struct Joiner {
    block: Option<RawHtml>,
}

impl Joiner {
    /// Takes in one event of `text` (what was parsed) at `range`, and
    /// hands back raw HTML once it is whole.
    pub fn feed(&mut self, event: &Event, text: &str, range: &Range<usize>) -> Option<RawHtml> {
        match event {
            Event::Start(Tag::HtmlBlock) => {
                self.block = Some(RawHtml::default());
                None
            }
            Event::End(TagEnd::HtmlBlock) => self.block.take().filter(|block| !block.is_empty()),
            Event::Html(html) | Event::InlineHtml(html) => {
                let source = text.get(range.clone()).unwrap_or_default();
                match &mut self.block {
                    Some(block) => {
                        block.push(html, source, range.start);
                        None
                    }
                    None => Some(RawHtml::new(html, source, range.start)),
                }
            }
            _ => None,
        }
    }

    /// The lines of the current block gathered so far, if any, leaving the
    /// block open for the lines still to come.
    pub fn take_so_far(&mut self) -> Option<RawHtml> {
        let block = self.block.as_mut()?;
        (!block.is_empty()).then(|| std::mem::take(block))
    }
}

/// A run of raw HTML: an HTML block's lines joined, or one inline tag.
#[derive(Debug, Default)]
pub struct RawHtml {
    text: String,
    /// Where each piece starts: in `text`, and in the source. In order.
    pieces: Vec<(usize, usize)>,
}

impl RawHtml {
    /// The raw HTML of one event: its `text`, and the `source` its range
    /// covers, which starts at offset `start`.
    pub fn new(text: &str, source: &str, start: usize) -> Self {
        let mut html = RawHtml::default();
        html.push(text, source, start);
        html
    }

    /// Adds the next event's text (a line of the block), whose range
    /// covers `source`, starting at offset `start`. The text is the
    /// source's unless the HTML is in a quote or a list: then the parser
    /// has taken the container's prefix off each line after the first,
    /// and each line of the text is the end of its line in the source.
    pub fn push(&mut self, text: &str, source: &str, start: usize) {
        if text == source {
            self.pieces.push((self.text.len(), start));
            self.text.push_str(text);
            return;
        }
        let mut source_lines = source.split_inclusive('\n').scan(start, |at, line| {
            let line_start = *at;
            *at += line.len();
            Some((line_start, line))
        });
        let mut last = start;
        for line in text.split_inclusive('\n') {
            if let Some((line_start, source_line)) = source_lines.next() {
                let prefix = bare(source_line).len().saturating_sub(bare(line).len());
                last = line_start + prefix;
            }
            self.pieces.push((self.text.len(), last));
            self.text.push_str(line);
        }
    }

    /// The pieces joined.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The source offset of byte `at` of [`RawHtml::text`].
    pub fn source_offset(&self, at: usize) -> usize {
        let index = self.pieces.partition_point(|&(start, _)| start <= at);
        match index.checked_sub(1).map(|i| self.pieces[i]) {
            Some((start, source)) => source + (at - start),
            None => self.pieces.first().map_or(at, |&(_, source)| source),
        }
    }

    /// Whether no piece has been added.
    pub fn is_empty(&self) -> bool {
        self.pieces.is_empty()
    }
}

/// A line without its line ending.
fn bare(line: &str) -> &str {
    line.trim_end_matches(['\n', '\r'])
}

/// The byte range of `part`, a slice of `html`, within it.
pub(crate) fn range_of(html: &str, part: &str) -> Range<usize> {
    let start = part.as_ptr() as usize - html.as_ptr() as usize;
    start..start + part.len()
}

/// The value of every `id` attribute in a piece of raw HTML, entities
/// decoded, as a link's `#target` is compared with it. Ids in comments
/// are not ids, and quotes are the author's choice: `id='a'` and `id=a`
/// count as `id="a"` does.
pub fn ids(html: &str) -> Vec<String> {
    let mut found = Vec::new();
    tokenize(html, |token| {
        if let Token::Start { attributes, .. } = token {
            let ids = attributes
                .iter()
                .filter(|attribute| attribute.name.eq_ignore_ascii_case("id"))
                .filter(|attribute| !attribute.value.is_empty());
            for attribute in ids.take(1) {
                found.push(html_escape::decode_html_entities(attribute.value).into_owned());
            }
        }
    });
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joined_positions_map_back_to_each_line() {
        let mut html = RawHtml::default();
        assert!(html.is_empty());
        // A block in a quote: each line's range starts two bytes into its line.
        html.push("<a\n", "<a\n", 2);
        html.push("  href=\"x\">\n", "  href=\"x\">\n", 7);
        assert_eq!(html.text(), "<a\n  href=\"x\">\n");
        assert_eq!(html.source_offset(0), 2);
        assert_eq!(html.source_offset(1), 3);
        assert_eq!(html.source_offset(3), 7);
        assert_eq!(html.source_offset(5), 9);
        assert_eq!(RawHtml::new("<b>", "<b>", 40).source_offset(1), 41);
    }

    #[test]
    fn a_tag_over_lines_of_a_quote_maps_past_each_prefix() {
        // `> <a x\n>  href=y>` at offset 10, as the parser hands it over.
        let html = RawHtml::new("<a x\r\n href=y>", "<a x\r\n>  href=y>", 12);
        assert_eq!(html.text(), "<a x\r\n href=y>");
        assert_eq!(html.source_offset(1), 13);
        // The second line starts at 18 in the source, with `>` and two
        // spaces before `href`; the parser kept one of the spaces.
        assert_eq!(html.source_offset(6), 20);
        assert_eq!(html.source_offset(7), 21);
    }

    #[test]
    fn ids_are_read_as_a_browser_reads_them() {
        let html = "<div id='single'><p ID=bare>x</p><span id=\"a&amp;b\"></span>\
                    <!-- <b id=\"gone\"> --><i id=\"\"></i><em id=\"first\" id=\"second\"></em>";
        assert_eq!(ids(html), ["single", "bare", "a&b", "first"]);
    }
}
