#!/usr/bin/env python3
"""Checks the CI files that cannot run here: the release workflow
(.github/workflows/release.yml) and the publishing workflows that
`hearth init --ci` writes (src/workflows/). Each must be valid YAML with the
shape its host reads: for GitHub Actions, triggers and jobs whose steps
each use an action (owner/name@version) or run a command, `needs` naming
jobs that exist and `${{ }}` expressions closed; for GitLab CI, a `pages`
job with a script and `public` as its artifact.

    python3 scripts/check_workflows.py     (needs PyYAML)

Prints one line per file; exits 1 naming each problem.
"""

import pathlib
import re
import sys

import yaml

ROOT = pathlib.Path(__file__).resolve().parent.parent
ACTION = re.compile(r"^[A-Za-z0-9_.-]+/[A-Za-z0-9_./-]+@[A-Za-z0-9_.-]+$")


def strings(value):
    """Every string in a parsed YAML document."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from strings(key)
            yield from strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)


def github(workflow):
    problems = []
    # YAML 1.1 reads the key `on` as true.
    if "on" not in workflow and True not in workflow:
        problems.append("no `on:` triggers")
    jobs = workflow.get("jobs")
    if not isinstance(jobs, dict) or not jobs:
        return problems + ["no jobs"]
    for name, job in jobs.items():
        if "runs-on" not in job:
            problems.append(f"job {name}: no runs-on")
        needs = job.get("needs", [])
        for needed in [needs] if isinstance(needs, str) else needs:
            if needed not in jobs:
                problems.append(f"job {name}: needs unknown job {needed}")
        steps = job.get("steps")
        if not isinstance(steps, list) or not steps:
            problems.append(f"job {name}: no steps")
            continue
        for number, step in enumerate(steps, 1):
            kinds = [key for key in ("uses", "run") if key in step]
            if len(kinds) != 1:
                problems.append(f"job {name}, step {number}: needs one of uses or run, has {kinds}")
            elif "uses" in step and not ACTION.match(step["uses"]):
                problems.append(f"job {name}, step {number}: `{step['uses']}` is not owner/name@version")
    for text in strings(workflow):
        if text.count("${{") != text.count("}}"):
            problems.append(f"an unclosed expression in: {text[:60]}")
    return problems


def gitlab(pipeline):
    job = pipeline.get("pages")
    if not isinstance(job, dict):
        return ["no `pages` job"]
    problems = []
    if not isinstance(job.get("script"), list) or not job["script"]:
        problems.append("the pages job has no script")
    if "public" not in job.get("artifacts", {}).get("paths", []):
        problems.append("the pages job does not keep public/ as its artifact")
    return problems


def main():
    files = {
        ".github/workflows/release.yml": github,
        "src/workflows/github-pages.yml": github,
        "src/workflows/gitlab-pages.yml": gitlab,
    }
    failed = False
    for name, check in files.items():
        try:
            document = yaml.safe_load((ROOT / name).read_text(encoding="utf-8"))
        except (OSError, yaml.YAMLError) as error:
            print(f"{name}: {error}")
            failed = True
            continue
        problems = check(document) if isinstance(document, dict) else ["not a YAML mapping"]
        for problem in problems:
            print(f"{name}: {problem}")
        failed = failed or bool(problems)
        if not problems:
            print(f"{name}: ok")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
