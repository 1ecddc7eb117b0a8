use super::*;

const TAXONOMIES: &[&str] = &["topics", "audiences"];

fn parse_ok(text: &str) -> Parsed {
    parse(text, "content/a.md", TAXONOMIES).expect("front matter should parse")
}

fn parse_err(text: &str) -> Error {
    let errors = parse_errors(text);
    assert_eq!(errors.len(), 1, "one error expected: {errors:?}");
    errors.into_iter().next().expect("one error")
}

/// The errors of a front matter: those that stop the page being read, or
/// those of entries left out of a page that is still read.
fn parse_errors(text: &str) -> Vec<Error> {
    match parse(text, "content/a.md", TAXONOMIES) {
        Err(errors) => errors,
        Ok(parsed) => {
            let errors: Vec<Error> = parsed
                .problems
                .into_iter()
                .filter(Error::is_error)
                .collect();
            assert!(!errors.is_empty(), "front matter should have errors");
            errors
        }
    }
}

#[test]
fn splits_front_matter_from_body() {
    let parsed = parse_ok("---\ntitle: Hello\nweight: 3\n---\nBody\n");
    assert_eq!(parsed.front.title.as_deref(), Some("Hello"));
    assert_eq!(parsed.front.weight, Some(3));
    assert_eq!(
        parsed.body_start,
        "---\ntitle: Hello\nweight: 3\n---\n".len()
    );
}

#[test]
fn numbers_and_dates_are_read_as_text() {
    let parsed = parse_ok("---\ntitle: A\nversion: 1.0\ndate: 2026-03-01\n---\n");
    assert_eq!(parsed.front.version, Some(Text("1".into())));
    assert_eq!(parsed.front.date, Some(Text("2026-03-01".into())));
}

#[test]
fn taxonomies_are_read_by_name() {
    let parsed = parse_ok("---\ntitle: A\ntopics: [grief, carers]\naudiences: public\n---\n");
    assert_eq!(parsed.taxonomies["topics"], vec!["grief", "carers"]);
    assert_eq!(parsed.taxonomies["audiences"], vec!["public"]);
}

#[test]
fn terms_with_no_address_are_warned_about_where_written() {
    let parsed =
        parse_ok("---\ntitle: A\ntopics: [grief]\naudiences: [carers, \"!!!\", \"\"]\n---\n");
    let found: Vec<_> = parsed
        .problems
        .iter()
        .map(|w| (w.is_error(), w.line, w.column, w.message.as_str()))
        .collect();
    assert_eq!(
        found,
        [
            (false, 4, 22, "the term `!!!` in `audiences` has no letter or digit to make its address from, so it is left out"),
            (false, 4, 28, "an empty term in `audiences` is left out"),
        ]
    );
    let parsed = parse_ok("---\ntitle: A\ntopics:\n  - grief\n  - ''\n---\n");
    let places: Vec<_> = parsed.problems.iter().map(|w| (w.line, w.column)).collect();
    assert_eq!(places, [(5, 5)]);
}

#[test]
fn each_blank_or_repeated_term_is_warned_about_at_its_own_place() {
    let parsed = parse_ok("---\ntitle: A\ntopics: [\"\", \"   \", \"!\", \"!\", \"\"]\n---\n");
    let places: Vec<_> = parsed.problems.iter().map(|w| (w.line, w.column)).collect();
    assert_eq!(places, [(3, 10), (3, 14), (3, 22), (3, 27), (3, 31)]);
}

#[test]
fn missing_title_is_an_error_at_the_top() {
    let error = parse_err("---\ndescription: x\n---\n");
    assert_eq!(
        (error.kind, error.line, error.column),
        (ErrorKind::MissingField, 1, 1)
    );
}

#[test]
fn wrong_type_points_at_the_field_line() {
    let error = parse_err("---\ntitle: A\nweight: heavy\n---\n");
    assert_eq!((error.kind, error.line), (ErrorKind::InvalidValue, 3));
}

