//! What is inside a Word paragraph: runs with bold and italic, links
//! (as hyperlinks or as `HYPERLINK` field codes), footnote and endnote
//! references and pictures, as [`Piece`]s; and notes on what cannot come
//! across (text boxes, comments, tracked changes, SmartArt, charts,
//! equations, embedded objects), with where it was.

use roxmltree::Node;

use super::super::docx::{self, descendant, is_on, is_w, w_attr, w_child, R};
use super::{escape, excerpt, render, Cited, Converter, Picture, Piece, Style};

/// A complex field (`w:fldChar` begin, instruction, separate, result, end)
/// being read: Word writes some links this way.
#[derive(Debug, Default)]
pub(super) struct Field {
    /// The instruction so far, such as ` HYPERLINK "https://..." `.
    instruction: String,
    /// Where the shown result starts in the pieces, once it has started.
    result_at: Option<usize>,
}

impl Converter<'_, '_> {
    /// A paragraph's inline content; a field never runs on from one
    /// paragraph into the next as a link.
    pub(super) fn pieces(&mut self, node: Node<'_, '_>, style: &Style) -> Vec<Piece> {
        self.fields.clear();
        let mut pieces = Vec::new();
        self.inline(node, style, &mut pieces);
        self.fields.clear();
        pieces
    }

