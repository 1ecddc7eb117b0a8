//! `markdown::render`: one page's markdown body -> [`Rendered`] HTML.
//!
//! Third stage of the pipeline, run for every page in parallel. It adapts
//! pulldown-cmark's event stream: headings gain ids and anchor links (and
//! feed the table of contents), links are resolved through a [`Resolver`],
//! fenced code is highlighted, tables get a scrolling region, learning
//! blocks and alerts become callouts, citations become numbered links, and
//! raw HTML is sanitised. It knows nothing of YAML or templates: problems
//! come back as [`Problem`]s at byte offsets of the body.

pub mod attributes;
mod blocks;
mod headings;
mod highlight;
mod images;
pub mod links;
pub mod pictures;
pub mod raw_html;
mod sanitise;

use std::cell::RefCell;

use pulldown_cmark::{
    Alignment, BlockQuoteKind, BrokenLink, BrokenLinkCallback, CodeBlockKind, CowStr, Event,
    LinkType, Options as ParserOptions, Parser, Tag, TagEnd,
};

use crate::error::{ErrorKind, Severity};
pub use headings::{escape_html, Heading};
pub use highlight::Kept;
pub use images::Image;
use links::LinkTarget;
use raw_html::{Joiner, RawHtml};

/// How to render.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// Curly quotes and dashes.
    pub is_smart_punctuation: bool,
    /// Highlight fenced code.
    pub is_highlighting: bool,
    /// Pass raw HTML through unchanged.
    pub is_html_trusted: bool,
}

/// Turns link targets into URLs; implemented over the assembled site.
pub trait Resolver {
    /// The URL of a content path (page, section or file beside a page),
    /// or why there is none.
    fn content_url(&self, content_path: &str) -> Result<String, String>;
    /// A site path (`/about/`) under the site's base path.
    fn site_url(&self, path: &str) -> String;
    /// The published sizes of an image, by content path (`a/photo.jpg`) or
    /// site path (`/img/map.png`); `None` for an image shown as it is.
    fn picture(&self, _path: &str) -> Option<&pictures::Shown> {
        None
    }
    /// The highlighting kept from earlier builds, when there is any.
    fn kept_highlighting(&self) -> Option<&Kept> {
        None
    }
    /// What the page's language calls a piece of text that markdown adds:
    /// a block's label (`block-solution`), a code region's (`code-output`),
    /// a footnote's (`footnote`, with its number). `None` keeps the English.
    fn label(&self, _key: &str, _number: Option<usize>) -> Option<String> {
        None
    }
}

/// A body's first image is loaded at once, not lazily, when it starts
/// within this many bytes of the top: it is likely on the first screen.
const EAGER_BEFORE: usize = 1500;

/// What to render.
#[derive(Debug, Clone, Copy)]
pub struct Input<'a> {
    /// The markdown body.
    pub body: &'a str,
    /// Content path of the page, for relative links.
    pub path: &'a str,
    /// Ids of the references the page may cite as `[@id]`, in order.
    pub references: &'a [String],
    /// Set when the body is shown inside another page (a course's print view).
    pub scope: Option<Scope<'a>>,
}

/// How a body shown inside another page is kept apart from its neighbours.
#[derive(Debug, Clone, Copy, Default)]
pub struct Scope<'a> {
    /// Put before every id and same-page anchor.
    pub id_prefix: &'a str,
    /// Added to every heading level (at most 6).
    pub heading_offset: u8,
    /// Put before every table region's name.
    pub label_prefix: &'a str,
    /// Show `::: instructor` blocks, which learners' pages leave out.
    pub shows_instructor_notes: bool,
}

/// A problem found while rendering, at a byte offset of the body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// What kind of problem.
    pub kind: ErrorKind,
    /// Error or warning.
    pub severity: Severity,
    /// Byte offset in the body.
    pub offset: usize,
    /// What went wrong.
    pub message: String,
    /// What to do.
    pub help: String,
}

impl Problem {
    fn error(kind: ErrorKind, offset: usize, message: String, help: &str) -> Self {
        Problem {
            kind,
            severity: Severity::Error,
            offset,
            message,
            help: help.to_string(),
        }
    }

    fn warning(kind: ErrorKind, offset: usize, message: String, help: &str) -> Self {
        Problem {
            severity: Severity::Warning,
            ..Problem::error(kind, offset, message, help)
        }
    }
}

/// A link to an anchor, checked once every page is rendered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnchorLink {
    /// Content path of the target page; `None` for the same page.
    pub target: Option<String>,
    /// The anchor, without `#`.
    pub anchor: String,
    /// Byte offset of the link in the body.
    pub offset: usize,
}

/// One rendered body.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Rendered {
    /// The HTML.
    pub html: String,
    /// Headings in order, with their ids.
    pub headings: Vec<Heading>,
    /// Every id the body defines (headings, footnotes, raw HTML).
    pub ids: Vec<String>,
    /// Anchored links to check.
    pub anchors: Vec<AnchorLink>,
    /// Problems found.
    pub problems: Vec<Problem>,
    /// Number of words.
    pub word_count: usize,
    /// Every content path the body linked to and what it resolved to: the
    /// body stays valid while these resolve the same way.
    pub resolved: Vec<(String, Result<String, String>)>,
    /// Every image path the body showed, with the [`pictures::print`] of
    /// what it was shown as: the body stays valid while these are the same.
    pub pictures: Vec<(String, u64)>,
}

