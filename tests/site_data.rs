//! Site-wide data in templates: `get_page`, `get_section`, `get_taxonomy`
//! and `newest_pages`, in each page's language, and their errors.

mod common;

use common::TestSite;
use hearth::ErrorKind;

/// The kinds fixture with a home template of its own and three dated pages.
fn site_with_home(template: &str) -> TestSite {
    TestSite::fixture("kinds")
        .file("templates/index.html", template)
        .file(
            "content/news/_index.md",
            "---\ntitle: News\nsort_by: date\n---\n",
        )
        .file(
            "content/news/spring.md",
            "---\ntitle: Spring fair\ndate: 2026-04-01\ndescription: Stalls.\n---\nA body never listed.\n",
        )
        .file(
            "content/news/winter.md",
            "---\ntitle: Winter talk\ndate: 2026-01-10\n---\nText.\n",
        )
        .file(
            "content/news/local/_index.md",
            "---\ntitle: Local\n---\n",
        )
        .file(
            "content/news/local/summer.md",
            "---\ntitle: Summer walk\ndate: 2026-07-01\n---\nText.\n",
        )
        .file(
            "content/about.md",
            "---\ntitle: About\ndate: 2026-05-01\n---\nText.\n",
        )
}

/// What the home page's template wrote, trimmed.
fn home(site: &TestSite) -> String {
    site.build().assert_ok();
    site.read("index.html").trim().to_string()
}

#[test]
fn get_section_lists_its_pages_in_order_and_its_subsections() {
    let site = site_with_home(
        "{% set news = get_section(path=\"news\") %}{{ news.title }}:\
         {% for p in news.pages %} {{ p.title }} ({{ p.date }}, {{ p.url }}){% endfor %};\
         {% for s in news.subsections %} {{ s.title }}={{ s.pages | length }}{% endfor %}",
    );
    assert_eq!(
        home(&site),
        "News: Spring fair (2026-04-01, /news/spring/) Winter talk (2026-01-10, /news/winter/); Local=1"
    );
}

#[test]
fn get_section_gives_courses_and_the_charter_at_a_glance() {
    let site = site_with_home(
        "{% set courses = get_section(path=\"courses/_index.md\") %}{% for c in courses.subsections %}\
         {{ c.title }}|{{ c.course.delivery | join(sep=\",\") }}|{{ c.course.duration.display }}|{{ c.course.module_count }}\
         {% endfor %};\
         {% set charter = get_section(path=\"@/charter/_index.md\") %}\
         {{ charter.charter.counts.achieved }} of {{ charter.charter.total }} ({{ charter.charter.percent_achieved }}%)",
    );
    assert_eq!(
        home(&site),
        "Intro course|Online|3 hours 30 minutes|2;1 of 2 (50%)"
    );
}

#[test]
fn get_page_gives_a_summary_and_never_the_body() {
    let site = site_with_home(
        "{% set brief = get_page(path=\"briefs/new.md\") %}\
         {{ brief.title }}|{{ brief.kind }}|{{ brief.summary }}|{{ brief.status }}|{{ brief.url }}|{{ brief.content | default(value=\"no body\") }}",
    );
    assert_eq!(
        home(&site),
        "New brief|brief|The current advice.|current|/briefs/new/|no body"
    );
}

#[test]
fn newest_pages_of_the_site_of_a_section_and_of_a_kind() {
    let site = site_with_home(
        "{% for p in newest_pages(limit=3) %}{{ p.title }},{% endfor %};\
         {% for p in newest_pages(section=\"news\", limit=10) %}{{ p.title }},{% endfor %};\
         {% for p in newest_pages(section=\"news/local\") %}{{ p.title }},{% endfor %};\
         {{ newest_pages(kind=\"brief\") | length }}",
    );
    assert_eq!(
        home(&site),
        "Summer walk,About,Spring fair,;Summer walk,Spring fair,Winter talk,;Summer walk,;0"
    );
}

#[test]
fn get_taxonomy_counts_each_terms_pages() {
    let site = site_with_home(
        "{% set t = get_taxonomy(name=\"topics\") %}{{ t.title }}:\
         {% for term in t.terms %} {{ term.name }}={{ term.page_count }} {{ term.url }}{% endfor %}",
    )
    .file(
        "site.yaml",
        "title: T\nbase_url: https://test.example/\ntaxonomies:\n  - name: topics\n    title: Topics\n",
    )
    .file(
        "content/news/winter.md",
        "---\ntitle: Winter talk\ndate: 2026-01-10\ntopics: [grief, carers]\n---\nText.\n",
    )
    .file(
        "content/about.md",
        "---\ntitle: About\ntopics: [Carers]\n---\nText.\n",
    );
    assert_eq!(
        home(&site),
        "Topics: Carers=2 /topics/carers/ grief=1 /topics/grief/"
    );
}

#[test]
fn a_welsh_page_gets_the_welsh_pages_of_a_section() {
    let template = "{% set home = get_section(path=\"\") %}{% set about = get_page(path=\"about.md\") %}\
                    {% for p in home.pages %}{{ p.title }} {{ p.url }};{% endfor %}{{ about.title }}";
    let site = TestSite::fixture("bilingual").file("templates/index.html", template);
    site.build().assert_ok();
    assert_eq!(
        site.read("index.html").trim(),
        "About us /about/;Contact /contact/;Guide /guide/;About us"
    );
    let welsh = site.read("cy/index.html");
    assert!(
        welsh.trim().starts_with("Amdanom ni /cy/amdanom-ni/;"),
        "{welsh}"
    );
    assert!(welsh.trim().ends_with(";Amdanom ni"), "{welsh}");
}

#[test]
fn a_missing_path_is_an_error_at_the_templates_line() {
    for (call, column) in [
        ("get_page(path=\"briefs/gone.md\")", 4),
        ("get_section(path=\"nowhere\")", 4),
        ("get_taxonomy(name=\"colours\")", 4),
        ("newest_pages(section=\"nowhere\")", 4),
        ("newest_pages(kind=\"poem\")", 4),
        ("get_page(path=\"briefs/_index.md\")", 4),
    ] {
        let site = site_with_home(&format!("<p>\n\n{{{{ {call} }}}}\n</p>\n"));
        let outcome = site.build();
        let errors = outcome.error_places();
        assert_eq!(
            errors,
            [(ErrorKind::Template, "templates/index.html".to_string(), 3)],
            "{call}"
        );
        assert_eq!(outcome.error_spots()[0].2, column, "{call}");
    }
}
