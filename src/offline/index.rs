//! The offline copy's search index, split so that a search loads only
//! the parts it needs, as classic scripts (browsers refuse `fetch` from
//! `file://` but load a script added to the page):
//!
//! - `search-index.js`, loaded with the search page: how many pages there
//!   are, each page's length in words, which pages have each filter value,
//!   and the first and last word of each part of the word index;
//! - `search-index/words-N.js`: a run of the site's words in order, each
//!   with the pages that have it and how often (in the text, in the
//!   title): what a search scores pages by, loaded for the words a search
//!   term starts;
//! - `search-index/pages-N.js`: a run of pages (in path order) with their
//!   address, title, kind and text split at headings with ids, loaded
//!   only for the results shown, for their excerpts.
//!
//! Words are read from the text as the search script reads them (folded
//! to lower case without accents, runs of letters and digits), so the
//! word index gives the same scores as reading the pages would.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use regex::Regex;
use serde::Serialize;
use unicode_normalization::UnicodeNormalization;

use crate::error::{Error, ErrorKind};
use crate::search::plain::{self, PlainPage, PlainSection};

/// The folder the parts go in, beside `search-index.js`.
pub(super) const PARTS_DIR: &str = "search-index";

/// About how many bytes of JSON each part holds; a word with more
/// pages than fit is a part of its own.
const PART_BYTES: usize = 64 * 1024;

/// Reads a built page for the index: `None` when search leaves it out.
pub(super) fn read(path: &str, html: &str) -> Option<PlainPage> {
    if !crate::search::is_indexable(path) {
        return None;
    }
    plain::read(html)
}

/// The files of the index of `pages` (output path and page, sorted by
/// path): `search-index.js` first, then its parts.
pub(super) fn files(pages: &[(String, PlainPage)]) -> Result<Vec<(String, Vec<u8>)>, Error> {
    let postings = Postings::of(pages);
    let mut out = Vec::new();
    let words = word_parts(&postings.words, &mut out)?;
    let starts = page_parts(pages, &mut out)?;
    let index = Index {
        lengths: postings.lengths,
        filters: delta_filters(postings.filters),
        words,
        pages: starts,
    };
    out.insert(0, (super::INDEX_FILE.to_string(), index_script(&index)?));
    Ok(out)
}

/// Numbers of pages for each filter value, by filter.
type Filters<'a> = BTreeMap<&'a str, BTreeMap<&'a str, Vec<u32>>>;

/// What the index is made of, page by page (pages by their number).
struct Postings<'a> {
    /// Each page's length in words.
    lengths: Vec<u32>,
    /// For each word, `[page, in the text, in the title]` for each page
    /// that has it, in page order.
    words: BTreeMap<String, Vec<u32>>,
    /// The pages that have each filter value.
    filters: Filters<'a>,
}

impl<'a> Postings<'a> {
    /// Reads the words and filter values of every page.
    fn of(pages: &'a [(String, PlainPage)]) -> Self {
        let mut postings = Postings {
            lengths: Vec::with_capacity(pages.len()),
            words: BTreeMap::new(),
            filters: BTreeMap::new(),
        };
        for (number, (_, page)) in pages.iter().enumerate() {
            let number = u32::try_from(number).unwrap_or(u32::MAX);
            let (length, counts) = page_words(page);
            postings.lengths.push(length);
            for (word, (text, title)) in counts {
                let posting = postings.words.entry(word).or_default();
                posting.extend([number, text, title]);
            }
            postings.add_filters(number, page);
        }
        postings
    }

    /// Notes that page `number` has each of its filter values.
    fn add_filters(&mut self, number: u32, page: &'a PlainPage) {
        for (name, values) in &page.filters {
            for value in values {
                let having = self
                    .filters
                    .entry(name)
                    .or_default()
                    .entry(value)
                    .or_default();
                if having.last() != Some(&number) {
                    having.push(number);
                }
            }
        }
    }
}

