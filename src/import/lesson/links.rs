//! Links between a lesson's files, pointed at the files they became:
//! `episode.md`, `../learners/setup.md`, `chapter.qmd`, `episode.Rmd` and
//! `episode.html` name the new page; figures and data keep their path below
//! the folder copied into the course.

use std::collections::{HashMap, HashSet};

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use crate::import::{Note, NoteKind, Place};

/// Rewrites links between the lesson's files to the course's files.
pub struct Rewriter<'a> {
    /// Lesson path -> course file name.
    pub names: &'a HashMap<String, String>,
    pub asset_roots: &'a [String],
    /// The Workbench's home page, when the lesson has a setup page.
    pub home: Option<Home>,
    /// `{#id}` written on headings -> where it is now (`page.md#id`, or
    /// `page.md` for the page's title): a Quarto book links to another
    /// chapter or its section as `#sec-id`.
    pub anchors: HashMap<String, String>,
    /// The labels a Quarto book's cross-references (`@sec-id`) name.
    pub labels: super::xrefs::Labels,
}

/// The ids written as `{#id}` on a page's headings, and whether each is
/// on a first `# heading`, which the import takes as the page's title.
pub fn written_ids(text: &str) -> Vec<(String, bool)> {
    super::xrefs::heading_titles(text)
        .into_iter()
        .map(|(id, _, is_title)| (id, is_title))
        .collect()
}

/// The Workbench's home page shows the lesson's `index.md` followed by
/// its `learners/setup.md`, so a link to `index.html#installation` may
/// mean a heading of the setup page, which the import keeps apart.
#[derive(Debug, Default)]
pub struct Home {
    /// Heading ids of `index.md`.
    pub index_ids: HashSet<String>,
    /// The setup page's file name in the course.
    pub setup: String,
    /// Heading ids of the setup page.
    pub setup_ids: HashSet<String>,
}

/// The ids of a page's headings: `{#id}` when written, else the id the
/// build gives the heading's text.
pub fn heading_ids(text: &str) -> HashSet<String> {
    let mut ids = HashSet::new();
    let mut heading: Option<(Option<String>, String)> = None;
    for event in Parser::new_ext(text, Options::all()) {
        match event {
            Event::Start(Tag::Heading { id, .. }) => {
                heading = Some((id.map(|id| id.to_string()), String::new()));
            }
            Event::Text(text) | Event::Code(text) => {
                if let Some((_, title)) = &mut heading {
                    title.push_str(&text);
                }
            }
            Event::End(TagEnd::Heading(_)) => {
                let Some((id, title)) = heading.take() else {
                    continue;
                };
                ids.extend(id.or_else(|| crate::content::slug::slugify(&title)));
            }
            _ => {}
        }
    }
    ids
}

impl Rewriter<'_> {
    pub fn rewrite(&self, body: &str, from: &str, notes: &mut Vec<Note>) -> String {
        let mut edits: Vec<(std::ops::Range<usize>, String)> = Vec::new();
        let parser = Parser::new_ext(body, Options::all()).into_offset_iter();
        for (event, range) in parser {
            let dest = match &event {
                Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                    dest_url.to_string()
                }
                _ => continue,
            };
            // A link that reaches nothing is mended once every page is
            // planned (see `mend`).
            let Some(new) = self.target(&dest, from) else {
                continue;
            };
            let written = &body[range.clone()];
            let Some(at) = written.rfind(&format!("]({dest}")) else {
                continue;
            };
            let start = range.start + at + 2;
            edits.push((start..start + dest.len(), new));
        }
        edits.extend(self.definitions(body, from));
        edits.extend(self.cross_references(body, from, notes));
        let mut out = body.to_string();
        edits.sort_by_key(|(range, _)| std::cmp::Reverse(range.start));
        for (range, new) in edits {
            out.replace_range(range, &new);
        }
        out
    }

    /// Edits that write each Quarto cross-reference as a link to what it
    /// names; one that names nothing the import found is left as written,
    /// and the author told.
    fn cross_references(
        &self,
        body: &str,
        from: &str,
        notes: &mut Vec<Note>,
    ) -> Vec<(std::ops::Range<usize>, String)> {
        let here = self.names.get(from).map_or("", String::as_str);
        let mut edits = Vec::new();
        for reference in super::xrefs::references(body) {
            match self.labels.link(&reference.id, here) {
                Some(link) => edits.push((reference.range, link)),
                None => notes.push(Note {
                    kind: NoteKind::Link,
                    place: Place {
                        file: Some(from.to_string()),
                        ..Place::default()
                    },
                    message: format!(
                        "the cross-reference `@{}` names no heading, figure or table the import found (one made by code the import does not run, say), so it stays as written: label what it names with {{#{}}} or reword it",
                        reference.id, reference.id
                    ),
                    written: None,
                }),
            }
        }
        edits
    }

    /// Edits to reference definitions (`[setup]: ../learners/setup.md`),
    /// which the parser's link events do not reach.
    fn definitions(&self, body: &str, from: &str) -> Vec<(std::ops::Range<usize>, String)> {
        let mut edits = Vec::new();
        let mut offset = 0;
        for line in body.split_inclusive('\n') {
            let start = offset;
            offset += line.len();
            let indent = line.len() - line.trim_start_matches(' ').len();
            let rest = &line[indent..];
            let Some(close) = rest
                .find("]:")
                .filter(|_| indent < 4 && rest.starts_with('['))
            else {
                continue;
            };
            let after = &rest[close + 2..];
            let dest = after.split_whitespace().next().unwrap_or_default();
            let dest = dest.trim_start_matches('<').trim_end_matches('>');
            if dest.is_empty() {
                continue;
            }
            if let Some(new) = self.target(dest, from) {
                let at = start + indent + close + 2 + after.find(dest).unwrap_or(0);
                edits.push((at..at + dest.len(), new));
            }
        }
        edits
    }

    /// The new target of a relative link, or `None` to leave it.
    fn target(&self, dest: &str, from: &str) -> Option<String> {
        if let Some(id) = dest.strip_prefix('#') {
            let target = self.anchors.get(id)?;
            let page = target.split('#').next().unwrap_or(target);
            let here = self.names.get(from)?;
            return (page != here || !target.contains('#')).then(|| target.clone());
        }
        if dest.starts_with('/') || dest.contains("://") || dest.starts_with("mailto:") {
            return None;
        }
        let (path, anchor) = match dest.split_once('#') {
            Some((path, anchor)) => (path, format!("#{anchor}")),
            None => (dest, String::new()),
        };
        let folder = from.rsplit_once('/').map_or("", |(dir, _)| dir);
        let joined = crate::files::join(folder, path);
        let page = joined
            .iter()
            .flat_map(|joined| page_candidates(joined))
            .find_map(|candidate| self.names.get(&candidate))
            .or_else(|| self.flat_page(path));
        if let Some(name) = page {
            return Some(format!("{}{anchor}", self.anchored(name, &anchor)));
        }
        let joined = joined?;
        for root in self.asset_roots {
            let rest = if root.is_empty() {
                Some(joined.as_str())
            } else {
                joined.strip_prefix(&format!("{root}/"))
            };
            if let Some(rest) = rest {
                return (rest != dest).then(|| format!("{rest}{anchor}"));
            }
        }
        None
    }
}

