//! Errors and warnings: one type for every problem Hearth reports.
//!
//! Every stage of the pipeline reports problems as [`Error`] values that
//! carry the file, line and column they refer to. A stage that handles many
//! files collects them in [`Diagnostics`] and carries on, so a build reports
//! every problem at once, printed the way a compiler prints them.

use std::fmt;
use std::path::{Path, PathBuf};

/// What went wrong, so tests and tools can match on it without reading prose.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ErrorKind {
    /// A file or folder could not be read or written.
    Io,
    /// A file is not valid UTF-8.
    InvalidUtf8,
    /// A file is UTF-16 text (Windows Notepad's "Unicode"), not UTF-8.
    Utf16,
    /// A file is larger than Hearth accepts.
    FileTooLarge,
    /// An invisible control character, such as a vertical tab, in a text file.
    ControlCharacter,
    /// Front matter is missing its closing `---`, or is not a mapping.
    FrontMatter,
    /// YAML could not be parsed.
    Yaml,
    /// A required field is missing.
    MissingField,
    /// A field has the wrong type or a value that is not allowed.
    InvalidValue,
    /// A key Hearth does not know.
    UnknownKey,
    /// Two sources would write the same URL.
    DuplicateUrl,
    /// An internal link points at a file that does not exist.
    BrokenLink,
    /// An internal link points at an anchor that does not exist.
    BrokenAnchor,
    /// A template could not be parsed or rendered.
    Template,
    /// A symbolic link leads outside the site root.
    Symlink,
    /// The output folder is not one Hearth may replace.
    UnsafeOutput,
    /// `site.yaml` is missing or wrong.
    Config,
    /// The theme is missing or incomplete.
    Theme,
    /// A markdown construct Hearth cannot build, such as an unclosed block.
    Markdown,
    /// A URL or slug that cannot be used.
    InvalidSlug,
    /// Review dates that have passed.
    ReviewOverdue,
    /// A content file marked as in a language the site does not have.
    Language,
    /// A translation catalogue that cannot be read.
    Catalogue,
    /// An interface string a language's catalogue lacks.
    MissingTranslation,
    /// An image that cannot be read, or is too large to publish safely.
    Image,
    /// A finding of `hearth check`.
    Check(Rule),
}

/// How serious a problem is: errors stop the build, warnings do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Severity {
    /// Stops the build.
    Error,
    /// Reported, but the build goes on.
    Warning,
}

/// One problem, with the place it was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    /// What kind of problem this is.
    pub kind: ErrorKind,
    /// Error or warning.
    pub severity: Severity,
    /// The file, relative to the site root where possible.
    pub path: PathBuf,
    /// 1-based line, or 0 when the problem concerns the whole file.
    pub line: usize,
    /// 1-based column in characters, or 0 when unknown.
    pub column: usize,
    /// What went wrong, in a sentence.
    pub message: String,
    /// What to do about it, when Hearth can tell.
    pub help: Option<String>,
    /// The text of the offending line, shown under the message.
    pub snippet: Option<String>,
}

impl Error {
    /// A new error about a whole file.
    pub fn new(kind: ErrorKind, path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Error {
            kind,
            severity: Severity::Error,
            path: path.into(),
            line: 0,
            column: 0,
            message: message.into(),
            help: None,
            snippet: None,
        }
    }

    /// Points the error at a line and column, taking the snippet from `index`.
    pub(crate) fn at(mut self, index: &LineIndex, line: usize, column: usize) -> Self {
        self.line = line;
        self.column = column;
        self.snippet = index.line_text(line).map(str::to_string);
        self
    }

    /// Points the error at a byte offset of the text behind `index`.
    pub(crate) fn at_offset(self, index: &LineIndex, offset: usize) -> Self {
        let (line, column) = index.locate(offset);
        self.at(index, line, column)
    }

    /// Adds advice on what to do.
    pub(crate) fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Turns the error into a warning.
    pub(crate) fn warning(mut self) -> Self {
        self.severity = Severity::Warning;
        self
    }

    /// True when this stops the build.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// Wraps an I/O failure, naming the path and what Hearth was doing.
    pub fn io(path: &Path, doing: &str, error: &std::io::Error) -> Self {
        Error::new(ErrorKind::Io, path, format!("could not {doing}: {error}"))
    }

    fn sort_key(&self) -> (&Path, usize, usize, Severity) {
        (&self.path, self.line, self.column, self.severity)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let path = self.path.display();
        match (self.line, self.column) {
            (0, _) => write!(f, "{path}: {label}: {}", self.message)?,
            (line, 0) => write!(f, "{path}:{line}: {label}: {}", self.message)?,
            (line, column) => write!(f, "{path}:{line}:{column}: {label}: {}", self.message)?,
        }
        if let Some(snippet) = &self.snippet {
            write_snippet(f, self.line, self.column, snippet)?;
        }
        if let Some(help) = &self.help {
            write!(f, "\n  = help: {help}")?;
        }
        Ok(())
    }
}

