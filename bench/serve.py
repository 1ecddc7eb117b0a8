#!/usr/bin/env python3
"""Benchmark of `hearth serve` on the generated benchmark site.

Measures, on a copy of the site (the cached one is never edited):
  * start-up: from launching `hearth serve` to its "Serving" line, beside a
    full `hearth build` of the same site;
  * a one-page edit: from writing the file to the new page being served
    (the live-reload event received, then the page fetched with the new text);
  * a title edit (front matter): from writing the file to the page being
    served with its new title, once with a new title that moves the page in
    its section's order and once with `, edited N` added to the title,
    which keeps the order;
  * a tag edit (front matter, a new topic): from writing the file to the new
    term's page being served with a link to the page;
  * a template edit: from writing the template to the reload event;
  * under load (wrk, if installed): a page and the 404 page, counting socket
    errors and timeouts, which must be zero.

Usage: bench/serve.py [PAGES] [EDITS]   (defaults 10000 and 10)
LANGUAGES=cy builds the site in a further language (gen_site.py
--languages): the pages are shared out between the languages, and the
edits fall on pages of each.
Needs target/release/hearth (bench/run.sh builds it) and the generated site
(bench/run.sh or bench/gen_site.py make it).
"""

import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
BINARY = os.environ.get("HEARTH_BIN", os.path.join(REPO, "target", "release", "hearth"))
LANGUAGES = [code for code in os.environ.get("LANGUAGES", "").split(",") if code]


def cached_site(pages):
    suffix = "".join(f"-{code}" for code in LANGUAGES)
    site = os.path.join(HERE, ".cache", f"site-{pages}-seed1{suffix}", "hearth")
    if not os.path.isdir(site):
        subprocess.run(
            [sys.executable, os.path.join(HERE, "gen_site.py"), "--pages", str(pages),
             "--out", site, "--languages", ",".join(LANGUAGES)],
            check=True,
        )
    return site


