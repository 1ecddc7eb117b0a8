//! Translation catalogues: the interface text of each language, with
//! CLDR plural rules, read with Project Fluent.
//!
//! A stage of its own, before content: the theme's catalogues
//! (`i18n/en.ftl`, `i18n/cy.ftl`), then a theme folder's, then the site's
//! own `i18n/*.ftl`, each later file adding strings or changing single
//! ones. `render` asks a [`Translator`] for each string; a string missing
//! in a language falls back to the default language's, and is reported
//! by [`Catalogues::missing`].

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::Arc;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

use crate::error::{Error, ErrorKind, LineIndex};

/// One catalogue file as read: its language, text and the path errors show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CatalogueSource {
    /// The language code, from the file name (`cy.ftl` is `cy`).
    pub language: String,
    /// The Fluent text.
    pub text: String,
    /// The path shown in messages.
    pub shown: String,
}

type Bundle = FluentBundle<FluentResource>;

/// Every language's catalogue, read and checked.
pub(crate) struct Catalogues {
    default: String,
    bundles: HashMap<String, Arc<Bundle>>,
    keys: BTreeMap<String, BTreeSet<String>>,
    names: Arc<BTreeMap<String, String>>,
}

impl std::fmt::Debug for Catalogues {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Catalogues")
            .field("default", &self.default)
            .field("keys", &self.keys)
            .finish()
    }
}

/// A value given to a string: a number (which picks the plural form) or text.
#[derive(Debug, Clone)]
pub(crate) enum Arg {
    /// A number.
    Number(f64),
    /// Text.
    Text(String),
}

/// Reads the catalogues, in order, for the site's languages. A syntax error
/// is an error at its file, line and column.
pub fn load(
    sources: &[CatalogueSource],
    default: &str,
    languages: &[&str],
) -> Result<Catalogues, Vec<Error>> {
    let (bundles, keys) = read_bundles(sources, languages)?;
    let bundles: HashMap<String, Arc<Bundle>> =
        bundles.into_iter().map(|(k, v)| (k, Arc::new(v))).collect();
    let names = own_names(&bundles);
    Ok(Catalogues {
        default: default.to_string(),
        bundles,
        keys,
        names: Arc::new(names),
    })
}

/// The message keys of each language.
type Keys = BTreeMap<String, BTreeSet<String>>;

/// Each language's bundle, a later catalogue's messages overriding an
/// earlier one's, and the message keys each language has.
fn read_bundles(
    sources: &[CatalogueSource],
    languages: &[&str],
) -> Result<(HashMap<String, Bundle>, Keys), Vec<Error>> {
    let mut errors = Vec::new();
    let mut bundles: HashMap<String, Bundle> = HashMap::new();
    let mut keys: Keys = BTreeMap::new();
    for source in sources {
        let Some(language) = matching(&source.language, languages) else {
            continue;
        };
        let resource = match FluentResource::try_new(source.text.clone()) {
            Ok(resource) => resource,
            Err((_, problems)) => {
                errors.extend(problems.iter().map(|p| syntax_error(source, p)));
                continue;
            }
        };
        let known = keys.entry(language.to_string()).or_default();
        known.extend(message_ids(&resource));
        let bundle = bundles
            .entry(language.to_string())
            .or_insert_with(|| new_bundle(language));
        bundle.add_resource_overriding(resource);
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok((bundles, keys))
}

/// Each language's name in itself, for the language switch.
fn own_names(bundles: &HashMap<String, Arc<Bundle>>) -> BTreeMap<String, String> {
    bundles
        .iter()
        .filter_map(|(code, bundle)| {
            let translator = Translator {
                language: code.clone(),
                own: Some(Arc::clone(bundle)),
                default: None,
                names: Arc::default(),
            };
            Some((code.clone(), translator.text("language-name", &[])?))
        })
        .collect()
}

/// The site language a catalogue's code serves: `en` serves `en-GB`.
fn matching<'a>(code: &str, languages: &[&'a str]) -> Option<&'a str> {
    let primary = |tag: &str| tag.split('-').next().unwrap_or(tag).to_ascii_lowercase();
    languages
        .iter()
        .find(|language| language.eq_ignore_ascii_case(code))
        .or_else(|| {
            languages
                .iter()
                .find(|language| primary(language) == primary(code))
        })
        .copied()
}

fn new_bundle(language: &str) -> Bundle {
    let id: unic_langid::LanguageIdentifier = language
        .parse()
        .unwrap_or_else(|_| unic_langid::LanguageIdentifier::default());
    let mut bundle = FluentBundle::new_concurrent(vec![id]);
    // Unicode isolation marks around each value would change every page's text.
    bundle.set_use_isolating(false);
    bundle
}

fn message_ids(resource: &FluentResource) -> Vec<String> {
    resource
        .entries()
        .filter_map(|entry| match entry {
            fluent_syntax::ast::Entry::Message(message) => Some(message.id.name.to_string()),
            _ => None,
        })
        .collect()
}

