//! Links written as site paths (`/contact/`, `/files/plan.pdf`) that lead
//! to nothing the build publishes.
//!
//! `@/` links to content files are checked by every build, since the file
//! either exists or not. A site path is checked here instead, against the
//! files the in-memory build made (pages, sections, generated pages, feeds,
//! static files and page assets), as a warning: a council may put other
//! files beside the built site by hand. The paths come from markdown links
//! and images, raw HTML `href` and `src` values, front matter links and
//! the menu in site.yaml; a path with the base path in front
//! (`/compassionate-city/contact/`) is read as the same page.

use std::collections::HashSet;

use super::source::{self, Source};
use super::Rule;
use crate::config::CONFIG_FILE;
use crate::content::{Page, Site};
use crate::error::{Error, ErrorKind, LineIndex};
use crate::markdown::links::{classify, LinkTarget};
use crate::output::OutputFile;

/// The addresses a build publishes, as paths under the site's root with no
/// leading slash: each file's path, and a folder for each `index.html`.
pub(crate) struct Published {
    paths: HashSet<String>,
    base_path: String,
    has_search: bool,
}

impl Published {
    /// The addresses of the files a build made, and of every page, section
    /// and alias of the site (so that a page whose template failed still
    /// counts).
    pub(crate) fn new(files: &[OutputFile], site: &Site) -> Self {
        let mut paths = HashSet::with_capacity(files.len() * 2);
        for file in files {
            if let Some(folder) = file.path.strip_suffix("index.html") {
                paths.insert(folder.to_string());
            }
            paths.insert(file.path.clone());
        }
        let pages = site.pages.iter().map(|entry| &entry.path);
        let sections = site.sections.iter().map(|entry| &entry.path);
        let aliases = site.aliases.iter().map(|alias| &alias.from);
        paths.extend(pages.chain(sections).chain(aliases).cloned());
        Published {
            paths,
            base_path: site.config.base_path.clone(),
            has_search: site.config.search,
        }
    }

    /// Whether the site path `path` (as written, starting with `/`) leads
    /// to something the build publishes.
    pub(crate) fn has(&self, path: &str) -> bool {
        let path = path.split(['#', '?']).next().unwrap_or_default();
        let path = path.strip_prefix(&self.base_path).unwrap_or(path);
        let path = path.trim_start_matches('/');
        let path = percent_encoding::percent_decode_str(path).decode_utf8_lossy();
        // The search bundle is written after the pages, so it is not among
        // the files the check builds.
        if self.has_search && path.starts_with(crate::search::BUNDLE_DIR) {
            return true;
        }
        // A folder written without its slash is served by redirect.
        self.paths.contains(path.as_ref()) || self.paths.contains(&format!("{path}/"))
    }
}

const HELP: &str = "link to a page as @/path/from/content.md, or correct the address";

/// A warning for each site path in the pages and the menu that leads to
/// nothing the build publishes.
pub(crate) fn check(site: &Site, published: &Published) -> Vec<Error> {
    let mut found = Vec::new();
    for page in super::checked_pages(site) {
        found.extend(in_body(page, published));
        found.extend(in_front_matter(page, published));
    }
    found.extend(in_menu(site, published));
    found
}

/// Whether `dest`, written in the page at `from`, is a site path that
/// leads nowhere.
fn leads_nowhere(dest: &str, from: &str, published: &Published) -> bool {
    match classify(dest, from) {
        LinkTarget::SitePath(path) => !published.has(&path),
        _ => false,
    }
}

fn message(dest: &str) -> String {
    format!("the link `{dest}` goes to no page or file of this site")
}

fn in_body(page: &Page, published: &Published) -> Vec<Error> {
    let source = Source::new(page);
    source
        .link_targets()
        .into_iter()
        .filter(|(dest, _)| leads_nowhere(dest, &page.path, published))
        .map(|(dest, offset)| {
            source
                .finding(Rule::SiteLink, offset, message(&dest))
                .with_help(HELP)
        })
        .collect()
}

/// The links of a page's front matter, with the field each is under.
fn front_matter_links(page: &Page) -> Vec<(&'static str, &str)> {
    let front = &page.front;
    let resources = front
        .resources
        .iter()
        .map(|item| ("resources", item.url.as_str()));
    let evidence = front
        .evidence
        .iter()
        .map(|item| ("evidence", item.url.as_str()));
    let mut links: Vec<(&'static str, &str)> = resources.chain(evidence).collect();
    let references = front.references.iter().filter_map(|r| r.url.as_deref());
    links.extend(references.map(|url| ("references", url)));
    links.extend(
        front
            .superseded_by
            .as_deref()
            .map(|url| ("superseded_by", url)),
    );
    links
}

fn in_front_matter(page: &Page, published: &Published) -> Vec<Error> {
    front_matter_links(page)
        .into_iter()
        .filter(|(_, url)| leads_nowhere(url, &page.path, published))
        .map(|(field, url)| {
            finding(
                &page.shown,
                &page.line_index(),
                page.value_place(field, url),
                url,
            )
        })
        .collect()
}

fn in_menu(site: &Site, published: &Published) -> Vec<Error> {
    let config = &site.config;
    let index = LineIndex::new(&config.text);
    config
        .menu
        .iter()
        .enumerate()
        .filter(|(_, item)| leads_nowhere(&item.url, "_index.md", published))
        .map(|(number, item)| {
            finding(
                CONFIG_FILE,
                &index,
                config.menu_url_place(number),
                &item.url,
            )
        })
        .collect()
}

/// A finding about the link `dest` at (line, column) of the file `shown`.
fn finding(shown: &str, index: &LineIndex, (line, column): (usize, usize), dest: &str) -> Error {
    let error = Error::new(ErrorKind::Check(Rule::SiteLink), shown, message(dest))
        .at(index, line, column)
        .with_help(HELP);
    source::with_severity(error, Rule::SiteLink)
}
