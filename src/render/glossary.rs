//! The glossary: site.yaml's `glossary:` terms, listed with their
//! definitions on the glossary page (`/glossary/`), and each page's first
//! use of a term linked to its entry there. Each language has its own
//! (a further language's `glossary:` under `languages:`, at
//! `/cy/glossary/`), as the config of its pages carries it.
//!
//! A link opens the definition by keyboard, touch or mouse alike, with no
//! script (the site runs under a strict Content-Security-Policy) and
//! nothing shown only on hover (WCAG 2.2's 1.4.13). An acronym (a term in
//! capitals) is marked `<abbr>` inside its link. Terms inside code,
//! headings, links and other marked words are left alone. Runs on each
//! rendered body, after `markdown`.

use serde::Serialize;

use super::context::{Current, Link};
use super::pages::Builder;
use super::{html_file, Templates};
use crate::content::Site;
use crate::error::Error;
use crate::html::{self as tokenizer, Token};
use crate::output::OutputFile;

/// Where the glossary page is, under the base path.
pub const PATH: &str = crate::content::languages::GLOSSARY_PATH;

/// One term of the glossary, ready to mark and to list.
#[derive(Debug, Clone, Serialize)]
pub struct Entry {
    /// The term as site.yaml writes it.
    pub term: String,
    /// The id of its entry on the glossary page.
    pub id: String,
    /// Its definition.
    pub definition: String,
    /// Whether it is an acronym: capitals (and digits) only.
    pub is_acronym: bool,
    /// The forms a page may write it in: the term, and on a Welsh page
    /// its mutated forms too (see [`welsh_forms`]).
    #[serde(skip)]
    pub forms: Vec<String>,
}

/// The glossary of the site's language, sorted by term, case aside.
pub fn entries(site: &Site) -> Vec<Entry> {
    let is_welsh = is_welsh(&site.config.language);
    let mut entries: Vec<Entry> = site
        .config
        .glossary
        .iter()
        .filter(|(term, _)| !term.trim().is_empty())
        .map(|(term, definition)| {
            let term = term.trim();
            let is_acronym = term.chars().any(char::is_uppercase)
                && term.chars().all(|c| c.is_uppercase() || c.is_ascii_digit());
            let mut forms = vec![term.to_string()];
            if is_welsh && !is_acronym {
                forms.extend(welsh_forms(term));
            }
            Entry {
                term: term.to_string(),
                id: format!("term-{}", slug::slugify(term)),
                definition: definition.trim().to_string(),
                is_acronym,
                forms,
            }
        })
        .collect();
    entries.sort_by_key(|entry| entry.term.to_lowercase());
    entries
}

/// Elements whose text is never marked.
const LEFT_ALONE: &[&str] = &[
    "a", "abbr", "button", "code", "dfn", "h1", "h2", "h3", "h4", "h5", "h6", "kbd", "label",
    "pre", "samp", "script", "style", "summary", "svg", "math", "textarea", "title", "var",
];

/// `html` (a rendered body) with the first use of each term linked to its
/// entry on the glossary page at `page_url`.
pub fn mark(html: &str, entries: &[Entry], page_url: &str) -> String {
    if entries.is_empty() {
        return html.to_string();
    }
    let mut is_marked = vec![false; entries.len()];
    let mut depth = 0usize;
    let mut out = String::with_capacity(html.len() + 256);
    let mut copied = 0;
    tokenizer::tokenize(html, |token| match token {
        Token::Start {
            name, self_closing, ..
        } if LEFT_ALONE.contains(&name) && !self_closing => depth += 1,
        Token::End { name } if LEFT_ALONE.contains(&name) => depth = depth.saturating_sub(1),
        Token::Text(text) if depth == 0 => {
            let Some(start) = offset(html, text) else {
                return;
            };
            let marked = mark_text(text, entries, &mut is_marked, page_url);
            if let Some(marked) = marked {
                out.push_str(&html[copied..start]);
                out.push_str(&marked);
                copied = start + text.len();
            }
        }
        _ => {}
    });
    out.push_str(&html[copied..]);
    out
}

