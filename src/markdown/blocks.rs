//! Learning blocks: Pandoc fenced divs (`::: challenge`) and GitHub alerts.
//!
//! Before pulldown-cmark parses a page, each fence line is swapped for an
//! HTML comment marker (`<!--hearth:open:3-->`). CommonMark ends a comment
//! block on its own line, so markdown inside the block still renders and
//! every line keeps its number. When rendering, the markers become the
//! block's HTML. Offsets after a swapped line shift; [`Prepared::original`]
//! maps them back so errors point at the author's text.

use crate::error::ErrorKind;

use super::Problem;

/// A recognised block name and the label readers see.
const KNOWN: &[(&str, &str)] = &[
    ("objectives", "Objectives"),
    ("questions", "Questions"),
    ("keypoints", "Key points"),
    ("challenge", "Challenge"),
    ("solution", "Solution"),
    ("callout", "Callout"),
    ("note", "Note"),
    ("warning", "Warning"),
    ("tip", "Tip"),
    ("important", "Important"),
    ("caution", "Caution"),
    ("activity", "Activity"),
    ("reflection", "Reflection"),
    ("prereq", "Prerequisites"),
    ("discussion", "Discussion"),
    ("hint", "Hint"),
    ("checklist", "Checklist"),
    ("instructor", "Instructor note"),
    ("spoiler", "More detail"),
    ("testimonial", "Testimonial"),
    ("tab", "Tabs"),
    ("group-tab", "Tabs"),
];

/// Other names lessons use for a known block: the Workbench documents
/// `prereq`, and its own lessons write `prereqs` too.
const ALIASES: &[(&str, &str)] = &[("prereqs", "prereq")];

/// The name of a division written with only an id: no box, no label.
const PLAIN: &str = "div";

/// Blocks folded away until the reader opens them.
const FOLDED: &[&str] = &["solution", "hint", "spoiler"];

/// One block opened in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    /// Normalised name, e.g. `challenge`.
    pub name: String,
    /// The visible label.
    pub label: String,
    /// `#id` from the fence's attributes.
    pub id: Option<String>,
    /// `None` for an open box; for a folded one (`<details>`), whether it
    /// starts closed.
    pub is_closed: Option<bool>,
}

impl Block {
    /// Whether the block is for whoever runs the session, not learners.
    pub fn is_instructor_note(&self) -> bool {
        self.name == "instructor"
    }

    /// Whether the block is a set of tabs (`::: tab`, `::: group-tab`),
    /// each `###` heading inside it starting a panel.
    pub fn is_tabs(&self) -> bool {
        self.name == "tab" || self.name == "group-tab"
    }

    /// Whether the block is a plain division (`::: {#id}`), shown as its
    /// content alone.
    pub fn is_plain(&self) -> bool {
        self.name == PLAIN
    }
}

/// The text with fences swapped for markers, and what the markers mean.
#[derive(Debug, Default)]
pub struct Prepared {
    /// Text to give the markdown parser.
    pub text: String,
    /// Blocks by marker number.
    pub blocks: Vec<Block>,
    /// (offset in `text` after which the shift applies, total shift) pairs.
    shifts: Vec<(usize, isize)>,
}

impl Prepared {
    /// Gives each block that shows its kind's English label (no `title=`)
    /// the label the page's language has for it (`block-solution`).
    pub fn relabel(&mut self, resolver: &dyn super::Resolver) {
        for block in &mut self.blocks {
            let known = KNOWN.iter().find(|(key, _)| *key == block.name);
            if let Some((key, _)) = known.filter(|(_, english)| *english == block.label) {
                if let Some(label) = resolver.label(&format!("block-{key}"), None) {
                    block.label = label;
                }
            }
        }
    }

    /// Maps an offset in the prepared text back to the original text.
    pub fn original(&self, offset: usize) -> usize {
        let index = self.shifts.partition_point(|(at, _)| *at <= offset);
        let shift = index.checked_sub(1).map_or(0, |i| self.shifts[i].1);
        offset.saturating_add_signed(-shift)
    }

