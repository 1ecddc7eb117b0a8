//! `hearth import`: Word documents and lessons made with other tools,
//! turned into content files of the site.
//!
//! This stage sits beside `content`: it reads files from outside the site
//! and writes markdown under `content/`, which the build then reads as any
//! other page. [`word`] reads a `.docx` (with [`docx`] for the package and
//! its XML parts) into one page of a kind; [`lesson`] reads a Carpentries
//! Workbench lesson or a Quarto book or website into a course. Both return
//! a [`Plan`]: every file to write and every [`Note`] for the author (what
//! could not come across and where it was, headings mended, example values
//! to replace). [`write`] then writes the plan, refusing to replace a file
//! unless forced.

pub mod docx;
pub mod front;
pub mod lesson;
pub mod word;

use std::fmt;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::error::{Error, ErrorKind};
use crate::files;

/// The kind of page a Word document becomes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageKind {
    /// A policy brief.
    Brief,
    /// A module of a course.
    Module,
    /// An ordinary page.
    Page,
    /// A charter commitment.
    Commitment,
}

/// What to import and where.
#[derive(Debug, Clone)]
pub struct ImportOptions {
    /// A `.docx` file or a lesson folder.
    pub source: PathBuf,
    /// The kind of page a Word document becomes (a page when not given).
    pub kind: Option<PageKind>,
    /// The site folder.
    pub root: PathBuf,
    /// The folder to write into, under the site root or under `content/`.
    pub into: Option<PathBuf>,
    /// Replace files that are already there.
    pub is_forced: bool,
    /// Today, for dates a document does not give.
    pub today: NaiveDate,
}

/// What kind of thing a note tells the author.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoteKind {
    /// Something in the source that cannot come across (a text box, a comment...).
    Unsupported,
    /// A heading whose level was changed so that no level is skipped.
    MendedHeading,
    /// A required field filled with an example value to replace.
    Placeholder,
    /// A picture with no alt text: the build stops on it, as on any page.
    MissingAlt,
    /// A link between files of a lesson that could not be kept working.
    Link,
}

/// Where in the source something was.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Place {
    /// The paragraph of a Word document (1-based, every paragraph
    /// counted, those in tables and empty ones too), or 0.
    pub paragraph: usize,
    /// The text of the heading it was under, if any.
    pub heading: Option<String>,
    /// The source file of a lesson, when it came from one.
    pub file: Option<String>,
}

impl fmt::Display for Place {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut parts = Vec::new();
        if let Some(file) = &self.file {
            parts.push(file.clone());
        }
        if self.paragraph > 0 {
            parts.push(format!("paragraph {}", self.paragraph));
        }
        if let Some(heading) = &self.heading {
            parts.push(format!("under heading '{heading}'"));
        }
        if parts.is_empty() {
            parts.push("the document".to_string());
        }
        f.write_str(&parts.join(", "))
    }
}

/// One thing the author should know about an import.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    /// What kind of note it is.
    pub kind: NoteKind,
    /// Where it was in the source.
    pub place: Place,
    /// What happened, in a sentence.
    pub message: String,
    /// Where it ended up in a written file: path under the site root, line
    /// and column (1-based), when that is known.
    pub written: Option<(String, usize, usize)>,
}

impl fmt::Display for Note {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.place, self.message)?;
        if let Some((path, line, column)) = &self.written {
            write!(f, "\n  --> {path}:{line}:{column}")?;
        }
        Ok(())
    }
}

/// Every file an import will write, and what the author should know.
#[derive(Debug, Default)]
pub struct Plan {
    /// Files to write: path under the site root, and bytes.
    pub files: Vec<(PathBuf, Vec<u8>)>,
    /// Notes for the author.
    pub notes: Vec<Note>,
}

/// What an import did.
#[derive(Debug)]
pub struct Imported {
    /// The files written, under the site root.
    pub written: Vec<PathBuf>,
    /// Notes for the author.
    pub notes: Vec<Note>,
}

