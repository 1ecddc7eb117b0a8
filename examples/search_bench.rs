//! What full-text search costs on a large site: build time with and without
//! the index, and the bytes one query downloads.
//!
//! ```sh
//! bench/run.sh 10000 1      # makes bench/.cache/site-10000-seed1 (once)
//! cargo run --release --example search_bench [-- SITE_ROOT]
//! cargo run --release --example search_bench -- --written OUTPUT [RUNS]
//! ```
//!
//! With `--written`, indexes a site already built into OUTPUT (by `hearth
//! build`) RUNS times (default 1), prints each time and the sizes, and
//! writes the bundle into OUTPUT: for profiling the indexer alone, or to
//! try the search of a large site in a browser.
//!
//! Builds SITE_ROOT (default: the 10,000-page benchmark site) in memory and
//! writes it to a temporary folder, then indexes the written pages with
//! `search::index_from` and writes the bundle beside them. Prints the times
//! of each part (`bench/search.sh` measures what search adds to `hearth
//! build` itself), and estimates one query's download from the bundle's
//! file sizes: the entry file, the page metadata, one index chunk (median
//! and largest) and five result fragments (the largest five); the filter
//! indexes, fetched when a reader opens the filters; and, once per visit,
//! the scripts and WebAssembly.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use hearth::build::{self, BuildOptions};
use hearth::render::{Output, OutputFile};
use hearth::{Diagnostics, Error};

const DEFAULT_ROOT: &str = "bench/.cache/site-10000-seed1/hearth";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("--written") => match args.get(1) {
            Some(folder) => {
                let runs = args.get(2).and_then(|n| n.parse().ok()).unwrap_or(1);
                index_written(PathBuf::from(folder), runs)
            }
            None => Err("--written needs the folder of a built site".to_string()),
        },
        root => run(root.map_or_else(|| PathBuf::from(DEFAULT_ROOT), PathBuf::from)),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("search_bench: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run(root: PathBuf) -> Result<(), String> {
    if !root.join("site.yaml").is_file() {
        return Err(format!(
            "no site at {} (make it with `bench/run.sh 10000 1`)",
            root.display()
        ));
    }
    let options = BuildOptions {
        root,
        base_url: None,
        is_drafts: false,
        is_strict: false,
        today: chrono::Local::now().date_naive(),
    };
    let scratch = tempfile::tempdir().map_err(|e| e.to_string())?;

    let started = Instant::now();
    let mut diagnostics = Diagnostics::new();
    let built = build::build_site(&options, &mut diagnostics)
        .ok_or_else(|| format!("the build failed:\n{}", diagnostics.report()))?;
    let build_time = started.elapsed();
    // Once `render` indexes by itself, its bundle is set aside and timed here.
    let (pages, _): (Vec<OutputFile>, Vec<OutputFile>) =
        built.output.files.into_iter().partition(|f| {
            !f.path
                .starts_with(&format!("{}/", hearth::search::BUNDLE_DIR))
        });
    let html_pages = pages.iter().filter(|f| f.path.ends_with(".html")).count();
    let folder = scratch.path().join("site");
    let (write_time, pages) = timed_write(pages, &folder)?;

    // The pages are on disk, read back in parallel and indexed.
    let paths = pages.iter().map(|f| f.path.clone());
    let timed = timed_index(&folder, paths, &built.site.config.base_path)?;
    let bundle = timed.bundle;
    let sizes = Sizes::of(&bundle);
    let started = Instant::now();
    write_files(&bundle, &folder)?;
    let write_all_time = write_time + started.elapsed();

    println!("HTML pages:                  {html_pages}");
    println!("build in memory:             {}", secs(build_time));
    println!("write, pages only:           {}", secs(write_time));
    println!("search::index_from:          {}", timed.shown);
    println!("write, pages and bundle:     {}", secs(write_all_time));
    println!("(bench/search.sh measures what search adds to `hearth build` itself)");
    sizes.print();
    Ok(())
}

/// Indexes the pages of a site already written to `folder`, `runs` times.
fn index_written(folder: PathBuf, runs: usize) -> Result<(), String> {
    let paths: Vec<String> = walkdir::WalkDir::new(&folder)
        .into_iter()
        .filter_entry(|entry| entry.file_name() != hearth::search::BUNDLE_DIR)
        .filter_map(Result::ok)
        .filter(|entry| entry.file_type().is_file())
        .filter_map(|entry| {
            let path = entry.path().strip_prefix(&folder).ok()?;
            Some(path.to_string_lossy().replace('\\', "/"))
        })
        .collect();
    let mut bundle = Vec::new();
    for _ in 0..runs.max(1) {
        let timed = timed_index(&folder, paths.iter().cloned(), "/")?;
        println!("search::index_from:          {}", timed.shown);
        bundle = timed.bundle;
    }
    Sizes::of(&bundle).print();
    let _ = std::fs::remove_dir_all(folder.join(hearth::search::BUNDLE_DIR));
    write_files(&bundle, &folder)
}

/// A timed run of the indexer.
struct Timed {
    bundle: Vec<OutputFile>,
    /// The wall time, and the processor time where it is known.
    shown: String,
}

