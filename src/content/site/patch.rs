//! [`patch`]: the last assembled site with some pages' front matter
//! edited, worked out from that site instead of from every page again.
//!
//! An edit that keeps a page's address, section, redirects and draft state
//! (a new title, date, weight, description or set of terms) changes only
//! that page's entry and kind, the order of its section and the terms that
//! list it. Everything else `assemble` works out (addresses, the section
//! tree, redirects, assets) stays as it was, so the preview assembles a
//! 10,000-page site in a few milliseconds after such an edit instead of
//! tens. The result is the site a full `assemble` would give: the
//! preview's tests compare the two. In a site of several languages each
//! edited page is patched into its own language's site, and the others
//! are kept as they were.

use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;

use super::{
    collect_taxonomies, home_problem, order_section, taxonomy_owner, term_order_key, Site, Target,
    Taxonomy,
};
use crate::content::alphabet::Alphabet;
use crate::content::kinds::{self, Kind};
use crate::content::Page;
use crate::error::Error;

/// `last` with each page of `edited` in place of the page at its content
/// path in its language's site (`None`: the default language), with the
/// problems assembly finds in the edited pages; `None` when an edit may
/// change more than its page's entry, its section's order and the terms
/// (a page that is new, gone, a section, moved, a draft now or no
/// longer, with other redirects, a commitment, or a new term whose
/// address is taken), and the site must be assembled again. In a site of
/// more than one language, when an edit changed a page's terms, the pages
/// made from the site are paired with their counterparts again: a term's
/// pages name the other languages' pages of the same term (see
/// `languages::pair_made`).
pub(crate) fn patch(
    last: &Site,
    edited: &[(Option<String>, Arc<Page>)],
) -> Option<(Site, Vec<Error>)> {
    // A page of a language the last site lacks: assembled again.
    if (edited.iter()).any(|(language, _)| last.in_language(language.as_deref()).is_none()) {
        return None;
    }
    let in_language = |language: Option<&str>| -> Vec<Arc<Page>> {
        (edited.iter())
            .filter(|(l, _)| l.as_deref() == language)
            .map(|(_, page)| Arc::clone(page))
            .collect()
    };
    // The default language's site holds the others: patched, or else
    // copied, it takes each patched translation in place of the last.
    let own = in_language(None);
    let (mut site, mut problems, mut is_terms_changed) = match own.is_empty() {
        true => (last.clone(), Vec::new(), false),
        false => patch_one(last, &own)?,
    };
    for (i, translation) in last.translations.iter().enumerate() {
        let pages = in_language(Some(&translation.config.language));
        if !pages.is_empty() {
            let (patched, found, is_changed) = patch_one(translation, &pages)?;
            site.translations[i] = patched;
            problems.extend(found);
            is_terms_changed |= is_changed;
        }
    }
    if is_terms_changed && !site.translations.is_empty() {
        crate::content::languages::pair_made(&mut site);
    }
    Some((site, problems))
}

/// `patch` in the site of one language, `last` (its translations, if
/// any, copied as they are), and whether an edited page joined or left a
/// term.
fn patch_one(last: &Site, edited: &[Arc<Page>]) -> Option<(Site, Vec<Error>, bool)> {
    let places = places(last, edited)?;
    let mut site = last.clone();
    let mut problems = Vec::new();
    let mut sections = BTreeSet::new();
    for (page, &index) in edited.iter().zip(&places) {
        let section = site.pages[index].section;
        let inherited = kinds::inherited_page_kind(&site.sections[section].page.front);
        let (kind, found) = kinds::kept_page_kind(page, inherited);
        // Two commitments' numbers are checked against each other.
        if matches!(kind, Kind::Commitment(_))
            || matches!(site.pages[index].kind, Kind::Commitment(_))
        {
            return None;
        }
        problems.extend(found);
        problems.extend(home_problem(page, &kind, &site.sections[section]));
        let entry = &mut site.pages[index];
        entry.page = Arc::clone(page);
        entry.kind = kind;
        sections.insert(section);
    }
    let alphabet = Alphabet::of(&site.config.language);
    for section in sections {
        order_section(&mut site.sections, &mut site.pages, section, alphabet);
    }
    let is_terms_kept = (edited.iter().zip(&places))
        .all(|(page, &index)| page.taxonomies == last.pages[index].page.taxonomies);
    if is_terms_kept {
        sort_terms(&mut site, &places, alphabet);
    } else {
        site.taxonomies = collect_taxonomies(&site.config, &site.pages, &site.sections);
        claim_terms(last, &mut site)?;
    }
    Some((site, problems, !is_terms_kept))
}

