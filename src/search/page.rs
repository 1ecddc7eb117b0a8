//! One page -> everything the index needs from it: its fragment (the JSON
//! record the browser shows as a result), its filters, sort keys and
//! metadata fields, and its postings (where each word stands on the page),
//! already packed and CBOR-encoded as Pagefind's index chunks hold them.
//!
//! Everything here depends on the page alone, so pages are read in
//! parallel; only the page numbers and the file names are given later,
//! when all pages are known.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::sync::{Arc, OnceLock};

use hashbrown::HashMap;
use regex::Regex;
use serde::Serialize;
use sha1::{Digest as _, Sha1};

use super::cbor;
use super::html::{self, normalize_content, Dom};
use super::words::{Interner, Stems};

/// Postings are grouped by a hash of their word into this many shards, so
/// that all pages' postings can be merged word by word in parallel.
pub(super) const SHARDS: usize = 16;

/// The default weight of a word (1.0, in Pagefind's steps of 1/24).
const DEFAULT_WEIGHT: u8 = 24;
const WEIGHT_STEPS: f32 = 24.0;
const MAX_WEIGHT: f32 = 10.0;

/// A page, read.
#[derive(Debug, Clone)]
pub(super) struct Page {
    pub language: String,
    pub has_custom_body: bool,
    /// Whether any word was found: pages without words are left out.
    pub has_words: bool,
    pub word_count: u32,
    /// The fragment, and the SHA-1 of its JSON as Pagefind writes it.
    pub fragment: Fragment,
    pub fragment_sha: String,
    pub filters: BTreeMap<String, Vec<String>>,
    pub sort: BTreeMap<String, String>,
    /// The page's metadata fields, sorted: they number its meta postings.
    pub meta_fields: Vec<String>,
    pub postings: Postings,
}

/// A fragment's JSON, or the JSON already gzipped (for a page that is
/// certain to be indexed, so that compressing happens in parallel too).
#[derive(Debug, Clone)]
pub(super) enum Fragment {
    Json(String),
    Gzipped(Vec<u8>),
}

/// Where one word stands on one page, CBOR-encoded in the page's
/// [`Postings::bytes`]: its array of locations (positions, with weight
/// changes) at `start..meta`, then its array of locations in metadata
/// fields at `meta..end`.
#[derive(Debug, Clone, Copy)]
pub(super) struct Span {
    pub start: u32,
    pub meta: u32,
    pub end: u32,
}

/// A word's postings on the page, under its plain (accent-free) form: a
/// [`Span`] whose start is where the word before ends, so that the
/// millions of these a large site holds take 12 bytes each. An empty span
/// means the page has only accented forms of the word.
#[derive(Debug, Clone)]
pub(super) struct WordPostings {
    /// The word's number in its shard of the [`Interner`].
    pub word: u32,
    meta: u32,
    end: u32,
}

/// Postings of an accented form of a word on the page.
#[derive(Debug, Clone)]
pub(super) struct VariantPostings {
    /// The word, as an index into [`Postings::words`].
    pub word: u32,
    pub form: Arc<str>,
    pub span: Span,
}

#[derive(Debug, Default, Clone)]
pub(super) struct Postings {
    /// The plain forms' postings, word after word, then the accented
    /// forms'.
    pub bytes: Vec<u8>,
    /// Sorted by shard: shard `s` is `words[shards[s]..shards[s + 1]]`.
    pub words: Vec<WordPostings>,
    pub shards: [u32; SHARDS + 1],
    /// In Pagefind's order within a word (the forms found in the text,
    /// sorted, then those found only in metadata, sorted).
    pub variants: Vec<VariantPostings>,
}

impl Postings {
    /// Where `words[i]` stands in its plain form, if the page has it.
    pub fn span(&self, i: usize) -> Option<Span> {
        let start = match i.checked_sub(1) {
            Some(before) => self.words[before].end,
            None => 0,
        };
        let WordPostings { meta, end, .. } = self.words[i];
        (end > start).then_some(Span { start, meta, end })
    }
}

