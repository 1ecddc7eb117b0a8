//! Ways to find a page without knowing where it is: the A to Z index of
//! every page (also what the search page offers without JavaScript) and the
//! HTML site map of every section and page.
//!
//! Both list every page, so on a large site each is a big page to make
//! again after a preview edit of one title. A [`Memo`] keeps what the last
//! render worked out: the A to Z's order, in which only the pages that
//! changed are placed again, and the site map's entries as template
//! values, of which only those that changed are made again.

use std::sync::{Arc, Mutex, PoisonError};

use serde::Serialize;
use tera::Value;

use super::context::{nesting, Current, Letter, Link, MapEntry};
use super::pages::Builder;
use super::site_data::SiteData;
use super::{html_file, OutputFile, Templates};
use crate::content::alphabet::{Alphabet, HeadingKey, TitleKey};
use crate::content::{Page, Site};
use crate::error::{Error, ErrorKind};

/// What the A to Z and the site map keep from one render to the next.
#[derive(Debug, Default)]
pub struct Memo {
    a_z: Mutex<Option<AzMemo>>,
    map: Mutex<Option<MapMemo>>,
}

/// The A to Z's order of the last render, with the pages it was worked
/// out from.
#[derive(Debug)]
struct AzMemo {
    /// Each page and its URL path, by index.
    pages: Vec<(Arc<Page>, String)>,
    /// The indices of the pages, by letter and then by title.
    order: Vec<usize>,
}

/// The site map's entries in the last render, and each one's template value.
#[derive(Debug)]
struct MapMemo {
    entries: Vec<MapEntry>,
    values: Vec<Value>,
}

