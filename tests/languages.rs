//! A site in more than one language: pages paired by path, each language
//! under its own prefix, the interface from catalogues, the language
//! switch, search per language, the parity report and `hearth translate`.

mod common;

use common::{links_in, TestSite};
use hearth::check::{self, Rule};
use hearth::ErrorKind;

fn site() -> TestSite {
    TestSite::fixture("bilingual")
}

/// The `<nav class="language-switch">` of a built page.
fn switch_of(site: &TestSite, path: &str) -> String {
    let html = site.read(path);
    let start = html
        .find("<nav class=\"language-switch\"")
        .expect("a language switch");
    let end = start + html[start..].find("</nav>").expect("the switch closes");
    html[start..end].to_string()
}

#[test]
fn a_translation_is_published_under_its_language_with_its_own_slug() {
    let site = site();
    site.build().assert_ok();
    assert!(site
        .read("cy/amdanom-ni/index.html")
        .contains("<html lang=\"cy\">"));
    assert!(site
        .read("about/index.html")
        .contains("<html lang=\"en-GB\">"));
    assert!(site
        .read("cy/index.html")
        .contains("<title>Hafan - Safle prawf</title>"));
}

#[test]
fn links_on_a_welsh_page_go_to_welsh_counterparts_or_else_the_default_language() {
    let site = site();
    site.build().assert_ok();
    let links = links_in(&site.main_of("cy/amdanom-ni/index.html"));
    // contact.md has no Welsh version; the home page has; the map serves both.
    assert!(links.contains(&"/contact/".to_string()), "{links:?}");
    assert!(links.contains(&"/cy/".to_string()), "{links:?}");
    assert!(
        links.contains(&"/cy/guide/map.txt".to_string()),
        "{links:?}"
    );
}

#[test]
fn a_page_bundle_serves_its_files_to_both_languages() {
    let site = site();
    site.build().assert_ok();
    assert_eq!(site.read("guide/map.txt"), "A map.\n");
    assert_eq!(site.read("cy/guide/map.txt"), "A map.\n");
    let links = links_in(&site.main_of("cy/guide/index.html"));
    assert!(
        links.contains(&"/cy/guide/map.txt".to_string()),
        "{links:?}"
    );
}

#[test]
fn menus_and_feeds_stay_inside_their_language() {
    let site = site();
    site.build().assert_ok();
    let welsh = site.read("cy/index.html");
    assert!(
        welsh.contains("href=\"/cy/amdanom-ni/\">Amdanom ni</a>"),
        "{welsh}"
    );
    let feed = site.read("cy/atom.xml");
    assert!(feed.contains("https://test.example/cy/amdanom-ni/"));
    assert!(!feed.contains("https://test.example/about/"));
    assert!(site.read("cy/a-z/index.html").contains("/cy/amdanom-ni/"));
    assert!(!site.read("a-z/index.html").contains("/cy/amdanom-ni/"));
}

#[test]
fn the_language_switch_links_the_exact_counterpart() {
    let site = site();
    site.build().assert_ok();
    let english = switch_of(&site, "about/index.html");
    assert!(
        english.contains("href=\"/cy/amdanom-ni/\" lang=\"cy\" hreflang=\"cy\">Cymraeg</a>"),
        "{english}"
    );
    assert!(
        english.contains(
            "href=\"/about/\" aria-current=\"true\" lang=\"en-GB\" hreflang=\"en-GB\">English</a>"
        ),
        "{english}"
    );
    let welsh = switch_of(&site, "cy/amdanom-ni/index.html");
    assert!(welsh.contains("href=\"/about/\" lang=\"en-GB\" hreflang=\"en-GB\">English</a>"));
    // A page without a counterpart has no switch.
    assert!(!site.read("contact/index.html").contains("language-switch"));
}

