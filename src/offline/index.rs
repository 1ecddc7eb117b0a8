//! The offline copy's search index: `search-index.js`, a script that
//! assigns the index to a global, since browsers refuse `fetch` from
//! `file://` but load a script. It holds, per page, what the online index
//! holds (title, kind, filters, text split at headings with ids), as
//! plain text: the search script splits it into words when it first
//! searches, which keeps the file about the size of the site's text.

use serde::Serialize;

use crate::error::{Error, ErrorKind};
use crate::search::plain::{self, PlainPage};

/// One page of the index: its output path and what search reads of it.
#[derive(Serialize)]
struct Entry<'a> {
    /// The output path, such as `about/index.html`.
    path: &'a str,
    #[serde(flatten)]
    page: &'a PlainPage,
}

#[derive(Serialize)]
struct Index<'a> {
    pages: Vec<Entry<'a>>,
}

/// Reads a built page for the index: `None` when search leaves it out.
pub(super) fn read(path: &str, html: &str) -> Option<PlainPage> {
    if !crate::search::is_indexable(path) {
        return None;
    }
    plain::read(html)
}

/// The `search-index.js` of `pages` (output path and page, sorted by path).
pub(super) fn script(pages: &[(String, PlainPage)]) -> Result<Vec<u8>, Error> {
    let index = Index {
        pages: pages
            .iter()
            .map(|(path, page)| Entry { path, page })
            .collect(),
    };
    let json = serde_json::to_string(&index).map_err(|error| {
        Error::new(
            ErrorKind::Io,
            super::INDEX_FILE,
            format!("the offline search index could not be written: {error}"),
        )
    })?;
    let mut script = String::with_capacity(json.len() + 64);
    script.push_str("// The offline copy's search index, read by offline-search.js.\n");
    script.push_str("window.hearthSearchIndex = ");
    script.push_str(&json);
    script.push_str(";\n");
    Ok(script.into_bytes())
}