/// Renders one body.
pub fn render(input: &Input, options: Options, resolver: &dyn Resolver) -> Rendered {
    let mut problems = Vec::new();
    let mut prepared = blocks::prepare(input.body, &mut problems);
    if let Some(prepared) = &mut prepared {
        prepared.relabel(resolver);
    }
    let text = prepared.as_ref().map_or(input.body, |p| p.text.as_str());
    let broken = RefCell::new(Vec::new());
    let callback = Citations {
        text,
        references: input.references,
        problems: &broken,
    };
    let parser =
        Parser::new_with_broken_link_callback(text, parser_options(options), Some(callback));
    let mut renderer = Renderer::new(input, text, options, resolver, prepared.as_ref());
    renderer.problems = problems;
    renderer.read(parser.into_offset_iter());
    renderer.add_citation_problems(broken.into_inner());
    renderer.finish()
}

/// Renders a short piece of markdown written in front matter, such as a
/// recommendation: one paragraph's inline content, links resolved.
pub fn inline(text: &str, path: &str, options: Options, resolver: &dyn Resolver) -> Rendered {
    let input = Input {
        body: text,
        path,
        references: &[],
        scope: None,
    };
    let mut rendered = render(&input, options, resolver);
    let html = rendered.html.trim();
    let inner = html
        .strip_prefix("<p>")
        .and_then(|rest| rest.strip_suffix("</p>"))
        .filter(|inner| !inner.contains("<p>"));
    if let Some(inner) = inner {
        rendered.html = inner.to_string();
    }
    rendered
}

fn parser_options(options: Options) -> ParserOptions {
    let mut flags = ParserOptions::ENABLE_TABLES
        | ParserOptions::ENABLE_FOOTNOTES
        | ParserOptions::ENABLE_STRIKETHROUGH
        | ParserOptions::ENABLE_TASKLISTS
        | ParserOptions::ENABLE_HEADING_ATTRIBUTES
        | ParserOptions::ENABLE_GFM;
    if options.is_smart_punctuation {
        flags |= ParserOptions::ENABLE_SMART_PUNCTUATION;
    }
    flags
}

/// The link target that marks a bracketed span, `[text]{.class}`.
const SPAN: &str = "hearth:span";

/// Turns `[@id]` into a link to the reference list, and `[text]{.class}`
/// into a span (a link to [`SPAN`] that the renderer writes as one).
struct Citations<'r> {
    text: &'r str,
    references: &'r [String],
    problems: &'r RefCell<Vec<Problem>>,
}

impl<'input> BrokenLinkCallback<'input> for Citations<'_> {
    fn handle_broken_link(
        &mut self,
        link: BrokenLink<'input>,
    ) -> Option<(CowStr<'input>, CowStr<'input>)> {
        let Some(id) = link.reference.strip_prefix('@') else {
            let after = self.text.get(link.span.end..)?;
            return attributes::at_start(after).map(|_| (SPAN.into(), "".into()));
        };
        if self.references.iter().any(|r| r == id) {
            return Some((format!("#ref-{id}").into(), "".into()));
        }
        self.problems.borrow_mut().push(Problem::error(
            ErrorKind::BrokenLink,
            link.span.start,
            format!("the citation `[@{id}]` matches no entry in `references`"),
            "add a reference with this id to the front matter, or correct the id",
        ));
        None
    }
}

/// Whether an event is raw HTML, which blocks' markers come in and which
/// an instructor note left out still reads.
#[inline]
fn is_raw_html(event: &Event) -> bool {
    matches!(
        event,
        Event::Start(Tag::HtmlBlock)
            | Event::End(TagEnd::HtmlBlock)
            | Event::Html(_)
            | Event::InlineHtml(_)
    )
}

