//! The pipeline: every stage in order, as a session whose results are kept
//! between builds. [`build_site`] runs it once in memory; [`prepare`] runs
//! only the stages before rendering (what `hearth check` reads).
//!
//! `hearth build` runs one session once, from empty caches. The preview
//! server keeps a session alive and tells it what changed: a page edit
//! re-reads and re-parses that file, reuses every other rendered body whose
//! text and link targets are unchanged, and, when nothing that listings show
//! has changed, renders only that page's own files. A template or static
//! edit re-renders without re-parsing; a config edit starts again. A
//! render of named pages whose summaries changed also renders every page
//! whose template called a site-wide function (`get_section`...), as render
//! notes them. Whatever was reused, the result is the same as a full
//! build: a test compares them.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::NaiveDate;

use crate::config::{self, Config};
use crate::content::{self, Asset, Page, Site, Source, Target};
use crate::error::{Diagnostics, Error, ErrorKind};
use crate::output::{Hand, Output, OutputFile, Sink};
use crate::render::{self, theme, Plan, RenderCache, RenderOptions};
use crate::search::Indexer;

/// What to build.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The site folder.
    pub root: PathBuf,
    /// Overrides `base_url` from site.yaml.
    pub base_url: Option<String>,
    /// Include drafts.
    pub is_drafts: bool,
    /// Treat warnings as errors.
    pub is_strict: bool,
    /// Today's date, for review dates.
    pub today: NaiveDate,
}

/// A site built in memory.
#[derive(Debug)]
pub struct Built {
    /// The assembled content the output was rendered from.
    pub site: Site,
    /// Every output file.
    pub output: Output,
}

/// The site assembled and its theme loaded: everything before rendering.
#[derive(Debug)]
pub struct Prepared {
    /// The assembled content.
    pub site: Site,
    /// The theme with the site's overrides.
    pub theme: theme::Theme,
}

/// Runs the stages before rendering: config, theme, load, parse, assemble.
/// `None` means the config or theme is broken; content errors are collected
/// and the site is still returned so later stages can report theirs too.
pub fn prepare(options: &BuildOptions, diagnostics: &mut Diagnostics) -> Option<Prepared> {
    let (site, theme) = Session::new(options.clone()).prepared(diagnostics)?;
    Some(Prepared { site, theme })
}

/// The theme's and the site's static files on disk, by output path: the
/// static images a body may show, for [`crate::images::publish`].
pub fn image_statics(theme: &theme::Theme) -> Vec<(String, std::path::PathBuf)> {
    theme
        .statics
        .iter()
        .filter_map(|(path, (bytes, _))| match bytes {
            theme::Bytes::File(file) => Some((path.clone(), file.clone())),
            theme::Bytes::Embedded(_) => None,
        })
        .collect()
}

/// Runs the whole pipeline in memory, as a session with empty caches.
/// Errors and warnings go to `diagnostics`; `None` means the build failed.
pub fn build_site(options: &BuildOptions, diagnostics: &mut Diagnostics) -> Option<Built> {
    let mut session = Session::new(options.clone());
    let rebuild = session.rebuild(&[Change::Everything]);
    diagnostics.extend(rebuild.diagnostics.iter().cloned());
    if !rebuild.is_ok {
        return None;
    }
    let output = session.output(rebuild.counts);
    let site = session.into_site()?;
    Some(Built { site, output })
}

/// Warns about pages whose review date has passed.
pub fn review_warnings(site: &Site, today: NaiveDate, diagnostics: &mut Diagnostics) {
    let pages = site.pages.iter().map(|e| &e.page);
    let sections = site.sections.iter().map(|e| &e.page);
    for page in pages.chain(sections) {
        let Some(due) = page
            .front
            .review_due
            .as_ref()
            .and_then(|t| content::dates::parse(&t.0))
        else {
            continue;
        };
        if due < today {
            let (line, column) = page.field_place("review_due");
            diagnostics.push(
                Error::new(
                    ErrorKind::ReviewOverdue,
                    &page.shown,
                    format!(
                        "this page was due for review on {}",
                        content::dates::display(due)
                    ),
                )
                .at(&page.line_index(), line, column)
                .with_help("review the page, then update `last_reviewed` and `review_due`")
                .warning(),
            );
        }
    }
}

/// What changed since the last build.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// Markdown files, by path relative to `content/`.
    Content(Vec<String>),
    /// Other files or folders under `content/` (photos beside pages,
    /// folders), by path relative to `content/`, as the watcher named them.
    ContentFiles(Vec<String>),
    /// The content folder as a whole: read it all again.
    ContentTree,
    /// Templates of the theme or the site.
    Templates,
    /// Static files of the theme or the site.
    Static,
    /// `site.yaml`, or anything unknown: start again.
    Everything,
}

/// The result of one build of a session.
#[derive(Debug)]
pub struct Rebuild {
    /// Errors and warnings.
    pub diagnostics: Diagnostics,
    /// True when the build succeeded and its files replaced the last good ones.
    pub is_ok: bool,
    /// Output paths whose bytes changed.
    pub changed: Vec<String>,
    /// Output paths this build rendered, changed or not: every file for a
    /// full preview build, fewer after an edit (none in a one-shot build,
    /// whose files go straight to its sink).
    pub rendered: Vec<String>,
    /// Content pages and sections built.
    pub counts: (usize, usize),
}

