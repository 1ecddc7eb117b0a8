//! Pictures: how an image published at several sizes is shown in a body.
//!
//! The markdown stage reads no files. The pipeline publishes images before
//! bodies are rendered (the `images` stage) and hands the renderer, through
//! its [`Resolver`](super::Resolver), one [`Shown`] per source image: the
//! sizes it was published at, or why it could not be. This file writes a
//! published image as `<picture>`: WebP sizes first, a JPEG or PNG fallback
//! in `<img>`, with `width` and `height` so that nothing shifts as it loads.

use super::headings::escape_html;
use crate::error::ErrorKind;

/// The `sizes` of an image as wide as the text column (the default theme's
/// column is about 45rem).
const COLUMN_SIZES: &str = "(max-width: 45rem) 100vw, 45rem";

/// One published size of an image.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Variant {
    /// Its URL.
    pub url: String,
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
}

/// An image published at several widths, in WebP and a fallback format.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Picture {
    /// WebP sizes, narrowest first.
    pub webp: Vec<Variant>,
    /// JPEG or PNG sizes, narrowest first, the same widths as `webp`.
    pub fallback: Vec<Variant>,
    /// The fallback's media type (`image/jpeg` or `image/png`).
    pub fallback_type: &'static str,
    /// Changes whenever any published file changes: a body showing the
    /// image is rendered again.
    pub print: u64,
    /// Something to tell the author although the image was published.
    pub warning: Option<Fault>,
}

/// Why an image could not be published as a picture.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fault {
    /// What kind of problem.
    pub kind: ErrorKind,
    /// What went wrong.
    pub message: String,
    /// What to do.
    pub help: String,
    /// True when the image cannot be published at all; false when it is
    /// published as it is (a warning).
    pub is_error: bool,
}

/// What the images stage made of one source image.
pub type Shown = Result<Picture, Fault>;

/// How one image in a body asks to be shown.
#[derive(Debug, Clone, Default)]
pub struct Look {
    /// The alternative text.
    pub alt: String,
    /// The title, if any.
    pub title: String,
    /// A width in pixels the author asked for.
    pub width: Option<u32>,
    /// Loaded at once (the first image near the top of a page), not lazily.
    pub is_eager: bool,
    /// Shown in a print view: one large size, fit for paper.
    pub is_print: bool,
    /// The `<img>`'s id, classes and other attributes from the markdown,
    /// as HTML with a leading space (` id="map" class="wide"`).
    pub attributes: String,
}

impl Picture {
    /// The widest size.
    pub fn largest(&self) -> Option<&Variant> {
        self.fallback.last()
    }

    /// The narrowest size at least `width` wide, or the widest there is.
    pub fn at_least(variants: &[Variant], width: u32) -> Option<&Variant> {
        variants
            .iter()
            .find(|v| v.width >= width)
            .or_else(|| variants.last())
    }
}

/// What a body's cached HTML depends on for one image: changes when what
/// the image is shown as changes.
pub fn print(shown: Option<&Shown>) -> u64 {
    match shown {
        None => 0,
        Some(Err(_)) => 1,
        Some(Ok(picture)) => picture.print,
    }
}

/// The HTML of a picture.
pub fn html(picture: &Picture, look: &Look) -> String {
    let Some(largest) = picture.largest() else {
        return String::new();
    };
    let title = title_attribute(&look.title);
    let alt = escape_html(&look.alt);
    let attributes = &look.attributes;
    let (width, height) = shown_size(largest, look.width);
    if look.is_print {
        return format!(
            "<img src=\"{}\" alt=\"{alt}\" width=\"{width}\" height=\"{height}\"{title}{attributes}>",
            escape_html(&largest.url)
        );
    }
    let sizes = sizes(look.width);
    // The `src` of browsers that read no `srcset`: a size for a column of text.
    let src = Picture::at_least(&picture.fallback, 800).unwrap_or(largest);
    let loading = if look.is_eager {
        ""
    } else {
        " loading=\"lazy\""
    };
    format!(
        "<picture><source type=\"image/webp\" srcset=\"{}\" sizes=\"{sizes}\"><img src=\"{}\" srcset=\"{}\" sizes=\"{sizes}\" width=\"{width}\" height=\"{height}\" alt=\"{alt}\"{title}{attributes}{loading} decoding=\"async\"></picture>",
        srcset(&picture.webp),
        escape_html(&src.url),
        srcset(&picture.fallback),
    )
}

