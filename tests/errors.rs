//! Bad input: every problem is reported with its kind, file and line, all at
//! once, and the previous output is left exactly as it was.

mod common;

use common::{Outcome, TestSite};
use hearth::ErrorKind;

/// Builds a good site, breaks it with one file, and checks the build fails
/// without touching the previous output.
fn break_with(path: &str, bytes: &[u8]) -> (TestSite, common::Outcome) {
    let site = TestSite::minimal().file("content/good.md", "---\ntitle: Good\n---\nFine.\n");
    site.build().assert_ok();
    let before = site.snapshot();
    assert!(before.contains_key("good/index.html"));
    let site = site.bytes(path, bytes);
    let outcome = site.build();
    assert!(outcome.summary.is_none(), "the build should fail");
    assert_eq!(site.snapshot(), before, "the previous output changed");
    (site, outcome)
}

fn first_error(outcome: &common::Outcome) -> (ErrorKind, String, usize, usize) {
    let error = outcome.errors()[0];
    (
        error.kind,
        error.path.display().to_string(),
        error.line,
        error.column,
    )
}

#[test]
fn invalid_utf8_is_located() {
    let (_, outcome) = break_with("content/bad.md", b"---\ntitle: Bad\n---\nCaf\xe9 au lait\n");
    assert_eq!(
        first_error(&outcome),
        (ErrorKind::InvalidUtf8, "content/bad.md".into(), 4, 4)
    );
}

#[test]
fn empty_file_needs_front_matter() {
    let (_, outcome) = break_with("content/empty.md", b"");
    assert_eq!(
        first_error(&outcome),
        (ErrorKind::FrontMatter, "content/empty.md".into(), 1, 1)
    );
}

#[test]
fn huge_file_is_refused_quickly() {
    let mut huge = b"---\ntitle: Huge\n---\n".to_vec();
    huge.resize(50 * 1024 * 1024, b'a');
    let (_, outcome) = break_with("content/huge.md", &huge);
    assert_eq!(
        first_error(&outcome),
        (ErrorKind::FileTooLarge, "content/huge.md".into(), 0, 0)
    );
    // One byte over the limit is refused too (the size it reports is
    // rounded up: see files.rs).
    huge.resize(8 * 1024 * 1024 + 1, b'a');
    let (_, outcome) = break_with("content/huge.md", &huge);
    assert_eq!(first_error(&outcome).0, ErrorKind::FileTooLarge);
}

#[test]
fn malformed_yaml_is_located() {
    let (_, outcome) = break_with(
        "content/bad.md",
        b"---\ntitle: Bad\naliases: [one, two\nweight: 2\n---\n",
    );
    let (kind, path, line, _) = first_error(&outcome);
    assert_eq!((kind, path.as_str()), (ErrorKind::Yaml, "content/bad.md"));
    assert!((3..=5).contains(&line), "line {line}");
}

#[test]
fn deeply_nested_yaml_is_an_error_not_a_crash() {
    let text = format!(
        "---\ntitle: Deep\nextra: {}{}\n---\n",
        "[".repeat(5000),
        "]".repeat(5000)
    );
    let (_, outcome) = break_with("content/deep.md", text.as_bytes());
    assert_eq!(first_error(&outcome).1, "content/deep.md");
}

#[test]
fn yaml_alias_bomb_is_an_error() {
    let mut text = String::from("---\ntitle: Bomb\nextra:\n  a: &a [x,x,x,x,x,x,x,x,x,x]\n");
    for level in 1..12u8 {
        let (prev, next) = ((b'a' + level - 1) as char, (b'a' + level) as char);
        text.push_str(&format!("  {next}: &{next} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]\n"));
    }
    text.push_str("---\n");
    let (_, outcome) = break_with("content/bomb.md", text.as_bytes());
    assert_eq!(first_error(&outcome).1, "content/bomb.md");
}

#[test]
fn wrong_type_points_at_the_field() {
    let (_, outcome) = break_with("content/bad.md", b"---\ntitle: Bad\nweight: heavy\n---\n");
    assert_eq!(
        first_error(&outcome),
        (ErrorKind::InvalidValue, "content/bad.md".into(), 3, 9)
    );
}

