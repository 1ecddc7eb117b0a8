//! `content::load`: walks `content/` and reads every markdown file.
//!
//! The first stage that touches the disk. It yields [`Source`]s (markdown
//! text: `.md` files, and `.markdown` ones, in any capitals) and
//! [`Asset`]s (any other file, copied beside its page), in a
//! deterministic order. Hidden and editor files are skipped; a symbolic
//! link that leads outside the site root is refused.

use std::path::{Path, PathBuf};

use rayon::prelude::*;
use walkdir::{DirEntry, WalkDir};

use crate::error::{Diagnostics, Error, ErrorKind};
use crate::files;

/// The content folder's name under the site root.
pub const CONTENT_DIR: &str = "content";

/// One markdown file's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    /// Path relative to `content/`, with `/` separators: the key of `@/` links.
    pub path: String,
    /// The decoded text.
    pub text: String,
}

/// A non-markdown file under `content/`, copied beside its page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Asset {
    /// Path relative to `content/`, with `/` separators.
    pub path: String,
    /// Where the file is on disk.
    pub file: PathBuf,
}

/// What the walk found.
#[derive(Debug, Default)]
pub struct Loaded {
    /// Markdown files, in walk order.
    pub sources: Vec<Source>,
    /// Other files, in walk order.
    pub assets: Vec<Asset>,
}

/// Reads every file under `ROOT/content`, collecting errors.
pub fn load(root: &Path, diagnostics: &mut Diagnostics) -> Loaded {
    let content = root.join(CONTENT_DIR);
    if !content.is_dir() {
        diagnostics.push(
            Error::new(ErrorKind::Io, CONTENT_DIR, "the site has no content folder")
                .with_help("create content/_index.md for the home page"),
        );
        return Loaded::default();
    }
    let canonical_root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let (markdown, assets) = walk(&content, &canonical_root, diagnostics);
    let results: Vec<Result<Source, Error>> = markdown
        .par_iter()
        .map(|(file, path)| read_source(file, path))
        .collect();
    let mut sources = Vec::with_capacity(results.len());
    for result in results {
        if let Some(source) = diagnostics.take(result) {
            sources.push(source);
        }
    }
    Loaded { sources, assets }
}

/// The content paths of every file under `ROOT/content`, markdown and
/// other, that [`load`] would find, without reading any; `None` when there
/// is no content folder or the walk found a problem ([`load`] reports it).
pub(crate) fn list(root: &Path) -> Option<Vec<String>> {
    let content = root.join(CONTENT_DIR);
    if !content.is_dir() {
        return None;
    }
    let canonical_root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let mut problems = Diagnostics::new();
    let (markdown, assets) = walk(&content, &canonical_root, &mut problems);
    let paths = markdown.into_iter().map(|(_, path)| path);
    let listed = paths.chain(assets.into_iter().map(|asset| asset.path));
    let is_clean = problems.iter().next().is_none();
    is_clean.then(|| listed.collect())
}

/// Reads one markdown file again after a change; `None` when it is gone or ignored.
pub(crate) fn read_one(root: &Path, path: &str) -> Result<Option<Source>, Error> {
    let file = root.join(CONTENT_DIR).join(path);
    let is_ignored = path.split('/').any(files::is_ignored_name) || !files::is_markdown(path);
    if is_ignored || !file.is_file() {
        return Ok(None);
    }
    read_source(&file, path).map(Some)
}

fn read_source(file: &Path, path: &str) -> Result<Source, Error> {
    let shown = Path::new(CONTENT_DIR).join(path);
    let text = files::read_text(file, &shown)?;
    Ok(Source {
        path: path.to_string(),
        text,
    })
}

type Found = (Vec<(PathBuf, String)>, Vec<Asset>);

fn walk(content: &Path, root: &Path, diagnostics: &mut Diagnostics) -> Found {
    let mut markdown = Vec::new();
    let mut assets = Vec::new();
    let mut refused = Vec::new();
    let walker = WalkDir::new(content)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|entry| keep(entry, content, root, &mut refused));
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            Err(error) => {
                diagnostics.push(walk_error(&error, content));
                continue;
            }
        };
        match found_file(&entry, content) {
            Some(FoundFile::Markdown(file, path)) => markdown.push((file, path)),
            Some(FoundFile::Asset(asset)) => assets.push(asset),
            None => {}
        }
    }
    diagnostics.extend(refused);
    (markdown, assets)
}

/// A file under the content folder: markdown to parse (its file and its
/// path under the folder), or an asset to copy.
enum FoundFile {
    Markdown(PathBuf, String),
    Asset(Asset),
}

/// What an entry of the walk is, when it is a file.
fn found_file(entry: &DirEntry, content: &Path) -> Option<FoundFile> {
    if !entry.file_type().is_file() {
        return None;
    }
    let path = files::relative(entry.path(), content)?;
    let file = entry.path().to_path_buf();
    Some(if files::is_markdown(&path) {
        FoundFile::Markdown(file, path)
    } else {
        FoundFile::Asset(Asset { path, file })
    })
}

fn keep(entry: &DirEntry, content: &Path, root: &Path, refused: &mut Vec<Error>) -> bool {
    if entry.depth() == 0 {
        return true;
    }
    let name = entry.file_name().to_string_lossy();
    if files::is_ignored_name(&name) {
        return false;
    }
    if !entry.path_is_symlink() {
        return true;
    }
    let inside = entry
        .path()
        .canonicalize()
        .map(|target| target.starts_with(root))
        .unwrap_or(false);
    if !inside {
        let shown =
            Path::new(CONTENT_DIR).join(files::relative(entry.path(), content).unwrap_or_default());
        refused.push(
            Error::new(
                ErrorKind::Symlink,
                shown,
                "this symbolic link leads outside the site folder, so Hearth will not read it",
            )
            .with_help("copy the file into the site instead of linking to it"),
        );
    }
    inside
}

fn walk_error(error: &walkdir::Error, content: &Path) -> Error {
    let path = error.path().unwrap_or(content);
    let shown = Path::new(CONTENT_DIR).join(files::relative(path, content).unwrap_or_default());
    if error.loop_ancestor().is_some() {
        return Error::new(
            ErrorKind::Symlink,
            shown,
            "this symbolic link makes a loop in the content folder",
        );
    }
    Error::new(
        ErrorKind::Io,
        shown,
        format!("could not read this: {error}"),
    )
}
