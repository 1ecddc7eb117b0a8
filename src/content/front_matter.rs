//! Front matter: the YAML block between `---` lines at the top of a file.
//!
//! Splitting a file into front matter and body, and typing the front matter,
//! happens here. Every field any kind may use is read into [`FrontMatter`];
//! which fields a kind requires is checked later, in `content::kinds`, once
//! the page's kind is known.

use std::collections::{BTreeMap, HashMap};
use std::fmt;

use serde::de::{self, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer};

use crate::error::{Error, ErrorKind, LineIndex};
pub(crate) use crate::yaml::Text;
use crate::yaml::{self, Key};

/// One value or a list of them (`delivery: online` or `delivery: [online, in-person]`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct OneOrMany(pub Vec<String>);

impl<'de> Deserialize<'de> for OneOrMany {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(OneOrManyVisitor)
    }
}

// Read by a visitor rather than as an untagged enum, which would lose the
// place of its errors (see `yaml::Text`).
struct OneOrManyVisitor;

impl<'de> Visitor<'de> for OneOrManyVisitor {
    type Value = OneOrMany;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a word or a list of words")
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<OneOrMany, E> {
        Ok(OneOrMany(vec![value.to_string()]))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut items: A) -> Result<OneOrMany, A::Error> {
        let mut all = Vec::new();
        while let Some(item) = items.next_element::<String>()? {
            all.push(item);
        }
        Ok(OneOrMany(all))
    }
}

/// A titled link in front matter (resources, evidence).
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct LinkItem {
    /// Link text.
    pub title: String,
    /// `@/path.md`, a site path or an external URL.
    pub url: String,
}

/// The picture of a page (`image: {src: bench.jpg, alt: A bench by the
/// river}`), shown at the top of the page and on its card in listings.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Cover {
    /// The image file: beside the page (`bench.jpg`), `@/walk/bench.jpg`,
    /// or a site path (`/img/bench.jpg`).
    pub src: String,
    /// What the picture shows; required, checked by the accessibility audit.
    #[serde(default)]
    pub alt: Option<String>,
}

/// A reference a brief cites.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Reference {
    /// Short key cited as `[@id]`.
    pub id: String,
    /// Title of the work.
    pub title: String,
    /// Who published it.
    #[serde(default)]
    pub publisher: Option<String>,
    /// Year or date.
    #[serde(default)]
    pub date: Option<Text>,
    /// Where to read it.
    #[serde(default)]
    pub url: Option<String>,
}

/// A section's own `check:` targets, which apply to every page below it
/// instead of site.yaml's (a nearer section's win).
#[derive(Debug, Clone, Deserialize, Default, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct CheckTargets {
    /// Longest sentence, in words, before a warning.
    pub max_sentence_words: Option<usize>,
    /// Highest reading age before a warning.
    pub reading_age: Option<f64>,
}

