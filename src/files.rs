//! File reading and writing whose every error names the path.
//!
//! Used by the two stages that touch the disk (`content::load` and
//! `build::write`) and by config and theme loading. Text files are decoded
//! here once: a byte-order mark is dropped, CRLF becomes LF (lines and
//! columns stay the same) and invalid UTF-8 is an error at its position.
//! [`controls_as_spaces`] then finds the invisible control characters that
//! text pasted from word processors brings, for the pages and site.yaml.

use std::fs;
use std::path::Path;

use crate::error::{Error, ErrorKind, LineIndex};

/// The largest text file Hearth reads: far beyond any real page.
pub(crate) const MAX_TEXT_BYTES: u64 = 8 * 1024 * 1024;

/// Reads a UTF-8 text file, reporting problems against `shown` (a path relative to the site).
pub(crate) fn read_text(path: &Path, shown: &Path) -> Result<String, Error> {
    let size = fs::metadata(path)
        .map_err(|e| Error::io(shown, "read this file", &e))?
        .len();
    if size > MAX_TEXT_BYTES {
        return Err(Error::new(
            ErrorKind::FileTooLarge,
            shown,
            format!(
                "this file is {:.1} MiB; Hearth reads text files of up to {} MiB",
                mebibytes_rounded_up(size),
                MAX_TEXT_BYTES / (1024 * 1024)
            ),
        )
        .with_help("split it into several pages"));
    }
    let bytes = fs::read(path).map_err(|e| Error::io(shown, "read this file", &e))?;
    decode(bytes, shown)
}

/// A size in MiB to one decimal place, rounded up, so that a file just
/// over the limit never reads as the limit itself.
fn mebibytes_rounded_up(size: u64) -> f64 {
    (size as f64 / 104_857.6).ceil() / 10.0
}

/// Decodes file bytes as text: UTF-8 checked, BOM dropped, CRLF made LF.
/// UTF-16 text is an error of its own, saying how to save it as UTF-8.
pub(crate) fn decode(bytes: Vec<u8>, shown: &Path) -> Result<String, Error> {
    if is_utf16(&bytes) {
        return Err(Error::new(
            ErrorKind::Utf16,
            shown,
            "this file is saved as UTF-16 text (what Windows Notepad calls \"Unicode\"); Hearth reads UTF-8",
        )
        .at(&LineIndex::new(""), 1, 1)
        .with_help(
            "save it again as UTF-8: in Notepad, choose File, Save as, and \"UTF-8\" under Encoding; \
             other editors offer the encoding when saving, or in their status bar",
        ));
    }
    let text = String::from_utf8(bytes).map_err(|error| {
        let valid = error.utf8_error().valid_up_to();
        let prefix = String::from_utf8_lossy(&error.as_bytes()[..valid]).into_owned();
        let index = LineIndex::new(&prefix);
        Error::new(
            ErrorKind::InvalidUtf8,
            shown,
            "this file is not valid UTF-8 text",
        )
        .at_offset(&index, valid)
        .with_help("save the file as UTF-8 in your editor")
    })?;
    let text = match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_string(),
        None => text,
    };
    Ok(if text.contains('\r') {
        text.replace("\r\n", "\n")
    } else {
        text
    })
}

/// Whether `bytes` look like UTF-16: a UTF-16 byte-order mark, or, without
/// one, a zero byte in every other place for most of the first characters
/// (the high byte of each Latin letter), which UTF-8 text never has.
fn is_utf16(bytes: &[u8]) -> bool {
    if bytes.starts_with(&[0xff, 0xfe]) || bytes.starts_with(&[0xfe, 0xff]) {
        return true;
    }
    let pairs: Vec<&[u8]> = bytes[..bytes.len().min(1024)].chunks_exact(2).collect();
    let zeros_at = |side: usize| pairs.iter().filter(|pair| pair[side] == 0).count();
    let (first, second) = (zeros_at(0), zeros_at(1));
    let (most, fewest) = (first.max(second), first.min(second));
    !pairs.is_empty() && most * 2 >= pairs.len() && fewest * 8 <= most
}

/// `text` with every control character other than tab and line ends (the
/// C0 and C1 controls and DEL: invisible, often pasted in with text from a
/// word processor or a PDF, and not allowed in YAML or XML) made a space,
/// and each one found: its byte offset in the new text and the character.
/// A space keeps every character's column, so later messages point where
/// the author looks.
pub(crate) fn controls_as_spaces(text: String) -> (String, Vec<(usize, char)>) {
    if !has_stray_control(text.as_bytes()) {
        return (text, Vec::new());
    }
    let mut clean = String::with_capacity(text.len());
    let mut found = Vec::new();
    for c in text.chars() {
        if is_stray_control(c) {
            found.push((clean.len(), c));
            clean.push(' ');
        } else {
            clean.push(c);
        }
    }
    (clean, found)
}

