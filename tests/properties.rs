//! Property tests over the whole build and the preview server: whatever an
//! author writes (any bytes as a page, any front matter, any site.yaml), a
//! build either succeeds or reports errors at a place in the file at fault,
//! and never panics or hangs; the preview server answers any request bytes
//! and keeps serving. Each property runs `PROPTEST_CASES` cases (64 unless
//! set), so CI stays quick; a failure prints the smallest input found.

mod common;

use std::io::{Read, Write};
use std::net::{Shutdown, TcpStream};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{mpsc, OnceLock};
use std::time::Duration;

use common::TestSite;
use hearth::pipeline::{Change, Session};
use hearth::Error;
use proptest::prelude::*;

/// The longest a build of one tiny site may take before it counts as hung
/// (a debug build of such a site takes well under a second).
const HANG: Duration = Duration::from_secs(60);

fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|cases| cases.parse().ok())
        .unwrap_or(64);
    ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// Builds the site in memory on another thread; fails the case when the
/// build panics or takes longer than [`HANG`]. Returns (built, diagnostics).
fn build(site: &TestSite) -> Result<(bool, Vec<Error>), TestCaseError> {
    let options = site.options();
    let (sender, receiver) = mpsc::channel();
    std::thread::spawn(move || {
        let rebuild = Session::new(options).rebuild(&[Change::Everything]);
        let found: Vec<Error> = rebuild.diagnostics.iter().cloned().collect();
        let _ = sender.send((rebuild.is_ok, found));
    });
    match receiver.recv_timeout(HANG) {
        Ok(outcome) => Ok(outcome),
        Err(mpsc::RecvTimeoutError::Timeout) => Err(TestCaseError::fail("the build hung")),
        Err(mpsc::RecvTimeoutError::Disconnected) => Err(TestCaseError::fail("the build panicked")),
    }
}

/// Checks every problem is placed in a file of the site, its line and
/// column within that file, and every error is in `at_fault`.
fn assert_placed(
    site: &TestSite,
    at_fault: &str,
    is_ok: bool,
    problems: &[Error],
) -> Result<(), TestCaseError> {
    let errors: Vec<&Error> = problems.iter().filter(|e| e.is_error()).collect();
    prop_assert_eq!(is_ok, errors.is_empty(), "{:?}", errors);
    for problem in problems {
        let shown = problem.path.display().to_string();
        prop_assert!(!shown.is_empty(), "no file: {:?}", problem);
        if problem.is_error() {
            prop_assert_eq!(&shown, at_fault, "{:?}", problem);
        }
        let Ok(bytes) = std::fs::read(site.root.join(&problem.path)) else {
            continue;
        };
        let text = String::from_utf8_lossy(&bytes);
        let lines: Vec<&str> = text.split('\n').collect();
        prop_assert!(
            problem.line <= lines.len(),
            "line {} of {} lines: {:?}",
            problem.line,
            lines.len(),
            problem
        );
        if problem.line > 0 {
            let width = lines[problem.line - 1].chars().count();
            prop_assert!(
                problem.column <= width + 1,
                "column {} of a line of {} characters: {:?}",
                problem.column,
                width,
                problem
            );
        }
    }
    Ok(())
}

/// Front matter fields, known and not, that the strategies write.
const FIELDS: [&str; 22] = [
    "title",
    "description",
    "date",
    "updated",
    "draft",
    "weight",
    "slug",
    "aliases",
    "type",
    "page_type",
    "summary",
    "outcomes",
    "duration",
    "audiences",
    "topics",
    "delivery",
    "review_due",
    "status",
    "number",
    "recommendations",
    "sumary",
    "x",
];

/// A YAML value as an author might write one, right or wrong.
fn yaml_value() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        Just("\"\"".to_string()),
        Just("yes".to_string()),
        Just("[]".to_string()),
        Just("{}".to_string()),
        Just("2026-13-45".to_string()),
        Just("2026-11-23".to_string()),
        Just("- a\n  - b".to_string()),
        Just("[unclosed".to_string()),
        Just("\"unclosed".to_string()),
        Just("&anchor *alias".to_string()),
        Just("!!binary AAAA".to_string()),
        Just("\n  - one\n  - two".to_string()),
        Just("\n  a: 1\n  b: [2]".to_string()),
        any::<i64>().prop_map(|n| n.to_string()),
        any::<f64>().prop_map(|n| n.to_string()),
        "[ -~]{0,24}",
        any::<String>().prop_map(|s| s.chars().take(24).collect()),
    ]
}

