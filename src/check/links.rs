//! Links to other sites, checked over HTTP: only with `hearth check --external`.
//!
//! Every `http://` and `https://` address in a page's markdown links and
//! images, its raw HTML `href` and `src` values and its front matter is
//! checked once: a HEAD request, then a GET when HEAD is refused, each with
//! a 10 second timeout, at most 8 at a time, retried twice (after half a
//! second, then a second) when the connection fails, times out or the
//! server answers 429 or 5xx. Redirects are followed. A 404 or 410 is an error; anything else that is not a
//! success (a timeout, 403, 500...) is a warning, because it may pass.
//! Good answers are cached in `ROOT/.hearth-cache/links.json` for 24 hours,
//! so a second run checks only what changed or failed. When no server of
//! two or more answered at all, the network is down: that is one warning,
//! not one per link.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

use super::source::Source;
use super::Rule;
use crate::content::{Page, Site};
use crate::error::{Error, ErrorKind};
use crate::files;

const TIMEOUT: Duration = Duration::from_secs(10);
const WORKERS: usize = 8;
const RETRIES: u32 = 2;
const CACHE_SECONDS: u64 = 24 * 60 * 60;
const CACHE_FILE: &str = ".hearth-cache/links.json";

/// What a server said about one address.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Answer {
    /// A success, after any redirects.
    Good(u16),
    /// An error status.
    Status(u16),
    /// No answer: the reason.
    Failed(String),
}

/// One external address in a page, at a byte offset of the file.
struct Found<'s> {
    url: String,
    page: &'s Page,
    offset: usize,
}

/// The on-disk cache of good answers.
#[derive(Debug, Default, Serialize, Deserialize)]
struct Cache {
    version: u32,
    links: BTreeMap<String, Cached>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct Cached {
    checked: u64,
    status: u16,
}

/// Checks every external address of the site, reporting those that fail.
pub(crate) fn check_external(site: &Site, root: &Path) -> Vec<Error> {
    let found = collect(site);
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let cache_path = root.join(CACHE_FILE);
    let mut cache = load_cache(&cache_path);
    cache
        .links
        .retain(|_, entry| now.saturating_sub(entry.checked) < CACHE_SECONDS);
    let unique: BTreeSet<&str> = found.iter().map(|f| f.url.as_str()).collect();
    let pending: Vec<&str> = unique
        .into_iter()
        .filter(|url| !cache.links.contains_key(*url))
        .collect();
    let answers = ask_all(&pending);
    cache.remember(&answers, now);
    let mut errors: Vec<Error> = match unreachable(&answers) {
        Some(warning) => vec![warning],
        None => found
            .iter()
            .filter_map(|f| answers.get(&f.url).and_then(|answer| report(f, answer)))
            .collect(),
    };
    errors.extend(save_cache(&cache_path, &cache).err().map(Error::warning));
    errors
}

impl Cache {
    /// Keeps the addresses that answered well, checked at `now`.
    fn remember(&mut self, answers: &HashMap<String, Answer>, now: u64) {
        for (url, answer) in answers {
            if let Answer::Good(status) = answer {
                let entry = Cached {
                    checked: now,
                    status: *status,
                };
                self.links.insert(url.clone(), entry);
            }
        }
    }
}

fn collect(site: &Site) -> Vec<Found<'_>> {
    let pages = site.pages.iter().map(|e| &e.page);
    let sections = site.sections.iter().map(|e| &e.page);
    let mut found = Vec::new();
    for page in pages.chain(sections) {
        found.extend(in_front_matter(page));
        found.extend(in_body(page));
    }
    found
}

fn in_body(page: &Page) -> Vec<Found<'_>> {
    Source::new(page)
        .link_targets()
        .into_iter()
        .filter(|(url, _)| is_external(url))
        .map(|(url, offset)| Found {
            url,
            page,
            offset: page.body_start + offset,
        })
        .collect()
}

