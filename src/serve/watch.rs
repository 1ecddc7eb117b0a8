//! Watching the site folder: file-system noise turned into [`Change`]s.
//!
//! [`classify`] is the one pure function that decides what kind of change a
//! path is; [`Watcher`] feeds it events from notify (or from polling, for
//! network drives, WSL and containers) and coalesces each burst of events
//! from one save into one batch.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{channel, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use notify::event::ModifyKind;
use notify::{EventKind, RecursiveMode};

use crate::error::{Error, ErrorKind};
use crate::files::is_ignored_name;
use crate::pipeline::Change;

/// What a changed path is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChangeKind {
    /// A markdown file under `content/`, by its path there.
    Content(String),
    /// Another file or a folder under `content/`, by its path there.
    ContentFile(String),
    /// The content folder itself.
    ContentTree,
    /// A template of the theme or the site.
    Template,
    /// A static file of the theme or the site.
    Static,
    /// A static stylesheet: browsers can swap it without reloading.
    Stylesheet,
    /// `site.yaml`.
    Config,
    /// Anything Hearth does not read.
    Ignored,
}

/// Decides what kind of change a path under `root` is.
pub fn classify(root: &Path, path: &Path) -> ChangeKind {
    let Ok(relative) = path.strip_prefix(root) else {
        return ChangeKind::Ignored;
    };
    let parts: Vec<String> = relative
        .components()
        .filter(|c| matches!(c, std::path::Component::Normal(_)))
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if parts.is_empty() || parts.iter().any(|p| is_ignored_name(p)) {
        return ChangeKind::Ignored;
    }
    let names: Vec<&str> = parts.iter().map(String::as_str).collect();
    match names.as_slice() {
        ["site.yaml"] => ChangeKind::Config,
        ["content"] => ChangeKind::ContentTree,
        ["content", rest @ ..]
            if rest
                .last()
                .is_some_and(|n| crate::files::markdown_stem(n).is_some()) =>
        {
            ChangeKind::Content(rest.join("/"))
        }
        ["content", rest @ ..] => ChangeKind::ContentFile(rest.join("/")),
        ["templates", ..] | ["themes", _, "templates", ..] => ChangeKind::Template,
        ["static", .., last] | ["themes", _, "static", .., last] if last.ends_with(".css") => {
            ChangeKind::Stylesheet
        }
        ["static", ..] | ["themes", _, "static", ..] => ChangeKind::Static,
        ["themes", ..] => ChangeKind::Template,
        _ => ChangeKind::Ignored,
    }
}

/// Turns classified paths into the changes a session understands.
pub fn changes(kinds: impl IntoIterator<Item = ChangeKind>) -> Vec<Change> {
    let mut content = Vec::new();
    let mut files = Vec::new();
    let mut changes = Vec::new();
    for kind in kinds {
        let change = match kind {
            ChangeKind::Content(path) => {
                content.push(path);
                continue;
            }
            ChangeKind::ContentFile(path) => {
                files.push(path);
                continue;
            }
            ChangeKind::ContentTree => Change::ContentTree,
            ChangeKind::Template => Change::Templates,
            ChangeKind::Static | ChangeKind::Stylesheet => Change::Static,
            ChangeKind::Config => Change::Everything,
            ChangeKind::Ignored => continue,
        };
        if !changes.contains(&change) {
            changes.push(change);
        }
    }
    for (mut paths, change) in [
        (files, Change::ContentFiles as fn(Vec<String>) -> Change),
        (content, Change::Content),
    ] {
        if !paths.is_empty() {
            paths.sort();
            paths.dedup();
            changes.push(change(paths));
        }
    }
    changes
}

/// One save's worth of changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Batch {
    /// What changed.
    pub changes: Vec<Change>,
    /// True when only stylesheets changed.
    pub is_css_only: bool,
}

