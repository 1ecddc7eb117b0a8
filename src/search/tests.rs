use std::io::Read;

use super::*;

fn page(path: &str, body: &str) -> OutputFile {
    let html = format!(
        "<!DOCTYPE html><html lang=\"en-GB\"><head><title>t</title></head>\
         <body><nav>Menu words</nav><main>{body}</main></body></html>"
    );
    OutputFile {
        path: path.to_string(),
        contents: Contents::Bytes(html.into_bytes()),
    }
}

fn content(title: &str, kind: &str, text: &str) -> String {
    format!(
        "<article data-pagefind-body><h1>{title}</h1>\
         <div hidden><span data-pagefind-meta=\"title:{title}\"></span>\
         <span data-pagefind-meta=\"kind:{kind}\"></span>\
         <span data-pagefind-filter=\"kind:{kind}\"></span>\
         <span data-pagefind-filter=\"topics:grief and bereavement\"></span></div>\
         <p>{text}</p></article>"
    )
}

fn site() -> Vec<OutputFile> {
    vec![
        page(
            "index.html",
            &content("Home", "Page", "Welcome to the hospice."),
        ),
        page(
            "courses/grief/index.html",
            &content(
                "Grief at work",
                "Course",
                "Supporting a bereaved colleague.",
            ),
        ),
        page(
            "courses/grief/print/index.html",
            &content("Grief at work", "Course", "Printable lanterns."),
        ),
        page(
            "404.html",
            &content("Not found", "Page", "Missing lanterns."),
        ),
        page(
            "old/index.html",
            "<meta http-equiv=\"refresh\" content=\"0; url=/new/\">",
        ),
        page("topics/index.html", "<h1>Topics</h1><p>Taxonomy list.</p>"),
        OutputFile {
            path: "style.css".to_string(),
            contents: Contents::Bytes(b"body { color: red }".to_vec()),
        },
    ]
}

fn paths(files: &[OutputFile]) -> Vec<&str> {
    files.iter().map(|f| f.path.as_str()).collect()
}

fn bytes(files: &[OutputFile], path: &str) -> Vec<u8> {
    let file = files
        .iter()
        .find(|f| f.path == path)
        .unwrap_or_else(|| panic!("no {path} in {:?}", paths(files)));
    file.contents.read().expect("bytes in memory").into_owned()
}

/// A gzipped bundle file, without Pagefind's `pagefind_dcd` signature.
fn gunzip(bytes: &[u8]) -> String {
    let mut text = Vec::new();
    flate2::read::GzDecoder::new(bytes)
        .read_to_end(&mut text)
        .expect("a gzip file");
    String::from_utf8_lossy(&text).into_owned()
}

#[test]
fn bundle_has_the_entry_script_and_index_files() {
    let files = index(&site(), "/").expect("indexing works");
    let names = paths(&files);
    assert!(
        names.iter().all(|p| p.starts_with("pagefind/")),
        "{names:?}"
    );
    for expected in [
        "pagefind/pagefind.js",
        "pagefind/pagefind-entry.json",
        "pagefind/pagefind-worker.js",
        "pagefind/pagefind-ui.js",
        "pagefind/pagefind-ui.css",
    ] {
        assert!(names.contains(&expected), "{expected} missing: {names:?}");
    }
    for suffix in [".pf_meta", ".pf_index", ".pf_fragment", ".pf_filter"] {
        assert!(
            names.iter().any(|p| p.ends_with(suffix)),
            "no {suffix}: {names:?}"
        );
    }
    assert!(names.windows(2).all(|w| w[0] < w[1]), "sorted: {names:?}");
}

#[test]
fn only_content_pages_are_indexed() {
    let files = index(&site(), "/").expect("indexing works");
    let entry = String::from_utf8(bytes(&files, "pagefind/pagefind-entry.json")).expect("utf-8");
    let entry: serde_json::Value = serde_json::from_str(&entry).expect("json");
    assert_eq!(entry["languages"]["en-gb"]["page_count"], 2, "{entry}");
    let fragments: Vec<String> = files
        .iter()
        .filter(|f| f.path.ends_with(".pf_fragment"))
        .map(|f| gunzip(&f.contents.read().expect("bytes")))
        .collect();
    let all = fragments.join("\n");
    assert!(all.contains("\"url\":\"/courses/grief/\""), "{all}");
    assert!(all.contains("\"url\":\"/\""), "{all}");
    assert!(
        !all.contains("lanterns"),
        "print view or 404 indexed: {all}"
    );
    assert!(
        !all.contains("Taxonomy list"),
        "page without body indexed: {all}"
    );
    assert!(!all.contains("Menu words"), "navigation indexed: {all}");
}

