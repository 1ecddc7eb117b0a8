//! The parts of a Word (`.docx`) package that an import reads: the
//! document, its footnotes, comments, numbering, styles, relationships,
//! core properties and pictures, read from the zip with `zip` and parsed
//! with `roxmltree`. [`super::word`] walks them into markdown.
//!
//! Why not a docx crate: `docx-rs`'s reader leaves out the footnotes, the
//! core properties and a picture's alt text (`wp:docPr descr`), and
//! `docx-rust` drops tracked changes and text boxes without a trace, so
//! neither could say what did not come across, or where it was.

use std::collections::HashMap;
use std::io::Read;
use std::path::Path;

use roxmltree::{Document, Node};

use crate::error::{Error, ErrorKind};

/// The namespace of WordprocessingML's `w:` elements.
pub(crate) const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
/// The namespace of relationship ids (`r:id`, `r:embed`).
pub(crate) const R: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/// The largest part Hearth reads (a document.xml of 64 MB is far past any brief).
const MAX_PART: u64 = 64 * 1024 * 1024;

/// The text of the XML parts and the bytes of the pictures of a package.
#[derive(Debug, Default)]
pub struct Package {
    /// `word/document.xml`.
    pub document: String,
    /// `word/footnotes.xml`.
    pub footnotes: Option<String>,
    /// `word/endnotes.xml`.
    pub endnotes: Option<String>,
    /// `word/comments.xml`.
    pub comments: Option<String>,
    /// `word/numbering.xml`.
    pub numbering: Option<String>,
    /// `word/styles.xml`.
    pub styles: Option<String>,
    /// `word/_rels/document.xml.rels`.
    pub relationships: Option<String>,
    /// `docProps/core.xml`.
    pub core: Option<String>,
    /// Every file under `word/media/`, by its path in the package.
    pub media: HashMap<String, Vec<u8>>,
}

/// Reads the parts of the package at `path`.
pub fn read(path: &Path) -> Result<Package, Error> {
    let file = std::fs::File::open(path).map_err(|e| Error::io(path, "open this file", &e))?;
    let mut archive = zip::ZipArchive::new(file).map_err(|e| not_a_package(path, &e))?;
    let archive = &mut archive;
    let document =
        read_part(archive, path, "word/document.xml")?.ok_or_else(|| no_document(path))?;
    Ok(Package {
        document,
        footnotes: read_part(archive, path, "word/footnotes.xml")?,
        endnotes: read_part(archive, path, "word/endnotes.xml")?,
        comments: read_part(archive, path, "word/comments.xml")?,
        numbering: read_part(archive, path, "word/numbering.xml")?,
        styles: read_part(archive, path, "word/styles.xml")?,
        relationships: read_part(archive, path, "word/_rels/document.xml.rels")?,
        core: read_part(archive, path, "docProps/core.xml")?,
        media: read_media(archive, path)?,
    })
}

/// A zip file opened.
type Archive = zip::ZipArchive<std::fs::File>;

/// The text of the part `name`, if the package has it.
fn read_part(archive: &mut Archive, path: &Path, name: &str) -> Result<Option<String>, Error> {
    match archive.by_name(name) {
        Ok(entry) => read_entry(entry, path, name)
            .map(|bytes| Some(String::from_utf8_lossy(&bytes).into_owned())),
        Err(zip::result::ZipError::FileNotFound) => Ok(None),
        Err(e) => Err(not_a_package(path, &e)),
    }
}

/// Every file under `word/media/`, by its path in the package.
fn read_media(archive: &mut Archive, path: &Path) -> Result<HashMap<String, Vec<u8>>, Error> {
    let names: Vec<String> = archive
        .file_names()
        .filter(|name| name.starts_with("word/media/"))
        .map(str::to_string)
        .collect();
    let mut media = HashMap::new();
    for name in names {
        let entry = archive
            .by_name(&name)
            .map_err(|e| not_a_package(path, &e))?;
        let bytes = read_entry(entry, path, &name)?;
        media.insert(name, bytes);
    }
    Ok(media)
}

/// The error for a zip file with no document in it.
fn no_document(path: &Path) -> Error {
    Error::new(
        ErrorKind::Io,
        path,
        "this file has no word/document.xml: it is not a Word document",
    )
    .with_help("open it in Word or LibreOffice and save it as a Word document (.docx)")
}

fn read_entry(
    entry: zip::read::ZipFile<'_, std::fs::File>,
    path: &Path,
    name: &str,
) -> Result<Vec<u8>, Error> {
    if entry.size() > MAX_PART {
        return Err(Error::new(
            ErrorKind::FileTooLarge,
            path,
            format!("its part {name} is larger than 64 MB"),
        ));
    }
    let mut bytes = Vec::new();
    entry
        .take(MAX_PART)
        .read_to_end(&mut bytes)
        .map_err(|e| Error::io(path, &format!("read {name} inside this file"), &e))?;
    Ok(bytes)
}

