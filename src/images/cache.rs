//! The image cache: every size made of an image, kept by content hash in
//! `ROOT/.hearth-cache/images/`, outside `content/` and the output, so that
//! an unchanged image costs nothing on the next build or in the preview.
//!
//! Each entry is a folder named for the hash of the image's bytes and the
//! version of the settings ([`super::make::VERSION`]); `entry.json` is
//! written last, so a folder without it (a build stopped half way) is made
//! again. Its files are read-only, since the output hard-links them, and
//! each file's size and time of change are in `entry.json`: a file changed
//! since (written into through a link) makes the entry be made again.
//! `stamps.bin` remembers each source file's size and time of
//! change with its hash, so an unchanged file is not even read, and
//! `entries.bin` holds the entries the last build used, so that a cached
//! build reads one file, not one `entry.json` per image (an entry missing
//! from it is read from its folder). Both are in postcard, a compact
//! binary form of the same values, which a build of 200 photos reads in a
//! fifth of the instructions JSON took; each is written again only when
//! what it holds changed. Entries no build used are removed at the end of each build.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::UNIX_EPOCH;

use hashbrown::{HashMap, HashSet};
use serde::{Deserialize, Serialize};
use sha1::{Digest as _, Sha1};

use image::ImageFormat;

use super::make::{self, Fallback, Made, Refusal};
use crate::output::CacheFile;

/// The cache folder under the site root.
pub const CACHE_DIR: &str = ".hearth-cache/images";

const ENTRY_FILE: &str = "entry.json";
const STAMPS_FILE: &str = "stamps.bin";
const ENTRIES_FILE: &str = "entries.bin";

/// What is known of a source file without reading it again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Stamp {
    len: u64,
    modified: u128,
    hash: String,
}

/// One size in an entry.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Size {
    /// File name in the entry's folder.
    pub name: String,
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// The file's length and time of change as made: a file changed since
    /// (written into through a hard link to it) is made again.
    #[serde(default)]
    pub stamp: (u64, u128),
    /// The file's inode number, as this build saw it (0 until then): see
    /// [`crate::output::CacheFile`].
    #[serde(skip)]
    pub inode: u64,
}

/// Two sizes are the same when they were made the same: the inode number
/// is only what one build saw.
impl PartialEq for Size {
    fn eq(&self, other: &Self) -> bool {
        (&self.name, self.width, self.height, self.stamp)
            == (&other.name, other.width, other.height, other.stamp)
    }
}

impl Eq for Size {}

/// What was made of one image: its sizes, or why there are none.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// The format the bytes are in (`jpeg`, `png`, `webp`).
    pub format: String,
    /// The fallback format.
    pub fallback: Fallback,
    /// WebP sizes, narrowest first.
    pub webp: Vec<Size>,
    /// Fallback sizes, narrowest first.
    pub sizes: Vec<Size>,
    /// The original size without metadata, when a page links to the file.
    pub original: Option<Size>,
    /// Why the image could not be made (message, help).
    pub refusal: Option<(String, String)>,
}

/// The cache of one site.
#[derive(Debug)]
pub struct Cache {
    /// The site's root folder, as given.
    root: PathBuf,
    dir: PathBuf,
    stamps: HashMap<String, Stamp>,
    fresh: Mutex<HashMap<String, Stamp>>,
    /// The entries the last build used, by key, as `entries.bin` has them.
    known: HashMap<String, Entry>,
    /// The keys of the entries this build used, each with its entry when
    /// `known` did not have it as it is (read from its folder, or made).
    used: Mutex<HashMap<String, Option<Entry>>>,
}

impl Cache {
    /// Opens the cache of the site at `root` (made on first write).
    pub fn open(root: &Path) -> Self {
        let dir = root.join(CACHE_DIR);
        let read = |name: &str| std::fs::read(dir.join(name)).unwrap_or_default();
        Cache {
            stamps: decoded(&read(STAMPS_FILE)),
            known: decoded(&read(ENTRIES_FILE)),
            dir,
            root: root.to_path_buf(),
            fresh: Mutex::new(HashMap::new()),
            used: Mutex::new(HashMap::new()),
        }
    }

    /// The key of a source file: the hash of its bytes and the settings,
    /// read again only when its size or time of change differ.
    pub fn key(&self, file: &Path) -> std::io::Result<String> {
        let meta = std::fs::metadata(file)?;
        let modified = meta
            .modified()
            .ok()
            .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
            .map_or(0, |d| d.as_nanos());
        // By its path in the site, so that the same site given as
        // `--root site` or from within keeps its stamps.
        let name = file.strip_prefix(&self.root).unwrap_or(file);
        let name = name.to_string_lossy().into_owned();
        let known = self
            .stamps
            .get(&name)
            .filter(|s| s.len == meta.len() && s.modified == modified);
        let hash = match known {
            Some(stamp) => stamp.hash.clone(),
            None => hash_file(file)?,
        };
        let stamp = Stamp {
            len: meta.len(),
            modified,
            hash: hash.clone(),
        };
        if let Ok(mut fresh) = self.fresh.lock() {
            fresh.insert(name, stamp);
        }
        Ok(hash)
    }