impl Rewriter<'_> {
    /// The page a link to `name` with `anchor` (`#id` or empty) goes to:
    /// the setup page for a heading of it on the Workbench's home page.
    fn anchored<'n>(&'n self, name: &'n str, anchor: &str) -> &'n str {
        let Some(home) = &self.home else {
            return name;
        };
        let id = anchor.trim_start_matches('#');
        let is_setup_heading = !home.index_ids.contains(id) && home.setup_ids.contains(id);
        if name == "_index.md" && is_setup_heading {
            &home.setup
        } else {
            name
        }
    }

    /// The Workbench publishes episodes, learners', instructors' and
    /// profile pages side by side in one folder, and reads a link to any
    /// of them by its file name: an episode may name `learners/setup.md`
    /// as plain `setup.md`, and a learners' page an episode as
    /// `episodes/intro.Rmd`.
    fn flat_page(&self, path: &str) -> Option<&String> {
        let mut bare = path;
        while let Some(rest) = bare.strip_prefix("../").or_else(|| bare.strip_prefix("./")) {
            bare = rest;
        }
        let roots: Vec<&String> = self
            .asset_roots
            .iter()
            .filter(|root| !root.is_empty())
            .collect();
        if roots.is_empty() {
            return None;
        }
        let bare = roots
            .iter()
            .find_map(|root| bare.strip_prefix(&format!("{root}/")))
            .unwrap_or(bare);
        if bare.contains('/') {
            return None;
        }
        let top = page_candidates(bare).into_iter();
        let folders = roots
            .iter()
            .flat_map(|root| page_candidates(&format!("{root}/{bare}")));
        top.chain(folders)
            .find_map(|candidate| self.names.get(&candidate))
    }
}

/// A lesson path and the page files it may name (`x.html` is `x.md`).
fn page_candidates(path: &str) -> Vec<String> {
    let stem = [".html", ".md", ".Rmd", ".qmd"]
        .iter()
        .find_map(|end| path.strip_suffix(end))
        .unwrap_or(path);
    let mut found = vec![path.to_string()];
    for end in [".md", ".Rmd", ".qmd"] {
        found.push(format!("{stem}{end}"));
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_between_lesson_files_point_at_the_new_files() {
        let names: HashMap<String, String> = [
            ("episodes/intro.md", "01-intro.md"),
            ("learners/setup.md", "setup.md"),
        ]
        .into_iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
        let roots = vec!["episodes".to_string(), "learners".to_string()];
        let rewriter = Rewriter {
            names: &names,
            asset_roots: &roots,
            home: None,
            anchors: HashMap::new(),
            labels: Default::default(),
        };
        let body = "See [setup](../learners/setup.md#install), [intro](intro.html), ![A map](fig/map.png) and [web](https://example.org/a.md).";
        let out = rewriter.rewrite(body, "episodes/data.md", &mut Vec::new());
        assert_eq!(
            out,
            "See [setup](setup.md#install), [intro](01-intro.md), ![A map](fig/map.png) and [web](https://example.org/a.md)."
        );
    }

    #[test]
    fn a_bare_link_from_an_episode_finds_a_learners_page() {
        let names: HashMap<String, String> = [("learners/setup.md", "02-before-you-start.md")]
            .into_iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect();
        let roots = vec!["episodes".to_string(), "learners".to_string()];
        let rewriter = Rewriter {
            names: &names,
            asset_roots: &roots,
            home: None,
            anchors: HashMap::new(),
            labels: Default::default(),
        };
        let mut notes = Vec::new();
        let out = rewriter.rewrite(
            "The [setup](setup.md#data).",
            "episodes/intro.md",
            &mut notes,
        );
        assert_eq!(out, "The [setup](02-before-you-start.md#data).");
        assert!(notes.is_empty());
        let kept = rewriter.rewrite("See [it](other/setup.md).", "episodes/intro.md", &mut notes);
        assert_eq!(kept, "See [it](other/setup.md).");
    }
}
