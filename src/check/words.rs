//! Words: jargon and words to avoid, and acronyms used before they are
//! spelled out.
//!
//! Both look at every paragraph, list item, heading and table cell (not
//! code). Jargon comes from `check.jargon` in site.yaml, or Hearth's own
//! short list drawn from the GOV.UK style guide's words to avoid; a word
//! also matches its plain inflections (`utilises`, `utilised`, `utilising`).
//! An acronym (two or more capitals, such as `WCAG`) is fine when its first
//! use on the page is spelled out, as `Web Content Accessibility Guidelines
//! (WCAG)` or `WCAG (Web Content Accessibility Guidelines)`, when words in
//! the same sentence start with its letters (`LGBTQ+ groups, for lesbian,
//! gay, bisexual, trans and queer people`), when it is inside `<abbr>`, or when it is in `check.glossary` or is as well known
//! as `UK` or `NHS`.

use std::collections::HashSet;

use super::readability::{sentences, words};
use super::source::{units, Source, Unit};
use super::Rule;
use crate::config::{CheckConfig, JargonEntry};
use crate::error::Error;

/// Hearth's own words to avoid, with plainer words.
const JARGON: &[(&str, &str)] = &[
    ("utilise", "use"),
    ("facilitate", "help, run or lead"),
    ("leverage", "use"),
    ("empower", "help or let"),
    ("liaise", "work with or talk to"),
    ("overarching", "main or overall"),
    ("robust", "strong or well thought out"),
    ("streamline", "simplify"),
    ("synergy", "working together"),
    ("paradigm", "model or way of thinking"),
    ("going forward", "from now on"),
    ("deliverable", "result or product"),
    ("incentivise", "encourage"),
    ("disincentivise", "discourage"),
    ("commence", "start"),
    ("endeavour", "try"),
    ("in order to", "to"),
    ("prior to", "before"),
    ("subsequently", "later or then"),
    ("ascertain", "find out"),
    ("in relation to", "about"),
    ("with regard to", "about"),
    ("operationalise", "put into practice"),
    ("upskill", "train"),
    ("ring-fenced", "set aside"),
];

/// Acronyms readers know without being told.
const WELL_KNOWN: &[&str] = &[
    "UK", "US", "USA", "EU", "UN", "OK", "TV", "BBC", "NHS", "GP", "PDF", "ID", "AM", "PM",
];

/// English words written in capitals for emphasis, not acronyms.
const SHOUTED: &[&str] = &[
    "NOT",
    "DO",
    "NO",
    "YES",
    "AND",
    "OR",
    "THE",
    "TO",
    "OF",
    "IN",
    "ON",
    "IS",
    "IT",
    "ALL",
    "NEW",
    "FREE",
    "NOW",
    "NOTE",
    "STOP",
    "NEVER",
    "ALWAYS",
    "MUST",
    "ONLY",
    "PLEASE",
    "YOU",
    "YOUR",
    "WE",
    "OUR",
    "IMPORTANT",
    "WARNING",
    "URGENT",
    "BE",
    "CAN",
    "WILL",
];

/// A word or phrase to avoid, split into lowercase words.
struct Avoid {
    words: Vec<String>,
    shown: String,
    instead: Option<String>,
}

/// Jargon and acronym findings of one page.
pub(crate) fn check(source: &Source, settings: &CheckConfig) -> Vec<Error> {
    let avoid = avoid_list(settings);
    let mut seen = HashSet::new();
    let mut errors = Vec::new();
    for unit in units(source) {
        errors.extend(jargon(source, &unit, &avoid));
        errors.extend(acronyms(source, &unit, settings, &mut seen));
    }
    errors
}

fn avoid_list(settings: &CheckConfig) -> Vec<Avoid> {
    let make = |word: &str, instead: Option<&str>| Avoid {
        words: word.split_whitespace().map(str::to_lowercase).collect(),
        shown: word.to_string(),
        instead: instead.map(str::to_string),
    };
    match &settings.jargon {
        None => JARGON
            .iter()
            .map(|(word, instead)| make(word, Some(instead)))
            .collect(),
        Some(entries) => entries
            .iter()
            .map(|entry| match entry {
                JargonEntry::Word(word) => make(word, None),
                JargonEntry::WithAlternative { word, instead } => make(word, Some(instead)),
            })
            .filter(|avoid| !avoid.words.is_empty())
            .collect(),
    }
}

