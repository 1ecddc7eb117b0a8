//! Pages made from the site as a whole: taxonomy lists and terms, the 404
//! page, course print views, the accessibility statement and the charter
//! overview with its open data (`charter.json`, `charter.csv`).

use std::collections::{BTreeSet, HashMap, HashSet};

use serde::Serialize;

use super::context::{
    CharterContext, Current, Link, PageContext, PageSummary, ProgressCounts, SectionContext,
    TaxonomyContext, TermContext,
};
use super::pages::Builder;
use super::{html_file, paginator, Changed, Contents, Hand, OutputFile, Templates};
use crate::content::kinds::{Kind, Progress, SectionKind};
use crate::content::statement::{self, StatementConfig};
use crate::content::{dates, Site, Target, Term};
use crate::error::{Error, ErrorKind, LineIndex};
use crate::markdown::Scope;

#[derive(Serialize)]
struct TaxonomyTemplate<'a> {
    current: Current,
    taxonomy: &'a TaxonomyContext,
    term: Option<TermContext<'a>>,
    ancestors: Vec<Link>,
    paginator: Option<super::context::Paginator<'a>>,
}

/// Which taxonomy pages a render makes, when not all of them.
#[derive(Debug, Clone, Copy)]
pub struct Wanted<'a> {
    /// The URL paths of the terms whose pages are all made.
    pub terms: &'a HashSet<String>,
    /// The URL paths of the terms of which only some listing pages are
    /// made, with their numbers (from 1).
    pub listings: &'a HashMap<String, BTreeSet<usize>>,
    /// Whether each taxonomy's list of terms is made.
    pub is_lists: bool,
}

/// Every taxonomy list page and term page (only those `wanted` names, when
/// given), rendered in parallel and each handed on as soon as it is made;
/// returns the files kept.
pub fn taxonomies(
    builder: &Builder,
    templates: &Templates,
    wanted: Option<Wanted>,
    hand: &Hand,
) -> Result<Vec<OutputFile>, Error> {
    let mut files = Vec::new();
    for taxonomy in &builder.site.taxonomies {
        let context = TaxonomyContext::of(builder.site, taxonomy);
        let shown = format!("the `{}` taxonomy", taxonomy.config.name);
        if wanted.is_none_or(|wanted| wanted.is_lists) {
            files.extend(hand(taxonomy_list(builder, templates, &context, &shown)?)?);
        }
        let job = TermJob {
            builder,
            templates,
            taxonomy: &context,
            feed: taxonomy.config.feed && builder.site.config.feeds,
            ancestors: &taxonomy_ancestors(builder, &context),
            shown: &shown,
        };
        files.extend(job.render_terms(taxonomy, wanted, hand)?);
    }
    Ok(files)
}

/// `topics/`: the list of a taxonomy's terms.
fn taxonomy_list(
    builder: &Builder,
    templates: &Templates,
    context: &TaxonomyContext,
    shown: &str,
) -> Result<OutputFile, Error> {
    let site = builder.site;
    let fallback = format!("{} on {}", context.title, site.config.title);
    let description = builder.say(
        "taxonomy-description",
        &[("taxonomy", &context.title), ("site", &site.config.title)],
        &fallback,
    );
    let path = format!("{}/", context.name);
    let list = TaxonomyTemplate {
        current: Current::new(site, &context.title, &path, Some(&description)),
        taxonomy: context,
        term: None,
        ancestors: builder.ancestors(Some(0)),
        paginator: None,
    };
    Ok(html_file(
        &path,
        templates.render("taxonomy_list.html", &list, shown)?,
    ))
}

/// The home page and the taxonomy: above each of its terms.
fn taxonomy_ancestors(builder: &Builder, context: &TaxonomyContext) -> Vec<Link> {
    let mut ancestors = builder.ancestors(Some(0));
    ancestors.push(Link {
        title: context.title.clone(),
        url: context.url.clone(),
    });
    ancestors
}

/// What every page of one taxonomy's terms shares.
struct TermJob<'a, 'b> {
    builder: &'a Builder<'b>,
    templates: &'a Templates,
    taxonomy: &'a TaxonomyContext,
    feed: bool,
    ancestors: &'a [Link],
    shown: &'a str,
}

