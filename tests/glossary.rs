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

/// A bilingual site: English by default with its glossary, and Welsh
/// with its own under `languages:`.
fn bilingual() -> TestSite {
    TestSite::empty()
        .file(
            "site.yaml",
            "title: Glossary test\nbase_url: https://test.example/\nglossary:\n  ICB: Integrated care board.\n  bereavement: Losing someone close.\nlanguages:\n  cy:\n    title: Prawf geirfa\n    glossary:\n      profedigaeth: Colli rhywun agos.\n      GIG: Gwasanaeth Iechyd Gwladol.\n",
        )
        .file("content/_index.md", "---\ntitle: Home\n---\nWelcome.\n")
        .file("content/_index.cy.md", "---\ntitle: Hafan\n---\nCroeso.\n")
        .file(
            "content/care.md",
            "---\ntitle: Care\n---\nThe ICB helps after a bereavement. Profedigaeth is Welsh for it.\n",
        )
        .file(
            "content/care.cy.md",
            "---\ntitle: Gofal\n---\nMae'r GIG a'r ICB yn helpu ar ôl profedigaeth, neu bereavement.\n",
        )
}

#[test]
fn each_language_has_its_own_glossary_page() {
    let site = bilingual();
    site.build().assert_ok();
    let welsh = site.read("cy/glossary/index.html");
    assert!(welsh.contains("<html lang=\"cy\""), "{welsh}");
    assert!(
        welsh.contains("<h1>Geirfa</h1>"),
        "the title from cy.ftl: {welsh}"
    );
    let main = site.main_of("cy/glossary/index.html");
    assert!(main.contains("id=\"term-profedigaeth\""), "{main}");
    assert!(main.contains("<dfn><abbr>GIG</abbr></dfn>"), "{main}");
    assert!(main.contains("Colli rhywun agos."), "{main}");
    assert!(
        !main.contains("term-icb"),
        "English terms stay English: {main}"
    );
    let english = site.main_of("glossary/index.html");
    assert!(english.contains("<h1>Glossary</h1>"), "{english}");
    assert!(english.contains("id=\"term-icb\""), "{english}");
    assert!(!english.contains("profedigaeth"), "{english}");
}

#[test]
fn a_welsh_page_marks_the_welsh_terms_and_links_the_welsh_glossary() {
    let site = bilingual();
    site.build().assert_ok();
    let welsh = site.main_of("cy/care/index.html");
    assert!(
        welsh.contains(
            "<a class=\"glossary-term\" href=\"/cy/glossary/#term-gig\"><abbr>GIG</abbr></a>"
        ),
        "{welsh}"
    );
    assert!(
        welsh.contains(
            "<a class=\"glossary-term\" href=\"/cy/glossary/#term-profedigaeth\">profedigaeth</a>"
        ),
        "{welsh}"
    );
    assert!(!welsh.contains("#term-icb"), "{welsh}");
    assert!(!welsh.contains("#term-bereavement"), "{welsh}");
    let english = site.main_of("care/index.html");
    assert!(
        english.contains("href=\"/glossary/#term-icb\""),
        "{english}"
    );
    assert!(
        english.contains("href=\"/glossary/#term-bereavement\""),
        "{english}"
    );
    assert!(!english.contains("#term-profedigaeth"), "{english}");
}

#[test]
fn the_acronym_check_counts_the_glossary_of_the_page_s_language() {
    // A Welsh site with English pages: the acronym check reads English.
    let checked = |english_glossary: &str| {
        let site = TestSite::empty()
            .file(
                "site.yaml",
                &format!("title: Prawf\nbase_url: https://test.example/\nlanguage: cy\nglossary:\n  PCB: Bwrdd.\nlanguages:\n  en:\n    title: Test\n{english_glossary}"),
            )
            .file("content/_index.md", "---\ntitle: Hafan\n---\nCroeso.\n")
            .file("content/_index.en.md", "---\ntitle: Home\n---\nWelcome.\n")
            .file(
                "content/care.en.md",
                "---\ntitle: Care\ndescription: About care.\n---\nAsk the ICB and the PCB for help.\n",
            );
        let args = site.check_args();
        let found: Vec<String> = check::inspect(&args, common::today())
            .diagnostics
            .iter()
            .filter(|e| e.kind == ErrorKind::Check(Rule::Acronym))
            .map(|e| e.message.clone())
            .collect();
        found
    };
    let with = checked(
        "    glossary:\n      ICB: Integrated care board.\n      PCB: Primary care board.\n",
    );
    assert!(with.is_empty(), "{with:?}");
    let without = checked("");
    assert_eq!(
        without.len(),
        2,
        "the default language's glossary does not define the English page's acronyms: {without:?}"
    );
}

