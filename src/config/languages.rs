//! The `languages:` block of site.yaml: the site's further languages, each
//! with its own title, description, menu and statement text, and the
//! per-language [`Config`] that each language's pages are assembled with.
//!
//! Part of the config stage. The default language (`language:`) is
//! published at the base path; each further language under `CODE/`.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::{Config, MenuItem, TaxonomyConfig, CONFIG_FILE};
use crate::config::statement::StatementIssue;
use crate::error::{Error, ErrorKind, LineIndex};
use crate::yaml;

/// One further language's settings.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct LanguageConfig {
    /// The site title in this language.
    pub title: String,
    /// The site description in this language.
    #[serde(default)]
    pub description: String,
    /// The main menu in this language; `@/about.md` links to the
    /// counterpart in this language where there is one.
    #[serde(default)]
    pub menu: Vec<MenuItem>,
    /// Taxonomy titles in this language, by taxonomy name.
    #[serde(default)]
    pub taxonomies: BTreeMap<String, String>,
    /// The accessibility statement's own text where it differs.
    #[serde(default)]
    pub accessibility: Option<StatementText>,
    /// This language's glossary: its own terms, each with its definition,
    /// which its pages mark and its glossary page lists (the default
    /// language's terms are not used on its pages).
    #[serde(default)]
    pub glossary: BTreeMap<String, String>,
}

/// The parts of the accessibility statement written in words, for one
/// language; what is left out is taken from the `accessibility:` block.
#[derive(Debug, Clone, Deserialize, PartialEq, Default)]
#[serde(deny_unknown_fields)]
pub struct StatementText {
    /// The body responsible for the site.
    #[serde(default)]
    pub organisation: Option<String>,
    /// Name of the site.
    #[serde(default)]
    pub site_name: Option<String>,
    /// Known problems, in this language.
    #[serde(default)]
    pub issues: Option<Vec<StatementIssue>>,
    /// Content exempt on grounds of disproportionate burden.
    #[serde(default)]
    pub disproportionate_burden: Option<Vec<String>>,
    /// Content outside the regulations' scope.
    #[serde(default)]
    pub out_of_scope: Option<Vec<String>>,
    /// Who tested the site and how.
    #[serde(default)]
    pub tested_by: Option<String>,
}

impl Config {
    /// Every language of the site, the default first.
    pub(crate) fn all_languages(&self) -> Vec<&str> {
        std::iter::once(self.default_language.as_str())
            .chain(self.languages.keys().map(String::as_str))
            .collect()
    }

    /// Whether this config is the default language's.
    pub(crate) fn is_default_language(&self) -> bool {
        self.language == self.default_language
    }

    /// The URL path prefix of `language`'s pages: empty for the default
    /// language, `cy/` for Welsh.
    pub(crate) fn language_prefix(&self, language: &str) -> String {
        if language == self.default_language {
            String::new()
        } else {
            format!("{language}/")
        }
    }

    /// The config that `language`'s pages are assembled and rendered
    /// with: its title, description, menu and statement text, and its
    /// base path under `CODE/`. `None` for a language the site lacks.
    pub(crate) fn for_language(&self, language: &str) -> Option<Config> {
        if language == self.default_language {
            let mut config = self.clone();
            config.language = language.to_string();
            return Some(config);
        }
        let settings = self.languages.get(language)?;
        let mut config = self.clone();
        config.language = language.to_string();
        config.title = settings.title.clone();
        config.description = settings.description.clone();
        config.menu = settings.menu.clone();
        config.base_path = format!("{}{language}/", self.site_base_path);
        config.base_url = format!("{}{language}/", self.site_base_url());
        config.taxonomies = translated_taxonomies(&self.taxonomies, &settings.taxonomies);
        config.glossary = settings.glossary.clone();
        if let (Some(statement), Some(text)) = (&mut config.accessibility, &settings.accessibility)
        {
            merge_statement(statement, text);
        }
        Some(config)
    }

    /// The base URL of the whole site (the default language's).
    pub(crate) fn site_base_url(&self) -> String {
        match self
            .base_url
            .strip_suffix(&self.language_prefix(&self.language))
        {
            Some(root) => root.to_string(),
            None => self.base_url.clone(),
        }
    }
}

fn translated_taxonomies(
    taxonomies: &[TaxonomyConfig],
    titles: &BTreeMap<String, String>,
) -> Vec<TaxonomyConfig> {
    taxonomies
        .iter()
        .map(|taxonomy| TaxonomyConfig {
            title: titles
                .get(&taxonomy.name)
                .cloned()
                .or_else(|| taxonomy.title.clone()),
            ..taxonomy.clone()
        })
        .collect()
}

fn merge_statement(
    statement: &mut crate::config::statement::StatementConfig,
    text: &StatementText,
) {
    let StatementText {
        organisation,
        site_name,
        issues,
        disproportionate_burden,
        out_of_scope,
        tested_by,
    } = text.clone();
    statement.organisation = organisation.or(statement.organisation.take());
    statement.site_name = site_name.or(statement.site_name.take());
    statement.tested_by = tested_by.or(statement.tested_by.take());
    if let Some(issues) = issues {
        statement.issues = issues;
    }
    if let Some(burden) = disproportionate_burden {
        statement.disproportionate_burden = burden;
    }
    if let Some(scope) = out_of_scope {
        statement.out_of_scope = scope;
    }
}

/// Each further language's code must be a registered language tag, other
/// than the default language: it becomes its pages' `lang`, a file name
/// suffix and an address prefix.
pub(super) fn check_languages(
    languages: &BTreeMap<String, LanguageConfig>,
    default: &str,
    text: &str,
) -> Vec<Error> {
    let index = LineIndex::new(text);
    let mut errors = Vec::new();
    for code in languages.keys() {
        let Some(problem) = language_problem(code, default) else {
            continue;
        };
        let (line, column) = key_place(text, code);
        errors.push(
            Error::new(
                ErrorKind::Config,
                CONFIG_FILE,
                format!("the language `{code}` under `languages:` cannot be used: {problem}"),
            )
            .at(&index, line, column)
            .with_help("write a language tag such as cy for Welsh or ga for Irish, and leave the site's own language out"),
        );
    }
    errors
}

/// Why a further language's code cannot be used, if it cannot.
fn language_problem(code: &str, default: &str) -> Option<&'static str> {
    if code == default {
        Some("it is the site's `language:` already")
    } else if !is_registered(code) {
        Some("it is not a registered language tag")
    } else if code.contains('/') || code.chars().any(char::is_whitespace) {
        Some("it cannot be used in an address")
    } else {
        None
    }
}

/// Whether `code` is a language tag in the IANA registry.
pub fn is_registered(code: &str) -> bool {
    language_tags::LanguageTag::parse(code).is_ok_and(|tag| tag.validate().is_ok())
}

/// Where the key `code:` is written under `languages:`.
fn key_place(text: &str, code: &str) -> (usize, usize) {
    let start = yaml::top_level_keys(text)
        .into_iter()
        .find(|key| key.name == "languages")
        .map_or(0, |key| key.line);
    for (number, line) in text.lines().enumerate().skip(start) {
        let trimmed = line.trim_start();
        if trimmed
            .strip_prefix(code)
            .is_some_and(|rest| rest.starts_with(':'))
        {
            return (number + 1, line.len() - trimmed.len() + 1);
        }
    }
    (start, 1)
}
