//! Read pages -> the index files of Pagefind 1.6's bundle, per language:
//! `pagefind.{hash}.pf_meta` (pages, chunks, filters, sorts, metadata
//! fields), `index/{hash}.pf_index` (the word index, cut into chunks by
//! word), `fragment/{hash}.pf_fragment` (one per page) and
//! `filter/{hash}.pf_filter` (one per filter), each CBOR or JSON, gzipped
//! after Pagefind's `pagefind_dcd` signature.
//!
//! Pages are numbered as Pagefind numbers them, in the order they come,
//! per language; names come from SHA-1 hashes of the contents, shortened
//! as Pagefind shortens them. The word index is merged from the pages'
//! postings shard by shard, and the files are encoded and compressed, in
//! parallel.

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;
use std::sync::Arc;

use hashbrown::HashMap;
use libdeflater::{CompressionLvl, Compressor};
use rayon::prelude::*;

use super::cbor;
use super::page::{hex_sha1, Fragment, Page, Span, SHARDS};

/// The version written into the metadata file: the browser code's own.
pub(super) const PAGEFIND_VERSION: &str = "1.6.0";

/// Where the word index is cut into chunks.
#[derive(Debug, Clone, Copy)]
pub(super) enum Chunking {
    /// As Pagefind cuts it: after the word that brings a chunk to this many
    /// numbers (locations, plus one per page and per accented form); only
    /// to compare with Pagefind's own output.
    #[cfg(test)]
    Locations(usize),
    /// Before the word that would take a chunk's CBOR over this many bytes
    /// (a word larger than that is a chunk on its own).
    Bytes(usize),
}

/// A file of the bundle, its path under the bundle's folder.
pub(super) type BundleFile = (String, Vec<u8>);

/// One language's index, for the entry file.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct LanguageIndex {
    pub language: String,
    pub hash: String,
    pub page_count: usize,
}

#[derive(Debug, Default)]
pub(super) struct Bundle {
    pub files: Vec<BundleFile>,
    pub languages: Vec<LanguageIndex>,
}

/// Gzips files after Pagefind's signature `pagefind_dcd` (which tells the
/// browser code whether the server already took the gzip off), with
/// libdeflate: at its fastest level it compresses as well as zlib's second
/// level, in half the time. Keeps its compressor and a buffer between
/// files.
pub(super) struct Gzip {
    compressor: Compressor,
    level: u32,
    signed: Vec<u8>,
    /// Room for the largest output, reused: what is returned is a copy of
    /// exactly the compressed length, since most of the files are held in
    /// memory until the build writes them.
    out: Vec<u8>,
}

impl Gzip {
    pub fn new(level: u32) -> Self {
        let compression = i32::try_from(level)
            .ok()
            .and_then(|level| CompressionLvl::new(level).ok())
            .unwrap_or_default();
        Gzip {
            compressor: Compressor::new(compression),
            level,
            signed: Vec::new(),
            out: Vec::new(),
        }
    }

    pub fn gzip(&mut self, bytes: &[u8]) -> Vec<u8> {
        const SIGNATURE: &[u8] = b"pagefind_dcd";
        self.signed.clear();
        self.signed.extend_from_slice(SIGNATURE);
        self.signed.extend_from_slice(bytes);
        let bound = self.compressor.gzip_compress_bound(self.signed.len());
        if self.out.len() < bound {
            self.out.resize(bound, 0);
        }
        // The buffer is large enough, so compressing cannot fail.
        let len = self
            .compressor
            .gzip_compress(&self.signed, &mut self.out)
            .unwrap_or_default();
        self.out[..len].to_vec()
    }
}

/// Gzips one file (see [`Gzip`]) with this thread's compressor.
pub(super) fn gzip(bytes: &[u8], level: u32) -> Vec<u8> {
    thread_local! {
        static GZIP: RefCell<Option<Gzip>> = const { RefCell::new(None) };
    }
    GZIP.with(|gzip| {
        let mut gzip = gzip.borrow_mut();
        match gzip.as_mut() {
            Some(gzip) if gzip.level == level => gzip.gzip(bytes),
            _ => gzip.insert(Gzip::new(level)).gzip(bytes),
        }
    })
}

/// The index files of `pages` (in the order they came, which numbers them).
/// `texts` are the words of the pages' postings, by shard and number.
pub(super) fn build(
    pages: Vec<Page>,
    texts: &[Vec<Arc<str>>],
    chunking: Chunking,
    level: u32,
) -> Bundle {
    let mut bundle = Bundle::default();
    for (language, pages) in by_language(pages) {
        let (files, index) = build_language(&language, pages, texts, chunking, level);
        bundle.files.extend(files);
        bundle.languages.push(index);
    }
    bundle
}

