//! Alphabetical order in a page's language: the letters titles are filed
//! under in the A to Z, and the order of titles and taxonomy terms.
//!
//! Welsh counts eight digraphs as single letters, in the order
//! a b c ch d dd e f ff g ng h i j l ll m n o p ph r rh s t th u w y, so
//! "Chwarae" files under Ch, after every word in C ("Cymru"), and "Llais"
//! comes after "Lol". Other languages use the letters a to z.
//!
//! A small table rather than a collation library: the A to Z needs each
//! title's first letter as well as an order, which a collator does not
//! give; icu_collator 2.4 (which has CLDR's Welsh rules) needs a newer
//! Rust than Hearth supports and brings some 1.8 MB of crates, with
//! collation data for every locale, to sort titles in two languages.
//!
//! The limit: "ng" is one letter in "angen" but n and g in "Bangor" and
//! "Llangollen", and only a dictionary can tell them apart. "ng" is taken
//! as one letter except after "llan" at the start of a word, the place
//! names (Llangefni, Llangollen) in which it most often is not; other
//! words with n then g (Bangor) sort as if "ng" were one letter.

use std::sync::OnceLock;

use super::Page;

/// Welsh letters in order; letters Welsh borrows (k, q, v, x, z) stand
/// where English puts them.
const WELSH: &[&str] = &[
    "a", "b", "c", "ch", "d", "dd", "e", "f", "ff", "g", "ng", "h", "i", "j", "k", "l", "ll", "m",
    "n", "o", "p", "ph", "q", "r", "rh", "s", "t", "th", "u", "v", "w", "x", "y", "z",
];

/// The letters of one language's alphabet, in order.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Alphabet {
    /// The letters, digraphs included; `None` for a to z.
    letters: Option<&'static [&'static str]>,
}

/// A title's place in an alphabet's order (see [`Alphabet::sort_key`]).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct TitleKey {
    /// Each unit's [`Unit::code`].
    units: Vec<u32>,
    lower: String,
}

impl TitleKey {
    /// The title in lower case.
    pub(crate) fn lower(&self) -> &str {
        &self.lower
    }
}

/// A heading's place among the A to Z's headings (see
/// [`Alphabet::heading_key`]).
pub(crate) type HeadingKey<'h> = ((usize, usize), &'h str);

/// Where a title is filed: its A to Z heading and its sort key.
#[derive(Debug, Clone)]
pub(crate) struct Filed {
    pub(crate) letter: String,
    pub(crate) key: TitleKey,
}

/// A page title's place in each alphabet, worked out when first asked
/// for (see [`Alphabet::filed`]) and kept with the page.
#[derive(Debug, Clone, Default)]
pub struct Filing {
    latin: OnceLock<Filed>,
    welsh: OnceLock<Filed>,
}

/// One unit of a title as the alphabet reads it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Unit {
    /// Spaces and punctuation, which sort before everything.
    Gap,
    /// A digit.
    Digit(char),
    /// A letter of the alphabet, by its place.
    Letter(usize),
    /// Anything else, by its character.
    Other(char),
}

impl Unit {
    /// A number that sorts as the unit does: its kind in the top bits,
    /// then its character or place (a character needs 21 bits). The A to
    /// Z sorts thousands of titles on every edit in the preview, and
    /// numbers compare faster than the units do.
    fn code(&self) -> u32 {
        let (kind, value) = match *self {
            Unit::Gap => (0, 0),
            Unit::Digit(c) => (1, u32::from(c)),
            Unit::Letter(place) => (2, u32::try_from(place).unwrap_or(u32::MAX >> 2)),
            Unit::Other(c) => (3, u32::from(c)),
        };
        kind << 22 | value.min((1 << 22) - 1)
    }
}

impl Alphabet {
    /// The alphabet of `language` (a BCP 47 tag: `cy`, `cy-GB`, `en`).
    pub(crate) fn of(language: &str) -> Alphabet {
        let primary = language.split(['-', '_']).next().unwrap_or(language);
        let letters = primary.eq_ignore_ascii_case("cy").then_some(WELSH);
        Alphabet { letters }
    }

