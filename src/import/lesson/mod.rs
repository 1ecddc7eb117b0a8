//! A Carpentries Workbench lesson, or a Quarto book or website, as a
//! course: `_index.md` with the course's required fields, a module per
//! episode or chapter in the lesson's order (numbered), setup, reference
//! and instructor pages as pages of the course, figures and data copied
//! beside them, and links between the lesson's files rewritten to the new
//! files. Episode front matter (`teaching`, `exercises`) is kept.
//!
//! [`pages`] writes each file of the lesson as a page of the course, and
//! [`links`] points the links between them at the new files.

mod chunks;
mod links;
mod mend;
mod pages;
mod xrefs;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde_json::Value;

use super::{ImportOptions, Note, NoteKind, Place, Plan};
use crate::content::slug;
use crate::error::{Error, ErrorKind};
use links::{Home, Rewriter};
use pages::{course_index, page};

/// What the lesson's files become.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Module,
    Page,
}

/// One markdown file of the lesson and the file it becomes.
#[derive(Debug, Clone)]
struct Entry {
    /// Path under the lesson folder, with `/`.
    source: String,
    /// File name in the course folder.
    name: String,
    role: Role,
    /// A title given by the lesson's configuration.
    title: Option<String>,
}

/// The lesson as read from its configuration.
#[derive(Debug, Default)]
struct Lesson {
    title: String,
    /// The home page, under the lesson folder.
    index: Option<String>,
    entries: Vec<Entry>,
    /// Folders (under the lesson folder, `""` for all of it) whose files
    /// are copied to the course folder's top.
    asset_roots: Vec<String>,
    /// Reference links added to the end of every page.
    links: String,
    /// Files the configuration lists that cannot come across, and why.
    skipped: Vec<(String, &'static str)>,
}

/// File name endings copied as figures, data and downloads.
const ASSETS: &[&str] = &[
    "png", "jpg", "jpeg", "gif", "svg", "webp", "avif", "pdf", "docx", "xlsx", "pptx", "odt",
    "ods", "csv", "tsv", "txt", "dat", "json", "geojson", "xml", "zip", "gz", "tar", "rds",
    "rdata", "sqlite", "db", "r", "py", "sh", "mp3", "mp4", "webm", "wav",
];

/// Plans the course a lesson folder becomes.
pub fn plan(options: &ImportOptions) -> Result<Plan, Error> {
    let dir = &options.source;
    let lesson = if dir.join("config.yaml").is_file() && dir.join("episodes").is_dir() {
        workbench(dir)?
    } else if dir.join("_quarto.yml").is_file() {
        quarto(dir)?
    } else {
        return Err(Error::new(
            ErrorKind::Io,
            dir,
            "this folder is neither a Carpentries Workbench lesson (config.yaml and episodes/) nor a Quarto project (_quarto.yml)",
        )
        .with_help("give the lesson's top folder, the one holding config.yaml or _quarto.yml"));
    };
    let course = course_folder(options, &lesson.title)?;
    let mut plan = Plan::default();
    let names: HashMap<String, String> = lesson
        .entries
        .iter()
        .map(|entry| (entry.source.clone(), entry.name.clone()))
        .chain(
            lesson
                .index
                .iter()
                .map(|index| (index.clone(), "_index.md".to_string())),
        )
        .collect();
    let rewriter = Rewriter {
        names: &names,
        asset_roots: &lesson.asset_roots,
        home: home(dir, &lesson, &names)?,
        anchors: anchors(dir, &lesson)?,
        labels: labels(dir, &lesson)?,
    };
    let mut outcomes = Vec::new();
    for entry in &lesson.entries {
        let text = read(dir, &entry.source)?;
        let (page, found) = page(entry, &text, &lesson.links, &rewriter, &mut plan.notes);
        outcomes.extend(found);
        plan.files
            .push((course.join(&entry.name), page.into_bytes()));
    }
    let index = match &lesson.index {
        Some(index) => Some((index.clone(), read(dir, index)?)),
        None => None,
    };
    let index_text = course_index(
        &lesson,
        index,
        &outcomes,
        &rewriter,
        &mut plan.notes,
        &course,
    );
    plan.files
        .insert(0, (course.join("_index.md"), index_text.into_bytes()));
    copy_assets(dir, &lesson.asset_roots, &course, &mut plan);
    let sources = names
        .into_iter()
        .map(|(source, name)| (name, source))
        .collect();
    mend::mend(&mut plan, &options.root, &sources);
    for (source, why) in &lesson.skipped {
        plan.notes.push(Note {
            kind: NoteKind::Unsupported,
            place: Place {
                file: Some(source.clone()),
                ..Place::default()
            },
            message: format!("{why}; it is left out"),
            written: None,
        });
    }
    Ok(plan)
}

/// The Workbench's home page and the setup page it shows, when the
/// lesson has both.
fn home(
    dir: &Path,
    lesson: &Lesson,
    names: &HashMap<String, String>,
) -> Result<Option<Home>, Error> {
    const SETUP: &str = "learners/setup.md";
    let (Some(index), Some(setup)) = (&lesson.index, names.get(SETUP)) else {
        return Ok(None);
    };
    Ok(Some(Home {
        index_ids: links::heading_ids(&read(dir, index)?),
        setup: setup.clone(),
        setup_ids: links::heading_ids(&read(dir, SETUP)?),
    }))
}

/// Where each `{#id}` written on a heading of the lesson's pages is now.
fn anchors(dir: &Path, lesson: &Lesson) -> Result<HashMap<String, String>, Error> {
    let mut found = HashMap::new();
    for entry in &lesson.entries {
        for (id, is_title) in links::written_ids(&read(dir, &entry.source)?) {
            let target = if is_title {
                entry.name.clone()
            } else {
                format!("{}#{id}", entry.name)
            };
            found.entry(id).or_insert(target);
        }
    }
    Ok(found)
}

/// The labels written on the lesson's pages, for Quarto's
/// cross-references.
fn labels(dir: &Path, lesson: &Lesson) -> Result<xrefs::Labels, Error> {
    let mut labels = xrefs::Labels::default();
    for entry in &lesson.entries {
        labels.add_page(&entry.name, &chunks::prepare(&read(dir, &entry.source)?));
    }
    Ok(labels)
}

fn read(dir: &Path, source: &str) -> Result<String, Error> {
    let path = dir.join(source);
    crate::files::read_text(&path, &path)
}

/// The course folder: `--into`, else a new numbered folder in `courses/`.
fn course_folder(options: &ImportOptions, title: &str) -> Result<PathBuf, Error> {
    if let Some(into) = &options.into {
        return super::folder_under_content(into).ok_or_else(|| super::outside_content(into));
    }
    let courses = PathBuf::from(crate::content::CONTENT_DIR).join("courses");
    let name = slug::slugify(title).ok_or_else(|| {
        Error::new(
            ErrorKind::InvalidSlug,
            &options.source,
            format!("cannot make a folder name from the lesson's title `{title}`"),
        )
        .with_help("pass --into content/courses/NAME")
    })?;
    let number = crate::init::next_number(&options.root.join(&courses));
    Ok(courses.join(format!("{number:02}-{name}")))
}

fn yaml(dir: &Path, name: &str) -> Result<Value, Error> {
    let text = read(dir, name)?;
    crate::yaml::parse_value(&text).map_err(|e| {
        Error::new(ErrorKind::Yaml, dir.join(name), e.message)
            .with_help("mend the lesson's configuration, then import again")
    })
}

fn strings(value: Option<&Value>) -> Vec<String> {
    value
        .and_then(Value::as_array)
        .map(|items| {
            items
                .iter()
                .filter_map(Value::as_str)
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default()
}

/// Module file names: the lesson's order as a two-digit prefix, and the
/// source's own name without its order prefix or extension.
fn module_name(number: usize, source: &str) -> String {
    let file = source.rsplit('/').next().unwrap_or(source);
    let stem = file.rsplit_once('.').map_or(file, |(stem, _)| stem);
    let (_, stem) = slug::strip_order(stem);
    let stem = slug::slugify(stem).unwrap_or_else(|| "module".to_string());
    format!("{number:02}-{stem}.md")
}

/// Addresses a course keeps for itself: its instructor view and print version.
const COURSE_ADDRESSES: &[&str] = &["instructor", "print"];

/// Whether a page named `name` would be published where another entry
/// (a module, whose order prefix does not reach its address) or the
/// course's own views are: the Workbench's `learners/setup.md` beside an
/// episode `setup.md`, or `instructors/instructor.md`.
fn is_address_taken(entries: &[Entry], name: &str) -> bool {
    let address = |name: &str| {
        let stem = name.strip_suffix(".md").unwrap_or(name);
        slug::strip_order(stem).1.to_string()
    };
    let wanted = address(name);
    COURSE_ADDRESSES.contains(&wanted.as_str())
        || entries.iter().any(|entry| address(&entry.name) == wanted)
}

fn page_name(source: &str) -> String {
    let file = source.rsplit('/').next().unwrap_or(source);
    let stem = file.rsplit_once('.').map_or(file, |(stem, _)| stem);
    format!(
        "{}.md",
        slug::slugify(stem).unwrap_or_else(|| "page".to_string())
    )
}

fn workbench(dir: &Path) -> Result<Lesson, Error> {
    let config = yaml(dir, "config.yaml")?;
    let mut episodes = strings(config.get("episodes"));
    if episodes.is_empty() {
        // Without a list, the Workbench takes the episodes folder in order.
        episodes = listed_markdown(&dir.join("episodes"));
    }
    let mut entries: Vec<Entry> = episodes
        .iter()
        .enumerate()
        .map(|(at, file)| Entry {
            source: format!("episodes/{file}"),
            name: module_name(at + 1, file),
            role: Role::Module,
            title: None,
        })
        .collect();
    for folder in ["learners", "instructors", "profiles"] {
        let mut files = strings(config.get(folder));
        if files.is_empty() {
            // An empty list, as the lesson template leaves it, means the
            // folder's pages in name order, as for episodes.
            files = listed_markdown(&dir.join(folder));
        }
        for file in files {
            let mut name = page_name(&file);
            if is_address_taken(&entries, &name) {
                name = format!("{folder}-{name}");
            }
            entries.push(Entry {
                source: format!("{folder}/{file}"),
                name,
                role: Role::Page,
                title: None,
            });
        }
    }
    let links = std::fs::read_to_string(dir.join("links.md")).unwrap_or_default();
    Ok(Lesson {
        title: config
            .get("title")
            .and_then(Value::as_str)
            .unwrap_or("Imported lesson")
            .to_string(),
        index: dir
            .join("index.md")
            .is_file()
            .then(|| "index.md".to_string()),
        entries,
        asset_roots: ["episodes", "learners", "instructors", "profiles"]
            .map(str::to_string)
            .to_vec(),
        links: strip_comments(&links),
        skipped: Vec::new(),
    })
}

/// links.md often opens with an HTML comment about itself.
fn strip_comments(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(start) = rest.find("<!--") {
        out.push_str(&rest[..start]);
        match rest[start..].find("-->") {
            Some(end) => rest = &rest[start + end + 3..],
            None => rest = "",
        }
    }
    out.push_str(rest);
    out.trim().to_string()
}

fn listed_markdown(dir: &Path) -> Vec<String> {
    let mut found: Vec<String> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|entry| entry.file_name().to_string_lossy().into_owned())
                .filter(|name| name.ends_with(".md") || name.ends_with(".Rmd"))
                .collect()
        })
        .unwrap_or_default();
    found.sort();
    found
}

