//! Plain English, per page: a reading age and the sentences that are too long.
//!
//! The reading age is the Flesch-Kincaid grade level plus 5 (a US school
//! grade is about five years less than a reader's age), measured on the
//! page's paragraphs and list items only: headings, tables, code and image
//! descriptions are left out. A page with fewer than [`MIN_WORDS`] words is
//! not given one, because the formula is unstable on short texts. Above the
//! site's target (`check.reading_age`, 12 by default) is a warning, and so is
//! each sentence longer than `check.max_sentence_words` (25 by default).

use serde::Serialize;

use super::readability::{grade, sentences, syllables, words};
use super::source::{units, Source, UnitKind};
use super::Rule;
use crate::config::CheckConfig;
use crate::error::Error;

/// Pages with fewer words than this get no reading age.
pub(crate) const MIN_WORDS: usize = 100;

/// The reading age of one page.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Reading {
    /// The file, such as `content/about.md`.
    pub file: String,
    /// Words measured.
    pub words: usize,
    /// Sentences measured.
    pub sentences: usize,
    /// Flesch-Kincaid grade level plus 5, to one decimal place.
    pub reading_age: f64,
}

/// One sentence: where it starts (body offset) and how many words it has.
struct Sentence {
    offset: usize,
    words: usize,
}

/// Long sentences and a reading age above the target, and the page's reading.
pub(crate) fn check(source: &Source, settings: &CheckConfig) -> (Vec<Error>, Option<Reading>) {
    let (found, syllable_count) = measure(source);
    let word_count: usize = found.iter().map(|s| s.words).sum();
    let mut errors: Vec<Error> = found
        .iter()
        .filter(|s| s.words > settings.max_sentence_words)
        .map(|s| long_sentence(source, s, settings.max_sentence_words))
        .collect();
    if word_count < MIN_WORDS {
        return (errors, None);
    }
    let raw = grade(word_count, found.len(), syllable_count).max(0.0) + 5.0;
    let reading = Reading {
        file: source.page.shown.clone(),
        words: word_count,
        sentences: found.len(),
        reading_age: (raw * 10.0).round() / 10.0,
    };
    if reading.reading_age > settings.reading_age {
        errors.push(too_hard(source, &found, &reading, settings.reading_age));
    }
    (errors, Some(reading))
}

/// Every sentence of the page's prose, and the total number of syllables.
fn measure(source: &Source) -> (Vec<Sentence>, usize) {
    let mut found = Vec::new();
    let mut syllable_count = 0;
    for unit in units(source)
        .iter()
        .filter(|unit| unit.kind == UnitKind::Prose)
    {
        for range in sentences(&unit.text) {
            let sentence_words = words(&unit.text[range.clone()]);
            let Some(&(first, _)) = sentence_words.first() else {
                continue;
            };
            syllable_count += sentence_words
                .iter()
                .map(|(_, word)| syllables(word))
                .sum::<usize>();
            found.push(Sentence {
                offset: unit.offset_of(range.start + first),
                words: sentence_words.len(),
            });
        }
    }
    (found, syllable_count)
}

fn long_sentence(source: &Source, sentence: &Sentence, limit: usize) -> Error {
    source
        .finding(
            Rule::LongSentence,
            sentence.offset,
            format!(
                "this sentence has {} words; the limit is {limit}",
                sentence.words
            ),
        )
        .with_help("split it into shorter sentences: 15 to 20 words is easiest to read")
}

fn too_hard(source: &Source, found: &[Sentence], reading: &Reading, target: f64) -> Error {
    let mut longest: Vec<&Sentence> = found.iter().collect();
    longest.sort_by(|a, b| b.words.cmp(&a.words).then(a.offset.cmp(&b.offset)));
    let index = source.page.line_index();
    let places: Vec<String> = longest
        .iter()
        .take(3)
        .map(|s| {
            let (line, _) = index.locate(source.page.body_start + s.offset);
            format!("line {line} ({} words)", s.words)
        })
        .collect();
    let first = found.first().map_or(0, |s| s.offset);
    source
        .finding(
            Rule::ReadingAge,
            first,
            format!(
                "this page has a reading age of {:.1} (Flesch-Kincaid), above the target of {target}",
                reading.reading_age
            ),
        )
        .with_help(format!(
            "use shorter sentences and shorter words; the longest sentences are at {}",
            places.join(", ")
        ))
}
