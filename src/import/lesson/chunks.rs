//! What Pandoc and knitr make of a page before Hearth reads it, written
//! out as markdown Hearth reads the same way:
//!
//! - a code chunk whose code is one `knitr::include_graphics("diagram.png")`
//!   call shows that file as a figure when the book is rendered. The
//!   import runs no code, so such a chunk is written as the picture it
//!   shows, with its `fig-alt` as alt text, its `label` as the id that
//!   cross-references name, and its `fig-cap` as a caption below it;
//! - a table's caption line, `: Caption {#tbl-id}`, becomes a caption
//!   below the table in a division with that id, so `@tbl-id` reaches it.

use std::sync::LazyLock;

use regex::Regex;
use serde_yaml::Value;

/// `knitr::include_graphics("path", ...)`, the path in either quotes.
static INCLUDE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"^(?:knitr::)?include_graphics\(\s*["']([^"']+)["']"#).expect("a valid pattern")
});

/// `: Caption {#tbl-id}` (or `Table: Caption {#tbl-id}`), a table's
/// caption line with its label.
static TABLE_CAPTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:Table)?: +(.*?)\s*\{#(tbl-[\w-]*\w)\}\s*$").expect("a valid pattern")
});

/// `body` as Hearth reads it: chunks that only show a picture written as
/// that picture, and labelled table captions as captions with their id.
pub fn prepare(body: &str) -> String {
    table_captions(&figures(body))
}

/// `body` with each labelled table caption written as a caption in a
/// division with the label as its id. Code blocks are left alone.
fn table_captions(body: &str) -> String {
    let mut out = String::with_capacity(body.len());
    let mut in_code = false;
    for line in body.split_inclusive('\n') {
        if line.trim_start().starts_with("```") {
            in_code = !in_code;
        }
        match TABLE_CAPTION.captures(line.trim_end()).filter(|_| !in_code) {
            Some(found) => out.push_str(&format!(
                "::: {{#{}}}\n*{}*\n:::\n",
                &found[2],
                found[1].trim()
            )),
            None => out.push_str(line),
        }
    }
    out
}

/// `body` with each chunk that only shows a picture written as that picture.
fn figures(body: &str) -> String {
    let mut out = String::with_capacity(body.len());
    let mut lines = body.split_inclusive('\n').peekable();
    while let Some(line) = lines.next() {
        if !is_chunk_start(line) {
            out.push_str(line);
            continue;
        }
        let mut chunk = vec![line];
        for inner in lines.by_ref() {
            chunk.push(inner);
            if inner.trim_end() == "```" {
                break;
            }
        }
        match figure(&chunk) {
            Some(figure) => out.push_str(&figure),
            None => chunk.iter().for_each(|line| out.push_str(line)),
        }
    }
    out
}

/// A fence that opens an executable chunk: ```` ```{r} ````, ```` ```{python} ````.
fn is_chunk_start(line: &str) -> bool {
    line.trim_end()
        .strip_prefix("```{")
        .is_some_and(|rest| rest.ends_with('}'))
}

/// The markdown for `chunk` (its lines, fences included) when all its
/// code does is show one picture.
fn figure(chunk: &[&str]) -> Option<String> {
    let inner = chunk.get(1..chunk.len().checked_sub(1)?)?;
    let (options, code): (Vec<&str>, Vec<&str>) = inner
        .iter()
        .map(|line| line.trim_end())
        .filter(|line| !line.trim().is_empty())
        .partition(|line| line.starts_with("#|"));
    let [call] = code.as_slice() else {
        return None;
    };
    let path = INCLUDE.captures(call.trim())?.get(1)?.as_str().to_string();
    let options = chunk_options(&options);
    // knitr also reads its older spellings, `fig.cap` and `fig.alt`.
    let text = |key: &str| {
        options
            .get(key)
            .or_else(|| options.get(key.replace('-', ".")))
            .and_then(Value::as_str)
            .map(|text| text.split_whitespace().collect::<Vec<_>>().join(" "))
    };
    let caption = text("fig-cap");
    let alt = text("fig-alt")
        .or_else(|| caption.clone())
        .unwrap_or_default();
    let id = text("label").map_or(String::new(), |label| format!("{{#{label}}}"));
    let mut out = format!("![{}]({path}){id}\n", escape(&alt));
    if let Some(caption) = caption {
        out.push_str(&format!("\n*{}*\n", escape(&caption)));
    }
    Some(out)
}

/// The `#| key: value` lines of a chunk, read as YAML.
fn chunk_options(lines: &[&str]) -> serde_yaml::Mapping {
    let yaml: String = lines
        .iter()
        .map(|line| {
            let text = line.trim_start_matches("#|");
            format!("{}\n", text.strip_prefix(' ').unwrap_or(text))
        })
        .collect();
    serde_yaml::from_str(&yaml).unwrap_or_default()
}

/// `text` safe inside `![…]` and `*…*`.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '[' | ']' | '*' | '_' | '\\' | '`') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_chunk_that_only_shows_a_picture_is_written_as_the_picture() {
        let body = "Before.\n\n```{r}\n#| label: fig-cycle\n#| echo: false\n#| fig-cap: |\n#|   The cycle of care,\n#|   from start to end.\n#| fig-alt: A circle of [four] arrows.\n\nknitr::include_graphics(\"diagrams/cycle.png\", dpi = 270)\n```\n\nAfter.\n";
        assert_eq!(
            figures(body),
            "Before.\n\n![A circle of \\[four\\] arrows.](diagrams/cycle.png){#fig-cycle}\n\n*The cycle of care, from start to end.*\n\nAfter.\n"
        );
    }

    #[test]
    fn other_chunks_and_plain_code_stay_as_written() {
        let body = "```{r}\nx <- 1\nknitr::include_graphics(\"a.png\")\n```\n\n```r\nknitr::include_graphics(\"b.png\")\n```\n\n```{r}\n#| label: fig-plot\nplot(cars)\n```\n";
        assert_eq!(figures(body), body);
    }

    #[test]
    fn a_labelled_table_caption_becomes_a_caption_with_its_id() {
        let body = "| a | b |\n|---|---|\n| 1 | 2 |\n\n: Sizes of *things* {#tbl-sizes}\n\n```\n: not {#tbl-code}\n```\n\n: A caption with no label\n";
        assert_eq!(
            prepare(body),
            "| a | b |\n|---|---|\n| 1 | 2 |\n\n::: {#tbl-sizes}\n*Sizes of *things**\n:::\n\n```\n: not {#tbl-code}\n```\n\n: A caption with no label\n"
        );
    }

    #[test]
    fn a_picture_without_alt_text_takes_its_caption_or_none() {
        let dotted =
            "```{r}\n#| fig.alt: >\n#|   A screenshot.\nknitr::include_graphics(\"v.png\")\n```\n";
        assert_eq!(figures(dotted), "![A screenshot.](v.png)\n");
        let body = "```{python}\n#| fig-cap: A map\ninclude_graphics('map.png')\n```\n";
        assert_eq!(figures(body), "![A map](map.png)\n\n*A map*\n");
        let bare = "```{r}\nknitr::include_graphics(\"map.png\")\n```\n";
        assert_eq!(figures(bare), "![](map.png)\n");
    }
}
