//! `render`: an assembled [`Site`] -> [`Output`], every file of the built site in memory.
//!
//! Fourth stage of the pipeline, and the only module that knows Tera. Bodies
//! are rendered first (see `bodies`), then every page, section, taxonomy
//! page, feed and data file, in parallel. `build` writes the output to disk;
//! `serve` answers requests from the same value.

mod bodies;
pub mod context;
mod extras;
mod feeds;
pub mod glossary;
mod handout;
mod ledger;
mod navigation;
mod pages;
pub mod reach;
mod site_data;
mod templates;
pub mod theme;

use std::collections::{BTreeSet, HashMap, HashSet};
use std::sync::Arc;

use chrono::{Datelike, NaiveDate};
use rayon::prelude::*;
use serde::Serialize;

use crate::content::{self, kinds::SectionKind, Site, Target};
use crate::error::{Diagnostics, Error, ErrorKind};
use crate::markdown;
pub use crate::output::{encode_path, CacheFile, Contents, Hand, Output, OutputFile, Sink};
use bodies::Bodies;
use context::{Link, PageSummary, Paginator, PaginatorLink, SiteContext};
use ledger::Ledger;
use pages::Builder;
use site_data::SiteData;
pub use templates::Templates;
use theme::Theme;

/// Settings of one render.
#[derive(Debug, Clone, Copy)]
pub struct RenderOptions<'a> {
    /// Today, for review dates and the footer year.
    pub today: NaiveDate,
    /// The images published at several sizes.
    pub images: &'a crate::images::Published,
    /// Highlighted code kept from earlier builds, to take from and add to.
    pub kept: Option<&'a crate::markdown::Kept>,
}

/// What to render.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Plan {
    /// Every file of the site.
    All,
    /// Only the pages and sections with these content paths, and the files
    /// made from their bodies (feeds that show them, their course's print
    /// view, charter data). Valid only when nothing listings show has
    /// changed (see [`reach::compare`]); every other body is reused.
    Only(HashSet<String>),
    /// The front matter of some pages and sections changed, but not the
    /// site's shape (its pages, their URLs and sections): those pages,
    /// every page and listing that shows them (see `reach`), the pages
    /// whose own files alone changed, and of the site-wide files those
    /// the edit can change, with only the term pages of `Fronts::terms`.
    Fronts(Fronts),
}

/// What a [`Plan::Fronts`] render needs to know of the edit.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Fronts {
    /// The content paths whose front matter (or module number) changed:
    /// what shows them is rendered too.
    pub paths: HashSet<String>,
    /// The content paths of the other pages whose own files alone may
    /// differ: their bodies, or their previous or next pages, changed.
    pub own: HashSet<String>,
    /// The URL paths (`tags/care/`) of the terms that listed one of them
    /// before the edit or list one now: their pages are rendered again,
    /// and any old file under them that is not made again is gone. In a
    /// site of several languages, output paths (`cy/tags/care/`) until
    /// each language's render takes its own (see `Plan::in_language`).
    pub terms: HashSet<String>,
    /// The URL paths of the other terms that list one of them, whose
    /// members are as they were (or, in a site of several languages, whose
    /// counterparts changed; output paths as for `terms`): the numbers
    /// (from 1) of their listing pages that may differ, which alone are
    /// rendered again. Their other files are kept.
    pub listings: HashMap<String, BTreeSet<usize>>,
    /// Whether an edited page joined or left a term: the term counts
    /// that `get_taxonomy` and the taxonomy lists give have changed.
    pub is_terms_changed: bool,
    /// Whether the pages of a section are in another order.
    pub is_order_changed: bool,
    /// Whether what listings show of an edited page or section changed
    /// (its front matter less its terms, its kind, its module number).
    pub is_summaries_changed: bool,
    /// Whether an edited page's or section's `date:` or `updated:` changed.
    pub is_dates_changed: bool,
}

impl Plan {
    /// The front matter edit, when the plan is one.
    fn fronts(&self) -> Option<&Fronts> {
        match self {
            Plan::Fronts(fronts) => Some(fronts),
            _ => None,
        }
    }

    /// The part of the plan one language's site renders: its own pages
    /// (`about.cy.md` is `about.md` of the `cy` site), by logical path,
    /// and its own terms (`cy/topics/care/` is `topics/care/` there).
    fn in_language(&self, config: &crate::config::Config, language: Option<&str>) -> Plan {
        let own = |paths: &HashSet<String>| {
            paths
                .iter()
                .filter_map(|path| crate::content::languages::split_path(path, config).ok())
                .filter(|(_, code)| code.as_deref() == language)
                .map(|(logical, _)| logical)
                .collect()
        };
        match self {
            Plan::All => Plan::All,
            Plan::Only(paths) => Plan::Only(own(paths)),
            Plan::Fronts(fronts) => Plan::Fronts(Fronts {
                paths: own(&fronts.paths),
                own: own(&fronts.own),
                terms: (fronts.terms.iter())
                    .filter_map(|path| own_output_path(path, config, language))
                    .collect(),
                listings: (fronts.listings.iter())
                    .filter_map(|(path, numbers)| {
                        Some((own_output_path(path, config, language)?, numbers.clone()))
                    })
                    .collect(),
                ..fronts.clone()
            })
            .untouched_in(config, language, fronts),
        }
    }

    /// In a site of several languages, a language none of whose pages was
    /// edited makes only its terms' pages the plan names (those of a term
    /// an edit made all again, and those whose counterparts changed); and
    /// the default language writes the site map, which lists every
    /// language's pages with their dates, and every language's terms.
    /// `merged`: the plan of every language.
    fn untouched_in(
        self,
        config: &crate::config::Config,
        language: Option<&str>,
        merged: &Fronts,
    ) -> Plan {
        let Plan::Fronts(fronts) = self else {
            return self;
        };
        let is_untouched =
            !config.languages.is_empty() && fronts.paths.is_empty() && fronts.own.is_empty();
        if !is_untouched {
            return Plan::Fronts(fronts);
        }
        let is_site_map = language.is_none()
            && (merged.is_dates_changed || merged.is_terms_changed || !merged.terms.is_empty());
        if fronts.terms.is_empty() && fronts.listings.is_empty() && !is_site_map {
            return Plan::Only(HashSet::new());
        }
        Plan::Fronts(Fronts {
            terms: fronts.terms,
            listings: fronts.listings,
            is_dates_changed: is_site_map,
            ..Fronts::default()
        })
    }
}

