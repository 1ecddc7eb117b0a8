//! Machine-read files: Atom feeds, `sitemap.xml`, `robots.txt` and redirects.
//!
//! Written directly rather than through theme templates, so that every
//! theme produces valid feeds and redirects without extra work.

use std::collections::HashSet;

use chrono::NaiveDate;
use rayon::prelude::*;

use super::pages::Builder;
use super::{Changed, Contents, Fronts, OutputFile};
use crate::content::{dates, Site, Target};
use crate::markdown::escape_html;

/// How many entries a feed carries.
const FEED_LIMIT: usize = 20;

/// Every feed of a site, with its pages' dates: worked out once per render,
/// for [`Feeds::entry_pages`] and for [`all`], and kept for the next render.
#[derive(Debug)]
pub struct Feeds {
    dates: Dates,
    feeds: Vec<Feed>,
}

impl Feeds {
    pub fn of(site: &Site) -> Self {
        let dates = Dates::of(site);
        let feeds = feeds(site, &dates);
        Feeds { dates, feeds }
    }

    /// The pages some feed shows, whose bodies must be kept for it.
    pub fn entry_pages(&self) -> HashSet<usize> {
        self.feeds
            .iter()
            .flat_map(|feed| &feed.entries)
            .filter_map(|&(_, target)| match target {
                Target::Page(i) => Some(i),
                Target::Section(_) => None,
            })
            .collect()
    }
}

/// Which feeds and other machine-read files a render makes.
#[derive(Clone, Copy)]
pub enum Wanted<'a> {
    /// Every one.
    All,
    /// After body-only edits of these pages and courses: the feeds that
    /// show one of them (nothing else depends on a body).
    Showing(&'a Changed),
    /// After the front matter edit `Fronts` of these pages and sections,
    /// of a site whose last feeds were these: the feeds that show one of
    /// them or whose entries or titles changed, those of the terms whose
    /// files are all made again (`Fronts::terms`: a feed not made again
    /// there would be taken as gone), and `sitemap.xml` when the edit
    /// changed its dates or terms. `robots.txt` and the redirects follow
    /// from what such an edit leaves as it was.
    Since(&'a Changed, &'a Feeds, &'a Fronts),
}

impl Wanted<'_> {
    fn is_wanted(&self, feed: &Feed) -> bool {
        let shows = |changed: &Changed| feed.entries.iter().any(|&(_, t)| changed.contains(t));
        match self {
            Wanted::All => true,
            Wanted::Showing(changed) => shows(changed),
            Wanted::Since(changed, last, fronts) => {
                let is_term_made = fronts.terms.contains(&feed.html_path);
                shows(changed) || !last.feeds.contains(feed) || is_term_made
            }
        }
    }
}

/// The feeds `wanted` names, the sitemap, robots.txt, and the redirects.
pub fn all(builder: &Builder, feeds: &Feeds, wanted: Wanted) -> Vec<OutputFile> {
    let site = builder.site;
    let mut files: Vec<OutputFile> = feeds
        .feeds
        .par_iter()
        .filter(|feed| wanted.is_wanted(feed))
        .map(|feed| text_file(&feed.path, atom(builder, &feeds.dates, feed)))
        .collect();
    let is_all = matches!(wanted, Wanted::All);
    // One site map for the whole site: the default language's lists every
    // language's pages, each with its alternates.
    let is_sitemap_wanted = match wanted {
        Wanted::All => true,
        Wanted::Showing(_) => false,
        Wanted::Since(_, _, fronts) => fronts.is_dates_changed || fronts.is_terms_changed,
    };
    if is_sitemap_wanted && site.config.is_default_language() {
        files.push(text_file("sitemap.xml", sitemap(site)));
    }
    if is_all {
        files.push(text_file(
            "robots.txt",
            format!(
                "User-agent: *\nAllow: /\n\nSitemap: {}sitemap.xml\n",
                site.config.base_url
            ),
        ));
        files.extend(redirects(site));
    }
    files
}

