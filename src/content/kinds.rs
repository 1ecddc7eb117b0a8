//! Content kinds and their schemas: course, module, commitment, brief, page.
//!
//! Part of assembly: once a page's kind is known (its own `type:` or its
//! section's `page_type`), its front matter is checked against the kind's
//! schema here and turned into typed data. Every problem is an error at the
//! field's line; fields of another kind are warnings.

use chrono::NaiveDate;

use super::dates;
use super::front_matter::{FrontMatter, LinkItem, Reference, Text};
use super::Page;
use crate::error::{Error, ErrorKind};

/// A page's kind, with the data its schema requires.
#[derive(Debug, Clone, PartialEq)]
pub enum Kind {
    /// An ordinary page.
    Page,
    /// One step of a course.
    Module(Module),
    /// A charter commitment.
    Commitment(Commitment),
    /// A policy brief, evaluation report, guide or plan.
    Brief(Brief),
}

/// A section's kind.
#[derive(Debug, Clone, PartialEq)]
pub enum SectionKind {
    /// An ordinary section.
    Section,
    /// A course, whose pages are modules.
    Course(Course),
    /// The charter overview, whose pages are commitments.
    Charter,
}

impl SectionKind {
    /// Whether the section is a course.
    pub(crate) fn is_course(&self) -> bool {
        matches!(self, SectionKind::Course(_))
    }
}

/// A course (a section with `type: course`).
#[derive(Debug, Clone, PartialEq)]
pub struct Course {
    /// Short summary.
    pub summary: String,
    /// How it is delivered: online, in-person, self-paced.
    pub delivery: Vec<String>,
    /// When it runs.
    pub schedule: Option<String>,
    /// Total duration in minutes, when the author gave it.
    pub duration: Option<u32>,
    /// Learning outcomes.
    pub outcomes: Vec<String>,
}

/// One module of a course.
#[derive(Debug, Clone, PartialEq)]
pub struct Module {
    /// Duration in minutes.
    pub duration: u32,
    /// Learning outcomes.
    pub outcomes: Vec<String>,
    /// Whether the body has a `::: objectives` block, which shows the
    /// outcomes in the page itself.
    pub has_objectives_block: bool,
    /// Whether the description is the body's `::: questions` list, which
    /// the page shows itself.
    pub is_description_from_questions: bool,
    /// What to know or do first.
    pub prerequisites: Vec<String>,
    /// Further resources.
    pub resources: Vec<LinkItem>,
}

/// Progress on a commitment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Progress {
    /// Not started.
    NotStarted,
    /// In progress.
    InProgress,
    /// Achieved.
    Achieved,
}

impl Progress {
    /// The value written in front matter.
    pub(crate) fn key(self) -> &'static str {
        match self {
            Progress::NotStarted => "not-started",
            Progress::InProgress => "in-progress",
            Progress::Achieved => "achieved",
        }
    }

    /// The label readers see.
    pub(crate) fn label(self) -> &'static str {
        match self {
            Progress::NotStarted => "Not started",
            Progress::InProgress => "In progress",
            Progress::Achieved => "Achieved",
        }
    }
}

/// A charter commitment.
#[derive(Debug, Clone, PartialEq)]
pub struct Commitment {
    /// Its number in the charter.
    pub number: u32,
    /// The sector it concerns.
    pub sector: String,
    /// What it asks of a town.
    pub asks: String,
    /// Suggested actions.
    pub actions: Vec<String>,
    /// The site's own progress.
    pub status: Progress,
    /// When the status was set.
    pub status_date: Option<NaiveDate>,
    /// Links showing progress.
    pub evidence: Vec<LinkItem>,
}

/// Where a brief stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BriefStatus {
    /// Not yet approved.
    Draft,
    /// In force.
    Current,
    /// Replaced by a newer brief.
    Superseded,
}

impl BriefStatus {
    /// The value written in front matter.
    pub(crate) fn key(self) -> &'static str {
        match self {
            BriefStatus::Draft => "draft",
            BriefStatus::Current => "current",
            BriefStatus::Superseded => "superseded",
        }
    }

    /// The label readers see.
    pub(crate) fn label(self) -> &'static str {
        match self {
            BriefStatus::Draft => "Draft",
            BriefStatus::Current => "Current",
            BriefStatus::Superseded => "Superseded",
        }
    }
}

