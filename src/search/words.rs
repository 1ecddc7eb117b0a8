//! One word of page text -> the terms the index holds for it.
//!
//! Pagefind's browser code splits and stems a query the same way, so these
//! rules follow Pagefind 1.6 exactly: a word is lower-cased and stripped of
//! punctuation, accents are folded away (the accented form is kept as a
//! variant), the result is stemmed for the page's language, and words made
//! of parts (`care-home`, `CareHome`, `a.b_c`) are also indexed by part.
//!
//! Splitting and stemming is the costliest step of indexing, and most words
//! recur, so [`Stems`] keeps each distinct word's terms once worked out.

use std::sync::{Arc, Mutex, OnceLock};

use convert_case::{Case, Casing};
use hashbrown::{HashMap, HashSet};
use pagefind_stem::{Algorithm, Stemmer};
use regex::Regex;
use unicode_normalization::UnicodeNormalization;
use unicode_segmentation::UnicodeSegmentation;

/// Characters that count as part of a word although they are not letters or
/// digits: Unicode's connector punctuation, such as `_`.
pub(super) const WORD_SYMBOLS: [char; 10] = [
    '_', '\u{203F}', '\u{2040}', '\u{2054}', '\u{FE33}', '\u{FE34}', '\u{FE4D}', '\u{FE4E}',
    '\u{FE4F}', '\u{FF3F}',
];

/// The longest katakana suffix indexed, in characters.
const MAX_KATAKANA_SUFFIX: usize = 16;

/// The longest dotted tail indexed, in characters.
const MAX_DOTTED_TAIL: usize = 64;

/// The longest word indexed, in characters, as in Lucene. Longer ones are
/// pasted data (an image in base64, a key), which nobody searches for,
/// and the stemmer's time grows with the square of a word's length: a
/// word of 3 million letters took 12 s. Their text still shows in results.
const MAX_WORD: usize = 255;

/// Whether `raw` is longer than [`MAX_WORD`].
fn is_too_long(raw: &str) -> bool {
    // A character takes at least one byte: most words are ruled out here.
    raw.len() > MAX_WORD && raw.chars().nth(MAX_WORD).is_some()
}

/// One term to index for a word.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Term {
    /// The stemmed, accent-folded form: the key of the word index.
    pub stemmed: String,
    /// A part of a longer word (it gets a share of the word's weight).
    pub is_part: bool,
    /// The form with its accents, when folding changed it.
    pub original: Option<String>,
}

/// The stemmer Pagefind uses for a language code (`en-gb` -> English).
pub(super) fn stemmer(language: &str) -> Option<Stemmer> {
    let algorithm = match language.split('-').next().unwrap_or_default() {
        "ar" => Algorithm::Arabic,
        "hy" => Algorithm::Armenian,
        "eu" => Algorithm::Basque,
        "ca" => Algorithm::Catalan,
        "da" => Algorithm::Danish,
        "nl" => Algorithm::Dutch,
        "en" => Algorithm::English,
        "eo" => Algorithm::Esperanto,
        "et" => Algorithm::Estonian,
        "fi" => Algorithm::Finnish,
        "fr" => Algorithm::French,
        "de" => Algorithm::German,
        "el" => Algorithm::Greek,
        "hi" => Algorithm::Hindi,
        "hu" => Algorithm::Hungarian,
        "id" => Algorithm::Indonesian,
        "ga" => Algorithm::Irish,
        "it" => Algorithm::Italian,
        "lt" => Algorithm::Lithuanian,
        "nb" | "nn" | "no" => Algorithm::Norwegian,
        "ne" => Algorithm::Nepali,
        "pt" => Algorithm::Portuguese,
        "ro" => Algorithm::Romanian,
        "ru" => Algorithm::Russian,
        "sr" => Algorithm::Serbian,
        "pl" => Algorithm::Polish,
        "es" => Algorithm::Spanish,
        "sv" => Algorithm::Swedish,
        "ta" => Algorithm::Tamil,
        "tr" => Algorithm::Turkish,
        "yi" => Algorithm::Yiddish,
        _ => return None,
    };
    Some(Stemmer::create(algorithm))
}

/// A word's terms, each stemmed term numbered once per [`Stems`].
#[derive(Debug, Clone)]
pub(super) struct CachedTerm {
    pub stem: u32,
    pub is_part: bool,
    pub original: Option<u32>,
}

