# Interface text of the default theme, in English.
# A site can change single strings with its own i18n/en.ftl.

language-name = English
language-switch = Language
date = { $day } { $month ->
    [1] January
    [2] February
    [3] March
    [4] April
    [5] May
    [6] June
    [7] July
    [8] August
    [9] September
    [10] October
    [11] November
   *[12] December
} { $year }

skip-link = Skip to main content
page-of = page { $current } of { $count }
feed-title = { $site } (Atom feed)
search-label = Search this website
search-button = Search
nav-main = Main
external-site = (external site)
footer-accessibility = Accessibility statement
footer-a-z = A to Z
footer-site-map = Site map
footer-feed = Get updates by feed (Atom)
on-this-page = On this page
nav-previous-next = Previous and next
previous = Previous
next = Next
previous-module = Previous module
next-module = Next module
previous-commitment = Previous commitment
next-commitment = Next commitment
nav-pagination = Pagination
pagination-status = Page { $current } of { $count }
pagination-page = page
pagination-page-number = Page
last-reviewed = Last reviewed
review-due = Next review due
overdue-title = This page is overdue for review
overdue-due-on = It was due to be checked on { $date }, so some details may be out of date. Please check anything important with us.
overdue-due = It was due to be checked, so some details may be out of date. Please check anything important with us.
nav-breadcrumb = Breadcrumb
print-version = Print version
module-of = Module { $number } of { $count }
status-not-started = Not started
status-in-progress = In progress
status-achieved = Achieved
status-draft = Draft
status-current = Current
status-superseded = Superseded
minutes = { $count ->
    [one] { $count } minute
   *[other] { $count } minutes
}
pages-count = { $count ->
    [one] { $count } page
   *[other] { $count } pages
}
commitment-of = Commitment { $number } of { $count }
module-number = Module { $number }
charter-achieved = <strong>{ $achieved } of { $total }</strong> commitments achieved ({ $percent }%).
search-title = Search
search-unavailable = Search is not available at the moment. You can still find every page from the links below.
search-no-script = Search needs JavaScript, which is turned off or not available in your browser.
search-a-z = You can find every page in the <a href="{ $url }">A to Z index</a>.
search-browse = You can also browse pages by:
search-hint = Type one or more words. Results appear as you type.
search-filter-results = Filter results
search-type-of-page = Type of page
search-nothing-to-filter = There is nothing to filter by yet.
search-clear-filters = Clear filters
search-results-heading = Results
search-more = Show more results
# `category` is a CLDR plural category; the page's script picks one.
search-results = { $category ->
    [one] { $count } result
   *[other] { $count } results
}
search-filters = { $category ->
    [one] { $count } filter
   *[other] { $count } filters
}
search-for = {" "}for “{ $term }”
search-with = {" "}with { $filters }
search-found = { $what }{ $words }{ $narrowed }.
search-none = No pages match{ $words }{ $narrowed }. Try other words or fewer filters, or use the A to Z index below.
search-sections = Sections of “{ $title }”
a-z-description = Every page on { $site }, from A to Z
site-map-description = Every section and page on { $site }
term-description = Pages about { $term } on { $site }
not-found-title = Page not found
statement-description = Accessibility statement for { $site }
search-description = Search { $site }
print-title = { $title } (print version)
instructor-title = { $title } (instructor view)
not-found-sorry = Sorry, we cannot find that page.
not-found-help = If you typed the web address, check it is correct. If you followed a link or pasted the address, the page may have moved or been removed.
not-found-home = Go to the home page
brief-summary = Summary
brief-recommendations = Key recommendations
brief-references = References
document-control = Document control
doc-version = Version
doc-status = Status
doc-superseded-by = by
doc-owner = Owner
doc-approved-by = Approved by
doc-approved-on = Approved on
doc-published = Published
doc-updated = Last updated
doc-review-due = Review due
statement-heading = Accessibility statement for { $site }
statement-overdue = This statement is overdue for review
statement-last-reviewed = It was last reviewed on { $date }.
statement-review-yearly = Statements should be reviewed at least once a year, so some details may be out of date.
statement-applies = This accessibility statement applies to { $site }, run by { $organisation }.
statement-intro = We want as many people as possible to be able to use this website. For example, that means you should be able to:
statement-can-colours = change colours, contrast levels and fonts using browser or device settings
statement-can-zoom = zoom in up to 400% without the text spilling off the screen
statement-can-keyboard = navigate most of the website using a keyboard or speech recognition software
statement-can-listen = listen to most of the website using a screen reader
statement-simple = We have also made the website text as simple as possible to understand.
statement-abilitynet = <a href="https://mcmw.abilitynet.org.uk/">AbilityNet has advice on making your device easier to use</a> if you have a disability.
statement-how-accessible = How accessible this website is
statement-fully = We believe this website is fully accessible. If you find a part of it that is hard to use, please tell us.
statement-known-parts = We know some parts of this website are not fully accessible:
statement-details-below = The details are in the section on non-accessible content below.
statement-feedback = Feedback and contact information
statement-formats = If you need information on this website in a different format, like accessible PDF, large print, easy read, audio recording or braille, contact us:
statement-email = email
statement-call = call { $phone }
statement-response = We’ll consider your request and get back to you in { $days } working days.
statement-reporting = Reporting accessibility problems with this website
statement-improve = We’re always looking to improve the accessibility of this website. If you find any problems not listed on this page or think we’re not meeting accessibility requirements, contact us
statement-by-email = by email at
statement-or = or
statement-by-phone = by phone on { $phone }
statement-enforcement = Enforcement procedure
statement-enforcement-gb = The Equality and Human Rights Commission (EHRC) is responsible for enforcing the Public Sector Bodies (Websites and Mobile Applications) (No. 2) Accessibility Regulations 2018 (the 'accessibility regulations'). If you're not happy with how we respond to your complaint, contact the Equality Advisory and Support Service (EASS).
statement-enforcement-ni = The Equality Commission for Northern Ireland (ECNI) is responsible for enforcing the Public Sector Bodies (Websites and Mobile Applications) (No. 2) Accessibility Regulations 2018 (the 'accessibility regulations') in Northern Ireland. If you're not happy with how we respond to your complaint, contact the Equality Commission for Northern Ireland.
statement-contact-ecni = Contact the Equality Commission for Northern Ireland
statement-contact-eass = Contact the Equality Advisory and Support Service (EASS)
statement-technical = Technical information about this website's accessibility
statement-committed = { $organisation } is committed to making its website accessible, in accordance with the Public Sector Bodies (Websites and Mobile Applications) (No. 2) Accessibility Regulations 2018.
statement-compliance-status = Compliance status
statement-compliance-fully = This website is fully compliant with the Web Content Accessibility Guidelines version 2.2 AA standard.
statement-compliance-partially = This website is partially compliant with the Web Content Accessibility Guidelines version 2.2 AA standard, due to the non-compliances listed below.
statement-compliance-not = This website is not compliant with the Web Content Accessibility Guidelines version 2.2 AA standard. The non-compliances are listed below.
statement-non-accessible = Non-accessible content
statement-reasons = The content listed below is non-accessible for the following reasons.
statement-non-compliance = Non-compliance with the accessibility regulations
statement-fails = This fails WCAG 2.2 success criterion { $criterion }.
statement-fix-by = We plan to fix this by { $date }.
statement-no-failures = We are not aware of any content that fails the accessibility regulations.
statement-burden = Disproportionate burden
statement-no-burden = We are not claiming that any accessibility problems would be a disproportionate burden to fix.
statement-out-of-scope = Content that's not within the scope of the accessibility regulations
statement-nothing-out-of-scope = We are not aware of any content on this website that is outside the scope of the accessibility regulations.
statement-how-tested = How we tested this website
statement-last-tested = This website was last tested on { $date } against the Web Content Accessibility Guidelines (WCAG) 2.2 AA standard.
statement-tested = This website is tested against the Web Content Accessibility Guidelines (WCAG) 2.2 AA standard.
statement-who-tested = Who tested it and how:
statement-preparation = Preparation of this accessibility statement
statement-prepared = This statement was prepared on { $date }.

