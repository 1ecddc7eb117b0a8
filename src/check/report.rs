//! The report of `hearth check`: compiler-style text, or a stable JSON document.
//!
//! Text: every finding on standard error as `file:line:column: warning: ...`
//! with the source line, sorted, with a count (the same as `hearth build`),
//! then a summary by check on standard output. JSON (`--format json`): one
//! document on standard output, `{"version": 1, "summary", "findings",
//! "reading"}`, findings sorted by file, line, column and rule, so the same
//! site always gives the same bytes. The exit code is 1 when there are
//! errors (warnings too, with `--strict`).

use std::collections::BTreeMap;

use serde::Serialize;

use super::{Findings, Outcome, Reading, Rule};
use crate::cli::CheckFormat;
use crate::error::{Error, ErrorKind, Severity};

/// Checks the build itself reports, listed before the rules of `hearth check`.
const BUILD_CHECKS: [&str; 3] = ["broken-link", "broken-anchor", "review-overdue"];

/// Other build problems (front matter, templates...) are counted under this name.
const OTHER: &str = "build";

/// The name a finding is summarised under.
pub(crate) fn check_name(kind: ErrorKind) -> &'static str {
    match kind {
        ErrorKind::Check(rule) => rule.name(),
        ErrorKind::BrokenLink => "broken-link",
        ErrorKind::BrokenAnchor => "broken-anchor",
        ErrorKind::ReviewOverdue => "review-overdue",
        _ => OTHER,
    }
}

/// Errors and warnings of one check.
#[derive(Debug, Default, Clone, Copy, Serialize)]
struct Count {
    errors: usize,
    warnings: usize,
}

#[derive(Serialize)]
struct Summary {
    errors: usize,
    warnings: usize,
    pages: usize,
    checks: BTreeMap<&'static str, Count>,
}

#[derive(Serialize)]
struct Finding<'a> {
    rule: &'static str,
    severity: &'static str,
    file: String,
    line: usize,
    column: usize,
    message: &'a str,
    help: Option<&'a str>,
}

#[derive(Serialize)]
struct Document<'a> {
    version: u32,
    summary: Summary,
    findings: Vec<Finding<'a>>,
    reading: Vec<&'a Reading>,
}

/// Renders the findings in the chosen format, with the exit code.
pub(crate) fn render(findings: &Findings, format: CheckFormat) -> Outcome {
    let exit_code = u8::from(findings.diagnostics.has_errors());
    let (stdout, stderr) = match format {
        CheckFormat::Text if !findings.is_loaded => (
            String::new(),
            findings.diagnostics.report()
                + "The site could not be loaded, so nothing was checked.\n",
        ),
        CheckFormat::Text => (summary_text(findings), findings.diagnostics.report()),
        CheckFormat::Json => (json(findings), String::new()),
    };
    Outcome {
        stdout,
        stderr,
        exit_code,
    }
}

fn counts(findings: &Findings) -> Vec<(&'static str, Count)> {
    let mut names: Vec<&'static str> = BUILD_CHECKS.to_vec();
    names.extend(Rule::ALL.iter().map(|rule| rule.name()));
    names.push(OTHER);
    let mut counts: Vec<(&'static str, Count)> =
        names.into_iter().map(|n| (n, Count::default())).collect();
    for error in findings.diagnostics.sorted() {
        let name = check_name(error.kind);
        if let Some((_, count)) = counts.iter_mut().find(|(n, _)| *n == name) {
            match error.severity {
                Severity::Error => count.errors += 1,
                Severity::Warning => count.warnings += 1,
            }
        }
    }
    counts
}

fn summary_text(findings: &Findings) -> String {
    let mut out = format!(
        "Checked {} pages.\n\n{:<18} {:>6} {:>8}\n",
        findings.pages_checked, "check", "errors", "warnings"
    );
    for (name, count) in counts(findings) {
        out.push_str(&format!(
            "{name:<18} {:>6} {:>8}\n",
            count.errors, count.warnings
        ));
    }
    out.push('\n');
    out.push_str(&reading_line(findings));
    let (errors, warnings) = totals(findings);
    out.push_str(&match (errors, warnings) {
        (0, 0) => "No problems found.\n".to_string(),
        _ => format!(
            "{} and {} (listed above the summary).\n",
            count_of(errors, "error"),
            count_of(warnings, "warning")
        ),
    });
    out
}

fn count_of(count: usize, noun: &str) -> String {
    match count {
        1 => format!("1 {noun}"),
        _ => format!("{count} {noun}s"),
    }
}

fn reading_line(findings: &Findings) -> String {
    let hardest = findings
        .readings
        .iter()
        .max_by(|a, b| a.reading_age.total_cmp(&b.reading_age));
    let Some(hardest) = hardest else {
        return String::new();
    };
    let above = findings
        .diagnostics
        .iter()
        .filter(|e| e.kind == ErrorKind::Check(Rule::ReadingAge))
        .count();
    format!(
        "Reading age (Flesch-Kincaid grade + 5): {} pages measured, {above} above the target; highest {:.1} in {}.\n",
        findings.readings.len(),
        hardest.reading_age,
        hardest.file
    )
}

fn totals(findings: &Findings) -> (usize, usize) {
    let sorted = findings.diagnostics.sorted();
    let errors = sorted.iter().filter(|e| e.is_error()).count();
    (errors, sorted.len() - errors)
}

fn json(findings: &Findings) -> String {
    let mut sorted: Vec<&Error> = findings.diagnostics.sorted();
    sorted.sort_by(|a, b| sort_key(a).cmp(&sort_key(b)));
    let findings_list = sorted.iter().map(|error| finding(error)).collect();
    let mut reading: Vec<&Reading> = findings.readings.iter().collect();
    reading.sort_by(|a, b| a.file.cmp(&b.file));
    let (errors, warnings) = totals(findings);
    let document = Document {
        version: 1,
        summary: Summary {
            errors,
            warnings,
            pages: findings.pages_checked,
            checks: counts(findings).into_iter().collect(),
        },
        findings: findings_list,
        reading,
    };
    let mut text = serde_json::to_string_pretty(&document).unwrap_or_default();
    text.push('\n');
    text
}

fn sort_key(error: &Error) -> (String, usize, usize, &'static str, Severity, &str) {
    (
        path_text(error),
        error.line,
        error.column,
        check_name(error.kind),
        error.severity,
        &error.message,
    )
}

fn path_text(error: &Error) -> String {
    error.path.display().to_string().replace('\\', "/")
}

fn finding(error: &Error) -> Finding<'_> {
    Finding {
        rule: check_name(error.kind),
        severity: match error.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        },
        file: path_text(error),
        line: error.line,
        column: error.column,
        message: &error.message,
        help: error.help.as_deref(),
    }
}
