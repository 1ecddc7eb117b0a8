//! Link targets: what an author wrote in `[text](target)` and where it goes.
//!
//! `@/courses/a.md` and relative `.md` paths name content files; other
//! relative paths name files beside the page; `/about/` is a site path that
//! gains the base path; anything with a scheme is external. Dangerous
//! schemes (`javascript:`) are refused unless raw HTML is trusted.
//! [`Unread`] spots text meant as a link that markdown left as text.

use pulldown_cmark::{Event, Tag};

/// What a link target is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkTarget {
    /// `#anchor` on the same page.
    SamePage(String),
    /// A content file (`courses/a.md`) and an optional anchor.
    Content(String, Option<String>),
    /// A site path such as `/about/`, with its fragment.
    SitePath(String),
    /// Another site, `mailto:` or `tel:`: left as written.
    External,
    /// A script URL that must not reach readers.
    Dangerous,
    /// A relative path that climbs above `content/`.
    OutsideContent,
}

/// Classifies `dest`, written in the file at content path `from`.
pub fn classify(dest: &str, from: &str) -> LinkTarget {
    let dest = dest.trim();
    if let Some(anchor) = dest.strip_prefix('#') {
        return LinkTarget::SamePage(anchor.to_string());
    }
    if let Some(path) = dest.strip_prefix("@/") {
        let (path, anchor) = split_anchor(path);
        return LinkTarget::Content(path.to_string(), anchor);
    }
    if let Some(scheme) = scheme_of(dest) {
        return if matches!(scheme.as_str(), "javascript" | "vbscript" | "data") {
            LinkTarget::Dangerous
        } else {
            LinkTarget::External
        };
    }
    if dest.starts_with("//") {
        return LinkTarget::External;
    }
    if dest.starts_with('/') {
        return LinkTarget::SitePath(dest.to_string());
    }
    let (path, anchor) = split_anchor(dest);
    let path = path.split('?').next().unwrap_or(path);
    let folder = from.rsplit_once('/').map_or("", |(dir, _)| dir);
    match crate::files::join(folder, path) {
        Some(joined) => LinkTarget::Content(joined, anchor),
        None => LinkTarget::OutsideContent,
    }
}

fn split_anchor(path: &str) -> (&str, Option<String>) {
    match path.split_once('#') {
        Some((path, anchor)) => (path, Some(anchor.to_string())),
        None => (path, None),
    }
}

fn scheme_of(dest: &str) -> Option<String> {
    let colon = dest.find(':')?;
    let scheme = &dest[..colon];
    let is_scheme = !scheme.is_empty()
        && scheme
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    is_scheme.then(|| {
        scheme
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_lowercase()
    })
}

/// The byte ranges of the link targets in a piece of raw HTML: each
/// `href` and `src` attribute's value, as written (entities kept), read
/// with the search indexer's HTML tokenizer.
pub fn in_html(html: &str) -> Vec<std::ops::Range<usize>> {
    let mut found = Vec::new();
    crate::html::tokenize(html, |token| {
        if let crate::html::Token::Start { attributes, .. } = token {
            for attribute in attributes {
                let is_link = ["href", "src"]
                    .iter()
                    .any(|name| attribute.name.eq_ignore_ascii_case(name));
                if is_link && !attribute.value.is_empty() {
                    found.push(super::raw_html::range_of(html, attribute.value));
                }
            }
        }
    });
    found
}

/// Spots text an author meant as a link, an image or a footnote that
/// markdown did not read as one, which readers would see as brackets and
/// an address: `[text] (@/a.md)` with a space, `[text](@/my page.md)`
/// with a space or curly quotes in it, or `[^2]` with no note `[^2]:`.
/// Fed every event of a body in order.
#[derive(Debug, Default)]
pub struct Unread {
    /// Where the last `[` (or `![`) left as text is, and whether it was `![`.
    open: Option<(usize, bool)>,
    /// The same, when a `]` left as text was the last text.
    closed: Option<(usize, bool)>,
    /// A `[` followed straight away by `^label`: a footnote, if `]` is next.
    note: Option<(usize, String)>,
}

/// Text meant as a link, image or footnote: where its `[` or `![` is,
/// what it was meant as, and what to do.
#[derive(Debug, PartialEq, Eq)]
pub struct Missed {
    /// Offset of the `[` or `![`.
    pub at: usize,
    /// What the text was meant as.
    pub meant: Meant,
    /// What to do about it.
    pub help: String,
}

/// What text left as text was meant as.
#[derive(Debug, PartialEq, Eq)]
pub enum Meant {
    Link,
    Image,
    /// A footnote reference, with its label.
    Footnote(String),
}

impl Missed {
    /// What the warning says.
    pub fn message(&self) -> String {
        match &self.meant {
            Meant::Image => "this looks like an image, but markdown reads it as plain text".into(),
            Meant::Link => "this looks like a link, but markdown reads it as plain text".into(),
            Meant::Footnote(label) => {
                format!("the footnote [^{label}] has no note, so readers see it as plain text")
            }
        }
    }
}