/// The pages to index, by language. Once any page marks its body, pages
/// that do not are left out, and so are pages without words. Pages
/// without a language join the language of most pages.
fn by_language(pages: Vec<Page>) -> BTreeMap<String, Vec<Page>> {
    let has_bodies = pages.iter().any(|page| page.has_custom_body);
    let mut by_language: BTreeMap<String, Vec<Page>> = BTreeMap::new();
    for page in pages {
        if (has_bodies && !page.has_custom_body) || !page.has_words {
            continue;
        }
        by_language
            .entry(page.language.clone())
            .or_default()
            .push(page);
    }
    let primary = by_language
        .iter()
        .filter(|(language, _)| language.as_str() != "unknown")
        .max_by(|(a, a_pages), (b, b_pages)| a_pages.len().cmp(&b_pages.len()).then(b.cmp(a)))
        .map_or_else(|| "unknown".to_string(), |(language, _)| language.clone());
    if let Some(unknown) = by_language.remove("unknown") {
        by_language.entry(primary).or_default().extend(unknown);
    }
    by_language
}

/// Shortens `hash` to `len` bytes, or more while the short form is taken;
/// Pagefind lengthens by `step` characters at a time.
fn short_hash(hash: &str, len: usize, step: usize, is_taken: impl Fn(&str) -> bool) -> String {
    let mut len = len.min(hash.len());
    while is_taken(&hash[..len]) && len < hash.len() {
        len = (len + step).min(hash.len());
    }
    hash[..len].to_string()
}

/// Names of filter and index files: each hash shortened to `len` bytes,
/// lengthened two characters at a time past names already given.
struct ShortNames {
    len: usize,
    taken: BTreeSet<String>,
}

impl ShortNames {
    fn new(len: usize) -> Self {
        ShortNames {
            len,
            taken: BTreeSet::new(),
        }
    }

    fn name(&mut self, hash: &str) -> String {
        let name = short_hash(hash, self.len, 2, |name| self.taken.contains(name));
        self.taken.insert(name.clone());
        name
    }
}

/// One language's files: a fragment per page, a file per filter, the word
/// index in chunks, and the meta file that lists them.
fn build_language(
    language: &str,
    pages: Vec<Page>,
    texts: &[Vec<Arc<str>>],
    chunking: Chunking,
    level: u32,
) -> (Vec<BundleFile>, LanguageIndex) {
    let namer = Namer {
        language,
        short: language.len() + 8,
        level,
    };
    let page_count = pages.len();
    let (mut files, meta) = index_files(&namer, pages, texts, chunking);
    let (path, bytes, hash) = meta_file(&namer, &meta);
    files.push((path, bytes));
    let index = LanguageIndex {
        language: language.to_string(),
        hash,
        page_count,
    };
    (files, index)
}

/// The files the meta file lists (fragments, filters and chunks of the
/// word index), and what it says of them.
fn index_files(
    namer: &Namer,
    mut pages: Vec<Page>,
    texts: &[Vec<Arc<str>>],
    chunking: Chunking,
) -> (Vec<BundleFile>, Meta) {
    let fields = meta_fields(&pages);
    let sorts = sorts(&pages);
    let (mut files, meta_pages) = fragment_files(namer, &mut pages);
    let (filter_files, meta_filters) = filter_files(namer, &pages);
    files.extend(filter_files);
    let words = merged_words(pages, &fields, texts);
    let (chunk_files, meta_chunks) = chunk_files(namer, words, chunking);
    files.extend(chunk_files);
    let meta = Meta {
        pages: meta_pages,
        chunks: meta_chunks,
        filters: meta_filters,
        sorts,
        fields,
    };
    (files, meta)
}

/// Every metadata field of the pages, sorted.
fn meta_fields(pages: &[Page]) -> Vec<String> {
    let fields: BTreeSet<&String> = pages.iter().flat_map(|page| &page.meta_fields).collect();
    fields.into_iter().cloned().collect()
}

/// How one language's files are named and compressed.
struct Namer<'l> {
    language: &'l str,
    /// The length of a short hash in a file name.
    short: usize,
    /// The gzip level.
    level: u32,
}

/// What the language's meta file lists.
struct Meta {
    /// Each page's fragment name and word count.
    pages: Vec<(String, u32)>,
    /// Each chunk's first and last word and name.
    chunks: Vec<(String, String, String)>,
    /// Each filter's name and file name.
    filters: Vec<(String, String)>,
    sorts: Vec<(String, Vec<usize>)>,
    fields: Vec<String>,
}

/// One fragment per page, named in page order: a name that is taken grows
/// by one. Also each page's (name, word count) for the meta file.
fn fragment_files(namer: &Namer, pages: &mut [Page]) -> (Vec<BundleFile>, Vec<(String, u32)>) {
    let level = namer.level;
    let fragments: Vec<Fragment> = pages
        .iter_mut()
        .map(|page| std::mem::replace(&mut page.fragment, Fragment::Json(String::new())))
        .collect();
    let fragments: Vec<Vec<u8>> = fragments
        .into_par_iter()
        .map(|fragment| match fragment {
            Fragment::Gzipped(bytes) => bytes,
            Fragment::Json(json) => gzip(json.as_bytes(), level),
        })
        .collect();
    let mut files = Vec::with_capacity(pages.len());
    let mut names: HashMap<String, String> = HashMap::new();
    let mut meta_pages = Vec::with_capacity(pages.len());
    for (page, bytes) in pages.iter().zip(fragments) {
        let full = format!("{}_{}", namer.language, page.fragment_sha);
        let name = short_hash(&full, namer.short, 1, |name| {
            names.get(name).is_some_and(|other| *other != full)
        });
        names.insert(name.clone(), full);
        files.push((format!("fragment/{name}.pf_fragment"), bytes));
        meta_pages.push((name, page.word_count));
    }
    (files, meta_pages)
}