# Words of the default theme's page templates.
ui-a-to-z = A to Z
ui-every-page-on-this-site-in = Every page on this site, in alphabetical order.
ui-there-is-nothing-here-yet = There is nothing here yet.
ui-this-version-has-been-replaced = This version has been replaced
ui-read-the-current-version-intro = Read the current version:
ui-this-document-is-kept-for-the = This document is kept for the record. Do not rely on it for current advice.
ui-draft = Draft
ui-this-document-has-not-been-approved = This document has not been approved yet and may change.
ui-progress-at-a-glance = Progress at a glance
ui-achieved = Achieved
ui-in-progress = In progress
ui-not-started = Not started
ui-the-commitments = The commitments
ui-charter-commitments-their-sector-their-status = Charter commitments, their sector, their status and when it last changed
ui-number = Number
ui-commitment = Commitment
ui-sector = Sector
ui-status = Status
ui-last-updated = Last updated
ui-open-data = Open data
ui-download-charter-progress-as-json-open = Download charter progress as JSON (open data)
ui-download-charter-progress-as-csv-open = Download charter progress as CSV (open data)
ui-as-of = as of
ui-what-this-commitment-asks = What this commitment asks
ui-suggested-actions = Suggested actions
ui-evidence = Evidence
ui-no-evidence-has-been-published-for = No evidence has been published for this commitment yet.
ui-published = Published
ui-updated = Updated
ui-course = Course
ui-course-facts = Course facts
ui-who-it-is-for = Who it is for
ui-how-it-is-run = How it is run
ui-schedule = Schedule
ui-total-time = Total time
ui-total-of-all-modules = (total of all modules)
ui-modules = Modules
ui-print-or-save-the-whole-course = Print or save the whole course
ui-print-a-handout = Print a handout to write on
ui-what-you-will-learn = What you will learn
ui-by-the-end-of-this-course-intro = By the end of this course you will be able to:
ui-you-will-be-able-to-intro = You will be able to:
ui-course-print-version = Course: print version
ui-this-page-has-every-module-of = This page has every module of the course in order. Use your browser’s Print command to print it or save it as a PDF.
ui-back-to-course-overview = Back to course overview
ui-course-instructor-view = Course: instructor view
ui-instructor-view-help = This page has every module of the course in order, with the notes for whoever runs it. No page for learners links here.
ui-contents = Contents
ui-by-the-end-of-this-module-intro = By the end of this module you will be able to:
ui-before-you-start-intro = Before you start:
ui-resources-intro = Resources:
ui-part-of-intro = Part of:
ui-duration = Duration
ui-learning-outcomes = Learning outcomes
ui-before-you-start = Before you start
ui-resources = Resources
ui-the-words-you-searched-for-are = The words you searched for are marked on this page.
ui-hide-the-marks = Hide the marks
ui-site-map = Site map
ui-every-section-and-page-on-this = Every section and page on this site.
overlay-title = Hearth could not build the site
overlay-help = This page shows the last good build. Fix the problem below and save: this box goes away by itself.