impl Batch {
    /// Makes a batch from classified paths; `None` when nothing Hearth reads changed.
    pub fn new(kinds: Vec<ChangeKind>) -> Option<Batch> {
        let read: Vec<ChangeKind> = kinds
            .into_iter()
            .filter(|k| *k != ChangeKind::Ignored)
            .collect();
        let is_css_only = !read.is_empty() && read.iter().all(|k| *k == ChangeKind::Stylesheet);
        let changes = changes(read);
        (!changes.is_empty()).then_some(Batch {
            changes,
            is_css_only,
        })
    }
}

/// The folders of a site that are watched with everything in them.
const FOLDERS: [&str; 4] = ["content", "themes", "static", "templates"];

/// Watches `folder` of the site folder `root`, with everything in it, if
/// it is there, first dropping any watch left from before.
fn watch_folder(inner: &mut dyn notify::Watcher, root: &Path, folder: &str) -> notify::Result<()> {
    let path = root.join(folder);
    // Fails harmlessly when nothing watched it.
    let _ = inner.unwatch(&path);
    if path.is_dir() {
        inner.watch(&path, RecursiveMode::Recursive)?;
    }
    Ok(())
}

/// Watches a site folder.
pub struct Watcher {
    inner: Box<dyn notify::Watcher + Send>,
    events: Receiver<notify::Result<notify::Event>>,
    root: PathBuf,
}

/// How long a burst of events may stay quiet before it counts as one save.
const QUIET: Duration = Duration::from_millis(25);
/// How long a burst may stay quiet once its last event finished a save:
/// a site file closed after writing, or renamed into place. Only files
/// saved together (an editor's "save all", a branch switch) are still to
/// come, and those follow within a millisecond or two.
const SETTLED: Duration = Duration::from_millis(4);
/// The longest a burst is held back.
const LONGEST: Duration = Duration::from_millis(250);

impl Watcher {
    /// Starts watching `root`; `is_polling` uses polling instead of native events.
    pub fn start(root: &Path, is_polling: bool) -> Result<Self, Error> {
        let root = &std::path::absolute(root).unwrap_or_else(|_| root.to_path_buf());
        let (sender, events) = channel();
        let fail = |e: notify::Error| {
            Error::new(
                ErrorKind::Io,
                root,
                format!("could not watch the site folder: {e}"),
            )
            .with_help("try --poll, which works on network drives and in containers")
        };
        let mut inner: Box<dyn notify::Watcher + Send> = if is_polling {
            // The poller keeps modification times to the second, and
            // network drives may keep them coarser still: two saves within
            // one second, of the same length, would look like one.
            // Comparing each file's contents sees every save.
            let config = notify::Config::default()
                .with_poll_interval(Duration::from_millis(200))
                .with_compare_contents(true);
            Box::new(notify::PollWatcher::new(sender, config).map_err(fail)?)
        } else {
            Box::new(notify::recommended_watcher(sender).map_err(fail)?)
        };
        // The site folder itself only for its own entries: `site.yaml`,
        // and the folders below coming and going.
        inner
            .watch(root, RecursiveMode::NonRecursive)
            .map_err(fail)?;
        for folder in FOLDERS {
            watch_folder(inner.as_mut(), root, folder).map_err(fail)?;
        }
        Ok(Watcher {
            inner,
            events,
            root: root.to_path_buf(),
        })
    }

    /// Waits for the next burst of changes; `None` when watching has stopped.
    pub fn next_batch(&mut self) -> Option<Batch> {
        loop {
            let first = self.events.recv().ok()?;
            let mut quiet = quiet_after(&self.root, &first);
            let mut kinds = self.kinds(first);
            let started = Instant::now();
            while started.elapsed() < LONGEST {
                match self.events.recv_timeout(quiet) {
                    Ok(event) => {
                        quiet = quiet_after(&self.root, &event);
                        kinds.extend(self.kinds(event));
                    }
                    Err(RecvTimeoutError::Timeout) => break,
                    Err(RecvTimeoutError::Disconnected) => return None,
                }
            }
            if let Some(batch) = Batch::new(kinds) {
                return Some(batch);
            }
        }
    }