/// Every front matter field Hearth knows, for all kinds.
#[derive(Debug, Clone, Deserialize, Default, PartialEq)]
#[serde(default)]
pub struct FrontMatter {
    /// Required: the page title.
    pub title: Option<String>,
    /// One or two sentences for listings and search engines.
    pub description: Option<String>,
    /// A picture shown at the top of the page and on its card.
    pub image: Option<Cover>,
    /// Publication date, `YYYY-MM-DD`.
    pub date: Option<Text>,
    /// Date of the last change.
    pub updated: Option<Text>,
    /// Ordering within a section.
    pub weight: Option<i64>,
    /// Left out of the build unless `--drafts`.
    pub draft: bool,
    /// Replaces the last part of the URL.
    pub slug: Option<String>,
    /// Old URLs that redirect here.
    pub aliases: Vec<String>,
    /// Template to render with instead of the kind's own.
    pub template: Option<String>,
    /// The kind: course, module, commitment, brief, page (or charter, section).
    #[serde(rename = "type")]
    pub kind: Option<String>,
    /// Free data for templates.
    pub extra: serde_json::Map<String, serde_json::Value>,
    /// Date of the last content review.
    pub last_reviewed: Option<Text>,
    /// Date the next review is due.
    pub review_due: Option<Text>,
    /// Section: how pages are sorted (weight, date, title).
    pub sort_by: Option<String>,
    /// Section: the kind of its pages.
    pub page_type: Option<String>,
    /// Section: pages per listing page.
    pub paginate_by: Option<usize>,
    /// Course and brief: a short summary.
    pub summary: Option<String>,
    /// Course: online, in-person, self-paced.
    pub delivery: Option<OneOrMany>,
    /// Course: when and how often it runs.
    pub schedule: Option<String>,
    /// Course and module: how long it takes.
    pub duration: Option<Text>,
    /// Course and module: learning outcomes.
    pub outcomes: Option<Vec<String>>,
    /// Section: plain-English targets for the pages below it.
    pub check: Option<CheckTargets>,
    /// Module, as a Carpentries lesson writes it: minutes of teaching.
    pub teaching: Option<Text>,
    /// Module, as a Carpentries lesson writes it: minutes of exercises.
    pub exercises: Option<Text>,
    /// Module: what to know or do first.
    pub prerequisites: Vec<String>,
    /// Module: further resources.
    pub resources: Vec<LinkItem>,
    /// Commitment: its number in the charter.
    pub number: Option<u32>,
    /// Commitment: the sector it concerns.
    pub sector: Option<String>,
    /// Commitment: what it asks of a town.
    pub asks: Option<String>,
    /// Commitment: suggested actions.
    pub actions: Vec<String>,
    /// Commitment: not-started, in-progress, achieved; brief: draft, current, superseded.
    pub status: Option<String>,
    /// Commitment: when the status was last set.
    pub status_date: Option<Text>,
    /// Commitment: links that show progress.
    pub evidence: Vec<LinkItem>,
    /// Brief: key recommendations.
    pub recommendations: Option<Vec<String>>,
    /// Brief: works cited.
    pub references: Vec<Reference>,
    /// Brief: policy brief, evaluation report, project plan, guide.
    pub document_type: Option<String>,
    /// Brief: version of the document.
    pub version: Option<Text>,
    /// Brief: who approved it.
    pub approved_by: Option<String>,
    /// Brief: when it was approved.
    pub approved_on: Option<Text>,
    /// Brief: who owns it.
    pub owner: Option<String>,
    /// Brief: when it was published.
    pub published: Option<Text>,
    /// Brief: the brief that replaces it.
    pub superseded_by: Option<String>,
}

/// A file split into its parts and its front matter typed.
#[derive(Debug, Clone)]
pub struct Parsed {
    /// The typed front matter.
    pub front: FrontMatter,
    /// Top-level keys with their line in the file.
    pub keys: Vec<Key>,
    /// Taxonomy terms by taxonomy name, in the order written.
    pub taxonomies: BTreeMap<String, Vec<String>>,
    /// Byte offset of the body in the file.
    pub body_start: usize,
    /// Problems found: warnings (unknown keys, unusable terms), and an
    /// error for each entry whose value could not be read.
    pub problems: Vec<Error>,
    /// The top-level keys whose values could not be read, and were left
    /// out: each takes its default, and has an error in `problems`.
    pub left_out: Vec<String>,
}

/// Splits and types a file's front matter. `shown` names the file in errors.
/// Every entry with a problem is reported, not only the first.
pub fn parse(text: &str, shown: &str, taxonomies: &[&str]) -> Result<Parsed, Vec<Error>> {
    let index = LineIndex::new(text);
    let (yaml_text, body_start) = split(text, shown, &index).map_err(|error| vec![error])?;
    let mut read = read(yaml_text, taxonomies);
    let mut errors = in_file_sorted(std::mem::take(&mut read.errors), shown, &index);
    let Some(mut front) = read.front.take() else {
        return Err(errors);
    };
    let title = (front.title.as_deref(), yaml_text);
    if let Some(error) = title_problem(title, &read.keys, taxonomies, shown, &index) {
        errors.insert(0, error);
        return Err(errors);
    }
    date_times_as_dates(&mut front);
    let front_text = &text[..body_start];
    errors.extend(further_problems(
        &read, front_text, taxonomies, shown, &index,
    ));
    Ok(Parsed {
        front,
        keys: read.keys,
        taxonomies: read.terms,
        body_start,
        problems: errors,
        left_out: read.left_out,
    })
}