impl TermJob<'_, '_> {
    /// The pages of every term of `taxonomy` (those `wanted` names, when
    /// given), in parallel.
    fn render_terms(
        &self,
        taxonomy: &crate::content::Taxonomy,
        wanted: Option<Wanted>,
        hand: &Hand,
    ) -> Result<Vec<OutputFile>, Error> {
        use rayon::prelude::*;
        let name = &self.taxonomy.name;
        // `None`: every listing page; `Some(numbers)`: those alone.
        let numbers = |term: &Term| -> Option<Option<&BTreeSet<usize>>> {
            let Some(wanted) = wanted else {
                return Some(None);
            };
            let path = term.path(name);
            if wanted.terms.contains(&path) {
                return Some(None);
            }
            wanted.listings.get(&path).map(Some)
        };
        let made: Vec<Result<Vec<OutputFile>, Error>> = taxonomy
            .terms
            .par_iter()
            .filter_map(|term| Some((term, numbers(term)?)))
            .map(|(term, only)| self.render(term, taxonomy.config.paginate_by, only, hand))
            .collect();
        let mut files = Vec::new();
        for result in made {
            files.extend(result?);
        }
        Ok(files)
    }

    /// The listing pages of one term (those numbered in `only`, when
    /// given), in parallel. Each summarises only the pages it lists.
    fn render(
        &self,
        term: &Term,
        per_page: usize,
        only: Option<&BTreeSet<usize>>,
        hand: &Hand,
    ) -> Result<Vec<OutputFile>, Error> {
        use rayon::prelude::*;
        let path = term.path(&self.taxonomy.name);
        let count = crate::content::listing_page_count(term.count(), per_page);
        let numbers: Vec<usize> = (1..=count)
            .filter(|number| only.is_none_or(|only| only.contains(number)))
            .collect();
        let made: Vec<Result<Option<OutputFile>, Error>> = numbers
            .into_par_iter()
            .map(|number| {
                let range = crate::content::listing_page_range(number, term.count(), per_page);
                let pages = self.summaries(term, range);
                let paginator = (per_page > 0)
                    .then(|| paginator(self.builder.site, &path, (number, count), pages.clone()));
                let out = crate::content::listing_page_path(&path, number);
                let html = self.term_page(term, &path, &out, pages, paginator)?;
                hand(html_file(&out, html))
            })
            .collect();
        let mut kept = Vec::new();
        for result in made {
            kept.extend(result?);
        }
        Ok(kept)
    }
}

impl<'b> TermJob<'_, 'b> {
    /// The summaries of what has `term`, at the places `range` of its
    /// listing: sections first, so a course is listed before its modules.
    fn summaries(&self, term: &Term, range: std::ops::Range<usize>) -> Vec<PageSummary<'b>> {
        let listed = term.listed().skip(range.start).take(range.len());
        listed
            .map(|target| match target {
                Target::Section(i) => self.builder.section_as_summary(i),
                Target::Page(i) => self.builder.summary(i),
            })
            .collect()
    }

    /// A term page's description, in the page's language.
    fn term_description(&self, term: &Term) -> String {
        let site = self.builder.site;
        let fallback = format!("Pages about {} on {}", term.name, site.config.title);
        self.builder.say(
            "term-description",
            &[("term", &term.name), ("site", &site.config.title)],
            &fallback,
        )
    }

    /// One page of a term's listing, at `out`, listing `pages`.
    fn term_page(
        &self,
        term: &Term,
        path: &str,
        out: &str,
        pages: Vec<PageSummary>,
        paginator: Option<super::context::Paginator>,
    ) -> Result<String, Error> {
        let site = self.builder.site;
        let term_title = term.title();
        let title = format!("{}: {term_title}", self.taxonomy.title);
        let description = self.term_description(term);
        let context = TaxonomyTemplate {
            current: Current::new(site, &title, out, Some(&description)),
            taxonomy: self.taxonomy,
            term: Some(TermContext {
                name: &term.name,
                title: term_title,
                slug: &term.slug,
                url: site.url(path),
                feed_url: self.feed.then(|| site.url(&format!("{path}atom.xml"))),
                pages,
            }),
            ancestors: self.ancestors.to_vec(),
            paginator,
        };
        self.templates
            .render("taxonomy_term.html", &context, self.shown)
    }
}

