//! `hearth translate content/about.md cy`: writes a page's counterpart in
//! another of the site's languages (`content/about.cy.md`), with the front
//! matter copied and the body ready to translate.
//!
//! Beside the pipeline, like `hearth new`: it reads site.yaml to know the
//! site's languages, and writes one file.

use std::path::{Path, PathBuf};

use crate::cli::TranslateArgs;
use crate::config;
use crate::error::{Error, ErrorKind};
use crate::files;

/// Writes the counterpart of `args.page` in `args.language`; returns its path.
pub fn translate(args: &TranslateArgs) -> Result<PathBuf, Error> {
    let config = config::load(&args.root, None).map_err(|mut errors| errors.remove(0))?;
    if !config.languages.contains_key(&args.language) {
        return Err(not_a_further_language(&config, &args.language));
    }
    let source = source_path(&args.root, &args.page)?;
    let content = args.root.join(crate::content::CONTENT_DIR);
    let content = content.canonicalize().unwrap_or(content);
    let source = source.canonicalize().unwrap_or(source);
    let relative = files::relative(&source, &content).ok_or_else(|| not_content(&args.page))?;
    let (logical, language) = crate::content::languages::split_path(&relative, &config)?;
    if language.is_some() {
        return Err(Error::new(
            ErrorKind::Language,
            &args.page,
            "this file is a translation already",
        )
        .with_help(format!(
            "translate the page in the site's own language, content/{logical}"
        )));
    }
    let target = new_target(&content, &logical, &args.language)?;
    let text = files::read_text(&source, &args.page)?;
    files::write(&target, counterpart(&text, &args.language).as_bytes())?;
    Ok(target)
}

/// The error for a language the site does not have besides its own.
fn not_a_further_language(config: &config::Config, language: &str) -> Error {
    let languages = config
        .languages
        .keys()
        .cloned()
        .collect::<Vec<_>>()
        .join(", ");
    Error::new(
        ErrorKind::Language,
        config::CONFIG_FILE,
        format!("`{language}` is not one of the site's further languages ({languages})"),
    )
    .with_help(format!(
        "add `{language}:` under `languages:` in site.yaml first"
    ))
}

/// The file of the translation of the page at the logical path `logical`
/// under `content`, which must not exist yet.
fn new_target(content: &Path, logical: &str, language: &str) -> Result<PathBuf, Error> {
    let target = content.join(crate::content::languages::path_in_language(
        logical, language,
    ));
    if target.exists() {
        return Err(
            Error::new(ErrorKind::Io, &target, "this translation exists already")
                .with_help("edit it, or delete it to start again"),
        );
    }
    Ok(target)
}

fn source_path(root: &Path, page: &Path) -> Result<PathBuf, Error> {
    let joined = if page.is_absolute() || page.exists() {
        page.to_path_buf()
    } else {
        root.join(page)
    };
    if !joined.is_file() || joined.extension().is_none_or(|e| e != "md") {
        return Err(
            Error::new(ErrorKind::Io, page, "there is no markdown page here")
                .with_help("give the path of a page, such as content/about.md"),
        );
    }
    Ok(joined)
}

fn not_content(page: &Path) -> Error {
    Error::new(
        ErrorKind::Io,
        page,
        "this page is not in the site's content folder",
    )
    .with_help("give the path of a page under content/, or pass --root")
}

/// The counterpart's text: the front matter as it is, marked as a draft
/// until it is translated, and the body with a note to translate it.
fn counterpart(text: &str, language: &str) -> String {
    let (front, body) = split_front_matter(text);
    let mut out = String::with_capacity(text.len() + 120);
    match front {
        Some(front) => {
            out.push_str(front);
            if !front.lines().any(|line| line.starts_with("draft:")) {
                out.push_str("draft: true\n");
            }
            out.push_str("---\n");
        }
        None => out.push_str("---\ndraft: true\n---\n"),
    }
    out.push_str(&format!(
        "<!-- Translate the title, description and text into `{language}`, then remove `draft: true` and this line. -->\n"
    ));
    out.push_str(body);
    out
}

/// The front matter up to its closing `---` (left out), and the body.
fn split_front_matter(text: &str) -> (Option<&str>, &str) {
    let Some(rest) = text.strip_prefix("---\n") else {
        return (None, text);
    };
    match rest.find("\n---\n") {
        Some(end) => (Some(&text[..4 + end + 1]), &rest[end + 5..]),
        None => (None, text),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_counterpart_keeps_the_front_matter_and_is_a_draft() {
        let made = counterpart("---\ntitle: About\n---\nWe help.\n", "cy");
        assert!(made.starts_with("---\ntitle: About\ndraft: true\n---\n<!--"));
        assert!(made.ends_with("-->\nWe help.\n"));
    }
}
