//! Accessibility checks in the markdown source: images without alt text,
//! empty links, link text that means nothing out of context, skipped heading
//! levels, tables without a header row, and pages without a description.
//!
//! One walk over a page's events. Raw HTML is looked at too, simply: an
//! `<img>` without an `alt` attribute, a `<table>` with no `<th>`, and the
//! text of an `<a href>` (read with the search indexer's tokenizer, and
//! judged as a markdown link's text is).
//! `hearth build` runs this walk as well and keeps its errors.

use std::ops::Range;

use pulldown_cmark::{Event, LinkType, Tag, TagEnd};

use super::source::{finding_at_line, Source};
use super::Rule;
use crate::config::Config;
use crate::error::Error;

/// Link text that says nothing about where the link goes.
const VAGUE: &[&str] = &[
    "click here",
    "click",
    "here",
    "click this",
    "this",
    "this link",
    "link",
    "this page",
    "read more",
    "more",
    "more info",
    "more information",
    "find out more",
    "learn more",
    "see more",
    "details",
    "go",
    "continue",
    "website",
];

/// Every accessibility finding of one page.
pub fn check(source: &Source, config: &Config) -> Vec<Error> {
    let mut walker = Walker {
        source,
        errors: Vec::new(),
        last_level: 1,
        image: None,
        link: None,
        table: None,
        html_table: None,
    };
    for (event, range) in source.events() {
        walker.event(event, &range);
    }
    let mut errors = walker.errors;
    errors.extend(description(source, config));
    errors
}

struct OpenLink {
    start: usize,
    dest: String,
    link_type: LinkType,
    text: String,
}

/// What the raw HTML walk needs of a token, owned.
enum RawToken {
    Start {
        name: String,
        href: Option<String>,
        alt: Option<String>,
        /// Where the first attribute starts in the event's text.
        at: usize,
    },
    End {
        is_link: bool,
    },
    Text(String),
}

struct OpenTable {
    start: usize,
    is_head: bool,
    has_header_text: bool,
}

struct Walker<'s> {
    source: &'s Source<'s>,
    errors: Vec<Error>,
    last_level: usize,
    image: Option<(usize, String, String)>,
    /// A markdown link, or an `<a href>` written in raw HTML, being read.
    link: Option<OpenLink>,
    table: Option<OpenTable>,
    html_table: Option<(usize, bool)>,
}