/// Every feed of the site: the whole site's, each term's and each dated
/// section's. Courses are entries beside pages: a new course is news to
/// the site's, its terms' and its parent section's readers.
fn feeds(site: &Site, dates: &Dates) -> Vec<Feed> {
    if !site.config.feeds {
        return Vec::new();
    }
    let pages = (0..site.pages.len()).map(Target::Page);
    let courses = dates.courses.iter().map(|&i| Target::Section(i));
    let everything: Vec<Target> = pages.chain(courses).collect();
    let mut feeds = vec![Feed {
        path: "atom.xml".to_string(),
        title: site.config.title.clone(),
        html_path: String::new(),
        entries: dates.newest(&everything),
    }];
    feeds.extend(term_feeds(site, dates));
    for (index, section) in site.sections.iter().enumerate().skip(1) {
        if let Some(path) = section_feed(site, index) {
            feeds.push(Feed {
                path,
                title: format!("{}: {}", site.config.title, section.page.title()),
                html_path: section.path.clone(),
                entries: dates.newest(&section_entries(site, index)),
            });
        }
    }
    feeds
}

/// A feed for each term of the taxonomies that have feeds: its pages and
/// courses.
fn term_feeds(site: &Site, dates: &Dates) -> Vec<Feed> {
    let mut feeds = Vec::new();
    for taxonomy in site.taxonomies.iter().filter(|t| t.config.feed) {
        for term in &taxonomy.terms {
            let html_path = term.path(&taxonomy.config.name);
            feeds.push(Feed {
                path: format!("{html_path}atom.xml"),
                title: format!("{}: {}", site.config.title, term.title()),
                html_path,
                // `newest` orders them, pages before courses on one date.
                entries: dates.newest(&term.listed().collect::<Vec<_>>()),
            });
        }
    }
    feeds
}

/// What a section's feed shows: its pages, and its courses.
fn section_entries(site: &Site, index: usize) -> Vec<Target> {
    let section = &site.sections[index];
    let pages = section.pages.iter().map(|&i| Target::Page(i));
    let courses = section
        .subsections
        .iter()
        .filter(|&&i| site.sections[i].kind.is_course())
        .map(|&i| Target::Section(i));
    pages.chain(courses).collect()
}

/// One Atom feed to write.
#[derive(Debug, PartialEq)]
struct Feed {
    /// Its output path.
    path: String,
    title: String,
    /// The URL path of the HTML page it follows.
    html_path: String,
    /// Its pages and courses, newest first, with their dates.
    entries: Vec<(NaiveDate, Target)>,
}

/// Each page's and course's dates, parsed once for all feeds.
#[derive(Debug)]
struct Dates {
    /// `date`, by page index.
    published: Vec<Option<NaiveDate>>,
    /// `updated`, or else `date`, by page index.
    updated: Vec<Option<NaiveDate>>,
    /// `date` and `updated` (or `date`), by section index: courses only.
    sections: Vec<(Option<NaiveDate>, Option<NaiveDate>)>,
    /// The courses that have a date.
    courses: Vec<usize>,
}

impl Dates {
    fn of(site: &Site) -> Self {
        let published: Vec<Option<NaiveDate>> =
            site.pages.par_iter().map(|e| e.page.date()).collect();
        let updated = site
            .pages
            .par_iter()
            .zip(&published)
            .map(|(e, date)| e.page.updated().or(*date))
            .collect();
        let sections: Vec<(Option<NaiveDate>, Option<NaiveDate>)> = (0..site.sections.len())
            .map(|i| {
                let page = &site.sections[i].page;
                if site.sections[i].kind.is_course() {
                    (page.date(), page.updated().or(page.date()))
                } else {
                    (None, None)
                }
            })
            .collect();
        let courses = (0..sections.len())
            .filter(|&i| sections[i].0.is_some())
            .collect();
        Dates {
            published,
            updated,
            sections,
            courses,
        }
    }

