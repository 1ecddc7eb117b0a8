//! `assemble`: parsed pages -> a [`Site`].
//!
//! Works out every URL (order prefixes dropped, slugs applied), which
//! section each page belongs to, the order of pages and sections, previous
//! and next links, each page's kind, taxonomy terms and redirects. Two
//! sources that would write the same URL are an error naming both.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Arc;

use rayon::prelude::*;

use super::alphabet::Alphabet;
use super::kinds::{self, Kind, SectionKind};
use super::slug;
use super::{Asset, Page};
use crate::config::{Config, TaxonomyConfig};
use crate::error::{Diagnostics, Error, ErrorKind};

/// The whole site's content, ready to render.
#[derive(Debug, Clone)]
pub struct Site {
    /// The config it was built with.
    pub config: Config,
    /// Every page that is not a section.
    pub pages: Vec<PageEntry>,
    /// Every section; index 0 is the home page.
    pub sections: Vec<SectionEntry>,
    /// Declared taxonomies with their terms.
    pub taxonomies: Vec<Taxonomy>,
    /// Content path (`courses/_index.md`) -> what it became.
    pub targets: Arc<HashMap<String, Target>>,
    /// Files copied beside pages, with their output path.
    pub assets: Vec<(Asset, String)>,
    /// Redirects from old URLs.
    pub aliases: Vec<Alias>,
    /// Content paths left out as drafts.
    pub drafts: HashSet<String>,
    /// Content paths that failed to parse (their errors are already reported).
    pub unparsed: HashSet<String>,
    /// Every URL path (`about/`) a page, a redirect or a page Hearth makes
    /// is published at, with what publishes it, as errors name it.
    pub published: Arc<HashMap<String, String>>,
    /// URL paths two things were to be published at: already reported.
    pub contested: HashSet<String>,
    /// The sites of the further languages (only the default language's
    /// site has them), each published under its own prefix.
    pub translations: Vec<Site>,
    /// The default language's URLs by content path, for links to pages
    /// that have no counterpart in this site's language.
    pub fallback: Arc<HashMap<String, String>>,
    /// Every version of each written page that has a counterpart (and of
    /// its sections' further listing pages), by URL path; shared between
    /// the copies a preview edit makes.
    pub alternates: Arc<HashMap<String, Vec<super::languages::Alternate>>>,
    /// Every version of each page made from the site that has a
    /// counterpart (taxonomy lists, terms and their further pages, the
    /// glossary, handouts), by URL path.
    pub made_alternates: HashMap<String, Vec<super::languages::Alternate>>,
}

/// What a content path became.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Target {
    /// An index into [`Site::pages`].
    Page(usize),
    /// An index into [`Site::sections`].
    Section(usize),
}

/// A page with its place in the site.
#[derive(Debug, Clone)]
pub struct PageEntry {
    /// The parsed page.
    pub page: Arc<Page>,
    /// URL path without base path: `courses/foundations/welcome/`.
    pub path: String,
    /// Index of its section.
    pub section: usize,
    /// Its kind and kind data.
    pub kind: Kind,
    /// Previous page in its section's order.
    pub previous: Option<usize>,
    /// Next page in its section's order.
    pub next: Option<usize>,
    /// 0-based position in its section.
    pub position: usize,
}

/// A section with its place in the site.
#[derive(Debug, Clone)]
pub struct SectionEntry {
    /// The parsed `_index.md` (or a stand-in for a missing home page).
    pub page: Arc<Page>,
    /// URL path without base path: `courses/` (empty for home).
    pub path: String,
    /// Parent section.
    pub parent: Option<usize>,
    /// Its pages, sorted.
    pub pages: Vec<usize>,
    /// Its child sections, sorted.
    pub subsections: Vec<usize>,
    /// Its kind.
    pub kind: SectionKind,
}

/// A taxonomy and its terms.
#[derive(Debug, Clone)]
pub struct Taxonomy {
    /// As declared in site.yaml.
    pub config: TaxonomyConfig,
    /// Terms sorted by name.
    pub terms: Vec<Term>,
    /// Each term's place in `terms`, by slug.
    by_slug: HashMap<String, usize>,
}

impl Taxonomy {
    /// A taxonomy with its `terms`, found by slug.
    fn new(config: TaxonomyConfig, terms: Vec<Term>) -> Self {
        let by_slug = terms
            .iter()
            .enumerate()
            .map(|(index, term)| (term.slug.clone(), index))
            .collect();
        Taxonomy {
            config,
            terms,
            by_slug,
        }
    }

    /// The term whose address part is `slug`.
    pub(crate) fn term(&self, slug: &str) -> Option<&Term> {
        self.by_slug.get(slug).map(|&index| &self.terms[index])
    }
}

/// One term of a taxonomy.
#[derive(Debug, Clone)]
pub struct Term {
    /// As first written.
    pub name: String,
    /// URL part.
    pub slug: String,
    /// Pages with this term, newest first.
    pub pages: Vec<usize>,
    /// Courses (sections) with this term, in site order.
    pub sections: Vec<usize>,
}

