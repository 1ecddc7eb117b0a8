//! `hearth check`: everything a reader or an auditor would trip over, found
//! before publishing and pointed at the exact place in the markdown.
//!
//! It runs the build in memory (`build::prepare`, then `render::render`,
//! writing nothing), so broken links and anchors and every content error
//! come out exactly as `hearth build` reports them. Then it adds its own
//! findings, each an [`Error`] of kind `ErrorKind::Check(rule)`:
//! accessibility in the source (`accessibility`, `language`), freshness of
//! reviews, briefs and the accessibility statement (`freshness`), plain
//! English (`plain`, `words`), site paths that lead nowhere, checked
//! against the files the build made (`site_links`), and, with
//! `--external`, links to other sites (`links`). `report` prints the
//! result as text or JSON.
//!
//! The checks read pages through `source`, which parses each body with
//! pulldown-cmark's offset iterator, so every finding has a line and column.

mod accessibility;
mod freshness;
mod images;
mod language;
mod links;
mod plain;
mod readability;
mod report;
mod site_links;
mod source;
mod words;

use chrono::NaiveDate;
use rayon::prelude::*;

use crate::build::{self, BuildOptions, Prepared};
use crate::cli::CheckArgs;
use crate::content::{Page, Site};
use crate::error::{Diagnostics, Error, Severity};
use crate::render::{self, RenderOptions};

pub use plain::Reading;

/// Which check found a problem.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Rule {
    /// An image without alt text.
    ImageAlt,
    /// A link with no text a screen reader could announce.
    EmptyLink,
    /// A heading that skips a level (a level 4 straight after a level 2).
    HeadingSkip,
    /// Link text that means nothing out of context, or a bare web address.
    LinkText,
    /// A table whose header row is empty, or an HTML table with no header cells.
    TableHeader,
    /// A page without a description.
    Description,
    /// A passage in another language that nothing marks as such.
    Language,
    /// A review date that falls within the warning window.
    ReviewDue,
    /// A brief still marked current although it names a successor, or
    /// replaced by a brief that is not current.
    SupersededBrief,
    /// An accessibility statement not reviewed in the last 12 months.
    StatementReview,
    /// A page whose reading age is above the site's target.
    ReadingAge,
    /// A sentence longer than the site's limit.
    LongSentence,
    /// A word or phrase from the list of words to avoid.
    Jargon,
    /// An acronym used before it is spelled out.
    Acronym,
    /// A link to another site that does not answer, or answers with an error.
    ExternalLink,
    /// A link written as a site path (`/contact/`) that leads to nothing
    /// the build publishes.
    SiteLink,
    /// A source image over 5 MB or over 4000 pixels wide.
    LargeImage,
}

impl Rule {
    /// Every rule, in the order the summary lists them.
    pub const ALL: [Rule; 17] = [
        Rule::ImageAlt,
        Rule::EmptyLink,
        Rule::HeadingSkip,
        Rule::LinkText,
        Rule::TableHeader,
        Rule::Description,
        Rule::Language,
        Rule::ReviewDue,
        Rule::SupersededBrief,
        Rule::StatementReview,
        Rule::ReadingAge,
        Rule::LongSentence,
        Rule::Jargon,
        Rule::Acronym,
        Rule::SiteLink,
        Rule::LargeImage,
        Rule::ExternalLink,
    ];

    /// The stable name used in reports and JSON, such as `image-alt`.
    pub fn name(self) -> &'static str {
        match self {
            Rule::ImageAlt => "image-alt",
            Rule::EmptyLink => "empty-link",
            Rule::HeadingSkip => "heading-skip",
            Rule::LinkText => "link-text",
            Rule::TableHeader => "table-header",
            Rule::Description => "description",
            Rule::Language => "language",
            Rule::ReviewDue => "review-due",
            Rule::SupersededBrief => "superseded-brief",
            Rule::StatementReview => "statement-review",
            Rule::ReadingAge => "reading-age",
            Rule::LongSentence => "long-sentence",
            Rule::Jargon => "jargon",
            Rule::Acronym => "acronym",
            Rule::ExternalLink => "external-link",
            Rule::SiteLink => "site-link",
            Rule::LargeImage => "large-image",
        }
    }

    /// How serious its findings are: errors stop `hearth build`.
    pub fn severity(self) -> Severity {
        match self {
            Rule::ImageAlt | Rule::EmptyLink => Severity::Error,
            _ => Severity::Warning,
        }
    }
}

