//! One page -> everything the index needs from it: its fragment (the JSON
//! record the browser shows as a result), its filters, sort keys and
//! metadata fields, and its postings (where each word stands on the page),
//! already packed and CBOR-encoded as Pagefind's index chunks hold them.
//!
//! Everything here depends on the page alone, so pages are read in
//! parallel; only the page numbers and the file names are given later,
//! when all pages are known.

use std::borrow::Cow;
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
    let meta_words = meta_words(&dom.meta, stems);
    let has_words = !digest.words.is_empty();
    let is_indexed = dom.has_custom_body && has_words;
    let (fragment, fragment_sha) = fragment(&url, &digest, &dom, is_indexed, gzip)?;
    let word_count = u32::try_from(digest.word_count).unwrap_or(u32::MAX);
    let postings = postings(digest.words, meta_words, stems, interner);
    Ok(Page {
        meta_fields: dom.meta.keys().cloned().collect(),
        language: dom.language,
        has_custom_body: dom.has_custom_body,
        has_words,
        word_count,
        fragment,
        fragment_sha,
        filters: dom.filters,
        sort: dom.sort,
        postings,
    })
}

/// The page's fragment, gzipped when the page is sure to be indexed (it
/// has its own body, and words), so that compressing happens in parallel
/// too; and the SHA-1 of its JSON.
fn fragment(
    url: &str,
    digest: &Digest,
    dom: &Dom,
    is_indexed: bool,
    gzip: impl FnOnce(&[u8]) -> Vec<u8>,
) -> Result<(Fragment, String), String> {
    let json = fragment_json(url, digest, dom)?;
    let sha = hex_sha1(json.as_bytes());
    let fragment = if is_indexed {
        Fragment::Gzipped(gzip(json.as_bytes()))
    } else {
        Fragment::Json(json)
    };
    Ok((fragment, sha))
}

/// The fragment's JSON, as Pagefind writes it.
fn fragment_json(url: &str, digest: &Digest, dom: &Dom) -> Result<String, String> {
    serde_json::to_string(&FragmentData {
        url,
        content: &digest.content,
        word_count: digest.word_count,
        filters: &dom.filters,
        meta: &dom.meta,
        anchors: &digest.anchors,
    })
    .map_err(|error| error.to_string())
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
    /// An empty digest with room for a text of `len` bytes.
    fn with_room(len: usize) -> Digest {
        Digest {
            content: String::with_capacity(len),
            words: Vec::with_capacity(len / 5),
            anchors: Vec::new(),
            word_count: 0,
        }
    }

    fn of(dom: &Dom, stems: &mut Stems) -> Digest {
        let mut digest = Digest::with_room(dom.digest.len());
        let mut weights: Vec<u8> = vec![DEFAULT_WEIGHT];
        let mut index: u32 = 0;
        let mut last_index: u32 = 0;
        let has_zero_width_spaces = dom.digest.contains('\u{200B}');
        for word in html::words(&dom.digest) {
            if word.starts_with('_') && digest.marker(dom, word, index, &mut weights) {
                continue;
            }
            let base = if has_zero_width_spaces {
                without_zero_width_spaces(word)
            } else {
                Cow::Borrowed(word)
            };
            if base.is_empty() {
                continue;
            }
            let weight = weights.last().copied().unwrap_or(1);
            digest.add_word(&base, index, weight, stems);
            last_index = index;
            index += 1;
        }
        if digest.content.ends_with(' ') {
            digest.content.pop();
        }
        digest.word_count = last_index as usize + 1;
        digest
    }

    /// Reads a word that may be one of Pagefind's markers (an anchor, or
    /// the start or end of a weight); false when it is none.
    fn marker(&mut self, dom: &Dom, word: &str, index: u32, weights: &mut Vec<u8>) -> bool {
        if word.starts_with("___PAGEFIND_ANCHOR___") {
            anchor(dom, word, index, &mut self.anchors);
        } else if word.starts_with("___PAGEFIND_WEIGHT___") {
            let weight = parse_weight(word, "___PAGEFIND_WEIGHT___");
            weights.push(if weight <= 0.0 {
                0
            } else {
                ((weight.clamp(0.0, MAX_WEIGHT) * WEIGHT_STEPS) as u8).max(1)
            });
        } else if word.starts_with("___PAGEFIND_AUTO_WEIGHT___") {
            // Headings weigh more, unless inside an element weighted on
            // purpose.
            if weights.len() == 1 {
                let weight = parse_weight(word, "___PAGEFIND_AUTO_WEIGHT___");
                weights.push((weight.clamp(0.0, MAX_WEIGHT) * WEIGHT_STEPS) as u8);
            } else {
                weights.push(weights.last().copied().unwrap_or_default());
            }
        } else if word.starts_with("___END_PAGEFIND_WEIGHT___") {
            weights.pop();
        } else {
            return false;
        }
        true
    }

    /// Adds a word at `index` to the content, and its terms at `weight`
    /// (a compound's parts share it) to the words.
    fn add_word(&mut self, word: &str, index: u32, weight: u8, stems: &mut Stems) {
        self.content.push_str(word);
        self.content.push(' ');
        let terms = stems.body_terms(word);
        let parts = terms.iter().filter(|t| t.is_part).count();
        let part_weight = if parts > 0 && weight > 0 {
            (weight / u8::try_from(parts).unwrap_or(u8::MAX)).max(1)
        } else {
            0
        };
        for term in terms {
            self.words.push(Position {
                stem: term.stem,
                position: index,
                weight: if term.is_part { part_weight } else { weight },
                original: term.original,
            });
        }
    }
}

