//! Building sites: URLs, markdown, themes, output files and subpaths.

mod common;

use common::{links_in, TestSite};
use hearth::ErrorKind;

#[test]
fn markdown_renders_as_snapshotted() {
    let site = TestSite::fixture("markdown");
    site.build().assert_ok();
    insta::assert_snapshot!(site.main_of("guide/everything/index.html"));
}

#[test]
fn page_bundle_files_are_copied_beside_their_page() {
    let site = TestSite::fixture("markdown");
    site.build().assert_ok();
    assert!(site.read("guide/map.svg").starts_with("<svg"));
    assert!(site
        .read("guide/everything/index.html")
        .contains("src=\"/guide/map.svg\""));
}

#[test]
fn number_prefixes_order_and_leave_the_url() {
    let site = TestSite::minimal()
        .file(
            "content/courses/01-foundations/_index.md",
            "---\ntitle: Foundations\n---\n",
        )
        .file(
            "content/courses/01-foundations/02-second.md",
            "---\ntitle: Second\n---\n",
        )
        .file(
            "content/courses/01-foundations/01-welcome.md",
            "---\ntitle: Welcome\n---\n",
        );
    site.build().assert_ok();
    let welcome = site.read("courses/foundations/welcome/index.html");
    assert!(
        welcome.contains("href=\"/courses/foundations/second/\""),
        "next link missing"
    );
    let section = site.read("courses/foundations/index.html");
    let first = section
        .find("/courses/foundations/welcome/")
        .expect("welcome listed");
    let second = section
        .find("/courses/foundations/second/")
        .expect("second listed");
    assert!(first < second, "pages out of order");
}

#[test]
fn unicode_titles_and_names_give_safe_lowercase_urls() {
    let site = TestSite::minimal().file(
        "content/Croeso i’r Ŵyl.md",
        "---\ntitle: Croeso i’r Ŵyl\n---\n",
    );
    site.build().assert_ok();
    assert!(site
        .read("croeso-i-r-wyl/index.html")
        .contains("Croeso i’r Ŵyl"));
}

#[test]
fn every_link_works_under_a_base_path() {
    let site = TestSite::fixture("markdown")
        .file("site.yaml", "title: T\nbase_url: https://council.example/compassionate-city/\nmenu:\n  - name: Guide\n    url: \"@/guide/_index.md\"\n  - name: About\n    url: /about/\n")
        .file("content/about.md", "---\ntitle: About\n---\n")
        .remove("templates/page.html");
    site.build().assert_ok();
    let files = site.listing();
    let mut checked = 0;
    for file in files.iter().filter(|f| f.ends_with(".html")) {
        for link in links_in(&site.read(file)) {
            let Some(path) = link.strip_prefix('/') else {
                continue;
            };
            let path = path.split(['#', '?']).next().unwrap_or_default();
            let rest = path
                .strip_prefix("compassionate-city/")
                .unwrap_or_else(|| panic!("{file}: link {link} is outside the base path"));
            let target = if rest.is_empty() || rest.ends_with('/') {
                format!("{rest}index.html")
            } else {
                rest.to_string()
            };
            assert!(files.contains(&target), "{file}: link {link} leads nowhere");
            checked += 1;
        }
    }
    assert!(checked > 50, "only {checked} links checked");
}

#[test]
fn feeds_sitemap_robots_and_404_are_written() {
    let site = TestSite::minimal().file("content/news.md", "---\ntitle: News & views\ndate: 2026-05-01\ndescription: Latest\n---\nBody with [home](@/_index.md).\n");
    site.build().assert_ok();
    let feed = site.read("atom.xml");
    assert!(feed.contains("<title>News &amp; views</title>"));
    assert!(feed.contains("<id>https://test.example/news/</id>"));
    assert!(feed.contains("<updated>2026-05-01T00:00:00Z</updated>"));
    assert!(
        feed.contains("href=&quot;https://test.example/&quot;"),
        "feed links must be absolute"
    );
    assert!(site
        .read("sitemap.xml")
        .contains("<loc>https://test.example/news/</loc>"));
    assert!(site
        .read("robots.txt")
        .contains("Sitemap: https://test.example/sitemap.xml"));
    assert!(site.read("404.html").contains("<html"));
}

#[test]
fn drafts_are_built_only_when_asked() {
    let site = TestSite::minimal().file(
        "content/secret.md",
        "---\ntitle: Secret\ndraft: true\n---\n",
    );
    site.build().assert_ok();
    assert!(!site.output().join("secret").exists());
    let mut options = site.options();
    options.is_drafts = true;
    site.build_with(options).assert_ok();
    assert!(site.read("secret/index.html").contains("Secret"));
}