/// A brief with its document control.
#[derive(Debug, Clone, PartialEq)]
pub struct Brief {
    /// Label: Policy brief, Evaluation report, Project plan, Guide.
    pub document_type: &'static str,
    /// Short summary.
    pub summary: String,
    /// Key recommendations, as markdown.
    pub recommendations: Vec<String>,
    /// Works cited.
    pub references: Vec<Reference>,
    /// Version.
    pub version: String,
    /// Status.
    pub status: BriefStatus,
    /// Who approved it.
    pub approved_by: Option<String>,
    /// When.
    pub approved_on: Option<NaiveDate>,
    /// Who owns it.
    pub owner: Option<String>,
    /// When it was published.
    pub published: Option<NaiveDate>,
    /// The brief that replaces it (`@/` path).
    pub superseded_by: Option<String>,
}

const DOCUMENT_TYPES: &[(&str, &str)] = &[
    ("policy brief", "Policy brief"),
    ("evaluation report", "Evaluation report"),
    ("project plan", "Project plan"),
    ("guide", "Guide"),
];

/// Problems found while checking one page against its kind.
struct Checker<'p> {
    page: &'p Page,
    errors: Vec<Error>,
}

impl<'p> Checker<'p> {
    fn new(page: &'p Page) -> Self {
        Checker {
            page,
            errors: Vec::new(),
        }
    }

