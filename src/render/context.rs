//! Typed template contexts: what each template can read, as borrowed structs.
//!
//! docs/templates.md documents every field here for theme authors. Listings
//! carry summaries (title, URL, date, kind), never page bodies, so a term
//! page on a large site stays small.

use serde::Serialize;

use crate::content::front_matter::LinkItem;
use crate::markdown::Heading;

/// `site`: the same for every template.
#[derive(Debug, Serialize)]
pub struct SiteContext<'a> {
    pub title: &'a str,
    pub description: &'a str,
    pub language: &'a str,
    pub base_url: &'a str,
    pub base_path: &'a str,
    /// The base path of the whole site, the default language's.
    pub root_path: &'a str,
    pub menu: Vec<MenuLink>,
    pub taxonomies: Vec<TaxonomyLink>,
    /// The site's Atom feed; none when site.yaml says `feeds: false`.
    pub feed_url: Option<String>,
    pub a_z_url: String,
    pub sitemap_url: String,
    pub accessibility_url: Option<String>,
    pub search_url: Option<String>,
    pub extra: &'a serde_json::Map<String, serde_json::Value>,
    pub year: i32,
}

/// `current`: the page being rendered, whatever its template, for the
/// `<title>`, canonical link, description and menu state.
#[derive(Debug, Clone, Serialize)]
pub struct Current {
    pub title: String,
    pub url: String,
    pub permalink: String,
    pub description: String,
    pub is_home: bool,
    /// Every language version of this page, this one included (empty
    /// when it has no counterpart).
    pub alternates: Vec<crate::content::languages::Alternate>,
}

/// Pages Hearth makes at the same address in every language.
const MADE_IN_EVERY_LANGUAGE: [&str; 5] =
    ["a-z/", "sitemap/", "search/", "accessibility/", "404.html"];

/// Views Hearth makes of every course at an address below it (its print
/// view): they have a counterpart wherever the course has one. (A
/// handout, made only for a course with modules, pairs as the content
/// stage's made pages do.)
const VIEWS_OF_A_SECTION: [&str; 2] = ["print/", "instructor/"];

/// The versions of the page at `path`: a content page's counterparts, a
/// made page's (taxonomies, glossary, handouts) in the languages that
/// have it, or a page Hearth makes in every language.
fn alternates(
    site: &crate::content::Site,
    path: &str,
) -> Vec<crate::content::languages::Alternate> {
    if let Some(found) = site.alternates_of(path) {
        return found.clone();
    }
    if let Some(found) = view_alternates(site, path) {
        return found;
    }
    let config = &site.config;
    if config.languages.is_empty() || !MADE_IN_EVERY_LANGUAGE.contains(&path) {
        return Vec::new();
    }
    let root = config.site_base_url();
    config
        .all_languages()
        .into_iter()
        .map(|language| {
            let prefix = config.language_prefix(language);
            crate::content::languages::Alternate {
                language: language.to_string(),
                url: format!("{}{prefix}{path}", config.site_base_path),
                permalink: format!("{root}{prefix}{path}"),
            }
        })
        .collect()
}

/// The versions of a print or instructor view: those of its course's.
fn view_alternates(
    site: &crate::content::Site,
    path: &str,
) -> Option<Vec<crate::content::languages::Alternate>> {
    VIEWS_OF_A_SECTION.iter().find_map(|view| {
        let found = site.alternates_of(path.strip_suffix(view)?)?;
        let alternates = found
            .iter()
            .map(|alternate| crate::content::languages::Alternate {
                language: alternate.language.clone(),
                url: format!("{}{view}", alternate.url),
                permalink: format!("{}{view}", alternate.permalink),
            })
            .collect();
        Some(alternates)
    })
}

