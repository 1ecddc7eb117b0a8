//! A build session: the pipeline with each stage's results kept between builds.
//!
//! `hearth build` runs one session once, from empty caches. The preview
//! server keeps a session alive and tells it what changed: a page edit
//! re-reads and re-parses that file, reuses every other rendered body whose
//! text and link targets are unchanged, and, when nothing that listings show
//! has changed, renders only that page's own files. A template or static
//! edit re-renders without re-parsing; a config edit starts again. Whatever
//! was reused, the result is the same as a full build: a test compares them.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::sync::Arc;

use crate::build::{self, BuildOptions};
use crate::config::{self, Config};
use crate::content::{self, Asset, Page, Site, Source, Target};
use crate::error::{Diagnostics, Error};
use crate::render::{self, theme, Output, OutputFile, Plan, RenderCache, RenderOptions};

/// What changed since the last build.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// Markdown files, by path relative to `content/`.
    Content(Vec<String>),
    /// Anything else under `content/` (files beside pages, folders).
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
            counts,
        }
    }
}

/// A parsed page, shared with the site, with its warnings; or why it failed.
type SharedParse = Result<(Arc<Page>, Vec<Error>), Vec<Error>>;

/// The pages a quick rebuild replaced in the last good site, as they were.
type Replaced = Vec<(Target, Arc<Page>)>;

/// The pipeline, with its caches.
pub struct Session {
    options: BuildOptions,
    config: Option<Config>,
    theme: Option<theme::Theme>,
    sources: BTreeMap<String, u64>,
    pending: Vec<Source>,
    assets: Vec<Asset>,
    parsed: HashMap<String, SharedParse>,
    render_cache: RenderCache,
    check_cache: HashMap<String, (Arc<Page>, Vec<Error>)>,
    fingerprints: HashMap<String, u64>,
    assembly_warnings: Vec<Error>,
    files: BTreeMap<String, Arc<OutputFile>>,
    site: Option<Site>,
    sink: Option<Box<render::Sink>>,
    progress: Option<Arc<Progress>>,
    is_search_deferred: bool,
    /// The preview's search index, kept between builds: only the pages a
    /// build changed are read again.
    search_cache: Option<crate::search::Cache>,
    /// Whether what the session holds (site, files, fingerprints, render
    /// cache) is a good build's, so that the next build can start from it.
    is_last_ok: bool,
    /// The images of the last build, published at several sizes.
    images: crate::images::Published,
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

impl Session {
    /// A session with nothing built yet.
    pub fn new(options: BuildOptions) -> Self {
        Session {
            options,
            config: None,
            theme: None,
            sources: BTreeMap::new(),
            pending: Vec::new(),
            assets: Vec::new(),
            parsed: HashMap::new(),
            render_cache: RenderCache::default(),
            check_cache: HashMap::new(),
            fingerprints: HashMap::new(),
            assembly_warnings: Vec::new(),
            files: BTreeMap::new(),
            site: None,
            sink: None,
            progress: None,
            is_search_deferred: false,
            search_cache: None,
            is_last_ok: false,
            unbuilt: Vec::new(),
            images: crate::images::Published::default(),
        }
    }

    /// Leaves the search index to the caller (the preview server builds it in
    /// the background, so that an edit is served at once).
    pub fn with_search_deferred(mut self) -> Self {
        self.is_search_deferred = true;
        self
    }

    /// Reports the number of pages to render to `progress` once it is known.
    pub fn with_progress(mut self, progress: Arc<Progress>) -> Self {
        self.progress = Some(progress);
        self
    }

    /// Hands every rendered file to `sink` instead of keeping it (for `hearth build`).
    pub fn with_sink(mut self, sink: Box<render::Sink>) -> Self {
        self.sink = Some(sink);
        self
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
        Some((site, self.theme?))
    }

