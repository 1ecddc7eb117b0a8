//! The addresses of a built page made to work opened from disk: every
//! address of the site becomes a path relative to the page that names its
//! file (`../about/index.html`), query strings of local files are dropped
//! (a browser opening a file ignores them, but some look for a file whose
//! name includes them), and, in a pack, a page left out becomes a link to
//! the online site, marked as such.

use std::collections::HashSet;

use percent_encoding::percent_decode_str;

use crate::html::{self as tokenizer, Attribute, Token};
use crate::render::encode_path;

/// What an address can be rewritten against.
pub(super) struct Links<'a> {
    /// The site's base path (`/` or `/compassionate-city/`).
    pub base_path: &'a str,
    /// The site's full address, ending in `/`.
    pub base_url: &'a str,
    /// Every output path of the built site.
    pub files: &'a HashSet<String>,
    /// In a pack, the HTML pages it holds; other pages are linked online.
    pub kept: Option<&'a HashSet<String>>,
}

/// Where an address leads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Target {
    /// Another site, a fragment of the same page, or not an address: as it is.
    Unchanged,
    /// A file of the copy: the relative address, and the output path.
    Local { address: String, path: String },
    /// A page left out of a pack: its address on the online site.
    Online(String),
}

/// The scripts of the theme that work only as modules, whose work needs
/// a web server: left out of the copy. (Marking searched words on a page
/// loads Pagefind's highlighting module, which a browser will not load
/// from disk.)
const SERVER_ONLY_SCRIPTS: &[&str] = &["highlight.js"];

/// The theme's search script: the copy's own index and search engine are
/// loaded before it (see `offline-search.js`).
const SEARCH_SCRIPT: &str = "search.js";

/// What rewriting a page produced.
pub(super) struct Rewritten {
    pub html: String,
    /// The output paths of the copy's files the page refers to.
    pub refers_to: Vec<String>,
}

/// One change to a page: the bytes `start..end` replaced by `text`.
struct Edit {
    start: usize,
    end: usize,
    text: String,
}

impl<'a> Links<'a> {
    /// The links of the site `config` sets up, whose output paths are
    /// `files`; `kept`, in a pack, the pages it holds.
    pub(super) fn new(
        config: &'a crate::config::Config,
        files: &'a HashSet<String>,
        kept: Option<&'a HashSet<String>>,
    ) -> Self {
        Links {
            base_path: &config.base_path,
            base_url: &config.base_url,
            files,
            kept,
        }
    }

    /// Where `value`, an address written in the file at output path
    /// `file`, leads.
    pub(crate) fn target(&self, file: &str, value: &str) -> Target {
        let value = value.trim();
        if value.is_empty()
            || value.starts_with('#')
            || value.starts_with("//")
            || has_scheme(value)
        {
            return Target::Unchanged;
        }
        let (rest, fragment) = split_at_first(value, '#');
        let (path, _query) = split_at_first(rest, '?');
        let Some(site_path) = self.site_path(file, path) else {
            return Target::Unchanged;
        };
        let decoded = percent_decode_str(&site_path).decode_utf8_lossy();
        let Some(found) = self.file_of(&decoded) else {
            return Target::Unchanged;
        };
        let is_left_out =
            found.ends_with(".html") && self.kept.is_some_and(|kept| !kept.contains(&found));
        if is_left_out {
            let online = format!("{}{}", self.base_url, site_path.trim_start_matches('/'));
            return Target::Online(format!("{online}{fragment}"));
        }
        let address = format!("{}{fragment}", encode_path(&relative(file, &found)));
        Target::Local {
            address,
            path: found,
        }
    }

    /// The site path that `path`, an address's path written in the file
    /// at output path `file`, names; `None` for an absolute path outside
    /// the site's base path.
    fn site_path(&self, file: &str, path: &str) -> Option<String> {
        match path.strip_prefix('/') {
            Some(absolute) => format!("/{absolute}")
                .strip_prefix(self.base_path)
                .map(str::to_string),
            None => Some(join(parent(file), path)),
        }
    }

