//! `site.yaml` -> [`Config`]: the first stage of the pipeline.
//!
//! Unknown keys and wrong types are errors at their line, with a
//! "did you mean" for near misses: a broken config stops the build early,
//! because every later stage depends on it.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer};

pub mod statement;

use crate::error::{Error, ErrorKind, LineIndex};
use crate::files;
use crate::yaml;

mod languages;
pub use languages::{is_registered, LanguageConfig, StatementText};

/// The name of the config file at the site root.
pub(crate) const CONFIG_FILE: &str = "site.yaml";

/// A site's settings, checked and normalised.
#[derive(Debug, Clone)]
pub struct Config {
    /// The folder holding `site.yaml`.
    pub root: PathBuf,
    /// Site title.
    pub title: String,
    /// One-sentence description of the site.
    pub description: String,
    /// Absolute URL ending in `/`.
    pub base_url: String,
    /// Path part of `base_url`, starting and ending with `/`.
    pub base_path: String,
    /// BCP 47 language tag of the pages this config is for.
    pub language: String,
    /// The site's default language (`language:` in site.yaml), at the base path.
    pub default_language: String,
    /// Further languages by code, each published under `CODE/`.
    pub languages: std::collections::BTreeMap<String, LanguageConfig>,
    /// The base path of the whole site, where the theme's files are.
    pub site_base_path: String,
    /// Theme name; `default` is built in.
    pub theme: String,
    /// The main menu.
    pub menu: Vec<MenuItem>,
    /// Declared taxonomies.
    pub taxonomies: Vec<TaxonomyConfig>,
    /// Markdown options.
    pub markdown: MarkdownConfig,
    /// Whether the site is a public-sector site with legal duties.
    pub public_sector: bool,
    /// The accessibility statement, when the site has one.
    pub accessibility: Option<statement::StatementConfig>,
    /// Review-date settings.
    pub review: ReviewConfig,
    /// Whether to build the full-text search index and search page.
    pub search: bool,
    /// Whether to write Atom feeds (the site's, each dated section's and
    /// each term's); `false` writes none and links none.
    pub feeds: bool,
    /// Settings of `hearth check`.
    pub check: CheckConfig,
    /// The glossary of this config's language: each term with its
    /// definition (site.yaml's `glossary:` for the default language, a
    /// language's own `glossary:` under `languages:` for the others). The
    /// glossary page lists them, each page links its first use of a term
    /// to its entry, and the acronym check counts a term as spelled out.
    pub glossary: std::collections::BTreeMap<String, String>,
    /// Free data for themes.
    pub extra: serde_json::Map<String, serde_json::Value>,
    /// The text of site.yaml, to show the lines later errors point at.
    pub text: String,
    /// Where its keys were written.
    pub places: Places,
}

impl Config {
    /// Where the `url` of menu entry `number` (from 0) is written in
    /// site.yaml: its line and column.
    pub(crate) fn menu_url_place(&self, number: usize) -> (usize, usize) {
        self.places.menu_urls.get(number).copied().unwrap_or((0, 0))
    }
}

/// Where keys of site.yaml were written, found once when it is parsed, so
/// that the stages after it place their errors without reading it again.
/// Places are (line, column), from 1; a line of 0 means not written.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Places {
    /// The value of `theme:`.
    pub theme: (usize, usize),
    /// The value of `public_sector:`, when it is `true`.
    pub public_sector: (usize, usize),
    /// The `url` of each menu entry, in order.
    pub menu_urls: Vec<(usize, usize)>,
    /// The line of the `accessibility:` block.
    pub statement: usize,
    /// Each field of the `accessibility:` block, by name, as (0, 0) when
    /// it is not written there.
    pub statement_keys: BTreeMap<&'static str, (usize, usize)>,
    /// The dates of the `accessibility:` block as written, by field name
    /// and text: where the first of them stands.
    pub statement_dates: BTreeMap<(&'static str, String), (usize, usize)>,
}

