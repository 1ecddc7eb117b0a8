//! What one front matter edit costs the preview: builds a site in a
//! preview session (search left to the caller, as `hearth serve` does),
//! then changes one page's title or topics, builds again, and prints how
//! many files that build rendered and how long it took. The page is put
//! back as it was afterwards.
//!
//! ```sh
//! cp -r bench/.cache/site-10000-seed1/hearth /tmp/site   # never edit the cache
//! cargo build --profile profiling --example preview_edit
//! target/profiling/examples/preview_edit /tmp/site title
//! valgrind --tool=callgrind --collect-atstart=no --toggle-collect='*preview_edit::edited*' \
//!     target/profiling/examples/preview_edit /tmp/site tag
//! ```
//!
//! Under callgrind only the edited build is counted (`edited`), so its
//! instruction count is repeatable whatever else the machine is doing.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use hearth::pipeline::{Change, Rebuild, Session};
use hearth::BuildOptions;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(root), Some(kind)) = (args.first(), args.get(1)) else {
        eprintln!("usage: preview_edit SITE_ROOT title|tag");
        return ExitCode::FAILURE;
    };
    match run(Path::new(root), kind) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("preview_edit: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run(root: &Path, kind: &str) -> Result<(), String> {
    let options = BuildOptions {
        root: root.to_path_buf(),
        base_url: None,
        is_drafts: false,
        is_strict: false,
        today: chrono::Local::now().date_naive(),
    };
    let mut session = Session::new(options).with_search_deferred();
    let first = session.rebuild(&[Change::Everything]);
    if !first.is_ok {
        return Err(first.diagnostics.report());
    }
    let (path, relative) = middle_page(root)?;
    let text = std::fs::read_to_string(&path).map_err(|e| e.to_string())?;
    let edited_text = edit(&text, kind)?;
    std::fs::write(&path, &edited_text).map_err(|e| e.to_string())?;
    let started = Instant::now();
    let rebuild = edited(&mut session, Change::Content(vec![relative.clone()]));
    let elapsed = started.elapsed();
    std::fs::write(&path, &text).map_err(|e| e.to_string())?;
    if !rebuild.is_ok {
        return Err(rebuild.diagnostics.report());
    }
    println!(
        "{kind} edit of {relative}: {} of {} files rendered, {} changed, {:.1} ms",
        rebuild.rendered.len(),
        first.rendered.len(),
        rebuild.changed.len(),
        elapsed.as_secs_f64() * 1000.0
    );
    Ok(())
}

/// The build after the edit: the only function callgrind counts.
#[inline(never)]
fn edited(session: &mut Session, change: Change) -> Rebuild {
    session.rebuild(&[change])
}

/// The page in the middle of the site's pages in path order (not a
/// section's `_index.md`), and its path from `content/`.
fn middle_page(root: &Path) -> Result<(PathBuf, String), String> {
    let content = root.join("content");
    let mut pages: Vec<PathBuf> = walk(&content)
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "md") && !p.ends_with("_index.md"))
        .collect();
    pages.sort();
    let page = pages
        .get(pages.len() / 2)
        .ok_or("the site has no pages")?
        .clone();
    let relative = page
        .strip_prefix(&content)
        .map_err(|e| e.to_string())?
        .to_string_lossy()
        .replace('\\', "/");
    Ok((page, relative))
}

fn walk(folder: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(folder).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            found.extend(walk(&path));
        } else {
            found.push(path);
        }
    }
    found
}

/// The page's text with its title changed, or a new topic added.
fn edit(text: &str, kind: &str) -> Result<String, String> {
    let (field, new) = match kind {
        "title" => ("title:", "title: \"A title edited for the benchmark\""),
        "tag" => ("topics:", "topics: [\"benchmark edit\"]"),
        _ => return Err(format!("unknown edit `{kind}`: title or tag")),
    };
    let line = text
        .lines()
        .find(|line| line.starts_with(field))
        .ok_or(format!("the page has no `{field}` line"))?;
    Ok(text.replacen(line, new, 1))
}