#[derive(Serialize)]
struct Anchor {
    element: String,
    id: String,
    text: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    title: Option<String>,
    location: u32,
}

/// The fragment: the fields and their order are Pagefind's.
#[derive(Serialize)]
struct FragmentData<'a> {
    url: &'a str,
    content: &'a str,
    word_count: usize,
    filters: &'a BTreeMap<String, Vec<String>>,
    meta: &'a BTreeMap<String, String>,
    anchors: &'a [Anchor],
}

/// One occurrence of a word (its stem, numbered by the [`Stems`]).
#[derive(Debug, Clone, Copy)]
struct Position {
    stem: u32,
    position: u32,
    weight: u8,
    /// The accented form, if it differs.
    original: Option<u32>,
}

/// One occurrence of a word in a metadata value.
#[derive(Debug, Clone, Copy)]
struct MetaPosition {
    stem: u32,
    field: u16,
    position: u32,
    original: Option<u32>,
}

/// The stemming caches of one worker, one per language.
#[derive(Default)]
pub(super) struct Caches {
    by_language: HashMap<String, Stems>,
}

impl Caches {
    fn stems(&mut self, language: &str) -> &mut Stems {
        self.by_language
            .entry_ref(language)
            .or_insert_with(|| Stems::new(language))
    }
}

/// Reads one page. `gzip` compresses a fragment.
pub(super) fn read(
    html: &str,
    url: String,
    excluded: &[&str],
    caches: &mut Caches,
    interner: &Interner,
    gzip: impl FnOnce(&[u8]) -> Vec<u8>,
) -> Result<Page, String> {
    let mut dom = html::read(html, excluded);
    let stems = caches.stems(&dom.language);
    let digest = Digest::of(&dom, stems);
    tidy(&mut dom);
    let meta_fields: Vec<String> = dom.meta.keys().cloned().collect();
    let meta_words = meta_words(&dom.meta, stems);

    let json = serde_json::to_string(&FragmentData {
        url: &url,
        content: &digest.content,
        word_count: digest.word_count,
        filters: &dom.filters,
        meta: &dom.meta,
        anchors: &digest.anchors,
    })
    .map_err(|error| error.to_string())?;
    let fragment_sha = hex_sha1(json.as_bytes());
    let has_words = !digest.words.is_empty();
    let postings = postings(digest.words, meta_words, stems, interner);
    // A page with its own body is indexed for sure.
    let fragment = if dom.has_custom_body && has_words {
        Fragment::Gzipped(gzip(json.as_bytes()))
    } else {
        Fragment::Json(json)
    };
    Ok(Page {
        language: dom.language,
        has_custom_body: dom.has_custom_body,
        has_words,
        word_count: u32::try_from(digest.word_count).unwrap_or(u32::MAX),
        fragment,
        fragment_sha,
        filters: dom.filters,
        sort: dom.sort,
        meta_fields,
        postings,
    })
}

/// SHA-1 in hex as Pagefind writes it: each byte without a leading zero.
pub(super) fn hex_sha1(bytes: &[u8]) -> String {
    let mut hex = String::with_capacity(40);
    for byte in Sha1::digest(bytes) {
        let _ = write!(hex, "{byte:x}");
    }
    hex
}

/// The page's text split into words.
struct Digest {
    content: String,
    /// Every occurrence of every word, in page order.
    words: Vec<Position>,
    anchors: Vec<Anchor>,
    word_count: usize,
}

