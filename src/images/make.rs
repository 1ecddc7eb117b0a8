//! One source image's bytes -> its published sizes: decode, turn upright,
//! resize, encode. Pure: no files are read or written here.
//!
//! Decoding is bounded ([`limits`]) so that a small file that claims to be
//! enormous (a decompression bomb) is refused before any memory is taken
//! for its pixels. Re-encoding from pixels is what strips the metadata:
//! nothing of the source file but its pixels reaches a published file.

use std::io::Cursor;

use fast_image_resize as fir;
use image::codecs::jpeg::JpegEncoder;
use image::codecs::png::PngEncoder;
use image::error::{ImageError, LimitErrorKind};
use image::{DynamicImage, ImageDecoder, ImageEncoder, ImageFormat, ImageReader, Limits};

/// The widths every image is published at, when it is at least as wide.
pub const WIDTHS: [u32; 4] = [480, 800, 1200, 1600];

/// Quality of the lossy WebP sizes, 0 to 100.
const WEBP_QUALITY: f32 = 75.0;

/// Quality of the JPEG fallback sizes, 1 to 100.
const JPEG_QUALITY: u8 = 82;

/// Quality of a linked original, re-encoded without its metadata.
const ORIGINAL_QUALITY: u8 = 90;

/// The widest or tallest image Hearth decodes.
pub const MAX_SIDE: u32 = 16_384;

/// The most memory one decoded image may take, in bytes (a 48 megapixel
/// photo with an alpha channel fits).
const MAX_DECODED: u64 = 256 * 1024 * 1024;

/// Version of what [`make`] produces: part of every cache key, so a change
/// here makes every cached image again.
pub const VERSION: &str = "images-2";

/// The format of a fallback size.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Fallback {
    /// Photographs.
    Jpeg,
    /// Images with transparency, and PNG sources (screenshots, diagrams).
    Png,
}

impl Fallback {
    /// The file extension.
    pub fn extension(self) -> &'static str {
        match self {
            Fallback::Jpeg => "jpg",
            Fallback::Png => "png",
        }
    }

    /// The media type.
    pub fn media_type(self) -> &'static str {
        match self {
            Fallback::Jpeg => "image/jpeg",
            Fallback::Png => "image/png",
        }
    }
}

/// One encoded size.
#[derive(Debug)]
pub struct Encoded {
    /// `480w.webp`, `480w.jpg`, or `original.jpg`.
    pub name: String,
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// The file's bytes.
    pub bytes: Vec<u8>,
}

/// Every size of one image.
#[derive(Debug)]
pub struct Made {
    /// The format the bytes really are in (whatever the file name says).
    pub format: ImageFormat,
    /// The fallback format.
    pub fallback: Fallback,
    /// WebP sizes then fallback sizes, narrowest first; then the original
    /// size, when asked for.
    pub files: Vec<Encoded>,
}

/// Why an image could not be made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    /// What went wrong.
    pub message: String,
    /// What to do.
    pub help: String,
}

impl Refusal {
    fn new(message: impl Into<String>, help: &str) -> Self {
        Refusal {
            message: message.into(),
            help: help.to_string(),
        }
    }
}

/// The formats Hearth publishes at several sizes. GIF (often animated)
/// and SVG pass through as they are.
pub fn is_resized(format: ImageFormat) -> bool {
    matches!(
        format,
        ImageFormat::Jpeg | ImageFormat::Png | ImageFormat::WebP
    )
}

/// The format the bytes are in, from their first bytes.
pub fn sniff(bytes: &[u8]) -> Option<ImageFormat> {
    image::guess_format(bytes).ok()
}

/// The decoding limits: no side over [`MAX_SIDE`], no more than
/// [`MAX_DECODED`] bytes of pixels.
pub fn limits() -> Limits {
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(MAX_DECODED);
    limits
}

/// Decodes, turns upright, and encodes every size; the original size too
/// when `is_original_wanted` (a page links to the file itself).
pub fn make(bytes: &[u8], is_original_wanted: bool) -> Result<Made, Refusal> {
    let format = readable(bytes)?;
    let (image, profile) = decode(bytes, format)?;
    let fallback = if image.color().has_alpha() || format == ImageFormat::Png {
        Fallback::Png
    } else {
        Fallback::Jpeg
    };
    let mut image = flatten(image, fallback);
    if let Some(profile) = profile {
        to_srgb(&mut image, &profile);
    }
    let mut files = ladder(&image, fallback)?;
    if is_original_wanted {
        let bytes = encode_fallback(&image, fallback, ORIGINAL_QUALITY)?;
        files.push(Encoded {
            name: format!("original.{}", fallback.extension()),
            width: image.width(),
            height: image.height(),
            bytes,
        });
    }
    Ok(Made {
        format,
        fallback,
        files,
    })
}

