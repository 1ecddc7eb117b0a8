//! Site-wide data for templates: `get_page`, `get_section`, `get_taxonomy`
//! and `newest_pages`.
//!
//! Part of the render stage. Every summary (title, URL, date, description,
//! kind and the kind's key facts, never a body) is made once per build and
//! language, as a Tera value whose lists and maps are shared: a call hands
//! back the same value, not a copy, so a sidebar on every page of a large
//! site costs little. Each language's templates see their own language's
//! site. The templates that call these functions are noted (by the URL of
//! the page being rendered), so that the preview can render again exactly
//! the pages whose site-wide data changed.

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex};

use serde::Serialize;
use tera::{Kwargs, State, Tera, Value};

use super::pages::Builder;
use crate::content::kinds::{Kind, SectionKind};
use crate::content::{Page, Site, Target};

/// The names of the site-wide functions, as templates call them.
pub const FUNCTIONS: [&str; 4] = ["get_page", "get_section", "get_taxonomy", "newest_pages"];

/// Summaries of one language's whole site, made once per build.
#[derive(Default)]
pub struct SiteData {
    /// Content path (`briefs/old.md`, `briefs/_index.md`) -> what it became.
    targets: Arc<HashMap<String, Target>>,
    /// One summary per page.
    pages: Vec<Value>,
    /// One value per section, with its pages and subsections.
    sections: Vec<Value>,
    /// The parts of each section's value that are its own (not its pages').
    section_heads: Vec<Value>,
    /// Each section's parent.
    parents: Vec<Option<usize>>,
    /// Each page's section and kind.
    page_places: Vec<(usize, &'static str)>,
    /// The parse each page's summary was made from.
    parses: Vec<Arc<Page>>,
    /// Dated pages, newest first.
    newest: Vec<usize>,
    /// Taxonomies by name.
    taxonomies: HashMap<String, Value>,
    /// `newest_pages` answers already made, by their arguments.
    answers: Mutex<HashMap<Question, Value>>,
    /// The URLs of the pages whose templates called a site-wide function.
    users: Mutex<HashSet<String>>,
}

impl std::fmt::Debug for SiteData {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SiteData")
            .field("pages", &self.pages.len())
            .field("sections", &self.sections.len())
            .finish_non_exhaustive()
    }
}

/// The arguments of a `newest_pages` call: section, kind, limit.
type Question = (Option<usize>, Option<String>, usize);

/// A page's summary as the site-wide functions give it.
#[derive(Serialize)]
struct PageValue<'a> {
    #[serde(flatten)]
    summary: super::context::PageSummary<'a>,
    /// A brief's `summary:`.
    #[serde(rename = "summary")]
    summary_text: Option<&'a str>,
    updated: Option<&'a str>,
    path: &'a str,
}

/// What a section's value says of the section itself.
#[derive(Serialize)]
struct SectionHead<'a> {
    title: &'a str,
    url: String,
    description: Option<&'a str>,
    kind: &'static str,
    path: &'a str,
    page_count: usize,
    course: Option<super::context::CourseContext<'a>>,
    charter: Option<Progress>,
}

/// A charter's progress at a glance.
#[derive(Serialize)]
struct Progress {
    total: usize,
    counts: super::context::ProgressCounts,
    percent_achieved: usize,
}

impl SiteData {
    /// Summarises every page, section and taxonomy of `builder`'s site.
    pub fn new(builder: &Builder) -> Self {
        let pages = (0..builder.site.pages.len())
            .map(|index| page_value(builder, index))
            .collect();
        Self::with_pages(builder, pages)
    }

    /// Summarises `builder`'s site again after an edit of the pages and
    /// sections at `read` (their summaries, a section's order or a term
    /// may have changed): a page whose parse is the one this data was
    /// made from keeps its value, unless its summary can show something
    /// of another page (a module's number, from its course: every page of
    /// an edited page's section is summarised again) or of an image (its
    /// cover). The sections with their pages in order, the newest pages
    /// and the terms with their counts are made again from the site. On a
    /// site of 10,000 pages this spares a preview edit some 10,000
    /// summaries made into Tera values.
    pub fn updated(&self, builder: &Builder, read: &HashSet<String>) -> Self {
        let site = builder.site;
        let touched: HashSet<usize> = read
            .iter()
            .filter_map(|path| match site.targets.get(path) {
                Some(&Target::Page(i)) => Some(site.pages[i].section),
                Some(&Target::Section(i)) => Some(i),
                None => None,
            })
            .collect();
        let pages = (0..site.pages.len())
            .map(|index| {
                let entry = &site.pages[index];
                let is_same_parse =
                    (self.parses.get(index)).is_some_and(|last| Arc::ptr_eq(last, &entry.page));
                let is_kept = is_same_parse
                    && !touched.contains(&entry.section)
                    && entry.page.front.image.is_none();
                match self.pages.get(index).filter(|_| is_kept) {
                    Some(value) => value.clone(),
                    None => page_value(builder, index),
                }
            })
            .collect();
        Self::with_pages(builder, pages)
    }

