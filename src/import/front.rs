//! A converted Word document as a page of a kind: where it goes, its
//! title and dates, its front matter with the kind's required fields (from
//! the document where it says them, else example values the author is told
//! to replace), and its body with heading levels mended.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::docx::{Core, Package};
use super::word::{Block, Converted, Picture, Target};
use super::{line_column, quoted, ImportOptions, Note, NoteKind, PageKind, Place};
use crate::content::{dates, slug};
use crate::error::{Error, ErrorKind};

/// A page ready to write.
#[derive(Debug)]
pub(crate) struct WrittenPage {
    /// The whole file.
    pub text: String,
    /// Pictures to save beside it.
    pub pictures: Vec<Picture>,
    /// Notes, with places in the written file where known.
    pub notes: Vec<Note>,
}

/// Where a document of `kind` goes, checked against the site's sections.
pub(crate) fn target(
    options: &ImportOptions,
    kind: PageKind,
    core: &Core,
    package: &Package,
    path: &Path,
) -> Result<Target, Error> {
    let content = options.root.join(crate::content::CONTENT_DIR);
    let folder = folder_for(options, &content, kind)?;
    let absolute = options.root.join(&folder);
    check_fits(&content, &absolute, &folder, kind)?;
    let title = title_of(core, package, path);
    Ok(Target {
        folder,
        stem: stem_for(&absolute, kind, &title),
        number: crate::init::next_commitment(&absolute),
    })
}

/// The folder the page goes in, relative to the site: `--into`, else the
/// kind's usual section; it must exist.
fn folder_for(options: &ImportOptions, content: &Path, kind: PageKind) -> Result<PathBuf, Error> {
    let folder = match &options.into {
        Some(into) => {
            super::folder_under_content(into).ok_or_else(|| super::outside_content(into))?
        }
        None => PathBuf::from(crate::content::CONTENT_DIR).join(default_section(content, kind)),
    };
    if !options.root.join(&folder).is_dir() {
        return Err(
            Error::new(ErrorKind::Io, &folder, "there is no such folder").with_help(
                "pass --into a folder under content/ that exists, such as --into briefs",
            ),
        );
    }
    Ok(folder)
}

/// The file name without extension: the title's slug, numbered after the
/// folder's last page where the folder's pages are numbered.
fn stem_for(absolute: &Path, kind: PageKind, title: &str) -> String {
    let name = slug::slugify(title).unwrap_or_else(|| "imported".to_string());
    let is_numbered = matches!(kind, PageKind::Module | PageKind::Commitment)
        || crate::init::has_numbered(absolute);
    if is_numbered {
        format!("{:02}-{name}", crate::init::next_number(absolute))
    } else {
        name
    }
}

fn default_section(content: &Path, kind: PageKind) -> &'static str {
    let wanted = match kind {
        PageKind::Brief => "briefs",
        PageKind::Commitment => "charter",
        PageKind::Module | PageKind::Page => return "",
    };
    if content.join(wanted).is_dir() {
        wanted
    } else {
        ""
    }
}

/// A module must go in a course and a commitment in a charter, or the
/// build would refuse it.
fn check_fits(content: &Path, absolute: &Path, folder: &Path, kind: PageKind) -> Result<(), Error> {
    let (needed, name) = match kind {
        PageKind::Module => ("module", "a course"),
        PageKind::Commitment => ("commitment", "a charter"),
        PageKind::Brief | PageKind::Page => return Ok(()),
    };
    let found = crate::init::pages_kind(content, absolute).map(|(kind, _)| kind);
    if found == Some(needed) {
        return Ok(());
    }
    Err(Error::new(
        ErrorKind::InvalidValue,
        folder,
        format!("a {needed} goes in {name}, and this folder is not one"),
    )
    .with_help(format!(
        "pass --into the folder of {name} (its _index.md has `type: {}`)",
        if needed == "module" {
            "course"
        } else {
            "charter"
        }
    )))
}

/// The title: the document's properties, else its Title paragraph or first
/// heading, else its file name.
fn title_of(core: &Core, package: &Package, path: &Path) -> String {
    if let Some(title) = &core.title {
        return title.clone();
    }
    let converted = super::word::convert(package, path, "x").ok();
    let from_body = converted.and_then(|c| {
        c.blocks.into_iter().find_map(|block| match block {
            Block::Title(text) | Block::Heading { text, .. } => Some(text),
            _ => None,
        })
    });
    from_body.unwrap_or_else(|| {
        path.file_stem()
            .map(|stem| stem.to_string_lossy().replace(['-', '_'], " "))
            .unwrap_or_else(|| "Imported document".to_string())
    })
}

/// The facts front matter is made from.
struct Facts {
    title: String,
    description: Option<String>,
    date: NaiveDate,
    updated: Option<NaiveDate>,
    today: NaiveDate,
    number: u64,
    summary: Option<String>,
    recommendations: Vec<String>,
    outcomes: Vec<String>,
}