#[test]
fn result_urls_carry_the_base_path() {
    let files = index(&site(), "/compassionate-city/").expect("indexing works");
    let all: String = files
        .iter()
        .filter(|f| f.path.ends_with(".pf_fragment"))
        .map(|f| gunzip(&f.contents.read().expect("bytes")))
        .collect();
    assert!(
        all.contains("\"url\":\"/compassionate-city/courses/grief/\""),
        "{all}"
    );
    assert!(all.contains("\"kind\":\"Course\""), "meta kind: {all}");
    assert!(
        all.contains("\"title\":\"Grief at work\""),
        "meta title: {all}"
    );
}

#[test]
fn indexing_is_deterministic() {
    let first = index(&site(), "/").expect("indexing works");
    let mut shuffled = site();
    shuffled.reverse();
    let second = index(&shuffled, "/").expect("indexing works");
    assert_eq!(paths(&first), paths(&second));
    for (a, b) in first.iter().zip(&second) {
        assert!(a == b, "{} differs between two runs", a.path);
    }
}

#[test]
fn a_site_without_pages_gives_an_empty_index() {
    let files = index(&[], "/").expect("indexing works");
    assert!(paths(&files).contains(&"pagefind/pagefind.js"));
}

#[test]
fn urls_drop_index_html_and_keep_the_base_path() {
    assert_eq!(url("/", "index.html"), "/");
    assert_eq!(url("/sub/", "index.html"), "/sub/");
    assert_eq!(url("/sub/", "courses/x/index.html"), "/sub/courses/x/");
    assert_eq!(url("/sub", "about.html"), "/sub/about.html");
    assert_eq!(url("/", "caf\u{e9}/index.html"), "/caf%C3%A9/");
}

#[test]
fn pages_that_are_not_content_are_skipped() {
    let table = [
        ("index.html", true),
        ("courses/x/index.html", true),
        ("404.html", false),
        ("courses/x/print/index.html", false),
        ("print/index.html", false),
        ("pagefind/playground/index.html", false),
        ("style.css", false),
        ("atom.xml", false),
    ];
    for (path, expected) in table {
        assert_eq!(is_indexable(path), expected, "{path}");
    }
    assert!(is_redirect(
        "<meta http-equiv=\"refresh\" content=\"0; url=/x/\">"
    ));
    assert!(!is_redirect("<p>refresh your memory</p>"));
}

/// Pagefind keeps page text decoded: `<b>` written as text comes back as
/// `<b>` in excerpts, so the search script must insert excerpts as text.
#[test]
fn fragments_hold_decoded_text() {
    let text = "Write &lt;b&gt;bold&lt;/b&gt; here &amp; there";
    let pages = [page("x/index.html", &content("A &amp; B", "Page", text))];
    let files = index(&pages, "/").expect("indexing works");
    let all: String = files
        .iter()
        .filter(|f| f.path.ends_with(".pf_fragment"))
        .map(|f| gunzip(&f.contents.read().expect("bytes")))
        .collect();
    assert!(all.contains("Write <b>bold</b> here & there"), "{all}");
    assert!(all.contains("\"title\":\"A & B\""), "{all}");
}

#[test]
fn heading_links_are_not_page_text() {
    let body = "<h2 id=\"why\">Why</h2><a class=\"heading-anchor\" href=\"#why\">\
                <span class=\"visually-hidden\">Link to section: Why</span></a>";
    let pages = [page("x/index.html", &content("T", "Page", body))];
    let files = index(&pages, "/").expect("indexing works");
    let all: String = files
        .iter()
        .filter(|f| f.path.ends_with(".pf_fragment"))
        .map(|f| gunzip(&f.contents.read().expect("bytes")))
        .collect();
    assert!(all.contains("Why"), "{all}");
    assert!(!all.contains("Link to section"), "{all}");
}

#[test]
fn index_from_reads_each_candidate_once_in_path_order() {
    let site = site();
    let mut asked = Vec::new();
    let paths = site.iter().rev().map(|f| f.path.clone());
    let read = |path: &str| {
        asked.push(path.to_string());
        Ok(bytes(&site, path))
    };
    let from_disk = index_from(paths, read, "/").expect("indexing works");
    assert_eq!(
        asked,
        [
            "courses/grief/index.html",
            "index.html",
            "old/index.html",
            "topics/index.html"
        ]
    );
    assert_eq!(from_disk, index(&site, "/").expect("indexing works"));
}

#[test]
fn a_page_that_cannot_be_read_is_an_error_naming_it() {
    let read = |path: &str| Err(Error::new(ErrorKind::Io, path, "gone"));
    let error = index_from(["a/index.html".to_string()], read, "/").expect_err("a read error");
    assert_eq!(
        (error.kind, error.path.as_path()),
        (ErrorKind::Io, std::path::Path::new("a/index.html"))
    );
}