impl Digest {
    fn of(dom: &Dom, stems: &mut Stems) -> Digest {
        let mut content = String::with_capacity(dom.digest.len());
        let mut words: Vec<Position> = Vec::with_capacity(dom.digest.len() / 5);
        let mut anchors = Vec::new();
        let mut weights: Vec<u8> = vec![DEFAULT_WEIGHT];
        let mut index: u32 = 0;
        let mut last_index: u32 = 0;
        // Zero-width spaces are no part of words.
        let has_zero_width_spaces = dom.digest.contains('\u{200B}');
        for word in html::words(&dom.digest) {
            if word.starts_with('_') {
                if word.starts_with("___PAGEFIND_ANCHOR___") {
                    anchor(dom, word, index, &mut anchors);
                    continue;
                }
                if word.starts_with("___PAGEFIND_WEIGHT___") {
                    let weight = parse_weight(word, "___PAGEFIND_WEIGHT___");
                    weights.push(if weight <= 0.0 {
                        0
                    } else {
                        ((weight.clamp(0.0, MAX_WEIGHT) * WEIGHT_STEPS) as u8).max(1)
                    });
                    continue;
                }
                // Headings weigh more, unless inside an element weighted
                // on purpose.
                if word.starts_with("___PAGEFIND_AUTO_WEIGHT___") {
                    if weights.len() == 1 {
                        let weight = parse_weight(word, "___PAGEFIND_AUTO_WEIGHT___");
                        weights.push((weight.clamp(0.0, MAX_WEIGHT) * WEIGHT_STEPS) as u8);
                    } else {
                        weights.push(weights.last().copied().unwrap_or_default());
                    }
                    continue;
                }
                if word.starts_with("___END_PAGEFIND_WEIGHT___") {
                    weights.pop();
                    continue;
                }
            }
            let base = if has_zero_width_spaces && word.contains('\u{200B}') {
                std::borrow::Cow::Owned(word.replace('\u{200B}', ""))
            } else {
                std::borrow::Cow::Borrowed(word)
            };
            if base.is_empty() {
                continue;
            }
            content.push_str(&base);
            content.push(' ');
            let weight = weights.last().copied().unwrap_or(1);
            let terms = stems.body_terms(&base);
            let parts = terms.iter().filter(|t| t.is_part).count();
            let part_weight = if parts > 0 && weight > 0 {
                (weight / u8::try_from(parts).unwrap_or(u8::MAX)).max(1)
            } else {
                0
            };
            for term in terms {
                words.push(Position {
                    stem: term.stem,
                    position: index,
                    weight: if term.is_part { part_weight } else { weight },
                    original: term.original,
                });
            }
            last_index = index;
            index += 1;
        }
        if content.ends_with(' ') {
            content.pop();
        }
        Digest {
            content,
            words,
            anchors,
            word_count: last_index as usize + 1,
        }
    }
}

fn parse_weight(word: &str, marker: &str) -> f32 {
    without(word, marker).parse::<f32>().unwrap_or(1.0)
}

/// `word` without `marker` anywhere in it (it most often starts it, once).
fn without<'w>(word: &'w str, marker: &str) -> std::borrow::Cow<'w, str> {
    match word.strip_prefix(marker) {
        Some(rest) if !rest.contains(marker) => std::borrow::Cow::Borrowed(rest),
        _ => std::borrow::Cow::Owned(word.replace(marker, "")),
    }
}

/// An anchor marker `___PAGEFIND_ANCHOR___h2:3:why` -> an anchor at the
/// current word.
fn anchor(dom: &Dom, word: &str, location: u32, anchors: &mut Vec<Anchor>) {
    let marker = without(word, "___PAGEFIND_ANCHOR___");
    let Some((element, anchor_id)) = marker.split_once(':') else {
        return;
    };
    let text = dom
        .anchor_content
        .get(anchor_id)
        .map(|text| normalize_content(text))
        .unwrap_or_default();
    let title = dom.anchor_titles.get(anchor_id).cloned();
    if let Some((_, id)) = anchor_id.split_once(':') {
        anchors.push(Anchor {
            element: element.to_string(),
            id: id.to_string(),
            text: normalize_content(&text),
            location,
            title,
        });
    }
}

/// Drops Pagefind's markers from filter and metadata values (they get there
/// when a value is taken from an element's text).
fn tidy(dom: &mut Dom) {
    static MARKER: OnceLock<Regex> = OnceLock::new();
    let marker =
        MARKER.get_or_init(|| Regex::new(r"___PAGEFIND_[\S]+\s?").expect("a valid pattern"));
    let clean = |value: &mut String| {
        if value.contains("___PAGEFIND_") {
            *value = marker.replace_all(value, "").into_owned();
        }
    };
    dom.filters.values_mut().flatten().for_each(clean);
    dom.meta.values_mut().for_each(clean);
}