/// ` title="…"`, or nothing for no title.
fn title_attribute(title: &str) -> String {
    if title.is_empty() {
        return String::new();
    }
    format!(" title=\"{}\"", escape_html(title))
}

/// The `sizes` of an image shown `width` pixels wide, or as wide as the
/// text column.
fn sizes(width: Option<u32>) -> String {
    match width {
        Some(w) => format!("(max-width: {w}px) 100vw, {w}px"),
        None => COLUMN_SIZES.to_string(),
    }
}

/// `url 480w, url 800w`. Written piece by piece: a page of 200 photos
/// makes 400 of these, and `format!` for each part took five times the
/// instructions.
fn srcset(variants: &[Variant]) -> String {
    let mut out = String::with_capacity(variants.len() * 64);
    for (i, variant) in variants.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        pulldown_cmark_escape::escape_html(&mut out, &variant.url)
            .expect("writing to a String cannot fail");
        out.push(' ');
        out.push_str(&variant.width.to_string());
        out.push('w');
    }
    out
}

/// The `width` and `height` attributes: the image's own, or the width the
/// author asked for (never wider than the image) with the height to match.
fn shown_size(largest: &Variant, requested: Option<u32>) -> (u32, u32) {
    match requested {
        Some(w) if w > 0 && w < largest.width => {
            let h = (u64::from(largest.height) * u64::from(w) + u64::from(largest.width) / 2)
                / u64::from(largest.width);
            (w, u32::try_from(h).unwrap_or(largest.height).max(1))
        }
        _ => (largest.width, largest.height),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn picture() -> Picture {
        let variant = |ext: &str, width: u32| Variant {
            url: format!("/a/photo-{width}w.{ext}"),
            width,
            height: width * 3 / 4,
        };
        Picture {
            webp: vec![
                variant("webp", 480),
                variant("webp", 800),
                variant("webp", 1200),
            ],
            fallback: vec![
                variant("jpg", 480),
                variant("jpg", 800),
                variant("jpg", 1200),
            ],
            fallback_type: "image/jpeg",
            print: 1,
            warning: None,
        }
    }

    #[test]
    fn a_picture_has_both_srcsets_its_size_and_lazy_loading() {
        let look = Look {
            alt: "A \"bench\"".into(),
            ..Look::default()
        };
        let html = html(&picture(), &look);
        assert!(html.starts_with("<picture><source type=\"image/webp\" srcset=\"/a/photo-480w.webp 480w, /a/photo-800w.webp 800w, /a/photo-1200w.webp 1200w\""));
        assert!(html.contains("<img src=\"/a/photo-800w.jpg\" srcset=\"/a/photo-480w.jpg 480w, /a/photo-800w.jpg 800w, /a/photo-1200w.jpg 1200w\""));
        assert!(html.contains(" width=\"1200\" height=\"900\" alt=\"A &quot;bench&quot;\" loading=\"lazy\" decoding=\"async\">"));
    }

    #[test]
    fn a_requested_width_sets_sizes_and_keeps_the_shape() {
        let look = Look {
            width: Some(600),
            is_eager: true,
            ..Look::default()
        };
        let html = html(&picture(), &look);
        assert!(html.contains("sizes=\"(max-width: 600px) 100vw, 600px\""));
        assert!(html.contains(" width=\"600\" height=\"450\" alt=\"\" decoding=\"async\">"));
        assert!(!html.contains("loading="));
    }

    #[test]
    fn print_shows_the_largest_size_alone() {
        let look = Look {
            is_print: true,
            ..Look::default()
        };
        assert_eq!(
            html(&picture(), &look),
            "<img src=\"/a/photo-1200w.jpg\" alt=\"\" width=\"1200\" height=\"900\">"
        );
    }
}