/// The part of the output path `path` below the folder of `language`'s
/// files (`topics/care/` of `cy/topics/care/` for `cy`), when it is there:
/// the default language's files are those in no other language's folder.
fn own_output_path(
    path: &str,
    config: &crate::config::Config,
    language: Option<&str>,
) -> Option<String> {
    let prefix = config.language_prefix(language.unwrap_or(&config.default_language));
    let rest = path.strip_prefix(prefix.as_str())?;
    let is_other = |code: &String| path.starts_with(config.language_prefix(code).as_str());
    let is_own = language.is_some() || !config.languages.keys().any(is_other);
    is_own.then(|| rest.to_string())
}

/// The pages and sections a [`Plan::Only`] names, by index.
#[derive(Debug, Default)]
pub struct Changed {
    /// Indices into `site.pages`.
    pub pages: HashSet<usize>,
    /// Indices into `site.sections`.
    pub sections: HashSet<usize>,
}

impl Changed {
    /// Whether the plan names this page or section.
    pub fn contains(&self, target: Target) -> bool {
        match target {
            Target::Page(i) => self.pages.contains(&i),
            Target::Section(i) => self.sections.contains(&i),
        }
    }

    fn of(site: &Site, plan: &Plan) -> Option<Changed> {
        let paths: Vec<&String> = match plan {
            Plan::All => return None,
            Plan::Only(paths) => paths.iter().collect(),
            Plan::Fronts(fronts) => fronts.paths.iter().chain(&fronts.own).collect(),
        };
        let mut changed = Changed::default();
        for path in paths {
            match site.targets.get(path.as_str()) {
                Some(Target::Page(i)) => changed.pages.insert(*i),
                Some(Target::Section(i)) => changed.sections.insert(*i),
                None => false,
            };
        }
        Some(changed)
    }
}

/// Results kept between renders of the same site.
#[derive(Debug, Default)]
pub struct RenderCache {
    /// Rendered bodies by content path.
    pub bodies: bodies::BodyCache,
    /// The caches of the further languages' sites, by language.
    pub translations: std::collections::BTreeMap<String, RenderCache>,
    /// The site-wide data of the last render, when templates call for it.
    site_data: Option<Arc<SiteData>>,
    /// The content paths of the pages and sections whose templates called
    /// a site-wide function in the last renders.
    site_users: HashSet<String>,
    /// The URLs of the other pages (the A to Z, the site map...) whose
    /// templates called one since the last full render.
    site_wide_users: HashSet<String>,
    /// The feeds of the last render.
    feeds: Option<feeds::Feeds>,
    /// What the A to Z and the site map kept from the last render.
    navigation: navigation::Memo,
    /// The theme's templates as the last render parsed them.
    parsed: templates::Parsed,
}

/// Renders the whole site, collecting errors.
pub fn render(
    site: &Site,
    theme: &Theme,
    options: RenderOptions,
    diagnostics: &mut Diagnostics,
) -> Output {
    render_with(
        site,
        theme,
        options,
        &mut RenderCache::default(),
        &Plan::All,
        None,
        diagnostics,
    )
}

/// Renders what `plan` asks for, reusing and refreshing `cache`: the site
/// in its default language, then each further language's under its prefix.
pub fn render_with(
    site: &Site,
    theme: &Theme,
    options: RenderOptions,
    cache: &mut RenderCache,
    plan: &Plan,
    sink: Option<&Hand>,
    diagnostics: &mut Diagnostics,
) -> Output {
    let languages = site.config.all_languages();
    let catalogues =
        match crate::i18n::load(&theme.catalogues, &site.config.default_language, &languages) {
            Ok(catalogues) => catalogues,
            Err(errors) => {
                diagnostics.extend(errors);
                return Output::default();
            }
        };
    // Another language's missing strings show in the default language's;
    // the default language's can show in none.
    if !catalogues.has(&site.config.default_language) {
        diagnostics.push(no_catalogue(&site.config));
        return Output::default();
    }
    diagnostics.extend(missing_strings(&catalogues, &languages));
    let words = catalogues.translator(&site.config.language);
    let own = plan.in_language(&site.config, None);
    let mut output = render_language(site, theme, &words, options, cache, &own, sink, diagnostics);
    for translation in &site.translations {
        let language = &translation.config.language;
        let prefix = site.config.language_prefix(language);
        let words = catalogues.translator(language);
        let cache = cache.translations.entry(language.clone()).or_default();
        let prefixed = |mut file: OutputFile| {
            file.path = format!("{prefix}{}", file.path);
            match sink {
                Some(sink) => sink(file),
                None => Ok(Some(file)),
            }
        };
        let made = render_language(
            translation,
            theme,
            &words,
            options,
            cache,
            &plan.in_language(&site.config, Some(language)),
            Some(&prefixed),
            diagnostics,
        );
        output.files.extend(made.files);
        output.page_count += made.page_count;
        output.section_count += made.section_count;
    }
    if !site.translations.is_empty() {
        output.files.sort_by(|a, b| a.path.cmp(&b.path));
    }
    output
}

/// The error, at `language:` in site.yaml, for a site whose own language
/// no catalogue of the theme or the site has.
fn no_catalogue(config: &crate::config::Config) -> Error {
    let language = &config.default_language;
    let text = &config.text;
    let (line, column) = crate::yaml::place_in_block(text, "language", None, language, 0);
    Error::new(
        ErrorKind::MissingTranslation,
        crate::config::CONFIG_FILE,
        format!("the theme has no interface text in `{language}`, the site's language"),
    )
    .at(&crate::error::LineIndex::new(text), line, column)
    .with_help(format!(
        "add i18n/{language}.ftl with the theme's strings in that language (copy the theme's i18n/en.ftl), or set `language` to en-GB or cy"
    ))
}