fn jargon(source: &Source, unit: &Unit, avoid: &[Avoid]) -> Vec<Error> {
    let found = words(&unit.text);
    let lower: Vec<String> = found.iter().map(|(_, w)| w.to_lowercase()).collect();
    let mut errors = Vec::new();
    for (index, &(position, _)) in found.iter().enumerate() {
        for entry in avoid
            .iter()
            .filter(|entry| matches_at(&lower[index..], entry))
        {
            let help = match &entry.instead {
                Some(instead) => format!("try a plainer word: {instead}"),
                None => "use a plainer word".to_string(),
            };
            errors.push(
                source
                    .finding(
                        Rule::Jargon,
                        unit.offset_of(position),
                        format!("`{}` is on the list of words to avoid", entry.shown),
                    )
                    .with_help(help),
            );
        }
    }
    errors
}

fn matches_at(words: &[String], entry: &Avoid) -> bool {
    let count = entry.words.len();
    if words.len() < count {
        return false;
    }
    let (last, first) = entry.words.split_last().expect("entries have words");
    words[..count - 1] == *first && is_form_of(&words[count - 1], last)
}

/// True when `word` is `base` or a regular inflection of it.
fn is_form_of(word: &str, base: &str) -> bool {
    if word == base {
        return true;
    }
    let stem = base.strip_suffix('e').unwrap_or(base);
    ["s", "es", "d", "ed", "ing", "r", "rs"]
        .iter()
        .any(|suffix| {
            word.strip_prefix(stem) == Some(suffix) || word.strip_prefix(base) == Some(suffix)
        })
}

fn acronyms(
    source: &Source,
    unit: &Unit,
    settings: &CheckConfig,
    seen: &mut HashSet<String>,
) -> Vec<Error> {
    let found = words(&unit.text);
    let mut errors = Vec::new();
    for &(position, word) in &found {
        let Some(acronym) = acronym_of(word) else {
            continue;
        };
        if is_exempt(acronym, settings, &unit.text, position) || !seen.insert(acronym.to_string()) {
            continue;
        }
        let offset = unit.offset_of(position);
        let is_defined = is_spelled_out(&unit.text, position, word)
            || has_initials(&same_sentence(&unit.text, &found, position), acronym)
            || is_abbr(&source.text, offset);
        if is_defined {
            continue;
        }
        errors.push(acronym_finding(source, offset, acronym));
    }
    errors
}

/// Whether an acronym at `position` in `text` needs no spelling out: a
/// word shouted, an acronym everyone knows or the glossary defines, or
/// capitals in a quoted title.
fn is_exempt(acronym: &str, settings: &CheckConfig, text: &str, position: usize) -> bool {
    SHOUTED.contains(&acronym)
        || WELL_KNOWN.contains(&acronym)
        || settings.glossary.contains_key(acronym)
        || is_in_quoted_capitals(text, position)
}

fn acronym_finding(source: &Source, offset: usize, acronym: &str) -> Error {
    source
        .finding(Rule::Acronym, offset, format!("`{acronym}` is used before it is spelled out"))
        .with_help(format!(
            "write it in full the first time, followed by ({acronym}), or add it to check.glossary in site.yaml"
        ))
}

/// The acronym a word is, if it is one: `NGOs` and `UK's` count as `NGO`, `UK`.
fn acronym_of(word: &str) -> Option<&str> {
    let core = word
        .strip_suffix("'s")
        .or_else(|| word.strip_suffix("’s"))
        .or_else(|| word.strip_suffix('s'))
        .unwrap_or(word);
    let capitals = core.chars().filter(char::is_ascii_uppercase).count();
    // An identifier such as a station code (`NENE01729A`): several digits,
    // or a letter after a digit.
    let digits = core.chars().filter(char::is_ascii_digit).count();
    let has_letter_after_digit = core
        .trim_start_matches(|c: char| !c.is_ascii_digit())
        .contains(|c: char| c.is_ascii_uppercase());
    if digits >= 2 || has_letter_after_digit {
        return None;
    }
    let is_acronym = core.chars().next().is_some_and(|c| c.is_ascii_uppercase())
        && core
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
        && capitals >= 2
        && !core.chars().all(|c| "IVXLCDM".contains(c));
    is_acronym.then_some(core)
}

