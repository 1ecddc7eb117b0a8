//! Quarto's cross-references: `@sec-id`, `@fig-id`, `[@tbl-id]` and the
//! like name a labelled heading, figure or table anywhere in the book.
//! Quarto writes them as numbered text ("Section 3.2", "Figure 1.4");
//! Hearth numbers neither, so each becomes a link to what it names, worded
//! by its heading's title or by its kind ("the figure").

use std::collections::HashMap;
use std::ops::Range;
use std::sync::LazyLock;

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use regex::Regex;

/// The kinds of label Quarto cross-references, and how a link to each
/// reads when it has no title of its own.
const KINDS: &[(&str, &str)] = &[
    ("sec", "this section"),
    ("fig", "the figure"),
    ("tbl", "the table"),
    ("lst", "the listing"),
    ("eq", "the equation"),
    ("thm", "the theorem"),
    ("lem", "the lemma"),
    ("cor", "the corollary"),
    ("prp", "the proposition"),
    ("cnj", "the conjecture"),
    ("def", "the definition"),
    ("exm", "the example"),
    ("exr", "the exercise"),
    ("sol", "the solution"),
    ("rem", "the remark"),
];

/// `@kind-name`, not inside a word (an e-mail address) and not ending in
/// punctuation (`@fig-map.` ends a sentence).
static REFERENCE: LazyLock<Regex> = LazyLock::new(|| {
    let kinds: Vec<&str> = KINDS.iter().map(|(kind, _)| *kind).collect();
    let pattern = format!(r"(?:^|[^\w@])(-?@((?:{})-[\w-]*\w))", kinds.join("|"));
    Regex::new(&pattern).expect("a valid pattern")
});

/// `{#kind-name` written on a figure, table or block.
static LABEL: LazyLock<Regex> = LazyLock::new(|| {
    let kinds: Vec<&str> = KINDS.iter().map(|(kind, _)| *kind).collect();
    Regex::new(&format!(r"\{{#((?:{})-[\w-]*\w)", kinds.join("|"))).expect("a valid pattern")
});

/// Each label of the book: the page it is on, in the course, and what a
/// link to it reads as (its heading's title, or its kind's wording).
#[derive(Debug, Default)]
pub struct Labels {
    labels: HashMap<String, Label>,
}

#[derive(Debug)]
struct Label {
    /// `page.md#id`, or `page.md` for the heading that titles the page.
    target: String,
    words: String,
}

impl Labels {
    /// Records the labels written on the page the course calls `name`.
    pub fn add_page(&mut self, name: &str, text: &str) {
        for (id, title, is_title) in heading_titles(text) {
            let target = if is_title {
                name.to_string()
            } else {
                format!("{name}#{id}")
            };
            let words = title.replace('[', "\\[").replace(']', "\\]");
            self.labels.entry(id).or_insert(Label { target, words });
        }
        for found in LABEL.captures_iter(text) {
            let id = found[1].to_string();
            let target = format!("{name}#{id}");
            let words = wording(&id).to_string();
            self.labels.entry(id).or_insert(Label { target, words });
        }
    }

    /// The link that stands for a reference to `id` on the page `here`.
    pub fn link(&self, id: &str, here: &str) -> Option<String> {
        let label = self.labels.get(id)?;
        let target = match label.target.strip_prefix(here) {
            Some(anchor) if anchor.starts_with('#') => anchor,
            _ => &label.target,
        };
        Some(format!("[{}]({target})", label.words))
    }
}

/// How a link to a label of `id`'s kind reads.
fn wording(id: &str) -> &'static str {
    let kind = id.split('-').next().unwrap_or_default();
    KINDS
        .iter()
        .find(|(name, _)| *name == kind)
        .map_or("this part", |(_, words)| words)
}