#[test]
fn broken_links_and_anchors_are_located() {
    let (_, outcome) = break_with(
        "content/links.md",
        b"---\ntitle: Links\n---\n\nSee [x](@/nope.md) and\n[y](@/good.md#missing).\n",
    );
    assert_eq!(
        outcome.error_places(),
        vec![
            (ErrorKind::BrokenLink, "content/links.md".into(), 5),
            (ErrorKind::BrokenAnchor, "content/links.md".into(), 6)
        ]
    );
    assert_eq!(outcome.errors()[0].column, 5);
}

#[test]
fn broken_links_in_raw_html_are_located_at_the_target() {
    let (_, outcome) = break_with(
        "content/raw.md",
        b"---\ntitle: Raw\n---\n\n<p>A <a href=\"@/good.md\">good</a> link.</p>\n\nAnd <a href=\"@/nope.md\">a bad</a> one.\n",
    );
    let error = outcome.errors()[0];
    assert_eq!(
        (error.kind, error.line, error.column),
        (ErrorKind::BrokenLink, 7, 14),
        "{error}"
    );
    assert_eq!(outcome.errors().len(), 1, "{:?}", outcome.errors());
}

#[test]
fn a_link_in_curly_quotes_is_a_broken_link_at_its_href() {
    let (_, outcome) = break_with(
        "content/pasted.md",
        "---\ntitle: Pasted\n---\n\n<p><a href=”@/good.md”>Good</a></p>\n".as_bytes(),
    );
    let error = outcome.errors()[0];
    assert_eq!(
        (error.kind, error.line, error.column),
        (ErrorKind::BrokenLink, 5, 12)
    );
}

/// An HTML block comes from the markdown parser a line at a time; a tag
/// over several lines, a comment, or an `id` in single quotes or none must
/// still be read as a browser reads them.
#[test]
fn raw_html_blocks_are_read_whole() {
    let body = "---\ntitle: Raw\n---\n\n\
                <div id='single'>One</div>\n<p id=bare>Two</p>\n\n\
                <!-- <a href=\"@/old.md\">old</a>\n<a href=\"#gone\"> -->\n\n\
                [One](#single) and [two](#bare).\n\n\
                > <a class=\"more\"\n>    href=\"@/nope.md\">multi-line</a>\n";
    let (_, outcome) = break_with("content/raw.md", body.as_bytes());
    let places = outcome.error_spots();
    assert_eq!(
        places,
        [(ErrorKind::BrokenLink, 14, 12)],
        "{:?}",
        outcome.errors()
    );

    let site = TestSite::minimal()
        .file("content/good.md", "---\ntitle: Good\n---\nFine.\n")
        .file("content/raw.md", &body.replace("nope", "good"));
    site.build().assert_ok();
    let html = site.read("raw/index.html");
    assert!(
        html.contains("href=\"#single\"") && html.contains("href=\"#bare\""),
        "{html}"
    );
    assert!(
        html.contains("<a class=\"more\" href=\"/good/\">"),
        "{html}"
    );
}

/// A course's `_index.md` with every field a course needs.
const COURSE: &str = "---\ntitle: C\ntype: course\nsummary: s\naudiences: [carers]\ndelivery: online\noutcomes: [o]\n---\n";

/// A minimal site with the course `course` at content/c/ and one module in it.
fn course_with_module(course: &str, module: &str) -> TestSite {
    TestSite::minimal()
        .file("content/c/_index.md", course)
        .file("content/c/m.md", module)
}

#[test]
fn broken_front_matter_links_point_at_the_link() {
    let site = course_with_module(COURSE, "---\ntitle: M\nduration: 1 hour\noutcomes: [o]\nresources:\n  - title: Good\n    url: \"@/c/_index.md\"\n  - title: Gone\n    url: \"@/gone.md\"\n---\nText.\n");
    let outcome = site.build();
    assert_eq!(
        first_error(&outcome),
        (ErrorKind::BrokenLink, "content/c/m.md".into(), 9, 11)
    );
}

#[test]
fn a_mistyped_entry_does_not_hide_the_page_s_other_problems() {
    // One build reports the three mistyped entries, the missing duration
    // and the broken link; `outcomes`, though unread, is not also missing.
    let site = course_with_module(COURSE, "---\ntitle: M\nweight: first\noutcomes: know why\ntopics: {a: 1}\n---\nSee [x](@/gone.md).\n");
    let outcome = site.build();
    assert_eq!(
        outcome.error_spots(),
        [
            (ErrorKind::MissingField, 1, 1),
            (ErrorKind::InvalidValue, 3, 9),
            (ErrorKind::InvalidValue, 4, 11),
            (ErrorKind::InvalidValue, 5, 9),
            (ErrorKind::BrokenLink, 7, 5),
        ],
        "{:?}",
        outcome.errors()
    );
}