    /// The entry made for `key`, if there is a whole one whose files are
    /// as they were made.
    pub fn entry(&self, key: &str) -> Option<Entry> {
        let folder = self.dir.join(key);
        let (mut entry, is_known): (Entry, bool) = match self.known.get(key) {
            Some(entry) => (entry.clone(), true),
            None => {
                let bytes = std::fs::read(folder.join(ENTRY_FILE)).ok()?;
                (serde_json::from_slice(&bytes).ok()?, false)
            }
        };
        // A folder removed by hand, or a file written into through a link,
        // fails here: the entry is made again.
        let is_intact = is_intact(&folder, &mut entry);
        let is_whole = !entry.webp.is_empty() || entry.refusal.is_some() || folder.is_dir();
        if !(is_intact && is_whole) {
            return None;
        }
        self.note_used(key, (!is_known).then(|| entry.clone()));
        Some(entry)
    }

    /// Notes that this build used the entry of `key`, for `entries.bin`:
    /// `added` when the last build's `entries.bin` did not have it so.
    fn note_used(&self, key: &str, added: Option<Entry>) {
        if let Ok(mut used) = self.used.lock() {
            used.insert(key.to_string(), added);
        }
    }

    /// Where a file of an entry is.
    pub fn file(&self, key: &str, size: &Size) -> CacheFile {
        Self::file_in(&self.folder(key), size)
    }

    /// Where a file of the entry whose folder is `folder` is: for the sizes
    /// of one image, without making the folder's path again for each.
    pub fn file_in(folder: &Path, size: &Size) -> CacheFile {
        CacheFile {
            path: folder.join(&size.name),
            inode: size.inode,
        }
    }

    /// The folder of an entry.
    pub fn folder(&self, key: &str) -> PathBuf {
        self.dir.join(key)
    }

    /// Keeps what was made of an image under `key`, and returns its entry:
    /// its sizes; or why it has none, a refusal or a format (GIF) that is
    /// published as it is.
    pub fn store(
        &self,
        key: &str,
        made: Result<Made, Result<ImageFormat, Refusal>>,
    ) -> std::io::Result<Entry> {
        let folder = self.dir.join(key);
        let part = self.dir.join(format!("{key}.part{}", std::process::id()));
        if part.exists() {
            std::fs::remove_dir_all(&part)?;
        }
        std::fs::create_dir_all(&part)?;
        let entry = match made {
            Ok(made) => {
                for file in &made.files {
                    std::fs::write(part.join(&file.name), &file.bytes)?;
                }
                sealed(entry_of(&made), &part)?
            }
            Err(why) => Entry {
                format: why
                    .as_ref()
                    .map(|f| f.extensions_str()[0].to_string())
                    .unwrap_or_default(),
                fallback: Fallback::Jpeg,
                webp: Vec::new(),
                sizes: Vec::new(),
                original: None,
                refusal: why.err().map(|r| (r.message, r.help)),
            },
        };
        let json = serde_json::to_vec(&entry).map_err(std::io::Error::other)?;
        std::fs::write(part.join(ENTRY_FILE), json)?;
        if folder.exists() {
            std::fs::remove_dir_all(&folder)?;
        }
        std::fs::rename(&part, &folder)?;
        self.note_used(key, Some(entry.clone()));
        Ok(entry)
    }

    /// Removes every entry not in `kept`, and keeps the stamps of the
    /// files read in this build and the entries it used that are kept.
    pub fn prune(&self, kept: &HashSet<String>) -> std::io::Result<()> {
        let Ok(read) = std::fs::read_dir(&self.dir) else {
            return Ok(());
        };
        for item in read.flatten() {
            let name = item.file_name().to_string_lossy().into_owned();
            // The entry's type comes with it: no `stat` for each entry.
            let is_dir = item.file_type().is_ok_and(|kind| kind.is_dir());
            if is_dir && !kept.contains(&name) {
                std::fs::remove_dir_all(item.path())?;
            } else if !is_dir && name.ends_with(".json") {
                // The JSON forms of the two files, from before postcard.
                std::fs::remove_file(item.path())?;
            }
        }
        let fresh = self.fresh.lock().unwrap_or_else(|e| e.into_inner());
        if *fresh != self.stamps {
            self.write(STAMPS_FILE, fresh.iter())?;
        }
        let mut used = self.used.lock().unwrap_or_else(|e| e.into_inner());
        used.retain(|key, _| kept.contains(key));
        // Each key is once in `used`, and a key noted without an entry is
        // one `known` has: the same count and no new entry is the same map.
        let is_same = used.len() == self.known.len()
            && used
                .iter()
                .all(|(key, added)| added.is_none() || added.as_ref() == self.known.get(key));
        if !is_same {
            let entries = used.iter().filter_map(|(key, added)| {
                Some((key, added.as_ref().or_else(|| self.known.get(key))?))
            });
            self.write(ENTRIES_FILE, entries)?;
        }
        Ok(())
    }