/// The index in `last.pages` of each edited page, when every edit keeps
/// what decides the site's shape.
fn places(last: &Site, edited: &[Arc<Page>]) -> Option<Vec<usize>> {
    edited
        .iter()
        .map(|page| match last.targets.get(&page.path)? {
            &Target::Page(index) if keeps_shape(&last.pages[index].page, page) => Some(index),
            _ => None,
        })
        .collect()
}

/// Whether `new` keeps the address, redirects and draft state of `old`.
fn keeps_shape(old: &Page, new: &Page) -> bool {
    let (a, b) = (&old.front, &new.front);
    !new.is_section && (&a.slug, &a.aliases, a.draft) == (&b.slug, &b.aliases, b.draft)
}

/// Orders again the pages of each term that lists a page at `places`,
/// when every page keeps its terms: newest first, then by title, then in
/// site order, as `collect_taxonomies` orders them.
fn sort_terms(site: &mut Site, places: &[usize], alphabet: Alphabet) {
    let pages = &site.pages;
    for term in site.taxonomies.iter_mut().flat_map(|t| t.terms.iter_mut()) {
        if term.pages.iter().any(|index| places.contains(index)) {
            term.pages
                .sort_by_cached_key(|&i| term_order_key(pages, i, alphabet));
        }
    }
}

/// Claims the addresses of terms that are new since `last`, and frees
/// those of terms that are gone; `None` when a new term's address is
/// taken (a full assembly reports it).
fn claim_terms(last: &Site, site: &mut Site) -> Option<()> {
    let (old, new) = (term_paths(&last.taxonomies), term_paths(&site.taxonomies));
    for (path, owner) in &new {
        if !old.contains_key(path) {
            if site.published.contains_key(path) {
                return None;
            }
            Arc::make_mut(&mut site.published).insert(path.clone(), owner.clone());
        }
    }
    for path in old.keys().filter(|path| !new.contains_key(*path)) {
        Arc::make_mut(&mut site.published).remove(path);
    }
    Some(())
}