/// The fields of the `accessibility:` block whose places are recorded.
const STATEMENT_FIELDS: [&str; 16] = [
    "organisation",
    "site_name",
    "compliance",
    "contact_email",
    "contact_phone",
    "response_days",
    "northern_ireland",
    "issues",
    "disproportionate_burden",
    "out_of_scope",
    "prepared_on",
    "last_reviewed",
    "last_tested_on",
    "tested_by",
    "fix_by",
    "criterion",
];

impl Places {
    /// Finds the places of the keys later stages report on.
    fn find(text: &str, file: &ConfigFile) -> Self {
        Places {
            theme: yaml::place_in_block(text, "theme", None, &file.theme, 0),
            public_sector: yaml::place_in_block(text, "public_sector", None, "true", 0),
            menu_urls: menu_url_places(text, &file.menu),
            statement: text
                .lines()
                .position(|l| l.starts_with("accessibility:"))
                .map_or(0, |p| p + 1),
            statement_keys: STATEMENT_FIELDS
                .iter()
                .map(|&field| (field, yaml::nested_key_place(text, "accessibility", field)))
                .collect(),
            statement_dates: statement_date_places(text, file.accessibility.as_ref()),
        }
    }
}

fn menu_url_places(text: &str, menu: &[MenuItem]) -> Vec<(usize, usize)> {
    (0..menu.len())
        .map(|number| {
            let url = &menu[number].url;
            let earlier = menu[..number].iter().filter(|o| &o.url == url).count();
            yaml::place_in_block(text, "menu", Some("url"), url, earlier)
        })
        .collect()
}

fn statement_date_places(
    text: &str,
    statement: Option<&statement::StatementConfig>,
) -> BTreeMap<(&'static str, String), (usize, usize)> {
    let Some(statement) = statement else {
        return BTreeMap::new();
    };
    let dates = [
        ("prepared_on", &statement.prepared_on),
        ("last_reviewed", &statement.last_reviewed),
        ("last_tested_on", &statement.last_tested_on),
    ];
    let written = dates
        .into_iter()
        .filter_map(|(field, value)| Some((field, value.as_ref()?.0.clone())))
        .chain(
            statement
                .issues
                .iter()
                .map(|i| ("fix_by", i.fix_by.0.clone())),
        );
    written
        .filter_map(|(field, value)| {
            let place =
                *yaml::places_in_block(text, "accessibility", Some(field), &value).first()?;
            Some(((field, value), place))
        })
        .collect()
}

/// One main-menu entry.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct MenuItem {
    /// Text of the link.
    pub name: String,
    /// `@/path.md`, a site path such as `/about/`, or an external URL.
    pub url: String,
}

/// A taxonomy such as topics or audiences.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct TaxonomyConfig {
    /// Key used in front matter and in URLs.
    pub name: String,
    /// Heading shown to readers.
    #[serde(default)]
    pub title: Option<String>,
    /// Pages per term page; 0 means one page for all.
    #[serde(default = "twenty")]
    pub paginate_by: usize,
    /// Whether each term gets an Atom feed.
    #[serde(default = "yes")]
    pub feed: bool,
}

impl TaxonomyConfig {
    /// The title readers see: the configured one, or the name capitalised.
    pub(crate) fn display_title(&self) -> String {
        self.title.clone().unwrap_or_else(|| capitalise(&self.name))
    }
}

/// How raw HTML in markdown is treated.
#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq, Default)]
#[serde(rename_all = "lowercase")]
pub enum RawHtml {
    /// Sanitised: no scripts, event handlers or `javascript:` URLs.
    #[default]
    #[serde(alias = "sanitize")]
    Sanitise,
    /// Passed through unchanged.
    Trusted,
}

/// Markdown options.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields, default)]
pub struct MarkdownConfig {
    /// Raw HTML policy.
    pub raw_html: RawHtml,
    /// Curly quotes and dashes.
    pub smart_punctuation: bool,
    /// Syntax highlighting of fenced code.
    pub highlight: bool,
}

