use super::*;
use crate::content::{parse, Source};
use std::path::Path;

fn site(files: &[(&str, &str)], is_drafts: bool) -> (Site, Diagnostics) {
    let config = crate::config::parse(
        Path::new("."),
        "title: T\nbase_url: https://a.test/sub/\n",
        None,
    )
    .unwrap();
    let mut diagnostics = Diagnostics::new();
    let sources = files
        .iter()
        .map(|(path, text)| Source {
            path: path.to_string(),
            text: text.to_string(),
        })
        .collect();
    let pages = parse(sources, &config, &mut diagnostics);
    (
        assemble(
            config,
            pages.into_iter().map(std::sync::Arc::new).collect(),
            Vec::new(),
            is_drafts,
            &mut diagnostics,
        ),
        diagnostics,
    )
}

fn paths(site: &Site) -> Vec<&str> {
    site.pages.iter().map(|p| p.path.as_str()).collect()
}

#[test]
fn order_prefixes_order_pages_and_leave_urls() {
    let (site, diagnostics) = site(
        &[
            ("courses/01-intro/_index.md", "---\ntitle: Intro\n---\n"),
            ("courses/01-intro/02-b.md", "---\ntitle: B\n---\n"),
            ("courses/01-intro/01-a.md", "---\ntitle: A\n---\n"),
        ],
        false,
    );
    assert!(!diagnostics.has_errors(), "{}", diagnostics.report());
    let section = &site.sections[site.pages[0].section];
    assert_eq!(section.path, "courses/intro/");
    let ordered: Vec<&str> = section
        .pages
        .iter()
        .map(|&i| site.pages[i].path.as_str())
        .collect();
    assert_eq!(ordered, ["courses/intro/a/", "courses/intro/b/"]);
    let first = section.pages[0];
    assert_eq!(site.pages[first].next, Some(section.pages[1]));
    assert_eq!(site.url(&site.pages[first].path), "/sub/courses/intro/a/");
}

#[test]
fn two_sources_with_one_url_is_an_error_naming_both() {
    let (_, diagnostics) = site(
        &[
            ("a.md", "---\ntitle: A\n---\n"),
            ("01-a.md", "---\ntitle: A2\n---\n"),
        ],
        false,
    );
    let errors: Vec<_> = diagnostics
        .iter()
        .filter(|e| e.kind == ErrorKind::DuplicateUrl)
        .collect();
    assert_eq!(errors.len(), 1);
    assert!(
        errors[0].message.contains("content/01-a.md") || errors[0].message.contains("content/a.md")
    );
}

#[test]
fn drafts_are_left_out_unless_asked() {
    let files = [
        ("a.md", "---\ntitle: A\ndraft: true\n---\n"),
        ("b.md", "---\ntitle: B\n---\n"),
    ];
    assert_eq!(paths(&site(&files, false).0), ["b/"]);
    assert_eq!(site(&files, true).0.pages.len(), 2);
}

#[test]
fn slug_cannot_escape_and_unusable_names_are_errors() {
    let (site, diagnostics) = site(
        &[
            ("a.md", "---\ntitle: A\nslug: ../../etc\n---\n"),
            ("b.md", "---\ntitle: B\nslug: '!!!'\n---\n"),
        ],
        false,
    );
    assert_eq!(paths(&site), ["etc/"]);
    let slug_error = diagnostics
        .iter()
        .find(|e| e.kind == ErrorKind::InvalidSlug)
        .expect("an error");
    assert_eq!(
        (slug_error.path.to_str(), slug_error.line),
        (Some("content/b.md"), 3)
    );
}

#[test]
fn aliases_redirect_and_collide() {
    let (site, diagnostics) = site(
        &[
            (
                "a.md",
                "---\ntitle: A\naliases: [/old/a/, /b/, \"../x\", /a/]\n---\n",
            ),
            ("b.md", "---\ntitle: B\n---\n"),
        ],
        false,
    );
    assert_eq!(
        site.aliases,
        vec![Alias {
            from: "old/a/".into(),
            to: "a/".into()
        }]
    );
    // Each error points at its alias, and the collision names both files.
    let found: Vec<_> = diagnostics
        .iter()
        .map(|e| (e.kind, e.path.to_str().unwrap_or(""), e.line, e.column))
        .collect();
    assert_eq!(
        found,
        [
            (ErrorKind::DuplicateUrl, "content/a.md", 3, 20),
            (ErrorKind::InvalidSlug, "content/a.md", 3, 26),
            (ErrorKind::DuplicateUrl, "content/a.md", 3, 33),
        ]
    );
    let messages: Vec<&str> = diagnostics.iter().map(|e| e.message.as_str()).collect();
    assert!(messages[0].contains("content/b.md"), "{messages:?}");
}

#[test]
fn a_section_s_aliases_redirect_too() {
    let (site, diagnostics) = site(
        &[
            (
                "care/_index.md",
                "---\ntitle: Care\naliases: [/old-care/]\n---\n",
            ),
            ("care/a.md", "---\ntitle: A\naliases: [/old-a/]\n---\n"),
        ],
        false,
    );
    let aliases: Vec<(&str, &str)> = site
        .aliases
        .iter()
        .map(|a| (a.from.as_str(), a.to.as_str()))
        .collect();
    assert_eq!(aliases, [("old-a/", "care/a/"), ("old-care/", "care/")]);
    assert!(!diagnostics.has_errors(), "{}", diagnostics.report());
}