impl Term {
    /// How many pages and sections have the term.
    pub(crate) fn count(&self) -> usize {
        self.pages.len() + self.sections.len()
    }

    /// What the term's listing shows, in its order: its courses, then its
    /// pages.
    pub(crate) fn listed(&self) -> impl Iterator<Item = Target> + '_ {
        let sections = self.sections.iter().map(|&i| Target::Section(i));
        sections.chain(self.pages.iter().map(|&i| Target::Page(i)))
    }

    /// Its URL path in the taxonomy `name` (`topics/care/`).
    pub(crate) fn path(&self, taxonomy: &str) -> String {
        format!("{taxonomy}/{}/", self.slug)
    }

    /// The name as headings and titles show it, with a capital first
    /// letter (`clinical teams` -> `Clinical teams`).
    pub(crate) fn title(&self) -> String {
        crate::config::capitalise(&self.name)
    }
}

/// What an error says when an address is already taken: what would be
/// published there, where it is written, and the way out.
struct Taken {
    what: String,
    place: (usize, usize),
    help: &'static str,
}

/// A redirect from an old URL path to a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Alias {
    /// Old path, without base path: `old/page/` or `old.html`.
    pub from: String,
    /// New path, without base path.
    pub to: String,
}

impl Site {
    /// Root-relative URL (with base path) of a URL path.
    pub(crate) fn url(&self, path: &str) -> String {
        joined(&self.config.base_path, path)
    }

    /// Absolute URL of a URL path.
    pub(crate) fn permalink(&self, path: &str) -> String {
        joined(&self.config.base_url, path)
    }

    /// The URL path a content path became.
    pub(crate) fn target_path(&self, target: Target) -> &str {
        match target {
            Target::Page(i) => &self.pages[i].path,
            Target::Section(i) => &self.sections[i].path,
        }
    }

    /// The page entry behind a target, page or section.
    pub(crate) fn target_page(&self, target: Target) -> &Page {
        match target {
            Target::Page(i) => &self.pages[i].page,
            Target::Section(i) => &self.sections[i].page,
        }
    }

    /// This site when `language` is `None`, else its translation in `language`.
    pub(crate) fn in_language(&self, language: Option<&str>) -> Option<&Site> {
        match language {
            None => Some(self),
            Some(code) => self.translations.iter().find(|t| t.config.language == code),
        }
    }

    /// [`Site::in_language`], to change.
    pub(crate) fn in_language_mut(&mut self, language: Option<&str>) -> Option<&mut Site> {
        match language {
            None => Some(self),
            Some(code) => self
                .translations
                .iter_mut()
                .find(|t| t.config.language == code),
        }
    }

    /// Puts `page` behind a target in place of the page there, which it
    /// returns.
    pub(crate) fn set_target_page(&mut self, target: Target, page: Arc<Page>) -> Arc<Page> {
        let slot = match target {
            Target::Page(i) => &mut self.pages[i].page,
            Target::Section(i) => &mut self.sections[i].page,
        };
        std::mem::replace(slot, page)
    }
}

/// Assembles parsed pages into a site, collecting errors.
pub fn assemble(
    config: Config,
    pages: Vec<Arc<Page>>,
    assets: Vec<Asset>,
    is_drafts: bool,
    diagnostics: &mut Diagnostics,
) -> Site {
    let mut builder = Builder::new(&config, diagnostics);
    let drafts = builder.add_all(pages, is_drafts);
    let taxonomies = builder.taxonomies();
    let assets = builder.place_assets(assets);
    let aliases = builder.collect_aliases();
    Site {
        targets: Arc::new(builder.targets()),
        pages: builder.pages,
        sections: builder.sections,
        taxonomies,
        assets,
        aliases,
        drafts,
        unparsed: HashSet::new(),
        published: Arc::new(builder.claimed),
        contested: builder.contested,
        translations: Vec::new(),
        fallback: Arc::default(),
        alternates: Arc::new(HashMap::new()),
        made_alternates: HashMap::new(),
        // Last: the builder borrows it.
        config,
    }
}

fn drop_drafts(pages: Vec<Arc<Page>>, is_drafts: bool) -> (Vec<Arc<Page>>, HashSet<String>) {
    if is_drafts {
        return (pages, HashSet::new());
    }
    let draft_dirs: Vec<String> = pages
        .iter()
        .filter(|page| page.is_section && page.front.draft)
        .map(|page| folder_of(&page.path).to_string())
        .collect();
    let (kept, dropped): (Vec<Arc<Page>>, Vec<Arc<Page>>) = pages.into_iter().partition(|page| {
        !page.front.draft
            && !draft_dirs
                .iter()
                .any(|dir| !dir.is_empty() && is_within(&page.path, dir))
    });
    (
        kept,
        dropped.into_iter().map(|page| page.path.clone()).collect(),
    )
}

