//! Renders every markdown body in parallel and checks links between them.
//!
//! Bodies are rendered before any template, because a link's anchor can
//! only be checked once the target page's headings are known. A page whose
//! rendering panics inside a dependency becomes an error naming that page.

use std::collections::{HashMap, HashSet};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Arc;

use rayon::prelude::*;

use super::Changed;
use crate::config::RawHtml;
use crate::content::{self, kinds::Kind, Page, Site, Target};
use crate::error::{Diagnostics, Error, ErrorKind};
use crate::i18n::{Arg, Translator};
use crate::images::Pictures;
use crate::markdown::{self, pictures, Input, Kept, Options, Rendered, Resolver};

/// Rendered bodies, in the order of `site.pages` and `site.sections`.
#[derive(Default)]
pub struct Bodies {
    /// One per page.
    pub pages: Vec<Arc<Rendered>>,
    /// One per section.
    pub sections: Vec<Arc<Rendered>>,
}

/// A rendered body kept between builds, with what it was rendered from.
#[derive(Debug, Clone)]
pub struct CachedBody {
    source: std::sync::Weak<Page>,
    text_hash: u64,
    rendered: Arc<Rendered>,
    problems: Vec<Error>,
}

/// Rendered bodies by content path, reused while a page's text and the
/// targets of its links stay the same.
pub type BodyCache = HashMap<String, CachedBody>;

/// Resolves links over the assembled site.
pub struct SiteResolver<'s> {
    site: &'s Site,
    assets: HashMap<&'s str, &'s str>,
    pictures: Option<&'s Pictures>,
    words: Option<&'s Translator>,
    kept: Option<&'s Kept>,
}

/// What bodies are rendered with besides the site: how to show its
/// images, the words of its language, and the highlighting kept from
/// earlier builds.
#[derive(Clone, Copy)]
pub struct Lookups<'s> {
    pub pictures: &'s Pictures,
    pub words: &'s Translator,
    pub kept: Option<&'s Kept>,
}

impl<'s> Lookups<'s> {
    /// A resolver over `site` with these lookups.
    pub fn resolver(&self, site: &'s Site) -> SiteResolver<'s> {
        SiteResolver::new(site)
            .with_pictures(self.pictures)
            .with_words(self.words)
            .with_highlighting(self.kept)
    }
}

impl<'s> SiteResolver<'s> {
    /// Indexes the site's files.
    pub fn new(site: &'s Site) -> Self {
        let assets = site
            .assets
            .iter()
            .map(|(asset, output)| (asset.path.as_str(), output.as_str()))
            .collect();
        SiteResolver {
            site,
            assets,
            pictures: None,
            words: None,
            kept: None,
        }
    }

    /// Takes highlighted code from `kept`, and keeps what it makes there.
    pub fn with_highlighting(mut self, kept: Option<&'s Kept>) -> Self {
        self.kept = kept;
        self
    }

    /// Labels what markdown adds (a block's `Solution`) in the language of `words`.
    pub fn with_words(mut self, words: &'s Translator) -> Self {
        self.words = Some(words);
        self
    }

    /// Shows images at the sizes the images stage published.
    pub fn with_pictures(mut self, pictures: &'s Pictures) -> Self {
        self.pictures = Some(pictures);
        self
    }

    /// The published images this resolver shows.
    pub fn pictures(&self) -> Option<&'s Pictures> {
        self.pictures
    }

    /// The content path nearest to `path`, when one is a typo away: at most
    /// three letters added, dropped or changed, and fewer than a quarter,
    /// not counting capitals.
    pub fn nearest(&self, path: &str) -> Option<&'s str> {
        let letters = path.chars().count();
        let most = 3.min(letters.saturating_sub(1) / 4);
        let pages = self.site.targets.keys().map(String::as_str);
        // Capitals do not count, so that `IMG/Map.png` finds `img/map.png`
        // (a file name that works on a laptop that ignores case, and not
        // on the web server); of two as near, the one closer as written
        // wins. Levenshtein counts letters, so the quick length test must too.
        let lower = path.to_lowercase();
        pages
            .chain(self.assets.keys().copied())
            .filter(|candidate| candidate.chars().count().abs_diff(letters) <= most)
            .map(|candidate| {
                let distance = strsim::levenshtein(&lower, &candidate.to_lowercase());
                (distance, strsim::levenshtein(path, candidate), candidate)
            })
            .filter(|&(distance, _, _)| distance <= most)
            .min()
            .map(|(_, _, candidate)| candidate)
    }

    /// What to do about a front matter link that `front_link` could not
    /// resolve: the page a typo away, when there is one.
    pub fn front_link_help(&self, from: &str, url: &str, otherwise: &str) -> String {
        match markdown::links::classify(url, from) {
            markdown::links::LinkTarget::Content(path, _) => match self.nearest(&path) {
                Some(near) => format!("did you mean @/{near}?"),
                None => otherwise.to_string(),
            },
            _ => otherwise.to_string(),
        }
    }

    /// Resolves a link written in front matter (`@/x.md`, `/about/`, a URL).
    pub fn front_link(&self, from: &str, url: &str) -> Option<String> {
        match markdown::links::classify(url, from) {
            markdown::links::LinkTarget::Content(path, anchor) => {
                let fragment = anchor.map(|a| format!("#{a}")).unwrap_or_default();
                self.content_url(&path).ok().map(|u| u + &fragment)
            }
            markdown::links::LinkTarget::SitePath(path) => Some(self.site_url(&path)),
            markdown::links::LinkTarget::External | markdown::links::LinkTarget::SamePage(_) => {
                Some(url.to_string())
            }
            _ => None,
        }
    }
}