/// The front matter's YAML as read, before its errors are placed in the file.
struct Read<'t> {
    /// The YAML between the `---` lines.
    yaml_text: &'t str,
    /// Top-level keys with their line in the file.
    keys: Vec<Key>,
    /// The typed front matter, unless the YAML is unreadable or the title
    /// was left out.
    front: Option<FrontMatter>,
    /// Taxonomy terms by taxonomy name.
    terms: BTreeMap<String, Vec<String>>,
    /// The front matter as a generic value, when a check needs one.
    generic: Option<Result<serde_json::Value, yaml::YamlError>>,
    /// An error for each entry that could not be read.
    errors: Vec<yaml::YamlError>,
    /// The keys whose values could not be read.
    left_out: Vec<String>,
}

/// Reads the YAML between the `---` lines.
fn read<'t>(yaml_text: &'t str, taxonomies: &[&str]) -> Read<'t> {
    let keys = keys_in_file(yaml_text);
    // An entry whose value cannot be read is left out, and the rest of the
    // page is still read and checked, so that one build reports every
    // problem in the file; the page's kind checks skip what was left out.
    let around = yaml::parse_around::<FrontMatter>(yaml_text);
    let mut left_out = around.left_out;
    let mut errors = around.errors;
    let is_readable = errors.iter().all(|e| e.kind != ErrorKind::Yaml);
    let generic = is_readable
        .then(|| generic_value(yaml_text, &keys, taxonomies))
        .flatten();
    let (terms, term_errors) = read_taxonomies(generic.as_ref(), yaml_text, &keys, taxonomies);
    left_out.extend(term_errors.iter().filter_map(|e| e.field.clone()));
    errors.extend(term_errors);
    let front = around
        .value
        .filter(|_| is_readable && !left_out.iter().any(|key| key == "title"));
    Read {
        yaml_text,
        keys,
        front,
        terms,
        generic,
        errors,
        left_out,
    }
}

/// The problems found once the front matter is typed: unknown keys (an
/// error for a typo of a field, else a warning), unusable terms, and
/// controls that escapes made. `front_text` is the file up to the body.
fn further_problems(
    read: &Read,
    front_text: &str,
    taxonomies: &[&str],
    shown: &str,
    index: &LineIndex,
) -> Vec<Error> {
    let names = taxonomies_names(taxonomies);
    let mut problems = unknown_keys(&read.keys, names, shown, index);
    problems.extend(unusable_terms(&read.terms, front_text, shown, index));
    if let (true, Some(Ok(value))) = (read.yaml_text.contains('\\'), &read.generic) {
        let keys = &read.keys;
        problems.extend(escaped_controls(value, read.yaml_text, keys, shown, index));
    }
    problems
}

/// The top-level keys, with lines counted in the file (the front matter
/// starts on its second line).
fn keys_in_file(yaml_text: &str) -> Vec<Key> {
    yaml::top_level_keys(yaml_text)
        .into_iter()
        .map(|key| Key {
            line: key.line + 1,
            ..key
        })
        .collect()
}

/// The front matter as a generic value, read once for the checks that
/// need one: the taxonomies, whose names come from site.yaml, and the
/// controls that backslash escapes make.
fn generic_value(
    yaml_text: &str,
    keys: &[Key],
    taxonomies: &[&str],
) -> Option<Result<serde_json::Value, yaml::YamlError>> {
    let has_terms = keys
        .iter()
        .any(|key| taxonomies.contains(&key.name.as_str()));
    let has_escapes = yaml_text.contains('\\');
    (has_terms || has_escapes).then(|| yaml::parse_value(yaml_text))
}

/// The YAML errors placed in the file, in line order.
fn in_file_sorted(mut errors: Vec<yaml::YamlError>, shown: &str, index: &LineIndex) -> Vec<Error> {
    errors.sort_by_key(|e| e.line);
    errors
        .into_iter()
        .map(|e| in_file(e, shown, index))
        .collect()
}

/// A YAML library error placed in the file (front matter starts on line 2).
fn in_file(e: yaml::YamlError, shown: &str, index: &LineIndex) -> Error {
    let line = if e.line == 0 { 1 } else { e.line + 1 };
    let message = if e.message.contains("expected struct FrontMatter") {
        "front matter must be a list of `key: value` lines".to_string()
    } else {
        e.message
    };
    let error = Error::new(e.kind, shown, message).at(index, line, e.column.max(1));
    match e.help {
        Some(help) => error.with_help(help),
        None => error,
    }
}

