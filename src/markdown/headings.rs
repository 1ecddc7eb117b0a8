//! Headings: unique, stable ids, a visible anchor link, and the table of contents.
//!
//! An id comes from `{#custom-id}` when the author wrote one, otherwise from
//! the heading text; repeats get `-1`, `-2`. The anchor link sits beside the
//! heading (not inside it), so a screen reader announces the heading alone.

use std::collections::HashMap;

use pulldown_cmark::{CowStr, Event, HeadingLevel};
use serde::Serialize;

/// One heading of a page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Heading {
    /// 1 to 6.
    pub level: u8,
    /// The unique id.
    pub id: String,
    /// The text, without markup.
    pub title: String,
}

/// Ids given so far on one page.
#[derive(Debug, Default)]
pub struct Ids {
    seen: HashMap<String, usize>,
    /// Headings in order.
    pub found: Vec<Heading>,
}

impl Ids {
    /// Whether a heading already has the id `id`.
    pub fn is_taken(&self, id: &str) -> bool {
        self.seen.contains_key(id)
    }

    fn unique(&mut self, wanted: String) -> String {
        let count = self.seen.entry(wanted.clone()).or_insert(0);
        *count += 1;
        if *count == 1 {
            return wanted;
        }
        let mut candidate = format!("{wanted}-{}", *count - 1);
        while self.seen.contains_key(&candidate) {
            *self.seen.get_mut(&wanted).expect("inserted above") += 1;
            candidate = format!("{wanted}-{}", self.seen[&wanted] - 1);
        }
        self.seen.insert(candidate.clone(), 1);
        candidate
    }
}

/// A heading being collected, between its start and end events.
pub struct Pending<'a> {
    level: HeadingLevel,
    id: Option<CowStr<'a>>,
    classes: Vec<CowStr<'a>>,
    attributes: Vec<(CowStr<'a>, Option<CowStr<'a>>)>,
    events: Vec<Event<'a>>,
    text: String,
}

impl<'a> Pending<'a> {
    /// Starts collecting a heading.
    pub fn new(
        level: HeadingLevel,
        id: Option<CowStr<'a>>,
        classes: Vec<CowStr<'a>>,
        attributes: Vec<(CowStr<'a>, Option<CowStr<'a>>)>,
    ) -> Self {
        Pending {
            level,
            id,
            classes,
            attributes,
            events: Vec::new(),
            text: String::new(),
        }
    }

    /// The id the author wrote as `{#id}`, if any.
    pub fn custom_id(&self) -> Option<&str> {
        self.id.as_deref()
    }

    /// Adds an event inside the heading.
    pub fn push(&mut self, event: Event<'a>) {
        if let Event::Text(text) | Event::Code(text) = &event {
            self.text.push_str(text);
        }
        self.events.push(event);
    }

    /// The heading's content as HTML, and its entry with a unique id: for
    /// a heading that titles a block rather than standing alone.
    pub fn title(self, ids: &mut Ids, prefix: &str) -> (String, Heading) {
        let title = self.text.split_whitespace().collect::<Vec<_>>().join(" ");
        let wanted = match &self.id {
            Some(custom) => custom.to_string(),
            None => crate::content::slug::slugify(&title).unwrap_or_else(|| "section".to_string()),
        };
        let id = format!("{prefix}{}", ids.unique(wanted));
        let mut inner = String::new();
        pulldown_cmark::html::push_html(&mut inner, self.events.into_iter());
        let level = self.level as u8;
        (inner, Heading { level, id, title })
    }

    /// The heading's HTML and its table-of-contents entry; `anchor` names
    /// the link to it (`Link to section`) in the page's language.
    pub fn finish(self, ids: &mut Ids, prefix: &str, anchor: &str) -> (String, Heading) {
        let classes = self.classes.clone();
        let attributes = self.attributes.clone();
        let (inner, Heading { level, id, title }) = self.title(ids, prefix);
        let class = if classes.is_empty() {
            String::new()
        } else {
            let joined: Vec<&str> = classes.iter().map(|c| c.as_ref()).collect();
            format!(" class=\"{}\"", escape_html(&joined.join(" ")))
        };
        let class = class + &extra_attributes(&attributes);
        let id_attribute = escape_html(&id);
        let html = format!(
            "<div class=\"heading\"><h{level} id=\"{id_attribute}\"{class}>{inner}</h{level}><a class=\"heading-anchor\" href=\"#{id_attribute}\"><span aria-hidden=\"true\">#</span><span class=\"visually-hidden\">{}: {}</span></a></div>\n",
            escape_html(anchor),
            escape_html(&title)
        );
        (html, Heading { level, id, title })
    }
}

/// `{lang=cy}` and other attributes written on a heading; event handlers are dropped.
fn extra_attributes(attributes: &[(CowStr, Option<CowStr>)]) -> String {
    attributes
        .iter()
        .filter(|(name, _)| {
            let name = name.to_ascii_lowercase();
            !name.starts_with("on") && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        })
        .map(|(name, value)| match value {
            Some(value) => format!(" {}=\"{}\"", name, escape_html(value)),
            None => format!(" {name}"),
        })
        .collect()
}

/// A heading level moved down by `offset`, at most to h6.
pub fn shift(level: HeadingLevel, offset: u8) -> HeadingLevel {
    let moved = (level as usize + usize::from(offset)).min(6);
    HeadingLevel::try_from(moved).unwrap_or(HeadingLevel::H6)
}

/// Escapes text for HTML: element content and quoted attribute values alike.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    pulldown_cmark_escape::escape_html(&mut out, text).expect("writing to a String cannot fail");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heading_attributes_keep_lang_and_drop_handlers() {
        let attributes = vec![
            (CowStr::from("lang"), Some(CowStr::from("cy"))),
            (CowStr::from("onclick"), Some(CowStr::from("x()"))),
            (CowStr::from("data-x"), Some(CowStr::from("\"q"))),
        ];
        assert_eq!(
            extra_attributes(&attributes),
            " lang=\"cy\" data-x=\"&quot;q\""
        );
    }

    #[test]
    fn repeated_ids_get_numbers() {
        let mut ids = Ids::default();
        let got: Vec<String> = ["a", "a", "a-1", "a"]
            .iter()
            .map(|w| ids.unique(w.to_string()))
            .collect();
        assert_eq!(got, ["a", "a-1", "a-1-1", "a-2"]);
    }
}