/// The format of bytes Hearth can decode, or why they cannot be: empty,
/// not an image, or a JPEG cut short.
fn readable(bytes: &[u8]) -> Result<ImageFormat, Refusal> {
    if bytes.is_empty() {
        return Err(Refusal::new(
            "the image file is empty (0 bytes)",
            "copy the image again from where it came from",
        ));
    }
    let format = sniff(bytes).ok_or_else(|| {
        Refusal::new(
            "the file is not an image Hearth can read (JPEG, PNG, WebP or GIF)",
            "save it again as JPEG (photos) or PNG (diagrams, screenshots)",
        )
    })?;
    if format == ImageFormat::Jpeg && !has_jpeg_end(bytes) {
        // The JPEG decoder fills a cut-short photo's missing rows with grey.
        return Err(Refusal::new(
            "the image is cut short: the photo's data stops before its end",
            "copy the image again from where it came from",
        ));
    }
    Ok(format)
}

/// Whether a JPEG's image data reaches its end marker. Segments are
/// skipped up to the first scan, so that the end marker of a thumbnail
/// inside the metadata does not count; in the scan data a 0xFF byte is
/// always followed by 0x00 or a restart marker, so 0xFF 0xD9 is the end.
fn has_jpeg_end(bytes: &[u8]) -> bool {
    let mut at = 2;
    while at + 4 <= bytes.len() {
        if bytes[at] != 0xFF {
            return false;
        }
        let marker = bytes[at + 1];
        if marker == 0xFF {
            at += 1;
            continue;
        }
        let length = usize::from(u16::from_be_bytes([bytes[at + 2], bytes[at + 3]]));
        if marker == 0xDA {
            let scan = &bytes[(at + 2 + length).min(bytes.len())..];
            return memchr::memmem::find(scan, &[0xFF, 0xD9]).is_some();
        }
        at += 2 + length;
    }
    false
}

/// Decodes within [`limits`] and applies the orientation tag to the
/// pixels; returns the embedded colour profile (ICC) too, if any.
fn decode(bytes: &[u8], format: ImageFormat) -> Result<(DynamicImage, Option<Vec<u8>>), Refusal> {
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    reader.limits(limits());
    let mut decoder = reader.into_decoder().map_err(refusal)?;
    let orientation = decoder
        .orientation()
        .unwrap_or(image::metadata::Orientation::NoTransforms);
    // A profile that cannot be read is treated as none: the pixels are
    // still the picture, at worst with colours a little off.
    let profile = decoder.icc_profile().ok().flatten();
    let mut image = DynamicImage::from_decoder(decoder).map_err(refusal)?;
    image.apply_orientation(orientation);
    Ok((image, profile))
}

/// Converts RGB pixels described by an embedded ICC profile (Display P3
/// from a phone, Adobe RGB from a camera) to sRGB, the colour space the
/// web assumes for an image without a profile. Published files carry no
/// profile (they carry no metadata at all), so without this a P3 photo
/// would look dull. Profiles of other colour spaces (a CMYK JPEG's, whose
/// pixels the decoder has already turned into RGB; a grey one) and
/// profiles moxcms cannot read leave the pixels as they are.
fn to_srgb(image: &mut DynamicImage, profile: &[u8]) {
    let Ok(source) = moxcms::ColorProfile::new_from_slice(profile) else {
        return;
    };
    if source.color_space != moxcms::DataColorSpace::Rgb {
        return;
    }
    let layout = match image {
        DynamicImage::ImageRgb8(_) => moxcms::Layout::Rgb,
        DynamicImage::ImageRgba8(_) => moxcms::Layout::Rgba,
        _ => return,
    };
    let srgb = moxcms::ColorProfile::new_srgb();
    let Ok(transform) =
        source.create_transform_8bit(layout, &srgb, layout, moxcms::TransformOptions::default())
    else {
        return;
    };
    let pixels: &mut [u8] = match image {
        DynamicImage::ImageRgb8(rgb) => rgb,
        DynamicImage::ImageRgba8(rgba) => rgba,
        _ => return,
    };
    // A few rows at a time, so a big photo needs no second copy.
    let chunk = layout.channels() * 4096;
    let mut converted = vec![0; chunk];
    for part in pixels.chunks_mut(chunk) {
        let out = &mut converted[..part.len()];
        if transform.transform(part, out).is_err() {
            return;
        }
        part.copy_from_slice(out);
    }
}