    fn front(&self) -> &'p FrontMatter {
        &self.page.front
    }

    fn error(&mut self, kind: ErrorKind, field: &str, message: String, help: &str) {
        let index = self.page.line_index();
        let line = self.page.key_line(field);
        let error = Error::new(kind, &self.page.shown, message)
            .at(&index, line, 1)
            .with_help(help);
        self.errors.push(error);
    }

    /// An error about the value `value` of `field`, at the value.
    fn value_error(&mut self, field: &str, value: &str, message: String, help: &str) {
        let index = self.page.line_index();
        let (line, column) = self.page.value_place(field, value.trim());
        let error = Error::new(ErrorKind::InvalidValue, &self.page.shown, message)
            .at(&index, line, column)
            .with_help(help);
        self.errors.push(error);
    }

    fn required<T: Clone>(&mut self, value: &Option<T>, field: &str, what: &str) -> Option<T> {
        // A value that could not be read is reported as such, not as missing.
        let is_left_out = self.page.left_out.iter().any(|key| key == field);
        let is_written = self.page.keys.iter().any(|key| key.name == field);
        if value.is_none() && is_written && !is_left_out {
            // `summary:` with nothing after it.
            self.empty_error(field);
        } else if value.is_none() && !is_left_out && !self.is_misspelt(field) {
            self.error(
                ErrorKind::MissingField,
                field,
                format!("{what} needs `{field}`"),
                &format!("add `{field}:` to the front matter"),
            );
        }
        value.clone()
    }

    /// An error at `field`, whose value is empty.
    fn empty_error(&mut self, field: &str) {
        let index = self.page.line_index();
        let (line, column) = self.page.field_place(field);
        let error = Error::new(
            ErrorKind::InvalidValue,
            &self.page.shown,
            format!("`{field}` is empty"),
        )
        .at(&index, line, column)
        .with_help(if super::schema::is_list(field) {
            format!("write each item on its own line below `{field}:`, starting with `- `")
        } else {
            format!("write the text after `{field}:`, on the same line")
        });
        self.errors.push(error);
    }

    /// An error at the first empty item of the list `field` (`- ""`).
    fn empty_item_error(&mut self, field: &str) {
        let front_matter = &self.page.text[..self.page.body_start];
        let place = ["\"\"", "''"]
            .iter()
            .find_map(|blank| {
                crate::yaml::places_in_block(front_matter, field, None, blank)
                    .first()
                    .copied()
            })
            .unwrap_or_else(|| self.page.field_place(field));
        let index = self.page.line_index();
        let error = Error::new(
            ErrorKind::InvalidValue,
            &self.page.shown,
            format!("an item of `{field}` is empty"),
        )
        .at(&index, place.0, place.1)
        .with_help("write the item's text after the `- `, or delete the line");
        self.errors.push(error);
    }

    /// A required text: an error when it is missing or empty.
    fn required_text(&mut self, value: &Option<String>, field: &str, what: &str) -> String {
        let text = self.required(value, field, what).unwrap_or_default();
        if value.as_ref().is_some_and(|text| text.trim().is_empty()) {
            self.empty_error(field);
        }
        text
    }

    /// Whether a key of the page is a typo of `field`, which is an error
    /// at the typo already.
    fn is_misspelt(&self, field: &str) -> bool {
        let taxonomies = self.page.taxonomies.keys().map(String::as_str);
        self.page.keys.iter().any(|key| {
            super::front_matter::meant_key(&key.name, taxonomies.clone()).as_deref() == Some(field)
        })
    }

    fn non_empty(&mut self, value: &Option<Vec<String>>, field: &str, what: &str) -> Vec<String> {
        let list = self.required(value, field, what).unwrap_or_default();
        if list.iter().any(|item| item.trim().is_empty()) {
            self.empty_item_error(field);
        } else if value.is_some() && list.is_empty() {
            self.error(
                ErrorKind::InvalidValue,
                field,
                format!("`{field}` must list at least one item"),
                &format!("write each item on its own line starting with `- ` under `{field}:`"),
            );
        }
        list
    }

    fn date(&mut self, value: &Option<Text>, field: &str) -> Option<NaiveDate> {
        let text = value.as_ref()?;
        let date = dates::parse(&text.0);
        if date.is_none() {
            self.value_error(
                field,
                &text.0,
                format!("`{field}` is `{}`, which is not a date", text.0),
                &dates::help(&text.0),
            );
        }
        date
    }

    /// A warning at `later` when it comes before `earlier`: a date typed
    /// with the wrong year, most likely, which would put a page's review
    /// out or its update before its publication.
    fn in_order(
        &mut self,
        (earlier, earlier_name): (Option<NaiveDate>, &str),
        (later, later_name): (Option<NaiveDate>, &str),
    ) {
        let (Some(earlier), Some(later)) = (earlier, later) else {
            return;
        };
        if later >= earlier {
            return;
        }
        let index = self.page.line_index();
        let (line, column) = self.page.field_place(later_name);
        self.errors.push(
            Error::new(
                ErrorKind::InvalidValue,
                &self.page.shown,
                format!(
                    "`{later_name}` ({}) comes before `{earlier_name}` ({})",
                    dates::display(later),
                    dates::display(earlier)
                ),
            )
            .at(&index, line, column)
            .with_help(format!(
                "check the year of both dates: `{later_name}` should be the later one"
            ))
            .warning(),
        );
    }

    fn choice<T: Copy>(
        &mut self,
        value: &Option<String>,
        field: &str,
        options: &[(&str, T)],
    ) -> Option<T> {
        let text = value.as_ref()?;
        let normal = |s: &str| s.trim().to_lowercase().replace([' ', '_'], "-");
        let wanted = normal(text);
        let found = options
            .iter()
            .find(|(key, _)| normal(key) == wanted)
            .map(|(_, v)| *v);
        if found.is_none() {
            let names: Vec<&str> = options.iter().map(|(key, _)| *key).collect();
            self.value_error(
                field,
                text,
                format!(
                    "`{field}` is `{text}`, which is not one of: {}",
                    names.join(", ")
                ),
                &match crate::yaml::suggest(&wanted, names.iter().copied()) {
                    Some(near) => format!("did you mean `{near}`?"),
                    None => format!("use one of: {}", names.join(", ")),
                },
            );
        }
        found
    }

    fn duration(&mut self, value: &Option<Text>, field: &str) -> Option<u32> {
        let text = value.as_ref()?;
        let minutes = parse_duration(&text.0);
        if minutes.is_none() {
            self.value_error(
                field,
                &text.0,
                format!("`{field}` is `{}`, which is not a duration", text.0),
                "write durations such as `90 minutes`, `2 hours` or `1 hour 30 minutes`",
            );
        }
        minutes
    }

    /// Warns about known keys that a page of `kind` (as the schema names
    /// kinds) does not use; `what` names the kind for the reader.
    fn unused_fields(&mut self, kind: &str, what: &str) {
        let keys = self.page.keys.clone();
        for key in keys {
            let name = key.name.as_str();
            let is_known = super::schema::known_keys().any(|known| known == name);
            if is_known && !super::schema::is_used_by(kind, name) {
                let index = self.page.line_index();
                let warning = Error::new(
                    ErrorKind::UnknownKey,
                    &self.page.shown,
                    format!("`{name}` is not used by {what}"),
                )
                .at(&index, key.line, key.column)
                .with_help("remove it, or set `type:` to the kind that uses it")
                .warning();
                self.errors.push(warning);
            }
        }
    }
}