    /// Builds again after `changes`; the first call builds everything.
    pub fn rebuild(&mut self, changes: &[Change]) -> Rebuild {
        let mut watch = crate::timing::Stopwatch::start("rebuild");
        let mut diagnostics = Diagnostics::new();
        let mut changes_now = std::mem::take(&mut self.unbuilt);
        changes_now.extend_from_slice(changes);
        let scope = Scope::from_changes(&changes_now, self.config.is_none());
        if scope.is_config {
            self.reset();
        }
        let (quick, replaced) = match self.quick_site(&scope, &mut diagnostics) {
            Some((site, replaced)) => (Some(site), replaced),
            None => (None, Vec::new()),
        };
        let is_quick = quick.is_some();
        let Some(mut site) = quick.or_else(|| self.prepare(&scope, &mut diagnostics)) else {
            self.is_last_ok = false;
            return Rebuild::failed(diagnostics, (0, 0));
        };
        // The preview reports errors in the sources as soon as they are
        // found: rendering every page first would only delay the report on
        // a large site. What the session holds is still the last good
        // build's, so the build after the fix starts from it, with these
        // changes too. `hearth build` goes on, to collect every error.
        if self.sink.is_none() && self.is_last_ok && !is_quick && diagnostics.has_errors() {
            self.unbuilt = changes_now;
            return Rebuild::failed(diagnostics, (site.pages.len(), site.sections.len()));
        }
        if let Some(progress) = &self.progress {
            let total = site.pages.len() + site.sections.len();
            progress
                .total
                .store(total, std::sync::atomic::Ordering::Relaxed);
        }
        watch.lap("prepare");
        // Only a quick build (page bodies edited) can keep the last images.
        if !is_quick {
            self.images = self.publish_images(&site, &mut diagnostics);
            watch.lap("images");
        }
        let (plan, prints) = if is_quick {
            let plan = Plan::Only(scope.content.iter().cloned().collect());
            (plan, None)
        } else if self.sink.is_some() {
            // A one-shot build: there is no next build to compare with.
            (Plan::All, None)
        } else {
            let prints = fingerprints(&site);
            (self.plan(&prints, &scope), Some(prints))
        };
        watch.lap("plan");
        let theme = self.theme.as_ref().expect("prepare loads the theme");
        let options = RenderOptions {
            today: self.options.today,
            images: &self.images,
        };
        // A one-shot build indexes each page for search as it is rendered.
        let indexer = match (&self.sink, self.search_base_path()) {
            (Some(_), Some(base_path)) => Some(crate::search::Indexer::new(&base_path)),
            _ => None,
        };
        let indexing;
        let sink: Option<&render::Hand> = match (self.sink.as_deref(), &indexer) {
            (Some(sink), Some(indexer)) => {
                indexing = move |file: OutputFile| {
                    indexer.add(&file);
                    sink(file)
                };
                Some(&indexing)
            }
            (sink, _) => sink.map(|sink| sink as &render::Hand),
        };
        let cache = &mut self.render_cache;
        let output =
            render::render_with(&site, theme, options, cache, &plan, sink, &mut diagnostics);
        watch.lap("render");
        diagnostics.extend(self.build_checks(&site));
        watch.lap("checks");
        if self.options.is_strict {
            diagnostics.make_strict();
        }
        let counts = (site.pages.len(), site.sections.len());
        if let (Some(indexer), Some(sink)) = (indexer, self.sink.as_deref()) {
            if !diagnostics.has_errors() {
                diagnostics.take(hand_bundle(indexer, sink));
                watch.lap("search");
            }
        }
        if diagnostics.has_errors() {
            if is_quick && self.sink.is_none() {
                // The edited pages go back to their last good versions, so
                // that the session is still the last good build's; the next
                // build takes these changes up again.
                for (target, page) in replaced {
                    site.set_target_page(target, page);
                }
                self.site = Some(site);
                self.unbuilt = changes_now;
            } else {
                self.is_last_ok = false;
            }
            return Rebuild::failed(diagnostics, counts);
        }
        if let Some(prints) = prints {
            self.fingerprints = prints;
        }
        let mut changed = self.merge(output, &plan);
        watch.lap("merge");
        if self.sink.is_none() && !self.is_search_deferred {
            match self.reindex(&site.config.base_path) {
                Ok(bundle) => changed.extend(bundle),
                Err(error) => diagnostics.push(error),
            }
        }
        self.site = Some(site);
        self.is_last_ok = true;
        Rebuild {
            diagnostics,
            is_ok: true,
            changed,
            counts,
        }
    }