/// One file per filter: page numbers by value. Also each filter's (name,
/// file name) for the meta file.
fn filter_files(namer: &Namer, pages: &[Page]) -> (Vec<BundleFile>, Vec<(String, String)>) {
    let encoded_filters: Vec<(String, Vec<u8>, String)> = filter_values(pages)
        .into_par_iter()
        .map(|(filter, values)| {
            let bytes = filter_bytes(filter, values);
            let hash = format!("{}_{}", namer.language, hex_sha1(&bytes));
            (filter.to_string(), bytes, hash)
        })
        .collect();
    let mut meta_filters = Vec::new();
    let mut names = ShortNames::new(namer.short);
    let mut filter_files = Vec::new();
    for (filter, bytes, hash) in encoded_filters {
        let name = names.name(&hash);
        filter_files.push((format!("filter/{name}.pf_filter"), bytes));
        meta_filters.push((filter, name));
    }
    let files = filter_files
        .into_par_iter()
        .map(|(path, bytes)| (path, gzip(&bytes, namer.level)))
        .collect();
    (files, meta_filters)
}

/// Each filter's values, each with the numbers of the pages that have it.
fn filter_values(pages: &[Page]) -> BTreeMap<&str, BTreeMap<&str, Vec<usize>>> {
    let mut filters: BTreeMap<&str, BTreeMap<&str, Vec<usize>>> = BTreeMap::new();
    for (number, page) in pages.iter().enumerate() {
        for (filter, values) in &page.filters {
            let filter = filters.entry(filter.as_str()).or_default();
            for value in values {
                filter.entry(value.as_str()).or_default().push(number);
            }
        }
    }
    filters
}

/// One filter's values and their page numbers, in CBOR.
fn filter_bytes(filter: &str, values: BTreeMap<&str, Vec<usize>>) -> Vec<u8> {
    let mut bytes = Vec::new();
    cbor::array(&mut bytes, 2);
    cbor::text(&mut bytes, filter);
    cbor::array(&mut bytes, values.len());
    for (value, numbers) in values {
        cbor::array(&mut bytes, 2);
        cbor::text(&mut bytes, value);
        cbor::array(&mut bytes, numbers.len());
        for number in numbers {
            cbor::uint(&mut bytes, number as u64);
        }
    }
    bytes
}

/// The words of every page, merged shard by shard, then sorted.
fn merged_words(
    pages: Vec<Page>,
    meta_fields: &[String],
    texts: &[Vec<Arc<str>>],
) -> Vec<EncodedWord> {
    let field_maps: Vec<Option<Vec<u16>>> = pages
        .iter()
        .map(|page| field_map(&page.meta_fields, meta_fields))
        .collect();
    let mut words: Vec<EncodedWord> = (0..SHARDS)
        .into_par_iter()
        .flat_map_iter(|shard| merge_shard(&pages, &field_maps, shard, &texts[shard]))
        .collect();
    words.par_sort_unstable_by(|a, b| a.word.cmp(&b.word));
    words
}

/// The word index cut into chunks, one file each. Also each chunk's
/// (first word, last word, name) for the meta file.
fn chunk_files(
    namer: &Namer,
    words: Vec<EncodedWord>,
    chunking: Chunking,
) -> (Vec<BundleFile>, Vec<(String, String, String)>) {
    let chunks = cut(&words, chunking);
    let mut meta_chunks = chunk_names(&words, &chunks);
    let encoded_chunks: Vec<(Vec<u8>, String)> = chunks
        .par_iter()
        .map(|range| {
            let bytes = chunk_bytes(&words[range.clone()]);
            let hash = format!("{}_{}", namer.language, hex_sha1(&bytes));
            (gzip(&bytes, namer.level), hash)
        })
        .collect();
    drop(words);
    let mut files = Vec::with_capacity(encoded_chunks.len());
    let mut names = ShortNames::new(namer.short);
    for ((bytes, hash), chunk) in encoded_chunks.into_iter().zip(&mut meta_chunks) {
        let name = names.name(&hash);
        files.push((format!("index/{name}.pf_index"), bytes));
        chunk.2 = name;
    }
    (files, meta_chunks)
}

/// One chunk of the word index, in CBOR.
fn chunk_bytes(words: &[EncodedWord]) -> Vec<u8> {
    let size: usize = words.iter().map(|w| w.bytes.len()).sum();
    let mut bytes = Vec::with_capacity(size + 16);
    cbor::array(&mut bytes, 1);
    cbor::array(&mut bytes, words.len());
    for word in words {
        bytes.extend_from_slice(&word.bytes);
    }
    bytes
}

