//! A Word document's body as blocks of markdown: headings by level,
//! paragraphs, lists (nested, bulleted or numbered as `numbering.xml`
//! says) and tables with their header row. [`runs`] reads what is inside a
//! paragraph (bold and italic, links, footnotes, pictures with their alt
//! text) and notes what cannot come across (text boxes, comments, tracked
//! changes, SmartArt, charts, equations...) with where it was; [`inline`]
//! writes it out as markdown. [`super::front`] turns the blocks into a page.

pub mod body;
mod inline;
mod runs;
mod styles;

pub(crate) use inline::escape;
use inline::{render, Piece};
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use styles::{numbering_of, outline_level, style_by_id, styles, Style};

use roxmltree::{Document, Node};

use super::docx::{self, descendant, is_w, w_attr, w_child, Relationship};
use super::{front, Note, NoteKind, Place, Plan};
use crate::error::Error;

/// One block of the body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Block {
    /// A paragraph in Word's Title style.
    Title(String),
    /// A heading: Word's level (1 for Heading 1), its plain text and place.
    Heading {
        /// Word's level, 1 to 9.
        level: u8,
        /// The heading's text.
        text: String,
        /// Where it is.
        place: Place,
    },
    /// A paragraph: markdown and plain text.
    Paragraph {
        /// As markdown.
        text: String,
        /// As plain text.
        plain: String,
    },
    /// A list item: depth from 0, numbered or bulleted.
    Item {
        /// Nesting depth, from 0.
        depth: usize,
        /// True for a numbered list.
        is_ordered: bool,
        /// As markdown.
        text: String,
        /// As plain text.
        plain: String,
    },
    /// A table: rows of cells as markdown, the first row its header.
    Table(Vec<Vec<String>>),
}

/// A picture to save beside the page.
#[derive(Debug, Clone)]
pub(crate) struct Picture {
    /// The file name it is saved under.
    pub name: String,
    /// Its path inside the package.
    pub part: String,
    /// True when Word gave it no alt text.
    pub has_no_alt: bool,
    /// Where it was.
    pub place: Place,
}

/// A document's body, converted.
#[derive(Debug, Default)]
pub(crate) struct Converted {
    /// The blocks, in order.
    pub blocks: Vec<Block>,
    /// Footnotes: label and markdown text, in the order first cited.
    pub footnotes: Vec<(usize, String)>,
    /// Pictures to save.
    pub pictures: Vec<Picture>,
    /// What the author should know.
    pub notes: Vec<Note>,
}

/// A note cited in the text: a footnote or an endnote, by its id. Both
/// become markdown footnotes, which the page lists at its end (where
/// endnotes are).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Cited {
    /// `footnote` or `endnote`, as the element is named.
    element: &'static str,
    id: String,
}

/// What turns the XML into blocks, with the document-wide facts it needs.
struct Converter<'a, 'i> {
    relationships: HashMap<String, Relationship>,
    styles: HashMap<String, Style>,
    /// numId -> abstractNumId.
    lists: HashMap<String, String>,
    /// (abstractNumId, level) -> numFmt.
    formats: HashMap<(String, usize), String>,
    comments: HashMap<String, String>,
    footnotes: Option<&'a Document<'i>>,
    endnotes: Option<&'a Document<'i>>,
    /// Footnotes and endnotes in the order first cited, with their place.
    cited: Vec<(Cited, Place)>,
    /// Complex fields (`w:fldChar`) open in the paragraph being read.
    fields: Vec<runs::Field>,
    picture_stem: String,
    pictures: Vec<Picture>,
    notes: Vec<Note>,
    paragraph: usize,
    heading: Option<String>,
    noted: HashSet<String>,
    place_override: Option<Place>,
}

/// Converts the package's body.
pub(crate) fn convert(
    package: &docx::Package,
    path: &Path,
    picture_stem: &str,
) -> Result<Converted, Error> {
    let document = docx::parse(&package.document, path, "word/document.xml")?;
    let footnotes = parse_part(package.footnotes.as_deref(), path, "word/footnotes.xml")?;
    let endnotes = parse_part(package.endnotes.as_deref(), path, "word/endnotes.xml")?;
    let notes = (footnotes.as_ref(), endnotes.as_ref());
    let mut converter = Converter::new(package, path, picture_stem, notes)?;
    if let Some(text) = &package.numbering {
        let xml = docx::parse(text, path, "word/numbering.xml")?;
        converter.read_numbering(&xml);
    }
    let mut blocks = Vec::new();
    if let Some(body) = descendant(document.root(), "body") {
        converter.blocks(body, &mut blocks);
    }
    let footnotes = converter.footnote_texts();
    converter.note_missing_pictures(&package.media);
    Ok(Converted {
        blocks,
        footnotes,
        pictures: converter.pictures,
        notes: converter.notes,
    })
}

