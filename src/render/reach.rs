//! What an edit of some pages' front matter reaches, for a
//! [`Plan::Fronts`](super::Plan) render: [`compare`] tells such an edit
//! apart from one that needs everything rendered, and [`of`] finds the
//! pages and sections whose files show an edited one.
//!
//! The site's shape (its pages, their URLs and sections, the sections'
//! tree, redirects and listing page sizes) is the same before and after
//! such an edit, so an index means the same page in both sites. The order
//! of a section's pages may change: a page whose previous or next page
//! changed is rendered again, and so is what shows a module whose number
//! changed.
//!
//! A page is shown by its own file, by its neighbours' previous and next
//! links, by its section's listing and the cards of the sections above it,
//! and by a brief it supersedes (which names it). A section is shown by
//! its own listing, by the cards and breadcrumbs of the sections above it,
//! and by the breadcrumbs and course links of everything below it. Term
//! pages, feeds and the site-wide pages are chosen apart from this.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::sync::Arc;

use super::{Fronts, Plan};
use crate::content::kinds::Kind;
use crate::content::{Page, PageEntry, SectionEntry, Site, Target, Term};
use crate::markdown::links::{classify, LinkTarget};

/// What to render after the files at `read` (content paths) were read
/// again, from the last good site to the new one: `None` when the site's
/// shape changed or a page not read changed (render everything), a
/// [`Plan::Only`] of those read when only their bodies changed, or else a
/// [`Plan::Fronts`].
pub fn compare(last: &Site, now: &Site, read: &HashSet<String>) -> Option<Plan> {
    if !is_same_shape(last, now) {
        return None;
    }
    let mut edit = Edit::default();
    for (old, new) in last.pages.iter().zip(&now.pages) {
        edit.note(page_difference(old, new), &new.page.path);
    }
    for (old, new) in last.sections.iter().zip(&now.sections) {
        edit.note(section_difference(old, new), &new.page.path);
    }
    if !edit.read.iter().all(|path| read.contains(path)) {
        return None;
    }
    let is_order_changed =
        (last.sections.iter().zip(&now.sections)).any(|(a, b)| a.pages != b.pages);
    if edit.shown.is_empty() && !is_order_changed {
        return Some(Plan::Only(read.clone()));
    }
    Some(Plan::Fronts(edit.into_fronts(last, now, is_order_changed)))
}

/// [`compare`] for a site in more than one language: each language's
/// site compared with its last, and the plans put together, the paths of
/// a translation's pages given back their language (`about.cy.md`), and
/// its terms their prefix (`cy/topics/care/`, output paths). Each
/// language's render takes its own pages and terms from these (see
/// `Plan::in_language`); what else a plan says (whether dates, terms,
/// order or summaries changed) every language's render takes that has a
/// page to render again, which at most makes some of its files again as
/// they were. A term's pages name the same term's pages in the other
/// languages, as many as each has: those whose counterparts changed are
/// made again too. `None`, to render everything, when a language's
/// compare gives `None`.
pub fn compare_languages(last: &Site, now: &Site, read: &HashSet<String>) -> Option<Plan> {
    let config = &now.config;
    let languages =
        std::iter::once(None).chain(now.translations.iter().map(|t| Some(&t.config.language)));
    let mut merged = Fronts::default();
    let mut is_fronts = false;
    for language in languages {
        let code = language.map(String::as_str);
        let own_paths = |path: &String| {
            let (logical, of) = crate::content::languages::split_path(path, config).ok()?;
            (of.as_deref() == code).then_some(logical)
        };
        let read_here: HashSet<String> = read.iter().filter_map(own_paths).collect();
        let in_language = Language {
            code,
            prefix: config.language_prefix(code.unwrap_or(&config.default_language)),
        };
        match compare(last.in_language(code)?, now.in_language(code)?, &read_here)? {
            Plan::All => return None,
            Plan::Only(paths) => merged.own.extend(paths.iter().map(|p| in_language.path(p))),
            Plan::Fronts(fronts) => {
                is_fronts = true;
                in_language.merge(fronts, &mut merged);
            }
        }
    }
    if !merged.terms.is_empty() {
        for each in last.each_language().zip(now.each_language()) {
            add_new_counterparts(each, &mut merged);
        }
    }
    Some(match is_fronts {
        true => Plan::Fronts(merged),
        false => Plan::Only(merged.own),
    })
}

/// One language of a site, while its plan is merged with the others'.
struct Language<'c> {
    /// Its code, `None` for the default language.
    code: Option<&'c str>,
    /// Where its files are (`""`, `cy/`).
    prefix: String,
}

