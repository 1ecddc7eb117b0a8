//! `hearth schema`: a JSON Schema for the front matter of each content kind.
//!
//! Editors that understand JSON Schema (VS Code's YAML extension, for one)
//! use these files to complete and check front matter as authors type. The
//! field table below is the one description of every field, shared by all
//! kinds, so the schemas and `kinds` cannot drift far apart: a test checks
//! that every field `FrontMatter` reads appears here.

use std::path::Path;

use serde_json::{json, Map, Value};

use crate::error::Error;
use crate::files;

/// A field: name, JSON type, description, and the kinds that use it.
struct Field {
    name: &'static str,
    schema: fn() -> Value,
    description: &'static str,
    kinds: &'static [&'static str],
}

const ALL: &[&str] = &["page", "course", "module", "commitment", "brief", "section"];

/// Every front matter key Hearth reads, taxonomies aside (a site names its
/// own in site.yaml; the schema describes the default ones).
pub fn known_keys() -> impl Iterator<Item = &'static str> + Clone {
    FIELDS
        .iter()
        .map(|field| field.name)
        .filter(|name| !crate::config::DEFAULT_TAXONOMIES.contains(name))
}

/// Whether the key `name` holds a list.
pub fn is_list(name: &str) -> bool {
    FIELDS
        .iter()
        .any(|field| field.name == name && (field.schema)()["type"] == "array")
}

/// Whether a page of `kind` (`page`, `module`, `commitment`, `brief`,
/// `section` or `course`) uses the key `name`.
pub fn is_used_by(kind: &str, name: &str) -> bool {
    FIELDS
        .iter()
        .any(|field| field.name == name && field.kinds.contains(&kind))
}

fn text() -> Value {
    json!({"type": "string"})
}
/// `YYYY-MM-DD`, or with a time, as other generators write dates.
const DATE_PATTERN: &str =
    r"^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?$";