/// At most this many pages changed since the last render are placed
/// again in its A to Z order; more, and it is sorted again.
const MOST_PLACED: usize = 64;

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
    memo: &Memo,
) -> Result<Vec<OutputFile>, Error> {
    if !templates.has("a_z.html") {
        return Ok(Vec::new());
    }
    let letters = letters(builder, summaries, memo);
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
fn letters(builder: &Builder, summaries: &SiteData, memo: &Memo) -> Vec<Letter> {
    let site = builder.site;
    let alphabet = Alphabet::of(&site.config.language);
    let order = memo.a_z_order(site, alphabet);
    let mut letters: Vec<Letter> = Vec::new();
    for index in order {
        let letter = &alphabet.filed(&site.pages[index].page).letter;
        if letters.last().is_none_or(|last| last.letter != *letter) {
            let id = match letter.as_str() {
                "#" => "letter-other".to_string(),
                _ => format!("letter-{}", letter.to_lowercase()),
            };
            let (letter, pages) = (letter.clone(), Vec::new());
            letters.push(Letter { letter, id, pages });
        }
        if let Some(last) = letters.last_mut() {
            last.pages.push(summaries.page_value(builder, index));
        }
    }
    letters
}

/// The indices of `site`'s pages in A to Z order (see [`a_z_key`]).
fn a_z_sorted(site: &Site, alphabet: Alphabet) -> Vec<usize> {
    let mut order: Vec<usize> = (0..site.pages.len()).collect();
    order.sort_by_cached_key(|&index| a_z_key(site, alphabet, index));
    order
}

/// Page `index`'s place in the A to Z: by the order of its letter's
/// heading, then by title, then by URL path (every URL starts with the
/// base path).
fn a_z_key(site: &Site, alphabet: Alphabet, index: usize) -> (HeadingKey<'_>, &TitleKey, &str) {
    let entry = &site.pages[index];
    let filed = alphabet.filed(&entry.page);
    let heading = alphabet.heading_key(&filed.letter);
    (heading, &filed.key, entry.path.as_str())
}

impl Memo {
    /// The A to Z order of `site`'s pages: the last render's, with the
    /// pages that changed since placed again, when few did and no page
    /// came or went; else sorted afresh.
    fn a_z_order(&self, site: &Site, alphabet: Alphabet) -> Vec<usize> {
        let mut slot = self.a_z.lock().unwrap_or_else(PoisonError::into_inner);
        let order = match slot.take() {
            Some(last) if last.pages.len() == site.pages.len() => {
                let changed: Vec<usize> = (last.pages.iter().zip(&site.pages).enumerate())
                    .filter(|(_, ((page, path), entry))| {
                        !Arc::ptr_eq(page, &entry.page) || *path != entry.path
                    })
                    .map(|(index, _)| index)
                    .take(MOST_PLACED + 1)
                    .collect();
                if changed.len() > MOST_PLACED {
                    a_z_sorted(site, alphabet)
                } else {
                    placed_again(last.order, &changed, site, alphabet)
                }
            }
            _ => a_z_sorted(site, alphabet),
        };
        let pages = site.pages.iter();
        let pages = pages
            .map(|e| (Arc::clone(&e.page), e.path.clone()))
            .collect();
        *slot = Some(AzMemo {
            pages,
            order: order.clone(),
        });
        order
    }

    /// The template value of each site map entry: the last render's where
    /// the entry is the same, else made now.
    fn map_values(&self, entries: Vec<MapEntry>) -> Result<Vec<Value>, Error> {
        let mut slot = self.map.lock().unwrap_or_else(PoisonError::into_inner);
        let last = slot.take();
        let kept = |i: usize, entry: &MapEntry| {
            let last = last.as_ref()?;
            (last.entries.get(i) == Some(entry)).then(|| last.values[i].clone())
        };
        let values = (entries.iter().enumerate())
            .map(|(i, entry)| kept(i, entry).map_or_else(|| map_value(entry), Ok))
            .collect::<Result<Vec<Value>, Error>>()?;
        *slot = Some(MapMemo {
            entries,
            values: values.clone(),
        });
        Ok(values)
    }
}

/// `order` without the pages at `changed`, which are then put back each
/// in its place.
fn placed_again(
    mut order: Vec<usize>,
    changed: &[usize],
    site: &Site,
    alphabet: Alphabet,
) -> Vec<usize> {
    order.retain(|index| !changed.contains(index));
    for &index in changed {
        let key = a_z_key(site, alphabet, index);
        let place = order.partition_point(|&other| a_z_key(site, alphabet, other) < key);
        order.insert(place, index);
    }
    order
}

/// A site map entry as a template value.
fn map_value(entry: &MapEntry) -> Result<Value, Error> {
    Value::try_from_serializable(entry).map_err(|e| {
        Error::new(
            ErrorKind::Template,
            "the site map",
            format!("could not pass data to `sitemap.html`: {e}"),
        )
    })
}

#[derive(Serialize)]
struct MapTemplate {
    current: Current,
    ancestors: Vec<Link>,
    entries: Vec<Value>,
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
pub fn site_map(
    builder: &Builder,
    templates: &Templates,
    memo: &Memo,
) -> Result<Vec<OutputFile>, Error> {
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
        entries: memo.map_values(map_entries(builder, 0))?,
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

    fn page(title: &str) -> String {
        format!("---\ntitle: \"{title}\"\n---\n")
    }

    /// A Welsh site's pages, parsed and assembled.
    fn assembled(files: &[(String, String)]) -> Site {
        let yaml = "title: T\nbase_url: https://a.test/\nlanguage: cy\n";
        let config = crate::config::parse(std::path::Path::new("."), yaml, None).unwrap();
        let sources = (files.iter())
            .map(|(path, text)| crate::content::Source {
                path: path.clone(),
                text: text.clone(),
            })
            .collect();
        let mut diagnostics = crate::error::Diagnostics::new();
        let pages = crate::content::parse(sources, &config, &mut diagnostics);
        let pages = pages.into_iter().map(Arc::new).collect();
        crate::content::assemble(config, pages, Vec::new(), false, &mut diagnostics)
    }

    fn titles(site: &Site, order: &[usize]) -> Vec<String> {
        order
            .iter()
            .map(|&i| site.pages[i].page.title().to_string())
            .collect()
    }

    #[test]
    fn pages_placed_again_after_an_edit_take_the_sorted_order() {
        // Borrowed letters (K, Z), digits, Welsh digraphs.
        let words = [
            "Zoom", "Llais", "Lan", "Kit", "Chwarae", "Cymorth", "9 ffordd", "Ymweld",
        ];
        let mut files: Vec<(String, String)> = (words.iter().enumerate())
            .map(|(i, w)| (format!("notes/p{i}.md"), page(w)))
            .collect();
        let last = assembled(&files);
        let alphabet = Alphabet::of("cy");
        let memo = Memo::default();
        assert_eq!(memo.a_z_order(&last, alphabet), a_z_sorted(&last, alphabet));
        // Three titles change, each to one that files elsewhere.
        let edits = [(0, "Achub"), (3, "Ll yn gyntaf"), (6, "Zebra")];
        let mut edited = Vec::new();
        for (index, title) in edits {
            files[index].1 = page(title);
            let parsed = crate::content::parse(
                vec![crate::content::Source {
                    path: files[index].0.clone(),
                    text: files[index].1.clone(),
                }],
                &last.config,
                &mut crate::error::Diagnostics::new(),
            );
            edited.extend(parsed.into_iter().map(|page| (None, Arc::new(page))));
        }
        let (now, _) = crate::content::patch(&last, &edited).expect("patched");
        let placed = memo.a_z_order(&now, alphabet);
        let fresh = assembled(&files);
        assert_eq!(
            titles(&now, &placed),
            titles(&fresh, &a_z_sorted(&fresh, alphabet))
        );
    }

    #[test]
    fn site_map_values_are_those_of_the_entries_given() {
        let entry = |title: &str, depth| MapEntry {
            title: title.to_string(),
            url: format!("/{title}/"),
            depth,
            opens: false,
            closes: 0,
        };
        let memo = Memo::default();
        let first = memo.map_values(vec![entry("a", 1), entry("b", 2)]).unwrap();
        let second = memo
            .map_values(vec![entry("a", 1), entry("c", 2), entry("d", 1)])
            .unwrap();
        let fresh = |e: &MapEntry| map_value(e).unwrap();
        assert_eq!(first[0], second[0]);
        assert_eq!(
            second,
            [
                fresh(&entry("a", 1)),
                fresh(&entry("c", 2)),
                fresh(&entry("d", 1))
            ]
        );
    }
}