struct Renderer<'a, 'r> {
    input: &'a Input<'a>,
    /// The text parsed: the body, with learning-block fences swapped for markers.
    text: &'a str,
    options: Options,
    resolver: &'r dyn Resolver,
    blocks: Option<&'a blocks::Prepared>,
    open_blocks: Vec<usize>,
    /// A block just opened, whose HTML waits to see whether a heading
    /// (which becomes its title) comes first.
    block_title: Option<usize>,
    /// The block whose title the heading being read is.
    title_of: Option<usize>,
    /// Sets of tabs open, innermost last.
    tab_sets: Vec<blocks::TabSet>,
    /// While an instructor note is left out: how many blocks were open
    /// outside it.
    hidden_from: Option<usize>,
    out: Vec<Event<'a>>,
    heading: Option<headings::Pending<'a>>,
    headings: headings::Ids,
    code: Option<(String, String)>,
    skip_depth: usize,
    footnotes: Vec<String>,
    resolved: Vec<(String, Result<String, String>)>,
    last_heading: Option<String>,
    ids: Vec<String>,
    anchors: Vec<AnchorLink>,
    problems: Vec<Problem>,
    word_count: usize,
    has_raw_html: bool,
    /// Raw HTML, gathered until it is whole.
    html: Joiner,
    /// Text meant as a link that markdown left as text.
    unread: links::Unread,
    /// The range of the current event in `text`.
    range: std::ops::Range<usize>,
    /// Where the current event starts in the body.
    offset: usize,
    /// An image with attributes, or one the images stage published, being read.
    image: Option<images::Pending<'a>>,
    /// The published sizes of the image being read, and how it asks to be shown.
    picture: Option<(&'r pictures::Picture, pictures::Look)>,
    /// Image paths shown, with their prints.
    pictures: Vec<(String, u64)>,
    /// The range in `text` of an attribute block whose text is left out.
    attributes: std::ops::Range<usize>,
    /// For each open link: the HTML that closes it, when written as HTML.
    link_ends: Vec<Option<&'static str>>,
}

impl<'a, 'r> Renderer<'a, 'r> {
    fn new(
        input: &'a Input<'a>,
        text: &'a str,
        options: Options,
        resolver: &'r dyn Resolver,
        blocks: Option<&'a blocks::Prepared>,
    ) -> Self {
        Renderer {
            input,
            text,
            options,
            resolver,
            blocks,
            open_blocks: Vec::new(),
            block_title: None,
            title_of: None,
            tab_sets: Vec::new(),
            hidden_from: None,
            out: Vec::with_capacity(256),
            heading: None,
            headings: headings::Ids::default(),
            code: None,
            skip_depth: 0,
            footnotes: Vec::new(),
            resolved: Vec::new(),
            last_heading: None,
            ids: Vec::new(),
            anchors: Vec::new(),
            problems: Vec::new(),
            word_count: 0,
            has_raw_html: false,
            html: Joiner::default(),
            unread: links::Unread::default(),
            range: 0..0,
            offset: 0,
            image: None,
            picture: None,
            pictures: Vec::new(),
            attributes: 0..0,
            link_ends: Vec::new(),
        }
    }

    /// Renders every event, with its range in the parsed text.
    fn read(&mut self, events: impl Iterator<Item = (Event<'a>, std::ops::Range<usize>)>) {
        for (event, range) in events {
            self.offset = self.original(range.start);
            self.range = range;
            self.event(event);
        }
    }

    /// Adds the problems of citations that match no reference, at their
    /// offsets in the body.
    fn add_citation_problems(&mut self, citations: Vec<Problem>) {
        for mut problem in citations {
            problem.offset = self.original(problem.offset);
            self.problems.push(problem);
        }
    }

    fn event(&mut self, event: Event<'a>) {
        if self.code.is_none() {
            self.spot_unread(&event);
        }
        if self.skip_depth > 0 {
            self.skip(&event);
            return;
        }
        if self.attributes.contains(&self.range.start) {
            self.attribute_text(&event);
            return;
        }
        let is_html = is_raw_html(&event);
        if self.hidden_from.is_some() && !is_html {
            return;
        }
        if self.block_title.is_some() && !is_html {
            self.title_or_open_block(&event);
        }
        if self.image.is_some() {
            self.image_event(event);
            return;
        }
        self.dispatch(event);
    }

    /// A warning when `event` shows a link, image or footnote was left as text.
    #[inline]
    fn spot_unread(&mut self, event: &Event<'a>) {
        if let Some(missed) = self.unread.event(event, self.offset) {
            self.problems.push(Problem::warning(
                ErrorKind::Markdown,
                missed.at,
                missed.message(),
                &missed.help,
            ));
        }
    }

    /// The first event in a block just opened: a heading becomes its
    /// title; anything else comes after the block's opening.
    fn title_or_open_block(&mut self, event: &Event<'a>) {
        if let Event::Start(Tag::Heading { .. }) = event {
            self.title_of = self.block_title.take();
        } else {
            self.open_waiting_block();
        }
    }

    /// An event inside an image being gathered; at its end, the image is written.
    fn image_event(&mut self, event: Event<'a>) {
        let Some(pending) = &mut self.image else {
            return;
        };
        if let Some(image) = pending.event(event) {
            self.image = None;
            self.emit_image(&image);
        }
    }

    /// Hands an event to the function for its kind.
    #[inline]
    fn dispatch(&mut self, event: Event<'a>) {
        match event {
            Event::Start(Tag::HtmlBlock) | Event::End(TagEnd::HtmlBlock) => {
                self.html_event(&event);
                self.emit(event);
            }
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::Text(text) => self.text(text),
            Event::Html(_) | Event::InlineHtml(_) => self.html_event(&event),
            Event::TaskListMarker(is_done) => {
                let marker = self.task_marker(is_done);
                self.emit_html(marker)
            }
            Event::FootnoteReference(label) => self.footnote_reference(&label),
            other => self.emit(other),
        }
    }

    fn skip(&mut self, event: &Event<'a>) {
        match event {
            Event::Start(Tag::Link { .. }) => self.skip_depth += 1,
            Event::End(TagEnd::Link) => self.skip_depth -= 1,
            _ => {}
        }
    }

    fn emit(&mut self, event: Event<'a>) {
        match &mut self.heading {
            Some(pending) => pending.push(event),
            None => self.out.push(event),
        }
    }

    fn emit_html(&mut self, html: String) {
        self.emit(Event::Html(html.into()));
    }

    fn start(&mut self, tag: Tag<'a>) {
        match tag {
            Tag::Heading {
                level,
                id,
                classes,
                attrs,
            } => {
                let level = headings::shift(level, self.scope().heading_offset);
                self.heading = Some(headings::Pending::new(level, id, classes, attrs));
            }
            Tag::CodeBlock(kind) => self.start_code_block(kind),
            Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            } => self.link(link_type, dest_url, title, id),
            Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            } => self.start_image(link_type, dest_url, title, id),
            Tag::Table(alignments) => self.start_table(alignments),
            Tag::BlockQuote(Some(kind)) => self.start_alert(kind),
            Tag::FootnoteDefinition(label) => self.start_footnote_definition(&label),
            other => self.emit(Event::Start(other)),
        }
    }

