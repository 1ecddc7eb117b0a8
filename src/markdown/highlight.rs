//! Syntax highlighting of fenced code with syntect, into CSS classes.
//!
//! The grammar set is bat's, carried by the two-face crate (syntect's own
//! defaults are years old). It loads once per process, on first use. Spans
//! carry scope names prefixed `hl-`; the theme's `syntax.css` colours them
//! for light and dark schemes. An unknown language is plain, escaped code.
//!
//! Highlighting is most of a code-heavy site's build (about 0.9 ms a block
//! on one core), so what it makes is kept between builds ([`Kept`]).

use std::borrow::Cow;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, OnceLock};

use sha1::{Digest as _, Sha1};

use crate::error::{Diagnostics, Error};

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
    kept: Option<&Kept>,
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
        highlighted(code, language, kept)
    } else {
        Cow::Owned(escape(code))
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

/// The highlighted HTML of `code`: from `kept` when an earlier build made
/// it (borrowed, not copied, from what the file held), else made now (and
/// kept).
fn highlighted<'k>(code: &str, language: &str, kept: Option<&'k Kept>) -> Cow<'k, str> {
    let Some(kept) = kept else {
        return Cow::Owned(highlight(code, language).unwrap_or_else(|| escape(code)));
    };
    let key = kept.key(language, code);
    if let Some(html) = kept.get(key) {
        return html;
    }
    let html = highlight(code, language).unwrap_or_else(|| escape(code));
    kept.put(key, &html);
    Cow::Owned(html)
}

/// Highlighted code kept from one build to the next, in
/// `ROOT/.hearth-cache/highlight.bin`, by a hash of the language and the
/// code, salted with the Hearth binary's size and time of change: a new
/// Hearth, whose grammars or HTML may differ, starts afresh. Blocks no
/// build used are dropped when the file is written again, and it is
/// written only when a build made something new or left something unused.
/// An unreadable file is as good as none.
#[derive(Debug)]
pub struct Kept {
    file: PathBuf,
    salt: Vec<u8>,
    /// What the file held, each with whether this build used it.
    known: HashMap<u128, (String, AtomicBool)>,
    /// What this build made.
    fresh: Mutex<HashMap<u128, String>>,
}

/// The cache file under the site root.
const KEPT_FILE: &str = ".hearth-cache/highlight.bin";

impl Kept {
    /// The kept highlighting of the site at `root`; `None` when the
    /// running binary cannot be found (nothing then tells one Hearth's
    /// highlighting from another's).
    pub fn open(root: &Path) -> Option<Kept> {
        let salt = binary_salt()?;
        let file = root.join(KEPT_FILE);
        let stored: (Vec<u8>, Vec<(u128, String)>) = std::fs::read(&file)
            .ok()
            .and_then(|bytes| postcard::from_bytes(&bytes).ok())
            .unwrap_or_default();
        let known = if stored.0 == salt {
            let blocks = stored.1.into_iter();
            blocks
                .map(|(key, html)| (key, (html, AtomicBool::new(false))))
                .collect()
        } else {
            HashMap::new()
        };
        Some(Kept {
            file,
            salt,
            known,
            fresh: Mutex::default(),
        })
    }

    /// The key of a block: 128 bits of SHA-1 over the language and the code.
    fn key(&self, language: &str, code: &str) -> u128 {
        let mut hasher = Sha1::new();
        for piece in [language.as_bytes(), b"\0", code.as_bytes()] {
            hasher.update(piece);
        }
        let digest = hasher.finalize();
        let mut first = [0u8; 16];
        first.copy_from_slice(&digest[..16]);
        u128::from_le_bytes(first)
    }

