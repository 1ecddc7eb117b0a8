//! `hearth init` and `hearth new`: files that start a site or a page.
//!
//! `init` writes a small site that uses every content kind (compiled in from
//! `src/scaffold`); it builds without a theme folder because the default
//! theme is built in. `new` writes one page of a kind with its required
//! fields filled in, numbered after its siblings, in a folder whose pages
//! are of that kind (a page takes its kind from its section).

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use include_dir::{include_dir, Dir};

use crate::check::placeholder::MARK;
use crate::cli::{CiHost, InitArgs, NewArgs, NewKind};
use crate::content::slug;
use crate::error::{Error, ErrorKind};
use crate::files;

static SCAFFOLD: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/src/scaffold");

/// Writes a new site into `dir`, which must be empty or absent. Returns the file count.
pub fn init(dir: &Path) -> Result<usize, Error> {
    let has_files = dir
        .read_dir()
        .map(|mut d| d.next().is_some())
        .unwrap_or(false);
    if has_files {
        return Err(
            Error::new(ErrorKind::UnsafeOutput, dir, "this folder is not empty")
                .with_help("give the name of a new folder, such as `hearth init my-site`"),
        );
    }
    let mut count = 0;
    let mut stack = vec![&SCAFFOLD];
    while let Some(folder) = stack.pop() {
        for file in folder.files() {
            files::write(&dir.join(file.path()), file.contents())?;
            count += 1;
        }
        stack.extend(folder.dirs());
    }
    Ok(count)
}

/// `hearth init`: the new site, and the publishing workflow asked for with
/// `--ci`. Returns the file count.
pub fn init_site(args: &InitArgs) -> Result<usize, Error> {
    let count = init(&args.dir)?;
    match args.ci {
        Some(host) => {
            let (path, text) = workflow(host);
            files::write(&args.dir.join(path), text.as_bytes())?;
            Ok(count + 1)
        }
        None => Ok(count),
    }
}

/// The workflow that builds a site and publishes it on `host`'s pages: where
/// it goes in the site, and its text. It installs this very version of
/// Hearth, so a site keeps building as it did when it was made.
pub fn workflow(host: CiHost) -> (&'static str, String) {
    let (path, template) = match host {
        CiHost::Github => (
            ".github/workflows/pages.yml",
            include_str!("workflows/github-pages.yml"),
        ),
        CiHost::Gitlab => (".gitlab-ci.yml", include_str!("workflows/gitlab-pages.yml")),
    };
    (
        path,
        template.replace("HEARTH_VERSION", env!("CARGO_PKG_VERSION")),
    )
}

/// What `hearth new` made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Created {
    /// The new page.
    pub page: PathBuf,
    /// The `_index.md` of a section made for it, when the site had none
    /// for its kind.
    pub section: Option<PathBuf>,
}

/// Creates a page of a kind, and the section for it when the site has
/// none; says what it made.
pub fn new_page(args: &NewArgs, today: NaiveDate) -> Result<Created, Error> {
    let content = args.root.join("content");
    if !content.is_dir() {
        return Err(
            Error::new(ErrorKind::Io, &content, "there is no content folder here")
                .with_help("run this in a site folder, or pass --root"),
        );
    }
    let folder = section_folder(args, &content)?;
    let new_section = section_to_make(&content, &folder, args.kind);
    if new_section.is_none() {
        check_kind_fits(&content, &folder, args.kind)?;
    }
    let path = new_page_path(args, &folder)?;
    let commitment_number = next_commitment(&folder);
    if let Some((index, text)) = &new_section {
        files::write(index, text.as_bytes())?;
    }
    files::write(
        &path,
        front_matter(args.kind, &args.title, today, commitment_number).as_bytes(),
    )?;
    Ok(Created {
        page: path,
        section: new_section.map(|(index, _)| index),
    })
}

/// The folder the page goes in: `--in`, which must exist, else the usual
/// section for its kind.
fn section_folder(args: &NewArgs, content: &Path) -> Result<PathBuf, Error> {
    let default_section = match args.kind {
        NewKind::Course => "courses",
        NewKind::Brief => "briefs",
        NewKind::Commitment => "charter",
        NewKind::Module | NewKind::Page => "",
    };
    let section = match &args.section {
        Some(section) => section.clone(),
        None => usual_section(content, args.kind, default_section)?,
    };
    let folder = content.join(&section);
    if args.section.is_some() && !folder.is_dir() {
        return Err(no_such_folder(content, &folder));
    }
    Ok(folder)
}

