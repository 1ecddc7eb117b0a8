//! `images::publish`: the raster images a site shows -> their published
//! sizes, and the [`Pictures`] lookup the markdown renderer shows them by.
//!
//! A stage between `content::assemble` and `render`: it runs once the site
//! is assembled (it needs each file's output path and the bodies' links)
//! and before any body is rendered (bodies show the sizes it made). Every
//! JPEG, PNG and WebP file under `content/`, and every image of the site's
//! `static/` that a body shows, is decoded within limits, turned upright by
//! its orientation tag, and published at the widths of
//! [`make::WIDTHS`] (never wider than itself) as lossy WebP and as JPEG or
//! PNG, in the output's [`SIZES_DIR`] folder. Each size's name holds the
//! source's name, the start of its content hash and its width
//! (`_images/bench-3f9a2c1d7b6e-480w.webp`): a changed photo gets new
//! addresses, so servers may keep the sizes for good, and the folder holds
//! nothing else, so that a build can carry it over from the last output
//! whole (see `build`). Re-encoding from pixels leaves every piece of metadata behind
//! (location, camera, owner, thumbnails). The source file itself is
//! published only when a page links to it as a file, and then re-encoded
//! too. GIF and SVG files pass through as they are.
//!
//! What is made is kept in a cache by content hash (see [`cache`]); only
//! new or changed images are decoded, a few at a time, so memory stays
//! bounded however many images a site has.

pub mod cache;
pub mod make;
mod scan;

use hashbrown::{HashMap, HashSet};
use std::hash::{BuildHasher, Hash, Hasher};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use image::ImageFormat;
use rayon::prelude::*;

use crate::content::Site;
use crate::error::{Diagnostics, Error, ErrorKind};
use crate::markdown::links::LinkTarget;
use crate::markdown::pictures::{Fault, Picture, Shown, Variant};
use crate::output::CacheFile;
use cache::{Cache, Entry};

/// Source images by content path (`news/photo.jpg`) or site path
/// (`/img/map.png`): what the markdown renderer shows them as.
pub type Pictures = HashMap<String, Shown>;

/// The output folder the sizes are published in; nothing else goes there.
pub const SIZES_DIR: &str = "_images";

/// Whether an output path is in [`SIZES_DIR`].
pub fn is_size_path(path: &str) -> bool {
    in_sizes_folder(path).is_some()
}

/// An output path's part below [`SIZES_DIR`] (`a.webp` of `_images/a.webp`).
pub fn in_sizes_folder(path: &str) -> Option<&str> {
    path.strip_prefix(SIZES_DIR)?.strip_prefix('/')
}

/// Hex digits of an image's content hash in its sizes' names.
const HASH_IN_NAME: usize = 12;

/// Images decoded at once, at most: each may take a few hundred megabytes.
const DECODERS: usize = 2;

/// What the stage made.
#[derive(Debug, Clone, Default)]
pub struct Published {
    /// How to show each source image.
    pub pictures: Arc<Pictures>,
    /// Files to publish: output path and the cached file with its bytes,
    /// each path once.
    pub files: Vec<(String, CacheFile)>,
    /// Content paths of files not to copy as they are.
    pub withheld: HashSet<String>,
    /// The cache entries used.
    pub keys: HashSet<String>,
}

/// One image to publish.
#[derive(Debug)]
struct Wanted {
    /// The key of [`Pictures`].
    key: String,
    /// A content image's site path (`/walks/map.png`), when a page shows
    /// or links to it by that path: a second key of [`Pictures`].
    site_path: Option<String>,
    /// The source file.
    file: PathBuf,
    /// The file's name without its extension: its sizes go at
    /// `SIZES_DIR/NAME-HASH-480w.webp`.
    name: String,
    /// Where to publish the source size without metadata, when a page links to it.
    original: Option<String>,
    /// The format the file name claims.
    named: Option<ImageFormat>,
}