/// Parses a part the package may lack.
fn parse_part<'t>(
    text: Option<&'t str>,
    path: &Path,
    part: &str,
) -> Result<Option<Document<'t>>, Error> {
    text.map(|text| docx::parse(text, path, part)).transpose()
}

fn comments(text: Option<&str>, path: &Path) -> Result<HashMap<String, String>, Error> {
    let mut found = HashMap::new();
    let Some(text) = text else {
        return Ok(found);
    };
    let xml = docx::parse(text, path, "word/comments.xml")?;
    for node in xml.descendants().filter(|n| is_w(*n, "comment")) {
        if let Some(id) = w_attr(node, "id") {
            found.insert(id.to_string(), plain_text(node));
        }
    }
    Ok(found)
}

/// The text of `node` as Word shows it, deleted text left out.
fn plain_text(node: Node<'_, '_>) -> String {
    let text: String = node
        .descendants()
        .filter(|n| is_w(*n, "t"))
        .filter(|n| {
            !n.ancestors()
                .any(|a| is_w(a, "del") || is_w(a, "txbxContent"))
        })
        .filter_map(|n| n.text())
        .collect();
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The first words of a text, for a note.
fn excerpt(text: &str) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.len() <= 8 {
        words.join(" ")
    } else {
        format!("{}...", words[..8].join(" "))
    }
}

impl<'a, 'i> Converter<'a, 'i> {
    /// A converter for `package`, with its footnotes and endnotes parsed.
    fn new(
        package: &docx::Package,
        path: &Path,
        picture_stem: &str,
        (footnotes, endnotes): (Option<&'a Document<'i>>, Option<&'a Document<'i>>),
    ) -> Result<Self, Error> {
        Ok(Converter {
            relationships: docx::relationships(package.relationships.as_deref(), path)?,
            styles: styles(package.styles.as_deref(), path)?,
            lists: HashMap::new(),
            formats: HashMap::new(),
            comments: comments(package.comments.as_deref(), path)?,
            footnotes,
            endnotes,
            cited: Vec::new(),
            fields: Vec::new(),
            picture_stem: picture_stem.to_string(),
            pictures: Vec::new(),
            notes: Vec::new(),
            paragraph: 0,
            heading: None,
            noted: HashSet::new(),
            place_override: None,
        })
    }

    /// A note for each picture the document shows that its package lacks.
    fn note_missing_pictures(&mut self, media: &HashMap<String, Vec<u8>>) {
        for picture in &self.pictures {
            if !media.contains_key(&picture.part) {
                self.notes.push(Note {
                    kind: NoteKind::Unsupported,
                    place: picture.place.clone(),
                    message: format!("the picture {} is missing from the document", picture.part),
                    written: None,
                });
            }
        }
    }

    fn read_numbering(&mut self, xml: &Document<'_>) {
        for node in xml.descendants().filter(|n| is_w(*n, "num")) {
            let id = w_attr(node, "numId");
            let abstract_id = w_child(node, "abstractNumId").and_then(|n| w_attr(n, "val"));
            if let (Some(id), Some(abstract_id)) = (id, abstract_id) {
                self.lists.insert(id.to_string(), abstract_id.to_string());
            }
        }
        for node in xml.descendants().filter(|n| is_w(*n, "abstractNum")) {
            let Some(id) = w_attr(node, "abstractNumId") else {
                continue;
            };
            for level in node.children().filter(|n| is_w(*n, "lvl")) {
                let number = w_attr(level, "ilvl").and_then(|v| v.parse().ok());
                let format = w_child(level, "numFmt").and_then(|n| w_attr(n, "val"));
                if let (Some(number), Some(format)) = (number, format) {
                    self.formats
                        .insert((id.to_string(), number), format.to_string());
                }
            }
        }
    }

    /// Whether a list level is numbered; `None` when it is not a list.
    fn is_ordered(&self, id: &str, level: usize) -> Option<bool> {
        if id == "0" {
            return None;
        }
        let abstract_id = self.lists.get(id)?;
        match self
            .formats
            .get(&(abstract_id.clone(), level))
            .map(String::as_str)
        {
            Some("none") => None,
            Some("bullet") => Some(false),
            Some(_) => Some(true),
            None => Some(false),
        }
    }

    fn place(&self) -> Place {
        self.place_override.clone().unwrap_or_else(|| Place {
            paragraph: self.paragraph,
            heading: self.heading.clone(),
            file: None,
        })
    }

    fn note(&mut self, message: String) {
        let place = self.place();
        self.notes.push(Note {
            kind: NoteKind::Unsupported,
            place,
            message,
            written: None,
        });
    }