/// The terms of the words met so far in one language, so that each distinct
/// word is split and stemmed once. Stemmed terms and accented originals are
/// numbered; [`Stems::text`] gives a number's text back.
pub(super) struct Stems {
    stemmer: Option<Stemmer>,
    /// Words of up to 15 bytes, keyed by their bytes (most words: quicker
    /// to find than by text).
    short_words: HashMap<(u64, u64), Found>,
    words: HashMap<String, Found>,
    /// The terms of the words that have more than one, or one that is not
    /// plain.
    listed: Vec<CachedTerm>,
    /// The one term of the word last found, when it is held in place.
    one: CachedTerm,
    /// This worker's numbers of the terms it has met.
    terms: Numbering,
    /// Each stem's shard and number in the [`Interner`], once asked for.
    interned: Vec<Option<(u8, u32)>>,
    /// Working space for grouping a page's words by stem.
    scratch: Vec<u32>,
}

/// Where a cached word's terms are. Most words have a single plain term (no
/// accents, not part of a longer word), kept in place: finding a word then
/// takes one read of memory, where a pointer to its terms took two, and the
/// table is read for every word of every page.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Found(u64);

impl Found {
    /// Marks a term held in place, in the high half.
    const ONE: u64 = u64::MAX << 32;

    /// `terms`, in place or appended to `listed`.
    fn of(terms: Vec<CachedTerm>, listed: &mut Vec<CachedTerm>) -> Found {
        match terms.as_slice() {
            [term] if !term.is_part && term.original.is_none() => {
                Found(Found::ONE | u64::from(term.stem))
            }
            _ => {
                // The high half is the count of one word's terms, so never
                // the marker; the low half indexes the terms of distinct
                // words, far fewer than 2^32.
                let start = listed.len() as u64;
                let len = terms.len() as u64;
                debug_assert!(start <= u64::from(u32::MAX) && len < u64::from(u32::MAX));
                listed.extend(terms);
                Found(start | len << 32)
            }
        }
    }

    /// The terms, reading `listed` only for words not held in place.
    fn terms<'s>(self, listed: &'s [CachedTerm], one: &'s mut CachedTerm) -> &'s [CachedTerm] {
        if self.0 & Found::ONE == Found::ONE {
            *one = CachedTerm {
                stem: self.0 as u32,
                is_part: false,
                original: None,
            };
            return std::slice::from_ref(one);
        }
        let start = (self.0 & u64::from(u32::MAX)) as usize;
        let len = (self.0 >> 32) as usize;
        &listed[start..start + len]
    }
}

impl Stems {
    pub fn new(language: &str) -> Self {
        Stems {
            stemmer: stemmer(language),
            short_words: HashMap::new(),
            words: HashMap::new(),
            listed: Vec::new(),
            one: CachedTerm {
                stem: 0,
                is_part: false,
                original: None,
            },
            terms: Numbering::default(),
            interned: Vec::new(),
            scratch: Vec::new(),
        }
    }

    /// The terms of a word of page text: its own and its dotted tails.
    pub fn body_terms(&mut self, word: &str) -> &[CachedTerm] {
        let Stems {
            stemmer,
            short_words,
            words,
            listed,
            one,
            terms: numbering,
            ..
        } = self;
        let work_out = || {
            let mut terms = indexable_words(word, stemmer.as_ref());
            let tails = dotted_tails(word, stemmer.as_ref(), &terms);
            terms.extend(tails);
            let terms = terms
                .into_iter()
                .map(|term| CachedTerm {
                    stem: numbering.number(term.stemmed),
                    is_part: term.is_part,
                    original: term.original.map(|original| numbering.number(original)),
                })
                .collect();
            Found::of(terms, listed)
        };
        let found = match short_key(word) {
            Some(key) => *short_words.entry(key).or_insert_with(work_out),
            None => *words.entry_ref(word).or_insert_with(work_out),
        };
        found.terms(listed, one)
    }

    /// The terms of a word of a metadata value (no dotted tails there).
    pub fn meta_terms(&mut self, word: &str) -> Vec<CachedTerm> {
        indexable_words(word, self.stemmer.as_ref())
            .into_iter()
            .map(|term| CachedTerm {
                stem: self.terms.number(term.stemmed),
                is_part: term.is_part,
                original: term.original.map(|original| self.terms.number(original)),
            })
            .collect()
    }

    /// Space for grouping by stem number: as long as needed, all unused.
    pub fn scratch(&mut self) -> &mut Vec<u32> {
        &mut self.scratch
    }

    /// A stem's shard and number in `interner`, the same for every page.
    pub fn interned(&mut self, stem: u32, interner: &Interner) -> (u8, u32) {
        let at = stem as usize;
        if at >= self.interned.len() {
            self.interned.resize(at + 1, None);
        }
        *self.interned[at].get_or_insert_with(|| interner.intern(&self.terms.texts[at]))
    }

