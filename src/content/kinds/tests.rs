use super::*;
use crate::content::front_matter;

fn page(text: &str) -> Page {
    let parsed = front_matter::parse(text, "content/x.md", &["audiences"]).expect("parses");
    Page {
        path: "x.md".into(),
        shown: "content/x.md".into(),
        text: text.into(),
        body_start: parsed.body_start,
        is_section: false,
        front: parsed.front,
        keys: parsed.keys,
        taxonomies: parsed.taxonomies,
        left_out: parsed.left_out,
        kept: Default::default(),
    }
}

fn problems(text: &str, inherited: Option<&str>) -> Vec<(ErrorKind, usize, bool)> {
    let (_, errors) = page_kind(&page(text), inherited);
    errors
        .iter()
        .map(|e| (e.kind, e.line, e.is_error()))
        .collect()
}

#[test]
fn durations_parse_in_common_forms() {
    assert_eq!(parse_duration("90 minutes"), Some(90));
    assert_eq!(parse_duration("2 hours"), Some(120));
    assert_eq!(parse_duration("1 hour 30 minutes"), Some(90));
    assert_eq!(parse_duration("1h30m"), Some(90));
    assert_eq!(parse_duration("1.5 hours"), Some(90));
    assert_eq!(parse_duration("2 hours and 15 mins"), Some(135));
    assert_eq!(parse_duration("a while"), None);
    assert_eq!(parse_duration("90"), None);
}

#[test]
fn module_inherits_its_kind_and_needs_duration_and_outcomes() {
    let found = problems("---\ntitle: M\n---\n", Some("module"));
    assert_eq!(
        found,
        vec![
            (ErrorKind::MissingField, 1, true),
            (ErrorKind::MissingField, 1, true)
        ]
    );
}

#[test]
fn brief_recommendations_must_not_be_empty() {
    let text = "---\ntitle: B\ntype: brief\nsummary: s\nrecommendations: []\nversion: 1.0\nstatus: current\nreview_due: 2027-01-01\n---\n";
    assert_eq!(
        problems(text, None),
        vec![(ErrorKind::InvalidValue, 5, true)]
    );
}

#[test]
fn wrong_status_points_at_its_line_with_a_suggestion() {
    let text = "---\ntitle: C\nnumber: 3\nsector: Unions\nasks: a\nstatus: acheived\n---\n";
    let (_, errors) = page_kind(&page(text), Some("commitment"));
    assert_eq!(errors.len(), 1);
    assert_eq!(
        (errors[0].kind, errors[0].line, errors[0].column),
        (ErrorKind::InvalidValue, 6, 9)
    );
    assert_eq!(errors[0].help.as_deref(), Some("did you mean `achieved`?"));
}

#[test]
fn bad_dates_and_durations_are_errors_at_the_value() {
    let text = "---\ntitle: P\nreview_due:  \"next year\"\nduration: a while\n---\n";
    let (_, errors) = page_kind(&page(text), Some("module"));
    let places: Vec<_> = errors
        .iter()
        .filter(|e| e.kind == ErrorKind::InvalidValue)
        .map(|e| (e.line, e.column))
        .collect();
    assert_eq!(places, [(3, 15), (4, 11)], "{errors:?}");
}

#[test]
fn a_date_in_another_form_is_given_back_year_first() {
    let text = "---\ntitle: P\ndate: 25/11/2026\nupdated: 3rd Dec 2026\n---\n";
    let (_, errors) = page_kind(&page(text), None);
    let helps: Vec<_> = errors.iter().map(|e| e.help.as_deref()).collect();
    assert_eq!(
        helps,
        [
            Some("write dates year first: 2026-11-25 for 25 November 2026"),
            Some("write dates year first: 2026-12-03 for 3 December 2026")
        ]
    );
}

#[test]
fn a_date_with_a_time_counts_as_its_date() {
    // As Hugo writes dates: the time and zone do not move the day.
    let text = "---\ntitle: P\ndate: 2024-01-15T23:30:00-05:00\nupdated: 2024-02-01 09:00\n---\n";
    let page = page(text);
    assert_eq!(
        page.front.date.as_ref().map(|t| t.0.as_str()),
        Some("2024-01-15")
    );
    assert_eq!(
        page.front.updated.as_ref().map(|t| t.0.as_str()),
        Some("2024-02-01")
    );
    let (_, errors) = page_kind(&page, None);
    assert!(errors.is_empty(), "{errors:?}");
}

#[test]
fn dates_out_of_order_warn_at_the_later_one() {
    let text = "---\ntitle: P\ndate: 2026-03-01\nupdated: 2025-03-02\nlast_reviewed: 2026-05-01\nreview_due: 2026-01-01\n---\n";
    let (_, errors) = page_kind(&page(text), None);
    let found: Vec<_> = errors
        .iter()
        .map(|e| (e.is_error(), e.line, e.column, e.message.as_str()))
        .collect();
    assert_eq!(
        found,
        [
            (
                false,
                4,
                10,
                "`updated` (2 March 2025) comes before `date` (1 March 2026)"
            ),
            (
                false,
                6,
                13,
                "`review_due` (1 January 2026) comes before `last_reviewed` (1 May 2026)"
            ),
        ]
    );
    let fine =
        "---\ntitle: P\ndate: 2026-03-01\nupdated: 2026-03-01\nreview_due: 2027-01-01\n---\n";
    assert!(page_kind(&page(fine), None).1.is_empty());
}

#[test]
fn fields_of_another_kind_warn() {
    assert_eq!(
        problems("---\ntitle: P\nsector: Schools\n---\n", None),
        vec![(ErrorKind::UnknownKey, 3, false)]
    );
}

#[test]
fn superseded_brief_needs_its_successor() {
    let text = "---\ntitle: B\ntype: brief\nsummary: s\nrecommendations: [r]\nversion: 1\nstatus: superseded\nreview_due: 2027-01-01\n---\n";
    assert_eq!(
        problems(text, None),
        vec![(ErrorKind::MissingField, 7, true)]
    );
}

#[test]
fn course_section_kind_reads_delivery_labels() {
    let text = "---\ntitle: C\ntype: course\nsummary: s\ndelivery: [online, in person]\noutcomes: [o]\n---\n";
    let (kind, errors) = section_kind(&page(text));
    assert!(errors.is_empty(), "{errors:?}");
    let SectionKind::Course(course) = kind else {
        panic!("not a course")
    };
    assert_eq!(course.delivery, ["Online", "In person"]);
    assert_eq!(course.duration, None);
}

#[test]
fn a_kept_kind_is_worked_out_again_under_another_section_kind() {
    let page = page("---\ntitle: Hello\n---\nBody.\n");
    let (as_module, module_problems) = kept_page_kind(&page, Some("module"));
    assert!(matches!(as_module, Kind::Module(_)));
    assert!(!module_problems.is_empty(), "a module needs a duration");
    // The section is no longer a course: the same page is a plain page.
    let (plain, plain_problems) = kept_page_kind(&page, None);
    assert_eq!(plain, Kind::Page);
    assert!(plain_problems.is_empty());
    // And under a course again, the kept kind is the one worked out.
    assert_eq!(kept_page_kind(&page, Some("module")).1, module_problems);
}