fn is_within(path: &str, dir: &str) -> bool {
    path.strip_prefix(dir)
        .is_some_and(|rest| rest.starts_with('/'))
}

/// The folder of a content path (`a/b/c.md` -> `a/b`).
/// The URL path of page `number` (counting from 1) of the listing at
/// `path`: a paginated section's or a taxonomy term's.
pub(crate) fn listing_page_path(path: &str, number: usize) -> String {
    if number <= 1 {
        path.to_string()
    } else {
        format!("{path}page/{number}/")
    }
}

/// How many pages a listing of `items` takes at `per_page` a page: one
/// when it is not paginated (`per_page` is 0) or has nothing to list.
pub(crate) fn listing_page_count(items: usize, per_page: usize) -> usize {
    if per_page == 0 {
        1
    } else {
        items.div_ceil(per_page).max(1)
    }
}

/// The places of the `items` a listing shows on its page `number` (from
/// 1) at `per_page` a page: all of them when it is not paginated.
pub(crate) fn listing_page_range(
    number: usize,
    items: usize,
    per_page: usize,
) -> std::ops::Range<usize> {
    let size = if per_page == 0 { items } else { per_page };
    let from = (number - 1).saturating_mul(size).min(items);
    from..items.min(from + size)
}

fn folder_of(path: &str) -> &str {
    path.rsplit_once('/').map_or("", |(dir, _)| dir)
}

fn parent_folder(dir: &str) -> Option<&str> {
    (!dir.is_empty()).then(|| folder_of(dir))
}

struct Builder<'a> {
    config: &'a Config,
    diagnostics: &'a mut Diagnostics,
    pages: Vec<PageEntry>,
    sections: Vec<SectionEntry>,
    section_by_dir: HashMap<String, usize>,
    dir_paths: HashMap<String, String>,
    claimed: HashMap<String, String>,
    contested: HashSet<String>,
}

impl<'a> Builder<'a> {
    fn new(config: &'a Config, diagnostics: &'a mut Diagnostics) -> Self {
        Builder {
            config,
            diagnostics,
            pages: Vec::new(),
            sections: Vec::new(),
            section_by_dir: HashMap::new(),
            dir_paths: HashMap::new(),
            claimed: HashMap::new(),
            contested: HashSet::new(),
        }
    }

    fn add_sections(&mut self, mut section_pages: Vec<Arc<Page>>) {
        if !section_pages.iter().any(|page| !page.path.contains('/')) {
            section_pages.push(Arc::new(self.stand_in_home()));
        }
        section_pages.sort_by_key(|page| (page.path.matches('/').count(), page.path.clone()));
        for page in section_pages {
            let dir = folder_of(&page.path).to_string();
            let (kind, problems) = kinds::section_kind(&page);
            self.diagnostics.extend(problems);
            let Some(path) = self.dir_path(&dir, Some(&page)) else {
                continue;
            };
            let parent = parent_folder(&dir).map(|p| self.nearest_section(p));
            self.claim(&path, &page);
            let index = self.sections.len();
            self.section_by_dir.insert(dir, index);
            if let Some(parent) = parent {
                self.sections[parent].subsections.push(index);
            }
            self.sections.push(SectionEntry {
                page,
                path,
                parent,
                pages: Vec::new(),
                subsections: Vec::new(),
                kind,
            });
        }
    }

    fn stand_in_home(&self) -> Page {
        let front = super::front_matter::FrontMatter {
            title: Some(self.config.title.clone()),
            description: Some(self.config.description.clone()),
            ..Default::default()
        };
        Page {
            path: "_index.md".to_string(),
            shown: "content/_index.md".to_string(),
            text: String::new(),
            body_start: 0,
            is_section: true,
            front,
            keys: Vec::new(),
            taxonomies: BTreeMap::new(),
            left_out: Vec::new(),
            kept: super::Kept::default(),
        }
    }

    fn nearest_section(&self, mut dir: &str) -> usize {
        loop {
            if let Some(&index) = self.section_by_dir.get(dir) {
                return index;
            }
            match parent_folder(dir) {
                Some(parent) => dir = parent,
                None => return 0,
            }
        }
    }

    /// The URL path of a folder, using a section's `slug:` when it has one.
    fn dir_path(&mut self, dir: &str, section: Option<&Page>) -> Option<String> {
        if dir.is_empty() {
            return Some(String::new());
        }
        if let Some(known) = self.dir_paths.get(dir) {
            return Some(known.clone());
        }
        let parent = self.dir_path(folder_of(dir), None)?;
        let name = dir.rsplit('/').next().unwrap_or(dir);
        let custom = section.and_then(|page| page.front.slug.as_deref());
        let part = self.url_part(name, custom, section)?;
        let path = format!("{parent}{part}/");
        self.dir_paths.insert(dir.to_string(), path.clone());
        Some(path)
    }