/// The words of the metadata values, with the field (numbered in the
/// page's sorted field order) and position within the value.
fn meta_words(meta: &BTreeMap<String, String>, stems: &mut Stems) -> Vec<MetaPosition> {
    let mut words = Vec::new();
    for (field, value) in meta.values().enumerate() {
        for (position, word) in value.split_whitespace().enumerate() {
            for term in stems.meta_terms(word) {
                words.push(MetaPosition {
                    stem: term.stem,
                    field: u16::try_from(field).unwrap_or(u16::MAX),
                    position: u32::try_from(position).unwrap_or(u32::MAX),
                    original: term.original,
                });
            }
        }
    }
    words
}

/// Body and metadata locations of one word (or one accented form) on the
/// page.
#[derive(Default)]
struct Locations {
    locs: Option<Vec<i32>>,
    meta: Option<Vec<i32>>,
}

/// One word's occurrences: ranges of the grouped body and meta positions.
struct Group {
    stem: u32,
    body: std::ops::Range<usize>,
    meta: std::ops::Range<usize>,
}

/// Groups the occurrences by word, each group in page order (positions
/// only grow, and metadata comes field by field), without sorting: a
/// counting pass numbers the words, a second one places each occurrence.
fn group(
    body: &[Position],
    meta: &[MetaPosition],
    slots: &mut Vec<u32>,
) -> (Vec<Position>, Vec<MetaPosition>, Vec<Group>) {
    const NONE: u32 = u32::MAX;
    let mut groups: Vec<(u32, usize, usize)> = Vec::new();
    let mut slot_of = |stem: u32, groups: &mut Vec<(u32, usize, usize)>| -> usize {
        let at = stem as usize;
        if at >= slots.len() {
            slots.resize(at + 1, NONE);
        }
        if slots[at] == NONE {
            slots[at] = groups.len() as u32;
            groups.push((stem, 0, 0));
        }
        slots[at] as usize
    };
    for position in body {
        let slot = slot_of(position.stem, &mut groups);
        groups[slot].1 += 1;
    }
    for position in meta {
        let slot = slot_of(position.stem, &mut groups);
        groups[slot].2 += 1;
    }
    let mut body_at = Vec::with_capacity(groups.len());
    let mut meta_at = Vec::with_capacity(groups.len());
    let (mut b, mut m) = (0, 0);
    let mut ranges = Vec::with_capacity(groups.len());
    for &(stem, body_count, meta_count) in &groups {
        body_at.push(b);
        meta_at.push(m);
        ranges.push(Group {
            stem,
            body: b..b + body_count,
            meta: m..m + meta_count,
        });
        b += body_count;
        m += meta_count;
    }
    let mut grouped_body = body.to_vec();
    for position in body {
        let slot = slots[position.stem as usize] as usize;
        grouped_body[body_at[slot]] = *position;
        body_at[slot] += 1;
    }
    let mut grouped_meta = meta.to_vec();
    for position in meta {
        let slot = slots[position.stem as usize] as usize;
        grouped_meta[meta_at[slot]] = *position;
        meta_at[slot] += 1;
    }
    for &(stem, _, _) in &groups {
        slots[stem as usize] = NONE;
    }
    (grouped_body, grouped_meta, ranges)
}