/// The page a converted document becomes.
pub(crate) fn page(
    target: &Target,
    kind: PageKind,
    core: Core,
    mut converted: Converted,
    today: NaiveDate,
) -> WrittenPage {
    let (title, taken) = take_title(&core, &mut converted.blocks);
    let facts = facts_of(title, &core, &converted.blocks, target.number, today);
    let (front, placeholders) = front_matter(kind, &facts);
    let mut notes = converted.notes;
    let body = super::word::body::write(&converted.blocks, &converted.footnotes, taken, &mut notes);
    let text = format!("{front}{body}");
    let shown = super::shown(&target.file());
    notes.extend(placeholder_notes(&text, &placeholders, &shown));
    notes.extend(missing_alt_notes(&text, &converted.pictures, &shown));
    let front_lines = text[..front.len()].matches('\n').count();
    place_mended_headings(&mut notes, front_lines, &shown);
    WrittenPage {
        text,
        pictures: converted.pictures,
        notes,
    }
}

/// The facts of a document: its title, its dates from its properties, and
/// what its body says under the headings a kind's fields are named for.
fn facts_of(title: String, core: &Core, blocks: &[Block], number: u64, today: NaiveDate) -> Facts {
    let created = core.created.as_deref().and_then(dates::date_of_timestamp);
    let modified = core.modified.as_deref().and_then(dates::date_of_timestamp);
    let date = created.or(modified).unwrap_or(today);
    Facts {
        title,
        description: core.description.clone(),
        date,
        updated: modified.filter(|day| *day > date),
        today,
        number,
        summary: first_paragraph_under(blocks, &["summary"]),
        recommendations: items_under(blocks, &["recommendation"]),
        outcomes: items_under(blocks, &["outcome", "objective", "you will", "aims"]),
    }
}

/// A note for each field filled with an example value, at its line.
fn placeholder_notes(text: &str, placeholders: &[&str], shown: &str) -> Vec<Note> {
    placeholders
        .iter()
        .map(|field| {
            let at = text.find(&format!("\n{field}:")).map_or(0, |at| at + 1);
            let (line, column) = line_column(text, at);
            Note {
                kind: NoteKind::Placeholder,
                place: Place::default(),
                message: format!(
                    "`{field}` is required and the document does not say it: replace the example value"
                ),
                written: Some((shown.to_string(), line, column)),
            }
        })
        .collect()
}

/// A note for each picture without alt text, at its place in the page.
fn missing_alt_notes(text: &str, pictures: &[Picture], shown: &str) -> Vec<Note> {
    pictures
        .iter()
        .filter(|picture| picture.has_no_alt)
        .map(|picture| {
            let wanted = format!("![]({})", picture.name);
            let at = text.find(&wanted).unwrap_or(0);
            let (line, column) = line_column(text, at);
            Note {
                kind: NoteKind::MissingAlt,
                place: picture.place.clone(),
                message: format!(
                    "the image `{}` has no alt text, so the build stops on it: write what the picture shows between the square brackets (in Word: right-click the picture, View Alt Text)",
                    picture.name
                ),
                written: Some((shown.to_string(), line, column)),
            }
        })
        .collect()
}

/// Mended headings were placed by their line in the body: moves them past
/// the front matter's `front_lines` lines, in the written file.
fn place_mended_headings(notes: &mut [Note], front_lines: usize, shown: &str) {
    for note in notes {
        if note.kind == NoteKind::MendedHeading {
            if let Some((_, line, _)) = &note.written {
                let line = *line + front_lines;
                note.written = Some((shown.to_string(), line, 1));
            }
        }
    }
}

/// The title, with the body's copy of it taken out; and the level of the
/// heading taken as the title, if one was.
fn take_title(core: &Core, blocks: &mut Vec<Block>) -> (String, Option<u8>) {
    let first = first_heading(blocks);
    let is_taken = match (&core.title, &first) {
        (Some(title), Some((_, text))) => title.trim() == text.trim(),
        (None, Some(_)) => true,
        _ => false,
    };
    let mut taken = None;
    if let (true, Some((at, _))) = (is_taken, &first) {
        if let Block::Heading { level, .. } = blocks.remove(*at) {
            taken = Some(level);
        }
    }
    let title = core
        .title
        .clone()
        .or(first.map(|(_, text)| text))
        .unwrap_or_else(|| "Imported document".to_string());
    titles_as_bold_paragraphs(blocks);
    (title, taken)
}

/// The place and text of the first Title paragraph or heading.
fn first_heading(blocks: &[Block]) -> Option<(usize, String)> {
    blocks
        .iter()
        .enumerate()
        .find_map(|(at, block)| match block {
            Block::Title(text) | Block::Heading { text, .. } => Some((at, text.clone())),
            _ => None,
        })
}

/// Title paragraphs left in the body become bold paragraphs: the page has
/// one title, its front matter's.
fn titles_as_bold_paragraphs(blocks: &mut [Block]) {
    for block in blocks.iter_mut() {
        if let Block::Title(text) = block {
            *block = Block::Paragraph {
                text: format!("**{}**", super::word::escape(text)),
                plain: text.clone(),
            };
        }
    }
}