/// `word` without its zero-width spaces, which are no part of words.
fn without_zero_width_spaces(word: &str) -> Cow<'_, str> {
    if word.contains('\u{200B}') {
        Cow::Owned(word.replace('\u{200B}', ""))
    } else {
        Cow::Borrowed(word)
    }
}

fn parse_weight(word: &str, marker: &str) -> f32 {
    without(word, marker).parse::<f32>().unwrap_or(1.0)
}

/// `word` without `marker` anywhere in it (it most often starts it, once).
fn without<'w>(word: &'w str, marker: &str) -> Cow<'w, str> {
    match word.strip_prefix(marker) {
        Some(rest) if !rest.contains(marker) => Cow::Borrowed(rest),
        _ => Cow::Owned(word.replace(marker, "")),
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

/// Marks a stem without a group in the working space of [`group`].
const NO_GROUP: u32 = u32::MAX;

/// Groups the occurrences by word, each group in page order (positions
/// only grow, and metadata comes field by field), without sorting: a
/// counting pass numbers the words, a second one places each occurrence.
/// `slots` is working space, left as it was found (all [`NO_GROUP`]).
fn group(
    body: &[Position],
    meta: &[MetaPosition],
    slots: &mut Vec<u32>,
) -> (Vec<Position>, Vec<MetaPosition>, Vec<Group>) {
    let counts = count_by_stem(body, meta, slots);
    let mut body_at = Vec::with_capacity(counts.len());
    let mut meta_at = Vec::with_capacity(counts.len());
    let mut groups = Vec::with_capacity(counts.len());
    let (mut b, mut m) = (0, 0);
    for &(stem, body_count, meta_count) in &counts {
        body_at.push(b);
        meta_at.push(m);
        groups.push(Group {
            stem,
            body: b..b + body_count,
            meta: m..m + meta_count,
        });
        b += body_count;
        m += meta_count;
    }
    let grouped_body = place(body, |p| p.stem, slots, &mut body_at);
    let grouped_meta = place(meta, |p| p.stem, slots, &mut meta_at);
    for &(stem, _, _) in &counts {
        slots[stem as usize] = NO_GROUP;
    }
    (grouped_body, grouped_meta, groups)
}

/// Numbers the stems in the order they are first met (`slots[stem]` is
/// the number), and counts each one's body and meta occurrences.
fn count_by_stem(
    body: &[Position],
    meta: &[MetaPosition],
    slots: &mut Vec<u32>,
) -> Vec<(u32, usize, usize)> {
    let mut counts: Vec<(u32, usize, usize)> = Vec::new();
    let mut slot_of = |stem: u32, counts: &mut Vec<(u32, usize, usize)>| -> usize {
        let at = stem as usize;
        if at >= slots.len() {
            slots.resize(at + 1, NO_GROUP);
        }
        if slots[at] == NO_GROUP {
            slots[at] = counts.len() as u32;
            counts.push((stem, 0, 0));
        }
        slots[at] as usize
    };
    for position in body {
        let slot = slot_of(position.stem, &mut counts);
        counts[slot].1 += 1;
    }
    for position in meta {
        let slot = slot_of(position.stem, &mut counts);
        counts[slot].2 += 1;
    }
    counts
}

/// `items` placed by stem: each at the next place of its stem's group,
/// which `at` holds by the stem's slot.
fn place<P: Copy>(
    items: &[P],
    stem: impl Fn(&P) -> u32,
    slots: &[u32],
    at: &mut [usize],
) -> Vec<P> {
    let mut placed = items.to_vec();
    for item in items {
        let slot = slots[stem(item) as usize] as usize;
        placed[at[slot]] = *item;
        at[slot] += 1;
    }
    placed
}

/// Packs the page's words into postings, sorted into shards. The
/// accented forms of a word (kept by its index in `words`) are written
/// after all plain forms.
fn postings(
    body: Vec<Position>,
    meta: Vec<MetaPosition>,
    stems: &mut Stems,
    interner: &Interner,
) -> Postings {
    let (body, meta, groups) = group(&body, &meta, stems.scratch());
    let (groups, shards) = by_shard(groups, stems, interner);
    let mut postings = Postings {
        bytes: Vec::with_capacity(body.len() * 2 + 64),
        words: Vec::with_capacity(groups.len()),
        shards,
        variants: Vec::new(),
    };
    let mut accented: Vec<(u32, Vec<(u32, Locations)>)> = Vec::new();
    let mut packed = (Vec::new(), Vec::new());
    for (i, (word, group)) in groups.into_iter().flatten().enumerate() {
        let positions = (&body[group.body], &meta[group.meta]);
        let (span, forms) = write_word(&mut postings.bytes, positions, stems, &mut packed);
        if let Some(forms) = forms {
            accented.push((i as u32, forms));
        }
        let (meta, end) = span;
        postings.words.push(WordPostings { word, meta, end });
    }
    add_variants(&mut postings, accented, stems);
    // Held until every page is read: no room to spare.
    postings.bytes.shrink_to_fit();
    postings
}

/// Writes the accented forms' postings, after every plain form's.
fn add_variants(
    postings: &mut Postings,
    accented: Vec<(u32, Vec<(u32, Locations)>)>,
    stems: &Stems,
) {
    for (word, forms) in accented {
        for (form, locations) in forms {
            postings.variants.push(VariantPostings {
                word,
                form: Arc::clone(stems.text(form)),
                span: locations.encode(&mut postings.bytes),
            });
        }
    }
}

/// The page's word groups, each with its word's number in its shard, in
/// shard order (the order within one does not matter), so that the merge,
/// shard by shard, reads each page's bytes in one stretch; and where each
/// shard starts. Every slot is filled.
fn by_shard(
    groups: Vec<Group>,
    stems: &mut Stems,
    interner: &Interner,
) -> (Vec<Option<(u32, Group)>>, [u32; SHARDS + 1]) {
    let mut starts = [0u32; SHARDS + 1];
    let mut interned: Vec<((u8, u32), Group)> = groups
        .into_iter()
        .map(|group| {
            let word = stems.interned(group.stem, interner);
            starts[usize::from(word.0) + 1] += 1;
            (word, group)
        })
        .collect();
    for shard in 1..=SHARDS {
        starts[shard] += starts[shard - 1];
    }
    let mut next = starts;
    let mut slots: Vec<Option<(u32, Group)>> = Vec::new();
    slots.resize_with(interned.len(), || None);
    for ((shard, word), group) in interned.drain(..) {
        let at = &mut next[usize::from(shard)];
        slots[*at as usize] = Some((word, group));
        *at += 1;
    }
    (slots, starts)
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
    add_meta_forms(meta, stems, packed, &mut plain, &mut forms);
    (plain, forms)
}

/// Adds a word's meta locations to its plain form's and its accented
/// forms' (after those found in the text).
fn add_meta_forms(
    meta: &[MetaPosition],
    stems: &Stems,
    packed: &mut Vec<i32>,
    plain: &mut Locations,
    forms: &mut Vec<(u32, Locations)>,
) {
    let text = |number: u32| stems.text(number).as_ref();
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

/// The weight Pagefind's packed locations start with, left unsaid.
const IMPLIED_WEIGHT: u8 = 25;

/// Positions (in page order), grouped by weight (the implied weight
/// first) and given as differences from the one before. A negative number
/// `-w - 1` switches to weight `w`; the position after it is given in full.
fn pack_locations(positions: &[Position], packed: &mut Vec<i32>) {
    packed.clear();
    let mut weight = IMPLIED_WEIGHT;
    let mut last = 0;
    for position in by_weight(positions).iter() {
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

/// Positions grouped by weight, the implied weight first, each group in
/// page order (most often they are already).
fn by_weight(positions: &[Position]) -> Cow<'_, [Position]> {
    let group = |p: &Position| {
        if p.weight == IMPLIED_WEIGHT {
            0
        } else {
            p.weight
        }
    };
    if positions.windows(2).all(|w| group(&w[0]) <= group(&w[1])) {
        return Cow::Borrowed(positions);
    }
    // A stable sort keeps page order within a weight.
    let mut sorted = positions.to_vec();
    sorted.sort_by_key(group);
    Cow::Owned(sorted)
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