/// Adds the `words-N` parts to `out`; gives the first and last word of each.
fn word_parts(
    words: &BTreeMap<String, Vec<u32>>,
    out: &mut Vec<(String, Vec<u8>)>,
) -> Result<Vec<[String; 2]>, Error> {
    let mut ranges = Vec::new();
    for (number, run) in word_runs(words).into_iter().enumerate() {
        let first = run.first().map(|(w, _)| w.as_str()).unwrap_or_default();
        let last = run.last().map(|(w, _)| w.as_str()).unwrap_or_default();
        ranges.push([first.to_string(), last.to_string()]);
        let part: Vec<(&str, Vec<u32>)> = run
            .iter()
            .map(|(word, postings)| (word.as_str(), delta_postings(postings)))
            .collect();
        let name = format!("words-{number}");
        out.push((part_path(&name), part_script(&name, &part)?));
    }
    Ok(ranges)
}

/// Adds the `pages-N` parts to `out`; gives the number of the first page
/// of each.
fn page_parts(
    pages: &[(String, PlainPage)],
    out: &mut Vec<(String, Vec<u8>)>,
) -> Result<Vec<usize>, Error> {
    let mut starts = Vec::new();
    for (number, run) in page_runs(pages).into_iter().enumerate() {
        starts.push(run.start);
        let part: Vec<PageText> = pages[run]
            .iter()
            .map(|(path, page)| PageText {
                path,
                title: &page.title,
                kind: &page.kind,
                sections: &page.sections,
            })
            .collect();
        let name = format!("pages-{number}");
        out.push((part_path(&name), part_script(&name, &part)?));
    }
    Ok(starts)
}

/// Each filter value's pages, each number as the difference from the one
/// before.
fn delta_filters(filters: Filters) -> Filters {
    filters
        .into_iter()
        .map(|(name, values)| {
            let values = values
                .into_iter()
                .map(|(value, having)| (value, deltas(&having)))
                .collect();
            (name, values)
        })
        .collect()
}

/// `search-index.js`: the index, as a script that sets it on the window.
fn index_script(index: &Index) -> Result<Vec<u8>, Error> {
    let json = to_json(index)?;
    let mut script = String::with_capacity(json.len() + 96);
    script.push_str("// The offline copy's search index, read by offline-search.js.\n");
    script.push_str("window.hearthSearchIndex = ");
    script.push_str(&json);
    script.push_str(";\n");
    Ok(script.into_bytes())
}

/// What `search-index.js` holds.
#[derive(Serialize)]
struct Index<'a> {
    /// Each page's length in words (tokens between spaces), by number.
    lengths: Vec<u32>,
    /// For each filter and value, the numbers of the pages that have it,
    /// each as the difference from the one before.
    filters: BTreeMap<&'a str, BTreeMap<&'a str, Vec<u32>>>,
    /// The first and last word of each `words-N` part.
    words: Vec<[String; 2]>,
    /// The number of the first page of each `pages-N` part.
    pages: Vec<usize>,
}

/// A page as a `pages-N` part holds it.
#[derive(Serialize)]
struct PageText<'a> {
    path: &'a str,
    title: &'a str,
    kind: &'a str,
    sections: &'a [PlainSection],
}

/// A page's length in tokens, and for each word how often it is in the
/// text and in the title, read as the search script reads them.
fn page_words(page: &PlainPage) -> (u32, BTreeMap<String, (u32, u32)>) {
    let mut counts: BTreeMap<String, (u32, u32)> = BTreeMap::new();
    let mut length = 0u32;
    for section in &page.sections {
        if section.text.is_empty() {
            continue;
        }
        for token in section.text.split(' ') {
            length += 1;
            for word in words_of(token) {
                counts.entry(word).or_default().0 += 1;
            }
        }
    }
    for word in words_of(&page.title) {
        counts.entry(word).or_default().1 += 1;
    }
    (length, counts)
}

/// The words of `text` as offline-search.js's `wordsOf` reads them:
/// decomposed (NFD), without combining marks, in lower case, and split
/// into runs of letters and digits.
fn words_of(text: &str) -> Vec<String> {
    if text.is_ascii() {
        return text
            .split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_ascii_lowercase)
            .collect();
    }
    static MARK: LazyLock<Option<Regex>> = LazyLock::new(|| Regex::new(r"\p{M}").ok());
    static WORD: LazyLock<Option<Regex>> = LazyLock::new(|| Regex::new(r"[\p{L}\p{N}]+").ok());
    let (Some(mark), Some(word)) = (MARK.as_ref(), WORD.as_ref()) else {
        return Vec::new();
    };
    let decomposed: String = text.nfd().collect();
    let folded = mark.replace_all(&decomposed, "").to_lowercase();
    word.find_iter(&folded)
        .map(|m| m.as_str().to_string())
        .collect()
}

