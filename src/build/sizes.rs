//! The output's folder of image sizes ([`SIZES_DIR`]), carried over from
//! one build to the next.
//!
//! A site's photos are published at several sizes each: 1,600 files for
//! 200 photos. Linking each into every new output folder took longer than
//! the rest of a small site's build, so the build holds them back, and at
//! the end moves the last output's folder of sizes into the new output
//! whole (one rename), linking in only the sizes it lacks. A size already
//! there is the cache's own file when their inode numbers agree (two links
//! to one file, which the cache has checked is as it was made); any other
//! is linked again. Sizes the new build does not publish are removed only
//! once the new output is in place, so that until then the folder can go
//! back into the last output with every file it had.

use hashbrown::{HashMap, HashSet};
use std::ffi::{OsStr, OsString};
use std::path::Path;
use std::sync::Mutex;

use rayon::prelude::*;

use crate::error::Error;
use crate::files;
use crate::images::SIZES_DIR;
use crate::output::{CacheFile, Contents, OutputFile};

/// The sizes a build publishes, held back until its output is complete.
#[derive(Debug, Default)]
pub(super) struct Sizes {
    /// File name in [`SIZES_DIR`], and the cached file.
    held: Mutex<Vec<(String, CacheFile)>>,
}

/// What [`Sizes::carry`] did, to finish or undo once the output is swapped.
#[derive(Debug)]
pub(super) struct Carried {
    /// Whether the last output's folder was moved into the new output.
    moved: bool,
    /// Entries of the folder the new build does not publish, and whether
    /// each is a folder.
    stale: Vec<(OsString, bool)>,
    /// Whether the new build publishes no size at all.
    is_unused: bool,
}

impl Sizes {
    /// Holds `file` back if it is a size in [`SIZES_DIR`]; else gives it back.
    pub fn hold(&self, file: OutputFile) -> Option<OutputFile> {
        let Some(name) = size_name(&file) else {
            return Some(file);
        };
        let name = name.to_string();
        let Contents::Cached(cached) = file.contents else {
            return Some(file);
        };
        let mut held = self.held.lock().unwrap_or_else(|e| e.into_inner());
        held.push((name, cached));
        None
    }

    /// Puts the sizes held back into the output folder `new`, first moving
    /// in the folder of the last output `old` where it has one. On an
    /// error the moved folder goes back into `old`.
    pub fn carry(&self, old: &Path, new: &Path) -> Result<Carried, Error> {
        let held = std::mem::take(&mut *self.held.lock().unwrap_or_else(|e| e.into_inner()));
        let from = old.join(SIZES_DIR);
        let to = new.join(SIZES_DIR);
        let is_folder = std::fs::symlink_metadata(&from).is_ok_and(|m| m.file_type().is_dir());
        let moved = is_folder && std::fs::rename(&from, &to).is_ok();
        match fill(&held, &to, moved) {
            Ok(stale) => Ok(Carried {
                moved,
                stale,
                is_unused: held.is_empty(),
            }),
            Err(error) => {
                if moved {
                    let _ = std::fs::rename(&to, &from);
                }
                Err(error)
            }
        }
    }
}

/// Whether `file` is one [`Sizes::hold`] holds back.
pub(super) fn is_size(file: &OutputFile) -> bool {
    size_name(file).is_some()
}

/// The name in [`SIZES_DIR`] of a cached file directly in it.
fn size_name(file: &OutputFile) -> Option<&str> {
    let name = crate::images::in_sizes_folder(&file.path)?;
    let is_size = matches!(file.contents, Contents::Cached(_)) && !name.contains('/');
    is_size.then_some(name)
}

impl Carried {
    /// Puts the moved folder from the output folder `new` back into `old`,
    /// when the new output could not be swapped in.
    pub fn undo(&self, new: &Path, old: &Path) {
        if self.moved {
            let _ = std::fs::rename(new.join(SIZES_DIR), old.join(SIZES_DIR));
        }
    }

    /// Removes what the new build does not publish from the folder of
    /// sizes of `output`, the new output now in place.
    pub fn finish(self, output: &Path) -> Result<(), Error> {
        let folder = output.join(SIZES_DIR);
        if self.moved && self.is_unused {
            return files::remove_dir_all(&folder);
        }
        let stale = self.stale.par_iter();
        stale.try_for_each(|(name, is_dir)| files::remove_entry(&folder.join(name), *is_dir))
    }
}

/// Links each of `held` into `folder` that is not there already (the
/// folder `moved` in from the last output, or else a new one), and returns
/// what the folder holds besides.
fn fill(
    held: &[(String, CacheFile)],
    folder: &Path,
    moved: bool,
) -> Result<Vec<(OsString, bool)>, Error> {
    let there = if moved {
        listing(folder)?
    } else {
        HashMap::new()
    };
    let is_same_disk = moved
        && held
            .first()
            .is_some_and(|(_, file)| same_disk(folder, &file.path));
    let is_there = |name: &str, file: &CacheFile| {
        let inode = there.get(OsStr::new(name)).map(|(inode, _)| *inode);
        is_same_disk && file.inode != 0 && inode == Some(file.inode)
    };
    let missing: Vec<&(String, CacheFile)> = held
        .iter()
        .filter(|(name, file)| !is_there(name, file))
        .collect();
    if !moved && !missing.is_empty() {
        files::create_dir_all(folder)?;
    }
    missing.par_iter().try_for_each(|(name, file)| {
        let target = folder.join(name);
        if there.contains_key(OsStr::new(name)) {
            files::remove_any(&target)?;
        }
        files::link_or_copy(&file.path, &target)
    })?;
    let published: HashSet<&OsStr> = held.iter().map(|(name, _)| OsStr::new(name)).collect();
    Ok(there
        .into_iter()
        .filter(|(name, _)| !published.contains(name.as_os_str()))
        .map(|(name, (_, is_dir))| (name, is_dir))
        .collect())
}