impl Resolver for SiteResolver<'_> {
    fn content_url(&self, content_path: &str) -> Result<String, String> {
        let path = content_path.trim_end_matches('/');
        let index = format!("{path}/_index.md");
        let folder = if path.is_empty() {
            "_index.md"
        } else {
            index.as_str()
        };
        if let Some(target) = self
            .site
            .targets
            .get(path)
            .or_else(|| self.site.targets.get(folder))
        {
            return Ok(self.site.url(self.site.target_path(*target)));
        }
        if let Some(output) = self.assets.get(path) {
            return Ok(self.site.url(output));
        }
        // A page with no counterpart in this language: the default
        // language's version.
        if let Some(url) = self
            .site
            .fallback
            .get(path)
            .or_else(|| self.site.fallback.get(folder))
        {
            return Ok(url.clone());
        }
        if self.site.unparsed.contains(path) {
            return Ok("#".to_string());
        }
        if self.site.drafts.contains(path) {
            return Err(format!(
                "content/{path} is a draft, left out unless you build with --drafts"
            ));
        }
        match self.nearest(path) {
            Some(near) => Err(format!(
                "there is no file content/{path}; did you mean content/{near}?"
            )),
            None => Err(format!("there is no file content/{path}")),
        }
    }

    fn site_url(&self, path: &str) -> String {
        let base = &self.site.config.base_path;
        if base != "/" && path.starts_with(base.as_str()) {
            return path.to_string();
        }
        self.site.url(path.trim_start_matches('/'))
    }

    fn picture(&self, path: &str) -> Option<&pictures::Shown> {
        self.pictures?.get(path)
    }

    fn kept_highlighting(&self) -> Option<&Kept> {
        self.kept
    }

    fn label(&self, key: &str, number: Option<usize>) -> Option<String> {
        let args: Vec<(&str, Arg)> = number
            .map(|n| ("number", Arg::Number(n as f64)))
            .into_iter()
            .collect();
        self.words?.text(key, &args)
    }
}

/// The markdown options a site's config asks for.
pub fn options(site: &Site) -> Options {
    Options {
        is_smart_punctuation: site.config.markdown.smart_punctuation,
        is_highlighting: site.config.markdown.highlight,
        is_html_trusted: site.config.markdown.raw_html == RawHtml::Trusted,
    }
}

/// Renders inline markdown from a front matter field; problems point at the field.
pub fn inline(
    resolver: &SiteResolver,
    page: &Page,
    field: &str,
    text: &str,
) -> (String, Vec<Error>) {
    let rendered = markdown::inline(text, &page.path, options(resolver.site), resolver);
    let index = page.line_index();
    let errors = rendered
        .problems
        .iter()
        .filter(|p| p.severity == crate::error::Severity::Error)
        .map(|p| {
            Error::new(p.kind, &page.shown, format!("in `{field}`: {}", p.message))
                .at(&index, page.key_line(field), 1)
                .with_help(p.help.clone())
        })
        .collect();
    (rendered.html, errors)
}

/// Renders a body again for showing inside another page (a course's print view).
pub fn scoped(resolver: &SiteResolver, page: &Page, scope: markdown::Scope) -> String {
    let site = resolver.site;
    let input = Input {
        body: page.body(),
        path: &page.path,
        references: &[],
        scope: Some(scope),
    };
    catch_unwind(AssertUnwindSafe(|| {
        markdown::render(&input, options(site), resolver).html
    }))
    .unwrap_or_default()
}

