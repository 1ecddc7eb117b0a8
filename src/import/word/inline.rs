//! Inline content of a Word paragraph written out as markdown: runs with
//! the same formatting merged, emphasis markers kept off the spaces at
//! their edges, and markdown's own characters escaped.

/// Inline content of a paragraph before it is written out.
#[derive(Debug, Clone)]
pub(crate) enum Piece {
    Text {
        text: String,
        is_bold: bool,
        is_italic: bool,
    },
    Raw(String),
    Break,
}

/// Markdown's special characters in text, escaped.
pub(crate) fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '&' | '$'
        ) {
            escaped.push('\\');
        }
        escaped.push(c);
    }
    escaped
}

/// Pieces as markdown: runs with the same formatting merged, emphasis
/// markers kept off the spaces at their edges.
pub(crate) fn render(pieces: &[Piece]) -> String {
    let mut out = String::new();
    for piece in &merged(pieces) {
        match piece {
            Piece::Text {
                text,
                is_bold,
                is_italic,
            } => out.push_str(&emphasised(text, *is_bold, *is_italic)),
            Piece::Raw(raw) => out.push_str(raw),
            Piece::Break => out.push_str("\\\n"),
        }
    }
    out
}

/// The pieces with each run of texts of the same formatting made one.
fn merged(pieces: &[Piece]) -> Vec<Piece> {
    let mut merged: Vec<Piece> = Vec::new();
    for piece in pieces {
        if let (
            Some(Piece::Text {
                text,
                is_bold,
                is_italic,
            }),
            Piece::Text {
                text: more,
                is_bold: bold,
                is_italic: italic,
            },
        ) = (merged.last_mut(), piece)
        {
            if is_bold == bold && is_italic == italic {
                text.push_str(more);
                continue;
            }
        }
        merged.push(piece.clone());
    }
    merged
}

fn emphasised(text: &str, is_bold: bool, is_italic: bool) -> String {
    let marker = match (is_bold, is_italic) {
        (true, true) => "***",
        (true, false) => "**",
        (false, true) => "*",
        (false, false) => "",
    };
    let core = text.trim();
    if marker.is_empty() || core.is_empty() {
        return escape(text);
    }
    let lead = &text[..text.len() - text.trim_start().len()];
    let trail = &text[text.trim_end().len()..];
    format!("{lead}{marker}{}{marker}{trail}", escape(core))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emphasis_stays_off_the_spaces_around_it() {
        let pieces = vec![
            Piece::Text {
                text: "Say ".to_string(),
                is_bold: false,
                is_italic: false,
            },
            Piece::Text {
                text: "no ".to_string(),
                is_bold: true,
                is_italic: false,
            },
            Piece::Text {
                text: "more".to_string(),
                is_bold: false,
                is_italic: true,
            },
        ];
        assert_eq!(render(&pieces), "Say **no** *more*");
    }

    #[test]
    fn markdown_characters_in_text_stay_text() {
        assert_eq!(escape("a*b [c] <d> 5_6"), "a\\*b \\[c\\] \\<d\\> 5\\_6");
    }
}
