//! `search`: the built site's HTML pages -> a full-text search index, in memory.
//!
//! Works on [`crate::render`]'s output: page by page as each is rendered
//! ([`Indexer`], which `hearth build` feeds from its sink, so pages are
//! never read back from disk), on a site held in memory such as the
//! preview server's ([`index`]), or on pages already written out
//! ([`index_from`]). The result is a bundle in Pagefind 1.6's format, so
//! that Pagefind's own browser script searches it: the script
//! `pagefind.js`, its worker and WebAssembly search engine, the entry file
//! `pagefind-entry.json`, the page metadata, the word index in chunks, one
//! fragment per page and the filter indexes, with a `web.config` that lets
//! IIS serve their file types. They become [`OutputFile`]s
//! under `pagefind/`, written like any other file, so nothing is loaded
//! from another host.
//!
//! Hearth builds the index itself rather than through the `pagefind`
//! crate's indexer, which reads one page at a time and compresses at the
//! slowest level. Here each page is split into text and words and stemmed
//! on whichever thread hands it in (`tokenizer`, `html`, `words`, `page`);
//! at the end the pages are numbered by path, and the index is merged,
//! encoded and compressed in parallel (`bundle`). Pages are read, and files
//! written, as Pagefind 1.6 reads and writes them: once decompressed, the
//! files are Pagefind's byte for byte, except that the word index is cut
//! into chunks by size rather than by number of words, so that a query
//! seldom downloads a large chunk, and that the text of a few blocks
//! Pagefind runs together (`<dt>`, `<th>` and others: `html::READ_APART`)
//! is read apart, so that their words are found, and that a word of more
//! than 255 characters (pasted data) is shown in results but not indexed.
//! Only the browser side comes from the `pagefind` crate (`runtime`).
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

use std::collections::{BTreeMap, HashMap, HashSet};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use rayon::prelude::*;
use serde::Serialize;

use crate::error::{Error, ErrorKind};
use crate::output::{Contents, OutputFile};

mod bundle;
mod cbor;
mod html;
mod page;
pub mod plain;
mod runtime;
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

/// Indexes every built content page in `files` (a site built in memory)
/// and returns the search bundle's files, each under `pagefind/`, sorted by
/// path. `base_path` is the site's base path (`/` or `/compassionate-city/`),
/// put in front of every result URL.
pub fn index<'a>(
    files: impl IntoIterator<Item = &'a OutputFile>,
    base_path: &str,
) -> Result<Vec<OutputFile>, Error> {
    let files: Vec<&OutputFile> = files.into_iter().collect();
    let indexer = Indexer::new(base_path);
    files.par_iter().for_each(|file| indexer.add(file));
    indexer.finish()
}

/// Like [`index`], for a site already written out: `paths` are output
/// paths (in any order; those that are not [`is_indexable`] are left out)
/// and `read` gives a page's bytes. Pages are read in parallel, each
/// dropped once indexed, so they are never all in memory at once. A page
/// that cannot be read is an error (the first by path, if several).
pub fn index_from<R>(
    paths: impl IntoIterator<Item = String>,
    read: R,
    base_path: &str,
) -> Result<Vec<OutputFile>, Error>
where
    R: Fn(&str) -> Result<Vec<u8>, Error> + Sync,
{
    let mut paths: Vec<String> = paths.into_iter().filter(|p| is_indexable(p)).collect();
    paths.sort();
    paths.dedup();
    let indexer = Indexer::new(base_path);
    let failed = paths
        .par_iter()
        .map(|path| read(path).map(|bytes| indexer.add_page(path, &bytes)))
        .find_first(Result::is_err);
    if let Some(Err(error)) = failed {
        return Err(error);
    }
    indexer.finish()
}

/// Indexes pages one at a time, from any thread, as they are made:
/// `hearth build` hands it each page as it is rendered, so that pages are
/// split into words while other pages render, and never read back. Then
/// [`Indexer::finish`] merges them into the bundle.
///
/// The pages may come in any order: they are numbered by path at the end,
/// so the bundle is the same on every build.
pub struct Indexer {
    base_path: String,
    chunking: bundle::Chunking,
    /// Numbers the pages' words.
    interner: words::Interner,
    /// Stemming caches, one per worker at a time.
    caches: Mutex<Vec<page::Caches>>,
    /// The pages indexed so far, by output path.
    pages: Mutex<Vec<(String, Read)>>,
    /// Whether a page with a `data-pagefind-body` was indexed.
    has_body: AtomicBool,
}

