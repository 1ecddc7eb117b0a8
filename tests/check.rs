//! `hearth check`: for each check, a page that triggers it and one that must
//! not, asserting the rule, file, line and column; the JSON report against a
//! snapshot; exit codes; external links against a local server; and the
//! default site checking clean at error level.

mod common;

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread;
use std::time::{Duration, Instant};

use common::TestSite;
use hearth::check::{self, Rule};
use hearth::cli::CheckArgs;
use hearth::{ErrorKind, Severity};

/// (file, line, column) of a finding.
type Place = (String, usize, usize);

/// Where findings of `kind` are, sorted, with their severity checked.
fn places_with(args: &CheckArgs, kind: ErrorKind) -> Vec<Place> {
    let findings = check::inspect(args, common::today());
    findings
        .diagnostics
        .sorted()
        .into_iter()
        .filter(|e| e.kind == kind)
        .map(|e| {
            if let ErrorKind::Check(rule) = kind {
                assert_eq!(e.severity, rule.severity(), "{e}");
            }
            (e.path.display().to_string(), e.line, e.column)
        })
        .collect()
}

fn places(site: &TestSite, rule: Rule) -> Vec<Place> {
    places_with(&site.check_args(), ErrorKind::Check(rule))
}

fn at(file: &str, line: usize, column: usize) -> Place {
    (format!("content/{file}"), line, column)
}

/// A page whose body starts on line 6.
fn page(title: &str, body: &str) -> String {
    format!("---\ntitle: {title}\ndescription: A test page.\n---\n\n{body}")
}

/// A site with a page that should trigger a check and one that must not.
fn pair(bad: &str, good: &str) -> TestSite {
    TestSite::minimal()
        .file("content/bad.md", &page("Bad", bad))
        .file("content/good.md", &page("Good", good))
        .bytes("content/map.png", &small_png())
}

/// A real PNG, 8 x 8: `hearth check` publishes images as the build does,
/// and stops at one that is not an image.
fn small_png() -> Vec<u8> {
    let mut png = Vec::new();
    image::DynamicImage::ImageRgb8(image::RgbImage::new(8, 8))
        .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
        .expect("a PNG");
    png
}

#[test]
fn images_without_alt_text_are_errors() {
    // Raw HTML is read as a browser reads it: a tag may run over lines,
    // also in a quote, and a tag in a comment is no tag.
    let site = pair(
        "![](map.png)\n\n<img src=\"map.png\">\n\n> Quoted: <img\n>   src=\"map.png\">\n",
        "![A map of the town](map.png)\n\n<img src=\"map.png\" alt=\"\">\n\n\
         > Quoted: <img\n>   src=\"map.png\" alt=\"A map\">\n\n\
         <!-- <img src=\"old.png\"> -->\n\n<!--\n<img src=\"older.png\">\n-->\n",
    );
    assert_eq!(
        places(&site, Rule::ImageAlt),
        [at("bad.md", 6, 1), at("bad.md", 8, 1), at("bad.md", 10, 11)]
    );
}

#[test]
fn pandoc_alt_attributes_count_as_alt_text() {
    let site = pair(
        "![](map.png){width=\"50%\"}\n\n![](map.png){alt=\"\"}\n",
        "![](map.png){alt='The town centre, with the library marked'}\n\n\
         ![A map](map.png){alt=\"The town centre\" width=\"50%\"}\n",
    );
    assert_eq!(
        places(&site, Rule::ImageAlt),
        [at("bad.md", 6, 1), at("bad.md", 8, 1)]
    );
}

#[test]
fn build_fails_on_an_image_without_alt_text() {
    let svg = "<svg xmlns=\"http://www.w3.org/2000/svg\"/>";
    let good = TestSite::minimal().file("content/a.md", &page("A", "![A map](a.svg)\n"));
    let good = good.file("content/a.svg", svg);
    good.build().assert_ok();
    let bad = TestSite::minimal().file("content/a.md", &page("A", "Text ![](a.svg)\n"));
    let outcome = bad.file("content/a.svg", svg).build();
    assert!(outcome.summary.is_none(), "the build should fail");
    let errors: Vec<_> = outcome
        .errors()
        .iter()
        .map(|e| (e.kind, e.path.display().to_string(), e.line, e.column))
        .collect();
    assert_eq!(
        errors,
        [(
            ErrorKind::Check(Rule::ImageAlt),
            "content/a.md".to_string(),
            6,
            6
        )]
    );
}