#[test]
fn the_head_and_the_sitemap_list_every_version() {
    let site = site();
    site.build().assert_ok();
    let head = site.read("cy/amdanom-ni/index.html");
    for link in [
        "<link rel=\"alternate\" hreflang=\"en-GB\" href=\"https://test.example/about/\">",
        "<link rel=\"alternate\" hreflang=\"cy\" href=\"https://test.example/cy/amdanom-ni/\">",
        "<link rel=\"alternate\" hreflang=\"x-default\" href=\"https://test.example/about/\">",
    ] {
        assert!(head.contains(link), "{link}");
    }
    let sitemap = site.read("sitemap.xml");
    assert!(sitemap.contains("<loc>https://test.example/cy/amdanom-ni/</loc>"));
    assert!(sitemap.contains(
        "<xhtml:link rel=\"alternate\" hreflang=\"cy\" href=\"https://test.example/cy/amdanom-ni/\"/>"
    ));
    assert!(!site.listing().contains(&"cy/sitemap.xml".to_string()));
}

#[test]
fn the_interface_is_in_the_page_language_with_dates_in_welsh() {
    let site = site();
    site.build().assert_ok();
    let welsh = site.read("cy/amdanom-ni/index.html");
    assert!(
        welsh.contains(">Neidio i&#39;r prif gynnwys</a>"),
        "{welsh}"
    );
    assert!(
        welsh.contains("Adolygwyd ddiwethaf <time datetime=\"2026-03-03\">3 Mawrth 2026</time>")
    );
    assert!(site
        .read("cy/404.html")
        .contains("<h1>Heb ddod o hyd i&#39;r dudalen</h1>"));
    assert!(site
        .read("cy/a-z/index.html")
        .contains("<title>A i Y - Safle prawf</title>"));
    let english = site.read("about/index.html");
    assert!(english.contains(">Skip to main content</a>"));
    assert!(english.contains("Last reviewed <time datetime=\"2026-03-03\">3 March 2026</time>"));
}

#[test]
fn the_accessibility_statement_is_in_each_language_with_its_own_text() {
    let site = site();
    site.build().assert_ok();
    let welsh = site.main_of("cy/accessibility/index.html");
    assert!(
        welsh.contains("Mae&#39;r wefan hon yn cydymffurfio&#39;n rhannol"),
        "{welsh}"
    );
    assert!(welsh.contains("Profon ni bob tudalen â llaw."));
    let english = site.main_of("accessibility/index.html");
    assert!(english.contains("This website is partially compliant"));
    assert!(english.contains("We tested every page by hand."));
}

#[test]
fn search_keeps_an_index_per_language() {
    let site = site();
    site.build().assert_ok();
    let entry: serde_json::Value =
        serde_json::from_str(&site.read("pagefind/pagefind-entry.json")).expect("JSON");
    let languages = entry["languages"].as_object().expect("languages");
    assert_eq!(languages["cy"]["page_count"], 3, "{entry}");
    // No Welsh stemmer: Welsh words are indexed as written.
    assert!(languages["cy"]["wasm"].is_null());
    let search = site.read("cy/search/index.html");
    assert!(search.contains("data-bundle=\"/pagefind/\""));
    assert!(search.contains("data-results-two=\"{count} ganlyniad\""));
}

#[test]
fn a_site_builds_before_any_page_is_translated() {
    let site = TestSite::fixture("bilingual")
        .remove("content/_index.cy.md")
        .remove("content/about.cy.md")
        .remove("content/guide/index.cy.md");
    site.build().assert_ok();
    assert!(site
        .read("cy/index.html")
        .contains("href=\"/about/\">Amdanom ni</a>"));
}

#[test]
fn a_file_in_a_language_the_site_lacks_is_an_error_at_that_file() {
    let site = site().file("content/contact.fr.md", "---\ntitle: Contact\n---\n");
    let outcome = site.build();
    assert_eq!(
        outcome.error_places(),
        [(ErrorKind::Language, "content/contact.fr.md".to_string(), 0)]
    );
    // A dotted name that is no language is an ordinary page.
    let site = TestSite::fixture("bilingual").file(
        "content/v2.notes.md",
        "---\ntitle: Notes\ndescription: N.\n---\n",
    );
    site.build().assert_ok();
    assert!(site.read("v2-notes/index.html").contains("Notes"));
}

