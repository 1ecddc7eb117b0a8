//! Makes the image benchmark's site: PAGES pages in one section, with
//! PHOTOS photos of WIDTH x HEIGHT pixels shared out among them (in each
//! page's bundle), and a twin site with the same pages and no images.
//!
//! ```sh
//! cargo run --release --example image_site -- OUT PAGES PHOTOS [WIDTH HEIGHT]
//! ```
//!
//! Writes `OUT/with/` and `OUT/without/`. The photos are JPEGs at quality
//! 92 with fine detail, about the size a phone's are. Four pictures are
//! drawn; every photo is one of them with its own comment in the file, so
//! each has its own content hash (and its own cache entry) while the
//! drawing takes seconds, not minutes. See bench/images.sh.

use std::fs;
use std::path::Path;
use std::process::ExitCode;

use image::{ImageEncoder, Rgb, RgbImage};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let number = |i: usize, default: u32| {
        args.get(i)
            .map_or(Some(default), |a| a.parse::<u32>().ok())
            .filter(|n| *n > 0)
    };
    let (Some(out), Some(pages), Some(photos), Some(width), Some(height)) = (
        args.first(),
        number(1, 100),
        number(2, 200),
        number(3, 4000),
        number(4, 3000),
    ) else {
        eprintln!("usage: image_site OUT PAGES PHOTOS [WIDTH HEIGHT]");
        return ExitCode::from(2);
    };
    match make(Path::new(out), pages, photos, width, height) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("image_site: {error}");
            ExitCode::FAILURE
        }
    }
}

fn make(out: &Path, pages: u32, photos: u32, width: u32, height: u32) -> std::io::Result<()> {
    let drawn: Vec<Vec<u8>> = (0..4).map(|seed| draw(width, height, seed)).collect();
    for (twin, has_images) in [("with", true), ("without", false)] {
        let root = out.join(twin);
        fs::create_dir_all(root.join("content/walks"))?;
        fs::write(
            root.join("site.yaml"),
            "title: Image benchmark\nbase_url: https://bench.example/\nsearch: false\n",
        )?;
        fs::write(
            root.join("content/_index.md"),
            "---\ntitle: Home\n---\nWalks around the town.\n",
        )?;
        fs::write(
            root.join("content/walks/_index.md"),
            "---\ntitle: Walks\n---\nEvery walk.\n",
        )?;
        for page in 0..pages {
            let folder = root.join(format!("content/walks/walk-{page}"));
            fs::create_dir_all(&folder)?;
            let mut body = format!(
                "---\ntitle: Walk {page}\ndescription: A walk with photos.\n---\nA walk by the river, past the benches.\n\n"
            );
            for photo in (0..photos).filter(|p| p % pages == page) {
                if has_images {
                    let name = format!("photo-{photo}.jpg");
                    let bytes = with_comment(&drawn[photo as usize % drawn.len()], photo);
                    fs::write(folder.join(&name), bytes)?;
                    body.push_str(&format!("![Photo {photo} of the walk]({name})\n\n"));
                }
                body.push_str("The path turns along the water here.\n\n");
            }
            fs::write(folder.join("index.md"), body)?;
        }
    }
    Ok(())
}

/// A picture with smooth colour and fine grain, so it compresses as a photo does.
fn draw(width: u32, height: u32, seed: u32) -> Vec<u8> {
    let mut state = 0x9E37_79B9u32.wrapping_mul(seed + 1);
    let pixels = RgbImage::from_fn(width, height, |x, y| {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        let grain = (state & 0x1F) as u8;
        let r = ((x * 200 / width) as u8).saturating_add(grain);
        let g = ((y * 200 / height) as u8).saturating_add(grain / 2);
        let b = (((x + y + seed * 97) % 256) as u8).saturating_add(grain);
        Rgb([r, g, b])
    });
    let mut jpeg = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, 92)
        .write_image(
            pixels.as_raw(),
            width,
            height,
            image::ExtendedColorType::Rgb8,
        )
        .expect("a picture in memory encodes");
    jpeg
}

/// The JPEG with a comment segment naming the photo after its start marker.
fn with_comment(jpeg: &[u8], photo: u32) -> Vec<u8> {
    let text = format!("photo {photo}");
    let mut out = jpeg[..2].to_vec();
    out.extend([0xFF, 0xFE]);
    out.extend(((text.len() + 2) as u16).to_be_bytes());
    out.extend(text.as_bytes());
    out.extend(&jpeg[2..]);
    out
}