    fn published(&self, target: Target) -> Option<NaiveDate> {
        match target {
            Target::Page(i) => self.published[i],
            Target::Section(i) => self.sections[i].0,
        }
    }

    fn updated(&self, target: Target) -> Option<NaiveDate> {
        match target {
            Target::Page(i) => self.updated[i],
            Target::Section(i) => self.sections[i].1,
        }
    }

    /// The newest dated entries among `targets`, newest first (pages
    /// before courses on the same day).
    fn newest(&self, targets: &[Target]) -> Vec<(NaiveDate, Target)> {
        let mut dated: Vec<(NaiveDate, Target)> = targets
            .iter()
            .filter_map(|&t| self.published(t).map(|d| (d, t)))
            .collect();
        dated.sort_by(|a, b| b.0.cmp(&a.0).then(order(a.1).cmp(&order(b.1))));
        dated.truncate(FEED_LIMIT);
        dated
    }
}

/// Pages first, each kind in site order.
fn order(target: Target) -> (u8, usize) {
    match target {
        Target::Page(i) => (0, i),
        Target::Section(i) => (1, i),
    }
}

/// The feed of a section (not the home page) whose pages or courses carry
/// dates.
pub fn section_feed(site: &Site, index: usize) -> Option<String> {
    let is_dated = section_entries(site, index).into_iter().any(|target| {
        let page = match target {
            Target::Page(i) => &site.pages[i].page,
            Target::Section(i) => &site.sections[i].page,
        };
        page.front.date.is_some()
    });
    (site.config.feeds && index > 0 && is_dated)
        .then(|| format!("{}atom.xml", site.sections[index].path))
}

fn text_file(path: &str, text: String) -> OutputFile {
    OutputFile {
        path: path.to_string(),
        contents: Contents::Bytes(text.into_bytes()),
    }
}

/// The XML of an Atom feed.
fn atom(builder: &Builder, dates: &Dates, feed: &Feed) -> String {
    let site = builder.site;
    let (title, path, html_path, entries) =
        (&feed.title, &feed.path, &feed.html_path, &feed.entries);
    let updated = entries
        .iter()
        .filter_map(|&(_, target)| dates.updated(target))
        .max()
        .unwrap_or(builder.today);
    let mut xml = format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n  <title>{}</title>\n  <id>{}</id>\n  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>\n  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n  <updated>{}</updated>\n  <author><name>{}</name></author>\n  <generator>Hearth</generator>\n",
        escape_xml(&site.config.language),
        escape_xml(title),
        escape_xml(&site.permalink(path)),
        escape_xml(&site.permalink(path)),
        escape_xml(&site.permalink(html_path)),
        dates::rfc3339(updated),
        escape_xml(&site.config.title),
    );
    for &(date, target) in entries {
        xml.push_str(&entry(builder, target, date, dates.updated(target)));
    }
    xml.push_str("</feed>\n");
    xml
}

fn entry(
    builder: &Builder,
    target: Target,
    published: NaiveDate,
    updated: Option<NaiveDate>,
) -> String {
    let site = builder.site;
    let (path, page, body) = source_of(builder, target);
    let permalink = site.permalink(path);
    let updated = updated.unwrap_or(published);
    let summary = page
        .front
        .description
        .as_deref()
        .map(|d| format!("    <summary>{}</summary>\n", escape_xml(d)))
        .unwrap_or_default();
    let content = absolute_links(&body.html, site);
    format!(
        "  <entry>\n    <title>{}</title>\n    <id>{}</id>\n    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n    <published>{}</published>\n    <updated>{}</updated>\n{}    <content type=\"html\">{}</content>\n  </entry>\n",
        escape_xml(page.title()),
        escape_xml(&permalink),
        escape_xml(&permalink),
        dates::rfc3339(published),
        dates::rfc3339(updated),
        summary,
        escape_xml(&content),
    )
}