def time_build(site):
    out = tempfile.mkdtemp(prefix="hearth-bench-out-")
    shutil.rmtree(out)
    started = time.perf_counter()
    subprocess.run([BINARY, "build", "--root", site, "--output", out], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    elapsed = time.perf_counter() - started
    shutil.rmtree(out, ignore_errors=True)
    return elapsed


class Events:
    """A raw Server-Sent Events listener."""

    def __init__(self, port):
        self.sock = socket.create_connection(("127.0.0.1", port))
        self.sock.sendall(b"GET /__hearth/events HTTP/1.1\r\nHost: bench\r\n\r\n")
        self.buffer = b""
        self.wait("ok", 30)

    def wait(self, name, timeout):
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            marker = f"event: {name}\n".encode()
            at = self.buffer.find(marker)
            if at >= 0:
                self.buffer = self.buffer[at + len(marker):]
                return time.perf_counter()
            self.sock.settimeout(max(0.01, deadline - time.perf_counter()))
            try:
                chunk = self.sock.recv(65536)
            except socket.timeout:
                break
            if not chunk:
                break
            self.buffer += chunk
        raise RuntimeError(f"no {name} event within {timeout} s")


def fetch(url):
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read().decode("utf-8", "replace")


def start_server(site):
    started = time.perf_counter()
    process = subprocess.Popen([BINARY, "serve", "--root", site, "--port", "0"],
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    line = process.stdout.readline()
    elapsed = time.perf_counter() - started
    match = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
    if not match:
        process.kill()
        raise RuntimeError(f"hearth serve did not start: {line!r}")
    return process, int(match.group(1)), elapsed


def content_pages(site):
    return sorted(
        os.path.join(folder, name)
        for folder, _, names in os.walk(os.path.join(site, "content"))
        for name in names if name.endswith(".md") and not name.startswith("_index.")
    )


def language_prefix(path):
    """Where the pages of `path`'s language are: `/cy` for `about.cy.md`."""
    code = path[:-3].rsplit(".", 1)[-1] if path.count(".") > 1 else ""
    return f"/{code}" if code in LANGUAGES else ""


def url_path(site, path):
    """The URL path (`/section/page/`, `/cy/section/page/`) of a page of
    the generated site."""
    relative = os.path.relpath(path, os.path.join(site, "content"))
    prefix = language_prefix(relative)
    stem = relative[:-3] if not prefix else relative[:-3 - len(prefix)]
    parts = "/".join(re.sub(r"^\d+-", "", part) for part in stem.split(os.sep))
    return f"{prefix}/{parts.lower()}/"


def fetch_when_there(url):
    """The page at `url`, or an empty string while it is not served yet."""
    try:
        return fetch(url)
    except urllib.error.HTTPError:
        return ""


def served_after(path, mode, text, events, url, marker, get):
    """Seconds from writing `text` to `path` (mode "a" or "w") to the page
    at `url` being served with `marker`, fetched with `get`."""
    with open(path, mode, encoding="utf-8") as file:
        started = time.perf_counter()
        file.write(text)
    events.wait("reload", 30)
    while marker not in get(url):
        time.sleep(0.001)
    return time.perf_counter() - started


def page_edits(site, port, events, count):
    pages = content_pages(site)
    timings = []
    for n in range(count):
        path = pages[(n * 7919) % len(pages)]
        url = f"http://127.0.0.1:{port}{url_path(site, path)}"
        marker = f"bench-edit-{n}-{time.time_ns()}"
        text = f"\n\n{marker}\n"
        timings.append(served_after(path, "a", text, events, url, marker, fetch))
        time.sleep(0.3)
    return timings


def front_edits(site, port, events, count, kind):
    """Title, kept-order title or tag edits: each changes one line of a
    page's front matter."""
    pages = content_pages(site)
    timings = []
    offset = 2003 if kind == "kept" else 4001
    for n in range(count):
        path = pages[(n * 7919 + offset) % len(pages)]
        page = url_path(site, path)
        stamp = f"{n}x{time.time_ns()}"
        with open(path, encoding="utf-8") as file:
            text = file.read()
        if kind == "title":
            field, line = "title:", f'title: "Bench title {stamp}"'
            url, marker = f"http://127.0.0.1:{port}{page}", f"Bench title {stamp}"
        elif kind == "kept":
            old = next(l for l in text.splitlines() if l.startswith("title:"))
            field, line = "title:", f'{old[:-1]}, edited {n}"'
            url, marker = f"http://127.0.0.1:{port}{page}", f", edited {n}"
        else:
            tag = f"benchtag{stamp}"
            field, line = "topics:", f'topics: ["{tag}"]'
            terms = f"{language_prefix(path)}/topics/{tag}/"
            url, marker = f"http://127.0.0.1:{port}{terms}", f'"{page}"'
        old = next(l for l in text.splitlines() if l.startswith(field))
        edited = text.replace(old, line, 1)
        get = fetch_when_there
        timings.append(served_after(path, "w", edited, events, url, marker, get))
        time.sleep(0.3)
    return timings


def template_edits(site, events, count):
    template = os.path.join(site, "templates", "page.html")
    timings = []
    for n in range(count):
        with open(template, "a", encoding="utf-8") as file:
            started = time.perf_counter()
            file.write(f"{{# edit {n} #}}\n")
        timings.append(events.wait("reload", 60) - started)
        time.sleep(0.3)
    return timings


def load_test(port):
    if shutil.which("wrk") is None:
        return ["wrk is not installed (apt-get install wrk): load test skipped"]
    lines = []
    for name, path in (("a page", "/section-01/"), ("the 404 page", "/no/such/page/")):
        result = subprocess.run(
            ["wrk", "-t2", "-c64", "-d10s", "--timeout", "5s", f"http://127.0.0.1:{port}{path}"],
            capture_output=True, text=True, check=True,
        ).stdout
        requests = re.search(r"(\d+) requests in", result)
        errors = re.search(r"Socket errors: (.*)", result)
        rate = re.search(r"Requests/sec:\s+([\d.]+)", result)
        lines.append(
            f"wrk, {name}: {requests.group(1) if requests else '?'} requests, "
            f"{rate.group(1) if rate else '?'}/s, socket errors: {errors.group(1) if errors else 'none'}"
        )
    return lines


def main():
    pages = int(sys.argv[1]) if len(sys.argv) > 1 else 10000
    edits = int(sys.argv[2]) if len(sys.argv) > 2 else 10
    if not os.access(BINARY, os.X_OK):
        sys.exit(f"{BINARY} is missing: run cargo build --release first")
    work = tempfile.mkdtemp(prefix="hearth-serve-bench-")
    site = os.path.join(work, "site")
    shutil.copytree(cached_site(pages), site)
    os.makedirs(os.path.join(site, "templates"))
    shutil.copy(os.path.join(REPO, "themes", "default", "templates", "page.html"),
                os.path.join(site, "templates", "page.html"))
    build = time_build(site)
    process, port, startup = start_server(site)
    try:
        events = Events(port)
        page = page_edits(site, port, events, edits)
        title = front_edits(site, port, events, edits, "title")
        kept = front_edits(site, port, events, edits, "kept")
        tag = front_edits(site, port, events, edits, "tag")
        template = template_edits(site, events, max(3, edits // 3))
        load = load_test(port)
    finally:
        process.terminate()
        process.wait()
        shutil.rmtree(work, ignore_errors=True)
    report = [
        f"hearth serve benchmark, {pages} pages"
        + (f" in {1 + len(LANGUAGES)} languages" if LANGUAGES else ""),
        f"full build (hearth build): {build:.2f} s",
        f"serve start-up to first request: {startup:.2f} s",
        f"one-page edit to new page served: median {statistics.median(page) * 1000:.0f} ms, "
        f"max {max(page) * 1000:.0f} ms over {len(page)} edits",
        f"title edit to new title served: median {statistics.median(title) * 1000:.0f} ms, "
        f"max {max(title) * 1000:.0f} ms over {len(title)} edits",
        f"order-kept title edit to new title served: median {statistics.median(kept) * 1000:.0f} ms, "
        f"max {max(kept) * 1000:.0f} ms over {len(kept)} edits",
        f"tag edit to new term page served: median {statistics.median(tag) * 1000:.0f} ms, "
        f"max {max(tag) * 1000:.0f} ms over {len(tag)} edits",
        f"template edit to reload: median {statistics.median(template) * 1000:.0f} ms, "
        f"max {max(template) * 1000:.0f} ms over {len(template)} edits",
        *load,
    ]
    print("\n".join(report))
    os.makedirs(os.path.join(HERE, ".cache"), exist_ok=True)
    with open(os.path.join(HERE, ".cache", f"serve-results-{pages}{''.join('-' + c for c in LANGUAGES)}.txt"), "w", encoding="utf-8") as file:
        file.write("\n".join(report) + "\n")


if __name__ == "__main__":
    main()
