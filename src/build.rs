//! The last stage: the atomic write of the pipeline's output.
//!
//! [`run`] drives a one-shot [`crate::pipeline`] session whose sink writes
//! each file as soon as it is rendered; [`write`] puts an in-memory result
//! on disk. Either way the files go into a temporary folder beside the
//! output, swapped in only when every file is written, so a failed or
//! interrupted build leaves the previous output exactly as it was. It never deletes a folder Hearth did
//! not make. The image sizes are the exception to writing every file
//! afresh: the last output's folder of them is carried over (see [`sizes`]).

mod sizes;

use std::path::{Path, PathBuf};
use std::sync::atomic::Ordering;
use std::sync::Arc;

use rayon::prelude::*;

use crate::error::{Diagnostics, Error, ErrorKind};
use crate::files;
use crate::output::{Contents, Output, OutputFile, Sink};
pub use crate::pipeline::{build_site, prepare, BuildOptions, Built, Prepared};
use crate::pipeline::{Change, Progress, Session};
use sizes::Sizes;

/// The file that marks a folder as Hearth's output.
pub const MARKER: &str = ".hearth-output";

/// What a finished build wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    /// Content pages rendered.
    pub pages: usize,
    /// Sections rendered.
    pub sections: usize,
    /// Files written.
    pub files: usize,
}

/// Builds the site and writes it to `output`, each file as soon as it is
/// rendered, into a staging folder that replaces `output` only when the
/// whole build succeeded. On any error the previous output is left as it
/// was and `None` is returned.
pub fn run(
    options: &BuildOptions,
    output: &Path,
    diagnostics: &mut Diagnostics,
) -> Option<Summary> {
    run_with_progress(options, output, Arc::default(), diagnostics)
}

/// [`run`], counting the files it writes in `progress`.
pub fn run_with_progress(
    options: &BuildOptions,
    output: &Path,
    progress: Arc<Progress>,
    diagnostics: &mut Diagnostics,
) -> Option<Summary> {
    if let Err(error) = check_output(&options.root, output) {
        diagnostics.push(error);
        return None;
    }
    let staging = diagnostics.take(Staging::open(output))?;
    let sink = writing_sink(&staging, Arc::clone(&progress));
    let mut session = Session::one_shot(options.clone(), sink, Arc::clone(&progress));
    let rebuild = session.rebuild(&[Change::Everything]);
    diagnostics.extend(rebuild.diagnostics.iter().cloned());
    if !rebuild.is_ok {
        staging.discard();
        return None;
    }
    diagnostics.take(staging.commit())?;
    Some(Summary {
        pages: rebuild.counts.0,
        sections: rebuild.counts.1,
        files: progress.done.load(Ordering::Relaxed),
    })
}

/// A sink that writes each file into `staging` as it comes (holding the
/// image sizes back), counting it in `progress`.
fn writing_sink(staging: &Staging, progress: Arc<Progress>) -> Box<Sink> {
    let folder = staging.temporary.clone();
    let sizes = Arc::clone(&staging.sizes);
    Box::new(move |file: OutputFile| {
        if let Some(file) = sizes.hold(file) {
            write_one(&folder, &file)?;
        }
        progress.done.fetch_add(1, Ordering::Relaxed);
        Ok(None)
    })
}

/// Checks that `output` is a folder Hearth may replace for the site at `root`.
pub(crate) fn check_output(root: &Path, output: &Path) -> Result<(), Error> {
    let root = absolute(root);
    let output = absolute(output);
    let Some(why) = why_not_output(&root, &output) else {
        return Ok(());
    };
    Err(Error::new(
        ErrorKind::UnsafeOutput,
        &output,
        format!("Hearth will not build into this folder: {why}"),
    )
    .with_help("choose another --output folder, such as public"))
}

/// Why Hearth may not replace `output` for the site at `root`, if it may
/// not (both absolute).
fn why_not_output(root: &Path, output: &Path) -> Option<String> {
    if output == root {
        return Some("it is the site folder itself".to_string());
    }
    if root.starts_with(output) {
        return Some("it contains the site folder".to_string());
    }
    for kept in ["content", "themes", "templates", "static"] {
        if output.starts_with(root.join(kept)) {
            return Some(format!("it is inside the site's {kept} folder"));
        }
    }
    if output.is_file() {
        return Some("it is a file".to_string());
    }
    let is_empty = output
        .read_dir()
        .map(|mut d| d.next().is_none())
        .unwrap_or(true);
    if output.is_dir() && !is_empty && !output.join(MARKER).is_file() {
        return Some("it holds files Hearth did not make".to_string());
    }
    None
}

