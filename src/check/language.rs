//! Passages in another language that nothing marks as such (WCAG 3.1.2).
//!
//! A screen reader reads a Welsh paragraph on an English page with English
//! sounds unless the HTML says `lang="cy"`. Hearth cannot identify every
//! language, so this check is deliberately narrow, with bilingual
//! English-Welsh sites in mind: on a site whose `language` is English, a
//! paragraph, list item, heading or cell of at least four words where most
//! words are common Welsh words is a warning, unless it sits inside an HTML
//! element with a `lang` attribute (or is a heading with `{lang=cy}`). On a
//! Welsh site the same is done for English. Other languages are not checked.

use super::source::{units, Source};
use super::Rule;
use crate::error::Error;

/// Common Welsh words that are not also common English words.
const WELSH: &[&str] = &[
    "y",
    "yr",
    "ac",
    "ond",
    "mae",
    "yn",
    "ar",
    "gyda",
    "ein",
    "eich",
    "cymuned",
    "cymunedau",
    "croeso",
    "diolch",
    "chi",
    "ni",
    "nid",
    "dim",
    "hefyd",
    "neu",
    "wedi",
    "bod",
    "sydd",
    "hwn",
    "hon",
    "yma",
    "eu",
    "ei",
    "gan",
    "dros",
    "rhwng",
    "pobl",
    "cymru",
    "cymraeg",
    "gymraeg",
    "gofal",
    "galar",
    "marw",
    "tosturiol",
    "ydy",
    "oes",
    "gallu",
    "cyngor",
    "gwybodaeth",
    "rydym",
    "ydym",
    "byddwn",
    "fel",
    "hyn",
    "ble",
    "pwy",
    "beth",
    "sut",
    "pam",
    "wrth",
    "heb",
    "i'r",
    "o'r",
    "a'r",
    "i'n",
    "sy'n",
    "mewn",
    "gyfer",
    "am",
    "yw",
    "fod",
    "eraill",
    "helpu",
    "cael",
    "gwneud",
    "rhai",
    "pob",
    "amser",
    "yng",
    "ym",
    "fy",
    "dy",
    "gwasanaeth",
    "gwasanaethau",
];

/// Welsh words that are English words too: they count only alongside others.
const SHARED: &[&str] = &["a", "i", "o", "am", "fel"];

/// Common English words that are not Welsh words.
const ENGLISH: &[&str] = &[
    "the",
    "and",
    "of",
    "to",
    "is",
    "are",
    "was",
    "with",
    "for",
    "you",
    "your",
    "we",
    "our",
    "this",
    "that",
    "it",
    "in",
    "on",
    "be",
    "have",
    "has",
    "will",
    "can",
    "not",
    "or",
    "by",
    "from",
    "as",
    "at",
    "people",
    "they",
    "their",
    "there",
    "what",
    "who",
    "how",
    "when",
    "if",
    "about",
    "more",
    "help",
    "support",
    "care",
    "community",
];

/// Every unmarked passage in the other language of a bilingual site.
pub(crate) fn check(source: &Source, site_language: &str) -> Vec<Error> {
    let primary = site_language
        .split(['-', '_'])
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase();
    let (other, code, name) = match primary.as_str() {
        "en" => (WELSH, "cy", "Welsh"),
        "cy" => (ENGLISH, "en", "English"),
        _ => return Vec::new(),
    };
    units(source)
        .into_iter()
        .filter(|unit| !unit.is_marked && looks_like(&unit.unmarked, other))
        .map(|unit| {
            source
                .finding(
                    Rule::Language,
                    unit.start(),
                    format!("this passage looks like {name}, but nothing marks its language"),
                )
                .with_help(format!(
                    "wrap it in <div lang=\"{code}\"> ... </div> (or <span lang=\"{code}\"> inside a sentence) so screen readers pronounce it in {name}"
                ))
        })
        .collect()
}

/// True when most of at least four words are on the list.
fn looks_like(text: &str, list: &[&str]) -> bool {
    let words: Vec<String> = text
        .split_whitespace()
        .map(|word| {
            word.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
                .replace('’', "'")
                .to_lowercase()
        })
        .filter(|word| word.chars().any(char::is_alphabetic))
        .collect();
    if words.len() < 4 {
        return false;
    }
    let strong = words
        .iter()
        .filter(|w| list.contains(&w.as_str()) && !SHARED.contains(&w.as_str()))
        .count();
    let shared = words
        .iter()
        .filter(|w| SHARED.contains(&w.as_str()) && list == WELSH)
        .count();
    strong >= 2 && (strong + shared) * 2 >= words.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn welsh_is_recognised_and_english_is_not() {
        assert!(looks_like(
            "Croeso i'n cymuned. Mae ein gwirfoddolwyr yn helpu pobl.",
            WELSH
        ));
        assert!(!looks_like(
            "I have a cat and a dog at home with me.",
            WELSH
        ));
        assert!(!looks_like("Diolch yn fawr", WELSH));
        assert!(looks_like(
            "Find out how we support the people of our town.",
            ENGLISH
        ));
    }
}
