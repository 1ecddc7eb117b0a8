//! Which images the bodies use in ways the images stage must know before
//! they are rendered: files a page links to as files (published whole,
//! without metadata) and images of the site's `static/` shown from content.

use std::collections::HashSet;

use pulldown_cmark::{Event, Parser, Tag};
use rayon::prelude::*;

use crate::content::Site;
use crate::markdown::links::{classify, LinkTarget};

/// What the bodies use.
#[derive(Debug, Default)]
pub struct Uses {
    /// Content paths linked to as files (`[the photo](photo.jpg)`).
    pub linked: HashSet<String>,
    /// Site paths shown as images (`![map](/img/map.png)`).
    pub shown_static: HashSet<String>,
    /// Content paths shown as images (`![a bench](bench.jpg)`).
    pub shown: HashSet<String>,
}

/// Reads every body's links and images, in every language.
pub fn uses(site: &Site) -> Uses {
    let found: Vec<Uses> = site
        .each_language()
        .flat_map(|site| {
            let pages = site.pages.iter().map(|e| &e.page);
            pages.chain(site.sections.iter().map(|e| &e.page))
        })
        .filter(|page| page.body().contains("]("))
        .par_bridge()
        .map(|page| uses_in(page.body(), &page.path))
        .collect();
    let mut all = Uses::default();
    for one in found {
        all.linked.extend(one.linked);
        all.shown_static.extend(one.shown_static);
        all.shown.extend(one.shown);
    }
    all
}

fn uses_in(body: &str, path: &str) -> Uses {
    let mut uses = Uses::default();
    for event in Parser::new(body) {
        match event {
            Event::Start(Tag::Link { dest_url, .. }) => {
                if let LinkTarget::Content(target, _) = classify(&dest_url, path) {
                    uses.linked.insert(target);
                }
            }
            Event::Start(Tag::Image { dest_url, .. }) => match classify(&dest_url, path) {
                LinkTarget::SitePath(target) => {
                    uses.shown_static.insert(target);
                }
                LinkTarget::Content(target, _) => {
                    uses.shown.insert(target);
                }
                _ => {}
            },
            _ => {}
        }
    }
    uses
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_to_files_and_static_images_are_found() {
        let uses = uses_in(
            "![a](photo.jpg) [whole](big.jpg) ![m](/img/map.png) [p](/about/)",
            "news/post.md",
        );
        assert!(uses.linked.contains("news/big.jpg"));
        assert!(!uses.linked.contains("news/photo.jpg"));
        assert!(uses.shown_static.contains("/img/map.png"));
    }
}