    /// The heading a title is filed under in the A to Z: its first letter
    /// (`A`, or `Ch` in Welsh), `0-9` for a digit, `#` for anything else.
    pub(crate) fn letter_of(&self, title: &str) -> String {
        let plain = plain(title);
        let first = plain.trim_start_matches(|c: char| !c.is_alphanumeric());
        let unit = self.units(first).next();
        match unit {
            Some((Unit::Letter(place), _)) => capitalise(self.letter(place)),
            Some((Unit::Digit(_), _)) => "0-9".to_string(),
            Some((Unit::Other(c), _)) => super::slug::slugify(&c.to_string())
                .and_then(|plain| plain.chars().next())
                .filter(char::is_ascii_alphabetic)
                .map_or_else(|| "#".to_string(), |p| p.to_ascii_uppercase().to_string()),
            _ => "#".to_string(),
        }
    }

    /// A key that sorts A to Z headings: `#` and then `0-9` first, then
    /// the letters in the alphabet's order. Any other text comes last, in
    /// the order of its text, so that no two different headings tie (those
    /// [`Self::letter_of`] gives never do; the A to Z's placing of edited
    /// pages relies on a total order).
    pub(crate) fn heading_key<'h>(&self, heading: &'h str) -> HeadingKey<'h> {
        (self.heading_rank(heading), heading)
    }

    /// A key that sorts titles in the alphabet's order, ignoring case and
    /// accents; ties keep the text itself, so the order is total.
    pub(crate) fn sort_key(&self, title: &str) -> TitleKey {
        let plain = plain(title);
        let units = self.units(&plain).map(|(unit, _)| unit.code());
        TitleKey {
            units: units.collect(),
            lower: title.to_lowercase(),
        }
    }

    /// Where `page`'s title is filed in this alphabet, worked out the
    /// first time it is asked for and then kept with the page.
    pub(crate) fn filed<'p>(&self, page: &'p Page) -> &'p Filed {
        let slot = match self.letters {
            Some(_) => &page.kept.filing.welsh,
            None => &page.kept.filing.latin,
        };
        slot.get_or_init(|| Filed {
            letter: self.letter_of(page.title()),
            key: self.sort_key(page.title()),
        })
    }

    fn heading_rank(&self, heading: &str) -> (usize, usize) {
        match heading {
            "#" => (0, 0),
            "0-9" => (1, 0),
            _ => match self.units(&heading.to_lowercase()).next() {
                Some((Unit::Letter(place), _)) => (2, place),
                _ => (3, 0),
            },
        }
    }

    fn letter(&self, place: usize) -> &'static str {
        match self.letters {
            Some(letters) => letters[place],
            None => LATIN[place],
        }
    }

    /// `text` (lower case, without accents) as units, each with its
    /// length, read as they are asked for: a heading needs only the first.
    fn units<'t>(&self, text: &'t str) -> impl Iterator<Item = (Unit, usize)> + 't {
        let letters = self.letters.unwrap_or(LATIN);
        let mut at = 0;
        std::iter::from_fn(move || {
            let c = text[at..].chars().next()?;
            let unit = if c.is_ascii_digit() {
                (Unit::Digit(c), 1)
            } else if c.is_alphabetic() {
                match place(letters, at, text) {
                    Some((place, len)) => (Unit::Letter(place), len),
                    None => (Unit::Other(c), c.len_utf8()),
                }
            } else if c.is_whitespace() || c.is_ascii_punctuation() {
                (Unit::Gap, c.len_utf8())
            } else {
                (Unit::Other(c), c.len_utf8())
            };
            at += unit.1;
            Some(unit)
        })
    }
}

const LATIN: &[&str] = &[
    "a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n", "o", "p", "q", "r", "s",
    "t", "u", "v", "w", "x", "y", "z",
];

