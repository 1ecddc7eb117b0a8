use super::*;

struct Fixed;

impl Resolver for Fixed {
    fn content_url(&self, content_path: &str) -> Result<String, String> {
        match content_path {
            "b.md" => Ok("/base/b/".into()),
            "dir/pic.png" => Ok("/base/dir/pic.png".into()),
            _ => Err(format!("there is no file content/{content_path}")),
        }
    }
    fn site_url(&self, path: &str) -> String {
        format!("/base/{}", path.trim_start_matches('/'))
    }
}

const OPTIONS: Options = Options {
    is_smart_punctuation: true,
    is_highlighting: true,
    is_html_trusted: false,
};

fn render_text(body: &str) -> Rendered {
    let references = vec!["abel2018".to_string()];
    let input = Input {
        body,
        path: "dir/a.md",
        references: &references,
        scope: None,
    };
    render(&input, OPTIONS, &Fixed)
}

/// Each problem of a render: its severity, offset, message and help.
fn described(rendered: &Rendered) -> Vec<(Severity, usize, &str, &str)> {
    rendered
        .problems
        .iter()
        .map(|p| (p.severity, p.offset, p.message.as_str(), p.help.as_str()))
        .collect()
}

#[test]
fn text_meant_as_a_link_is_a_warning_at_its_bracket() {
    let body = "See [the guide] (@/b.md), [**our** guide](@/caring at home.md) and \
                [About](@/b.md “About”).\n\n\
                Not links: [sic] (as written), f(x), [a](@/b.md), [1] and (2), \
                [x]\n\n(@/b.md) in a new paragraph.\n\n```\n[code](@/a b.md)\n```\n";
    let rendered = render_text(body);
    let problems: Vec<_> = rendered
        .problems
        .iter()
        .map(|p| (p.severity, p.offset, p.help.as_str()))
        .collect();
    let at = |text: &str| body.find(text).expect("in the body");
    assert_eq!(
        problems,
        [
            (Severity::Warning, at("[the guide]"), "remove the space between ] and ("),
            (
                Severity::Warning,
                at("[**our**"),
                "an address cannot hold spaces: put it in angle brackets, as in [text](<@/my page.md>)"
            ),
            (
                Severity::Warning,
                at("[About]"),
                "write a link's title in straight quotes: [text](@/a.md \"Title\")"
            ),
        ]
    );
}

#[test]
fn text_meant_as_an_image_is_a_warning_at_its_bracket() {
    let body = "A map: ![The town centre](town map.png), ![The park] (park.png) and \
                ![The hall](hall.png “Hall”).\n\n\
                Not missed: ![The river](river.png) and ![sic] alone.\n";
    let rendered = render_text(body);
    let problems: Vec<_> = rendered
        .problems
        .iter()
        .filter(|p| p.severity == Severity::Warning)
        .map(|p| (p.offset, p.message.as_str(), p.help.as_str()))
        .collect();
    let at = |text: &str| body.find(text).expect("in the body");
    let message = "this looks like an image, but markdown reads it as plain text";
    assert_eq!(
        problems,
        [
            (
                at("![The town"),
                message,
                "a file name cannot hold spaces: put it in angle brackets, as in ![What it shows](<town map.png>)"
            ),
            (at("![The park]"), message, "remove the space between ] and ("),
            (
                at("![The hall]"),
                message,
                "write an image's title in straight quotes: ![What it shows](map.png \"Title\")"
            ),
        ]
    );
}

#[test]
fn a_footnote_with_no_note_is_a_warning_at_its_bracket() {
    let body = "Figures[^1] from the survey[^2] and the census[^census-2021].\n\n\
                Not footnotes: [^ spaced], [x^2] and ![^x].\n\n[^1]: The survey.\n";
    let rendered = render_text(body);
    let problems = described(&rendered);
    let at = |text: &str| body.find(text).expect("in the body");
    assert_eq!(
        problems,
        [
            (
                Severity::Warning,
                at("[^2]"),
                "the footnote [^2] has no note, so readers see it as plain text",
                "add its note on a line of its own, such as [^2]: Where this comes from."
            ),
            (
                Severity::Warning,
                at("[^census-2021]"),
                "the footnote [^census-2021] has no note, so readers see it as plain text",
                "add its note on a line of its own, such as [^census-2021]: Where this comes from."
            ),
        ]
    );
    assert!(
        rendered.html.contains("<sup class=\"footnote-ref\">"),
        "{}",
        rendered.html
    );
}