/// `404.html`.
pub fn not_found(builder: &Builder, templates: &Templates) -> Result<Vec<OutputFile>, Error> {
    let title = builder.say("not-found-title", &[], "Page not found");
    let current = Current::new(builder.site, &title, "404.html", None);
    let context = serde_json::json!({ "current": current });
    let html = templates.render("404.html", &context, "the 404 page")?;
    Ok(vec![html_file("404.html", html)])
}

#[derive(Serialize)]
struct PrintTemplate<'a> {
    current: Current,
    section: SectionContext<'a>,
    ancestors: Vec<Link>,
    modules: Vec<PageContext<'a>>,
    /// The instructor view: the same pages with instructor notes shown.
    is_instructor_view: bool,
}

/// The whole-course print view of every course: every module on one page,
/// each body rendered again with its ids prefixed and headings moved down;
/// and the instructor view, the same with instructor notes shown (at
/// `instructor/`, linked from no page, kept out of search). With `changed`
/// (after body-only edits of those pages and sections), only the courses
/// that hold one of them.
pub fn course_prints(
    builder: &Builder,
    templates: &Templates,
    changed: Option<&Changed>,
) -> Result<Vec<OutputFile>, Error> {
    let mut files = course_views(builder, templates, changed, false)?;
    files.extend(course_views(builder, templates, changed, true)?);
    Ok(files)
}

fn course_views(
    builder: &Builder,
    templates: &Templates,
    changed: Option<&Changed>,
    is_instructor_view: bool,
) -> Result<Vec<OutputFile>, Error> {
    let mut files = Vec::new();
    for (index, entry) in builder.site.sections.iter().enumerate() {
        if !entry.kind.is_course() || !templates.has("course_print.html") {
            continue;
        }
        let is_touched = changed.is_none_or(|c| {
            c.sections.contains(&index) || entry.pages.iter().any(|i| c.pages.contains(i))
        });
        if !is_touched {
            continue;
        }
        let folder = if is_instructor_view {
            "instructor"
        } else {
            "print"
        };
        let path = format!("{}{folder}/", entry.path);
        let bodies = scoped_bodies(builder, &entry.pages, "m", is_instructor_view);
        let context = print_context(builder, index, &path, &bodies, is_instructor_view);
        let html = templates.render("course_print.html", &context, &entry.page.shown)?;
        files.push(html_file(&path, html));
    }
    Ok(files)
}

/// The context of the print or instructor view of course `index`, at
/// `path`, its modules showing `bodies`.
fn print_context<'a>(
    builder: &'a Builder,
    index: usize,
    path: &str,
    bodies: &'a [String],
    is_instructor_view: bool,
) -> PrintTemplate<'a> {
    let entry = &builder.site.sections[index];
    let modules = print_modules(builder, &entry.pages, bodies);
    let (key, what) = if is_instructor_view {
        ("instructor-title", "instructor view")
    } else {
        ("print-title", "print version")
    };
    let fallback = format!("{} ({what})", entry.page.title());
    let title = builder.say(key, &[("title", entry.page.title())], &fallback);
    let description = entry.page.front.description.as_deref();
    PrintTemplate {
        current: Current::new(builder.site, &title, path, description),
        section: builder.section(index),
        ancestors: builder.ancestors(Some(index)),
        modules,
        is_instructor_view,
    }
}

/// The `page` contexts of a course's `pages`, each showing its body from
/// `bodies`; a page that fails was reported when it was rendered.
fn print_modules<'a>(
    builder: &'a Builder,
    pages: &[usize],
    bodies: &'a [String],
) -> Vec<PageContext<'a>> {
    pages
        .iter()
        .zip(bodies)
        .filter_map(|(&i, body)| {
            let mut module = builder.page(i).ok()?;
            module.content = body;
            Some(module)
        })
        .collect()
}

/// The bodies of `pages` (a course's) for a view of the whole course on
/// one page, in order: the `n`th page's ids prefixed `{letter}{n}-` so
/// that they are unique on the page, its headings one level down, and
/// its blocks' labels naming it. The print views and the handout share it.
pub(super) fn scoped_bodies(
    builder: &Builder,
    pages: &[usize],
    letter: &str,
    shows_instructor_notes: bool,
) -> Vec<String> {
    pages
        .iter()
        .enumerate()
        .map(|(n, &i)| {
            let page = &builder.site.pages[i].page;
            let prefix = format!("{letter}{}-", n + 1);
            let label = format!("{}: ", page.title());
            let scope = Scope {
                id_prefix: &prefix,
                heading_offset: 1,
                label_prefix: &label,
                shows_instructor_notes,
            };
            super::bodies::scoped(&builder.resolver, page, scope)
        })
        .collect()
}

