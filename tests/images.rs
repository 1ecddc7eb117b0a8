//! Images: published at several sizes in WebP and JPEG or PNG, upright,
//! without metadata, cached, and bad images reported where a page shows them.
//! Every photo is made here, with an orientation tag and a location.

mod common;

use std::fs;
use std::path::PathBuf;

use common::TestSite;
use hearth::build::BuildOptions;
use hearth::check::{self, Rule};
use hearth::cli::{CheckArgs, CheckFormat};
use hearth::ErrorKind;
use image::{ImageEncoder, ImageFormat, Rgb, RgbImage};

/// Marks the camera's maker in a test photo's metadata.
const CAMERA: &[u8] = b"SecretCam";

/// A JPEG `width` x `height`, left half red and right half blue, with an
/// EXIF block saying `orientation`, a camera and a location.
fn photo(width: u32, height: u32, orientation: u16) -> Vec<u8> {
    let pixels = RgbImage::from_fn(width, height, |x, _| {
        if x < width / 2 {
            Rgb([220, 20, 20])
        } else {
            Rgb([20, 20, 220])
        }
    });
    let mut jpeg = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, 90)
        .write_image(
            pixels.as_raw(),
            width,
            height,
            image::ExtendedColorType::Rgb8,
        )
        .expect("encode a test photo");
    with_exif(&jpeg, orientation)
}

/// Puts an APP1 EXIF segment after a JPEG's start marker.
fn with_exif(jpeg: &[u8], orientation: u16) -> Vec<u8> {
    let tiff = exif_tiff(orientation);
    let mut segment = vec![0xFF, 0xE1];
    let length = u16::try_from(2 + 6 + tiff.len()).expect("a short segment");
    segment.extend(length.to_be_bytes());
    segment.extend(b"Exif\0\0");
    segment.extend(tiff);
    let mut out = jpeg[..2].to_vec();
    out.extend(segment);
    out.extend(&jpeg[2..]);
    out
}

/// A big-endian TIFF block: IFD0 with the maker, the orientation and a
/// pointer to a GPS IFD holding a latitude.
fn exif_tiff(orientation: u16) -> Vec<u8> {
    fn entry(out: &mut Vec<u8>, tag: u16, kind: u16, count: u32, value: [u8; 4]) {
        out.extend(tag.to_be_bytes());
        out.extend(kind.to_be_bytes());
        out.extend(count.to_be_bytes());
        out.extend(value);
    }
    let mut t = b"MM\0\x2a\0\0\0\x08".to_vec();
    // IFD0 at 8: 3 entries (42 bytes); the GPS IFD at 50 (30 bytes); the
    // latitude at 80 (24 bytes); the maker's name at 104.
    t.extend(3u16.to_be_bytes());
    entry(&mut t, 0x010F, 2, 10, 104u32.to_be_bytes());
    let [high, low] = orientation.to_be_bytes();
    entry(&mut t, 0x0112, 3, 1, [high, low, 0, 0]);
    entry(&mut t, 0x8825, 4, 1, 50u32.to_be_bytes());
    t.extend(0u32.to_be_bytes());
    t.extend(2u16.to_be_bytes());
    entry(&mut t, 0x0001, 2, 2, *b"N\0\0\0");
    entry(&mut t, 0x0002, 5, 3, 80u32.to_be_bytes());
    t.extend(0u32.to_be_bytes());
    for part in [51u32, 30, 7] {
        t.extend(part.to_be_bytes());
        t.extend(1u32.to_be_bytes());
    }
    t.extend(CAMERA);
    t.push(0);
    t
}