/// The language's meta file: its path, gzipped bytes and hash.
fn meta_file(namer: &Namer, meta: &Meta) -> (String, Vec<u8>, String) {
    let mut bytes = Vec::new();
    cbor::array(&mut bytes, 6);
    cbor::text(&mut bytes, PAGEFIND_VERSION);
    cbor::array(&mut bytes, meta.pages.len());
    for (hash, word_count) in &meta.pages {
        cbor::array(&mut bytes, 3);
        cbor::text(&mut bytes, hash);
        cbor::uint(&mut bytes, u64::from(*word_count));
        cbor::text(&mut bytes, "");
    }
    cbor::array(&mut bytes, meta.chunks.len());
    for (from, to, hash) in &meta.chunks {
        cbor::array(&mut bytes, 3);
        cbor::text(&mut bytes, from);
        cbor::text(&mut bytes, to);
        cbor::text(&mut bytes, hash);
    }
    write_filters_sorts_and_fields(&mut bytes, meta);
    let sha = hex_sha1(&bytes);
    let hash = format!("{}_{}", namer.language, &sha[..namer.short.min(sha.len())]);
    let path = format!("pagefind.{hash}.pf_meta");
    (path, gzip(&bytes, namer.level), hash)
}

/// The meta file's last three parts: filters, sorts and fields.
fn write_filters_sorts_and_fields(bytes: &mut Vec<u8>, meta: &Meta) {
    cbor::array(bytes, meta.filters.len());
    for (filter, hash) in &meta.filters {
        cbor::array(bytes, 2);
        cbor::text(bytes, filter);
        cbor::text(bytes, hash);
    }
    cbor::array(bytes, meta.sorts.len());
    for (sort, numbers) in &meta.sorts {
        cbor::array(bytes, 2);
        cbor::text(bytes, sort);
        cbor::array(bytes, numbers.len());
        for &number in numbers {
            cbor::uint(bytes, number as u64);
        }
    }
    cbor::array(bytes, meta.fields.len());
    for field in &meta.fields {
        cbor::text(bytes, field);
    }
}

/// For each sort key, the page numbers in its order.
fn sorts(pages: &[Page]) -> Vec<(String, Vec<usize>)> {
    let keys: BTreeSet<&str> = pages
        .iter()
        .flat_map(|page| page.sort.keys().map(String::as_str))
        .collect();
    keys.into_iter()
        .map(|key| (key.to_string(), sorted_by(pages, key)))
        .collect()
}

/// The numbers of the pages that have sort key `key`, in the order of its
/// values: as numbers when every value is one, else as text.
fn sorted_by(pages: &[Page], key: &str) -> Vec<usize> {
    let mut values: Vec<(&str, usize)> = pages
        .iter()
        .enumerate()
        .filter_map(|(number, page)| page.sort.get(key).map(|v| (v.as_str(), number)))
        .collect();
    let is_numeric = values
        .iter()
        .all(|(value, _)| parse_int(value).is_some() || parse_float(value).is_some());
    if is_numeric {
        let number = |value: &str| {
            parse_int(value)
                .map(|i| i as f32)
                .unwrap_or_else(|| parse_float(value).unwrap_or_default())
        };
        values.sort_by(|a, b| number(a.0).total_cmp(&number(b.0)));
    } else {
        values.sort_by_key(|(value, _)| *value);
    }
    values.into_iter().map(|(_, n)| n).collect()
}

fn parse_int(value: &str) -> Option<i32> {
    lexical_core::parse::<i32>(value.as_bytes()).ok()
}

fn parse_float(value: &str) -> Option<f32> {
    lexical_core::parse::<f32>(value.as_bytes()).ok()
}

/// How a page's metadata field numbers become the language's, or `None`
/// when they are the same.
fn field_map(page_fields: &[String], fields: &[String]) -> Option<Vec<u16>> {
    let map: Vec<u16> = page_fields
        .iter()
        .map(|field| {
            let at = fields.binary_search(field).unwrap_or_default();
            u16::try_from(at).unwrap_or(u16::MAX)
        })
        .collect();
    let is_same = map.iter().enumerate().all(|(i, &at)| i == usize::from(at));
    (!is_same).then_some(map)
}

/// A word of the index, CBOR-encoded as it stands in a chunk.
struct EncodedWord {
    word: Arc<str>,
    bytes: Vec<u8>,
}

#[cfg(test)]
impl EncodedWord {
    /// Pagefind's measure of the word's size when it cuts the index by
    /// count, which only the tests do (to compare chunks with Pagefind's):
    /// for each page, its places and meta places plus one; and one for
    /// each accented form, plus its pages' measure.
    fn count(&self) -> usize {
        fn list(item: Option<&cbor::Item>) -> &[cbor::Item] {
            item.and_then(cbor::Item::as_array).unwrap_or_default()
        }
        fn pages(pages: Option<&cbor::Item>) -> usize {
            list(pages)
                .iter()
                .map(|page| {
                    let page = list(Some(page));
                    list(page.get(1)).len() + list(page.get(2)).len() + 1
                })
                .sum()
        }
        let item = cbor::Reader::new(&self.bytes).item();
        let word = list(item.as_ref());
        let forms = list(word.get(2));
        let form_pages: usize = forms
            .iter()
            .map(|form| pages(list(Some(form)).get(1)))
            .sum();
        pages(word.get(1)) + forms.len() + form_pages
    }
}