/// A warning for each interface string a language's catalogue lacks: its
/// pages show the default language's string there.
fn missing_strings(catalogues: &crate::i18n::Catalogues, languages: &[&str]) -> Vec<Error> {
    let mut warnings = Vec::new();
    for language in languages.iter().skip(1) {
        for key in catalogues.missing(language) {
            warnings.push(Error::warning(
                Error::new(
                    ErrorKind::MissingTranslation,
                    format!("i18n/{language}.ftl"),
                    format!("the interface string `{key}` has no `{language}` text: pages in `{language}` show the default language's"),
                )
                .with_help(format!("add `{key} = ...` to i18n/{language}.ftl")),
            ));
        }
    }
    warnings
}

/// Renders one language's site.
#[allow(clippy::too_many_arguments)]
fn render_language(
    site: &Site,
    theme: &Theme,
    words: &crate::i18n::Translator,
    options: RenderOptions,
    cache: &mut RenderCache,
    plan: &Plan,
    sink: Option<&Hand>,
    diagnostics: &mut Diagnostics,
) -> Output {
    let mut watch = crate::timing::Stopwatch::start("render");
    let is_site_data_used =
        site_data::is_called_in(theme.templates.values().map(|t| t.text.as_str()));
    let fronts = plan.fronts();
    let reached = fronts.map(|fronts| Plan::Only(reach::of(site, fronts)));
    let navigation = std::mem::take(&mut cache.navigation);
    let mut run = Run {
        site,
        plan: reached.as_ref().unwrap_or(plan),
        fronts,
        changed: Changed::of(site, plan),
        options,
        ledger: Ledger::new(site),
        sink,
        words,
        is_site_data_new: false,
        site_data: Arc::default(),
        site_wide_users: HashSet::new(),
        last_feeds: None,
        navigation: &navigation,
    };
    let (site_data, widened) = run.site_data(is_site_data_used, cache);
    run.is_site_data_new = widened.is_some();
    run.site_data = Arc::clone(&site_data);
    if let Some(widened) = &widened {
        run.plan = widened;
    }
    run.site_wide_users = cache.site_wide_users.clone();
    // After body-only edits no date, title, term or order changed: the
    // last render's feeds stand, and no feed is compared with them.
    let (site_feeds, last_feeds) = match (plan, cache.feeds.take()) {
        (Plan::Only(_), Some(last)) => (last, None),
        (_, last) => (feeds::Feeds::of(site), last),
    };
    run.last_feeds = last_feeds.as_ref();
    let data = (&site_data, &mut cache.parsed);
    let templates = templates_for(site, theme, (words, options), data, diagnostics);
    let ready = templates.as_ref().ok();
    // The A to Z and the site map need no bodies: on a large site they
    // are the slowest files after an edit, made meanwhile on another core.
    let (found_by, (bodies, streamed)) = rayon::join(
        || run.navigation(ready),
        || run.bodies(ready, &site_feeds, cache, diagnostics),
    );
    watch.lap("bodies");
    let templates = match templates {
        Ok(templates) => templates,
        Err(errors) => {
            diagnostics.extend(errors);
            return Output::default();
        }
    };
    let builder = run.builder(&bodies);
    watch.lap("templates");
    let mut files = run.pages(&builder, &templates, streamed, diagnostics);
    watch.lap("pages");
    files.extend(run.site_wide(&builder, &templates, theme, &site_feeds, diagnostics));
    files.extend(kept_files(found_by, diagnostics));
    watch.lap("extras");
    files.sort_by(|a, b| a.path.cmp(&b.path));
    run.note_site_users(&site_data, cache);
    cache.feeds = Some(site_feeds);
    cache.navigation = navigation;
    Output {
        files,
        page_count: site.pages.len(),
        section_count: site.sections.len(),
    }
}

/// The theme's templates, for `site` in the language of `words`, with
/// the site-wide data their functions give; parsed again only when the
/// theme's templates are not those `parsed` keeps.
fn templates_for(
    site: &Site,
    theme: &Theme,
    (words, options): (&crate::i18n::Translator, RenderOptions),
    (site_data, parsed): (&Arc<SiteData>, &mut templates::Parsed),
    diagnostics: &mut Diagnostics,
) -> Result<Templates, Vec<Error>> {
    let site_context = site_context(site, theme, options.today, diagnostics);
    let pictures = &options.images.pictures;
    let data = (pictures, site_data);
    Templates::new(theme, &site.config, words, &site_context, data, parsed)
}

/// What one page's or one job's files became: those kept (when there is
/// no sink), or the errors.
type Made = Result<Vec<OutputFile>, Vec<Error>>;

/// One render: what it renders, and where its files go.
struct Run<'r> {
    site: &'r Site,
    /// The pages and sections to render (a [`Plan::Fronts`] becomes the
    /// [`Plan::Only`] of those it reaches).
    plan: &'r Plan,
    /// The front matter edit, when the plan was one.
    fronts: Option<&'r Fronts>,
    changed: Option<Changed>,
    /// Today, the images published at several sizes, and the highlighted
    /// code kept from earlier builds.
    options: RenderOptions<'r>,
    /// Every output path so far: two files at one path are an error.
    ledger: Ledger<'r>,
    sink: Option<&'r Hand<'r>>,
    /// The interface text of the site's language.
    words: &'r crate::i18n::Translator,
    /// Whether the site-wide data was made again for a partial render.
    is_site_data_new: bool,
    /// The site-wide data, whose page summaries the A to Z shares.
    site_data: Arc<SiteData>,
    /// The URLs of the site-wide pages whose templates called a site-wide function.
    site_wide_users: HashSet<String>,
    /// The feeds of the last render, when it went well.
    last_feeds: Option<&'r feeds::Feeds>,
    /// What the A to Z and the site map kept from the last render.
    navigation: &'r navigation::Memo,
}

