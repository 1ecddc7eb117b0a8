//! The preview server: safety, HTTP behaviour, live reload, and incremental
//! rebuilds that always equal a full build.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{IpAddr, Ipv4Addr, TcpStream};
use std::time::{Duration, Instant};

use common::TestSite;
use hearth::error::Rule;
use hearth::pipeline::{Change, Session};
use hearth::serve::{self, Preview, ServeOptions};
use hearth::{Diagnostics, ErrorKind};

fn start(site: &TestSite) -> Preview {
    start_watching(site, false)
}

/// Starts a preview that polls the files for changes when `is_polling`.
fn start_watching(site: &TestSite, is_polling: bool) -> Preview {
    let options = ServeOptions {
        root: site.root.clone(),
        port: 0,
        interface: IpAddr::V4(Ipv4Addr::LOCALHOST),
        is_drafts: false,
        is_opening: false,
        is_polling,
        today: common::today(),
    };
    serve::start(&options).expect("the server starts")
}

fn address(preview: &Preview) -> String {
    preview
        .url
        .trim_start_matches("http://")
        .trim_end_matches('/')
        .to_string()
}

/// Sends bytes exactly as given (HTTP clients would normalise the path) and
/// returns the status code and the whole response.
fn raw(preview: &Preview, request: &[u8]) -> (u16, String) {
    let mut stream = TcpStream::connect(address(preview)).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(5)))
        .unwrap();
    stream.write_all(request).unwrap();
    let mut response = Vec::new();
    let _ = stream.read_to_end(&mut response);
    let text = String::from_utf8_lossy(&response).into_owned();
    (status_of(&text).unwrap_or(0), text)
}

/// The status code of a response that starts with its status line.
fn status_of(response: &str) -> Option<u16> {
    response.split(' ').nth(1).and_then(|s| s.parse().ok())
}

fn get(preview: &Preview, path: &str) -> (u16, String) {
    raw(
        preview,
        format!("GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").as_bytes(),
    )
}

fn site_with_secret() -> (tempfile::TempDir, TestSite) {
    let site = TestSite::minimal().file("content/about.md", "---\ntitle: About\n---\nHello.\n");
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(site.root.join("../secret.txt"), "TOP-SECRET").unwrap();
    std::fs::write(site.root.join("secret.txt"), "TOP-SECRET").unwrap();
    (outside, site)
}

