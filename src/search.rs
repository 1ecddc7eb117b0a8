//! `search`: the built site's HTML pages -> a full-text search index, in memory.
//!
//! Runs after [`crate::render`]: on its output in memory ([`index`], for a
//! site held in memory such as the preview server's) or on the pages
//! already written out ([`index_from`], for `hearth build`, which streams
//! files to disk). The result is a bundle in Pagefind 1.6's format, so that
//! Pagefind's own browser script searches it: the script `pagefind.js`, its
//! worker and WebAssembly search engine, the entry file
//! `pagefind-entry.json`, the page metadata, the word index in chunks, one
//! fragment per page and the filter indexes. They become [`OutputFile`]s
//! under `pagefind/`, written like any other file, so nothing is loaded
//! from another host.
//!
//! Hearth builds the index itself rather than through the `pagefind`
//! crate's indexer, which reads one page at a time and compresses at the
//! slowest level. Here pages are read in path order on the calling thread
//! and each is handed to a worker, which splits it into text and words and
//! stems them (`tokenizer`, `html`, `words`, `page`) while the next pages
//! are read; then the index is merged, encoded and compressed in parallel
//! (`bundle`). Pages are read, and files written, as Pagefind 1.6 reads and
//! writes them: once decompressed, the files are Pagefind's byte for byte,
//! except that the word index is cut into chunks by size rather than by
//! number of words, so that a query seldom downloads a large chunk. Only
//! the browser side comes from the `pagefind` crate (`runtime`).
//!
//! The theme decides what is indexed: the element marked
//! `data-pagefind-body`, with the `data-pagefind-filter` and
//! `data-pagefind-meta` attributes (kind, audiences, topics, title). Pages
//! that are not content are left out: the 404 page and the course print
//! views by their paths, without being read, and redirects of old
//! addresses by their contents. Once one page has a `data-pagefind-body`,
//! pages without one are not indexed either (as Pagefind does), so they
//! are not split into words at all.
//!
//! Result URLs are stored with the site's base path already in them, so the
//! search script sets Pagefind's `baseUrl` to `/`.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex, OnceLock};
use std::time::Duration;

use serde::Serialize;

use crate::error::{Error, ErrorKind};
use crate::render::{Contents, OutputFile};

mod bundle;
mod cbor;
mod html;
mod page;
mod runtime;
mod tokenizer;
mod words;

/// The output folder of the search bundle, and the path errors are shown with.
pub const BUNDLE_DIR: &str = "pagefind";

/// Markup that Hearth adds to pages but that is no part of their text: the
/// `#` link beside each heading (made by `markdown`).
const EXCLUDED: &[&str] = &[".heading-anchor"];

/// How the word index is cut: into chunks of at most this many bytes of
/// CBOR before compression (about half of that after), so that a query
/// downloads little more than the page metadata. A word whose postings
/// are larger (`the` on a large site) is a chunk of its own: the browser
/// code reads each word from one chunk.
const CHUNKING: bundle::Chunking = bundle::Chunking::Bytes(32 * 1024);

/// The gzip level of the bundle's files: libdeflate's fastest, which
/// compresses within a few percent of the best level.
const COMPRESSION: u32 = 1;

/// At most this many bytes of pages are read ahead of the ones being
/// indexed.
const READ_AHEAD: usize = 32 * 1024 * 1024;

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
    let paths: Vec<String> = pages.keys().map(|path| path.to_string()).collect();
    let read = |path: &str| Ok(Cow::Borrowed(pages.get(path).copied().unwrap_or_default()));
    build(paths, read, base_path, CHUNKING)
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
    let paths: Vec<String> = paths.into_iter().filter(|p| is_indexable(p)).collect();
    build(
        paths,
        |path: &str| read(path).map(Cow::Owned),
        base_path,
        CHUNKING,
    )
}

