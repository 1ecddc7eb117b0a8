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
mod ledger;
mod navigation;
mod pages;
mod templates;
pub mod theme;

use std::collections::HashSet;
use std::path::PathBuf;

use chrono::{Datelike, NaiveDate};
use rayon::prelude::*;
use serde::Serialize;

use crate::content::{self, kinds::SectionKind, Site, Target};
use crate::error::{Diagnostics, Error, ErrorKind};
use crate::markdown;
use bodies::Bodies;
use context::{Link, PageSummary, Paginator, PaginatorLink, SiteContext};
use ledger::Ledger;
use pages::Builder;
pub use templates::Templates;
use theme::Theme;

/// One file of the built site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// Path under the output folder, with `/` separators.
    pub path: String,
    /// Its bytes.
    pub contents: Contents,
}

/// Where an output file's bytes are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Contents {
    /// Made by the build.
    Bytes(Vec<u8>),
    /// Compiled into the binary (the default theme's files).
    Embedded(&'static [u8]),
    /// A file to copy.
    Copy(PathBuf),
}

impl Contents {
    /// The bytes, reading a copied file from disk.
    pub fn read(&self) -> std::io::Result<std::borrow::Cow<'_, [u8]>> {
        match self {
            Contents::Bytes(bytes) => Ok(bytes.as_slice().into()),
            Contents::Embedded(bytes) => Ok((*bytes).into()),
            Contents::Copy(path) => std::fs::read(path).map(Into::into),
        }
    }
}

/// The whole built site, in memory.
#[derive(Debug, Default)]
pub struct Output {
    /// Every file, sorted by path.
    pub files: Vec<OutputFile>,
    /// Number of content pages rendered.
    pub page_count: usize,
    /// Number of sections rendered.
    pub section_count: usize,
}

/// Settings of one render.
#[derive(Debug, Clone, Copy)]
pub struct RenderOptions<'a> {
    /// Today, for review dates and the footer year.
    pub today: NaiveDate,
    /// The images published at several sizes.
    pub images: &'a crate::images::Published,
}