impl Default for MarkdownConfig {
    fn default() -> Self {
        MarkdownConfig {
            raw_html: RawHtml::Sanitise,
            smart_punctuation: true,
            highlight: true,
        }
    }
}

/// Review-date settings.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields, default)]
pub struct ReviewConfig {
    /// Days before a review date when `hearth check` starts to warn.
    pub warn_within_days: i64,
}

impl Default for ReviewConfig {
    fn default() -> Self {
        ReviewConfig {
            warn_within_days: 30,
        }
    }
}

/// Settings of `hearth check`: the `check:` block of site.yaml.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct CheckConfig {
    /// Highest reading age a page may have before a warning (Flesch-Kincaid grade + 5).
    pub reading_age: f64,
    /// Longest sentence, in words, before a warning.
    pub max_sentence_words: usize,
    /// Words and phrases to avoid; `None` means Hearth's own list.
    pub jargon: Option<Vec<JargonEntry>>,
    /// Acronyms readers need not have spelled out, with their meaning.
    pub glossary: std::collections::BTreeMap<String, String>,
}

impl Default for CheckConfig {
    fn default() -> Self {
        CheckConfig {
            reading_age: 12.0,
            max_sentence_words: 25,
            jargon: None,
            glossary: std::collections::BTreeMap::new(),
        }
    }
}

/// A word or phrase to avoid: alone, or with a plainer alternative.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum JargonEntry {
    /// Just the word: `utilise`.
    Word(String),
    /// The word and what to write instead: `{word: utilise, instead: use}`.
    WithAlternative {
        /// The word or phrase to avoid.
        word: String,
        /// What to write instead.
        instead: String,
    },
}

/// The `key: value` form of a [`JargonEntry`].
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Alternative {
    word: String,
    instead: String,
}

// Read by a visitor rather than as an untagged enum, which reads the value
// into a buffer first: an error raised from there loses its place, and
// says only that no form matched.
impl<'de> Deserialize<'de> for JargonEntry {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(JargonVisitor)
    }
}

struct JargonVisitor;