/// Eight bits a channel, RGB or RGBA: what the encoders and the resizer take.
fn flatten(image: DynamicImage, fallback: Fallback) -> DynamicImage {
    match (fallback, image) {
        (Fallback::Jpeg, DynamicImage::ImageRgb8(rgb)) => DynamicImage::ImageRgb8(rgb),
        (Fallback::Jpeg, other) => DynamicImage::ImageRgb8(other.to_rgb8()),
        (Fallback::Png, image) if !image.color().has_alpha() => {
            DynamicImage::ImageRgb8(image.to_rgb8())
        }
        (Fallback::Png, DynamicImage::ImageRgba8(rgba)) => DynamicImage::ImageRgba8(rgba),
        (Fallback::Png, other) => DynamicImage::ImageRgba8(other.to_rgba8()),
    }
}

/// The widths an image of `width` pixels is published at: those of
/// [`WIDTHS`] narrower than it, and its own when that is under the widest.
pub fn widths(width: u32) -> Vec<u32> {
    let mut widths: Vec<u32> = WIDTHS.iter().copied().filter(|&w| w < width).collect();
    if width <= WIDTHS[WIDTHS.len() - 1] {
        widths.push(width);
    }
    widths
}

/// Every size, WebP and fallback, narrowest first. Each size is made from
/// the next wider one, which is faster than from the full image each time
/// and looks the same with a Lanczos filter.
fn ladder(image: &DynamicImage, fallback: Fallback) -> Result<Vec<Encoded>, Refusal> {
    let mut webp = Vec::new();
    let mut fallbacks = Vec::new();
    let mut previous: Option<DynamicImage> = None;
    for width in widths(image.width()).into_iter().rev() {
        let from = previous.as_ref().unwrap_or(image);
        let height = scaled_height(image.width(), image.height(), width);
        let sized = if width == from.width() {
            from.clone()
        } else {
            resize(from, width, height)?
        };
        let height = sized.height();
        webp.push(Encoded {
            name: format!("{width}w.webp"),
            width,
            height,
            bytes: encode_webp(&sized)?,
        });
        fallbacks.push(Encoded {
            name: format!("{width}w.{}", fallback.extension()),
            width,
            height,
            bytes: encode_fallback(&sized, fallback, JPEG_QUALITY)?,
        });
        previous = Some(sized);
    }
    webp.reverse();
    fallbacks.reverse();
    webp.extend(fallbacks);
    Ok(webp)
}

/// The height that keeps the shape at `width`, at least one pixel.
fn scaled_height(full_width: u32, full_height: u32, width: u32) -> u32 {
    let height = (u64::from(full_height) * u64::from(width) + u64::from(full_width) / 2)
        / u64::from(full_width.max(1));
    u32::try_from(height).unwrap_or(full_height).max(1)
}

/// Resizes with fast_image_resize (SIMD convolution, several times faster
/// than the image crate's own resize).
fn resize(image: &DynamicImage, width: u32, height: u32) -> Result<DynamicImage, Refusal> {
    let failed = |e: &dyn std::fmt::Display| {
        Refusal::new(
            format!("the image could not be resized: {e}"),
            "save the image again as JPEG or PNG",
        )
    };
    let (pixel_type, bytes) = match image {
        DynamicImage::ImageRgba8(rgba) => (fir::PixelType::U8x4, rgba.as_raw()),
        DynamicImage::ImageRgb8(rgb) => (fir::PixelType::U8x3, rgb.as_raw()),
        _ => return Err(failed(&"unexpected pixel layout")),
    };
    let source = fir::images::ImageRef::new(image.width(), image.height(), bytes, pixel_type)
        .map_err(|e| failed(&e))?;
    let mut target = fir::images::Image::new(width, height, pixel_type);
    let options = fir::ResizeOptions::new()
        .resize_alg(fir::ResizeAlg::Convolution(fir::FilterType::Lanczos3));
    fir::Resizer::new()
        .resize(&source, &mut target, &options)
        .map_err(|e| failed(&e))?;
    let buffer = target.into_vec();
    let sized = match pixel_type {
        fir::PixelType::U8x4 => {
            image::RgbaImage::from_raw(width, height, buffer).map(DynamicImage::ImageRgba8)
        }
        _ => image::RgbImage::from_raw(width, height, buffer).map(DynamicImage::ImageRgb8),
    };
    sized.ok_or_else(|| failed(&"the resized buffer has the wrong size"))
}