impl Rebuild {
    /// A build that failed: the last good files stay as they were.
    fn failed(diagnostics: Diagnostics, counts: (usize, usize)) -> Self {
        Rebuild {
            diagnostics,
            is_ok: false,
            changed: Vec::new(),
            rendered: Vec::new(),
            counts,
        }
    }
}

/// A parsed page, shared with the site, with its warnings; or why it failed.
type SharedParse = Result<(Arc<Page>, Vec<Error>), Vec<Error>>;

/// The pages a quick rebuild replaced in the last good site, as they were,
/// each with its language (`None` for the default language's site).
type Replaced = Vec<(Option<String>, Target, Arc<Page>)>;

/// A known page read again after an edit, parsed without error.
struct Fresh {
    /// Its content path.
    path: String,
    /// Its language, when not the site's default.
    language: Option<String>,
    /// Where it is in its language's last site.
    target: Target,
    page: Arc<Page>,
    warnings: Vec<Error>,
    /// Whether its front matter is byte for byte as it was.
    is_same_front: bool,
}

/// The pipeline, with its caches.
pub struct Session {
    options: BuildOptions,
    mode: Mode,
    /// The config and theme, once both have loaded.
    loaded: Option<Loaded>,
    sources: BTreeMap<String, u64>,
    /// Each file's stamp under `content/` when the preview last read it.
    stamps: HashMap<String, Stamp>,
    pending: Vec<Source>,
    assets: Vec<Asset>,
    parsed: HashMap<String, SharedParse>,
    render_cache: RenderCache,
    check_cache: HashMap<String, (Arc<Page>, Vec<Error>)>,
    assembly_warnings: Vec<Error>,
    files: BTreeMap<String, Arc<OutputFile>>,
    site: Option<Site>,
    /// Whether what the session holds (site, files, render
    /// cache) is a good build's, so that the next build can start from it.
    is_last_ok: bool,
    /// The images of the last build, published at several sizes.
    images: crate::images::Published,
    /// Highlighted code kept from earlier builds, once a render needs it.
    kept: Option<crate::markdown::Kept>,
    /// The changes of failed preview builds after which the session still
    /// holds the last good build (errors in the sources, or a quick build's
    /// errors): the next build takes them up with its own.
    unbuilt: Vec<Change>,
}

/// How far a build has got, for a progress bar: pages to render, files written.
#[derive(Debug, Default)]
pub struct Progress {
    /// Pages and sections to render (known once the site is assembled).
    pub total: std::sync::atomic::AtomicUsize,
    /// Files written so far.
    pub done: std::sync::atomic::AtomicUsize,
}

/// What a session is for.
enum Mode {
    /// `hearth build`: each file goes to the sink as soon as it is rendered,
    /// indexed for search on its way, and the session builds once.
    OneShot {
        sink: Box<Sink>,
        progress: Arc<Progress>,
    },
    /// The preview server (and [`build_site`]): the files stay in memory,
    /// with the last good site to start the next build from.
    Preview { search: PreviewSearch },
}

/// How a preview session makes its search bundle.
enum PreviewSearch {
    /// The caller builds it (the preview server does, in the background).
    Deferred,
    /// The session builds it after each good build, reading again only the
    /// pages that build changed.
    Kept(Option<crate::search::Cache>),
}

/// The site's config and its theme: loaded together, kept until site.yaml
/// changes (the theme is loaded again when a template or static file does).
struct Loaded {
    config: Config,
    theme: theme::Theme,
}

/// What the stages before rendering made of a build's changes.
struct Assembled {
    site: Site,
    /// Whether only known pages' bodies changed, put into the last good site.
    is_quick: bool,
    /// The pages a quick build replaced, to put back if it fails.
    replaced: Replaced,
}

impl Session {
    /// A preview session with nothing built yet.
    pub fn new(options: BuildOptions) -> Self {
        let search = PreviewSearch::Kept(None);
        Session::with_mode(options, Mode::Preview { search })
    }

    /// A one-shot session for `hearth build`: every rendered file goes to
    /// `sink`, and `progress` counts the pages to render.
    pub fn one_shot(options: BuildOptions, sink: Box<Sink>, progress: Arc<Progress>) -> Self {
        Session::with_mode(options, Mode::OneShot { sink, progress })
    }

    fn with_mode(options: BuildOptions, mode: Mode) -> Self {
        Session {
            options,
            mode,
            loaded: None,
            sources: BTreeMap::new(),
            stamps: HashMap::new(),
            pending: Vec::new(),
            assets: Vec::new(),
            parsed: HashMap::new(),
            render_cache: RenderCache::default(),
            check_cache: HashMap::new(),
            assembly_warnings: Vec::new(),
            files: BTreeMap::new(),
            site: None,
            is_last_ok: false,
            unbuilt: Vec::new(),
            images: crate::images::Published::default(),
            kept: None,
        }
    }

    /// Leaves the search index to the caller (the preview server builds it in
    /// the background, so that an edit is served at once).
    pub fn with_search_deferred(mut self) -> Self {
        if let Mode::Preview { search } = &mut self.mode {
            *search = PreviewSearch::Deferred;
        }
        self
    }

    fn is_preview(&self) -> bool {
        matches!(self.mode, Mode::Preview { .. })
    }

    /// The files of the last good build, by output path.
    pub fn files(&self) -> &BTreeMap<String, Arc<OutputFile>> {
        &self.files
    }

