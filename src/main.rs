//! The `hearth` command: parses arguments, calls the library, prints
//! diagnostics and sets the exit code (0 success, 1 content errors, 2 usage).

use std::process::ExitCode;
use std::time::Instant;

use clap::Parser;
use hearth::cli::{BuildArgs, Cli, Command};
use hearth::{build, content, init, Diagnostics};

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build(args) => run_build(&args),
        Command::Init(args) => finish(init::init(&args.dir), |files| {
            println!(
                "Created a new site in {} ({files} files).",
                args.dir.display()
            );
            println!("Build it with: hearth build --root {}", args.dir.display());
        }),
        Command::Schema(args) => finish(content::schema::write_all(&args.output), |written| {
            println!("Wrote {written} schemas to {}.", args.output.display());
        }),
        Command::New(args) => finish(init::new_page(&args, content::dates::today()), |path| {
            println!("Created {}", path.display());
        }),
        Command::Serve(args) => {
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
        Command::Check(args) => {
            let outcome = hearth::check::run(&args, content::dates::today());
            print!("{}", outcome.stdout);
            eprint!("{}", outcome.stderr);
            ExitCode::from(outcome.exit_code)
        }
    }
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

fn run_build(args: &BuildArgs) -> ExitCode {
    let started = Instant::now();
    let output = args
        .output
        .clone()
        .unwrap_or_else(|| args.root.join("public"));
    let options = build::BuildOptions {
        root: args.root.clone(),
        base_url: args.base_url.clone(),
        is_drafts: args.drafts,
        is_strict: args.strict,
        today: content::dates::today(),
    };
    let mut diagnostics = Diagnostics::new();
    let summary = build::run(&options, &output, &mut diagnostics);
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

fn print_diagnostics(diagnostics: &Diagnostics) {
    if diagnostics.iter().next().is_some() {
        eprint!("{}", diagnostics.report());
    }
}
