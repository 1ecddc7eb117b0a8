//! Finding your way: taxonomies, pagination, the A to Z index, the site map,
//! and Atom feeds checked against the Atom schema with a real validator.

mod common;

use std::process::Command;

use common::TestSite;

fn dated_pages(count: usize) -> TestSite {
    let mut site = TestSite::minimal().file(
        "content/news/_index.md",
        "---\ntitle: News\nsort_by: date\npaginate_by: 2\n---\n",
    );
    for n in 1..=count {
        let text = format!("---\ntitle: \"Story {n} & more\"\ndate: 2026-01-{n:02}\ndescription: Number {n}.\ntopics: [grief, \"Carers' rights\"]\n---\nBody with <b>bold</b> and [home](@/_index.md).\n");
        site = site.file(&format!("content/news/story-{n}.md"), &text);
    }
    site
}

/// `site` with a courses section holding one dated course about grief
/// and one undated course.
fn with_courses(site: TestSite) -> TestSite {
    let course = |title: &str, date: &str| {
        format!("---\ntitle: {title}\ntype: course\n{date}description: About {title}.\nsummary: S.\naudiences: [carers]\ntopics: [grief]\ndelivery: online\noutcomes: [o]\n---\nWhy <b>{title}</b> matters.\n")
    };
    let module = "---\ntitle: M\nduration: 1 hour\noutcomes: [o]\n---\nText.\n";
    site.file("content/courses/_index.md", "---\ntitle: Courses\n---\n")
        .file(
            "content/courses/new/_index.md",
            &course("New course", "date: 2026-01-10\n"),
        )
        .file("content/courses/new/m.md", module)
        .file(
            "content/courses/old/_index.md",
            &course("Undated course", ""),
        )
        .file("content/courses/old/m.md", module)
}

#[test]
fn dated_courses_are_entries_in_the_feeds_that_concern_them() {
    let site = with_courses(dated_pages(2));
    site.build().assert_ok();
    let entry = "<title>New course</title>\n    <id>https://test.example/courses/new/</id>";
    for feed in [
        "atom.xml",
        "topics/grief/atom.xml",
        "audiences/carers/atom.xml",
        "courses/atom.xml",
    ] {
        let xml = site.read(feed);
        let course = xml
            .find(entry)
            .unwrap_or_else(|| panic!("no course in {feed}: {xml}"));
        assert!(!xml.contains("Undated course"), "{feed}");
        if let Some(story) = xml.find("Story 2") {
            assert!(
                course < story,
                "{feed}: the course is newer than the stories"
            );
        }
        assert!(
            xml.contains("&lt;b&gt;New course&lt;/b&gt; matters"),
            "{feed}: no body"
        );
    }
    let courses = site.read("courses/index.html");
    assert!(courses.contains("href=\"/courses/atom.xml\""), "{courses}");
    assert!(!site.listing().iter().any(|f| f == "courses/old/atom.xml"));
}

#[test]
fn every_feed_is_valid_atom() {
    let site = with_courses(dated_pages(5));
    site.build().assert_ok();
    let feeds: Vec<String> = site
        .listing()
        .into_iter()
        .filter(|f| f.ends_with("atom.xml"))
        .collect();
    assert!(
        feeds.len() >= 4,
        "expected site, section and term feeds: {feeds:?}"
    );
    assert_valid_atom(&site, &feeds);
    let feed = site.read("news/atom.xml");
    let newest = feed.find("Story 5 &amp; more").expect("newest entry");
    let oldest = feed.find("Story 1 &amp; more").expect("oldest entry");
    assert!(newest < oldest, "feeds list the newest first");
}

/// Validates the built `feeds` against RFC 4287's schema with jing.
fn assert_valid_atom(site: &TestSite, feeds: &[String]) {
    let schema = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/schemas/atom.rnc");
    let paths: Vec<_> = feeds.iter().map(|f| site.output().join(f)).collect();
    let run = Command::new("jing")
        .arg("-c")
        .arg(schema)
        .args(&paths)
        .output();
    let run =
        run.expect("jing (Debian package jing) validates the feeds: scripts/test.sh installs it");
    assert!(
        run.status.success(),
        "invalid Atom:\n{}",
        String::from_utf8_lossy(&run.stdout)
    );
}

#[test]
fn feeds_stay_valid_when_a_quoted_value_escapes_a_control_character() {
    // In double quotes YAML reads `\f` as a form feed and `\a` as a bell,
    // which XML does not allow anywhere: a feed reader would refuse the
    // whole feed. The build warns, and leaves them out of the feeds.
    let site = TestSite::minimal().file(
        "content/files.md",
        "---\ntitle: \"Saved in C:\\files\"\ndescription: \"Ring\\a twice.\"\ndate: 2026-01-02\ntopics: [\"grief\\a\"]\n---\nText.\n",
    );
    let outcome = site.build();
    outcome.assert_ok();
    assert_eq!(
        outcome.warnings().len(),
        3,
        "{}",
        outcome.diagnostics.report()
    );
    let feeds = vec!["atom.xml".to_string(), "topics/grief/atom.xml".to_string()];
    let site_feed = site.read("atom.xml");
    assert!(
        site_feed.contains("<title>Saved in C:iles</title>"),
        "{site_feed}"
    );
    assert_valid_atom(&site, &feeds);
}