impl Indexer {
    /// An indexer for a site under `base_path`.
    pub fn new(base_path: &str) -> Self {
        Indexer {
            base_path: base_path.to_string(),
            chunking: CHUNKING,
            interner: words::Interner::new(page::SHARDS),
            caches: Mutex::default(),
            pages: Mutex::default(),
            has_body: AtomicBool::new(false),
        }
    }

    /// Cuts the word index into chunks by `chunking` instead.
    #[cfg(test)]
    fn chunked(mut self, chunking: bundle::Chunking) -> Self {
        self.chunking = chunking;
        self
    }

    /// Takes one output file in: indexed if it is a content page, left out
    /// otherwise (static files, feeds, the 404 page).
    pub fn add(&self, file: &OutputFile) {
        if let Contents::Bytes(bytes) = &file.contents {
            self.add_page(&file.path, bytes);
        }
    }

    /// Takes in the page at output path `path`. Pages that are not UTF-8 or
    /// only redirect are left out, and so are pages without a
    /// `data-pagefind-body` once a page with one is known: Pagefind would
    /// leave them out. (Such a page met before is indexed, and dropped at
    /// the end.)
    pub fn add_page(&self, path: &str, bytes: &[u8]) {
        if !is_indexable(path) {
            return;
        }
        let may_have_body = contains_ignoring_case(bytes, b"data-pagefind-body");
        if !may_have_body && self.has_body.load(Ordering::Relaxed) {
            return;
        }
        let Some(page) = self.read(path, bytes) else {
            return;
        };
        if page.as_ref().is_ok_and(|page| page.has_custom_body) {
            self.has_body.store(true, Ordering::Relaxed);
        }
        self.pages
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push((path.to_string(), page));
    }

    /// Reads the page at output path `path`, which callers have found
    /// [`is_indexable`], into its index data, or `None` when it is no page
    /// to index: not UTF-8, or a redirect.
    fn read(&self, path: &str, bytes: &[u8]) -> Option<Read> {
        let html = std::str::from_utf8(bytes).ok()?;
        if is_redirect(html) {
            return None;
        }
        let mut cache = self
            .caches
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .pop()
            .unwrap_or_default();
        let url = url(&self.base_path, path);
        let gzip = |json: &[u8]| bundle::gzip(json, COMPRESSION);
        // A bug on one page is an error naming it, not a crash.
        let page = catch_unwind(AssertUnwindSafe(|| {
            page::read(html, url, EXCLUDED, &mut cache, &self.interner, gzip)
        }))
        .unwrap_or_else(|_| Err("the indexer stopped unexpectedly".to_string()));
        self.caches
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(cache);
        Some(page)
    }

    /// Merges the pages read into the bundle, with the browser files: the
    /// bundle's files under `pagefind/`, sorted by path. A page that could
    /// not be indexed is an error naming it.
    pub fn finish(self) -> Result<Vec<OutputFile>, Error> {
        let read = self.pages.into_inner().unwrap_or_else(|e| e.into_inner());
        let texts = self.interner.into_texts();
        bundle_files(read, &texts, self.chunking)
    }
}

/// A page read into its index data, or why it could not be.
type Read = Result<page::Page, String>;

/// The search index of a site built in memory, kept from build to build
/// (the preview server's): a page whose bytes are as they were is not read
/// again, so after an edit only the edited pages are read before the
/// bundle is made anew. The bundle is the one [`index`] makes of the same
/// files.
pub struct Cache {
    indexer: Indexer,
    /// Each HTML file met, by output path, with what reading it gave:
    /// `None` for a file that is no page to index (a redirect).
    pages: HashMap<String, (Arc<OutputFile>, Option<Read>)>,
}