    /// The site of the last good build.
    pub fn into_site(self) -> Option<Site> {
        self.site
    }

    /// The files of the last good build, as an [`Output`] to write.
    pub fn output(&self, counts: (usize, usize)) -> Output {
        Output {
            files: self
                .files
                .values()
                .map(|file| OutputFile::clone(file))
                .collect(),
            page_count: counts.0,
            section_count: counts.1,
        }
    }

    /// Only the stages before rendering, for a first build: the assembled
    /// site and the theme (what `hearth check` reads), with the same
    /// errors and warnings a build would report up to that point.
    pub fn prepared(
        mut self,
        diagnostics: &mut Diagnostics,
    ) -> Option<(crate::content::Site, theme::Theme)> {
        let scope = Scope::from_changes(&[Change::Everything], true);
        let site = self.prepare(&scope, diagnostics)?;
        Some((site, self.loaded?.theme))
    }

    /// Builds again after `changes`; the first call builds everything.
    pub fn rebuild(&mut self, changes: &[Change]) -> Rebuild {
        let mut watch = crate::timing::Stopwatch::start("rebuild");
        let mut diagnostics = Diagnostics::new();
        let mut changes_now = std::mem::take(&mut self.unbuilt);
        changes_now.extend_from_slice(changes);
        // The tree first: a change to it that settle_files finds is
        // already certain, and listing the folder again would only repeat it.
        self.settle_tree(&mut changes_now);
        self.settle_files(&mut changes_now);
        let scope = Scope::from_changes(&changes_now, self.loaded.is_none());
        if scope.is_config {
            self.reset();
        }
        let Some(assembled) = self.assemble(&scope, &mut diagnostics) else {
            self.is_last_ok = false;
            return Rebuild::failed(diagnostics, (0, 0));
        };
        let counts = assembled.site.counts();
        // The preview reports errors in the sources as soon as they are
        // found: rendering every page first would only delay the report on
        // a large site. What the session holds is still the last good
        // build's, so the build after the fix starts from it, with these
        // changes too. `hearth build` goes on, to collect every error.
        let is_full = !assembled.is_quick;
        if self.is_preview() && self.is_last_ok && is_full && diagnostics.has_errors() {
            self.unbuilt = changes_now;
            return Rebuild::failed(diagnostics, counts);
        }
        self.count_pages(counts);
        watch.lap("prepare");
        // Only a quick build (page bodies edited) can keep the last images.
        if is_full {
            self.images = self.publish_images(&assembled.site, &mut diagnostics);
            watch.lap("images");
        }
        let plan = self.plan_render(&assembled, &scope);
        watch.lap("plan");
        let Some((output, indexer)) = self.render(&assembled.site, &plan, &mut diagnostics) else {
            return Rebuild::failed(diagnostics, counts);
        };
        watch.lap("render");
        self.audit(&assembled.site, &mut diagnostics);
        watch.lap("checks");
        self.hand_search(indexer, &mut diagnostics);
        watch.lap("search");
        let rendered = output.files.iter().map(|f| f.path.clone()).collect();
        if diagnostics.has_errors() {
            return self.fail(assembled, changes_now, diagnostics);
        }
        let changed = self.finish(assembled.site, output, &plan, &mut diagnostics);
        self.keep_highlighting(&mut diagnostics);
        watch.lap("finish");
        Rebuild {
            diagnostics,
            is_ok: true,
            changed,
            rendered,
            counts,
        }
    }

    /// The stages before rendering: a quick site when only known pages'
    /// bodies changed, the last site patched when their front matter
    /// changed but not the site's shape, or a full `prepare`.
    fn assemble(&mut self, scope: &Scope, diagnostics: &mut Diagnostics) -> Option<Assembled> {
        if let Some(fresh) = self.fresh_pages(scope) {
            if fresh.iter().all(|f| f.is_same_front) {
                if let Some((site, replaced)) = self.quick_site(fresh, diagnostics) {
                    let is_quick = true;
                    return Some(Assembled {
                        site,
                        is_quick,
                        replaced,
                    });
                }
            } else if let Some(site) = self.patched_site(fresh, diagnostics) {
                let (is_quick, replaced) = (false, Vec::new());
                return Some(Assembled {
                    site,
                    is_quick,
                    replaced,
                });
            }
        }
        let site = self.prepare(scope, diagnostics)?;
        let (is_quick, replaced) = (false, Vec::new());
        Some(Assembled {
            site,
            is_quick,
            replaced,
        })
    }

    /// Tells a one-shot build's progress bar how many pages there are to render.
    fn count_pages(&self, (pages, sections): (usize, usize)) {
        if let Mode::OneShot { progress, .. } = &self.mode {
            let total = &progress.total;
            total.store(pages + sections, std::sync::atomic::Ordering::Relaxed);
        }
    }

    /// What to render.
    fn plan_render(&self, assembled: &Assembled, scope: &Scope) -> Plan {
        if assembled.is_quick {
            Plan::Only(scope.content.iter().cloned().collect())
        } else if !self.is_preview() {
            // A one-shot build: there is no last build to start from.
            Plan::All
        } else {
            self.plan(&assembled.site, scope)
        }
    }