    /// The output file a site path names: itself, or its folder's
    /// `index.html`.
    fn file_of(&self, path: &str) -> Option<String> {
        let path = path.trim_start_matches('/');
        if path.is_empty() || path.ends_with('/') {
            let index = format!("{path}index.html");
            return self.files.contains(&index).then_some(index);
        }
        if self.files.contains(path) {
            return Some(path.to_string());
        }
        let index = format!("{path}/index.html");
        self.files.contains(&index).then_some(index)
    }

    /// Rewrites the addresses in the HTML page at output path `file`.
    pub(crate) fn rewrite_html(&self, file: &str, html: &str) -> Rewritten {
        let mut edits = Vec::new();
        let mut refers_to = Vec::new();
        tokenizer::tokenize(html, |token| {
            if let Token::Start {
                name, attributes, ..
            } = token
            {
                self.start_tag(file, html, name, attributes, &mut edits, &mut refers_to);
            }
        });
        Rewritten {
            html: apply(html, edits),
            refers_to,
        }
    }

    fn start_tag(
        &self,
        file: &str,
        html: &str,
        name: &str,
        attributes: &[Attribute],
        edits: &mut Vec<Edit>,
        refers_to: &mut Vec<String>,
    ) {
        if name == "script" && self.script(file, html, attributes, edits) {
            return;
        }
        let is_refresh = is_refresh(name, attributes);
        for attribute in attributes {
            let Some(start) = offset(html, attribute.value) else {
                continue;
            };
            let end = start + attribute.value.len();
            let Some((text, is_online)) = self.new_value(file, attribute, is_refresh, refers_to)
            else {
                continue;
            };
            if is_online && name == "a" {
                edits.extend(online_mark(html, end));
            }
            edits.push(Edit { start, end, text });
        }
    }

    /// The new value of an attribute that holds addresses, and whether
    /// it leads to the online site now; `None` to leave it as it is.
    /// `is_refresh` says the tag is a `<meta>` refresh, whose `content`
    /// holds an address.
    fn new_value(
        &self,
        file: &str,
        attribute: &Attribute,
        is_refresh: bool,
        refers_to: &mut Vec<String>,
    ) -> Option<(String, bool)> {
        let value = attribute.value;
        match attribute.name.to_ascii_lowercase().as_str() {
            "href" | "src" | "action" | "poster" | "xlink:href" => {
                let target = self.target(file, value);
                let is_online = matches!(target, Target::Online(_));
                Some((self.replacement(target, refers_to)?, is_online))
            }
            "srcset" => Some((self.srcset(file, value, refers_to)?, false)),
            "content" if is_refresh => Some((self.refresh(file, value, refers_to)?, false)),
            _ => None,
        }
    }

    /// Handles a `<script>` start tag: a module script becomes a deferred
    /// classic one (browsers load no module from disk), a server-only one
    /// is left out, and the search script gets the copy's index and
    /// engine before it. True when the tag is dealt with.
    fn script(
        &self,
        file: &str,
        html: &str,
        attributes: &[Attribute],
        edits: &mut Vec<Edit>,
    ) -> bool {
        let Some(source) = tokenizer::attribute(attributes, "src") else {
            return false;
        };
        let (path, _) = split_at_first(source, '?');
        let name = path.rsplit('/').next().unwrap_or_default();
        let Some(tag_start) = offset(html, source).and_then(|at| html[..at].rfind('<')) else {
            return false;
        };
        if SERVER_ONLY_SCRIPTS.contains(&name) {
            if let Some(removal) = removal(html, tag_start) {
                edits.push(removal);
                return true;
            }
        }
        if name == SEARCH_SCRIPT {
            edits.push(offline_search(file, tag_start));
        }
        edits.extend(module_to_classic(html, attributes));
        false
    }

    fn replacement(&self, target: Target, refers_to: &mut Vec<String>) -> Option<String> {
        match target {
            Target::Unchanged => None,
            Target::Local { address, path } => {
                refers_to.push(path);
                Some(address)
            }
            Target::Online(address) => Some(address),
        }
    }