/// The problem with a page's `title` (as read, and the YAML it is read
/// from), if any: misspelt (one error, at the typo), empty, or missing.
fn title_problem(
    (title, yaml_text): (Option<&str>, &str),
    keys: &[Key],
    taxonomies: &[&str],
    shown: &str,
    index: &LineIndex,
) -> Option<Error> {
    if title.is_none() {
        let typo = title_typo(keys, taxonomies, shown, index);
        if typo.is_some() {
            return typo;
        }
    }
    if !title.is_none_or(|t| t.trim().is_empty()) {
        return None;
    }
    if let Some(key) = keys.iter().find(|key| key.name == "title") {
        let column = yaml::value_column(yaml_text, key.line - 1);
        let error = Error::new(ErrorKind::InvalidValue, shown, "`title` is empty")
            .at(index, key.line, column)
            .with_help("write the page's title after `title:`, on the same line");
        return Some(error);
    }
    Some(missing_title(shown, index))
}

/// The error at the first key that is a typo of `title`, if one is.
fn title_typo(keys: &[Key], taxonomies: &[&str], shown: &str, index: &LineIndex) -> Option<Error> {
    keys.iter().find_map(|key| {
        meant_key(&key.name, taxonomies.iter().copied())
            .filter(|meant| meant == "title")
            .map(|meant| typo_error(key, &meant, shown, index))
    })
}

/// The error for front matter with no `title` at all.
fn missing_title(shown: &str, index: &LineIndex) -> Error {
    Error::new(
        ErrorKind::MissingField,
        shown,
        "missing required field `title`",
    )
    .at(index, 1, 1)
    .with_help("add a line such as `title: Welcome` between the --- lines")
}

/// Dates written with a time, as other generators write them
/// (`2026-03-01T10:00:00Z`), become their date, so that every later stage
/// reads `YYYY-MM-DD`.
fn date_times_as_dates(front: &mut FrontMatter) {
    let fields = [
        &mut front.date,
        &mut front.updated,
        &mut front.last_reviewed,
        &mut front.review_due,
        &mut front.status_date,
        &mut front.approved_on,
        &mut front.published,
    ];
    for text in fields.into_iter().flatten() {
        if let Some(date) = super::dates::date_of_timestamp(&text.0) {
            text.0 = date.format("%Y-%m-%d").to_string();
        }
    }
}

fn taxonomies_names<'a>(names: &'a [&'a str]) -> impl Iterator<Item = &'a str> + Clone + 'a {
    names.iter().copied()
}

/// How a markdown file starts.
const START_HELP: &str = "start the file with a line `---`, then `title: ...`, then another `---`";

fn split<'t>(text: &'t str, shown: &str, index: &LineIndex) -> Result<(&'t str, usize), Error> {
    let first_line = text.lines().next().unwrap_or("");
    if first_line.trim_end() != "---" {
        return Err(no_front_matter(text, first_line, shown, index));
    }
    let yaml_start = first_line.len() + 1;
    let mut offset = yaml_start.min(text.len());
    for line in text[offset..].split_inclusive('\n') {
        let bare = line.trim_end();
        if bare == "---" || bare == "..." {
            return Ok((&text[yaml_start..offset], offset + line.len()));
        }
        offset += line.len();
    }
    Err(Error::new(
        ErrorKind::FrontMatter,
        shown,
        "the front matter that opens here is never closed",
    )
    .at(index, 1, 1)
    .with_help("add a line `---` after the last front matter field"))
}

/// The error for a file whose first line does not open front matter:
/// empty, TOML front matter, or none.
fn no_front_matter(text: &str, first_line: &str, shown: &str, index: &LineIndex) -> Error {
    let (message, help) = if text.trim().is_empty() {
        ("this file is empty", START_HELP)
    } else if first_line.trim_end() == "+++" {
        // Hugo's and Zola's TOML front matter, from a site being moved.
        (
            "this file's front matter is TOML (between `+++` lines); Hearth reads YAML",
            "change each `+++` line to `---`, and each `key = value` line to `key: value`",
        )
    } else {
        ("this file has no front matter", START_HELP)
    };
    Error::new(ErrorKind::FrontMatter, shown, message)
        .at(index, 1, 1)
        .with_help(help)
}