    /// Renders what `plan` names. A one-shot build hands each file to its
    /// sink and indexes it for search on the way; the indexer is returned,
    /// to be finished once every page is checked. `None` when nothing is
    /// loaded to render with.
    fn render(
        &mut self,
        site: &Site,
        plan: &Plan,
        diagnostics: &mut Diagnostics,
    ) -> Option<(Output, Option<Indexer>)> {
        let indexer = match (&self.mode, self.search_base_path()) {
            (Mode::OneShot { .. }, Some(base_path)) => Some(Indexer::new(&base_path)),
            _ => None,
        };
        let sink = match &self.mode {
            Mode::OneShot { sink, .. } => Some(sink.as_ref()),
            Mode::Preview { .. } => None,
        };
        let indexing;
        let hand: Option<&Hand> = match (sink, &indexer) {
            (Some(sink), Some(indexer)) => {
                indexing = move |file: OutputFile| {
                    indexer.add(&file);
                    sink(file)
                };
                Some(&indexing)
            }
            (sink, _) => sink.map(|sink| sink as &Hand),
        };
        if self.kept.is_none() && site.config.markdown.highlight {
            self.kept = crate::markdown::Kept::open(&self.options.root);
        }
        let theme = &self.loaded.as_ref()?.theme;
        let options = RenderOptions {
            today: self.options.today,
            images: &self.images,
            kept: self.kept.as_ref(),
        };
        let cache = &mut self.render_cache;
        let output = render::render_with(site, theme, options, cache, plan, hand, diagnostics);
        Some((output, indexer))
    }

    /// After a good one-shot build, writes the highlighted code it used and
    /// made for the next build (see [`crate::markdown::Kept`]). The preview
    /// only reads it: writing the whole file after an edit would cost the
    /// edit more than highlighting its few blocks did.
    fn keep_highlighting(&self, diagnostics: &mut Diagnostics) {
        if let (Mode::OneShot { .. }, Some(kept)) = (&self.mode, &self.kept) {
            kept.keep(diagnostics);
        }
    }

    /// The page checks every build runs, then `--strict`.
    fn audit(&mut self, site: &Site, diagnostics: &mut Diagnostics) {
        diagnostics.extend(self.build_checks(site));
        if self.options.is_strict {
            diagnostics.make_strict();
        }
    }

    /// Finishes a one-shot build's search index and hands it to the sink,
    /// unless the build has failed.
    fn hand_search(&self, indexer: Option<Indexer>, diagnostics: &mut Diagnostics) {
        let (Some(indexer), Mode::OneShot { sink, .. }) = (indexer, &self.mode) else {
            return;
        };
        if !diagnostics.has_errors() {
            diagnostics.take(hand_bundle(indexer, sink.as_ref()));
        }
    }

    /// A build with errors. After a quick preview build the edited pages go
    /// back to their last good versions, so that the session is still the
    /// last good build's; the next build takes these changes up again.
    fn fail(
        &mut self,
        assembled: Assembled,
        changes: Vec<Change>,
        diagnostics: Diagnostics,
    ) -> Rebuild {
        let Assembled {
            mut site,
            is_quick,
            replaced,
        } = assembled;
        let counts = site.counts();
        if is_quick && self.is_preview() {
            for (language, target, page) in replaced {
                if let Some(site) = site.in_language_mut(language.as_deref()) {
                    site.set_target_page(target, page);
                }
            }
            self.site = Some(site);
            self.unbuilt = changes;
        } else {
            self.is_last_ok = false;
        }
        Rebuild::failed(diagnostics, counts)
    }

    /// A good build: its files and site become the last good ones, and the
    /// preview's search bundle follows. Returns the output paths whose
    /// bytes changed.
    fn finish(
        &mut self,
        site: Site,
        output: Output,
        plan: &Plan,
        diagnostics: &mut Diagnostics,
    ) -> Vec<String> {
        let mut changed = self.merge(output, plan);
        if matches!(
            self.mode,
            Mode::Preview {
                search: PreviewSearch::Kept(_)
            }
        ) {
            match self.reindex(&site.config.base_path) {
                Ok(bundle) => changed.extend(bundle),
                Err(error) => diagnostics.push(error),
            }
        }
        self.site = Some(site);
        self.is_last_ok = true;
        changed
    }

    /// Publishes the images of the site's content and the static images it shows.
    fn publish_images(
        &self,
        site: &Site,
        diagnostics: &mut Diagnostics,
    ) -> crate::images::Published {
        let statics: Vec<(String, std::path::PathBuf)> = self
            .loaded
            .iter()
            .flat_map(|loaded| image_statics(&loaded.theme))
            .collect();
        let root = &self.options.root;
        crate::images::publish(site, &statics, root, &self.images, diagnostics)
    }

    /// Starts again from nothing loaded, in the same mode.
    fn reset(&mut self) {
        let search = PreviewSearch::Deferred;
        let mode = std::mem::replace(&mut self.mode, Mode::Preview { search });
        *self = Session::with_mode(self.options.clone(), mode);
    }

