//! Paragraph styles from `styles.xml`: which are headings (by Word's
//! names, whatever the language of their ids), the Title, lists, bold and
//! italic.

use std::collections::HashMap;
use std::path::Path;

use roxmltree::Node;

use super::super::docx::{self, is_on, is_w, w_attr, w_child};
use crate::error::Error;

/// What a paragraph style makes of its paragraphs.
#[derive(Debug, Default, Clone)]
pub(crate) struct Style {
    /// Its heading level, 1 to 9.
    pub heading: Option<u8>,
    /// True for Word's Title style.
    pub is_title: bool,
    /// The list it puts its paragraphs in: (numId, level).
    pub numbering: Option<(String, usize)>,
    /// Word's "List Bullet 2" and "List Number 3" styles are lists one and
    /// two levels in, each with a numbering of its own that starts at level 0.
    pub list_depth: usize,
    /// Bold text.
    pub is_bold: bool,
    /// Italic text.
    pub is_italic: bool,
}

pub(crate) fn styles(text: Option<&str>, path: &Path) -> Result<HashMap<String, Style>, Error> {
    let mut found = HashMap::new();
    let Some(text) = text else {
        return Ok(found);
    };
    let xml = docx::parse(text, path, "word/styles.xml")?;
    for node in xml.descendants().filter(|n| is_w(*n, "style")) {
        let Some(id) = w_attr(node, "styleId") else {
            continue;
        };
        found.insert(id.to_string(), style(node, id));
    }
    Ok(found)
}

/// The style a `w:style` element with the id `id` defines.
fn style(node: Node<'_, '_>, id: &str) -> Style {
    let name = w_child(node, "name")
        .and_then(|n| w_attr(n, "val"))
        .unwrap_or(id)
        .to_ascii_lowercase();
    let paragraph = w_child(node, "pPr");
    let named = name
        .strip_prefix("heading ")
        .or_else(|| id.strip_prefix("Heading"))
        .and_then(|n| n.trim().parse::<u8>().ok())
        .filter(|level| (1..=9).contains(level));
    let run = w_child(node, "rPr");
    Style {
        heading: named.or(outline_level(paragraph)),
        is_title: name == "title",
        numbering: paragraph.and_then(numbering_of),
        list_depth: list_depth(&name),
        is_bold: is_on(run, "b"),
        is_italic: is_on(run, "i"),
    }
}

/// A paragraph's outline level (`w:outlineLvl`) as a heading level, 1 to 9.
pub(super) fn outline_level(properties: Option<Node<'_, '_>>) -> Option<u8> {
    properties
        .and_then(|p| w_child(p, "outlineLvl"))
        .and_then(|n| w_attr(n, "val"))
        .and_then(|v| v.parse::<u8>().ok())
        .filter(|level| *level < 9)
        .map(|level| level + 1)
}

/// A style the document uses but does not define, known by Word's own
/// ids (`Heading2`, `Title`).
pub(crate) fn style_by_id(id: &str) -> Style {
    Style {
        heading: id
            .strip_prefix("Heading")
            .and_then(|n| n.parse::<u8>().ok())
            .filter(|level| (1..=9).contains(level)),
        is_title: id == "Title",
        ..Style::default()
    }
}

/// How far in a list style's name puts it: 1 for "list bullet 2".
fn list_depth(name: &str) -> usize {
    if !name.starts_with("list") {
        return 0;
    }
    name.rsplit(' ')
        .next()
        .and_then(|last| last.parse::<usize>().ok())
        .map_or(0, |number| number.clamp(1, 9) - 1)
}

/// `w:numPr` of a paragraph's properties: (numId, level).
pub(crate) fn numbering_of(properties: Node<'_, '_>) -> Option<(String, usize)> {
    let numbering = w_child(properties, "numPr")?;
    let id = w_child(numbering, "numId").and_then(|n| w_attr(n, "val"))?;
    let level = w_child(numbering, "ilvl")
        .and_then(|n| w_attr(n, "val"))
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    Some((id.to_string(), level))
}