/// Checks the common dates every kind may carry.
fn common(checker: &mut Checker) {
    let front = checker.front();
    let date = checker.date(&front.date, "date");
    let updated = checker.date(&front.updated, "updated");
    let last_reviewed = checker.date(&front.last_reviewed, "last_reviewed");
    let review_due = checker.date(&front.review_due, "review_due");
    checker.in_order((date, "date"), (updated, "updated"));
    checker.in_order((last_reviewed, "last_reviewed"), (review_due, "review_due"));
    checker.choice(
        &front.sort_by,
        "sort_by",
        &[("weight", ()), ("date", ()), ("title", ())],
    );
}

/// The kind of a section and its data.
pub(crate) fn section_kind(page: &Page) -> (SectionKind, Vec<Error>) {
    let mut checker = Checker::new(page);
    common(&mut checker);
    let front = checker.front();
    let kind = section_kind_named(&mut checker, front.kind.as_deref().map(str::trim));
    let (schema_kind, what) = match kind {
        SectionKind::Course(_) => ("course", "a course"),
        _ => ("section", "a section"),
    };
    checker.unused_fields(schema_kind, what);
    if let Some(page_type) = &front.page_type {
        if !["page", "module", "commitment", "brief"].contains(&page_type.trim()) {
            checker.error(
                ErrorKind::InvalidValue,
                "page_type",
                format!("`page_type: {page_type}` is not a kind of page"),
                "use one of: page, module, commitment, brief",
            );
        }
    }
    (kind, checker.errors)
}

/// The section kind a `type:` names, with its data; an error for a name
/// that is no kind of section, which is then a plain section.
fn section_kind_named(checker: &mut Checker, name: Option<&str>) -> SectionKind {
    match name {
        Some("course") => SectionKind::Course(course(checker)),
        Some("charter") => SectionKind::Charter,
        None | Some("section") | Some("page") => SectionKind::Section,
        Some(other) => {
            checker.error(
                ErrorKind::InvalidValue,
                "type",
                format!("`type: {other}` is not a kind of section"),
                "a section (_index.md) can be `course`, `charter` or `section`; set `page_type:` for the kind of its pages",
            );
            SectionKind::Section
        }
    }
}

/// The kind a section gives the pages in it that name none of their own:
/// its `page_type:`, else modules in a course and commitments in a
/// charter; `None` for plain pages.
pub(crate) fn inherited_page_kind(section: &FrontMatter) -> Option<&'static str> {
    match section.page_type.as_deref().map(str::trim) {
        Some("module") => Some("module"),
        Some("commitment") => Some("commitment"),
        Some("brief") => Some("brief"),
        Some("page") => Some("page"),
        _ => match section.kind.as_deref().map(str::trim) {
            Some("course") => Some("module"),
            Some("charter") => Some("commitment"),
            _ => None,
        },
    }
}

/// [`page_kind`], kept with the page for the next assembly.
pub(crate) fn kept_page_kind(page: &Page, inherited: Option<&'static str>) -> (Kind, Vec<Error>) {
    let (under, kept) = page
        .kept
        .kind
        .get_or_init(|| (inherited, page_kind(page, inherited)));
    if *under == inherited {
        kept.clone()
    } else {
        page_kind(page, inherited)
    }
}

/// The kind of a page and its data; `inherited` is the section's page kind.
pub(crate) fn page_kind(page: &Page, inherited: Option<&str>) -> (Kind, Vec<Error>) {
    let mut checker = Checker::new(page);
    common(&mut checker);
    let front = checker.front();
    let name = front
        .kind
        .as_deref()
        .map(str::trim)
        .or(inherited)
        .unwrap_or("page");
    let (kind, schema_kind, what) = page_kind_named(&mut checker, name);
    checker.unused_fields(schema_kind, what);
    (kind, checker.errors)
}

