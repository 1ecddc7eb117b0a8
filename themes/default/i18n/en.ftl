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