#[test]
fn empty_links_are_errors() {
    let site = pair(
        "See [](@/good.md) and [ ](https://example.org/).\n\n\
         <p>Raw: <a href=\"@/good.md\"> </a></p>\n",
        "See [the good page](@/good.md) and [![A map](map.png)](@/good.md).\n\n\
         <p><a href=\"@/good.md\"><img src=\"map.png\" alt=\"A map\"></a> \
         <a href=\"@/good.md\">The <em>good</em> page</a></p>\n",
    );
    assert_eq!(
        places(&site, Rule::EmptyLink),
        [at("bad.md", 6, 5), at("bad.md", 6, 23), at("bad.md", 8, 12)]
    );
}

#[test]
fn vague_link_text_and_bare_addresses_are_warnings() {
    let site = pair(
        "To join, [click here](@/good.md).\n\n- [Read more…](@/good.md)\n- <https://example.org/>\n\n\
         Or <a href=\"@/good.md\">click <b>here</b></a>.\n",
        "Read [our guide to grief](@/good.md) or write to <hello@example.org>.\n\n\
         Or <a href=\"@/good.md\">read our <b>guide</b></a>.\n",
    );
    assert_eq!(
        places(&site, Rule::LinkText),
        [
            at("bad.md", 6, 10),
            at("bad.md", 8, 3),
            at("bad.md", 9, 3),
            at("bad.md", 11, 7)
        ]
    );
}

#[test]
fn site_paths_to_nothing_published_are_warnings() {
    let base = "title: Test site\nbase_url: https://test.example/sub/\n\
                menu:\n  - name: Good\n    url: /good/\n  - name: Gone\n    url: /gone/\n";
    let site = pair(
        "[Gone](/gone/) ![Map](/no-map.png) [Also gone](/sub/bad/x/).\n\n\
         Raw: <a href=\"/raw-gone/\">x</a> <a href=\"/good/\">y</a>\n\n\
         - <img alt=\"A map\" src=\"/raw-map.png\">\n\n\
         <div><a\n  href=\"/raw-gone-2/\">z</a></div>\n",
        // Pages with and without the base path or the closing slash, a
        // page's file, a generated page, a feed, a theme file, a search
        // bundle file, and a fragment and query.
        "[a](/good/) [b](/sub/good/) [c](/good) [d](/leaflet.pdf) [e](/a-z/) \
         [f](/atom.xml) [g](/style.css) [h](/pagefind/pagefind.js) [i](/bad/#top?x=1).\n",
    )
    .file("site.yaml", base)
    .file("content/leaflet.pdf", "%PDF-1.4")
    .file(
        "content/module.md",
        "---\ntitle: M\ndescription: A module.\nresources:\n  - title: Old\n    url: /old/\n---\nText.\n",
    );
    let site_yaml = |line, column| ("site.yaml".to_string(), line, column);
    assert_eq!(
        places(&site, Rule::SiteLink),
        [
            at("bad.md", 6, 1),
            at("bad.md", 6, 16),
            at("bad.md", 6, 36),
            at("bad.md", 8, 15),
            at("bad.md", 10, 25),
            at("bad.md", 13, 9),
            at("module.md", 6, 10),
            site_yaml(7, 10),
        ]
    );
}

#[test]
fn skipped_heading_levels_are_warnings() {
    let site = pair(
        "### Too deep\n\n## Fine\n\n#### Too deep again\n",
        "## One\n\n### Two\n\n## One again\n\n### Two again\n",
    );
    assert_eq!(
        places(&site, Rule::HeadingSkip),
        [at("bad.md", 6, 1), at("bad.md", 10, 1)]
    );
}

#[test]
fn tables_without_headers_are_warnings() {
    let site = pair(
        "|  |  |\n|--|--|\n| a | b |\n\n<table>\n<tr><td>a</td></tr>\n</table>\n",
        "| Step | Who |\n|--|--|\n| a | b |\n\n<table>\n<tr><th>Step</th></tr>\n</table>\n\n\
         <!--\n<table><tr><td>old</td></tr></table>\n-->\n",
    );
    assert_eq!(
        places(&site, Rule::TableHeader),
        [at("bad.md", 6, 1), at("bad.md", 10, 1)]
    );
}