#[test]
fn two_files_with_one_url_name_each_other() {
    let (_, outcome) = break_with("content/01-good.md", b"---\ntitle: Also good\n---\n");
    let error = outcome.errors()[0];
    assert_eq!(error.kind, ErrorKind::DuplicateUrl);
    let both = format!("{} {}", error.path.display(), error.message);
    assert!(
        both.contains("content/good.md") && both.contains("content/01-good.md"),
        "{both}"
    );
}

#[test]
fn unclosed_learning_block_is_an_error_at_its_opening_line() {
    let (_, outcome) = break_with(
        "content/block.md",
        b"---\ntitle: Block\n---\n\n::: challenge\nNever closed.\n",
    );
    assert_eq!(
        first_error(&outcome),
        (ErrorKind::Markdown, "content/block.md".into(), 5, 1)
    );
}

#[test]
fn config_errors_suggest_the_near_miss() {
    let (_, outcome) = break_with(
        "site.yaml",
        b"title: T\nbase_url: https://t.example/\ndescripton: typo\n",
    );
    let error = outcome.errors()[0];
    assert_eq!((error.kind, error.line), (ErrorKind::UnknownKey, 3));
    assert_eq!(error.help.as_deref(), Some("did you mean `description`?"));
}

#[test]
fn template_errors_name_the_template_line_and_column() {
    let (_, outcome) = break_with(
        "templates/page.html",
        b"<main>\n{{ page.title | nosuchfilter }}\n</main>\n",
    );
    assert_eq!(
        first_error(&outcome),
        (ErrorKind::Template, "templates/page.html".into(), 2, 17)
    );
}

/// A partial is a component taking named arguments: a call with one it
/// does not take, or without one it needs, fails at the call; an error
/// inside a site's own version of a partial is placed in that file.
#[test]
fn component_errors_name_the_call_or_the_partial() {
    let (_, outcome) = break_with(
        "templates/page.html",
        b"<main>\n  {{ <toc toc={page.toc} depth={2} /> }}\n</main>\n",
    );
    assert_eq!(
        first_error(&outcome),
        (ErrorKind::Template, "templates/page.html".into(), 2, 6)
    );
    let (_, outcome) = break_with("templates/page.html", b"<main>\n{{ <toc /> }}\n</main>\n");
    assert_eq!(
        first_error(&outcome),
        (ErrorKind::Template, "templates/page.html".into(), 2, 4)
    );
    let (_, outcome) = break_with(
        "templates/partials/review.html",
        b"{% component review(review) %}\n{{ review.nosuchfield }}\n{% endcomponent review %}\n",
    );
    assert_eq!(
        first_error(&outcome),
        (
            ErrorKind::Template,
            "templates/partials/review.html".into(),
            2,
            11
        )
    );
}

#[test]
fn a_misspelt_value_marked_safe_fails_instead_of_publishing_nothing() {
    let (_, outcome) = break_with(
        "templates/page.html",
        b"<main>\n{{ page.contnet | safe }}\n</main>\n",
    );
    assert_eq!(
        first_error(&outcome),
        (ErrorKind::Template, "templates/page.html".into(), 2, 19)
    );
    // A value that is there still passes through unescaped.
    let site = TestSite::minimal()
        .file(
            "content/good.md",
            "---\ntitle: Tea & talk\n---\nFine *here*.\n",
        )
        .file(
            "templates/page.html",
            "<main>{{ page.content | safe }}|{{ page.title | safe }}</main>",
        );
    site.build().assert_ok();
    let html = site.read("good/index.html");
    assert!(
        html.contains("<main><p>Fine <em>here</em>.</p>\n|Tea & talk</main>"),
        "{html}"
    );
}