/// Publishes every image the site shows. `statics` are the site's static
/// files on disk, by output path. The cache keeps what this build and
/// `last` (the files a preview still serves) use. Problems with the cache
/// are reported in `diagnostics`; problems with an image are in its
/// [`Shown`], reported where a page shows it.
pub fn publish(
    site: &Site,
    statics: &[(String, PathBuf)],
    root: &Path,
    last: &Published,
    diagnostics: &mut Diagnostics,
) -> Published {
    let published = publish_all(site, statics, root, last, diagnostics);
    diagnostics.extend(cover_faults(site, &published.pictures));
    published
}

/// The problems of every page's `image:` (the front matter's picture), at
/// its `src:`: no image there, or one that could not be made.
fn cover_faults(site: &Site, pictures: &Pictures) -> Vec<Error> {
    let pages = site.each_language().flat_map(|site| {
        let pages = site.pages.iter().map(|e| &e.page);
        pages.chain(site.sections.iter().map(|e| &e.page))
    });
    let mut faults = Vec::new();
    for page in pages {
        let Some(cover) = &page.front.image else {
            continue;
        };
        let fault = match cover_key(&cover.src, &page.path).and_then(|key| pictures.get(&key)) {
            Some(Ok(picture)) => picture.warning.clone(),
            Some(Err(fault)) => Some(fault.clone()),
            None => Some(Fault {
                kind: ErrorKind::BrokenLink,
                message: format!("the page's image `{}` is not there", cover.src),
                help: "put the image beside the page and give its name (bench.jpg), or its path from the content folder (@/walk/bench.jpg)".to_string(),
                is_error: true,
            }),
        };
        if let Some(fault) = fault {
            let (line, column) = page.value_place("image", &cover.src);
            let error = Error::new(fault.kind, &page.shown, fault.message)
                .at(&page.line_index(), line, column)
                .with_help(fault.help);
            faults.push(if fault.is_error {
                error
            } else {
                error.warning()
            });
        }
    }
    faults
}

/// The key in [`Pictures`] of an image a page at `from` names `src`.
pub fn cover_key(src: &str, from: &str) -> Option<String> {
    match crate::markdown::links::classify(src, from) {
        LinkTarget::Content(path, _) | LinkTarget::SitePath(path) => Some(path),
        _ => None,
    }
}

fn publish_all(
    site: &Site,
    statics: &[(String, PathBuf)],
    root: &Path,
    last: &Published,
    diagnostics: &mut Diagnostics,
) -> Published {
    let mut watch = crate::timing::Stopwatch::start("images");
    if !has_rasters(site, statics) {
        return Published::default();
    }
    let uses = scan::uses(site);
    let wanted = wanted(site, statics, &uses);
    if wanted.is_empty() {
        return Published::default();
    }
    let cache = Cache::open(root);
    let keyed = keyed(&cache, wanted);
    watch.lap("hash");
    let entries = entries(&cache, &keyed);
    watch.lap("make");
    let mut published = Published::default();
    let mut pictures = Pictures::new();
    // The same photo beside two pages under one name is published once.
    let mut named = HashSet::new();
    for ((want, key), entry) in keyed.iter().zip(entries) {
        let Some((key, entry)) = settled(want, key, entry, diagnostics) else {
            continue;
        };
        published.keys.insert(key.clone());
        let is_first = named.insert((want.name.as_str(), key.as_str()));
        let place = Place {
            site,
            cache: &cache,
            key,
            name: &want.name,
            is_first,
        };
        let shown = show(&place, want, &entry, &mut published);
        if let Err(fault) = &shown {
            diagnostics.extend(unshown_fault(want, fault, &uses));
        }
        record(want, shown, &mut published, &mut pictures);
    }
    tidy(&cache, &published, last, diagnostics);
    published.pictures = Arc::new(pictures);
    published
}