    /// Loads what changed and assembles the site; `None` when config or theme is broken.
    fn prepare(&mut self, scope: &Scope, diagnostics: &mut Diagnostics) -> Option<Site> {
        let mut watch = crate::timing::Stopwatch::start("prepare");
        let root = self.options.root.clone();
        let config = self.load(scope, diagnostics)?;
        if scope.is_tree || self.sources.is_empty() {
            self.reload_tree(&root, diagnostics);
        } else {
            self.reload_files(&root, &scope.content, diagnostics);
        }
        watch.lap("load");
        let pages = self.parse(&config, diagnostics);
        watch.lap("parse");
        let mut assembly = Diagnostics::new();
        let mut site = content::languages::assemble_languages(
            config,
            pages,
            self.assets.clone(),
            self.options.is_drafts,
            &mut assembly,
        );
        self.assembly_warnings = assembly.iter().cloned().collect();
        diagnostics.extend(self.assembly_warnings.iter().cloned());
        site.unparsed = self
            .parsed
            .iter()
            .filter(|(_, r)| r.is_err())
            .map(|(p, _)| p.clone())
            .collect();
        watch.lap("assemble");
        for each in site.each_language() {
            review_warnings(each, self.options.today, diagnostics);
        }
        watch.lap("review");
        Some(site)
    }

    /// Loads the config and theme when there are none yet, and the theme
    /// again when `scope` says so; `None` when either is broken (the last
    /// good ones are kept). Returns the config.
    fn load(&mut self, scope: &Scope, diagnostics: &mut Diagnostics) -> Option<Config> {
        match &mut self.loaded {
            Some(loaded) if scope.is_theme => {
                loaded.theme = diagnostics.take(theme::load(&loaded.config))?;
            }
            Some(_) => {}
            None => {
                let base_url = self.options.base_url.as_deref();
                let config = diagnostics.take_all(config::load(&self.options.root, base_url))?;
                let theme = diagnostics.take(theme::load(&config))?;
                self.loaded = Some(Loaded { config, theme });
            }
        }
        Some(self.loaded.as_ref()?.config.clone())
    }

    /// Whether the loaded site is in one language. Pages of two languages
    /// share logical paths (`about.md` and `about.cy.md`), so a site in
    /// more than one is planned language by language (see
    /// `render::reach::compare_languages`).
    fn is_one_language(&self) -> bool {
        self.loaded
            .as_ref()
            .is_some_and(|l| l.config.languages.is_empty())
    }

    /// After a good build, the known pages the edit in `scope` read again,
    /// each parsed without error at the same place in the last site; `None`
    /// when that does not hold, and a full `prepare` must run.
    fn fresh_pages(&self, scope: &Scope) -> Option<Vec<Fresh>> {
        if !self.is_last_ok || scope.is_everything() || scope.content.is_empty() {
            return None;
        }
        // A page that failed to parse in a build stopped at its errors is
        // reported by a full `prepare`.
        if self.parsed.values().any(|parse| parse.is_err()) {
            return None;
        }
        let (config, site) = (&self.loaded.as_ref()?.config, self.site.as_ref()?);
        let mut fresh = Vec::new();
        for path in &scope.content {
            // A translation (`about.cy.md`) is a page of its language's site.
            let (logical, language) = content::languages::split_path(path, config).ok()?;
            let in_language = site.in_language(language.as_deref())?;
            let target = *in_language.targets.get(&logical)?;
            let source = content::load::read_one(&self.options.root, path).ok()??;
            let (_, parsed) = content::parse_each(vec![source], config).pop()?;
            let (page, warnings) = parsed.ok()?;
            let old = in_language.target_page(target);
            if page.path != old.path {
                return None;
            }
            let is_same_front = page.text[..page.body_start] == old.text[..old.body_start];
            let (path, page) = (path.clone(), Arc::new(page));
            fresh.push(Fresh {
                path,
                language,
                target,
                page,
                warnings,
                is_same_front,
            });
        }
        Some(fresh)
    }

    /// Edits to known pages that leave their front matter byte for byte as
    /// it was change nothing that assembly works out: the new parses go
    /// into the last site in place, and the diagnostics are those a full
    /// `prepare` would give.
    fn quick_site(
        &mut self,
        fresh: Vec<Fresh>,
        diagnostics: &mut Diagnostics,
    ) -> Option<(Site, Replaced)> {
        let mut site = self.site.take()?;
        let mut replaced = Vec::with_capacity(fresh.len());
        for each in fresh {
            let in_language = site.in_language_mut(each.language.as_deref())?;
            let old = in_language.set_target_page(each.target, Arc::clone(&each.page));
            replaced.push((each.language.clone(), each.target, old));
            self.keep_parse(each);
        }
        self.kept_problems(&site, diagnostics);
        Some((site, replaced))
    }

    /// Edits to known pages' front matter that keep the site's shape (see
    /// `content::patch`): the last site patched, which `plan` then compares
    /// with the last one, and the diagnostics a full `prepare` would give.
    /// `None` when the site must be assembled again.
    fn patched_site(&mut self, fresh: Vec<Fresh>, diagnostics: &mut Diagnostics) -> Option<Site> {
        let pages: Vec<(Option<String>, Arc<Page>)> = (fresh.iter())
            .map(|f| (f.language.clone(), Arc::clone(&f.page)))
            .collect();
        let (site, problems) = content::patch(self.site.as_ref()?, &pages)?;
        // The edited pages' own problems are found again; the rest stand.
        let edited: HashSet<&str> = pages.iter().map(|(_, p)| p.shown.as_str()).collect();
        let is_other = |e: &Error| !edited.contains(e.path.to_string_lossy().as_ref());
        self.assembly_warnings.retain(is_other);
        self.assembly_warnings.extend(problems);
        for each in fresh {
            self.keep_parse(each);
        }
        self.kept_problems(&site, diagnostics);
        Some(site)
    }