/// `text` with the first use of each term not yet marked linked, or
/// `None` when it holds none.
fn mark_text(
    text: &str,
    entries: &[Entry],
    is_marked: &mut [bool],
    page_url: &str,
) -> Option<String> {
    let mut found: Vec<(usize, usize, usize)> = Vec::new();
    for (number, entry) in entries.iter().enumerate() {
        if is_marked[number] {
            continue;
        }
        if let Some((at, end)) = find_word(text, &entry.forms, entry.is_acronym) {
            let overlaps = found
                .iter()
                .any(|&(start, stop, _)| at < stop && start < end);
            if !overlaps {
                found.push((at, end, number));
            }
        }
    }
    if found.is_empty() {
        return None;
    }
    found.sort_unstable();
    let mut out = String::with_capacity(text.len() + found.len() * 80);
    let mut copied = 0;
    for (start, end, number) in found {
        is_marked[number] = true;
        let entry = &entries[number];
        let words = &text[start..end];
        let shown = if entry.is_acronym {
            format!("<abbr>{words}</abbr>")
        } else {
            words.to_string()
        };
        out.push_str(&text[copied..start]);
        out.push_str(&format!(
            "<a class=\"glossary-term\" href=\"{page_url}#{}\">{shown}</a>",
            entry.id
        ));
        copied = end;
    }
    out.push_str(&text[copied..]);
    Some(out)
}

/// Where the first of a term's `forms` stands in `text` as a whole word
/// (its start and end): as written, or (for a term that is not an
/// acronym) with a capital first letter, as at the start of a sentence.
/// "Public Health" in a name is not "public health".
fn find_word(text: &str, forms: &[String], is_acronym: bool) -> Option<(usize, usize)> {
    let mut written: Vec<String> = forms.to_vec();
    if !is_acronym {
        written.extend(forms.iter().map(|form| capitalised(form)));
    }
    written
        .iter()
        .filter_map(|form| find_exact(text, form).map(|at| (at, at + form.len())))
        .min_by_key(|&(at, end)| (at, std::cmp::Reverse(end)))
}

/// `word` with a capital first letter.
fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Whether `language` (a BCP 47 tag) is Welsh.
fn is_welsh(language: &str) -> bool {
    language
        .split('-')
        .next()
        .is_some_and(|primary| primary.eq_ignore_ascii_case("cy"))
}

/// The initial consonants of Welsh that mutate, each with its soft, nasal
/// and aspirate forms (as many as it has).
const MUTATIONS: &[(&str, &[&str])] = &[
    ("ll", &["l"]),
    ("rh", &["r"]),
    ("c", &["g", "ngh", "ch"]),
    ("p", &["b", "mh", "ph"]),
    ("t", &["d", "nh", "th"]),
    ("g", &["", "ng"]),
    ("b", &["f", "m"]),
    ("d", &["dd", "n"]),
    ("m", &["f"]),
];

/// Letters of the Welsh alphabet written with two characters whose first
/// would otherwise read as a mutating consonant; none of them mutates.
const DIGRAPHS: &[&str] = &["ch", "dd", "ph", "th"];

/// Letters a Welsh word may start with that take h- after "ei" (her),
/// "ein" and "eu".
const VOWELS: &str = "aeiouwyâêîôûŵŷ";

/// The mutated forms of a Welsh term, its first word's initial changed:
/// soft (`gofalwr` -> `ofalwr`), nasal (`ngofalwr`), aspirate (`cymorth`
/// -> `chymorth`), and h- before a vowel (`iechyd` -> `hiechyd`). A
/// capital initial stays a capital. No maintained crate does this, so it
/// is this table.
fn welsh_forms(term: &str) -> Vec<String> {
    let lower = term.to_lowercase();
    let is_capital = term.chars().next().is_some_and(char::is_uppercase);
    let keep_case = |form: String| if is_capital { capitalised(&form) } else { form };
    if DIGRAPHS.iter().any(|digraph| lower.starts_with(digraph)) {
        return Vec::new();
    }
    if let Some((initial, mutated)) = MUTATIONS
        .iter()
        .find(|(initial, _)| lower.starts_with(initial))
    {
        let Some(rest) = term.get(initial.len()..) else {
            return Vec::new();
        };
        return mutated
            .iter()
            .map(|start| format!("{start}{rest}"))
            .filter(|form| !form.is_empty())
            .map(keep_case)
            .collect();
    }
    match lower.chars().next() {
        Some(first) if VOWELS.contains(first) => {
            vec![keep_case(format!("h{}", lower_first(term)))]
        }
        _ => Vec::new(),
    }
}

