//! Publishing: the workflows `hearth init --ci` writes, the Python package
//! that installs the command, and docs/deploy.md showing what they are.

mod common;

use std::fs;
use std::path::Path;
use std::process::Command;

use common::TestSite;

/// Runs `hearth init site ARGS...` in a new temporary folder; returns the site.
fn init(args: &[&str]) -> TestSite {
    let site = TestSite::empty();
    let parent = site.root.parent().expect("a parent").to_path_buf();
    fs::remove_dir(&site.root).expect("an empty folder to replace");
    let output = Command::new(env!("CARGO_BIN_EXE_hearth"))
        .arg("init")
        .arg("site")
        .args(args)
        .current_dir(&parent)
        .output()
        .expect("run hearth");
    assert!(
        output.status.success(),
        "hearth init failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    site
}

fn yaml(path: &Path) -> serde_yaml::Value {
    let text =
        fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    serde_yaml::from_str(&text).unwrap_or_else(|e| panic!("{} is not YAML: {e}", path.display()))
}

/// The package name `pyproject.toml` gives.
fn package_name() -> String {
    let text = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("pyproject.toml"))
        .expect("read pyproject.toml");
    let line = text
        .lines()
        .find(|line| line.starts_with("name = "))
        .expect("pyproject.toml names its package");
    line["name = ".len()..].trim_matches('"').to_string()
}

/// Checks a workflow's install command pins this version of the package
/// pyproject.toml builds, then runs its build command (with `base_url`
/// for the host's variable) and returns the built home page.
fn install_and_build(site: &TestSite, commands: &[&str], base_url: &str) -> String {
    let install = format!(
        "pip install \"{}=={}\"",
        package_name(),
        env!("CARGO_PKG_VERSION")
    );
    assert!(commands.contains(&install.as_str()), "{commands:?}");
    let build = commands
        .iter()
        .find(|command| command.starts_with("hearth build"))
        .expect("a build command");
    let start = build.find("--base-url \"").expect("a base URL") + "--base-url \"".len();
    let end = start + build[start..].find("/\"").expect("a closing quote");
    let command = format!("{}{base_url}/{}", &build[..start - 1], &build[end + 2..]);
    let args: Vec<&str> = command.split_whitespace().skip(1).collect();
    let run = site.run(&args);
    assert_eq!(run.code, 0, "`{command}` failed:\n{}", run.stderr);
    fs::read_to_string(site.root.join("public/index.html")).expect("the built home page")
}

#[test]
fn init_with_ci_github_writes_a_pages_workflow_that_builds_the_site_under_its_path() {
    let site = init(&["--ci", "github"]);
    let workflow = yaml(&site.root.join(".github/workflows/pages.yml"));
    let steps = workflow["jobs"]["build"]["steps"]
        .as_sequence()
        .expect("build steps");
    let runs: Vec<&str> = steps
        .iter()
        .filter_map(|step| step["run"].as_str())
        .collect();
    let uses: Vec<&str> = steps
        .iter()
        .filter_map(|step| step["uses"].as_str())
        .collect();
    assert!(uses
        .iter()
        .any(|action| action.starts_with("actions/upload-pages-artifact@")));
    let upload = steps
        .iter()
        .find(|step| {
            step["uses"]
                .as_str()
                .is_some_and(|u| u.starts_with("actions/upload-pages-artifact@"))
        })
        .expect("an upload step");
    assert_eq!(upload["with"]["path"].as_str(), Some("public"));
    assert_eq!(workflow["permissions"]["pages"].as_str(), Some("write"));
    let home = install_and_build(&site, &runs, "https://kindred.github.io/compassionate-city");
    assert!(
        home.contains("href=\"/compassionate-city/style.css"),
        "{home}"
    );
    assert!(!site.root.join(".gitlab-ci.yml").exists());
}

#[test]
fn init_with_ci_gitlab_writes_a_pages_job_that_builds_the_site_under_its_path() {
    let site = init(&["--ci", "gitlab"]);
    let pipeline = yaml(&site.root.join(".gitlab-ci.yml"));
    let job = &pipeline["pages"];
    let script: Vec<&str> = job["script"]
        .as_sequence()
        .expect("a script")
        .iter()
        .filter_map(|line| line.as_str())
        .collect();
    assert_eq!(job["artifacts"]["paths"][0].as_str(), Some("public"));
    let home = install_and_build(
        &site,
        &script,
        "https://kindred.gitlab.io/compassionate-city",
    );
    assert!(
        home.contains("href=\"/compassionate-city/style.css"),
        "{home}"
    );
    assert!(!site.root.join(".github").exists());
}

#[test]
fn init_without_ci_writes_no_workflow_and_an_unknown_host_is_a_usage_error() {
    let site = init(&[]);
    assert!(site.root.join("site.yaml").is_file());
    assert!(!site.root.join(".github").exists());
    assert!(!site.root.join(".gitlab-ci.yml").exists());
    let run = site.run(&["init", "other", "--ci", "bitbucket"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(!site.root.join("other").exists());
}

/// docs/deploy.md shows each workflow as `hearth init --ci` writes it
/// (for version 0.1.0), so the two cannot drift apart.
#[test]
fn deploy_doc_shows_the_workflows_init_writes() {
    let doc = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/deploy.md"))
        .expect("read docs/deploy.md");
    for host in [hearth::cli::CiHost::Github, hearth::cli::CiHost::Gitlab] {
        let (path, text) = hearth::init::workflow(host);
        let shown = text.replace(&format!("=={}\"", env!("CARGO_PKG_VERSION")), "==0.1.0\"");
        assert!(
            doc.contains(&format!("```yaml\n{shown}```\n")),
            "docs/deploy.md does not show {path} as `hearth init --ci {host:?}` writes it:\n{shown}"
        );
    }
}