impl Current {
    /// The current page at URL path `path`.
    pub fn new(
        site: &crate::content::Site,
        title: &str,
        path: &str,
        description: Option<&str>,
    ) -> Self {
        Current {
            title: title.to_string(),
            url: site.url(path),
            permalink: site.permalink(path),
            description: description.unwrap_or(&site.config.description).to_string(),
            is_home: path.is_empty(),
            alternates: alternates(site, path),
        }
    }
}

/// One menu entry.
#[derive(Debug, Serialize)]
pub struct MenuLink {
    pub name: String,
    pub url: String,
    pub is_external: bool,
}

/// One declared taxonomy, for navigation.
#[derive(Debug, Serialize)]
pub struct TaxonomyLink {
    pub name: String,
    pub title: String,
    pub url: String,
}

/// A link with a title (breadcrumbs, evidence, resources).
#[derive(Debug, Clone, Serialize)]
pub struct Link {
    pub title: String,
    pub url: String,
}

/// Where an entry of a flat outline sits in the nested lists it is shown
/// as, so a template can write nested `<ul>`s in one loop: after the
/// entry's link, `<ul>` when `opens`, else `</li>`, then `</ul></li>`
/// `closes` times.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Nesting {
    /// 1 for the outermost list.
    pub depth: usize,
    /// The next entry is this one's first child.
    pub opens: bool,
    /// How many lists end after this entry.
    pub closes: usize,
}

/// The nesting of each entry of an outline given by its depths: the first
/// at 1, each at most one deeper than the one before.
pub fn nesting(depths: &[usize]) -> Vec<Nesting> {
    depths
        .iter()
        .enumerate()
        .map(|(i, &depth)| {
            let next = depths.get(i + 1).copied().unwrap_or(1);
            Nesting {
                depth,
                opens: next > depth,
                closes: depth.saturating_sub(next),
            }
        })
        .collect()
}

/// `toc`: a page's table of contents as a flat list, and how many entries.
#[derive(Debug, Serialize)]
pub struct Toc<'a> {
    pub entries: Vec<TocEntry<'a>>,
    pub count: usize,
}

/// One table-of-contents entry, with where it nests.
#[derive(Debug, Serialize)]
pub struct TocEntry<'a> {
    pub level: u8,
    pub id: &'a str,
    pub title: &'a str,
    pub depth: usize,
    pub opens: bool,
    pub closes: usize,
}

/// The table of contents from flat headings (h1 left out). A heading
/// nests under the nearest heading before it of a higher level.
pub fn toc(headings: &[Heading]) -> Toc<'_> {
    let shown: Vec<&Heading> = headings.iter().filter(|h| h.level > 1).collect();
    let entries: Vec<TocEntry> = shown
        .iter()
        .zip(nesting(&toc_depths(&shown)))
        .map(|(heading, nesting)| TocEntry {
            level: heading.level,
            id: &heading.id,
            title: &heading.title,
            depth: nesting.depth,
            opens: nesting.opens,
            closes: nesting.closes,
        })
        .collect();
    Toc {
        count: entries.len(),
        entries,
    }
}

/// Each heading's depth: one more than the number of headings open above
/// it, an open heading being one of a lower level not yet closed by one of
/// its own level or lower.
fn toc_depths(headings: &[&Heading]) -> Vec<usize> {
    let mut open: Vec<u8> = Vec::new();
    headings
        .iter()
        .map(|heading| {
            while open.last().is_some_and(|&level| level >= heading.level) {
                open.pop();
            }
            open.push(heading.level);
            open.len()
        })
        .collect()
}

/// `{minutes, display}`.
#[derive(Debug, Clone, Serialize)]
pub struct DurationContext {
    pub minutes: u32,
    pub display: String,
}

impl DurationContext {
    /// From minutes, shown in the language of `words`.
    pub fn new(minutes: u32, words: &crate::i18n::Translator) -> Self {
        DurationContext {
            minutes,
            display: words.duration(minutes),
        }
    }
}

