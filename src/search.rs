//! `search`: the built site's HTML pages -> a full-text search index, in memory.
//!
//! Runs after [`crate::render::render`], on its output. Every content page
//! goes through Pagefind's in-process API, which returns its search bundle
//! as files: the browser script `pagefind.js`, the entry file
//! `pagefind-entry.json`, the index chunks, the per-page fragments, the
//! filter indexes, the WebAssembly search engine and Pagefind's own UI
//! bundles. They become [`OutputFile`]s under `pagefind/`, so `build` writes
//! them like any other file and nothing is loaded from another host.
//!
//! The theme decides what is indexed: Pagefind indexes the element marked
//! `data-pagefind-body` and reads the `data-pagefind-filter` and
//! `data-pagefind-meta` attributes (kind, audiences, topics, title). Pages
//! that are not content (the 404 page, redirects of old addresses, the
//! course print views) are never handed to Pagefind at all.
//!
//! Result URLs are stored with the site's base path already in them, so the
//! search script sets Pagefind's `baseUrl` to `/`.

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

/// One page to index: where it is in the output, its URL and its HTML.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Document {
    path: String,
    url: String,
    html: String,
}

/// Indexes every built content page and returns the search bundle's files,
/// each under `pagefind/`, sorted by path. `base_path` is the site's base
/// path (`/` or `/compassionate-city/`), put in front of every result URL.
pub fn index(files: &[OutputFile], base_path: &str) -> Result<Vec<OutputFile>, Error> {
    let documents = documents(files, base_path);
    check_working_directory()?;
    let runtime = runtime()?;
    catch_unwind(AssertUnwindSafe(|| runtime.block_on(bundle(documents)))).unwrap_or_else(|_| {
        Err(pagefind_error(
            "Pagefind stopped unexpectedly while building the search index",
        ))
    })
}

/// The pages worth searching, in path order so the index is the same every build.
fn documents(files: &[OutputFile], base_path: &str) -> Vec<Document> {
    let mut documents: Vec<Document> = files
        .iter()
        .filter(|file| is_page_path(&file.path))
        .filter_map(|file| match &file.contents {
            Contents::Bytes(bytes) => std::str::from_utf8(bytes).ok().map(|html| (file, html)),
            Contents::Embedded(_) | Contents::Copy(_) => None,
        })
        .filter(|(_, html)| !is_redirect(html))
        .map(|(file, html)| Document {
            path: file.path.clone(),
            url: url(base_path, &file.path),
            html: html.to_string(),
        })
        .collect();
    documents.sort_by(|a, b| a.path.cmp(&b.path));
    documents
}

/// Whether an output path is an HTML page that may hold content: not the
/// 404 page, not a course's print view, not a file of the bundle itself.
fn is_page_path(path: &str) -> bool {
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

/// Feeds the documents to Pagefind and collects its bundle.
async fn bundle(documents: Vec<Document>) -> Result<Vec<OutputFile>, Error> {
    let config = PagefindServiceConfig::builder()
        .exclude_selectors(EXCLUDED.iter().map(|s| s.to_string()).collect())
        .build();
    let mut index = PagefindIndex::new(Some(config))
        .map_err(|error| pagefind_error(format!("cannot start Pagefind: {error}")))?;
    for document in documents {
        let Document { path, url, html } = document;
        index
            .add_html_file(None, Some(url), html)
            .await
            .map_err(|error| {
                Error::new(
                    ErrorKind::Io,
                    &path,
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
