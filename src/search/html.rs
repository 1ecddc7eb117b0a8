//! A page's HTML -> its searchable text, filters and metadata, read the way
//! Pagefind 1.6 reads a page (so that the browser finds what Pagefind would),
//! except that the blocks in [`READ_APART`], whose words Pagefind runs into
//! the next element's, are read apart.
//!
//! The page is split into tags and text by [`crate::html`], which
//! reads HTML as `lol_html` (Pagefind's parser) does, and elements are
//! matched as Pagefind's selectors match them. Every element gets a node that
//! gathers its text; when the element ends, its text goes up to its parent
//! (or is dropped, for ignored elements). An element marked
//! `data-pagefind-body` replaces what its ancestors gathered, so only the
//! marked parts of the page remain. Headings and `data-pagefind-weight`
//! wrap their text in weight markers, elements with an `id` leave an
//! anchor marker; both are read back when the text is split into words.
//!
//! Pagefind gives each node a string and copies it into its parent's when
//! the element ends. Here all nodes share one buffer: the open nodes'
//! texts follow each other in it, innermost last, so text that goes up to
//! the parent is already in place, and dropped text is cut off the end.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, OnceLock};

use regex::Regex;

use crate::html::{self as tokenizer, attribute, Attribute, Namespace, Token};

/// What Pagefind's rules say about an element, by its name: flags, and
/// the level of a heading in the top bits.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Kind(u8);

impl Kind {
    /// Its text ends a sentence: a space before and after, and a full stop
    /// when its text does not end with punctuation.
    const SENTENCE: u8 = 1;
    /// Inline: it keeps the anchors of the element it is in.
    const INLINE: u8 = 2;
    /// Never page text.
    const REMOVED: u8 = 4;
    /// An HTML element with no content and no end tag.
    const VOID: u8 = 8;
    /// Its text names what follows (`<dt>`): a space before and after, and
    /// a colon when its text does not end with punctuation.
    const LABEL: u8 = 16;
    const HEADING_SHIFT: u8 = 5;

    fn has(self, flag: u8) -> bool {
        self.0 & flag != 0
    }

    /// Whether its text stands apart from the text around it: a space
    /// before and after.
    fn is_block(self) -> bool {
        self.has(Kind::SENTENCE | Kind::LABEL)
    }

    /// What ends its text when that does not end with punctuation.
    fn stop(self) -> char {
        if self.has(Kind::LABEL) {
            ':'
        } else {
            '.'
        }
    }

    /// For `<h1>` to `<h6>`, the weight of their words (7 to 2).
    fn heading_weight(self) -> Option<&'static str> {
        match self.0 >> Self::HEADING_SHIFT {
            1 => Some("7"),
            2 => Some("6"),
            3 => Some("5"),
            4 => Some("4"),
            5 => Some("3"),
            6 => Some("2"),
            _ => None,
        }
    }

    /// The kind of the element named `name`, whose [`name_key`] is `key`.
    fn of(key: u64, name: &str) -> Kind {
        if key == 0 {
            // A name too long for a key.
            return READ_APART
                .iter()
                .find(|(apart, _)| *apart == name)
                .map_or(Kind(0), |&(_, kind)| Kind(kind));
        }
        let kinds = kind_table();
        let mut at = kind_slot(key);
        loop {
            match kinds[at] {
                (0, _) => return Kind(0),
                (found, kind) if found == key => return Kind(kind),
                _ => at = (at + 1) % kinds.len(),
            }
        }
    }
}

/// The elements Pagefind's rules name, and what they say of each.
const ELEMENTS: &[(&str, u8)] = {
    const S: u8 = Kind::SENTENCE;
    const I: u8 = Kind::INLINE;
    const R: u8 = Kind::REMOVED;
    const V: u8 = Kind::VOID;
    const fn heading(level: u8) -> u8 {
        S | (level << Kind::HEADING_SHIFT)
    }
    &[
        ("h1", heading(1)),
        ("h2", heading(2)),
        ("h3", heading(3)),
        ("h4", heading(4)),
        ("h5", heading(5)),
        ("h6", heading(6)),
        ("p", S),
        ("td", S),
        ("div", S),
        ("ul", S),
        ("li", S),
        ("article", S),
        ("section", S),
        ("a", I),
        ("abbr", I),
        ("acronym", I),
        ("b", I),
        ("bdo", I),
        ("big", I),
        ("br", I | V),
        ("button", I),
        ("cite", I),
        ("code", I),
        ("dfn", I),
        ("em", I),
        ("i", I),
        ("img", I | V),
        ("input", I | V),
        ("kbd", I),
        ("label", I | R),
        ("map", I),
        ("object", I),
        ("output", I),
        ("q", I),
        ("samp", I),
        ("script", I | R),
        ("select", I),
        ("small", I),
        ("span", I),
        ("strong", I),
        ("sub", I),
        ("sup", I),
        ("textarea", I),
        ("time", I),
        ("tt", I),
        ("var", I),
        ("head", R),
        ("style", R),
        ("noscript", R),
        ("form", R),
        ("svg", R),
        ("footer", R),
        ("nav", R),
        ("iframe", R),
        ("template", R),
        ("area", V),
        ("base", V),
        ("basefont", V),
        ("bgsound", V),
        ("col", V),
        ("embed", V),
        ("hr", V),
        ("keygen", V),
        ("link", V),
        ("meta", V),
        ("param", V),
        ("source", V),
        ("track", V),
        ("wbr", V),
    ]
};