fn absolute(path: &Path) -> PathBuf {
    if let Ok(canonical) = path.canonicalize() {
        return canonical;
    }
    let joined = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(path)
    };
    match (joined.parent(), joined.file_name()) {
        (Some(parent), Some(name)) => absolute(parent).join(name),
        _ => joined,
    }
}

/// Writes `output` to `folder`, replacing its previous contents atomically.
pub fn write(output: &Output, folder: &Path) -> Result<usize, Error> {
    let staging = Staging::open(folder)?;
    if let Err(error) = write_files(output, &staging) {
        staging.discard();
        return Err(error);
    }
    staging.commit()?;
    Ok(output.files.len())
}

/// A new output folder being written beside the old one, swapped in at the end.
struct Staging {
    folder: PathBuf,
    temporary: PathBuf,
    previous: PathBuf,
    /// The image sizes held back until the end.
    sizes: Arc<Sizes>,
}

impl Staging {
    /// Makes an empty, marked folder beside `folder`, clearing leftovers of
    /// interrupted builds (only ones Hearth made).
    fn open(folder: &Path) -> Result<Self, Error> {
        let folder = absolute(folder);
        let parent = folder.parent().unwrap_or(Path::new("/")).to_path_buf();
        let name = folder
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let staging = Staging {
            temporary: parent.join(format!(".{name}.hearth-new")),
            previous: parent.join(format!(".{name}.hearth-old")),
            folder,
            sizes: Arc::default(),
        };
        clear_own(&staging.temporary)?;
        clear_own(&staging.previous)?;
        files::create_dir_all(&staging.temporary)?;
        files::write(
            &staging.temporary.join(MARKER),
            b"Built by Hearth: this folder is replaced on every build.\n",
        )?;
        Ok(staging)
    }

    /// Throws the new folder away; the old one is untouched.
    fn discard(self) {
        let _ = files::remove_dir_all(&self.temporary);
    }

    /// Puts the image sizes in, swaps the new folder in and removes the
    /// old one.
    fn commit(self) -> Result<(), Error> {
        let carried = match self.sizes.carry(&self.folder, &self.temporary) {
            Ok(carried) => carried,
            Err(error) => {
                self.discard();
                return Err(error);
            }
        };
        if self.folder.exists() {
            if let Err(error) = files::rename(&self.folder, &self.previous) {
                carried.undo(&self.temporary, &self.folder);
                return Err(error);
            }
        }
        if let Err(error) = files::rename(&self.temporary, &self.folder) {
            if self.previous.exists() {
                carried.undo(&self.temporary, &self.previous);
                files::rename(&self.previous, &self.folder)?;
            }
            return Err(error);
        }
        carried.finish(&self.folder)?;
        remove_in_parallel(&self.previous)
    }
}

/// Writes one file under `folder`, creating its parent folders.
fn write_one(folder: &Path, file: &OutputFile) -> Result<(), Error> {
    let target = folder.join(&file.path);
    match &file.contents {
        Contents::Copy(from) => files::copy(from, &target),
        Contents::Cached(cached) => files::link_or_copy(&cached.path, &target),
        Contents::Bytes(bytes) => files::write(&target, bytes),
        Contents::Embedded(bytes) => files::write(&target, bytes),
    }
}

/// Removes a folder, its top-level entries in parallel: a large site's old
/// output is tens of thousands of files.
fn remove_in_parallel(folder: &Path) -> Result<(), Error> {
    let entries: Vec<PathBuf> = match std::fs::read_dir(folder) {
        Ok(entries) => entries.filter_map(|e| e.ok().map(|e| e.path())).collect(),
        Err(_) => return files::remove_dir_all(folder),
    };
    entries
        .par_iter()
        .try_for_each(|path| files::remove_any(path))?;
    files::remove_dir_all(folder)
}

/// Removes a leftover temporary folder, but only one Hearth made.
fn clear_own(folder: &Path) -> Result<(), Error> {
    if !folder.exists() {
        return Ok(());
    }
    if !folder.join(MARKER).is_file() {
        return Err(Error::new(
            ErrorKind::UnsafeOutput,
            folder,
            "this folder is in the way of the build, and Hearth did not make it",
        )
        .with_help("move or remove it"));
    }
    files::remove_dir_all(folder)
}

fn write_files(output: &Output, staging: &Staging) -> Result<(), Error> {
    output.files.par_iter().try_for_each(|file| {
        if sizes::is_size(file) {
            staging.sizes.hold(file.clone());
            return Ok(());
        }
        write_one(&staging.temporary, file)
    })
}