#[test]
fn a_code_language_a_slip_from_a_known_one_is_a_warning_at_the_name() {
    let body = "```pyhton\nprint(1)\n```\n\n- item\n\n  ~~~ javscript {.x}\n  let a;\n  ~~~\n\n\
                ```python\nx\n```\n\n```text\nplain\n```\n\n```mermaid\ngraph\n```\n\n```\nnone\n```\n";
    let rendered = render_text(body);
    let problems = described(&rendered);
    let at = |text: &str| body.find(text).expect("in the body");
    assert_eq!(
        problems,
        [
            (
                Severity::Warning,
                at("pyhton"),
                "the code block's language `pyhton` is not one Hearth knows, so the code is not highlighted",
                "did you mean `python`?"
            ),
            (
                Severity::Warning,
                at("javscript"),
                "the code block's language `javscript` is not one Hearth knows, so the code is not highlighted",
                "did you mean `javascript`?"
            ),
        ]
    );
    let quiet = render(
        &Input {
            body,
            path: "dir/a.md",
            references: &[],
            scope: None,
        },
        Options {
            is_highlighting: false,
            ..OPTIONS
        },
        &Fixed,
    );
    assert!(quiet.problems.is_empty(), "{:?}", quiet.problems);
}

#[test]
fn a_custom_id_written_twice_is_a_warning_at_the_second() {
    let body = "## One {#same}\n\n## Two\n\n## Three {#same}\n\n## Two\n";
    let rendered = render_text(body);
    let ids: Vec<&str> = rendered.headings.iter().map(|h| h.id.as_str()).collect();
    assert_eq!(ids, ["same", "two", "same-1", "two-1"]);
    let problems: Vec<_> = rendered
        .problems
        .iter()
        .map(|p| (p.severity, p.offset))
        .collect();
    let at = body.find("## Three").expect("in the body");
    assert_eq!(problems, [(Severity::Warning, at)]);
}

#[test]
fn headings_get_unique_ids_and_anchors() {
    let rendered = render_text("## Why care?\n\n## Why care?\n\n### Custom {#mine}\n");
    let ids: Vec<&str> = rendered.headings.iter().map(|h| h.id.as_str()).collect();
    assert_eq!(ids, ["why-care", "why-care-1", "mine"]);
    assert!(rendered.html.contains(
        "<h2 id=\"why-care\">Why care?</h2><a class=\"heading-anchor\" href=\"#why-care\">"
    ));
}

#[test]
fn internal_links_resolve_and_broken_ones_are_located() {
    let rendered =
        render_text("See [b](@/b.md#part) and [pic](pic.png).\n\nAnd [gone](@/nope.md).\n");
    assert!(rendered.html.contains("href=\"/base/b/#part\""));
    assert!(rendered.html.contains("href=\"/base/dir/pic.png\""));
    assert_eq!(
        rendered.anchors,
        vec![AnchorLink {
            target: Some("b.md".into()),
            anchor: "part".into(),
            offset: 4
        }]
    );
    let problem = &rendered.problems[0];
    assert_eq!(
        (problem.kind, problem.offset),
        (
            ErrorKind::BrokenLink,
            "See [b](@/b.md#part) and [pic](pic.png).\n\nAnd ".len()
        )
    );
}