/// The charter overview's progress data for section `index`.
pub fn charter<'a>(builder: &Builder<'a>, index: usize) -> CharterContext<'a> {
    let entry = &builder.site.sections[index];
    let mut commitments: Vec<(u32, usize)> = entry
        .pages
        .iter()
        .filter_map(|&i| match &builder.site.pages[i].kind {
            Kind::Commitment(c) => Some((c.number, i)),
            _ => None,
        })
        .collect();
    commitments.sort();
    let mut counts = ProgressCounts::default();
    for &(_, i) in &commitments {
        if let Kind::Commitment(c) = &builder.site.pages[i].kind {
            match c.status {
                Progress::NotStarted => counts.not_started += 1,
                Progress::InProgress => counts.in_progress += 1,
                Progress::Achieved => counts.achieved += 1,
            }
        }
    }
    let total = commitments.len();
    CharterContext {
        total,
        percent_achieved: (counts.achieved * 100).checked_div(total).unwrap_or(0),
        counts,
        json_url: builder.site.url(&format!("{}charter.json", entry.path)),
        csv_url: builder.site.url(&format!("{}charter.csv", entry.path)),
        commitments: commitments
            .iter()
            .map(|&(_, i)| builder.summary(i))
            .collect(),
    }
}

#[derive(Serialize)]
struct OpenCommitment<'a> {
    number: u32,
    title: &'a str,
    sector: &'a str,
    status: &'static str,
    status_date: Option<String>,
    url: String,
    evidence: Vec<Link>,
}

/// `charter.json` and `charter.csv` beside each charter overview.
pub fn charter_data(builder: &Builder) -> Vec<OutputFile> {
    let site = builder.site;
    let mut files = Vec::new();
    for (index, entry) in site.sections.iter().enumerate() {
        if !matches!(entry.kind, SectionKind::Charter) {
            continue;
        }
        let overview = charter(builder, index);
        let rows: Vec<OpenCommitment> = overview
            .commitments
            .iter()
            .filter_map(|summary| open_row(site, builder, summary))
            .collect();
        files.push(OutputFile {
            path: format!("{}charter.json", entry.path),
            contents: Contents::Bytes(charter_json(site, index, &overview, &rows)),
        });
        files.push(OutputFile {
            path: format!("{}charter.csv", entry.path),
            contents: Contents::Bytes(csv(&rows).into_bytes()),
        });
    }
    files
}

/// A charter section's open data: its title, URL, counts and commitments.
fn charter_json(
    site: &Site,
    index: usize,
    overview: &CharterContext,
    rows: &[OpenCommitment],
) -> Vec<u8> {
    let entry = &site.sections[index];
    let json = serde_json::json!({
        "title": entry.page.title(),
        "url": site.permalink(&entry.path),
        "total": overview.total,
        "counts": overview.counts,
        "commitments": rows,
    });
    serde_json::to_vec_pretty(&json).expect("plain data always serialises")
}

fn open_row<'a>(
    site: &'a Site,
    builder: &Builder<'a>,
    summary: &PageSummary<'a>,
) -> Option<OpenCommitment<'a>> {
    let entry = site
        .pages
        .iter()
        .find(|e| site.url(&e.path) == summary.url)?;
    let Kind::Commitment(c) = &entry.kind else {
        return None;
    };
    Some(OpenCommitment {
        number: c.number,
        title: entry.page.title(),
        sector: &c.sector,
        status: c.status.key(),
        status_date: c.status_date.map(|d| d.to_string()),
        url: site.permalink(&entry.path),
        evidence: evidence(site, builder, &entry.page, &c.evidence),
    })
}