impl Walker<'_> {
    fn event(&mut self, event: Event, range: &Range<usize>) {
        match event {
            Event::Start(tag) => self.start(tag, range),
            Event::End(tag) => self.end(tag),
            Event::Text(text) | Event::Code(text) => self.text(&text),
            Event::Html(_) | Event::InlineHtml(_) => self.html(range),
            _ => {}
        }
    }

    fn start(&mut self, tag: Tag, range: &Range<usize>) {
        match tag {
            Tag::Image { dest_url, .. } => {
                self.image = Some((range.start, dest_url.to_string(), String::new()));
            }
            Tag::Link {
                link_type,
                dest_url,
                ..
            } => {
                self.link = Some(OpenLink {
                    start: range.start,
                    dest: dest_url.to_string(),
                    link_type,
                    text: String::new(),
                });
            }
            Tag::Heading { level, .. } => self.heading(level as usize, range.start),
            Tag::Table(_) => {
                self.table = Some(OpenTable {
                    start: range.start,
                    is_head: false,
                    has_header_text: false,
                });
            }
            Tag::TableHead => {
                if let Some(table) = &mut self.table {
                    table.is_head = true;
                }
            }
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Image => self.finish_image(),
            TagEnd::Link => self.finish_link(),
            TagEnd::TableHead => self.finish_table_head(),
            _ => {}
        }
    }

    fn text(&mut self, text: &str) {
        if let Some((_, _, alt)) = &mut self.image {
            alt.push_str(text);
        }
        if let Some(link) = &mut self.link {
            link.text.push_str(text);
        }
        if let Some(table) = &mut self.table {
            if table.is_head && !text.trim().is_empty() {
                table.has_header_text = true;
            }
        }
    }

    fn heading(&mut self, level: usize, offset: usize) {
        if level > self.last_level + 1 {
            let skipped = self.last_level + 1;
            self.errors.push(
                self.source
                    .finding(
                        Rule::HeadingSkip,
                        offset,
                        format!(
                            "a level {level} heading follows level {}, skipping level {skipped}",
                            self.last_level
                        ),
                    )
                    .with_help(format!(
                        "use a level {skipped} heading ({}) here: screen reader users move around a page by heading levels",
                        "#".repeat(skipped)
                    )),
            );
        }
        self.last_level = level;
    }

    fn finish_image(&mut self) {
        let Some((start, dest, alt)) = self.image.take() else {
            return;
        };
        if alt.trim().is_empty() {
            self.errors.push(
                self.source
                    .finding(Rule::ImageAlt, start, format!("the image `{dest}` has no alt text"))
                    .with_help("write what the picture shows between the square brackets, such as ![A map of the town centre](map.png)"),
            );
        }
    }

    fn finish_link(&mut self) {
        let Some(link) = self.link.take() else { return };
        if link.link_type == LinkType::Email {
            return;
        }
        let text = link.text.trim();
        let finding = if text.is_empty() {
            self.source
                .finding(
                    Rule::EmptyLink,
                    link.start,
                    format!("the link to `{}` has no text", link.dest),
                )
                .with_help("put words between the square brackets that say where the link goes")
        } else if is_bare_address(text) {
            self.source
                .finding(Rule::LinkText, link.start, "the link text is a bare web address")
                .with_help("describe where the link goes in words: screen readers read an address out character by character")
        } else if VAGUE.contains(&normalise(text).as_str()) {
            self.source
                .finding(Rule::LinkText, link.start, format!("the link text `{text}` means nothing out of context"))
                .with_help("say where the link goes, such as [our guide to bereavement leave](...): many readers list a page's links on their own")
        } else {
            return;
        };
        self.errors.push(finding);
    }

    fn finish_table_head(&mut self) {
        let Some(table) = self.table.take() else {
            return;
        };
        if !table.has_header_text {
            self.errors.push(self.table_finding(table.start));
        }
    }

    fn table_finding(&self, offset: usize) -> Error {
        self.source
            .finding(Rule::TableHeader, offset, "this table has no header row")
            .with_help("give every column a heading in the first row, so screen readers can announce what each cell means")
    }

    fn html(&mut self, range: &Range<usize>) {
        let slice = self.source.slice(range).to_ascii_lowercase();
        for (at, _) in slice.match_indices("<img") {
            let tag = &slice[at..];
            let Some(end) = tag.find('>') else { continue };
            if !has_attribute(&tag[..end], "alt") {
                self.errors.push(
                    self.source
                        .finding(Rule::ImageAlt, range.start + at, "this <img> has no alt attribute")
                        .with_help("add alt=\"what the picture shows\", or alt=\"\" if it is only decoration"),
                );
            }
        }
        self.html_table(&slice, range.start);
        self.html_links(range);
    }

    /// Follows `<a href>` … `</a>` in raw HTML, within one event or across
    /// several (inline HTML gives each tag its own event, with markdown
    /// text between), and judges the text as a markdown link's.
    fn html_links(&mut self, range: &Range<usize>) {
        use crate::search::tokenizer::{attribute, tokenize, Token};
        let html = self.source.slice(range);
        let mut found = Vec::new();
        tokenize(html, |token| {
            found.push(match token {
                Token::Start {
                    name, attributes, ..
                } => RawToken::Start {
                    name: name.to_string(),
                    href: attribute(attributes, "href").map(str::to_string),
                    alt: attribute(attributes, "alt").map(str::to_string),
                    at: attributes
                        .first()
                        .map_or(0, |a| a.name.as_ptr() as usize - html.as_ptr() as usize),
                },
                Token::End { name } => RawToken::End {
                    is_link: name == "a",
                },
                Token::Text(text) => {
                    RawToken::Text(html_escape::decode_html_entities(text).into_owned())
                }
            })
        });
        for token in found {
            match token {
                RawToken::Start {
                    name,
                    href: Some(dest),
                    at,
                    ..
                } if name == "a" => {
                    self.finish_link();
                    self.link = Some(OpenLink {
                        start: range.start + at,
                        dest,
                        link_type: LinkType::Inline,
                        text: String::new(),
                    });
                }
                RawToken::Start {
                    name,
                    alt: Some(alt),
                    ..
                } if name == "img" => {
                    if let Some(link) = &mut self.link {
                        link.text.push_str(&alt);
                    }
                }
                RawToken::End { is_link: true } => self.finish_link(),
                RawToken::Text(text) => self.text(&text),
                _ => {}
            }
        }
    }

    fn html_table(&mut self, slice: &str, start: usize) {
        if let Some(at) = slice.find("<table") {
            self.html_table = Some((start + at, false));
        }
        let has_th = slice.contains("<th>") || slice.contains("<th ");
        if let Some((_, found)) = &mut self.html_table {
            *found |= has_th;
        }
        if slice.contains("</table") {
            if let Some((offset, false)) = self.html_table.take() {
                self.errors.push(self.table_finding(offset));
            }
        }
    }
}

fn has_attribute(tag: &str, name: &str) -> bool {
    tag.split(|c: char| c.is_whitespace() || c == '/')
        .any(|part| part == name || part.starts_with(&format!("{name}=")))
}

fn is_bare_address(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    ["http://", "https://", "www."]
        .iter()
        .any(|prefix| lower.starts_with(prefix))
}

fn normalise(text: &str) -> String {
    let words: Vec<&str> = text
        .split_whitespace()
        .map(|word| word.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|word| !word.is_empty())
        .collect();
    words.join(" ").to_lowercase()
}

/// A page without a description; the home page may use the site's.
fn description(source: &Source, config: &Config) -> Option<Error> {
    let page = source.page;
    let has_own = page
        .front
        .description
        .as_deref()
        .is_some_and(|d| !d.trim().is_empty());
    let is_home = page.path == "_index.md";
    if has_own || (is_home && !config.description.trim().is_empty()) {
        return None;
    }
    Some(
        finding_at_line(
            page,
            Rule::Description,
            page.key_line("title"),
            "this page has no description",
        )
        .with_help(
            "add `description:` with a sentence or two: it is shown in lists and search results",
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vague_text_is_normalised() {
        assert_eq!(normalise(" Click  HERE! "), "click here");
        assert!(VAGUE.contains(&normalise("Read more…").as_str()));
        assert!(is_bare_address("https://example.org/x"));
        assert!(!is_bare_address("Example website"));
    }

    #[test]
    fn attributes_are_found() {
        assert!(has_attribute("<img src=\"a.png\" alt=\"\"", "alt"));
        assert!(has_attribute("<img alt src=x", "alt"));
        assert!(!has_attribute("<img src=\"salt.png\"", "alt"));
    }
}
