//! Command-line arguments: one options struct per command, no logic.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

/// Hearth builds accessible websites for public education and charter materials.
#[derive(Debug, Parser)]
#[command(name = "hearth", version, about, long_about = None)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the site into a folder of static files.
    Build(BuildArgs),
    /// Create a new site in a folder.
    Init(InitArgs),
    /// Write a JSON Schema of the front matter of each content kind.
    Schema(SchemaArgs),
    /// Create a new page of a given kind, filled in with its required fields.
    New(NewArgs),
    /// Write a page's counterpart in another of the site's languages, ready to translate.
    Translate(TranslateArgs),
    /// Preview the site, rebuilding and reloading as you edit.
    Serve(ServeArgs),
    /// Check the site for broken links, accessibility problems, stale and hard-to-read content.
    Check(CheckArgs),
    /// Bring in a Word document as a page, or a Carpentries or Quarto lesson as a course.
    Import(ImportArgs),
    /// Write one course, with the files it uses, as a copy that works opened from disk.
    Pack(PackArgs),
}

/// Output formats of `hearth check`.
#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq, Default)]
pub enum CheckFormat {
    /// Compiler-style lines and a summary.
    #[default]
    Text,
    /// A stable JSON document.
    Json,
}

/// `hearth check`.
#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// The site folder (holding site.yaml).
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// Treat warnings as errors.
    #[arg(long)]
    pub strict: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t = CheckFormat::Text)]
    pub format: CheckFormat,
    /// Also check links to other sites, over HTTP.
    #[arg(long)]
    pub external: bool,
    /// Include drafts.
    #[arg(long)]
    pub drafts: bool,
}

/// `hearth build`.
#[derive(Debug, clap::Args)]
pub struct BuildArgs {
    /// The site folder (holding site.yaml).
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// Where to write the site [default: ROOT/public].
    #[arg(long)]
    pub output: Option<PathBuf>,
    /// Override base_url from site.yaml.
    #[arg(long)]
    pub base_url: Option<String>,
    /// Include pages marked `draft: true`.
    #[arg(long)]
    pub drafts: bool,
    /// Treat warnings (such as overdue reviews) as errors.
    #[arg(long)]
    pub strict: bool,
    /// Write a copy that works opened from disk (a USB stick), with its own search
    /// [default output: ROOT/offline].
    #[arg(long)]
    pub offline: bool,
    /// Also write the offline copy as this zip file (implies --offline).
    #[arg(long)]
    pub zip: Option<PathBuf>,
}

/// `hearth pack`.
#[derive(Debug, clap::Args)]
pub struct PackArgs {
    /// The course: its folder under content/ (courses/01-first-steps) or its address (courses/first-steps).
    pub section: String,
    /// The site folder (holding site.yaml).
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// Where to write the copy [default: ROOT/packs/NAME, unless --zip is given].
    #[arg(long)]
    pub output: Option<PathBuf>,
    /// Write the copy as this zip file.
    #[arg(long)]
    pub zip: Option<PathBuf>,
    /// Include pages marked `draft: true`.
    #[arg(long)]
    pub drafts: bool,
}

/// `hearth serve`.
#[derive(Debug, clap::Args)]
pub struct ServeArgs {
    /// The site folder (holding site.yaml).
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// The port to listen on; 0 picks a free one.
    #[arg(long, default_value_t = 1111)]
    pub port: u16,
    /// The address to listen on.
    #[arg(long, default_value = "127.0.0.1")]
    pub interface: std::net::IpAddr,
    /// Include pages marked `draft: true`.
    #[arg(long)]
    pub drafts: bool,
    /// Open the site in a browser.
    #[arg(long)]
    pub open: bool,
    /// Poll for changes (for network drives, WSL and containers).
    #[arg(long)]
    pub poll: bool,
}

/// `hearth init`.
#[derive(Debug, clap::Args)]
pub struct InitArgs {
    /// The folder for the new site; it must be empty or not exist.
    pub dir: PathBuf,
    /// Also write a workflow that builds and publishes the site on this host's pages.
    #[arg(long, value_enum)]
    pub ci: Option<CiHost>,
}

/// Hosts whose pages `hearth init --ci` writes a publishing workflow for.
#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum CiHost {
    /// GitHub Pages, through GitHub Actions (.github/workflows/pages.yml).
    Github,
    /// GitLab Pages, through GitLab CI (.gitlab-ci.yml).
    Gitlab,
}

/// `hearth schema`.
#[derive(Debug, clap::Args)]
pub struct SchemaArgs {
    /// Folder to write the schemas into.
    #[arg(long, default_value = "schemas")]
    pub output: PathBuf,
}

/// Content kinds `hearth new` can create.
#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum NewKind {
    /// A course (a folder with _index.md).
    Course,
    /// A module of a course.
    Module,
    /// A policy brief.
    Brief,
    /// A charter commitment.
    Commitment,
    /// An ordinary page.
    Page,
}

/// `hearth translate`.
#[derive(Debug, clap::Args)]
pub struct TranslateArgs {
    /// The page to translate, such as content/about.md.
    pub page: PathBuf,
    /// The language to translate it into, such as cy.
    pub language: String,
    /// The site folder.
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
}

/// `hearth new`.
#[derive(Debug, clap::Args)]
pub struct NewArgs {
    /// The kind of content.
    pub kind: NewKind,
    /// Its title.
    pub title: String,
    /// The section folder under content/ to create it in, such as courses/first-steps.
    #[arg(long = "in")]
    pub section: Option<PathBuf>,
    /// The site folder.
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
}

/// Kinds of page a Word document can become.
#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum ImportKind {
    /// A policy brief.
    Brief,
    /// A module of a course.
    Module,
    /// An ordinary page.
    Page,
    /// A charter commitment.
    Commitment,
}

/// `hearth import`.
#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// A Word document (.docx), or a lesson folder (Carpentries Workbench or Quarto).
    pub source: PathBuf,
    /// The kind of page a Word document becomes [default: page].
    #[arg(long = "as", value_enum)]
    pub kind: Option<ImportKind>,
    /// The site folder.
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// The folder to write into, such as briefs or content/courses/NAME.
    #[arg(long)]
    pub into: Option<PathBuf>,
    /// Replace files that are already there.
    #[arg(long)]
    pub force: bool,
}
