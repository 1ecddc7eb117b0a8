use super::*;
use crate::error::Severity;

fn prepared(text: &str) -> (Option<Prepared>, Vec<Problem>) {
    let mut problems = Vec::new();
    (prepare(text, &mut problems), problems)
}

#[test]
fn fences_become_markers_on_the_same_lines() {
    let (prepared, problems) = prepared("a\n::: note\nb\n:::\nc\n");
    let prepared = prepared.unwrap();
    assert!(problems.is_empty());
    assert_eq!(
        prepared.text,
        "a\n<!--hearth:open:0-->\nb\n<!--hearth:close-->\nc\n"
    );
    assert_eq!(prepared.text.lines().count(), 5);
    let c = prepared.text.rfind('c').unwrap();
    assert_eq!(prepared.original(c), "a\n::: note\nb\n:::\n".len());
}

#[test]
fn quarto_and_carpentries_forms_are_read() {
    let (prepared, _) =
        prepared("::: {.callout-tip title=\"Try this\"}\nx\n:::\n:::::: challenge\ny\n::::::\n");
    let blocks = prepared.unwrap().blocks;
    assert_eq!(
        blocks[0],
        Block {
            name: "tip".into(),
            label: "Try this".into(),
            id: None,
            is_closed: None,
        }
    );
    assert_eq!(
        blocks[1],
        Block {
            name: "challenge".into(),
            label: "Challenge".into(),
            id: None,
            is_closed: None,
        }
    );
}

#[test]
fn quarto_collapse_id_and_workbench_names_are_read() {
    let text = "::: {#first .callout-caution title='Mind the gap' collapse=\"true\"}\nx\n:::\n\
                ::: {.callout-important collapse=false}\ny\n:::\n\
                ::: spoiler\nz\n:::\n::: testimonial\nw\n:::\n";
    let (prepared, problems) = prepared(text);
    assert_eq!(problems, []);
    let blocks = prepared.unwrap().blocks;
    let read: Vec<(&str, &str, Option<&str>, Option<bool>)> = blocks
        .iter()
        .map(|b| {
            (
                b.name.as_str(),
                b.label.as_str(),
                b.id.as_deref(),
                b.is_closed,
            )
        })
        .collect();
    assert_eq!(
        read,
        [
            ("caution", "Mind the gap", Some("first"), Some(true)),
            ("important", "Important", None, Some(false)),
            ("spoiler", "More detail", None, Some(true)),
            ("testimonial", "Testimonial", None, None),
        ]
    );
}

#[test]
fn every_workbench_block_is_known() {
    for name in [
        "callout",
        "challenge",
        "checklist",
        "discussion",
        "hint",
        "instructor",
        "keypoints",
        "objectives",
        "prereq",
        "prereqs",
        "questions",
        "solution",
        "spoiler",
        "testimonial",
        "caution",
    ] {
        let (_, problems) = prepared(&format!("::: {name}\nx\n:::\n"));
        assert_eq!(problems, [], "{name}");
    }
    for name in ["note", "tip", "warning", "caution", "important"] {
        let (_, problems) = prepared(&format!("::: {{.callout-{name}}}\nx\n:::\n"));
        assert_eq!(problems, [], "{name}");
    }
}

#[test]
fn prereqs_is_the_prerequisites_block() {
    let (prepared, problems) = prepared("::: prereqs\nx\n:::\n");
    assert_eq!(problems, []);
    let block = &prepared.unwrap().blocks[0];
    assert_eq!(
        (block.name.as_str(), block.label.as_str()),
        ("prereq", "Prerequisites")
    );
}

#[test]
fn unclosed_is_an_error_at_the_opening_line() {
    let (_, problems) = prepared("intro\n::: warning\ntext\n");
    assert_eq!(problems.len(), 1);
    assert_eq!(
        (problems[0].severity, problems[0].offset),
        (Severity::Error, 6)
    );
}

#[test]
fn unknown_name_warns_with_suggestion() {
    let (_, problems) = prepared("::: chalenge\nx\n:::\n");
    assert_eq!(problems[0].severity, Severity::Warning);
    assert_eq!(problems[0].help, "did you mean `challenge`?");
}

#[test]
fn fences_inside_code_are_left_alone() {
    let (prepared, problems) = prepared("```\n::: note\n```\n");
    assert!(prepared.is_none() && problems.is_empty());
}