fn not_a_package(path: &Path, error: &zip::result::ZipError) -> Error {
    Error::new(
        ErrorKind::Io,
        path,
        format!("this is not a Word document that can be read ({error})"),
    )
    .with_help("open it in Word or LibreOffice and save it as a Word document (.docx)")
}

/// Parses one XML part, naming the part when it is broken.
pub fn parse<'a>(text: &'a str, path: &Path, part: &str) -> Result<Document<'a>, Error> {
    let options = roxmltree::ParsingOptions {
        allow_dtd: false,
        ..roxmltree::ParsingOptions::default()
    };
    Document::parse_with_options(text, options).map_err(|e| {
        Error::new(
            ErrorKind::Io,
            path,
            format!("its part {part} is not well-formed XML: {e}"),
        )
        .with_help("open it in Word or LibreOffice and save it again")
    })
}

/// True when `node` is the element `w:name`.
pub(crate) fn is_w(node: Node<'_, '_>, name: &str) -> bool {
    node.is_element() && node.tag_name().name() == name && node.tag_name().namespace() == Some(W)
}

/// The `w:name` attribute of `node`.
pub(crate) fn w_attr<'a>(node: Node<'a, '_>, name: &str) -> Option<&'a str> {
    node.attribute((W, name))
}

/// The first child element `w:name` of `node`.
pub(crate) fn w_child<'a, 'i>(node: Node<'a, 'i>, name: &str) -> Option<Node<'a, 'i>> {
    node.children().find(|child| is_w(*child, name))
}

/// The first descendant element (any namespace) with local name `name`.
pub(crate) fn descendant<'a, 'i>(node: Node<'a, 'i>, name: &str) -> Option<Node<'a, 'i>> {
    node.descendants()
        .find(|child| child.is_element() && child.tag_name().name() == name)
}

/// A `w:b`-like toggle: present and not switched off.
pub(crate) fn is_on(properties: Option<Node<'_, '_>>, name: &str) -> bool {
    properties
        .and_then(|props| w_child(props, name))
        .is_some_and(|toggle| !matches!(w_attr(toggle, "val"), Some("0" | "false" | "off")))
}

/// A document relationship: its target and whether it leaves the package.
#[derive(Debug, Clone)]
pub(crate) struct Relationship {
    /// The target, as written.
    pub target: String,
    /// True for `TargetMode="External"` (web links).
    pub is_external: bool,
}

/// The document's relationships by id.
pub(crate) fn relationships(
    text: Option<&str>,
    path: &Path,
) -> Result<HashMap<String, Relationship>, Error> {
    let mut found = HashMap::new();
    let Some(text) = text else {
        return Ok(found);
    };
    let xml = parse(text, path, "word/_rels/document.xml.rels")?;
    for node in xml
        .descendants()
        .filter(|n| n.tag_name().name() == "Relationship")
    {
        let (Some(id), Some(target)) = (node.attribute("Id"), node.attribute("Target")) else {
            continue;
        };
        found.insert(
            id.to_string(),
            Relationship {
                target: target.to_string(),
                is_external: node.attribute("TargetMode") == Some("External"),
            },
        );
    }
    Ok(found)
}

/// The path inside the package of a relationship target of the document.
pub(crate) fn media_path(target: &str) -> String {
    match target.strip_prefix('/') {
        Some(absolute) => absolute.to_string(),
        None => {
            let mut parts: Vec<&str> = vec!["word"];
            for part in target.split('/') {
                match part {
                    ".." => {
                        parts.pop();
                    }
                    "." | "" => {}
                    part => parts.push(part),
                }
            }
            parts.join("/")
        }
    }
}

/// The document's core properties (title, description, dates).
#[derive(Debug, Default, Clone)]
pub(crate) struct Core {
    /// `dc:title`.
    pub title: Option<String>,
    /// `dc:description`, else `dc:subject`.
    pub description: Option<String>,
    /// `dcterms:created`, as written.
    pub created: Option<String>,
    /// `dcterms:modified`, as written.
    pub modified: Option<String>,
}

/// Reads `docProps/core.xml`.
pub(crate) fn core(text: Option<&str>, path: &Path) -> Result<Core, Error> {
    let Some(text) = text else {
        return Ok(Core::default());
    };
    let xml = parse(text, path, "docProps/core.xml")?;
    let value = |name: &str| {
        descendant(xml.root(), name)
            .and_then(|node| node.text())
            .map(str::trim)
            .filter(|text| !text.is_empty())
            .map(str::to_string)
    };
    Ok(Core {
        title: value("title"),
        description: value("description").or_else(|| value("subject")),
        created: value("created"),
        modified: value("modified"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn media_paths_are_read_from_the_word_folder() {
        assert_eq!(media_path("media/image1.png"), "word/media/image1.png");
        assert_eq!(media_path("../media/a.png"), "media/a.png");
        assert_eq!(media_path("/word/media/b.jpeg"), "word/media/b.jpeg");
    }
}