/// A commitment's evidence links, absolute. A link that does not resolve
/// was reported when the page was rendered.
fn evidence(
    site: &Site,
    builder: &Builder,
    page: &crate::content::Page,
    items: &[crate::content::front_matter::LinkItem],
) -> Vec<Link> {
    let mut ignored = Vec::new();
    items
        .iter()
        .map(|e| Link {
            title: e.title.clone(),
            url: absolute(
                site,
                &builder.front_link(page, "evidence", &e.url, &mut ignored),
            ),
        })
        .collect()
}

fn absolute(site: &Site, url: &str) -> String {
    match url.strip_prefix(site.config.base_path.as_str()) {
        Some(rest) if url.starts_with('/') => site.permalink(rest),
        _ => url.to_string(),
    }
}

fn csv(rows: &[OpenCommitment]) -> String {
    let mut out = String::from("number,title,sector,status,status_date,url,evidence\r\n");
    for row in rows {
        let evidence: Vec<&str> = row.evidence.iter().map(|e| e.url.as_str()).collect();
        let fields = [
            row.number.to_string(),
            row.title.to_string(),
            row.sector.to_string(),
            row.status.to_string(),
            row.status_date.clone().unwrap_or_default(),
            row.url.clone(),
            evidence.join(" "),
        ];
        let quoted: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
        out.push_str(&quoted.join(","));
        out.push_str("\r\n");
    }
    out
}

fn csv_field(field: &str) -> String {
    let needs_quotes =
        field.contains([',', '"', '\n', '\r']) || field.starts_with(['=', '+', '-', '@']);
    if needs_quotes {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field.to_string()
    }
}

#[derive(Serialize)]
struct StatementTemplate<'a> {
    current: Current,
    statement: StatementContext<'a>,
    ancestors: Vec<Link>,
}

#[derive(Serialize)]
struct StatementContext<'a> {
    organisation: &'a str,
    site_name: &'a str,
    compliance: &'a str,
    compliance_text: String,
    contact_email: Option<&'a str>,
    contact_phone: Option<&'a str>,
    response_days: u32,
    enforcement_text: &'static str,
    issues: Vec<IssueContext<'a>>,
    disproportionate_burden: &'a [String],
    out_of_scope: &'a [String],
    prepared_on_display: Option<String>,
    last_reviewed_display: Option<String>,
    last_tested_on_display: Option<String>,
    tested_by: Option<&'a str>,
    is_review_overdue: bool,
}

#[derive(Serialize)]
struct IssueContext<'a> {
    description: &'a str,
    criterion: &'a str,
    fix_by_display: Option<String>,
}

/// The accessibility statement; a missing or incomplete one is an error on public sector sites.
pub fn statement(builder: &Builder, templates: &Templates) -> Result<Vec<OutputFile>, Error> {
    let site = builder.site;
    let Some(config) = &site.config.accessibility else {
        return Ok(Vec::new());
    };
    // A public-sector statement with gaps is not published: its errors
    // ([`statement_problems`]) fail the build.
    if site.config.public_sector && !config.gaps().is_empty() {
        return Ok(Vec::new());
    }
    let context = statement_context(site, config, builder.today);
    let title = builder.say("footer-accessibility", &[], "Accessibility statement");
    let fallback = format!("Accessibility statement for {}", context.site_name);
    let description = builder.say(
        "statement-description",
        &[("site", context.site_name)],
        &fallback,
    );
    let current = Current::new(site, &title, "accessibility/", Some(&description));
    let template = StatementTemplate {
        current,
        statement: context,
        ancestors: builder.ancestors(Some(0)),
    };
    let html = templates.render("accessibility.html", &template, crate::config::CONFIG_FILE)?;
    Ok(vec![html_file("accessibility/", html)])
}

