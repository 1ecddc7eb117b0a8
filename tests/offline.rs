//! The offline copy (`hearth build --offline`, `hearth pack`): addresses
//! that name files, the script-loaded search index, packs' online links,
//! the zip file.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use common::{links_in, today, TestSite};
use hearth::build::BuildOptions;
use hearth::offline::{self, OfflineOptions, Selection};
use hearth::{Diagnostics, ErrorKind};

const COURSE: &str = "---\ntitle: First steps\ntype: course\nsummary: A start.\naudiences: [carers]\ndelivery: online\noutcomes: [Listen well]\n---\nThe course.\n";

/// A site under a base path, with a course of two modules, a page the
/// course links to, a picture and a link to another site.
fn course_site() -> TestSite {
    TestSite::empty()
        .file(
            "site.yaml",
            "title: Offline test\nbase_url: https://council.test/town/\ntaxonomies:\n  - name: topics\n    title: Topics\nglossary:\n  module: One step of a course.\n",
        )
        .file("content/_index.md", "---\ntitle: Home\n---\nWelcome.\n")
        .file(
            "content/about.md",
            "---\ntitle: About the group\ntopics: [grief]\n---\nWe meet on Tuesdays.\n\n## Where we meet\n\nThe library hall, by the river.\n",
        )
        .file("content/courses/_index.md", "---\ntitle: Courses\n---\n")
        .file("content/courses/01-first-steps/_index.md", COURSE)
        .file(
            "content/courses/01-first-steps/01-listening.md",
            "---\ntitle: Listening\nduration: 1 hour\noutcomes: [Listen]\n---\nRead [about us](@/about.md), then [the next module](02-talking.md) and [a charity](https://charity.test/).\n\n![A circle of chairs](chairs.svg)\n",
        )
        .bytes("content/courses/01-first-steps/chairs.svg", b"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"4\" height=\"4\"/>")
        .file(
            "content/courses/01-first-steps/02-talking.md",
            "---\ntitle: Talking\nduration: 1 hour\noutcomes: [Talk]\n---\nSay little, and mean it. This module is short.\n",
        )
}

fn options(
    site: &TestSite,
    selection: Selection,
    output: Option<PathBuf>,
    zip: Option<PathBuf>,
) -> OfflineOptions {
    OfflineOptions {
        build: BuildOptions {
            root: site.root.clone(),
            base_url: None,
            is_drafts: false,
            is_strict: false,
            today: today(),
        },
        selection,
        output,
        zip,
    }
}

/// Writes the copy into ROOT/offline and returns its files, by path.
fn copy_of(site: &TestSite, selection: Selection) -> BTreeMap<String, String> {
    let folder = site.root.join("offline");
    let mut diagnostics = Diagnostics::new();
    let summary = offline::run(
        &options(site, selection, Some(folder.clone()), None),
        &mut diagnostics,
    );
    assert!(
        summary.is_some(),
        "the copy failed:\n{}",
        diagnostics.report()
    );
    let mut files = BTreeMap::new();
    for entry in walkdir::WalkDir::new(&folder) {
        let entry = entry.expect("walk the copy");
        if entry.file_type().is_file() {
            let path = entry
                .path()
                .strip_prefix(&folder)
                .expect("inside")
                .display()
                .to_string();
            files.insert(
                path,
                String::from_utf8_lossy(&fs::read(entry.path()).expect("read")).into_owned(),
            );
        }
    }
    files
}

/// The output path a relative address leads to from the file at `from`.
fn resolve(from: &str, address: &str) -> String {
    let mut parts: Vec<&str> = from.split('/').collect();
    parts.pop();
    let path = address.split(['#', '?']).next().unwrap_or_default();
    for part in path.split('/') {
        match part {
            ".." => {
                parts.pop();
            }
            "." | "" => {}
            _ => parts.push(part),
        }
    }
    parts.join("/")
}

fn is_other_site(address: &str) -> bool {
    address.contains("://") || address.starts_with("mailto:") || address.starts_with("tel:")
}