impl Unread {
    /// Takes one event, at `offset`; gives back the link, image or
    /// footnote this event shows was left as text.
    pub fn event(&mut self, event: &Event, offset: usize) -> Option<Missed> {
        match event {
            Event::Start(Tag::Paragraph | Tag::Heading { .. } | Tag::Item | Tag::TableCell) => {
                *self = Unread::default();
                None
            }
            Event::Text(text) if &**text == "[" || &**text == "![" => {
                self.open = Some((offset, text.starts_with('!')));
                self.note = None;
                None
            }
            Event::Text(text) if &**text == "]" => self.close(),
            Event::Text(text) => self.text(text, offset),
            _ => {
                self.note = None;
                None
            }
        }
    }

    /// A `]` left as text: it closes the last `[`, and a footnote whose
    /// label came between them was left as text.
    fn close(&mut self) -> Option<Missed> {
        self.closed = self.open.take();
        let (at, label) = self.note.take()?;
        Some(Missed {
            at,
            help: format!(
                "add its note on a line of its own, such as [^{label}]: Where this comes from."
            ),
            meant: Meant::Footnote(label),
        })
    }

    /// Other text, at `offset`: a footnote's label just after a `[`, or,
    /// just after a `]`, an address a link or an image was meant to have.
    fn text(&mut self, text: &str, offset: usize) -> Option<Missed> {
        self.note = self
            .open
            .filter(|&(at, is_image)| !is_image && at + 1 == offset)
            .and_then(|(at, _)| {
                let label = text.strip_prefix('^')?;
                let is_label = !label.is_empty() && !label.contains(char::is_whitespace);
                is_label.then(|| (at, label.to_string()))
            });
        let (at, is_image) = self.closed.take()?;
        let help = unread_help(text, is_image)?.to_string();
        let meant = if is_image { Meant::Image } else { Meant::Link };
        Some(Missed { at, meant, help })
    }
}

/// What to do about text just after a `]` that starts as a link's
/// address would, or `None` when it does not look like one. After `![`,
/// anything in the parentheses counts: prose hardly ever writes `![`.
fn unread_help(after: &str, is_image: bool) -> Option<&'static str> {
    let (is_spaced, rest) = match after.strip_prefix(" (") {
        Some(rest) => (true, rest),
        None => (false, after.strip_prefix('(')?),
    };
    let target = rest.split(')').next().unwrap_or(rest).trim();
    if !is_address(target, is_image) {
        return None;
    }
    Some(match (is_image, is_spaced) {
        (_, true) => "remove the space between ] and (",
        (false, _) if target.contains(['“', '”', '‘', '’']) => {
            "write a link's title in straight quotes: [text](@/a.md \"Title\")"
        }
        (true, _) if target.contains(['“', '”', '‘', '’']) => {
            "write an image's title in straight quotes: ![What it shows](map.png \"Title\")"
        }
        (false, _) if target.contains(char::is_whitespace) => {
            "an address cannot hold spaces: put it in angle brackets, as in [text](<@/my page.md>)"
        }
        (true, _) if target.contains(char::is_whitespace) => {
            "a file name cannot hold spaces: put it in angle brackets, as in ![What it shows](<town map.png>)"
        }
        (false, _) => "check the brackets and parentheses: a link is [text](address)",
        (true, _) => "check the brackets and parentheses: an image is ![what it shows](file.png)",
    })
}

/// Whether what a `(` holds looks like an address: a link's (`@/`, a
/// scheme, a site path, an anchor, a markdown file), or, after `![`,
/// anything at all.
fn is_address(target: &str, is_image: bool) -> bool {
    let first = target.split([' ', '#']).next().unwrap_or(target);
    ["@/", "http://", "https://", "mailto:", "/", "#"]
        .iter()
        .any(|start| target.starts_with(start))
        || crate::files::is_markdown(first)
        || (is_image && !target.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_every_form() {
        let from = "courses/intro/01-a.md";
        assert_eq!(
            classify("@/charter/_index.md#how", from),
            LinkTarget::Content("charter/_index.md".into(), Some("how".into()))
        );
        assert_eq!(
            classify("02-b.md", from),
            LinkTarget::Content("courses/intro/02-b.md".into(), None)
        );
        assert_eq!(
            classify("../_index.md#x", from),
            LinkTarget::Content("courses/_index.md".into(), Some("x".into()))
        );
        assert_eq!(
            classify("map.png", from),
            LinkTarget::Content("courses/intro/map.png".into(), None)
        );
        assert_eq!(classify("#top", from), LinkTarget::SamePage("top".into()));
        assert_eq!(
            classify("/about/", from),
            LinkTarget::SitePath("/about/".into())
        );
        assert_eq!(classify("https://a.test/", from), LinkTarget::External);
        assert_eq!(classify("mailto:a@b.test", from), LinkTarget::External);
        assert_eq!(classify("JavaScript:alert(1)", from), LinkTarget::Dangerous);
        assert_eq!(classify("../../../x.md", from), LinkTarget::OutsideContent);
    }

    #[test]
    fn finds_the_targets_in_raw_html() {
        let html = "<p>See <A HREF='@/a.md'>a</A>, <img alt=\"\" src=map.png> \
                    and <a title=\"href=x\" href=\"/b/#c\">b</a><a href=\"\">";
        let found: Vec<&str> = in_html(html).into_iter().map(|r| &html[r]).collect();
        assert_eq!(found, ["@/a.md", "map.png", "/b/#c"]);
        assert!(in_html("<!-- <a href=\"x\"> --> text").is_empty());
    }
}