    fn url_part(
        &mut self,
        name: &str,
        custom: Option<&str>,
        page: Option<&Page>,
    ) -> Option<String> {
        let part = match custom {
            Some(custom) => slug::slugify(custom),
            None => slug::of_name(name),
        };
        if part.is_none() {
            self.diagnostics.push(no_url_part(name, custom, page));
        }
        part
    }

    /// Claims an address for `page`; when it is taken, the error points at
    /// the page's `slug:` (or its first line).
    fn claim(&mut self, path: &str, page: &Page) -> bool {
        // Made only for an error: finding `slug:` reads the front matter.
        let taken = || Taken {
            what: "this".to_string(),
            place: page.field_place("slug"),
            help: "rename one of the two, or give one a different `slug:`",
        };
        self.claim_for(path, page.shown.clone(), page, taken)
    }

    /// Claims `path` for `owner` (as later errors name it), written in
    /// `page`; when another has it, the error is what `taken` gives, and
    /// nothing is claimed.
    fn claim_for(
        &mut self,
        path: &str,
        owner: String,
        page: &Page,
        taken: impl FnOnce() -> Taken,
    ) -> bool {
        if let Some(first) = self.claimed.get(path) {
            let taken = taken();
            self.contested.insert(path.to_string());
            let url = format!("{}{path}", self.config.base_path);
            let (line, column) = taken.place;
            self.diagnostics.push(
                Error::new(
                    ErrorKind::DuplicateUrl,
                    &page.shown,
                    format!(
                        "{} would be published at {url}, which {first} already uses",
                        taken.what
                    ),
                )
                .at(&page.line_index(), line, column)
                .with_help(taken.help),
            );
            return false;
        }
        self.claimed.insert(path.to_string(), owner);
        true
    }

    /// Claims an address for a page Hearth makes; a content file already
    /// there gets the error, since it is the one to rename.
    fn claim_generated(&mut self, path: &str, what: &str) {
        match self.claimed.get(path) {
            Some(owner) => {
                self.contested.insert(path.to_string());
                let url = format!("{}{path}", self.config.base_path);
                let mut error = Error::new(
                    ErrorKind::DuplicateUrl,
                    owner.clone(),
                    format!("this would be published at {url}, which {what} uses"),
                )
                .with_help("rename the file, or give it a different `slug:`");
                // The owner is a content file: point at its `slug:`.
                let page = self.pages.iter().map(|entry| &entry.page);
                let sections = self.sections.iter().map(|entry| &entry.page);
                if let Some(page) = page.chain(sections).find(|page| &page.shown == owner) {
                    let (line, column) = page.field_place("slug");
                    error = error.at(&page.line_index(), line, column);
                }
                self.diagnostics.push(error);
            }
            None => {
                self.claimed.insert(path.to_string(), what.to_string());
            }
        }
    }

    /// Adds the sections and then the pages, ordered and checked; returns
    /// the drafts left out (unless `is_drafts`).
    fn add_all(&mut self, pages: Vec<Arc<Page>>, is_drafts: bool) -> HashSet<String> {
        let (pages, drafts) = drop_drafts(pages, is_drafts);
        // Pages, listing pages and terms: growing the map as it fills
        // rehashed it several times over on a large site.
        self.claimed.reserve(pages.len() * 2);
        self.pages.reserve(pages.len());
        let (section_pages, plain_pages): (Vec<Arc<Page>>, Vec<Arc<Page>>) =
            pages.into_iter().partition(|page| page.is_section);
        self.add_sections(section_pages);
        self.add_pages(plain_pages);
        self.sort();
        self.check_commitment_numbers();
        self.check_empty_courses(is_drafts);
        drafts
    }

    /// The site's taxonomies with their terms, whose addresses are claimed
    /// with those of the other pages Hearth makes.
    fn taxonomies(&mut self) -> Vec<Taxonomy> {
        let taxonomies = collect_taxonomies(self.config, &self.pages, &self.sections);
        self.reserve_generated(self.config, &taxonomies);
        taxonomies
    }

    fn add_pages(&mut self, pages: Vec<Arc<Page>>) {
        for page in pages {
            let is_bundle = crate::files::markdown_stem(page.file_name()) == Some("index");
            let dir = folder_of(&page.path).to_string();
            let section_dir = if is_bundle {
                folder_of(&dir).to_string()
            } else {
                dir.clone()
            };
            let section = self.nearest_section(&section_dir);
            let Some(path) = self.page_path(&page, &dir, is_bundle) else {
                continue;
            };
            if self.claim(&path, &page) {
                self.add_page(page, path, section);
            }
        }
    }

    /// Adds a page whose address is claimed to its section, with its kind.
    fn add_page(&mut self, page: Arc<Page>, path: String, section: usize) {
        let inherited = self.inherited_kind(section);
        let (kind, problems) = kinds::kept_page_kind(&page, inherited);
        self.diagnostics.extend(problems);
        self.check_home(&page, &kind, section);
        let index = self.pages.len();
        self.sections[section].pages.push(index);
        self.pages.push(PageEntry {
            page,
            path,
            section,
            kind,
            previous: None,
            next: None,
            position: 0,
        });
    }