/// The slot of `key` in the table of [`kind_table`]: a hash of the key.
fn kind_slot(key: u64) -> usize {
    (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 56) as usize
}

/// [`ELEMENTS`] and the short names of [`READ_APART`] by key: a table of
/// 256 slots, the next slot taken when one is full (far fewer than 256
/// names), built once.
fn kind_table() -> &'static [(u64, u8); 256] {
    static KINDS: OnceLock<[(u64, u8); 256]> = OnceLock::new();
    KINDS.get_or_init(|| {
        let mut kinds = [(0u64, 0u8); 256];
        let short_apart = READ_APART.iter().filter(|(name, _)| name_key(name) != 0);
        for &(name, kind) in ELEMENTS.iter().chain(short_apart) {
            let key = name_key(name);
            debug_assert_ne!(key, 0, "{name} is too long for a key");
            let mut at = kind_slot(key);
            while kinds[at].0 != 0 {
                at = (at + 1) % kinds.len();
            }
            kinds[at] = (key, kind);
        }
        kinds
    })
}

/// Blocks that hold text themselves but are not in Pagefind 1.6's list of
/// blocks, so that Pagefind runs their text into the next element's
/// ("SectorSchools" for a term and its description, "LevelQuestion" for a
/// table's headings; its issue 736). Hearth reads them apart, as a browser
/// shows them: a term ends with a colon, the others as sentences. Blocks
/// that only hold other blocks (`<tr>`, `<dl>`, `<ol>`) need no entry.
pub(super) const READ_APART: [(&str, u8); 10] = [
    ("th", Kind::SENTENCE),
    ("caption", Kind::SENTENCE),
    ("dt", Kind::LABEL),
    ("dd", Kind::SENTENCE),
    ("pre", Kind::SENTENCE),
    ("summary", Kind::SENTENCE),
    ("legend", Kind::SENTENCE),
    ("address", Kind::SENTENCE),
    ("blockquote", Kind::SENTENCE),
    ("figcaption", Kind::SENTENCE),
];

/// A tag name of up to 8 bytes as a number (0 for longer names), to tell
/// names apart without comparing text.
const fn name_key(name: &str) -> u64 {
    let bytes = name.as_bytes();
    if bytes.len() > 8 {
        return 0;
    }
    let mut key = 0u64;
    let mut i = 0;
    while i < bytes.len() {
        key |= (bytes[i] as u64) << (8 * i);
        i += 1;
    }
    key
}

const HTML: u64 = name_key("html");
const H1: u64 = name_key("h1");
const TITLE: u64 = name_key("title");

/// What Pagefind makes of one page.
#[derive(Debug, Default)]
pub(super) struct Dom {
    /// The text to index, with weight and anchor markers, entities decoded
    /// (white space is left as it is: only its places matter).
    pub digest: String,
    pub filters: BTreeMap<String, Vec<String>>,
    pub sort: BTreeMap<String, String>,
    pub meta: BTreeMap<String, String>,
    pub anchor_content: BTreeMap<String, String>,
    pub anchor_titles: BTreeMap<String, String>,
    /// Whether the text came from a `data-pagefind-body` element.
    pub has_custom_body: bool,
    /// The `lang` of `<html>`, lower case, or `unknown`.
    pub language: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
enum Status {
    #[default]
    Indexing,
    /// The element's text is not indexed; its filters and metadata are.
    Ignored,
    /// Nothing of the element counts, not even its filters or metadata.
    Excluded,
    Body,
    /// A `data-pagefind-body` element was inside: only its text is kept.
    ParentOfBody,
}

/// One element's part of the text.
#[derive(Debug)]
struct Node {
    /// Where the element's markers start in the buffer: the weight marker
    /// and sentence space its end will most likely call for are written
    /// there when it starts, so that its text need not move later.
    prefix: usize,
    /// Where its text starts.
    start: usize,
    /// Its parent, `usize::MAX` for the root.
    parent: usize,
    /// Its attributes for Pagefind, if it has any, in [`State::extras`].
    extra: u32,
    status: Status,
}

const NO_EXTRA: u32 = u32::MAX;

impl Node {
    fn parent(&self) -> Option<usize> {
        (self.parent != usize::MAX).then_some(self.parent)
    }
}

/// What few elements carry: Pagefind's attributes, and anchors.
#[derive(Debug, Default)]
struct Extra {
    filter: Option<Vec<String>>,
    sort: Option<Vec<String>>,
    meta: Option<Vec<String>>,
    default_meta: Option<Vec<String>>,
    weight: Option<String>,
    anchor_ids: Option<Vec<String>>,
}

#[derive(Debug)]
struct State {
    /// The text of the open nodes.
    text: String,
    /// Every element met; `current` is the innermost open one.
    nodes: Vec<Node>,
    extras: Vec<Extra>,
    current: usize,
    anchor_counter: usize,
    filters: BTreeMap<String, Vec<String>>,
    sort: BTreeMap<String, String>,
    meta: BTreeMap<String, String>,
    default_meta: BTreeMap<String, String>,
    anchor_content: BTreeMap<String, String>,
    anchor_titles: BTreeMap<String, String>,
    language: Option<String>,
}

impl State {
    fn new(html_len: usize) -> Self {
        let mut nodes = Vec::with_capacity(html_len / 32);
        nodes.push(Node {
            prefix: 0,
            start: 0,
            parent: usize::MAX,
            extra: NO_EXTRA,
            status: Status::Indexing,
        });
        State {
            text: String::with_capacity(html_len / 2),
            nodes,
            extras: Vec::new(),
            current: 0,
            anchor_counter: 0,
            filters: BTreeMap::new(),
            sort: BTreeMap::new(),
            meta: BTreeMap::new(),
            default_meta: BTreeMap::new(),
            anchor_content: BTreeMap::new(),
            anchor_titles: BTreeMap::new(),
            language: None,
        }
    }