#[test]
fn every_address_in_the_offline_copy_names_a_file_of_it() {
    let site = course_site();
    let files = copy_of(&site, Selection::Whole);
    let mut checked = 0;
    for (path, text) in files.iter().filter(|(p, _)| p.ends_with(".html")) {
        for address in links_in(text) {
            if address.starts_with('#') || is_other_site(&address) {
                continue;
            }
            assert!(
                !address.starts_with('/'),
                "{path}: `{address}` starts from the disk's root"
            );
            let target = resolve(path, &address);
            assert!(
                files.contains_key(&target),
                "{path}: `{address}` names no file ({target})"
            );
            checked += 1;
        }
    }
    assert!(checked > 20, "only {checked} addresses checked");
    let module = &files["courses/first-steps/listening/index.html"];
    assert!(
        module.contains("href=\"../../../about/index.html\""),
        "{module}"
    );
    assert!(module.contains("src=\"../chairs.svg\""), "{module}");
    assert!(
        module.contains("href=\"https://charity.test/\""),
        "{module}"
    );
    assert!(
        !files.keys().any(|p| p.starts_with("pagefind/")),
        "the Pagefind bundle is left out"
    );
}

/// The JSON that a script of the offline index assigns after `marker`.
fn json_after(script: &str, marker: &str) -> serde_json::Value {
    let start = script.find(marker).expect("the assignment") + marker.len();
    let json = script[start..].trim_end().trim_end_matches(';');
    serde_json::from_str(json).expect("the index is JSON")
}

/// The JSON that search-index.js assigns.
fn index_of(files: &BTreeMap<String, String>) -> serde_json::Value {
    json_after(&files["search-index.js"], "window.hearthSearchIndex = ")
}

/// The JSON of the part `name` of the index (`words-0`, `pages-0`).
fn part_of(files: &BTreeMap<String, String>, name: &str) -> serde_json::Value {
    let script = &files[&format!("search-index/{name}.js")];
    json_after(script, &format!("[\"{name}\"] = "))
}

/// Every page of the index's `pages-N` parts, numbered in order.
fn indexed_pages(files: &BTreeMap<String, String>) -> Vec<serde_json::Value> {
    let index = index_of(files);
    let parts = index["pages"].as_array().expect("the pages' parts").len();
    (0..parts)
        .flat_map(|n| {
            part_of(files, &format!("pages-{n}"))
                .as_array()
                .expect("a part's pages")
                .clone()
        })
        .collect()
}

/// The word index's postings `[page, in text, in title]` of `word`, with
/// page numbers summed from their differences.
fn postings_of(files: &BTreeMap<String, String>, word: &str) -> Vec<[u64; 3]> {
    let index = index_of(files);
    let parts = index["words"].as_array().expect("the words' parts").len();
    for n in 0..parts {
        let part = part_of(files, &format!("words-{n}"));
        for entry in part.as_array().expect("a part's words") {
            if entry[0] != word {
                continue;
            }
            let numbers: Vec<u64> = entry[1]
                .as_array()
                .expect("postings")
                .iter()
                .map(|n| n.as_u64().expect("a number"))
                .collect();
            let mut page = 0;
            return numbers
                .chunks(3)
                .map(|p| {
                    page += p[0];
                    [page, p[1], p[2]]
                })
                .collect();
        }
    }
    Vec::new()
}

#[test]
fn the_search_index_holds_each_page_with_its_sections_and_filters() {
    let site = course_site();
    let files = copy_of(&site, Selection::Whole);
    let index = index_of(&files);
    let pages = indexed_pages(&files);
    assert_eq!(
        index["lengths"].as_array().expect("lengths").len(),
        pages.len(),
        "one length a page"
    );
    let number = pages
        .iter()
        .position(|p| p["path"] == "about/index.html")
        .expect("the about page is in the index") as u64;
    let about = &pages[number as usize];
    assert_eq!(about["title"], "About the group");
    assert_eq!(
        index["filters"]["topics"]["grief"],
        serde_json::json!([number]),
        "only the about page has the topic grief"
    );
    let sections = about["sections"].as_array().expect("sections");
    assert!(sections[0]["text"]
        .as_str()
        .unwrap_or_default()
        .contains("Tuesdays"));
    let heading = sections
        .iter()
        .find(|s| s["id"] == "where-we-meet")
        .expect("the heading's section");
    assert_eq!(heading["title"], "Where we meet");
    assert!(heading["text"]
        .as_str()
        .unwrap_or_default()
        .contains("library hall"));
    assert!(
        !pages
            .iter()
            .any(|p| p["path"].as_str().unwrap_or_default().contains("print/")),
        "print views are no search results"
    );
    let search = &files["search/index.html"];
    assert!(
        search.contains("<script src=\"../search-index.js\" defer></script>"),
        "{search}"
    );
    assert!(files["offline-search.js"].contains("window.hearthOfflineSearch"));
}

