//! Full-text search: the default theme marks what Pagefind indexes, and
//! `search::index` turns the built pages into a search bundle.

mod common;

use std::io::Read;

use common::TestSite;
use hearth::output::OutputFile;
use hearth::{build_site, Diagnostics};

const SITE_YAML: &str = "title: Test site
base_url: https://test.example/sub/
taxonomies:
  - name: topics
    title: Topics
  - name: audiences
    title: Audiences
";

/// A course with one module, a guides section with one guide, topics and an alias.
fn site() -> TestSite {
    TestSite::minimal()
        .file("site.yaml", SITE_YAML)
        .file(
            "content/courses/01-grief/_index.md",
            "---\ntitle: Grief at work\ntype: course\nsummary: Supporting colleagues.\n\
             audiences: [workplaces]\ndelivery: online\noutcomes: [listen well]\n---\n",
        )
        .file(
            "content/courses/01-grief/01-listening.md",
            "---\ntitle: Listening\nduration: 90 minutes\noutcomes: [listen]\n\
             topics: [grief and bereavement]\naliases: [/old-listening/]\n---\n\n\
             ## A walk\n\nA lantern walk helps.\n",
        )
        .file("content/guides/_index.md", "---\ntitle: Guides\n---\n\nAll our guides.\n")
        .file(
            "content/guides/memory.md",
            "---\ntitle: Memory boxes\ndescription: Zebra crossings of memory.\n---\n\nKeep things.\n",
        )
}

/// Builds the site in memory and indexes it as `hearth build` does.
fn bundle(site: &TestSite) -> (Vec<OutputFile>, Vec<OutputFile>) {
    let mut diagnostics = Diagnostics::new();
    let built = build_site(&site.options(), &mut diagnostics)
        .unwrap_or_else(|| panic!("build failed:\n{}", diagnostics.report()));
    let base_path = built.site.config.base_path.clone();
    let index = hearth::search::index(&built.output.files, &base_path).expect("indexing works");
    (built.output.files, index)
}

/// Every page record of the bundle, by URL.
fn fragments(index: &[OutputFile]) -> Vec<serde_json::Value> {
    let mut found: Vec<serde_json::Value> = index
        .iter()
        .filter(|f| f.path.ends_with(".pf_fragment"))
        .map(|f| {
            let bytes = f.contents.read().expect("in memory");
            let mut text = String::new();
            flate2::read::GzDecoder::new(&bytes[..])
                .read_to_string(&mut text)
                .expect("a gzipped fragment");
            let json = text
                .strip_prefix("pagefind_dcd")
                .expect("Pagefind's signature");
            serde_json::from_str(json).expect("a JSON fragment")
        })
        .collect();
    found.sort_by_key(|f| f["url"].as_str().unwrap_or_default().to_string());
    found
}

fn fragment<'a>(fragments: &'a [serde_json::Value], url: &str) -> &'a serde_json::Value {
    let urls: Vec<&str> = fragments.iter().filter_map(|f| f["url"].as_str()).collect();
    fragments
        .iter()
        .find(|f| f["url"] == url)
        .unwrap_or_else(|| panic!("no page {url} in the index: {urls:?}"))
}

#[test]
fn a_module_is_found_by_its_words_with_kind_title_and_topics() {
    let (_, index) = bundle(&site());
    let pages = fragments(&index);
    let module = fragment(&pages, "/sub/courses/grief/listening/");
    assert!(module["content"]
        .as_str()
        .unwrap_or_default()
        .contains("A lantern walk helps."));
    assert_eq!(module["meta"]["title"], "Listening");
    assert_eq!(module["meta"]["kind"], "Module");
    assert_eq!(module["filters"]["kind"], serde_json::json!(["Module"]));
    assert_eq!(
        module["filters"]["topics"],
        serde_json::json!(["grief and bereavement"])
    );
}

#[test]
fn a_course_is_filtered_by_its_audiences() {
    let (_, index) = bundle(&site());
    let pages = fragments(&index);
    let course = fragment(&pages, "/sub/courses/grief/");
    assert_eq!(course["meta"]["kind"], "Course");
    assert_eq!(
        course["filters"]["audiences"],
        serde_json::json!(["workplaces"])
    );
}

#[test]
fn lists_redirects_print_views_and_the_404_page_stay_out() {
    let (_, index) = bundle(&site());
    let urls: Vec<String> = fragments(&index)
        .iter()
        .filter_map(|f| f["url"].as_str().map(str::to_string))
        .collect();
    assert_eq!(
        urls,
        [
            "/sub/",
            "/sub/courses/grief/",
            "/sub/courses/grief/listening/",
            "/sub/guides/",
            "/sub/guides/memory/",
        ]
    );
}

