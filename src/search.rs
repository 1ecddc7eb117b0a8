//! `search`: the built site's HTML pages -> a full-text search index, in memory.
//!
//! Runs after [`crate::render`]: on its output in memory ([`index`], for a
//! site held in memory such as the preview server's) or on the pages
//! already written out ([`index_from`], for `hearth build`, which streams
//! files to disk). Every content page goes, in path order, through
//! Pagefind's in-process API, which returns its search bundle as files: the
//! browser script `pagefind.js`, the entry file `pagefind-entry.json`, the
//! index chunks, the per-page fragments, the filter indexes, the WebAssembly
//! search engine and Pagefind's own UI bundles. They become [`OutputFile`]s
//! under `pagefind/`, written like any other file, so nothing is loaded
//! from another host.
//!
//! The theme decides what is indexed: Pagefind indexes the element marked
//! `data-pagefind-body` and reads the `data-pagefind-filter` and
//! `data-pagefind-meta` attributes (kind, audiences, topics, title). Pages
//! that are not content (the 404 page, redirects of old addresses, the
//! course print views) are never handed to Pagefind at all.
//!
//! Result URLs are stored with the site's base path already in them, so the
//! search script sets Pagefind's `baseUrl` to `/`.

use std::collections::BTreeMap;
use std::panic::{catch_unwind, AssertUnwindSafe};

use pagefind::api::{PagefindIndex, SyntheticFile};
use pagefind::options::PagefindServiceConfig;

use crate::error::{Error, ErrorKind};
use crate::render::{Contents, OutputFile};

/// The output folder of the search bundle, and the path errors are shown with.
pub const BUNDLE_DIR: &str = "pagefind";

/// Markup that Hearth adds to pages but that is no part of their text: the
/// `#` link beside each heading (made by `markdown`).
const EXCLUDED: &[&str] = &[".heading-anchor"];

/// Indexes every built content page in `files` (a site built in memory)
/// and returns the search bundle's files, each under `pagefind/`, sorted by
/// path. `base_path` is the site's base path (`/` or `/compassionate-city/`),
/// put in front of every result URL.
pub fn index<'a>(
    files: impl IntoIterator<Item = &'a OutputFile>,
    base_path: &str,
) -> Result<Vec<OutputFile>, Error> {
    let pages: BTreeMap<&str, &[u8]> = files
        .into_iter()
        .filter(|file| is_indexable(&file.path))
        .filter_map(|file| match &file.contents {
            Contents::Bytes(bytes) => Some((file.path.as_str(), bytes.as_slice())),
            // Static files are copied as they are: not pages of the site.
            Contents::Embedded(_) | Contents::Copy(_) => None,
        })
        .collect();
    let read = |path: &str| {
        Ok(pages
            .get(path)
            .map(|bytes| bytes.to_vec())
            .unwrap_or_default())
    };
    index_from(pages.keys().map(|path| path.to_string()), read, base_path)
}

/// Like [`index`], for a site already written out: `paths` are output
/// paths (in any order; those that are not [`is_indexable`] are left out)
/// and `read` gives a page's bytes when its turn comes, so the pages are
/// never all in memory at once.
pub fn index_from<R>(
    paths: impl IntoIterator<Item = String>,
    mut read: R,
    base_path: &str,
) -> Result<Vec<OutputFile>, Error>
where
    R: FnMut(&str) -> Result<Vec<u8>, Error>,
{
    let mut paths: Vec<String> = paths.into_iter().filter(|p| is_indexable(p)).collect();
    // Pagefind numbers pages in the order they come: sorted, the bundle is
    // the same on every build.
    paths.sort();
    paths.dedup();
    check_working_directory()?;
    let runtime = runtime()?;
    catch_unwind(AssertUnwindSafe(|| {
        runtime.block_on(bundle(&paths, &mut read, base_path))
    }))
    .unwrap_or_else(|_| {
        Err(pagefind_error(
            "Pagefind stopped unexpectedly while building the search index",
        ))
    })
}

