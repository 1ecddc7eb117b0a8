//! `hearth check`: findings a reader or an auditor would trip over.
//!
//! (Being written: see issue 6.)

use chrono::NaiveDate;

use crate::cli::CheckArgs;
use crate::content::Site;
use crate::error::Error;

/// Which check found a problem.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Rule {
    /// An image without alt text.
    ImageAlt,
}

/// What `hearth check` prints and its exit code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    /// Standard output.
    pub stdout: String,
    /// Standard error.
    pub stderr: String,
    /// 0, or 1 when there are errors.
    pub exit_code: u8,
}

/// Runs every check.
pub fn run(_args: &CheckArgs, _today: NaiveDate) -> Outcome {
    Outcome {
        stdout: String::new(),
        stderr: "hearth check is not written yet\n".to_string(),
        exit_code: 1,
    }
}

/// The error-level checks `hearth build` runs too.
pub fn build_checks(_site: &Site) -> Vec<Error> {
    Vec::new()
}