/// What to render.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Plan {
    /// Every file of the site.
    All,
    /// Only the pages and sections with these content paths, and the files
    /// made from their bodies (feeds that show them, their course's print
    /// view, charter data). Valid only when nothing listings show has
    /// changed (see `PageEntry::fingerprint`); every other body is reused.
    Only(HashSet<String>),
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
        let Plan::Only(paths) = plan else {
            return None;
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

/// Takes each file as soon as it is rendered: `hearth build` writes it to
/// disk and returns `None`, so a large site is never held in memory whole.
pub type Sink = dyn Fn(OutputFile) -> Result<Option<OutputFile>, Error> + Sync + Send;

/// Hands one finished file on, as a [`Sink`] does, but may borrow: what
/// [`render_with`] takes, so that a session can wrap its sink.
pub type Hand<'h> = dyn Fn(OutputFile) -> Result<Option<OutputFile>, Error> + Sync + 'h;

/// Results kept between renders of the same site.
#[derive(Debug, Default)]
pub struct RenderCache {
    /// Rendered bodies by content path.
    pub bodies: bodies::BodyCache,
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

/// Renders what `plan` asks for, reusing and refreshing `cache`.
pub fn render_with(
    site: &Site,
    theme: &Theme,
    options: RenderOptions,
    cache: &mut RenderCache,
    plan: &Plan,
    sink: Option<&Hand>,
    diagnostics: &mut Diagnostics,
) -> Output {
    let mut watch = crate::timing::Stopwatch::start("render");
    let changed = Changed::of(site, plan);
    let pictures: &crate::images::Pictures = &options.images.pictures;
    let site_feeds = feeds::Feeds::of(site);
    let site_context = site_context(site, theme, options.today, diagnostics);
    let templates = Templates::new(
        theme,
        &site.config.base_path,
        &site_context,
        &options.images.pictures,
    );
    // Hands one finished file to the sink, or keeps it when there is none,
    // once the ledger has it: two files at one path are an error.
    let ledger = Ledger::new(site);
    let hand = |file: OutputFile| {
        if !ledger.enter(&file)? {
            return Ok(None);
        }
        match sink {
            Some(sink) => sink(file),
            None => Ok(Some(file)),
        }
    };
    let pass = |made: Vec<OutputFile>| -> Result<Vec<OutputFile>, Vec<Error>> {
        let mut kept = Vec::new();
        let mut errors = Vec::new();
        for file in made {
            match hand(file) {
                Ok(file) => kept.extend(file),
                Err(error) => errors.push(error),
            }
        }
        if errors.is_empty() {
            Ok(kept)
        } else {
            Err(errors)
        }
    };
    // A one-shot build streams: each page is rendered around its body and
    // handed to the sink at once, and only the few bodies other files show
    // are kept, so a large site's bodies are never all in memory.
    let (bodies, streamed) = match &templates {
        Ok(templates) if sink.is_some() && *plan == Plan::All => {
            let sections = bodies::render_sections(site, pictures, diagnostics);
            let early = Bodies {
                pages: Vec::new(),
                sections: sections.clone(),
            };
            let builder = Builder {
                site,
                bodies: &early,
                resolver: bodies::SiteResolver::new(site).with_pictures(pictures),
                today: options.today,
            };
            let keep = site_feeds.entry_pages();
            let each = |index: usize, rendered: &markdown::Rendered| {
                render_page(&builder, templates, index, rendered).and_then(|f| pass(vec![f]))
            };
            let (bodies, results) =
                bodies::render_streaming(site, pictures, sections, &keep, diagnostics, each);
            (bodies, Some(results))
        }
        _ => (
            bodies::render_all(
                site,
                pictures,
                &mut cache.bodies,
                changed.as_ref(),
                diagnostics,
            ),
            None,
        ),
    };
    watch.lap("bodies");
    let templates = match templates {
        Ok(templates) => templates,
        Err(errors) => {
            diagnostics.extend(errors);
            return Output::default();
        }
    };
    let builder = Builder {
        site,
        bodies: &bodies,
        resolver: bodies::SiteResolver::new(site).with_pictures(pictures),
        today: options.today,
    };
    watch.lap("templates");
    let wanted = |path: &str| match plan {
        Plan::All => true,
        Plan::Only(paths) => paths.contains(path),
    };
    let mut files = Vec::new();
    let pages = (0..site.pages.len())
        .into_par_iter()
        .filter(|&index| streamed.is_none() && wanted(&site.pages[index].page.path))
        .map(|index| {
            let rendered = &builder.bodies.pages[index];
            render_page(&builder, &templates, index, rendered).and_then(|f| pass(vec![f]))
        });
    let results: Vec<Result<Vec<OutputFile>, Vec<Error>>> = pages
        .chain(
            (0..site.sections.len())
                .into_par_iter()
                .filter(|&index| wanted(&site.sections[index].page.path))
                .map(|index| render_section(&builder, &templates, index).and_then(pass)),
        )
        .collect();
    let results = streamed.into_iter().flatten().chain(results);
    let mut failures = Vec::new();
    for result in results {
        match result {
            Ok(made) => files.extend(made),
            Err(errors) => failures.extend(errors),
        }
    }
    diagnostics.extend(merge_repeats(failures));
    watch.lap("pages");
    // The files made from the site as a whole, each job on its own thread:
    // on a large site the A-Z index and the site map are big single pages.
    type Job<'j> = Box<dyn Fn() -> Result<Vec<OutputFile>, Vec<Error>> + Sync + Send + 'j>;
    let passed =
        |result: Result<Vec<OutputFile>, Error>| result.map_err(|e| vec![e]).and_then(pass);
    let mut jobs: Vec<Job> = Vec::new();
    if *plan == Plan::All {
        diagnostics.extend(extras::statement_problems(site));
        jobs.push(Box::new(|| {
            extras::taxonomies(&builder, &templates, &hand).map_err(|e| vec![e])
        }));
        jobs.push(Box::new(|| {
            passed(navigation::a_to_z(&builder, &templates))
        }));
        jobs.push(Box::new(|| {
            passed(navigation::site_map(&builder, &templates))
        }));
        jobs.push(Box::new(|| passed(extras::not_found(site, &templates))));
        jobs.push(Box::new(|| passed(extras::statement(&builder, &templates))));
        jobs.push(Box::new(|| {
            passed(extras::search_page(&builder, &templates))
        }));
        jobs.push(Box::new(|| {
            passed(Ok(static_files(site, theme, options.images)))
        }));
    }
    jobs.push(Box::new(|| {
        passed(extras::course_prints(
            &builder,
            &templates,
            changed.as_ref(),
        ))
    }));
    jobs.push(Box::new(|| passed(Ok(extras::charter_data(&builder)))));
    jobs.push(Box::new(|| {
        let mut made = feeds::all(&builder, &site_feeds, changed.as_ref());
        // A theme's or a site's own robots.txt replaces the one made here.
        if theme.statics.contains_key("robots.txt") {
            made.retain(|file| file.path != "robots.txt");
        }
        passed(Ok(made))
    }));
    let made: Vec<Result<Vec<OutputFile>, Vec<Error>>> = jobs.par_iter().map(|job| job()).collect();
    for result in made {
        match result {
            Ok(kept) => files.extend(kept),
            Err(errors) => diagnostics.extend(errors),
        }
    }
    watch.lap("extras");
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Output {
        files,
        page_count: site.pages.len(),
        section_count: site.sections.len(),
    }
}

/// What may stand in a URL path as it is: letters, digits, `-._~` and `/`
/// (RFC 3986's unreserved characters and the separator).
const PATH_AS_IS: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~')
    .remove(b'/');

/// An output path as a URL path: everything but [`PATH_AS_IS`]
/// percent-encoded, byte by byte of its UTF-8 (`our services/` is
/// `our%20services/`).
pub fn encode_path(path: &str) -> String {
    percent_encoding::utf8_percent_encode(path, PATH_AS_IS).to_string()
}

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
        menu,
        taxonomies: site
            .taxonomies
            .iter()
            .map(|t| context::TaxonomyLink {
                name: t.config.name.clone(),
                title: t.config.display_title(),
                url: site.url(&format!("{}/", t.config.name)),
            })
            .collect(),
        feed_url: site.url("atom.xml"),
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
    let wanted = section_template(builder, index);
    let name = match chosen_template(&entry.page, templates).map_err(|e| vec![e])? {
        Some(name) => name,
        None if templates.has(&wanted) => wanted,
        None => "section.html".to_string(),
    };
    let per_page = entry.page.front.paginate_by.unwrap_or(0);
    let summaries: Vec<PageSummary> = entry.pages.iter().map(|&i| builder.summary(i)).collect();
    let pages = paginate(builder.site, &entry.path, summaries, per_page);
    let mut files = Vec::with_capacity(pages.len());
    for (number, paginator) in pages.into_iter().enumerate() {
        let path = content::listing_page_path(&entry.path, number + 1);
        let title = entry.page.title();
        let description = entry.page.front.description.as_deref();
        let current = context::Current::new(builder.site, title, &path, description);
        let mut section = builder.section(index);
        if let Some(paginator) = &paginator {
            section.pages = paginator.pages.clone();
        }
        let context = SectionTemplate {
            current,
            section,
            ancestors: builder.ancestors(entry.parent),
            paginator,
            charter: matches!(entry.kind, SectionKind::Charter)
                .then(|| extras::charter(builder, index)),
        };
        let html = templates
            .render(&name, &context, &entry.page.shown)
            .map_err(|e| vec![e])?;
        files.push(html_file(&path, html));
    }
    Ok(files)
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
    let url = |n: usize| site.url(&content::listing_page_path(path, n));
    let mut chunks: Vec<Vec<PageSummary>> = summaries.chunks(per_page).map(<[_]>::to_vec).collect();
    chunks.resize_with(count, Vec::new);
    chunks
        .into_iter()
        .enumerate()
        .map(|(i, pages)| {
            let current = i + 1;
            Some(Paginator {
                pages,
                current,
                count,
                previous_url: (current > 1).then(|| url(current - 1)),
                next_url: (current < count).then(|| url(current + 1)),
                links: page_links(current, count, &url),
            })
        })
        .collect()
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

fn static_files(site: &Site, theme: &Theme, images: &crate::images::Published) -> Vec<OutputFile> {
    let statics = theme.statics.iter().map(|(path, (bytes, _))| OutputFile {
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
    let sizes = images.files.iter().map(|(path, file)| OutputFile {
        path: path.clone(),
        contents: Contents::Copy(file.clone()),
    });
    statics.chain(assets).chain(sizes).collect()
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