/// The words in runs of about [`PART_BYTES`] of JSON each.
fn word_runs(words: &BTreeMap<String, Vec<u32>>) -> Vec<Vec<(&String, &Vec<u32>)>> {
    let mut runs = Vec::new();
    let mut run = Vec::new();
    let mut size = 0;
    for entry in words {
        // The word, and each number with its comma (about four bytes).
        let cost = entry.0.len() + 8 + entry.1.len() * 4;
        if !run.is_empty() && size + cost > PART_BYTES {
            runs.push(std::mem::take(&mut run));
            size = 0;
        }
        size += cost;
        run.push(entry);
    }
    if !run.is_empty() {
        runs.push(run);
    }
    runs
}

/// The pages in runs of about [`PART_BYTES`] of text each.
fn page_runs(pages: &[(String, PlainPage)]) -> Vec<std::ops::Range<usize>> {
    let mut runs = Vec::new();
    let mut start = 0;
    let mut size = 0;
    for (number, (path, page)) in pages.iter().enumerate() {
        let cost = path.len()
            + page.title.len()
            + page
                .sections
                .iter()
                .map(|s| s.id.len() + s.title.len() + s.text.len() + 32)
                .sum::<usize>();
        if number > start && size + cost > PART_BYTES {
            runs.push(start..number);
            start = number;
            size = 0;
        }
        size += cost;
    }
    if start < pages.len() {
        runs.push(start..pages.len());
    }
    runs
}

/// Postings `[page, in text, in title, ...]` with each page number as
/// the difference from the one before, which keeps them short.
fn delta_postings(postings: &[u32]) -> Vec<u32> {
    let mut previous = 0;
    postings
        .chunks(3)
        .flat_map(|posting| {
            let page = posting.first().copied().unwrap_or_default();
            let delta = page - previous;
            previous = page;
            [delta].into_iter().chain(posting.iter().skip(1).copied())
        })
        .collect()
}

/// Ascending numbers as differences from the one before.
fn deltas(numbers: &[u32]) -> Vec<u32> {
    let mut previous = 0;
    numbers
        .iter()
        .map(|&n| {
            let delta = n - previous;
            previous = n;
            delta
        })
        .collect()
}

fn part_path(name: &str) -> String {
    format!("{PARTS_DIR}/{name}.js")
}

/// A part's script, which files its JSON under its name in
/// `window.hearthSearchParts` for the search script that added it.
fn part_script<T: Serialize>(name: &str, value: &T) -> Result<Vec<u8>, Error> {
    let json = to_json(value)?;
    let mut script = String::with_capacity(json.len() + 64);
    script.push_str("(window.hearthSearchParts ||= {})[\"");
    script.push_str(name);
    script.push_str("\"] = ");
    script.push_str(&json);
    script.push_str(";\n");
    Ok(script.into_bytes())
}

fn to_json<T: Serialize>(value: &T) -> Result<String, Error> {
    serde_json::to_string(value).map_err(|error| {
        Error::new(
            ErrorKind::Io,
            super::INDEX_FILE,
            format!("the offline search index could not be written: {error}"),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_folded_and_split_as_the_search_script_splits_them() {
        assert_eq!(words_of("Carers'/Volunteers"), ["carers", "volunteers"]);
        assert_eq!(words_of("Café—Ŵyn"), ["cafe", "wyn"]);
        assert_eq!(words_of("—"), Vec::<String>::new());
        assert_eq!(words_of("2024-25"), ["2024", "25"]);
    }

    #[test]
    fn postings_keep_page_numbers_as_differences() {
        assert_eq!(delta_postings(&[2, 1, 0, 5, 3, 1]), [2, 1, 0, 3, 3, 1]);
        assert_eq!(deltas(&[0, 4, 9]), [0, 4, 5]);
    }
}