/// The new page's file in `folder`: named from its title, numbered where
/// the kind or the folder's pages are; it must not exist yet.
fn new_page_path(args: &NewArgs, folder: &Path) -> Result<PathBuf, Error> {
    let name = slug::slugify(&args.title).ok_or_else(|| {
        Error::new(
            ErrorKind::InvalidSlug,
            folder,
            format!("cannot make a file name from `{}`", args.title),
        )
        .with_help("use a title with letters or digits")
    })?;
    let is_numbered = matches!(
        args.kind,
        NewKind::Course | NewKind::Module | NewKind::Commitment
    ) || has_numbered(folder);
    let stem = if is_numbered {
        format!("{:02}-{name}", next_number(folder))
    } else {
        name
    };
    let path = match args.kind {
        NewKind::Course => folder.join(&stem).join("_index.md"),
        _ => folder.join(format!("{stem}.md")),
    };
    if path.exists() {
        return Err(Error::new(ErrorKind::Io, &path, "this file already exists")
            .with_help("choose another title"));
    }
    Ok(path)
}

/// Where a page of `kind` goes when `--in` is not given: the one section
/// of the site whose pages are of that kind, else `default` (where a
/// section is made for briefs and commitments). With several, the author
/// must choose: an error that names them.
fn usual_section(content: &Path, kind: NewKind, default: &str) -> Result<PathBuf, Error> {
    if matches!(kind, NewKind::Course | NewKind::Page) {
        return Ok(PathBuf::from(default));
    }
    let wanted = kind_name(kind);
    let mut places: Vec<String> = section_folders(content)
        .into_iter()
        .filter(|folder| pages_kind(content, &content.join(folder)).map(|(f, _)| f) == Some(wanted))
        .collect();
    if !default.is_empty() && places.iter().any(|place| place == default) {
        places = vec![default.to_string()];
    }
    match places.as_slice() {
        [] => Ok(PathBuf::from(default)),
        [one] => Ok(PathBuf::from(one)),
        several => Err(several_sections(content, kind, several)),
    }
}

/// The error when several sections could take a page of `kind`, naming
/// them.
fn several_sections(content: &Path, kind: NewKind, several: &[String]) -> Error {
    let choices: Vec<String> = several
        .iter()
        .map(|place| format!("--in {place}"))
        .collect();
    let what = if kind == NewKind::Module {
        "courses"
    } else {
        "sections for them"
    };
    let wanted = kind_name(kind);
    Error::new(
        ErrorKind::InvalidValue,
        content,
        format!("this site has several {what}: which one should the {wanted} go in?"),
    )
    .with_help(format!("pass one of: {}", choices.join(", ")))
}

/// The `_index.md` to write, and its text, when a brief or commitment
/// goes into a folder that is no section yet and takes its kind from no
/// section above it but the home page: a section of that kind, so that
/// the page builds as what it was made as.
fn section_to_make(content: &Path, folder: &Path, kind: NewKind) -> Option<(PathBuf, String)> {
    let index = folder.join("_index.md");
    if folder == content || index.exists() {
        return None;
    }
    let inherited = pages_kind(content, folder);
    let is_plain = inherited
        .as_ref()
        .is_none_or(|(found, at)| *found == "page" && *at == content.join("_index.md"));
    let text = match kind {
        NewKind::Brief => format!(
            "---\ntitle: Policy briefs\ndescription: {}\npage_type: brief\nsort_by: date\n---\n\n{MARK} Say what these briefs are for.\n",
            example("One sentence on what these briefs cover.")
        ),
        NewKind::Commitment => format!(
            "---\ntitle: Our charter progress\ndescription: {}\ntype: charter\n---\n\n{MARK} Say what the charter is and where your town stands.\n",
            example("One sentence on how the town is doing on the charter.")
        ),
        _ => return None,
    };
    is_plain.then_some((index, text))
}

/// The name of a kind of page, as front matter writes it.
pub fn kind_name(kind: NewKind) -> &'static str {
    match kind {
        NewKind::Course => "course",
        NewKind::Module => "module",
        NewKind::Brief => "brief",
        NewKind::Commitment => "commitment",
        NewKind::Page => "page",
    }
}

/// `--in` naming a folder that is not there, with the nearest section
/// folder's name when one is close.
fn no_such_folder(content: &Path, folder: &Path) -> Error {
    let sections = section_folders(content);
    let wanted = files::shown_from(content, folder);
    let help = match crate::yaml::suggest(&wanted, sections.iter().map(String::as_str)) {
        Some(near) => format!("did you mean --in {near}?"),
        None => "pass a folder under content/, such as --in briefs".to_string(),
    };
    Error::new(ErrorKind::Io, folder, "there is no such folder").with_help(help)
}

