//! Syntax highlighting of fenced code with syntect, into CSS classes.
//!
//! The grammar set is bat's, carried by the two-face crate (syntect's own
//! defaults are years old). It loads once per process, on first use. Spans
//! carry scope names prefixed `hl-`; the theme's `syntax.css` colours them
//! for light and dark schemes. An unknown language is plain, escaped code.

use std::sync::OnceLock;

use syntect::html::{ClassStyle, ClassedHTMLGenerator};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

const CLASS_STYLE: ClassStyle = ClassStyle::SpacedPrefixed { prefix: "hl-" };

fn syntaxes() -> &'static SyntaxSet {
    static SET: OnceLock<SyntaxSet> = OnceLock::new();
    SET.get_or_init(two_face::syntax::extra_newlines)
}

/// The HTML of a code block: highlighted when the language is known.
/// A block written as `output` or `error` (as The Carpentries' lessons
/// write what a command prints) is marked so the theme sets it apart from
/// the code. Every block is a named region that keyboard users can reach,
/// since long lines scroll sideways inside it rather than wrap.
/// The region's name (`Output`) comes from `name`, given the block's role
/// (`code-output`) and its English name.
pub fn code_block(
    code: &str,
    language: &str,
    is_highlighting: bool,
    name: &dyn Fn(&str, &str) -> String,
) -> String {
    let language = block_language(language);
    let (role, english) = match language.to_ascii_lowercase().as_str() {
        "output" => ("code-output", "Output"),
        "error" => ("code-error", "Error message"),
        _ => ("code-input", "Code"),
    };
    let label = escape(&name(role, english));
    let is_code = role == "code-input";
    let body = if is_highlighting && is_code && !language.is_empty() {
        highlight(code, language).unwrap_or_else(|| escape(code))
    } else {
        escape(code)
    };
    let region = format!("tabindex=\"0\" role=\"region\" aria-label=\"{label}\"");
    if language.is_empty() || !is_code {
        return format!("<pre class=\"code {role}\" {region}><code>{body}</code></pre>\n");
    }
    let language = escape(language);
    format!(
        "<pre class=\"code {role}\" data-lang=\"{language}\" {region}><code class=\"language-{language}\">{body}</code></pre>\n"
    )
}

/// Words written as a code block's language to say that it is plain text,
/// which are never taken for a slip (`text` is one letter from TeX's `tex`).
const PLAIN: &[&str] = &[
    "text",
    "plain",
    "plaintext",
    "output",
    "error",
    "none",
    "nohighlight",
    "console",
    "terminal",
];

/// For a code block's info string whose language Hearth does not know but
/// is a slip away from one it does (`pyhton`), the language it knows: the
/// names and file extensions of the grammars one letter away (a letter
/// added, dropped, changed or two swapped; two for names of eight letters
/// or more). `None` for a known language, for a name near none, and for
/// the names of plain text, so that a language no grammar covers
/// (`mermaid`) is not warned about.
pub fn near_language(info: &str) -> Option<Vec<String>> {
    let language = block_language(info).to_lowercase();
    if language.chars().count() < 4
        || PLAIN.contains(&language.as_str())
        || syntaxes().find_syntax_by_token(&language).is_some()
    {
        return None;
    }
    let limit = if language.chars().count() >= 8 { 2 } else { 1 };
    let near: Vec<String> = tokens()
        .iter()
        .filter(|token| token.chars().count() >= 2)
        .filter(|token| strsim::damerau_levenshtein(token, &language) <= limit)
        .cloned()
        .collect();
    (!near.is_empty()).then_some(near)
}

/// The language of an info string: its first word (`rust` of `rust,ignore`).
/// Pandoc's `{.bash}` and `{.python .numberLines}` name it as the first class.
pub fn block_language(info: &str) -> &str {
    let info = info.trim();
    if let Some(attributes) = info.strip_prefix('{') {
        return attributes
            .split([' ', '}'])
            .find_map(|word| word.strip_prefix('.'))
            .unwrap_or("");
    }
    info.split([' ', ',', '{']).next().unwrap_or("").trim()
}

/// Every name a code block's language may be given by, in lower case: each
/// grammar's name (when one word) and file extensions.
fn tokens() -> &'static [String] {
    static TOKENS: OnceLock<Vec<String>> = OnceLock::new();
    TOKENS.get_or_init(|| {
        let mut tokens: Vec<String> = syntaxes()
            .syntaxes()
            .iter()
            .flat_map(|syntax| std::iter::once(&syntax.name).chain(&syntax.file_extensions))
            .map(|token| token.to_lowercase())
            .filter(|token| !token.contains(char::is_whitespace))
            .collect();
        tokens.sort();
        tokens.dedup();
        tokens
    })
}

fn highlight(code: &str, language: &str) -> Option<String> {
    let set = syntaxes();
    let syntax = set
        .find_syntax_by_token(language)
        .or_else(|| set.find_syntax_by_token(&language.to_lowercase()))?;
    let mut generator = ClassedHTMLGenerator::new_with_class_style(syntax, set, CLASS_STYLE);
    for line in LinesWithEndings::from(code) {
        generator
            .parse_html_for_line_which_includes_newline(line)
            .ok()?;
    }
    Some(generator.finalize())
}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    pulldown_cmark_escape::escape_html_body_text(&mut out, text)
        .expect("writing to a String cannot fail");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code_block(code: &str, language: &str, is_highlighting: bool) -> String {
        super::code_block(code, language, is_highlighting, &|_, english| {
            english.to_string()
        })
    }

    #[test]
    fn known_language_gets_classes() {
        let html = code_block("fn main() {}\n", "rust", true);
        assert!(html.starts_with("<pre class=\"code code-input\" data-lang=\"rust\" tabindex=\"0\" role=\"region\" aria-label=\"Code\">"));
        assert!(html.contains("class=\"hl-"), "{html}");
    }

    #[test]
    fn unknown_language_is_escaped_plain_code() {
        let html = code_block("<script>x</script>\n", "no-such-language", true);
        assert_eq!(
            html,
            "<pre class=\"code code-input\" data-lang=\"no-such-language\" tabindex=\"0\" role=\"region\" aria-label=\"Code\"><code class=\"language-no-such-language\">&lt;script&gt;x&lt;/script&gt;\n</code></pre>\n"
        );
    }

    #[test]
    fn output_and_error_are_plain_regions_of_their_own() {
        let output = code_block("total 0\n", "output", true);
        assert_eq!(
            output,
            "<pre class=\"code code-output\" tabindex=\"0\" role=\"region\" aria-label=\"Output\"><code>total 0\n</code></pre>\n"
        );
        let error = code_block("ls: x: No such file\n", "error", true);
        assert!(error.starts_with("<pre class=\"code code-error\" tabindex=\"0\" role=\"region\" aria-label=\"Error message\">"), "{error}");
    }

    #[test]
    fn pandoc_class_names_the_language() {
        assert_eq!(block_language("{.bash}"), "bash");
        assert_eq!(block_language("{.python .numberLines}"), "python");
        assert_eq!(block_language("{#id}"), "");
        let html = code_block("ls -l\n", "{.bash}", true);
        assert!(html.contains("data-lang=\"bash\""), "{html}");
        assert!(html.contains("class=\"hl-"), "{html}");
    }

    #[test]
    fn language_attribute_is_escaped() {
        let html = code_block("x\n", "\"><script>", true);
        assert!(!html.contains("<script>"), "{html}");
    }
}