/// Packs the page's words into postings, sorted into shards.
fn postings(
    body: Vec<Position>,
    meta: Vec<MetaPosition>,
    stems: &mut Stems,
    interner: &Interner,
) -> Postings {
    let (body, meta, groups) = group(&body, &meta, stems.scratch());
    let groups = by_shard(groups, stems, interner);
    let mut postings = Postings::default();
    postings.bytes.reserve(body.len() * 2 + 64);
    postings.words.reserve_exact(groups.len());
    // The accented forms of each word (by its index in `words`), written
    // after all plain forms.
    let mut accented: Vec<(u32, Vec<(u32, Locations)>)> = Vec::new();
    let mut packed = (Vec::new(), Vec::new());
    let mut shard_at = 0;
    for (i, ((shard, word), group)) in groups.into_iter().flatten().enumerate() {
        let shard = usize::from(shard);
        while shard_at < shard {
            shard_at += 1;
            postings.shards[shard_at] = i as u32;
        }
        let positions = (&body[group.body], &meta[group.meta]);
        let (span, forms) = write_word(&mut postings.bytes, positions, stems, &mut packed);
        if let Some(forms) = forms {
            accented.push((i as u32, forms));
        }
        let (meta, end) = span;
        postings.words.push(WordPostings { word, meta, end });
    }
    while shard_at < SHARDS {
        shard_at += 1;
        postings.shards[shard_at] = postings.words.len() as u32;
    }
    for (word, forms) in accented {
        for (form, locations) in forms {
            postings.variants.push(VariantPostings {
                word,
                form: Arc::clone(stems.text(form)),
                span: locations.encode(&mut postings.bytes),
            });
        }
    }
    // Held until every page is read: no room to spare.
    postings.bytes.shrink_to_fit();
    postings
}

/// The page's word groups, each with its word's (shard, number), in shard
/// order (the order within one does not matter), so that the merge, shard
/// by shard, reads each page's bytes in one stretch. Every slot is filled.
#[allow(clippy::type_complexity)]
fn by_shard(
    groups: Vec<Group>,
    stems: &mut Stems,
    interner: &Interner,
) -> Vec<Option<((u8, u32), Group)>> {
    let mut counts = [0usize; SHARDS + 1];
    let mut interned: Vec<((u8, u32), Group)> = groups
        .into_iter()
        .map(|group| {
            let word = stems.interned(group.stem, interner);
            counts[usize::from(word.0) + 1] += 1;
            (word, group)
        })
        .collect();
    for shard in 1..=SHARDS {
        counts[shard] += counts[shard - 1];
    }
    let mut slots: Vec<Option<((u8, u32), Group)>> = Vec::new();
    slots.resize_with(interned.len(), || None);
    for entry in interned.drain(..) {
        let shard = usize::from((entry.0).0);
        slots[counts[shard]] = Some(entry);
        counts[shard] += 1;
    }
    slots
}

/// Writes a word's plain form's postings to `bytes`: its (meta, end),
/// and, when the word has accented forms, their locations, to be written
/// after every plain form. `packed` is room to pack locations in.
#[allow(clippy::type_complexity)]
fn write_word(
    bytes: &mut Vec<u8>,
    (here, there): (&[Position], &[MetaPosition]),
    stems: &Stems,
    packed: &mut (Vec<i32>, Vec<i32>),
) -> ((u32, u32), Option<Vec<(u32, Locations)>>) {
    let has_forms =
        here.iter().any(|p| p.original.is_some()) || there.iter().any(|p| p.original.is_some());
    if !has_forms {
        // The usual case: one plain form, written straight out.
        pack_locations(here, &mut packed.0);
        pack_meta_locations(there, &mut packed.1);
        let span = encode(bytes, &packed.0, &packed.1);
        return ((span.meta, span.end), None);
    }
    let (plain, forms) = word_forms(here, there, stems, &mut packed.0);
    if plain.locs.is_some() || plain.meta.is_some() {
        let span = plain.encode(bytes);
        ((span.meta, span.end), Some(forms))
    } else {
        // No plain form: an empty span.
        let here = bytes.len() as u32;
        ((here, here), Some(forms))
    }
}

/// Positions of a word's accented forms, grouped by form (its number and
/// positions) in the order of the forms' texts, as Pagefind orders them.
fn by_form<'t, P>(
    accented: Vec<P>,
    original: impl Fn(&P) -> Option<u32>,
    text: impl Fn(u32) -> &'t str,
) -> Vec<(u32, Vec<P>)> {
    let mut by_form: BTreeMap<&str, (u32, Vec<P>)> = BTreeMap::new();
    for position in accented {
        let form = original(&position).unwrap_or_default();
        by_form
            .entry(text(form))
            .or_insert((form, Vec::new()))
            .1
            .push(position);
    }
    by_form.into_values().collect()
}

