//! URL parts from file names: order prefixes and slugs.
//!
//! `01-welcome.md` orders as 1 and becomes `welcome`. Slugs are lowercase
//! ASCII (accents and other scripts are transliterated), so a URL is safe
//! whatever the title, and can never climb out of the output folder.

/// Splits a leading `NN-` order prefix from a file or folder name.
pub(crate) fn strip_order(name: &str) -> (Option<u64>, &str) {
    let digits = name.len() - name.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    match name[digits..].strip_prefix('-') {
        Some(rest) if digits > 0 && !rest.is_empty() => (name[..digits].parse().ok(), rest),
        _ => (None, name),
    }
}

/// A lowercase ASCII slug, or `None` when nothing usable is left.
pub(crate) fn slugify(text: &str) -> Option<String> {
    let slug = slug::slugify(text);
    (!slug.is_empty()).then_some(slug)
}

/// The URL part for a file or folder name: prefix and extension dropped, slugified.
pub(crate) fn of_name(name: &str) -> Option<String> {
    let stem = crate::files::markdown_stem(name).unwrap_or(name);
    slugify(strip_order(stem).1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn order_prefix_is_split_off() {
        assert_eq!(strip_order("01-welcome"), (Some(1), "welcome"));
        assert_eq!(strip_order("welcome"), (None, "welcome"));
        assert_eq!(strip_order("2024"), (None, "2024"));
        assert_eq!(strip_order("7-"), (None, "7-"));
    }

    #[test]
    fn slugs_are_safe_for_any_title() {
        assert_eq!(
            of_name("01-Welcome Home.md").as_deref(),
            Some("welcome-home")
        );
        assert_eq!(
            slugify("Cymraeg: Croeso i’r ŵyl").as_deref(),
            Some("cymraeg-croeso-i-r-wyl")
        );
        assert_eq!(slugify("../../etc/passwd").as_deref(), Some("etc-passwd"));
        assert_eq!(slugify("死"), Some("si".to_string()));
        assert_eq!(slugify("!!!"), None);
    }
}