/// Whether there is any image the stage could publish: without one, no
/// body need be read (a site of 10,000 pages without photos would spend
/// most of a preview edit's time reading every body for nothing).
fn has_rasters(site: &Site, statics: &[(String, PathBuf)]) -> bool {
    let assets = site.assets.iter().map(|(asset, _)| asset.path.as_str());
    let statics = statics.iter().map(|(path, _)| path.as_str());
    assets
        .chain(statics)
        .any(|path| raster_format(path).is_some())
}

/// Removes the cache entries neither this build nor the last one uses.
fn tidy(cache: &Cache, published: &Published, last: &Published, diagnostics: &mut Diagnostics) {
    let kept: HashSet<String> = published.keys.union(&last.keys).cloned().collect();
    if let Err(error) = cache.prune(&kept) {
        diagnostics
            .push(Error::io(Path::new(cache::CACHE_DIR), "tidy the image cache", &error).warning());
    }
}

/// Each wanted image with its cache key, the files read in parallel.
fn keyed(cache: &Cache, wanted: Vec<Wanted>) -> Vec<(Wanted, std::io::Result<String>)> {
    wanted
        .into_par_iter()
        .map(|want| {
            let key = cache.key(&want.file);
            (want, key)
        })
        .collect()
}

/// An image's key and entry, or `None` with the reason reported.
fn settled<'k>(
    want: &Wanted,
    key: &'k std::io::Result<String>,
    entry: std::io::Result<Entry>,
    diagnostics: &mut Diagnostics,
) -> Option<(&'k String, Entry)> {
    match (key, entry) {
        (Ok(key), Ok(entry)) => Some((key, entry)),
        (Err(error), _) => {
            diagnostics.push(Error::io(&want.file, "read this image", error));
            None
        }
        (_, Err(error)) => {
            diagnostics.push(Error::io(&want.file, "cache this image", &error));
            None
        }
    }
}

/// Keeps what an image is shown as, under its keys, and withholds a
/// content file from being copied as it is: content files are published
/// only as made here, but for a GIF under another name, published as it is.
fn record(want: &Wanted, shown: Shown, published: &mut Published, pictures: &mut Pictures) {
    let is_as_it_is = shown.as_ref().is_err_and(|fault| !fault.is_error);
    if !want.key.starts_with('/') && !is_as_it_is {
        published.withheld.insert(want.key.clone());
    }
    if let Some(site_path) = &want.site_path {
        pictures.insert(site_path.clone(), shown.clone());
    }
    pictures.insert(want.key.clone(), shown);
}

/// An image that could not be made is reported where a page shows it;
/// one no page shows is reported at its file, since it is not published
/// (an error when a page links to it, since the link leads nowhere).
fn unshown_fault(want: &Wanted, fault: &Fault, uses: &scan::Uses) -> Option<Error> {
    let is_shown = uses.shown.contains(&want.key)
        || (want.site_path.as_ref()).is_some_and(|path| uses.shown_static.contains(path));
    if !fault.is_error || want.key.starts_with('/') || is_shown {
        return None;
    }
    let error = Error::new(
        ErrorKind::Image,
        format!("{}/{}", crate::content::CONTENT_DIR, want.key),
        format!("{}, so it is not published", fault.message),
    )
    .with_help(fault.help.clone());
    Some(if want.original.is_some() {
        error
    } else {
        error.warning()
    })
}

/// The images to publish: raster files under `content/`, and static ones
/// shown from content. A content image may be shown or linked to by its
/// content path (`map.png`, `@/walks/map.png`) or by its site path
/// (`/walks/map.png`), alike.
fn wanted(site: &Site, statics: &[(String, PathBuf)], uses: &scan::Uses) -> Vec<Wanted> {
    let mut wanted = Vec::new();
    for (asset, output) in &site.assets {
        let Some(named) = raster_format(&asset.path) else {
            continue;
        };
        let site_path = format!("/{output}");
        let is_linked = uses.linked.contains(&asset.path) || uses.linked_site.contains(&site_path);
        let is_used_by_site_path =
            uses.linked_site.contains(&site_path) || uses.shown_static.contains(&site_path);
        wanted.push(Wanted {
            key: asset.path.clone(),
            site_path: is_used_by_site_path.then_some(site_path),
            file: asset.file.clone(),
            name: name_of(output),
            original: is_linked.then(|| output.clone()),
            named: Some(named),
        });
    }
    for (path, file) in statics {
        let key = format!("/{path}");
        if uses.shown_static.contains(&key) && raster_format(path).is_some() {
            wanted.push(Wanted {
                key,
                site_path: None,
                file: file.clone(),
                name: name_of(path),
                original: None,
                named: raster_format(path),
            });
        }
    }
    wanted
}