/// A feed entry's path, page and rendered body.
fn source_of<'a>(
    builder: &'a Builder,
    target: Target,
) -> (
    &'a str,
    &'a crate::content::Page,
    &'a crate::markdown::Rendered,
) {
    let site = builder.site;
    match target {
        Target::Page(i) => (
            &site.pages[i].path,
            &site.pages[i].page,
            builder.bodies.pages[i].as_ref(),
        ),
        Target::Section(i) => (
            &site.sections[i].path,
            &site.sections[i].page,
            builder.bodies.sections[i].as_ref(),
        ),
    }
}

/// Makes root-relative links absolute, as feed readers need.
fn absolute_links(html: &str, site: &Site) -> String {
    let origin = site.config.base_url.trim_end_matches('/');
    let origin = origin
        .strip_suffix(site.config.base_path.trim_end_matches('/'))
        .unwrap_or(origin);
    with_origin(html, origin)
}

/// `html` with `origin` put in front of each root-relative `href="/…"` and
/// `src="/…"`, in one pass (a page's body can be in several feeds).
/// Protocol-relative addresses (`//host/…`) already name their host.
fn with_origin(html: &str, origin: &str) -> String {
    let mut out = String::with_capacity(html.len() + 256);
    let mut copied = 0;
    for at in memchr::memmem::find_iter(html.as_bytes(), b"=\"/") {
        let is_link = html[..at].ends_with("href") || html[..at].ends_with("src");
        let path = at + 2;
        if is_link && !html[path..].starts_with("//") {
            out.push_str(&html[copied..path]);
            out.push_str(origin);
            copied = path;
        }
    }
    out.push_str(&html[copied..]);
    out
}

fn sitemap(home: &Site) -> String {
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\"");
    if !home.translations.is_empty() {
        xml.push_str(" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\"");
    }
    xml.push_str(">\n");
    for site in home.each_language() {
        sitemap_urls(site, &mut xml);
    }
    xml.push_str("</urlset>\n");
    xml
}

/// The `<xhtml:link>` alternates of the page at `path`, when it has any.
fn sitemap_alternates(site: &Site, path: &str, xml: &mut String) {
    for alternate in site.alternates_of(path).into_iter().flatten() {
        xml.push_str(&format!(
            "    <xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>\n",
            escape_xml(&alternate.language),
            escape_xml(&alternate.permalink)
        ));
    }
}

fn sitemap_urls(site: &Site, xml: &mut String) {
    let sections = site.sections.iter().map(|s| (&s.path, &s.page));
    let pages = site.pages.iter().map(|p| (&p.path, &p.page));
    for (path, page) in sections.chain(pages) {
        xml.push_str(&format!(
            "  <url>\n    <loc>{}</loc>\n",
            escape_xml(&site.permalink(path))
        ));
        let lastmod = page
            .front
            .updated
            .as_ref()
            .or(page.front.date.as_ref())
            .and_then(|t| dates::parse(&t.0));
        if let Some(date) = lastmod {
            xml.push_str(&format!("    <lastmod>{date}</lastmod>\n"));
        }
        sitemap_alternates(site, path, xml);
        xml.push_str("  </url>\n");
    }
    taxonomy_urls(site, xml);
}

/// The sitemap's entries for each taxonomy's list and its terms.
fn taxonomy_urls(site: &Site, xml: &mut String) {
    for taxonomy in &site.taxonomies {
        let name = &taxonomy.config.name;
        xml.push_str(&format!(
            "  <url>\n    <loc>{}</loc>\n  </url>\n",
            escape_xml(&site.permalink(&format!("{name}/")))
        ));
        for term in &taxonomy.terms {
            let loc = site.permalink(&term.path(name));
            xml.push_str(&format!(
                "  <url>\n    <loc>{}</loc>\n  </url>\n",
                escape_xml(&loc)
            ));
        }
    }
}