#[test]
fn a_section_is_found_by_its_own_text_not_its_listing() {
    let (_, index) = bundle(&site());
    let pages = fragments(&index);
    let guides = fragment(&pages, "/sub/guides/")["content"].to_string();
    let memory = fragment(&pages, "/sub/guides/memory/")["content"].to_string();
    assert!(guides.contains("All our guides"), "{guides}");
    assert!(
        !guides.contains("Zebra"),
        "the listing was indexed: {guides}"
    );
    assert!(memory.contains("Zebra"), "{memory}");
}

#[test]
fn the_theme_marks_content_pages_only() {
    let (files, _) = bundle(&site());
    let marked = |path: &str| {
        let file = files
            .iter()
            .find(|f| f.path == path)
            .unwrap_or_else(|| panic!("{path} was not built"));
        String::from_utf8_lossy(&file.contents.read().expect("in memory"))
            .contains("data-pagefind-body")
    };
    for path in [
        "index.html",
        "courses/grief/index.html",
        "courses/grief/listening/index.html",
        "guides/index.html",
        "guides/memory/index.html",
    ] {
        assert!(marked(path), "{path} is not marked for search");
    }
    for path in [
        "topics/index.html",
        "topics/grief-and-bereavement/index.html",
        "courses/grief/print/index.html",
        "404.html",
    ] {
        assert!(!marked(path), "{path} is marked for search");
    }
}

#[test]
fn the_bundle_is_the_same_every_build() {
    let site = site();
    let (_, first) = bundle(&site);
    let (_, second) = bundle(&site);
    let paths = |files: &[OutputFile]| files.iter().map(|f| f.path.clone()).collect::<Vec<_>>();
    assert_eq!(paths(&first), paths(&second));
    for (a, b) in first.iter().zip(&second) {
        assert!(a == b, "{} differs between two builds", a.path);
    }
}

#[test]
fn hearth_build_writes_the_bundle_made_in_memory() {
    let site = site();
    let (_, in_memory) = bundle(&site);
    site.build().assert_ok();
    let mut written = site.snapshot();
    written.retain(|path, _| path.starts_with("pagefind/"));
    assert_eq!(written.len(), in_memory.len());
    for file in &in_memory {
        let bytes = file.contents.read().expect("in memory");
        let same = written.get(&file.path).map(Vec::as_slice) == Some(bytes.as_ref());
        assert!(same, "{} differs from the bundle made in memory", file.path);
    }
}

#[test]
fn indexing_the_written_site_matches_indexing_it_in_memory() {
    let site = site();
    let (_, in_memory) = bundle(&site);
    site.build().assert_ok();
    let output = site.output();
    let read = |path: &str| {
        std::fs::read(output.join(path))
            .map_err(|e| hearth::Error::io(&output.join(path), "read", &e))
    };
    let from_disk =
        hearth::search::index_from(site.listing(), read, "/sub/").expect("indexing works");
    assert_eq!(in_memory.len(), from_disk.len());
    for (a, b) in in_memory.iter().zip(&from_disk) {
        assert!(a == b, "{} differs", a.path);
    }
}

#[test]
fn hearth_build_writes_the_search_page_and_the_bundle() {
    let site = site();
    site.build().assert_ok();
    let listing = site.listing();
    for path in [
        "search/index.html",
        "pagefind/pagefind.js",
        "pagefind/pagefind-entry.json",
    ] {
        assert!(
            listing.iter().any(|p| p == path),
            "{path} missing: {listing:?}"
        );
    }
    assert!(site
        .read("search/index.html")
        .contains("data-bundle=\"/sub/pagefind/\""));
    assert!(site.read("index.html").contains("action=\"/sub/search/\""));
    let entry = site.read("pagefind/pagefind-entry.json");
    assert!(entry.contains("\"page_count\":5"), "{entry}");
}