    /// A module lives in a course and a commitment in a charter: elsewhere
    /// its page would offer a course's print view or a charter's count that
    /// do not exist.
    fn check_home(&mut self, page: &Page, kind: &Kind, section: usize) {
        self.diagnostics
            .extend(home_problem(page, kind, &self.sections[section]));
    }

    fn page_path(&mut self, page: &Page, dir: &str, is_bundle: bool) -> Option<String> {
        if is_bundle && page.front.slug.is_none() {
            return self.dir_path(dir, None);
        }
        let parent = if is_bundle {
            self.dir_path(folder_of(dir), None)?
        } else {
            self.dir_path(dir, None)?
        };
        let name = if is_bundle {
            dir.rsplit('/').next().unwrap_or(dir)
        } else {
            page.file_name()
        };
        let part = self.url_part(name, page.front.slug.as_deref(), Some(page))?;
        Some(format!("{parent}{part}/"))
    }

    fn inherited_kind(&self, section: usize) -> Option<&'static str> {
        kinds::inherited_page_kind(&self.sections[section].page.front)
    }

    fn sort(&mut self) {
        let alphabet = Alphabet::of(&self.config.language);
        for index in 0..self.sections.len() {
            order_section(&mut self.sections, &mut self.pages, index, alphabet);
            let mut children = std::mem::take(&mut self.sections[index].subsections);
            children.sort_by_cached_key(|&i| order_key(&self.sections[i].page, alphabet));
            self.sections[index].subsections = children;
        }
    }

    /// Two commitments of one section with the same `number:` would both
    /// read "Commitment 1 of 13": the later one is an error naming the
    /// first.
    fn check_commitment_numbers(&mut self) {
        for section in &self.sections {
            let mut seen: HashMap<u32, &Page> = HashMap::new();
            for &index in &section.pages {
                let entry = &self.pages[index];
                // Without a number, the missing field is the error.
                let Kind::Commitment(commitment) = &entry.kind else {
                    continue;
                };
                if entry.page.front.number.is_none() {
                    continue;
                }
                let number = commitment.number;
                match seen.get(&number) {
                    Some(first) => self
                        .diagnostics
                        .push(number_taken(&entry.page, number, first)),
                    None => {
                        seen.insert(number, &entry.page);
                    }
                }
            }
        }
    }

    /// A course with no module published has nothing to take: a warning,
    /// since it may be a course being planned (its page then says "None
    /// published yet" under Modules).
    fn check_empty_courses(&mut self, is_drafts: bool) {
        for section in &self.sections {
            if !section.kind.is_course() || !section.pages.is_empty() {
                continue;
            }
            let page = &section.page;
            let drafts = if is_drafts {
                ""
            } else {
                " (drafts are left out)"
            };
            let (line, column) = page.field_place("type");
            self.diagnostics.push(
                Error::new(
                    ErrorKind::MissingField,
                    &page.shown,
                    format!("the course `{}` has no modules{drafts}", page.title()),
                )
                .at(&page.line_index(), line, column)
                .warning()
                .with_help(format!(
                    "add one with `hearth new module \"Its title\" --in {}`, or give the course `draft: true` until it has one",
                    folder_of(&page.path)
                )),
            );
        }
    }

    /// Claims the addresses of the pages Hearth makes, so that a content
    /// file published at one is an error.
    fn reserve_generated(&mut self, config: &Config, taxonomies: &[Taxonomy]) {
        self.claim_generated("a-z/", "the A to Z index");
        self.claim_generated("sitemap/", "the site map");
        if config.search {
            self.claim_generated("search/", "the search page (site.yaml `search:`)");
        }
        if config.accessibility.is_some() {
            self.claim_generated("accessibility/", "the accessibility statement (site.yaml)");
        }
        for taxonomy in taxonomies {
            let name = &taxonomy.config.name;
            let shown = taxonomy_owner(name);
            self.claim_generated(&format!("{name}/"), &shown);
            for term in &taxonomy.terms {
                self.claim_generated(&term.path(name), &shown);
            }
        }
        self.reserve_listing_pages();
        self.reserve_course_views();
    }

    /// Claims the second and later pages of each paginated listing.
    fn reserve_listing_pages(&mut self) {
        let listings: Vec<(String, usize, String)> = self
            .sections
            .iter()
            .map(|section| {
                let per_page = section.page.front.paginate_by.unwrap_or(0);
                let count = listing_page_count(section.pages.len(), per_page);
                (section.path.clone(), count, section.page.shown.clone())
            })
            .collect();
        for (path, count, shown) in listings {
            for number in 2..=count {
                let what = format!("page {number} of the listing of {shown}");
                self.claim_generated(&listing_page_path(&path, number), &what);
            }
        }
    }

    /// Claims each course's print and instructor views.
    fn reserve_course_views(&mut self) {
        let courses: Vec<String> = self
            .sections
            .iter()
            .filter(|s| s.kind.is_course())
            .map(|s| s.path.clone())
            .collect();
        for path in courses {
            self.claim_generated(&format!("{path}print/"), "a course's print view");
            self.claim_generated(&format!("{path}instructor/"), "a course's instructor view");
        }
    }

    fn place_assets(&mut self, assets: Vec<Asset>) -> Vec<(Asset, String)> {
        let mut placed = Vec::with_capacity(assets.len());
        for asset in assets {
            let dir = folder_of(&asset.path).to_string();
            let Some(dir_path) = self.dir_path(&dir, None) else {
                continue;
            };
            let name = asset
                .path
                .rsplit('/')
                .next()
                .unwrap_or(&asset.path)
                .to_string();
            placed.push((asset, format!("{dir_path}{name}")));
        }
        placed
    }

    /// The redirects that pages' and sections' `aliases:` ask for.
    fn collect_aliases(&mut self) -> Vec<Alias> {
        let pages = self.pages.iter().map(|entry| (&entry.page, &entry.path));
        let sections = self.sections.iter().map(|entry| (&entry.page, &entry.path));
        let owners: Vec<(Arc<Page>, String)> = pages
            .chain(sections)
            .filter(|(page, _)| !page.front.aliases.is_empty())
            .map(|(page, path)| (Arc::clone(page), path.clone()))
            .collect();
        let mut aliases = Vec::new();
        for (page, to) in owners {
            for alias in &page.front.aliases {
                aliases.extend(self.alias(&page, alias, &to));
            }
        }
        aliases
    }

    /// The redirect one of `page`'s aliases asks for, if it is a usable
    /// path, not the page's own address `to`, and free.
    fn alias(&mut self, page: &Page, alias: &str, to: &str) -> Option<Alias> {
        let (line, column) = page.value_place("aliases", alias);
        let Some(from) = normalise_alias(alias, &self.config.base_path) else {
            let error = unusable_alias(page, alias);
            self.diagnostics
                .push(error.at(&page.line_index(), line, column));
            return None;
        };
        if from == to {
            let error = alias_is_own_address(page, alias);
            self.diagnostics
                .push(error.at(&page.line_index(), line, column));
            return None;
        }
        let taken = || Taken {
            what: format!("the alias `{alias}`"),
            place: (line, column),
            help: "remove the alias, or move what is published there",
        };
        let owner = format!("an alias in {}", page.shown);
        self.claim_for(&from, owner, page, taken).then(|| Alias {
            from,
            to: to.to_string(),
        })
    }

    fn targets(&self) -> HashMap<String, Target> {
        let pages = self
            .pages
            .iter()
            .enumerate()
            .map(|(i, e)| (e.page.path.clone(), Target::Page(i)));
        let sections = self
            .sections
            .iter()
            .enumerate()
            .map(|(i, e)| (e.page.path.clone(), Target::Section(i)));
        pages.chain(sections).collect()
    }
}