#[test]
fn site_templates_override_single_theme_templates() {
    let site = TestSite::minimal()
        .file("content/a.md", "---\ntitle: A page\n---\n")
        .file("templates/page.html", "OVERRIDE {{ page.title }}");
    site.build().assert_ok();
    assert_eq!(site.read("a/index.html"), "OVERRIDE A page");
    assert!(
        site.read("index.html").contains("<main"),
        "other templates still come from the theme"
    );
}

#[test]
fn site_templates_can_extend_the_content_page_layout() {
    let site = TestSite::minimal()
        .file(
            "content/a.md",
            "---\ntitle: A page\ntemplate: facts.html\nextra:\n  facts: Ten councils\n---\nThe body text.\n",
        )
        .file(
            "templates/facts.html",
            "{% extends \"content_page.html\" %}\n\
             {% block page_class %} facts-page{% endblock page_class %}\n\
             {% block before_content %}<p class=\"facts\">{{ page.extra.facts }}</p>{% endblock before_content %}\n",
        );
    site.build().assert_ok();
    let html = site.read("a/index.html");
    let at = |needle: &str| {
        html.find(needle)
            .unwrap_or_else(|| panic!("{needle} is missing from:\n{html}"))
    };
    // The block's content, in the layout's place for it: after the
    // title, before the text, inside the article.
    assert!(at("<article class=\"content-page facts-page\"") < at("<h1>A page</h1>"));
    assert!(at("<h1>A page</h1>") < at("<p class=\"facts\">Ten councils</p>"));
    assert!(at("<p class=\"facts\">Ten councils</p>") < at("The body text."));
    assert!(at("The body text.") < at("</article>"));
}

#[test]
fn a_named_site_theme_is_used() {
    let mut site = TestSite::minimal().file(
        "site.yaml",
        "title: T\nbase_url: https://t.example/\ntheme: plain\n",
    );
    for name in [
        "base",
        "page",
        "section",
        "taxonomy_list",
        "taxonomy_term",
        "404",
    ] {
        site = site.file(
            &format!("themes/plain/templates/{name}.html"),
            &format!("plain {name}"),
        );
    }
    site = site.file("themes/plain/static/plain.css", "body{}");
    site.build().assert_ok();
    assert_eq!(site.read("index.html"), "plain section");
    assert_eq!(site.read("plain.css"), "body{}");
}

#[test]
fn asset_urls_carry_a_content_hash() {
    let site = TestSite::minimal().file("templates/index.html", "{{ asset(path=\"style.css\") }}");
    site.build().assert_ok();
    let url = site.read("index.html");
    assert!(
        url.starts_with("/style.css?h=") && url.len() == "/style.css?h=".len() + 8,
        "{url}"
    );
}

#[test]
fn pages_name_the_themes_icon_so_browsers_ask_for_no_missing_favicon() {
    let site = TestSite::minimal();
    site.build().assert_ok();
    let home = site.read("index.html");
    let tag = home
        .split('<')
        .find(|tag| tag.starts_with("link rel=\"icon\""))
        .unwrap_or_else(|| panic!("no <link rel=\"icon\"> in:\n{home}"));
    assert!(tag.contains("type=\"image/svg+xml\""), "{tag}");
    let href = links_in(tag).pop().expect("the icon link has an href");
    let file = href
        .strip_prefix('/')
        .and_then(|path| path.split('?').next())
        .expect("a root-relative address");
    let icon = site.read(file);
    assert!(
        icon.starts_with("<svg") && icon.contains("prefers-color-scheme:dark"),
        "{file} is not the theme's icon: {icon}"
    );
}

#[test]
fn aliases_write_redirect_pages() {
    let site = TestSite::minimal().file(
        "content/new.md",
        "---\ntitle: New\naliases: [/old/page/]\n---\n",
    );
    site.build().assert_ok();
    let redirect = site.read("old/page/index.html");
    assert!(redirect.contains("<meta http-equiv=\"refresh\" content=\"0; url=/new/\">"));
    assert!(redirect.contains("<link rel=\"canonical\" href=\"https://test.example/new/\">"));
    assert_eq!(site.read("_redirects"), "/old/page/ /new/ 301\n");
}

