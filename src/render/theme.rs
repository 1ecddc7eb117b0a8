//! Themes: templates and static files, built in or from the site folder.
//!
//! The default theme is compiled into the binary from `themes/default`, so a
//! new site needs no theme folder. A site's `themes/NAME/` wins when it
//! exists; a site's `templates/` overrides single templates and its
//! `static/` adds files. Static files are hashed for cache-busting URLs.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use include_dir::{include_dir, Dir};
use walkdir::WalkDir;

use crate::config::Config;
use crate::error::{Error, ErrorKind};
use crate::files;

static DEFAULT_THEME: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/themes/default");

/// Where a static file's bytes come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Bytes {
    /// Compiled into the binary.
    Embedded(&'static [u8]),
    /// A file on disk.
    File(PathBuf),
}

/// One template's source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateSource {
    /// Name used in `extends` and `include`: `partials/header.html`.
    pub name: String,
    /// The text.
    pub text: String,
    /// Path shown in errors.
    pub shown: String,
}

/// A theme with a site's overrides applied.
#[derive(Debug, Clone, Default)]
pub struct Theme {
    /// Templates by name.
    pub templates: BTreeMap<String, TemplateSource>,
    /// Static files by output path, with a short content hash.
    pub statics: BTreeMap<String, (Bytes, String)>,
    /// Translation catalogues in the order they apply: the built-in
    /// theme's, a theme folder's, then the site's `i18n/`.
    pub catalogues: Vec<crate::i18n::CatalogueSource>,
}

/// Loads the theme named in the config, then the site's overrides.
pub fn load(config: &Config) -> Result<Theme, Error> {
    let root = &config.root;
    let folder = root.join("themes").join(&config.theme);
    let mut theme = Theme::default();
    embedded_catalogues(&mut theme)?;
    if folder.is_dir() {
        let shown = format!("themes/{}/templates", config.theme);
        read_templates(&folder.join("templates"), &shown, &mut theme)?;
        read_statics(&folder.join("static"), &mut theme)?;
        let shown = format!("themes/{}/i18n", config.theme);
        read_catalogues(&folder.join("i18n"), &shown, &mut theme)?;
    } else if config.theme == "default" {
        embedded(&mut theme)?;
    } else {
        return Err(no_such_theme(config));
    }
    read_templates(&root.join("templates"), "templates", &mut theme)?;
    read_statics(&root.join("static"), &mut theme)?;
    read_catalogues(&root.join("i18n"), "i18n", &mut theme)?;
    Ok(theme)
}

/// The error at the `theme:` line naming a theme the site has no folder for.
fn no_such_theme(config: &Config) -> Error {
    let (line, column) = config.places.theme;
    Error::new(
        ErrorKind::Theme,
        crate::config::CONFIG_FILE,
        format!(
            "there is no theme `{}`: no folder themes/{}",
            config.theme, config.theme
        ),
    )
    .at(&crate::error::LineIndex::new(&config.text), line, column)
    .with_help("remove the `theme:` line to use the default theme")
}

/// The built-in theme's catalogues alone (for the preview's own messages).
pub fn built_in_catalogues() -> Vec<crate::i18n::CatalogueSource> {
    let mut theme = Theme::default();
    // The built-in files are compiled in and valid UTF-8 (a test builds them).
    let _ = embedded_catalogues(&mut theme);
    theme.catalogues
}

/// The built-in theme's catalogues, which every theme falls back to.
fn embedded_catalogues(theme: &mut Theme) -> Result<(), Error> {
    for file in all_files(&DEFAULT_THEME) {
        let path = file.path().to_string_lossy().replace('\\', "/");
        let Some(name) = path.strip_prefix("i18n/") else {
            continue;
        };
        let shown = format!("(built-in theme)/{path}");
        let text = files::decode(file.contents().to_vec(), Path::new(&shown))?;
        push_catalogue(theme, name, text, shown);
    }
    Ok(())
}