    /// Notes `what` once per paragraph.
    fn note_once(&mut self, key: &str, message: &str) {
        if self.noted.insert(format!("{}:{key}", self.paragraph)) {
            self.note(message.to_string());
        }
    }

    fn blocks(&mut self, parent: Node<'_, '_>, out: &mut Vec<Block>) {
        for child in parent.children().filter(Node::is_element) {
            match child.tag_name().name() {
                "p" => {
                    if let Some(block) = self.paragraph(child) {
                        out.push(block);
                    }
                }
                "tbl" => {
                    let table = self.table(child);
                    if !table.is_empty() {
                        out.push(Block::Table(table));
                    }
                }
                "sdt" | "sdtContent" | "customXml" | "ins" | "moveTo" => self.blocks(child, out),
                "AlternateContent" => {
                    if let Some(choice) = runs::choice_of(child) {
                        self.blocks(choice, out);
                    }
                }
                "altChunk" => self.note(
                    "a document embedded in the document cannot come across; copy its text in"
                        .to_string(),
                ),
                _ => {}
            }
        }
    }

    fn paragraph(&mut self, node: Node<'_, '_>) -> Option<Block> {
        self.paragraph += 1;
        let properties = w_child(node, "pPr");
        let style = self.style_of(properties);
        let outline = outline_level(properties);
        let pieces = self.pieces(node, &style);
        let text = render(&pieces).trim().to_string();
        let plain = plain_text(node);
        if text.is_empty() {
            return None;
        }
        if style.is_title {
            return Some(Block::Title(plain));
        }
        if let Some(level) = style.heading.or(outline) {
            let place = self.place();
            self.heading = Some(plain.clone());
            if !plain.is_empty() {
                return Some(Block::Heading {
                    level,
                    text: plain,
                    place,
                });
            }
        }
        Some(self.item_or_paragraph(properties, &style, text, plain))
    }

    /// The paragraph style named in a paragraph's `properties`, the default
    /// style when it names none.
    fn style_of(&self, properties: Option<Node<'_, '_>>) -> Style {
        properties
            .and_then(|p| w_child(p, "pStyle"))
            .and_then(|s| w_attr(s, "val"))
            .map(|id| {
                self.styles
                    .get(id)
                    .cloned()
                    .unwrap_or_else(|| style_by_id(id))
            })
            .unwrap_or_default()
    }

    /// A list item when the paragraph is numbered (by itself or by its
    /// style) in a list that shows numbers or bullets, else a paragraph.
    fn item_or_paragraph(
        &self,
        properties: Option<Node<'_, '_>>,
        style: &Style,
        text: String,
        plain: String,
    ) -> Block {
        let numbering = match properties.and_then(numbering_of) {
            Some(own) => Some((own, 0)),
            None => style
                .numbering
                .clone()
                .map(|by_style| (by_style, style.list_depth)),
        };
        if let Some(((id, level), extra)) = numbering {
            if let Some(is_ordered) = self.is_ordered(&id, level) {
                let depth = level + extra;
                return Block::Item {
                    depth,
                    is_ordered,
                    text,
                    plain,
                };
            }
        }
        Block::Paragraph { text, plain }
    }

    /// A table's rows of cells. A cell merged across columns (`gridSpan`)
    /// is followed by empty cells; one merged down rows (`vMerge`) has its
    /// text repeated in each row it covers, since a markdown table cannot
    /// merge cells, and the author is told where.
    fn table(&mut self, node: Node<'_, '_>) -> Vec<Vec<String>> {
        let mut merged = MergedDown::default();
        let mut rows = Vec::new();
        for row in node.children().filter(|n| is_w(*n, "tr")) {
            rows.push(self.row(row, &mut merged));
        }
        rows
    }

    /// A table row's cells; a cell merged across columns is followed by
    /// empty cells.
    fn row(&mut self, row: Node<'_, '_>, merged: &mut MergedDown) -> Vec<String> {
        let mut cells = Vec::new();
        for cell in row.children().filter(|n| is_w(*n, "tc")) {
            let properties = w_child(cell, "tcPr");
            let text = self.cell_text(cell);
            let merge = properties.and_then(|p| w_child(p, "vMerge"));
            let text = self.merged_text(merge, cells.len(), text, merged);
            cells.push(text);
            let span = grid_span(properties).saturating_sub(1).min(63);
            cells.extend(std::iter::repeat_n(String::new(), span));
        }
        cells
    }

