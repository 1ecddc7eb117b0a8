//! Content kinds: courses and modules, commitments, briefs, review dates and
//! the accessibility statement, as readers see them.

mod common;

use common::TestSite;
use hearth::cli::{NewArgs, NewKind};
use hearth::init::Created;
use hearth::{Error, ErrorKind};

/// `hearth new KIND "Title" [--in SECTION]` through the library, so a
/// refusal is read as an error's kind and file rather than printed text.
fn new_page(site: &TestSite, kind: NewKind, section: Option<&str>) -> Result<Created, Error> {
    let args = NewArgs {
        kind,
        title: "Title".to_string(),
        section: section.map(std::path::PathBuf::from),
        root: site.root.clone(),
    };
    hearth::init::new_page(&args, common::today())
}

#[test]
fn modules_know_their_place_and_the_course_adds_up_durations() {
    let site = TestSite::fixture("kinds");
    site.build().assert_ok();
    let second = site.read("courses/intro/second/index.html");
    assert!(second.contains("Module 2 of 2"), "no module position");
    let course = site.read("courses/intro/index.html");
    assert!(
        course.contains("3 hours 30 minutes"),
        "total duration not computed"
    );
}

#[test]
fn a_course_with_no_modules_says_so_and_warns() {
    let site = TestSite::fixture("kinds").file(
        "content/courses/planned/_index.md",
        "---\ntitle: Planned\ntype: course\nsummary: Soon.\naudiences: [carers]\ndelivery: online\noutcomes: [Learn]\n---\n",
    );
    let outcome = site.build();
    outcome.assert_ok();
    let warnings: Vec<_> = outcome
        .warnings()
        .iter()
        .map(|w| (w.path.display().to_string(), w.kind, w.line, w.column))
        .filter(|(path, ..)| path.starts_with("content/courses/"))
        .collect();
    assert_eq!(
        warnings,
        [(
            "content/courses/planned/_index.md".to_string(),
            ErrorKind::MissingField,
            3,
            7,
        )]
    );
    let page = site.read("courses/planned/index.html");
    assert!(page.contains("<dt>Modules</dt><dd>None published yet</dd>"));
    assert!(!page.contains("Print or save the whole course"));
    let course = site.read("courses/intro/index.html");
    assert!(course.contains("<dt>Modules</dt><dd>2</dd>"));
    assert!(course.contains("Print or save the whole course"));
}

#[test]
fn print_view_has_every_module_with_unique_ids() {
    let site = TestSite::fixture("kinds");
    site.build().assert_ok();
    let print = site.read("courses/intro/print/index.html");
    let first = print.find("First module").expect("first module");
    let second = print.find("Second module").expect("second module");
    assert!(first < second);
    assert!(print.contains("<h3 id=\"m1-overview\">") && print.contains("<h3 id=\"m2-overview\">"));
    assert!(print.contains("href=\"#m1-overview\"") && print.contains("href=\"#m1-fn-1\""));
    let mut ids: Vec<&str> = print
        .match_indices(" id=\"")
        .map(|(at, _)| &print[at + 5..at + 5 + print[at + 5..].find('"').unwrap()])
        .collect();
    let count = ids.len();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), count, "duplicate ids in the print view");
}

#[test]
fn charter_progress_is_published_as_open_data() {
    let site = TestSite::fixture("kinds");
    site.build().assert_ok();
    let json: serde_json::Value = serde_json::from_str(&site.read("charter/charter.json")).unwrap();
    assert_eq!(json["total"], 2);
    assert_eq!(json["counts"]["achieved"], 1);
    assert_eq!(
        json["commitments"][0]["evidence"][0]["url"],
        "https://test.example/briefs/new/"
    );
    let csv = site.read("charter/charter.csv");
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(
        lines[0],
        "number,title,sector,status,status_date,url,evidence"
    );
    assert_eq!(lines[2], "2,\"Workplaces, \"\"large\"\" and small\",Workplaces,not-started,,https://test.example/charter/workplaces/,");
    let overview = site.read("charter/index.html");
    assert!(overview.contains("1 March 2026"));
}