/// Whether UTF-8 `bytes` hold a [`is_stray_control`] character: a C0
/// control or DEL (one byte each), or a C1 control (0xC2, then 0x80 to
/// 0x9F).
fn has_stray_control(bytes: &[u8]) -> bool {
    any_byte(bytes, |b| is_stray_c0(b) || b == 0x7f)
        || memchr::memchr_iter(0xc2, bytes).any(|at| matches!(bytes.get(at + 1), Some(0x80..=0x9f)))
}

/// Whether byte `b` is a C0 control other than tab and line ends.
pub(crate) fn is_stray_c0(b: u8) -> bool {
    b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r')
}

/// Whether any of `bytes` `is`. Every page and feed passes through such a
/// scan, so blocks are folded whole, which compiles to vector
/// instructions, rather than stopped at the first match.
pub(crate) fn any_byte(bytes: &[u8], is: impl Fn(u8) -> bool) -> bool {
    bytes
        .chunks(256)
        .any(|block| block.iter().fold(false, |seen, &b| seen | is(b)))
}

/// Whether `c` is a control character other than tab and line ends.
pub(crate) fn is_stray_control(c: char) -> bool {
    c.is_control() && !matches!(c, '\t' | '\n' | '\r')
}

/// A problem for each control character [`controls_as_spaces`] found in
/// the file shown as `shown`, placed in `clean` (its text with spaces).
pub(crate) fn control_problems(clean: &str, shown: &str, found: &[(usize, char)]) -> Vec<Error> {
    let index = LineIndex::new(clean);
    found
        .iter()
        .map(|&(offset, c)| {
            Error::new(
                ErrorKind::ControlCharacter,
                shown,
                format!(
                    "an invisible control character ({}) is here",
                    control_name(c)
                ),
            )
            .at_offset(&index, offset)
            .with_help(
                "delete it, and type a space or a line break if one is meant; \
                 text pasted from word processors and PDFs often brings such characters",
            )
        })
        .collect()
}

/// `U+000B, a vertical tab`: the code point, and a name where it has one
/// an author may know.
fn control_name(c: char) -> String {
    let name = match c {
        '\u{0}' => Some("a null character"),
        '\u{8}' => Some("a backspace"),
        '\u{b}' => Some("a vertical tab, a line break in some word processors"),
        '\u{c}' => Some("a form feed, a page break in some word processors"),
        '\u{1b}' => Some("an escape character"),
        '\u{7f}' => Some("a delete character"),
        '\u{85}' => Some("a next-line character"),
        _ => None,
    };
    let code = format!("U+{:04X}", u32::from(c));
    match name {
        Some(name) => format!("{code}, {name}"),
        None => code,
    }
}

/// Writes a file, creating its parent folders.
pub(crate) fn write(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    if let Some(parent) = path.parent() {
        create_dir_all(parent)?;
    }
    fs::write(path, bytes).map_err(|e| Error::io(path, "write this file", &e))
}

/// Copies a file, creating the target's parent folders.
pub(crate) fn copy(from: &Path, to: &Path) -> Result<(), Error> {
    if let Some(parent) = to.parent() {
        create_dir_all(parent)?;
    }
    fs::copy(from, to)
        .map(|_| ())
        .map_err(|e| Error::io(from, &format!("copy this file to {}", to.display()), &e))
}

/// Puts a read-only file of Hearth's cache at `to`: a hard link, which
/// costs no copying, where the file system allows one (the same file
/// system, on Unix); else a copy. Safe because nothing writes into an
/// output file in place (the build writes each one once, into a new
/// folder), the cached file is read-only, and the cache checks each
/// file's size and time of change before it is used again.
pub fn link_or_copy(from: &Path, to: &Path) -> Result<(), Error> {
    // The folder is most often there already (a page's, or another size's):
    // linking first spares each file a `mkdir` and a `stat`.
    if hard_link(from, to).is_ok() {
        return Ok(());
    }
    if let Some(parent) = to.parent() {
        create_dir_all(parent)?;
    }
    place(from, to, hard_link)
}

#[cfg(unix)]
fn hard_link(from: &Path, to: &Path) -> std::io::Result<()> {
    fs::hard_link(from, to)
}

/// Elsewhere a read-only file may not be removed: never linked.
#[cfg(not(unix))]
fn hard_link(_: &Path, _: &Path) -> std::io::Result<()> {
    Err(std::io::ErrorKind::Unsupported.into())
}