    fn extra(&self, node: usize) -> Option<&Extra> {
        self.extras.get(self.nodes[node].extra as usize)
    }

    fn weight(&self, node: usize) -> Option<&str> {
        self.extra(node)?.weight.as_deref()
    }

    /// A node's own text (without its markers).
    fn value(&self, node: usize) -> &str {
        &self.text[self.nodes[node].start..]
    }

    /// A `key:value` pair of a filter, meta or sort attribute; a bare key
    /// takes the element's text as its value.
    fn attribute_pair(&self, node: usize, input: &str) -> Option<(String, String)> {
        match input.split_once(':') {
            Some((key, value)) => Some((key.to_string(), normalize_content(value))),
            None if self.value(node).is_empty() => None,
            None => Some((input.to_string(), normalize_content(self.value(node)))),
        }
    }

    /// Records the filters, sort keys and metadata an element carries.
    fn take_attributes(&mut self, node: usize) {
        let Some(extra) = self.extra(node) else {
            return;
        };
        let mut filters = Vec::new();
        for filter in extra.filter.iter().flatten() {
            if let Some((key, value)) = self.attribute_pair(node, filter) {
                filters.push((key, normalize_content(&value)));
            }
        }
        let pairs = |list: &Option<Vec<String>>| -> Vec<(String, String)> {
            list.iter()
                .flatten()
                .filter_map(|item| self.attribute_pair(node, item))
                .collect()
        };
        let sorts = pairs(&extra.sort);
        let metas = pairs(&extra.meta);
        let default_metas = pairs(&extra.default_meta);
        for (key, value) in filters {
            self.filters.entry(key).or_default().push(value);
        }
        self.sort.extend(sorts);
        self.meta.extend(metas);
        self.default_meta.extend(default_metas);
    }
}

/// The markers an element's end adds before its text: a weight marker for
/// `data-pagefind-weight` or a heading, and a space for a block.
fn prefix(out: &mut String, weight: Option<&str>, end: Kind) {
    match (weight, end.heading_weight()) {
        (Some(weight), _) => {
            out.push_str(" ___PAGEFIND_WEIGHT___");
            out.push_str(weight);
            out.push(' ');
        }
        (None, Some(auto)) => {
            out.push_str(" ___PAGEFIND_AUTO_WEIGHT___");
            out.push_str(auto);
            out.push(' ');
        }
        (None, None) => {}
    }
    if end.is_block() {
        out.push(' ');
    }
}

/// A selector of markup that is no part of the text: a type selector
/// (`nav`), class selectors (`.heading-anchor`) or both (`a.x`).
#[derive(Debug)]
struct Selector {
    name: Option<String>,
    classes: Vec<String>,
}

impl Selector {
    /// `None` for selectors of any other kind.
    fn parse(selector: &str) -> Option<Selector> {
        let selector = selector.trim();
        let mut parts = selector.split('.');
        let name = parts.next().filter(|name| !name.is_empty());
        let classes: Vec<String> = parts.map(str::to_string).collect();
        let is_word = |part: &str| {
            !part.is_empty()
                && part
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        };
        if name.is_none() && classes.is_empty() {
            return None;
        }
        if !name.is_none_or(is_word) || !classes.iter().all(|c| is_word(c)) {
            return None;
        }
        Some(Selector {
            name: name.map(str::to_ascii_lowercase),
            classes,
        })
    }

    /// Whether an element called `name` with the `class` attribute
    /// `class` matches.
    fn matches(&self, name: &str, class: Option<&str>) -> bool {
        if self.name.as_deref().is_some_and(|own| own != name) {
            return false;
        }
        if self.classes.is_empty() {
            return true;
        }
        let class = class.unwrap_or_default();
        self.classes
            .iter()
            .all(|wanted| class.split_ascii_whitespace().any(|c| c == wanted))
    }
}

/// The selectors in `excluded` (Pagefind's option), parsed once per list.
/// Only type and class selectors are supported; others are ignored.
fn excluded_selectors(excluded: &[&str]) -> Arc<Vec<Selector>> {
    type Parsed = Vec<(Vec<String>, Arc<Vec<Selector>>)>;
    static PARSED: OnceLock<Mutex<Parsed>> = OnceLock::new();
    let mut parsed = PARSED
        .get_or_init(Mutex::default)
        .lock()
        .unwrap_or_else(|e| e.into_inner());
    if let Some((_, selectors)) = parsed.iter().find(|(list, _)| list == excluded) {
        return Arc::clone(selectors);
    }
    let selectors: Arc<Vec<Selector>> = Arc::new(
        excluded
            .iter()
            .filter_map(|selector| Selector::parse(selector))
            .collect(),
    );
    let list = excluded.iter().map(|s| s.to_string()).collect();
    parsed.push((list, Arc::clone(&selectors)));
    selectors
}

/// An open element, as `lol_html` keeps its stack of open elements.
struct Open<'h> {
    key: u64,
    /// The name, for names too long for a key.
    long_name: Option<Cow<'h, str>>,
    kind: Kind,
    /// The element's node, when its end calls for Pagefind's handler.
    node: Option<usize>,
}

