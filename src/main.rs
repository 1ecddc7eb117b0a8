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
    let output_dir = args
        .output
        .clone()
        .unwrap_or_else(|| args.root.join("public"));
    let mut diagnostics = Diagnostics::new();
    if let Err(error) = build::check_output(&args.root, &output_dir) {
        diagnostics.push(error);
        return report(&diagnostics);
    }
    let options = build::BuildOptions {
        root: args.root.clone(),
        base_url: args.base_url.clone(),
        is_drafts: args.drafts,
        is_strict: args.strict,
        today: content::dates::today(),
    };
    let built = build::build_site(&options, &mut diagnostics);
    let Some(built) = built else {
        eprintln!("Build failed: the previous output, if any, is unchanged.");
        return report(&diagnostics);
    };
    match build::write(&built.output, &output_dir) {
        Ok(count) => {
            print_diagnostics(&diagnostics);
            println!(
                "Built {} pages and {} sections: {count} files in {} ({:.2} s)",
                built.output.page_count,
                built.output.section_count,
                output_dir.display(),
                started.elapsed().as_secs_f64()
            );
            ExitCode::SUCCESS
        }
        Err(error) => {
            diagnostics.push(error);
            report(&diagnostics)
        }
    }
}

fn print_diagnostics(diagnostics: &Diagnostics) {
    if diagnostics.iter().next().is_some() {
        eprint!("{}", diagnostics.report());
    }
}

fn report(diagnostics: &Diagnostics) -> ExitCode {
    print_diagnostics(diagnostics);
    ExitCode::from(1)
}