fn in_front_matter(page: &Page) -> Vec<Found<'_>> {
    let front = &page.text[..page.body_start];
    let mut found = Vec::new();
    for scheme in ["https://", "http://"] {
        for (at, _) in front.match_indices(scheme) {
            let rest = &front[at..];
            let end = rest
                .find(|c: char| c.is_whitespace() || "\"'<>[]{}`".contains(c))
                .unwrap_or(rest.len());
            let url = rest[..end].trim_end_matches(['.', ',', ';', ':', ')']);
            found.push(Found {
                url: url.to_string(),
                page,
                offset: at,
            });
        }
    }
    found
}

/// One warning when no server answered and the addresses asked name at
/// least two hosts: the network, not each link, is the problem.
fn unreachable(answers: &HashMap<String, Answer>) -> Option<Error> {
    let hosts: BTreeSet<&str> = answers.keys().map(|url| host_of(url)).collect();
    let is_silent = answers
        .values()
        .all(|answer| matches!(answer, Answer::Failed(_)));
    if !is_silent || hosts.len() < 2 {
        return None;
    }
    let why = answers.values().find_map(|answer| match answer {
        Answer::Failed(why) => Some(why.as_str()),
        _ => None,
    });
    let error = Error::new(
        ErrorKind::Check(Rule::ExternalLink),
        "site.yaml",
        format!(
            "the network is unreachable ({}): none of the {} links to other sites was checked",
            why.unwrap_or("no answer"),
            answers.len()
        ),
    )
    .with_help("connect to the internet and run `hearth check --external` again");
    Some(error.warning())
}

/// The host part of an address: `a.test` of `https://a.test:8080/x`.
fn host_of(url: &str) -> &str {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    rest.split(['/', '?', '#']).next().unwrap_or(rest)
}

fn is_external(url: &str) -> bool {
    let lower = url.to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

fn report(found: &Found, answer: &Answer) -> Option<Error> {
    let url = &found.url;
    let (message, is_broken) = match answer {
        Answer::Good(_) => return None,
        Answer::Status(status @ (404 | 410)) => (
            format!("the link `{url}` is broken: the server answered {status}"),
            true,
        ),
        Answer::Status(status) => (format!("the link `{url}` answered {status}"), false),
        Answer::Failed(why) => (
            format!("the link `{url}` could not be reached: {why}"),
            false,
        ),
    };
    let error = Error::new(
        ErrorKind::Check(Rule::ExternalLink),
        &found.page.shown,
        message,
    )
    .at_offset(&found.page.line_index(), found.offset)
    .with_help(if is_broken {
        "find where the page has moved, or remove the link"
    } else {
        "open it in a browser: the site may be down for a while, or may refuse automatic checks"
    });
    Some(if is_broken { error } else { error.warning() })
}

/// Asks about every address, at most [`WORKERS`] at a time.
fn ask_all(urls: &[&str]) -> HashMap<String, Answer> {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(TIMEOUT))
        .http_status_as_error(false)
        .user_agent(concat!("hearth-link-check/", env!("CARGO_PKG_VERSION")))
        .build()
        .into();
    let next = AtomicUsize::new(0);
    let answers = Mutex::new(HashMap::new());
    std::thread::scope(|scope| {
        for _ in 0..WORKERS.min(urls.len()) {
            scope.spawn(|| {
                while let Some(url) = urls.get(next.fetch_add(1, Ordering::Relaxed)) {
                    let answer = ask_with_retries(&agent, url);
                    if let Ok(mut answers) = answers.lock() {
                        answers.insert(url.to_string(), answer);
                    }
                }
            });
        }
    });
    answers.into_inner().unwrap_or_default()
}

fn ask_with_retries(agent: &ureq::Agent, url: &str) -> Answer {
    let mut answer = ask(agent, url);
    for attempt in 1..=RETRIES {
        let is_passing = match &answer {
            Answer::Failed(_) => true,
            Answer::Status(status) => *status == 429 || *status >= 500,
            Answer::Good(_) => false,
        };
        if !is_passing {
            break;
        }
        std::thread::sleep(Duration::from_millis(500 * u64::from(attempt)));
        answer = ask(agent, url);
    }
    answer
}