/// A word's pages, encoded as they come (`[page, [locations], [meta
/// locations]]`, the page numbers as differences).
#[derive(Default)]
struct Pages {
    bytes: Vec<u8>,
    len: usize,
    last: usize,
}

impl Pages {
    fn add(&mut self, number: usize, page: &Page, span: Span, field_map: Option<&[u16]>) {
        cbor::array(&mut self.bytes, 3);
        cbor::uint(&mut self.bytes, (number - self.last) as u64);
        self.last = number;
        self.len += 1;
        let source = &page.postings.bytes;
        let (start, meta, end) = (span.start as usize, span.meta as usize, span.end as usize);
        match field_map {
            None => self.bytes.extend_from_slice(&source[start..end]),
            Some(map) => {
                self.bytes.extend_from_slice(&source[start..meta]);
                remap_fields(&mut self.bytes, &source[meta..end], map);
            }
        }
    }

    fn write(&self, out: &mut Vec<u8>) {
        cbor::array(out, self.len);
        out.extend_from_slice(&self.bytes);
    }
}

#[derive(Default)]
struct MergedWord {
    pages: Pages,
    forms: Vec<(Arc<str>, Pages)>,
}

/// Merges the postings of the words in `shard` (whose texts are `texts`,
/// by number), page by page in page order (which orders each word's pages
/// and its accented forms as Pagefind does), and encodes each word.
fn merge_shard(
    pages: &[Page],
    field_maps: &[Option<Vec<u16>>],
    shard: usize,
    texts: &[Arc<str>],
) -> Vec<EncodedWord> {
    let mut merged: Vec<Option<MergedWord>> = Vec::new();
    merged.resize_with(texts.len(), || None);
    for (number, page) in pages.iter().enumerate() {
        let postings = &page.postings;
        let field_map = field_maps[number].as_deref();
        let range = postings.shards[shard] as usize..postings.shards[shard + 1] as usize;
        for i in range.clone() {
            let entry = &postings.words[i];
            let word = merged[entry.word as usize].get_or_insert_with(MergedWord::default);
            if let Some(span) = postings.span(i) {
                word.pages.add(number, page, span, field_map);
            }
        }
        for variant in &postings.variants {
            if !range.contains(&(variant.word as usize)) {
                continue;
            }
            let id = postings.words[variant.word as usize].word;
            let Some(word) = merged[id as usize].as_mut() else {
                continue;
            };
            let at = match word
                .forms
                .iter()
                .position(|(form, _)| *form == variant.form)
            {
                Some(at) => at,
                None => {
                    word.forms
                        .push((Arc::clone(&variant.form), Pages::default()));
                    word.forms.len() - 1
                }
            };
            word.forms[at].1.add(number, page, variant.span, field_map);
        }
    }
    merged
        .into_iter()
        .zip(texts)
        .filter_map(|(merged, text)| {
            let mut merged = merged?;
            limit_size(&mut merged);
            let size = merged.pages.bytes.len() + text.len() + 16;
            let mut bytes = Vec::with_capacity(size);
            cbor::array(&mut bytes, 3);
            cbor::text(&mut bytes, text);
            merged.pages.write(&mut bytes);
            cbor::array(&mut bytes, merged.forms.len());
            for (form, pages) in &merged.forms {
                cbor::array(&mut bytes, 2);
                cbor::text(&mut bytes, form);
                pages.write(&mut bytes);
            }
            Some(EncodedWord {
                word: Arc::clone(text),
                bytes,
            })
        })
        .collect()
}

/// The most bytes of CBOR one word's entry may take in the index, before
/// compression (about half that after). Only the commonest words of a
/// large site reach it: `the` on the 10,000-page benchmark would take
/// 0.8 MB, and a search for it would download a third of a megabyte.
const WORD_LIMIT: usize = 192 * 1024;

/// Keeps a word's entry under [`WORD_LIMIT`] by storing fewer of its
/// places on each page: of each weight's places (body text, headings, ...),
/// only the first 32, then 16, and so on down to one, while it is still
/// too large. Every page keeps the word at every weight it has there, so
/// no result is lost and a heading still counts as a heading. Ranking
/// hardly changes: such a word is on so many pages that it counts for
/// little in a page's score, and a page's score grows ever more slowly
/// with a word's count. An excerpt shows the word's first places.
fn limit_size(word: &mut MergedWord) {
    let lists = || std::iter::once(&word.pages).chain(word.forms.iter().map(|(_, p)| p));
    if lists().map(|pages| pages.bytes.len()).sum::<usize>() <= WORD_LIMIT {
        return;
    }
    // The entry's size at each cap, worked out in one reading, so that it
    // is re-encoded once, at the largest cap that fits (or the smallest).
    let mut sizes = [0; CAPS.len()];
    for pages in lists() {
        pages.add_capped_sizes(&mut sizes);
    }
    let cap = CAPS
        .iter()
        .zip(sizes)
        .find(|&(_, size)| size <= WORD_LIMIT)
        .map_or(1, |(&cap, _)| cap);
    word.pages = word.pages.capped(cap);
    for (_, pages) in &mut word.forms {
        *pages = pages.capped(cap);
    }
}

/// How many places of each weight a page may keep, tried in turn.
const CAPS: [usize; 6] = [32, 16, 8, 4, 2, 1];

