//! `hearth init` and `hearth new`: files that start a site or a page.
//!
//! `init` writes a small site that uses every content kind (compiled in from
//! `src/scaffold`); it builds without a theme folder because the default
//! theme is built in. `new` writes one page of a kind with its required
//! fields filled in, numbered after its siblings.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use include_dir::{include_dir, Dir};

use crate::cli::{NewArgs, NewKind};
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

/// Creates a page of a kind; returns its path.
pub fn new_page(args: &NewArgs, today: NaiveDate) -> Result<PathBuf, Error> {
    let content = args.root.join("content");
    if !content.is_dir() {
        return Err(
            Error::new(ErrorKind::Io, &content, "there is no content folder here")
                .with_help("run this in a site folder, or pass --root"),
        );
    }
    let default_section = match args.kind {
        NewKind::Course => "courses",
        NewKind::Brief => "briefs",
        NewKind::Commitment => "charter",
        NewKind::Module | NewKind::Page => "",
    };
    let section = args
        .section
        .clone()
        .unwrap_or_else(|| PathBuf::from(default_section));
    let folder = content.join(&section);
    if args.kind == NewKind::Module && !folder.join("_index.md").is_file() {
        return Err(Error::new(
            ErrorKind::Io,
            &folder,
            "a module needs a course: this folder has no _index.md",
        )
        .with_help("pass the course folder, such as --in courses/01-first-steps"));
    }
    let name = slug::slugify(&args.title).ok_or_else(|| {
        Error::new(
            ErrorKind::InvalidSlug,
            &folder,
            format!("cannot make a file name from `{}`", args.title),
        )
        .with_help("use a title with letters or digits")
    })?;
    let number = next_number(&folder);
    let is_numbered = matches!(
        args.kind,
        NewKind::Course | NewKind::Module | NewKind::Commitment
    ) || has_numbered(&folder);
    let stem = if is_numbered {
        format!("{number:02}-{name}")
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
    let commitment_number = next_commitment(&folder);
    files::write(
        &path,
        front_matter(args.kind, &args.title, today, commitment_number).as_bytes(),
    )?;
    Ok(path)
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

fn next_number(folder: &Path) -> u64 {
    numbers(folder).into_iter().max().unwrap_or(0) + 1
}

fn has_numbered(folder: &Path) -> bool {
    !numbers(folder).is_empty()
}

fn next_commitment(folder: &Path) -> u64 {
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

fn quoted(text: &str) -> String {
    serde_json::to_string(text).expect("a string always serialises")
}

fn front_matter(kind: NewKind, title: &str, today: NaiveDate, number: u64) -> String {
    let review_due = today
        .checked_add_months(chrono::Months::new(12))
        .unwrap_or(today);
    let head = format!(
        "---\ntitle: {}\ndescription: \"\"\ndate: {today}\n",
        quoted(title)
    );
    let fields = match kind {
        NewKind::Course => "type: course\nsummary: \"\"\naudiences: [public]\ndelivery: online\noutcomes:\n  - \"\"\n".to_string(),
        NewKind::Module => "duration: 60 minutes\noutcomes:\n  - \"\"\n".to_string(),
        NewKind::Commitment => format!("number: {number}\nsector: \"\"\nasks: \"\"\nactions: []\nstatus: not-started\nstatus_date: {today}\nevidence: []\n"),
        NewKind::Brief => format!("summary: \"\"\nrecommendations:\n  - \"\"\nreferences: []\nversion: \"0.1\"\nstatus: draft\nowner: \"\"\npublished: {today}\nlast_reviewed: {today}\nreview_due: {review_due}\n"),
        NewKind::Page => String::new(),
    };
    let body = match kind {
        NewKind::Brief => "\n## The problem\n\n## Options\n\n## Implications\n",
        NewKind::Module => "\n::: objectives\n- \n:::\n\n## Introduction\n",
        _ => "\nWrite here.\n",
    };
    format!("{head}{fields}---\n{body}")
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
}
