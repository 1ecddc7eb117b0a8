//! Languages: which language a content file is in, and the site assembled
//! once per language with its pages paired across languages.
//!
//! Part of the content stage. `about.cy.md` is the Welsh counterpart of
//! `about.md`: a page's *logical* path (`about.md`) pairs it with its
//! counterparts, and its `shown` path names the real file in messages.
//! Each language is assembled as a site of its own (menus, listings,
//! taxonomies and feeds stay inside it); the default language's site holds
//! the others as its `translations`.

use std::collections::HashMap;
use std::sync::Arc;

use super::site::{assemble, Site};
use super::{Asset, Page};
use crate::config::Config;
use crate::error::{Diagnostics, Error, ErrorKind};

/// One version of a page: its language and root-relative URL.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Alternate {
    /// BCP 47 tag.
    pub language: String,
    /// Root-relative URL, with base path.
    pub url: String,
    /// Absolute URL.
    pub permalink: String,
}

/// A content path split into its logical path and its language: `about.cy.md`
/// is (`about.md`, Some(`cy`)); `about.md` is (`about.md`, None).
/// A suffix that is a registered language tag the site lacks is an error.
pub(crate) fn split_path(path: &str, config: &Config) -> Result<(String, Option<String>), Error> {
    let Some(stem) = path.strip_suffix(".md") else {
        return Ok((path.to_string(), None));
    };
    let (folder, name) = stem.rsplit_once('/').map_or(("", stem), |(f, n)| (f, n));
    let Some((base, code)) = name.rsplit_once('.') else {
        return Ok((path.to_string(), None));
    };
    if base.is_empty() {
        return Ok((path.to_string(), None));
    }
    let logical = if folder.is_empty() {
        format!("{base}.md")
    } else {
        format!("{folder}/{base}.md")
    };
    if config.languages.contains_key(code) {
        return Ok((logical, Some(code.to_string())));
    }
    if !crate::config::is_registered(code) && !code.eq_ignore_ascii_case(&config.default_language) {
        return Ok((path.to_string(), None));
    }
    Err(not_a_site_language(path, code, &logical, config))
}

/// The content path of the page at the logical path `logical` in the
/// language `code`, the reverse of [`split_path`]: `about.md` in `cy` is
/// `about.cy.md`.
pub(crate) fn path_in_language(logical: &str, code: &str) -> String {
    let stem = logical.strip_suffix(".md").unwrap_or(logical);
    format!("{stem}.{code}.md")
}

/// The error for a file marked with a language the site lacks; `logical`
/// is its name without the mark.
fn not_a_site_language(path: &str, code: &str, logical: &str, config: &Config) -> Error {
    let languages = config.all_languages().join(", ");
    Error::new(
        ErrorKind::Language,
        format!("{}/{path}", super::CONTENT_DIR),
        format!("this file is marked as in the language `{code}`, which is not one of the site's languages ({languages})"),
    )
    .with_help(format!(
        "add `{code}:` under `languages:` in site.yaml, or rename the file: pages in the site's own language have no code, as in {logical}"
    ))
}

/// The language a parsed page is in, from its file name.
pub(crate) fn page_language(page: &Page, config: &Config) -> String {
    let real = page
        .shown
        .strip_prefix(super::CONTENT_DIR)
        .map_or(page.shown.as_str(), |rest| rest.trim_start_matches('/'));
    match split_path(real, config) {
        Ok((_, Some(code))) => code,
        _ => config.default_language.clone(),
    }
}