fn matches_heading(text: &str, words: &[&str]) -> bool {
    let lower = text.to_lowercase();
    words.iter().any(|word| lower.contains(word))
}

fn items_under(blocks: &[Block], words: &[&str]) -> Vec<String> {
    let mut inside = false;
    let mut found = Vec::new();
    for block in blocks {
        match block {
            Block::Heading { text, .. } => {
                if inside && !found.is_empty() {
                    break;
                }
                inside = matches_heading(text, words);
            }
            Block::Item {
                plain, depth: 0, ..
            } if inside => found.push(plain.clone()),
            _ => {}
        }
    }
    found
}

fn first_paragraph_under(blocks: &[Block], words: &[&str]) -> Option<String> {
    let mut inside = false;
    let mut first = None;
    for block in blocks {
        match block {
            Block::Heading { text, .. } => inside = matches_heading(text, words),
            Block::Paragraph { plain, .. } if !plain.is_empty() => {
                if inside {
                    return Some(plain.clone());
                }
                first.get_or_insert_with(|| plain.clone());
            }
            _ => {}
        }
    }
    first
}

fn list(items: &[String]) -> String {
    items
        .iter()
        .map(|item| format!("  - {}\n", quoted(item)))
        .collect()
}

/// The front matter and the fields filled with example values.
fn front_matter(kind: PageKind, facts: &Facts) -> (String, Vec<&'static str>) {
    let mut placeholders = Vec::new();
    let mut text = format!("---\ntitle: {}\n", quoted(&facts.title));
    if let Some(description) = &facts.description {
        text.push_str(&format!("description: {}\n", quoted(description)));
    }
    text.push_str(&format!("date: {}\n", facts.date));
    if let Some(updated) = facts.updated {
        text.push_str(&format!("updated: {updated}\n"));
    }
    match kind {
        PageKind::Page => {}
        PageKind::Brief => text.push_str(&brief_fields(facts, &mut placeholders)),
        PageKind::Module => text.push_str(&module_fields(facts, &mut placeholders)),
        PageKind::Commitment => text.push_str(&commitment_fields(facts, &mut placeholders)),
    }
    text.push_str("---\n");
    (text, placeholders)
}

/// A required field with an example value, noted in `placeholders`.
fn example(placeholders: &mut Vec<&'static str>, field: &'static str, value: &str) -> String {
    placeholders.push(field);
    format!("{field}: {}\n", quoted(value))
}

/// `field` with the value the document gave, or an example noted in
/// `placeholders`.
fn given_or_example(
    placeholders: &mut Vec<&'static str>,
    field: &'static str,
    given: Option<&str>,
    value: &str,
) -> String {
    match given {
        Some(given) => format!("{field}: {}\n", quoted(given)),
        None => example(placeholders, field, value),
    }
}

/// The list `field` with the items the document gave, or one example item
/// noted in `placeholders`.
fn list_or_example(
    placeholders: &mut Vec<&'static str>,
    field: &'static str,
    items: &[String],
    item: &str,
) -> String {
    if items.is_empty() {
        placeholders.push(field);
        format!("{field}:\n  - {}\n", quoted(item))
    } else {
        format!("{field}:\n{}", list(items))
    }
}

/// A brief's own fields: its summary, recommendations and review dates.
fn brief_fields(facts: &Facts, placeholders: &mut Vec<&'static str>) -> String {
    let mut text = String::from("type: brief\n");
    text.push_str(&given_or_example(
        placeholders,
        "summary",
        facts.summary.as_deref(),
        "Replace this: what the brief says, in a sentence or two.",
    ));
    text.push_str(&list_or_example(
        placeholders,
        "recommendations",
        &facts.recommendations,
        "Replace this: the first thing the brief recommends.",
    ));
    let review_due = crate::init::a_year_after(facts.today);
    text.push_str(&format!(
        "version: \"0.1\"\nstatus: draft\npublished: {}\nlast_reviewed: {}\nreview_due: {review_due}\n",
        facts.date, facts.today
    ));
    text
}

/// A module's own fields: its duration and outcomes.
fn module_fields(facts: &Facts, placeholders: &mut Vec<&'static str>) -> String {
    let mut text = String::from("type: module\n");
    text.push_str(&example(placeholders, "duration", "60 minutes"));
    text.push_str(&list_or_example(
        placeholders,
        "outcomes",
        &facts.outcomes,
        "Replace this: what a learner will be able to do.",
    ));
    text
}

/// A commitment's own fields: its number, sector, asks and status.
fn commitment_fields(facts: &Facts, placeholders: &mut Vec<&'static str>) -> String {
    let mut text = format!("type: commitment\nnumber: {}\n", facts.number);
    text.push_str(&example(
        placeholders,
        "sector",
        "Replace this: the sector, such as schools",
    ));
    text.push_str(&given_or_example(
        placeholders,
        "asks",
        facts.summary.as_deref(),
        "Replace this: what the charter asks of the sector.",
    ));
    text.push_str(&format!(
        "status: not-started\nstatus_date: {}\n",
        facts.today
    ));
    text
}