/// `word` with a small first letter.
fn lower_first(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn find_exact(text: &str, needle: &str) -> Option<usize> {
    let is_word_char = |c: char| c.is_alphanumeric() || c == '_';
    let mut from = 0;
    while let Some(at) = text[from..].find(needle) {
        let start = from + at;
        let end = start + needle.len();
        let before = text[..start].chars().next_back();
        let after = text[end..].chars().next();
        if !before.is_some_and(is_word_char) && !after.is_some_and(is_word_char) {
            return Some(start);
        }
        from = start + needle.chars().next().map_or(1, char::len_utf8);
    }
    None
}

fn offset(html: &str, part: &str) -> Option<usize> {
    let start = (part.as_ptr() as usize).checked_sub(html.as_ptr() as usize)?;
    (start + part.len() <= html.len()).then_some(start)
}

#[derive(Serialize)]
struct GlossaryTemplate<'a> {
    current: Current,
    ancestors: Vec<Link>,
    entries: &'a [Entry],
}

/// The glossary page, when the site has a glossary.
pub fn page(builder: &Builder, templates: &Templates) -> Result<Vec<OutputFile>, Error> {
    let site = builder.site;
    let entries = entries(site);
    if entries.is_empty() || !templates.has("glossary.html") {
        return Ok(Vec::new());
    }
    // In the page's language: the Welsh site's glossary is its own.
    let fallback = format!("The words and abbreviations used on {}", site.config.title);
    let context = GlossaryTemplate {
        current: builder.site_wide_current(
            PATH,
            ("glossary-title", "Glossary"),
            ("glossary-description", &fallback),
        ),
        ancestors: builder.ancestors(Some(0)),
        entries: &entries,
    };
    let html = templates.render("glossary.html", &context, crate::config::CONFIG_FILE)?;
    Ok(vec![html_file(PATH, html)])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn glossary() -> Vec<Entry> {
        let entry = |term: &str, is_acronym| Entry {
            term: term.to_string(),
            id: format!("term-{}", slug::slugify(term)),
            definition: "d".to_string(),
            is_acronym,
            forms: vec![term.to_string()],
        };
        vec![entry("ICB", true), entry("advance care plan", false)]
    }

    #[test]
    fn the_first_use_of_a_term_is_linked_to_its_entry() {
        let html = "<p>Ask the ICB. The ICB will answer.</p><p>The Advance Care Plan Society says: Advance care plan helps.</p>";
        let marked = mark(html, &glossary(), "/glossary/");
        assert_eq!(
            marked,
            "<p>Ask the <a class=\"glossary-term\" href=\"/glossary/#term-icb\"><abbr>ICB</abbr></a>. The ICB will answer.</p><p>The Advance Care Plan Society says: <a class=\"glossary-term\" href=\"/glossary/#term-advance-care-plan\">Advance care plan</a> helps.</p>"
        );
    }

    #[test]
    fn terms_in_code_headings_and_links_are_left_alone() {
        let html = "<h2>The ICB</h2><p><code>ICB</code> <a href=\"/x/\">ICB</a> and icb and ICBs</p><p>then ICB</p>";
        let marked = mark(html, &glossary(), "/g/");
        assert_eq!(
            marked,
            "<h2>The ICB</h2><p><code>ICB</code> <a href=\"/x/\">ICB</a> and icb and ICBs</p><p>then <a class=\"glossary-term\" href=\"/g/#term-icb\"><abbr>ICB</abbr></a></p>"
        );
    }

    #[test]
    fn welsh_terms_take_their_mutated_forms() {
        assert_eq!(welsh_forms("gofalwr"), ["ofalwr", "ngofalwr"]);
        assert_eq!(welsh_forms("cymorth"), ["gymorth", "nghymorth", "chymorth"]);
        assert_eq!(welsh_forms("teulu"), ["deulu", "nheulu", "theulu"]);
        assert_eq!(welsh_forms("llyfrgell"), ["lyfrgell"]);
        assert_eq!(welsh_forms("rhaglen"), ["raglen"]);
        assert_eq!(
            welsh_forms("Caerdydd"),
            ["Gaerdydd", "Nghaerdydd", "Chaerdydd"]
        );
        assert_eq!(welsh_forms("iechyd meddwl"), ["hiechyd meddwl"]);
        // Letters of two characters do not mutate as their first would.
        assert!(welsh_forms("theatr").is_empty());
        assert!(welsh_forms("ddoe").is_empty());
        assert!(welsh_forms("siop").is_empty());
    }

    #[test]
    fn a_page_without_terms_is_unchanged() {
        let html = "<p>Nothing to see.</p>";
        assert_eq!(mark(html, &glossary(), "/g/"), html);
        assert_eq!(mark("<p>ICB</p>", &[], "/g/"), "<p>ICB</p>");
    }
}