/// Assembles one site per language: the default language's, holding the
/// others as its translations, each with the addresses of every page's
/// counterparts.
pub(crate) fn assemble_languages(
    config: Config,
    pages: Vec<Arc<Page>>,
    assets: Vec<Asset>,
    is_drafts: bool,
    diagnostics: &mut Diagnostics,
) -> Site {
    if config.languages.is_empty() {
        return assemble(config, pages, assets, is_drafts, diagnostics);
    }
    let mut by_language = by_language(pages, &config);
    let default_pages = by_language
        .remove(&config.default_language)
        .unwrap_or_default();
    let mut translations = Vec::with_capacity(config.languages.len());
    for code in config.languages.keys() {
        let language_config = config.for_language(code).expect("a code of the site");
        let pages = by_language.remove(code).unwrap_or_default();
        translations.push(assemble(
            language_config,
            pages,
            assets.clone(),
            is_drafts,
            diagnostics,
        ));
    }
    let mut site = assemble(config, default_pages, assets, is_drafts, diagnostics);
    add_translations(&mut site, translations);
    site
}

/// Gives the default language's site its translations, each falling back
/// on its pages, and pairs every page with its counterparts.
fn add_translations(site: &mut Site, mut translations: Vec<Site>) {
    let fallback = fallback_urls(site);
    for translation in &mut translations {
        translation.fallback = Arc::clone(&fallback);
    }
    site.translations = translations;
    pair(site);
}

/// The pages by the language each is in.
fn by_language(pages: Vec<Arc<Page>>, config: &Config) -> HashMap<String, Vec<Arc<Page>>> {
    let mut by_language: HashMap<String, Vec<Arc<Page>>> = HashMap::new();
    for page in pages {
        let language = page_language(&page, config);
        by_language.entry(language).or_default().push(page);
    }
    by_language
}

/// The URL of each of the default language's pages by content path, which
/// a translation links to where it lacks the page.
fn fallback_urls(site: &Site) -> Arc<HashMap<String, String>> {
    Arc::new(
        site.targets
            .iter()
            .map(|(path, target)| (path.clone(), site.url(site.target_path(*target))))
            .collect(),
    )
}

/// Fills each site's alternates: for every page with a counterpart, the
/// URL of each version, by the page's URL path; the written pages' (and
/// their sections' further listing pages) in `alternates`, those of the
/// pages made from the site in `made_alternates` (see [`pair_made`]).
pub(crate) fn pair(site: &mut Site) {
    let versions = versions(site);
    let listing_counts = listing_counts(site);
    site.alternates = Arc::new(written_alternates(site, &versions, &listing_counts));
    for translation in &mut site.translations {
        let alternates = written_alternates(translation, &versions, &listing_counts);
        translation.alternates = Arc::new(alternates);
    }
    pair_made_with(site, &listing_counts);
}

/// Fills each site's `made_alternates`: the alternates of the pages made
/// from the site (taxonomy lists, terms and their further pages, the
/// glossary, handouts). After an edit that changed some terms only these
/// are paired again: a term's pages name the same term's pages in the
/// other languages, as many as each has, and a written page's alternates
/// do not follow from terms.
pub(crate) fn pair_made(site: &mut Site) {
    let listing_counts = listing_counts(site);
    pair_made_with(site, &listing_counts);
}

/// [`pair_made`] with every listing's number of pages worked out.
fn pair_made_with(site: &mut Site, listing_counts: &HashMap<String, usize>) {
    let versions = made_versions(site);
    site.made_alternates = made_alternates(site, &versions, listing_counts);
    for translation in &mut site.translations {
        translation.made_alternates = made_alternates(translation, &versions, listing_counts);
    }
}

/// Every version of each written page, in each language, by content path.
fn versions(site: &Site) -> HashMap<String, Vec<Alternate>> {
    let mut versions: HashMap<String, Vec<Alternate>> = HashMap::new();
    for each in site.each_language() {
        for (path, target) in each.targets.iter() {
            let url_path = each.target_path(*target);
            let version = alternate(each, url_path);
            versions.entry(path.clone()).or_default().push(version);
        }
    }
    versions
}

/// Every version of each page made from the site (taxonomy lists and
/// terms, the glossary, handouts), in each language, by its URL path,
/// which is the same in every language.
fn made_versions(site: &Site) -> HashMap<String, Vec<Alternate>> {
    let mut versions: HashMap<String, Vec<Alternate>> = HashMap::new();
    for each in site.each_language() {
        for url_path in made_paths(each) {
            let version = alternate(each, &url_path);
            versions.entry(url_path).or_default().push(version);
        }
    }
    versions
}