#[test]
fn briefs_cite_references_resolve_links_and_flag_superseded_versions() {
    let site = TestSite::fixture("kinds");
    let outcome = site.build();
    outcome.assert_ok();
    let new = site.read("briefs/new/index.html");
    assert!(new.contains("<a class=\"citation\" href=\"#ref-abel2018\""));
    assert!(
        new.contains("id=\"ref-abel2018\""),
        "reference list missing its anchor"
    );
    assert!(
        new.contains("href=\"/charter/\""),
        "recommendation link not resolved"
    );
    let old = site.read("briefs/old/index.html");
    assert!(
        old.contains("href=\"/briefs/new/\""),
        "no link to the newer brief"
    );
    let overdue = outcome.warnings();
    assert_eq!(overdue.len(), 1);
    assert_eq!(
        (
            overdue[0].kind,
            overdue[0].path.display().to_string(),
            overdue[0].line
        ),
        (ErrorKind::ReviewOverdue, "content/briefs/old.md".into(), 8)
    );
}

#[test]
fn strict_builds_fail_on_overdue_reviews() {
    let site = TestSite::fixture("kinds");
    let mut options = site.options();
    options.is_strict = true;
    let outcome = site.build_with(options);
    assert!(outcome.summary.is_none());
    assert_eq!(
        outcome.error_places(),
        vec![(ErrorKind::ReviewOverdue, "content/briefs/old.md".into(), 8)]
    );
}

#[test]
fn schema_errors_point_at_the_field() {
    let site = TestSite::fixture("kinds")
        .file(
            "content/charter/03-unions.md",
            "---\ntitle: Unions\nnumber: three\nsector: Unions\nasks: a\nstatus: started\n---\n",
        )
        .file(
            "content/courses/01-intro/03-third.md",
            "---\ntitle: Third\noutcomes: []\n---\n",
        );
    let outcome = site.build();
    // `number: three` is not read, and the rest of the page still is:
    // `status: started` is not one of the statuses.
    assert_eq!(
        outcome.error_places(),
        vec![
            (
                ErrorKind::InvalidValue,
                "content/charter/03-unions.md".into(),
                3
            ),
            (
                ErrorKind::InvalidValue,
                "content/charter/03-unions.md".into(),
                6
            ),
            (
                ErrorKind::MissingField,
                "content/courses/01-intro/03-third.md".into(),
                1
            ),
            (
                ErrorKind::InvalidValue,
                "content/courses/01-intro/03-third.md".into(),
                3
            ),
        ]
    );
}

#[test]
fn accessibility_statement_has_the_set_headings_and_wording() {
    let site = TestSite::fixture("kinds");
    site.build().assert_ok();
    let statement = site.read("accessibility/index.html");
    for text in [
        "is partially compliant with the Web Content Accessibility Guidelines version 2.2 AA standard",
        "Equality Advisory and Support Service",
        "1.1.1 Non-text content",
        "31 January 2027",
    ] {
        assert!(statement.contains(text), "missing: {text}");
    }
    assert!(
        site.read("index.html").contains("href=\"/accessibility/\""),
        "footer does not link the statement"
    );
}

#[test]
fn a_statement_date_written_another_way_is_an_error_at_the_value() {
    let block = "accessibility:\n  organisation: Test Council\n  compliance: partially\n  \
                 contact_email: access@t.example\n  prepared_on: 2026-01-10\n  \
                 last_reviewed: 10/01/2026\n  last_tested_on: 2026-01-09\n  issues:\n    \
                 - description: Some PDFs\n      criterion: 1.3.1\n      fix_by: 30th June 2027\n";
    let site = TestSite::fixture("kinds").file(
        "site.yaml",
        &format!("title: T\nbase_url: https://t.example/\npublic_sector: true\n{block}"),
    );
    let outcome = site.build();
    let found: Vec<_> = outcome
        .errors()
        .iter()
        .map(|e| (e.line, e.column, e.help.as_deref().unwrap_or_default()))
        .collect();
    assert_eq!(
        found,
        [
            (
                9,
                18,
                "write dates year first: 2026-01-10 for 10 January 2026"
            ),
            (
                14,
                15,
                "write dates year first: 2027-06-30 for 30 June 2027"
            ),
        ]
    );
}