#[test]
fn pages_without_descriptions_are_warnings() {
    let site = TestSite::minimal()
        .file(
            "site.yaml",
            "title: T\nbase_url: https://t.example/\ndescription: A site.\n",
        )
        .file("content/bad.md", "---\nweight: 1\ntitle: Bad\n---\nText.\n")
        .file("content/good.md", &page("Good", "Text.\n"));
    assert_eq!(places(&site, Rule::Description), [at("bad.md", 3, 1)]);
}

#[test]
fn unmarked_welsh_on_an_english_site_is_a_warning() {
    let welsh = "Croeso i'n cymuned. Mae ein gwirfoddolwyr yn helpu pobl sy'n galaru.";
    // Raw HTML is read as a browser reads it: a comment marks nothing, and
    // a tag over several lines, with an element inside, still marks what
    // follows until it closes.
    let bad = format!(
        "Our volunteers help people who are grieving.\n\n{welsh}\n\n\
         <!-- <div lang=\"cy\"> -->\n\n{welsh}\n"
    );
    let good = format!(
        "Our volunteers help people.\n\n<div lang=\"cy\">\n\n{welsh}\n\n</div>\n\n## Croeso i'n cymuned ni {{lang=cy}}\n\nIn Welsh: <span lang=\"cy\">{welsh}</span>\n\n\
         <div class=\"welsh\"\n     lang=\"cy\"><div>Cymraeg</div>\n\n{welsh}\n\n</div>\n"
    );
    let site = pair(&bad, &good);
    assert_eq!(
        places(&site, Rule::Language),
        [at("bad.md", 8, 1), at("bad.md", 12, 1)]
    );
}

#[test]
fn unmarked_english_on_a_welsh_site_is_a_warning() {
    let site = TestSite::minimal()
        .file(
            "site.yaml",
            "title: T\nbase_url: https://t.example/\nlanguage: cy-GB\n",
        )
        .file(
            "content/bad.md",
            &page(
                "Drwg",
                "Croeso i'n cymuned.\n\nFind out how we support the people of our town.\n",
            ),
        );
    assert_eq!(places(&site, Rule::Language), [at("bad.md", 8, 1)]);
}

#[test]
fn reviews_due_within_the_window_are_warnings() {
    let with_due =
        |due: &str| format!("---\ntitle: P\ndescription: d\nreview_due: {due}\n---\nText.\n");
    let site = TestSite::minimal()
        .file("content/soon.md", &with_due("2026-12-10"))
        .file("content/later.md", &with_due("2027-06-01"))
        .file("content/overdue.md", &with_due("2026-01-01"));
    assert_eq!(places(&site, Rule::ReviewDue), [at("soon.md", 4, 13)]);
    assert_eq!(
        places_with(&site.check_args(), ErrorKind::ReviewOverdue),
        [at("overdue.md", 4, 13)]
    );
    let site = site.file(
        "site.yaml",
        "title: T\nbase_url: https://t.example/\nreview:\n  warn_within_days: 365\n",
    );
    assert_eq!(
        places(&site, Rule::ReviewDue),
        [at("later.md", 4, 13), at("soon.md", 4, 13)]
    );
}

fn brief(status: &str, successor: Option<&str>) -> String {
    let successor = successor.map_or(String::new(), |s| {
        format!("superseded_by: \"@/briefs/{s}.md\"\n")
    });
    format!(
        "---\ntitle: B\ndescription: d\nsummary: s\nrecommendations: [r]\nversion: \"1\"\nstatus: {status}\n{successor}review_due: 2030-01-01\n---\nText.\n"
    )
}

#[test]
fn briefs_whose_status_contradicts_their_successor_are_warnings() {
    let site = TestSite::minimal()
        .file(
            "content/briefs/_index.md",
            "---\ntitle: Briefs\ndescription: d\npage_type: brief\n---\n",
        )
        .file(
            "content/briefs/still-current.md",
            &brief("current", Some("new")),
        )
        .file(
            "content/briefs/to-draft.md",
            &brief("superseded", Some("draft")),
        )
        .file("content/briefs/old.md", &brief("superseded", Some("new")))
        .file("content/briefs/new.md", &brief("current", None))
        .file("content/briefs/draft.md", &brief("draft", None));
    assert_eq!(
        places(&site, Rule::SupersededBrief),
        [
            at("briefs/still-current.md", 7, 9),
            at("briefs/to-draft.md", 8, 16)
        ]
    );
}

