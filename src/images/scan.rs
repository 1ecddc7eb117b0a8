//! Which images the bodies use in ways the images stage must know before
//! they are rendered: files a page links to as files (published whole,
//! without metadata) and images shown by their site path (`/img/map.png`:
//! the site's `static/` or a content image), from content.

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
    /// Site paths linked to as files (`[the map](/walks/map.png)`): a
    /// content image's, when one is published there.
    pub linked_site: HashSet<String>,
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
        .filter(|page| page.body().contains("](") || page.front.image.is_some())
        .par_bridge()
        .map(|page| {
            let mut uses = uses_in(page.body(), &page.path);
            if let Some(cover) = &page.front.image {
                uses.show(classify(&cover.src, &page.path));
            }
            uses
        })
        .collect();
    let mut all = Uses::default();
    for one in found {
        all.linked.extend(one.linked);
        all.linked_site.extend(one.linked_site);
        all.shown_static.extend(one.shown_static);
        all.shown.extend(one.shown);
    }
    all
}

impl Uses {
    /// An image shown, in a body or as a page's `image:`.
    fn show(&mut self, target: LinkTarget) {
        match target {
            LinkTarget::SitePath(target) => {
                self.shown_static.insert(target);
            }
            LinkTarget::Content(target, _) => {
                self.shown.insert(target);
            }
            _ => {}
        }
    }
}

fn uses_in(body: &str, path: &str) -> Uses {
    let mut uses = Uses::default();
    for event in Parser::new(body) {
        match event {
            Event::Start(Tag::Link { dest_url, .. }) => match classify(&dest_url, path) {
                LinkTarget::Content(target, _) => {
                    uses.linked.insert(target);
                }
                LinkTarget::SitePath(target) => {
                    uses.linked_site.insert(without_anchor(&target).to_string());
                }
                _ => {}
            },
            Event::Start(Tag::Image { dest_url, .. }) => uses.show(classify(&dest_url, path)),
            _ => {}
        }
    }
    uses
}

/// A site path without its `#anchor` or `?query`: the file it names.
fn without_anchor(path: &str) -> &str {
    path.split(['#', '?']).next().unwrap_or(path)
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

    #[test]
    fn links_by_site_path_are_found_without_their_anchor() {
        let uses = uses_in("[plan](/walks/plan.png#top) [p](/about/)", "news/post.md");
        assert!(uses.linked_site.contains("/walks/plan.png"));
        assert!(uses.linked.is_empty());
    }
}