    /// Watches a folder of [`FOLDERS`] again after it was made, deleted,
    /// or moved away and back (as a branch switch or a sync tool does): a
    /// watch follows the folder it was put on, so without this, changes in
    /// a folder made while serving, or put back, would go unseen.
    fn rewatch(&mut self, path: &Path) {
        let folder = path
            .strip_prefix(&self.root)
            .ok()
            .and_then(|relative| relative.to_str())
            .and_then(|name| FOLDERS.iter().find(|folder| **folder == name));
        if let Some(folder) = folder {
            if let Err(error) = watch_folder(self.inner.as_mut(), &self.root, folder) {
                let error = Error::new(
                    ErrorKind::Io,
                    path,
                    format!("could not watch this folder again: {error}"),
                )
                .warning()
                .with_help("restart `hearth serve` to see changes in it");
                eprint!("{error}");
            }
        }
    }

    fn kinds(&mut self, event: notify::Result<notify::Event>) -> Vec<ChangeKind> {
        // Only a folder made, deleted or renamed needs watching again:
        // watching opens it, and an opening is an event too.
        if let Ok(event) = &event {
            let is_coming_or_going = matches!(
                event.kind,
                EventKind::Create(_)
                    | EventKind::Remove(_)
                    | EventKind::Modify(ModifyKind::Name(_))
            );
            if is_coming_or_going {
                for path in &event.paths {
                    self.rewatch(path);
                }
            }
        }
        match event {
            Ok(event) if matches!(event.kind, EventKind::Access(_)) => Vec::new(),
            Ok(event) => event
                .paths
                .iter()
                .map(|p| classify(&self.root, p))
                .collect(),
            Err(_) => vec![ChangeKind::Config],
        }
    }
}