    /// A `srcset`: each candidate's address rewritten, its size kept.
    fn srcset(&self, file: &str, value: &str, refers_to: &mut Vec<String>) -> Option<String> {
        let candidates: Vec<String> = value
            .split(',')
            .map(|candidate| {
                let candidate = candidate.trim();
                let (address, size) = split_at_first(candidate, ' ');
                let target = self.target(file, address);
                let address = self
                    .replacement(target, refers_to)
                    .unwrap_or_else(|| address.to_string());
                format!("{address}{size}")
            })
            .collect();
        Some(candidates.join(", "))
    }

    /// A refresh's `0; url=/about/`, its address rewritten.
    fn refresh(&self, file: &str, value: &str, refers_to: &mut Vec<String>) -> Option<String> {
        let at = value.to_ascii_lowercase().find("url=")? + "url=".len();
        let target = self.target(file, &value[at..]);
        let address = self.replacement(target, refers_to)?;
        Some(format!("{}{address}", &value[..at]))
    }

    /// Rewrites the `url(...)` addresses of the style sheet at `file`.
    pub(crate) fn rewrite_css(&self, file: &str, css: &str) -> Rewritten {
        let mut out = String::with_capacity(css.len());
        let mut refers_to = Vec::new();
        let mut rest = css;
        while let Some(at) = rest.find("url(") {
            let (before, after) = rest.split_at(at + "url(".len());
            out.push_str(before);
            let Some(close) = after.find(')') else {
                rest = after;
                break;
            };
            let inner = after[..close].trim();
            let quote = inner.chars().next().filter(|c| *c == '"' || *c == '\'');
            let bare = quote.map_or(inner, |q| inner.trim_matches(q));
            match self.target(file, bare) {
                Target::Local { address, path } => {
                    refers_to.push(path);
                    out.push_str(&format!("\"{address}\""));
                }
                _ => out.push_str(&after[..close]),
            }
            rest = &after[close..];
        }
        out.push_str(rest);
        Rewritten {
            html: out,
            refers_to,
        }
    }
}

/// Whether a tag is a `<meta http-equiv="refresh">`.
fn is_refresh(name: &str, attributes: &[Attribute]) -> bool {
    name == "meta"
        && tokenizer::attribute(attributes, "http-equiv")
            .is_some_and(|v| v.eq_ignore_ascii_case("refresh"))
}

/// The removal of the script whose tag starts at `tag_start`, up to its
/// `</script>`; `None` when it has none.
fn removal(html: &str, tag_start: usize) -> Option<Edit> {
    let close = find_ignoring_case(html, tag_start, "</script>")?;
    Some(Edit {
        start: tag_start,
        end: close + "</script>".len(),
        text: String::new(),
    })
}

/// The copy's search index and engine, loaded before the search script
/// whose tag starts at `tag_start` in the page at output path `file`.
fn offline_search(file: &str, tag_start: usize) -> Edit {
    let root = "../".repeat(file.matches('/').count());
    Edit {
        start: tag_start,
        end: tag_start,
        text: format!(
            "<script src=\"{root}{}\" defer></script>\n<script src=\"{root}{}\" defer></script>\n",
            super::INDEX_FILE,
            super::ENGINE_FILE
        ),
    }
}

/// A script's `type="module"` made `defer`: a classic script, run when
/// the page is read, as a module would be.
fn module_to_classic(html: &str, attributes: &[Attribute]) -> Option<Edit> {
    let module = attributes.iter().find(|a| {
        a.name.eq_ignore_ascii_case("type") && a.value.trim().eq_ignore_ascii_case("module")
    })?;
    let (start, end) = attribute_span(html, module)?;
    Some(Edit {
        start,
        end,
        text: "defer".to_string(),
    })
}

/// The visible and spoken mark of a link to the online site, put at the
/// end of the link that starts before `from`.
fn online_mark(html: &str, from: usize) -> Option<Edit> {
    let close = find_ignoring_case(html, from, "</a")?;
    Some(Edit {
        start: close,
        end: close,
        text: " <span class=\"link-online\">(online<span class=\"visually-hidden\">: on the website, needs a connection</span>)</span>".to_string(),
    })
}