impl Language<'_> {
    /// The content path of its page at the logical path `logical`.
    fn path(&self, logical: &str) -> String {
        match self.code {
            None => logical.to_string(),
            Some(code) => crate::content::languages::path_in_language(logical, code),
        }
    }

    /// Adds its plan `fronts` to `merged`.
    fn merge(&self, fronts: Fronts, merged: &mut Fronts) {
        let prefix = &self.prefix;
        merged
            .paths
            .extend(fronts.paths.iter().map(|p| self.path(p)));
        merged.own.extend(fronts.own.iter().map(|p| self.path(p)));
        merged
            .terms
            .extend(fronts.terms.iter().map(|term| format!("{prefix}{term}")));
        for (term, numbers) in fronts.listings {
            let listings = merged.listings.entry(format!("{prefix}{term}"));
            listings.or_default().extend(numbers);
        }
        merged.is_terms_changed |= fronts.is_terms_changed;
        merged.is_order_changed |= fronts.is_order_changed;
        merged.is_summaries_changed |= fronts.is_summaries_changed;
        merged.is_dates_changed |= fronts.is_dates_changed;
    }
}

/// Adds to `merged.listings` the listing pages of each term of one
/// language (its last and its new site) whose counterparts in the other
/// languages changed, but for terms made all again.
fn add_new_counterparts((last, now): (&Site, &Site), merged: &mut Fronts) {
    let prefix = now.config.language_prefix(&now.config.language);
    for taxonomy in &now.taxonomies {
        let per_page = taxonomy.config.paginate_by;
        for term in &taxonomy.terms {
            let own = term.path(&taxonomy.config.name);
            let path = format!("{prefix}{own}");
            if merged.terms.contains(&path) {
                continue;
            }
            let count = crate::content::listing_page_count(term.count(), per_page);
            let is_changed = |number: &usize| {
                let page = crate::content::listing_page_path(&own, *number);
                last.alternates_of(&page) != now.alternates_of(&page)
            };
            let changed: BTreeSet<usize> = (1..=count).filter(is_changed).collect();
            if !changed.is_empty() {
                merged.listings.entry(path).or_default().extend(changed);
            }
        }
    }
}

/// Whether the two sites have the same pages and sections at the same
/// indices, URLs and places, kinds, redirects and listing page sizes, and
/// the same pages with dates (which decide whether a section has a feed).
fn is_same_shape(last: &Site, now: &Site) -> bool {
    let is_same_page = |a: &PageEntry, b: &PageEntry| {
        (&a.page.path, &a.path, a.section) == (&b.page.path, &b.path, b.section)
            && std::mem::discriminant(&a.kind) == std::mem::discriminant(&b.kind)
            && is_same_front_shape(&a.page, &b.page)
    };
    let is_same_section = |a: &SectionEntry, b: &SectionEntry| {
        (&a.page.path, &a.path, a.parent, &a.subsections)
            == (&b.page.path, &b.path, b.parent, &b.subsections)
            && std::mem::discriminant(&a.kind) == std::mem::discriminant(&b.kind)
            && a.page.front.paginate_by == b.page.front.paginate_by
            && is_same_front_shape(&a.page, &b.page)
    };
    last.pages.len() == now.pages.len()
        && last.sections.len() == now.sections.len()
        && (last.pages.iter().zip(&now.pages)).all(|(a, b)| is_same_page(a, b))
        && (last.sections.iter().zip(&now.sections)).all(|(a, b)| is_same_section(a, b))
}

/// The front matter a page's redirects and feeds follow from.
fn is_same_front_shape(a: &Page, b: &Page) -> bool {
    a.front.aliases == b.front.aliases && a.front.date.is_some() == b.front.date.is_some()
}

/// How one page or section differs from its last version.
#[derive(Debug, Default)]
struct Difference {
    /// It was read again.
    is_read: bool,
    /// Files that show it may differ: its front matter or module number changed.
    is_shown: bool,
    /// Its own files may differ: it was read again or its neighbours changed.
    is_own: bool,
    /// What listings show of it changed (its front matter, less its terms).
    is_summary: bool,
    /// Its terms changed.
    is_terms: bool,
    /// Its `date:` or `updated:` changed (the sitemap shows them).
    is_dates: bool,
}

fn page_difference(old: &PageEntry, new: &PageEntry) -> Difference {
    let is_read = !Arc::ptr_eq(&old.page, &new.page);
    let is_front = is_read && front_text(&old.page) != front_text(&new.page);
    let is_number = matches!(new.kind, Kind::Module(_)) && old.position != new.position;
    // Only a page read again can differ in its front matter or kind.
    let is_typed = || old.page.front != new.page.front || old.kind != new.kind;
    Difference {
        is_read,
        is_shown: is_front || is_number,
        is_own: is_read || (old.previous, old.next) != (new.previous, new.next),
        is_summary: is_number || (is_front && is_typed()),
        is_terms: is_front && old.page.taxonomies != new.page.taxonomies,
        is_dates: is_front && is_dates_changed(&old.page, &new.page),
    }
}

fn section_difference(old: &SectionEntry, new: &SectionEntry) -> Difference {
    let is_read = !Arc::ptr_eq(&old.page, &new.page);
    let is_front = is_read && front_text(&old.page) != front_text(&new.page);
    let is_typed = || old.page.front != new.page.front || old.kind != new.kind;
    Difference {
        is_read,
        is_shown: is_front,
        is_own: is_read,
        is_summary: is_front && is_typed(),
        is_terms: is_front && old.page.taxonomies != new.page.taxonomies,
        is_dates: is_front && is_dates_changed(&old.page, &new.page),
    }
}