#[test]
fn aliases_copied_from_a_browser_redirect_from_the_folder_the_server_reads() {
    // A server decodes `%20` before it looks for the folder, so the
    // redirect page goes in `our services/`; and `_redirects` splits its
    // lines at spaces, so there the address stays encoded.
    let site = TestSite::minimal().file(
        "content/new.md",
        "---\ntitle: New\naliases: [/our%20services/, /old caf\u{e9}/]\n---\n",
    );
    site.build().assert_ok();
    for folder in ["our services", "old caf\u{e9}"] {
        let redirect = site.read(&format!("{folder}/index.html"));
        assert!(
            redirect.contains("<meta http-equiv=\"refresh\" content=\"0; url=/new/\">"),
            "{folder}: {redirect}"
        );
    }
    assert_eq!(
        site.read("_redirects"),
        "/our%20services/ /new/ 301\n/old%20caf%C3%A9/ /new/ 301\n"
    );
}

#[test]
fn an_encoded_alias_that_leaves_the_site_is_refused_at_its_place() {
    let site = TestSite::minimal().file(
        "content/new.md",
        "---\ntitle: New\naliases: [/%2e%2e/%2E%2E/etc/, /a%0Ab/]\n---\n",
    );
    let outcome = site.build();
    assert!(outcome.summary.is_none(), "the build should fail");
    assert_eq!(
        outcome.error_spots(),
        [
            (ErrorKind::InvalidSlug, 3, 11),
            (ErrorKind::InvalidSlug, 3, 32)
        ]
    );
}

#[test]
fn trusted_raw_html_passes_unchanged() {
    let site = TestSite::minimal()
        .file(
            "site.yaml",
            "title: T\nbase_url: https://t.example/\nmarkdown:\n  raw_html: trusted\n",
        )
        .file(
            "content/a.md",
            "---\ntitle: A\n---\n<button onclick=\"go()\">Go</button>\n",
        );
    site.build().assert_ok();
    assert!(site
        .read("a/index.html")
        .contains("<button onclick=\"go()\">Go</button>"));
}

#[test]
fn init_makes_a_site_that_builds_without_a_theme_folder() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("new-site");
    hearth::init::init(&target).unwrap();
    assert!(!target.join("themes").exists());
    let mut diagnostics = hearth::Diagnostics::new();
    let options = hearth::BuildOptions {
        root: target.clone(),
        base_url: None,
        is_drafts: false,
        is_strict: true,
        today: common::today(),
    };
    let summary = hearth::build::run(&options, &target.join("public"), &mut diagnostics);
    assert!(summary.is_some(), "{}", diagnostics.report());
    assert_eq!(diagnostics.iter().count(), 0, "{}", diagnostics.report());
    assert!(target
        .join("public/courses/first-steps/why-it-matters/index.html")
        .is_file());
    assert_eq!(
        hearth::init::init(&target).unwrap_err().kind,
        ErrorKind::UnsafeOutput
    );
}

/// Every file under `folder`, by `/`-separated path, with its bytes.
fn written_files(folder: &std::path::Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = walkdir::WalkDir::new(folder)
        .into_iter()
        .map(Result::unwrap)
        .filter(|entry| entry.file_type().is_file())
        .map(|entry| {
            let path = entry.path().strip_prefix(folder).unwrap();
            let path = path.to_string_lossy().replace('\\', "/");
            (path, std::fs::read(entry.path()).unwrap())
        })
        .collect();
    files.sort();
    files
}

#[test]
fn a_streamed_build_writes_what_an_in_memory_build_holds() {
    // `hearth build` renders each page around its body and writes it at
    // once, keeping only the bodies that feeds show; the preview server
    // keeps everything. Both must give the same site, for a site with every
    // kind of page, feeds, terms, course print views and charter data.
    let site = TestSite::empty();
    let repository = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    common::copy_tree(&repository.join("content"), &site.root.join("content"));
    std::fs::copy(repository.join("site.yaml"), site.root.join("site.yaml")).unwrap();
    site.build().assert_ok();
    let mut session = hearth::pipeline::Session::new(site.options());
    let rebuild = session.rebuild(&[hearth::pipeline::Change::Everything]);
    assert!(rebuild.is_ok, "{}", rebuild.diagnostics.report());
    // The search bundle is compared by the search tests; the marker file
    // that says Hearth made the folder is only written to disk.
    let is_site = |path: &String| !path.starts_with("pagefind/") && path != ".hearth-output";
    let held: Vec<(String, Vec<u8>)> = session
        .files()
        .iter()
        .filter(|(path, _)| is_site(path))
        .map(|(path, file)| (path.clone(), file.contents.read().unwrap().into_owned()))
        .collect();
    let mut written = written_files(&site.output());
    written.retain(|(path, _)| is_site(path));
    let names = |files: &[(String, Vec<u8>)]| files.iter().map(|f| f.0.clone()).collect::<Vec<_>>();
    assert_eq!(names(&written), names(&held));
    for ((path, written), (_, held)) in written.iter().zip(&held) {
        assert!(
            written == held,
            "{path} differs between a written and an in-memory build"
        );
    }
    assert!(held
        .iter()
        .any(|(path, _)| path.ends_with("/print/index.html")));
    assert!(held.iter().any(|(path, _)| path == "charter/charter.json"));
}