/// The place in `letters` of the letter that starts at `at` in `whole`,
/// and its length: the longest letter that matches, digraphs before single
/// ones. A to z are found by their byte: titles are read for every A to Z
/// build, and trying each of 26 letters on every character of 10,000
/// titles took a tenth of a preview edit's processor time.
fn place(letters: &[&str], at: usize, whole: &str) -> Option<(usize, usize)> {
    let rest = &whole[at..];
    let first = *rest.as_bytes().first()?;
    if std::ptr::eq(letters, LATIN) {
        return first
            .is_ascii_lowercase()
            .then(|| (usize::from(first - b'a'), 1));
    }
    let mut found: Option<(usize, usize)> = None;
    for (index, letter) in letters.iter().enumerate() {
        let is_longer = found.is_none_or(|(_, len)| letter.len() > len);
        if letter.as_bytes()[0] == first
            && is_longer
            && rest.starts_with(letter)
            && !is_split_ng(letter, at, whole)
        {
            found = Some((index, letter.len()));
        }
    }
    found
}

/// Whether this "ng" is n then g: after "llan" at the start of a word.
fn is_split_ng(letter: &str, at: usize, whole: &str) -> bool {
    if letter != "ng" {
        return false;
    }
    let before = &whole[..at + 1];
    before.ends_with("llan")
        && before[..before.len() - 4]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric())
}

/// Lower case without accents: `Ŵyl` is `wyl`. ASCII text has no accents
/// to take off, and most titles are ASCII: they skip the decomposition.
fn plain(text: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    if text.is_ascii() {
        return text.to_ascii_lowercase();
    }
    text.nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .collect()
}