/// Links `from` at `to` with `link`, copying it when linking fails (on
/// another file system, say). The copy is a new file with the usual
/// permissions, not read-only as the cached file is.
fn place(
    from: &Path,
    to: &Path,
    link: fn(&Path, &Path) -> std::io::Result<()>,
) -> Result<(), Error> {
    if link(from, to).is_ok() {
        return Ok(());
    }
    // A new file, never one opened in place: were `to` a link to a cached
    // file, writing into it would change the cache.
    let copy = || -> std::io::Result<u64> {
        let mut reader = fs::File::open(from)?;
        match fs::remove_file(to) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e),
            _ => {}
        }
        let mut writer = fs::File::create_new(to)?;
        std::io::copy(&mut reader, &mut writer)
    };
    copy()
        .map(|_| ())
        .map_err(|e| Error::io(from, &format!("copy this file to {}", to.display()), &e))
}

/// Creates a folder and its parents.
pub(crate) fn create_dir_all(path: &Path) -> Result<(), Error> {
    fs::create_dir_all(path).map_err(|e| Error::io(path, "create this folder", &e))
}

/// Removes a folder and everything in it; a missing folder is fine.
pub(crate) fn remove_dir_all(path: &Path) -> Result<(), Error> {
    match fs::remove_dir_all(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
            Err(Error::io(path, "remove this folder", &e))
        }
        _ => Ok(()),
    }
}

/// Removes a file, or a folder (not followed through a link) with
/// everything in it.
pub(crate) fn remove_any(path: &Path) -> Result<(), Error> {
    let is_dir = fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_dir());
    remove_entry(path, is_dir)
}

/// Removes `path`: a folder with everything in it when `is_dir` (known
/// from its folder's listing, say), else a file.
pub(crate) fn remove_entry(path: &Path, is_dir: bool) -> Result<(), Error> {
    if is_dir {
        return remove_dir_all(path);
    }
    fs::remove_file(path).map_err(|e| Error::io(path, "remove this file", &e))
}

/// Writes `bytes` to a new file renamed over `path`, its folder made if
/// need be: a build stopped half way never leaves half a file behind.
pub(crate) fn replace(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    if let Some(folder) = path.parent() {
        fs::create_dir_all(folder)?;
    }
    let part = path.with_extension(format!("part{}", std::process::id()));
    fs::write(&part, bytes)?;
    fs::rename(&part, path)
}

/// Renames a file or folder.
pub(crate) fn rename(from: &Path, to: &Path) -> Result<(), Error> {
    fs::rename(from, to)
        .map_err(|e| Error::io(from, &format!("rename this to {}", to.display()), &e))
}

/// `path` below `folder`, its parts joined with `/` on every system;
/// `None` when it is not below `folder`.
pub(crate) fn relative(path: &Path, folder: &Path) -> Option<String> {
    let rest = path.strip_prefix(folder).ok()?;
    let parts: Vec<String> = rest
        .components()
        .map(|part| part.as_os_str().to_string_lossy().into_owned())
        .collect();
    Some(parts.join("/"))
}

/// `folder/relative` for `/`-separated paths, with `.` and `..` resolved;
/// `None` when `..` climbs above the top of `folder`.
pub(crate) fn join(folder: &str, relative: &str) -> Option<String> {
    let mut parts: Vec<&str> = folder.split('/').filter(|p| !p.is_empty()).collect();
    for part in relative.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            other => parts.push(other),
        }
    }
    Some(parts.join("/"))
}

/// A path as messages show it: below `folder` when it is there (see
/// [`relative`]), else whole.
pub(crate) fn shown_from(folder: &Path, path: &Path) -> String {
    relative(path, folder).unwrap_or_else(|| path.to_string_lossy().into_owned())
}

/// The name of a markdown file without its extension: `.md`, or
/// `.markdown` as some editors save it, in any capitals; `None` for any
/// other file.
pub(crate) fn markdown_stem(name: &str) -> Option<&str> {
    let (stem, extension) = name.rsplit_once('.')?;
    let is_markdown =
        extension.eq_ignore_ascii_case("md") || extension.eq_ignore_ascii_case("markdown");
    (is_markdown && !stem.is_empty()).then_some(stem)
}

/// Whether the file at the `/`-separated `path` is a markdown page.
pub(crate) fn is_markdown(path: &str) -> bool {
    markdown_stem(path.rsplit('/').next().unwrap_or(path)).is_some()
}