/// A redirect page per alias, and `_redirects` for hosts that read one.
fn redirects(site: &Site) -> Vec<OutputFile> {
    if site.aliases.is_empty() {
        return Vec::new();
    }
    let mut files = Vec::new();
    let mut lines = String::new();
    for alias in &site.aliases {
        let to = site.url(&alias.to);
        let permalink = site.permalink(&alias.to);
        let html = format!(
            "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<title>Moved to {}</title>\n<meta name=\"robots\" content=\"noindex\">\n<link rel=\"canonical\" href=\"{}\">\n<meta http-equiv=\"refresh\" content=\"0; url={}\">\n</head>\n<body>\n<p>This page has moved to <a href=\"{}\">{}</a>.</p>\n</body>\n</html>\n",
            escape_xml(&site.config.language),
            escape_xml(&permalink),
            escape_xml(&permalink),
            escape_xml(&to),
            escape_xml(&to),
            escape_xml(&permalink),
        );
        files.push(super::html_file(&alias.from, html));
        // One rule a line, its parts split at spaces: an old address with
        // a space in it is written encoded, as browsers send it.
        let from = site.url(&super::encode_path(&alias.from));
        lines.push_str(&format!(
            "{from} {} 301\n",
            site.url(&super::encode_path(&alias.to))
        ));
    }
    files.push(text_file("_redirects", lines));
    files
}

/// Text escaped for XML, less the characters XML 1.0 does not allow at all
/// (control characters other than tab and line ends, U+FFFE and U+FFFF),
/// which would make a feed reader reject the whole feed. Typed ones are
/// read as spaces when a page is read; a backslash escape in a quoted
/// front matter value can still make one, with a warning.
fn escape_xml(text: &str) -> String {
    let is_allowed = |c: char| matches!(c, '\t' | '\n' | '\r' | ' '..='\u{fffd}' | '\u{10000}'..);
    // Bytes first: below 0x20 is a control, 0xEF 0xBF 0xBE and 0xBF are
    // U+FFFE and U+FFFF. Entries hold whole pages, so this is most of the
    // time spent here.
    let bytes = text.as_bytes();
    let has_c0 = crate::files::any_byte(bytes, crate::files::is_stray_c0);
    let has_ffff = memchr::memmem::find_iter(bytes, b"\xef\xbf")
        .any(|at| matches!(bytes.get(at + 2), Some(0xbe | 0xbf)));
    if !has_c0 && !has_ffff {
        escape_html(text)
    } else {
        escape_html(&text.chars().filter(|&c| is_allowed(c)).collect::<String>())
    }
}

#[cfg(test)]
mod tests {
    use super::with_origin;

    #[test]
    fn root_relative_links_and_images_get_the_origin() {
        let html = r#"<p><a href="/courses/x/">x</a> <img src="/img/a.png" alt=""></p>"#;
        assert_eq!(
            with_origin(html, "https://t.example"),
            r#"<p><a href="https://t.example/courses/x/">x</a> <img src="https://t.example/img/a.png" alt=""></p>"#
        );
    }

    #[test]
    fn other_addresses_are_left_as_they_are() {
        let html = concat!(
            r#"<a href="https://elsewhere.example/">a</a> <a href="page/">b</a> "#,
            r##"<a href="#top">c</a> <img src="//cdn.example/x.png" alt=""> "##,
            r#"<span title="/not-a-link">d</span> <a href="mailto:x@t.example">e</a>"#
        );
        assert_eq!(with_origin(html, "https://t.example"), html);
    }

    #[test]
    fn every_link_in_a_long_body_is_rewritten() {
        let html = r#"<a href="/a/">a</a>"#.repeat(500);
        let out = with_origin(&html, "https://t.example");
        assert_eq!(out.matches(r#"href="https://t.example/a/""#).count(), 500);
        assert!(!out.contains(r#"href="/"#));
    }
}
