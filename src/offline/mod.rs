//! `offline`: a built site -> a copy that works opened from disk
//! (`file://`), such as from a USB stick, with nothing needing a server.
//!
//! A stage after `render` (and `search`): it takes the rendered
//! [`Output`] and gives another. Every address of the site becomes a
//! relative one that names its file (`links`), module scripts become
//! classic ones, and the copy carries its own search: a script-loaded
//! index (`index`) and a small search engine in plain JavaScript
//! (`offline-search.js`), which the theme's search page uses in place of
//! Pagefind's, whose WebAssembly and fetched index a browser refuses to
//! load from disk. The Pagefind bundle and the server-only `_redirects`
//! are left out.
//!
//! A pack ([`Selection::Section`]) is one course (or any section) with the
//! files its pages use, the search page and the glossary: its pages' links to other pages of the site
//! become links to the online site, marked "(online)".

mod archive;
mod index;
mod links;
mod options;

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::build::{self, BuildOptions, Built};
use crate::content::Site;
use crate::error::{Diagnostics, Error, ErrorKind};
use crate::render::{CacheFile, Contents, Output, OutputFile};
pub(crate) use archive::write_zip;
use links::Links;
pub use options::{from_build_args, from_pack_args, is_file_url};

/// The offline search index, at the copy's root.
pub(crate) const INDEX_FILE: &str = "search-index.js";
/// The offline search engine, at the copy's root.
pub(crate) const ENGINE_FILE: &str = "offline-search.js";
const ENGINE: &[u8] = include_bytes!("offline-search.js");

/// Output files the copy leaves out: the Pagefind bundle (replaced by
/// the copy's own search) and a web host's redirect rules.
fn is_server_only(path: &str) -> bool {
    path.starts_with(&format!("{}/", crate::search::BUNDLE_DIR)) || path == "_redirects"
}

/// The pages every pack holds besides its course: search, and the
/// glossary its terms link to (and those of the course's language).
const ALWAYS_PACKED: &[&str] = &[SEARCH_PAGE, "glossary/index.html"];

/// The search page, which the offline index is for.
const SEARCH_PAGE: &str = "search/index.html";

/// What goes into the copy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Selection {
    /// The whole site.
    Whole,
    /// One section (a course) and the files its pages use, named by its
    /// folder under `content/` (`courses/01-first-steps`) or its address
    /// (`courses/first-steps`).
    Section(String),
}

/// What to make, and where to put it.
#[derive(Debug, Clone)]
pub struct OfflineOptions {
    /// The site to build.
    pub build: BuildOptions,
    /// The whole site or one course.
    pub selection: Selection,
    /// The folder to write the copy to, if any.
    pub output: Option<PathBuf>,
    /// The zip file to write the copy to, if any.
    pub zip: Option<PathBuf>,
}

/// An offline copy, in memory.
#[derive(Debug)]
pub(crate) struct Offline {
    /// Every file, sorted by path.
    pub files: Vec<OutputFile>,
    /// HTML pages in the copy.
    pub pages: usize,
    /// Bytes of the search index, all its parts.
    pub index_bytes: usize,
}

/// What [`run`] wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    /// HTML pages in the copy.
    pub pages: usize,
    /// Files in the copy.
    pub files: usize,
    /// Bytes of all files.
    pub bytes: u64,
    /// Bytes of the search index.
    pub index_bytes: usize,
}

/// Builds the site and writes its offline copy to the folder and the zip
/// file `options` name. `None` when the build or the writing failed; the
/// errors are in `diagnostics`.
pub fn run(options: &OfflineOptions, diagnostics: &mut Diagnostics) -> Option<Summary> {
    if let Some(folder) = &options.output {
        diagnostics.take(build::check_output(&options.build.root, folder))?;
    }
    let built = build::build_site(&options.build, diagnostics)?;
    let offline = diagnostics.take(make(&built, &options.selection))?;
    let bytes = diagnostics.take(total_bytes(&offline.files))?;
    let summary = Summary {
        pages: offline.pages,
        files: offline.files.len(),
        bytes,
        index_bytes: offline.index_bytes,
    };
    if let Some(zip) = &options.zip {
        diagnostics.take(write_zip(&offline.files, zip))?;
    }
    if let Some(folder) = &options.output {
        let output = Output {
            files: offline.files,
            ..Output::default()
        };
        diagnostics.take(build::write(&output, folder))?;
    }
    Some(summary)
}