# Words Hearth itself writes into pages: durations, kinds of content,
# ways a course is run, and the labels of lesson blocks and code.
hours = { $count ->
    [one] { $count } hour
   *[other] { $count } hours
}
duration-hours-minutes = { $hours } { $minutes }
kind-page = Page
kind-module = Module
kind-commitment = Charter commitment
kind-course = Course
kind-policy-brief = Policy brief
kind-evaluation-report = Evaluation report
kind-project-plan = Project plan
kind-guide = Guide
delivery-online = Online
delivery-in-person = In person
delivery-self-paced = Self-paced
brief-newer-version = the newer version
block-objectives = Objectives
block-questions = Questions
block-keypoints = Key points
block-challenge = Challenge
block-solution = Solution
block-callout = Callout
block-note = Note
block-warning = Warning
block-tip = Tip
block-important = Important
block-caution = Caution
block-activity = Activity
block-reflection = Reflection
block-prereq = Prerequisites
block-discussion = Discussion
block-hint = Hint
block-checklist = Checklist
block-instructor = Instructor note
block-spoiler = More detail
block-testimonial = Testimonial
table = Table
code-input = Code
code-output = Output
code-error = Error message
footnote = Footnote { $number }
citation = Reference { $number }
task-done = Done
task-not-done = Not done
heading-anchor = Link to section
taxonomy-browse = Browse pages by { $taxonomy }.
term-feed = Get updates about { $term } by feed (Atom)
term-all = All { $taxonomy }
term-pages-about = Pages about { $term }
term-no-pages = There are no pages about { $term } yet.
handout-eyebrow = Course handout
handout-help = This handout has each module’s outcomes, challenges and key points, with space to write your answers. Use your browser’s Print command to print it.
handout-name = Name:
handout-your-notes = Your notes:
handout-notes = Notes:
taxonomy-description = { $taxonomy } on { $site }
kind-course-page = Course page
ui-more-in-this-course = More in this course
ui-explore-this-section = Explore this section
ui-in-this-section = In this section
a-z-letters = Letters
section-feed = Get new { $section } by feed (Atom)

## The home page's front door
home-charter-more = { $in_progress ->
    [0] See every commitment and its evidence
    [one] See every commitment: one more is in progress
   *[other] See every commitment: { $in_progress } more are in progress
}
home-newest-briefs = Newest briefs
home-every-page-of = See them all: { $title }
home-explore = Explore
home-more-pages = More pages

# The glossary page (/glossary/ and each language's own)
glossary-title = Glossary
glossary-description = The words and abbreviations used on { $site }
glossary-lead = What the words and abbreviations on this website mean.

# Learning blocks: tabs (`::: tab`, `::: group-tab`)
block-tab = Tabs
block-group-tab = Tabs

# Counts on section cards
modules-count = { $count ->
    [one] { $count } module
   *[other] { $count } modules
}
commitments-count = { $count ->
    [one] { $count } commitment
   *[other] { $count } commitments
}