#[test]
fn the_bundle_tells_iis_the_type_of_each_of_its_files() {
    // IIS answers 404 for a file type it does not know; the bundle's
    // folder carries a web.config that gives each of its own a type.
    let (_, index) = bundle(&site());
    let config = index
        .iter()
        .find(|f| f.path == "pagefind/web.config")
        .expect("pagefind/web.config");
    let config =
        String::from_utf8(config.contents.read().expect("in memory").into_owned()).expect("text");
    let extensions: std::collections::BTreeSet<&str> = index
        .iter()
        .filter_map(|f| f.path.rsplit_once('.').map(|(_, extension)| extension))
        .filter(|extension| !["js", "json", "css", "config"].contains(extension))
        .collect();
    assert!(extensions.contains("pf_fragment") && extensions.contains("pagefind"));
    for extension in extensions {
        let remove = format!("<remove fileExtension=\".{extension}\" />");
        let map = format!("<mimeMap fileExtension=\".{extension}\" mimeType=\"");
        let (Some(removed), Some(mapped)) = (config.find(&remove), config.find(&map)) else {
            panic!(".{extension} has no type in:\n{config}");
        };
        assert!(
            removed < mapped,
            "an existing type of .{extension} is not removed first"
        );
    }
    assert!(config.contains("fileExtension=\".pagefind\" mimeType=\"application/wasm\""));
    assert!(config.starts_with("<?xml") && config.trim_end().ends_with("</configuration>"));
}

/// A bundle file unpacked: gunzipped, without Pagefind's signature.
fn unpacked(file: &OutputFile) -> Vec<u8> {
    let bytes = file.contents.read().expect("in memory");
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(&bytes[..])
        .read_to_end(&mut out)
        .expect("a gzipped file");
    out.strip_prefix(b"pagefind_dcd")
        .expect("Pagefind's signature")
        .to_vec()
}

/// Pagefind's metadata as read: numbers, text, arrays.
#[derive(Debug)]
enum Cbor {
    Int(i64),
    Text(String),
    Array(Vec<Cbor>),
}

fn cbor(decoder: &mut minicbor::Decoder) -> Cbor {
    match decoder.datatype().expect("a CBOR item") {
        minicbor::data::Type::String => Cbor::Text(decoder.str().expect("text").to_string()),
        minicbor::data::Type::Array => {
            let len = decoder.array().expect("an array").expect("its length");
            Cbor::Array((0..len).map(|_| cbor(decoder)).collect())
        }
        _ => Cbor::Int(decoder.i64().expect("a number")),
    }
}

fn items(item: &Cbor) -> &[Cbor] {
    match item {
        Cbor::Array(items) => items,
        other => panic!("not an array: {other:?}"),
    }
}

fn int(item: &Cbor) -> i64 {
    match item {
        Cbor::Int(value) => *value,
        other => panic!("not a number: {other:?}"),
    }
}

fn text(item: &Cbor) -> &str {
    match item {
        Cbor::Text(text) => text,
        other => panic!("not text: {other:?}"),
    }
}

#[test]
fn the_metadata_names_the_files_of_the_bundle() {
    let (_, index) = bundle(&site());
    let paths: Vec<&str> = index.iter().map(|f| f.path.as_str()).collect();
    let entry = index
        .iter()
        .find(|f| f.path == "pagefind/pagefind-entry.json")
        .expect("the entry file");
    let entry: serde_json::Value =
        serde_json::from_slice(&entry.contents.read().expect("in memory")).expect("JSON");
    let language = &entry["languages"]["en-gb"];
    assert_eq!(language["wasm"], "en-gb", "{entry}");
    assert!(paths.contains(&"pagefind/wasm.en-gb.pagefind"));
    let meta_path = format!(
        "pagefind/pagefind.{}.pf_meta",
        language["hash"].as_str().expect("a hash")
    );
    let meta = index
        .iter()
        .find(|f| f.path == meta_path)
        .unwrap_or_else(|| panic!("no {meta_path} in {paths:?}"));
    let meta = cbor(&mut minicbor::Decoder::new(&unpacked(meta)));
    let meta = items(&meta);
    assert_eq!(text(&meta[0]), "1.6.0");
    let pages = items(&meta[1]);
    assert_eq!(pages.len(), 5);
    for page in pages {
        let path = format!("pagefind/fragment/{}.pf_fragment", text(&items(page)[0]));
        assert!(paths.contains(&path.as_str()), "{path} missing");
        assert!(int(&items(page)[1]) > 0, "a page without words");
    }
    let chunks = items(&meta[2]);
    assert!(!chunks.is_empty());
    for chunk in chunks {
        let path = format!("pagefind/index/{}.pf_index", text(&items(chunk)[2]));
        assert!(paths.contains(&path.as_str()), "{path} missing");
    }
    let filters: Vec<&str> = items(&meta[3]).iter().map(|f| text(&items(f)[0])).collect();
    assert_eq!(filters, ["audiences", "kind", "topics"]);
    for filter in items(&meta[3]) {
        let path = format!("pagefind/filter/{}.pf_filter", text(&items(filter)[1]));
        assert!(paths.contains(&path.as_str()), "{path} missing");
    }
}