#[test]
fn every_template_that_fails_to_parse_is_reported() {
    let site = TestSite::minimal()
        .file("content/good.md", "---\ntitle: Good\n---\nFine.\n")
        .file("templates/page.html", "<main>\n{{ oops( }}\n</main>\n")
        .file("templates/section.html", "{% if x %}\n")
        .file("templates/404.html", "<p>\n\n{% for %}</p>\n");
    let places: Vec<_> = site
        .build()
        .errors()
        .iter()
        .map(|e| (e.path.display().to_string(), e.line))
        .collect();
    assert_eq!(
        places,
        [
            ("templates/404.html".to_string(), 3),
            ("templates/page.html".to_string(), 2),
            ("templates/section.html".to_string(), 2)
        ]
    );
    // A broken parent is reported once: its children fail only for want of it.
    let site = TestSite::minimal().file("templates/base.html", "{% block main %}\n");
    let errors: Vec<_> = site
        .build()
        .errors()
        .iter()
        .map(|e| e.path.display().to_string())
        .collect();
    assert_eq!(errors, ["templates/base.html"]);
}

#[test]
fn extending_a_missing_template_is_one_error_at_the_name() {
    let site = TestSite::minimal().file(
        "templates/page.html",
        "{# This extends bse.html. #}\n{% extends \"bse.html\" %}\n{% block main %}{% endblock %}\n",
    );
    let outcome = site.build();
    assert_eq!(outcome.errors().len(), 1, "{:?}", outcome.errors());
    assert_eq!(
        first_error(&outcome),
        (ErrorKind::Template, "templates/page.html".into(), 2, 13)
    );
    let error = outcome.errors()[0];
    assert_eq!(error.help.as_deref(), Some("did you mean `base.html`?"));
}

#[test]
fn templates_extending_each_other_are_one_error_naming_the_loop() {
    let site = TestSite::minimal()
        .file("templates/base.html", "{% extends \"page.html\" %}\n")
        .file(
            "templates/page.html",
            "{% extends \"base.html\" %}{% block main %}{% endblock %}\n",
        );
    let outcome = site.build();
    assert_eq!(outcome.errors().len(), 1, "{:?}", outcome.errors());
    let (kind, path, line, _) = first_error(&outcome);
    assert_eq!((kind, line), (ErrorKind::Template, 1));
    assert!(
        ["templates/base.html", "templates/page.html"].contains(&path.as_str()),
        "{path}"
    );
}

#[test]
fn a_missing_theme_is_an_error_at_its_name() {
    let site = TestSite::minimal().file(
        "site.yaml",
        "title: T\nbase_url: https://test.example/\ntheme: lantern\n",
    );
    let outcome = site.build();
    assert_eq!(
        first_error(&outcome),
        (ErrorKind::Theme, "site.yaml".into(), 3, 8)
    );
}

#[test]
fn a_template_the_theme_lacks_is_an_error_at_its_name() {
    for path in ["content/bad.md", "content/part/_index.md"] {
        let (_, outcome) = break_with(path, b"---\ntitle: Bad\ntemplate: pge.html\n---\n");
        assert_eq!(
            first_error(&outcome),
            (ErrorKind::Template, path.into(), 3, 11)
        );
        let help = outcome.errors()[0].help.clone();
        assert_eq!(help.as_deref(), Some("did you mean `page.html`?"));
    }
}

#[test]
fn byte_order_mark_and_crlf_build_correctly_with_right_lines() {
    let site = TestSite::minimal().bytes(
        "content/win.md",
        b"\xef\xbb\xbf---\r\ntitle: Windows\r\n---\r\n\r\nHello [x](@/nope.md)\r\n",
    );
    let outcome = site.build();
    assert_eq!(
        outcome.error_places(),
        vec![(ErrorKind::BrokenLink, "content/win.md".into(), 5)]
    );
    let site = site.bytes(
        "content/win.md",
        b"\xef\xbb\xbf---\r\ntitle: Windows\r\n---\r\n\r\nHello\r\n",
    );
    site.build().assert_ok();
    assert!(site.read("win/index.html").contains("Windows"));
}

#[test]
fn pathological_markdown_builds() {
    let nested = format!(
        "---\ntitle: Deep\n---\n{}x\n\n{}\n",
        "> ".repeat(3000),
        "*a **b ".repeat(20000)
    );
    let site = TestSite::minimal().file("content/deep.md", &nested);
    site.build().assert_ok();
}

