//! What is inside a Word paragraph: runs with bold and italic, links,
//! footnote references and pictures, as [`Piece`]s; and notes on what
//! cannot come across (text boxes, comments, tracked changes, SmartArt,
//! charts, equations, embedded objects, endnotes), with where it was.

use roxmltree::Node;

use super::super::docx::{self, descendant, is_on, is_w, w_attr, w_child, R};
use super::{escape, excerpt, render, Converter, Picture, Piece, Style};

impl Converter<'_, '_> {
    pub(super) fn inline(&mut self, node: Node<'_, '_>, style: &Style, out: &mut Vec<Piece>) {
        for child in node.children().filter(Node::is_element) {
            match child.tag_name().name() {
                "r" => self.run(child, style, out),
                "hyperlink" => self.hyperlink(child, style, out),
                "ins" | "moveTo" => {
                    self.note_once(
                        "ins",
                        "a tracked change (an insertion) was taken as accepted: check the text",
                    );
                    self.inline(child, style, out);
                }
                "del" | "moveFrom" => self.note_once(
                    "del",
                    "a tracked change (a deletion) was taken as accepted: the deleted text is left out",
                ),
                "commentRangeStart" | "commentReference" => self.comment(child),
                "oMath" | "oMathPara" => self.note(
                    "an equation cannot come across; write it out in words or as a picture with alt text"
                        .to_string(),
                ),
                "AlternateContent" => {
                    if let Some(choice) = child.children().find(|n| n.tag_name().name() == "Choice") {
                        self.inline(choice, style, out);
                    }
                }
                "pPr" | "rPr" | "bookmarkStart" | "bookmarkEnd" | "proofErr"
                | "commentRangeEnd" | "permStart" | "permEnd" => {}
                _ => self.inline(child, style, out),
            }
        }
    }

    fn comment(&mut self, node: Node<'_, '_>) {
        let id = w_attr(node, "id").unwrap_or_default().to_string();
        if !self.noted.insert(format!("comment:{id}")) {
            return;
        }
        let text = self.comments.get(&id).cloned().unwrap_or_default();
        self.note(format!(
            "a comment ('{}') cannot come across and is left out",
            excerpt(&text)
        ));
    }

    fn run(&mut self, node: Node<'_, '_>, style: &Style, out: &mut Vec<Piece>) {
        let properties = w_child(node, "rPr");
        let character = properties
            .and_then(|p| w_child(p, "rStyle"))
            .and_then(|s| w_attr(s, "val"))
            .unwrap_or_default();
        let is_bold = style.is_bold || is_on(properties, "b") || character == "Strong";
        let is_italic = style.is_italic || is_on(properties, "i") || character == "Emphasis";
        for child in node.children().filter(Node::is_element) {
            self.run_child(child, is_bold, is_italic, out);
        }
    }

    fn run_child(
        &mut self,
        child: Node<'_, '_>,
        is_bold: bool,
        is_italic: bool,
        out: &mut Vec<Piece>,
    ) {
        let text = |text: &str| Piece::Text {
            text: text.to_string(),
            is_bold,
            is_italic,
        };
        match child.tag_name().name() {
            "t" => out.push(text(child.text().unwrap_or_default())),
            "tab" | "ptab" => out.push(text(" ")),
            "noBreakHyphen" => out.push(text("-")),
            // A page or column break has no place on a web page.
            "br" | "cr" if !matches!(w_attr(child, "type"), Some("page" | "column")) => {
                out.push(Piece::Break);
            }
            "footnoteReference" => {
                let id = w_attr(child, "id").unwrap_or_default().to_string();
                let label = match self.cited.iter().position(|(cited, _)| *cited == id) {
                    Some(at) => at + 1,
                    None => {
                        let place = self.place();
                        self.cited.push((id, place));
                        self.cited.len()
                    }
                };
                out.push(Piece::Raw(format!("[^{label}]")));
            }
            "endnoteReference" => self.note(
                "an endnote cannot come across; make it a footnote in Word, or write it into the text"
                    .to_string(),
            ),
            "commentReference" => self.comment(child),
            "instrText" if child.text().unwrap_or_default().contains("HYPERLINK") => self
                .note_once(
                    "field link",
                    "a link made with a field code came across as plain text: add the link again",
                ),
            "drawing" => self.drawing(child, out),
            "pict" => self.vml(child, out),
            "object" => self.note(
                "an embedded object (such as a spreadsheet) cannot come across; paste it in as a table or a picture"
                    .to_string(),
            ),
            "AlternateContent" => {
                if let Some(choice) = child.children().find(|n| n.tag_name().name() == "Choice") {
                    for inner in choice.children().filter(Node::is_element) {
                        self.run_child(inner, is_bold, is_italic, out);
                    }
                }
            }
            _ => {}
        }
    }