#[test]
fn the_word_index_counts_each_word_in_a_page_s_text_and_title() {
    let site = course_site();
    let files = copy_of(&site, Selection::Whole);
    let pages = indexed_pages(&files);
    let about = pages
        .iter()
        .position(|p| p["path"] == "about/index.html")
        .expect("the about page is in the index") as u64;
    // "Tuesdays" once in the text, folded to lower case.
    assert_eq!(postings_of(&files, "tuesdays"), [[about, 1, 0]]);
    // "group" in the title (and the page's heading, which is its text).
    let group = postings_of(&files, "group");
    let on_about = group.iter().find(|p| p[0] == about).expect("about has it");
    assert_eq!(on_about[2], 1, "once in the title: {group:?}");
    assert!(
        postings_of(&files, "Tuesdays").is_empty(),
        "words are folded"
    );
}

#[test]
fn the_search_index_splits_into_parts_that_each_hold_a_run_of_words_or_pages() {
    let mut site = TestSite::empty()
        .file(
            "site.yaml",
            "title: Many pages
base_url: https://council.test/
",
        )
        .file("content/_index.md", "---\ntitle: Home\n---\nWelcome.\n");
    // Forty pages of about 4 KB each: more than one part of pages.
    for n in 0..40 {
        let words: Vec<String> = (0..600).map(|w| format!("word{n}x{w}")).collect();
        site = site.file(
            &format!("content/page-{n:02}.md"),
            &format!("---\ntitle: Page {n}\n---\n{}\n", words.join(" ")),
        );
    }
    let files = copy_of(&site, Selection::Whole);
    let index = index_of(&files);
    let starts: Vec<u64> = index["pages"]
        .as_array()
        .expect("pages")
        .iter()
        .map(|n| n.as_u64().expect("a number"))
        .collect();
    assert!(starts.len() > 1, "the pages are split: {starts:?}");
    assert_eq!(starts[0], 0);
    assert!(starts.windows(2).all(|w| w[0] < w[1]), "{starts:?}");
    let ranges = index["words"].as_array().expect("words");
    assert!(ranges.len() > 1, "the words are split");
    // Each part's words are in order, and each part begins after the last.
    let mut previous = String::new();
    for (n, range) in ranges.iter().enumerate() {
        let part = part_of(&files, &format!("words-{n}"));
        let words: Vec<&str> = part
            .as_array()
            .expect("words")
            .iter()
            .map(|w| w[0].as_str().expect("a word"))
            .collect();
        assert_eq!(range[0], words[0]);
        assert_eq!(range[1], words[words.len() - 1]);
        assert!(
            previous.as_str() < words[0],
            "part {n} overlaps the one before"
        );
        assert!(
            words.windows(2).all(|w| w[0] < w[1]),
            "part {n} is in order"
        );
        previous = words[words.len() - 1].to_string();
    }
    let page_17 = indexed_pages(&files)
        .iter()
        .position(|p| p["path"] == "page-17/index.html")
        .expect("page 17") as u64;
    assert_eq!(postings_of(&files, "word17x5"), [[page_17, 1, 0]]);
}

#[test]
fn a_pack_links_pages_it_leaves_out_to_the_online_site_and_marks_them() {
    let site = course_site();
    let files = copy_of(
        &site,
        Selection::Section("courses/01-first-steps".to_string()),
    );
    assert!(
        !files.contains_key("about/index.html"),
        "the about page is left out"
    );
    assert!(files.contains_key("courses/first-steps/talking/index.html"));
    assert!(
        files.contains_key("courses/first-steps/chairs.svg"),
        "the picture comes along"
    );
    let module = &files["courses/first-steps/listening/index.html"];
    let online =
        "<a href=\"https://council.test/town/about/\">about us <span class=\"link-online\">(online";
    assert!(module.contains(online), "{module}");
    assert!(
        module.contains("href=\"../talking/index.html\""),
        "{module}"
    );
    assert!(
        module.contains("href=\"https://charity.test/\">a charity</a>"),
        "{module}"
    );
    let talking = &files["courses/first-steps/talking/index.html"];
    assert!(
        talking.contains("href=\"../../../glossary/index.html#term-module\""),
        "the glossary comes along: {talking}"
    );
    let entry = &files["index.html"];
    assert!(
        entry.contains("url=courses/first-steps/index.html"),
        "{entry}"
    );
    let pages = indexed_pages(&files);
    let paths: Vec<&str> = pages.iter().filter_map(|p| p["path"].as_str()).collect();
    assert!(
        paths.contains(&"courses/first-steps/listening/index.html"),
        "{paths:?}"
    );
    assert!(!paths.contains(&"about/index.html"), "{paths:?}");
}

