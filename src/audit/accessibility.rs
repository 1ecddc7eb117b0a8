//! Accessibility checks in the markdown source: images without alt text,
//! empty links, link text that means nothing out of context, skipped heading
//! levels, tables without a header row, and pages without a description.
//!
//! One walk over a page's events. Raw HTML is read too, whole blocks at a
//! time and with the search indexer's tokenizer, so tags over several
//! lines count and tags in comments do not: an `<img>` without an `alt`
//! attribute, a `<table>` with no `<th>`, and the text of an `<a href>`
//! (judged as a markdown link's text is).
//! `hearth build` runs this walk as well and keeps its errors.

use std::ops::Range;

use pulldown_cmark::{Event, LinkType, Tag, TagEnd};

use super::source::{finding_at_line, Source};
use super::Rule;
use crate::config::Config;
use crate::error::Error;
use crate::html::{attribute, tokenize, Attribute, Token};
use crate::markdown::raw_html::{range_of, Joiner, RawHtml};

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
pub(crate) fn check(source: &Source, config: &Config) -> Vec<Error> {
    let mut walker = Walker {
        source,
        errors: Vec::new(),
        last_level: 1,
        image: None,
        link: None,
        table: None,
        html_table: None,
        html: Joiner::default(),
    };
    for (event, range) in source.events() {
        walker.event(event, &range);
    }
    let mut errors = walker.errors;
    errors.extend(description(source, config));
    errors.extend(cover_alt(source.page));
    errors
}

struct OpenLink {
    start: usize,
    dest: String,
    link_type: LinkType,
    text: String,
}

struct OpenTable {
    start: usize,
    is_head: bool,
    has_header_text: bool,
}

impl OpenTable {
    /// A table starting at `start`, its header row not yet read.
    fn new(start: usize) -> Self {
        OpenTable {
            start,
            is_head: false,
            has_header_text: false,
        }
    }
}

struct Walker<'s, 'p> {
    source: &'s Source<'p>,
    errors: Vec<Error>,
    last_level: usize,
    image: Option<(usize, String, String)>,
    /// A markdown link, or an `<a href>` written in raw HTML, being read.
    link: Option<OpenLink>,
    table: Option<OpenTable>,
    /// A raw `<table>`: where it starts, and whether a `<th>` was seen.
    html_table: Option<(usize, bool)>,
    /// Raw HTML, gathered until it is whole.
    html: Joiner,
}

impl Walker<'_, '_> {
    fn event(&mut self, event: Event, range: &Range<usize>) {
        if let Some(html) = self.html.feed(&event, &self.source.text, range) {
            self.raw_html(&html);
            return;
        }
        match event {
            Event::Start(tag) => self.start(tag, range),
            Event::End(tag) => self.end(tag),
            Event::Text(text) | Event::Code(text) => self.text(&text),
            _ => {}
        }
    }

    fn start(&mut self, tag: Tag, range: &Range<usize>) {
        match tag {
            Tag::Image { dest_url, .. } => self.start_image(&dest_url, range),
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
            Tag::Table(_) => self.table = Some(OpenTable::new(range.start)),
            Tag::TableHead => {
                if let Some(table) = &mut self.table {
                    table.is_head = true;
                }
            }
            _ => {}
        }
    }

