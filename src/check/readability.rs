//! Counting for plain English: words, sentences, syllables and the
//! Flesch-Kincaid grade level, on plain text (no markdown).
//!
//! Syllables are counted with the usual heuristic: groups of vowels
//! (`y` included), less a silent final `e` (but not `-le`), and less the
//! `-es` and `-ed` endings that add no sound. It is right for most common
//! words and off by one for some; over a page the errors mostly cancel.

use std::ops::Range;

/// Abbreviations whose full stop does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "e.g", "i.e", "eg", "ie", "dr", "mr", "mrs", "ms", "st", "no", "vs", "cf", "approx", "dept",
];

/// The words of a text: (byte position, word without surrounding punctuation).
pub(crate) fn words(text: &str) -> Vec<(usize, &str)> {
    let mut found = Vec::new();
    let mut start = None;
    for (at, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        match (c.is_whitespace(), start) {
            (false, None) => start = Some(at),
            (true, Some(from)) => {
                found.extend(trim_word(text, from, at));
                start = None;
            }
            _ => {}
        }
    }
    found
}

fn trim_word(text: &str, from: usize, to: usize) -> Option<(usize, &str)> {
    let raw = &text[from..to];
    let is_edge = |c: char| !c.is_alphanumeric();
    let trimmed = raw.trim_start_matches(is_edge);
    let offset = from + raw.len() - trimmed.len();
    let word = trimmed.trim_end_matches(is_edge);
    word.chars()
        .any(char::is_alphabetic)
        .then_some((offset, word))
}

/// The sentences of a text, as byte ranges. Text after the last full stop
/// is a sentence too, so a list item without one counts.
pub(crate) fn sentences(text: &str) -> Vec<Range<usize>> {
    let mut found = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (index, &(at, c)) in chars.iter().enumerate() {
        if !matches!(c, '.' | '!' | '?') {
            continue;
        }
        let next = chars.get(index + 1).map(|&(_, n)| n);
        let is_end =
            next.is_none_or(|n| n.is_whitespace() || matches!(n, '"' | '\'' | ')' | '”' | '’'));
        if is_end && !(c == '.' && is_abbreviation(&text[start..at])) {
            found.push(start..at + 1);
            start = at + 1;
        }
    }
    found.push(start..text.len());
    found
        .into_iter()
        .filter(|range| !words(&text[range.clone()]).is_empty())
        .collect()
}

fn is_abbreviation(before: &str) -> bool {
    let last = before
        .rsplit(|c: char| c.is_whitespace() || c == '(')
        .next()
        .unwrap_or_default()
        .to_lowercase();
    ABBREVIATIONS.contains(&last.as_str())
}

/// The number of syllables of an English word, by heuristic.
pub(crate) fn syllables(word: &str) -> usize {
    let word: String = word
        .chars()
        .filter(char::is_ascii_alphabetic)
        .collect::<String>()
        .to_ascii_lowercase();
    if word.len() <= 3 {
        return 1;
    }
    let trimmed = strip_silent_ending(&word);
    let mut count = 0;
    let mut was_vowel = false;
    for c in trimmed.chars() {
        let is_vowel = matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y');
        if is_vowel && !was_vowel {
            count += 1;
        }
        was_vowel = is_vowel;
    }
    count.max(1)
}

fn strip_silent_ending(word: &str) -> &str {
    let last = |stem: &str| stem.chars().last();
    if let Some(stem) = word.strip_suffix("le") {
        if last(stem).is_some_and(|c| !"aeiouy".contains(c)) {
            return word;
        }
    }
    if let Some(stem) = word.strip_suffix("es") {
        if !matches!(last(stem), Some('s' | 'x' | 'z' | 'c' | 'g' | 'h')) {
            return stem;
        }
    }
    if let Some(stem) = word.strip_suffix("ed") {
        if !matches!(last(stem), Some('t' | 'd')) {
            return stem;
        }
    }
    word.strip_suffix('e').unwrap_or(word)
}

/// The Flesch-Kincaid grade level of a text with these counts.
pub(crate) fn grade(words: usize, sentences: usize, syllables: usize) -> f64 {
    if words == 0 || sentences == 0 {
        return 0.0;
    }
    let words_per_sentence = words as f64 / sentences as f64;
    let syllables_per_word = syllables as f64 / words as f64;
    0.39 * words_per_sentence + 11.8 * syllables_per_word - 15.59
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syllables_of_common_words() {
        let cases = [
            ("the", 1),
            ("cat", 1),
            ("table", 2),
            ("people", 2),
            ("bereavement", 4),
            ("community", 4),
            ("compassionate", 4),
            ("cared", 1),
            ("wanted", 2),
            ("boxes", 2),
            ("makes", 1),
            ("hospice", 2),
            ("support", 2),
        ];
        for (word, expected) in cases {
            assert_eq!(syllables(word), expected, "{word}");
        }
    }

    #[test]
    fn sentences_end_at_stops_but_not_abbreviations() {
        let text = "We help, e.g. with lunch. Dr. Jones came! Then 1.5 hours? Done";
        let found: Vec<&str> = sentences(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(
            found,
            [
                "We help, e.g. with lunch.",
                " Dr. Jones came!",
                " Then 1.5 hours?",
                " Done"
            ]
        );
    }

    #[test]
    fn words_drop_punctuation_and_numbers() {
        let found: Vec<&str> = words("“Hello,” she said — 2026 (again).")
            .into_iter()
            .map(|w| w.1)
            .collect();
        assert_eq!(found, ["Hello", "she", "said", "again"]);
        assert_eq!(words("ab cd")[1], (3, "cd"));
    }

    #[test]
    fn grade_follows_the_formula() {
        let grade = grade(100, 5, 150);
        assert!((grade - (0.39 * 20.0 + 11.8 * 1.5 - 15.59)).abs() < 1e-9);
    }
}
