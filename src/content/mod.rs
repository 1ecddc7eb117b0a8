//! The content model: from files under `content/` to an assembled [`Site`].
//!
//! Stages, each a function returning a new type:
//! `load` (files -> [`Source`]s), [`parse`] (sources -> [`Page`]s with typed
//! front matter), and [`assemble`] (pages -> a [`Site`] with URLs, sections,
//! order, kinds and taxonomies). Only this module knows YAML, and it knows
//! nothing of markdown rendering or templates.

pub mod alphabet;
pub mod dates;
pub mod front_matter;
pub mod kinds;
pub mod languages;
pub mod lesson;
pub mod load;
pub mod schema;
mod site;
pub mod slug;
pub mod statement;

use std::collections::BTreeMap;

use rayon::prelude::*;

use crate::config::Config;
use crate::error::{Diagnostics, Error, LineIndex};
use crate::files;
use crate::yaml::Key;
use front_matter::FrontMatter;

pub use load::{load, Asset, Loaded, Source, CONTENT_DIR};
pub use site::{assemble, Alias, PageEntry, SectionEntry, Site, Target, Taxonomy, Term};
pub(crate) use site::{listing_page_count, listing_page_path, listing_page_range, patch};

/// A markdown file with its front matter typed: the output of [`parse`].
#[derive(Debug, Clone)]
pub struct Page {
    /// Path relative to `content/`, with `/` separators.
    pub path: String,
    /// Path as shown in messages, e.g. `content/courses/_index.md`.
    pub shown: String,
    /// The whole file text.
    pub text: String,
    /// Byte offset where the markdown body starts.
    pub body_start: usize,
    /// True for `_index.md`, which describes its folder.
    pub is_section: bool,
    /// The typed front matter.
    pub front: FrontMatter,
    /// Top-level front matter keys and their lines.
    pub keys: Vec<Key>,
    /// Taxonomy terms by taxonomy name.
    pub taxonomies: BTreeMap<String, Vec<String>>,
    /// Front matter keys whose values could not be read: each is an error
    /// of its own already, so the kind checks take it as given.
    pub left_out: Vec<String>,
    /// What assembly works out from the page alone, once worked out.
    pub kept: Kept,
}

/// What assembling a site works out from one page alone, kept with the
/// page the first time it is worked out. A page's text never changes once
/// read, and after an edit in the preview the site is assembled again
/// from thousands of pages that did not change: filing their titles and
/// checking their kinds again was most of that work.
#[derive(Debug, Clone, Default)]
pub struct Kept {
    /// Where the title is filed in alphabetical order.
    pub(crate) filing: alphabet::Filing,
    /// The page's kind and its problems, for the section kind it was
    /// worked out under.
    pub(crate) kind: std::sync::OnceLock<(Option<&'static str>, KindFound)>,
    /// Its `date:` and `updated:` as dates, when they are `YYYY-MM-DD`.
    dates: std::sync::OnceLock<(Option<chrono::NaiveDate>, Option<chrono::NaiveDate>)>,
}

/// A page's kind and the problems found working it out.
pub(crate) type KindFound = (kinds::Kind, Vec<Error>);

impl Page {
    /// The markdown body.
    pub(crate) fn body(&self) -> &str {
        &self.text[self.body_start..]
    }

    /// Its `date:`, when it is a `YYYY-MM-DD` date.
    pub(crate) fn date(&self) -> Option<chrono::NaiveDate> {
        self.dates().0
    }

    /// Its `updated:`, when it is a `YYYY-MM-DD` date.
    pub(crate) fn updated(&self) -> Option<chrono::NaiveDate> {
        self.dates().1
    }

    /// Its `date:` and `updated:`, read once: every render of a large
    /// site's feeds and site-wide data reads every page's dates.
    fn dates(&self) -> (Option<chrono::NaiveDate>, Option<chrono::NaiveDate>) {
        *self.kept.dates.get_or_init(|| {
            let read =
                |text: &Option<front_matter::Text>| text.as_ref().and_then(|t| dates::parse(&t.0));
            (read(&self.front.date), read(&self.front.updated))
        })
    }

    /// The title (checked to exist when parsed).
    pub(crate) fn title(&self) -> &str {
        self.front.title.as_deref().unwrap_or_default()
    }

    /// A line index over the whole file, for locating problems.
    pub(crate) fn line_index(&self) -> LineIndex<'_> {
        LineIndex::new(&self.text)
    }