fn page(body: &str) -> String {
    format!("---\ntitle: Walk\n---\n{body}\n")
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// Whether `path` is a size of the image named `name` (its file name
/// without extension): `_images/NAME-HASH-SIZE`, the hash 12 hex digits.
fn is_size(path: &str, name: &str, size: &str) -> bool {
    let Some(file) = path.strip_prefix("_images/") else {
        return false;
    };
    let hash = file
        .strip_prefix(name)
        .and_then(|rest| rest.strip_prefix('-'))
        .and_then(|rest| rest.strip_suffix(size))
        .and_then(|rest| rest.strip_suffix('-'));
    hash.is_some_and(|hash| hash.len() == 12 && hash.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// The published sizes `size` (`480w.webp`) of the image named `name`.
fn sizes_of(site: &TestSite, name: &str, size: &str) -> Vec<String> {
    let Ok(folder) = fs::read_dir(site.output().join("_images")) else {
        return Vec::new();
    };
    folder
        .filter_map(Result::ok)
        .map(|e| format!("_images/{}", e.file_name().to_string_lossy()))
        .filter(|path| is_size(path, name, size))
        .collect()
}

/// The output path of the one published size `size` of the image `name`.
fn sized(site: &TestSite, name: &str, size: &str) -> String {
    let found = sizes_of(site, name, size);
    assert_eq!(found.len(), 1, "one {size} of {name}: {found:?}");
    found[0].clone()
}

/// A `srcset` of the sizes of `name` in `extension` at `widths`.
fn srcset(site: &TestSite, name: &str, extension: &str, widths: &[u32]) -> String {
    let each = widths
        .iter()
        .map(|w| format!("/{} {w}w", sized(site, name, &format!("{w}w.{extension}"))));
    each.collect::<Vec<_>>().join(", ")
}

fn dimensions(site: &TestSite, path: &str) -> (u32, u32) {
    let image = image::open(site.output().join(path)).expect("a published image");
    (image.width(), image.height())
}

/// The photo is 2000 x 1000 but tagged "turn 90 degrees clockwise": upright
/// it is 1000 x 2000, red above blue.
fn walk_site() -> TestSite {
    TestSite::minimal()
        .file(
            "content/walk/index.md",
            &page("Intro text.\n\n![A bench by the river](bench.jpg)"),
        )
        .bytes("content/walk/bench.jpg", &photo(2000, 1000, 6))
}

#[test]
fn a_photo_is_published_upright_at_each_width_in_webp_and_jpeg() {
    let site = walk_site();
    site.build().assert_ok();
    for (width, height) in [(480, 960), (800, 1600), (1000, 2000)] {
        for extension in ["webp", "jpg"] {
            let path = sized(&site, "bench", &format!("{width}w.{extension}"));
            assert_eq!(dimensions(&site, &path), (width, height), "{path}");
        }
    }
    let small = image::open(site.output().join(sized(&site, "bench", "480w.jpg")))
        .expect("the small size")
        .to_rgb8();
    let (top, bottom) = (small.get_pixel(240, 100), small.get_pixel(240, 860));
    assert!(top[0] > 150 && top[2] < 100, "red on top: {top:?}");
    assert!(bottom[2] > 150 && bottom[0] < 100, "blue below: {bottom:?}");
    assert!(
        !site.output().join("walk/bench.jpg").exists(),
        "the original is published only when linked"
    );
}

#[test]
fn a_photo_is_shown_as_a_picture_with_srcset_sizes_and_dimensions() {
    let site = walk_site();
    site.build().assert_ok();
    let html = site.main_of("walk/index.html");
    let widths = [480, 800, 1000];
    let webp = srcset(&site, "bench", "webp", &widths);
    let source = format!("<source type=\"image/webp\" srcset=\"{webp}\"");
    assert!(html.contains(&source), "{html}");
    let jpeg = srcset(&site, "bench", "jpg", &widths);
    assert!(html.contains(&format!("srcset=\"{jpeg}\"")), "{html}");
    let src = sized(&site, "bench", "800w.jpg");
    assert!(html.contains(&format!("src=\"/{src}\"")), "{html}");
    assert!(
        html.contains("width=\"1000\" height=\"2000\" alt=\"A bench by the river\""),
        "{html}"
    );
    // The first image, at the top of the page, is not loaded lazily.
    assert!(!html.contains("loading=\"lazy\""), "{html}");
}

#[test]
fn images_further_down_are_loaded_lazily() {
    let filler = "Some words of text. ".repeat(100);
    let site = walk_site().file(
        "content/walk/index.md",
        &page(&format!("{filler}\n\n![A bench](bench.jpg)")),
    );
    site.build().assert_ok();
    let html = site.main_of("walk/index.html");
    assert!(
        html.contains("loading=\"lazy\" decoding=\"async\""),
        "{html}"
    );
}

#[test]
fn no_published_image_keeps_any_metadata() {
    let site = walk_site().file(
        "content/walk/index.md",
        &page("![A bench](bench.jpg)\n\n[The full photo](bench.jpg)"),
    );
    site.build().assert_ok();
    let images: Vec<(String, Vec<u8>)> = site
        .snapshot()
        .into_iter()
        .filter(|(path, _)| path.starts_with("_images/bench-") || path == "walk/bench.jpg")
        .collect();
    assert_eq!(images.len(), 7, "six sizes and the linked original");
    for (path, bytes) in &images {
        for mark in [CAMERA, b"Exif".as_slice(), b"EXIF".as_slice()] {
            assert!(!contains(bytes, mark), "{path} holds metadata");
        }
    }
    // The linked original: full size, upright, without its location.
    assert_eq!(dimensions(&site, "walk/bench.jpg"), (1000, 2000));
    assert!(site
        .main_of("walk/index.html")
        .contains("<a href=\"/walk/bench.jpg\">The full photo</a>"));
}

/// The cached file of one published size of the walk's photo.
fn cached(site: &TestSite, name: &str) -> PathBuf {
    let found: Vec<PathBuf> = walkdir::WalkDir::new(site.root.join(".hearth-cache/images"))
        .into_iter()
        .filter_map(Result::ok)
        .map(|e| e.path().to_path_buf())
        .filter(|p| p.ends_with(name))
        .collect();
    assert_eq!(found.len(), 1, "{found:?}");
    found[0].clone()
}

fn modified(path: &std::path::Path) -> std::time::SystemTime {
    fs::metadata(path)
        .and_then(|m| m.modified())
        .expect("a time of change")
}

#[test]
fn an_unchanged_photo_is_taken_from_the_cache() {
    let site = walk_site();
    site.build().assert_ok();
    let file = cached(&site, "480w.webp");
    let made = modified(&file);
    let index = site.root.join(".hearth-cache/images/entries.bin");
    let indexed = modified(&index);
    site.build().assert_ok();
    // Had the second build made the image again, its files would be new.
    assert_eq!(modified(&cached(&site, "480w.webp")), made);
    assert_eq!(
        modified(&index),
        indexed,
        "an unchanged index is not written"
    );
}

/// The cache knows a photo by its path in the site: the same site reached
/// by another path (`--root site` from its parent, or from within) does
/// not read an unchanged photo again.
#[test]
fn the_same_site_reached_by_another_path_reads_no_photo_again() {
    let site = walk_site();
    site.build().assert_ok();
    let first = site.snapshot();
    // Other bytes of the same length and time of change: only a photo
    // read again would show them.
    let photo = site.root.join("content/walk/bench.jpg");
    let when = fs::metadata(&photo)
        .and_then(|m| m.modified())
        .expect("stamp");
    let mut bytes = fs::read(&photo).expect("the photo");
    let middle = bytes.len() / 2;
    bytes[middle] ^= 0xff;
    fs::write(&photo, &bytes).expect("write the photo");
    let file = fs::File::options().write(true).open(&photo).expect("open");
    file.set_modified(when).expect("the same time of change");
    let name = site.root.file_name().expect("the site's folder");
    let options = BuildOptions {
        root: site.root.join("..").join(name),
        ..site.options()
    };
    site.build_with(options).assert_ok();
    assert_eq!(site.snapshot(), first);
}

#[test]
fn a_cached_build_finds_its_entries_in_one_index_and_a_broken_index_costs_nothing_but_time() {
    let site = walk_site();
    site.build().assert_ok();
    let first = site.snapshot();
    let size = cached(&site, "480w.webp");
    let made = modified(&size);
    // The index names the entry: its own entry.json is not read.
    let entry = size.with_file_name("entry.json");
    let kept = fs::read(&entry).expect("the entry");
    fs::remove_file(&entry).expect("remove the entry's own file");
    site.build().assert_ok();
    assert_eq!(modified(&cached(&site, "480w.webp")), made, "made again");
    assert_eq!(site.snapshot(), first);
    // A broken index: the entry is read from its folder, as before.
    fs::write(&entry, kept).expect("the entry back");
    let index = site.root.join(".hearth-cache/images/entries.bin");
    fs::write(&index, b"{ broken").expect("break the index");
    site.build().assert_ok();
    assert_eq!(modified(&cached(&site, "480w.webp")), made, "made again");
    assert_eq!(site.snapshot(), first);
    // A folder removed by hand is made again, whatever the index says.
    fs::remove_dir_all(size.parent().expect("the entry's folder")).expect("remove");
    site.build().assert_ok();
    assert_eq!(site.snapshot(), first);
}

#[test]
fn a_cached_second_build_publishes_the_same_bytes() {
    let site = walk_site();
    site.build().assert_ok();
    let first = site.snapshot();
    site.build().assert_ok();
    assert_eq!(site.snapshot(), first);
    assert!(first.contains_key(&sized(&site, "bench", "480w.webp")));
}

/// What an output file is: its inode number, so that a test can tell a
/// file carried over from one written again.
#[cfg(unix)]
fn inode(path: &std::path::Path) -> u64 {
    std::os::unix::fs::MetadataExt::ino(&fs::metadata(path).expect("stat"))
}

/// The walk site, built, and where its photo's smallest WebP is.
fn built_walk() -> (TestSite, PathBuf) {
    let site = walk_site();
    site.build().assert_ok();
    let small = site.output().join(sized(&site, "bench", "480w.webp"));
    (site, small)
}

/// A second build carries the last output's sizes over, as the very files
/// it had; a build after the photo changed holds the new sizes and none of
/// the old, exactly as a build into an empty folder would.
#[cfg(unix)]
#[test]
fn the_sizes_of_the_last_output_are_carried_over_and_the_unused_ones_removed() {
    let (site, small) = built_walk();
    let folder = inode(&site.output().join("_images"));
    let file = inode(&small);
    site.build().assert_ok();
    assert_eq!(
        inode(&site.output().join("_images")),
        folder,
        "carried over"
    );
    assert_eq!(inode(&small), file, "the same file");
    let site = site.bytes("content/walk/bench.jpg", &photo(600, 300, 1));
    site.build().assert_ok();
    let carried = site.snapshot();
    assert!(!small.exists(), "the old photo's sizes are gone");
    assert_eq!(
        dimensions(&site, &sized(&site, "bench", "600w.jpg")),
        (600, 300)
    );
    fs::remove_dir_all(site.output()).expect("empty the output");
    site.build().assert_ok();
    assert_eq!(carried, site.snapshot(), "the same as a build from nothing");
}

/// Whatever else finds its way into the output's folder of sizes (a file
/// put there by hand, a size replaced by another file) is gone or put
/// right by the next build.
#[test]
fn a_build_puts_right_what_was_changed_in_the_folder_of_sizes() {
    let site = walk_site();
    site.build().assert_ok();
    let first = site.snapshot();
    let small = site.output().join(sized(&site, "bench", "480w.webp"));
    fs::remove_file(&small).expect("remove a size");
    fs::write(&small, b"not the picture").expect("put another file in its place");
    fs::write(site.output().join("_images/stray.txt"), b"stray").expect("a stray file");
    fs::create_dir(site.output().join("_images/stray")).expect("a stray folder");
    site.build().assert_ok();
    assert_eq!(site.snapshot(), first);
    assert!(!site.output().join("_images/stray").exists());
}

/// Two pages with the same photo under the same name share its sizes.
#[test]
fn the_same_photo_beside_two_pages_is_published_once() {
    let site = walk_site()
        .file("content/park/index.md", &page("![A bench](bench.jpg)"))
        .bytes("content/park/bench.jpg", &photo(2000, 1000, 6));
    site.build().assert_ok();
    let small = sized(&site, "bench", "480w.webp");
    for page in ["walk/index.html", "park/index.html"] {
        assert!(
            site.main_of(page).contains(&format!("/{small} 480w")),
            "{page}"
        );
    }
}

/// The folder of sizes is Hearth's own: a site's file there is refused,
/// at that file.
#[test]
fn a_site_file_in_the_folder_of_sizes_is_an_error_at_that_file() {
    let site = walk_site().bytes("static/_images/logo.svg", b"<svg/>");
    let file = "static/_images/logo.svg".to_string();
    assert_eq!(failed_files(&site), [(ErrorKind::DuplicateUrl, file)]);
}

/// A site's file named as the folder of sizes is refused too, at that file.
#[test]
fn a_site_file_where_the_folder_of_sizes_goes_is_an_error_at_that_file() {
    let site = walk_site().bytes("static/_images", b"in the way");
    let file = "static/_images".to_string();
    assert_eq!(failed_files(&site), [(ErrorKind::DuplicateUrl, file)]);
}

/// The kind and file of each error of a build that must fail.
fn failed_files(site: &TestSite) -> Vec<(ErrorKind, String)> {
    let outcome = site.build();
    assert!(outcome.summary.is_none());
    let places = outcome.error_places().into_iter();
    places.map(|(kind, file, _)| (kind, file)).collect()
}

#[cfg(unix)]
#[test]
fn writing_into_a_published_size_does_not_change_what_the_cache_publishes() {
    let (site, published) = built_walk();
    let first = fs::read(&published).expect("published");
    site.build().assert_ok();
    assert!(
        fs::metadata(&published)
            .expect("stat")
            .permissions()
            .readonly(),
        "a size taken from the cache is read-only"
    );
    // The worst case: made writable again and written into in place, as
    // an editor that keeps hard links does.
    let mut permissions = fs::metadata(&published).expect("stat").permissions();
    #[allow(clippy::permissions_set_readonly_false)]
    permissions.set_readonly(false);
    fs::set_permissions(&published, permissions).expect("writable");
    let mut file = fs::OpenOptions::new()
        .write(true)
        .open(&published)
        .expect("open in place");
    std::io::Write::write_all(&mut file, b"edited").expect("write in place");
    drop(file);
    site.build().assert_ok();
    assert_eq!(fs::read(&published).expect("published"), first);
    assert_eq!(fs::read(cached(&site, "480w.webp")).expect("cached"), first);
}

#[test]
fn a_changed_photo_is_made_again_and_the_old_entry_pruned() {
    let site = walk_site();
    site.build().assert_ok();
    let site = site.bytes("content/walk/bench.jpg", &photo(600, 300, 1));
    site.build().assert_ok();
    assert_eq!(
        dimensions(&site, &sized(&site, "bench", "600w.jpg")),
        (600, 300)
    );
    assert_eq!(sizes_of(&site, "bench", "1000w.jpg"), Vec::<String>::new());
    let entries = fs::read_dir(site.root.join(".hearth-cache/images"))
        .expect("the cache")
        .filter_map(Result::ok)
        .filter(|e| e.path().is_dir())
        .count();
    assert_eq!(entries, 1, "the old photo's entry is pruned");
}

#[test]
fn a_static_image_shown_from_content_is_published_at_each_width() {
    let site = TestSite::minimal()
        .file("content/walk.md", &page("![Map](/img/map.jpg)"))
        .bytes("static/img/map.jpg", &photo(900, 600, 1));
    site.build().assert_ok();
    assert_eq!(
        dimensions(&site, &sized(&site, "map", "800w.webp")),
        (800, 533)
    );
    let html = site.main_of("walk/index.html");
    let webp = srcset(&site, "map", "webp", &[480, 800, 900]);
    assert!(html.contains(&webp), "{html}");
}

#[test]
fn svg_and_gif_pass_through_unchanged() {
    let mut gif = Vec::new();
    image::DynamicImage::ImageRgb8(RgbImage::new(3, 2))
        .write_to(&mut std::io::Cursor::new(&mut gif), ImageFormat::Gif)
        .expect("a gif");
    let svg = "<svg xmlns=\"http://www.w3.org/2000/svg\"/>";
    let site = TestSite::minimal()
        .file("content/walk/index.md", &page("![a](a.gif) ![b](b.svg)"))
        .bytes("content/walk/a.gif", &gif)
        .file("content/walk/b.svg", svg);
    site.build().assert_ok();
    assert_eq!(
        fs::read(site.output().join("walk/a.gif")).expect("gif"),
        gif
    );
    assert_eq!(site.read("walk/b.svg"), svg);
    assert!(site
        .main_of("walk/index.html")
        .contains("<img src=\"/walk/a.gif\""));
}

fn bad_site(name: &str, bytes: &[u8]) -> TestSite {
    TestSite::minimal()
        .file(
            "content/walk/index.md",
            &page(&format!("Text.\n\nMore text ![Broken]({name})")),
        )
        .bytes(&format!("content/walk/{name}"), bytes)
}

/// The image is on body line 3 of the file, line 6, after "More text ".
const IMAGE_SPOT: (usize, usize) = (6, 11);

#[test]
fn a_truncated_photo_is_an_error_at_the_image() {
    let whole = photo(800, 600, 1);
    let site = bad_site("cut.jpg", &whole[..whole.len() / 3]);
    let outcome = site.build();
    assert_eq!(
        outcome.error_spots(),
        [(ErrorKind::Image, IMAGE_SPOT.0, IMAGE_SPOT.1)]
    );
}

#[test]
fn an_empty_image_file_is_an_error_at_the_image() {
    let outcome = bad_site("empty.png", b"").build();
    assert_eq!(
        outcome.error_spots(),
        [(ErrorKind::Image, IMAGE_SPOT.0, IMAGE_SPOT.1)]
    );
}

#[test]
fn garbage_named_as_a_photo_is_an_error_at_the_image() {
    let outcome = bad_site("notes.jpg", b"these are notes, not a photo").build();
    assert_eq!(
        outcome.error_spots(),
        [(ErrorKind::Image, IMAGE_SPOT.0, IMAGE_SPOT.1)]
    );
}

/// A PNG header claiming 30,000 x 30,000 pixels: decoding it would take
/// 2.7 GB. It is refused from the header, before any pixel is read.
fn png_bomb() -> Vec<u8> {
    png_header(30_000, 30_000)
}

/// The start of a PNG file: its signature and header, no pixels.
fn png_header(width: u32, height: u32) -> Vec<u8> {
    let mut header = b"IHDR".to_vec();
    header.extend(width.to_be_bytes());
    header.extend(height.to_be_bytes());
    header.extend([8, 2, 0, 0, 0]);
    let mut crc = flate2::Crc::new();
    crc.update(&header);
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    png.extend(13u32.to_be_bytes());
    png.extend(&header);
    png.extend(crc.sum().to_be_bytes());
    png
}

#[test]
fn a_decompression_bomb_is_refused_at_the_image() {
    let outcome = bad_site("huge.png", &png_bomb()).build();
    assert_eq!(
        outcome.error_spots(),
        [(ErrorKind::Image, IMAGE_SPOT.0, IMAGE_SPOT.1)]
    );
}

#[test]
fn a_bad_image_no_page_shows_is_a_warning_at_its_file() {
    let site = TestSite::minimal()
        .file("content/walk/index.md", &page("No pictures here."))
        .bytes("content/walk/spare.jpg", b"");
    let outcome = site.build();
    outcome.assert_ok();
    let warnings: Vec<(ErrorKind, String)> = outcome
        .warnings()
        .iter()
        .map(|e| (e.kind, e.path.display().to_string()))
        .collect();
    assert_eq!(
        warnings,
        [(ErrorKind::Image, "content/walk/spare.jpg".to_string())]
    );
    assert!(!site.output().join("walk/spare.jpg").exists());
}

#[test]
fn a_bad_image_leaves_the_last_output_as_it_was() {
    let site = walk_site();
    site.build().assert_ok();
    let before = site.snapshot();
    let site = site.bytes("content/walk/bench.jpg", b"");
    assert!(site.build().summary.is_none());
    assert_eq!(site.snapshot(), before);
}

#[test]
fn a_photo_under_a_png_name_is_published_with_a_warning() {
    let site = bad_site("named.png", &photo(500, 400, 1));
    let outcome = site.build();
    outcome.assert_ok();
    assert_eq!(
        outcome.warning_spots(),
        [(ErrorKind::Image, IMAGE_SPOT.0, IMAGE_SPOT.1)]
    );
    assert_eq!(
        dimensions(&site, &sized(&site, "named", "480w.webp")),
        (480, 384)
    );
    assert_eq!(
        dimensions(&site, &sized(&site, "named", "500w.jpg")),
        (500, 400)
    );
}

#[test]
fn a_cmyk_photo_is_published_in_rgb_with_its_colours() {
    // Pure cyan ink: C=255, M=Y=K=0.
    let (width, height) = (64u16, 48u16);
    let pixels: Vec<u8> = [255u8, 0, 0, 0].repeat(usize::from(width * height));
    let mut jpeg = Vec::new();
    jpeg_encoder::Encoder::new(&mut jpeg, 95)
        .encode(&pixels, width, height, jpeg_encoder::ColorType::Cmyk)
        .expect("a CMYK JPEG");
    let site = bad_site("cyan.jpg", &jpeg);
    site.build().assert_ok();
    let published = image::open(site.output().join(sized(&site, "cyan", "64w.jpg")))
        .expect("the published size")
        .to_rgb8();
    let pixel = published.get_pixel(32, 24);
    assert!(
        pixel[0] < 80 && pixel[1] > 150 && pixel[2] > 150,
        "cyan: {pixel:?}"
    );
}

/// sRGB's transfer curve: encoded value (0-255) to linear light, and back.
fn srgb_to_linear(value: u8) -> f64 {
    let v = f64::from(value) / 255.0;
    if v <= 0.04045 {
        v / 12.92
    } else {
        ((v + 0.055) / 1.055).powf(2.4)
    }
}

fn linear_to_srgb(light: f64) -> f64 {
    let v = if light <= 0.003_130_8 {
        light * 12.92
    } else {
        1.055 * light.powf(1.0 / 2.4) - 0.055
    };
    v * 255.0
}

#[test]
fn a_display_p3_photo_is_published_in_srgb_with_its_colours() {
    // A brick red in Display P3 (P3 primaries, sRGB's curve, D65 white).
    let p3 = [200u8, 60, 40];
    let (width, height) = (64u16, 48u16);
    let pixels: Vec<u8> = p3.repeat(usize::from(width * height));
    let profile = moxcms::ColorProfile::new_display_p3()
        .encode()
        .expect("a Display P3 profile");
    let mut jpeg = Vec::new();
    let mut encoder = jpeg_encoder::Encoder::new(&mut jpeg, 100);
    encoder
        .add_icc_profile(&profile)
        .expect("room for the profile");
    encoder
        .encode(&pixels, width, height, jpeg_encoder::ColorType::Rgb)
        .expect("a P3 JPEG");
    // The same colour in sRGB, by the published linear P3 -> sRGB matrix.
    let matrix = [
        [1.224_940, -0.224_940, 0.0],
        [-0.042_057, 1.042_057, 0.0],
        [-0.019_638, -0.078_636, 1.098_274],
    ];
    let light = p3.map(srgb_to_linear);
    let expected: Vec<f64> = matrix
        .iter()
        .map(|row| linear_to_srgb(row.iter().zip(light).map(|(m, l)| m * l).sum()))
        .collect();
    let site = bad_site("brick.jpg", &jpeg);
    site.build().assert_ok();
    for size in ["64w.jpg", "64w.webp"] {
        let name = sized(&site, "brick", size);
        let published = fs::read(site.output().join(&name)).expect("the published size");
        assert!(
            !contains(&published, b"ICC_PROFILE"),
            "{name} has no profile"
        );
        let pixel = image::load_from_memory(&published)
            .expect("an image")
            .to_rgb8()
            .get_pixel(32, 24)
            .0;
        for channel in 0..3 {
            let off = (f64::from(pixel[channel]) - expected[channel]).abs();
            assert!(off < 6.0, "{name}: {pixel:?}, expected about {expected:?}");
        }
    }
}

#[test]
fn check_sees_an_image_as_the_build_does() {
    // The build stops at a photo cut short; so must the check, at the same spot.
    let whole = photo(800, 600, 1);
    let site = bad_site("cut.jpg", &whole[..whole.len() / 3]);
    let args = CheckArgs {
        root: site.root.clone(),
        strict: false,
        format: CheckFormat::Text,
        external: false,
        drafts: false,
    };
    let findings = check::inspect(&args, common::today());
    let spots: Vec<(ErrorKind, usize, usize)> = findings
        .diagnostics
        .iter()
        .filter(|e| e.is_error())
        .map(|e| (e.kind, e.line, e.column))
        .collect();
    assert_eq!(spots, [(ErrorKind::Image, IMAGE_SPOT.0, IMAGE_SPOT.1)]);
}

#[test]
fn the_default_sites_photo_is_published_upright_without_its_camera_or_location() {
    let source = fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/content/about-hills.jpg"
    ))
    .expect("the default site's photo");
    // Stored on its side, 1600 x 2400, with a camera and a location.
    assert!(contains(&source, b"Hearth sample camera") && contains(&source, b"Exif"));
    let site = TestSite::minimal()
        .file(
            "content/walk/index.md",
            &page("![Hills at sunrise](hills.jpg)"),
        )
        .bytes("content/walk/hills.jpg", &source);
    site.build().assert_ok();
    assert_eq!(
        dimensions(&site, &sized(&site, "hills", "1600w.jpg")),
        (1600, 1067)
    );
    let mut published = 0;
    for entry in fs::read_dir(site.output().join("_images")).expect("the output") {
        let path = entry.expect("an entry").path();
        if !path.to_string_lossy().contains("hills") {
            continue;
        }
        published += 1;
        let bytes = fs::read(&path).expect("a published size");
        for mark in [
            &b"Exif"[..],
            b"Hearth sample camera",
            b"Model 29",
            b"ICC_PROFILE",
        ] {
            assert!(
                !contains(&bytes, mark),
                "{} keeps {:?}",
                path.display(),
                mark
            );
        }
    }
    assert_eq!(published, 8, "four widths in WebP and JPEG");
}

#[test]
fn check_warns_about_source_images_too_wide_or_too_heavy() {
    let mut heavy = photo(100, 80, 1);
    heavy.extend(vec![0; 5_100_000]);
    let site = TestSite::minimal()
        .file("content/walk/index.md", &page("![a](small.jpg)"))
        .bytes("content/walk/small.jpg", &photo(100, 80, 1))
        .bytes("content/walk/heavy.jpg", &heavy)
        .bytes("content/walk/wide.png", &wide_png(4032));
    let args = CheckArgs {
        root: site.root.clone(),
        strict: false,
        format: CheckFormat::Text,
        external: false,
        drafts: false,
    };
    let findings = check::inspect(&args, common::today());
    let mut found: Vec<String> = findings
        .diagnostics
        .iter()
        .filter(|e| e.kind == ErrorKind::Check(Rule::LargeImage) && !e.is_error())
        .map(|e| e.path.display().to_string())
        .collect();
    found.sort();
    assert_eq!(found, ["content/walk/heavy.jpg", "content/walk/wide.png"]);
}

/// The paths of the photo `bench`'s sizes `size` the preview serves.
fn served(session: &hearth::pipeline::Session, size: &str) -> Vec<String> {
    let paths = session.files().keys();
    paths
        .filter(|path| is_size(path, "bench", size))
        .cloned()
        .collect()
}

#[test]
fn the_preview_serves_an_edited_photo_at_its_new_sizes() {
    use hearth::pipeline::{Change, Session};
    let site = walk_site();
    let mut session = Session::new(site.options());
    assert!(session.rebuild(&[Change::Everything]).is_ok);
    assert_eq!(served(&session, "1000w.webp").len(), 1);
    let site = site.bytes("content/walk/bench.jpg", &photo(600, 300, 1));
    let rebuild = session.rebuild(&[Change::ContentTree]);
    assert!(rebuild.is_ok);
    assert!(served(&session, "1000w.webp").is_empty());
    let [small] = &served(&session, "600w.jpg")[..] else {
        panic!("one 600w.jpg of bench");
    };
    assert!(rebuild.changed.contains(small));
    let file = &session.files()[small];
    let bytes = file.contents.read().expect("the served bytes");
    let served = image::load_from_memory(&bytes).expect("an image");
    assert_eq!((served.width(), served.height()), (600, 300));
    drop(site);
}

/// A PNG `width` pixels wide and two high: small, but wider than 4000.
fn wide_png(width: u32) -> Vec<u8> {
    let mut png = Vec::new();
    image::DynamicImage::ImageRgb8(RgbImage::new(width, 2))
        .write_to(&mut std::io::Cursor::new(&mut png), ImageFormat::Png)
        .expect("a png");
    png
}

#[test]
fn a_translation_shows_the_default_languages_sizes_and_publishes_a_linked_photo_clean() {
    let yaml = "title: T\nbase_url: https://test.example/\nlanguages:\n  cy:\n    title: Safle\n";
    let site = walk_site().file("site.yaml", yaml).file(
        "content/walk/index.cy.md",
        "---\ntitle: Taith\n---\n![Mainc ger yr afon](bench.jpg)\n\n[Y llun cyfan](bench.jpg)\n",
    );
    site.build().assert_ok();
    let welsh = site.read("cy/walk/index.html");
    assert!(welsh.contains("<picture>"), "{welsh}");
    let small = sized(&site, "bench", "480w.webp");
    assert!(
        welsh.contains(&format!("srcset=\"/{small} 480w")),
        "{welsh}"
    );
    assert!(welsh.contains("alt=\"Mainc ger yr afon\""), "{welsh}");
    assert!(!site.output().join("cy/_images").exists());
    let linked = fs::read(site.output().join("cy/walk/bench.jpg")).expect("the linked photo");
    assert!(
        !contains(&linked, CAMERA),
        "the linked photo keeps no metadata"
    );
    assert_eq!(dimensions(&site, "cy/walk/bench.jpg"), (1000, 2000));
}

#[test]
fn a_content_image_shown_by_its_site_path_is_a_picture_at_each_width() {
    let site = TestSite::minimal()
        .file("content/about.md", &page("![A map](/walk/map.jpg)"))
        .file("content/walk/index.md", &page("A walk."))
        .bytes("content/walk/map.jpg", &photo(900, 600, 1));
    site.build().assert_ok();
    let html = site.main_of("about/index.html");
    let webp = srcset(&site, "map", "webp", &[480, 800, 900]);
    assert!(html.contains(&format!("srcset=\"{webp}\"")), "{html}");
    assert!(html.contains("width=\"900\" height=\"600\""), "{html}");
    assert_eq!(
        dimensions(&site, &sized(&site, "map", "800w.jpg")),
        (800, 533)
    );
    assert!(!site.output().join("walk/map.jpg").exists());
}

#[test]
fn a_content_image_linked_by_its_site_path_is_published_without_metadata() {
    let site = TestSite::minimal()
        .file("content/about.md", &page("[The plan](/walk/plan.jpg)"))
        .file("content/walk/index.md", &page("A walk."))
        .bytes("content/walk/plan.jpg", &photo(600, 300, 6));
    site.build().assert_ok();
    let linked = fs::read(site.output().join("walk/plan.jpg")).expect("the linked photo");
    assert!(!contains(&linked, CAMERA), "no metadata");
    assert_eq!(dimensions(&site, "walk/plan.jpg"), (300, 600));
    assert!(site
        .main_of("about/index.html")
        .contains("<a href=\"/walk/plan.jpg\">The plan</a>"));
}

/// A page whose front matter's `image:` is `cover` (YAML lines under it).
fn covered(cover: &str) -> String {
    format!("---\ntitle: Walk\ndescription: A walk.\nimage:\n{cover}---\nText.\n")
}

#[test]
fn a_pages_image_is_a_hero_at_each_width_loaded_at_once() {
    let site = TestSite::minimal()
        .file(
            "content/walk/index.md",
            &covered("  src: bench.jpg\n  alt: A bench by the river\n"),
        )
        .bytes("content/walk/bench.jpg", &photo(900, 600, 1));
    site.build().assert_ok();
    let html = site.main_of("walk/index.html");
    let hero = hero_of(&html);
    let (src, widths) = (sized(&site, "bench", "800w.jpg"), [480, 800, 900]);
    let jpeg = srcset(&site, "bench", "jpg", &widths);
    let img = format!("<img src=\"/{src}\" srcset=\"{jpeg}\"");
    assert!(hero.contains(&img), "{hero}");
    let webp = srcset(&site, "bench", "webp", &widths);
    assert!(hero.contains(&format!("srcset=\"{webp}\"")), "{hero}");
    assert!(hero.contains("width=\"800\" height=\"533\""), "{hero}");
    assert!(hero.contains("alt=\"A bench by the river\""), "{hero}");
    assert!(!hero.contains("loading=\"lazy\""), "{hero}");
}

/// The `<figure class="hero">` of a page's `<main>`, inside.
fn hero_of(html: &str) -> &str {
    html.split("<figure class=\"hero\">")
        .nth(1)
        .and_then(|rest| rest.split("</figure>").next())
        .unwrap_or_else(|| panic!("no hero in {html}"))
}

/// Paper shows one size, never chosen by a browser's screen: the course's
/// print view shows its image 1600 pixels wide (about 13.5 cm at 300 dots
/// an inch, the width of an A4 page's text), while the course page offers
/// every size.
#[test]
fn a_course_print_view_shows_its_image_at_one_size_fit_for_paper() {
    let course = "---\ntitle: Walking\ntype: course\nsummary: A course.\naudiences: [public]\n\
        delivery: online\noutcomes: [walk]\nimage:\n  src: bench.jpg\n  alt: A bench\n---\n";
    let module = "---\ntitle: First steps\nduration: 1 hour\noutcomes: [start]\n---\nText.\n";
    let site = TestSite::minimal()
        .file("content/courses/_index.md", "---\ntitle: Courses\n---\n")
        .file("content/courses/walking/_index.md", course)
        .file("content/courses/walking/01-first.md", module)
        .bytes("content/courses/walking/bench.jpg", &photo(3000, 2000, 1));
    site.build().assert_ok();
    let printed = site.main_of("courses/walking/print/index.html");
    let paper = sized(&site, "bench", "1600w.jpg");
    assert_eq!(
        hero_of(&printed),
        format!("<img src=\"/{paper}\" width=\"1600\" height=\"1067\" alt=\"A bench\">")
    );
    assert_eq!(dimensions(&site, &paper), (1600, 1067));
    let screen = site.main_of("courses/walking/index.html");
    assert!(hero_of(&screen).contains("width=\"800\" height=\"533\""));
}

#[test]
fn a_pages_image_is_a_small_picture_on_its_card_in_the_listing() {
    let site = TestSite::minimal()
        .file(
            "content/walks/_index.md",
            "---\ntitle: Walks\ndescription: Walks.\n---\n",
        )
        .file(
            "content/walks/river/index.md",
            &covered("  src: bench.jpg\n  alt: A bench by the river\n"),
        )
        .bytes("content/walks/river/bench.jpg", &photo(900, 600, 1));
    site.build().assert_ok();
    let html = site.main_of("walks/index.html");
    let card = html
        .split("<picture class=\"card-picture\">")
        .nth(1)
        .and_then(|rest| rest.split("</picture>").next())
        .unwrap_or_else(|| panic!("no card picture in {html}"));
    let src = sized(&site, "bench", "480w.jpg");
    let jpeg = srcset(&site, "bench", "jpg", &[480, 800, 900]);
    let img = format!("<img src=\"/{src}\" srcset=\"{jpeg}\"");
    assert!(card.contains(&img), "{card}");
    assert!(card.contains("width=\"480\" height=\"320\""), "{card}");
    assert!(card.contains("loading=\"lazy\""), "{card}");
}

#[test]
fn a_pages_image_without_alt_text_is_an_error_at_its_image_key() {
    let site = TestSite::minimal()
        .file("content/walk/index.md", &covered("  src: bench.jpg\n"))
        .bytes("content/walk/bench.jpg", &photo(900, 600, 1));
    let outcome = site.build();
    assert_eq!(
        outcome.error_spots(),
        vec![(ErrorKind::Check(Rule::ImageAlt), 4, 1)]
    );
}

#[test]
fn a_pages_image_that_is_not_there_is_an_error_at_its_src() {
    let site = TestSite::minimal().file(
        "content/walk/index.md",
        &covered("  src: bnech.jpg\n  alt: A bench\n"),
    );
    let outcome = site.build();
    assert_eq!(outcome.error_spots(), vec![(ErrorKind::BrokenLink, 5, 8)]);
}