/// Imports a Word document or a lesson folder into the site.
pub fn run(options: &ImportOptions) -> Result<Imported, Error> {
    let content = options.root.join(crate::content::CONTENT_DIR);
    if !content.is_dir() {
        return Err(
            Error::new(ErrorKind::Io, &content, "there is no content folder here")
                .with_help("run this in a site folder, or pass --root"),
        );
    }
    let plan = if options.source.is_dir() {
        lesson::plan(options)?
    } else if is_docx(&options.source) {
        word::plan(options)?
    } else {
        return Err(Error::new(
            ErrorKind::Io,
            &options.source,
            "this is neither a Word document (.docx) nor a lesson folder",
        )
        .with_help("give a .docx file, or the folder of a Carpentries or Quarto lesson"));
    };
    write(&options.root, plan, options.is_forced)
}

/// What `hearth import` prints: the files written, then the notes.
pub fn report(imported: &Imported) -> String {
    let mut out = String::new();
    for path in &imported.written {
        out.push_str(&format!("Wrote {}\n", shown(path)));
    }
    if !imported.notes.is_empty() {
        let count = imported.notes.len();
        let things = if count == 1 { "thing" } else { "things" };
        out.push_str(&format!("\n{count} {things} to look at:\n"));
        for note in &imported.notes {
            out.push_str(&format!("- {note}\n"));
        }
    }
    out
}

fn is_docx(path: &Path) -> bool {
    path.extension()
        .is_some_and(|ext| ext.eq_ignore_ascii_case("docx"))
}

/// Writes a plan's files under `root`. Nothing is written when any of them
/// exists already, unless `is_forced`.
pub(crate) fn write(root: &Path, plan: Plan, is_forced: bool) -> Result<Imported, Error> {
    if !is_forced {
        if let Some((path, _)) = plan.files.iter().find(|(path, _)| root.join(path).exists()) {
            return Err(
                Error::new(ErrorKind::Io, path, "this file is already there").with_help(
                    "nothing was written; pass --force to replace it, or --into another folder",
                ),
            );
        }
    }
    let mut written = Vec::with_capacity(plan.files.len());
    for (path, bytes) in plan.files {
        files::write(&root.join(&path), &bytes)?;
        written.push(path);
    }
    Ok(Imported {
        written,
        notes: plan.notes,
    })
}

/// The folder under the site root that `into` names: written from the
/// site root (`content/briefs`) or from `content/` (`briefs`); `None` when
/// it would lead out of `content/`.
pub(crate) fn folder_under_content(into: &Path) -> Option<PathBuf> {
    let content = Path::new(crate::content::CONTENT_DIR);
    let below = into.strip_prefix(content).unwrap_or(into);
    let is_inside = below
        .components()
        .all(|part| matches!(part, std::path::Component::Normal(_)));
    is_inside.then(|| content.join(below))
}

/// `--into` that leads out of `content/`.
pub(crate) fn outside_content(into: &Path) -> Error {
    Error::new(
        ErrorKind::Io,
        into,
        "this folder is not under content/, where pages go",
    )
    .with_help("pass a folder under content/, such as --into briefs or --into content/courses/NAME")
}

/// Line and column (1-based, in characters) of byte `offset` in `text`.
pub(crate) fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let start = before.rfind('\n').map_or(0, |at| at + 1);
    (line, before[start..].chars().count() + 1)
}

/// `text` as a double-quoted YAML value on one line.
pub fn quoted(text: &str) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    serde_json::to_string(&words.join(" ")).expect("a string always serialises")
}

/// `path` with `/` separators, for messages and notes.
pub(crate) fn shown(path: &Path) -> String {
    path.components()
        .map(|part| part.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_column_counts_characters_from_one() {
        assert_eq!(line_column("ab\ncdé![x", 7), (2, 4));
        assert_eq!(line_column("abc", 0), (1, 1));
    }

    #[test]
    fn places_read_as_a_person_would_say_them() {
        let place = Place {
            paragraph: 12,
            heading: Some("Options".to_string()),
            file: None,
        };
        assert_eq!(place.to_string(), "paragraph 12, under heading 'Options'");
    }
}
