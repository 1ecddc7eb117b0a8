//! The command line: help, version, and exit codes (0 built, 1 content
//! errors, 2 usage errors), run as the real binary.

mod common;

use common::TestSite;
use hearth::ErrorKind;

#[test]
fn help_and_version_are_conventional() {
    let site = TestSite::minimal();
    let help = site.run(&["--help"]);
    assert_eq!(help.code, 0);
    for command in ["build", "serve", "check", "init", "new", "schema"] {
        assert!(
            help.stdout.contains(command),
            "--help does not mention {command}"
        );
    }
    let version = site.run(&["--version"]);
    assert_eq!(
        (version.code, version.stdout.trim()),
        (0, concat!("hearth ", env!("CARGO_PKG_VERSION")))
    );
    let build_help = site.run(&["build", "--help"]);
    assert!(build_help.stdout.contains("--base-url") && build_help.stdout.contains("--drafts"));
}

#[test]
fn exit_codes_say_what_happened() {
    let site = TestSite::minimal();
    let built = site.run(&["build"]);
    assert_eq!(built.code, 0, "{}", built.stderr);
    assert!(
        built.stdout.starts_with("Built 0 pages and 1 sections:"),
        "{}",
        built.stdout
    );
    assert_eq!(site.run(&["build", "--no-such-flag"]).code, 2);
    assert_eq!(site.run(&["nonsense"]).code, 2);
    let site = site.file("content/bad.md", "---\ntitle: Bad\nweight: heavy\n---\n");
    let failed = site.run(&["build"]);
    assert_eq!(failed.code, 1);
    assert!(
        failed.stderr.contains("content/bad.md:3:9: error:"),
        "{}",
        failed.stderr
    );
    assert!(failed.stderr.contains("1 error, 0 warnings"));
}

#[test]
fn output_and_base_url_flags_are_honoured() {
    let site =
        TestSite::minimal().file("content/a.md", "---\ntitle: A\n---\n[home](@/_index.md)\n");
    let run = site.run(&[
        "build",
        "--output",
        "out",
        "--base-url",
        "https://council.example/cc/",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = std::fs::read_to_string(site.root.join("out/a/index.html")).unwrap();
    assert!(
        page.contains("href=\"/cc/\""),
        "links do not carry the base path"
    );
    assert!(
        page.contains("https://council.example/cc/a/"),
        "the permalink ignores --base-url"
    );
}

#[test]
fn a_missing_site_is_a_clear_error() {
    let site = TestSite::minimal().remove("site.yaml");
    let run = site.run(&["build"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .starts_with("site.yaml: error: no site.yaml in the site folder"),
        "{}",
        run.stderr
    );
}

#[test]
fn init_points_a_new_author_at_the_preview() {
    let site = TestSite::empty();
    let run = site.run(&["init", "my-site"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let next = run.stdout.lines().last().unwrap_or_default();
    assert!(next.contains("hearth serve"), "{}", run.stdout);
    assert!(!next.contains("hearth build"), "{}", run.stdout);
}

#[test]
fn a_base_url_from_the_command_line_is_blamed_on_the_option() {
    let site = TestSite::minimal();
    let mut options = site.options();
    options.base_url = Some("file:///home/me/site/".to_string());
    let outcome = site.build_with(options);
    let places: Vec<_> = outcome
        .errors()
        .iter()
        .map(|e| (e.kind, e.path.display().to_string(), e.line))
        .collect();
    assert_eq!(places, [(ErrorKind::Config, "--base-url".to_string(), 0)]);
    // The same address in site.yaml is blamed on its line there.
    let site = TestSite::minimal();
    let yaml = std::fs::read_to_string(site.root.join("site.yaml")).unwrap();
    let line = yaml
        .lines()
        .position(|l| l.starts_with("base_url:"))
        .expect("the fixture sets base_url")
        + 1;
    let yaml: String = yaml
        .lines()
        .map(|l| {
            if l.starts_with("base_url:") {
                "base_url: file:///home/me/site/\n".to_string()
            } else {
                format!("{l}\n")
            }
        })
        .collect();
    let outcome = site.file("site.yaml", &yaml).build();
    assert_eq!(
        outcome.error_places(),
        [(ErrorKind::Config, "site.yaml".to_string(), line)]
    );
}