impl Run<'_> {
    /// Hands one finished file to the sink, or keeps it when there is none,
    /// once the ledger has it.
    fn hand(&self, file: OutputFile) -> Result<Option<OutputFile>, Error> {
        if !self.ledger.enter(&file)? {
            return Ok(None);
        }
        match self.sink {
            Some(sink) => sink(file),
            None => Ok(Some(file)),
        }
    }

    /// Hands on every file of `made`, collecting the errors.
    fn pass(&self, made: Vec<OutputFile>) -> Made {
        let mut kept = Vec::new();
        let mut errors = Vec::new();
        for file in made {
            match self.hand(file) {
                Ok(file) => kept.extend(file),
                Err(error) => errors.push(error),
            }
        }
        if errors.is_empty() {
            Ok(kept)
        } else {
            Err(errors)
        }
    }

    /// Hands on the image sizes, all in `images::SIZES_DIR` and each path
    /// once, as `images::publish` makes them. Only the first goes through
    /// the ledger, claiming the folder: nothing else may be published
    /// there (the ledger refuses it), so the others cannot clash with
    /// anything, and 1,600 sizes of 200 photos cost no ledger's lock each.
    fn pass_sizes(&self, sizes: Vec<OutputFile>) -> Made {
        let Some(first) = sizes.first() else {
            return Ok(Vec::new());
        };
        self.ledger.enter(first).map_err(|error| vec![error])?;
        let Some(sink) = self.sink else {
            return Ok(sizes);
        };
        let mut kept = Vec::new();
        for file in sizes {
            kept.extend(sink(file).map_err(|error| vec![error])?);
        }
        Ok(kept)
    }

    /// [`Self::pass`], handing the files on in parallel.
    fn pass_in_parallel(&self, made: Vec<OutputFile>) -> Made {
        let handed: Vec<Result<Option<OutputFile>, Error>> =
            made.into_par_iter().map(|file| self.hand(file)).collect();
        let (kept, errors): (Vec<_>, Vec<_>) = handed.into_iter().partition(Result::is_ok);
        if errors.is_empty() {
            Ok(kept.into_iter().filter_map(Result::ok).flatten().collect())
        } else {
            Err(errors.into_iter().filter_map(Result::err).collect())
        }
    }

    /// The site-wide data templates call for, and the plan widened to the
    /// pages that used it when it changed. A render of named pages reuses
    /// the last render's data when their summaries are as they were;
    /// otherwise every page whose template called a site-wide function is
    /// rendered again too. Templates that call none get empty data.
    fn site_data(&self, is_used: bool, cache: &RenderCache) -> (Arc<SiteData>, Option<Plan>) {
        if !is_used {
            return (Arc::new(SiteData::default()), None);
        }
        let empty = Bodies::default();
        let builder = self.builder(&empty);
        let Plan::Only(paths) = self.plan else {
            return (Arc::new(SiteData::new(&builder)), None);
        };
        // A term's count or a section's order is no one page's summary:
        // when one changed, the data is made again, though each page
        // whose summary cannot have changed keeps its value. When only
        // terms changed, only the terms are.
        let (is_terms_changed, is_order_changed) = self
            .fronts
            .map_or((false, false), |f| (f.is_terms_changed, f.is_order_changed));
        let last = cache.site_data.as_ref();
        let is_same = |last: &&Arc<SiteData>| last.is_same_for(&builder, paths);
        let same = last.filter(|_| !is_order_changed).filter(is_same);
        if let Some(last) = same.filter(|_| !is_terms_changed) {
            return (Arc::clone(last), None);
        }
        let mut widened = paths.clone();
        widened.extend(cache.site_users.iter().cloned());
        let data = match (same, last) {
            (Some(same), _) => same.with_terms_of(self.site),
            (None, Some(last)) => last.updated(&builder, paths),
            (None, None) => SiteData::new(&builder),
        };
        (Arc::new(data), Some(Plan::Only(widened)))
    }

    /// Keeps the site-wide data and which pages used it, for the next render.
    fn note_site_users(&self, site_data: &Arc<SiteData>, cache: &mut RenderCache) {
        let used = site_data.take_users();
        // Most sites' templates call none: then no page's URL is looked up.
        let by_path: HashMap<&str, &str> = match used.is_empty() {
            true => HashMap::new(),
            false => self.content_paths_by_url_path(),
        };
        let base_path = &self.site.config.base_path;
        let content_path = |url: &String| {
            let path = url.strip_prefix(base_path.as_str())?;
            by_path.get(path).copied()
        };
        if let Plan::Only(paths) = self.plan {
            cache.site_users.retain(|path| !paths.contains(path));
        } else {
            cache.site_users.clear();
        }
        let users = used.iter().filter_map(content_path);
        cache.site_users.extend(users.map(str::to_string));
        if *self.plan == Plan::All {
            cache.site_wide_users.clear();
        }
        let others = used.iter().filter(|url| content_path(url).is_none());
        cache.site_wide_users.extend(others.cloned());
        cache.site_data = Some(Arc::clone(site_data));
    }

    /// Each page's and section's content path, by its URL path (its URL
    /// without the base path): made without a string for each.
    fn content_paths_by_url_path(&self) -> HashMap<&str, &str> {
        let site = self.site;
        let pages = site.pages.iter().map(|e| (&e.path, &e.page.path));
        let sections = site.sections.iter().map(|e| (&e.path, &e.page.path));
        let paths = pages.chain(sections);
        paths
            .map(|(path, content)| (path.as_str(), content.as_str()))
            .collect()
    }

    fn builder<'b>(&'b self, bodies: &'b Bodies) -> Builder<'b> {
        Builder {
            site: self.site,
            bodies,
            resolver: self.lookups().resolver(self.site),
            today: self.options.today,
            words: self.words,
        }
    }

    /// How to show each published image.
    fn pictures(&self) -> &crate::images::Pictures {
        &self.options.images.pictures
    }

    /// What bodies are rendered with besides the site.
    fn lookups(&self) -> bodies::Lookups<'_> {
        bodies::Lookups {
            pictures: self.pictures(),
            words: self.words,
            kept: self.options.kept,
        }
    }

    fn is_wanted(&self, path: &str) -> bool {
        match self.plan {
            Plan::All => true,
            Plan::Only(paths) => paths.contains(path),
            Plan::Fronts(fronts) => fronts.paths.contains(path) || fronts.own.contains(path),
        }
    }

    /// Every body, rendered or reused from `cache`. A one-shot build
    /// streams instead (see [`Run::stream`]) and returns its pages' files too.
    fn bodies(
        &self,
        templates: Option<&Templates>,
        site_feeds: &feeds::Feeds,
        cache: &mut RenderCache,
        diagnostics: &mut Diagnostics,
    ) -> (Bodies, Option<Vec<Made>>) {
        match templates {
            Some(templates) if self.sink.is_some() && *self.plan == Plan::All => {
                let (bodies, made) = self.stream(templates, site_feeds, diagnostics);
                (bodies, Some(made))
            }
            _ => {
                let changed = self.changed.as_ref();
                let bodies = bodies::render_all(
                    self.site,
                    &self.lookups(),
                    &mut cache.bodies,
                    changed,
                    diagnostics,
                );
                (bodies, None)
            }
        }
    }

    /// Renders each page around its body as soon as the body is made and
    /// hands it to the sink at once; only the few bodies other files show
    /// are kept, so a large site's bodies are never all in memory.
    fn stream(
        &self,
        templates: &Templates,
        site_feeds: &feeds::Feeds,
        diagnostics: &mut Diagnostics,
    ) -> (Bodies, Vec<Made>) {
        let sections = bodies::render_sections(self.site, &self.lookups(), diagnostics);
        let early = Bodies {
            pages: Vec::new(),
            sections: sections.clone(),
        };
        let builder = self.builder(&early);
        let keep = site_feeds.entry_pages();
        let each = |index: usize, rendered: &markdown::Rendered| {
            render_page(&builder, templates, index, rendered).and_then(|f| self.pass(vec![f]))
        };
        bodies::render_streaming(
            self.site,
            &self.lookups(),
            sections,
            &keep,
            diagnostics,
            each,
        )
    }

    /// The pages (unless streamed already) and sections the plan names.
    fn pages(
        &self,
        builder: &Builder,
        templates: &Templates,
        streamed: Option<Vec<Made>>,
        diagnostics: &mut Diagnostics,
    ) -> Vec<OutputFile> {
        let site = self.site;
        let is_streamed = streamed.is_some();
        let pages = (0..site.pages.len())
            .into_par_iter()
            .filter(|&index| !is_streamed && self.is_wanted(&site.pages[index].page.path))
            .map(|index| {
                let rendered = &builder.bodies.pages[index];
                render_page(builder, templates, index, rendered).and_then(|f| self.pass(vec![f]))
            });
        let sections = (0..site.sections.len())
            .into_par_iter()
            .filter(|&index| self.is_wanted(&site.sections[index].page.path))
            .map(|index| render_section(builder, templates, index).and_then(|f| self.pass(f)));
        let results: Vec<Made> = pages.chain(sections).collect();
        let (files, failures) = split(streamed.into_iter().flatten().chain(results));
        diagnostics.extend(merge_repeats(failures));
        files
    }

    /// The files made from the site as a whole, each job on its own thread:
    /// on a large site the A-Z index and the site map are big single pages.
    fn site_wide(
        &self,
        builder: &Builder,
        templates: &Templates,
        theme: &Theme,
        site_feeds: &feeds::Feeds,
        diagnostics: &mut Diagnostics,
    ) -> Vec<OutputFile> {
        let mut jobs: Vec<Job> = Vec::new();
        if self.is_whole_site() {
            diagnostics.extend(extras::statement_problems(self.site));
            self.whole_site_jobs(builder, templates, theme, &mut jobs);
        }
        self.content_jobs(builder, templates, theme, site_feeds, &mut jobs);
        let made: Vec<Made> = jobs.par_iter().map(|job| job()).collect();
        kept_files(made, diagnostics)
    }

    /// Whether this render makes the pages made from the whole site: every
    /// page is rendered, or a front matter edit may have changed them.
    fn is_whole_site(&self) -> bool {
        *self.plan == Plan::All || self.fronts.is_some()
    }

    /// The pages made from the whole site: those a front matter edit can
    /// change, after one.
    fn whole_site_jobs<'j>(
        &'j self,
        builder: &'j Builder,
        templates: &'j Templates,
        theme: &'j Theme,
        jobs: &mut Vec<Job<'j>>,
    ) {
        // A site-wide page that calls for site-wide data that changed is
        // made again: for taxonomies, all their pages. So is every term
        // page, when a term's count changed and the theme shows the counts.
        let is_any_user = self.is_site_data_new && !self.site_wide_users.is_empty();
        let is_counts_changed = self.fronts.is_some_and(|f| f.is_terms_changed);
        let is_counts_shown = is_counts_changed && shows_term_counts(theme);
        let wanted = self
            .fronts
            .filter(|_| !is_any_user && !is_counts_shown)
            .map(|fronts| extras::Wanted {
                terms: &fronts.terms,
                listings: &fronts.listings,
                is_lists: fronts.is_terms_changed,
            });
        jobs.push(Box::new(move || {
            let hand = |file: OutputFile| self.hand(file);
            extras::taxonomies(builder, templates, wanted, &hand).map_err(|e| vec![e])
        }));
        jobs.push(self.job(move || extras::not_found(builder, templates)));
        jobs.push(self.job(move || extras::statement(builder, templates)));
        jobs.push(self.job(move || glossary::page(builder, templates)));
        jobs.push(self.job(move || extras::search_page(builder, templates)));
        // Thousands of links or copies on a site with many photos.
        let (site, images) = (self.site, self.options.images);
        jobs.push(Box::new(move || {
            self.pass_in_parallel(static_files(site, theme, images))
        }));
        jobs.push(Box::new(move || {
            self.pass_sizes(image_files(site, images, true))
        }));
    }

    /// The A to Z and the site map, when the render makes the site-wide
    /// pages (see [`Self::is_whole_site`]) and an edit changed what they
    /// show, each on its own thread. They show no page's body.
    fn navigation(&self, templates: Option<&Templates>) -> Vec<Made> {
        let Some(templates) = templates.filter(|_| self.is_whole_site()) else {
            return Vec::new();
        };
        let (summaries, order) = self.fronts.map_or((true, true), |f| {
            (f.is_summaries_changed, f.is_order_changed)
        });
        let no_bodies = Bodies::default();
        let builder = &self.builder(&no_bodies);
        let a_to_z = || {
            let is_wanted = summaries || self.is_data_user("a-z/");
            let data = &self.site_data;
            is_wanted.then(|| navigation::a_to_z(builder, templates, data, self.navigation))
        };
        let site_map = || {
            let is_wanted = summaries || order || self.is_data_user("sitemap/");
            is_wanted.then(|| navigation::site_map(builder, templates, self.navigation))
        };
        let (a_to_z, site_map) = rayon::join(a_to_z, site_map);
        let made = a_to_z.into_iter().chain(site_map);
        made.map(|result| self.pass_made(result)).collect()
    }

    /// Whether the site-wide page at `path` must be made again because the
    /// site-wide data it called for changed.
    fn is_data_user(&self, path: &str) -> bool {
        self.is_site_data_new && self.site_wide_users.contains(&self.site.url(path))
    }

    /// The files made from pages' bodies and kinds: course print views,
    /// handouts, charter data and feeds.
    fn content_jobs<'j>(
        &'j self,
        builder: &'j Builder,
        templates: &'j Templates,
        theme: &'j Theme,
        site_feeds: &'j feeds::Feeds,
        jobs: &mut Vec<Job<'j>>,
    ) {
        let site = self.site;
        let changed = self.changed.as_ref();
        // A course's print views show the sections above it: after a front
        // matter edit, those of every course the edit reaches.
        let reached = self.fronts.and_then(|_| Changed::of(site, self.plan));
        jobs.push(Box::new(move || {
            let prints_changed = reached.as_ref().or(changed);
            self.pass_made(extras::course_prints(builder, templates, prints_changed))
        }));
        jobs.push(self.job(move || handout::handouts(builder, templates)));
        jobs.push(self.job(move || Ok(extras::charter_data(builder))));
        let since = self.fronts.zip(self.last_feeds);
        let wanted = match (changed, since) {
            (None, _) => feeds::Wanted::All,
            (Some(changed), Some((fronts, last))) => feeds::Wanted::Since(changed, last, fronts),
            // A front matter edit may move a page into or out of any feed.
            (Some(_), None) if self.fronts.is_some() => feeds::Wanted::All,
            (Some(changed), None) => feeds::Wanted::Showing(changed),
        };
        jobs.push(Box::new(move || {
            let mut made = feeds::all(builder, site_feeds, wanted);
            // A theme's or a site's own robots.txt replaces the one made here.
            if theme.statics.contains_key("robots.txt") || !site.config.is_default_language() {
                made.retain(|file| file.path != "robots.txt");
            }
            self.pass(made)
        }));
    }

    /// A job making files, handed on as they come.
    fn job<'j>(
        &'j self,
        make: impl Fn() -> Result<Vec<OutputFile>, Error> + Sync + Send + 'j,
    ) -> Job<'j> {
        Box::new(move || self.pass_made(make()))
    }

    fn pass_made(&self, result: Result<Vec<OutputFile>, Error>) -> Made {
        result.map_err(|e| vec![e]).and_then(|f| self.pass(f))
    }
}