/// True for names Hearth never reads: hidden files and editor swap or backup files.
pub(crate) fn is_ignored_name(name: &str) -> bool {
    name.starts_with('.')
        || name.starts_with('#')
        || name.ends_with('~')
        || name == "4913"
        || [".swp", ".swo", ".swx", ".bak", ".tmp", ".orig", ".crswap"]
            .iter()
            .any(|suffix| name.ends_with(suffix))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refuse(_: &Path, _: &Path) -> std::io::Result<()> {
        Err(std::io::Error::from_raw_os_error(18))
    }

    #[test]
    fn a_file_that_cannot_be_linked_is_copied_and_the_copy_is_its_own() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let from = dir.path().join("cached.webp");
        let to = dir.path().join("out/photo-480w.webp");
        fs::write(&from, b"pixels").expect("write");
        let mut permissions = fs::metadata(&from).expect("stat").permissions();
        permissions.set_readonly(true);
        fs::set_permissions(&from, permissions).expect("read-only");
        create_dir_all(to.parent().expect("a parent")).expect("folder");
        place(&from, &to, refuse).expect("copied");
        fs::write(&to, b"edited").expect("the copy is writable");
        assert_eq!(fs::read(&from).expect("read"), b"pixels");
    }

    #[cfg(unix)]
    #[test]
    fn a_cached_file_is_linked_when_it_can_be() {
        use std::os::unix::fs::MetadataExt;
        let dir = tempfile::tempdir().expect("a temporary folder");
        let from = dir.path().join("cached.webp");
        let to = dir.path().join("out/photo-480w.webp");
        fs::write(&from, b"pixels").expect("write");
        link_or_copy(&from, &to).expect("linked");
        let inode = |path: &Path| fs::metadata(path).expect("stat").ino();
        assert_eq!(inode(&from), inode(&to));
    }

    #[test]
    fn sizes_are_rounded_up_so_just_over_the_limit_reads_as_over_it() {
        assert_eq!(mebibytes_rounded_up(50 * 1024 * 1024), 50.0);
        assert_eq!(mebibytes_rounded_up(MAX_TEXT_BYTES), 8.0);
        assert_eq!(mebibytes_rounded_up(MAX_TEXT_BYTES + 1), 8.1);
    }

    #[test]
    fn join_resolves_dots_and_refuses_to_climb_above_the_top() {
        assert_eq!(
            join("courses/intro", "../about.md").as_deref(),
            Some("courses/about.md")
        );
        assert_eq!(join("", "./a//b.md").as_deref(), Some("a/b.md"));
        assert_eq!(join("a/", "b/../c.md").as_deref(), Some("a/c.md"));
        assert_eq!(join("a", "../../b.md"), None);
    }

    #[test]
    fn markdown_files_are_known_by_their_extension_in_any_capitals() {
        for (name, stem) in [
            ("a.md", Some("a")),
            ("_index.MD", Some("_index")),
            ("notes.Markdown", Some("notes")),
            ("v1.2.markdown", Some("v1.2")),
            ("a.mdx", None),
            ("md", None),
            (".md", None),
            ("photo.png", None),
        ] {
            assert_eq!(markdown_stem(name), stem, "{name}");
        }
        assert!(is_markdown("courses/01-x/Notes.MD") && !is_markdown("md/photo.png"));
    }

    #[test]
    fn decode_drops_bom_and_crlf() {
        let text = decode(b"\xef\xbb\xbfa\r\nb\r\n".to_vec(), Path::new("x.md")).unwrap();
        assert_eq!(text, "a\nb\n");
    }

    #[test]
    fn invalid_utf8_is_located() {
        let error = decode(b"ok\nab\xffcd".to_vec(), Path::new("x.md")).unwrap_err();
        assert_eq!(error.kind, ErrorKind::InvalidUtf8);
        assert_eq!((error.line, error.column), (2, 3));
    }

    #[test]
    fn control_characters_become_spaces_at_their_columns() {
        let text = "a\u{b}b\tc\n\u{a3}1 \u{85}x\u{1b}\r\n".to_string();
        let (clean, found) = controls_as_spaces(text);
        assert_eq!(clean, "a b\tc\n\u{a3}1  x \r\n");
        let chars: Vec<char> = found.iter().map(|&(_, c)| c).collect();
        assert_eq!(chars, ['\u{b}', '\u{85}', '\u{1b}']);
        let problems = control_problems(&clean, "content/a.md", &found);
        let places: Vec<(ErrorKind, usize, usize)> = problems
            .iter()
            .map(|p| (p.kind, p.line, p.column))
            .collect();
        assert_eq!(
            places,
            [
                (ErrorKind::ControlCharacter, 1, 2),
                (ErrorKind::ControlCharacter, 2, 4),
                (ErrorKind::ControlCharacter, 2, 6),
            ]
        );
    }

    #[test]
    fn text_without_control_characters_is_kept_as_it_is() {
        let text = "Tab\there, \u{a3}5 and \u{a0}spaces.\r\n".to_string();
        let (clean, found) = controls_as_spaces(text.clone());
        assert_eq!(clean, text);
        assert!(found.is_empty());
    }

    #[test]
    fn ignored_names() {
        for name in [
            ".hidden",
            "a.md~",
            ".a.md.swp",
            "#a.md#",
            "4913",
            "a.md.bak",
        ] {
            assert!(is_ignored_name(name), "{name}");
        }
        for name in ["a.md", "_index.md", "photo.png"] {
            assert!(!is_ignored_name(name), "{name}");
        }
    }
}