/// The version of a page in `each`'s language, at `url_path`.
fn alternate(each: &Site, url_path: &str) -> Alternate {
    Alternate {
        language: each.config.language.clone(),
        url: each.url(url_path),
        permalink: each.permalink(url_path),
    }
}

/// How many pages each paginated listing has, by the URL of its first
/// page: a listing's page 3 has a counterpart only where the other
/// language's listing reaches page 3.
fn listing_counts(site: &Site) -> HashMap<String, usize> {
    site.each_language()
        .flat_map(|each| {
            let listings = section_listings(each).into_iter();
            let all = listings.chain(term_listings(each));
            all.map(|(path, count)| (each.url(&path), count))
        })
        .collect()
}

/// The alternates of each of `each`'s written pages that has a
/// counterpart, and of its sections' further listing pages, by URL path.
fn written_alternates(
    each: &Site,
    versions: &HashMap<String, Vec<Alternate>>,
    listing_counts: &HashMap<String, usize>,
) -> HashMap<String, Vec<Alternate>> {
    let mut alternates = HashMap::new();
    for (path, target) in each.targets.iter() {
        if let Some(list) = paired(versions, path) {
            alternates.insert(each.target_path(*target).to_string(), list.clone());
        }
    }
    let listings = section_listings(each);
    add_listing_pages(listings, &mut alternates, listing_counts);
    alternates
}

/// The alternates of each of the pages made from `each` that has a
/// counterpart, and of its terms' further listing pages, by URL path.
fn made_alternates(
    each: &Site,
    versions: &HashMap<String, Vec<Alternate>>,
    listing_counts: &HashMap<String, usize>,
) -> HashMap<String, Vec<Alternate>> {
    let mut alternates = HashMap::new();
    for url_path in made_paths(each) {
        if let Some(list) = paired(versions, &url_path) {
            alternates.insert(url_path, list.clone());
        }
    }
    add_listing_pages(term_listings(each), &mut alternates, listing_counts);
    alternates
}

/// The versions of the page at `key` in `versions`, when it has a
/// counterpart.
fn paired<'v>(
    versions: &'v HashMap<String, Vec<Alternate>>,
    key: &str,
) -> Option<&'v Vec<Alternate>> {
    versions.get(key).filter(|list| list.len() > 1)
}

/// The alternates of each further page of the paginated `listings`
/// (`news/page/2/`), whose first pages' alternates are in `alternates`:
/// the same page of each counterpart listing that has as many pages.
fn add_listing_pages(
    listings: Vec<(String, usize)>,
    alternates: &mut HashMap<String, Vec<Alternate>>,
    counts: &HashMap<String, usize>,
) {
    for (path, count) in listings {
        let Some(first) = alternates.get(&path).cloned() else {
            continue;
        };
        for number in 2..=count {
            let versions: Vec<Alternate> = first
                .iter()
                .filter(|version| counts.get(&version.url).is_some_and(|&n| n >= number))
                .map(|version| Alternate {
                    language: version.language.clone(),
                    url: super::listing_page_path(&version.url, number),
                    permalink: super::listing_page_path(&version.permalink, number),
                })
                .collect();
            if versions.len() > 1 {
                alternates.insert(super::listing_page_path(&path, number), versions);
            }
        }
    }
}

/// Each section of `site` whose listing runs to more than one page, by
/// the URL path of its first page, with its number of pages, counted as
/// the render pages them.
fn section_listings(site: &Site) -> Vec<(String, usize)> {
    let sections = site.sections.iter().map(|section| {
        let per_page = section.page.front.paginate_by.unwrap_or(0);
        let count = super::listing_page_count(section.pages.len(), per_page);
        (section.path.clone(), count)
    });
    sections.filter(|&(_, count)| count > 1).collect()
}