fn write_snippet(
    f: &mut fmt::Formatter<'_>,
    line: usize,
    column: usize,
    text: &str,
) -> fmt::Result {
    let number = line.to_string();
    let gutter = " ".repeat(number.len());
    let shown: String = text.chars().take(200).collect();
    write!(f, "\n{gutter} |\n{number} | {shown}")?;
    if column > 0 {
        let pad: String = text
            .chars()
            .take(column - 1)
            .map(|c| if c == '\t' { '\t' } else { ' ' })
            .collect();
        write!(f, "\n{gutter} | {pad}^")?;
    }
    Ok(())
}

impl std::error::Error for Error {}

/// Every problem found in one run: errors and warnings, in the order found.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics {
    items: Vec<Error>,
}

impl Diagnostics {
    /// An empty collection.
    pub fn new() -> Self {
        Self::default()
    }

    /// Records one problem.
    pub(crate) fn push(&mut self, error: Error) {
        self.items.push(error);
    }

    /// Records many problems.
    pub(crate) fn extend(&mut self, errors: impl IntoIterator<Item = Error>) {
        self.items.extend(errors);
    }

    /// Takes the value of a result, recording its error.
    pub(crate) fn take<T>(&mut self, result: Result<T, Error>) -> Option<T> {
        result.map_err(|error| self.push(error)).ok()
    }

    /// Takes the value of a result, recording all its errors.
    pub(crate) fn take_all<T>(&mut self, result: Result<T, Vec<Error>>) -> Option<T> {
        result.map_err(|errors| self.extend(errors)).ok()
    }

    /// True when at least one problem is an error.
    pub fn has_errors(&self) -> bool {
        self.items.iter().any(Error::is_error)
    }

    /// Number of errors, each counted once however often it was found,
    /// as [`Diagnostics::report`] counts them.
    pub fn error_count(&self) -> usize {
        tally(&self.sorted()).0
    }

    /// All problems sorted by file, line and column, duplicates removed.
    pub fn sorted(&self) -> Vec<&Error> {
        let mut items: Vec<&Error> = self.items.iter().collect();
        items.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        items.dedup();
        items
    }

    /// All problems, unsorted.
    pub fn iter(&self) -> impl Iterator<Item = &Error> {
        self.items.iter()
    }

    /// Turns every warning into an error, for `--strict`.
    pub(crate) fn make_strict(&mut self) {
        for item in &mut self.items {
            item.severity = Severity::Error;
        }
    }

    /// Renders every problem followed by a count, as the command line shows them.
    pub fn report(&self) -> String {
        let mut out = String::new();
        let items = self.sorted();
        for item in &items {
            out.push_str(&item.to_string());
            out.push_str("\n\n");
        }
        let (errors, warnings) = tally(&items);
        if errors + warnings > 0 {
            out.push_str(&format!(
                "{} {}, {} {}\n",
                errors,
                plural(errors, "error", "errors"),
                warnings,
                plural(warnings, "warning", "warnings")
            ));
        }
        out
    }
}

/// How many of `items` are errors, and how many warnings.
fn tally(items: &[&Error]) -> (usize, usize) {
    let errors = items.iter().filter(|e| e.is_error()).count();
    (errors, items.len() - errors)
}

fn plural<'a>(count: usize, one: &'a str, many: &'a str) -> &'a str {
    if count == 1 {
        one
    } else {
        many
    }
}

/// Maps byte offsets of a text to 1-based lines and columns.
#[derive(Debug, Clone)]
pub(crate) struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    /// Indexes the line starts of `text`.
    pub fn new(text: &'a str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { text, starts }
    }

    /// The 1-based line and character column of a byte offset.
    pub(crate) fn locate(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line = self.starts.partition_point(|&start| start <= offset);
        let start = self.starts[line - 1];
        let column = self
            .text
            .get(start..offset)
            .map_or(1, |prefix| prefix.chars().count() + 1);
        (line, column)
    }

    /// The byte offset where a 1-based line starts.
    pub(crate) fn line_start(&self, line: usize) -> Option<usize> {
        self.starts.get(line.checked_sub(1)?).copied()
    }

    /// The text of a 1-based line, without its line ending.
    pub(crate) fn line_text(&self, line: usize) -> Option<&'a str> {
        let start = self.line_start(line)?;
        let end = self.starts.get(line).map_or(self.text.len(), |&s| s - 1);
        self.text
            .get(start..end)
            .map(|s| s.strip_suffix('\r').unwrap_or(s))
    }
}