/// Indexes the pages at `paths` under `folder` with `search::index_from`,
/// reading each from disk, and times it.
fn timed_index(
    folder: &std::path::Path,
    paths: impl IntoIterator<Item = String>,
    base_path: &str,
) -> Result<Timed, String> {
    let cpu = cpu_seconds();
    let started = Instant::now();
    let read = |path: &str| {
        let file = folder.join(path);
        std::fs::read(&file).map_err(|e| Error::io(&file, "read this page", &e))
    };
    let bundle = hearth::search::index_from(paths, read, base_path).map_err(|e| e.to_string())?;
    let wall = started.elapsed();
    let cpu = cpu_seconds().zip(cpu).map(|(after, before)| after - before);
    let cpu = cpu.map_or_else(String::new, |cpu| {
        format!(" ({cpu:.2} s of processor time)")
    });
    Ok(Timed {
        bundle,
        shown: format!("{}{cpu}", secs(wall)),
    })
}

/// The processor time this process has used so far (user and system), on
/// Linux.
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // The fields after the command name, which is in parentheses.
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    let ticks: f64 = fields.get(11)?.parse::<f64>().ok()? + fields.get(12)?.parse::<f64>().ok()?;
    // Linux counts in hundredths of a second.
    Some(ticks / 100.0)
}

/// Writes the bundle's files into the written site.
fn write_files(files: &[OutputFile], folder: &std::path::Path) -> Result<(), String> {
    for file in files {
        let target = folder.join(&file.path);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent).map_err(|e| e.to_string())?;
        }
        let bytes = file.contents.read().map_err(|e| e.to_string())?;
        std::fs::write(&target, bytes).map_err(|e| e.to_string())?;
    }
    Ok(())
}

/// Writes the files as `hearth build` does, and hands them back.
fn timed_write(
    files: Vec<OutputFile>,
    folder: &std::path::Path,
) -> Result<(Duration, Vec<OutputFile>), String> {
    let output = Output {
        files,
        ..Output::default()
    };
    let started = Instant::now();
    build::write(&output, folder).map_err(|e: Error| e.to_string())?;
    Ok((started.elapsed(), output.files))
}

fn secs(duration: Duration) -> String {
    format!("{:.2} s", duration.as_secs_f64())
}

/// The sizes of the bundle's files, grouped as a query fetches them.
struct Sizes {
    files: usize,
    total: usize,
    entry: usize,
    meta: usize,
    filters: usize,
    largest_chunk: usize,
    median_chunk: usize,
    chunks: usize,
    five_fragments: usize,
    fragments: usize,
    code: usize,
}

impl Sizes {
    fn of(bundle: &[OutputFile]) -> Self {
        let size = |f: &OutputFile| f.contents.read().map_or(0, |b| b.len());
        let sizes_of = |suffix: &str| {
            let mut sizes: Vec<usize> = bundle
                .iter()
                .filter(|f| f.path.ends_with(suffix))
                .map(size)
                .collect();
            sizes.sort_unstable_by(|a, b| b.cmp(a));
            sizes
        };
        let chunks = sizes_of(".pf_index");
        let fragments = sizes_of(".pf_fragment");
        let named = |name: &str| {
            bundle
                .iter()
                .filter(|f| f.path.ends_with(name))
                .map(size)
                .sum()
        };
        Sizes {
            files: bundle.len(),
            total: bundle.iter().map(size).sum(),
            entry: named("pagefind-entry.json"),
            meta: sizes_of(".pf_meta").iter().sum(),
            filters: sizes_of(".pf_filter").iter().sum(),
            largest_chunk: chunks.first().copied().unwrap_or(0),
            median_chunk: chunks.get(chunks.len() / 2).copied().unwrap_or(0),
            chunks: chunks.len(),
            five_fragments: fragments.iter().take(5).sum(),
            fragments: fragments.len(),
            code: named("/pagefind.js")
                + named("pagefind-worker.js")
                + bundle
                    .iter()
                    .filter(|f| f.path.starts_with("pagefind/wasm.") && !f.path.contains("unknown"))
                    .map(size)
                    .sum::<usize>(),
        }
    }

    fn print(&self) {
        let kb = |n: usize| format!("{:.1} KB", n as f64 / 1000.0);
        let fixed = self.entry + self.meta + self.five_fragments;
        println!(
            "bundle:                      {} files, {}",
            self.files,
            kb(self.total)
        );
        println!("  entry file:                {}", kb(self.entry));
        println!("  page metadata (pf_meta):   {}", kb(self.meta));
        println!(
            "  index chunks:              {}, median {}, largest {}",
            self.chunks,
            kb(self.median_chunk),
            kb(self.largest_chunk)
        );
        println!(
            "  fragments:                 {}, the five largest {}",
            self.fragments,
            kb(self.five_fragments)
        );
        println!("  filter indexes, all:       {}", kb(self.filters));
        println!(
            "one query downloads:         {} with the median chunk, {} with the largest",
            kb(fixed + self.median_chunk),
            kb(fixed + self.largest_chunk)
        );
        println!("  plus, once the filters are opened: {}", kb(self.filters));
        println!(
            "  plus, once per visit:      {} of script and WebAssembly",
            kb(self.code)
        );
    }
}