/// Review dates.
#[derive(Debug, Serialize)]
pub struct ReviewContext {
    pub last_reviewed: Option<String>,
    pub last_reviewed_display: Option<String>,
    pub due: Option<String>,
    pub due_display: Option<String>,
    pub is_overdue: bool,
}

/// A taxonomy a page uses, with its terms.
#[derive(Debug, Serialize)]
pub struct PageTaxonomy {
    pub name: String,
    pub title: String,
    pub terms: Vec<TermLink>,
}

/// A term link.
#[derive(Debug, Clone, Serialize)]
pub struct TermLink {
    pub name: String,
    pub url: String,
}

/// `page.image`: the front matter's picture, published at several sizes;
/// `path` is what the `image()` function takes.
#[derive(Debug, Clone, Serialize)]
pub struct CoverContext<'a> {
    pub path: String,
    pub alt: &'a str,
}

/// `page`.
#[derive(Debug, Serialize)]
pub struct PageContext<'a> {
    pub title: &'a str,
    pub description: Option<&'a str>,
    pub image: Option<CoverContext<'a>>,
    pub kind: &'static str,
    pub kind_label: String,
    pub url: String,
    pub permalink: String,
    pub date: Option<&'a str>,
    pub updated: Option<&'a str>,
    pub date_display: Option<String>,
    pub updated_display: Option<String>,
    pub content: &'a str,
    pub toc: Toc<'a>,
    pub word_count: usize,
    pub reading_minutes: usize,
    pub taxonomies: Vec<PageTaxonomy>,
    pub review: Option<ReviewContext>,
    pub extra: &'a serde_json::Map<String, serde_json::Value>,
    pub module: Option<ModuleContext<'a>>,
    pub commitment: Option<CommitmentContext<'a>>,
    pub brief: Option<BriefContext<'a>>,
}

/// `page.module`.
#[derive(Debug, Serialize)]
pub struct ModuleContext<'a> {
    pub number: usize,
    pub count: usize,
    pub duration: DurationContext,
    pub outcomes: &'a [String],
    /// The body shows the outcomes itself, in a `::: objectives` block.
    pub has_objectives_block: bool,
    /// The description is the body's `::: questions` list, shown there.
    pub is_description_from_questions: bool,
    pub prerequisites: &'a [String],
    pub resources: Vec<Link>,
    pub course: CourseLink,
}

/// The course a module belongs to.
#[derive(Debug, Serialize)]
pub struct CourseLink {
    pub title: String,
    pub url: String,
    pub print_url: String,
}

/// `page.commitment`.
#[derive(Debug, Serialize)]
pub struct CommitmentContext<'a> {
    pub number: u32,
    pub total: usize,
    pub sector: &'a str,
    pub asks: &'a str,
    pub actions: &'a [String],
    pub status: &'static str,
    pub status_label: &'static str,
    pub status_date: Option<String>,
    pub status_date_display: Option<String>,
    pub evidence: Vec<Link>,
}

/// `page.brief`.
#[derive(Debug, Serialize)]
pub struct BriefContext<'a> {
    pub document_type: String,
    pub summary: &'a str,
    pub recommendations: Vec<String>,
    pub references: Vec<ReferenceContext<'a>>,
    pub version: &'a str,
    pub status: &'static str,
    pub status_label: &'static str,
    pub approved_by: Option<&'a str>,
    pub approved_on_display: Option<String>,
    pub owner: Option<&'a str>,
    pub published_display: Option<String>,
    pub updated_display: Option<String>,
    pub review_due_display: Option<String>,
    pub superseded_by: Option<Link>,
}

/// One numbered reference.
#[derive(Debug, Serialize)]
pub struct ReferenceContext<'a> {
    pub number: usize,
    pub id: &'a str,
    pub title: &'a str,
    pub url: Option<String>,
    pub publisher: Option<&'a str>,
    pub date: Option<&'a str>,
}

