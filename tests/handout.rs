//! Course handouts: per module its outcomes, challenges without their
//! solutions and key points, at /courses/NAME/handout/.

mod common;

use common::TestSite;

const COURSE: &str = "---\ntitle: First steps\ntype: course\nsummary: A start.\naudiences: [carers]\ndelivery: online\noutcomes: [Listen well]\n---\nThe course.\n";

fn site() -> TestSite {
    TestSite::minimal()
        .file("content/courses/_index.md", "---\ntitle: Courses\n---\n")
        .file("content/courses/first/_index.md", COURSE)
        .file(
            "content/courses/first/01-listen.md",
            "---\ntitle: Listening\nduration: 1 hour\noutcomes: [Hear what is not said]\n---\nIntro text stays out.\n\n::: challenge\nWhat would you ask first?\n:::\n\n::: solution\nAsk how they are today.\n:::\n\n::: keypoints\n- Silence is fine.\n:::\n",
        )
        .file(
            "content/courses/first/02-talk.md",
            "---\ntitle: Talking\nduration: 1 hour\noutcomes: [Say little]\n---\nNo blocks here.\n",
        )
}

#[test]
fn a_handout_has_outcomes_challenges_and_key_points_but_no_solutions() {
    let site = site();
    site.build().assert_ok();
    let main = site.main_of("courses/first/handout/index.html");
    assert!(main.contains("Hear what is not said"), "{main}");
    assert!(main.contains("What would you ask first?"), "{main}");
    assert!(main.contains("Silence is fine."), "{main}");
    assert!(
        !main.contains("Ask how they are today."),
        "the solution is left out: {main}"
    );
    assert!(!main.contains("Intro text stays out."), "{main}");
    let listening = main.find("Listening").expect("module 1");
    let talking = main.find("Talking").expect("module 2");
    assert!(listening < talking, "modules in course order");
    assert_eq!(
        main.matches("<div class=\"handout__space").count(),
        3,
        "a space per challenge and per module: {main}"
    );
}

#[test]
fn the_course_page_links_its_handout() {
    let site = site();
    site.build().assert_ok();
    let main = site.main_of("courses/first/index.html");
    assert!(main.contains("href=\"/courses/first/handout/\""), "{main}");
}

#[test]
fn a_setup_page_in_a_course_is_no_module_of_its_handout() {
    let site = site().file(
        "content/courses/first/00-setup.md",
        "---\ntitle: Before you start\ntype: page\n---\nBring a notebook.\n\n::: keypoints\n- Setup point.\n:::\n",
    );
    site.build().assert_ok();
    let main = site.main_of("courses/first/handout/index.html");
    assert!(!main.contains("Before you start"), "{main}");
    assert!(!main.contains("Setup point."), "{main}");
    assert_eq!(
        main.matches("<section class=\"handout__module\"").count(),
        2,
        "one section a module: {main}"
    );
    assert!(main.contains("Module 1: Listening"), "{main}");
    assert!(main.contains("Module 2: Talking"), "{main}");
    let course = site.main_of("courses/first/index.html");
    assert!(
        course.contains("href=\"/courses/first/handout/\""),
        "{course}"
    );
}

#[test]
fn a_course_with_only_setup_pages_has_no_handout() {
    let site = TestSite::minimal()
        .file("content/courses/_index.md", "---\ntitle: Courses\n---\n")
        .file("content/courses/first/_index.md", COURSE)
        .file(
            "content/courses/first/00-setup.md",
            "---\ntitle: Before you start\ntype: page\n---\nBring a notebook.\n",
        );
    site.build().assert_ok();
    assert!(site.output().join("courses/first/index.html").is_file());
    assert!(
        !site
            .output()
            .join("courses/first/handout/index.html")
            .exists(),
        "{:?}",
        site.listing()
    );
}