    fn hyperlink(&mut self, node: Node<'_, '_>, style: &Style, out: &mut Vec<Piece>) {
        let mut inner = Vec::new();
        self.inline(node, style, &mut inner);
        let text = render(&inner).trim().to_string();
        let target = node
            .attribute((R, "id"))
            .and_then(|id| self.relationships.get(id))
            .filter(|relationship| relationship.is_external)
            .map(|relationship| relationship.target.clone());
        match target {
            Some(target) if !text.is_empty() => {
                let target = if target.contains([' ', '(', ')', '<', '>']) {
                    format!("<{}>", target.replace(['<', '>'], ""))
                } else {
                    target
                };
                out.push(Piece::Raw(format!("[{text}]({target})")));
            }
            _ => out.extend(inner),
        }
    }

    fn drawing(&mut self, node: Node<'_, '_>, out: &mut Vec<Piece>) {
        let uri = descendant(node, "graphicData")
            .and_then(|n| n.attribute("uri"))
            .unwrap_or_default();
        if uri.ends_with("/picture") {
            let alt = descendant(node, "docPr").and_then(|n| n.attribute("descr"));
            let target = descendant(node, "blip").and_then(|n| n.attribute((R, "embed")));
            self.picture(target, alt.unwrap_or_default(), out);
        } else if uri.contains("diagram") {
            self.note("a SmartArt diagram cannot come across; write its content as a list, or save it as a picture with alt text".to_string());
        } else if uri.contains("chart") {
            self.note("a chart cannot come across; paste it as a picture with alt text, and its figures as a table".to_string());
        } else if let Some(text_box) = descendant(node, "txbxContent") {
            let text = plain_text_of_box(text_box);
            self.note(format!(
                "a text box ('{}') cannot come across and is left out; copy its text into the page",
                excerpt(&text)
            ));
        } else {
            self.note("a drawing or shape cannot come across and is left out".to_string());
        }
    }

    /// An old-style (VML) drawing: a picture when it holds one.
    fn vml(&mut self, node: Node<'_, '_>, out: &mut Vec<Piece>) {
        if let Some(text_box) = descendant(node, "txbxContent") {
            let text = plain_text_of_box(text_box);
            self.note(format!(
                "a text box ('{}') cannot come across and is left out; copy its text into the page",
                excerpt(&text)
            ));
        } else if let Some(image) = descendant(node, "imagedata") {
            let alt = descendant(node, "shape").and_then(|n| n.attribute("alt"));
            self.picture(image.attribute((R, "id")), alt.unwrap_or_default(), out);
        } else {
            self.note("a drawing or shape cannot come across and is left out".to_string());
        }
    }

    fn picture(&mut self, target: Option<&str>, alt: &str, out: &mut Vec<Piece>) {
        let Some(relationship) = target.and_then(|id| self.relationships.get(id)) else {
            self.note(
                "a picture whose file is not in the document (a linked picture) cannot come across"
                    .to_string(),
            );
            return;
        };
        if relationship.is_external {
            self.note("a picture linked from outside the document cannot come across; insert it into the document instead".to_string());
            return;
        }
        let part = docx::media_path(&relationship.target);
        let extension = part
            .rsplit_once('.')
            .map(|(_, ext)| ext.to_ascii_lowercase())
            .unwrap_or_default();
        if !matches!(
            extension.as_str(),
            "png" | "jpg" | "jpeg" | "gif" | "svg" | "webp"
        ) {
            self.note(format!(
                "a picture in a format browsers do not show ({extension}) cannot come across; save it as PNG or JPEG and insert that"
            ));
            return;
        }
        let name = format!(
            "{}-{}.{extension}",
            self.picture_stem,
            self.pictures.len() + 1
        );
        let alt = escape(&alt.split_whitespace().collect::<Vec<_>>().join(" "));
        out.push(Piece::Raw(format!("![{alt}]({name})")));
        let place = self.place();
        self.pictures.push(Picture {
            name,
            part,
            has_no_alt: alt.is_empty(),
            place,
        });
    }
}

fn plain_text_of_box(node: Node<'_, '_>) -> String {
    let text: String = node
        .descendants()
        .filter(|n| is_w(*n, "t"))
        .filter_map(|n| n.text())
        .collect::<Vec<_>>()
        .join(" ");
    text
}