    /// This data with the terms and their counts of `site`, which differs
    /// from the site this data was made from only in its pages' terms:
    /// every summary, section and the newest pages stay as they are.
    /// Answers to `newest_pages` are kept too, since terms are not in them.
    pub fn with_terms_of(&self, site: &Site) -> Self {
        let answers = self.answers.lock().map(|a| a.clone()).unwrap_or_default();
        SiteData {
            targets: Arc::clone(&site.targets),
            pages: self.pages.clone(),
            sections: self.sections.clone(),
            section_heads: self.section_heads.clone(),
            parents: self.parents.clone(),
            page_places: self.page_places.clone(),
            parses: site.pages.iter().map(|e| Arc::clone(&e.page)).collect(),
            newest: self.newest.clone(),
            taxonomies: taxonomies(site),
            answers: Mutex::new(answers),
            users: Mutex::default(),
        }
    }

    /// The site-wide data with each page's summary in `pages`.
    fn with_pages(builder: &Builder, pages: Vec<Value>) -> Self {
        let site = builder.site;
        let section_heads: Vec<Value> = (0..site.sections.len())
            .map(|index| Value::from_serializable(&section_head(builder, index)))
            .collect();
        let mut sections = vec![Value::none(); site.sections.len()];
        for index in children_first(site) {
            let entry = &site.sections[index];
            let mut map = section_heads[index]
                .clone()
                .into_map()
                .expect("a section head is a map");
            let listed: Vec<Value> = entry.pages.iter().map(|&i| pages[i].clone()).collect();
            let children: Vec<Value> = entry
                .subsections
                .iter()
                .map(|&i| sections[i].clone())
                .collect();
            map.insert("pages".into(), Value::from(listed));
            map.insert("subsections".into(), Value::from(children));
            sections[index] = Value::from(map);
        }
        SiteData {
            targets: Arc::clone(&site.targets),
            pages,
            sections,
            section_heads,
            parents: site.sections.iter().map(|s| s.parent).collect(),
            page_places: site
                .pages
                .iter()
                .map(|e| (e.section, super::pages::kind_names(&e.kind).0))
                .collect(),
            parses: site.pages.iter().map(|e| Arc::clone(&e.page)).collect(),
            newest: newest(site),
            taxonomies: taxonomies(site),
            answers: Mutex::default(),
            users: Mutex::default(),
        }
    }

    /// Whether the summaries of the pages and sections at `paths` in
    /// `builder`'s site are those this data holds, and the site has the
    /// same pages and sections.
    pub fn is_same_for(&self, builder: &Builder, paths: &HashSet<String>) -> bool {
        let site = builder.site;
        if site.pages.len() != self.pages.len() || site.sections.len() != self.sections.len() {
            return false;
        }
        paths.iter().all(|path| match site.targets.get(path) {
            Some(&Target::Page(i)) => page_value(builder, i) == self.pages[i],
            Some(&Target::Section(i)) => {
                Value::from_serializable(&section_head(builder, i)) == self.section_heads[i]
            }
            None => false,
        })
    }

    /// The summary of page `index` as the site-wide functions give it:
    /// this data's, when it was made, or made now.
    pub fn page_value(&self, builder: &Builder, index: usize) -> Value {
        match self.pages.get(index) {
            Some(value) if self.pages.len() == builder.site.pages.len() => value.clone(),
            _ => page_value(builder, index),
        }
    }

    /// The URLs of the pages whose templates called a site-wide function
    /// since the last call, which starts the list again.
    pub fn take_users(&self) -> HashSet<String> {
        self.users
            .lock()
            .map(|mut users| std::mem::take(&mut *users))
            .unwrap_or_default()
    }

    /// Notes that the page being rendered called a site-wide function.
    fn used_by(&self, state: &State) {
        let Ok(Some(current)) = state.get::<Value>("current") else {
            return;
        };
        let Some(url) = current.get_from_path("url").and_then(Value::as_str) else {
            return;
        };
        if let Ok(mut users) = self.users.lock() {
            if !users.contains(url) {
                users.insert(url.to_string());
            }
        }
    }

