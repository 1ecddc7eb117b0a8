//! Answering requests: paths made safe, files found, types named.
//!
//! The server only ever answers from the built site in memory, looked up by
//! a normalised path; nothing a request says is ever joined to a folder on
//! disk. Even so, paths are percent-decoded and checked first, and anything
//! odd (`..`, encoded slashes, backslashes, NUL bytes, over-long paths) is
//! refused with 400, so no lookup ever sees it. Zola's server once served
//! files outside the site through exactly such paths (CVE-2023-40274).

use std::collections::BTreeMap;
use std::sync::Arc;

use percent_encoding::percent_decode_str;

use crate::output::OutputFile;

/// The longest request path accepted.
pub const MAX_PATH: usize = 2048;

/// Why a request path was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// 400: a path no link on the site could produce.
    BadRequest,
}

/// Turns a request target (`/a/b%20c/?q=1`) into a site path (`a/b c/`).
pub fn normalise(target: &str) -> Result<String, Refusal> {
    let path = target.split(['?', '#']).next().unwrap_or("");
    if path.len() > MAX_PATH || !path.starts_with('/') || path.starts_with("//") {
        return Err(Refusal::BadRequest);
    }
    let lower = path.to_ascii_lowercase();
    if ["%2f", "%5c", "%00"]
        .iter()
        .any(|encoded| lower.contains(encoded))
    {
        return Err(Refusal::BadRequest);
    }
    let decoded = percent_decode_str(path)
        .decode_utf8()
        .map_err(|_| Refusal::BadRequest)?;
    if decoded.contains(['\\', '\0']) || decoded.chars().any(char::is_control) {
        return Err(Refusal::BadRequest);
    }
    let segments: Vec<&str> = decoded[1..].split('/').collect();
    let (last, folders) = segments
        .split_last()
        .expect("split yields at least one part");
    if folders
        .iter()
        .any(|s| s.is_empty() || *s == "." || *s == "..")
        || *last == "."
        || *last == ".."
    {
        return Err(Refusal::BadRequest);
    }
    Ok(decoded[1..].to_string())
}

/// What a site path leads to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Found {
    /// A file, by output path.
    File(String),
    /// A folder asked for without its slash: redirect to this URL path.
    Redirect(String),
    /// Nothing.
    Missing,
}

/// Looks a site path up among the built files.
pub fn find(files: &BTreeMap<String, Arc<OutputFile>>, path: &str) -> Found {
    if path.is_empty() || path.ends_with('/') {
        let index = format!("{path}index.html");
        return if files.contains_key(&index) {
            Found::File(index)
        } else {
            Found::Missing
        };
    }
    if files.contains_key(path) {
        return Found::File(path.to_string());
    }
    if files.contains_key(&format!("{path}/index.html")) {
        return Found::Redirect(format!("/{path}/"));
    }
    Found::Missing
}

/// The media type of an output path, by its extension.
pub fn content_type(path: &str) -> &'static str {
    let name = path.rsplit('/').next().unwrap_or(path);
    if name == "atom.xml" {
        return "application/atom+xml; charset=utf-8";
    }
    let extension = name
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    match extension.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" | "map" => "application/json",
        "xml" => "application/xml; charset=utf-8",
        "txt" | "md" => "text/plain; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "pdf" => "application/pdf",
        "woff" => "font/woff",
        "woff2" => "font/woff2",
        "ttf" => "font/ttf",
        "otf" => "font/otf",
        "mp3" => "audio/mpeg",
        "ogg" | "oga" => "audio/ogg",
        "wav" => "audio/wav",
        "mp4" => "video/mp4",
        "webm" => "video/webm",
        "vtt" => "text/vtt; charset=utf-8",
        "wasm" => "application/wasm",
        "zip" => "application/zip",
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "pptx" => "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "odt" => "application/vnd.oasis.opendocument.text",
        "ods" => "application/vnd.oasis.opendocument.spreadsheet",
        _ => "application/octet-stream",
    }
}

/// Adds the live-reload script before `</body>`, or at the end.
pub fn inject(html: &[u8], script: &str) -> Vec<u8> {
    let text = String::from_utf8_lossy(html);
    match text.rfind("</body>") {
        Some(at) => format!("{}{script}{}", &text[..at], &text[at..]).into_bytes(),
        None => format!("{text}{script}").into_bytes(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::Contents;

    #[test]
    fn normalise_refuses_every_escape() {
        let refused = [
            "/../etc/passwd",
            "/a/../../etc/passwd",
            "/%2e%2e/%2e%2e/etc/passwd",
            "/%2E%2E/secret",
            "/a%2f..%2f..%2fetc",
            "/a%5c..%5csecret",
            "/a\\..\\secret",
            "/a%00.html",
            "//etc/passwd",
            "etc/passwd",
            "/a//b",
            "/./a",
            "/%ff%fe",
            "/a\u{1}b",
        ];
        for target in refused {
            assert_eq!(normalise(target), Err(Refusal::BadRequest), "{target}");
        }
        assert_eq!(
            normalise(&format!("/{}", "a".repeat(MAX_PATH))),
            Err(Refusal::BadRequest)
        );
    }

    #[test]
    fn normalise_keeps_ordinary_paths() {
        assert_eq!(normalise("/"), Ok(String::new()));
        assert_eq!(
            normalise("/courses/intro/?q=1#x"),
            Ok("courses/intro/".into())
        );
        assert_eq!(normalise("/a%20b/c.png"), Ok("a b/c.png".into()));
        assert_eq!(normalise("/..."), Ok("...".into()));
    }

    #[test]
    fn find_serves_index_and_redirects_folders() {
        let file = |path: &str| {
            (
                path.to_string(),
                Arc::new(OutputFile {
                    path: path.into(),
                    contents: Contents::Bytes(Vec::new()),
                }),
            )
        };
        let files: BTreeMap<_, _> = [file("index.html"), file("a/index.html"), file("style.css")]
            .into_iter()
            .collect();
        assert_eq!(find(&files, ""), Found::File("index.html".into()));
        assert_eq!(find(&files, "a/"), Found::File("a/index.html".into()));
        assert_eq!(find(&files, "a"), Found::Redirect("/a/".into()));
        assert_eq!(find(&files, "style.css"), Found::File("style.css".into()));
        assert_eq!(find(&files, "b/"), Found::Missing);
    }

    #[test]
    fn content_types_cover_site_files() {
        assert_eq!(content_type("a/index.html"), "text/html; charset=utf-8");
        assert_eq!(
            content_type("atom.xml"),
            "application/atom+xml; charset=utf-8"
        );
        assert_eq!(
            content_type("charter/charter.csv"),
            "text/csv; charset=utf-8"
        );
        assert_eq!(content_type("x.WOFF2"), "font/woff2");
        assert_eq!(
            content_type("pagefind/a.pf_fragment"),
            "application/octet-stream"
        );
    }

    #[test]
    fn script_goes_before_the_body_end() {
        assert_eq!(
            inject(b"<body>x</body></html>", "<s>"),
            b"<body>x<s></body></html>"
        );
        assert_eq!(inject(b"x", "<s>"), b"x<s>");
    }
}