#[test]
fn traversal_attempts_never_leak_a_byte() {
    let (_outside, site) = site_with_secret();
    let preview = start(&site);
    let attempts: &[&[u8]] = &[
        b"GET /../secret.txt HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        b"GET /../../secret.txt HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        b"GET /%2e%2e/secret.txt HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        b"GET /%2E%2E/%2e%2e/secret.txt HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        b"GET /about%2f..%2f..%2fsecret.txt HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        b"GET /..\\..\\secret.txt HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        b"GET /secret.txt%00.html HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        b"GET //etc/passwd HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        b"GET /secret.txt HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        b"GET /site.yaml HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        b"GET /content/about.md HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    ];
    for attempt in attempts {
        let (status, text) = raw(&preview, attempt);
        assert!(
            status == 400 || status == 404,
            "{} gave {status}",
            String::from_utf8_lossy(attempt)
        );
        assert!(
            !text.contains("TOP-SECRET") && !text.contains("base_url"),
            "leak for {}",
            String::from_utf8_lossy(attempt)
        );
    }
    let long = format!(
        "GET /{} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        "a/".repeat(3000)
    );
    assert_eq!(raw(&preview, long.as_bytes()).0, 400);
    preview.stop();
}

#[test]
fn http_behaviour_matches_a_real_host() {
    let site = TestSite::minimal().file("content/about.md", "---\ntitle: About\n---\nHello.\n");
    let preview = start(&site);
    let (status, page) = get(&preview, "/about/");
    assert_eq!(status, 200);
    assert!(page.contains("Content-Type: text/html; charset=utf-8"));
    assert!(page.contains("/__hearth/events"), "no live-reload script");
    let (status, redirect) = get(&preview, "/about");
    assert_eq!(status, 301);
    assert!(redirect.contains("Location: /about/"));
    let (status, missing) = get(&preview, "/nowhere/");
    assert_eq!(status, 404);
    assert!(
        missing.contains("<html"),
        "the site's 404 page is not served"
    );
    let (status, head) = raw(
        &preview,
        b"HEAD /style.css HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    );
    assert_eq!(status, 200);
    assert!(
        head.contains("Content-Type: text/css") && head.contains("X-Content-Type-Options: nosniff"),
        "{head}"
    );
    assert!(!head.contains('{'), "HEAD must not send the body");
    let (status, denied) = raw(
        &preview,
        b"DELETE /about/ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    );
    assert_eq!(status, 405);
    assert!(denied.contains("Allow: GET, HEAD"));
    assert!(get(&preview, "/atom.xml")
        .1
        .contains("application/atom+xml"));
    let built = std::fs::read_dir(&site.root)
        .unwrap()
        .any(|e| e.unwrap().file_name() == "public");
    assert!(!built, "serve must not write the site to disk");
    preview.stop();
}

#[test]
fn malformed_and_slow_requests_do_not_stop_the_server() {
    let site = TestSite::minimal();
    let preview = start(&site);
    let mut slow: Vec<TcpStream> = (0..20)
        .map(|_| TcpStream::connect(address(&preview)).unwrap())
        .collect();
    for stream in &mut slow {
        stream.write_all(b"GET / HT").unwrap();
    }
    let _ = raw(&preview, b"NONSENSE\r\n\r\n");
    let _ = raw(&preview, &[0xff, 0xfe, 0x00, b'\r', b'\n', b'\r', b'\n']);
    assert_eq!(get(&preview, "/").0, 200);
    let threads: Vec<_> = (0..16)
        .map(|_| {
            let address = address(&preview);
            std::thread::spawn(move || {
                (0..10)
                    .filter(|_| {
                        let mut stream = TcpStream::connect(&address).unwrap();
                        stream
                            .write_all(b"GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                            .unwrap();
                        let mut text = String::new();
                        let _ = stream.read_to_string(&mut text);
                        text.starts_with("HTTP/1.1 200")
                    })
                    .count()
            })
        })
        .collect();
    let answered: usize = threads.into_iter().map(|t| t.join().unwrap()).sum();
    assert_eq!(answered, 160);
    drop(slow);
    preview.stop();
}

/// Reads one response from a kept-alive connection: its status, once the
/// head and the whole body (by Content-Length) are in, or None on timeout.
fn read_response(stream: &mut TcpStream) -> Option<u16> {
    let mut reader = BufReader::new(stream);
    let mut status = None;
    let mut length = 0;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if status.is_none() {
            status = status_of(line);
        }
        if let Some(value) = line.to_ascii_lowercase().strip_prefix("content-length:") {
            length = value.trim().parse().ok()?;
        }
    }
    let mut body = vec![0; length];
    reader.read_exact(&mut body).ok()?;
    status
}

#[test]
fn a_burst_of_kept_alive_connections_is_answered_in_full() {
    // A browser opens several connections at once and keeps them open
    // between requests. tiny_http 0.12.0's pool of connection threads could
    // queue one with no thread left to read it while the others sat on idle
    // connections, so its request (a search page's result fragment) was
    // never answered; vendor/tiny_http carries the fix.
    let site = TestSite::minimal();
    let preview = start(&site);
    for round in 0..5 {
        let mut streams: Vec<TcpStream> = (0..12)
            .map(|_| TcpStream::connect(address(&preview)).unwrap())
            .collect();
        for stream in &mut streams {
            stream
                .set_read_timeout(Some(Duration::from_secs(10)))
                .unwrap();
            stream
                .write_all(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")
                .unwrap();
        }
        let answered = streams
            .iter_mut()
            .map(read_response)
            .filter(|status| *status == Some(200))
            .count();
        assert_eq!(
            answered, 12,
            "round {round}: only {answered} of 12 answered"
        );
    }
    preview.stop();
}

/// Reads server-sent events until one named `name` arrives.
fn wait_for_event(reader: &mut BufReader<TcpStream>, name: &str) -> String {
    let deadline = Instant::now() + Duration::from_secs(10);
    let mut line = String::new();
    let mut current = String::new();
    while Instant::now() < deadline {
        line.clear();
        if reader.read_line(&mut line).unwrap_or(0) == 0 {
            continue;
        }
        if let Some(event) = line.trim_end().strip_prefix("event: ") {
            current = event.to_string();
        } else if let Some(data) = line.trim_end().strip_prefix("data: ") {
            if current == name {
                return data.to_string();
            }
        }
    }
    panic!("no {name} event within 10 s");
}

fn listen(preview: &Preview) -> BufReader<TcpStream> {
    let mut stream = TcpStream::connect(address(preview)).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_millis(200)))
        .unwrap();
    stream
        .write_all(b"GET /__hearth/events HTTP/1.1\r\nHost: x\r\n\r\n")
        .unwrap();
    let mut reader = BufReader::new(stream);
    wait_for_event(&mut reader, "ok");
    reader
}

#[test]
fn an_edit_reloads_and_a_broken_edit_shows_errors_over_the_last_good_page() {
    let site = TestSite::minimal().file("content/about.md", "---\ntitle: About\n---\nFirst.\n");
    let preview = start(&site);
    let mut events = listen(&preview);
    std::fs::write(
        site.root.join("content/about.md"),
        "---\ntitle: About\n---\nSecond.\n",
    )
    .unwrap();
    wait_for_event(&mut events, "reload");
    assert!(get(&preview, "/about/").1.contains("Second."));
    std::fs::write(
        site.root.join("content/about.md"),
        "---\ntitle: About\nweight: heavy\n---\nThird.\n",
    )
    .unwrap();
    let report = wait_for_event(&mut events, "errors");
    let report: serde_json::Value = serde_json::from_str(&report).unwrap();
    let first_line = report["report"].as_str().unwrap().lines().next().unwrap();
    let place: Vec<&str> = first_line.splitn(5, ':').take(4).collect();
    assert_eq!(
        place,
        ["content/about.md", "3", "9", " error"],
        "{first_line}"
    );
    let (status, page) = get(&preview, "/about/");
    assert_eq!(status, 200);
    assert!(page.contains("Second."), "the last good page is not served");
    std::fs::write(
        site.root.join("content/about.md"),
        "---\ntitle: About\n---\nFourth.\n",
    )
    .unwrap();
    wait_for_event(&mut events, "reload");
    assert!(get(&preview, "/about/").1.contains("Fourth."));
    preview.stop();
}

#[test]
fn a_stylesheet_edit_swaps_css_without_reloading() {
    let site = TestSite::minimal().file("static/extra.css", "body{}");
    let preview = start(&site);
    let mut events = listen(&preview);
    std::fs::write(site.root.join("static/extra.css"), "body{color:black}").unwrap();
    wait_for_event(&mut events, "css");
    assert!(get(&preview, "/extra.css").1.ends_with("body{color:black}"));
    preview.stop();
}

/// A JPEG `width` x `height`: a photo for the preview to publish.
fn photo(width: u32, height: u32) -> Vec<u8> {
    let pixels = image::RgbImage::from_pixel(width, height, image::Rgb([40, 120, 60]));
    let mut jpeg = Vec::new();
    image::DynamicImage::ImageRgb8(pixels)
        .write_to(
            &mut std::io::Cursor::new(&mut jpeg),
            image::ImageFormat::Jpeg,
        )
        .expect("a test photo");
    jpeg
}

/// The `<img>` of a served page that shows `url`, up to its end.
/// The `<img>` of `page` whose `src` is the size `size` (`800w.jpg`) of
/// the image named `name`, and that URL (`/_images/NAME-HASH-SIZE`).
fn img_showing<'p>(page: &'p str, name: &str, size: &str) -> (&'p str, String) {
    let start = format!("<img src=\"/_images/{name}-");
    for (at, _) in page.match_indices(&start) {
        let img = &page[at..];
        let img = &img[..img.find('>').map_or(img.len(), |end| end + 1)];
        let url = img["<img src=\"".len()..]
            .split('"')
            .next()
            .unwrap_or_default();
        if url.ends_with(&format!("-{size}")) {
            return (img, url.to_string());
        }
    }
    panic!("no <img> of {name} at {size} in {page}")
}

/// A page's `image:` in its front matter is tracked as an image in its
/// body is: saving the photo again (as an editor does, under another name
/// then moved into place) refreshes the page's hero and its card in the
/// section's listing, at the new photo's sizes.
#[test]
fn a_photo_edit_refreshes_the_pages_that_show_it_as_their_image() {
    let cover = "---\ntitle: River walk\ndescription: A walk.\nimage:\n  src: bench.jpg\n  alt: A bench\n---\nText.\n";
    let site = TestSite::minimal()
        .file("content/walks/_index.md", "---\ntitle: Walks\n---\n")
        .file("content/walks/river/index.md", cover)
        .bytes("content/walks/river/bench.jpg", &photo(900, 600));
    let preview = start(&site);
    let mut events = listen(&preview);
    let hero = get(&preview, "/walks/river/").1;
    let (img, _) = img_showing(&hero, "bench", "800w.jpg");
    assert!(img.contains("width=\"800\" height=\"533\""), "{img}");
    let saved = site.root.join("bench.jpg.new");
    std::fs::write(&saved, photo(600, 300)).unwrap();
    std::fs::rename(&saved, site.root.join("content/walks/river/bench.jpg")).unwrap();
    wait_for_event(&mut events, "reload");
    let hero = get(&preview, "/walks/river/").1;
    let (img, url) = img_showing(&hero, "bench", "600w.jpg");
    assert!(img.contains("width=\"600\" height=\"300\""), "{img}");
    let listing = get(&preview, "/walks/").1;
    let (card, _) = img_showing(&listing, "bench", "480w.jpg");
    assert!(card.contains("width=\"480\" height=\"240\""), "{card}");
    let webp = url.replace("-600w.jpg", "-600w.webp");
    assert_eq!(get(&preview, &webp).0, 200);
    preview.stop();
}
/// A watch follows the folder it was put on: a folder made while serving,
/// or moved away and back (as switching branches can), is watched again.
#[test]
fn folders_made_or_put_back_while_serving_are_watched() {
    let site = TestSite::minimal().file("content/about.md", "---\ntitle: About\n---\nFirst.\n");
    let preview = start(&site);
    let mut events = listen(&preview);
    let (content, away) = (site.root.join("content"), site.root.join("content-away"));
    std::fs::rename(&content, &away).unwrap();
    wait_for_event(&mut events, "errors");
    std::fs::rename(&away, &content).unwrap();
    wait_for_event(&mut events, "reload");
    std::fs::write(
        content.join("about.md"),
        "---\ntitle: About\n---\nSecond.\n",
    )
    .unwrap();
    wait_for_event(&mut events, "reload");
    assert!(get(&preview, "/about/").1.contains("Second."));

    std::fs::create_dir(site.root.join("static")).unwrap();
    wait_for_event(&mut events, "reload");
    std::fs::write(site.root.join("static/extra.css"), "body{color:black}").unwrap();
    wait_for_event(&mut events, "css");
    assert!(get(&preview, "/extra.css").1.ends_with("body{color:black}"));
    preview.stop();
}

#[test]
fn polling_sees_every_edit_even_within_one_tick_of_the_clock() {
    // Network drives and some file systems keep modification times to the
    // second or coarser: three saves of one page, of the same length, in
    // one such tick, leave its time and size as they were after the first.
    let page = "content/about.md";
    let site = TestSite::minimal().file(page, "---\ntitle: About\n---\nEdit 0.\n");
    let file = site.root.join(page);
    let tick = std::fs::metadata(&file).unwrap().modified().unwrap() + Duration::from_secs(60);
    let preview = start_watching(&site, true);
    let mut events = listen(&preview);
    for edit in 1..=3 {
        std::fs::write(&file, format!("---\ntitle: About\n---\nEdit {edit}.\n")).unwrap();
        let written = std::fs::File::options().write(true).open(&file).unwrap();
        written.set_modified(tick).unwrap();
        drop(written);
        wait_for_event(&mut events, "reload");
        let (_, page) = get(&preview, "/about/");
        assert!(
            page.contains(&format!("Edit {edit}.")),
            "edit {edit} not served"
        );
    }
    preview.stop();
}

fn full_build(site: &TestSite) -> Vec<(String, Vec<u8>)> {
    let mut session = Session::new(site.options());
    assert!(session.rebuild(&[Change::Everything]).is_ok);
    files_of(&session)
}

fn files_of(session: &Session) -> Vec<(String, Vec<u8>)> {
    session
        .files()
        .iter()
        .map(|(path, file)| (path.clone(), file.contents.read().unwrap().into_owned()))
        .collect()
}

#[test]
fn incremental_rebuilds_equal_full_builds() {
    // The home page and every module show site-wide data, which the
    // edits below change: a new brief, a changed date, a changed title.
    let site = TestSite::fixture("kinds")
        .file("templates/index.html", SITE_WIDE_HOME)
        .file("templates/module.html", SITE_WIDE_MODULE);
    let mut session = Session::new(site.options());
    assert!(session.rebuild(&[Change::Everything]).is_ok);
    let renamed = std::fs::read_to_string(site.root.join("site.yaml"))
        .unwrap()
        .replace("Kinds site", "Renamed site");
    let edits: Vec<(&str, Option<&str>, Change)> = vec![
        ("content/courses/01-intro/01-first.md", Some("---\ntitle: First module\nduration: 90 minutes\noutcomes: [say hello]\n---\n\n## Overview\n\nA body-only edit.\n"), Change::Content(vec!["courses/01-intro/01-first.md".into()])),
        ("content/courses/01-intro/02-second.md", Some("---\ntitle: Second, renamed\nduration: 3 hours\noutcomes: [say goodbye]\n---\n\nShorter.\n"), Change::Content(vec!["courses/01-intro/02-second.md".into()])),
        ("content/briefs/newest.md", Some("---\ntitle: Newest\nsummary: s\nrecommendations: [r]\nversion: 1\nstatus: draft\nreview_due: 2027-01-01\n---\nNew page linking [old](@/briefs/old.md).\n"), Change::Content(vec!["briefs/newest.md".into()])),
        ("content/briefs/newest.md", Some("---\ntitle: Newest\ndate: 2026-09-01\nsummary: s\nrecommendations: [r]\nversion: 1\nstatus: draft\nreview_due: 2027-01-01\n---\nNew page linking [old](@/briefs/old.md).\n"), Change::Content(vec!["briefs/newest.md".into()])),
        ("content/briefs/newest.md", Some("---\ntitle: Newest, renamed\ndate: 2026-09-01\nsummary: s\nrecommendations: [r]\nversion: 1\nstatus: draft\nreview_due: 2027-01-01\n---\nNew page linking [old](@/briefs/old.md).\n"), Change::Content(vec!["briefs/newest.md".into()])),
        ("content/briefs/newest.md", Some("---\ntitle: Newest, renamed\ndate: 2026-09-01\nsummary: s\nrecommendations: [r]\nversion: 1\nstatus: draft\nreview_due: 2027-01-01\n---\nA body-only edit.\n"), Change::Content(vec!["briefs/newest.md".into()])),
        ("content/briefs/newest.md", None, Change::Content(vec!["briefs/newest.md".into()])),
        ("templates/page.html", Some("{% extends \"base.html\" %}{% block main %}<main>{{ page.title }}</main>{% endblock main %}"), Change::Templates),
        ("static/extra.css", Some("p{}"), Change::Static),
        ("site.yaml", Some(&renamed), Change::Everything),
    ];
    for (path, text, change) in edits {
        edit(&site, path, text);
        let rebuild = session.rebuild(&[change]);
        assert!(rebuild.is_ok, "{path}: {}", rebuild.diagnostics.report());
        let incremental = files_of(&session);
        let full = full_build(&site);
        let differing: Vec<&String> = full
            .iter()
            .zip(&incremental)
            .filter(|(a, b)| a != b)
            .map(|(a, _)| &a.0)
            .collect();
        assert_eq!(
            incremental.len(),
            full.len(),
            "after {path}: file lists differ"
        );
        assert!(
            differing.is_empty(),
            "after {path}: {differing:?} differ from a full build"
        );
    }
}

/// A home page showing site-wide data: the newest briefs and every course.
const SITE_WIDE_HOME: &str = "{% set briefs = newest_pages(kind=\"brief\", limit=3) %}\
    {% set courses = get_section(path=\"courses\") %}\
    {% for b in briefs %}{{ b.title }} {{ b.date }};{% endfor %}\
    {% for c in courses.subsections %}{{ c.title }} {{ c.course.duration.display }};{% endfor %}";

/// A module page showing its own title and the briefs section's pages.
const SITE_WIDE_MODULE: &str = "{{ page.title }}{% set briefs = get_section(path=\"briefs\") %}\
    {% for b in briefs.pages %} {{ b.title }}{% endfor %}";

/// The content pages a render made (a course's handout is made with
/// every render).
fn pages_made(output: &hearth::output::Output) -> Vec<&str> {
    output
        .files
        .iter()
        .map(|file| file.path.as_str())
        .filter(|path| path.ends_with("index.html") && !path.ends_with("handout/index.html"))
        .collect()
}

#[test]
fn a_render_of_one_page_whose_summary_changed_renders_the_pages_that_showed_it_and_only_those() {
    use hearth::render::{render_with, Plan, RenderCache, RenderOptions};
    let site = TestSite::fixture("kinds")
        .file("templates/index.html", SITE_WIDE_HOME)
        .file("templates/module.html", SITE_WIDE_MODULE);
    let images = hearth::images::Published::default();
    let options = RenderOptions {
        today: common::today(),
        images: &images,
        kept: None,
    };
    let mut cache = RenderCache::default();
    let mut render = |plan: &Plan| {
        let mut diagnostics = hearth::Diagnostics::new();
        let prepared = hearth::pipeline::prepare(&site.options(), &mut diagnostics).unwrap();
        let output = render_with(
            &prepared.site,
            &prepared.theme,
            options,
            &mut cache,
            plan,
            None,
            &mut diagnostics,
        );
        assert!(!diagnostics.has_errors(), "{}", diagnostics.report());
        output
    };
    render(&Plan::All);
    let only_new = Plan::Only(["briefs/new.md".to_string()].into());

    // A body-only edit changes no summary: only the page itself.
    let new = std::fs::read_to_string(site.root.join("content/briefs/new.md")).unwrap();
    edit(
        &site,
        "content/briefs/new.md",
        Some(&format!("{new}\nMore.\n")),
    );
    assert_eq!(pages_made(&render(&only_new)), ["briefs/new/index.html"]);

    // A new date and title change what the functions give: the home page
    // and the modules that called them are rendered too, and no other page.
    let dated = new.replacen(
        "title: New brief\n",
        "title: Newer brief\ndate: 2026-05-01\n",
        1,
    );
    edit(&site, "content/briefs/new.md", Some(&dated));
    let output = render(&only_new);
    assert_eq!(
        pages_made(&output),
        [
            "briefs/new/index.html",
            "courses/intro/first/index.html",
            "courses/intro/second/index.html",
            "index.html",
        ]
    );
    let home = output
        .files
        .iter()
        .find(|f| f.path == "index.html")
        .unwrap();
    let home = String::from_utf8(home.contents.read().unwrap().into_owned()).unwrap();
    assert!(home.starts_with("Newer brief 2026-05-01;"), "{home}");
}

/// The session's files after `change`, which must build, against a full build.
fn assert_same_as_full(site: &TestSite, session: &mut Session, change: Change, what: &str) {
    let rebuild = session.rebuild(&[change]);
    assert!(rebuild.is_ok, "{what}: {}", rebuild.diagnostics.report());
    let incremental = files_of(session);
    let full = full_build(site);
    assert_eq!(
        incremental.iter().map(|f| &f.0).collect::<Vec<_>>(),
        full.iter().map(|f| &f.0).collect::<Vec<_>>(),
        "after {what}: file lists differ"
    );
    let differing: Vec<&String> = full
        .iter()
        .zip(&incremental)
        .filter(|(a, b)| a != b)
        .map(|(a, _)| &a.0)
        .collect();
    assert!(
        differing.is_empty(),
        "after {what}: {differing:?} differ from a full build"
    );
}

#[test]
fn incremental_rebuilds_of_a_bilingual_site_equal_full_builds() {
    let site = TestSite::fixture("bilingual");
    let mut session = Session::new(site.options());
    assert!(session.rebuild(&[Change::Everything]).is_ok);
    let welsh_front = "---\ntitle: Amdanom ni\nslug: amdanom-ni\ndescription: Pwy ydym ni.\ndate: 2026-03-01\nlast_reviewed: 2026-03-03\n---\n";
    let english_front = "---\ntitle: About us\ndescription: Who we are.\ndate: 2026-03-01\nlast_reviewed: 2026-03-03\n---\n";
    let edits = [
        (
            "about.cy.md",
            format!("{welsh_front}Rydym yn helpu trefi a dinasoedd.\n\n## Pwy\n"),
        ),
        (
            "about.md",
            format!("{english_front}We help towns and cities.\n"),
        ),
        (
            "about.cy.md",
            format!("{welsh_front}Testun arall, gyda [dolen](@/contact.md).\n"),
        ),
        // The front matter changes: assembled again.
        (
            "about.cy.md",
            welsh_front.replace("Amdanom ni\n", "Amdanom ni, newydd\n"),
        ),
    ];
    for (path, text) in edits {
        edit(&site, &format!("content/{path}"), Some(&text));
        let change = Change::Content(vec![path.to_string()]);
        assert_same_as_full(&site, &mut session, change, path);
        let page = if path == "about.md" {
            "about/index.html"
        } else {
            "cy/amdanom-ni/index.html"
        };
        let served = session.files()[page].contents.read().unwrap().into_owned();
        let body = text
            .rsplit("---\n")
            .next()
            .unwrap()
            .lines()
            .next()
            .unwrap_or("");
        let shown = body.split(" [").next().unwrap();
        assert!(
            String::from_utf8_lossy(&served).contains(shown),
            "{path}: {shown}"
        );
    }
}

/// Breaks the kinds fixture's first module with `breaking` in a preview
/// session, edits the second while the first is broken, then restores
/// the first. The broken builds report the errors `expected` (kind,
/// line and column in the first module) and change no file; the
/// fix gives exactly a build from scratch, the second module's edit
/// included. Returns the site, the session and the first module's text,
/// for more steps.
fn broken_edit_then_fix(
    breaking: impl Fn(&str) -> String,
    expected: &[(ErrorKind, usize, usize)],
) -> (TestSite, Session, String) {
    let site = TestSite::fixture("kinds");
    let mut session = Session::new(site.options());
    assert!(session.rebuild(&[Change::Everything]).is_ok);
    let good = files_of(&session);
    let original = std::fs::read_to_string(site.root.join(FIRST_MODULE)).unwrap();

    edit(&site, FIRST_MODULE, Some(&breaking(&original)));
    let rebuild = session.rebuild(&[content_change(FIRST_MODULE)]);
    assert!(!rebuild.is_ok);
    assert_eq!(errors_in_first(&rebuild.diagnostics), expected);
    assert!(rebuild.changed.is_empty());
    assert_eq!(files_of(&session), good, "the last good build changed");

    // The first module is still broken on disk: an edit to another page
    // cannot build without it, and waits for the fix.
    edit(
        &site,
        SECOND_MODULE,
        Some(&format!("{SECOND}Edited while the first was broken.")),
    );
    let rebuild = session.rebuild(&[content_change(SECOND_MODULE)]);
    assert!(
        !rebuild.is_ok,
        "a build with a broken page on disk succeeded"
    );
    assert_eq!(errors_in_first(&rebuild.diagnostics), expected);
    assert_eq!(
        files_of(&session),
        good,
        "a build with errors changed the files"
    );

    edit(&site, FIRST_MODULE, Some(&original));
    let rebuild = session.rebuild(&[content_change(FIRST_MODULE)]);
    assert!(rebuild.is_ok, "{}", rebuild.diagnostics.report());
    assert_eq!(files_of(&session), full_build(&site));
    let second_page = "courses/intro/second/index.html";
    assert!(
        rebuild.changed.iter().any(|path| path == second_page),
        "{second_page} is not among the changed files: {:?}",
        rebuild.changed
    );
    (site, session, original)
}

const FIRST_MODULE: &str = "content/courses/01-intro/01-first.md";
const SECOND_MODULE: &str = "content/courses/01-intro/02-second.md";

/// (kind, line, column) of each error in the first module.
fn errors_in_first(diagnostics: &Diagnostics) -> Vec<(ErrorKind, usize, usize)> {
    diagnostics
        .sorted()
        .into_iter()
        .filter(|e| e.is_error() && e.path.to_str() == Some(FIRST_MODULE))
        .map(|e| (e.kind, e.line, e.column))
        .collect()
}

fn content_change(path: &str) -> Change {
    Change::Content(vec![path.trim_start_matches("content/").into()])
}

#[test]
fn errors_in_the_front_matter_stop_a_preview_build_and_the_fix_builds_every_edit_since() {
    // A wrong type, reported before anything is rendered.
    broken_edit_then_fix(
        |text| {
            text.replacen(
                "title: First module\n",
                "title: First module\nweight: heavy\n",
                1,
            )
        },
        &[(ErrorKind::InvalidValue, 3, 9)],
    );
}

/// An image without alt text, and not there, on line 13 of the first module.
const IMAGE_ERRORS: &[(ErrorKind, usize, usize)] = &[
    (ErrorKind::BrokenLink, 13, 1),
    (ErrorKind::Check(Rule::ImageAlt), 13, 1),
];

#[test]
fn a_body_error_keeps_the_last_good_build_and_the_fix_builds_every_edit_since() {
    // An image without alt text, found while rendering the edited page.
    let with_image = |text: &str| format!("{text}\n![](photo.png)\n");
    let (site, mut session, original) = broken_edit_then_fix(with_image, IMAGE_ERRORS);

    // After a failed build the session still holds the last good site.
    edit(&site, FIRST_MODULE, Some(&with_image(&original)));
    assert!(!session.rebuild(&[content_change(FIRST_MODULE)]).is_ok);
    let held = session.into_site().expect("a last good site");
    let page = held
        .pages
        .iter()
        .find(|entry| entry.page.path == "courses/01-intro/01-first.md")
        .expect("the first module");
    assert!(
        !page.page.text.contains("photo.png"),
        "the broken page is held"
    );
}

/// Writes (or, with `None`, deletes) a file of the site.
fn edit(site: &TestSite, path: &str, text: Option<&str>) {
    let file = site.root.join(path);
    match text {
        Some(text) => {
            std::fs::create_dir_all(file.parent().unwrap()).unwrap();
            std::fs::write(&file, text).unwrap()
        }
        None => std::fs::remove_file(&file).unwrap(),
    }
}

const SECOND: &str =
    "---\ntitle: Second module\nduration: 2 hours\noutcomes: [say goodbye]\n---\n\n";
const FIRST: &str =
    "---\ntitle: First module\nduration: 90 minutes\noutcomes: [say hello]\n---\n\n";
const NEW_BRIEF: &str = "---\ntitle: New brief\ndate: 2025-03-01\nsummary: The current advice.\nrecommendations: [Read it]\nversion: 2.0\nstatus: current\nreview_due: 2027-06-01\n---\n\n";

#[test]
fn body_edits_reuse_the_site_and_still_equal_full_builds() {
    let site = TestSite::fixture("kinds");
    let mut session = Session::new(site.options());
    assert!(session.rebuild(&[Change::Everything]).is_ok);
    let (first, second) = (FIRST_MODULE, SECOND_MODULE);
    let brief = "content/briefs/new.md";
    let course = "content/courses/01-intro/_index.md";
    // (file, new text, whether the build must succeed)
    let steps: Vec<(&str, String, bool)> = vec![
        (brief, format!("{NEW_BRIEF}First words."), true),
        (
            brief,
            format!("{NEW_BRIEF}Second words, in the feed."),
            true,
        ),
        (second, format!("{SECOND}## Goodbye\n\nSaid."), true),
        (
            first,
            format!("{FIRST}Go to [goodbye](@/courses/01-intro/02-second.md#goodbye)."),
            true,
        ),
        (second, format!("{SECOND}## Farewell\n\nSaid."), false),
        (second, format!("{SECOND}## Goodbye\n\nSaid again."), true),
        (
            first,
            format!("{FIRST}Go to [nowhere](@/courses/01-intro/02-second.md#nowhere)."),
            false,
        ),
        (
            first,
            format!("{FIRST}Back to [goodbye](@/courses/01-intro/02-second.md#goodbye)."),
            true,
        ),
        (
            course,
            std::fs::read_to_string(site.root.join(course)).unwrap()
                + "\nA new course introduction.\n",
            true,
        ),
    ];
    for (path, text, is_good) in steps {
        edit(&site, path, Some(&text));
        let rebuild = session.rebuild(&[content_change(path)]);
        let full = Session::new(site.options()).rebuild(&[Change::Everything]);
        assert_eq!(
            rebuild.is_ok,
            is_good,
            "{path}: {}",
            rebuild.diagnostics.report()
        );
        assert_eq!(
            rebuild.diagnostics.report(),
            full.diagnostics.report(),
            "after {path}"
        );
        if is_good {
            assert_eq!(files_of(&session), full_build(&site), "after {path}");
        } else {
            let errors: Vec<_> = rebuild
                .diagnostics
                .iter()
                .filter(|problem| problem.is_error())
                .map(|error| (error.kind, error.path.ends_with(first), error.line))
                .collect();
            assert_eq!(errors, [(hearth::ErrorKind::BrokenAnchor, true, 7)]);
        }
    }
    let feed = files_of(&session)
        .into_iter()
        .find(|(path, _)| path == "briefs/atom.xml")
        .expect("the briefs section has a feed once a brief is dated");
    assert!(String::from_utf8(feed.1)
        .unwrap()
        .contains("Second words, in the feed."));
}

#[test]
fn a_body_edit_renders_only_its_own_files() {
    let site = TestSite::fixture("kinds");
    let mut session = Session::new(site.options());
    session.rebuild(&[Change::Everything]);
    std::fs::write(site.root.join("content/charter/02-workplaces.md"), "---\ntitle: \"Workplaces, \\\"large\\\" and small\"\nnumber: 2\nsector: Workplaces\nasks: Workplaces have guidance on loss.\nstatus: not-started\n---\nNew words.\n").unwrap();
    let rebuild = session.rebuild(&[Change::Content(vec!["charter/02-workplaces.md".into()])]);
    assert!(rebuild.is_ok, "{}", rebuild.diagnostics.report());
    let pages: Vec<&String> = rebuild
        .changed
        .iter()
        .filter(|p| !p.starts_with("pagefind/"))
        .collect();
    assert_eq!(pages, vec!["charter/workplaces/index.html"]);
}

#[test]
fn the_search_index_follows_in_the_background() {
    let site = TestSite::minimal().file("content/about.md", "---\ntitle: About\n---\nHello.\n");
    let preview = start(&site);
    let deadline = Instant::now() + Duration::from_secs(20);
    while get(&preview, "/pagefind/pagefind.js").0 != 200 {
        assert!(Instant::now() < deadline, "no search index within 20 s");
        std::thread::sleep(Duration::from_millis(100));
    }
    assert_eq!(get(&preview, "/search/").0, 200);
    preview.stop();
}

#[test]
fn a_preview_started_broken_shows_the_errors_at_every_address() {
    let site = TestSite::minimal().file(
        "content/about.md",
        "---\ntitle: About\nweight: <b>heavy</b>\n---\nHello.\n",
    );
    let preview = start(&site);
    for path in ["/", "/about/", "/no/such/page/"] {
        let (status, text) = get(&preview, path);
        assert_eq!(status, 503, "{path}: {text}");
        assert!(text.contains("content/about.md:3:9"), "{text}");
        // The report is text: the source line it quotes is escaped.
        assert!(text.contains("weight: &lt;b&gt;heavy&lt;/b&gt;"), "{text}");
        assert!(!text.contains("<b>heavy"), "{text}");
        // The reload script turns the page into the site once it builds.
        assert!(text.contains(hearth::serve::reload::EVENTS_PATH), "{text}");
    }
    std::fs::write(
        site.root.join("content/about.md"),
        "---\ntitle: About\nweight: 1\n---\nHello.\n",
    )
    .unwrap();
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let (status, text) = get(&preview, "/about/");
        if status == 200 {
            assert!(text.contains("Hello."), "{text}");
            break;
        }
        assert!(Instant::now() < deadline, "still {status} after the fix");
        std::thread::sleep(Duration::from_millis(100));
    }
    preview.stop();
}