#[test]
fn public_sector_sites_need_a_complete_statement() {
    let block = "accessibility:\n  organisation: Test Council\n  compliance: mostly\n";
    let site = TestSite::fixture("kinds").file(
        "site.yaml",
        &format!("title: T\nbase_url: https://t.example/\npublic_sector: true\n{block}"),
    );
    let outcome = site.build();
    assert!(outcome.summary.is_none(), "the build should fail");
    // Every gap at once: the wrong compliance at its line, the missing
    // fields at the block's.
    let gaps: Vec<(usize, String)> = outcome
        .errors()
        .iter()
        .map(|e| {
            (
                e.line,
                e.message.split('`').nth(1).unwrap_or("").to_string(),
            )
        })
        .collect();
    let expected = [
        (4, "contact_email"),
        (4, "issues"),
        (4, "prepared_on"),
        (4, "last_reviewed"),
        (4, "last_tested_on"),
        (6, "compliance"),
    ];
    let expected: Vec<(usize, String)> =
        expected.iter().map(|(l, f)| (*l, f.to_string())).collect();
    assert_eq!(gaps, expected);

    // Another site with the same block publishes the statement, warned.
    let site = site.file(
        "site.yaml",
        &format!("title: T\nbase_url: https://t.example/\n{block}"),
    );
    let outcome = site.build();
    outcome.assert_ok();
    assert_eq!(
        outcome
            .warnings()
            .iter()
            .filter(|w| w.path.ends_with("site.yaml"))
            .count(),
        6
    );
    assert!(site
        .read("accessibility/index.html")
        .contains("Test Council"));

    let site = site.file(
        "site.yaml",
        "title: T\nbase_url: https://t.example/\npublic_sector: true\n",
    );
    assert_eq!(
        site.build().error_places(),
        vec![(ErrorKind::Config, "site.yaml".into(), 3)]
    );
}

#[test]
fn module_page_main_content_snapshot() {
    let site = TestSite::fixture("kinds");
    site.build().assert_ok();
    // Asset addresses end in a hash of the file, which any edit of the
    // theme's scripts changes: the snapshot is of the markup.
    let main = site.main_of("courses/intro/first/index.html");
    let hashes = regex::Regex::new(r"\?h=[0-9a-f]+").expect("a valid pattern");
    insta::assert_snapshot!(hashes.replace_all(&main, "?h=HASH"));
}