impl Cache {
    /// An empty cache for a site under `base_path`.
    pub fn new(base_path: &str) -> Self {
        Cache {
            indexer: Indexer::new(base_path),
            pages: HashMap::new(),
        }
    }

    /// Whether the cache indexes for `base_path`.
    pub fn is_for(&self, base_path: &str) -> bool {
        self.indexer.base_path == base_path
    }

    /// The bundle of `files` (every file of the built site), reading only
    /// the pages that are new or changed since the last call.
    pub fn index<'a>(
        &mut self,
        files: impl IntoIterator<Item = &'a Arc<OutputFile>>,
    ) -> Result<Vec<OutputFile>, Error> {
        let files: Vec<&Arc<OutputFile>> = files
            .into_iter()
            .filter(|file| is_indexable(&file.path))
            .collect();
        let read = self.read_changed(&files);
        let kept: HashSet<&str> = files.iter().map(|f| f.path.as_str()).collect();
        self.pages.retain(|path, _| kept.contains(path.as_str()));
        for (path, file, page) in read {
            self.pages.insert(path, (file, page));
        }
        let pages = self
            .pages
            .iter()
            .filter_map(|(path, (_, page))| Some((path.clone(), page.clone()?)))
            .collect();
        bundle_files(pages, &self.indexer.interner.texts(), self.indexer.chunking)
    }

    /// Reads those of `files` that are new or changed, in parallel.
    fn read_changed(
        &self,
        files: &[&Arc<OutputFile>],
    ) -> Vec<(String, Arc<OutputFile>, Option<Read>)> {
        let is_current = |file: &Arc<OutputFile>| {
            self.pages
                .get(&file.path)
                .is_some_and(|(old, _)| Arc::ptr_eq(old, file) || **old == **file)
        };
        let stale: Vec<&Arc<OutputFile>> =
            files.iter().copied().filter(|f| !is_current(f)).collect();
        stale
            .par_iter()
            .map(|file| {
                let page = match &file.contents {
                    Contents::Bytes(bytes) => self.indexer.read(&file.path, bytes),
                    _ => None,
                };
                (file.path.clone(), Arc::clone(file), page)
            })
            .collect()
    }
}

/// Merges read pages into the bundle and adds the browser files: the
/// bundle's files, each under `pagefind/`, sorted by path. A page that
/// could not be indexed is an error naming it.
fn bundle_files(
    read: Vec<(String, Read)>,
    texts: &[Vec<Arc<str>>],
    chunking: bundle::Chunking,
) -> Result<Vec<OutputFile>, Error> {
    let mut watch = crate::timing::Stopwatch::start("search");
    let pages = indexed_pages(read)?;
    let bundle = bundle::build(pages, texts, chunking, COMPRESSION);
    watch.lap("bundle");
    let mut files: Vec<OutputFile> = with_browser_files(bundle)?
        .into_iter()
        .map(|(name, bytes)| OutputFile {
            path: format!("{BUNDLE_DIR}/{name}"),
            contents: Contents::Bytes(bytes),
        })
        .collect();
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}

/// The pages read, in path order, each once; or the first page (by path)
/// that could not be indexed, as an error naming it.
fn indexed_pages(mut read: Vec<(String, Read)>) -> Result<Vec<page::Page>, Error> {
    read.sort_by(|(a, _), (b, _)| a.cmp(b));
    read.dedup_by(|(a, _), (b, _)| a == b);
    read.into_iter()
        .map(|(path, page)| {
            page.map_err(|error| {
                Error::new(
                    ErrorKind::Io,
                    &path,
                    format!("this page could not be indexed for search: {error}"),
                )
                .with_help("check that the page is well-formed HTML")
            })
        })
        .collect()
}

/// The bundle's index files with the browser's, the entry file and the
/// `web.config`, by name.
fn with_browser_files(bundle: bundle::Bundle) -> Result<Vec<(String, Vec<u8>)>, Error> {
    let languages: Vec<&str> = bundle
        .languages
        .iter()
        .map(|index| index.language.as_str())
        .collect();
    let (runtime, has_wasm) = runtime::files(&languages).map_err(pagefind_error)?;
    let entry = entry(&bundle.languages, &has_wasm)?;
    let mut named: Vec<(String, Vec<u8>)> = bundle
        .files
        .into_iter()
        .chain(runtime)
        .chain([("pagefind-entry.json".to_string(), entry)])
        .collect();
    named.push(("web.config".to_string(), web_config(&named)));
    Ok(named)
}