/// Reads the pages in path order (which numbers them, so the bundle is the
/// same on every build), indexes them, and adds the browser files.
fn build<'a, R>(
    mut paths: Vec<String>,
    read: R,
    base_path: &str,
    chunking: bundle::Chunking,
) -> Result<Vec<OutputFile>, Error>
where
    R: FnMut(&str) -> Result<Cow<'a, [u8]>, Error>,
{
    paths.sort();
    paths.dedup();
    let (pages, texts) = read_pages(&paths, read, base_path)?;
    let bundle = bundle::build(pages, &texts, chunking, COMPRESSION);
    let languages: Vec<&str> = bundle
        .languages
        .iter()
        .map(|index| index.language.as_str())
        .collect();
    let (runtime, has_wasm) = runtime::files(&languages).map_err(pagefind_error)?;
    let entry = entry(&bundle.languages, &has_wasm)?;
    let mut files: Vec<OutputFile> = bundle
        .files
        .into_iter()
        .chain(runtime)
        .chain([("pagefind-entry.json".to_string(), entry)])
        .map(|(name, bytes)| OutputFile {
            path: format!("{BUNDLE_DIR}/{name}"),
            contents: Contents::Bytes(bytes),
        })
        .collect();
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}

/// The entry file: Pagefind's version, and each language's metadata file
/// and WebAssembly.
fn entry(
    languages: &[bundle::LanguageIndex],
    has_wasm: &BTreeMap<String, bool>,
) -> Result<Vec<u8>, Error> {
    #[derive(Serialize)]
    struct Entry<'a> {
        version: &'a str,
        languages: BTreeMap<&'a str, Language<'a>>,
        include_characters: &'a [char],
    }
    #[derive(Serialize)]
    struct Language<'a> {
        hash: &'a str,
        wasm: Option<&'a str>,
        page_count: usize,
    }
    let entry = Entry {
        version: bundle::PAGEFIND_VERSION,
        languages: languages
            .iter()
            .map(|index| {
                let language = index.language.as_str();
                let wasm = has_wasm.get(language).copied().unwrap_or_default();
                let entry = Language {
                    hash: &index.hash,
                    wasm: wasm.then_some(language),
                    page_count: index.page_count,
                };
                (language, entry)
            })
            .collect(),
        include_characters: &words::WORD_SYMBOLS,
    };
    serde_json::to_vec(&entry)
        .map_err(|error| pagefind_error(format!("cannot write the entry file: {error}")))
}

/// The texts of the pages' words, by shard and number.
type WordTexts = Vec<Vec<Arc<str>>>;

/// Reads the pages one by one on this thread, and hands each to a worker
/// to index while the next is read. Pages that are not UTF-8 or only
/// redirect are skipped, and so are pages without a `data-pagefind-body`
/// once a page with one is known (Pagefind would leave them out).
/// Returns the pages, and the texts of their words by shard and number.
fn read_pages<'a, R>(
    paths: &[String],
    mut read: R,
    base_path: &str,
) -> Result<(Vec<page::Page>, WordTexts), Error>
where
    R: FnMut(&str) -> Result<Cow<'a, [u8]>, Error>,
{
    let slots: Vec<OnceLock<Result<page::Page, String>>> =
        paths.iter().map(|_| OnceLock::new()).collect();
    let workers = Workers {
        interner: words::Interner::new(page::SHARDS),
        caches: Mutex::default(),
        gate: Gate::default(),
        has_body: AtomicBool::new(false),
        base_path,
    };
    // Pages without a body, kept until it is known whether any page has one.
    let mut without_body: Vec<(usize, Cow<'a, str>)> = Vec::new();
    let mut failed = None;
    rayon::in_place_scope(|scope| {
        for (i, path) in paths.iter().enumerate() {
            let bytes = match read(path) {
                Ok(bytes) => bytes,
                Err(error) => {
                    failed = Some(error);
                    break;
                }
            };
            let Some(html) = into_text(bytes) else {
                continue;
            };
            if is_redirect(&html) {
                continue;
            }
            let has_body = workers.has_body.load(Ordering::Relaxed);
            if has_body && !without_body.is_empty() {
                without_body = Vec::new();
            }
            if contains_ignoring_case(html.as_bytes(), b"data-pagefind-body") {
                workers.spawn(scope, &paths[i], html, &slots[i]);
            } else if !has_body {
                without_body.push((i, html));
            }
        }
    });
    if let Some(error) = failed {
        return Err(error);
    }
    if !workers.has_body.load(Ordering::Relaxed) && !without_body.is_empty() {
        // No page marks its body: every page is indexed whole.
        rayon::in_place_scope(|scope| {
            for (i, html) in without_body {
                workers.spawn(scope, &paths[i], html, &slots[i]);
            }
        });
    }
    let mut pages = Vec::with_capacity(paths.len());
    for (path, slot) in paths.iter().zip(slots) {
        match slot.into_inner() {
            None => {}
            Some(Ok(page)) => pages.push(page),
            Some(Err(error)) => {
                return Err(Error::new(
                    ErrorKind::Io,
                    path,
                    format!("this page could not be indexed for search: {error}"),
                )
                .with_help("check that the page is well-formed HTML"))
            }
        }
    }
    Ok((pages, workers.interner.into_texts()))
}

/// What the workers that index pages share.
struct Workers<'b> {
    /// Numbers the pages' words.
    interner: words::Interner,
    /// Stemming caches, one per worker at a time.
    caches: Mutex<Vec<page::Caches>>,
    gate: Gate,
    /// Whether a page with a `data-pagefind-body` was indexed.
    has_body: AtomicBool,
    base_path: &'b str,
}