    pub(super) fn inline(&mut self, node: Node<'_, '_>, style: &Style, out: &mut Vec<Piece>) {
        for child in node.children().filter(Node::is_element) {
            match child.tag_name().name() {
                "r" => self.run(child, style, out),
                "hyperlink" => self.hyperlink(child, style, out),
                "fldSimple" => self.simple_field(child, style, out),
                "ins" | "moveTo" => self.inserted(child, style, out),
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
                    if let Some(choice) = choice_of(child) {
                        self.inline(choice, style, out);
                    }
                }
                "pPr" | "rPr" | "bookmarkStart" | "bookmarkEnd" | "proofErr"
                | "commentRangeEnd" | "permStart" | "permEnd" => {}
                _ => self.inline(child, style, out),
            }
        }
    }

    /// A tracked insertion, taken as accepted, with a note.
    fn inserted(&mut self, node: Node<'_, '_>, style: &Style, out: &mut Vec<Piece>) {
        self.note_once(
            "ins",
            "a tracked change (an insertion) was taken as accepted: check the text",
        );
        self.inline(node, style, out);
    }

    /// A simple field (`w:fldSimple`): a link when it is a `HYPERLINK`
    /// field, else its shown text.
    fn simple_field(&mut self, node: Node<'_, '_>, style: &Style, out: &mut Vec<Piece>) {
        let mut inner = Vec::new();
        self.inline(node, style, &mut inner);
        let instruction = w_attr(node, "instr").unwrap_or_default();
        match field_link(instruction) {
            Some(target) => link(render(&inner).trim(), &target, inner, out),
            None => out.extend(inner),
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
        if let Some(piece) = text_piece(child, is_bold, is_italic) {
            out.push(piece);
            return;
        }
        match child.tag_name().name() {
            "footnoteReference" => self.note_reference(child, "footnote", out),
            "endnoteReference" => self.note_reference(child, "endnote", out),
            "commentReference" => self.comment(child),
            "fldChar" => self.field_char(child, out),
            "instrText" => self.instruction_text(child),
            "drawing" => self.drawing(child, out),
            "pict" => self.vml(child, out),
            "object" => self.note(
                "an embedded object (such as a spreadsheet) cannot come across; paste it in as a table or a picture"
                    .to_string(),
            ),
            "AlternateContent" => self.run_choice(child, is_bold, is_italic, out),
            _ => {}
        }
    }

    /// The children of an `mc:AlternateContent` in a run, from its choice.
    fn run_choice(
        &mut self,
        node: Node<'_, '_>,
        is_bold: bool,
        is_italic: bool,
        out: &mut Vec<Piece>,
    ) {
        for inner in choice_of(node).into_iter().flat_map(|c| c.children()) {
            if inner.is_element() {
                self.run_child(inner, is_bold, is_italic, out);
            }
        }
    }

    /// Part of the instruction of the field being read, before its result.
    fn instruction_text(&mut self, node: Node<'_, '_>) {
        if let Some(field) = self.fields.last_mut().filter(|f| f.result_at.is_none()) {
            field.instruction.push_str(node.text().unwrap_or_default());
        }
    }

    /// A footnote or endnote reference, numbered in the order first cited.
    fn note_reference(&mut self, node: Node<'_, '_>, element: &'static str, out: &mut Vec<Piece>) {
        let cited = Cited {
            element,
            id: w_attr(node, "id").unwrap_or_default().to_string(),
        };
        let label = match self.cited.iter().position(|(seen, _)| *seen == cited) {
            Some(at) => at + 1,
            None => {
                let place = self.place();
                self.cited.push((cited, place));
                self.cited.len()
            }
        };
        out.push(Piece::Raw(format!("[^{label}]")));
    }

    /// A field's begin, separate or end mark. At the end of a `HYPERLINK`
    /// field, the result shown since the separate mark becomes the link's text.
    fn field_char(&mut self, node: Node<'_, '_>, out: &mut Vec<Piece>) {
        match w_attr(node, "fldCharType") {
            Some("begin") => self.fields.push(Field::default()),
            Some("separate") => {
                if let Some(field) = self.fields.last_mut() {
                    field.result_at.get_or_insert(out.len());
                }
            }
            Some("end") => {
                let Some(field) = self.fields.pop() else {
                    return;
                };
                let (Some(at), Some(target)) = (field.result_at, field_link(&field.instruction))
                else {
                    return;
                };
                if at <= out.len() {
                    let inner: Vec<Piece> = out.drain(at..).collect();
                    link(render(&inner).trim(), &target, inner, out);
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
            Some(target) => link(&text, &target, inner, out),
            None => out.extend(inner),
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
        let Some(part) = self.picture_part(target) else {
            return;
        };
        let extension = extension_of(&part);
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
        let has_no_alt = alt.is_empty();
        self.pictures.push(Picture {
            name,
            part,
            has_no_alt,
            place,
        });
    }

    /// The package part of the picture the relationship `target` names,
    /// when the package holds it; a note when it does not.
    fn picture_part(&mut self, target: Option<&str>) -> Option<String> {
        let Some(relationship) = target.and_then(|id| self.relationships.get(id)) else {
            self.note(
                "a picture whose file is not in the document (a linked picture) cannot come across"
                    .to_string(),
            );
            return None;
        };
        if relationship.is_external {
            self.note("a picture linked from outside the document cannot come across; insert it into the document instead".to_string());
            return None;
        }
        Some(docx::media_path(&relationship.target))
    }
}

/// The extension of a file name, in lower case; empty without one.
fn extension_of(name: &str) -> String {
    name.rsplit_once('.')
        .map(|(_, ext)| ext.to_ascii_lowercase())
        .unwrap_or_default()
}

/// The text a run's child shows (text, a tab, a non-breaking hyphen) or
/// a line break, as a piece; `None` for anything else.
fn text_piece(child: Node<'_, '_>, is_bold: bool, is_italic: bool) -> Option<Piece> {
    let text = match child.tag_name().name() {
        "t" => child.text().unwrap_or_default(),
        "tab" | "ptab" => " ",
        "noBreakHyphen" => "-",
        // A page or column break has no place on a web page.
        "br" | "cr" if !matches!(w_attr(child, "type"), Some("page" | "column")) => {
            return Some(Piece::Break);
        }
        _ => return None,
    };
    Some(Piece::Text {
        text: text.to_string(),
        is_bold,
        is_italic,
    })
}

/// The `mc:Choice` of an `mc:AlternateContent`, what a reader that knows
/// the newer markup reads.
pub(super) fn choice_of<'a, 'i>(node: Node<'a, 'i>) -> Option<Node<'a, 'i>> {
    node.children().find(|n| n.tag_name().name() == "Choice")
}

/// A link to `target` with `text`, or the text alone (`inner`) when it is empty.
fn link(text: &str, target: &str, inner: Vec<Piece>, out: &mut Vec<Piece>) {
    if text.is_empty() {
        out.extend(inner);
        return;
    }
    let target = if target.contains([' ', '(', ')', '<', '>']) {
        format!("<{}>", target.replace(['<', '>'], ""))
    } else {
        target.to_string()
    };
    out.push(Piece::Raw(format!("[{text}]({target})")));
}

/// The address of a `HYPERLINK "https://..." \l "part"` field, when it
/// leads outside the document; a link to a bookmark inside it (`\l` alone)
/// is left as text.
fn field_link(instruction: &str) -> Option<String> {
    let mut words = field_words(instruction).into_iter();
    if !words.next()?.eq_ignore_ascii_case("HYPERLINK") {
        return None;
    }
    let mut address = None;
    let mut part = None;
    while let Some(word) = words.next() {
        match word.as_str() {
            "\\l" => part = words.next(),
            // Switches that take a value: tooltip, target frame.
            "\\o" | "\\t" => {
                words.next();
            }
            switch if switch.starts_with('\\') => {}
            _ if address.is_none() => address = Some(word),
            _ => {}
        }
    }
    let address = address.filter(|a| !a.is_empty() && is_outside(a))?;
    Some(match part {
        Some(part) if !part.is_empty() => format!("{address}#{part}"),
        _ => address,
    })
}

/// True when `address` leads outside the document: to the web or an email.
fn is_outside(address: &str) -> bool {
    ["http://", "https://", "mailto:"]
        .iter()
        .any(|scheme| address.to_ascii_lowercase().starts_with(scheme))
}

/// A field instruction's words, a quoted one as one word without its quotes.
fn field_words(instruction: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut chars = instruction.chars().peekable();
    while let Some(&c) = chars.peek() {
        if c.is_whitespace() {
            chars.next();
        } else if c == '"' {
            chars.next();
            words.push(chars.by_ref().take_while(|c| *c != '"').collect());
        } else {
            let mut word = String::new();
            while let Some(&c) = chars.peek().filter(|c| !c.is_whitespace()) {
                word.push(c);
                chars.next();
            }
            words.push(word);
        }
    }
    words
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_links_take_the_address_and_its_part_and_skip_switches() {
        assert_eq!(
            field_link(r#" HYPERLINK "https://example.org/a b" \o "Tip" \l "part" "#),
            Some("https://example.org/a b#part".to_string())
        );
        assert_eq!(
            field_link(" HYPERLINK https://example.org/ "),
            Some("https://example.org/".to_string())
        );
        assert_eq!(
            field_link(r#"hyperlink "mailto:a@example.org""#),
            Some("mailto:a@example.org".to_string())
        );
        assert_eq!(field_link(r#" HYPERLINK \l "_Toc1" "#), None);
        assert_eq!(field_link(r#" PAGEREF _Toc1 \h "#), None);
        assert_eq!(field_link(r#" HYPERLINK "javascript:x()" "#), None);
        assert_eq!(field_link(""), None);
    }
}