    /// An image, whose alt text is read until its end; Pandoc's
    /// `![](x.png){alt="..."}` gives it in the attributes after the image.
    fn start_image(&mut self, dest: &str, range: &Range<usize>) {
        let after = self.source.text.get(range.end..).unwrap_or_default();
        let alt = crate::markdown::attributes::at_start(after)
            .and_then(|(attributes, _)| attributes.get("alt").map(str::to_string))
            .unwrap_or_default();
        self.image = Some((range.start, dest.to_string(), alt));
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

    /// Reads raw HTML with the search indexer's tokenizer: an `<img>`
    /// without `alt`, a `<table>` with no `<th>`, and `<a href>` … `</a>`,
    /// within one piece or across several (inline HTML gives each tag its
    /// own event, with markdown text between), whose text is judged as a
    /// markdown link's. Comments are skipped, as a browser skips them.
    fn raw_html(&mut self, html: &RawHtml) {
        tokenize(html.text(), |token| match token {
            Token::Start {
                name,
                source_name,
                attributes,
                ..
            } => self.html_start_tag(html, name, source_name, attributes),
            Token::End { name: "a" } => self.finish_link(),
            Token::End { name: "table" } => {
                if let Some((offset, false)) = self.html_table.take() {
                    self.errors.push(self.table_finding(offset));
                }
            }
            Token::End { .. } => {}
            Token::Text(text) => self.text(&html_escape::decode_html_entities(text)),
        });
    }

    /// A start tag in raw HTML, `source_name` as written: an `<a href>`
    /// opens a link, an `<img>` gives its alt to the link it is in or has
    /// none, and a `<table>` waits for a `<th>`.
    fn html_start_tag(
        &mut self,
        html: &RawHtml,
        name: &str,
        source_name: &str,
        attributes: &[Attribute],
    ) {
        // The `<` before the name.
        let tag_at = html.source_offset(range_of(html.text(), source_name).start - 1);
        match (name, attribute(attributes, "href")) {
            ("a", Some(dest)) => self.open_html_link(html, tag_at, dest, attributes),
            ("img", _) => self.html_image(tag_at, attribute(attributes, "alt")),
            ("table", _) => self.html_table = Some((tag_at, false)),
            ("th", _) => {
                if let Some((_, has_th)) = &mut self.html_table {
                    *has_th = true;
                }
            }
            _ => {}
        }
    }

    /// An `<img>` whose tag starts at `tag_at`: its alt is text of the link
    /// it is in; one without is a finding.
    fn html_image(&mut self, tag_at: usize, alt: Option<&str>) {
        let Some(alt) = alt else {
            self.errors.push(
                self.source
                    .finding(Rule::ImageAlt, tag_at, "this <img> has no alt attribute")
                    .with_help(
                        "add alt=\"what the picture shows\", or alt=\"\" if it is only decoration",
                    ),
            );
            return;
        };
        if let Some(link) = &mut self.link {
            link.text.push_str(alt);
        }
    }

    /// An `<a href>` whose tag starts at `tag_at`: a link read as a
    /// markdown link is, found at its first attribute.
    fn open_html_link(
        &mut self,
        html: &RawHtml,
        tag_at: usize,
        dest: &str,
        attributes: &[Attribute],
    ) {
        self.finish_link();
        let start = attributes.first().map_or(tag_at, |first| {
            html.source_offset(range_of(html.text(), first.name).start)
        });
        self.link = Some(OpenLink {
            start,
            dest: dest.to_string(),
            link_type: LinkType::Inline,
            text: String::new(),
        });
    }
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
/// The front matter's `image:` without `alt:` text: an error at `image:`.
fn cover_alt(page: &crate::content::Page) -> Option<Error> {
    let cover = page.front.image.as_ref()?;
    if cover
        .alt
        .as_deref()
        .is_some_and(|alt| !alt.trim().is_empty())
    {
        return None;
    }
    let front_matter = &page.text[..page.body_start];
    let (line, column) = match crate::yaml::nested_key_place(front_matter, "image", "alt") {
        (0, _) => (page.key_line("image"), 1),
        place => place,
    };
    let error = Error::new(
        crate::error::ErrorKind::Check(Rule::ImageAlt),
        &page.shown,
        format!("the page's image `{}` has no alt text", cover.src),
    )
    .at(&page.line_index(), line, column)
    .with_help("add `alt:` under `image:`, saying in a sentence what the picture shows");
    Some(super::source::with_severity(error, Rule::ImageAlt))
}

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
}