/// Renders every body, reporting problems against each file, and refreshes
/// `cache`. Without `changed`, a cached body is reused when its text and link
/// targets are unchanged. With `changed` (body-only edits, so every link
/// target is as it was), every body but those is reused as it is, and only
/// the anchors that could have broken are checked again.
pub fn render_all(
    site: &Site,
    lookups: &Lookups,
    cache: &mut BodyCache,
    changed: Option<&Changed>,
    diagnostics: &mut Diagnostics,
) -> Bodies {
    let resolver = lookups.resolver(site);
    let options = options(site);
    let entries = site
        .pages
        .iter()
        .enumerate()
        .map(|(i, e)| (&e.page, Some(&e.kind), Target::Page(i)))
        .chain(
            site.sections
                .iter()
                .enumerate()
                .map(|(i, e)| (&e.page, None, Target::Section(i))),
        );
    let old: &BodyCache = cache;
    let fresh: Vec<(&Arc<Page>, CachedBody)> = match changed {
        Some(changed) => entries
            .filter(|(page, _, target)| changed.contains(*target) || !old.contains_key(&page.path))
            .par_bridge()
            .map(|(page, kind, _)| (page, render_one(page, kind, options, &resolver)))
            .collect(),
        None => entries
            .par_bridge()
            .map(|(page, kind, _)| {
                let body = reusable(old, page, &resolver)
                    .unwrap_or_else(|| render_one(page, kind, options, &resolver));
                (page, body)
            })
            .collect(),
    };
    if changed.is_none() {
        cache.clear();
    }
    for (page, body) in fresh {
        cache.insert(page.path.clone(), body);
    }
    let mut take = |page: &Arc<Page>| {
        let body = &cache[&page.path];
        diagnostics.extend(body.problems.iter().cloned());
        Arc::clone(&body.rendered)
    };
    let bodies = Bodies {
        pages: site.pages.iter().map(|e| take(&e.page)).collect(),
        sections: site.sections.iter().map(|e| take(&e.page)).collect(),
    };
    check_anchors(site, &bodies, changed, diagnostics);
    bodies
}

/// Renders every section's body, reporting its problems (see [`render_streaming`]).
pub fn render_sections(
    site: &Site,
    lookups: &Lookups,
    diagnostics: &mut Diagnostics,
) -> Vec<Arc<Rendered>> {
    let resolver = lookups.resolver(site);
    let options = options(site);
    let made: Vec<(Rendered, Vec<Error>)> = site
        .sections
        .par_iter()
        .map(|e| render_fresh(&e.page, None, options, &resolver))
        .collect();
    made.into_iter()
        .map(|(rendered, problems)| {
            diagnostics.extend(problems);
            Arc::new(rendered)
        })
        .collect()
}

/// Renders every page's body and hands it straight to `each` (which renders
/// the page around it and writes it out), keeping afterwards only what
/// later stages use: the HTML of the pages in `keep`, and every page's
/// headings, ids and links. Problems are reported and anchors checked as
/// [`render_all`] does; `sections` come from [`render_sections`].
pub fn render_streaming<R: Send>(
    site: &Site,
    lookups: &Lookups,
    sections: Vec<Arc<Rendered>>,
    keep: &HashSet<usize>,
    diagnostics: &mut Diagnostics,
    each: impl Fn(usize, &Rendered) -> R + Sync,
) -> (Bodies, Vec<R>) {
    let resolver = lookups.resolver(site);
    let options = options(site);
    let made: Vec<(Arc<Rendered>, Vec<Error>, R)> = site
        .pages
        .par_iter()
        .enumerate()
        .map(|(index, entry)| {
            let (rendered, problems) =
                render_fresh(&entry.page, Some(&entry.kind), options, &resolver);
            let result = each(index, &rendered);
            let kept = if keep.contains(&index) {
                rendered
            } else {
                Rendered {
                    html: String::new(),
                    resolved: Vec::new(),
                    ..rendered
                }
            };
            (Arc::new(kept), problems, result)
        })
        .collect();
    let mut pages = Vec::with_capacity(made.len());
    let mut results = Vec::with_capacity(made.len());
    for (rendered, problems, result) in made {
        diagnostics.extend(problems);
        pages.push(rendered);
        results.push(result);
    }
    let bodies = Bodies { pages, sections };
    check_anchors(site, &bodies, None, diagnostics);
    (bodies, results)
}

/// The cached body of a page, when its text and every link target are unchanged.
fn reusable(cache: &BodyCache, page: &Arc<Page>, resolver: &SiteResolver) -> Option<CachedBody> {
    let cached = cache.get(&page.path)?;
    let is_same_parse = cached
        .source
        .upgrade()
        .is_some_and(|source| Arc::ptr_eq(&source, page));
    let is_same = (is_same_parse || cached.text_hash == content::text_hash(&page.text))
        && cached
            .rendered
            .resolved
            .iter()
            .all(|(path, result)| resolver.content_url(path) == *result)
        && cached
            .rendered
            .pictures
            .iter()
            .all(|(path, print)| pictures::print(resolver.picture(path)) == *print);
    is_same.then(|| cached.clone())
}