/// The page kind `name` names, with its data, its schema's name and how
/// messages name it; an error for a name that is no kind of page, which
/// is then a plain page.
fn page_kind_named(checker: &mut Checker, name: &str) -> (Kind, &'static str, &'static str) {
    match name {
        "page" => (Kind::Page, "page", "a page"),
        "module" => (Kind::Module(module(checker)), "module", "a module"),
        "commitment" => (
            Kind::Commitment(commitment(checker)),
            "commitment",
            "a commitment",
        ),
        "brief" => (Kind::Brief(brief(checker)), "brief", "a brief"),
        other => {
            checker.error(
                ErrorKind::InvalidValue,
                "type",
                format!("`type: {other}` is not a kind of page"),
                "use one of: page, module, commitment, brief",
            );
            (Kind::Page, "page", "a page")
        }
    }
}

fn course(checker: &mut Checker) -> Course {
    let front = checker.front();
    let what = "a course";
    let summary = checker.required_text(&front.summary, "summary", what);
    let delivery = checker
        .required(&front.delivery, "delivery", what)
        .unwrap_or_default()
        .0;
    let options = [
        ("online", "Online"),
        ("in-person", "In person"),
        ("self-paced", "Self-paced"),
    ];
    let delivery = delivery
        .iter()
        .filter_map(|way| checker.choice(&Some(way.clone()), "delivery", &options))
        .map(str::to_string)
        .collect();
    Course {
        summary,
        delivery,
        schedule: front.schedule.clone(),
        duration: checker.duration(&front.duration, "duration"),
        outcomes: checker.non_empty(&front.outcomes, "outcomes", what),
    }
}

fn module(checker: &mut Checker) -> Module {
    let front = checker.front();
    let what = "a module";
    let duration = match (&front.duration, lesson_minutes(checker)) {
        (None, Some(minutes)) => minutes,
        _ => {
            let duration = checker.required(&front.duration, "duration", what);
            checker.duration(&duration, "duration").unwrap_or(0)
        }
    };
    let objectives = super::lesson::block_items(checker.page.body(), "objectives");
    let outcomes = match (&front.outcomes, &objectives) {
        (None, Some(items)) if !items.is_empty() => items.clone(),
        _ => checker.non_empty(&front.outcomes, "outcomes", what),
    };
    let questions = super::lesson::block_items(checker.page.body(), "questions");
    let is_description_from_questions = questions
        .map(|items| items.join(" "))
        .is_some_and(|joined| front.description.as_deref() == Some(joined.as_str()));
    Module {
        duration,
        outcomes,
        has_objectives_block: objectives.is_some(),
        is_description_from_questions,
        prerequisites: front.prerequisites.clone(),
        resources: front.resources.clone(),
    }
}

/// A Carpentries lesson's `teaching:` plus `exercises:`, in minutes, when
/// either is given; each is a number of minutes or a duration.
fn lesson_minutes(checker: &mut Checker) -> Option<u32> {
    let front = checker.front();
    if front.teaching.is_none() && front.exercises.is_none() {
        return None;
    }
    let mut total = 0;
    for (value, field) in [
        (&front.teaching, "teaching"),
        (&front.exercises, "exercises"),
    ] {
        let Some(text) = value else { continue };
        let minutes = match text.0.trim().parse::<u32>() {
            Ok(minutes) => Some(minutes),
            Err(_) => checker.duration(value, field),
        };
        total += minutes.unwrap_or(0);
    }
    Some(total)
}

fn commitment(checker: &mut Checker) -> Commitment {
    let front = checker.front();
    let what = "a commitment";
    let statuses = [
        ("not-started", Progress::NotStarted),
        ("in-progress", Progress::InProgress),
        ("achieved", Progress::Achieved),
    ];
    let status = checker.required(&front.status, "status", what);
    Commitment {
        number: checker.required(&front.number, "number", what).unwrap_or(0),
        sector: checker.required_text(&front.sector, "sector", what),
        asks: checker.required_text(&front.asks, "asks", what),
        actions: front.actions.clone(),
        status: checker
            .choice(&status, "status", &statuses)
            .unwrap_or(Progress::NotStarted),
        status_date: checker.date(&front.status_date, "status_date"),
        evidence: front.evidence.clone(),
    }
}