/// A name too long for a key, lower case: borrowed from the page unless
/// the page wrote it in capitals.
fn long_name<'h>(name: &str, source_name: &'h str) -> Cow<'h, str> {
    if source_name == name {
        Cow::Borrowed(source_name)
    } else {
        Cow::Owned(name.to_string())
    }
}

impl Open<'_> {
    fn is(&self, key: u64, name: &str) -> bool {
        match &self.long_name {
            None => key != 0 && self.key == key,
            Some(long_name) => long_name == name,
        }
    }
}

/// Reads one page. `excluded` are selectors of markup that is no part of
/// the text.
pub(super) fn read(html: &str, excluded: &[&str]) -> Dom {
    let mut reader = Reader {
        st: State::new(html.len()),
        open: Vec::with_capacity(64),
        in_html: 0,
        excluded: excluded_selectors(excluded),
    };
    tokenizer::tokenize(html, |token| match token {
        Token::Start {
            name,
            source_name,
            attributes,
            self_closing,
            namespace,
        } => {
            let has_content = match namespace {
                Namespace::Html => None,
                _ => Some(!self_closing),
            };
            reader.start(name, source_name, attributes, has_content);
        }
        Token::End { name } => reader.end(name),
        Token::Text(text) => {
            if reader.in_html > 0 {
                add_text(&mut reader.st, text);
            }
        }
    });
    finish(reader.st)
}

/// What is known while a page is read: the text and its nodes, and the
/// open elements.
struct Reader<'h> {
    st: State,
    open: Vec<Open<'h>>,
    /// How many `<html>` elements are open: Pagefind's handlers see only
    /// what is inside one.
    in_html: usize,
    excluded: Arc<Vec<Selector>>,
}

impl<'h> Reader<'h> {
    /// A start tag. `has_content` is given outside HTML's namespace, where
    /// it depends on how the tag is written, not on what it is.
    fn start(
        &mut self,
        name: &str,
        source_name: &'h str,
        attributes: &[Attribute],
        has_content: Option<bool>,
    ) {
        let key = name_key(name);
        let kind = Kind::of(key, name);
        let has_content = has_content.unwrap_or(!kind.has(Kind::VOID));
        let is_html = key == HTML;
        let mut node = None;
        if is_html || self.in_html > 0 {
            node = self.start_in_html(name, kind, attributes, has_content);
        }
        if has_content {
            self.open.push(Open {
                key,
                long_name: (key == 0).then(|| long_name(name, source_name)),
                kind,
                node,
            });
            self.in_html += usize::from(is_html);
        }
    }

    /// Pagefind's handlers for a start tag inside `<html>` (or of it): the
    /// element's node, if its end will call for one.
    fn start_in_html(
        &mut self,
        name: &str,
        kind: Kind,
        attributes: &[Attribute],
        has_content: bool,
    ) -> Option<usize> {
        let st = &mut self.st;
        if name_key(name) == HTML {
            if let Some(lang) = attribute(attributes, "lang") {
                st.language = Some(lang.to_lowercase());
            }
        }
        let found = Found::of(attributes);
        let node = start_element(st, name, kind, attributes, &found, has_content);
        let is_removed =
            kind.has(Kind::REMOVED) || self.excluded.iter().any(|s| s.matches(name, found.class));
        if self.in_html > 0 && is_removed {
            let current = st.current;
            st.nodes[current].status = Status::Ignored;
        }
        node
    }

    /// An end tag closes its element and all opened inside it; their
    /// handlers run innermost first.
    fn end(&mut self, name: &str) {
        let key = name_key(name);
        let Some(at) = self.open.iter().rposition(|o| o.is(key, name)) else {
            return;
        };
        let end = Kind::of(key, name);
        for closed in self.open.drain(at..).rev() {
            self.in_html -= usize::from(closed.key == HTML);
            if let Some(node) = closed.node {
                end_element(&mut self.st, node, closed.key, closed.kind, end);
            }
        }
    }
}

/// Pagefind's handler for the start of an element inside `<html>`: a node
/// for the element (returned when it will end), or, for a void element,
/// its filters and metadata at once.
fn start_element(
    st: &mut State,
    tag: &str,
    kind: Kind,
    attributes: &[Attribute],
    found: &Found,
    has_content: bool,
) -> Option<usize> {
    let status = found.status();
    let anchor_id = add_anchor(st, tag, status, found);
    if status != Status::Excluded {
        add_attribute_text(st, tag, attributes, found);
    }
    let extra = add_extra(st, kind, anchor_id, attributes, found);
    let marker_at = st.text.len();
    if has_content {
        prefix(&mut st.text, found.weight, kind);
    }
    let node = add_node(st, marker_at, extra, status);
    if has_content {
        return Some(node);
    }
    end_void_element(st, node, tag, attributes);
    None
}

