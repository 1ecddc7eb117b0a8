//! One page read for the offline copy's search: the same text, title, kind
//! and filters the Pagefind bundle holds, split at the headings with an
//! id (where Pagefind splits a page's results), but with no word index:
//! the offline search script splits the text into words in the browser.

use std::collections::BTreeMap;

use serde::Serialize;

use super::html::{self, normalize_content};

/// A page's searchable parts, as the offline search index holds them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PlainPage {
    /// The page title (its `title` metadata).
    pub title: String,
    /// Its kind, as results show it (`Module`, `Policy brief`).
    pub kind: String,
    /// Filter values by filter (`kind`, `topics`, `audiences`).
    pub filters: BTreeMap<String, Vec<String>>,
    /// The text before the first heading with an id, then one part per
    /// such heading.
    pub sections: Vec<PlainSection>,
}

/// A page's text from one heading with an id to the next.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PlainSection {
    /// The heading's id; empty for the text before the first heading.
    pub id: String,
    /// The heading's text; empty for the text before the first heading.
    pub title: String,
    /// The words of the part, separated by single spaces.
    pub text: String,
}

/// Reads a built page as search reads it, or `None` when search leaves it
/// out (a redirect, or a page with no `data-pagefind-body`).
pub fn read(html: &str) -> Option<PlainPage> {
    if super::is_redirect(html) {
        return None;
    }
    let dom = html::read(html, super::EXCLUDED);
    if !dom.has_custom_body {
        return None;
    }
    let filters = dom
        .filters
        .iter()
        .map(|(name, values)| (name.clone(), values.iter().map(|v| clean(v)).collect()))
        .collect();
    Some(PlainPage {
        title: dom.meta.get("title").map(|t| clean(t)).unwrap_or_default(),
        kind: dom.meta.get("kind").map(|k| clean(k)).unwrap_or_default(),
        filters,
        sections: sections(&dom),
    })
}

/// The page's words, split at its headings with an id.
fn sections(dom: &html::Dom) -> Vec<PlainSection> {
    let mut sections = vec![PlainSection {
        id: String::new(),
        title: String::new(),
        text: String::new(),
    }];
    for word in html::words(&dom.digest) {
        if let Some(marker) = word.strip_prefix("___PAGEFIND_ANCHOR___") {
            sections.extend(heading(dom, marker));
            continue;
        }
        if is_marker(word) {
            continue;
        }
        let word = word.replace('\u{200B}', "");
        if word.is_empty() {
            continue;
        }
        if let Some(section) = sections.last_mut() {
            if !section.text.is_empty() {
                section.text.push(' ');
            }
            section.text.push_str(&word);
        }
    }
    sections
}

/// Whether a word is one of Pagefind's weight or anchor markers.
fn is_marker(word: &str) -> bool {
    word.starts_with("___PAGEFIND_") || word.starts_with("___END_PAGEFIND_")
}

/// A filter or metadata value without markers, its words separated by
/// single spaces.
fn clean(value: &str) -> String {
    let words: Vec<&str> = value.split_whitespace().filter(|w| !is_marker(w)).collect();
    words.join(" ")
}

/// The section a heading's anchor marker (`h2:3:why`) starts, or `None`
/// for an anchor that is not a heading with an id.
fn heading(dom: &html::Dom, marker: &str) -> Option<PlainSection> {
    let (element, anchor) = marker.split_once(':')?;
    let is_heading = element.len() == 2
        && element.starts_with('h')
        && element[1..].chars().all(|c| ('1'..='6').contains(&c));
    if !is_heading {
        return None;
    }
    let (_, id) = anchor.split_once(':')?;
    let title = dom
        .anchor_content
        .get(anchor)
        .map(|text| normalize_content(text))
        .unwrap_or_default();
    Some(PlainSection {
        id: id.to_string(),
        title,
        text: String::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_is_split_at_its_headings_with_ids() {
        let html = r##"<html lang="en"><body><main data-pagefind-body>
            <span data-pagefind-meta="title:Caring at work"></span>
            <span data-pagefind-meta="kind:Module"></span>
            <span data-pagefind-filter="topics:workplaces"></span>
            <p>Before the headings.</p>
            <h2 id="talking">Talking <a class="heading-anchor" href="#talking">#</a></h2>
            <p>Ask how they are.</p>
            <h2>No id here</h2><p>Still talking.</p>
            </main></body></html>"##;
        let page = read(html).expect("a page with a body");
        assert_eq!(page.title, "Caring at work");
        assert_eq!(page.kind, "Module");
        assert_eq!(page.filters["topics"], vec!["workplaces".to_string()]);
        assert_eq!(page.sections.len(), 2);
        assert_eq!(page.sections[0].text, "Before the headings.");
        assert_eq!(page.sections[1].id, "talking");
        assert_eq!(page.sections[1].title, "Talking");
        let text = &page.sections[1].text;
        assert!(text.starts_with("Talking"), "{text}");
        assert!(
            text.contains("Ask how they are.") && text.ends_with("Still talking."),
            "{text}"
        );
        assert!(!page.sections[0].text.contains("Ask"));
    }

    #[test]
    fn redirects_and_pages_without_a_body_are_left_out() {
        let redirect =
            r#"<meta http-equiv="refresh" content="0; url=/a/"><main data-pagefind-body>x</main>"#;
        assert_eq!(read(redirect), None);
        assert_eq!(read("<main><p>Nothing marked</p></main>"), None);
    }
}