    /// Adds `marker` in place of a fence line `replaced` bytes long, then
    /// the line's `ending`, and notes how far later offsets have shifted.
    fn push_marker(&mut self, marker: &str, replaced: usize, ending: &str) {
        let shift = self.shifts.last().map_or(0, |&(_, shift)| shift);
        self.text.push_str(marker);
        self.text.push_str(ending);
        let shift = shift + marker.len() as isize - replaced as isize;
        self.shifts.push((self.text.len(), shift));
    }
}

/// Swaps fence lines for markers. Returns `None` when the text has no fences.
pub fn prepare(text: &str, problems: &mut Vec<Problem>) -> Option<Prepared> {
    if !text.contains(":::") {
        return None;
    }
    let mut prepared = Prepared::default();
    let mut fences = Fences::default();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let bare = line.trim_end_matches(['\n', '\r']);
        match fences.marker(bare, offset, &mut prepared.blocks, problems) {
            Some(marker) => prepared.push_marker(&marker, bare.len(), &line[bare.len()..]),
            None => prepared.text.push_str(line),
        }
        offset += line.len();
    }
    for at in fences.open {
        problems.push(Problem::error(
            ErrorKind::Markdown,
            at,
            "this block is never closed".to_string(),
            "add a line `:::` where the block ends",
        ));
    }
    if prepared.blocks.is_empty() {
        return None;
    }
    Some(prepared)
}

/// What the fence lines read so far leave open, line by line.
#[derive(Default)]
struct Fences {
    /// The offset of each block still open, innermost last.
    open: Vec<usize>,
    /// The fence of the code block the line is in (```` ``` ````), in
    /// which `:::` is code.
    code_fence: Option<String>,
}

impl Fences {
    /// The marker that stands for the line `bare` at `offset`, if it is a
    /// block's fence; a block it opens is added to `blocks`.
    fn marker(
        &mut self,
        bare: &str,
        offset: usize,
        blocks: &mut Vec<Block>,
        problems: &mut Vec<Problem>,
    ) -> Option<String> {
        if let Some(fence) = &self.code_fence {
            if is_closing_code_fence(bare, fence) {
                self.code_fence = None;
            }
            return None;
        }
        if let Some(fence) = code_fence_opener(bare) {
            self.code_fence = Some(fence);
            return None;
        }
        match fence_line(bare)? {
            Fence::Close => Some(self.close(offset, problems)),
            Fence::Open(spec) => {
                let number = blocks.len();
                blocks.push(block(spec, offset, problems));
                self.open.push(offset);
                Some(format!("<!--hearth:open:{number}-->"))
            }
        }
    }

    /// The marker of a closing fence at `offset`: none (and a warning)
    /// when no block is open.
    fn close(&mut self, offset: usize, problems: &mut Vec<Problem>) -> String {
        if self.open.pop().is_some() {
            return "<!--hearth:close-->".to_string();
        }
        problems.push(Problem::warning(
            ErrorKind::Markdown,
            offset,
            "this `:::` closes no open block".to_string(),
            "remove it, or open a block above with a line such as `::: note`",
        ));
        String::new()
    }
}

enum Fence {
    Open(Spec),
    Close,
}

/// What a fence's opening line says.
struct Spec {
    name: String,
    title: Option<String>,
    id: Option<String>,
    /// Quarto's `collapse="true"` (folded, closed) or `"false"` (folded, open).
    collapse: Option<bool>,
}

fn fence_line(line: &str) -> Option<Fence> {
    let indent = line.len() - line.trim_start_matches(' ').len();
    if indent > 3 {
        return None;
    }
    let rest = &line[indent..];
    let colons = rest.len() - rest.trim_start_matches(':').len();
    if colons < 3 {
        return None;
    }
    let spec = rest[colons..].trim().trim_end_matches(':').trim();
    if spec.is_empty() {
        return Some(Fence::Close);
    }
    parse_spec(spec).map(Fence::Open)
}