/// A front matter block: fields with values, lines of any text among them,
/// most often after a good title (so that many pages build).
fn front_matter() -> impl Strategy<Value = String> {
    let title = prop_oneof![3 => Just("title: A page\n"), 1 => Just("")];
    let line = prop_oneof![
        4 => (prop::sample::select(FIELDS.to_vec()), yaml_value())
            .prop_map(|(key, value)| format!("{key}: {value}")),
        1 => any::<String>().prop_map(|s| s.chars().take(40).collect()),
        1 => Just("\t- tab".to_string()),
        1 => Just("---".to_string()),
    ];
    (title, prop::collection::vec(line, 0..6))
        .prop_map(|(title, lines)| format!("{title}{}", lines.join("\n")))
}

/// A markdown body with the syntax Hearth reads: blocks, links, HTML, headings.
fn body() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("# Heading\n".to_string()),
        Just("::: objectives\n- a\n:::\n".to_string()),
        Just(":::: note\n::: x\n".to_string()),
        Just("[link](@/missing.md#x)\n".to_string()),
        Just("![](image.png)\n".to_string()),
        Just("<div><script>x</script>\n".to_string()),
        Just("```rust\nfn\n".to_string()),
        Just("| a | b |\n|---|\n".to_string()),
        Just("> [!NOTE]\n".to_string()),
        Just("[^1]: note\n".to_string()),
        any::<String>().prop_map(|s| s.chars().take(60).collect()),
    ];
    prop::collection::vec(piece, 0..8).prop_map(|pieces| pieces.concat())
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn any_bytes_as_a_page_build_or_fail_at_a_place(
        has_front_matter in any::<bool>(),
        bytes in prop::collection::vec(any::<u8>(), 0..600),
    ) {
        // Half the pages start with good front matter, so that the bytes
        // reach markdown, the templates and the search index.
        let mut page = if has_front_matter { b"---\ntitle: A page\n---\n".to_vec() } else { Vec::new() };
        page.extend(bytes);
        let site = TestSite::minimal().bytes("content/page.md", &page);
        let (is_ok, problems) = build(&site)?;
        assert_placed(&site, "content/page.md", is_ok, &problems)?;
    }

    #[test]
    fn any_front_matter_builds_or_fails_at_a_place(front in front_matter(), text in body()) {
        let page = format!("---\n{front}\n---\n{text}");
        let site = TestSite::minimal().file("content/page.md", &page);
        let (is_ok, problems) = build(&site)?;
        assert_placed(&site, "content/page.md", is_ok, &problems)?;
    }

    #[test]
    fn any_site_yaml_builds_or_fails_at_a_place(lines in prop::collection::vec(site_yaml_line(), 0..8)) {
        let text = format!("title: Test site\nbase_url: https://test.example/\n{}\n", lines.join("\n"));
        let site = TestSite::minimal().file("site.yaml", &text);
        let (is_ok, problems) = build(&site)?;
        assert_placed(&site, "site.yaml", is_ok, &problems)?;
    }

    #[test]
    fn any_bytes_as_site_yaml_build_or_fail_at_a_place(bytes in prop::collection::vec(any::<u8>(), 0..300)) {
        let site = TestSite::minimal().bytes("site.yaml", &bytes);
        let (is_ok, problems) = build(&site)?;
        assert_placed(&site, "site.yaml", is_ok, &problems)?;
    }
}

/// A line of site.yaml: a known key (or a near miss) with any value.
fn site_yaml_line() -> impl Strategy<Value = String> {
    let keys = vec![
        "title",
        "description",
        "base_url",
        "language",
        "theme",
        "public_sector",
        "menu",
        "taxonomies",
        "markdown",
        "accessibility",
        "search",
        "extra",
        "check",
        "review",
        "languages",
        "serach",
    ];
    prop_oneof![
        4 => (prop::sample::select(keys), yaml_value()).prop_map(|(key, value)| format!("{key}: {value}")),
        1 => Just("markdown:\n  raw_html: maybe\n  highlight: 3".to_string()),
        1 => Just("menu:\n  - name: A\n    url: \"@/nowhere.md\"".to_string()),
        1 => Just("taxonomies:\n  - name: topics\n  - name: topics".to_string()),
        1 => any::<String>().prop_map(|s| s.chars().take(40).collect()),
    ]
}