/// Each entry of `folder` with its inode number and whether it is a
/// folder, from the listing alone (no `stat` for each).
fn listing(folder: &Path) -> Result<HashMap<OsString, (u64, bool)>, Error> {
    let read = std::fs::read_dir(folder).map_err(|e| Error::io(folder, "read this folder", &e))?;
    let mut entries = HashMap::new();
    for item in read {
        let item = item.map_err(|e| Error::io(folder, "read this folder", &e))?;
        let is_dir = item.file_type().is_ok_and(|kind| kind.is_dir());
        entries.insert(item.file_name(), (inode(&item), is_dir));
    }
    Ok(entries)
}

#[cfg(unix)]
fn inode(item: &std::fs::DirEntry) -> u64 {
    std::os::unix::fs::DirEntryExt::ino(item)
}

#[cfg(not(unix))]
fn inode(_: &std::fs::DirEntry) -> u64 {
    0
}

/// Whether two paths are on one file system: only there do inode numbers
/// name the same file.
#[cfg(unix)]
fn same_disk(a: &Path, b: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    let device = |path: &Path| std::fs::metadata(path).map(|m| m.dev());
    matches!((device(a), device(b)), (Ok(a), Ok(b)) if a == b)
}

#[cfg(not(unix))]
fn same_disk(_: &Path, _: &Path) -> bool {
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::Contents;
    use std::path::PathBuf;

    fn size(path: &str, file: &Path) -> OutputFile {
        OutputFile {
            path: path.to_string(),
            contents: Contents::Cached(CacheFile {
                path: file.to_path_buf(),
                inode: 0,
            }),
        }
    }

    /// A last output in `dir` whose folder of sizes holds `a-1w.webp`, and
    /// an empty new one.
    fn outputs(dir: &Path) -> (PathBuf, PathBuf) {
        let (old, new) = (dir.join("old"), dir.join("new"));
        std::fs::create_dir_all(old.join(SIZES_DIR)).expect("the old sizes");
        std::fs::create_dir_all(&new).expect("the new output");
        std::fs::write(old.join(SIZES_DIR).join("a-1w.webp"), b"a").expect("a size");
        (old, new)
    }

    #[test]
    fn only_cached_files_directly_in_the_folder_are_held_back() {
        let sizes = Sizes::default();
        let file = PathBuf::from("cache/480w.webp");
        assert!(sizes.hold(size("_images/a-480w.webp", &file)).is_none());
        assert!(sizes
            .hold(size("_images/deeper/a-480w.webp", &file))
            .is_some());
        assert!(sizes.hold(size("_imagesx/a-480w.webp", &file)).is_some());
        assert!(sizes.hold(size("walk/a.jpg", &file)).is_some());
        let made = OutputFile {
            path: "_images/a.txt".to_string(),
            contents: Contents::Bytes(b"a".to_vec()),
        };
        assert!(sizes.hold(made).is_some());
    }

    /// A size that cannot be put in leaves the last output's folder where
    /// it was, with all it held.
    #[test]
    fn a_failure_puts_the_folder_back_into_the_last_output() {
        let dir = tempfile::tempdir().expect("a folder");
        let (old, new) = outputs(dir.path());
        let sizes = Sizes::default();
        assert!(sizes
            .hold(size("_images/b-1w.webp", &dir.path().join("missing")))
            .is_none());
        assert!(sizes.carry(&old, &new).is_err());
        let kept = std::fs::read(old.join(SIZES_DIR).join("a-1w.webp")).expect("still there");
        assert_eq!(kept, b"a");
        assert!(!new.join(SIZES_DIR).exists());
    }

    #[test]
    fn sizes_carried_over_are_finished_by_removing_the_unused() {
        let dir = tempfile::tempdir().expect("a folder");
        let (old, new) = outputs(dir.path());
        let cached = dir.path().join("b-1w.webp");
        std::fs::write(&cached, b"b").expect("a cached size");
        let sizes = Sizes::default();
        assert!(sizes.hold(size("_images/b-1w.webp", &cached)).is_none());
        let carried = sizes.carry(&old, &new).expect("carried");
        assert!(!old.join(SIZES_DIR).exists(), "moved");
        carried.finish(&new).expect("finished");
        let mut names: Vec<String> = std::fs::read_dir(new.join(SIZES_DIR))
            .expect("the new sizes")
            .map(|e| {
                e.expect("an entry")
                    .file_name()
                    .to_string_lossy()
                    .into_owned()
            })
            .collect();
        names.sort();
        assert_eq!(names, ["b-1w.webp"]);
    }
}
