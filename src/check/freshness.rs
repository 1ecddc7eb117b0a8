//! Freshness: reviews coming due, briefs whose status contradicts their
//! successor, and an accessibility statement not reviewed for a year.
//!
//! Review dates that have already passed are reported by the build itself
//! (`ErrorKind::ReviewOverdue`); this adds those due within
//! `review.warn_within_days` (30 by default). A brief marked `current` that
//! names a `superseded_by` brief is still current in readers' eyes although
//! a newer one replaces it; a brief replaced by one that is a draft or is
//! itself superseded sends readers nowhere useful. The statement's
//! `last_reviewed` date must be within the last 12 months.

use chrono::{Days, Months, NaiveDate};

use super::source::{finding_at_field, with_severity};
use super::Rule;
use crate::config::CONFIG_FILE;
use crate::content::kinds::{Brief, BriefStatus, Kind};
use crate::content::{dates, Page, Site};
use crate::error::{Error, ErrorKind, LineIndex};

/// Every freshness finding of the site; `site_yaml` is the text of
/// site.yaml, to point at the statement's `last_reviewed` line.
pub(crate) fn check(site: &Site, today: NaiveDate) -> Vec<Error> {
    let window = site.config.review.warn_within_days.max(0) as u64;
    let pages = site.pages.iter().map(|e| &e.page);
    let sections = site.sections.iter().map(|e| &e.page);
    let mut errors: Vec<Error> = pages
        .chain(sections)
        .filter_map(|page| review_due_soon(page, today, window))
        .collect();
    for entry in &site.pages {
        if let Kind::Brief(brief) = &entry.kind {
            errors.extend(superseded(site, &entry.page, brief));
        }
    }
    errors.extend(statement(site, today, window));
    errors
}

fn review_due_soon(page: &Page, today: NaiveDate, window: u64) -> Option<Error> {
    let due = page
        .front
        .review_due
        .as_ref()
        .and_then(|text| dates::parse(&text.0))?;
    let limit = today.checked_add_days(Days::new(window))?;
    if due < today || due > limit {
        return None;
    }
    let days = (due - today).num_days();
    Some(
        finding_at_field(
            page,
            Rule::ReviewDue,
            "review_due",
            format!(
                "this page is due for review on {} (in {days} days)",
                dates::display(due)
            ),
        )
        .with_help("review the page, then update `last_reviewed` and `review_due`"),
    )
}

fn superseded(site: &Site, page: &Page, brief: &Brief) -> Option<Error> {
    let successor = brief.superseded_by.as_deref()?;
    if brief.status == BriefStatus::Current {
        return Some(
            finding_at_field(
                page,
                Rule::SupersededBrief,
                "status",
                format!("this brief is still `current`, but `superseded_by` says {successor} replaces it"),
            )
            .with_help("set `status: superseded`, or remove `superseded_by` if this brief is still in force"),
        );
    }
    let newer = brief_at(site, successor)?;
    if newer.status == BriefStatus::Current {
        return None;
    }
    Some(
        finding_at_field(
            page,
            Rule::SupersededBrief,
            "superseded_by",
            format!(
                "this brief is replaced by {successor}, which is `{}`, not current",
                newer.status.key()
            ),
        )
        .with_help("point `superseded_by` at the brief now in force, or publish the newer brief"),
    )
}

/// The brief a `superseded_by` link (`@/briefs/b.md`) names, if it is one.
fn brief_at<'s>(site: &'s Site, link: &str) -> Option<&'s Brief> {
    let path = link.strip_prefix("@/")?;
    let target = site.targets.get(path)?;
    let crate::content::Target::Page(index) = *target else {
        return None;
    };
    match &site.pages[index].kind {
        Kind::Brief(newer) => Some(newer),
        _ => None,
    }
}

fn statement(site: &Site, today: NaiveDate, window: u64) -> Option<Error> {
    let config = site.config.accessibility.as_ref()?;
    let text = &site.config.text;
    let keys = &site.config.places.statement_keys;
    let (line, column) = keys.get("last_reviewed").copied().unwrap_or((0, 0));
    let index = LineIndex::new(text);
    let at = |error: Error| with_severity(error.at(&index, line, column), Rule::StatementReview);
    let kind = ErrorKind::Check(Rule::StatementReview);
    let Some(reviewed) = config.last_reviewed_date() else {
        return Some(at(Error::new(kind, CONFIG_FILE, "the accessibility statement has no `last_reviewed` date"))
            .with_help("add `last_reviewed: YYYY-MM-DD` to the accessibility block after reviewing the statement"));
    };
    let due = reviewed.checked_add_months(Months::new(12))?;
    let warn_from = due.checked_sub_days(Days::new(window))?;
    if today < warn_from {
        return None;
    }
    let message = statement_message(reviewed, due, today);
    Some(at(Error::new(kind, CONFIG_FILE, message)).with_help(
        "review the statement and test the site again, then update `last_reviewed` (and `last_tested_on`)",
    ))
}

/// What to say of a statement last reviewed on `reviewed`, due for its
/// review on `due`: overdue, or due soon.
fn statement_message(reviewed: NaiveDate, due: NaiveDate, today: NaiveDate) -> String {
    if due < today {
        return format!(
            "the accessibility statement was last reviewed on {}, more than 12 months ago",
            dates::display(reviewed)
        );
    }
    format!(
        "the accessibility statement is due for its yearly review by {}",
        dates::display(due)
    )
}