/// A node for an element that starts here, its markers from `marker_at`,
/// made the current one. Inside an excluded element, it is excluded too.
fn add_node(st: &mut State, marker_at: usize, extra: u32, status: Status) -> usize {
    let parent = st.current;
    let node = st.nodes.len();
    st.nodes.push(Node {
        prefix: marker_at,
        start: st.text.len(),
        parent,
        extra,
        status: if st.nodes[parent].status == Status::Excluded {
            Status::Excluded
        } else {
            status
        },
    });
    st.current = node;
    node
}

/// The anchor of an element with an `id` (not excluded, ignored or
/// outside the marked body): its marker in the text, and its title. Its
/// id, `counter:id`, is returned.
fn add_anchor(st: &mut State, tag: &str, status: Status, found: &Found) -> Option<String> {
    if status == Status::Excluded || status == Status::Ignored {
        return None;
    }
    let id = found.id?;
    let parent_status = st.nodes[st.current].status;
    // No anchors outside the marked body.
    let is_outside_body = parent_status == Status::ParentOfBody
        && status != Status::Body
        && status != Status::ParentOfBody;
    if is_outside_body {
        return None;
    }
    let id: String = id.chars().filter(|c| !c.is_whitespace()).collect();
    let counter = st.anchor_counter;
    st.text
        .push_str(&format!(" ___PAGEFIND_ANCHOR___{tag}:{counter}:{id} "));
    let anchor_id = format!("{counter}:{id}");
    st.anchor_counter += 1;
    if let Some(title) = found.title {
        let title = normalize_content(title);
        if !title.is_empty() {
            st.anchor_titles.insert(anchor_id.clone(), title);
        }
    }
    Some(anchor_id)
}

/// The text an element adds of itself: the values of the attributes
/// `data-pagefind-index-attrs` names, and a space for `<br>`.
fn add_attribute_text(st: &mut State, tag: &str, attributes: &[Attribute], found: &Found) {
    if let Some(index_attrs) = found.index_attrs {
        for name in index_attrs.split(',') {
            let value = attribute(attributes, name.trim()).unwrap_or_default();
            st.text.push(' ');
            st.text.push_str(value);
            if ends_without_punctuation(value) {
                st.text.push('.');
            }
            st.text.push(' ');
        }
    }
    // `<br>` separates words.
    if tag == "br" {
        st.text.push(' ');
    }
}

/// The element's filters, sorts, metadata, weight and anchors, kept
/// apart from its node since few elements have any: their index, or
/// [`NO_EXTRA`]. An inline element keeps the anchors of the one it is in.
fn add_extra(
    st: &mut State,
    kind: Kind,
    anchor_id: Option<String>,
    attributes: &[Attribute],
    found: &Found,
) -> u32 {
    let mut anchor_ids = match st.extra(st.current) {
        Some(extra) if kind.has(Kind::INLINE) => extra.anchor_ids.clone(),
        _ => None,
    };
    if let Some(anchor_id) = anchor_id {
        anchor_ids.get_or_insert_with(Vec::new).push(anchor_id);
    }
    if anchor_ids.is_none() && !found.has_extra() {
        return NO_EXTRA;
    }
    let list = |value: Option<&str>| value.map(|value| parse_attribute_list(value, attributes));
    st.extras.push(Extra {
        filter: list(found.filter),
        sort: list(found.sort),
        meta: list(found.meta),
        default_meta: list(found.default_meta),
        weight: found.weight.map(str::to_string),
        anchor_ids,
    });
    u32::try_from(st.extras.len() - 1).unwrap_or(NO_EXTRA)
}

/// A void element (`<img>`) ends where it starts: its attributes are
/// taken at once, and the first image after a title becomes the page's.
fn end_void_element(st: &mut State, node: usize, tag: &str, attributes: &[Attribute]) {
    st.current = st.nodes[node].parent;
    if st.nodes[node].status == Status::Excluded {
        return;
    }
    st.take_attributes(node);
    if tag == "img"
        && !st.meta.contains_key("auto_image")
        && (st.meta.contains_key("auto_title") || st.meta.contains_key("title"))
    {
        if let Some(src) = attribute(attributes, "src") {
            st.meta.insert("auto_image".into(), normalize_content(src));
            if let Some(alt) = attribute(attributes, "alt") {
                st.meta
                    .insert("auto_image_alt".into(), normalize_content(alt));
            }
        }
    }
}

/// The attributes Pagefind reads from every element, found in one pass
/// (the first of each name counts).
#[derive(Default)]
struct Found<'h> {
    id: Option<&'h str>,
    class: Option<&'h str>,
    is_body: bool,
    ignore: Option<&'h str>,
    weight: Option<&'h str>,
    filter: Option<&'h str>,
    title: Option<&'h str>,
    meta: Option<&'h str>,
    default_meta: Option<&'h str>,
    sort: Option<&'h str>,
    index_attrs: Option<&'h str>,
}

impl<'h> Found<'h> {
    /// The element's status by its own attributes: the marked body, or
    /// what its `data-pagefind-ignore` says.
    fn status(&self) -> Status {
        if self.is_body {
            return Status::Body;
        }
        match self.ignore.map(str::to_ascii_lowercase).as_deref() {
            None => Status::Indexing,
            Some("" | "index" | "true") => Status::Ignored,
            // `all`, and anything Pagefind does not know, excludes it all.
            Some(_) => Status::Excluded,
        }
    }