    /// The problems a full `prepare` of `site` would report, from what the
    /// session keeps: each file's parse problems, assembly's, and the
    /// review dates.
    fn kept_problems(&self, site: &Site, diagnostics: &mut Diagnostics) {
        self.parse_problems(diagnostics);
        diagnostics.extend(self.assembly_warnings.iter().cloned());
        review_warnings(site, self.options.today, diagnostics);
    }

    /// Takes a page read again as the session's parse of its file.
    fn keep_parse(&mut self, fresh: Fresh) {
        let Fresh {
            path,
            page,
            warnings,
            ..
        } = fresh;
        self.sources
            .insert(path.clone(), content::text_hash(&page.text));
        let stamp = stamp(&self.options.root, &path);
        self.stamps.insert(path.clone(), stamp);
        self.parsed.insert(path, Ok((page, warnings)));
    }

    fn reload_tree(&mut self, root: &Path, diagnostics: &mut Diagnostics) {
        let loaded = content::load(root, diagnostics);
        let mut fresh = BTreeMap::new();
        for source in loaded.sources {
            let hash = content::text_hash(&source.text);
            if self.sources.get(&source.path) != Some(&hash) {
                self.parsed.remove(&source.path);
                fresh.insert(source.path.clone(), hash);
                self.pending.push(source);
            } else {
                fresh.insert(source.path, hash);
            }
        }
        self.parsed.retain(|path, _| fresh.contains_key(path));
        self.sources = fresh;
        self.assets = loaded.assets;
        if self.is_preview() {
            let assets = self.assets.iter().map(|asset| &asset.path);
            self.stamps = stamps(root, self.sources.keys().chain(assets));
        }
    }

    /// The content files whose stamps changed although no change named
    /// them (the watcher can miss events, on network drives for one): a
    /// safety net. Markdown files are to be read again; any other file
    /// changes the content tree. The preview sweeps after each rebuild is
    /// served, so the edit it served never waits for a `stat` of every
    /// file; what the sweep finds is read with the next change. Empty
    /// outside the preview.
    pub fn sweep(&self) -> Vec<Change> {
        if self.stamps.is_empty() {
            return Vec::new();
        }
        use rayon::prelude::*;
        let root = &self.options.root;
        let (markdown, others): (Vec<String>, Vec<String>) = (self.stamps.par_iter())
            .filter(|(path, old)| stamp(root, path) != **old)
            .map(|(path, _)| path.clone())
            .partition(|path| crate::files::is_markdown(path));
        let mut missed = Vec::new();
        if !others.is_empty() {
            missed.push(Change::ContentTree);
        }
        if !markdown.is_empty() {
            missed.push(Change::Content(markdown));
        }
        missed
    }

    /// Settles the changes to content files other than markdown from the
    /// files the watcher named, without listing the folder: a file that
    /// came or went, or a known file beside a page whose stamp changed (a
    /// photo saved again), changes the content tree; a file that came and
    /// went between two looks (an editor's temporary file, renamed over
    /// the page it saves) changes nothing. The sweep after each rebuild
    /// catches what the watcher did not name. Outside the preview, or
    /// before a first build, it is a change to the tree.
    fn settle_files(&self, changes: &mut Vec<Change>) {
        let named: Vec<String> = changes
            .iter()
            .filter_map(|change| match change {
                Change::ContentFiles(paths) => Some(paths.clone()),
                _ => None,
            })
            .flatten()
            .collect();
        if named.is_empty() {
            return;
        }
        changes.retain(|change| !matches!(change, Change::ContentFiles(_)));
        if changes.contains(&Change::ContentTree) {
            return;
        }
        if self.stamps.is_empty() || named.iter().any(|path| self.is_tree_change(path)) {
            changes.push(Change::ContentTree);
        }
    }

    /// Whether what the watcher named at `path` under `content/` changes
    /// the content tree.
    fn is_tree_change(&self, path: &str) -> bool {
        let root = &self.options.root;
        match self.stamps.get(path) {
            // A known file: changed, or gone (no stamp).
            Some(known) => {
                let now = stamp(root, path);
                now.is_none() || now != *known
            }
            None => {
                // A file or folder that came, or a folder that went with
                // known files in it.
                let file = root.join(content::CONTENT_DIR).join(path);
                let folder = format!("{path}/");
                std::fs::symlink_metadata(file).is_ok()
                    || self.stamps.keys().any(|known| known.starts_with(&folder))
            }
        }
    }

    /// Drops a change to the content tree when no file came or went: an
    /// editor that saves by writing a new file and renaming it over the
    /// old one makes such a change, and so does a photo saved in place.
    /// The files' stamps then tell what changed (see [`Session::sweep`]),
    /// without reading every file.
    fn settle_tree(&self, changes: &mut Vec<Change>) {
        let is_tree = changes.contains(&Change::ContentTree);
        if self.stamps.is_empty() || !is_tree || !changes.iter().all(is_content) {
            return;
        }
        let Some(listed) = content::load::list(&self.options.root) else {
            return;
        };
        let known = self.stamps.iter().filter(|(_, stamp)| stamp.is_some());
        let known: HashSet<&String> = known.map(|(path, _)| path).collect();
        if listed.len() == known.len() && listed.iter().all(|path| known.contains(path)) {
            changes.retain(|change| *change != Change::ContentTree);
            let named: HashSet<String> = changes.iter().flat_map(content_paths).collect();
            for change in self.sweep() {
                match change {
                    Change::Content(paths) => {
                        let unnamed: Vec<String> =
                            paths.into_iter().filter(|p| !named.contains(p)).collect();
                        if !unnamed.is_empty() {
                            changes.push(Change::Content(unnamed));
                        }
                    }
                    other => changes.push(other),
                }
            }
        }
    }