    /// A code block: its text is gathered until its end, and the language
    /// of a fenced one is checked when code is highlighted.
    fn start_code_block(&mut self, kind: CodeBlockKind<'a>) {
        let language = match kind {
            CodeBlockKind::Fenced(info) => info.to_string(),
            CodeBlockKind::Indented => String::new(),
        };
        if self.options.is_highlighting {
            self.check_language(&language);
        }
        self.code = Some((language, String::new()));
    }

    /// A GitHub alert (`> [!NOTE]`), shown as a callout with its label.
    fn start_alert(&mut self, kind: BlockQuoteKind) {
        let (name, english) = blocks::alert_label(kind);
        let label = self.label(&format!("block-{name}"), None, english);
        self.emit_html(format!(
            "<div class=\"callout callout-{name}\"><p class=\"callout-title\">{label}</p><div class=\"callout-body\">\n"
        ));
    }

    /// A footnote's note, numbered as its first reference is.
    fn start_footnote_definition(&mut self, label: &str) {
        let number = self.footnote_number(label);
        let id = format!("{}fn-{number}", self.scope().id_prefix);
        self.ids.push(id.clone());
        self.emit_html(format!(
            "<div class=\"footnote-definition\" id=\"{id}\"><p class=\"footnote-label\">{number}.</p>"
        ));
    }

    /// An image: held until its end when it becomes a `<picture>` or carries
    /// Pandoc attributes, otherwise passed on as it is.
    fn start_image(
        &mut self,
        link_type: LinkType,
        dest_url: CowStr<'a>,
        title: CowStr<'a>,
        id: CowStr<'a>,
    ) {
        let picture = self.picture(&dest_url, &title);
        let dest_url = self.resolve(dest_url);
        let attributes = self.attributes_after();
        if attributes.is_some() || picture.is_some() {
            let attributes = attributes.unwrap_or_default();
            // `![…](map.png){#fig-map}`: links may name the image's id.
            self.ids.extend(attributes.id.clone());
            self.picture = picture;
            self.image = Some(images::Pending::new(dest_url, title, attributes));
            return;
        }
        self.emit(Event::Start(Tag::Image {
            link_type,
            dest_url,
            title,
            id,
        }));
    }

