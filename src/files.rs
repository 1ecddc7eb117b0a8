//! File reading and writing whose every error names the path.
//!
//! Used by the two stages that touch the disk (`content::load` and
//! `build::write`) and by config and theme loading. Text files are decoded
//! here once: a byte-order mark is dropped, CRLF becomes LF (lines and
//! columns stay the same) and invalid UTF-8 is an error at its position.

use std::fs;
use std::path::Path;

use crate::error::{Error, ErrorKind, LineIndex};

/// The largest text file Hearth reads: far beyond any real page.
pub const MAX_TEXT_BYTES: u64 = 8 * 1024 * 1024;

/// Reads a UTF-8 text file, reporting problems against `shown` (a path relative to the site).
pub fn read_text(path: &Path, shown: &Path) -> Result<String, Error> {
    let size = fs::metadata(path)
        .map_err(|e| Error::io(shown, "read this file", &e))?
        .len();
    if size > MAX_TEXT_BYTES {
        return Err(Error::new(
            ErrorKind::FileTooLarge,
            shown,
            format!(
                "this file is {:.1} MiB; Hearth reads text files of up to {} MiB",
                // Rounded up, so that a file just over the limit never
                // reads as the limit itself.
                (size as f64 / 104_857.6).ceil() / 10.0,
                MAX_TEXT_BYTES / (1024 * 1024)
            ),
        )
        .with_help("split it into several pages"));
    }
    let bytes = fs::read(path).map_err(|e| Error::io(shown, "read this file", &e))?;
    decode(bytes, shown)
}

/// Decodes file bytes as text: UTF-8 checked, BOM dropped, CRLF made LF.
pub fn decode(bytes: Vec<u8>, shown: &Path) -> Result<String, Error> {
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

/// Writes a file, creating its parent folders.
pub fn write(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    if let Some(parent) = path.parent() {
        create_dir_all(parent)?;
    }
    fs::write(path, bytes).map_err(|e| Error::io(path, "write this file", &e))
}

/// Copies a file, creating the target's parent folders.
pub fn copy(from: &Path, to: &Path) -> Result<(), Error> {
    if let Some(parent) = to.parent() {
        create_dir_all(parent)?;
    }
    fs::copy(from, to)
        .map(|_| ())
        .map_err(|e| Error::io(from, &format!("copy this file to {}", to.display()), &e))
}

/// Creates a folder and its parents.
pub fn create_dir_all(path: &Path) -> Result<(), Error> {
    fs::create_dir_all(path).map_err(|e| Error::io(path, "create this folder", &e))
}

/// Removes a folder and everything in it; a missing folder is fine.
pub fn remove_dir_all(path: &Path) -> Result<(), Error> {
    match fs::remove_dir_all(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
            Err(Error::io(path, "remove this folder", &e))
        }
        _ => Ok(()),
    }
}

/// Renames a file or folder.
pub fn rename(from: &Path, to: &Path) -> Result<(), Error> {
    fs::rename(from, to)
        .map_err(|e| Error::io(from, &format!("rename this to {}", to.display()), &e))
}

/// `path` below `folder`, its parts joined with `/` on every system;
/// `None` when it is not below `folder`.
pub fn relative(path: &Path, folder: &Path) -> Option<String> {
    let rest = path.strip_prefix(folder).ok()?;
    let parts: Vec<String> = rest
        .components()
        .map(|part| part.as_os_str().to_string_lossy().into_owned())
        .collect();
    Some(parts.join("/"))
}

/// A path as messages show it: below `folder` when it is there (see
/// [`relative`]), else whole.
pub fn shown_from(folder: &Path, path: &Path) -> String {
    relative(path, folder).unwrap_or_else(|| path.to_string_lossy().into_owned())
}

/// True for names Hearth never reads: hidden files and editor swap or backup files.
pub fn is_ignored_name(name: &str) -> bool {
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