#[test]
fn raw_html_links_resolve_as_markdown_links_do() {
    let body = "<p>See <a href=\"@/b.md#part\">b</a> and <img alt=\"\" src='pic.png'></p>\n\n\
                Or <a href=\"/about/\">about</a>, <a href=\"https://a.test/?x=1&amp;y\">out</a> \
                and <a href=\"@/nope.md\">gone</a>.\n";
    let rendered = render_text(body);
    for expected in [
        "href=\"/base/b/#part\"",
        "src=\"/base/dir/pic.png\"",
        "href=\"/base/about/\"",
        "href=\"https://a.test/?x=1&amp;y\"",
    ] {
        assert!(
            rendered.html.contains(expected),
            "{expected} in {}",
            rendered.html
        );
    }
    let wanted: Vec<_> = rendered.anchors.iter().map(|a| a.anchor.as_str()).collect();
    assert_eq!(wanted, ["part"]);
    let problems: Vec<_> = rendered
        .problems
        .iter()
        .map(|p| (p.kind, p.offset))
        .collect();
    let at = body.find("@/nope.md").expect("in the body");
    assert_eq!(problems, [(ErrorKind::BrokenLink, at)]);
}

#[test]
fn site_paths_gain_the_base_path() {
    assert!(render_text("[about](/about/)")
        .html
        .contains("href=\"/base/about/\""));
}

#[test]
fn raw_html_is_sanitised_and_script_links_refused() {
    let rendered = render_text(
        "<div onclick=\"x()\">hi<script>alert(1)</script></div>\n\n[x](javascript:alert(1))\n",
    );
    assert!(
        !rendered.html.contains("onclick")
            && !rendered.html.contains("<script")
            && !rendered.html.contains("javascript:")
    );
    assert_eq!(rendered.problems.len(), 1);
}

#[test]
fn citations_become_numbered_links() {
    let rendered = render_text("Care comes from friends [@abel2018]. Also [@missing].\n");
    assert!(
        rendered.html.contains(
            "<a class=\"citation\" href=\"#ref-abel2018\" aria-label=\"Reference 1\">[1]</a>"
        ),
        "{}",
        rendered.html
    );
    assert_eq!(rendered.problems.len(), 1);
    assert_eq!(rendered.problems[0].kind, ErrorKind::BrokenLink);
}

#[test]
fn blocks_and_alerts_render_as_labelled_callouts() {
    let rendered = render_text(
        "::: challenge\nDo it.\n\n::: solution\nDone.\n:::\n:::\n\n> [!NOTE]\n> Heads up.\n",
    );
    let html = &rendered.html;
    assert!(
        html.contains(
            "<div class=\"callout callout-challenge\"><p class=\"callout-title\">Challenge</p>"
        ),
        "{html}"
    );
    assert!(html.contains("<details class=\"callout callout-solution\"><summary class=\"callout-title\">Solution</summary>"));
    assert!(
        html.contains("<div class=\"callout callout-note\"><p class=\"callout-title\">Note</p>")
    );
    assert!(rendered.problems.is_empty(), "{:?}", rendered.problems);
}

#[test]
fn tables_scroll_in_a_labelled_region() {
    let rendered = render_text("## Plan\n\n| a | b |\n|---|---|\n| 1 | 2 |\n");
    assert!(rendered.html.contains(
        "<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" aria-label=\"Plan\"><table>"
    ));
}

#[test]
/// Deep nesting and unclosed emphasis render to HTML that still holds
/// their text, without a panic. (How fast is a benchmark's business, not
/// a test's: see bench/.)
fn pathological_input_renders_its_text_without_panic() {
    let deep = format!("{}x{}", "[".repeat(20_000), "](y)".repeat(20_000));
    assert!(render_text(&deep).html.contains('x'));
    let quotes = "> ".repeat(5_000) + "deep";
    assert!(render_text(&quotes).html.contains("deep"));
    let stars = "*a **b ".repeat(10_000);
    assert!(render_text(&stars).html.contains("b"));
}

#[test]
fn pandoc_image_attributes_give_alt_size_id_and_class() {
    let rendered = render_text(
        "![](pic.png){alt='A tree with \"roots\"' width=\"48%\" height=120 #fig-tree .wide}\n\n\
         ![A screenshot](pic.png){alt=“The editor” width=“300px”} under it.\n",
    );
    assert_eq!(
        rendered.html,
        "<p><img src=\"/base/dir/pic.png\" alt=\"A tree with &quot;roots&quot;\" height=\"120\" id=\"fig-tree\" class=\"wide img-width-50\" /></p>\n\
         <p><img src=\"/base/dir/pic.png\" alt=\"The editor\" width=\"300\" /> under it.</p>\n"
    );
    assert_eq!(rendered.problems, []);
}

