//! The browser side of the bundle, taken from the `pagefind` crate so that
//! it always matches the index format: `pagefind.js`, its worker, the
//! highlight script and the WebAssembly search engine (a generic one, and
//! one per language with a stemmer). Pagefind's UI bundles are left out:
//! the theme has its own search page.
//!
//! The crate only hands these out with an index, so a one-word page is
//! indexed for each language and everything but the runtime is dropped.
//! That happens once per language per process.

use std::collections::BTreeMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::{Arc, Mutex, OnceLock};

use pagefind::api::PagefindIndex;
use pagefind::options::PagefindServiceConfig;

/// The runtime files every bundle has.
const COMMON: &[&str] = &[
    "pagefind.js",
    "pagefind-worker.js",
    "pagefind-highlight.js",
    "wasm.unknown.pagefind",
];

/// A file: its name in the bundle's folder, and bytes.
type File = (String, Vec<u8>);

#[derive(Default)]
struct Cache {
    common: Option<Arc<Vec<File>>>,
    /// Per language: its WebAssembly file, if Pagefind has a stemmer for it.
    wasm: BTreeMap<String, Option<Arc<Vec<u8>>>>,
}

fn cache() -> &'static Mutex<Cache> {
    static CACHE: OnceLock<Mutex<Cache>> = OnceLock::new();
    CACHE.get_or_init(Mutex::default)
}

/// The runtime files for a bundle of `languages` (as named in the entry
/// file), and for each language whether it has its own WebAssembly file.
pub(super) fn files(languages: &[&str]) -> Result<(Vec<File>, BTreeMap<String, bool>), String> {
    let mut cache = cache().lock().unwrap_or_else(|e| e.into_inner());
    let missing: Vec<&str> = languages
        .iter()
        .copied()
        .filter(|language| *language != "unknown" && !cache.wasm.contains_key(*language))
        .collect();
    if cache.common.is_none() && missing.is_empty() {
        fetch(&mut cache, None)?;
    }
    for language in missing {
        fetch(&mut cache, Some(language))?;
    }
    let mut files: Vec<File> = cache
        .common
        .as_deref()
        .map(|common| common.to_vec())
        .unwrap_or_default();
    let mut has_wasm = BTreeMap::new();
    for &language in languages {
        let wasm = cache.wasm.get(language).cloned().flatten();
        has_wasm.insert(language.to_string(), wasm.is_some());
        if let Some(wasm) = wasm {
            files.push((format!("wasm.{language}.pagefind"), wasm.to_vec()));
        }
    }
    Ok((files, has_wasm))
}

/// Indexes a one-word page in `language` and keeps the runtime files.
fn fetch(cache: &mut Cache, language: Option<&str>) -> Result<(), String> {
    let mut common = Vec::new();
    let mut wasm = None;
    for (name, contents) in index_one_page(language)? {
        if COMMON.contains(&name.as_str()) {
            common.push((name, contents));
        } else if language.is_some_and(|language| name == format!("wasm.{language}.pagefind")) {
            wasm = Some(Arc::new(contents));
        }
    }
    if common.len() != COMMON.len() {
        return Err("Pagefind did not give its browser scripts".to_string());
    }
    common.sort();
    cache.common.get_or_insert_with(|| Arc::new(common));
    if let Some(language) = language {
        cache.wasm.insert(language.to_string(), wasm);
    }
    Ok(())
}

/// Every file of the bundle Pagefind's own indexer makes of a one-word
/// page in `language` (or the language it finds), by name.
fn index_one_page(language: Option<&str>) -> Result<Vec<File>, String> {
    std::env::current_dir().map_err(|error| {
        format!("the search index cannot be built without a working directory: {error}")
    })?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .map_err(|error| format!("cannot start the indexing runtime: {error}"))?;
    let config = match language {
        Some(language) => PagefindServiceConfig::builder()
            .force_language(language.to_string())
            .build(),
        None => PagefindServiceConfig::builder().build(),
    };
    catch_unwind(AssertUnwindSafe(|| {
        runtime.block_on(one_page_files(config))
    }))
    .unwrap_or_else(|_| Err("Pagefind stopped unexpectedly".to_string()))
}

/// The files Pagefind makes of a one-word page, by name.
async fn one_page_files(config: PagefindServiceConfig) -> Result<Vec<File>, String> {
    let mut index = PagefindIndex::new(Some(config))
        .map_err(|error| format!("cannot start Pagefind: {error}"))?;
    let page = "<html><body><p>search</p></body></html>".into();
    index
        .add_html_file(None, Some("/".into()), page)
        .await
        .map_err(|error| format!("Pagefind could not index a page: {error}"))?;
    let files = index
        .get_files()
        .await
        .map_err(|error| format!("Pagefind could not build its files: {error}"))?;
    let named = files.into_iter().map(|file| {
        let name = file.filename.to_string_lossy().replace('\\', "/");
        (name.trim_start_matches('/').to_string(), file.contents)
    });
    Ok(named.collect())
}