/// A page's kind comes from its section unless it says otherwise, so a
/// module made among briefs would build as a brief. The kind asked for
/// must be the kind the folder's pages get. A course may go in any
/// section but another course.
fn check_kind_fits(content: &Path, folder: &Path, kind: NewKind) -> Result<(), Error> {
    let Some((found, index)) = pages_kind(content, folder) else {
        return Ok(());
    };
    let wanted = kind_name(kind);
    let fits = match kind {
        NewKind::Course => found != "module",
        _ => found == wanted,
    };
    if fits {
        return Ok(());
    }
    let index = files::shown_from(content, &index);
    let message = match kind {
        NewKind::Course => format!("a course cannot go inside another course ({index})"),
        _ => format!(
            "a {wanted} cannot go in this folder: its pages are {found}s (from content/{index})"
        ),
    };
    Err(Error::new(ErrorKind::InvalidValue, folder, message)
        .with_help(where_kind_goes(content, kind)))
}

/// Where pages of `kind` can go in this site, as a help.
fn where_kind_goes(content: &Path, kind: NewKind) -> String {
    let wanted = kind_name(kind);
    let folders = section_folders(content);
    let places: Vec<String> = match kind {
        NewKind::Course => course_homes(content, &folders),
        _ => folders
            .into_iter()
            .filter(|folder| pages_are(content, folder) == Some(wanted))
            .collect(),
    };
    let places: Vec<String> = places
        .into_iter()
        .take(3)
        .map(|folder| format!("--in {}", if folder.is_empty() { "." } else { &folder }))
        .collect();
    if !places.is_empty() {
        return format!("pass the folder to put it in: {}", places.join(", "));
    }
    match kind {
        NewKind::Course => "leave out --in to make it in courses/".to_string(),
        NewKind::Module => "make a course first: hearth new course \"Its title\"".to_string(),
        NewKind::Commitment => {
            "make a charter section first: a folder with an _index.md that has `type: charter`"
                .to_string()
        }
        _ => format!(
            "make a section for them: a folder with an _index.md that has `page_type: {wanted}`"
        ),
    }
}

/// Where courses already are: the folders holding one, themselves no
/// course.
fn course_homes(content: &Path, folders: &[String]) -> Vec<String> {
    let mut parents: Vec<String> = folders
        .iter()
        .filter(|folder| !folder.is_empty() && pages_are(content, folder) == Some("module"))
        .map(|folder| folder.rsplit_once('/').map_or("", |(p, _)| p).to_string())
        .filter(|parent| pages_are(content, parent) != Some("module"))
        .collect();
    parents.dedup();
    parents
}

/// The kind the pages of the section folder `folder` get.
fn pages_are(content: &Path, folder: &str) -> Option<&'static str> {
    pages_kind(content, &content.join(folder)).map(|(found, _)| found)
}

/// The kind pages in `folder` get, from the nearest `_index.md` at or
/// above it, with that file's path; `None` when there is none to read.
pub(crate) fn pages_kind(content: &Path, folder: &Path) -> Option<(&'static str, PathBuf)> {
    let mut at = folder;
    while !at.join("_index.md").is_file() {
        if at == content {
            return None;
        }
        at = at.parent()?;
    }
    let index = at.join("_index.md");
    let shown = files::shown_from(content, &index);
    let text = files::read_text(&index, Path::new(&shown)).ok()?;
    let section = crate::content::front_matter::parse(&text, &shown, &[]).ok()?;
    let kind = crate::content::kinds::inherited_page_kind(&section.front).unwrap_or("page");
    Some((kind, index))
}

/// Every folder under `content` with an `_index.md`, relative to it
/// (`""` for `content` itself), sorted.
fn section_folders(content: &Path) -> Vec<String> {
    let mut folders: Vec<String> = walkdir::WalkDir::new(content)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|entry| entry.file_type().is_dir() && entry.path().join("_index.md").is_file())
        .map(|entry| files::shown_from(content, entry.path()))
        .collect();
    folders.sort();
    folders
}

fn numbers(folder: &Path) -> Vec<u64> {
    let Ok(entries) = folder.read_dir() else {
        return Vec::new();
    };
    entries
        .filter_map(Result::ok)
        .filter_map(|entry| slug::strip_order(&entry.file_name().to_string_lossy()).0)
        .collect()
}