#[test]
fn an_image_without_attributes_renders_as_before() {
    let rendered = render_text("![A map](pic.png) {not after it}\n");
    assert_eq!(
        rendered.html,
        "<p><img src=\"/base/dir/pic.png\" alt=\"A map\" /> {not after it}</p>\n"
    );
}

#[test]
fn the_image_renderer_is_given_the_width_in_pixels() {
    let (attributes, _) = attributes::at_start("{width=640}").expect("a block");
    let image = Image {
        src: "a.png".into(),
        alt: "A".into(),
        title: String::new(),
        width: attributes.get("width").and_then(attributes::Size::parse),
        height: None,
        attributes: Default::default(),
    };
    assert_eq!(image.width_pixels(), Some(640));
}

#[test]
fn links_and_spans_take_attributes_and_hide_them() {
    let rendered =
        render_text("[the guide](@/b.md){.button #go} and [Croeso]{lang=cy .welsh} and [plain]\n");
    assert_eq!(
        rendered.html,
        "<p><a href=\"/base/b/\" id=\"go\" class=\"button\">the guide</a> and \
         <span class=\"welsh\" lang=\"cy\">Croeso</span> and [plain]</p>\n"
    );
    assert_eq!(rendered.problems, []);
}

#[test]
fn a_heading_that_opens_a_block_is_its_title_and_not_in_the_contents() {
    let rendered = render_text(
        "# Page\n\n::: challenge\n## Challenge 1: Count the files\n\nHow many?\n\n\
         ::: solution\n### Answer\n\nThree.\n:::\n:::\n\n::: note\nText\n\n## Inside\n:::\n",
    );
    let titles: Vec<&str> = rendered.headings.iter().map(|h| h.title.as_str()).collect();
    assert_eq!(titles, ["Page"]);
    assert!(rendered.html.contains(
        "<div class=\"callout callout-challenge\" id=\"challenge-1-count-the-files\"><p class=\"callout-title\">Challenge 1: Count the files</p>"
    ), "{}", rendered.html);
    assert!(rendered.html.contains(
        "<details class=\"callout callout-solution\" id=\"answer\"><summary class=\"callout-title\"><span class=\"visually-hidden\">Solution: </span>Answer</summary>"
    ), "{}", rendered.html);
    assert_eq!(rendered.html.matches("<h2").count(), 1, "{}", rendered.html);
    assert!(!rendered.html.contains("<h3"), "{}", rendered.html);
    assert!(rendered.ids.contains(&"inside".to_string()));
}

#[test]
fn instructor_notes_are_left_out_unless_the_scope_shows_them() {
    let body = "Before.\n\n::: instructor\nAsk the group first.\n\n## Timing\n\n::: note\nN\n:::\n:::\n\nAfter.\n";
    let rendered = render_text(body);
    assert_eq!(rendered.html, "<p>Before.</p>\n<p>After.</p>\n");
    assert!(rendered.headings.is_empty());
    let input = Input {
        body,
        path: "dir/a.md",
        references: &[],
        scope: Some(Scope {
            shows_instructor_notes: true,
            ..Scope::default()
        }),
    };
    let shown = render(&input, OPTIONS, &Fixed);
    assert!(
        shown.html.contains("Ask the group first."),
        "{}",
        shown.html
    );
    assert!(shown.html.contains("callout-instructor"), "{}", shown.html);
}

#[test]
fn quarto_collapse_makes_a_folded_callout() {
    let rendered =
        render_text("::: {.callout-tip title=\"Shortcut\" collapse=\"true\"}\nPress Tab.\n:::\n");
    assert_eq!(
        rendered.html,
        "<details class=\"callout callout-tip\"><summary class=\"callout-title\">Shortcut</summary><div class=\"callout-body\">\n<p>Press Tab.</p>\n</div></details>\n"
    );
}