/// Whether `position` is inside a quotation written all in capitals, such
/// as a title quoted as printed (`“THE ROAD AHEAD”`): not an acronym.
fn is_in_quoted_capitals(text: &str, position: usize) -> bool {
    let before = &text[..position];
    let curly = before.rfind(['“', '‘']).map(|at| {
        let open = before[at..].chars().next().unwrap_or('“');
        (at + open.len_utf8(), if open == '“' { '”' } else { '’' })
    });
    let straight = (before.matches('"').count() % 2 == 1)
        .then(|| before.rfind('"').map(|at| (at + 1, '"')))
        .flatten();
    let Some((start, close)) = curly.into_iter().chain(straight).max() else {
        return false;
    };
    let Some(length) = text[position..].find(close) else {
        return false;
    };
    let quoted = &text[start..position + length];
    let is_closed_before = text[start..position].contains(close);
    !is_closed_before && !quoted.chars().any(char::is_lowercase)
}

/// `Words (ACR)` or `ACR (words)`.
fn is_spelled_out(text: &str, position: usize, word: &str) -> bool {
    let before = text[..position].trim_end();
    let after = &text[position + word.len()..];
    let is_in_brackets = before.ends_with('(') && after.starts_with(')');
    let is_explained = after.trim_start().starts_with('(') && !is_in_brackets;
    (is_in_brackets && before.len() > 1) || is_explained
}

/// The words of the sentence around `position`.
fn same_sentence<'t>(
    text: &str,
    found: &[(usize, &'t str)],
    position: usize,
) -> Vec<(usize, &'t str)> {
    let sentence = sentences(text)
        .into_iter()
        .find(|range| range.contains(&position))
        .unwrap_or(0..text.len());
    found
        .iter()
        .filter(|(at, _)| sentence.contains(at))
        .copied()
        .collect()
}

/// Small words left out of acronyms: `Department for Education` is `DfE`.
const SMALL_WORDS: &[&str] = &[
    "and", "of", "the", "for", "in", "on", "to", "a", "an", "with", "&",
];

/// True when consecutive words of the unit start with the acronym's letters:
/// `lesbian, gay, bisexual, trans and queer` spells out `LGBTQ`.
fn has_initials(found: &[(usize, &str)], acronym: &str) -> bool {
    let letters: Vec<char> = acronym
        .chars()
        .filter(char::is_ascii_alphabetic)
        .map(|c| c.to_ascii_lowercase())
        .collect();
    let initials: Vec<char> = found
        .iter()
        .map(|(_, word)| word.to_lowercase())
        .filter(|word| !SMALL_WORDS.contains(&word.as_str()) && acronym_of(word).is_none())
        .filter_map(|word| word.chars().next())
        .collect();
    letters.len() >= 2
        && initials
            .windows(letters.len())
            .any(|w| w == letters.as_slice())
}

/// Inside `<abbr title="...">`.
fn is_abbr(body: &str, offset: usize) -> bool {
    let before = body.get(..offset).unwrap_or_default();
    before.ends_with('>')
        && before
            .rfind('<')
            .is_some_and(|at| before[at..].to_ascii_lowercase().starts_with("<abbr"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inflections_match() {
        assert!(is_form_of("utilised", "utilise"));
        assert!(is_form_of("utilising", "utilise"));
        assert!(is_form_of("facilitates", "facilitate"));
        assert!(is_form_of("leveraging", "leverage"));
        assert!(!is_form_of("utility", "utilise"));
        assert!(!is_form_of("robustness", "robust"));
    }

    #[test]
    fn acronyms_are_recognised() {
        assert_eq!(acronym_of("WCAG"), Some("WCAG"));
        assert_eq!(acronym_of("NGOs"), Some("NGO"));
        assert_eq!(acronym_of("UK's"), Some("UK"));
        assert_eq!(acronym_of("A"), None);
        assert_eq!(acronym_of("Hello"), None);
        assert_eq!(acronym_of("III"), None);
    }

    #[test]
    fn spelled_out_forms() {
        let text = "the Web Content Accessibility Guidelines (WCAG) say";
        let at = text.find("WCAG").unwrap();
        assert!(is_spelled_out(text, at, "WCAG"));
        let text = "WCAG (Web Content Accessibility Guidelines) say";
        assert!(is_spelled_out(text, 0, "WCAG"));
        let text = "follow WCAG closely";
        assert!(!is_spelled_out(text, 7, "WCAG"));
    }

    #[test]
    fn initials_in_the_same_passage_spell_it_out() {
        let text = "LGBTQ+ groups, for lesbian, gay, bisexual, trans and queer people";
        assert!(has_initials(&words(text), "LGBTQ"));
        let text = "follow the WCAG rules with care";
        assert!(!has_initials(&words(text), "WCAG"));
    }
}