pub(crate) fn next_number(folder: &Path) -> u64 {
    numbers(folder).into_iter().max().unwrap_or(0) + 1
}

pub(crate) fn has_numbered(folder: &Path) -> bool {
    !numbers(folder).is_empty()
}

pub(crate) fn next_commitment(folder: &Path) -> u64 {
    let Ok(entries) = folder.read_dir() else {
        return 1;
    };
    let highest = entries
        .filter_map(Result::ok)
        .filter_map(|entry| std::fs::read_to_string(entry.path()).ok())
        .filter_map(|text| {
            text.lines().find_map(|line| {
                line.strip_prefix("number:")
                    .and_then(|n| n.trim().parse::<u64>().ok())
            })
        })
        .max();
    highest.unwrap_or(0) + 1
}

/// `text` as a double-quoted YAML value. Whitespace, control characters
/// included, becomes single spaces: a title is one line, and an escaped
/// control character (`\u000b`) would only be warned about later.
fn quoted(text: &str) -> String {
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || c.is_control())
        .filter(|word| !word.is_empty())
        .collect();
    serde_json::to_string(&words.join(" ")).expect("a string always serialises")
}

/// Example text for the author to replace: it starts with the mark that
/// `hearth check` finds, so none is published by mistake.
fn example(text: &str) -> String {
    quoted(&format!("{MARK} {text}"))
}

fn front_matter(kind: NewKind, title: &str, today: NaiveDate, number: u64) -> String {
    let head = format!(
        "---\ntitle: {}\ndescription: {}\ndate: {today}\n",
        quoted(title),
        example("One sentence on what this page is about, shown in lists and search results.")
    );
    let fields = kind_fields(kind, today, number);
    let body = match kind {
        NewKind::Brief => format!(
            "\n## The problem\n\n{MARK} What is wrong, and for whom.\n\n## Options\n\n{MARK} What could be done.\n\n## Implications\n\n{MARK} What each option would mean.\n"
        ),
        NewKind::Module => format!("\n## Introduction\n\n{MARK} Write the session here.\n"),
        _ => format!("\n{MARK} Write the page here.\n"),
    };
    format!("{head}{fields}---\n{body}")
}

/// The front matter fields of `kind`, with example values to replace;
/// `number` is a commitment's.
fn kind_fields(kind: NewKind, today: NaiveDate, number: u64) -> String {
    let review_due = a_year_after(today);
    match kind {
        NewKind::Course => format!(
            "type: course\nsummary: {}\naudiences: [public]\ndelivery: online\noutcomes:\n  - {}\n",
            example("A few sentences on what the course covers and who it is for."),
            example("Something learners will be able to do by the end of the course."),
        ),
        NewKind::Module => format!(
            "duration: 60 minutes\noutcomes:\n  - {}\n",
            example("Something learners will be able to do after this session."),
        ),
        NewKind::Commitment => format!(
            "number: {number}\nsector: {}\nasks: {}\nactions: []\nstatus: not-started\nstatus_date: {today}\nevidence: []\n",
            example("The sector, such as schools or workplaces"),
            example("What this commitment asks of the town."),
        ),
        NewKind::Brief => format!(
            "summary: {}\nrecommendations:\n  - {}\nreferences: []\nversion: \"0.1\"\nstatus: draft\nowner: {}\npublished: {today}\nlast_reviewed: {today}\nreview_due: {review_due}\n",
            example("The brief in two or three plain sentences."),
            example("The first thing you recommend, in one sentence."),
            example("The team that keeps this brief up to date"),
        ),
        NewKind::Page => String::new(),
    }
}

/// The day a year after `today`, when a new brief's review is due.
pub(crate) fn a_year_after(today: NaiveDate) -> NaiveDate {
    today
        .checked_add_months(chrono::Months::new(12))
        .unwrap_or(today)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn brief_front_matter_has_every_required_field() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let text = front_matter(NewKind::Brief, "Grief \"at\" work", today, 1);
        for field in [
            "summary:",
            "recommendations:",
            "version:",
            "status: draft",
            "review_due: 2027-11-23",
        ] {
            assert!(text.contains(field), "{field} missing from\n{text}");
        }
        assert!(text.starts_with("---\ntitle: \"Grief \\\"at\\\" work\"\n"));
    }

    #[test]
    fn a_title_with_tabs_or_control_characters_is_written_as_one_plain_line() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let text = front_matter(NewKind::Page, " Caring\tat\u{b}home\n", today, 1);
        assert!(
            text.starts_with("---\ntitle: \"Caring at home\"\n"),
            "{text}"
        );
    }
}