/// The error for a module outside a course or a commitment outside a
/// charter, in the section `home` (see `Builder::check_home`).
fn home_problem(page: &Page, kind: &Kind, home: &SectionEntry) -> Option<Error> {
    let (what, needed) = match (kind, &home.kind) {
        (Kind::Module(_), SectionKind::Course(_)) | (Kind::Commitment(_), SectionKind::Charter) => {
            return None
        }
        (Kind::Module(_), _) => ("a module", "course"),
        (Kind::Commitment(_), _) => ("a commitment", "charter"),
        _ => return None,
    };
    let folder = folder_of(&home.page.path);
    let folder = if folder.is_empty() {
        "content".to_string()
    } else {
        format!("content/{folder}")
    };
    let (line, column) = page.field_place("type");
    Some(
        Error::new(
            ErrorKind::InvalidValue,
            &page.shown,
            format!("{what} belongs in a {needed}, but {folder} is not one"),
        )
        .at(&page.line_index(), line, column)
        .with_help(format!(
            "move the file into a {needed}'s folder, or give {folder}/_index.md `type: {needed}`"
        )),
    )
}

/// What publishes a taxonomy's pages, as errors name it.
fn taxonomy_owner(name: &str) -> String {
    format!("the `{name}` taxonomy (site.yaml)")
}

/// The error for a name (or `slug:`) that gives no address part.
fn no_url_part(name: &str, custom: Option<&str>, page: Option<&Page>) -> Error {
    let (shown, place) = page.map_or((name.to_string(), (0, 0)), |p| {
        let place = if custom.is_some() {
            p.field_place("slug")
        } else {
            (0, 0)
        };
        (p.shown.clone(), place)
    });
    let error = Error::new(
        ErrorKind::InvalidSlug,
        shown,
        format!(
            "cannot make a web address from `{}`",
            custom.unwrap_or(name)
        ),
    )
    .with_help("rename the file using letters or digits, or add `slug: a-short-name`");
    match page {
        Some(p) if place.0 > 0 => error.at(&p.line_index(), place.0, place.1),
        _ => error,
    }
}