/// Lossy WebP through libwebp (the image crate writes lossless WebP only,
/// several times larger for photographs).
fn encode_webp(image: &DynamicImage) -> Result<Vec<u8>, Refusal> {
    let (width, height) = (image.width(), image.height());
    let encoder = match image {
        DynamicImage::ImageRgba8(rgba) => webp::Encoder::from_rgba(rgba.as_raw(), width, height),
        DynamicImage::ImageRgb8(rgb) => webp::Encoder::from_rgb(rgb.as_raw(), width, height),
        _ => return Err(Refusal::new("unexpected pixel layout", "")),
    };
    encoder
        .encode_simple(false, WEBP_QUALITY)
        .map(|memory| memory.to_vec())
        .map_err(|e| {
            Refusal::new(
                format!("the image could not be encoded as WebP: {e:?}"),
                "save the image again as JPEG or PNG",
            )
        })
}

fn encode_fallback(
    image: &DynamicImage,
    fallback: Fallback,
    quality: u8,
) -> Result<Vec<u8>, Refusal> {
    let mut bytes = Vec::new();
    let (width, height) = (image.width(), image.height());
    let result = match fallback {
        Fallback::Jpeg => JpegEncoder::new_with_quality(&mut bytes, quality).write_image(
            image.as_bytes(),
            width,
            height,
            image.color().into(),
        ),
        Fallback::Png => PngEncoder::new(&mut bytes).write_image(
            image.as_bytes(),
            width,
            height,
            image.color().into(),
        ),
    };
    result.map_err(refusal)?;
    Ok(bytes)
}

/// The image crate's error, in plain words.
fn refusal(error: ImageError) -> Refusal {
    match error {
        ImageError::Limits(limit) => match limit.kind() {
            LimitErrorKind::DimensionError => Refusal::new(
                format!(
                    "the image is too large to publish: it claims more than {MAX_SIDE} pixels on a side"
                ),
                "resize the image to at most 4000 pixels wide before adding it",
            ),
            _ => Refusal::new(
                "the image is too large to publish: decoding it would take too much memory",
                "resize the image to at most 4000 pixels wide before adding it",
            ),
        },
        ImageError::Unsupported(e) => Refusal::new(
            format!("the image uses a feature Hearth cannot read: {e}"),
            "save it again as an ordinary JPEG or PNG",
        ),
        other => Refusal::new(
            format!("the image is damaged or cut short: {other}"),
            "copy the image again from where it came from, or save it again as JPEG or PNG",
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_never_go_past_the_original() {
        assert_eq!(widths(4000), [480, 800, 1200, 1600]);
        assert_eq!(widths(1600), [480, 800, 1200, 1600]);
        assert_eq!(widths(1000), [480, 800, 1000]);
        assert_eq!(widths(300), [300]);
    }

    #[test]
    fn a_tall_image_keeps_its_shape() {
        assert_eq!(scaled_height(3000, 4000, 480), 640);
        assert_eq!(scaled_height(4000, 1, 480), 1);
    }

    #[test]
    fn a_jpeg_without_its_end_is_cut_short() {
        let mut jpeg = Vec::new();
        JpegEncoder::new(&mut jpeg)
            .write_image(&[9; 16 * 16 * 3], 16, 16, image::ExtendedColorType::Rgb8)
            .expect("a small JPEG");
        assert!(has_jpeg_end(&jpeg));
        assert!(!has_jpeg_end(&jpeg[..jpeg.len() - 2]));
        assert!(!has_jpeg_end(&jpeg[..40]));
    }

    #[test]
    fn empty_and_unknown_bytes_are_refused() {
        assert!(make(&[], false).is_err());
        assert!(make(b"not an image at all", false).is_err());
    }
}
