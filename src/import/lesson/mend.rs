//! The lesson's own broken links, mended once every page of the course is
//! planned, so that the imported course builds.
//!
//! Each planned page is rendered as the build renders it, which gives the
//! ids it defines, its links to anchors and its links to files that do not
//! exist. Then:
//! - a link to an anchor that differs from a heading's id only in
//!   punctuation or Pandoc's `-1` suffix for a repeated heading
//!   (`#githubs-docs` for the id `github-s-docs`) is pointed at that id;
//! - a link to an anchor another page does not have goes to that page;
//! - a link to an anchor the same page does not have, or to a file the
//!   lesson does not have, keeps its words but is no longer a link;
//! - a picture whose file the lesson does not have is left out.
//!
//! Each change is a note naming the lesson's file and the written line.

use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::path::{Path, PathBuf};

use pulldown_cmark::{Event, Options, Parser, Tag};

use super::pages::split_front;
use crate::error::ErrorKind;
use crate::import::{line_column, shown, Note, NoteKind, Place, Plan};
use crate::markdown::{self, AnchorLink, Input, Rendered, Resolver};

/// A planned page: where it is written and what the build makes of it.
struct Page {
    /// Index in the plan's files.
    file: usize,
    /// Content path (`courses/x/intro.md`).
    path: String,
    /// Byte offset of the body in the written file.
    body_at: usize,
    rendered: Rendered,
}

/// One change to a written file, or, with an empty range and nothing
/// new, something the author must mend by hand.
struct Fix {
    range: Range<usize>,
    new: String,
    kind: NoteKind,
    message: String,
}

/// Mends the broken links of every planned page, telling the author
/// about each; `root` is the site folder, and `sources` maps a written
/// file's name in the course to the lesson file it came from.
pub(super) fn mend(plan: &mut Plan, root: &Path, sources: &HashMap<String, String>) {
    let files = Files::of(plan, root);
    let pages: Vec<Page> = (0..plan.files.len())
        .filter_map(|file| page(plan, file, &files))
        .collect();
    let ids: HashMap<&str, HashSet<&str>> = pages
        .iter()
        .map(|page| (page.path.as_str(), ids_of(&page.rendered)))
        .collect();
    let mut edits = Vec::new();
    for page in &pages {
        let text = String::from_utf8_lossy(&plan.files[page.file].1).into_owned();
        let fixes = fixes(page, &text, &ids);
        if !fixes.is_empty() {
            edits.push((page.file, text, fixes));
        }
    }
    for (file, text, fixes) in edits {
        let written = shown(&plan.files[file].0);
        let source = course_name(&written).and_then(|name| sources.get(name));
        let (mended, starts) = applied(text, &fixes);
        plan.notes
            .extend(notes(&mended, &fixes, &starts, &written, source));
        plan.files[file].1 = mended.into_bytes();
    }
}

/// The planned page at `file`, rendered, or `None` for a file that is not
/// a markdown page under `content/`.
fn page(plan: &Plan, file: usize, files: &Files) -> Option<Page> {
    let (written, bytes) = &plan.files[file];
    let path = content_path(written)?;
    if !path.ends_with(".md") {
        return None;
    }
    let text = std::str::from_utf8(bytes).ok()?;
    let (_, body) = split_front(text);
    let input = Input {
        body,
        path: &path,
        references: &[],
        scope: None,
    };
    let options = markdown::Options {
        is_smart_punctuation: false,
        is_highlighting: false,
        is_html_trusted: true,
    };
    let rendered = markdown::render(&input, options, files);
    Some(Page {
        file,
        body_at: text.len() - body.len(),
        path,
        rendered,
    })
}

/// The content path (under `content/`, with `/`) of a file the plan
/// writes, given by its path under the site root.
fn content_path(written: &Path) -> Option<String> {
    written
        .strip_prefix(crate::content::CONTENT_DIR)
        .ok()
        .map(shown)
}

/// The file name of a written file in its course folder.
fn course_name(written: &str) -> Option<&str> {
    written.rsplit('/').next()
}

fn ids_of(rendered: &Rendered) -> HashSet<&str> {
    rendered.ids.iter().map(String::as_str).collect()
}

/// The content paths the import writes, with what is on disk already.
struct Files {
    planned: HashSet<String>,
    /// The site's `content/` folder on disk.
    on_disk: PathBuf,
}

impl Files {
    fn of(plan: &Plan, root: &Path) -> Files {
        Files {
            planned: plan
                .files
                .iter()
                .filter_map(|(written, _)| content_path(written))
                .collect(),
            on_disk: root.join(crate::content::CONTENT_DIR),
        }
    }

