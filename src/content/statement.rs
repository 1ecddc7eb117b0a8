//! The accessibility statement, built from the `accessibility:` block of site.yaml.
//!
//! UK public sector bodies must publish a statement with fixed headings and
//! set wording. Authors give the facts; Hearth supplies the wording, checks
//! that nothing required is missing (an error when `public_sector: true`)
//! and renders it at `/accessibility/`.

use chrono::NaiveDate;

use super::dates;
pub use crate::config::statement::{StatementConfig, StatementIssue};
use crate::yaml::Text;

/// Compliance levels and their set wording.
pub(crate) fn compliance_text(level: &str, site: &str) -> Option<String> {
    let text = match level {
        "fully" => format!("{site} is fully compliant with the Web Content Accessibility Guidelines version 2.2 AA standard."),
        "partially" => format!("{site} is partially compliant with the Web Content Accessibility Guidelines version 2.2 AA standard, due to the non-compliances listed below."),
        "not" => format!("{site} is not compliant with the Web Content Accessibility Guidelines version 2.2 AA standard. The non-compliances are listed below."),
        _ => return None,
    };
    Some(text)
}

/// The enforcement paragraph for the body's nation.
pub(crate) fn enforcement_text(northern_ireland: bool) -> &'static str {
    if northern_ireland {
        "The Equality Commission for Northern Ireland (ECNI) is responsible for enforcing the Public Sector Bodies (Websites and Mobile Applications) (No. 2) Accessibility Regulations 2018 (the 'accessibility regulations') in Northern Ireland. If you're not happy with how we respond to your complaint, contact the Equality Commission for Northern Ireland."
    } else {
        "The Equality and Human Rights Commission (EHRC) is responsible for enforcing the Public Sector Bodies (Websites and Mobile Applications) (No. 2) Accessibility Regulations 2018 (the 'accessibility regulations'). If you're not happy with how we respond to your complaint, contact the Equality Advisory and Support Service (EASS)."
    }
}

/// A required field that is missing or wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Gap {
    pub field: &'static str,
    /// What to write.
    pub what: &'static str,
    /// What is written, when it is there but is not a date.
    pub bad_date: Option<String>,
}

impl Gap {
    fn missing(field: &'static str, what: &'static str) -> Self {
        Gap {
            field,
            what,
            bad_date: None,
        }
    }

    /// A gap for a date field: missing, or written but not a date.
    fn date(field: &'static str, what: &'static str, value: Option<&Text>) -> Option<Self> {
        let written = value.map(|t| t.0.trim()).filter(|t| !t.is_empty());
        if written.and_then(dates::parse).is_some() {
            return None;
        }
        Some(Gap {
            field,
            what,
            bad_date: written.map(str::to_string),
        })
    }
}

/// Whether `text` has the shape of an email address (`name@host.tld`, no
/// spaces): enough to catch a phone number or a name in the wrong field,
/// which would make the statement's mailto: link lead nowhere.
fn looks_like_email(text: &str) -> bool {
    let text = text.trim();
    match text.split_once('@') {
        Some((name, host)) => {
            !name.is_empty()
                && host.contains('.')
                && !host.starts_with('.')
                && !host.ends_with('.')
                && !host.contains('@')
                && !text.contains(char::is_whitespace)
        }
        None => false,
    }
}

/// True when a text setting is missing or only spaces.
fn is_blank(value: &Option<String>) -> bool {
    value.as_deref().is_none_or(|v| v.trim().is_empty())
}

impl StatementConfig {
    /// The fields a statement must have and does not.
    pub(crate) fn gaps(&self) -> Vec<Gap> {
        let mut gaps = Vec::new();
        if is_blank(&self.organisation) {
            gaps.push(Gap::missing(
                "organisation",
                "the name of the body responsible for the site",
            ));
        }
        if !self.has_compliance() {
            gaps.push(Gap::missing("compliance", "one of fully, partially or not"));
        }
        gaps.extend(self.contact_gap());
        if self.lacks_issues() {
            gaps.push(Gap::missing(
                "issues",
                "the known problems, each with description, criterion and fix_by",
            ));
        }
        gaps.extend(self.date_gaps());
        gaps
    }

    /// True when `compliance:` is one of the words a statement can say.
    fn has_compliance(&self) -> bool {
        self.compliance
            .as_deref()
            .and_then(|c| compliance_text(c, ""))
            .is_some()
    }

    /// The gap in the contact details: none given, or an email address
    /// that does not look like one.
    fn contact_gap(&self) -> Option<Gap> {
        if is_blank(&self.contact_email) && is_blank(&self.contact_phone) {
            return Some(Gap::missing(
                "contact_email",
                "an email address (or contact_phone) for accessibility problems",
            ));
        }
        let email = self.contact_email.as_deref();
        email.filter(|e| !looks_like_email(e)).map(|_| {
            Gap::missing(
                "contact_email",
                "an email address such as access@example.org, which the statement links to",
            )
        })
    }

    /// True when a site not fully compliant lists no known problems.
    fn lacks_issues(&self) -> bool {
        self.compliance.as_deref() != Some("fully")
            && self.issues.is_empty()
            && self.disproportionate_burden.is_empty()
    }

    /// The statement's dates and each issue's `fix_by` that are missing or
    /// not dates.
    fn date_gaps(&self) -> Vec<Gap> {
        let statement_dates = [
            (
                "prepared_on",
                "the date the statement was prepared, YYYY-MM-DD",
                &self.prepared_on,
            ),
            (
                "last_reviewed",
                "the date the statement was last reviewed, YYYY-MM-DD",
                &self.last_reviewed,
            ),
            (
                "last_tested_on",
                "the date the site was last tested, YYYY-MM-DD",
                &self.last_tested_on,
            ),
        ];
        let mut gaps = Vec::new();
        for (field, what, value) in statement_dates {
            gaps.extend(Gap::date(field, what, value.as_ref()));
        }
        for issue in &self.issues {
            let what = "a fix_by date as YYYY-MM-DD for every issue";
            gaps.extend(Gap::date("fix_by", what, Some(&issue.fix_by)));
        }
        gaps
    }

    /// When the statement was last reviewed.
    pub(crate) fn last_reviewed_date(&self) -> Option<NaiveDate> {
        self.last_reviewed.as_ref().and_then(|t| dates::parse(&t.0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_statement_lists_every_gap() {
        let fields: Vec<&str> = StatementConfig::default()
            .gaps()
            .iter()
            .map(|g| g.field)
            .collect();
        assert_eq!(
            fields,
            [
                "organisation",
                "compliance",
                "contact_email",
                "issues",
                "prepared_on",
                "last_reviewed",
                "last_tested_on"
            ]
        );
    }

    #[test]
    fn a_contact_email_must_look_like_one() {
        for good in ["access@example.org", " a.b@council.gov.uk "] {
            assert!(looks_like_email(good), "{good}");
        }
        for bad in [
            "not-an-email",
            "01632 960000",
            "a@b",
            "@example.org",
            "a b@example.org",
            "a@b@c.org",
            "a@example.",
        ] {
            assert!(!looks_like_email(bad), "{bad}");
        }
    }

    #[test]
    fn compliance_wording_is_fixed() {
        assert!(compliance_text("partially", "This website")
            .unwrap()
            .starts_with("This website is partially compliant"));
        assert!(compliance_text("mostly", "x").is_none());
    }
}
