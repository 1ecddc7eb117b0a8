#!/usr/bin/env python3
"""Benchmark: one photo edited while `hearth serve` runs, to its new sizes served.

Usage: bench/image_edit.py SITE [EDITS]   (default 5 edits)

SITE is the image benchmark's site with photos (bench/images.sh makes it,
and its builds fill its image cache). The site is copied first, its files
hard-linked (the photos are large) and every file Hearth rewrites in place
copied, so the benchmark's site is never changed. Then, for each edit:
one photo, a different one each time, is saved again turned round (an EXIF
orientation tag saying "turn 180 degrees" put in front of its data, as a
photo editor's rotate does without touching the pixels); the clock runs
from that save to the server answering the photo's 800 pixel WebP size
with the new, turned pixels: the page beside it names that size anew (its
name holds the photo's content hash), and the new size is served. Every
other photo stays cached. Prints each
edit's time and the median. The target is 1 s.

Needs the Hearth binary: HEARTH_BIN, or target/release/hearth.
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
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
BINARY = os.environ.get("HEARTH_BIN", os.path.join(REPO, "target", "release", "hearth"))


def copy_site(source, target):
    """Hard-links the site's files into target; copies the files directly in
    the image cache's folder (Hearth rewrites those in place)."""
    shutil.copytree(source, target, copy_function=os.link)
    cache = os.path.join(target, ".hearth-cache", "images")
    if os.path.isdir(cache):
        for name in os.listdir(cache):
            path = os.path.join(cache, name)
            if os.path.isfile(path):
                shutil.copy(path, path + ".copy")
                os.replace(path + ".copy", path)


def turned(jpeg, photo):
    """The JPEG with an EXIF segment saying "turn 180 degrees" after its
    start marker (and a comment naming the edit, so each is new)."""
    tiff = b"MM\x00\x2a\x00\x00\x00\x08" + b"\x00\x01" + b"\x01\x12\x00\x03\x00\x00\x00\x01\x00\x03\x00\x00" + b"\x00\x00\x00\x00"
    exif = b"Exif\x00\x00" + tiff
    segment = b"\xff\xe1" + (len(exif) + 2).to_bytes(2, "big") + exif
    comment = f"edit of photo {photo} at {time.time_ns()}".encode()
    segment += b"\xff\xfe" + (len(comment) + 2).to_bytes(2, "big") + comment
    return jpeg[:2] + segment + jpeg[2:]


class Events:
    """A raw listener of the preview's Server-Sent Events."""

    def __init__(self, port):
        self.sock = socket.create_connection(("127.0.0.1", port))
        self.sock.sendall(b"GET /__hearth/events HTTP/1.1\r\nHost: bench\r\n\r\n")
        self.buffer = b""
        self.wait("ok", 60)

    def wait(self, name, timeout):
        deadline = time.perf_counter() + timeout
        marker = f"event: {name}\n".encode()
        while time.perf_counter() < deadline:
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


def size_url(port, page, name):
    """The address of the 800 pixel WebP size of photo `name` that the page
    at `page` shows, or None."""
    html = fetch(f"http://127.0.0.1:{port}{page}").decode("utf-8", "replace")
    found = re.search(rf"/_images/{re.escape(name)}-[0-9a-f]{{12}}-800w\.webp", html)
    return f"http://127.0.0.1:{port}{found.group(0)}" if found else None


def fetch(url):
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.read()
    except OSError:
        return b""


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    source = os.path.abspath(sys.argv[1])
    edits = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    if not os.access(BINARY, os.X_OK):
        sys.exit(f"{BINARY} is missing: run cargo build --release first, or set HEARTH_BIN")
    photos = sorted(
        os.path.join(folder, name)
        for folder, _, names in os.walk(os.path.join(source, "content"))
        for name in names if name.endswith(".jpg")
    )
    if len(photos) < edits:
        sys.exit(f"{source} has {len(photos)} photos, fewer than {edits} edits")
    work = tempfile.mkdtemp(prefix="hearth-image-edit-")
    site = os.path.join(work, "site")
    copy_site(source, site)
    process = subprocess.Popen([BINARY, "serve", "--root", site, "--port", "0"],
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    timings = []
    try:
        match = re.search(r"http://127\.0\.0\.1:(\d+)/", process.stdout.readline())
        if not match:
            raise RuntimeError("hearth serve did not start")
        port = int(match.group(1))
        events = Events(port)
        for n in range(edits):
            original = photos[(n * 37) % len(photos)]
            path = os.path.join(site, os.path.relpath(original, source))
            relative = os.path.relpath(path, os.path.join(site, "content"))
            folder, name = os.path.split(relative)
            page = f"/{folder.replace(os.sep, '/')}/"
            url = size_url(port, page, name[:-4])
            before = fetch(url) if url else b""
            if not before:
                raise RuntimeError(f"{page} shows no 800 pixel size of {name}")
            with open(path, "rb") as file:
                edited = turned(file.read(), n)
            # Saved as editors save: a new file put in place of the old one
            # (which also leaves the benchmark's own copy untouched).
            with open(path + ".saving", "wb") as file:
                file.write(edited)
            started = time.perf_counter()
            os.replace(path + ".saving", path)
            events.wait("reload", 60)
            while True:
                now_url = size_url(port, page, name[:-4])
                now = fetch(now_url) if now_url and now_url != url else b""
                if now and now != before:
                    break
                if time.perf_counter() - started > 60:
                    raise RuntimeError(f"{url} did not change within 60 s")
                time.sleep(0.002)
            timings.append(time.perf_counter() - started)
            print(f"edit {n + 1}: {os.path.relpath(original, source)} served again in "
                  f"{timings[-1] * 1000:.0f} ms", flush=True)
            time.sleep(0.5)
    finally:
        process.terminate()
        process.wait()
        shutil.rmtree(work, ignore_errors=True)
    print(f"one photo edited to its new size served: median {statistics.median(timings) * 1000:.0f} ms, "
          f"max {max(timings) * 1000:.0f} ms over {len(timings)} edits")


if __name__ == "__main__":
    main()
