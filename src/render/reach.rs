//! What a front matter edit reaches: the pages and sections whose files
//! show something of an edited page's or section's front matter, for a
//! [`Plan::Fronts`](super::Plan) render. The site's shape (its pages,
//! their URLs, their order and their sections) is the same before and
//! after such an edit, so these are found in the edited site.
//!
//! A page is shown by its own file, by its neighbours' previous and next
//! links, by its section's listing and the cards of the sections above it,
//! and by a brief it supersedes (which names it). A section is shown by
//! its own listing, by the cards and breadcrumbs of the sections above it,
//! and by the breadcrumbs and course links of everything below it. Term
//! pages, feeds and the site-wide pages are rendered whole apart from this.

use std::collections::HashSet;

use super::Fronts;
use crate::content::kinds::Kind;
use crate::content::{Site, Target};
use crate::markdown::links::{classify, LinkTarget};

/// The content paths of the edited pages and sections and of every page
/// and section that shows one of them.
pub fn of(site: &Site, fronts: &Fronts) -> HashSet<String> {
    let mut reached = HashSet::new();
    for path in &fronts.paths {
        match site.targets.get(path.as_str()) {
            Some(&Target::Page(i)) => page(site, i, &mut reached),
            Some(&Target::Section(i)) => section(site, i, &mut reached),
            None => {}
        }
    }
    reached.extend(superseding(site, &fronts.paths));
    reached
        .into_iter()
        .map(|target| site.target_page(target).path.clone())
        .collect()
}

/// A page, its neighbours, its section and the sections above it.
fn page(site: &Site, index: usize, reached: &mut HashSet<Target>) {
    let entry = &site.pages[index];
    reached.insert(Target::Page(index));
    reached.extend(entry.previous.map(Target::Page));
    reached.extend(entry.next.map(Target::Page));
    above(site, Some(entry.section), reached);
}

/// A section, the sections above it, and everything below it.
fn section(site: &Site, index: usize, reached: &mut HashSet<Target>) {
    above(site, Some(index), reached);
    let mut stack = vec![index];
    while let Some(current) = stack.pop() {
        let entry = &site.sections[current];
        reached.insert(Target::Section(current));
        reached.extend(entry.pages.iter().map(|&i| Target::Page(i)));
        stack.extend(entry.subsections.iter().copied());
    }
}

/// A section and each of its parents up to the home page.
fn above(site: &Site, from: Option<usize>, reached: &mut HashSet<Target>) {
    let mut current = from;
    while let Some(index) = current {
        reached.insert(Target::Section(index));
        current = site.sections[index].parent;
    }
}

/// The briefs whose `superseded_by` names an edited page: they show its title.
fn superseding<'a>(
    site: &'a Site,
    paths: &'a HashSet<String>,
) -> impl Iterator<Item = Target> + 'a {
    site.pages.iter().enumerate().filter_map(move |(i, entry)| {
        let Kind::Brief(brief) = &entry.kind else {
            return None;
        };
        let target = brief.superseded_by.as_deref()?;
        match classify(target, &entry.page.path) {
            LinkTarget::Content(path, _) if paths.contains(&path) => Some(Target::Page(i)),
            _ => None,
        }
    })
}