/// The format a file name claims, for the formats published at several sizes.
fn raster_format(path: &str) -> Option<ImageFormat> {
    let extension = path.rsplit_once('.')?.1.to_ascii_lowercase();
    match extension.as_str() {
        "jpg" | "jpeg" => Some(ImageFormat::Jpeg),
        "png" => Some(ImageFormat::Png),
        "webp" => Some(ImageFormat::WebP),
        _ => None,
    }
}

/// A path's file name without its extension (`walk/bench.jpg`: `bench`).
fn name_of(path: &str) -> String {
    let stem = Path::new(path).file_stem().unwrap_or_default();
    stem.to_string_lossy().into_owned()
}

/// The cache entry of every image, making those the cache lacks, a few at a time.
fn entries(
    cache: &Cache,
    keyed: &[(Wanted, std::io::Result<String>)],
) -> Vec<std::io::Result<Entry>> {
    // Reading an entry checks each of its files: in parallel.
    let known: Vec<Option<Entry>> = keyed
        .par_iter()
        .map(|(want, key)| {
            let entry = cache.entry(key.as_ref().ok()?)?;
            let is_whole =
                want.original.is_none() || entry.original.is_some() || entry.refusal.is_some();
            is_whole.then_some(entry)
        })
        .collect();
    let missing = known.iter().filter(|k| k.is_none()).count();
    let make_all = move || -> Vec<std::io::Result<Entry>> {
        keyed
            .par_iter()
            .zip(known.into_par_iter())
            .map(|((want, key), known)| match (known, key) {
                (Some(entry), _) => Ok(entry),
                (None, Ok(key)) => make_one(cache, key, want),
                (None, Err(error)) => Err(std::io::Error::new(error.kind(), error.to_string())),
            })
            .collect()
    };
    if missing == 0 {
        return make_all();
    }
    // A small pool of its own bounds how many images are decoded at once.
    match rayon::ThreadPoolBuilder::new()
        .num_threads(DECODERS)
        .build()
    {
        Ok(pool) => pool.install(make_all),
        Err(_) => make_all(),
    }
}

/// Makes one image's sizes and keeps them in the cache.
fn make_one(cache: &Cache, key: &str, want: &Wanted) -> std::io::Result<Entry> {
    let bytes = std::fs::read(&want.file)?;
    let format = make::sniff(&bytes);
    if let Some(format) = format.filter(|f| !make::is_resized(*f)) {
        // A GIF under another name: published as it is, never decoded.
        return cache.store(key, Err(Ok(format)));
    }
    let made = {
        let is_original_wanted = want.original.is_some();
        catch_unwind(AssertUnwindSafe(|| make::make(&bytes, is_original_wanted))).unwrap_or_else(
            |_| {
                Err(make::Refusal {
                    message: "the image could not be read: the decoder failed".to_string(),
                    help: "save the image again as JPEG or PNG".to_string(),
                })
            },
        )
    };
    cache.store(key, made.map_err(Err))
}