fn statement_site(last_reviewed: &str) -> TestSite {
    TestSite::minimal().file(
        "site.yaml",
        &format!("title: T\nbase_url: https://t.example/\naccessibility:\n  organisation: O\n  last_reviewed: {last_reviewed}\n"),
    )
}

#[test]
fn a_statement_not_reviewed_for_a_year_is_a_warning() {
    let place = || vec![("site.yaml".to_string(), 5, 3)];
    let old = statement_site("2025-10-01");
    assert_eq!(places(&old, Rule::StatementReview), place());
    let due_soon = statement_site("2025-12-10");
    assert_eq!(places(&due_soon, Rule::StatementReview), place());
    let recent = statement_site("2026-11-01");
    assert_eq!(places(&recent, Rule::StatementReview), []);
}

/// About 120 words of short, plain sentences.
const PLAIN: &str = "We help people in our town. We visit them at home. We sit and talk with them. We bring food when they need it. We help them find the right support. Our friends at the hospice help us too. ";

/// About 120 words of long, Latinate sentences.
const HARD: &str = "Organisational responsibilities regarding comprehensive bereavement provision necessitate interdisciplinary collaboration, institutional accountability and considerable administrative investment throughout participating municipalities. ";

#[test]
fn pages_above_the_target_reading_age_are_warnings() {
    let site = pair(&HARD.repeat(8), &PLAIN.repeat(4));
    assert_eq!(places(&site, Rule::ReadingAge), [at("bad.md", 6, 1)]);
    let findings = check::inspect(&site.check_args(), common::today());
    let ages: Vec<(&str, bool)> = findings
        .readings
        .iter()
        .map(|r| (r.file.as_str(), r.reading_age > 12.0))
        .collect();
    assert!(ages.contains(&("content/bad.md", true)), "{ages:?}");
    assert!(ages.contains(&("content/good.md", false)), "{ages:?}");
    let site = site.file(
        "site.yaml",
        "title: T\nbase_url: https://t.example/\ncheck:\n  reading_age: 4\n",
    );
    assert_eq!(
        places(&site, Rule::ReadingAge),
        [at("bad.md", 6, 1), at("good.md", 6, 1)]
    );
}

#[test]
fn long_sentences_are_warnings() {
    let long = "word ".repeat(30);
    let site = pair(
        &format!("Short one. {}end.\n", long.trim_start()),
        "A sentence of five words. And another short one.\n",
    );
    assert_eq!(places(&site, Rule::LongSentence), [at("bad.md", 6, 12)]);
    let site = site.file(
        "site.yaml",
        "title: T\nbase_url: https://t.example/\ncheck:\n  max_sentence_words: 4\n",
    );
    assert_eq!(
        places(&site, Rule::LongSentence),
        [at("bad.md", 6, 12), at("good.md", 6, 1)]
    );
}

#[test]
fn a_section_sets_its_own_targets_for_the_pages_below_it() {
    let sentence = format!("{}end.\n", "word ".repeat(27));
    let site = TestSite::minimal()
        .file("content/top.md", &page("Top", &sentence))
        .file(
            "content/tech/_index.md",
            "---\ntitle: Tech\ndescription: A technical section.\ncheck: {max_sentence_words: 30, reading_age: 14}\n---\n",
        )
        .file("content/tech/a.md", &page("A", &sentence))
        .file(
            "content/tech/deeper/_index.md",
            "---\ntitle: Deeper\ndescription: Stricter again.\ncheck:\n  max_sentence_words: 10\n---\n",
        )
        .file("content/tech/deeper/b.md", &page("B", &sentence));
    assert_eq!(
        places(&site, Rule::LongSentence),
        [at("tech/deeper/b.md", 6, 1), at("top.md", 6, 1)]
    );
}

#[test]
fn jargon_is_a_warning_and_the_list_is_configurable() {
    let site = pair(
        "We utilised a room in order to meet.\n\n## Going forward\n",
        "We used a room to meet. The utility room is free.\n",
    );
    assert_eq!(
        places(&site, Rule::Jargon),
        [at("bad.md", 6, 4), at("bad.md", 6, 20), at("bad.md", 8, 4)]
    );
    let site = site.file(
        "site.yaml",
        "title: T\nbase_url: https://t.example/\ncheck:\n  jargon:\n    - room\n    - {word: free, instead: open}\n",
    );
    assert_eq!(
        places(&site, Rule::Jargon),
        [
            at("bad.md", 6, 15),
            at("good.md", 6, 11),
            at("good.md", 6, 37),
            at("good.md", 6, 45)
        ]
    );
}

