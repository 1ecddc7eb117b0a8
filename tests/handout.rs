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