/// The files kept from `made`, with its errors added to `diagnostics`.
fn kept_files(made: Vec<Made>, diagnostics: &mut Diagnostics) -> Vec<OutputFile> {
    let (files, failures) = split(made);
    diagnostics.extend(failures);
    files
}

/// The files made, and the errors of the jobs that failed.
fn split(made: impl IntoIterator<Item = Made>) -> (Vec<OutputFile>, Vec<Error>) {
    let mut files = Vec::new();
    let mut failures = Vec::new();
    for result in made {
        match result {
            Ok(kept) => files.extend(kept),
            Err(errors) => failures.extend(errors),
        }
    }
    (files, failures)
}

/// One job of [`Run::site_wide`].
type Job<'j> = Box<dyn Fn() -> Made + Sync + Send + 'j>;

/// One template error repeated for many pages is reported once, with a count.
fn merge_repeats(errors: Vec<Error>) -> Vec<Error> {
    let mut merged: Vec<(Error, usize)> = Vec::new();
    for error in errors {
        let same = merged.iter_mut().find(|(first, _)| {
            first.kind == ErrorKind::Template
                && (&first.path, first.line, first.column, &first.message)
                    == (&error.path, error.line, error.column, &error.message)
        });
        match same {
            Some((_, count)) => *count += 1,
            None => merged.push((error, 0)),
        }
    }
    merged
        .into_iter()
        .map(|(error, others)| match (others, error.help.clone()) {
            (0, _) | (_, None) => error,
            (n, Some(help)) => error.with_help(format!("{help} and {n} other pages")),
        })
        .collect()
}