    /// Publishes the images of the site's content and the static images it shows.
    fn publish_images(
        &self,
        site: &Site,
        diagnostics: &mut Diagnostics,
    ) -> crate::images::Published {
        let statics: Vec<(String, std::path::PathBuf)> = self
            .theme
            .iter()
            .flat_map(|theme| &theme.statics)
            .filter_map(|(path, (bytes, _))| match bytes {
                theme::Bytes::File(file) => Some((path.clone(), file.clone())),
                theme::Bytes::Embedded(_) => None,
            })
            .collect();
        let root = &self.options.root;
        crate::images::publish(site, &statics, root, &self.images, diagnostics)
    }

    fn reset(&mut self) {
        let options = self.options.clone();
        let sink = self.sink.take();
        let (progress, is_search_deferred) = (self.progress.take(), self.is_search_deferred);
        let search_cache = self.search_cache.take();
        *self = Session::new(options);
        self.sink = sink;
        self.progress = progress;
        self.is_search_deferred = is_search_deferred;
        self.search_cache = search_cache;
    }

    /// Loads what changed and assembles the site; `None` when config or theme is broken.
    fn prepare(&mut self, scope: &Scope, diagnostics: &mut Diagnostics) -> Option<Site> {
        let mut watch = crate::timing::Stopwatch::start("prepare");
        let root = self.options.root.clone();
        if self.config.is_none() {
            self.config =
                Some(diagnostics.take_all(config::load(&root, self.options.base_url.as_deref()))?);
        }
        let config = self.config.clone().expect("loaded above");
        if self.theme.is_none() || scope.is_theme {
            self.theme = Some(diagnostics.take(theme::load(&config))?);
        }
        if scope.is_tree || self.sources.is_empty() {
            self.reload_tree(&root, diagnostics);
        } else {
            self.reload_files(&root, &scope.content, diagnostics);
        }
        watch.lap("load");
        let pages = self.parse(&config, diagnostics);
        watch.lap("parse");
        let mut assembly = Diagnostics::new();
        let mut site = content::assemble(
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
        build::review_warnings(&site, self.options.today, diagnostics);
        watch.lap("review");
        Some(site)
    }

    /// After a good build, edits to known pages that leave their front
    /// matter byte for byte as it was change nothing that assembly works
    /// out: the new parses go into the last site in place, and the
    /// diagnostics are those a full `prepare` would give. `None` when that
    /// does not hold, and a full `prepare` must run.
    fn quick_site(
        &mut self,
        scope: &Scope,
        diagnostics: &mut Diagnostics,
    ) -> Option<(Site, Replaced)> {
        if !self.is_last_ok || scope.is_everything() || scope.content.is_empty() {
            return None;
        }
        // A page that failed to parse in a build stopped at its errors is
        // reported by a full `prepare`.
        if self.parsed.values().any(|parse| parse.is_err()) {
            return None;
        }
        let (config, site) = (self.config.as_ref()?, self.site.as_ref()?);
        let mut fresh = Vec::new();
        for path in &scope.content {
            let target = *site.targets.get(path)?;
            let source = content::load::read_one(&self.options.root, path).ok()??;
            let (_, parsed) = content::parse_each(vec![source], config).pop()?;
            let (page, warnings) = parsed.ok()?;
            let old = site.target_page(target);
            if page.path != old.path || page.text[..page.body_start] != old.text[..old.body_start] {
                return None;
            }
            fresh.push((target, Arc::new(page), warnings));
        }
        let mut site = self.site.take()?;
        let mut replaced = Vec::with_capacity(fresh.len());
        for (target, page, warnings) in fresh {
            replaced.push((target, site.set_target_page(target, Arc::clone(&page))));
            let path = page.path.clone();
            self.sources
                .insert(path.clone(), content::text_hash(&page.text));
            self.parsed.insert(path, Ok((page, warnings)));
        }
        self.parsed_pages(diagnostics);
        diagnostics.extend(self.assembly_warnings.iter().cloned());
        build::review_warnings(&site, self.options.today, diagnostics);
        Some((site, replaced))
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
    }

    fn reload_files(&mut self, root: &Path, paths: &[String], diagnostics: &mut Diagnostics) {
        for path in paths {
            self.parsed.remove(path);
            self.sources.remove(path);
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

    /// The error-level checks of every page, reusing each page's findings
    /// while it is the same parse.
    fn build_checks(&mut self, site: &Site) -> Vec<Error> {
        use rayon::prelude::*;
        let pages: Vec<&Arc<Page>> = site
            .pages
            .iter()
            .map(|e| &e.page)
            .chain(site.sections.iter().map(|e| &e.page))
            .collect();
        let cache = &self.check_cache;
        let is_known = |page: &Arc<Page>| {
            cache
                .get(&page.path)
                .is_some_and(|(seen, _)| Arc::ptr_eq(seen, page))
        };
        let found: Vec<(Arc<Page>, Vec<Error>)> = pages
            .par_iter()
            .filter(|page| !is_known(page))
            .map(|page| {
                let errors = crate::check::page_build_checks(page, &site.config);
                (Arc::clone(page), errors)
            })
            .collect();
        for (page, errors) in found {
            self.check_cache.insert(page.path.clone(), (page, errors));
        }
        if self.check_cache.len() > pages.len() {
            let wanted: std::collections::HashSet<&str> =
                pages.iter().map(|page| page.path.as_str()).collect();
            self.check_cache
                .retain(|path, _| wanted.contains(path.as_str()));
        }
        pages
            .iter()
            .flat_map(|page| self.check_cache[&page.path].1.iter().cloned())
            .collect()
    }

    /// Everything, unless only the bodies of known pages changed since a good build.
    fn plan(&self, now: &HashMap<String, u64>, scope: &Scope) -> Plan {
        if !self.is_last_ok || scope.is_everything() {
            return Plan::All;
        }
        let same_pages = now.len() == self.fingerprints.len()
            && now
                .iter()
                .all(|(path, print)| self.fingerprints.get(path) == Some(print));
        if !same_pages {
            return Plan::All;
        }
        Plan::Only(scope.content.iter().cloned().collect())
    }

    /// The base path to index the site under, when its theme has a search page.
    pub fn search_base_path(&self) -> Option<String> {
        let theme = self.theme.as_ref()?;
        let config = self.config.as_ref()?;
        let is_wanted = config.search && theme.templates.contains_key("search.html");
        is_wanted.then(|| config.base_path.clone())
    }

    /// Indexes the pages in memory again and swaps the new search bundle
    /// in; returns the bundle's paths whose bytes changed.
    fn reindex(&mut self, base_path: &str) -> Result<Vec<String>, Error> {
        if self.search_base_path().is_none() {
            return Ok(Vec::new());
        }
        let cache = match self.search_cache.take() {
            Some(cache) if cache.is_for(base_path) => cache,
            _ => crate::search::Cache::new(base_path),
        };
        let cache = self.search_cache.insert(cache);
        let bundle = cache.index(self.files.values())?;
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
            Plan::Only(_) => std::mem::take(&mut self.files),
        };
        for file in output.files {
            let old = self.files.get(&file.path).or_else(|| fresh.get(&file.path));
            if old.is_none_or(|old| **old != file) {
                changed.push(file.path.clone());
            }
            fresh.insert(file.path.clone(), Arc::new(file));
        }
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
fn hand_bundle(indexer: crate::search::Indexer, sink: &render::Sink) -> Result<(), Error> {
    use rayon::prelude::*;
    let bundle = indexer.finish()?;
    bundle
        .into_par_iter()
        .try_for_each(|file| sink(file).map(drop))
}

/// Fingerprints of every page and section, by content path.
fn fingerprints(site: &Site) -> HashMap<String, u64> {
    let pages = site
        .pages
        .iter()
        .map(|e| (e.page.path.clone(), e.fingerprint()));
    let sections = site
        .sections
        .iter()
        .map(|e| (e.page.path.clone(), section_print(&e.page, &e.path)));
    pages.chain(sections).collect()
}

fn section_print(page: &Page, path: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    format!("{path}{:?}{:?}", page.front, page.taxonomies).hash(&mut hasher);
    hasher.finish()
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
                Change::ContentTree => scope.is_tree = true,
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