/// [`section_listings`] for the terms of paginated taxonomies.
fn term_listings(site: &Site) -> Vec<(String, usize)> {
    let terms = site.taxonomies.iter().flat_map(|taxonomy| {
        let per_page = taxonomy.config.paginate_by;
        taxonomy.terms.iter().map(move |term| {
            let items = term.count();
            let path = term.path(&taxonomy.config.name);
            (path, super::listing_page_count(items, per_page))
        })
    });
    terms.filter(|&(_, count)| count > 1).collect()
}

/// Where the glossary page is, under a language's base path. Made only
/// for a language whose glossary has a term.
pub const GLOSSARY_PATH: &str = "glossary/";

/// Where a course's handout is, below the course. Made only for a course
/// with modules.
pub const HANDOUT_FOLDER: &str = "handout/";

/// The URL paths of the pages made from a site rather than written, which
/// one language may have and another lack: each taxonomy's list of terms
/// and each term's page, the glossary and each course's handout.
fn made_paths(site: &Site) -> Vec<String> {
    let mut paths = Vec::new();
    if site
        .config
        .glossary
        .keys()
        .any(|term| !term.trim().is_empty())
    {
        paths.push(GLOSSARY_PATH.to_string());
    }
    for section in &site.sections {
        if section.kind.is_course() && has_modules(site, section) {
            paths.push(format!("{}{HANDOUT_FOLDER}", section.path));
        }
    }
    for taxonomy in &site.taxonomies {
        let name = &taxonomy.config.name;
        paths.push(format!("{name}/"));
        paths.extend(taxonomy.terms.iter().map(|term| term.path(name)));
    }
    paths
}

/// True when a module is published in `section`.
fn has_modules(site: &Site, section: &super::site::SectionEntry) -> bool {
    section
        .pages
        .iter()
        .any(|&i| matches!(site.pages[i].kind, super::kinds::Kind::Module(_)))
}

/// The logical paths of pages that lack a counterpart in some language,
/// with the languages they lack, for the parity report.
pub(crate) fn unpaired(site: &Site) -> Vec<(&Page, Vec<String>)> {
    let all: Vec<&Site> = std::iter::once(site)
        .chain(site.translations.iter())
        .collect();
    let mut missing = Vec::new();
    for each in &all {
        for (path, target) in each.targets.iter() {
            let lacking: Vec<String> = all
                .iter()
                .filter(|other| !other.targets.contains_key(path))
                .map(|other| other.config.language.clone())
                .collect();
            if !lacking.is_empty() {
                missing.push((each.target_page(*target), lacking));
            }
        }
    }
    missing.sort_by(|a, b| a.0.shown.cmp(&b.0.shown));
    missing
}

impl Site {
    /// This site and its translations, the default language first.
    pub(crate) fn each_language(&self) -> impl Iterator<Item = &Site> {
        std::iter::once(self).chain(self.translations.iter())
    }

    /// Every version of the page at the URL path `path` (`about/`,
    /// `topics/care/page/2/`), when it has a counterpart.
    pub(crate) fn alternates_of(&self, path: &str) -> Option<&Vec<Alternate>> {
        (self.alternates.get(path)).or_else(|| self.made_alternates.get(path))
    }

    /// Pages and sections in every language.
    pub(crate) fn counts(&self) -> (usize, usize) {
        self.each_language().fold((0, 0), |(p, s), site| {
            (p + site.pages.len(), s + site.sections.len())
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_path_in_a_language_splits_back_into_its_logical_path_and_language() {
        let yaml = "title: T\nbase_url: https://a.test/\nlanguages:\n  cy:\n    title: P\n";
        let config = crate::config::parse(std::path::Path::new("."), yaml, None).unwrap();
        for logical in ["about.md", "guides/_index.md", "walks/bench/index.md"] {
            let path = path_in_language(logical, "cy");
            assert_eq!(path, format!("{}.cy.md", &logical[..logical.len() - 3]));
            let split = split_path(&path, &config).unwrap();
            assert_eq!(split, (logical.to_string(), Some("cy".to_string())));
        }
    }
}
