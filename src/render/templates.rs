//! Tera setup: templates parsed once, Hearth's functions registered, and
//! Tera's errors turned into Hearth errors at the template's line and column.

use crate::i18n::{Arg, Translator};
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use serde::Serialize;
use tera::{Context, Kwargs, State, Tera};

use super::site_data::SiteData;
use super::theme::Theme;
use crate::error::{Error, ErrorKind, LineIndex};
use crate::images::Pictures;

/// Parsed templates, ready to render from many threads.
pub struct Templates {
    tera: Tera,
    sources: HashMap<String, (String, String)>,
}

/// A theme's templates as last parsed, kept from one render to the next:
/// a preview edit that leaves the theme alone clones them rather than
/// parsing every template again.
#[derive(Default)]
pub struct Parsed {
    /// Each template's name and text, as parsed.
    texts: Vec<(String, String)>,
    /// The parsed templates, with functions of the render that parsed them.
    tera: Option<Tera>,
}

impl std::fmt::Debug for Parsed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Parsed")
            .field("templates", &self.texts.len())
            .finish_non_exhaustive()
    }
}

impl Parsed {
    /// The templates parsed from exactly `pairs`, when they were.
    fn of(&self, pairs: &[(&str, &str)]) -> Option<&Tera> {
        let same =
            |(kept, new): (&(String, String), &(&str, &str))| kept.0 == new.0 && kept.1 == new.1;
        let is_same = self.texts.len() == pairs.len() && self.texts.iter().zip(pairs).all(same);
        self.tera.as_ref().filter(|_| is_same)
    }

    /// Keeps `tera`, parsed from `pairs`, with functions that hold no
    /// render's images or site-wide data (each render registers its own).
    fn keep(&mut self, pairs: &[(&str, &str)], tera: &Tera) {
        let mut kept = tera.clone();
        register_image(&mut kept, &Arc::default());
        super::site_data::register(&mut kept, &Arc::default());
        self.texts = pairs
            .iter()
            .map(|(n, t)| (n.to_string(), t.to_string()))
            .collect();
        self.tera = Some(kept);
    }
}

/// Templates every theme must have.
pub const REQUIRED: &[&str] = &[
    "base.html",
    "page.html",
    "section.html",
    "taxonomy_list.html",
    "taxonomy_term.html",
    "404.html",
];

impl Templates {
    /// Parses the theme's templates (or clones those in `parsed`, when
    /// they are the theme's) and registers `asset()`, `url()`, `image()`,
    /// `t()` and the site-wide functions (answered from `site_data`) for
    /// the language of `config`.
    pub fn new(
        theme: &Theme,
        config: &crate::config::Config,
        words: &Translator,
        site: &impl Serialize,
        (pictures, site_data): (&Arc<Pictures>, &Arc<SiteData>),
        parsed: &mut Parsed,
    ) -> Result<Self, Vec<Error>> {
        check_required(theme)?;
        let paths = (config.base_path.as_str(), config.site_base_path.as_str());
        let register = |tera: &mut Tera| {
            register_functions(tera, paths, theme, words);
            register_image(tera, pictures);
            super::site_data::register(tera, site_data);
        };
        let mut templates = Templates {
            tera: Tera::new(),
            sources: sources_of(theme),
        };
        let pairs: Vec<(&str, &str)> = theme
            .templates
            .values()
            .map(|t| (t.name.as_str(), t.text.as_str()))
            .collect();
        // Tera checks at parse time that each function called exists: the
        // kept templates have every function, and each is replaced here.
        let mut tera = match parsed.of(&pairs) {
            Some(kept) => {
                let mut tera = kept.clone();
                register(&mut tera);
                tera
            }
            None => {
                let mut tera = Tera::new();
                tera.autoescape_on([".html", ".xml"]);
                register(&mut tera);
                if let Err(error) = tera.add_raw_templates(pairs.clone()) {
                    return Err(templates.every_load_error(&error, pairs, || {
                        let mut scratch = Tera::new();
                        register(&mut scratch);
                        scratch
                    }));
                }
                parsed.keep(&pairs, &tera);
                tera
            }
        };
        tera.global_context().insert("site", site);
        templates.tera = tera;
        Ok(templates)
    }

    /// True when the theme has a template of that name.
    pub fn has(&self, name: &str) -> bool {
        self.sources.contains_key(name)
    }