/// A word with accented forms: its plain locations, and each form's in
/// Pagefind's order (forms in the text, sorted, then forms only in
/// metadata, sorted).
fn word_forms(
    body: &[Position],
    meta: &[MetaPosition],
    stems: &Stems,
    packed: &mut Vec<i32>,
) -> (Locations, Vec<(u32, Locations)>) {
    let text = |number: u32| stems.text(number).as_ref();
    let mut plain = Locations::default();
    let mut forms: Vec<(u32, Locations)> = Vec::new();

    let (words, accented): (Vec<Position>, Vec<Position>) =
        body.iter().partition(|p| p.original.is_none());
    if !words.is_empty() {
        pack_locations(&words, packed);
        plain.locs = Some(packed.clone());
    }
    for (form, positions) in by_form(accented, |p| p.original, text) {
        pack_locations(&positions, packed);
        let locations = Locations {
            locs: Some(packed.clone()),
            meta: None,
        };
        forms.push((form, locations));
    }

    let (words, accented): (Vec<MetaPosition>, Vec<MetaPosition>) =
        meta.iter().partition(|p| p.original.is_none());
    if !words.is_empty() {
        pack_meta_locations(&words, packed);
        plain.meta = Some(packed.clone());
    }
    for (form, positions) in by_form(accented, |p| p.original, text) {
        pack_meta_locations(&positions, packed);
        match forms.iter_mut().find(|(known, _)| *known == form) {
            Some((_, known)) => known.meta = Some(packed.clone()),
            None => forms.push((
                form,
                Locations {
                    locs: None,
                    meta: Some(packed.clone()),
                },
            )),
        }
    }
    (plain, forms)
}

impl Locations {
    fn encode(&self, bytes: &mut Vec<u8>) -> Span {
        let locs = self.locs.as_deref().unwrap_or_default();
        let meta = self.meta.as_deref().unwrap_or_default();
        encode(bytes, locs, meta)
    }
}

/// Appends one word's packed body and meta locations to `bytes`, as CBOR.
fn encode(bytes: &mut Vec<u8>, locs: &[i32], meta: &[i32]) -> Span {
    let start = bytes.len() as u32;
    cbor::ints(bytes, locs);
    let meta_start = bytes.len() as u32;
    cbor::ints(bytes, meta);
    Span {
        start,
        meta: meta_start,
        end: bytes.len() as u32,
    }
}

/// Positions (in page order), grouped by weight (the implied weight
/// first) and given as differences from the one before. A negative number
/// `-w - 1` switches to weight `w`; the position after it is given in full.
fn pack_locations(positions: &[Position], packed: &mut Vec<i32>) {
    const IMPLIED_WEIGHT: u8 = 25;
    packed.clear();
    let group = |p: &Position| {
        if p.weight == IMPLIED_WEIGHT {
            0
        } else {
            p.weight
        }
    };
    let mut sorted;
    let mut positions = positions;
    if positions.windows(2).any(|w| group(&w[0]) > group(&w[1])) {
        // By weight, then position (a stable sort keeps page order).
        sorted = positions.to_vec();
        sorted.sort_by_key(group);
        positions = &sorted;
    }
    let mut weight = IMPLIED_WEIGHT;
    let mut last = 0;
    for position in positions {
        if position.weight != weight {
            packed.push(-i32::from(position.weight) - 1);
            packed.push(position.position as i32);
            weight = position.weight;
        } else {
            packed.push(position.position.wrapping_sub(last) as i32);
        }
        last = position.position;
    }
}

/// Metadata positions, sorted by field and position: `-f - 1` starts field
/// `f`, then the positions in it as differences.
fn pack_meta_locations(positions: &[MetaPosition], packed: &mut Vec<i32>) {
    packed.clear();
    let mut field = None;
    let mut last = 0;
    for position in positions {
        if field != Some(position.field) {
            packed.push(-i32::from(position.field) - 1);
            field = Some(position.field);
            last = 0;
        }
        packed.push(position.position.wrapping_sub(last) as i32);
        last = position.position;
    }
}