/// The menu of site.yaml with its addresses resolved. A link to a page
/// that is not there is an error at its place in site.yaml.
fn menu(site: &Site, diagnostics: &mut Diagnostics) -> Vec<context::MenuLink> {
    let config = &site.config;
    let resolver = bodies::SiteResolver::new(site);
    let index = crate::error::LineIndex::new(&config.text);
    let mut links = Vec::with_capacity(config.menu.len());
    for (number, item) in config.menu.iter().enumerate() {
        let url = resolver.front_link("_index.md", &item.url).unwrap_or_else(|| {
            let (line, column) = config.menu_url_place(number);
            diagnostics.push(
                Error::new(
                    ErrorKind::BrokenLink,
                    crate::config::CONFIG_FILE,
                    format!("broken link `{}` in the menu entry `{}`", item.url, item.name),
                )
                .at(&index, line, column)
                .with_help(resolver.front_link_help("_index.md", &item.url, "link to a page as @/path/from/content.md, to a site path such as /about/, or give a full web address")),
            );
            item.url.clone()
        });
        links.push(context::MenuLink {
            name: item.name.clone(),
            url,
            is_external: item.url.contains("://"),
        });
    }
    links
}

/// `site.taxonomies`: each declared taxonomy's name, title and URL.
fn taxonomy_links(site: &Site) -> Vec<context::TaxonomyLink> {
    site.taxonomies
        .iter()
        .map(|t| context::TaxonomyLink {
            name: t.config.name.clone(),
            title: t.config.display_title(),
            url: site.url(&format!("{}/", t.config.name)),
        })
        .collect()
}