    /// The names of the theme's templates.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.sources.keys().map(String::as_str)
    }

    /// Renders a template with a typed context. `for_page` names the page in errors.
    pub fn render(
        &self,
        name: &str,
        context: &impl Serialize,
        for_page: &str,
    ) -> Result<String, Error> {
        let context = Context::from_serialize(context).map_err(|e| {
            Error::new(
                ErrorKind::Template,
                for_page,
                format!("could not pass data to `{name}`: {e}"),
            )
        })?;
        self.tera
            .render(name, &context)
            .map_err(|e| self.error(&e, Some((name, for_page))))
    }

    /// Every template's first syntax error, not only the first template's.
    /// Tera stops at the first template that fails to parse, so that one is
    /// left out and the rest are parsed again, until they parse or fail
    /// only for want of a template that was left out.
    fn every_load_error(
        &self,
        first: &tera::Error,
        mut pairs: Vec<(&str, &str)>,
        fresh: impl Fn() -> Tera,
    ) -> Vec<Error> {
        let mut errors = self.load_errors(first);
        let mut left_out: Vec<&str> = Vec::new();
        loop {
            let broken: Vec<&str> = errors
                .iter()
                .filter_map(|error| self.name_of(&error.path.display().to_string()))
                .collect();
            let before = pairs.len();
            pairs.retain(|(name, _)| {
                let keep = !broken.contains(name);
                if !keep {
                    left_out.push(name);
                }
                keep
            });
            if pairs.len() == before {
                return errors;
            }
            let Err(error) = fresh().add_raw_templates(pairs.clone()) else {
                return errors;
            };
            if let tera::ErrorKind::MissingParent { parent, .. } = error.kind() {
                if left_out.contains(&parent.as_str()) {
                    return errors;
                }
            }
            let found = self.load_errors(&error);
            let is_own = found.iter().all(|e| {
                self.name_of(&e.path.display().to_string())
                    .is_some_and(|name| pairs.iter().any(|(kept, _)| *kept == name))
            });
            if !is_own {
                return errors;
            }
            errors.extend(found);
        }
    }

    /// The name of the template shown as `shown`.
    fn name_of(&self, shown: &str) -> Option<&str> {
        self.sources
            .iter()
            .find(|(_, (path, _))| path == shown)
            .map(|(name, _)| name.as_str())
    }

    /// The problems of one failed load: Tera gives one or more
    /// pre-rendered reports in one message.
    fn load_errors(&self, error: &tera::Error) -> Vec<Error> {
        match error.kind() {
            tera::ErrorKind::MissingParent { current, parent } => {
                return vec![self.missing_parent(current, parent)];
            }
            tera::ErrorKind::CircularExtend {
                inheritance_chain, ..
            } => return vec![self.circular_extend(inheritance_chain)],
            _ => {}
        }
        let tera::ErrorKind::Msg(text) = error.kind() else {
            return vec![self.error(error, None)];
        };
        let found: Vec<Error> = text
            .split("\n\n")
            .filter_map(|report| self.located_report(report))
            .collect();
        if found.is_empty() {
            vec![Error::new(ErrorKind::Template, "templates", text.clone())]
        } else {
            found
        }
    }

    /// `{% extends "x" %}` naming a template there is not: at the name,
    /// with the nearest template's name when one is close.
    fn missing_parent(&self, current: &str, parent: &str) -> Error {
        let Some((shown, text)) = self.sources.get(current) else {
            return Error::new(
                ErrorKind::Template,
                "templates",
                format!("`{current}` extends `{parent}`, which is not a template"),
            );
        };
        let names = self
            .names()
            .filter(|n| *n != current && !n.starts_with("partials/"));
        let help = match crate::yaml::suggest(parent, names) {
            Some(near) => format!("did you mean `{near}`?"),
            None => format!("add templates/{parent} to the site or the theme"),
        };
        let error = Error::new(
            ErrorKind::Template,
            shown,
            format!("`{current}` extends `{parent}`, but there is no template `{parent}`"),
        )
        .with_help(help);
        at_extends(error, text, parent)
    }

    /// Templates that extend each other in a loop: at the first one's
    /// `{% extends %}`, with the whole loop named.
    fn circular_extend(&self, chain: &[String]) -> Error {
        let message = format!(
            "templates extend each other in a loop: {}",
            chain.join(" extends ")
        );
        let help = "a template at the top, such as base.html, extends no other";
        let at = chain.first().zip(chain.get(1));
        match at.and_then(|(first, second)| Some((self.sources.get(first)?, second))) {
            Some(((shown, text), parent)) => at_extends(
                Error::new(ErrorKind::Template, shown, message).with_help(help),
                text,
                parent,
            ),
            None => Error::new(ErrorKind::Template, "templates", message).with_help(help),
        }
    }

    /// Reads `error: MESSAGE` and `--> NAME:LINE:COLUMN` from one report.
    fn located_report(&self, report: &str) -> Option<Error> {
        let first = report.lines().next()?.trim();
        let message = first.trim_start_matches("error:").trim();
        let location = report
            .lines()
            .find_map(|line| line.trim().strip_prefix("--> "))?;
        let mut parts = location.rsplitn(3, ':');
        let column: usize = parts.next()?.parse().ok()?;
        let line: usize = parts.next()?.parse().ok()?;
        let name = parts.next()?;
        let (shown, text) = self.sources.get(name)?;
        let index = LineIndex::new(text);
        Some(Error::new(ErrorKind::Template, shown, message).at(&index, line, column))
    }

    fn error(&self, error: &tera::Error, rendering: Option<(&str, &str)>) -> Error {
        let report = match error.kind() {
            tera::ErrorKind::SyntaxError(report) | tera::ErrorKind::RenderingError(report) => {
                Some(report)
            }
            _ => None,
        };
        let template = report
            .map(|r| r.filename().to_string())
            .or(rendering.map(|r| r.0.to_string()));
        let (shown, text) = template
            .as_deref()
            .and_then(|name| self.sources.get(name))
            .cloned()
            .unwrap_or_else(|| ("templates".to_string(), String::new()));
        let message = report.map_or_else(|| error.to_string(), |r| r.message().to_string());
        let mut result = Error::new(ErrorKind::Template, shown, message);
        if let Some((_, page)) = rendering {
            result = result.with_help(format!("while rendering {page}"));
        }
        if let Some(report) = report {
            let span = report.span();
            result = result.at(&LineIndex::new(&text), span.start_line, span.start_col + 1);
        }
        result
    }
}

