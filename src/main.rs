//! The `hearth` command: parses arguments, calls the library, prints
//! diagnostics and sets the exit code (0 success, 1 content errors, 2 usage).

use std::io::IsTerminal;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use clap::Parser;
use hearth::cli::{BuildArgs, Cli, Command, InitArgs, NewArgs, ServeArgs, TranslateArgs};
use hearth::pipeline::Progress;
use hearth::{build, content, init, offline, Diagnostics};

/// mimalloc rather than the system allocator: a build allocates many small,
/// short-lived strings on every thread, and mimalloc serves them faster.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build(args) => run_build(&args),
        Command::Init(args) => run_init(&args),
        Command::Schema(args) => finish(content::schema::write_all(&args.output), |written| {
            println!("Wrote {written} schemas to {}.", args.output.display());
        }),
        Command::New(args) => run_new(&args),
        Command::Translate(args) => run_translate(&args),
        Command::Serve(args) => run_serve(args),
        Command::Import(args) => finish(hearth::import::run(&import_options(args)), |done| {
            print!("{}", hearth::import::report(&done));
        }),
        Command::Pack(args) => {
            run_offline(&offline::from_pack_args(&args, content::dates::today()))
        }
        Command::Check(args) => {
            let outcome = hearth::check::run(&args, content::dates::today());
            print!("{}", outcome.stdout);
            eprint!("{}", outcome.stderr);
            ExitCode::from(outcome.exit_code)
        }
    }
}

/// `hearth init`: makes a new site, and says how to preview it.
fn run_init(args: &InitArgs) -> ExitCode {
    finish(init::init_site(args), |files| {
        println!(
            "Created a new site in {} ({files} files).",
            args.dir.display()
        );
        println!(
            "Preview it with: hearth serve --root {}, then open http://127.0.0.1:1111/",
            args.dir.display()
        );
    })
}

/// `hearth new`: makes a page, and its section when the site had none.
fn run_new(args: &NewArgs) -> ExitCode {
    finish(init::new_page(args, content::dates::today()), |made| {
        println!("Created {}", made.page.display());
        if let Some(section) = made.section {
            println!(
                "Created {} too: the site had no section for {}s, so it has one now.",
                section.display(),
                init::kind_name(args.kind)
            );
        }
    })
}

/// `hearth translate`: makes a page's counterpart in another language.
fn run_translate(args: &TranslateArgs) -> ExitCode {
    finish(hearth::translate::translate(args), |path| {
        println!(
            "Created {}: translate it, then remove `draft: true`.",
            path.display()
        );
    })
}

/// `hearth serve`: the preview server, until it is stopped.
fn run_serve(args: ServeArgs) -> ExitCode {
    let options = hearth::serve::ServeOptions {
        root: args.root,
        port: args.port,
        interface: args.interface,
        is_drafts: args.drafts,
        is_opening: args.open,
        is_polling: args.poll,
        today: content::dates::today(),
    };
    finish(hearth::serve::run(options), |()| {})
}

fn finish<T>(result: Result<T, hearth::Error>, done: impl FnOnce(T)) -> ExitCode {
    match result {
        Ok(value) => {
            done(value);
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("{error}");
            ExitCode::from(1)
        }
    }
}

fn import_options(args: hearth::cli::ImportArgs) -> hearth::import::ImportOptions {
    use hearth::cli::ImportKind;
    use hearth::import::PageKind;
    hearth::import::ImportOptions {
        source: args.source,
        kind: args.kind.map(|kind| match kind {
            ImportKind::Brief => PageKind::Brief,
            ImportKind::Module => PageKind::Module,
            ImportKind::Page => PageKind::Page,
            ImportKind::Commitment => PageKind::Commitment,
        }),
        root: args.root,
        into: args.into,
        is_forced: args.force,
        today: content::dates::today(),
    }
}

