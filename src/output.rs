//! The output of a build: the files of the built site, in memory.
//!
//! `render` makes [`OutputFile`]s, `search` adds its bundle to them, and
//! `build` writes them to disk (through a [`Sink`], as each is made) while
//! the preview server serves them from memory: the same files either way.

use std::path::PathBuf;

use crate::error::Error;

/// One file of the built site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// Path under the output folder, with `/` separators.
    pub path: String,
    /// Its bytes.
    pub contents: Contents,
}

/// Where an output file's bytes are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Contents {
    /// Made by the build.
    Bytes(Vec<u8>),
    /// Compiled into the binary (the default theme's files).
    Embedded(&'static [u8]),
    /// A file to copy.
    Copy(PathBuf),
    /// A read-only file of Hearth's image cache: hard-linked into the
    /// output where it can be, else copied (see `files::link_or_copy`).
    Cached(CacheFile),
}

/// A file of Hearth's image cache.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CacheFile {
    /// Where it is.
    pub path: PathBuf,
    /// Its inode number, as the cache last saw it (0 where not known): a
    /// file of the last output with the same number is a link to it, and
    /// need not be linked again (see `build`).
    pub inode: u64,
}

impl Contents {
    /// The bytes, reading a copied file from disk.
    pub fn read(&self) -> std::io::Result<std::borrow::Cow<'_, [u8]>> {
        match self {
            Contents::Bytes(bytes) => Ok(bytes.as_slice().into()),
            Contents::Embedded(bytes) => Ok((*bytes).into()),
            Contents::Copy(path) | Contents::Cached(CacheFile { path, .. }) => {
                std::fs::read(path).map(Into::into)
            }
        }
    }
}

/// The whole built site, in memory.
#[derive(Debug, Default)]
pub struct Output {
    /// Every file, sorted by path.
    pub files: Vec<OutputFile>,
    /// Number of content pages rendered.
    pub page_count: usize,
    /// Number of sections rendered.
    pub section_count: usize,
}

/// Takes each file as soon as it is rendered: `hearth build` writes it to
/// disk and returns `None`, so a large site is never held in memory whole.
pub type Sink = dyn Fn(OutputFile) -> Result<Option<OutputFile>, Error> + Sync + Send;

/// Hands one finished file on, as a [`Sink`] does, but may borrow: what
/// `render::render_with` takes, so that a session can wrap its sink.
pub type Hand<'h> = dyn Fn(OutputFile) -> Result<Option<OutputFile>, Error> + Sync + 'h;

/// What may stand in a URL path as it is: letters, digits, `-._~` and `/`
/// (RFC 3986's unreserved characters and the separator).
const PATH_AS_IS: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~')
    .remove(b'/');

/// An output path as a URL path: everything but [`PATH_AS_IS`]
/// percent-encoded, byte by byte of its UTF-8 (`our services/` is
/// `our%20services/`).
pub fn encode_path(path: &str) -> String {
    percent_encoding::utf8_percent_encode(path, PATH_AS_IS).to_string()
}