    fn page(&self, path: &str) -> tera::TeraResult<Value> {
        let key = page_key(path);
        match self.targets.get(&key) {
            Some(&Target::Page(i)) => Ok(self.pages[i].clone()),
            Some(&Target::Section(_)) => Err(tera::Error::message(format!(
                "get_page(path=\"{path}\"): `{key}` is a section; use get_section(path=\"{key}\")"
            ))),
            None => Err(self.missing("get_page", path, &key, false)),
        }
    }

    fn section_index(&self, function: &str, path: &str) -> tera::TeraResult<usize> {
        let key = section_key(path);
        match self.targets.get(&key) {
            Some(&Target::Section(i)) => Ok(i),
            Some(&Target::Page(_)) => Err(tera::Error::message(format!(
                "{function}: `{key}` is a page, not a section; give a section's folder or its `_index.md`"
            ))),
            None => Err(self.missing(function, path, &key, true)),
        }
    }

    /// A missing path's error, with the nearest known path when one is close.
    fn missing(&self, function: &str, path: &str, key: &str, is_section: bool) -> tera::Error {
        let known = self.targets.iter().filter_map(|(known, target)| {
            (matches!(target, Target::Section(_)) == is_section).then_some(known.as_str())
        });
        let what = if is_section { "section" } else { "page" };
        let help = match crate::yaml::suggest(key, known) {
            Some(near) => format!("did you mean `{near}`?"),
            None => "give the path from the content folder, such as `briefs/old.md`".to_string(),
        };
        tera::Error::message(format!(
            "{function}(path=\"{path}\"): there is no {what} `{key}` in this language's content; {help}"
        ))
    }

    fn taxonomy(&self, name: &str) -> tera::TeraResult<Value> {
        self.taxonomies.get(name).cloned().ok_or_else(|| {
            let mut names: Vec<&str> = self.taxonomies.keys().map(String::as_str).collect();
            names.sort_unstable();
            tera::Error::message(format!(
                "get_taxonomy(name=\"{name}\"): the site declares no taxonomy `{name}` (it has: {}); declare it under `taxonomies:` in site.yaml",
                names.join(", ")
            ))
        })
    }

    /// The newest `limit` dated pages, of section `section` and the
    /// sections below it when given, of kind `kind` when given.
    fn newest_pages(&self, section: Option<usize>, kind: Option<String>, limit: usize) -> Value {
        let key = (section, kind, limit);
        if let Some(found) = self.answers.lock().ok().and_then(|a| a.get(&key).cloned()) {
            return found;
        }
        let (section, kind, limit) = &key;
        let chosen: Vec<Value> = self
            .newest
            .iter()
            .filter(|&&i| {
                let (home, page_kind) = self.page_places[i];
                kind.as_deref().is_none_or(|k| k == page_kind)
                    && section.is_none_or(|s| self.is_within(home, s))
            })
            .take(*limit)
            .map(|&i| self.pages[i].clone())
            .collect();
        let value = Value::from(chosen);
        if let Ok(mut answers) = self.answers.lock() {
            answers.insert(key, value.clone());
        }
        value
    }

    /// Whether section `inner` is `outer` or below it.
    fn is_within(&self, inner: usize, outer: usize) -> bool {
        let mut current = Some(inner);
        while let Some(index) = current {
            if index == outer {
                return true;
            }
            current = self.parents[index];
        }
        false
    }
}

/// The kinds of page `newest_pages(kind=...)` takes.
const KINDS: [&str; 4] = ["page", "module", "commitment", "brief"];

/// Registers the site-wide functions, answering from `data`.
pub fn register(tera: &mut Tera, data: &Arc<SiteData>) {
    let site = Arc::clone(data);
    tera.register_function(
        "get_page",
        move |kwargs: Kwargs, state: &State| -> tera::TeraResult<Value> {
            site.used_by(state);
            site.page(&kwargs.must_get::<String>("path")?)
        },
    );
    let site = Arc::clone(data);
    tera.register_function(
        "get_section",
        move |kwargs: Kwargs, state: &State| -> tera::TeraResult<Value> {
            site.used_by(state);
            let path: String = kwargs.must_get("path")?;
            let index = site.section_index(&format!("get_section(path=\"{path}\")"), &path)?;
            Ok(site.sections[index].clone())
        },
    );
    let site = Arc::clone(data);
    tera.register_function(
        "get_taxonomy",
        move |kwargs: Kwargs, state: &State| -> tera::TeraResult<Value> {
            site.used_by(state);
            site.taxonomy(&kwargs.must_get::<String>("name")?)
        },
    );
    let site = Arc::clone(data);
    tera.register_function(
        "newest_pages",
        move |kwargs: Kwargs, state: &State| -> tera::TeraResult<Value> {
            site.used_by(state);
            let limit: usize = kwargs.get("limit")?.unwrap_or(10);
            let kind: Option<String> = kwargs.get("kind")?;
            if let Some(kind) = kind.as_deref().filter(|k| !KINDS.contains(k)) {
                return Err(tera::Error::message(format!(
                    "newest_pages(kind=\"{kind}\"): the kind is one of {}",
                    KINDS.join(", ")
                )));
            }
            let section = match kwargs.get::<String>("section")? {
                Some(path) => {
                    Some(site.section_index(&format!("newest_pages(section=\"{path}\")"), &path)?)
                }
                None => None,
            };
            Ok(site.newest_pages(section, kind, limit))
        },
    );
}