fn capitalise(letter: &str) -> String {
    let mut chars = letter.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cmp::Ordering;

    fn sorted(language: &str, words: &[&str]) -> Vec<String> {
        let alphabet = Alphabet::of(language);
        let mut words: Vec<String> = words.iter().map(|w| w.to_string()).collect();
        words.sort_by_cached_key(|w| alphabet.sort_key(w));
        words
    }

    #[test]
    fn different_headings_never_tie() {
        let welsh = Alphabet::of("cy");
        let compare = |a, b| welsh.heading_key(a).cmp(&welsh.heading_key(b));
        // Borrowed letters are letters of the Welsh alphabet.
        assert_eq!(compare("K", "Z"), Ordering::Less);
        assert_eq!(compare("Y", "Z"), Ordering::Less);
        // Text that is no heading of the alphabet comes last, by its text.
        assert_eq!(compare("Ω", "Б"), Ordering::Less);
        assert_eq!(compare("Б", "Ω"), Ordering::Greater);
        assert_eq!(compare("Z", "Б"), Ordering::Less);
    }

    #[test]
    fn unit_codes_sort_as_the_units_do() {
        let units = [
            Unit::Gap,
            Unit::Digit('0'),
            Unit::Digit('9'),
            Unit::Letter(0),
            Unit::Letter(7),
            Unit::Letter(33),
            Unit::Other('\u{1}'),
            Unit::Other('ß'),
            Unit::Other('\u{10FFFF}'),
        ];
        for a in &units {
            for b in &units {
                assert_eq!(a.code().cmp(&b.code()), a.cmp(b), "{a:?} and {b:?}");
            }
        }
    }

    #[test]
    fn a_page_is_filed_apart_in_each_alphabet() {
        let source = crate::content::Source {
            path: "chwarae.md".into(),
            text: "---\ntitle: Chwarae\n---\n".into(),
        };
        let parsed = super::super::parse_one(source, "chwarae.md".into(), &[]);
        let (page, _) = parsed.expect("the page parses");
        let (welsh, english) = (Alphabet::of("cy"), Alphabet::of("en"));
        assert_eq!(welsh.filed(&page).letter, "Ch");
        assert_eq!(english.filed(&page).letter, "C");
        assert_eq!(welsh.filed(&page).key, welsh.sort_key("Chwarae"));
        assert_ne!(english.filed(&page).key, welsh.filed(&page).key);
    }

    #[test]
    fn welsh_digraphs_sort_as_single_letters() {
        let words = [
            "Llais", "Lol", "Chwarae", "Cymru", "Dda", "Dysgu", "Ffordd", "Fy", "Rhaglen", "Rwan",
            "Thema", "Tymor", "Phoebe", "Pwy", "Ngwaith", "Nodyn", "Gwaith", "Hen",
        ];
        assert_eq!(
            sorted("cy", &words),
            [
                "Cymru", "Chwarae", "Dysgu", "Dda", "Fy", "Ffordd", "Gwaith", "Ngwaith", "Hen",
                "Lol", "Llais", "Nodyn", "Pwy", "Phoebe", "Rwan", "Rhaglen", "Tymor", "Thema"
            ]
        );
    }

    #[test]
    fn accents_and_case_do_not_move_a_title_and_letters_file_by_their_plain_form() {
        let words = [
            "Zest",
            "éclair",
            "Eel",
            "Ångström",
            "apple",
            "10 ways",
            "Ŵyl",
            "wave",
        ];
        assert_eq!(
            sorted("en", &words),
            [
                "10 ways",
                "Ångström",
                "apple",
                "éclair",
                "Eel",
                "wave",
                "Ŵyl",
                "Zest"
            ]
        );
        let alphabet = Alphabet::of("en");
        let letters: Vec<String> = words.iter().map(|w| alphabet.letter_of(w)).collect();
        assert_eq!(letters, ["Z", "E", "E", "A", "A", "0-9", "W", "W"]);
        // ASCII titles skip the decomposition; they read as if they had not.
        for title in ["Grief Walks", "A-Z of CARE", "10 Ways", "Zest"] {
            let decomposed: String = title.chars().flat_map(char::to_lowercase).collect();
            assert_eq!(plain(title), decomposed);
        }
    }

    #[test]
    fn english_keeps_the_letters_a_to_z() {
        assert_eq!(
            sorted("en-GB", &["Llama", "Lol", "Chair", "Cymru"]),
            ["Chair", "Cymru", "Llama", "Lol"]
        );
    }

    #[test]
    fn digraphs_inside_words_count_too() {
        assert_eq!(sorted("cy", &["Bydd", "Bydw"]), ["Bydw", "Bydd"]);
        // ng comes before n: "angen" (a, ng) before "anfon" (a, n).
        assert_eq!(sorted("cy", &["anfon", "angen"]), ["angen", "anfon"]);
        assert_eq!(sorted("en", &["angen", "anfon"]), ["anfon", "angen"]);
    }

    #[test]
    fn llan_place_names_read_n_then_g() {
        // n+g: "Llangollen" comes before "Llanhari" (g before h); read as
        // ng it would come after it.
        assert_eq!(
            sorted("cy", &["Llanhari", "Llangollen"]),
            ["Llangollen", "Llanhari"]
        );
    }

    #[test]
    fn headings_show_welsh_letters() {
        let welsh = Alphabet::of("cy");
        assert_eq!(welsh.letter_of("Chwarae teg"), "Ch");
        assert_eq!(welsh.letter_of("Llwybrau"), "Ll");
        assert_eq!(welsh.letter_of("“Rhannu”"), "Rh");
        assert_eq!(welsh.letter_of("Ŵyl"), "W");
        assert_eq!(welsh.letter_of("2026"), "0-9");
        assert_eq!(welsh.letter_of("…"), "#");
        assert_eq!(Alphabet::of("en").letter_of("Chwarae"), "C");
        let mut headings = vec!["D", "Ch", "Dd", "C", "0-9", "#"];
        headings.sort_by_key(|heading| welsh.heading_key(heading));
        assert_eq!(headings, ["#", "0-9", "C", "Ch", "D", "Dd"]);
    }
}