fn statement_context<'a>(
    site: &'a Site,
    config: &'a StatementConfig,
    today: chrono::NaiveDate,
) -> StatementContext<'a> {
    let site_name = config.site_name.as_deref().unwrap_or(&site.config.title);
    let compliance = config.compliance.as_deref().unwrap_or("not");
    let date = |t: &Option<crate::content::front_matter::Text>| {
        t.as_ref()
            .and_then(|t| dates::parse(&t.0))
            .map(dates::display)
    };
    StatementContext {
        organisation: config.organisation.as_deref().unwrap_or(&site.config.title),
        site_name,
        compliance,
        compliance_text: statement::compliance_text(compliance, "This website").unwrap_or_default(),
        contact_email: config.contact_email.as_deref(),
        contact_phone: config.contact_phone.as_deref(),
        response_days: config.response_days.unwrap_or(5),
        enforcement_text: statement::enforcement_text(config.northern_ireland),
        issues: config
            .issues
            .iter()
            .map(|i| IssueContext {
                description: &i.description,
                criterion: &i.criterion,
                fix_by_display: dates::parse(&i.fix_by.0).map(dates::display),
            })
            .collect(),
        disproportionate_burden: &config.disproportionate_burden,
        out_of_scope: &config.out_of_scope,
        prepared_on_display: date(&config.prepared_on),
        last_reviewed_display: date(&config.last_reviewed),
        last_tested_on_display: date(&config.last_tested_on),
        tested_by: config.tested_by.as_deref(),
        is_review_overdue: config
            .last_reviewed_date()
            .is_some_and(|d| (today - d).num_days() > 365),
    }
}

/// What the `accessibility:` block of site.yaml lacks, every gap at its
/// line: errors on a public-sector site, which must publish a complete
/// statement; warnings on any other site that has the block, whose
/// statement is published with the gaps showing.
pub fn statement_problems(site: &Site) -> Vec<Error> {
    let is_public_sector = site.config.public_sector;
    let Some(config) = &site.config.accessibility else {
        if !is_public_sector {
            return Vec::new();
        }
        return vec![statement_error(
            site,
            "public_sector: true, but site.yaml has no `accessibility:` block",
            "add an `accessibility:` block; see the README for its fields",
            site.config.places.public_sector.0,
        )];
    };
    config
        .gaps()
        .into_iter()
        .map(|gap| {
            let error = match &gap.bad_date {
                Some(written) => bad_statement_date(site, gap.field, written),
                None => statement_error(
                    site,
                    &format!(
                        "the accessibility statement needs `{}`: {}",
                        gap.field, gap.what
                    ),
                    "complete the `accessibility:` block in site.yaml",
                    statement_line(site, gap.field),
                ),
            };
            if is_public_sector {
                error
            } else {
                error.warning()
            }
        })
        .collect()
}

/// A date of the statement that is written but is not a date, at the
/// value, with the date it most likely means.
fn bad_statement_date(site: &Site, field: &str, written: &str) -> Error {
    let text = &site.config.text;
    let message =
        format!("the accessibility statement's `{field}` is `{written}`, which is not a date");
    let error = Error::new(ErrorKind::Config, crate::config::CONFIG_FILE, message)
        .with_help(dates::help(written));
    let places = &site.config.places.statement_dates;
    match places.get(&(field, written.to_string())) {
        Some(&(line, column)) => error.at(&LineIndex::new(text), line, column),
        None => error.at(&LineIndex::new(text), statement_line(site, field), 1),
    }
}

/// The line of `field` in the `accessibility:` block of site.yaml, or
/// of the block itself when the field is not written (0 without a block).
fn statement_line(site: &Site, field: &str) -> usize {
    let places = &site.config.places;
    match places.statement_keys.get(field) {
        Some(&(0, _)) | None => places.statement,
        Some(&(line, _)) => line,
    }
}

fn statement_error(site: &Site, message: &str, help: &str, line: usize) -> Error {
    let text = &site.config.text;
    let error = Error::new(ErrorKind::Config, crate::config::CONFIG_FILE, message).with_help(help);
    if line > 0 {
        error.at(&LineIndex::new(text), line, 1)
    } else {
        error
    }
}

#[derive(Serialize)]
struct SearchTemplate {
    current: Current,
    ancestors: Vec<Link>,
}

/// The search page at `search/`, when the theme has `search.html`.
pub fn search_page(builder: &Builder, templates: &Templates) -> Result<Vec<OutputFile>, Error> {
    let site = builder.site;
    if !templates.has("search.html") || !site.config.search {
        return Ok(Vec::new());
    }
    let fallback = format!("Search {}", site.config.title);
    let template = SearchTemplate {
        current: builder.site_wide_current(
            "search/",
            ("search-title", "Search"),
            ("search-description", &fallback),
        ),
        ancestors: builder.ancestors(Some(0)),
    };
    let html = templates.render("search.html", &template, "search/index.html")?;
    Ok(vec![html_file("search/", html)])
}