    /// A cell's text where cells may be merged down (`merge` is its
    /// `vMerge`): the cell that starts a merge keeps its text for the
    /// cells it covers below, which repeat it; the author is told once.
    fn merged_text(
        &mut self,
        merge: Option<Node<'_, '_>>,
        column: usize,
        text: String,
        merged: &mut MergedDown,
    ) -> String {
        match merge {
            Some(merge) if w_attr(merge, "val") == Some("restart") => {
                merged.texts.insert(column, text.clone());
                text
            }
            Some(_) => {
                if !merged.is_noted {
                    merged.is_noted = true;
                    self.note("cells merged down a table's rows cannot be merged in a markdown table: the merged cell's text is repeated in each row it covered; check the table reads well".to_string());
                }
                merged.texts.get(&column).cloned().unwrap_or(text)
            }
            None => {
                merged.texts.remove(&column);
                text
            }
        }
    }

    /// A table cell's paragraphs as one line of markdown.
    fn cell_text(&mut self, cell: Node<'_, '_>) -> String {
        let mut texts = Vec::new();
        for child in cell.children().filter(Node::is_element) {
            if is_w(child, "p") {
                self.paragraph += 1;
                let pieces = self.pieces(child, &Style::default());
                let text = render(&pieces).replace("\\\n", " ").replace('\n', " ");
                if !text.trim().is_empty() {
                    texts.push(text.trim().to_string());
                }
            } else if is_w(child, "tbl") {
                self.note(
                    "a table inside a table cell cannot come across; its text is left out"
                        .to_string(),
                );
            }
        }
        texts.join(" ")
    }

    fn footnote_texts(&mut self) -> Vec<(usize, String)> {
        let mut texts = Vec::new();
        let mut index = 0;
        // A footnote may cite another, which adds to `cited` as we go.
        while index < self.cited.len() {
            let (cited, place) = self.cited[index].clone();
            index += 1;
            let Some(note) = self.note_element(&cited) else {
                continue;
            };
            self.place_override = Some(place);
            let text = self.note_text(note);
            self.place_override = None;
            texts.push((index, text));
        }
        texts
    }

    /// The footnote or endnote element that `cited` cites.
    fn note_element(&self, cited: &Cited) -> Option<Node<'a, 'i>> {
        let xml = if cited.element == "endnote" {
            self.endnotes
        } else {
            self.footnotes
        };
        xml.and_then(|xml| {
            xml.descendants()
                .find(|n| is_w(*n, cited.element) && w_attr(*n, "id") == Some(cited.id.as_str()))
        })
    }

    /// A footnote's paragraphs as one line of markdown.
    fn note_text(&mut self, note: Node<'_, '_>) -> String {
        let mut paragraphs = Vec::new();
        for paragraph in note.children().filter(|n| is_w(*n, "p")) {
            let pieces = self.pieces(paragraph, &Style::default());
            let text = render(&pieces).replace("\\\n", " ");
            if !text.trim().is_empty() {
                paragraphs.push(text.trim().to_string());
            }
        }
        paragraphs.join(" ")
    }
}

/// How many grid columns a table cell spans (`w:gridSpan`), at least one.
fn grid_span(properties: Option<Node<'_, '_>>) -> usize {
    properties
        .and_then(|p| w_child(p, "gridSpan"))
        .and_then(|n| w_attr(n, "val"))
        .and_then(|v| v.parse::<usize>().ok())
        .unwrap_or(1)
}

/// The cells merged down a table's rows, as a markdown table repeats them.
#[derive(Default)]
struct MergedDown {
    /// The text of a cell merged down, by the grid column it starts in.
    texts: HashMap<usize, String>,
    /// Whether the author has been told of merged cells in this table.
    is_noted: bool,
}

/// Plans the page a Word document becomes.
pub(crate) fn plan(options: &super::ImportOptions) -> Result<Plan, Error> {
    let path = &options.source;
    let package = docx::read(path)?;
    let core = docx::core(package.core.as_deref(), path)?;
    let kind = options.kind.unwrap_or(super::PageKind::Page);
    let target = front::target(options, kind, &core, &package, path)?;
    let converted = convert(&package, path, &target.stem)?;
    let page = front::page(&target, kind, core, converted, options.today);
    let mut plan = Plan::default();
    for picture in &page.pictures {
        if let Some(bytes) = package.media.get(&picture.part) {
            plan.files
                .push((target.folder.join(&picture.name), bytes.clone()));
        }
    }
    plan.files
        .insert(0, (target.file(), page.text.into_bytes()));
    plan.notes = page.notes;
    Ok(plan)
}

/// The folder and file stem a document's page is written to.
#[derive(Debug, Clone)]
pub struct Target {
    /// The folder, under the site root (`content/briefs`).
    pub folder: PathBuf,
    /// The file name without `.md`.
    pub stem: String,
    /// The next free commitment number there.
    pub number: u64,
}

impl Target {
    /// The page's path under the site root.
    pub(crate) fn file(&self) -> PathBuf {
        self.folder.join(format!("{}.md", self.stem))
    }
}