fn render_one(
    page: &Arc<Page>,
    kind: Option<&Kind>,
    options: Options,
    resolver: &SiteResolver,
) -> CachedBody {
    let (rendered, problems) = render_fresh(page, kind, options, resolver);
    CachedBody {
        source: Arc::downgrade(page),
        text_hash: content::text_hash(&page.text),
        rendered: Arc::new(rendered),
        problems,
    }
}

fn render_fresh(
    page: &Page,
    kind: Option<&Kind>,
    options: Options,
    resolver: &SiteResolver,
) -> (Rendered, Vec<Error>) {
    let references: Vec<String> = match kind {
        Some(Kind::Brief(brief)) => brief.references.iter().map(|r| r.id.clone()).collect(),
        _ => Vec::new(),
    };
    let input = Input {
        body: page.body(),
        path: &page.path,
        references: &references,
        scope: None,
    };
    let result = catch_unwind(AssertUnwindSafe(|| {
        markdown::render(&input, options, resolver)
    }));
    let Ok(mut rendered) = result else {
        let error = Error::new(
            ErrorKind::Markdown,
            &page.shown,
            "Hearth could not render this page's markdown (a library it uses failed on it)",
        )
        .with_help("look for unusual constructs, such as very deep nesting, and simplify them");
        return (Rendered::default(), vec![error]);
    };
    let glossary = super::glossary::entries(resolver.site);
    if !glossary.is_empty() {
        let page_url = resolver.site.url(super::glossary::PATH);
        rendered.html = super::glossary::mark(&rendered.html, &glossary, &page_url);
    }
    let index = page.line_index();
    let problems = rendered
        .problems
        .iter()
        .map(|problem| {
            let error = Error::new(problem.kind, &page.shown, problem.message.clone())
                .at_offset(&index, page.body_start + problem.offset)
                .with_help(problem.help.clone());
            if problem.severity == crate::error::Severity::Warning {
                error.warning()
            } else {
                error
            }
        })
        .collect();
    (rendered, problems)
}

/// Checks every link's anchor; with `changed`, only links from or to those pages.
fn check_anchors(
    site: &Site,
    bodies: &Bodies,
    changed: Option<&Changed>,
    diagnostics: &mut Diagnostics,
) {
    let is_changed = |target: Target| changed.is_none_or(|c| c.contains(target));
    let known = |target: Target| -> HashSet<&str> {
        let (rendered, page_kind) = match target {
            Target::Page(i) => (&bodies.pages[i], Some(&site.pages[i].kind)),
            Target::Section(i) => (&bodies.sections[i], None),
        };
        let mut ids: HashSet<&str> = rendered.ids.iter().map(String::as_str).collect();
        if let Some(Kind::Brief(brief)) = page_kind {
            ids.extend(brief.references.iter().map(|r| r.id.as_str()));
        }
        ids.insert("main");
        ids
    };
    let sources = site
        .pages
        .iter()
        .enumerate()
        .map(|(i, e)| (Target::Page(i), &e.page, &bodies.pages[i]))
        .chain(
            site.sections
                .iter()
                .enumerate()
                .map(|(i, e)| (Target::Section(i), &e.page, &bodies.sections[i])),
        );
    let mut ids_of: HashMap<Target, HashSet<&str>> = HashMap::new();
    for (own, page, rendered) in sources {
        for link in &rendered.anchors {
            let target = match &link.target {
                None => Some(own),
                Some(path) => site.targets.get(path.as_str()).copied(),
            };
            let Some(target) = target else { continue };
            if !is_changed(own) && !is_changed(target) {
                continue;
            }
            let anchor = link.anchor.strip_prefix("ref-").filter(|_| matches!(target, Target::Page(i) if matches!(site.pages[i].kind, Kind::Brief(_)))).unwrap_or(&link.anchor);
            if !ids_of
                .entry(target)
                .or_insert_with(|| known(target))
                .contains(anchor)
            {
                let name = site.target_page(target).shown.clone();
                diagnostics.push(
                    Error::new(
                        ErrorKind::BrokenAnchor,
                        &page.shown,
                        format!("broken link: {name} has no heading with the id `{}`", link.anchor),
                    )
                    .at_offset(&page.line_index(), page.body_start + link.offset)
                    .with_help("check the heading's text: ids are the heading in lowercase, with hyphens for spaces"),
                );
            }
        }
    }
}