#[test]
fn a_div_with_only_an_id_is_a_plain_division_its_id_names() {
    let rendered = render_text(
        "::: {#exr-histogram}\n## Plot it\n\nDraw.\n:::\n\n[Back](#exr-histogram)\n\n::: {.callout-note caption=\"Why\"}\nBecause.\n:::\n",
    );
    assert!(rendered.problems.is_empty(), "{:?}", described(&rendered));
    assert!(
        rendered
            .html
            .starts_with("<div id=\"exr-histogram\">\n<div class=\"heading\"><h2 id=\"plot-it\""),
        "{}",
        rendered.html
    );
    assert!(
        rendered.html.contains("<p class=\"callout-title\">Why</p>"),
        "{}",
        rendered.html
    );
    assert_eq!(rendered.headings.len(), 1);
}

#[test]
fn output_and_error_blocks_are_marked_apart_from_code() {
    let rendered =
        render_text("```{.bash}\nls\n```\n\n```output\na  b\n```\n\n```error\nno\n```\n");
    let classes: Vec<&str> = rendered
        .html
        .match_indices("<pre class=\"")
        .map(|(at, m)| {
            let rest = &rendered.html[at + m.len()..];
            &rest[..rest.find('"').unwrap()]
        })
        .collect();
    assert_eq!(
        classes,
        ["code code-input", "code code-output", "code code-error"]
    );
    assert_eq!(rendered.problems, []);
}

#[test]
fn ids_given_to_spans_and_links_are_places_to_link_to() {
    let rendered = render_text(
        "[glob]{#glob}\n: A pattern.\n\n[the guide](@/b.md){#go}\n\nSee [glob](#glob) and [go](#go).\n",
    );
    for id in ["glob", "go"] {
        assert!(
            rendered.ids.iter().any(|known| known == id),
            "{id}: {:?}",
            rendered.ids
        );
    }
}

/// A resolver that knows one published image, `dir/photo.jpg`, 1200 by 900.
struct Published(pictures::Shown);

impl Published {
    fn photo() -> Self {
        let variant = |ext: &str, width: u32| pictures::Variant {
            url: format!("/base/dir/photo-{width}w.{ext}"),
            width,
            height: width * 3 / 4,
        };
        Published(Ok(pictures::Picture {
            webp: vec![variant("webp", 480), variant("webp", 1200)],
            fallback: vec![variant("jpg", 480), variant("jpg", 1200)],
            fallback_type: "image/jpeg",
            print: 7,
            warning: None,
        }))
    }
}

impl Resolver for Published {
    fn content_url(&self, content_path: &str) -> Result<String, String> {
        match content_path {
            "dir/photo.jpg" => Ok("/base/dir/photo.jpg".into()),
            _ => Fixed.content_url(content_path),
        }
    }
    fn site_url(&self, path: &str) -> String {
        Fixed.site_url(path)
    }
    fn picture(&self, path: &str) -> Option<&pictures::Shown> {
        (path == "dir/photo.jpg").then_some(&self.0)
    }
}

fn render_published(body: &str) -> Rendered {
    let input = Input {
        body,
        path: "dir/a.md",
        references: &[],
        scope: None,
    };
    render(&input, OPTIONS, &Published::photo())
}

#[test]
fn a_width_attribute_limits_a_pictures_sizes() {
    let rendered = render_published("![x](photo.jpg){width=300}\n");
    let html = &rendered.html;
    assert!(
        html.contains("<picture><source type=\"image/webp\""),
        "{html}"
    );
    assert_eq!(
        html.matches("sizes=\"(max-width: 300px) 100vw, 300px\"")
            .count(),
        2,
        "{html}"
    );
    assert!(
        html.contains(" width=\"300\" height=\"225\" alt=\"x\""),
        "{html}"
    );
    assert!(!html.contains("45rem"), "{html}");
    assert_eq!(rendered.pictures, [("dir/photo.jpg".to_string(), 7)]);
}