/// The kinds fixture with a paginated plain section of three guides, a
/// `topics` taxonomy paginated by one (so a term's page count follows its
/// pages), and a home page and modules that show site-wide data, term
/// counts included.
fn fronts_site() -> TestSite {
    let yaml = std::fs::read_to_string(TestSite::fixture("kinds").root.join("site.yaml")).unwrap();
    let home = format!(
        "{SITE_WIDE_HOME}{{% set topics = get_taxonomy(name=\"topics\") %}}{{% for t in topics.terms %}}{{{{ t.name }}}} {{{{ t.page_count }}}};{{% endfor %}}"
    );
    TestSite::fixture("kinds")
        .file(
            "site.yaml",
            &format!(
                "{yaml}taxonomies:\n  - name: topics\n    paginate_by: 1\n  - name: audiences\n"
            ),
        )
        .file("templates/index.html", &home)
        .file("templates/module.html", SITE_WIDE_MODULE)
        .file(
            "content/guides/_index.md",
            "---\ntitle: Guides\npaginate_by: 2\n---\n",
        )
        .file(
            "content/guides/a.md",
            &guide("Alpha", "2026-01-03", "[care]"),
        )
        .file(
            "content/guides/b.md",
            &guide("Beta", "2026-01-02", "[care, grief]"),
        )
        .file(
            "content/guides/c.md",
            &guide("Gamma", "2026-01-01", "[grief]"),
        )
}

