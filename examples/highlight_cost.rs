//! What highlighting costs: every fenced code block under a folder,
//! highlighted into CSS classes with the grammars Hearth uses (bat's, from
//! two-face) and with syntect's own defaults, one thread, after two
//! warm-up passes. Prints the time for all blocks and for each language.
//!
//! ```sh
//! python3 bench/gen_site.py --pages 1000 --out /tmp/site
//! cargo run --release --example highlight_cost -- /tmp/site/content
//! ```
//!
//! See docs/performance.md ("Why three times Zola is out of reach").

use std::time::Instant;

use syntect::html::{ClassStyle, ClassedHTMLGenerator};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

/// Each fenced block (language, code) of the markdown files under `dir`.
fn blocks(dir: &str) -> Vec<(String, String)> {
    let mut found = Vec::new();
    for entry in walkdir::WalkDir::new(dir).into_iter().flatten() {
        let Ok(text) = std::fs::read_to_string(entry.path()) else {
            continue;
        };
        let mut lines = text.lines();
        while let Some(line) = lines.next() {
            let Some(language) = line.strip_prefix("```").filter(|l| !l.is_empty()) else {
                continue;
            };
            let code: String = lines
                .by_ref()
                .take_while(|l| !l.starts_with("```"))
                .map(|l| format!("{l}\n"))
                .collect();
            found.push((language.to_string(), code));
        }
    }
    found
}

/// Milliseconds to highlight `blocks` with `set` (blocks in a language the
/// set lacks are left out).
fn time(set: &SyntaxSet, blocks: &[&(String, String)]) -> f64 {
    let style = ClassStyle::SpacedPrefixed { prefix: "hl-" };
    let started = Instant::now();
    for (language, code) in blocks {
        let Some(syntax) = set.find_syntax_by_token(language) else {
            continue;
        };
        let mut html = ClassedHTMLGenerator::new_with_class_style(syntax, set, style);
        for line in LinesWithEndings::from(code) {
            html.parse_html_for_line_which_includes_newline(line)
                .expect("syntect highlights any text");
        }
        std::hint::black_box(html.finalize());
    }
    started.elapsed().as_secs_f64() * 1000.0
}

fn main() {
    let Some(dir) = std::env::args().nth(1) else {
        eprintln!("usage: highlight_cost CONTENT_FOLDER");
        std::process::exit(2);
    };
    let blocks = blocks(&dir);
    let all: Vec<&(String, String)> = blocks.iter().collect();
    let mut languages: Vec<&str> = blocks.iter().map(|(l, _)| l.as_str()).collect();
    languages.sort_unstable();
    languages.dedup();
    let sets = [
        (
            "bat's grammars (Hearth)",
            two_face::syntax::extra_newlines(),
        ),
        ("syntect's defaults", SyntaxSet::load_defaults_newlines()),
    ];
    for (_, set) in &sets {
        time(set, &all);
        time(set, &all);
    }
    for (name, set) in &sets {
        println!("{name}: {} blocks in {:.1} ms", all.len(), time(set, &all));
        for language in &languages {
            let some: Vec<_> = all.iter().copied().filter(|(l, _)| l == language).collect();
            println!(
                "  {language}: {} blocks in {:.1} ms",
                some.len(),
                time(set, &some)
            );
        }
    }
}