fn site_context<'a>(
    site: &'a Site,
    theme: &Theme,
    today: NaiveDate,
    diagnostics: &mut Diagnostics,
) -> SiteContext<'a> {
    let config = &site.config;
    let menu = menu(site, diagnostics);
    SiteContext {
        title: &config.title,
        description: &config.description,
        language: &config.language,
        base_url: &config.base_url,
        base_path: &config.base_path,
        root_path: &config.site_base_path,
        menu,
        taxonomies: taxonomy_links(site),
        feed_url: config.feeds.then(|| site.url("atom.xml")),
        a_z_url: site.url("a-z/"),
        sitemap_url: site.url("sitemap/"),
        accessibility_url: config
            .accessibility
            .as_ref()
            .map(|_| site.url("accessibility/")),
        search_url: (config.search && theme.templates.contains_key("search.html"))
            .then(|| site.url("search/")),
        extra: &config.extra,
        year: today.year(),
    }
}

#[derive(Serialize)]
struct PageTemplate<'a> {
    current: context::Current,
    page: context::PageContext<'a>,
    ancestors: Vec<Link>,
    previous: Option<PageSummary<'a>>,
    next: Option<PageSummary<'a>>,
}

fn render_page(
    builder: &Builder,
    templates: &Templates,
    index: usize,
    rendered: &markdown::Rendered,
) -> Result<OutputFile, Vec<Error>> {
    let entry = &builder.site.pages[index];
    let page = builder.page_with(index, rendered)?;
    // The kind's own template when the theme has one, else page.html.
    let wanted = format!("{}.html", page.kind);
    let name = match chosen_template(&entry.page, templates).map_err(|e| vec![e])? {
        Some(name) => name,
        None if templates.has(&wanted) => wanted,
        None => "page.html".to_string(),
    };
    let current = context::Current::new(builder.site, page.title, &entry.path, page.description);
    let context = PageTemplate {
        current,
        page,
        ancestors: builder.ancestors(Some(entry.section)),
        previous: entry.previous.map(|i| builder.summary(i)),
        next: entry.next.map(|i| builder.summary(i)),
    };
    let html = templates
        .render(&name, &context, &entry.page.shown)
        .map_err(|e| vec![e])?;
    Ok(html_file(&entry.path, html))
}

#[derive(Serialize)]
struct SectionTemplate<'a> {
    current: context::Current,
    section: context::SectionContext<'a>,
    ancestors: Vec<Link>,
    paginator: Option<Paginator<'a>>,
    charter: Option<context::CharterContext<'a>>,
}

/// The template a page or section names with `template:`, when it names
/// one. A name the theme does not have is an error at the value, rather
/// than a quiet fall back to the kind's template.
fn chosen_template(
    page: &crate::content::Page,
    templates: &Templates,
) -> Result<Option<String>, Error> {
    let Some(name) = &page.front.template else {
        return Ok(None);
    };
    if templates.has(name) {
        return Ok(Some(name.clone()));
    }
    let pages = templates.names().filter(|n| !n.starts_with("partials/"));
    let help = match crate::yaml::suggest(name, pages) {
        Some(near) => format!("did you mean `{near}`?"),
        None => format!("add templates/{name} to the site or the theme, or remove `template:`"),
    };
    let (line, column) = page.value_place("template", name);
    Err(Error::new(
        ErrorKind::Template,
        &page.shown,
        format!("there is no template `{name}` in the theme"),
    )
    .at(&page.line_index(), line, column)
    .with_help(help))
}

/// The template of a section's kind (its `template:` is read apart).
fn section_template(builder: &Builder, index: usize) -> String {
    let entry = &builder.site.sections[index];
    match entry.kind {
        SectionKind::Course(_) => "course.html",
        SectionKind::Charter => "charter.html",
        SectionKind::Section if index == 0 => "index.html",
        SectionKind::Section => "section.html",
    }
    .to_string()
}

fn render_section(
    builder: &Builder,
    templates: &Templates,
    index: usize,
) -> Result<Vec<OutputFile>, Vec<Error>> {
    let entry = &builder.site.sections[index];
    let name = section_template_name(builder, templates, index).map_err(|e| vec![e])?;
    let per_page = entry.page.front.paginate_by.unwrap_or(0);
    let summaries: Vec<PageSummary> = entry.pages.iter().map(|&i| builder.summary(i)).collect();
    let pages = paginate(builder.site, &entry.path, summaries, per_page);
    let mut files = Vec::with_capacity(pages.len());
    for (number, paginator) in pages.into_iter().enumerate() {
        let path = content::listing_page_path(&entry.path, number + 1);
        let context = section_context(builder, index, &path, paginator);
        let html = templates
            .render(&name, &context, &entry.page.shown)
            .map_err(|e| vec![e])?;
        files.push(html_file(&path, html));
    }
    Ok(files)
}

/// The template a section names, or its kind's when the theme has it, or
/// `section.html`.
fn section_template_name(
    builder: &Builder,
    templates: &Templates,
    index: usize,
) -> Result<String, Error> {
    let wanted = section_template(builder, index);
    Ok(
        match chosen_template(&builder.site.sections[index].page, templates)? {
            Some(name) => name,
            None if templates.has(&wanted) => wanted,
            None => "section.html".to_string(),
        },
    )
}

/// The context of section `index`'s listing page at `path`, showing the
/// paginator's share of its pages when it has one.
fn section_context<'a>(
    builder: &'a Builder,
    index: usize,
    path: &str,
    paginator: Option<Paginator<'a>>,
) -> SectionTemplate<'a> {
    let entry = &builder.site.sections[index];
    let title = entry.page.title();
    let description = entry.page.front.description.as_deref();
    let mut section = builder.section(index);
    if let Some(paginator) = &paginator {
        section.pages = paginator.pages.clone();
    }
    SectionTemplate {
        current: context::Current::new(builder.site, title, path, description),
        section,
        ancestors: builder.ancestors(entry.parent),
        paginator,
        charter: matches!(entry.kind, SectionKind::Charter)
            .then(|| extras::charter(builder, index)),
    }
}