    /// The text of a numbered term.
    pub fn text(&self, number: u32) -> &Arc<str> {
        &self.terms.texts[number as usize]
    }
}

/// A word of up to 15 bytes as two numbers: its bytes, and its length in the
/// top byte.
fn short_key(word: &str) -> Option<(u64, u64)> {
    let bytes = word.as_bytes();
    if bytes.len() > 15 {
        return None;
    }
    let (low, high) = bytes.split_at(bytes.len().min(8));
    let high = little_endian(high) | (bytes.len() as u64) << 56;
    Some((little_endian(low), high))
}

/// Up to 8 bytes as a number.
fn little_endian(bytes: &[u8]) -> u64 {
    match <[u8; 8]>::try_from(bytes) {
        Ok(all) => u64::from_le_bytes(all),
        Err(_) => bytes
            .iter()
            .rev()
            .fold(0, |key, &byte| (key << 8) | u64::from(byte)),
    }
}

/// The stemmed terms of all pages, numbered within their shard (a hash of
/// the term), so that the postings of one term from every page can be
/// merged by number.
pub(super) struct Interner {
    shards: Vec<Mutex<Numbering>>,
}

impl Interner {
    pub fn new(shards: usize) -> Self {
        Interner {
            shards: (0..shards).map(|_| Mutex::default()).collect(),
        }
    }

    fn intern(&self, text: &Arc<str>) -> (u8, u32) {
        let shard = shard(text, self.shards.len());
        let number = self.shards[shard]
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .number(Arc::clone(text));
        (u8::try_from(shard).unwrap_or(u8::MAX), number)
    }

    /// The texts interned so far, by shard, leaving the interner as it is.
    pub fn texts(&self) -> Vec<Vec<Arc<str>>> {
        self.shards
            .iter()
            .map(|shard| {
                shard
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .texts
                    .clone()
            })
            .collect()
    }

    /// Per shard, the terms by number.
    pub fn into_texts(self) -> Vec<Vec<Arc<str>>> {
        self.shards
            .into_iter()
            .map(|shard| shard.into_inner().unwrap_or_else(|e| e.into_inner()).texts)
            .collect()
    }
}

/// The shard of a term: FNV-1a, stable across runs and platforms.
fn shard(text: &str, shards: usize) -> usize {
    let mut hash: u32 = 0x811c_9dc5;
    for &byte in text.as_bytes() {
        hash ^= u32::from(byte);
        hash = hash.wrapping_mul(0x0100_0193);
    }
    hash as usize % shards.max(1)
}

/// Terms numbered in the order they are first met.
#[derive(Default)]
struct Numbering {
    numbers: HashMap<Arc<str>, u32>,
    /// The terms, by number.
    texts: Vec<Arc<str>>,
}

impl Numbering {
    /// The number of `text`, given the first time it is met.
    fn number(&mut self, text: impl AsRef<str> + Into<Arc<str>>) -> u32 {
        if let Some(&number) = self.numbers.get(text.as_ref()) {
            return number;
        }
        let number = u32::try_from(self.texts.len()).unwrap_or(u32::MAX);
        let text: Arc<str> = text.into();
        self.texts.push(Arc::clone(&text));
        self.numbers.insert(text, number);
        number
    }
}

/// All terms for one word: the whole word, katakana suffixes, the parts of a
/// compound word and any emoji in it.
pub(super) fn indexable_words(raw: &str, stemmer: Option<&Stemmer>) -> Vec<Term> {
    let mut terms = Vec::new();
    if is_too_long(raw) {
        return terms;
    }
    let normalized = normalize_word(raw);
    if !normalized.is_empty() {
        terms.push(stem_word(&normalized, stemmer, false));
    }
    // Katakana suffixes are not stemmed.
    let suffixes = katakana_suffixes(raw).into_iter();
    terms.extend(suffixes.map(|suffix| stem_word(suffix, None, true)));
    let maybe_compound =
        raw.chars().any(|c| !c.is_alphanumeric()) || raw.chars().skip(1).any(char::is_uppercase);
    if maybe_compound {
        add_compound_terms(raw, &normalized, stemmer, &mut terms);
    }
    terms
}

/// Adds the terms of a word that may be a compound: its parts, when they
/// are not the whole word, and the emoji in it.
fn add_compound_terms(
    raw: &str,
    normalized: &str,
    stemmer: Option<&Stemmer>,
    terms: &mut Vec<Term>,
) {
    let (parts, emoji) = discrete_words(raw);
    if !normalized.is_empty()
        && (parts.contains(char::is_whitespace) || !normalized.starts_with(&parts))
    {
        // Parts of one character are too short to be worth a term.
        for part in parts.split_whitespace().filter(|part| part.len() > 1) {
            terms.push(stem_word(part, stemmer, true));
        }
    }
    for emoji in emoji.into_iter().flatten() {
        terms.push(Term {
            stemmed: emoji,
            original: None,
            is_part: false,
        });
    }
}

