//! What a lesson written for The Carpentries' Workbench already says about
//! itself, read from its body: the `::: objectives` list (a module's
//! outcomes) and the `::: questions` list (its description).
//!
//! Part of parsing and assembly: a module whose front matter has no
//! `outcomes` or `description` takes them from these blocks, so a lesson
//! brought in as it is needs no second copy of them. Only the list items
//! directly inside the block count; the words around them do not.

/// The list items of the first `::: name` block of `body` (also written
/// `::: {.name}`), as plain text; `None` when there is no such block.
pub(crate) fn block_items(body: &str, name: &str) -> Option<Vec<String>> {
    let mut lines = body.lines();
    let mut in_code = false;
    loop {
        let line = lines.next()?;
        if is_code_fence(line) {
            in_code = !in_code;
        }
        if !in_code && opens(line, name) {
            break;
        }
    }
    let mut items: Vec<String> = Vec::new();
    let mut depth = 0;
    for line in lines {
        match fence(line) {
            Some("") if depth == 0 => break,
            Some("") => depth -= 1,
            Some(_) => depth += 1,
            None if depth == 0 => read_item(line, &mut items),
            None => {}
        }
    }
    Some(items.into_iter().filter(|item| !item.is_empty()).collect())
}

/// Adds a list item's line to `items`: a new item for `- x`, `* x`, `1. x`,
/// more of the last item for an indented line after it.
fn read_item(line: &str, items: &mut Vec<String>) {
    let trimmed = line.trim_start();
    let marker = ["- ", "* ", "+ "]
        .iter()
        .find_map(|marker| trimmed.strip_prefix(marker))
        .or_else(|| {
            let digits = trimmed.len()
                - trimmed
                    .trim_start_matches(|c: char| c.is_ascii_digit())
                    .len();
            let rest = &trimmed[digits..];
            (digits > 0).then(|| rest.strip_prefix(". ").or_else(|| rest.strip_prefix(") ")))?
        });
    let is_top = line.len() - trimmed.len() < 2;
    match marker {
        Some(text) if is_top => items.push(plain(text)),
        _ if !trimmed.is_empty() && line.starts_with(' ') => {
            if let Some(last) = items.last_mut() {
                last.push(' ');
                last.push_str(&plain(trimmed));
            }
        }
        _ => {}
    }
}

/// Inline markdown marks taken off, since outcomes are shown as text.
fn plain(text: &str) -> String {
    text.replace(['`', '*'], "").trim().to_string()
}

/// What a fence line opens (its name), `Some("")` for a closing fence.
fn fence(line: &str) -> Option<&str> {
    let trimmed = line.trim();
    let colons = trimmed.len() - trimmed.trim_start_matches(':').len();
    if colons < 3 {
        return None;
    }
    let spec = trimmed[colons..].trim().trim_end_matches(':').trim();
    let spec = spec.trim_start_matches('{').trim_start_matches('.');
    Some(spec.split([' ', '}']).next().unwrap_or(""))
}

fn opens(line: &str, name: &str) -> bool {
    fence(line).is_some_and(|spec| spec.eq_ignore_ascii_case(name))
}

fn is_code_fence(line: &str) -> bool {
    let trimmed = line.trim_start();
    trimmed.starts_with("```") || trimmed.starts_with("~~~")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_of_the_named_block_only() {
        let body = "Intro\n\n::::::::: questions\n\n- What is a shell?\n- Why use it?\n\n:::::::::\n\n\
                    :::: {.objectives}\nBy the end you will:\n\n- explain `ls` and\n  its options\n\
                    * name **two** shells\n1. nest\n::: hint\n- not this\n:::\n:::::\n\nAfter\n- not this\n";
        assert_eq!(
            block_items(body, "objectives"),
            Some(vec![
                "explain ls and its options".to_string(),
                "name two shells".to_string(),
                "nest".to_string(),
            ])
        );
        assert_eq!(
            block_items(body, "questions"),
            Some(vec![
                "What is a shell?".to_string(),
                "Why use it?".to_string()
            ])
        );
        assert_eq!(block_items(body, "keypoints"), None);
    }

    #[test]
    fn a_block_in_a_code_example_is_not_read() {
        let body = "```markdown\n::: objectives\n- shown as code\n:::\n```\n";
        assert_eq!(block_items(body, "objectives"), None);
    }
}
