//! The blocks of a converted Word document written out as markdown:
//! headings (with skipped levels mended, and noted), paragraphs, nested
//! lists, tables with their header row, and footnotes at the end.

use super::{escape, Block};
use crate::import::{Note, NoteKind, Place};

/// The body as markdown. Headings are one level below the page title (a
/// Heading 1 becomes `##`, or a Heading 2 when a Heading 1 was taken as
/// the title), and a heading that skips a level is written one level below
/// the heading it is under, with a note. Mended headings' notes get the
/// line in the body; the caller adds the front matter's.
pub(crate) fn write(
    blocks: &[Block],
    footnotes: &[(usize, String)],
    taken: Option<u8>,
    notes: &mut Vec<Note>,
) -> String {
    let mut writer = Writer {
        shift: taken.unwrap_or(0),
        out: String::new(),
        headings: Vec::new(),
        items: Vec::new(),
        was_item: false,
        last_kind: None,
        notes,
    };
    for block in blocks {
        writer.separate(block);
        writer.block(block);
    }
    writer.footnotes(footnotes);
    writer.out
}

/// The markdown written so far and what the blocks above leave open.
struct Writer<'n> {
    /// The Word heading level taken as the page title (0 when none): every
    /// heading is written that many levels higher.
    shift: u8,
    out: String,
    /// (Word level, written level) of the headings above.
    headings: Vec<(u8, u8)>,
    /// (depth, marker width) of the list items above.
    items: Vec<(usize, usize)>,
    was_item: bool,
    /// Whether the top-level list above is numbered, while in a list.
    last_kind: Option<bool>,
    notes: &'n mut Vec<Note>,
}

impl Writer<'_> {
    /// The blank line before a block: every block but an item straight
    /// after an item starts with one, and so does a bulleted list straight
    /// after a numbered one (or the other way round), to keep the two apart.
    fn separate(&mut self, block: &Block) {
        let is_item = matches!(block, Block::Item { .. });
        let kind = match block {
            Block::Item {
                depth: 0,
                is_ordered,
                ..
            } => Some(*is_ordered),
            _ => None,
        };
        let is_new_list = kind.is_some() && self.last_kind.is_some() && kind != self.last_kind;
        if kind.is_some() {
            self.last_kind = kind;
        }
        if !is_item {
            self.last_kind = None;
            self.items.clear();
        }
        if !(is_item && self.was_item) || is_new_list {
            self.out.push('\n');
        }
        self.was_item = is_item;
    }

    fn block(&mut self, block: &Block) {
        match block {
            Block::Heading { level, text, place } => self.heading(*level, text, place),
            Block::Paragraph { text, .. } => {
                self.out.push_str(&paragraph_start(text));
                self.out.push('\n');
            }
            Block::Title(text) => self.out.push_str(&format!("{}\n", escape(text))),
            Block::Item {
                depth,
                is_ordered,
                text,
                ..
            } => self.item(*depth, *is_ordered, text),
            Block::Table(rows) => self.out.push_str(&table(rows)),
        }
    }

    /// A heading one level below the heading it is under, with a note
    /// when that is not the level Word gave it.
    fn heading(&mut self, level: u8, text: &str, place: &Place) {
        while self.headings.last().is_some_and(|(word, _)| *word >= level) {
            self.headings.pop();
        }
        let parent = self.headings.last().copied();
        let written = parent.map_or(2, |(_, written)| written + 1).min(6);
        let wanted = (level + 1).saturating_sub(self.shift).clamp(2, 6);
        if written != wanted {
            self.note_mended(level, text, place, parent);
        }
        self.headings.push((level, written));
        self.out.push_str(&format!(
            "{} {}\n",
            "#".repeat(usize::from(written)),
            escape(text)
        ));
    }

    fn note_mended(&mut self, level: u8, text: &str, place: &Place, parent: Option<(u8, u8)>) {
        let line = self.out.matches('\n').count() + 1;
        let under = match parent {
            Some((word, _)) => format!("comes under a Heading {word}"),
            None => "is the first heading".to_string(),
        };
        self.notes.push(Note {
            kind: NoteKind::MendedHeading,
            place: place.clone(),
            message: format!(
                "the heading '{text}' is Heading {level} but {under}, skipping a level: it is written one level below the heading it is under; check its level in Word"
            ),
            written: Some((String::new(), line, 1)),
        });
    }

    /// A list item indented under the items above it, its continuation
    /// lines (after a hard break) lined up with its text.
    fn item(&mut self, depth: usize, is_ordered: bool, text: &str) {
        while self.items.last().is_some_and(|(above, _)| *above >= depth) {
            self.items.pop();
        }
        let indent: usize = self.items.iter().map(|(_, width)| width).sum();
        let marker = if is_ordered { "1. " } else { "- " };
        self.items.push((depth, marker.len()));
        let text = text.replace(
            "\\\n",
            &format!("\\\n{}", " ".repeat(indent + marker.len())),
        );
        self.out
            .push_str(&format!("{}{marker}{text}\n", " ".repeat(indent)));
    }

    fn footnotes(&mut self, footnotes: &[(usize, String)]) {
        if footnotes.is_empty() {
            return;
        }
        self.out.push('\n');
        for (label, text) in footnotes {
            self.out.push_str(&format!("[^{label}]: {text}\n"));
        }
    }
}

/// A paragraph's text with what markdown would read as a block marker at
/// its start (`#`, `-`, `1.`, `:::`...) escaped.
fn paragraph_start(text: &str) -> String {
    let first = text.chars().next().unwrap_or(' ');
    if matches!(first, '#' | '-' | '+' | '=' | ':' | '>') {
        return format!("\\{text}");
    }
    let digits = text.len() - text.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    if digits > 0 && matches!(text[digits..].chars().next(), Some('.' | ')')) {
        return format!("{}\\{}", &text[..digits], &text[digits..]);
    }
    text.to_string()
}

fn table(rows: &[Vec<String>]) -> String {
    let width = rows.iter().map(Vec::len).max().unwrap_or(0).max(1);
    let line = |row: &[String]| {
        let mut cells: Vec<String> = row.to_vec();
        cells.resize(width, String::new());
        format!("| {} |\n", cells.join(" | "))
    };
    let mut out = String::new();
    let mut rows = rows.iter();
    if let Some(header) = rows.next() {
        out.push_str(&line(header));
        out.push_str(&format!("|{}\n", " --- |".repeat(width)));
    }
    for row in rows {
        out.push_str(&line(row));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::Place;

    fn heading(level: u8, text: &str) -> Block {
        Block::Heading {
            level,
            text: text.to_string(),
            place: Place::default(),
        }
    }

    #[test]
    fn a_skipped_heading_level_is_mended_and_noted() {
        let blocks = vec![
            heading(1, "Aims"),
            heading(3, "Costs"),
            heading(3, "Staff"),
            heading(1, "Next"),
        ];
        let mut notes = Vec::new();
        let text = write(&blocks, &[], None, &mut notes);
        assert_eq!(text, "\n## Aims\n\n### Costs\n\n### Staff\n\n## Next\n");
        let mended: Vec<usize> = notes
            .iter()
            .map(|note| note.written.as_ref().map_or(0, |w| w.1))
            .collect();
        assert_eq!(mended, vec![4, 6]);
    }

    #[test]
    fn block_markers_at_a_paragraph_start_stay_text() {
        assert_eq!(paragraph_start("2026. A year"), "2026\\. A year");
        assert_eq!(paragraph_start("::: not a block"), "\\::: not a block");
        assert_eq!(paragraph_start("Plain"), "Plain");
    }
}