/// A page in a listing: metadata, never the body.
#[derive(Debug, Clone, Serialize)]
pub struct PageSummary<'a> {
    pub title: &'a str,
    pub url: String,
    pub description: Option<&'a str>,
    pub image: Option<CoverContext<'a>>,
    pub kind: &'static str,
    pub kind_label: String,
    pub date: Option<&'a str>,
    pub date_display: Option<String>,
    pub module_number: Option<usize>,
    pub duration: Option<DurationContext>,
    pub outcomes: Option<&'a [String]>,
    pub commitment_number: Option<u32>,
    pub sector: Option<&'a str>,
    pub status: Option<&'static str>,
    pub status_label: Option<&'static str>,
    pub status_date_display: Option<String>,
}

/// A child section in a listing.
#[derive(Debug, Serialize)]
pub struct SectionSummary<'a> {
    pub title: &'a str,
    pub url: String,
    pub description: Option<&'a str>,
    pub image: Option<CoverContext<'a>>,
    pub kind: &'static str,
    pub page_count: usize,
}

/// `section`.
#[derive(Debug, Serialize)]
pub struct SectionContext<'a> {
    pub title: &'a str,
    pub description: Option<&'a str>,
    pub image: Option<CoverContext<'a>>,
    pub kind: &'static str,
    pub url: String,
    pub permalink: String,
    pub content: &'a str,
    pub toc: Toc<'a>,
    pub extra: &'a serde_json::Map<String, serde_json::Value>,
    pub review: Option<ReviewContext>,
    pub pages: Vec<PageSummary<'a>>,
    pub subsections: Vec<SectionSummary<'a>>,
    pub course: Option<CourseContext<'a>>,
    pub feed_url: Option<String>,
}

/// `section.course`.
#[derive(Debug, Serialize)]
pub struct CourseContext<'a> {
    pub summary: &'a str,
    pub audiences: Vec<TermLink>,
    pub delivery: Vec<String>,
    pub schedule: Option<&'a str>,
    pub duration: DurationContext,
    pub is_duration_computed: bool,
    pub outcomes: &'a [String],
    pub module_count: usize,
    pub print_url: String,
}

/// `paginator`.
#[derive(Debug, Serialize)]
pub struct Paginator<'a> {
    pub pages: Vec<PageSummary<'a>>,
    pub current: usize,
    pub count: usize,
    pub previous_url: Option<String>,
    pub next_url: Option<String>,
    pub links: Vec<PaginatorLink>,
}

/// One numbered pagination link, or a gap where numbers are left out.
#[derive(Debug, Serialize, PartialEq, Eq)]
pub struct PaginatorLink {
    pub number: usize,
    pub url: String,
    pub is_current: bool,
    pub is_gap: bool,
}

/// `taxonomy`.
#[derive(Debug, Serialize)]
pub struct TaxonomyContext {
    pub name: String,
    pub title: String,
    pub url: String,
    pub terms: Vec<TermSummary>,
}

impl TaxonomyContext {
    /// `taxonomy` of `site` with each of its terms summarised.
    pub fn of(site: &crate::content::Site, taxonomy: &crate::content::Taxonomy) -> Self {
        let name = &taxonomy.config.name;
        TaxonomyContext {
            name: name.clone(),
            title: taxonomy.config.display_title(),
            url: site.url(&format!("{name}/")),
            terms: taxonomy
                .terms
                .iter()
                .map(|t| TermSummary {
                    name: t.name.clone(),
                    title: t.title(),
                    slug: t.slug.clone(),
                    url: site.url(&t.path(name)),
                    page_count: t.count(),
                })
                .collect(),
        }
    }
}

/// A term in the taxonomy list.
#[derive(Debug, Serialize)]
pub struct TermSummary {
    pub name: String,
    /// The name with a capital first letter, for headings and titles.
    pub title: String,
    pub slug: String,
    pub url: String,
    pub page_count: usize,
}