    /// A table, in a scrolling region named by the heading above it.
    fn start_table(&mut self, alignments: Vec<Alignment>) {
        let heading = self
            .last_heading
            .clone()
            .unwrap_or_else(|| self.label("table", None, "Table"));
        let label = format!("{}{heading}", self.scope().label_prefix);
        self.emit_html(format!(
            "<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" aria-label=\"{}\">",
            escape_html(&label)
        ));
        self.emit(Event::Start(Tag::Table(alignments)));
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Heading(_) => self.finish_heading(),
            TagEnd::CodeBlock => {
                if let Some((language, code)) = self.code.take() {
                    let html = highlight::code_block(
                        &code,
                        &language,
                        self.options.is_highlighting,
                        self.resolver.kept_highlighting(),
                        &|role, english| self.label(role, None, english),
                    );
                    self.emit_html(html);
                }
            }
            TagEnd::Table => {
                self.emit(Event::End(TagEnd::Table));
                self.emit_html("</div>\n".to_string());
            }
            TagEnd::BlockQuote(Some(_)) => self.emit_html("</div></div>\n".to_string()),
            TagEnd::FootnoteDefinition => self.emit_html("</div>\n".to_string()),
            TagEnd::Link => match self.link_ends.pop().flatten() {
                Some(close) => self.emit_html(close.to_string()),
                None => self.emit(Event::End(TagEnd::Link)),
            },
            other => self.emit(Event::End(other)),
        }
    }

    fn text(&mut self, text: CowStr<'a>) {
        if let Some((_, code)) = &mut self.code {
            code.push_str(&text);
            return;
        }
        self.word_count += text.split_whitespace().count();
        self.emit(Event::Text(text));
    }

    /// Raw HTML is kept until it is whole (an HTML block's lines until
    /// its end, so that tags and comments over several lines are read
    /// whole); a learning block's marker ends what came before it.
    fn html_event(&mut self, event: &Event<'a>) {
        if let Event::Html(html) | Event::InlineHtml(html) = event {
            if let Some(marker) = html.trim().strip_prefix("<!--hearth:") {
                if let Some(so_far) = self.html.take_so_far() {
                    self.raw_html(so_far);
                }
                self.block_marker(marker.trim_end_matches("-->"));
                return;
            }
        }
        if let Some(html) = self.html.feed(event, self.text, &self.range) {
            self.raw_html(html);
        }
    }

    fn raw_html(&mut self, html: RawHtml) {
        if self.hidden_from.is_some() {
            return;
        }
        self.open_waiting_block();
        self.has_raw_html = true;
        self.ids.extend(raw_html::ids(html.text()));
        let resolved = self.resolve_html_links(&html);
        self.emit_html(resolved);
    }

    /// Raw HTML with its `href` and `src` targets resolved as markdown
    /// links are: `<a href="@/a.md">` gets the page's address, and a broken
    /// one is an error at the target.
    fn resolve_html_links(&mut self, html: &RawHtml) -> String {
        let text = html.text();
        let event_offset = self.offset;
        let mut out = String::with_capacity(text.len() + 32);
        let mut last = 0;
        for range in links::in_html(text) {
            let written = &text[range.clone()];
            let target = html_escape::decode_html_entities(written).into_owned();
            self.offset = self.original(html.source_offset(range.start));
            let resolved = self.resolve(target.clone().into());
            out.push_str(&text[last..range.start]);
            if *resolved == *target {
                out.push_str(written);
            } else {
                out.push_str(&escape_html(&resolved));
            }
            last = range.end;
        }
        self.offset = event_offset;
        out.push_str(&text[last..]);
        out
    }

    /// A learning block's marker, `close` or `open:N`, as
    /// [`blocks::prepare`] wrote it in place of a fence.
    fn block_marker(&mut self, marker: &str) {
        let Some(prepared) = self.blocks else { return };
        self.open_waiting_block();
        if marker == "close" {
            self.close_block(prepared);
            return;
        }
        let number = marker
            .strip_prefix("open:")
            .and_then(|n| n.parse::<usize>().ok());
        if let Some((number, block)) = number.and_then(|n| prepared.blocks.get(n).map(|b| (n, b))) {
            self.open_block(number, block);
        }
    }

    /// Closes the innermost open block, and with it an instructor note
    /// that was left out.
    fn close_block(&mut self, prepared: &blocks::Prepared) {
        let Some(index) = self.open_blocks.pop() else {
            return;
        };
        if self.hidden_from.is_none() {
            if prepared.blocks[index].is_tabs() {
                self.close_tab_set();
            }
            self.emit_html(blocks::close_html(&prepared.blocks[index]).to_string());
        }
        if self.hidden_from == Some(self.open_blocks.len()) {
            self.hidden_from = None;
        }
    }

    /// Opens block `number`: left out (an instructor note learners do not
    /// see), a set of tabs, or a block whose opening waits to see whether
    /// a heading comes first to be its title.
    fn open_block(&mut self, number: usize, block: &blocks::Block) {
        self.open_blocks.push(number);
        if self.hidden_from.is_some() {
            return;
        }
        if block.is_instructor_note() && !self.scope().shows_instructor_notes {
            self.hidden_from = Some(self.open_blocks.len() - 1);
            return;
        }
        if block.is_tabs() {
            self.open_tab_set(block);
            return;
        }
        self.block_title = Some(number);
        if block.is_plain() {
            // A plain division has no title: a heading in it stays a heading.
            self.open_waiting_block();
        }
    }

    /// Opens a set of tabs: its headings start panels, not its title.
    fn open_tab_set(&mut self, block: &blocks::Block) {
        let prefix = self.scope().id_prefix;
        if let Some(id) = &block.id {
            self.ids.push(format!("{prefix}{id}"));
        }
        self.emit_html(blocks::open_html(block, None, prefix));
        self.tab_sets
            .push(blocks::TabSet::new(self.open_blocks.len()));
    }

    /// Closes the innermost set of tabs' last panel.
    fn close_tab_set(&mut self) {
        if let Some(set) = self.tab_sets.pop() {
            if set.is_panel_open {
                self.emit_html(blocks::TAB_PANEL_CLOSE.to_string());
            }
        }
    }

    /// Before a heading written directly in a set of tabs: ends the last
    /// panel and starts the heading's own.
    fn open_tab_panel(&mut self, heading: &Heading) {
        let depth = self.open_blocks.len();
        let Some(set) = self.tab_sets.last_mut().filter(|set| set.depth == depth) else {
            return;
        };
        if !set.starts_panel(heading.level) {
            return;
        }
        let was_open = std::mem::replace(&mut set.is_panel_open, true);
        if was_open {
            self.emit_html(blocks::TAB_PANEL_CLOSE.to_string());
        }
        self.emit_html(blocks::tab_panel_open_html(&heading.id));
    }

    /// Writes the opening of a block that has no heading for its title.
    fn open_waiting_block(&mut self) {
        let (Some(number), Some(prepared)) = (self.block_title.take(), self.blocks) else {
            return;
        };
        let block = &prepared.blocks[number];
        if let Some(id) = &block.id {
            self.ids.push(format!("{}{id}", self.scope().id_prefix));
        }
        self.emit_html(blocks::open_html(block, None, self.scope().id_prefix));
    }

    /// Writes the opening of a block whose first line was a heading: the
    /// heading becomes its title, and its id the block's.
    fn open_titled_block(&mut self, number: usize, pending: headings::Pending<'a>) {
        let Some(prepared) = self.blocks else { return };
        let mut block = prepared.blocks[number].clone();
        let prefix = self.scope().id_prefix;
        let (inner, heading) = pending.title(&mut self.headings, prefix);
        let starts_with_label = heading
            .title
            .to_lowercase()
            .starts_with(&block.label.to_lowercase());
        let title = if starts_with_label {
            inner
        } else {
            format!(
                "<span class=\"visually-hidden\">{}: </span>{inner}",
                escape_html(&block.label)
            )
        };
        let id = block.id.take().map(|id| format!("{prefix}{id}"));
        block.id = Some(id.unwrap_or_else(|| heading.id.clone()));
        if let Some(id) = &block.id {
            self.ids.push(id.clone());
        }
        self.emit_html(blocks::open_html(&block, Some(&title), ""));
    }

    /// The offset in the body of an offset in the parsed text.
    fn original(&self, offset: usize) -> usize {
        self.blocks
            .map_or(offset, |prepared| prepared.original(offset))
    }

    fn scope(&self) -> Scope<'a> {
        self.input.scope.unwrap_or_default()
    }

    fn footnote_number(&mut self, label: &str) -> usize {
        match self.footnotes.iter().position(|l| l == label) {
            Some(index) => index + 1,
            None => {
                self.footnotes.push(label.to_string());
                self.footnotes.len()
            }
        }
    }

    /// Text markdown adds, in the page's language when the resolver has it.
    fn label(&self, key: &str, number: Option<usize>, english: &str) -> String {
        self.resolver
            .label(key, number)
            .unwrap_or_else(|| english.to_string())
    }

    /// A task-list tick as text with a name: a bare checkbox would be an
    /// unlabelled form field.
    fn task_marker(&self, is_done: bool) -> String {
        let (class, key, english, mark) = if is_done {
            ("task-done", "task-done", "Done", '☑')
        } else {
            ("task-todo", "task-not-done", "Not done", '☐')
        };
        let name = escape_html(&self.label(key, None, english));
        format!("<span class=\"task {class}\" role=\"img\" aria-label=\"{name}\">{mark}</span> ")
    }

    fn footnote_reference(&mut self, label: &str) {
        let number = self.footnote_number(label);
        let prefix = self.scope().id_prefix;
        self.anchors.push(AnchorLink {
            target: None,
            anchor: format!("{prefix}fn-{number}"),
            offset: self.offset,
        });
        let name = self.label("footnote", Some(number), &format!("Footnote {number}"));
        self.emit_html(format!(
            "<sup class=\"footnote-ref\"><a href=\"#{prefix}fn-{number}\" aria-label=\"{}\">{number}</a></sup>",
            escape_html(&name)
        ));
    }

    /// A warning for a fence whose language is a slip away from a known
    /// one (```` ```pyhton ````), at the language: the block would be
    /// shown without highlighting.
    fn check_language(&mut self, info: &str) {
        let Some(near) = highlight::near_language(info) else {
            return;
        };
        let fence = &self.text[self.range.start..];
        let info_at = fence
            .find(|c: char| !c.is_whitespace() && c != '`' && c != '~')
            .unwrap_or(0);
        let written = highlight::block_language(info);
        let names: Vec<String> = near.iter().map(|name| format!("`{name}`")).collect();
        self.problems.push(Problem::warning(
            ErrorKind::Markdown,
            self.original(self.range.start + info_at),
            format!("the code block's language `{written}` is not one Hearth knows, so the code is not highlighted"),
            &format!("did you mean {}?", names.join(" or ")),
        ));
    }

    fn finish_heading(&mut self) {
        let Some(pending) = self.heading.take() else {
            return;
        };
        if let Some(number) = self.title_of.take() {
            self.open_titled_block(number, pending);
            return;
        }
        let prefix = self.scope().id_prefix;
        self.check_custom_id(&pending);
        let anchor = self.label("heading-anchor", None, "Link to section");
        let (html, heading) = pending.finish(&mut self.headings, prefix, &anchor);
        self.last_heading = Some(heading.title.clone());
        self.ids.push(heading.id.clone());
        // A heading inside a block belongs to the block, not the page's
        // contents; a plain division is no block of its own.
        self.open_tab_panel(&heading);
        if !self.is_in_block() {
            self.headings.found.push(heading);
        }
        self.emit_html(html);
    }

    /// A warning when a heading's `{#id}` is one another heading has.
    fn check_custom_id(&mut self, pending: &headings::Pending<'a>) {
        if let Some(custom) = pending.custom_id().filter(|id| self.headings.is_taken(id)) {
            self.problems.push(Problem::warning(
                ErrorKind::Markdown,
                self.offset,
                format!("another heading on this page already has the id `{custom}`"),
                "give each heading its own {#id}: links to this one would go to the first",
            ));
        }
    }

    /// Whether a block other than a plain division is open.
    fn is_in_block(&self) -> bool {
        self.blocks.is_some_and(|prepared| {
            self.open_blocks
                .iter()
                .any(|&number| !prepared.blocks[number].is_plain())
        })
    }

    /// The published sizes of an image and how it is to be shown, when the
    /// images stage published it; `None`, after reporting why it could not
    /// when it tried, for a plain `<img>`.
    fn picture(
        &mut self,
        dest: &str,
        title: &str,
    ) -> Option<(&'r pictures::Picture, pictures::Look)> {
        let key = match links::classify(dest, self.input.path) {
            LinkTarget::Content(path, _) | LinkTarget::SitePath(path) => path,
            _ => return None,
        };
        let resolver = self.resolver;
        let shown = resolver.picture(&key);
        self.pictures.push((key, pictures::print(shown)));
        let is_first = self.pictures.len() == 1;
        let picture = match shown {
            Some(Ok(picture)) => picture,
            Some(Err(fault)) => {
                self.image_fault(fault);
                return None;
            }
            None => return None,
        };
        if let Some(warning) = &picture.warning {
            self.image_fault(warning);
        }
        Some((picture, self.look(title, is_first)))
    }

    /// How an image with `title` is shown: at once, not lazily, when it is
    /// the body's first near the top of a page; as one size in a print view.
    fn look(&self, title: &str, is_first: bool) -> pictures::Look {
        pictures::Look {
            title: title.to_string(),
            is_eager: is_first && self.offset < EAGER_BEFORE && self.input.scope.is_none(),
            is_print: self.input.scope.is_some(),
            ..pictures::Look::default()
        }
    }

    fn image_fault(&mut self, fault: &pictures::Fault) {
        let make = if fault.is_error {
            Problem::error
        } else {
            Problem::warning
        };
        let problem = make(fault.kind, self.offset, fault.message.clone(), &fault.help);
        self.problems.push(problem);
    }

    /// Writes a gathered image: as a `<picture>` of its published sizes,
    /// at the width it asks for, when the images stage published it; else
    /// as one `<img>`.
    fn emit_image(&mut self, image: &images::Image) {
        let html = match self.picture.take() {
            Some((picture, mut look)) => {
                look.alt.clone_from(&image.alt);
                look.width = image.width_pixels();
                look.attributes = images::attributes_html(image);
                pictures::html(picture, &look)
            }
            None => images::html(image),
        };
        self.emit_html(html);
    }

    /// A link: a citation, a bracketed span, a link with attributes
    /// (written as HTML), or a plain link, its address resolved.
    fn link(&mut self, link_type: LinkType, dest: CowStr<'a>, title: CowStr<'a>, id: CowStr<'a>) {
        let is_citation = matches!(
            link_type,
            LinkType::ShortcutUnknown | LinkType::CollapsedUnknown | LinkType::ReferenceUnknown
        ) && dest.starts_with("#ref-");
        if is_citation {
            self.citation(&dest["#ref-".len()..]);
            return;
        }
        if dest.as_ref() == SPAN && link_type != LinkType::Inline {
            self.start_span();
            return;
        }
        let dest_url = self.resolve(dest);
        if let Some(attributes) = self.attributes_after() {
            self.link_with_attributes(&dest_url, &title, &attributes);
            return;
        }
        self.link_ends.push(None);
        self.emit(Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }));
    }

    /// A citation `[@key]`: a numbered link to the reference list, whose
    /// text (the key) is left out.
    fn citation(&mut self, key: &str) {
        let number = self
            .input
            .references
            .iter()
            .position(|r| r == key)
            .unwrap_or(0)
            + 1;
        let name = self.label("citation", Some(number), &format!("Reference {number}"));
        self.emit_html(format!(
            "<a class=\"citation\" href=\"#ref-{}\" aria-label=\"{}\">[{number}]</a>",
            escape_html(key),
            escape_html(&name)
        ));
        self.skip_depth = 1;
    }

    /// A bracketed span, `[text]{.class}`, written as a `<span>`.
    fn start_span(&mut self) {
        let attributes = self.attributes_after().unwrap_or_default();
        // A span's `#id` is a place links may point at.
        self.ids.extend(attributes.id.clone());
        self.link_ends.push(Some("</span>"));
        self.emit_html(format!("<span{}>", attributes.html(&[])));
    }

    /// A link followed by an attribute block, written as an `<a>` with them.
    fn link_with_attributes(
        &mut self,
        dest_url: &str,
        title: &str,
        attributes: &attributes::Attributes,
    ) {
        self.ids.extend(attributes.id.clone());
        let title = if title.is_empty() {
            String::new()
        } else {
            format!(" title=\"{}\"", escape_html(title))
        };
        self.link_ends.push(Some("</a>"));
        self.emit_html(format!(
            "<a href=\"{}\"{title}{}>",
            escape_html(dest_url),
            attributes.html(&[])
        ));
    }

    /// The attribute block just after the current element, if there is
    /// one; its text is then left out of the page.
    fn attributes_after(&mut self) -> Option<attributes::Attributes> {
        let after = self.range.end;
        let (found, length) = attributes::at_start(self.text.get(after..)?)?;
        self.attributes = after..after + length;
        Some(found)
    }

    /// An event that starts inside an attribute block: left out, but for
    /// text that runs on past the block's end.
    fn attribute_text(&mut self, event: &Event<'a>) {
        let end = self.attributes.end;
        if let Event::Text(_) = event {
            if self.range.end > end {
                let rest = self.text[end..self.range.end].to_string();
                self.word_count += rest.split_whitespace().count();
                self.emit(Event::Text(rest.into()));
            }
        }
    }

    fn resolve(&mut self, dest: CowStr<'a>) -> CowStr<'a> {
        match links::classify(&dest, self.input.path) {
            LinkTarget::External => dest,
            LinkTarget::SamePage(anchor) => {
                let prefix = self.scope().id_prefix;
                self.want_anchor(None, format!("{prefix}{anchor}"));
                if prefix.is_empty() {
                    dest
                } else {
                    format!("#{prefix}{anchor}").into()
                }
            }
            LinkTarget::SitePath(path) => self.resolver.site_url(&path).into(),
            LinkTarget::Content(path, anchor) => self.content_link(&dest, &path, anchor),
            LinkTarget::Dangerous => self.refuse_dangerous(dest),
            LinkTarget::OutsideContent => {
                self.broken(&dest, "it climbs above the content folder");
                dest
            }
        }
    }

    fn content_link(&mut self, dest: &str, path: &str, anchor: Option<String>) -> CowStr<'a> {
        let result = self.resolver.content_url(path);
        self.resolved.push((path.to_string(), result.clone()));
        match result {
            Ok(url) => {
                let fragment = anchor
                    .as_deref()
                    .map(|a| format!("#{a}"))
                    .unwrap_or_default();
                if let Some(anchor) = anchor.filter(|a| !a.is_empty()) {
                    self.want_anchor(Some(path.to_string()), anchor);
                }
                format!("{url}{fragment}").into()
            }
            Err(why) => {
                self.broken(dest, &why);
                dest.to_string().into()
            }
        }
    }

    fn want_anchor(&mut self, target: Option<String>, anchor: String) {
        if !anchor.is_empty() {
            self.anchors.push(AnchorLink {
                target,
                anchor,
                offset: self.offset,
            });
        }
    }

    fn broken(&mut self, dest: &str, why: &str) {
        // Raw HTML pasted from a word processor: `href=”a.md”` is an
        // unquoted value with the curly quotes in it.
        let curly = ['“', '”', '‘', '’'];
        let file = dest.split(['#', '?']).next().unwrap_or(dest);
        let is_page = crate::files::is_markdown(file)
            || !file.rsplit('/').next().unwrap_or(file).contains('.');
        let help = if dest.starts_with(curly) || dest.ends_with(curly) {
            "put straight quotes (\") around the address: curly quotes, as word processors type them, become part of it"
        } else if is_page {
            "link to a page as @/path/from/content.md, or check the spelling"
        } else {
            "put the file in the content folder and give its path from this page (img/map.png) or from the content folder (@/img/map.png), or check the spelling"
        };
        self.problems.push(Problem::error(
            ErrorKind::BrokenLink,
            self.offset,
            format!("broken link `{dest}`: {why}"),
            help,
        ));
    }

    fn refuse_dangerous(&mut self, dest: CowStr<'a>) -> CowStr<'a> {
        if self.options.is_html_trusted {
            return dest;
        }
        self.problems.push(Problem::error(
            ErrorKind::InvalidValue,
            self.offset,
            "links that run scripts or embed data are not allowed".to_string(),
            "link to a page or a web address instead",
        ));
        "#".into()
    }

    fn finish(mut self) -> Rendered {
        let mut html = String::with_capacity(self.input.body.len() * 3 / 2);
        pulldown_cmark::html::push_html(&mut html, self.out.drain(..));
        if self.has_raw_html && !self.options.is_html_trusted {
            html = sanitise::clean(&html);
        }
        Rendered {
            html,
            headings: self.headings.found,
            ids: self.ids,
            anchors: self.anchors,
            problems: self.problems,
            word_count: self.word_count,
            resolved: self.resolved,
            pictures: self.pictures,
        }
    }
}

#[cfg(test)]
mod tests;