/// The error for a commitment whose `number:` an earlier one, `first`, has.
fn number_taken(page: &Page, number: u32, first: &Page) -> Error {
    let (line, column) = page.field_place("number");
    Error::new(
        ErrorKind::InvalidValue,
        &page.shown,
        format!(
            "commitment number {number} is also the number of {}",
            first.shown
        ),
    )
    .at(&page.line_index(), line, column)
    .with_help("give each commitment of the charter its own number")
}

/// The error for an alias that is no usable path, not yet placed.
fn unusable_alias(page: &Page, alias: &str) -> Error {
    Error::new(
        ErrorKind::InvalidSlug,
        &page.shown,
        format!("the alias `{alias}` is not a usable path"),
    )
    .with_help("write the old address as a path such as /old/page/")
}

/// The error for an alias that is its page's own address, not yet placed.
fn alias_is_own_address(page: &Page, alias: &str) -> Error {
    Error::new(
        ErrorKind::DuplicateUrl,
        &page.shown,
        format!("the alias `{alias}` is this page's own address"),
    )
    .with_help("remove it: an alias is an old address that leads here")
}

fn normalise_alias(alias: &str, base_path: &str) -> Option<String> {
    // An address copied from a browser is percent-encoded; the folder it
    // names on the server is the decoded one (`/our%20services/` is the
    // folder `our services`). Decoded first, so that `%2e%2e` is `..`.
    let decoded = percent_encoding::percent_decode_str(alias.trim())
        .decode_utf8()
        .ok()?;
    let trimmed = decoded.as_ref();
    let without_base = trimmed
        .strip_prefix(base_path)
        .unwrap_or_else(|| trimmed.trim_start_matches('/'));
    let parts: Vec<&str> = without_base.split('/').filter(|p| !p.is_empty()).collect();
    let is_safe = !parts.is_empty()
        && parts.iter().all(|part| {
            *part != ".."
                && *part != "."
                && !part.contains(['\\', '?', '#', ':'])
                && !part.chars().any(char::is_control)
        });
    if !is_safe {
        return None;
    }
    let joined = parts.join("/");
    Some(if joined.ends_with(".html") {
        joined
    } else {
        format!("{joined}/")
    })
}

fn order_key(page: &Page, alphabet: Alphabet) -> (i64, &str, &str) {
    let prefix = slug::strip_order(
        page.path
            .rsplit('/')
            .nth(usize::from(page.is_section))
            .unwrap_or(""),
    )
    .0;
    let weight = page
        .front
        .weight
        .or(prefix.and_then(|n| i64::try_from(n).ok()))
        .unwrap_or(i64::MAX);
    (weight, alphabet.filed(page).key.lower(), &page.path)
}

fn sort_pages(
    members: &mut [usize],
    pages: &[PageEntry],
    sort_by: Option<&str>,
    alphabet: Alphabet,
) {
    let page = |i: usize| &*pages[i].page;
    match sort_by.map(str::trim) {
        Some("date") => {
            members.sort_by_cached_key(|&i| (newest_key(page(i), alphabet), page(i).path.as_str()))
        }
        Some("title") => {
            members.sort_by_cached_key(|&i| (&alphabet.filed(page(i)).key, page(i).path.as_str()))
        }
        _ => members.sort_by_cached_key(|&i| order_key(page(i), alphabet)),
    }
}

/// Orders the pages of section `index` by its `sort_by:`, with their
/// neighbours and places.
fn order_section(
    sections: &mut [SectionEntry],
    pages: &mut [PageEntry],
    index: usize,
    alphabet: Alphabet,
) {
    let section = &mut sections[index];
    let sort_by = section.page.front.sort_by.as_deref();
    sort_pages(&mut section.pages, pages, sort_by, alphabet);
    link_neighbours(&section.pages, pages);
}

fn link_neighbours(members: &[usize], pages: &mut [PageEntry]) {
    for (position, &index) in members.iter().enumerate() {
        let entry = &mut pages[index];
        entry.position = position;
        entry.previous = position.checked_sub(1).map(|p| members[p]);
        entry.next = members.get(position + 1).copied();
    }
}

/// Each taxonomy's terms, from the pages and then the courses that name
/// them; a term keeps the spelling it is first written with.
fn collect_taxonomies(
    config: &Config,
    pages: &[PageEntry],
    sections: &[SectionEntry],
) -> Vec<Taxonomy> {
    let alphabet = Alphabet::of(&config.language);
    let ranks = newest_first(pages, alphabet);
    config
        .taxonomies
        .par_iter()
        .map(|taxonomy| taxonomy_of(taxonomy, (pages, &ranks), sections, alphabet))
        .collect()
}