/// Makes the offline copy of a site built in memory.
pub(crate) fn make(built: &Built, selection: &Selection) -> Result<Offline, Error> {
    let site = &built.site;
    let by_path = copied_files(&built.output.files);
    let paths: HashSet<String> = by_path.keys().map(|p| p.to_string()).collect();
    let section = match selection {
        Selection::Whole => None,
        Selection::Section(name) => Some(section_path(site, name)?),
    };
    let kept: Option<HashSet<String>> = section
        .as_ref()
        .map(|(prefix, _)| kept_pages(site, &paths, prefix));
    let links = Links::new(&site.config, &paths, kept.as_ref());
    let made = rewrite_selected(&links, &by_path)?;
    let mut files: Vec<OutputFile> = made.iter().map(|(file, _)| file.clone()).collect();
    // A site without a search page (`search: false`) gets no index.
    let has_search = site.config.search && paths.contains(SEARCH_PAGE);
    let index_bytes = if has_search {
        add_search(&made, &mut files)?
    } else {
        0
    };
    if let Some((prefix, title)) = &section {
        if !kept.as_ref().is_some_and(|k| k.contains("index.html")) {
            files.push(entry_page(site, prefix, title));
        }
    }
    Ok(Offline::new(files, index_bytes))
}

impl Offline {
    /// The copy of `files`, sorted by path, with `index_bytes` of index.
    fn new(mut files: Vec<OutputFile>, index_bytes: usize) -> Self {
        files.sort_by(|a, b| a.path.cmp(&b.path));
        let pages = files.iter().filter(|f| f.path.ends_with(".html")).count();
        Offline {
            files,
            pages,
            index_bytes,
        }
    }
}

/// The output files a copy may hold, by path: all but the server's.
fn copied_files(files: &[OutputFile]) -> BTreeMap<&str, &OutputFile> {
    files
        .iter()
        .filter(|file| !is_server_only(&file.path))
        .map(|file| (file.path.as_str(), file))
        .collect()
}

/// The files of the copy rewritten, each with the files it refers to:
/// every file, or in a pack the pages it keeps and the files they use.
fn rewrite_selected(
    links: &Links,
    by_path: &BTreeMap<&str, &OutputFile>,
) -> Result<Vec<(OutputFile, Vec<String>)>, Error> {
    let wanted: Vec<&OutputFile> = by_path
        .values()
        .filter(|file| match links.kept {
            None => true,
            Some(kept) => kept.contains(&file.path),
        })
        .copied()
        .collect();
    let mut made = rewrite_all(links, &wanted)?;
    if links.kept.is_some() {
        add_used_files(links, by_path, &mut made)?;
    }
    Ok(made)
}

/// The pages a packed section at `prefix` keeps: its own, and the pages
/// every copy has. A course in a further language (`cy/...`) takes that
/// language's search page and glossary too, which its pages link to.
fn kept_pages(site: &Site, paths: &HashSet<String>, prefix: &str) -> HashSet<String> {
    let language = site
        .config
        .languages
        .keys()
        .map(|code| format!("{code}/"))
        .find(|code| prefix.starts_with(code.as_str()));
    let always: Vec<String> = ALWAYS_PACKED
        .iter()
        .flat_map(|page| {
            std::iter::once(page.to_string())
                .chain(language.iter().map(move |code| format!("{code}{page}")))
        })
        .collect();
    paths
        .iter()
        .filter(|p| p.ends_with(".html") && (p.starts_with(prefix) || always.contains(p)))
        .cloned()
        .collect()
}

/// Adds the offline search index and its engine to `files`; gives the
/// index's size in bytes.
fn add_search(
    made: &[(OutputFile, Vec<String>)],
    files: &mut Vec<OutputFile>,
) -> Result<usize, Error> {
    let index = search_index(made)?;
    let size = index.iter().map(|(_, bytes)| bytes.len()).sum();
    files.extend(
        index
            .into_iter()
            .map(|(path, bytes)| bytes_file(&path, bytes)),
    );
    files.push(OutputFile {
        path: ENGINE_FILE.to_string(),
        contents: Contents::Embedded(ENGINE),
    });
    Ok(size)
}

/// The `search-index.js` of the pages among `made` that search reads,
/// and its parts.
fn search_index(made: &[(OutputFile, Vec<String>)]) -> Result<Vec<(String, Vec<u8>)>, Error> {
    let mut pages: Vec<(String, crate::search::plain::PlainPage)> = made
        .par_iter()
        .filter_map(|(file, _)| {
            let Contents::Bytes(bytes) = &file.contents else {
                return None;
            };
            let html = std::str::from_utf8(bytes).ok()?;
            index::read(&file.path, html).map(|page| (file.path.clone(), page))
        })
        .collect();
    pages.sort_by(|a, b| a.0.cmp(&b.0));
    index::files(&pages)
}

/// Each file rewritten for the copy, with the files it refers to.
fn rewrite_all(
    links: &Links,
    wanted: &[&OutputFile],
) -> Result<Vec<(OutputFile, Vec<String>)>, Error> {
    wanted.par_iter().map(|file| rewrite(links, file)).collect()
}

