//! `hearth check`: everything a reader or an auditor would trip over, found
//! before publishing and pointed at the exact place in the markdown.
//!
//! It runs the build in memory (`pipeline::prepare`, then `render::render`,
//! writing nothing), so broken links and anchors and every content error
//! come out exactly as `hearth build` reports them. Then it adds its own
//! findings, each an [`Error`] of kind `ErrorKind::Check(rule)`:
//! accessibility in the source (`accessibility`, `language`), freshness of
//! reviews, briefs and the accessibility statement (`freshness`), plain
//! English (`plain`, `words`), example text from `hearth new` still to
//! replace (`placeholder`), site paths that lead nowhere, checked
//! against the files the build made (`site_links`), and, with
//! `--external`, links to other sites (`links`). `report` prints the
//! result as text or JSON.
//!
//! The checks read pages through `source`, which parses each body with
//! pulldown-cmark's offset iterator, so every finding has a line and column.

mod freshness;
mod images;
mod language;
mod links;
mod parity;
pub mod placeholder;
mod plain;
mod readability;
mod report;
mod site_links;
mod words;

use chrono::NaiveDate;
use rayon::prelude::*;

use crate::audit::{accessibility, source};
use crate::cli::CheckArgs;
use crate::content::{Page, Site};
use crate::error::{Diagnostics, Error, ErrorKind};
use crate::pipeline::{self, BuildOptions, Prepared};
use crate::render::{self, RenderOptions};

pub use crate::audit::{build_checks, page_build_checks};
pub use crate::error::Rule;
pub use plain::Reading;

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
    let Some(Prepared { site, theme }) = pipeline::prepare(&options, &mut findings.diagnostics)
    else {
        return findings;
    };
    findings.is_loaded = true;
    let output = render_in_memory(&site, &theme, args, today, &mut findings.diagnostics);
    let (errors, readings) = check_site(&site, today);
    findings.diagnostics.extend(errors);
    let published = site_links::Published::new(&output.files, &site);
    findings
        .diagnostics
        .extend(site_links::check(&site, &published));
    findings.readings = readings;
    findings.pages_checked = site.each_language().map(|s| checked_pages(s).count()).sum();
    if args.external {
        findings
            .diagnostics
            .extend(links::check_external(&site, &args.root));
    }
    findings
}

/// The site rendered as the build renders it, in memory. The images are
/// published (or taken from the build's cache) so that each photo is a
/// `<picture>`, as it is in the build, and code is highlighted with the
/// build's kept highlighting, which the check keeps up to date in turn.
fn render_in_memory(
    site: &Site,
    theme: &render::theme::Theme,
    args: &CheckArgs,
    today: NaiveDate,
    diagnostics: &mut Diagnostics,
) -> render::Output {
    let images = crate::images::publish(
        site,
        &pipeline::image_statics(theme),
        &args.root,
        &crate::images::Published::default(),
        diagnostics,
    );
    // Highlighted as the build highlights, from and into the same file.
    let kept = site.config.markdown.highlight;
    let kept = kept
        .then(|| crate::markdown::Kept::open(&args.root))
        .flatten();
    let options = RenderOptions {
        today,
        images: &images,
        kept: kept.as_ref(),
    };
    let output = render::render(site, theme, options, diagnostics);
    if let Some(kept) = &kept {
        kept.keep(diagnostics);
    }
    output
}

/// Every source check over an assembled site, in each of its languages,
/// with the parity report: the findings and each page's reading age.
/// Pure: no disk, no network.
pub(crate) fn check_site(site: &Site, today: NaiveDate) -> (Vec<Error>, Vec<Reading>) {
    let mut errors = parity::check(site);
    let mut readings = Vec::new();
    for each in site.each_language() {
        let (found, read) = check_language(each, today);
        errors.extend(found);
        readings.extend(read);
    }
    (errors, readings)
}

/// Whether the plain-English measures (reading age, jargon, acronyms)
/// apply to a language: they are made for English text only.
fn is_english(language: &str) -> bool {
    let primary = language.split('-').next().unwrap_or(language);
    primary.eq_ignore_ascii_case("en")
}

/// The source checks of one language's pages. Text in a language other
/// than English is checked for sentence length alone of the plain-English
/// measures.
fn check_language(site: &Site, today: NaiveDate) -> (Vec<Error>, Vec<Reading>) {
    let is_english = is_english(&site.config.language);
    let targets: Vec<crate::config::CheckConfig> = (0..site.sections.len())
        .map(|index| section_targets(site, index))
        .collect();
    let pages = site.pages.iter().map(|entry| (&*entry.page, entry.section));
    let sections = site
        .sections
        .iter()
        .enumerate()
        .map(|(index, entry)| (&*entry.page, index));
    let per_page: Vec<(Vec<Error>, Option<Reading>)> = pages
        .chain(sections)
        .filter(|(page, _)| !page.text.is_empty())
        .collect::<Vec<_>>()
        .par_iter()
        .map(|&(page, section)| check_page(page, &site.config, &targets[section], is_english))
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

/// The source checks of one page, against its section's `settings`:
/// of the plain-English measures, sentence length alone unless the page
/// is in English.
fn check_page(
    page: &Page,
    config: &crate::config::Config,
    settings: &crate::config::CheckConfig,
    is_english: bool,
) -> (Vec<Error>, Option<Reading>) {
    let source = source::Source::new(page);
    let mut errors = placeholder::check(page);
    errors.extend(accessibility::check(&source, config));
    errors.extend(language::check(&source, &config.language));
    let (plain, reading) = plain::check(&source, settings);
    if !is_english {
        let sentences = plain.into_iter();
        errors.extend(sentences.filter(|e| e.kind == ErrorKind::Check(Rule::LongSentence)));
        return (errors, None);
    }
    errors.extend(plain);
    errors.extend(words::check(&source, settings));
    (errors, reading)
}

/// The plain-English targets of the pages in section `index`: site.yaml's,
/// with the language's glossary among the known acronyms, and each
/// section's own `check:` from the top down laid over them.
fn section_targets(site: &Site, index: usize) -> crate::config::CheckConfig {
    let mut chain = Vec::new();
    let mut at = Some(index);
    while let Some(section) = at.and_then(|i| site.sections.get(i)) {
        chain.push(section);
        at = section.parent;
    }
    let mut targets = site.config.check.clone();
    // The glossary of the pages' language defines its terms: the acronym
    // check counts them as spelled out.
    for (term, definition) in &site.config.glossary {
        targets
            .glossary
            .entry(term.clone())
            .or_insert_with(|| definition.clone());
    }
    for section in chain.iter().rev() {
        if let Some(own) = &section.page.front.check {
            if let Some(words) = own.max_sentence_words {
                targets.max_sentence_words = words;
            }
            if let Some(age) = own.reading_age {
                targets.reading_age = age;
            }
        }
    }
    targets
}

/// Every page and section that has a file behind it.
fn checked_pages(site: &Site) -> impl Iterator<Item = &Page> {
    let pages = site.pages.iter().map(|entry| &*entry.page);
    let sections = site.sections.iter().map(|entry| &*entry.page);
    pages.chain(sections).filter(|page| !page.text.is_empty())
}