/// Each taxonomy's terms, and an error for each taxonomy whose value is
/// not a word or a list of words (its terms are left out). `generic` is
/// the front matter read as a generic value, when there was a reason to.
fn read_taxonomies(
    generic: Option<&Result<serde_json::Value, yaml::YamlError>>,
    yaml_text: &str,
    keys: &[Key],
    names: &[&str],
) -> (BTreeMap<String, Vec<String>>, Vec<yaml::YamlError>) {
    if !keys.iter().any(|key| names.contains(&key.name.as_str())) {
        return (BTreeMap::new(), Vec::new());
    }
    let value = match generic {
        Some(Ok(value)) => value,
        Some(Err(error)) => return (BTreeMap::new(), vec![error.clone()]),
        None => return (BTreeMap::new(), Vec::new()),
    };
    let mut found = BTreeMap::new();
    let mut errors = Vec::new();
    for name in names {
        let Some(terms) = value.get(*name) else {
            continue;
        };
        match term_list(terms) {
            Some(terms) => {
                found.insert(name.to_string(), terms);
            }
            None => errors.push(not_a_term_list(name, keys, yaml_text)),
        }
    }
    (found, errors)
}

/// The error for a taxonomy whose value is not a word or a list of words,
/// at its value.
fn not_a_term_list(name: &str, keys: &[Key], yaml_text: &str) -> yaml::YamlError {
    let key_line = keys.iter().find(|k| k.name == name).map(|k| k.line);
    yaml::YamlError {
        kind: ErrorKind::InvalidValue,
        message: format!("`{name}` must be a list of words, such as [grief, carers]"),
        line: key_line.map_or(0, |line| line - 1),
        // Keys count the file's lines (`---` is line 1); the YAML text's
        // lines start after it.
        column: key_line.map_or(1, |line| yaml::value_column(yaml_text, line - 1)),
        field: Some(name.to_string()),
        suggestion: None,
        help: None,
    }
}

fn term_list(value: &serde_json::Value) -> Option<Vec<String>> {
    match value {
        serde_json::Value::String(one) => Some(vec![one.clone()]),
        serde_json::Value::Array(items) => items
            .iter()
            .map(|item| item.as_str().map(str::to_string))
            .collect(),
        _ => None,
    }
}

/// A warning for each top-level entry whose value holds a control
/// character that a backslash escape in double quotes made: YAML reads
/// `"C:\files"` as `C:`, a form feed and `iles`. (Control characters
/// typed into the file are found before, as the file is read.)
fn escaped_controls(
    generic: &serde_json::Value,
    yaml_text: &str,
    keys: &[Key],
    shown: &str,
    index: &LineIndex,
) -> Vec<Error> {
    let serde_json::Value::Object(entries) = generic else {
        return Vec::new();
    };
    keys.iter()
        .filter_map(|key| {
            let control = entries.get(&key.name).and_then(first_control)?;
            let column = yaml::value_column(yaml_text, key.line - 1);
            let message = format!(
                "the value of `{}` holds an invisible control character (U+{:04X}), made by a backslash in double quotes",
                key.name,
                u32::from(control)
            );
            Some(
                Error::new(ErrorKind::ControlCharacter, shown, message)
                    .at(index, key.line, column)
                    .warning()
                    .with_help("in double quotes, YAML reads \\f, \\a, \\e and the like as control characters: write the value in single quotes, or each backslash twice (\\\\)"),
            )
        })
        .collect()
}

/// The first control character other than tab and line ends in any text
/// of `value`.
fn first_control(value: &serde_json::Value) -> Option<char> {
    match value {
        serde_json::Value::String(text) => {
            text.chars().find(|&c| crate::files::is_stray_control(c))
        }
        serde_json::Value::Array(items) => items.iter().find_map(first_control),
        serde_json::Value::Object(entries) => entries.values().find_map(first_control),
        _ => None,
    }
}

/// A warning for each term with no letter or digit to make its address
/// from (`""`, `"!!!"`), which is left out.
fn unusable_terms(
    terms: &BTreeMap<String, Vec<String>>,
    front_matter: &str,
    shown: &str,
    index: &LineIndex,
) -> Vec<Error> {
    let mut warnings = Vec::new();
    for (taxonomy, names) in terms {
        // How many of each written form are already placed, so that a term
        // written twice is placed at each of its places in turn.
        let mut seen: HashMap<String, usize> = HashMap::new();
        for name in names {
            if super::slug::slugify(name).is_some() {
                continue;
            }
            let written = written_term(name, taxonomy, front_matter);
            let nth = seen.entry(written.clone()).or_default();
            let (line, column) = yaml::place_in_block(front_matter, taxonomy, None, &written, *nth);
            *nth += 1;
            let warning = unusable_term(name, taxonomy, shown);
            warnings.push(warning.at(index, line, column));
        }
    }
    warnings
}