fn guide(title: &str, date: &str, topics: &str) -> String {
    format!("---\ntitle: {title}\ndate: {date}\ndescription: About {title}.\ntopics: {topics}\nreview_due: 2027-01-01\n---\nText of {title}.\n")
}

/// How a front matter edit is to be built.
#[derive(Debug, PartialEq)]
enum Way {
    /// Only what shows the edited page, never the file named.
    Fast(&'static str),
    /// Everything again: the site's shape changed.
    Full,
}

#[test]
fn front_matter_edits_render_only_what_shows_the_page_and_equal_full_builds() {
    let site = fronts_site();
    let mut session = Session::new(site.options());
    let first = session.rebuild(&[Change::Everything]);
    assert!(first.is_ok, "{}", first.diagnostics.report());
    let module = "---\ntitle: First module\nduration: 90 minutes\noutcomes: [say hello]\n---\n\n## Overview\n\nSee [the overview](#overview).\n";
    let new_brief = std::fs::read_to_string(site.root.join("content/briefs/new.md")).unwrap();
    let schools = std::fs::read_to_string(site.root.join("content/charter/01-schools.md")).unwrap();
    let course =
        std::fs::read_to_string(site.root.join("content/courses/01-intro/_index.md")).unwrap();
    let edits: Vec<(&str, String, Way)> = vec![
        (
            "guides/a.md",
            guide("Alpha, renamed", "2026-01-03", "[care]"),
            Way::Fast("guides/c/index.html"),
        ),
        (
            "guides/c.md",
            guide("Gamma", "2026-01-01", "[grief]").replace("About Gamma", "All of Gamma"),
            Way::Fast("guides/a/index.html"),
        ),
        (
            "guides/c.md",
            guide("Gamma, renamed", "2026-01-01", "[grief]"),
            Way::Fast("guides/a/index.html"),
        ),
        // A new term, then the last page of a term leaves it: its files go.
        (
            "guides/a.md",
            guide("Alpha, renamed", "2026-01-03", "[care, dying]"),
            Way::Fast("guides/c/index.html"),
        ),
        (
            "guides/a.md",
            guide("Alpha, renamed", "2026-01-03", "[grief]"),
            Way::Fast("guides/c/index.html"),
        ),
        (
            "guides/b.md",
            guide("Beta", "2026-01-02", "[grief]").replace("2027-01-01", "2027-02-01"),
            Way::Fast("charter/schools/index.html"),
        ),
        // A date that keeps the order: feeds and listings show it.
        (
            "guides/b.md",
            guide("Beta", "2026-01-02", "[grief]").replace("2026-01-02", "2026-01-03"),
            Way::Fast("charter/schools/index.html"),
        ),
        (
            "courses/01-intro/01-first.md",
            module.replace("First module", "Opening module"),
            Way::Fast("guides/a/index.html"),
        ),
        (
            "courses/01-intro/01-first.md",
            module.replace("90 minutes", "3 hours"),
            Way::Fast("briefs/old/index.html"),
        ),
        (
            "courses/01-intro/_index.md",
            course.replace("Intro course", "Introduction"),
            Way::Fast("guides/b/index.html"),
        ),
        (
            "briefs/new.md",
            new_brief.replace("New brief", "Current brief"),
            Way::Fast("guides/a/index.html"),
        ),
        (
            "charter/01-schools.md",
            schools.replace("status: achieved", "status: in-progress"),
            Way::Fast("guides/a/index.html"),
        ),
        (
            "guides/_index.md",
            "---\ntitle: Our guides\npaginate_by: 2\n---\n".into(),
            Way::Fast("briefs/new/index.html"),
        ),
        // The courses' breadcrumbs and print views show the section above them.
        (
            "courses/_index.md",
            "---\ntitle: Courses for all\n---\n".into(),
            Way::Fast("guides/a/index.html"),
        ),
        // A new tag alone: no summary changed, so the A to Z is not made again.
        (
            "guides/b.md",
            guide("Beta", "2026-01-03", "[grief, care]"),
            Way::Fast("a-z/index.html"),
        ),
        // A title that moves the page in its section's order (titles
        // decide it here): its old and new neighbours and the listing too.
        (
            "guides/a.md",
            guide("Zeta", "2026-01-03", "[grief]"),
            Way::Fast("briefs/new/index.html"),
        ),
        (
            "guides/c.md",
            guide("Gamma", "2026-01-01", "[grief]").replace("title:", "weight: -1\ntitle:"),
            Way::Fast("briefs/new/index.html"),
        ),
        // A module moved before another: both modules' numbers change.
        (
            "courses/01-intro/02-second.md",
            SECOND.replace("title:", "weight: 0\ntitle:"),
            Way::Fast("guides/a/index.html"),
        ),
        // A URL or the listing pages change: everything again.
        (
            "guides/a.md",
            guide("Alpha, renamed", "2026-01-03", "[grief]")
                .replace("title:", "slug: first\ntitle:"),
            Way::Full,
        ),
        (
            "guides/_index.md",
            "---\ntitle: Our guides\npaginate_by: 1\n---\n".into(),
            Way::Full,
        ),
    ];
    each_front_edit(&site, &mut session, edits);
}

/// The fronts site in two languages: each guide and the guides' section
/// have a Welsh counterpart.
fn two_language_fronts_site() -> TestSite {
    let yaml = std::fs::read_to_string(fronts_site().root.join("site.yaml")).unwrap();
    let cy = guide;
    fronts_site()
        .file(
            "site.yaml",
            &format!("{yaml}languages:\n  cy:\n    title: Prawf\n"),
        )
        // The home page of each language shows the newest pages and the
        // topics' counts (the courses are in English only).
        .file(
            "templates/index.html",
            "{% set newest = newest_pages(limit=3) %}{% set topics = get_taxonomy(name=\"topics\") %}\
             {% for p in newest %}{{ p.title }} {{ p.date }};{% endfor %}\
             {% for t in topics.terms %}{{ t.name }} {{ t.page_count }};{% endfor %}",
        )
        .file(
            "content/guides/_index.cy.md",
            "---\ntitle: Canllawiau\npaginate_by: 2\n---\n",
        )
        .file("content/guides/a.cy.md", &cy("Alffa", "2026-01-03", "[gofal]"))
        .file(
            "content/guides/b.cy.md",
            &cy("Beta", "2026-01-02", "[gofal, care]"),
        )
        .file(
            "content/guides/c.cy.md",
            &cy("Gama", "2026-01-01", "[gofal, care]"),
        )
        // A written page in the topics' folder, in both languages.
        .file("content/topics/about.md", "---\ntitle: About topics\n---\n")
        .file("content/topics/about.cy.md", "---\ntitle: Am bynciau\n---\n")
}

/// In a site of two languages, an edit of a page's title, date,
/// description or terms in either language renders only what shows the
/// page, and the files are those of a full build. A term's pages name the
/// same term's pages in the other language, page by page, so an edit that
/// makes a term, empties it or changes its number of listing pages
/// changes the other language's pages of that term.
#[test]
fn front_matter_edits_in_two_languages_render_what_shows_the_page_and_equal_full_builds() {
    let site = two_language_fronts_site();
    let mut session = Session::new(site.options());
    let first = session.rebuild(&[Change::Everything]);
    assert!(first.is_ok, "{}", first.diagnostics.report());
    // Welsh pages shown by none of the English edits, and the reverse.
    let (welsh, english) = ("cy/guides/b/index.html", "guides/b/index.html");
    let edits: Vec<(&str, String, Way)> = vec![
        (
            "guides/a.md",
            guide("Alpha, renamed", "2026-01-03", "[care]"),
            Way::Fast("cy/a-z/index.html"),
        ),
        (
            "guides/a.cy.md",
            guide("Alffa, newydd", "2026-01-03", "[gofal]"),
            Way::Fast("a-z/index.html"),
        ),
        // A title that moves the page in its section's order.
        (
            "guides/c.cy.md",
            guide("Aaa", "2026-01-01", "[gofal, care]"),
            Way::Fast(english),
        ),
        // A date: feeds, listings and the site map show it.
        (
            "guides/b.md",
            guide("Beta", "2026-01-05", "[care, grief]"),
            Way::Fast(welsh),
        ),
        (
            "guides/b.cy.md",
            guide("Beta", "2026-01-06", "[gofal, care]"),
            Way::Fast(english),
        ),
        // Terms, one listing page to a page: English `care` reaches a
        // third page, which Welsh `care` lacks, so Welsh `care`'s pages
        // name the same counterparts as before.
        (
            "guides/c.md",
            guide("Gamma", "2026-01-01", "[care]"),
            Way::Fast("cy/topics/care/index.html"),
        ),
        (
            "guides/a.md",
            guide("Alpha, renamed", "2026-01-03", "[grief]"),
            Way::Fast(welsh),
        ),
        // English `care` down to one page: Welsh `care`'s second page
        // loses its English version; English `gofal` is new, and the
        // first page of Welsh `gofal` gains one.
        (
            "guides/c.md",
            guide("Gamma", "2026-01-01", "[gofal]"),
            Way::Fast(welsh),
        ),
        // Welsh `care` down to one page, then gone.
        (
            "guides/b.cy.md",
            guide("Beta", "2026-01-06", "[gofal]"),
            Way::Fast(english),
        ),
        (
            "guides/c.cy.md",
            guide("Aaa", "2026-01-01", "[gofal]"),
            Way::Fast(english),
        ),
    ];
    each_front_edit(&site, &mut session, edits);
}

/// Makes each edit in turn, checks that it was built as its [`Way`]
/// says, and that the session's files are a full build's.
fn each_front_edit(site: &TestSite, session: &mut Session, edits: Vec<(&str, String, Way)>) {
    for (path, text, way) in edits {
        edit(site, &format!("content/{path}"), Some(&text));
        let rebuild = session.rebuild(&[Change::Content(vec![path.to_string()])]);
        assert!(rebuild.is_ok, "{path}: {}", rebuild.diagnostics.report());
        let everything = Session::new(site.options())
            .rebuild(&[Change::Everything])
            .rendered
            .len();
        match way {
            Way::Fast(unrelated) => {
                assert!(
                    rebuild.rendered.len() < everything,
                    "{path}: rendered everything"
                );
                assert!(
                    !rebuild.rendered.iter().any(|f| f == unrelated),
                    "{path}: rendered {unrelated}"
                );
            }
            Way::Full => assert_eq!(
                rebuild.rendered.len(),
                everything,
                "{path}: not a full render"
            ),
        }
        assert_same_as_full_files(site, session, path);
    }
}

/// The session's files against a full build of the site as it is now.
fn assert_same_as_full_files(site: &TestSite, session: &Session, what: &str) {
    let incremental = files_of(session);
    let full = full_build(site);
    assert_eq!(
        incremental.iter().map(|f| &f.0).collect::<Vec<_>>(),
        full.iter().map(|f| &f.0).collect::<Vec<_>>(),
        "after {what}: file lists differ"
    );
    let differing: Vec<&String> = full
        .iter()
        .zip(&incremental)
        .filter(|(a, b)| a != b)
        .map(|(a, _)| &a.0)
        .collect();
    assert!(
        differing.is_empty(),
        "after {what}: {differing:?} differ from a full build"
    );
}

/// The fronts site with two undated guides in the `care` topic, listed
/// after the dated ones, one to a listing page: the term's feed shows
/// neither.
fn site_with_undated_guides() -> TestSite {
    fronts_site()
        .file("content/guides/d.md", &undated_guide("Delta"))
        .file("content/guides/e.md", &undated_guide("Epsilon"))
}

fn undated_guide(title: &str) -> String {
    format!("---\ntitle: {title}\ndescription: About {title}.\ntopics: [care]\nreview_due: 2027-01-01\n---\nText of {title}.\n")
}

#[test]
fn a_term_keeps_the_listing_pages_and_feed_an_edit_leaves_as_they_were() {
    let site = site_with_undated_guides();
    let mut session = Session::new(site.options());
    assert!(session.rebuild(&[Change::Everything]).is_ok);
    let feed = "topics/care/atom.xml";
    let listing = |n: usize| match n {
        1 => "topics/care/index.html".to_string(),
        n => format!("topics/care/page/{n}/index.html"),
    };
    assert!(session.files().contains_key(feed), "the term has a feed");
    // Care lists Alpha, Beta, Delta and Epsilon, one to a page. A new
    // title that keeps Delta third: its listing page alone is made again.
    // Then one that moves it after Epsilon: the third and fourth. The
    // feed shows neither, but the second edit reorders the guides' section
    // too, and the feed is made again with the neighbours whose links moved.
    let edits = [("Delta, renamed", vec![3]), ("Zulu", vec![3, 4])];
    for (title, numbers) in edits {
        edit(&site, "content/guides/d.md", Some(&undated_guide(title)));
        let rebuild = session.rebuild(&[content_change("guides/d.md")]);
        assert!(rebuild.is_ok, "{}", rebuild.diagnostics.report());
        let made: Vec<usize> = (1..=4)
            .filter(|&n| rebuild.rendered.contains(&listing(n)))
            .collect();
        assert_eq!(made, numbers, "{title}: the listing pages made again");
        if numbers.len() == 1 {
            let is_made = |path: &str| rebuild.rendered.iter().any(|f| f == path);
            assert!(!is_made(feed), "{title}: the feed is as it was");
            // No date or term changed.
            assert!(!is_made("sitemap.xml"), "{title}: the sitemap is as it was");
        }
        assert!(
            session.files().contains_key(feed),
            "{title}: the feed is still served"
        );
        assert_same_as_full_files(&site, &session, title);
    }
    // A new topic: Care keeps its members, so only its listing page that
    // shows Zulu is made again, and its feed is kept.
    let joined = undated_guide("Zulu").replace("[care]", "[care, dying]");
    edit(&site, "content/guides/d.md", Some(&joined));
    let rebuild = session.rebuild(&[content_change("guides/d.md")]);
    assert!(rebuild.is_ok, "{}", rebuild.diagnostics.report());
    let made: Vec<usize> = (1..=4)
        .filter(|&n| rebuild.rendered.contains(&listing(n)))
        .collect();
    assert_eq!(made, [4], "a new topic: Care's listing pages made again");
    assert!(
        session.files().contains_key(feed),
        "the feed is still served"
    );
    assert_same_as_full_files(&site, &session, "a new topic");
    // Leaving Care: all of its files are made again, its feed too, though
    // the feed does not show the page.
    let left = undated_guide("Zulu").replace("[care]", "[dying]");
    edit(&site, "content/guides/d.md", Some(&left));
    assert!(session.rebuild(&[content_change("guides/d.md")]).is_ok);
    assert!(
        session.files().contains_key(feed),
        "the feed is still served"
    );
    assert_same_as_full_files(&site, &session, "a topic left");
}

/// A term page that lists every term of its taxonomy with its count.
const TERM_WITH_COUNTS: &str =
    "{% for t in taxonomy.terms %}{{ t.name }}={{ t.page_count }};{% endfor %} {{ term.name }}";

#[test]
fn term_pages_that_show_every_terms_count_are_made_again_when_a_count_changes() {
    let site = site_with_undated_guides().file("templates/taxonomy_term.html", TERM_WITH_COUNTS);
    let mut session = Session::new(site.options());
    assert!(session.rebuild(&[Change::Everything]).is_ok);
    // Delta joins a new topic: the pages of Grief, which Delta is not in,
    // show the new term and its count.
    let joined = undated_guide("Delta").replace("[care]", "[care, dying]");
    edit(&site, "content/guides/d.md", Some(&joined));
    let rebuild = session.rebuild(&[content_change("guides/d.md")]);
    assert!(rebuild.is_ok, "{}", rebuild.diagnostics.report());
    let grief = "topics/grief/index.html";
    assert!(
        rebuild.rendered.iter().any(|f| f == grief),
        "Grief's page is made again"
    );
    assert_same_as_full_files(&site, &session, "a new topic shown with counts");
}

#[test]
fn an_edit_the_watcher_missed_is_found_by_the_sweep_after_the_next_one() {
    let site = fronts_site();
    let mut session = Session::new(site.options());
    assert!(session.rebuild(&[Change::Everything]).is_ok);
    assert!(session.sweep().is_empty(), "a sweep with nothing missed");
    let missed = guide("Alpha, missed", "2026-01-03", "[care]");
    edit(&site, "content/guides/a.md", Some(&missed));
    let told = guide("Beta", "2026-01-02", "[care, grief]") + "More.\n";
    edit(&site, "content/guides/b.md", Some(&told));
    let rebuild = session.rebuild(&[content_change("guides/b.md")]);
    assert!(rebuild.is_ok, "{}", rebuild.diagnostics.report());
    // The edit the watcher told of is served without waiting for the sweep.
    let shows_missed =
        |(_, bytes): &(String, Vec<u8>)| String::from_utf8_lossy(bytes).contains("Alpha, missed");
    assert!(!files_of(&session).iter().any(shows_missed));
    let swept = session.sweep();
    assert_eq!(swept, vec![content_change("guides/a.md")]);
    assert_same_as_full(
        &site,
        &mut session,
        swept[0].clone(),
        "an edit the watcher missed",
    );
    assert!(session.sweep().is_empty(), "the missed edit is read once");
}

#[test]
fn files_beside_pages_named_by_the_watcher_settle_without_reading_the_folder() {
    let site = fronts_site();
    let mut session = Session::new(site.options());
    assert!(session.rebuild(&[Change::Everything]).is_ok);
    let everything = full_build(&site).len();
    let files =
        |paths: &[&str]| Change::ContentFiles(paths.iter().map(|p| p.to_string()).collect());
    // An editor's temporary file, renamed over the page it saves: gone
    // by the time the rebuild looks, it changes nothing but the page.
    let temporary = site.root.join("content/guides/.saving-a");
    std::fs::write(&temporary, guide("Alpha, saved", "2026-01-03", "[care]")).unwrap();
    std::fs::rename(&temporary, site.root.join("content/guides/a.md")).unwrap();
    let saved = [files(&["guides/.saving-a"]), content_change("guides/a.md")];
    let rebuild = session.rebuild(&saved);
    assert!(rebuild.is_ok, "{}", rebuild.diagnostics.report());
    assert!(rebuild.rendered.len() < everything, "rendered everything");
    assert_same_as_full_files(&site, &session, "a save by renaming");
    // A file that came, one changed in place, a folder that went: each is
    // a change to the tree, and the build equals a full one.
    edit(&site, "content/guides/notes.txt", Some("notes"));
    let change = files(&["guides/notes.txt"]);
    assert_same_as_full(&site, &mut session, change, "a new file beside pages");
    edit(&site, "content/guides/notes.txt", Some("notes, longer"));
    let change = files(&["guides/notes.txt"]);
    assert_same_as_full(&site, &mut session, change, "a file beside pages changed");
    std::fs::rename(
        site.root.join("content/guides"),
        site.root.join("guides-away"),
    )
    .unwrap();
    let change = files(&["guides"]);
    assert_same_as_full(&site, &mut session, change, "a folder moved away");
    assert!(session.sweep().is_empty(), "nothing left for the sweep");
}

#[test]
fn a_save_by_renaming_reads_only_the_saved_file_and_a_new_file_is_still_seen() {
    let site = fronts_site();
    let mut session = Session::new(site.options());
    assert!(session.rebuild(&[Change::Everything]).is_ok);
    // An editor's safe save: a new file renamed over the page, which the
    // watcher sees as a change to the content tree too.
    let renamed = guide("Alpha, saved", "2026-01-03", "[care]");
    edit(&site, "content/guides/a.md", Some(&renamed));
    let rebuild = session.rebuild(&[Change::ContentTree, content_change("guides/a.md")]);
    assert!(rebuild.is_ok, "{}", rebuild.diagnostics.report());
    let everything = full_build(&site).len();
    assert!(rebuild.rendered.len() < everything, "rendered everything");
    assert_same_as_full_files(&site, &session, "a save by renaming");
    // A file that came is a change to the tree all the same.
    std::fs::write(site.root.join("content/guides/notes.txt"), "notes").unwrap();
    assert_same_as_full(&site, &mut session, Change::ContentTree, "a new file");
}

/// A home page showing every topic's count and the three newest pages.
const TERMS_HOME: &str = "{% set topics = get_taxonomy(name=\"topics\") %}\
    {% for t in topics.terms %}{{ t.name }}={{ t.page_count }};{% endfor %}\
    {% for p in newest_pages(limit=3) %} {{ p.title }}{% endfor %}";

/// A dated news page in the topics `topics`.
fn news(title: &str, date: &str, topics: &str) -> String {
    format!("---\ntitle: {title}\ndate: {date}\ntopics: [{topics}]\n---\nText.\n")
}

#[test]
fn term_edits_bring_get_taxonomy_up_to_date_as_a_full_build_would() {
    let site = TestSite::fixture("kinds")
        .file("templates/index.html", TERMS_HOME)
        .file("content/news/a.md", &news("Alpha", "2026-08-01", "Grief"))
        .file(
            "content/news/b.md",
            &news("Beta", "2026-08-02", "Grief, Carers"),
        );
    let mut session = Session::new(site.options());
    assert!(session.rebuild(&[Change::Everything]).is_ok);
    let home = |session: &Session| {
        let file = &session.files()["index.html"];
        String::from_utf8(file.contents.read().unwrap().into_owned()).unwrap()
    };
    assert!(
        home(&session).starts_with("Carers=1;Grief=2;"),
        "{}",
        home(&session)
    );
    let edits = [
        (
            "leaving a term",
            news("Beta", "2026-08-02", "Carers"),
            "Carers=1;Grief=1;",
        ),
        (
            "a new term",
            news("Beta", "2026-08-02", "Carers, Walks"),
            "Carers=1;Grief=1;Walks=1;",
        ),
        (
            "a new title and term",
            news("Beta two", "2026-08-02", "Grief"),
            "Grief=2; Beta two Alpha",
        ),
    ];
    for (what, text, shown) in edits {
        edit(&site, "content/news/b.md", Some(&text));
        let change = Change::Content(vec!["news/b.md".into()]);
        assert_same_as_full(&site, &mut session, change, what);
        assert!(home(&session).contains(shown), "{what}: {}", home(&session));
    }
}

/// Runs of front matter edits, drawn at random, in a site of one language
/// and in one of two: titles, dates and terms of pages in either language.
mod front_edits_at_random {
    use super::*;
    use proptest::prelude::*;