    /// The kept HTML of the block `key`: from the file, or made earlier
    /// in this session (the preview highlights an edited page's unchanged
    /// blocks only once).
    fn get(&self, key: u128) -> Option<Cow<'_, str>> {
        if let Some((html, used)) = self.known.get(&key) {
            used.store(true, Ordering::Relaxed);
            return Some(Cow::Borrowed(html));
        }
        let fresh = self.fresh.lock().unwrap_or_else(|e| e.into_inner());
        fresh.get(&key).map(|html| Cow::Owned(html.clone()))
    }

    fn put(&self, key: u128, html: &str) {
        let mut fresh = self.fresh.lock().unwrap_or_else(|e| e.into_inner());
        fresh.insert(key, html.to_string());
    }

    /// Writes what this build used and made, when it differs from what
    /// the file holds (see [`crate::files::replace`]).
    pub fn save(&self) -> std::io::Result<()> {
        let fresh = self.fresh.lock().unwrap_or_else(|e| e.into_inner());
        let is_all_used = self
            .known
            .values()
            .all(|(_, used)| used.load(Ordering::Relaxed));
        if fresh.is_empty() && is_all_used {
            return Ok(());
        }
        let used = self
            .known
            .iter()
            .filter(|(_, (_, used))| used.load(Ordering::Relaxed));
        let mut blocks: Vec<(u128, &str)> =
            used.map(|(key, (html, _))| (*key, html.as_str())).collect();
        blocks.extend(fresh.iter().map(|(key, html)| (*key, html.as_str())));
        blocks.sort_unstable_by_key(|(key, _)| *key);
        let bytes = postcard::to_stdvec(&(&self.salt, blocks)).map_err(std::io::Error::other)?;
        crate::files::replace(&self.file, &bytes)
    }

    /// [`Self::save`], a failure reported in `diagnostics` as a warning at
    /// the file: the build stands without it.
    pub fn keep(&self, diagnostics: &mut Diagnostics) {
        if let Err(error) = self.save() {
            let problem = Error::io(&self.file, "keep the highlighted code", &error);
            diagnostics.push(problem.warning());
        }
    }
}

/// The running binary's size and time of change, as bytes.
fn binary_salt() -> Option<Vec<u8>> {
    let meta = std::fs::metadata(std::env::current_exe().ok()?).ok()?;
    let changed = meta
        .modified()
        .ok()?
        .duration_since(std::time::UNIX_EPOCH)
        .ok()?;
    let salt = format!(
        "{} {} {}",
        env!("CARGO_PKG_VERSION"),
        meta.len(),
        changed.as_nanos()
    );
    Some(salt.into_bytes())
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
        super::code_block(code, language, is_highlighting, None, &|_, english| {
            english.to_string()
        })
    }

    fn kept_block(code: &str, kept: &Kept) -> String {
        super::code_block(code, "rust", true, Some(kept), &|_, english| {
            english.to_string()
        })
    }

    fn modified(file: &Path) -> std::time::SystemTime {
        std::fs::metadata(file)
            .and_then(|m| m.modified())
            .expect("a time of change")
    }

    #[test]
    fn kept_highlighting_is_what_highlighting_makes_and_the_next_build_takes_it() {
        let dir = tempfile::tempdir().expect("a folder");
        let code = "fn main() { let x = 1; }\n";
        let kept = Kept::open(dir.path()).expect("kept");
        assert_eq!(kept_block(code, &kept), code_block(code, "rust", true));
        kept.save().expect("saved");
        let next = Kept::open(dir.path()).expect("kept");
        assert_eq!(kept_block(code, &next), code_block(code, "rust", true));
        let fresh = next.fresh.lock().expect("fresh").len();
        assert_eq!((next.known.len(), fresh), (1, 0), "taken from the file");
        // Nothing new and nothing unused: the file is not written again.
        let file = dir.path().join(KEPT_FILE);
        let written = modified(&file);
        next.save().expect("saved");
        assert_eq!(modified(&file), written);
    }

    #[test]
    fn a_block_made_earlier_in_the_session_is_not_made_again() {
        let dir = tempfile::tempdir().expect("a folder");
        let kept = Kept::open(dir.path()).expect("kept");
        let code = "let again = 1;\n";
        kept.put(kept.key("rust", code), "<span>made before</span>");
        assert!(kept_block(code, &kept).contains("<span>made before</span>"));
    }

    #[test]
    fn blocks_no_build_used_are_dropped_and_another_binarys_are_not_taken() {
        let dir = tempfile::tempdir().expect("a folder");
        let kept = Kept::open(dir.path()).expect("kept");
        kept_block("let a = 1;\n", &kept);
        kept_block("let b = 2;\n", &kept);
        kept.save().expect("saved");
        let next = Kept::open(dir.path()).expect("kept");
        kept_block("let b = 2;\n", &next);
        next.save().expect("saved");
        assert_eq!(Kept::open(dir.path()).expect("kept").known.len(), 1);
        // Written by another Hearth (another salt): not taken.
        let file = dir.path().join(KEPT_FILE);
        let other: (Vec<u8>, Vec<(u128, String)>) = (b"another".to_vec(), vec![(1, "x".into())]);
        std::fs::write(&file, postcard::to_stdvec(&other).expect("encoded")).expect("written");
        assert!(Kept::open(dir.path()).expect("kept").known.is_empty());
        // Nor is a broken file.
        std::fs::write(&file, b"\xff\xff\xff broken").expect("written");
        let broken = Kept::open(dir.path()).expect("kept");
        assert_eq!(
            kept_block("let b = 2;\n", &broken),
            code_block("let b = 2;\n", "rust", true)
        );
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