/// The term as written in the front matter, to find it by: a blank term is
/// found by its quotes.
fn written_term(name: &str, taxonomy: &str, front_matter: &str) -> String {
    if !name.trim().is_empty() {
        return name.trim().to_string();
    }
    [format!("\"{name}\""), format!("'{name}'")]
        .into_iter()
        .find(|quoted| !yaml::places_in_block(front_matter, taxonomy, None, quoted).is_empty())
        .unwrap_or_default()
}

/// The warning for a term that is left out, not yet placed.
fn unusable_term(name: &str, taxonomy: &str, shown: &str) -> Error {
    let message = if name.trim().is_empty() {
        format!("an empty term in `{taxonomy}` is left out")
    } else {
        format!("the term `{name}` in `{taxonomy}` has no letter or digit to make its address from, so it is left out")
    };
    Error::new(ErrorKind::InvalidValue, shown, message)
        .warning()
        .with_help("write the term in words, or remove it")
}

/// The field an unknown front matter key is a typo of (`sumary` for
/// `summary`), when it is a near miss of one; `taxonomies` are the
/// site's taxonomy names.
pub(crate) fn meant_key<'a>(
    name: &str,
    taxonomies: impl Iterator<Item = &'a str>,
) -> Option<String> {
    let is_known = |n: &str| super::schema::known_keys().any(|k| k == n);
    let taxonomies: Vec<&str> = taxonomies.collect();
    if is_known(name) || taxonomies.contains(&name) {
        return None;
    }
    let candidates = super::schema::known_keys()
        .map(|k| -> &str { k })
        .chain(taxonomies.iter().copied());
    yaml::suggest(name, candidates).filter(|near| yaml::is_near_miss(name, near))
}

/// The error for a key that is a typo of the field `meant`: its value
/// would be lost, so the build stops at the typo.
fn typo_error(key: &Key, meant: &str, shown: &str, index: &LineIndex) -> Error {
    Error::new(
        ErrorKind::UnknownKey,
        shown,
        format!("`{}` is not a field: did you mean `{meant}`?", key.name),
    )
    .at(index, key.line, key.column)
    .with_help(format!(
        "write `{meant}:`; as it is, what follows `{}:` would not be shown",
        key.name
    ))
}

fn unknown_keys<'a>(
    keys: &[Key],
    taxonomies: impl Iterator<Item = &'a str> + Clone,
    shown: &str,
    index: &LineIndex,
) -> Vec<Error> {
    keys.iter()
        .filter(|key| {
            !super::schema::known_keys().any(|k| k == key.name)
                && !taxonomies.clone().any(|t| t == key.name)
        })
        .map(|key| match meant_key(&key.name, taxonomies.clone()) {
            Some(meant) => typo_error(key, &meant, shown, index),
            None => unknown_key(key, taxonomies.clone(), shown, index),
        })
        .collect()
}

/// The warning for a key that is no field and no near miss of one.
fn unknown_key<'a>(
    key: &Key,
    taxonomies: impl Iterator<Item = &'a str>,
    shown: &str,
    index: &LineIndex,
) -> Error {
    let known = super::schema::known_keys().map(|k| -> &'a str { k });
    let candidates = known.chain(taxonomies);
    let warning = Error::new(
        ErrorKind::UnknownKey,
        shown,
        format!("unknown front matter key `{}`", key.name),
    )
    .at(index, key.line, key.column)
    .warning();
    let is_default_taxonomy = crate::config::DEFAULT_TAXONOMIES.contains(&key.name.as_str());
    match yaml::suggest(&key.name, candidates) {
        Some(near) => warning.with_help(format!("did you mean `{near}`?")),
        // A site.yaml that lists its taxonomies replaces the defaults.
        None if is_default_taxonomy => warning.with_help(format!(
            "site.yaml lists its own taxonomies: add `- name: {}` under `taxonomies:` to keep this one",
            key.name
        )),
        None => warning.with_help(
            "put theme data under `extra:`, or declare a taxonomy of this name in site.yaml",
        ),
    }
}

#[cfg(test)]
mod tests;