#[test]
fn every_error_is_reported_at_once_sorted_with_a_count() {
    let site = TestSite::fixture("broken");
    let run = site.run(&["build"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    insta::assert_snapshot!(run.stderr);
}

#[cfg(unix)]
#[test]
fn symlinks_out_of_the_site_are_refused() {
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(
        outside.path().join("secret.md"),
        "---\ntitle: Secret\n---\n",
    )
    .unwrap();
    let site = TestSite::minimal();
    std::os::unix::fs::symlink(
        outside.path().join("secret.md"),
        site.root.join("content/secret.md"),
    )
    .unwrap();
    std::os::unix::fs::symlink(outside.path(), site.root.join("content/elsewhere")).unwrap();
    let outcome = site.build();
    let places = outcome.error_places();
    assert_eq!(places.len(), 2, "{places:?}");
    assert!(places
        .iter()
        .all(|(kind, _, _)| *kind == ErrorKind::Symlink));
    assert!(!site.output().join("secret").exists());
}

#[test]
fn output_folders_hearth_did_not_make_are_refused() {
    let site = TestSite::minimal().file("keep/notes.txt", "mine");
    for output in [".", "content", "content/x", "..", "keep"] {
        let mut diagnostics = hearth::Diagnostics::new();
        let summary =
            hearth::build::run(&site.options(), &site.root.join(output), &mut diagnostics);
        assert!(summary.is_none(), "built into {output}");
        assert_eq!(
            diagnostics.iter().next().unwrap().kind,
            ErrorKind::UnsafeOutput,
            "{output}"
        );
    }
    assert_eq!(
        std::fs::read_to_string(site.root.join("keep/notes.txt")).unwrap(),
        "mine"
    );
    site.build().assert_ok();
    site.build().assert_ok();
}

#[test]
fn an_interrupted_build_leaves_output_and_is_cleaned_next_time() {
    let site = TestSite::minimal();
    site.build().assert_ok();
    let leftover = site.root.join(".public.hearth-new");
    std::fs::create_dir_all(&leftover).unwrap();
    std::fs::write(leftover.join(hearth::build::MARKER), "").unwrap();
    std::fs::write(leftover.join("half.html"), "half").unwrap();
    site.build().assert_ok();
    assert!(!leftover.exists());
    assert!(!site.output().join("half.html").exists());
}

/// The build's one error, a `DuplicateUrl`, as (its file, the message);
/// the message is only searched for the other source's path.
fn only_error(outcome: &Outcome) -> (String, String) {
    let errors = outcome.errors();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0].kind, ErrorKind::DuplicateUrl);
    (
        errors[0].path.display().to_string(),
        errors[0].message.clone(),
    )
}

/// Asserts that `message` names the file at `path`, the other source of a clash.
fn names(message: &str, path: &str) {
    assert!(message.contains(path), "{path} not named in: {message}");
}

#[test]
fn a_static_file_where_a_page_is_published_names_both() {
    let (_, outcome) = break_with("static/good/index.html", b"<p>Mine</p>");
    let (path, message) = only_error(&outcome);
    assert_eq!(path, "static/good/index.html");
    names(&message, "content/good.md");
}

#[test]
fn a_static_file_where_a_folder_is_needed_is_an_error() {
    let (_, outcome) = break_with("static/good", b"a file with no extension");
    let (path, message) = only_error(&outcome);
    assert_eq!(path, "static/good");
    names(&message, "content/good.md");
}

#[test]
fn a_static_file_beside_a_copied_one_is_an_error_at_the_static_one() {
    let site = TestSite::minimal()
        .file("content/notes/_index.md", "---\ntitle: Notes\n---\n")
        .bytes("content/notes/chart.pdf", b"one")
        .bytes("static/notes/chart.pdf", b"two");
    let (path, message) = only_error(&site.build());
    assert_eq!(path, "static/notes/chart.pdf");
    names(&message, "content/notes/chart.pdf");
}

#[test]
fn a_site_s_robots_txt_replaces_the_one_hearth_makes() {
    let site = TestSite::minimal();
    site.build().assert_ok();
    assert!(site
        .read("robots.txt")
        .contains("Sitemap: https://test.example/sitemap.xml"));
    let site = site.file("static/robots.txt", "User-agent: *\nDisallow: /drafts/\n");
    site.build().assert_ok();
    assert_eq!(
        site.read("robots.txt"),
        "User-agent: *\nDisallow: /drafts/\n"
    );
}