#[test]
fn a_picture_keeps_alt_id_and_class_from_its_attributes() {
    let rendered =
        render_published("![words](photo.jpg){alt=\"A bench by the river\" #bench .wide}\n");
    let html = &rendered.html;
    assert!(html.contains("<picture>"), "{html}");
    assert!(
        html.contains(" alt=\"A bench by the river\" id=\"bench\" class=\"wide\""),
        "{html}"
    );
    assert!(
        html.contains("sizes=\"(max-width: 45rem) 100vw, 45rem\""),
        "{html}"
    );
    assert!(
        !html.contains("{"),
        "the attribute block is left out: {html}"
    );
}

#[test]
fn a_picture_without_attributes_is_shown_at_every_size() {
    let rendered = render_published("![A bench](photo.jpg) by the river\n");
    let html = &rendered.html;
    assert!(
        html.contains("srcset=\"/base/dir/photo-480w.jpg 480w, /base/dir/photo-1200w.jpg 1200w\""),
        "{html}"
    );
    assert!(
        html.contains(" width=\"1200\" height=\"900\" alt=\"A bench\""),
        "{html}"
    );
    assert!(html.ends_with("</picture> by the river</p>\n"), "{html}");
}

#[test]
fn tab_blocks_give_each_heading_a_panel_and_keep_them_from_the_contents() {
    let rendered = render_text(
        "# Page\n\n:::: tab\nBefore the tabs.\n\n### Windows\n\nUse `dir`.\n\n#### Detail\n\nDeeper.\n\n\
         ::: note\n### Inside a note\nN\n:::\n\n### Mac\n\nUse `ls`.\n::::\n\n\
         ::: group-tab\n### Windows\n\n1\n\n### Mac\n\n2\n:::\n\nAfter.\n",
    );
    let titles: Vec<&str> = rendered.headings.iter().map(|h| h.title.as_str()).collect();
    assert_eq!(titles, ["Page"]);
    let html = &rendered.html;
    assert!(
        html.contains("<div class=\"tabs\">\n<p>Before the tabs.</p>"),
        "{html}"
    );
    // A deeper heading and a note's heading stay inside the first panel.
    let first = html
        .split("<section class=\"tab-panel\" aria-labelledby=\"windows\">")
        .nth(1)
        .and_then(|rest| rest.split("</section>").next())
        .unwrap_or_default();
    assert!(first.contains("<h3 id=\"windows\">Windows</h3>"), "{html}");
    assert!(
        first.contains("Deeper.") && first.contains("Inside a note"),
        "{html}"
    );
    assert!(
        html.contains("</section>\n<section class=\"tab-panel\" aria-labelledby=\"mac\">"),
        "{html}"
    );
    assert!(
        html.contains("<p>Use <code>ls</code>.</p>\n</section>\n</div>\n"),
        "{html}"
    );
    // The group set repeats the titles, with ids of their own.
    assert!(html.contains(
        "<div class=\"tabs\" data-tab-group=\"page\">\n<section class=\"tab-panel\" aria-labelledby=\"windows-1\">"
    ), "{html}");
    assert_eq!(html.matches("<section").count(), 4, "{html}");
    assert_eq!(html.matches("</section>").count(), 4, "{html}");
    assert!(html.ends_with("</div>\n<p>After.</p>\n"), "{html}");
    assert!(rendered.problems.is_empty(), "{:?}", rendered.problems);
}

#[test]
fn tab_blocks_inside_a_hidden_instructor_note_leave_nothing_open() {
    let rendered =
        render_text("::: instructor\n::: tab\n### A\n\nx\n:::\n:::\n\n::: tab\n### B\n\ny\n:::\n");
    assert_eq!(
        rendered.html,
        "<div class=\"tabs\">\n<section class=\"tab-panel\" aria-labelledby=\"b\">\n\
         <div class=\"heading\"><h3 id=\"b\">B</h3><a class=\"heading-anchor\" href=\"#b\"><span aria-hidden=\"true\">#</span><span class=\"visually-hidden\">Link to section: B</span></a></div>\n\
         <p>y</p>\n</section>\n</div>\n"
    );
}
