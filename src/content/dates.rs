//! Dates in front matter: `YYYY-MM-DD`, checked and shown in words.
//!
//! A date with a time, as Hugo and other generators write it
//! (`2026-03-01T10:00:00+00:00`), is read as its date, so that pages
//! moved from another site build as they are. A date in another form
//! (`1/3/2026`, `1 March 2026`) is an error whose help gives the same date
//! written as Hearth reads it, read the UK way: day first.

use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime};

/// Parses `YYYY-MM-DD`.
pub fn parse(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").ok()
}

/// The date of a date written with a time (`2026-03-01T10:00:00Z`,
/// `2026-03-01 10:00`), as written: a time zone does not move it.
pub(crate) fn date_of_timestamp(text: &str) -> Option<NaiveDate> {
    let text = text.trim();
    if let Ok(stamp) = DateTime::parse_from_rfc3339(text) {
        return Some(stamp.date_naive());
    }
    const FORMATS: [&str; 4] = [
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%d %H:%M:%S%.f",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M",
    ];
    FORMATS
        .iter()
        .find_map(|format| NaiveDateTime::parse_from_str(text, format).ok())
        .map(|stamp| stamp.date())
}

/// The date an author most likely meant by `text`, written in a form
/// Hearth does not read: day first, as in the UK (`25/11/2026`,
/// `25.11.2026`, `25 November 2026`, `25th Nov 2026`), or a month name
/// first (`November 25, 2026`).
pub(crate) fn meant(text: &str) -> Option<NaiveDate> {
    let text = without_ordinals(text.trim());
    const FORMATS: [&str; 7] = [
        "%d/%m/%Y",
        "%d.%m.%Y",
        "%d-%m-%Y",
        "%d %B %Y",
        "%d %b %Y",
        "%B %d, %Y",
        "%b %d, %Y",
    ];
    FORMATS
        .iter()
        .find_map(|format| NaiveDate::parse_from_str(&text, format).ok())
}

/// What to do about `written`, which is not a date: the date it most
/// likely means, year first, or the form to use.
pub(crate) fn help(written: &str) -> String {
    match meant(written) {
        Some(meant) => format!(
            "write dates year first: {} for {}",
            meant.format("%Y-%m-%d"),
            display(meant)
        ),
        None => "write dates as YYYY-MM-DD, for example 2026-03-01".to_string(),
    }
}

/// `25th` -> `25`: the ordinal endings people type after a day.
fn without_ordinals(text: &str) -> String {
    text.split(' ')
        .map(|word| {
            let (word, comma) = match word.strip_suffix(',') {
                Some(bare) => (bare, ","),
                None => (word, ""),
            };
            let digits = word.trim_end_matches(|c: char| c.is_ascii_alphabetic());
            let ending = &word[digits.len()..];
            let is_ordinal = !digits.is_empty()
                && digits.chars().all(|c| c.is_ascii_digit())
                && ["st", "nd", "rd", "th"].contains(&ending.to_ascii_lowercase().as_str());
            format!("{}{comma}", if is_ordinal { digits } else { word })
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// `3 March 2026`, the form UK public services use.
pub(crate) fn display(date: NaiveDate) -> String {
    format!("{} {} {}", date.day(), date.format("%B"), date.year())
}

/// `2026-03-03T00:00:00Z`, for feeds.
pub(crate) fn rfc3339(date: NaiveDate) -> String {
    format!("{}T00:00:00Z", date.format("%Y-%m-%d"))
}

/// Today's date, from the system clock.
pub fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_displays() {
        let date = parse("2026-03-03").unwrap();
        assert_eq!(display(date), "3 March 2026");
        assert_eq!(rfc3339(date), "2026-03-03T00:00:00Z");
        assert!(parse("2026-13-01").is_none());
        assert!(parse("March 2026").is_none());
    }

    #[test]
    fn a_date_with_a_time_is_its_date_as_written() {
        let day = NaiveDate::from_ymd_opt(2026, 3, 1);
        for text in [
            "2026-03-01T23:30:00+05:00",
            "2026-03-01T10:00:00Z",
            "2026-03-01T10:00:00.123",
            "2026-03-01 10:00:00",
            "2026-03-01 10:00",
            " 2026-03-01T10:00 ",
        ] {
            assert_eq!(date_of_timestamp(text), day, "{text}");
        }
        assert_eq!(date_of_timestamp("2026-03-01"), None);
        assert_eq!(date_of_timestamp("2026-03-01T25:00"), None);
    }

    #[test]
    fn other_forms_are_read_day_first() {
        let day = NaiveDate::from_ymd_opt(2026, 3, 1);
        for text in [
            "01/03/2026",
            "1/3/2026",
            "1.3.2026",
            "01-03-2026",
            "1 March 2026",
            "1st March 2026",
            "1st Mar 2026",
            "March 1, 2026",
            "Mar 1st, 2026",
        ] {
            assert_eq!(meant(text), day, "{text}");
        }
        assert_eq!(meant("next year"), None);
        assert_eq!(meant("31/02/2026"), None);
    }
}
