//! Placeholders: the example text `hearth new` writes for the author to
//! replace, found anywhere in a page's file (front matter or body).
//!
//! `hearth new` fills every required field with example text that starts
//! with [`MARK`], so the new page builds and shows at once; this check
//! finds each example left in, so that none is published by mistake
//! (`hearth check --strict` fails on them).

use super::source::with_severity;
use super::Rule;
use crate::content::Page;
use crate::error::{Error, ErrorKind};

/// What starts every example text `hearth new` writes.
pub(crate) const MARK: &str = "[Replace this]";

/// A finding at each example text left in the page.
pub(crate) fn check(page: &Page) -> Vec<Error> {
    if !page.text.contains(MARK) {
        return Vec::new();
    }
    let index = page.line_index();
    page.text
        .match_indices(MARK)
        .map(|(offset, _)| {
            let error = Error::new(
                ErrorKind::Check(Rule::Placeholder),
                &page.shown,
                "this is example text from `hearth new`, still to replace",
            )
            .at_offset(&index, offset)
            .with_help(format!(
                "write your own text in place of the example, and delete `{MARK}`"
            ));
            with_severity(error, Rule::Placeholder)
        })
        .collect()
}