    fn reload_files(&mut self, root: &Path, paths: &[String], diagnostics: &mut Diagnostics) {
        for path in paths {
            self.parsed.remove(path);
            self.sources.remove(path);
            if self.is_preview() {
                self.stamps.insert(path.clone(), stamp(root, path));
            }
            match content::load::read_one(root, path) {
                Ok(Some(source)) => {
                    self.sources
                        .insert(path.clone(), content::text_hash(&source.text));
                    self.pending.push(source);
                }
                Ok(None) => {}
                Err(error) => diagnostics.push(error),
            }
        }
    }

    /// Parses the files read since the last build, and returns every parsed page.
    fn parse(&mut self, config: &Config, diagnostics: &mut Diagnostics) -> Vec<Arc<Page>> {
        let pending = std::mem::take(&mut self.pending);
        for (path, result) in content::parse_each(pending, config) {
            self.parsed.insert(
                path,
                result.map(|(page, warnings)| (Arc::new(page), warnings)),
            );
        }
        self.parsed_pages(diagnostics)
    }

    /// Every parsed page in source order, reporting each file's parse
    /// warnings or error.
    fn parsed_pages(&self, diagnostics: &mut Diagnostics) -> Vec<Arc<Page>> {
        let mut pages = Vec::with_capacity(self.parsed.len());
        for path in self.sources.keys() {
            match self.parsed.get(path) {
                Some(Ok((page, warnings))) => {
                    diagnostics.extend(warnings.iter().cloned());
                    pages.push(Arc::clone(page));
                }
                Some(Err(errors)) => diagnostics.extend(errors.iter().cloned()),
                None => {}
            }
        }
        pages
    }

    /// Each file's parse warnings or error, as [`Self::parsed_pages`]
    /// reports them, without gathering the pages.
    fn parse_problems(&self, diagnostics: &mut Diagnostics) {
        for parse in self.parsed.values() {
            match parse {
                Ok((_, warnings)) => diagnostics.extend(warnings.iter().cloned()),
                Err(errors) => diagnostics.extend(errors.iter().cloned()),
            }
        }
    }

    /// The error-level checks of every page, reusing each page's findings
    /// while it is the same parse.
    fn build_checks(&mut self, site: &Site) -> Vec<Error> {
        use rayon::prelude::*;
        let pages: Vec<&Arc<Page>> = std::iter::once(site)
            .chain(site.translations.iter())
            .flat_map(|site| {
                let pages = site.pages.iter().map(|e| &e.page);
                pages.chain(site.sections.iter().map(|e| &e.page))
            })
            .collect();
        let cache = &self.check_cache;
        let is_known = |page: &Arc<Page>| {
            cache
                .get(&page.shown)
                .is_some_and(|(seen, _)| Arc::ptr_eq(seen, page))
        };
        let found: Vec<(Arc<Page>, Vec<Error>)> = pages
            .par_iter()
            .filter(|page| !is_known(page))
            .map(|page| {
                let errors = crate::audit::page_build_checks(page, &site.config);
                (Arc::clone(page), errors)
            })
            .collect();
        for (page, errors) in found {
            self.check_cache.insert(page.shown.clone(), (page, errors));
        }
        if self.check_cache.len() > pages.len() {
            let wanted: std::collections::HashSet<&str> =
                pages.iter().map(|page| page.shown.as_str()).collect();
            self.check_cache
                .retain(|path, _| wanted.contains(path.as_str()));
        }
        pages
            .iter()
            .flat_map(|page| self.check_cache[&page.shown].1.iter().cloned())
            .collect()
    }

    /// Everything, unless only the pages read again changed since a good
    /// build: then their own files when only bodies changed, or what shows
    /// them when their front matter changed but not the site's shape (see
    /// [`render::reach::compare`]).
    fn plan(&self, site: &Site, scope: &Scope) -> Plan {
        if !self.is_last_ok || scope.is_everything() {
            return Plan::All;
        }
        let Some(last) = &self.site else {
            return Plan::All;
        };
        let read: HashSet<String> = scope.content.iter().cloned().collect();
        let plan = match self.is_one_language() {
            true => render::reach::compare(last, site, &read),
            false => render::reach::compare_languages(last, site, &read),
        };
        plan.unwrap_or(Plan::All)
    }

    /// The base path to index the site under, when its theme has a search page.
    pub fn search_base_path(&self) -> Option<String> {
        let Loaded { config, theme } = self.loaded.as_ref()?;
        let is_wanted = config.search && theme.templates.contains_key("search.html");
        is_wanted.then(|| config.base_path.clone())
    }