    fn of(attributes: &[Attribute<'h>]) -> Self {
        let mut found = Found::default();
        for attribute in attributes {
            found.note(attribute);
        }
        found
    }

    fn note(&mut self, attribute: &Attribute<'h>) {
        let name = attribute.name;
        let slot = if name.eq_ignore_ascii_case("id") {
            &mut self.id
        } else if name.eq_ignore_ascii_case("class") {
            &mut self.class
        } else {
            const PREFIX: &str = "data-pagefind-";
            if name.len() <= PREFIX.len() || !name[..PREFIX.len()].eq_ignore_ascii_case(PREFIX) {
                return;
            }
            let rest = &name[PREFIX.len()..];
            if rest.eq_ignore_ascii_case("body") {
                self.is_body = true;
                return;
            }
            match self.pagefind_slot(rest) {
                Some(slot) => slot,
                None => return,
            }
        };
        slot.get_or_insert(attribute.value);
    }

    /// Where the value of `data-pagefind-{rest}` goes, if Pagefind reads it.
    fn pagefind_slot(&mut self, rest: &str) -> Option<&mut Option<&'h str>> {
        let slots = [
            ("ignore", &mut self.ignore),
            ("weight", &mut self.weight),
            ("filter", &mut self.filter),
            ("title", &mut self.title),
            ("meta", &mut self.meta),
            ("default-meta", &mut self.default_meta),
            ("sort", &mut self.sort),
            ("index-attrs", &mut self.index_attrs),
        ];
        slots
            .into_iter()
            .find(|(name, _)| rest.eq_ignore_ascii_case(name))
            .map(|(_, slot)| slot)
    }

    /// Whether the element has any of the attributes kept in an [`Extra`].
    fn has_extra(&self) -> bool {
        self.weight.is_some()
            || self.filter.is_some()
            || self.sort.is_some()
            || self.meta.is_some()
            || self.default_meta.is_some()
    }
}

/// Pagefind's handler for the end of an element (`start` is its kind,
/// `end` that of the end tag that closed it): its filters and metadata,
/// then its text, marked, goes up to its parent or is dropped.
fn end_element(st: &mut State, node: usize, key: u64, start: Kind, end: Kind) {
    let Some(parent) = st.nodes[node].parent() else {
        return;
    };
    st.current = parent;
    let marker_at = st.nodes[node].prefix;
    if st.nodes[node].status == Status::Excluded {
        st.text.truncate(marker_at);
        return;
    }
    if st.nodes[node].extra != NO_EXTRA {
        st.take_attributes(node);
    }
    take_fallback_titles(st, node, key);
    let status = st.nodes[node].status;
    let parent_status = st.nodes[parent].status;
    // Ignored text, and text outside the marked body, is dropped.
    let is_outside_body = parent_status == Status::ParentOfBody
        && status != Status::Body
        && status != Status::ParentOfBody;
    if status == Status::Ignored || is_outside_body {
        st.text.truncate(marker_at);
        return;
    }
    mark_end(st, node, start, end);
    if matches!(status, Status::Body | Status::ParentOfBody) {
        lift_body(st, node, parent);
    }
}

/// The page's first `<h1>` and its `<title>` are fallback titles.
fn take_fallback_titles(st: &mut State, node: usize, key: u64) {
    if key == H1 && !st.meta.contains_key("auto_title") && !st.value(node).trim().is_empty() {
        let title = normalize_content(st.value(node));
        st.meta.insert("auto_title".into(), title);
    }
    if key == TITLE && !st.meta.contains_key("auto_page_title") {
        let title = normalize_content(st.value(node));
        st.meta.insert("auto_page_title".into(), title);
    }
}

/// Writes the markers around an ended element's text: those before it
/// (written at its start, and put right if the end tag is another kind of
/// element's, such as `</ul>` closing an `<li>`), and those after it.
fn mark_end(st: &mut State, node: usize, start: Kind, end: Kind) {
    let weight = st.weight(node).map(str::to_string);
    if start != end {
        let mut markers = String::new();
        prefix(&mut markers, weight.as_deref(), end);
        let (marker_at, text_start) = (st.nodes[node].prefix, st.nodes[node].start);
        st.text.replace_range(marker_at..text_start, &markers);
        st.nodes[node].start = marker_at + markers.len();
    }
    if end.is_block() {
        // The text has a space before it: an empty text ends in that space.
        if ends_without_punctuation(st.value(node)) {
            st.text.push(end.stop());
        }
        st.text.push(' ');
    }
    if weight.is_some() || end.heading_weight().is_some() {
        st.text.push_str(" ___END_PAGEFIND_WEIGHT___ ");
    }
}

/// An ended marked body (or element holding one): a later body adds to
/// the bodies before it; the first replaces what the parent gathered.
fn lift_body(st: &mut State, node: usize, parent: usize) {
    if st.nodes[parent].status != Status::ParentOfBody {
        let (parent_start, marker_at) = (st.nodes[parent].start, st.nodes[node].prefix);
        st.text.replace_range(parent_start..marker_at, "");
    }
    st.nodes[parent].status = Status::ParentOfBody;
}

fn add_text(st: &mut State, text: &str) {
    st.text.push_str(text);
    let node = &st.nodes[st.current];
    if node.status == Status::Ignored || node.status == Status::Excluded {
        return;
    }
    let Some(anchor_ids) = st
        .extras
        .get(node.extra as usize)
        .and_then(|extra| extra.anchor_ids.as_ref())
    else {
        return;
    };
    for anchor_id in anchor_ids {
        match st.anchor_content.get_mut(anchor_id) {
            Some(content) => content.push_str(text),
            None => {
                st.anchor_content
                    .insert(anchor_id.clone(), text.to_string());
            }
        }
    }
}

