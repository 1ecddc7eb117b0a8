//! Images written with Pandoc attributes: `![](fig/tree.svg){alt="…" width="50%"}`.
//!
//! An image with no attribute block is left to pulldown-cmark. One with a
//! block is gathered here, from its start to its end event, and written as
//! one `<img>`: `alt` from the block wins over the bracketed text (as in
//! Pandoc), `width` and `height` in pixels become attributes, a width in
//! per cent a theme class (`img-width-50`), and `#id` and `.class` are kept.

use pulldown_cmark::{CowStr, Event, TagEnd};

use super::attributes::{Attributes, Size};
use super::escape_html;

/// One image, as the page will show it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Image {
    /// The resolved address.
    pub src: String,
    /// The alt text.
    pub alt: String,
    /// The title, shown as a tooltip.
    pub title: String,
    /// The width asked for.
    pub width: Option<Size>,
    /// The height asked for.
    pub height: Option<Size>,
    /// Id, classes and other attributes.
    pub attributes: Attributes,
}

impl Image {
    /// The width asked for in whole CSS pixels, if it was given so.
    pub fn width_pixels(&self) -> Option<u32> {
        match self.width {
            Some(Size::Pixels(pixels)) => Some(pixels),
            _ => None,
        }
    }
}

/// An image between its start and end events.
pub struct Pending<'a> {
    src: CowStr<'a>,
    title: CowStr<'a>,
    attributes: Attributes,
    bracketed: String,
}

impl<'a> Pending<'a> {
    /// Starts gathering an image with its attribute block.
    pub fn new(src: CowStr<'a>, title: CowStr<'a>, attributes: Attributes) -> Self {
        Pending {
            src,
            title,
            attributes,
            bracketed: String::new(),
        }
    }

    /// Takes one event inside the image; the whole image at its end.
    pub fn event(&mut self, event: Event<'a>) -> Option<Image> {
        match event {
            Event::Text(text) | Event::Code(text) => self.bracketed.push_str(&text),
            Event::SoftBreak | Event::HardBreak => self.bracketed.push(' '),
            Event::End(TagEnd::Image) => return Some(self.finish()),
            _ => {}
        }
        None
    }

    fn finish(&mut self) -> Image {
        let mut attributes = std::mem::take(&mut self.attributes);
        let alt = attributes
            .get("alt")
            .map(str::to_string)
            .unwrap_or_else(|| std::mem::take(&mut self.bracketed));
        let width = attributes.get("width").and_then(Size::parse);
        let height = attributes.get("height").and_then(Size::parse);
        attributes
            .pairs
            .retain(|(name, _)| !["alt", "width", "height"].contains(&name.as_str()));
        Image {
            src: self.src.to_string(),
            alt,
            title: self.title.to_string(),
            width,
            height,
            attributes,
        }
    }
}

/// The `<img>` of an image.
pub fn html(image: &Image) -> String {
    let mut out = format!(
        "<img src=\"{}\" alt=\"{}\"",
        escape_html(&image.src),
        escape_html(&image.alt)
    );
    if !image.title.is_empty() {
        out.push_str(&format!(" title=\"{}\"", escape_html(&image.title)));
    }
    for (name, size) in [("width", &image.width), ("height", &image.height)] {
        if let Some(Size::Pixels(pixels)) = size {
            out.push_str(&format!(" {name}=\"{pixels}\""));
        }
    }
    out.push_str(&attributes_html(image));
    out.push_str(" />");
    out
}

/// The `<img>`'s id, classes and other kept attributes, each with a
/// leading space.
pub fn attributes_html(image: &Image) -> String {
    // A Content-Security-Policy may refuse inline styles, so a width in
    // per cent becomes one of the theme's width classes, to the nearest ten.
    let mut attributes = image.attributes.clone();
    if let Some(class) = image.width.as_ref().and_then(percent_class) {
        attributes.classes.push(class);
    }
    attributes.html(&[])
}

/// `img-width-50` for `50%`: per cent to the nearest ten, from 10 to 100.
fn percent_class(size: &Size) -> Option<String> {
    let Size::Relative(length) = size else {
        return None;
    };
    let percent: f64 = length.strip_suffix('%')?.parse().ok()?;
    let tens = ((percent / 10.0).round() as u32).clamp(1, 10);
    Some(format!("img-width-{}", tens * 10))
}
