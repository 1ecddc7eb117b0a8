//! Raw HTML in markdown, cleaned with ammonia unless the site trusts it.
//!
//! Only pages that contain raw HTML pay for this. The allow-list keeps what
//! Hearth itself writes (classes, ids, ARIA attributes, details/summary) and
//! drops scripts, event handlers and `javascript:` URLs.

use std::sync::OnceLock;

/// Elements kept besides ammonia's own.
const TAGS: [&str; 9] = [
    "details",
    "summary",
    "section",
    "figure",
    "figcaption",
    "mark",
    "input",
    "picture",
    "source",
];

/// Attributes kept on every element.
const GENERIC_ATTRIBUTES: [&str; 7] = ["id", "class", "role", "tabindex", "lang", "dir", "title"];

fn cleaner() -> &'static ammonia::Builder<'static> {
    static CLEANER: OnceLock<ammonia::Builder<'static>> = OnceLock::new();
    CLEANER.get_or_init(|| {
        let mut builder = ammonia::Builder::default();
        builder
            .add_tags(TAGS)
            .add_generic_attributes(GENERIC_ATTRIBUTES)
            .add_generic_attribute_prefixes(["aria-", "data-"])
            .add_tag_attributes("input", ["type", "checked", "disabled"])
            .add_tag_attributes("details", ["open"])
            .add_tag_attributes("ol", ["start", "type"])
            .add_tag_attributes("td", ["align", "colspan", "rowspan"])
            .add_tag_attributes("th", ["align", "colspan", "rowspan", "scope"])
            .add_tag_attributes(
                "img",
                ["width", "height", "loading", "decoding", "srcset", "sizes"],
            )
            .add_tag_attributes("source", ["type", "srcset", "sizes", "media"])
            .link_rel(None);
        builder
    })
}

/// Removes anything unsafe from a rendered page body.
pub fn clean(html: &str) -> String {
    cleaner().clean(html).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_handlers_and_script_urls_go() {
        let html = clean(
            "<p onclick=\"x()\">a<script>alert(1)</script><a href=\"javascript:alert(1)\">b</a></p>",
        );
        assert_eq!(html, "<p>a<a rel=\"\">b</a></p>".replace(" rel=\"\"", ""));
    }

    #[test]
    fn pictures_survive() {
        let kept = "<picture><source type=\"image/webp\" srcset=\"/a-480w.webp 480w\" sizes=\"100vw\"><img src=\"/a-480w.jpg\" srcset=\"/a-480w.jpg 480w\" sizes=\"100vw\" width=\"480\" height=\"360\" alt=\"A\" loading=\"lazy\" decoding=\"async\"></picture>";
        assert_eq!(clean(kept), kept);
    }

    #[test]
    fn hearth_markup_survives() {
        let kept = "<div class=\"callout callout-note\" role=\"note\"><details><summary id=\"s\">S</summary></details></div>";
        assert_eq!(clean(kept), kept);
    }
}