/// Which check found a problem.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Rule {
    /// An image without alt text.
    ImageAlt,
    /// A link with no text a screen reader could announce.
    EmptyLink,
    /// A heading that skips a level (a level 4 straight after a level 2).
    HeadingSkip,
    /// Link text that means nothing out of context, or a bare web address.
    LinkText,
    /// A table whose header row is empty, or an HTML table with no header cells.
    TableHeader,
    /// A page without a description.
    Description,
    /// A passage in another language that nothing marks as such.
    Language,
    /// A review date that falls within the warning window.
    ReviewDue,
    /// A brief still marked current although it names a successor, or
    /// replaced by a brief that is not current.
    SupersededBrief,
    /// An accessibility statement not reviewed in the last 12 months.
    StatementReview,
    /// A page whose reading age is above the site's target.
    ReadingAge,
    /// A sentence longer than the site's limit.
    LongSentence,
    /// A word or phrase from the list of words to avoid.
    Jargon,
    /// An acronym used before it is spelled out.
    Acronym,
    /// A link to another site that does not answer, or answers with an error.
    ExternalLink,
    /// A link written as a site path (`/contact/`) that leads to nothing
    /// the build publishes.
    SiteLink,
    /// A source image over 5 MB or over 4000 pixels wide.
    LargeImage,
    /// Example text from `hearth new`, still to replace.
    Placeholder,
    /// A page without its counterpart in one of the site's languages.
    Counterpart,
    /// A counterpart changed before its pair.
    StaleCounterpart,
    /// A link to a page in another language that has a version in the
    /// page's own language.
    CrossLanguageLink,
}

impl Rule {
    /// Every rule, in the order the summary lists them.
    pub const ALL: [Rule; 21] = [
        Rule::Placeholder,
        Rule::ImageAlt,
        Rule::EmptyLink,
        Rule::HeadingSkip,
        Rule::LinkText,
        Rule::TableHeader,
        Rule::Description,
        Rule::Language,
        Rule::ReviewDue,
        Rule::SupersededBrief,
        Rule::StatementReview,
        Rule::ReadingAge,
        Rule::LongSentence,
        Rule::Jargon,
        Rule::Acronym,
        Rule::SiteLink,
        Rule::LargeImage,
        Rule::ExternalLink,
        Rule::Counterpart,
        Rule::StaleCounterpart,
        Rule::CrossLanguageLink,
    ];

    /// The stable name used in reports and JSON, such as `image-alt`.
    pub fn name(self) -> &'static str {
        match self {
            Rule::ImageAlt => "image-alt",
            Rule::EmptyLink => "empty-link",
            Rule::HeadingSkip => "heading-skip",
            Rule::LinkText => "link-text",
            Rule::TableHeader => "table-header",
            Rule::Description => "description",
            Rule::Language => "language",
            Rule::ReviewDue => "review-due",
            Rule::SupersededBrief => "superseded-brief",
            Rule::StatementReview => "statement-review",
            Rule::ReadingAge => "reading-age",
            Rule::LongSentence => "long-sentence",
            Rule::Jargon => "jargon",
            Rule::Acronym => "acronym",
            Rule::ExternalLink => "external-link",
            Rule::SiteLink => "site-link",
            Rule::LargeImage => "large-image",
            Rule::Placeholder => "placeholder",
            Rule::Counterpart => "counterpart",
            Rule::StaleCounterpart => "stale-counterpart",
            Rule::CrossLanguageLink => "cross-language-link",
        }
    }

    /// How serious its findings are: errors stop `hearth build`.
    pub fn severity(self) -> Severity {
        match self {
            Rule::ImageAlt | Rule::EmptyLink => Severity::Error,
            _ => Severity::Warning,
        }
    }
}

/// The closest of `candidates` to `name`, when it is close enough to be a typo.
pub(crate) fn suggest<'a>(
    name: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<String> {
    candidates
        .into_iter()
        .map(|candidate| (strsim::jaro_winkler(name, candidate), candidate))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, candidate)| candidate.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locate_counts_lines_and_characters() {
        let index = LineIndex::new("ab\ncdé f\n");
        assert_eq!(index.locate(0), (1, 1));
        assert_eq!(index.locate(3), (2, 1));
        assert_eq!(index.locate(7), (2, 4));
        assert_eq!(index.line_text(2), Some("cdé f"));
        assert_eq!(index.line_text(9), None);
    }

    #[test]
    fn display_shows_location_snippet_and_caret() {
        let text = "---\ntitle: [\n---\n";
        let index = LineIndex::new(text);
        let error = Error::new(ErrorKind::Yaml, "content/a.md", "bad")
            .at(&index, 2, 8)
            .with_help("close the list");
        let shown = error.to_string();
        assert_eq!(
            shown,
            "content/a.md:2:8: error: bad\n  |\n2 | title: [\n  |        ^\n  = help: close the list"
        );
    }

    #[test]
    fn report_sorts_and_counts() {
        let mut diagnostics = Diagnostics::new();
        diagnostics.push(Error::new(ErrorKind::Io, "b.md", "two"));
        diagnostics.push(Error::new(ErrorKind::Io, "a.md", "one").warning());
        let report = diagnostics.report();
        assert!(report.starts_with("a.md: warning: one"));
        assert!(report.ends_with("1 error, 1 warning\n"));
        // A problem found twice is shown and counted once.
        diagnostics.push(Error::new(ErrorKind::Io, "a.md", "one").warning());
        assert_eq!(diagnostics.report().matches("warning: one").count(), 1);
        assert!(diagnostics.report().ends_with("1 error, 1 warning\n"));
        diagnostics.make_strict();
        assert_eq!(diagnostics.error_count(), 2);
    }
}