/// Reads `note`, `{.note}`, `{.callout-note title="Read this" collapse="true"}`,
/// `{#id .challenge}` or `callout-tip`.
fn parse_spec(spec: &str) -> Option<Spec> {
    let (word, attributes) = match super::attributes::at_start(spec) {
        // Pandoc's `::: {#exercise-1}`, a div with only an id, is a plain
        // division the id names (Quarto's figure divs are written so).
        Some((attributes, _)) if attributes.classes.is_empty() && attributes.id.is_some() => {
            (PLAIN.to_string(), attributes)
        }
        Some((attributes, _)) => (attributes.classes.first()?.clone(), attributes),
        None => {
            let word = spec.split_whitespace().next()?;
            (word.trim_start_matches('.').to_string(), Default::default())
        }
    };
    let name = block_name(&word)?;
    let collapse = attributes
        .get("collapse")
        .map(|value| !value.eq_ignore_ascii_case("false"));
    Some(Spec {
        name,
        // Quarto once wrote a callout's title as `caption=`.
        title: attributes
            .get("title")
            .or_else(|| attributes.get("caption"))
            .map(str::to_string),
        id: attributes.id.clone(),
        collapse,
    })
}

/// The block a fence's first word names, in lower case, without
/// Quarto's `callout-` and with an alias made its known name; `None` when
/// it is not one word.
fn block_name(word: &str) -> Option<String> {
    let name = word.to_lowercase();
    let name = name.strip_prefix("callout-").unwrap_or(&name);
    let name = ALIASES
        .iter()
        .find(|(alias, _)| *alias == name)
        .map_or(name, |(_, known)| known)
        .to_string();
    let is_word = name
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if !is_word || name.is_empty() {
        return None;
    }
    Some(name)
}

/// The block a fence opens, as its spec says; a warning when its name is
/// not one Hearth knows.
fn block(spec: Spec, offset: usize, problems: &mut Vec<Problem>) -> Block {
    let name = spec.name.as_str();
    let known = KNOWN.iter().find(|(key, _)| *key == name);
    if name == PLAIN {
        return Block {
            name: PLAIN.to_string(),
            label: String::new(),
            id: spec.id,
            is_closed: None,
        };
    }
    if known.is_none() {
        problems.push(unknown_block(name, offset));
    }
    let is_closed = spec
        .collapse
        .or_else(|| FOLDED.contains(&name).then_some(true));
    let label = spec
        .title
        .filter(|t| !t.trim().is_empty())
        .or_else(|| known.map(|(_, label)| label.to_string()))
        .unwrap_or_else(|| name.replace(['-', '_'], " "));
    Block {
        // An unknown block shows as a plain box.
        name: known.map_or("callout", |_| name).to_string(),
        label,
        id: spec.id,
        is_closed,
    }
}

/// The warning for a fence at `offset` that names no known block.
fn unknown_block(name: &str, offset: usize) -> Problem {
    let names: Vec<&str> = KNOWN.iter().map(|(key, _)| *key).collect();
    let help = match crate::yaml::suggest(name, names.iter().copied()) {
        Some(near) => format!("did you mean `{near}`?"),
        None => format!("known blocks: {}", names.join(", ")),
    };
    Problem::warning(
        ErrorKind::Markdown,
        offset,
        format!("`{name}` is not a known block; it will show as a plain box"),
        &help,
    )
}

fn code_fence_opener(line: &str) -> Option<String> {
    let trimmed = line.trim_start_matches(' ');
    if line.len() - trimmed.len() > 3 {
        return None;
    }
    let mark = trimmed.chars().next().filter(|c| *c == '`' || *c == '~')?;
    let count = trimmed.len() - trimmed.trim_start_matches(mark).len();
    (count >= 3).then(|| mark.to_string().repeat(count))
}

fn is_closing_code_fence(line: &str, fence: &str) -> bool {
    let trimmed = line.trim();
    let mark = fence.chars().next().unwrap_or('`');
    trimmed.len() >= fence.len() && trimmed.chars().all(|c| c == mark)
}