/// Each template's name with the path shown in errors and its text.
fn sources_of(theme: &Theme) -> HashMap<String, (String, String)> {
    theme
        .templates
        .values()
        .map(|t| (t.name.clone(), (t.shown.clone(), t.text.clone())))
        .collect()
}

/// An error for the first template every theme must have that this one
/// has not.
fn check_required(theme: &Theme) -> Result<(), Vec<Error>> {
    match REQUIRED
        .iter()
        .find(|name| !theme.templates.contains_key(**name))
    {
        Some(name) => Err(vec![Error::new(
            ErrorKind::Theme,
            "templates",
            format!("the theme has no `{name}` template"),
        )
        .with_help(
            "add it to the theme's templates/ folder, or to the site's templates/ folder",
        )]),
        None => Ok(()),
    }
}

/// The error placed at the quoted name in the template's `{% extends %}`
/// tag, when the tag names `parent`.
fn at_extends(error: Error, text: &str, parent: &str) -> Error {
    let tag = regex::Regex::new(r#"\{%-?\s*extends\s+["'`]"#).expect("a valid pattern");
    let name = tag
        .find_iter(text)
        .map(|found| found.end())
        .find(|&start| text[start..].starts_with(parent));
    match name {
        Some(offset) => error.at_offset(&LineIndex::new(text), offset),
        None => error,
    }
}

/// Registers the functions templates call. `paths` are the base path of
/// this language's pages and of the whole site (where static files are).
fn register_functions(tera: &mut Tera, paths: (&str, &str), theme: &Theme, words: &Translator) {
    let (base_path, static_base_path) = paths;
    register_translation(tera, words);
    tera.register_filter("safe", safe);
    register_asset(tera, theme, static_base_path);
    let base = base_path.to_string();
    tera.register_function(
        "url",
        move |kwargs: Kwargs, _: &State| -> tera::TeraResult<String> {
            let path: String = kwargs.must_get("path")?;
            Ok(format!("{base}{}", path.trim_start_matches('/')))
        },
    );
}

/// `asset(path="style.css")`: a theme or site static file's URL under
/// `base` (the whole site's base path), with its content hash.
fn register_asset(tera: &mut Tera, theme: &Theme, base: &str) {
    let hashes: BTreeMap<String, String> = theme
        .statics
        .iter()
        .map(|(path, (_, hash))| (path.clone(), hash.clone()))
        .collect();
    let base = base.to_string();
    tera.register_function(
        "asset",
        move |kwargs: Kwargs, _: &State| -> tera::TeraResult<String> {
            let path: String = kwargs.must_get("path")?;
            let path = path.trim_start_matches('/');
            match hashes.get(path) {
                Some(hash) => Ok(format!("{base}{path}?h={hash}")),
                None => Err(tera::Error::message(format!(
                    "asset(path=\"{path}\"): the theme has no static file `{path}`"
                ))),
            }
        },
    );
}

/// `t(key="on-this-page")`: an interface string in the page's language;
/// `count=3` picks the plural form, and other arguments fill `{ $name }`.
/// A key no catalogue has is an error, never a raw key on the page.
fn register_translation(tera: &mut Tera, words: &Translator) {
    let names = words.clone();
    tera.register_function(
        "language_name",
        move |kwargs: Kwargs, _: &State| -> tera::TeraResult<String> {
            let code: String = kwargs.must_get("code")?;
            Ok(names.language_name(&code))
        },
    );
    let words = words.clone();
    tera.register_function(
        "t",
        move |kwargs: Kwargs, _: &State| -> tera::TeraResult<String> {
            let key: String = kwargs.must_get("key")?;
            words.text(&key, &translation_args(&kwargs)).ok_or_else(|| {
                tera::Error::message(format!(
                    "t(key=\"{key}\"): no catalogue has this string; add it to i18n/{}.ftl",
                    words.language()
                ))
            })
        },
    );
}

/// The arguments of `t()` but `key`, to fill a string's variables: a
/// number as a number (it picks the plural form), anything else as text.
fn translation_args(kwargs: &Kwargs) -> Vec<(&str, Arg)> {
    kwargs
        .iter()
        .filter_map(|(name, value)| {
            let name = name.as_str().filter(|n| *n != "key")?;
            let arg = match value.as_f64() {
                Some(number) => Arg::Number(number),
                None => Arg::Text(
                    value
                        .as_str()
                        .map_or_else(|| value.to_string(), str::to_string),
                ),
            };
            Some((name, arg))
        })
        .collect()
}

/// `image(path=..., width=..., format=...)`: one published size of an
/// image, as `{url, width, height, srcset}`: the narrowest at least `width`
/// pixels wide (the widest without `width`), in `webp` or the JPEG or PNG
/// fallback (`format="fallback"`, the default); `srcset` lists every size
/// of that format, for `<img srcset>` or `<source srcset>`.
fn register_image(tera: &mut Tera, pictures: &Arc<Pictures>) {
    let pictures = Arc::clone(pictures);
    tera.register_function(
        "image",
        move |kwargs: Kwargs, _: &State| -> tera::TeraResult<tera::Value> {
            let path: String = kwargs.must_get("path")?;
            let width: Option<u32> = kwargs.get("width")?;
            let format: Option<String> = kwargs.get("format")?;
            let picture = published(&pictures, &path)?;
            let sizes = sizes_of(picture, format.as_deref())?;
            let chosen = match width {
                Some(width) => crate::markdown::pictures::Picture::at_least(sizes, width),
                None => sizes.last(),
            };
            let Some(size) = chosen else {
                return Err(tera::Error::message(format!(
                    "image(path=\"{path}\"): the image has no published sizes"
                )));
            };
            let mut found = BTreeMap::new();
            found.insert("url", tera::Value::from(size.url.as_str()));
            found.insert("width", tera::Value::from(size.width));
            found.insert("height", tera::Value::from(size.height));
            found.insert("srcset", tera::Value::from(srcset(sizes)));
            Ok(tera::Value::from(found))
        },
    );
}

/// The image published at `path` (a leading `@/` allowed), or why not.
fn published<'a>(
    pictures: &'a Pictures,
    path: &str,
) -> tera::TeraResult<&'a crate::markdown::pictures::Picture> {
    match pictures.get(path.trim_start_matches("@/")) {
        Some(Ok(picture)) => Ok(picture),
        Some(Err(fault)) => Err(tera::Error::message(format!(
            "image(path=\"{path}\"): {}",
            fault.message
        ))),
        None => Err(tera::Error::message(format!(
            "image(path=\"{path}\"): no image published at several sizes has this path; give a path from the content folder (`walk/bench.jpg`) or a static image shown from content (`/img/map.png`)"
        ))),
    }
}