#[test]
fn acronyms_used_before_they_are_spelled_out_are_warnings() {
    let site = pair(
        "Follow WCAG closely. The Web Content Accessibility Guidelines (WCAG) help.\n\nThe ICB and the PHPCI agree.\n",
        "The Web Content Accessibility Guidelines (WCAG) help. Do NOT skip WCAG.\n\nThe NHS and the ICB agree. PHPCI (Public Health Palliative Care International) agrees.\n",
    )
    .file(
        "site.yaml",
        "title: T\nbase_url: https://t.example/\ncheck:\n  glossary:\n    ICB: integrated care board\n",
    );
    assert_eq!(
        places(&site, Rule::Acronym),
        [at("bad.md", 6, 8), at("bad.md", 8, 17)]
    );
}

#[test]
fn quoted_titles_in_capitals_and_identifiers_are_not_acronyms() {
    let site = pair(
        "The report \"PLANNING FOR CARE\" says so. The BMA agrees.\n\nSee “OUR TOWN” and then ASAP.\n",
        "The report \"PLANNING FOR CARE\" says so.\n\nThe poster ‘CARING TOGETHER’ hangs here.\n\n\
         The station NENE01729A and the file RUN2B are ready.\n",
    );
    assert_eq!(
        places(&site, Rule::Acronym),
        [at("bad.md", 6, 45), at("bad.md", 8, 25)]
    );
}

