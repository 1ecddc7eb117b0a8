//! The checks `hearth build` runs on every page's source: accessibility
//! problems that must never reach readers (an image without alt text, a
//! link with no text). `source` reads a page's markdown with offsets, so
//! each finding has a line and column; `accessibility` finds the problems.
//! `hearth check` runs the same checks, and its own, over the same sources.

pub(crate) mod accessibility;
pub(crate) mod source;

use rayon::prelude::*;

use crate::content::{Page, Site};
use crate::error::{Error, Rule};

/// The error-level checks `hearth build` runs too, so that an image without
/// alt text or an empty link never reaches readers.
pub fn build_checks(site: &Site) -> Vec<Error> {
    checked_pages(site)
        .collect::<Vec<_>>()
        .par_iter()
        .flat_map_iter(|page| page_build_checks(page, &site.config))
        .collect()
}

/// The error-level checks of one page (a page with no file behind it has none).
pub fn page_build_checks(page: &Page, config: &crate::config::Config) -> Vec<Error> {
    if page.text.is_empty() {
        return Vec::new();
    }
    let found = accessibility::check(&source::Source::new(page), config);
    found.into_iter().filter(Error::is_error).collect()
}

/// Every page and section that has a file behind it.
fn checked_pages(site: &Site) -> impl Iterator<Item = &Page> {
    let pages = site.pages.iter().map(|entry| &*entry.page);
    let sections = site.sections.iter().map(|entry| &*entry.page);
    pages.chain(sections).filter(|page| !page.text.is_empty())
}