/// `term`.
#[derive(Debug, Serialize)]
pub struct TermContext<'a> {
    pub name: &'a str,
    /// The name with a capital first letter, for headings and titles.
    pub title: String,
    pub slug: &'a str,
    pub url: String,
    pub feed_url: Option<String>,
    pub pages: Vec<PageSummary<'a>>,
}

/// `charter`.
#[derive(Debug, Serialize)]
pub struct CharterContext<'a> {
    pub total: usize,
    pub counts: ProgressCounts,
    pub percent_achieved: usize,
    pub json_url: String,
    pub csv_url: String,
    pub commitments: Vec<PageSummary<'a>>,
}

/// Commitments by status.
#[derive(Debug, Default, Serialize)]
pub struct ProgressCounts {
    pub not_started: usize,
    pub in_progress: usize,
    pub achieved: usize,
}

/// One letter of the A-Z index.
#[derive(Debug, Serialize)]
pub struct Letter {
    pub letter: String,
    pub id: String,
    /// The pages' summaries, as `get_page` gives them.
    pub pages: Vec<tera::Value>,
}

/// A section or page in the HTML site map, with where it nests.
#[derive(Debug, PartialEq, Serialize)]
pub struct MapEntry {
    pub title: String,
    pub url: String,
    pub depth: usize,
    pub opens: bool,
    pub closes: usize,
}

/// Turns front matter links into resolved links.
pub fn links(items: &[LinkItem], mut resolve: impl FnMut(&str) -> String) -> Vec<Link> {
    items
        .iter()
        .map(|item| Link {
            title: item.title.clone(),
            url: resolve(&item.url),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headings(levels: &[u8]) -> Vec<Heading> {
        levels
            .iter()
            .enumerate()
            .map(|(i, &level)| Heading {
                level,
                id: format!("h{i}"),
                title: format!("h{i}"),
            })
            .collect()
    }

    fn depths(toc: &Toc) -> Vec<usize> {
        toc.entries.iter().map(|entry| entry.depth).collect()
    }

    #[test]
    fn toc_nests_by_level_and_drops_h1() {
        let headings = headings(&[1, 2, 3, 2, 4]);
        let toc = toc(&headings);
        assert_eq!(toc.count, 4);
        assert_eq!(toc.entries[0].id, "h1");
        assert_eq!(depths(&toc), [1, 2, 1, 2]);
    }

    #[test]
    fn a_heading_nests_under_the_nearest_higher_one() {
        assert_eq!(depths(&toc(&headings(&[2, 4, 3, 5, 2]))), [1, 2, 2, 3, 1]);
        assert_eq!(depths(&toc(&headings(&[3, 2, 3]))), [1, 1, 2]);
        assert_eq!(depths(&toc(&headings(&[2, 3, 4, 5, 6]))), [1, 2, 3, 4, 5]);
    }

    #[test]
    fn nesting_opens_and_closes_every_list() {
        let found = nesting(&[1, 2, 3, 1, 2]);
        let shape: Vec<(bool, usize)> = found.iter().map(|n| (n.opens, n.closes)).collect();
        assert_eq!(
            shape,
            [(true, 0), (true, 0), (false, 2), (true, 0), (false, 1)]
        );
        assert_eq!(nesting(&[]), []);
    }

    #[test]
    fn nesting_written_out_is_balanced_html() {
        let mut html = String::from("<ul>");
        for entry in nesting(&[1, 2, 2, 3, 4, 1, 2, 3]) {
            html.push_str("<li>x");
            html.push_str(if entry.opens { "<ul>" } else { "</li>" });
            html.push_str(&"</ul></li>".repeat(entry.closes));
        }
        html.push_str("</ul>");
        assert_eq!(html.matches("<ul>").count(), html.matches("</ul>").count());
        assert_eq!(html.matches("<li>").count(), html.matches("</li>").count());
        assert!(html.ends_with("</li></ul></li></ul></li></ul>"), "{html}");
    }
}