fn rewrite(links: &Links, file: &OutputFile) -> Result<(OutputFile, Vec<String>), Error> {
    let is_html = file.path.ends_with(".html");
    let is_css = file.path.ends_with(".css");
    if !is_html && !is_css {
        return Ok((file.clone(), Vec::new()));
    }
    let bytes = file
        .contents
        .read()
        .map_err(|error| Error::io(Path::new(&file.path), "read this file", &error))?;
    let Ok(text) = std::str::from_utf8(&bytes) else {
        return Ok((file.clone(), Vec::new()));
    };
    let rewritten = if is_html {
        links.rewrite_html(&file.path, text)
    } else {
        links.rewrite_css(&file.path, text)
    };
    let made = bytes_file(&file.path, rewritten.html.into_bytes());
    Ok((made, rewritten.refers_to))
}

/// Adds to a pack the files its pages use (styles, scripts, pictures,
/// downloads), and the files those use in turn.
fn add_used_files(
    links: &Links,
    by_path: &BTreeMap<&str, &OutputFile>,
    made: &mut Vec<(OutputFile, Vec<String>)>,
) -> Result<(), Error> {
    let mut has: HashSet<String> = made.iter().map(|(f, _)| f.path.clone()).collect();
    let mut next = 0;
    while next < made.len() {
        let wanted: Vec<String> = made[next].1.clone();
        next += 1;
        for path in wanted {
            if has.contains(&path) {
                continue;
            }
            if let Some(file) = by_path.get(path.as_str()) {
                has.insert(path);
                made.push(rewrite(links, file)?);
            }
        }
    }
    Ok(())
}

/// The output folder of the section `name` names, and its title.
fn section_path(site: &Site, name: &str) -> Result<(String, String), Error> {
    let wanted = name
        .trim_start_matches("./")
        .trim_start_matches("content/")
        .trim_end_matches("/_index.md")
        .trim_matches('/');
    let found = site.sections.iter().skip(1).find(|entry| {
        entry
            .page
            .path
            .trim_end_matches("_index.md")
            .trim_end_matches('/')
            == wanted
            || entry.path.trim_end_matches('/') == wanted
    });
    if let Some(entry) = found {
        return Ok((entry.path.clone(), entry.page.title().to_string()));
    }
    translated_section(site, wanted).ok_or_else(|| no_section(site, wanted))
}

/// A course in a further language, by its address (`cy/cyrsiau/NAME`):
/// its output folder and title.
fn translated_section(site: &Site, wanted: &str) -> Option<(String, String)> {
    for translation in &site.translations {
        let config = &translation.config;
        let prefix = config.language_prefix(&config.language);
        let found = translation
            .sections
            .iter()
            .skip(1)
            .find(|entry| format!("{prefix}{}", entry.path).trim_end_matches('/') == wanted);
        if let Some(entry) = found {
            let path = format!("{prefix}{}", entry.path);
            return Some((path, entry.page.title().to_string()));
        }
    }
    None
}

/// The error for a section `wanted` that no language has.
fn no_section(site: &Site, wanted: &str) -> Error {
    let known = site
        .sections
        .iter()
        .skip(1)
        .map(|e| e.path.trim_end_matches('/'));
    let help = match crate::yaml::suggest(wanted, known) {
        Some(near) => format!("did you mean `{near}`?"),
        None => "name a folder under content/ that has an _index.md, such as courses/first-steps"
            .to_string(),
    };
    Error::new(
        ErrorKind::InvalidValue,
        Path::new("content").join(wanted),
        format!("there is no section `{wanted}` to pack"),
    )
    .with_help(help)
}

/// The page a pack opens at, which sends the reader to its course.
fn entry_page(site: &Site, prefix: &str, title: &str) -> OutputFile {
    let address = crate::render::encode_path(&format!("{prefix}index.html"));
    let title = html_escape::encode_text(title);
    let html = format!(
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{title}</title>\n<meta http-equiv=\"refresh\" content=\"0; url={address}\">\n</head>\n<body>\n<p><a href=\"{address}\">{title}</a></p>\n</body>\n</html>\n",
        html_escape::encode_double_quoted_attribute(&site.config.language)
    );
    bytes_file("index.html", html.into_bytes())
}

fn bytes_file(path: &str, bytes: Vec<u8>) -> OutputFile {
    OutputFile {
        path: path.to_string(),
        contents: Contents::Bytes(bytes),
    }
}

fn total_bytes(files: &[OutputFile]) -> Result<u64, Error> {
    files.iter().try_fold(0u64, |total, file| {
        let size = match &file.contents {
            Contents::Bytes(bytes) => bytes.len() as u64,
            Contents::Embedded(bytes) => bytes.len() as u64,
            Contents::Copy(path) | Contents::Cached(CacheFile { path, .. }) => {
                std::fs::metadata(path)
                    .map_err(|e| Error::io(path, "read this file's size", &e))?
                    .len()
            }
        };
        Ok(total + size)
    })
}
