//! Ways to find a page without knowing where it is: the A to Z index of
//! every page (also what the search page offers without JavaScript) and the
//! HTML site map of every section and page.

use std::collections::HashMap;

use serde::Serialize;

use super::context::{nesting, Current, Letter, Link, MapEntry};
use super::pages::Builder;
use super::site_data::SiteData;
use super::{html_file, OutputFile, Templates};
use crate::content::alphabet::Alphabet;
use crate::error::Error;

#[derive(Serialize)]
struct AzTemplate {
    current: Current,
    ancestors: Vec<Link>,
    letters: Vec<Letter>,
}

/// `a-z/`: every page, by the first letter of its title. The pages'
/// summaries are the site-wide data's when templates call for it: shared
/// values, not 10,000 summaries made again for a preview edit.
pub fn a_to_z(
    builder: &Builder,
    templates: &Templates,
    summaries: &SiteData,
) -> Result<Vec<OutputFile>, Error> {
    if !templates.has("a_z.html") {
        return Ok(Vec::new());
    }
    let letters = letters(builder, summaries);
    let fallback = format!("Every page on {}, from A to Z", builder.site.config.title);
    let context = AzTemplate {
        current: builder.site_wide_current(
            "a-z/",
            ("footer-a-z", "A to Z"),
            ("a-z-description", &fallback),
        ),
        ancestors: builder.ancestors(Some(0)),
        letters,
    };
    let html = templates.render("a_z.html", &context, "the A to Z index")?;
    Ok(vec![html_file("a-z/", html)])
}

/// Every page's summary under the first letter of its title, in the
/// alphabet of the site's language: letters in order, pages by title.
fn letters(builder: &Builder, summaries: &SiteData) -> Vec<Letter> {
    let site = builder.site;
    let alphabet = Alphabet::of(&site.config.language);
    let filed = |i: usize| alphabet.filed(&site.pages[i].page);
    let mut letters: HashMap<&str, Vec<usize>> = HashMap::new();
    for index in 0..site.pages.len() {
        letters.entry(&filed(index).letter).or_default().push(index);
    }
    let mut letters: Vec<(&str, Vec<usize>)> = letters.into_iter().collect();
    letters.sort_by(|(a, _), (b, _)| alphabet.compare_letters(a, b));
    letters
        .into_iter()
        .map(|(letter, mut pages)| {
            // Every URL starts with the base path: the URL paths order them.
            pages.sort_by_cached_key(|&i| (&filed(i).key, site.pages[i].path.as_str()));
            let letter = letter.to_string();
            let id = match letter.as_str() {
                "#" => "letter-other".to_string(),
                _ => format!("letter-{}", letter.to_lowercase()),
            };
            let pages = pages
                .into_iter()
                .map(|i| summaries.page_value(builder, i))
                .collect();
            Letter { letter, id, pages }
        })
        .collect()
}

#[derive(Serialize)]
struct MapTemplate {
    current: Current,
    ancestors: Vec<Link>,
    entries: Vec<MapEntry>,
}

/// Every section from `section` down, each followed by its pages and then
/// its subsections, one level deeper: the site map in reading order, with
/// where each entry nests.
fn map_entries(builder: &Builder, section: usize) -> Vec<MapEntry> {
    let mut found: Vec<(usize, Link)> = Vec::new();
    walk_sections(builder, section, 1, &mut found);
    let depths: Vec<usize> = found.iter().map(|(depth, _)| *depth).collect();
    found
        .into_iter()
        .zip(nesting(&depths))
        .map(|((_, link), nesting)| MapEntry {
            title: link.title,
            url: link.url,
            depth: nesting.depth,
            opens: nesting.opens,
            closes: nesting.closes,
        })
        .collect()
}

/// Adds a section at `depth`, its pages and its subsections to `found`.
fn walk_sections(builder: &Builder, section: usize, depth: usize, found: &mut Vec<(usize, Link)>) {
    let site = builder.site;
    let entry = &site.sections[section];
    let link = |title: &str, path: &str| Link {
        title: title.to_string(),
        url: site.url(path),
    };
    found.push((depth, link(entry.page.title(), &entry.path)));
    for &page in &entry.pages {
        let page = &site.pages[page];
        found.push((depth + 1, link(page.page.title(), &page.path)));
    }
    for &child in &entry.subsections {
        walk_sections(builder, child, depth + 1, found);
    }
}

/// `sitemap/`: every section and page, as nested lists.
pub fn site_map(builder: &Builder, templates: &Templates) -> Result<Vec<OutputFile>, Error> {
    if !templates.has("sitemap.html") {
        return Ok(Vec::new());
    }
    let fallback = format!("Every section and page on {}", builder.site.config.title);
    let context = MapTemplate {
        current: builder.site_wide_current(
            "sitemap/",
            ("footer-site-map", "Site map"),
            ("site-map-description", &fallback),
        ),
        ancestors: builder.ancestors(Some(0)),
        entries: map_entries(builder, 0),
    };
    let html = templates.render("sitemap.html", &context, "the site map")?;
    Ok(vec![html_file("sitemap/", html)])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_file_under_their_first_letter() {
        let letter_of = |title| Alphabet::of("en-GB").letter_of(title);
        assert_eq!(letter_of("“Dying well” guide"), "D");
        assert_eq!(letter_of("Ŵyl y Meirw"), "W");
        assert_eq!(letter_of("13 commitments"), "0-9");
        assert_eq!(letter_of("…"), "#");
    }
}
