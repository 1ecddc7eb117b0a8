//! One file of a lesson as a page of the course: its front matter kept,
//! with a title, `type: page` or what a module needs (`duration` from
//! `teaching` plus `exercises`, `outcomes` from the `::: objectives`
//! block) added; and the course's `_index.md`.

use std::path::Path;

use serde_json::Value;

use super::links::Rewriter;
use super::{page_name, Entry, Lesson, Role};
use crate::import::{quoted, shown, Note, NoteKind, Place};

/// Splits `---` front matter from a text: (front matter, body).
pub(super) fn split_front(text: &str) -> (Option<&str>, &str) {
    let Some(rest) = text
        .strip_prefix("---\n")
        .or_else(|| text.strip_prefix("---\r\n"))
    else {
        return (None, text);
    };
    for (at, _) in rest.match_indices("\n---") {
        let after = &rest[at + 4..];
        if after.is_empty() || after.starts_with('\n') || after.starts_with("\r\n") {
            let body = after.trim_start_matches(['\r', '\n']);
            return (Some(&rest[..at + 1]), body);
        }
    }
    (None, text)
}

/// The items of the first `::: objectives` block of a body.
fn objectives(body: &str) -> Vec<String> {
    let mut inside = false;
    let mut found = Vec::new();
    for line in body.lines() {
        let trimmed = line.trim();
        if !inside {
            let name = trimmed.trim_start_matches(':').trim();
            inside = trimmed.starts_with(":::")
                && name
                    .trim_start_matches(['{', '.'])
                    .starts_with("objectives");
            continue;
        }
        if trimmed.starts_with(":::") {
            break;
        }
        if let Some(item) = trimmed
            .strip_prefix("- ")
            .or_else(|| trimmed.strip_prefix("* "))
        {
            found.push(item.trim().to_string());
        }
    }
    found
}

fn minutes(front: &Value, key: &str) -> Option<u64> {
    match front.get(key)? {
        Value::Number(number) => number.as_u64(),
        Value::String(text) => text.trim().parse().ok(),
        _ => None,
    }
}

/// One lesson file as a page of the course; with the outcomes it gives.
pub fn page(
    entry: &Entry,
    text: &str,
    links: &str,
    rewriter: &Rewriter<'_>,
    notes: &mut Vec<Note>,
) -> (String, Vec<String>) {
    let (front, body) = split_front(text);
    let values = front
        .and_then(|front| crate::yaml::parse_value(front).ok())
        .unwrap_or(Value::Null);
    let mut body = body.to_string();
    // `source: Rmd` tells the Workbench how an episode was rendered;
    // nothing on the page comes from it.
    let mut head: String = front
        .unwrap_or_default()
        .split_inclusive('\n')
        .filter(|line| !line.starts_with("source:"))
        .collect();
    if values.get("title").is_none() {
        let title = match &entry.title {
            Some(title) => title.clone(),
            None => take_heading(&mut body).unwrap_or_else(|| {
                page_name(&entry.source)
                    .trim_end_matches(".md")
                    .replace('-', " ")
            }),
        };
        head.insert_str(0, &format!("title: {}\n", quoted(&title)));
    }
    let place = Place {
        file: Some(entry.source.clone()),
        ..Place::default()
    };
    let found = objectives(&body);
    match entry.role {
        Role::Page => head.push_str("type: page\n"),
        Role::Module => {
            if values.get("duration").is_none() {
                let total = minutes(&values, "teaching").unwrap_or(0)
                    + minutes(&values, "exercises").unwrap_or(0);
                if total > 0 {
                    head.push_str(&format!("duration: {total} minutes\n"));
                } else {
                    head.push_str("duration: 60 minutes\n");
                    notes.push(placeholder(&place, "duration"));
                }
            }
            if values.get("outcomes").is_none() {
                if found.is_empty() {
                    head.push_str(
                        "outcomes:\n  - \"Replace this: what a learner will be able to do.\"\n",
                    );
                    notes.push(placeholder(&place, "outcomes"));
                } else {
                    head.push_str("outcomes:\n");
                    for outcome in &found {
                        head.push_str(&format!("  - {}\n", quoted(outcome)));
                    }
                }
            }
        }
    }
    let body = super::chunks::prepare(&body);
    let body = rewriter.rewrite(&body, &entry.source, notes);
    let mut out = format!("---\n{head}---\n\n{}", body.trim_start());
    if !links.is_empty() {
        // The Workbench reads links.md's targets from the episodes folder,
        // and the course's pages sit side by side.
        let links = rewriter.rewrite(links, "episodes/links.md", &mut Vec::new());
        out.push_str(&format!("\n\n{links}\n"));
    }
    (out, found)
}