    /// An edit: a guide of the site's own language (and of Welsh when
    /// `is_welsh`), written with a title, a date and topics drawn from a
    /// few, some shared by the languages.
    fn front_edit(is_welsh: bool) -> impl Strategy<Value = (String, String)> {
        let mut paths = Vec::new();
        for name in ["a", "b", "c"] {
            paths.push(format!("guides/{name}.md"));
            if is_welsh {
                paths.push(format!("guides/{name}.cy.md"));
            }
        }
        let path = prop::sample::select(paths);
        let title = prop::sample::select(vec!["Alpha", "Beta", "Aaa", "Zed"]);
        let date = prop::sample::select(vec!["2026-01-01", "2026-01-02", "2026-01-05"]);
        let topics = prop::sample::subsequence(vec!["care", "grief", "gofal", "New one"], 0..=3);
        // Half the edits keep the page's topics: its place in them moves.
        let topics = prop::option::of(topics.prop_map(|t| format!("[{}]", t.join(", "))));
        (path, title, date, topics).prop_map(|(path, title, date, topics)| {
            let topics = topics.unwrap_or_else(|| KEPT.to_string());
            (path, guide(title, date, &topics))
        })
    }

    /// Stands for the topics the page has now.
    const KEPT: &str = "(kept)";

    /// `text` with the topics of the file at `file` where it keeps them.
    fn with_kept_topics(text: &str, file: &std::path::Path) -> String {
        let now = std::fs::read_to_string(file).unwrap();
        let line = now.lines().find(|l| l.starts_with("topics:")).unwrap();
        text.replace(&format!("topics: {KEPT}"), line)
    }