impl<'de> Visitor<'de> for JargonVisitor {
    type Value = JargonEntry;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a word, or `word:` and `instead:`")
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<JargonEntry, E> {
        Ok(JargonEntry::Word(value.to_string()))
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<JargonEntry, A::Error> {
        let Alternative { word, instead } =
            Alternative::deserialize(de::value::MapAccessDeserializer::new(map))?;
        Ok(JargonEntry::WithAlternative { word, instead })
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ConfigFile {
    title: String,
    base_url: String,
    #[serde(default)]
    description: String,
    #[serde(default = "default_language")]
    language: String,
    #[serde(default)]
    languages: std::collections::BTreeMap<String, LanguageConfig>,
    #[serde(default = "default_theme")]
    theme: String,
    #[serde(default)]
    menu: Vec<MenuItem>,
    #[serde(default = "default_taxonomies")]
    taxonomies: Vec<TaxonomyConfig>,
    #[serde(default)]
    markdown: MarkdownConfig,
    #[serde(default)]
    public_sector: bool,
    #[serde(default)]
    accessibility: Option<statement::StatementConfig>,
    #[serde(default)]
    review: ReviewConfig,
    #[serde(default = "yes")]
    search: bool,
    #[serde(default = "yes")]
    feeds: bool,
    #[serde(default)]
    check: CheckConfig,
    #[serde(default)]
    glossary: std::collections::BTreeMap<String, String>,
    #[serde(default)]
    extra: serde_json::Map<String, serde_json::Value>,
}

fn twenty() -> usize {
    20
}

fn yes() -> bool {
    true
}

fn default_language() -> String {
    "en-GB".to_string()
}

fn default_theme() -> String {
    "default".to_string()
}

/// The taxonomies of a site whose site.yaml names none.
pub(crate) const DEFAULT_TAXONOMIES: [&str; 2] = ["topics", "audiences"];

fn default_taxonomies() -> Vec<TaxonomyConfig> {
    DEFAULT_TAXONOMIES
        .into_iter()
        .map(|name| TaxonomyConfig {
            name: name.to_string(),
            title: None,
            paginate_by: 20,
            feed: true,
        })
        .collect()
}

/// `text` with its first letter in capitals and the rest as written
/// (`clinical teams` -> `Clinical teams`; `NHS trusts` stays). A first
/// word that has a capital already is left as written: `iPad users` and
/// `eHealth` are names spelt that way.
pub(crate) fn capitalise(text: &str) -> String {
    let first_word = text.split_whitespace().next().unwrap_or_default();
    if first_word.chars().any(char::is_uppercase) {
        return text.to_string();
    }
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

/// The command-line option that overrides `base_url`, named in its errors.
pub(crate) const BASE_URL_OPTION: &str = "--base-url";

/// Reads and checks `ROOT/site.yaml`. `base_url` overrides the file's value.
pub fn load(root: &Path, base_url: Option<&str>) -> Result<Config, Vec<Error>> {
    let path = root.join(CONFIG_FILE);
    if !path.is_file() {
        return Err(vec![Error::new(
            ErrorKind::Config,
            CONFIG_FILE,
            "no site.yaml in the site folder",
        )
        .with_help(format!(
            "run Hearth in a site folder, pass --root, or create a site with `hearth init {}`",
            root.display()
        ))]);
    }
    let text = files::read_text(&path, Path::new(CONFIG_FILE)).map_err(|error| vec![error])?;
    // YAML allows no control characters: each is an error at its place,
    // and the rest of the file is read with a space there.
    let (text, controls) = files::controls_as_spaces(text);
    let problems = files::control_problems(&text, CONFIG_FILE, &controls);
    match parse(root, &text, base_url) {
        Ok(_) if !problems.is_empty() => Err(problems),
        Ok(config) => Ok(config),
        Err(mut errors) => {
            errors.extend(problems);
            Err(errors)
        }
    }
}

/// Checks the text of a `site.yaml`, reporting every problem found.
pub fn parse(root: &Path, text: &str, base_url: Option<&str>) -> Result<Config, Vec<Error>> {
    let index = LineIndex::new(text);
    // The entries that read are checked even while others have errors, so
    // that one run reports them all; an entry with an error takes its
    // default here, which these checks pass.
    let around = yaml::parse_around::<ConfigFile>(text);
    let file = around.value;
    let mut errors: Vec<Error> = around
        .errors
        .into_iter()
        .map(|e| in_site_yaml(e, &index))
        .collect();
    let Some(file) = file else {
        return Err(errors);
    };
    let (base_url, base_path) = site_address(&file.base_url, base_url, text, &index)
        .map_err(|error| errors.push(error))
        .unwrap_or_default();
    errors.extend(check_language(&file.language, text).err());
    errors.extend(check_taxonomies(&file.taxonomies, text));
    errors.extend(languages::check_languages(
        &file.languages,
        &file.language,
        text,
    ));
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(config_of(root, file, text, (base_url, base_path)))
}

/// The config a checked site.yaml gives, with its site address (URL and
/// path) worked out.
fn config_of(root: &Path, file: ConfigFile, text: &str, address: (String, String)) -> Config {
    let (base_url, base_path) = address;
    Config {
        places: Places::find(text, &file),
        root: root.to_path_buf(),
        title: file.title,
        description: file.description,
        base_url,
        site_base_path: base_path.clone(),
        base_path,
        default_language: file.language.clone(),
        language: file.language,
        languages: file.languages,
        theme: file.theme,
        menu: file.menu,
        taxonomies: file.taxonomies,
        markdown: file.markdown,
        public_sector: file.public_sector,
        accessibility: file.accessibility,
        review: file.review,
        search: file.search,
        feeds: file.feeds,
        check: file.check,
        glossary: file.glossary,
        extra: file.extra,
        text: text.to_string(),
    }
}

/// A YAML library error in site.yaml, with a did-you-mean for a misspelt key.
fn in_site_yaml(e: yaml::YamlError, index: &LineIndex) -> Error {
    let error = Error::new(e.kind, CONFIG_FILE, format!("in site.yaml: {}", e.message))
        .at(index, e.line, e.column);
    if let Some(suggestion) = e.suggestion {
        error.with_help(format!("did you mean `{suggestion}`?"))
    } else if let Some(help) = e.help {
        error.with_help(help)
    } else {
        error
    }
}

/// The site's address and its path, from the command line's `--base-url`
/// when given, else site.yaml's `base_url` (`written`).
fn site_address(
    written: &str,
    given: Option<&str>,
    text: &str,
    index: &LineIndex,
) -> Result<(String, String), Error> {
    normalise_base_url(given.unwrap_or(written)).map_err(|message| {
        const HELP: &str = "write a full address such as https://example.org/ or https://example.gov.uk/compassionate-city/";
        // An address given on the command line is blamed on the option,
        // not on a site.yaml that may hold a good one.
        if given.is_some() {
            return Error::new(ErrorKind::Config, BASE_URL_OPTION, message.replacen("base_url ", "the address ", 1))
                .with_help(format!("{HELP}; to look at the site on this computer, run `hearth serve`"));
        }
        let line = yaml::top_level_keys(text)
            .into_iter()
            .find(|key| key.name == "base_url")
            .map_or(0, |key| key.line);
        let column = if line > 0 { yaml::value_column(text, line) } else { 0 };
        Error::new(ErrorKind::Config, CONFIG_FILE, message)
            .at(index, line, column)
            .with_help(HELP)
    })
}

/// The site's language must be a registered language tag: it becomes every
/// page's `lang`, which screen readers use to choose a voice (WCAG 3.1.1),
/// and it picks the search index's stemmer. Checked against the IANA
/// registry by the `language-tags` crate.
fn check_language(language: &str, text: &str) -> Result<(), Error> {
    let problem = match language_tags::LanguageTag::parse(language) {
        Ok(tag) => tag.validate().err().map(|e| e.to_string()),
        Err(e) => Some(e.to_string()),
    };
    let Some(problem) = problem else {
        return Ok(());
    };
    let (line, column) = yaml::place_in_block(text, "language", None, language, 0);
    Err(Error::new(
        ErrorKind::Config,
        CONFIG_FILE,
        format!("`language` is `{language}`, which is not a language tag: {problem}"),
    )
    .at(&LineIndex::new(text), line, column)
    .with_help("write a language tag such as en-GB for British English, or cy for Welsh"))
}

/// Taxonomy names must be usable in addresses, and each declared once.
/// Errors point at the name in site.yaml, or at `taxonomies:` when the
/// text does not show it as written.
fn check_taxonomies(taxonomies: &[TaxonomyConfig], text: &str) -> Vec<Error> {
    let index = LineIndex::new(text);
    let mut errors = Vec::new();
    for (number, taxonomy) in taxonomies.iter().enumerate() {
        let name = &taxonomy.name;
        let earlier = taxonomies[..number]
            .iter()
            .filter(|t| &t.name == name)
            .count();
        let (line, column) = yaml::place_in_block(text, "taxonomies", Some("name"), name, earlier);
        let Some((message, help)) = taxonomy_problem(name, earlier) else {
            continue;
        };
        errors.push(
            Error::new(ErrorKind::Config, CONFIG_FILE, message)
                .at(&index, line, column)
                .with_help(help),
        );
    }
    errors
}

/// What is wrong with a taxonomy's name, declared `earlier` times before:
/// the message and help, if anything is.
fn taxonomy_problem(name: &str, earlier: usize) -> Option<(String, &'static str)> {
    let is_slug = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_');
    if !is_slug {
        Some((
            format!("taxonomy name `{name}` must use only lowercase letters, digits, - and _"),
            "the name is used in addresses and front matter: write it as a slug, such as `local-areas`, and put the words readers see in `title:`",
        ))
    } else if earlier > 0 {
        Some((
            format!("the taxonomy `{name}` is declared twice"),
            "remove one of the two",
        ))
    } else {
        None
    }
}

/// Splits a base URL into its normalised form and its path.
pub(crate) fn normalise_base_url(raw: &str) -> Result<(String, String), String> {
    let raw = raw.trim();
    let rest = raw
        .strip_prefix("https://")
        .or_else(|| raw.strip_prefix("http://"))
        .ok_or_else(|| format!("base_url `{raw}` must start with https:// or http://"))?;
    let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
    if host.is_empty() || host.contains(char::is_whitespace) {
        return Err(format!("base_url `{raw}` has no host name"));
    }
    if path.contains(['?', '#', ' ']) || path.split('/').any(|part| part == "..") {
        return Err(format!("base_url `{raw}` has a path that cannot be used"));
    }
    let trimmed = path.trim_matches('/');
    let base_path = if trimmed.is_empty() {
        "/".to_string()
    } else {
        format!("/{trimmed}/")
    };
    let scheme_end = raw.len() - rest.len();
    Ok((
        format!("{}{host}{base_path}", &raw[..scheme_end]),
        base_path,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The one error that `text` gives.
    fn error_of(text: &str) -> Error {
        let mut errors = parse(Path::new("."), text, None).expect_err("an error");
        assert_eq!(errors.len(), 1, "{errors:?}");
        errors.remove(0)
    }

    #[test]
    fn base_url_keeps_its_subpath() {
        let (url, path) = normalise_base_url("https://example.gov.uk/compassionate-city").unwrap();
        assert_eq!(url, "https://example.gov.uk/compassionate-city/");
        assert_eq!(path, "/compassionate-city/");
        assert_eq!(normalise_base_url("http://a.test").unwrap().1, "/");
        assert!(normalise_base_url("example.org").is_err());
        assert!(normalise_base_url("https:///x").is_err());
    }

    #[test]
    fn unknown_key_is_an_error_with_suggestion() {
        let error = error_of("title: A\nbase_url: https://a.test/\nlanguge: cy\n");
        assert_eq!(error.kind, ErrorKind::UnknownKey);
        assert_eq!(error.line, 3);
        assert_eq!(error.help.as_deref(), Some("did you mean `language`?"));
    }

    #[test]
    fn a_syntax_error_says_what_to_write() {
        let error = error_of("title: Compassionate Town: our charter\nbase_url: https://a.test/\n");
        assert_eq!(error.kind, ErrorKind::Yaml);
        assert_eq!((error.line, error.column), (1, 26));
        assert_eq!(
            error.help.as_deref(),
            Some("put the value in double quotes: title: \"Compassionate Town: our charter\"")
        );
    }

    #[test]
    fn wrong_type_is_an_error_at_its_line() {
        let text = "title: A\nbase_url: https://a.test/\nmenu: yes\n";
        let error = error_of(text);
        assert_eq!(error.kind, ErrorKind::InvalidValue);
        assert_eq!(error.line, 3);
    }

    #[test]
    fn a_wrong_jargon_entry_is_an_error_at_the_entry() {
        let text = "title: A\nbase_url: https://a.test/\ncheck:\n  jargon:\n    - utilise\n    - {word: leverage}\n";
        let error = error_of(text);
        assert_eq!(
            (error.kind, error.line, error.column),
            (ErrorKind::MissingField, 6, 7),
            "{error:?}"
        );
        let text = "title: A\nbase_url: https://a.test/\ncheck:\n  jargon:\n    - utilise\n    - {word: leverage, instead: use}\n";
        let config = parse(Path::new("."), text, None).expect("a good config");
        assert_eq!(
            config.check.jargon,
            Some(vec![
                JargonEntry::Word("utilise".to_string()),
                JargonEntry::WithAlternative {
                    word: "leverage".to_string(),
                    instead: "use".to_string()
                }
            ])
        );
    }

    #[test]
    fn the_language_must_be_a_registered_tag() {
        let with = |language: &str| {
            let text = format!("title: A\nbase_url: https://a.test/\nlanguage: {language}\n");
            parse(Path::new("."), &text, None)
                .map(|config| config.language)
                .map_err(|_| error_of(&text))
        };
        for good in ["en-GB", "cy", "cy-GB", "en-gb", "ga"] {
            assert_eq!(with(good).as_deref(), Ok(good));
        }
        for bad in ["cymraeg", "en_GB", "xx", "''"] {
            let error = with(bad).unwrap_err();
            assert_eq!(
                (error.kind, error.line),
                (ErrorKind::Config, 3),
                "{bad}: {error}"
            );
        }
        assert_eq!(with("cymraeg").unwrap_err().column, 11);
    }

    #[test]
    fn taxonomy_errors_point_at_the_name() {
        let head = "title: A\nbase_url: https://a.test/\ntaxonomies:\n";
        let place = |list: &str| {
            let error = error_of(&format!("{head}{list}"));
            (error.kind, error.line, error.column)
        };
        let spaced = place("  - name: topics\n  - name: Local Areas\n");
        assert_eq!(spaced, (ErrorKind::Config, 5, 11));
        let twice = place("  - name: topics\n    title: topics\n  - name: topics\n");
        assert_eq!(twice, (ErrorKind::Config, 6, 11));
    }

    #[test]
    fn every_problem_in_the_file_is_reported() {
        let text = "title: [A]\nbase_url: example.org\nlanguge: cy\nlanguage: cymraeg\nsearch: often\ntaxonomies:\n  - name: Places\n";
        let errors = parse(Path::new("."), text, None).expect_err("errors");
        let found: Vec<_> = errors.iter().map(|e| (e.line, e.kind)).collect();
        assert_eq!(
            found,
            [
                (1, ErrorKind::InvalidValue),
                (3, ErrorKind::UnknownKey),
                (5, ErrorKind::InvalidValue)
            ],
            "{errors:?}"
        );
        let text =
            "title: A\nbase_url: example.org\nlanguage: cymraeg\ntaxonomies:\n  - name: Places\n";
        let errors = parse(Path::new("."), text, None).expect_err("errors");
        let places: Vec<_> = errors.iter().map(|e| (e.line, e.column)).collect();
        assert_eq!(places, [(2, 11), (3, 11), (5, 11)], "{errors:?}");
        // A typing error in one entry does not hold back the checks of the
        // others; an error in a required entry (the title above) does.
        let text = "title: A\nbase_url: example.org\nlanguage: cymraeg\nsearch: often\ntaxonomies:\n  - name: Places\n";
        let errors = parse(Path::new("."), text, None).expect_err("errors");
        let mut places: Vec<_> = errors.iter().map(|e| (e.line, e.column)).collect();
        places.sort();
        assert_eq!(places, [(2, 11), (3, 11), (4, 9), (6, 11)], "{errors:?}");
    }

    #[test]
    fn capitalise_leaves_names_spelt_with_capitals() {
        assert_eq!(capitalise("clinical teams"), "Clinical teams");
        assert_eq!(capitalise("écoles"), "Écoles");
        assert_eq!(capitalise("NHS trusts"), "NHS trusts");
        assert_eq!(capitalise("iPad users"), "iPad users");
        assert_eq!(capitalise("eHealth"), "eHealth");
        assert_eq!(capitalise(""), "");
    }

    #[test]
    fn defaults_give_topics_and_audiences() {
        let config = parse(
            Path::new("."),
            "title: A\nbase_url: https://a.test/x/\n",
            None,
        )
        .unwrap();
        let names: Vec<_> = config.taxonomies.iter().map(|t| t.name.as_str()).collect();
        assert_eq!(names, ["topics", "audiences"]);
        assert_eq!(config.base_path, "/x/");
        assert!(config.markdown.smart_punctuation);
    }
}