/// Whether any of `texts` (templates) calls a site-wide function.
pub fn is_called_in<'t>(mut texts: impl Iterator<Item = &'t str>) -> bool {
    texts.any(|text| FUNCTIONS.iter().any(|name| text.contains(name)))
}

/// `@/briefs/old.md` or `/briefs/old.md` -> `briefs/old.md`.
fn page_key(path: &str) -> String {
    path.trim_start_matches("@/")
        .trim_start_matches('/')
        .to_string()
}

/// `briefs`, `briefs/`, `/briefs/` or `@/briefs/_index.md` ->
/// `briefs/_index.md`; an empty path is the home page.
fn section_key(path: &str) -> String {
    let path = page_key(path);
    if path.ends_with(".md") {
        return path;
    }
    let folder = path.trim_matches('/');
    if folder.is_empty() {
        "_index.md".to_string()
    } else {
        format!("{folder}/_index.md")
    }
}

fn page_value(builder: &Builder, index: usize) -> Value {
    let entry = &builder.site.pages[index];
    let summary_text = match &entry.kind {
        Kind::Brief(brief) => Some(brief.summary.as_str()),
        _ => None,
    };
    Value::from_serializable(&PageValue {
        summary: builder.summary(index),
        summary_text,
        updated: entry.page.front.updated.as_ref().map(|t| t.0.as_str()),
        path: &entry.page.path,
    })
}

fn section_head<'a>(builder: &Builder<'a>, index: usize) -> SectionHead<'a> {
    let site = builder.site;
    let entry = &site.sections[index];
    let charter = matches!(entry.kind, SectionKind::Charter).then(|| {
        let overview = super::extras::charter(builder, index);
        Progress {
            total: overview.total,
            counts: overview.counts,
            percent_achieved: overview.percent_achieved,
        }
    });
    SectionHead {
        title: entry.page.title(),
        url: site.url(&entry.path),
        description: entry.page.front.description.as_deref(),
        kind: match entry.kind {
            SectionKind::Section => "section",
            SectionKind::Course(_) => "course",
            SectionKind::Charter => "charter",
        },
        path: &entry.page.path,
        page_count: entry.pages.len(),
        course: builder.course(entry),
        charter,
    }
}

/// Section indices with every section after the sections below it.
fn children_first(site: &Site) -> Vec<usize> {
    let mut order = Vec::with_capacity(site.sections.len());
    let mut stack: Vec<(usize, bool)> = vec![(0, false)];
    let mut seen = vec![false; site.sections.len()];
    while let Some((index, is_done)) = stack.pop() {
        if is_done {
            order.push(index);
            continue;
        }
        if std::mem::replace(&mut seen[index], true) {
            continue;
        }
        stack.push((index, true));
        for &child in &site.sections[index].subsections {
            stack.push((child, false));
        }
    }
    // Sections the tree from home does not reach (none, when assembly
    // went well) still get their values.
    order.extend((0..site.sections.len()).filter(|&i| !seen[i]));
    order
}

/// Dated pages, newest first; pages of one date in site order.
fn newest(site: &Site) -> Vec<usize> {
    let mut dated: Vec<(chrono::NaiveDate, usize)> = site
        .pages
        .iter()
        .enumerate()
        .filter_map(|(i, e)| Some((e.page.date()?, i)))
        .collect();
    dated.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    dated.into_iter().map(|(_, i)| i).collect()
}

fn taxonomies(site: &Site) -> HashMap<String, Value> {
    site.taxonomies
        .iter()
        .map(|taxonomy| {
            let value = super::context::TaxonomyContext::of(site, taxonomy);
            let name = value.name.clone();
            (name, Value::from_serializable(&value))
        })
        .collect()
}