fn quarto(dir: &Path) -> Result<Lesson, Error> {
    let config = yaml(dir, "_quarto.yml")?;
    let mut lesson = Lesson {
        asset_roots: vec![String::new()],
        ..Lesson::default()
    };
    let mut listed: Vec<(String, Option<String>, Role)> = Vec::new();
    if let Some(book) = config.get("book") {
        lesson.title = text_of(book.get("title"));
        quarto_items(book.get("chapters"), Role::Module, &mut listed);
        quarto_items(book.get("appendices"), Role::Page, &mut listed);
    } else if let Some(website) = config.get("website") {
        lesson.title = text_of(website.get("title"));
        let sidebar = website.get("sidebar");
        let contents = match sidebar {
            Some(Value::Array(bars)) => bars.first().and_then(|bar| bar.get("contents")),
            Some(bar) => bar.get("contents"),
            None => None,
        };
        quarto_items(contents, Role::Module, &mut listed);
        if listed.is_empty() {
            if let Some(navbar) = website.get("navbar") {
                quarto_items(navbar.get("left"), Role::Module, &mut listed);
                quarto_items(navbar.get("right"), Role::Module, &mut listed);
            }
        }
    }
    if lesson.title.is_empty() {
        lesson.title = "Imported lesson".to_string();
    }
    let mut number = 0;
    for (source, title, role) in listed {
        let source = source.trim_start_matches("./").to_string();
        let is_index = matches!(source.as_str(), "index.qmd" | "index.md" | "index.Rmd");
        if is_index {
            lesson.index = Some(source);
            continue;
        }
        if lesson.entries.iter().any(|entry| entry.source == source) {
            continue;
        }
        if !is_page_file(&source) {
            lesson.skipped.push((
                source,
                "is not a markdown page (.qmd, .md or .Rmd), so it cannot come across: save it as one and import again",
            ));
            continue;
        }
        if !dir.join(&source).is_file() {
            lesson.skipped.push((
                source,
                "is listed in _quarto.yml but is not in the lesson folder",
            ));
            continue;
        }
        let name = match role {
            Role::Module => {
                number += 1;
                module_name(number, &source)
            }
            Role::Page => page_name(&source),
        };
        lesson.entries.push(Entry {
            source,
            name,
            role,
            title,
        });
    }
    if lesson.index.is_none() && dir.join("index.qmd").is_file() {
        lesson.index = Some("index.qmd".to_string());
    }
    Ok(lesson)
}

