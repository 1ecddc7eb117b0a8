//! One file to a path. Every file a render makes passes through
//! [`Ledger::enter`] on its way out, so that two files at one path (a static
//! file where a page is published, a file beside a page copied where a
//! static file goes) are an error naming both, rather than a race that the
//! last writer wins. So is a file where another file needs a folder.
//!
//! The one file a site may replace on purpose, `robots.txt`, never gets
//! here twice: the build leaves its own out when the theme or the site has
//! one (see [`super::render_with`]).

use std::path::{Path, PathBuf};
use std::sync::Mutex;

// foldhash, not SipHash: a site of 10,000 pages, or of 200 photos at 1,600
// sizes, hashes each output path and its folders several times here.
use hashbrown::HashMap;

use super::{CacheFile, Contents, OutputFile};
use crate::content::Site;
use crate::error::{Error, ErrorKind};
use crate::files::shown_from;
use crate::images::{is_size_path, SIZES_DIR};

/// The paths written so far in one render, and what wrote each.
pub struct Ledger<'a> {
    site: &'a Site,
    entries: Mutex<Entries>,
}

#[derive(Default)]
struct Entries {
    /// Output path -> what is written there.
    files: HashMap<String, Origin>,
    /// Folder path (no trailing `/`) -> one file written inside it.
    folders: HashMap<String, String>,
}

/// Where an output file comes from, as far as errors need to say.
#[derive(Clone)]
enum Origin {
    /// Copied from a file on disk: a static file or a file beside a page.
    /// Named as errors show it only when there is one: thousands of image
    /// sizes pass through here on a site with many photos.
    Copied(PathBuf),
    /// A built-in theme's static file.
    Embedded,
    /// Made by the build: a page, a feed, the index.
    Made,
}

impl Origin {
    /// Which of two files an error should be placed on, lowest first: a
    /// static file, then a file copied from beside a page, then a built-in
    /// theme's file, then a made one (at the content file behind it).
    fn rank(&self, root: &Path) -> u8 {
        match self {
            Origin::Copied(from) if !shown_from(root, from).starts_with("content/") => 0,
            Origin::Copied(_) => 1,
            Origin::Embedded => 2,
            Origin::Made => 3,
        }
    }
}

impl<'a> Ledger<'a> {
    pub fn new(site: &'a Site) -> Self {
        Ledger {
            site,
            entries: Mutex::default(),
        }
    }

    /// Records `file` and says whether to write it, or says why it cannot
    /// be. A second page at an address already reported as taken twice
    /// (two content files, or one where Hearth makes a page) is left out
    /// without a second error.
    pub fn enter(&self, file: &OutputFile) -> Result<bool, Error> {
        let origin = self.origin(file);
        if is_in_sizes_folder(file) {
            return Err(self.sizes_folder_taken(&file.path, &origin));
        }
        let mut entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(first) = entries.files.get(&file.path) {
            let page = file.path.strip_suffix("index.html");
            let is_reported = matches!((first, &origin), (Origin::Made, Origin::Made))
                && page.is_some_and(|page| self.site.contested.contains(page));
            if is_reported {
                return Ok(false);
            }
            return Err(self.clash(&file.path, first, &origin));
        }
        if let Some(inside) = entries.folders.get(&file.path) {
            let inside_origin = entries.files[inside].clone();
            return Err(self.folder_clash(&file.path, &origin, inside, &inside_origin));
        }
        let folders: Vec<&str> = ancestors(&file.path).collect();
        for folder in &folders {
            if let Some(blocker) = entries.files.get(*folder) {
                return Err(self.folder_clash(folder, blocker, &file.path, &origin));
            }
        }
        for folder in folders {
            claim(&mut entries.folders, folder, &file.path);
        }
        entries.files.insert(file.path.clone(), origin);
        Ok(true)
    }

    fn origin(&self, file: &OutputFile) -> Origin {
        match &file.contents {
            Contents::Copy(from) | Contents::Cached(CacheFile { path: from, .. }) => {
                Origin::Copied(from.clone())
            }
            Contents::Embedded(_) => Origin::Embedded,
            Contents::Bytes(_) => Origin::Made,
        }
    }