/// What `hearth check` prints and its exit code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    /// Standard output.
    pub stdout: String,
    /// Standard error.
    pub stderr: String,
    /// 0, or 1 when there are errors.
    pub exit_code: u8,
}

/// Everything one run of `hearth check` found.
#[derive(Debug, Default)]
pub struct Findings {
    /// Build errors and warnings, and every check's findings.
    pub diagnostics: Diagnostics,
    /// The reading age of each page that has enough prose to measure.
    pub readings: Vec<Reading>,
    /// Number of pages and sections checked.
    pub pages_checked: usize,
    /// False when the config or theme is broken, so nothing could be checked.
    pub is_loaded: bool,
}

/// Runs every check on the site at `args.root` and renders the report.
pub fn run(args: &CheckArgs, today: NaiveDate) -> Outcome {
    let mut findings = inspect(args, today);
    if args.strict {
        findings.diagnostics.make_strict();
    }
    report::render(&findings, args.format)
}

/// Builds the site in memory and runs every check, writing nothing but the
/// external-link cache.
pub fn inspect(args: &CheckArgs, today: NaiveDate) -> Findings {
    let options = BuildOptions {
        root: args.root.clone(),
        base_url: None,
        is_drafts: args.drafts,
        is_strict: false,
        today,
    };
    let mut findings = Findings::default();
    let Some(Prepared { site, theme }) = build::prepare(&options, &mut findings.diagnostics) else {
        return findings;
    };
    findings.is_loaded = true;
    let output = render::render(
        &site,
        &theme,
        RenderOptions {
            today,
            images: &crate::images::Published::default(),
        },
        &mut findings.diagnostics,
    );
    let (errors, readings) = check_site(&site, today);
    findings.diagnostics.extend(errors);
    let published = site_links::Published::new(&output.files, &site);
    findings
        .diagnostics
        .extend(site_links::check(&site, &published));
    findings.readings = readings;
    findings.pages_checked = checked_pages(&site).count();
    if args.external {
        findings
            .diagnostics
            .extend(links::check_external(&site, &args.root));
    }
    findings
}

/// Every source check over an assembled site: the findings and each page's
/// reading age. Pure: no disk, no network.
pub fn check_site(site: &Site, today: NaiveDate) -> (Vec<Error>, Vec<Reading>) {
    let settings = &site.config.check;
    let per_page: Vec<(Vec<Error>, Option<Reading>)> = checked_pages(site)
        .collect::<Vec<_>>()
        .par_iter()
        .map(|page| {
            let source = source::Source::new(page);
            let mut errors = accessibility::check(&source, &site.config);
            errors.extend(language::check(&source, &site.config.language));
            let (plain, reading) = plain::check(&source, settings);
            errors.extend(plain);
            errors.extend(words::check(&source, settings));
            (errors, reading)
        })
        .collect();
    let mut errors = freshness::check(site, today);
    errors.extend(images::check(site));
    let mut readings = Vec::new();
    for (page_errors, reading) in per_page {
        errors.extend(page_errors);
        readings.extend(reading);
    }
    (errors, readings)
}

/// The error-level checks `hearth build` runs too, so that an image without
/// alt text or an empty link never reaches readers.
pub fn build_checks(site: &Site) -> Vec<Error> {
    checked_pages(site)
        .collect::<Vec<_>>()
        .par_iter()
        .flat_map_iter(|page| page_build_checks(page, &site.config))
        .collect()
}

/// The error-level checks of one page (a page with no file behind it has none).
pub fn page_build_checks(page: &Page, config: &crate::config::Config) -> Vec<Error> {
    if page.text.is_empty() {
        return Vec::new();
    }
    let found = accessibility::check(&source::Source::new(page), config);
    found.into_iter().filter(Error::is_error).collect()
}

/// Every page and section that has a file behind it.
fn checked_pages(site: &Site) -> impl Iterator<Item = &Page> {
    let pages = site.pages.iter().map(|entry| &*entry.page);
    let sections = site.sections.iter().map(|entry| &*entry.page);
    pages.chain(sections).filter(|page| !page.text.is_empty())
}