/// Whether the output file at `path` may be a content page: an HTML file
/// that is not the 404 page, a course's print view or part of the bundle.
/// Redirect pages are recognised later, by their contents.
pub fn is_indexable(path: &str) -> bool {
    let is_html = path.ends_with(".html");
    let is_print = path == "print/index.html" || path.ends_with("/print/index.html");
    let is_bundle = path.starts_with(&format!("{BUNDLE_DIR}/"));
    is_html && !is_print && !is_bundle && path != "404.html"
}

/// Whether a page only sends readers elsewhere (an alias of a moved page).
fn is_redirect(html: &str) -> bool {
    html.contains("http-equiv=\"refresh\"")
}

/// The root-relative URL of an output file: `courses/x/index.html` under
/// `/sub/` is `/sub/courses/x/`.
fn url(base_path: &str, path: &str) -> String {
    let folder = if path == "index.html" {
        ""
    } else {
        path.strip_suffix("/index.html")
            .map(|folder| &path[..=folder.len()])
            .unwrap_or(path)
    };
    let base = if base_path.ends_with('/') {
        base_path.to_string()
    } else {
        format!("{base_path}/")
    };
    format!("{base}{}", encode_path(folder))
}

/// Percent-encodes what may not stand in a URL path as it is.
fn encode_path(path: &str) -> String {
    let mut encoded = String::with_capacity(path.len());
    for byte in path.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~/".contains(&byte) {
            encoded.push(char::from(byte));
        } else {
            encoded.push_str(&format!("%{byte:02X}"));
        }
    }
    encoded
}

/// Pagefind reads the working directory when it starts, and panics when
/// there is none (it was deleted under us): say so plainly instead.
fn check_working_directory() -> Result<(), Error> {
    std::env::current_dir().map(|_| ()).map_err(|error| {
        pagefind_error(format!(
            "the search index cannot be built without a working directory: {error}"
        ))
        .with_help("run hearth from a folder that exists")
    })
}

/// A small single-threaded runtime for Pagefind's async API; its parsing
/// runs on the runtime's blocking threads.
fn runtime() -> Result<tokio::runtime::Runtime, Error> {
    tokio::runtime::Builder::new_current_thread()
        .build()
        .map_err(|error| pagefind_error(format!("cannot start the indexing runtime: {error}")))
}

/// Feeds the pages to Pagefind, one at a time, and collects its bundle.
async fn bundle<R>(
    paths: &[String],
    read: &mut R,
    base_path: &str,
) -> Result<Vec<OutputFile>, Error>
where
    R: FnMut(&str) -> Result<Vec<u8>, Error>,
{
    let config = PagefindServiceConfig::builder()
        .exclude_selectors(EXCLUDED.iter().map(|s| s.to_string()).collect())
        .build();
    let mut index = PagefindIndex::new(Some(config))
        .map_err(|error| pagefind_error(format!("cannot start Pagefind: {error}")))?;
    for path in paths {
        let Ok(html) = String::from_utf8(read(path)?) else {
            continue;
        };
        if is_redirect(&html) {
            continue;
        }
        index
            .add_html_file(None, Some(url(base_path, path)), html)
            .await
            .map_err(|error| {
                Error::new(
                    ErrorKind::Io,
                    path,
                    format!("Pagefind could not index this page for search: {error}"),
                )
                .with_help("check that the page is well-formed HTML")
            })?;
    }
    let files = index.get_files().await.map_err(|error| {
        pagefind_error(format!(
            "Pagefind could not build the search index: {error}"
        ))
    })?;
    let mut files: Vec<OutputFile> = files.into_iter().map(output_file).collect();
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}

/// One file of Pagefind's bundle, placed under `pagefind/`.
fn output_file(file: SyntheticFile) -> OutputFile {
    let name = file.filename.to_string_lossy().replace('\\', "/");
    OutputFile {
        path: format!("{BUNDLE_DIR}/{}", name.trim_start_matches('/')),
        contents: Contents::Bytes(file.contents),
    }
}

/// An error of the indexing step as a whole.
fn pagefind_error(message: impl Into<String>) -> Error {
    Error::new(ErrorKind::Io, BUNDLE_DIR, message)
}

#[cfg(test)]
mod tests;
