#!/usr/bin/env bash
# Hearth's one test command, for a fresh Debian machine or a used one.
#
#   scripts/test.sh            (from any folder)
#
# 1. installs what is missing: Debian's chromium, firefox-esr and WebKitGTK's
#    WebDriver (webkit2gtk-driver, run on xvfb's virtual display), a Java
#    runtime (for the Nu Html Checker), nginx, Apache, Python's venv and the
#    browser checks' npm packages (tests/browser);
# 2. runs the Rust suite: cargo test --all-targets (property tests included,
#    PROPTEST_CASES cases each, 64 unless set);
# 3. checks the YAML of the CI workflows that cannot run here
#    (scripts/check_workflows.py);
# 4. builds the Python wheel (maturin, from PyPI) from this checkout,
#    installs it into a fresh virtual environment, and uses that installed
#    `hearth` from here on, as someone without Rust would;
# 5. builds the default site under a subpath with it, as a council would
#    host it, and checks a page's content;
# 6. runs tests/browser/check.mjs on it (browser, axe-core, links, keyboard,
#    reflow, privacy, Nu Html Checker) and saves screenshots, then
#    tests/browser/search.mjs (search) on it;
# 7. serves it through nginx and Apache, configured as docs/deploy.md says,
#    and checks every file and search through each (scripts/servers.sh);
# 8. builds the offline copy and runs tests/browser/offline.mjs on it
#    (opened from disk: links, styles, search, axe-core, Nu Html Checker),
#    tests/browser/offline-firefox.mjs (the same from disk in Firefox) and
#    tests/browser/offline-webkit.mjs (in WebKit, Safari's engine);
# 9. runs tests/browser/preview.mjs: `hearth serve` on a copy of the default
#    site, edited while a browser watches (live reload, errors, search).
# Exits non-zero on any failure.
set -euo pipefail

# Where the site is served in the browser checks, and the pages to photograph
# (NAME=PATH, PATH relative to the base path).
BASE_PATH="/compassionate-city/"
BASE_URL="http://127.0.0.1${BASE_PATH}"
SITE_DIR="target/browser-site"
# The wheel, and the virtual environments that build and install it.
WHEEL_DIR="target/wheel"
SHOTS_DIR="target/screenshots"
SHOTS=(
  "home=/"
  "course=/courses/charter-foundations/"
  "module=/courses/charter-foundations/what-the-charter-asks/"
  "charter=/charter/"
  "brief=/briefs/"
)
CHROMIUM="/usr/bin/chromium"

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

step() { printf '\n==> %s (at %d s)\n' "$*" "$SECONDS"; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo "$@"
  else
    echo "test.sh: need root to run: $*" >&2
    return 1
  fi
}

# ---------------------------------------------------------------- installs
missing=()
[ -x "$CHROMIUM" ] || missing+=(chromium)
# Firefox opens the offline copy too (tests/browser/offline-firefox.mjs).
[ -x /usr/bin/firefox-esr ] || missing+=(firefox-esr)
# And WebKit, Safari's engine (tests/browser/offline-webkit.mjs): WebKitGTK
# through its WebDriver, on a virtual display (xvfb-run, which needs xauth).
[ -x /usr/bin/WebKitWebDriver ] || missing+=(webkit2gtk-driver)
command -v xvfb-run >/dev/null 2>&1 || missing+=(xvfb)
command -v xauth >/dev/null 2>&1 || missing+=(xauth)
command -v java >/dev/null 2>&1 || missing+=(default-jre-headless)
# jing validates the Atom feeds against RFC 4287's RELAX NG schema (tests/navigation.rs).
command -v jing >/dev/null 2>&1 || missing+=(jing)
# Real web servers for the deployment checks (docs/deploy.md), and venv to
# install the wheel as a user would.
[ -x /usr/sbin/nginx ] || missing+=(nginx)
[ -x /usr/sbin/apache2 ] || missing+=(apache2)
python3 -m venv --help >/dev/null 2>&1 || missing+=(python3-venv)
if [ "${#missing[@]}" -gt 0 ]; then
  step "Installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  # Update the package lists only when needed: when there are none yet, or
  # when the install fails on old ones.
  if ! compgen -G '/var/lib/apt/lists/*_Packages*' >/dev/null; then
    as_root apt-get update
  fi
  if ! as_root apt-get install -y "${missing[@]}"; then
    as_root apt-get update
    as_root apt-get install -y "${missing[@]}"
  fi
fi
[ -x "$CHROMIUM" ] || { echo "test.sh: $CHROMIUM is still missing" >&2; exit 1; }
[ -x /usr/bin/WebKitWebDriver ] || { echo "test.sh: WebKitWebDriver is still missing" >&2; exit 1; }
command -v xvfb-run >/dev/null 2>&1 || { echo "test.sh: xvfb-run is still missing" >&2; exit 1; }
command -v xauth >/dev/null 2>&1 || { echo "test.sh: xauth is still missing" >&2; exit 1; }
command -v java >/dev/null 2>&1 || { echo "test.sh: java is still missing" >&2; exit 1; }
command -v jing >/dev/null 2>&1 || { echo "test.sh: jing is still missing" >&2; exit 1; }
[ -x /usr/sbin/nginx ] || { echo "test.sh: nginx is still missing" >&2; exit 1; }
[ -x /usr/sbin/apache2 ] || { echo "test.sh: apache2 is still missing" >&2; exit 1; }
python3 -m venv --help >/dev/null 2>&1 || { echo "test.sh: python3's venv is still missing" >&2; exit 1; }