/// The HTML that opens a block; `title` is the HTML of a heading that
/// opened the block, which stands in for its label.
pub fn open_html(block: &Block, title: Option<&str>, id_prefix: &str) -> String {
    if block.is_tabs() {
        return tabs_open_html(block, id_prefix);
    }
    if block.is_plain() {
        return format!("<div{}>\n", id_attribute(block, id_prefix));
    }
    let label = match title {
        Some(title) => title.to_string(),
        None => super::escape_html(&block.label),
    };
    let id = id_attribute(block, id_prefix);
    let name = &block.name;
    match block.is_closed {
        Some(is_closed) => {
            let open = if is_closed { "" } else { " open" };
            format!(
                "<details class=\"callout callout-{name}\"{id}{open}><summary class=\"callout-title\">{label}</summary><div class=\"callout-body\">\n"
            )
        }
        None => format!(
            "<div class=\"callout callout-{name}\"{id}><p class=\"callout-title\">{label}</p><div class=\"callout-body\">\n"
        ),
    }
}

/// ` id="…"` for a block written with an id, prefixed; empty otherwise.
fn id_attribute(block: &Block, id_prefix: &str) -> String {
    block
        .id
        .as_ref()
        .map(|id| {
            format!(
                " id=\"{}\"",
                super::escape_html(&format!("{id_prefix}{id}"))
            )
        })
        .unwrap_or_default()
}

/// The opening of a set of tabs. Without the theme's script (tabs.js)
/// every panel shows under its heading, as it does in print; a
/// `group-tab` set switches with the page's other group sets.
fn tabs_open_html(block: &Block, id_prefix: &str) -> String {
    let id = id_attribute(block, id_prefix);
    let group = if block.name == "group-tab" {
        " data-tab-group=\"page\""
    } else {
        ""
    };
    format!("<div class=\"tabs\"{id}{group}>\n")
}

/// A set of tabs being written.
#[derive(Debug)]
pub struct TabSet {
    /// How many blocks are open inside the set's own: a heading starts a
    /// panel only when written directly in the set.
    pub depth: usize,
    /// The level of the heading that started the first panel.
    level: Option<u8>,
    /// Whether a panel is open and must be closed before the next one.
    pub is_panel_open: bool,
}

impl TabSet {
    /// A set with no panel yet, opened when `depth` blocks were open.
    pub fn new(depth: usize) -> Self {
        TabSet {
            depth,
            level: None,
            is_panel_open: false,
        }
    }

    /// Whether a heading of `level` starts a new panel; the first heading
    /// sets the level, and a deeper one is part of its panel.
    pub fn starts_panel(&mut self, level: u8) -> bool {
        let first = *self.level.get_or_insert(level);
        level <= first
    }
}

/// The HTML that opens one tab's panel, which its heading (`heading_id`) names.
pub fn tab_panel_open_html(heading_id: &str) -> String {
    format!(
        "<section class=\"tab-panel\" aria-labelledby=\"{}\">\n",
        super::escape_html(heading_id)
    )
}

/// The HTML that closes one tab's panel.
pub const TAB_PANEL_CLOSE: &str = "</section>\n";

/// The HTML that closes a block.
pub fn close_html(block: &Block) -> &'static str {
    if block.is_tabs() || block.is_plain() {
        return "</div>\n";
    }
    if block.is_closed.is_some() {
        "</div></details>\n"
    } else {
        "</div></div>\n"
    }
}

/// The label of a GitHub alert kind.
pub fn alert_label(kind: pulldown_cmark::BlockQuoteKind) -> (&'static str, &'static str) {
    use pulldown_cmark::BlockQuoteKind as K;
    match kind {
        K::Note => ("note", "Note"),
        K::Tip => ("tip", "Tip"),
        K::Important => ("important", "Important"),
        K::Warning => ("warning", "Warning"),
        K::Caution => ("caution", "Caution"),
    }
}

#[cfg(test)]
mod tests;