/// How long to wait for more events after `event`: [`SETTLED`] when it
/// finished a save of a site file (closed after writing, or renamed into
/// place), [`QUIET`] otherwise, since a file still being written sends
/// nothing until its next write. Watchers that report no closing (polling,
/// some systems) always wait [`QUIET`].
fn quiet_after(root: &Path, event: &notify::Result<notify::Event>) -> Duration {
    use notify::event::{AccessKind, AccessMode, RenameMode};
    let Ok(event) = event else {
        return QUIET;
    };
    let finishes = match event.kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => event.paths.first(),
        EventKind::Modify(ModifyKind::Name(RenameMode::To)) => event.paths.first(),
        EventKind::Modify(ModifyKind::Name(RenameMode::Both)) => event.paths.get(1),
        _ => None,
    };
    match finishes.map(|path| classify(root, path)) {
        Some(ChangeKind::Ignored) | None => QUIET,
        Some(_) => SETTLED,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classify_table() {
        let root = Path::new("/site");
        let table: &[(&str, ChangeKind)] = &[
            ("/site/site.yaml", ChangeKind::Config),
            ("/site/content/a.md", ChangeKind::Content("a.md".into())),
            ("/site/./content/a.md", ChangeKind::Content("a.md".into())),
            (
                "/site/content/b.Markdown",
                ChangeKind::Content("b.Markdown".into()),
            ),
            (
                "/site/content/courses/01-x/02-y.md",
                ChangeKind::Content("courses/01-x/02-y.md".into()),
            ),
            (
                "/site/content/courses/map.png",
                ChangeKind::ContentFile("courses/map.png".into()),
            ),
            (
                "/site/content/courses",
                ChangeKind::ContentFile("courses".into()),
            ),
            ("/site/content", ChangeKind::ContentTree),
            ("/site/content/.a.md.swp", ChangeKind::Ignored),
            ("/site/content/a.md~", ChangeKind::Ignored),
            ("/site/content/#a.md#", ChangeKind::Ignored),
            ("/site/content/4913", ChangeKind::Ignored),
            ("/site/content/.git/x", ChangeKind::Ignored),
            ("/site/templates/page.html", ChangeKind::Template),
            (
                "/site/themes/default/templates/partials/x.html",
                ChangeKind::Template,
            ),
            ("/site/themes/default/theme.yaml", ChangeKind::Template),
            ("/site/static/logo.svg", ChangeKind::Static),
            (
                "/site/themes/default/static/style.css",
                ChangeKind::Stylesheet,
            ),
            ("/site/themes/default/static/logo.png", ChangeKind::Static),
            ("/site/public/index.html", ChangeKind::Ignored),
            ("/site/target/debug/x", ChangeKind::Ignored),
            ("/site/README.md", ChangeKind::Ignored),
            ("/elsewhere/content/a.md", ChangeKind::Ignored),
            ("/site", ChangeKind::Ignored),
        ];
        for (path, expected) in table {
            assert_eq!(&classify(root, Path::new(path)), expected, "{path}");
        }
    }

    #[test]
    fn changes_are_coalesced() {
        let kinds = [
            ChangeKind::Content("b.md".into()),
            ChangeKind::Content("a.md".into()),
            ChangeKind::Content("b.md".into()),
            ChangeKind::Static,
            ChangeKind::Static,
            ChangeKind::ContentFile("walk/map.png".into()),
            ChangeKind::ContentFile("walk/.tmp".into()),
            ChangeKind::ContentFile("walk/map.png".into()),
            ChangeKind::Ignored,
        ];
        assert_eq!(
            changes(kinds),
            vec![
                Change::Static,
                Change::ContentFiles(vec!["walk/.tmp".into(), "walk/map.png".into()]),
                Change::Content(vec!["a.md".into(), "b.md".into()])
            ]
        );
        assert!(changes([ChangeKind::Ignored]).is_empty());
    }

    #[test]
    fn batches_know_when_only_css_changed() {
        let css = Batch::new(vec![ChangeKind::Stylesheet, ChangeKind::Ignored]).unwrap();
        assert!(css.is_css_only);
        let mixed = Batch::new(vec![
            ChangeKind::Stylesheet,
            ChangeKind::Content("a.md".into()),
        ])
        .unwrap();
        assert!(!mixed.is_css_only);
        assert_eq!(Batch::new(vec![ChangeKind::Ignored]), None);
    }

    #[test]
    fn a_finished_save_of_a_site_file_ends_the_wait_sooner() {
        use notify::event::{AccessKind, AccessMode, CreateKind, DataChange, RenameMode};
        let root = Path::new("/site");
        let event = |kind: EventKind, paths: &[&str]| {
            let event = notify::Event::new(kind);
            Ok(paths.iter().fold(event, |e, p| e.add_path(p.into())))
        };
        let closed = EventKind::Access(AccessKind::Close(AccessMode::Write));
        let written = EventKind::Modify(ModifyKind::Data(DataChange::Any));
        let renamed = EventKind::Modify(ModifyKind::Name(RenameMode::Both));
        let table = [
            (event(closed, &["/site/content/a.md"]), SETTLED),
            (event(closed, &["/site/templates/page.html"]), SETTLED),
            (event(closed, &["/site/content/.a.md.swp"]), QUIET),
            (event(written, &["/site/content/a.md"]), QUIET),
            (
                event(EventKind::Create(CreateKind::File), &["/site/content/a.md"]),
                QUIET,
            ),
            (
                event(renamed, &["/site/content/.a.md.tmp", "/site/content/a.md"]),
                SETTLED,
            ),
            (
                event(renamed, &["/site/content/a.md", "/site/content/a.md~"]),
                QUIET,
            ),
            (Err(notify::Error::generic("lost")), QUIET),
        ];
        for (i, (event, wait)) in table.iter().enumerate() {
            assert_eq!(quiet_after(root, event), *wait, "row {i}");
        }
    }
}