/// For a word with dots (`sysconfig.is_python_build`), each tail after a
/// dot that is itself a compound, so that it can be found on its own.
pub(super) fn dotted_tails(raw: &str, stemmer: Option<&Stemmer>, existing: &[Term]) -> Vec<Term> {
    let mut tails = Vec::new();
    if !raw.contains('.') || is_too_long(raw) {
        return tails;
    }
    let seen: HashSet<&str> = existing.iter().map(|t| t.stemmed.as_str()).collect();
    let mut seen_tails: HashSet<String> = HashSet::new();
    for (i, _) in raw.match_indices('.') {
        let rest = &raw[i + 1..];
        let tail = match rest.char_indices().nth(MAX_DOTTED_TAIL) {
            Some((end, _)) => &rest[..end],
            None => rest,
        };
        let is_compound = tail.chars().any(|c| !c.is_alphanumeric())
            || tail.chars().skip(1).any(char::is_uppercase);
        // A simple tail is the compound's last part, indexed already.
        if !is_compound {
            continue;
        }
        let normalized = normalize_word(tail);
        if normalized.chars().count() < 2 {
            continue;
        }
        let term = stem_word(&normalized, stemmer, true);
        if !seen.contains(term.stemmed.as_str()) && seen_tails.insert(term.stemmed.clone()) {
            tails.push(term);
        }
    }
    tails
}

/// Lower case, keeping only letters, digits and [`WORD_SYMBOLS`].
fn normalize_word(raw: &str) -> String {
    let mut word = String::with_capacity(raw.len());
    for mut c in raw.chars() {
        if c.is_alphanumeric() || WORD_SYMBOLS.contains(&c) {
            c.make_ascii_lowercase();
            if c.is_uppercase() {
                // Some capitals lower-case to more than one character.
                word.extend(c.to_lowercase());
            } else {
                word.push(c);
            }
        }
    }
    word
}

fn stem_word(normalized: &str, stemmer: Option<&Stemmer>, is_part: bool) -> Term {
    let folded = fold_accents(normalized);
    let stemmed = match stemmer {
        Some(stemmer) => stemmer
            .stem(folded.as_deref().unwrap_or(normalized))
            .into_owned(),
        None => folded.clone().unwrap_or_else(|| normalized.to_string()),
    };
    Term {
        stemmed,
        original: folded.map(|_| normalized.to_string()),
        is_part,
    }
}

fn is_katakana(c: char) -> bool {
    matches!(
        u32::from(c),
        0x30A1..=0x30FA | 0x30FC..=0x30FF | 0x31F0..=0x31FF | 0xFF66..=0xFF9F
    )
}

/// Every suffix of a katakana word, so that a query for part of it matches
/// by prefix.
fn katakana_suffixes(word: &str) -> Vec<&str> {
    if word.chars().count() < 3 || !word.chars().all(is_katakana) {
        return Vec::new();
    }
    let mut seen = HashSet::new();
    let mut suffixes = Vec::new();
    for (i, _) in word.char_indices().skip(1) {
        let rest = &word[i..];
        let suffix = match rest.char_indices().nth(MAX_KATAKANA_SUFFIX) {
            Some((end, _)) => &rest[..end],
            None => rest,
        };
        if suffix.chars().count() >= 2 && seen.insert(suffix) {
            suffixes.push(suffix);
        }
    }
    suffixes
}

/// The word without its accents (`café` -> `cafe`), or `None` when it has
/// none. Kana voicing marks are kept, as they tell words apart.
fn fold_accents(word: &str) -> Option<String> {
    if word.is_ascii() || !has_decomposition(word) {
        return None;
    }
    let is_kana_mark = |c: char| matches!(c, '\u{3099}' | '\u{309A}');
    let stripped: String = word
        .nfd()
        .filter(|&c| !unicode_normalization::char::is_combining_mark(c) || is_kana_mark(c))
        .collect();
    // Only recompose when kana marks remain; elsewhere (Hangul jamo) the
    // decomposed form lets a half-typed syllable match by prefix.
    let folded = if stripped.chars().any(is_kana_mark) {
        stripped.nfc().collect::<String>()
    } else {
        stripped
    };
    (folded != word).then_some(folded)
}