    /// Two files at `path`: the error goes to the one to move, a static
    /// file first (see [`Origin::rank`]).
    fn clash(&self, path: &str, first: &Origin, second: &Origin) -> Error {
        let url = self.site.url(path);
        let root = &self.site.config.root;
        let (at, other) = if second.rank(root) < first.rank(root) {
            (second, first)
        } else {
            (first, second)
        };
        let message = format!(
            "this would be published at {url}, where {} is published too",
            self.describe(path, other)
        );
        self.error_at(path, at, message)
            .with_help("move or rename one of the two: only one file can be published there")
    }

    /// `file` written at `folder`, where `inside` needs a folder. The
    /// error goes to the one to move, as in [`Self::clash`].
    fn folder_clash(
        &self,
        folder: &str,
        file: &Origin,
        inside: &str,
        inside_origin: &Origin,
    ) -> Error {
        let message = format!(
            "{} would be both a file, {}, and a folder holding {}",
            self.site.url(folder),
            self.describe(folder, file),
            self.describe(inside, inside_origin)
        );
        let root = &self.site.config.root;
        let (path, origin) = if inside_origin.rank(root) < file.rank(root) {
            (inside, inside_origin)
        } else {
            (folder, file)
        };
        self.error_at(path, origin, message)
            .with_help("rename one of the two, for example by giving the file an extension")
    }

    /// What is published at `path`, in words for a message.
    fn describe(&self, path: &str, origin: &Origin) -> String {
        match origin {
            Origin::Copied(from) => shown_from(&self.site.config.root, from),
            Origin::Embedded => format!("the built-in theme's {path}"),
            Origin::Made => match self.owner(path) {
                Some(owner) if crate::files::is_markdown(owner) => {
                    format!("the page made from {owner}")
                }
                Some(owner) => owner.to_string(),
                None => "a file Hearth makes".to_string(),
            },
        }
    }

    /// The error placed on the file behind `origin` at `path`.
    fn error_at(&self, path: &str, origin: &Origin, message: String) -> Error {
        let shown = match origin {
            Origin::Copied(from) => shown_from(&self.site.config.root, from),
            Origin::Embedded => format!("(built-in theme)/static/{path}"),
            Origin::Made => match self.owner(path) {
                Some(owner) if crate::files::is_markdown(owner) => owner.to_string(),
                _ => "content".to_string(),
            },
        };
        Error::new(ErrorKind::DuplicateUrl, shown, message)
    }

    /// A file of the site's own in the folder of image sizes.
    fn sizes_folder_taken(&self, path: &str, origin: &Origin) -> Error {
        let message = format!(
            "`{path}` would be published in `{SIZES_DIR}/`, the folder Hearth keeps for the sizes it makes of images"
        );
        self.error_at(path, origin, message)
            .with_help(format!("rename the folder `{SIZES_DIR}` to something else"))
    }

    /// What publishes the page whose `index.html` is at `path`.
    fn owner(&self, path: &str) -> Option<&str> {
        let page = path.strip_suffix("index.html")?;
        self.site.published.get(page).map(String::as_str)
    }
}

/// Whether `file` would go in [`SIZES_DIR`] without being one of its sizes.
fn is_in_sizes_folder(file: &OutputFile) -> bool {
    is_size_path(&file.path) && !matches!(file.contents, Contents::Cached(_))
}

/// The folders a path is in, nearest first: `a/b/c.html` gives `a/b`, `a`.
fn ancestors(path: &str) -> impl Iterator<Item = &str> {
    let mut rest = path;
    std::iter::from_fn(move || {
        let (folder, _) = rest.rsplit_once('/')?;
        rest = folder;
        Some(folder)
    })
}

/// Records that `path` needs `folder`, unless an earlier file needs it.
fn claim(folders: &mut HashMap<String, String>, folder: &str, path: &str) {
    // Looked up first: most files share their folder with one before them.
    if !folders.contains_key(folder) {
        folders.insert(folder.to_string(), path.to_string());
    }
}