/// After the last tag: what is still open goes up to the root as it is
/// (no markers), then the fallback titles and image become metadata.
fn finish(mut st: State) -> Dom {
    let root = close_open(&mut st.text, &mut st.nodes, st.current);
    let root = &st.nodes[root];
    let has_custom_body = root.status == Status::ParentOfBody;
    // Only entities matter: the text is split at white space, whatever it is.
    let digest = html_escape::decode_html_entities(&st.text[root.start..]).into_owned();
    use_fallbacks(&mut st.meta);
    st.default_meta.append(&mut st.meta);
    Dom {
        digest,
        filters: st.filters,
        sort: st.sort,
        meta: st.default_meta,
        anchor_content: st.anchor_content,
        anchor_titles: st.anchor_titles,
        has_custom_body,
        language: st
            .language
            .filter(|lang| !lang.is_empty())
            .unwrap_or_else(|| "unknown".into()),
    }
}

/// Closes the nodes still open from `current` up, each text going up to
/// its parent as it is (no markers); returns the root.
fn close_open(text: &mut String, nodes: &mut [Node], current: usize) -> usize {
    let mut node = current;
    while let Some(parent) = nodes[node].parent() {
        let (marker_at, start, status) =
            (nodes[node].prefix, nodes[node].start, nodes[node].status);
        let parent_status = nodes[parent].status;
        match status {
            _ if parent_status == Status::ParentOfBody => text.truncate(marker_at),
            Status::Ignored | Status::Excluded => text.truncate(marker_at),
            Status::Indexing => text.replace_range(marker_at..start, ""),
            Status::Body | Status::ParentOfBody => {
                text.replace_range(marker_at..start, "");
                text.replace_range(nodes[parent].start..marker_at, "");
                nodes[parent].status = Status::ParentOfBody;
            }
        }
        node = parent;
    }
    node
}

/// The fallback image and titles become the page's, unless it has its own.
fn use_fallbacks(meta: &mut BTreeMap<String, String>) {
    if let Some(image) = meta.remove("auto_image") {
        let alt = meta.remove("auto_image_alt").unwrap_or_default();
        if !meta.contains_key("image") {
            meta.insert("image".into(), image);
            meta.insert("image_alt".into(), alt);
        }
    }
    for fallback in ["auto_title", "auto_page_title"] {
        if let Some(title) = meta.remove(fallback) {
            if !meta.contains_key("title") {
                meta.insert("title".into(), title);
            }
        }
    }
}

/// `kind:Course`, `a, b:c` or `title[data-x]` -> the pairs or keys listed;
/// `name[attr]` takes the value of the element's attribute `attr`.
fn parse_attribute_list(input: &str, attributes: &[Attribute]) -> Vec<String> {
    static ATTRIBUTE: OnceLock<Regex> = OnceLock::new();
    if let Some((keys, literal)) = input.split_once(':') {
        let mut keys = parse_attribute_list(keys, attributes);
        if let Some(last) = keys.last_mut() {
            last.push(':');
            last.push_str(literal);
        }
        return keys;
    }
    let pattern = ATTRIBUTE.get_or_init(|| {
        Regex::new(r"^\s*(?P<name>[^:\[\]]+)\[(?P<attribute>.+)\]\s*$").expect("a valid pattern")
    });
    input
        .split(',')
        .map(|chunk| {
            let chunk = chunk.trim();
            match pattern.captures(chunk) {
                Some(found) => format!(
                    "{}:{}",
                    &found["name"],
                    attribute(attributes, &found["attribute"]).unwrap_or_default()
                ),
                None => chunk.to_string(),
            }
        })
        .collect()
}

/// Whether text ends with a word character or `'")$*`, so that a block
/// ending there needs a full stop to read as a sentence.
fn ends_without_punctuation(text: &str) -> bool {
    static WORD: OnceLock<Regex> = OnceLock::new();
    let Some(last) = text.chars().last() else {
        return false;
    };
    if last.is_ascii() {
        return last.is_ascii_alphanumeric() || "_'\")$*".contains(last);
    }
    let pattern = WORD.get_or_init(|| Regex::new(r"^\w$").expect("a valid pattern"));
    pattern.is_match(last.encode_utf8(&mut [0; 4]))
}

/// Decodes entities, trims, and folds line breaks and runs of white space
/// into single spaces, as Pagefind does (with three regular expressions
/// whose combined effect is this: a run of two or more white space
/// characters becomes a space, and so does a lone line feed).
pub(super) fn normalize_content(text: &str) -> String {
    let decoded = html_escape::decode_html_entities(text);
    let trimmed = decoded.trim();
    let bytes = trimmed.as_bytes();
    let mut out = String::with_capacity(trimmed.len());
    let mut copied = 0;
    let mut at = 0;
    while at < bytes.len() {
        let (end, count) = white_space_run(trimmed, at);
        if count > 1 || (count == 1 && bytes[at] == b'\n') {
            out.push_str(&trimmed[copied..at]);
            out.push(' ');
            copied = end;
        }
        at = end.max(at + 1);
    }
    out.push_str(&trimmed[copied..]);
    out
}

