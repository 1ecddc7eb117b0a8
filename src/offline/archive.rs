//! The offline copy written as one zip file.

use std::io::Write;
use std::path::Path;

use crate::error::{Error, ErrorKind};
use crate::files;
use crate::output::OutputFile;

/// Files already compressed, stored in a zip as they are.
const COMPRESSED: &[&str] = &[
    ".png", ".jpg", ".jpeg", ".webp", ".avif", ".gif", ".gz", ".woff2", ".zip", ".pdf",
];

/// Writes the copy as a zip file, its files in a folder named after it
/// (`kindred.zip` holds `kindred/index.html`), so that unpacking it makes
/// one folder.
pub(crate) fn write_zip(output_files: &[OutputFile], zip: &Path) -> Result<(), Error> {
    let folder = zip
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "offline".to_string());
    if let Some(parent) = zip.parent().filter(|p| !p.as_os_str().is_empty()) {
        files::create_dir_all(parent)?;
    }
    let file = std::fs::File::create(zip).map_err(|e| Error::io(zip, "create this file", &e))?;
    let mut writer = zip::ZipWriter::new(std::io::BufWriter::new(file));
    for output in output_files {
        add_file(&mut writer, &folder, output, zip)?;
    }
    let mut inner = writer.finish().map_err(|e| failed(zip, &e))?;
    inner.flush().map_err(|e| failed(zip, &e))
}

/// Adds one file of the copy to the zip file `zip`, under `folder`:
/// stored as it is when it is compressed already, else deflated.
fn add_file(
    writer: &mut zip::ZipWriter<impl Write + std::io::Seek>,
    folder: &str,
    output: &OutputFile,
    zip: &Path,
) -> Result<(), Error> {
    let is_compressed = COMPRESSED.iter().any(|ext| output.path.ends_with(ext));
    let method = if is_compressed {
        zip::CompressionMethod::Stored
    } else {
        zip::CompressionMethod::Deflated
    };
    let options = zip::write::SimpleFileOptions::default().compression_method(method);
    let bytes = output
        .contents
        .read()
        .map_err(|error| Error::io(Path::new(&output.path), "read this file", &error))?;
    writer
        .start_file(format!("{folder}/{}", output.path), options)
        .map_err(|e| failed(zip, &e))?;
    writer.write_all(&bytes).map_err(|e| failed(zip, &e))
}

/// The error of a zip file that could not be written.
fn failed(zip: &Path, error: &dyn std::fmt::Display) -> Error {
    Error::new(
        ErrorKind::Io,
        zip,
        format!("the zip file could not be written: {error}"),
    )
    .with_help("check that the folder exists and can be written to, and that the disk is not full")
}