/// Where `part`, a slice of `html`, starts in it.
fn offset(html: &str, part: &str) -> Option<usize> {
    if part.is_empty() {
        return None;
    }
    let start = (part.as_ptr() as usize).checked_sub(html.as_ptr() as usize)?;
    (start + part.len() <= html.len()).then_some(start)
}

/// The bytes of a whole attribute, `name="value"`.
fn attribute_span(html: &str, attribute: &Attribute) -> Option<(usize, usize)> {
    let start = offset(html, attribute.name)?;
    let value_start = offset(html, attribute.value)?;
    let mut end = value_start + attribute.value.len();
    let quote = html[..value_start].chars().next_back();
    if matches!(quote, Some('"' | '\'')) && html[end..].starts_with(quote.unwrap_or('"')) {
        end += 1;
    }
    Some((start, end))
}

fn find_ignoring_case(html: &str, from: usize, needle: &str) -> Option<usize> {
    let haystack = html.get(from..)?;
    let lower = haystack.to_ascii_lowercase();
    lower.find(needle).map(|at| from + at)
}

fn apply(html: &str, mut edits: Vec<Edit>) -> String {
    edits.sort_by_key(|edit| (edit.start, edit.end));
    let mut out = String::with_capacity(html.len() + html.len() / 8);
    let mut at = 0;
    for edit in edits {
        if edit.start < at {
            continue;
        }
        out.push_str(&html[at..edit.start]);
        out.push_str(&edit.text);
        at = edit.end;
    }
    out.push_str(&html[at..]);
    out
}

/// `value` split before the first `at`, which the second part keeps.
fn split_at_first(value: &str, at: char) -> (&str, &str) {
    match value.find(at) {
        Some(index) => value.split_at(index),
        None => (value, ""),
    }
}

fn has_scheme(value: &str) -> bool {
    let Some(colon) = value.find(':') else {
        return false;
    };
    let scheme = &value[..colon];
    !scheme.is_empty()
        && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
}

/// The folder of an output path, with its `/`: `about/` of `about/index.html`.
fn parent(file: &str) -> &str {
    file.rfind('/').map_or("", |at| &file[..=at])
}

/// A relative address resolved against a folder, `.` and `..` applied,
/// as a browser resolves it. It differs from [`files::join`], which
/// resolves paths between source files, in two ways a browser needs: a
/// `..` above the top of the site stays at the top (`files::join` refuses
/// it as an error in the content), and an address ending in `/` names a
/// folder and keeps its `/`, so its `index.html` is the file meant.
///
/// [`files::join`]: crate::files::join
fn join(folder: &str, relative: &str) -> String {
    let mut parts: Vec<&str> = folder.split('/').filter(|p| !p.is_empty()).collect();
    let ends_in_folder = relative.is_empty() || relative.ends_with('/');
    for part in relative.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            _ => parts.push(part),
        }
    }
    let mut joined = parts.join("/");
    if ends_in_folder && !joined.is_empty() {
        joined.push('/');
    }
    joined
}