#[test]
fn two_translations_at_one_address_are_an_error_naming_both() {
    let site = site().file(
        "content/contact.cy.md",
        "---\ntitle: Cysylltu\nslug: amdanom-ni\n---\n",
    );
    let places = site.build().error_places();
    assert_eq!(places.len(), 1, "{places:?}");
    assert_eq!(places[0].0, ErrorKind::DuplicateUrl);
    assert!(places[0].1.ends_with(".cy.md"));
}

#[test]
fn a_language_code_must_be_a_registered_tag() {
    let site = site().file(
        "site.yaml",
        "title: T\nbase_url: https://test.example/\nlanguages:\n  notalanguage:\n    title: X\n",
    );
    assert_eq!(
        site.build().error_places(),
        [(ErrorKind::Config, "site.yaml".to_string(), 4)]
    );
}

#[test]
fn a_site_catalogue_changes_single_strings() {
    let site = site().file("i18n/cy.ftl", "skip-link = Ewch i'r cynnwys\n");
    site.build().assert_ok();
    let welsh = site.read("cy/amdanom-ni/index.html");
    assert!(welsh.contains(">Ewch i&#39;r cynnwys</a>"));
    assert!(welsh.contains(">Ar y dudalen hon<") || welsh.contains("Adolygwyd ddiwethaf"));
}

#[test]
fn a_catalogue_syntax_error_is_placed_in_its_file() {
    let site = site().file("i18n/cy.ftl", "skip-link = Ewch\nbroken = { $count ]\n");
    let spots = site.build().error_spots();
    assert_eq!(spots.len(), 1, "{spots:?}");
    assert_eq!((spots[0].0, spots[0].1), (ErrorKind::Catalogue, 2));
}

#[test]
fn a_language_without_a_catalogue_falls_back_with_a_warning_per_string() {
    let yaml = "title: T\nbase_url: https://test.example/\nlanguages:\n  ga:\n    title: Suíomh\n";
    let site = TestSite::minimal()
        .file("site.yaml", yaml)
        .file("content/_index.ga.md", "---\ntitle: Baile\n---\nFáilte.\n");
    let outcome = site.build();
    outcome.assert_ok();
    let missing = outcome
        .warnings()
        .into_iter()
        .filter(|w| w.kind == ErrorKind::MissingTranslation)
        .count();
    assert!(missing > 20, "{missing}");
    assert!(site
        .read("ga/index.html")
        .contains(">Skip to main content</a>"));
}

/// (file, line) of each finding of `rule`.
fn findings(site: &TestSite, rule: Rule) -> Vec<(String, usize)> {
    check::inspect(&site.check_args(), common::today())
        .diagnostics
        .sorted()
        .into_iter()
        .filter(|e| e.kind == ErrorKind::Check(rule))
        .map(|e| (e.path.display().to_string(), e.line))
        .collect()
}

#[test]
fn the_parity_report_lists_pages_without_a_counterpart_and_counts_them() {
    let found = findings(&site(), Rule::Counterpart);
    assert_eq!(
        found,
        [
            ("content/contact.md".to_string(), 0),
            ("site.yaml".to_string(), 0)
        ]
    );
}

#[test]
fn a_counterpart_older_than_its_pair_is_reported_at_its_date() {
    let site = site()
        .file("content/about.md", "---\ntitle: About us\ndescription: Who.\nupdated: 2026-05-01\n---\nWe help.\n")
        .file("content/about.cy.md", "---\ntitle: Amdanom ni\ndescription: Pwy.\nupdated: 2026-01-01\n---\nRydym yn helpu.\n");
    assert_eq!(
        findings(&site, Rule::StaleCounterpart),
        [("content/about.cy.md".to_string(), 4)]
    );
}