#[test]
fn text_report_exit_codes_and_strict() {
    let warned = TestSite::minimal().file("content/a.md", &page("A", "### Deep\n"));
    let run = warned.run(&["check"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("content/a.md:6:1: warning:"),
        "{}",
        run.stderr
    );
    assert!(run.stdout.contains("heading-skip"), "{}", run.stdout);
    assert_eq!(warned.run(&["check", "--strict"]).code, 1);
    let broken = warned.file("content/b.md", &page("B", "[Gone](@/gone.md)\n"));
    let run = broken.run(&["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("content/b.md:6:1: error:"),
        "{}",
        run.stderr
    );
}

#[test]
fn json_report_matches_the_snapshot() {
    let site = TestSite::fixture("check-snapshot");
    let run = site.run(&["check", "--format", "json"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let parsed: serde_json::Value = serde_json::from_str(&run.stdout).expect("valid JSON");
    assert_eq!(parsed["version"], 1);
    insta::assert_snapshot!("json_report", run.stdout);
}

#[test]
fn default_site_checks_clean_at_error_level() {
    let root = env!("CARGO_MANIFEST_DIR");
    let run = TestSite::minimal().run(&["check", "--root", root]);
    assert_eq!(run.code, 0, "the default site has errors:\n{}", run.stderr);
    let warnings = check::inspect(
        &CheckArgs {
            root: root.into(),
            ..TestSite::minimal().check_args()
        },
        common::today(),
    );
    assert!(!warnings.diagnostics.has_errors());
    assert!(warnings.pages_checked > 10);
}

/// A local server: `/ok` and `/raw?a=1&b=2` answer 200, `/get-only` refuses HEAD, all else 404.
/// It stops when the flag is set, or after 60 seconds.
fn serve() -> (String, Arc<AtomicBool>) {
    let server = tiny_http::Server::http("127.0.0.1:0").expect("a local port");
    let port = server.server_addr().to_ip().expect("an IP address").port();
    let stop = Arc::new(AtomicBool::new(false));
    let flag = Arc::clone(&stop);
    thread::spawn(move || {
        let started = Instant::now();
        while !flag.load(Ordering::SeqCst) && started.elapsed() < Duration::from_secs(60) {
            let Ok(Some(request)) = server.recv_timeout(Duration::from_millis(50)) else {
                continue;
            };
            let is_head = *request.method() == tiny_http::Method::Head;
            let status = match request.url() {
                "/ok" | "/raw?a=1&b=2" => 200,
                "/get-only" if is_head => 405,
                "/get-only" => 200,
                _ => 404,
            };
            let _ = request.respond(tiny_http::Response::empty(status));
        }
    });
    (format!("http://127.0.0.1:{port}"), stop)
}

#[test]
fn external_links_are_checked_and_cached() {
    let (base, stop) = serve();
    let body =
        format!("[Good]({base}/ok) and [gone]({base}/missing).\n\n[Only GET]({base}/get-only)\n\n<p><a href=\"{base}/raw-missing\">Raw</a> <a href=\"{base}/raw?a=1&amp;b=2\">Raw</a></p>\n");
    let front = format!(
        "---\ntitle: L\ndescription: d\nresources:\n  - title: R\n    url: {base}/missing-too\n---\n"
    );
    let site = TestSite::minimal()
        .file("content/links.md", &format!("{front}\n{body}"))
        .file(
            "content/offline.md",
            &page("Offline", &format!("[Good]({base}/ok)\n")),
        );
    let external = CheckArgs {
        external: true,
        ..site.check_args()
    };
    let kind = ErrorKind::Check(Rule::ExternalLink);
    assert_eq!(places_with(&site.check_args(), kind), []);
    let findings = check::inspect(&external, common::today());
    let found: Vec<(usize, usize, Severity)> = findings
        .diagnostics
        .sorted()
        .into_iter()
        .filter(|e| e.kind == kind)
        .map(|e| (e.line, e.column, e.severity))
        .collect();
    let gone = body.find("[gone]").expect("in the body") + 1;
    let raw = "<p><a href=\"".len() + 1;
    assert_eq!(
        found,
        [
            (6, 10, Severity::Error),
            (9, gone, Severity::Error),
            (13, raw, Severity::Error)
        ]
    );
    let cache =
        std::fs::read_to_string(site.root.join(".hearth-cache/links.json")).expect("a cache");
    assert!(
        cache.contains(&format!("{base}/ok")) && !cache.contains("missing"),
        "{cache}"
    );
    stop.store(true, Ordering::SeqCst);
    thread::sleep(Duration::from_millis(200));
    let offline = check::inspect(&external, common::today());
    let errors: Vec<_> = offline
        .diagnostics
        .sorted()
        .into_iter()
        .filter(|e| e.kind == kind && e.path.ends_with("offline.md"))
        .collect();
    assert!(
        errors.is_empty(),
        "the cached good link was checked again: {errors:?}"
    );
}

#[test]
fn a_wrong_check_setting_is_an_error_at_its_line() {
    let site = TestSite::minimal().file(
        "site.yaml",
        "title: T\nbase_url: https://t.example/\ncheck:\n  reading_ag: 10\n",
    );
    assert_eq!(
        places_with(&site.check_args(), ErrorKind::UnknownKey),
        [("site.yaml".to_string(), 4, 3)]
    );
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stdout.is_empty(), "{}", run.stdout);
}

#[test]
fn placeholder_finds_example_text_left_in_front_matter_or_body() {
    let site = TestSite::minimal()
        .file(
            "content/new.md",
            "---\ntitle: New\ndescription: \"[Replace this] One sentence.\"\n---\n\nIntro.\n\n[Replace this] Write here.\n",
        )
        .file(
            "content/done.md",
            "---\ntitle: Done\ndescription: Replace this with care, said nobody.\n---\n\nReplace this [link](@/new.md).\n",
        );
    let kind = ErrorKind::Check(Rule::Placeholder);
    assert_eq!(
        places_with(&site.check_args(), kind),
        [
            ("content/new.md".to_string(), 3, 15),
            ("content/new.md".to_string(), 8, 1)
        ]
    );
}

/// `hearth check` highlights code as the build does, from and into the
/// build's kept highlighting: a build after it finds every block kept, so
/// it makes none afresh and leaves the file as it was.
#[test]
fn check_keeps_the_highlighted_code_a_build_then_takes() {
    let page = "---\ntitle: Code\n---\n```rust\nlet kept = 1;\n```\n";
    let site = TestSite::minimal().file("content/code.md", page);
    check::inspect(&site.check_args(), common::today());
    let file = site.root.join(".hearth-cache/highlight.bin");
    let modified = || {
        std::fs::metadata(&file)
            .and_then(|m| m.modified())
            .expect("kept")
    };
    let checked = modified();
    site.build().assert_ok();
    assert_eq!(modified(), checked, "the build made nothing afresh");
    assert!(site.read("code/index.html").contains("class=\"hl-"));
}
