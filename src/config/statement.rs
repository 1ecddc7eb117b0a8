//! The `accessibility:` block of site.yaml: the facts of the accessibility
//! statement, which `content::statement` checks and `render` publishes.

use serde::Deserialize;

use crate::yaml::Text;

/// The `accessibility:` block of site.yaml.
#[derive(Debug, Clone, Deserialize, PartialEq, Default)]
#[serde(deny_unknown_fields)]
pub struct StatementConfig {
    /// The body responsible for the site.
    #[serde(default)]
    pub organisation: Option<String>,
    /// Name of the site; the site title when absent.
    #[serde(default)]
    pub site_name: Option<String>,
    /// `fully`, `partially` or `not` compliant with WCAG 2.2 AA.
    #[serde(default)]
    pub compliance: Option<String>,
    /// Email for accessibility problems.
    #[serde(default)]
    pub contact_email: Option<String>,
    /// Phone for accessibility problems.
    #[serde(default)]
    pub contact_phone: Option<String>,
    /// Working days to reply.
    #[serde(default)]
    pub response_days: Option<u32>,
    /// True for bodies in Northern Ireland (different enforcement body).
    #[serde(default)]
    pub northern_ireland: bool,
    /// Known problems.
    #[serde(default)]
    pub issues: Vec<StatementIssue>,
    /// Content exempt on grounds of disproportionate burden.
    #[serde(default)]
    pub disproportionate_burden: Vec<String>,
    /// Content outside the regulations' scope.
    #[serde(default)]
    pub out_of_scope: Vec<String>,
    /// When the statement was first prepared.
    #[serde(default)]
    pub prepared_on: Option<Text>,
    /// When it was last reviewed.
    #[serde(default)]
    pub last_reviewed: Option<Text>,
    /// When the site was last tested.
    #[serde(default)]
    pub last_tested_on: Option<Text>,
    /// Who tested it and how.
    #[serde(default)]
    pub tested_by: Option<String>,
}

/// One known accessibility problem.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct StatementIssue {
    /// What the problem is, for readers.
    pub description: String,
    /// The WCAG success criterion, e.g. `1.1.1 Non-text content`.
    pub criterion: String,
    /// When it will be fixed.
    pub fix_by: Text,
}