/// The end of the run of white space at byte `at` (`at` itself when there
/// is none), and how many characters it has.
fn white_space_run(text: &str, at: usize) -> (usize, usize) {
    let mut end = at;
    let mut count = 0;
    loop {
        let width = white_space_width(text, end);
        if width == 0 {
            return (end, count);
        }
        end += width;
        count += 1;
    }
}

/// The length of the white space character (Unicode's White_Space, as in
/// `char::is_whitespace`) at byte `at`, or 0, also for a byte inside a
/// character.
#[inline]
pub(super) fn white_space_width(text: &str, at: usize) -> usize {
    match text.as_bytes().get(at) {
        None => 0,
        Some(&byte) if byte < 0x80 => usize::from(matches!(byte, b' ' | b'\t'..=b'\r')),
        // Only these bytes start white space beyond ASCII (U+0085, U+00A0,
        // U+1680, U+2000 to U+205F, U+3000).
        Some(0xC2 | 0xE1 | 0xE2 | 0xE3) => match text.get(at..).and_then(|t| t.chars().next()) {
            Some(c) if c.is_whitespace() => c.len_utf8(),
            _ => 0,
        },
        Some(_) => 0,
    }
}

/// The words of `text`: as `str::split_whitespace`, quicker.
pub(super) fn words(text: &str) -> impl Iterator<Item = &str> {
    let mut at = 0;
    std::iter::from_fn(move || {
        let bytes = text.as_bytes();
        loop {
            if at >= bytes.len() {
                return None;
            }
            let width = white_space_width(text, at);
            if width == 0 {
                break;
            }
            at += width;
        }
        let start = at;
        while at < bytes.len() && white_space_width(text, at) == 0 {
            at += 1;
        }
        Some(&text[start..at])
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_is_normalized_like_pagefind() {
        assert_eq!(
            normalize_content("\nHello  Wor\n ld? \n \n"),
            "Hello Wor ld?"
        );
        assert_eq!(normalize_content("a\r\n\r\nb"), "a b");
        assert_eq!(normalize_content("a\tb"), "a\tb");
        assert_eq!(normalize_content("a\r\r\nb"), "a b");
        assert_eq!(normalize_content("a\rb"), "a\rb");
        assert_eq!(normalize_content("a &amp;\u{a0} b"), "a & b");
        assert_eq!(normalize_content("  "), "");
    }

    /// Pagefind's own three steps, for comparison.
    fn normalize_like_pagefind(text: &str, patterns: &[Regex; 3]) -> String {
        let [trim, newlines, spaces] = patterns;
        let text = html_escape::decode_html_entities(text);
        let text = trim.replace_all(&text, "");
        let text = newlines.replace_all(&text, " ");
        spaces.replace_all(&text, " ").into_owned()
    }

    #[test]
    fn normalizing_matches_pagefinds_expressions() {
        let pieces = [
            " ",
            "\n",
            "\r",
            "\r\n",
            "\t",
            "\u{a0}",
            "\u{3000}",
            "\u{2028}",
            "a",
            "é",
            "&amp;",
            "&nbsp;",
            "x\u{200b}",
        ];
        // Every string of up to four pieces.
        let mut strings = vec![String::new()];
        for _ in 0..4 {
            let longer: Vec<String> = strings
                .iter()
                .flat_map(|s| pieces.iter().map(move |p| format!("{s}{p}")))
                .collect();
            strings.extend(longer);
            strings.sort();
            strings.dedup();
        }
        let patterns = ["^[\n\r\\s]+|[\n\r\\s]+$", "(\n|\r\n)+", "\\s{2,}"]
            .map(|pattern| Regex::new(pattern).expect("a valid pattern"));
        for text in &strings {
            let expected = normalize_like_pagefind(text, &patterns);
            assert_eq!(normalize_content(text), expected, "{text:?}");
            let split: Vec<&str> = text.split_whitespace().collect();
            assert_eq!(words(text).collect::<Vec<_>>(), split, "{text:?}");
        }
    }

    #[test]
    fn words_split_as_split_whitespace_does() {
        let text = " a\u{a0}b\u{3000}c\u{2028}d\u{200b}e  f\u{e9}\u{85}g\n";
        assert_eq!(
            words(text).collect::<Vec<_>>(),
            text.split_whitespace().collect::<Vec<_>>()
        );
        assert_eq!(words("").count(), 0);
        assert_eq!(words("  ").count(), 0);
    }

    #[test]
    fn only_the_body_is_read_with_its_filters_and_meta() {
        let html = "<html lang=\"en-GB\"><head><title>T</title></head><body>\
                    <nav>Menu</nav><main data-pagefind-body><h1>Big</h1>\
                    <span data-pagefind-filter=\"kind:Page\"></span>\
                    <p>Some <b>text</b></p><div data-pagefind-ignore>no</div></main>\
                    <p>After</p></body></html>";
        let dom = read(html, &[]);
        assert_eq!(
            words(&dom.digest).collect::<Vec<_>>(),
            [
                "___PAGEFIND_AUTO_WEIGHT___7",
                "Big.",
                "___END_PAGEFIND_WEIGHT___",
                "Some",
                "text."
            ]
        );
        assert!(dom.has_custom_body);
        assert_eq!(dom.language, "en-gb");
        assert_eq!(dom.filters["kind"], ["Page"]);
        assert_eq!(dom.meta["title"], "Big");
    }
}