#[test]
fn each_glossary_page_switches_to_its_counterpart() {
    let site = bilingual();
    site.build().assert_ok();
    let english = site.read("glossary/index.html");
    assert!(
        english.contains("href=\"/cy/glossary/\" lang=\"cy\" hreflang=\"cy\">Cymraeg</a>"),
        "{english}"
    );
    assert!(
        english.contains(
            "<link rel=\"alternate\" hreflang=\"cy\" href=\"https://test.example/cy/glossary/\">"
        ),
        "{english}"
    );
    let welsh = site.read("cy/glossary/index.html");
    assert!(
        welsh.contains("href=\"/glossary/\" lang=\"en-GB\" hreflang=\"en-GB\">English</a>")
            || welsh.contains("href=\"/glossary/\" lang=\"en\" hreflang=\"en\">English</a>"),
        "{welsh}"
    );
}

#[test]
fn a_glossary_in_one_language_only_has_no_switch() {
    let site = TestSite::empty()
        .file(
            "site.yaml",
            "title: Glossary test\nbase_url: https://test.example/\nglossary:\n  ICB: Integrated care board.\nlanguages:\n  cy:\n    title: Prawf geirfa\n",
        )
        .file("content/_index.md", "---\ntitle: Home\n---\nThe ICB.\n")
        .file("content/_index.cy.md", "---\ntitle: Hafan\n---\nCroeso.\n");
    site.build().assert_ok();
    assert!(!site.output().join("cy/glossary").exists());
    let english = site.read("glossary/index.html");
    assert!(!english.contains("language-switch"), "{english}");
    assert!(!english.contains("/cy/glossary/"), "{english}");
    // The pages made in every language still switch.
    assert!(site.read("a-z/index.html").contains("href=\"/cy/a-z/\""));
}

/// A Welsh site (with English pages) whose glossary holds `gofalwr`
/// (carer) and `cymorth` (help); the English glossary holds `gofalwr` too.
fn mutations() -> TestSite {
    let page = |title: &str, body: &str| format!("---\ntitle: {title}\n---\n{body}\n");
    TestSite::empty()
        .file(
            "site.yaml",
            "title: Prawf\nbase_url: https://test.example/\nlanguage: cy\nglossary:\n  gofalwr: Rhywun sy'n gofalu am rywun arall.\n  cymorth: Help.\nlanguages:\n  en:\n    title: Test\n    glossary:\n      gofalwr: A carer, in Welsh.\n",
        )
        .file("content/_index.md", &page("Hafan", "Croeso."))
        .file("content/soft.md", &page("Meddal", "Daeth ei ofalwr gyda hi. Ei gofalwr hi."))
        .file("content/nasal.md", &page("Trwynol", "Dyma fy nghymorth i."))
        .file("content/aspirate.md", &page("Llaes", "Diolch am ei chymorth hi."))
        .file("content/sentence.md", &page("Brawddeg", "Ofalwr da oedd e."))
        .file(
            "content/other.md",
            &page("Arall", "Mae'r ofalwraig yn y gymorthfa. Ond nid yw ofal yn air."),
        )
        .file("content/english.en.md", &page("English", "Her ofalwr came."))
}

/// The link of `term` to the Welsh glossary, showing `shown`.
fn term_link(term: &str, shown: &str) -> String {
    format!("<a class=\"glossary-term\" href=\"/glossary/#term-{term}\">{shown}</a>")
}

#[test]
fn a_welsh_term_is_marked_in_its_soft_nasal_and_aspirate_forms() {
    let site = mutations();
    site.build().assert_ok();
    for (path, term, shown) in [
        ("soft/index.html", "gofalwr", "ofalwr"),
        ("nasal/index.html", "cymorth", "nghymorth"),
        ("aspirate/index.html", "cymorth", "chymorth"),
        ("sentence/index.html", "gofalwr", "Ofalwr"),
    ] {
        let main = site.main_of(path);
        assert!(main.contains(&term_link(term, shown)), "{shown} in {main}");
    }
    // Only the first use is marked, whatever its form.
    let soft = site.main_of("soft/index.html");
    assert_eq!(soft.matches("class=\"glossary-term\"").count(), 1, "{soft}");
}

#[test]
fn a_word_that_only_starts_like_a_mutated_term_is_not_marked() {
    let site = mutations();
    site.build().assert_ok();
    let other = site.main_of("other/index.html");
    assert!(!other.contains("glossary-term"), "{other}");
    // English pages match terms only as written.
    let english = site.main_of("en/english/index.html");
    assert!(!english.contains("glossary-term"), "{english}");
}