    fn has(&self, path: &str) -> bool {
        let path = path.trim_end_matches('/');
        let index = format!("{path}/_index.md");
        self.planned.contains(path)
            || self.planned.contains(&index)
            || self.on_disk.join(path).exists()
    }
}

impl Resolver for Files {
    fn content_url(&self, content_path: &str) -> Result<String, String> {
        if self.has(content_path) {
            Ok(format!("/{content_path}"))
        } else {
            Err(format!("there is no file {content_path}"))
        }
    }

    fn site_url(&self, path: &str) -> String {
        path.to_string()
    }
}

/// The changes that mend one page's broken links.
fn fixes(page: &Page, text: &str, ids: &HashMap<&str, HashSet<&str>>) -> Vec<Fix> {
    let body = &text[page.body_at..];
    let links = links(body);
    let mut fixes: Vec<Fix> = page
        .rendered
        .anchors
        .iter()
        .filter_map(|anchor| {
            let link = links.get(&anchor.offset)?;
            anchor_fix(anchor, link, body, &page.path, ids)
        })
        .chain(missing_files(page, &links, body))
        .chain(links.values().filter_map(|link| missing_alt(link, body)))
        .collect();
    for fix in &mut fixes {
        fix.range = fix.range.start + page.body_at..fix.range.end + page.body_at;
    }
    fixes.sort_by_key(|fix| fix.range.start);
    let mut end = 0;
    fixes.retain(|fix| {
        let is_apart = fix.range.start >= end;
        end = end.max(fix.range.end);
        is_apart || fix.range.is_empty()
    });
    fixes
}

/// A link or picture of a body: where it is written, whether it is a
/// picture, and where its words (or alt text) are.
struct Link {
    range: Range<usize>,
    is_picture: bool,
    words: Range<usize>,
    /// What it points at, as the parser read it.
    destination: String,
}

impl Link {
    /// A link or picture whose words are not read yet.
    fn at(range: Range<usize>, is_picture: bool, destination: pulldown_cmark::CowStr) -> Link {
        Link {
            is_picture,
            words: range.end..range.start,
            range,
            destination: destination.into_string(),
        }
    }
}

/// The links and pictures of a body, by where each starts.
fn links(body: &str) -> HashMap<usize, Link> {
    let mut found = HashMap::new();
    let mut open: Vec<Link> = Vec::new();
    for (event, range) in Parser::new_ext(body, Options::all()).into_offset_iter() {
        match event {
            Event::Start(Tag::Link { dest_url, .. }) => open.push(Link::at(range, false, dest_url)),
            Event::Start(Tag::Image { dest_url, .. }) => open.push(Link::at(range, true, dest_url)),
            Event::End(pulldown_cmark::TagEnd::Link | pulldown_cmark::TagEnd::Image) => {
                if let Some(link) = open.pop() {
                    found.insert(link.range.start, link);
                }
            }
            _ => {
                for link in &mut open {
                    link.words.start = link.words.start.min(range.start);
                    link.words.end = link.words.end.max(range.end);
                }
            }
        }
    }
    found
}

/// The written words of a link, or nothing for one without words.
fn words<'b>(link: &Link, body: &'b str) -> &'b str {
    body.get(link.words.clone()).unwrap_or_default()
}

/// A link's whole extent with the Pandoc attributes written after it.
fn with_attributes(link: &Link, body: &str) -> Range<usize> {
    let after = &body[link.range.end..];
    let extra = markdown::attributes::at_start(after).map_or(0, |(_, length)| length);
    link.range.start..link.range.end + extra
}

/// How a link to an anchor its page does not have is mended, if it is.
fn anchor_fix(
    anchor: &AnchorLink,
    link: &Link,
    body: &str,
    here: &str,
    ids: &HashMap<&str, HashSet<&str>>,
) -> Option<Fix> {
    let target = anchor.target.as_deref().unwrap_or(here);
    let known = ids.get(target)?;
    if known.contains(anchor.anchor.as_str()) {
        return None;
    }
    let written = &body[link.range.clone()];
    let at = written.rfind(&format!("#{}", anchor.anchor))? + link.range.start;
    let fragment = at..at + 1 + anchor.anchor.len();
    let anchor = anchor.anchor.as_str();
    Some(match closest_id(anchor, known) {
        Some(id) => retargeted(fragment, anchor, id),
        None if target != here => to_top(fragment, anchor),
        None => unlinked(
            link,
            body,
            &format!("#{anchor}"),
            "this page has no heading or anchor with that id",
        ),
    })
}

