//! Source images larger than readers need: a photo straight from a phone.
//!
//! Readers are sent WebP and JPEG or PNG copies at most
//! `images::make::WIDTHS` wide, so a large source costs them nothing; it
//! still slows every build that has not cached it, and fills the site's
//! repository. Only the file's header is read for its size.

use rayon::prelude::*;

use super::Rule;
use crate::content::Site;
use crate::error::{Error, ErrorKind};
use crate::images::make::WIDTHS;

/// A source image over this many bytes is reported.
const MOST_BYTES: u64 = 5 * 1000 * 1000;

/// A source image wider than this many pixels is reported.
const MOST_WIDTH: u32 = 4000;

/// A warning for every raster image under `content/` over 5 MB or over
/// 4000 pixels wide.
pub(crate) fn check(site: &Site) -> Vec<Error> {
    site.assets
        .par_iter()
        .filter(|(asset, _)| is_raster(&asset.path))
        .filter_map(|(asset, _)| {
            let bytes = std::fs::metadata(&asset.file).ok()?.len();
            let width = image::ImageReader::open(&asset.file)
                .ok()?
                .with_guessed_format()
                .ok()?
                .into_dimensions()
                .map_or(0, |(width, _)| width);
            large(&asset.path, bytes, width)
        })
        .collect()
}

fn is_raster(path: &str) -> bool {
    let lower = path.to_ascii_lowercase();
    [".jpg", ".jpeg", ".png", ".webp"]
        .iter()
        .any(|extension| lower.ends_with(extension))
}

fn large(path: &str, bytes: u64, width: u32) -> Option<Error> {
    let is_heavy = bytes > MOST_BYTES;
    let is_wide = width > MOST_WIDTH;
    if !is_heavy && !is_wide {
        return None;
    }
    let megabytes = bytes as f64 / 1_000_000.0;
    let widest = WIDTHS[WIDTHS.len() - 1];
    let size = match (is_heavy, is_wide) {
        (true, true) => format!("{megabytes:.1} MB and {width} pixels wide"),
        (true, false) => format!("{megabytes:.1} MB"),
        _ => format!("{width} pixels wide"),
    };
    Some(
        Error::new(
            ErrorKind::Check(Rule::LargeImage),
            format!("content/{path}"),
            format!(
                "this image is {size}: readers are sent copies at most {widest} pixels wide in WebP and JPEG or PNG instead, but every new build must read it"
            ),
        )
        .with_help(format!(
            "resize it to about {widest} pixels wide before adding it (readers see no difference)"
        ))
        .warning(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heavy_or_wide_images_are_reported() {
        assert!(large("a.jpg", 6_000_000, 1000).is_some());
        assert!(large("a.jpg", 100_000, 4032).is_some());
        assert!(large("a.jpg", 5_000_000, 4000).is_none());
    }
}
