//! The glossary: site.yaml's `glossary:` listed on /glossary/, each
//! page's first use of a term linked to its entry, and its terms counted
//! as spelled out by the acronym check.

mod common;

use common::TestSite;
use hearth::check::{self, Rule};
use hearth::ErrorKind;

const SITE: &str = "title: Glossary test\nbase_url: https://test.example/town/\nglossary:\n  ICB: Integrated care board, the NHS body that plans health services in an area.\n  palliative care: Care that eases symptoms when an illness cannot be cured.\n";

fn site() -> TestSite {
    TestSite::empty()
        .file("site.yaml", SITE)
        .file("content/_index.md", "---\ntitle: Home\n---\nWelcome.\n")
        .file(
            "content/care.md",
            "---\ntitle: Care\ndescription: About care.\n---\n## What the ICB does\n\nRun `ICB` reports, or read [the ICB pages](https://icb.test/).\n\nYour ICB plans palliative care. The ICB and palliative care again.\n",
        )
}

#[test]
fn the_glossary_page_lists_each_term_with_its_definition() {
    let site = site();
    site.build().assert_ok();
    let main = site.main_of("glossary/index.html");
    let icb = main.find("id=\"term-icb\"").expect("the ICB entry");
    let palliative = main
        .find("id=\"term-palliative-care\"")
        .expect("the palliative care entry");
    assert!(icb < palliative, "sorted by term: {main}");
    assert!(main.contains("<dfn><abbr>ICB</abbr></dfn>"), "{main}");
    assert!(
        main.contains("Care that eases symptoms when an illness cannot be cured."),
        "{main}"
    );
}

#[test]
fn only_the_first_use_outside_code_headings_and_links_is_marked() {
    let site = site();
    site.build().assert_ok();
    let main = site.main_of("care/index.html");
    let icb_link =
        "<a class=\"glossary-term\" href=\"/town/glossary/#term-icb\"><abbr>ICB</abbr></a>";
    assert_eq!(main.matches(icb_link).count(), 1, "{main}");
    assert!(
        main.contains(&format!("<p>Your {icb_link} plans")),
        "{main}"
    );
    assert_eq!(main.matches("#term-palliative-care").count(), 1, "{main}");
    assert!(main.contains("<code>ICB</code>"), "{main}");
    assert!(main.contains(">the ICB pages</a>"), "{main}");
    assert!(
        !main.contains("What the <a"),
        "headings are left alone: {main}"
    );
}

#[test]
fn a_site_without_a_glossary_has_no_glossary_page() {
    let site = TestSite::minimal();
    site.build().assert_ok();
    assert!(!site.output().join("glossary").exists());
    assert!(site.output().join("index.html").is_file());
}

#[test]
fn the_acronym_check_counts_a_glossary_term_as_spelled_out() {
    let checked = |site: &TestSite| {
        check::inspect(&site.check_args(), common::today())
            .diagnostics
            .iter()
            .filter(|e| e.kind == ErrorKind::Check(Rule::Acronym))
            .count()
    };
    assert_eq!(checked(&site()), 0);
    let without = site().file(
        "site.yaml",
        "title: Glossary test\nbase_url: https://test.example/town/\n",
    );
    assert!(
        checked(&without) > 0,
        "without the glossary, ICB is an unexplained acronym"
    );
}