    /// The line of a top-level front matter key, or 1 when it is absent.
    pub(crate) fn key_line(&self, name: &str) -> usize {
        self.keys
            .iter()
            .find(|key| key.name == name)
            .map_or(1, |key| key.line)
    }

    /// Where the value of the front matter key `name` starts: on the key's
    /// line, or at the key when the value starts on a later line; the
    /// first line when there is no such key.
    pub(crate) fn field_place(&self, name: &str) -> (usize, usize) {
        let front_matter = &self.text[..self.body_start];
        match self.keys.iter().find(|key| key.name == name) {
            Some(key) => (key.line, crate::yaml::value_column(front_matter, key.line)),
            None => (1, 1),
        }
    }

    /// Where `value` is written under the front matter key `name`: its line
    /// and column, or the key's line and column 1 when the text does not
    /// show it as written (with escapes, say), or the first line.
    pub(crate) fn value_place(&self, name: &str, value: &str) -> (usize, usize) {
        let front_matter = &self.text[..self.body_start];
        match crate::yaml::place_in_block(front_matter, name, None, value, 0) {
            (0, _) => (1, 1),
            place => place,
        }
    }

    /// The file name without folders.
    pub(crate) fn file_name(&self) -> &str {
        self.path.rsplit('/').next().unwrap_or(&self.path)
    }
}

/// A hash of a source text, to tell whether it changed between builds.
pub(crate) fn text_hash(text: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    text.hash(&mut hasher);
    hasher.finish()
}

/// A page with its warnings, or the errors that stopped it.
pub type Parsed = Result<(Page, Vec<Error>), Vec<Error>>;

/// Parses every source in parallel, collecting errors and warnings.
pub fn parse(sources: Vec<Source>, config: &Config, diagnostics: &mut Diagnostics) -> Vec<Page> {
    let mut pages = Vec::with_capacity(sources.len());
    for (_, result) in parse_each(sources, config) {
        match result {
            Ok((page, warnings)) => {
                diagnostics.extend(warnings);
                pages.push(page);
            }
            Err(errors) => diagnostics.extend(errors),
        }
    }
    pages
}

/// Parses every source in parallel, keeping each result with its path.
pub(crate) fn parse_each(sources: Vec<Source>, config: &Config) -> Vec<(String, Parsed)> {
    let taxonomies: Vec<&str> = config.taxonomies.iter().map(|t| t.name.as_str()).collect();
    sources
        .into_par_iter()
        .map(|source| {
            let path = source.path.clone();
            let parsed = match languages::split_path(&source.path, config) {
                Ok((logical, _)) => parse_one(source, logical, &taxonomies),
                Err(error) => Err(vec![error]),
            };
            (path, parsed)
        })
        .collect()
}

/// Parses one source; `path` is its logical path, without a language code.
fn parse_one(source: Source, path: String, taxonomies: &[&str]) -> Parsed {
    let shown = format!("{CONTENT_DIR}/{}", source.path);
    let (text, warnings) = controls_as_spaces(source.text, &shown);
    let mut parsed = match front_matter::parse(&text, &shown, taxonomies) {
        Ok(parsed) => parsed,
        Err(mut errors) => {
            errors.extend(warnings);
            return Err(errors);
        }
    };
    parsed.problems.extend(warnings);
    let is_section = files::markdown_stem(file_name(&path)) == Some("_index");
    if parsed.front.description.is_none() {
        // A Workbench lesson's `::: questions` say what it is about.
        let body = &text[parsed.body_start..];
        parsed.front.description = questions_as_description(body);
    }
    let page = Page {
        path,
        shown,
        text,
        body_start: parsed.body_start,
        is_section,
        front: parsed.front,
        keys: parsed.keys,
        taxonomies: parsed.taxonomies,
        left_out: parsed.left_out,
        kept: Kept::default(),
    };
    Ok((page, parsed.problems))
}

/// The last part of a content path: `courses/intro/_index.md` -> `_index.md`.
fn file_name(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or(path)
}

/// The text with pasted-in control characters read as spaces, and a
/// warning for each.
fn controls_as_spaces(text: String, shown: &str) -> (String, Vec<Error>) {
    let (text, controls) = files::controls_as_spaces(text);
    let warnings = files::control_problems(&text, shown, &controls)
        .into_iter()
        .map(Error::warning)
        .collect();
    (text, warnings)
}

/// A lesson's `::: questions` items as one sentence, when it has any.
fn questions_as_description(body: &str) -> Option<String> {
    lesson::block_items(body, "questions")
        .filter(|questions| !questions.is_empty())
        .map(|questions| questions.join(" "))
}
