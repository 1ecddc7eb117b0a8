use std::collections::BTreeMap;
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
        "pagefind/pagefind-highlight.js",
        "pagefind/wasm.unknown.pagefind",
        "pagefind/wasm.en-gb.pagefind",
    ] {
        assert!(names.contains(&expected), "{expected} missing: {names:?}");
    }
    // The theme has its own search page: Pagefind's UI is not needed.
    assert!(
        !names.iter().any(|p| p.contains("-ui")),
        "UI bundles: {names:?}"
    );
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
    assert_eq!(
        url("/", "a b/50%?#~x_y.z/index.html"),
        "/a%20b/50%25%3F%23~x_y.z/"
    );
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
fn index_from_reads_each_candidate_once() {
    let site = site();
    let asked = Mutex::new(Vec::new());
    let paths = site
        .iter()
        .rev()
        .chain(site.iter().take(1))
        .map(|f| f.path.clone());
    let read = |path: &str| {
        asked.lock().expect("not poisoned").push(path.to_string());
        Ok(bytes(&site, path))
    };
    let from_disk = index_from(paths, read, "/").expect("indexing works");
    let mut asked = asked.into_inner().expect("not poisoned");
    asked.sort();
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

// ------------------------------------------------------------------------
// The bundle against Pagefind's own indexer, and read back.

/// A bundle file's contents: gunzipped, without the signature.
fn unpacked(path: &str, bytes: &[u8]) -> Vec<u8> {
    if !path.contains(".pf_") {
        return bytes.to_vec();
    }
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(bytes)
        .read_to_end(&mut out)
        .expect("a gzip file");
    out.strip_prefix(b"pagefind_dcd")
        .expect("Pagefind's signature")
        .to_vec()
}

/// The index files and the entry file, unpacked, by path.
fn index_files(files: impl IntoIterator<Item = (String, Vec<u8>)>) -> BTreeMap<String, Vec<u8>> {
    files
        .into_iter()
        .map(|(path, bytes)| {
            let path = path.trim_start_matches("pagefind/").to_string();
            let bytes = unpacked(&path, &bytes);
            (path, bytes)
        })
        .filter(|(path, _)| path.contains(".pf_") || path == "pagefind-entry.json")
        .collect()
}

/// What Pagefind's own indexer makes of the same pages.
fn pagefind_bundle(site: &[OutputFile], base_path: &str) -> BTreeMap<String, Vec<u8>> {
    let mut pages: Vec<(&str, String)> = site
        .iter()
        .filter(|f| is_indexable(&f.path))
        .filter_map(|f| {
            let html = String::from_utf8(f.contents.read().ok()?.into_owned()).ok()?;
            (!is_redirect(&html)).then_some((f.path.as_str(), html))
        })
        .collect();
    pages.sort();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .expect("a runtime");
    let files = runtime.block_on(async {
        let config = pagefind::options::PagefindServiceConfig::builder()
            .exclude_selectors(EXCLUDED.iter().map(|s| s.to_string()).collect())
            .build();
        let mut index = pagefind::api::PagefindIndex::new(Some(config)).expect("Pagefind starts");
        for (path, html) in pages {
            index
                .add_html_file(None, Some(url(base_path, path)), html)
                .await
                .expect("Pagefind indexes the page");
        }
        index.get_files().await.expect("Pagefind's files")
    });
    index_files(
        files
            .into_iter()
            .map(|f| (f.filename.to_string_lossy().into_owned(), f.contents)),
    )
}

/// Our bundle of the same pages, cut into chunks as Pagefind cuts them.
fn our_bundle(
    site: &[OutputFile],
    base_path: &str,
    chunking: bundle::Chunking,
) -> BTreeMap<String, Vec<u8>> {
    let indexer = Indexer::new(base_path).chunked(chunking);
    site.iter().for_each(|file| indexer.add(file));
    let files = indexer.finish().expect("indexing works");
    index_files(files.into_iter().map(|f| {
        let bytes = f.contents.read().expect("in memory").into_owned();
        (f.path, bytes)
    }))
}

fn assert_same_as_pagefind(site: &[OutputFile], base_path: &str) {
    let theirs = pagefind_bundle(site, base_path);
    let ours = our_bundle(site, base_path, bundle::Chunking::Locations(20_000));
    let names = |files: &BTreeMap<String, Vec<u8>>| files.keys().cloned().collect::<Vec<_>>();
    assert_eq!(names(&ours), names(&theirs));
    for (path, bytes) in &theirs {
        assert!(
            &ours[path] == bytes,
            "{path} differs:\nours:   {}\ntheirs: {}",
            String::from_utf8_lossy(&ours[path]),
            String::from_utf8_lossy(bytes)
        );
    }
}

/// A page in `lang` (none when empty) with `body` inside `<body>`.
fn raw_page(path: &str, lang: &str, body: &str) -> OutputFile {
    let lang = if lang.is_empty() {
        String::new()
    } else {
        format!(" lang=\"{lang}\"")
    };
    let html = format!(
        "<!DOCTYPE html>\n<html{lang}>\n<head><title>Head title</title>\
         <script>var x = 'script words';</script></head>\n<body>\n{body}\n</body>\n</html>\n"
    );
    OutputFile {
        path: path.to_string(),
        contents: Contents::Bytes(html.into_bytes()),
    }
}

/// Pages that use every part of the format: headings and weights, anchors,
/// ignored and excluded parts, index attributes, metadata from attributes
/// and from text, images, sort keys, accents, compound words, emoji,
/// katakana, entities, two bodies, and pages in other languages.
fn tricky_site() -> Vec<OutputFile> {
    vec![
        raw_page(
            "index.html",
            "en-GB",
            "<nav>Menu words</nav><main data-pagefind-body>\
             <h1 id=\"top\">Caring at home</h1>\
             <img src=\"/lantern.png\" alt=\"A paper lantern\">\
             <span data-pagefind-filter=\"kind:Guide\"></span>\
             <span data-pagefind-filter=\"topics\">grief &amp; loss</span>\
             <span data-pagefind-meta=\"kind:Guide, audience:Carers\"></span>\
             <span data-pagefind-sort=\"order:3\"></span>\
             <p>A care-home, a CareHome and the sysconfig.is_python_build call.<br>Next line.</p>\
             <h2 id=\"why\" data-pagefind-title=\"Why it matters\">Why <em>it</em> matters</h2>\
             <a class=\"heading-anchor\" href=\"#why\">Link to section: Why</a>\
             <p data-pagefind-weight=\"4\">Weighted words count more.</p>\
             <p data-pagefind-weight=\"0\">Unweighted.</p>\
             <div data-pagefind-ignore>Ignored text <span data-pagefind-filter=\"kept:yes\"></span></div>\
             <div data-pagefind-ignore=\"all\">Excluded <span data-pagefind-filter=\"lost:yes\"></span></div>\
             <p>Caf\u{e9} and na\u{ef}ve r\u{e9}sum\u{e9}s, caf\u{e9} again &lt;b&gt; &#8212; \
             \u{1f44b} #1 \u{30ab}\u{30bf}\u{30ab}\u{30ca}\u{30c6}\u{30b9}\u{30c8} 3.5&nbsp;km</p>\
             <img data-pagefind-index-attrs=\"alt,title\" alt=\"Indexed alt\" title=\"Indexed title\" src=\"x.png\">\
             <ul><li>One</li><li>Two <strong>bold</strong></li></ul>\
             <table><tr><td>Cell</td><td id=\"cell\">Cell two</td></tr></table>\
             <h3>Deeper</h3><h4>Four</h4><h5>Five</h5><h6>Six</h6>\
             </main><footer>Footer words</footer>",
        ),
        raw_page(
            "courses/grief/index.html",
            "en-GB",
            "<article data-pagefind-body><h1>Grief at work</h1>\
             <span data-pagefind-meta=\"title:Caf\u{e9} talks\"></span>\
             <span data-pagefind-meta=\"image:/custom.png\"></span>\
             <span data-pagefind-default-meta=\"kind:Course\"></span>\
             <span data-pagefind-filter=\"kind:Course\"></span>\
             <span data-pagefind-filter=\"topics:grief &amp; loss, work\"></span>\
             <span data-pagefind-sort=\"order:10\"></span>\
             <p>Supporting a bereaved colleague at the caf\u{e9}.</p></article>\
             <article data-pagefind-body><p>A second body.</p></article>\
             <p>Outside both bodies.</p>",
        ),
        raw_page(
            "courses/grief/module/index.html",
            "",
            "<div data-pagefind-body><h2>No language</h2><p>Module text, caring.</p>\
             <span data-pagefind-filter=\"kind:Module\"></span>\
             <span data-pagefind-sort=\"order:2.5\"></span></div>",
        ),
        raw_page(
            "fr/index.html",
            "fr",
            "<main data-pagefind-body><h1>Bienvenue</h1><p>Les maisons de soins, \
             l\u{e9}t\u{e9} caf\u{e9}s.</p><span data-pagefind-filter=\"kind:Page\"></span></main>",
        ),
        raw_page(
            "fr/autre/index.html",
            "fr",
            "<main data-pagefind-body><p>Une autre page.</p></main>",
        ),
        raw_page(
            "topics/index.html",
            "en-GB",
            "<h1>Topics</h1><p>Taxonomy list without a body.</p>",
        ),
        raw_page(
            "empty/index.html",
            "en-GB",
            "<main data-pagefind-body>   </main>",
        ),
    ]
}

#[test]
fn the_bundle_is_pagefinds_byte_for_byte() {
    assert_same_as_pagefind(&site(), "/");
    assert_same_as_pagefind(&site(), "/compassionate-city/");
}

#[test]
fn tricky_pages_are_read_as_pagefind_reads_them() {
    assert_same_as_pagefind(&tricky_site(), "/sub/");
}

#[test]
fn without_any_body_whole_pages_are_read_as_pagefind_reads_them() {
    let pages = vec![
        raw_page("a/index.html", "en", "<h1>One</h1><p>Text of one.</p>"),
        raw_page(
            "b/index.html",
            "en",
            "<nav>x</nav><p>Text of <b>two</b>.</p>",
        ),
        raw_page("c/index.html", "", "<p>Unknown language.</p>"),
    ];
    assert_same_as_pagefind(&pages, "/");
    let ours = our_bundle(&pages, "/", CHUNKING);
    let entry: serde_json::Value =
        serde_json::from_slice(&ours["pagefind-entry.json"]).expect("json");
    assert_eq!(entry["languages"]["en"]["page_count"], 3, "{entry}");
}

/// One word of a chunk: its pages (numbers, positions) and accented forms.
#[derive(Debug, PartialEq)]
struct DecodedWord {
    pages: Vec<(i64, Vec<i64>)>,
    forms: Vec<String>,
}

/// The words of one language's chunks.
fn decode_chunks(
    files: &BTreeMap<String, Vec<u8>>,
    language: &str,
) -> BTreeMap<String, DecodedWord> {
    let mut words = BTreeMap::new();
    for (path, bytes) in files {
        if !path.ends_with(".pf_index") || !path.starts_with(&format!("index/{language}_")) {
            continue;
        }
        let mut reader = cbor::Reader::new(bytes);
        let item = reader.item().expect("a chunk");
        assert!(reader.is_done(), "{path} has bytes after its chunk");
        let chunk = item.as_array().expect("an array");
        assert_eq!(chunk.len(), 1);
        for word in chunk[0].as_array().expect("words") {
            let word = word.as_array().expect("a word");
            let pages = |item: &cbor::Item| {
                let mut number = 0;
                item.as_array()
                    .expect("pages")
                    .iter()
                    .map(|page| {
                        let page = page.as_array().expect("a page");
                        number += page[0].as_int().expect("a page number");
                        let locs = page[1].as_array().expect("locations");
                        (number, locs.iter().filter_map(|l| l.as_int()).collect())
                    })
                    .collect::<Vec<_>>()
            };
            let forms = word[2]
                .as_array()
                .expect("forms")
                .iter()
                .map(|form| {
                    form.as_array().expect("a form")[0]
                        .as_text()
                        .expect("text")
                        .to_string()
                })
                .collect();
            let text = word[0].as_text().expect("the word").to_string();
            let decoded = DecodedWord {
                pages: pages(&word[1]),
                forms,
            };
            assert!(
                words.insert(text.clone(), decoded).is_none(),
                "{text} twice"
            );
        }
    }
    words
}

#[test]
fn chunks_decode_to_words_with_their_pages() {
    let files = our_bundle(&tricky_site(), "/", CHUNKING);
    let words = decode_chunks(&files, "en-gb");
    // Pages in path order (the course, then the home page), then the page
    // without a language, whose words are not stemmed.
    let numbers = |word: &str| words[word].pages.iter().map(|p| p.0).collect::<Vec<_>>();
    assert_eq!(numbers("care"), [1]);
    assert_eq!(numbers("caring"), [2]);
    assert!(decode_chunks(&files, "fr").contains_key("bienvenu"));
    assert_eq!(words["cafe"].forms, ["café"]);
    assert!(words.contains_key("home"), "compound part");
    assert!(words.contains_key("is_python_build"), "dotted tail");
    assert!(!words.contains_key("menu"), "navigation indexed");
    assert!(!words.contains_key("footer"), "footer indexed");
    assert!(!words.contains_key("link"), "heading anchor indexed");
    assert!(!words.contains_key("script"), "script indexed");
    assert!(!words.contains_key("taxonomi"), "page without body indexed");
    assert!(
        !words.contains_key("bienvenu"),
        "French in the English index"
    );
    // Heading words carry their weight: 7 x 24 for <h1>, as `-(w + 1)`;
    // parts of compound words share the weight of the word.
    let home = &words["home"].pages[0].1;
    assert!(home.contains(&-(7 * 24 + 1)), "{home:?}");
    assert!(home.contains(&-(12 + 1)), "{home:?}");
}

#[test]
fn filters_and_metadata_decode() {
    let files = our_bundle(&tricky_site(), "/", CHUNKING);
    let filter = |name: &str| {
        let (_, bytes) = files
            .iter()
            .find(|(path, bytes)| {
                path.ends_with(".pf_filter")
                    && cbor::Reader::new(bytes)
                        .item()
                        .expect("a filter")
                        .as_array()
                        .expect("an array")[0]
                        .as_text()
                        == Some(name)
            })
            .unwrap_or_else(|| panic!("no filter {name}"));
        cbor::Reader::new(bytes).item().expect("a filter")
    };
    let kind = filter("kind");
    let values: Vec<(String, Vec<i64>)> = kind.as_array().expect("a filter")[1]
        .as_array()
        .expect("values")
        .iter()
        .map(|value| {
            let value = value.as_array().expect("a value");
            (
                value[0].as_text().expect("text").to_string(),
                value[1]
                    .as_array()
                    .expect("pages")
                    .iter()
                    .filter_map(|p| p.as_int())
                    .collect(),
            )
        })
        .collect();
    assert_eq!(
        values,
        [
            ("Course".to_string(), vec![0]),
            ("Guide".to_string(), vec![1]),
            ("Module".to_string(), vec![2]),
        ]
    );
    assert!(
        !files.keys().any(|path| {
            path.ends_with(".pf_filter") && String::from_utf8_lossy(&files[path]).contains("lost")
        }),
        "a filter inside an excluded element"
    );
    let (meta_path, meta) = files
        .iter()
        .find(|(path, _)| path.starts_with("pagefind.en-gb_") && path.ends_with(".pf_meta"))
        .expect("the English metadata");
    let meta = cbor::Reader::new(meta).item().expect("metadata");
    let meta = meta.as_array().expect("an array");
    assert_eq!(meta[0].as_text(), Some("1.6.0"), "{meta_path}");
    assert_eq!(meta[1].as_array().expect("pages").len(), 3);
    let fields: Vec<&str> = meta[5]
        .as_array()
        .expect("fields")
        .iter()
        .filter_map(|f| f.as_text())
        .collect();
    assert_eq!(fields, ["image", "image_alt", "kind", "title"]);
    let sorts = meta[4].as_array().expect("sorts");
    let order = sorts[0].as_array().expect("a sort");
    assert_eq!(order[0].as_text(), Some("order"));
    // 2.5 (the module), 3 (home), 10 (the course): numbers, not text.
    let numbers: Vec<i64> = order[1]
        .as_array()
        .expect("pages")
        .iter()
        .filter_map(|p| p.as_int())
        .collect();
    assert_eq!(numbers, [2, 1, 0]);
}

#[test]
fn large_indexes_are_cut_into_chunks_under_the_limit() {
    // Enough distinct words to need several chunks of 2 KB.
    let pages: Vec<OutputFile> = (0..40)
        .map(|i| {
            let words: Vec<String> = (0..60).map(|j| format!("w{i}x{j} common")).collect();
            page(
                &format!("p{i:02}/index.html"),
                &content(&format!("Page {i}"), "Page", &words.join(" ")),
            )
        })
        .collect();
    let limit = 2048;
    let files = our_bundle(&pages, "/", bundle::Chunking::Bytes(limit));
    let chunks: Vec<&Vec<u8>> = files
        .iter()
        .filter(|(path, _)| path.ends_with(".pf_index"))
        .map(|(_, bytes)| bytes)
        .collect();
    assert!(chunks.len() > 10, "{} chunks", chunks.len());
    let words = decode_chunks(&files, "en-gb");
    let common = &words["common"];
    assert_eq!(common.pages.len(), 40);
    for bytes in chunks {
        // A chunk over the limit holds one word only.
        let mut reader = cbor::Reader::new(bytes);
        let item = reader.item().expect("a chunk");
        let count = item.as_array().expect("a chunk")[0]
            .as_array()
            .expect("words")
            .len();
        assert!(
            bytes.len() <= limit + 8 || count == 1,
            "{} bytes",
            bytes.len()
        );
    }
    // The made-up words, "common", "page" and the page numbers.
    assert_eq!(words.len(), 40 * 60 + 2 + 40, "every word once");
}

#[test]
fn the_same_pages_give_the_same_bytes_whatever_the_timing() {
    let pages: Vec<OutputFile> = (0..60)
        .map(|i| {
            page(
                &format!("p{i:02}/index.html"),
                &content(
                    &format!("Page {i}"),
                    "Page",
                    &format!("Words {i} and caf\u{e9} {}", i * 7),
                ),
            )
        })
        .collect();
    let first = index(&pages, "/").expect("indexing works");
    for _ in 0..3 {
        let again = index(pages.iter().rev(), "/").expect("indexing works");
        assert!(first == again, "the bundle changed between runs");
    }
}

/// Markup that is not tidy: unclosed and mis-nested elements, upper case,
/// SVG and MathML, raw text, comments and odd attributes.
fn untidy_site() -> Vec<OutputFile> {
    let pages = [
        "<main data-pagefind-body><ul><li>One<li>Two</ul><p>Para one<p>Para two</main>",
        "<DIV DATA-PAGEFIND-BODY><H2 ID=\"Up\">Upper</H2><P Class=heading-anchor>Gone</P>\
         <P>Text</P></DIV>",
        "<div data-pagefind-body><p>Before <svg viewBox=\"0 0 1 1\"><title>Icon</title>\
         <path d=\"M0\"/><g><circle r=\"1\"/></g><foreignObject><p>Inside</p></foreignObject>\
         </svg> after <math><mi>x</mi><mo>=</mo></math> done.</p><svg/><p>Next</p></div>",
        "<div data-pagefind-body><script>var s = '</p><p>';</script><style>p { }</style>\
         <noscript>No script</noscript><textarea>Area <b>text</b></textarea>\
         <title>Body title</title><p>Kept</p></div>",
        "<div data-pagefind-body>A<!-- hidden <p>x</p> -->B<!-->C<!--->D<![CDATA[E]]>F<?php x ?>G\
         <!-- a -- b --!>H</div>",
        "<div data-pagefind-body><p data-x=unquoted hidden id = spaced>Odd attributes</p>\
         <script src=>var a = \"<b>bold</b>\";</script><p>After</p></div>",
        "<div data-pagefind-body><b><i>mis</b>nested</i> words</span></div></div><p>Stray</p>",
        "<div data-pagefind-body><span data-pagefind-meta=\"title:A &amp;amp; B\"></span>\
         <span data-pagefind-filter=\"tag:x &amp;lt; y\"></span><p>Entities &amp;amp; more</p></div>",
        "<div data-pagefind-body><p>Lines<br/>break<br></br>here</br>now</p>\
         <p id=\"p1\">Para <a href=\"#\">link <b id=\"b1\">bold</b></a> end</p>\
         <template><p>Template</p></template><div/>Open div</div>",
        "<div data-pagefind-body>\r\n<p>Windows\r\nline endings</p>\r\n</div>",
        "<div data-pagefind-body data-pagefind-ignore=\"all\"><p>All ignored</p></div>\
         <p data-pagefind-body>Second body</p>",
        "<div data-pagefind-body><p>After html</p></div></body></html><p>Outside</p>",
        "<div data-pagefind-body><h1>One <span data-pagefind-weight=\"2\">two \
         <b data-pagefind-weight=\"1e1\">three</b></span></h1><p data-pagefind-weight=\"x\">Four</p></div>",
    ];
    pages
        .iter()
        .enumerate()
        .map(|(i, body)| raw_page(&format!("u{i:02}/index.html"), "en", body))
        .collect()
}

#[test]
fn untidy_markup_is_read_as_pagefind_reads_it() {
    assert_same_as_pagefind(&untidy_site(), "/");
}

/// Pieces of markup, tidy and untidy, that pages are made of here.
const MARKUP: &[&str] = &[
    "<p>",
    "</p>",
    "<div data-pagefind-body>",
    "</div>",
    "<h2 id=\"a b\">",
    "</h2>",
    "<span class='x' data-pagefind-filter=\"topic:Grief\">",
    "</span>",
    "<b>",
    "</b>",
    "<a href=\"/x?a=1&amp;b=2\" class=\"heading-anchor\">#</a>",
    "<img alt=\"An image\" data-pagefind-index-attrs=\"alt\">",
    "<br>",
    "<br/>",
    "<hr />",
    "<li>",
    "<ul>",
    "</ul>",
    "<table><tr><td>",
    "</table>",
    "<script>if (a</b) x = '</p>';</script>",
    "<style>p{}</style>",
    "<title>A <b> title</title>",
    "<textarea>A <i>text</textarea>",
    "<svg><path d=\"x\"/><g><text>Label</text></g></svg>",
    "<math><mi>x</mi></math>",
    "<!-- a <p> comment -->",
    "<!---->",
    "<![CDATA[c]]>",
    "<nav data-pagefind-ignore>Skip</nav>",
    "<aside data-pagefind-ignore=\"all\">Gone</aside>",
    "<meta data-pagefind-meta=\"title:T\">",
    "Caring for someone ",
    "at home &amp; away. ",
    "Caf\u{e9} \u{1f44b} ",
    " < ",
    ">",
    "\"",
    "'",
    "/",
    "</",
    "<",
    "&",
    "\n",
];

/// A page body of `n` pieces of [`MARKUP`], chosen by a fixed sequence.
fn generated_page(seed: u64, n: usize) -> String {
    let mut state = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    let mut page = String::new();
    for _ in 0..n {
        // xorshift64
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        page.push_str(MARKUP[(state % MARKUP.len() as u64) as usize]);
    }
    page
}

/// Pages made of [`MARKUP`] at random, tidy and untidy, are read as
/// Pagefind reads them: the hand-written tokenizer splits them as
/// `lol_html` does.
#[test]
fn generated_markup_is_read_as_pagefind_reads_it() {
    for site in 0..40 {
        let pages: Vec<OutputFile> = (0..10)
            .map(|i| {
                let seed = site * 10 + i;
                let body = generated_page(seed, 1 + (seed as usize % 40));
                raw_page(&format!("g{seed:03}/index.html"), "en", &body)
            })
            .collect();
        assert_same_as_pagefind(&pages, "/");
    }
}

/// Compares the bundle with Pagefind's own, byte for byte once unpacked,
/// on a site built into the folder named by `HEARTH_COMPARE_SITE` (with
/// `hearth build`); slow on a large site, so only run on demand:
/// `HEARTH_COMPARE_SITE=public cargo test --release compare -- --ignored`.
/// Run without the variable, it fails and says so rather than passing.
/// Pages with an element Hearth reads apart from its neighbours
/// ([`html::READ_APART`]) are left out, since Pagefind reads them
/// differently by design.
#[test]
#[ignore]
fn compare_with_pagefind_on_a_built_site() {
    let folder = std::env::var_os("HEARTH_COMPARE_SITE")
        .expect("set HEARTH_COMPARE_SITE to the folder of a built site to compare");
    let folder = std::path::PathBuf::from(folder);
    let names: Vec<&str> = html::READ_APART.iter().map(|(name, _)| *name).collect();
    let read_apart = regex::Regex::new(&format!(r"(?i)<(?:{})[\s/>]", names.join("|")))
        .expect("a valid pattern");
    let site: Vec<OutputFile> = walkdir::WalkDir::new(&folder)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|entry| entry.file_type().is_file())
        .filter_map(|entry| {
            let path = entry.path().strip_prefix(&folder).ok()?;
            let path = path.to_string_lossy().replace('\\', "/");
            if !is_indexable(&path) {
                return None;
            }
            let bytes = std::fs::read(entry.path()).ok()?;
            if read_apart.is_match(&String::from_utf8_lossy(&bytes)) {
                return None;
            }
            Some(OutputFile {
                path,
                contents: Contents::Bytes(bytes),
            })
        })
        .collect();
    assert!(!site.is_empty(), "no pages in {}", folder.display());
    assert_same_as_pagefind(&site, "/");
}