#[test]
fn taxonomy_lists_terms_and_term_pages_list_their_pages() {
    let site = dated_pages(3);
    site.build().assert_ok();
    let list = site.read("topics/index.html");
    assert!(
        list.contains("href=\"/topics/grief/\"")
            && list.contains("href=\"/topics/carers-rights/\"")
    );
    // Headings and titles start with a capital; the name is kept as
    // written where it runs in a sentence.
    assert!(list.contains(">Grief</a>"), "{list}");
    let grief = site.read("topics/grief/index.html");
    assert!(grief.contains("<h1>Grief</h1>") && grief.contains("<title>Topics: Grief - "));
    assert!(grief.contains("Pages about grief"));
    let term = site.read("topics/carers-rights/index.html");
    for n in 1..=3 {
        assert!(
            term.contains(&format!("href=\"/news/story-{n}/\"")),
            "story {n} missing from the term page"
        );
    }
    assert!(
        site.read("news/story-1/index.html")
            .contains("href=\"/topics/grief/\""),
        "page does not link its terms"
    );
}

#[test]
fn a_term_spelt_two_ways_is_one_term_everywhere() {
    let site = TestSite::minimal()
        .file(
            "content/a.md",
            "---\ntitle: A\naudiences: [Carers, carers]\n---\n",
        )
        .file("content/b.md", "---\ntitle: B\naudiences: [CARERS]\n---\n");
    site.build().assert_ok();
    for page in ["a/index.html", "b/index.html"] {
        let html = site.read(page);
        // One link and one search filter, under the term page's name.
        let links = html.matches("href=\"/audiences/carers/\"").count();
        let filters: Vec<&str> = html
            .match_indices("data-pagefind-filter=\"audiences:")
            .map(|(at, _)| html[at..].split('"').nth(1).unwrap_or(""))
            .collect();
        assert_eq!((links, filters), (1, vec!["audiences:Carers"]), "{page}");
    }
    assert!(site
        .read("audiences/carers/index.html")
        .contains("<h1>Carers</h1>"));
}

#[test]
fn a_course_is_listed_on_the_pages_of_its_terms() {
    let site = TestSite::minimal()
        .file(
            "content/care/_index.md",
            "---\ntitle: Caring well\ntype: course\nsummary: A course for carers.\n\
             audiences: [carers]\ndelivery: online\noutcomes: [rest]\n---\n",
        )
        .file(
            "content/care/01-rest.md",
            "---\ntitle: Rest\nduration: 30 minutes\noutcomes: [sleep]\n---\nText.\n",
        );
    site.build().assert_ok();
    // The course links to its audience, and that page lists the course.
    assert!(site
        .read("care/index.html")
        .contains("href=\"/audiences/carers/\""));
    let term = site.main_of("audiences/carers/index.html");
    assert!(term.contains("href=\"/care/\""), "{term}");
    assert!(term.contains("A course for carers."), "{term}");
    assert!(site
        .read("audiences/index.html")
        .contains("href=\"/audiences/carers/\""));
}

#[test]
fn pagination_edges() {
    let site = dated_pages(5);
    site.build().assert_ok();
    let first = site.read("news/index.html");
    let last = site.read("news/page/3/index.html");
    assert!(
        first.contains("href=\"/news/page/2/\""),
        "first page has no next link"
    );
    assert!(
        !site.output().join("news/page/1").exists(),
        "page 1 is the section itself"
    );
    assert!(
        !site.output().join("news/page/4").exists(),
        "one page too many"
    );
    assert!(last.contains("Story 1 &amp; more") && !last.contains("Story 3 &amp; more"));
    assert!(
        last.contains("aria-current=\"page\""),
        "the current page is not marked"
    );
    // Each page of a listing has its own title; the first keeps the plain one.
    assert!(first.contains("<title>News - Test site</title>"), "{first}");
    assert!(
        last.contains("<title>News (page 3 of 3) - Test site</title>"),
        "{last}"
    );
    let site = site.file(
        "site.yaml",
        "title: Test site\nbase_url: https://test.example/\ntaxonomies:\n  - name: topics\n    paginate_by: 2\n",
    );
    site.build().assert_ok();
    let term = site.read("topics/grief/page/2/index.html");
    assert!(
        term.contains("<title>Topics: Grief (page 2 of 3) - Test site</title>"),
        "{term}"
    );
    let exact = dated_pages(4);
    exact.build().assert_ok();
    assert!(
        exact.output().join("news/page/2/index.html").exists()
            && !exact.output().join("news/page/3").exists()
    );
    let empty = TestSite::minimal().file(
        "content/news/_index.md",
        "---\ntitle: News\npaginate_by: 2\n---\n",
    );
    empty.build().assert_ok();
    assert!(empty.read("news/index.html").contains("News"));
}

