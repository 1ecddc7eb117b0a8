//! Dates in front matter: `YYYY-MM-DD`, checked and shown in words.

use chrono::{Datelike, NaiveDate};

/// Parses `YYYY-MM-DD`.
pub fn parse(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").ok()
}

/// `3 March 2026`, the form UK public services use.
pub fn display(date: NaiveDate) -> String {
    format!("{} {} {}", date.day(), date.format("%B"), date.year())
}

/// `2026-03-03T00:00:00Z`, for feeds.
pub fn rfc3339(date: NaiveDate) -> String {
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
}