/// One page of a word's [`Pages`], as [`Pages::add`] writes it: `[page,
/// [places], [meta places]]`. Ranges are into the pages' bytes.
#[derive(Default)]
struct Entry {
    /// The array's head and the page number.
    head: Range<usize>,
    places: Vec<Place>,
    /// The meta places, array and all.
    meta: Range<usize>,
}

/// A place of an [`Entry`]: its bytes, and its rank among its weight's
/// places (`None` for a weight, which starts a new group).
struct Place {
    bytes: Range<usize>,
    rank: Option<usize>,
}

impl Place {
    /// Whether capping at `cap` places of each weight keeps this one.
    fn is_kept(&self, cap: usize) -> bool {
        self.rank.is_none_or(|rank| rank < cap)
    }
}

impl Pages {
    /// Reads each page's entry in turn; false if the bytes are not as
    /// [`Pages::add`] writes them.
    fn each_entry(&self, mut each: impl FnMut(&Entry)) -> bool {
        let mut reader = cbor::Reader::new(&self.bytes);
        let mut entry = Entry::default();
        for _ in 0..self.len {
            let start = reader.position();
            let (Some(3), Some(_)) = (reader.array(), reader.int()) else {
                return false;
            };
            entry.head = start..reader.position();
            let Some(len) = reader.array() else {
                return false;
            };
            entry.places.clear();
            let mut rank = 0;
            for _ in 0..len {
                let at = reader.position();
                let Some(place) = reader.int() else { break };
                let is_weight = place < 0;
                entry.places.push(Place {
                    bytes: at..reader.position(),
                    rank: (!is_weight).then_some(rank),
                });
                rank = if is_weight { 0 } else { rank + 1 };
            }
            let meta_start = reader.position();
            for _ in 0..reader.array().unwrap_or_default() {
                reader.int();
            }
            entry.meta = meta_start..reader.position();
            each(&entry);
        }
        true
    }

    /// Adds to `sizes` the bytes these pages would take as
    /// [`Pages::capped`] at each of [`CAPS`].
    fn add_capped_sizes(&self, sizes: &mut [usize; CAPS.len()]) {
        let mut capped = [0; CAPS.len()];
        let is_read = self.each_entry(|entry| {
            for (size, &cap) in capped.iter_mut().zip(&CAPS) {
                let kept = entry.places.iter().filter(|place| place.is_kept(cap));
                let (count, bytes) = kept.fold((0, 0), |(count, bytes), place| {
                    (count + 1, bytes + place.bytes.len())
                });
                *size += entry.head.len() + cbor::head_len(count as u64) + bytes + entry.meta.len();
            }
        });
        for (size, capped) in sizes.iter_mut().zip(capped) {
            // Pages not as `add` writes them are left as they are.
            *size += if is_read { capped } else { self.bytes.len() };
        }
    }

    /// These pages with at most `cap` places of each weight on each. A
    /// page's places are grouped by weight: each group but the first
    /// starts with its weight (a negative number), then its first place,
    /// then each next one as a difference; so each group's first `cap`
    /// places stay as they are.
    fn capped(&self, cap: usize) -> Pages {
        let mut out = Pages {
            bytes: Vec::with_capacity(self.bytes.len()),
            len: self.len,
            last: self.last,
        };
        let is_read = self.each_entry(|entry| {
            let kept = || entry.places.iter().filter(|place| place.is_kept(cap));
            let count = kept().count();
            out.bytes.extend_from_slice(&self.bytes[entry.head.clone()]);
            cbor::array(&mut out.bytes, count);
            for place in kept() {
                out.bytes
                    .extend_from_slice(&self.bytes[place.bytes.clone()]);
            }
            out.bytes.extend_from_slice(&self.bytes[entry.meta.clone()]);
        });
        if !is_read {
            // Not as `add` writes it: left as it was.
            out.bytes = self.bytes.clone();
        }
        out
    }
}

/// Re-encodes meta locations with the language's field numbers.
fn remap_fields(out: &mut Vec<u8>, encoded: &[u8], map: &[u16]) {
    let mut reader = cbor::Reader::new(encoded);
    let len = reader.array().unwrap_or_default();
    cbor::array(out, len);
    for _ in 0..len {
        let value = reader.int().unwrap_or_default();
        let value = if value < 0 {
            let field = usize::try_from(-value - 1).unwrap_or_default();
            -i64::from(map.get(field).copied().unwrap_or_default()) - 1
        } else {
            value
        };
        cbor::int(out, value);
    }
}

/// The chunks, as ranges of the sorted words.
fn cut(words: &[EncodedWord], chunking: Chunking) -> Vec<std::ops::Range<usize>> {
    let mut chunks = Vec::new();
    let mut start = 0;
    let mut size = 0;
    for (i, word) in words.iter().enumerate() {
        match chunking {
            #[cfg(test)]
            Chunking::Locations(limit) => {
                size += word.count();
                if size >= limit {
                    chunks.push(start..i + 1);
                    start = i + 1;
                    size = 0;
                }
            }
            Chunking::Bytes(limit) => {
                if i > start && size + word.bytes.len() > limit {
                    chunks.push(start..i);
                    start = i;
                    size = 0;
                }
                size += word.bytes.len();
            }
        }
    }
    if start < words.len() {
        chunks.push(start..words.len());
    }
    chunks
}