/// Whether a template of `theme` that a term page may use reads its
/// taxonomy's terms, whose counts the page would then show. The list of
/// terms (`taxonomy_list.html`) is made again apart; the default theme's
/// term pages show no counts.
fn shows_term_counts(theme: &Theme) -> bool {
    let mut others = theme.templates.iter();
    others.any(|(name, t)| name != "taxonomy_list.html" && t.text.contains("taxonomy.terms"))
}

/// Splits summaries into pages of `per_page`; one `None` page when not paginated.
fn paginate<'a>(
    site: &Site,
    path: &str,
    summaries: Vec<PageSummary<'a>>,
    per_page: usize,
) -> Vec<Option<Paginator<'a>>> {
    if per_page == 0 {
        return vec![None];
    }
    let count = content::listing_page_count(summaries.len(), per_page);
    let mut chunks: Vec<Vec<PageSummary>> = summaries.chunks(per_page).map(<[_]>::to_vec).collect();
    chunks.resize_with(count, Vec::new);
    (1..)
        .zip(chunks)
        .map(|(current, pages)| Some(paginator(site, path, (current, count), pages)))
        .collect()
}

/// Page `current` of `count` of the listing at `path`, showing `pages`.
fn paginator<'a>(
    site: &Site,
    path: &str,
    (current, count): (usize, usize),
    pages: Vec<PageSummary<'a>>,
) -> Paginator<'a> {
    let url = |n: usize| site.url(&content::listing_page_path(path, n));
    Paginator {
        pages,
        current,
        count,
        previous_url: (current > 1).then(|| url(current - 1)),
        next_url: (current < count).then(|| url(current + 1)),
        links: page_links(current, count, &url),
    }
}

/// How many numbered links either side of the current page.
const PAGE_LINK_SPREAD: usize = 2;

/// The numbered links of page `current` of `count`: the first and last
/// pages and those near the current one, with one gap for each run of
/// numbers left out. Listing every page would make each of N pages carry N
/// links, which grows with the square of a large site.
fn page_links(current: usize, count: usize, url: &dyn Fn(usize) -> String) -> Vec<PaginatorLink> {
    let near =
        current.saturating_sub(PAGE_LINK_SPREAD).max(1)..=(current + PAGE_LINK_SPREAD).min(count);
    let mut numbers: Vec<usize> = std::iter::once(1).chain(near).chain([count]).collect();
    numbers.dedup();
    let mut links = Vec::with_capacity(numbers.len() + 2);
    let mut last = 0;
    for number in numbers {
        if number > last + 1 {
            links.push(PaginatorLink {
                number: 0,
                url: String::new(),
                is_current: false,
                is_gap: true,
            });
        }
        links.push(PaginatorLink {
            number,
            url: url(number),
            is_current: number == current,
            is_gap: false,
        });
        last = number;
    }
    links
}

/// An HTML file at a URL path.
pub fn html_file(path: &str, html: String) -> OutputFile {
    let path = if path.is_empty() || path.ends_with('/') {
        format!("{path}index.html")
    } else {
        path.to_string()
    };
    OutputFile {
        path,
        contents: Contents::Bytes(html.into_bytes()),
    }
}

/// The theme's static files (once, for the default language), the files
/// beside pages (for each language, beside its pages) but for the images
/// published at several sizes, and those sizes. Every language's pages
/// show the default language's sizes; an image linked to as a file is
/// published (without its metadata) beside each language's pages.
fn static_files(site: &Site, theme: &Theme, images: &crate::images::Published) -> Vec<OutputFile> {
    let theme_files = site.config.is_default_language().then_some(&theme.statics);
    let statics = theme_files
        .into_iter()
        .flatten()
        .map(|(path, (bytes, _))| OutputFile {
            path: path.clone(),
            contents: match bytes {
                theme::Bytes::Embedded(b) => Contents::Embedded(b),
                theme::Bytes::File(p) => Contents::Copy(p.clone()),
            },
        });
    let assets = site
        .assets
        .iter()
        .filter(|(asset, _)| !images.withheld.contains(&asset.path))
        .map(|(asset, path)| OutputFile {
            path: path.clone(),
            contents: Contents::Copy(asset.file.clone()),
        });
    statics
        .chain(assets)
        .chain(image_files(site, images, false))
        .collect()
}

/// The files of published images: in `images::SIZES_DIR` (`is_sizes`),
/// all of them for the default language and none for another; beside the
/// pages (linked photos published whole), those of the language's pages.
fn image_files(site: &Site, images: &crate::images::Published, is_sizes: bool) -> Vec<OutputFile> {
    let is_default = site.config.is_default_language();
    let originals: std::collections::HashSet<&str> =
        site.assets.iter().map(|(_, path)| path.as_str()).collect();
    images
        .files
        .iter()
        .filter(|(path, _)| crate::images::is_size_path(path) == is_sizes)
        .filter(|(path, _)| is_default || originals.contains(path.as_str()))
        .map(|(path, file)| OutputFile {
            path: path.clone(),
            contents: Contents::Cached(file.clone()),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(current: usize, count: usize) -> String {
        page_links(current, count, &|n| format!("/p/{n}/"))
            .iter()
            .map(|link| match (link.is_gap, link.is_current) {
                (true, _) => "…".to_string(),
                (false, true) => format!("[{}]", link.number),
                (false, false) => link.number.to_string(),
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn page_links_show_the_ends_and_the_pages_near_the_current_one() {
        assert_eq!(shown(1, 1), "[1]");
        assert_eq!(shown(2, 3), "1 [2] 3");
        assert_eq!(shown(1, 5), "[1] 2 3 … 5");
        assert_eq!(shown(4, 5), "1 2 3 [4] 5");
        assert_eq!(shown(6, 1250), "1 … 4 5 [6] 7 8 … 1250");
        assert_eq!(shown(1250, 1250), "1 … 1248 1249 [1250]");
        assert_eq!(shown(3, 7), "1 2 [3] 4 5 … 7");
        assert_eq!(page_links(6, 1250, &|n| format!("/p/{n}/"))[3].url, "/p/5/");
    }
}
