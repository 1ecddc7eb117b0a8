//! The offline copy `hearth build --offline` and `hearth pack` ask for:
//! command-line arguments made into [`OfflineOptions`].

use super::{OfflineOptions, Selection};
use crate::build::BuildOptions;

/// Whether `base_url` is a `file:` address: a copy to open from disk,
/// which is what `--offline` makes.
pub fn is_file_url(base_url: &str) -> bool {
    base_url
        .get(..5)
        .is_some_and(|scheme| scheme.eq_ignore_ascii_case("file:"))
}

/// The offline copy `hearth build` asks for (`--offline`, `--zip`, or a
/// `--base-url` that is a `file:` address), if it asks for one. The
/// folder is `--output`, or `ROOT/offline` when no zip file is named.
pub fn from_build_args(
    args: &crate::cli::BuildArgs,
    today: chrono::NaiveDate,
) -> Option<OfflineOptions> {
    let is_file_base = args.base_url.as_deref().is_some_and(is_file_url);
    if !args.offline && args.zip.is_none() && !is_file_base {
        return None;
    }
    let output = match (&args.output, &args.zip) {
        (Some(output), _) => Some(output.clone()),
        (None, Some(_)) => None,
        (None, None) => Some(args.root.join("offline")),
    };
    Some(OfflineOptions {
        build: BuildOptions {
            root: args.root.clone(),
            // Links left online point at the site's real address.
            base_url: args.base_url.clone().filter(|url| !is_file_url(url)),
            is_drafts: args.drafts,
            is_strict: args.strict,
            today,
        },
        selection: Selection::Whole,
        output,
        zip: args.zip.clone(),
    })
}

/// The pack `hearth pack` asks for. The folder is `--output`, or
/// `ROOT/packs/NAME` when no zip file is named.
pub fn from_pack_args(args: &crate::cli::PackArgs, today: chrono::NaiveDate) -> OfflineOptions {
    let name = args
        .section
        .trim_end_matches('/')
        .rsplit('/')
        .next()
        .unwrap_or("pack")
        .to_string();
    let output = match (&args.output, &args.zip) {
        (Some(output), _) => Some(output.clone()),
        (None, Some(_)) => None,
        (None, None) => Some(args.root.join("packs").join(name)),
    };
    OfflineOptions {
        build: BuildOptions {
            root: args.root.clone(),
            base_url: None,
            is_drafts: args.drafts,
            is_strict: false,
            today,
        },
        selection: Selection::Section(args.section.clone()),
        output,
        zip: args.zip.clone(),
    }
}