/// The ids written as `{#id}` on headings, with each heading's text and
/// whether it is a first `# heading`, which the import takes as the
/// page's title.
pub(super) fn heading_titles(text: &str) -> Vec<(String, String, bool)> {
    let mut found = Vec::new();
    let mut heading: Option<(String, String, bool)> = None;
    let starts = Parser::new_ext(text, Options::all()).scan(0usize, |count, event| {
        let at = *count;
        // Front matter, read as a metadata block, comes before the title.
        let is_start = matches!(event, Event::Start(_))
            && !matches!(event, Event::Start(Tag::MetadataBlock(_)));
        *count += usize::from(is_start);
        Some((at, event))
    });
    for (at, event) in starts {
        match event {
            Event::Start(Tag::Heading {
                id: Some(id),
                level,
                ..
            }) => {
                let is_title = at == 0 && level == HeadingLevel::H1;
                heading = Some((id.to_string(), String::new(), is_title));
            }
            Event::Text(words) | Event::Code(words) => {
                if let Some((_, title, _)) = &mut heading {
                    title.push_str(&words);
                }
            }
            Event::End(TagEnd::Heading(_)) => found.extend(heading.take()),
            _ => {}
        }
    }
    found
}

/// One cross-reference in a page's text: where it is written (with the
/// brackets of `[@fig-id]`) and the label it names.
#[derive(Debug, PartialEq, Eq)]
pub struct Reference {
    pub range: Range<usize>,
    pub id: String,
}

/// The cross-references in the running text of `body` (not in code, nor
/// in a link's text).
pub fn references(body: &str) -> Vec<Reference> {
    let mut found = Vec::new();
    let mut inside = 0usize;
    let parser = Parser::new_ext(body, Options::all()).into_offset_iter();
    for (event, range) in parser {
        match event {
            Event::Start(Tag::Link { .. } | Tag::CodeBlock(_)) => inside += 1,
            Event::End(TagEnd::Link | TagEnd::CodeBlock) => inside = inside.saturating_sub(1),
            _ => {}
        }
        if !matches!(event, Event::Text(_)) || inside > 0 {
            continue;
        }
        let written = &body[range.clone()];
        for capture in REFERENCE.captures_iter(written) {
            let (Some(whole), Some(id)) = (capture.get(1), capture.get(2)) else {
                continue;
            };
            let start = range.start + whole.start();
            let end = range.start + whole.end();
            found.push(Reference {
                range: bracketed(body, start..end),
                id: id.as_str().to_string(),
            });
        }
    }
    found
}

/// `range` with the brackets around it when it is written `[@id]`.
fn bracketed(body: &str, range: Range<usize>) -> Range<usize> {
    let before = body[..range.start].ends_with('[');
    let after = body[range.end..].starts_with(']');
    if before && after {
        range.start - 1..range.end + 1
    } else {
        range
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_are_found_in_text_with_their_brackets_and_not_in_code_or_addresses() {
        let body = "See @sec-intro and [@fig-map]. Mail a@fig-x.org. [See @fig-in-link](x.md).\n\n`@tbl-code`\n\n```\n@fig-block\n```\n\nEnds with @tbl-sizes.\n";
        let found: Vec<(String, &str)> = references(body)
            .into_iter()
            .map(|r| (r.id, &body[r.range]))
            .collect();
        assert_eq!(
            found,
            vec![
                ("sec-intro".to_string(), "@sec-intro"),
                ("fig-map".to_string(), "[@fig-map]"),
                ("tbl-sizes".to_string(), "@tbl-sizes"),
            ]
        );
    }

    #[test]
    fn labels_read_as_their_heading_or_their_kind() {
        let mut labels = Labels::default();
        labels.add_page(
            "01-start.md",
            "---\nfreeze: true\n---\n\n# Start {#sec-start}\n\n## Maps [old] {#sec-maps}\n\n![A map](map.png){#fig-map}\n\n::: {#tbl-sizes}\n:::\n",
        );
        // From another page: the page itself for its title, else its anchor.
        let link = |id: &str| labels.link(id, "02-next.md");
        assert_eq!(link("sec-start").as_deref(), Some("[Start](01-start.md)"));
        assert_eq!(
            link("sec-maps").as_deref(),
            Some("[Maps \\[old\\]](01-start.md#sec-maps)")
        );
        assert_eq!(
            link("fig-map").as_deref(),
            Some("[the figure](01-start.md#fig-map)")
        );
        assert_eq!(
            link("tbl-sizes").as_deref(),
            Some("[the table](01-start.md#tbl-sizes)")
        );
        assert_eq!(link("fig-missing"), None);
        // On its own page, only the anchor.
        assert_eq!(
            labels.link("fig-map", "01-start.md").as_deref(),
            Some("[the figure](#fig-map)")
        );
    }
}