#[test]
fn a_welsh_page_linking_to_an_english_page_with_a_welsh_version_is_reported() {
    let site = site().file(
        "content/about.cy.md",
        "---\ntitle: Amdanom ni\ndescription: Pwy.\n---\nGweler [hafan](/) a [cysylltu](/contact/).\n",
    );
    // The home page has a Welsh version; contact has none.
    assert_eq!(
        findings(&site, Rule::CrossLanguageLink),
        [("content/about.cy.md".to_string(), 5)]
    );
}

#[test]
fn translate_writes_the_counterpart_ready_to_translate() {
    let site = site();
    let run = site.run(&["translate", "content/contact.md", "cy"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let written = std::fs::read_to_string(site.root.join("content/contact.cy.md")).expect("read");
    assert!(written
        .starts_with("---\ntitle: Contact\ndescription: How to reach us.\ndraft: true\n---\n"));
    assert!(written.ends_with("Write to us.\n"));
    let again = site.run(&["translate", "content/contact.md", "cy"]);
    assert_ne!(again.code, 0);
    let unknown = site.run(&["translate", "content/about.md", "fr"]);
    assert_ne!(unknown.code, 0);
}

/// The bilingual fixture with a course of one module in both languages:
/// a duration, lesson blocks, an output block, a table and a topic.
fn course_site() -> TestSite {
    let course = "---\ntitle: Intro\ntype: course\nsummary: A course.\ndelivery: [online, in-person]\noutcomes: [learn]\n---\n";
    let cwrs = "---\ntitle: Cyflwyniad\ntype: course\nsummary: Cwrs.\ndelivery: [online, in-person]\noutcomes: [dysgu]\n---\n";
    let body = "\n::: challenge\nTry it.\n:::\n\n::: solution\nDone it.\n:::\n\n\
                ```output\nok\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n## Two\n";
    let module = format!(
        "---\ntitle: Start\nduration: 2 hours 30 minutes\noutcomes: [begin]\ntopics: [Caring]\n---\n{body}"
    );
    let modiwl = format!(
        "---\ntitle: Dechrau\nduration: 2 hours 30 minutes\noutcomes: [dechrau]\ntopics: [Caring]\n---\n{body}"
    );
    site()
        .file("content/courses/_index.md", "---\ntitle: Courses\n---\n")
        .file("content/courses/_index.cy.md", "---\ntitle: Cyrsiau\n---\n")
        .file("content/courses/intro/_index.md", course)
        .file("content/courses/intro/_index.cy.md", cwrs)
        .file("content/courses/intro/start.md", &module)
        .file("content/courses/intro/start.cy.md", &modiwl)
}

#[test]
fn words_hearth_writes_itself_are_in_the_page_language() {
    let site = course_site();
    site.build().assert_ok();
    let welsh = site.main_of("cy/courses/intro/start/index.html");
    for words in [
        "<dd>2 awr 30 munud</dd>",
        "<p class=\"callout-title\">Her</p>",
        "<summary class=\"callout-title\">Ateb</summary>",
        "aria-label=\"Allbwn\"",
        "<span class=\"visually-hidden\">Dolen i&#39;r adran: Two</span>",
    ] {
        assert!(welsh.contains(words), "{words} in {welsh}");
    }
    let english = site.main_of("courses/intro/start/index.html");
    for words in [
        "<dd>2 hours 30 minutes</dd>",
        "<p class=\"callout-title\">Challenge</p>",
        "<summary class=\"callout-title\">Solution</summary>",
        "aria-label=\"Output\"",
        "<span class=\"visually-hidden\">Link to section: Two</span>",
    ] {
        assert!(english.contains(words), "{words} in {english}");
    }
    let course = site.main_of("cy/courses/intro/index.html");
    assert!(
        course.contains("<dd>Ar-lein, Wyneb yn wyneb</dd>"),
        "{course}"
    );
    assert!(course.contains("Hyd: 2 awr 30 munud"), "{course}");
    let term = site.main_of("cy/topics/caring/index.html");
    assert!(term.contains(">Modiwl 1</p>"), "{term}");
    assert!(term.contains("Tudalennau am Caring"), "{term}");
    let print = site.main_of("cy/courses/intro/print/index.html");
    assert!(
        print.contains("<summary class=\"callout-title\">Ateb</summary>"),
        "{print}"
    );
    let courses = site.main_of("cy/courses/index.html");
    assert!(courses.contains("card__meta\">1 modiwl</p>"), "{courses}");
    let courses = site.main_of("courses/index.html");
    assert!(courses.contains("card__meta\">1 module</p>"), "{courses}");
}

#[test]
fn a_block_with_its_own_title_keeps_it_in_every_language() {
    let site = site().file(
        "content/about.cy.md",
        "---\ntitle: Amdanom ni\nslug: amdanom-ni\n---\n::: {.note title=\"Darllenwch hwn\"}\nTestun.\n:::\n",
    );
    site.build().assert_ok();
    let welsh = site.main_of("cy/amdanom-ni/index.html");
    assert!(
        welsh.contains("<p class=\"callout-title\">Darllenwch hwn</p>"),
        "{welsh}"
    );
}

#[test]
fn the_welsh_a_to_z_files_titles_under_welsh_letters_in_welsh_order() {
    let page = |title: &str| format!("---\ntitle: {title}\n---\nTestun.\n");
    let site = site()
        .file("content/chwarae.cy.md", &page("Chwarae"))
        .file("content/cymru.cy.md", &page("Cymru"))
        .file("content/llais.cy.md", &page("Llais"))
        .file("content/lol.cy.md", &page("Lol"))
        .file("content/chwarae.md", &page("Chwarae"))
        .file("content/cymru.md", &page("Cymru"));
    site.build().assert_ok();
    let welsh = site.main_of("cy/a-z/index.html");
    let at = |text: &str| {
        welsh
            .find(text)
            .unwrap_or_else(|| panic!("{text} in {welsh}"))
    };
    assert!(at("id=\"letter-c\"") < at(">Cymru</a>"));
    assert!(at(">Cymru</a>") < at("id=\"letter-ch\""));
    assert!(at("id=\"letter-ch\"") < at(">Chwarae</a>"));
    assert!(at(">Lol</a>") < at("id=\"letter-ll\""));
    assert!(at("id=\"letter-ll\"") < at(">Llais</a>"));
    // English files "Chwarae" under C, before "Cymru".
    let english = site.main_of("a-z/index.html");
    assert!(!english.contains("id=\"letter-ch\""), "{english}");
    assert!(english.find(">Chwarae</a>") < english.find(">Cymru</a>"));
}

#[test]
fn pages_made_from_the_site_switch_to_their_exact_counterpart() {
    let site = course_site();
    site.build().assert_ok();
    for (english, welsh) in [
        ("topics/caring/", "cy/topics/caring/"),
        ("topics/", "cy/topics/"),
        ("courses/intro/print/", "cy/courses/intro/print/"),
        ("courses/intro/handout/", "cy/courses/intro/handout/"),
    ] {
        let switch = switch_of(&site, &format!("{welsh}index.html"));
        let link = format!("href=\"/{english}\" lang=\"en-GB\" hreflang=\"en-GB\">English</a>");
        assert!(switch.contains(&link), "{link} in {switch}");
        let switch = switch_of(&site, &format!("{english}index.html"));
        let link = format!("href=\"/{welsh}\" lang=\"cy\" hreflang=\"cy\">Cymraeg</a>");
        assert!(switch.contains(&link), "{link} in {switch}");
    }
    let not_found = switch_of(&site, "cy/404.html");
    assert!(
        not_found.contains("href=\"/404.html\" lang=\"en-GB\""),
        "{not_found}"
    );
}

#[test]
fn a_term_only_one_language_uses_has_no_switch() {
    let site = course_site().file(
        "content/about.md",
        "---\ntitle: About\ntopics: [Only English]\n---\nText.\n",
    );
    site.build().assert_ok();
    assert!(!site
        .read("topics/only-english/index.html")
        .contains("language-switch"));
}

#[test]
fn a_handout_only_one_language_has_has_no_switch() {
    // The Welsh course has a setup page but no module yet: no handout.
    let site = site()
        .file("content/courses/_index.md", "---\ntitle: Courses\n---\n")
        .file("content/courses/_index.cy.md", "---\ntitle: Cyrsiau\n---\n")
        .file(
            "content/courses/intro/_index.md",
            "---\ntitle: Intro\ntype: course\nsummary: A course.\ndelivery: [online]\noutcomes: [learn]\n---\n",
        )
        .file(
            "content/courses/intro/_index.cy.md",
            "---\ntitle: Cyflwyniad\ntype: course\nsummary: Cwrs.\ndelivery: [online]\noutcomes: [dysgu]\n---\n",
        )
        .file(
            "content/courses/intro/start.md",
            "---\ntitle: Start\nduration: 1 hour\noutcomes: [begin]\n---\nText.\n",
        )
        .file(
            "content/courses/intro/setup.cy.md",
            "---\ntitle: Paratoi\ntype: page\n---\nTestun.\n",
        );
    site.build().assert_ok();
    assert!(!site.output().join("cy/courses/intro/handout").exists());
    let handout = site.read("courses/intro/handout/index.html");
    assert!(!handout.contains("language-switch"), "{handout}");
    assert!(!handout.contains("/cy/courses/intro/handout/"), "{handout}");
    // The print view, made for every course, still switches.
    let print = switch_of(&site, "courses/intro/print/index.html");
    assert!(
        print.contains("href=\"/cy/courses/intro/print/\""),
        "{print}"
    );
}

#[test]
fn each_page_of_a_paginated_listing_switches_to_the_same_page_where_it_exists() {
    // Five English stories and three Welsh, two a page: the English news
    // runs to three pages, the Welsh to two.
    let mut site = site()
        .file(
            "content/news/_index.md",
            "---\ntitle: News\npaginate_by: 2\n---\n",
        )
        .file(
            "content/news/_index.cy.md",
            "---\ntitle: Newyddion\nslug: newyddion\npaginate_by: 2\n---\n",
        );
    for n in 1..=5 {
        let text = format!("---\ntitle: Story {n}\ntopics: [care]\n---\nText.\n");
        site = site.file(&format!("content/news/story-{n}.md"), &text);
        if n <= 3 {
            let text = format!("---\ntitle: Stori {n}\ntopics: [care]\n---\nTestun.\n");
            site = site.file(&format!("content/news/story-{n}.cy.md"), &text);
        }
    }
    site.build().assert_ok();
    let english = switch_of(&site, "news/page/2/index.html");
    let to_welsh = "href=\"/cy/newyddion/page/2/\" lang=\"cy\" hreflang=\"cy\">Cymraeg</a>";
    assert!(english.contains(to_welsh), "{english}");
    let welsh = switch_of(&site, "cy/newyddion/page/2/index.html");
    let to_english = "href=\"/news/page/2/\" lang=\"en-GB\" hreflang=\"en-GB\">English</a>";
    assert!(welsh.contains(to_english), "{welsh}");
    // The Welsh news has no third page, so the English third page has no
    // switch and no alternate in its head.
    let third = site.read("news/page/3/index.html");
    assert!(!third.contains("language-switch"), "{third}");
    assert!(!third.contains("hreflang=\"cy\""), "{third}");
    // Term pages are paged with the taxonomy's own setting (20 here), so
    // this term's listing is one page in each language.
    assert!(!site
        .listing()
        .iter()
        .any(|f| f.starts_with("topics/care/page/")));
}

/// A site whose own language no catalogue has stops at `language:` in
/// site.yaml, not at each template that shows interface text.
#[test]
fn a_site_language_without_a_catalogue_is_one_error_at_its_line_in_site_yaml() {
    let site = TestSite::minimal().file(
        "site.yaml",
        "title: Essai\nbase_url: https://test.example/\nlanguage: fr\n",
    );
    let outcome = site.build();
    assert!(outcome.summary.is_none());
    assert_eq!(
        outcome.error_places(),
        [(ErrorKind::MissingTranslation, "site.yaml".to_string(), 3)]
    );
}
