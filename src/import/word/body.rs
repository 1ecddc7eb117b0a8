//! The blocks of a converted Word document written out as markdown:
//! headings (with skipped levels mended, and noted), paragraphs, nested
//! lists, tables with their header row, and footnotes at the end.

use super::{escape, Block};
use crate::import::{Note, NoteKind};

/// The body as markdown. Headings are one level below the page title (a
/// Heading 1 becomes `##`, or a Heading 2 when a Heading 1 was taken as
/// the title), and a heading that skips a level is written one level below
/// the heading it is under, with a note. Mended headings' notes get the
/// line in the body; the caller adds the front matter's.
pub fn write(
    blocks: &[Block],
    footnotes: &[(usize, String)],
    taken: Option<u8>,
    notes: &mut Vec<Note>,
) -> String {
    let shift = taken.unwrap_or(0);
    let mut out = String::new();
    // (Word level, written level) of the headings above.
    let mut headings: Vec<(u8, u8)> = Vec::new();
    // (depth, marker width) of the list items above.
    let mut items: Vec<(usize, usize)> = Vec::new();
    let mut was_item = false;
    let mut last_kind = None;
    for block in blocks {
        let is_item = matches!(block, Block::Item { .. });
        // A bulleted list straight after a numbered one (or the other way
        // round) is a new list: a blank line keeps the two apart.
        let kind = match block {
            Block::Item {
                depth: 0,
                is_ordered,
                ..
            } => Some(*is_ordered),
            _ => None,
        };
        let is_new_list = kind.is_some() && last_kind.is_some() && kind != last_kind;
        if kind.is_some() {
            last_kind = kind;
        }
        if !is_item {
            last_kind = None;
        }
        if !(is_item && was_item) || is_new_list {
            out.push('\n');
        }
        if !is_item {
            items.clear();
        }
        was_item = is_item;
        match block {
            Block::Heading { level, text, place } => {
                while headings.last().is_some_and(|(word, _)| word >= level) {
                    headings.pop();
                }
                let parent = headings.last().copied();
                let written = parent.map_or(2, |(_, written)| written + 1).min(6);
                let wanted = (level + 1).saturating_sub(shift).clamp(2, 6);
                if written != wanted {
                    let line = out.matches('\n').count() + 1;
                    let under = match parent {
                        Some((word, _)) => format!("comes under a Heading {word}"),
                        None => "is the first heading".to_string(),
                    };
                    notes.push(Note {
                        kind: NoteKind::MendedHeading,
                        place: place.clone(),
                        message: format!(
                            "the heading '{text}' is Heading {level} but {under}, skipping a level: it is written one level below the heading it is under; check its level in Word"
                        ),
                        written: Some((String::new(), line, 1)),
                    });
                }
                headings.push((*level, written));
                out.push_str(&format!(
                    "{} {}\n",
                    "#".repeat(usize::from(written)),
                    escape(text)
                ));
            }
            Block::Paragraph { text, .. } => {
                out.push_str(&paragraph_start(text));
                out.push('\n');
            }
            Block::Title(text) => out.push_str(&format!("{}\n", escape(text))),
            Block::Item {
                depth,
                is_ordered,
                text,
                ..
            } => {
                while items.last().is_some_and(|(above, _)| above >= depth) {
                    items.pop();
                }
                let indent: usize = items.iter().map(|(_, width)| width).sum();
                let marker = if *is_ordered { "1. " } else { "- " };
                items.push((*depth, marker.len()));
                let text = text.replace(
                    "\\\n",
                    &format!("\\\n{}", " ".repeat(indent + marker.len())),
                );
                out.push_str(&format!("{}{marker}{text}\n", " ".repeat(indent)));
            }
            Block::Table(rows) => out.push_str(&table(rows)),
        }
    }
    if !footnotes.is_empty() {
        out.push('\n');
        for (label, text) in footnotes {
            out.push_str(&format!("[^{label}]: {text}\n"));
        }
    }
    out
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