// ------------------------------------------------------------ the server

/// Panics anywhere in this test binary, counted by a hook: the server's
/// threads answer requests, so a panic there would not fail a test by
/// itself.
static PANICS: AtomicUsize = AtomicUsize::new(0);

/// The preview server on a tiny site, started once for every case.
fn server() -> &'static (TestSite, String) {
    static SERVER: OnceLock<(TestSite, String)> = OnceLock::new();
    SERVER.get_or_init(|| {
        let hook = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            PANICS.fetch_add(1, Ordering::SeqCst);
            hook(info);
        }));
        let site = TestSite::minimal().file("content/about.md", "---\ntitle: About\n---\nHello.\n");
        let preview = hearth::serve::start(&hearth::serve::ServeOptions {
            root: site.root.clone(),
            port: 0,
            interface: "127.0.0.1".parse().expect("an address"),
            is_drafts: false,
            is_opening: false,
            is_polling: false,
            today: common::today(),
        })
        .expect("the preview server starts");
        let address = preview
            .url
            .trim_start_matches("http://")
            .trim_end_matches('/')
            .to_string();
        std::mem::forget(preview);
        (site, address)
    })
}

/// Sends `bytes` on a new connection and reads what comes back, until the
/// server closes it or a second passes.
fn exchange(address: &str, bytes: &[u8]) -> Vec<u8> {
    let mut stream = TcpStream::connect(address).expect("connect to the preview server");
    stream
        .set_read_timeout(Some(Duration::from_secs(1)))
        .expect("a timeout");
    let _ = stream.write_all(bytes);
    let _ = stream.shutdown(Shutdown::Write);
    let mut answer = Vec::new();
    let _ = stream.read_to_end(&mut answer);
    answer
}

/// A request as a client might send it, well-formed or not.
fn request() -> impl Strategy<Value = Vec<u8>> {
    let method = prop::sample::select(vec!["GET", "HEAD", "POST", "get", "", "GET GET", "\u{0}"]);
    let target = prop_oneof![
        "/[ -~]{0,40}",
        any::<String>().prop_map(|s| s.chars().take(40).collect()),
        Just("/..%2f..%2fetc/passwd".to_string()),
        Just("/about".to_string()),
        Just(format!("/{}", "a".repeat(5000))),
    ];
    let version = prop::sample::select(vec!["HTTP/1.1", "HTTP/1.0", "HTTP/9", "", "HTTP/1.1 x"]);
    let header = prop_oneof![
        Just("Host: x".to_string()),
        Just("Content-Length: 5".to_string()),
        Just("Content-Length: -1".to_string()),
        Just("Transfer-Encoding: chunked".to_string()),
        Just("Connection: close".to_string()),
        Just("Expect: 100-continue".to_string()),
        "[ -~]{0,30}",
    ];
    prop_oneof![
        3 => (method, target, version, prop::collection::vec(header, 0..4), prop::collection::vec(any::<u8>(), 0..20))
            .prop_map(|(method, target, version, headers, body)| {
                let mut bytes = format!("{method} {target} {version}\r\n{}\r\n\r\n", headers.join("\r\n")).into_bytes();
                bytes.extend(body);
                bytes
            }),
        1 => prop::collection::vec(any::<u8>(), 0..400),
    ]
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn the_preview_server_answers_any_request_bytes_and_keeps_serving(bytes in request()) {
        let (_, address) = server();
        exchange(address, &bytes);
        let answer = exchange(address, b"GET /about/ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        let text = String::from_utf8_lossy(&answer);
        prop_assert!(text.starts_with("HTTP/1.1 200"), "after {:?}: {}", String::from_utf8_lossy(&bytes), text);
        prop_assert!(text.contains("About"), "{}", text);
        prop_assert_eq!(PANICS.load(Ordering::SeqCst), 0, "a panic while answering {:?}", String::from_utf8_lossy(&bytes));
    }

    #[test]
    fn any_request_path_is_normalised_to_a_path_inside_the_site_or_refused(target in any::<String>()) {
        if let Ok(path) = hearth::serve::http::normalise(&target) {
            prop_assert!(!path.starts_with('/'), "{}", path);
            prop_assert!(path.split('/').all(|part| part != ".." && part != "."), "{}", path);
            prop_assert!(!path.contains(['\\', '\0']), "{}", path);
        }
    }
}