fn brief(checker: &mut Checker) -> Brief {
    let front = checker.front();
    let what = "a brief";
    let status = brief_status(checker);
    let due = checker.required(&front.review_due, "review_due", what);
    checker.date(&due, "review_due");
    let document_type = document_type(checker);
    check_superseded(checker, status);
    check_reference_ids(checker, &front.references);
    Brief {
        document_type,
        summary: checker.required_text(&front.summary, "summary", what),
        recommendations: checker.non_empty(&front.recommendations, "recommendations", what),
        references: front.references.clone(),
        version: checker.required_text(&front.version.clone().map(|v| v.0), "version", what),
        status,
        approved_by: front.approved_by.clone(),
        approved_on: checker.date(&front.approved_on, "approved_on"),
        owner: front.owner.clone(),
        published: checker.date(&front.published, "published"),
        superseded_by: front.superseded_by.clone(),
    }
}

/// A brief's required `status:`, a draft when it is missing or unknown.
fn brief_status(checker: &mut Checker) -> BriefStatus {
    let statuses = [
        ("draft", BriefStatus::Draft),
        ("current", BriefStatus::Current),
        ("superseded", BriefStatus::Superseded),
    ];
    let status = checker.required(&checker.front().status, "status", "a brief");
    checker
        .choice(&status, "status", &statuses)
        .unwrap_or(BriefStatus::Draft)
}

/// A brief's `document_type:` as shown, a policy brief when not given.
fn document_type(checker: &mut Checker) -> &'static str {
    let front = checker.front();
    front
        .document_type
        .as_ref()
        .and_then(|_| checker.choice(&front.document_type, "document_type", DOCUMENT_TYPES))
        .unwrap_or("Policy brief")
}

/// A superseded brief must name the brief that replaces it.
fn check_superseded(checker: &mut Checker, status: BriefStatus) {
    if status == BriefStatus::Superseded && checker.front().superseded_by.is_none() {
        checker.error(
            ErrorKind::MissingField,
            "status",
            "a superseded brief needs `superseded_by`".to_string(),
            "add `superseded_by: \"@/briefs/newer-brief.md\"` naming the brief that replaces it",
        );
    }
}

fn check_reference_ids(checker: &mut Checker, references: &[Reference]) {
    let mut seen = std::collections::HashSet::new();
    for reference in references {
        if !seen.insert(reference.id.as_str()) {
            checker.error(
                ErrorKind::InvalidValue,
                "references",
                format!("two references have the id `{}`", reference.id),
                "give every reference its own id",
            );
        }
    }
}

/// Minutes in a duration such as `90 minutes`, `2 hours`, `1h 30m` or `1.5 hours`.
pub(crate) fn parse_duration(text: &str) -> Option<u32> {
    let spaced = text.to_lowercase().replace(',', " ").replace(" and ", " ");
    let mut total = 0.0;
    let mut number: Option<f64> = None;
    let mut any = false;
    for token in split_number_units(&spaced) {
        if let Ok(value) = token.parse::<f64>() {
            number = Some(value);
            continue;
        }
        let factor = match token.as_str() {
            "m" | "min" | "mins" | "minute" | "minutes" => 1.0,
            "h" | "hr" | "hrs" | "hour" | "hours" => 60.0,
            _ => return None,
        };
        total += number.take()? * factor;
        any = true;
    }
    (any && number.is_none() && total > 0.0 && total < 1.0e7).then_some(total.round() as u32)
}

fn split_number_units(text: &str) -> Vec<String> {
    let mut tokens: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut is_number = false;
    for c in text.chars() {
        let digit = c.is_ascii_digit() || c == '.';
        let is_break = c.is_whitespace() || digit != is_number;
        if is_break && !current.is_empty() {
            tokens.push(std::mem::take(&mut current));
        }
        if !c.is_whitespace() {
            is_number = digit;
            current.push(c);
        }
    }
    if !current.is_empty() {
        tokens.push(current);
    }
    tokens
}

#[cfg(test)]
mod tests;