fn text_of(value: Option<&Value>) -> String {
    value
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string()
}

/// Files of a Quarto `chapters:` or `contents:` list, in order: paths,
/// `{href, text}`, `{part, chapters}` and `{section, contents}`.
fn quarto_items(value: Option<&Value>, role: Role, out: &mut Vec<(String, Option<String>, Role)>) {
    let Some(Value::Array(items)) = value else {
        return;
    };
    for item in items {
        match item {
            Value::String(path) if is_file_path(path) => out.push((path.clone(), None, role)),
            Value::Object(map) => {
                for key in ["href", "file"] {
                    if let Some(path) = map.get(key).and_then(Value::as_str) {
                        if is_file_path(path) {
                            let title = map.get("text").and_then(Value::as_str).map(str::to_string);
                            out.push((path.to_string(), title, role));
                        }
                    }
                }
                if let Some(path) = map.get("part").and_then(Value::as_str) {
                    if is_page_file(path) {
                        out.push((path.to_string(), None, role));
                    }
                }
                quarto_items(map.get("chapters"), role, out);
                quarto_items(map.get("contents"), role, out);
            }
            _ => {}
        }
    }
}

/// A path in a Quarto list that names a file (not `auto`, not a web address).
fn is_file_path(path: &str) -> bool {
    path.rsplit('/')
        .next()
        .is_some_and(|name| name.contains('.'))
        && !path.contains("://")
}