#[test]
fn markdown_files_with_other_extensions_are_pages() {
    let site = TestSite::minimal()
        .file(
            "content/notes.markdown",
            "---\ntitle: Notes\n---\nLong name.\n",
        )
        .file(
            "content/Shouting.MD",
            "---\ntitle: Shouting\n---\nCapitals.\n",
        )
        .file(
            "content/guides/_index.Markdown",
            "---\ntitle: Guides\n---\nSee [the notes](@/notes.markdown).\n",
        )
        .file("content/guides/first.mkd.txt", "not a page");
    site.build().assert_ok();
    assert!(site.read("notes/index.html").contains("Long name."));
    assert!(site.read("shouting/index.html").contains("Capitals."));
    let guides = site.read("guides/index.html");
    assert!(guides.contains("href=\"/notes/\""), "{guides}");
    let listing = site.listing();
    for copied in ["notes.markdown", "Shouting.MD", "guides/_index.Markdown"] {
        assert!(
            !listing.iter().any(|path| path == copied),
            "{copied} was copied as a file"
        );
    }
    assert!(listing.iter().any(|path| path == "guides/first.mkd.txt"));
}

/// Highlighted code is kept between builds: a second build, and a build
/// after a code block changed, write what a build from nothing writes.
#[test]
fn kept_highlighting_builds_what_a_build_from_nothing_builds() {
    let page = |code: &str| {
        format!("---\ntitle: Code\n---\n```rust\n{code}\n```\n\n```python\nprint('same')\n```\n")
    };
    let site = TestSite::minimal().file("content/code.md", &page("let kept = 1;"));
    site.build().assert_ok();
    let first = site.snapshot();
    assert!(site.read("code/index.html").contains("class=\"hl-"));
    site.build().assert_ok();
    assert_eq!(site.snapshot(), first, "the second build");
    let site = site.file("content/code.md", &page("let changed = 2;"));
    site.build().assert_ok();
    let changed = site.snapshot();
    assert!(site.read("code/index.html").contains("changed"));
    std::fs::remove_dir_all(site.root.join(".hearth-cache")).expect("remove the cache");
    site.build().assert_ok();
    assert_eq!(site.snapshot(), changed, "a build from nothing");
}

/// The next build and the preview both read the kept highlighting: a kept
/// block whose HTML is changed in the file shows as changed.
#[test]
fn the_next_build_and_the_preview_take_blocks_from_the_kept_file() {
    use hearth::pipeline::{Change, Session};
    let page = "---\ntitle: Code\n---\n```rust\nlet kept = 1;\n```\n";
    let site = TestSite::minimal().file("content/code.md", page);
    site.build().assert_ok();
    let file = site.root.join(".hearth-cache/highlight.bin");
    let bytes = std::fs::read(&file).expect("the kept file");
    let (salt, blocks): (Vec<u8>, Vec<(u128, String)>) =
        postcard::from_bytes(&bytes).expect("the kept blocks");
    assert_eq!(blocks.len(), 1);
    let marked = "<b>from the file</b>".to_string();
    let blocks: Vec<(u128, String)> = blocks
        .into_iter()
        .map(|(key, _)| (key, marked.clone()))
        .collect();
    let bytes = postcard::to_stdvec(&(salt, blocks)).expect("encoded");
    std::fs::write(&file, bytes).expect("the file changed");
    site.build().assert_ok();
    assert!(site.read("code/index.html").contains(&marked));
    let mut session = Session::new(site.options());
    assert!(session.rebuild(&[Change::Everything]).is_ok);
    let served = session.files()["code/index.html"]
        .contents
        .read()
        .expect("the page");
    assert!(String::from_utf8_lossy(&served).contains(&marked));
}
