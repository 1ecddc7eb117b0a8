use super::*;

fn source(language: &str, text: &str) -> CatalogueSource {
    CatalogueSource {
        language: language.to_string(),
        text: text.to_string(),
        shown: format!("i18n/{language}.ftl"),
    }
}

fn catalogues(sources: &[CatalogueSource]) -> Catalogues {
    load(sources, "en-GB", &["en-GB", "cy"]).expect("the catalogues read")
}

#[test]
fn welsh_plurals_take_six_forms() {
    let text =
        "pages = { $count ->\n [zero] z\n [one] o\n [two] t\n [few] f\n [many] m\n *[other] x\n}\n";
    let all = catalogues(&[source("en", "pages = p\n"), source("cy", text)]);
    let welsh = all.translator("cy");
    let forms: Vec<String> = [0.0, 1.0, 2.0, 3.0, 6.0, 4.0]
        .iter()
        .map(|&n| {
            welsh
                .text("pages", &[("count", Arg::Number(n))])
                .expect("a string")
        })
        .collect();
    assert_eq!(forms, ["z", "o", "t", "f", "m", "x"]);
}

#[test]
fn a_missing_string_falls_back_to_the_default_language() {
    let all = catalogues(&[
        source("en", "hello = Hello\nbye = Goodbye\n"),
        source("cy", "hello = Helo\n"),
    ]);
    let welsh = all.translator("cy");
    assert_eq!(welsh.text("hello", &[]).as_deref(), Some("Helo"));
    assert_eq!(welsh.text("bye", &[]).as_deref(), Some("Goodbye"));
    assert_eq!(welsh.text("nowhere", &[]), None);
    assert_eq!(all.missing("cy"), ["bye"]);
}

#[test]
fn a_later_catalogue_changes_single_strings() {
    let all = catalogues(&[
        source("en", "hello = Hello\nbye = Goodbye\n"),
        source("en", "hello = Hi\n"),
    ]);
    let english = all.translator("en-GB");
    assert_eq!(english.text("hello", &[]).as_deref(), Some("Hi"));
    assert_eq!(english.text("bye", &[]).as_deref(), Some("Goodbye"));
}

#[test]
fn a_syntax_error_is_placed_at_its_line_and_column() {
    let errors = load(
        &[source("cy", "hello = Helo\nbroken = { $count ]\n")],
        "en-GB",
        &["en-GB", "cy"],
    )
    .expect_err("the catalogue is broken");
    assert_eq!(errors[0].kind, ErrorKind::Catalogue);
    assert_eq!(errors[0].path, std::path::Path::new("i18n/cy.ftl"));
    assert_eq!(errors[0].line, 2);
    assert!(errors[0].column > 10);
}

#[test]
fn dates_are_written_in_the_language() {
    let all = catalogues(&[
        source(
            "en",
            "date = { $day } { $month ->\n [3] March\n *[other] other\n} { $year }\n",
        ),
        source(
            "cy",
            "date = { $day } { $month ->\n [3] Mawrth\n *[other] arall\n} { $year }\n",
        ),
    ]);
    let date = chrono::NaiveDate::from_ymd_opt(2026, 3, 3).expect("a date");
    assert_eq!(all.translator("cy").date(date), "3 Mawrth 2026");
    assert_eq!(all.translator("en-GB").date(date), "3 March 2026");
}

#[test]
fn durations_take_each_part_in_its_plural_form() {
    let english = "hours = { $count ->\n [one] { $count } hour\n *[other] { $count } hours\n}\n\
                   minutes = { $count ->\n [one] { $count } minute\n *[other] { $count } minutes\n}\n\
                   duration-hours-minutes = { $hours } { $minutes }\n";
    let welsh = "hours = { $count } awr\n\
                 minutes = { $count ->\n [two] { $count } funud\n *[other] { $count } munud\n}\n\
                 duration-hours-minutes = { $hours } a { $minutes }\n";
    let all = catalogues(&[source("en", english), source("cy", welsh)]);
    let shown = |language: &str, minutes: u32| all.translator(language).duration(minutes);
    assert_eq!(shown("en-GB", 150), "2 hours 30 minutes");
    assert_eq!(shown("en-GB", 61), "1 hour 1 minute");
    assert_eq!(shown("en-GB", 0), "0 minutes");
    assert_eq!(shown("cy", 150), "2 awr a 30 munud");
    assert_eq!(shown("cy", 2), "2 funud");
    assert_eq!(shown("cy", 120), "2 awr");
}
