//! The integration-test harness: a fixture site copied into a temporary
//! folder, extra files added inline, then built through the library or the
//! real binary. Failures print what was built and what Hearth said.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use chrono::NaiveDate;
use hearth::build::{self, BuildOptions, Summary};
use hearth::cli::{CheckArgs, CheckFormat};
use hearth::{Diagnostics, Error, ErrorKind};

/// A site under test, in its own temporary folder.
pub struct TestSite {
    _dir: tempfile::TempDir,
    /// The site root.
    pub root: PathBuf,
}

/// The outcome of a library build.
pub struct Outcome {
    pub summary: Option<Summary>,
    pub diagnostics: Diagnostics,
}

impl Outcome {
    /// The errors, sorted.
    pub fn errors(&self) -> Vec<&Error> {
        self.diagnostics
            .sorted()
            .into_iter()
            .filter(|e| e.is_error())
            .collect()
    }

    /// The warnings, sorted.
    pub fn warnings(&self) -> Vec<&Error> {
        self.diagnostics
            .sorted()
            .into_iter()
            .filter(|e| !e.is_error())
            .collect()
    }

    /// (kind, file, line) of every error.
    pub fn error_places(&self) -> Vec<(ErrorKind, String, usize)> {
        self.errors()
            .iter()
            .map(|e| (e.kind, e.path.display().to_string(), e.line))
            .collect()
    }

    /// (kind, line, column) of every error.
    pub fn error_spots(&self) -> Vec<(ErrorKind, usize, usize)> {
        spots(&self.errors())
    }

    /// (kind, line, column) of every warning.
    pub fn warning_spots(&self) -> Vec<(ErrorKind, usize, usize)> {
        spots(&self.warnings())
    }

    /// Panics with the report unless the build succeeded.
    pub fn assert_ok(&self) -> &Summary {
        match &self.summary {
            Some(summary) => summary,
            None => panic!("build failed:\n{}", self.diagnostics.report()),
        }
    }
}

fn spots(problems: &[&Error]) -> Vec<(ErrorKind, usize, usize)> {
    problems
        .iter()
        .map(|e| (e.kind, e.line, e.column))
        .collect()
}

/// The fixed "today" of tests, so review dates do not age.
pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).expect("a valid date")
}

impl TestSite {
    /// Copies `tests/sites/NAME` into a new temporary folder.
    pub fn fixture(name: &str) -> Self {
        let site = Self::empty();
        let from = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/sites")
            .join(name);
        copy_tree(&from, &site.root);
        site
    }

    /// A site with only a site.yaml and a home page.
    pub fn minimal() -> Self {
        Self::fixture("minimal")
    }

    pub fn empty() -> Self {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let root = dir.path().join("site");
        fs::create_dir_all(&root).expect("create the site folder");
        TestSite { _dir: dir, root }
    }

    /// Adds or replaces a text file.
    pub fn file(self, path: &str, text: &str) -> Self {
        self.bytes(path, text.as_bytes())
    }

    /// Adds or replaces a file of any bytes.
    pub fn bytes(self, path: &str, bytes: &[u8]) -> Self {
        let target = self.root.join(path);
        fs::create_dir_all(target.parent().expect("a parent")).expect("create folders");
        fs::write(&target, bytes).expect("write the file");
        self
    }

    /// Removes a file.
    pub fn remove(self, path: &str) -> Self {
        fs::remove_file(self.root.join(path)).expect("remove the file");
        self
    }

    /// Build options for this site.
    pub fn options(&self) -> BuildOptions {
        BuildOptions {
            root: self.root.clone(),
            base_url: None,
            is_drafts: false,
            is_strict: false,
            today: today(),
        }
    }

    /// `hearth check` options for this site: text, no external links, no drafts.
    pub fn check_args(&self) -> CheckArgs {
        CheckArgs {
            root: self.root.clone(),
            strict: false,
            format: CheckFormat::Text,
            external: false,
            drafts: false,
        }
    }

    /// Builds with the library into ROOT/public.
    pub fn build(&self) -> Outcome {
        self.build_with(self.options())
    }

    /// Builds with given options into ROOT/public.
    pub fn build_with(&self, options: BuildOptions) -> Outcome {
        let mut diagnostics = Diagnostics::new();
        let summary = build::run(&options, &self.output(), &mut diagnostics);
        Outcome {
            summary,
            diagnostics,
        }
    }

    /// The output folder.
    pub fn output(&self) -> PathBuf {
        self.root.join("public")
    }

    /// Reads a built file.
    pub fn read(&self, path: &str) -> String {
        let file = self.output().join(path);
        fs::read_to_string(&file).unwrap_or_else(|e| {
            panic!(
                "cannot read {}: {e}\nbuilt files:\n{}",
                file.display(),
                self.listing().join("\n")
            )
        })
    }

    /// The `<main>` element of a built page, for snapshots.
    pub fn main_of(&self, path: &str) -> String {
        let html = self.read(path);
        let start = html.find("<main").expect("the page has a <main>");
        let end = html.find("</main>").expect("the page closes <main>") + "</main>".len();
        html[start..end].to_string()
    }

    /// Every built file's path.
    pub fn listing(&self) -> Vec<String> {
        self.snapshot().into_keys().collect()
    }

    /// Every built file's bytes, by path: to prove the output did not change.
    pub fn snapshot(&self) -> BTreeMap<String, Vec<u8>> {
        let mut found = BTreeMap::new();
        for entry in walkdir::WalkDir::new(self.output()).sort_by_file_name() {
            let entry = entry.expect("walk the output");
            if entry.file_type().is_file() {
                let relative = entry
                    .path()
                    .strip_prefix(self.output())
                    .expect("inside")
                    .display()
                    .to_string();
                found.insert(relative, fs::read(entry.path()).expect("read"));
            }
        }
        found
    }

    /// Runs the real binary in the site folder.
    pub fn run(&self, args: &[&str]) -> Run {
        let output = Command::new(env!("CARGO_BIN_EXE_hearth"))
            .args(args)
            .current_dir(&self.root)
            .output()
            .expect("run hearth");
        Run {
            code: output.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }
}

/// What the binary did.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

pub fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap_or_else(|e| panic!("fixture {}: {e}", from.display()));
        let target = to.join(entry.path().strip_prefix(from).expect("inside"));
        if entry.file_type().is_dir() {
            fs::create_dir_all(&target).expect("create folder");
        } else {
            fs::copy(entry.path(), &target).expect("copy fixture file");
        }
    }
}

/// Every `href` and `src` in an HTML text.
pub fn links_in(html: &str) -> Vec<String> {
    let mut found = Vec::new();
    for attribute in ["href=\"", "src=\""] {
        for (at, _) in html.match_indices(attribute) {
            let rest = &html[at + attribute.len()..];
            if let Some(end) = rest.find('"') {
                found.push(rest[..end].replace("&amp;", "&"));
            }
        }
    }
    found
}