fn date() -> Value {
    json!({"type": "string", "pattern": DATE_PATTERN})
}
fn texts() -> Value {
    json!({"type": "array", "items": {"type": "string"}})
}
fn words() -> Value {
    json!({"anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]})
}
fn links() -> Value {
    json!({"type": "array", "items": {"type": "object", "required": ["title", "url"], "additionalProperties": false,
        "properties": {"title": {"type": "string"}, "url": {"type": "string"}}}})
}
fn references() -> Value {
    json!({"type": "array", "items": {"type": "object", "required": ["id", "title"], "additionalProperties": false,
        "properties": {"id": {"type": "string"}, "title": {"type": "string"}, "publisher": {"type": "string"},
            "date": {"type": ["string", "integer"]}, "url": {"type": "string"}}}})
}

fn picture() -> Value {
    json!({"type": "object", "required": ["src", "alt"], "additionalProperties": false,
        "properties": {"src": {"type": "string"}, "alt": {"type": "string"}}})
}

const FIELDS: &[Field] = &[
    Field {
        name: "title",
        schema: text,
        description: "The page title (required).",
        kinds: ALL,
    },
    Field {
        name: "description",
        schema: text,
        description: "One or two sentences for listings and search engines.",
        kinds: ALL,
    },
    Field {
        name: "image",
        schema: picture,
        description: "A picture shown at the top of the page and on its card in listings: \
            src, the image file (beside the page, or a site path), and alt, what it shows.",
        kinds: &["page", "course", "module", "brief"],
    },
    Field {
        name: "date",
        schema: date,
        description: "Publication date, YYYY-MM-DD.",
        kinds: ALL,
    },
    Field {
        name: "updated",
        schema: date,
        description: "Date of the last change, YYYY-MM-DD.",
        kinds: ALL,
    },
    Field {
        name: "weight",
        schema: || json!({"type": "integer"}),
        description: "Order within the section (lower first).",
        kinds: ALL,
    },
    Field {
        name: "draft",
        schema: || json!({"type": "boolean"}),
        description: "Left out of the build unless --drafts.",
        kinds: ALL,
    },
    Field {
        name: "slug",
        schema: text,
        description: "Replaces the last part of the web address.",
        kinds: ALL,
    },
    Field {
        name: "aliases",
        schema: texts,
        description: "Old addresses that should redirect here.",
        kinds: ALL,
    },
    Field {
        name: "template",
        schema: text,
        description: "A template to use instead of the kind's own.",
        kinds: ALL,
    },
    Field {
        name: "type",
        schema: || json!({"enum": ["page", "module", "commitment", "brief", "course", "charter", "section"]}),
        description: "The kind of content.",
        kinds: ALL,
    },
    Field {
        name: "extra",
        schema: || json!({"type": "object"}),
        description: "Free data for the theme.",
        kinds: ALL,
    },
    Field {
        name: "last_reviewed",
        schema: date,
        description: "When the content was last reviewed, YYYY-MM-DD.",
        kinds: ALL,
    },
    Field {
        name: "review_due",
        schema: date,
        description: "When the next review is due, YYYY-MM-DD.",
        kinds: ALL,
    },
    Field {
        name: "topics",
        schema: words,
        description: "Topics (a taxonomy).",
        kinds: ALL,
    },
    Field {
        name: "audiences",
        schema: words,
        description: "Who it is for (a taxonomy).",
        kinds: ALL,
    },
    Field {
        name: "sort_by",
        schema: || json!({"enum": ["weight", "date", "title"]}),
        description: "How the section's pages are sorted.",
        kinds: &["section", "course"],
    },
    Field {
        name: "page_type",
        schema: || json!({"enum": ["page", "module", "commitment", "brief"]}),
        description: "The kind of the section's pages.",
        kinds: &["section", "course"],
    },
    Field {
        name: "paginate_by",
        schema: || json!({"type": "integer", "minimum": 0}),
        description: "Pages per listing page.",
        kinds: &["section", "course"],
    },
    Field {
        name: "summary",
        schema: text,
        description: "A short summary.",
        kinds: &["course", "brief"],
    },
    Field {
        name: "delivery",
        schema: || json!({"anyOf": [{"enum": ["online", "in-person", "self-paced"]}, {"type": "array", "items": {"enum": ["online", "in-person", "self-paced"]}}]}),
        description: "How the course is delivered.",
        kinds: &["course"],
    },
    Field {
        name: "schedule",
        schema: text,
        description: "When and how often the course runs.",
        kinds: &["course"],
    },
    Field {
        name: "duration",
        schema: || json!({"type": ["string", "integer"]}),
        description: "How long it takes, such as 90 minutes or 2 hours.",
        kinds: &["course", "module"],
    },
    Field {
        name: "outcomes",
        schema: texts,
        description: "Learning outcomes: you will be able to...",
        kinds: &["course", "module"],
    },
    Field {
        name: "check",
        schema: || {
            json!({"type": "object", "additionalProperties": false, "properties": {
            "max_sentence_words": {"type": "integer", "minimum": 1},
            "reading_age": {"type": "number"}}})
        },
        description:
            "Plain-English targets for the pages below this section, instead of site.yaml's.",
        kinds: &["section", "course"],
    },
    Field {
        name: "teaching",
        schema: || json!({"type": ["string", "integer"]}),
        description:
            "Minutes of teaching (a Carpentries lesson's way); with exercises, the duration.",
        kinds: &["module"],
    },
    Field {
        name: "exercises",
        schema: || json!({"type": ["string", "integer"]}),
        description:
            "Minutes of exercises (a Carpentries lesson's way); with teaching, the duration.",
        kinds: &["module"],
    },
    Field {
        name: "prerequisites",
        schema: texts,
        description: "What to know or do first.",
        kinds: &["module"],
    },
    Field {
        name: "resources",
        schema: links,
        description: "Further resources.",
        kinds: &["module"],
    },
    Field {
        name: "number",
        schema: || json!({"type": "integer", "minimum": 1}),
        description: "The commitment's number in the charter.",
        kinds: &["commitment"],
    },
    Field {
        name: "sector",
        schema: text,
        description: "The sector the commitment concerns.",
        kinds: &["commitment"],
    },
    Field {
        name: "asks",
        schema: text,
        description: "What the commitment asks of the town.",
        kinds: &["commitment"],
    },
    Field {
        name: "actions",
        schema: texts,
        description: "Suggested actions.",
        kinds: &["commitment"],
    },
    Field {
        name: "status",
        schema: text,
        description:
            "Commitment: not-started, in-progress, achieved. Brief: draft, current, superseded.",
        kinds: &["commitment", "brief"],
    },
    Field {
        name: "status_date",
        schema: date,
        description: "When the status was last set.",
        kinds: &["commitment"],
    },
    Field {
        name: "evidence",
        schema: links,
        description: "Links that show progress.",
        kinds: &["commitment"],
    },
    Field {
        name: "recommendations",
        schema: texts,
        description: "Key recommendations (at least one).",
        kinds: &["brief"],
    },
    Field {
        name: "references",
        schema: references,
        description: "Works cited in the text as [@id].",
        kinds: &["brief"],
    },
    Field {
        name: "document_type",
        schema: || json!({"enum": ["policy brief", "evaluation report", "project plan", "guide"]}),
        description: "What kind of document this is.",
        kinds: &["brief"],
    },
    Field {
        name: "version",
        schema: || json!({"type": ["string", "number"]}),
        description: "Version of the document.",
        kinds: &["brief"],
    },
    Field {
        name: "approved_by",
        schema: text,
        description: "Who approved it.",
        kinds: &["brief"],
    },
    Field {
        name: "approved_on",
        schema: date,
        description: "When it was approved.",
        kinds: &["brief"],
    },
    Field {
        name: "owner",
        schema: text,
        description: "Who owns it.",
        kinds: &["brief"],
    },
    Field {
        name: "published",
        schema: date,
        description: "When it was published.",
        kinds: &["brief"],
    },
    Field {
        name: "superseded_by",
        schema: text,
        description: "The brief that replaces this one, as @/path.md.",
        kinds: &["brief"],
    },
];

/// Required fields per kind.
fn required(kind: &str) -> &'static [&'static str] {
    match kind {
        "course" => &[
            "title",
            "type",
            "summary",
            "audiences",
            "delivery",
            "outcomes",
        ],
        "module" => &["title", "duration", "outcomes"],
        "commitment" => &["title", "number", "sector", "asks", "status"],
        "brief" => &[
            "title",
            "summary",
            "recommendations",
            "version",
            "status",
            "review_due",
        ],
        _ => &["title"],
    }
}

/// The JSON Schema of one kind.
pub fn schema(kind: &str) -> Value {
    let mut properties = Map::new();
    for field in FIELDS.iter().filter(|f| f.kinds.contains(&kind)) {
        let mut schema = (field.schema)();
        schema["description"] = json!(field.description);
        properties.insert(field.name.to_string(), schema);
    }
    let mut value = json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": format!("hearth-{kind}.schema.json"),
        "title": format!("Hearth front matter: {kind}"),
        "type": "object",
        "required": required(kind),
        "properties": properties,
    });
    if kind == "course" {
        value["properties"]["type"] =
            json!({"const": "course", "description": "Marks this section as a course."});
    }
    if kind == "brief" {
        value["properties"]["recommendations"]["minItems"] = json!(1);
    }
    value
}