#[test]
fn a_page_where_hearth_makes_one_is_one_error_at_the_page() {
    let site = TestSite::minimal().file("content/search.md", "---\ntitle: Find\n---\nHi.\n");
    let (path, message) = only_error(&site.build());
    assert_eq!(path, "content/search.md");
    names(&message, "search:");

    let mut site = TestSite::minimal().file(
        "content/news/_index.md",
        "---\ntitle: News\npaginate_by: 1\n---\n",
    );
    for name in ["a", "b"] {
        site = site.file(
            &format!("content/news/{name}.md"),
            "---\ntitle: N\n---\nHi.\n",
        );
    }
    let site = site.file("content/news/page/2.md", "---\ntitle: Two\n---\nHi.\n");
    let (path, message) = only_error(&site.build());
    assert_eq!(path, "content/news/page/2.md");
    names(&message, "content/news/_index.md");
}

/// One broken link expected: its file, line, column, the help it gives,
/// and the path its message or help suggests, where it suggests one.
type Broken<'a> = (&'a str, usize, usize, &'a str, Option<&'a str>);

/// Asserts the build's errors are exactly these broken links.
fn assert_broken_links(outcome: &Outcome, expected: &[Broken]) {
    let errors = outcome.errors();
    assert_eq!(errors.len(), expected.len(), "{errors:#?}");
    for (error, &(path, line, column, help, suggests)) in errors.iter().zip(expected) {
        assert_eq!(
            (
                error.kind,
                error.path.display().to_string().as_str(),
                error.line,
                error.column,
                error.help.as_deref().unwrap_or_default(),
            ),
            (ErrorKind::BrokenLink, path, line, column, help),
            "{error:#?}"
        );
        if let Some(suggests) = suggests {
            let said = format!("{} {}", error.message, help);
            assert!(said.contains(suggests), "{suggests} not suggested: {said}");
        }
    }
}

const LINK_HELP: &str = "link to a page as @/path/from/content.md, or check the spelling";

#[test]
fn a_broken_link_a_typo_away_from_a_page_names_the_page() {
    let site = TestSite::minimal()
        .file(
            "site.yaml",
            "title: T\nbase_url: https://test.example/\nmenu:\n  - name: About\n    url: \"@/abut.md\"\n",
        )
        .file("content/about.md", "---\ntitle: About\n---\nHi.\n")
        .file(
            "content/links.md",
            "---\ntitle: Links\n---\n[a](@/abut.md), [b](abouts.md) and [c](@/contact.md).\n",
        );
    let page = "content/links.md";
    assert_broken_links(
        &site.build(),
        &[
            (page, 4, 1, LINK_HELP, Some("content/about.md")),
            (page, 4, 17, LINK_HELP, Some("content/about.md")),
            (page, 4, 36, LINK_HELP, None),
            (
                "site.yaml",
                5,
                11,
                "did you mean @/about.md?",
                Some("@/about.md"),
            ),
        ],
    );
}

#[test]
fn a_file_named_in_other_capitals_is_found_and_a_missing_file_gets_file_help() {
    let site = TestSite::minimal()
        .bytes("content/img/map.png", b"\x89PNG\r\n\x1a\n")
        .file(
            "content/links.md",
            "---\ntitle: Links\n---\n![A map](IMG/Map.png)\n\n![A plan](img/plan.png)\n\n[a](@/Links.md)\n",
        );
    let file_help = "put the file in the content folder and give its path from this page (img/map.png) or from the content folder (@/img/map.png), or check the spelling";
    let page = "content/links.md";
    assert_broken_links(
        &site.build(),
        &[
            (page, 4, 1, file_help, Some("content/img/map.png")),
            (page, 6, 1, file_help, None),
            (page, 8, 1, LINK_HELP, Some("content/links.md")),
        ],
    );
}

#[test]
fn a_typo_in_a_letter_beyond_ascii_still_finds_the_page() {
    // `–` (an en dash) is three bytes in UTF-8 and `-` one: the names are
    // one letter apart, though two bytes differ in length.
    let site = TestSite::minimal()
        .file("content/b–c.md", "---\ntitle: B to C\n---\nHi.\n")
        .file(
            "content/links.md",
            "---\ntitle: Links\n---\n[a](@/b-c.md).\n",
        );
    assert_broken_links(
        &site.build(),
        &[("content/links.md", 4, 1, LINK_HELP, Some("content/b–c.md"))],
    );
}