/// What one image is shown as; its files join `published`.
fn show(place: &Place, want: &Wanted, entry: &Entry, published: &mut Published) -> Shown {
    if let Some(fault) = refused(want, entry) {
        return Err(fault);
    }
    let mut print = foldhash::fast::FixedState::with_seed(0).build_hasher();
    place.key.hash(&mut print);
    let webp = place.variants(&entry.webp, &mut print, published);
    let fallback = place.variants(&entry.sizes, &mut print, published);
    if let (Some(output), Some(original)) = (&want.original, &entry.original) {
        let file = place.cache.file(place.key, original);
        published.files.push((output.clone(), file));
    }
    Ok(Picture {
        webp,
        fallback,
        fallback_type: entry.fallback.media_type(),
        print: print.finish(),
        warning: misnamed(want, entry),
    })
}

/// Why an image is not shown as a picture: a GIF under a photo's name, or
/// one that could not be made.
fn refused(want: &Wanted, entry: &Entry) -> Option<Fault> {
    passed_through(want, entry).or_else(|| {
        let (message, help) = entry.refusal.as_ref()?;
        Some(Fault {
            kind: ErrorKind::Image,
            message: message.clone(),
            help: help.clone(),
            is_error: true,
        })
    })
}

/// Where one image's sizes come from and go to.
struct Place<'p> {
    site: &'p Site,
    cache: &'p Cache,
    key: &'p str,
    /// The source's file name without its extension.
    name: &'p str,
    /// Whether no image before it had this name and content: only the
    /// first publishes the sizes.
    is_first: bool,
}

impl Place<'_> {
    /// The variants of `sizes`, their files joining `published` and their
    /// URLs the picture's `print`.
    fn variants(
        &self,
        sizes: &[cache::Size],
        print: &mut impl Hasher,
        published: &mut Published,
    ) -> Vec<Variant> {
        let mut variants = Vec::with_capacity(sizes.len());
        // `_images/NAME-HASH-`, each size's name (`480w.webp`) added to it:
        // pieces pushed, not `format!`, which took most of this loop's
        // instructions on a site of 200 photos (1,600 sizes).
        let hash = self.key.get(..HASH_IN_NAME).unwrap_or(self.key);
        let mut start = String::with_capacity(SIZES_DIR.len() + self.name.len() + 32);
        for piece in [SIZES_DIR, "/", self.name, "-", hash, "-"] {
            start.push_str(piece);
        }
        let folder = self.cache.folder(self.key);
        for size in sizes {
            let mut output = start.clone();
            output.push_str(&size.name);
            let url = self.site.url(&output);
            url.hash(print);
            if self.is_first {
                published
                    .files
                    .push((output, Cache::file_in(&folder, size)));
            }
            variants.push(Variant {
                url,
                width: size.width,
                height: size.height,
            });
        }
        variants
    }
}

/// A GIF under a photo's name is published as it is, with a warning.
fn passed_through(want: &Wanted, entry: &Entry) -> Option<Fault> {
    let is_gif = entry.format == "gif";
    is_gif.then(|| Fault {
        kind: ErrorKind::Image,
        message: format!(
            "`{}` is a GIF image under another name: it is published as it is, at one size",
            want.key
        ),
        help: "rename the file to end in .gif".to_string(),
        is_error: false,
    })
}

/// A warning when the file name claims another format than the bytes are in.
fn misnamed(want: &Wanted, entry: &Entry) -> Option<Fault> {
    let named = want.named?;
    let actual = ImageFormat::from_extension(&entry.format)?;
    (named != actual).then(|| Fault {
        kind: ErrorKind::Image,
        message: format!(
            "`{}` is named as {} but is a {} image; it is published correctly",
            want.key,
            format_name(named),
            format_name(actual)
        ),
        help: format!(
            "rename the file to end in .{}",
            actual.extensions_str().first().copied().unwrap_or("jpg")
        ),
        is_error: false,
    })
}

fn format_name(format: ImageFormat) -> &'static str {
    match format {
        ImageFormat::Jpeg => "a JPEG",
        ImageFormat::Png => "a PNG",
        ImageFormat::WebP => "a WebP",
        ImageFormat::Gif => "a GIF",
        _ => "another",
    }
}