#[test]
fn schema_command_writes_one_schema_per_kind() {
    let site = TestSite::minimal();
    let run = site.run(&["schema", "--output", "schemas"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let brief: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(site.root.join("schemas/brief.schema.json")).unwrap(),
    )
    .unwrap();
    assert!(brief["required"]
        .as_array()
        .unwrap()
        .iter()
        .any(|v| v == "review_due"));
}

#[test]
fn new_creates_numbered_pages_that_build_at_once() {
    let site = TestSite::fixture("kinds");
    let run = site.run(&["new", "module", "Third steps", "--in", "courses/01-intro"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(site
        .root
        .join("content/courses/01-intro/03-third-steps.md")
        .is_file());
    let run = site.run(&["new", "commitment", "Trade unions"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let text =
        std::fs::read_to_string(site.root.join("content/charter/03-trade-unions.md")).unwrap();
    assert!(text.contains("number: 3"), "{text}");
    // Both build as they are, with example text for the author to replace.
    site.build().assert_ok();
    assert!(site
        .read("courses/intro/third-steps/index.html")
        .contains("[Replace this]"));
}

#[test]
fn new_refuses_a_folder_whose_pages_are_another_kind() {
    let site = TestSite::fixture("kinds");
    let before = walkdir::WalkDir::new(site.root.join("content"))
        .into_iter()
        .count();
    // Each is refused with the error's kind at the folder, and offers the
    // folder the page could go in instead.
    let refused =
        |kind: NewKind, section: &str, (error_kind, at): (ErrorKind, &str), offers: &str| {
            let error = new_page(&site, kind, Some(section)).expect_err(section);
            let shown = error.path.strip_prefix(&site.root).unwrap_or(&error.path);
            assert_eq!(
                (error.kind, shown.display().to_string()),
                (error_kind, at.to_string()),
                "{kind:?} in {section}: {error:?}"
            );
            let help = error.help.unwrap_or_default();
            assert!(help.contains(offers), "{kind:?} in {section}: {help}");
        };
    let folder = |path| (ErrorKind::InvalidValue, path);
    // A module among briefs would build as a brief.
    refused(
        NewKind::Module,
        "briefs",
        folder("content/briefs"),
        "--in courses/01-intro",
    );
    refused(
        NewKind::Commitment,
        "courses",
        folder("content/courses"),
        "--in charter",
    );
    refused(
        NewKind::Page,
        "courses/01-intro",
        folder("content/courses/01-intro"),
        "--in .",
    );
    refused(
        NewKind::Course,
        "courses/01-intro",
        folder("content/courses/01-intro"),
        "--in courses",
    );
    refused(
        NewKind::Brief,
        "brief",
        (ErrorKind::Io, "content/brief"),
        "--in briefs",
    );
    let after = walkdir::WalkDir::new(site.root.join("content"))
        .into_iter()
        .count();
    assert_eq!(before, after, "a refused page was written");
    let run = site.run(&["new", "brief", "Housing"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(site.root.join("content/briefs/housing.md").is_file());
}

#[test]
fn every_new_page_builds_at_once_with_its_examples_found_by_check() {
    let site = TestSite::empty();
    hearth::init::init(&site.root).expect("a new site");
    assert_eq!(
        site.run(&["check", "--strict"]).code,
        0,
        "a new site checks clean"
    );
    let made = |args: &[&str]| -> String {
        let run = site.run(args);
        assert_eq!(run.code, 0, "{args:?}: {}", run.stderr);
        let path = run.stdout.lines().next().unwrap_or_default();
        let path = path.trim_start_matches("Created ").trim_start_matches("./");
        path.to_string()
    };
    let course = made(&["new", "course", "Caring at home"]);
    let folder = course
        .trim_start_matches("content/")
        .trim_end_matches("/_index.md");
    let files = [
        course.clone(),
        made(&["new", "module", "First steps", "--in", folder]),
        made(&["new", "brief", "Respite care"]),
        made(&["new", "commitment", "Libraries"]),
        made(&["new", "page", "Volunteering"]),
    ];
    let outcome = site.build();
    outcome.assert_ok();
    assert!(
        outcome
            .warnings()
            .iter()
            .all(|w| !files.contains(&w.path.display().to_string())
                || w.kind == ErrorKind::Check(hearth::check::Rule::Placeholder)),
        "{}",
        outcome.diagnostics.report()
    );
    let args = hearth::cli::CheckArgs {
        root: site.root.clone(),
        strict: false,
        format: hearth::cli::CheckFormat::Text,
        external: false,
        drafts: false,
    };
    let findings = hearth::check::inspect(&args, common::today());
    let placeholders: Vec<(String, hearth::Severity)> = findings
        .diagnostics
        .sorted()
        .into_iter()
        .filter(|e| e.kind == ErrorKind::Check(hearth::check::Rule::Placeholder))
        .map(|e| (e.path.display().to_string(), e.severity))
        .collect();
    for file in &files {
        assert!(
            placeholders.iter().any(|(path, _)| path == file),
            "no placeholder found in {file}: {placeholders:?}"
        );
    }
    assert!(placeholders
        .iter()
        .all(|(_, s)| *s == hearth::Severity::Warning));
    assert_eq!(site.run(&["check"]).code, 0);
    assert_eq!(site.run(&["check", "--strict"]).code, 1);
}

#[test]
fn new_makes_the_section_a_brief_or_commitment_needs() {
    let site = TestSite::minimal();
    for (kind, section, page) in [
        (
            "brief",
            "content/briefs/_index.md",
            "content/briefs/housing.md",
        ),
        (
            "commitment",
            "content/charter/_index.md",
            "content/charter/01-housing.md",
        ),
    ] {
        let run = site.run(&["new", kind, "Housing"]);
        assert_eq!(run.code, 0, "{kind}: {}", run.stderr);
        assert!(site.root.join(section).is_file(), "{kind}: no {section}");
        assert!(site.root.join(page).is_file(), "{kind}: no {page}");
        let told: Vec<&str> = run.stdout.lines().filter(|l| l.contains(section)).collect();
        assert_eq!(
            told.len(),
            1,
            "{kind}: the new section is not named: {}",
            run.stdout
        );
    }
    let outcome = site.build();
    outcome.assert_ok();
    // Each page took its kind from the section made for it.
    assert!(site.read("briefs/housing/index.html").contains("Version"));
    let charter = site.read("charter/index.html");
    assert!(charter.contains("charter/housing/"), "{charter}");
    // A second brief goes into the section now there.
    let run = site.run(&["new", "brief", "Transport"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(site.root.join("content/briefs/transport.md").is_file());
    assert!(!run.stdout.contains("_index.md"), "{}", run.stdout);
}

#[test]
fn new_module_goes_in_the_one_course_or_names_the_courses() {
    let site = TestSite::fixture("kinds");
    let run = site.run(&["new", "module", "Third steps"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(site
        .root
        .join("content/courses/01-intro/03-third-steps.md")
        .is_file());
    let site = site.file(
        "content/courses/02-more/_index.md",
        "---\ntitle: More\ntype: course\nsummary: s\naudiences: [public]\ndelivery: online\noutcomes: [o]\n---\n",
    );
    let before = walkdir::WalkDir::new(site.root.join("content"))
        .into_iter()
        .count();
    let error = new_page(&site, NewKind::Module, None).expect_err("two courses to choose from");
    assert_eq!(error.kind, ErrorKind::InvalidValue, "{error:?}");
    assert_eq!(error.path, site.root.join("content"));
    let help = error.help.unwrap_or_default();
    for course in ["--in courses/01-intro", "--in courses/02-more"] {
        assert!(help.contains(course), "{course} not offered: {help}");
    }
    let after = walkdir::WalkDir::new(site.root.join("content"))
        .into_iter()
        .count();
    assert_eq!(before, after, "a refused module was written");
}

/// A lesson episode as The Carpentries' Workbench writes one, in our words.
const EPISODE: &str = "---\ntitle: Finding your way around\nteaching: 15\nexercises: 10\n---\n\n\
:::::::::::::::::::::::::::::::::::::: questions\n\n- Where am I on the computer?\n- How do I move?\n\n\
::::::::::::::::::::::::::::::::::::::::::::::::\n\n\
::::::::::::::::::::::::::::::::::::: objectives\n\n- Name the folder you are in.\n- Move to another folder.\n\n\
::::::::::::::::::::::::::::::::::::::::::::::::\n\n## Where you are\n\nText.\n\n\
![](fig/tree.svg){alt='Folders drawn as a tree, the top one at the root'}\n\n\
```{.bash}\npwd\n```\n\n```output\n/home/sam\n```\n\n\
:::::::::::::::: challenge\n\n## Challenge 1: Where now?\n\nWhat does `pwd` print?\n\n\
::::::: solution\n\n## Solution\n\nThe folder you are in.\n\n:::::::\n::::::::::::::::\n\n\
::::: spoiler\n\n## On other systems\n\nThe same.\n\n:::::\n\n\
:::::::: keypoints\n\n- `pwd` names the folder you are in.\n\n::::::::\n";

#[test]
fn a_workbench_episode_says_its_own_duration_outcomes_and_description() {
    let site = TestSite::fixture("kinds")
        .file("content/courses/01-intro/03-episode.md", EPISODE)
        .file(
            "content/courses/01-intro/fig/tree.svg",
            "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
        );
    let outcome = site.build();
    outcome.assert_ok();
    let about_episode: Vec<_> = outcome
        .warnings()
        .into_iter()
        .filter(|w| w.path.ends_with("03-episode.md"))
        .map(|w| (w.kind, w.line, w.column))
        .collect();
    assert_eq!(about_episode, []);
    let page = site.read("courses/intro/episode/index.html");
    assert!(
        page.contains("25 minutes"),
        "duration from teaching + exercises"
    );
    assert!(page.contains("alt=\"Folders drawn as a tree, the top one at the root\""));
    assert!(!page.contains("{alt="));
    assert!(page.contains("<p class=\"callout-title\">Challenge 1: Where now?</p>"));
    assert!(
        !page.contains("href=\"#challenge-1-where-now\""),
        "not in the contents"
    );
    assert!(
        page.contains(
            "<meta name=\"description\" content=\"Where am I on the computer? How do I move?\">"
        ),
        "description from the questions"
    );
    assert_eq!(
        page.matches("How do I move?").count(),
        2,
        "in the meta description and the block"
    );
    // The outcomes come from the objectives block and are shown once.
    assert_eq!(page.matches("Move to another folder.").count(), 1);
    assert!(!page.contains("hearth-outcomes"));
    let course = site.read("courses/intro/index.html");
    assert!(
        course.contains("3 hours 55 minutes"),
        "the episode counts in the course total"
    );
}

#[test]
fn a_module_with_outcomes_and_an_objectives_block_shows_them_once() {
    let module = "---\ntitle: Both\nduration: 30 minutes\noutcomes: [Plan a visit]\n---\n\n\
                  ::: objectives\n- Plan a visit\n:::\n";
    let site = TestSite::fixture("kinds").file("content/courses/01-intro/03-both.md", module);
    site.build().assert_ok();
    let page = site.read("courses/intro/both/index.html");
    assert_eq!(page.matches("Plan a visit").count(), 1, "{page}");
}

#[test]
fn a_module_without_duration_or_outcomes_anywhere_is_still_an_error() {
    let module = "---\ntitle: Bare\n---\n\nText.\n";
    let site = TestSite::fixture("kinds").file("content/courses/01-intro/03-bare.md", module);
    let outcome = site.build();
    let mut kinds: Vec<_> = outcome.errors().iter().map(|e| (e.kind, e.line)).collect();
    kinds.sort();
    assert_eq!(
        kinds,
        [(ErrorKind::MissingField, 1), (ErrorKind::MissingField, 1)]
    );
}

#[test]
fn a_setup_page_in_a_course_is_not_a_numbered_module() {
    let setup =
        "---\ntitle: Setting up\ntype: page\ndescription: What to install.\n---\n\nInstall it.\n";
    let site = TestSite::fixture("kinds").file("content/courses/01-intro/01-z-setup.md", setup);
    let outcome = site.build();
    outcome.assert_ok();
    let second = site.read("courses/intro/second/index.html");
    assert!(
        second.contains("Module 2 of 2"),
        "the setup page is counted"
    );
    let course = site.read("courses/intro/index.html");
    assert!(course.contains("<dt>Modules</dt><dd>2</dd>"));
    assert!(course.contains("Module 2</p>"));
    assert!(!course.contains("Module 3"));
    let setup = site.read("courses/intro/z-setup/index.html");
    assert!(!setup.contains(" of 2"), "a page has no module position");
}

#[test]
fn instructor_notes_are_only_in_the_course_instructor_view() {
    let module = "---\ntitle: Noted\nduration: 30 minutes\noutcomes: [Listen]\n---\n\n\
                  Learners read this.\n\n::: instructor\nPause here for questions.\n:::\n";
    let site = TestSite::fixture("kinds").file("content/courses/01-intro/03-noted.md", module);
    site.build().assert_ok();
    let learner = site.read("courses/intro/noted/index.html");
    assert!(learner.contains("Learners read this."));
    assert!(!learner.contains("Pause here"));
    assert!(!site
        .read("courses/intro/print/index.html")
        .contains("Pause here"));
    let view = site.read("courses/intro/instructor/index.html");
    assert!(view.contains("Pause here for questions."));
    assert!(view.contains("<meta name=\"robots\" content=\"noindex\">"));
    for file in site.listing() {
        let is_view = file.ends_with("instructor/index.html");
        if !is_view && (file.ends_with(".html") || file.ends_with(".xml")) {
            let text = site.read(&file);
            assert!(
                !text.contains("/instructor/"),
                "{file} links to the instructor view"
            );
        }
    }
    assert!(!hearth::search::is_indexable(
        "courses/intro/instructor/index.html"
    ));
}