fn syntax_error(source: &CatalogueSource, problem: &fluent_syntax::parser::ParserError) -> Error {
    Error::new(
        ErrorKind::Catalogue,
        &source.shown,
        format!("this catalogue cannot be read: {}", problem.kind),
    )
    .at_offset(&LineIndex::new(&source.text), problem.pos.start)
    .with_help("write each string as `key = text`, with variables as { $name }; see the theme's i18n/en.ftl")
}

impl Catalogues {
    /// The strings of `language`, falling back to the default language's.
    pub(crate) fn translator(&self, language: &str) -> Translator {
        let own = matching_key(&self.bundles, language).cloned();
        let default = matching_key(&self.bundles, &self.default).cloned();
        Translator {
            language: language.to_string(),
            own,
            default,
            names: Arc::clone(&self.names),
        }
    }

    /// Whether some catalogue holds strings for `language`.
    pub(crate) fn has(&self, language: &str) -> bool {
        matching_key(&self.bundles, language).is_some()
    }

    /// The keys the default language has and `language` lacks, sorted.
    pub(crate) fn missing(&self, language: &str) -> Vec<String> {
        let empty = BTreeSet::new();
        let default = self.keys.get(&self.default).unwrap_or(&empty);
        let own = self.keys.get(language).unwrap_or(&empty);
        default.difference(own).cloned().collect()
    }
}

fn matching_key<'m>(
    bundles: &'m HashMap<String, Arc<Bundle>>,
    language: &str,
) -> Option<&'m Arc<Bundle>> {
    bundles.get(language)
}

/// The interface strings of one language.
#[derive(Clone)]
pub struct Translator {
    language: String,
    own: Option<Arc<Bundle>>,
    default: Option<Arc<Bundle>>,
    names: Arc<BTreeMap<String, String>>,
}

impl Translator {
    /// The name of the language `code` in itself (`Cymraeg`), or the code
    /// when no catalogue names it.
    pub(crate) fn language_name(&self, code: &str) -> String {
        self.names
            .get(code)
            .cloned()
            .unwrap_or_else(|| code.to_string())
    }

    /// The language this translator is for.
    pub(crate) fn language(&self) -> &str {
        &self.language
    }

    /// The string `key` with `args`, in this language or else the default
    /// language's; `None` when neither catalogue has it.
    pub(crate) fn text(&self, key: &str, args: &[(&str, Arg)]) -> Option<String> {
        let bundle = [&self.own, &self.default]
            .into_iter()
            .flatten()
            .find(|bundle| bundle.has_message(key))?;
        let pattern = bundle.get_message(key)?.value()?;
        let mut fluent_args = FluentArgs::new();
        for (name, value) in args {
            let value = match value {
                Arg::Number(n) => FluentValue::from(*n),
                Arg::Text(t) => FluentValue::from(t.clone()),
            };
            fluent_args.set(*name, value);
        }
        let mut problems = Vec::new();
        let text = bundle.format_pattern(pattern, Some(&fluent_args), &mut problems);
        Some(text.into_owned())
    }

    /// `2 hours 30 minutes` in this language, each part in its plural
    /// form (`hours` and `minutes` in the catalogue, joined by
    /// `duration-hours-minutes`).
    pub(crate) fn duration(&self, minutes: u32) -> String {
        let (hours, rest) = (minutes / 60, minutes % 60);
        let count = |key: &str, n: u32, english: &str| {
            self.text(key, &[("count", Arg::Number(f64::from(n)))])
                .unwrap_or_else(|| format!("{n} {english}{}", if n == 1 { "" } else { "s" }))
        };
        let hours_text = (hours > 0).then(|| count("hours", hours, "hour"));
        let minutes_text = (rest > 0 || hours == 0).then(|| count("minutes", rest, "minute"));
        match (hours_text, minutes_text) {
            (Some(hours), Some(minutes)) => {
                let args = [
                    ("hours", Arg::Text(hours.clone())),
                    ("minutes", Arg::Text(minutes.clone())),
                ];
                self.text("duration-hours-minutes", &args)
                    .unwrap_or_else(|| format!("{hours} {minutes}"))
            }
            (Some(text), None) | (None, Some(text)) => text,
            (None, None) => String::new(),
        }
    }

    /// `3 March 2026` in this language.
    pub(crate) fn date(&self, date: chrono::NaiveDate) -> String {
        use chrono::Datelike;
        let args = [
            ("day", Arg::Number(f64::from(date.day()))),
            ("month", Arg::Number(f64::from(date.month()))),
            ("year", Arg::Text(date.year().to_string())),
        ];
        self.text("date", &args)
            .unwrap_or_else(|| format!("{} {} {}", date.day(), date.format("%B"), date.year()))
    }
}

#[cfg(test)]
mod tests;