    /// Writes the map of `pairs` to the file `name` (see
    /// [`crate::files::replace`]).
    fn write<'v, T: Serialize + 'v>(
        &self,
        name: &str,
        pairs: impl Iterator<Item = (&'v String, &'v T)>,
    ) -> std::io::Result<()> {
        // In the keys' order: the same values make the same bytes.
        let sorted: BTreeMap<&String, &T> = pairs.collect();
        let bytes = postcard::to_stdvec(&sorted).map_err(std::io::Error::other)?;
        crate::files::replace(&self.dir.join(name), &bytes)
    }
}

/// The value in postcard's `bytes`, or the default when they hold none.
fn decoded<T: serde::de::DeserializeOwned + Default>(bytes: &[u8]) -> T {
    postcard::from_bytes(bytes).unwrap_or_default()
}

/// Every file of an entry.
fn sizes_mut(entry: &mut Entry) -> impl Iterator<Item = &mut Size> {
    let all = entry.webp.iter_mut().chain(&mut entry.sizes);
    all.chain(&mut entry.original)
}

/// Whether every file of `entry` in `folder` is as it was made, noting
/// each one's inode number.
fn is_intact(folder: &Path, entry: &mut Entry) -> bool {
    sizes_mut(entry).all(|size| {
        let seen = stamp(&folder.join(&size.name));
        size.inode = seen.map_or(0, |(_, inode)| inode);
        seen.is_some_and(|(stamp, _)| stamp == size.stamp)
    })
}

/// A file's length and time of change, in nanoseconds, and its inode
/// number (0 where there is none).
fn stamp(file: &Path) -> Option<((u64, u128), u64)> {
    let meta = std::fs::metadata(file).ok()?;
    let modified = meta.modified().ok()?.duration_since(UNIX_EPOCH).ok()?;
    Some(((meta.len(), modified.as_nanos()), inode(&meta)))
}

#[cfg(unix)]
fn inode(meta: &std::fs::Metadata) -> u64 {
    std::os::unix::fs::MetadataExt::ino(meta)
}

#[cfg(not(unix))]
fn inode(_: &std::fs::Metadata) -> u64 {
    0
}

/// The entry with each file's stamp, its files in `folder` made read-only:
/// the output may hard-link them, and nothing may write into them.
fn sealed(mut entry: Entry, folder: &Path) -> std::io::Result<Entry> {
    for size in sizes_mut(&mut entry) {
        let file = folder.join(&size.name);
        if cfg!(unix) {
            let mut permissions = std::fs::metadata(&file)?.permissions();
            permissions.set_readonly(true);
            std::fs::set_permissions(&file, permissions)?;
        }
        let seen = stamp(&file).ok_or_else(|| std::io::Error::other("no time of change"))?;
        (size.stamp, size.inode) = seen;
    }
    Ok(entry)
}

fn entry_of(made: &Made) -> Entry {
    let size = |file: &make::Encoded| Size {
        name: file.name.clone(),
        width: file.width,
        height: file.height,
        stamp: (0, 0),
        inode: 0,
    };
    let is_webp = |file: &&make::Encoded| file.name.ends_with(".webp");
    let is_original = |file: &&make::Encoded| file.name.starts_with("original.");
    Entry {
        format: made.format.extensions_str()[0].to_string(),
        fallback: made.fallback,
        webp: made.files.iter().filter(is_webp).map(size).collect(),
        sizes: made
            .files
            .iter()
            .filter(|f| !is_webp(f) && !is_original(f))
            .map(size)
            .collect(),
        original: made.files.iter().find(is_original).map(size),
        refusal: None,
    }
}

/// The hash of a file's bytes and the settings, in hex; read in pieces,
/// so a large file is never in memory whole.
fn hash_file(file: &Path) -> std::io::Result<String> {
    let mut hasher = Sha1::new();
    hasher.update(make::VERSION.as_bytes());
    let mut reader = std::fs::File::open(file)?;
    let mut buffer = vec![0; 64 * 1024];
    loop {
        let read = reader.read(&mut buffer)?;
        if read == 0 {
            break;
        }
        hasher.update(&buffer[..read]);
    }
    Ok(hasher
        .finalize()
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect())
}