command -v node >/dev/null 2>&1 || { echo "test.sh: node (20 or newer) is needed for the browser checks" >&2; exit 1; }
node_major="$(node -p 'process.versions.node.split(".")[0]')"
if [ "$node_major" -lt 20 ]; then
  echo "test.sh: node $(node -v) is too old; the browser checks need node 20 or newer" >&2
  exit 1
fi

NM="tests/browser/node_modules"
if [ ! -d "$NM" ] || [ ! -f "$NM/.package-lock.json" ] \
   || [ tests/browser/package-lock.json -nt "$NM/.package-lock.json" ]; then
  step "Installing the browser checks' npm packages (npm ci)"
  # --ignore-scripts: vnu-jar's postinstall would try to download a Java
  # runtime of its own; Debian's Java is used instead.
  npm ci --prefix tests/browser --ignore-scripts --no-audit --no-fund
fi

# ------------------------------------------------------------------- tests
step "Rust suite: cargo test --all-targets"
# A failing snapshot is reported, not written beside the tests as .snap.new
# (set INSTA_UPDATE=auto to get those for `cargo insta review`).
INSTA_UPDATE="${INSTA_UPDATE:-no}" cargo test --all-targets

step "The tools' virtual environment: maturin and PyYAML from PyPI"
rm -rf "$WHEEL_DIR"
python3 -m venv "$WHEEL_DIR/tools"
"$WHEEL_DIR/tools/bin/pip" install --quiet --disable-pip-version-check maturin pyyaml

step "CI workflows that cannot run here: YAML and shape"
"$WHEEL_DIR/tools/bin/python" scripts/check_workflows.py

step "The Python wheel: built, then installed into a fresh virtual environment"
# Built from the dev profile, which the Rust suite above has just compiled:
# a release build would compile every dependency again (over six minutes on
# two cores). What is checked here is the packaging: the wheel installs a
# working `hearth` for someone without Rust. The release workflow builds the
# published wheels with --release; set WHEEL_PROFILE=release to check that.
"$WHEEL_DIR/tools/bin/maturin" build --profile "${WHEEL_PROFILE:-dev}" --locked --out "$WHEEL_DIR/dist"
python3 -m venv "$WHEEL_DIR/user"
"$WHEEL_DIR/user/bin/pip" install --quiet --disable-pip-version-check --no-index "$WHEEL_DIR"/dist/hearth_ssg-*.whl
# The command the wheel installs, found on PATH as after `source bin/activate`.
HEARTH="$(PATH="$ROOT/$WHEEL_DIR/user/bin:$PATH" command -v hearth)"
[ "$HEARTH" = "$ROOT/$WHEEL_DIR/user/bin/hearth" ] || { echo "test.sh: the wheel installed no hearth command (found: $HEARTH)" >&2; exit 1; }
version="$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -n 1)"
[ "$("$HEARTH" --version)" = "hearth $version" ] || { echo "test.sh: the installed hearth says $("$HEARTH" --version), not hearth $version" >&2; exit 1; }
echo "Installed: $HEARTH ($("$HEARTH" --version))"

step "Building the default site into $SITE_DIR (base URL $BASE_URL) with the installed hearth"
rm -rf "$SITE_DIR"
"$HEARTH" build --root . --output "$SITE_DIR" --base-url "$BASE_URL"
# A page as built: the first course's page has its title as its heading and
# links under the base path.
course_title="$(sed -n 's/^title: *"\{0,1\}\([^"]*\)"\{0,1\} *$/\1/p' content/courses/01-charter-foundations/_index.md | head -n 1)"
course_page="$SITE_DIR/courses/charter-foundations/index.html"
grep -qF ">$course_title</h1>" "$course_page" \
  || { echo "test.sh: $course_page has no <h1> \"$course_title\"" >&2; exit 1; }
grep -q "href=\"${BASE_PATH}style.css?h=" "$course_page" \
  || { echo "test.sh: $course_page does not link its styles under $BASE_PATH" >&2; exit 1; }

step "Browser checks on $SITE_DIR"
shot_args=()
for shot in "${SHOTS[@]}"; do
  shot_args+=(--shot "$shot")
done
node tests/browser/check.mjs \
  --site "$SITE_DIR" \
  --base-path "$BASE_PATH" \
  --base-url "$BASE_URL" \
  --chromium "$CHROMIUM" \
  --screenshots "$SHOTS_DIR" \
  "${shot_args[@]}"

step "Search in the browser on $SITE_DIR"
node tests/browser/search.mjs \
  --site "$SITE_DIR" \
  --base-path "$BASE_PATH" \
  --chromium "$CHROMIUM" \
  --screenshots "$SHOTS_DIR"

step "nginx and Apache, set up as docs/deploy.md says, serving $SITE_DIR"
scripts/servers.sh "$SITE_DIR" "$CHROMIUM"

OFFLINE_DIR="target/browser-offline"
step "The offline copy of the default site, opened from disk ($OFFLINE_DIR)"
rm -rf "$OFFLINE_DIR"
"$HEARTH" build --root . --offline --output "$OFFLINE_DIR"
node tests/browser/offline.mjs --site "$OFFLINE_DIR" --chromium "$CHROMIUM"
node tests/browser/offline-firefox.mjs --site "$OFFLINE_DIR" --firefox /usr/bin/firefox-esr
# WebKitGTK draws on a display: xvfb-run gives it a virtual one (-a: the
# first free display number).
xvfb-run -a node tests/browser/offline-webkit.mjs --site "$OFFLINE_DIR" --driver /usr/bin/WebKitWebDriver

step "The preview server in the browser, on a copy of the default site"
node tests/browser/preview.mjs \
  --hearth "$HEARTH" \
  --site . \
  --chromium "$CHROMIUM"