fn placeholder(place: &Place, field: &str) -> Note {
    Note {
        kind: NoteKind::Placeholder,
        place: place.clone(),
        message: format!(
            "`{field}` is required and the lesson does not say it: replace the example value"
        ),
        written: None,
    }
}

/// Takes a first `# Heading` line out of a body, as the page's title.
fn take_heading(body: &mut String) -> Option<String> {
    let line = body.lines().find(|line| !line.trim().is_empty())?;
    let title = line.strip_prefix("# ")?.trim();
    let title = title.split(" {").next().unwrap_or(title).to_string();
    let at = body.find(line)? + line.len();
    *body = body[at..].to_string();
    Some(title)
}

pub fn course_index(
    lesson: &Lesson,
    index: Option<(String, String)>,
    outcomes: &[String],
    rewriter: &Rewriter<'_>,
    notes: &mut Vec<Note>,
    course: &Path,
) -> String {
    let (source, text) = index.unwrap_or_default();
    let (_, body) = split_front(&text);
    // The course's title comes from the lesson's configuration.
    let mut body = body.to_string();
    take_heading(&mut body);
    let body = super::chunks::prepare(&body);
    let body = rewriter.rewrite(&body, &source, notes);
    let place = Place {
        file: Some(if source.is_empty() {
            "the lesson".to_string()
        } else {
            source.clone()
        }),
        ..Place::default()
    };
    let summary = first_paragraph(&body);
    let mut head = format!("---\ntitle: {}\ntype: course\n", quoted(&lesson.title));
    match summary {
        Some(summary) => head.push_str(&format!("summary: {}\n", quoted(&summary))),
        None => {
            head.push_str(
                "summary: \"Replace this: what the course is about, in a sentence or two.\"\n",
            );
            notes.push(placeholder(&place, "summary"));
        }
    }
    head.push_str("audiences: [public]\ndelivery: self-paced\n");
    notes.push(Note {
        kind: NoteKind::Placeholder,
        place: place.clone(),
        message: format!(
            "`audiences` and `delivery` are example values ([public], self-paced): set who the course is for and how it is run in {}",
            shown(&course.join("_index.md"))
        ),
        written: None,
    });
    head.push_str("outcomes:\n");
    if outcomes.is_empty() {
        head.push_str("  - \"Replace this: what a learner will be able to do.\"\n");
        notes.push(placeholder(&place, "outcomes"));
    }
    for outcome in outcomes.iter().take(8) {
        head.push_str(&format!("  - {}\n", quoted(outcome)));
    }
    format!("{head}---\n\n{}", body.trim_start())
}

fn first_paragraph(body: &str) -> Option<String> {
    let mut inside_block = false;
    for paragraph in body.split("\n\n") {
        let text = paragraph.trim();
        if text.starts_with(":::") || text.starts_with("```") {
            inside_block =
                !text.ends_with(":::") && !text.ends_with("```") || text.lines().count() == 1;
            continue;
        }
        if inside_block {
            inside_block = !(text.ends_with(":::") || text.ends_with("```"));
            continue;
        }
        let is_prose = text
            .chars()
            .next()
            .is_some_and(|c| c.is_alphanumeric() || c == '*' || c == '_');
        if is_prose {
            return Some(text.split_whitespace().collect::<Vec<_>>().join(" "));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn objectives_are_read_from_their_block() {
        let body =
            "::::::: objectives\n\n- Name the parts\n- Use a shell\n\n:::::::\n\n- not this\n";
        assert_eq!(objectives(body), vec!["Name the parts", "Use a shell"]);
    }

    #[test]
    fn front_matter_is_split_from_the_body() {
        let (front, body) = split_front("---\ntitle: A\nteaching: 5\n---\n\nText\n");
        assert_eq!(front, Some("title: A\nteaching: 5\n"));
        assert_eq!(body, "Text\n");
    }
}
