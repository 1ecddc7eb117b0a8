//! The parity report of a site in more than one language: pages without a
//! counterpart (with a count per language), counterparts older than their
//! pair, and links that cross into another language where the page's own
//! language has a version.
//!
//! Part of `hearth check`, over the assembled sites of every language.

use std::collections::HashMap;

use super::Rule;
use crate::content::{Page, Site};
use crate::error::{Error, ErrorKind};

/// Every parity finding of a site and its translations.
pub(crate) fn check(site: &Site) -> Vec<Error> {
    if site.translations.is_empty() {
        return Vec::new();
    }
    let mut found = unpaired(site);
    found.extend(stale(site));
    found.extend(crossing_links(site));
    found
}

fn finding(rule: Rule, page: &Page, message: String, help: String) -> Error {
    Error::warning(Error::new(ErrorKind::Check(rule), &page.shown, message).with_help(help))
}

/// A warning per page without a counterpart in some language, then one
/// per language with its count.
fn unpaired(site: &Site) -> Vec<Error> {
    let mut counts: HashMap<String, usize> = HashMap::new();
    let mut found = Vec::new();
    for (page, lacking) in crate::content::languages::unpaired(site) {
        for language in &lacking {
            *counts.entry(language.clone()).or_default() += 1;
        }
        let list = lacking.join(", ");
        found.push(finding(
            Rule::Counterpart,
            page,
            format!("this page has no version in {list}"),
            format!(
                "write its counterpart (`hearth translate {} {}`)",
                page.shown, lacking[0]
            ),
        ));
    }
    for language in site.config.all_languages() {
        let count = counts.get(language).copied().unwrap_or(0);
        if count > 0 {
            found.push(unpaired_count(language, count));
        }
    }
    found
}

/// The warning that `count` pages have no version in `language`.
fn unpaired_count(language: &str, count: usize) -> Error {
    Error::warning(
        Error::new(
            ErrorKind::Check(Rule::Counterpart),
            crate::config::CONFIG_FILE,
            format!("{count} pages have no version in `{language}`"),
        )
        .with_help("the pages are listed above"),
    )
}

/// The date a page was last changed: `updated:`, else `date:`.
fn changed_on(page: &Page) -> Option<(chrono::NaiveDate, &'static str)> {
    (page.updated().map(|d| (d, "updated"))).or_else(|| page.date().map(|d| (d, "date")))
}

/// A counterpart changed before its pair may no longer say the same.
fn stale(site: &Site) -> Vec<Error> {
    let mut found = Vec::new();
    for pages in versions(site).values().filter(|pages| pages.len() > 1) {
        let Some(newest) = pages
            .iter()
            .filter_map(|p| Some((changed_on(p)?.0, *p)))
            .max_by_key(|(d, _)| *d)
        else {
            continue;
        };
        for page in pages {
            let Some((date, key)) = changed_on(page) else {
                continue;
            };
            if date < newest.0 {
                found.push(stale_finding(page, date, key, newest));
            }
        }
    }
    found
}

/// The versions of each content path, one per language that has it.
fn versions(site: &Site) -> HashMap<&str, Vec<&Page>> {
    let mut versions: HashMap<&str, Vec<&Page>> = HashMap::new();
    for each in site.each_language() {
        for (path, target) in each.targets.iter() {
            versions
                .entry(path)
                .or_default()
                .push(each.target_page(*target));
        }
    }
    versions
}

/// The warning that `page`, changed on `date` (its front matter's `key`),
/// is older than the `newest` version and the date that one changed.
fn stale_finding(
    page: &Page,
    date: chrono::NaiveDate,
    key: &str,
    newest: (chrono::NaiveDate, &Page),
) -> Error {
    let (line, column) = page.field_place(key);
    finding(
        Rule::StaleCounterpart,
        page,
        format!(
            "this version was last changed on {date}, before {} ({})",
            newest.1.shown, newest.0
        ),
        "bring it up to date with its counterpart, then change its `updated:` date".to_string(),
    )
    .at(&page.line_index(), line, column)
}

/// A link written as a site address to a page in another language, when
/// the page's own language has a version of it.
fn crossing_links(site: &Site) -> Vec<Error> {
    let by_url = pages_by_url(site);
    let mut found = Vec::new();
    for each in site.each_language() {
        let pages = each.pages.iter().map(|e| &*e.page);
        for page in pages.chain(each.sections.iter().map(|e| &*e.page)) {
            found.extend(crossings(each, page, &by_url));
        }
    }
    found
}

/// The URL of every page in every language, with its language and
/// content path.
fn pages_by_url(site: &Site) -> HashMap<String, (&str, &str)> {
    let mut by_url: HashMap<String, (&str, &str)> = HashMap::new();
    for each in site.each_language() {
        for (path, target) in each.targets.iter() {
            by_url.insert(
                each.url(each.target_path(*target)),
                (&each.config.language, path),
            );
        }
    }
    by_url
}

/// The links of `page`, in the site of its language `each`, that go to
/// another language's page where its own has a version.
fn crossings(each: &Site, page: &Page, by_url: &HashMap<String, (&str, &str)>) -> Vec<Error> {
    let language = each.config.language.as_str();
    let mut found = Vec::new();
    for (offset, url) in site_paths(page.body()) {
        let Some(&(other, path)) = by_url.get(url) else {
            continue;
        };
        if other == language {
            continue;
        }
        let Some(own) = each.targets.get(path) else {
            continue;
        };
        let own_url = each.url(each.target_path(*own));
        found.push(
            finding(
                Rule::CrossLanguageLink,
                page,
                format!("this link goes to the `{other}` page {url}, which has a `{language}` version at {own_url}"),
                format!("link to @/{path} instead: it leads to the version in the page's own language"),
            )
            .at_offset(&page.line_index(), page.body_start + offset),
        );
    }
    found
}

/// Site addresses in markdown links and HTML `href`s of a body, with their
/// byte offsets.
fn site_paths(body: &str) -> Vec<(usize, &str)> {
    let mut found = Vec::new();
    for opener in ["](", "href=\""] {
        for (at, _) in body.match_indices(opener) {
            let start = at + opener.len();
            let rest = &body[start..];
            if !rest.starts_with('/') || rest.starts_with("//") {
                continue;
            }
            let end = rest.find(['#', ')', '"', ' ', '?']).unwrap_or(rest.len());
            found.push((start, &rest[..end]));
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn site_paths_are_found_in_links_and_hrefs() {
        let body =
            "See [a](/about/#x) and <a href=\"/cy/\">b</a>, not [c](//host/) or [d](https://x/).";
        let paths: Vec<&str> = site_paths(body).into_iter().map(|(_, p)| p).collect();
        assert_eq!(paths, ["/about/", "/cy/"]);
    }
}