/// The address of output path `to` from the file at output path `from`.
pub(super) fn relative(from: &str, to: &str) -> String {
    let from_folders: Vec<&str> = from.split('/').collect();
    let from_folders = &from_folders[..from_folders.len().saturating_sub(1)];
    let to_parts: Vec<&str> = to.split('/').collect();
    let to_folders = &to_parts[..to_parts.len().saturating_sub(1)];
    let common = from_folders
        .iter()
        .zip(to_folders)
        .take_while(|(a, b)| a == b)
        .count();
    let up = "../".repeat(from_folders.len() - common);
    format!("{up}{}", to_parts[common..].join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files() -> HashSet<String> {
        [
            "index.html",
            "about/index.html",
            "courses/a/index.html",
            "courses/a/one/index.html",
            "style.css",
            "search.js",
            "highlight.js",
            "courses/a/map.png",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect()
    }

    #[test]
    fn join_resolves_as_a_browser_does_unlike_files_join() {
        // Climbing above the top stays at the top, where files::join refuses.
        assert_eq!(join("a/", "../../b.html"), "b.html");
        assert_eq!(crate::files::join("a/", "../../b.html"), None);
        // A folder address keeps its `/`; files::join drops it.
        assert_eq!(join("a/", "../b/"), "b/");
        assert_eq!(crate::files::join("a/", "../b/").as_deref(), Some("b"));
        assert_eq!(join("a/", ""), "a/");
        assert_eq!(join("a/b/", "./c.html"), "a/b/c.html");
    }

    #[test]
    fn site_addresses_become_relative_file_addresses() {
        let files = files();
        let links = Links {
            base_path: "/sub/",
            base_url: "https://x.test/sub/",
            files: &files,
            kept: None,
        };
        let local = |file: &str, value: &str| match links.target(file, value) {
            Target::Local { address, .. } => address,
            other => panic!("{value}: {other:?}"),
        };
        assert_eq!(local("about/index.html", "/sub/"), "../index.html");
        assert_eq!(
            local("about/index.html", "/sub/courses/a/#x"),
            "../courses/a/index.html#x"
        );
        assert_eq!(
            local("courses/a/one/index.html", "/sub/style.css?h=1"),
            "../../../style.css"
        );
        assert_eq!(local("courses/a/index.html", "map.png"), "map.png");
        assert_eq!(local("courses/a/one/index.html", "../"), "../index.html");
        assert_eq!(local("index.html", "/sub/about"), "about/index.html");
        assert_eq!(
            links.target("index.html", "https://y.test/"),
            Target::Unchanged
        );
        assert_eq!(links.target("index.html", "#top"), Target::Unchanged);
        assert_eq!(
            links.target("index.html", "mailto:a@b.test"),
            Target::Unchanged
        );
    }

    #[test]
    fn a_page_left_out_of_a_pack_is_linked_online_and_marked() {
        let files = files();
        let kept: HashSet<String> = ["courses/a/index.html".to_string()].into();
        let links = Links {
            base_path: "/",
            base_url: "https://x.test/",
            files: &files,
            kept: Some(&kept),
        };
        let html = r#"<a href="/about/">About</a> <a href="/courses/a/">Course</a> <link href="/style.css">"#;
        let out = links.rewrite_html("courses/a/one/index.html", html).html;
        assert!(
            out.contains(
                r#"<a href="https://x.test/about/">About <span class="link-online">(online"#
            ),
            "{out}"
        );
        assert!(
            out.contains(r#"<a href="../index.html">Course</a>"#),
            "{out}"
        );
        assert!(out.contains(r#"<link href="../../../style.css">"#), "{out}");
    }

    #[test]
    fn module_scripts_become_deferred_and_server_only_ones_go() {
        let files = files();
        let links = Links {
            base_path: "/",
            base_url: "https://x.test/",
            files: &files,
            kept: None,
        };
        let html = r#"<script type="module" src="/highlight.js?h=2"></script><p>x</p><script type="module" src="/search.js"></script>"#;
        let out = links.rewrite_html("about/index.html", html).html;
        assert!(!out.contains("highlight.js"), "{out}");
        assert!(
            out.contains(r#"<script defer src="../search.js"></script>"#),
            "{out}"
        );
        assert!(
            out.contains(r#"<script src="../search-index.js" defer></script>"#),
            "{out}"
        );
    }

    #[test]
    fn style_sheet_addresses_are_relative_to_the_sheet() {
        let files = files();
        let links = Links {
            base_path: "/",
            base_url: "https://x.test/",
            files: &files,
            kept: None,
        };
        let css = "a{background:url(/courses/a/map.png)} b{background:url('https://y.test/i.png')}";
        let out = links.rewrite_css("style.css", css).html;
        assert_eq!(
            out,
            "a{background:url(\"courses/a/map.png\")} b{background:url('https://y.test/i.png')}"
        );
    }
}