fn has_decomposition(word: &str) -> bool {
    word.chars().any(|c| {
        if unicode_normalization::char::is_combining_mark(c) {
            return true;
        }
        let mut decomposes = false;
        unicode_normalization::char::decompose_canonical(c, |part| {
            decomposes = decomposes || part != c;
        });
        decomposes
    })
}

/// The parts of a compound word, lower case and joined by spaces, and the
/// emoji it holds, if any.
fn discrete_words(word: &str) -> (String, Option<Vec<String>>) {
    static EMOJI: OnceLock<Regex> = OnceLock::new();
    let parts = word
        .replace(|c: char| c.is_ascii_punctuation(), " ")
        .to_case(Case::Lower)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let emoji_pattern = EMOJI.get_or_init(|| Regex::new("\\p{Emoji}").expect("a valid pattern"));
    let emoji = emoji_pattern.is_match(word).then(|| {
        word.graphemes(true)
            .filter(|grapheme| emojis::get(grapheme).is_some())
            .map(str::to_string)
            .collect()
    });
    (parts, emoji)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stems(word: &str) -> Vec<(String, bool)> {
        let stemmer = stemmer("en");
        let mut terms = indexable_words(word, stemmer.as_ref());
        let tails = dotted_tails(word, stemmer.as_ref(), &terms);
        terms.extend(tails);
        terms.into_iter().map(|t| (t.stemmed, t.is_part)).collect()
    }

    #[test]
    fn plain_words_are_lower_cased_and_stemmed() {
        assert_eq!(stems("Hospices,"), [("hospic".to_string(), false)]);
        assert_eq!(stems("caring"), [("care".to_string(), false)]);
    }

    #[test]
    fn compound_words_are_also_indexed_by_part() {
        assert_eq!(
            stems("care-home"),
            [
                ("carehom".to_string(), false),
                ("care".to_string(), true),
                ("home".to_string(), true)
            ]
        );
        assert_eq!(
            stems("CareHome"),
            [
                ("carehom".to_string(), false),
                ("care".to_string(), true),
                ("home".to_string(), true)
            ]
        );
    }

    #[test]
    fn words_longer_than_the_limit_are_not_indexed() {
        let longest = "a".repeat(MAX_WORD);
        assert_eq!(stems(&longest).len(), 1);
        // Counted in characters, not bytes.
        assert_eq!(stems(&"\u{e9}".repeat(MAX_WORD)).len(), 1);
        assert!(stems(&format!("{longest}b")).is_empty());
        assert!(stems(&format!("{longest}.Tail.CareHome")).is_empty());
    }

    #[test]
    fn accents_are_folded_and_the_accented_form_kept() {
        let terms = indexable_words("Café", stemmer("fr").as_ref());
        assert_eq!(terms[0].stemmed, "caf");
        assert_eq!(terms[0].original.as_deref(), Some("café"));
    }

    #[test]
    fn stems_are_worked_out_once_per_word() {
        let mut stems = Stems::new("en");
        let first = stems.body_terms("walking").to_vec();
        let again = stems.body_terms("walking").to_vec();
        assert_eq!(first[0].stem, again[0].stem);
        assert_eq!(stems.text(first[0].stem).as_ref(), "walk");
        let other = stems.body_terms("walks").to_vec();
        assert_eq!(other[0].stem, first[0].stem, "one number per stem");
    }

    #[test]
    fn cached_words_give_back_the_terms_worked_out() {
        let mut stems = Stems::new("fr");
        let texts = |stems: &mut Stems, word: &str| -> Vec<(String, bool, Option<String>)> {
            let terms = stems.body_terms(word).to_vec();
            terms
                .iter()
                .map(|term| {
                    let original = term.original.map(|o| stems.text(o).to_string());
                    (stems.text(term.stem).to_string(), term.is_part, original)
                })
                .collect()
        };
        // A plain word (held in place), a compound and an accented word
        // (listed), a long word (keyed by text); each twice, interleaved.
        let words = [
            "soins",
            "maison-de-soins",
            "café",
            "accompagnement-palliatif",
        ];
        let first: Vec<_> = words.iter().map(|w| texts(&mut stems, w)).collect();
        let again: Vec<_> = words.iter().map(|w| texts(&mut stems, w)).collect();
        assert_eq!(first, again);
        assert_eq!(first[0], [("soin".to_string(), false, None)]);
        assert_eq!(first[1].len(), 4, "{:?}", first[1]);
        assert!(first[1][1..].iter().all(|(_, is_part, _)| *is_part));
        assert_eq!(
            first[2],
            [("caf".to_string(), false, Some("café".to_string()))]
        );
        assert_eq!(first[3][0].0, "accompagnementpalli");
    }
}