/// The `content` of the one fragment in a bundle.
fn only_fragment_text(files: &BTreeMap<String, Vec<u8>>) -> String {
    let fragments: Vec<&Vec<u8>> = files
        .iter()
        .filter(|(path, _)| path.ends_with(".pf_fragment"))
        .map(|(_, bytes)| bytes)
        .collect();
    assert_eq!(fragments.len(), 1, "{:?}", files.keys());
    let json: serde_json::Value = serde_json::from_slice(fragments[0]).expect("json");
    json["content"]
        .as_str()
        .expect("the page's text")
        .to_string()
}

/// Where Pagefind 1.6 runs the text of a block into the next one's (a
/// term into its description, a table's headings into each other), the
/// words are read apart: a search for "sector" finds "Sector" followed by
/// "Schools", and excerpts read as the page does.
#[test]
fn blocks_pagefind_runs_together_are_read_apart() {
    let body = "<main data-pagefind-body>\
        <dl><div><dt>Sector</dt><dd>Schools</dd></div><dt>Owner?</dt><dd>Policy team</dd></dl>\
        <table><caption>Plan</caption><tr><th>Level</th><th>Question</th></tr>\
        <tr><td>One</td><td>Why</td></tr></table>\
        <figure><img src=\"x.png\" alt=\"\"><figcaption>Lantern walk</figcaption></figure>\
        <details><summary>More</summary><p>Hidden text</p></details>\
        <blockquote>Quoted</blockquote><pre>code here</pre><address>Town Hall</address>\
        <fieldset><legend>Choose</legend><p>Either</p></fieldset></main>";
    let pages = [raw_page("x/index.html", "en", body)];
    let ours = our_bundle(&pages, "/", CHUNKING);
    assert_eq!(
        only_fragment_text(&ours),
        "Sector: Schools. Owner? Policy team. Plan. Level. Question. One. Why. \
         Lantern walk. More. Hidden text. Quoted. code here. Town Hall. Choose. Either."
    );
    let words = decode_chunks(&ours, "en");
    // The index holds stems.
    for word in ["sector", "school", "level", "question", "lantern", "walk"] {
        assert!(
            words.contains_key(word),
            "{word} is not a word: {:?}",
            words.keys()
        );
    }
    assert!(!words.contains_key("sectorschool"), "{:?}", words.keys());

    // If a later Pagefind reads these apart too, the element list in
    // html.rs can follow it instead.
    let theirs = only_fragment_text(&pagefind_bundle(&pages, "/"));
    assert!(theirs.contains("SectorSchools"), "{theirs}");
}

#[test]
fn pasted_data_is_shown_but_not_indexed_and_the_words_after_it_keep_their_places() {
    let blob = "QmFzZTY0".repeat(40_000);
    let text = format!("Before {blob} after.");
    let site = vec![page("a/index.html", &content("Data", "Page", &text))];
    let files = our_bundle(&site, "/", CHUNKING);
    let words = decode_chunks(&files, "en-gb");
    assert!(
        words.keys().all(|word| word.len() <= 255),
        "a word over the limit was indexed"
    );
    // "Data" (the heading) is word 0, "Before" 1, the blob 2, "after" 3,
    // at the usual weight (24, written as -25 before the place).
    assert_eq!(words["after"].pages, [(0, vec![-25, 3])]);
    let fragment = files
        .iter()
        .find(|(path, _)| path.ends_with(".pf_fragment"))
        .map(|(_, bytes)| String::from_utf8_lossy(bytes).into_owned())
        .expect("a fragment");
    assert!(fragment.contains(&blob), "the text left the results");
}