fn run_build(args: &BuildArgs) -> ExitCode {
    if let Some(options) = offline::from_build_args(args, content::dates::today()) {
        return run_offline(&options);
    }
    let started = Instant::now();
    let output = args
        .output
        .clone()
        .unwrap_or_else(|| args.root.join("public"));
    let progress = Arc::new(Progress::default());
    let bar = progress_bar(Arc::clone(&progress));
    let mut diagnostics = Diagnostics::new();
    let summary =
        build::run_with_progress(&build_options(args), &output, progress, &mut diagnostics);
    bar.finish();
    print_diagnostics(&diagnostics);
    let Some(summary) = summary else {
        eprintln!("Build failed: the previous output, if any, is unchanged.");
        return ExitCode::from(1);
    };
    println!(
        "Built {} pages and {} sections: {} files in {} ({:.2} s)",
        summary.pages,
        summary.sections,
        summary.files,
        output.display(),
        started.elapsed().as_secs_f64()
    );
    ExitCode::SUCCESS
}

/// The build's options from its arguments.
fn build_options(args: &BuildArgs) -> build::BuildOptions {
    build::BuildOptions {
        root: args.root.clone(),
        base_url: args.base_url.clone(),
        is_drafts: args.drafts,
        is_strict: args.strict,
        today: content::dates::today(),
    }
}

fn run_offline(options: &offline::OfflineOptions) -> ExitCode {
    let started = Instant::now();
    let mut diagnostics = Diagnostics::new();
    let summary = offline::run(options, &mut diagnostics);
    print_diagnostics(&diagnostics);
    let Some(summary) = summary else {
        eprintln!("The offline copy was not written: the previous one, if any, is unchanged.");
        return ExitCode::from(1);
    };
    let places: Vec<String> = [&options.output, &options.zip]
        .into_iter()
        .flatten()
        .map(|path| path.display().to_string())
        .collect();
    println!(
        "Wrote an offline copy of {} pages: {} files, {:.1} MB (search index {:.0} KB) to {} ({:.2} s)",
        summary.pages,
        summary.files,
        summary.bytes as f64 / 1e6,
        summary.index_bytes as f64 / 1e3,
        places.join(" and "),
        started.elapsed().as_secs_f64()
    );
    println!("Open index.html in it with a web browser; no web server is needed.");
    ExitCode::SUCCESS
}

/// A progress bar on standard error for builds that take over a second;
/// nothing when standard error is not a terminal.
struct ProgressBar {
    stop: Arc<AtomicBool>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl ProgressBar {
    fn finish(mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

fn progress_bar(progress: Arc<Progress>) -> ProgressBar {
    let stop = Arc::new(AtomicBool::new(false));
    if !std::io::stderr().is_terminal() {
        return ProgressBar { stop, thread: None };
    }
    let stopped = Arc::clone(&stop);
    let thread = std::thread::spawn(move || {
        if is_past_a_second(&progress, &stopped) {
            show_progress(&progress, &stopped);
        }
    });
    ProgressBar {
        stop,
        thread: Some(thread),
    }
}

/// Waits until the build has run a second and knows how many pages it
/// writes: true then, false when it stops first.
fn is_past_a_second(progress: &Progress, stopped: &AtomicBool) -> bool {
    let started = Instant::now();
    while started.elapsed() < Duration::from_secs(1) || progress.total.load(Ordering::Relaxed) == 0
    {
        if stopped.load(Ordering::Relaxed) {
            return false;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    true
}

/// Draws the bar until the build stops, then clears it.
fn show_progress(progress: &Progress, stopped: &AtomicBool) {
    let bar = indicatif::ProgressBar::new(0);
    bar.set_style(
        indicatif::ProgressStyle::with_template(
            "{spinner} Building [{bar:30}] {pos}/{len} pages ({elapsed})",
        )
        .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar())
        .progress_chars("=> "),
    );
    while !stopped.load(Ordering::Relaxed) {
        let total = progress.total.load(Ordering::Relaxed);
        bar.set_length(total as u64);
        bar.set_position(progress.done.load(Ordering::Relaxed).min(total) as u64);
        std::thread::sleep(Duration::from_millis(80));
    }
    bar.finish_and_clear();
}

fn print_diagnostics(diagnostics: &Diagnostics) {
    if diagnostics.iter().next().is_some() {
        eprint!("{}", diagnostics.report());
    }
}