#[test]
fn every_wrong_entry_is_reported_in_one_go() {
    let text = "---\ntitle: A\ntopics: 5\nweight: heavy\ndraft:\n  - yes\naudiences: {a: 1}\n---\n";
    let found: Vec<_> = parse_errors(text)
        .iter()
        .map(|e| (e.kind, e.line, e.column))
        .collect();
    // Each at its value (`5`, `heavy`, the list under `draft:`, the
    // mapping `{a: 1}`).
    assert_eq!(
        found,
        [
            (ErrorKind::InvalidValue, 3, 9),
            (ErrorKind::InvalidValue, 4, 9),
            (ErrorKind::InvalidValue, 6, 3),
            (ErrorKind::InvalidValue, 7, 12)
        ]
    );
}

#[test]
fn yaml_syntax_error_is_located_in_the_file() {
    let error = parse_err("---\ntitle: A\naliases: [unclosed\n---\n");
    assert_eq!(error.kind, ErrorKind::Yaml);
    // At the `[` that is never closed, on the file's line 3, with what to do.
    assert_eq!((error.line, error.column), (3, 10), "{error}");
    let apostrophe = parse_err("---\ntitle: 'Caring for someone who's dying'\n---\n");
    assert_eq!((apostrophe.line, apostrophe.column), (2, 8), "{apostrophe}");
    assert_eq!(
        apostrophe.help.as_deref(),
        Some("put the value in double quotes: title: \"Caring for someone who's dying\"")
    );
}

#[test]
fn unclosed_and_missing_front_matter() {
    assert_eq!(parse_err("---\ntitle: A\n").kind, ErrorKind::FrontMatter);
    assert_eq!(parse_err("# Just markdown\n").kind, ErrorKind::FrontMatter);
    assert_eq!(parse_err("").kind, ErrorKind::FrontMatter);
    let toml = parse_err("+++\ntitle = \"From Hugo\"\n+++\nText.\n");
    assert_eq!((toml.line, toml.column), (1, 1), "{toml}");
    assert!(
        toml.help
            .as_deref()
            .is_some_and(|h| h.contains("key: value")),
        "{toml}"
    );
}

#[test]
fn unknown_keys_warn_with_a_suggestion_and_typos_are_errors() {
    let parsed = parse_ok("---\ntitle: A\ndescripton: x\ntopic: [a]\ndescribe: y\n---\n");
    let found: Vec<_> = parsed
        .problems
        .iter()
        .map(|w| (w.line, w.is_error()))
        .collect();
    assert_eq!(found, vec![(3, true), (4, true), (5, false)]);
    assert_eq!(
        parsed.problems[2].help.as_deref(),
        Some("did you mean `description`?")
    );
}

#[test]
fn a_scalar_document_is_not_front_matter() {
    let error = parse_err("---\njust words\n---\n");
    assert_eq!(error.kind, ErrorKind::InvalidValue);
    assert_eq!(error.line, 2);
}

#[test]
fn a_mistyped_scalar_or_list_is_an_error_at_its_own_value() {
    for (line, expected) in [
        (
            "version: [1]",
            "`version` must be text on one line, not a list or `name: value` lines",
        ),
        (
            "delivery: {a: 1}",
            "`delivery` must be a word or a list of words",
        ),
    ] {
        let errors = parse_errors(&format!("---\ntitle: A\ndescription: B\n{line}\n---\n"));
        let found: Vec<_> = errors
            .iter()
            .map(|e| (e.line, e.column, e.message.as_str()))
            .collect();
        let column = line.find(": ").expect("a key") + 3;
        assert_eq!(found, [(4, column, expected)], "{line}");
    }
    let parsed = parse_ok("---\ntitle: A\nversion: 2\ndelivery: [online, in person]\n---\n");
    assert_eq!(parsed.front.version.map(|v| v.0).as_deref(), Some("2"));
    assert_eq!(
        parsed.front.delivery.map(|d| d.0),
        Some(vec!["online".to_string(), "in person".to_string()])
    );
}