/// Newest first (undated last), then by title in lower case.
fn newest_key(page: &Page, alphabet: Alphabet) -> (std::cmp::Reverse<Option<&str>>, &str) {
    let date = page.front.date.as_ref().map(|d| d.0.as_str());
    (std::cmp::Reverse(date), alphabet.filed(page).key.lower())
}

/// Each page's place in the order a term lists them: newest first, then
/// by title, then in site order. Worked out once for every taxonomy, so
/// that each term sorts its pages by a number.
fn newest_first(pages: &[PageEntry], alphabet: Alphabet) -> Vec<usize> {
    let mut order: Vec<usize> = (0..pages.len()).collect();
    order.sort_by_cached_key(|&i| term_order_key(pages, i, alphabet));
    let mut ranks = vec![0; pages.len()];
    for (rank, index) in order.into_iter().enumerate() {
        ranks[index] = rank;
    }
    ranks
}

/// Page `index`'s place in a term's listing: newest first, then by
/// title, then in site order.
fn term_order_key(
    pages: &[PageEntry],
    index: usize,
    alphabet: Alphabet,
) -> ((std::cmp::Reverse<Option<&str>>, &str), usize) {
    (newest_key(&pages[index].page, alphabet), index)
}

/// One taxonomy's terms, as [`collect_taxonomies`] finds them, with each
/// term's pages in the order of `ranks` (see [`newest_first`]).
fn taxonomy_of(
    taxonomy: &TaxonomyConfig,
    (pages, ranks): (&[PageEntry], &[usize]),
    sections: &[SectionEntry],
    alphabet: Alphabet,
) -> Taxonomy {
    let mut found = Found::default();
    // In site order: a term keeps the spelling of the first page with it.
    for (index, entry) in pages.iter().enumerate() {
        found.add(&entry.page, &taxonomy.name, (index, false));
    }
    for term in &mut found.terms {
        term.pages.sort_unstable_by_key(|&i| ranks[i]);
    }
    // Courses are content readers look for by topic and audience;
    // other sections only hold pages, and their terms are for
    // search filters alone.
    let courses = sections
        .iter()
        .enumerate()
        .filter(|(_, entry)| entry.kind.is_course());
    for (index, entry) in courses {
        found.add(&entry.page, &taxonomy.name, (index, true));
    }
    Taxonomy::new(taxonomy.clone(), sorted_terms(found.terms, alphabet))
}

/// The terms of one taxonomy found so far, in the order first met.
#[derive(Default)]
struct Found {
    terms: Vec<Term>,
    /// Each term's index in `terms`, by slug.
    by_slug: hashbrown::HashMap<String, usize>,
    /// The index of each name's term, by the name as written (`None`: a
    /// name without a slug). A site of 10,000 pages names its few dozen
    /// terms tens of thousands of times: each is one lookup.
    by_name: hashbrown::HashMap<String, Option<usize>>,
}

impl Found {
    /// Adds the terms `page` names in `taxonomy`, with the page's index and
    /// whether it is a section's.
    fn add(&mut self, page: &Page, taxonomy: &str, (index, is_section): (usize, bool)) {
        let names = page.taxonomies.get(taxonomy).into_iter().flatten();
        for name in names {
            let term = match self.by_name.get(name.as_str()) {
                Some(&term) => term,
                None => {
                    let term = self.term_named(name);
                    self.by_name.insert(name.clone(), term);
                    term
                }
            };
            let Some(term) = term else {
                continue;
            };
            let term = &mut self.terms[term];
            let list = if is_section {
                &mut term.sections
            } else {
                &mut term.pages
            };
            if list.last() != Some(&index) {
                list.push(index);
            }
        }
    }

    /// The index of the term a name not met before is of: a term met
    /// under another spelling of the same slug, or else a new one.
    fn term_named(&mut self, name: &str) -> Option<usize> {
        let slug = slug::slugify(name)?;
        if let Some(&index) = self.by_slug.get(&slug) {
            return Some(index);
        }
        self.terms.push(Term {
            name: name.trim().to_string(),
            slug: slug.clone(),
            pages: Vec::new(),
            sections: Vec::new(),
        });
        self.by_slug.insert(slug, self.terms.len() - 1);
        Some(self.terms.len() - 1)
    }
}

/// The terms in the order of the site's alphabet (by slug where two sort
/// alike).
fn sorted_terms(mut terms: Vec<Term>, alphabet: Alphabet) -> Vec<Term> {
    terms.sort_unstable_by(|a, b| a.slug.cmp(&b.slug));
    terms.sort_by_cached_key(|term| alphabet.sort_key(&term.name));
    terms
}

mod patch;
pub(crate) use patch::patch;

/// `start` and `rest` in one string: what `format!("{start}{rest}")` makes,
/// without its formatting machinery (addresses are made by the thousand).
fn joined(start: &str, rest: &str) -> String {
    let mut out = String::with_capacity(start.len() + rest.len());
    out.push_str(start);
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests;