/// File types of the bundle that web servers know: every other one needs
/// a type in [`web_config`].
const KNOWN_TYPES: [&str; 3] = ["js", "json", "css"];

/// An IIS configuration for the bundle's folder, which many councils'
/// servers run: IIS answers 404 for a file whose type it does not know,
/// which is every index file here. It gives each such extension of
/// `files` a type, in this folder only; other servers ignore the file.
/// Each is removed first, as a server that knows it already would
/// otherwise refuse a second mapping.
fn web_config(files: &[(String, Vec<u8>)]) -> Vec<u8> {
    let extensions: std::collections::BTreeSet<&str> = files
        .iter()
        .filter_map(|(name, _)| name.rsplit_once('.').map(|(_, extension)| extension))
        .filter(|extension| !KNOWN_TYPES.contains(extension))
        .collect();
    let mut maps = String::new();
    for extension in extensions {
        let mime = if extension == "pagefind" {
            "application/wasm"
        } else {
            "application/octet-stream"
        };
        maps.push_str(&format!(
            "      <remove fileExtension=\".{extension}\" />\n      <mimeMap fileExtension=\".{extension}\" mimeType=\"{mime}\" />\n"
        ));
    }
    format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n\
         <!-- Lets IIS serve the search index, whose file types it does not know. -->\n\
         <configuration>\n  <system.webServer>\n    <staticContent>\n{maps}    </staticContent>\n  </system.webServer>\n</configuration>\n"
    )
    .into_bytes()
}

/// The entry file's JSON.
#[derive(Serialize)]
struct Entry<'a> {
    version: &'a str,
    languages: BTreeMap<&'a str, EntryLanguage<'a>>,
    include_characters: &'a [char],
}

/// A language in the entry file: its metadata file's hash, its
/// WebAssembly's language, and its page count.
#[derive(Serialize)]
struct EntryLanguage<'a> {
    hash: &'a str,
    wasm: Option<&'a str>,
    page_count: usize,
}

/// The entry file: Pagefind's version, and each language's metadata file
/// and WebAssembly.
fn entry(
    languages: &[bundle::LanguageIndex],
    has_wasm: &BTreeMap<String, bool>,
) -> Result<Vec<u8>, Error> {
    let entry = Entry {
        version: bundle::PAGEFIND_VERSION,
        languages: languages
            .iter()
            .map(|index| entry_language(index, has_wasm))
            .collect(),
        include_characters: &words::WORD_SYMBOLS,
    };
    serde_json::to_vec(&entry)
        .map_err(|error| pagefind_error(format!("cannot write the entry file: {error}")))
}

/// A language's name and its entry.
fn entry_language<'a>(
    index: &'a bundle::LanguageIndex,
    has_wasm: &BTreeMap<String, bool>,
) -> (&'a str, EntryLanguage<'a>) {
    let language = index.language.as_str();
    let wasm = has_wasm.get(language).copied().unwrap_or_default();
    let entry = EntryLanguage {
        hash: &index.hash,
        wasm: wasm.then_some(language),
        page_count: index.page_count,
    };
    (language, entry)
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

/// Whether the output file at `path` may be a content page: an HTML file
/// that is not the 404 page, a course's print or instructor view or part
/// of the bundle.
/// Redirect pages are recognised later, by their contents.
pub fn is_indexable(path: &str) -> bool {
    let is_html = path.ends_with(".html");
    let is_print = ["print", "instructor"].iter().any(|view| {
        let file = format!("{view}/index.html");
        path == file || path.ends_with(&format!("/{file}"))
    });
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
    format!("{base}{}", crate::output::encode_path(folder))
}

/// An error of the indexing step as a whole.
fn pagefind_error(message: impl Into<String>) -> Error {
    Error::new(ErrorKind::Io, BUNDLE_DIR, message)
}

#[cfg(test)]
mod tests;