fn is_dates_changed(old: &Page, new: &Page) -> bool {
    (&old.front.date, &old.front.updated) != (&new.front.date, &new.front.updated)
}

/// A page's front matter as written.
fn front_text(page: &Page) -> &str {
    &page.text[..page.body_start]
}

/// The differences found, gathered.
#[derive(Debug, Default)]
struct Edit {
    /// The content paths of the pages and sections read again.
    read: Vec<String>,
    /// Those whose showing elsewhere may differ.
    shown: HashSet<String>,
    /// The others whose own files may differ.
    own: HashSet<String>,
    is_summaries_changed: bool,
    is_terms_changed: bool,
    is_dates_changed: bool,
}

impl Edit {
    fn note(&mut self, difference: Difference, path: &str) {
        if difference.is_read {
            self.read.push(path.to_string());
        }
        if difference.is_shown {
            self.shown.insert(path.to_string());
        } else if difference.is_own {
            self.own.insert(path.to_string());
        }
        self.is_summaries_changed |= difference.is_summary;
        self.is_terms_changed |= difference.is_terms;
        self.is_dates_changed |= difference.is_dates;
    }

    fn into_fronts(self, last: &Site, now: &Site, is_order_changed: bool) -> Fronts {
        let mut terms = term_paths(last, &self.shown);
        terms.extend(term_paths(now, &self.shown));
        // A term whose members are as they were keeps the listing pages
        // that do not show an edited page, even when another term gained
        // or lost a page: a theme whose term pages show every term's count
        // has them all made again (see `Run::whole_site_jobs`).
        let mut listings = HashMap::new();
        let shown = targets(now, &self.shown);
        terms.retain(|path| match steady_listing(last, now, path, &shown) {
            Some(numbers) => listings.insert(path.clone(), numbers).is_some(),
            None => true,
        });
        Fronts {
            paths: self.shown,
            own: self.own,
            terms,
            listings,
            is_terms_changed: self.is_terms_changed,
            is_order_changed,
            is_summaries_changed: self.is_summaries_changed,
            is_dates_changed: self.is_dates_changed,
        }
    }
}

/// The pages and sections at `paths` (content paths).
fn targets(site: &Site, paths: &HashSet<String>) -> HashSet<Target> {
    paths
        .iter()
        .filter_map(|path| site.targets.get(path.as_str()).copied())
        .collect()
}

/// The term at `path` (`topics/care/`) and its taxonomy's listing page size.
fn term_at<'s>(site: &'s Site, path: &str) -> Option<(&'s Term, usize)> {
    let (name, slug) = path.strip_suffix('/')?.split_once('/')?;
    let taxonomy = site.taxonomies.iter().find(|t| t.config.name == name)?;
    let term = taxonomy.term(slug)?;
    Some((term, taxonomy.config.paginate_by))
}

/// The numbers (from 1) of the listing pages of the term at `path` that
/// may differ, when the term lists the same pages and sections before and
/// after the edit: those that list an edited one (`shown`), and those
/// whose entries moved. `None` when its members changed, or it is in one
/// site only: all its files are made again.
fn steady_listing(
    last: &Site,
    now: &Site,
    path: &str,
    shown: &HashSet<Target>,
) -> Option<BTreeSet<usize>> {
    let ((old, per_page), (new, _)) = (term_at(last, path)?, term_at(now, path)?);
    let (old, new): (Vec<Target>, Vec<Target>) = (old.listed().collect(), new.listed().collect());
    let members = |listed: &[Target]| listed.iter().copied().collect::<HashSet<Target>>();
    if old.len() != new.len() || members(&old) != members(&new) {
        return None;
    }
    let count = crate::content::listing_page_count(new.len(), per_page);
    let differs = |number: &usize| {
        let range = crate::content::listing_page_range(*number, new.len(), per_page);
        let (a, b) = (&old[range.clone()], &new[range]);
        a != b || b.iter().any(|t| shown.contains(t))
    };
    Some((1..=count).filter(differs).collect())
}

/// The URL paths of the terms that list a page or section at `paths`.
fn term_paths(site: &Site, paths: &HashSet<String>) -> HashSet<String> {
    let targets = targets(site, paths);
    let mut terms = HashSet::new();
    for taxonomy in &site.taxonomies {
        for term in &taxonomy.terms {
            if term.listed().any(|t| targets.contains(&t)) {
                terms.insert(term.path(&taxonomy.config.name));
            }
        }
    }
    terms
}

/// The content paths of the edited pages and sections, of every page and
/// section that shows one of them, and of the pages whose own files alone
/// may differ.
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
    let mut paths: HashSet<String> = reached
        .into_iter()
        .map(|target| site.target_page(target).path.clone())
        .collect();
    paths.extend(fronts.own.iter().cloned());
    paths
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