impl Workers<'_> {
    /// Indexes a page (UTF-8) on a worker, into `slot`.
    fn spawn<'s, 'a: 's>(
        &'s self,
        scope: &rayon::Scope<'s>,
        path: &'s str,
        html: Cow<'a, str>,
        slot: &'s OnceLock<Result<page::Page, String>>,
    ) {
        self.gate.enter(html.len());
        scope.spawn(move |_| {
            let mut cache = self
                .caches
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .pop()
                .unwrap_or_default();
            let url = url(self.base_path, path);
            let interner = &self.interner;
            let gzip = |json: &[u8]| bundle::gzip(json, COMPRESSION);
            // A bug on one page is an error naming it, not a crash.
            let page = catch_unwind(AssertUnwindSafe(|| {
                page::read(&html, url, EXCLUDED, &mut cache, interner, gzip)
            }))
            .unwrap_or_else(|_| Err("the indexer stopped unexpectedly".to_string()));
            if page.as_ref().is_ok_and(|page| page.has_custom_body) {
                self.has_body.store(true, Ordering::Relaxed);
            }
            let _ = slot.set(page);
            self.caches
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .push(cache);
            self.gate.leave(html.len());
        });
    }
}

/// A page as text, `None` if it is not UTF-8.
fn into_text(bytes: Cow<'_, [u8]>) -> Option<Cow<'_, str>> {
    match bytes {
        Cow::Borrowed(bytes) => std::str::from_utf8(bytes).ok().map(Cow::Borrowed),
        Cow::Owned(bytes) => String::from_utf8(bytes).ok().map(Cow::Owned),
    }
}

/// Whether `needle` (lower case) is in `haystack`, in any case.
fn contains_ignoring_case(haystack: &[u8], needle: &[u8]) -> bool {
    let Some((&first, rest)) = needle.split_first() else {
        return true;
    };
    memchr::memchr2_iter(first, first.to_ascii_uppercase(), haystack).any(|at| {
        haystack
            .get(at + 1..at + needle.len())
            .is_some_and(|tail| tail.eq_ignore_ascii_case(rest))
    })
}

/// Holds back reading while too many bytes of pages wait to be indexed.
#[derive(Default)]
struct Gate {
    waiting: Mutex<usize>,
    left: Condvar,
}

impl Gate {
    fn enter(&self, bytes: usize) {
        let mut waiting = self.waiting.lock().unwrap_or_else(|e| e.into_inner());
        while *waiting > 0 && *waiting + bytes > READ_AHEAD {
            // On a worker thread, help with the waiting pages.
            if rayon::current_thread_index().is_some() {
                drop(waiting);
                if !matches!(rayon::yield_now(), Some(rayon::Yield::Executed)) {
                    std::thread::sleep(Duration::from_millis(1));
                }
                waiting = self.waiting.lock().unwrap_or_else(|e| e.into_inner());
            } else {
                waiting = self.left.wait(waiting).unwrap_or_else(|e| e.into_inner());
            }
        }
        *waiting += bytes;
    }

    fn leave(&self, bytes: usize) {
        let mut waiting = self.waiting.lock().unwrap_or_else(|e| e.into_inner());
        *waiting = waiting.saturating_sub(bytes);
        self.left.notify_all();
    }
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

/// An error of the indexing step as a whole.
fn pagefind_error(message: impl Into<String>) -> Error {
    Error::new(ErrorKind::Io, BUNDLE_DIR, message)
}

#[cfg(test)]
mod tests;