fn read_catalogues(folder: &Path, shown_folder: &str, theme: &mut Theme) -> Result<(), Error> {
    for (name, path) in walk_files(folder)? {
        let shown = format!("{shown_folder}/{name}");
        let text = files::read_text(&path, Path::new(&shown))?;
        push_catalogue(theme, &name, text, shown);
    }
    Ok(())
}

/// A catalogue `cy.ftl` is Welsh; other files in the folder are left alone.
fn push_catalogue(theme: &mut Theme, name: &str, text: String, shown: String) {
    if let Some(language) = name.strip_suffix(".ftl").filter(|l| !l.contains('/')) {
        theme.catalogues.push(crate::i18n::CatalogueSource {
            language: language.to_string(),
            text,
            shown,
        });
    }
}

fn embedded(theme: &mut Theme) -> Result<(), Error> {
    for file in all_files(&DEFAULT_THEME) {
        let path = file.path().to_string_lossy().replace('\\', "/");
        let contents = file.contents();
        if let Some(name) = path.strip_prefix("templates/") {
            let shown = format!("(built-in theme)/{path}");
            let text = files::decode(contents.to_vec(), Path::new(&shown))?;
            insert_template(theme, name, text, shown);
        } else if let Some(name) = path.strip_prefix("static/") {
            theme.statics.insert(
                name.to_string(),
                (Bytes::Embedded(contents), hash(contents)),
            );
        }
    }
    Ok(())
}

fn all_files(dir: &'static Dir<'static>) -> Vec<&'static include_dir::File<'static>> {
    let mut found: Vec<_> = dir.files().collect();
    for sub in dir.dirs() {
        found.extend(all_files(sub));
    }
    found
}

fn insert_template(theme: &mut Theme, name: &str, text: String, shown: String) {
    theme.templates.insert(
        name.to_string(),
        TemplateSource {
            name: name.to_string(),
            text,
            shown,
        },
    );
}

fn walk_files(folder: &Path) -> Result<Vec<(String, PathBuf)>, Error> {
    if !folder.is_dir() {
        return Ok(Vec::new());
    }
    let mut found = Vec::new();
    for entry in WalkDir::new(folder).sort_by_file_name().follow_links(false) {
        let entry = entry.map_err(|e| {
            Error::new(
                ErrorKind::Io,
                folder,
                format!("could not read this folder: {e}"),
            )
        })?;
        let name = entry.file_name().to_string_lossy();
        if !entry.file_type().is_file() || files::is_ignored_name(&name) {
            continue;
        }
        let relative =
            files::relative(entry.path(), folder).expect("walked paths start with the folder");
        if relative.split('/').any(files::is_ignored_name) {
            continue;
        }
        found.push((relative, entry.path().to_path_buf()));
    }
    Ok(found)
}

fn read_templates(folder: &Path, shown_folder: &str, theme: &mut Theme) -> Result<(), Error> {
    for (name, path) in walk_files(folder)? {
        let shown = format!("{shown_folder}/{name}");
        let text = files::read_text(&path, Path::new(&shown))?;
        insert_template(theme, &name, text, shown);
    }
    Ok(())
}

fn read_statics(folder: &Path, theme: &mut Theme) -> Result<(), Error> {
    for (name, path) in walk_files(folder)? {
        let bytes = std::fs::read(&path).map_err(|e| Error::io(&path, "read this file", &e))?;
        theme
            .statics
            .insert(name, (Bytes::File(path), hash(&bytes)));
    }
    Ok(())
}

/// A short FNV-1a hash of the bytes, for cache-busting URLs.
fn hash(bytes: &[u8]) -> String {
    let mut state: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in bytes {
        state ^= u64::from(*byte);
        state = state.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{:08x}", state >> 32)
}

/// The list of files `hearth init` may copy to give a site its own theme.
pub fn embedded_theme() -> &'static Dir<'static> {
    &DEFAULT_THEME
}
