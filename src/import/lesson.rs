//! A Carpentries Workbench lesson, or a Quarto book or website, as a
//! course: `_index.md` with the course's required fields, a module per
//! episode or chapter in the lesson's order (numbered), setup, reference
//! and instructor pages as pages of the course, figures and data copied
//! beside them, and links between the lesson's files rewritten to the new
//! files. Episode front matter (`teaching`, `exercises`) is kept.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use pulldown_cmark::{Event, Options, Parser, Tag};
use serde_json::Value;

use super::{quoted, shown, ImportOptions, Note, NoteKind, Place, Plan};
use crate::content::slug;
use crate::error::{Error, ErrorKind};

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
    Ok(plan)
}

fn read(dir: &Path, source: &str) -> Result<String, Error> {
    let path = dir.join(source);
    crate::files::read_text(&path, &path)
}

/// The course folder: `--into`, else a new numbered folder in `courses/`.
fn course_folder(options: &ImportOptions, title: &str) -> Result<PathBuf, Error> {
    if let Some(into) = &options.into {
        return Ok(super::folder_under_content(into));
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
        for file in strings(config.get(folder)) {
            let mut name = page_name(&file);
            if entries.iter().any(|entry| entry.name == name) {
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
        if lesson.entries.iter().any(|entry| entry.source == source) || !dir.join(&source).is_file()
        {
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
            Value::String(path) if is_page_file(path) => out.push((path.clone(), None, role)),
            Value::Object(map) => {
                for key in ["href", "file"] {
                    if let Some(path) = map.get(key).and_then(Value::as_str) {
                        if is_page_file(path) {
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

fn is_page_file(path: &str) -> bool {
    [".qmd", ".md", ".Rmd"]
        .iter()
        .any(|end| path.ends_with(end))
}

/// Splits `---` front matter from a text: (front matter, body).
fn split_front(text: &str) -> (Option<&str>, &str) {
    let Some(rest) = text
        .strip_prefix("---\n")
        .or_else(|| text.strip_prefix("---\r\n"))
    else {
        return (None, text);
    };
    for (at, _) in rest.match_indices("\n---") {
        let after = &rest[at + 4..];
        if after.is_empty() || after.starts_with('\n') || after.starts_with("\r\n") {
            let body = after.trim_start_matches(['\r', '\n']);
            return (Some(&rest[..at + 1]), body);
        }
    }
    (None, text)
}

/// The items of the first `::: objectives` block of a body.
fn objectives(body: &str) -> Vec<String> {
    let mut inside = false;
    let mut found = Vec::new();
    for line in body.lines() {
        let trimmed = line.trim();
        if !inside {
            let name = trimmed.trim_start_matches(':').trim();
            inside = trimmed.starts_with(":::")
                && name
                    .trim_start_matches(['{', '.'])
                    .starts_with("objectives");
            continue;
        }
        if trimmed.starts_with(":::") {
            break;
        }
        if let Some(item) = trimmed
            .strip_prefix("- ")
            .or_else(|| trimmed.strip_prefix("* "))
        {
            found.push(item.trim().to_string());
        }
    }
    found
}

fn minutes(front: &Value, key: &str) -> Option<u64> {
    match front.get(key)? {
        Value::Number(number) => number.as_u64(),
        Value::String(text) => text.trim().parse().ok(),
        _ => None,
    }
}

/// One lesson file as a page of the course; with the outcomes it gives.
fn page(
    entry: &Entry,
    text: &str,
    links: &str,
    rewriter: &Rewriter<'_>,
    notes: &mut Vec<Note>,
) -> (String, Vec<String>) {
    let (front, body) = split_front(text);
    let values = front
        .and_then(|front| crate::yaml::parse_value(front).ok())
        .unwrap_or(Value::Null);
    let mut body = body.to_string();
    let mut head = front.unwrap_or_default().to_string();
    if values.get("title").is_none() {
        let title = match &entry.title {
            Some(title) => title.clone(),
            None => take_heading(&mut body).unwrap_or_else(|| {
                page_name(&entry.source)
                    .trim_end_matches(".md")
                    .replace('-', " ")
            }),
        };
        head.insert_str(0, &format!("title: {}\n", quoted(&title)));
    }
    let place = Place {
        file: Some(entry.source.clone()),
        ..Place::default()
    };
    let found = objectives(&body);
    match entry.role {
        Role::Page => head.push_str("type: page\n"),
        Role::Module => {
            if values.get("duration").is_none() {
                let total = minutes(&values, "teaching").unwrap_or(0)
                    + minutes(&values, "exercises").unwrap_or(0);
                if total > 0 {
                    head.push_str(&format!("duration: {total} minutes\n"));
                } else {
                    head.push_str("duration: 60 minutes\n");
                    notes.push(placeholder(&place, "duration"));
                }
            }
            if values.get("outcomes").is_none() {
                if found.is_empty() {
                    head.push_str(
                        "outcomes:\n  - \"Replace this: what a learner will be able to do.\"\n",
                    );
                    notes.push(placeholder(&place, "outcomes"));
                } else {
                    head.push_str("outcomes:\n");
                    for outcome in &found {
                        head.push_str(&format!("  - {}\n", quoted(outcome)));
                    }
                }
            }
        }
    }
    let body = rewriter.rewrite(&body, &entry.source, notes);
    let mut out = format!("---\n{head}---\n\n{}", body.trim_start());
    if !links.is_empty() {
        out.push_str(&format!("\n\n{links}\n"));
    }
    (out, found)
}

fn placeholder(place: &Place, field: &str) -> Note {
    Note {
        kind: NoteKind::Placeholder,
        place: place.clone(),
        message: format!(
            "`{field}` is required and the lesson does not say it: replace the example value"
        ),
        written: None,
    }
}

/// Takes a first `# Heading` line out of a body, as the page's title.
fn take_heading(body: &mut String) -> Option<String> {
    let line = body.lines().find(|line| !line.trim().is_empty())?;
    let title = line.strip_prefix("# ")?.trim();
    let title = title.split(" {").next().unwrap_or(title).to_string();
    let at = body.find(line)? + line.len();
    *body = body[at..].to_string();
    Some(title)
}

fn course_index(
    lesson: &Lesson,
    index: Option<(String, String)>,
    outcomes: &[String],
    rewriter: &Rewriter<'_>,
    notes: &mut Vec<Note>,
    course: &Path,
) -> String {
    let (source, text) = index.unwrap_or_default();
    let (_, body) = split_front(&text);
    // The course's title comes from the lesson's configuration.
    let mut body = body.to_string();
    take_heading(&mut body);
    let body = rewriter.rewrite(&body, &source, notes);
    let place = Place {
        file: Some(if source.is_empty() {
            "the lesson".to_string()
        } else {
            source.clone()
        }),
        ..Place::default()
    };
    let summary = first_paragraph(&body);
    let mut head = format!("---\ntitle: {}\ntype: course\n", quoted(&lesson.title));
    match summary {
        Some(summary) => head.push_str(&format!("summary: {}\n", quoted(&summary))),
        None => {
            head.push_str(
                "summary: \"Replace this: what the course is about, in a sentence or two.\"\n",
            );
            notes.push(placeholder(&place, "summary"));
        }
    }
    head.push_str("audiences: [public]\ndelivery: self-paced\n");
    notes.push(Note {
        kind: NoteKind::Placeholder,
        place: place.clone(),
        message: format!(
            "`audiences` and `delivery` are example values ([public], self-paced): set who the course is for and how it is run in {}",
            shown(&course.join("_index.md"))
        ),
        written: None,
    });
    head.push_str("outcomes:\n");
    if outcomes.is_empty() {
        head.push_str("  - \"Replace this: what a learner will be able to do.\"\n");
        notes.push(placeholder(&place, "outcomes"));
    }
    for outcome in outcomes.iter().take(8) {
        head.push_str(&format!("  - {}\n", quoted(outcome)));
    }
    format!("{head}---\n\n{}", body.trim_start())
}

fn first_paragraph(body: &str) -> Option<String> {
    let mut inside_block = false;
    for paragraph in body.split("\n\n") {
        let text = paragraph.trim();
        if text.starts_with(":::") || text.starts_with("```") {
            inside_block =
                !text.ends_with(":::") && !text.ends_with("```") || text.lines().count() == 1;
            continue;
        }
        if inside_block {
            inside_block = !(text.ends_with(":::") || text.ends_with("```"));
            continue;
        }
        let is_prose = text
            .chars()
            .next()
            .is_some_and(|c| c.is_alphanumeric() || c == '*' || c == '_');
        if is_prose {
            return Some(text.split_whitespace().collect::<Vec<_>>().join(" "));
        }
    }
    None
}

/// Rewrites links between the lesson's files to the course's files.
struct Rewriter<'a> {
    /// Lesson path -> course file name.
    names: &'a HashMap<String, String>,
    asset_roots: &'a [String],
}

impl Rewriter<'_> {
    fn rewrite(&self, body: &str, from: &str, notes: &mut Vec<Note>) -> String {
        let mut edits: Vec<(std::ops::Range<usize>, String)> = Vec::new();
        let parser = Parser::new_ext(body, Options::all()).into_offset_iter();
        for (event, range) in parser {
            let dest = match &event {
                Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                    dest_url.to_string()
                }
                _ => continue,
            };
            let Some(new) = self.target(&dest, from) else {
                if is_lesson_page_link(&dest) {
                    notes.push(Note {
                        kind: NoteKind::Link,
                        place: Place {
                            file: Some(from.to_string()),
                            ..Place::default()
                        },
                        message: format!(
                            "the link to `{dest}` names a file that is not one of the lesson's pages, so it will not work: link to a page of the course instead"
                        ),
                        written: None,
                    });
                }
                continue;
            };
            let written = &body[range.clone()];
            let Some(at) = written.rfind(&format!("]({dest}")) else {
                continue;
            };
            let start = range.start + at + 2;
            edits.push((start..start + dest.len(), new));
        }
        let mut out = body.to_string();
        edits.sort_by_key(|(range, _)| std::cmp::Reverse(range.start));
        for (range, new) in edits {
            out.replace_range(range, &new);
        }
        out
    }

    /// The new target of a relative link, or `None` to leave it.
    fn target(&self, dest: &str, from: &str) -> Option<String> {
        if dest.starts_with('#')
            || dest.starts_with('/')
            || dest.contains("://")
            || dest.starts_with("mailto:")
        {
            return None;
        }
        let (path, anchor) = match dest.split_once('#') {
            Some((path, anchor)) => (path, format!("#{anchor}")),
            None => (dest, String::new()),
        };
        let folder = from.rsplit_once('/').map_or("", |(dir, _)| dir);
        let joined = join(folder, path)?;
        for candidate in page_candidates(&joined) {
            if let Some(name) = self.names.get(&candidate) {
                return Some(format!("{name}{anchor}"));
            }
        }
        for root in self.asset_roots {
            let rest = if root.is_empty() {
                Some(joined.as_str())
            } else {
                joined.strip_prefix(&format!("{root}/"))
            };
            if let Some(rest) = rest {
                return (rest != dest).then(|| format!("{rest}{anchor}"));
            }
        }
        None
    }
}

/// A relative link to a page file (`x.md`, `../learners/x.html`).
fn is_lesson_page_link(dest: &str) -> bool {
    let path = dest.split('#').next().unwrap_or(dest);
    !path.contains("://")
        && !path.starts_with('/')
        && !path.starts_with("mailto:")
        && [".md", ".Rmd", ".qmd", ".html"]
            .iter()
            .any(|end| path.ends_with(end))
}

/// A lesson path and the page files it may name (`x.html` is `x.md`).
fn page_candidates(path: &str) -> Vec<String> {
    let stem = [".html", ".md", ".Rmd", ".qmd"]
        .iter()
        .find_map(|end| path.strip_suffix(end))
        .unwrap_or(path);
    let mut found = vec![path.to_string()];
    for end in [".md", ".Rmd", ".qmd"] {
        found.push(format!("{stem}{end}"));
    }
    found
}

/// `folder/relative`, with `..` and `.` resolved; `None` above the top.
fn join(folder: &str, relative: &str) -> Option<String> {
    let mut parts: Vec<&str> = folder.split('/').filter(|p| !p.is_empty()).collect();
    for part in relative.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            part => parts.push(part),
        }
    }
    Some(parts.join("/"))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_between_lesson_files_point_at_the_new_files() {
        let names: HashMap<String, String> = [
            ("episodes/intro.md", "01-intro.md"),
            ("learners/setup.md", "setup.md"),
        ]
        .into_iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
        let roots = vec!["episodes".to_string(), "learners".to_string()];
        let rewriter = Rewriter {
            names: &names,
            asset_roots: &roots,
        };
        let body = "See [setup](../learners/setup.md#install), [intro](intro.html), ![A map](fig/map.png) and [web](https://example.org/a.md).";
        let out = rewriter.rewrite(body, "episodes/data.md", &mut Vec::new());
        assert_eq!(
            out,
            "See [setup](setup.md#install), [intro](01-intro.md), ![A map](fig/map.png) and [web](https://example.org/a.md)."
        );
    }

    #[test]
    fn objectives_are_read_from_their_block() {
        let body =
            "::::::: objectives\n\n- Name the parts\n- Use a shell\n\n:::::::\n\n- not this\n";
        assert_eq!(objectives(body), vec!["Name the parts", "Use a shell"]);
    }

    #[test]
    fn front_matter_is_split_from_the_body() {
        let (front, body) = split_front("---\ntitle: A\nteaching: 5\n---\n\nText\n");
        assert_eq!(front, Some("title: A\nteaching: 5\n"));
        assert_eq!(body, "Text\n");
    }
}