/// A picture's sizes in `format`: `webp`, or the JPEG or PNG fallback.
fn sizes_of<'a>(
    picture: &'a crate::markdown::pictures::Picture,
    format: Option<&str>,
) -> tera::TeraResult<&'a [crate::markdown::pictures::Variant]> {
    match format {
        None | Some("fallback") | Some("jpg") | Some("png") => Ok(&picture.fallback),
        Some("webp") => Ok(&picture.webp),
        Some(other) => Err(tera::Error::message(format!(
            "image(format=\"{other}\"): the format is `webp` or `fallback` (JPEG or PNG)"
        ))),
    }
}

/// `url 480w, url 800w`: every size, for a `srcset` attribute.
fn srcset(sizes: &[crate::markdown::pictures::Variant]) -> String {
    sizes
        .iter()
        .map(|size| format!("{} {}w", size.url, size.width))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Tera's own `safe` turns an undefined value into an empty string, so a
/// misspelt `{{ page.contnet | safe }}` would publish every page blank and
/// say nothing. This one fails on an undefined value, as `{{ page.contnet }}`
/// does; test for a value that may be missing with `{% if %}` or `default`.
fn safe(value: &tera::Value, _: Kwargs, _: &State) -> tera::TeraResult<tera::Value> {
    if value.is_undefined() {
        return Err(tera::Error::message(
            "the value given to `safe` is not defined: check the name before `| safe`, \
             or give a fallback with `| default(value=\"\") | safe`",
        ));
    }
    Ok(match value.as_str() {
        Some(text) => tera::Value::safe_string(text),
        None => tera::Value::safe_string(&value.to_string()),
    })
}