/// The address of every term, with what publishes it.
fn term_paths(taxonomies: &[Taxonomy]) -> HashMap<String, String> {
    taxonomies
        .iter()
        .flat_map(|taxonomy| {
            let name = &taxonomy.config.name;
            let owner = taxonomy_owner(name);
            let terms = taxonomy.terms.iter();
            terms.map(move |term| (term.path(name), owner.clone()))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use std::path::Path;
    use std::sync::Arc;

    use super::*;
    use crate::content::{parse, Source};
    use crate::error::{Diagnostics, ErrorKind};

    const COURSE: &str =
        "---\ntitle: Course\ntype: course\nsummary: S.\ndelivery: online\noutcomes: [x]\n---\n";

    /// A small site: a course of modules, briefs sorted by title, dated
    /// pages with terms, and a page published where a term could be.
    fn files() -> Vec<(&'static str, String)> {
        let module = |title: &str, weight: u32| {
            format!(
                "---\ntitle: {title}\nweight: {weight}\nduration: 5 minutes\noutcomes: [y]\n---\n"
            )
        };
        let page = |title: &str, date: &str, topics: &str| {
            format!("---\ntitle: {title}\ndate: {date}\ntopics: [{topics}]\n---\nText.\n")
        };
        vec![
            ("course/_index.md", COURSE.to_string()),
            ("course/one.md", module("One", 1)),
            ("course/two.md", module("Two", 2)),
            ("course/three.md", module("Three", 3)),
            (
                "notes/_index.md",
                "---\ntitle: Notes\nsort_by: title\n---\n".to_string(),
            ),
            ("notes/a.md", page("Apple", "2026-01-01", "grief, care")),
            ("notes/b.md", page("Birch", "2026-02-01", "grief")),
            ("notes/c.md", page("Cedar", "2026-03-01", "care")),
            ("notes/d.md", page("Damson", "2026-03-01", "grief")),
            ("topics/loss.md", "---\ntitle: Loss\n---\n".to_string()),
        ]
    }

    fn config() -> crate::config::Config {
        let yaml = "title: T\nbase_url: https://a.test/\n";
        crate::config::parse(Path::new("."), yaml, None).unwrap()
    }

    fn pages(files: &[(&str, String)]) -> Vec<Arc<Page>> {
        let sources = (files.iter())
            .map(|(path, text)| Source {
                path: path.to_string(),
                text: text.clone(),
            })
            .collect();
        let mut diagnostics = Diagnostics::new();
        let pages = parse(sources, &config(), &mut diagnostics);
        assert!(!diagnostics.has_errors(), "{}", diagnostics.report());
        pages.into_iter().map(Arc::new).collect()
    }

    fn assembled(files: &[(&str, String)]) -> Found {
        let mut diagnostics = Diagnostics::new();
        let site =
            super::super::assemble(config(), pages(files), Vec::new(), false, &mut diagnostics);
        (site, diagnostics.iter().cloned().collect())
    }

    /// Patches the site of `files()` with `path` written as `text`, and
    /// assembles the edited files from scratch: `None` when the patch
    /// declines.
    /// A site with the problems assembly found.
    type Found = (Site, Vec<Error>);

    fn both(path: &str, text: &str) -> Option<(Found, Found)> {
        let (last, _) = assembled(&files());
        let mut edited = files();
        let slot = edited.iter_mut().find(|(p, _)| *p == path).unwrap();
        slot.1 = text.to_string();
        let page = pages(&[(path, text.to_string())]).pop().unwrap();
        let patched = patch(&last, &[(None, page)])?;
        Some((patched, assembled(&edited)))
    }

    /// What assembly works out, to compare a patched site with an
    /// assembled one.
    fn shape(site: &Site) -> String {
        let pages: Vec<_> = (site.pages.iter())
            .map(|e| {
                (
                    &e.page.text,
                    &e.path,
                    e.section,
                    &e.kind,
                    e.previous,
                    e.next,
                    e.position,
                )
            })
            .collect();
        let sections: Vec<_> = site.sections.iter().map(|s| (&s.path, &s.pages)).collect();
        let terms: Vec<_> = (site.taxonomies.iter())
            .flat_map(|t| t.terms.iter())
            .map(|t| (&t.name, &t.slug, &t.pages, &t.sections))
            .collect();
        let mut published: Vec<_> = site.published.iter().collect();
        published.sort();
        format!("{pages:?}\n{sections:?}\n{terms:?}\n{published:?}")
    }

    fn places(problems: &[Error]) -> Vec<(String, usize, usize, ErrorKind)> {
        let mut places: Vec<_> = (problems.iter())
            .map(|e| (e.path.display().to_string(), e.line, e.column, e.kind))
            .collect();
        places.sort();
        places
    }

    /// The patched site is the assembled one, and the edited file's
    /// problems are those assembly finds in it.
    fn assert_same(path: &str, text: &str) {
        let ((patched, problems), (full, all)) = both(path, text).expect("patched");
        assert_eq!(shape(&patched), shape(&full));
        let shown = format!("content/{path}");
        let in_file: Vec<Error> = all
            .into_iter()
            .filter(|e| e.path == Path::new(&shown))
            .collect();
        assert_eq!(places(&problems), places(&in_file));
    }

    #[test]
    fn a_new_title_reorders_the_section_and_its_terms() {
        assert_same(
            "notes/a.md",
            "---\ntitle: Zest\ndate: 2026-01-01\ntopics: [grief, care]\n---\n",
        );
        // Same date as Damson: the title now puts it first in `grief`.
        assert_same(
            "notes/b.md",
            "---\ntitle: Ash\ndate: 2026-03-01\ntopics: [grief]\n---\n",
        );
    }

    #[test]
    fn a_new_weight_or_date_reorders_as_assembly_does() {
        let module = "---\ntitle: One\nweight: 9\nduration: 5 minutes\noutcomes: [y]\n---\n";
        assert_same("course/one.md", module);
        assert_same("notes/c.md", "---\ntitle: Cedar\ntopics: [care]\n---\n");
    }

    #[test]
    fn terms_joined_left_made_and_emptied_are_claimed_and_freed() {
        // Joins `care`; makes `new-term`; `care` loses Cedar, its only
        // other page but Apple's; `grief` is left by Damson.
        assert_same(
            "notes/d.md",
            "---\ntitle: Damson\ndate: 2026-03-01\ntopics: [care, New term]\n---\n",
        );
        assert_same(
            "notes/c.md",
            "---\ntitle: Cedar\ndate: 2026-03-01\ntopics: []\n---\n",
        );
        let ((patched, _), _) = both(
            "notes/c.md",
            "---\ntitle: Cedar\ndate: 2026-03-01\ntopics: [fresh]\n---\n",
        )
        .unwrap();
        assert!(patched.published.contains_key("topics/fresh/"));
        // The first page with a term names it: a new spelling renames it.
        let text = "---\ntitle: Apple\ndate: 2026-01-01\ntopics: [GRIEF, care]\n---\n";
        assert_same("notes/a.md", text);
        let ((patched, _), _) = both("notes/a.md", text).unwrap();
        let names = patched.taxonomies[0].terms.iter().map(|t| t.name.as_str());
        assert!(names.collect::<Vec<_>>().contains(&"GRIEF"));
    }

    #[test]
    fn a_module_taken_out_of_its_course_is_the_error_assembly_gives() {
        let text = "---\ntitle: Out\ntype: module\nduration: 5 minutes\noutcomes: [y]\n---\n";
        assert_same("notes/a.md", text);
        let ((_, problems), _) = both("notes/a.md", text).unwrap();
        assert!(problems.iter().any(|e| e.kind == ErrorKind::InvalidValue));
    }

    #[test]
    fn edits_that_change_the_shape_are_left_to_assembly() {
        let declined = |path: &str, text: &str| both(path, text).is_none();
        // A new address, a redirect, a draft.
        assert!(declined(
            "notes/a.md",
            "---\ntitle: Apple\nslug: pear\n---\n"
        ));
        assert!(declined(
            "notes/a.md",
            "---\ntitle: Apple\naliases: [/old/]\n---\n"
        ));
        assert!(declined(
            "notes/a.md",
            "---\ntitle: Apple\ndraft: true\n---\n"
        ));
        // A section, and a term whose address a page has.
        assert!(declined(
            "notes/_index.md",
            "---\ntitle: Other notes\n---\n"
        ));
        assert!(declined(
            "notes/a.md",
            "---\ntitle: Apple\ntopics: [loss]\n---\n"
        ));
        // A commitment's number is checked against the others'.
        let commitment = "---\ntitle: C\ntype: commitment\nnumber: 1\nsector: S\nstatus: achieved\nasks: Do it.\n---\n";
        assert!(declined("notes/a.md", commitment));
    }
}