/// HEAD, then GET when HEAD does not give a success.
fn ask(agent: &ureq::Agent, url: &str) -> Answer {
    let head = classify(agent.head(url).call());
    if matches!(head, Answer::Good(_)) {
        return head;
    }
    classify(agent.get(url).call())
}

fn classify(result: Result<ureq::http::Response<ureq::Body>, ureq::Error>) -> Answer {
    match result {
        Ok(response) => {
            let status = response.status().as_u16();
            if status < 400 {
                Answer::Good(status)
            } else {
                Answer::Status(status)
            }
        }
        Err(ureq::Error::Timeout(_)) => {
            Answer::Failed(format!("no answer within {} seconds", TIMEOUT.as_secs()))
        }
        Err(ureq::Error::HostNotFound) => Answer::Failed("the host name was not found".to_string()),
        Err(error) => Answer::Failed(error.to_string()),
    }
}

fn load_cache(path: &Path) -> Cache {
    std::fs::read_to_string(path)
        .ok()
        .and_then(|text| serde_json::from_str::<Cache>(&text).ok())
        .filter(|cache| cache.version == 1)
        .unwrap_or_default()
}

/// Keeps the cache for the next check, written whole or not at all (see
/// [`files::replace`]): a check stopped while writing leaves the last one.
fn save_cache(path: &Path, cache: &Cache) -> Result<(), Error> {
    let cache = Cache {
        version: 1,
        links: cache.links.clone(),
    };
    let text = serde_json::to_string_pretty(&cache).unwrap_or_default();
    files::replace(path, text.as_bytes()).map_err(|e| Error::io(path, "write this file", &e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn external_addresses_are_told_apart() {
        assert!(is_external("https://example.org/"));
        assert!(is_external("HTTP://example.org/"));
        assert!(!is_external("@/about.md"));
        assert!(!is_external("/about/"));
        assert!(!is_external("mailto:a@example.org"));
    }

    #[test]
    fn no_answer_from_any_of_several_hosts_is_one_warning() {
        let failed = |why: &str| Answer::Failed(why.to_string());
        let down: HashMap<String, Answer> = [
            (
                "https://a.test/x".to_string(),
                failed("the host name was not found"),
            ),
            (
                "https://a.test/y".to_string(),
                failed("the host name was not found"),
            ),
            (
                "http://b.test:8080/".to_string(),
                failed("connection failed"),
            ),
        ]
        .into();
        let warning = unreachable(&down).expect("one warning");
        assert_eq!(
            (warning.kind, warning.severity, warning.path.clone()),
            (
                ErrorKind::Check(Rule::ExternalLink),
                crate::error::Severity::Warning,
                std::path::PathBuf::from("site.yaml")
            )
        );
        let mut one_answered = down.clone();
        one_answered.insert("https://c.test/".into(), Answer::Status(404));
        assert!(unreachable(&one_answered).is_none());
        let one_host: HashMap<String, Answer> =
            [("https://a.test/x".to_string(), failed("timed out"))].into();
        assert!(unreachable(&one_host).is_none());
        assert_eq!(host_of("http://b.test:8080/"), "b.test:8080");
    }

    #[test]
    fn broken_and_passing_answers_differ_in_severity() {
        let page = crate::content::Page {
            path: "a.md".into(),
            shown: "content/a.md".into(),
            text: "---\ntitle: A\n---\n[x](https://a.test/)\n".into(),
            body_start: 17,
            is_section: false,
            front: Default::default(),
            keys: Vec::new(),
            taxonomies: Default::default(),
            left_out: Vec::new(),
            kept: Default::default(),
        };
        let found = Found {
            url: "https://a.test/".into(),
            page: &page,
            offset: 17,
        };
        let broken = report(&found, &Answer::Status(404)).unwrap();
        assert!(broken.is_error());
        assert_eq!((broken.line, broken.column), (4, 1));
        assert!(!report(&found, &Answer::Failed("x".into()))
            .unwrap()
            .is_error());
        assert!(report(&found, &Answer::Good(200)).is_none());
    }
}