#[test]
fn two_commitments_with_one_number_are_an_error_naming_the_first() {
    let commitment = |title: &str, number: &str| {
        format!("---\ntitle: {title}\ntype: commitment\n{number}sector: S\nstatus: achieved\nasks: Do it.\n---\n")
    };
    let (_, diagnostics) = site(
        &[
            (
                "charter/_index.md",
                "---\ntitle: Charter\ntype: charter\n---\n",
            ),
            ("charter/a.md", &commitment("A", "number: 1\n")),
            ("charter/b.md", &commitment("B", "number: 2\n")),
            ("charter/c.md", &commitment("C", "number: 1\n")),
            // Two without a number: only the missing field is reported.
            ("charter/d.md", &commitment("D", "")),
            ("charter/e.md", &commitment("E", "")),
        ],
        false,
    );
    // The missing numbers are `MissingField`s; the one clash is the
    // value at c.md's `number:`, naming the page that has it first.
    let clashes: Vec<_> = diagnostics
        .iter()
        .filter(|e| e.kind == ErrorKind::InvalidValue)
        .collect();
    let places: Vec<_> = clashes
        .iter()
        .map(|e| (e.path.to_str().unwrap_or(""), e.line, e.column))
        .collect();
    assert_eq!(places, [("content/charter/c.md", 4, 9)]);
    assert!(clashes[0].message.contains("content/charter/a.md"));
}

#[test]
fn modules_and_commitments_must_live_in_a_course_and_a_charter() {
    let (_, diagnostics) = site(
        &[
            ("guides/_index.md", "---\ntitle: Guides\n---\n"),
            (
                "guides/m.md",
                "---\ntitle: M\ntype: module\nduration: 5 minutes\noutcomes: [y]\n---\n",
            ),
            (
                "c.md",
                "---\ntitle: C\ntype: commitment\nnumber: 1\nsector: S\nstatus: achieved\nasks: Do it.\n---\n",
            ),
            (
                "course/_index.md",
                "---\ntitle: Course\ntype: course\nsummary: S.\ndelivery: online\noutcomes: [x]\n---\n",
            ),
            ("course/m.md", "---\ntitle: M\nduration: 5 minutes\noutcomes: [y]\n---\n"),
        ],
        false,
    );
    let found = located(&diagnostics);
    assert_eq!(
        found,
        [
            ("content/guides/m.md", (3, 7), ErrorKind::InvalidValue),
            ("content/c.md", (3, 7), ErrorKind::InvalidValue),
        ]
    );
}

#[test]
fn taxonomy_terms_merge_by_slug() {
    let (site, _) = site(
        &[
            ("a.md", "---\ntitle: A\ntopics: [Grief]\n---\n"),
            ("b.md", "---\ntitle: B\ntopics: [grief, Care]\n---\n"),
        ],
        false,
    );
    let topics = &site.taxonomies[0];
    let terms: Vec<(&str, usize)> = topics
        .terms
        .iter()
        .map(|t| (t.slug.as_str(), t.pages.len()))
        .collect();
    assert_eq!(terms, [("care", 1), ("grief", 2)]);
}

#[test]
fn a_term_lists_its_pages_newest_first_then_by_title() {
    let (site, _) = site(
        &[
            (
                "a.md",
                "---\ntitle: zebra\ndate: 2026-01-01\ntopics: [grief]\n---\n",
            ),
            ("b.md", "---\ntitle: Undated\ntopics: [grief]\n---\n"),
            (
                "c.md",
                "---\ntitle: Apple\ndate: 2026-01-01\ntopics: [grief]\n---\n",
            ),
            (
                "d.md",
                "---\ntitle: Newest\ndate: 2026-03-01\ntopics: [grief]\n---\n",
            ),
            ("e.md", "---\ntitle: Also undated\ntopics: [grief]\n---\n"),
        ],
        false,
    );
    let grief = &site.taxonomies[0].terms[0];
    let titles: Vec<&str> = grief
        .pages
        .iter()
        .map(|&i| site.pages[i].page.title())
        .collect();
    assert_eq!(
        titles,
        ["Newest", "Apple", "zebra", "Also undated", "Undated"]
    );
}

#[test]
fn missing_home_page_is_made_from_the_config() {
    let (site, _) = site(&[("a.md", "---\ntitle: A\n---\n")], false);
    assert_eq!(site.sections[0].page.title(), "T");
    assert_eq!(site.sections[0].path, "");
}

#[test]
fn an_address_taken_twice_points_at_the_slug() {
    let (_, diagnostics) = site(
        &[
            ("a.md", "---\ntitle: A\n---\n"),
            ("b.md", "---\ntitle: B\nslug:   a\n---\n"),
            ("c.md", "---\ntitle: C\nslug: \"!!!\"\n---\n"),
        ],
        false,
    );
    let found: Vec<_> = diagnostics
        .iter()
        .map(|e| (e.path.to_str().unwrap_or(""), e.line, e.column))
        .collect();
    assert_eq!(
        found,
        [("content/b.md", 3, 9), ("content/c.md", 3, 7)],
        "{}",
        diagnostics.report()
    );
}

/// Each problem as (file, (line, column), kind).
fn located(diagnostics: &Diagnostics) -> Vec<(&str, (usize, usize), ErrorKind)> {
    diagnostics
        .iter()
        .map(|e| {
            let place = (e.line, e.column);
            (e.path.to_str().unwrap_or(""), place, e.kind)
        })
        .collect()
}