/// A link's `#anchor` written as the id the build gives that heading.
fn retargeted(fragment: Range<usize>, anchor: &str, id: &str) -> Fix {
    Fix {
        range: fragment,
        new: format!("#{id}"),
        kind: NoteKind::Link,
        message: format!(
            "the link to `#{anchor}` now goes to the heading `#{id}`, the id the build gives it"
        ),
    }
}

/// A link to another page's missing `#anchor` sent to the top of that page.
fn to_top(fragment: Range<usize>, anchor: &str) -> Fix {
    Fix {
        range: fragment,
        new: String::new(),
        kind: NoteKind::Link,
        message: format!(
            "the page this link goes to has no heading or anchor `#{anchor}`, so the link goes to the top of that page"
        ),
    }
}

/// The id of `known` that `anchor` means: the same letters and digits
/// once punctuation is set aside, or, for Pandoc's `name-1` (a repeated
/// heading), `name` itself.
fn closest_id<'k>(anchor: &str, known: &HashSet<&'k str>) -> Option<&'k str> {
    let letters = |id: &str| -> String { id.chars().filter(|c| c.is_alphanumeric()).collect() };
    let wanted = letters(anchor);
    let mut same: Vec<&str> = known
        .iter()
        .copied()
        .filter(|id| letters(id) == wanted)
        .collect();
    same.sort_unstable();
    if let Some(id) = same.first() {
        return Some(id);
    }
    let (base, number) = anchor.rsplit_once('-')?;
    let is_repeat = !number.is_empty() && number.bytes().all(|b| b.is_ascii_digit());
    known.get(base).copied().filter(|_| is_repeat)
}

/// A link written as its words alone.
fn unlinked(link: &Link, body: &str, target: &str, why: &str) -> Fix {
    Fix {
        range: with_attributes(link, body),
        new: words(link, body).to_string(),
        kind: NoteKind::Link,
        message: format!("the link to `{target}` is kept as plain words: {why}"),
    }
}

/// Fixes for the links and pictures whose file the lesson does not have.
fn missing_files<'p>(
    page: &'p Page,
    links: &'p HashMap<usize, Link>,
    body: &'p str,
) -> impl Iterator<Item = Fix> + 'p {
    page.rendered
        .problems
        .iter()
        .filter(|problem| problem.kind == ErrorKind::BrokenLink)
        .filter_map(move |problem| {
            let link = links.get(&problem.offset)?;
            let dest = &link.destination;
            Some(if link.is_picture {
                Fix {
                    range: with_attributes(link, body),
                    new: String::new(),
                    kind: NoteKind::Link,
                    message: format!(
                        "the picture `{dest}` (\"{}\") is not in the lesson, so it is left out",
                        words(link, body)
                    ),
                }
            } else {
                unlinked(link, body, dest, "the lesson has no such file")
            })
        })
}

/// A note for a picture with no alt text, in brackets or as `{alt="..."}`:
/// only the author can say what it shows, and the build stops on it.
fn missing_alt(link: &Link, body: &str) -> Option<Fix> {
    let after = &body[link.range.end..];
    let alt = markdown::attributes::at_start(after)
        .and_then(|(attributes, _)| attributes.get("alt").map(str::to_string));
    let is_missing =
        words(link, body).trim().is_empty() && alt.is_none_or(|alt| alt.trim().is_empty());
    is_missing.then(|| Fix {
        range: link.range.start..link.range.start,
        new: String::new(),
        kind: NoteKind::MissingAlt,
        message: format!(
            "the picture `{}` has no alt text: write what it shows between the square brackets, or the build stops here",
            link.destination
        ),
    })
}

/// `text` with `fixes` (sorted, not overlapping) applied, and where each
/// fix starts in the new text.
fn applied(mut text: String, fixes: &[Fix]) -> (String, Vec<usize>) {
    let mut starts = Vec::with_capacity(fixes.len());
    let mut shift: isize = 0;
    for fix in fixes {
        starts.push(fix.range.start.saturating_add_signed(shift));
        shift += fix.new.len() as isize - fix.range.len() as isize;
    }
    for fix in fixes.iter().rev() {
        text.replace_range(fix.range.clone(), &fix.new);
    }
    (text, starts)
}

/// A note per fix, at its line and column in the mended text.
fn notes(
    mended: &str,
    fixes: &[Fix],
    starts: &[usize],
    written: &str,
    source: Option<&String>,
) -> Vec<Note> {
    fixes
        .iter()
        .zip(starts)
        .map(|(fix, &start)| {
            let (line, column) = line_column(mended, start);
            Note {
                kind: fix.kind,
                place: Place {
                    file: source.cloned(),
                    ..Place::default()
                },
                message: fix.message.clone(),
                written: Some((written.to_string(), line, column)),
            }
        })
        .collect()
}
