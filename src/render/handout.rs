//! Each course's handout (`/courses/NAME/handout/`), a page for printing
//! and handing out at a session: per module, its outcomes, its challenges
//! without their solutions and its key points, with space to write. Made
//! with the course print view, from the same scoped module bodies.

use serde::Serialize;

use super::context::{Current, Link, PageContext, SectionContext};
use super::pages::Builder;
use super::{html_file, Templates};
use crate::error::Error;
use crate::output::OutputFile;

/// The template of handouts; a theme without it has none.
const TEMPLATE: &str = "handout.html";

/// The learning blocks a handout keeps: challenges and key points.
const CHALLENGE: &str = "<div class=\"callout callout-challenge\">";
const KEY_POINTS: &str = "<div class=\"callout callout-keypoints\">";
/// The block a handout leaves out wherever it is: solutions.
const SOLUTION: &str = "<details class=\"callout callout-solution\">";

/// One module as its handout shows it.
#[derive(Serialize)]
struct HandoutModule<'a> {
    page: PageContext<'a>,
    /// The challenges' HTML, solutions taken out.
    challenges: Vec<String>,
    /// The key points' HTML.
    key_points: Vec<String>,
}

#[derive(Serialize)]
struct HandoutTemplate<'a> {
    current: Current,
    section: SectionContext<'a>,
    ancestors: Vec<Link>,
    modules: Vec<HandoutModule<'a>>,
}

/// The handout of every course that has modules.
pub fn handouts(builder: &Builder, templates: &Templates) -> Result<Vec<OutputFile>, Error> {
    if !templates.has(TEMPLATE) {
        return Ok(Vec::new());
    }
    let mut files = Vec::new();
    for (index, entry) in builder.site.sections.iter().enumerate() {
        if !entry.kind.is_course() || !entry.pages.iter().any(|&i| builder.is_module(i)) {
            continue;
        }
        // Setup and reference pages (`type: page`) are no modules: the
        // handout leaves them out, as the course page leaves them out of
        // its count and duration.
        let numbers: Vec<usize> = entry
            .pages
            .iter()
            .copied()
            .filter(|&i| builder.is_module(i))
            .collect();
        let bodies = super::extras::scoped_bodies(builder, &numbers, "h", false);
        let mut modules = Vec::new();
        for (&i, body) in numbers.iter().zip(&bodies) {
            if let Ok(context) = builder.page(i) {
                modules.push(HandoutModule {
                    page: context,
                    challenges: blocks(body, CHALLENGE)
                        .iter()
                        .map(|b| without_solutions(b))
                        .collect(),
                    key_points: blocks(body, KEY_POINTS),
                });
            }
        }
        let mut ancestors = builder.ancestors(entry.parent);
        ancestors.push(Link {
            title: entry.page.title().to_string(),
            url: builder.site.url(&entry.path),
        });
        let path = format!(
            "{}{}",
            entry.path,
            crate::content::languages::HANDOUT_FOLDER
        );
        let title = format!("{} (handout)", entry.page.title());
        let current = Current::new(builder.site, &title, &path, None);
        let context = HandoutTemplate {
            current,
            section: builder.section(index),
            ancestors,
            modules,
        };
        let html = templates.render(TEMPLATE, &context, &entry.page.shown)?;
        files.push(html_file(&path, html));
    }
    Ok(files)
}

/// Every element of `html` that starts with `start` (a `<div>` or
/// `<details>` start tag), whole, in order.
fn blocks(html: &str, start: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(at) = html[from..].find(start) {
        let begin = from + at;
        let end = element_end(html, begin, start);
        found.push(html[begin..end].to_string());
        from = end;
    }
    found
}

/// Where the element whose start tag `start` is at `begin` ends: after
/// its matching end tag, counting nested elements of the same name (the
/// rendered body's tags are lower case, as markdown writes them).
fn element_end(html: &str, begin: usize, start: &str) -> usize {
    let name: String = start
        .trim_start_matches('<')
        .chars()
        .take_while(char::is_ascii_alphabetic)
        .collect();
    let open = format!("<{name}");
    let close = format!("</{name}>");
    let mut depth = 0usize;
    let mut at = begin;
    while at < html.len() {
        let next_open = html[at..].find(&open).map(|i| at + i);
        let next_close = html[at..].find(&close).map(|i| at + i);
        match (next_open, next_close) {
            (Some(o), Some(c)) if o < c => {
                depth += 1;
                at = o + open.len();
            }
            (_, Some(c)) => {
                depth = depth.saturating_sub(1);
                at = c + close.len();
                if depth == 0 {
                    return at;
                }
            }
            _ => break,
        }
    }
    html.len()
}

/// `html` without the solution blocks inside it.
fn without_solutions(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut from = 0;
    while let Some(at) = html[from..].find(SOLUTION) {
        let begin = from + at;
        out.push_str(&html[from..begin]);
        from = element_end(html, begin, SOLUTION);
    }
    out.push_str(&html[from..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn challenges_are_kept_whole_and_their_solutions_left_out() {
        let body = format!(
            "<p>Intro</p>{CHALLENGE}<p>Q?</p><div class=\"callout-body\"><p>more</p></div>{SOLUTION}<summary>S</summary><div>answer</div></details></div>{SOLUTION}<div>outside</div></details><p>after</p>"
        );
        let found = blocks(&body, CHALLENGE);
        assert_eq!(found.len(), 1);
        let kept = without_solutions(&found[0]);
        assert_eq!(
            kept,
            format!("{CHALLENGE}<p>Q?</p><div class=\"callout-body\"><p>more</p></div></div>")
        );
        assert!(!kept.contains("answer") && !kept.contains("outside"));
    }

    #[test]
    fn every_key_points_block_is_found_in_order() {
        let body =
            format!("{KEY_POINTS}<ul><li>one</li></ul></div><p>x</p>{KEY_POINTS}<p>two</p></div>");
        let found = blocks(&body, KEY_POINTS);
        assert_eq!(found.len(), 2);
        assert!(found[0].contains("one") && found[1].contains("two"));
        assert!(found[1].ends_with("</div>"));
    }
}