#[test]
fn packing_a_section_that_is_not_there_is_an_error_naming_it() {
    let site = course_site();
    let mut diagnostics = Diagnostics::new();
    let folder = site.root.join("offline");
    let wanted = Selection::Section("courses/first-stesp".to_string());
    let summary = offline::run(
        &options(&site, wanted, Some(folder.clone()), None),
        &mut diagnostics,
    );
    assert!(summary.is_none());
    let error = diagnostics.iter().find(|e| e.is_error()).expect("an error");
    assert_eq!(error.kind, ErrorKind::InvalidValue);
    assert_eq!(error.path, Path::new("content/courses/first-stesp"));
    assert!(!folder.exists(), "nothing is written");
}

#[test]
fn the_zip_file_holds_the_copy_in_one_folder() {
    let site = course_site();
    let zip_path = site.root.join("out/kindred.zip");
    let mut diagnostics = Diagnostics::new();
    let summary = offline::run(
        &options(&site, Selection::Whole, None, Some(zip_path.clone())),
        &mut diagnostics,
    );
    assert!(summary.is_some(), "{}", diagnostics.report());
    let mut archive =
        zip::ZipArchive::new(fs::File::open(&zip_path).expect("the zip file")).expect("a zip");
    let names: Vec<String> = archive.file_names().map(str::to_string).collect();
    assert!(names.iter().all(|n| n.starts_with("kindred/")), "{names:?}");
    let mut about = String::new();
    std::io::Read::read_to_string(
        &mut archive
            .by_name("kindred/about/index.html")
            .expect("the about page"),
        &mut about,
    )
    .expect("read");
    assert!(about.contains("href=\"../style.css\""), "{about}");
}

#[test]
fn a_file_base_url_makes_the_offline_copy() {
    let site = course_site();
    let run = site.run(&[
        "build",
        "--base-url",
        "file:///media/stick/",
        "--output",
        "stick",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let home = fs::read_to_string(site.root.join("stick/index.html")).expect("the home page");
    assert!(home.contains("href=\"about/index.html\""), "{home}");
    assert!(
        home.contains("href=\"https://council.test/town/\""),
        "the canonical address stays online: {home}"
    );
}

#[test]
fn a_site_with_search_off_gets_no_offline_index() {
    let site = course_site().file(
        "site.yaml",
        "title: Offline test\nbase_url: https://council.test/town/\nsearch: false\n",
    );
    let files = copy_of(&site, Selection::Whole);
    assert!(!files.contains_key("search-index.js"));
    assert!(!files.contains_key("offline-search.js"));
    assert!(files["index.html"].contains("href=\"about/index.html\""));
}

#[test]
fn a_welsh_course_packs_with_its_own_glossary() {
    let site = TestSite::empty()
        .file(
            "site.yaml",
            "title: Offline test\nbase_url: https://council.test/\nglossary:\n  module: One step.\nlanguages:\n  cy:\n    title: Prawf\n    glossary:\n      profedigaeth: Colli rhywun agos.\n",
        )
        .file("content/_index.md", "---\ntitle: Home\n---\nWelcome.\n")
        .file("content/_index.cy.md", "---\ntitle: Hafan\n---\nCroeso.\n")
        .file("content/courses/_index.md", "---\ntitle: Courses\n---\n")
        .file("content/courses/_index.cy.md", "---\ntitle: Cyrsiau\nslug: cyrsiau\n---\n")
        .file("content/courses/first/_index.md", COURSE)
        .file(
            "content/courses/first/_index.cy.md",
            "---\ntitle: Camau cyntaf\nslug: camau\ntype: course\nsummary: Dechrau.\naudiences: [carers]\ndelivery: online\noutcomes: [Gwrando]\n---\nY cwrs.\n",
        )
        .file(
            "content/courses/first/01-listen.md",
            "---\ntitle: Listening\nduration: 1 hour\noutcomes: [Listen]\n---\nA module on listening.\n",
        )
        .file(
            "content/courses/first/01-listen.cy.md",
            "---\ntitle: Gwrando\nslug: gwrando\nduration: 1 hour\noutcomes: [Gwrando]\n---\nGwrando ar ôl profedigaeth.\n",
        );
    let files = copy_of(&site, Selection::Section("cy/cyrsiau/camau".to_string()));
    let module = &files["cy/cyrsiau/camau/gwrando/index.html"];
    assert!(
        module.contains("href=\"../../../glossary/index.html#term-profedigaeth\""),
        "{module}"
    );
    assert!(files["cy/glossary/index.html"].contains("id=\"term-profedigaeth\""));
    assert!(
        !files.contains_key("courses/first/listening/index.html"),
        "the English course stays out"
    );
}