    /// Builds `site`, makes each edit in turn, and checks after each that
    /// the preview's files are a full build's.
    fn each_equals_full_build(
        site: &TestSite,
        edits: Vec<(String, String)>,
    ) -> Result<(), TestCaseError> {
        let mut session = Session::new(site.options());
        let first = session.rebuild(&[Change::Everything]);
        prop_assert!(first.is_ok, "{}", first.diagnostics.report());
        for (path, text) in edits {
            let file = format!("content/{path}");
            let text = with_kept_topics(&text, &site.root.join(&file));
            edit(site, &file, Some(&text));
            let rebuild = session.rebuild(&[Change::Content(vec![path.clone()])]);
            prop_assert!(rebuild.is_ok, "{path}: {}", rebuild.diagnostics.report());
            assert_same_as_full_files(site, &session, &path);
        }
        Ok(())
    }

    proptest! {
        #![proptest_config(ProptestConfig {
            cases: 12,
            failure_persistence: None,
            ..ProptestConfig::default()
        })]

        /// In a site of two languages, after each edit of a run, the
        /// preview's files are a full build's.
        #[test]
        fn any_run_of_front_matter_edits_equals_full_builds(
            edits in prop::collection::vec(front_edit(true), 1..5)
        ) {
            each_equals_full_build(&two_language_fronts_site(), edits)?;
        }

        /// The same in a site of one language.
        #[test]
        fn any_run_of_front_matter_edits_in_one_language_equals_full_builds(
            edits in prop::collection::vec(front_edit(false), 1..5)
        ) {
            each_equals_full_build(&fronts_site(), edits)?;
        }
    }
}