    /// Indexes the pages in memory again and swaps the new search bundle
    /// in; returns the bundle's paths whose bytes changed.
    fn reindex(&mut self, base_path: &str) -> Result<Vec<String>, Error> {
        if self.search_base_path().is_none() {
            return Ok(Vec::new());
        }
        let Mode::Preview {
            search: PreviewSearch::Kept(kept),
        } = &mut self.mode
        else {
            return Ok(Vec::new());
        };
        let cache = match kept.take() {
            Some(cache) if cache.is_for(base_path) => cache,
            _ => crate::search::Cache::new(base_path),
        };
        let bundle = kept.insert(cache).index(self.files.values())?;
        let prefix = format!("{}/", crate::search::BUNDLE_DIR);
        let fresh: BTreeMap<String, Arc<OutputFile>> = bundle
            .into_iter()
            .map(|file| (file.path.clone(), Arc::new(file)))
            .collect();
        let stale: Vec<String> = self
            .files
            .keys()
            .filter(|path| path.starts_with(&prefix) && !fresh.contains_key(*path))
            .cloned()
            .collect();
        for path in &stale {
            self.files.remove(path);
        }
        let mut changed = stale;
        for (path, file) in fresh {
            if self.files.get(&path).is_none_or(|old| **old != *file) {
                changed.push(path.clone());
            }
            self.files.insert(path, file);
        }
        Ok(changed)
    }

    /// Takes the new files in; returns the output paths whose bytes changed.
    fn merge(&mut self, output: Output, plan: &Plan) -> Vec<String> {
        let mut changed = Vec::new();
        let mut fresh = match plan {
            Plan::All => BTreeMap::new(),
            Plan::Only(_) | Plan::Fronts(_) => std::mem::take(&mut self.files),
        };
        // The edited terms' files are all made again (`Fronts::terms` are
        // output paths, `cy/topics/care/`): those not made are gone.
        let gone: BTreeMap<String, Arc<OutputFile>> = match plan {
            Plan::Fronts(fronts) => {
                let (gone, kept) = std::mem::take(&mut fresh)
                    .into_iter()
                    .partition(|(path, _)| fronts.terms.iter().any(|t| path.starts_with(t)));
                fresh = kept;
                gone
            }
            _ => BTreeMap::new(),
        };
        for file in output.files {
            let old = self.files.get(&file.path).or_else(|| fresh.get(&file.path));
            let old = old.or_else(|| gone.get(&file.path));
            if old.is_none_or(|old| **old != file) {
                changed.push(file.path.clone());
            }
            fresh.insert(file.path.clone(), Arc::new(file));
        }
        changed.extend(gone.into_keys().filter(|path| !fresh.contains_key(path)));
        if *plan == Plan::All {
            changed.extend(
                self.files
                    .keys()
                    .filter(|path| !fresh.contains_key(*path))
                    .cloned(),
            );
        }
        self.files = fresh;
        changed
    }
}

/// Finishes the search index of a one-shot build and hands its files to
/// the sink, in parallel.
fn hand_bundle(indexer: crate::search::Indexer, sink: &Sink) -> Result<(), Error> {
    use rayon::prelude::*;
    let bundle = indexer.finish()?;
    bundle
        .into_par_iter()
        .try_for_each(|file| sink(file).map(drop))
}

/// The content files a change names.
fn content_paths(change: &Change) -> Vec<String> {
    match change {
        Change::Content(paths) => paths.clone(),
        _ => Vec::new(),
    }
}

/// Whether a change is to the content folder alone.
fn is_content(change: &Change) -> bool {
    matches!(
        change,
        Change::Content(_) | Change::ContentFiles(_) | Change::ContentTree
    )
}

/// A file's length and modification time, or `None` when it cannot be
/// read: an edit changes it.
type Stamp = Option<(u64, std::time::SystemTime)>;

/// The stamp of the file at `path` under `content/`.
fn stamp(root: &Path, path: &str) -> Stamp {
    let metadata = std::fs::metadata(root.join(content::CONTENT_DIR).join(path)).ok()?;
    Some((metadata.len(), metadata.modified().ok()?))
}

/// The stamps of the files at `paths` under `content/`, taken in parallel.
fn stamps<'a>(root: &Path, paths: impl Iterator<Item = &'a String>) -> HashMap<String, Stamp> {
    use rayon::prelude::*;
    let paths: Vec<&String> = paths.collect();
    paths
        .into_par_iter()
        .map(|path| (path.clone(), stamp(root, path)))
        .collect()
}

/// Which stages a set of changes touches.
#[derive(Debug, Default)]
struct Scope {
    is_config: bool,
    is_theme: bool,
    is_tree: bool,
    content: Vec<String>,
}

impl Scope {
    fn from_changes(changes: &[Change], is_first: bool) -> Self {
        let mut scope = Scope {
            is_config: is_first,
            ..Scope::default()
        };
        for change in changes {
            match change {
                Change::Content(paths) => scope.content.extend(paths.iter().cloned()),
                Change::ContentTree | Change::ContentFiles(_) => scope.is_tree = true,
                Change::Templates | Change::Static => scope.is_theme = true,
                Change::Everything => scope.is_config = true,
            }
        }
        scope.content.sort();
        scope.content.dedup();
        scope
    }

    fn is_everything(&self) -> bool {
        self.is_config || self.is_theme || self.is_tree
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scope_reads_changes() {
        let scope = Scope::from_changes(
            &[Change::Content(vec![
                "b.md".into(),
                "a.md".into(),
                "b.md".into(),
            ])],
            false,
        );
        assert_eq!(scope.content, ["a.md", "b.md"]);
        assert!(!scope.is_everything());
        assert!(Scope::from_changes(&[Change::Static], false).is_everything());
        assert!(Scope::from_changes(&[], true).is_everything());
    }
}