#[test]
fn pasted_control_characters_are_read_as_spaces_with_a_warning_at_each() {
    // A vertical tab (a word processor's line break) in the title, a form
    // feed and an escape character in the body: YAML alone would refuse
    // the first, and the page's HTML would carry the others.
    let site = TestSite::minimal().bytes(
        "content/pasted.md",
        b"---\ntitle: Caring\x0bat home\n---\n\nA page\x0c break and \x1b[1m here.\n",
    );
    let outcome = site.build();
    outcome.assert_ok();
    assert_eq!(
        outcome.warning_spots(),
        [
            (ErrorKind::ControlCharacter, 2, 14),
            (ErrorKind::ControlCharacter, 5, 7),
            (ErrorKind::ControlCharacter, 5, 19),
        ]
    );
    let html = site.read("pasted/index.html");
    assert!(html.contains("<h1>Caring at home</h1>"), "{html}");
    assert!(html.contains("A page  break and  [1m here."), "{html}");
    assert!(
        !html.chars().any(|c| c.is_control() && !c.is_whitespace()),
        "a control character reached the page"
    );
}

#[test]
fn a_control_character_in_site_yaml_is_an_error_at_its_place() {
    let site = TestSite::minimal();
    site.build().assert_ok();
    let before = site.snapshot();
    let yaml = std::fs::read_to_string(site.root.join("site.yaml")).expect("site.yaml");
    let broken = yaml.replacen("title: ", "title: Our\u{b}", 1);
    assert_ne!(broken, yaml, "the fixture's site.yaml has a title");
    let site = site.file("site.yaml", &broken);
    let outcome = site.build();
    assert!(outcome.summary.is_none(), "the build should fail");
    assert_eq!(site.snapshot(), before, "the previous output changed");
    let line = broken
        .lines()
        .position(|l| l.starts_with("title: Our"))
        .expect("the title line")
        + 1;
    let places: Vec<(ErrorKind, String, usize, usize)> = outcome
        .errors()
        .iter()
        .map(|e| (e.kind, e.path.display().to_string(), e.line, e.column))
        .collect();
    assert_eq!(
        places,
        [(ErrorKind::ControlCharacter, "site.yaml".into(), line, 11)]
    );
}

#[test]
fn a_backslash_escape_that_makes_a_control_character_is_a_warning_at_its_value() {
    let site = TestSite::minimal().file(
        "content/paths.md",
        "---\ntitle: Shared folders\ndescription: \"Saved in C:\\files\\new\"\nextra:\n  folder: 'C:\\files'\n---\n\nText.\n",
    );
    let outcome = site.build();
    outcome.assert_ok();
    // Only the double-quoted value: in single quotes a backslash is itself.
    assert_eq!(
        outcome.warning_spots(),
        [(ErrorKind::ControlCharacter, 3, 14)]
    );
}

/// `text` as UTF-16, little- or big-endian, with a byte-order mark or without.
fn utf16(text: &str, is_little: bool, has_bom: bool) -> Vec<u8> {
    let units = has_bom
        .then_some(0xfeff)
        .into_iter()
        .chain(text.encode_utf16());
    units
        .flat_map(|unit| {
            if is_little {
                unit.to_le_bytes()
            } else {
                unit.to_be_bytes()
            }
        })
        .collect()
}

#[test]
fn a_page_saved_as_utf16_is_one_error_that_says_so() {
    let text = "---\ntitle: Café\n---\nWritten in Notepad.\n";
    for (is_little, has_bom) in [(true, true), (true, false), (false, true), (false, false)] {
        let (_, outcome) = break_with("content/notepad.md", &utf16(text, is_little, has_bom));
        assert_eq!(
            outcome.error_places(),
            [(ErrorKind::Utf16, "content/notepad.md".to_string(), 1)],
            "little-endian {is_little}, with a mark {has_bom}"
        );
        assert!(outcome.warnings().is_empty(), "{:?}", outcome.warnings());
    }
}

#[test]
fn a_value_of_the_wrong_type_says_what_to_write_in_plain_words() {
    // Each slip, the field's line in it, and what the help must show.
    let slips = [
        ("draft: yes", "draft: true"),
        ("weight: heavy", "weight: 2"),
        ("aliases: /old/", "- /old/"),
        ("extra: colourful", "extra:"),
        ("date: [2026-03-01]", "date: 2026-03-01"),
        ("slug: [a, b]", "slug:"),
    ];
    for (slip, to_write) in slips {
        let text = format!("---\ntitle: T\n{slip}\n---\n");
        let (_, outcome) = break_with("content/slip.md", text.as_bytes());
        let column = slip.find(": ").expect("a key") + 3;
        assert_eq!(
            outcome.error_spots(),
            [(ErrorKind::InvalidValue, 3, column)],
            "{slip}"
        );
        let help = outcome.errors()[0].help.as_deref().unwrap_or_default();
        assert!(help.contains(to_write), "{slip}: {help}");
    }
    // In a module, `outcomes` on one line is a list to write out.
    let site = course_with_module(
        COURSE,
        "---\ntitle: M\nduration: 1 hour\noutcomes: one line\n---\n",
    );
    let outcome = site.build();
    assert_eq!(outcome.error_spots(), [(ErrorKind::InvalidValue, 4, 11)]);
    let help = outcome.errors()[0].help.clone().unwrap_or_default();
    assert!(help.contains("- one line"), "{help}");
}