/// Writes one schema file per kind into `folder`; returns how many.
pub fn write_all(folder: &Path) -> Result<usize, Error> {
    for kind in ALL {
        let text =
            serde_json::to_string_pretty(&schema(kind)).expect("plain data always serialises");
        files::write(
            &folder.join(format!("{kind}.schema.json")),
            format!("{text}\n").as_bytes(),
        )?;
    }
    Ok(ALL.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_date_pattern_takes_the_forms_the_build_reads() {
        let pattern = regex::Regex::new(DATE_PATTERN).expect("a valid pattern");
        for text in [
            "2026-03-01",
            "2026-03-01T10:00:00Z",
            "2026-03-01T10:00:00.5+01:00",
            "2026-03-01 10:00",
            "01/03/2026",
            "1 March 2026",
            "2026-03-01T10",
        ] {
            let is_read = crate::content::dates::parse(text).is_some()
                || crate::content::dates::date_of_timestamp(text).is_some();
            assert_eq!(pattern.is_match(text), is_read, "{text}");
        }
    }

    #[test]
    fn known_keys_leave_out_the_default_taxonomies() {
        let known: Vec<&str> = known_keys().collect();
        assert!(known.contains(&"title") && known.contains(&"superseded_by"));
        assert!(!known.contains(&"topics") && !known.contains(&"audiences"));
        assert_eq!(known.len(), FIELDS.len() - 2);
    }

    #[test]
    fn kinds_use_their_own_keys_and_the_common_ones() {
        assert!(is_used_by("module", "title"));
        assert!(is_used_by("module", "prerequisites"));
        assert!(!is_used_by("page", "prerequisites"));
        assert!(is_used_by("course", "sort_by") && is_used_by("section", "sort_by"));
        assert!(!is_used_by("section", "delivery"));
        assert!(is_used_by("brief", "status") && is_used_by("commitment", "status"));
        assert!(!is_used_by("page", "no_such_key"));
    }

    #[test]
    fn brief_requires_recommendations_and_review_due() {
        let brief = schema("brief");
        let required: Vec<&str> = brief["required"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap())
            .collect();
        assert!(required.contains(&"recommendations") && required.contains(&"review_due"));
        assert_eq!(brief["properties"]["recommendations"]["minItems"], 1);
        assert!(schema("page")["properties"].get("sector").is_none());
    }
}