/// Each chunk's first and last word, shortened where two chunks meet to
/// the shortest prefixes that still tell them apart (the browser loads the
/// chunks whose range holds a query's word). The third part, the chunk's
/// file name, is filled in later.
fn chunk_names(
    words: &[EncodedWord],
    chunks: &[std::ops::Range<usize>],
) -> Vec<(String, String, String)> {
    let mut named: Vec<(String, String, String)> = chunks
        .iter()
        .map(|range| {
            (
                words[range.start].word.to_string(),
                words[range.end - 1].word.to_string(),
                String::new(),
            )
        })
        .collect();
    for i in 1..named.len() {
        let (to, from) = prefixes(&named[i - 1].1, &named[i].0);
        // Shortening `to` must not take it below `from`.
        if to >= named[i - 1].0 {
            named[i - 1].1 = to;
        }
        named[i].0 = from;
    }
    named
}

/// The prefixes of `a` and `b` one character longer than what they share.
fn prefixes(a: &str, b: &str) -> (String, String) {
    let common = b.chars().zip(a.chars()).take_while(|(x, y)| x == y).count();
    (
        a.chars().take(common + 1).collect(),
        b.chars().take(common + 1).collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A word's pages as `add` encodes them: each page's places, grouped
    /// by weight (markers negative, then a first place and differences),
    /// and its meta places.
    fn encoded(pages: &[(Vec<i64>, Vec<i64>)]) -> Pages {
        let mut out = Pages::default();
        for (number, (places, meta)) in pages.iter().enumerate() {
            cbor::array(&mut out.bytes, 3);
            cbor::uint(&mut out.bytes, u64::from(number > 0));
            for list in [places, meta] {
                cbor::array(&mut out.bytes, list.len());
                for &place in list {
                    cbor::int(&mut out.bytes, place);
                }
            }
            out.len += 1;
            out.last = number;
        }
        out
    }

    fn decoded(pages: &Pages) -> Vec<(i64, Vec<i64>, Vec<i64>)> {
        let mut reader = cbor::Reader::new(&pages.bytes);
        let list = |reader: &mut cbor::Reader| {
            let len = reader.array().expect("an array");
            (0..len)
                .map(|_| reader.int().expect("a number"))
                .collect::<Vec<_>>()
        };
        let out = (0..pages.len)
            .map(|_| {
                assert_eq!(reader.array(), Some(3));
                let delta = reader.int().expect("a page number");
                (delta, list(&mut reader), list(&mut reader))
            })
            .collect();
        assert!(reader.is_done());
        out
    }

    #[test]
    fn capped_sizes_are_worked_out_without_capping() {
        // Pages with groups of every length around the caps, large places
        // (longer CBOR), and meta places.
        let pages: Vec<(Vec<i64>, Vec<i64>)> = (0..40)
            .map(|page| {
                let mut places = Vec::new();
                for group in 0..3 {
                    if group > 0 {
                        places.push(-(group * 7 + 1));
                    }
                    let len = (page * 3 + group as usize * 11) % 70;
                    places.extend((0..len).map(|i| ((i * 37 + page) % 300) as i64));
                }
                (places, vec![-1, page as i64])
            })
            .collect();
        let pages = encoded(&pages);
        let mut sizes = [0; CAPS.len()];
        pages.add_capped_sizes(&mut sizes);
        let expected = CAPS.map(|cap| pages.capped(cap).bytes.len());
        assert_eq!(sizes, expected);
        assert!(
            sizes[0] < pages.bytes.len(),
            "some groups are longer than 32"
        );
    }

    #[test]
    fn capping_keeps_each_weights_first_places_and_every_page() {
        // Body text at 2, 3, 5, 6, 10; then a heading (weight 7) at 0 and
        // 8; then weight 2 at 12.
        let page = vec![2, 1, 2, 1, 4, -8, 0, 8, -3, 12];
        let pages = encoded(&[(page, vec![-1, 0]), (vec![4], vec![])]);
        let capped = pages.capped(2);
        assert_eq!(
            decoded(&capped),
            [
                (0, vec![2, 1, -8, 0, 8, -3, 12], vec![-1, 0]),
                (1, vec![4], vec![]),
            ]
        );
        // Pagefind's measure of the word's size shrinks by the places dropped.
        let count = |pages: &Pages| -> usize {
            decoded(pages)
                .iter()
                .map(|(_, places, meta)| places.len() + meta.len() + 1)
                .sum()
        };
        assert_eq!(count(&capped), count(&pages) - 3);
        assert_eq!(decoded(&pages.capped(100)), decoded(&pages));
    }

    #[test]
    fn a_word_on_every_page_is_cut_down_to_the_limit_without_losing_a_page() {
        // 3,000 pages that each use the word 100 times, once in a heading.
        let page: Vec<i64> = (0..100).map(|i| if i == 0 { 40 } else { 3 }).collect();
        let page = [page, vec![-8, 7]].concat();
        let pages = encoded(&vec![(page.clone(), vec![]); 3000]);
        assert!(pages.bytes.len() > WORD_LIMIT);
        let mut word = MergedWord {
            pages,
            forms: Vec::new(),
        };
        limit_size(&mut word);
        assert!(word.pages.bytes.len() <= WORD_LIMIT);
        let pages = decoded(&word.pages);
        assert_eq!(pages.len(), 3000);
        for (_, places, _) in pages {
            // A prefix of the body places, and the heading kept.
            assert!(places.len() >= 3, "{places:?}");
            assert!(places.ends_with(&[-8, 7]), "{places:?}");
            assert_eq!(&places[..places.len() - 2], &page[..places.len() - 2]);
        }
        // A small word is left alone.
        let small = encoded(&[(vec![1, 2, 3], vec![])]);
        let mut word = MergedWord {
            pages: encoded(&[(vec![1, 2, 3], vec![])]),
            forms: Vec::new(),
        };
        limit_size(&mut word);
        assert_eq!(word.pages.bytes, small.bytes);
    }

    #[test]
    fn chunk_edges_are_the_shortest_distinct_prefixes() {
        assert_eq!(prefixes("apple", "apricot"), ("app".into(), "apr".into()));
        assert_eq!(
            prefixes("cath", "cathartic"),
            ("cath".into(), "catha".into())
        );
        let word = |w: &str| EncodedWord {
            word: w.into(),
            bytes: vec![0; 10],
        };
        let words: Vec<EncodedWord> = ["apple", "apricot", "banana", "peach"]
            .into_iter()
            .map(word)
            .collect();
        let names = chunk_names(&words, &[0..1, 1..3, 3..4]);
        let edges: Vec<(&str, &str)> = names
            .iter()
            .map(|(from, to, _)| (from.as_str(), to.as_str()))
            .collect();
        assert_eq!(edges, [("apple", "apple"), ("apr", "b"), ("p", "peach")]);
    }

    #[test]
    fn a_words_count_is_its_places_and_pages_and_forms() {
        // As `merge_shard` writes a word: its text, its pages, its forms.
        let mut bytes = Vec::new();
        cbor::array(&mut bytes, 3);
        cbor::text(&mut bytes, "care");
        encoded(&[(vec![1, 2, 3], vec![-1, 0]), (vec![4], vec![])]).write(&mut bytes);
        cbor::array(&mut bytes, 1);
        cbor::array(&mut bytes, 2);
        cbor::text(&mut bytes, "car\u{e9}");
        encoded(&[(vec![7], vec![])]).write(&mut bytes);
        let word = EncodedWord {
            word: "care".into(),
            bytes,
        };
        // Pages (3 + 2 + 1) and (1 + 0 + 1); one form, with (1 + 0 + 1).
        assert_eq!(word.count(), 6 + 2 + 1 + 2);
    }

    #[test]
    fn chunks_stay_under_the_byte_limit_unless_one_word_is_larger() {
        // A word on one page with no places (a count of one), its text as
        // long as it takes to make the entry `size` bytes.
        let word = |size: usize| {
            let entry = |text: &str| {
                let mut bytes = Vec::new();
                cbor::array(&mut bytes, 3);
                cbor::text(&mut bytes, text);
                let pages = Pages {
                    bytes: vec![0x83, 0x00, 0x80, 0x80],
                    len: 1,
                    last: 0,
                };
                pages.write(&mut bytes);
                cbor::array(&mut bytes, 0);
                bytes
            };
            let bytes = (0..size)
                .map(|len| entry(&"w".repeat(len)))
                .find(|bytes| bytes.len() == size)
                .expect("a text of the right length");
            let word = EncodedWord {
                word: "w".into(),
                bytes,
            };
            assert_eq!(word.count(), 1);
            word
        };
        let words: Vec<EncodedWord> = [40, 40, 40, 200, 10, 10].into_iter().map(word).collect();
        assert_eq!(cut(&words, Chunking::Bytes(100)), [0..2, 2..3, 3..4, 4..6]);
        assert_eq!(cut(&words, Chunking::Locations(3)), [0..3, 3..6]);
    }

    #[test]
    fn short_hashes_grow_while_taken() {
        let taken = ["en_abc".to_string()];
        let name = short_hash("en_abcdef", 6, 2, |n| taken.contains(&n.to_string()));
        assert_eq!(name, "en_abcde");
        assert_eq!(short_hash("en_abcdef", 6, 1, |_| false), "en_abc");
    }

    #[test]
    fn gzip_signs_each_file_and_holds_no_spare_room() {
        let mut gzip = Gzip::new(1);
        // A large file first, so that the reused buffer is larger than
        // what the small one needs.
        let large = "words and more words ".repeat(2000);
        for text in [large.as_str(), "a short fragment"] {
            let bytes = gzip.gzip(text.as_bytes());
            assert_eq!(
                bytes.capacity(),
                bytes.len(),
                "kept in memory until written"
            );
            let mut read = String::new();
            std::io::Read::read_to_string(
                &mut flate2::read::GzDecoder::new(bytes.as_slice()),
                &mut read,
            )
            .expect("valid gzip");
            assert_eq!(read, format!("pagefind_dcd{text}"));
        }
    }
}