#[test]
fn a_taxonomy_that_is_not_a_list_of_words_is_an_error_at_its_own_value() {
    // The next line's value starts further right: the column must be this line's.
    let text = "---\ntitle: T\naudiences: 0\ndescription: \"Words\"\n---\n";
    let (_, outcome) = break_with("content/terms.md", text.as_bytes());
    assert_eq!(outcome.error_spots(), [(ErrorKind::InvalidValue, 3, 12)]);
}

#[test]
fn a_misspelt_field_is_one_error_at_the_typo() {
    // An optional field: its text would silently go missing.
    let (_, outcome) = break_with(
        "content/typo.md",
        b"---\ntitle: T\ndescripton: Lost words.\n---\n",
    );
    assert_eq!(outcome.error_spots(), [(ErrorKind::UnknownKey, 3, 1)]);
    assert!(outcome.warnings().is_empty());
    // The title, which every page needs.
    let (_, outcome) = break_with("content/typo.md", b"---\nweight: 2\ntitel: T\n---\n");
    assert_eq!(outcome.error_spots(), [(ErrorKind::UnknownKey, 3, 1)]);
    assert!(outcome.warnings().is_empty());
    // A field the page's kind needs: not also missing.
    let site = course_with_module(
        COURSE,
        "---\ntitle: M\nduration: 1 hour\noutcome: [say why]\n---\n",
    );
    let outcome = site.build();
    assert_eq!(outcome.error_spots(), [(ErrorKind::UnknownKey, 4, 1)]);
    assert!(outcome.warnings().is_empty());
    // A key far from any field is theme data put in the wrong place: a warning.
    let site = TestSite::minimal().file("content/far.md", "---\ntitle: F\ncolour: red\n---\n");
    let outcome = site.build();
    outcome.assert_ok();
    assert_eq!(outcome.warning_spots(), [(ErrorKind::UnknownKey, 3, 1)]);
}

#[test]
fn empty_required_text_is_an_error_at_its_line() {
    // A course with an empty summary.
    let course = COURSE.replace("summary: s", "summary: \"\"");
    let site = course_with_module(
        &course,
        "---\ntitle: M\nduration: 1 hour\noutcomes: [o]\n---\n",
    );
    assert_eq!(
        site.build().error_spots(),
        [(ErrorKind::InvalidValue, 4, 10)]
    );
    // A module whose one outcome is empty, and one whose outcome is `- `.
    let site = course_with_module(
        COURSE,
        "---\ntitle: M\nduration: 1 hour\noutcomes:\n  - \"\"\n---\n",
    );
    assert_eq!(
        site.build().error_spots(),
        [(ErrorKind::InvalidValue, 5, 5)]
    );
    let site = course_with_module(
        COURSE,
        "---\ntitle: M\nduration: 1 hour\noutcomes:\n  -\n---\n",
    );
    let spots = site.build().error_spots();
    assert_eq!(spots.len(), 1, "{spots:?}");
    // The YAML library places an empty item at its list's key.
    assert_eq!((spots[0].0, spots[0].1), (ErrorKind::InvalidValue, 4));
    // A summary with nothing after it is empty, not missing.
    let course = COURSE.replace("summary: s", "summary:");
    let site = course_with_module(
        &course,
        "---\ntitle: M\nduration: 1 hour\noutcomes: [o]\n---\n",
    );
    assert_eq!(
        site.build().error_spots(),
        [(ErrorKind::InvalidValue, 4, 1)]
    );
    // An empty title, at its line.
    let (_, outcome) = break_with("content/blank.md", b"---\nweight: 1\ntitle: \"\"\n---\n");
    assert_eq!(outcome.error_spots(), [(ErrorKind::InvalidValue, 3, 8)]);
}