fn is_page_file(path: &str) -> bool {
    [".qmd", ".md", ".Rmd"]
        .iter()
        .any(|end| path.ends_with(end))
}

fn copy_assets(dir: &Path, roots: &[String], course: &Path, plan: &mut Plan) {
    let mut taken: HashMap<String, String> = HashMap::new();
    for root in roots {
        let base = dir.join(root);
        let walker = walkdir::WalkDir::new(&base)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|entry| {
                let name = entry.file_name().to_string_lossy();
                entry.depth() == 0
                    || !(name.starts_with('.') || name.starts_with('_') || name == "renv")
            });
        for entry in walker.filter_map(Result::ok) {
            if !entry.file_type().is_file() {
                continue;
            }
            let name = entry.file_name().to_string_lossy().to_ascii_lowercase();
            let is_asset = name
                .rsplit_once('.')
                .is_some_and(|(_, ext)| ASSETS.contains(&ext));
            let Some(relative) = crate::files::relative(entry.path(), &base) else {
                continue;
            };
            if !is_asset {
                continue;
            }
            let source = if root.is_empty() {
                relative.clone()
            } else {
                format!("{root}/{relative}")
            };
            if let Some(first) = taken.get(&relative) {
                plan.notes.push(Note {
                    kind: NoteKind::Unsupported,
                    place: Place {
                        file: Some(source),
                        ..Place::default()
                    },
                    message: format!(
                        "has the same name as {first} in the course folder and is left out"
                    ),
                    written: None,
                });
                continue;
            }
            let Ok(bytes) = std::fs::read(entry.path()) else {
                continue;
            };
            taken.insert(relative.clone(), source);
            plan.files.push((course.join(&relative), bytes));
        }
    }
}