#[test]
fn long_pagination_links_the_ends_and_the_nearby_pages() {
    // 20 stories, 2 a page: 10 pages. Page 6 links 1, 4 to 8 and 10, with
    // a gap either side, not all ten.
    let site = dated_pages(20);
    site.build().assert_ok();
    let sixth = site.read("news/page/6/index.html");
    let linked: Vec<usize> = (1..=10)
        .filter(|n| {
            let url = if *n == 1 {
                "/news/".to_string()
            } else {
                format!("/news/page/{n}/")
            };
            sixth.contains(&format!(
                "<a href=\"{url}\"><span class=\"visually-hidden\">Page </span>{n}</a>"
            )) || sixth.contains(&format!("<a href=\"{url}\" aria-current=\"page\">"))
        })
        .collect();
    assert_eq!(linked, vec![1, 4, 5, 6, 7, 8, 10]);
    assert_eq!(sixth.matches("pagination__item--gap").count(), 2);
}

#[test]
fn a_to_z_and_site_map_list_every_page() {
    let site = dated_pages(2).file("content/about.md", "---\ntitle: About us\n---\n");
    site.build().assert_ok();
    let az = site.read("a-z/index.html");
    assert!(az.contains("id=\"letter-a\"") && az.contains("id=\"letter-s\""));
    assert!(az.find("About us").unwrap() < az.find("Story 1").unwrap());
    let map = site.read("sitemap/index.html");
    for link in [
        "href=\"/about/\"",
        "href=\"/news/\"",
        "href=\"/news/story-2/\"",
    ] {
        assert!(map.contains(link), "site map lacks {link}");
    }
    assert!(
        site.read("index.html").contains("href=\"/a-z/\""),
        "footer does not link the A to Z"
    );
}

#[test]
fn search_can_be_switched_off() {
    let site = TestSite::minimal().file(
        "site.yaml",
        "title: T\nbase_url: https://t.example/\nsearch: false\n",
    );
    site.build().assert_ok();
    let files = site.listing();
    assert!(
        !files
            .iter()
            .any(|f| f.starts_with("pagefind/") || f.starts_with("search/")),
        "{files:?}"
    );
    let home = site.read("index.html");
    assert!(
        !home.contains("role=\"search\""),
        "the header still offers search"
    );
    assert!(
        !home.contains("highlight.js"),
        "pages still load the script that marks searched words"
    );
}

#[test]
fn a_page_cannot_take_a_generated_address() {
    let site = TestSite::minimal().file("content/a-z.md", "---\ntitle: A to Z page\n---\n");
    let outcome = site.build();
    assert_eq!(
        outcome.error_places(),
        vec![(hearth::ErrorKind::DuplicateUrl, "content/a-z.md".into(), 1)]
    );
}

#[test]
fn a_menu_link_to_a_missing_page_is_an_error_at_its_place_in_site_yaml() {
    let config = "title: T\nbase_url: https://test.example/\nmenu:\n  - name: Home\n    url: \"@/_index.md\"\n  - name: Gone\n    url: \"@/gone.md\"\n";
    let site = TestSite::minimal().file("site.yaml", config);
    let outcome = site.build();
    assert!(outcome.summary.is_none(), "the build should fail");
    let errors = outcome.errors();
    let places: Vec<_> = errors
        .iter()
        .map(|e| (e.kind, e.path.display().to_string(), e.line, e.column))
        .collect();
    assert_eq!(
        places,
        vec![(hearth::ErrorKind::BrokenLink, "site.yaml".into(), 7, 11)]
    );
}

#[test]
fn a_site_without_feeds_writes_and_links_none() {
    let with = with_courses(dated_pages(2));
    with.build().assert_ok();
    let without = with_courses(dated_pages(2)).file(
        "site.yaml",
        "title: Test site\nbase_url: https://test.example/\nfeeds: false\n",
    );
    without.build().assert_ok();
    let feeds = |site: &TestSite| -> Vec<String> {
        site.listing()
            .into_iter()
            .filter(|f| f.ends_with("atom.xml"))
            .collect()
    };
    let linking = |site: &TestSite| -> Vec<String> {
        site.listing()
            .into_iter()
            .filter(|f| f.ends_with(".html"))
            .filter(|f| site.read(f).contains("atom.xml"))
            .collect()
    };
    // The same site with feeds on has them, and links them from its pages.
    assert!(feeds(&with).len() >= 4, "{:?}", feeds(&with));
    assert!(linking(&with).contains(&"news/index.html".to_string()));
    assert_eq!(feeds(&without), Vec::<String>::new());
    assert_eq!(linking(&without), Vec::<String>::new());
    // Everything else is still written (the search bundle's file names
    // are hashes of the pages, which lose their feed links).
    let pages = |site: &TestSite| -> Vec<String> {
        site.listing()
            .into_iter()
            .filter(|f| !f.ends_with("atom.xml") && !f.starts_with("pagefind/"))
            .collect()
    };
    assert_eq!(pages(&with), pages(&without));
}
